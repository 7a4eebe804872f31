/*
 * schema_opts.h: what `schema`, `events` (and later `analyze`) share for
 * --schema: loading the files with diagnostics on stderr, and running logs
 * through the schema tracker.
 */
#ifndef BP_REPORT_SCHEMA_OPTS_H
#define BP_REPORT_SCHEMA_OPTS_H

#include <stdint.h>

#include "../analyzer/schema.h"
#include "../common/opts.h"

/* Load every file into s. Returns an exit status: 0, 2 (syntax errors, the rest
 * loaded) or 3 (a file could not be read). */
int bp_schema_opts_load(bp_schema *s, const bp_strlist *files, bool quiet);
/* A schema tracker's notice on stderr ("binprime: notice: FILE:POS: MSG");
 * ctx points to a bool that is true for --quiet. */
void bp_schema_opts_notice(void *ctx, const char *path, uint64_t pos, const char *msg);
/* Apply the DDL of logs (in order) to s; stop_at: stop before this position of
 * the last log (NULL: read to the end). Returns an exit status. */
int bp_schema_opts_track_logs(bp_schema *s, const bp_strlist *logs, const uint64_t *stop_at, bool quiet);

#endif
