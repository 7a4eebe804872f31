/*
 * test_dml.c: the DML parser (rewriter/dml.c) and the expression functions
 * (rewriter/expr.c).
 *
 * Table-driven: each case is a statement (with sql_mode bits) and the parse
 * rendered compactly by render() below:
 *
 *   KIND[+flag...] t=TABLES cols=.. rows=(..),(..) set=.. where=.. order=.. limit=N select=..
 *
 * TABLES: db.name (with what was written), " a" an alias, "*" a target,
 * "(d)" a derived table, "on:" the join condition. Expressions are printed
 * with bp_expr_print (user variables as @name); one that cannot be printed
 * shows as <KIND>. SET assigns: @v user, g.name global, name session/none,
 * NAMES=.., CHARSET=... An unparsed statement renders as
 * "unparsed: REASON @OFFSET".
 *
 * Then: copyable/const verdicts, printer callbacks, the bounds (nesting,
 * tree height, every prefix of every case), and every QUERY event of the
 * fixture binlogs (their DML must parse).
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analyzer/binlog_file.h"
#include "analyzer/event.h"
#include "common/arena.h"
#include "common/buf.h"
#include "rewriter/dml.h"

#define AQ BP_SQLMODE_ANSI_QUOTES
#define NBE BP_SQLMODE_NO_BACKSLASH_ESCAPES
#define PAC BP_SQLMODE_PIPES_AS_CONCAT
#define HNP BP_SQLMODE_HIGH_NOT_PRECEDENCE

/* ---- rendering ----------------------------------------------------------------------- */

static int test_var(void *ctx, const char *name, bp_buf *b)
{
	(void)ctx;
	if (strcmp(name, "LAST_INSERT_ID()") == 0) {
		bp_buf_adds(b, "<LAST_INSERT_ID>");
		return 0;
	}
	bp_buf_addc(b, '@');
	bp_buf_adds(b, name);
	return 0;
}

static const char *const xkind[] = {
	"LITERAL", "COLUMN", "USERVAR", "SYSVAR", "PARAM", "DEFAULT", "UNARY", "NOT", "BINARY", "IS", "IN",
	"BETWEEN", "LIKE", "FUNC", "STAR", "ROW", "CASE", "CAST", "INTERVAL", "COLLATE", "SUBQUERY", "OTHER",
};

static void render_expr(bp_buf *b, const bp_expr *e)
{
	bp_expr_printer pr = { NULL, test_var, NULL, NULL };
	size_t mark = b->len;
	if (bp_expr_print(b, e, &pr) == 0)
		return;
	b->len = mark;
	bp_buf_addf(b, "<%s>", e && e->kind < sizeof(xkind) / sizeof(xkind[0]) ? xkind[e->kind] : "?");
}

static void render_flags(bp_buf *b, uint32_t f)
{
	static const char *const names[] = {
		"ignore", "low", "delayed", "multi", "select", "odku", "partition", "order", "limit", "setform", "returning",
	};
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (f & (1u << i))
			bp_buf_addf(b, "+%s", names[i]);
}

static void render_tables(bp_buf *b, const bp_dml *d)
{
	if (!d->n_tables)
		return;
	bp_buf_adds(b, " t=");
	for (uint32_t i = 0; i < d->n_tables; i++) {
		const bp_dml_table *t = &d->tables[i];
		if (i)
			bp_buf_addc(b, ',');
		if (t->db)
			bp_buf_addf(b, "%s.", t->db);
		bp_buf_adds(b, t->name);
		if (t->alias)
			bp_buf_addf(b, " %s", t->alias);
		if (t->derived)
			bp_buf_adds(b, "(d)");
		if (t->target)
			bp_buf_addc(b, '*');
		if (t->on) {
			bp_buf_adds(b, " on:");
			render_expr(b, t->on);
		}
	}
}

static void render_assigns(bp_buf *b, const bp_dml *d)
{
	if (!d->n_assigns)
		return;
	bp_buf_adds(b, " set=");
	for (uint32_t i = 0; i < d->n_assigns; i++) {
		const bp_dml_assign *a = &d->assigns[i];
		if (i)
			bp_buf_addc(b, ',');
		if (d->kind == BP_DML_SET) {
			static const char *const pre[] = { "@", "", "g.", "", "" };
			bp_buf_adds(b, a->scope < 5 ? pre[a->scope] : "?");
		}
		if (a->scope == 3)
			bp_buf_adds(b, "NAMES");
		else if (a->scope == 4)
			bp_buf_adds(b, "CHARSET");
		else {
			if (a->db)
				bp_buf_addf(b, "%s.", a->db);
			if (a->table)
				bp_buf_addf(b, "%s.", a->table);
			bp_buf_adds(b, a->column);
		}
		bp_buf_addc(b, '=');
		render_expr(b, a->value);
	}
}

static void render_rows(bp_buf *b, const bp_dml *d)
{
	if (d->n_columns) {
		bp_buf_adds(b, " cols=");
		for (uint32_t i = 0; i < d->n_columns; i++)
			bp_buf_addf(b, "%s%s", i ? "," : "", d->columns[i]);
	}
	if (!d->n_rows)
		return;
	bp_buf_adds(b, " rows=");
	for (uint32_t r = 0; r < d->n_rows; r++) {
		bp_buf_adds(b, r ? ",(" : "(");
		for (uint32_t i = 0; i < d->row_len[r]; i++) {
			if (i)
				bp_buf_addc(b, ',');
			render_expr(b, d->rows[r][i]);
		}
		bp_buf_addc(b, ')');
	}
}

static void render_dml(bp_buf *b, const char *sql, const bp_dml *d)
{
	if (d->kind == BP_DML_UNPARSED) {
		bp_buf_addf(b, "unparsed: %s @%u", d->reason ? d->reason : "(no reason)", d->reason_offset);
		return;
	}
	bp_buf_adds(b, bp_dml_kind_name(d->kind));
	render_flags(b, d->flags);
	render_tables(b, d);
	render_rows(b, d);
	if (d->row_alias) {
		bp_buf_addf(b, " alias=%s", d->row_alias);
		for (uint32_t i = 0; i < d->n_row_alias_columns; i++)
			bp_buf_addf(b, "%s%s", i ? "," : "(", d->row_alias_columns[i]);
		if (d->n_row_alias_columns)
			bp_buf_addc(b, ')');
	}
	if (d->flags & BP_DML_SELECT)
		bp_buf_addf(b, " select=%.*s", (int)d->select_len, sql + d->select_offset);
	render_assigns(b, d);
	if (d->where) {
		bp_buf_adds(b, " where=");
		render_expr(b, d->where);
	}
	if (d->n_order) {
		bp_buf_adds(b, " order=");
		for (uint32_t i = 0; i < d->n_order; i++) {
			if (i)
				bp_buf_addc(b, ',');
			render_expr(b, d->order[i]);
			if (d->order_desc[i])
				bp_buf_adds(b, " DESC");
		}
	}
	if (d->flags & BP_DML_LIMIT)
		bp_buf_addf(b, " limit=%llu", (unsigned long long)d->limit);
}

/* Parse sql under sql_mode (and server version, 0: any) and render it into b (cleared first). */
static int render_v(bp_buf *b, bp_arena *a, const char *sql, uint64_t mode, uint32_t version)
{
	bp_dml d;
	bp_dml_ctx ctx = bp_dml_ctx_from_sql_mode(mode, version);
	bp_buf_clear(b);
	bp_arena_reset(a);
	int rc = bp_dml_parse(sql, strlen(sql), &ctx, a, &d);
	render_dml(b, sql, &d);
	bp_buf_cstr(b);
	return rc;
}

/* ---- the statement table ------------------------------------------------------------- */

typedef struct dml_case {
	const char *sql;
	uint64_t mode;     /* sql_mode bits */
	uint32_t version;  /* server version for executable comments (0: any) */
	const char *want;  /* render_v's text */
} dml_case;

