/*
 * walk.h: read a list of logs in order, with mysqlbinlog's filters, and hand
 * every event that passes to a callback — the loop `events` and `analyze`
 * share.
 *
 * Filters (as mysqlbinlog): --start-position (first file), --stop-position
 * (last file), --start-datetime / --stop-datetime (event timestamps, local
 * time), --database (table map db for rows, default db for statements),
 * --table (rows and table maps only). FORMAT_DESCRIPTION events always pass.
 * The schema tracker, when given, sees every event before filtering, so DDL
 * outside the window still shapes the model.
 *
 * Damage: the error is printed with file:offset; on_error STOP ends the run,
 * SKIP steps over the event (bp_reader_skip) and goes on. The worst exit
 * status met is kept (common/errors.def).
 */
#ifndef BP_ANALYZER_WALK_H
#define BP_ANALYZER_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/opts.h"
#include "event.h"
#include "schema_log.h"

enum { BP_ON_ERROR_STOP = 0, BP_ON_ERROR_SKIP };

typedef struct bp_walk_opts {
	bool no_verify;              /* --no-verify-checksum */
	int on_error;                /* BP_ON_ERROR_* */
	bool has_start_pos, has_stop_pos;
	uint64_t start_pos, stop_pos;
	const char *start_dt, *stop_dt; /* 'YYYY-MM-DD HH:MM:SS' local time, or NULL */
	const char *database, *table;
	bool quiet;                  /* no notices */
	bool progress;               /* a progress line on stderr (only when it is a terminal) */
	bp_schema_tracker *tracker;  /* optional */
} bp_walk_opts;

typedef struct bp_walk_counts {
	uint64_t events, inner_events, rows, row_events, bytes, errors, notices;
} bp_walk_counts;

typedef struct bp_walk_calls {
	/* every event that passes the filters; return -1 to stop (an output error) */
	int (*event)(void *ctx, const char *path, const bp_event *ev);
	/* after each file (optional) */
	void (*file_done)(void *ctx, const char *path, const bp_walk_counts *c);
	void *ctx;
} bp_walk_calls;

/* The reading options, as rows of a command's bp_opt table (common/opts.h). */
#define BP_WALK_OPT_ROWS(w) \
	{ "start-position", 0, BP_OPT_U64, &(w).start_pos, "POS", "start at the first event at or after POS (first file)", NULL, &(w).has_start_pos }, \
	{ "stop-position", 0, BP_OPT_U64, &(w).stop_pos, "POS", "stop at the first event at or after POS (last file)", NULL, &(w).has_stop_pos }, \
	{ "start-datetime", 0, BP_OPT_STR, &(w).start_dt, "'YYYY-MM-DD HH:MM:SS'", "skip events before this local time", NULL, NULL }, \
	{ "stop-datetime", 0, BP_OPT_STR, &(w).stop_dt, "'YYYY-MM-DD HH:MM:SS'", "stop at the first event at or after this local time", NULL, NULL }, \
	{ "database", 'd', BP_OPT_STR, &(w).database, "DB", "only events for this database (rows: table map db; statements: default db)", NULL, NULL }, \
	{ "table", 't', BP_OPT_STR, &(w).table, "TABLE", "only row events and table maps of this table", NULL, NULL }, \
	{ "on-error", 0, BP_OPT_CHOICE, &(w).on_error, NULL, "on damaged input: stop (default) or skip to the next event", "stop|skip", NULL }, \
	{ "no-verify-checksum", 0, BP_OPT_FLAG, &(w).no_verify, NULL, "do not verify CRC32 event checksums", NULL, NULL }

/* Check the datetime options; prints the error and returns -1 when malformed. */
int bp_walk_check(const bp_walk_opts *o);

/*
 * Read files[0..n) in order. *total gets the sums. Returns the worst exit
 * status met (0 when all went well; 3 when the callback failed).
 */
int bp_walk(const bp_walk_opts *o, const bp_strlist *files, const bp_walk_calls *calls, bp_walk_counts *total);

#endif
