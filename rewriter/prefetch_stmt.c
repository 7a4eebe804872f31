/*
 * prefetch_stmt.c: the rules for statement-based writes (QUERY events).
 *
 *   INSERT/REPLACE VALUES|SET   constant rows become images: the row rules apply
 *                               (auto-increment values from INTVAR INSERT_ID,
 *                               omitted columns from their DEFAULT)
 *   UPDATE/DELETE (one table)   the row: key lookups when the WHERE pins the
 *                               clustered key to constants, else the WHERE as a
 *                               bounded read:
 *                                 SELECT COUNT(*) FROM (SELECT * FROM t WHERE w LIMIT n) AS bp_row
 *                               each secondary entry the write maintains, old and
 *                               new, and the FK parents/children, as an index-only
 *                               join on that derived row set:
 *                                 ... JOIN t AS bp_ix FORCE INDEX(k) ON bp_ix.k1 = bp_row.k1 AND ...
 *                               (new entries: the SET expression in place of the column)
 *   multi-table, INSERT..SELECT, LOAD, DDL, unparsed: classified, nothing generated
 *
 * Nothing from the statement reaches the script unless bp_expr_copyable said
 * so, and every line still passes the emitter's single-SELECT check.
 */
#include "prefetch_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dml.h"
#include "emit.h"
#include "lexer.h"
#include "literal.h"

/* ---- session context: INTVAR, USER_VAR ----------------------------------------- */

void bp_pf_intvar(bp_pf_ctx *c, const bp_ev_intvar *iv)
{
	if (iv->type == 2) {
		c->has_insert_id = true;
		c->insert_id = iv->value;
	} else if (iv->type == 1) {
		c->has_last_insert_id = true;
		c->last_insert_id = iv->value;
	}
}

static void uservar_clear(bp_pf_ctx *c)
{
	for (uint32_t i = 0; i < c->n_uservars; i++) {
		free(c->uservars[i].name);
		free(c->uservars[i].lit);
	}
	c->n_uservars = 0;
}

void bp_pf_statement_done(bp_pf_ctx *c)
{
	c->has_insert_id = c->has_last_insert_id = false;
	uservar_clear(c);
}

/* A double as a literal the server reads as a DOUBLE. */
static void add_double(bp_buf *b, double d)
{
	char num[BP_NUMFMT_MAX];
	size_t n = bp_double_fmt(num, d, false);
	bp_buf_add(b, num, n);
	if (!memchr(num, 'e', n) && !memchr(num, 'E', n))
		bp_buf_adds(b, "E0");
}

void bp_pf_uservar_event(bp_pf_ctx *c, const bp_ev_user_var *uv)
{
	if (c->n_uservars == c->cap_uservars) {
		uint32_t cap = c->cap_uservars ? c->cap_uservars * 2 : 8;
		bp_pf_uservar *nv = realloc(c->uservars, sizeof(*nv) * cap);
		if (!nv)
			return;
		c->uservars = nv;
		c->cap_uservars = cap;
	}
	bp_buf *b = &c->tmp;
	bp_buf_clear(b);
	bool ok = true;
	if (!uv->is_null) {
		switch (uv->value_type) {
		case 0: /* STRING */
			bp_literal_bytes(b, uv->value, uv->value_len, bp_collation_charset(uv->charset));
			break;
		case 1: { /* REAL */
			double d;
			ok = uv->value_len == 8;
			if (ok) {
				memcpy(&d, uv->value, 8);
				ok = d == d && d - d == 0; /* not NaN nor infinite */
				if (ok)
					add_double(b, d);
			}
			break;
		}
		case 2: { /* INT */
			uint64_t u = 0;
			ok = uv->value_len == 8;
			for (int i = 7; ok && i >= 0; i--)
				u = (u << 8) | uv->value[i];
			if (ok && uv->has_flags && (uv->flags & 1))
				bp_buf_addu64(b, u);
			else if (ok)
				bp_buf_addi64(b, (int64_t)u);
			break;
		}
		case 4: /* DECIMAL: precision, scale, packed digits */
			ok = uv->value_len >= 2 &&
			     bp_decimal_to_text(b, uv->value + 2, uv->value_len - 2, uv->value[0], uv->value[1]) == 0;
			break;
		default:
			ok = false;
		}
	}
	if (!uv->is_null && (!ok || !bp_buf_ok(b)))
		return; /* no exact literal: uses of the variable fail to print, never read a wrong value */
	bp_pf_uservar *v = &c->uservars[c->n_uservars];
	v->name = strndup(uv->name, uv->name_len);
	v->lit = uv->is_null ? NULL : strndup(b->data ? b->data : "", b->len);
	if (!v->name || (!uv->is_null && !v->lit)) {
		free(v->name);
		free(v->lit);
		return;
	}
	c->n_uservars++;
}

/* ---- printing -------------------------------------------------------------------- */

struct ud;

typedef struct print_ctx {
	bp_pf_ctx *c;
	const char *row_alias;   /* columns become `row_alias`.`col`; NULL: as written */
	/* generation expressions: columns from an INSERT's image, or (UPDATE) from the SET or the row */
	pf_image *img;
	const bp_sch_table *t;
	const struct ud *u;
} print_ctx;

static int print_assigned_or_row(const struct ud *u, int32_t ci, bp_buf *b);

static int var_cb(void *vctx, const char *name, bp_buf *b)
{
	print_ctx *pc = vctx;
	bp_pf_ctx *c = pc->c;
	if (strcmp(name, "LAST_INSERT_ID()") == 0) {
		if (!c->has_last_insert_id)
			return -1;
		bp_buf_addu64(b, c->last_insert_id);
		return 0;
	}
	for (uint32_t i = 0; i < c->n_uservars; i++)
		if (strcasecmp(c->uservars[i].name, name) == 0) {
			bp_buf_adds(b, c->uservars[i].lit ? c->uservars[i].lit : "NULL");
			return 0;
		}
	return -1;
}

