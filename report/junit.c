/*
 * junit.c: JUnit XML (libxml2 xmlTextWriter) and the shared report readers
 * declared in junit.h.
 *
 * The XML is built in memory and written with one fwrite, so a failed write is
 * one I/O error and never half a file. libxml2 escapes markup characters; what
 * it cannot make valid (control characters, broken UTF-8 from a binlog's table
 * name) is replaced here first, so every CI parser accepts the file.
 */
#include "junit.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "../common/buf.h"

/* ---- reading reports ---------------------------------------------------- */

int bp_report_read_file(const char *path, char **out, size_t *n, bp_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *fp = is_stdin ? stdin : fopen(path, "rb");
	if (!fp)
		return BP_ERR_SET(err, BP_E_IO, "cannot open %s: %s", path, strerror(errno));
	bp_buf b = BP_BUF_INIT;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		bp_buf_add(&b, chunk, got);
	bool failed = ferror(fp) != 0;
	if (!is_stdin)
		fclose(fp);
	if (failed) {
		bp_buf_release(&b);
		return BP_ERR_SET(err, BP_E_IO, "cannot read %s", path);
	}
	bp_buf_cstr(&b); /* NUL after the data: cJSON and callers may treat it as a string */
	if (!bp_buf_ok(&b)) {
		bp_buf_release(&b);
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory reading %s", path);
	}
	*out = b.data;
	*n = b.len;
	return 0;
}

cJSON *bp_report_parse(const char *json, size_t n, const char *name, bp_err *err)
{
	if (!name)
		name = "report";
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(json, n, &end, 0);
	/* cJSON stops after the value: anything but white space after it is damage too */
	while (root && end && end < json + n && strchr(" \t\r\n", *end) && *end)
		end++;
	if (!root || !cJSON_IsObject(root) || (end && end < json + n)) {
		cJSON_Delete(root);
		BP_ERR_SET(err, BP_E_CORRUPT, "%s: not a JSON object (expected a binprime analyze --report file)", name);
		return NULL;
	}
	const char *fmt = bp_report_str(root, "format");
	if (!fmt || strcmp(fmt, "binprime-report/1") != 0) {
		BP_ERR_SET(err, BP_E_UNSUPPORTED, "%s: format is %s%s%s, expected \"binprime-report/1\"", name,
			   fmt ? "\"" : "", fmt ? fmt : "missing", fmt ? "\"" : "");
		cJSON_Delete(root);
		return NULL;
	}
	return root;
}

/* The member at a dotted path; segments are at most 63 bytes (report field names are short). */
static const cJSON *at_path(const cJSON *o, const char *path)
{
	char seg[64];
	while (o && *path) {
		size_t len = strcspn(path, ".");
		if (len >= sizeof(seg))
			return NULL;
		memcpy(seg, path, len);
		seg[len] = '\0';
		o = cJSON_IsObject(o) ? cJSON_GetObjectItemCaseSensitive(o, seg) : NULL;
		path += len + (path[len] == '.');
	}
	return o;
}

bool bp_report_num(const cJSON *o, const char *path, double *out)
{
	const cJSON *v = at_path(o, path);
	if (!cJSON_IsNumber(v))
		return false;
	*out = v->valuedouble;
	return true;
}

