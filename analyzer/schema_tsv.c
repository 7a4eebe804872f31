/*
 * schema_tsv.c: load information_schema extracts in the batch (TSV) format of
 * the mariadb / mysql client:
 *
 *   mariadb -B -e "SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA='shop'" > shop.COLUMNS.tsv
 *
 * Format (`-B`, without --raw or -N): a header line of column names, then one line
 * per row; fields separated by tabs; SQL NULL printed as NULL (so a string
 * 'NULL' cannot be told from it); tab, newline, backslash and NUL inside a
 * value escaped as \t \n \\ \0. A trailing \r (CRLF files) is ignored.
 *
 * The table a file holds is recognised from its header, by column name (MySQL
 * and MariaDB order the columns differently and each has its own extras), and
 * only the columns below are read; others are ignored, and SELECTing only
 * these works too (required ones marked *):
 *
 *   COLUMNS                  TABLE_SCHEMA* TABLE_NAME* COLUMN_NAME* COLUMN_TYPE* ORDINAL_POSITION
 *                            IS_NULLABLE COLUMN_DEFAULT EXTRA COLUMN_COMMENT GENERATION_EXPRESSION
 *                            CHARACTER_SET_NAME COLLATION_NAME
 *   STATISTICS               TABLE_SCHEMA* TABLE_NAME* INDEX_NAME* SEQ_IN_INDEX* COLUMN_NAME*
 *                            NON_UNIQUE* COLLATION CARDINALITY SUB_PART INDEX_TYPE
 *                            EXPRESSION IS_VISIBLE (MySQL 8) IGNORED (MariaDB 10.6+)
 *   KEY_COLUMN_USAGE         TABLE_SCHEMA* TABLE_NAME* CONSTRAINT_NAME* COLUMN_NAME*
 *                            REFERENCED_TABLE_NAME* REFERENCED_COLUMN_NAME* ORDINAL_POSITION
 *                            REFERENCED_TABLE_SCHEMA
 *   REFERENTIAL_CONSTRAINTS  CONSTRAINT_SCHEMA* CONSTRAINT_NAME* TABLE_NAME* UPDATE_RULE* DELETE_RULE*
 *                            REFERENCED_TABLE_NAME UNIQUE_CONSTRAINT_SCHEMA
 *   TABLES                   TABLE_SCHEMA* TABLE_NAME* TABLE_TYPE* ENGINE TABLE_ROWS AVG_ROW_LENGTH
 *                            DATA_LENGTH INDEX_LENGTH CREATE_OPTIONS
 *
 * Files load in any order and merge into the model's tables: COLUMNS creates
 * tables or replaces/adds columns by name (a new column goes to its
 * ORDINAL_POSITION); STATISTICS adds indexes (replacing same-named ones) with
 * per-part cardinality; KEY_COLUMN_USAGE rows that reference a table make
 * foreign keys and REFERENTIAL_CONSTRAINTS gives their ON DELETE / ON UPDATE
 * rules, whichever comes first; TABLES gives engine, row count and sizes, marks
 * views (TABLE_TYPE VIEW) and partitioned tables. Rows may come in any order:
 * columns are put in ORDINAL_POSITION order, key parts in SEQ_IN_INDEX order;
 * indexes keep the order in which their names first appear. Several extracts
 * may be concatenated into one file: a line that is a known header starts a
 * new section.
 *
 * Values: COLUMN_DEFAULT NULL means DEFAULT NULL for a nullable column and no
 * default for a NOT NULL one (MariaDB prints the SQL text of the default, so
 * 'new' comes quoted; MySQL prints the bare value). UPDATE_RULE / DELETE_RULE
 * are taken as written: InnoDB reports RESTRICT both for an explicit RESTRICT
 * and for no clause at all, so these come out BP_FK_RESTRICT where a SQL dump
 * gives BP_FK_UNSPECIFIED (both print as RESTRICT). Sequences (TABLE_TYPE
 * SEQUENCE) load as the tables they are.
 *
 * What TSV extracts do not carry: CHECK constraints, partitioning clauses
 * (only CREATE_OPTIONS "partitioned"), the hidden row_start/row_end columns
 * of system-versioned tables (TABLE_TYPE "SYSTEM VERSIONED"; KEY_COLUMN_USAGE
 * lists row_end in their PRIMARY KEY, STATISTICS does not, and indexes come
 * from STATISTICS only).
 *
 * Errors (unknown header, wrong field count, bad numbers, unknown types or
 * rules) are reported with line and column (byte column of the field, 1-based);
 * the row is skipped and loading goes on.
 */
