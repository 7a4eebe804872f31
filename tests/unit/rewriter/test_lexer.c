/*
 * test_lexer.c: the SQL tokenizer (rewriter/lexer.c).
 *
 * Table-driven: each case is an input (with lexer flags and, where it
 * matters, a server version and a delimiter) and the tokens expected, written
 * as "TYPE:text" separated by single spaces, EOF left out. The text is the
 * token's bytes as they stand in the input. Values (quotes removed, escapes
 * decoded) have their own table. Then the keyword table, positions, the
 * statement skipper, the rest-of-line reader and the error positions.
 */
#include "../unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter/lexer.h"


/* All tokens of text as "TYPE:text TYPE:text ..." (up to EOF, not included). */
static void render(const char *text, unsigned flags, uint32_t version, const char *delim, char *out, size_t cap)
{
	bp_lexer lx;
	bp_token t;
	size_t n = 0;
	bp_lex_init(&lx, text, strlen(text), flags);
	lx.server_version = version;
	if (delim)
		bp_lex_set_delimiter(&lx, delim, strlen(delim));
	out[0] = 0;
	for (int guard = 0; guard < 200; guard++) {
		bp_tok_type ty = bp_lex_next(&lx, &t);
		if (ty == BP_TK_EOF)
			break;
		int w = snprintf(out + n, cap - n, "%s%s:%.*s", n ? " " : "", bp_tok_type_name(ty), (int)t.len, t.start);
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
}

typedef struct lex_case {
	const char *in;
	const char *want;
	unsigned flags;
	uint32_t version;   /* bp_lexer.server_version (0: every version below 999999) */
	const char *delim;  /* NULL: ";" */
} lex_case;

static const lex_case cases[] = {
	/* words, names, keywords */
	{ "SELECT a FROM t", "IDENT:SELECT IDENT:a IDENT:FROM IDENT:t", 0, 0, NULL },
	{ "`a``b` `sel ect`", "QIDENT:`a``b` QIDENT:`sel ect`", 0, 0, NULL },
	{ "db.t.c", "IDENT:db OP:. IDENT:t OP:. IDENT:c", 0, 0, NULL },
	{ "t.1col 1col $x _x x$1", "IDENT:t OP:. IDENT:1col IDENT:1col IDENT:$x IDENT:_x IDENT:x$1", 0, 0, NULL },
	{ "caf\xc3\xa9 \xe6\x97\xa5", "IDENT:caf\xc3\xa9 IDENT:\xe6\x97\xa5", 0, 0, NULL },
	/* strings: quotes doubled, backslash escapes, both quote kinds */
	{ "'a''b' 'a\\'b' \"x\\\"y\" \"q\"\"q\"", "STRING:'a''b' STRING:'a\\'b' STRING:\"x\\\"y\" STRING:\"q\"\"q\"", 0, 0,
	  NULL },
	{ "'' \"\"", "STRING:'' STRING:\"\"", 0, 0, NULL },
	{ "'semi;colon' ;", "STRING:'semi;colon' DELIM:;", 0, 0, NULL },
	{ "'two\nlines' x", "STRING:'two\nlines' IDENT:x", 0, 0, NULL },
	/* NO_BACKSLASH_ESCAPES: the backslash is a byte, the quote ends the string */
	{ "'a\\' b", "STRING:'a\\' IDENT:b", BP_LEX_NO_BACKSLASH_ESCAPES, 0, NULL },
	/* ANSI_QUOTES: "x" is a name */
	{ "\"col\" \"a\"\"b\" 's'", "QIDENT:\"col\" QIDENT:\"a\"\"b\" STRING:'s'", BP_LEX_ANSI_QUOTES, 0, NULL },
	{ "N'x' n'y' N x", "NSTRING:N'x' NSTRING:n'y' IDENT:N IDENT:x", 0, 0, NULL },
	/* introducers */
	{ "_utf8mb4'x' _binary 0x41 _latin1 X'41' _foo 'x'",
	  "INTRODUCER:_utf8mb4 STRING:'x' INTRODUCER:_binary HEXNUM:0x41 INTRODUCER:_latin1 HEXSTR:X'41' IDENT:_foo "
	  "STRING:'x'",
	  0, 0, NULL },
	/* hexadecimal and bit literals */
	{ "X'0A' x'0a' 0x0A 0X0A 0xg 0x", "HEXSTR:X'0A' HEXSTR:x'0a' HEXNUM:0x0A IDENT:0X0A IDENT:0xg IDENT:0x", 0, 0,
	  NULL },
	{ "B'0101' b'1' 0b0101 0b2 0B1", "BITSTR:B'0101' BITSTR:b'1' BITNUM:0b0101 IDENT:0b2 IDENT:0B1", 0, 0, NULL },
	{ "X'' B''", "HEXSTR:X'' BITSTR:B''", 0, 0, NULL },
	/* numbers */
	{ "42 4.2 .5 4. 4.2e1 1E-3 1e+5 1e", "INTEGER:42 DECIMAL:4.2 DECIMAL:.5 DECIMAL:4. FLOAT:4.2e1 FLOAT:1E-3 FLOAT:1e+5 "
					      "IDENT:1e",
	  0, 0, NULL },
	{ "-1 +2", "OP:- INTEGER:1 OP:+ INTEGER:2", 0, 0, NULL },
	/* variables and parameters */
	{ "@a @'a b' @`c` @\"d\" @@x @@global.max_connections ?",
	  "VAR:@a VAR:@'a b' VAR:@`c` VAR:@\"d\" SYSVAR:@@x SYSVAR:@@global.max_connections PARAM:?", 0, 0, NULL },
	{ "`root`@`localhost` root@localhost", "QIDENT:`root` VAR:@`localhost` IDENT:root VAR:@localhost", 0, 0, NULL },
	/* operators */
	{ "<=> <= >= <> != := && || << >> -> ->> = < > ! ~ ^ & | + - * / % ( ) , . : { } [",
	  "OP:<=> OP:<= OP:>= OP:<> OP:!= OP::= OP:&& OP:|| OP:<< OP:>> OP:-> OP:->> OP:= OP:< OP:> OP:! OP:~ OP:^ OP:& "
	  "OP:| OP:+ OP:- OP:* OP:/ OP:% OP:( OP:) OP:, OP:. OP:: OP:{ OP:} OP:[",
	  0, 0, NULL },
	{ "a--b", "IDENT:a OP:- OP:- IDENT:b", 0, 0, NULL },
	/* comments */
	{ "a -- c\nb", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "a --\tc\nb --", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "a # c ; d\nb", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "a /* c ; ' */ b /**/ c", "IDENT:a IDENT:b IDENT:c", 0, 0, NULL },
	{ "a /*+ BKA(t) */ b", "IDENT:a HINT:/*+ BKA(t) */ IDENT:b", 0, 0, NULL },
	/* executable comments: included by version, the M form is MariaDB's */
	{ "/*!40101 SET x=1 */;", "IDENT:SET IDENT:x OP:= INTEGER:1 DELIM:;", 0, 0, NULL },
	{ "/*! a */ b", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "/*!100101 a*/ b", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "/*M!100101 a */ b", "IDENT:a IDENT:b", 0, 0, NULL },
	{ "/*M!999999\\- enable the sandbox mode */ x", "IDENT:x", 0, 0, NULL },
	{ "/*!50001 a */ /*!40101 b */ /*!50000 c */", "IDENT:b IDENT:c", 0, 50000, NULL },
	{ "CREATE /*!32312 IF NOT EXISTS*/ `d`", "IDENT:CREATE IDENT:IF IDENT:NOT IDENT:EXISTS QIDENT:`d`", 0, 0, NULL },
	{ "/*!50003 CREATE*/ /*!50017 DEFINER=`r`@`h`*/", "IDENT:CREATE IDENT:DEFINER OP:= QIDENT:`r` VAR:@`h`", 0, 0, NULL },
	{ "/*!40101 a /* inner */ b */ c", "IDENT:a IDENT:b IDENT:c", 0, 0, NULL },
	{ "/*!40101 'x */' */ y", "STRING:'x */' IDENT:y", 0, 0, NULL },
	/* delimiters */
	{ "a;b", "IDENT:a DELIM:; IDENT:b", 0, 0, NULL },
	{ "a;b;;c", "IDENT:a OP:; IDENT:b DELIM:;; IDENT:c", 0, 0, ";;" },
	{ "BEGIN x; END$$ y", "IDENT:BEGIN IDENT:x OP:; IDENT:END DELIM:$$ IDENT:y", 0, 0, "$$" },
	{ "/*!50003 TRIGGER t BEGIN a; END */;;", "IDENT:TRIGGER IDENT:t IDENT:BEGIN IDENT:a OP:; IDENT:END DELIM:;;", 0, 0,
	  ";;" },
	{ "x // y", "IDENT:x DELIM:// IDENT:y", 0, 0, "//" },
	/* a keyword after a dot is a name */
	{ "db.select.from", "IDENT:db OP:. IDENT:select OP:. IDENT:from", 0, 0, NULL },
	/* errors: one ERROR token running to the end, then EOF */
	{ "SELECT 'abc", "IDENT:SELECT ERROR:'abc", 0, 0, NULL },
	{ "a \"b", "IDENT:a ERROR:\"b", 0, 0, NULL },
	{ "a `b", "IDENT:a ERROR:`b", 0, 0, NULL },
	{ "a /* b", "IDENT:a ERROR:/* b", 0, 0, NULL },
	{ "a /*!40101 b", "IDENT:a IDENT:b ERROR:", 0, 0, NULL },
	{ "X'0G' a", "ERROR:X'0G' a", 0, 0, NULL },
	{ "'a\\", "ERROR:'a\\", 0, 0, NULL },
};

static void token_table(void)
{
	char got[2048];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const lex_case *c = &cases[i];
		render(c->in, c->flags, c->version, c->delim, got, sizeof(got));
		CHECK(strcmp(got, c->want) == 0, "case %zu [%s]:\n got  [%s]\n want [%s]", i, c->in, got, c->want);
	}
}