static const dml_case cases[] = {
	{ "INSERT INTO t VALUES (1)", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "INSERT t VALUE (1,2)", 0, 0,
	  "insert t=t* rows=(1,2)" },
	{ "insert into `db`.`t` (`a`,`b`) values (1,'x'),(2,NULL),(3,DEFAULT)", 0, 0,
	  "insert t=db.t* cols=a,b rows=(1,'x'),(2,NULL),(3,DEFAULT)" },
	{ "INSERT INTO t () VALUES ()", 0, 0,
	  "insert t=t* rows=()" },
	{ "INSERT LOW_PRIORITY IGNORE INTO t (a) VALUES (1)", 0, 0,
	  "insert+ignore+low t=t* cols=a rows=(1)" },
	{ "INSERT DELAYED INTO t VALUES (1)", 0, 0,
	  "insert+delayed t=t* rows=(1)" },
	{ "INSERT HIGH_PRIORITY INTO t VALUES (1)", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "INSERT INTO t PARTITION (p0, p1) (a) VALUES (1)", 0, 0,
	  "insert+partition t=t* cols=a rows=(1)" },
	{ "INSERT INTO t SET a = 1, b = 'x'", 0, 0,
	  "insert+setform t=t* cols=a,b rows=(1,'x')" },
	{ "INSERT INTO t SET a = 1 ON DUPLICATE KEY UPDATE a = a + 1", 0, 0,
	  "insert+odku+setform t=t* cols=a rows=(1) set=a=(`a` + 1)" },
	{ "INSERT INTO t (a, b) VALUES (1, 2) ON DUPLICATE KEY UPDATE b = VALUES(b), c = c + 1", 0, 0,
	  "insert+odku t=t* cols=a,b rows=(1,2) set=b=VALUES(`b`),c=(`c` + 1)" },
	{ "INSERT INTO t (a) VALUES (1) AS new ON DUPLICATE KEY UPDATE a = new.a", 0, 0,
	  "insert+odku t=t* cols=a rows=(1) alias=new set=a=`new`.`a`" },
	{ "INSERT INTO t (a,b) VALUES (1,2) AS new(x,y) ON DUPLICATE KEY UPDATE b = y", 0, 0,
	  "insert+odku t=t* cols=a,b rows=(1,2) alias=new(x,y) set=b=`y`" },
	{ "INSERT INTO t SELECT a, b FROM u WHERE c > 1", 0, 0,
	  "insert+select t=t* select=SELECT a, b FROM u WHERE c > 1" },
	{ "INSERT INTO t (a) (SELECT a FROM u)", 0, 0,
	  "insert+select t=t* cols=a select=(SELECT a FROM u)" },
	{ "INSERT INTO t (SELECT 1)", 0, 0,
	  "insert+select t=t* select=(SELECT 1)" },
	{ "INSERT INTO t WITH c AS (SELECT 1) SELECT * FROM c", 0, 0,
	  "insert+select t=t* select=WITH c AS (SELECT 1) SELECT * FROM c" },
	{ "INSERT INTO t TABLE u", 0, 0,
	  "insert+select t=t* select=TABLE u" },
	{ "INSERT INTO t SELECT * FROM a JOIN b ON a.x = b.x ON DUPLICATE KEY UPDATE t.c = b.c", 0, 0,
	  "insert+select+odku t=t* select=SELECT * FROM a JOIN b ON a.x = b.x set=t.c=`b`.`c`" },
	{ "INSERT INTO t VALUES ROW(1,2), ROW(3,4)", 0, 0,
	  "insert t=t* rows=(1,2),(3,4)" },
	{ "REPLACE INTO t VALUES (1,'a')", 0, 0,
	  "replace t=t* rows=(1,'a')" },
	{ "REPLACE LOW_PRIORITY t SET a=1", 0, 0,
	  "replace+low+setform t=t* cols=a rows=(1)" },
	{ "REPLACE INTO t SELECT * FROM u", 0, 0,
	  "replace+select t=t* select=SELECT * FROM u" },
	{ "INSERT INTO t VALUES (1) RETURNING id, a + 1", 0, 0,
	  "insert+returning t=t* rows=(1)" },
	{ "INSERT INTO t (db.t.c, t.d) VALUES (1, 2)", 0, 0,
	  "insert t=t* cols=c,d rows=(1,2)" },
	{ "INSERT INTO t VALUES (-5, +3, - 2.5, -1e3, .5, 18446744073709551616)", 0, 0,
	  "insert t=t* rows=(-5,(+ 3),-2.5,-1e3,.5,18446744073709551616)" },
	{ "INSERT INTO t VALUES (0x41, X'4142', x'', 0b101, b'1', B'', 0xABC, 0b100000000)", 0, 0,
	  "insert t=t* rows=(X'41',X'4142',X'',X'05',X'01',X'',X'0abc',X'0100')" },
	{ "INSERT INTO t VALUES (_utf8mb4'caf\xc3\xa9', _binary'\\0', _latin1 X'E9', N'n', _binary 0x00ff, _utf8mb4 b'01000001')", 0, 0,
	  "insert t=t* rows=('caf\xc3\xa9',X'00',_latin1 X'e9','n',X'00ff','A')" },
	{ "INSERT INTO t VALUES ('a' 'b' \"c\", N'x' 'y')", 0, 0,
	  "insert t=t* rows=('abc','xy')" },
	{ "INSERT INTO t VALUES ('it''s', 'back\\\\slash', 'tab\\there', 'q\\'q', \"dq\"\"dq\", 'pct\\%')", 0, 0,
	  "insert t=t* rows=('it''s',_utf8mb4 X'6261636b5c736c617368',_utf8mb4 X'7461620968657265','q''q','dq\"dq',_utf8mb4 X'7063745c25')" },
	{ "INSERT INTO t VALUES ('it''s', 'back\\slash', 'q\\', \"d\\\")", NBE, 0,
	  "insert t=t* rows=('it''s',_utf8mb4 X'6261636b5c736c617368',_utf8mb4 X'715c',_utf8mb4 X'645c')" },
	{ "INSERT INTO \"t\" (\"a\", `b`) VALUES ('x', 1)", AQ, 0,
	  "insert t=t* cols=a,b rows=('x',1)" },
	{ "INSERT INTO t VALUES (\"x\")", 0, 0,
	  "insert t=t* rows=('x')" },
	{ "UPDATE t SET a = \"x\"", AQ, 0,
	  "update t=t* set=a=`x`" },
	{ "INSERT INTO `we``ird` (`c``1`) VALUES (`c``1`)", 0, 0,
	  "insert t=we`ird* cols=c`1 rows=(`c``1`)" },
	{ "INSERT INTO t VALUES (TRUE, FALSE, NULL, null)", 0, 0,
	  "insert t=t* rows=(TRUE,FALSE,NULL,NULL)" },
	{ "INSERT INTO t VALUES (DATE '2020-01-02', TIME '10:00:00', TIMESTAMP '2020-01-02 03:04:05', {d '2020-01-01'}, {ts '2020-01-01 00:00:00'})", 0, 0,
	  "insert t=t* rows=(DATE '2020-01-02',TIME '10:00:00',TIMESTAMP '2020-01-02 03:04:05',DATE '2020-01-01',TIMESTAMP '2020-01-01 00:00:00')" },
	{ "INSERT INTO t VALUES (NOW(), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP(6), UTC_DATE(), LOCALTIME)", 0, 0,
	  "insert t=t* rows=(NOW(),CURRENT_TIMESTAMP(),CURRENT_TIMESTAMP(6),UTC_DATE(),LOCALTIME())" },
	{ "INSERT INTO t VALUES (@a, @`b c`, @'d', @e.f)", 0, 0,
	  "insert t=t* rows=(@a,@b c,@d,@e.f)" },
	{ "INSERT INTO t VALUES (LAST_INSERT_ID(), LAST_INSERT_ID(5))", 0, 0,
	  "insert t=t* rows=(<LAST_INSERT_ID>,LAST_INSERT_ID(5))" },
	{ "/* comment */ INSERT /* inline */ INTO t -- line\n VALUES (1) # hash", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "/*!40101 INSERT INTO t VALUES (1) */", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "INSERT /*!50001 IGNORE */ INTO t VALUES (1)", 0, 50000,
	  "insert t=t* rows=(1)" },
	{ "INSERT /*!50001 IGNORE */ INTO t VALUES (1)", 0, 80030,
	  "insert+ignore t=t* rows=(1)" },
	{ "INSERT /*+ SET_VAR(sort_buffer_size = 16M) */ INTO t VALUES (1)", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "/*M!100101 INSERT INTO t VALUES (1) */", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "INSERT INTO t VALUES (1);  \n", 0, 0,
	  "insert t=t* rows=(1)" },
	{ "INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)", 0, 0,
	  "unparsed: unexpected text after the statement @26" },
	{ "INSERT INTO t VALUES (1, (SELECT MAX(a) FROM u))", 0, 0,
	  "insert t=t* rows=(1,<SUBQUERY>)" },
	{ "UPDATE t SET a = 1", 0, 0,
	  "update t=t* set=a=1" },
	{ "UPDATE LOW_PRIORITY IGNORE db.t AS x SET x.a = 1 WHERE x.id = 2", 0, 0,
	  "update+ignore+low t=db.t x* set=x.a=1 where=(`x`.`id` = 2)" },
	{ "UPDATE t SET a = DEFAULT, b = b * 2 WHERE id BETWEEN 1 AND 10 ORDER BY id, b DESC LIMIT 5", 0, 0,
	  "update+order+limit t=t* set=a=DEFAULT,b=(`b` * 2) where=(`id` BETWEEN 1 AND 10) order=`id`,`b` DESC limit=5" },
	{ "UPDATE t1, t2 SET t1.a = t2.a WHERE t1.id = t2.id", 0, 0,
	  "update+multi t=t1*,t2 set=t1.a=`t2`.`a` where=(`t1`.`id` = `t2`.`id`)" },
	{ "UPDATE t1 JOIN t2 ON t1.id = t2.id SET t2.b = 1", 0, 0,
	  "update+multi t=t1,t2* on:(`t1`.`id` = `t2`.`id`) set=t2.b=1" },
	{ "UPDATE t1 INNER JOIN t2 USING (id) SET a = 1", 0, 0,
	  "update+multi t=t1*,t2* set=a=1" },
	{ "UPDATE t1 LEFT OUTER JOIN t2 ON t1.id = t2.id SET t1.x = NULL WHERE t2.id IS NULL", 0, 0,
	  "update+multi t=t1*,t2 on:(`t1`.`id` = `t2`.`id`) set=t1.x=NULL where=(`t2`.`id` IS NULL)" },
	{ "UPDATE t1 STRAIGHT_JOIN t2 ON t1.a = t2.a SET t1.b = 2", 0, 0,
	  "update+multi t=t1*,t2 on:(`t1`.`a` = `t2`.`a`) set=t1.b=2" },
	{ "UPDATE (t1 JOIN t2 ON t1.a = t2.a) SET t1.b = 3", 0, 0,
	  "update+multi t=t1*,t2 on:(`t1`.`a` = `t2`.`a`) set=t1.b=3" },
	{ "UPDATE t1 JOIN (SELECT id FROM t3) AS d ON d.id = t1.id SET t1.c = 1", 0, 0,
	  "update+multi t=t1*,d d(d) on:(`d`.`id` = `t1`.`id`) set=t1.c=1" },
	{ "UPDATE t FORCE INDEX (PRIMARY) SET a = 1 WHERE id = 1", 0, 0,
	  "update t=t* set=a=1 where=(`id` = 1)" },
	{ "UPDATE t USE INDEX FOR JOIN (i1) IGNORE KEY (i2) SET a = 1", 0, 0,
	  "update t=t* set=a=1" },
	{ "UPDATE t PARTITION (p1) SET a = 1", 0, 0,
	  "update+partition t=t* set=a=1" },
	{ "UPDATE db.t1 a, db.t2 b SET a.x = b.x, db.t2.y = 0", 0, 0,
	  "update+multi t=db.t1 a*,db.t2 b* set=a.x=`b`.`x`,db.t2.y=0" },
	{ "UPDATE t SET a = 1 LIMIT 18446744073709551615", 0, 0,
	  "update+limit t=t* set=a=1 limit=18446744073709551615" },
	{ "UPDATE t SET a = 1 LIMIT 18446744073709551616", 0, 0,
	  "unparsed: LIMIT out of range @25" },
	{ "UPDATE t SET a = 1 LIMIT 1, 2", 0, 0,
	  "unparsed: unexpected text after the statement @26" },
	{ "UPDATE t SET a := 2", 0, 0,
	  "update t=t* set=a=2" },
	{ "WITH c AS (SELECT 1 AS id) UPDATE t JOIN c ON t.id = c.id SET t.a = 1", 0, 0,
	  "update+multi t=t*,c(d) on:(`t`.`id` = `c`.`id`) set=t.a=1" },
	{ "UPDATE t1 NATURAL JOIN t2 SET t1.a = 1", 0, 0,
	  "update+multi t=t1*,t2 set=t1.a=1" },
	{ "UPDATE t1 CROSS JOIN t2 SET t1.a = t2.a", 0, 0,
	  "update+multi t=t1*,t2 set=t1.a=`t2`.`a`" },
	{ "UPDATE t1 RIGHT JOIN t2 ON t1.a = t2.a JOIN t3 ON t3.b = t2.b SET t3.c = 0", 0, 0,
	  "update+multi t=t1,t2 on:(`t1`.`a` = `t2`.`a`),t3* on:(`t3`.`b` = `t2`.`b`) set=t3.c=0" },
	{ "UPDATE `select` SET `from` = 1", 0, 0,
	  "update t=select* set=from=1" },
	{ "UPDATE t SET a = 1 WHERE id = 1 RETURNING a", 0, 0,
	  "update+returning t=t* set=a=1 where=(`id` = 1)" },
	{ "DELETE FROM t", 0, 0,
	  "delete t=t*" },
	{ "DELETE LOW_PRIORITY QUICK IGNORE FROM db.t WHERE a = 1 ORDER BY a LIMIT 1", 0, 0,
	  "delete+ignore+low+order+limit t=db.t* where=(`a` = 1) order=`a` limit=1" },
	{ "DELETE FROM t AS x WHERE x.a = 1", 0, 0,
	  "delete t=t x* where=(`x`.`a` = 1)" },
	{ "DELETE FROM t x PARTITION (p0) WHERE x.a = 1", 0, 0,
	  "delete+partition t=t x* where=(`x`.`a` = 1)" },
	{ "DELETE FROM t PARTITION (p0) WHERE a = 1", 0, 0,
	  "delete+partition t=t* where=(`a` = 1)" },
	{ "DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id WHERE t2.x = 0", 0, 0,
	  "delete+multi t=t1*,t2 on:(`t1`.`id` = `t2`.`id`) where=(`t2`.`x` = 0)" },
	{ "DELETE t1.*, t2 FROM t1, t2 WHERE t1.id = t2.id", 0, 0,
	  "delete+multi t=t1*,t2* where=(`t1`.`id` = `t2`.`id`)" },
	{ "DELETE FROM t1, t2 USING t1 JOIN t2 ON t1.id = t2.id", 0, 0,
	  "delete+multi t=t1*,t2* on:(`t1`.`id` = `t2`.`id`)" },
	{ "DELETE FROM a1 USING t1 AS a1 JOIN t2 ON a1.id = t2.id", 0, 0,
	  "delete+multi t=t1 a1*,t2 on:(`a1`.`id` = `t2`.`id`)" },
	{ "DELETE db.t1 FROM db.t1 JOIN t2", 0, 0,
	  "delete+multi t=db.t1*,t2" },
	{ "DELETE FROM t RETURNING *", 0, 0,
	  "delete+returning t=t*" },
	{ "DELETE FROM t1, t2 WHERE t1.a = 1", 0, 0,
	  "unparsed: expected USING @19" },
	{ "DELETE x FROM t", 0, 0,
	  "delete+multi t=t,x*" },
	{ "WITH old AS (SELECT id FROM t WHERE a < 5) DELETE t FROM t JOIN old USING (id)", 0, 0,
	  "delete+multi t=t*,old(d)" },
	{ "SET @a = 1", 0, 0,
	  "set set=@a=1" },
	{ "SET @a := 'x', @b = @a", 0, 0,
	  "set set=@a='x',@b=@a" },
	{ "SET @@session.sql_mode = 'NO_ENGINE_SUBSTITUTION'", 0, 0,
	  "set set=sql_mode='NO_ENGINE_SUBSTITUTION'" },
	{ "SET @@global.max_connections = 10", 0, 0,
	  "set set=g.max_connections=10" },
	{ "SET sql_mode = ''", 0, 0,
	  "set set=sql_mode=''" },
	{ "SET SESSION sql_mode = DEFAULT", 0, 0,
	  "set set=sql_mode=DEFAULT" },
	{ "SET GLOBAL a = 1, b = 2", 0, 0,
	  "set set=g.a=1,g.b=2" },
	{ "SET GLOBAL a = 1, SESSION b = 2, @c = 3, LOCAL d = 4", 0, 0,
	  "set set=g.a=1,b=2,@c=3,d=4" },
	{ "SET NAMES utf8mb4", 0, 0,
	  "set set=NAMES='utf8mb4'" },
	{ "SET NAMES 'latin1' COLLATE 'latin1_bin'", 0, 0,
	  "set set=NAMES=('latin1' COLLATE `latin1_bin`)" },
	{ "SET NAMES DEFAULT", 0, 0,
	  "set set=NAMES=DEFAULT" },
	{ "SET NAMES binary", 0, 0,
	  "set set=NAMES='binary'" },
	{ "SET CHARACTER SET utf8", 0, 0,
	  "set set=CHARSET='utf8'" },
	{ "SET CHARSET DEFAULT", 0, 0,
	  "set set=CHARSET=DEFAULT" },
	{ "SET INSERT_ID=5", 0, 0,
	  "set set=insert_id=5" },
	{ "SET LAST_INSERT_ID=7", 0, 0,
	  "set set=last_insert_id=7" },
	{ "SET TIMESTAMP=1700000000.123456", 0, 0,
	  "set set=timestamp=1700000000.123456" },
	{ "SET autocommit = ON, sql_log_bin = OFF", 0, 0,
	  "set set=autocommit='ON',sql_log_bin='OFF'" },
	{ "SET @@SQL_MODE = CONCAT(@@sql_mode, ',ANSI')", 0, 0,
	  "set set=sql_mode=CONCAT(@@sql_mode, ',ANSI')" },
	{ "SET foreign_key_checks=0, unique_checks=0", 0, 0,
	  "set set=foreign_key_checks=0,unique_checks=0" },
	{ "/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */", 0, 0,
	  "set set=@OLD_CHARACTER_SET_CLIENT=@@character_set_client" },
	{ "SET TRANSACTION ISOLATION LEVEL READ COMMITTED", 0, 0,
	  "other" },
	{ "SET SESSION TRANSACTION READ ONLY", 0, 0,
	  "other" },
	{ "SET PASSWORD = 'x'", 0, 0,
	  "other" },
	{ "SET STATEMENT max_statement_time=1 FOR UPDATE t SET a = 1", 0, 0,
	  "update t=t* set=a=1" },
	{ "SET @x = (SELECT MAX(id) FROM t)", 0, 0,
	  "set set=@x=<SUBQUERY>" },
	{ "SET @`quoted var` = 1, @\"dq\" = 2", 0, 0,
	  "set set=@quoted var=1,@dq=2" },
	{ "SET @@default.key_buffer_size = 1", 0, 0,
	  "set set=default.key_buffer_size=1" },
	{ "SET PERSIST max_connections = 100", 0, 0,
	  "set set=g.max_connections=100" },
	{ "BEGIN", 0, 0,
	  "begin" },
	{ "BEGIN WORK", 0, 0,
	  "begin" },
	{ "START TRANSACTION WITH CONSISTENT SNAPSHOT", 0, 0,
	  "begin" },
	{ "START TRANSACTION READ ONLY", 0, 0,
	  "begin" },
	{ "COMMIT", 0, 0,
	  "commit" },
	{ "COMMIT WORK AND NO CHAIN", 0, 0,
	  "commit" },
	{ "ROLLBACK", 0, 0,
	  "rollback" },
	{ "ROLLBACK TO SAVEPOINT s1", 0, 0,
	  "rollback" },
	{ "SAVEPOINT s1", 0, 0,
	  "savepoint" },
	{ "RELEASE SAVEPOINT s1", 0, 0,
	  "savepoint" },
	{ "XA START 'x'", 0, 0,
	  "begin" },
	{ "XA END 'x'", 0, 0,
	  "commit" },
	{ "XA PREPARE 'x'", 0, 0,
	  "commit" },
	{ "XA COMMIT 'x' ONE PHASE", 0, 0,
	  "commit" },
	{ "XA ROLLBACK X'01','02',3", 0, 0,
	  "rollback" },
	{ "XA RECOVER", 0, 0,
	  "other" },
	{ "BEGIN NOT ATOMIC SELECT 1; END", 0, 0,
	  "other" },
	{ "START SLAVE", 0, 0,
	  "other" },
	{ "LOAD DATA INFILE '/tmp/SQL_LOAD-1-2-3.data' INTO TABLE `t` FIELDS TERMINATED BY ',' (a, b)", 0, 0,
	  "load t=t*" },
	{ "LOAD DATA LOW_PRIORITY LOCAL INFILE 'x' IGNORE INTO TABLE db.t", 0, 0,
	  "load+ignore+low t=db.t*" },
	{ "LOAD XML LOCAL INFILE 'x' REPLACE INTO TABLE t ROWS IDENTIFIED BY '<row>'", 0, 0,
	  "load t=t*" },
	{ "LOAD INDEX INTO CACHE t", 0, 0,
	  "other" },
	{ "CREATE TABLE t (a INT)", 0, 0,
	  "ddl" },
	{ "ALTER TABLE t ADD COLUMN b INT", 0, 0,
	  "ddl" },
	{ "DROP TABLE IF EXISTS t /* generated by server */", 0, 0,
	  "ddl" },
	{ "RENAME TABLE a TO b", 0, 0,
	  "ddl" },
	{ "TRUNCATE TABLE t", 0, 0,
	  "ddl" },
	{ "CREATE TABLE t2 SELECT * FROM t", 0, 0,
	  "ddl" },
	{ "GRANT ALL ON *.* TO x", 0, 0,
	  "other" },
	{ "CALL p(1)", 0, 0,
	  "other" },
	{ "DO SLEEP(1)", 0, 0,
	  "other" },
	{ "FLUSH TABLES", 0, 0,
	  "other" },
	{ "ANALYZE TABLE t", 0, 0,
	  "other" },
	{ "SELECT 1", 0, 0,
	  "other" },
	{ "(SELECT 1)", 0, 0,
	  "other" },
	{ "USE db", 0, 0,
	  "other" },
	{ "DELETE FROM t WHERE a = 1 OR b = 2 AND c = 3", 0, 0,
	  "delete t=t* where=((`a` = 1) OR ((`b` = 2) AND (`c` = 3)))" },
	{ "DELETE FROM t WHERE a || b", 0, 0,
	  "delete t=t* where=(`a` OR `b`)" },
	{ "DELETE FROM t WHERE a || b", PAC, 0,
	  "delete t=t* where=CONCAT(`a`, `b`)" },
	{ "DELETE FROM t WHERE a || b || c = 'x'", PAC, 0,
	  "delete t=t* where=(CONCAT(CONCAT(`a`, `b`), `c`) = 'x')" },
	{ "DELETE FROM t WHERE a && b XOR c OR d", 0, 0,
	  "delete t=t* where=(((`a` AND `b`) XOR `c`) OR `d`)" },
	{ "DELETE FROM t WHERE NOT a = 1", 0, 0,
	  "delete t=t* where=(NOT (`a` = 1))" },
	{ "DELETE FROM t WHERE NOT a = 1", HNP, 0,
	  "delete t=t* where=((NOT `a`) = 1)" },
	{ "DELETE FROM t WHERE !a = 1", 0, 0,
	  "delete t=t* where=((NOT `a`) = 1)" },
	{ "DELETE FROM t WHERE NOT NOT a", 0, 0,
	  "delete t=t* where=(NOT (NOT `a`))" },
	{ "DELETE FROM t WHERE a + b * c - d / e % f DIV g MOD h", 0, 0,
	  "delete t=t* where=((`a` + (`b` * `c`)) - ((((`d` / `e`) % `f`) DIV `g`) MOD `h`))" },
	{ "DELETE FROM t WHERE a | b & c << 1 >> 2 ^ 3 + 4", 0, 0,
	  "delete t=t* where=(`a` | (`b` & ((`c` << 1) >> ((2 ^ 3) + 4))))" },
	{ "DELETE FROM t WHERE - - 5 = ~a AND -a = +b", 0, 0,
	  "delete t=t* where=(((- -5) = (~ `a`)) AND ((- `a`) = (+ `b`)))" },
	{ "DELETE FROM t WHERE a - -1 = 2", 0, 0,
	  "delete t=t* where=((`a` - -1) = 2)" },
	{ "DELETE FROM t WHERE a NOT IN (1,2) AND b IN (c, d + 1)", 0, 0,
	  "delete t=t* where=((`a` NOT IN (1, 2)) AND (`b` IN (`c`, (`d` + 1))))" },
	{ "DELETE FROM t WHERE b IN (SELECT x FROM y)", 0, 0,
	  "delete t=t* where=<IN>" },
	{ "DELETE FROM t WHERE a NOT BETWEEN 1 AND 2 AND b BETWEEN c + 1 AND d", 0, 0,
	  "delete t=t* where=((`a` NOT BETWEEN 1 AND 2) AND (`b` BETWEEN (`c` + 1) AND `d`))" },
	{ "DELETE FROM t WHERE a LIKE 'x%' ESCAPE '!' AND b NOT LIKE 'y\\_%'", 0, 0,
	  "delete t=t* where=((`a` LIKE 'x%' ESCAPE '!') AND (`b` NOT LIKE _utf8mb4 X'795c5f25' ESCAPE _utf8mb4 X'5c'))" },
	{ "DELETE FROM t WHERE a LIKE 'x%' AND b NOT LIKE 'y\\_%'", NBE, 0,
	  "delete t=t* where=((`a` LIKE 'x%' ESCAPE '') AND (`b` NOT LIKE _utf8mb4 X'795c5f25' ESCAPE ''))" },
	{ "DELETE FROM t WHERE a REGEXP '^x' OR b NOT RLIKE 'y'", 0, 0,
	  "delete t=t* where=((`a` REGEXP '^x') OR (`b` NOT REGEXP 'y'))" },
	{ "DELETE FROM t WHERE a IS NULL AND b IS NOT TRUE AND c IS UNKNOWN AND d IS FALSE AND e IS NOT NULL", 0, 0,
	  "delete t=t* where=(((((`a` IS NULL) AND (`b` IS NOT TRUE)) AND (`c` IS UNKNOWN)) AND (`d` IS FALSE)) AND (`e` IS NOT NULL))" },
	{ "DELETE FROM t WHERE (a, b) = (1, 2) AND ROW(a, b) IN ((1, 2), (3, 4))", 0, 0,
	  "delete t=t* where=((ROW(`a`, `b`) = ROW(1, 2)) AND (ROW(`a`, `b`) IN (ROW(1, 2), ROW(3, 4))))" },
	{ "DELETE FROM t WHERE CASE a WHEN 1 THEN 'x' ELSE 'y' END = 'x' AND CASE WHEN b THEN 1 WHEN c THEN 2 END", 0, 0,
	  "delete t=t* where=(((CASE `a` WHEN 1 THEN 'x' ELSE 'y' END) = 'x') AND (CASE WHEN `b` THEN 1 WHEN `c` THEN 2 END))" },
	{ "DELETE FROM t WHERE CAST(a AS CHAR(10)) = 'x' AND CONVERT(b, UNSIGNED INTEGER) = 1 AND CONVERT(c USING utf8mb4) = 'y' AND CAST(d AS DECIMAL(10,2)) > 1", 0, 0,
	  "delete t=t* where=((((CAST(`a` AS CHAR(10)) = 'x') AND (CAST(`b` AS UNSIGNED INTEGER) = 1)) AND (CAST(`c` AS CHAR CHARACTER SET UTF8MB4) = 'y')) AND (CAST(`d` AS DECIMAL(10,2)) > 1))" },
	{ "DELETE FROM t WHERE CAST(a AS CHAR CHARACTER SET latin1) = 'x' AND CAST(b AS DATETIME(6)) < NOW(6) AND CAST(c AS SIGNED) = -1", 0, 0,
	  "delete t=t* where=(((CAST(`a` AS CHAR CHARACTER SET LATIN1) = 'x') AND (CAST(`b` AS DATETIME(6)) < NOW(6))) AND (CAST(`c` AS SIGNED) = -1))" },
	{ "DELETE FROM t WHERE d > NOW() - INTERVAL 1 DAY AND e < DATE_ADD(NOW(), INTERVAL '1:30' HOUR_MINUTE) AND INTERVAL 2 WEEK + d > e", 0, 0,
	  "delete t=t* where=(((`d` > (NOW() - INTERVAL 1 DAY)) AND (`e` < DATE_ADD(NOW(), INTERVAL '1:30' HOUR_MINUTE))) AND ((INTERVAL 2 WEEK + `d`) > `e`))" },
	{ "DELETE FROM t WHERE INTERVAL(a, 1, 10) = 1 AND d < NOW() - INTERVAL (1 + 1) SQL_TSI_HOUR", 0, 0,
	  "delete t=t* where=((INTERVAL(`a`, 1, 10) = 1) AND (`d` < (NOW() - INTERVAL (1 + 1) HOUR)))" },
	{ "DELETE FROM t WHERE a COLLATE utf8mb4_bin = 'x' AND BINARY b = 'y' AND c = 'z' COLLATE 'latin1_bin'", 0, 0,
	  "delete t=t* where=((((`a` COLLATE `utf8mb4_bin`) = 'x') AND (CAST(`b` AS BINARY) = 'y')) AND (`c` = ('z' COLLATE `latin1_bin`)))" },
	{ "DELETE FROM t WHERE TRIM(a) = 'x' AND TRIM(LEADING '0' FROM b) = '1' AND TRIM('x' FROM c) = '' AND TRIM(BOTH FROM d) = ''", 0, 0,
	  "delete t=t* where=((((TRIM(`a`) = 'x') AND (TRIM(LEADING '0' FROM `b`) = '1')) AND (TRIM(BOTH 'x' FROM `c`) = '')) AND (TRIM(BOTH FROM `d`) = ''))" },
	{ "DELETE FROM t WHERE SUBSTRING(a FROM 2 FOR 3) = 'x' AND SUBSTRING(a, 1) = 'y' AND SUBSTR(a FROM 2) = 'z' AND POSITION('x' IN a) > 0", 0, 0,
	  "delete t=t* where=((((SUBSTRING(`a`, 2, 3) = 'x') AND (SUBSTRING(`a`, 1) = 'y')) AND (SUBSTR(`a`, 2) = 'z')) AND (LOCATE('x', `a`) > 0))" },
	{ "DELETE FROM t WHERE EXTRACT(YEAR FROM d) = 2020 AND TIMESTAMPDIFF(SECOND, a, b) > 0 AND TIMESTAMPADD(SQL_TSI_DAY, 1, d) < NOW() AND GET_FORMAT(DATE, 'EUR') = a", 0, 0,
	  "delete t=t* where=((((EXTRACT(YEAR FROM `d`) = 2020) AND (TIMESTAMPDIFF(SECOND, `a`, `b`) > 0)) AND (TIMESTAMPADD(DAY, 1, `d`) < NOW())) AND (GET_FORMAT(DATE, 'EUR') = `a`))" },
	{ "DELETE FROM t WHERE COUNT(*) > 1 OR COUNT(DISTINCT a, b) = 2", 0, 0,
	  "delete t=t* where=((COUNT(*) > 1) OR (COUNT(DISTINCT `a`, `b`) = 2))" },
	{ "DELETE FROM t WHERE GROUP_CONCAT(a ORDER BY b SEPARATOR ',') = 'x'", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", 0, 0,
	  "delete t=t* where=<SUBQUERY>" },
	{ "DELETE FROM t WHERE a = ANY (SELECT b FROM u) OR a > ALL (SELECT b FROM u)", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE a = ?", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE @@autocommit = 1 AND @@session.tx_read_only = 0", 0, 0,
	  "delete t=t* where=((@@autocommit = 1) AND (@@tx_read_only = 0))" },
	{ "DELETE FROM t WHERE j->'$.a' = 1 AND j->>'$.b' = 'x'", 0, 0,
	  "delete t=t* where=((JSON_EXTRACT(`j`, '$.a') = 1) AND (JSON_UNQUOTE(JSON_EXTRACT(`j`, '$.b')) = 'x'))" },
	{ "DELETE FROM t WHERE MATCH (a, b) AGAINST ('x' IN BOOLEAN MODE)", 0, 0,
	  "delete t=t* where=<OTHER>" },
	{ "DELETE FROM t WHERE a SOUNDS LIKE b", 0, 0,
	  "delete t=t* where=<OTHER>" },
	{ "DELETE FROM t WHERE IF(a, b, c) AND IFNULL(a, 0) = COALESCE(b, c, 0)", 0, 0,
	  "delete t=t* where=(IF(`a`, `b`, `c`) AND (IFNULL(`a`, 0) = COALESCE(`b`, `c`, 0)))" },
	{ "DELETE FROM t WHERE NEXT VALUE FOR db.s = 1 OR PREVIOUS VALUE FOR s = 2", 0, 0,
	  "delete t=t* where=((NEXTVAL(`db`.`s`) = 1) OR (LASTVAL(`s`) = 2))" },
	{ "DELETE FROM t WHERE a = -0x10 AND b = - 'x'", 0, 0,
	  "delete t=t* where=((`a` = (- X'10')) AND (`b` = (- 'x')))" },
	{ "DELETE FROM t WHERE a = 1 XOR NOT b", 0, 0,
	  "delete t=t* where=((`a` = 1) XOR (NOT `b`))" },
	{ "DELETE FROM t WHERE a = SUM(b) OVER (PARTITION BY c)", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE myfunc(a) = 1 AND db.f(a) = 2 AND `MiXed`(a) = 3", 0, 0,
	  "delete t=t* where=(((MYFUNC(`a`) = 1) AND (`db`.`f`(`a`) = 2)) AND (MIXED(`a`) = 3))" },
	{ "DELETE FROM t WHERE `select` = 1 AND t.`from` = 2 AND db.t.`c``q` = 3 AND t.1col = 4", 0, 0,
	  "delete t=t* where=((((`select` = 1) AND (`t`.`from` = 2)) AND (`db`.`t`.`c``q` = 3)) AND (`t`.`1col` = 4))" },
	{ "DELETE FROM t WHERE LEFT(a, 2) = 'ab' AND RIGHT(a, 1) = 'b' AND REPLACE(a, 'x', 'y') = '' AND INSERT(a, 1, 1, 'z') = '' AND MOD(a, 2) = 0 AND CHAR(65, 66 USING utf8mb4) = 'AB'", 0, 0,
	  "delete t=t* where=((((((LEFT(`a`, 2) = 'ab') AND (RIGHT(`a`, 1) = 'b')) AND (REPLACE(`a`, 'x', 'y') = '')) AND (INSERT(`a`, 1, 1, 'z') = '')) AND (MOD(`a`, 2) = 0)) AND (CHAR(65, 66 USING utf8mb4) = 'AB'))" },
	{ "DELETE FROM t WHERE `date` = DATE(NOW()) AND time = 1 AND timestamp = 2 AND year = YEAR(d)", 0, 0,
	  "delete t=t* where=((((`date` = DATE(NOW())) AND (`time` = 1)) AND (`timestamp` = 2)) AND (`year` = YEAR(`d`)))" },
	{ "DELETE FROM t WHERE a = @v := 1", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE a IN (1) IS TRUE", 0, 0,
	  "delete t=t* where=((`a` IN (1)) IS TRUE)" },
	{ "DELETE FROM t WHERE a = b = c", 0, 0,
	  "delete t=t* where=((`a` = `b`) = `c`)" },
	{ "DELETE FROM t WHERE a BETWEEN 1 AND 2 BETWEEN 0 AND 1", 0, 0,
	  "delete t=t* where=(`a` BETWEEN 1 AND (2 BETWEEN 0 AND 1))" },
	{ "DELETE FROM t WHERE ((a = 1))", 0, 0,
	  "delete t=t* where=(`a` = 1)" },
	{ "DELETE FROM t WHERE a = 1 /* c */ AND /*!50000 b = 2 AND */ c = 3", 0, 0,
	  "delete t=t* where=(((`a` = 1) AND (`b` = 2)) AND (`c` = 3))" },
	{ "DELETE FROM t WHERE a = 'x' 'y'", 0, 0,
	  "delete t=t* where=(`a` = 'xy')" },
	{ "DELETE FROM t WHERE a = _binary 'x' AND b = _latin1 'caf\xe9'", 0, 0,
	  "delete t=t* where=((`a` = X'78') AND (`b` = _latin1 X'636166e9'))" },
	{ "DELETE FROM t WHERE a = N'x' AND b = n'y'", 0, 0,
	  "delete t=t* where=((`a` = 'x') AND (`b` = 'y'))" },
	{ "DELETE FROM t WHERE a = 1.5e-3 AND b = 1E10 AND c = 0.000", 0, 0,
	  "delete t=t* where=(((`a` = 1.5e-3) AND (`b` = 1E10)) AND (`c` = 0.000))" },
	{ "DELETE FROM t WHERE CURRENT_USER = 'x' AND DATABASE() = 'd' AND USER() = 'u'", 0, 0,
	  "delete t=t* where=(((CURRENT_USER() = 'x') AND (DATABASE() = 'd')) AND (USER() = 'u'))" },
	{ "DELETE FROM t WHERE a = UUID() AND b = RAND(1)", 0, 0,
	  "delete t=t* where=((`a` = UUID()) AND (`b` = RAND(1)))" },
	{ "DELETE FROM t WHERE VALUES(a) = 1", 0, 0,
	  "delete t=t* where=(VALUES(`a`) = 1)" },
	{ "DELETE FROM t WHERE a = 1 AND b = DEFAULT(b)", 0, 0,
	  "delete t=t* where=((`a` = 1) AND (`b` = DEFAULT(`b`)))" },
	{ "", 0, 0,
	  "unparsed: empty statement @0" },
	{ "   ;  ", 0, 0,
	  "unparsed: empty statement @3" },
	{ "INSERT INTO VALUES (1)", 0, 0,
	  "unparsed: expected a table name @12" },
	{ "INSERT INTO t VALUES (1", 0, 0,
	  "unparsed: expected ')' @23" },
	{ "UPDATE t SET WHERE a = 1", 0, 0,
	  "unparsed: expected a column name @13" },
	{ "DELETE FROM t WHERE", 0, 0,
	  "unparsed: expected an expression @19" },
	{ "INSERT INTO t VALUES ('abc", 0, 0,
	  "unparsed: unterminated string @22" },
	{ "SELEC 1", 0, 0,
	  "unparsed: unknown statement @0" },
	{ "UPDATE t SET a = 1 +", 0, 0,
	  "unparsed: expected an expression @20" },
	{ "INSERT INTO t VALUES (X'ABC')", 0, 0,
	  "unparsed: odd number of digits in a hexadecimal literal @22" },
	{ "DELETE FROM t WHERE a = 1 garbage", 0, 0,
	  "unparsed: unexpected text after the statement @26" },
	{ "INSERT INTO t VALUES (_utf8mb4 1)", 0, 0,
	  "unparsed: expected a string after a character set introducer @31" },
	{ "UPDATE t SET a = CASE WHEN 1 END", 0, 0,
	  "unparsed: expected THEN @29" },
	{ "DELETE FROM t WHERE a IN 1", 0, 0,
	  "unparsed: expected '(' after IN @25" },
	{ "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY a = 1", 0, 0,
	  "unparsed: expected DUPLICATE KEY UPDATE @46" },
	{ "UPDATE t SET a = 1 WHERE b IS 5", 0, 0,
	  "unparsed: expected NULL, TRUE, FALSE or UNKNOWN after IS @30" },
	{ "INSERT INTO t VALUES (1) /* unterminated", 0, 0,
	  "unparsed: unterminated comment @25" },
	{ "UPDATE t SET a = `unterminated", 0, 0,
	  "unparsed: unterminated quoted name @17" },
	{ "DELETE FROM t WHERE a NOT 5", 0, 0,
	  "unparsed: unexpected text after the statement @22" },
	{ "INSERT INTO t SELECT (1", 0, 0,
	  "unparsed: unbalanced parentheses @23" },
	{ "INSERT INTO t VALUES (1) extra", 0, 0,
	  "unparsed: unexpected text after the statement @25" },
	{ "UPDATE t SET a = 1 ORDER a", 0, 0,
	  "unparsed: expected BY @25" },
	{ "INSERT INTO t", 0, 0,
	  "unparsed: expected VALUES, SET or SELECT @13" },
	{ "INSERT INTO `` VALUES (1)", 0, 0,
	  "unparsed: empty name @12" },
	{ "DELETE FROM t WHERE a = [1]", 0, 0,
	  "unparsed: expected an expression @24" },
	{ "UPDATE t SET a = 1 WHERE b = 'x' COLLATE", 0, 0,
	  "unparsed: expected a collation name @40" },
	{ "UPDATE t SET a = CAST(b AS 'x;y')", 0, 0,
	  "update t=t* set=a=<OTHER>" },
	{ "XA FOO", 0, 0,
	  "unparsed: expected START, END, PREPARE, COMMIT or ROLLBACK @3" },
	{ "INSERT INTO t VALUES (X'4G')", 0, 0,
	  "unparsed: invalid hexadecimal literal @22" },
	{ "DELETE FROM t WHERE a = 0x", 0, 0,
	  "delete t=t* where=(`a` = `0x`)" },
	{ "UPDATE t SET a = b NOT LIKE", 0, 0,
	  "unparsed: expected an expression @27" },
	{ "UPDATE t1 JOIN JSON_TABLE('[]', '$[*]' COLUMNS (x INT PATH '$')) j SET t1.a = 1", 0, 0,
	  "unparsed: table expression not supported @15" },
	{ "UPDATE t SET a = 1 WHERE a = (SELECT 1", 0, 0,
	  "unparsed: unbalanced parentheses @38" },
	{ "SET @a", 0, 0,
	  "unparsed: expected '=' @6" },
	{ "SET NAMES 'utf8;drop'", 0, 0,
	  "unparsed: expected a character set name @10" },
	/* found by fuzz_dml: each printed form must read back the same under any sql_mode */
	{ "DELETE FROM t WHERE (VALUES(a) = 1) AND (VALUES ROW(1)) IS NULL", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE (VALUES(a) = 1)", 0, 0,
	  "delete t=t* where=(VALUES(`a`) = 1)" },
	{ "DELETE FROM t WHERE a = -(5) AND b = - -5 AND c = -(-5.5)", 0, 0,
	  "delete t=t* where=(((`a` = -5) AND (`b` = (- -5))) AND (`c` = (- -5.5)))" },
	{ "DELETE FROM t WHERE `MiXed`(a) = _binary 0x00FF", 0, 0,
	  "delete t=t* where=(MIXED(`a`) = X'00ff')" },
	{ "DELETE FROM t WHERE a = {d '\xf5'}", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE TRIM(BOTH FROM f(a SEPARATOR b)) = '' OR EXTRACT(DAY FROM f(a SEPARATOR b))", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE CHAR(65 USING utf8 x) = 'A' OR CONVERT(a USING utf8 x) = 'b'", 0, 0,
	  "delete t=t* where=<BINARY>" },
	{ "DELETE FROM t WHERE a COLLATE `select` = 1", AQ, 0,
	  "delete t=t* where=((`a` COLLATE `select`) = 1)" },
};

