/*
 * schema.c: the schema model's core — the table container, table builders,
 * type-text parsing, and the JSON/text renderings.
 *
 * Tables live in a hash table keyed by (db, name); bp_schema_tables gives a
 * sorted view (db, then name) rebuilt when the set changed. Every string and
 * array inside a table is its own malloc'd block, so ALTER can clone, change
 * and swap a table without touching the others.
 */
#include "schema.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "value.h"

/* ---- strings ---------------------------------------------------------------- */

char *bp_strndup0(const char *s, size_t n)
{
	if (!s)
		return NULL;
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

char *bp_strdup0(const char *s) { return s ? bp_strndup0(s, strlen(s)) : NULL; }

/* ---- the container -------------------------------------------------------------- */

struct bp_schema {
	bp_sch_table **slot;   /* open addressing, NULL = empty, TOMB = deleted */
	size_t cap, count, used;
	bp_sch_table **sorted; /* cached sorted view */
	size_t n_sorted;
	bool dirty;
	uint64_t generation;  /* bumped at every change (bp_schema_generation) */
};

/* Every change goes through here: the sorted view and the callers' caches
 * (rewriter plans) notice it. */
static void changed(bp_schema *s)
{
	s->dirty = true;
	s->generation++;
}

uint64_t bp_schema_generation(const bp_schema *s)
{
	return s->generation;
}

static bp_sch_table tomb_;
#define TOMB (&tomb_)

static uint64_t hash2(const char *db, const char *name)
{
	uint64_t h = 1469598103934665603ULL;
	for (const char *p = db ? db : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (const char *p = name; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h;
}

static bool same_db(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

bp_schema *bp_schema_new(void)
{
	bp_schema *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->cap = 64;
	s->slot = calloc(s->cap, sizeof(*s->slot));
	if (!s->slot) {
		free(s);
		return NULL;
	}
	return s;
}

void bp_schema_free(bp_schema *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->cap; i++)
		if (s->slot[i] && s->slot[i] != TOMB)
			bp_sch_table_free(s->slot[i]);
	free(s->slot);
	free(s->sorted);
	free(s);
}

static size_t find_slot(const bp_schema *s, const char *db, const char *name, bool *found)
{
	size_t mask = s->cap - 1, i = (size_t)hash2(db, name) & mask, first_tomb = (size_t)-1;
	for (;;) {
		bp_sch_table *t = s->slot[i];
		if (!t) {
			*found = false;
			return first_tomb != (size_t)-1 ? first_tomb : i;
		}
		if (t == TOMB) {
			if (first_tomb == (size_t)-1)
				first_tomb = i;
		} else if (same_db(t->db, db) && strcmp(t->name, name) == 0) {
			*found = true;
			return i;
		}
		i = (i + 1) & mask;
	}
}

static int grow(bp_schema *s)
{
	size_t oc = s->cap;
	bp_sch_table **old = s->slot;
	s->cap = oc * 2;
	s->slot = calloc(s->cap, sizeof(*s->slot));
	if (!s->slot) {
		s->slot = old;
		s->cap = oc;
		return -1;
	}
	s->used = 0;
	for (size_t i = 0; i < oc; i++) {
		if (old[i] && old[i] != TOMB) {
			bool f;
			size_t j = find_slot(s, old[i]->db, old[i]->name, &f);
			s->slot[j] = old[i];
			s->used++;
		}
	}
	free(old);
	return 0;
}

bp_sch_table *bp_schema_lookup(const bp_schema *s, const char *db, const char *name)
{
	bool f;
	if (!name)
		return NULL;
	size_t i = find_slot(s, db, name, &f);
	return f ? s->slot[i] : NULL;
}

int bp_schema_put(bp_schema *s, bp_sch_table *t)
{
	bool f;
	if ((s->used + 1) * 4 > s->cap * 3 && grow(s))
		return -1;
	size_t i = find_slot(s, t->db, t->name, &f);
	if (f) {
		if (s->slot[i] != t)
			bp_sch_table_free(s->slot[i]);
	} else {
		if (!s->slot[i])
			s->used++;
		s->count++;
	}
	s->slot[i] = t;
	bp_sch_table_normalize(t);
	changed(s);
	return 0;
}

static bp_sch_table *take(bp_schema *s, const char *db, const char *name)
{
	bool f;
	size_t i = find_slot(s, db, name, &f);
	if (!f)
		return NULL;
	bp_sch_table *t = s->slot[i];
	s->slot[i] = TOMB;
	s->count--;
	changed(s);
	return t;
}

int bp_schema_drop(bp_schema *s, const char *db, const char *name)
{
	bp_sch_table *t = take(s, db, name);
	if (!t)
		return -1;
	bp_sch_table_free(t);
	return 0;
}

int bp_schema_rename(bp_schema *s, const char *db, const char *name, const char *ndb, const char *nname)
{
	bp_sch_table *t = take(s, db, name);
	if (!t)
		return -1;
	char *d = bp_strdup0(ndb), *n = bp_strdup0(nname);
	if ((ndb && !d) || !n) {
		free(d);
		free(n);
		bp_schema_put(s, t);
		return -1;
	}
	free(t->db);
	free(t->name);
	t->db = d;
	t->name = n;
	/* foreign keys of other tables keep naming the old parent, as the server does
	 * not rewrite them either until their own ALTER */
	return bp_schema_put(s, t);
}

void bp_schema_drop_db(bp_schema *s, const char *db)
{
	for (size_t i = 0; i < s->cap; i++) {
		bp_sch_table *t = s->slot[i];
		if (t && t != TOMB && same_db(t->db, db)) {
			bp_sch_table_free(t);
			s->slot[i] = TOMB;
			s->count--;
			changed(s);
		}
	}
}

static int cmp_tables(const void *a, const void *b)
{
	const bp_sch_table *x = *(bp_sch_table *const *)a, *y = *(bp_sch_table *const *)b;
	int c = strcmp(x->db ? x->db : "", y->db ? y->db : "");
	return c ? c : strcmp(x->name, y->name);
}

bp_sch_table *const *bp_schema_tables(bp_schema *s, size_t *n)
{
	if (s->dirty || !s->sorted) {
		bp_sch_table **v = realloc(s->sorted, (s->count ? s->count : 1) * sizeof(*v));
		if (!v) {
			*n = 0;
			return NULL;
		}
		s->sorted = v;
		size_t k = 0;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i] && s->slot[i] != TOMB)
				v[k++] = s->slot[i];
		qsort(v, k, sizeof(*v), cmp_tables);
		s->n_sorted = k;
		s->dirty = false;
	}
	*n = s->n_sorted;
	return s->sorted;
}

/* ---- tables -------------------------------------------------------------------- */

bp_sch_table *bp_sch_table_new(const char *db, const char *name)
{
	bp_sch_table *t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->db = bp_strdup0(db);
	t->name = bp_strdup0(name);
	if ((db && !t->db) || !t->name) {
		bp_sch_table_free(t);
		return NULL;
	}
	return t;
}

void bp_sch_column_release(bp_sch_column *c)
{
	free(c->name);
	free(c->type);
	free(c->base);
	free(c->generated_expr);
	free(c->charset);
	free(c->collation);
	free(c->default_value);
	free(c->comment);
	for (uint32_t i = 0; i < c->n_values; i++)
		free(c->values[i]);
	free(c->values);
	memset(c, 0, sizeof(*c));
}

static void index_release(bp_sch_index *ix)
{
	free(ix->name);
	for (uint32_t i = 0; i < ix->n_parts; i++) {
		free(ix->parts[i].column);
		free(ix->parts[i].expr);
	}
	free(ix->parts);
	memset(ix, 0, sizeof(*ix));
}

static void fk_release(bp_sch_fk *fk)
{
	free(fk->name);
	for (uint32_t i = 0; i < fk->n_columns; i++) {
		free(fk->columns[i]);
		free(fk->ref_columns[i]);
	}
	free(fk->columns);
	free(fk->ref_columns);
	free(fk->ref_db);
	free(fk->ref_table);
	memset(fk, 0, sizeof(*fk));
}

void bp_sch_table_free(bp_sch_table *t)
{
	if (!t)
		return;
	for (uint32_t i = 0; i < t->n_columns; i++)
		bp_sch_column_release(&t->columns[i]);
	for (uint32_t i = 0; i < t->n_indexes; i++)
		index_release(&t->indexes[i]);
	for (uint32_t i = 0; i < t->n_fks; i++)
		fk_release(&t->fks[i]);
	free(t->columns);
	free(t->indexes);
	free(t->fks);
	free(t->db);
	free(t->name);
	free(t->engine);
	free(t);
}

/* grow *arr (element size sz) to hold n+1 */
static int reserve(void **arr, uint32_t *cap, uint32_t n, size_t sz)
{
	if (n < *cap)
		return 0;
	uint32_t nc = *cap ? *cap * 2 : 8;
	void *p = realloc(*arr, (size_t)nc * sz);
	if (!p)
		return -1;
	memset((char *)p + (size_t)*cap * sz, 0, (size_t)(nc - *cap) * sz);
	*arr = p;
	*cap = nc;
	return 0;
}

bp_sch_column *bp_sch_add_column(bp_sch_table *t, const char *name)
{
	if (reserve((void **)&t->columns, &t->cap_columns, t->n_columns, sizeof(bp_sch_column)))
		return NULL;
	bp_sch_column *c = &t->columns[t->n_columns];
	memset(c, 0, sizeof(*c));
	c->name = bp_strdup0(name);
	if (!c->name)
		return NULL;
	c->nullable = true;
	c->precision = c->scale = c->fsp = -1;
	t->n_columns++;
	return c;
}

bp_sch_index *bp_sch_add_index(bp_sch_table *t, const char *name, bp_index_kind kind)
{
	if (reserve((void **)&t->indexes, &t->cap_indexes, t->n_indexes, sizeof(bp_sch_index)))
		return NULL;
	bp_sch_index *ix = &t->indexes[t->n_indexes];
	memset(ix, 0, sizeof(*ix));
	ix->name = bp_strdup0(kind == BP_IDX_PRIMARY ? "PRIMARY" : name ? name : "");
	if (!ix->name)
		return NULL;
	ix->kind = kind;
	t->n_indexes++;
	return ix;
}

bp_sch_keypart *bp_sch_add_keypart(bp_sch_index *ix, const char *column)
{
	bp_sch_keypart *p = realloc(ix->parts, (ix->n_parts + 1) * sizeof(*p));
	if (!p)
		return NULL;
	ix->parts = p;
	bp_sch_keypart *k = &p[ix->n_parts];
	memset(k, 0, sizeof(*k));
	k->cardinality = -1;
	if (column && !(k->column = bp_strdup0(column)))
		return NULL;
	ix->n_parts++;
	return k;
}

bp_sch_fk *bp_sch_add_fk(bp_sch_table *t, const char *name)
{
	if (reserve((void **)&t->fks, &t->cap_fks, t->n_fks, sizeof(bp_sch_fk)))
		return NULL;
	bp_sch_fk *fk = &t->fks[t->n_fks];
	memset(fk, 0, sizeof(*fk));
	fk->name = bp_strdup0(name ? name : "");
	if (!fk->name)
		return NULL;
	t->n_fks++;
	return fk;
}

int bp_sch_fk_add_pair(bp_sch_fk *fk, const char *column, const char *ref_column)
{
	char **a = realloc(fk->columns, (fk->n_columns + 1) * sizeof(char *));
	if (!a)
		return -1;
	fk->columns = a;
	char **b = realloc(fk->ref_columns, (fk->n_columns + 1) * sizeof(char *));
	if (!b)
		return -1;
	fk->ref_columns = b;
	a[fk->n_columns] = bp_strdup0(column);
	b[fk->n_columns] = bp_strdup0(ref_column ? ref_column : "");
	if (!a[fk->n_columns] || !b[fk->n_columns]) {
		free(a[fk->n_columns]);
		free(b[fk->n_columns]);
		return -1;
	}
	fk->n_columns++;
	return 0;
}

bp_sch_column *bp_sch_find_column(const bp_sch_table *t, const char *name, uint32_t *index)
{
	for (uint32_t i = 0; i < t->n_columns; i++)
		if (strcasecmp(t->columns[i].name, name) == 0) {
			if (index)
				*index = i;
			return &t->columns[i];
		}
	return NULL;
}

bp_sch_index *bp_sch_find_index(const bp_sch_table *t, const char *name, uint32_t *index)
{
	for (uint32_t i = 0; i < t->n_indexes; i++)
		if (strcasecmp(t->indexes[i].name, name) == 0) {
			if (index)
				*index = i;
			return &t->indexes[i];
		}
	return NULL;
}

const bp_sch_index *bp_sch_primary(const bp_sch_table *t)
{
	for (uint32_t i = 0; i < t->n_indexes; i++)
		if (t->indexes[i].kind == BP_IDX_PRIMARY)
			return &t->indexes[i];
	return NULL;
}

void bp_sch_remove_column(bp_sch_table *t, uint32_t i)
{
	if (i >= t->n_columns)
		return;
	bp_sch_column_release(&t->columns[i]);
	memmove(&t->columns[i], &t->columns[i + 1], (t->n_columns - i - 1) * sizeof(bp_sch_column));
	t->n_columns--;
}

void bp_sch_remove_index(bp_sch_table *t, uint32_t i)
{
	if (i >= t->n_indexes)
		return;
	index_release(&t->indexes[i]);
	memmove(&t->indexes[i], &t->indexes[i + 1], (t->n_indexes - i - 1) * sizeof(bp_sch_index));
	t->n_indexes--;
}

void bp_sch_remove_fk(bp_sch_table *t, uint32_t i)
{
	if (i >= t->n_fks)
		return;
	fk_release(&t->fks[i]);
	memmove(&t->fks[i], &t->fks[i + 1], (t->n_fks - i - 1) * sizeof(bp_sch_fk));
	t->n_fks--;
}

void bp_sch_table_normalize(bp_sch_table *t)
{
	for (uint32_t i = 1; i < t->n_indexes; i++) {
		if (t->indexes[i].kind == BP_IDX_PRIMARY) {
			bp_sch_index pk = t->indexes[i];
			memmove(&t->indexes[1], &t->indexes[0], i * sizeof(bp_sch_index));
			t->indexes[0] = pk;
			break;
		}
	}
}

static bool copy_column(bp_sch_column *d, const bp_sch_column *c)
{
	*d = *c;
	d->name = bp_strdup0(c->name);
	d->type = bp_strdup0(c->type);
	d->base = bp_strdup0(c->base);
	d->generated_expr = bp_strdup0(c->generated_expr);
	d->charset = bp_strdup0(c->charset);
	d->collation = bp_strdup0(c->collation);
	d->default_value = bp_strdup0(c->default_value);
	d->comment = bp_strdup0(c->comment);
	d->values = c->n_values ? calloc(c->n_values, sizeof(char *)) : NULL;
	bool ok = d->name && (!c->type || d->type) && (!c->base || d->base) && (!c->n_values || d->values);
	for (uint32_t i = 0; d->values && i < c->n_values; i++)
		ok = (d->values[i] = bp_strdup0(c->values[i])) && ok;
	return ok;
}

bp_sch_table *bp_sch_table_clone(const bp_sch_table *t)
{
	bp_sch_table *n = bp_sch_table_new(t->db, t->name);
	if (!n)
		return NULL;
	n->stats = t->stats;
	n->engine = bp_strdup0(t->engine);
	n->partitioned = t->partitioned;
	n->is_view = t->is_view;
	n->sources = t->sources;
	for (uint32_t i = 0; i < t->n_columns; i++) {
		if (reserve((void **)&n->columns, &n->cap_columns, n->n_columns, sizeof(bp_sch_column)) ||
		    !copy_column(&n->columns[n->n_columns++], &t->columns[i]))
			goto fail;
	}
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		bp_sch_index *d = bp_sch_add_index(n, ix->name, ix->kind);
		if (!d)
			goto fail;
		d->invisible = ix->invisible;
		for (uint32_t k = 0; k < ix->n_parts; k++) {
			bp_sch_keypart *p = bp_sch_add_keypart(d, ix->parts[k].column);
			if (!p)
				goto fail;
			p->prefix = ix->parts[k].prefix;
			p->desc = ix->parts[k].desc;
			p->cardinality = ix->parts[k].cardinality;
			if (ix->parts[k].expr && !(p->expr = bp_strdup0(ix->parts[k].expr)))
				goto fail;
		}
	}
	for (uint32_t i = 0; i < t->n_fks; i++) {
		const bp_sch_fk *fk = &t->fks[i];
		bp_sch_fk *d = bp_sch_add_fk(n, fk->name);
		if (!d)
			goto fail;
		d->on_delete = fk->on_delete;
		d->on_update = fk->on_update;
		d->ref_db = bp_strdup0(fk->ref_db);
		d->ref_table = bp_strdup0(fk->ref_table);
		for (uint32_t k = 0; k < fk->n_columns; k++)
			if (bp_sch_fk_add_pair(d, fk->columns[k], fk->ref_columns[k]))
				goto fail;
	}
	return n;
fail:
	bp_sch_table_free(n);
	return NULL;
}

