/*
 * test_literal.c: values as SQL literals (rewriter/literal.c) and the
 * collation-id table (rewriter/charsets.c).
 *
 * Table-driven: byte strings by charset, then values of every kind with their
 * column, each with the exact text wanted (NULL: no literal, nothing
 * appended). Then DOUBLE's E notation on many doubles (read back with strtod),
 * the collation ids of both servers, and which charsets are ASCII-compatible.
 * tests/integration/literals.sh proves the same forms on a real server.
 */
#include "../unit.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rewriter/literal.h"

/* ---- bytes ------------------------------------------------------------------------ */

typedef struct bytes_case {
	const char *in;
	size_t n;         /* 0: strlen(in) */
	const char *cs;
	const char *want;
} bytes_case;

static const bytes_case bytes_cases[] = {
	/* binary and unknown: hex, always */
	{ "ab", 0, "binary", "X'6162'" },
	{ "ab", 0, NULL, "X'6162'" },
	{ "", 0, "binary", "X''" },
	{ "\0'\\", 3, "BINARY", "X'00275c'" },
	/* UTF-8 text: quoted, ' doubled */
	{ "abc", 0, "utf8mb4", "'abc'" },
	{ "", 0, "utf8mb4", "''" },
	{ "it's", 0, "utf8mb4", "'it''s'" },
	{ "''", 0, "utf8mb3", "''''''" },
	{ "caf\xc3\xa9", 0, "utf8mb3", "'caf\xc3\xa9'" },
	{ "\xf0\x9f\x98\x80", 0, "utf8mb4", "'\xf0\x9f\x98\x80'" },
	{ "\"x\"", 0, "utf8mb4", "'\"x\"'" },
	{ "a b", 0, "UTF8MB4", "'a b'" },
	/* ...but a backslash, a control character or invalid UTF-8: exact bytes */
	{ "a\\b", 0, "utf8mb4", "_utf8mb4 X'615c62'" },
	{ "a\nb", 0, "utf8mb4", "_utf8mb4 X'610a62'" },
	{ "a\tb", 0, "utf8mb4", "_utf8mb4 X'610962'" },
	{ "a\x7f", 0, "utf8mb4", "_utf8mb4 X'617f'" },
	{ "a\0b", 3, "utf8mb4", "_utf8mb4 X'610062'" },
	{ "\xe9", 0, "utf8mb4", "_utf8mb4 X'e9'" },
	{ "\xed\xa0\x80", 0, "utf8mb4", "_utf8mb4 X'eda080'" },  /* a surrogate */
	{ "\xc3\xa9\\", 0, "utf8", "_utf8mb3 X'c3a95c'" },       /* old name written as utf8mb3 */
	{ "x\\", 0, "UTF8MB4", "_utf8mb4 X'785c'" },
	/* single-byte charsets: printable ASCII quoted, anything else by bytes */
	{ "plain text", 0, "latin1", "'plain text'" },
	{ "x'y", 0, "latin1", "'x''y'" },
	{ "", 0, "latin1", "''" },
	{ "caf\xe9", 0, "latin1", "_latin1 X'636166e9'" },
	{ "caf\xc3\xa9", 0, "latin1", "_latin1 X'636166c3a9'" }, /* UTF-8 bytes in latin1 are two letters */
	{ "a\\b", 0, "latin1", "_latin1 X'615c62'" },
	{ "\x95\x5c", 0, "sjis", "_sjis X'955c'" },              /* 0x5c as a second byte */
	{ "abc", 0, "sjis", "'abc'" },
	{ "abc", 0, "gb18030", "'abc'" },
	{ "[", 0, "swe7", "_swe7 X'5b'" },                        /* swe7 0x5b is a letter */
	/* wide charsets: always the introducer */
	{ "\0a", 2, "ucs2", "_ucs2 X'0061'" },
	{ "", 0, "ucs2", "_ucs2 X''" },
	{ "\0\0\0a", 4, "utf32", "_utf32 X'00000061'" },
	{ "a\0", 2, "utf16le", "_utf16le X'6100'" },
	{ "\0a", 2, "utf16", "_utf16 X'0061'" },
	/* a name that is not a plain word never reaches the SQL */
	{ "ab", 0, "latin1'--", "X'6162'" },
	{ "ab", 0, "", "X'6162'" },
	{ "ab", 0, "utf8 mb4", "X'6162'" },
};

