/*
 * cmd_diff.c: `binprime diff BASE.json NEW.json` — compare two analyze reports
 * (binprime-report/1) for CI: what changed in coverage, prefetchable shares,
 * class mix, tables and verdict, checked against thresholds.
 *
 * Shares are compared in percentage points (100% -> 90% is a 10-point drop),
 * so a limit means the same on a small and a large workload. Three totals
 * have limits (coverage drop, unprefetchable rise, fully-prefetchable drop),
 * each table's coverage is held to the coverage limit, and a verdict change
 * fails only with --fail-on-verdict-change (a verdict is a summary of the
 * figures already checked). Exit 0 within the limits, 4 beyond them.
 */
#include "commands.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>

#include "../common/buf.h"
#include "../common/opts.h"
#include "junit.h"

static const char *const SYNOPSIS = "[--max-coverage-drop PCT] [--max-unprefetchable-rise PCT] [--max-full-drop PCT]\n"
				    "       [--fail-on-verdict-change] [--junit FILE.xml] [--format=text|json] BASE.json NEW.json";
static const char *const SUMMARY =
	"Compare two `binprime analyze --report` files (the baseline first) and print what\n"
	"changed: index-entry coverage and prefetchable shares (in percentage points), the\n"
	"class mix, tables that appeared or disappeared, per-table coverage, the verdict.\n"
	"Exit 0 when every change is within the limits (default 5 points each; a table's\n"
	"coverage is held to --max-coverage-drop), 4 when one is exceeded, 2 when a file is\n"
	"not a binprime-report/1. --junit writes one testcase per limit and per table.";

/* One limit on a total, in percentage points. */
typedef struct {
	const char *name;  /* testcase name */
	const char *label; /* for people */
	const char *path;  /* fraction in the report */
	int worse;         /* +1: a rise is worse, -1: a drop is worse */
	double limit;
	double base, cur;  /* percent */
	bool failed;
} check;

/* One table of either report. */
typedef struct {
	char *name; /* "db.table", owned */
	bool in_base, in_cur;
	double base_writes, cur_writes, base_touched, cur_touched, base_cov, cur_cov; /* coverage in percent */
	bool failed;
} table_change;

typedef struct {
	const char *base_path, *cur_path;
	cJSON *base, *cur;
	check checks[3];
	double table_limit;
	bool verdict_enforced;
	const char *base_verdict, *cur_verdict;
	table_change *tables;
	size_t n_tables;
	size_t failures;
} diff;

/* ---- loading ------------------------------------------------------------ */

static const char *const REQUIRED[] = {
	"totals.writes", "totals.transactions", "totals.index_entries.coverage", "totals.index_entries.touched",
	"totals.prefetchable.full_share", "totals.prefetchable.partial_share", "totals.prefetchable.none_share",
};

/* Parse one report and check the fields diff reads, so later code can rely on them. */
static cJSON *load(const char *path, bp_err *err)
{
	char *text = NULL;
	size_t n = 0;
	if (bp_report_read_file(path, &text, &n, err))
		return NULL;
	cJSON *root = bp_report_parse(text, n, path, err);
	free(text);
	if (!root)
		return NULL;
	double v;
	for (size_t i = 0; i < sizeof(REQUIRED) / sizeof(REQUIRED[0]); i++)
		if (!bp_report_num(root, REQUIRED[i], &v)) {
			BP_ERR_SET(err, BP_E_CORRUPT, "%s: %s is missing or not a number", path, REQUIRED[i]);
			goto bad;
		}
	if (!bp_report_str(root, "verdict.fit")) {
		BP_ERR_SET(err, BP_E_CORRUPT, "%s: verdict.fit is missing", path);
		goto bad;
	}
	const cJSON *arrays[] = { cJSON_GetObjectItemCaseSensitive(root, "tables"),
				  cJSON_GetObjectItemCaseSensitive(root, "classes") };
	for (size_t i = 0; i < 2; i++)
		if (!cJSON_IsArray(arrays[i])) {
			BP_ERR_SET(err, BP_E_CORRUPT, "%s: %s is missing or not an array", path, i ? "classes" : "tables");
			goto bad;
		}
	return root;
bad:
	cJSON_Delete(root);
	return NULL;
}