#include "schema_load_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../common/arena.h"

/* the header columns this loader reads */
#define FIELDS(X) \
	X(TABLE_SCHEMA) X(TABLE_NAME) X(COLUMN_NAME) X(ORDINAL_POSITION) X(COLUMN_DEFAULT) X(IS_NULLABLE) \
	X(COLUMN_TYPE) X(EXTRA) X(COLUMN_COMMENT) X(GENERATION_EXPRESSION) X(CHARACTER_SET_NAME) \
	X(COLLATION_NAME) X(NON_UNIQUE) X(INDEX_NAME) X(SEQ_IN_INDEX) X(COLLATION) X(CARDINALITY) \
	X(SUB_PART) X(INDEX_TYPE) X(EXPRESSION) X(IS_VISIBLE) X(IGNORED) X(CONSTRAINT_SCHEMA) \
	X(CONSTRAINT_NAME) X(REFERENCED_TABLE_SCHEMA) X(REFERENCED_TABLE_NAME) X(REFERENCED_COLUMN_NAME) \
	X(UNIQUE_CONSTRAINT_SCHEMA) X(UPDATE_RULE) X(DELETE_RULE) X(TABLE_TYPE) X(ENGINE) X(TABLE_ROWS) \
	X(AVG_ROW_LENGTH) X(DATA_LENGTH) X(INDEX_LENGTH) X(CREATE_OPTIONS)

enum {
#define X(f) F_##f,
	FIELDS(X)
#undef X
	F__COUNT
};

static const char *const field_names[F__COUNT] = {
#define X(f) #f,
	FIELDS(X)
#undef X
};

typedef enum { K_NONE, K_COLUMNS, K_STATISTICS, K_KEY_COLUMN_USAGE, K_REFERENTIAL_CONSTRAINTS, K_TABLES } kind;

static const char *const kind_names[] = { "?", "COLUMNS", "STATISTICS", "KEY_COLUMN_USAGE",
					  "REFERENTIAL_CONSTRAINTS", "TABLES" };

/* required header columns per kind, ending with -1 */
static const int required[][8] = {
	[K_NONE] = { -1 },
	[K_COLUMNS] = { F_TABLE_SCHEMA, F_TABLE_NAME, F_COLUMN_NAME, F_COLUMN_TYPE, -1 },
	[K_STATISTICS] = { F_TABLE_SCHEMA, F_TABLE_NAME, F_INDEX_NAME, F_SEQ_IN_INDEX, F_COLUMN_NAME, F_NON_UNIQUE, -1 },
	[K_KEY_COLUMN_USAGE] = { F_TABLE_SCHEMA, F_TABLE_NAME, F_CONSTRAINT_NAME, F_COLUMN_NAME,
				 F_REFERENCED_TABLE_NAME, F_REFERENCED_COLUMN_NAME, -1 },
	[K_REFERENTIAL_CONSTRAINTS] = { F_CONSTRAINT_SCHEMA, F_CONSTRAINT_NAME, F_TABLE_NAME, F_UPDATE_RULE,
					F_DELETE_RULE, -1 },
	[K_TABLES] = { F_TABLE_SCHEMA, F_TABLE_NAME, F_TABLE_TYPE, -1 },
};

/* a COLUMNS row, kept until the section ends (rows are sorted first) */
typedef struct colrow {
	const char *db, *table;
	int64_t ordinal;
	size_t order;
	bp_sch__colrow r;
} colrow;

/* a STATISTICS row */
typedef struct keyrow {
	const char *db, *table;
	bp_sch__keyrow r;
} keyrow;

/* a KEY_COLUMN_USAGE row of a foreign key */
typedef struct fkrow {
	const char *db, *table, *name, *column, *ref_db, *ref_table, *ref_column;
	int64_t ordinal;
	size_t order;
	unsigned line, col;
} fkrow;

/* a growable array of rows of one type */
typedef struct rowvec {
	void *v;
	size_t n, cap;
} rowvec;