/* ---- values ----------------------------------------------------------------------- */

typedef struct value_case {
	const char *in;     /* one token */
	unsigned flags;
	const char *want;
	size_t want_len;    /* decoded length (values may hold NUL) */
} value_case;

static const value_case values[] = {
	{ "'a''b'", 0, "a'b", 3 },
	{ "'a\\'b'", 0, "a'b", 3 },
	{ "'\\n\\t\\r\\b\\0\\Z'", 0, "\n\t\r\b\0\x1a", 6 },
	{ "'\\%\\_'", 0, "\\%\\_", 4 },      /* kept for LIKE patterns, as the server does */
	{ "'\\x\\\\'", 0, "x\\", 2 },
	{ "'a\\'", BP_LEX_NO_BACKSLASH_ESCAPES, "a\\", 2 },
	{ "\"d\"\"q\"", 0, "d\"q", 3 },
	{ "\"a\\\"b\"", 0, "a\"b", 3 },
	{ "`a``b`", 0, "a`b", 3 },
	{ "`a\\b`", 0, "a\\b", 3 },          /* no escapes in quoted names */
	{ "\"a\"\"\\b\"", BP_LEX_ANSI_QUOTES, "a\"\\b", 4 },
	{ "N'x''y'", 0, "x'y", 3 },
	{ "@'a''b'", 0, "a'b", 3 },
	{ "@`v`", 0, "v", 1 },
	{ "@v", 0, "@v", 2 },
	{ "word", 0, "word", 4 },
	{ "''", 0, "", 0 },
};

