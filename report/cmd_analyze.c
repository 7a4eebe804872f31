/*
 * cmd_analyze.c: `binprime analyze` — classify every write of the logs and
 * write the prefetch script.
 *
 *   logs ──► bp_walk (analyzer/walk.c) ──► schema tracker (DDL, TABLE_MAP)
 *        ──► rules (rewriter/prefetch*.c) ──► emitter (rewriter/emit.c) ──► --sql FILE
 *
 * A write is one row change of a row event, or one DML statement of a QUERY
 * event. Transactions end at XID, COMMIT/ROLLBACK, or after a statement
 * outside BEGIN..COMMIT; the emitter batches across them (--batch-trx).
 * The summary printed at the end counts writes per class and prefetchability.
 */
#include "commands.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyzer/format.h"
#include "../analyzer/inputs.h"
#include "../analyzer/schema_log.h"
#include "../analyzer/walk.h"
#include "../common/opts.h"
#include "../rewriter/dml.h"
#include "../rewriter/emit.h"
#include "../rewriter/prefetch.h"
#include "analysis.h"
#include "analyze_run.h"
#include "junit.h"
#include "report_html.h"
#include "schema_opts.h"

typedef struct analyze_ctx {
	bp_walk_opts w;
	bp_strlist schemas;
	const char *sql_path;
	bool quiet;
	bp_schema *schema;
	bp_schema_tracker *tracker;
	bp_emit *emit;
	bp_analyze_run run;
	const char *report_path;   /* --report */
	const char *html_path;     /* --html */
	const char *replay_path;   /* --replay-report: a replay's figures in the HTML page */
	const char *junit_path;    /* --junit */
	double min_coverage;       /* --min-coverage (percent) */
	bp_analysis *an;
} analyze_ctx;

static const char *const SYNOPSIS = "[options] --schema FILE... [--sql OUT.sql] LOG...";
static const char *const SUMMARY =
	"Classify every write of binary/relay logs (row changes and statements) and write\n"
	"the read-only SELECTs that warm the pages a replica's apply will read.";

static int on_event(void *vctx, const char *path, const bp_event *ev)
{
	analyze_ctx *a = vctx;
	bp_analyze_run_event(&a->run, path, ev);
	return 0;
}

/* The JSON report, and the forms made from it (--html, --junit). Returns an exit status. */
static int write_reports(analyze_ctx *a)
{
	bp_buf b = { 0 };
	int status = 0;
	bp_analysis_json(&b, a->an);
	if (!bp_buf_ok(&b)) {
		fprintf(stderr, "binprime: error: out of memory\n");
		bp_buf_release(&b);
		return 3;
	}
	if (a->report_path) {
		bool to_stdout = strcmp(a->report_path, "-") == 0;
		FILE *fp = to_stdout ? stdout : fopen(a->report_path, "w");
		bool ok = fp && fwrite(b.data, 1, b.len, fp) == b.len && fflush(fp) == 0;
		if (fp && !to_stdout && fclose(fp) != 0)
			ok = false;
		if (!ok) {
			fprintf(stderr, "binprime: error: %s: writing the report failed\n", a->report_path);
			status = 3;
		}
	}
	bp_err err;
	bp_err_clear(&err);
	char *replay = NULL;
	size_t rn = 0;
	if (a->html_path && ((a->replay_path && bp_report_read_file(a->replay_path, &replay, &rn, &err)) ||
			     bp_report_html(b.data, b.len, replay, rn, a->html_path, &err) != 0)) {
		bp_err_print(stderr, "error", &err);
		status = bp_exit_status(err.code) > status ? bp_exit_status(err.code) : status;
	}
	free(replay);
	bp_err_clear(&err);
	if (a->junit_path && bp_junit_report(b.data, b.len, a->junit_path, a->min_coverage, &err) != 0) {
		bp_err_print(stderr, "error", &err);
		status = bp_exit_status(err.code) > status ? bp_exit_status(err.code) : status;
	}
	bp_buf_release(&b);
	return status;
}

/* "5", "0.5", "12.5%": a percentage */
static int parse_percent(const char *s, double *out)
{
	char *end;
	double d = strtod(s, &end);
	if (end == s || (*end && strcmp(end, "%") != 0) || d < 0 || d > 100)
		return -1;
	*out = d / 100.0;
	return 0;
}

