/*
 * test_schema_load.c: schema files in the XML and information_schema TSV forms
 * (analyzer/schema_xml.c, schema_tsv.c) and form detection / file reading
 * (analyzer/schema_load.c).
 *
 * The fixture databases (fixtures/schema/, written by a real MariaDB 10.11 via
 * fixtures/mkfixtures.sh) are checked against their own `mariadb-dump
 * --no-data` SQL: a small line reader here takes the columns, keys and foreign
 * keys out of the dump's CREATE TABLE statements (the fixed layout SHOW CREATE
 * TABLE prints, not general SQL; the real SQL loader is tested elsewhere), and
 * the XML and the TSV models must match them. Known differences between the
 * forms are asserted as such (see expect_* below). Synthetic documents cover
 * what the fixtures lack (DESC, FULLTEXT, SPATIAL, MySQL 8 columns, escapes,
 * rows in any order) and broken input.
 */
#include "../unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "analyzer/schema.h"
#include "schema_diags.h"

/* ------------------------------------------------------------------------ */
/* helpers                                                                   */



/* index of the first diagnostic whose message holds `part` at `line` (0 = any), or -1 */
static int diag_find(const diags *g, unsigned line, const char *part)
{
	for (unsigned i = 0; i < g->n && i < 32; i++)
		if ((!line || g->line[i] == line) && strstr(g->msg[i], part))
			return (int)i;
	return -1;
}

static void diags_print(const diags *g, const char *what)
{
	for (unsigned i = 0; i < g->n && i < 32; i++)
		fprintf(stderr, "  %s:%u:%u: %s\n", what, g->line[i], g->col[i], g->msg[i]);
}

static char *fixture_path(char *buf, size_t n, const char *db, const char *suffix)
{
	snprintf(buf, n, "%s/schema/%s%s", bp_unit_fixtures(), db, suffix);
	return buf;
}

static const char *const tsv_tables[] = { "COLUMNS", "STATISTICS", "KEY_COLUMN_USAGE", "REFERENTIAL_CONSTRAINTS",
					  "TABLES" };

/* Load one fixture file with bp_schema_load_file; diagnostics into g. */
static int load_fixture(bp_schema *s, const char *db, const char *suffix, diags *g)
{
	char path[512];
	bp_err err;
	bp_err_clear(&err);
	int rc = bp_schema_load_file(s, fixture_path(path, sizeof(path), db, suffix), &g->d, &err);
	CHECK(rc == 0, "load %s: rc %d (%s)", path, rc, err.msg);
	return rc;
}

/* the five TSV files of db, in the order given by idx[] */
static void load_tsv_set(bp_schema *s, const char *db, const int *idx, diags *g)
{
	char suffix[64];
	for (int i = 0; i < 5; i++) {
		snprintf(suffix, sizeof(suffix), ".%s.tsv", tsv_tables[idx[i]]);
		load_fixture(s, db, suffix, g);
	}
}

static const int tsv_order[5] = { 0, 1, 2, 3, 4 };
static const int tsv_reverse[5] = { 4, 3, 2, 1, 0 };

static const char *const fixture_dbs[] = { "bp_ddl", "bp_dml", "bp_stmt", "bp_temporal_hires", "bp_types", "bp_xa",
					   "shop" };
#define N_DBS (sizeof(fixture_dbs) / sizeof(fixture_dbs[0]))

static bp_schema *load_xml_db(const char *db, diags *g)
{
	bp_schema *s = bp_schema_new();
	load_fixture(s, db, ".xml", g);
	return s;
}

static bp_schema *load_tsv_db(const char *db, const int *order, diags *g)
{
	bp_schema *s = bp_schema_new();
	load_tsv_set(s, db, order, g);
	return s;
}

static char *json_of(bp_schema *s)
{
	bp_buf b = BP_BUF_INIT;
	bp_schema_json(&b, s);
	char *r = bp_strdup0(bp_buf_cstr(&b));
	bp_buf_release(&b);
	return r;
}

static const char *action_name(bp_fk_action a)
{
	switch (a) {
	case BP_FK_CASCADE: return "CASCADE";
	case BP_FK_SET_NULL: return "SET NULL";
	case BP_FK_NO_ACTION: return "NO ACTION";
	case BP_FK_SET_DEFAULT: return "SET DEFAULT";
	default: return "RESTRICT"; /* unspecified is InnoDB's RESTRICT */
	}
}

/* ------------------------------------------------------------------------ */
/* the SQL dump's CREATE TABLEs, as SHOW CREATE TABLE lays them out          */

typedef struct xcol {
	char name[64], type[2048];
	bool nullable;
} xcol;

typedef struct xindex {
	char name[64];
	char kind; /* 'P' primary, 'U' unique, 'K' key, 'F' fulltext, 'S' spatial */
	unsigned n;
	char part[16][64];
	unsigned prefix[16];
	bool desc[16];
} xindex;

typedef struct xfk {
	char name[64], ref_table[64], on_delete[16], on_update[16];
	unsigned n;
	char col[8][64], ref[8][64];
} xfk;

typedef struct xtable {
	char name[64];
	unsigned ncol, nidx, nfk;
	xcol col[64];
	xindex idx[16];
	xfk fk[8];
} xtable;

/* read `name` at *p (past the opening backquote's position), advance past it */
static void bq_name(const char **p, char *out, size_t n)
{
	const char *s = *p;
	size_t k = 0;
	if (*s == '`')
		s++;
	while (*s && *s != '`') {
		if (k + 1 < n)
			out[k++] = *s;
		s++;
	}
	out[k] = 0;
	*p = *s ? s + 1 : s;
}

/* "(`a`,`b`(8),`c` DESC)" */
static void key_parts(const char *p, xindex *ix)
{
	p = strchr(p, '(');
	if (!p)
		return;
	p++;
	while (*p && *p != ')' && ix->n < 16) {
		while (*p == ',' || *p == ' ')
			p++;
		bq_name(&p, ix->part[ix->n], sizeof(ix->part[0]));
		ix->prefix[ix->n] = 0;
		if (*p == '(')
			ix->prefix[ix->n] = (unsigned)strtoul(p + 1, (char **)&p, 10), p++;
		ix->desc[ix->n] = strncmp(p, " DESC", 5) == 0;
		if (ix->desc[ix->n])
			p += 5;
		ix->n++;
	}
}

/* the type at the start of s: word, optional (...) with quotes, unsigned, zerofill, version comment */
static void col_type(const char *s, char *out, size_t n)
{
	const char *p = s;
	while (*p && *p != ' ' && *p != '(')
		p++;
	if (*p == '(') {
		bool q = false;
		for (p++; *p && (q || *p != ')'); p++)
			if (*p == '\'')
				q = !q;
		if (*p)
			p++;
	}
	for (;;) {
		if (strncmp(p, " unsigned", 9) == 0)
			p += 9;
		else if (strncmp(p, " zerofill", 9) == 0)
			p += 9;
		else if (strncmp(p, " /* mariadb-5.3 */", 18) == 0)
			p += 18;
		else
			break;
	}
	snprintf(out, n, "%.*s", (int)(p - s), s);
}

static void fk_line(const char *p, xtable *t)
{
	xfk *f = &t->fk[t->nfk++];
	memset(f, 0, sizeof(*f));
	p = strchr(p, '`');
	bq_name(&p, f->name, sizeof(f->name));
	xindex tmp = { 0 };
	key_parts(strstr(p, "FOREIGN KEY"), &tmp);
	for (unsigned i = 0; i < tmp.n && i < 8; i++)
		snprintf(f->col[i], sizeof(f->col[0]), "%s", tmp.part[i]);
	f->n = tmp.n;
	const char *r = strstr(p, "REFERENCES `");
	r += 11;
	bq_name(&r, f->ref_table, sizeof(f->ref_table));
	memset(&tmp, 0, sizeof(tmp));
	key_parts(r, &tmp);
	for (unsigned i = 0; i < tmp.n && i < 8; i++)
		snprintf(f->ref[i], sizeof(f->ref[0]), "%s", tmp.part[i]);
	const char *acts[] = { "CASCADE", "SET NULL", "NO ACTION", "SET DEFAULT", "RESTRICT" };
	snprintf(f->on_delete, sizeof(f->on_delete), "RESTRICT");
	snprintf(f->on_update, sizeof(f->on_update), "RESTRICT");
	for (int i = 0; i < 5; i++) {
		char w[32];
		snprintf(w, sizeof(w), "ON DELETE %s", acts[i]);
		if (strstr(r, w))
			snprintf(f->on_delete, sizeof(f->on_delete), "%s", acts[i]);
		snprintf(w, sizeof(w), "ON UPDATE %s", acts[i]);
		if (strstr(r, w))
			snprintf(f->on_update, sizeof(f->on_update), "%s", acts[i]);
	}
}

