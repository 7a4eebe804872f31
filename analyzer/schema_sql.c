/*
 * schema_sql.c: the SQL schema loader (mysqldump / mariadb-dump output, with
 * or without data) and the DDL applier for QUERY events, one recursive-descent
 * parser over the tokens of rewriter/lexer.h.
 *
 * Server syntax followed: MariaDB 10.11 sql_yacc.yy and MySQL 8.0 sql_yacc.yy
 * for CREATE / ALTER / DROP / RENAME / TRUNCATE TABLE, CREATE / DROP INDEX and
 * CREATE / DROP DATABASE, and the mysql client's statement splitting
 * (client/mysql.cc: ';' or the DELIMITER set by the "DELIMITER x" command,
 * strings and comments respected). Dumps are SHOW CREATE TABLE text, partly
 * inside versioned executable comments (slash-star-bang-NNNNN); the lexer
 * includes their bodies.
 *
 * What each statement does to the model (bp_schema):
 *   CREATE TABLE [IF NOT EXISTS] t (...) | LIKE u | ... [AS] SELECT
 *       a new table (LIKE: a copy of u without its foreign keys; SELECT: the
 *       declared columns, then the SELECT's columns when they can be named
 *       for certain, see as_select)
 *   ALTER TABLE t op, op...       applied to a clone, swapped in at the end
 *   DROP TABLE, RENAME TABLE, DROP DATABASE, CREATE/DROP INDEX
 *   CREATE / DROP SEQUENCE        a sequence's table (its fixed columns)
 *   USE db                        (dumps) the database of later tables
 *   everything else               skipped without tokenizing (INSERT data too)
 * A statement changes the model only when it parsed whole (atomic).
 *
 * Column types are kept as SHOW CREATE TABLE writes them, lower case:
 * synonyms become the canonical names (INTEGER -> int, BOOL -> tinyint(1),
 * NUMERIC -> decimal(10,0), REAL -> double, ...). What a user typed (log DDL,
 * hand-written schema files) also gets what MariaDB's SHOW CREATE TABLE adds:
 * integer display widths (int -> int(11), bigint unsigned -> bigint(20)
 * unsigned), year(4), JSON as longtext, binary types for CHARACTER SET binary,
 * DEFAULT NULL for nullable columns without a default, and the server's key
 * rules (server_key_rules, finish_table). A MariaDB dump already says all
 * that; a dump whose header names a MySQL 8+ server is taken as written
 * (MySQL 8 writes "int"). A log from MySQL 8 thus gets "int(11)" where MySQL
 * writes "int": the binlog type, which is what decoding needs, is the same.
 * Checked against a real server's view of 2054 test-suite tables
 * (fixtures/testsuite/, tests/integration/testsuite_tables.sh).
 *
 * Not modelled (parsed and ignored): CHECK constraints, table options other
 * than ENGINE, partition definitions (only "partitioned" is kept), the hidden
 * row_start/row_end columns of WITH SYSTEM VERSIONING without them declared
 * (no dump form shows them), TIMESTAMP's implicit defaults, CONVERT TO
 * CHARACTER SET's text type promotion. Key parts the server shortens to the
 * engine's limit are shortened at CREATE TABLE (key_length_limits), assuming
 * the DYNAMIC row format's 3072 bytes for InnoDB; ALTER ... ADD KEY keeps the
 * prefix as written.
 */
#include "schema.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../rewriter/lexer.h"

#define NAME_CAP 257 /* 64 characters of up to 4 bytes, and a NUL */
#define LOOKAHEAD 8
#define MAX_FK_COLUMNS 64 /* the server allows 16 (MySQL) or 32 (MariaDB) key parts */

enum { ERR_NONE = 0, ERR_SYNTAX, ERR_NOMEM };

/* the parser: one per text (a dump, or one statement of a log) */
typedef struct parser {
	bp_lexer lx;
	bp_token tok;                  /* the current token */
	bp_token la[LOOKAHEAD];        /* tokens read after it */
	unsigned n_la;
	const char *prev_end;          /* end of the token before tok */
	bp_schema *s;
	const char *db;                /* the default database (NULL: none) */
	char use_db[NAME_CAP];         /* a dump's USE context (p->db points here) */
	unsigned src;                  /* BP_SRC_SQL or BP_SRC_LOG_DDL */
	bool log;                      /* a log's DDL (else a dump) */
	bool mariadb;                  /* write types as MariaDB's SHOW CREATE TABLE does (see the header) */
	/* what one CREATE TABLE declared besides columns and keys (reset per statement) */
	struct period {
		char name[NAME_CAP], start[NAME_CAP], end[NAME_CAP];
	} periods[2];                  /* PERIOD FOR p (s, e), PERIOD FOR SYSTEM_TIME (...) */
	unsigned n_periods;
	char row_end[NAME_CAP];        /* the column AS ROW END ("" none) */
	char table_charset[NAME_CAP];  /* [DEFAULT] CHARSET= / COLLATE= binary: "binary" */
	char table_cs[NAME_CAP];       /* [DEFAULT] CHARSET= name as written ("" none) */
	/* the statement's first error (message, where, and the text there) */
	int err;
	char msg[256];
	char near[48];
	bool near_end;                 /* the error is at the end of the statement */
	unsigned line, col;
	char warn[256];                /* a warning for the statement (CREATE ... SELECT) */
	bp_buf tmp;                    /* scratch for strings */
} parser;

/* ---- tokens ------------------------------------------------------------------- */

static void lex_one(parser *p, bp_token *t)
{
	do
		bp_lex_next(&p->lx, t);
	while (t->type == BP_TK_HINT); /* optimizer hints mean nothing to DDL */
}

static void next(parser *p)
{
	p->prev_end = p->tok.start + p->tok.len;
	if (p->n_la) {
		p->tok = p->la[0];
		p->n_la--;
		memmove(p->la, p->la + 1, p->n_la * sizeof(bp_token));
	} else {
		lex_one(p, &p->tok);
	}
}

static bool is_end_tok(const bp_token *t)
{
	return t->type == BP_TK_DELIM || t->type == BP_TK_EOF || t->type == BP_TK_ERROR;
}

/*
 * The k-th token after the current one (k = 1..LOOKAHEAD), or the statement's
 * end when that comes first: the lexer never reads past a delimiter ahead of
 * the parser, so a "DELIMITER x" line after it is still read raw.
 */
static const bp_token *peek(parser *p, unsigned k)
{
	if (k > LOOKAHEAD)
		k = LOOKAHEAD; /* callers look at most 7 ahead */
	while (p->n_la < k) {
		const bp_token *last = p->n_la ? &p->la[p->n_la - 1] : &p->tok;
		if (is_end_tok(last))
			return last;
		lex_one(p, &p->la[p->n_la++]);
	}
	return &p->la[k - 1];
}

static bool is_kw(const bp_token *t, bp_keyword k) { return t->type == BP_TK_IDENT && t->code == k; }
static bool is_op(const bp_token *t, bp_op o) { return t->type == BP_TK_OP && t->code == o; }

/* a bare word that is not in the keyword list (NOW, NOCOPY, ...) */
static bool is_word(const bp_token *t, const char *w)
{
	size_t n = strlen(w);
	return t->type == BP_TK_IDENT && t->len == n && strncasecmp(t->start, w, n) == 0;
}

static bool at_end(const parser *p) { return is_end_tok(&p->tok); }

/* Did the statement end cleanly (delimiter or EOF, not a lexer error)? Only
 * then may the model change; else the error (what was expected, or the
 * lexer's message). */
static int syntax(parser *p, const char *what);
static int clean_end(parser *p, const char *what)
{
	if (p->tok.type == BP_TK_DELIM || p->tok.type == BP_TK_EOF)
		return 0;
	return syntax(p, what);
}

static bool accept(parser *p, bp_keyword k)
{
	if (!is_kw(&p->tok, k))
		return false;
	next(p);
	return true;
}

static bool accept_op(parser *p, bp_op o)
{
	if (!is_op(&p->tok, o))
		return false;
	next(p);
	return true;
}

/* ---- errors ------------------------------------------------------------------- */

/* Remember where the statement failed: token t and the text there. */
static void error_at_token(parser *p, const bp_token *t)
{
	p->line = t->line;
	p->col = t->col;
	p->near_end = t->type == BP_TK_EOF || t->type == BP_TK_DELIM;
	size_t n = 0, room = (size_t)(p->lx.end - t->start);
	if (!p->near_end) {
		/* up to the line's end, or the statement's (not inside an unterminated string) */
		while (n < room && n < sizeof(p->near) - 1 && t->start[n] != '\n' && t->start[n] != '\r' &&
		       !(t->type != BP_TK_ERROR && p->lx.delim_len && room - n >= p->lx.delim_len &&
			 memcmp(t->start + n, p->lx.delim, p->lx.delim_len) == 0))
			n++;
		/* do not cut a UTF-8 character */
		while (n && n < room && ((unsigned char)t->start[n] & 0xc0) == 0x80)
			n--;
		memcpy(p->near, t->start, n);
	}
	p->near[n] = 0;
}

/* "expected WHAT" at the current token. Returns -1; only the first error is kept. */
static int syntax(parser *p, const char *what)
{
	if (p->err)
		return -1;
	p->err = ERR_SYNTAX;
	error_at_token(p, &p->tok);
	if (p->tok.type == BP_TK_ERROR)
		snprintf(p->msg, sizeof(p->msg), "%s", p->lx.error ? p->lx.error : "invalid token");
	else
		snprintf(p->msg, sizeof(p->msg), "expected %s", what);
	return -1;
}

/* A statement that parses but cannot apply to the model (unknown column ...),
 * at token t (NULL: the current one). */
static int semantic_at(parser *p, const bp_token *t, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int semantic_at(parser *p, const bp_token *t, const char *fmt, ...)
{
	if (p->err)
		return -1;
	p->err = ERR_SYNTAX;
	error_at_token(p, t ? t : &p->tok);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
	return -1;
}
#define semantic(p, ...) semantic_at((p), NULL, __VA_ARGS__)

static int nomem(parser *p)
{
	p->err = ERR_NOMEM;
	snprintf(p->msg, sizeof(p->msg), "out of memory");
	return -1;
}

static int expect(parser *p, bp_keyword k)
{
	return accept(p, k) ? 0 : syntax(p, bp_kw_name(k));
}

static int expect_op(parser *p, bp_op o, const char *what)
{
	return accept_op(p, o) ? 0 : syntax(p, what);
}

/* New statement (or a recovered part of one): forget the error and warning. */
static void statement_reset(parser *p)
{
	p->err = ERR_NONE;
	p->msg[0] = p->near[0] = p->warn[0] = 0;
	p->near_end = false;
	p->n_periods = 0;
	p->row_end[0] = p->table_charset[0] = p->table_cs[0] = 0;
}

/* ---- skipping ------------------------------------------------------------------- */

/* Skip to the statement's end (the delimiter, EOF or a lexer error token):
 * tokens already read ahead first, then the lexer's fast skipper. */
static void skip_statement(parser *p)
{
	while (!at_end(p) && p->n_la)
		next(p);
	if (!at_end(p)) {
		p->prev_end = p->tok.start + p->tok.len;
		bp_lex_skip_statement(&p->lx, &p->tok);
	}
}

/* Tokens to the statement's end (PARTITION BY, ORDER BY ...: read, not kept). */
static void skip_rest(parser *p)
{
	while (!at_end(p))
		next(p);
}

/* "( ... )" with nesting: *a..*b is the text inside (not trimmed). */
static int paren_span(parser *p, const char **a, const char **b)
{
	if (!is_op(&p->tok, BP_OP_LPAREN))
		return syntax(p, "'('");
	next(p);
	*a = p->tok.start;
	int depth = 0;
	for (;;) {
		if (at_end(p))
			return syntax(p, "')'");
		if (is_op(&p->tok, BP_OP_LPAREN)) {
			depth++;
		} else if (is_op(&p->tok, BP_OP_RPAREN)) {
			if (depth == 0)
				break;
			depth--;
		}
		next(p);
	}
	*b = p->tok.start;
	if (*b < *a)
		*b = *a;
	next(p);
	return 0;
}

/* Owned copy of a..b without surrounding white space. */
static char *trimmed_dup(const char *a, const char *b)
{
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	return bp_strndup0(a, (size_t)(b - a));
}

/* ---- names and literals ------------------------------------------------------------ */

static bool is_name_tok(const bp_token *t) { return t->type == BP_TK_IDENT || t->type == BP_TK_QIDENT; }

/*
 * The value of a name token into out (NAME_CAP bytes). A "double-quoted"
 * string where only a name can stand is a name: the server ran with
 * ANSI_QUOTES (the QUERY event's sql_mode; dumps quote with backquotes).
 */
static int name_value(parser *p, const bp_token *t, char *out, const char *what)
{
	bp_token q;
	if (t->type == BP_TK_STRING && t->start[0] == '"') {
		q = *t;
		q.type = BP_TK_QIDENT; /* "" doubling, no backslash escapes */
		t = &q;
	} else if (!is_name_tok(t)) {
		return syntax(p, what);
	}
	size_t n = bp_tok_value(t, p->lx.flags, out, NAME_CAP);
	if (n >= NAME_CAP)
		return semantic(p, "name too long (more than %d bytes)", NAME_CAP - 1);
	if (memchr(out, 0, n))
		return semantic(p, "name with a NUL byte");
	return 0;
}

/* Read a name (bare word or quoted) into out and advance. */
static int name(parser *p, char *out, const char *what)
{
	if (name_value(p, &p->tok, out, what))
		return -1;
	next(p);
	return 0;
}

typedef struct qname {
	char db[NAME_CAP], name[NAME_CAP];
	bool has_db;
} qname;

static const char *qdb(const parser *p, const qname *q) { return q->has_db ? q->db : p->db; }

/* [db.]name */
static int table_name(parser *p, qname *q)
{
	q->has_db = false;
	if (name(p, q->name, "table name"))
		return -1;
	if (is_op(&p->tok, BP_OP_DOT)) {
		next(p);
		memcpy(q->db, q->name, NAME_CAP);
		q->has_db = true;
		if (name(p, q->name, "table name after '.'"))
			return -1;
	}
	return 0;
}

/* A string token's decoded value into p->tmp (NUL-terminated; may hold NULs). */
static int string_value(parser *p, const bp_token *t, size_t *len)
{
	bp_buf_clear(&p->tmp);
	if (!bp_buf_grow(&p->tmp, (size_t)t->len + 1))
		return nomem(p);
	*len = bp_tok_value(t, p->lx.flags, p->tmp.data, (size_t)t->len + 1);
	return 0;
}

/* Append s[0..n) to b as SHOW CREATE TABLE quotes a string (sql/sql_show.cc
 * append_unescaped): '...' with '' and backslash escapes. */
static void quote_string(bp_buf *b, const char *s, size_t n)
{
	bp_buf_addc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\'': bp_buf_adds(b, "''"); break;
		case '\\': bp_buf_adds(b, "\\\\"); break;
		case '\0': bp_buf_adds(b, "\\0"); break;
		case '\n': bp_buf_adds(b, "\\n"); break;
		case '\r': bp_buf_adds(b, "\\r"); break;
		case '\032': bp_buf_adds(b, "\\Z"); break;
		default: bp_buf_addc(b, s[i]); break;
		}
	}
	bp_buf_addc(b, '\'');
}

static unsigned hex_digit(char ch) { return ch <= '9' ? (unsigned)(ch - '0') : (unsigned)((ch | 0x20) - 'a' + 10); }

/* The bytes of 0x4142 / X'4142' into p->tmp (an odd count: a leading 0 assumed). */
static int hex_value(parser *p, const bp_token *t, size_t *len)
{
	const char *s = t->start + 2, *e = t->start + t->len - (t->type == BP_TK_HEXSTR);
	size_t digits = e > s ? (size_t)(e - s) : 0, n = 0, i = 0;
	bp_buf_clear(&p->tmp);
	if (!bp_buf_grow(&p->tmp, t->len))
		return nomem(p);
	if (digits % 2)
		p->tmp.data[n++] = (char)hex_digit(s[i++]);
	for (; i + 1 < digits + 1; i += 2)
		p->tmp.data[n++] = (char)(hex_digit(s[i]) << 4 | hex_digit(s[i + 1]));
	p->tmp.data[n] = 0;
	*len = n;
	return 0;
}

/* A string literal (optionally after an introducer or N, or in hex) re-quoted into b. */
static int quoted_literal(parser *p, bp_buf *b)
{
	if (p->tok.type == BP_TK_INTRODUCER)
		next(p);
	if (p->tok.type == BP_TK_HEXNUM || p->tok.type == BP_TK_HEXSTR) {
		size_t n;
		if (hex_value(p, &p->tok, &n))
			return -1;
		quote_string(b, p->tmp.data, n);
		next(p);
		return 0;
	}
	if (p->tok.type != BP_TK_STRING && p->tok.type != BP_TK_NSTRING)
		return syntax(p, "string");
	size_t n;
	if (string_value(p, &p->tok, &n))
		return -1;
	quote_string(b, p->tmp.data, n);
	next(p);
	return 0;
}

/* An unsigned integer token. */
static int number(parser *p, uint64_t *v, const char *what)
{
	if (p->tok.type != BP_TK_INTEGER)
		return syntax(p, what);
	uint64_t x = 0;
	for (uint32_t i = 0; i < p->tok.len; i++) {
		if (x > (UINT64_MAX - 9) / 10)
			return semantic(p, "number too large");
		x = x * 10 + (uint64_t)(p->tok.start[i] - '0');
	}
	*v = x;
	next(p);
	return 0;
}

/* A table option's or index option's value: one word, name, string or number. */
static int option_value(parser *p)
{
	switch (p->tok.type) {
	case BP_TK_IDENT: case BP_TK_QIDENT: case BP_TK_STRING: case BP_TK_NSTRING: case BP_TK_INTEGER:
	case BP_TK_DECIMAL: case BP_TK_FLOAT: case BP_TK_HEXNUM: case BP_TK_HEXSTR:
		next(p);
		return 0;
	case BP_TK_INTRODUCER:
		next(p);
		return option_value(p);
	case BP_TK_OP:
		if (is_op(&p->tok, BP_OP_MINUS) || is_op(&p->tok, BP_OP_PLUS)) {
			next(p);
			if (p->tok.type == BP_TK_INTEGER || p->tok.type == BP_TK_DECIMAL || p->tok.type == BP_TK_FLOAT) {
				next(p);
				return 0;
			}
		}
		break;
	default:
		break;
	}
	return syntax(p, "option value");
}

/* ---- column types ----------------------------------------------------------------- */

typedef enum ty_class {
	TY_INT, TY_BOOL, TY_BIT, TY_FLOAT, TY_DOUBLE, TY_DECIMAL, TY_CHAR, TY_VARCHAR, TY_BINARY, TY_VARBINARY,
	TY_TEXT, TY_BLOB, TY_LONG, TY_NATIONAL, TY_ENUM, TY_FSP, TY_YEAR, TY_PLAIN, TY_JSON, TY_VECTOR, TY_SERIAL,
	TY_NUMBER, /* sql_mode=ORACLE's NUMBER[(p[,s])]: decimal(p,s), or double without (p) */
} ty_class;

typedef struct type_def {
	const char *word;      /* as written (bsearch key, lower case) */
	const char *base;      /* what SHOW CREATE TABLE writes */
	uint8_t cls;           /* ty_class */
	uint8_t width, uwidth; /* MariaDB's display width, signed and unsigned */
	bool national;         /* NCHAR, NVARCHAR: utf8mb3 */
} type_def;