/* ---- comparing ---------------------------------------------------------- */

static double pct(const cJSON *o, const char *path)
{
	double v = 0;
	bp_report_num(o, path, &v);
	return v * 100;
}

static double num(const cJSON *o, const char *path)
{
	double v = 0;
	bp_report_num(o, path, &v);
	return v;
}

/* The change in points, positive when it is for the worse. */
static double worsening(const check *c)
{
	return (c->cur - c->base) * c->worse;
}

/* A tiny epsilon: reports round shares to 4 decimals, a limit of 0 must not trip on float noise. */
static bool exceeds(double change, double limit)
{
	return change > limit + 1e-9;
}

static void compare_totals(diff *d)
{
	for (size_t i = 0; i < 3; i++) {
		check *c = &d->checks[i];
		c->base = pct(d->base, c->path);
		c->cur = pct(d->cur, c->path);
		c->failed = exceeds(worsening(c), c->limit);
		d->failures += c->failed;
	}
	d->base_verdict = bp_report_str(d->base, "verdict.fit");
	d->cur_verdict = bp_report_str(d->cur, "verdict.fit");
	d->failures += d->verdict_enforced && strcmp(d->base_verdict, d->cur_verdict) != 0;
}

static bool verdict_changed(const diff *d)
{
	return strcmp(d->base_verdict, d->cur_verdict) != 0;
}

static char *table_name(const cJSON *t)
{
	const char *db = bp_report_str(t, "db"), *name = bp_report_str(t, "table");
	size_t n = strlen(db ? db : "") + strlen(name ? name : "?") + 2;
	char *s = malloc(n);
	if (s)
		snprintf(s, n, "%s.%s", db ? db : "", name ? name : "?");
	return s;
}

static table_change *find_table(diff *d, const char *name)
{
	for (size_t i = 0; i < d->n_tables; i++)
		if (strcmp(d->tables[i].name, name) == 0)
			return &d->tables[i];
	return NULL;
}

/* Add one report's tables to the union (side 0 = base, 1 = new). */
static int collect_tables(diff *d, const cJSON *root, int side, bp_err *err)
{
	const cJSON *t;
	cJSON_ArrayForEach(t, cJSON_GetObjectItemCaseSensitive(root, "tables")) {
		char *name = table_name(t);
		if (!name)
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		table_change *tc = find_table(d, name);
		if (tc) {
			free(name);
		} else {
			table_change *grown = realloc(d->tables, (d->n_tables + 1) * sizeof(*grown));
			if (!grown) {
				free(name);
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			}
			d->tables = grown;
			tc = &d->tables[d->n_tables++];
			memset(tc, 0, sizeof(*tc));
			tc->name = name;
		}
		double writes = num(t, "writes"), touched = num(t, "index_entries.touched"),
		       cov = pct(t, "index_entries.coverage");
		if (side == 0) {
			tc->in_base = true, tc->base_writes = writes, tc->base_touched = touched, tc->base_cov = cov;
		} else {
			tc->in_cur = true, tc->cur_writes = writes, tc->cur_touched = touched, tc->cur_cov = cov;
		}
	}
	return 0;
}

static void compare_tables(diff *d)
{
	for (size_t i = 0; i < d->n_tables; i++) {
		table_change *t = &d->tables[i];
		/* Coverage means something only where both runs' writes touch index entries. */
		bool comparable = t->in_base && t->in_cur && t->base_touched > 0 && t->cur_touched > 0;
		t->failed = comparable && exceeds(t->base_cov - t->cur_cov, d->table_limit);
		d->failures += t->failed;
	}
}

static bool table_changed(const table_change *t)
{
	return !t->in_base || !t->in_cur || fabs(t->cur_cov - t->base_cov) >= 0.005 || t->base_writes != t->cur_writes;
}

/* ---- text output -------------------------------------------------------- */