const char *bp_report_str(const cJSON *o, const char *path)
{
	const cJSON *v = at_path(o, path);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- JUnit -------------------------------------------------------------- */

/* A copy of s that XML 1.0 accepts (see the header comment); NULL when out of memory. */
static char *xml_safe(const char *s)
{
	char *c = strdup(s ? s : "");
	if (!c)
		return NULL;
	bool utf8 = bp_utf8_valid(c, strlen(c));
	for (unsigned char *p = (unsigned char *)c; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') || *p == 0x7f || (*p >= 0x80 && !utf8))
			*p = '?';
	return c;
}

/* Every xmlTextWriter call returns < 0 on failure; one flag collects them. */
typedef struct {
	xmlTextWriterPtr w;
	bool bad;
} xw;

static void x_check(xw *x, int rc)
{
	if (rc < 0)
		x->bad = true;
}

static void x_attr(xw *x, const char *name, const char *value)
{
	char *v = xml_safe(value);
	if (!v) {
		x->bad = true;
		return;
	}
	x_check(x, xmlTextWriterWriteAttribute(x->w, BAD_CAST name, BAD_CAST v));
	free(v);
}

static void x_attr_u(xw *x, const char *name, size_t value)
{
	char num[32];
	snprintf(num, sizeof(num), "%zu", value);
	x_attr(x, name, num);
}

static void x_text_element(xw *x, const char *elem, const char *text)
{
	char *t = xml_safe(text);
	if (!t) {
		x->bad = true;
		return;
	}
	x_check(x, xmlTextWriterWriteElement(x->w, BAD_CAST elem, BAD_CAST t));
	free(t);
}

static void write_case(xw *x, const bp_junit_case *c)
{
	x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "testcase"));
	x_attr(x, "classname", c->classname);
	x_attr(x, "name", c->name);
	x_attr(x, "time", "0");
	if (c->result != BP_JUNIT_PASS) {
		bool fail = c->result == BP_JUNIT_FAIL;
		x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST(fail ? "failure" : "skipped")));
		if (c->message)
			x_attr(x, "message", c->message);
		if (fail)
			x_attr(x, "type", "threshold");
		x_check(x, xmlTextWriterEndElement(x->w));
	}
	if (c->output)
		x_text_element(x, "system-out", c->output);
	x_check(x, xmlTextWriterEndElement(x->w));
}

static void write_suite(xw *x, const char *suite, const bp_junit_case *cases, size_t n)
{
	size_t failures = 0, skipped = 0;
	for (size_t i = 0; i < n; i++) {
		failures += cases[i].result == BP_JUNIT_FAIL;
		skipped += cases[i].result == BP_JUNIT_SKIP;
	}
	x_check(x, xmlTextWriterStartDocument(x->w, NULL, "UTF-8", NULL));
	x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "testsuites"));
	x_attr(x, "name", "binprime");
	x_attr_u(x, "tests", n);
	x_attr_u(x, "failures", failures);
	x_attr_u(x, "errors", 0);
	x_attr_u(x, "skipped", skipped);
	x_check(x, xmlTextWriterStartElement(x->w, BAD_CAST "testsuite"));
	x_attr(x, "name", suite);
	x_attr_u(x, "tests", n);
	x_attr_u(x, "failures", failures);
	x_attr_u(x, "errors", 0);
	x_attr_u(x, "skipped", skipped);
	x_attr(x, "time", "0");
	for (size_t i = 0; i < n; i++)
		write_case(x, &cases[i]);
	x_check(x, xmlTextWriterEndDocument(x->w)); /* closes every open element */
}

static int write_out(const char *path, const void *p, size_t n, bp_err *err)
{
	bool is_stdout = strcmp(path, "-") == 0;
	FILE *fp = is_stdout ? stdout : fopen(path, "wb");
	if (!fp)
		return BP_ERR_SET(err, BP_E_IO, "cannot create %s: %s", path, strerror(errno));
	bool ok = fwrite(p, 1, n, fp) == n;
	ok = (is_stdout ? fflush(fp) == 0 : fclose(fp) == 0) && ok;
	return ok ? 0 : BP_ERR_SET(err, BP_E_IO, "writing %s failed", path);
}

int bp_junit_write(const char *path, const char *suite, const bp_junit_case *cases, size_t n, bp_err *err)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xw x = { buf ? xmlNewTextWriterMemory(buf, 0) : NULL, false };
	if (!x.w) {
		xmlBufferFree(buf);
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory writing %s", path);
	}
	x_check(&x, xmlTextWriterSetIndent(x.w, 1));
	x_check(&x, xmlTextWriterSetIndentString(x.w, BAD_CAST "  "));
	write_suite(&x, suite, cases, n);
	xmlFreeTextWriter(x.w); /* flushes into buf */
	int rc = x.bad ? BP_ERR_SET(err, BP_E_NOMEM, "building the JUnit XML for %s failed", path)
		       : write_out(path, xmlBufferContent(buf), (size_t)xmlBufferLength(buf), err);
	xmlBufferFree(buf);
	return rc;
}

