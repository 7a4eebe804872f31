/*
 * analyze_run.h: the per-event work of `binprime analyze`, apart from its
 * options and outputs, so the command and the fuzz harness run the same code.
 *
 * Fed every event that passed the filters, in order (the schema tracker must
 * have seen it first, as bp_walk does): GTIDs and BEGIN/COMMIT/XID delimit
 * transactions (the emitter batches across them), INTVAR/USER_VAR give the next
 * statement its context, and every row change and DML statement becomes a
 * verdict (rewriter/prefetch.h) for the analysis and lookups for the emitter.
 */
#ifndef BP_REPORT_ANALYZE_RUN_H
#define BP_REPORT_ANALYZE_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "../analyzer/event.h"
#include "../analyzer/schema.h"
#include "../analyzer/schema_log.h"
#include "../rewriter/emit.h"
#include "../rewriter/prefetch.h"
#include "analysis.h"

typedef struct bp_analyze_run {
	bp_schema *schema;          /* borrowed, like the three below */
	bp_schema_tracker *tracker;
	bp_emit *emit;
	bp_analysis *an;
	bp_pf_ctx pf;
	uint32_t server_version;    /* from the last FDE (executable comments) */
	char gtid[128];
	bool in_trx;                /* inside BEGIN..COMMIT (or a GTID group that is not standalone) */
	bool trx_open;              /* an event of the current transaction was seen */
	uint64_t trx_start;         /* its position */
	const char *cur_path;       /* the file being read (to tell the analysis when it changes) */
} bp_analyze_run;

/* max_rows: --max-rows (the LIMIT of WHERE-derived reads; 0: 1000). */
void bp_analyze_run_init(bp_analyze_run *a, bp_schema *s, bp_schema_tracker *tr, bp_emit *e, bp_analysis *an,
			 uint64_t max_rows);
void bp_analyze_run_release(bp_analyze_run *a);
void bp_analyze_run_event(bp_analyze_run *a, const char *path, const bp_event *ev);

#endif
