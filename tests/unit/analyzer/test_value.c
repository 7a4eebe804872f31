/*
 * test_value.c: row-image values (analyzer/value.c), packed DECIMAL
 * (analyzer/decimal.c) and MySQL binary JSON (analyzer/json_binary.c).
 *
 * Byte sequences come from three places, named at each table:
 *  - built here from the documented formats (the layout comments in the .c files);
 *  - real logs under shared/fixtures/real and Debian's mariadb-test-data
 *    (file and offset given; only the few bytes of one value are copied);
 *  - a throwaway MariaDB 10.11.19 (Debian 12 mariadb-server, binlog_format=ROW,
 *    binlog_row_metadata=FULL, time_zone '+00:00') fed the SQL quoted at each
 *    table. Expected text is what `mariadb-binlog -vv` printed for those bytes
 *    (type comment and padding dropped); expected JSON follows from the SQL.
 */
#include "../unit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer/value.h"

/* ------------------------------------------------------------------------ */
/* helpers                                                                   */

static size_t unhex(const char *h, uint8_t *out, size_t cap)
{
	size_t n = 0;
	while (h[0] && h[1] && n < cap) {
		unsigned v;
		if (sscanf(h, "%2x", &v) != 1)
			break;
		out[n++] = (uint8_t)v;
		h += 2;
	}
	return n;
}

static bp_column mkcol(uint8_t type, uint16_t meta, bool uns, uint16_t cs)
{
	bp_column c;
	memset(&c, 0, sizeof(c));
	c.type = type;
	c.meta = meta;
	c.is_unsigned = uns;
	c.has_signedness = uns;
	c.charset = cs;
	c.nullable = true;
	c.visible = true;
	bp_column_resolve(&c);
	return c;
}

static char g_text[8192], g_json[8192];

/* Decode p[0..n) as exactly one value of col; text and JSON into g_text/g_json.
 * Returns 0, -1 (decode failed), -2 (bytes left over). */
static int decode_one(const bp_column *col, const uint8_t *p, size_t n, bp_value *v)
{
	bp_cursor c;
	bp_cur_init(&c, p, n);
	if (bp_value_decode(&c, col, v) < 0)
		return -1;
	if (bp_cur_left(&c))
		return -2;
	bp_buf b = BP_BUF_INIT;
	bp_value_text(&b, v, col);
	snprintf(g_text, sizeof(g_text), "%s", bp_buf_cstr(&b));
	bp_buf_clear(&b);
	bp_value_json(&b, v, col);
	snprintf(g_json, sizeof(g_json), "%s", bp_buf_cstr(&b));
	bp_buf_release(&b);
	return 0;
}

static void check_at(const char *file, int line, const char *what, bool ok, const char *got, const char *want)
{
	char msg[600];
	snprintf(msg, sizeof(msg), "%s: got <%.250s> want <%.250s>", what, got ? got : "", want ? want : "");
	CU_assertImplementation(ok, (unsigned)line, msg, file, "", CU_FALSE);
}

struct vec {
	uint8_t type;
	uint16_t meta;     /* as bp_column_meta_read stores it */
	bool uns;
	uint16_t cs;
	const char *hex;   /* the value's bytes in the row image */
	const char *text;  /* bp_value_text (mariadb-binlog -v) */
	const char *json;  /* bp_value_json */
};

static void run_vecs(const char *file, int line, const struct vec *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		uint8_t buf[256];
		size_t n = unhex(v[i].hex, buf, sizeof(buf));
		bp_column col = mkcol(v[i].type, v[i].meta, v[i].uns, v[i].cs);
		bp_value val;
		char what[80];
		int rc = decode_one(&col, buf, n, &val);
		snprintf(what, sizeof(what), "vector %zu (type %u) decode", i, v[i].type);
		check_at(file, line, what, rc == 0, rc == -1 ? "failed" : rc == -2 ? "bytes left" : "ok", "ok");
		if (rc)
			continue;
		snprintf(what, sizeof(what), "vector %zu (type %u) text", i, v[i].type);
		check_at(file, line, what, strcmp(g_text, v[i].text) == 0, g_text, v[i].text);
		snprintf(what, sizeof(what), "vector %zu (type %u) json", i, v[i].type);
		check_at(file, line, what, strcmp(g_json, v[i].json) == 0, g_json, v[i].json);
	}
}
#define RUN_VECS(v) run_vecs(__FILE__, __LINE__, v, sizeof(v) / sizeof(v[0]))

/* Decoding must fail with the cursor error set and nothing read past the end. */
static void expect_fail_at(const char *file, int line, const bp_column *col, const uint8_t *p, size_t n)
{
	bp_cursor c;
	bp_value v;
	bp_cur_init(&c, p, n);
	int rc = bp_value_decode(&c, col, &v);
	check_at(file, line, "decode must fail", rc == -1, rc ? "-1" : "0", "-1");
	check_at(file, line, "cursor error set", c.err != 0, c.err ? "set" : "clear", "set");
	check_at(file, line, "cursor inside bytes", c.p >= p && c.p <= p + n, "", "");
}
#define B(...) (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })
#define EXPECT_FAIL(col, bytes) expect_fail_at(__FILE__, __LINE__, col, bytes)

/* ------------------------------------------------------------------------ */
/* metadata                                                                  */

static void meta_widths_real_table_map(void)
{
	/* MySQL 5.7.23 TABLE_MAP of test.mysqlcdc: types at file offset 1493, metadata
	 * block (21 bytes) at 1516 of shared/fixtures/real/MySqlCdc/mysql-bin.000001. */
	static const uint8_t types[22] = { 0x03, 0x01, 0x02, 0x09, 0x03, 0x08, 0x04, 0x05, 0xf6, 0xfe, 0x0f,
					   0x0f, 0xf5, 0xfc, 0x10, 0xfe, 0xfe, 0x0d, 0x0a, 0x12, 0x13, 0x11 };
	static const uint8_t meta[21] = { 0x04, 0x08, 0x41, 0x0a, 0xce, 0x20, 0xf0, 0x0a, 0x20, 0x03, 0x04,
					  0x02, 0x04, 0x03, 0xf7, 0x01, 0xf8, 0x01, 0x03, 0x02, 0x03 };
	static const uint16_t want[22] = { 0, 0, 0, 0, 0, 0, 4, 8, (65 << 8) | 10, 0xce20, 2800,
					   800, 4, 2, (3 << 8) | 4, 0xf701, 0xf801, 0, 0, 3, 2, 3 };
	bp_cursor c;
	bp_cur_init(&c, meta, sizeof(meta));
	for (int i = 0; i < 22; i++) {
		uint16_t m = 0xffff;
		CU_ASSERT_EQUAL(bp_column_meta_read(&c, types[i], &m), 0);
		CU_ASSERT_EQUAL(m, want[i]);
	}
	CU_ASSERT_EQUAL(bp_cur_left(&c), 0);
	CU_ASSERT_FALSE(c.err);
}

static void meta_widths_every_type(void)
{
	static const struct {
		uint8_t type;
		unsigned width;
	} w[] = {
		{ BP_T_DECIMAL, 0 }, { BP_T_TINY, 0 }, { BP_T_SHORT, 0 }, { BP_T_LONG, 0 }, { BP_T_FLOAT, 1 },
		{ BP_T_DOUBLE, 1 }, { BP_T_NULL, 0 }, { BP_T_TIMESTAMP, 0 }, { BP_T_LONGLONG, 0 }, { BP_T_INT24, 0 },
		{ BP_T_DATE, 0 }, { BP_T_TIME, 0 }, { BP_T_DATETIME, 0 }, { BP_T_YEAR, 0 }, { BP_T_NEWDATE, 0 },
		{ BP_T_VARCHAR, 2 }, { BP_T_BIT, 2 }, { BP_T_TIMESTAMP2, 1 }, { BP_T_DATETIME2, 1 }, { BP_T_TIME2, 1 },
		{ BP_T_TYPED_ARRAY, 0 }, { BP_T_BLOB_COMPRESSED, 1 }, { BP_T_VARCHAR_COMPRESSED, 2 },
		{ BP_T_VECTOR, 1 }, { BP_T_JSON, 1 }, { BP_T_NEWDECIMAL, 2 }, { BP_T_ENUM, 2 }, { BP_T_SET, 2 },
		{ BP_T_TINY_BLOB, 1 }, { BP_T_MEDIUM_BLOB, 1 }, { BP_T_LONG_BLOB, 1 }, { BP_T_BLOB, 1 },
		{ BP_T_VAR_STRING, 2 }, { BP_T_STRING, 2 }, { BP_T_GEOMETRY, 1 },
	};
	static const uint8_t block[2] = { 0x12, 0x34 };
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		bp_cursor c;
		uint16_t m;
		bp_cur_init(&c, block, sizeof(block));
		CU_ASSERT_EQUAL(bp_column_meta_read(&c, w[i].type, &m), 0);
		CU_ASSERT_EQUAL(bp_cur_pos(&c), w[i].width);
		if (w[i].width == 0)
			CU_ASSERT_EQUAL(m, 0);
	}
	/* byte order: VARCHAR and BIT little-endian, STRING family and NEWDECIMAL big-endian */
	bp_cursor c;
	uint16_t m;
	bp_cur_init(&c, block, 2);
	bp_column_meta_read(&c, BP_T_VARCHAR, &m);
	CU_ASSERT_EQUAL(m, 0x3412);
	bp_cur_init(&c, block, 2);
	bp_column_meta_read(&c, BP_T_BIT, &m);
	CU_ASSERT_EQUAL(m, 0x3412);
	bp_cur_init(&c, block, 2);
	bp_column_meta_read(&c, BP_T_NEWDECIMAL, &m);
	CU_ASSERT_EQUAL(m, 0x1234);
	bp_cur_init(&c, block, 2);
	bp_column_meta_read(&c, BP_T_STRING, &m);
	CU_ASSERT_EQUAL(m, 0x1234);
	/* short block */
	bp_cur_init(&c, block, 1);
	CU_ASSERT_EQUAL(bp_column_meta_read(&c, BP_T_VARCHAR, &m), -1);
	CU_ASSERT_TRUE(c.err);
	bp_cur_init(&c, block, 0);
	CU_ASSERT_EQUAL(bp_column_meta_read(&c, BP_T_BLOB, &m), -1);
}