static void bytes_table(void)
{
	for (size_t i = 0; i < sizeof(bytes_cases) / sizeof(bytes_cases[0]); i++) {
		const bytes_case *c = &bytes_cases[i];
		bp_buf b = BP_BUF_INIT;
		size_t n = c->n ? c->n : strlen(c->in);
		bp_literal_bytes(&b, (const uint8_t *)c->in, n, c->cs);
		const char *got = bp_buf_cstr(&b);
		CHECK(strcmp(got, c->want) == 0, "bytes case %zu (%s): got %s, want %s", i, c->cs ? c->cs : "NULL", got,
		      c->want);
		bp_buf_release(&b);
	}
}

/* ---- values ------------------------------------------------------------------------ */

static const uint8_t dec_pos[] = { 0x8c, 0x1e };  /* DECIMAL(4,2) 12.30 */
static const uint8_t dec_neg[] = { 0x73, 0xe1 };  /* DECIMAL(4,2) -12.30 */
static const uint8_t dec_bad[] = { 0x8c, 0x64 };  /* fraction group 100: invalid */

/* column shorthands: type, meta, collation id */
#define COL(t, m, cs) { .type = (t), .meta = (m), .charset = (cs) }
#define STRV(s) .p = (const uint8_t *)(s), .n = sizeof(s) - 1

typedef struct value_case {
	bp_value v;
	bp_column col;
	const char *cs;     /* schema charset (NULL: from col.charset) */
	uint32_t byte_len;
	const char *want;   /* NULL: -1, nothing appended */
} value_case;