/* sorted by word (C order) */
static const type_def type_defs[] = {
	{ "bigint", "bigint", TY_INT, 20, 20, false },
	{ "binary", "binary", TY_BINARY, 0, 0, false },
	{ "bit", "bit", TY_BIT, 0, 0, false },
	{ "blob", "blob", TY_BLOB, 0, 0, false },
	{ "bool", "tinyint", TY_BOOL, 0, 0, false },
	{ "boolean", "tinyint", TY_BOOL, 0, 0, false },
	{ "char", "char", TY_CHAR, 0, 0, false },
	{ "character", "char", TY_CHAR, 0, 0, false },
	{ "clob", "longtext", TY_TEXT, 0, 0, false },
	{ "date", "date", TY_PLAIN, 0, 0, false },
	{ "datetime", "datetime", TY_FSP, 0, 0, false },
	{ "dec", "decimal", TY_DECIMAL, 0, 0, false },
	{ "decimal", "decimal", TY_DECIMAL, 0, 0, false },
	{ "double", "double", TY_DOUBLE, 0, 0, false },
	{ "enum", "enum", TY_ENUM, 0, 0, false },
	{ "fixed", "decimal", TY_DECIMAL, 0, 0, false },
	{ "float", "float", TY_FLOAT, 0, 0, false },
	{ "float4", "float", TY_FLOAT, 0, 0, false },
	{ "float8", "double", TY_DOUBLE, 0, 0, false },
	{ "geomcollection", "geometrycollection", TY_PLAIN, 0, 0, false },
	{ "geometry", "geometry", TY_PLAIN, 0, 0, false },
	{ "geometrycollection", "geometrycollection", TY_PLAIN, 0, 0, false },
	{ "inet4", "inet4", TY_PLAIN, 0, 0, false },
	{ "inet6", "inet6", TY_PLAIN, 0, 0, false },
	{ "int", "int", TY_INT, 11, 10, false },
	{ "int1", "tinyint", TY_INT, 4, 3, false },
	{ "int2", "smallint", TY_INT, 6, 5, false },
	{ "int3", "mediumint", TY_INT, 9, 8, false },
	{ "int4", "int", TY_INT, 11, 10, false },
	{ "int8", "bigint", TY_INT, 20, 20, false },
	{ "integer", "int", TY_INT, 11, 10, false },
	{ "json", "json", TY_JSON, 0, 0, false },
	{ "linestring", "linestring", TY_PLAIN, 0, 0, false },
	{ "long", "mediumtext", TY_LONG, 0, 0, false },
	{ "longblob", "longblob", TY_BLOB, 0, 0, false },
	{ "longtext", "longtext", TY_TEXT, 0, 0, false },
	{ "mediumblob", "mediumblob", TY_BLOB, 0, 0, false },
	{ "mediumint", "mediumint", TY_INT, 9, 8, false },
	{ "mediumtext", "mediumtext", TY_TEXT, 0, 0, false },
	{ "middleint", "mediumint", TY_INT, 9, 8, false },
	{ "multilinestring", "multilinestring", TY_PLAIN, 0, 0, false },
	{ "multipoint", "multipoint", TY_PLAIN, 0, 0, false },
	{ "multipolygon", "multipolygon", TY_PLAIN, 0, 0, false },
	{ "national", "char", TY_NATIONAL, 0, 0, true },
	{ "nchar", "char", TY_CHAR, 0, 0, true },
	{ "number", "decimal", TY_NUMBER, 0, 0, false },
	{ "numeric", "decimal", TY_DECIMAL, 0, 0, false },
	{ "nvarchar", "varchar", TY_VARCHAR, 0, 0, true },
	{ "point", "point", TY_PLAIN, 0, 0, false },
	{ "polygon", "polygon", TY_PLAIN, 0, 0, false },
	{ "raw", "varbinary", TY_VARBINARY, 0, 0, false },
	{ "real", "double", TY_DOUBLE, 0, 0, false },
	{ "serial", "bigint", TY_SERIAL, 20, 20, false },
	{ "set", "set", TY_ENUM, 0, 0, false },
	{ "smallint", "smallint", TY_INT, 6, 5, false },
	{ "text", "text", TY_TEXT, 0, 0, false },
	{ "time", "time", TY_FSP, 0, 0, false },
	{ "timestamp", "timestamp", TY_FSP, 0, 0, false },
	{ "tinyblob", "tinyblob", TY_BLOB, 0, 0, false },
	{ "tinyint", "tinyint", TY_INT, 4, 3, false },
	{ "tinytext", "tinytext", TY_TEXT, 0, 0, false },
	{ "uuid", "uuid", TY_PLAIN, 0, 0, false },
	{ "varbinary", "varbinary", TY_VARBINARY, 0, 0, false },
	{ "varchar", "varchar", TY_VARCHAR, 0, 0, false },
	{ "varchar2", "varchar", TY_VARCHAR, 0, 0, false },
	{ "varcharacter", "varchar", TY_VARCHAR, 0, 0, false },
	{ "vector", "vector", TY_VECTOR, 0, 0, false },
	{ "year", "year", TY_YEAR, 0, 0, false },
};

static const type_def decimal_def = { "decimal", "decimal", TY_DECIMAL, 0, 0, false };

static int cmp_type_def(const void *k, const void *e) { return strcmp(k, ((const type_def *)e)->word); }

static const type_def *type_lookup(const bp_token *t)
{
	char w[24];
	if (t->type != BP_TK_IDENT || t->len >= sizeof(w))
		return NULL;
	for (uint32_t i = 0; i < t->len; i++)
		w[i] = (char)tolower((unsigned char)t->start[i]);
	w[t->len] = 0;
	return bsearch(w, type_defs, sizeof(type_defs) / sizeof(type_defs[0]), sizeof(type_defs[0]), cmp_type_def);
}

/* what column_type found besides the type text */
typedef struct type_info {
	bool serial;           /* SERIAL: NOT NULL AUTO_INCREMENT UNIQUE */
	uint64_t lob_len;      /* TEXT(n) / BLOB(n): n (the type is chosen when the character set is known) */
	bool lob_text;
	const char *charset;   /* NATIONAL / NCHAR / JSON: borrowed static text, or NULL */
	const char *collation;
} type_info;

/* "(n)" or "(m,d)" after a type word: *n_args numbers into a[]. */
static int type_args(parser *p, uint64_t a[2], int *n_args, int max_args)
{
	*n_args = 0;
	if (!accept_op(p, BP_OP_LPAREN))
		return 0;
	do {
		if (*n_args == max_args)
			return syntax(p, "')'");
		if (number(p, &a[(*n_args)++], "number"))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "')'");
}

/* enum('a','b') / set(...): the members re-quoted into b. */
/* The server drops trailing spaces of ENUM/SET members ('b ' is 'b') unless
 * the column is binary; the members in c->type are rewritten to match. */
static int enum_trailing_spaces(bp_sch_column *c)
{
	if (!c->base || (strcmp(c->base, "enum") && strcmp(c->base, "set")) || !c->type ||
	    (c->charset && strcasecmp(c->charset, "binary") == 0) ||
	    (c->collation && strcasecmp(c->collation, "binary") == 0))
		return 0;
	char *t = bp_strdup0(c->type);
	if (!t)
		return -1;
	size_t w = 0;
	bool in = false;
	for (size_t r = 0; t[r]; r++) {
		if (t[r] == '\\' && in && t[r + 1]) { /* an escaped character stays */
			t[w++] = t[r++];
			t[w++] = t[r];
			continue;
		}
		if (t[r] == '\'' && in && t[r + 1] == '\'') { /* a doubled quote */
			t[w++] = t[r++];
			t[w++] = t[r];
			continue;
		}
		if (t[r] == '\'') {
			if (in)
				while (w && t[w - 1] == ' ')
					w--;
			in = !in;
		}
		t[w++] = t[r];
	}
	t[w] = 0;
	int rc = strcmp(t, c->type) ? bp_sch_column_set_type(c, t) : 0;
	free(t);
	return rc < 0 && !c->type ? -1 : 0;
}

