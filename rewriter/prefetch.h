/*
 * prefetch.h: the rules that turn one write into the read-only lookups that
 * warm the pages its apply will read, and the classification of that write.
 *
 * What InnoDB's apply of a write reads (and so what is warmed):
 *
 *   write            clustered index          secondary index S             foreign keys
 *   INSERT           leaf where the row goes  leaf where each new entry     parent row of each FK
 *                    (none for an auto-inc    goes; UNIQUE: the duplicate   (its referenced index)
 *                    tail: already hot)       check reads the same leaf
 *   UPDATE           the row (before image);  S changed (any of its        parent of a changed FK;
 *                    the new place if the PK  columns or the PK): old       children (their FK index)
 *                    changed                  entry and new entry           of a changed referenced key
 *   DELETE           the row                  every old entry              children of the row
 *
 * The clustered index is the PRIMARY KEY, else InnoDB's choice: the first
 * UNIQUE index whose columns are all NOT NULL. Secondary entries carry the
 * clustered key, so a lookup appends its columns: the read lands on the exact
 * leaf even in a low-cardinality index. A table with neither is found by the
 * replica through its first usable index, else by a scan: class scan, reason
 * no-pk.
 *
 * Row-based writes come with their images (rows.c: bp_pf_rows); statement-
 * based writes come as parsed statements (stmt.c: bp_pf_statement) whose
 * constant INSERT rows become images too, and whose UPDATE/DELETE WHERE is
 * copied into bounded SELECTs. Lookups go to the emitter (rewriter/emit.h),
 * which deduplicates, batches, guards and writes them.
 */
#ifndef BP_REWRITER_PREFETCH_H
#define BP_REWRITER_PREFETCH_H

#include <stdbool.h>
#include <stdint.h>

#include "../analyzer/event.h"
#include "../analyzer/schema.h"
#include "../common/arena.h"
#include "../common/buf.h"

/* Statement classes, in report order. */
#define BP_PF_CLASSES(X) \
	X(PK_POINT, "pk-point") \
	X(UNIQUE_POINT, "unique-point") \
	X(SECONDARY_POINT, "secondary-point") \
	X(RANGE, "range") \
	X(SCAN, "scan") \
	X(INSERT_APPEND, "insert-append") \
	X(INSERT_RANDOM, "insert-random") \
	X(UPSERT, "upsert") \
	X(DDL, "ddl") \
	X(LOAD, "load") \
	X(OTHER, "other")

typedef enum bp_pf_class {
#define X(id, name) BP_C_##id,
	BP_PF_CLASSES(X)
#undef X
	BP_C__COUNT
} bp_pf_class;

const char *bp_pf_class_name(unsigned cls);

typedef enum bp_pf_level { BP_PF_FULL = 0, BP_PF_PARTIAL, BP_PF_NONE, BP_PF__COUNT } bp_pf_level;
const char *bp_pf_level_name(unsigned level);

/* Reason codes (bits): why a write is not (fully) prefetchable, or a notable shape. */
#define BP_PF_REASONS(X) \
	X(NO_PK, "no-pk")                     /* no primary key nor unique NOT NULL key */ \
	X(UNPARSED, "unparsed")               /* the statement did not parse */ \
	X(GUARD, "guard-skipped")             /* a lookup was over --max-rows / --max-selectivity */ \
	X(MISMATCH, "schema-mismatch")        /* TABLE_MAP and schema disagree */ \
	X(NO_SCHEMA, "no-schema")             /* the table is unknown to the schema */ \
	X(SEQUENTIAL, "sequential-insert")    /* auto-increment tail: pages already hot */ \
	X(NO_VALUE, "value-unknown")          /* a key value is missing (minimal image, non-constant) */ \
	X(NO_LITERAL, "value-not-literal")    /* a key value has no exact literal (JSON, NaN...) */ \
	X(NOT_COPYABLE, "where-not-copyable") /* WHERE with subqueries, unknown functions... */ \
	X(MULTI_TABLE, "multi-table")         /* multi-table UPDATE/DELETE */ \
	X(INSERT_SELECT, "insert-select") \
	X(LOAD, "load-data") \
	X(DDL, "ddl") \
	X(CASCADE, "fk-cascade")              /* cascaded child rows: only their FK index is warmed */ \
	X(UNDECODED, "rows-not-decoded") \
	X(NONDETERMINISTIC, "nondeterministic")

enum {
#define X(id, name) BP_RB_##id,
	BP_PF_REASONS(X)
#undef X
	BP_R__COUNT
};
#define X(id, name) BP_R_##id = 1u << BP_RB_##id,
enum { BP_PF_REASONS(X) };
#undef X

const char *bp_pf_reason_name(unsigned bit);

/* Roles of a lookup (the last word of each script line's comment). */
typedef enum bp_pf_role {
	BP_ROLE_BEFORE = 0, /* keys of the row as it was (UPDATE, DELETE) */
	BP_ROLE_AFTER,      /* keys of the new row (INSERT, UPDATE) */
	BP_ROLE_UNIQUE,     /* the duplicate-key check of a UNIQUE index */
	BP_ROLE_FK_PARENT,
	BP_ROLE_FK_CHILD,
	BP_ROLE_WHERE,      /* a statement's WHERE as a SELECT */
	BP_ROLE__COUNT
} bp_pf_role;
const char *bp_pf_role_name(unsigned role);