static void string_meta_and_resolve(void)
{
	uint8_t rt;
	uint32_t len;
	/* CHAR(200) utf8mb4 = 800 bytes: MySqlCdc table map writes ce 20 */
	bp_string_meta(BP_T_STRING, 0xce20, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_STRING);
	CU_ASSERT_EQUAL(len, 800);
	/* CHAR(255) utf8mb4 = 1020 bytes: MariaDB 10.11 writes ce fc */
	bp_string_meta(BP_T_STRING, 0xcefc, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_STRING);
	CU_ASSERT_EQUAL(len, 1020);
	/* de 00: (0xde & 0x30) ^ 0x30 = 0x20 -> 512 */
	bp_string_meta(BP_T_STRING, 0xde00, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_STRING);
	CU_ASSERT_EQUAL(len, 512);
	bp_string_meta(BP_T_STRING, 0xfe0c, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_STRING);
	CU_ASSERT_EQUAL(len, 12);
	bp_string_meta(BP_T_STRING, 0xf702, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_ENUM);
	CU_ASSERT_EQUAL(len, 2);
	bp_string_meta(BP_T_STRING, 0xf808, &rt, &len);
	CU_ASSERT_EQUAL(rt, BP_T_SET);
	CU_ASSERT_EQUAL(len, 8);
	bp_string_meta(BP_T_STRING, 40, &rt, &len); /* meta < 256: plain length */
	CU_ASSERT_EQUAL(rt, BP_T_STRING);
	CU_ASSERT_EQUAL(len, 40);
	bp_string_meta(BP_T_ENUM, 0xf701, &rt, &len); /* ENUM as the table-map type */
	CU_ASSERT_EQUAL(rt, BP_T_ENUM);
	CU_ASSERT_EQUAL(len, 1);

	bp_column col = mkcol(BP_T_STRING, 0xf801, false, 8);
	CU_ASSERT_EQUAL(col.real_type, BP_T_SET);
	col = mkcol(BP_T_STRING, 0xce20, false, 8);
	CU_ASSERT_EQUAL(col.real_type, BP_T_STRING);
	col = mkcol(BP_T_LONG, 0, false, 0);
	CU_ASSERT_EQUAL(col.real_type, BP_T_LONG);
}

static void coltype_names(void)
{
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_LONG), "LONG");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_VARCHAR), "VARCHAR");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_NEWDECIMAL), "NEWDECIMAL");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_TIMESTAMP2), "TIMESTAMP2");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_GEOMETRY), "GEOMETRY");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_VECTOR), "VECTOR");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_BLOB_COMPRESSED), "BLOB_COMPRESSED");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(BP_T_VARCHAR_COMPRESSED), "VARCHAR_COMPRESSED");
	CU_ASSERT_STRING_EQUAL(bp_coltype_name(100), "UNKNOWN");
}

/* ------------------------------------------------------------------------ */
/* numbers                                                                   */

/* MariaDB 10.11: CREATE TABLE ints (a TINYINT, b TINYINT UNSIGNED, c SMALLINT,
 * d SMALLINT UNSIGNED, e MEDIUMINT, f MEDIUMINT UNSIGNED, g INT, h INT UNSIGNED,
 * i BIGINT, j BIGINT UNSIGNED); three INSERTs of -1,max / min,2^(n-1) / max,small.
 * mariadb-binlog prints "-1 (255)" for both a and b: we print the column's own value. */
static const struct vec int_vecs[] = {
	{ BP_T_TINY, 0, false, 0, "ff", "-1", "-1" },
	{ BP_T_TINY, 0, true, 0, "ff", "255", "255" },
	{ BP_T_SHORT, 0, false, 0, "feff", "-2", "-2" },
	{ BP_T_SHORT, 0, true, 0, "ffff", "65535", "65535" },
	{ BP_T_INT24, 0, false, 0, "fdffff", "-3", "-3" },
	{ BP_T_INT24, 0, true, 0, "ffffff", "16777215", "16777215" },
	{ BP_T_LONG, 0, false, 0, "fcffffff", "-4", "-4" },
	{ BP_T_LONG, 0, true, 0, "ffffffff", "4294967295", "4294967295" },
	{ BP_T_LONGLONG, 0, false, 0, "fbffffffffffffff", "-5", "-5" },
	{ BP_T_LONGLONG, 0, true, 0, "ffffffffffffffff", "18446744073709551615", "18446744073709551615" },
	{ BP_T_TINY, 0, false, 0, "80", "-128", "-128" },
	{ BP_T_TINY, 0, true, 0, "80", "128", "128" },
	{ BP_T_SHORT, 0, false, 0, "0080", "-32768", "-32768" },
	{ BP_T_SHORT, 0, true, 0, "0080", "32768", "32768" },
	{ BP_T_INT24, 0, false, 0, "000080", "-8388608", "-8388608" },
	{ BP_T_INT24, 0, true, 0, "000080", "8388608", "8388608" },
	{ BP_T_LONG, 0, false, 0, "00000080", "-2147483648", "-2147483648" },
	{ BP_T_LONG, 0, true, 0, "00000080", "2147483648", "2147483648" },
	{ BP_T_LONGLONG, 0, false, 0, "0000000000000080", "-9223372036854775808", "-9223372036854775808" },
	{ BP_T_LONGLONG, 0, true, 0, "0000000000000080", "9223372036854775808", "9223372036854775808" },
	{ BP_T_TINY, 0, false, 0, "7f", "127", "127" },
	{ BP_T_SHORT, 0, false, 0, "ff7f", "32767", "32767" },
	{ BP_T_INT24, 0, false, 0, "ffff7f", "8388607", "8388607" },
	{ BP_T_LONG, 0, false, 0, "ffffff7f", "2147483647", "2147483647" },
	{ BP_T_LONGLONG, 0, false, 0, "ffffffffffffff7f", "9223372036854775807", "9223372036854775807" },
	{ BP_T_INT24, 0, true, 0, "020000", "2", "2" },
};

static void integers(void)
{
	RUN_VECS(int_vecs);
	/* kinds and exact values (no double on the way) */
	bp_column s = mkcol(BP_T_LONGLONG, 0, false, 0), u = mkcol(BP_T_LONGLONG, 0, true, 0);
	bp_value v;
	CU_ASSERT_EQUAL(decode_one(&s, B(0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_INT);
	CU_ASSERT_EQUAL(v.i, 9007199254740993LL); /* 2^53 + 1: not representable as a double */
	CU_ASSERT_STRING_EQUAL(g_json, "9007199254740993");
	CU_ASSERT_EQUAL(decode_one(&u, B(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_UINT);
	CU_ASSERT_EQUAL(v.u, UINT64_MAX);
	/* the value points at its bytes */
	const uint8_t img[] = { 0x34, 0x12 };
	bp_column sh = mkcol(BP_T_SHORT, 0, false, 0);
	bp_cursor c;
	bp_cur_init(&c, img, 2);
	CU_ASSERT_EQUAL(bp_value_decode(&c, &sh, &v), 0);
	CU_ASSERT_PTR_EQUAL(v.p, img);
	CU_ASSERT_EQUAL(v.n, 2);
	CU_ASSERT_EQUAL(v.i, 0x1234);
}

/* MariaDB 10.11: CREATE TABLE fl (a FLOAT, b DOUBLE, c FLOAT, d DOUBLE);
 * INSERT INTO fl VALUES (1.5, 1.1, 3.14159, -2.5e-300), (123456789, 1e300, -0.1, 0);
 * CREATE TABLE en (... i FLOAT, j DOUBLE): (3.4e38, -1.7976931348623157e308), (1e-40, 5e-324).
 * JSON is the shortest text that reads back to the same float/double. */
static const struct vec float_vecs[] = {
	{ BP_T_FLOAT, 4, false, 0, "0000c03f", "1.5", "1.5" },
	{ BP_T_DOUBLE, 8, false, 0, "9a9999999999f13f", "1.1000000000000000888", "1.1" },
	{ BP_T_FLOAT, 4, false, 0, "d00f4940", "3.14159", "3.14159" },
	{ BP_T_DOUBLE, 8, false, 0, "2f30b7b3a7c9ba81", "-2.4999999999999999798e-300", "-2.5e-300" },
	{ BP_T_FLOAT, 4, false, 0, "a379eb4c", "1.23457e+08", "1.2345679e8" },
	{ BP_T_DOUBLE, 8, false, 0, "9c7500883ce4377e", "1.0000000000000000525e+300", "1e300" },
	{ BP_T_FLOAT, 4, false, 0, "cdccccbd", "-0.1", "-0.1" },
	{ BP_T_DOUBLE, 8, false, 0, "0000000000000000", "0", "0" },
	{ BP_T_FLOAT, 4, false, 0, "9ec97f7f", "3.4e+38", "3.4e38" },
	{ BP_T_DOUBLE, 8, false, 0, "ffffffffffffefff", "-1.7976931348623157081e+308", "-1.7976931348623157e308" },
	{ BP_T_FLOAT, 4, false, 0, "c2160100", "9.99995e-41", "1e-40" },   /* subnormal */
	{ BP_T_DOUBLE, 8, false, 0, "0100000000000000", "4.9406564584124654418e-324", "5e-324" },
	/* built: MySqlCdc FLOAT 12345.6789 (file offset 1600) and a NaN */
	{ BP_T_FLOAT, 4, false, 0, "b7e64046", "12345.7", "12345.679" },
	{ BP_T_DOUBLE, 8, false, 0, "000000000000f87f", "nan", "null" },
	{ BP_T_FLOAT, 4, false, 0, "0000807f", "inf", "null" },
};

static void floats(void)
{
	RUN_VECS(float_vecs);
	char s[BP_NUMFMT_MAX];
	CU_ASSERT_EQUAL(bp_double_fmt(s, 0.1 + 0.2, false), 19);
	CU_ASSERT_STRING_EQUAL(s, "0.30000000000000004");
	bp_double_fmt(s, 1.5e-7, false);
	CU_ASSERT_STRING_EQUAL(s, "1.5e-7");
	bp_double_fmt(s, (float)0.1, true);
	CU_ASSERT_STRING_EQUAL(s, "0.1");
	bp_double_fmt(s, (float)0.1, false); /* the same float printed as a double needs 17 digits */
	CU_ASSERT_STRING_EQUAL(s, "0.10000000149011612");
	bp_double_fmt(s, -INFINITY, false);
	CU_ASSERT_STRING_EQUAL(s, "null");
}

/* ------------------------------------------------------------------------ */
/* DECIMAL                                                                   */

struct dec_vec {
	unsigned prec, scale;
	const char *hex;
	const char *text;
};

/* MariaDB 10.11: CREATE TABLE dec1 (a DECIMAL(10,2), b DECIMAL(5,0),
 * c DECIMAL(65,30), d DECIMAL(20,10), e DECIMAL(3,3)); three rows, and table en
 * (d DECIMAL(1,0), e DECIMAL(18,9), f DECIMAL(19,0), g DECIMAL(9,9),
 * h DECIMAL(38,38)); two rows. Text as mariadb-binlog -vv printed it. */
static const struct dec_vec dec_vecs[] = {
	{ 10, 2, "7ffffff3e1", "-12.30" },
	{ 5, 0, "803039", "12345" },
	{ 65, 30, "80bc614e35b7bf87350e34c02f075f79075bcd1500bc614e35b7bf87037a",
	  "12345678901234567890123456789012345.123456789012345678901234567890" },
	{ 20, 10, "7ef204c72dff439eb1f6", "-1234567890.0123456789" },
	{ 3, 3, "81f4", "0.500" },
	{ 10, 2, "8000000000", "0.00" },
	{ 5, 0, "7e7960", "-99999" },
	{ 65, 30, "7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe", "-0.000000000000000000000000000001" },
	{ 20, 10, "80000000000000000000", "0.0000000000" },
	{ 3, 3, "7c18", "-0.999" },
	{ 10, 2, "8000000005", "0.05" },
	{ 5, 0, "800000", "0" },
	{ 65, 30, "800000000000000000000000000000000000000000000000000000000000", "0.000000000000000000000000000000" },
	{ 20, 10, "80000000010000000000", "1.0000000000" },
	{ 3, 3, "8000", "0.000" },
	{ 1, 0, "76", "-9" },
	{ 18, 9, "44653600c4653600", "-999999999.999999999" },
	{ 19, 0, "810dfb38d2075bcd15", "1234567890123456789" },
	{ 9, 9, "7ffffffe", "-0.000000001" },
	{ 38, 38, "875bcd1500bc614e35b7bf87350e34c04e", "0.12345678901234567890123456789012345678" },
	{ 1, 0, "80", "0" },
	{ 18, 9, "800000001dcd6500", "0.500000000" },
	{ 19, 0, "7ffffffffffffffffe", "-1" },
	{ 9, 9, "bb9ac9ff", "0.999999999" },
	{ 38, 38, "7ffffffffffffffffffffffffffffffffe", "-0.00000000000000000000000000000000000001" },
	/* MySQL 5.7.23 DECIMAL(65,10), shared/fixtures/real/MySqlCdc/mysql-bin.000001 offset 1612 */
	{ 65, 10, "810dfb38d206b08be521c85c130010f89f13ef3bf427cd7f493b0237d702",
	  "1234567890112233445566778899001112223334445556667778889.9900011112" },
	/* built from the format: DECIMAL(4,2) 12.30 = 0c 1e, sign bit set;
	 * -12.30 = inverted bytes f3 e1, sign bit flipped -> 73 e1 */
	{ 4, 2, "8c1e", "12.30" },
	{ 4, 2, "73e1", "-12.30" },
	{ 11, 2, "8000000900", "9.00" },
};

static void decimal_sizes(void)
{
	CU_ASSERT_EQUAL(bp_decimal_bin_size(10, 2), 5);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(5, 0), 3);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(65, 30), 30);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(65, 0), 29);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(20, 10), 10);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(3, 3), 2);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(9, 9), 4);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(19, 0), 9);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(38, 38), 17);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(1, 0), 1);
	CU_ASSERT_EQUAL(bp_decimal_bin_size(3, 5), 0); /* scale > precision */
}

