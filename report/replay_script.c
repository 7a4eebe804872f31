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

/* ---- line comments ----------------------------------------------------------------- */

static int intern(char **names, unsigned *n, unsigned max, const char *w, size_t len)
{
	for (unsigned i = 0; i < *n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], w, len) == 0)
			return (int)i;
	if (*n >= max)
		return -1;
	char *c = strndup(w, len);
	if (!c)
		return -1;
	names[*n] = c;
	return (int)(*n)++;
}

static int intern_class(bp_replay_script *s, const char *w, size_t n)
{
	/* the last slot is kept for "other", where any further class goes */
	int c = intern(s->classes, &s->n_classes, BP_RS_MAX_CLASSES - 1, w, n);
	return c >= 0 ? c : intern(s->classes, &s->n_classes, BP_RS_MAX_CLASSES, "other", 5);
}

static bool all_digits(const char *p, size_t n)
{
	if (!n || n > 19)
		return false;
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static uint64_t to_u64(const char *p, size_t n)
{
	uint64_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (uint64_t)(p[i] - '0');
	return v;
}

/* "a..b" -> a and b; "a" -> a twice. */
static void split_range(const char *w, size_t n, const char **a, size_t *an, const char **b, size_t *bn)
{
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < n; i++)
		if (w[i] == '.' && w[i + 1] == '.') {
			dots = w + i;
			break;
		}
	*a = w, *an = dots ? (size_t)(dots - w) : n;
	*b = dots ? dots + 2 : w, *bn = dots ? n - (size_t)(dots + 2 - w) : n;
}

/* A GTID: MariaDB D-S-N (stream "D"), MySQL UUID[:TAG]:N (stream "UUID[:TAG]"). */
static bool gtid_parts(const char *g, size_t n, const char **stream, size_t *sl, uint64_t *seq)
{
	const char *colon = NULL, *d1 = NULL, *d2 = NULL;
	for (size_t i = 0; i < n; i++) {
		if (g[i] == ':')
			colon = g + i;
		else if (g[i] == '-' && !d1)
			d1 = g + i;
		else if (g[i] == '-' && !d2)
			d2 = g + i;
	}
	if (colon) {
		const char *num = colon + 1;
		if (colon == g || !all_digits(num, (size_t)(g + n - num)))
			return false;
		*stream = g, *sl = (size_t)(colon - g), *seq = to_u64(num, (size_t)(g + n - num));
		return true;
	}
	if (!d1 || !d2 || !all_digits(g, (size_t)(d1 - g)) || !all_digits(d1 + 1, (size_t)(d2 - d1 - 1)) ||
	    !all_digits(d2 + 1, (size_t)(g + n - d2 - 1)))
		return false;
	*stream = g, *sl = (size_t)(d1 - g), *seq = to_u64(d2 + 1, (size_t)(g + n - d2 - 1));
	return true;
}

/* FILE:POS: the file's index in s->files (added when new) and the position. */
static bool file_pos(bp_replay_script *s, const char *w, size_t n, uint64_t *key)
{
	const char *colon = NULL;
	for (size_t i = n; i > 0; i--)
		if (w[i - 1] == ':') {
			colon = w + i - 1;
			break;
		}
	if (!colon || colon == w || !all_digits(colon + 1, (size_t)(w + n - colon - 1)))
		return false;
	size_t fl = (size_t)(colon - w), f = s->n_files;
	/* the last file first: a script's lines come file after file */
	for (size_t i = s->n_files; i > 0; i--)
		if (strlen(s->files[i - 1]) == fl && memcmp(s->files[i - 1], w, fl) == 0) {
			f = i - 1;
			break;
		}
	if (f == s->n_files) {
		char **nf = realloc(s->files, (s->n_files + 1) * sizeof(*nf));
		if (!nf)
			return false;
		s->files = nf;
		if (!(s->files[f] = strndup(w, fl)))
			return false;
		s->n_files++;
	}
	*key = BP_RS_POS_KEY(f, to_u64(colon + 1, (size_t)(w + n - colon - 1)));
	return true;
}