/* ---- column types ----------------------------------------------------------------- */

typedef struct type_word {
	const char *word;      /* first member: bsearch compares it */
	uint8_t binlog_type;   /* what the server writes in TABLE_MAP for it */
} type_word;

/* sorted by word */
static const type_word type_words[] = {
	{ "bigint", BP_T_LONGLONG }, { "binary", BP_T_STRING }, { "bit", BP_T_BIT },
	{ "blob", BP_T_BLOB }, { "bool", BP_T_TINY }, { "boolean", BP_T_TINY },
	{ "char", BP_T_STRING }, { "date", BP_T_DATE }, { "datetime", BP_T_DATETIME2 },
	{ "dec", BP_T_NEWDECIMAL }, { "decimal", BP_T_NEWDECIMAL }, { "double", BP_T_DOUBLE },
	{ "enum", BP_T_STRING }, { "fixed", BP_T_NEWDECIMAL }, { "float", BP_T_FLOAT },
	{ "geometry", BP_T_GEOMETRY }, { "geometrycollection", BP_T_GEOMETRY }, { "inet4", BP_T_STRING },
	{ "inet6", BP_T_STRING }, { "int", BP_T_LONG }, { "integer", BP_T_LONG },
	{ "json", BP_T_JSON }, { "linestring", BP_T_GEOMETRY }, { "long", BP_T_BLOB },
	{ "longblob", BP_T_BLOB }, { "longtext", BP_T_BLOB }, { "mediumblob", BP_T_BLOB },
	{ "mediumint", BP_T_INT24 }, { "mediumtext", BP_T_BLOB }, { "multilinestring", BP_T_GEOMETRY },
	{ "multipoint", BP_T_GEOMETRY }, { "multipolygon", BP_T_GEOMETRY }, { "nchar", BP_T_STRING },
	{ "numeric", BP_T_NEWDECIMAL }, { "nvarchar", BP_T_VARCHAR }, { "point", BP_T_GEOMETRY },
	{ "polygon", BP_T_GEOMETRY }, { "real", BP_T_DOUBLE }, { "set", BP_T_STRING },
	{ "smallint", BP_T_SHORT }, { "text", BP_T_BLOB }, { "time", BP_T_TIME2 },
	{ "timestamp", BP_T_TIMESTAMP2 }, { "tinyblob", BP_T_BLOB }, { "tinyint", BP_T_TINY },
	{ "tinytext", BP_T_BLOB }, { "uuid", BP_T_STRING }, { "varbinary", BP_T_VARCHAR },
	{ "varchar", BP_T_VARCHAR }, { "vector", BP_T_VECTOR }, { "year", BP_T_YEAR },
};

