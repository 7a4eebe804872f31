/*
 * binprime.c: main and the subcommand table.
 *
 * Data flow (docs/design.md): log file -> events (analyzer/binlog_file.c,
 * analyzer/event*.c) -> classified writes -> prefetch queries -> script /
 * report / replay. Each subcommand lives in the module that owns its work.
 */
#include <stdio.h>
#include <string.h>

#include "report/commands.h"

#ifndef BP_VERSION
#define BP_VERSION "0.0.0"
#endif

typedef struct bp_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} bp_command;

static const bp_command bp_commands[] = {
	{ "events", bp_cmd_events, "decode binary/relay logs and print their events (text or JSON Lines)" },
	{ "schema", bp_cmd_schema, "load schema dumps, apply the logs' DDL, print the schema model" },
	{ "analyze", bp_cmd_analyze, "classify the logs' writes and write the read-only prefetch script" },
	{ "diff", bp_cmd_diff, "compare two analyze reports against CI thresholds (exit 4 beyond them)" },
	{ "report-html", bp_cmd_report_html, "render an analyze report (JSON) as one self-contained HTML page" },
	{ "replay", bp_cmd_replay, "run a prefetch script against a server, read-only, and time it" },
};

#define N_COMMANDS (sizeof(bp_commands) / sizeof(bp_commands[0]))

static void usage(FILE *fp)
{
	fprintf(fp, "usage: binprime [--version] [--help] COMMAND [options] [args]\n\n"
		    "binprime reads MySQL/MariaDB binary and relay logs offline and tells how well\n"
		    "a replica's writes can be prefetched.\n\ncommands:\n");
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(fp, "  %-10s %s\n", bp_commands[i].name, bp_commands[i].summary);
	fprintf(fp, "\n'binprime COMMAND --help' describes a command's options.\n"
		    "exit status: 0 ok, 1 usage, 2 input damaged or unsupported, 3 I/O, 4 threshold, 5 internal\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 1;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf("binprime %s\n", BP_VERSION);
		return 0;
	}
	if (strcmp(cmd, "help") == 0) {
		if (argc < 3) {
			usage(stdout);
			return 0;
		}
		cmd = argv[2];
		for (size_t i = 0; i < N_COMMANDS; i++)
			if (strcmp(bp_commands[i].name, cmd) == 0) {
				char *hargv[] = { argv[2], (char *)"--help", NULL };
				return bp_commands[i].fn(2, hargv);
			}
	}
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(bp_commands[i].name, cmd) == 0)
			return bp_commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "binprime: error: unknown command '%s'\n", cmd);
	usage(stderr);
	return 1;
}
