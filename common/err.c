/*
 * err.c: error names, exit statuses and the error record.
 */
#include "err.h"

#include <inttypes.h>
#include <string.h>

static const struct {
	const char *name;
	int exit;
	const char *summary;
} errtab[] = {
#define X(code, exit, summary) { #code, exit, summary },
#include "errors.def"
#undef X
};

const char *bp_errname(bp_errcode code)
{
	return (unsigned)code < BP_E__COUNT ? errtab[code].name : "BP_E_?";
}

const char *bp_strerror(bp_errcode code)
{
	return (unsigned)code < BP_E__COUNT ? errtab[code].summary : "unknown error";
}

int bp_exit_status(bp_errcode code)
{
	return (unsigned)code < BP_E__COUNT ? errtab[code].exit : 5;
}

void bp_err_clear(bp_err *e)
{
	memset(e, 0, sizeof(*e));
	e->offset = -1;
	e->event_type = -1;
}

int bp_err_set_(bp_err *e, const char *file, int line, bp_errcode code, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		e->code = code;
		e->src_file = file;
		e->src_line = line;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return -(int)code;
}

void bp_err_print(FILE *fp, const char *level, const bp_err *e)
{
	if (e->path && e->offset >= 0)
		fprintf(fp, "binprime: %s: %s:%" PRId64 ": %s\n", level, e->path, e->offset, e->msg);
	else if (e->path)
		fprintf(fp, "binprime: %s: %s: %s\n", level, e->path, e->msg);
	else
		fprintf(fp, "binprime: %s: %s\n", level, e->msg);
}