/* All CREATE TABLEs of fixtures/schema/<db>.sql; returns the count (tables malloc'd into *out). */
static unsigned sql_tables(const char *db, xtable **out)
{
	char path[512];
	size_t len;
	char *text = (char *)bp_unit_slurp(fixture_path(path, sizeof(path), db, ".sql"), &len);
	*out = NULL;
	if (!text)
		return 0;
	xtable *v = calloc(64, sizeof(xtable));
	unsigned n = 0;
	xtable *t = NULL;
	for (char *line = text, *next; line < text + len; line = next) {
		char *nl = memchr(line, '\n', (size_t)(text + len - line));
		next = nl ? nl + 1 : text + len;
		if (nl)
			*nl = 0;
		if (strncmp(line, "CREATE TABLE `", 14) == 0 && n < 64) {
			t = &v[n++];
			const char *p = line + 13;
			bq_name(&p, t->name, sizeof(t->name));
		} else if (t && line[0] == ')') {
			t = NULL;
		} else if (t && strncmp(line, "  `", 3) == 0 && t->ncol < 64) {
			xcol *c = &t->col[t->ncol++];
			const char *p = line + 2;
			bq_name(&p, c->name, sizeof(c->name));
			col_type(p + 1, c->type, sizeof(c->type));
			c->nullable = !strstr(p + 1 + strlen(c->type), " NOT NULL");
		} else if (t && strncmp(line, "  CONSTRAINT `", 14) == 0 && strstr(line, "FOREIGN KEY") && t->nfk < 8) {
			fk_line(line, t);
		} else if (t && t->nidx < 16) {
			static const struct {
				const char *lead;
				char kind;
			} kinds[] = { { "  PRIMARY KEY ", 'P' }, { "  UNIQUE KEY `", 'U' }, { "  KEY `", 'K' },
				      { "  FULLTEXT KEY `", 'F' }, { "  SPATIAL KEY `", 'S' } };
			for (int k = 0; k < 5; k++) {
				if (strncmp(line, kinds[k].lead, strlen(kinds[k].lead)))
					continue;
				xindex *ix = &t->idx[t->nidx++];
				memset(ix, 0, sizeof(*ix));
				ix->kind = kinds[k].kind;
				const char *p = line + strlen(kinds[k].lead);
				if (ix->kind == 'P') {
					snprintf(ix->name, sizeof(ix->name), "PRIMARY");
				} else {
					p--;
					bq_name(&p, ix->name, sizeof(ix->name));
				}
				key_parts(p, ix);
				break;
			}
		}
	}
	free(text);
	*out = v;
	return n;
}

/* ------------------------------------------------------------------------ */
/* model vs. SQL dump                                                        */

static char kind_letter(bp_index_kind k)
{
	return k == BP_IDX_PRIMARY ? 'P' : k == BP_IDX_UNIQUE ? 'U' : k == BP_IDX_FULLTEXT ? 'F' : k == BP_IDX_SPATIAL ? 'S' : 'K';
}

/* columns, primary key and indexes of t as x says; fks only when want_fks */
static void compare_table(const char *form, const char *db, const xtable *x, const bp_sch_table *t, bool want_fks)
{
	CHECK(t->n_columns == x->ncol, "%s %s.%s: %u columns, SQL has %u", form, db, x->name, t->n_columns, x->ncol);
	for (unsigned i = 0; i < x->ncol && i < t->n_columns; i++) {
		const bp_sch_column *c = &t->columns[i];
		CHECK(strcmp(c->name, x->col[i].name) == 0, "%s %s.%s column %u: `%s`, SQL `%s`", form, db, x->name, i,
		      c->name, x->col[i].name);
		CHECK(c->type && strcmp(c->type, x->col[i].type) == 0, "%s %s.%s.%s: type `%s`, SQL `%s`", form, db,
		      x->name, c->name, c->type ? c->type : "(null)", x->col[i].type);
		CHECK(c->nullable == x->col[i].nullable, "%s %s.%s.%s: nullable %d, SQL %d", form, db, x->name, c->name,
		      c->nullable, x->col[i].nullable);
	}
	CHECK(t->n_indexes == x->nidx, "%s %s.%s: %u indexes, SQL has %u", form, db, x->name, t->n_indexes, x->nidx);
	for (unsigned i = 0; i < x->nidx; i++) {
		const xindex *xi = &x->idx[i];
		const bp_sch_index *ix = bp_sch_find_index(t, xi->name, NULL);
		CHECK(ix != NULL, "%s %s.%s: no index `%s`", form, db, x->name, xi->name);
		if (!ix)
			continue;
		CHECK(kind_letter(ix->kind) == xi->kind, "%s %s.%s index %s: kind %c, SQL %c", form, db, x->name,
		      xi->name, kind_letter(ix->kind), xi->kind);
		CHECK(ix->n_parts == xi->n, "%s %s.%s index %s: %u parts, SQL %u", form, db, x->name, xi->name,
		      ix->n_parts, xi->n);
		for (unsigned k = 0; k < xi->n && k < ix->n_parts; k++) {
			const bp_sch_keypart *p = &ix->parts[k];
			CHECK(p->column && strcmp(p->column, xi->part[k]) == 0 && p->prefix == xi->prefix[k] &&
				      p->desc == xi->desc[k],
			      "%s %s.%s index %s part %u: %s(%u)%s, SQL %s(%u)%s", form, db, x->name, xi->name, k,
			      p->column ? p->column : "?", p->prefix, p->desc ? " desc" : "", xi->part[k], xi->prefix[k],
			      xi->desc[k] ? " desc" : "");
		}
	}
	if (t->n_indexes && x->nidx)
		CHECK((t->indexes[0].kind == BP_IDX_PRIMARY) == (x->idx[0].kind == 'P'), "%s %s.%s: primary key not first",
		      form, db, x->name);
	if (!want_fks) {
		CHECK(t->n_fks == 0, "%s %s.%s: %u foreign keys from a form without them", form, db, x->name, t->n_fks);
		return;
	}
	CHECK(t->n_fks == x->nfk, "%s %s.%s: %u foreign keys, SQL has %u", form, db, x->name, t->n_fks, x->nfk);
	for (unsigned i = 0; i < x->nfk; i++) {
		const xfk *xf = &x->fk[i];
		const bp_sch_fk *fk = NULL;
		for (uint32_t k = 0; k < t->n_fks; k++)
			if (strcmp(t->fks[k].name, xf->name) == 0)
				fk = &t->fks[k];
		CHECK(fk != NULL, "%s %s.%s: no foreign key `%s`", form, db, x->name, xf->name);
		if (!fk)
			continue;
		CHECK(fk->ref_table && strcmp(fk->ref_table, xf->ref_table) == 0 && fk->ref_db && strcmp(fk->ref_db, db) == 0,
		      "%s %s.%s fk %s: references %s.%s, SQL %s", form, db, x->name, xf->name,
		      fk->ref_db ? fk->ref_db : "?", fk->ref_table ? fk->ref_table : "?", xf->ref_table);
		CHECK(fk->n_columns == xf->n, "%s %s.%s fk %s: %u columns, SQL %u", form, db, x->name, xf->name,
		      fk->n_columns, xf->n);
		for (unsigned k = 0; k < xf->n && k < fk->n_columns; k++)
			CHECK(strcmp(fk->columns[k], xf->col[k]) == 0 && strcmp(fk->ref_columns[k], xf->ref[k]) == 0,
			      "%s %s.%s fk %s pair %u: %s->%s, SQL %s->%s", form, db, x->name, xf->name, k, fk->columns[k],
			      fk->ref_columns[k], xf->col[k], xf->ref[k]);
		CHECK(strcmp(action_name(fk->on_delete), xf->on_delete) == 0 &&
			      strcmp(action_name(fk->on_update), xf->on_update) == 0,
		      "%s %s.%s fk %s: ON DELETE %s ON UPDATE %s, SQL %s / %s", form, db, x->name, xf->name,
		      action_name(fk->on_delete), action_name(fk->on_update), xf->on_delete, xf->on_update);
	}
}

/* Tables a form has beyond the dump's CREATE TABLEs: views (both forms mark
 * them) and, in TSV only, sequences (TABLES says SEQUENCE; the XML has only
 * the CREATE SEQUENCE text). */
static bool expected_extra(const char *form, const char *db, const bp_sch_table *t)
{
	if (t->is_view)
		return true;
	return strcmp(form, "tsv") == 0 && strcmp(db, "bp_ddl") == 0 && strcmp(t->name, "seq_item") == 0;
}

static unsigned g_tables_compared;

static void compare_db(const char *form, const char *db, bp_schema *s, bool want_fks)
{
	xtable *x;
	unsigned nx = sql_tables(db, &x);
	CHECK(nx > 0, "%s: no CREATE TABLE found in the SQL dump", db);
	for (unsigned i = 0; i < nx; i++) {
		const bp_sch_table *t = bp_schema_lookup(s, db, x[i].name);
		CHECK(t != NULL, "%s: table %s.%s missing", form, db, x[i].name);
		if (t) {
			CHECK(!t->is_view, "%s %s.%s marked as a view", form, db, x[i].name);
			compare_table(form, db, &x[i], t, want_fks);
			g_tables_compared++;
		}
	}
	size_t n;
	bp_sch_table *const *all = bp_schema_tables(s, &n);
	for (size_t i = 0; i < n; i++) {
		bool in_sql = false;
		for (unsigned k = 0; k < nx; k++)
			in_sql |= strcmp(x[k].name, all[i]->name) == 0;
		CHECK(strcmp(all[i]->db, db) == 0, "%s: table of another db: %s.%s", form, all[i]->db, all[i]->name);
		CHECK(in_sql || expected_extra(form, db, all[i]), "%s: table %s.%s is not in the SQL dump", form, db,
		      all[i]->name);
	}
	free(x);
}

/* ------------------------------------------------------------------------ */
/* fixtures: every database in both forms                                   */

static void test_fixtures_xml(void)
{
	g_tables_compared = 0;
	for (size_t i = 0; i < N_DBS; i++) {
		diags g;
		diags_init(&g);
		bp_schema *s = load_xml_db(fixture_dbs[i], &g);
		CHECK(g.n == 0 && g.d.errors == 0, "%s.xml: %u diagnostics", fixture_dbs[i], g.n);
		if (g.n)
			diags_print(&g, fixture_dbs[i]);
		compare_db("xml", fixture_dbs[i], s, false);
		bp_schema_free(s);
	}
	CHECK(g_tables_compared >= 35, "only %u tables compared", g_tables_compared);
}

