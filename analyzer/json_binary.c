/*
 * json_binary.c: MySQL binary JSON (the storage format of JSON columns, MySQL
 * 5.7.8+ and 8.x) to JSON text, printed the way MySQL prints JSON
 * (`{"a": 1, "b": [true, null]}`: ", " between members, ": " after keys).
 *
 * Format followed: MySQL sql-common/json_binary.h / json_binary.cc (parse_binary)
 * and sql-common/json_dom.cc (Json_wrapper::to_string). Every offset and length
 * is checked against the bytes of the enclosing value before use; nesting is
 * limited to BP_JSON_MAX_DEPTH (MySQL's JSON_DOCUMENT_MAX_DEPTH).
 *
 *   doc          ::= type value
 *   type         ::= 0x00 small object | 0x01 large object | 0x02 small array
 *                  | 0x03 large array | 0x04 literal | 0x05 int16 | 0x06 uint16
 *                  | 0x07 int32 | 0x08 uint32 | 0x09 int64 | 0x0a uint64
 *                  | 0x0b double | 0x0c string | 0x0f opaque (custom data)
 *   object       ::= count size key-entry* value-entry* key* value*
 *   array        ::= count size value-entry* value*
 *   count, size  ::= uint16 (small) | uint32 (large), little-endian
 *   key-entry    ::= key-offset (uint16|uint32) key-length (uint16)
 *   value-entry  ::= type (1 byte) offset-or-inlined-value (uint16|uint32)
 *   literal      ::= 0x00 null | 0x01 true | 0x02 false
 *   string       ::= data-length utf8mb4-bytes
 *   opaque       ::= field-type (1 byte, enum_field_types) data-length bytes
 *   data-length  ::= 1..5 bytes, 7 bits each, low group first, high bit = more
 *
 * Offsets count from the first byte of the object/array (its count field).
 * Inlined (no offset) values: literals, int16, uint16, and in the large format
 * also int32 and uint32; they sit in the offset field, little-endian.
 * Numbers are little-endian; double is an 8-byte little-endian IEEE value.
 *
 * Opaque values print as MySQL prints them: NEWDECIMAL (data = precision,
 * scale, packed decimal) as a number; DATE as "YYYY-MM-DD"; DATETIME and
 * TIMESTAMP as "YYYY-MM-DD HH:MM:SS.ffffff"; TIME as "HH:MM:SS.ffffff" (data =
 * 8-byte little-endian packed temporal, MySQL my_time.cc *_packed); anything
 * else as "base64:type<N>:<base64>" (MySQL also breaks base64 lines at 76
 * characters in some versions; we never do, so the output stays one JSON string).
 * An empty document (0 bytes) is the JSON null literal, as in parse_binary().
 */
#include "value.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define BP_JSON_MAX_DEPTH 100

enum {
	JT_SMALL_OBJ = 0x00,
	JT_LARGE_OBJ = 0x01,
	JT_SMALL_ARR = 0x02,
	JT_LARGE_ARR = 0x03,
	JT_LITERAL = 0x04,
	JT_INT16 = 0x05,
	JT_UINT16 = 0x06,
	JT_INT32 = 0x07,
	JT_UINT32 = 0x08,
	JT_INT64 = 0x09,
	JT_UINT64 = 0x0a,
	JT_DOUBLE = 0x0b,
	JT_STRING = 0x0c,
	JT_OPAQUE = 0x0f,
};

static int json_value(bp_buf *b, uint8_t type, const uint8_t *p, size_t n, int depth);

/* data-length: up to 5 bytes of 7 bits; the value must fit 32 bits. */
static int read_varlen(const uint8_t *p, size_t n, uint32_t *len, size_t *used)
{
	uint64_t v = 0;
	for (size_t i = 0; i < 5 && i < n; i++) {
		v |= (uint64_t)(p[i] & 0x7f) << (7 * i);
		if (!(p[i] & 0x80)) {
			if (v > UINT32_MAX)
				return -1;
			*len = (uint32_t)v;
			*used = i + 1;
			return 0;
		}
	}
	return -1;
}

