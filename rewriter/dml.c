/*
 * dml.c: the recursive-descent parser of rewriter/dml.h, over the tokens of
 * rewriter/lexer.h.
 *
 * Grammar: MySQL 8.0 and MariaDB 10.11 sql_yacc.yy, reduced to what a binlog
 * QUERY event holds. Expressions follow the server's precedence (lowest
 * first):
 *
 *   OR ||   XOR   AND &&   NOT          expr          logic(), not_expr()
 *   IS, = <=> < <= > >= <> !=           bool_pri      bool_pri()
 *   [NOT] IN / BETWEEN / LIKE / REGEXP  predicate     predicate()
 *   | & << >> + - * / DIV % MOD ^ ||    bit_expr      bit_expr() (precedence
 *                                                     climbing, bit_prec())
 *   - + ~ ! BINARY (NOT with HIGH_NOT_PRECEDENCE)     unary()
 *   COLLATE, -> ->>                     postfix       postfix()
 *   literals, names, calls, CASE, CAST, INTERVAL, (..), subqueries  primary()
 *
 * || is OR unless PIPES_AS_CONCAT, where it binds tighter than ^ (MySQL puts
 * it in simple_expr). A LIKE without ESCAPE gets the server's implicit one
 * ('\' or, under NO_BACKSLASH_ESCAPES, '') as args[2], so a printed LIKE
 * means the same in any session.
 *
 * Errors: the first one wins (p->err, p->err_off); functions return NULL or
 * -1 and every caller passes that up. A call of a function whose arguments do
 * not parse (GROUP_CONCAT(.. SEPARATOR ..), JSON_VALUE(.. RETURNING ..), ...)
 * is re-read as a balanced token run and becomes BP_X_OTHER: the statement
 * still parses, the expression is simply not copyable. Lexer errors, "too
 * deeply nested" and out-of-memory are fatal and never recovered that way.
 *
 * Bounds: recursion is counted in p->depth (every function that can re-enter
 * the expression or table grammar) and refused past BP_DML_MAX_DEPTH; the
 * height of an expression tree (which left-deep chains such as a+b+c+...
 * grow without recursion here) is refused past BP_EXPR_MAX_HEIGHT, so the
 * recursive printer and the rules that walk trees stay within the stack.
 */
#include "dml.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lexer.h"

#define BP_DML_MAX_DEPTH 200
#define LOOK 4 /* tokens of look-ahead (the grammar needs 3) */

typedef struct parser {
	bp_lexer lx;
	bp_token look[LOOK]; /* look[0] is the current token */
	unsigned nlook;
	const char *sql;
	size_t n;
	const bp_dml_ctx *ctx;
	unsigned lexf;
	bp_arena *a;
	int depth;
	const char *err;     /* first error (static text or arena) */
	uint32_t err_off;
	bool fatal;          /* err may not be recovered (lexer, depth, memory) */
	bool oom;
	const char *lex_err; /* message of the BP_TK_ERROR token, when one was read */
} parser;

/* Saved position for re-reading a function call (see call()). */
typedef struct mark {
	bp_lexer lx;
	bp_token look[LOOK];
	unsigned nlook;
} mark;

/* ---- tokens --------------------------------------------------------------------- */

static void fetch(parser *p, bp_token *t)
{
	bp_tok_type ty;
	do
		ty = bp_lex_next(&p->lx, t);
	while (ty == BP_TK_HINT); /* optimizer hints change plans, not what is written */
	if (ty == BP_TK_ERROR && !p->lex_err)
		p->lex_err = p->lx.error ? p->lx.error : "bad token";
}

static bp_token *peek(parser *p, unsigned k)
{
	while (p->nlook <= k)
		fetch(p, &p->look[p->nlook++]);
	return &p->look[k];
}

static bp_token *cur(parser *p) { return peek(p, 0); }

static void advance(parser *p)
{
	peek(p, 0);
	memmove(&p->look[0], &p->look[1], (p->nlook - 1) * sizeof(bp_token));
	p->nlook--;
}

static void mark_save(parser *p, mark *m)
{
	m->lx = p->lx;
	memcpy(m->look, p->look, sizeof(m->look));
	m->nlook = p->nlook;
}

static void mark_restore(parser *p, const mark *m)
{
	p->lx = m->lx;
	memcpy(p->look, m->look, sizeof(m->look));
	p->nlook = m->nlook;
}

static uint32_t tok_off(const parser *p, const bp_token *t) { return (uint32_t)(t->start - p->sql); }
static uint32_t tok_end(const parser *p, const bp_token *t) { return (uint32_t)(t->start + t->len - p->sql); }

static bool is_kw(const bp_token *t, bp_keyword k) { return t->type == BP_TK_IDENT && t->code == k; }
static bool is_op(const bp_token *t, bp_op o) { return t->type == BP_TK_OP && t->code == o; }

/* A bare word spelled w (any case), keyword or not. */
static bool is_word(const bp_token *t, const char *w)
{
	size_t n = strlen(w);
	return t->type == BP_TK_IDENT && t->len == n && strncasecmp(t->start, w, n) == 0;
}

static bool is_end(const bp_token *t)
{
	return t->type == BP_TK_EOF || t->type == BP_TK_DELIM || is_op(t, BP_OP_SEMI);
}

static bool accept_kw(parser *p, bp_keyword k)
{
	if (!is_kw(cur(p), k))
		return false;
	advance(p);
	return true;
}

static bool accept_op(parser *p, bp_op o)
{
	if (!is_op(cur(p), o))
		return false;
	advance(p);
	return true;
}

static bool accept_word(parser *p, const char *w)
{
	if (!is_word(cur(p), w))
		return false;
	advance(p);
	return true;
}

/* ---- errors and memory ------------------------------------------------------------- */

/* Record the first error, at token t (a lexer error token gives its own message). */
static void fail_at(parser *p, const bp_token *t, const char *msg)
{
	if (p->err)
		return;
	if (t->type == BP_TK_ERROR) {
		msg = p->lex_err ? p->lex_err : "bad token";
		p->fatal = true;
	}
	p->err = msg;
	p->err_off = tok_off(p, t);
}

static int fail(parser *p, const char *msg)
{
	fail_at(p, cur(p), msg);
	return -1;
}

static void *fail_null(parser *p, const char *msg)
{
	fail(p, msg);
	return NULL;
}

static void *oom(parser *p)
{
	p->oom = p->fatal = true;
	if (!p->err) {
		p->err = "out of memory";
		p->err_off = 0;
	}
	return NULL;
}

static void *alloc(parser *p, size_t n)
{
	void *m = bp_arena_alloc(p->a, n ? n : 1);
	if (!m)
		return oom(p);
	memset(m, 0, n ? n : 1);
	return m;
}

/* Enter a recursive rule; false (with the error set) past the limit. */
static bool enter(parser *p)
{
	if (++p->depth > BP_DML_MAX_DEPTH) {
		if (!p->err || !p->fatal) {
			p->err = NULL;
			fail(p, "too deeply nested");
			p->fatal = true;
		}
		return false;
	}
	return true;
}

static void leave(parser *p) { p->depth--; }

/* A growable array in the arena (doubling; the old block is abandoned). */
typedef struct vec {
	void *data;
	uint32_t n, cap;
} vec;

static void *vec_add(parser *p, vec *v, size_t esz)
{
	if (v->n == v->cap) {
		uint32_t nc = v->cap ? v->cap * 2 : 4;
		if (nc <= v->cap || (size_t)nc > SIZE_MAX / esz)
			return oom(p);
		void *nd = bp_arena_alloc(p->a, (size_t)nc * esz);
		if (!nd)
			return oom(p);
		if (v->n)
			memcpy(nd, v->data, (size_t)v->n * esz);
		v->data = nd;
		v->cap = nc;
	}
	void *slot = (char *)v->data + (size_t)v->n++ * esz;
	memset(slot, 0, esz);
	return slot;
}

static int vec_push_ptr(parser *p, vec *v, void *x)
{
	void **slot = vec_add(p, v, sizeof(void *));
	if (!slot)
		return -1;
	*slot = x;
	return 0;
}

/* ---- names and values ----------------------------------------------------------------- */

/* The decoded value of token t (quotes removed, escapes per the session), NUL-terminated. */
static char *tok_text(parser *p, const bp_token *t, uint32_t *len)
{
	char *s = bp_arena_alloc(p->a, (size_t)t->len + 1);
	if (!s)
		return oom(p);
	size_t n = bp_tok_value(t, p->lexf, s, (size_t)t->len + 1);
	if (n > t->len) /* cannot happen: decoding only shrinks */
		n = t->len;
	s[n] = 0;
	if (len)
		*len = (uint32_t)n;
	return s;
}

/* A copy of s[0..n) in the arena, upper- or lower-cased (ASCII). */
static char *case_dup(parser *p, const char *s, size_t n, bool upper)
{
	char *u = bp_arena_strndup(p->a, s, n);
	if (!u)
		return oom(p);
	for (size_t i = 0; i < n; i++)
		u[i] = (char)(upper ? toupper((unsigned char)u[i]) : tolower((unsigned char)u[i]));
	return u;
}

static char *upper_dup(parser *p, const char *s, size_t n) { return case_dup(p, s, n, true); }
static char *lower_dup(parser *p, const char *s, size_t n) { return case_dup(p, s, n, false); }

/* Can t be a name: a quoted name, or a bare word that is not a reserved keyword. */
static bool is_name_tok(const bp_token *t)
{
	return t->type == BP_TK_QIDENT || (t->type == BP_TK_IDENT && !bp_kw_reserved((bp_keyword)t->code));
}

/* Take a name (what: for the message). */
static const char *name(parser *p, const char *what)
{
	bp_token *t = cur(p);
	if (!is_name_tok(t))
		return fail_null(p, what);
	uint32_t n;
	char *s = tok_text(p, t, &n);
	if (!s)
		return NULL;
	if (n == 0)
		return fail_null(p, "empty name");
	if (memchr(s, 0, n)) /* the server refuses them too; and names are C strings here */
		return fail_null(p, "NUL byte in a name");
	advance(p);
	return s;
}

/* [db.]name */
static int qualified_name(parser *p, const char **db, const char **nm, const char *what)
{
	*db = NULL;
	if (!(*nm = name(p, what)))
		return -1;
	if (is_op(cur(p), BP_OP_DOT)) {
		advance(p);
		*db = *nm;
		if (!(*nm = name(p, what)))
			return -1;
	}
	return 0;
}

/* Skip a balanced run from the '(' at the current token to its ')', both included. */
static int skip_parens(parser *p)
{
	if (!accept_op(p, BP_OP_LPAREN))
		return fail(p, "expected '('");
	uint32_t depth = 1;
	while (depth) {
		bp_token *t = cur(p);
		if (t->type == BP_TK_EOF || t->type == BP_TK_ERROR || t->type == BP_TK_DELIM)
			return fail(p, "unbalanced parentheses");
		if (is_op(t, BP_OP_LPAREN))
			depth++;
		else if (is_op(t, BP_OP_RPAREN))
			depth--;
		advance(p);
	}
	return 0;
}

/* Skip to the end of the statement (parts not modelled: RETURNING lists, LOAD options). */
static int skip_to_end(parser *p)
{
	while (!is_end(cur(p))) {
		if (cur(p)->type == BP_TK_ERROR)
			return fail(p, "bad token");
		if (is_op(cur(p), BP_OP_LPAREN)) {
			if (skip_parens(p))
				return -1;
		} else {
			advance(p);
		}
	}
	return 0;
}

/* ---- expression nodes ---------------------------------------------------------------- */

#define BP_EXPR_MAX_HEIGHT 2000

/* A new leaf of the given kind starting at byte offset off (NULL: no memory, reported). */
static bp_expr *node_at(parser *p, bp_expr_kind kind, uint32_t off)
{
	bp_expr *e = alloc(p, sizeof(*e));
	if (!e)
		return NULL;
	e->kind = (uint8_t)kind;
	e->offset = off;
	e->height = 1;
	return e;
}

static bp_expr *node(parser *p, bp_expr_kind kind, const bp_token *at)
{
	return node_at(p, kind, tok_off(p, at));
}

/* Set e's arguments (copied into the arena); checks the tree's height. */
static bp_expr *with_args(parser *p, bp_expr *e, bp_expr **args, uint32_t n)
{
	if (!e)
		return NULL;
	if (n) {
		e->args = bp_arena_memdup(p->a, args, (size_t)n * sizeof(*args));
		if (!e->args)
			return oom(p);
	}
	e->n_args = n;
	uint32_t h = 0;
	for (uint32_t i = 0; i < n; i++)
		if (args[i] && args[i]->height > h)
			h = args[i]->height;
	e->height = h + 1;
	if (e->height > BP_EXPR_MAX_HEIGHT) {
		if (!p->err) {
			p->err = "expression too deeply nested";
			p->err_off = e->offset;
		}
		p->fatal = true;
		return NULL;
	}
	return e;
}

static bp_expr *node1(parser *p, bp_expr_kind kind, uint16_t op, bp_expr *a, uint32_t off)
{
	bp_expr *e = node_at(p, kind, off);
	if (!e)
		return NULL;
	e->op = op;
	return with_args(p, e, &a, 1);
}