static int col_cb(void *vctx, const bp_expr *col, bp_buf *b)
{
	print_ctx *pc = vctx;
	if (pc->img || pc->u) {
		uint32_t ci;
		const char *lit;
		if (!bp_sch_find_column(pc->t, col->name, &ci))
			return -1;
		if (pc->u)
			return print_assigned_or_row(pc->u, (int32_t)ci, b);
		int r = pf_image_get(pc->c, pc->img, (int32_t)ci, &lit);
		if (r < 0)
			return -1;
		bp_buf_adds(b, r ? lit : "NULL");
		return 0;
	}
	bp_sql_add_name(b, pc->row_alias);
	bp_buf_addc(b, '.');
	bp_sql_add_name(b, col->name);
	return 0;
}

/* Print e into b (appending) with the column mapping of pc; -1 when it cannot be printed (b rewound). */
static int print_expr_pc(print_ctx *pc, bp_buf *b, const bp_expr *e, const char *session_cs)
{
	/* no mapping: columns print as written (the printer's own form) */
	bool mapped = pc->row_alias || pc->img || pc->u;
	bp_expr_printer pr = { mapped ? col_cb : NULL, var_cb, pc, session_cs };
	size_t mark = b->len;
	if (bp_expr_print(b, e, &pr) != 0 || !bp_buf_ok(b)) {
		b->len = mark;
		return -1;
	}
	return 0;
}

/* Print e into b (appending); -1 when it cannot be printed (b rewound). */
static int print_expr(bp_pf_ctx *c, bp_buf *b, const bp_expr *e, const char *row_alias, const char *session_cs)
{
	print_ctx pc = { c, row_alias, NULL, NULL, NULL };
	return print_expr_pc(&pc, b, e, session_cs);
}

/* ---- INSERT ------------------------------------------------------------------------ */

/* The column's DEFAULT as a literal when it is one (NULL, a number, a plain string), else NULL with *ok false. */
static const char *default_literal(const bp_sch_column *sc, bool *is_null, bool *ok)
{
	*is_null = false;
	*ok = true;
	const char *d = sc->default_value;
	if (!d) {
		*is_null = sc->nullable;
		*ok = sc->nullable;
		return NULL;
	}
	if (strcasecmp(d, "NULL") == 0) {
		*is_null = true;
		return NULL;
	}
	size_t n = strlen(d);
	if (n >= 2 && d[0] == '\'' && d[n - 1] == '\'' && !strchr(d, '\\'))
		return d;
	const char *p = d + (*d == '-');
	if (*p >= '0' && *p <= '9' && strspn(p, "0123456789.eE+-") == strlen(p))
		return d;
	*ok = false;
	return NULL;
}

/*
 * A string for an ENUM column as the member's number: the server compares and
 * indexes ENUMs by number, and a string among numbers in a batched
 * (a, b) IN ((..), (..)) gets no range access. NULL: keep the string.
 */
static const char *enum_number(bp_pf_ctx *c, const bp_sch_column *sc, const bp_expr *e)
{
	if (!sc->base || strcmp(sc->base, "enum") != 0 || e->kind != BP_X_LITERAL || e->lit != BP_L_STRING)
		return NULL;
	for (uint32_t k = 0; k < sc->n_values; k++) {
		const char *m = sc->values[k];
		size_t n = strlen(m);
		/* members compare as the column's collation: ASCII case-insensitively, trailing spaces ignored */
		size_t len = e->len;
		while (len && e->bytes[len - 1] == ' ')
			len--;
		if (n == len && strncasecmp(m, (const char *)e->bytes, n) == 0) {
			char num[16];
			snprintf(num, sizeof(num), "%u", k + 1);
			return bp_arena_strndup(&c->arena, num, strlen(num));
		}
	}
	return NULL;
}

static void image_set(pf_image *im, uint32_t i, uint8_t st, const char *lit)
{
	im->st[i] = st;
	im->lit[i] = lit;
}

/*
 * Row r of an INSERT as an image of t. *gen: the auto-increment column was
 * generated by the server (from INSERT_ID), so the row goes to the tail.
 */