static void test_cases(void)
{
	bp_arena a;
	bp_buf b = BP_BUF_INIT;
	bp_arena_init(&a, 4096);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const dml_case *c = &cases[i];
		int rc = render_v(&b, &a, c->sql, c->mode, c->version);
		CHECK(rc == 0, "case %zu: rc %d for %s", i, rc, c->sql);
		CHECK(strcmp(b.data, c->want) == 0, "case %zu: %s\n   got  %s\n   want %s", i, c->sql, b.data, c->want);
	}
	bp_buf_release(&b);
	bp_arena_release(&a);
}

/* Every prefix of every case, and each case with one byte changed: never a crash,
 * an out-of-bounds read (the ASan build) or an rc other than 0. */
static void test_prefixes(void)
{
	bp_arena a;
	bp_buf b = BP_BUF_INIT;
	bp_arena_init(&a, 4096);
	unsigned bad = 0;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *sql = cases[i].sql;
		size_t n = strlen(sql);
		bp_dml_ctx ctx = bp_dml_ctx_from_sql_mode(cases[i].mode, 0);
		for (size_t k = 0; k <= n; k++) {
			/* an exact-size heap copy, so ASan sees a read past the end */
			char *p = malloc(k ? k : 1);
			memcpy(p, sql, k);
			bp_dml d;
			bp_arena_reset(&a);
			if (bp_dml_parse(p, k, &ctx, &a, &d) != 0 || (d.kind == BP_DML_UNPARSED && (!d.reason || d.reason_offset > k)))
				bad++;
			if (k < n) { /* and the whole statement with byte k replaced */
				char *q = malloc(n);
				memcpy(q, sql, n);
				q[k] = (char)("'`\"()x;\\/*-"[k % 11]);
				bp_arena_reset(&a);
				if (bp_dml_parse(q, n, &ctx, &a, &d) != 0)
					bad++;
				free(q);
			}
			free(p);
		}
	}
	CHECK(bad == 0, "%u prefixes or mutations failed", bad);
	bp_buf_release(&b);
	bp_arena_release(&a);
}

