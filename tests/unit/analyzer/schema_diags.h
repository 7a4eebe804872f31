/*
 * schema_diags.h: collects the diagnostics of a schema load for the schema
 * test suites (line, column and text of the first 32).
 */
#ifndef BP_TESTS_SCHEMA_DIAGS_H
#define BP_TESTS_SCHEMA_DIAGS_H

#include <stdio.h>
#include <string.h>

#include "analyzer/schema.h"

typedef struct diags {
	bp_sch_diag d;
	unsigned n;
	unsigned line[32], col[32];
	char msg[32][300];
} diags;

static inline void on_diag(void *ctx, const char *path, unsigned line, unsigned col, const char *msg)
{
	diags *g = ctx;
	(void)path;
	if (g->n < 32) {
		g->line[g->n] = line;
		g->col[g->n] = col;
		snprintf(g->msg[g->n], sizeof(g->msg[0]), "%s", msg);
	}
	g->n++;
}

static inline void diags_init(diags *g)
{
	memset(g, 0, sizeof(*g));
	g->d.report = on_diag;
	g->d.ctx = g;
}

#endif