static int insert_image(bp_pf_ctx *c, const bp_dml *d, uint32_t r, const bp_sch_table *t, pf_plan *p,
			const char *cs, uint16_t increment, pf_image *im, bool *gen)
{
	if (pf_image_init(c, im, t))
		return -1;
	*gen = false;
	bool *given = bp_arena_alloc(&c->arena, t->n_columns ? t->n_columns : 1);
	if (!given)
		return -1;
	memset(given, 0, t->n_columns ? t->n_columns : 1);
	/* the value list maps onto the named columns, or onto the visible columns in order */
	uint32_t next_visible = 0;
	for (uint32_t i = 0; i < d->row_len[r]; i++) {
		uint32_t ci;
		if (d->n_columns) {
			if (i >= d->n_columns || !bp_sch_find_column(t, d->columns[i], &ci))
				return -1;
		} else {
			while (next_visible < t->n_columns && t->columns[next_visible].invisible)
				next_visible++;
			if (next_visible >= t->n_columns)
				return -1;
			ci = next_visible++;
		}
		const bp_expr *e = d->rows[r][i];
		given[ci] = true;
		if (e->kind == BP_X_DEFAULT) {
			given[ci] = false;
			continue;
		}
		if (e->kind == BP_X_LITERAL && e->lit == BP_L_NULL) {
			image_set(im, ci, IMG_NULL, NULL);
			continue;
		}
		bp_buf_clear(&c->tmp);
		if (!bp_expr_is_const(e) || print_expr(c, &c->tmp, e, NULL, cs) != 0) {
			image_set(im, ci, IMG_UNKNOWN, NULL);
			im->why |= BP_R_NO_VALUE;
			continue;
		}
		const char *lit = enum_number(c, &t->columns[ci], e);
		if (!lit)
			lit = bp_arena_strndup(&c->arena, c->tmp.data ? c->tmp.data : "", c->tmp.len);
		image_set(im, ci, lit ? IMG_VALUE : IMG_UNKNOWN, lit);
	}
	for (uint32_t i = 0; i < t->n_columns; i++) {
		if ((int32_t)i == p->auto_inc_col) {
			/* NULL, 0 or absent: the server generated the value (INSERT_ID) */
			bool generated = !given[i] || im->st[i] == IMG_NULL ||
					 (im->st[i] == IMG_VALUE && strcmp(im->lit[i], "0") == 0);
			if (!generated)
				continue;
			if (!c->has_insert_id) {
				image_set(im, i, IMG_UNKNOWN, NULL);
				im->why |= BP_R_NO_VALUE;
				continue;
			}
			char num[24];
			snprintf(num, sizeof(num), "%" PRIu64, c->insert_id + (uint64_t)r * (increment ? increment : 1));
			image_set(im, i, IMG_VALUE, bp_arena_strndup(&c->arena, num, strlen(num)));
			*gen = true;
			continue;
		}
		if (given[i])
			continue;
		if (p->gen[i]) {
			/* the server computes it from the row: so does the read */
			print_ctx pc = { c, NULL, im, t, NULL };
			bp_buf_clear(&c->tmp);
			bp_buf_addc(&c->tmp, '(');
			bool ok = print_expr_pc(&pc, &c->tmp, p->gen[i], cs) == 0;
			bp_buf_addc(&c->tmp, ')');
			const char *lit = ok ? bp_arena_strndup(&c->arena, c->tmp.data, c->tmp.len) : NULL;
			image_set(im, i, lit ? IMG_VALUE : IMG_UNKNOWN, lit);
			if (!lit)
				im->why |= BP_R_NO_VALUE;
			continue;
		}
		if (t->columns[i].generated) {
			image_set(im, i, IMG_UNKNOWN, NULL);
			continue;
		}
		bool is_null, ok;
		const char *lit = default_literal(&t->columns[i], &is_null, &ok);
		if (!ok) {
			image_set(im, i, IMG_UNKNOWN, NULL);
			continue;
		}
		image_set(im, i, is_null ? IMG_NULL : IMG_VALUE, lit);
	}
	return 0;
}

static void stmt_insert(bp_pf_ctx *c, const bp_dml *d, const bp_ev_query *q, const bp_sch_table *t,
			const char *cs, bp_pf_verdict *v)
{
	pf_plan *p = pf_plan_get(c, t);
	if (!p) {
		v->reasons |= BP_R_NO_VALUE;
		v->needed++;
		return;
	}
	uint16_t incr = q->has_auto_increment ? q->auto_increment_increment : 1;
	uint8_t cls = BP_C__COUNT;
	if (d->flags & BP_DML_ODKU)
		c->force_cls = BP_C_UPSERT; /* the rows' lines say so too */
	for (uint32_t r = 0; r < d->n_rows; r++) {
		pf_image im;
		bool gen;
		if (insert_image(c, d, r, t, p, cs, incr, &im, &gen) != 0) {
			v->needed++;
			v->reasons |= BP_R_NO_VALUE;
			continue;
		}
		bp_pf_verdict rv;
		memset(&rv, 0, sizeof(rv));
		pf_rule_insert(c, p, &im, gen, &rv);
		v->needed += rv.needed;
		v->warmed += rv.warmed;
		v->lookups += rv.lookups;
		v->guarded += rv.guarded;
		v->reasons |= rv.reasons;
		/* a statement mixing tail and random rows is random */
		if (cls == BP_C__COUNT || rv.cls == BP_C_INSERT_RANDOM)
			cls = rv.cls;
	}
	pf_set_class(c, v, cls == BP_C__COUNT ? BP_C_INSERT_RANDOM : cls);
	c->force_cls = BP_C__COUNT;
}

/* ---- UPDATE / DELETE ---------------------------------------------------------------- */

/* Values pinned to one column by the WHERE's top-level conjuncts. */
typedef struct pin {
	int32_t col;
	uint32_t n;
	const bp_expr **vals;    /* constant expressions (a NULL literal for IS NULL) */
} pin;

typedef struct pins {
	uint32_t n;
	pin p[BP_PF_MAX_COLS];
} pins;

static const bp_expr null_lit = { .kind = BP_X_LITERAL, .lit = BP_L_NULL };

/* A value a key can be pinned to: a constant, or a user variable the log gave (USER_VAR). */
static bool pin_value(const bp_expr *e)
{
	return bp_expr_is_const(e) || e->kind == BP_X_USERVAR;
}

/* Does a column reference name table t (by its name or the statement's alias)? */
static bool col_of(const bp_expr *e, const bp_dml_table *dt)
{
	if (e->kind != BP_X_COLUMN)
		return false;
	if (!e->table)
		return true;
	if (dt->alias)
		return strcasecmp(e->table, dt->alias) == 0;
	return strcmp(e->table, dt->name) == 0;
}

static void pin_add(pins *ps, int32_t col, const bp_expr **vals, uint32_t n)
{
	for (uint32_t i = 0; i < ps->n; i++)
		if (ps->p[i].col == col)
			return; /* the first condition on a column wins; the rest only narrow */
	if (ps->n < BP_PF_MAX_COLS)
		ps->p[ps->n++] = (pin){ col, n, vals };
}