static int cmp_word(const void *k, const void *e)
{
	return strcmp((const char *)k, ((const type_word *)e)->word);
}

/* Parse the quoted members of enum('a','b''c') starting after '('. */
static int parse_values(bp_sch_column *c, const char *p)
{
	char buf[4096];
	while (*p) {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p != '\'')
			break;
		p++;
		size_t n = 0;
		while (*p) {
			if (*p == '\'' && p[1] == '\'') {
				p += 2;
				if (n < sizeof(buf) - 1)
					buf[n++] = '\'';
			} else if (*p == '\\' && p[1]) {
				p++;
				if (n < sizeof(buf) - 1)
					buf[n++] = *p;
				p++;
			} else if (*p == '\'') {
				p++;
				break;
			} else {
				if (n < sizeof(buf) - 1)
					buf[n++] = *p;
				p++;
			}
		}
		char **v = realloc(c->values, (c->n_values + 1) * sizeof(char *));
		if (!v)
			return -1;
		c->values = v;
		if (!(v[c->n_values] = bp_strndup0(buf, n)))
			return -1;
		c->n_values++;
	}
	return 0;
}

int bp_sch_column_set_type(bp_sch_column *c, const char *text)
{
	char word[64];
	size_t n = strlen(text), w = 0;
	char *low = malloc(n + 1);
	if (!low)
		return -1;
	/* lower-case outside quotes (enum/set members keep their case) */
	bool q = false;
	for (size_t i = 0; i < n; i++) {
		char ch = text[i];
		if (ch == '\'')
			q = !q;
		low[i] = q ? ch : (char)tolower((unsigned char)ch);
	}
	low[n] = 0;
	while (n && low[n - 1] == ' ')
		low[--n] = 0;
	const char *p = low;
	while (*p == ' ')
		p++;
	while (*p && (isalnum((unsigned char)*p) || *p == '_') && w < sizeof(word) - 1)
		word[w++] = *p++;
	word[w] = 0;
	/* "double precision", "long varchar" and friends */
	if (strcmp(word, "double") == 0 && strncmp(p, " precision", 10) == 0)
		p += 10;
	const type_word *hit = bsearch(word, type_words, sizeof(type_words) / sizeof(type_words[0]),
				       sizeof(type_words[0]), cmp_word);
	free(c->type);
	free(c->base);
	for (uint32_t i = 0; i < c->n_values; i++)
		free(c->values[i]);
	free(c->values);
	c->values = NULL;
	c->n_values = 0;
	c->type = bp_strdup0(low + strspn(low, " "));
	c->base = bp_strdup0(word);
	c->length = 0;
	c->precision = c->scale = c->fsp = -1;
	c->is_unsigned = strstr(p, "unsigned") != NULL;
	c->zerofill = strstr(p, "zerofill") != NULL;
	c->binlog_type = hit ? hit->binlog_type : 0;
	if (!c->type || !c->base) {
		free(low);
		return -1;
	}
	if (*p == '(') {
		if (strcmp(word, "enum") == 0 || strcmp(word, "set") == 0) {
			if (parse_values(c, p + 1)) {
				free(low);
				return -1;
			}
		} else {
			char *end;
			long a = strtol(p + 1, &end, 10);
			if (*end == ',') {
				c->precision = (int32_t)a;
				c->scale = (int32_t)strtol(end + 1, &end, 10);
			} else if (strcmp(word, "decimal") == 0 || strcmp(word, "numeric") == 0 || strcmp(word, "dec") == 0 ||
				   strcmp(word, "fixed") == 0) {
				c->precision = (int32_t)a;
				c->scale = 0;
			} else if (strcmp(word, "time") == 0 || strcmp(word, "datetime") == 0 ||
				   strcmp(word, "timestamp") == 0) {
				c->fsp = (int32_t)a;
			} else if (a >= 0) {
				c->length = (uint32_t)a;
			}
		}
	} else if (strcmp(word, "decimal") == 0 || strcmp(word, "numeric") == 0 || strcmp(word, "dec") == 0) {
		c->precision = 10;
		c->scale = 0;
	}
	if ((strcmp(word, "time") == 0 || strcmp(word, "datetime") == 0 || strcmp(word, "timestamp") == 0) && c->fsp < 0)
		c->fsp = 0;
	/* MariaDB 5.3 microsecond temporals (mysql56_temporal_format=OFF), which SHOW
	 * CREATE TABLE marks with this comment, are logged under the old type codes */
	if (strstr(low, "mariadb-5.3")) {
		if (strcmp(word, "time") == 0)
			c->binlog_type = BP_T_TIME;
		else if (strcmp(word, "datetime") == 0)
			c->binlog_type = BP_T_DATETIME;
		else if (strcmp(word, "timestamp") == 0)
			c->binlog_type = BP_T_TIMESTAMP;
	}
	free(low);
	/* "float(p)" with p > 24 is a DOUBLE */
	if (strcmp(word, "float") == 0 && c->precision < 0 && c->length > 24)
		c->binlog_type = BP_T_DOUBLE;
	return hit ? 0 : -1;
}