static void text_check(bp_buf *b, const check *c)
{
	bp_buf_addf(b, "  %-28s %7.1f%% %7.1f%% %+7.1f pts  (limit %.1f %s)  %s\n", c->label, c->base, c->cur,
		    c->cur - c->base, c->limit, c->worse > 0 ? "rise" : "drop", c->failed ? "FAIL" : "ok");
}

static void text_totals(bp_buf *b, const diff *d)
{
	bp_buf_addf(b, "binprime diff: %s -> %s\n\n%-30s %8s %8s %8s\n", d->base_path, d->cur_path, "totals", "base",
		    "new", "change");
	for (size_t i = 0; i < 3; i++)
		text_check(b, &d->checks[i]);
	double bp = pct(d->base, "totals.prefetchable.partial_share"), cp = pct(d->cur, "totals.prefetchable.partial_share");
	bp_buf_addf(b, "  %-28s %7.1f%% %7.1f%% %+7.1f pts\n", "partially prefetchable", bp, cp, cp - bp);
	const char *counts[][2] = { { "writes", "totals.writes" }, { "transactions", "totals.transactions" },
				    { "index entries touched", "totals.index_entries.touched" } };
	for (size_t i = 0; i < 3; i++)
		bp_buf_addf(b, "  %-28s %8.0f %8.0f\n", counts[i][0], num(d->base, counts[i][1]), num(d->cur, counts[i][1]));
	bool vc = verdict_changed(d);
	bp_buf_addf(b, "  %-28s %s -> %s  %s\n", "verdict", d->base_verdict, d->cur_verdict,
		    !vc ? "unchanged" : d->verdict_enforced ? "changed FAIL" : "changed (not enforced)");
}

static const cJSON *find_class(const cJSON *root, const char *cls)
{
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "classes")) {
		const char *name = bp_report_str(c, "class");
		if (name && strcmp(name, cls) == 0)
			return c;
	}
	return NULL;
}

/* The class's share of all writes, in percent (0 when absent). */
static double class_share(const cJSON *root, const cJSON *c)
{
	double total = num(root, "totals.writes");
	return c && total > 0 ? num(c, "writes") * 100 / total : 0;
}

/* One line per class of either report whose share or coverage moved. */
static void text_class(bp_buf *b, const diff *d, const char *cls, size_t *shown)
{
	const cJSON *bc = find_class(d->base, cls), *cc = find_class(d->cur, cls);
	double bs = class_share(d->base, bc), cs = class_share(d->cur, cc);
	double bcov = bc ? pct(bc, "index_entries.coverage") : 0, ccov = cc ? pct(cc, "index_entries.coverage") : 0;
	if (bc && cc && fabs(bs - cs) < 0.05 && fabs(bcov - ccov) < 0.05)
		return;
	if ((*shown)++ == 0)
		bp_buf_addf(b, "\nclasses (share of writes; index-entry coverage)\n");
	bp_buf_addf(b, "  %-16s %6.1f%% -> %6.1f%% (%+.1f pts); coverage %5.1f%% -> %5.1f%%%s\n", cls, bs, cs, cs - bs,
		    bcov, ccov, !bc ? "  (new class)" : !cc ? "  (gone)" : "");
}

static void text_classes(bp_buf *b, const diff *d)
{
	size_t shown = 0;
	const cJSON *c;
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(d->base, "classes"))
		if (bp_report_str(c, "class"))
			text_class(b, d, bp_report_str(c, "class"), &shown);
	cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(d->cur, "classes")) {
		const char *cls = bp_report_str(c, "class");
		if (cls && !find_class(d->base, cls))
			text_class(b, d, cls, &shown);
	}
	if (!shown)
		bp_buf_adds(b, "\nclasses: no change in mix or coverage\n");
}