/* ---- offsets and trees ---------------------------------------------------------------- */

static void test_offsets(void)
{
	bp_arena a;
	bp_arena_init(&a, 4096);
	bp_dml d;
	const char *sql = "UPDATE t SET a = _utf8mb4 'x' WHERE b = DATE '2020-01-01' AND c->'$.k' = -5";
	CU_ASSERT_EQUAL(bp_dml_parse(sql, strlen(sql), NULL, &a, &d), 0);
	CU_ASSERT_EQUAL_FATAL(d.kind, BP_DML_UPDATE);
	CU_ASSERT_EQUAL(d.assigns[0].value->offset, 17);               /* the introducer */
	CU_ASSERT_STRING_EQUAL(d.assigns[0].value->charset, "utf8mb4");
	const bp_expr *w = d.where;                                    /* ((b = DATE ..) AND (.. = -5)) */
	CU_ASSERT_EQUAL_FATAL(w->kind, BP_X_BINARY);
	CU_ASSERT_EQUAL(w->op, BP_XOP_AND);
	CU_ASSERT_EQUAL(w->offset, 36);
	CU_ASSERT_EQUAL(w->args[0]->args[1]->offset, 40);               /* DATE, not its string */
	CU_ASSERT_EQUAL(w->args[0]->args[1]->lit, BP_L_TEMPORAL);
	CU_ASSERT_STRING_EQUAL(w->args[0]->args[1]->text, "2020-01-01");
	const bp_expr *eq = w->args[1];
	CU_ASSERT_EQUAL(eq->args[0]->op, BP_OP_ARROW);
	CU_ASSERT_EQUAL(eq->args[0]->args[1]->offset, 65);              /* the path */
	CU_ASSERT_EQUAL(eq->args[1]->offset, 73);                       /* "-5": at the minus */
	CU_ASSERT_STRING_EQUAL(eq->args[1]->text, "-5");
	CU_ASSERT_EQUAL(w->height, 4);

	/* bytes: NUL inside a string, decoded names */
	sql = "INSERT INTO `d``b`.t (`x`) VALUES ('a\\0b', X'00FF')";
	CU_ASSERT_EQUAL(bp_dml_parse(sql, strlen(sql), NULL, &a, &d), 0);
	CU_ASSERT_STRING_EQUAL(d.tables[0].db, "d`b");
	CU_ASSERT_EQUAL(d.rows[0][0]->len, 3);
	CU_ASSERT(memcmp(d.rows[0][0]->bytes, "a\0b", 3) == 0);
	CU_ASSERT_EQUAL(d.rows[0][1]->lit, BP_L_HEX);
	CU_ASSERT_EQUAL(d.rows[0][1]->len, 2);
	CU_ASSERT(memcmp(d.rows[0][1]->bytes, "\x00\xff", 2) == 0);

	/* a NUL byte in a name is refused (names are C strings) */
	static const char nul[] = "UPDATE t SET `a\0b` = 1";
	CU_ASSERT_EQUAL(bp_dml_parse(nul, sizeof(nul) - 1, NULL, &a, &d), 0);
	CU_ASSERT_EQUAL(d.kind, BP_DML_UNPARSED);
	CU_ASSERT_EQUAL(d.reason_offset, 13);
	CU_ASSERT_STRING_EQUAL(d.reason, "NUL byte in a name");

	/* LIKE always carries its escape */
	sql = "DELETE FROM t WHERE a LIKE 'x'";
	CU_ASSERT_EQUAL(bp_dml_parse(sql, strlen(sql), NULL, &a, &d), 0);
	CU_ASSERT_EQUAL(d.where->n_args, 3);
	CU_ASSERT_EQUAL(d.where->args[2]->len, 1);
	bp_arena_release(&a);
}