static void token_values(void)
{
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		const value_case *v = &values[i];
		bp_lexer lx;
		bp_token t;
		char out[64];
		bp_lex_init(&lx, v->in, strlen(v->in), v->flags);
		bp_lex_next(&lx, &t);
		CHECK(t.len == strlen(v->in), "value case %zu: one token expected, got %u bytes", i, t.len);
		size_t n = bp_tok_value(&t, v->flags, out, sizeof(out));
		CHECK(n == v->want_len && memcmp(out, v->want, n) == 0 && out[n] == 0, "value case %zu [%s]: got %zu bytes [%s]",
		      i, v->in, n, out);
	}
	/* a small buffer: truncated and terminated, the full length returned */
	bp_lexer lx;
	bp_token t;
	char small[4];
	bp_lex_init(&lx, "'abcdef'", 8, 0);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(bp_tok_value(&t, 0, small, sizeof(small)), 6);
	CU_ASSERT_STRING_EQUAL(small, "abc");
}

/* ---- keywords ------------------------------------------------------------------------ */

static void keyword_table(void)
{
	/* the list must be sorted (binary search) and every word must find itself */
	for (int k = 1; k < BP_KW__COUNT; k++) {
		const char *w = bp_kw_name((bp_keyword)k);
		if (k > 1)
			CHECK(strcmp(bp_kw_name((bp_keyword)(k - 1)), w) < 0, "keywords not sorted at %s", w);
		CHECK(bp_kw_lookup(w, strlen(w)) == (bp_keyword)k, "lookup of %s", w);
		char low[40];
		size_t n = strlen(w);
		for (size_t i = 0; i <= n; i++)
			low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
		CHECK(bp_kw_lookup(low, n) == (bp_keyword)k, "lookup of %s in lower case", low);
	}
	CU_ASSERT_EQUAL(bp_kw_lookup("SELECTX", 7), BP_KW__NONE);
	CU_ASSERT_EQUAL(bp_kw_lookup("SELEC", 5), BP_KW__NONE);
	CU_ASSERT_EQUAL(bp_kw_lookup("", 0), BP_KW__NONE);
	CU_ASSERT_EQUAL(bp_kw_lookup("caf\xc3\xa9", 5), BP_KW__NONE);
	CU_ASSERT_EQUAL(bp_kw_lookup("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 42), BP_KW__NONE);
	CU_ASSERT_EQUAL(bp_kw_lookup("Select", 6), BP_KW_SELECT);
	CU_ASSERT_TRUE(bp_kw_reserved(BP_KW_SELECT));
	CU_ASSERT_FALSE(bp_kw_reserved(BP_KW_ACTION));
	CU_ASSERT_FALSE(bp_kw_reserved(BP_KW__NONE));
	CU_ASSERT_STRING_EQUAL(bp_kw_name(BP_KW__NONE), "");
	CU_ASSERT_STRING_EQUAL(bp_tok_type_name(BP_TK_QIDENT), "QIDENT");
	CU_ASSERT_STRING_EQUAL(bp_tok_type_name((bp_tok_type)99), "?");
	/* codes on tokens: keywords, not after a dot; operators */
	bp_lexer lx;
	bp_token t;
	const char *s = "select t.from <=>";
	bp_lex_init(&lx, s, strlen(s), 0);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(t.code, BP_KW_SELECT);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(t.code, BP_KW__NONE);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(t.code, BP_OP_DOT);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(t.code, BP_KW__NONE); /* "from" after the dot is a name */
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(t.code, BP_OP_NSEQ);
}

/* ---- positions -------------------------------------------------------------------------- */

static void positions(void)
{
	const char *s = "a -- x\n  /* y\n z */ bb 'c\nd' e\n\t@f";
	struct { const char *text; unsigned line, col; } want[] = {
		{ "a", 1, 1 }, { "bb", 3, 7 }, { "'c\nd'", 3, 10 }, { "e", 4, 4 }, { "@f", 5, 2 },
	};
	bp_lexer lx;
	bp_token t;
	bp_lex_init(&lx, s, strlen(s), 0);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		bp_lex_next(&lx, &t);
		CHECK(t.len == strlen(want[i].text) && memcmp(t.start, want[i].text, t.len) == 0, "token %zu: %.*s", i,
		      (int)t.len, t.start);
		CHECK(t.line == want[i].line && t.col == want[i].col, "token %zu (%s) at %u:%u, want %u:%u", i,
		      want[i].text, t.line, t.col, want[i].line, want[i].col);
	}
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_EOF);
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_EOF); /* and again */
}