static void test_fixtures_tsv(void)
{
	g_tables_compared = 0;
	for (size_t i = 0; i < N_DBS; i++) {
		diags g;
		diags_init(&g);
		bp_schema *s = load_tsv_db(fixture_dbs[i], tsv_order, &g);
		CHECK(g.n == 0 && g.d.errors == 0, "%s TSVs: %u diagnostics", fixture_dbs[i], g.n);
		if (g.n)
			diags_print(&g, fixture_dbs[i]);
		compare_db("tsv", fixture_dbs[i], s, true);
		bp_schema_free(s);
	}
	CHECK(g_tables_compared >= 35, "only %u tables compared", g_tables_compared);
}

/* The five TSVs give the same model in any load order. */
static void test_tsv_order(void)
{
	static const int orders[][5] = { { 4, 3, 2, 1, 0 }, { 3, 2, 0, 4, 1 }, { 2, 3, 1, 0, 4 } };
	for (size_t i = 0; i < N_DBS; i++) {
		diags g;
		diags_init(&g);
		bp_schema *a = load_tsv_db(fixture_dbs[i], tsv_order, &g);
		char *ja = json_of(a);
		for (size_t k = 0; k < sizeof(orders) / sizeof(orders[0]); k++) {
			bp_schema *b = load_tsv_db(fixture_dbs[i], orders[k], &g);
			char *jb = json_of(b);
			CHECK(ja && jb && strcmp(ja, jb) == 0, "%s: TSV load order %zu gives another model", fixture_dbs[i], k);
			free(jb);
			bp_schema_free(b);
		}
		CHECK(g.n == 0, "%s: diagnostics", fixture_dbs[i]);
		free(ja);
		bp_schema_free(a);
	}
}

/* XML and TSV statistics of the same server state agree. */
static void test_fixtures_stats(void)
{
	unsigned tables = 0, parts = 0;
	for (size_t i = 0; i < N_DBS; i++) {
		diags g;
		diags_init(&g);
		bp_schema *x = load_xml_db(fixture_dbs[i], &g);
		bp_schema *t = load_tsv_db(fixture_dbs[i], tsv_order, &g);
		size_t n;
		bp_sch_table *const *v = bp_schema_tables(x, &n);
		for (size_t k = 0; k < n; k++) {
			const bp_sch_table *a = v[k], *b = bp_schema_lookup(t, a->db, a->name);
			if (!b)
				continue;
			CHECK(a->stats.has_rows == b->stats.has_rows && a->stats.rows == b->stats.rows &&
				      a->stats.avg_row_length == b->stats.avg_row_length &&
				      a->stats.data_length == b->stats.data_length &&
				      a->stats.index_length == b->stats.index_length,
			      "%s.%s: XML stats %lld/%lld/%lld/%lld, TSV %lld/%lld/%lld/%lld", a->db, a->name,
			      (long long)a->stats.rows, (long long)a->stats.avg_row_length, (long long)a->stats.data_length,
			      (long long)a->stats.index_length, (long long)b->stats.rows, (long long)b->stats.avg_row_length,
			      (long long)b->stats.data_length, (long long)b->stats.index_length);
			CHECK(a->is_view || a->stats.has_rows, "%s.%s: no row count", a->db, a->name);
			CHECK((a->engine == NULL) == (b->engine == NULL) && (!a->engine || strcmp(a->engine, b->engine) == 0),
			      "%s.%s: engine %s vs %s", a->db, a->name, a->engine ? a->engine : "-", b->engine ? b->engine : "-");
			CHECK(a->partitioned == b->partitioned && a->is_view == b->is_view, "%s.%s: flags differ", a->db,
			      a->name);
			tables++;
			for (uint32_t j = 0; j < a->n_indexes; j++) {
				const bp_sch_index *ia = &a->indexes[j], *ib = bp_sch_find_index(b, ia->name, NULL);
				for (uint32_t p = 0; ib && p < ia->n_parts && p < ib->n_parts; p++, parts++)
					CHECK(ia->parts[p].cardinality >= 0 &&
						      ia->parts[p].cardinality == ib->parts[p].cardinality,
					      "%s.%s index %s part %u: cardinality %lld vs %lld", a->db, a->name, ia->name, p,
					      (long long)ia->parts[p].cardinality, (long long)ib->parts[p].cardinality);
			}
		}
		bp_schema_free(x);
		bp_schema_free(t);
	}
	CHECK(tables >= 35 && parts >= 40, "only %u tables, %u key parts compared", tables, parts);
}

/* ------------------------------------------------------------------------ */
/* fixtures: concrete values                                                  */

static const bp_sch_column *col(const bp_sch_table *t, const char *name)
{
	return t ? bp_sch_find_column(t, name, NULL) : NULL;
}

static void expect_types(bp_schema *s, const char *form)
{
	const bp_sch_table *t = bp_schema_lookup(s, "bp_types", "t_int");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->n_columns, 13);
	const bp_sch_column *c = col(t, "tiu");
	CU_ASSERT_STRING_EQUAL(c->type, "tinyint(3) unsigned");
	CU_ASSERT(c->is_unsigned && c->nullable);
	c = col(t, "zf");
	CU_ASSERT_STRING_EQUAL(c->type, "int(8) unsigned zerofill");
	CU_ASSERT(c->zerofill);
	c = col(t, "id");
	CU_ASSERT(!c->nullable && c->default_value == NULL);
	CU_ASSERT_STRING_EQUAL(col(t, "bi")->default_value, "NULL");
	const bp_sch_index *pk = bp_sch_primary(t);
	CU_ASSERT_FATAL(pk && pk->n_parts == 1);
	CU_ASSERT_STRING_EQUAL(pk->parts[0].column, "id");
	CU_ASSERT_EQUAL(pk->parts[0].cardinality, 4);

	t = bp_schema_lookup(s, "bp_types", "t_composite_pk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	pk = bp_sch_primary(t);
	CU_ASSERT_FATAL(pk && pk->n_parts == 3 && t->n_indexes == 1);
	CU_ASSERT_STRING_EQUAL(pk->parts[0].column, "b");
	CU_ASSERT_STRING_EQUAL(pk->parts[1].column, "a");
	CU_ASSERT_STRING_EQUAL(pk->parts[2].column, "c");

	t = bp_schema_lookup(s, "bp_types", "t_prefix_pk");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	pk = bp_sch_primary(t);
	CU_ASSERT_FATAL(pk && pk->n_parts == 1);
	CU_ASSERT_STRING_EQUAL(pk->parts[0].column, "name");
	CU_ASSERT_EQUAL(pk->parts[0].prefix, 8);
	CU_ASSERT_STRING_EQUAL(col(t, "name")->type, "varchar(100)");

	t = bp_schema_lookup(s, "bp_types", "t_no_pk");
	CU_ASSERT_FATAL(t && t->n_columns == 2);
	CU_ASSERT_EQUAL(t->n_indexes, 0);
	CU_ASSERT_PTR_NULL(bp_sch_primary(t));

	t = bp_schema_lookup(s, "bp_types", "t_generated");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	c = col(t, "vb");
	CU_ASSERT(c->generated && !c->generated_stored && c->default_value == NULL);
	c = col(t, "sc");
	CU_ASSERT(c->generated && c->generated_stored);
	CU_ASSERT_STRING_EQUAL(c->type, "varchar(20)");
	c = col(t, "inv");
	CU_ASSERT(c->invisible && !c->generated);
	CU_ASSERT_STRING_EQUAL(c->default_value, "7");
	if (strcmp(form, "tsv") == 0) {
		/* only information_schema has the expressions and column character sets */
		CU_ASSERT_STRING_EQUAL(col(t, "vb")->generated_expr, "`a` * 2");
		CU_ASSERT_STRING_EQUAL(col(t, "sc")->generated_expr, "concat('x',`a`)");
		const bp_sch_table *st = bp_schema_lookup(s, "bp_types", "t_string");
		CU_ASSERT_STRING_EQUAL(col(st, "c_l1")->charset, "latin1");
		CU_ASSERT_STRING_EQUAL(col(st, "c_l1")->collation, "latin1_swedish_ci");
		CU_ASSERT_STRING_EQUAL(col(st, "vc_sjis")->charset, "sjis");
	} else {
		CU_ASSERT_PTR_NULL(col(t, "vb")->generated_expr);
		CU_ASSERT_PTR_NULL(col(bp_schema_lookup(s, "bp_types", "t_string"), "c_l1")->charset);
	}

	t = bp_schema_lookup(s, "bp_types", "t_temporal_old");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(col(t, "dt0")->type, "datetime /* mariadb-5.3 */");
	t = bp_schema_lookup(s, "bp_types", "t_temporal");
	CU_ASSERT_STRING_EQUAL(col(t, "dt6")->type, "datetime(6)");
	CU_ASSERT_EQUAL(col(t, "dt6")->fsp, 6);
	t = bp_schema_lookup(s, "bp_types", "t_enum_set");
	CU_ASSERT_EQUAL(col(t, "e300")->n_values, 300);
	CU_ASSERT_STRING_EQUAL(col(t, "e_u8")->type, "enum('\xc3\xa4','\xc3\xb6','?')");
	t = bp_schema_lookup(s, "bp_types", "t_json");
	CU_ASSERT_STRING_EQUAL(col(t, "j")->type, "longtext");
	t = bp_schema_lookup(s, "bp_types", "t_decimal");
	CU_ASSERT_STRING_EQUAL(col(t, "du")->type, "decimal(12,3) unsigned");
	CU_ASSERT_EQUAL(col(t, "d6530")->precision, 65);
	CU_ASSERT_EQUAL(col(t, "d6530")->scale, 30);
	CU_ASSERT_EQUAL(t->stats.rows, 5);
}