static void test_kind_names(void)
{
	CU_ASSERT_STRING_EQUAL(bp_dml_kind_name(BP_DML_UNPARSED), "unparsed");
	CU_ASSERT_STRING_EQUAL(bp_dml_kind_name(BP_DML_INSERT), "insert");
	CU_ASSERT_STRING_EQUAL(bp_dml_kind_name(BP_DML_OTHER), "other");
	CU_ASSERT_STRING_EQUAL(bp_dml_kind_name(99), "?");
	bp_dml_ctx c = bp_dml_ctx_from_sql_mode(AQ | NBE | PAC | HNP, 80030);
	CU_ASSERT_EQUAL(c.lex_flags, BP_LEX_ANSI_QUOTES | BP_LEX_NO_BACKSLASH_ESCAPES);
	CU_ASSERT(c.pipes_as_concat && c.high_not_precedence);
	CU_ASSERT_EQUAL(c.server_version, 80030);
	c = bp_dml_ctx_from_sql_mode(0x5420000, 0); /* MariaDB's default: STRICT_TRANS_TABLES,... */
	CU_ASSERT(!c.lex_flags && !c.pipes_as_concat && !c.high_not_precedence);
}

/* ---- bounds --------------------------------------------------------------------------- */

/* "UPDATE t SET a = " + pre*n + mid + post*n */
static char *nested(const char *pre, const char *mid, const char *post, int n)
{
	size_t cap = 64 + (strlen(pre) + strlen(post)) * (size_t)n + strlen(mid);
	char *s = malloc(cap), *q = s;
	q += sprintf(q, "UPDATE t SET a = ");
	for (int i = 0; i < n; i++)
		q += sprintf(q, "%s", pre);
	q += sprintf(q, "%s", mid);
	for (int i = 0; i < n; i++)
		q += sprintf(q, "%s", post);
	return s;
}

