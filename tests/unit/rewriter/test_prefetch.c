/*
 * test_prefetch.c: the prefetch rules for row images (rewriter/prefetch.c) and
 * the emitter (rewriter/emit.c): dedup window, batching, guards and the
 * single-SELECT check.
 *
 * Table-driven: a schema (CREATE TABLE text, loaded by the real loader), a row
 * event kind with before/after images written compactly ("i:10|s:abc|n|-":
 * integer, utf8mb4 string, NULL, absent column), and the exact script lines
 * expected (header stripped). The class/level/reasons of the verdict are
 * checked too.
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/event.h"
#include "analyzer/schema.h"
#include "rewriter/emit.h"
#include "rewriter/prefetch.h"

static const char *const SCHEMA_SQL =
	"CREATE TABLE `p` (`id` int NOT NULL, `name` varchar(20) NOT NULL, PRIMARY KEY (`id`),"
	" UNIQUE KEY `uk_name` (`name`)) ENGINE=InnoDB;\n"
	"CREATE TABLE `c` (`id` int NOT NULL AUTO_INCREMENT, `pid` int DEFAULT NULL, `v` int NOT NULL,"
	" `s` varchar(10) DEFAULT NULL, PRIMARY KEY (`id`), KEY `k_pid` (`pid`), KEY `k_v` (`v`),"
	" CONSTRAINT `fk` FOREIGN KEY (`pid`) REFERENCES `p` (`id`) ON DELETE CASCADE) ENGINE=InnoDB;\n"
	"CREATE TABLE `n` (`a` int NOT NULL, `b` int DEFAULT NULL, KEY `ka` (`a`)) ENGINE=InnoDB;\n"
	"CREATE TABLE `u` (`a` int NOT NULL, `b` int NOT NULL, `c` int DEFAULT NULL, UNIQUE KEY `ab` (`a`,`b`),"
	" KEY `kc` (`c`)) ENGINE=InnoDB;\n"
	"CREATE TABLE `h` (`x` int DEFAULT NULL) ENGINE=InnoDB;\n"
	"CREATE TABLE `g` (`id` int NOT NULL, `email` varchar(50) NOT NULL,"
	" `dom` varchar(50) GENERATED ALWAYS AS (substring_index(`email`,'@',-1)) VIRTUAL,"
	" `st` enum('new','paid') NOT NULL, PRIMARY KEY (`id`), KEY `k_dom` (`dom`), KEY `k_st` (`st`,`id`)) ENGINE=InnoDB;\n";

typedef struct row_case {
	const char *name;
	const char *table;
	char kind;            /* 'W', 'U', 'D' */
	const char *before, *after;
	const char *lines;    /* expected script lines, "\n"-separated */
	const char *cls;
	const char *level;
	uint32_t reasons;
} row_case;