#define BP_PF_MAX_COLS 64

/* One lookup: an equality on leading columns of one index. */
typedef struct bp_pf_key {
	const bp_sch_table *table;
	const bp_sch_index *index;
	uint8_t role;
	bool clustered;          /* index is the clustered index: SELECT 1 reads the row */
	uint32_t n;
	const char *col[BP_PF_MAX_COLS];
	const char *val[BP_PF_MAX_COLS]; /* literal text; NULL for SQL NULL (IS NULL) */
	double rows;             /* rows the lookup is expected to read */
} bp_pf_key;

/*
 * The classification of one write, for the reports. Index entries the apply
 * touches (needed) vs those the generated reads warm (warmed): one per index
 * per image (old and new entries count separately), FK reads included.
 */
typedef struct bp_pf_verdict {
	uint8_t cls;             /* bp_pf_class */
	uint8_t level;           /* bp_pf_level */
	uint32_t reasons;        /* BP_R_* */
	uint32_t needed, warmed;
	uint32_t lookups;        /* lookups produced (before dedup/guards) */
	uint32_t guarded;        /* lookups skipped by the guards */
	/* statements: the table written (NULL when none or unknown; valid until the next statement)
	 * and the kind: 'I' insert/replace/load, 'U' update, 'D' delete, 'S' anything else */
	const char *db, *table;
	char kind;
} bp_pf_verdict;

/* The emitter (rewriter/emit.h). */
typedef struct bp_emit bp_emit;

/*
 * Context kept across the events of a log: the schema, the statement-based
 * session state (INTVAR, USER_VAR), and per-table memory for the sequential-
 * insert test. Owned by the caller; bp_pf_ctx_release frees what it holds.
 */
typedef struct bp_pf_uservar {
	char *name;
	char *lit;               /* literal text, NULL for NULL */
} bp_pf_uservar;

typedef struct bp_pf_plans bp_pf_plans; /* per-table plans (prefetch.c) */

typedef struct bp_pf_ctx {
	bp_schema *schema;
	bp_emit *emit;
	bp_arena arena;          /* per write: literal texts, images, parse trees */
	bp_buf tmp;
	uint64_t max_where_rows; /* LIMIT on WHERE-derived reads (--max-rows) */
	uint8_t force_cls;       /* a class the statement imposes on its rows (upsert), or BP_C__COUNT */
	/* statement-based context, from the events before a QUERY */
	bool has_insert_id, has_last_insert_id;
	uint64_t insert_id, last_insert_id;
	uint32_t n_uservars, cap_uservars;
	bp_pf_uservar *uservars;
	uint64_t schema_generation; /* bumped when DDL changed the model */
	bp_pf_plans *plans;
} bp_pf_ctx;

void bp_pf_ctx_init(bp_pf_ctx *c, bp_schema *s, bp_emit *e);
void bp_pf_ctx_release(bp_pf_ctx *c);
/* Tell the context the schema changed (DDL applied): FK maps are rebuilt. */
static inline void bp_pf_schema_changed(bp_pf_ctx *c) { c->schema_generation++; }
/* INTVAR / USER_VAR events before a QUERY; cleared after the next statement. */
void bp_pf_intvar(bp_pf_ctx *c, const bp_ev_intvar *iv);
void bp_pf_uservar_event(bp_pf_ctx *c, const bp_ev_user_var *uv);
void bp_pf_statement_done(bp_pf_ctx *c);

/*
 * One row of a row event: rules applied, lookups sent to the emitter, *v
 * filled. names_ok: the tracker found the table in the schema and its
 * TABLE_MAP agrees (else the write is classified without lookups).
 */
void bp_pf_row(bp_pf_ctx *c, const bp_ev_rows *ev, const bp_row *row, const bp_sch_table *t, bp_pf_verdict *v);

/* A write whose table cannot be used (why: BP_R_NO_SCHEMA, BP_R_MISMATCH,
 * BP_R_UNDECODED): classified from the event kind alone, nothing generated. */
void bp_pf_unusable(unsigned rows_kind, uint32_t why, bp_pf_verdict *v);

/*
 * One QUERY event's statement (already known not to be DDL applied by the
 * tracker): parsed, classified, lookups sent. Returns true when it was a write
 * (DML, LOAD, DDL, or a statement that did not parse) and *v is filled; false
 * for transaction control, SET and the like. *kind gets the bp_dml_kind.
 */
bool bp_pf_statement(bp_pf_ctx *c, const bp_ev_query *q, uint32_t server_version, bp_pf_verdict *v,
		     unsigned *kind);

/* The clustered index of t (PRIMARY, else the first UNIQUE all-NOT-NULL), or NULL. */
const bp_sch_index *bp_pf_clustered(const bp_sch_table *t);

#endif