/* ---- diagnostics ------------------------------------------------------------------- */

void bp_sch_diag_report(bp_sch_diag *d, const char *path, unsigned line, unsigned col, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!d) {
		fprintf(stderr, "binprime: error: %s:%u:%u: %s\n", path ? path : "-", line, col, msg);
		return;
	}
	d->errors++;
	if (d->report)
		d->report(d->ctx, path, line, col, msg);
}

/* ---- output -------------------------------------------------------------------------- */

static const char *fk_action_name(bp_fk_action a)
{
	switch (a) {
	case BP_FK_CASCADE: return "CASCADE";
	case BP_FK_SET_NULL: return "SET NULL";
	case BP_FK_NO_ACTION: return "NO ACTION";
	case BP_FK_SET_DEFAULT: return "SET DEFAULT";
	case BP_FK_RESTRICT:
	case BP_FK_UNSPECIFIED:
	default: return "RESTRICT"; /* InnoDB's default, as information_schema reports it */
	}
}

static const char *index_kind_name(bp_index_kind k)
{
	switch (k) {
	case BP_IDX_PRIMARY: return "PRIMARY";
	case BP_IDX_UNIQUE: return "UNIQUE";
	case BP_IDX_FULLTEXT: return "FULLTEXT";
	case BP_IDX_SPATIAL: return "SPATIAL";
	default: return "KEY";
	}
}