typedef struct tload {
	bp_schema *s;
	const char *path;
	bp_sch_diag *diag;
	int rc;                   /* 0 or -BP_E_NOMEM */
	bp_arena arena;           /* the values kept from this section's rows */
	kind k;                   /* of the current section */
	unsigned ncols;           /* header fields of the current section */
	int at[F__COUNT];         /* header position of each field we read, -1 if absent */
	rowvec cols, keys, fks;     /* colrow / keyrow / fkrow of the current section */
	/* the row being read */
	unsigned line;
	const char *val[F__COUNT]; /* unescaped values (NULL = SQL NULL or no such column) */
	unsigned vcol[F__COUNT];   /* their byte columns */
} tload;

/* fields of a line kept: enough for any information_schema table */
#define MAXF 128

/* ---- lines and fields --------------------------------------------------------------- */

/* Split line p[0..n) at tabs: starts and lengths of up to max fields; returns the
 * number of fields (may exceed max: the rest are counted, not stored). */
static unsigned split(const char *p, size_t n, const char **start, size_t *len, unsigned max)
{
	unsigned k = 0;
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < n && p[j] != '\t')
			j++;
		if (k < max) {
			start[k] = p + i;
			len[k] = j - i;
		}
		k++;
		if (j >= n)
			return k;
		i = j + 1;
	}
}

static const char *unescape_text(tload *t, const char *p, size_t n);

/* Unescape one batch-format value into the arena (NULL for SQL NULL). */
static const char *unescape(tload *t, const char *p, size_t n)
{
	if (n == 4 && memcmp(p, "NULL", 4) == 0)
		return NULL;
	return unescape_text(t, p, n);
}

/* The same, where "NULL" is text. */
static const char *unescape_text(tload *t, const char *p, size_t n)
{
	char *d = bp_arena_alloc(&t->arena, n + 1);
	if (!d) {
		t->rc = -BP_E_NOMEM;
		return NULL;
	}
	static const char from[5] = { 't', 'n', 'r', '0', '\\' }, to[5] = { '\t', '\n', '\r', '\0', '\\' };
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = p[i] == '\\' && i + 1 < n ? memchr(from, p[i + 1], sizeof(from)) : NULL;
		if (e) {
			d[k++] = to[e - from];
			i++;
		} else {
			d[k++] = p[i]; /* an unknown escape stays as it is */
		}
	}
	d[k] = 0;
	return d;
}

/* Which information_schema table a header line is; fills at[]. */
static kind header_kind(const char **start, const size_t *len, unsigned n, int *at)
{
	for (int f = 0; f < F__COUNT; f++) {
		at[f] = -1;
		for (unsigned i = 0; i < n; i++)
			if (len[i] == strlen(field_names[f]) && strncasecmp(start[i], field_names[f], len[i]) == 0) {
				at[f] = (int)i;
				break;
			}
	}
	if (at[F_INDEX_NAME] >= 0 && at[F_SEQ_IN_INDEX] >= 0)
		return K_STATISTICS;
	if (at[F_CONSTRAINT_NAME] >= 0 && at[F_REFERENCED_COLUMN_NAME] >= 0)
		return K_KEY_COLUMN_USAGE;
	if (at[F_CONSTRAINT_NAME] >= 0 && (at[F_DELETE_RULE] >= 0 || at[F_UPDATE_RULE] >= 0))
		return K_REFERENTIAL_CONSTRAINTS;
	if (at[F_COLUMN_NAME] >= 0 && at[F_COLUMN_TYPE] >= 0)
		return K_COLUMNS;
	if (at[F_TABLE_TYPE] >= 0)
		return K_TABLES;
	return K_NONE;
}

/* Is this line a header (every field an upper-case name, naming a table or a
 * constraint)? Lets concatenated extracts load as one file. */
static bool looks_like_header(const char **start, const size_t *len, unsigned n)
{
	bool names_table = false;
	for (unsigned i = 0; i < n; i++) {
		if (!len[i] || !(start[i][0] >= 'A' && start[i][0] <= 'Z'))
			return false;
		for (size_t j = 0; j < len[i]; j++) {
			char c = start[i][j];
			if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
				return false;
		}
		names_table |= (len[i] == 10 && memcmp(start[i], "TABLE_NAME", 10) == 0) ||
			       (len[i] == 15 && memcmp(start[i], "CONSTRAINT_NAME", 15) == 0);
	}
	return names_table;
}