static const value_case value_cases[] = {
	{ { .kind = BP_V_NULL }, COL(BP_T_LONG, 0, 0), NULL, 0, "NULL" },
	/* integers: exact */
	{ { .kind = BP_V_INT, .i = -128 }, COL(BP_T_TINY, 0, 0), NULL, 0, "-128" },
	{ { .kind = BP_V_INT, .i = INT64_MIN }, COL(BP_T_LONGLONG, 0, 0), NULL, 0, "-9223372036854775808" },
	{ { .kind = BP_V_INT, .i = INT64_MAX }, COL(BP_T_LONGLONG, 0, 0), NULL, 0, "9223372036854775807" },
	{ { .kind = BP_V_UINT, .u = UINT64_MAX }, COL(BP_T_LONGLONG, 0, 0), NULL, 0, "18446744073709551615" },
	{ { .kind = BP_V_UINT, .u = 0 }, COL(BP_T_LONGLONG, 0, 0), NULL, 0, "0" },
	/* DECIMAL: exact text; a value that does not decode has no literal */
	{ { .kind = BP_V_DECIMAL, .u = 0x0402, .p = dec_pos, .n = 2 }, COL(BP_T_NEWDECIMAL, 0x0402, 0), NULL, 0, "12.30" },
	{ { .kind = BP_V_DECIMAL, .u = 0x0402, .p = dec_neg, .n = 2 }, COL(BP_T_NEWDECIMAL, 0x0402, 0), NULL, 0, "-12.30" },
	{ { .kind = BP_V_DECIMAL, .u = 0x0402, .p = dec_bad, .n = 2 }, COL(BP_T_NEWDECIMAL, 0x0402, 0), NULL, 0, NULL },
	/* DOUBLE / FLOAT: E notation; FLOAT as the widened double */
	{ { .kind = BP_V_DOUBLE, .d = 0.5 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "5E-1" },
	{ { .kind = BP_V_DOUBLE, .d = 1.5 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1.5E0" },
	{ { .kind = BP_V_DOUBLE, .d = -123456 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "-1.23456E5" },
	{ { .kind = BP_V_DOUBLE, .d = 100 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1E2" },
	{ { .kind = BP_V_DOUBLE, .d = 0 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "0E0" },
	{ { .kind = BP_V_DOUBLE, .d = -0.0 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "-0E0" },
	{ { .kind = BP_V_DOUBLE, .d = 0.1 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1E-1" },
	{ { .kind = BP_V_DOUBLE, .d = 1e300 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1E300" },
	{ { .kind = BP_V_DOUBLE, .d = -1.5e-7 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "-1.5E-7" },
	{ { .kind = BP_V_DOUBLE, .d = 0.0001 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1E-4" },
	{ { .kind = BP_V_DOUBLE, .d = DBL_MAX }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1.7976931348623157E308" },
	{ { .kind = BP_V_DOUBLE, .d = 4.9406564584124654e-324 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "5E-324" },
	{ { .kind = BP_V_DOUBLE, .d = 123456789012345680.0 }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, "1.2345678901234568E17" },
	{ { .kind = BP_V_FLOAT, .d = (double)0.1f }, COL(BP_T_FLOAT, 4, 0), NULL, 0, "1.0000000149011612E-1" },
	{ { .kind = BP_V_FLOAT, .d = (double)16777216.0f }, COL(BP_T_FLOAT, 4, 0), NULL, 0, "1.6777216E7" },
	{ { .kind = BP_V_DOUBLE, .d = NAN }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, NULL },
	{ { .kind = BP_V_DOUBLE, .d = INFINITY }, COL(BP_T_DOUBLE, 8, 0), NULL, 0, NULL },
	{ { .kind = BP_V_FLOAT, .d = -INFINITY }, COL(BP_T_FLOAT, 4, 0), NULL, 0, NULL },
	/* BIT, YEAR, ENUM, SET: numbers */
	{ { .kind = BP_V_BIT, .u = 1023 }, COL(BP_T_BIT, 0x0102, 0), NULL, 0, "1023" },
	{ { .kind = BP_V_BIT, .u = UINT64_MAX }, COL(BP_T_BIT, 0x0800, 0), NULL, 0, "18446744073709551615" },
	{ { .kind = BP_V_YEAR, .i = 0 }, COL(BP_T_YEAR, 0, 0), NULL, 0, "0" },
	{ { .kind = BP_V_YEAR, .i = 2155 }, COL(BP_T_YEAR, 0, 0), NULL, 0, "2155" },
	{ { .kind = BP_V_ENUM, .u = 0 }, COL(BP_T_STRING, 0xf701, 8), NULL, 0, "0" },
	{ { .kind = BP_V_ENUM, .u = 3 }, COL(BP_T_STRING, 0xf701, 8), NULL, 0, "3" },
	{ { .kind = BP_V_SET, .u = 5 }, COL(BP_T_STRING, 0xf801, 8), NULL, 0, "5" },
	/* temporal: quoted, the column's fsp, TIMESTAMP in UTC */
	{ { .kind = BP_V_DATE, .t = { .year = 2020, .month = 1, .day = 2 } }, COL(BP_T_NEWDATE, 0, 0), NULL, 0,
	  "'2020-01-02'" },
	{ { .kind = BP_V_DATE, .t = { .year = 0 } }, COL(BP_T_NEWDATE, 0, 0), NULL, 0, "'0000-00-00'" },
	{ { .kind = BP_V_TIME, .t = { .hour = 838, .minute = 59, .second = 59, .dec = 6, .neg = true } },
	  COL(BP_T_TIME2, 6, 0), NULL, 0, "'-838:59:59.000000'" },
	{ { .kind = BP_V_TIME, .t = { .usec = 1, .dec = 6, .neg = true } }, COL(BP_T_TIME2, 6, 0), NULL, 0,
	  "'-00:00:00.000001'" },
	{ { .kind = BP_V_TIME, .t = { .hour = 1, .minute = 2, .second = 3 } }, COL(BP_T_TIME2, 0, 0), NULL, 0,
	  "'01:02:03'" },
	{ { .kind = BP_V_DATETIME,
	    .t = { .year = 2020, .month = 1, .day = 2, .hour = 3, .minute = 4, .second = 5, .usec = 500000, .dec = 3 } },
	  COL(BP_T_DATETIME2, 3, 0), NULL, 0, "'2020-01-02 03:04:05.500'" },
	{ { .kind = BP_V_TIMESTAMP, .t = { .sec = 1577836800, .usec = 123000, .dec = 3 } }, COL(BP_T_TIMESTAMP2, 3, 0),
	  NULL, 0, "'2020-01-01 00:00:00.123'" },
	{ { .kind = BP_V_TIMESTAMP, .t = { .sec = 2147483647, .usec = 999999, .dec = 6 } }, COL(BP_T_TIMESTAMP2, 6, 0),
	  NULL, 0, "'2038-01-19 03:14:07.999999'" },
	{ { .kind = BP_V_TIMESTAMP, .t = { .sec = 0 } }, COL(BP_T_TIMESTAMP2, 0, 0), NULL, 0, "'0000-00-00 00:00:00'" },
	/* strings: charset from the collation id, or the schema's name when given */
	{ { .kind = BP_V_STRING, STRV("ab") }, COL(BP_T_VARCHAR, 40, 45), NULL, 0, "'ab'" },
	{ { .kind = BP_V_STRING, STRV("caf\xe9") }, COL(BP_T_VARCHAR, 20, 8), NULL, 0, "_latin1 X'636166e9'" },
	{ { .kind = BP_V_STRING, STRV("caf\xe9") }, COL(BP_T_VARCHAR, 20, 1071), NULL, 0, "_latin1 X'636166e9'" },
	{ { .kind = BP_V_STRING, STRV("\xc3\xa9") }, COL(BP_T_VARCHAR, 20, 2304), NULL, 0, "'\xc3\xa9'" },
	{ { .kind = BP_V_STRING, STRV("\xc3\xa9") }, COL(BP_T_VARCHAR, 20, 255), NULL, 0, "'\xc3\xa9'" },
	{ { .kind = BP_V_STRING, STRV("\0a") }, COL(BP_T_VARCHAR, 20, 35), NULL, 0, "_ucs2 X'0061'" },
	{ { .kind = BP_V_STRING, STRV("\xc3\xa9") }, COL(BP_T_VARCHAR, 20, 8), "utf8mb4", 0, "'\xc3\xa9'" },
	{ { .kind = BP_V_STRING, STRV("ab") }, COL(BP_T_VARCHAR, 20, 0), NULL, 0, "X'6162'" },      /* unknown */
	{ { .kind = BP_V_STRING, STRV("ab") }, COL(BP_T_VARCHAR, 20, 1999), NULL, 0, "X'6162'" },   /* no such id */
	/* CHAR keeps the image's (trailing-space-stripped) bytes: PAD SPACE compares equal */
	{ { .kind = BP_V_STRING, STRV("ab") }, COL(BP_T_STRING, 0xfe28, 45), NULL, 0, "'ab'" },
	/* BINARY(n): 0x00 padding back to n bytes, n from the metadata or byte_len */
	{ { .kind = BP_V_BLOB, STRV("\x01\x02") }, COL(BP_T_STRING, 0xfe08, 63), NULL, 0, "X'0102000000000000'" },
	{ { .kind = BP_V_BLOB, STRV("") }, COL(BP_T_STRING, 0xfe04, 63), NULL, 0, "X'00000000'" },
	{ { .kind = BP_V_BLOB, STRV("\x01\x02") }, COL(BP_T_STRING, 0xfe08, 63), NULL, 3, "X'010200'" },
	{ { .kind = BP_V_BLOB, STRV("\x01\x02") }, COL(BP_T_STRING, 0xfe08, 63), "binary", 0, "X'0102000000000000'" },
	{ { .kind = BP_V_BLOB, STRV("abcd") }, COL(BP_T_STRING, 0xfe02, 63), NULL, 0, "X'61626364'" }, /* longer: as is */
	/* BINARY(300): length bits folded into m0 (meta 0xee2c: real type STRING, 300 bytes) */
	{ { .kind = BP_V_BLOB, STRV("\x01") }, COL(BP_T_STRING, 0xee2c, 63), NULL, 0, NULL /* checked below */ },
	/* VARBINARY and BLOB: never padded */
	{ { .kind = BP_V_BLOB, STRV("\x01\x00") }, COL(BP_T_VARCHAR, 20, 63), NULL, 0, "X'0100'" },
	{ { .kind = BP_V_BLOB, STRV("\x27\x5c") }, COL(BP_T_BLOB, 2, 63), NULL, 8, "X'275c'" },
	{ { .kind = BP_V_BLOB, STRV("ab") }, COL(BP_T_BLOB, 2, 0), NULL, 0, "X'6162'" },
	/* a CHAR of unknown charset is not padded with zeros */
	{ { .kind = BP_V_STRING, STRV("ab") }, COL(BP_T_STRING, 0xfe08, 0), NULL, 0, "X'6162'" },
	/* no literal */
	{ { .kind = BP_V_JSON, STRV("{}") }, COL(BP_T_JSON, 4, 63), NULL, 0, NULL },
	{ { .kind = BP_V_GEOMETRY, STRV("\0\0\0\0") }, COL(BP_T_GEOMETRY, 4, 63), NULL, 0, NULL },
	{ { .kind = BP_V_VECTOR, STRV("\0\0\0\0") }, COL(BP_T_VECTOR, 4, 63), NULL, 0, NULL },
	{ { .kind = BP_V_UNSUPPORTED, STRV("x") }, COL(BP_T_VARCHAR_COMPRESSED, 20, 8), NULL, 0, NULL },
};

static void value_table(void)
{
	for (size_t i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++) {
		const value_case *c = &value_cases[i];
		bp_buf b = BP_BUF_INIT;
		bp_buf_adds(&b, "x = "); /* what is there stays, and nothing is added on failure */
		int rc = bp_literal_value(&b, &c->v, &c->col, c->cs, c->byte_len);
		const char *got = bp_buf_cstr(&b) + 4;
		if (c->want) {
			CHECK(rc == 0 && strcmp(got, c->want) == 0, "value case %zu: rc %d, got %s, want %s", i, rc, got,
			      c->want);
		} else if (c->col.meta == 0xee2c) {
			/* BINARY(300): "X'01" + 299 "00" + "'" */
			CHECK(rc == 0 && b.len - 4 == 2 + 600 + 1 && strncmp(got, "X'01000000", 10) == 0 &&
			      got[602] == '\'', "value case %zu: BINARY(300) got %zu bytes", i, b.len - 4);
		} else {
			CHECK(rc == -1 && b.len == 4, "value case %zu: rc %d, got %s, want no literal", i, rc, got);
		}
		bp_buf_release(&b);
	}
}

/* ---- DOUBLE round trip ----------------------------------------------------------------- */

/* [-]D[.DDD]E[-]N, D nonzero (or exactly [-]0E0), no trailing zero in the fraction */
static bool e_form(const char *s)
{
	if (*s == '-')
		s++;
	if (strcmp(s, "0E0") == 0)
		return true;
	if (*s < '1' || *s > '9')
		return false;
	s++;
	if (*s == '.') {
		s++;
		const char *f = s;
		while (*s >= '0' && *s <= '9')
			s++;
		if (s == f || s[-1] == '0')
			return false;
	}
	if (*s++ != 'E')
		return false;
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9' || (*s == '0' && s[1]))
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == 0;
}

static void check_double(double d, bool single)
{
	bp_value v = { .kind = single ? BP_V_FLOAT : BP_V_DOUBLE, .d = d };
	bp_column col = COL(single ? BP_T_FLOAT : BP_T_DOUBLE, single ? 4 : 8, 0);
	bp_buf b = BP_BUF_INIT;
	int rc = bp_literal_value(&b, &v, &col, NULL, 0);
	const char *s = bp_buf_cstr(&b);
	double back = strtod(s, NULL);
	CHECK(rc == 0 && e_form(s) && back == d && signbit(back) == signbit(d), "%.17g: %s reads back as %.17g", d, s,
	      back);
	bp_buf_release(&b);
}

static void double_round_trip(void)
{
	static const double fixed[] = {
		0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-300, 1e300, 1e22, 1e23, 9007199254740993.0, 9007199254740992.0,
		DBL_MIN, DBL_MAX, DBL_EPSILON, 4.9406564584124654e-324, 2.2250738585072009e-308, 123.456, -0.0, 5e-5,
		1e15, 1e16, 1e17, 999999999999999.9, 0.000123, 12345678901234567890.0,
	};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		check_double(fixed[i], false);
		check_double(-fixed[i], false);
	}
	/* floats widened: every value reads back as the same double, and as the same float */
	static const float ffixed[] = { 0.1f, 3.14159265f, FLT_MAX, FLT_MIN, 1.4e-45f, 16777217.0f, 1e-10f, 0.3f };
	for (size_t i = 0; i < sizeof(ffixed) / sizeof(ffixed[0]); i++)
		check_double((double)ffixed[i], true);
	/* pseudo-random bit patterns over the whole range (fixed seed: reproducible) */
	uint64_t x = 0x9e3779b97f4a7c15u;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		double d;
		memcpy(&d, &x, sizeof(d));
		if (isfinite(d))
			check_double(d, false);
		float f;
		uint32_t y = (uint32_t)(x >> 32);
		memcpy(&f, &y, sizeof(f));
		if (isfinite(f))
			check_double((double)f, true);
	}
}

/* ---- collation ids -------------------------------------------------------------------- */

static const struct {
	unsigned id;
	const char *want;
} collation_cases[] = {
	{ 0, NULL },
	{ 1, "big5" },
	{ 8, "latin1" },
	{ 17, NULL },          /* MySQL's "filename", never a column's */
	{ 33, "utf8mb3" },
	{ 35, "ucs2" },
	{ 45, "utf8mb4" },
	{ 46, "utf8mb4" },
	{ 47, "latin1" },
	{ 54, "utf16" },
	{ 56, "utf16le" },
	{ 60, "utf32" },
	{ 63, "binary" },
	{ 76, "utf8mb3" },     /* MySQL utf8mb3_tolower_ci */
	{ 83, "utf8mb3" },
	{ 95, "cp932" },
	{ 99, "cp1250" },
	{ 100, NULL },
	{ 101, "utf16" },
	{ 124, "utf16" },
	{ 125, NULL },
	{ 159, "ucs2" },
	{ 192, "utf8mb3" },
	{ 223, "utf8mb3" },
	{ 224, "utf8mb4" },
	{ 247, "utf8mb4" },
	{ 248, "gb18030" },    /* MySQL only */
	{ 250, "gb18030" },
	{ 251, NULL },
	{ 255, "utf8mb4" },    /* utf8mb4_0900_ai_ci */
	{ 272, NULL },
	{ 309, "utf8mb4" },    /* utf8mb4_0900_bin */
	{ 323, "utf8mb4" },
	{ 324, NULL },
	{ 576, "utf8mb3" },    /* MariaDB utf8mb3_croatian_mysql561_ci */
	{ 608, "utf8mb4" },
	{ 642, "ucs2" },
	{ 674, "utf16" },
	{ 738, "utf32" },
	{ 739, NULL },
	{ 1024, NULL },
	{ 1025, "big5" },      /* MariaDB big5_chinese_nopad_ci */
	{ 1057, "utf8mb3" },
	{ 1069, "utf8mb4" },   /* utf8mb4_general_nopad_ci */
	{ 1070, "utf8mb4" },   /* utf8mb4_nopad_bin */
	{ 1071, "latin1" },    /* latin1_nopad_bin */
	{ 1100, NULL },        /* 1024 + a MySQL-only id */
	{ 1270, "utf8mb4" },
	{ 2047, NULL },
	{ 2048, "utf8mb3" },   /* utf8mb3_uca1400_ai_ci */
	{ 2304, "utf8mb4" },   /* utf8mb4_uca1400_ai_ci */
	{ 2375, "utf8mb4" },
	{ 2560, "ucs2" },
	{ 2816, "utf16" },
	{ 3072, "utf32" },
	{ 3271, "utf32" },
	{ 3328, NULL },
	{ 65535, NULL },
};

static void collation_table(void)
{
	for (size_t i = 0; i < sizeof(collation_cases) / sizeof(collation_cases[0]); i++) {
		const char *got = bp_collation_charset(collation_cases[i].id);
		const char *want = collation_cases[i].want;
		CHECK((!got && !want) || (got && want && strcmp(got, want) == 0), "collation %u: got %s, want %s",
		      collation_cases[i].id, got ? got : "NULL", want ? want : "NULL");
	}
	/* every id gives a plain word (it is pasted after '_'), and the MariaDB NO
	 * PAD block repeats its PAD SPACE collation's charset */
	for (unsigned id = 0; id < 4096; id++) {
		const char *cs = bp_collation_charset(id);
		if (!cs)
			continue;
		CHECK(strspn(cs, "abcdefghijklmnopqrstuvwxyz0123456789") == strlen(cs) && *cs, "collation %u: %s", id, cs);
		if (id >= 1024 && id < 2048) {
			const char *base = bp_collation_charset(id - 1024);
			CHECK(base && strcmp(base, cs) == 0, "collation %u: %s, base %s", id, cs, base ? base : "NULL");
		}
	}
}

static void ascii_compatible(void)
{
	static const struct {
		const char *cs;
		bool want;
	} cases[] = {
		{ "utf8mb4", true }, { "utf8mb3", true }, { "latin1", true }, { "sjis", true }, { "binary", true },
		{ "UCS2", false },   { "ucs2", false },   { "utf16", false }, { "utf16le", false },
		{ "utf32", false },  { "swe7", false },   { NULL, false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(bp_charset_ascii_compatible(cases[i].cs) == cases[i].want, "%s", cases[i].cs ? cases[i].cs : "NULL");
}

static const CU_TestInfo tests[] = {
	{ "bytes by charset: quoted, hex, introducer", bytes_table },
	{ "values of every kind", value_table },
	{ "DOUBLE/FLOAT E notation reads back exactly", double_round_trip },
	{ "collation id to charset, both servers", collation_table },
	{ "ASCII-compatible charsets", ascii_compatible },
	CU_TEST_INFO_NULL,
};

int bp_suite_rewriter_literal(void) { return bp_unit_add("rewriter/literal", tests); }
