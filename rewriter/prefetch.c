/*
 * prefetch.c: per-table plans, row images, and the rules for row-based writes
 * (see prefetch.h for what the apply reads and so what is warmed).
 */
#include "prefetch_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dml.h"
#include "emit.h"
#include "literal.h"

/* ---- names ----------------------------------------------------------------------- */

static const char *const class_names[] = {
#define X(id, name) name,
	BP_PF_CLASSES(X)
#undef X
};

const char *bp_pf_class_name(unsigned cls)
{
	return cls < BP_C__COUNT ? class_names[cls] : "other";
}

const char *bp_pf_level_name(unsigned level)
{
	static const char *const n[] = { "full", "partial", "none" };
	return level < BP_PF__COUNT ? n[level] : "none";
}

static const char *const reason_names[] = {
#define X(id, name) name,
	BP_PF_REASONS(X)
#undef X
};

const char *bp_pf_reason_name(unsigned bit)
{
	return bit < BP_R__COUNT ? reason_names[bit] : "?";
}

const char *bp_pf_role_name(unsigned role)
{
	static const char *const n[] = { "before", "after", "unique", "fk-parent", "fk-child", "where" };
	return role < BP_ROLE__COUNT ? n[role] : "?";
}

/* ---- context --------------------------------------------------------------------- */

struct bp_pf_plans {
	uint64_t generation;
	bp_arena arena;          /* plans live here until the schema changes */
	uint32_t n, cap;         /* open addressing on the table pointer */
	pf_plan **slot;
};

void bp_pf_ctx_init(bp_pf_ctx *c, bp_schema *s, bp_emit *e)
{
	memset(c, 0, sizeof(*c));
	c->schema = s;
	c->emit = e;
	c->max_where_rows = 1000;
	c->force_cls = BP_C__COUNT;
	bp_arena_init(&c->arena, 64 * 1024);
}

static void plans_free(bp_pf_plans *p)
{
	if (!p)
		return;
	bp_arena_release(&p->arena);
	free(p->slot);
	free(p);
}

void bp_pf_ctx_release(bp_pf_ctx *c)
{
	bp_arena_release(&c->arena);
	bp_buf_release(&c->tmp);
	for (uint32_t i = 0; i < c->n_uservars; i++) {
		free(c->uservars[i].name);
		free(c->uservars[i].lit);
	}
	free(c->uservars);
	plans_free(c->plans);
	memset(c, 0, sizeof(*c));
}

/* ---- plans ----------------------------------------------------------------------- */

const bp_sch_index *bp_pf_clustered(const bp_sch_table *t)
{
	for (uint32_t i = 0; i < t->n_indexes; i++)
		if (t->indexes[i].kind == BP_IDX_PRIMARY)
			return &t->indexes[i];
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->kind != BP_IDX_UNIQUE || !ix->n_parts)
			continue;
		bool ok = true;
		for (uint32_t j = 0; j < ix->n_parts && ok; j++) {
			const bp_sch_keypart *kp = &ix->parts[j];
			bp_sch_column *col = kp->column ? bp_sch_find_column(t, kp->column, NULL) : NULL;
			ok = col && !col->nullable && kp->prefix == 0;
		}
		if (ok)
			return ix;
	}
	return NULL;
}

static void resolve_index(const bp_sch_table *t, const bp_sch_index *ix, pf_index *out)
{
	out->ix = ix;
	out->n = ix->n_parts < BP_PF_MAX_COLS ? ix->n_parts : BP_PF_MAX_COLS;
	out->searchable = ix->kind != BP_IDX_FULLTEXT && ix->kind != BP_IDX_SPATIAL && ix->n_parts > 0 &&
			  ix->n_parts <= BP_PF_MAX_COLS;
	for (uint32_t j = 0; j < out->n; j++) {
		uint32_t ci;
		const bp_sch_keypart *kp = &ix->parts[j];
		if (kp->column && bp_sch_find_column(t, kp->column, &ci)) {
			out->col[j] = (int32_t)ci;
		} else {
			out->col[j] = -1;
			out->searchable = false;
		}
	}
}

