/*
 * opts.h: table-driven command-line options (one bp_opt[] per subcommand).
 *
 * GNU style: --name=value, --name value, -x value, -x, "--" ends options;
 * operands may come between options. The same table renders the --help text.
 */
#ifndef BP_COMMON_OPTS_H
#define BP_COMMON_OPTS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "err.h"

typedef enum {
	BP_OPT_FLAG,   /* bool *dest = true */
	BP_OPT_STR,    /* const char **dest (borrowed from argv) */
	BP_OPT_U64,    /* uint64_t *dest */
	BP_OPT_CHOICE, /* int *dest = index in choices "a|b|c" */
	BP_OPT_LIST,   /* bp_strlist *dest, repeatable */
} bp_opt_type;

typedef struct bp_strlist {
	const char **v;
	size_t n, cap;
} bp_strlist;

typedef struct bp_opt {
	const char *lng;      /* long name without "--" */
	char shrt;            /* short letter or 0 */
	bp_opt_type type;
	void *dest;
	const char *arg;      /* argument name for help ("POS"), NULL for flags */
	const char *help;     /* one line */
	const char *choices;  /* BP_OPT_CHOICE: "text|json" */
	bool *seen;           /* optional: set when the option was given */
} bp_opt;

/*
 * Parse argv[first..argc) against opts (terminated by a {NULL} row).
 * Operands are appended to *operands. "--help"/"-h" sets *help.
 * Returns 0, or -BP_E_USAGE with err filled.
 */
int bp_opts_parse(const bp_opt *opts, int argc, char **argv, int first, bp_strlist *operands, bool *help,
		  bp_err *err);

/* Print "usage: binprime CMD SYNOPSIS", the summary and the option table. */
void bp_opts_help(FILE *fp, const char *cmd, const char *synopsis, const char *summary, const bp_opt *opts);

int bp_strlist_push(bp_strlist *l, const char *s);
void bp_strlist_release(bp_strlist *l);

#endif