static void collect_pins(bp_pf_ctx *c, const bp_expr *e, const bp_dml_table *dt, const bp_sch_table *t, pins *ps,
			 bool *range_cols, int depth)
{
	if (!e || depth > 64)
		return;
	if (e->kind == BP_X_BINARY && e->op == BP_XOP_AND) {
		for (uint32_t i = 0; i < e->n_args; i++)
			collect_pins(c, e->args[i], dt, t, ps, range_cols, depth + 1);
		return;
	}
	uint32_t ci;
	if (e->kind == BP_X_BINARY && e->op == BP_OP_EQ && e->n_args == 2) {
		const bp_expr *a = e->args[0], *b = e->args[1];
		if (!col_of(a, dt))
			a = e->args[1], b = e->args[0];
		if (col_of(a, dt) && pin_value(b) && bp_sch_find_column(t, a->name, &ci)) {
			const bp_expr **v = bp_arena_alloc(&c->arena, sizeof(*v));
			if (v) {
				v[0] = b;
				pin_add(ps, (int32_t)ci, v, 1);
			}
		}
		return;
	}
	if (e->kind == BP_X_IN && !e->negated && e->n_args >= 2 && col_of(e->args[0], dt) &&
	    bp_sch_find_column(t, e->args[0]->name, &ci)) {
		for (uint32_t i = 1; i < e->n_args; i++)
			if (!pin_value(e->args[i]))
				return;
		pin_add(ps, (int32_t)ci, (const bp_expr **)e->args + 1, e->n_args - 1);
		return;
	}
	if (e->kind == BP_X_IS && !e->negated && e->op == BP_KW_NULL && e->n_args == 1 && col_of(e->args[0], dt) &&
	    bp_sch_find_column(t, e->args[0]->name, &ci)) {
		const bp_expr **v = bp_arena_alloc(&c->arena, sizeof(*v));
		if (v) {
			v[0] = &null_lit;
			pin_add(ps, (int32_t)ci, v, 1);
		}
		return;
	}
	/* a range on a column: remembered for the class */
	if (((e->kind == BP_X_BINARY && (e->op == BP_OP_LT || e->op == BP_OP_LE || e->op == BP_OP_GT ||
					 e->op == BP_OP_GE)) ||
	     (e->kind == BP_X_BETWEEN && !e->negated) || (e->kind == BP_X_LIKE && !e->negated)) &&
	    e->n_args >= 2) {
		for (uint32_t i = 0; i < 2; i++)
			if (col_of(e->args[i], dt) && bp_sch_find_column(t, e->args[i]->name, &ci))
				range_cols[ci] = true;
	}
}

static const pin *pin_of(const pins *ps, int32_t col)
{
	for (uint32_t i = 0; i < ps->n; i++)
		if (ps->p[i].col == col)
			return &ps->p[i];
	return NULL;
}

/* Are all columns of ix pinned? *combos: number of key tuples. */
static bool index_pinned(const pf_index *ix, const pins *ps, uint64_t *combos)
{
	*combos = 1;
	for (uint32_t j = 0; j < ix->n; j++) {
		const pin *pn = pin_of(ps, ix->col[j]);
		if (!pn)
			return false;
		*combos *= pn->n;
		if (*combos > 1000)
			return false;
	}
	return ix->n > 0;
}

/* The clustered-key lookups of a WHERE that pins every clustered column (one per combination). */
static void pinned_keys(bp_pf_ctx *c, pf_plan *p, const pins *ps, uint64_t combos, const char *cs, bp_pf_verdict *v)
{
	const pf_index *ix = p->cl;
	for (uint64_t k = 0; k < combos; k++) {
		bp_pf_key key;
		memset(&key, 0, sizeof(key));
		key.table = p->t;
		key.index = ix->ix;
		key.role = BP_ROLE_BEFORE;
		key.clustered = true;
		key.rows = 1;
		uint64_t rest = k;
		bool ok = true;
		for (uint32_t j = 0; j < ix->n && ok; j++) {
			const pin *pn = pin_of(ps, ix->col[j]);
			const bp_expr *e = pn->vals[rest % pn->n];
			rest /= pn->n;
			key.col[j] = p->t->columns[ix->col[j]].name;
			if (e->kind == BP_X_LITERAL && e->lit == BP_L_NULL) {
				key.val[j] = NULL;
				continue;
			}
			bp_buf_clear(&c->tmp);
			ok = print_expr(c, &c->tmp, e, NULL, cs) == 0;
			key.val[j] = ok ? bp_arena_strndup(&c->arena, c->tmp.data ? c->tmp.data : "", c->tmp.len) : NULL;
			ok = ok && key.val[j];
		}
		key.n = ix->n;
		v->needed++;
		if (!ok) {
			v->reasons |= BP_R_NOT_COPYABLE;
			continue;
		}
		v->lookups++;
		if (bp_emit_key(c->emit, &key) < 0) {
			v->guarded++;
			v->reasons |= BP_R_GUARD;
		} else {
			v->warmed++;
		}
	}
}

/* One UPDATE/DELETE being turned into reads. */
typedef struct ud {
	bp_pf_ctx *c;
	const bp_dml *d;
	const bp_dml_table *dt;
	pf_plan *p;
	const char *cs;
	bp_buf derived;          /* "(SELECT * FROM ... LIMIT n) AS `bp_row`" */
	bp_pf_verdict *v;
} ud;

/* SET expression of column ci, or NULL */
static const bp_expr *assigned(const ud *u, int32_t ci)
{
	const char *name = u->p->t->columns[ci].name;
	for (uint32_t i = 0; i < u->d->n_assigns; i++)
		if (strcasecmp(u->d->assigns[i].column, name) == 0)
			return u->d->assigns[i].value;
	return NULL;
}

