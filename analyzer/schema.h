/*
 * schema.h: the schema model — databases' tables with their columns, keys,
 * foreign keys and statistics — loaded from dumps and kept true as DDL passes
 * through the log.
 *
 * Sources (bp_schema_load_file detects the form from the content):
 *   SQL   mysqldump / mariadb-dump (--no-data or full: data is skipped)  schema_sql.c
 *   XML   mysqldump --xml <table_structure>                              schema_xml.c
 *   TSV   information_schema extracts with a header line                 schema_tsv.c
 *   log   TABLE_MAP optional metadata fills what no dump gave            schema_log.c
 * DDL from QUERY events (CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE, CREATE/DROP
 * INDEX) is applied with bp_schema_apply_sql, the same parser as the SQL dumps.
 *
 * Ownership: the schema owns its tables; a table owns every string and array
 * in it (malloc'd, freed by bp_sch_table_free). Pointers into a table are valid
 * until the table is replaced or dropped (an ALTER replaces it).
 */
#ifndef BP_ANALYZER_SCHEMA_H
#define BP_ANALYZER_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/err.h"

typedef enum bp_fk_action {
	BP_FK_UNSPECIFIED = 0, /* the server's default: RESTRICT */
	BP_FK_RESTRICT,
	BP_FK_CASCADE,
	BP_FK_SET_NULL,
	BP_FK_NO_ACTION,
	BP_FK_SET_DEFAULT,
} bp_fk_action;

typedef enum bp_index_kind {
	BP_IDX_PRIMARY = 0,
	BP_IDX_UNIQUE,
	BP_IDX_KEY,
	BP_IDX_FULLTEXT,
	BP_IDX_SPATIAL,
} bp_index_kind;

typedef struct bp_sch_column {
	char *name;
	char *type;            /* as SHOW CREATE TABLE writes it, lower case: "varchar(64)", "int unsigned",
			        * "decimal(10,2)", "enum('a','b')", "datetime(3)" */
	char *base;            /* the type word alone: "varchar", "int", "decimal", "enum" */
	uint8_t binlog_type;   /* bp_coltype the server writes in TABLE_MAP (0 = unknown) */
	bool nullable;
	bool is_unsigned, zerofill, auto_increment, invisible;
	bool generated, generated_stored;
	char *generated_expr;  /* or NULL */
	char *charset, *collation; /* or NULL */
	char *default_value;   /* text as written (NULL: no DEFAULT clause) */
	char *comment;
	uint32_t length;       /* (N) of char/varchar/binary/bit/int display, 0 if none */
	int32_t precision, scale; /* decimal(p,s), float(p,s); -1 if none */
	int32_t fsp;           /* fractional seconds of time/datetime/timestamp, -1 if none */
	uint32_t n_values;     /* enum/set members */
	char **values;
} bp_sch_column;

typedef struct bp_sch_keypart {
	char *column;          /* NULL for a functional key part */
	char *expr;            /* functional key part expression, or NULL */
	uint32_t prefix;       /* prefix length in characters (0 = whole column) */
	bool desc;
	int64_t cardinality;   /* from statistics, -1 unknown */
} bp_sch_keypart;

typedef struct bp_sch_index {
	char *name;            /* "PRIMARY" for the primary key */
	bp_index_kind kind;
	uint32_t n_parts;
	bp_sch_keypart *parts;
	bool invisible;
} bp_sch_index;

typedef struct bp_sch_fk {
	char *name;
	uint32_t n_columns;
	char **columns;
	char *ref_db;          /* the referencing table's db when the clause names none */
	char *ref_table;
	char **ref_columns;    /* n_columns of them */
	bp_fk_action on_delete, on_update;
} bp_sch_fk;

typedef struct bp_sch_stats {
	bool has_rows;
	int64_t rows, avg_row_length, data_length, index_length;
} bp_sch_stats;

/* where a table's definition came from (bits) */
#define BP_SRC_SQL 0x01
#define BP_SRC_XML 0x02
#define BP_SRC_TSV 0x04
#define BP_SRC_LOG_DDL 0x08   /* created or changed by DDL in a log */
#define BP_SRC_TABLE_MAP 0x10 /* known only from TABLE_MAP metadata */

typedef struct bp_sch_table {
	char *db, *name;
	uint32_t n_columns;
	bp_sch_column *columns;
	uint32_t n_indexes;    /* the primary key, when there is one, is indexes[0] */
	bp_sch_index *indexes;
	uint32_t n_fks;
	bp_sch_fk *fks;
	bp_sch_stats stats;
	char *engine;
	bool partitioned;
	bool is_view;
	unsigned sources;      /* BP_SRC_* */
	/* capacities of the arrays above (owned, grown by the bp_sch_* adders) */
	uint32_t cap_columns, cap_indexes, cap_fks;
} bp_sch_table;

typedef struct bp_schema bp_schema;

bp_schema *bp_schema_new(void);
void bp_schema_free(bp_schema *s);