static void decimal_text(void)
{
	for (size_t i = 0; i < sizeof(dec_vecs) / sizeof(dec_vecs[0]); i++) {
		uint8_t buf[40];
		size_t n = unhex(dec_vecs[i].hex, buf, sizeof(buf));
		bp_buf b = BP_BUF_INIT;
		CU_ASSERT_EQUAL(n, bp_decimal_bin_size(dec_vecs[i].prec, dec_vecs[i].scale));
		CU_ASSERT_TRUE(bp_decimal_valid(buf, n, dec_vecs[i].prec, dec_vecs[i].scale));
		CU_ASSERT_EQUAL(bp_decimal_check(buf, n, dec_vecs[i].prec, dec_vecs[i].scale), n);
		CU_ASSERT_EQUAL(bp_decimal_check(buf, sizeof(buf), dec_vecs[i].prec, dec_vecs[i].scale), n);
		CU_ASSERT_EQUAL(bp_decimal_check(buf, n - 1, dec_vecs[i].prec, dec_vecs[i].scale), 0);
		CU_ASSERT_EQUAL(bp_decimal_to_text(&b, buf, n, dec_vecs[i].prec, dec_vecs[i].scale), 0);
		check_at(__FILE__, __LINE__, "decimal", strcmp(bp_buf_cstr(&b), dec_vecs[i].text) == 0, bp_buf_cstr(&b),
			 dec_vecs[i].text);
		bp_buf_release(&b);
	}
}

static void decimal_invalid(void)
{
	bp_buf b = BP_BUF_INIT;
	/* fraction group 100 does not fit 2 digits */
	CU_ASSERT_FALSE(bp_decimal_valid((const uint8_t *)"\x8c\x64", 2, 4, 2));
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\x8c\x64", 2, 4, 2), -1);
	/* integer leftover 100 in 2 digits */
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\xe4\x00", 2, 4, 2), -1);
	/* full word 1000000000 (0x3b9aca00, sign bit set) */
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\xbb\x9a\xca\x00", 4, 9, 0), -1);
	/* 999999999 is the largest word */
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\xbb\x9a\xc9\xff", 4, 9, 0), 0);
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "999999999");
	/* wrong size, impossible precision/scale */
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\x8c\x1e\x00", 3, 4, 2), -1);
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\x8c", 1, 4, 2), -1);
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"", 0, 0, 0), -1);
	CU_ASSERT_EQUAL(bp_decimal_to_text(&b, (const uint8_t *)"\x80\x00", 2, 2, 3), -1);
	CU_ASSERT_FALSE(bp_decimal_valid((const uint8_t *)"\x80", 1, 66, 0));
	CU_ASSERT_EQUAL(bp_decimal_check((const uint8_t *)"\x8c\x64", 2, 4, 2), 0);
	CU_ASSERT_EQUAL(bp_decimal_check((const uint8_t *)"\x80", 1, 66, 0), 0);
	CU_ASSERT_EQUAL(bp_decimal_check((const uint8_t *)"\x80\x00", 2, 2, 3), 0);
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "999999999"); /* failures append nothing */
	bp_buf_release(&b);
}

static void decimal_columns(void)
{
	static const struct vec v[] = {
		{ BP_T_NEWDECIMAL, (10 << 8) | 2, false, 0, "7ffffff3e1", "-12.30", "\"-12.30\"" },
		{ BP_T_NEWDECIMAL, (3 << 8) | 3, false, 0, "81f4", "0.500", "\"0.500\"" },
		{ BP_T_NEWDECIMAL, (1 << 8) | 0, false, 0, "76", "-9", "\"-9\"" },
	};
	RUN_VECS(v);
	bp_column c = mkcol(BP_T_NEWDECIMAL, (10 << 8) | 2, false, 0);
	bp_value val;
	CU_ASSERT_EQUAL(decode_one(&c, B(0x7f, 0xff, 0xff, 0xf3, 0xe1), &val), 0);
	CU_ASSERT_EQUAL(val.kind, BP_V_DECIMAL);
	CU_ASSERT_EQUAL(val.u, (10 << 8) | 2);
	CU_ASSERT_EQUAL(val.n, 5);
}

/* ------------------------------------------------------------------------ */
/* temporal                                                                  */

/* MariaDB 10.11: CREATE TABLE dt (a DATE, b TIME, c TIME(6), d DATETIME,
 * e DATETIME(3), f TIMESTAMP NULL, g TIMESTAMP(3) NULL, h YEAR, i TIME(1), j TIME(3));
 * INSERT ('2020-01-02', '-838:59:59', '-00:00:01.5', '2020-01-02 03:04:05',
 *  '9999-12-31 23:59:59.999', '2020-01-01 00:00:00', '2020-01-01 00:00:00.123', 2024,
 *  '-12:00:00.1', '-00:00:00.001'), ('0000-00-00', '838:59:59', '12:34:56.789012',
 *  '0000-00-00 00:00:00', '1000-01-01 00:00:00.5', '1970-01-01 00:00:01', NULL, 0,
 *  '00:00:00.9', '01:02:03.456');
 * CREATE TABLE t2 (a TIME(2), b TIME(4), c TIME(5), d DATETIME(6), e TIMESTAMP(6) NULL,
 *  f TIMESTAMP(1) NULL, g DATETIME(1), h DATETIME(5), i BIT(16), j YEAR) with the rows in
 *  the JSON column below. TIMESTAMP JSON is UTC (the session time zone was +00:00). */
