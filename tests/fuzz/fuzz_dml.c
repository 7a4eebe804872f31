/*
 * fuzz_dml.c: libFuzzer harness for the DML parser (rewriter/dml.c) and the
 * expression functions (rewriter/expr.c).
 *
 * Input: one selector byte, then the statement. Selector bits: 0 ANSI_QUOTES,
 * 1 NO_BACKSLASH_ESCAPES, 2 PIPES_AS_CONCAT, 3 HIGH_NOT_PRECEDENCE, 4 server
 * version 5.0.0 (else every executable comment is read). The statement is
 * copied to a heap block of its exact size, so ASan sees any read past it.
 *
 * After bp_dml_parse, every expression of the result (rows, assigns, WHERE,
 * ORDER BY, join conditions) and every sub-expression is printed and given to
 * bp_expr_copyable and bp_expr_is_const. Checked (abort on a violation):
 *   - bp_dml_parse returns 0 (it returns -1 only when memory runs out);
 *   - an unparsed statement has a reason and an offset inside the input;
 *   - what is copyable prints;
 *   - printing is sql_mode-proof: a printed top-level expression, parsed back
 *     as "DELETE FROM t WHERE <text>" under the opposite sql_mode bits, prints
 *     to the same text.
 * The per-input arena is reset at every call.
 *
 * Build and run: FUZZ_TARGET=dml sh tests/fuzz/run.sh (see README.md).
 * Replay: build-fuzz/fuzz_dml FILE.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/arena.h"
#include "common/buf.h"
#include "rewriter/dml.h"

static bp_arena arena, arena2;

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_dml: %s: %s\n", what, detail ? detail : "");
	abort();
}

/* User variables and LAST_INSERT_ID() print as a literal, so the text parses back
 * (a string: a number would fold into "-42" after a unary minus, a new tree). */
static int var_lit(void *ctx, const char *name, bp_buf *b)
{
	(void)ctx, (void)name;
	bp_buf_adds(b, "'v'");
	return 0;
}

static const bp_expr_printer printer = { NULL, var_lit, NULL, NULL };

static bp_dml_ctx ctx_of(unsigned sel)
{
	uint64_t mode = 0;
	if (sel & 1)
		mode |= BP_SQLMODE_ANSI_QUOTES;
	if (sel & 2)
		mode |= BP_SQLMODE_NO_BACKSLASH_ESCAPES;
	if (sel & 4)
		mode |= BP_SQLMODE_PIPES_AS_CONCAT;
	if (sel & 8)
		mode |= BP_SQLMODE_HIGH_NOT_PRECEDENCE;
	return bp_dml_ctx_from_sql_mode(mode, (sel & 16) ? 50000 : 0);
}

/* Print text e (top level) back through the parser under the other sql_mode. */
static void check_reparse(const bp_expr *e, const bp_buf *printed, unsigned sel)
{
	bp_buf sql = BP_BUF_INIT, again = BP_BUF_INIT;
	bp_buf_adds(&sql, "DELETE FROM t WHERE ");
	bp_buf_add(&sql, printed->data, printed->len);
	bp_dml_ctx ctx = ctx_of(sel ^ 0x0f);
	bp_dml d;
	bp_arena_reset(&arena2);
	/* the printed text nests deeper than its source (a parenthesis per operator):
	 * past the parser's limit it may not read back, which is no error */
	int rc = bp_dml_parse(sql.data, sql.len, &ctx, &arena2, &d);
	bool deep = d.kind == BP_DML_UNPARSED && d.reason && strstr(d.reason, "too deeply nested");
	if (rc == 0 && !deep) {
		if (d.kind != BP_DML_DELETE || !d.where)
			die("printed expression does not parse back", bp_buf_cstr(&sql));
		if (bp_expr_print(&again, d.where, &printer) != 0)
			die("printed expression parses back but does not print", bp_buf_cstr(&sql));
		if (again.len != printed->len || memcmp(again.data, printed->data, again.len) != 0) {
			fprintf(stderr, "first:  %.*s\nsecond: %.*s\n", (int)printed->len, printed->data, (int)again.len,
				again.data);
			die("printing depends on the sql_mode", NULL);
		}
	}
	(void)e;
	bp_buf_release(&sql);
	bp_buf_release(&again);
}

static void walk(const bp_expr *e, bool top, unsigned sel)
{
	if (!e)
		return;
	bp_buf b = BP_BUF_INIT;
	const char *why = NULL;
	bool cp = bp_expr_copyable(e, &why);
	(void)bp_expr_is_const(e);
	int rc = bp_expr_print(&b, e, &printer);
	if (cp && rc != 0)
		die("copyable but not printable", why);
	if (!cp && !why)
		die("not copyable, no reason", NULL);
	if (rc == 0 && top && e->height < 400)
		check_reparse(e, &b, sel);
	bp_buf_release(&b);
	for (uint32_t i = 0; i < e->n_args; i++)
		walk(e->args[i], false, sel);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool init;
	if (!init) {
		bp_arena_init(&arena, 0);
		bp_arena_init(&arena2, 0);
		init = true;
	}
	if (size == 0)
		return 0;
	unsigned sel = data[0];
	size_t n = size - 1;
	char *sql = malloc(n ? n : 1);
	if (!sql)
		return 0;
	memcpy(sql, data + 1, n);
	bp_dml_ctx ctx = ctx_of(sel);
	bp_dml d;
	bp_arena_reset(&arena);
	if (bp_dml_parse(sql, n, &ctx, &arena, &d) != 0) {
		free(sql);
		return 0; /* out of memory (allocator_may_return_null) */
	}
	if (d.kind == BP_DML_UNPARSED && (!d.reason || d.reason_offset > n))
		die("unparsed without a reason or with an offset past the end", d.reason);
	for (uint32_t r = 0; r < d.n_rows; r++)
		for (uint32_t i = 0; i < d.row_len[r]; i++)
			walk(d.rows[r][i], true, sel);
	for (uint32_t i = 0; i < d.n_assigns; i++)
		walk(d.assigns[i].value, true, sel);
	for (uint32_t i = 0; i < d.n_order; i++)
		walk(d.order[i], true, sel);
	for (uint32_t i = 0; i < d.n_tables; i++)
		walk(d.tables[i].on, true, sel);
	walk(d.where, true, sel);
	(void)bp_dml_kind_name(d.kind);
	free(sql);
	return 0;
}