static void expect_dml(bp_schema *s, const char *form)
{
	bool tsv = strcmp(form, "tsv") == 0;
	const bp_sch_table *t = bp_schema_lookup(s, "bp_dml", "customer");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT(col(t, "id")->auto_increment && !col(t, "id")->nullable);
	CU_ASSERT_STRING_EQUAL(col(t, "updated")->default_value, "current_timestamp()");
	CU_ASSERT_STRING_EQUAL(col(t, "email")->type, "varchar(100)");
	CU_ASSERT_EQUAL(t->n_indexes, 2);
	const bp_sch_index *ix = bp_sch_find_index(t, "email", NULL);
	CU_ASSERT_FATAL(ix && ix->kind == BP_IDX_UNIQUE && ix->n_parts == 1);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].column, "email");
	CU_ASSERT_EQUAL(t->indexes[0].kind, BP_IDX_PRIMARY);

	t = bp_schema_lookup(s, "bp_dml", "orders");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(col(t, "status")->type, "enum('new','paid','shipped','cancelled')");
	CU_ASSERT_STRING_EQUAL(col(t, "status")->default_value, "'new'");
	CU_ASSERT_STRING_EQUAL(col(t, "total")->default_value, "0.00");
	ix = bp_sch_find_index(t, "customer_id", NULL);
	CU_ASSERT_FATAL(ix && ix->kind == BP_IDX_KEY);
	if (tsv) {
		CU_ASSERT_EQUAL_FATAL(t->n_fks, 1);
		CU_ASSERT_STRING_EQUAL(t->fks[0].name, "orders_customer");
		CU_ASSERT_STRING_EQUAL(t->fks[0].ref_db, "bp_dml");
		CU_ASSERT_STRING_EQUAL(t->fks[0].ref_table, "customer");
		CU_ASSERT_STRING_EQUAL(t->fks[0].columns[0], "customer_id");
		CU_ASSERT_STRING_EQUAL(t->fks[0].ref_columns[0], "id");
		CU_ASSERT_EQUAL(t->fks[0].on_delete, BP_FK_SET_NULL);
		CU_ASSERT_EQUAL(t->fks[0].on_update, BP_FK_RESTRICT);
		t = bp_schema_lookup(s, "bp_dml", "order_line");
		CU_ASSERT_EQUAL_FATAL(t->n_fks, 1);
		CU_ASSERT_EQUAL(t->fks[0].on_delete, BP_FK_CASCADE);
	} else {
		CU_ASSERT_EQUAL(t->n_fks, 0); /* mysqldump --xml has no foreign keys */
	}

	t = bp_schema_lookup(s, "bp_dml", "counter");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_STRING_EQUAL(t->engine, "MyISAM");
	CU_ASSERT(t->stats.has_rows);
	CU_ASSERT_EQUAL(t->stats.rows, 2);
	CU_ASSERT_EQUAL(t->stats.avg_row_length, 20);
	CU_ASSERT_EQUAL(t->stats.data_length, 40);
	CU_ASSERT_EQUAL(t->stats.index_length, 2048);

	/* system versioned: every form shows sku, price only (row_start/row_end hidden),
	 * and the primary key without row_end (KEY_COLUMN_USAGE lists it, STATISTICS not) */
	t = bp_schema_lookup(s, "bp_dml", "price_history");
	CU_ASSERT_FATAL(t && t->n_columns == 2);
	const bp_sch_index *pk = bp_sch_primary(t);
	CU_ASSERT_FATAL(pk && pk->n_parts == 1);
	CU_ASSERT_STRING_EQUAL(pk->parts[0].column, "sku");
	t = bp_schema_lookup(s, "bp_dml", "event_log");
	CU_ASSERT_FATAL(t && t->n_indexes == 0);
	CU_ASSERT_EQUAL(t->stats.rows, 402);
	CU_ASSERT(t->sources == (tsv ? BP_SRC_TSV : BP_SRC_XML));
}

static void expect_shop(bp_schema *s, const char *form)
{
	bool tsv = strcmp(form, "tsv") == 0;
	const bp_sch_table *t = bp_schema_lookup(s, "shop", "orders");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->n_columns, 6);
	CU_ASSERT_STRING_EQUAL(t->columns[0].name, "id");
	CU_ASSERT_STRING_EQUAL(t->columns[0].type, "bigint(20) unsigned");
	CU_ASSERT_STRING_EQUAL(t->columns[5].name, "updated_at");
	CU_ASSERT_EQUAL(t->n_indexes, 3);
	const bp_sch_index *ix = bp_sch_find_index(t, "customer_created", NULL);
	CU_ASSERT_FATAL(ix && ix->kind == BP_IDX_KEY && ix->n_parts == 2);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].column, "customer_id");
	CU_ASSERT_STRING_EQUAL(ix->parts[1].column, "created_at");
	CU_ASSERT_EQUAL(ix->parts[0].cardinality, 145);
	CU_ASSERT_EQUAL(ix->parts[1].cardinality, 145);
	ix = bp_sch_find_index(t, "status", NULL);
	CU_ASSERT_FATAL(ix != NULL);
	CU_ASSERT_EQUAL(ix->parts[0].cardinality, 8);
	CU_ASSERT(t->stats.has_rows && t->stats.rows == 145 && t->stats.avg_row_length == 112 &&
		  t->stats.data_length == 16384 && t->stats.index_length == 32768);

	t = bp_schema_lookup(s, "shop", "customers");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(bp_sch_find_index(t, "email", NULL)->kind, BP_IDX_UNIQUE);
	CU_ASSERT_EQUAL(bp_sch_find_index(t, "country", NULL)->parts[0].cardinality, 12);
	CU_ASSERT_STRING_EQUAL(col(t, "country")->type, "char(2)");

	t = bp_schema_lookup(s, "shop", "order_items");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	const bp_sch_index *pk = bp_sch_primary(t);
	CU_ASSERT_FATAL(pk && pk->n_parts == 2);
	CU_ASSERT_STRING_EQUAL(pk->parts[0].column, "order_id");
	CU_ASSERT_STRING_EQUAL(pk->parts[1].column, "line");
	CU_ASSERT_EQUAL(t->n_fks, tsv ? 2 : 0);
	if (tsv && t->n_fks == 2) {
		const bp_sch_fk *a = &t->fks[0], *b = &t->fks[1];
		if (strcmp(a->name, "items_order") != 0) {
			const bp_sch_fk *tmp = a;
			a = b;
			b = tmp;
		}
		CU_ASSERT_STRING_EQUAL(a->name, "items_order");
		CU_ASSERT_STRING_EQUAL(a->ref_table, "orders");
		CU_ASSERT_EQUAL(a->on_delete, BP_FK_CASCADE);
		CU_ASSERT_EQUAL(a->on_update, BP_FK_RESTRICT);
		CU_ASSERT_STRING_EQUAL(b->name, "items_product");
		CU_ASSERT_STRING_EQUAL(b->ref_table, "products");
		CU_ASSERT_STRING_EQUAL(b->columns[0], "product_id");
		CU_ASSERT_EQUAL(b->on_delete, BP_FK_RESTRICT);
	}
}

static void expect_ddl(bp_schema *s, const char *form)
{
	const bp_sch_table *v = bp_schema_lookup(s, "bp_ddl", "product_view");
	CU_ASSERT_FATAL(v && v->is_view && v->n_columns == 2);
	CU_ASSERT(!v->stats.has_rows && v->engine == NULL);
	const bp_sch_table *p = bp_schema_lookup(s, "bp_ddl", "part");
	CU_ASSERT_FATAL(p && p->partitioned && !p->is_view);
	const bp_sch_table *q = bp_schema_lookup(s, "bp_ddl", "seq_item");
	if (strcmp(form, "tsv") == 0) {
		CU_ASSERT_FATAL(q && q->n_columns == 8);
		CU_ASSERT_STRING_EQUAL(q->columns[0].name, "next_not_cached_value");
	} else {
		CU_ASSERT_PTR_NULL(q); /* only a CREATE SEQUENCE text node in the XML */
	}
	const bp_sch_table *t = bp_schema_lookup(s, "bp_ddl", "product");
	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_STRING_EQUAL(col(t, "sku")->default_value, "0");
	CU_ASSERT_EQUAL(bp_sch_find_index(t, "id_uq", NULL)->kind, BP_IDX_UNIQUE);
	t = bp_schema_lookup(s, "bp_ddl", "colour_count");
	CU_ASSERT_STRING_EQUAL(col(t, "colour")->default_value, "''");
}

static void test_fixture_values(void)
{
	static void (*const expect[])(bp_schema *, const char *) = { expect_types, expect_dml, expect_shop, expect_ddl };
	static const char *const dbs[] = { "bp_types", "bp_dml", "shop", "bp_ddl" };
	for (int i = 0; i < 4; i++) {
		diags g;
		diags_init(&g);
		bp_schema *x = load_xml_db(dbs[i], &g);
		expect[i](x, "xml");
		bp_schema *t = load_tsv_db(dbs[i], tsv_reverse, &g);
		expect[i](t, "tsv");
		CU_ASSERT_EQUAL(g.n, 0);
		bp_schema_free(x);
		bp_schema_free(t);
	}
}

/* XML then TSV of the same db: one model, XML's FK gap filled by the TSV, and
 * TSV then XML keeps the foreign keys. */