static int enum_members(parser *p, bp_buf *b)
{
	if (expect_op(p, BP_OP_LPAREN, "'(' and the members"))
		return -1;
	bp_buf_addc(b, '(');
	bool first = true;
	do {
		if (!first)
			bp_buf_addc(b, ',');
		first = false;
		if (quoted_literal(p, b))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	bp_buf_addc(b, ')');
	return expect_op(p, BP_OP_RPAREN, "',' or ')'");
}

/* SIGNED / UNSIGNED / ZEROFILL after a numeric type. */
static void sign_flags(parser *p, bool *uns, bool *zf)
{
	for (;;) {
		if (accept(p, BP_KW_UNSIGNED))
			*uns = true;
		else if (accept(p, BP_KW_SIGNED))
			continue;
		else if (accept(p, BP_KW_ZEROFILL))
			*zf = *uns = true;
		else
			return;
	}
}

/* TEXT(n), BLOB(n): the size word of the smallest type that holds n characters
 * of mbmax bytes ("tiny", "", "medium", "long"; BLOB: 1 byte, TEXT: its
 * character set's, see charset_mbmax). */
static const char *lob_size(uint64_t n, unsigned mbmax)
{
	uint64_t bytes = n > UINT64_MAX / 4 ? UINT64_MAX : n * mbmax;
	if (bytes < 256)
		return "tiny";
	if (bytes < 65536)
		return "";
	if (bytes < 16777216)
		return "medium";
	return "long";
}

/* Bytes per character of a character set (the common ones; utf8mb4's 4 otherwise,
 * the default of the servers this reads). */
static unsigned charset_mbmax(const char *cs)
{
	static const char *const one[] = { "latin1", "latin2", "latin5", "latin7", "ascii", "binary", "cp1250",
					   "cp1251", "cp1256", "cp1257", "cp850", "cp852", "cp866", "koi8r", "koi8u",
					   "greek", "hebrew", "armscii8", "dec8", "hp8", "keybcs2", "macce", "macroman",
					   "swe7", "tis620", "geostd8" };
	if (!cs)
		return 4;
	for (size_t i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		if (strcasecmp(cs, one[i]) == 0)
			return 1;
	if (strcasecmp(cs, "utf8") == 0 || strcasecmp(cs, "utf8mb3") == 0 || strcasecmp(cs, "ujis") == 0 ||
	    strcasecmp(cs, "eucjpms") == 0)
		return 3;
	if (strcasecmp(cs, "ucs2") == 0 || strcasecmp(cs, "big5") == 0 || strcasecmp(cs, "gbk") == 0 ||
	    strcasecmp(cs, "gb2312") == 0 || strcasecmp(cs, "sjis") == 0 || strcasecmp(cs, "cp932") == 0 ||
	    strcasecmp(cs, "euckr") == 0)
		return 2;
	return 4;
}

/* The integer types: (n), SIGNED/UNSIGNED/ZEROFILL, MariaDB's default width in logs. */
static int int_type(parser *p, const type_def *d, bp_buf *b)
{
	uint64_t a[2];
	int na;
	bool uns = false, zf = false;
	if (type_args(p, a, &na, 1))
		return -1;
	sign_flags(p, &uns, &zf);
	bp_buf_adds(b, d->base);
	if (na && (a[0] || !p->mariadb))
		bp_buf_addf(b, "(%llu)", (unsigned long long)a[0]);
	else if (p->mariadb) /* no width, or (0): MariaDB writes the default */
		bp_buf_addf(b, "(%u)", uns ? d->uwidth : d->width);
	if (uns)
		bp_buf_adds(b, " unsigned");
	if (zf)
		bp_buf_adds(b, " zerofill");
	return 0;
}

/* FLOAT, DOUBLE [PRECISION], REAL, DECIMAL and synonyms. */
static int real_type(parser *p, const type_def *d, bp_buf *b)
{
	uint64_t a[2];
	int na;
	bool uns = false, zf = false;
	if (d->cls == TY_DOUBLE)
		accept(p, BP_KW_PRECISION);
	if (type_args(p, a, &na, 2))
		return -1;
	sign_flags(p, &uns, &zf);
	if (d->cls == TY_DECIMAL) {
		if (na == 0 || a[0] == 0) /* DECIMAL(0): the default precision */
			a[0] = 10;
		if (na < 2)
			a[1] = 0;
		bp_buf_addf(b, "decimal(%llu,%llu)", (unsigned long long)a[0], (unsigned long long)a[1]);
	} else if (d->cls == TY_FLOAT && na == 1) {
		if (a[0] > 53)
			return semantic(p, "float precision %llu out of range (0-53)", (unsigned long long)a[0]);
		bp_buf_adds(b, a[0] > 24 ? "double" : "float"); /* FLOAT(p): the server picks by p */
	} else {
		bp_buf_adds(b, d->base);
		if (na == 2)
			bp_buf_addf(b, "(%llu,%llu)", (unsigned long long)a[0], (unsigned long long)a[1]);
		else if (na == 1)
			return syntax(p, "','");
	}
	if (uns)
		bp_buf_adds(b, " unsigned");
	if (zf)
		bp_buf_adds(b, " zerofill");
	return 0;
}

/* CHAR [VARYING], VARCHAR, NATIONAL ..., BINARY, VARBINARY, LONG [VARCHAR|VARBINARY]. */
static int string_type(parser *p, const type_def *d, bp_buf *b, type_info *ti)
{
	uint64_t a[2];
	int na;
	ty_class cls = d->cls;
	if (d->national) {
		ti->charset = "utf8mb3";
		if (cls == TY_NATIONAL) { /* NATIONAL CHAR[ACTER] [VARYING] | NATIONAL VARCHAR */
			if (accept(p, BP_KW_VARCHAR))
				cls = TY_VARCHAR;
			else if (accept(p, BP_KW_CHAR) || accept(p, BP_KW_CHARACTER))
				cls = TY_CHAR;
			else
				return syntax(p, "CHAR or VARCHAR after NATIONAL");
		}
	}
	if (cls == TY_CHAR && (accept(p, BP_KW_VARYING) || (d->national && accept(p, BP_KW_VARCHAR))))
		cls = TY_VARCHAR;
	if (cls == TY_LONG) { /* LONG, LONG VARCHAR, LONG CHAR VARYING, LONG VARBINARY */
		if (accept(p, BP_KW_VARBINARY) || accept(p, BP_KW_BYTE)) {
			bp_buf_adds(b, "mediumblob");
			return 0;
		}
		if (accept(p, BP_KW_CHAR) && expect(p, BP_KW_VARYING))
			return -1;
		accept(p, BP_KW_VARCHAR);
		bp_buf_adds(b, "mediumtext");
		return 0;
	}
	if (type_args(p, a, &na, 1))
		return -1;
	if (!na && (cls == TY_VARCHAR || cls == TY_VARBINARY))
		return syntax(p, "'(' and a length");
	bp_buf_adds(b, cls == TY_VARCHAR ? "varchar" : cls == TY_CHAR ? "char" : d->base);
	bp_buf_addf(b, "(%llu)", (unsigned long long)(na ? a[0] : 1));
	return 0;
}

/*
 * MariaDB 10.0+ writes "time /" "* mariadb-5.3 *" "/" for a column still in the
 * pre-10.0 temporal format (binlog type TIME, not TIME2); the comment is part of
 * the type text SHOW CREATE TABLE and information_schema give, so it is kept.
 * The lexer skipped it: look at the text between the type and the next token.
 */
static void old_temporal_mark(parser *p, bp_buf *b)
{
	const char *a = p->prev_end, *e = p->tok.start;
	if (e > a && memmem(a, (size_t)(e - a), "/* mariadb-5.3 */", 17))
		bp_buf_adds(b, " /* mariadb-5.3 */");
}

/*
 * A column type: canonical lower-case text into b (as SHOW CREATE TABLE writes
 * it), and what the type implies into *ti.
 */
static int column_type(parser *p, bp_buf *b, type_info *ti)
{
	if ((is_word(&p->tok, "mariadb_schema") || is_word(&p->tok, "oracle_schema") ||
	     is_word(&p->tok, "maxdb_schema")) && is_op(peek(p, 1), BP_OP_DOT)) {
		next(p), next(p); /* MariaDB 10.3+ qualified data types */
		p->tok.code = (uint16_t)bp_kw_lookup(p->tok.start, p->tok.len);
	}
	const type_def *d = type_lookup(&p->tok);
	uint64_t a[2];
	int na;
	memset(ti, 0, sizeof(*ti));
	if (!d)
		return syntax(p, "column type");
	next(p);
	switch ((ty_class)d->cls) {
	case TY_INT:
		return int_type(p, d, b);
	case TY_SERIAL:
		ti->serial = true;
		bp_buf_adds(b, p->mariadb ? "bigint(20) unsigned" : "bigint unsigned");
		return 0;
	case TY_BOOL:
		bp_buf_adds(b, "tinyint(1)");
		return 0;
	case TY_FLOAT: case TY_DOUBLE: case TY_DECIMAL:
		return real_type(p, d, b);
	case TY_NUMBER:
		if (!is_op(&p->tok, BP_OP_LPAREN)) {
			bp_buf_adds(b, "double");
			return 0;
		}
		return real_type(p, &decimal_def, b);
	case TY_CHAR: case TY_VARCHAR: case TY_BINARY: case TY_VARBINARY: case TY_LONG: case TY_NATIONAL:
		return string_type(p, d, b, ti);
	case TY_BIT:
		if (type_args(p, a, &na, 1))
			return -1;
		bp_buf_addf(b, "bit(%llu)", (unsigned long long)(na && a[0] ? a[0] : 1)); /* bit(0) is bit(1) */
		return 0;
	case TY_TEXT: case TY_BLOB:
		if ((strcmp(d->word, "text") == 0 || strcmp(d->word, "blob") == 0) && type_args(p, a, &na, 1) == 0 && na) {
			ti->lob_len = a[0];
			ti->lob_text = d->cls == TY_TEXT;
			bp_buf_adds(b, lob_size(a[0], ti->lob_text ? 4 : 1)); /* resized in column_def */
			bp_buf_adds(b, ti->lob_text ? "text" : "blob");
			return 0;
		}
		if (p->err)
			return -1;
		bp_buf_adds(b, d->base);
		return 0;
	case TY_ENUM:
		bp_buf_adds(b, d->base);
		return enum_members(p, b);
	case TY_FSP:
		if (type_args(p, a, &na, 1))
			return -1;
		if (na && a[0] > 6)
			return semantic(p, "fractional seconds precision %llu out of range (0-6)", (unsigned long long)a[0]);
		bp_buf_adds(b, d->base);
		if (na && a[0])
			bp_buf_addf(b, "(%llu)", (unsigned long long)a[0]);
		old_temporal_mark(p, b);
		return 0;
	case TY_YEAR: {
		bool uns = false, zf = false;
		if (type_args(p, a, &na, 1))
			return -1;
		sign_flags(p, &uns, &zf); /* MariaDB takes and ignores them */
		bp_buf_adds(b, "year");
		if (p->mariadb) /* year(2), else year(4) */
			bp_buf_adds(b, na && a[0] == 2 ? "(2)" : "(4)");
		else if (na)
			bp_buf_addf(b, "(%llu)", (unsigned long long)a[0]);
		return 0;
	}
	case TY_VECTOR:
		if (type_args(p, a, &na, 1))
			return -1;
		if (!na)
			return syntax(p, "'(' and a dimension");
		bp_buf_addf(b, "vector(%llu)", (unsigned long long)a[0]);
		return 0;
	case TY_JSON:
		if (p->mariadb) { /* MariaDB: LONGTEXT with a utf8mb4_bin collation (and a CHECK) */
			bp_buf_adds(b, "longtext");
			ti->charset = "utf8mb4";
			ti->collation = "utf8mb4_bin";
		} else {
			bp_buf_adds(b, "json");
		}
		return 0;
	case TY_PLAIN:
		if (d->base[0] != 'd' && d->base[0] != 'i' && d->base[0] != 'u' && is_op(&p->tok, BP_OP_LPAREN) &&
		    type_args(p, a, &na, 2)) /* GEOMETRY(9,4): taken and ignored, as MariaDB does */
			return -1;
		bp_buf_adds(b, d->base);
		return 0;
	}
	return syntax(p, "column type");
}

/* ---- column definitions ---------------------------------------------------------- */

/* What a REFERENCES clause says. */
typedef struct fk_ref {
	qname table;
	bp_fk_action on_delete, on_update;
	uint32_t n_cols;         /* referenced columns named (0: the parent's primary key) */
	uint32_t cap;            /* how many names cols keeps (set by the caller) */
	char (*cols)[NAME_CAP];
} fk_ref;

/* what a column definition says beyond the column */
typedef struct col_extra {
	bool primary;          /* inline PRIMARY KEY */
	bool unique;           /* inline UNIQUE [KEY], SERIAL */
	bool compressed;       /* MariaDB COMPRESSED */
	/* inline [CONSTRAINT c] REFERENCES t (col): MariaDB 10.5+ makes it a foreign key */
	bool ref;
	fk_ref ref_info;       /* ref_info.cols is &ref_col */
	char ref_col[NAME_CAP];
	char ref_name[NAME_CAP]; /* the CONSTRAINT's name, or "" */
} col_extra;

static void column_init(bp_sch_column *c)
{
	memset(c, 0, sizeof(*c));
	c->nullable = true;
	c->precision = c->scale = c->fsp = -1;
}

static int set_owned(parser *p, char **dst, const char *a, const char *b)
{
	char *v = b ? bp_strndup0(a, (size_t)(b - a)) : bp_strdup0(a);
	if (!v)
		return nomem(p);
	free(*dst);
	*dst = v;
	return 0;
}

/* CHARACTER SET x / CHARSET x / COLLATE x (with optional '='): into *cs or *coll. */
static int charset_clause(parser *p, char **cs, char **coll, bool *matched)
{
	char v[NAME_CAP];
	*matched = true;
	if (is_kw(&p->tok, BP_KW_CHARACTER) && is_kw(peek(p, 1), BP_KW_SET)) {
		next(p);
		next(p);
	} else if (is_kw(&p->tok, BP_KW_CHARSET)) {
		next(p);
	} else if (accept(p, BP_KW_COLLATE)) {
		accept_op(p, BP_OP_EQ);
		if (p->tok.type == BP_TK_STRING ? string_value(p, &p->tok, &(size_t){ 0 }) : name_value(p, &p->tok, v, "collation name"))
			return -1;
		if (set_owned(p, coll, p->tok.type == BP_TK_STRING ? p->tmp.data : v, NULL))
			return -1;
		next(p);
		return 0;
	} else {
		*matched = false;
		return 0;
	}
	accept_op(p, BP_OP_EQ);
	if (is_kw(&p->tok, BP_KW_BINARY)) { /* CHARACTER SET binary */
		next(p);
		return set_owned(p, cs, "binary", NULL);
	}
	if (p->tok.type == BP_TK_STRING ? string_value(p, &p->tok, &(size_t){ 0 }) : name_value(p, &p->tok, v, "character set name"))
		return -1;
	if (set_owned(p, cs, p->tok.type == BP_TK_STRING ? p->tmp.data : v, NULL))
		return -1;
	next(p);
	return 0;
}

/* NOW / CURRENT_TIMESTAMP / LOCALTIME / LOCALTIMESTAMP [(n)]: "current_timestamp(n)". */
static bool now_function(parser *p, bp_buf *b)
{
	const bp_token *t = &p->tok;
	if (!is_kw(t, BP_KW_CURRENT_TIMESTAMP) && !is_kw(t, BP_KW_LOCALTIME) && !is_kw(t, BP_KW_LOCALTIMESTAMP) &&
	    !(is_word(t, "now") && is_op(peek(p, 1), BP_OP_LPAREN)))
		return false;
	next(p);
	bp_buf_adds(b, "current_timestamp(");
	if (accept_op(p, BP_OP_LPAREN)) {
		if (p->tok.type == BP_TK_INTEGER) {
			if (!(p->tok.len == 1 && p->tok.start[0] == '0'))
				bp_buf_add(b, p->tok.start, p->tok.len);
			next(p);
		}
		if (expect_op(p, BP_OP_RPAREN, "')'"))
			return true;
	}
	bp_buf_addc(b, ')');
	return true;
}

/* CASE ... END with nesting, from CASE. */
static void skip_case(parser *p)
{
	int depth = 0;
	while (!at_end(p)) {
		if (is_kw(&p->tok, BP_KW_CASE))
			depth++;
		else if (is_kw(&p->tok, BP_KW_END) && --depth == 0) {
			next(p);
			return;
		}
		next(p);
	}
	syntax(p, "END");
}

/*
 * The expressions MariaDB takes after DEFAULT without parentheses
 * (sql_yacc.yy column_default_non_parenthesized_expr): a function call (any
 * name, reserved ones too: IF(), REPEAT(), CHAR() ...), CASE ... END, NEXT /
 * PREVIOUS VALUE FOR s, a variable, a [qualified] column name or a function
 * that takes no parentheses (CURRENT_DATE). Returns false (nothing read) when
 * the current token starts none of them.
 */
static bool default_expr(parser *p)
{
	const bp_token *t = &p->tok;
	const char *a, *b;
	if (t->type == BP_TK_IDENT && is_op(peek(p, 1), BP_OP_LPAREN)) {
		next(p);
		paren_span(p, &a, &b);
		return true;
	}
	if (is_kw(t, BP_KW_CASE)) {
		skip_case(p);
		return true;
	}
	if ((is_kw(t, BP_KW_NEXT) || is_word(t, "PREVIOUS")) && is_kw(peek(p, 1), BP_KW_VALUE)) {
		qname q;
		next(p), next(p);
		if (expect(p, BP_KW_FOR) == 0)
			table_name(p, &q);
		return true;
	}
	if (t->type == BP_TK_VAR || t->type == BP_TK_SYSVAR) {
		next(p);
		return true;
	}
	if (t->type == BP_TK_QIDENT || (t->type == BP_TK_IDENT && !bp_kw_reserved(t->code)) ||
	    is_kw(t, BP_KW_CURRENT_DATE) || is_kw(t, BP_KW_CURRENT_TIME) || is_kw(t, BP_KW_CURRENT_USER) ||
	    is_kw(t, BP_KW_CURRENT_ROLE) || is_kw(t, BP_KW_UTC_TIMESTAMP) || is_kw(t, BP_KW_UTC_DATE) ||
	    is_kw(t, BP_KW_UTC_TIME)) {
		next(p);
		while (is_op(&p->tok, BP_OP_DOT) && is_name_tok(peek(p, 1)))
			next(p), next(p);
		return true;
	}
	return false;
}

/*
 * DEFAULT's value, as SHOW COLUMNS / information_schema.COLUMNS give it:
 * NULL, 'quoted string', a number as written, current_timestamp(), or an
 * expression's text (without the parentheses around it).
 */
static int default_value(parser *p, bp_sch_column *c)
{
	bp_buf b = BP_BUF_INIT;
	const bp_token *t = &p->tok;
	const char *t0 = t->start;
	const char *x0, *x1;
	int rc = 0;
	if (is_op(t, BP_OP_LPAREN)) {
		if (paren_span(p, &x0, &x1))
			return -1;
		char *v = trimmed_dup(x0, x1);
		if (!v)
			return nomem(p);
		free(c->default_value);
		c->default_value = v;
		return 0;
	}
	if (is_kw(t, BP_KW_NULL)) {
		bp_buf_adds(&b, "NULL");
		next(p);
	} else if (is_kw(t, BP_KW_TRUE) || is_kw(t, BP_KW_FALSE)) {
		bp_buf_adds(&b, is_kw(t, BP_KW_TRUE) ? "1" : "0");
		next(p);
	} else if (t->type == BP_TK_STRING || t->type == BP_TK_NSTRING ||
		   (t->type == BP_TK_INTRODUCER && (peek(p, 1)->type == BP_TK_STRING))) {
		rc = quoted_literal(p, &b);
	} else if (t->type == BP_TK_INTRODUCER) {
		next(p);
		return default_value(p, c);
	} else if (is_op(t, BP_OP_MINUS) || is_op(t, BP_OP_PLUS)) {
		if (is_op(t, BP_OP_MINUS))
			bp_buf_addc(&b, '-');
		next(p);
		if (p->tok.type != BP_TK_INTEGER && p->tok.type != BP_TK_DECIMAL && p->tok.type != BP_TK_FLOAT)
			rc = syntax(p, "number");
		else {
			bp_buf_add(&b, p->tok.start, p->tok.len);
			next(p);
		}
	} else if (t->type == BP_TK_INTEGER || t->type == BP_TK_DECIMAL || t->type == BP_TK_FLOAT ||
		   t->type == BP_TK_HEXNUM || t->type == BP_TK_HEXSTR || t->type == BP_TK_BITNUM ||
		   t->type == BP_TK_BITSTR) {
		bp_buf_add(&b, t->start, t->len);
		next(p);
	} else if (now_function(p, &b)) {
		rc = p->err ? -1 : 0;
	} else if ((is_kw(t, BP_KW_DATE) || is_kw(t, BP_KW_TIME) || is_kw(t, BP_KW_TIMESTAMP)) &&
		   peek(p, 1)->type == BP_TK_STRING) {
		next(p); /* DATE '2024-01-01': the string */
		rc = quoted_literal(p, &b);
	} else if (default_expr(p)) {
		if (p->err)
			rc = -1;
		else
			bp_buf_add(&b, t0, (size_t)(p->prev_end - t0));
	} else {
		rc = syntax(p, "DEFAULT value");
	}
	if (rc == 0) {
		char *v = bp_buf_ok(&b) ? bp_strndup0(b.data ? b.data : "", b.len) : NULL;
		if (!v)
			rc = nomem(p);
		else {
			free(c->default_value);
			c->default_value = v;
		}
	}
	bp_buf_release(&b);
	return rc;
}

/* [GENERATED ALWAYS] AS (expr) [VIRTUAL|STORED|PERSISTENT], or AS ROW START|END. */
static int generated_clause(parser *p, bp_sch_column *c)
{
	if (accept(p, BP_KW_GENERATED) && expect(p, BP_KW_ALWAYS))
		return -1;
	if (expect(p, BP_KW_AS))
		return -1;
	if (accept(p, BP_KW_ROW)) { /* system versioning: a NOT NULL column the server fills */
		bool end = is_kw(&p->tok, BP_KW_END);
		if (!accept(p, BP_KW_START) && !accept(p, BP_KW_END))
			return syntax(p, "START or END");
		c->nullable = false;
		if (end)
			snprintf(p->row_end, sizeof(p->row_end), "%s", c->name);
		return 0;
	}
	const char *a, *b;
	if (paren_span(p, &a, &b))
		return -1;
	free(c->generated_expr);
	if (!(c->generated_expr = trimmed_dup(a, b)))
		return nomem(p);
	c->generated = true;
	c->generated_stored = false;
	if (accept(p, BP_KW_STORED) || accept(p, BP_KW_PERSISTENT))
		c->generated_stored = true;
	else
		accept(p, BP_KW_VIRTUAL);
	/* a generated column has no default */
	free(c->default_value);
	c->default_value = NULL;
	return 0;
}

/* ON DELETE / ON UPDATE's action. */
static int fk_action(parser *p, bp_fk_action *a)
{
	if (accept(p, BP_KW_RESTRICT))
		*a = BP_FK_RESTRICT;
	else if (accept(p, BP_KW_CASCADE))
		*a = BP_FK_CASCADE;
	else if (is_kw(&p->tok, BP_KW_SET) && is_kw(peek(p, 1), BP_KW_NULL))
		next(p), next(p), *a = BP_FK_SET_NULL;
	else if (is_kw(&p->tok, BP_KW_SET) && is_kw(peek(p, 1), BP_KW_DEFAULT))
		next(p), next(p), *a = BP_FK_SET_DEFAULT;
	else if (is_kw(&p->tok, BP_KW_NO) && is_kw(peek(p, 1), BP_KW_ACTION))
		next(p), next(p), *a = BP_FK_NO_ACTION;
	else
		return syntax(p, "RESTRICT, CASCADE, SET NULL, NO ACTION or SET DEFAULT");
	return 0;
}

/* REFERENCES [db.]t [(cols)] [MATCH FULL|PARTIAL|SIMPLE] [ON DELETE a] [ON UPDATE a] */
static int references(parser *p, fk_ref *r)
{
	if (expect(p, BP_KW_REFERENCES) || table_name(p, &r->table))
		return -1;
	r->n_cols = 0;
	r->on_delete = r->on_update = BP_FK_UNSPECIFIED;
	if (accept_op(p, BP_OP_LPAREN)) {
		do {
			char tmp[NAME_CAP];
			if (r->n_cols == MAX_FK_COLUMNS)
				return semantic(p, "more than %d columns in a foreign key", MAX_FK_COLUMNS);
			if (name(p, r->n_cols < r->cap ? r->cols[r->n_cols] : tmp, "referenced column name"))
				return -1;
			r->n_cols++;
		} while (accept_op(p, BP_OP_COMMA));
		if (expect_op(p, BP_OP_RPAREN, "',' or ')'"))
			return -1;
	}
	if (accept(p, BP_KW_MATCH) && !accept(p, BP_KW_FULL) && !accept(p, BP_KW_PARTIAL) && !accept(p, BP_KW_SIMPLE))
		return syntax(p, "FULL, PARTIAL or SIMPLE");
	while (is_kw(&p->tok, BP_KW_ON)) {
		next(p);
		if (accept(p, BP_KW_DELETE)) {
			if (fk_action(p, &r->on_delete))
				return -1;
		} else if (accept(p, BP_KW_UPDATE)) {
			if (fk_action(p, &r->on_update))
				return -1;
		} else {
			return syntax(p, "DELETE or UPDATE");
		}
	}
	return 0;
}

/* Skip "(expr)" [[NOT] ENFORCED] of a CHECK constraint. */
static int check_clause(parser *p)
{
	const char *a, *b;
	if (paren_span(p, &a, &b))
		return -1;
	if (is_kw(&p->tok, BP_KW_NOT) && is_kw(peek(p, 1), BP_KW_ENFORCED))
		next(p);
	accept(p, BP_KW_ENFORCED);
	return 0;
}

/* Is the current token where column attributes stop? */
static bool attributes_end(parser *p)
{
	return at_end(p) || is_op(&p->tok, BP_OP_COMMA) || is_op(&p->tok, BP_OP_RPAREN) ||
	       is_kw(&p->tok, BP_KW_FIRST) || is_kw(&p->tok, BP_KW_AFTER) ||
	       (is_kw(&p->tok, BP_KW_REMOVE) && is_kw(peek(p, 1), BP_KW_PARTITIONING)) ||
	       (is_kw(&p->tok, BP_KW_PARTITION) && is_kw(peek(p, 1), BP_KW_BY));
}

/* One column attribute (MariaDB's attribute / MySQL's column_attribute). */
static int column_attribute(parser *p, bp_sch_column *c, col_extra *x)
{
	const bp_token *t = &p->tok;
	bool cs_matched;
	if (charset_clause(p, &c->charset, &c->collation, &cs_matched) || cs_matched)
		return p->err ? -1 : 0;
	if (is_kw(t, BP_KW_NOT) && is_kw(peek(p, 1), BP_KW_NULL)) {
		next(p), next(p);
		c->nullable = false;
	} else if (accept(p, BP_KW_NULL)) {
		c->nullable = true;
	} else if (accept(p, BP_KW_DEFAULT)) {
		return default_value(p, c);
	} else if (is_kw(t, BP_KW_ON) && is_kw(peek(p, 1), BP_KW_UPDATE)) {
		next(p), next(p);
		bp_buf b = BP_BUF_INIT;
		bool ok = now_function(p, &b);
		bp_buf_release(&b);
		if (!ok)
			return syntax(p, "CURRENT_TIMESTAMP");
		return p->err ? -1 : 0;
	} else if (accept(p, BP_KW_AUTO_INCREMENT)) {
		c->auto_increment = true;
		c->nullable = false; /* the grammar's AUTO_INC sets NOT_NULL_FLAG; a NULL after it clears it */
	} else if (is_kw(t, BP_KW_SERIAL) && is_kw(peek(p, 1), BP_KW_DEFAULT)) {
		next(p), next(p);
		if (expect(p, BP_KW_VALUE))
			return -1;
		c->auto_increment = true;
		c->nullable = false;
		x->unique = true;
	} else if (accept(p, BP_KW_PRIMARY)) {
		if (expect(p, BP_KW_KEY))
			return -1;
		x->primary = true;
		c->nullable = false;
	} else if (is_kw(t, BP_KW_KEY)) { /* KEY alone: PRIMARY KEY */
		next(p);
		x->primary = true;
		c->nullable = false;
	} else if (accept(p, BP_KW_UNIQUE)) {
		accept(p, BP_KW_KEY);
		x->unique = true;
	} else if (accept(p, BP_KW_COMMENT)) {
		size_t n;
		if (p->tok.type != BP_TK_STRING || string_value(p, &p->tok, &n))
			return syntax(p, "comment string");
		if (set_owned(p, &c->comment, p->tmp.data, p->tmp.data + n))
			return -1;
		next(p);
	} else if (is_kw(t, BP_KW_GENERATED) || is_kw(t, BP_KW_AS)) {
		return generated_clause(p, c);
	} else if (accept(p, BP_KW_INVISIBLE)) {
		c->invisible = true;
	} else if (accept(p, BP_KW_VISIBLE)) {
		c->invisible = false;
	} else if (accept(p, BP_KW_COLUMN_FORMAT) || accept(p, BP_KW_STORAGE)) {
		if (t->type != BP_TK_IDENT)
			return syntax(p, "FIXED, DYNAMIC, COMPRESSED, DISK, MEMORY or DEFAULT");
		next(p);
	} else if (accept(p, BP_KW_SRID)) {
		uint64_t v;
		return number(p, &v, "SRID number");
	} else if (accept(p, BP_KW_COMPRESSED)) { /* MariaDB: COMPRESSED[=zlib] */
		x->compressed = true;
		if (accept_op(p, BP_OP_EQ))
			return option_value(p);
	} else if (is_kw(t, BP_KW_REFERENCES)) {
		x->ref = true;
		return references(p, &x->ref_info);
	} else if (accept(p, BP_KW_CHECK)) {
		return check_clause(p);
	} else if (accept(p, BP_KW_CONSTRAINT)) {
		char n[NAME_CAP] = "";
		if (!is_kw(&p->tok, BP_KW_CHECK) && !is_kw(&p->tok, BP_KW_REFERENCES) && name(p, n, "constraint name"))
			return -1;
		if (is_kw(&p->tok, BP_KW_REFERENCES)) {
			x->ref = true;
			memcpy(x->ref_name, n, NAME_CAP);
			return references(p, &x->ref_info);
		}
		if (expect(p, BP_KW_CHECK))
			return -1;
		return check_clause(p);
	} else if ((is_kw(t, BP_KW_WITH) || is_kw(t, BP_KW_WITHOUT)) && is_kw(peek(p, 1), BP_KW_SYSTEM)) {
		next(p), next(p);
		return expect(p, BP_KW_VERSIONING);
	} else if (accept(p, BP_KW_BINARY) || accept(p, BP_KW_ASCII) || accept(p, BP_KW_UNICODE) ||
		   accept(p, BP_KW_BYTE)) {
		/* CHAR(n) BINARY and friends: a collation or character set the dump spells out */
	} else if (is_name_tok(t) && is_op(peek(p, 1), BP_OP_EQ)) {
		next(p), next(p); /* MariaDB engine-defined field option: name=value */
		return option_value(p);
	} else {
		return syntax(p, "column attribute, ',' or ')'");
	}
	return 0;
}

/* Set c's type text anew (a changed base word or a suffix). */
static int retype(parser *p, bp_sch_column *c, const char *base, const char *rest, const char *suffix)
{
	bp_buf b = BP_BUF_INIT;
	bp_buf_adds(&b, base);
	bp_buf_adds(&b, rest);
	bp_buf_adds(&b, suffix);
	int rc = bp_buf_ok(&b) && (bp_sch_column_set_type(c, bp_buf_cstr(&b)) == 0 || c->type) ? 0 : nomem(p);
	bp_buf_release(&b);
	return rc;
}

/* MariaDB 10.3+ COMPRESSED: COLUMN_TYPE and SHOW CREATE TABLE write it in the
 * type text, as an executable comment (lower case here, as all type text). */
static int compressed_type(parser *p, bp_sch_column *c)
{
	if (!c->type || strstr(c->type, "compressed"))
		return 0;
	return retype(p, c, c->type, "", " /*m!100301 compressed*/");
}

/*
 * A character type in the binary character set is the binary type of the same
 * size, as the server stores it: char -> binary, varchar -> varbinary, text
 * -> blob... (force: the table's default set is binary and c names none).
 */
/*
 * What MariaDB does to key parts at CREATE TABLE, as SHOW CREATE TABLE then shows:
 * a part of a plain (non-unique) key longer than the engine's maximum key length
 * is cut to the longest prefix that fits (InnoDB 3072 bytes, Aria 2300, MyISAM
 * 1000; characters = bytes / the charset's bytes per character); a POINT in a
 * B-tree key gets a 25-byte prefix. Unique keys that long become hash
 * keys instead and keep their parts.
 */
static void key_length_limits(parser *p, bp_sch_table *t)
{
	const char *eng = t->engine ? t->engine : "InnoDB";
	unsigned limit = strcasecmp(eng, "InnoDB") == 0 ? 3072 : strcasecmp(eng, "Aria") == 0 ? 2300
		       : strcasecmp(eng, "MyISAM") == 0 ? 1000 : 0;
	bool memory = strcasecmp(eng, "MEMORY") == 0 || strcasecmp(eng, "HEAP") == 0;
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		bp_sch_index *ix = &t->indexes[i];
		for (uint32_t k = 0; k < ix->n_parts; k++) {
			if (ix->kind == BP_IDX_FULLTEXT) /* FULLTEXT takes whole columns */
				ix->parts[k].prefix = 0;
			if (memory) /* hash keys have no order */
				ix->parts[k].desc = false;
		}
		if (ix->kind == BP_IDX_FULLTEXT || ix->kind == BP_IDX_SPATIAL)
			continue;
		for (uint32_t k = 0; k < ix->n_parts; k++) {
			bp_sch_keypart *kp = &ix->parts[k];
			bp_sch_column *c = kp->column ? bp_sch_find_column(t, kp->column, NULL) : NULL;
			if (!c || !c->base)
				continue;
			if (strcmp(c->base, "point") == 0) { /* a point's 25 bytes (SRID + WKB), any engine */
				kp->prefix = 25;
				continue;
			}
			if (ix->kind != BP_IDX_KEY || !limit)
				continue;
			uint64_t chars;
			if (!strcmp(c->base, "char") || !strcmp(c->base, "varchar") || !strcmp(c->base, "binary") ||
			    !strcmp(c->base, "varbinary"))
				chars = c->length;
			else if (!strcmp(c->base, "tinytext") || !strcmp(c->base, "tinyblob"))
				chars = 255;
			else if (!strcmp(c->base, "text") || !strcmp(c->base, "blob"))
				chars = 65535;
			else if (strstr(c->base, "text") || strstr(c->base, "blob")) /* medium, long */
				chars = 16777215;
			else
				continue;
			bool lob = strstr(c->base, "text") || strstr(c->base, "blob");
			if (kp->prefix)
				chars = kp->prefix;
			bool bytes = strstr(c->base, "binary") || strstr(c->base, "blob") ||
				     (c->charset && strcasecmp(c->charset, "binary") == 0);
			/* the charset: the column's, else its collation's prefix, else the table's */
			char cs[NAME_CAP] = "";
			if (c->charset)
				snprintf(cs, sizeof(cs), "%s", c->charset);
			else if (c->collation)
				snprintf(cs, sizeof(cs), "%.*s", (int)strcspn(c->collation, "_"), c->collation);
			else
				snprintf(cs, sizeof(cs), "%s", p->table_cs);
			unsigned mb = bytes ? 1 : charset_mbmax(cs[0] ? cs : NULL);
			if (chars * mb > limit)
				kp->prefix = limit / mb;
			else if (lob && !kp->prefix && strcasecmp(eng, "InnoDB") == 0)
				kp->prefix = (uint32_t)chars; /* InnoDB keys a TEXT/BLOB by a prefix: its whole length */
		}
	}
}

static int binary_string_type(parser *p, bp_sch_column *c, bool force)
{
	static const char *const from[] = { "char", "varchar", "tinytext", "text", "mediumtext", "longtext" };
	static const char *const to[] = { "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" };
	bool binary = force || (c->charset && strcasecmp(c->charset, "binary") == 0) ||
		      (c->collation && strcasecmp(c->collation, "binary") == 0);
	if (!binary || !c->base || !c->type)
		return 0;
	for (size_t i = 0; i < sizeof(from) / sizeof(from[0]); i++) {
		size_t n = strlen(from[i]);
		if (strcmp(c->base, from[i]) || strncmp(c->type, from[i], n))
			continue;
		char *old = c->type;
		c->type = NULL;
		int rc = retype(p, c, to[i], old + n, "");
		free(old);
		free(c->charset);
		free(c->collation);
		c->charset = c->collation = NULL;
		return rc;
	}
	return 0;
}

/*
 * name type [attributes]: a column definition into *c (initialised here; owned
 * by the caller on success, released on failure) and *x.
 */
static int column_def(parser *p, bp_sch_column *c, col_extra *x)
{
	char n[NAME_CAP];
	bp_buf type = BP_BUF_INIT;
	type_info ti;
	column_init(c);
	memset(x, 0, sizeof(*x));
	x->ref_info.cols = &x->ref_col;
	x->ref_info.cap = 1;
	if (name(p, n, "column definition"))
		return -1;
	while (is_op(&p->tok, BP_OP_DOT)) { /* db.t.col: MariaDB takes the column */
		next(p);
		if (name(p, n, "column name"))
			return -1;
	}
	if (!(c->name = bp_strdup0(n)))
		return nomem(p);
	if (column_type(p, &type, &ti))
		goto fail;
	if (!bp_buf_ok(&type)) {
		nomem(p);
		goto fail;
	}
	if (bp_sch_column_set_type(c, bp_buf_cstr(&type)) < 0 && !c->type) {
		nomem(p);
		goto fail;
	}
	if ((ti.charset && set_owned(p, &c->charset, ti.charset, NULL)) ||
	    (ti.collation && set_owned(p, &c->collation, ti.collation, NULL)))
		goto fail;
	if (ti.serial) {
		c->nullable = false;
		c->auto_increment = true;
		x->unique = true;
	}
	while (!attributes_end(p))
		if (column_attribute(p, c, x))
			goto fail;
	/* MariaDB: COMPRESSED in the type text, binary types for CHARACTER SET binary,
	 * DEFAULT NULL shown for a nullable column without a default */
	if (ti.lob_len && retype(p, c, lob_size(ti.lob_len, ti.lob_text ? charset_mbmax(c->charset) : 1),
				 ti.lob_text ? "text" : "blob", ""))
		goto fail;
	if (x->compressed && compressed_type(p, c))
		goto fail;
	if (enum_trailing_spaces(c))
		goto fail;
	if (p->mariadb && binary_string_type(p, c, false))
		goto fail;
	if (p->mariadb && c->nullable && !c->default_value && !c->generated && set_owned(p, &c->default_value, "NULL", NULL))
		goto fail;
	bp_buf_release(&type);
	return 0;
fail:
	bp_buf_release(&type);
	bp_sch_column_release(c);
	return -1;
}

/* ---- table helpers ------------------------------------------------------------------ */

/* Insert *c at position pos; the table takes over its strings (*c is zeroed). */
static int insert_column(parser *p, bp_sch_table *t, bp_sch_column *c, uint32_t pos)
{
	bp_sch_column *slot = bp_sch_add_column(t, "");
	if (!slot)
		return nomem(p);
	bp_sch_column_release(slot);
	if (pos > t->n_columns - 1)
		pos = t->n_columns - 1;
	memmove(&t->columns[pos + 1], &t->columns[pos], (t->n_columns - 1 - pos) * sizeof(*c));
	t->columns[pos] = *c;
	memset(c, 0, sizeof(*c));
	return 0;
}

static bool index_name_used(const bp_sch_table *t, const char *n, const bp_sch_index *self)
{
	for (uint32_t i = 0; i < t->n_indexes; i++)
		if (&t->indexes[i] != self && strcasecmp(t->indexes[i].name, n) == 0)
			return true;
	return strcasecmp(n, "PRIMARY") == 0;
}

/* Name ix after base as the server does (sql_table.cc make_unique_key_name):
 * base, else base_2, base_3, ... */
static int name_index(parser *p, bp_sch_table *t, bp_sch_index *ix, const char *base)
{
	char n[NAME_CAP + 16];
	snprintf(n, sizeof(n), "%s", base);
	for (unsigned i = 2; index_name_used(t, n, ix) && i < 1000; i++)
		snprintf(n, sizeof(n), "%s_%u", base, i);
	return set_owned(p, &ix->name, n, NULL);
}

/* ---- keys ------------------------------------------------------------------------- */

/*
 * (part, ...): a column [(prefix)] or an (expression), each [ASC|DESC]. The
 * columns are checked by finish_table: a CREATE TABLE may name a column
 * defined later, an ALTER TABLE one it adds or renames later.
 */
static int key_parts(parser *p, bp_sch_table *t, bp_sch_index *ix)
{
	if (expect_op(p, BP_OP_LPAREN, "'(' and the key's columns"))
		return -1;
	do {
		bp_sch_keypart *kp;
		if (is_op(&p->tok, BP_OP_LPAREN)) { /* MySQL 8 functional key part */
			const char *a, *b;
			if (paren_span(p, &a, &b))
				return -1;
			if (!(kp = bp_sch_add_keypart(ix, NULL)) || !(kp->expr = trimmed_dup(a, b)))
				return nomem(p);
		} else {
			char n[NAME_CAP];
			const bp_sch_column *c;
			if (name_value(p, &p->tok, n, "key column name"))
				return -1;
			next(p);
			if (is_kw(&p->tok, BP_KW_WITHOUT) && is_word(peek(p, 1), "OVERLAPS")) {
				next(p), next(p); /* MariaDB: p is a period; the key takes its end and start */
				for (unsigned i = 0; i < p->n_periods; i++)
					if (strcasecmp(p->periods[i].name, n) == 0 &&
					    (!bp_sch_add_keypart(ix, p->periods[i].end) ||
					     !bp_sch_add_keypart(ix, p->periods[i].start)))
						return nomem(p);
				continue;
			}
			c = bp_sch_find_column(t, n, NULL);
			if (!(kp = bp_sch_add_keypart(ix, c ? c->name : n)))
				return nomem(p);
			if (accept_op(p, BP_OP_LPAREN)) {
				uint64_t v;
				if (number(p, &v, "prefix length") || expect_op(p, BP_OP_RPAREN, "')'"))
					return -1;
				kp->prefix = v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
			}
		}
		if (accept(p, BP_KW_DESC))
			kp->desc = true;
		else
			accept(p, BP_KW_ASC);
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "',' or ')'");
}

/* Index options after the parts (or USING/TYPE before them). */
static int index_options(parser *p, bp_sch_index *ix)
{
	for (;;) {
		const bp_token *t = &p->tok;
		if (accept(p, BP_KW_USING) || accept(p, BP_KW_TYPE)) {
			if (!accept(p, BP_KW_BTREE) && !accept(p, BP_KW_HASH) && !accept(p, BP_KW_RTREE))
				return syntax(p, "BTREE, HASH or RTREE");
		} else if (accept(p, BP_KW_KEY_BLOCK_SIZE) || accept(p, BP_KW_COMMENT)) {
			accept_op(p, BP_OP_EQ);
			if (option_value(p))
				return -1;
		} else if (accept(p, BP_KW_VISIBLE)) {
			ix->invisible = false;
		} else if (accept(p, BP_KW_INVISIBLE) || accept(p, BP_KW_IGNORED)) {
			ix->invisible = true;
		} else if (is_kw(t, BP_KW_NOT) && is_kw(peek(p, 1), BP_KW_IGNORED)) {
			next(p), next(p);
			ix->invisible = false;
		} else if (is_kw(t, BP_KW_WITH) && is_kw(peek(p, 1), BP_KW_PARSER)) {
			next(p), next(p);
			char n[NAME_CAP];
			if (name(p, n, "parser name"))
				return -1;
		} else if (t->type == BP_TK_IDENT && !bp_kw_reserved(t->code) && is_op(peek(p, 1), BP_OP_EQ)) {
			next(p), next(p); /* ENGINE_ATTRIBUTE='...', CLUSTERING=yes, engine options */
			if (option_value(p))
				return -1;
		} else {
			return 0;
		}
	}
}

/* [IF NOT EXISTS]: MariaDB's opt_if_not_exists */
static bool if_not_exists(parser *p)
{
	if (is_kw(&p->tok, BP_KW_IF) && is_kw(peek(p, 1), BP_KW_NOT) && is_kw(peek(p, 2), BP_KW_EXISTS)) {
		next(p), next(p), next(p);
		return true;
	}
	return false;
}

static bool if_exists(parser *p)
{
	if (is_kw(&p->tok, BP_KW_IF) && is_kw(peek(p, 1), BP_KW_EXISTS)) {
		next(p), next(p);
		return true;
	}
	return false;
}

/*
 * A key after its kind words (PRIMARY KEY, UNIQUE [KEY], KEY, FULLTEXT ...):
 * [IF NOT EXISTS] [name] [USING x] (parts) [options]. cname: the CONSTRAINT
 * name, or NULL. In an ALTER (alter set) a second PRIMARY KEY or a name in use
 * may be legal until the statement's DROPs are done: alter_finish checks.
 */
static int key_def(parser *p, bp_sch_table *t, bp_index_kind kind, const char *cname, bool alter)
{
	bool ine = if_not_exists(p);
	char n[NAME_CAP] = "";
	if (!is_op(&p->tok, BP_OP_LPAREN) && !is_kw(&p->tok, BP_KW_USING) && !is_kw(&p->tok, BP_KW_TYPE) &&
	    name(p, n, "key name or '('"))
		return -1;
	uint32_t at = t->n_indexes;
	bp_sch_index *ix = bp_sch_add_index(t, "", kind);
	if (!ix)
		return nomem(p);
	if (index_options(p, ix) || key_parts(p, t, ix) || index_options(p, ix))
		return -1;
	if (ix->n_parts == 0) /* only WITHOUT OVERLAPS parts */
		return semantic(p, "key without columns");
	if (kind == BP_IDX_PRIMARY) {
		if (set_owned(p, &ix->name, "PRIMARY", NULL))
			return -1;
		for (uint32_t i = 0; i < at; i++)
			if (t->indexes[i].kind == BP_IDX_PRIMARY && (ine || !alter)) {
				bp_sch_remove_index(t, at);
				return ine ? 0 : semantic(p, "multiple primary key defined");
			}
		return 0;
	}
	const char *given = n[0] ? n : cname;
	if (given) {
		if (index_name_used(t, given, ix) && (ine || !alter)) {
			bp_sch_remove_index(t, at);
			return ine ? 0 : semantic(p, "duplicate key name `%s`", given);
		}
		return set_owned(p, &ix->name, given, NULL);
	}
	const char *base = ix->parts[0].column ? ix->parts[0].column : "functional_index";
	char b[NAME_CAP];
	snprintf(b, sizeof(b), "%s", base);
	return name_index(p, t, ix, b);
}

/* InnoDB's name for a foreign key without one: t_ibfk_N, one above the highest N. */
static void auto_fk_name(const bp_sch_table *t, char *out, size_t cap)
{
	unsigned max = 0;
	size_t tl = strlen(t->name);
	for (uint32_t i = 0; i < t->n_fks; i++)
		if (strncmp(t->fks[i].name, t->name, tl) == 0 && strncmp(t->fks[i].name + tl, "_ibfk_", 6) == 0) {
			unsigned v = (unsigned)strtoul(t->fks[i].name + tl + 6, NULL, 10);
			max = v > max ? v : max;
		}
	snprintf(out, cap, "%.200s_ibfk_%u", t->name, max + 1);
}

/*
 * Foreign key `name` (NULL: InnoDB's) on columns cols[0..n) of t, to what r
 * says. A name in use: skipped when ine (IF NOT EXISTS), else an error.
 */
static int add_fk(parser *p, bp_sch_table *t, const char *name, const char *const *cols, uint32_t n, const fk_ref *r,
		  bool ine)
{
	char auto_name[NAME_CAP + 16];
	if (r->n_cols && r->n_cols != n) /* none: the parent's primary key */
		return semantic(p, "foreign key has %u columns but references %u", n, r->n_cols);
	if (!name) {
		auto_fk_name(t, auto_name, sizeof(auto_name));
		name = auto_name;
	}
	for (uint32_t i = 0; i < t->n_fks; i++)
		if (strcasecmp(t->fks[i].name, name) == 0)
			return ine ? 0 : semantic(p, "duplicate foreign key name `%s`", name);
	bp_sch_fk *fk = bp_sch_add_fk(t, name);
	if (!fk)
		return nomem(p);
	fk->on_delete = r->on_delete;
	fk->on_update = r->on_update;
	fk->ref_table = bp_strdup0(r->table.name);
	fk->ref_db = bp_strdup0(qdb(p, &r->table));
	if (!fk->ref_table || (qdb(p, &r->table) && !fk->ref_db))
		return nomem(p);
	for (uint32_t k = 0; k < n; k++)
		if (bp_sch_fk_add_pair(fk, cols[k], r->n_cols ? r->cols[k] : ""))
			return nomem(p);
	return 0;
}

/* A foreign key after FOREIGN KEY: [IF NOT EXISTS] [name] (cols) REFERENCES ...
 * Named after the CONSTRAINT, else its own name, else as InnoDB does. */
static int fk_def(parser *p, bp_sch_table *t, const char *cname)
{
	bool ine = if_not_exists(p);
	char iname[NAME_CAP] = "";
	const char *cols[MAX_FK_COLUMNS];
	bp_sch_index parts = { 0 };
	fk_ref r = { .cap = MAX_FK_COLUMNS };
	int rc = -1;
	if (!is_op(&p->tok, BP_OP_LPAREN) && name(p, iname, "foreign key name or '('"))
		return -1;
	if (key_parts(p, t, &parts))
		goto out;
	if (parts.n_parts > MAX_FK_COLUMNS) {
		semantic(p, "more than %d columns in a foreign key", MAX_FK_COLUMNS);
		goto out;
	}
	for (uint32_t k = 0; k < parts.n_parts; k++)
		if (!(cols[k] = parts.parts[k].column)) {
			semantic(p, "foreign key on an expression");
			goto out;
		}
	if (!(r.cols = calloc(MAX_FK_COLUMNS, NAME_CAP))) {
		nomem(p);
		goto out;
	}
	if (references(p, &r) == 0)
		rc = add_fk(p, t, cname ? cname : iname[0] ? iname : NULL, cols, parts.n_parts, &r, ine);
out:
	for (uint32_t k = 0; k < parts.n_parts; k++) {
		free(parts.parts[k].column);
		free(parts.parts[k].expr);
	}
	free(parts.parts);
	free(r.cols);
	return rc;
}

/* Does some key of t start with the foreign key's columns (in order, whole)? */
static bool fk_covered(const bp_sch_table *t, const bp_sch_fk *fk)
{
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->n_parts < fk->n_columns || ix->kind == BP_IDX_FULLTEXT || ix->kind == BP_IDX_SPATIAL)
			continue;
		uint32_t k = 0;
		while (k < fk->n_columns && ix->parts[k].column && !ix->parts[k].prefix &&
		       strcasecmp(ix->parts[k].column, fk->columns[k]) == 0)
			k++;
		if (k == fk->n_columns)
			return true;
	}
	return false;
}

