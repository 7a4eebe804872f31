/*
 * emit.h: from lookups to the lines of a prefetch script.
 *
 *   bp_pf_key ──► guard (statistics) ──► dedup (LRU window) ──► batch (N transactions)
 *             ──► SELECT text ──► lexer check: one SELECT ──► script line + comment
 *
 * A line is one statement, fully qualified, `;`-terminated, followed by
 *   / * FILE:POS GTID CLASS INDEX ROLE * /
 * (batched lines name the first and last write they cover: FILE:POS..FILE:POS
 * GTID..GTID). The header makes the session read-only and fixes the charset
 * and time zone the literals are written for (rewriter/literal.h).
 *
 * Forms:
 *   clustered, one key   SELECT 1 FROM `db`.`t` FORCE INDEX(`PRIMARY`) WHERE `a` = 1 AND `b` = 2;
 *   secondary, one key   SELECT COUNT(*) FROM `db`.`t` FORCE INDEX(`k`) WHERE `c` = 'x' AND `id` = 1;
 *   batched              SELECT COUNT(*) FROM `db`.`t` FORCE INDEX(`k`) WHERE (`c`,`id`) IN (('x',1),('y',2));
 *                        (keys with a NULL part are never batched: IN cannot match NULL)
 *   raw                  text built by the statement rules (WHERE-derived reads)
 *
 * --batch-trx N <= 1 writes one statement per lookup; N >= 2 merges the lookups
 * for the same table, index and column list across N consecutive transactions,
 * each statement kept under --max-statement-bytes.
 */
#ifndef BP_REWRITER_EMIT_H
#define BP_REWRITER_EMIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/buf.h"
#include "prefetch.h"

typedef struct bp_emit_opts {
	uint32_t batch_trx;          /* default 1 */
	uint32_t max_statement_bytes;/* default 65536 */
	uint64_t max_rows;           /* guard, default 1000 */
	double max_selectivity;      /* guard, fraction of the table, default 0.05 */
	uint32_t dedup_window;       /* default 10000 (0: no dedup) */
} bp_emit_opts;

#define BP_EMIT_OPTS_INIT { 1, 65536, 1000, 0.05, 10000 }

typedef struct bp_emit_stats {
	uint64_t keys;               /* lookups offered */
	uint64_t guarded;            /* skipped by the guards */
	uint64_t deduped;            /* dropped as repeats inside the window */
	uint64_t statements;         /* lines written */
	uint64_t raw;                /* of which raw (WHERE-derived) */
	uint64_t rejected;           /* refused by the read-only check (a bug if ever > 0) */
	uint64_t bytes;              /* script bytes */
	uint64_t keys_written;       /* key lookups that passed the guards and the window */
	double expected_rows;        /* rows those are expected to read (statistics; 1 when unknown) */
	uint64_t per_class[BP_C__COUNT];
	uint64_t per_role[BP_ROLE__COUNT];
} bp_emit_stats;

/* out may be NULL: everything is computed, nothing written. */
bp_emit *bp_emit_new(const bp_emit_opts *o, FILE *out);
void bp_emit_free(bp_emit *e);

/* The header lines (inputs listed in a comment). */
void bp_emit_header(bp_emit *e, const char *const *inputs, size_t n_inputs);

/* Where the current write comes from (strings copied); ts: its event's timestamp. */
void bp_emit_origin(bp_emit *e, const char *file, uint64_t pos, const char *gtid, uint32_t ts, unsigned cls);

/* The schema changed (tables may have been freed): forget what is keyed by table pointers. */
void bp_emit_schema_changed(bp_emit *e);

/* The class of the current write, once the rules know it (before its lookups). */
void bp_emit_set_class(bp_emit *e, unsigned cls);

/* Offer one lookup. Returns 1 written or queued, 0 dropped as a repeat, -1 skipped by a guard. */
int bp_emit_key(bp_emit *e, const bp_pf_key *k);

/* Offer a statement built by the rules (a SELECT, checked before it is written). Returns 1, 0 (repeat) or -1 (refused). */
int bp_emit_raw(bp_emit *e, const char *index_name, unsigned role, const char *sql, size_t len);

/* A transaction ended (XID, COMMIT, or an autocommitted statement). */
void bp_emit_trx_end(bp_emit *e);

/* Flush pending batches and the output. Returns 0, or -1 on a write error. */
int bp_emit_finish(bp_emit *e);

const bp_emit_stats *bp_emit_get_stats(const bp_emit *e);

/*
 * Is sql[0..n) exactly one SELECT statement (optionally ';'-terminated, comments
 * allowed), with no INTO, no FOR UPDATE / LOCK IN SHARE MODE / FOR SHARE, no
 * second statement? The check every generated line passes before it is written.
 */
bool bp_sql_is_single_select(const char *sql, size_t n);

#endif