/* An unterminated string, name or comment: ERROR at where it starts, with a message. */
static void error_positions(void)
{
	struct { const char *in; unsigned line, col; const char *msg; } want[] = {
		{ "SELECT 'abc", 1, 8, "unterminated string" },
		{ "a\n  b \"x\ny", 2, 5, "unterminated string" },
		{ "a\n\n  `b", 3, 3, "unterminated quoted name" },
		{ "x /* never\nclosed", 1, 3, "unterminated comment" },
		{ "ok X'1Z'", 1, 4, "invalid hexadecimal literal" },
		{ "ok b'12'", 1, 4, "invalid bit literal" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		bp_lexer lx;
		bp_token t;
		bp_lex_init(&lx, want[i].in, strlen(want[i].in), 0);
		bp_tok_type ty;
		while ((ty = bp_lex_next(&lx, &t)) != BP_TK_ERROR && ty != BP_TK_EOF)
			;
		CHECK(ty == BP_TK_ERROR, "case %zu: no error", i);
		CHECK(t.line == want[i].line && t.col == want[i].col, "case %zu: error at %u:%u, want %u:%u", i, t.line,
		      t.col, want[i].line, want[i].col);
		CHECK(lx.error && strcmp(lx.error, want[i].msg) == 0, "case %zu: message %s", i, lx.error ? lx.error : "-");
		CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_EOF);
	}
}

