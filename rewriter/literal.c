/*
 * literal.c: row-image values as SQL literals (rules in literal.h).
 *
 * Why each form is what it is:
 *  - No backslash is ever written inside quotes, and names are never
 *    double-quoted, so the text reads the same with or without
 *    NO_BACKSLASH_ESCAPES and ANSI_QUOTES. Text that would need a backslash
 *    (or holds one) is written as hex bytes instead.
 *  - A plain '...' literal is in the connection's charset (utf8mb4, set by the
 *    script); against a column it is coercible and takes the column's
 *    collation, so it compares equal exactly when its characters convert to the
 *    column's bytes: always true for pure ASCII in an ASCII-compatible charset
 *    and for valid UTF-8 in a UTF-8 column. Everything else carries the
 *    column's own charset as an introducer over the exact bytes: _latin1 X'e9'.
 *  - DOUBLE is written with an exponent because a plain 0.5 is a DECIMAL
 *    literal for the server; exact for 0.5, but not for every shortest form.
 */
#include "literal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- bytes ------------------------------------------------------------------ */

static bool cs_is(const char *cs, const char *name) { return strcasecmp(cs, name) == 0; }

static bool cs_utf8(const char *cs)
{
	return cs_is(cs, "utf8mb4") || cs_is(cs, "utf8mb3") || cs_is(cs, "utf8");
}

/* The name is pasted into SQL after '_': only a plain word may go there (a
 * schema file is user input). */
static bool cs_name_ok(const char *cs)
{
	size_t n = 0;
	for (; cs[n]; n++) {
		char c = cs[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') || n >= 32)
			return false;
	}
	return n > 0;
}

static void hex_lit(bp_buf *b, const uint8_t *p, size_t n)
{
	bp_buf_add(b, "X'", 2);
	bp_buf_addhex(b, p, n);
	bp_buf_addc(b, '\'');
}

/* _cs X'..': the exact bytes, in the column's charset, lower-cased name
 * ("utf8" is written utf8mb3: MySQL 8.0 warns on the old name). */
static void introducer_lit(bp_buf *b, const uint8_t *p, size_t n, const char *cs)
{
	bp_buf_addc(b, '_');
	if (cs_is(cs, "utf8"))
		cs = "utf8mb3";
	for (; *cs; cs++)
		bp_buf_addc(b, (char)(*cs >= 'A' && *cs <= 'Z' ? *cs - 'A' + 'a' : *cs));
	bp_buf_addc(b, ' ');
	hex_lit(b, p, n);
}

static void quoted_lit(bp_buf *b, const uint8_t *p, size_t n)
{
	bp_buf_addc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\'')
			bp_buf_addc(b, '\'');
		bp_buf_addc(b, (char)p[i]);
	}
	bp_buf_addc(b, '\'');
}

/* Bytes that may stand inside quotes as they are: no control character (a
 * script line must stay a line, NUL a string), no backslash. */
static bool plain_bytes(const uint8_t *p, size_t n, bool allow_high)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
			return false;
		if (p[i] >= 0x80 && !allow_high)
			return false;
	}
	return true;
}

void bp_literal_bytes(bp_buf *b, const uint8_t *p, size_t n, const char *cs)
{
	if (!cs || cs_is(cs, "binary") || !cs_name_ok(cs)) {
		hex_lit(b, p, n);
		return;
	}
	bool quote;
	if (cs_utf8(cs))
		quote = plain_bytes(p, n, true) && bp_utf8_valid(p, n);
	else
		quote = bp_charset_ascii_compatible(cs) && plain_bytes(p, n, false);
	if (quote)
		quoted_lit(b, p, n);
	else
		introducer_lit(b, p, n, cs);
}

/* ---- numbers ---------------------------------------------------------------- */

/*
 * d in E notation with the shortest round-trip digits: "0.5" -> "5E-1",
 * "123456" -> "1.23456E5", "1e300" -> "1E300". The digits are bp_double_fmt's,
 * moved, never re-rounded, so strtod reads back the same double.
 */
