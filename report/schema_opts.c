/*
 * schema_opts.c: --schema loading and log tracking shared by the subcommands.
 */
#include "schema_opts.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../analyzer/binlog_file.h"
#include "../analyzer/schema_log.h"

/* loaders report warnings as "warning: ..." (counted apart: they do not fail the load) */
static void diag_print(void *ctx, const char *path, unsigned line, unsigned col, const char *msg)
{
	unsigned *warnings = ctx;
	if (strncmp(msg, "warning: ", 9) == 0) {
		(*warnings)++;
		fprintf(stderr, "binprime: warning: %s:%u:%u: %s\n", path, line, col, msg + 9);
		return;
	}
	fprintf(stderr, "binprime: error: %s:%u:%u: %s\n", path, line, col, msg);
}

int bp_schema_opts_load(bp_schema *s, const bp_strlist *files, bool quiet)
{
	int status = 0;
	for (size_t i = 0; i < files->n; i++) {
		unsigned warnings = 0;
		bp_sch_diag diag = { diag_print, &warnings, 0, 0 };
		bp_err err;
		bp_err_clear(&err);
		if (bp_schema_load_file(s, files->v[i], &diag, &err)) {
			if (!err.path)
				err.path = files->v[i];
			bp_err_print(stderr, "error", &err);
			return 3;
		}
		if (diag.errors > warnings) {
			if (!quiet)
				fprintf(stderr, "binprime: %s: %u error(s); the rest of the file was loaded\n", files->v[i],
					diag.errors - warnings);
			status = 2;
		}
	}
	return status;
}

void bp_schema_opts_notice(void *ctx, const char *path, uint64_t pos, const char *msg)
{
	if (!*(bool *)ctx)
		fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": %s\n", path, pos, msg);
}

int bp_schema_opts_track_logs(bp_schema *s, const bp_strlist *logs, const uint64_t *stop_at, bool quiet)
{
	bp_schema_tracker *tr = bp_schema_tracker_new(s);
	if (!tr)
		return 3;
	bp_schema_tracker_on_notice(tr, bp_schema_opts_notice, &quiet);
	int status = 0;
	for (size_t i = 0; i < logs->n; i++) {
		bp_reader *r;
		bp_err err;
		bp_err_clear(&err);
		if (bp_reader_open(&r, logs->v[i], NULL, &err)) {
			bp_err_print(stderr, "error", &err);
			status = bp_exit_status(err.code);
			break;
		}
		bool last = i + 1 == logs->n;
		const bp_event *ev;
		int rc;
		while ((rc = bp_reader_next(r, &ev, &err)) > 0) {
			uint64_t pos = ev->in_payload ? ev->payload_pos : ev->pos;
			if (last && stop_at && pos >= *stop_at)
				break;
			bp_schema_tracker_event(tr, logs->v[i], ev);
		}
		if (rc < 0) {
			bp_err_print(stderr, "error", &err);
			status = bp_exit_status(err.code);
		}
		bp_reader_free(r);
		if (status)
			break;
	}
	bp_schema_tracker_free(tr);
	return status;
}