static void jstr(bp_buf *b, const char *s)
{
	if (s)
		bp_buf_add_json_cstr(b, s);
	else
		bp_buf_adds(b, "null");
}

static void keypart_name(bp_buf *b, const bp_sch_keypart *p)
{
	if (p->column) {
		jstr(b, p->column);
	} else {
		bp_buf_adds(b, "\"(");
		/* expression text is ASCII SQL: escape through a temporary JSON string */
		bp_buf tmp = BP_BUF_INIT;
		bp_buf_add_json_cstr(&tmp, p->expr ? p->expr : "");
		if (tmp.len >= 2)
			bp_buf_add(b, tmp.data + 1, tmp.len - 2);
		bp_buf_release(&tmp);
		bp_buf_adds(b, ")\"");
	}
}

static void name_list(bp_buf *b, char *const *v, uint32_t n)
{
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			bp_buf_addc(b, ',');
		jstr(b, v[i]);
	}
	bp_buf_addc(b, ']');
}

static bool has_stats(const bp_sch_table *t)
{
	if (t->stats.has_rows)
		return true;
	for (uint32_t i = 0; i < t->n_indexes; i++)
		for (uint32_t k = 0; k < t->indexes[i].n_parts; k++)
			if (t->indexes[i].parts[k].cardinality >= 0)
				return true;
	return false;
}

