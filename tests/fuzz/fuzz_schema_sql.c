/*
 * fuzz_schema_sql.c: libFuzzer harness for the SQL schema parser
 * (analyzer/schema_sql.c over rewriter/lexer.c).
 *
 * Each input is SQL text. It is loaded as a dump (bp_schema_load_sql), then
 * cut at every ';' byte (strings or not: the pieces are what a log could
 * hold, whole or torn) and each piece applied as a QUERY event's statement
 * (bp_schema_apply_sql) to the model the dump built, alternately with and
 * without a default database. The model is rendered as JSON and text after
 * each step, and checked (abort on a violation):
 *   - column names are unique in a table (as bp_sch_find_column compares),
 *   - key names are unique, one PRIMARY KEY at most, and it is indexes[0],
 *   - every key part and foreign key column names a column of its table,
 *   - a statement that failed (-1) left the model as it was (same JSON).
 *
 * Build: clang -fsanitize=fuzzer,address,undefined this file with the .c files
 * of common/, analyzer/ and rewriter/ and report/events_out.c (pkg-config
 * libmariadb libxml-2.0 libcjson libzstd zlib, -lm). Replay one input:
 * build-fuzz/sql/fuzz_schema_sql FILE; the inputs that once failed are in
 * tests/fuzz/regress-sql/.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzer/schema.h"

static void quiet(void *ctx, const char *path, unsigned line, unsigned col, const char *msg)
{
	(void)ctx, (void)path, (void)line, (void)col, (void)msg;
}

static void fail(const bp_sch_table *t, const char *what)
{
	fprintf(stderr, "fuzz_schema_sql: invariant broken in %s.%s: %s\n", t->db ? t->db : "?", t->name, what);
	abort();
}

/* The model's invariants (see the header). */
static void check_table(const bp_sch_table *t)
{
	for (uint32_t i = 0; i < t->n_columns; i++) {
		if (!t->columns[i].name)
			fail(t, "a column without a name");
		for (uint32_t k = i + 1; k < t->n_columns; k++)
			if (strcasecmp(t->columns[i].name, t->columns[k].name) == 0)
				fail(t, "two columns of one name");
	}
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->kind == BP_IDX_PRIMARY && i != 0)
			fail(t, "a PRIMARY KEY that is not the first key");
		if (ix->n_parts == 0)
			fail(t, "a key without parts");
		for (uint32_t k = i + 1; k < t->n_indexes; k++)
			if (strcasecmp(ix->name, t->indexes[k].name) == 0)
				fail(t, "two keys of one name");
		for (uint32_t k = 0; k < ix->n_parts; k++)
			if (ix->parts[k].column ? !bp_sch_find_column(t, ix->parts[k].column, NULL) : !ix->parts[k].expr)
				fail(t, "a key part naming no column");
	}
	for (uint32_t i = 0; i < t->n_fks; i++)
		for (uint32_t k = 0; k < t->fks[i].n_columns; k++)
			if (!bp_sch_find_column(t, t->fks[i].columns[k], NULL))
				fail(t, "a foreign key column naming no column");
}

/* Check every table; the model's JSON into b (and its text form, for coverage). */
static void check_model(bp_schema *s, bp_buf *b)
{
	size_t n;
	bp_sch_table *const *v = bp_schema_tables(s, &n);
	for (size_t i = 0; i < n; i++)
		check_table(v[i]);
	bp_buf_clear(b);
	bp_schema_json(b, s);
	bp_buf text = BP_BUF_INIT;
	bp_schema_text(&text, s);
	bp_buf_release(&text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *sql = (const char *)data;
	bp_schema *s = bp_schema_new();
	bp_sch_diag d = { quiet, NULL, 0, 0 };
	bp_buf before = BP_BUF_INIT, after = BP_BUF_INIT;
	if (!s)
		return 0;
	bp_schema_load_sql(s, sql, size, "fuzz.sql", NULL, &d);
	check_model(s, &before);
	size_t start = 0, k = 0;
	for (size_t i = 0; i <= size; i++) {
		if (i < size && data[i] != ';')
			continue;
		char msg[160];
		int rc = bp_schema_apply_sql(s, (k++ & 1) ? "d" : NULL, sql + start, i - start, msg, sizeof(msg));
		check_model(s, &after);
		if (rc < 0 && (before.len != after.len || memcmp(before.data, after.data, before.len) != 0)) {
			fprintf(stderr, "fuzz_schema_sql: a failed statement changed the model: %s\n", msg);
			abort();
		}
		bp_buf t = before;
		before = after;
		after = t;
		start = i + 1;
	}
	bp_buf_release(&before);
	bp_buf_release(&after);
	bp_schema_free(s);
	return 0;
}
