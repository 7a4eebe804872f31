/*
 * schema_log.h: keep the schema model true while reading a log.
 *
 * Fed every decoded event in order, the tracker applies DDL from QUERY events
 * to the model (so events after an ALTER map onto the altered table), checks
 * each TABLE_MAP against the model, and hands out the column names for a row
 * event's table. A TABLE_MAP that disagrees with the model (column count or
 * types) is reported once per table with its file:pos; that table's later
 * events get no names ("schema mismatch") until DDL in the log redefines it —
 * binprime never guesses names. A table known from no dump is added from its
 * TABLE_MAP (types only, names when binlog_row_metadata=FULL gave them).
 */
#ifndef BP_ANALYZER_SCHEMA_LOG_H
#define BP_ANALYZER_SCHEMA_LOG_H

#include "event.h"
#include "schema.h"

typedef struct bp_schema_tracker bp_schema_tracker;

typedef enum bp_names_status {
	BP_NAMES_OK = 0,        /* names from the model or from TABLE_MAP metadata */
	BP_NAMES_UNKNOWN,       /* the table is known only by its TABLE_MAP types */
	BP_NAMES_MISMATCH,      /* TABLE_MAP and model disagree */
} bp_names_status;

/* s is borrowed and changed by the tracker. */
bp_schema_tracker *bp_schema_tracker_new(bp_schema *s);
void bp_schema_tracker_free(bp_schema_tracker *tr);

/* Notices (DDL not understood, mismatches) go here; default: stderr. */
void bp_schema_tracker_on_notice(bp_schema_tracker *tr, void (*fn)(void *ctx, const char *path, uint64_t pos,
								   const char *msg), void *ctx);

/* Feed one event (top-level or inside a payload) of file path. */
void bp_schema_tracker_event(bp_schema_tracker *tr, const char *path, const bp_event *ev);

/*
 * Column names for the columns of table map m (n_columns of them), or NULL with
 * *status saying why. The array is owned by the tracker, valid until the next
 * TABLE_MAP or DDL event.
 */
const char *const *bp_schema_tracker_names(bp_schema_tracker *tr, const bp_table_map *m, bp_names_status *status);

/* Counters for reports and tests. */
typedef struct bp_schema_track_stats {
	uint64_t ddl_applied, ddl_failed, mismatches, tables_from_map;
} bp_schema_track_stats;
bp_schema_track_stats bp_schema_tracker_stats(const bp_schema_tracker *tr);

/* SQL type text for a TABLE_MAP column ("int unsigned", "varchar", "decimal(10,2)"). */
void bp_table_map_type_text(const bp_column *c, char *out, size_t size);
/* Do a TABLE_MAP column type and a model column agree? */
bool bp_schema_types_agree(const bp_column *mc, const bp_sch_column *sc);

#endif
