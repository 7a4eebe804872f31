/*
 * inputs.h: expand the command line's log operands into the list of files to
 * read, in order: plain files, "-" (stdin), and binlog/relay-log index files
 * (`*.index`: one log path a line, relative paths taken from the index's folder,
 * as the server writes them, e.g. "./mysql-bin.000042").
 */
#ifndef BP_ANALYZER_INPUTS_H
#define BP_ANALYZER_INPUTS_H

#include "../common/err.h"
#include "../common/opts.h"

/* Append the expanded paths to out (strings are malloc'd: free with bp_inputs_release). */
int bp_inputs_expand(const bp_strlist *operands, bp_strlist *out, bp_err *err);
void bp_inputs_release(bp_strlist *out);

#endif
