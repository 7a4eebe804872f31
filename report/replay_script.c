/*
 * replay_script.c: read a prefetch script and prove it read-only before
 * anything is sent (see replay_script.h for the rules).
 *
 * Why each extra rule beyond bp_sql_is_single_select:
 *   - what is sent is the exact bytes from a statement's first to its last
 *     token, and the bytes between tokens must be whitespace: a comment inside
 *     a statement (or an executable comment, which the server would run) can
 *     then neither hide nor add anything;
 *   - no backslash inside quotes and no "double-quoted" text: generated scripts
 *     never contain them (docs/prefetch-script.md), and without them the text
 *     lexes the same under any sql_mode (NO_BACKSLASH_ESCAPES, ANSI_QUOTES), so
 *     the server cannot see a statement boundary our lexer did not;
 *   - a word followed by '(' is a call unless it is syntax (IN (...), FORCE
 *     INDEX(...)): calls must be on the built-in whitelist, so stored functions
 *     (whose bodies may write), SLEEP, GET_LOCK, NEXTVAL ... are refused;
 *     LAST_INSERT_ID() is allowed without an argument only, as the rewriter
 *     may copy it (rewriter/expr.c F_NOARG);
 *   - NEXT VALUE FOR increments a sequence.
 * Each statement is also sent alone through mysql_real_query without
 * CLIENT_MULTI_STATEMENTS, so a second statement would be a server-side
 * syntax error even if it slipped through.
 */
#include "replay_script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../rewriter/dml.h"
#include "../rewriter/emit.h"
#include "../rewriter/lexer.h"

static const char *const HEADER[3] = {
	"SET SESSION TRANSACTION READ ONLY",
	"SET NAMES utf8mb4",
	"SET SESSION time_zone = '+00:00'",
};

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

static bool only_space(const char *a, const char *b)
{
	for (; a < b; a++)
		if (!is_space(*a))
			return false;
	return true;
}

/* Keywords that may stand before '(' without being a call. */
static bool syntax_before_paren(const bp_token *t)
{
	switch (t->code) {
	case BP_KW_IN: case BP_KW_INDEX: case BP_KW_KEY: case BP_KW_AS: case BP_KW_FROM:
	case BP_KW_JOIN: case BP_KW_ON: case BP_KW_USING: case BP_KW_WHERE: case BP_KW_AND:
	case BP_KW_OR: case BP_KW_NOT: case BP_KW_XOR: case BP_KW_SELECT: case BP_KW_BY:
	case BP_KW_EXISTS: case BP_KW_ROW: case BP_KW_CASE: case BP_KW_WHEN: case BP_KW_THEN:
	case BP_KW_ELSE: case BP_KW_BETWEEN: case BP_KW_LIKE: case BP_KW_IS: case BP_KW_DISTINCT:
	case BP_KW_ALL: case BP_KW_ANY: case BP_KW_INTERVAL: case BP_KW_UNION: case BP_KW_HAVING:
	case BP_KW_CONVERT: case BP_KW_DIV: case BP_KW_MOD: case BP_KW_PARTITION:
	case BP_KW_STRAIGHT_JOIN: case BP_KW_INNER: case BP_KW_CROSS: case BP_KW_LEFT:
	case BP_KW_RIGHT: case BP_KW_OUTER: case BP_KW_NATURAL:
		return true;
	default:
		return false;
	}
}

static bool word_is(const bp_token *t, const char *w)
{
	return strlen(w) == t->len && strncasecmp(t->start, w, t->len) == 0;
}

static bool no(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return false;
}

/* The token before a '(' (prev), and the one before it (prev2). */
static bool call_ok(const bp_token *prev, const bp_token *prev2, const char **why)
{
	if (prev->type == BP_TK_QIDENT)
		return no(why, "call of a quoted name (stored function)");
	if (prev->type != BP_TK_IDENT)
		return true; /* '(' after an operator, a '(' or ',' */
	if (prev2 && prev2->type == BP_TK_OP && prev2->code == BP_OP_DOT)
		return no(why, "call of a qualified name (stored function)");
	if (syntax_before_paren(prev) || word_is(prev, "COUNT") || word_is(prev, "CAST"))
		return true;
	if (bp_func_is_builtin_safe(prev->start, prev->len))
		return true;
	return no(why, "call of a function that is not a known side-effect-free built-in");
}

