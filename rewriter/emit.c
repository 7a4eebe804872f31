/*
 * emit.c: guards, dedup window, batching and the script writer (see emit.h).
 */
#include "emit.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"
#include "literal.h"

static bool single_select(const char *sql, size_t n, bool allow_params);
static void flush_all(bp_emit *e);
static bool literal_token_ok(const char *lit);

/* ---- dedup: an LRU set of 64-bit key hashes --------------------------------- */

/*
 * Nodes live in one array (window of them) linked most- to least-recently
 * used; an open-addressing table (linear probing, backward-shift deletion)
 * maps a hash to its node. A 64-bit FNV-1a of the lookup's canonical text
 * stands for the lookup: a false repeat needs a collision inside the window
 * (about 1e-11 for 10 000 entries), and costs one skipped read, not a wrong one.
 */
typedef struct lru_node {
	uint64_t h;
	uint32_t prev, next;
} lru_node;

#define LRU_NIL UINT32_MAX

typedef struct lru {
	uint32_t cap, n;
	lru_node *node;
	uint32_t head, tail;     /* most / least recently used */
	uint32_t mask;           /* slots - 1 */
	uint32_t *slot;          /* node index, or LRU_NIL */
} lru;

static int lru_init(lru *l, uint32_t cap)
{
	memset(l, 0, sizeof(*l));
	l->head = l->tail = LRU_NIL;
	if (!cap)
		return 0;
	uint32_t slots = 16;
	while (slots < cap * 2)
		slots <<= 1;
	l->cap = cap;
	l->mask = slots - 1;
	l->node = malloc(sizeof(*l->node) * cap);
	l->slot = malloc(sizeof(*l->slot) * slots);
	if (!l->node || !l->slot)
		return -1;
	for (uint32_t i = 0; i < slots; i++)
		l->slot[i] = LRU_NIL;
	return 0;
}

static void lru_release(lru *l)
{
	free(l->node);
	free(l->slot);
}

static uint32_t lru_find_slot(const lru *l, uint64_t h)
{
	uint32_t i = (uint32_t)(h ^ (h >> 32)) & l->mask;
	while (l->slot[i] != LRU_NIL && l->node[l->slot[i]].h != h)
		i = (i + 1) & l->mask;
	return i;
}

static void lru_unlink(lru *l, uint32_t x)
{
	lru_node *n = &l->node[x];
	if (n->prev != LRU_NIL)
		l->node[n->prev].next = n->next;
	else
		l->head = n->next;
	if (n->next != LRU_NIL)
		l->node[n->next].prev = n->prev;
	else
		l->tail = n->prev;
}

static void lru_push_front(lru *l, uint32_t x)
{
	l->node[x].prev = LRU_NIL;
	l->node[x].next = l->head;
	if (l->head != LRU_NIL)
		l->node[l->head].prev = x;
	l->head = x;
	if (l->tail == LRU_NIL)
		l->tail = x;
}

/* Remove the table entry at slot i, shifting the probe chain back over it. */
static void lru_slot_delete(lru *l, uint32_t i)
{
	uint32_t j = i;
	for (;;) {
		j = (j + 1) & l->mask;
		if (l->slot[j] == LRU_NIL)
			break;
		uint64_t h = l->node[l->slot[j]].h;
		uint32_t home = (uint32_t)(h ^ (h >> 32)) & l->mask;
		/* can the entry at j move to i? only if its home is not in (i, j] */
		if ((j > i && (home <= i || home > j)) || (j < i && (home <= i && home > j))) {
			l->slot[i] = l->slot[j];
			i = j;
		}
	}
	l->slot[i] = LRU_NIL;
}

/* true when h was seen inside the window (and is now most recent); else remembered */
static bool lru_seen(lru *l, uint64_t h)
{
	if (!l->cap)
		return false;
	uint32_t i = lru_find_slot(l, h);
	if (l->slot[i] != LRU_NIL) {
		uint32_t x = l->slot[i];
		lru_unlink(l, x);
		lru_push_front(l, x);
		return true;
	}
	uint32_t x;
	if (l->n < l->cap) {
		x = l->n++;
	} else {
		x = l->tail;
		lru_unlink(l, x);
		lru_slot_delete(l, lru_find_slot(l, l->node[x].h));
		i = lru_find_slot(l, h);
	}
	l->node[x].h = h;
	l->slot[i] = x;
	lru_push_front(l, x);
	return false;
}