static bp_expr *node2(parser *p, bp_expr_kind kind, uint16_t op, bp_expr *a, bp_expr *b)
{
	bp_expr *e = node_at(p, kind, a->offset);
	if (!e)
		return NULL;
	e->op = op;
	bp_expr *v[2] = { a, b };
	return with_args(p, e, v, 2);
}

static bp_expr *from_vec(parser *p, bp_expr *e, vec *v)
{
	return with_args(p, e, (bp_expr **)v->data, v->n);
}

static bp_expr *lit_text(parser *p, bp_lit_kind lit, const bp_token *at, const char *text)
{
	bp_expr *e = node(p, BP_X_LITERAL, at);
	if (!e)
		return NULL;
	e->lit = (uint8_t)lit;
	e->text = text;
	return e;
}

static bp_expr *lit_bytes(parser *p, bp_lit_kind lit, const bp_token *at, const uint8_t *b, uint32_t n, const char *cs)
{
	bp_expr *e = node(p, BP_X_LITERAL, at);
	if (!e)
		return NULL;
	e->lit = (uint8_t)lit;
	e->bytes = b;
	e->len = n;
	e->charset = cs;
	return e;
}

/* ---- literals ------------------------------------------------------------------------ */

static unsigned hexval(char c) { return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10); }

/* Bytes of hex digits s[0..n): an odd count gets a leading 0 (as 0xABC). */
static uint8_t *hex_bytes(parser *p, const char *s, size_t n, uint32_t *len)
{
	size_t nb = (n + 1) / 2;
	uint8_t *b = bp_arena_alloc(p->a, nb + 1);
	if (!b)
		return oom(p);
	size_t i = 0, k = 0;
	if (n & 1)
		b[k++] = (uint8_t)hexval(s[i++]);
	for (; i + 1 < n; i += 2)
		b[k++] = (uint8_t)(hexval(s[i]) << 4 | hexval(s[i + 1]));
	b[nb] = 0;
	*len = (uint32_t)nb;
	return b;
}

/* Bytes of bits s[0..n), big-endian, as the server builds b'..' (ceil(n/8) bytes). */
static uint8_t *bit_bytes(parser *p, const char *s, size_t n, uint32_t *len)
{
	size_t nb = (n + 7) / 8;
	uint8_t *b = bp_arena_alloc(p->a, nb + 1);
	if (!b)
		return oom(p);
	memset(b, 0, nb + 1);
	for (size_t i = 0; i < n; i++) {
		size_t bit = n - 1 - i; /* from the least significant */
		if (s[i] == '1')
			b[nb - 1 - bit / 8] |= (uint8_t)(1u << (bit % 8));
	}
	*len = (uint32_t)nb;
	return b;
}

/* X'..', 0x.., B'..', 0b.. at the current token. */
static bp_expr *xb_literal(parser *p, const char *cs)
{
	bp_token *t = cur(p);
	const char *s = t->start;
	size_t n = t->len;
	bool hex = t->type == BP_TK_HEXSTR || t->type == BP_TK_HEXNUM;
	if (t->type == BP_TK_HEXSTR || t->type == BP_TK_BITSTR) {
		s += 2; /* X' */
		n = n >= 3 ? n - 3 : 0;
		if (hex && (n & 1))
			return fail_null(p, "odd number of digits in a hexadecimal literal");
	} else {
		s += 2; /* 0x */
		n -= 2;
	}
	uint32_t len;
	uint8_t *b = hex ? hex_bytes(p, s, n, &len) : bit_bytes(p, s, n, &len);
	if (!b)
		return NULL;
	bp_expr *e = lit_bytes(p, hex ? BP_L_HEX : BP_L_BIT, t, b, len, cs);
	advance(p);
	return e;
}

/* 'a' 'b' ...: adjacent strings are one literal, as the server concatenates them. */
static bp_expr *string_literal(parser *p, const bp_token *at_, const char *cs)
{
	const bp_token at0 = *at_; /* at_ may be the current token, which advance() overwrites */
	const bp_token *at = &at0;
	bp_buf b = BP_BUF_INIT;
	bp_token *t = cur(p);
	bool first = true;
	while (t->type == BP_TK_STRING || (first && t->type == BP_TK_NSTRING)) {
		uint32_t n;
		char *s = tok_text(p, t, &n);
		if (!s) {
			bp_buf_release(&b);
			return NULL;
		}
		if (t->type == BP_TK_NSTRING)
			cs = "utf8mb3";
		bp_buf_add(&b, s, n);
		advance(p);
		t = cur(p);
		first = false;
	}
	if (!bp_buf_ok(&b)) {
		bp_buf_release(&b);
		return oom(p);
	}
	uint8_t *bytes = bp_arena_alloc(p->a, b.len + 1);
	if (!bytes) {
		bp_buf_release(&b);
		return oom(p);
	}
	if (b.len)
		memcpy(bytes, b.data, b.len);
	bytes[b.len] = 0;
	bp_expr *e = lit_bytes(p, BP_L_STRING, at, bytes, (uint32_t)b.len, cs);
	bp_buf_release(&b);
	return e;
}

/* _charset followed by a string, hex or bit literal. */
static bp_expr *introduced_literal(parser *p)
{
	bp_token t = *cur(p);
	char *cs = lower_dup(p, t.start + 1, t.len - 1);
	if (!cs)
		return NULL;
	advance(p);
	bp_token *v = cur(p);
	switch (v->type) {
	case BP_TK_STRING:
		return string_literal(p, &t, cs);
	case BP_TK_HEXSTR:
	case BP_TK_HEXNUM:
	case BP_TK_BITSTR:
	case BP_TK_BITNUM: {
		bp_expr *e = xb_literal(p, cs);
		if (e)
			e->offset = tok_off(p, &t);
		return e;
	}
	default:
		return fail_null(p, "expected a string after a character set introducer");
	}
}

static bp_expr *number_literal(parser *p, const char *sign)
{
	bp_token *t = cur(p);
	bp_lit_kind k = t->type == BP_TK_INTEGER ? BP_L_INT : t->type == BP_TK_DECIMAL ? BP_L_DECIMAL : BP_L_FLOAT;
	size_t sn = strlen(sign);
	char *s = bp_arena_alloc(p->a, sn + t->len + 1);
	if (!s)
		return oom(p);
	memcpy(s, sign, sn);
	memcpy(s + sn, t->start, t->len);
	s[sn + t->len] = 0;
	bp_expr *e = lit_text(p, k, t, s);
	advance(p);
	return e;
}

/* DATE 'x', TIME 'x', TIMESTAMP 'x' (kw at the current token, the string next). */
static bp_expr *temporal_literal(parser *p, const char *kind)
{
	bp_token at = *cur(p);
	advance(p);
	bp_expr *s = string_literal(p, &at, NULL);
	if (!s)
		return NULL;
	s->lit = BP_L_TEMPORAL;
	s->text = (const char *)s->bytes;
	s->name = kind;
	return s;
}

/* ---- expressions ------------------------------------------------------------------------ */

static bp_expr *expr(parser *p);

/* Parse an expression and append it to v: 0, or -1 (error reported, or no memory). */
static int push_expr(parser *p, vec *v)
{
	bp_expr *e = expr(p);
	return e && !vec_push_ptr(p, v, e) ? 0 : -1;
}

static bp_expr *bit_expr(parser *p, int min);
static bp_expr *predicate(parser *p);
static bp_expr *unary(parser *p);
static const char *plain_word(parser *p, const char *what);

/* Does token k start a query (a subquery rather than an expression)? VALUES only
 * as VALUES ROW(..) (MySQL 8): VALUES(col) is the function of ODKU. */
static bool starts_query(parser *p, unsigned k)
{
	bp_token *t = peek(p, k);
	if (is_kw(t, BP_KW_VALUES))
		return k + 1 < LOOK && is_kw(peek(p, k + 1), BP_KW_ROW);
	return is_kw(t, BP_KW_SELECT) || is_kw(t, BP_KW_WITH) || is_kw(t, BP_KW_TABLE);
}

/* Does a '(' ... at k open a subquery, possibly inside more parentheses: "((SELECT". */
static bool paren_query(parser *p, unsigned k)
{
	while (k < LOOK - 2 && is_op(peek(p, k), BP_OP_LPAREN))
		k++;
	return starts_query(p, k);
}

/* (SELECT ...) at the current '(': skipped, a BP_X_SUBQUERY. */
static bp_expr *subquery(parser *p, uint16_t op)
{
	bp_expr *e = node(p, BP_X_SUBQUERY, cur(p));
	if (!e)
		return NULL;
	e->op = op;
	uint32_t start = tok_off(p, cur(p));
	if (skip_parens(p))
		return NULL;
	e->len = (uint32_t)(p->lx.p - p->sql) - start; /* approximate span, for messages */
	return e;
}

/* expr, expr, ... up to (not including) the closing token. */
static int expr_list(parser *p, vec *v)
{
	for (;;) {
		bp_expr *e = expr(p);
		if (!e || vec_push_ptr(p, v, e))
			return -1;
		if (!accept_op(p, BP_OP_COMMA))
			return 0;
	}
}

static int expect_op(parser *p, bp_op o, const char *msg)
{
	if (!accept_op(p, o))
		return fail(p, msg);
	return 0;
}

/* The temporal unit (DAY, HOUR_MINUTE, SQL_TSI_DAY ...) t spells: its upper-case name, or NULL. */
static const char *unit_lookup(const bp_token *t)
{
	static const char *const units[] = {
		"MICROSECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR",
		"SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND", "HOUR_MICROSECOND", "HOUR_SECOND",
		"HOUR_MINUTE", "DAY_MICROSECOND", "DAY_SECOND", "DAY_MINUTE", "DAY_HOUR", "YEAR_MONTH",
	};
	if (t->type != BP_TK_IDENT)
		return NULL;
	const char *s = t->start;
	size_t n = t->len;
	if (n > 8 && strncasecmp(s, "SQL_TSI_", 8) == 0)
		s += 8, n -= 8;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i]) == n && strncasecmp(units[i], s, n) == 0)
			return units[i];
	return NULL;
}

static const char *unit_name(parser *p)
{
	const char *u = unit_lookup(cur(p));
	if (u)
		advance(p);
	return u;
}

static bp_expr *interval_of(parser *p, const bp_token *at, bp_expr *v)
{
	const char *u = unit_name(p);
	if (!u)
		return fail_null(p, "expected an interval unit");
	bp_expr *e = node1(p, BP_X_INTERVAL, 0, v, tok_off(p, at));
	if (e)
		e->name = u;
	return e;
}