static const row_case ROW_CASES[] = {
	{ "insert at the auto-increment tail", "c", 'W', NULL, "i:10|i:5|i:7|s:x",
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` = 5 AND `id` = 10; /* f:4 - insert-append k_pid after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 7 AND `id` = 10; /* f:4 - insert-append k_v after 0 */\n"
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 5; /* f:4 - insert-append PRIMARY fk-parent 0 */\n",
	  "insert-append", "full", BP_R_SEQUENTIAL },
	{ "insert below the tail: random, PK read; NULL FK: no parent", "c", 'W', NULL, "i:3|n|i:7|n",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 3; /* f:4 - insert-random PRIMARY after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` IS NULL AND `id` = 3; /* f:4 - insert-random k_pid after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 7 AND `id` = 3; /* f:4 - insert-random k_v after 0 */\n",
	  "insert-random", "full", 0 },
	{ "update of one indexed column: old and new entries of that index only", "c", 'U', "i:10|i:5|i:7|s:x",
	  "i:10|i:5|i:8|s:x",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 10; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 7 AND `id` = 10; /* f:4 - pk-point k_v before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 8 AND `id` = 10; /* f:4 - pk-point k_v after 0 */\n",
	  "pk-point", "full", 0 },
	{ "update of a non-indexed column: the row only", "c", 'U', "i:11|i:5|i:7|s:x", "i:11|i:5|i:7|s:y",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 11; /* f:4 - pk-point PRIMARY before 0 */\n",
	  "pk-point", "full", 0 },
	{ "update of the FK column: new parent read", "c", 'U', "i:12|i:5|i:7|s:x", "i:12|i:6|i:7|s:x",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 12; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` = 5 AND `id` = 12; /* f:4 - pk-point k_pid before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` = 6 AND `id` = 12; /* f:4 - pk-point k_pid after 0 */\n"
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 6; /* f:4 - pk-point PRIMARY fk-parent 0 */\n",
	  "pk-point", "full", 0 },
	{ "minimal update image: unchanged columns come from the before image", "c", 'U', "i:13|i:5|i:7|s:x",
	  "-|-|i:9|-",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 13; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 7 AND `id` = 13; /* f:4 - pk-point k_v before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 9 AND `id` = 13; /* f:4 - pk-point k_v after 0 */\n",
	  "pk-point", "full", 0 },
	{ "delete of a parent: row, unique entry, and what the cascade deletes: child rows and their entries", "p",
	  'D', "i:5|s:a'b", NULL,
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 5; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`p` FORCE INDEX(`uk_name`) WHERE `name` = 'a''b'; /* f:4 - pk-point uk_name before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT 5 AS `id`) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row`; /* f:4 - pk-point k_pid fk-child 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT 5 AS `id`) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v fk-child 0 */\n",
	  "pk-point", "full", 0 },
	{ "minimal delete image (PK only): secondary entries unknown, the cascade still read", "p", 'D', "i:6|-", NULL,
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 6; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT 6 AS `id`) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row`; /* f:4 - pk-point k_pid fk-child 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT 6 AS `id`) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v fk-child 0 */\n",
	  "pk-point", "partial", BP_R_NO_VALUE },
	{ "no primary key: the replica searches the first index and compares whole rows", "n", 'D', "i:1|i:2",
	  NULL,
	  "SELECT COUNT(*) FROM `d`.`n` FORCE INDEX(`ka`) WHERE `a` = 1 AND `b` = 2; /* f:4 - secondary-point ka before 0 */\n",
	  "secondary-point", "full", BP_R_NO_PK },
	{ "no primary key, NULL in the row", "n", 'D', "i:3|n", NULL,
	  "SELECT COUNT(*) FROM `d`.`n` FORCE INDEX(`ka`) WHERE `a` = 3 AND `b` IS NULL; /* f:4 - secondary-point ka before 0 */\n",
	  "secondary-point", "full", BP_R_NO_PK },
	{ "unique NOT NULL key is the clustered index", "u", 'U', "i:1|i:2|i:3", "i:1|i:2|i:4",
	  "SELECT 1 FROM `d`.`u` FORCE INDEX(`ab`) WHERE `a` = 1 AND `b` = 2; /* f:4 - unique-point ab before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`u` FORCE INDEX(`kc`) WHERE `c` = 3 AND `a` = 1 AND `b` = 2; /* f:4 - unique-point kc before 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`u` FORCE INDEX(`kc`) WHERE `c` = 4 AND `a` = 1 AND `b` = 2; /* f:4 - unique-point kc after 0 */\n",
	  "unique-point", "full", 0 },
	{ "no index at all: a scan, nothing to warm", "h", 'U', "i:1", "i:2", "", "scan", "none", BP_R_NO_PK },
	{ "insert into a table without a key: hidden row id tail", "h", 'W', NULL, "i:1", "", "insert-append", "none",
	  BP_R_NO_PK | BP_R_SEQUENTIAL },
	{ "a repeat inside the dedup window is written once", "c", 'U', "i:10|i:5|i:7|s:x", "i:10|i:5|i:7|s:z",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 10; /* f:4 - pk-point PRIMARY before 0 */\n",
	  "pk-point", "full", 0 },
};

/* ---- fixtures ----------------------------------------------------------------------- */

typedef struct rowbuf {
	bp_value v[8];
	bool present[8];
	char text[8][32];
} rowbuf;

/* "i:10|s:abc|n|-" into values; returns the count */
static uint32_t parse_image(const char *spec, rowbuf *rb)
{
	uint32_t n = 0;
	memset(rb, 0, sizeof(*rb));
	const char *p = spec;
	while (p && *p && n < 8) {
		const char *end = strchr(p, '|');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		bp_value *v = &rb->v[n];
		rb->present[n] = true;
		if (p[0] == 'i') {
			v->kind = BP_V_INT;
			v->i = strtoll(p + 2, NULL, 10);
		} else if (p[0] == 's') {
			snprintf(rb->text[n], sizeof(rb->text[n]), "%.*s", (int)(len - 2), p + 2);
			v->kind = BP_V_STRING;
			v->p = (const uint8_t *)rb->text[n];
			v->n = (uint32_t)strlen(rb->text[n]);
		} else if (p[0] == 'n') {
			v->kind = BP_V_NULL;
		} else {
			rb->present[n] = false;
		}
		n++;
		p = end ? end + 1 : NULL;
	}
	return n;
}

/* Columns of a table as a TABLE_MAP would give them (int / varchar utf8mb4). */
static void columns_for(const bp_sch_table *t, bp_column *cols)
{
	for (uint32_t i = 0; i < t->n_columns; i++) {
		memset(&cols[i], 0, sizeof(cols[i]));
		bool str = strcmp(t->columns[i].base, "varchar") == 0;
		cols[i].type = cols[i].real_type = str ? BP_T_VARCHAR : BP_T_LONG;
		cols[i].meta = str ? 80 : 0;
		cols[i].charset = str ? 45 : 63;
		cols[i].nullable = t->columns[i].nullable;
		cols[i].visible = true;
	}
}

static bp_schema *load_schema(void)
{
	bp_schema *s = bp_schema_new();
	bp_sch_diag diag = { 0 };
	CU_ASSERT_EQUAL_FATAL(bp_schema_load_sql(s, SCHEMA_SQL, strlen(SCHEMA_SQL), "test", "d", &diag), 0);
	CU_ASSERT_EQUAL(diag.errors, 0);
	return s;
}

/* The script lines after the header (lines not starting with "SET " or "--"). */
static char *body_of(char *script)
{
	char *out = calloc(1, strlen(script) + 1);
	char *w = out;
	for (char *line = strtok(script, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "--", 2) == 0 || strncmp(line, "SET ", 4) == 0)
			continue;
		w += sprintf(w, "%s\n", line);
	}
	return out;
}

/* ---- row rules ---------------------------------------------------------------------- */

static void row_rules(void)
{
	bp_schema *s = load_schema();
	char *script = NULL;
	size_t script_len = 0;
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	bp_pf_ctx c;
	/* one context for all cases: the auto-increment tail carries over, as in a log */
	bp_pf_ctx_init(&c, s, NULL);
	for (size_t i = 0; i < sizeof(ROW_CASES) / sizeof(ROW_CASES[0]); i++) {
		const row_case *rc = &ROW_CASES[i];
		FILE *fp = open_memstream(&script, &script_len);
		bp_emit *e = bp_emit_new(&eo, fp);
		/* the dedup case shares the emitter with the case it repeats */
		bool repeat = strstr(rc->name, "repeat") != NULL;
		c.emit = e;
		const bp_sch_table *t = bp_schema_lookup(s, "d", rc->table);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		bp_column cols[8];
		columns_for(t, cols);
		bp_table_map map = { .db = "d", .table = rc->table, .n_columns = t->n_columns, .columns = cols };
		rowbuf b, a;
		bp_row row = { 0 };
		if (rc->before) {
			parse_image(rc->before, &b);
			row.before = b.v;
			row.before_present = b.present;
		}
		if (rc->after) {
			parse_image(rc->after, &a);
			row.after = a.v;
			row.after_present = a.present;
		}
		bp_ev_rows ev = { .kind = (uint8_t)rc->kind, .map = &map, .n_columns = t->n_columns, .n_rows = 1,
				  .row = &row };
		bp_pf_verdict v;
		if (repeat) {
			bp_emit_origin(e, "f", 4, NULL, 0, BP_C_OTHER);
			bp_pf_row(&c, &ev, &row, t, &v); /* the first time: written; the second: dropped */
		}
		bp_emit_origin(e, "f", 4, NULL, 0, BP_C_OTHER);
		bp_pf_row(&c, &ev, &row, t, &v);
		bp_emit_finish(e);
		fclose(fp);
		char *body = body_of(script);
		char *want = strdup(rc->lines);
		CHECK(strcmp(body, want) == 0, "%s:\n got:\n%s want:\n%s", rc->name, body, want);
		if (repeat)
			CHECK(bp_emit_get_stats(e)->deduped == 1, "%s: deduped %llu", rc->name,
			      (unsigned long long)bp_emit_get_stats(e)->deduped);
		CHECK(strcmp(bp_pf_class_name(v.cls), rc->cls) == 0, "%s: class %s, want %s", rc->name,
		      bp_pf_class_name(v.cls), rc->cls);
		CHECK(strcmp(bp_pf_level_name(v.level), rc->level) == 0, "%s: level %s, want %s", rc->name,
		      bp_pf_level_name(v.level), rc->level);
		CHECK(v.reasons == rc->reasons, "%s: reasons %#x, want %#x", rc->name, v.reasons, rc->reasons);
		free(body);
		free(want);
		free(script);
		script = NULL;
		bp_emit_free(e);
	}
	bp_pf_ctx_release(&c);
	bp_schema_free(s);
}

/* ---- emitter --------------------------------------------------------------------------- */

static const struct {
	const char *sql;
	bool ok;
} SELECT_CASES[] = {
	{ "SELECT 1 FROM `d`.`t` FORCE INDEX(`PRIMARY`) WHERE `id` = 5", true },
	{ "SELECT COUNT(*) FROM (SELECT * FROM `d`.`t` WHERE `a` = 'x;y' LIMIT 10) AS `bp_row`;", true },
	{ "select 1 /* a comment; DROP TABLE x */", true },
	{ "SELECT 1; DROP TABLE t", false },
	{ "SELECT 1;;", false },
	{ "DELETE FROM t", false },
	{ "UPDATE t SET a = 1", false },
	{ "  INSERT INTO t VALUES (1)", false },
	{ "SELECT * FROM t INTO OUTFILE '/tmp/x'", false },
	{ "SELECT * FROM t FOR UPDATE", false },
	{ "SELECT * FROM t LOCK IN SHARE MODE", false },
	{ "SELECT * FROM t FOR SHARE", false },
	{ "SELECT @a := 1", false },
	{ "SELECT 'unterminated", false },
	{ "SELECT (1", false },
	{ "SELECT 1)", false },
	{ "", false },
	{ "/* only a comment */", false },
	{ "SELECT 1 FROM t WHERE a = 'x'';DELETE FROM t;--'", true },
	{ "SELECT 1 FROM t WHERE a = 'x\\';DELETE FROM t;--'", true },
	{ "SELECT /*+ MAX_EXECUTION_TIME(1) */ 1", false },
	{ "SELECT 1 /*!50000 ; DROP TABLE t */", false },
};

static void single_select(void)
{
	for (size_t i = 0; i < sizeof(SELECT_CASES) / sizeof(SELECT_CASES[0]); i++) {
		bool got = bp_sql_is_single_select(SELECT_CASES[i].sql, strlen(SELECT_CASES[i].sql));
		CHECK(got == SELECT_CASES[i].ok, "[%s] gave %d", SELECT_CASES[i].sql, got);
	}
}

/* A key on table t's index (name) with one integer column value. */
static bp_pf_key key1(const bp_sch_table *t, const char *index, const char *col, const char *val)
{
	bp_pf_key k;
	memset(&k, 0, sizeof(k));
	k.table = t;
	k.index = bp_sch_find_index(t, index, NULL);
	k.clustered = strcmp(index, "PRIMARY") == 0;
	k.n = 1;
	k.col[0] = col;
	k.val[0] = val;
	k.rows = 1;
	return k;
}

static char *run_keys(const bp_emit_opts *eo, const bp_sch_table *t, int n_trx, int per_trx, bp_emit_stats *st)
{
	char *script = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&script, &len);
	bp_emit *e = bp_emit_new(eo, fp);
	char val[16];
	for (int x = 0; x < n_trx; x++) {
		for (int k = 0; k < per_trx; k++) {
			bp_emit_origin(e, "log.000001", (uint64_t)(100 * x + k), "0-1-1", (uint32_t)(1700000000 + x), BP_C_PK_POINT);
			snprintf(val, sizeof(val), "%d", x * per_trx + k);
			bp_pf_key key = key1(t, "PRIMARY", "id", val);
			bp_emit_key(e, &key);
		}
		bp_emit_trx_end(e);
	}
	bp_emit_finish(e);
	*st = *bp_emit_get_stats(e);
	bp_emit_free(e);
	fclose(fp);
	char *body = body_of(script);
	free(script);
	return body;
}

static void batching(void)
{
	bp_schema *s = load_schema();
	const bp_sch_table *t = bp_schema_lookup(s, "d", "p");
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	bp_emit_stats st;
	eo.batch_trx = 2;
	char *body = run_keys(&eo, t, 3, 2, &st);
	CHECK(strcmp(body,
		     "SELECT COUNT(*) FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` IN (0,1,2,3); /* "
		     "log.000001:0..log.000001:101 0-1-1 pk-point PRIMARY before 1700000000 */\n"
		     "SELECT COUNT(*) FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` IN (4,5); /* "
		     "log.000001:200..log.000001:201 0-1-1 pk-point PRIMARY before 1700000002 */\n") == 0,
	      "batch of 2 transactions:\n%s", body);
	CHECK(st.statements == 2, "statements %llu", (unsigned long long)st.statements);
	free(body);
	/* --max-statement-bytes splits a batch */
	eo.batch_trx = 1000;
	eo.max_statement_bytes = 1024;
	body = run_keys(&eo, t, 1, 400, &st);
	int lines = 0;
	for (char *p = body; (p = strchr(p, '\n')); p++)
		lines++;
	CHECK(lines == (int)st.statements && lines >= 2, "split into %d lines", lines);
	for (char *line = strtok(body, "\n"); line; line = strtok(NULL, "\n")) {
		char *cmt = strstr(line, " /*");
		CHECK(cmt && cmt - line < 1024, "statement of %d bytes", cmt ? (int)(cmt - line) : -1);
	}
	free(body);
	/* no batching: one line per key; the dedup window drops repeats */
	eo.batch_trx = 1;
	eo.dedup_window = 3;
	char *script = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&script, &len);
	bp_emit *e = bp_emit_new(&eo, fp);
	/* window 3, most recent first: 1 | 2 1 | [1] 2 | 3 1 2 | 4 3 1 (2 evicted) | [1] 4 3 | 2 1 4 */
	const char *seq[] = { "1", "2", "1", "3", "4", "1", "2" };
	for (size_t i = 0; i < 7; i++) {
		bp_pf_key key = key1(t, "PRIMARY", "id", seq[i]);
		bp_emit_key(e, &key);
	}
	bp_emit_finish(e);
	CHECK(bp_emit_get_stats(e)->deduped == 2 && bp_emit_get_stats(e)->statements == 5,
	      "LRU window 3: deduped %llu, written %llu", (unsigned long long)bp_emit_get_stats(e)->deduped,
	      (unsigned long long)bp_emit_get_stats(e)->statements);
	bp_emit_free(e);
	fclose(fp);
	free(script);
	bp_schema_free(s);
}