/* Append one element of size sz to r; NULL when out of memory. */
static void *push(rowvec *r, size_t sz)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 64;
		void *v = realloc(r->v, nc * sz);
		if (!v)
			return NULL;
		r->v = v;
		r->cap = nc;
	}
	return (char *)r->v + sz * r->n++;
}

/* a value as a count (>= 0); false and a diagnostic when present and not one */
static bool count_of(tload *t, int f, int64_t *out, int64_t dflt)
{
	*out = dflt;
	if (!t->val[f])
		return true;
	if (bp_sch__parse_i64(t->val[f], out) && *out >= 0)
		return true;
	*out = dflt;
	bp_sch_diag_report(t->diag, t->path, t->line, t->vcol[f], "%s: \"%s\" is not a number", field_names[f],
			   t->val[f]);
	return false;
}

/* are the values of these fields (ending with -1) all present? */
static bool need(tload *t, const int *fs)
{
	for (; *fs >= 0; fs++)
		if (!t->val[*fs] || !*t->val[*fs]) {
			bp_sch_diag_report(t->diag, t->path, t->line, t->vcol[*fs] ? t->vcol[*fs] : 1,
					   "%s row without %s, skipped", kind_names[t->k], field_names[*fs]);
			return false;
		}
	return true;
}

/* ---- rows ---------------------------------------------------------------------------- */

static void column_row(tload *t)
{
	const char **v = t->val;
	int64_t ord;
	if (!need(t, (const int[]){ F_TABLE_SCHEMA, F_TABLE_NAME, F_COLUMN_NAME, F_COLUMN_TYPE, -1 }) ||
	    !count_of(t, F_ORDINAL_POSITION, &ord, 0))
		return;
	colrow *c = push(&t->cols, sizeof(colrow));
	if (!c) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	bool nullable = !v[F_IS_NULLABLE] || strcasecmp(v[F_IS_NULLABLE], "YES") == 0;
	*c = (colrow){ .db = v[F_TABLE_SCHEMA], .table = v[F_TABLE_NAME], .ordinal = ord, .order = t->cols.n };
	c->r = (bp_sch__colrow){
		.name = v[F_COLUMN_NAME],
		.type = v[F_COLUMN_TYPE],
		.nullable = v[F_IS_NULLABLE],
		/* NULL: DEFAULT NULL when nullable, else no default (see the header) */
		.default_value = v[F_COLUMN_DEFAULT] ? v[F_COLUMN_DEFAULT] : nullable ? "NULL" : NULL,
		.extra = v[F_EXTRA],
		.comment = v[F_COLUMN_COMMENT],
		.generated_expr = v[F_GENERATION_EXPRESSION],
		.charset = v[F_CHARACTER_SET_NAME],
		.collation = v[F_COLLATION_NAME],
		.line = t->line,
		.col = t->vcol[F_COLUMN_TYPE],
	};
}

static void statistics_row(tload *t)
{
	const char **v = t->val;
	int64_t seq, sub, card, nu;
	if (!need(t, (const int[]){ F_TABLE_SCHEMA, F_TABLE_NAME, F_INDEX_NAME, -1 }) ||
	    !count_of(t, F_SEQ_IN_INDEX, &seq, 0) || !count_of(t, F_SUB_PART, &sub, 0) ||
	    !count_of(t, F_CARDINALITY, &card, -1) || !count_of(t, F_NON_UNIQUE, &nu, 1))
		return;
	if (seq < 1 || seq > UINT32_MAX || (!v[F_COLUMN_NAME] && !v[F_EXPRESSION])) {
		bp_sch_diag_report(t->diag, t->path, t->line, t->vcol[F_SEQ_IN_INDEX],
				   "STATISTICS row needs SEQ_IN_INDEX >= 1 and COLUMN_NAME (or EXPRESSION), skipped");
		return;
	}
	keyrow *k = push(&t->keys, sizeof(keyrow));
	if (!k) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	*k = (keyrow){ .db = v[F_TABLE_SCHEMA], .table = v[F_TABLE_NAME] };
	k->r = (bp_sch__keyrow){
		.index = v[F_INDEX_NAME],
		.column = v[F_COLUMN_NAME],
		.expr = v[F_EXPRESSION],
		.index_type = v[F_INDEX_TYPE],
		.collation = v[F_COLLATION],
		.non_unique = nu != 0,
		.invisible = (v[F_IGNORED] && strcasecmp(v[F_IGNORED], "YES") == 0) ||
			     (v[F_IS_VISIBLE] && strcasecmp(v[F_IS_VISIBLE], "NO") == 0),
		.seq = (uint32_t)seq,
		.sub_part = sub > UINT32_MAX ? UINT32_MAX : (uint32_t)sub,
		.cardinality = card,
		.order = t->keys.n,
		.line = t->line,
		.col = t->vcol[F_SEQ_IN_INDEX],
	};
}