static int literal(bp_buf *b, uint8_t v)
{
	switch (v) {
	case 0: bp_buf_adds(b, "null"); return 0;
	case 1: bp_buf_adds(b, "true"); return 0;
	case 2: bp_buf_adds(b, "false"); return 0;
	default: return -1;
	}
}

/* Key or string bytes: must be UTF-8 (utf8mb4) for the output to stay JSON. */
static int utf8_string(bp_buf *b, const uint8_t *p, size_t n)
{
	if (!bp_utf8_valid(p, n))
		return -1;
	bp_buf_add_json_str(b, p, n);
	return 0;
}

static void base64(bp_buf *b, const uint8_t *p, size_t n)
{
	static const char tb[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		char q[4] = { tb[v >> 18], tb[(v >> 12) & 63], tb[(v >> 6) & 63], tb[v & 63] };
		bp_buf_add(b, q, 4);
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)p[i] << 16;
		char q[4] = { tb[v >> 18], tb[(v >> 12) & 63], '=', '=' };
		bp_buf_add(b, q, 4);
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		char q[4] = { tb[v >> 18], tb[(v >> 12) & 63], tb[(v >> 6) & 63], '=' };
		bp_buf_add(b, q, 4);
	}
}

static int opaque(bp_buf *b, const uint8_t *p, size_t n)
{
	uint32_t len;
	size_t used;
	if (n < 1)
		return -1;
	uint8_t ftype = p[0];
	if (read_varlen(p + 1, n - 1, &len, &used) < 0 || len > n - 1 - used)
		return -1;
	const uint8_t *d = p + 1 + used;

	switch (ftype) {
	case BP_T_NEWDECIMAL:
		/* precision, scale, then the packed decimal (decimal.c) */
		if (len < 2)
			return -1;
		if (len - 2 < bp_decimal_bin_size(d[0], d[1]))
			return -1;
		return bp_decimal_to_text(b, d + 2, bp_decimal_bin_size(d[0], d[1]), d[0], d[1]);
	case BP_T_DATE:
	case BP_T_NEWDATE:
	case BP_T_DATETIME:
	case BP_T_DATETIME2:
	case BP_T_TIMESTAMP:
	case BP_T_TIMESTAMP2:
	case BP_T_TIME:
	case BP_T_TIME2: {
		if (len != 8)
			return -1;
		int64_t packed = (int64_t)bp_le(d, 8);
		bp_temporal t;
		char s[BP_TEMPORAL_FMT_MAX];
		size_t k;
		unsigned kind;
		if (ftype == BP_T_TIME || ftype == BP_T_TIME2) {
			bp_time_from_packed(packed, &t);
			kind = BP_V_TIME;
		} else {
			bp_datetime_from_packed(packed, &t);
			kind = (ftype == BP_T_DATE || ftype == BP_T_NEWDATE) ? BP_V_DATE : BP_V_DATETIME;
		}
		t.dec = 6; /* MySQL prints JSON temporals with my_TIME_to_str(..., 6) */
		k = bp_temporal_fmt(s, &t, kind);
		bp_buf_add_json_str(b, s, k);
		return 0;
	}
	default:
		bp_buf_addf(b, "\"base64:type%u:", (unsigned)ftype);
		base64(b, d, len);
		bp_buf_addc(b, '"');
		return 0;
	}
}

/*
 * Object or array at p (its count field), n bytes available to it.
 * The declared size must fit in n; everything inside is checked against size.
 */
