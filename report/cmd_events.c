/*
 * cmd_events.c: `binprime events` — decode logs and print their events.
 *
 * Reads each input in order (index files expanded), applies the mysqlbinlog
 * style filters, and writes text, JSON Lines, or (--count) only counts after
 * decoding every row value. Exit status: the worst error met (see errors.def);
 * with --on-error=skip the damaged events are reported and reading goes on.
 */
#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../analyzer/binlog_file.h"
#include "../analyzer/inputs.h"
#include "../common/buf.h"
#include "../common/opts.h"
#include "../analyzer/schema_log.h"
#include "events_out.h"
#include "schema_opts.h"

enum { FMT_TEXT, FMT_JSON };
enum { ON_ERROR_STOP, ON_ERROR_SKIP };

typedef struct counts {
	uint64_t events, inner_events, rows, row_events, bytes, errors, notices;
} counts;

typedef struct events_ctx {
	int format;
	bool count_only;
	bool no_verify;
	int on_error;
	uint64_t start_pos, stop_pos;
	bool has_start_pos, has_stop_pos;
	const char *start_dt, *stop_dt;
	int64_t start_ts, stop_ts;
	const char *database, *table;
	bool quiet;
	bp_buf out;
	const char *cur_file;
	bp_strlist schemas;        /* --schema files */
	bool track_ddl;            /* --track-ddl */
	bp_schema *schema;         /* loaded when --schema was given */
	bp_schema_tracker *tracker;
} events_ctx;

static const char *const SYNOPSIS = "[options] LOG... (binlog, relay log, *.index, or - for stdin)";
static const char *const SUMMARY =
	"Decode binary or relay logs and print every event, like mariadb-binlog -vv\n"
	"with --base64-output=decode-rows, as text or JSON Lines (one object per event).";

/* "YYYY-MM-DD HH:MM:SS" in the local time zone, as mysqlbinlog reads it */
static int parse_datetime(const char *s, int64_t *out)
{
	struct tm tmv;
	memset(&tmv, 0, sizeof(tmv));
	int n = sscanf(s, "%d-%d-%d %d:%d:%d", &tmv.tm_year, &tmv.tm_mon, &tmv.tm_mday, &tmv.tm_hour, &tmv.tm_min,
		       &tmv.tm_sec);
	if (n != 3 && n != 6)
		return -1;
	tmv.tm_year -= 1900;
	tmv.tm_mon -= 1;
	tmv.tm_isdst = -1;
	time_t t = mktime(&tmv);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

static void notice(void *vctx, const bp_event *ev, const char *msg)
{
	events_ctx *ctx = vctx;
	if (!ctx->quiet)
		fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": %s\n", ctx->cur_file, ev->pos, msg);
}

static void schema_notice(void *vctx, const char *path, uint64_t pos, const char *msg)
{
	events_ctx *ctx = vctx;
	if (!ctx->quiet)
		fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": %s\n", path, pos, msg);
}

/* Does the event pass --database / --table? Control events always pass. */
static bool wanted(const events_ctx *ctx, const bp_event *ev)
{
	if (!ctx->database && !ctx->table)
		return true;
	const char *db = NULL, *tb = NULL;
	if (ev->h.type == BP_EV_TABLE_MAP) {
		db = ev->table_map->db;
		tb = ev->table_map->table;
	} else if (bp_event_is_rows(ev->h.type)) {
		if (!ev->rows.map)
			return false; /* no table map: cannot tell its table */
		db = ev->rows.map->db;
		tb = ev->rows.map->table;
	} else if (ev->h.type == BP_EV_QUERY || ev->h.type == BP_EV_QUERY_COMPRESSED ||
		   ev->h.type == BP_EV_EXECUTE_LOAD_QUERY) {
		db = ev->query.db;
		if (ctx->table)
			return false; /* statements name tables in their text: not filtered by table here */
	} else {
		return true;
	}
	if (ctx->database && (!db || strcmp(db, ctx->database) != 0))
		return false;
	if (ctx->table && (!tb || strcmp(tb, ctx->table) != 0))
		return false;
	return true;
}