/* Where st stands in the log: a GTID stream when both ends have one, else its positions. */
static void comment_position(bp_replay_script *s, const char *pw, size_t pn, const char *gw, size_t gn,
			     bp_rs_stmt *st)
{
	const char *a, *b, *sa, *sb;
	size_t an, bn, sal, sbl;
	uint64_t qa, qb;
	split_range(gw, gn, &a, &an, &b, &bn);
	if (gtid_parts(a, an, &sa, &sal, &qa) && gtid_parts(b, bn, &sb, &sbl, &qb) && sal == sbl &&
	    memcmp(sa, sb, sal) == 0) {
		int k = intern(s->streams, &s->n_streams, BP_RS_MAX_STREAMS, sa, sal);
		if (k > BP_RS_POS) {
			st->stream = (uint16_t)k;
			st->seq_first = qa;
			st->seq_last = qb > qa ? qb : qa;
			if (qa < s->stream_min[k])
				s->stream_min[k] = qa;
		}
		return;
	}
	split_range(pw, pn, &a, &an, &b, &bn);
	if (file_pos(s, a, an, &qa) && file_pos(s, b, bn, &qb)) {
		st->stream = BP_RS_POS;
		st->seq_first = qa;
		st->seq_last = qb > qa ? qb : qa;
	}
}

void bp_replay_comment(bp_replay_script *s, const char *c, size_t n, bp_rs_stmt *st)
{
	const char *w[6];
	size_t wl[6], k = 0;
	for (size_t i = 0; i < n && k < 6;) {
		while (i < n && (c[i] == ' ' || c[i] == '\t'))
			i++;
		size_t j = i;
		while (j < n && c[j] != ' ' && c[j] != '\t')
			j++;
		if (j > i) {
			w[k] = c + i;
			wl[k++] = j - i;
		}
		i = j;
	}
	if (k < 3)
		return;
	if (wl[2] <= 32) {
		int cls = intern_class(s, w[2], wl[2]);
		st->cls = (uint16_t)(cls < 0 ? 0 : cls);
	}
	comment_position(s, w[0], wl[0], w[1], wl[1], st);
	if (k == 6 && all_digits(w[5], wl[5]) && to_u64(w[5], wl[5]) <= UINT32_MAX)
		st->ts = (uint32_t)to_u64(w[5], wl[5]);
}

/* The line comment after a statement's ';' on the same line, if any. */
static void comment_after(bp_replay_script *s, const char *p, const char *end, bp_rs_stmt *st)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (end - p < 2 || p[0] != '/' || p[1] != '*')
		return;
	p += 2;
	const char *q = p;
	while (q + 1 < end && !(q[0] == '*' && q[1] == '/') && *q != '\n')
		q++;
	if (q + 1 < end && q[0] == '*')
		bp_replay_comment(s, p, (size_t)(q - p), st);
}

/* ---- the two passes ---------------------------------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

size_t bp_replay_pos_index(const bp_replay_script *s, uint64_t key)
{
	size_t lo = 0, hi = s->n_pos_keys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->pos_keys[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* First pass: remember a positional key (consecutive repeats once: lines of one event). */
static int add_pos_key(bp_replay_script *s, uint64_t key)
{
	if (s->n_pos_keys && s->pos_keys[s->n_pos_keys - 1] == key)
		return 0;
	if (s->n_pos_keys == s->cap_pos_keys) {
		size_t nc = s->cap_pos_keys ? s->cap_pos_keys * 2 : 1024;
		uint64_t *nv = realloc(s->pos_keys, nc * sizeof(*nv));
		if (!nv)
			return -1;
		s->pos_keys = nv;
		s->cap_pos_keys = nc;
	}
	s->pos_keys[s->n_pos_keys++] = key;
	return 0;
}

/* End of the first pass: the positional keys sorted and distinct, so a seq is an ordinal. */
static void sort_pos_keys(bp_replay_script *s)
{
	if (!s->n_pos_keys)
		return; /* and pos_keys may be NULL, which qsort must not get */
	qsort(s->pos_keys, s->n_pos_keys, sizeof(uint64_t), cmp_u64);
	size_t u = 0;
	for (size_t i = 0; i < s->n_pos_keys; i++)
		if (!u || s->pos_keys[u - 1] != s->pos_keys[i])
			s->pos_keys[u++] = s->pos_keys[i];
	s->n_pos_keys = u;
	if (u)
		s->stream_min[BP_RS_POS] = 0;
}

static int header_index(const char *p, size_t n)
{
	for (int i = 0; i < 3; i++)
		if (strlen(HEADER[i]) == n && memcmp(HEADER[i], p, n) == 0)
			return i;
	return -1;
}

/*
 * One statement text [a, b) from line `line`, its ';' ending at semi_end:
 * a header statement (returns 0) or a SELECT, checked and described in st
 * (returns 1); < 0 refused.
 */