/* Find a table (case-sensitive names, as on Linux servers). NULL if unknown. */
bp_sch_table *bp_schema_lookup(const bp_schema *s, const char *db, const char *name);
/* Insert t (taking ownership), replacing and freeing a table of the same db.name. */
int bp_schema_put(bp_schema *s, bp_sch_table *t);
/* Remove and free; returns 0, or -1 when unknown. */
int bp_schema_drop(bp_schema *s, const char *db, const char *name);
/* Move db.name to ndb.nname (RENAME TABLE); -1 when unknown. */
int bp_schema_rename(bp_schema *s, const char *db, const char *name, const char *ndb, const char *nname);
/* Remove every table of a database (DROP DATABASE). */
void bp_schema_drop_db(bp_schema *s, const char *db);
/* A number that changes whenever a table is put, dropped or renamed: pointers
 * into tables and anything derived from them are stale once it moves. */
uint64_t bp_schema_generation(const bp_schema *s);
/* Tables sorted by db then name; *n set. The array is owned by s, valid until s changes. */
bp_sch_table *const *bp_schema_tables(bp_schema *s, size_t *n);

/* ---- building tables ----------------------------------------------------- */
bp_sch_table *bp_sch_table_new(const char *db, const char *name);
bp_sch_table *bp_sch_table_clone(const bp_sch_table *t);
void bp_sch_table_free(bp_sch_table *t);
/* Append a zeroed column/index/fk (owned by t); NULL when out of memory. */
bp_sch_column *bp_sch_add_column(bp_sch_table *t, const char *name);
bp_sch_index *bp_sch_add_index(bp_sch_table *t, const char *name, bp_index_kind kind);
bp_sch_keypart *bp_sch_add_keypart(bp_sch_index *ix, const char *column);
bp_sch_fk *bp_sch_add_fk(bp_sch_table *t, const char *name);
int bp_sch_fk_add_pair(bp_sch_fk *fk, const char *column, const char *ref_column);
/* Column by name (case-insensitive, as the server), or NULL; *index set when not NULL. */
bp_sch_column *bp_sch_find_column(const bp_sch_table *t, const char *name, uint32_t *index);
bp_sch_index *bp_sch_find_index(const bp_sch_table *t, const char *name, uint32_t *index);
const bp_sch_index *bp_sch_primary(const bp_sch_table *t);
/* Remove column/index/fk number i (shifting the rest). */
void bp_sch_remove_column(bp_sch_table *t, uint32_t i);
void bp_sch_remove_index(bp_sch_table *t, uint32_t i);
void bp_sch_remove_fk(bp_sch_table *t, uint32_t i);
/* Release the contents of one column (for replacing it in place). */
void bp_sch_column_release(bp_sch_column *c);
/* Set c->type/base/binlog_type/length/precision/scale/fsp/... from a type text
 * such as "varchar(64)" or "int(10) unsigned zerofill"; returns -1 if unknown. */
int bp_sch_column_set_type(bp_sch_column *c, const char *type_text);
/* Keep the primary key first; make sure index names are unique. */
void bp_sch_table_normalize(bp_sch_table *t);

/* String helpers: owned copies; NULL in gives NULL out. */
char *bp_strdup0(const char *s);
char *bp_strndup0(const char *s, size_t n);

/* ---- output ---------------------------------------------------------------- */
/* {"tables": [...]} as documented in docs/schema-format.md. */
void bp_schema_json(bp_buf *b, bp_schema *s);
/* Human-readable listing. */
void bp_schema_text(bp_buf *b, bp_schema *s);

/* ---- loading ----------------------------------------------------------------- */
/*
 * Diagnostics while loading: errors in a schema file give file, line, column and
 * what was expected; loading goes on with the next statement. The callback
 * receives each; *counts are kept in the struct.
 */
typedef struct bp_sch_diag {
	void (*report)(void *ctx, const char *path, unsigned line, unsigned col, const char *msg);
	void *ctx;
	unsigned errors, warnings;
} bp_sch_diag;

void bp_sch_diag_report(bp_sch_diag *d, const char *path, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

typedef enum { BP_SCH_FORM_UNKNOWN, BP_SCH_FORM_SQL, BP_SCH_FORM_XML, BP_SCH_FORM_TSV } bp_sch_form;
/* Detect the form from the first bytes of a file. */
bp_sch_form bp_schema_detect(const char *head, size_t n);

/* Load a file of any form. Returns 0, or -BP_E_IO / -BP_E_NOMEM; syntax errors go to diag. */
int bp_schema_load_file(bp_schema *s, const char *path, bp_sch_diag *diag, bp_err *err);
/* Load SQL text (a dump, or one statement). default_db: the USE context (may be NULL). */
int bp_schema_load_sql(bp_schema *s, const char *text, size_t n, const char *path, const char *default_db,
		       bp_sch_diag *diag);
int bp_schema_load_xml(bp_schema *s, const char *text, size_t n, const char *path, bp_sch_diag *diag);
int bp_schema_load_tsv(bp_schema *s, const char *text, size_t n, const char *path, bp_sch_diag *diag);

/*
 * Apply one statement from a QUERY event (default database db). Returns 1 when
 * it was DDL that changed the model, 0 when it was not DDL (or DDL on something
 * the model does not hold, e.g. a view), -1 when it looked like table DDL but
 * could not be parsed (message in msg).
 */
int bp_schema_apply_sql(bp_schema *s, const char *db, const char *sql, size_t n, char *msg, size_t msg_size);

#endif
