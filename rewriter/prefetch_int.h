/*
 * prefetch_int.h: what prefetch.c (plans, images, row rules) shares with
 * prefetch_stmt.c (statement rules). Not for other modules.
 */
#ifndef BP_REWRITER_PREFETCH_INT_H
#define BP_REWRITER_PREFETCH_INT_H

#include "prefetch.h"

/* A foreign key seen from one side, resolved to column numbers and indexes. */
typedef struct pf_fk {
	const bp_sch_fk *fk;
	const bp_sch_table *child, *parent;
	const bp_sch_index *child_ix;   /* the child's index led by the FK columns (NULL: none) */
	const bp_sch_index *parent_ix;  /* the parent's index led by the referenced columns */
	uint32_t n;
	int32_t child_col[BP_PF_MAX_COLS];  /* column numbers in child / parent */
	int32_t parent_col[BP_PF_MAX_COLS];
} pf_fk;

/* An index with its key parts resolved to column numbers (-1: functional part). */
typedef struct pf_index {
	const bp_sch_index *ix;
	uint32_t n;
	int32_t col[BP_PF_MAX_COLS];
	bool searchable;                /* B-tree (not FULLTEXT/SPATIAL), every part a column */
} pf_index;

/* Everything the rules need about one table, computed once per schema generation. */
typedef struct pf_plan {
	const bp_sch_table *t;
	const pf_index *cl;             /* clustered index, or NULL (hidden row id) */
	uint32_t n_ix;
	pf_index *ix;                   /* all indexes, the clustered one included */
	uint32_t n_fk, n_ref;
	pf_fk *fk;                      /* t is the child */
	pf_fk *ref;                     /* t is the parent */
	int32_t auto_inc_col;           /* the single-column auto-increment PK, or -1 */
	const struct bp_expr **gen;     /* per column: the generation expression (parsed, copyable), or NULL */
	bool has_tail;
	uint64_t tail;                  /* highest auto-increment value seen */
} pf_plan;

pf_plan *pf_plan_get(bp_pf_ctx *c, const bp_sch_table *t);

/*
 * An image: the literal text of each column of a row, computed on demand
 * (row images) or filled up front (statement values). st[i]: 0 not computed,
 * 1 value, 2 NULL, 3 unknown. An image may fall back to another for columns
 * it does not hold (the after image of a minimal UPDATE).
 */
enum { IMG_TODO = 0, IMG_VALUE, IMG_NULL, IMG_UNKNOWN };

typedef struct pf_image {
	uint32_t n;
	const char **lit;
	uint8_t *st;
	uint32_t why;                   /* reason bits of unknown columns met */
	const bp_value *vals;           /* row images: values, presence, columns */
	const bool *present;
	const bp_column *cols;
	const bp_sch_table *t;
	struct pf_image *fallback;
} pf_image;

int pf_image_init(bp_pf_ctx *c, pf_image *im, const bp_sch_table *t);
/* 1 value (*lit), 0 NULL, -1 unknown */
int pf_image_get(bp_pf_ctx *c, pf_image *im, int32_t col, const char **lit);

/* Rules shared by rows and statements: one write on table plan p. */
void pf_rule_insert(bp_pf_ctx *c, pf_plan *p, pf_image *after, bool generated_tail, bp_pf_verdict *v);

/* Reads for the rows an ON DELETE CASCADE / SET NULL of foreign key f reaches;
 * parent_rows: a derived table `bp_row` of the parent rows (prefetch_stmt.c). */
void pf_cascade(bp_pf_ctx *c, const pf_fk *f, const char *parent_rows, size_t len, unsigned depth,
		bp_pf_verdict *v);

void pf_finish_verdict(bp_pf_verdict *v);
/* Set the write's class (and tell the emitter, for the lines' comments). */
void pf_set_class(bp_pf_ctx *c, bp_pf_verdict *v, unsigned cls);

#endif
