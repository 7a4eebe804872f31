/*
 * inputs.c: operand expansion, including binlog and relay-log index files.
 * An operand is an index file when its name ends in ".index" and it does not
 * start with the binlog magic.
 */
#include "inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_index(const char *path)
{
	size_t n = strlen(path);
	if (n < 6 || strcmp(path + n - 6, ".index") != 0)
		return false;
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	unsigned char m[4] = { 0 };
	size_t got = fread(m, 1, 4, f);
	fclose(f);
	return !(got == 4 && (m[0] == 0xfe || m[0] == 0xfd) && memcmp(m + 1, "bin", 3) == 0);
}

static int push_dup(bp_strlist *out, const char *s, size_t n, bp_err *err)
{
	char *d = malloc(n + 1);
	if (!d)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	memcpy(d, s, n);
	d[n] = 0;
	if (bp_strlist_push(out, d)) {
		free(d);
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	}
	return 0;
}

static int expand_index(const char *path, bp_strlist *out, bp_err *err)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		BP_ERR_SET(err, BP_E_IO, "cannot open index file");
		err->path = path;
		return -BP_E_IO;
	}
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char line[4096];
	int rc = 0;
	while (!rc && fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = 0;
		if (!n)
			continue;
		const char *p = line;
		if (p[0] == '/' || !dirlen) {
			rc = push_dup(out, p, n, err);
			continue;
		}
		if (p[0] == '.' && p[1] == '/')
			p += 2;
		size_t pl = strlen(p);
		char *full = malloc(dirlen + pl + 1);
		if (!full) {
			rc = BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			break;
		}
		memcpy(full, path, dirlen);
		memcpy(full + dirlen, p, pl + 1);
		rc = push_dup(out, full, dirlen + pl, err);
		free(full);
	}
	fclose(f);
	return rc;
}

int bp_inputs_expand(const bp_strlist *operands, bp_strlist *out, bp_err *err)
{
	for (size_t i = 0; i < operands->n; i++) {
		const char *p = operands->v[i];
		int rc = is_index(p) ? expand_index(p, out, err) : push_dup(out, p, strlen(p), err);
		if (rc)
			return rc;
	}
	return 0;
}

void bp_inputs_release(bp_strlist *out)
{
	for (size_t i = 0; i < out->n; i++)
		free((void *)out->v[i]);
	bp_strlist_release(out);
}