static void kcu_row(tload *t)
{
	const char **v = t->val;
	int64_t ord;
	/* PRIMARY KEY and UNIQUE constraints are listed too; only foreign keys are read */
	if (!v[F_REFERENCED_TABLE_NAME])
		return;
	if (!need(t, (const int[]){ F_TABLE_SCHEMA, F_TABLE_NAME, F_CONSTRAINT_NAME, F_COLUMN_NAME,
				    F_REFERENCED_COLUMN_NAME, -1 }) ||
	    !count_of(t, F_ORDINAL_POSITION, &ord, 0))
		return;
	fkrow *f = push(&t->fks, sizeof(fkrow));
	if (!f) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	*f = (fkrow){
		.db = v[F_TABLE_SCHEMA], .table = v[F_TABLE_NAME], .name = v[F_CONSTRAINT_NAME],
		.column = v[F_COLUMN_NAME], .ref_db = v[F_REFERENCED_TABLE_SCHEMA] ? v[F_REFERENCED_TABLE_SCHEMA] : v[F_TABLE_SCHEMA],
		.ref_table = v[F_REFERENCED_TABLE_NAME], .ref_column = v[F_REFERENCED_COLUMN_NAME],
		.ordinal = ord, .order = t->fks.n, .line = t->line, .col = t->vcol[F_CONSTRAINT_NAME],
	};
}

/* the foreign key `name` of tb, created when missing; NULL when out of memory */
static bp_sch_fk *fk_of(bp_sch_table *tb, const char *name)
{
	for (uint32_t i = 0; i < tb->n_fks; i++)
		if (strcmp(tb->fks[i].name, name) == 0)
			return &tb->fks[i];
	return bp_sch_add_fk(tb, name);
}

static bool rule(tload *t, int f, bp_fk_action *out)
{
	static const struct {
		const char *name;
		bp_fk_action a;
	} rules[] = { { "RESTRICT", BP_FK_RESTRICT }, { "CASCADE", BP_FK_CASCADE }, { "SET NULL", BP_FK_SET_NULL },
		      { "NO ACTION", BP_FK_NO_ACTION }, { "SET DEFAULT", BP_FK_SET_DEFAULT } };
	const char *v = t->val[f];
	if (!v)
		return true; /* column not selected: unspecified */
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		if (strcasecmp(v, rules[i].name) == 0) {
			*out = rules[i].a;
			return true;
		}
	bp_sch_diag_report(t->diag, t->path, t->line, t->vcol[f], "%s: unknown rule \"%s\"", field_names[f], v);
	return false;
}

static void rc_row(tload *t)
{
	const char **v = t->val;
	bp_fk_action del = BP_FK_UNSPECIFIED, upd = BP_FK_UNSPECIFIED;
	if (!need(t, (const int[]){ F_CONSTRAINT_SCHEMA, F_CONSTRAINT_NAME, F_TABLE_NAME, -1 }) ||
	    !rule(t, F_DELETE_RULE, &del) || !rule(t, F_UPDATE_RULE, &upd))
		return;
	bp_sch_table *tb = bp_sch__table(t->s, v[F_CONSTRAINT_SCHEMA], v[F_TABLE_NAME], true);
	bp_sch_fk *fk = tb ? fk_of(tb, v[F_CONSTRAINT_NAME]) : NULL;
	if (!fk) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	tb->sources |= BP_SRC_TSV;
	fk->on_delete = del;
	fk->on_update = upd;
	if (!fk->ref_table && v[F_REFERENCED_TABLE_NAME]) {
		const char *rdb = v[F_UNIQUE_CONSTRAINT_SCHEMA] ? v[F_UNIQUE_CONSTRAINT_SCHEMA] : v[F_CONSTRAINT_SCHEMA];
		if (!(fk->ref_table = bp_strdup0(v[F_REFERENCED_TABLE_NAME])) || !(fk->ref_db = bp_strdup0(rdb)))
			t->rc = -BP_E_NOMEM;
	}
}