static void expect_depth(bp_arena *a, const char *pre, const char *mid, const char *post, int n, bool ok)
{
	char *s = nested(pre, mid, post, n);
	bp_dml d;
	bp_arena_reset(a);
	CU_ASSERT_EQUAL(bp_dml_parse(s, strlen(s), NULL, a, &d), 0);
	if (ok)
		CHECK(d.kind == BP_DML_UPDATE, "%s x%d: %s", pre, n, d.reason ? d.reason : "");
	else
		CHECK(d.kind == BP_DML_UNPARSED && d.reason && strstr(d.reason, "too deeply nested"), "%s x%d: kind %u %s",
		      pre, n, d.kind, d.reason ? d.reason : "");
	free(s);
}

static void test_depth(void)
{
	bp_arena a;
	bp_arena_init(&a, 0);
	expect_depth(&a, "(", "1", ")", 150, true);
	expect_depth(&a, "(", "1", ")", 300, false);
	expect_depth(&a, "(", "1", ")", 100000, false);
	expect_depth(&a, "- ", "a", "", 150, true);
	expect_depth(&a, "- ", "a", "", 5000, false);
	expect_depth(&a, "NOT ", "a", "", 5000, false);
	expect_depth(&a, "! ", "a", "", 5000, false);
	expect_depth(&a, "CONCAT(", "a", ")", 5000, false);
	expect_depth(&a, "CASE WHEN ", "1", " THEN 1 END", 5000, false);
	expect_depth(&a, "a BETWEEN 1 AND ", "a", "", 5000, false);
	/* a call re-read as a balanced run (BP_X_OTHER) is skipped without recursion */
	expect_depth(&a, "GROUP_CONCAT(a SEPARATOR ", "'x'", ")", 5000, true);
	expect_depth(&a, "", "a", " COLLATE x", 5000, false);

	/* a left-deep chain is a loop when parsing but a deep tree: capped by height */
	bp_buf b = BP_BUF_INIT;
	for (int n = 1000; n <= 3000; n += 2000) {
		bp_buf_clear(&b);
		bp_buf_adds(&b, "DELETE FROM t WHERE a = 0");
		for (int i = 0; i < n; i++)
			bp_buf_adds(&b, " OR a = 1");
		bp_dml d;
		bp_arena_reset(&a);
		CU_ASSERT_EQUAL(bp_dml_parse(b.data, b.len, NULL, &a, &d), 0);
		CHECK(n == 1000 ? d.kind == BP_DML_DELETE : d.kind == BP_DML_UNPARSED, "OR chain of %d: kind %u", n, d.kind);
	}
	/* a wide IN list is flat */
	bp_buf_clear(&b);
	bp_buf_adds(&b, "DELETE FROM t WHERE a IN (0");
	for (int i = 1; i < 100000; i++)
		bp_buf_addf(&b, ",%d", i);
	bp_buf_adds(&b, ")");
	bp_dml d;
	bp_arena_reset(&a);
	CU_ASSERT_EQUAL(bp_dml_parse(b.data, b.len, NULL, &a, &d), 0);
	CU_ASSERT_EQUAL(d.kind, BP_DML_DELETE);
	CU_ASSERT_EQUAL(d.where ? d.where->n_args : 0, 100001);
	bp_buf_release(&b);
	bp_arena_release(&a);
}