/* The index of t whose leading parts are exactly cols[0..n) (any order), best first: PRIMARY, UNIQUE, KEY. */
static const bp_sch_index *index_led_by(const bp_sch_table *t, char *const *cols, uint32_t n)
{
	const bp_sch_index *best = NULL;
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->n_parts < n || ix->kind == BP_IDX_FULLTEXT || ix->kind == BP_IDX_SPATIAL)
			continue;
		bool ok = true;
		for (uint32_t j = 0; j < n && ok; j++) {
			bool found = false;
			for (uint32_t k = 0; k < n && !found; k++)
				found = ix->parts[j].column && strcasecmp(ix->parts[j].column, cols[k]) == 0;
			ok = found;
		}
		if (ok && (!best || ix->kind < best->kind))
			best = ix;
	}
	return best;
}

static bool resolve_fk(bp_schema *s, const bp_sch_table *child, const bp_sch_fk *fk, pf_fk *out)
{
	memset(out, 0, sizeof(*out));
	if (!fk->n_columns || fk->n_columns > BP_PF_MAX_COLS)
		return false;
	const char *pdb = fk->ref_db ? fk->ref_db : child->db;
	const bp_sch_table *parent = bp_schema_lookup(s, pdb, fk->ref_table);
	if (!parent)
		return false;
	out->fk = fk;
	out->child = child;
	out->parent = parent;
	out->n = fk->n_columns;
	for (uint32_t i = 0; i < fk->n_columns; i++) {
		uint32_t a, b;
		if (!bp_sch_find_column(child, fk->columns[i], &a) || !bp_sch_find_column(parent, fk->ref_columns[i], &b))
			return false;
		out->child_col[i] = (int32_t)a;
		out->parent_col[i] = (int32_t)b;
	}
	out->child_ix = index_led_by(child, fk->columns, fk->n_columns);
	out->parent_ix = index_led_by(parent, fk->ref_columns, fk->n_columns);
	return out->parent_ix != NULL;
}

/* A generation expression as a tree (parsed as the value of an UPDATE's SET), or NULL
 * when it does not parse or may not be copied into a read. */
static const bp_expr *parse_generated(bp_arena *a, const char *expr)
{
	size_t n = strlen(expr);
	char *sql = bp_arena_alloc(a, n + 32);
	if (!sql)
		return NULL;
	snprintf(sql, n + 32, "UPDATE `t` SET `g` = (%s)", expr);
	bp_dml d;
	bp_dml_ctx dc = bp_dml_ctx_from_sql_mode(0, 0);
	const char *why;
	if (bp_dml_parse(sql, strlen(sql), &dc, a, &d) != 0 || d.kind != BP_DML_UPDATE || d.n_assigns != 1 ||
	    !bp_expr_copyable(d.assigns[0].value, &why))
		return NULL;
	return d.assigns[0].value;
}

