/*
 * commands.h: the subcommand handlers (one per `binprime CMD`), dispatched by
 * the table in binprime.c. Each takes argv with argv[0] = the command name and
 * returns the process exit status (see common/errors.def).
 */
#ifndef BP_REPORT_COMMANDS_H
#define BP_REPORT_COMMANDS_H

int bp_cmd_events(int argc, char **argv);
int bp_cmd_schema(int argc, char **argv);
int bp_cmd_analyze(int argc, char **argv);
int bp_cmd_diff(int argc, char **argv);
int bp_cmd_report_html(int argc, char **argv);
int bp_cmd_replay(int argc, char **argv);

#endif
