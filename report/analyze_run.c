/*
 * analyze_run.c: what `binprime analyze` does with each event (see analyze_run.h):
 * transactions and GTIDs tracked, statement context (INTVAR, USER_VAR) handed to
 * the rules, each write classified (rewriter/prefetch*.c), its lookups sent to
 * the emitter and its verdict to the analysis.
 */
#include "analyze_run.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../analyzer/format.h"
#include "../rewriter/dml.h"

void bp_analyze_run_init(bp_analyze_run *a, bp_schema *s, bp_schema_tracker *tr, bp_emit *e, bp_analysis *an,
			 uint64_t max_rows)
{
	memset(a, 0, sizeof(*a));
	a->schema = s;
	a->tracker = tr;
	a->emit = e;
	a->an = an;
	bp_pf_ctx_init(&a->pf, s, e);
	a->pf.max_where_rows = max_rows ? max_rows : 1000;
}

void bp_analyze_run_release(bp_analyze_run *a)
{
	bp_pf_ctx_release(&a->pf);
}

static void trx_end(bp_analyze_run *a)
{
	a->in_trx = false;
	a->trx_open = false;
	bp_analysis_trx_end(a->an, a->trx_start);
	bp_emit_trx_end(a->emit);
}

static char rows_kind(uint8_t k)
{
	return k == 'W' ? 'I' : k == 'D' ? 'D' : 'U';
}

static void on_rows(bp_analyze_run *a, const char *path, const bp_event *ev)
{
	const bp_ev_rows *r = &ev->rows;
	bp_pf_verdict v;
	uint32_t why = 0;
	const bp_sch_table *t = NULL;
	if (r->undecoded || !r->map) {
		why = r->map ? BP_R_UNDECODED : BP_R_NO_SCHEMA;
	} else {
		bp_names_status st;
		bp_schema_tracker_names(a->tracker, r->map, &st);
		t = st == BP_NAMES_MISMATCH ? NULL : bp_schema_lookup(a->schema, r->map->db, r->map->table);
		if (st == BP_NAMES_MISMATCH)
			why = BP_R_MISMATCH;
		else if (!t)
			why = BP_R_NO_SCHEMA;
	}
	uint64_t pos = ev->in_payload ? ev->payload_pos : ev->pos;
	bp_emit_origin(a->emit, path, pos, a->gtid, ev->h.timestamp, BP_C_OTHER);
	uint32_t n = r->n_rows ? r->n_rows : 1;
	const char *db = r->map ? r->map->db : NULL, *table = r->map ? r->map->table : NULL;
	for (uint32_t i = 0; i < n; i++) {
		if (why || !r->n_rows)
			bp_pf_unusable(r->kind, why ? why : BP_R_UNDECODED, &v);
		else
			bp_pf_row(&a->pf, r, &r->row[i], t, &v);
		/* an undecoded event's rows are unknown: one write stands for the event, not a row change */
		bp_analysis_write(a->an, &v, db, table, rows_kind(r->kind), r->n_rows != 0);
	}
	if (!a->in_trx)
		trx_end(a);
}

static void on_query(bp_analyze_run *a, const char *path, const bp_event *ev)
{
	bp_pf_verdict v;
	unsigned kind;
	uint64_t pos = ev->in_payload ? ev->payload_pos : ev->pos;
	bp_emit_origin(a->emit, path, pos, a->gtid, ev->h.timestamp, BP_C_OTHER);
	bool write = bp_pf_statement(&a->pf, &ev->query, a->server_version, &v, &kind);
	bp_pf_statement_done(&a->pf);
	if (write)
		bp_analysis_write(a->an, &v, v.db, v.table, v.kind, false);
	if (kind == BP_DML_BEGIN)
		a->in_trx = true;
	else if (kind == BP_DML_COMMIT || kind == BP_DML_ROLLBACK || !a->in_trx)
		trx_end(a);
}

void bp_analyze_run_event(bp_analyze_run *a, const char *path, const bp_event *ev)
{
	if (path != a->cur_path) {
		bp_analysis_file(a->an, path);
		a->cur_path = path;
	}
	bp_analysis_event(a->an, ev);
	if (!a->trx_open && ev->h.type != BP_EV_FORMAT_DESCRIPTION && ev->h.type != BP_EV_ROTATE &&
	    ev->h.type != BP_EV_TABLE_MAP) {
		a->trx_open = true;
		a->trx_start = ev->in_payload ? ev->payload_pos : ev->pos;
	}
	switch (ev->h.type) {
	case BP_EV_FORMAT_DESCRIPTION:
		a->server_version = bp_version_product(ev->fde.server_version);
		break;
	case BP_EV_MARIADB_GTID:
		snprintf(a->gtid, sizeof(a->gtid), "%" PRIu32 "-%" PRIu32 "-%" PRIu64, ev->mgtid.domain_id,
			 ev->h.server_id, ev->mgtid.seq_no);
		a->in_trx = !(ev->mgtid.flags2 & 0x01); /* FL_STANDALONE: one statement, no BEGIN */
		break;
	case BP_EV_GTID:
	case BP_EV_GTID_TAGGED: {
		const uint8_t *s = ev->gtid.sid;
		snprintf(a->gtid, sizeof(a->gtid),
			 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x:%s%s%" PRId64, s[0], s[1],
			 s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13], s[14], s[15],
			 ev->gtid.tag ? ev->gtid.tag : "", ev->gtid.tag ? ":" : "", ev->gtid.gno);
		break;
	}
	case BP_EV_ANONYMOUS_GTID:
		snprintf(a->gtid, sizeof(a->gtid), "anonymous");
		break;
	case BP_EV_INTVAR:
		bp_pf_intvar(&a->pf, &ev->intvar);
		break;
	case BP_EV_USER_VAR:
		bp_pf_uservar_event(&a->pf, &ev->user_var);
		break;
	case BP_EV_QUERY:
	case BP_EV_QUERY_COMPRESSED:
	case BP_EV_EXECUTE_LOAD_QUERY:
		on_query(a, path, ev);
		break;
	case BP_EV_XID:
	case BP_EV_XA_PREPARE:
		trx_end(a);
		break;
	default:
		if (bp_event_is_rows(ev->h.type))
			on_rows(a, path, ev);
		break;
	}
}