static pf_plan *plan_build(bp_pf_ctx *c, bp_arena *a, const bp_sch_table *t)
{
	pf_plan *p = bp_arena_alloc(a, sizeof(*p));
	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	p->t = t;
	p->auto_inc_col = -1;
	p->ix = bp_arena_alloc(a, sizeof(*p->ix) * (t->n_indexes ? t->n_indexes : 1));
	if (!p->ix)
		return NULL;
	const bp_sch_index *cl = bp_pf_clustered(t);
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		resolve_index(t, &t->indexes[i], &p->ix[p->n_ix]);
		if (&t->indexes[i] == cl && p->ix[p->n_ix].searchable)
			p->cl = &p->ix[p->n_ix];
		p->n_ix++;
	}
	/* generated columns: their expressions, so statements can compute the values they index */
	p->gen = bp_arena_alloc(a, sizeof(*p->gen) * (t->n_columns ? t->n_columns : 1));
	if (!p->gen)
		return NULL;
	for (uint32_t i = 0; i < t->n_columns; i++)
		p->gen[i] = t->columns[i].generated_expr ? parse_generated(a, t->columns[i].generated_expr) : NULL;
	if (p->cl && p->cl->ix->kind == BP_IDX_PRIMARY && p->cl->n == 1 && p->cl->col[0] >= 0 &&
	    t->columns[p->cl->col[0]].auto_increment)
		p->auto_inc_col = p->cl->col[0];
	/* foreign keys where t is the child */
	p->fk = bp_arena_alloc(a, sizeof(*p->fk) * (t->n_fks ? t->n_fks : 1));
	if (!p->fk)
		return NULL;
	for (uint32_t i = 0; i < t->n_fks; i++)
		if (resolve_fk(c->schema, t, &t->fks[i], &p->fk[p->n_fk]))
			p->n_fk++;
	/* and where t is the parent: every table's foreign keys naming t */
	size_t nt;
	bp_sch_table *const *all = bp_schema_tables(c->schema, &nt);
	uint32_t cap = 0;
	for (size_t i = 0; i < nt; i++)
		for (uint32_t j = 0; j < all[i]->n_fks; j++) {
			const bp_sch_fk *fk = &all[i]->fks[j];
			const char *pdb = fk->ref_db ? fk->ref_db : all[i]->db;
			if (strcmp(pdb, t->db) != 0 || strcmp(fk->ref_table, t->name) != 0)
				continue;
			if (p->n_ref == cap) {
				uint32_t ncap = cap ? cap * 2 : 4;
				pf_fk *nr = bp_arena_alloc(a, sizeof(*nr) * ncap);
				if (!nr)
					return NULL;
				if (p->n_ref)
					memcpy(nr, p->ref, sizeof(*nr) * p->n_ref);
				p->ref = nr;
				cap = ncap;
			}
			if (resolve_fk(c->schema, all[i], fk, &p->ref[p->n_ref]) && p->ref[p->n_ref].child_ix)
				p->n_ref++;
		}
	return p;
}

static uint32_t ptr_hash(const void *p)
{
	uint64_t x = (uint64_t)(uintptr_t)p;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return (uint32_t)x;
}

pf_plan *pf_plan_get(bp_pf_ctx *c, const bp_sch_table *t)
{
	uint64_t gen = bp_schema_generation(c->schema) + c->schema_generation;
	bp_pf_plans *ps = c->plans;
	if (ps && ps->generation != gen) {
		/* the schema changed: table pointers may be stale, start over */
		plans_free(ps);
		ps = c->plans = NULL;
		if (c->emit)
			bp_emit_schema_changed(c->emit);
	}
	if (!ps) {
		ps = calloc(1, sizeof(*ps));
		if (!ps)
			return NULL;
		ps->generation = gen;
		ps->cap = 256;
		ps->slot = calloc(ps->cap, sizeof(*ps->slot));
		bp_arena_init(&ps->arena, 64 * 1024);
		if (!ps->slot) {
			plans_free(ps);
			return NULL;
		}
		c->plans = ps;
	}
	uint32_t i = ptr_hash(t) & (ps->cap - 1);
	while (ps->slot[i]) {
		if (ps->slot[i]->t == t)
			return ps->slot[i];
		i = (i + 1) & (ps->cap - 1);
	}
	if (ps->n + 1 >= ps->cap / 2 && ps->cap < (1u << 20)) {
		/* grow: rehash into a table twice the size (plans stay in the arena) */
		uint32_t ncap = ps->cap * 2;
		pf_plan **ns = calloc(ncap, sizeof(*ns));
		if (!ns)
			return NULL;
		for (uint32_t k = 0; k < ps->cap; k++)
			if (ps->slot[k]) {
				uint32_t j = ptr_hash(ps->slot[k]->t) & (ncap - 1);
				while (ns[j])
					j = (j + 1) & (ncap - 1);
				ns[j] = ps->slot[k];
			}
		free(ps->slot);
		ps->slot = ns;
		ps->cap = ncap;
		i = ptr_hash(t) & (ps->cap - 1);
		while (ps->slot[i])
			i = (i + 1) & (ps->cap - 1);
	}
	pf_plan *p = plan_build(c, &ps->arena, t);
	if (!p)
		return NULL;
	ps->slot[i] = p;
	ps->n++;
	return p;
}

/* ---- images ---------------------------------------------------------------------- */