static void text_tables(bp_buf *b, const diff *d)
{
	size_t shown = 0;
	for (size_t i = 0; i < d->n_tables; i++) {
		const table_change *t = &d->tables[i];
		if (!table_changed(t))
			continue;
		if (shown++ == 0)
			bp_buf_adds(b, "\ntables\n");
		if (!t->in_cur)
			bp_buf_addf(b, "  - %s disappeared (%.0f writes in base)\n", t->name, t->base_writes);
		else if (!t->in_base)
			bp_buf_addf(b, "  + %s appeared (%.0f writes, coverage %.1f%%)\n", t->name, t->cur_writes, t->cur_cov);
		else
			bp_buf_addf(b, "    %s: coverage %.1f%% -> %.1f%% (%+.1f pts), writes %.0f -> %.0f%s\n", t->name,
				    t->base_cov, t->cur_cov, t->cur_cov - t->base_cov, t->base_writes, t->cur_writes,
				    t->failed ? "  FAIL" : "");
	}
	if (!shown)
		bp_buf_addf(b, "\ntables: %zu, none changed\n", d->n_tables);
}

static void text_out(bp_buf *b, const diff *d)
{
	text_totals(b, d);
	text_classes(b, d);
	text_tables(b, d);
	if (d->failures)
		bp_buf_addf(b, "\nresult: FAIL, %zu limit%s exceeded\n", d->failures, d->failures == 1 ? "" : "s");
	else
		bp_buf_adds(b, "\nresult: ok, within the limits\n");
}

/* ---- JSON output -------------------------------------------------------- */

/* Points to two decimals: the inputs carry four decimals of a fraction, more is float noise. */
static double pts(double v)
{
	return round(v * 100) / 100;
}

static cJSON *json_check(const check *c)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "name", c->name);
	cJSON_AddNumberToObject(o, "base", pts(c->base));
	cJSON_AddNumberToObject(o, "new", pts(c->cur));
	cJSON_AddNumberToObject(o, "change_points", pts(c->cur - c->base));
	cJSON_AddNumberToObject(o, "limit_points", c->limit);
	cJSON_AddBoolToObject(o, "failed", c->failed);
	return o;
}

static cJSON *json_table(const table_change *t)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "table", t->name);
	cJSON_AddStringToObject(o, "state", !t->in_cur ? "disappeared" : !t->in_base ? "appeared" : "both");
	if (t->in_base) {
		cJSON_AddNumberToObject(o, "base_writes", t->base_writes);
		cJSON_AddNumberToObject(o, "base_coverage", pts(t->base_cov));
	}
	if (t->in_cur) {
		cJSON_AddNumberToObject(o, "new_writes", t->cur_writes);
		cJSON_AddNumberToObject(o, "new_coverage", pts(t->cur_cov));
	}
	cJSON_AddBoolToObject(o, "failed", t->failed);
	return o;
}

/* {"format":"binprime-diff/1", "checks":[...], "verdict":{...}, "tables":[changed ones], "failures":N} */
static char *json_out(const diff *d)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "format", "binprime-diff/1");
	cJSON_AddStringToObject(o, "base", d->base_path);
	cJSON_AddStringToObject(o, "new", d->cur_path);
	cJSON *checks = cJSON_AddArrayToObject(o, "checks");
	for (size_t i = 0; i < 3; i++)
		cJSON_AddItemToArray(checks, json_check(&d->checks[i]));
	cJSON *v = cJSON_AddObjectToObject(o, "verdict");
	cJSON_AddStringToObject(v, "base", d->base_verdict);
	cJSON_AddStringToObject(v, "new", d->cur_verdict);
	cJSON_AddBoolToObject(v, "changed", verdict_changed(d));
	cJSON_AddBoolToObject(v, "failed", d->verdict_enforced && verdict_changed(d));
	cJSON *tables = cJSON_AddArrayToObject(o, "tables");
	for (size_t i = 0; i < d->n_tables; i++)
		if (table_changed(&d->tables[i]))
			cJSON_AddItemToArray(tables, json_table(&d->tables[i]));
	cJSON_AddNumberToObject(o, "failures", (double)d->failures);
	char *s = cJSON_Print(o);
	cJSON_Delete(o);
	return s;
}

/* ---- JUnit -------------------------------------------------------------- */

/* Strings for the cases, freed together. */
typedef struct {
	char **v;
	size_t n;
} strs;