static void table_json(bp_buf *b, const bp_sch_table *t)
{
	bp_buf_adds(b, "{\"db\":");
	jstr(b, t->db);
	bp_buf_adds(b, ",\"name\":");
	jstr(b, t->name);
	if (t->is_view)
		bp_buf_adds(b, ",\"view\":true");
	bp_buf_adds(b, ",\"columns\":[");
	for (uint32_t i = 0; i < t->n_columns; i++) {
		const bp_sch_column *c = &t->columns[i];
		bp_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
		jstr(b, c->name);
		bp_buf_adds(b, ",\"type\":");
		jstr(b, c->type);
		bp_buf_adds(b, c->nullable ? ",\"nullable\":true" : ",\"nullable\":false");
		if (c->default_value) {
			bp_buf_adds(b, ",\"default\":");
			jstr(b, c->default_value);
		}
		if (c->auto_increment)
			bp_buf_adds(b, ",\"auto_increment\":true");
		if (c->generated) {
			bp_buf_adds(b, c->generated_stored ? ",\"generated\":\"STORED\"" : ",\"generated\":\"VIRTUAL\"");
			if (c->generated_expr) {
				bp_buf_adds(b, ",\"expression\":");
				jstr(b, c->generated_expr);
			}
		}
		if (c->invisible)
			bp_buf_adds(b, ",\"invisible\":true");
		if (c->charset) {
			bp_buf_adds(b, ",\"charset\":");
			jstr(b, c->charset);
		}
		if (c->collation) {
			bp_buf_adds(b, ",\"collation\":");
			jstr(b, c->collation);
		}
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "],\"primary_key\":[");
	const bp_sch_index *pk = bp_sch_primary(t);
	for (uint32_t k = 0; pk && k < pk->n_parts; k++) {
		if (k)
			bp_buf_addc(b, ',');
		keypart_name(b, &pk->parts[k]);
	}
	bp_buf_adds(b, "],\"indexes\":[");
	bool first = true;
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->kind == BP_IDX_PRIMARY)
			continue;
		bp_buf_adds(b, first ? "{\"name\":" : ",{\"name\":");
		first = false;
		jstr(b, ix->name);
		bp_buf_adds(b, ix->kind == BP_IDX_UNIQUE ? ",\"unique\":true" : ",\"unique\":false");
		bp_buf_adds(b, ",\"kind\":\"");
		bp_buf_adds(b, index_kind_name(ix->kind));
		bp_buf_adds(b, "\",\"columns\":[");
		bool prefix = false, desc = false;
		for (uint32_t k = 0; k < ix->n_parts; k++) {
			if (k)
				bp_buf_addc(b, ',');
			keypart_name(b, &ix->parts[k]);
			prefix |= ix->parts[k].prefix != 0;
			desc |= ix->parts[k].desc;
		}
		bp_buf_addc(b, ']');
		if (prefix) {
			bp_buf_adds(b, ",\"prefix\":[");
			for (uint32_t k = 0; k < ix->n_parts; k++) {
				if (k)
					bp_buf_addc(b, ',');
				bp_buf_addu64(b, ix->parts[k].prefix);
			}
			bp_buf_addc(b, ']');
		}
		if (desc) {
			bp_buf_adds(b, ",\"desc\":[");
			for (uint32_t k = 0; k < ix->n_parts; k++)
				bp_buf_adds(b, k ? (ix->parts[k].desc ? ",true" : ",false") : (ix->parts[k].desc ? "true" : "false"));
			bp_buf_addc(b, ']');
		}
		if (ix->invisible)
			bp_buf_adds(b, ",\"invisible\":true");
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "],\"foreign_keys\":[");
	for (uint32_t i = 0; i < t->n_fks; i++) {
		const bp_sch_fk *fk = &t->fks[i];
		bp_buf_adds(b, i ? ",{\"name\":" : "{\"name\":");
		jstr(b, fk->name);
		bp_buf_adds(b, ",\"columns\":");
		name_list(b, fk->columns, fk->n_columns);
		bp_buf_adds(b, ",\"ref_db\":");
		jstr(b, fk->ref_db ? fk->ref_db : t->db);
		bp_buf_adds(b, ",\"ref_table\":");
		jstr(b, fk->ref_table);
		bp_buf_adds(b, ",\"ref_columns\":");
		name_list(b, fk->ref_columns, fk->n_columns);
		bp_buf_adds(b, ",\"on_delete\":\"");
		bp_buf_adds(b, fk_action_name(fk->on_delete));
		bp_buf_adds(b, "\",\"on_update\":\"");
		bp_buf_adds(b, fk_action_name(fk->on_update));
		bp_buf_adds(b, "\"}");
	}
	bp_buf_addc(b, ']');
	if (t->engine) {
		bp_buf_adds(b, ",\"engine\":");
		jstr(b, t->engine);
	}
	if (t->partitioned)
		bp_buf_adds(b, ",\"partitioned\":true");
	if (has_stats(t)) {
		bp_buf_adds(b, ",\"stats\":{");
		bool comma = false;
		if (t->stats.has_rows) {
			bp_buf_addf(b, "\"rows\":%lld,\"avg_row_length\":%lld,\"data_length\":%lld,\"index_length\":%lld",
				    (long long)t->stats.rows, (long long)t->stats.avg_row_length,
				    (long long)t->stats.data_length, (long long)t->stats.index_length);
			comma = true;
		}
		bool any = false;
		for (uint32_t i = 0; i < t->n_indexes; i++) {
			const bp_sch_index *ix = &t->indexes[i];
			bool has = false;
			for (uint32_t k = 0; k < ix->n_parts; k++)
				has |= ix->parts[k].cardinality >= 0;
			if (!has)
				continue;
			if (!any) {
				bp_buf_adds(b, comma ? ",\"cardinality\":{" : "\"cardinality\":{");
				any = true;
			} else {
				bp_buf_addc(b, ',');
			}
			jstr(b, ix->name);
			bp_buf_adds(b, ":[");
			for (uint32_t k = 0; k < ix->n_parts; k++) {
				if (k)
					bp_buf_addc(b, ',');
				if (ix->parts[k].cardinality >= 0)
					bp_buf_addi64(b, ix->parts[k].cardinality);
				else
					bp_buf_adds(b, "null");
			}
			bp_buf_addc(b, ']');
		}
		if (any)
			bp_buf_addc(b, '}');
		bp_buf_addc(b, '}');
	}
	static const char *const src[] = { "sql", "xml", "tsv", "log_ddl", "table_map" };
	bp_buf_adds(b, ",\"sources\":[");
	bool c1 = false;
	for (unsigned i = 0; i < 5; i++)
		if (t->sources & (1u << i)) {
			bp_buf_adds(b, c1 ? ",\"" : "\"");
			bp_buf_adds(b, src[i]);
			bp_buf_addc(b, '"');
			c1 = true;
		}
	bp_buf_adds(b, "]}");
}