/* The key InnoDB needs for each new foreign key that no key covers: named
 * after the constraint, else after its first column (MariaDB's Key from
 * the FOREIGN KEY clause, dropped when another key starts with its columns). */
static int add_fk_keys(parser *p, bp_sch_table *t, uint32_t first_fk)
{
	for (uint32_t i = first_fk; i < t->n_fks; i++) {
		const bp_sch_fk *fk = &t->fks[i];
		if (fk_covered(t, fk) || !fk->n_columns)
			continue;
		bool generated = strstr(fk->name, "_ibfk_") != NULL;
		bp_sch_index *ix = bp_sch_add_index(t, "", BP_IDX_KEY);
		if (!ix)
			return nomem(p);
		for (uint32_t k = 0; k < fk->n_columns; k++)
			if (!bp_sch_add_keypart(ix, fk->columns[k]))
				return nomem(p);
		if (name_index(p, t, ix, generated ? fk->columns[0] : fk->name))
			return -1;
	}
	return 0;
}

/*
 * After PERIOD FOR: name (start, end), or SYSTEM_TIME (start, end). Kept for
 * the statement (finish_table makes the columns NOT NULL; WITHOUT OVERLAPS
 * keys take them, see key_parts).
 */
static int period_def(parser *p)
{
	struct period pd;
	if (accept(p, BP_KW_SYSTEM_TIME))
		snprintf(pd.name, sizeof(pd.name), "SYSTEM_TIME");
	else if (name(p, pd.name, "period name"))
		return -1;
	if (expect_op(p, BP_OP_LPAREN, "'('") || name(p, pd.start, "column name") ||
	    expect_op(p, BP_OP_COMMA, "','") || name(p, pd.end, "column name") || expect_op(p, BP_OP_RPAREN, "')'"))
		return -1;
	if (p->n_periods < sizeof(p->periods) / sizeof(p->periods[0]))
		p->periods[p->n_periods++] = pd;
	return 0;
}

/*
 * A table element after CONSTRAINT [name] or at a key keyword: PRIMARY KEY,
 * UNIQUE, KEY/INDEX, FULLTEXT, SPATIAL, FOREIGN KEY, CHECK. *matched false when
 * the current token starts none of them (a column definition).
 */