/* ---- JUnit of one report ------------------------------------------------ */

/* One case's strings, owned here (names and messages are built per table). */
typedef struct {
	char *name, *message, *output;
} case_text;

static void table_case(const cJSON *t, double min_coverage, bp_junit_case *c, case_text *s)
{
	const char *db = bp_report_str(t, "db"), *name = bp_report_str(t, "table");
	double writes = 0, touched = 0, warmed = 0, cov = 0;
	bp_report_num(t, "writes", &writes);
	bp_report_num(t, "index_entries.touched", &touched);
	bp_report_num(t, "index_entries.warmed", &warmed);
	bp_report_num(t, "index_entries.coverage", &cov);
	bp_buf b = BP_BUF_INIT;
	bp_buf_addf(&b, "%s.%s", db ? db : "", name ? name : "?");
	s->name = strdup(bp_buf_cstr(&b));
	bp_buf_clear(&b);
	bp_buf_addf(&b, "%.0f writes; index-entry coverage %.1f%% (%.0f of %.0f entries warmed)", writes, cov * 100,
		    warmed, touched);
	s->output = strdup(bp_buf_cstr(&b));
	c->classname = "binprime.tables";
	c->name = s->name;
	c->output = s->output;
	/* A table whose writes touch no index entry (DDL only, say) has nothing to cover. */
	if (touched > 0 && cov * 100 < min_coverage) {
		bp_buf_clear(&b);
		bp_buf_addf(&b, "index-entry coverage %.1f%% is below the minimum %.1f%%", cov * 100, min_coverage);
		s->message = strdup(bp_buf_cstr(&b));
		c->result = BP_JUNIT_FAIL;
		c->message = s->message;
	}
	bp_buf_release(&b);
}

static void verdict_case(const cJSON *root, bp_junit_case *c, case_text *s)
{
	const char *fit = bp_report_str(root, "verdict.fit");
	bp_buf b = BP_BUF_INIT;
	bp_buf_addf(&b, "%s", fit ? fit : "(none)");
	const cJSON *reasons = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "verdict"), "reasons");
	const cJSON *r;
	cJSON_ArrayForEach(r, reasons)
		if (cJSON_IsString(r))
			bp_buf_addf(&b, "\n- %s", r->valuestring);
	s->output = strdup(bp_buf_cstr(&b));
	bp_buf_release(&b);
	c->classname = "binprime.verdict";
	c->name = "verdict";
	c->output = s->output;
}

int bp_junit_report(const char *report_json, size_t n, const char *path, double min_coverage, bp_err *err)
{
	cJSON *root = bp_report_parse(report_json, n, NULL, err);
	if (!root)
		return -err->code;
	const cJSON *tables = cJSON_GetObjectItemCaseSensitive(root, "tables");
	size_t nt = (size_t)cJSON_GetArraySize(tables), nc = nt + 1;
	bp_junit_case *cases = calloc(nc, sizeof(*cases));
	case_text *texts = calloc(nc, sizeof(*texts));
	int rc;
	if (!cases || !texts) {
		rc = BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		goto out;
	}
	size_t i = 0;
	const cJSON *t;
	cJSON_ArrayForEach(t, tables) {
		table_case(t, min_coverage, &cases[i], &texts[i]);
		i++;
	}
	verdict_case(root, &cases[i], &texts[i]);
	for (size_t k = 0; k < nc; k++)
		if ((k < nt && !texts[k].name) || !texts[k].output) {
			rc = BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			goto out;
		}
	rc = bp_junit_write(path, "binprime analyze", cases, nc, err);
out:
	for (size_t k = 0; texts && k < nc; k++) {
		free(texts[k].name);
		free(texts[k].message);
		free(texts[k].output);
	}
	free(texts);
	free(cases);
	cJSON_Delete(root);
	return rc;
}