static void tables_row(tload *t)
{
	const char **v = t->val;
	int64_t rows, avg, data, index;
	if (!need(t, (const int[]){ F_TABLE_SCHEMA, F_TABLE_NAME, -1 }) || !count_of(t, F_TABLE_ROWS, &rows, -1) ||
	    !count_of(t, F_AVG_ROW_LENGTH, &avg, 0) || !count_of(t, F_DATA_LENGTH, &data, 0) ||
	    !count_of(t, F_INDEX_LENGTH, &index, 0))
		return;
	bp_sch_table *tb = bp_sch__table(t->s, v[F_TABLE_SCHEMA], v[F_TABLE_NAME], true);
	if (!tb) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	tb->sources |= BP_SRC_TSV;
	const char *type = v[F_TABLE_TYPE] ? v[F_TABLE_TYPE] : "";
	tb->is_view = strcasecmp(type, "VIEW") == 0 || strcasecmp(type, "SYSTEM VIEW") == 0;
	if (v[F_ENGINE]) {
		free(tb->engine);
		if (!(tb->engine = bp_strdup0(v[F_ENGINE])))
			t->rc = -BP_E_NOMEM;
	}
	if (rows >= 0)
		tb->stats = (bp_sch_stats){ true, rows, avg, data, index };
	if (t->at[F_CREATE_OPTIONS] >= 0)
		tb->partitioned = bp_sch__has_word(v[F_CREATE_OPTIONS], "partitioned");
}

/* ---- applying a section's sorted rows ------------------------------------------------ */