int pf_image_init(bp_pf_ctx *c, pf_image *im, const bp_sch_table *t)
{
	memset(im, 0, sizeof(*im));
	im->t = t;
	im->n = t->n_columns;
	size_t n = im->n ? im->n : 1;
	/* one block: the literal pointers, then the states */
	char *mem = bp_arena_alloc(&c->arena, sizeof(*im->lit) * n + n);
	if (!mem)
		return -1;
	im->lit = (const char **)(void *)mem;
	im->st = (uint8_t *)mem + sizeof(*im->lit) * n;
	memset(im->st, IMG_TODO, n);
	return 0;
}

/*
 * The charset to write a text value in: the schema's (a dump names it only
 * when it differs from the table's default), else its collation's prefix, else
 * the TABLE_MAP's (binlog_row_metadata=FULL), else — printable ASCII reads the
 * same in every ASCII-compatible charset — a plain quoted string when the bytes
 * allow it; NULL leaves the choice to bp_literal_value (X'..' when unknown).
 */
static const char *column_charset(const bp_sch_column *sc, const bp_column *col, const bp_value *v,
				  char from_collation[64])
{
	if (sc->charset)
		return sc->charset;
	if (sc->collation) {
		const char *us = strchr(sc->collation, '_');
		size_t n = us ? (size_t)(us - sc->collation) : strlen(sc->collation);
		if (n < 64) {
			memcpy(from_collation, sc->collation, n);
			from_collation[n] = 0;
			return from_collation;
		}
	}
	if (col->charset || v->kind != BP_V_STRING)
		return NULL;
	for (uint32_t i = 0; i < v->n; i++)
		if (v->p[i] < 0x20 || v->p[i] > 0x7e || v->p[i] == '\\')
			return NULL;
	return "utf8mb4";
}

/* Literal of a row value, into the arena. */
static void image_fill_row(bp_pf_ctx *c, pf_image *im, uint32_t i)
{
	if (!im->vals || (im->present && !im->present[i])) {
		im->st[i] = IMG_UNKNOWN;
		return;
	}
	const bp_value *v = &im->vals[i];
	if (v->kind == BP_V_NULL) {
		im->st[i] = IMG_NULL;
		return;
	}
	const bp_sch_column *sc = &im->t->columns[i];
	uint32_t byte_len = 0;
	if (sc->base && strcmp(sc->base, "binary") == 0)
		byte_len = sc->length;
	bp_value uv;
	if (v->kind == BP_V_INT && sc->is_unsigned && v->i < 0) {
		/* the log carried no signedness (binlog_row_metadata=MINIMAL): the schema knows better */
		static const uint8_t bits[] = { [BP_T_TINY] = 8, [BP_T_SHORT] = 16, [BP_T_INT24] = 24,
						[BP_T_LONG] = 32, [BP_T_LONGLONG] = 64 };
		uint8_t w = im->cols[i].type < sizeof(bits) ? bits[im->cols[i].type] : 0;
		if (w) {
			uv = *v;
			uv.kind = BP_V_UINT;
			uv.u = w == 64 ? (uint64_t)v->i : (uint64_t)v->i & ((1ULL << w) - 1);
			v = &uv;
		}
	}
	char csbuf[64];
	bp_buf_clear(&c->tmp);
	if (bp_literal_value(&c->tmp, v, &im->cols[i], column_charset(sc, &im->cols[i], v, csbuf), byte_len) != 0 ||
	    !bp_buf_ok(&c->tmp)) {
		im->st[i] = IMG_UNKNOWN;
		im->why |= BP_R_NO_LITERAL;
		return;
	}
	im->lit[i] = bp_arena_strndup(&c->arena, c->tmp.data, c->tmp.len);
	im->st[i] = im->lit[i] ? IMG_VALUE : IMG_UNKNOWN;
}

int pf_image_get(bp_pf_ctx *c, pf_image *im, int32_t col, const char **lit)
{
	if (col < 0 || (uint32_t)col >= im->n) {
		im->why |= BP_R_NO_VALUE;
		return -1;
	}
	if (im->st[col] == IMG_TODO)
		image_fill_row(c, im, (uint32_t)col);
	switch (im->st[col]) {
	case IMG_VALUE:
		*lit = im->lit[col];
		return 1;
	case IMG_NULL:
		*lit = NULL;
		return 0;
	default:
		if (im->fallback && (!im->present || !im->present[col]))
			return pf_image_get(c, im->fallback, col, lit);
		if (!(im->why & BP_R_NO_LITERAL))
			im->why |= BP_R_NO_VALUE;
		return -1;
	}
}