static int double_lit(bp_buf *b, double d)
{
	if (!isfinite(d))
		return -1;
	char s[BP_NUMFMT_MAX], dig[BP_NUMFMT_MAX];
	bp_double_fmt(s, d, false);
	const char *q = s;
	bool neg = *q == '-';
	if (neg)
		q++;
	size_t nd = 0;
	long point = -1; /* digits before the '.' */
	for (; (*q >= '0' && *q <= '9') || *q == '.'; q++) {
		if (*q == '.')
			point = (long)nd;
		else
			dig[nd++] = *q;
	}
	if (point < 0)
		point = (long)nd;
	long exp = (*q == 'e' || *q == 'E') ? strtol(q + 1, NULL, 10) : 0;
	size_t first = 0;
	while (first < nd && dig[first] == '0') {
		first++;
		point--;
	}
	while (nd > first && dig[nd - 1] == '0')
		nd--;
	if (neg)
		bp_buf_addc(b, '-');
	if (first == nd) { /* zero (and -0, which compares equal to 0) */
		bp_buf_add(b, "0E0", 3);
		return 0;
	}
	bp_buf_addc(b, dig[first]);
	if (nd - first > 1) {
		bp_buf_addc(b, '.');
		bp_buf_add(b, dig + first + 1, nd - first - 1);
	}
	bp_buf_addc(b, 'E');
	bp_buf_addi64(b, exp + point - 1);
	return 0;
}

static int decimal_lit(bp_buf *b, const bp_value *v)
{
	size_t mark = b->len;
	if (bp_decimal_to_text(b, v->p, v->n, (unsigned)(v->u >> 8) & 0xff, (unsigned)v->u & 0xff) < 0) {
		b->len = mark;
		return -1;
	}
	return 0;
}

static void temporal_lit(bp_buf *b, const bp_value *v)
{
	char s[BP_TEMPORAL_FMT_MAX];
	size_t n = bp_temporal_fmt(s, &v->t, v->kind);
	bp_buf_addc(b, '\'');
	bp_buf_add(b, s, n);
	bp_buf_addc(b, '\'');
}

/* ---- strings ---------------------------------------------------------------- */

/* Bytes of a BINARY(n) column: real type STRING (not VARBINARY), charset binary. */
static uint32_t binary_width(const bp_column *col, uint32_t byte_len)
{
	if (!col || col->type != BP_T_STRING)
		return 0;
	uint8_t real;
	uint32_t max_len;
	bp_string_meta(col->type, col->meta, &real, &max_len);
	if (real != BP_T_STRING)
		return 0;
	return byte_len ? byte_len : max_len;
}

/* X'..' with the trailing 0x00 bytes the row image dropped put back: the
 * column holds them, and = compares binary strings byte for byte. */
static void padded_hex_lit(bp_buf *b, const uint8_t *p, size_t n, size_t width)
{
	bp_buf_add(b, "X'", 2);
	bp_buf_addhex(b, p, n);
	for (size_t i = n; i < width; i++)
		bp_buf_add(b, "00", 2);
	bp_buf_addc(b, '\'');
}

static void string_lit(bp_buf *b, const bp_value *v, const bp_column *col, const char *cs, uint32_t byte_len)
{
	if (!cs && col && col->charset)
		cs = bp_collation_charset(col->charset);
	if (cs && cs_is(cs, "binary")) {
		padded_hex_lit(b, v->p, v->n, binary_width(col, byte_len));
		return;
	}
	bp_literal_bytes(b, v->p, v->n, cs);
}

int bp_literal_value(bp_buf *b, const bp_value *v, const bp_column *col, const char *cs, uint32_t byte_len)
{
	switch (v->kind) {
	case BP_V_NULL:
		bp_buf_add(b, "NULL", 4);
		return 0;
	case BP_V_INT:
	case BP_V_YEAR:
		bp_buf_addi64(b, v->i);
		return 0;
	case BP_V_UINT:
	case BP_V_BIT:
	case BP_V_ENUM:
	case BP_V_SET:
		bp_buf_addu64(b, v->u);
		return 0;
	case BP_V_FLOAT: /* v->d is already the float widened to double */
	case BP_V_DOUBLE:
		return double_lit(b, v->d);
	case BP_V_DECIMAL:
		return decimal_lit(b, v);
	case BP_V_DATE:
	case BP_V_TIME:
	case BP_V_DATETIME:
	case BP_V_TIMESTAMP:
		temporal_lit(b, v);
		return 0;
	case BP_V_STRING:
	case BP_V_BLOB:
		string_lit(b, v, col, cs, byte_len);
		return 0;
	default: /* JSON, GEOMETRY, VECTOR, UNSUPPORTED: no index compares them */
		return -1;
	}
}

void bp_sql_add_name(bp_buf *b, const char *name)
{
	bp_buf_addc(b, '`');
	for (const char *s = name; *s; s++) {
		if (*s == '`')
			bp_buf_addc(b, '`');
		bp_buf_addc(b, *s);
	}
	bp_buf_addc(b, '`');
}