static uint64_t fnv1a(uint64_t h, const void *p, size_t n)
{
	const uint8_t *s = p;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* ---- batches ------------------------------------------------------------------- */

typedef struct origin {
	char file[256];
	uint64_t pos;
	char gtid[128];
	uint32_t ts;             /* the event's timestamp, seconds since the epoch */
	uint8_t cls;
} origin;

typedef struct batch {
	uint64_t key;            /* hash of table, index, columns */
	const bp_sch_table *table;
	char *db, *name, *index;
	bool clustered;
	uint32_t n_cols;
	char *cols;              /* "`a`,`b`" */
	bp_buf tuples;           /* "(1,2),(3,4)" or "1,3" */
	uint32_t count;
	origin first, last;
	int role;                /* or -1 when mixed */
	bool mixed_class;
} batch;

/*
 * A shape: everything of a single-key line but its values — the SELECT text
 * with holes, and the comment's tail. Cached by a hash of what decides it
 * (table, index, columns, which values are NULL, the form, the role), it is
 * built, quoted and passed through the lexer once; each line is then the
 * pieces and the values (each checked to be one literal token).
 */
typedef struct shape {
	uint64_t h;
	char *text;              /* "SELECT 1 FROM `d`.`t` FORCE INDEX(`PRIMARY`) WHERE `a` = " ... */
	uint32_t len;
	uint32_t n_holes;
	uint32_t hole[BP_PF_MAX_COLS]; /* offsets in text where the values go, ascending */
	char *tail;              /* " INDEX ROLE" (the comment's end is per line: " TIME * /") */
} shape;

#define SHAPE_SLOTS 1024

struct bp_emit {
	bp_emit_opts o;
	FILE *out;
	bp_buf buf;              /* script output, flushed at 64 KiB */
	bp_buf line;             /* the statement being built */
	bp_buf tmp;
	lru dedup;
	origin cur;
	uint64_t trx;            /* transactions ended */
	batch *b;
	uint32_t n_b, cap_b;
	bp_emit_stats st;
	bool write_failed;
	bp_buf tmpl;             /* a shape being built, with ? for its values */
	shape *shapes;           /* SHAPE_SLOTS, open addressing on h (0 = empty) */
	uint32_t n_shapes;
	/* the last key's shape hash, reused while the next key has the same parts (same pointers) */
	struct {
		const bp_sch_table *table;
		const bp_sch_index *index;
		uint32_t n;
		const char *col[BP_PF_MAX_COLS];
		uint64_t nulls;
		bool clustered;
		uint64_t h;
	} memo;
};

bp_emit *bp_emit_new(const bp_emit_opts *o, FILE *out)
{
	bp_emit *e = calloc(1, sizeof(*e));
	if (!e)
		return NULL;
	e->o = *o;
	e->out = out;
	if (lru_init(&e->dedup, o->dedup_window)) {
		bp_emit_free(e);
		return NULL;
	}
	return e;
}

static void batch_release(batch *b)
{
	free(b->db);
	free(b->name);
	free(b->index);
	free(b->cols);
	bp_buf_release(&b->tuples);
}

static void shapes_clear(bp_emit *e)
{
	for (uint32_t i = 0; e->shapes && i < SHAPE_SLOTS; i++) {
		free(e->shapes[i].text);
		free(e->shapes[i].tail);
		e->shapes[i].h = 0;
		e->shapes[i].text = e->shapes[i].tail = NULL;
	}
	e->n_shapes = 0;
}

void bp_emit_free(bp_emit *e)
{
	if (!e)
		return;
	for (uint32_t i = 0; i < e->n_b; i++)
		batch_release(&e->b[i]);
	free(e->b);
	lru_release(&e->dedup);
	bp_buf_release(&e->buf);
	bp_buf_release(&e->line);
	bp_buf_release(&e->tmp);
	bp_buf_release(&e->tmpl);
	shapes_clear(e);
	free(e->shapes);
	free(e);
}

const bp_emit_stats *bp_emit_get_stats(const bp_emit *e)
{
	return &e->st;
}

static void flush_maybe(bp_emit *e)
{
	if (e->out && !e->write_failed && !bp_buf_maybe_flush(&e->buf, e->out))
		e->write_failed = true;
	if (!e->out)
		bp_buf_clear(&e->buf);
}

void bp_emit_header(bp_emit *e, const char *const *inputs, size_t n_inputs)
{
	bp_buf *b = &e->buf;
	bp_buf_adds(b, "-- binprime " BP_VERSION " prefetch script: read-only lookups that warm the pages the\n"
		       "-- replica's apply of these logs will read. Run it as it is: mariadb < this.sql\n-- logs:");
	for (size_t i = 0; i < n_inputs; i++) {
		bp_buf_addc(b, ' ');
		/* a file name cannot end the comment: it is a line comment */
		for (const char *p = inputs[i]; *p; p++)
			bp_buf_addc(b, *p == '\n' || *p == '\r' ? '?' : *p);
	}
	bp_buf_adds(b, "\n-- line comment: /* FILE:POS GTID CLASS INDEX ROLE TIME */\n"
		       "SET SESSION TRANSACTION READ ONLY;\n"
		       "SET NAMES utf8mb4;\n"
		       "SET SESSION time_zone = '+00:00';\n");
	flush_maybe(e);
}

/* Copy s into dst without anything that could end a comment. */
static void copy_safe(char *dst, size_t cap, const char *s)
{
	size_t j = 0;
	for (size_t i = 0; s && s[i] && j + 1 < cap; i++) {
		char ch = s[i];
		if (ch == '*' && s[i + 1] == '/')
			ch = '_';
		if ((unsigned char)ch < 0x20)
			ch = '?';
		dst[j++] = ch;
	}
	dst[j] = 0;
}

void bp_emit_origin(bp_emit *e, const char *file, uint64_t pos, const char *gtid, uint32_t ts, unsigned cls)
{
	const char *base = file ? strrchr(file, '/') : NULL;
	copy_safe(e->cur.file, sizeof(e->cur.file), base ? base + 1 : file ? file : "-");
	copy_safe(e->cur.gtid, sizeof(e->cur.gtid), gtid && *gtid ? gtid : "-");
	e->cur.pos = pos;
	e->cur.ts = ts;
	e->cur.cls = (uint8_t)cls;
}

void bp_emit_set_class(bp_emit *e, unsigned cls)
{
	e->cur.cls = (uint8_t)cls;
}

/* ---- statement text ---------------------------------------------------------- */

static void add_from(bp_buf *b, const bp_sch_table *t, const char *index)
{
	bp_buf_adds(b, " FROM ");
	bp_sql_add_name(b, t->db);
	bp_buf_addc(b, '.');
	bp_sql_add_name(b, t->name);
	bp_buf_adds(b, " FORCE INDEX(");
	bp_sql_add_name(b, index);
	bp_buf_adds(b, ")");
}

/* The comment's last field, TIME (a batch's: its first write's), and its end. */
static void add_time(bp_buf *b, const origin *o)
{
	bp_buf_addc(b, ' ');
	bp_buf_addu64(b, o->ts);
	bp_buf_adds(b, " */\n");
}

static void add_comment(bp_emit *e, const origin *first, const origin *last, const char *index, const char *cls,
			const char *role)
{
	bp_buf *b = &e->buf;
	bp_buf_adds(b, " /* ");
	bp_buf_adds(b, first->file);
	bp_buf_addc(b, ':');
	bp_buf_addu64(b, first->pos);
	if (last) {
		bp_buf_adds(b, "..");
		bp_buf_adds(b, last->file);
		bp_buf_addc(b, ':');
		bp_buf_addu64(b, last->pos);
	}
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, first->gtid);
	if (last && strcmp(last->gtid, first->gtid) != 0) {
		bp_buf_adds(b, "..");
		bp_buf_adds(b, last->gtid);
	}
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, cls);
	bp_buf_addc(b, ' ');
	char ix[200];
	copy_safe(ix, sizeof(ix), index);
	for (char *p = ix; *p; p++)
		if (*p == ' ')
			*p = '_';
	bp_buf_adds(b, ix);
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, role);
	add_time(b, first);
}

