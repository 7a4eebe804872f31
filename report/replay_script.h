/*
 * replay_script.h: a prefetch script read and proven read-only before
 * `binprime replay` connects anywhere.
 *
 * The whole file is read, split into statements by the SQL lexer (a ';' inside
 * a string, a name or a comment does not split) and every statement checked:
 *   - the header of docs/prefetch-script.md, exactly as `analyze` writes it:
 *       SET SESSION TRANSACTION READ ONLY;  SET NAMES utf8mb4;
 *       SET SESSION time_zone = '+00:00';
 *     (only before the first SELECT); they become session setup, not replayed;
 *   - otherwise exactly one SELECT (rewriter/emit.h bp_sql_is_single_select:
 *     no INTO, FOR UPDATE/SHARE, LOCK IN SHARE MODE, variables, hints), with
 *     no comment inside the statement text (what is sent is only the text from
 *     its first to its last token), no NEXT VALUE FOR, and no call of a
 *     function outside the built-in whitelist (rewriter/expr.c
 *     bp_func_is_builtin_safe, plus COUNT and the syntax words that take '(').
 * One violation refuses the whole script. The file is read twice, through a
 * window, so memory does not grow with it: the first pass checks it all
 * before anything is connected; the second hands the statements to the
 * replay, each checked again.
 */
#ifndef BP_REPORT_REPLAY_SCRIPT_H
#define BP_REPORT_REPLAY_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../common/err.h"

#define BP_RS_MAX_CLASSES 32 /* distinct CLASS words kept; more fold into "other" */
#define BP_RS_MAX_STREAMS 64 /* distinct GTID streams (domains, source uuids) kept */

/*
 * Where a statement stands in the log, from its comment, for --follow: a
 * stream and the sequence numbers of the first and last write it serves (a
 * batched line serves several). Streams:
 *   0           none: the statement has no usable comment;
 *   BP_RS_POS   the log position: seq is the ordinal of FILE:POS among every
 *               distinct position of the script (files in script order), for
 *               logs without GTIDs (`anonymous`, `-`);
 *   2..         a GTID stream, named in streams[]: a MariaDB domain ("0" for
 *               0-1-77, seq 77) or a MySQL source ("uuid" or "uuid:tag" for
 *               uuid:tag:77, seq 77).
 */
#define BP_RS_POS 1

typedef struct bp_rs_stmt {
	const char *sql;   /* the text sent: first to last token; valid until the next read */
	uint32_t len;
	uint32_t line;     /* 1-based line of its first token */
	uint16_t cls;      /* index into bp_replay_script.classes */
	uint16_t stream;   /* see above */
	uint32_t ts;       /* the comment's TIME (its first write's event timestamp), 0: none */
	uint64_t seq_first, seq_last;
} bp_rs_stmt;

/*
 * Where the statements are read from: a window over the file that slides
 * forward (statements are handed out, not kept), or the whole text in memory
 * (stdin, the unit tests). Lexing always restarts at a statement boundary, so
 * a window holds at least one whole statement and its line comment.
 */
typedef struct bp_rs_reader {
	FILE *fp;          /* NULL: buf is the whole text */
	char *buf;         /* the window (owned when fp) */
	size_t cap, len, pos; /* bytes held; where the next statement starts */
	uint32_t line;     /* the line at pos */
	bool eof;          /* nothing more to read */
	bool final;        /* the second pass: positional seqs become ordinals */
	bool seen_select;
} bp_rs_reader;

#define BP_RS_WINDOW (1u << 22)        /* 4 MiB to start with */
#define BP_RS_MAX_STATEMENT (1u << 26) /* a window grows up to 64 MiB for one statement */

typedef struct bp_replay_script {
	char *text;        /* owned: the whole script, when it came from stdin or memory */
	size_t size;
	bp_rs_reader rd;   /* the second pass (bp_replay_script_next) */
	size_t n;          /* SELECTs in the script */
	/* header statements seen (replayed as session setup) */
	bool hdr_read_only, hdr_names, hdr_time_zone;
	char *classes[BP_RS_MAX_CLASSES]; /* owned names; [0] is "-" (no comment) */
	unsigned n_classes;
	char *streams[BP_RS_MAX_STREAMS]; /* owned names; [0] "-" and [1] "@pos" (see above) */
	unsigned n_streams;
	uint64_t stream_min[BP_RS_MAX_STREAMS]; /* the smallest seq_first of each stream */
	char **files;      /* owned: FILE names of positional comments, in order of first appearance */
	size_t n_files;
	uint64_t *pos_keys; /* owned: distinct (file index << 40 | pos), sorted; a POS stream's seq indexes it */
	size_t n_pos_keys, cap_pos_keys;
	size_t with_ts, with_stream; /* statements with a TIME, with a stream */
	bool has_gtid, has_pos;      /* some statement is placed by GTID, by position */
	uint32_t ts0;                /* the first TIME of the script, 0: none */
	uint32_t line_no_stream;     /* the first statement without a position comment, 0: none */
	size_t window;               /* set before load: the first window's size (0: BP_RS_WINDOW) */
} bp_replay_script;

/* A positional key: file index and byte position. */
#define BP_RS_POS_KEY(file, pos) (((uint64_t)(file) << 40) | ((pos) & ((1ULL << 40) - 1)))

/* How many of the script's distinct positions are before key (the index of key when it is one). */
size_t bp_replay_pos_index(const bp_replay_script *s, uint64_t key);

/*
 * Parse one line comment's fields (the text between '/' '*' and '*' '/'):
 * FILE:POS[..FILE:POS] GTID[..GTID] CLASS INDEX ROLE [TIME]. Fills st's cls,
 * stream, seq_*, ts (a positional seq is the key until the first pass ends).
 * Exposed for the unit tests.
 */
void bp_replay_comment(bp_replay_script *s, const char *c, size_t n, bp_rs_stmt *st);

/*
 * The first pass over text[0..n) (kept by the caller while s is used): check
 * every statement and learn what the replay needs (counts, classes, streams,
 * positions, the header). s is zeroed by the caller. Returns 0, or
 * -BP_E_UNSUPPORTED with err saying "LINE: why" (the caller adds the path),
 * or -BP_E_NOMEM. The second pass then reads the same text.
 */
int bp_replay_script_parse(bp_replay_script *s, const char *text, size_t n, bp_err *err);

/*
 * The first pass over the file path, read in a sliding window (memory does not
 * grow with the script), or over stdin ("-", read whole). Errors name
 * path:line. The file stays open for the second pass.
 */
int bp_replay_script_load(bp_replay_script *s, const char *path, bp_err *err);

/*
 * The second pass: the next SELECT, checked again (the file could have
 * changed since the first pass). Returns 1, 0 at the end, or < 0 with err
 * ("LINE: why"). st->sql is valid until the next call.
 */
int bp_replay_script_next(bp_replay_script *s, bp_rs_stmt *st, bp_err *err);

void bp_replay_script_release(bp_replay_script *s);

/*
 * Is sql[0..n) one statement replay may send (see above; header lines are
 * not)? *why gets a short reason when false. Exposed for the unit tests.
 */
bool bp_replay_select_ok(const char *sql, size_t n, const char **why);

#endif