static void dedup_window_many(void)
{
	/* the LRU stays exact past many evictions: every key of a sliding window is a repeat */
	bp_schema *s = load_schema();
	const bp_sch_table *t = bp_schema_lookup(s, "d", "p");
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	eo.dedup_window = 100;
	bp_emit *e = bp_emit_new(&eo, NULL);
	char val[16];
	uint64_t want_dups = 0;
	for (int i = 0; i < 20000; i++) {
		/* keys i and i-40: 80 keys were touched since i-40 was, so it is inside the window of 100 */
		snprintf(val, sizeof(val), "%d", i);
		bp_pf_key k = key1(t, "PRIMARY", "id", val);
		bp_emit_key(e, &k);
		if (i >= 40) {
			snprintf(val, sizeof(val), "%d", i - 40);
			k = key1(t, "PRIMARY", "id", val);
			bp_emit_key(e, &k);
			want_dups++;
		}
	}
	CHECK(bp_emit_get_stats(e)->deduped == want_dups, "deduped %llu of %llu",
	      (unsigned long long)bp_emit_get_stats(e)->deduped, (unsigned long long)want_dups);
	bp_emit_free(e);
	bp_schema_free(s);
}

static void guards(void)
{
	bp_schema *s = load_schema();
	bp_sch_table *t = bp_schema_lookup(s, "d", "c");
	t->stats.has_rows = true;
	t->stats.rows = 1000000;
	bp_sch_index *ix = bp_sch_find_index(t, "k_v", NULL);
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	bp_emit *e = bp_emit_new(&eo, NULL);
	bp_pf_key k = key1(t, "k_v", "v", "7");
	k.rows = 0; /* from the statistics */
	ix->parts[0].cardinality = 10; /* 100 000 rows a value: over --max-rows */
	CHECK(bp_emit_key(e, &k) == -1, "low cardinality: guarded");
	ix->parts[0].cardinality = 500000; /* 2 rows a value */
	CHECK(bp_emit_key(e, &k) == 1, "high cardinality: written");
	ix->parts[0].cardinality = -1; /* unknown: let through */
	k.val[0] = "8";
	CHECK(bp_emit_key(e, &k) == 1, "unknown cardinality: written");
	t->stats.rows = 100; /* 5 rows of 100 = 5%: at the limit; 6 rows: over */
	ix->parts[0].cardinality = 16;
	k.val[0] = "9";
	CHECK(bp_emit_key(e, &k) == -1, "6.25%% of the table: guarded");
	CHECK(bp_emit_get_stats(e)->guarded == 2, "guarded %llu", (unsigned long long)bp_emit_get_stats(e)->guarded);
	bp_emit_free(e);
	bp_schema_free(s);
}