/* Write e->line (a statement without ';') with its comment, after the read-only check (the
 * lexer, whole: batched and WHERE-derived lines; single-key lines go through shapes). */
static int write_line(bp_emit *e, const origin *first, const origin *last, const char *index, const char *cls,
		      const char *role)
{
	if (!bp_buf_ok(&e->line))
		return -1;
	if (!bp_sql_is_single_select(e->line.data, e->line.len)) {
		e->st.rejected++;
		return -1;
	}
	size_t before = e->buf.len;
	bp_buf_add(&e->buf, e->line.data, e->line.len);
	bp_buf_addc(&e->buf, ';');
	add_comment(e, first, last, index, cls, role);
	e->st.statements++;
	e->st.bytes += e->buf.len - before;
	flush_maybe(e);
	return 1;
}

/* ---- guards ------------------------------------------------------------------- */

/* Rows a lookup on the first n parts of ix is expected to read, from the statistics. */
static double expected_rows(const bp_pf_key *k)
{
	if (k->rows > 0)
		return k->rows;
	const bp_sch_index *ix = k->index;
	uint32_t n = k->n < ix->n_parts ? k->n : ix->n_parts;
	if (n == 0)
		return 1;
	if (ix->kind <= BP_IDX_UNIQUE && n == ix->n_parts)
		return 1;
	const bp_sch_table *t = k->table;
	int64_t card = ix->parts[n - 1].cardinality;
	if (!t->stats.has_rows || t->stats.rows <= 0 || card <= 0)
		return 1; /* unknown: let it through */
	double r = (double)t->stats.rows / (double)card;
	return r < 1 ? 1 : r;
}