static const struct vec temporal_vecs[] = {
	{ BP_T_DATE, 0, false, 0, "22c80f", "'2020:01:02'", "\"2020-01-02\"" },
	{ BP_T_TIME2, 0, false, 0, "4b9105", "'-838:59:59'", "\"-838:59:59\"" },
	{ BP_T_TIME2, 6, false, 0, "7ffffef85ee0", "'-00:00:01.500000'", "\"-00:00:01.500000\"" },
	{ BP_T_DATETIME2, 0, false, 0, "99a5443105", "'2020-01-02 03:04:05'", "\"2020-01-02 03:04:05\"" },
	{ BP_T_DATETIME2, 3, false, 0, "fef3ff7efb2706", "'9999-12-31 23:59:59.999'", "\"9999-12-31 23:59:59.999\"" },
	{ BP_T_TIMESTAMP2, 0, false, 0, "5e0be100", "1577836800", "\"2020-01-01 00:00:00\"" },
	{ BP_T_TIMESTAMP2, 3, false, 0, "5e0be10004ce", "1577836800.123", "\"2020-01-01 00:00:00.123\"" },
	{ BP_T_YEAR, 0, false, 0, "7c", "2024", "2024" },
	{ BP_T_TIME2, 1, false, 0, "7f3ffff6", "'-12:00:00.1'", "\"-12:00:00.1\"" },
	{ BP_T_TIME2, 3, false, 0, "7ffffffff6", "'-00:00:00.001'", "\"-00:00:00.001\"" },
	{ BP_T_DATE, 0, false, 0, "000000", "'0000:00:00'", "\"0000-00-00\"" },
	{ BP_T_TIME2, 0, false, 0, "b46efb", "'838:59:59'", "\"838:59:59\"" },
	{ BP_T_TIME2, 6, false, 0, "80c8b80c0a14", "'12:34:56.789012'", "\"12:34:56.789012\"" },
	{ BP_T_DATETIME2, 0, false, 0, "8000000000", "'0000-00-00 00:00:00'", "\"0000-00-00 00:00:00\"" },
	{ BP_T_DATETIME2, 3, false, 0, "8cb24200001388", "'1000-01-01 00:00:00.500'", "\"1000-01-01 00:00:00.500\"" },
	{ BP_T_TIMESTAMP2, 0, false, 0, "00000001", "1", "\"1970-01-01 00:00:01\"" },
	{ BP_T_YEAR, 0, false, 0, "00", "1900", "0" }, /* mariadb-binlog prints 1900 + byte */
	{ BP_T_TIME2, 1, false, 0, "8000005a", "'00:00:00.9'", "\"00:00:00.9\"" },
	{ BP_T_TIME2, 3, false, 0, "80108311d0", "'01:02:03.456'", "\"01:02:03.456\"" },
	/* t2 row 1: ('-01:02:03.45', '-00:00:00.0001', '-838:59:58.99999',
	 * '2001-02-03 04:05:06.000007', '2038-01-19 03:14:07.999999', '2000-01-01 00:00:00.5',
	 * '2001-01-01 00:00:00.9', '2001-01-01 00:00:00.12345', b'1010101111001101', 1901) */
	{ BP_T_TIME2, 2, false, 0, "7fef7cd3", "'-01:02:03.45'", "\"-01:02:03.45\"" },
	{ BP_T_TIME2, 4, false, 0, "7fffffffff", "'-00:00:00.0001'", "\"-00:00:00.0001\"" },
	{ BP_T_TIME2, 5, false, 0, "4b9105f0bdca", "'-838:59:58.99999'", "\"-838:59:58.99999\"" },
	{ BP_T_DATETIME2, 6, false, 0, "9967c64146000007", "'2001-02-03 04:05:06.000007'",
	  "\"2001-02-03 04:05:06.000007\"" },
	{ BP_T_TIMESTAMP2, 6, false, 0, "7fffffff0f423f", "2147483647.999999", "\"2038-01-19 03:14:07.999999\"" },
	{ BP_T_TIMESTAMP2, 1, false, 0, "386d438032", "946684800.5", "\"2000-01-01 00:00:00.5\"" },
	{ BP_T_DATETIME2, 1, false, 0, "99678200005a", "'2001-01-01 00:00:00.9'", "\"2001-01-01 00:00:00.9\"" },
	{ BP_T_DATETIME2, 5, false, 0, "996782000001e23a", "'2001-01-01 00:00:00.12345'",
	  "\"2001-01-01 00:00:00.12345\"" },
	{ BP_T_YEAR, 0, false, 0, "01", "1901", "1901" },
	/* t2 row 2: ('00:00:00.01', '-00:00:00.9999', '00:00:00.00001', '0000-00-00 00:00:00',
	 * NULL, NULL, '0000-00-00 00:00:00.0', '2155-12-31 23:59:59.99999', 0, 2155) */
	{ BP_T_TIME2, 2, false, 0, "80000001", "'00:00:00.01'", "\"00:00:00.01\"" },
	{ BP_T_TIME2, 4, false, 0, "7fffffd8f1", "'-00:00:00.9999'", "\"-00:00:00.9999\"" },
	{ BP_T_TIME2, 5, false, 0, "80000000000a", "'00:00:00.00001'", "\"00:00:00.00001\"" },
	{ BP_T_DATETIME2, 6, false, 0, "8000000000000000", "'0000-00-00 00:00:00.000000'",
	  "\"0000-00-00 00:00:00.000000\"" },
	{ BP_T_DATETIME2, 1, false, 0, "800000000000", "'0000-00-00 00:00:00.0'", "\"0000-00-00 00:00:00.0\"" },
	{ BP_T_DATETIME2, 5, false, 0, "9b5eff7efb0f4236", "'2155-12-31 23:59:59.99999'",
	  "\"2155-12-31 23:59:59.99999\"" },
	{ BP_T_YEAR, 0, false, 0, "ff", "2155", "2155" },
	/* t2 row 3: ('-00:00:00.01', '-838:59:59', '-00:00:01.00001', '9999-12-31 23:59:59.999999',
	 * '1970-01-01 00:00:01.000001', '1970-01-01 00:00:01.1', '1000-01-01 00:00:00',
	 * '1000-01-01 00:00:00.00001', 1, NULL) */
	{ BP_T_TIME2, 2, false, 0, "7fffffff", "'-00:00:00.01'", "\"-00:00:00.01\"" },
	{ BP_T_TIME2, 4, false, 0, "4b91050000", "'-838:59:59.0000'", "\"-838:59:59.0000\"" },
	{ BP_T_TIME2, 5, false, 0, "7ffffefffff6", "'-00:00:01.00001'", "\"-00:00:01.00001\"" },
	{ BP_T_DATETIME2, 6, false, 0, "fef3ff7efb0f423f", "'9999-12-31 23:59:59.999999'",
	  "\"9999-12-31 23:59:59.999999\"" },
	{ BP_T_TIMESTAMP2, 6, false, 0, "00000001000001", "1.000001", "\"1970-01-01 00:00:01.000001\"" },
	{ BP_T_TIMESTAMP2, 1, false, 0, "000000010a", "1.1", "\"1970-01-01 00:00:01.1\"" },
	{ BP_T_DATETIME2, 1, false, 0, "8cb242000000", "'1000-01-01 00:00:00.0'", "\"1000-01-01 00:00:00.0\"" },
	{ BP_T_DATETIME2, 5, false, 0, "8cb242000000000a", "'1000-01-01 00:00:00.00001'",
	  "\"1000-01-01 00:00:00.00001\"" },
	/* MySQL 5.1.34 old DATETIME '2011-12-15 12:52:53' and old TIMESTAMP (UTC 2012-07-09
	 * 05:58:16): shared/fixtures/real/canal/dbsync/src/test/resources/binlog/mysql-bin.000001
	 * offsets 8305 and 15738; mariadb-binlog -vv text */
	{ BP_T_DATETIME, 0, false, 0, "0563d5814a120000", "'2011-12-15 12:52:53'", "\"2011-12-15 12:52:53\"" },
	{ BP_T_TIMESTAMP, 0, false, 0, "f872fa4f", "1341813496", "\"2012-07-09 05:58:16\"" },
	/* built: old TIME -12:34:56 = -123456 as 3-byte two's complement, 838:59:59 = 8385959 */
	{ BP_T_TIME, 0, false, 0, "c01dfe", "'-12:34:56'", "\"-12:34:56\"" },
	{ BP_T_TIME, 0, false, 0, "a7f57f", "'838:59:59'", "\"838:59:59\"" },
	{ BP_T_NEWDATE, 0, false, 0, "22c80f", "'2020:01:02'", "\"2020-01-02\"" },
	{ BP_T_TIMESTAMP, 0, false, 0, "00000000", "0", "\"0000-00-00 00:00:00\"" },
};

static void temporal(void)
{
	RUN_VECS(temporal_vecs);
	bp_column c = mkcol(BP_T_TIME2, 6, false, 0);
	bp_value v;
	CU_ASSERT_EQUAL(decode_one(&c, B(0x7f, 0xff, 0xfe, 0xf8, 0x5e, 0xe0), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_TIME);
	CU_ASSERT_TRUE(v.t.neg);
	CU_ASSERT_EQUAL(v.t.second, 1);
	CU_ASSERT_EQUAL(v.t.usec, 500000);
	CU_ASSERT_EQUAL(v.t.dec, 6);
	c = mkcol(BP_T_TIMESTAMP2, 3, false, 0);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x5e, 0x0b, 0xe1, 0x00, 0x04, 0xce), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_TIMESTAMP);
	CU_ASSERT_EQUAL(v.t.sec, 1577836800);
	CU_ASSERT_EQUAL(v.t.usec, 123000);
}

static void temporal_format(void)
{
	char s[BP_TEMPORAL_FMT_MAX];
	bp_temporal t;
	memset(&t, 0, sizeof(t));
	t.sec = 951782400; /* leap day */
	t.usec = 1;
	t.dec = 6;
	CU_ASSERT_EQUAL(bp_temporal_fmt(s, &t, BP_V_TIMESTAMP), 26);
	CU_ASSERT_STRING_EQUAL(s, "2000-02-29 00:00:00.000001");
	t.sec = -1; /* before the epoch (not a server value, but must be right) */
	t.dec = 0;
	bp_temporal_fmt(s, &t, BP_V_TIMESTAMP);
	CU_ASSERT_STRING_EQUAL(s, "1969-12-31 23:59:59");
	t.sec = 4102444800LL; /* 2100-01-01: not a leap year before it */
	bp_temporal_fmt(s, &t, BP_V_TIMESTAMP);
	CU_ASSERT_STRING_EQUAL(s, "2100-01-01 00:00:00");
	memset(&t, 0, sizeof(t));
	t.hour = 1000;
	t.neg = true;
	t.usec = 120000;
	t.dec = 2;
	bp_temporal_fmt(s, &t, BP_V_TIME);
	CU_ASSERT_STRING_EQUAL(s, "-1000:00:00.12");
	/* packed temporals (MySQL my_time.cc) */
	bp_time_from_packed(-(((int64_t)((1 << 12) | (2 << 6) | 3) << 24) + 4), &t);
	CU_ASSERT_TRUE(t.neg);
	CU_ASSERT_EQUAL(t.hour, 1);
	CU_ASSERT_EQUAL(t.minute, 2);
	CU_ASSERT_EQUAL(t.second, 3);
	CU_ASSERT_EQUAL(t.usec, 4);
	int64_t ymd = ((int64_t)(2020 * 13 + 2) << 5) | 29, hms = (23 << 12) | (59 << 6) | 58;
	bp_datetime_from_packed(((ymd << 17) | hms) * ((int64_t)1 << 24), &t);
	CU_ASSERT_EQUAL(t.year, 2020);
	CU_ASSERT_EQUAL(t.month, 2);
	CU_ASSERT_EQUAL(t.day, 29);
	CU_ASSERT_EQUAL(t.hour, 23);
	CU_ASSERT_EQUAL(t.minute, 59);
	CU_ASSERT_EQUAL(t.second, 58);
}

/* ------------------------------------------------------------------------ */
/* BIT, ENUM, SET                                                            */

/* MariaDB 10.11: CREATE TABLE bits (a BIT(1), b BIT(9), c BIT(64), d BIT(8));
 * INSERT (b'1', b'100000001', 64 ones, b'10100101'); t2.i BIT(16) b'1010101111001101';
 * MySQL 5.7.23 BIT(28) from MySqlCdc (file offset 1690). meta = (bytes << 8) | bits. */
static const struct vec bit_vecs[] = {
	{ BP_T_BIT, 0x0001, false, 0, "01", "b'1'", "1" },
	{ BP_T_BIT, 0x0101, false, 0, "0101", "b'100000001'", "257" },
	{ BP_T_BIT, 0x0800, false, 0, "ffffffffffffffff",
	  "b'1111111111111111111111111111111111111111111111111111111111111111'", "18446744073709551615" },
	{ BP_T_BIT, 0x0100, false, 0, "a5", "b'10100101'", "165" },
	{ BP_T_BIT, 0x0200, false, 0, "abcd", "b'1010101111001101'", "43981" },
	{ BP_T_BIT, 0x0304, false, 0, "07b55787", "b'0111101101010101011110000111'", "129324935" },
};

static void bits(void)
{
	RUN_VECS(bit_vecs);
}

