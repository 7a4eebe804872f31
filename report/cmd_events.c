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

#include "../analyzer/inputs.h"
#include "../common/buf.h"
#include "../common/opts.h"
#include "../analyzer/schema_log.h"
#include "../analyzer/walk.h"
#include "events_out.h"
#include "schema_opts.h"

enum { FMT_TEXT, FMT_JSON };

typedef struct events_ctx {
	bp_walk_opts w;
	int format;
	bool count_only;
	bool quiet;
	bp_buf out;
	bp_strlist schemas;        /* --schema files */
	bool track_ddl;            /* --track-ddl */
	bp_schema *schema;         /* loaded when --schema was given */
	bp_schema_tracker *tracker;
} events_ctx;

static const char *const SYNOPSIS = "[options] LOG... (binlog, relay log, *.index, or - for stdin)";
static const char *const SUMMARY =
	"Decode binary or relay logs and print every event, like mariadb-binlog -vv\n"
	"with --base64-output=decode-rows, as text or JSON Lines (one object per event).";

static int print_event(void *vctx, const char *path, const bp_event *ev)
{
	events_ctx *ctx = vctx;
	if (ctx->count_only)
		return 0;
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
	return bp_buf_maybe_flush(&ctx->out, stdout) ? 0 : -1;
}

static void print_counts(const char *label, const bp_walk_counts *c)
{
	printf("%s\tevents=%" PRIu64 "\tpayload_events=%" PRIu64 "\trow_events=%" PRIu64 "\trows=%" PRIu64
	       "\tbytes=%" PRIu64 "\terrors=%" PRIu64 "\n",
	       label, c->events, c->inner_events, c->row_events, c->rows, c->bytes, c->errors);
}

static void file_done(void *vctx, const char *path, const bp_walk_counts *c)
{
	events_ctx *ctx = vctx;
	if (ctx->count_only)
		print_counts(path, c);
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
		BP_WALK_OPT_ROWS(ctx.w),
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
	if (bp_walk_check(&ctx.w)) {
		bp_strlist_release(&operands);
		return 1;
	}
	if (bp_inputs_expand(&operands, &files, &err)) {
		bp_err_print(stderr, "error", &err);
		bp_strlist_release(&operands);
		bp_inputs_release(&files);
		return bp_exit_status(err.code);
	}
	bp_walk_counts tot;
	int worst = 0;
	ctx.w.quiet = ctx.quiet;
	if (ctx.schemas.n || ctx.track_ddl) {
		ctx.schema = bp_schema_new();
		ctx.tracker = ctx.schema ? bp_schema_tracker_new(ctx.schema) : NULL;
		if (!ctx.tracker) {
			fprintf(stderr, "binprime: error: out of memory\n");
			worst = 3;
			goto done;
		}
		bp_schema_tracker_on_notice(ctx.tracker, bp_schema_opts_notice, &ctx.quiet);
		worst = bp_schema_opts_load(ctx.schema, &ctx.schemas, ctx.quiet);
		if (worst >= 3)
			goto done;
	}
	ctx.w.tracker = ctx.tracker;
	bp_walk_calls calls = { print_event, file_done, &ctx };
	int ws = bp_walk(&ctx.w, &files, &calls, &tot);
	if (ws > worst)
		worst = ws;
	if (!bp_buf_flush_to(&ctx.out, stdout) || fflush(stdout) != 0) {
		fprintf(stderr, "binprime: error: writing output failed\n");
		worst = 3;
	}
	if (ctx.count_only && files.n > 1)
		print_counts("total", &tot);
done:
	bp_schema_tracker_free(ctx.tracker);
	bp_schema_free(ctx.schema);
	bp_strlist_release(&ctx.schemas);
	bp_buf_release(&ctx.out);
	bp_strlist_release(&operands);
	bp_inputs_release(&files);
	return worst;
}