static int key_element(parser *p, bp_sch_table *t, bool alter, bool *matched)
{
	char cname[NAME_CAP];
	bool has_cname = false;
	*matched = true;
	if (accept(p, BP_KW_CONSTRAINT)) {
		if_not_exists(p);
		if (!is_kw(&p->tok, BP_KW_PRIMARY) && !is_kw(&p->tok, BP_KW_UNIQUE) && !is_kw(&p->tok, BP_KW_FOREIGN) &&
		    !is_kw(&p->tok, BP_KW_CHECK)) {
			if (name(p, cname, "constraint name"))
				return -1;
			has_cname = true;
		}
		if (!is_kw(&p->tok, BP_KW_PRIMARY) && !is_kw(&p->tok, BP_KW_UNIQUE) && !is_kw(&p->tok, BP_KW_FOREIGN) &&
		    !is_kw(&p->tok, BP_KW_CHECK))
			return syntax(p, "PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
	}
	const char *cn = has_cname ? cname : NULL;
	if (accept(p, BP_KW_PRIMARY)) {
		if (expect(p, BP_KW_KEY))
			return -1;
		return key_def(p, t, BP_IDX_PRIMARY, NULL, alter);
	}
	if (accept(p, BP_KW_UNIQUE)) {
		if (!accept(p, BP_KW_KEY))
			accept(p, BP_KW_INDEX);
		return key_def(p, t, BP_IDX_UNIQUE, cn, alter);
	}
	if (accept(p, BP_KW_KEY) || accept(p, BP_KW_INDEX))
		return key_def(p, t, BP_IDX_KEY, NULL, alter);
	if (is_kw(&p->tok, BP_KW_FULLTEXT) || is_kw(&p->tok, BP_KW_SPATIAL)) {
		bp_index_kind k = is_kw(&p->tok, BP_KW_FULLTEXT) ? BP_IDX_FULLTEXT : BP_IDX_SPATIAL;
		next(p);
		if (!accept(p, BP_KW_KEY))
			accept(p, BP_KW_INDEX);
		return key_def(p, t, k, NULL, alter);
	}
	if (accept(p, BP_KW_FOREIGN)) {
		if (expect(p, BP_KW_KEY))
			return -1;
		return fk_def(p, t, cn);
	}
	if (accept(p, BP_KW_CHECK))
		return check_clause(p);
	if (is_kw(&p->tok, BP_KW_PERIOD) && (is_kw(peek(p, 1), BP_KW_FOR) || is_kw(peek(p, 1), BP_KW_IF))) {
		next(p); /* PERIOD [IF NOT EXISTS] FOR name (s, e) */
		if_not_exists(p);
		if (expect(p, BP_KW_FOR))
			return -1;
		return period_def(p);
	}
	*matched = false;
	return 0;
}

/* Inline PRIMARY KEY / UNIQUE of column c become keys. */
static int inline_keys(parser *p, bp_sch_table *t, const char *col, const col_extra *x, bool alter)
{
	if (x->primary) {
		if (!alter && bp_sch_primary(t))
			return semantic(p, "multiple primary key defined");
		bp_sch_index *ix = bp_sch_add_index(t, NULL, BP_IDX_PRIMARY);
		if (!ix || !bp_sch_add_keypart(ix, col))
			return nomem(p);
	}
	if (x->ref) { /* MariaDB 10.5+: a column's REFERENCES is a foreign key of that column */
		const char *cols[1] = { col };
		if (add_fk(p, t, x->ref_name[0] ? x->ref_name : NULL, cols, 1, &x->ref_info, false))
			return -1;
	}
	if (x->unique && !x->primary) { /* KEY UNIQUE, SERIAL PRIMARY KEY: the primary key only */
		bp_sch_index *ix = bp_sch_add_index(t, "", BP_IDX_UNIQUE);
		if (!ix || !bp_sch_add_keypart(ix, col))
			return nomem(p);
		if (name_index(p, t, ix, col))
			return -1;
	}
	return 0;
}

/* Make column n of t NOT NULL (without the implicit DEFAULT NULL). */
static void not_null(bp_sch_table *t, const char *n)
{
	bp_sch_column *c = bp_sch_find_column(t, n, NULL);
	if (!c)
		return;
	c->nullable = false;
	if (c->default_value && strcmp(c->default_value, "NULL") == 0) {
		free(c->default_value);
		c->default_value = NULL;
	}
}

/* Does key ix have a part on column n? */
static bool key_has(const bp_sch_index *ix, const char *n)
{
	for (uint32_t k = 0; k < ix->n_parts; k++)
		if (ix->parts[k].column && strcasecmp(ix->parts[k].column, n) == 0)
			return true;
	return false;
}

/*
 * What MariaDB's server does to what the statement declared: a period's
 * columns are NOT NULL; a system-versioned table's ROW END column joins its
 * primary and unique keys; a prefix as long as the column is no prefix.
 */
static int server_key_rules(parser *p, bp_sch_table *t)
{
	for (unsigned i = 0; i < p->n_periods; i++) {
		not_null(t, p->periods[i].start);
		not_null(t, p->periods[i].end);
	}
	for (uint32_t i = 0; p->row_end[0] && i < t->n_indexes; i++) {
		bp_sch_index *ix = &t->indexes[i];
		if ((ix->kind == BP_IDX_PRIMARY || ix->kind == BP_IDX_UNIQUE) && !key_has(ix, p->row_end) &&
		    !bp_sch_add_keypart(ix, p->row_end))
			return nomem(p);
	}
	for (uint32_t i = 0; i < t->n_indexes; i++)
		for (uint32_t k = 0; k < t->indexes[i].n_parts; k++) {
			bp_sch_keypart *kp = &t->indexes[i].parts[k];
			const bp_sch_column *c = kp->column ? bp_sch_find_column(t, kp->column, NULL) : NULL;
			if (c && kp->prefix && kp->prefix == c->length && c->base &&
			    (!strcmp(c->base, "char") || !strcmp(c->base, "varchar") || !strcmp(c->base, "binary") ||
			     !strcmp(c->base, "varbinary")))
				kp->prefix = 0;
		}
	return 0;
}

/*
 * After a CREATE or ALTER: key parts name existing columns (their case),
 * PRIMARY KEY columns are NOT NULL (without the implicit DEFAULT NULL), and new
 * foreign keys have their keys.
 */
static int finish_table(parser *p, bp_sch_table *t, uint32_t first_fk)
{
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		bp_sch_index *ix = &t->indexes[i];
		for (uint32_t k = 0; k < ix->n_parts; k++) {
			bp_sch_keypart *kp = &ix->parts[k];
			if (!kp->column)
				continue;
			bp_sch_column *c = bp_sch_find_column(t, kp->column, NULL);
			if (!c)
				return semantic(p, "key column `%s` doesn't exist in table", kp->column);
			if (strcmp(c->name, kp->column) && set_owned(p, &kp->column, c->name, NULL))
				return -1;
			if (ix->kind == BP_IDX_PRIMARY) {
				c->nullable = false;
				if (c->default_value && strcmp(c->default_value, "NULL") == 0) {
					free(c->default_value);
					c->default_value = NULL;
				}
			}
		}
	}
	if (p->mariadb && server_key_rules(p, t))
		return -1;
	for (uint32_t i = first_fk; i < t->n_fks; i++)
		for (uint32_t k = 0; k < t->fks[i].n_columns; k++) {
			bp_sch_column *c = bp_sch_find_column(t, t->fks[i].columns[k], NULL);
			if (!c)
				return semantic(p, "foreign key column `%s` doesn't exist in table", t->fks[i].columns[k]);
			if (strcmp(c->name, t->fks[i].columns[k]) && set_owned(p, &t->fks[i].columns[k], c->name, NULL))
				return -1;
		}
	if (add_fk_keys(p, t, first_fk))
		return -1;
	/* only InnoDB keeps foreign keys (the key made for one stays) */
	if (t->engine && strcasecmp(t->engine, "InnoDB") && strncasecmp(t->engine, "ndb", 3))
		while (t->n_fks)
			bp_sch_remove_fk(t, t->n_fks - 1);
	return 0;
}

/* ---- table options and partitioning --------------------------------------------- */

/* Is the current token where CREATE TABLE's options stop (a SELECT, PARTITION BY)? */
static bool options_end(parser *p)
{
	const bp_token *t = &p->tok;
	return at_end(p) || is_kw(t, BP_KW_PARTITION) || is_kw(t, BP_KW_AS) || is_kw(t, BP_KW_SELECT) ||
	       is_kw(t, BP_KW_IGNORE) || is_kw(t, BP_KW_REPLACE) || is_op(t, BP_OP_LPAREN) || is_kw(t, BP_KW_VALUES) ||
	       is_kw(t, BP_KW_TABLE) || (is_kw(t, BP_KW_WITH) && !is_kw(peek(p, 1), BP_KW_SYSTEM));
}

/* The server's table options, whose '=' is optional (sql_yacc.yy create_table_option). */
static bool builtin_table_option(const bp_token *t)
{
	static const char *const words[] = {
		"AUTO_INCREMENT", "AUTOEXTEND_SIZE", "AVG_ROW_LENGTH", "CHECKSUM", "COMMENT", "COMPRESSION",
		"CONNECTION", "DELAY_KEY_WRITE", "ENCRYPTION", "ENGINE_ATTRIBUTE", "INSERT_METHOD", "KEY_BLOCK_SIZE",
		"MAX_ROWS", "MIN_ROWS", "PACK_KEYS", "PAGE_CHECKSUM", "PASSWORD", "ROW_FORMAT", "SECONDARY_ENGINE",
		"SECONDARY_ENGINE_ATTRIBUTE", "SEQUENCE", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES",
		"TABLE_CHECKSUM", "TRANSACTIONAL", "IETF_QUOTES",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is_word(t, words[i]))
			return true;
	return false;
}

/* One table option ([DEFAULT] name [=] value, and the odd ones); ENGINE is kept. */
static int table_option(parser *p, bp_sch_table *t)
{
	const bp_token *tk = &p->tok;
	char v[NAME_CAP];
	bool cs_matched;
	char *cs = NULL, *coll = NULL;
	accept(p, BP_KW_DEFAULT);
	int rc = charset_clause(p, &cs, &coll, &cs_matched);
	if ((cs && strcasecmp(cs, "binary") == 0) || (coll && strcasecmp(coll, "binary") == 0))
		snprintf(p->table_charset, sizeof(p->table_charset), "binary");
	if (cs)
		snprintf(p->table_cs, sizeof(p->table_cs), "%s", cs);
	free(cs);
	free(coll);
	if (rc || cs_matched)
		return rc;
	if (accept(p, BP_KW_ENGINE) || (is_kw(tk, BP_KW_TYPE) && (next(p), true))) {
		accept_op(p, BP_OP_EQ);
		size_t n;
		if (tk->type == BP_TK_STRING) {
			if (string_value(p, tk, &n))
				return -1;
			snprintf(v, sizeof(v), "%s", p->tmp.data);
		} else if (name_value(p, tk, v, "engine name")) {
			return -1;
		}
		next(p);
		return set_owned(p, &t->engine, v, NULL);
	}
	if ((is_kw(tk, BP_KW_DATA) || is_kw(tk, BP_KW_INDEX)) && is_kw(peek(p, 1), BP_KW_DIRECTORY)) {
		next(p), next(p);
		accept_op(p, BP_OP_EQ);
		return option_value(p);
	}
	if (accept(p, BP_KW_UNION)) { /* MERGE tables: UNION = (t1, t2) */
		const char *a, *b;
		accept_op(p, BP_OP_EQ);
		return paren_span(p, &a, &b);
	}
	if (accept(p, BP_KW_TABLESPACE)) {
		if (name(p, v, "tablespace name"))
			return -1;
		if (accept(p, BP_KW_STORAGE) && !accept(p, BP_KW_DISK) && !accept(p, BP_KW_MEMORY))
			return syntax(p, "DISK or MEMORY");
		return 0;
	}
	if (accept(p, BP_KW_STORAGE)) {
		if (!accept(p, BP_KW_DISK) && !accept(p, BP_KW_MEMORY) && !accept(p, BP_KW_DEFAULT))
			return syntax(p, "DISK or MEMORY");
		return 0;
	}
	if (is_kw(tk, BP_KW_WITH) && is_kw(peek(p, 1), BP_KW_SYSTEM)) {
		next(p), next(p);
		return expect(p, BP_KW_VERSIONING);
	}
	if (is_kw(tk, BP_KW_START) && is_kw(peek(p, 1), BP_KW_TRANSACTION)) { /* MySQL 8 atomic CTAS */
		next(p), next(p);
		return 0;
	}
	if (is_name_tok(tk)) { /* name [=] value; engine-defined options need the '=' */
		bool builtin = tk->type == BP_TK_IDENT && builtin_table_option(tk);
		next(p);
		if (!accept_op(p, BP_OP_EQ) && !builtin)
			return syntax(p, "'=' after an engine-defined table option");
		return option_value(p);
	}
	return syntax(p, "table option");
}

/* Table options up to a SELECT, PARTITION BY or the end. */
static int table_options(parser *p, bp_sch_table *t)
{
	while (!options_end(p)) {
		if (table_option(p, t))
			return -1;
		accept_op(p, BP_OP_COMMA);
	}
	return 0;
}

/* PARTITION BY ...: kept as a flag, the rest of the statement skipped. */
static void partition_clause(parser *p, bp_sch_table *t)
{
	t->partitioned = true;
	skip_rest(p);
}

/* ---- CREATE TABLE ---------------------------------------------------------------------- */

/* The definitions between the parentheses of CREATE TABLE. */
static int table_elements(parser *p, bp_sch_table *t)
{
	if (expect_op(p, BP_OP_LPAREN, "'('"))
		return -1;
	do {
		bool matched;
		if (key_element(p, t, false, &matched))
			return -1;
		if (matched)
			continue;
		bp_sch_column c;
		col_extra x;
		if (column_def(p, &c, &x))
			return -1;
		if (bp_sch_find_column(t, c.name, NULL)) {
			semantic(p, "duplicate column name `%s`", c.name);
			bp_sch_column_release(&c);
			return -1;
		}
		char n[NAME_CAP];
		snprintf(n, sizeof(n), "%s", c.name);
		if (insert_column(p, t, &c, t->n_columns)) {
			bp_sch_column_release(&c);
			return -1;
		}
		if (inline_keys(p, t, n, &x, false))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "',' or ')'");
}

/*
 * CREATE TABLE ... SELECT. The server names the new table's columns after the
 * SELECT's items: the alias, else the column's name, else the expression's
 * text as written. Those are taken when every item can be named for certain:
 * `*` and `t.*` of a single source table the model holds, column references,
 * and expressions with an alias or short enough to be their own name. Columns
 * taken from that single table keep their type, character set, nullability
 * and default (not AUTO_INCREMENT, keys or generation, as the server does);
 * COUNT(...) is bigint(21) NOT NULL; other expressions have no known type.
 */

/* one SELECT item */
typedef struct sel_item {
	enum { SEL_STAR, SEL_COLUMN, SEL_EXPR } kind;
	char qual[NAME_CAP];     /* t of t.* / t.col ("" if none) */
	char name[NAME_CAP];     /* the column's name: alias, column or expression text */
	char column[NAME_CAP];   /* SEL_COLUMN: the source column */
	bool count;              /* COUNT(...) */
} sel_item;

typedef struct sel_list {
	sel_item *v;
	size_t n, cap;
	bool unknown;            /* some item cannot be named */
} sel_list;

static sel_item *sel_add(parser *p, sel_list *l)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		sel_item *v = realloc(l->v, nc * sizeof(*v));
		if (!v) {
			nomem(p);
			return NULL;
		}
		l->v = v;
		l->cap = nc;
	}
	sel_item *it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

/* Is t where a SELECT item ends? */
static bool item_end(const bp_token *t)
{
	return is_op(t, BP_OP_COMMA) || is_kw(t, BP_KW_FROM) || t->type == BP_TK_EOF || t->type == BP_TK_DELIM ||
	       t->type == BP_TK_ERROR || is_op(t, BP_OP_RPAREN) || is_kw(t, BP_KW_INTO) || is_kw(t, BP_KW_UNION);
}

/* [AS] alias after an item: into it->name. */
static int item_alias(parser *p, sel_item *it)
{
	bool as = accept(p, BP_KW_AS);
	const bp_token *t = &p->tok;
	if (t->type == BP_TK_STRING) {
		size_t n;
		if (string_value(p, t, &n))
			return -1;
		if (n >= NAME_CAP || memchr(p->tmp.data, 0, n))
			return semantic(p, "alias too long");
		memcpy(it->name, p->tmp.data, n + 1);
		next(p);
		return 0;
	}
	if (t->type == BP_TK_QIDENT || (t->type == BP_TK_IDENT && !bp_kw_reserved(t->code)))
		return name(p, it->name, "alias");
	return as ? syntax(p, "alias") : 0;
}

/* A name that can be an alias without AS: quoted, or a word that is not reserved. */
static bool is_alias_tok(const bp_token *t)
{
	return t->type == BP_TK_QIDENT || t->type == BP_TK_STRING || (t->type == BP_TK_IDENT && !bp_kw_reserved(t->code));
}

/* Is the item at the current token a column reference name[.name[.name]] [[AS] alias]? */
static bool column_item(parser *p)
{
	unsigned k = 1;
	if (!is_name_tok(&p->tok))
		return false;
	while (k < 5 && is_op(peek(p, k), BP_OP_DOT) && is_name_tok(peek(p, k + 1)))
		k += 2;
	const bp_token *t = peek(p, k);
	if (item_end(t))
		return true;
	if (is_kw(t, BP_KW_AS))
		return is_alias_tok(peek(p, k + 1)) && item_end(peek(p, k + 2));
	return is_alias_tok(t) && item_end(peek(p, k + 1));
}

/* An expression item: up to the item's end, then [AS] alias or ") alias". */
static int expr_item(parser *p, sel_list *l, sel_item *it)
{
	const char *start = p->tok.start, *end = start, *first_close = NULL;
	bool count = is_word(&p->tok, "count") && is_op(peek(p, 1), BP_OP_LPAREN), interval = false;
	bp_tok_type prev = BP_TK_EOF; /* ')' and literals may be followed by an alias without AS */
	int depth = 0;
	it->kind = SEL_EXPR;
	while (!(depth == 0 && item_end(&p->tok))) {
		if (at_end(p))
			return syntax(p, "')'");
		if (depth == 0 && is_kw(&p->tok, BP_KW_AS))
			break;
		if (depth == 0 && !interval && prev != BP_TK_EOF && is_alias_tok(&p->tok) && p->tok.type != BP_TK_STRING &&
		    item_end(peek(p, 1)))
			break;
		interval |= depth == 0 && is_kw(&p->tok, BP_KW_INTERVAL); /* INTERVAL 1 DAY: DAY is no alias */
		if (is_op(&p->tok, BP_OP_LPAREN))
			depth++;
		else if (is_op(&p->tok, BP_OP_RPAREN) && --depth == 0 && !first_close)
			first_close = p->tok.start + 1;
		switch (p->tok.type) {
		case BP_TK_STRING: case BP_TK_NSTRING: case BP_TK_INTEGER: case BP_TK_DECIMAL: case BP_TK_FLOAT:
		case BP_TK_HEXNUM: case BP_TK_HEXSTR: case BP_TK_BITNUM: case BP_TK_BITSTR:
			prev = (bp_tok_type)p->tok.type;
			break;
		default:
			prev = is_op(&p->tok, BP_OP_RPAREN) ? BP_TK_OP : BP_TK_EOF;
			break;
		}
		next(p);
		end = p->prev_end;
	}
	it->count = count && first_close == end; /* COUNT(...) alone, not COUNT(x) + 1 */
	if (!item_end(&p->tok))
		return item_alias(p, it);
	size_t n = (size_t)(end - start);
	if (n == 0 || n >= 65 || memchr(start, '\n', n) || memmem(start, n, "/*", 2) || memmem(start, n, "--", 2) ||
	    memchr(start, '#', n) || memchr(start, '`', n))
		l->unknown = true; /* the server names it after its text: too unsure here */
	else
		memcpy(it->name, start, n), it->name[n] = 0;
	return 0;
}

/* One SELECT item. */
static int select_item(parser *p, sel_list *l)
{
	sel_item *it = sel_add(p, l);
	if (!it)
		return -1;
	if (accept_op(p, BP_OP_STAR)) {
		it->kind = SEL_STAR;
		return 0;
	}
	if (is_name_tok(&p->tok) && is_op(peek(p, 1), BP_OP_DOT) && is_op(peek(p, 2), BP_OP_STAR)) { /* t.* */
		it->kind = SEL_STAR;
		if (name(p, it->qual, "table name"))
			return -1;
		next(p), next(p);
		return 0;
	}
	if (!column_item(p))
		return expr_item(p, l, it);
	char part[3][NAME_CAP];
	unsigned np = 0;
	do {
		if (name(p, part[np++], "column name"))
			return -1;
	} while (np < 3 && accept_op(p, BP_OP_DOT));
	it->kind = SEL_COLUMN;
	memcpy(it->column, part[np - 1], NAME_CAP);
	memcpy(it->qual, np > 1 ? part[np - 2] : "", np > 1 ? NAME_CAP : 1);
	memcpy(it->name, it->column, NAME_CAP);
	return item_alias(p, it);
}

/* FROM t [[AS] a] and nothing else joined: *single set, the table and alias. */
static int select_from(parser *p, qname *src, char *alias, bool *single)
{
	*single = false;
	alias[0] = 0;
	if (!accept(p, BP_KW_FROM) || !is_name_tok(&p->tok))
		return 0;
	if (table_name(p, src))
		return -1;
	if (accept(p, BP_KW_AS) || (p->tok.type == BP_TK_QIDENT) ||
	    (p->tok.type == BP_TK_IDENT && !bp_kw_reserved(p->tok.code))) {
		if (name(p, alias, "table alias"))
			return -1;
	}
	const bp_token *t = &p->tok;
	*single = at_end(p) || is_kw(t, BP_KW_WHERE) || is_kw(t, BP_KW_GROUP) || is_kw(t, BP_KW_ORDER) ||
		  is_kw(t, BP_KW_LIMIT) || is_kw(t, BP_KW_HAVING) || is_kw(t, BP_KW_WINDOW) || is_kw(t, BP_KW_UNION) ||
		  is_kw(t, BP_KW_FOR) || is_kw(t, BP_KW_LOCK) || is_op(t, BP_OP_RPAREN) || is_kw(t, BP_KW_INTO);
	return 0;
}

/* Column c (fresh, named) as a copy of source column from (see above). */
static int copy_select_column(parser *p, bp_sch_column *c, const bp_sch_column *from)
{
	if (from->type && bp_sch_column_set_type(c, from->type) < 0 && !c->type)
		return nomem(p);
	if ((from->charset && set_owned(p, &c->charset, from->charset, NULL)) ||
	    (from->collation && set_owned(p, &c->collation, from->collation, NULL)))
		return -1;
	c->nullable = from->nullable;
	const char *def = from->auto_increment ? "0" : from->default_value;
	if (def && !from->generated && set_owned(p, &c->default_value, def, NULL))
		return -1;
	return 0;
}

/* Add one SELECT column named n (unless declared) to t; from: its source column or NULL. */
static int add_select_column(parser *p, bp_sch_table *t, const char *n, const bp_sch_column *from, bool count)
{
	if (bp_sch_find_column(t, n, NULL))
		return 0; /* declared: the declaration wins */
	bp_sch_column *c = bp_sch_add_column(t, n);
	if (!c)
		return nomem(p);
	if (from)
		return copy_select_column(p, c, from);
	if (count) {
		if (bp_sch_column_set_type(c, "bigint(21)") < 0 && !c->type)
			return nomem(p);
		c->nullable = false;
	}
	return 0;
}

/* The items of l as columns of t; false when some cannot be (c: the source table). */
static int select_items_to_columns(parser *p, bp_sch_table *t, const sel_list *l, const bp_sch_table *src,
				   const char *qual_ok1, const char *qual_ok2, bool *known)
{
	*known = false;
	for (size_t i = 0; i < l->n; i++) {
		const sel_item *it = &l->v[i];
		if (it->qual[0] && src && strcmp(it->qual, qual_ok1) && (!qual_ok2 || strcmp(it->qual, qual_ok2)))
			return 0; /* a qualifier that is not the source table */
		if (it->kind == SEL_STAR) {
			if (!src)
				return 0;
			for (uint32_t k = 0; k < src->n_columns; k++)
				if (!src->columns[k].invisible &&
				    add_select_column(p, t, src->columns[k].name, &src->columns[k], false))
					return -1;
		} else if (it->kind == SEL_COLUMN && src) {
			const bp_sch_column *c = bp_sch_find_column(src, it->column, NULL);
			if (!c)
				return 0;
			if (add_select_column(p, t, it->name, c, false))
				return -1;
		} else if (add_select_column(p, t, it->name, NULL, it->count)) {
			return -1;
		}
	}
	*known = true;
	return 0;
}