static void test_merge_forms(void)
{
	diags g;
	diags_init(&g);
	bp_schema *a = bp_schema_new(), *b = bp_schema_new();
	load_fixture(a, "shop", ".xml", &g);
	load_tsv_set(a, "shop", tsv_order, &g);
	load_tsv_set(b, "shop", tsv_order, &g);
	load_fixture(b, "shop", ".xml", &g);
	CU_ASSERT_EQUAL(g.n, 0);
	for (int k = 0; k < 2; k++) {
		bp_schema *s = k ? b : a;
		const bp_sch_table *t = bp_schema_lookup(s, "shop", "order_items");
		CU_ASSERT_FATAL(t != NULL);
		CU_ASSERT_EQUAL(t->n_fks, 2);
		CU_ASSERT_EQUAL(t->n_columns, 5);
		CU_ASSERT_EQUAL(t->n_indexes, 2);
		CU_ASSERT_EQUAL(t->sources, BP_SRC_XML | BP_SRC_TSV);
		CU_ASSERT_STRING_EQUAL(t->columns[4].name, "price");
	}
	/* TSV then XML: what only the TSV knows stays */
	bp_schema_free(a);
	a = bp_schema_new();
	load_tsv_set(a, "bp_types", tsv_order, &g);
	load_fixture(a, "bp_types", ".xml", &g);
	CU_ASSERT_EQUAL(g.n, 0);
	const bp_sch_table *t = bp_schema_lookup(a, "bp_types", "t_generated");
	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_STRING_EQUAL(col(t, "vb")->generated_expr, "`a` * 2");
	CU_ASSERT_STRING_EQUAL(col(t, "sc")->charset, "utf8mb4");
	CU_ASSERT_EQUAL(t->sources, BP_SRC_XML | BP_SRC_TSV);
	t = bp_schema_lookup(a, "bp_types", "t_int"); /* nothing to keep: XML's alone */
	CU_ASSERT(t && t->sources == BP_SRC_XML);
	bp_schema_free(a);
	bp_schema_free(b);
}

/* ------------------------------------------------------------------------ */
/* synthetic XML                                                              */

static bp_schema *xml_load(const char *doc, diags *g)
{
	bp_schema *s = bp_schema_new();
	int rc = bp_schema_load_xml(s, doc, strlen(doc), "t.xml", &g->d);
	CU_ASSERT_EQUAL(rc, 0);
	return s;
}

static void test_xml_keys(void)
{
	/* MySQL 8 style: DESC parts, functional part, invisible index; MariaDB
	 * FULLTEXT, SPATIAL, ignored index; key rows out of order */
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<mysqldump xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
		"<database name=\"d1\">\n"
		"  <table_structure name=\"t\">\n"
		"    <field Field=\"id\" Type=\"int\" Null=\"NO\" Key=\"PRI\" Extra=\"auto_increment\" Comment=\"the &quot;id&quot; &amp; more\" />\n"
		"    <field Field=\"a\" Type=\"VARCHAR(40)\" Null=\"YES\" Key=\"MUL\" Default=\"NULL\" Extra=\"\" Comment=\"\" />\n"
		"    <field Field=\"b\" Type=\"text\" Null=\"YES\" Key=\"MUL\" Extra=\"\" Comment=\"\" />\n"
		"    <field Field=\"g\" Type=\"geometry\" Null=\"NO\" Key=\"MUL\" Extra=\"\" Comment=\"\" />\n"
		"    <field Field=\"p\" Type=\"int\" Null=\"YES\" Key=\"\" Default=\"NULL\" Extra=\"PERSISTENT GENERATED\" Comment=\"\" />\n"
		"    <field Field=\"u\" Type=\"timestamp\" Null=\"NO\" Key=\"\" Default=\"CURRENT_TIMESTAMP\" Extra=\"DEFAULT_GENERATED on update CURRENT_TIMESTAMP\" Comment=\"\" />\n"
		"    <key Table=\"t\" Non_unique=\"1\" Key_name=\"ab\" Seq_in_index=\"2\" Column_name=\"b\" Collation=\"D\" Cardinality=\"7\" Sub_part=\"10\" Null=\"YES\" Index_type=\"BTREE\" Visible=\"NO\" />\n"
		"    <key Table=\"t\" Non_unique=\"0\" Key_name=\"PRIMARY\" Seq_in_index=\"1\" Column_name=\"id\" Collation=\"A\" Cardinality=\"9\" Null=\"\" Index_type=\"BTREE\" />\n"
		"    <key Table=\"t\" Non_unique=\"1\" Key_name=\"ab\" Seq_in_index=\"1\" Column_name=\"a\" Collation=\"A\" Null=\"YES\" Index_type=\"BTREE\" Visible=\"NO\" />\n"
		"    <key Table=\"t\" Non_unique=\"1\" Key_name=\"ft\" Seq_in_index=\"1\" Column_name=\"b\" Cardinality=\"0\" Null=\"YES\" Index_type=\"FULLTEXT\" />\n"
		"    <key Table=\"t\" Non_unique=\"1\" Key_name=\"sp\" Seq_in_index=\"1\" Column_name=\"g\" Sub_part=\"32\" Null=\"\" Index_type=\"SPATIAL\" Ignored=\"YES\" />\n"
		"    <key Table=\"t\" Non_unique=\"0\" Key_name=\"fx\" Seq_in_index=\"1\" Collation=\"A\" Null=\"YES\" Index_type=\"BTREE\" Expression=\"lower(`a`)\" />\n"
		"    <options Name=\"t\" Engine=\"InnoDB\" Rows=\"9\" Avg_row_length=\"100\" Data_length=\"900\" Index_length=\"0\" Create_options=\"partitioned\" />\n"
		"  </table_structure>\n"
		"  <table_data name=\"t\">\n"
		"    <row><field name=\"id\">1</field><field name=\"a\" xsi:nil=\"true\" /></row>\n"
		"  </table_data>\n"
		"  <triggers name=\"t\"><trigger Trigger=\"x\"><![CDATA[ CREATE TRIGGER <field Field=\"no\"/> ]]></trigger></triggers>\n"
		"</database>\n"
		"<database name=\"d2\">\n"
		"  <table_structure name=\"t\">\n"
		"    <field Field=\"x\" Type=\"bigint(20) unsigned\" Null=\"NO\" Key=\"\" Extra=\"INVISIBLE\" Comment=\"\" />\n"
		"    <options Name=\"t\" Engine=\"MyISAM\" />\n"
		"  </table_structure>\n"
		"  <routines><routine Function=\"f\"><![CDATA[ x ]]></routine></routines>\n"
		"</database>\n"
		"</mysqldump>\n";
	diags g;
	diags_init(&g);
	bp_schema *s = xml_load(doc, &g);
	CU_ASSERT_EQUAL(g.n, 0);
	diags_print(&g, "keys");
	const bp_sch_table *t = bp_schema_lookup(s, "d1", "t");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->n_columns, 6); /* table_data's and the trigger's <field>s are not columns */
	CU_ASSERT_STRING_EQUAL(t->columns[0].comment, "the \"id\" & more");
	CU_ASSERT_STRING_EQUAL(t->columns[1].type, "varchar(40)");
	CU_ASSERT_PTR_NULL(t->columns[2].default_value);
	CU_ASSERT(t->columns[4].generated && t->columns[4].generated_stored);
	CU_ASSERT(!t->columns[5].generated); /* DEFAULT_GENERATED is an expression default */
	CU_ASSERT_STRING_EQUAL(t->columns[5].default_value, "CURRENT_TIMESTAMP");
	CU_ASSERT_EQUAL_FATAL(t->n_indexes, 5);
	CU_ASSERT_EQUAL(t->indexes[0].kind, BP_IDX_PRIMARY);
	CU_ASSERT_EQUAL(t->indexes[0].parts[0].cardinality, 9);
	const bp_sch_index *ix = bp_sch_find_index(t, "ab", NULL);
	CU_ASSERT_FATAL(ix && ix->n_parts == 2);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].column, "a");
	CU_ASSERT_STRING_EQUAL(ix->parts[1].column, "b");
	CU_ASSERT(!ix->parts[0].desc && ix->parts[1].desc);
	CU_ASSERT_EQUAL(ix->parts[1].prefix, 10);
	CU_ASSERT_EQUAL(ix->parts[0].cardinality, -1);
	CU_ASSERT_EQUAL(ix->parts[1].cardinality, 7);
	CU_ASSERT(ix->invisible && ix->kind == BP_IDX_KEY);
	/* indexes keep the order of first appearance (ab came before PRIMARY, which normalize moves first) */
	CU_ASSERT_STRING_EQUAL(t->indexes[1].name, "ab");
	ix = bp_sch_find_index(t, "ft", NULL);
	CU_ASSERT(ix && ix->kind == BP_IDX_FULLTEXT);
	ix = bp_sch_find_index(t, "sp", NULL);
	CU_ASSERT(ix && ix->kind == BP_IDX_SPATIAL && ix->invisible && ix->parts[0].prefix == 0); /* Sub_part 32: the MBR */
	ix = bp_sch_find_index(t, "fx", NULL);
	CU_ASSERT_FATAL(ix && ix->kind == BP_IDX_UNIQUE && ix->n_parts == 1);
	CU_ASSERT_PTR_NULL(ix->parts[0].column);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].expr, "lower(`a`)");
	CU_ASSERT(t->partitioned && t->stats.has_rows && t->stats.rows == 9 && t->stats.data_length == 900);
	t = bp_schema_lookup(s, "d2", "t");
	CU_ASSERT_FATAL(t && t->n_columns == 1);
	CU_ASSERT(t->columns[0].invisible && t->columns[0].is_unsigned);
	CU_ASSERT(!t->stats.has_rows);
	CU_ASSERT_STRING_EQUAL(t->engine, "MyISAM");
	bp_schema_free(s);
}