/* Per-token rules; prev/prev2 are the two tokens before t (type EOF when none). */
static bool token_ok(const bp_token *t, const bp_token *prev, const bp_token *prev2, const char **why)
{
	if (t->type == BP_TK_STRING || t->type == BP_TK_NSTRING) {
		if (memchr(t->start, '\\', t->len))
			return no(why, "backslash inside a quoted string");
		if (t->start[t->type == BP_TK_NSTRING ? 1 : 0] == '"')
			return no(why, "double-quoted string");
	}
	if (t->type == BP_TK_QIDENT && t->start[0] == '"')
		return no(why, "double-quoted name");
	if (t->type == BP_TK_OP && t->code == BP_OP_LPAREN)
		return call_ok(prev, prev2->type == BP_TK_EOF ? NULL : prev2, why);
	if (t->type == BP_TK_IDENT && t->code == BP_KW_FOR && prev->type == BP_TK_IDENT && word_is(prev, "VALUE") &&
	    prev2->type == BP_TK_IDENT && prev2->code == BP_KW_NEXT)
		return no(why, "NEXT VALUE FOR (sequence increment)");
	return true;
}

bool bp_replay_select_ok(const char *sql, size_t n, const char **why)
{
	if (!bp_sql_is_single_select(sql, n))
		return no(why, "not a single read-only SELECT (INTO, FOR UPDATE/SHARE, LOCK, variable, hint or a "
			       "second statement)");
	bp_lexer lx;
	bp_token t, prev = { 0 }, prev2 = { 0 };
	bp_lex_init(&lx, sql, n, 0);
	lx.delim_len = 0; /* ';' as BP_OP_SEMI: a trailing one is allowed */
	const char *gap = sql;
	bool noarg = false; /* after "LAST_INSERT_ID(": only ")" may follow */
	while (bp_lex_next(&lx, &t) != BP_TK_EOF) {
		if (!only_space(gap, t.start))
			return no(why, "comment inside a statement");
		gap = t.start + t.len;
		if (noarg && !(t.type == BP_TK_OP && t.code == BP_OP_RPAREN))
			return no(why, "LAST_INSERT_ID(x) sets a value");
		noarg = t.type == BP_TK_OP && t.code == BP_OP_LPAREN && prev.type == BP_TK_IDENT &&
			word_is(&prev, "LAST_INSERT_ID") && !(prev2.type == BP_TK_OP && prev2.code == BP_OP_DOT);
		if (!noarg && !token_ok(&t, &prev, &prev2, why))
			return false;
		prev2 = prev;
		prev = t;
	}
	if (!only_space(gap, sql + n))
		return no(why, "comment inside a statement");
	return true;
}

/* ---- the script ------------------------------------------------------------------- */

static int push_stmt(bp_replay_script *s, const bp_rs_stmt *st)
{
	if (s->n == s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 1024;
		bp_rs_stmt *nv = realloc(s->stmt, nc * sizeof(*nv));
		if (!nv)
			return -BP_E_NOMEM;
		s->stmt = nv;
		s->cap = nc;
	}
	s->stmt[s->n++] = *st;
	return 0;
}

static int intern_class(bp_replay_script *s, const char *w, size_t n)
{
	for (unsigned i = 0; i < s->n_classes; i++)
		if (strlen(s->classes[i]) == n && memcmp(s->classes[i], w, n) == 0)
			return (int)i;
	/* the last slot is kept for "other", where any further class goes */
	if (s->n_classes >= BP_RS_MAX_CLASSES - 1 && !(n == 5 && memcmp(w, "other", 5) == 0))
		return intern_class(s, "other", 5);
	char *c = strndup(w, n);
	if (!c)
		return -1;
	s->classes[s->n_classes] = c;
	return (int)s->n_classes++;
}

/*
 * The CLASS word of the line comment after a statement's ';' on the same line:
 * / * FILE:POS GTID CLASS INDEX ROLE * /. No comment: class "-".
 */
static int class_after(bp_replay_script *s, const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 2 || p[0] != '/' || p[1] != '*')
		return 0;
	p += 2;
	const char *w = NULL;
	size_t wl = 0;
	for (int i = 0; i < 3; i++) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		w = p;
		while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '*')
			p++;
		wl = (size_t)(p - w);
		if (!wl)
			return 0;
	}
	if (wl > 32)
		return 0;
	int c = intern_class(s, w, wl);
	return c < 0 ? 0 : c;
}