/* ---- skipping statements, DELIMITER lines ------------------------------------------------ */

static void skip_statement(void)
{
	const char *s = "INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`, 'g\\';h') /* ; */ -- ;\n"
			"# ;\n /*!40000 ; */;next";
	bp_lexer lx;
	bp_token t;
	bp_lex_init(&lx, s, strlen(s), 0);
	bp_lex_next(&lx, &t); /* INSERT */
	/* the executable comment's ';' ends the statement, as it does for the client */
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_DELIM);
	CU_ASSERT_EQUAL(t.line, 3);
	CU_ASSERT_EQUAL(t.col, 11);
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_DELIM); /* the rest of the comment, then ";" */
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_IDENT);
	CU_ASSERT_EQUAL(t.len, 4);
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_EOF);

	/* an unterminated string while skipping: ERROR where the string starts */
	const char *u = "INSERT INTO t VALUES\n ('ok'), ('bad;";
	bp_lex_init(&lx, u, strlen(u), 0);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_ERROR);
	CU_ASSERT_EQUAL(t.line, 2);
	CU_ASSERT_EQUAL(t.col, 11);
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_EOF);

	/* NO_BACKSLASH_ESCAPES: 'a\' ends at its quote */
	const char *nb = "x 'a\\';y";
	bp_lex_init(&lx, nb, strlen(nb), BP_LEX_NO_BACKSLASH_ESCAPES);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_DELIM);
	CU_ASSERT_EQUAL(t.col, 7);

	/* a two-byte delimiter: its first byte alone does not end the statement */
	const char *d = "BEGIN a; b; END;; x";
	bp_lex_init(&lx, d, strlen(d), 0);
	bp_lex_set_delimiter(&lx, ";;", 2);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(bp_lex_skip_statement(&lx, &t), BP_TK_DELIM);
	CU_ASSERT_EQUAL(t.col, 16);
	CU_ASSERT_EQUAL(t.len, 2);
	CU_ASSERT_FALSE(bp_lex_set_delimiter(&lx, "0123456789abcdef", 16));
}

static void rest_of_line(void)
{
	const char *s = "DELIMITER ;;\nCREATE x;;";
	bp_lexer lx;
	bp_token t;
	const char *r;
	size_t n;
	bp_lex_init(&lx, s, strlen(s), 0);
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_IDENT);
	CU_ASSERT_EQUAL(t.code, BP_KW_DELIMITER);
	bp_lex_rest_of_line(&lx, &r, &n);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_NSTRING_EQUAL(r, " ;;", 3);
	CU_ASSERT_TRUE(bp_lex_set_delimiter(&lx, ";;", 2));
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_IDENT);
	CU_ASSERT_EQUAL(t.line, 2);
	CU_ASSERT_EQUAL(t.col, 1);
	bp_lex_next(&lx, &t);
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_DELIM);
	/* the last line, without a newline */
	bp_lex_init(&lx, "DELIMITER $$", 12, 0);
	bp_lex_next(&lx, &t);
	bp_lex_rest_of_line(&lx, &r, &n);
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(bp_lex_next(&lx, &t), BP_TK_EOF);
}

static const CU_TestInfo tests[] = {
	{ "tokens: names, strings, literals, operators, comments, delimiters", token_table },
	{ "token values: quotes and escapes", token_values },
	{ "keyword table sorted, lookups, codes", keyword_table },
	{ "line and column of tokens", positions },
	{ "error tokens and their positions", error_positions },
	{ "skipping a statement fast", skip_statement },
	{ "rest of line (DELIMITER)", rest_of_line },
	CU_TEST_INFO_NULL,
};

int bp_suite_rewriter_lexer(void) { return bp_unit_add("rewriter/lexer", tests); }