static bool guarded(const bp_emit *e, const bp_pf_key *k)
{
	double r = expected_rows(k);
	if (e->o.max_rows && r > (double)e->o.max_rows)
		return true;
	const bp_sch_table *t = k->table;
	if (r > 1 && t->stats.has_rows && t->stats.rows > 0 && r / (double)t->stats.rows > e->o.max_selectivity)
		return true;
	return false;
}

/* ---- keys ---------------------------------------------------------------------- */

/* Hash of what decides a line's text but its values (table, index, columns, NULLs, form). */
static uint64_t shape_hash_of(const bp_pf_key *k)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	h = fnv1a(h, k->table->db, strlen(k->table->db) + 1);
	h = fnv1a(h, k->table->name, strlen(k->table->name) + 1);
	h = fnv1a(h, k->index->name, strlen(k->index->name) + 1);
	uint8_t form = k->clustered;
	h = fnv1a(h, &form, 1);
	for (uint32_t i = 0; i < k->n; i++) {
		h = fnv1a(h, k->col[i], strlen(k->col[i]) + 1);
		h = fnv1a(h, k->val[i] ? "=" : "N", 1);
	}
	return h;
}

/*
 * The same, remembered for the last key: consecutive rows of one table give
 * keys with the very same table, index and column-name pointers. Pointers are
 * only trusted until the schema changes (bp_emit_schema_changed).
 */
static uint64_t shape_hash(bp_emit *e, const bp_pf_key *k)
{
	uint64_t nulls = 0;
	for (uint32_t i = 0; i < k->n; i++)
		if (!k->val[i])
			nulls |= 1ULL << i;
	if (e->memo.table == k->table && e->memo.index == k->index && e->memo.n == k->n && e->memo.nulls == nulls &&
	    e->memo.clustered == k->clustered && memcmp(e->memo.col, k->col, k->n * sizeof(k->col[0])) == 0)
		return e->memo.h;
	e->memo.table = k->table;
	e->memo.index = k->index;
	e->memo.n = k->n;
	e->memo.nulls = nulls;
	e->memo.clustered = k->clustered;
	memcpy(e->memo.col, k->col, k->n * sizeof(k->col[0]));
	return e->memo.h = shape_hash_of(k);
}