/* Does the expression read a column the UPDATE assigns? */
static bool uses_assigned(const ud *u, const bp_expr *e, int depth)
{
	if (!e || depth > 64)
		return false;
	uint32_t ci;
	if (e->kind == BP_X_COLUMN && bp_sch_find_column(u->p->t, e->name, &ci))
		return assigned(u, (int32_t)ci) != NULL;
	for (uint32_t i = 0; i < e->n_args; i++)
		if (uses_assigned(u, e->args[i], depth + 1))
			return true;
	return false;
}

/* Does the UPDATE change column ci: assigned, or generated from an assigned column? */
static bool changes(const ud *u, int32_t ci)
{
	return assigned(u, ci) || (u->p->gen[ci] && uses_assigned(u, u->p->gen[ci], 0));
}

/* A column's value after the UPDATE: its SET expression, or the row's value. */
static int print_assigned_or_row(const ud *u, int32_t ci, bp_buf *b)
{
	const bp_expr *e = assigned(u, ci);
	if (!e) {
		bp_buf_adds(b, "`bp_row`.");
		bp_sql_add_name(b, u->p->t->columns[ci].name);
		return 0;
	}
	const char *why;
	if (!bp_expr_copyable(e, &why))
		return -1;
	bp_buf_addc(b, '(');
	if (print_expr(u->c, b, e, "bp_row", u->cs) != 0)
		return -1;
	bp_buf_addc(b, ')');
	return 0;
}

static int build_derived(ud *u, uint64_t limit)
{
	bp_pf_ctx *c = u->c;
	bp_buf *b = &u->derived;
	bp_buf_clear(b);
	bp_buf_adds(b, "(SELECT * FROM ");
	bp_sql_add_name(b, u->p->t->db);
	bp_buf_addc(b, '.');
	bp_sql_add_name(b, u->p->t->name);
	if (u->dt->alias) {
		bp_buf_adds(b, " AS ");
		bp_sql_add_name(b, u->dt->alias);
	}
	bp_buf_adds(b, " WHERE ");
	if (print_expr(c, b, u->d->where, NULL, u->cs) != 0)
		return -1;
	if (u->d->n_order) {
		bp_buf_adds(b, " ORDER BY ");
		for (uint32_t i = 0; i < u->d->n_order; i++) {
			if (i)
				bp_buf_adds(b, ", ");
			if (print_expr(c, b, u->d->order[i], NULL, u->cs) != 0)
				return -1;
			if (u->d->order_desc && u->d->order_desc[i])
				bp_buf_adds(b, " DESC");
		}
	}
	bp_buf_adds(b, " LIMIT ");
	bp_buf_addu64(b, limit);
	bp_buf_adds(b, ") AS `bp_row`");
	return bp_buf_ok(b) ? 0 : -1;
}

/* Emit the raw read and count it. */
static void raw_read(ud *u, const char *index_name, unsigned role)
{
	bp_pf_ctx *c = u->c;
	u->v->lookups++;
	int r = bp_emit_raw(c->emit, index_name, role, c->tmp.data, c->tmp.len);
	if (r >= 0)
		u->v->warmed++;
}

/*
 * An index-only join from the derived rows to index ix of table jt:
 *   ON `bp_ix`.`col_j` <op> value_j for each pair; values are printed by val().
 */
typedef int (*val_fn)(ud *u, uint32_t j, bp_buf *b, void *arg);

static int join_read(ud *u, const bp_sch_table *jt, const bp_sch_index *ix, uint32_t n, const int32_t *jcols,
		     val_fn val, void *arg)
{
	bp_pf_ctx *c = u->c;
	bp_buf *b = &c->tmp;
	bp_buf_clear(b);
	bp_buf_adds(b, "SELECT COUNT(*) FROM ");
	bp_buf_add(b, u->derived.data, u->derived.len);
	bp_buf_adds(b, " JOIN ");
	bp_sql_add_name(b, jt->db);
	bp_buf_addc(b, '.');
	bp_sql_add_name(b, jt->name);
	bp_buf_adds(b, " AS `bp_ix` FORCE INDEX(");
	bp_sql_add_name(b, ix->name);
	bp_buf_adds(b, ") ON ");
	for (uint32_t j = 0; j < n; j++) {
		const bp_sch_column *col = &jt->columns[jcols[j]];
		if (j)
			bp_buf_adds(b, " AND ");
		bp_buf_adds(b, "`bp_ix`.");
		bp_sql_add_name(b, col->name);
		bp_buf_adds(b, col->nullable ? " <=> " : " = ");
		if (val(u, j, b, arg) != 0)
			return -1;
	}
	return bp_buf_ok(b) ? 0 : -1;
}

/* values for a secondary entry of the target table: the row's columns, or the SET expressions (new entry) */
typedef struct entry_arg {
	const int32_t *cols;
	bool new_entry;
} entry_arg;

static int entry_val(ud *u, uint32_t j, bp_buf *b, void *varg)
{
	entry_arg *a = varg;
	int32_t ci = a->cols[j];
	if (!a->new_entry) {
		bp_buf_adds(b, "`bp_row`.");
		bp_sql_add_name(b, u->p->t->columns[ci].name);
		return 0;
	}
	if (!assigned(u, ci) && u->p->gen[ci] && uses_assigned(u, u->p->gen[ci], 0)) {
		/* a generated column of changed columns: its expression over the new values */
		print_ctx pc = { u->c, NULL, NULL, u->p->t, u };
		bp_buf_addc(b, '(');
		if (print_expr_pc(&pc, b, u->p->gen[ci], u->cs) != 0)
			return -1;
		bp_buf_addc(b, ')');
		return 0;
	}
	return print_assigned_or_row(u, ci, b);
}

