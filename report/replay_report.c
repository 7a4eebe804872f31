/*
 * replay_report.c: text summary and JSON report of a replay run. Latencies
 * are written in milliseconds (3 decimals in the text, 6 in JSON) from the
 * histograms of replay_stats.c: percentiles are within 0.8% of the true value.
 */
#include "replay_report.h"

#include <errno.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include <cJSON.h>

#ifndef BP_VERSION
#define BP_VERSION "0.0.0"
#endif

static double ms(uint64_t ns) { return (double)ns / 1e6; }

static void text_row(FILE *fp, const char *name, const bp_rstat *s)
{
	fprintf(fp, "# %-16s %9" PRIu64 " %7" PRIu64 " %9" PRIu64, name, s->count, s->errors, s->rows);
	const bp_hist *h = &s->lat;
	if (h->count)
		fprintf(fp, " %8.3f %8.3f %8.3f %8.3f %8.3f\n", ms(h->min), ms(bp_hist_quantile(h, 0.5)),
			ms(bp_hist_quantile(h, 0.9)), ms(bp_hist_quantile(h, 0.99)), ms(h->max));
	else
		fprintf(fp, " %8s %8s %8s %8s %8s\n", "-", "-", "-", "-", "-");
}

static void text_errors(FILE *fp, const bp_rstat *t)
{
	if (!t->errors)
		return;
	fputs("# errors by code:", fp);
	for (unsigned i = 0; i < t->n_codes; i++)
		fprintf(fp, " %u x%" PRIu64, t->code[i], t->code_n[i]);
	if (t->err_other)
		fprintf(fp, " other x%" PRIu64, t->err_other);
	fputc('\n', fp);
}

void bp_replay_print_text(FILE *fp, const bp_replay_result *r)
{
	const bp_rstat *t = r->total;
	fprintf(fp, "# binprime replay: %s, %" PRIu64 " statements in the script, %" PRIu64 " sent, %u connection%s, %s %s\n",
		r->script, r->in_script, t->count, r->concurrency, r->concurrency == 1 ? "" : "s",
		r->mariadb ? "MariaDB" : "MySQL", r->server_version ? r->server_version : "?");
	fprintf(fp, "# elapsed %.3f s, %.1f statements/s, %" PRIu64 " errors, %" PRIu64 " rows, %" PRIu64
		    " reconnects, stopped by %s\n",
		r->elapsed, r->elapsed > 0 ? (double)t->count / r->elapsed : 0.0, t->errors, t->rows, r->reconnects,
		r->stopped_by);
	fprintf(fp, "#\n# %-16s %9s %7s %9s %8s %8s %8s %8s %8s  (ms)\n", "class", "count", "errors", "rows", "min",
		"p50", "p90", "p99", "max");
	for (unsigned c = 0; c < r->n_classes; c++)
		if (r->cls[c].count)
			text_row(fp, r->class_names[c], &r->cls[c]);
	text_row(fp, "all", t);
	text_errors(fp, t);
	const bp_follow_figures *f = r->follow_fig;
	if (r->follow && f) {
		const bp_hist *h = &f->lead;
		fprintf(fp, "#\n# follow (%s, %" PRId64 "..%" PRId64 " ahead): %" PRIu64 " sent, %" PRIu64
			    " late (dropped), %" PRIu64 " overtaken by the apply, %" PRIu64 " waited for it\n",
			r->follow->by, r->min_ahead, r->max_ahead, h->count, f->late, f->overtaken, f->waited);
		fprintf(fp, "# lead when sent: p50 %" PRIu64 ", p90 %" PRIu64 ", max %" PRIu64
			    "; the apply went through %" PRIu64 " while we ran; %" PRIu64 " position reads, %" PRIu64
			    " failed\n",
			bp_hist_quantile(h, 0.5), bp_hist_quantile(h, 0.9), h->max, r->follow->applied, r->follow->polls,
			r->follow->poll_errors);
	}
}

/* ---- JSON ------------------------------------------------------------------------ */

static cJSON *latency_json(const bp_hist *h)
{
	if (!h->count)
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "min", ms(h->min));
	cJSON_AddNumberToObject(o, "p50", ms(bp_hist_quantile(h, 0.5)));
	cJSON_AddNumberToObject(o, "p90", ms(bp_hist_quantile(h, 0.9)));
	cJSON_AddNumberToObject(o, "p99", ms(bp_hist_quantile(h, 0.99)));
	cJSON_AddNumberToObject(o, "max", ms(h->max));
	cJSON_AddNumberToObject(o, "mean", ms(h->sum / h->count));
	return o;
}

static cJSON *stat_json(const bp_rstat *s, const char *cls)
{
	cJSON *o = cJSON_CreateObject();
	if (cls)
		cJSON_AddStringToObject(o, "class", cls);
	cJSON_AddNumberToObject(o, "count", (double)s->count);
	cJSON_AddNumberToObject(o, "ok", (double)(s->count - s->errors));
	cJSON_AddNumberToObject(o, "errors", (double)s->errors);
	cJSON_AddNumberToObject(o, "rows", (double)s->rows);
	cJSON *codes = cJSON_AddArrayToObject(o, "errors_by_code");
	for (unsigned i = 0; i < s->n_codes; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "code", s->code[i]);
		cJSON_AddNumberToObject(e, "count", (double)s->code_n[i]);
		cJSON_AddItemToArray(codes, e);
	}
	cJSON_AddNumberToObject(o, "errors_other_codes", (double)s->err_other);
	cJSON_AddItemToObject(o, "latency_ms", latency_json(&s->lat));
	return o;
}