/* Did column col change between the images? Unknown after = unchanged (minimal images). */
static bool col_changed(bp_pf_ctx *c, pf_image *before, pf_image *after, int32_t col)
{
	const char *a, *b;
	if (after->present && !after->present[col])
		return false;
	int ra = pf_image_get(c, after, col, &a);
	int rb = pf_image_get(c, before, col, &b);
	if (ra < 0)
		return false;
	if (rb < 0)
		return true;
	if (ra != rb)
		return true;
	return ra == 1 && strcmp(a, b) != 0;
}

/* ---- lookups --------------------------------------------------------------------- */

static bool in_key(const bp_pf_key *k, const char *col)
{
	for (uint32_t i = 0; i < k->n; i++)
		if (strcasecmp(k->col[i], col) == 0)
			return true;
	return false;
}

/*
 * The lookup of index ix for image im: every part's value, then (for a
 * secondary index) the clustered key's columns the entry carries. Returns 0, or
 * -1 when a part's value is unknown.
 */
static int build_key(bp_pf_ctx *c, pf_plan *p, const pf_index *ix, pf_image *im, unsigned role, bp_pf_key *k)
{
	const bp_sch_table *t = p->t;
	k->table = t;
	k->index = ix->ix;
	k->role = (uint8_t)role;
	k->clustered = ix == p->cl;
	k->n = 0;
	k->rows = 0;
	bool any_null = false;
	for (uint32_t j = 0; j < ix->n; j++) {
		const char *lit;
		int r = pf_image_get(c, im, ix->col[j], &lit);
		if (r < 0)
			return -1;
		any_null |= r == 0;
		k->col[k->n] = t->columns[ix->col[j]].name;
		k->val[k->n++] = lit;
	}
	if (k->clustered || (ix->ix->kind <= BP_IDX_UNIQUE && !any_null)) {
		k->rows = 1;
		return 0;
	}
	if (p->cl) {
		uint32_t added = 0;
		for (uint32_t j = 0; j < p->cl->n && k->n < BP_PF_MAX_COLS; j++) {
			const char *name = t->columns[p->cl->col[j]].name;
			if (in_key(k, name)) {
				added++;
				continue;
			}
			const char *lit;
			if (pf_image_get(c, im, p->cl->col[j], &lit) < 0)
				break; /* the key prefix is still a valid lookup, only wider */
			k->col[k->n] = name;
			k->val[k->n++] = lit;
			added++;
		}
		if (added == p->cl->n)
			k->rows = 1;
	}
	return 0;
}

/* Send a lookup, count it in the verdict. */
static void offer(bp_pf_ctx *c, bp_pf_verdict *v, const bp_pf_key *k)
{
	v->lookups++;
	int r = bp_emit_key(c->emit, k);
	if (r < 0) {
		v->guarded++;
		v->reasons |= BP_R_GUARD;
	} else {
		v->warmed++;
	}
}

/* One index entry the apply reads: try to warm it. */
static void want(bp_pf_ctx *c, pf_plan *p, const pf_index *ix, pf_image *im, unsigned role, bp_pf_verdict *v)
{
	bp_pf_key k;
	v->needed++;
	if (build_key(c, p, ix, im, role, &k) != 0) {
		v->reasons |= im->why ? im->why : BP_R_NO_VALUE;
		return;
	}
	offer(c, v, &k);
}

/* The parent row of foreign key f for the child image im (skipped when a column is NULL: no check). */
static void want_parent(bp_pf_ctx *c, const pf_fk *f, pf_image *im, bp_pf_verdict *v)
{
	bp_pf_key k;
	memset(&k, 0, sizeof(k));
	k.table = f->parent;
	k.index = f->parent_ix;
	k.role = BP_ROLE_FK_PARENT;
	k.clustered = f->parent_ix == bp_pf_clustered(f->parent);
	for (uint32_t i = 0; i < f->n; i++) {
		const char *lit;
		int r = pf_image_get(c, im, f->child_col[i], &lit);
		if (r == 0)
			return; /* a NULL in the key: the server checks nothing */
		if (r < 0) {
			v->needed++;
			v->reasons |= im->why ? im->why : BP_R_NO_VALUE;
			return;
		}
		/* the parent's column order in its index */
		k.col[i] = f->parent->columns[f->parent_col[i]].name;
		k.val[i] = lit;
	}
	k.n = f->n;
	k.rows = 1;
	v->needed++;
	offer(c, v, &k);
}