/* ---- copyable and constant ------------------------------------------------------------- */

typedef struct copy_case {
	const char *expr;
	bool copyable;
	bool constant;
} copy_case;

static const copy_case copy_cases[] = {
	{ "1", true, true },
	{ "'x'", true, true },
	{ "NULL", true, true },
	{ "a", true, false },
	{ "@v", true, false },
	{ "-a + 1 * (2 DIV 3)", true, false },
	{ "1 + 2 * 3", true, true },
	{ "CONCAT(a, 'x')", true, false },
	{ "CONCAT('a', 'b')", true, true },
	{ "LOWER(UPPER(SUBSTRING('abc', 2)))", true, true },
	{ "LEFT(a, 1) = TRIM(LEADING 'x' FROM b)", true, false },
	{ "ABS(-1) + ROUND(1.5) + FLOOR(1) + CEIL(1) + CEILING(1)", true, true },
	{ "DATE(a) = DATE_ADD('2020-01-01', INTERVAL 1 DAY)", true, false },
	{ "DATE_SUB('2020-01-01', INTERVAL 1 DAY)", true, true },
	{ "NOW()", true, false },
	{ "CURRENT_TIMESTAMP", true, false },
	{ "CURDATE() + UTC_TIMESTAMP() + SYSDATE()", true, false },
	{ "UNIX_TIMESTAMP()", true, false },
	{ "UNIX_TIMESTAMP('2020-01-01')", true, true },
	{ "FROM_UNIXTIME(1700000000)", true, true },
	{ "IF(a, 1, 2) + IFNULL(a, 0) + COALESCE(a, b) + NULLIF(a, 1)", true, false },
	{ "GREATEST(1, 2) + LEAST(3, 4)", true, true },
	{ "HEX(a) = UNHEX('41')", true, false },
	{ "MD5('x') = SHA1('y') AND SHA2('z', 256) = CRC32('w')", true, true },
	{ "CONV('ff', 16, 10)", true, true },
	{ "CAST(a AS CHAR) = CONVERT(b USING utf8mb4)", true, false },
	{ "a COLLATE utf8mb4_bin LIKE 'x%'", true, false },
	{ "a BETWEEN 1 AND 2 AND b IN (1, 2) AND c IS NULL", true, false },
	{ "CASE WHEN a THEN 1 ELSE 2 END", true, false },
	{ "LAST_INSERT_ID()", true, false },
	{ "LAST_INSERT_ID(5)", false, false },
	{ "SLEEP(1)", false, false },
	{ "BENCHMARK(10, MD5('x'))", false, false },
	{ "GET_LOCK('a', 1)", false, false },
	{ "RELEASE_LOCK('a')", false, false },
	{ "IS_FREE_LOCK('a')", false, false },
	{ "LOAD_FILE('/etc/passwd')", false, false },
	{ "RAND()", false, false },
	{ "UUID()", false, false },
	{ "UUID_SHORT()", false, false },
	{ "NEXTVAL(s)", false, false },
	{ "NEXT VALUE FOR s", false, false },
	{ "LASTVAL(s)", false, false },
	{ "SETVAL(s, 1)", false, false },
	{ "MASTER_POS_WAIT('f', 4)", false, false },
	{ "myfunc(1)", false, false },
	{ "db.f(1)", false, false },
	{ "(SELECT 1)", false, false },
	{ "EXISTS (SELECT 1)", false, false },
	{ "a IN (SELECT b FROM c)", false, false },
	{ "a = ANY (SELECT b FROM c)", false, false },
	{ "?", false, false },
	{ "@@sql_mode", false, false },
	{ "@a := 1", false, false },
	{ "MATCH (a) AGAINST ('x')", false, false },
	{ "CASE WHEN a THEN UUID() END", false, false },
	{ "IF(a, 1, RAND())", false, false },
	{ "SUM(a)", false, false },
	{ "COUNT(*)", false, false },
	{ "GROUP_CONCAT(a SEPARATOR ',')", false, false },
	{ "ROW_NUMBER() OVER (ORDER BY a)", false, false },
	{ "a || b", true, false },
	{ "j->'$.x'", true, false },
	{ "DATE '2020-01-01' + INTERVAL 1 DAY", true, true },
	{ "BINARY 'x'", true, true },
	{ "DATE '2020-01-01'", true, true },
	{ "DATE '\xf5'", false, true },   /* no printable form */
};