static int run_file(events_ctx *ctx, const char *path, bool first, bool last, counts *tot, int *worst)
{
	bp_reader_opts ro = BP_READER_OPTS_INIT;
	bp_err err;
	bp_reader *r;
	bp_err_clear(&err);
	ro.verify_checksum = !ctx->no_verify;
	if (first && ctx->has_start_pos)
		ro.start_position = ctx->start_pos;
	int rc = bp_reader_open(&r, path, &ro, &err);
	if (rc) {
		bp_err_print(stderr, "error", &err);
		*worst = bp_exit_status(err.code) > *worst ? bp_exit_status(err.code) : *worst;
		tot->errors++;
		return rc;
	}
	ctx->cur_file = path;
	bp_decoder *dec = bp_reader_decoder(r);
	dec->notice = notice;
	dec->notice_ctx = ctx;
	counts c = { 0 };
	const bp_event *ev;
	int result = 0;
	for (;;) {
		bp_err_clear(&err);
		rc = bp_reader_next(r, &ev, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			bp_err_print(stderr, "error", &err);
			c.errors++;
			if (bp_exit_status(err.code) > *worst)
				*worst = bp_exit_status(err.code);
			result = rc;
			if (ctx->on_error == ON_ERROR_STOP || err.code == BP_E_NOMEM || err.code == BP_E_IO)
				break;
			if (!bp_reader_skip(r))
				break;
			continue;
		}
		if (ev->in_payload)
			c.inner_events++;
		else
			c.events++;
		c.bytes += ev->in_payload ? 0 : ev->h.length;
		if (ev->ignorable_unknown && !ctx->quiet)
			fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": skipped unknown event type %u (ignorable)\n",
				path, ev->pos, ev->h.type);
		if (ctx->tracker)
			bp_schema_tracker_event(ctx->tracker, path, ev);
		uint64_t top_pos = ev->in_payload ? ev->payload_pos : ev->pos;
		bool is_fde = ev->h.type == BP_EV_FORMAT_DESCRIPTION || ev->h.type == BP_EV_START_V3;
		if (first && ctx->has_start_pos && top_pos < ctx->start_pos && !is_fde)
			continue;
		if (last && ctx->has_stop_pos && top_pos >= ctx->stop_pos)
			break;
		if (ctx->stop_dt && (int64_t)ev->h.timestamp >= ctx->stop_ts && !is_fde)
			break;
		if (ctx->start_dt && (int64_t)ev->h.timestamp < ctx->start_ts && !is_fde)
			continue;
		if (!wanted(ctx, ev))
			continue;
		if (bp_event_is_rows(ev->h.type)) {
			c.row_events++;
			c.rows += ev->rows.n_rows;
		}
		if (ctx->count_only)
			continue;
		const char *const *names = NULL;
		const char *note = NULL;
		if (ctx->tracker && bp_event_is_rows(ev->h.type) && ev->rows.map) {
			bp_names_status st;
			names = bp_schema_tracker_names(ctx->tracker, ev->rows.map, &st);
			note = st == BP_NAMES_MISMATCH ? "mismatch" : st == BP_NAMES_UNKNOWN ? "unknown table" : NULL;
		}
		if (ctx->format == FMT_JSON)
			bp_event_json_ex(&ctx->out, path, ev, names, note);
		else
			bp_event_text_ex(&ctx->out, path, ev, names, note);
		if (!bp_buf_maybe_flush(&ctx->out, stdout)) {
			fprintf(stderr, "binprime: error: writing output failed\n");
			*worst = 3;
			result = -BP_E_IO;
			break;
		}
	}
	c.notices = dec->notices;
	if (ctx->count_only)
		printf("%s\tevents=%" PRIu64 "\tpayload_events=%" PRIu64 "\trow_events=%" PRIu64 "\trows=%" PRIu64
		       "\tbytes=%" PRIu64 "\terrors=%" PRIu64 "\n",
		       path, c.events, c.inner_events, c.row_events, c.rows, c.bytes, c.errors);
	tot->events += c.events;
	tot->inner_events += c.inner_events;
	tot->rows += c.rows;
	tot->row_events += c.row_events;
	tot->bytes += c.bytes;
	tot->errors += c.errors;
	bp_reader_free(r);
	return result;
}