void bp_schema_json(bp_buf *b, bp_schema *s)
{
	size_t n;
	bp_sch_table *const *v = bp_schema_tables(s, &n);
	bp_buf_adds(b, "{\"tables\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			bp_buf_adds(b, ",\n");
		else
			bp_buf_addc(b, '\n');
		table_json(b, v[i]);
	}
	bp_buf_adds(b, "\n]}\n");
}

void bp_schema_text(bp_buf *b, bp_schema *s)
{
	size_t n;
	bp_sch_table *const *v = bp_schema_tables(s, &n);
	for (size_t i = 0; i < n; i++) {
		const bp_sch_table *t = v[i];
		bp_buf_addf(b, "%s%s.%s%s\n", i ? "\n" : "", t->db ? t->db : "?", t->name, t->is_view ? " (view)" : "");
		for (uint32_t k = 0; k < t->n_columns; k++) {
			const bp_sch_column *c = &t->columns[k];
			bp_buf_addf(b, "  %-24s %s%s%s\n", c->name, c->type ? c->type : "?", c->nullable ? "" : " not null",
				    c->auto_increment ? " auto_increment" : "");
		}
		for (uint32_t k = 0; k < t->n_indexes; k++) {
			const bp_sch_index *ix = &t->indexes[k];
			bp_buf_addf(b, "  %s %s (", index_kind_name(ix->kind), ix->name);
			for (uint32_t p = 0; p < ix->n_parts; p++) {
				const bp_sch_keypart *kp = &ix->parts[p];
				bp_buf_addf(b, "%s%s", p ? ", " : "", kp->column ? kp->column : "(expr)");
				if (kp->prefix)
					bp_buf_addf(b, "(%u)", kp->prefix);
				if (kp->desc)
					bp_buf_adds(b, " desc");
			}
			bp_buf_adds(b, ")\n");
		}
		for (uint32_t k = 0; k < t->n_fks; k++) {
			const bp_sch_fk *fk = &t->fks[k];
			bp_buf_addf(b, "  FOREIGN KEY %s (", fk->name);
			for (uint32_t p = 0; p < fk->n_columns; p++)
				bp_buf_addf(b, "%s%s", p ? ", " : "", fk->columns[p]);
			bp_buf_addf(b, ") -> %s.%s (", fk->ref_db ? fk->ref_db : (t->db ? t->db : "?"), fk->ref_table);
			for (uint32_t p = 0; p < fk->n_columns; p++)
				bp_buf_addf(b, "%s%s", p ? ", " : "", fk->ref_columns[p]);
			bp_buf_addf(b, ") on delete %s on update %s\n", fk_action_name(fk->on_delete),
				    fk_action_name(fk->on_update));
		}
		if (t->stats.has_rows)
			bp_buf_addf(b, "  ~%lld rows, data %lld bytes, indexes %lld bytes\n", (long long)t->stats.rows,
				    (long long)t->stats.data_length, (long long)t->stats.index_length);
	}
}