void bp_emit_schema_changed(bp_emit *e)
{
	e->memo.table = NULL;
	/* batches hold their own copies of names; they keep a table pointer only to compare */
	flush_all(e);
}

/* The lookup's identity for the dedup window: its shape and its values. */
static uint64_t values_hash(uint64_t shape_h, const bp_pf_key *k)
{
	uint64_t h = shape_h;
	for (uint32_t i = 0; i < k->n; i++)
		if (k->val[i])
			h = fnv1a(h, k->val[i], strlen(k->val[i]) + 1);
	return h;
}

static const char *class_of(const origin *o)
{
	return bp_pf_class_name(o->cls);
}

/* Build, check and cache the shape of k (role folded into the hash: the comment tail). */
static const shape *shape_for(bp_emit *e, const bp_pf_key *k, uint64_t shape_h)
{
	uint64_t h = (shape_h ^ ((uint64_t)k->role * 0x9e3779b97f4a7c15ULL)) | 1;
	if (!e->shapes && !(e->shapes = calloc(SHAPE_SLOTS, sizeof(*e->shapes))))
		return NULL;
	uint32_t i = (uint32_t)h & (SHAPE_SLOTS - 1);
	for (; e->shapes[i].h; i = (i + 1) & (SHAPE_SLOTS - 1))
		if (e->shapes[i].h == h)
			return &e->shapes[i];
	if (e->n_shapes * 2 >= SHAPE_SLOTS) {
		shapes_clear(e); /* many shapes: start again, each is rebuilt once */
		i = (uint32_t)h & (SHAPE_SLOTS - 1);
	}
	shape *sh = &e->shapes[i];
	bp_buf *t = &e->tmpl;
	bp_buf_clear(t);
	bp_buf_adds(t, k->clustered ? "SELECT 1" : "SELECT COUNT(*)");
	add_from(t, k->table, k->index->name);
	bp_buf_adds(t, " WHERE ");
	/* the lexer sees ? where the values go */
	uint32_t holes[BP_PF_MAX_COLS], n = 0;
	for (uint32_t j = 0; j < k->n; j++) {
		if (j)
			bp_buf_adds(t, " AND ");
		bp_sql_add_name(t, k->col[j]);
		if (k->val[j]) {
			bp_buf_adds(t, " = ");
			holes[n++] = (uint32_t)t->len;
			bp_buf_addc(t, '?');
		} else {
			bp_buf_adds(t, " IS NULL");
		}
	}
	if (!bp_buf_ok(t) || !single_select(t->data, t->len, true))
		return NULL;
	/* store the text without the ?s */
	char *text = malloc(t->len + 1);
	bp_buf_clear(&e->tmp);
	char ix[200];
	copy_safe(ix, sizeof(ix), k->index->name);
	for (char *q = ix; *q; q++)
		if (*q == ' ')
			*q = '_';
	bp_buf_addc(&e->tmp, ' ');
	bp_buf_adds(&e->tmp, ix);
	bp_buf_addc(&e->tmp, ' ');
	bp_buf_adds(&e->tmp, bp_pf_role_name(k->role));
	char *tail = bp_buf_ok(&e->tmp) ? strndup(e->tmp.data, e->tmp.len) : NULL;
	if (!text || !tail) {
		free(text);
		free(tail);
		return NULL;
	}
	uint32_t len = 0, from = 0;
	for (uint32_t j = 0; j < n; j++) {
		memcpy(text + len, t->data + from, holes[j] - from);
		len += holes[j] - from;
		sh->hole[j] = len;
		from = holes[j] + 1;
	}
	memcpy(text + len, t->data + from, t->len - from);
	len += (uint32_t)(t->len - from);
	text[len] = 0;
	sh->h = h;
	sh->text = text;
	sh->len = len;
	sh->n_holes = n;
	sh->tail = tail;
	e->n_shapes++;
	return sh;
}