int bp_cmd_events(int argc, char **argv)
{
	events_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	bool help = false;
	bp_strlist operands = { 0 }, files = { 0 };
	const bp_opt opts[] = {
		{ "format", 'f', BP_OPT_CHOICE, &ctx.format, NULL, "output format (default text)", "text|json", NULL },
		{ "count", 'c', BP_OPT_FLAG, &ctx.count_only, NULL, "decode everything, print only counts per file", NULL, NULL },
		{ "start-position", 0, BP_OPT_U64, &ctx.start_pos, "POS", "start at the first event at or after POS (first file)", NULL, &ctx.has_start_pos },
		{ "stop-position", 0, BP_OPT_U64, &ctx.stop_pos, "POS", "stop at the first event at or after POS (last file)", NULL, &ctx.has_stop_pos },
		{ "start-datetime", 0, BP_OPT_STR, &ctx.start_dt, "'YYYY-MM-DD HH:MM:SS'", "skip events before this local time", NULL, NULL },
		{ "stop-datetime", 0, BP_OPT_STR, &ctx.stop_dt, "'YYYY-MM-DD HH:MM:SS'", "stop at the first event at or after this local time", NULL, NULL },
		{ "database", 'd', BP_OPT_STR, &ctx.database, "DB", "only events for this database (rows: table map db; statements: default db)", NULL, NULL },
		{ "table", 't', BP_OPT_STR, &ctx.table, "TABLE", "only row events and table maps of this table", NULL, NULL },
		{ "on-error", 0, BP_OPT_CHOICE, &ctx.on_error, NULL, "on damaged input: stop (default) or skip to the next event", "stop|skip", NULL },
		{ "no-verify-checksum", 0, BP_OPT_FLAG, &ctx.no_verify, NULL, "do not verify CRC32 event checksums", NULL, NULL },
		{ "schema", 's', BP_OPT_LIST, &ctx.schemas, "FILE", "schema dump: row events get column names (repeatable)", NULL, NULL },
		{ "track-ddl", 0, BP_OPT_FLAG, &ctx.track_ddl, NULL, "follow the logs' DDL for column names (implied by --schema)", NULL, NULL },
		{ "quiet", 'q', BP_OPT_FLAG, &ctx.quiet, NULL, "no notices on stderr", NULL, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	bp_err err;
	bp_err_clear(&err);
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime events %s (see binprime events --help)\n", SYNOPSIS);
		bp_strlist_release(&operands);
		return 1;
	}
	if (help) {
		bp_opts_help(stdout, "events", SYNOPSIS, SUMMARY, opts);
		bp_strlist_release(&operands);
		return 0;
	}
	if (!operands.n) {
		fprintf(stderr, "binprime: error: no log given\nusage: binprime events %s\n", SYNOPSIS);
		return 1;
	}
	if ((ctx.start_dt && parse_datetime(ctx.start_dt, &ctx.start_ts)) ||
	    (ctx.stop_dt && parse_datetime(ctx.stop_dt, &ctx.stop_ts))) {
		fprintf(stderr, "binprime: error: bad datetime, want 'YYYY-MM-DD HH:MM:SS'\n");
		bp_strlist_release(&operands);
		return 1;
	}
	if (bp_inputs_expand(&operands, &files, &err)) {
		bp_err_print(stderr, "error", &err);
		bp_strlist_release(&operands);
		bp_inputs_release(&files);
		return bp_exit_status(err.code);
	}
	counts tot = { 0 };
	int worst = 0;
	if (ctx.schemas.n || ctx.track_ddl) {
		ctx.schema = bp_schema_new();
		ctx.tracker = ctx.schema ? bp_schema_tracker_new(ctx.schema) : NULL;
		if (!ctx.tracker) {
			fprintf(stderr, "binprime: error: out of memory\n");
			worst = 3;
			goto done;
		}
		bp_schema_tracker_on_notice(ctx.tracker, schema_notice, &ctx);
		worst = bp_schema_opts_load(ctx.schema, &ctx.schemas, ctx.quiet);
		if (worst >= 3)
			goto done;
	}
	for (size_t i = 0; i < files.n; i++) {
		int rc = run_file(&ctx, files.v[i], i == 0, i + 1 == files.n, &tot, &worst);
		if (rc && ctx.on_error == ON_ERROR_STOP)
			break;
	}
	if (!bp_buf_flush_to(&ctx.out, stdout) || fflush(stdout) != 0) {
		fprintf(stderr, "binprime: error: writing output failed\n");
		worst = 3;
	}
	if (ctx.count_only && files.n > 1)
		printf("total\tevents=%" PRIu64 "\tpayload_events=%" PRIu64 "\trow_events=%" PRIu64 "\trows=%" PRIu64
		       "\tbytes=%" PRIu64 "\terrors=%" PRIu64 "\n",
		       tot.events, tot.inner_events, tot.row_events, tot.rows, tot.bytes, tot.errors);
done:
	bp_schema_tracker_free(ctx.tracker);
	bp_schema_free(ctx.schema);
	bp_strlist_release(&ctx.schemas);
	bp_buf_release(&ctx.out);
	bp_strlist_release(&operands);
	bp_inputs_release(&files);
	return worst;
}