/* The children of the parent image im through foreign key f (their FK index range). */
static void want_children(bp_pf_ctx *c, const pf_fk *f, pf_image *im, bool cascades, bp_pf_verdict *v)
{
	bp_pf_key k;
	memset(&k, 0, sizeof(k));
	k.table = f->child;
	k.index = f->child_ix;
	k.role = BP_ROLE_FK_CHILD;
	k.clustered = f->child_ix == bp_pf_clustered(f->child);
	v->needed++;
	for (uint32_t i = 0; i < f->n; i++) {
		const char *lit;
		int r = pf_image_get(c, im, f->parent_col[i], &lit);
		if (r == 0) {
			v->needed--; /* NULL parent key: nothing references it */
			return;
		}
		if (r < 0) {
			v->reasons |= im->why ? im->why : BP_R_NO_VALUE;
			return;
		}
		k.col[i] = f->child->columns[f->child_col[i]].name;
		k.val[i] = lit;
	}
	k.n = f->n;
	if (cascades)
		v->reasons |= BP_R_CASCADE;
	offer(c, v, &k);
}

void pf_set_class(bp_pf_ctx *c, bp_pf_verdict *v, unsigned cls)
{
	if (c->force_cls < BP_C__COUNT)
		cls = c->force_cls;
	v->cls = (uint8_t)cls;
	if (c->emit)
		bp_emit_set_class(c->emit, cls);
}

void pf_finish_verdict(bp_pf_verdict *v)
{
	if (v->needed == 0)
		v->level = BP_PF_NONE;
	else if (v->warmed >= v->needed)
		v->level = BP_PF_FULL;
	else if (v->warmed > 0)
		v->level = BP_PF_PARTIAL;
	else
		v->level = BP_PF_NONE;
	if (v->level == BP_PF_FULL && (v->reasons & BP_R_CASCADE))
		v->level = BP_PF_PARTIAL;
}

/* ---- rules ----------------------------------------------------------------------- */

/* Is the auto-increment value of this insert past every value seen so far? */
static bool tail_insert(bp_pf_ctx *c, pf_plan *p, pf_image *after)
{
	const char *lit;
	if (p->auto_inc_col < 0 || pf_image_get(c, after, p->auto_inc_col, &lit) != 1)
		return false;
	char *end;
	uint64_t v = strtoull(lit, &end, 10);
	if (*end || lit[0] == '-')
		return false;
	bool tail = !p->has_tail || v > p->tail;
	if (tail) {
		p->tail = v;
		p->has_tail = true;
	}
	return tail;
}

void pf_rule_insert(bp_pf_ctx *c, pf_plan *p, pf_image *after, bool generated_tail, bp_pf_verdict *v)
{
	bool past_tail = tail_insert(c, p, after); /* always: it moves the high-water mark */
	bool append = generated_tail || past_tail;
	if (!p->cl) {
		pf_set_class(c, v, BP_C_INSERT_APPEND); /* hidden row id: always the tail */
		v->reasons |= BP_R_NO_PK | BP_R_SEQUENTIAL;
	} else if (append) {
		pf_set_class(c, v, BP_C_INSERT_APPEND);
		v->reasons |= BP_R_SEQUENTIAL;
	} else {
		pf_set_class(c, v, BP_C_INSERT_RANDOM);
		want(c, p, p->cl, after, BP_ROLE_AFTER, v);
	}
	for (uint32_t i = 0; i < p->n_ix; i++) {
		const pf_index *ix = &p->ix[i];
		if (ix == p->cl || !ix->searchable)
			continue;
		want(c, p, ix, after, ix->ix->kind == BP_IDX_UNIQUE ? BP_ROLE_UNIQUE : BP_ROLE_AFTER, v);
	}
	for (uint32_t i = 0; i < p->n_fk; i++)
		want_parent(c, &p->fk[i], after, v);
}