static const char *const e_xyz[] = { "x", "y", "z" };
static const char *const s_ai[] = { "a", "b", "c", "d", "e", "f", "g", "h", "i" };
static const char *const s_pq[] = { "p", "q" };

static void enum_set(void)
{
	/* MariaDB 10.11: CREATE TABLE es (a ENUM('x','y','z'), b SET('a'..'i'), c SET('p','q'));
	 * INSERT ('y', 'a,i', 'q'), ('', '', ''); names as TABLE_MAP optional metadata gives them */
	static const struct vec nameless[] = {
		{ BP_T_STRING, 0xf701, false, 8, "02", "2", "2" },
		{ BP_T_STRING, 0xf802, false, 8, "0101", "b'0000000100000001'", "257" },
		{ BP_T_STRING, 0xf801, false, 8, "02", "b'00000010'", "2" },
		{ BP_T_STRING, 0xf701, false, 8, "00", "0", "0" },
		{ BP_T_STRING, 0xf802, false, 8, "0000", "b'0000000000000000'", "0" },
		/* 261-value ENUM (2 bytes), 64-member SET (8 bytes), 20-member SET (3 bytes) */
		{ BP_T_STRING, 0xf702, false, 8, "0501", "261", "261" },
		{ BP_T_STRING, 0xf808, false, 8, "0100000000000080",
		  "b'0000000100000000000000000000000000000000000000000000000010000000'", "9223372036854775809" },
		{ BP_T_STRING, 0xf803, false, 8, "000008", "b'000000000000000000001000'", "524288" },
		/* ENUM/SET as the table-map type itself */
		{ BP_T_ENUM, 0xf701, false, 8, "03", "3", "3" },
		{ BP_T_SET, 0xf801, false, 8, "03", "b'00000011'", "3" },
	};
	RUN_VECS(nameless);

	bp_value v;
	bp_column e = mkcol(BP_T_STRING, 0xf701, false, 8);
	e.n_enum = 3;
	e.enum_names = (const char **)e_xyz;
	CU_ASSERT_EQUAL(decode_one(&e, B(0x02), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_ENUM);
	CU_ASSERT_EQUAL(v.u, 2);
	CU_ASSERT_STRING_EQUAL(g_json, "\"y\"");
	CU_ASSERT_STRING_EQUAL(g_text, "2");
	CU_ASSERT_EQUAL(decode_one(&e, B(0x00), &v), 0);
	CU_ASSERT_STRING_EQUAL(g_json, "\"\"");
	CU_ASSERT_EQUAL(decode_one(&e, B(0x04), &v), 0); /* past the names: the number */
	CU_ASSERT_STRING_EQUAL(g_json, "4");

	bp_column s = mkcol(BP_T_STRING, 0xf802, false, 8);
	s.n_enum = 9;
	s.enum_names = (const char **)s_ai;
	CU_ASSERT_EQUAL(decode_one(&s, B(0x01, 0x01), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_SET);
	CU_ASSERT_EQUAL(v.u, 0x101);
	CU_ASSERT_STRING_EQUAL(g_json, "\"a,i\"");
	CU_ASSERT_EQUAL(decode_one(&s, B(0x00, 0x00), &v), 0);
	CU_ASSERT_STRING_EQUAL(g_json, "\"\"");
	CU_ASSERT_EQUAL(decode_one(&s, B(0x00, 0x02), &v), 0); /* bit 9: no name */
	CU_ASSERT_STRING_EQUAL(g_json, "512");

	bp_column q = mkcol(BP_T_STRING, 0xf801, false, 8);
	static const uint32_t lens[] = { 1, 1 };
	q.n_enum = 2;
	q.enum_names = (const char **)s_pq;
	q.enum_lens = lens;
	CU_ASSERT_EQUAL(decode_one(&q, B(0x03), &v), 0);
	CU_ASSERT_STRING_EQUAL(g_json, "\"p,q\"");
}

/* ------------------------------------------------------------------------ */
/* strings and blobs                                                         */

/* MariaDB 10.11: CREATE TABLE str (a CHAR(10), b VARCHAR(10), c VARCHAR(300),
 * d BINARY(4), e VARBINARY(10), f TEXT, g BLOB, h CHAR(255) CHARACTER SET utf8mb4,
 * i CHAR(5) CHARACTER SET latin1, j TINYTEXT, k MEDIUMBLOB, l LONGTEXT) (default latin1);
 * INSERT ('ab', 'it''s', REPEAT('x', 260), 'a\0b', 'q\\\n', 'tab\there', 0x00ff41,
 *  'héllo', 'é', '', 'mm', 'long');
 * CREATE TABLE lat (a VARCHAR(20) CHARACTER SET latin1, b VARCHAR(20) CHARACTER SET latin2,
 *  c TEXT CHARACTER SET cp1251, d CHAR(3) CHARACTER SET ucs2);
 * INSERT (CONCAT('x', _latin1 0x80819fa0ff, '"\\'), 'żółw', 'привет', 'ab').
 * mariadb-binlog escapes bytes below 0x20 only (not quotes, not backslashes). */
static const struct vec string_vecs[] = {
	{ BP_T_STRING, 0xfe0a, false, 8, "026162", "'ab'", "\"ab\"" },
	{ BP_T_VARCHAR, 10, false, 8, "0469742773", "'it's'", "\"it's\"" },
	{ BP_T_STRING, 0xfe04, false, 63, "03610062", "'a\\x00b'", "{\"hex\": \"610062\"}" },
	{ BP_T_VARCHAR, 10, false, 63, "03715c0a", "'q\\\\x0a'", "{\"hex\": \"715c0a\"}" },
	{ BP_T_BLOB, 2, false, 8, "08007461620968657265", "'tab\\x09here'", "\"tab\\there\"" },
	{ BP_T_BLOB, 2, false, 63, "030000ff41", "'\\x00\xff" "A'", "{\"hex\": \"00ff41\"}" },
	{ BP_T_STRING, 0xcefc, false, 45, "060068c3a96c6c6f", "'h\xc3\xa9llo'", "\"h\xc3\xa9llo\"" },
	{ BP_T_STRING, 0xfe05, false, 8, "01e9", "'\xe9'", "\"\xc3\xa9\"" },
	{ BP_T_BLOB, 1, false, 8, "00", "''", "\"\"" },
	{ BP_T_BLOB, 3, false, 63, "0200006d6d", "'mm'", "{\"hex\": \"6d6d\"}" },
	{ BP_T_BLOB, 4, false, 8, "040000006c6f6e67", "'long'", "\"long\"" },
	/* latin1 (cp1252) to UTF-8: 0x80 euro, 0x81 U+0081, 0x9f Y-diaeresis, 0xa0 nbsp, 0xff */
	{ BP_T_VARCHAR, 20, false, 8, "087880819fa0ff225c", "'x\x80\x81\x9f\xa0\xff\"\\'",
	  "\"x\xe2\x82\xac\xc2\x81\xc5\xb8\xc2\xa0\xc3\xbf\\\"\\\\\"" },
	{ BP_T_VARCHAR, 20, false, 9, "04bff3b377", "'\xbf\xf3\xb3w'", "{\"hex\": \"bff3b377\"}" },
	{ BP_T_BLOB, 2, false, 51, "0600eff0e8e2e5f2", "'\xef\xf0\xe8\xe2\xe5\xf2'", "{\"hex\": \"eff0e8e2e5f2\"}" },
	{ BP_T_STRING, 0xfe06, false, 35, "0400610062", "'\\x00a\\x00b'", "{\"hex\": \"00610062\"}" },
	/* unknown charset (no optional metadata): valid UTF-8 is text, else hex */
	{ BP_T_VARCHAR, 800, false, 0, "08001234564534454534", "'\\x124VE4EE4'", "\"\\u00124VE4EE4\"" },
	{ BP_T_BLOB, 2, false, 0, "0200ff00", "'\xff\\x00'", "{\"hex\": \"ff00\"}" },
	/* MariaDB 10.11 INET4 '10.0.0.1', INET6 '::1', UUID: BINARY(4)/(16) in the table map */
	{ BP_T_STRING, 0xfe04, false, 63, "040a000001", "'\\x0a\\x00\\x00\\x01'", "{\"hex\": \"0a000001\"}" },
	{ BP_T_STRING, 0xfe10, false, 63, "1000000000000000000000000000000001",
	  "'\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x01'",
	  "{\"hex\": \"00000000000000000000000000000001\"}" },
	/* MariaDB LONGTEXT JSON column (utf8mb4_bin): just text */
	{ BP_T_BLOB, 4, false, 46, "080000007b2261223a20317d", "'{\"a\": 1}'", "\"{\\\"a\\\": 1}\"" },
	/* MariaDB 10.11 VARCHAR(100) COMPRESSED / BLOB COMPRESSED: compressed bytes as they are */
	{ BP_T_VARCHAR_COMPRESSED, 101, false, 8, "0600736d616c6c", "'\\x00small'", "{\"hex\": \"00736d616c6c\"}" },
	{ BP_T_BLOB_COMPRESSED, 2, false, 63, "0300890c01", "'\x89\\x0c\\x01'", "{\"hex\": \"890c01\"}" },
	{ BP_T_VAR_STRING, 10, false, 8, "026869", "'hi'", "\"hi\"" },
	/* the length prefix is 1 byte up to a declared 255, 2 bytes from 256 */
	{ BP_T_VARCHAR, 255, false, 8, "0161", "'a'", "\"a\"" },
	{ BP_T_VARCHAR, 256, false, 8, "010061", "'a'", "\"a\"" },
	{ BP_T_STRING, 0xfeff, false, 8, "0161", "'a'", "\"a\"" },
	/* 0x1f is escaped, 0x20 and 0x7f are not (my_b_write_quoted) */
	{ BP_T_VARCHAR, 10, false, 8, "031f207f", "'\\x1f \x7f'", "\"\\u001f \\u007f\"" },
	{ BP_T_NULL, 0, false, 0, "", "NULL", "null" },
};

static void strings(void)
{
	RUN_VECS(string_vecs);
	bp_value v;
	/* kinds: binary charset -> BLOB, text -> STRING, unknown BLOB family -> BLOB */
	bp_column c = mkcol(BP_T_VARCHAR, 10, false, 63);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x01, 0x41), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_BLOB);
	c = mkcol(BP_T_VARCHAR, 10, false, 0);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x01, 0x41), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_STRING);
	c = mkcol(BP_T_BLOB, 2, false, 0);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x01, 0x00, 0x41), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_BLOB);
	c = mkcol(BP_T_BLOB, 2, false, 33);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x01, 0x00, 0x41), &v), 0);
	CU_ASSERT_EQUAL(v.kind, BP_V_STRING);
	CU_ASSERT_EQUAL(v.n, 1);
	CU_ASSERT_EQUAL(v.p[0], 0x41);

	/* VARCHAR(300) latin1 (meta 300): 2-byte length, 260 x's */
	uint8_t big[262];
	big[0] = 0x04;
	big[1] = 0x01;
	memset(big + 2, 'x', 260);
	c = mkcol(BP_T_VARCHAR, 300, false, 8);
	CU_ASSERT_EQUAL(decode_one(&c, big, sizeof(big), &v), 0);
	CU_ASSERT_EQUAL(v.n, 260);
	CU_ASSERT_EQUAL(strlen(g_text), 262);
	CU_ASSERT_EQUAL(strlen(g_json), 262);
	/* CHAR over 255 bytes (meta ce 20 = 800): 2-byte length, MySqlCdc offset 1642 */
	c = mkcol(BP_T_STRING, 0xce20, false, 0);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x03, 0x00, 'B', 's', 'd'), &v), 0);
	CU_ASSERT_STRING_EQUAL(g_json, "\"Bsd\"");
	/* CHAR(255) latin1 (meta fe ff): 1-byte length */
	c = mkcol(BP_T_STRING, 0xfeff, false, 8);
	CU_ASSERT_EQUAL(decode_one(&c, B(0x02, 'o', 'k'), &v), 0);
	CU_ASSERT_STRING_EQUAL(g_text, "'ok'");
}