static int take_statement(bp_replay_script *s, bp_rs_reader *rd, const char *a, const char *b, uint32_t line,
			  const char *semi_end, const char *end, bp_rs_stmt *st, bp_err *err)
{
	int h = header_index(a, (size_t)(b - a));
	if (h >= 0) {
		if (rd->seen_select)
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: header statement after the first SELECT", line);
		bool *seen[3] = { &s->hdr_read_only, &s->hdr_names, &s->hdr_time_zone };
		*seen[h] = true;
		return 0;
	}
	const char *why = NULL;
	if (!bp_replay_select_ok(a, (size_t)(b - a), &why))
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: %s: %.*s%s", line, why,
				  (int)(b - a > 60 ? 60 : b - a), a, b - a > 60 ? "..." : "");
	rd->seen_select = true;
	memset(st, 0, sizeof(*st));
	st->sql = a;
	st->len = (uint32_t)(b - a);
	st->line = line;
	comment_after(s, semi_end, end, st);
	if (rd->final && st->stream == BP_RS_POS) {
		st->seq_first = bp_replay_pos_index(s, st->seq_first);
		st->seq_last = bp_replay_pos_index(s, st->seq_last);
	}
	return 1;
}

/*
 * Slide the window: keep [pos, len) at the start and read more. 1 read some,
 * 0 nothing more (eof set), < 0 error.
 */
static int refill(bp_rs_reader *rd, bp_err *err)
{
	if (!rd->fp || rd->eof) {
		rd->eof = true;
		return 0;
	}
	memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
	rd->len -= rd->pos;
	rd->pos = 0;
	if (rd->len == rd->cap) {
		if (rd->cap >= BP_RS_MAX_STATEMENT)
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: a statement longer than %u MiB", rd->line,
					  BP_RS_MAX_STATEMENT >> 20);
		char *nb = realloc(rd->buf, rd->cap * 2);
		if (!nb)
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		rd->buf = nb;
		rd->cap *= 2;
	}
	size_t got = fread(rd->buf + rd->len, 1, rd->cap - rd->len, rd->fp);
	if (!got) {
		if (ferror(rd->fp))
			return BP_ERR_SET(err, BP_E_IO, "read error");
		rd->eof = true;
		return 0;
	}
	if (memchr(rd->buf + rd->len, 0, got))
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "a NUL byte in the script: not a prefetch script");
	rd->len += got;
	return 1;
}

/* Is the rest of the line after p (the statement's comment) in the window? */
static bool line_complete(const bp_rs_reader *rd, const char *p)
{
	return rd->eof || memchr(p, '\n', (size_t)(rd->buf + rd->len - p)) != NULL;
}

