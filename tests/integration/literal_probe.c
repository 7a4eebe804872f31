/*
 * literal_probe.c: for tests/integration/literals.sh. Reads binlogs with the
 * project's reader and, for the before image of every UPDATE_ROWS row, prints
 *
 *   SELECT COUNT(*) FROM `db`.`t` WHERE `k` = <literal>;
 *
 * where k is the table's first column (the key, by the test's convention) and
 * the literal comes from bp_literal_value with only what the log says (no
 * schema: charset from the collation id, BINARY width from the metadata).
 * A value with no literal prints "SELECT -1;" so the check fails visibly.
 * Each statement goes on its own line; stderr gets "db.t literal" per line, for
 * the script's failure report.
 *
 *   literal_probe LOG...
 */
#include <stdio.h>
#include <string.h>

#include "analyzer/binlog_file.h"
#include "common/buf.h"
#include "rewriter/literal.h"

static void name(bp_buf *b, const char *s)
{
	bp_buf_addc(b, '`');
	for (; *s; s++) {
		if (*s == '`')
			bp_buf_addc(b, '`');
		bp_buf_addc(b, *s);
	}
	bp_buf_addc(b, '`');
}

static void probe_row(bp_buf *out, const bp_table_map *m, const bp_value *v)
{
	bp_buf lit = BP_BUF_INIT;
	int rc = bp_literal_value(&lit, v, &m->columns[0], NULL, 0);
	if (rc != 0) {
		bp_buf_adds(out, "SELECT -1;\n");
		fprintf(stderr, "%s.%s (no literal, kind %u)\n", m->db, m->table, (unsigned)v->kind);
	} else {
		bp_buf_adds(out, "SELECT COUNT(*) FROM ");
		name(out, m->db);
		bp_buf_addc(out, '.');
		name(out, m->table);
		bp_buf_adds(out, " WHERE ");
		name(out, m->columns[0].name ? m->columns[0].name : "k");
		bp_buf_adds(out, " = ");
		bp_buf_add(out, lit.data, lit.len);
		bp_buf_adds(out, ";\n");
		fprintf(stderr, "%s.%s %s\n", m->db, m->table, bp_buf_cstr(&lit));
	}
	bp_buf_release(&lit);
}

static int probe_file(const char *path, bp_buf *out)
{
	bp_reader_opts ro = BP_READER_OPTS_INIT;
	bp_reader *r;
	bp_err err;
	bp_err_clear(&err);
	if (bp_reader_open(&r, path, &ro, &err)) {
		bp_err_print(stderr, "error", &err);
		return -1;
	}
	const bp_event *ev;
	int rc;
	while ((rc = bp_reader_next(r, &ev, &err)) > 0) {
		if (!bp_event_is_rows(ev->h.type) || ev->rows.kind != 'U' || !ev->rows.map || ev->rows.undecoded)
			continue;
		const bp_table_map *m = ev->rows.map;
		if (strcmp(m->db, "lit") != 0)
			continue;
		for (uint32_t i = 0; i < ev->rows.n_rows; i++) {
			const bp_row *row = &ev->rows.row[i];
			if (row->before && row->before_present[0])
				probe_row(out, m, &row->before[0]);
		}
	}
	if (rc < 0)
		bp_err_print(stderr, "error", &err);
	bp_reader_free(r);
	return rc < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	bp_buf out = BP_BUF_INIT;
	int status = 0;
	if (argc < 2) {
		fprintf(stderr, "usage: literal_probe LOG...\n");
		return 1;
	}
	for (int i = 1; i < argc; i++)
		if (probe_file(argv[i], &out))
			status = 2;
	fwrite(out.data, 1, out.len, stdout);
	bp_buf_release(&out);
	return status;
}