/* ------------------------------------------------------------------------ */
/* GEOMETRY, JSON, VECTOR                                                    */

static void geometry_json_vector(void)
{
	static const struct vec v[] = {
		/* MariaDB 10.11 ST_GeomFromText('POINT(1 2)') and SRID 4326 POINT(3 4) */
		{ BP_T_GEOMETRY, 4, false, 0, "19000000000000000101000000000000000000f03f0000000000000040",
		  "'\\x00\\x00\\x00\\x00\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\xf0?"
		  "\\x00\\x00\\x00\\x00\\x00\\x00\\x00@'",
		  "{\"hex\": \"000000000101000000000000000000f03f0000000000000040\"}" },
		{ BP_T_GEOMETRY, 4, false, 0, "19000000e6100000010100000000000000000008400000000000001040",
		  "'\xe6\\x10\\x00\\x00\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x08@"
		  "\\x00\\x00\\x00\\x00\\x00\\x00\\x10@'",
		  "{\"hex\": \"e6100000010100000000000000000008400000000000001040\"}" },
		/* MySQL 5.7.23 JSON {"id": 1, "name": "John"}: MySqlCdc offset 1666 */
		{ BP_T_JSON, 4, false, 0, "1e000000000200" "1d0012000200140004000501000c1800"
					  "69646e616d65044a6f686e",
		  "'{\"id\": 1, \"name\": \"John\"}'", "{\"id\": 1, \"name\": \"John\"}" },
		/* zero-length JSON is the null literal (json_binary::parse_binary) */
		{ BP_T_JSON, 4, false, 0, "00000000", "'null'", "null" },
		/* broken binary JSON: hex in JSON, raw bytes in text */
		{ BP_T_JSON, 4, false, 0, "02000000" "0405", "'\\x04\\x05'", "{\"hex\": \"0405\"}" },
		/* MySQL 9.0.1 VECTOR(3) [1.1, 2.2, 3.3]: rust_mysql_common/vector.binlog */
		{ BP_T_VECTOR, 4, false, 0, "0c000000cdcc8c3fcdcc0c4033335340", /* offset 1125 */
		  "'[1.10000e+00,2.20000e+00,3.30000e+00]'", "[1.1, 2.2, 3.3]" },
		{ BP_T_VECTOR, 4, false, 0, "00000000", "'[]'", "[]" },
	};
	RUN_VECS(v);
	bp_value val;
	bp_column j = mkcol(BP_T_JSON, 4, false, 0);
	CU_ASSERT_EQUAL(decode_one(&j, B(0x02, 0x00, 0x00, 0x00, 0x04, 0x01), &val), 0);
	CU_ASSERT_EQUAL(val.kind, BP_V_JSON);
	CU_ASSERT_FALSE(val.json_text);
	CU_ASSERT_STRING_EQUAL(g_json, "true");
	val.json_text = true; /* MariaDB JSON text given by a caller: a string */
	bp_buf b = BP_BUF_INIT;
	val.p = (const uint8_t *)"[1]";
	val.n = 3;
	bp_value_json(&b, &val, &j);
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "\"[1]\"");
	bp_buf_release(&b);
}

/* MySQL 5.7.23 WRITE_ROWS of test.mysqlcdc, all 22 columns of row 1, value bytes
 * from shared/fixtures/real/MySqlCdc/mysql-bin.000001 offset 1580 (184 bytes). */
static void real_mysql57_row(void)
{
	static const uint8_t row[184] = {
		0x0b, 0x00, 0x00, 0x00, 0x79, 0x35, 0x30, 0x81, 0xd6, 0x12, 0x15, 0xcd, 0x5b, 0x07, 0xb1, 0x1c,
		0x6c, 0xb1, 0xf4, 0x10, 0x22, 0x11, 0xb7, 0xe6, 0x40, 0x46, 0xc4, 0x22, 0x65, 0x54, 0x34, 0x6f,
		0x9d, 0x41, 0x81, 0x0d, 0xfb, 0x38, 0xd2, 0x06, 0xb0, 0x8b, 0xe5, 0x21, 0xc8, 0x5c, 0x13, 0x00,
		0x10, 0xf8, 0x9f, 0x13, 0xef, 0x3b, 0xf4, 0x27, 0xcd, 0x7f, 0x49, 0x3b, 0x02, 0x37, 0xd7, 0x02,
		0x1c, 0x00, 0x42, 0x73, 0x64, 0x32, 0x33, 0x34, 0x32, 0x33, 0x34, 0x20, 0x32, 0x33, 0x34, 0x32,
		0x33, 0x34, 0x20, 0x7a, 0x64, 0x66, 0x73, 0x66, 0x73, 0x64, 0x66, 0x73, 0x64, 0x66, 0x0c, 0x00,
		0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x77, 0x6f, 0x72, 0x6c, 0x64, 0x21, 0x08, 0x00, 0x12, 0x34,
		0x56, 0x45, 0x34, 0x45, 0x45, 0x34, 0x1e, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x1d, 0x00, 0x12,
		0x00, 0x02, 0x00, 0x14, 0x00, 0x04, 0x00, 0x05, 0x01, 0x00, 0x0c, 0x18, 0x00, 0x69, 0x64, 0x6e,
		0x61, 0x6d, 0x65, 0x04, 0x4a, 0x6f, 0x68, 0x6e, 0x03, 0x00, 0x15, 0x23, 0x54, 0x07, 0xb5, 0x57,
		0x87, 0x02, 0x04, 0x59, 0x57, 0x83, 0x0f, 0x99, 0x3f, 0xf6, 0xe3, 0x0d, 0x0d, 0x7a, 0x80, 0xf5,
		0xa1, 0x43, 0x1d, 0xaf, 0x97, 0xdf, 0x16, 0x26,
	};
	/* types and metadata from the TABLE_MAP at offset 1449 (see meta_widths_real_table_map) */
	static const struct {
		uint8_t type;
		uint16_t meta;
		const char *text, *json;
	} cols[22] = {
		{ BP_T_LONG, 0, "11", "11" },
		{ BP_T_TINY, 0, "121", "121" },
		{ BP_T_SHORT, 0, "12341", "12341" },
		{ BP_T_INT24, 0, "1234561", "1234561" },
		{ BP_T_LONG, 0, "123456789", "123456789" },
		{ BP_T_LONGLONG, 0, "1234567890987654321", "1234567890987654321" },
		{ BP_T_FLOAT, 4, "12345.7", "12345.679" },
		{ BP_T_DOUBLE, 8, "123456789.09876543283", "123456789.09876543" },
		{ BP_T_NEWDECIMAL, (65 << 8) | 10, "1234567890112233445566778899001112223334445556667778889.9900011112",
		  "\"1234567890112233445566778899001112223334445556667778889.9900011112\"" },
		{ BP_T_STRING, 0xce20, "'Bsd234234 234234 zdfsfsdfsdf'", "\"Bsd234234 234234 zdfsfsdfsdf\"" },
		{ BP_T_VARCHAR, 2800, "'Hello world!'", "\"Hello world!\"" },
		{ BP_T_VARCHAR, 800, "'\\x124VE4EE4'", "\"\\u00124VE4EE4\"" },
		{ BP_T_JSON, 4, "'{\"id\": 1, \"name\": \"John\"}'", "{\"id\": 1, \"name\": \"John\"}" },
		{ BP_T_BLOB, 2, "'\\x15#T'", "\"\\u0015#T\"" },
		{ BP_T_BIT, 0x0304, "b'0111101101010101011110000111'", "129324935" },
		{ BP_T_STRING, 0xf701, "2", "2" },
		{ BP_T_STRING, 0xf801, "b'00000100'", "4" },
		{ BP_T_YEAR, 0, "1989", "1989" },
		{ BP_T_DATE, 0, "'1985:10:23'", "\"1985-10-23\"" },
		{ BP_T_DATETIME2, 3, "'1988-11-27 14:12:13.345'", "\"1988-11-27 14:12:13.345\"" },
		{ BP_T_TIME2, 2, "'15:22:33.67'", "\"15:22:33.67\"" },
		{ BP_T_TIMESTAMP2, 3, "498046943.567", "\"1985-10-13 10:22:23.567\"" },
	};
	bp_cursor c;
	bp_cur_init(&c, row, sizeof(row));
	for (int i = 0; i < 22; i++) {
		bp_column col = mkcol(cols[i].type, cols[i].meta, false, 0);
		bp_value v;
		bp_buf b = BP_BUF_INIT;
		CU_ASSERT_EQUAL_FATAL(bp_value_decode(&c, &col, &v), 0);
		bp_value_text(&b, &v, &col);
		check_at(__FILE__, __LINE__, cols[i].text, strcmp(bp_buf_cstr(&b), cols[i].text) == 0, bp_buf_cstr(&b),
			 cols[i].text);
		bp_buf_clear(&b);
		bp_value_json(&b, &v, &col);
		check_at(__FILE__, __LINE__, cols[i].json, strcmp(bp_buf_cstr(&b), cols[i].json) == 0, bp_buf_cstr(&b),
			 cols[i].json);
		bp_buf_release(&b);
	}
	CU_ASSERT_EQUAL(bp_cur_left(&c), 0);
	CU_ASSERT_FALSE(c.err);
}

/* ------------------------------------------------------------------------ */
/* malformed input                                                           */