/* ---- statement rules -------------------------------------------------------------- */

typedef struct stmt_case {
	const char *name;
	const char *sql;
	int64_t insert_id;    /* INTVAR INSERT_ID before the statement, -1 none */
	const char *uservar;  /* "name=int" USER_VAR before it, or NULL */
	const char *lines;
	const char *cls, *level;
	uint32_t reasons;
	bool write;
} stmt_case;

static const stmt_case STMT_CASES[] = {
	{ "INSERT with a generated id: tail, secondary entries and the parent", "INSERT INTO c (pid, v, s) VALUES (5, 7, 'x')",
	  20, NULL,
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` = 5 AND `id` = 20; /* f:4 - insert-append k_pid after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 7 AND `id` = 20; /* f:4 - insert-append k_v after 0 */\n"
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 5; /* f:4 - insert-append PRIMARY fk-parent 0 */\n",
	  "insert-append", "full", BP_R_SEQUENTIAL, true },
	{ "multi-row INSERT, explicit ids below the tail, omitted column from its DEFAULT",
	  "INSERT INTO c (id, v) VALUES (3, 1), (4, 2)", -1, NULL,
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 3; /* f:4 - insert-random PRIMARY after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` IS NULL AND `id` = 3; /* f:4 - insert-random k_pid after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 1 AND `id` = 3; /* f:4 - insert-random k_v after 0 */\n"
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 4; /* f:4 - insert-random PRIMARY after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_pid`) WHERE `pid` IS NULL AND `id` = 4; /* f:4 - insert-random k_pid after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`c` FORCE INDEX(`k_v`) WHERE `v` = 2 AND `id` = 4; /* f:4 - insert-random k_v after 0 */\n",
	  "insert-random", "full", 0, true },
	{ "UPDATE by PK of an indexed column: the row, old and new entries as joins",
	  "UPDATE c SET v = v + 1 WHERE id = 10", -1, NULL,
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 10; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`id` = 10) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`id` = 10) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = ((`bp_row`.`v` + 1)) AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v after 0 */\n",
	  "pk-point", "full", 0, true },
	{ "DELETE of parents by an IN list: one key each, unique entries, what the cascade deletes",
	  "DELETE FROM p WHERE id IN (1, 2)", -1, NULL,
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 1; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT 1 FROM `d`.`p` FORCE INDEX(`PRIMARY`) WHERE `id` = 2; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`p` WHERE (`id` IN (1, 2)) LIMIT 1000) AS `bp_row` JOIN `d`.`p` AS `bp_ix` FORCE INDEX(`uk_name`) ON `bp_ix`.`name` = `bp_row`.`name` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point uk_name before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT * FROM `d`.`p` WHERE (`id` IN (1, 2)) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row`; /* f:4 - pk-point k_pid fk-child 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT `bp_c`.* FROM (SELECT * FROM `d`.`p` WHERE (`id` IN (1, 2)) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_c` FORCE INDEX(`k_pid`) ON `bp_c`.`pid` = `bp_row`.`id` LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v fk-child 0 */\n",
	  "pk-point", "full", 0, true },
	{ "UPDATE by a range: the WHERE as a bounded read", "UPDATE c SET s = 'z' WHERE v > 5 LIMIT 10", -1, NULL,
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`v` > 5) LIMIT 10) AS `bp_row`; /* f:4 - range k_v where 0 */\n",
	  "range", "full", 0, true },
	{ "UPDATE of every row: a scan, over the guards (the table's size is unknown)", "UPDATE c SET s = NULL", -1, NULL,
	  "", "scan", "none", BP_R_GUARD, true },
	{ "a WHERE on no index: a scan, over the guards", "DELETE FROM c WHERE s = 'x'", -1, NULL, "", "scan", "none",
	  BP_R_GUARD, true },
	{ "multi-table DELETE: classified only", "DELETE c FROM c JOIN p ON c.pid = p.id WHERE p.id = 1", -1, NULL, "",
	  "other", "none", BP_R_MULTI_TABLE, true },
	{ "a stored function in SET: the new entry is not copied", "UPDATE c SET v = f1(v) WHERE id = 11", -1, NULL,
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 11; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`id` = 11) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v before 0 */\n",
	  "pk-point", "partial", BP_R_NOT_COPYABLE, true },
	{ "a stored function in WHERE: nothing copied", "DELETE FROM c WHERE f1(id) = 1", -1, NULL, "", "scan", "none",
	  BP_R_NOT_COPYABLE, true },
	{ "a user variable from the log", "DELETE FROM c WHERE id = @x", -1, "x=42",
	  "SELECT 1 FROM `d`.`c` FORCE INDEX(`PRIMARY`) WHERE `id` = 42; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`id` = 42) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_pid`) ON `bp_ix`.`pid` <=> `bp_row`.`pid` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_pid before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`c` WHERE (`id` = 42) LIMIT 1000) AS `bp_row` JOIN `d`.`c` AS `bp_ix` FORCE INDEX(`k_v`) ON `bp_ix`.`v` = `bp_row`.`v` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_v before 0 */\n",
	  "pk-point", "full", 0, true },
	{ "INSERT ... SELECT: classified only", "INSERT INTO c (v) SELECT v FROM c", -1, NULL, "", "insert-random", "none",
	  BP_R_INSERT_SELECT, true },
	{ "a table the schema does not have", "INSERT INTO nope VALUES (1)", -1, NULL, "", "insert-random", "none",
	  BP_R_NO_SCHEMA, true },
	{ "not SQL at all", "this is not SQL", -1, NULL, "", "other", "none", BP_R_UNPARSED, true },
	{ "DDL", "ALTER TABLE c ADD COLUMN z int", -1, NULL, "", "ddl", "none", BP_R_DDL, true },
	{ "BEGIN is not a write", "BEGIN", -1, NULL, "", "other", "full", 0, false },
	{ "INSERT: a virtual column computed by the server in the read; an ENUM string as its number",
	  "INSERT INTO g (id, email, st) VALUES (1, 'a@x.org', 'Paid')", -1, NULL, "SELECT 1 FROM `d`.`g` FORCE INDEX(`PRIMARY`) WHERE `id` = 1; /* f:4 - insert-random PRIMARY after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`g` FORCE INDEX(`k_dom`) WHERE `dom` = (SUBSTRING_INDEX('a@x.org', '@', -1)) AND `id` = 1; /* f:4 - insert-random k_dom after 0 */\n"
	  "SELECT COUNT(*) FROM `d`.`g` FORCE INDEX(`k_st`) WHERE `st` = 2 AND `id` = 1; /* f:4 - insert-random k_st after 0 */\n", "insert-random", "full", 0, true },
	{ "UPDATE of a column a virtual column is generated from: its entries, old and new",
	  "UPDATE g SET email = 'b@y.org' WHERE id = 1", -1, NULL, "SELECT 1 FROM `d`.`g` FORCE INDEX(`PRIMARY`) WHERE `id` = 1; /* f:4 - pk-point PRIMARY before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`g` WHERE (`id` = 1) LIMIT 1000) AS `bp_row` JOIN `d`.`g` AS `bp_ix` FORCE INDEX(`k_dom`) ON `bp_ix`.`dom` <=> `bp_row`.`dom` AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_dom before 0 */\n"
	  "SELECT COUNT(*) FROM (SELECT * FROM `d`.`g` WHERE (`id` = 1) LIMIT 1000) AS `bp_row` JOIN `d`.`g` AS `bp_ix` FORCE INDEX(`k_dom`) ON `bp_ix`.`dom` <=> (SUBSTRING_INDEX(('b@y.org'), '@', -1)) AND `bp_ix`.`id` = `bp_row`.`id`; /* f:4 - pk-point k_dom after 0 */\n", "pk-point", "full", 0, true },
};