static void test_xml_errors(void)
{
	/* line 4: broken attribute; line 7: unknown type; line 8: key on a missing
	 * column; line 11: mismatched end tag; table u still loads; v is cut off */
	const char *doc =
		"<?xml version=\"1.0\"?>\n"                                           /* 1 */
		"<mysqldump><database name=\"d\">\n"                                   /* 2 */
		"<table_structure name=\"t\">\n"                                       /* 3 */
		"<field Field=\"a\" Type=\"int\" Null=\"NO\" Extra=\"\" Comment=\"\" <field/>\n" /* 4 */
		"</table_structure>\n"                                                 /* 5 */
		"<table_structure name=\"u\">\n"                                       /* 6 */
		"<field Field=\"x\" Type=\"frobnicate(3)\" Null=\"NO\" />\n"          /* 7 */
		"<key Key_name=\"k\" Non_unique=\"1\" Seq_in_index=\"1\" Column_name=\"nope\" />\n" /* 8 */
		"<field Field=\"y\" Type=\"int(11)\" Null=\"YES\" Default=\"NULL\" />\n" /* 9 */
		"<key Key_name=\"PRIMARY\" Non_unique=\"0\" Seq_in_index=\"x\" Column_name=\"y\" />\n" /* 10 */
		"<options Name=\"u\" Engine=\"InnoDB\"></optionz>\n"                  /* 11 */
		"</table_structure>\n"                                                 /* 12 */
		"<table_structure name=\"v\">\n"                                       /* 13 */
		"<field Field=\"z\" Type=\"int\" Null=\"YES\" />\n";                  /* 14: ends here */
	diags g;
	diags_init(&g);
	unsigned failures = CU_get_number_of_failures();
	bp_schema *s = xml_load(doc, &g);
	CU_ASSERT(g.n >= 5);
	CU_ASSERT_EQUAL(g.d.errors, g.n);
	int i = diag_find(&g, 4, "XML:");
	CU_ASSERT(i >= 0 && g.col[i] > 1);
	i = diag_find(&g, 7, "unknown type `frobnicate(3)`");
	CU_ASSERT(i >= 0);
	CU_ASSERT(diag_find(&g, 8, "unknown column `nope`") >= 0);
	CU_ASSERT(diag_find(&g, 10, "Seq_in_index=\"x\" is not a number") >= 0);
	CU_ASSERT(diag_find(&g, 11, "XML:") >= 0);
	CU_ASSERT(diag_find(&g, 13, "ends inside") >= 0);
	if (CU_get_number_of_failures() > failures)
		diags_print(&g, "errors");
	const bp_sch_table *u = bp_schema_lookup(s, "d", "u");
	CU_ASSERT_FATAL(u != NULL);
	CU_ASSERT_EQUAL(u->n_columns, 2);
	CU_ASSERT_STRING_EQUAL(u->columns[1].name, "y");
	CU_ASSERT_EQUAL(u->n_indexes, 1); /* k; the PRIMARY row was bad */
	CU_ASSERT_STRING_EQUAL(u->engine, "InnoDB");
	CU_ASSERT_PTR_NULL(bp_schema_lookup(s, "d", "v"));
	bp_schema_free(s);
}

/* a document with a DTD (entity bombs, external entities) is refused */
static void test_xml_entities(void)
{
	const char *doc =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
		"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
		"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
		"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">"
		"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">"
		"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">"
		"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">"
		"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"
		"<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/x\">]>\n"
		"<mysqldump><database name=\"d\"><table_structure name=\"t\">\n"
		"<field Field=\"a\" Type=\"int\" Null=\"NO\" Comment=\"&lol9;\" />\n"
		"<field Field=\"b\" Type=\"int\" Null=\"NO\" />\n"
		"</table_structure></database></mysqldump>\n";
	diags g;
	diags_init(&g);
	clock_t c0 = clock();
	bp_schema *s = xml_load(doc, &g);
	CU_ASSERT((double)(clock() - c0) / CLOCKS_PER_SEC < 2.0);
	CU_ASSERT(g.n == 1 && diag_find(&g, 2, "<!DOCTYPE> is not accepted") >= 0);
	size_t n;
	bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 0);
	bp_schema_free(s);
}

/* XML that is not a mysqldump document */
static void test_xml_not_dump(void)
{
	diags g;
	diags_init(&g);
	bp_schema *s = xml_load("<?xml version=\"1.0\"?>\n\n<resultset statement=\"SELECT 1\">\n"
				"<row><field name=\"1\">1</field></row></resultset>\n", &g);
	CU_ASSERT(g.n == 1 && diag_find(&g, 3, "root element <resultset>, not <mysqldump>") >= 0);
	bp_schema_free(s);
}

/* a full dump: <table_data> (with a 12 MB value and binary bytes) is skipped,
 * line numbers after it stay right, and the tables after it load */
static void test_xml_table_data(void)
{
	bp_buf b = BP_BUF_INIT;
	bp_buf_adds(&b, "<?xml version=\"1.0\"?>\n<mysqldump xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n"
			"<database name=\"big\">\n<table_structure name=\"a\">\n"
			"<field Field=\"id\" Type=\"int(11)\" Null=\"NO\" Key=\"PRI\" Extra=\"\" Comment=\"\" />\n"
			"<field Field=\"v\" Type=\"longtext\" Null=\"YES\" Key=\"\" Default=\"NULL\" Extra=\"\" Comment=\"\" />\n"
			"<key Table=\"a\" Non_unique=\"0\" Key_name=\"PRIMARY\" Seq_in_index=\"1\" Column_name=\"id\" Collation=\"A\" Cardinality=\"20000\" Null=\"\" Index_type=\"BTREE\" />\n"
			"</table_structure>\n<table_data name=\"a\">\n");
	char *blob = malloc(12 << 20); /* one 12 MB value: above libxml2's 10 MB text node limit */
	memset(blob, 'x', 12 << 20);
	bp_buf_adds(&b, "\t<row>\n\t\t<field name=\"id\">0</field>\n\t\t<field name=\"v\">");
	bp_buf_add(&b, blob, 12 << 20);
	/* raw binary, as mysqldump writes a BLOB or GEOMETRY: not well-formed XML */
	static const char binary[] = "\0\x01\xff\xfe<![CDATA[ <table_data ";
	bp_buf_add(&b, binary, sizeof(binary) - 1);
	bp_buf_adds(&b, "</field>\n\t</row>\n");
	free(blob);
	for (int i = 1; i < 20000; i++)
		bp_buf_addf(&b, "\t<row>\n\t\t<field name=\"id\">%d</field>\n\t\t<field name=\"v\">row &amp; &lt;%d&gt;</field>\n\t</row>\n", i, i);
	bp_buf_adds(&b, "</table_data>\n<table_data name=\"empty\" />\n<!-- <table_data name=\"x\"> -->\n"
			"<triggers><trigger><![CDATA[ <table_data> ]]></trigger></triggers>\n"
			"<table_structure name=\"b\">\n"
			"<field Field=\"k\" Type=\"int(11)\" Null=\"NO\" Key=\"\" Extra=\"\" Comment=\"\" />\n"
			"<field Field=\"k2\" Type=\"nonsense\" Null=\"NO\" />\n"
			"</table_structure>\n</database>\n</mysqldump>\n");
	CU_ASSERT_FATAL(bp_buf_ok(&b));
	diags g;
	diags_init(&g);
	bp_schema *s = bp_schema_new();
	CU_ASSERT_EQUAL(bp_schema_load_xml(s, b.data, b.len, "big.xml", &g.d), 0);
	/* the one error: 9 lines before the rows, 4 per row, 7 after */
	unsigned line = 9 + 20000 * 4 + 7;
	CU_ASSERT(g.n == 1 && diag_find(&g, line, "unknown type `nonsense`") >= 0);
	if (g.n != 1 || g.line[0] != line)
		diags_print(&g, "big");
	const bp_sch_table *t = bp_schema_lookup(s, "big", "a");
	CU_ASSERT(t && t->n_columns == 2);
	t = bp_schema_lookup(s, "big", "b");
	CU_ASSERT(t && t->n_columns == 2);
	size_t n;
	bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 2);
	bp_schema_free(s);
	bp_buf_release(&b);
}

/* ------------------------------------------------------------------------ */
/* synthetic TSV                                                              */

static bp_schema *tsv_load(bp_schema *s, const char *doc, diags *g)
{
	if (!s)
		s = bp_schema_new();
	int rc = bp_schema_load_tsv(s, doc, strlen(doc), "t.tsv", &g->d);
	CU_ASSERT_EQUAL(rc, 0);
	return s;
}