/* The slow path: the line built whole and lexed whole (values that are not one literal token). */
static int emit_checked(bp_emit *e, const bp_pf_key *k)
{
	bp_buf *b = &e->line;
	bp_buf_clear(b);
	bp_buf_adds(b, k->clustered ? "SELECT 1" : "SELECT COUNT(*)");
	add_from(b, k->table, k->index->name);
	bp_buf_adds(b, " WHERE ");
	for (uint32_t i = 0; i < k->n; i++) {
		if (i)
			bp_buf_adds(b, " AND ");
		bp_sql_add_name(b, k->col[i]);
		if (k->val[i]) {
			bp_buf_adds(b, " = ");
			bp_buf_adds(b, k->val[i]);
		} else {
			bp_buf_adds(b, " IS NULL");
		}
	}
	return write_line(e, &e->cur, NULL, k->index->name, class_of(&e->cur), bp_pf_role_name(k->role));
}

static int emit_single(bp_emit *e, const bp_pf_key *k, uint64_t shape_h)
{
	const shape *sh = shape_for(e, k, shape_h);
	if (!sh) {
		e->st.rejected++;
		return -1;
	}
	bp_buf *b = &e->buf;
	size_t before = b->len;
	uint32_t from = 0, v = 0;
	for (uint32_t j = 0; j < k->n; j++) {
		if (!k->val[j])
			continue;
		if (!literal_token_ok(k->val[j])) {
			/* an expression (a generated column's): the whole line goes through the lexer */
			b->len = before;
			return emit_checked(e, k);
		}
		bp_buf_add(b, sh->text + from, sh->hole[v] - from);
		bp_buf_adds(b, k->val[j]);
		from = sh->hole[v++];
	}
	bp_buf_add(b, sh->text + from, sh->len - from);
	bp_buf_adds(b, "; /* ");
	bp_buf_adds(b, e->cur.file);
	bp_buf_addc(b, ':');
	bp_buf_addu64(b, e->cur.pos);
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, e->cur.gtid);
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, class_of(&e->cur));
	bp_buf_adds(b, sh->tail);
	add_time(b, &e->cur);
	e->st.statements++;
	e->st.bytes += b->len - before;
	flush_maybe(e);
	return 1;
}

static void flush_batch(bp_emit *e, batch *g)
{
	if (!g->count)
		return;
	bp_buf *b = &e->line;
	bp_buf_clear(b);
	/* COUNT(*) also for the clustered index: the rows are read, not sent */
	bp_buf_adds(b, "SELECT COUNT(*) FROM ");
	bp_sql_add_name(b, g->db);
	bp_buf_addc(b, '.');
	bp_sql_add_name(b, g->name);
	bp_buf_adds(b, " FORCE INDEX(");
	bp_sql_add_name(b, g->index);
	bp_buf_adds(b, ") WHERE ");
	if (g->n_cols > 1)
		bp_buf_addc(b, '(');
	bp_buf_adds(b, g->cols);
	if (g->n_cols > 1)
		bp_buf_addc(b, ')');
	if (g->count == 1) {
		bp_buf_adds(b, " = ");
		bp_buf_add(b, g->tuples.data, g->tuples.len);
	} else {
		bp_buf_adds(b, " IN (");
		bp_buf_add(b, g->tuples.data, g->tuples.len);
		bp_buf_addc(b, ')');
	}
	const char *cls = g->mixed_class ? "mixed" : class_of(&g->first);
	const char *role = g->role < 0 ? "mixed" : bp_pf_role_name((unsigned)g->role);
	write_line(e, &g->first, g->count > 1 ? &g->last : NULL, g->index, cls, role);
	bp_buf_clear(&g->tuples);
	g->count = 0;
}

static void flush_all(bp_emit *e)
{
	for (uint32_t i = 0; i < e->n_b; i++)
		flush_batch(e, &e->b[i]);
}

