/*
 * opts.c: the option parser and help renderer behind every subcommand.
 */
#include "opts.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int bp_strlist_push(bp_strlist *l, const char *s)
{
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 8;
		const char **nv = realloc(l->v, nc * sizeof(*nv));
		if (!nv)
			return -BP_E_NOMEM;
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = s;
	return 0;
}

void bp_strlist_release(bp_strlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

static int set_value(const bp_opt *o, const char *val, bp_err *err)
{
	switch (o->type) {
	case BP_OPT_FLAG:
		*(bool *)o->dest = true;
		break;
	case BP_OPT_STR:
		*(const char **)o->dest = val;
		break;
	case BP_OPT_U64: {
		char *end;
		errno = 0;
		unsigned long long v = strtoull(val, &end, 10);
		if (errno || end == val || *end || val[0] == '-')
			return BP_ERR_SET(err, BP_E_USAGE, "option '--%s' wants a number, got '%s'", o->lng, val);
		*(uint64_t *)o->dest = v;
		break;
	}
	case BP_OPT_CHOICE: {
		const char *c = o->choices;
		int idx = 0;
		size_t vl = strlen(val);
		while (c && *c) {
			const char *bar = strchr(c, '|');
			size_t l = bar ? (size_t)(bar - c) : strlen(c);
			if (l == vl && strncmp(c, val, l) == 0) {
				*(int *)o->dest = idx;
				goto done;
			}
			idx++;
			c = bar ? bar + 1 : NULL;
		}
		return BP_ERR_SET(err, BP_E_USAGE, "option '--%s' wants one of %s, got '%s'", o->lng, o->choices, val);
	}
	case BP_OPT_LIST:
		if (bp_strlist_push((bp_strlist *)o->dest, val))
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		break;
	}
done:
	if (o->seen)
		*o->seen = true;
	return 0;
}

int bp_opts_parse(const bp_opt *opts, int argc, char **argv, int first, bp_strlist *operands, bool *help,
		  bp_err *err)
{
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		const bp_opt *o = NULL;
		const char *val = NULL;
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				if (bp_strlist_push(operands, argv[i]))
					return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			break;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			*help = true;
			continue;
		}
		if (a[0] == '-' && a[1] == '-') {
			const char *name = a + 2;
			const char *eq = strchr(name, '=');
			size_t nl = eq ? (size_t)(eq - name) : strlen(name);
			for (const bp_opt *p = opts; p->lng; p++)
				if (strlen(p->lng) == nl && strncmp(p->lng, name, nl) == 0)
					o = p;
			if (!o)
				return BP_ERR_SET(err, BP_E_USAGE, "unknown option '%s'", a);
			if (eq) {
				if (o->type == BP_OPT_FLAG)
					return BP_ERR_SET(err, BP_E_USAGE, "option '--%s' takes no value", o->lng);
				val = eq + 1;
			}
		} else if (a[0] == '-' && a[1] && a[1] != '-') {
			if (a[2])
				return BP_ERR_SET(err, BP_E_USAGE, "unknown option '%s' (short options are not bundled)", a);
			for (const bp_opt *p = opts; p->lng; p++)
				if (p->shrt && p->shrt == a[1])
					o = p;
			if (!o)
				return BP_ERR_SET(err, BP_E_USAGE, "unknown option '%s'", a);
		} else {
			if (bp_strlist_push(operands, a))
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			continue;
		}
		if (o->type != BP_OPT_FLAG && !val) {
			if (i + 1 >= argc)
				return BP_ERR_SET(err, BP_E_USAGE, "option '--%s' needs a value", o->lng);
			val = argv[++i];
		}
		int rc = set_value(o, val, err);
		if (rc)
			return rc;
	}
	return 0;
}

void bp_opts_help(FILE *fp, const char *cmd, const char *synopsis, const char *summary, const bp_opt *opts)
{
	fprintf(fp, "usage: binprime %s %s\n\n%s\n\noptions:\n", cmd, synopsis, summary);
	for (const bp_opt *o = opts; o->lng; o++) {
		char left[64];
		int n;
		if (o->shrt)
			n = snprintf(left, sizeof(left), "-%c, --%s", o->shrt, o->lng);
		else
			n = snprintf(left, sizeof(left), "    --%s", o->lng);
		if (o->type == BP_OPT_CHOICE)
			snprintf(left + n, sizeof(left) - (size_t)n, "=%s", o->choices);
		else if (o->arg)
			snprintf(left + n, sizeof(left) - (size_t)n, "=%s", o->arg);
		fprintf(fp, "  %-34s %s\n", left, o->help);
	}
	fprintf(fp, "  %-34s %s\n", "-h, --help", "show this help");
}