static void test_tsv_mysql8(void)
{
	/* MySQL 8.0 column order and extras (SRS_ID), rows shuffled, escapes, CRLF */
	const char *cols =
		"TABLE_CATALOG\tTABLE_SCHEMA\tTABLE_NAME\tCOLUMN_NAME\tORDINAL_POSITION\tCOLUMN_DEFAULT\tIS_NULLABLE\t"
		"DATA_TYPE\tCHARACTER_MAXIMUM_LENGTH\tCHARACTER_OCTET_LENGTH\tNUMERIC_PRECISION\tNUMERIC_SCALE\t"
		"DATETIME_PRECISION\tCHARACTER_SET_NAME\tCOLLATION_NAME\tCOLUMN_TYPE\tCOLUMN_KEY\tEXTRA\tPRIVILEGES\t"
		"COLUMN_COMMENT\tGENERATION_EXPRESSION\tSRS_ID\r\n"
		"def\tm\tt\tc\t3\tNULL\tYES\tvarchar\t10\t40\tNULL\tNULL\tNULL\tutf8mb4\tutf8mb4_0900_ai_ci\tvarchar(10)\t\t\tselect\ttab\\there\\nnew \\\\ line\\0\t\tNULL\r\n"
		"def\tm\tt\tid\t1\tNULL\tNO\tint\tNULL\tNULL\t10\t0\tNULL\tNULL\tNULL\tint unsigned\tPRI\tauto_increment\tselect\t\t\tNULL\r\n"
		"def\tm\tt\tg\t4\tNULL\tYES\tint\tNULL\tNULL\t10\t0\tNULL\tNULL\tNULL\tint\t\tVIRTUAL GENERATED\tselect\t\t(`id` + 1)\tNULL\r\n"
		"def\tm\tt\tb\t2\t\tNO\tvarchar\t5\t20\tNULL\tNULL\tNULL\tutf8mb4\tutf8mb4_0900_ai_ci\tvarchar(5)\tMUL\t\tselect\t\t\tNULL\r\n";
	const char *stats =
		"TABLE_CATALOG\tTABLE_SCHEMA\tTABLE_NAME\tNON_UNIQUE\tINDEX_SCHEMA\tINDEX_NAME\tSEQ_IN_INDEX\tCOLUMN_NAME\t"
		"COLLATION\tCARDINALITY\tSUB_PART\tPACKED\tNULLABLE\tINDEX_TYPE\tCOMMENT\tINDEX_COMMENT\tIS_VISIBLE\tEXPRESSION\n"
		"def\tm\tt\t1\tm\tbc\t2\tc\tD\t5\t3\tNULL\tYES\tBTREE\t\t\tNO\tNULL\n"
		"def\tm\tt\t0\tm\tPRIMARY\t1\tid\tA\t10\tNULL\tNULL\t\tBTREE\t\t\tYES\tNULL\n"
		"def\tm\tt\t1\tm\tbc\t1\tb\tA\t4\tNULL\tNULL\t\tBTREE\t\t\tNO\tNULL\n"
		"def\tm\tt\t0\tm\tfx\t1\tNULL\tA\t2\tNULL\tNULL\tYES\tBTREE\t\t\tYES\t(lower(`b`))\n";
	diags g;
	diags_init(&g);
	bp_schema *s = tsv_load(NULL, stats, &g); /* indexes before columns */
	tsv_load(s, cols, &g);
	CU_ASSERT_EQUAL(g.n, 0);
	diags_print(&g, "mysql8");
	const bp_sch_table *t = bp_schema_lookup(s, "m", "t");
	CU_ASSERT_FATAL(t && t->n_columns == 4);
	CU_ASSERT_STRING_EQUAL(t->columns[0].name, "id");
	CU_ASSERT_STRING_EQUAL(t->columns[1].name, "b");
	CU_ASSERT_STRING_EQUAL(t->columns[2].name, "c");
	CU_ASSERT_STRING_EQUAL(t->columns[3].name, "g");
	CU_ASSERT_STRING_EQUAL(t->columns[0].type, "int unsigned");
	CU_ASSERT(t->columns[0].auto_increment && !t->columns[0].nullable && !t->columns[0].default_value);
	CU_ASSERT_STRING_EQUAL(t->columns[1].default_value, ""); /* MySQL: DEFAULT '' */
	CU_ASSERT_STRING_EQUAL(t->columns[2].comment, "tab\there\nnew \\ line");
	CU_ASSERT_STRING_EQUAL(t->columns[2].default_value, "NULL");
	CU_ASSERT_STRING_EQUAL(t->columns[2].collation, "utf8mb4_0900_ai_ci");
	CU_ASSERT(t->columns[3].generated && !t->columns[3].generated_stored);
	CU_ASSERT_STRING_EQUAL(t->columns[3].generated_expr, "(`id` + 1)");
	CU_ASSERT_EQUAL_FATAL(t->n_indexes, 3);
	CU_ASSERT_STRING_EQUAL(t->indexes[0].name, "PRIMARY");
	const bp_sch_index *ix = bp_sch_find_index(t, "bc", NULL);
	CU_ASSERT_FATAL(ix && ix->n_parts == 2 && ix->invisible);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].column, "b");
	CU_ASSERT_STRING_EQUAL(ix->parts[1].column, "c");
	CU_ASSERT(ix->parts[1].desc && ix->parts[1].prefix == 3 && ix->parts[1].cardinality == 5);
	ix = bp_sch_find_index(t, "fx", NULL);
	CU_ASSERT_FATAL(ix && ix->kind == BP_IDX_UNIQUE && !ix->invisible);
	CU_ASSERT_PTR_NULL(ix->parts[0].column);
	CU_ASSERT_STRING_EQUAL(ix->parts[0].expr, "(lower(`b`))");
	bp_schema_free(s);
}

/* foreign keys: REFERENTIAL_CONSTRAINTS first or second, composite, cross-db;
 * several extracts concatenated in one file */
static void test_tsv_fks(void)
{
	const char *kcu =
		"CONSTRAINT_CATALOG\tCONSTRAINT_SCHEMA\tCONSTRAINT_NAME\tTABLE_CATALOG\tTABLE_SCHEMA\tTABLE_NAME\tCOLUMN_NAME\t"
		"ORDINAL_POSITION\tPOSITION_IN_UNIQUE_CONSTRAINT\tREFERENCED_TABLE_SCHEMA\tREFERENCED_TABLE_NAME\tREFERENCED_COLUMN_NAME\n"
		"def\td\tfk2\tdef\td\tc\tb2\t2\t2\tother\tp\ty\n"
		"def\td\tPRIMARY\tdef\td\tc\tid\t1\tNULL\tNULL\tNULL\tNULL\n"
		"def\td\tfk2\tdef\td\tc\tb1\t1\t1\tother\tp\tx\n"
		"def\td\tfk1\tdef\td\tc\ta\t1\t1\td\tq\tid\n";
	const char *rc =
		"CONSTRAINT_CATALOG\tCONSTRAINT_SCHEMA\tCONSTRAINT_NAME\tUNIQUE_CONSTRAINT_CATALOG\tUNIQUE_CONSTRAINT_SCHEMA\t"
		"UNIQUE_CONSTRAINT_NAME\tMATCH_OPTION\tUPDATE_RULE\tDELETE_RULE\tTABLE_NAME\tREFERENCED_TABLE_NAME\n"
		"def\td\tfk1\tdef\td\tPRIMARY\tNONE\tCASCADE\tSET NULL\tc\tq\n"
		"def\td\tfk2\tdef\tother\tux\tNONE\tNO ACTION\tSET DEFAULT\tc\tp\n";
	char both[4096];
	for (int order = 0; order < 3; order++) {
		diags g;
		diags_init(&g);
		bp_schema *s;
		if (order == 0) {
			s = tsv_load(NULL, kcu, &g);
			tsv_load(s, rc, &g);
		} else if (order == 1) {
			s = tsv_load(NULL, rc, &g);
			tsv_load(s, kcu, &g);
		} else {
			snprintf(both, sizeof(both), "%s%s", rc, kcu); /* one file, two sections */
			s = tsv_load(NULL, both, &g);
		}
		CU_ASSERT_EQUAL(g.n, 0);
		const bp_sch_table *t = bp_schema_lookup(s, "d", "c");
		CU_ASSERT_FATAL(t && t->n_fks == 2);
		CU_ASSERT_EQUAL(t->n_indexes, 0); /* KEY_COLUMN_USAGE's PRIMARY is not an index source */
		for (uint32_t i = 0; i < 2; i++) {
			const bp_sch_fk *fk = &t->fks[i];
			if (strcmp(fk->name, "fk1") == 0) {
				CU_ASSERT(fk->n_columns == 1 && strcmp(fk->ref_db, "d") == 0 && strcmp(fk->ref_table, "q") == 0);
				CU_ASSERT_EQUAL(fk->on_delete, BP_FK_SET_NULL);
				CU_ASSERT_EQUAL(fk->on_update, BP_FK_CASCADE);
			} else {
				CU_ASSERT_STRING_EQUAL(fk->name, "fk2");
				CU_ASSERT_FATAL(fk->n_columns == 2);
				CU_ASSERT_STRING_EQUAL(fk->columns[0], "b1");
				CU_ASSERT_STRING_EQUAL(fk->columns[1], "b2");
				CU_ASSERT_STRING_EQUAL(fk->ref_columns[0], "x");
				CU_ASSERT_STRING_EQUAL(fk->ref_columns[1], "y");
				CU_ASSERT_STRING_EQUAL(fk->ref_db, "other");
				CU_ASSERT_EQUAL(fk->on_delete, BP_FK_SET_DEFAULT);
				CU_ASSERT_EQUAL(fk->on_update, BP_FK_NO_ACTION);
			}
		}
		bp_schema_free(s);
	}
}