static void statement_rules(void)
{
	bp_schema *s = load_schema();
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	bp_pf_ctx c;
	bp_pf_ctx_init(&c, s, NULL);
	for (size_t i = 0; i < sizeof(STMT_CASES) / sizeof(STMT_CASES[0]); i++) {
		const stmt_case *sc = &STMT_CASES[i];
		char *script = NULL;
		size_t len = 0;
		FILE *fp = open_memstream(&script, &len);
		bp_emit *e = bp_emit_new(&eo, fp);
		c.emit = e;
		if (sc->insert_id >= 0) {
			bp_ev_intvar iv = { 2, (uint64_t)sc->insert_id };
			bp_pf_intvar(&c, &iv);
		}
		if (sc->uservar) {
			const char *eq = strchr(sc->uservar, '=');
			uint8_t val[8];
			uint64_t x = strtoull(eq + 1, NULL, 10);
			for (int b = 0; b < 8; b++)
				val[b] = (uint8_t)(x >> (8 * b));
			bp_ev_user_var uv = { .name = sc->uservar, .name_len = (uint32_t)(eq - sc->uservar),
					      .value_type = 2, .value = val, .value_len = 8 };
			bp_pf_uservar_event(&c, &uv);
		}
		bp_ev_query q = { .db = "d", .db_len = 1, .query = sc->sql, .query_len = (uint32_t)strlen(sc->sql) };
		bp_pf_verdict v;
		unsigned kind;
		bp_emit_origin(e, "f", 4, NULL, 0, BP_C_OTHER);
		bool write = bp_pf_statement(&c, &q, 0, &v, &kind);
		bp_pf_statement_done(&c);
		bp_emit_finish(e);
		fclose(fp);
		char *body = body_of(script);
		CHECK(strcmp(body, sc->lines) == 0, "%s:\n got:\n%s want:\n%s", sc->name, body, sc->lines);
		CHECK(write == sc->write, "%s: write %d", sc->name, write);
		if (write) {
			CHECK(strcmp(bp_pf_class_name(v.cls), sc->cls) == 0, "%s: class %s, want %s", sc->name,
			      bp_pf_class_name(v.cls), sc->cls);
			CHECK(strcmp(bp_pf_level_name(v.level), sc->level) == 0, "%s: level %s, want %s", sc->name,
			      bp_pf_level_name(v.level), sc->level);
			CHECK(v.reasons == sc->reasons, "%s: reasons %#x, want %#x", sc->name, v.reasons, sc->reasons);
		}
		CHECK(bp_emit_get_stats(e)->rejected == 0, "%s: a line failed the read-only check", sc->name);
		free(body);
		free(script);
		bp_emit_free(e);
	}
	bp_pf_ctx_release(&c);
	bp_schema_free(s);
}

static const CU_TestInfo tests[] = {
	{ "row rules", row_rules },
	{ "statement rules", statement_rules },
	{ "single SELECT check", single_select },
	{ "batching", batching },
	{ "dedup window", dedup_window_many },
	{ "guards", guards },
	CU_TEST_INFO_NULL,
};

int bp_suite_rewriter_prefetch(void) { return bp_unit_add("rewriter/prefetch", tests); }