int bp_cmd_analyze(int argc, char **argv)
{
	analyze_ctx a;
	memset(&a, 0, sizeof(a));
	bool help = false;
	FILE *sql = NULL;
	bp_strlist operands = { 0 }, files = { 0 };
	uint64_t batch_trx = 1, max_bytes = 65536, max_rows = 1000, dedup = 10000;
	const char *max_sel = NULL, *apply_rate = NULL, *query_rate = NULL, *min_cov = NULL;
	uint64_t threads = 1;
	const bp_opt opts[] = {
		{ "schema", 's', BP_OPT_LIST, &a.schemas, "FILE", "schema dump (SQL, --xml, or information_schema TSV; repeatable)", NULL, NULL },
		{ "sql", 'o', BP_OPT_STR, &a.sql_path, "FILE", "write the prefetch script here (- for stdout)", NULL, NULL },
		{ "report", 'r', BP_OPT_STR, &a.report_path, "FILE", "write the JSON report (binprime-report/1) here (- for stdout)", NULL, NULL },
		{ "html", 0, BP_OPT_STR, &a.html_path, "FILE", "write the report as one self-contained HTML page with charts", NULL, NULL },
		{ "replay-report", 0, BP_OPT_STR, &a.replay_path, "FILE", "with --html: add the figures of this binprime replay --report", NULL, NULL },
		{ "junit", 0, BP_OPT_STR, &a.junit_path, "FILE", "write JUnit XML: a testcase per table (coverage) and the verdict", NULL, NULL },
		{ "min-coverage", 0, BP_OPT_STR, &min_cov, "PCT", "--junit: a table with less index-entry coverage fails (default 0)", NULL, NULL },
		{ "apply-rate", 0, BP_OPT_STR, &apply_rate, "ROWS/S", "time-ahead simulation: the apply thread's rate (default: the log's own)", NULL, NULL },
		{ "prefetch-threads", 0, BP_OPT_U64, &threads, "N", "time-ahead simulation: prefetcher threads (default 1)", NULL, NULL },
		{ "query-rate", 0, BP_OPT_STR, &query_rate, "Q/S", "time-ahead simulation: queries per second per thread (default 8000)", NULL, NULL },
		{ "batch-trx", 0, BP_OPT_U64, &batch_trx, "N", "merge lookups of N transactions per table and index (default 1: none)", NULL, NULL },
		{ "max-statement-bytes", 0, BP_OPT_U64, &max_bytes, "N", "keep merged statements under N bytes (default 65536)", NULL, NULL },
		{ "max-rows", 0, BP_OPT_U64, &max_rows, "N", "skip lookups expected to read more rows (default 1000)", NULL, NULL },
		{ "max-selectivity", 0, BP_OPT_STR, &max_sel, "PCT", "skip lookups expected to read more of the table (default 5)", NULL, NULL },
		{ "dedup-window", 0, BP_OPT_U64, &dedup, "N", "write a lookup once per N distinct lookups (default 10000, 0 off)", NULL, NULL },
		BP_WALK_OPT_ROWS(a.w),
		{ "quiet", 'q', BP_OPT_FLAG, &a.quiet, NULL, "no notices, no summary", NULL, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	bp_err err;
	bp_err_clear(&err);
	int status = 0;
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime analyze %s (see binprime analyze --help)\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	if (help) {
		bp_opts_help(stdout, "analyze", SYNOPSIS, SUMMARY, opts);
		goto out;
	}
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	eo.batch_trx = (uint32_t)(batch_trx > 1000000 ? 1000000 : batch_trx);
	eo.max_statement_bytes = (uint32_t)(max_bytes > (1u << 30) ? (1u << 30) : max_bytes);
	eo.max_rows = max_rows;
	eo.dedup_window = (uint32_t)(dedup > 10000000 ? 10000000 : dedup);
	if (max_sel && parse_percent(max_sel, &eo.max_selectivity)) {
		fprintf(stderr, "binprime: error: --max-selectivity wants a percentage 0..100, not '%s'\n", max_sel);
		status = 1;
		goto out;
	}
	double ar = apply_rate ? strtod(apply_rate, NULL) : 0, qr = query_rate ? strtod(query_rate, NULL) : 8000;
	if ((apply_rate && ar <= 0) || (query_rate && qr <= 0) || threads < 1 || threads > 1024) {
		fprintf(stderr, "binprime: error: --apply-rate and --query-rate want positive numbers, --prefetch-threads 1..1024\n");
		status = 1;
		goto out;
	}
	if (min_cov && parse_percent(min_cov, &a.min_coverage)) {
		fprintf(stderr, "binprime: error: --min-coverage wants a percentage 0..100, not '%s'\n", min_cov);
		status = 1;
		goto out;
	}
	a.min_coverage *= 100; /* parse_percent gives a fraction; bp_junit_report wants percent */
	if (eo.max_statement_bytes < 1024) {
		fprintf(stderr, "binprime: error: --max-statement-bytes must be at least 1024\n");
		status = 1;
		goto out;
	}
	if (!operands.n) {
		fprintf(stderr, "binprime: error: no log given\nusage: binprime analyze %s\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	if (bp_walk_check(&a.w)) {
		status = 1;
		goto out;
	}
	if (bp_inputs_expand(&operands, &files, &err)) {
		bp_err_print(stderr, "error", &err);
		status = bp_exit_status(err.code);
		goto out;
	}
	a.w.quiet = a.quiet;
	a.w.progress = true; /* shown only when stderr is a terminal */
	a.schema = bp_schema_new();
	a.tracker = a.schema ? bp_schema_tracker_new(a.schema) : NULL;
	if (!a.tracker) {
		fprintf(stderr, "binprime: error: out of memory\n");
		status = 3;
		goto out;
	}
	bp_schema_tracker_on_notice(a.tracker, bp_schema_opts_notice, &a.quiet);
	status = bp_schema_opts_load(a.schema, &a.schemas, a.quiet);
	if (status >= 3)
		goto out;
	a.w.tracker = a.tracker;
	if (a.sql_path && strcmp(a.sql_path, "-") == 0) {
		sql = stdout;
	} else if (a.sql_path) {
		sql = fopen(a.sql_path, "w");
		if (!sql) {
			fprintf(stderr, "binprime: error: %s: cannot write: %s\n", a.sql_path, strerror(errno));
			status = 3;
			goto out;
		}
	}
	a.emit = bp_emit_new(&eo, sql);
	a.an = bp_analysis_new();
	if (!a.emit || !a.an) {
		fprintf(stderr, "binprime: error: out of memory\n");
		status = 3;
		goto close;
	}
	bp_analyze_run_init(&a.run, a.schema, a.tracker, a.emit, a.an, max_rows);
	bp_emit_header(a.emit, files.v, files.n);
	bp_walk_calls calls = { on_event, NULL, &a };
	bp_walk_counts tot;
	int ws = bp_walk(&a.w, &files, &calls, &tot);
	if (ws > status)
		status = ws;
	if (bp_emit_finish(a.emit) != 0) {
		fprintf(stderr, "binprime: error: %s: writing the script failed\n", a.sql_path ? a.sql_path : "-");
		status = 3;
	}
	bp_analysis_simulate(a.an, ar, (unsigned)threads, qr);
	bp_analysis_finish(a.an, a.schema, bp_emit_get_stats(a.emit));
	if (a.report_path || a.html_path || a.junit_path) {
		int rs = write_reports(&a);
		status = rs > status ? rs : status;
	}
	if (!a.quiet)
		bp_analysis_text(sql == stdout || (a.report_path && strcmp(a.report_path, "-") == 0) ? stderr : stdout,
				 a.an);
	if (bp_emit_get_stats(a.emit)->rejected && status < 5)
		status = 5;
close:
	if (sql && sql != stdout && fclose(sql) != 0 && status < 3) {
		fprintf(stderr, "binprime: error: %s: writing the script failed\n", a.sql_path);
		status = 3;
	}
out:
	bp_analyze_run_release(&a.run);
	bp_emit_free(a.emit);
	bp_analysis_free(a.an);
	bp_schema_tracker_free(a.tracker);
	bp_schema_free(a.schema);
	bp_strlist_release(&a.schemas);
	bp_strlist_release(&operands);
	bp_inputs_release(&files);
	return status;
}
