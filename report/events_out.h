/*
 * events_out.h: write decoded events as JSON Lines or as text in the manner
 * of `mariadb-binlog --base64-output=decode-rows -vv`.
 * Format documented in docs/events-format.md and share/events.schema.json.
 */
#ifndef BP_REPORT_EVENTS_OUT_H
#define BP_REPORT_EVENTS_OUT_H

#include "../analyzer/event.h"
#include "../common/buf.h"

/* One JSON object and a newline. file is the path shown in "file". */
void bp_event_json(bp_buf *b, const char *file, const bp_event *ev);
/* Text block for the event ("# at POS" header line, then details). */
void bp_event_text(bp_buf *b, const char *file, const bp_event *ev);

/*
 * The same, for row events with what the schema model knows: names (one per
 * column) adds "columns": [names] (text: a comment after each value), and
 * schema_note (e.g. "mismatch") adds "schema": note. Either may be NULL.
 */
void bp_event_json_ex(bp_buf *b, const char *file, const bp_event *ev, const char *const *names,
		      const char *schema_note);
void bp_event_text_ex(bp_buf *b, const char *file, const bp_event *ev, const char *const *names,
		      const char *schema_note);

#endif