static void test_copyable(void)
{
	bp_arena a;
	bp_buf b = BP_BUF_INIT;
	bp_arena_init(&a, 0);
	for (size_t i = 0; i < sizeof(copy_cases) / sizeof(copy_cases[0]); i++) {
		const copy_case *c = &copy_cases[i];
		bp_buf_clear(&b);
		bp_buf_addf(&b, "DELETE FROM t WHERE %s", c->expr);
		bp_dml d;
		bp_arena_reset(&a);
		CU_ASSERT_EQUAL(bp_dml_parse(b.data, b.len, NULL, &a, &d), 0);
		if (!d.where) {
			CHECK(false, "%s: not parsed: %s", c->expr, d.reason ? d.reason : "");
			continue;
		}
		const char *why = NULL;
		bool cp = bp_expr_copyable(d.where, &why);
		CHECK(cp == c->copyable, "%s: copyable %d (%s)", c->expr, cp, why ? why : "");
		CHECK(cp || why, "%s: no reason", c->expr);
		CHECK(bp_expr_is_const(d.where) == c->constant, "%s: const %d", c->expr, !c->constant);
		if (cp) { /* whatever is copyable prints */
			bp_buf o = BP_BUF_INIT;
			bp_expr_printer pr = { NULL, test_var, NULL, NULL };
			CHECK(bp_expr_print(&o, d.where, &pr) == 0, "%s: copyable but does not print", c->expr);
			bp_buf_release(&o);
		}
	}
	CU_ASSERT(!bp_expr_copyable(NULL, NULL));
	CU_ASSERT(!bp_expr_is_const(NULL));
	bp_buf_release(&b);
	bp_arena_release(&a);
}

/* ---- printer callbacks -------------------------------------------------------------------- */

static int test_col(void *ctx, const bp_expr *c, bp_buf *b)
{
	(*(int *)ctx)++;
	if (strcmp(c->name, "bad") == 0)
		return -1;
	bp_buf_addf(b, "<%s>", c->name);
	return 0;
}

static int no_var(void *ctx, const char *name, bp_buf *b)
{
	(void)ctx, (void)name, (void)b;
	return -1;
}

static void print_where(const char *where, const bp_expr_printer *pr, int want_rc, const char *want)
{
	bp_arena a;
	bp_arena_init(&a, 0);
	char sql[256];
	snprintf(sql, sizeof(sql), "DELETE FROM t WHERE %s", where);
	bp_dml d;
	bp_buf b = BP_BUF_INIT;
	CU_ASSERT_EQUAL(bp_dml_parse(sql, strlen(sql), NULL, &a, &d), 0);
	int rc = d.where ? bp_expr_print(&b, d.where, pr) : -2;
	CHECK(rc == want_rc, "%s: rc %d", where, rc);
	if (want)
		CHECK(rc == 0 && strcmp(bp_buf_cstr(&b), want) == 0, "%s: got %s want %s", where, bp_buf_cstr(&b), want);
	bp_buf_release(&b);
	bp_arena_release(&a);
}

static void test_printer(void)
{
	int calls = 0;
	bp_expr_printer cols = { test_col, test_var, &calls, NULL };
	print_where("t.a = 1 AND b IN (c, 2)", &cols, 0, "((<a> = 1) AND (<b> IN (<c>, 2)))");
	CU_ASSERT_EQUAL(calls, 3);
	print_where("a = 1 OR bad = 2", &cols, -1, NULL);
	bp_expr_printer none = { NULL, NULL, NULL, NULL };
	print_where("db.t.a = @x", &none, -1, NULL);             /* no var(): user variables fail */
	print_where("a = LAST_INSERT_ID()", &none, -1, NULL);
	print_where("db.t.a = 'x'", &none, 0, "(`db`.`t`.`a` = 'x')");
	bp_expr_printer nv = { NULL, no_var, NULL, NULL };
	print_where("a = @unknown", &nv, -1, NULL);
	bp_expr_printer latin = { NULL, NULL, NULL, "latin1" };
	print_where("a = 'caf\xc3\xa9'", &latin, 0, "(`a` = _latin1 X'636166c3a9')");
	print_where("a = 'caf\xc3\xa9'", &none, 0, "(`a` = 'caf\xc3\xa9')");
	print_where("a = _latin1 'x'", &none, 0, "(`a` = 'x')");
	print_where("a = _binary 'x'", &none, 0, "(`a` = X'78')");
	print_where("a = (SELECT 1)", &none, -1, NULL);
	print_where("a = ?", &none, -1, NULL);
	/* text the replaying session reads the same under any sql_mode */
	print_where("a = 'it''s' AND b = \"q\"", &none, 0, "((`a` = 'it''s') AND (`b` = 'q'))");
	print_where("a NOT LIKE 'x\\\\%'", &none, 0, "(`a` NOT LIKE _utf8mb4 X'785c25' ESCAPE _utf8mb4 X'5c')");
	print_where("`we``ird` = 1", &none, 0, "(`we``ird` = 1)");
}

/* ---- the fixture binlogs ----------------------------------------------------------------- */

static bool is_dml_word(const char *q, uint32_t n)
{
	static const char *const w[] = { "INSERT", "UPDATE", "DELETE", "REPLACE", "SET", "BEGIN", "COMMIT", "XA",
					 "SAVEPOINT", "ROLLBACK", "LOAD" };
	while (n && (*q == ' ' || *q == '\n' || *q == '\t'))
		q++, n--;
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		size_t k = strlen(w[i]);
		if (n >= k && strncasecmp(q, w[i], k) == 0)
			return true;
	}
	return false;
}

static void test_fixtures(void)
{
	static const char *const files[] = {
		"mariadb-10.11-ddl.bin", "mariadb-10.11-demo.bin", "mariadb-10.11-mixed.bin",
		"mariadb-10.11-row-compressed.bin", "mariadb-10.11-row-dml.bin", "mariadb-10.11-row-full-metadata.bin",
		"mariadb-10.11-row-minimal.bin", "mariadb-10.11-row-nochecksum.bin", "mariadb-10.11-row-temporal-hires.bin",
		"mariadb-10.11-row-types.bin", "mariadb-10.11-statement.bin", "mariadb-10.11-xa.bin",
	};
	bp_arena a;
	bp_arena_init(&a, 0);
	unsigned queries = 0, dml = 0, files_read = 0;
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[512];
		snprintf(path, sizeof(path), "%s/binlog/%s", bp_unit_fixtures(), files[f]);
		bp_reader *r;
		bp_err err;
		if (bp_reader_open(&r, path, NULL, &err) != 0)
			continue;
		files_read++;
		const bp_event *ev;
		while (bp_reader_next(r, &ev, &err) == 1) {
			if (ev->h.type != BP_EV_QUERY && ev->h.type != BP_EV_QUERY_COMPRESSED)
				continue;
			const bp_ev_query *q = &ev->query;
			bp_dml_ctx ctx = bp_dml_ctx_from_sql_mode(q->has_sql_mode ? q->sql_mode : 0, 0);
			bp_dml d;
			bp_arena_reset(&a);
			CU_ASSERT_EQUAL(bp_dml_parse(q->query, q->query_len, &ctx, &a, &d), 0);
			queries++;
			CHECK(d.kind != BP_DML_UNPARSED, "%s@%llu: %.*s: %s at %u", files[f], (unsigned long long)ev->pos,
			      (int)q->query_len, q->query, d.reason, d.reason_offset);
			if (is_dml_word(q->query, q->query_len))
				dml++;
			/* every expression prints (or refuses) without trouble */
			bp_buf b = BP_BUF_INIT;
			bp_expr_printer pr = { NULL, test_var, NULL, NULL };
			for (uint32_t i = 0; i < d.n_assigns; i++)
				(void)bp_expr_print(&b, d.assigns[i].value, &pr);
			if (d.where)
				(void)bp_expr_print(&b, d.where, &pr);
			bp_buf_release(&b);
		}
		bp_reader_free(r);
	}
	CHECK(files_read == sizeof(files) / sizeof(files[0]), "read %u fixture files", files_read);
	CHECK(queries > 250 && dml > 100, "%u queries, %u DML", queries, dml);
	bp_arena_release(&a);
}

int bp_suite_rewriter_dml(void)
{
	static const CU_TestInfo tests[] = {
		{ "statements", test_cases },
		{ "prefixes and mutations", test_prefixes },
		{ "offsets and bytes", test_offsets },
		{ "kind names and contexts", test_kind_names },
		{ "nesting and height bounds", test_depth },
		{ "copyable and constant", test_copyable },
		{ "printer callbacks", test_printer },
		{ "fixture binlog queries", test_fixtures },
		CU_TEST_INFO_NULL,
	};
	return bp_unit_add("rewriter_dml", tests);
}