/* INTERVAL expr unit, or the function INTERVAL(n, n1, ...) (current token: INTERVAL). */
static bp_expr *interval(parser *p)
{
	bp_token at = *cur(p);
	advance(p);
	if (!is_op(cur(p), BP_OP_LPAREN) || paren_query(p, 1)) {
		bp_expr *v = expr(p);
		return v ? interval_of(p, &at, v) : NULL;
	}
	advance(p);
	vec v = { 0 };
	if (expr_list(p, &v) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	if (v.n == 1 && unit_lookup(cur(p))) /* INTERVAL (1) DAY */
		return interval_of(p, &at, ((bp_expr **)v.data)[0]);
	bp_expr *f = node(p, BP_X_FUNC, &at);
	if (f)
		f->name = "INTERVAL";
	return from_vec(p, f, &v);
}

/* CASE [x] WHEN a THEN b ... [ELSE c] END */
static bp_expr *case_expr(parser *p)
{
	bp_token at = *cur(p);
	advance(p);
	vec v = { 0 };
	bp_expr *operand = NULL;
	if (!is_kw(cur(p), BP_KW_WHEN) && !(operand = expr(p)))
		return NULL;
	if (vec_push_ptr(p, &v, operand))
		return NULL;
	if (!is_kw(cur(p), BP_KW_WHEN))
		return fail_null(p, "expected WHEN");
	while (accept_kw(p, BP_KW_WHEN)) {
		if (push_expr(p, &v))
			return NULL;
		if (!accept_kw(p, BP_KW_THEN))
			return fail_null(p, "expected THEN");
		if (push_expr(p, &v))
			return NULL;
	}
	if (accept_kw(p, BP_KW_ELSE)) {
		if (push_expr(p, &v))
			return NULL;
	}
	if (!accept_kw(p, BP_KW_END))
		return fail_null(p, "expected END");
	return from_vec(p, node(p, BP_X_CASE, &at), &v);
}

/*
 * A type of CAST/CONVERT, up to the closing ')': CHAR(10) CHARACTER SET utf8mb4,
 * DECIMAL(10,2), SIGNED INTEGER, BINARY, JSON ... Kept as canonical text made only
 * of upper-cased bare words, numbers, parentheses and commas, so it prints safely.
 */
static const char *type_text(parser *p)
{
	bp_buf b = BP_BUF_INIT;
	int depth = 0;
	bool prev_word = false;
	for (unsigned guard = 0;; guard++) {
		bp_token *t = cur(p);
		if (guard > 64) {
			bp_buf_release(&b);
			return fail_null(p, "type too long");
		}
		if (depth == 0 && is_op(t, BP_OP_RPAREN))
			break;
		if (t->type == BP_TK_IDENT || t->type == BP_TK_INTEGER || t->type == BP_TK_QIDENT ||
		    t->type == BP_TK_STRING) {
			uint32_t n;
			char *s = t->type == BP_TK_IDENT || t->type == BP_TK_INTEGER ? NULL : tok_text(p, t, &n);
			const char *w = s ? s : t->start;
			size_t wn = s ? n : t->len;
			if (wn == 0 || wn > 64) {
				bp_buf_release(&b);
				return fail_null(p, "expected a type");
			}
			for (size_t i = 0; i < wn; i++)
				if (!isalnum((unsigned char)w[i]) && w[i] != '_') {
					bp_buf_release(&b);
					return fail_null(p, "expected a type");
				}
			if (prev_word)
				bp_buf_addc(&b, ' ');
			for (size_t i = 0; i < wn; i++)
				bp_buf_addc(&b, (char)toupper((unsigned char)w[i]));
			prev_word = true;
		} else if (is_op(t, BP_OP_LPAREN) && depth == 0 && prev_word) {
			depth++;
			bp_buf_addc(&b, '(');
			prev_word = false;
		} else if (is_op(t, BP_OP_RPAREN) && depth == 1) {
			depth--;
			bp_buf_addc(&b, ')');
			prev_word = true;
		} else if (is_op(t, BP_OP_COMMA) && depth == 1) {
			bp_buf_addc(&b, ',');
			prev_word = false;
		} else {
			bp_buf_release(&b);
			return fail_null(p, "expected a type");
		}
		advance(p);
	}
	if (b.len == 0 || !bp_buf_ok(&b)) {
		bool mem = !bp_buf_ok(&b);
		bp_buf_release(&b);
		return mem ? oom(p) : fail_null(p, "expected a type");
	}
	char *s = bp_arena_strndup(p->a, b.data, b.len);
	bp_buf_release(&b);
	return s ? s : oom(p);
}

/* CAST(x AS type) (current token: '(' after CAST). */
static bp_expr *cast_args(parser *p, const bp_token *at)
{
	advance(p);
	bp_expr *x = expr(p);
	if (!x)
		return NULL;
	if (!accept_kw(p, BP_KW_AS))
		return fail_null(p, "expected AS");
	const char *ty = type_text(p);
	if (!ty || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	bp_expr *e = node1(p, BP_X_CAST, 0, x, tok_off(p, at));
	if (e)
		e->name = ty;
	return e;
}

/* CONVERT(x, type) | CONVERT(x USING charset) */
static bp_expr *convert_args(parser *p, const bp_token *at)
{
	advance(p);
	bp_expr *x = expr(p);
	if (!x)
		return NULL;
	const char *ty;
	if (accept_kw(p, BP_KW_USING)) {
		bp_token *t = cur(p);
		if (!is_name_tok(t) && !is_kw(t, BP_KW_BINARY) && t->type != BP_TK_STRING)
			return fail_null(p, "expected a character set name");
		const char *cs = plain_word(p, "expected a character set name");
		if (!cs)
			return NULL;
		size_t n = strlen(cs);
		char *s = bp_arena_alloc(p->a, n + 32);
		if (!s)
			return oom(p);
		memcpy(s, "CHAR CHARACTER SET ", 19);
		for (size_t i = 0; i <= n; i++) /* upper case, as type_text writes CAST(.. AS ..) types */
			s[19 + i] = (char)toupper((unsigned char)cs[i]);
		ty = s;
	} else {
		if (expect_op(p, BP_OP_COMMA, "expected ',' or USING"))
			return NULL;
		ty = type_text(p);
	}
	if (!ty || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	bp_expr *e = node1(p, BP_X_CAST, 0, x, tok_off(p, at));
	if (e)
		e->name = ty;
	return e;
}

/* TRIM([{BOTH|LEADING|TRAILING} [rem] FROM] s) | TRIM(rem FROM s): args [s, rem], op the side. */
static bp_expr *trim_args(parser *p, bp_expr *f)
{
	advance(p);
	bp_expr *a[2] = { NULL, NULL };
	uint32_t n = 1;
	bp_token *t = cur(p);
	if (is_kw(t, BP_KW_BOTH) || is_kw(t, BP_KW_LEADING) || is_kw(t, BP_KW_TRAILING)) {
		f->op = t->code;
		advance(p);
		if (!accept_kw(p, BP_KW_FROM)) {
			if (!(a[1] = expr(p)))
				return NULL;
			n = 2;
			if (!accept_kw(p, BP_KW_FROM))
				return fail_null(p, "expected FROM");
		}
		a[0] = expr(p);
	} else {
		bp_expr *x = expr(p);
		if (!x)
			return NULL;
		if (accept_kw(p, BP_KW_FROM)) {
			a[1] = x;
			n = 2;
			a[0] = expr(p);
		} else {
			a[0] = x;
		}
	}
	if (!a[0] || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	return with_args(p, f, a, n);
}

/* SUBSTRING(s FROM pos [FOR len]) or the comma form. */
static bp_expr *substring_args(parser *p, bp_expr *f)
{
	advance(p);
	vec v = { 0 };
	if (push_expr(p, &v))
		return NULL;
	if (accept_kw(p, BP_KW_FROM)) {
		if (push_expr(p, &v))
			return NULL;
		if (accept_kw(p, BP_KW_FOR)) {
			if (push_expr(p, &v))
				return NULL;
		}
	} else if (accept_op(p, BP_OP_COMMA) && expr_list(p, &v)) {
		return NULL;
	}
	if (expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	return from_vec(p, f, &v);
}

/* POSITION(a IN b): LOCATE(a, b). */
static bp_expr *position_args(parser *p, bp_expr *f)
{
	advance(p);
	bp_expr *a[2];
	if (!(a[0] = bit_expr(p, 0)))
		return NULL;
	if (!accept_kw(p, BP_KW_IN))
		return fail_null(p, "expected IN");
	if (!(a[1] = expr(p)) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	f->name = "LOCATE";
	return with_args(p, f, a, 2);
}

/* EXTRACT(unit FROM x), TIMESTAMPADD(unit, a, b), TIMESTAMPDIFF(unit, a, b),
 * GET_FORMAT({DATE|TIME|DATETIME|TIMESTAMP}, x): the word goes to f->text. */
static bp_expr *word_first_args(parser *p, bp_expr *f)
{
	advance(p);
	bool extract = strcmp(f->name, "EXTRACT") == 0;
	if (strcmp(f->name, "GET_FORMAT") == 0) {
		bp_token *t = cur(p);
		if (!is_kw(t, BP_KW_DATE) && !is_kw(t, BP_KW_TIME) && !is_kw(t, BP_KW_DATETIME) &&
		    !is_kw(t, BP_KW_TIMESTAMP))
			return fail_null(p, "expected DATE, TIME, DATETIME or TIMESTAMP");
		f->text = bp_kw_name((bp_keyword)t->code);
		advance(p);
	} else if (!(f->text = unit_name(p))) {
		return fail_null(p, "expected a unit");
	}
	if (extract ? !accept_kw(p, BP_KW_FROM) : !accept_op(p, BP_OP_COMMA))
		return fail_null(p, extract ? "expected FROM" : "expected ','");
	vec v = { 0 };
	if (expr_list(p, &v) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	return from_vec(p, f, &v);
}

/* name([DISTINCT|ALL] args | *) with CHAR(.. USING cs): generic calls. */
static bp_expr *generic_args(parser *p, bp_expr *f)
{
	advance(p);
	vec v = { 0 };
	if (accept_op(p, BP_OP_RPAREN))
		return with_args(p, f, NULL, 0);
	if (accept_kw(p, BP_KW_DISTINCT) || accept_kw(p, BP_KW_DISTINCTROW))
		f->op = BP_KW_DISTINCT;
	else
		accept_kw(p, BP_KW_ALL);
	if (is_op(cur(p), BP_OP_STAR) && is_op(peek(p, 1), BP_OP_RPAREN)) {
		bp_expr *s = node(p, BP_X_STAR, cur(p));
		if (!s || vec_push_ptr(p, &v, s))
			return NULL;
		advance(p);
	} else if (expr_list(p, &v)) {
		return NULL;
	}
	if (strcmp(f->name, "CHAR") == 0 && accept_kw(p, BP_KW_USING)) {
		if (!(f->text = plain_word(p, "expected a character set name")))
			return NULL;
	}
	if (expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	return from_vec(p, f, &v);
}

/* The arguments of f (current token: '('), by the function's syntax. */
static bp_expr *call_args(parser *p, bp_expr *f, const bp_token *at)
{
	const char *n = f->name;
	if (f->db)
		return generic_args(p, f);
	if (strcmp(n, "CAST") == 0)
		return cast_args(p, at);
	if (strcmp(n, "CONVERT") == 0)
		return convert_args(p, at);
	if (strcmp(n, "TRIM") == 0)
		return trim_args(p, f);
	if (strcmp(n, "SUBSTRING") == 0 || strcmp(n, "SUBSTR") == 0)
		return substring_args(p, f);
	if (strcmp(n, "POSITION") == 0)
		return position_args(p, f);
	if (strcmp(n, "EXTRACT") == 0 || strcmp(n, "TIMESTAMPADD") == 0 || strcmp(n, "TIMESTAMPDIFF") == 0 ||
	    strcmp(n, "GET_FORMAT") == 0)
		return word_first_args(p, f);
	return generic_args(p, f);
}

/* An OVER (...) / OVER name window after a call: not modelled. */
static bp_expr *window_other(parser *p, bp_expr *f)
{
	advance(p); /* OVER */
	if (is_op(cur(p), BP_OP_LPAREN)) {
		if (skip_parens(p))
			return NULL;
	} else if (!name(p, "expected a window")) {
		return NULL;
	}
	f->kind = BP_X_OTHER;
	return f;
}

/*
 * A call of function db.name / name (current token: '('). A call whose
 * arguments do not parse by the rules above is re-read as a balanced run and
 * becomes BP_X_OTHER (see the header).
 */
static bp_expr *call(parser *p, const bp_token *at, const char *db, const char *fname)
{
	bp_expr *f = node(p, BP_X_FUNC, at);
	if (!f)
		return NULL;
	f->db = db;
	f->name = fname;
	mark m;
	mark_save(p, &m);
	bp_expr *r = call_args(p, f, at);
	if (!r) {
		if (p->fatal)
			return NULL;
		p->err = NULL;
		mark_restore(p, &m);
		if (skip_parens(p))
			return NULL;
		f->kind = BP_X_OTHER;
		f->n_args = 0;
		f->args = NULL;
		f->op = 0;
		f->text = NULL;
		f->name = fname;
		return f;
	}
	if (is_kw(cur(p), BP_KW_OVER))
		return window_other(p, r);
	return r;
}

/* Reserved words that name functions when a '(' follows. */
static bool reserved_function(bp_keyword k)
{
	switch (k) {
	case BP_KW_CHAR: case BP_KW_CONVERT: case BP_KW_IF: case BP_KW_INSERT: case BP_KW_LEFT: case BP_KW_RIGHT:
	case BP_KW_REPEAT: case BP_KW_REPLACE: case BP_KW_MOD: case BP_KW_DATABASE: case BP_KW_SCHEMA:
	case BP_KW_CURRENT_DATE: case BP_KW_CURRENT_TIME: case BP_KW_CURRENT_TIMESTAMP: case BP_KW_CURRENT_USER:
	case BP_KW_CURRENT_ROLE: case BP_KW_LOCALTIME: case BP_KW_LOCALTIMESTAMP: case BP_KW_UTC_DATE:
	case BP_KW_UTC_TIME: case BP_KW_UTC_TIMESTAMP: case BP_KW_VALUES: case BP_KW_DEFAULT:
		return true;
	default:
		return false;
	}
}

/* Reserved words that are calls without parentheses (CURRENT_TIMESTAMP ...). */
static bool niladic(bp_keyword k)
{
	switch (k) {
	case BP_KW_CURRENT_DATE: case BP_KW_CURRENT_TIME: case BP_KW_CURRENT_TIMESTAMP: case BP_KW_CURRENT_USER:
	case BP_KW_CURRENT_ROLE: case BP_KW_LOCALTIME: case BP_KW_LOCALTIMESTAMP: case BP_KW_UTC_DATE:
	case BP_KW_UTC_TIME: case BP_KW_UTC_TIMESTAMP:
		return true;
	default:
		return false;
	}
}

/* [[db.]t.]col, t.*, db.t.*, or a call db.f(...) (current token: a name). */
static bp_expr *column_or_call(parser *p)
{
	bp_token at = *cur(p);
	const char *part[3];
	int n = 0;
	for (;;) {
		if (!(part[n++] = name(p, "expected a name")))
			return NULL;
		if (n == 1 && is_op(cur(p), BP_OP_LPAREN)) {
			char *up = upper_dup(p, part[0], strlen(part[0]));
			return up ? call(p, &at, NULL, up) : NULL; /* names of functions ignore case */
		}
		if (n == 2 && is_op(cur(p), BP_OP_LPAREN)) /* db.func(...): a stored function */
			return call(p, &at, part[0], part[1]);
		if (n == 3 || !is_op(cur(p), BP_OP_DOT))
			break;
		advance(p);
		if (is_op(cur(p), BP_OP_STAR)) {
			bp_expr *s = node(p, BP_X_STAR, &at);
			if (!s)
				return NULL;
			advance(p);
			s->table = part[n - 1];
			s->db = n == 2 ? part[0] : NULL;
			return s;
		}
	}
	bp_expr *c = node(p, BP_X_COLUMN, &at);
	if (!c)
		return NULL;
	c->name = part[n - 1];
	c->table = n >= 2 ? part[n - 2] : NULL;
	c->db = n == 3 ? part[0] : NULL;
	return c;
}

/* @name [:= expr] */
static bp_expr *user_var(parser *p)
{
	bp_token *t = cur(p);
	bp_expr *e = node(p, BP_X_USERVAR, t);
	if (!e)
		return NULL;
	bool quoted = t->len >= 2 && (t->start[1] == '\'' || t->start[1] == '"' || t->start[1] == '`');
	if (quoted) {
		uint32_t n;
		char *v = tok_text(p, t, &n);
		if (!v)
			return NULL;
		if (memchr(v, 0, n))
			return fail_null(p, "NUL byte in a name");
		e->name = v;
	} else if (!(e->name = bp_arena_strndup(p->a, t->start + 1, t->len - 1))) {
		return oom(p);
	}
	advance(p);
	if (is_op(cur(p), BP_OP_ASSIGN)) { /* @v := x inside an expression: a side effect */
		advance(p);
		bp_expr *v = expr(p);
		if (!v)
			return NULL;
		bp_expr *o = node1(p, BP_X_OTHER, BP_OP_ASSIGN, v, e->offset);
		if (o)
			o->name = e->name;
		return o;
	}
	return e;
}

/* @@[scope.]name: the name lower-cased, *scope 1 session/none, 2 global. */
static const char *sysvar_name(parser *p, const bp_token *t, uint8_t *scope)
{
	const char *s = t->start + 2;
	size_t n = t->len - 2;
	static const struct { const char *w; uint8_t scope; } pre[] = {
		{ "global.", 2 }, { "session.", 1 }, { "local.", 1 }, { "persist.", 2 }, { "persist_only.", 2 },
	};
	*scope = 1;
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
		size_t k = strlen(pre[i].w);
		if (n > k && strncasecmp(s, pre[i].w, k) == 0) {
			s += k, n -= k;
			*scope = pre[i].scope;
			break;
		}
	}
	if (n == 0)
		return fail_null(p, "expected a variable name");
	return lower_dup(p, s, n);
}

static bp_expr *sys_var(parser *p)
{
	bp_token *t = cur(p);
	bp_expr *e = node(p, BP_X_SYSVAR, t);
	uint8_t scope;
	if (!e || !(e->name = sysvar_name(p, t, &scope)))
		return NULL;
	e->op = scope;
	advance(p);
	return e;
}

/* ( expr ), ( expr, expr ... ) or a subquery (current token: '('). */
static bp_expr *paren(parser *p)
{
	if (paren_query(p, 1))
		return subquery(p, 0);
	bp_token at = *cur(p);
	advance(p);
	vec v = { 0 };
	if (expr_list(p, &v) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return NULL;
	if (v.n == 1)
		return ((bp_expr **)v.data)[0];
	return from_vec(p, node(p, BP_X_ROW, &at), &v);
}

/* { d 'x' } ODBC escapes: the date forms become temporal literals; others the expression. */
static bp_expr *odbc_escape(parser *p)
{
	advance(p);
	bp_token *w = cur(p);
	if (w->type != BP_TK_IDENT)
		return fail_null(p, "expected a name after '{'");
	const char *kind = is_word(w, "d") ? "DATE" : is_word(w, "t") ? "TIME" : is_word(w, "ts") ? "TIMESTAMP" : NULL;
	advance(p);
	bp_expr *e;
	if (kind && cur(p)->type == BP_TK_STRING) {
		bp_token at = *cur(p);
		e = string_literal(p, &at, NULL);
		if (e) {
			e->lit = BP_L_TEMPORAL;
			e->text = (const char *)e->bytes;
			e->name = kind;
		}
	} else {
		e = expr(p);
	}
	if (!e || expect_op(p, BP_OP_RBRACE, "expected '}'"))
		return NULL;
	return e;
}

/* NEXT VALUE FOR s / PREVIOUS VALUE FOR s (MariaDB sequences): NEXTVAL(s) / LASTVAL(s). */
static bp_expr *sequence_value(parser *p)
{
	bp_token at = *cur(p);
	bool next = is_kw(&at, BP_KW_NEXT);
	advance(p);
	advance(p); /* VALUE */
	if (!accept_kw(p, BP_KW_FOR))
		return fail_null(p, "expected FOR");
	bp_token nt = *cur(p);
	const char *db, *nm;
	if (qualified_name(p, &db, &nm, "expected a sequence name"))
		return NULL;
	bp_expr *c = node(p, BP_X_COLUMN, &nt);
	bp_expr *f = node(p, BP_X_FUNC, &at);
	if (!c || !f)
		return NULL;
	c->table = db;
	c->name = nm;
	f->name = next ? "NEXTVAL" : "LASTVAL";
	return with_args(p, f, &c, 1);
}

/* A keyword at the start of an operand. */
static bp_expr *keyword_primary(parser *p)
{
	bp_token at = *cur(p);
	bp_token *nx = peek(p, 1);
	switch (at.code) {
	case BP_KW_NULL:
		advance(p);
		return lit_text(p, BP_L_NULL, &at, NULL);
	case BP_KW_TRUE:
	case BP_KW_FALSE:
		advance(p);
		return lit_text(p, BP_L_BOOL, &at, at.code == BP_KW_TRUE ? "1" : "0");
	case BP_KW_DATE:
	case BP_KW_TIME:
	case BP_KW_TIMESTAMP:
		if (nx->type == BP_TK_STRING)
			return temporal_literal(p, bp_kw_name((bp_keyword)at.code));
		break;
	case BP_KW_CASE:
		return case_expr(p);
	case BP_KW_INTERVAL:
		return interval(p);
	case BP_KW_EXISTS:
		advance(p);
		if (!is_op(cur(p), BP_OP_LPAREN) || !paren_query(p, 1))
			return fail_null(p, "expected a subquery after EXISTS");
		return subquery(p, BP_KW_EXISTS);
	case BP_KW_ROW:
		if (is_op(nx, BP_OP_LPAREN)) {
			advance(p);
			advance(p);
			vec v = { 0 };
			if (expr_list(p, &v) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
				return NULL;
			return from_vec(p, node(p, BP_X_ROW, &at), &v);
		}
		break;
	case BP_KW_MATCH: /* MATCH (cols) AGAINST (text [mode]) */
		if (is_op(nx, BP_OP_LPAREN)) {
			advance(p);
			if (skip_parens(p))
				return NULL;
			if (!accept_kw(p, BP_KW_AGAINST))
				return fail_null(p, "expected AGAINST");
			if (skip_parens(p))
				return NULL;
			bp_expr *e = node(p, BP_X_OTHER, &at);
			if (e)
				e->name = "MATCH";
			return e;
		}
		break;
	case BP_KW_DEFAULT:
		if (!is_op(nx, BP_OP_LPAREN)) {
			advance(p);
			return node(p, BP_X_DEFAULT, &at);
		}
		break;
	case BP_KW_NEXT:
		if (is_kw(nx, BP_KW_VALUE))
			return sequence_value(p);
		break;
	default:
		break;
	}
	if (is_word(&at, "PREVIOUS") && is_kw(nx, BP_KW_VALUE))
		return sequence_value(p);
	if (at.code == BP_KW_VALUE && is_op(nx, BP_OP_LPAREN)) { /* VALUE(c) = VALUES(c) */
		advance(p);
		return call(p, &at, NULL, "VALUES");
	}
	if (reserved_function((bp_keyword)at.code) && is_op(nx, BP_OP_LPAREN)) {
		advance(p);
		return call(p, &at, NULL, bp_kw_name((bp_keyword)at.code));
	}
	if (niladic((bp_keyword)at.code)) {
		advance(p);
		bp_expr *f = node(p, BP_X_FUNC, &at);
		if (f)
			f->name = bp_kw_name((bp_keyword)at.code);
		return f;
	}
	if (bp_kw_reserved((bp_keyword)at.code))
		return fail_null(p, "unexpected keyword");
	return column_or_call(p);
}

/* The operand of every operator (see the header's table). */
static bp_expr *primary(parser *p)
{
	bp_token *t = cur(p);
	switch (t->type) {
	case BP_TK_STRING:
	case BP_TK_NSTRING:
		return string_literal(p, t, NULL);
	case BP_TK_INTRODUCER:
		return introduced_literal(p);
	case BP_TK_HEXSTR:
	case BP_TK_HEXNUM:
	case BP_TK_BITSTR:
	case BP_TK_BITNUM:
		return xb_literal(p, NULL);
	case BP_TK_INTEGER:
	case BP_TK_DECIMAL:
	case BP_TK_FLOAT:
		return number_literal(p, "");
	case BP_TK_VAR:
		return user_var(p);
	case BP_TK_SYSVAR:
		return sys_var(p);
	case BP_TK_PARAM: {
		bp_expr *e = node(p, BP_X_PARAM, t);
		advance(p);
		return e;
	}
	case BP_TK_QIDENT:
		return column_or_call(p);
	case BP_TK_IDENT:
		if (t->code)
			return keyword_primary(p);
		if (is_word(t, "PREVIOUS") && is_kw(peek(p, 1), BP_KW_VALUE))
			return sequence_value(p);
		if (is_word(t, "CAST") && is_op(peek(p, 1), BP_OP_LPAREN)) {
			bp_token at = *t;
			advance(p);
			return call(p, &at, NULL, "CAST");
		}
		return column_or_call(p);
	case BP_TK_OP:
		if (t->code == BP_OP_LPAREN)
			return paren(p);
		if (t->code == BP_OP_LBRACE)
			return odbc_escape(p);
		return fail_null(p, "expected an expression");
	default:
		return fail_null(p, "expected an expression");
	}
}

/* One bare, quoted or string word of [A-Za-z0-9_] (collation, character set), lower-cased. */
static const char *plain_word(parser *p, const char *what)
{
	bp_token *t = cur(p);
	uint32_t n = t->len;
	const char *s = t->start;
	if (t->type == BP_TK_QIDENT || t->type == BP_TK_STRING) {
		if (!(s = tok_text(p, t, &n)))
			return NULL;
	} else if (t->type != BP_TK_IDENT) {
		return fail_null(p, what);
	}
	if (n == 0 || n > 64)
		return fail_null(p, what);
	for (uint32_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_')
			return fail_null(p, what);
	char *w = lower_dup(p, s, n);
	if (w)
		advance(p);
	return w;
}

/* x COLLATE name, col -> 'path', col ->> 'path' */
static bp_expr *postfix(parser *p, bp_expr *e)
{
	while (e) {
		bp_token *t = cur(p);
		if (is_kw(t, BP_KW_COLLATE)) {
			advance(p);
			bp_token *c = cur(p);
			if (!is_name_tok(c) && c->type != BP_TK_STRING && !is_kw(c, BP_KW_BINARY))
				return fail_null(p, "expected a collation name");
			const char *cn = plain_word(p, "expected a collation name");
			if (!cn)
				return NULL;
			bp_expr *x = node1(p, BP_X_COLLATE, 0, e, e->offset);
			if (x)
				x->name = cn;
			e = x;
		} else if (is_op(t, BP_OP_ARROW) || is_op(t, BP_OP_ARROW2)) {
			uint16_t op = t->code;
			advance(p);
			if (cur(p)->type != BP_TK_STRING)
				return fail_null(p, "expected a JSON path");
			bp_token pt = *cur(p);
			bp_expr *path = string_literal(p, &pt, NULL);
			e = path ? node2(p, BP_X_BINARY, op, e, path) : NULL;
		} else {
			break;
		}
	}
	return e;
}

static bool is_unsigned_number(const bp_expr *x)
{
	return x->kind == BP_X_LITERAL && (x->lit == BP_L_INT || x->lit == BP_L_DECIMAL || x->lit == BP_L_FLOAT) &&
	       x->text && x->text[0] != '-';
}

static bp_expr *negated_number(parser *p, bp_expr *x, const bp_token *at)
{
	size_t n = strlen(x->text);
	char *s = bp_arena_alloc(p->a, n + 2);
	if (!s)
		return oom(p);
	s[0] = '-';
	memcpy(s + 1, x->text, n + 1);
	x->text = s;
	x->offset = tok_off(p, at);
	return x;
}

/* - + ~ ! BINARY, and NOT under HIGH_NOT_PRECEDENCE; "-5" folds into one literal. */
static bp_expr *unary(parser *p)
{
	bp_token at = *cur(p);
	bool high_not = p->ctx->high_not_precedence && is_kw(&at, BP_KW_NOT);
	bool minus = is_op(&at, BP_OP_MINUS);
	bool binary = is_kw(&at, BP_KW_BINARY);
	uint16_t op = 0;
	if (minus || is_op(&at, BP_OP_PLUS) || is_op(&at, BP_OP_TILDE) || is_op(&at, BP_OP_BANG))
		op = at.code;
	if (!op && !high_not && !binary)
		return postfix(p, primary(p));
	if (!enter(p))
		return NULL;
	advance(p);
	bp_expr *e;
	bp_token *t = cur(p);
	if (minus && (t->type == BP_TK_INTEGER || t->type == BP_TK_DECIMAL || t->type == BP_TK_FLOAT)) {
		e = postfix(p, number_literal(p, "-"));
		if (e && e->kind == BP_X_LITERAL)
			e->offset = tok_off(p, &at);
	} else {
		bp_expr *x = unary(p);
		if (!x)
			e = NULL;
		else if (minus && is_unsigned_number(x))
			e = negated_number(p, x, &at); /* -(5) is -5, as the printed "(- 5)" would read back */
		else if (high_not)
			e = node1(p, BP_X_NOT, 0, x, tok_off(p, &at));
		else if (binary) {
			e = node1(p, BP_X_CAST, 0, x, tok_off(p, &at));
			if (e)
				e->name = "BINARY";
		} else
			e = node1(p, BP_X_UNARY, op, x, tok_off(p, &at));
	}
	leave(p);
	return e;
}

/* Precedence of a bit_expr operator at t (0: not one); *op gets the node's op. */
static int bit_prec(const parser *p, const bp_token *t, uint16_t *op)
{
	if (t->type == BP_TK_IDENT) {
		if (t->code == BP_KW_DIV)
			return *op = BP_XOP_DIV, 5;
		if (t->code == BP_KW_MOD)
			return *op = BP_XOP_MOD, 5;
		return 0;
	}
	if (t->type != BP_TK_OP)
		return 0;
	*op = t->code;
	switch (t->code) {
	case BP_OP_PIPE: return 1;
	case BP_OP_AMP: return 2;
	case BP_OP_SHL: case BP_OP_SHR: return 3;
	case BP_OP_PLUS: case BP_OP_MINUS: return 4;
	case BP_OP_STAR: case BP_OP_SLASH: case BP_OP_PERCENT: return 5;
	case BP_OP_CARET: return 6;
	case BP_OP_OR2:
		if (!p->ctx->pipes_as_concat)
			return 0;
		*op = BP_XOP_CONCAT;
		return 7;
	default: return 0;
	}
}

/* bit_expr by precedence climbing: operators of precedence >= min. */
static bp_expr *bit_expr(parser *p, int min)
{
	bp_expr *l = unary(p);
	uint16_t op;
	int prec;
	while (l && (prec = bit_prec(p, cur(p), &op)) >= min && prec > 0) {
		advance(p);
		bp_expr *r;
		if ((op == BP_OP_PLUS || op == BP_OP_MINUS) && is_kw(cur(p), BP_KW_INTERVAL)) {
			bp_token at = *cur(p);
			advance(p);
			bp_expr *v = expr(p);
			r = v ? interval_of(p, &at, v) : NULL;
		} else {
			r = bit_expr(p, prec + 1);
		}
		l = r ? node2(p, BP_X_BINARY, op, l, r) : NULL;
	}
	return l;
}

/* The implicit LIKE escape: '\', or none under NO_BACKSLASH_ESCAPES (as the server). */
static bp_expr *implicit_escape(parser *p, const bp_expr *like)
{
	bp_expr *e = node_at(p, BP_X_LITERAL, like->offset);
	if (!e)
		return NULL;
	e->lit = BP_L_STRING;
	bool nbe = p->lexf & BP_LEX_NO_BACKSLASH_ESCAPES;
	e->bytes = (const uint8_t *)(nbe ? "" : "\\");
	e->len = nbe ? 0 : 1;
	return e;
}

/* x [NOT] LIKE y [ESCAPE z], x [NOT] REGEXP y (current token: LIKE/REGEXP/RLIKE) */
static bp_expr *like(parser *p, bp_expr *x, bool neg)
{
	bool regexp = !is_kw(cur(p), BP_KW_LIKE);
	advance(p);
	bp_expr *a[3] = { x, bit_expr(p, 0), NULL };
	if (!a[1])
		return NULL;
	bp_expr *e = node_at(p, BP_X_LIKE, x->offset);
	if (!e)
		return NULL;
	e->negated = neg;
	if (regexp) {
		e->op = BP_KW_REGEXP;
		return with_args(p, e, a, 2);
	}
	e->op = BP_KW_LIKE;
	if (accept_kw(p, BP_KW_ESCAPE))
		a[2] = postfix(p, primary(p));
	else
		a[2] = implicit_escape(p, x);
	return a[2] ? with_args(p, e, a, 3) : NULL;
}

/* x [NOT] IN (list | subquery) (current token: IN) */
static bp_expr *in_list(parser *p, bp_expr *x, bool neg)
{
	advance(p);
	if (!is_op(cur(p), BP_OP_LPAREN))
		return fail_null(p, "expected '(' after IN");
	vec v = { 0 };
	if (vec_push_ptr(p, &v, x))
		return NULL;
	if (paren_query(p, 1)) {
		bp_expr *q = subquery(p, 0);
		if (!q || vec_push_ptr(p, &v, q))
			return NULL;
	} else {
		advance(p);
		if (expr_list(p, &v) || expect_op(p, BP_OP_RPAREN, "expected ')'"))
			return NULL;
	}
	bp_expr *e = node(p, BP_X_IN, cur(p));
	if (!e)
		return NULL;
	e->negated = neg;
	e->offset = x->offset;
	return from_vec(p, e, &v);
}

/* x [NOT] BETWEEN a AND b (current token: BETWEEN) */
static bp_expr *between(parser *p, bp_expr *x, bool neg)
{
	advance(p);
	bp_expr *a[3] = { x, bit_expr(p, 0), NULL };
	if (!a[1])
		return NULL;
	if (!accept_kw(p, BP_KW_AND))
		return fail_null(p, "expected AND");
	if (!enter(p)) /* a BETWEEN b AND c BETWEEN ...: recursion without parentheses */
		return NULL;
	a[2] = predicate(p);
	leave(p);
	if (!a[2])
		return NULL;
	bp_expr *e = node_at(p, BP_X_BETWEEN, x->offset);
	if (!e)
		return NULL;
	e->negated = neg;
	return with_args(p, e, a, 3);
}

/* x SOUNDS LIKE y, x MEMBER [OF] (y): parsed, not modelled */
static bp_expr *other_binary(parser *p, bp_expr *x, const char *what)
{
	advance(p);
	accept_kw(p, BP_KW_LIKE);
	accept_kw(p, BP_KW_OF);
	bp_expr *y = bit_expr(p, 0);
	if (!y)
		return NULL;
	bp_expr *e = node2(p, BP_X_OTHER, 0, x, y);
	if (e)
		e->name = what;
	return e;
}

static bp_expr *predicate(parser *p)
{
	bp_expr *x = bit_expr(p, 0), *e = x;
	if (x) {
		bp_token *t = cur(p);
		bool neg = is_kw(t, BP_KW_NOT);
		bp_token *k = neg ? peek(p, 1) : t;
		if (is_kw(k, BP_KW_IN) || is_kw(k, BP_KW_BETWEEN) || is_kw(k, BP_KW_LIKE) || is_kw(k, BP_KW_REGEXP) ||
		    is_kw(k, BP_KW_RLIKE)) {
			if (neg)
				advance(p);
			if (is_kw(k, BP_KW_IN))
				e = in_list(p, x, neg);
			else if (is_kw(k, BP_KW_BETWEEN))
				e = between(p, x, neg);
			else
				e = like(p, x, neg);
		} else if (is_word(t, "SOUNDS") && is_kw(peek(p, 1), BP_KW_LIKE)) {
			e = other_binary(p, x, "SOUNDS LIKE");
		} else if (is_word(t, "MEMBER") && (is_kw(peek(p, 1), BP_KW_OF) || is_op(peek(p, 1), BP_OP_LPAREN))) {
			e = other_binary(p, x, "MEMBER OF");
		}
	}
	return e;
}

static bool is_comparison(const bp_token *t)
{
	if (t->type != BP_TK_OP)
		return false;
	switch (t->code) {
	case BP_OP_EQ: case BP_OP_NSEQ: case BP_OP_LT: case BP_OP_LE: case BP_OP_GT: case BP_OP_GE: case BP_OP_NE:
		return true;
	default:
		return false;
	}
}

/* x IS [NOT] {NULL|TRUE|FALSE|UNKNOWN} (current token: IS) */
static bp_expr *is_test(parser *p, bp_expr *x)
{
	advance(p);
	bool neg = accept_kw(p, BP_KW_NOT);
	bp_token *t = cur(p);
	if (!is_kw(t, BP_KW_NULL) && !is_kw(t, BP_KW_TRUE) && !is_kw(t, BP_KW_FALSE) && !is_kw(t, BP_KW_UNKNOWN))
		return fail_null(p, "expected NULL, TRUE, FALSE or UNKNOWN after IS");
	bp_expr *e = node1(p, BP_X_IS, t->code, x, x->offset);
	if (e)
		e->negated = neg;
	advance(p);
	return e;
}

/* bool_pri: predicates joined by comparisons and IS tests, left to right. */
static bp_expr *bool_pri(parser *p)
{
	bp_expr *l = predicate(p);
	while (l) {
		bp_token *t = cur(p);
		if (is_kw(t, BP_KW_IS)) {
			l = is_test(p, l);
			continue;
		}
		if (!is_comparison(t))
			break;
		uint16_t op = t->code;
		advance(p);
		bp_token *q = cur(p);
		bp_expr *r;
		if ((is_kw(q, BP_KW_ALL) || is_kw(q, BP_KW_ANY) || is_word(q, "SOME")) && is_op(peek(p, 1), BP_OP_LPAREN)) {
			uint16_t quant = is_kw(q, BP_KW_ALL) ? BP_KW_ALL : BP_KW_ANY;
			advance(p);
			if (!paren_query(p, 1))
				return fail_null(p, "expected a subquery");
			r = subquery(p, quant);
		} else {
			r = predicate(p);
		}
		l = r ? node2(p, BP_X_BINARY, op, l, r) : NULL;
	}
	return l;
}

/* NOT x (the low-precedence NOT of the default sql_mode) */
static bp_expr *not_expr(parser *p)
{
	bp_token *t = cur(p);
	if (!is_kw(t, BP_KW_NOT) || p->ctx->high_not_precedence)
		return bool_pri(p);
	if (!enter(p))
		return NULL;
	uint32_t off = tok_off(p, t);
	advance(p);
	bp_expr *x = not_expr(p);
	bp_expr *e = x ? node1(p, BP_X_NOT, 0, x, off) : NULL;
	leave(p);
	return e;
}

/* Precedence of a logical operator at t: 1 OR, 2 XOR, 3 AND; 0 none. */
static int logic_prec(const parser *p, const bp_token *t, uint16_t *op)
{
	if (is_kw(t, BP_KW_OR) || (is_op(t, BP_OP_OR2) && !p->ctx->pipes_as_concat))
		return *op = BP_XOP_OR, 1;
	if (is_kw(t, BP_KW_XOR))
		return *op = BP_XOP_XOR, 2;
	if (is_kw(t, BP_KW_AND) || is_op(t, BP_OP_AND2))
		return *op = BP_XOP_AND, 3;
	return 0;
}

static bp_expr *logic(parser *p, int min)
{
	bp_expr *l = not_expr(p);
	uint16_t op;
	int prec;
	while (l && (prec = logic_prec(p, cur(p), &op)) >= min && prec > 0) {
		advance(p);
		bp_expr *r = logic(p, prec + 1);
		l = r ? node2(p, BP_X_BINARY, op, l, r) : NULL;
	}
	return l;
}

static bp_expr *expr(parser *p)
{
	if (!enter(p))
		return NULL;
	bp_expr *e = logic(p, 1);
	leave(p);
	return e;
}

/* ---- statements ------------------------------------------------------------------------ */

/* What a statement collects before it is copied into the bp_dml. */
typedef struct build {
	vec tables;  /* bp_dml_table */
	vec columns; /* const char * */
	vec rows;    /* bp_expr ** */
	vec row_len; /* uint32_t */
	vec assigns; /* bp_dml_assign */
	vec order;   /* bp_expr * */
	vec desc;    /* bool */
	vec ctes;    /* const char *: WITH names */
	vec alias_cols;
} build;

static int statement(parser *p, build *b, bp_dml *d);

static bp_dml_table *add_table(parser *p, build *b) { return vec_add(p, &b->tables, sizeof(bp_dml_table)); }

static bp_dml_table *table_at(build *b, uint32_t i) { return &((bp_dml_table *)b->tables.data)[i]; }

/* [db.]name as the next table of the statement; NULL on a syntax error (reported) or no memory. */
static bp_dml_table *named_table(parser *p, build *b)
{
	const char *db, *nm;
	if (qualified_name(p, &db, &nm, "expected a table name"))
		return NULL;
	bp_dml_table *t = add_table(p, b);
	if (t) {
		t->db = db;
		t->name = nm;
	}
	return t;
}

static int expect_end(parser *p)
{
	while (cur(p)->type == BP_TK_DELIM || is_op(cur(p), BP_OP_SEMI))
		advance(p);
	if (cur(p)->type != BP_TK_EOF)
		return fail(p, "unexpected text after the statement");
	return 0;
}

/* (name, name ...) lists not modelled: PARTITION (p0, p1), USING (a, b), index hints */
static int name_list_skip(parser *p) { return skip_parens(p); }

/* [AS] alias: NULL when none. *err is set on a failure. */
static const char *opt_alias(parser *p, int *err)
{
	*err = 0;
	bool as = accept_kw(p, BP_KW_AS);
	if (!as && !is_name_tok(cur(p)))
		return NULL;
	const char *a = name(p, "expected an alias");
	if (!a)
		*err = -1;
	return a;
}

/* USE|IGNORE|FORCE {INDEX|KEY} [FOR {JOIN|ORDER BY|GROUP BY}] (names) ... */
static int index_hints(parser *p)
{
	for (;;) {
		bp_token *t = cur(p), *k = peek(p, 1);
		if (!(is_kw(t, BP_KW_USE) || is_kw(t, BP_KW_IGNORE) || is_kw(t, BP_KW_FORCE)) ||
		    !(is_kw(k, BP_KW_INDEX) || is_kw(k, BP_KW_KEY)))
			return 0;
		advance(p);
		advance(p);
		if (accept_kw(p, BP_KW_FOR)) {
			if (!accept_kw(p, BP_KW_JOIN)) {
				if (!accept_kw(p, BP_KW_ORDER) && !accept_kw(p, BP_KW_GROUP))
					return fail(p, "expected JOIN, ORDER BY or GROUP BY");
				if (!accept_kw(p, BP_KW_BY))
					return fail(p, "expected BY");
			}
		}
		if (name_list_skip(p))
			return -1;
		accept_op(p, BP_OP_COMMA);
	}
}

/* tbl [PARTITION (..)] [[AS] alias] [index hints] */
static int table_single(parser *p, build *b, unsigned *flags)
{
	bp_dml_table *t = named_table(p, b);
	if (!t)
		return -1;
	if (is_kw(cur(p), BP_KW_PARTITION)) {
		advance(p);
		*flags |= BP_DML_PARTITION;
		if (name_list_skip(p))
			return -1;
	}
	int err;
	const char *alias = opt_alias(p, &err);
	if (err)
		return -1;
	table_at(b, b->tables.n - 1)->alias = alias; /* t may have moved: the vec grows */
	return index_hints(p);
}

/* (SELECT ...) [AS] alias [(cols)] */
static int table_derived(parser *p, build *b)
{
	if (skip_parens(p))
		return -1;
	int err;
	const char *alias = opt_alias(p, &err);
	if (err)
		return -1;
	if (!alias)
		return fail(p, "expected an alias for the derived table");
	if (is_op(cur(p), BP_OP_LPAREN) && name_list_skip(p))
		return -1;
	bp_dml_table *t = add_table(p, b);
	if (!t)
		return -1;
	t->name = t->alias = alias;
	t->derived = true;
	return 0;
}

static int table_refs(parser *p, build *b, unsigned *flags);

static int table_factor(parser *p, build *b, unsigned *flags)
{
	if (!enter(p))
		return -1;
	int rc;
	bp_token *t = cur(p);
	if (is_op(t, BP_OP_LPAREN) && paren_query(p, 1)) {
		rc = table_derived(p, b);
	} else if (is_op(t, BP_OP_LPAREN)) {
		advance(p);
		rc = table_refs(p, b, flags);
		if (!rc)
			rc = expect_op(p, BP_OP_RPAREN, "expected ')'");
	} else if (is_kw(t, BP_KW_LATERAL) || is_kw(t, BP_KW_JSON_TABLE) || is_op(t, BP_OP_LBRACE)) {
		rc = fail(p, "table expression not supported");
	} else {
		rc = table_single(p, b, flags);
	}
	leave(p);
	return rc;
}

/* A join operator at the current token: consumed, true. */
static bool join_op(parser *p)
{
	bp_token *t = cur(p);
	if (is_kw(t, BP_KW_JOIN) || is_kw(t, BP_KW_STRAIGHT_JOIN)) {
		advance(p);
		return true;
	}
	unsigned k = 0;
	if (is_kw(peek(p, k), BP_KW_NATURAL))
		k++;
	if (is_kw(peek(p, k), BP_KW_LEFT) || is_kw(peek(p, k), BP_KW_RIGHT)) {
		k++;
		if (is_kw(peek(p, k), BP_KW_OUTER))
			k++;
	} else if (is_kw(peek(p, k), BP_KW_INNER) || is_kw(peek(p, k), BP_KW_CROSS)) {
		k++;
	}
	if (k == 0 || !is_kw(peek(p, k), BP_KW_JOIN))
		return false;
	for (unsigned i = 0; i <= k; i++)
		advance(p);
	return true;
}

/* table_factor { join table_factor [ON e | USING (cols)] } */
static int table_ref(parser *p, build *b, unsigned *flags)
{
	if (table_factor(p, b, flags))
		return -1;
	while (join_op(p)) {
		*flags |= BP_DML_MULTI;
		uint32_t first = b->tables.n;
		if (table_factor(p, b, flags))
			return -1;
		if (accept_kw(p, BP_KW_ON)) {
			bp_expr *on = expr(p);
			if (!on)
				return -1;
			if (first < b->tables.n)
				table_at(b, first)->on = on;
		} else if (accept_kw(p, BP_KW_USING)) {
			if (name_list_skip(p))
				return -1;
		}
	}
	return 0;
}

static int table_refs(parser *p, build *b, unsigned *flags)
{
	do {
		if (table_ref(p, b, flags))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	if (b->tables.n > 1)
		*flags |= BP_DML_MULTI;
	return 0;
}

/* [[db.]t.]col for SET lists and INSERT column lists. */
static int column_ref(parser *p, const char **db, const char **tb, const char **col)
{
	const char *part[3];
	int n = 0;
	do {
		if (!(part[n++] = name(p, "expected a column name")))
			return -1;
	} while (n < 3 && accept_op(p, BP_OP_DOT));
	*col = part[n - 1];
	*tb = n >= 2 ? part[n - 2] : NULL;
	*db = n == 3 ? part[0] : NULL;
	return 0;
}

/* col = expr, ... (UPDATE SET, ON DUPLICATE KEY UPDATE) */
static int assign_list(parser *p, build *b)
{
	do {
		bp_dml_assign *as = vec_add(p, &b->assigns, sizeof(*as));
		const char *db, *tb, *col;
		if (!as || column_ref(p, &db, &tb, &col))
			return -1;
		as->db = db;
		as->table = tb;
		as->column = col;
		as->scope = 1;
		if (!accept_op(p, BP_OP_EQ) && !accept_op(p, BP_OP_ASSIGN))
			return fail(p, "expected '='");
		if (!(as->value = expr(p)))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return 0;
}

/* [WHERE e] [ORDER BY e [ASC|DESC], ...] [LIMIT n] */
static int where_order_limit(parser *p, build *b, bp_dml *d)
{
	if (accept_kw(p, BP_KW_WHERE) && !(d->where = expr(p)))
		return -1;
	if (is_kw(cur(p), BP_KW_ORDER)) {
		advance(p);
		if (!accept_kw(p, BP_KW_BY))
			return fail(p, "expected BY");
		d->flags |= BP_DML_ORDER;
		do {
			bp_expr *e = expr(p);
			bool *desc;
			if (!e || vec_push_ptr(p, &b->order, e) || !(desc = vec_add(p, &b->desc, sizeof(bool))))
				return -1;
			if (accept_kw(p, BP_KW_DESC))
				*desc = true;
			else
				accept_kw(p, BP_KW_ASC);
		} while (accept_op(p, BP_OP_COMMA));
	}
	if (accept_kw(p, BP_KW_LIMIT)) {
		bp_token *t = cur(p);
		if (t->type != BP_TK_INTEGER)
			return fail(p, "expected a number after LIMIT");
		uint64_t v = 0;
		for (uint32_t i = 0; i < t->len; i++) {
			unsigned dgt = (unsigned)(t->start[i] - '0');
			if (v > (UINT64_MAX - dgt) / 10)
				return fail(p, "LIMIT out of range");
			v = v * 10 + dgt;
		}
		d->limit = v;
		d->flags |= BP_DML_LIMIT;
		advance(p);
	}
	if (is_kw(cur(p), BP_KW_RETURNING)) { /* MariaDB 10.5+ (DELETE), 10.5+ INSERT/REPLACE */
		d->flags |= BP_DML_RETURNING;
		return skip_to_end(p);
	}
	return 0;
}

/* ---- INSERT / REPLACE ---- */

/* ( [col, ...] ) */
static int insert_columns(parser *p, build *b)
{
	advance(p);
	if (accept_op(p, BP_OP_RPAREN))
		return 0;
	do {
		const char *db, *tb, *col;
		if (column_ref(p, &db, &tb, &col) || vec_push_ptr(p, &b->columns, (void *)col))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "expected ')'");
}

/* ( [expr | DEFAULT, ...] ) as one row */
static int insert_row(parser *p, build *b)
{
	if (!accept_op(p, BP_OP_LPAREN))
		return fail(p, "expected '('");
	vec v = { 0 };
	if (!is_op(cur(p), BP_OP_RPAREN) && expr_list(p, &v))
		return -1;
	if (expect_op(p, BP_OP_RPAREN, "expected ')'"))
		return -1;
	uint32_t *len = vec_add(p, &b->row_len, sizeof(uint32_t));
	if (!len || vec_push_ptr(p, &b->rows, v.data))
		return -1;
	*len = v.n;
	return 0;
}

/* VALUES (..), (..) | VALUES ROW(..), ROW(..) (current token: VALUES/VALUE) */
static int insert_values(parser *p, build *b)
{
	advance(p);
	do {
		if (is_kw(cur(p), BP_KW_ROW))
			advance(p);
		if (insert_row(p, b))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return 0;
}

/* SET col = e, ...: the columns and one row */
static int insert_set(parser *p, build *b)
{
	advance(p);
	vec v = { 0 };
	do {
		const char *db, *tb, *col;
		if (column_ref(p, &db, &tb, &col) || vec_push_ptr(p, &b->columns, (void *)col))
			return -1;
		if (!accept_op(p, BP_OP_EQ) && !accept_op(p, BP_OP_ASSIGN))
			return fail(p, "expected '='");
		bp_expr *e = expr(p);
		if (!e || vec_push_ptr(p, &v, e))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	uint32_t *len = vec_add(p, &b->row_len, sizeof(uint32_t));
	if (!len || vec_push_ptr(p, &b->rows, v.data))
		return -1;
	*len = v.n;
	return 0;
}

/* The SELECT of INSERT ... SELECT: its text, up to ON DUPLICATE KEY UPDATE or RETURNING. */
static int insert_select(parser *p, bp_dml *d)
{
	uint32_t start = tok_off(p, cur(p)), end = start;
	int depth = 0;
	for (;;) {
		bp_token *t = cur(p);
		if (t->type == BP_TK_ERROR)
			return fail(p, "bad token");
		if (depth == 0 && (is_end(t) || (is_kw(t, BP_KW_ON) && is_kw(peek(p, 1), BP_KW_DUPLICATE)) ||
				   is_kw(t, BP_KW_RETURNING)))
			break;
		if (is_op(t, BP_OP_LPAREN))
			depth++;
		else if (is_op(t, BP_OP_RPAREN) && --depth < 0)
			return fail(p, "unbalanced parentheses");
		if (is_end(t))
			return fail(p, "unbalanced parentheses");
		end = tok_end(p, t);
		advance(p);
	}
	if (end == start)
		return fail(p, "expected a SELECT");
	d->flags |= BP_DML_SELECT;
	d->select_offset = start;
	d->select_len = end - start;
	return 0;
}

/* AS alias [(cols)] after VALUES or SET (MySQL 8.0.19+) */
static int insert_row_alias(parser *p, build *b, bp_dml *d)
{
	if (!is_kw(cur(p), BP_KW_AS))
		return 0;
	advance(p);
	if (!(d->row_alias = name(p, "expected an alias")))
		return -1;
	if (!accept_op(p, BP_OP_LPAREN))
		return 0;
	do {
		const char *c = name(p, "expected a column name");
		if (!c || vec_push_ptr(p, &b->alias_cols, (void *)c))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return expect_op(p, BP_OP_RPAREN, "expected ')'");
}

static int insert_body(parser *p, build *b, bp_dml *d)
{
	bp_token *t = cur(p);
	if (is_op(t, BP_OP_LPAREN) && !paren_query(p, 1) && insert_columns(p, b))
		return -1;
	t = cur(p);
	if (is_kw(t, BP_KW_VALUES) || is_kw(t, BP_KW_VALUE)) {
		if (!is_kw(peek(p, 1), BP_KW_ROW) && !is_op(peek(p, 1), BP_OP_LPAREN))
			return fail(p, "expected '(' after VALUES");
		if (insert_values(p, b) || insert_row_alias(p, b, d))
			return -1;
	} else if (is_kw(t, BP_KW_SET) && b->columns.n == 0) {
		d->flags |= BP_DML_SET_FORM;
		if (insert_set(p, b) || insert_row_alias(p, b, d))
			return -1;
	} else if (is_kw(t, BP_KW_SELECT) || is_kw(t, BP_KW_WITH) || is_kw(t, BP_KW_TABLE) || is_op(t, BP_OP_LPAREN)) {
		if (insert_select(p, d))
			return -1;
	} else {
		return fail(p, "expected VALUES, SET or SELECT");
	}
	if (is_kw(cur(p), BP_KW_ON)) {
		advance(p);
		if (!accept_kw(p, BP_KW_DUPLICATE) || !accept_kw(p, BP_KW_KEY) || !accept_kw(p, BP_KW_UPDATE))
			return fail(p, "expected DUPLICATE KEY UPDATE");
		d->flags |= BP_DML_ODKU;
		if (assign_list(p, b))
			return -1;
	}
	if (is_kw(cur(p), BP_KW_RETURNING)) {
		d->flags |= BP_DML_RETURNING;
		return skip_to_end(p);
	}
	return 0;
}

static int insert(parser *p, build *b, bp_dml *d, bp_dml_kind kind)
{
	d->kind = (uint8_t)kind;
	advance(p);
	for (;;) {
		if (accept_kw(p, BP_KW_LOW_PRIORITY))
			d->flags |= BP_DML_LOW_PRIO;
		else if (accept_kw(p, BP_KW_DELAYED))
			d->flags |= BP_DML_DELAYED;
		else if (accept_kw(p, BP_KW_HIGH_PRIORITY))
			;
		else if (accept_kw(p, BP_KW_IGNORE))
			d->flags |= BP_DML_IGNORE;
		else
			break;
	}
	accept_kw(p, BP_KW_INTO);
	bp_dml_table *t = named_table(p, b);
	if (!t)
		return -1;
	t->target = true;
	if (is_kw(cur(p), BP_KW_PARTITION)) {
		advance(p);
		d->flags |= BP_DML_PARTITION;
		if (name_list_skip(p))
			return -1;
	}
	return insert_body(p, b, d);
}

/* ---- UPDATE ---- */

/* Does assignment target (db, table) name table t (by alias if it has one)? */
static bool names_table(const bp_dml_table *t, const char *db, const char *tb)
{
	if (t->derived && db)
		return false;
	if (db)
		return t->db && strcmp(t->db, db) == 0 && strcmp(t->name, tb) == 0 && !t->alias;
	return t->alias ? strcasecmp(t->alias, tb) == 0 : strcmp(t->name, tb) == 0;
}

/*
 * Targets of a multi-table UPDATE: the tables its SET columns name. An
 * unqualified column could be in any of them, so then every base table is
 * marked (more reads, never a missed one).
 */
static void update_targets(build *b)
{
	bp_dml_assign *as = b->assigns.data;
	for (uint32_t i = 0; i < b->assigns.n; i++) {
		bool found = false;
		for (uint32_t k = 0; k < b->tables.n && as[i].table; k++)
			if (names_table(table_at(b, k), as[i].db, as[i].table))
				table_at(b, k)->target = found = true;
		if (!found)
			for (uint32_t k = 0; k < b->tables.n; k++)
				if (!table_at(b, k)->derived)
					table_at(b, k)->target = true;
	}
}

static int update(parser *p, build *b, bp_dml *d)
{
	d->kind = BP_DML_UPDATE;
	advance(p);
	for (;;) {
		if (accept_kw(p, BP_KW_LOW_PRIORITY))
			d->flags |= BP_DML_LOW_PRIO;
		else if (accept_kw(p, BP_KW_IGNORE))
			d->flags |= BP_DML_IGNORE;
		else
			break;
	}
	unsigned flags = 0;
	if (table_refs(p, b, &flags))
		return -1;
	d->flags |= flags;
	if (!accept_kw(p, BP_KW_SET))
		return fail(p, "expected SET");
	if (assign_list(p, b))
		return -1;
	if (d->flags & BP_DML_MULTI)
		update_targets(b);
	else
		table_at(b, 0)->target = true;
	return where_order_limit(p, b, d);
}

/* ---- DELETE ---- */

/* t[.*], db.t[.*], ...: the tables rows are deleted from (multi-table forms) */
static int delete_targets(parser *p, build *targets, bool *star)
{
	*star = false;
	do {
		const char *db = NULL, *nm = name(p, "expected a table name");
		if (!nm)
			return -1;
		if (is_op(cur(p), BP_OP_DOT) && !is_op(peek(p, 1), BP_OP_STAR)) {
			advance(p);
			db = nm;
			if (!(nm = name(p, "expected a table name")))
				return -1;
		}
		if (is_op(cur(p), BP_OP_DOT) && is_op(peek(p, 1), BP_OP_STAR)) {
			advance(p);
			advance(p);
			*star = true;
		}
		bp_dml_table *t = add_table(p, targets);
		if (!t)
			return -1;
		t->db = db;
		t->name = nm;
		t->target = true;
	} while (accept_op(p, BP_OP_COMMA));
	return 0;
}

/* Mark the targets in the table references; a target naming none is added. */
static int mark_targets(parser *p, build *b, build *targets)
{
	for (uint32_t i = 0; i < targets->tables.n; i++) {
		bp_dml_table *tg = table_at(targets, i);
		bool found = false;
		for (uint32_t k = 0; k < b->tables.n; k++)
			if (names_table(table_at(b, k), tg->db, tg->name))
				table_at(b, k)->target = found = true;
		if (!found) {
			bp_dml_table *t = add_table(p, b);
			if (!t)
				return -1;
			*t = *tg;
		}
	}
	return 0;
}

/* DELETE FROM t [[AS] a] [PARTITION (..)]: the single-table form after the name */
static int delete_single(parser *p, build *b, bp_dml *d)
{
	table_at(b, 0)->target = true;
	for (int i = 0; i < 2; i++) { /* MySQL: alias then PARTITION; MariaDB: PARTITION */
		if (is_kw(cur(p), BP_KW_PARTITION)) {
			advance(p);
			d->flags |= BP_DML_PARTITION;
			if (name_list_skip(p))
				return -1;
		} else if (!table_at(b, 0)->alias) {
			int err;
			const char *a = opt_alias(p, &err);
			if (err)
				return -1;
			table_at(b, 0)->alias = a;
		}
	}
	return where_order_limit(p, b, d);
}

static int delete_(parser *p, build *b, bp_dml *d)
{
	d->kind = BP_DML_DELETE;
	advance(p);
	for (;;) {
		if (accept_kw(p, BP_KW_LOW_PRIORITY))
			d->flags |= BP_DML_LOW_PRIO;
		else if (accept_kw(p, BP_KW_QUICK) || accept_word(p, "HISTORY"))
			;
		else if (accept_kw(p, BP_KW_IGNORE))
			d->flags |= BP_DML_IGNORE;
		else
			break;
	}
	build targets = { 0 };
	bool star;
	bool from = accept_kw(p, BP_KW_FROM);
	if (delete_targets(p, from ? b : &targets, &star))
		return -1;
	if (from && !is_kw(cur(p), BP_KW_USING)) {
		if (b->tables.n != 1 || star)
			return fail(p, "expected USING");
		return delete_single(p, b, d);
	}
	if (from) { /* DELETE FROM t1, t2 USING refs */
		targets = *b;
		memset(&b->tables, 0, sizeof(b->tables));
	}
	if (!accept_kw(p, from ? BP_KW_USING : BP_KW_FROM))
		return fail(p, from ? "expected USING" : "expected FROM");
	unsigned flags = 0;
	if (table_refs(p, b, &flags) || mark_targets(p, b, &targets))
		return -1;
	d->flags |= BP_DML_MULTI | flags;
	return where_order_limit(p, b, d);
}

/* ---- LOAD ---- */

/* LOAD {DATA|XML} [LOW_PRIORITY|CONCURRENT] [LOCAL] INFILE 'f' [REPLACE|IGNORE] INTO TABLE t ... */
static int load(parser *p, build *b, bp_dml *d)
{
	advance(p);
	if (!accept_kw(p, BP_KW_DATA) && !accept_word(p, "XML")) {
		d->kind = BP_DML_OTHER; /* LOAD INDEX INTO CACHE */
		return skip_to_end(p);
	}
	d->kind = BP_DML_LOAD;
	for (;;) {
		if (accept_kw(p, BP_KW_LOW_PRIORITY))
			d->flags |= BP_DML_LOW_PRIO;
		else if (!accept_word(p, "CONCURRENT") && !accept_kw(p, BP_KW_LOCAL))
			break;
	}
	if (!accept_kw(p, BP_KW_INFILE))
		return fail(p, "expected INFILE");
	if (cur(p)->type != BP_TK_STRING)
		return fail(p, "expected a file name");
	advance(p);
	if (accept_kw(p, BP_KW_IGNORE))
		d->flags |= BP_DML_IGNORE;
	else
		accept_kw(p, BP_KW_REPLACE);
	if (!accept_kw(p, BP_KW_INTO) || !accept_kw(p, BP_KW_TABLE))
		return fail(p, "expected INTO TABLE");
	bp_dml_table *t = named_table(p, b);
	if (!t)
		return -1;
	t->target = true;
	return skip_to_end(p);
}

/* ---- SET ---- */

/* A value of SET var = ...: ON, ALL, BINARY ... are words, not expressions. */
static bp_expr *set_value(parser *p)
{
	bp_token *t = cur(p);
	bp_token *nx = peek(p, 1);
	/* a lone word is the value's text (SET sql_mode = ANSI, autocommit = OFF), as the server reads it */
	bool word = is_kw(t, BP_KW_ON) || is_kw(t, BP_KW_ALL) || is_kw(t, BP_KW_BINARY) || is_kw(t, BP_KW_ROW) ||
		    is_kw(t, BP_KW_SYSTEM) || (t->type == BP_TK_IDENT && is_name_tok(t));
	if (word && (is_end(nx) || is_op(nx, BP_OP_COMMA) || is_kw(nx, BP_KW_FOR))) {
		char *s = upper_dup(p, t->start, t->len);
		if (!s)
			return NULL;
		bp_expr *e = lit_bytes(p, BP_L_STRING, t, (const uint8_t *)s, t->len, NULL);
		advance(p);
		return e;
	}
	return expr(p);
}

/* A character set or collation name (or DEFAULT) as a string literal. */
static bp_expr *charset_value(parser *p)
{
	bp_token at = *cur(p);
	if (is_kw(&at, BP_KW_DEFAULT)) {
		advance(p);
		return node(p, BP_X_DEFAULT, &at);
	}
	bp_token *t = &at;
	const char *w = is_kw(t, BP_KW_BINARY) ? (advance(p), "binary") : plain_word(p, "expected a character set name");
	return w ? lit_bytes(p, BP_L_STRING, &at, (const uint8_t *)w, (uint32_t)strlen(w), NULL) : NULL;
}

/* NAMES cs [COLLATE c] | CHARACTER SET cs | CHARSET cs */
static int set_charset(parser *p, bp_dml_assign *as, bool names)
{
	as->scope = names ? 3 : 4;
	as->column = names ? "names" : "character_set";
	if (!(as->value = charset_value(p)))
		return -1;
	if (names && accept_kw(p, BP_KW_COLLATE)) {
		bp_token at = *cur(p);
		const char *c = is_kw(&at, BP_KW_DEFAULT) ? (advance(p), "default") : plain_word(p, "expected a collation name");
		bp_expr *e = c ? node1(p, BP_X_COLLATE, 0, as->value, as->value->offset) : NULL;
		if (!e)
			return -1;
		e->name = c;
		as->value = e;
	}
	return 0;
}

/* GLOBAL, SESSION, LOCAL, PERSIST, PERSIST_ONLY before a variable: its scope, or 0 */
static uint8_t scope_word(parser *p)
{
	bp_token *t = cur(p);
	if (is_kw(t, BP_KW_GLOBAL) || is_word(t, "PERSIST") || is_word(t, "PERSIST_ONLY"))
		return 2;
	if (is_kw(t, BP_KW_SESSION) || is_kw(t, BP_KW_LOCAL))
		return 1;
	return 0;
}

/* One item of SET; *scope is the modifier in force (the last one written applies on). */
static int set_item(parser *p, build *b, uint8_t *scope)
{
	uint8_t s = scope_word(p);
	if (s) {
		*scope = s;
		advance(p);
	}
	bp_dml_assign *as = vec_add(p, &b->assigns, sizeof(*as));
	if (!as)
		return -1;
	bp_token *t = cur(p);
	if (!s && is_kw(t, BP_KW_NAMES)) {
		advance(p);
		return set_charset(p, as, true);
	}
	if (!s && (is_kw(t, BP_KW_CHARSET) || (is_kw(t, BP_KW_CHARACTER) && is_kw(peek(p, 1), BP_KW_SET)))) {
		if (is_kw(t, BP_KW_CHARACTER))
			advance(p);
		advance(p);
		return set_charset(p, as, false);
	}
	if (t->type == BP_TK_VAR) {
		bp_expr *v = user_var(p);
		if (!v)
			return -1;
		if (v->kind != BP_X_USERVAR) { /* user_var took "@x := e" */
			as->column = v->name;
			as->value = v->args[0];
			as->scope = 0;
			return 0;
		}
		as->column = v->name;
		as->scope = 0;
	} else if (t->type == BP_TK_SYSVAR) {
		if (!(as->column = sysvar_name(p, t, &as->scope)))
			return -1;
		advance(p);
		if (accept_op(p, BP_OP_DOT)) { /* @@default.key_buffer_size: structured variables */
			const char *n2 = name(p, "expected a variable name");
			if (!n2)
				return -1;
			as->table = as->column;
			as->column = lower_dup(p, n2, strlen(n2));
		}
	} else {
		const char *a = NULL, *bn = NULL, *c;
		if (column_ref(p, &a, &bn, &c))
			return -1;
		as->table = bn; /* component.variable, default.key_buffer_size */
		as->column = lower_dup(p, c, strlen(c));
		as->scope = *scope ? *scope : 1;
		if (!as->column)
			return -1;
	}
	if (!accept_op(p, BP_OP_EQ) && !accept_op(p, BP_OP_ASSIGN))
		return fail(p, "expected '='");
	as->value = as->scope == 0 ? expr(p) : set_value(p);
	return as->value ? 0 : -1;
}

static int set(parser *p, build *b, bp_dml *d)
{
	advance(p);
	bp_token *t = cur(p);
	bp_token *k = scope_word(p) ? peek(p, 1) : t;
	if (is_kw(k, BP_KW_TRANSACTION) || is_kw(t, BP_KW_PASSWORD) || is_kw(t, BP_KW_ROLE) ||
	    (is_kw(t, BP_KW_DEFAULT) && is_kw(peek(p, 1), BP_KW_ROLE)) || is_word(t, "RESOURCE")) {
		d->kind = BP_DML_OTHER;
		return skip_to_end(p);
	}
	if (is_word(t, "STATEMENT") && !is_op(peek(p, 1), BP_OP_EQ) && !is_op(peek(p, 1), BP_OP_ASSIGN)) {
		/* MariaDB SET STATEMENT var = v, ... FOR stmt: the statement is what counts */
		advance(p);
		build tmp = { 0 };
		uint8_t scope = 0;
		do {
			if (set_item(p, &tmp, &scope))
				return -1;
		} while (accept_op(p, BP_OP_COMMA));
		if (!accept_kw(p, BP_KW_FOR))
			return fail(p, "expected FOR");
		if (!enter(p))
			return -1;
		int rc = statement(p, b, d);
		leave(p);
		return rc;
	}
	d->kind = BP_DML_SET;
	uint8_t scope = 0;
	do {
		if (set_item(p, b, &scope))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	return 0;
}

/* ---- transactions ---- */

static int xa(parser *p, bp_dml *d)
{
	advance(p);
	bp_token *t = cur(p);
	if (is_kw(t, BP_KW_START) || is_kw(t, BP_KW_BEGIN))
		d->kind = BP_DML_BEGIN;
	else if (is_kw(t, BP_KW_END) || is_kw(t, BP_KW_PREPARE) || is_kw(t, BP_KW_COMMIT))
		d->kind = BP_DML_COMMIT;
	else if (is_kw(t, BP_KW_ROLLBACK))
		d->kind = BP_DML_ROLLBACK;
	else if (is_word(t, "RECOVER"))
		d->kind = BP_DML_OTHER;
	else
		return fail(p, "expected START, END, PREPARE, COMMIT or ROLLBACK");
	advance(p);
	return skip_to_end(p);
}

/* BEGIN [WORK] | BEGIN NOT ATOMIC ... (a compound statement) */
static int begin(parser *p, bp_dml *d)
{
	advance(p);
	if (is_kw(cur(p), BP_KW_NOT)) {
		d->kind = BP_DML_OTHER;
		return skip_to_end(p);
	}
	d->kind = BP_DML_BEGIN;
	accept_kw(p, BP_KW_WORK);
	return 0;
}

static int start(parser *p, bp_dml *d)
{
	advance(p);
	if (!accept_kw(p, BP_KW_TRANSACTION)) { /* START SLAVE / REPLICA / GROUP_REPLICATION */
		d->kind = BP_DML_OTHER;
		return skip_to_end(p);
	}
	d->kind = BP_DML_BEGIN;
	return skip_to_end(p); /* READ ONLY, WITH CONSISTENT SNAPSHOT ... */
}

/* COMMIT, ROLLBACK [TO [SAVEPOINT] x], SAVEPOINT x, RELEASE SAVEPOINT x */
static int trx_word(parser *p, bp_dml *d, bp_dml_kind kind)
{
	d->kind = (uint8_t)kind;
	advance(p);
	return skip_to_end(p);
}

/* ---- WITH ---- */

/* WITH [RECURSIVE] name [(cols)] AS (query), ... then UPDATE / DELETE / SELECT */
static int with(parser *p, build *b, bp_dml *d)
{
	advance(p);
	accept_kw(p, BP_KW_RECURSIVE);
	do {
		const char *n = name(p, "expected a name");
		if (!n || vec_push_ptr(p, &b->ctes, (void *)n))
			return -1;
		if (is_op(cur(p), BP_OP_LPAREN) && name_list_skip(p))
			return -1;
		if (!accept_kw(p, BP_KW_AS))
			return fail(p, "expected AS");
		if (skip_parens(p))
			return -1;
	} while (accept_op(p, BP_OP_COMMA));
	bp_token *t = cur(p);
	if (!is_kw(t, BP_KW_UPDATE) && !is_kw(t, BP_KW_DELETE)) {
		d->kind = BP_DML_OTHER;
		return skip_to_end(p);
	}
	if (is_kw(t, BP_KW_UPDATE) ? update(p, b, d) : delete_(p, b, d))
		return -1;
	/* references to the WITH names are not base tables */
	for (uint32_t i = 0; i < b->tables.n; i++) {
		bp_dml_table *tb = table_at(b, i);
		for (uint32_t k = 0; k < b->ctes.n && !tb->db; k++)
			if (strcmp(tb->name, ((const char **)b->ctes.data)[k]) == 0) {
				tb->derived = true;
				tb->target = false;
			}
	}
	return 0;
}

/* ---- dispatch ---- */

/* First words of statements known to be neither DML nor DDL. */
static bool other_word(const bp_token *t)
{
	static const char *const words[] = {
		"ANALYZE", "BACKUP", "BINLOG", "CACHE", "CALL", "CHANGE", "CHECK", "CHECKSUM", "CLONE", "DEALLOCATE",
		"DECLARE", "DESC", "DESCRIBE", "DO", "EXECUTE", "EXPLAIN", "FLUSH", "GET", "GRANT", "HANDLER", "HELP",
		"IMPORT", "INSTALL", "KILL", "LOCK", "OPTIMIZE", "PREPARE", "PURGE", "REPAIR", "RESET", "RESIGNAL",
		"RESTART", "REVOKE", "SELECT", "SHOW", "SHUTDOWN", "SIGNAL", "STOP", "TABLE", "UNINSTALL", "UNLOCK",
		"USE", "VALUES",
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (is_word(t, words[i]))
			return true;
	return false;
}

static int statement(parser *p, build *b, bp_dml *d)
{
	bp_token *t = cur(p);
	if (t->type == BP_TK_ERROR)
		return fail(p, "bad token");
	if (is_op(t, BP_OP_LPAREN) && paren_query(p, 1)) {
		d->kind = BP_DML_OTHER;
		return 0;
	}
	if (t->type != BP_TK_IDENT)
		return fail(p, is_end(t) ? "empty statement" : "expected a statement");
	switch (t->code) {
	case BP_KW_INSERT: return insert(p, b, d, BP_DML_INSERT);
	case BP_KW_REPLACE: return insert(p, b, d, BP_DML_REPLACE);
	case BP_KW_UPDATE: return update(p, b, d);
	case BP_KW_DELETE: return delete_(p, b, d);
	case BP_KW_LOAD: return load(p, b, d);
	case BP_KW_SET: return set(p, b, d);
	case BP_KW_WITH: return with(p, b, d);
	case BP_KW_BEGIN: return begin(p, d);
	case BP_KW_START: return start(p, d);
	case BP_KW_XA: return xa(p, d);
	case BP_KW_COMMIT: return trx_word(p, d, BP_DML_COMMIT);
	case BP_KW_ROLLBACK: return trx_word(p, d, BP_DML_ROLLBACK);
	case BP_KW_SAVEPOINT: return trx_word(p, d, BP_DML_SAVEPOINT);
	case BP_KW_RELEASE:
		if (is_kw(peek(p, 1), BP_KW_SAVEPOINT))
			return trx_word(p, d, BP_DML_SAVEPOINT);
		break;
	case BP_KW_CREATE: case BP_KW_ALTER: case BP_KW_DROP: case BP_KW_RENAME: case BP_KW_TRUNCATE:
		d->kind = BP_DML_DDL;
		return 0;
	default:
		break;
	}
	if (other_word(t)) {
		d->kind = BP_DML_OTHER;
		return 0;
	}
	return fail(p, "unknown statement");
}

/* Copy the collected arrays into d (they already live in the arena). */
static void finish_dml(build *b, bp_dml *d)
{
	d->n_tables = b->tables.n;
	d->tables = b->tables.data;
	d->n_columns = b->columns.n;
	d->columns = b->columns.data;
	d->n_rows = b->rows.n;
	d->rows = b->rows.data;
	d->row_len = b->row_len.data;
	d->n_assigns = b->assigns.n;
	d->assigns = b->assigns.data;
	d->n_order = b->order.n;
	d->order = b->order.data;
	d->order_desc = b->desc.data;
	d->n_row_alias_columns = b->alias_cols.n;
	d->row_alias_columns = b->alias_cols.data;
}

/* Does the parse reach the end? Kinds known from their first word are not read further. */
static bool reads_to_end(const bp_dml *d)
{
	return d->kind != BP_DML_DDL && d->kind != BP_DML_OTHER;
}

int bp_dml_parse(const char *sql, size_t n, const bp_dml_ctx *ctx, bp_arena *a, bp_dml *out)
{
	static const bp_dml_ctx none = { 0, false, false, 0 };
	parser p;
	memset(&p, 0, sizeof(p));
	memset(out, 0, sizeof(*out));
	if (!ctx)
		ctx = &none;
	if (!sql)
		sql = "", n = 0;
	if (n > UINT32_MAX - 1) { /* offsets are 32-bit; the server caps statements at 1 GiB */
		out->reason = "statement too long";
		return 0;
	}
	p.sql = sql;
	p.n = n;
	p.ctx = ctx;
	p.lexf = ctx->lex_flags & (BP_LEX_ANSI_QUOTES | BP_LEX_NO_BACKSLASH_ESCAPES);
	p.a = a;
	bp_lex_init(&p.lx, sql, n, p.lexf);
	p.lx.server_version = ctx->server_version;
	build b;
	memset(&b, 0, sizeof(b));
	int rc = statement(&p, &b, out);
	if (!rc && reads_to_end(out))
		rc = expect_end(&p);
	if (rc || p.err) {
		bool mem = p.oom;
		memset(out, 0, sizeof(*out));
		out->kind = BP_DML_UNPARSED;
		out->reason = p.err ? p.err : "syntax error";
		out->reason_offset = p.err_off;
		return mem ? -1 : 0;
	}
	finish_dml(&b, out);
	return 0;
}

bp_dml_ctx bp_dml_ctx_from_sql_mode(uint64_t sql_mode, uint32_t server_version)
{
	bp_dml_ctx c;
	memset(&c, 0, sizeof(c));
	if (sql_mode & BP_SQLMODE_ANSI_QUOTES)
		c.lex_flags |= BP_LEX_ANSI_QUOTES;
	if (sql_mode & BP_SQLMODE_NO_BACKSLASH_ESCAPES)
		c.lex_flags |= BP_LEX_NO_BACKSLASH_ESCAPES;
	c.pipes_as_concat = (sql_mode & BP_SQLMODE_PIPES_AS_CONCAT) != 0;
	c.high_not_precedence = (sql_mode & BP_SQLMODE_HIGH_NOT_PRECEDENCE) != 0;
	c.server_version = server_version;
	return c;
}

const char *bp_dml_kind_name(unsigned kind)
{
	static const char *const names[] = {
		"unparsed", "insert", "replace", "update", "delete", "load", "begin",
		"commit", "rollback", "savepoint", "set", "ddl", "other",
	};
	return kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}
