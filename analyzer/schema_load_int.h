/*
 * schema_load_int.h: what the XML and TSV schema loaders share (schema_load.c).
 *
 * Both forms describe a table the way SHOW COLUMNS / SHOW KEYS do: one row per
 * column (Field, Type, Null, Default, Extra, ...) and one row per key part
 * (Key_name, Seq_in_index, Column_name, Sub_part, Collation, ...). The loaders
 * turn their own syntax into these rows and the helpers here turn rows into
 * the model, so the two forms cannot drift apart. Not a public API.
 */
#ifndef BP_ANALYZER_SCHEMA_LOAD_INT_H
#define BP_ANALYZER_SCHEMA_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

/* One column as SHOW COLUMNS / information_schema.COLUMNS give it. Strings are
 * borrowed (NULL = SQL NULL / attribute absent). */
typedef struct bp_sch__colrow {
	const char *name, *type, *nullable; /* nullable: "YES" / "NO" */
	const char *default_value;          /* text as SHOW COLUMNS writes it */
	const char *extra, *comment;
	const char *generated_expr, *charset, *collation; /* TSV only */
	unsigned line, col;                 /* where the row is, for diagnostics */
} bp_sch__colrow;

/* Fill c (freshly added or released, name set) from r. Returns 0; -1 when the
 * type text is not a known type (c keeps what could be set); -2 out of memory. */
int bp_sch__column_from_row(bp_sch_column *c, const bp_sch__colrow *r);

/* One key part as SHOW KEYS / information_schema.STATISTICS give it. */
typedef struct bp_sch__keyrow {
	const char *index;       /* Key_name / INDEX_NAME */
	const char *column;      /* Column_name; NULL for a functional part */
	const char *expr;        /* MySQL 8 Expression / EXPRESSION, or NULL */
	const char *index_type;  /* BTREE, HASH, FULLTEXT, SPATIAL, ... */
	const char *collation;   /* "A", "D" (descending) or NULL */
	bool non_unique, invisible;
	uint32_t seq;            /* Seq_in_index, 1-based */
	uint32_t sub_part;       /* prefix length, 0 = whole column */
	int64_t cardinality;     /* -1 unknown */
	size_t order;            /* position in the input: first appearance orders indexes */
	unsigned line, col;
} bp_sch__keyrow;

/*
 * Add the indexes described by rows[0..n) (all of one table, in any order) to t:
 * rows are grouped by index name, parts ordered by seq, indexes by the first
 * appearance of their name. An index t already has by that name is replaced in
 * place. Sorts rows. Reports duplicate or missing key part numbers to diag.
 * Returns 0, or -1 when out of memory.
 */
int bp_sch__add_indexes(bp_sch_table *t, bp_sch__keyrow *rows, size_t n, const char *path, bp_sch_diag *diag);

/* Case-insensitive: does the comma/space separated list `text` hold `word`
 * ("VIRTUAL GENERATED" holds "virtual")? */
bool bp_sch__has_word(const char *text, const char *word);

/* Strict decimal integers (optional '-'); false on anything else. */
bool bp_sch__parse_i64(const char *s, int64_t *out);

/* Find db.name, or create it empty (and insert it) when create is set. NULL when
 * unknown and !create, or out of memory. */
bp_sch_table *bp_sch__table(bp_schema *s, const char *db, const char *name, bool create);

#endif