/* The entry of secondary index ix (old or new), with the clustered key appended. */
static void want_entry(ud *u, const pf_index *ix, bool new_entry, unsigned role)
{
	int32_t cols[BP_PF_MAX_COLS];
	uint32_t n = 0;
	for (uint32_t j = 0; j < ix->n; j++)
		cols[n++] = ix->col[j];
	if (u->p->cl && ix != u->p->cl)
		for (uint32_t j = 0; j < u->p->cl->n && n < BP_PF_MAX_COLS; j++) {
			bool dup = false;
			for (uint32_t k = 0; k < n; k++)
				dup |= cols[k] == u->p->cl->col[j];
			if (!dup)
				cols[n++] = u->p->cl->col[j];
		}
	entry_arg a = { cols, new_entry };
	u->v->needed++;
	if (join_read(u, u->p->t, ix->ix, n, cols, entry_val, &a) != 0) {
		u->v->reasons |= BP_R_NOT_COPYABLE;
		return;
	}
	raw_read(u, ix->ix->name, role);
}

/* FK values: the other table's columns against the row's (or the SET expression's) */
typedef struct fk_arg {
	const pf_fk *f;
	bool to_parent;          /* the row is the child: look up the parent */
} fk_arg;

static int fk_val(ud *u, uint32_t j, bp_buf *b, void *varg)
{
	fk_arg *a = varg;
	int32_t mine = a->to_parent ? a->f->child_col[j] : a->f->parent_col[j];
	entry_arg ea = { &mine, a->to_parent };
	return entry_val(u, 0, b, &ea);
}

static void want_fk(ud *u, const pf_fk *f, bool to_parent, bool cascades)
{
	fk_arg a = { f, to_parent };
	const bp_sch_table *jt = to_parent ? f->parent : f->child;
	const bp_sch_index *jix = to_parent ? f->parent_ix : f->child_ix;
	u->v->needed++;
	if (cascades)
		u->v->reasons |= BP_R_CASCADE;
	if (join_read(u, jt, jix, f->n, to_parent ? f->parent_col : f->child_col, fk_val, &a) != 0) {
		u->v->reasons |= BP_R_NOT_COPYABLE;
		return;
	}
	raw_read(u, jix->name, to_parent ? BP_ROLE_FK_PARENT : BP_ROLE_FK_CHILD);
}

/*
 * What an ON DELETE CASCADE / SET NULL reaches. parent_rows is a derived table
 * aliased `bp_row` with the parent rows being deleted (at least the referenced
 * columns). The apply finds the children through the FK index and deletes (or
 * updates) each: their clustered rows, every secondary entry, and one level
 * further down their own children. So, with the child rows as a new derived
 * table read through the FK index:
 *   (SELECT `bp_c`.* FROM parent_rows JOIN child AS `bp_c` FORCE INDEX(fk)
 *    ON `bp_c`.fk = `bp_row`.ref LIMIT n) AS `bp_row`
 * the rows themselves, each secondary entry (as want_entry joins them), and the
 * next level (cascading: recursively, up to 3 levels; restricting: its check).
 */
void pf_cascade(bp_pf_ctx *c, const pf_fk *f, const char *parent_rows, size_t len, unsigned depth,
		bp_pf_verdict *v)
{
	pf_plan *cp = pf_plan_get(c, f->child);
	if (!cp || !f->child_ix) {
		v->needed++;
		v->reasons |= BP_R_CASCADE;
		return;
	}
	ud u = { c, NULL, NULL, cp, NULL, { 0 }, v };
	bp_buf *d = &u.derived;
	bp_buf_adds(d, "(SELECT `bp_c`.* FROM ");
	bp_buf_add(d, parent_rows, len);
	bp_buf_adds(d, " JOIN ");
	bp_sql_add_name(d, f->child->db);
	bp_buf_addc(d, '.');
	bp_sql_add_name(d, f->child->name);
	bp_buf_adds(d, " AS `bp_c` FORCE INDEX(");
	bp_sql_add_name(d, f->child_ix->name);
	bp_buf_adds(d, ") ON ");
	for (uint32_t j = 0; j < f->n; j++) {
		if (j)
			bp_buf_adds(d, " AND ");
		bp_buf_adds(d, "`bp_c`.");
		bp_sql_add_name(d, f->child->columns[f->child_col[j]].name);
		bp_buf_adds(d, " = `bp_row`.");
		bp_sql_add_name(d, f->parent->columns[f->parent_col[j]].name);
	}
	bp_buf_adds(d, " LIMIT ");
	bp_buf_addu64(d, c->max_where_rows ? c->max_where_rows : 1000);
	bp_buf_adds(d, ") AS `bp_row`");
	if (!bp_buf_ok(d)) {
		bp_buf_release(d);
		return;
	}
	/* the child rows (and the FK index range that finds them) */
	v->needed++;
	bp_buf_clear(&c->tmp);
	bp_buf_adds(&c->tmp, "SELECT COUNT(*) FROM ");
	bp_buf_add(&c->tmp, d->data, d->len);
	raw_read(&u, f->child_ix->name, BP_ROLE_FK_CHILD);
	/* their secondary entries: all of them for a delete; SET NULL rewrites the FK entries only */
	bool set_null = f->fk->on_delete == BP_FK_SET_NULL;
	for (uint32_t i = 0; i < cp->n_ix && !set_null; i++) {
		const pf_index *ix = &cp->ix[i];
		if (ix != cp->cl && ix->ix != f->child_ix && ix->searchable)
			want_entry(&u, ix, false, BP_ROLE_FK_CHILD);
	}
	/* one level down */
	for (uint32_t i = 0; i < cp->n_ref && !set_null; i++) {
		const pf_fk *g = &cp->ref[i];
		bool cascades = g->fk->on_delete == BP_FK_CASCADE || g->fk->on_delete == BP_FK_SET_NULL;
		if (cascades && depth < 3)
			pf_cascade(c, g, d->data, d->len, depth + 1, v);
		else
			want_fk(&u, g, false, cascades);
	}
	bp_buf_release(d);
}