/* SELECT's options before the items (DISTINCT, SQL_NO_CACHE, ...). */
static void select_options(parser *p)
{
	static const char *const words[] = { "ALL", "DISTINCT", "DISTINCTROW", "HIGH_PRIORITY", "STRAIGHT_JOIN",
					     "SQL_SMALL_RESULT", "SQL_BIG_RESULT", "SQL_BUFFER_RESULT",
					     "SQL_CALC_FOUND_ROWS", "SQL_CACHE", "SQL_NO_CACHE" };
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is_word(&p->tok, words[i])) {
			next(p);
			i = (size_t)-1; /* again from the first */
		}
}

/* The SELECT after CREATE TABLE ... [IGNORE|REPLACE] [AS]: its columns into t when
 * known (see above); the rest of the statement is skipped. A SELECT this parser
 * does not follow is no error: its columns are not known. */
static int as_select(parser *p, bp_sch_table *t, bool declared)
{
	sel_list l = { 0 };
	qname src;
	char alias[NAME_CAP] = "";
	bool single = false, known = false;
	int rc = 0;
	memset(&src, 0, sizeof(src));
	if (!accept(p, BP_KW_IGNORE))
		accept(p, BP_KW_REPLACE);
	accept(p, BP_KW_AS);
	while (accept_op(p, BP_OP_LPAREN))
		;
	if (accept(p, BP_KW_SELECT)) {
		select_options(p);
		do
			rc = select_item(p, &l);
		while (rc == 0 && accept_op(p, BP_OP_COMMA));
		if (rc == 0)
			rc = select_from(p, &src, alias, &single);
	} else if (accept(p, BP_KW_TABLE)) { /* MySQL 8: TABLE t = SELECT * FROM t */
		sel_item *it = sel_add(p, &l);
		rc = it ? table_name(p, &src) : -1;
		single = rc == 0;
	} else {
		l.unknown = true; /* VALUES, WITH ...: not followed */
	}
	if (rc < 0 && p->err == ERR_SYNTAX) { /* not followed, as above */
		statement_reset(p);
		l.unknown = true;
		rc = 0;
	}
	uint32_t n_declared = t->n_columns;
	if (rc == 0 && !l.unknown) {
		const bp_sch_table *from = single ? bp_schema_lookup(p->s, qdb(p, &src), src.name) : NULL;
		for (size_t i = 0; i < l.n && !l.unknown; i++) /* the server refuses duplicate names */
			for (size_t k = i + 1; k < l.n; k++)
				if (l.v[i].kind != SEL_STAR && l.v[k].kind != SEL_STAR && strcasecmp(l.v[i].name, l.v[k].name) == 0)
					l.unknown = true;
		if (!l.unknown)
			rc = select_items_to_columns(p, t, &l, from, src.name, alias[0] ? alias : NULL, &known);
	}
	/* the rest; a UNION's later SELECTs may widen the types: names only */
	int depth = 0;
	bool set_op = false;
	while (rc == 0 && !at_end(p)) {
		if (is_op(&p->tok, BP_OP_LPAREN))
			depth++;
		else if (is_op(&p->tok, BP_OP_RPAREN))
			depth--;
		else if (depth <= 0 && (is_kw(&p->tok, BP_KW_UNION) || is_kw(&p->tok, BP_KW_EXCEPT) ||
					is_kw(&p->tok, BP_KW_INTERSECT)))
			set_op = true;
		next(p);
	}
	free(l.v);
	if (rc < 0)
		return -1;
	for (uint32_t i = n_declared; set_op && known && !l.unknown && i < t->n_columns; i++) {
		bp_sch_column *c = &t->columns[i];
		char *n = c->name;
		c->name = NULL;
		bp_sch_column_release(c);
		column_init(c);
		c->name = n;
	}
	if (!known || l.unknown) {
		while (t->n_columns > n_declared)
			bp_sch_remove_column(t, t->n_columns - 1);
		snprintf(p->warn, sizeof(p->warn), "CREATE TABLE %.64s ... SELECT: %s", t->name,
			 declared ? "only the declared columns are known, not the SELECT's"
				  : "the table's columns are not known");
	}
	return 0;
}

/* CREATE TABLE a LIKE b: a copy of b without its foreign keys. */
static int create_like(parser *p, const qname *q, bool paren)
{
	qname src;
	if (table_name(p, &src) || (paren && expect_op(p, BP_OP_RPAREN, "')'")) ||
	    clean_end(p, "the end of the statement"))
		return -1;
	const bp_sch_table *from = bp_schema_lookup(p->s, qdb(p, &src), src.name);
	if (!from) {
		snprintf(p->warn, sizeof(p->warn), "CREATE TABLE %.64s LIKE %.64s: %.64s is not in the schema model",
			 q->name, src.name, src.name);
		bp_schema_drop(p->s, qdb(p, q), q->name);
		return 0;
	}
	bp_sch_table *t = bp_sch_table_clone(from);
	if (!t)
		return nomem(p);
	free(t->db);
	free(t->name);
	t->db = bp_strdup0(qdb(p, q));
	t->name = bp_strdup0(q->name);
	while (t->n_fks)
		bp_sch_remove_fk(t, t->n_fks - 1);
	t->sources = p->src;
	t->stats = (bp_sch_stats){ 0 };
	for (uint32_t i = 0; i < t->n_indexes; i++)
		for (uint32_t k = 0; k < t->indexes[i].n_parts; k++)
			t->indexes[i].parts[k].cardinality = -1;
	if ((qdb(p, q) && !t->db) || !t->name || bp_schema_put(p->s, t)) {
		bp_sch_table_free(t);
		return nomem(p);
	}
	return 1;
}

/* CREATE [OR REPLACE] TABLE, after TABLE. */
static int create_table(parser *p)
{
	bool ine = if_not_exists(p);
	qname q;
	if (table_name(p, &q))
		return -1;
	if (ine && bp_schema_lookup(p->s, qdb(p, &q), q.name)) {
		skip_statement(p);
		return 0;
	}
	if (accept(p, BP_KW_LIKE))
		return create_like(p, &q, false);
	if (is_op(&p->tok, BP_OP_LPAREN) && is_kw(peek(p, 1), BP_KW_LIKE)) {
		next(p), next(p);
		return create_like(p, &q, true);
	}
	bp_sch_table *t = bp_sch_table_new(qdb(p, &q), q.name);
	if (!t)
		return nomem(p);
	t->sources = p->src;
	bool declared = false;
	int rc = 0;
	if (is_op(&p->tok, BP_OP_LPAREN) && !is_kw(peek(p, 1), BP_KW_SELECT) && !is_kw(peek(p, 1), BP_KW_WITH) &&
	    !is_kw(peek(p, 1), BP_KW_VALUES) && !is_op(peek(p, 1), BP_OP_LPAREN)) {
		declared = true;
		rc = table_elements(p, t);
	}
	if (rc == 0)
		rc = table_options(p, t);
	for (uint32_t i = 0; rc == 0 && p->mariadb && p->table_charset[0] && i < t->n_columns; i++)
		if (!t->columns[i].charset && !t->columns[i].collation)
			rc = binary_string_type(p, &t->columns[i], true); /* DEFAULT CHARSET=binary */
	if (rc == 0 && p->mariadb)
		key_length_limits(p, t);
	if (rc == 0 && accept(p, BP_KW_PARTITION)) {
		if (expect(p, BP_KW_BY))
			rc = -1;
		else
			partition_clause(p, t);
	}
	bool selected = rc == 0 && !at_end(p);
	if (selected)
		rc = as_select(p, t, declared);
	if (rc == 0 && !declared && !selected) {
		if (!t->engine) {
			rc = syntax(p, "'(' and the table's columns");
		} else { /* CONNECT and other engines that find the columns themselves */
			snprintf(p->warn, sizeof(p->warn), "CREATE TABLE %.64s without columns: they are not known",
				 t->name);
		}
	}
	if (rc == 0)
		rc = clean_end(p, "the end of the statement");
	if (rc == 0)
		rc = finish_table(p, t, 0);
	if (rc == 0 && bp_schema_put(p->s, t))
		rc = nomem(p);
	if (rc < 0) {
		bp_sch_table_free(t);
		return -1;
	}
	return 1;
}

/* ---- ALTER TABLE ----------------------------------------------------------------- */

static void wait_option(parser *p);

/*
 * The server resolves the operations of one ALTER TABLE against the table as
 * it was (sql_table.cc mysql_prepare_alter_table): DROP, CHANGE, MODIFY,
 * RENAME COLUMN and ALTER COLUMN name its old columns, DROP and RENAME INDEX
 * its old keys, and the old keys' parts follow their columns; ADD'ed keys
 * name the new columns. So "CHANGE a b ..., CHANGE b a ..." swaps two columns
 * and "ADD id ..., DROP COLUMN id" replaces one. The clone keeps, per column,
 * the original column it came from, and the original keys first (their parts
 * still naming original columns) until alter_finish maps them.
 */
typedef struct alter_ctx {
	const bp_sch_table *orig;  /* the model's table (not changed) */
	bp_sch_table *t;           /* its clone, changed */
	int32_t *from;             /* per column of t: its index in orig, -1 when added */
	uint32_t cap_from;
	uint32_t n_orig_ix;        /* t->indexes[0..n_orig_ix) come from orig */
	uint32_t n_orig_fks;       /* t->fks[0..n_orig_fks) come from orig */
	char (*ix_renames)[2][NAME_CAP]; /* RENAME INDEX a TO b, applied at the end */
	uint32_t n_ix_renames;
	struct col_move {          /* FIRST / AFTER x of ADD, CHANGE, MODIFY: applied at the end */
		char column[NAME_CAP], after[NAME_CAP]; /* after "": FIRST */
	} *moves;
	uint32_t n_moves;
	bool changed;
	bool renamed;              /* RENAME TO new_name */
	qname new_name;
	bool convert;              /* CONVERT PARTITION ... TO TABLE / CONVERT TABLE ... TO PARTITION */
	bool convert_to_table;
	qname convert_name;
} alter_ctx;

static int alter_ctx_init(parser *p, alter_ctx *a, const bp_sch_table *orig)
{
	memset(a, 0, sizeof(*a));
	a->orig = orig;
	if (!(a->t = bp_sch_table_clone(orig)))
		return nomem(p);
	a->cap_from = orig->n_columns + 8;
	if (!(a->from = malloc(a->cap_from * sizeof(int32_t))))
		return nomem(p);
	for (uint32_t i = 0; i < orig->n_columns; i++)
		a->from[i] = (int32_t)i;
	a->n_orig_ix = orig->n_indexes;
	a->n_orig_fks = orig->n_fks;
	return 0;
}

static void alter_ctx_release(alter_ctx *a)
{
	bp_sch_table_free(a->t);
	free(a->from);
	free(a->ix_renames);
	free(a->moves);
}

/* Insert column *c at pos (moved in), remembering where it came from. */
static int alter_insert_column(parser *p, alter_ctx *a, bp_sch_column *c, uint32_t pos, int32_t from)
{
	if (a->t->n_columns + 1 > a->cap_from) {
		uint32_t nc = a->cap_from * 2 + 8;
		int32_t *v = realloc(a->from, nc * sizeof(int32_t));
		if (!v)
			return nomem(p);
		a->from = v;
		a->cap_from = nc;
	}
	if (pos > a->t->n_columns)
		pos = a->t->n_columns;
	if (insert_column(p, a->t, c, pos))
		return -1;
	memmove(&a->from[pos + 1], &a->from[pos], (a->t->n_columns - 1 - pos) * sizeof(int32_t));
	a->from[pos] = from;
	return 0;
}

static void alter_remove_column(alter_ctx *a, uint32_t i)
{
	bp_sch_remove_column(a->t, i);
	memmove(&a->from[i], &a->from[i + 1], (a->t->n_columns - i) * sizeof(int32_t));
}

/* The column of the clone that the statement means by `name`: the one that
 * was the original column of that name, else a column added under it. */
static bool alter_find_column(const alter_ctx *a, const char *name, uint32_t *i)
{
	uint32_t o;
	if (bp_sch_find_column(a->orig, name, &o)) {
		for (uint32_t j = 0; j < a->t->n_columns; j++)
			if (a->from[j] == (int32_t)o) {
				*i = j;
				return true;
			}
		return false; /* dropped or changed away earlier in the statement */
	}
	for (uint32_t j = 0; j < a->t->n_columns; j++)
		if (a->from[j] < 0 && strcasecmp(a->t->columns[j].name, name) == 0) {
			*i = j;
			return true;
		}
	return false;
}

/* An original key by its original name: *i its index in the clone. */
static bool alter_find_orig_index(const alter_ctx *a, const char *name, uint32_t *i)
{
	for (uint32_t k = 0; k < a->n_orig_ix; k++)
		if (strcasecmp(a->t->indexes[k].name, name) == 0) {
			*i = k;
			return true;
		}
	return false;
}

static void alter_remove_index(alter_ctx *a, uint32_t i)
{
	bp_sch_remove_index(a->t, i);
	if (i < a->n_orig_ix)
		a->n_orig_ix--;
}

/*
 * FIRST | AFTER x after the definition of column col: recorded, and done by
 * alter_moves once every column has its new name, as the server places
 * columns after all changes (AFTER names a column of the new table).
 */
static int column_position(parser *p, alter_ctx *a, const char *col)
{
	char after[NAME_CAP] = "";
	if (!accept(p, BP_KW_FIRST)) {
		if (!accept(p, BP_KW_AFTER))
			return 0;
		if (name(p, after, "column name after AFTER"))
			return -1;
	}
	if (!col)
		return 0;
	void *v = realloc(a->moves, (a->n_moves + 1) * sizeof(*a->moves));
	if (!v)
		return nomem(p);
	a->moves = v;
	memcpy(a->moves[a->n_moves].column, col, NAME_CAP);
	memcpy(a->moves[a->n_moves].after, after, NAME_CAP);
	a->n_moves++;
	return 0;
}

/* The recorded FIRST / AFTER moves, in the statement's order. */
static int alter_moves(parser *p, alter_ctx *a)
{
	for (uint32_t m = 0; m < a->n_moves; m++) {
		uint32_t i, j, pos = 0;
		if (!bp_sch_find_column(a->t, a->moves[m].column, &i))
			return semantic(p, "unknown column `%s`", a->moves[m].column);
		bp_sch_column c = a->t->columns[i];
		int32_t from = a->from[i];
		/* take it out without freeing, then put it back where it goes */
		memmove(&a->t->columns[i], &a->t->columns[i + 1], (a->t->n_columns - i - 1) * sizeof(c));
		memmove(&a->from[i], &a->from[i + 1], (a->t->n_columns - i - 1) * sizeof(int32_t));
		a->t->n_columns--;
		if (a->moves[m].after[0]) {
			if (!bp_sch_find_column(a->t, a->moves[m].after, &j)) {
				semantic(p, "unknown column `%s` in AFTER", a->moves[m].after);
				pos = a->t->n_columns; /* keep the column: the table stays whole */
			} else {
				pos = j + 1;
			}
		}
		if (alter_insert_column(p, a, &c, pos, from)) {
			bp_sch_column_release(&c);
			return -1;
		}
		if (p->err)
			return -1;
	}
	return 0;
}

/* ADD [COLUMN] [IF NOT EXISTS] coldef [FIRST|AFTER x] (after IF NOT EXISTS when ine) */
static int alter_add_column(parser *p, alter_ctx *a, bool ine)
{
	bp_sch_column c;
	col_extra x;
	uint32_t pos = a->t->n_columns;
	if (column_def(p, &c, &x))
		return -1;
	if (ine && bp_sch_find_column(a->t, c.name, NULL)) {
		bp_sch_column_release(&c);
		return column_position(p, a, NULL);
	}
	char n[NAME_CAP];
	snprintf(n, sizeof(n), "%s", c.name);
	if (column_position(p, a, n) || alter_insert_column(p, a, &c, pos, -1)) {
		bp_sch_column_release(&c);
		return -1;
	}
	a->changed = true;
	return inline_keys(p, a->t, n, &x, true);
}

/* MODIFY [COLUMN] [IF EXISTS] coldef | CHANGE [COLUMN] [IF EXISTS] old coldef, [FIRST|AFTER x] */
static int alter_modify(parser *p, alter_ctx *a, bool change)
{
	bool ie = if_exists(p);
	char old[NAME_CAP];
	uint32_t i, pos;
	bp_token at = p->tok; /* errors about the old column point here */
	if (change ? name(p, old, "column name") : name_value(p, &p->tok, old, "column definition"))
		return -1;
	bp_sch_column c;
	col_extra x;
	if (column_def(p, &c, &x))
		return -1;
	if (!alter_find_column(a, old, &i)) {
		bp_sch_column_release(&c);
		if (column_position(p, a, NULL))
			return -1;
		return ie ? 0 : semantic_at(p, &at, "unknown column `%s`", old);
	}
	char n[NAME_CAP];
	snprintf(n, sizeof(n), "%s", c.name);
	int32_t from = a->from[i];
	alter_remove_column(a, i);
	pos = i;
	if (column_position(p, a, n) || alter_insert_column(p, a, &c, pos, from)) {
		bp_sch_column_release(&c);
		return -1;
	}
	a->changed = true;
	return inline_keys(p, a->t, n, &x, true);
}

/* DROP [COLUMN] [IF EXISTS] x [RESTRICT|CASCADE] */
static int alter_drop_column(parser *p, alter_ctx *a)
{
	bool ie = if_exists(p);
	char n[NAME_CAP];
	uint32_t i;
	if (name_value(p, &p->tok, n, "column name"))
		return -1;
	if (!alter_find_column(a, n, &i) && !ie)
		return semantic(p, "unknown column `%s`", n);
	next(p);
	if (!accept(p, BP_KW_RESTRICT))
		accept(p, BP_KW_CASCADE);
	if (ie && !alter_find_column(a, n, &i))
		return 0;
	alter_remove_column(a, i);
	a->changed = true;
	return 0;
}

/* DROP INDEX|KEY [IF EXISTS] x (an original key), DROP PRIMARY KEY */
static int alter_drop_index(parser *p, alter_ctx *a, const char *n, bool ie)
{
	uint32_t i;
	if (!alter_find_orig_index(a, n, &i))
		return ie ? 0 : semantic(p, "can't drop index `%s`: it does not exist", n);
	alter_remove_index(a, i);
	a->changed = true;
	return 0;
}

/* DROP FOREIGN KEY / CONSTRAINT / CHECK [IF EXISTS] x */
static int alter_drop_constraint(parser *p, alter_ctx *a, bool fk_only, bool check_only)
{
	bool ie = if_exists(p);
	char n[NAME_CAP];
	if (!fk_only && !check_only && is_kw(&p->tok, BP_KW_PRIMARY) && is_kw(peek(p, 1), BP_KW_KEY)) {
		next(p), next(p); /* DROP CONSTRAINT PRIMARY KEY */
		return alter_drop_index(p, a, "PRIMARY", ie);
	}
	if (name(p, n, "constraint name"))
		return -1;
	if (check_only)
		return 0;
	for (uint32_t i = 0; i < a->t->n_fks; i++)
		if (strcasecmp(a->t->fks[i].name, n) == 0) {
			bp_sch_remove_fk(a->t, i);
			if (i < a->n_orig_fks)
				a->n_orig_fks--;
			a->changed = true;
			return 0;
		}
	if (fk_only)
		return ie ? 0 : semantic(p, "can't drop foreign key `%s`: it does not exist", n);
	/* DROP CONSTRAINT: a CHECK (not modelled), or a UNIQUE key (MySQL 8.0.19+) */
	uint32_t i;
	if (alter_find_orig_index(a, n, &i) && a->t->indexes[i].kind == BP_IDX_UNIQUE) {
		alter_remove_index(a, i);
		a->changed = true;
	}
	return 0;
}

static int alter_drop(parser *p, alter_ctx *a)
{
	char n[NAME_CAP];
	if (is_kw(&p->tok, BP_KW_PRIMARY)) {
		next(p);
		if (expect(p, BP_KW_KEY))
			return -1;
		return alter_drop_index(p, a, "PRIMARY", false);
	}
	if (accept(p, BP_KW_INDEX) || accept(p, BP_KW_KEY)) {
		bool ie = if_exists(p);
		if (name(p, n, "index name"))
			return -1;
		return alter_drop_index(p, a, n, ie);
	}
	if (is_kw(&p->tok, BP_KW_FOREIGN)) {
		next(p);
		if (expect(p, BP_KW_KEY))
			return -1;
		return alter_drop_constraint(p, a, true, false);
	}
	if (accept(p, BP_KW_CONSTRAINT))
		return alter_drop_constraint(p, a, false, false);
	if (accept(p, BP_KW_CHECK))
		return alter_drop_constraint(p, a, false, true);
	if (is_kw(&p->tok, BP_KW_PARTITION)) {
		skip_rest(p);
		return 0;
	}
	if (is_kw(&p->tok, BP_KW_SYSTEM) && is_kw(peek(p, 1), BP_KW_VERSIONING)) {
		next(p), next(p);
		return 0;
	}
	if (is_kw(&p->tok, BP_KW_PERIOD) && (is_kw(peek(p, 1), BP_KW_FOR) || is_kw(peek(p, 1), BP_KW_IF))) {
		next(p); /* DROP PERIOD [IF EXISTS] FOR name */
		if_exists(p);
		if (expect(p, BP_KW_FOR))
			return -1;
		return accept(p, BP_KW_SYSTEM_TIME) ? 0 : name(p, n, "period name");
	}
	accept(p, BP_KW_COLUMN);
	return alter_drop_column(p, a);
}