/* The next SELECT of rd: 1 (st filled), 0 at the end, < 0 refused or failed. */
static int read_next(bp_replay_script *s, bp_rs_reader *rd, bp_rs_stmt *st, bp_err *err)
{
	for (;;) {
		bp_lexer lx;
		bp_token t;
		bp_lex_init(&lx, rd->buf + rd->pos, rd->len - rd->pos, 0);
		lx.line = rd->line;
		const char *first = NULL, *last_end = NULL, *end = rd->buf + rd->len;
		uint32_t line = 0;
		int more = 0; /* the window ended inside a statement: slide it and lex again */
		for (;;) {
			bp_tok_type ty = bp_lex_next(&lx, &t);
			/* the end of the window, or an error running into it (a string cut by it): slide and lex again */
			if (ty == BP_TK_EOF || (ty == BP_TK_ERROR && lx.p >= lx.end)) {
				if (!rd->eof && (more = refill(rd, err)) < 0)
					return more;
				if (more)
					break;
			}
			if (ty == BP_TK_EOF || ty == BP_TK_ERROR) {
				if (ty == BP_TK_ERROR)
					return BP_ERR_SET(err, BP_E_UNSUPPORTED, "%u: refused: %s", t.line,
							  lx.error ? lx.error : "unterminated text");
				if (first)
					return BP_ERR_SET(err, BP_E_UNSUPPORTED,
							  "%u: refused: last statement has no ';' (truncated script?)", line);
				return 0;
			}
			if (ty == BP_TK_DELIM) {
				const char *semi_end = t.start + t.len;
				if (!line_complete(rd, semi_end)) {
					if ((more = refill(rd, err)) < 0)
						return more;
					break; /* the comment after ';' may be cut: lex again with the rest */
				}
				if (lx.in_vcomment)
					return BP_ERR_SET(err, BP_E_UNSUPPORTED,
							  "%u: refused: a statement ends inside an executable comment", t.line);
				int rc = first ? take_statement(s, rd, first, last_end, line, semi_end, end, st, err) : 0;
				rd->pos = (size_t)(semi_end - rd->buf);
				rd->line = t.line;
				if (rc)
					return rc;
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
	}
}

static void reader_memory(bp_rs_reader *rd, const char *text, size_t n, bool final)
{
	memset(rd, 0, sizeof(*rd));
	rd->buf = (char *)text; /* not written: only a FILE's window is */
	rd->len = rd->cap = n;
	rd->line = 1;
	rd->eof = true;
	rd->final = final;
}

static int reader_file(bp_rs_reader *rd, FILE *fp, size_t window, bool final, bp_err *err)
{
	memset(rd, 0, sizeof(*rd));
	rd->fp = fp;
	rd->line = 1;
	rd->final = final;
	rd->cap = window ? window : BP_RS_WINDOW;
	if (!(rd->buf = malloc(rd->cap)))
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	return 0;
}

/* The first pass: every statement checked, what the replay needs learned. */
static int first_pass(bp_replay_script *s, bp_rs_reader *rd, bp_err *err)
{
	if (!s->n_classes && (intern_class(s, "-", 1) < 0 || intern(s->streams, &s->n_streams, 2, "-", 1) < 0 ||
			      intern(s->streams, &s->n_streams, 2, "@pos", 4) < 0))
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	for (unsigned i = 0; i < BP_RS_MAX_STREAMS; i++)
		s->stream_min[i] = UINT64_MAX;
	bp_rs_stmt st;
	int rc;
	while ((rc = read_next(s, rd, &st, err)) > 0) {
		s->n++;
		s->with_ts += st.ts != 0;
		s->with_stream += st.stream != 0;
		s->has_gtid |= st.stream > BP_RS_POS;
		s->has_pos |= st.stream == BP_RS_POS;
		if (!s->ts0)
			s->ts0 = st.ts;
		if (!st.stream && !s->line_no_stream)
			s->line_no_stream = st.line;
		if (st.stream == BP_RS_POS && (add_pos_key(s, st.seq_first) || add_pos_key(s, st.seq_last)))
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	}
	if (rc < 0)
		return rc;
	sort_pos_keys(s);
	return 0;
}

int bp_replay_script_parse(bp_replay_script *s, const char *text, size_t n, bp_err *err)
{
	if (memchr(text, 0, n))
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "a NUL byte in the script: not a prefetch script");
	bp_rs_reader rd;
	reader_memory(&rd, text, n, false);
	int rc = first_pass(s, &rd, err);
	if (!rc)
		reader_memory(&s->rd, text, n, true);
	return rc;
}

/* Prefix err's message with the path. */
static void name_path(bp_err *err, const char *path)
{
	char m[sizeof(err->msg) + 4200];
	snprintf(m, sizeof(m), "%s:%s", path, err->msg);
	size_t l = strnlen(m, sizeof(err->msg) - 1);
	memcpy(err->msg, m, l);
	err->msg[l] = 0;
}

static int slurp(FILE *fp, char **out, size_t *len, bp_err *err)
{
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
	if (!b)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	if (ferror(fp)) {
		free(b);
		return BP_ERR_SET(err, BP_E_IO, "read error");
	}
	b[n] = 0;
	*out = b;
	*len = n;
	return 0;
}

int bp_replay_script_load(bp_replay_script *s, const char *path, bp_err *err)
{
	int rc;
	if (strcmp(path, "-") == 0) { /* stdin cannot be read twice: it is kept whole */
		rc = slurp(stdin, &s->text, &s->size, err);
		if (!rc)
			rc = bp_replay_script_parse(s, s->text, s->size, err);
	} else {
		FILE *fp = fopen(path, "rb");
		if (!fp)
			return BP_ERR_SET(err, BP_E_IO, "%s: cannot open: %s", path, strerror(errno));
		bp_rs_reader rd;
		rc = reader_file(&rd, fp, s->window, false, err);
		if (!rc)
			rc = first_pass(s, &rd, err);
		free(rd.buf);
		rewind(fp);
		if (!rc)
			rc = reader_file(&s->rd, fp, s->window, true, err);
		if (rc)
			fclose(fp);
	}
	if (rc && err->code != BP_E_NOMEM)
		name_path(err, path);
	return rc;
}

int bp_replay_script_next(bp_replay_script *s, bp_rs_stmt *st, bp_err *err)
{
	return read_next(s, &s->rd, st, err);
}

void bp_replay_script_release(bp_replay_script *s)
{
	if (s->rd.fp) {
		fclose(s->rd.fp);
		free(s->rd.buf);
	}
	free(s->text);
	for (unsigned i = 0; i < s->n_classes; i++)
		free(s->classes[i]);
	for (unsigned i = 0; i < s->n_streams; i++)
		free(s->streams[i]);
	for (size_t i = 0; i < s->n_files; i++)
		free(s->files[i]);
	free(s->files);
	free(s->pos_keys);
	memset(s, 0, sizeof(*s));
}