static const char *keep(strs *s, bp_buf *b)
{
	char *c = strdup(bp_buf_cstr(b));
	bp_buf_clear(b);
	if (c)
		s->v[s->n++] = c;
	return c;
}

static void junit_checks(const diff *d, bp_junit_case *cases, strs *s, bp_buf *b)
{
	for (size_t i = 0; i < 3; i++) {
		const check *c = &d->checks[i];
		bp_buf_addf(b, "%s %.1f%% -> %.1f%% (%+.1f points; limit %.1f points %s)", c->label, c->base, c->cur,
			    c->cur - c->base, c->limit, c->worse > 0 ? "rise" : "drop");
		cases[i] = (bp_junit_case){ "binprime.diff.thresholds", c->name, c->failed ? BP_JUNIT_FAIL : BP_JUNIT_PASS,
					    NULL, NULL };
		cases[i].output = keep(s, b);
		if (c->failed)
			cases[i].message = cases[i].output;
	}
	bp_buf_addf(b, "verdict %s -> %s%s", d->base_verdict, d->cur_verdict,
		    verdict_changed(d) && !d->verdict_enforced ? " (not enforced: --fail-on-verdict-change)" : "");
	bool vfail = d->verdict_enforced && verdict_changed(d);
	cases[3] = (bp_junit_case){ "binprime.diff.thresholds", "verdict-change", vfail ? BP_JUNIT_FAIL : BP_JUNIT_PASS,
				    NULL, keep(s, b) };
	if (vfail)
		cases[3].message = cases[3].output;
}

static void junit_table(const diff *d, const table_change *t, bp_junit_case *c, strs *s, bp_buf *b)
{
	*c = (bp_junit_case){ "binprime.diff.tables", t->name, BP_JUNIT_PASS, NULL, NULL };
	if (!t->in_cur) {
		c->result = BP_JUNIT_SKIP;
		bp_buf_addf(b, "not in the new report (%.0f writes in base)", t->base_writes);
		c->message = keep(s, b);
		return;
	}
	if (!t->in_base)
		bp_buf_addf(b, "new table: %.0f writes, coverage %.1f%%", t->cur_writes, t->cur_cov);
	else
		bp_buf_addf(b, "coverage %.1f%% -> %.1f%% (%+.1f points; limit %.1f points drop)", t->base_cov, t->cur_cov,
			    t->cur_cov - t->base_cov, d->table_limit);
	c->output = keep(s, b);
	if (t->failed) {
		c->result = BP_JUNIT_FAIL;
		c->message = c->output;
	}
}

static int junit_out(const diff *d, const char *path, bp_err *err)
{
	size_t n = 4 + d->n_tables;
	bp_junit_case *cases = calloc(n, sizeof(*cases));
	strs s = { calloc(n, sizeof(char *)), 0 };
	bp_buf b = BP_BUF_INIT;
	int rc;
	if (!cases || !s.v) {
		rc = BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		goto out;
	}
	junit_checks(d, cases, &s, &b);
	for (size_t i = 0; i < d->n_tables; i++)
		junit_table(d, &d->tables[i], &cases[4 + i], &s, &b);
	rc = s.n == n && bp_buf_ok(&b) ? bp_junit_write(path, "binprime diff", cases, n, err)
				       : BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
out:
	for (size_t i = 0; i < s.n; i++)
		free(s.v[i]);
	free(s.v);
	free(cases);
	bp_buf_release(&b);
	return rc;
}

/* ---- the command -------------------------------------------------------- */

/* A limit in percentage points: a finite number >= 0. */
static int parse_limit(const char *opt, const char *s, double *out, bp_err *err)
{
	if (!s)
		return 0;
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v) || v < 0)
		return BP_ERR_SET(err, BP_E_USAGE, "--%s wants a number of percentage points >= 0, not '%s'", opt, s);
	*out = v;
	return 0;
}

static void diff_release(diff *d)
{
	for (size_t i = 0; i < d->n_tables; i++)
		free(d->tables[i].name);
	free(d->tables);
	cJSON_Delete(d->base);
	cJSON_Delete(d->cur);
}