static int alter_add(parser *p, alter_ctx *a)
{
	bool matched;
	if (is_kw(&p->tok, BP_KW_PARTITION)) {
		skip_rest(p);
		return 0;
	}
	if (is_kw(&p->tok, BP_KW_SYSTEM) && is_kw(peek(p, 1), BP_KW_VERSIONING)) {
		next(p), next(p);
		return 0;
	}
	uint32_t n_ix = a->t->n_indexes, n_fk = a->t->n_fks;
	if (key_element(p, a->t, true, &matched))
		return -1;
	if (matched) { /* a CHECK, or a key that IF NOT EXISTS skipped, changes nothing */
		a->changed |= a->t->n_indexes != n_ix || a->t->n_fks != n_fk;
		return 0;
	}
	accept(p, BP_KW_COLUMN);
	bool ine = if_not_exists(p);
	if (!accept_op(p, BP_OP_LPAREN))
		return alter_add_column(p, a, ine);
	do { /* ADD (coldef | key, ...) */
		if (key_element(p, a->t, true, &matched))
			return -1;
		if (!matched && alter_add_column(p, a, ine))
			return -1;
		a->changed = true;
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "',' or ')'");
}

/* ALTER INDEX|KEY [IF EXISTS] x [NOT] IGNORED | VISIBLE | INVISIBLE */
static int alter_alter_index(parser *p, alter_ctx *a)
{
	char n[NAME_CAP];
	uint32_t i;
	bool ie = if_exists(p), found;
	if (name_value(p, &p->tok, n, "index name"))
		return -1;
	if (!(found = alter_find_orig_index(a, n, &i)) && !ie)
		return semantic(p, "unknown index `%s`", n);
	next(p);
	bool inv;
	if (accept(p, BP_KW_VISIBLE))
		inv = false;
	else if (accept(p, BP_KW_INVISIBLE) || accept(p, BP_KW_IGNORED))
		inv = true;
	else if (accept(p, BP_KW_NOT) && expect(p, BP_KW_IGNORED) == 0)
		inv = false;
	else
		return syntax(p, "VISIBLE, INVISIBLE, IGNORED or NOT IGNORED");
	if (found) {
		a->t->indexes[i].invisible = inv;
		a->changed = true;
	}
	return 0;
}

/* ALTER [COLUMN] [IF EXISTS] x SET DEFAULT v | DROP DEFAULT | SET [IN]VISIBLE; ALTER INDEX ...;
 * ALTER CHECK|CONSTRAINT x [NOT] ENFORCED */
static int alter_alter(parser *p, alter_ctx *a)
{
	char n[NAME_CAP];
	if (accept(p, BP_KW_INDEX) || accept(p, BP_KW_KEY))
		return alter_alter_index(p, a);
	if (accept(p, BP_KW_CHECK) || accept(p, BP_KW_CONSTRAINT)) {
		if (name(p, n, "constraint name"))
			return -1;
		accept(p, BP_KW_NOT);
		return expect(p, BP_KW_ENFORCED);
	}
	accept(p, BP_KW_COLUMN);
	bool ie = if_exists(p);
	uint32_t i;
	if (name_value(p, &p->tok, n, "column name"))
		return -1;
	bool found = alter_find_column(a, n, &i);
	if (!found && !ie)
		return semantic(p, "unknown column `%s`", n);
	next(p);
	bp_sch_column dummy;
	column_init(&dummy);
	bp_sch_column *c = found ? &a->t->columns[i] : &dummy;
	int rc = 0;
	if (accept(p, BP_KW_SET)) {
		if (accept(p, BP_KW_DEFAULT))
			rc = default_value(p, c);
		else if (accept(p, BP_KW_VISIBLE))
			c->invisible = false;
		else if (accept(p, BP_KW_INVISIBLE))
			c->invisible = true;
		else
			rc = syntax(p, "DEFAULT, VISIBLE or INVISIBLE");
	} else if (accept(p, BP_KW_DROP)) {
		if ((rc = expect(p, BP_KW_DEFAULT)) == 0) {
			free(c->default_value);
			c->default_value = NULL;
		}
	} else {
		rc = syntax(p, "SET or DROP");
	}
	bp_sch_column_release(&dummy);
	if (rc == 0 && found)
		a->changed = true;
	return rc;
}

/* RENAME COLUMN [IF EXISTS] a TO b */
static int alter_rename_column(parser *p, alter_ctx *a)
{
	char from[NAME_CAP], to[NAME_CAP];
	uint32_t i;
	bool ie = if_exists(p), found;
	if (name_value(p, &p->tok, from, "column name"))
		return -1;
	if (!(found = alter_find_column(a, from, &i)) && !ie)
		return semantic(p, "unknown column `%s`", from);
	next(p);
	if (expect(p, BP_KW_TO) || name(p, to, "new column name"))
		return -1;
	if (!found)
		return 0;
	a->changed = true;
	return set_owned(p, &a->t->columns[i].name, to, NULL);
}

/* RENAME INDEX|KEY [IF EXISTS] a TO b: applied at the end (later operations
 * still name the key a) */
static int alter_rename_index(parser *p, alter_ctx *a)
{
	char from[NAME_CAP], to[NAME_CAP];
	uint32_t i;
	bool ie = if_exists(p), found;
	if (name_value(p, &p->tok, from, "index name"))
		return -1;
	if (!(found = alter_find_orig_index(a, from, &i)) && !ie)
		return semantic(p, "unknown index `%s`", from);
	next(p);
	if (expect(p, BP_KW_TO) || name(p, to, "new index name"))
		return -1;
	if (!found)
		return 0;
	void *v = realloc(a->ix_renames, (a->n_ix_renames + 1) * sizeof(*a->ix_renames));
	if (!v)
		return nomem(p);
	a->ix_renames = v;
	memcpy(a->ix_renames[a->n_ix_renames][0], from, NAME_CAP);
	memcpy(a->ix_renames[a->n_ix_renames][1], to, NAME_CAP);
	a->n_ix_renames++;
	a->changed = true;
	return 0;
}

/* RENAME [TO|AS] name | RENAME COLUMN ... | RENAME INDEX|KEY ... */
static int alter_rename(parser *p, alter_ctx *a)
{
	if (accept(p, BP_KW_COLUMN))
		return alter_rename_column(p, a);
	if (accept(p, BP_KW_INDEX) || accept(p, BP_KW_KEY))
		return alter_rename_index(p, a);
	if (!accept(p, BP_KW_TO))
		accept(p, BP_KW_AS);
	if (table_name(p, &a->new_name))
		return -1;
	a->renamed = a->changed = true;
	return 0;
}

/* Is a column of this type text a character string (CONVERT TO changes it)? */
static bool is_text_column(const bp_sch_column *c)
{
	static const char *const words[] = { "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" };
	if (!c->base || (c->charset && strcmp(c->charset, "binary") == 0))
		return false;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(c->base, words[i]) == 0)
			return true;
	return false;
}

/* CONVERT TO CHARACTER SET x [COLLATE y]: every character column's set. */
static int alter_convert_charset(parser *p, alter_ctx *a)
{
	char *cs = NULL, *coll = NULL;
	bool matched, m2;
	int rc = charset_clause(p, &cs, &coll, &matched);
	if (rc == 0 && (!matched || !cs))
		rc = syntax(p, "CHARACTER SET");
	if (rc == 0)
		rc = charset_clause(p, &cs, &coll, &m2);
	for (uint32_t i = 0; rc == 0 && i < a->t->n_columns; i++) {
		bp_sch_column *c = &a->t->columns[i];
		if (!is_text_column(c))
			continue;
		free(c->collation);
		c->collation = NULL;
		if (strcasecmp(cs, "default") == 0) { /* CONVERT TO CHARACTER SET DEFAULT: the database's */
			free(c->charset);
			c->charset = NULL;
			continue;
		}
		rc = set_owned(p, &c->charset, cs, NULL);
		if (rc == 0 && coll)
			rc = set_owned(p, &c->collation, coll, NULL);
	}
	free(cs);
	free(coll);
	a->changed = true;
	return rc;
}

/*
 * MariaDB 10.7+: CONVERT PARTITION p TO TABLE t (a new table shaped like this
 * one, not partitioned) and CONVERT TABLE t TO PARTITION ... (t becomes a
 * partition: it leaves the model). Done when the whole statement parsed.
 */
static int alter_convert_partition(parser *p, alter_ctx *a, bool to_table)
{
	char n[NAME_CAP];
	qname q;
	if (to_table) {
		if (name(p, n, "partition name") || expect(p, BP_KW_TO) || expect(p, BP_KW_TABLE))
			return -1;
	}
	if_not_exists(p);
	if (table_name(p, &q))
		return -1;
	skip_rest(p);
	a->convert = true;
	a->convert_to_table = to_table;
	a->convert_name = q;
	return 0;
}

static int alter_convert(parser *p, alter_ctx *a)
{
	if (accept(p, BP_KW_PARTITION))
		return alter_convert_partition(p, a, true);
	if (accept(p, BP_KW_TABLE))
		return alter_convert_partition(p, a, false);
	if (expect(p, BP_KW_TO))
		return -1;
	return alter_convert_charset(p, a);
}

/* Partition maintenance (ANALYZE/CHECK/... PARTITION, COALESCE ...): to the end. */
static bool partition_op(parser *p)
{
	const bp_token *t = &p->tok;
	static const bp_keyword first[] = { BP_KW_ANALYZE, BP_KW_CHECK, BP_KW_OPTIMIZE, BP_KW_REBUILD, BP_KW_REPAIR,
					    BP_KW_TRUNCATE, BP_KW_COALESCE, BP_KW_REORGANIZE, BP_KW_EXCHANGE,
					    BP_KW_DISCARD, BP_KW_IMPORT };
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		if (is_kw(t, first[i])) {
			skip_rest(p);
			return true;
		}
	return false;
}

/* A table option in ALTER TABLE (ENGINE= changes the model). */
static int alter_table_option(parser *p, alter_ctx *a)
{
	char *old = bp_strdup0(a->t->engine);
	if (a->t->engine && !old)
		return nomem(p);
	int rc = table_option(p, a->t);
	if (rc == 0 && (old ? !a->t->engine || strcmp(old, a->t->engine) : a->t->engine != NULL))
		a->changed = true;
	free(old);
	return rc;
}

/* One ALTER TABLE operation. */
static int alter_op(parser *p, alter_ctx *a)
{
	const bp_token *t = &p->tok;
	if (accept(p, BP_KW_ADD))
		return alter_add(p, a);
	if (accept(p, BP_KW_DROP))
		return alter_drop(p, a);
	if (accept(p, BP_KW_MODIFY)) {
		accept(p, BP_KW_COLUMN);
		return alter_modify(p, a, false);
	}
	if (accept(p, BP_KW_CHANGE)) {
		accept(p, BP_KW_COLUMN);
		return alter_modify(p, a, true);
	}
	if (accept(p, BP_KW_ALTER))
		return alter_alter(p, a);
	if (accept(p, BP_KW_RENAME))
		return alter_rename(p, a);
	if (accept(p, BP_KW_CONVERT))
		return alter_convert(p, a);
	if (is_kw(t, BP_KW_ORDER) && is_kw(peek(p, 1), BP_KW_BY)) {
		skip_rest(p); /* ORDER BY a, b: its commas are its own, so it comes last */
		return 0;
	}
	if ((is_kw(t, BP_KW_DISABLE) || is_kw(t, BP_KW_ENABLE)) && is_kw(peek(p, 1), BP_KW_KEYS)) {
		next(p), next(p);
		return 0;
	}
	if (accept(p, BP_KW_FORCE))
		return 0;
	if (accept(p, BP_KW_ALGORITHM) || accept(p, BP_KW_LOCK)) {
		accept_op(p, BP_OP_EQ);
		return option_value(p);
	}
	if ((is_kw(t, BP_KW_WITH) || is_kw(t, BP_KW_WITHOUT)) && is_kw(peek(p, 1), BP_KW_VALIDATION)) {
		next(p), next(p);
		return 0;
	}
	if (is_kw(t, BP_KW_PARTITION) && is_kw(peek(p, 1), BP_KW_BY)) {
		partition_clause(p, a->t);
		a->changed = true;
		return 0;
	}
	if (is_kw(t, BP_KW_REMOVE) && is_kw(peek(p, 1), BP_KW_PARTITIONING)) {
		next(p), next(p);
		a->t->partitioned = false;
		a->changed = true;
		return 0;
	}
	if (partition_op(p))
		return 0;
	if (is_name_tok(t) && !is_kw(t, BP_KW_SELECT))
		return alter_table_option(p, a);
	return syntax(p, "ALTER TABLE operation");
}

/* Map the original keys' and foreign keys' columns to the new table (parts of
 * dropped columns go, keys left without parts go), then apply RENAME INDEX. */
static int alter_map_keys(parser *p, alter_ctx *a)
{
	bp_sch_table *t = a->t;
	for (uint32_t i = a->n_orig_ix; i-- > 0;) {
		bp_sch_index *ix = &t->indexes[i];
		for (uint32_t k = ix->n_parts; k-- > 0;) {
			bp_sch_keypart *kp = &ix->parts[k];
			uint32_t j;
			if (!kp->column)
				continue;
			if (alter_find_column(a, kp->column, &j)) {
				if (set_owned(p, &kp->column, t->columns[j].name, NULL))
					return -1;
				continue;
			}
			free(kp->column);
			free(kp->expr);
			memmove(kp, kp + 1, (ix->n_parts - k - 1) * sizeof(*kp));
			ix->n_parts--;
		}
		if (ix->n_parts == 0)
			alter_remove_index(a, i);
	}
	for (uint32_t i = a->n_orig_fks; i-- > 0;) {
		bp_sch_fk *fk = &t->fks[i];
		for (uint32_t k = 0; k < fk->n_columns; k++) {
			uint32_t j;
			if (!alter_find_column(a, fk->columns[k], &j)) {
				bp_sch_remove_fk(t, i); /* the server refuses; the model follows the column */
				break;
			}
			if (set_owned(p, &fk->columns[k], t->columns[j].name, NULL))
				return -1;
		}
	}
	for (uint32_t r = 0; r < a->n_ix_renames; r++) {
		uint32_t i;
		if (alter_find_orig_index(a, a->ix_renames[r][0], &i) &&
		    set_owned(p, &t->indexes[i].name, a->ix_renames[r][1], NULL))
			return -1;
	}
	return 0;
}

/* The new table's names must be unique, with one primary key at most. */
static int alter_check_names(parser *p, const bp_sch_table *t)
{
	for (uint32_t i = 0; i < t->n_columns; i++)
		for (uint32_t k = i + 1; k < t->n_columns; k++)
			if (strcasecmp(t->columns[i].name, t->columns[k].name) == 0)
				return semantic(p, "duplicate column name `%s`", t->columns[k].name);
	bool pk = false;
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		if (t->indexes[i].kind == BP_IDX_PRIMARY) {
			if (pk)
				return semantic(p, "multiple primary key defined");
			pk = true;
			continue;
		}
		for (uint32_t k = i + 1; k < t->n_indexes; k++)
			if (strcasecmp(t->indexes[i].name, t->indexes[k].name) == 0)
				return semantic(p, "duplicate key name `%s`", t->indexes[k].name);
	}
	return 0;
}

/* Swap the changed clone into the model (under its new name after RENAME TO). */
static int alter_commit(parser *p, alter_ctx *a, const qname *q)
{
	bp_sch_table *t = a->t;
	t->sources |= p->src;
	if (a->renamed) {
		const char *ndb = qdb(p, &a->new_name);
		char *d = bp_strdup0(ndb), *n = bp_strdup0(a->new_name.name);
		if ((ndb && !d) || !n) {
			free(d);
			free(n);
			return nomem(p);
		}
		free(t->db);
		free(t->name);
		t->db = d;
		t->name = n;
		bp_schema_drop(p->s, qdb(p, q), q->name);
	}
	if (bp_schema_put(p->s, t))
		return nomem(p);
	a->t = NULL; /* the schema owns it */
	return 0;
}

/* CONVERT PARTITION p TO TABLE t / CONVERT TABLE t TO PARTITION p: the other table. */
static int alter_commit_convert(parser *p, alter_ctx *a)
{
	const char *db = qdb(p, &a->convert_name);
	if (!a->convert_to_table) {
		bp_schema_drop(p->s, db, a->convert_name.name);
		return 0;
	}
	bp_sch_table *t = bp_sch_table_clone(a->t);
	if (!t)
		return nomem(p);
	free(t->db);
	free(t->name);
	t->db = bp_strdup0(db);
	t->name = bp_strdup0(a->convert_name.name);
	t->partitioned = false;
	t->sources = p->src;
	if ((db && !t->db) || !t->name || bp_schema_put(p->s, t)) {
		bp_sch_table_free(t);
		return nomem(p);
	}
	return 0;
}

/* ALTER [ONLINE] [IGNORE] TABLE, after TABLE. */
static int alter_table(parser *p)
{
	qname q;
	bool ie = if_exists(p);
	if (table_name(p, &q))
		return -1;
	wait_option(p);
	bp_sch_table *orig = bp_schema_lookup(p->s, qdb(p, &q), q.name);
	if (!orig) {
		snprintf(p->warn, sizeof(p->warn), "ALTER TABLE %.64s: the table is not in the schema model", q.name);
		if (!p->log && !ie)
			semantic(p, "ALTER TABLE of unknown table `%s`", q.name);
		skip_statement(p);
		return p->err ? -1 : 0;
	}
	alter_ctx a;
	int rc = alter_ctx_init(p, &a, orig);
	while (rc == 0 && !at_end(p)) {
		rc = alter_op(p, &a);
		/* options may follow each other without commas: ENGINE=x ROW_FORMAT=y */
		if (rc == 0 && !at_end(p) && !accept_op(p, BP_OP_COMMA) && !is_name_tok(&p->tok))
			rc = syntax(p, "',' or the end of the statement");
	}
	if (rc == 0)
		rc = clean_end(p, "the end of the statement");
	if (rc == 0 && a.changed) {
		rc = alter_moves(p, &a);
		if (rc == 0)
			rc = alter_map_keys(p, &a);
		if (rc == 0)
			rc = alter_check_names(p, a.t);
		if (rc == 0)
			rc = finish_table(p, a.t, a.n_orig_fks);
	}
	if (rc == 0 && a.convert)
		rc = alter_commit_convert(p, &a);
	if (rc == 0 && a.changed)
		rc = alter_commit(p, &a, &q);
	bool changed = a.changed || a.convert;
	alter_ctx_release(&a);
	return rc < 0 ? -1 : changed ? 1 : 0;
}

/* ---- DROP, RENAME, TRUNCATE, indexes, databases ----------------------------------- */

/* WAIT n | NOWAIT after a table name (MariaDB) */
static void wait_option(parser *p)
{
	if (accept(p, BP_KW_NOWAIT))
		return;
	if (is_kw(&p->tok, BP_KW_WAIT) && peek(p, 1)->type == BP_TK_INTEGER)
		next(p), next(p);
}

/* A list of table names (DROP TABLE a, b / RENAME TABLE a TO b, c TO d),
 * read whole before the model changes. */
typedef struct name_list {
	qname *v;
	size_t n;
} name_list;

static int name_list_add(parser *p, name_list *l)
{
	qname *v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		return nomem(p);
	l->v = v;
	return table_name(p, &l->v[l->n++]);
}

/* DROP [TEMPORARY] TABLE [IF EXISTS] a, b [RESTRICT|CASCADE], after TABLE(S). */
static int drop_tables(parser *p, bool temporary)
{
	name_list l = { 0 };
	int rc = 0, changed = 0;
	if_exists(p);
	do
		rc = name_list_add(p, &l);
	while (rc == 0 && accept_op(p, BP_OP_COMMA));
	if (rc == 0) {
		wait_option(p);
		if (!accept(p, BP_KW_RESTRICT))
			accept(p, BP_KW_CASCADE);
		rc = clean_end(p, "the end of the statement");
	}
	for (size_t i = 0; rc == 0 && !temporary && i < l.n; i++)
		if (bp_schema_drop(p->s, qdb(p, &l.v[i]), l.v[i].name) == 0)
			changed = 1;
	free(l.v);
	return rc < 0 ? -1 : changed;
}

/* RENAME TABLE[S] [IF EXISTS] a TO b, c TO d, after TABLE, in order (a swap
 * through a third name works). */