static cJSON *options_json(const bp_replay_result *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "concurrency", r->concurrency);
	cJSON_AddNumberToObject(o, "rate", r->rate);
	cJSON_AddNumberToObject(o, "limit", (double)r->limit);
	cJSON_AddNumberToObject(o, "duration", r->duration);
	cJSON_AddNumberToObject(o, "max_statement_time", r->max_statement_time);
	cJSON_AddBoolToObject(o, "require_read_only_server", r->require_read_only_server);
	cJSON_AddStringToObject(o, "pace", r->speed > 0 ? "original" : "asap");
	cJSON_AddNumberToObject(o, "pace_speed", r->speed);
	cJSON_AddBoolToObject(o, "follow", r->follow != NULL);
	return o;
}

static cJSON *follow_json(const bp_replay_result *r)
{
	if (!r->follow || !r->follow_fig)
		return cJSON_CreateNull();
	const bp_follow_stats *s = r->follow;
	const bp_follow_figures *f = r->follow_fig;
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "by", s->by);
	cJSON_AddNumberToObject(o, "min_ahead", (double)r->min_ahead);
	cJSON_AddNumberToObject(o, "max_ahead", (double)r->max_ahead);
	cJSON_AddNumberToObject(o, "interval_ms", (double)r->follow_interval_ms);
	cJSON_AddNumberToObject(o, "sent", (double)f->lead.count);
	cJSON_AddNumberToObject(o, "late", (double)f->late);
	cJSON_AddNumberToObject(o, "overtaken", (double)f->overtaken);
	cJSON_AddNumberToObject(o, "waited", (double)f->waited);
	cJSON *lead = cJSON_AddObjectToObject(o, "lead");
	cJSON_AddNumberToObject(lead, "p50", (double)bp_hist_quantile(&f->lead, 0.5));
	cJSON_AddNumberToObject(lead, "p90", (double)bp_hist_quantile(&f->lead, 0.9));
	cJSON_AddNumberToObject(lead, "max", (double)f->lead.max);
	cJSON_AddNumberToObject(o, "applied_during_run", (double)s->applied);
	cJSON_AddNumberToObject(o, "position_reads", (double)s->polls);
	cJSON_AddNumberToObject(o, "position_read_errors", (double)s->poll_errors);
	cJSON_AddNumberToObject(o, "position_reconnects", (double)s->reconnects);
	if (s->last_error)
		cJSON_AddStringToObject(o, "last_error", s->last_error);
	else
		cJSON_AddNullToObject(o, "last_error");
	return o;
}

static cJSON *report_json(const bp_replay_result *r)
{
	cJSON *o = cJSON_CreateObject();
	char when[32];
	struct tm tm;
	gmtime_r(&r->started, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	cJSON_AddStringToObject(o, "format", "binprime-replay/1");
	cJSON_AddStringToObject(o, "binprime_version", BP_VERSION);
	cJSON_AddStringToObject(o, "script", r->script);
	cJSON *srv = cJSON_AddObjectToObject(o, "server");
	cJSON_AddStringToObject(srv, "version", r->server_version ? r->server_version : "");
	cJSON_AddStringToObject(srv, "flavor", r->mariadb ? "mariadb" : "mysql");
	cJSON_AddItemToObject(o, "options", options_json(r));
	cJSON_AddStringToObject(o, "started_at", when);
	cJSON_AddNumberToObject(o, "elapsed_seconds", r->elapsed);
	cJSON_AddStringToObject(o, "stopped_by", r->stopped_by);
	cJSON_AddNumberToObject(o, "statements_in_script", (double)r->in_script);
	cJSON_AddNumberToObject(o, "statements_planned", (double)r->planned);
	cJSON_AddNumberToObject(o, "throughput_qps", r->elapsed > 0 ? (double)r->total->count / r->elapsed : 0.0);
	cJSON_AddNumberToObject(o, "reconnects", (double)r->reconnects);
	cJSON *ps = cJSON_AddArrayToObject(o, "throughput_per_second");
	for (size_t i = 0; i < r->n_seconds; i++)
		cJSON_AddItemToArray(ps, cJSON_CreateNumber((double)r->per_second[i]));
	cJSON_AddItemToObject(o, "total", stat_json(r->total, NULL));
	cJSON *cls = cJSON_AddArrayToObject(o, "classes");
	for (unsigned c = 0; c < r->n_classes; c++)
		if (r->cls[c].count)
			cJSON_AddItemToArray(cls, stat_json(&r->cls[c], r->class_names[c]));
	cJSON_AddItemToObject(o, "follow", follow_json(r));
	return o;
}

int bp_replay_write_json(const char *path, const bp_replay_result *r, bp_err *err)
{
	cJSON *o = report_json(r);
	char *txt = o ? cJSON_Print(o) : NULL;
	cJSON_Delete(o);
	if (!txt)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory writing the report");
	bool std = strcmp(path, "-") == 0;
	FILE *fp = std ? stdout : fopen(path, "w");
	int rc = 0;
	if (!fp) {
		rc = BP_ERR_SET(err, BP_E_IO, "%s: cannot write: %s", path, strerror(errno));
	} else {
		fputs(txt, fp);
		fputc('\n', fp);
		if ((std ? fflush(fp) : fclose(fp)) != 0)
			rc = BP_ERR_SET(err, BP_E_IO, "%s: writing the report failed", path);
	}
	free(txt);
	return rc;
}