static int container(bp_buf *b, const uint8_t *p, size_t n, bool large, bool is_obj, int depth)
{
	const unsigned w = large ? 4 : 2; /* width of count, size and offsets */
	if (depth >= BP_JSON_MAX_DEPTH)
		return -1;
	if (n < 2u * w)
		return -1;
	uint64_t count = bp_le(p, w);
	uint64_t size = bp_le(p + w, w);
	if (size > n || size < 2u * w)
		return -1;
	const uint64_t key_entry = w + 2, value_entry = 1 + w;
	uint64_t keys_at = 2u * w;
	uint64_t values_at = keys_at + (is_obj ? count * key_entry : 0);
	if (count > size || values_at + count * value_entry > size)
		return -1;

	bp_buf_addc(b, is_obj ? '{' : '[');
	for (uint64_t i = 0; i < count; i++) {
		if (i)
			bp_buf_add(b, ", ", 2);
		if (is_obj) {
			const uint8_t *ke = p + keys_at + i * key_entry;
			uint64_t koff = bp_le(ke, w), klen = bp_le(ke + w, 2);
			if (koff > size || klen > size - koff)
				return -1;
			if (utf8_string(b, p + koff, (size_t)klen) < 0)
				return -1;
			bp_buf_add(b, ": ", 2);
		}
		const uint8_t *ve = p + values_at + i * value_entry;
		uint8_t t = ve[0];
		switch (t) {
		case JT_LITERAL:
			if (literal(b, ve[1]) < 0)
				return -1;
			continue;
		case JT_INT16:
			bp_buf_addi64(b, (int16_t)bp_le(ve + 1, 2));
			continue;
		case JT_UINT16:
			bp_buf_addu64(b, bp_le(ve + 1, 2));
			continue;
		case JT_INT32:
			if (large) {
				bp_buf_addi64(b, (int32_t)bp_le(ve + 1, 4));
				continue;
			}
			break;
		case JT_UINT32:
			if (large) {
				bp_buf_addu64(b, bp_le(ve + 1, 4));
				continue;
			}
			break;
		default:
			break;
		}
		uint64_t off = bp_le(ve + 1, w);
		if (off >= size)
			return -1;
		if (json_value(b, t, p + off, (size_t)(size - off), depth + 1) < 0)
			return -1;
	}
	bp_buf_addc(b, is_obj ? '}' : ']');
	return 0;
}

/* One value of the given type at p, with n bytes available to it. */
static int json_value(bp_buf *b, uint8_t type, const uint8_t *p, size_t n, int depth)
{
	switch (type) {
	case JT_SMALL_OBJ: return container(b, p, n, false, true, depth);
	case JT_LARGE_OBJ: return container(b, p, n, true, true, depth);
	case JT_SMALL_ARR: return container(b, p, n, false, false, depth);
	case JT_LARGE_ARR: return container(b, p, n, true, false, depth);
	case JT_LITERAL:
		return n < 1 ? -1 : literal(b, p[0]);
	case JT_INT16:
		if (n < 2)
			return -1;
		bp_buf_addi64(b, (int16_t)bp_le(p, 2));
		return 0;
	case JT_UINT16:
		if (n < 2)
			return -1;
		bp_buf_addu64(b, bp_le(p, 2));
		return 0;
	case JT_INT32:
		if (n < 4)
			return -1;
		bp_buf_addi64(b, (int32_t)bp_le(p, 4));
		return 0;
	case JT_UINT32:
		if (n < 4)
			return -1;
		bp_buf_addu64(b, bp_le(p, 4));
		return 0;
	case JT_INT64:
		if (n < 8)
			return -1;
		bp_buf_addi64(b, (int64_t)bp_le(p, 8));
		return 0;
	case JT_UINT64:
		if (n < 8)
			return -1;
		bp_buf_addu64(b, bp_le(p, 8));
		return 0;
	case JT_DOUBLE: {
		if (n < 8)
			return -1;
		uint64_t bits = bp_le(p, 8);
		double d;
		memcpy(&d, &bits, sizeof(d));
		char s[BP_NUMFMT_MAX];
		size_t k = bp_double_fmt(s, d, false);
		bp_buf_add(b, s, k);
		/* MySQL marks an integral double as a double: 1.0, not 1 */
		if (strspn(s, "-0123456789") == k && isfinite(d))
			bp_buf_add(b, ".0", 2);
		return 0;
	}
	case JT_STRING: {
		uint32_t len;
		size_t used;
		if (read_varlen(p, n, &len, &used) < 0 || len > n - used)
			return -1;
		return utf8_string(b, p + used, len);
	}
	case JT_OPAQUE:
		return opaque(b, p, n);
	default:
		return -1;
	}
}

int bp_json_binary_to_text(bp_buf *b, const uint8_t *p, size_t n)
{
	if (n == 0) {
		bp_buf_adds(b, "null");
		return 0;
	}
	return json_value(b, p[0], p + 1, n - 1, 0);
}
