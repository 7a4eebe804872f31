/*
 * analysis.h: the suitability analysis of `binprime analyze` — aggregates over
 * every write's verdict (rewriter/prefetch.h), per run, per file, per table and
 * per class, over log time, with transaction sizes and a verdict — and its JSON
 * report ("format": "binprime-report/1", share/report.schema.json) and text
 * summary.
 *
 * Memory is flat: counters, fixed-size histograms (log-bucketed), a time series
 * that halves its resolution when it fills, the ten largest transactions, and
 * one entry per table written.
 */
#ifndef BP_REPORT_ANALYSIS_H
#define BP_REPORT_ANALYSIS_H

#include <stdint.h>
#include <stdio.h>

#include "../analyzer/event.h"
#include "../analyzer/schema.h"
#include "../common/buf.h"
#include "../rewriter/emit.h"
#include "../rewriter/prefetch.h"

typedef struct bp_analysis bp_analysis;

bp_analysis *bp_analysis_new(void);
void bp_analysis_free(bp_analysis *a);

/* A new input file starts (path copied). */
void bp_analysis_file(bp_analysis *a, const char *path);
/* Every event that passed the filters (volume, log time). */
void bp_analysis_event(bp_analysis *a, const bp_event *ev);
/*
 * One write: its verdict, table (db may be NULL for unknown), kind ('I' insert,
 * 'U' update, 'D' delete, 'S' other statement), and whether it is a row change
 * (else a statement).
 */
void bp_analysis_write(bp_analysis *a, const bp_pf_verdict *v, const char *db, const char *table, char kind,
		       bool row_change);
/* A transaction ended at event position pos of the current file. */
void bp_analysis_trx_end(bp_analysis *a, uint64_t start_pos);
/*
 * The time-ahead simulation's parameters: the apply thread's rate in row
 * changes per second (0: the log's own mean rate over its active seconds), the
 * prefetcher's threads and each thread's query rate (default 8000/s: the
 * ~125 us of server CPU a point SELECT costs on a small machine).
 */
void bp_analysis_simulate(bp_analysis *a, double apply_rate, unsigned threads, double query_rate);

/* After the last event: table signals from the schema, the emitter's figures, the verdict. */
void bp_analysis_finish(bp_analysis *a, bp_schema *s, const bp_emit_stats *st);

/* The JSON report (one object, newline-terminated). */
void bp_analysis_json(bp_buf *b, const bp_analysis *a);
/* The summary, in the manner of pt-query-digest. */
void bp_analysis_text(FILE *fp, const bp_analysis *a);

/* "good-fit", "partial-fit" or "poor-fit" (after finish). */
const char *bp_analysis_verdict(const bp_analysis *a);

#endif