static batch *batch_for(bp_emit *e, const bp_pf_key *k)
{
	uint64_t h = shape_hash(e, k);
	for (uint32_t i = 0; i < e->n_b; i++)
		if (e->b[i].key == h && e->b[i].table == k->table)
			return &e->b[i];
	if (e->n_b == e->cap_b) {
		uint32_t cap = e->cap_b ? e->cap_b * 2 : 16;
		batch *nb = realloc(e->b, sizeof(*nb) * cap);
		if (!nb)
			return NULL;
		e->b = nb;
		e->cap_b = cap;
	}
	batch *g = &e->b[e->n_b];
	memset(g, 0, sizeof(*g));
	g->key = h;
	g->table = k->table;
	g->db = strdup(k->table->db);
	g->name = strdup(k->table->name);
	g->index = strdup(k->index->name);
	g->clustered = k->clustered;
	g->n_cols = k->n;
	bp_buf_clear(&e->tmp);
	for (uint32_t i = 0; i < k->n; i++) {
		if (i)
			bp_buf_addc(&e->tmp, ',');
		bp_sql_add_name(&e->tmp, k->col[i]);
	}
	g->cols = strndup(e->tmp.data ? e->tmp.data : "", e->tmp.len);
	if (!g->db || !g->name || !g->index || !g->cols) {
		batch_release(g);
		return NULL;
	}
	e->n_b++;
	return g;
}

static int emit_batched(bp_emit *e, const bp_pf_key *k, uint64_t shape_h)
{
	batch *g = batch_for(e, k);
	if (!g)
		return emit_single(e, k, shape_h);
	/* the tuple text */
	bp_buf_clear(&e->tmp);
	if (k->n > 1)
		bp_buf_addc(&e->tmp, '(');
	for (uint32_t i = 0; i < k->n; i++) {
		if (i)
			bp_buf_addc(&e->tmp, ',');
		bp_buf_adds(&e->tmp, k->val[i]);
	}
	if (k->n > 1)
		bp_buf_addc(&e->tmp, ')');
	size_t overhead = 160 + strlen(g->db) + strlen(g->name) + strlen(g->index) + strlen(g->cols);
	if (g->count && g->tuples.len + e->tmp.len + 1 + overhead > e->o.max_statement_bytes)
		flush_batch(e, g);
	if (g->count)
		bp_buf_addc(&g->tuples, ',');
	bp_buf_add(&g->tuples, e->tmp.data, e->tmp.len);
	if (!g->count) {
		g->first = e->cur;
		g->role = k->role;
		g->mixed_class = false;
	} else {
		if (g->role != (int)k->role)
			g->role = -1;
		if (g->first.cls != e->cur.cls)
			g->mixed_class = true;
	}
	g->last = e->cur;
	g->count++;
	return 1;
}

int bp_emit_key(bp_emit *e, const bp_pf_key *k)
{
	e->st.keys++;
	if (guarded(e, k)) {
		e->st.guarded++;
		return -1;
	}
	uint64_t sh = shape_hash(e, k);
	if (lru_seen(&e->dedup, values_hash(sh, k))) {
		e->st.deduped++;
		return 0;
	}
	e->st.per_class[e->cur.cls < BP_C__COUNT ? e->cur.cls : BP_C_OTHER]++;
	e->st.per_role[k->role < BP_ROLE__COUNT ? k->role : 0]++;
	e->st.keys_written++;
	e->st.expected_rows += expected_rows(k);
	bool has_null = false;
	for (uint32_t i = 0; i < k->n; i++)
		has_null |= k->val[i] == NULL;
	if (e->o.batch_trx >= 2 && !has_null)
		return emit_batched(e, k, sh);
	return emit_single(e, k, sh);
}

int bp_emit_raw(bp_emit *e, const char *index_name, unsigned role, const char *sql, size_t len)
{
	e->st.keys++;
	if (lru_seen(&e->dedup, fnv1a(0xcbf29ce484222325ULL, sql, len))) {
		e->st.deduped++;
		return 0;
	}
	bp_buf_clear(&e->line);
	bp_buf_add(&e->line, sql, len);
	int rc = write_line(e, &e->cur, NULL, index_name, class_of(&e->cur), bp_pf_role_name(role));
	if (rc > 0) {
		e->st.raw++;
		e->st.per_class[e->cur.cls < BP_C__COUNT ? e->cur.cls : BP_C_OTHER]++;
		e->st.per_role[role < BP_ROLE__COUNT ? role : 0]++;
	}
	return rc;
}