static int header_index(const char *p, size_t n)
{
	for (int i = 0; i < 3; i++)
		if (strlen(HEADER[i]) == n && memcmp(HEADER[i], p, n) == 0)
			return i;
	return -1;
}

/* One statement text [a, b) from line `line`, ended by the ';' at semi_end. */
static int add_statement(bp_replay_script *s, const char *base, const char *a, const char *b, uint32_t line,
			 const char *semi_end, const char *end, bp_err *err)
{
	int h = header_index(a, (size_t)(b - a));
	if (h >= 0) {
		if (s->n)
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: header statement after the first SELECT", line);
		bool *seen[3] = { &s->hdr_read_only, &s->hdr_names, &s->hdr_time_zone };
		*seen[h] = true;
		return 0;
	}
	const char *why = NULL;
	if (!bp_replay_select_ok(a, (size_t)(b - a), &why))
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: %s: %.*s%s", line, why,
				  (int)(b - a > 60 ? 60 : b - a), a, b - a > 60 ? "..." : "");
	if ((size_t)(b - a) > UINT32_MAX)
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: statement longer than 4 GiB", line);
	bp_rs_stmt st = { (uint64_t)(a - base), (uint32_t)(b - a), line, 0 };
	st.cls = (uint16_t)class_after(s, semi_end, end);
	if (push_stmt(s, &st))
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	return 0;
}

int bp_replay_script_parse(bp_replay_script *s, const char *text, size_t n, bp_err *err)
{
	if (!s->n_classes && intern_class(s, "-", 1) < 0)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	if (memchr(text, 0, n))
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "a NUL byte in the script: not a prefetch script");
	bp_lexer lx;
	bp_token t;
	bp_lex_init(&lx, text, n, 0);
	const char *first = NULL, *last_end = NULL;
	uint32_t line = 0;
	for (;;) {
		bp_tok_type ty = bp_lex_next(&lx, &t);
		if (ty == BP_TK_EOF)
			break;
		if (ty == BP_TK_ERROR)
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: %s", t.line,
					  lx.error ? lx.error : "unterminated text");
		if (ty == BP_TK_DELIM) {
			if (first) {
				int rc = add_statement(s, text, first, last_end, line, t.start + t.len, text + n, err);
				if (rc)
					return rc;
			}
			first = NULL;
			continue;
		}
		if (!first) {
			first = t.start;
			line = t.line;
		} else if (!only_space(last_end, t.start)) {
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: comment inside a statement", t.line);
		}
		last_end = t.start + t.len;
	}
	if (first)
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: last statement has no ';' (truncated script?)",
				  line);
	return 0;
}

static int slurp(const char *path, char **out, size_t *len, bp_err *err)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp)
		return BP_ERR_SET(err, BP_E_IO, "%s: cannot open: %s", path, strerror(errno));
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	while (b) {
		n += fread(b + n, 1, cap - n - 1, fp);
		if (n < cap - 1)
			break;
		char *nb = realloc(b, cap * 2);
		if (!nb)
			free(b);
		b = nb;
		cap *= 2;
	}
	int bad = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (!b)
		return BP_ERR_SET(err, BP_E_NOMEM, "%s: out of memory", path);
	if (bad) {
		free(b);
		return BP_ERR_SET(err, BP_E_IO, "%s: read error", path);
	}
	b[n] = 0;
	*out = b;
	*len = n;
	return 0;
}

int bp_replay_script_load(bp_replay_script *s, const char *path, bp_err *err)
{
	int rc = slurp(path, &s->text, &s->size, err);
	if (rc)
		return rc;
	rc = bp_replay_script_parse(s, s->text, s->size, err);
	if (rc && err && err->code != BP_E_NOMEM) {
		char m[sizeof(err->msg) + 4200];
		snprintf(m, sizeof(m), "%s:%s", path, err->msg);
		size_t l = strnlen(m, sizeof(err->msg) - 1);
		memcpy(err->msg, m, l);
		err->msg[l] = 0;
	}
	return rc;
}

void bp_replay_script_release(bp_replay_script *s)
{
	free(s->text);
	free(s->stmt);
	for (unsigned i = 0; i < s->n_classes; i++)
		free(s->classes[i]);
	memset(s, 0, sizeof(*s));
}
