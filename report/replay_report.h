/*
 * replay_report.h: the figures of one `binprime replay` run, as the text
 * summary (stdout) and the JSON report (--report FILE, format
 * "binprime-replay/1", schema share/replay.schema.json, docs/replay.md).
 */
#ifndef BP_REPORT_REPLAY_REPORT_H
#define BP_REPORT_REPLAY_REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "../common/err.h"
#include "replay_follow.h"
#include "replay_stats.h"

typedef struct bp_replay_result {
	const char *script;            /* path as given */
	uint64_t in_script;            /* SELECTs in the script */
	uint64_t planned;              /* after --limit */
	unsigned concurrency;
	double rate;                   /* 0: as fast as possible */
	double duration;               /* 0: none */
	uint64_t limit;                /* 0: none */
	double max_statement_time;
	bool require_read_only_server;
	const char *server_version;
	bool mariadb;
	time_t started;
	double elapsed;                /* seconds */
	const char *stopped_by;        /* "end", "limit", "duration", "signal", "connection", "follow", "script" */
	uint64_t reconnects;
	unsigned n_classes;
	char *const *class_names;      /* borrowed, n_classes */
	const bp_rstat *cls;           /* borrowed, n_classes */
	const bp_rstat *total;
	const uint64_t *per_second;    /* borrowed: statements answered in each second, n_seconds */
	size_t n_seconds;
	double speed;                  /* --pace original: the speed-up; 0: asap */
	const bp_follow_stats *follow; /* --follow, or NULL */
	const bp_follow_figures *follow_fig;
	int64_t min_ahead, max_ahead;
	uint64_t follow_interval_ms;
} bp_replay_result;

void bp_replay_print_text(FILE *fp, const bp_replay_result *r);
/* Write the JSON report to path ("-": stdout). 0, or -BP_E_IO / -BP_E_NOMEM with err filled. */
int bp_replay_write_json(const char *path, const bp_replay_result *r, bp_err *err);

#endif
