/*
 * err.h: error codes and the error record every layer fills.
 *
 * Functions return 0 or a negative bp_errcode (-BP_E_...) and fill a bp_err.
 * The record names what failed and where: binlog path, byte offset of the event,
 * event type, table id, plus the C file:line that raised it (BP_ERR_SET).
 * Message style (git's): lowercase, no final period, what failed first.
 */
#ifndef BP_COMMON_ERR_H
#define BP_COMMON_ERR_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

typedef enum {
#define X(code, exit, summary) code,
#include "errors.def"
#undef X
	BP_E__COUNT
} bp_errcode;

typedef struct bp_err {
	bp_errcode code;
	char msg[512];       /* human text, without the location prefix */
	const char *path;    /* borrowed: binlog path, or NULL */
	int64_t offset;      /* byte offset in the file of the failing event, -1 if none */
	int event_type;      /* -1 if unknown */
	const char *src_file; /* C source location that raised it */
	int src_line;
} bp_err;

/* Name of the code, e.g. "BP_E_TRUNCATED". */
const char *bp_errname(bp_errcode code);
/* One-line summary of the code, e.g. "truncated event". */
const char *bp_strerror(bp_errcode code);
/* Process exit status for the code (see errors.def). */
int bp_exit_status(bp_errcode code);

void bp_err_clear(bp_err *e);
/* Fill e (if not NULL) and return -code. */
int bp_err_set_(bp_err *e, const char *file, int line, bp_errcode code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
#define BP_ERR_SET(e, code, ...) bp_err_set_((e), __FILE__, __LINE__, (code), __VA_ARGS__)

/* Print "binprime: error: PATH:OFFSET: MSG" (or without location) to fp. */
void bp_err_print(FILE *fp, const char *level, const bp_err *e);

#endif