/* Load, compare and print; returns the exit status. */
static int run(diff *d, int format, const char *junit)
{
	bp_err err;
	bp_err_clear(&err);
	if (!(d->base = load(d->base_path, &err)) || !(d->cur = load(d->cur_path, &err)) ||
	    collect_tables(d, d->base, 0, &err) || collect_tables(d, d->cur, 1, &err)) {
		bp_err_print(stderr, "error", &err);
		return bp_exit_status(err.code);
	}
	compare_totals(d);
	compare_tables(d);
	int status = d->failures ? bp_exit_status(BP_E_THRESHOLD) : 0;
	bp_buf b = BP_BUF_INIT;
	char *js = NULL;
	if (format == 1) {
		js = json_out(d);
		if (js)
			bp_buf_addf(&b, "%s\n", js);
	} else {
		text_out(&b, d);
	}
	free(js);
	if (!bp_buf_ok(&b) || (format == 1 && !js) || !bp_buf_flush_to(&b, stdout) || fflush(stdout) != 0) {
		fprintf(stderr, "binprime: error: writing output failed\n");
		status = 3;
	}
	bp_buf_release(&b);
	if (junit && junit_out(d, junit, &err)) {
		bp_err_print(stderr, "error", &err);
		status = bp_exit_status(err.code);
	}
	return status;
}

int bp_cmd_diff(int argc, char **argv)
{
	const char *cov = NULL, *none = NULL, *full = NULL, *junit = NULL;
	bool help = false, fail_verdict = false;
	int format = 0;
	bp_strlist operands = { 0 };
	const bp_opt opts[] = {
		{ "max-coverage-drop", 0, BP_OPT_STR, &cov, "PCT", "largest allowed drop of index-entry coverage, in points, overall and per table (default 5)", NULL, NULL },
		{ "max-unprefetchable-rise", 0, BP_OPT_STR, &none, "PCT", "largest allowed rise of the share of writes not prefetchable (default 5)", NULL, NULL },
		{ "max-full-drop", 0, BP_OPT_STR, &full, "PCT", "largest allowed drop of the share of fully prefetchable writes (default 5)", NULL, NULL },
		{ "fail-on-verdict-change", 0, BP_OPT_FLAG, &fail_verdict, NULL, "a changed verdict exceeds a limit too", NULL, NULL },
		{ "junit", 'j', BP_OPT_STR, &junit, "FILE", "write JUnit XML (one testcase per limit and per table) here", NULL, NULL },
		{ "format", 'f', BP_OPT_CHOICE, &format, NULL, "output format (default text)", "text|json", NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	diff d = { .checks = {
			   { "coverage-drop", "index-entry coverage", "totals.index_entries.coverage", -1, 5, 0, 0, false },
			   { "unprefetchable-rise", "not prefetchable (none)", "totals.prefetchable.none_share", +1, 5, 0, 0, false },
			   { "full-drop", "fully prefetchable", "totals.prefetchable.full_share", -1, 5, 0, 0, false },
		   } };
	bp_err err;
	bp_err_clear(&err);
	int status = 0;
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err) || parse_limit("max-coverage-drop", cov, &d.checks[0].limit, &err) ||
	    parse_limit("max-unprefetchable-rise", none, &d.checks[1].limit, &err) ||
	    parse_limit("max-full-drop", full, &d.checks[2].limit, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime diff %s\n", SYNOPSIS);
		status = 1;
	} else if (help) {
		bp_opts_help(stdout, "diff", SYNOPSIS, SUMMARY, opts);
	} else if (operands.n != 2) {
		fprintf(stderr, "binprime: error: give two reports, BASE.json and NEW.json\nusage: binprime diff %s\n",
			SYNOPSIS);
		status = 1;
	} else {
		d.base_path = operands.v[0];
		d.cur_path = operands.v[1];
		d.table_limit = d.checks[0].limit;
		d.verdict_enforced = fail_verdict;
		status = run(&d, format, junit);
	}
	diff_release(&d);
	bp_strlist_release(&operands);
	return status;
}