static int rename_tables(parser *p)
{
	name_list l = { 0 };
	int rc = 0, changed = 0;
	if_exists(p);
	do {
		rc = name_list_add(p, &l);
		if (rc == 0)
			wait_option(p);
		if (rc == 0 && (rc = expect(p, BP_KW_TO)) == 0)
			rc = name_list_add(p, &l);
	} while (rc == 0 && accept_op(p, BP_OP_COMMA));
	if (rc == 0)
		rc = clean_end(p, "',' or the end of the statement");
	for (size_t i = 0; rc == 0 && i + 1 < l.n; i += 2) {
		const qname *a = &l.v[i], *b = &l.v[i + 1];
		if (bp_schema_lookup(p->s, qdb(p, a), a->name)) {
			if (bp_schema_rename(p->s, qdb(p, a), a->name, qdb(p, b), b->name))
				rc = nomem(p);
			changed = 1;
		} else if (bp_schema_drop(p->s, qdb(p, b), b->name) == 0) {
			changed = 1; /* b is now a table the model does not know */
		}
	}
	free(l.v);
	return rc < 0 ? -1 : changed;
}

/* TRUNCATE [TABLE] t [WAIT n|NOWAIT] [DROP|REUSE STORAGE]: no change to the model. */
static int truncate_table(parser *p)
{
	qname q;
	if (is_op(&p->tok, BP_OP_LPAREN)) { /* not a statement: the TRUNCATE() function */
		skip_statement(p);
		return 0;
	}
	accept(p, BP_KW_TABLE);
	if (table_name(p, &q))
		return -1;
	wait_option(p);
	if ((is_kw(&p->tok, BP_KW_DROP) || is_word(&p->tok, "REUSE")) && is_kw(peek(p, 1), BP_KW_STORAGE))
		next(p), next(p); /* Oracle mode */
	return at_end(p) ? 0 : syntax(p, "the end of the statement");
}

/* After an index statement's ON t (...) / ON t: ALGORITHM=, LOCK= */
static int index_tail(parser *p)
{
	while (!at_end(p)) {
		if (accept(p, BP_KW_ALGORITHM) || accept(p, BP_KW_LOCK)) {
			accept_op(p, BP_OP_EQ);
			if (option_value(p))
				return -1;
		} else {
			wait_option(p);
			if (!at_end(p))
				return syntax(p, "the end of the statement");
		}
	}
	return 0;
}

/* CREATE [OR REPLACE] [UNIQUE|FULLTEXT|SPATIAL] INDEX [IF NOT EXISTS] i [USING x] ON t (...) [options] */
static int create_index(parser *p, bp_index_kind kind, bool or_replace)
{
	bool ine = if_not_exists(p);
	char n[NAME_CAP];
	qname q;
	if (name(p, n, "index name"))
		return -1;
	bp_sch_index dummy = { 0 };
	if (index_options(p, &dummy) || expect(p, BP_KW_ON) || table_name(p, &q))
		return -1;
	wait_option(p);
	bp_sch_table *orig = bp_schema_lookup(p->s, qdb(p, &q), q.name);
	if (!orig) {
		snprintf(p->warn, sizeof(p->warn), "CREATE INDEX %.64s ON %.64s: the table is not in the schema model", n,
			 q.name);
		skip_statement(p);
		return 0;
	}
	bp_sch_table *t = bp_sch_table_clone(orig);
	if (!t)
		return nomem(p);
	uint32_t old;
	bool existed = bp_sch_find_index(t, n, &old) != NULL;
	if (existed && or_replace) {
		bp_sch_remove_index(t, old);
		existed = false;
	}
	uint32_t at = t->n_indexes;
	int rc = bp_sch_add_index(t, n, kind) ? 0 : nomem(p);
	if (rc == 0 && existed && !ine)
		rc = semantic(p, "duplicate key name `%s`", n);
	if (rc == 0)
		rc = key_parts(p, t, &t->indexes[at]);
	if (rc == 0)
		rc = index_options(p, &t->indexes[at]);
	if (rc == 0)
		rc = index_tail(p);
	if (rc == 0)
		rc = clean_end(p, "the end of the statement");
	if (rc == 0 && existed) { /* IF NOT EXISTS, and it does */
		bp_sch_table_free(t);
		return 0;
	}
	if (rc == 0)
		rc = finish_table(p, t, t->n_fks);
	t->sources |= p->src;
	if (rc == 0 && bp_schema_put(p->s, t))
		rc = nomem(p);
	if (rc < 0) {
		bp_sch_table_free(t);
		return -1;
	}
	return 1;
}

/* DROP INDEX [IF EXISTS] i ON t [ALGORITHM=, LOCK=] */
static int drop_index_stmt(parser *p)
{
	bool ie = if_exists(p);
	char n[NAME_CAP];
	qname q;
	uint32_t i;
	if (name(p, n, "index name") || expect(p, BP_KW_ON) || table_name(p, &q) || index_tail(p) ||
	    clean_end(p, "the end of the statement"))
		return -1;
	bp_sch_table *t = bp_schema_lookup(p->s, qdb(p, &q), q.name);
	if (!t)
		return 0;
	if (!bp_sch_find_index(t, n, &i))
		return ie ? 0 : semantic(p, "can't drop index `%s`: it does not exist", n);
	bp_sch_remove_index(t, i); /* one key less cannot fail: done in place */
	t->sources |= p->src;
	return 1;
}

/* How many tables the model holds in db. */
static size_t tables_in_db(parser *p, const char *db)
{
	size_t n, k = 0;
	bp_sch_table *const *v = bp_schema_tables(p->s, &n);
	for (size_t i = 0; v && i < n; i++)
		if (strcmp(v[i]->db ? v[i]->db : "", db) == 0)
			k++;
	return k;
}

/* CREATE|DROP DATABASE|SCHEMA [IF [NOT] EXISTS] db [options] */
static int database_stmt(parser *p, bool drop)
{
	char n[NAME_CAP];
	if (drop)
		if_exists(p);
	else
		if_not_exists(p);
	if (name(p, n, "database name"))
		return -1;
	if (!drop) {
		skip_statement(p);
		return 0;
	}
	if (clean_end(p, "the end of the statement"))
		return -1;
	if (!tables_in_db(p, n))
		return 0;
	bp_schema_drop_db(p->s, n);
	return 1;
}

/* DROP VIEW v: views are in the model only when an XML or TSV dump gave them */
static int drop_views(parser *p)
{
	name_list l = { 0 };
	int rc = 0, changed = 0;
	if_exists(p);
	do
		rc = name_list_add(p, &l);
	while (rc == 0 && accept_op(p, BP_OP_COMMA));
	if (rc == 0) {
		skip_statement(p); /* RESTRICT | CASCADE */
		rc = clean_end(p, "the end of the statement");
	}
	for (size_t i = 0; rc == 0 && i < l.n; i++) {
		bp_sch_table *t = bp_schema_lookup(p->s, qdb(p, &l.v[i]), l.v[i].name);
		if (t && t->is_view && bp_schema_drop(p->s, qdb(p, &l.v[i]), l.v[i].name) == 0)
			changed = 1;
	}
	free(l.v);
	return rc < 0 ? -1 : changed;
}

/*
 * CREATE SEQUENCE [IF NOT EXISTS] s [options] (MariaDB 10.3+): a table of one
 * row whose layout is fixed (sql/sql_sequence.cc sequence_structure); NEXTVAL
 * writes that row to the log like any table's. ENGINE= is kept.
 */
static int create_sequence(parser *p)
{
	static const struct { const char *name, *type; } cols[] = {
		{ "next_not_cached_value", "bigint(21)" }, { "minimum_value", "bigint(21)" },
		{ "maximum_value", "bigint(21)" }, { "start_value", "bigint(21)" }, { "increment", "bigint(21)" },
		{ "cache_size", "bigint(21) unsigned" }, { "cycle_option", "tinyint(1) unsigned" },
		{ "cycle_count", "bigint(21)" },
	};
	bool ine = if_not_exists(p);
	qname q;
	char engine[NAME_CAP] = "";
	if (table_name(p, &q))
		return -1;
	if (ine && bp_schema_lookup(p->s, qdb(p, &q), q.name)) {
		skip_statement(p);
		return 0;
	}
	while (!at_end(p)) { /* START WITH, INCREMENT BY, CACHE ..., ENGINE=x */
		if (accept(p, BP_KW_ENGINE)) {
			size_t n;
			accept_op(p, BP_OP_EQ);
			if (p->tok.type == BP_TK_STRING) { /* engine='innodb' */
				if (string_value(p, &p->tok, &n))
					return -1;
				snprintf(engine, sizeof(engine), "%s", p->tmp.data);
				next(p);
			} else if (name(p, engine, "engine name")) {
				return -1;
			}
		} else {
			next(p);
		}
	}
	if (clean_end(p, "the end of the statement"))
		return -1;
	bp_sch_table *t = bp_sch_table_new(qdb(p, &q), q.name);
	int rc = t ? 0 : nomem(p);
	for (size_t i = 0; rc == 0 && i < sizeof(cols) / sizeof(cols[0]); i++) {
		bp_sch_column *c = bp_sch_add_column(t, cols[i].name);
		if (!c || (bp_sch_column_set_type(c, cols[i].type) < 0 && !c->type))
			rc = nomem(p);
		else
			c->nullable = false;
	}
	if (rc == 0 && engine[0])
		rc = set_owned(p, &t->engine, engine, NULL);
	if (rc == 0) {
		t->sources = p->src;
		if (bp_schema_put(p->s, t))
			rc = nomem(p);
	}
	if (rc < 0) {
		bp_sch_table_free(t);
		return -1;
	}
	return 1;
}

/* ---- statements ------------------------------------------------------------------- */

static int create_stmt(parser *p)
{
	bool or_replace = false;
	if (is_kw(&p->tok, BP_KW_OR) && is_kw(peek(p, 1), BP_KW_REPLACE)) {
		next(p), next(p);
		or_replace = true;
	}
	if (accept(p, BP_KW_TEMPORARY)) { /* not a table of the schema */
		skip_statement(p);
		return 0;
	}
	if (accept(p, BP_KW_TABLE))
		return create_table(p);
	if (accept(p, BP_KW_ONLINE) || accept(p, BP_KW_OFFLINE)) {
		if (!is_kw(&p->tok, BP_KW_INDEX) && !is_kw(&p->tok, BP_KW_UNIQUE) && !is_kw(&p->tok, BP_KW_FULLTEXT) &&
		    !is_kw(&p->tok, BP_KW_SPATIAL))
			return syntax(p, "INDEX");
	}
	if (accept(p, BP_KW_INDEX))
		return create_index(p, BP_IDX_KEY, or_replace);
	if (is_kw(&p->tok, BP_KW_UNIQUE) || is_kw(&p->tok, BP_KW_FULLTEXT) || is_kw(&p->tok, BP_KW_SPATIAL)) {
		bp_index_kind k = is_kw(&p->tok, BP_KW_UNIQUE)     ? BP_IDX_UNIQUE
				  : is_kw(&p->tok, BP_KW_FULLTEXT) ? BP_IDX_FULLTEXT
								   : BP_IDX_SPATIAL;
		next(p);
		if (expect(p, BP_KW_INDEX))
			return -1;
		return create_index(p, k, or_replace);
	}
	if (accept(p, BP_KW_DATABASE) || accept(p, BP_KW_SCHEMA))
		return database_stmt(p, false);
	if (accept(p, BP_KW_SEQUENCE))
		return create_sequence(p);
	/* views, triggers, routines, events, users ...: not tables */
	skip_statement(p);
	return 0;
}

static int drop_stmt(parser *p)
{
	bool temporary = accept(p, BP_KW_TEMPORARY);
	if (accept(p, BP_KW_TABLE) || accept(p, BP_KW_TABLES) || accept(p, BP_KW_SEQUENCE))
		return drop_tables(p, temporary);
	if (temporary)
		return syntax(p, "TABLE or SEQUENCE");
	if (accept(p, BP_KW_ONLINE) || accept(p, BP_KW_OFFLINE)) {
		if (!is_kw(&p->tok, BP_KW_INDEX))
			return syntax(p, "INDEX");
	}
	if (accept(p, BP_KW_INDEX))
		return drop_index_stmt(p);
	if (accept(p, BP_KW_DATABASE) || accept(p, BP_KW_SCHEMA))
		return database_stmt(p, true);
	if (accept(p, BP_KW_VIEW))
		return drop_views(p);
	skip_statement(p);
	return 0;
}

static int alter_stmt(parser *p)
{
	accept(p, BP_KW_ONLINE);
	accept(p, BP_KW_IGNORE);
	if (accept(p, BP_KW_TABLE))
		return alter_table(p);
	skip_statement(p); /* ALTER DATABASE, VIEW, USER, SEQUENCE ...: not table DDL */
	return 0;
}

static int rename_stmt(parser *p)
{
	if (accept(p, BP_KW_TABLE) || accept(p, BP_KW_TABLES))
		return rename_tables(p);
	skip_statement(p); /* RENAME USER */
	return 0;
}

/* USE db (dumps): later tables go to db. */
static int use_stmt(parser *p)
{
	char n[NAME_CAP];
	if (name(p, n, "database name") || clean_end(p, "the end of the statement"))
		return -1;
	memcpy(p->use_db, n, NAME_CAP);
	p->db = p->use_db;
	return 0;
}

/*
 * One statement from its first token. Returns 1 (the model changed), 0 (not
 * table DDL, or nothing to change) or -1 (p->err set). On return the current
 * token is the statement's end (delimiter, EOF or lexer error) unless -1.
 */
static int statement(parser *p)
{
	if (accept(p, BP_KW_CREATE))
		return create_stmt(p);
	if (accept(p, BP_KW_ALTER))
		return alter_stmt(p);
	if (accept(p, BP_KW_DROP))
		return drop_stmt(p);
	if (accept(p, BP_KW_RENAME))
		return rename_stmt(p);
	if (accept(p, BP_KW_TRUNCATE))
		return truncate_table(p);
	if (!p->log && accept(p, BP_KW_USE))
		return use_stmt(p);
	skip_statement(p); /* INSERT, SET, LOCK TABLES, ... */
	return 0;
}

/* ---- entry points --------------------------------------------------------------------- */

static void parser_init(parser *p, bp_schema *s, const char *text, size_t n, unsigned src)
{
	memset(p, 0, sizeof(*p));
	bp_lex_init(&p->lx, text, n, 0);
	p->s = s;
	p->src = src;
	p->log = src == BP_SRC_LOG_DDL;
	p->mariadb = true;
	p->tok.start = p->prev_end = text;
	p->tmp = (bp_buf)BP_BUF_INIT;
}

/*
 * The dump's header (mysqldump / mariadb-dump, first lines):
 *   -- Host: h    Database: db     the database of a dump made without
 *                                  --databases (it has no USE)
 *   -- Server version	8.0.36       a MySQL 8+ server: its SHOW CREATE TABLE
 *                                  writes "int", not "int(11)"; take the
 *                                  types as written (see the file's header)
 * use_db: the database when the caller gave none.
 */
static void read_header(parser *p, const char *text, size_t n, bool use_db)
{
	const char *end = text + (n < 4096 ? n : 4096);
	for (const char *s = text; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *le = nl ? nl : end;
		size_t len = (size_t)(le - s);
		const char *d = len > 9 && strncmp(s, "-- Host: ", 9) == 0 ? memmem(s, len, "Database: ", 10) : NULL;
		if (d && use_db) {
			d += 10;
			size_t k = (size_t)(le - d);
			while (k && isspace((unsigned char)d[k - 1]))
				k--;
			if (k && k < NAME_CAP) {
				memcpy(p->use_db, d, k);
				p->use_db[k] = 0;
				p->db = p->use_db;
			}
		}
		if (len > 17 && strncmp(s, "-- Server version", 17) == 0) {
			const char *v = s + 17;
			unsigned major = 0;
			while (v < le && isspace((unsigned char)*v))
				v++;
			while (v < le && *v >= '0' && *v <= '9' && major < 1000) /* the text has no NUL: no atoi */
				major = major * 10 + (unsigned)(*v++ - '0');
			if (major >= 8 && !memmem(s, len, "MariaDB", 7))
				p->mariadb = false;
		}
		s = le + 1;
	}
}

/* "DELIMITER x" (the mysql client's command): the new delimiter. */
static int delimiter_command(parser *p)
{
	const char *s;
	size_t n;
	unsigned line = p->tok.line, col = p->tok.col;
	bp_lex_rest_of_line(&p->lx, &s, &n);
	while (n && isspace((unsigned char)*s))
		s++, n--;
	size_t k = 0;
	while (k < n && !isspace((unsigned char)s[k]))
		k++;
	if (k == 0 || !bp_lex_set_delimiter(&p->lx, s, k)) {
		p->err = ERR_SYNTAX;
		p->line = line;
		p->col = col;
		snprintf(p->msg, sizeof(p->msg), "expected a delimiter of 1 to 15 characters after DELIMITER");
		next(p);
		return -1;
	}
	next(p);
	return 0;
}

/* The statement's error as a diagnostic: what was expected, where, near what. */
static void report_error(const parser *p, bp_sch_diag *diag, const char *path)
{
	if (p->near[0])
		bp_sch_diag_report(diag, path, p->line, p->col, "%s near '%s'", p->msg, p->near);
	else if (p->near_end)
		bp_sch_diag_report(diag, path, p->line, p->col, "%s at the end of the statement", p->msg);
	else
		bp_sch_diag_report(diag, path, p->line, p->col, "%s", p->msg);
}

/* A statement that loaded with less than it said (CREATE TABLE ... SELECT):
 * counted as a warning, reported at the statement's first token. */
static void report_warning(const parser *p, bp_sch_diag *diag, const char *path, unsigned line, unsigned col)
{
	char msg[300];
	if (!diag)
		return;
	diag->warnings++;
	snprintf(msg, sizeof(msg), "warning: %s", p->warn);
	if (diag->report)
		diag->report(diag->ctx, path, line, col, msg);
}

int bp_schema_load_sql(bp_schema *s, const char *text, size_t n, const char *path, const char *default_db,
		       bp_sch_diag *diag)
{
	parser p;
	parser_init(&p, s, text, n, BP_SRC_SQL);
	bool given = default_db && strlen(default_db) < NAME_CAP;
	if (given) {
		snprintf(p.use_db, sizeof(p.use_db), "%s", default_db);
		p.db = p.use_db;
	}
	read_header(&p, text, n, !given);
	int rc = 0;
	next(&p);
	while (p.tok.type != BP_TK_EOF && p.tok.type != BP_TK_ERROR) {
		unsigned line = p.tok.line, col = p.tok.col;
		int r;
		statement_reset(&p);
		if (p.tok.type == BP_TK_DELIM) {
			next(&p);
			continue;
		}
		if (is_kw(&p.tok, BP_KW_DELIMITER) && p.n_la == 0)
			r = delimiter_command(&p);
		else
			r = statement(&p);
		if (r >= 0 && p.tok.type == BP_TK_ERROR)
			r = syntax(&p, ""); /* the lexer's message */
		if (p.err == ERR_NOMEM) {
			rc = -BP_E_NOMEM;
			break;
		}
		if (r < 0) {
			report_error(&p, diag, path);
			skip_statement(&p); /* to the delimiter: the next statement loads */
		} else if (p.warn[0]) {
			report_warning(&p, diag, path, line, col);
		}
		if (p.tok.type == BP_TK_DELIM)
			next(&p);
	}
	if (p.tok.type == BP_TK_ERROR && rc == 0 && !p.err) { /* an error token where a statement starts */
		syntax(&p, "");
		report_error(&p, diag, path);
	}
	bp_buf_release(&p.tmp);
	return rc;
}

int bp_schema_apply_sql(bp_schema *s, const char *db, const char *sql, size_t n, char *msg, size_t msg_size)
{
	if (msg && msg_size)
		msg[0] = 0;
	parser p;
	parser_init(&p, s, sql, n, BP_SRC_LOG_DDL);
	p.db = db;
	next(&p);
	/* the cheap test first: only these verbs change tables */
	const bp_token *t = &p.tok;
	if (!is_kw(t, BP_KW_CREATE) && !is_kw(t, BP_KW_ALTER) && !is_kw(t, BP_KW_DROP) && !is_kw(t, BP_KW_RENAME) &&
	    !is_kw(t, BP_KW_TRUNCATE))
		return 0;
	int rc = statement(&p);
	if (rc >= 0 && p.tok.type == BP_TK_ERROR)
		rc = syntax(&p, "");
	if (rc < 0 && msg && msg_size) {
		if (p.err == ERR_NOMEM)
			snprintf(msg, msg_size, "out of memory");
		else if (p.near[0])
			snprintf(msg, msg_size, "%s at line %u column %u near '%s'", p.msg, p.line, p.col, p.near);
		else if (p.near_end)
			snprintf(msg, msg_size, "%s at line %u column %u, at the end of the statement", p.msg, p.line, p.col);
		else
			snprintf(msg, msg_size, "%s at line %u column %u", p.msg, p.line, p.col);
	} else if (rc >= 0 && p.warn[0] && msg && msg_size) {
		snprintf(msg, msg_size, "%s", p.warn);
	}
	bp_buf_release(&p.tmp);
	return rc < 0 ? -1 : rc;
}