void bp_emit_trx_end(bp_emit *e)
{
	e->trx++;
	if (e->o.batch_trx >= 2 && e->trx % e->o.batch_trx == 0)
		flush_all(e);
}

int bp_emit_finish(bp_emit *e)
{
	flush_all(e);
	if (e->out && !e->write_failed && (!bp_buf_flush_to(&e->buf, e->out) || fflush(e->out) != 0))
		e->write_failed = true;
	return e->write_failed || !bp_buf_ok(&e->buf) ? -1 : 0;
}

/* ---- the read-only check ------------------------------------------------------- */

static bool single_select(const char *sql, size_t n, bool allow_params)
{
	bp_lexer lx;
	bp_token t;
	bp_lex_init(&lx, sql, n, 0);
	lx.delim_len = 0; /* ';' comes back as BP_OP_SEMI */
	bool first = true, ended = false;
	int depth = 0;
	bp_keyword prev = BP_KW__NONE;
	for (;;) {
		bp_tok_type ty = bp_lex_next(&lx, &t);
		if (ty == BP_TK_EOF)
			break;
		if (ty == BP_TK_ERROR || ended)
			return false; /* unterminated text, or anything after the ';' */
		if (ty == BP_TK_OP && t.code == BP_OP_SEMI) {
			if (depth)
				return false;
			ended = true;
			continue;
		}
		if (first) {
			if (ty != BP_TK_IDENT || t.code != BP_KW_SELECT)
				return false;
			first = false;
			continue;
		}
		if (ty == BP_TK_OP && t.code == BP_OP_LPAREN)
			depth++;
		else if (ty == BP_TK_OP && t.code == BP_OP_RPAREN && --depth < 0)
			return false;
		if (ty == BP_TK_IDENT) {
			bp_keyword kw = t.code;
			/* INTO (OUTFILE, DUMPFILE, @var), FOR UPDATE / FOR SHARE, LOCK IN SHARE MODE */
			if (kw == BP_KW_INTO || kw == BP_KW_LOCK || (prev == BP_KW_FOR && (kw == BP_KW_UPDATE || kw == BP_KW_SHARE)))
				return false;
			prev = kw;
		} else {
			prev = BP_KW__NONE;
		}
		if (ty == BP_TK_VAR || ty == BP_TK_SYSVAR || ty == BP_TK_HINT || (ty == BP_TK_PARAM && !allow_params))
			return false; /* := assignments and hints have no place in a generated read */
		if (ty == BP_TK_OP && t.code == BP_OP_ASSIGN)
			return false;
	}
	return !first && depth == 0;
}

bool bp_sql_is_single_select(const char *sql, size_t n)
{
	return single_select(sql, n, false);
}

/*
 * Is lit exactly one literal token of the forms rewriter/literal.c writes?
 *   -12  1.5  -1.5E-7  'text' ('' inside, never a backslash)  X'0aff'  _latin1 X'e9'
 * A template that lexes as one SELECT with ? in the value places stays one
 * SELECT with any such token in those places: this is how a key lookup line is
 * checked without lexing it whole (see checked_line).
 */
static bool literal_token_ok(const char *lit)
{
	const char *p = lit;
	if (*p == '_') { /* introducer: _name X'..' */
		p++;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')))
			return false;
		while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_')
			p++;
		if (*p++ != ' ' || *p != 'X')
			return false;
	}
	if (*p == 'X' && p[1] == '\'') {
		for (p += 2; (*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'); p++)
			;
		return p[0] == '\'' && p[1] == 0 && lit[0] != '\0';
	}
	if (lit[0] == '_')
		return false;
	if (*p == '\'') {
		for (p++;; p++) {
			if (*p == 0 || *p == '\\')
				return false;
			if (*p == '\'') {
				if (p[1] == '\'') {
					p++;
					continue;
				}
				return p[1] == 0;
			}
		}
	}
	if (*p == '-')
		p++;
	const char *d = p;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if (p == d)
		return false;
	if (*p == 'E' || *p == 'e') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == 0;
}