static void test_tsv_errors(void)
{
	const char *doc =
		"TABLE_SCHEMA\tTABLE_NAME\tCOLUMN_NAME\tORDINAL_POSITION\tIS_NULLABLE\tCOLUMN_TYPE\n" /* 1 */
		"d\tt\ta\t1\tNO\tint(11)\n"                                                      /* 2 */
		"d\tt\tb\t2\tYES\n"                                                              /* 3: short */
		"d\tt\tc\tthree\tYES\tint\n"                                                     /* 4: bad number */
		"d\tt\td\t4\tYES\tfrobnicate\n"                                                  /* 5: unknown type */
		"d\tt\te\t5\tYES\tint\textra\n"                                                  /* 6: long */
		"d\tNULL\tf\t6\tYES\tint\n"                                                      /* 7: a table named NULL */
		"d\tt\tg\t7\tYES\tdate\n"                                                        /* 8 */
		"NAME\tTABLE_NAME\tVALUE\n"                                                      /* 9: unknown header */
		"x\ty\tz\n"                                                                      /* 10: skipped */
		"TABLE_SCHEMA\tTABLE_NAME\tTABLE_TYPE\tTABLE_ROWS\n"                             /* 11 */
		"d\tt\tBASE TABLE\t-5\n"                                                         /* 12: bad rows */
		"d\tu\tBASE TABLE\t17\n";                                                        /* 13 */
	diags g;
	diags_init(&g);
	unsigned failures = CU_get_number_of_failures();
	bp_schema *s = tsv_load(NULL, doc, &g);
	CU_ASSERT_EQUAL(g.n, 6);
	CU_ASSERT(diag_find(&g, 3, "5 fields where the header has 6") >= 0);
	int i = diag_find(&g, 4, "ORDINAL_POSITION: \"three\" is not a number");
	CU_ASSERT(i >= 0 && g.col[i] == 7);
	i = diag_find(&g, 5, "unknown type `frobnicate`");
	CU_ASSERT(i >= 0 && g.col[i] == 13);
	i = diag_find(&g, 6, "7 fields");
	CU_ASSERT(i >= 0 && g.col[i] == 17);
	/* names are never SQL NULL in information_schema: "NULL" is the table's name */
	CU_ASSERT(diag_find(&g, 7, "without TABLE_NAME") < 0);
	const bp_sch_table *tn = bp_schema_lookup(s, "d", "NULL");
	CU_ASSERT(tn && tn->n_columns == 1 && strcmp(tn->columns[0].name, "f") == 0);
	CU_ASSERT(diag_find(&g, 9, "header names no information_schema table") >= 0);
	CU_ASSERT(diag_find(&g, 12, "TABLE_ROWS") >= 0);
	if (CU_get_number_of_failures() > failures)
		diags_print(&g, "tsv errors");
	const bp_sch_table *t = bp_schema_lookup(s, "d", "t");
	CU_ASSERT_FATAL(t && t->n_columns == 3);
	CU_ASSERT_STRING_EQUAL(t->columns[0].name, "a");
	CU_ASSERT_STRING_EQUAL(t->columns[1].name, "d");
	CU_ASSERT_STRING_EQUAL(t->columns[2].name, "g");
	CU_ASSERT(!t->stats.has_rows);
	t = bp_schema_lookup(s, "d", "u");
	CU_ASSERT(t && t->stats.has_rows && t->stats.rows == 17 && t->n_columns == 0);
	bp_schema_free(s);

	/* a header missing a required column */
	diags_init(&g);
	s = tsv_load(NULL, "TABLE_SCHEMA\tTABLE_NAME\tCOLUMN_NAME\tCOLUMN_TYPEX\tINDEX_NAME\tSEQ_IN_INDEX\n", &g);
	CU_ASSERT(g.n == 1 && diag_find(&g, 1, "STATISTICS header without NON_UNIQUE") >= 0);
	bp_schema_free(s);
}

/* ------------------------------------------------------------------------ */
/* detection and files                                                       */

static void test_detect(void)
{
	CU_ASSERT_EQUAL(bp_schema_detect("<?xml version=\"1.0\"?>", 21), BP_SCH_FORM_XML);
	CU_ASSERT_EQUAL(bp_schema_detect("\xef\xbb\xbf\n  <mysqldump>", 17), BP_SCH_FORM_XML);
	CU_ASSERT_EQUAL(bp_schema_detect("TABLE_CATALOG\tTABLE_SCHEMA\tTABLE_NAME\tX\n", 40), BP_SCH_FORM_TSV);
	CU_ASSERT_EQUAL(bp_schema_detect("table_schema\ttable_name\n", 24), BP_SCH_FORM_TSV);
	CU_ASSERT_EQUAL(bp_schema_detect("CONSTRAINT_SCHEMA\tCONSTRAINT_NAME\r\n", 35), BP_SCH_FORM_TSV);
	CU_ASSERT_EQUAL(bp_schema_detect("TABLE_SCHEMA\tCOLUMN_NAME\n", 25), BP_SCH_FORM_SQL);
	CU_ASSERT_EQUAL(bp_schema_detect("-- MariaDB dump\tTABLE_SCHEMA TABLE_NAME\n", 40), BP_SCH_FORM_SQL);
	CU_ASSERT_EQUAL(bp_schema_detect("CREATE TABLE t (a int);", 23), BP_SCH_FORM_SQL);
	CU_ASSERT_EQUAL(bp_schema_detect("", 0), BP_SCH_FORM_SQL);
	CU_ASSERT_EQUAL(bp_schema_detect("\xfe" "bin\x00\x01", 6), BP_SCH_FORM_UNKNOWN);
	/* the fixtures, from their content */
	char path[512];
	size_t n;
	static const struct {
		const char *suffix;
		bp_sch_form form;
	} files[] = { { ".sql", BP_SCH_FORM_SQL }, { ".xml", BP_SCH_FORM_XML }, { ".COLUMNS.tsv", BP_SCH_FORM_TSV },
		      { ".STATISTICS.tsv", BP_SCH_FORM_TSV }, { ".KEY_COLUMN_USAGE.tsv", BP_SCH_FORM_TSV },
		      { ".REFERENTIAL_CONSTRAINTS.tsv", BP_SCH_FORM_TSV }, { ".TABLES.tsv", BP_SCH_FORM_TSV } };
	for (size_t i = 0; i < N_DBS; i++)
		for (size_t k = 0; k < sizeof(files) / sizeof(files[0]); k++) {
			char *text = (char *)bp_unit_slurp(fixture_path(path, sizeof(path), fixture_dbs[i], files[k].suffix), &n);
			CU_ASSERT_PTR_NOT_NULL_FATAL(text);
			CHECK(bp_schema_detect(text, n) == files[k].form, "%s: detected as %d", path,
			      (int)bp_schema_detect(text, n));
			free(text);
		}
}

/* write n bytes to a new temporary file; its path into path */
static bool write_temp(char *path, size_t size, const void *p, size_t n)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, size, "%s/bp-schema-XXXXXX", dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return false;
	bool ok = write(fd, p, n) == (ssize_t)n;
	close(fd);
	return ok;
}

static void test_load_file(void)
{
	diags g;
	diags_init(&g);
	bp_schema *s = bp_schema_new();
	bp_err err;
	bp_err_clear(&err);
	/* missing file: an I/O error naming it */
	int rc = bp_schema_load_file(s, "/nonexistent/dir/x.sql", &g.d, &err);
	CU_ASSERT_EQUAL(rc, -BP_E_IO);
	CU_ASSERT_EQUAL(err.code, BP_E_IO);
	CU_ASSERT(err.path && strcmp(err.path, "/nonexistent/dir/x.sql") == 0);
	/* a binary log: reported, nothing loaded */
	char path[512];
	snprintf(path, sizeof(path), "%s/binlog/mariadb-10.11-ddl.bin", bp_unit_fixtures());
	CU_ASSERT_EQUAL(bp_schema_load_file(s, path, &g.d, &err), 0);
	CU_ASSERT(g.n == 1 && diag_find(&g, 1, "binary data") >= 0);
	size_t n;
	bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 0);

	/* gzip-compressed XML, and a large (mapped) XML file */
	size_t len;
	uint8_t *xml = bp_unit_slurp(fixture_path(path, sizeof(path), "shop", ".xml"), &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	uLongf zlen = compressBound(len) + 32;
	uint8_t *z = malloc(zlen + 32);
	/* gzip framing around a raw deflate stream */
	z_stream zs;
	memset(&zs, 0, sizeof(zs));
	CU_ASSERT_FATAL(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
	zs.next_in = xml;
	zs.avail_in = (uInt)len;
	zs.next_out = z;
	zs.avail_out = (uInt)zlen;
	CU_ASSERT_FATAL(deflate(&zs, Z_FINISH) == Z_STREAM_END);
	char tmp[512];
	CU_ASSERT_FATAL(write_temp(tmp, sizeof(tmp), z, zs.total_out));
	deflateEnd(&zs);
	diags_init(&g);
	CU_ASSERT_EQUAL(bp_schema_load_file(s, tmp, &g.d, &err), 0);
	CU_ASSERT_EQUAL(g.n, 0);
	CU_ASSERT_PTR_NOT_NULL(bp_schema_lookup(s, "shop", "order_items"));
	unlink(tmp);
	free(z);

	/* > 64 KiB: mapped; white space in front of the declaration is fine */
	bp_buf b = BP_BUF_INIT;
	for (int i = 0; i < 70000; i++)
		bp_buf_addc(&b, i % 80 ? ' ' : '\n');
	bp_buf_adds(&b, "<mysqldump>");
	const char *body = strstr((const char *)xml, "<database");
	bp_buf_add(&b, body, len - (size_t)(body - (const char *)xml));
	CU_ASSERT_FATAL(write_temp(tmp, sizeof(tmp), b.data, b.len));
	bp_schema *s2 = bp_schema_new();
	CU_ASSERT_EQUAL(bp_schema_load_file(s2, tmp, &g.d, &err), 0);
	CU_ASSERT_EQUAL(g.n, 0);
	CU_ASSERT_PTR_NOT_NULL(bp_schema_lookup(s2, "shop", "customers"));
	unlink(tmp);
	bp_buf_release(&b);
	free(xml);
	bp_schema_free(s2);
	bp_schema_free(s);
}

static const CU_TestInfo schema_load_tests[] = {
	{ "detect", test_detect },
	{ "fixtures_xml", test_fixtures_xml },
	{ "fixtures_tsv", test_fixtures_tsv },
	{ "fixtures_stats", test_fixtures_stats },
	{ "fixture_values", test_fixture_values },
	{ "tsv_load_order", test_tsv_order },
	{ "merge_forms", test_merge_forms },
	{ "xml_keys", test_xml_keys },
	{ "xml_errors", test_xml_errors },
	{ "xml_entities", test_xml_entities },
	{ "xml_not_dump", test_xml_not_dump },
	{ "xml_table_data", test_xml_table_data },
	{ "tsv_mysql8", test_tsv_mysql8 },
	{ "tsv_fks", test_tsv_fks },
	{ "tsv_errors", test_tsv_errors },
	{ "load_file", test_load_file },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_schema_load(void) { return bp_unit_add("analyzer/schema_load", schema_load_tests); }
