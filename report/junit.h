/*
 * junit.h: JUnit XML for CI systems (written with libxml2's xmlTextWriter),
 * and the few helpers every reader of a "binprime-report/1" JSON report shares
 * (`diff`, the JUnit of one report, the HTML page).
 *
 * The JUnit form is the one Jenkins, GitLab and GitHub annotators read:
 * <testsuites><testsuite name tests failures skipped><testcase classname name>
 * with an optional <failure message type> or <skipped message>, and
 * <system-out>. Text from reports (table names) is made valid XML 1.0 first:
 * control characters become '?', and so does every non-ASCII byte of a name
 * that is not valid UTF-8.
 */
#ifndef BP_REPORT_JUNIT_H
#define BP_REPORT_JUNIT_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

#include "../common/err.h"

/* ---- reading reports ---------------------------------------------------- */

/*
 * Read a whole file ("-" = stdin) into *out (malloc'd, NUL-terminated, the
 * caller frees) and its length into *n. Returns 0 or -BP_E_IO / -BP_E_NOMEM.
 */
int bp_report_read_file(const char *path, char **out, size_t *n, bp_err *err);

/*
 * Parse json[0..n) as a binprime-report/1 object. name (a path, for messages)
 * may be NULL. Returns the tree (the caller cJSON_Deletes it), or NULL with err
 * set: -BP_E_CORRUPT when it is not a JSON object, -BP_E_UNSUPPORTED when its
 * "format" is not "binprime-report/1".
 */
cJSON *bp_report_parse(const char *json, size_t n, const char *name, bp_err *err);

/* The number at a dotted path ("totals.index_entries.coverage"); false when absent or not a number. */
bool bp_report_num(const cJSON *o, const char *path, double *out);
/* The string at a dotted path, or NULL. Borrowed from the tree. */
const char *bp_report_str(const cJSON *o, const char *path);

/* ---- JUnit -------------------------------------------------------------- */

typedef enum { BP_JUNIT_PASS, BP_JUNIT_FAIL, BP_JUNIT_SKIP } bp_junit_result;

typedef struct bp_junit_case {
	const char *classname; /* group shown by CI, e.g. "binprime.diff.tables" */
	const char *name;      /* e.g. "shop.orders" or "coverage-drop" */
	bp_junit_result result;
	const char *message;   /* the failure/skipped message (NULL: none) */
	const char *output;    /* <system-out> text (NULL: none) */
} bp_junit_case;

/*
 * Write one <testsuite name=suite> holding cases[0..n) to path ("-" = stdout).
 * Returns 0, or -BP_E_IO with err set.
 */
int bp_junit_write(const char *path, const char *suite, const bp_junit_case *cases, size_t n, bp_err *err);

/*
 * JUnit for one report (`analyze --junit`): one testcase per table
 * (classname "binprime.tables"), failed when the table's index-entry coverage
 * is below min_coverage percent (0 = never; a table whose writes touch no
 * index entry passes), and one testcase "verdict" (classname
 * "binprime.verdict") that passes and carries the verdict and its reasons in
 * <system-out>. Returns 0, or -BP_E_CORRUPT / -BP_E_UNSUPPORTED (bad report),
 * -BP_E_IO, -BP_E_NOMEM, with err set.
 */
int bp_junit_report(const char *report_json, size_t n, const char *path, double min_coverage, bp_err *err);

#endif
