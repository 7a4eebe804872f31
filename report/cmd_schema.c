/*
 * cmd_schema.c: `binprime schema` — load schema dumps, apply the DDL found in
 * logs, and print the model (text or JSON, docs/schema-format.md).
 */
#include "commands.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../analyzer/binlog_file.h"
#include "../analyzer/inputs.h"
#include "../analyzer/schema.h"
#include "../analyzer/schema_log.h"
#include "../common/buf.h"
#include "../common/opts.h"
#include "schema_opts.h"

static const char *const SYNOPSIS = "[--schema FILE]... [--format=text|json] [--at POS] [LOG...]";
static const char *const SUMMARY =
	"Print the schema model: the tables, columns, keys, foreign keys and statistics\n"
	"loaded from the --schema files (mysqldump SQL, mysqldump --xml, or\n"
	"information_schema TSV extracts; the form is read from the content), after the\n"
	"DDL in the given logs (up to --at POS in the last log). Tables known only from\n"
	"the logs' TABLE_MAP events are listed with what those give.";

int bp_cmd_schema(int argc, char **argv)
{
	bp_strlist schemas = { 0 }, operands = { 0 }, files = { 0 };
	int format = 0;
	uint64_t at = 0;
	bool has_at = false, help = false, quiet = false;
	const bp_opt opts[] = {
		{ "schema", 's', BP_OPT_LIST, &schemas, "FILE", "schema dump to load (repeatable)", NULL, NULL },
		{ "format", 'f', BP_OPT_CHOICE, &format, NULL, "output format (default text)", "text|json", NULL },
		{ "at", 0, BP_OPT_U64, &at, "POS", "apply the DDL of the last log only before this position", NULL, &has_at },
		{ "quiet", 'q', BP_OPT_FLAG, &quiet, NULL, "no notices on stderr", NULL, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	bp_err err;
	bp_err_clear(&err);
	int status = 0;
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime schema %s\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	if (help) {
		bp_opts_help(stdout, "schema", SYNOPSIS, SUMMARY, opts);
		goto out;
	}
	if (!schemas.n && !operands.n) {
		fprintf(stderr, "binprime: error: give --schema FILE and/or logs\nusage: binprime schema %s\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	bp_schema *s = bp_schema_new();
	if (!s) {
		status = 3;
		goto out;
	}
	status = bp_schema_opts_load(s, &schemas, quiet);
	if (status < 3 && operands.n) {
		if (bp_inputs_expand(&operands, &files, &err)) {
			bp_err_print(stderr, "error", &err);
			status = bp_exit_status(err.code);
		} else {
			int st = bp_schema_opts_track_logs(s, &files, has_at ? &at : NULL, quiet);
			if (st > status)
				status = st;
		}
	}
	if (status < 3) {
		bp_buf b = BP_BUF_INIT;
		if (format == 1)
			bp_schema_json(&b, s);
		else
			bp_schema_text(&b, s);
		if (!bp_buf_flush_to(&b, stdout) || fflush(stdout) != 0) {
			fprintf(stderr, "binprime: error: writing output failed\n");
			status = 3;
		}
		bp_buf_release(&b);
	}
	bp_schema_free(s);
out:
	bp_strlist_release(&schemas);
	bp_strlist_release(&operands);
	bp_inputs_release(&files);
	return status;
}