static int cmp_colrow(const void *a, const void *b)
{
	const colrow *x = a, *y = b;
	int c = strcmp(x->db, y->db);
	if (!c)
		c = strcmp(x->table, y->table);
	if (!c)
		c = x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* Put one COLUMNS row into tb: replace a same-named column in place, or append
 * and move to ORDINAL_POSITION. */
static void apply_column(tload *t, bp_sch_table *tb, const colrow *r)
{
	uint32_t i;
	bp_sch_column *c = bp_sch_find_column(tb, r->r.name, &i);
	if (c) {
		bp_sch_column_release(c);
		c->nullable = true;
		c->precision = c->scale = c->fsp = -1;
		if (!(c->name = bp_strdup0(r->r.name))) {
			t->rc = -BP_E_NOMEM;
			return;
		}
	} else {
		if (!(c = bp_sch_add_column(tb, r->r.name))) {
			t->rc = -BP_E_NOMEM;
			return;
		}
		uint32_t last = tb->n_columns - 1;
		if (r->ordinal >= 1 && (uint64_t)r->ordinal - 1 < last) {
			uint32_t to = (uint32_t)r->ordinal - 1;
			bp_sch_column moved = tb->columns[last];
			memmove(&tb->columns[to + 1], &tb->columns[to], (last - to) * sizeof(bp_sch_column));
			tb->columns[to] = moved;
			c = &tb->columns[to];
		}
	}
	int rc = bp_sch__column_from_row(c, &r->r);
	if (rc == -2)
		t->rc = -BP_E_NOMEM;
	else if (rc == -1)
		bp_sch_diag_report(t->diag, t->path, r->r.line, r->r.col, "column `%s` of `%s`.`%s`: unknown type `%s`",
				   r->r.name, r->db, r->table, r->r.type);
}

static void apply_columns(tload *t)
{
	if (!t->cols.n)
		return; /* (qsort wants a non-NULL array) */
	colrow *v = t->cols.v;
	qsort(v, t->cols.n, sizeof(*v), cmp_colrow);
	bp_sch_table *tb = NULL;
	for (size_t i = 0; i < t->cols.n && !t->rc; i++) {
		if (!i || strcmp(v[i].db, v[i - 1].db) || strcmp(v[i].table, v[i - 1].table)) {
			if (!(tb = bp_sch__table(t->s, v[i].db, v[i].table, true))) {
				t->rc = -BP_E_NOMEM;
				break;
			}
			tb->sources |= BP_SRC_TSV;
		}
		apply_column(t, tb, &v[i]);
	}
}

static int cmp_keyrow_table(const void *a, const void *b)
{
	const keyrow *x = a, *y = b;
	int c = strcmp(x->db, y->db);
	if (!c)
		c = strcmp(x->table, y->table);
	return c ? c : (x->r.order < y->r.order ? -1 : x->r.order > y->r.order);
}

static void apply_indexes(tload *t)
{
	if (!t->keys.n)
		return;
	keyrow *v = t->keys.v;
	qsort(v, t->keys.n, sizeof(*v), cmp_keyrow_table);
	bp_sch__keyrow *parts = malloc((t->keys.n ? t->keys.n : 1) * sizeof(*parts));
	if (!parts) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	for (size_t i = 0, j; i < t->keys.n && !t->rc; i = j) {
		/* rows i..j are one table's */
		for (j = i; j < t->keys.n && !strcmp(v[j].db, v[i].db) && !strcmp(v[j].table, v[i].table); j++)
			parts[j - i] = v[j].r;
		bp_sch_table *tb = bp_sch__table(t->s, v[i].db, v[i].table, true);
		if (!tb || bp_sch__add_indexes(tb, parts, j - i, t->path, t->diag))
			t->rc = -BP_E_NOMEM;
		else
			tb->sources |= BP_SRC_TSV;
	}
	free(parts);
}

static int cmp_fkrow(const void *a, const void *b)
{
	const fkrow *x = a, *y = b;
	int c = strcmp(x->db, y->db);
	if (!c)
		c = strcmp(x->table, y->table);
	if (!c)
		c = strcmp(x->name, y->name);
	if (!c)
		c = x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
	return c ? c : (x->order < y->order ? -1 : x->order > y->order);
}

/* One foreign key from its rows r[0..n): replaces the pairs of a same-named key,
 * keeping the rules REFERENTIAL_CONSTRAINTS may have set. */
static void apply_fk(tload *t, const fkrow *r, size_t n)
{
	bp_sch_table *tb = bp_sch__table(t->s, r->db, r->table, true);
	if (!tb) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	tb->sources |= BP_SRC_TSV;
	uint32_t old = UINT32_MAX;
	for (uint32_t i = 0; i < tb->n_fks; i++)
		if (strcmp(tb->fks[i].name, r->name) == 0)
			old = i;
	bp_sch_fk *fk = bp_sch_add_fk(tb, r->name);
	if (!fk || !(fk->ref_db = bp_strdup0(r->ref_db)) || !(fk->ref_table = bp_strdup0(r->ref_table))) {
		t->rc = -BP_E_NOMEM;
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (r[k].ordinal && r[k].ordinal != (int64_t)k + 1)
			bp_sch_diag_report(t->diag, t->path, r[k].line, r[k].col,
					   "foreign key `%s` of `%s`: ORDINAL_POSITION %lld where %zu was expected", r->name,
					   r->table, (long long)r[k].ordinal, k + 1);
		if (bp_sch_fk_add_pair(fk, r[k].column, r[k].ref_column)) {
			t->rc = -BP_E_NOMEM;
			return;
		}
	}
	if (old != UINT32_MAX) {
		/* keep the old key's rules, move the new key into its place */
		uint32_t last = tb->n_fks - 1;
		fk->on_delete = tb->fks[old].on_delete;
		fk->on_update = tb->fks[old].on_update;
		bp_sch_fk tmp = tb->fks[old];
		tb->fks[old] = tb->fks[last];
		tb->fks[last] = tmp;
		bp_sch_remove_fk(tb, last);
	}
}

static void apply_fks(tload *t)
{
	if (!t->fks.n)
		return;
	fkrow *v = t->fks.v;
	qsort(v, t->fks.n, sizeof(*v), cmp_fkrow);
	for (size_t i = 0, j; i < t->fks.n && !t->rc; i = j) {
		for (j = i + 1; j < t->fks.n && !strcmp(v[j].db, v[i].db) && !strcmp(v[j].table, v[i].table) &&
				!strcmp(v[j].name, v[i].name);
		     j++)
			;
		apply_fk(t, v + i, j - i);
	}
}

/* End of a section: apply what was collected, forget its rows and strings. */
static void section_end(tload *t)
{
	if (!t->rc) {
		if (t->k == K_COLUMNS)
			apply_columns(t);
		else if (t->k == K_STATISTICS)
			apply_indexes(t);
		else if (t->k == K_KEY_COLUMN_USAGE)
			apply_fks(t);
	}
	t->cols.n = t->keys.n = t->fks.n = 0;
	bp_arena_reset(&t->arena);
	t->k = K_NONE;
}

/* A header line: start a new section, or report what is missing. */
static void section_start(tload *t, const char **start, const size_t *len, unsigned n)
{
	section_end(t);
	kind k = header_kind(start, len, n, t->at);
	t->ncols = n;
	if (k == K_NONE) {
		bp_sch_diag_report(t->diag, t->path, t->line, 1,
				   "header names no information_schema table this loader reads (COLUMNS, STATISTICS, "
				   "KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, TABLES); section skipped");
		return;
	}
	for (const int *f = required[k]; *f >= 0; f++)
		if (t->at[*f] < 0) {
			bp_sch_diag_report(t->diag, t->path, t->line, 1, "%s header without %s; section skipped",
					   kind_names[k], field_names[*f]);
			return;
		}
	t->k = k;
}

/* One data line of the current section. */
static void data_line(tload *t, const char *line, const char **start, const size_t *len, unsigned n)
{
	if (t->k == K_NONE)
		return;
	if (n != t->ncols) {
		size_t col = n > t->ncols ? (t->ncols < MAXF ? (size_t)(start[t->ncols] - line) : 0)
					  : (size_t)(start[n - 1] + len[n - 1] - line);
		bp_sch_diag_report(t->diag, t->path, t->line, (unsigned)col + 1, "%u fields where the header has %u, row skipped",
				   n, t->ncols);
		return;
	}
	for (int f = 0; f < F__COUNT; f++) {
		int i = t->at[f];
		t->val[f] = i >= 0 ? unescape(t, start[i], len[i]) : NULL;
		t->vcol[f] = i >= 0 ? (unsigned)(start[i] - line) + 1 : 0;
	}
	/* a name that is never SQL NULL in information_schema: the text "NULL" is a name
	 * (a column called NULL); COLUMN_NAME is NULL in STATISTICS for functional parts */
	static const int names[] = { F_TABLE_SCHEMA, F_TABLE_NAME, F_INDEX_NAME, F_CONSTRAINT_NAME };
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		int i = t->at[names[k]];
		if (i >= 0 && !t->val[names[k]])
			t->val[names[k]] = unescape_text(t, start[i], len[i]);
	}
	if (t->k == K_COLUMNS && t->at[F_COLUMN_NAME] >= 0 && !t->val[F_COLUMN_NAME])
		t->val[F_COLUMN_NAME] = unescape_text(t, start[t->at[F_COLUMN_NAME]], len[t->at[F_COLUMN_NAME]]);
	if (t->rc)
		return;
	switch (t->k) {
	case K_COLUMNS: column_row(t); break;
	case K_STATISTICS: statistics_row(t); break;
	case K_KEY_COLUMN_USAGE: kcu_row(t); break;
	case K_REFERENTIAL_CONSTRAINTS: rc_row(t); break;
	case K_TABLES: tables_row(t); break;
	default: break;
	}
}

int bp_schema_load_tsv(bp_schema *s, const char *text, size_t n, const char *path, bp_sch_diag *diag)
{
	tload t = { .s = s, .path = path, .diag = diag };
	bp_arena_init(&t.arena, 64 << 10);
	const char *start[MAXF];
	size_t len[MAXF];
	size_t off = 0;
	if (n >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	bool first = true;
	for (t.line = 1; off < n && !t.rc; t.line++) {
		const char *p = text + off, *nl = memchr(p, '\n', n - off);
		size_t ln = nl ? (size_t)(nl - p) : n - off;
		off += ln + (nl ? 1 : 0);
		if (ln && p[ln - 1] == '\r')
			ln--;
		if (!ln)
			continue;
		unsigned nf = split(p, ln, start, len, MAXF);
		unsigned kept = nf < MAXF ? nf : MAXF;
		if (first || looks_like_header(start, len, kept))
			section_start(&t, start, len, kept);
		else
			data_line(&t, p, start, len, nf > MAXF ? MAXF + 1 : nf);
		first = false;
	}
	section_end(&t);
	free(t.cols.v);
	free(t.keys.v);
	free(t.fks.v);
	bp_arena_release(&t.arena);
	return t.rc;
}