static bool any_assigned(const ud *u, const int32_t *cols, uint32_t n)
{
	for (uint32_t j = 0; j < n; j++)
		if (changes(u, cols[j]))
			return true;
	return false;
}

static void stmt_update_delete(bp_pf_ctx *c, const bp_dml *d, const bp_sch_table *t, const char *cs,
			       bp_pf_verdict *v)
{
	pf_plan *p = pf_plan_get(c, t);
	if (!p) {
		v->needed++;
		v->reasons |= BP_R_NO_VALUE;
		pf_set_class(c, v, BP_C_OTHER);
		return;
	}
	bool is_update = d->kind == BP_DML_UPDATE;
	const bp_dml_table *dt = &d->tables[0];
	const char *why;
	if (!d->where) {
		pf_set_class(c, v, BP_C_SCAN); /* every row: a prefetcher cannot run ahead of that */
		v->needed++;
		v->guarded++;
		v->reasons |= BP_R_GUARD;
		return;
	}
	if (!bp_expr_copyable(d->where, &why)) {
		pf_set_class(c, v, BP_C_SCAN);
		v->needed++;
		v->reasons |= BP_R_NOT_COPYABLE;
		return;
	}
	pins ps;
	memset(&ps, 0, sizeof(ps));
	bool *range_cols = bp_arena_alloc(&c->arena, t->n_columns ? t->n_columns : 1);
	if (!range_cols)
		return;
	memset(range_cols, 0, t->n_columns ? t->n_columns : 1);
	collect_pins(c, d->where, dt, t, &ps, range_cols, 0);
	/* the class: the best index the WHERE pins, as the optimizer would pick */
	uint64_t combos = 0;
	const pf_index *via = NULL;
	bool cl_pinned = p->cl && index_pinned(p->cl, &ps, &combos);
	if (cl_pinned) {
		pf_set_class(c, v, p->cl->ix->kind == BP_IDX_PRIMARY ? BP_C_PK_POINT : BP_C_UNIQUE_POINT);
		via = p->cl;
	} else {
		unsigned cls = BP_C_SCAN;
		for (uint32_t i = 0; i < p->n_ix && cls != BP_C_UNIQUE_POINT; i++) {
			const pf_index *ix = &p->ix[i];
			uint64_t n;
			if (!ix->searchable)
				continue;
			if (ix != p->cl && ix->ix->kind <= BP_IDX_UNIQUE && index_pinned(ix, &ps, &n)) {
				cls = BP_C_UNIQUE_POINT;
				via = ix;
			} else if (pin_of(&ps, ix->col[0]) && cls == BP_C_SCAN) {
				/* equality on a leading column: a point on a secondary index, a range of the clustered one */
				cls = ix == p->cl ? BP_C_RANGE : BP_C_SECONDARY_POINT;
				via = ix;
			} else if (range_cols[ix->col[0]] && cls == BP_C_SCAN) {
				cls = BP_C_RANGE;
				via = ix;
			}
		}
		pf_set_class(c, v, cls);
	}
	if (!p->cl)
		v->reasons |= BP_R_NO_PK;
	if (v->cls == BP_C_SCAN) {
		/*
		 * A scan reads the whole table: over the guards unless the table is
		 * small enough to read whole (then the bounded read below warms it).
		 */
		int64_t rows = t->stats.has_rows ? t->stats.rows : -1;
		if (rows < 0 || (c->max_where_rows && (uint64_t)rows > c->max_where_rows)) {
			v->needed++;
			v->guarded++;
			v->reasons |= BP_R_GUARD;
			return;
		}
	}
	/* guard: rows the WHERE reads through the chosen index, from the statistics */
	if (v->cls == BP_C_SECONDARY_POINT || v->cls == BP_C_RANGE) {
		const bp_sch_keypart *kp = &via->ix->parts[0];
		double rows = 1;
		if (t->stats.has_rows && t->stats.rows > 0 && kp->cardinality > 0)
			rows = (double)t->stats.rows / (double)kp->cardinality;
		if (v->cls == BP_C_RANGE && t->stats.has_rows)
			rows = rows > 1 ? rows : 1;
		if ((c->max_where_rows && rows > (double)c->max_where_rows)) {
			v->needed++;
			v->guarded++;
			v->reasons |= BP_R_GUARD;
			return;
		}
	}
	uint64_t limit = c->max_where_rows ? c->max_where_rows : 1000;
	if ((d->flags & BP_DML_LIMIT) && d->limit < limit)
		limit = d->limit;
	ud u = { c, d, dt, p, cs, { 0 }, v };
	if (build_derived(&u, limit) != 0) {
		v->needed++;
		v->reasons |= BP_R_NOT_COPYABLE;
		bp_buf_release(&u.derived);
		return;
	}
	/* the rows themselves */
	if (cl_pinned && combos <= 1000 && !(d->flags & BP_DML_LIMIT)) {
		pinned_keys(c, p, &ps, combos, cs, v);
	} else {
		v->needed++;
		bp_buf_clear(&c->tmp);
		bp_buf_adds(&c->tmp, "SELECT COUNT(*) FROM ");
		bp_buf_add(&c->tmp, u.derived.data, u.derived.len);
		raw_read(&u, via ? via->ix->name : "-", BP_ROLE_WHERE);
	}
	bool cl_changed = is_update && p->cl && any_assigned(&u, p->cl->col, p->cl->n);
	if (cl_changed)
		want_entry(&u, p->cl, true, BP_ROLE_AFTER);
	for (uint32_t i = 0; i < p->n_ix; i++) {
		const pf_index *ix = &p->ix[i];
		if (ix == p->cl || !ix->searchable)
			continue;
		if (is_update && !cl_changed && !any_assigned(&u, ix->col, ix->n))
			continue;
		want_entry(&u, ix, false, BP_ROLE_BEFORE);
		if (is_update)
			want_entry(&u, ix, true, ix->ix->kind == BP_IDX_UNIQUE ? BP_ROLE_UNIQUE : BP_ROLE_AFTER);
	}
	for (uint32_t i = 0; is_update && i < p->n_fk; i++)
		if (any_assigned(&u, p->fk[i].child_col, p->fk[i].n))
			want_fk(&u, &p->fk[i], true, false);
	for (uint32_t i = 0; i < p->n_ref; i++) {
		const pf_fk *f = &p->ref[i];
		if (is_update && !any_assigned(&u, f->parent_col, f->n))
			continue;
		bp_fk_action act = is_update ? f->fk->on_update : f->fk->on_delete;
		bool cascades = act == BP_FK_CASCADE || act == BP_FK_SET_NULL;
		if (cascades && !is_update)
			pf_cascade(c, f, u.derived.data, u.derived.len, 1, v);
		else
			want_fk(&u, f, false, cascades);
	}
	bp_buf_release(&u.derived);
}