/* Does any column of ix (or of the clustered key its entries carry) change? */
static bool index_changed(bp_pf_ctx *c, pf_plan *p, const pf_index *ix, pf_image *before, pf_image *after)
{
	for (uint32_t j = 0; j < ix->n; j++)
		if (col_changed(c, before, after, ix->col[j]))
			return true;
	if (p->cl && ix != p->cl)
		for (uint32_t j = 0; j < p->cl->n; j++)
			if (col_changed(c, before, after, p->cl->col[j]))
				return true;
	return false;
}

/* Find the row to change: the clustered index, else what the replica would search. Returns the index read. */
static const pf_index *want_row(bp_pf_ctx *c, pf_plan *p, pf_image *before, bp_pf_verdict *v)
{
	if (p->cl) {
		pf_set_class(c, v, p->cl->ix->kind == BP_IDX_PRIMARY ? BP_C_PK_POINT : BP_C_UNIQUE_POINT);
		want(c, p, p->cl, before, BP_ROLE_BEFORE, v);
		return p->cl;
	}
	v->reasons |= BP_R_NO_PK;
	for (uint32_t i = 0; i < p->n_ix; i++) {
		bp_pf_key k;
		if (!p->ix[i].searchable || build_key(c, p, &p->ix[i], before, BP_ROLE_BEFORE, &k) != 0)
			continue;
		/*
		 * MariaDB's replica searches by the first usable key and compares each
		 * matching row whole: the hidden clustered index is read too. Adding
		 * the row's other columns to the WHERE makes the read fetch those rows
		 * (the index no longer covers it), as the apply does.
		 */
		for (uint32_t j = 0; j < p->t->n_columns && k.n < BP_PF_MAX_COLS; j++) {
			const char *lit;
			const char *name = p->t->columns[j].name;
			if (in_key(&k, name) || pf_image_get(c, before, (int32_t)j, &lit) < 0 || (lit && strlen(lit) > 256))
				continue;
			k.col[k.n] = name;
			k.val[k.n++] = lit;
		}
		before->why = 0; /* columns left out were optional */
		pf_set_class(c, v, p->ix[i].ix->kind == BP_IDX_UNIQUE ? BP_C_UNIQUE_POINT : BP_C_SECONDARY_POINT);
		v->needed++;
		offer(c, v, &k);
		return &p->ix[i];
	}
	pf_set_class(c, v, BP_C_SCAN);
	v->needed++;
	return NULL;
}

static void rule_update(bp_pf_ctx *c, pf_plan *p, pf_image *before, pf_image *after, bp_pf_verdict *v)
{
	const pf_index *found = want_row(c, p, before, v);
	if (p->cl && index_changed(c, p, p->cl, before, after))
		want(c, p, p->cl, after, BP_ROLE_AFTER, v); /* the new place, and its duplicate check */
	for (uint32_t i = 0; i < p->n_ix; i++) {
		const pf_index *ix = &p->ix[i];
		if (ix == p->cl || !ix->searchable || !index_changed(c, p, ix, before, after))
			continue;
		if (ix != found) /* the search for the row read the old entry already */
			want(c, p, ix, before, BP_ROLE_BEFORE, v);
		want(c, p, ix, after, ix->ix->kind == BP_IDX_UNIQUE ? BP_ROLE_UNIQUE : BP_ROLE_AFTER, v);
	}
	for (uint32_t i = 0; i < p->n_fk; i++) {
		const pf_fk *f = &p->fk[i];
		bool ch = false;
		for (uint32_t j = 0; j < f->n && !ch; j++)
			ch = col_changed(c, before, after, f->child_col[j]);
		if (ch)
			want_parent(c, f, after, v);
	}
	for (uint32_t i = 0; i < p->n_ref; i++) {
		const pf_fk *f = &p->ref[i];
		bool ch = false;
		for (uint32_t j = 0; j < f->n && !ch; j++)
			ch = col_changed(c, before, after, f->parent_col[j]);
		if (ch)
			want_children(c, f, before, f->fk->on_update == BP_FK_CASCADE || f->fk->on_update == BP_FK_SET_NULL,
				      v);
	}
}