static void malformed(void)
{
	bp_column c;
	/* short fixed-size values: the error records what was needed */
	static const struct {
		uint8_t type;
		uint16_t meta;
		size_t need;
	} fixed[] = {
		{ BP_T_TINY, 0, 1 }, { BP_T_SHORT, 0, 2 }, { BP_T_INT24, 0, 3 }, { BP_T_LONG, 0, 4 },
		{ BP_T_LONGLONG, 0, 8 }, { BP_T_FLOAT, 4, 4 }, { BP_T_DOUBLE, 8, 8 }, { BP_T_YEAR, 0, 1 },
		{ BP_T_DATE, 0, 3 }, { BP_T_TIME, 0, 3 }, { BP_T_DATETIME, 0, 8 }, { BP_T_TIMESTAMP, 0, 4 },
		{ BP_T_TIMESTAMP2, 3, 6 }, { BP_T_DATETIME2, 6, 8 }, { BP_T_TIME2, 4, 5 }, { BP_T_BIT, 0x0304, 4 },
		{ BP_T_NEWDECIMAL, (10 << 8) | 2, 5 }, { BP_T_STRING, 0xf702, 2 }, { BP_T_STRING, 0xf808, 8 },
	};
	static const uint8_t zeros[16] = { 0 };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		bp_cursor cur;
		bp_value v;
		c = mkcol(fixed[i].type, fixed[i].meta, false, 0);
		bp_cur_init(&cur, zeros, fixed[i].need - 1);
		CU_ASSERT_EQUAL(bp_value_decode(&cur, &c, &v), -1);
		CU_ASSERT_TRUE(cur.err);
		CU_ASSERT_EQUAL(cur.err_need, fixed[i].need);
		CU_ASSERT_EQUAL(cur.err_pos, 0);
	}
	/* lengths past the end */
	c = mkcol(BP_T_VARCHAR, 10, false, 8);
	EXPECT_FAIL(&c, B(0x05, 'a', 'b'));
	expect_fail_at(__FILE__, __LINE__, &c, zeros, 0); /* no length byte */
	c = mkcol(BP_T_VARCHAR, 300, false, 8);
	EXPECT_FAIL(&c, B(0x01)); /* 2-byte length cut */
	c = mkcol(BP_T_BLOB, 4, false, 63);
	EXPECT_FAIL(&c, B(0xff, 0xff, 0xff, 0xff, 0x00));
	c = mkcol(BP_T_STRING, 0xcefc, false, 45);
	EXPECT_FAIL(&c, B(0x10, 0x00, 'a'));
	/* impossible metadata */
	c = mkcol(BP_T_BLOB, 0, false, 63);
	EXPECT_FAIL(&c, B(0x00, 0x00));
	c = mkcol(BP_T_BLOB, 5, false, 63);
	EXPECT_FAIL(&c, B(0x00, 0x00, 0x00, 0x00, 0x00));
	c = mkcol(BP_T_GEOMETRY, 9, false, 0);
	EXPECT_FAIL(&c, B(0x00));
	c = mkcol(BP_T_BIT, 0x0008, false, 0); /* bits % 8 == 8 */
	EXPECT_FAIL(&c, B(0x00, 0x00));
	c = mkcol(BP_T_BIT, 0x0000, false, 0); /* BIT(0) */
	EXPECT_FAIL(&c, B(0x00));
	c = mkcol(BP_T_BIT, 0x0801, false, 0); /* 65 bits */
	EXPECT_FAIL(&c, B(0, 0, 0, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_NEWDECIMAL, (0 << 8) | 0, false, 0);
	EXPECT_FAIL(&c, B(0x80));
	c = mkcol(BP_T_NEWDECIMAL, (66 << 8) | 0, false, 0);
	EXPECT_FAIL(&c, B(0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_NEWDECIMAL, (2 << 8) | 3, false, 0);
	EXPECT_FAIL(&c, B(0x80, 0x00));
	c = mkcol(BP_T_TIME2, 7, false, 0);
	EXPECT_FAIL(&c, B(0x80, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_DATETIME2, 7, false, 0);
	EXPECT_FAIL(&c, B(0x80, 0, 0, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_TIMESTAMP2, 9, false, 0);
	EXPECT_FAIL(&c, B(0, 0, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_STRING, 0xf703, false, 8); /* ENUM of 3 bytes */
	EXPECT_FAIL(&c, B(0, 0, 0));
	c = mkcol(BP_T_STRING, 0xf809, false, 8); /* SET of 9 bytes */
	EXPECT_FAIL(&c, B(0, 0, 0, 0, 0, 0, 0, 0, 0));
	c = mkcol(BP_T_STRING, 0xf700, false, 8); /* ENUM of 0 bytes */
	EXPECT_FAIL(&c, B(0));
	c = mkcol(BP_T_VECTOR, 4, false, 0); /* 5 bytes is not a float array */
	EXPECT_FAIL(&c, B(0x05, 0, 0, 0, 1, 2, 3, 4, 5));
	/* impossible values */
	c = mkcol(BP_T_NEWDECIMAL, (4 << 8) | 2, false, 0);
	EXPECT_FAIL(&c, B(0x8c, 0x64)); /* fraction 100 */
	c = mkcol(BP_T_DATETIME2, 0, false, 0);
	EXPECT_FAIL(&c, B(0x7f, 0xff, 0xff, 0xff, 0xff)); /* negative DATETIME */
	c = mkcol(BP_T_TIMESTAMP2, 6, false, 0);
	EXPECT_FAIL(&c, B(0, 0, 0, 1, 0x0f, 0x42, 0x40)); /* 1000000 microseconds */
	c = mkcol(BP_T_TIMESTAMP2, 6, false, 0);
	EXPECT_FAIL(&c, B(0, 0, 0, 1, 0xff, 0xff, 0xff)); /* negative fraction */
	c = mkcol(BP_T_TIME2, 6, false, 0);
	EXPECT_FAIL(&c, B(0x80, 0x00, 0x00, 0xff, 0xff, 0xff)); /* 16777215 microseconds */
	c = mkcol(BP_T_DATETIME, 0, false, 0);
	EXPECT_FAIL(&c, B(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)); /* year over 9999 */
	/* types without a knowable length */
	c = mkcol(BP_T_DECIMAL, 0, false, 0);
	EXPECT_FAIL(&c, B(0x31, 0x32));
	c = mkcol(BP_T_TYPED_ARRAY, 0, false, 0);
	EXPECT_FAIL(&c, B(0x00));
	c = mkcol(100, 0, false, 0);
	EXPECT_FAIL(&c, B(0x00));
	/* a decimal failure points at the value, not past it */
	{
		bp_cursor cur;
		bp_value v;
		c = mkcol(BP_T_NEWDECIMAL, (4 << 8) | 2, false, 0);
		bp_cur_init(&cur, (const uint8_t *)"\x01\x8c\x64", 3);
		bp_cur_skip(&cur, 1);
		CU_ASSERT_EQUAL(bp_value_decode(&cur, &c, &v), -1);
		CU_ASSERT_EQUAL(cur.err_pos, 1);
	}
	/* sticky: a cursor already in error decodes nothing */
	{
		bp_cursor cur;
		bp_value v;
		c = mkcol(BP_T_TINY, 0, false, 0);
		bp_cur_init(&cur, (const uint8_t *)"\x01\x02", 2);
		bp_cur_fail(&cur);
		CU_ASSERT_EQUAL(bp_value_decode(&cur, &c, &v), -1);
		CU_ASSERT_EQUAL(bp_cur_pos(&cur), 0);
	}
}

/* ------------------------------------------------------------------------ */
/* MySQL binary JSON                                                         */

static int json_of(const uint8_t *p, size_t n, char *out, size_t cap)
{
	bp_buf b = BP_BUF_INIT;
	int rc = bp_json_binary_to_text(&b, p, n);
	snprintf(out, cap, "%s", bp_buf_cstr(&b));
	bp_buf_release(&b);
	return rc;
}

struct jvec {
	const char *hex;
	const char *json; /* NULL: must fail */
};

static void run_jvecs(const char *file, int line, const struct jvec *v, size_t nv)
{
	for (size_t i = 0; i < nv; i++) {
		uint8_t buf[512];
		char out[2048], what[64];
		size_t n = unhex(v[i].hex, buf, sizeof(buf));
		int rc = json_of(buf, n, out, sizeof(out));
		snprintf(what, sizeof(what), "json vector %zu", i);
		if (v[i].json)
			check_at(file, line, what, rc == 0 && strcmp(out, v[i].json) == 0, out, v[i].json);
		else
			check_at(file, line, what, rc == -1, out, "(failure)");
	}
}
#define RUN_JVECS(v) run_jvecs(__FILE__, __LINE__, v, sizeof(v) / sizeof(v[0]))

static void json_scalars(void)
{
	/* built from json_binary.h: type byte then the value */
	static const struct jvec v[] = {
		{ "", "null" },
		{ "0400", "null" },
		{ "0401", "true" },
		{ "0402", "false" },
		{ "0503ff", "-253" },                        /* int16 0xff03 */
		{ "0603ff", "65283" },                       /* uint16 */
		{ "07feffffff", "-2" },                      /* int32 */
		{ "08feffffff", "4294967294" },              /* uint32 */
		{ "090000000000000080", "-9223372036854775808" },
		{ "0affffffffffffffff", "18446744073709551615" },
		{ "0b000000000000f03f", "1.0" },             /* MySQL marks integral doubles */
		{ "0b000000000000e0bf", "-0.5" },
		{ "0b9c7500883ce4377e", "1e300" },
		{ "0b9a9999999999b93f", "0.1" },
		{ "0c03616263", "\"abc\"" },
		{ "0c00", "\"\"" },
		{ "0c0b22615c0a09c3a9e282ac7f", "\"\\\"a\\\\\\n\\t\xc3\xa9\xe2\x82\xac\\u007f\"" },
		/* opaque: VARCHAR (type 15) 'U' as base64, as rust_mysql_common/json-opaque.binlog
		 * offset 772 (MySQL 9.0.1) shows it nested; here at top level */
		{ "0f0f0155", "\"base64:type15:VQ==\"" },
	};
	RUN_JVECS(v);
	/* base64 padding: 1, 2, 3 bytes; BLOB (252) */
	static const struct jvec b64[] = {
		{ "0ffc0100", "\"base64:type252:AA==\"" },
		{ "0ffc020001", "\"base64:type252:AAE=\"" },
		{ "0ffc03000102", "\"base64:type252:AAEC\"" },
		{ "0ffc00", "\"base64:type252:\"" },
	};
	RUN_JVECS(b64);
}

/* MySQL 9.0.1 documents from shared/fixtures/real/rust_mysql_common/json-opaque.binlog
 * (file offsets 772, 882, 999, 1116, 1233, 1348, 1464, 1587) and MySQL 8.0.22
 * rust_mysql_common/json.binlog.000001 offset 1099. */
static void json_real_documents(void)
{
	static const struct jvec v[] = {
		{ "0001000f000b0001000f0c00610f0155", "{\"a\": \"base64:type15:VQ==\"}" },
		{ "00010016000b0001000f0c00620a080000000000e48b19", "{\"b\": \"2012-03-18\"}" },
		{ "00010016000b0001000f0c00630c08000000adb7e48b19", "{\"c\": \"2012-03-18 11:30:45.000000\"}" },
		{ "00010016000b0001000f0c00630b08f1fb09ee77050000", "{\"c\": \"87:31:46.654321\"}" },
		{ "00010014000b0001000f0c0064f6060603807b01c8", "{\"d\": 123.456}" },
		{ "00010015000b0001000f0c0065f6070b028000000900", "{\"e\": 9.00}" },
		{ "0001001c000b000100020c006504001000050000050100040100040200", "{\"e\": [0, 1, true, false]}" },
		{ "0001000c000b00010004000065", "{\"e\": null}" },
		{ "0003003300190003001c000400200004000518000c24000c2f00616765646174616e616d65"
		  "0a78787878787878787878034a6f65",
		  "{\"age\": 24, \"data\": \"xxxxxxxxxx\", \"name\": \"Joe\"}" },
	};
	RUN_JVECS(v);
}

/* MySQL 8.0.40 document of 741 bytes with a 700-byte string (2-byte data-length):
 * Debian mariadb-test-data std_data/mdev35643_mysql_80_binlog.000001, the JSON
 * value at offset 3444 (before image of the PARTIAL_UPDATE_ROWS at 3403). Its
 * 31-byte head and 6-byte tail are copied; the middle is "[zyzzy]" 100 times. */
static void json_real_long_string(void)
{
	static const uint8_t head[] = { 0x00, 0x03, 0x00, 0xe4, 0x02, 0x19, 0x00, 0x01, 0x00, 0x1a, 0x00, 0x01, 0x00,
					0x1b, 0x00, 0x01, 0x00, 0x0c, 0x1c, 0x00, 0x0c, 0x21, 0x00, 0x0c, 0xdf, 0x02,
					0x61, 0x62, 0x63, 0x04, 0x68, 0x75, 0x6c, 0x75, 0xbc, 0x05 };
	static const uint8_t tail[] = { 0x04, 0x62, 0x75, 0x6c, 0x75 };
	uint8_t doc[741];
	size_t n = 0;
	memcpy(doc, head, sizeof(head));
	n = sizeof(head);
	for (int i = 0; i < 100; i++, n += 7)
		memcpy(doc + n, "[zyzzy]", 7);
	memcpy(doc + n, tail, sizeof(tail));
	n += sizeof(tail);
	CU_ASSERT_EQUAL_FATAL(n, 741);
	bp_buf b = BP_BUF_INIT;
	CU_ASSERT_EQUAL(bp_json_binary_to_text(&b, doc, n), 0);
	const char *s = bp_buf_cstr(&b);
	CU_ASSERT_EQUAL(strncmp(s, "{\"a\": \"hulu\", \"b\": \"[zyzzy][zyzzy]", 34), 0);
	CU_ASSERT_EQUAL(strlen(s), strlen("{\"a\": \"hulu\", \"b\": \"\", \"c\": \"bulu\"}") + 700);
	CU_ASSERT_STRING_EQUAL(s + strlen(s) - 22, "[zyzzy]\", \"c\": \"bulu\"}");
	/* one byte short: the last value's string runs past the document */
	bp_buf_clear(&b);
	CU_ASSERT_EQUAL(bp_json_binary_to_text(&b, doc, n - 1), -1);
	bp_buf_release(&b);
}

static void json_containers(void)
{
	/* built from json_binary.h */
	static const struct jvec ok[] = {
		/* empty object and array, small and large */
		{ "0000000400", "{}" },
		{ "0200000400", "[]" },
		{ "010000000008000000", "{}" },
		{ "030000000008000000", "[]" },
		/* small array [1, "x"]: count 2, size 12, entries (05 0100) (0c 0a00), "x" at 10 */
		{ "0202000c00050100" "0c0a00" "0178", "[1, \"x\"]" },
		/* large array [-7 (int32 inlined), 70000 (uint32 inlined), null]: entries of 5 bytes */
		{ "030300000017000000" "07f9ffffff" "0870110100" "0400000000", "[-7, 70000, null]" },
		/* small array with an int32 (not inlined in the small format) at offset 7 */
		{ "0201000b00" "070700" "f9ffffff", "[-7]" },
		/* object {"k": [true]}: key entry (0b00 0100), value entry (02 0c00), key "k",
		 * nested small array at 12: count 1, size 7, entry (04 0100) */
		{ "0001001300" "0b000100" "020c00" "6b" "01000700040100", "{\"k\": [true]}" },
		/* large object {"a": 1, "bb": 2}: key entries 6 bytes, value entries 5 bytes */
		{ "01" "02000000" "21000000" "1e0000000100" "1f0000000200" "0501000000" "0502000000" "616262",
		  "{\"a\": 1, \"bb\": 2}" },
		/* int16 inlined in a small object value entry, negative */
		{ "0001000c00" "0b000100" "05feff" "7a", "{\"z\": -2}" },
		/* double and string by offset in an array */
		{ "0202001800" "0b0a00" "0c1200" "000000000000f83f" "0568656c6c6f", "[1.5, \"hello\"]" },
	};
	RUN_JVECS(ok);
}

static void json_malformed(void)
{
	static const struct jvec bad[] = {
		{ "00", NULL },                           /* object without header */
		{ "000100", NULL },                       /* count but no size */
		{ "0001000900", NULL },                   /* size 9 > 4 bytes available */
		{ "0002000800" "00000000", NULL },       /* 2 entries do not fit size 8 */
		{ "0001000c00" "ff000100" "040000" "6b", NULL }, /* key offset 255 past size */
		{ "0001000c00" "0b00ff00" "040000" "6b", NULL }, /* key length past size */
		{ "0201000800" "0c3000" "00", NULL },     /* value offset past size */
		{ "0201000700" "040300", NULL },          /* literal 3 */
		{ "0201000700" "200000", NULL },          /* value type 0x20 */
		{ "0405", NULL },                         /* top-level literal 5 */
		{ "20", NULL },                           /* unknown type */
		{ "0c05616263", NULL },                   /* string length past the end */
		{ "0c8080808010", NULL },                 /* length 2^32: over 32 bits */
		{ "0c808080808001", NULL },               /* length of 6 bytes */
		{ "0c80", NULL },                         /* length cut */
		{ "0c02c328", NULL },                     /* invalid UTF-8 */
		{ "0001000c00" "0b000100" "040000" "ff", NULL }, /* key not UTF-8 */
		{ "05ff", NULL }, { "07ffff", NULL }, { "09ffffffffffffff", NULL }, { "0b0000", NULL },
		{ "0f", NULL },                           /* opaque without type */
		{ "0ffc05aa", NULL },                     /* opaque length past the end */
		{ "0ff6020a02", NULL },                   /* decimal (10,2) without its bytes */
		{ "0ff6040a02800000", NULL },             /* decimal cut: (10,2) needs 5 */
		{ "0f0a0400000000", NULL },               /* DATE must have 8 bytes */
		{ "03010000000a000000" "0c", NULL },      /* large array entry cut */
	};
	RUN_JVECS(bad);
}

/* Nesting: 100 arrays deep is fine, 101 is refused (MySQL JSON_DOCUMENT_MAX_DEPTH). */
static void json_depth_limit(void)
{
	enum { MAXD = 101 };
	/* a chain of small arrays, each [ <next> ]: 02 | 01 00 | size | 02 07 00 | next... */
	uint8_t doc[1 + MAXD * 7 + 2];
	for (int depth = 100; depth <= 101; depth++) {
		size_t n = 0;
		doc[n++] = 0x02;
		for (int i = 0; i < depth; i++) {
			/* this array: its 7-byte header, the arrays inside (7 bytes each), the
			 * innermost empty array (4 bytes) */
			size_t size = (size_t)(depth - 1 - i) * 7 + 4;
			if (i == depth - 1) {
				/* innermost: empty array */
				doc[n++] = 0x00;
				doc[n++] = 0x00;
				doc[n++] = 0x04;
				doc[n++] = 0x00;
			} else {
				doc[n++] = 0x01;
				doc[n++] = 0x00;
				doc[n++] = (uint8_t)(size & 0xff);
				doc[n++] = (uint8_t)(size >> 8);
				doc[n++] = 0x02;
				doc[n++] = 0x07;
				doc[n++] = 0x00;
			}
		}
		bp_buf b = BP_BUF_INIT;
		int rc = bp_json_binary_to_text(&b, doc, n);
		if (depth == 100) {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_EQUAL(b.len, 200);
			CU_ASSERT_EQUAL(bp_buf_cstr(&b)[99], '[');
			CU_ASSERT_EQUAL(bp_buf_cstr(&b)[100], ']');
		} else {
			CU_ASSERT_EQUAL(rc, -1);
		}
		bp_buf_release(&b);
	}
}

static const CU_TestInfo value_tests[] = {
	{ "metadata widths of a real MySQL 5.7 table map", meta_widths_real_table_map },
	{ "metadata widths and byte order of every type", meta_widths_every_type },
	{ "STRING metadata: ENUM/SET and long CHAR", string_meta_and_resolve },
	{ "type names", coltype_names },
	{ "integers signed and unsigned", integers },
	{ "FLOAT and DOUBLE", floats },
	{ "DECIMAL columns", decimal_columns },
	{ "temporal types (MariaDB 10.11, MySQL 5.1 bytes)", temporal },
	{ "temporal formatting and packed forms", temporal_format },
	{ "BIT", bits },
	{ "ENUM and SET", enum_set },
	{ "strings, charsets, blobs", strings },
	{ "GEOMETRY, JSON, VECTOR", geometry_json_vector },
	{ "a real MySQL 5.7 row with 22 types", real_mysql57_row },
	{ "malformed input fails cleanly", malformed },
	CU_TEST_INFO_NULL,
};
static const CU_TestInfo decimal_tests[] = {
	{ "binary sizes", decimal_sizes },
	{ "text of real and built values", decimal_text },
	{ "invalid bytes and arguments", decimal_invalid },
	CU_TEST_INFO_NULL,
};
static const CU_TestInfo json_tests[] = {
	{ "scalars and opaque", json_scalars },
	{ "real MySQL documents", json_real_documents },
	{ "real document with a long string", json_real_long_string },
	{ "objects and arrays, small and large", json_containers },
	{ "malformed documents", json_malformed },
	{ "depth limit", json_depth_limit },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_value(void) { return bp_unit_add("analyzer/value", value_tests); }
int bp_suite_analyzer_decimal(void) { return bp_unit_add("analyzer/decimal", decimal_tests); }
int bp_suite_analyzer_json(void) { return bp_unit_add("analyzer/json_binary", json_tests); }