/* ---- dispatch ---------------------------------------------------------------------- */

static const bp_sch_table *target_table(bp_pf_ctx *c, const bp_dml *d, const bp_ev_query *q)
{
	for (uint32_t i = 0; i < d->n_tables; i++) {
		const bp_dml_table *dt = &d->tables[i];
		if (!dt->target && d->n_tables > 1)
			continue;
		const char *db = dt->db ? dt->db : q->db;
		if (!db || !dt->name)
			return NULL;
		return bp_schema_lookup(c->schema, db, dt->name);
	}
	return NULL;
}

bool bp_pf_statement(bp_pf_ctx *c, const bp_ev_query *q, uint32_t server_version, bp_pf_verdict *v,
		     unsigned *kind)
{
	memset(v, 0, sizeof(*v));
	bp_arena_reset(&c->arena);
	bp_dml d;
	bp_dml_ctx dc = bp_dml_ctx_from_sql_mode(q->has_sql_mode ? q->sql_mode : 0, server_version);
	if (bp_dml_parse(q->query, q->query_len, &dc, &c->arena, &d) != 0)
		d.kind = BP_DML_UNPARSED, d.reason = "out of memory";
	*kind = d.kind;
	const char *cs = q->has_charset ? bp_collation_charset(q->charset_client) : NULL;
	v->kind = d.kind == BP_DML_INSERT || d.kind == BP_DML_REPLACE || d.kind == BP_DML_LOAD ? 'I'
		  : d.kind == BP_DML_UPDATE ? 'U'
		  : d.kind == BP_DML_DELETE ? 'D'
		  : 'S';
	for (uint32_t i = 0; i < d.n_tables && d.kind != BP_DML_DDL; i++)
		if (d.tables[i].target || d.n_tables == 1) {
			v->db = d.tables[i].db ? d.tables[i].db : q->db;
			v->table = d.tables[i].name;
			break;
		}
	switch (d.kind) {
	case BP_DML_BEGIN:
	case BP_DML_COMMIT:
	case BP_DML_ROLLBACK:
	case BP_DML_SAVEPOINT:
	case BP_DML_SET:
	case BP_DML_OTHER:
		return false;
	case BP_DML_UNPARSED:
		pf_set_class(c, v, BP_C_OTHER);
		v->reasons = BP_R_UNPARSED;
		v->needed = 1;
		break;
	case BP_DML_LOAD:
		pf_set_class(c, v, BP_C_LOAD);
		v->reasons = BP_R_LOAD;
		v->needed = 1;
		break;
	case BP_DML_DDL:
		pf_set_class(c, v, BP_C_DDL);
		v->reasons = BP_R_DDL;
		break;
	case BP_DML_INSERT:
	case BP_DML_REPLACE: {
		const bp_sch_table *t = target_table(c, &d, q);
		if (!t) {
			pf_set_class(c, v, BP_C_INSERT_RANDOM);
			v->reasons = BP_R_NO_SCHEMA;
			v->needed = 1;
		} else if (d.flags & BP_DML_SELECT) {
			pf_set_class(c, v, BP_C_INSERT_RANDOM);
			v->reasons = BP_R_INSERT_SELECT;
			v->needed = 1;
		} else {
			stmt_insert(c, &d, q, t, cs, v);
		}
		break;
	}
	case BP_DML_UPDATE:
	case BP_DML_DELETE: {
		const bp_sch_table *t = (d.flags & BP_DML_MULTI) ? NULL : target_table(c, &d, q);
		if (d.flags & BP_DML_MULTI) {
			pf_set_class(c, v, BP_C_OTHER);
			v->reasons = BP_R_MULTI_TABLE;
			v->needed = 1;
		} else if (!t) {
			pf_set_class(c, v, BP_C_OTHER);
			v->reasons = BP_R_NO_SCHEMA;
			v->needed = 1;
		} else {
			stmt_update_delete(c, &d, t, cs, v);
		}
		break;
	}
	default:
		return false;
	}
	pf_finish_verdict(v);
	return true;
}