/* The deleted row as a one-row derived table of its referenced columns, for pf_cascade. */
static void cascade_from_row(bp_pf_ctx *c, const pf_fk *f, pf_image *before, bp_pf_verdict *v)
{
	bp_buf rows = { 0 };
	bp_buf_adds(&rows, "(SELECT ");
	for (uint32_t j = 0; j < f->n; j++) {
		const char *lit;
		int r = pf_image_get(c, before, f->parent_col[j], &lit);
		if (r == 0) {
			bp_buf_release(&rows); /* a NULL key references nothing */
			return;
		}
		if (r < 0) {
			v->needed++;
			v->reasons |= before->why ? before->why : BP_R_NO_VALUE;
			bp_buf_release(&rows);
			return;
		}
		if (j)
			bp_buf_adds(&rows, ", ");
		bp_buf_adds(&rows, lit);
		bp_buf_adds(&rows, " AS ");
		bp_sql_add_name(&rows, f->parent->columns[f->parent_col[j]].name);
	}
	bp_buf_adds(&rows, ") AS `bp_row`");
	if (bp_buf_ok(&rows))
		pf_cascade(c, f, rows.data, rows.len, 1, v);
	bp_buf_release(&rows);
}

static void rule_delete(bp_pf_ctx *c, pf_plan *p, pf_image *before, bp_pf_verdict *v)
{
	const pf_index *found = want_row(c, p, before, v);
	for (uint32_t i = 0; i < p->n_ix; i++) {
		const pf_index *ix = &p->ix[i];
		if (ix != p->cl && ix != found && ix->searchable)
			want(c, p, ix, before, BP_ROLE_BEFORE, v);
	}
	for (uint32_t i = 0; i < p->n_ref; i++) {
		const pf_fk *f = &p->ref[i];
		if (f->fk->on_delete == BP_FK_CASCADE || f->fk->on_delete == BP_FK_SET_NULL)
			cascade_from_row(c, f, before, v);
		else
			want_children(c, f, before, false, v);
	}
}

void bp_pf_unusable(unsigned rows_kind, uint32_t why, bp_pf_verdict *v)
{
	memset(v, 0, sizeof(*v));
	v->cls = rows_kind == 'W' ? BP_C_INSERT_RANDOM : BP_C_OTHER;
	v->reasons = why;
	v->needed = 1;
	pf_finish_verdict(v);
}

void bp_pf_row(bp_pf_ctx *c, const bp_ev_rows *ev, const bp_row *row, const bp_sch_table *t, bp_pf_verdict *v)
{
	memset(v, 0, sizeof(*v));
	bp_arena_reset(&c->arena);
	pf_plan *p = pf_plan_get(c, t);
	pf_image before, after;
	if (!p || pf_image_init(c, &before, t) || pf_image_init(c, &after, t)) {
		bp_pf_unusable(ev->kind, BP_R_NO_VALUE, v);
		return;
	}
	const bp_column *cols = ev->map ? ev->map->columns : NULL;
	before.vals = row->before;
	before.present = row->before_present;
	before.cols = cols;
	after.vals = row->after;
	after.present = row->after_present;
	after.cols = cols;
	if (!row->before)
		before.n = 0;
	if (!row->after)
		after.n = 0;
	/* a row image narrower than the table (a TABLE_MAP with fewer columns) is unknown past its end */
	uint32_t width = ev->n_columns < t->n_columns ? ev->n_columns : t->n_columns;
	if (before.n > width)
		before.n = width;
	if (after.n > width)
		after.n = width;
	switch (ev->kind) {
	case 'W':
		pf_rule_insert(c, p, &after, false, v);
		break;
	case 'U':
	case 'P':
		after.fallback = &before;
		rule_update(c, p, &before, &after, v);
		break;
	case 'D':
		rule_delete(c, p, &before, v);
		break;
	default:
		pf_set_class(c, v, BP_C_OTHER);
		break;
	}
	pf_finish_verdict(v);
}
