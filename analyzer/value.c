/*
 * value.c: column values in row images (WRITE/UPDATE/DELETE_ROWS): table-map
 * metadata, decoding one value, and formatting it as JSON or as mariadb-binlog
 * -v prints it.
 *
 * Formats followed: MySQL sql/log_event.cc log_event_print_value() and
 * sql/rpl_utility.cc (table_def), MySQL mysys/my_time.cc (packed temporals),
 * MariaDB sql/log_event_client.cc log_event_print_value() (the text form).
 *
 * Row image bytes per type (little-endian unless noted; meta = table-map metadata,
 * see bp_column_meta_read in value.h for how it is stored):
 *
 *   type                 bytes                  layout
 *   TINY/SHORT/INT24     1/2/3                  integer
 *   LONG/LONGLONG        4/8                    integer
 *   FLOAT/DOUBLE         4/8                    IEEE 754
 *   NEWDECIMAL           decimal.c              precision = meta >> 8, scale = meta & 0xff
 *   YEAR                 1                      0 = 0000, else year - 1900
 *   DATE (NEWDATE)       3                      day:5 | month:4 | year:15 (low bits first)
 *   TIME (old)           3                      signed integer HHMMSS
 *   DATETIME (old)       8                      integer YYYYMMDDHHMMSS
 *   TIMESTAMP (old)      4                      seconds since the epoch
 *   TIMESTAMP2           4 + (fsp+1)/2          big-endian seconds, big-endian fraction
 *   DATETIME2            5 + (fsp+1)/2          big-endian, 0x8000000000 offset:
 *                                               sign:1 year*13+month:17 day:5 hour:5 min:6 sec:6
 *   TIME2                3 + (fsp+1)/2          big-endian, 0x800000 offset:
 *                                               sign:1 unused:1 hour:10 min:6 sec:6
 *                        (fsp 5,6: 6 bytes with 0x800000000000 offset)
 *   fraction by fsp:     1,2: 1 byte (1/100 s); 3,4: 2 bytes (1/10000 s); 5,6: 3 bytes (usec)
 *   BIT                  (bits + 7) / 8         big-endian; meta = (bytes << 8) | (bits % 8)
 *   VARCHAR/VAR_STRING   1 (meta < 256) or 2 length bytes, then the bytes
 *   STRING (CHAR/BINARY) 1 (max_len < 256) or 2 length bytes, then the bytes
 *   ENUM / SET           max_len bytes: index / bitmask (real type from STRING meta)
 *   BLOB family, JSON,   meta (1..4) length bytes, then the bytes
 *   GEOMETRY, VECTOR
 *   NULL                 nothing
 *
 * TIME2 negative values: the fraction of a negative time is stored as its
 * complement, so MySQL my_time_packed_from_binary() adds one to the integer part
 * and subtracts 0x100 (fsp 1,2) or 0x10000 (fsp 3,4) from the fraction; we do
 * the same, then unpack like TIME_from_longlong_time_packed().
 */
#include "value.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* types and table-map metadata                                              */

const char *bp_coltype_name(unsigned type)
{
	switch (type) {
	case BP_T_DECIMAL: return "DECIMAL";
	case BP_T_TINY: return "TINY";
	case BP_T_SHORT: return "SHORT";
	case BP_T_LONG: return "LONG";
	case BP_T_FLOAT: return "FLOAT";
	case BP_T_DOUBLE: return "DOUBLE";
	case BP_T_NULL: return "NULL";
	case BP_T_TIMESTAMP: return "TIMESTAMP";
	case BP_T_LONGLONG: return "LONGLONG";
	case BP_T_INT24: return "INT24";
	case BP_T_DATE: return "DATE";
	case BP_T_TIME: return "TIME";
	case BP_T_DATETIME: return "DATETIME";
	case BP_T_YEAR: return "YEAR";
	case BP_T_NEWDATE: return "NEWDATE";
	case BP_T_VARCHAR: return "VARCHAR";
	case BP_T_BIT: return "BIT";
	case BP_T_TIMESTAMP2: return "TIMESTAMP2";
	case BP_T_DATETIME2: return "DATETIME2";
	case BP_T_TIME2: return "TIME2";
	case BP_T_TYPED_ARRAY: return "TYPED_ARRAY";
	case BP_T_VARCHAR_COMPRESSED: return "VARCHAR_COMPRESSED";
	case BP_T_BLOB_COMPRESSED: return "BLOB_COMPRESSED";
	case BP_T_VECTOR: return "VECTOR";
	case BP_T_INVALID: return "INVALID";
	case BP_T_BOOL: return "BOOL";
	case BP_T_JSON: return "JSON";
	case BP_T_NEWDECIMAL: return "NEWDECIMAL";
	case BP_T_ENUM: return "ENUM";
	case BP_T_SET: return "SET";
	case BP_T_TINY_BLOB: return "TINY_BLOB";
	case BP_T_MEDIUM_BLOB: return "MEDIUM_BLOB";
	case BP_T_LONG_BLOB: return "LONG_BLOB";
	case BP_T_BLOB: return "BLOB";
	case BP_T_VAR_STRING: return "VAR_STRING";
	case BP_T_STRING: return "STRING";
	case BP_T_GEOMETRY: return "GEOMETRY";
	default: return "UNKNOWN";
	}
}

/* (inline: the image loop calls it for every CHAR, ENUM and SET value) */
static inline void string_meta(uint8_t type, uint16_t meta, uint8_t *real_type, uint32_t *max_len)
{
	if (type == BP_T_ENUM || type == BP_T_SET) {
		*real_type = type;
		*max_len = meta & 0xff;
		return;
	}
	if (type != BP_T_STRING) {
		*real_type = type;
		*max_len = 0;
		return;
	}
	if (meta < 256) {
		*real_type = BP_T_STRING;
		*max_len = meta;
		return;
	}
	unsigned m0 = meta >> 8, m1 = meta & 0xff;
	if ((m0 & 0x30) != 0x30) {
		/* CHAR over 255 bytes: bits 4-5 of the length ride in m0, inverted */
		*real_type = (uint8_t)(m0 | 0x30);
		*max_len = m1 | (((m0 & 0x30) ^ 0x30) << 4);
	} else {
		*real_type = (uint8_t)m0;
		*max_len = m1;
	}
}

void bp_string_meta(uint8_t type, uint16_t meta, uint8_t *real_type, uint32_t *max_len)
{
	string_meta(type, meta, real_type, max_len);
}

void bp_column_resolve(bp_column *col)
{
	uint32_t len;
	bp_string_meta(col->type, col->meta, &col->real_type, &len);
}

int bp_column_meta_read(bp_cursor *c, uint8_t type, uint16_t *meta)
{
	const uint8_t *q;
	*meta = 0;
	switch (type) {
	case BP_T_FLOAT:
	case BP_T_DOUBLE:
	case BP_T_TINY_BLOB:
	case BP_T_MEDIUM_BLOB:
	case BP_T_LONG_BLOB:
	case BP_T_BLOB:
	case BP_T_GEOMETRY:
	case BP_T_JSON:
	case BP_T_VECTOR:
	case BP_T_BLOB_COMPRESSED:
	case BP_T_TIME2:
	case BP_T_DATETIME2:
	case BP_T_TIMESTAMP2:
		*meta = bp_cur_u8(c);
		break;
	case BP_T_VARCHAR:
	case BP_T_VAR_STRING:
	case BP_T_VARCHAR_COMPRESSED:
	case BP_T_BIT: /* bits % 8 then bytes: read little-endian = (bytes << 8) | bits */
		*meta = bp_cur_u16(c);
		break;
	case BP_T_NEWDECIMAL:
	case BP_T_STRING:
	case BP_T_ENUM:
	case BP_T_SET:
		if ((q = bp_cur_bytes(c, 2)) != NULL)
			*meta = (uint16_t)(q[0] << 8 | q[1]);
		break;
	default:
		break;
	}
	return c->err ? -1 : 0;
}

/* ------------------------------------------------------------------------ */
/* decoding                                                                  */

static int fail(bp_cursor *c)
{
	bp_cur_fail(c);
	return -1;
}

static void set_bytes(bp_value *out, const uint8_t *p, size_t n)
{
	out->p = p;
	out->n = (uint32_t)n;
}

static uint8_t text_kind(const bp_column *col, bool blob_family)
{
	if (col->charset == BP_CHARSET_BINARY || (col->charset == 0 && blob_family))
		return BP_V_BLOB;
	return BP_V_STRING;
}

/*
 * Fixed-width loads written as byte shifts: compilers turn each into one
 * load (and a byte swap for big-endian), on any host. The 3-, 5-, 6- and
 * 7-byte widths combine full-width loads: copying a few bytes into a wider
 * variable and reading it whole stalls on store forwarding (it made
 * DATETIME2 12% of `events --count`).
 */
static inline uint32_t le16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static inline uint32_t le32(const uint8_t *p) { return le16(p) | le16(p + 2) << 16; }
static inline uint32_t be16(const uint8_t *p) { return (uint32_t)p[0] << 8 | p[1]; }
static inline uint32_t be32(const uint8_t *p) { return be16(p) << 16 | be16(p + 2); }

/* nb-byte (1..8) little-endian load */
static inline __attribute__((always_inline)) uint64_t load_le(const uint8_t *p, unsigned nb)
{
	switch (nb) {
	case 1: return p[0];
	case 2: return le16(p);
	case 3: return le16(p) | (uint32_t)p[2] << 16;
	case 4: return le32(p);
	case 5: return le32(p) | (uint64_t)p[4] << 32;
	case 6: return le32(p) | (uint64_t)le16(p + 4) << 32;
	case 7: return le32(p) | (uint64_t)(le16(p + 4) | (uint32_t)p[6] << 16) << 32;
	default: return le32(p) | (uint64_t)le32(p + 4) << 32;
	}
}

/*
 * The decoders come in two layers: a *_set function fills out from bytes
 * known to be there (returning false for an impossible value), and the cursor
 * functions below check the bytes left, call it and move the cursor. The
 * image loop (bp_image_decode_full) calls the setters directly.
 */
static inline __attribute__((always_inline)) void int_set(bp_value *out, const uint8_t *p, unsigned nb,
							    bool is_unsigned)
{
	uint64_t u = load_le(p, nb);
	set_bytes(out, p, nb);
	if (is_unsigned) {
		out->kind = BP_V_UINT;
		out->u = u;
	} else {
		uint64_t mask = nb == 8 ? UINT64_MAX : (((uint64_t)1 << (8 * nb)) - 1);
		uint64_t sign = (uint64_t)1 << (8 * nb - 1);
		out->kind = BP_V_INT;
		/* sign-extend without implementation-defined conversions */
		out->i = (u & sign) ? -(int64_t)(~u & mask) - 1 : (int64_t)u;
	}
}

static inline __attribute__((always_inline)) int int_value(bp_cursor *c, const bp_column *col, bp_value *out,
							     unsigned nb)
{
	const uint8_t *p = bp_cur_bytes(c, nb);
	if (!p)
		return -1;
	int_set(out, p, nb, col->is_unsigned);
	return 0;
}

/* Length-prefixed bytes: prefix of w (1..4) little-endian bytes. */
static inline int prefixed(bp_cursor *c, unsigned w, bp_value *out)
{
	if (w < 1 || w > 4)
		return fail(c);
	const uint8_t *q = bp_cur_bytes(c, w);
	if (!q)
		return -1;
	size_t len = (size_t)load_le(q, w);
	const uint8_t *p = bp_cur_bytes(c, len);
	if (!p)
		return -1;
	set_bytes(out, p, len);
	return 0;
}

static void temporal_clear(bp_value *out, uint8_t kind, unsigned dec)
{
	out->kind = kind;
	memset(&out->t, 0, sizeof(out->t));
	out->t.dec = (uint8_t)dec;
}

void bp_time_from_packed(int64_t packed, bp_temporal *t)
{
	uint64_t m = packed < 0 ? 0 - (uint64_t)packed : (uint64_t)packed;
	uint64_t hms = m >> 24;
	memset(t, 0, sizeof(*t));
	t->neg = packed < 0;
	t->hour = (int32_t)((hms >> 12) % (1 << 10));
	t->minute = (int32_t)((hms >> 6) % (1 << 6));
	t->second = (int32_t)(hms % (1 << 6));
	t->usec = (uint32_t)(m % (1 << 24));
}

void bp_datetime_from_packed(int64_t packed, bp_temporal *t)
{
	uint64_t m = packed < 0 ? 0 - (uint64_t)packed : (uint64_t)packed;
	uint64_t ymdhms = m >> 24;
	uint64_t ymd = ymdhms >> 17, ym = ymd >> 5, hms = ymdhms % (1 << 17);
	memset(t, 0, sizeof(*t));
	t->neg = packed < 0;
	t->usec = (uint32_t)(m % (1 << 24));
	t->day = (int32_t)(ymd % (1 << 5));
	t->month = (int32_t)(ym % 13);
	t->year = (int32_t)(ym / 13);
	t->second = (int32_t)(hms % (1 << 6));
	t->minute = (int32_t)((hms >> 6) % (1 << 6));
	t->hour = (int32_t)(hms >> 12);
}

/* nb-byte (1..8) big-endian load */
static inline __attribute__((always_inline)) uint64_t load_be(const uint8_t *p, unsigned nb)
{
	switch (nb) {
	case 1: return p[0];
	case 2: return be16(p);
	case 3: return be16(p) << 8 | p[2];
	case 4: return be32(p);
	case 5: return (uint64_t)p[0] << 32 | be32(p + 1);
	case 6: return (uint64_t)be16(p) << 32 | be32(p + 2);
	case 7: return (uint64_t)(be16(p) << 8 | p[2]) << 32 | be32(p + 3);
	default: return (uint64_t)be32(p) << 32 | be32(p + 4);
	}
}

/* Sign-extend an n-byte big-endian value. */
static inline int64_t sbe(const uint8_t *p, unsigned n)
{
	uint64_t u = load_be(p, n), sign = (uint64_t)1 << (8 * n - 1), mask = ((uint64_t)1 << (8 * n)) - 1;
	return (u & sign) ? -(int64_t)(~u & mask) - 1 : (int64_t)u;
}

/* DATETIME2/TIMESTAMP2 fractional part after the integer part: (dec+1)/2 signed
 * big-endian bytes, in microseconds (servers never write it negative). */
static inline int64_t frac_usec(const uint8_t *p, unsigned dec)
{
	if (dec >= 5)
		return sbe(p, 3);
	if (dec >= 3)
		return sbe(p, 2) * 100;
	if (dec >= 1)
		return sbe(p, 1) * 10000;
	return 0;
}

/* Bytes of a TIME2 / DATETIME2 / TIMESTAMP2 value of fsp dec (0..6). */
static inline size_t time2_len(unsigned dec) { return 3 + (dec + 1) / 2; }
static inline size_t datetime2_len(unsigned dec) { return 5 + (dec + 1) / 2; }
static inline size_t timestamp2_len(unsigned dec) { return 4 + (dec + 1) / 2; }

/* The setters below take dec <= 6 and time2_len(dec)... bytes at p; false for
 * a value no server writes. */
static bool time2_set(bp_value *out, const uint8_t *p, unsigned dec)
{
	int64_t packed;
	if (dec >= 5) {
		packed = (int64_t)load_be(p, 6) - 0x800000000000LL;
	} else {
		int64_t intpart = (int64_t)load_be(p, 3) - 0x800000;
		int64_t frac = 0;
		if (dec >= 3) {
			frac = (int64_t)load_be(p + 3, 2);
			if (intpart < 0 && frac) {
				intpart++;
				frac -= 0x10000;
			}
			frac *= 100;
		} else if (dec >= 1) {
			frac = p[3];
			if (intpart < 0 && frac) {
				intpart++;
				frac -= 0x100;
			}
			frac *= 10000;
		}
		packed = intpart * (1 << 24) + frac;
	}
	temporal_clear(out, BP_V_TIME, dec);
	bp_time_from_packed(packed, &out->t);
	out->t.dec = (uint8_t)dec;
	set_bytes(out, p, time2_len(dec));
	return out->t.usec < 1000000;
}

static inline bool datetime2_set(bp_value *out, const uint8_t *p, unsigned dec)
{
	int64_t intpart = (int64_t)load_be(p, 5) - 0x8000000000LL;
	int64_t frac = frac_usec(p + 5, dec);
	/*
	 * A server never writes a negative DATETIME or fraction: refuse them. For
	 * the rest, packed = intpart << 24 | frac, so TIME_from_longlong_datetime_packed
	 * reduces to splitting intpart (done here without the round trip).
	 */
	if (intpart < 0 || frac < 0 || frac >= 1000000)
		return false;
	uint64_t ymdhms = (uint64_t)intpart, ymd = ymdhms >> 17, ym = ymd >> 5, hms = ymdhms & 0x1ffff;
	temporal_clear(out, BP_V_DATETIME, dec);
	out->t.usec = (uint32_t)frac;
	out->t.day = (int32_t)(ymd & 31);
	out->t.month = (int32_t)(ym % 13);
	out->t.year = (int32_t)(ym / 13);
	out->t.second = (int32_t)(hms & 63);
	out->t.minute = (int32_t)((hms >> 6) & 63);
	out->t.hour = (int32_t)(hms >> 12);
	set_bytes(out, p, datetime2_len(dec));
	return true;
}

static inline bool timestamp2_set(bp_value *out, const uint8_t *p, unsigned dec)
{
	int64_t usec = frac_usec(p + 4, dec);
	if (usec < 0 || usec >= 1000000)
		return false;
	temporal_clear(out, BP_V_TIMESTAMP, dec);
	out->t.sec = (int64_t)load_be(p, 4);
	out->t.usec = (uint32_t)usec;
	set_bytes(out, p, timestamp2_len(dec));
	return true;
}

/* DATE: day:5 | month:4 | year:15 in 3 little-endian bytes */
static inline void date_set(bp_value *out, const uint8_t *p)
{
	uint64_t u = load_le(p, 3);
	temporal_clear(out, BP_V_DATE, 0);
	out->t.day = (int32_t)(u & 31);
	out->t.month = (int32_t)((u >> 5) & 15);
	out->t.year = (int32_t)(u >> 9);
	set_bytes(out, p, 3);
}

static inline void float_set(bp_value *out, const uint8_t *p)
{
	uint32_t bits = (uint32_t)load_le(p, 4);
	float f;
	memcpy(&f, &bits, sizeof(f));
	out->kind = BP_V_FLOAT;
	out->d = f;
	set_bytes(out, p, 4);
}

static inline void double_set(bp_value *out, const uint8_t *p)
{
	uint64_t u = load_le(p, 8);
	memcpy(&out->d, &u, sizeof(out->d));
	out->kind = BP_V_DOUBLE;
	set_bytes(out, p, 8);
}

static inline void year_set(bp_value *out, const uint8_t *p)
{
	out->kind = BP_V_YEAR;
	out->i = p[0] ? 1900 + p[0] : 0;
	set_bytes(out, p, 1);
}

/* Bytes of a NEWDECIMAL value (meta = precision << 8 | scale); 0 for
 * impossible metadata (precision not 1..65 or scale > precision). */
static inline size_t decimal_len(uint16_t meta)
{
	unsigned prec = meta >> 8, scale = meta & 0xff;
	if (prec < 1 || prec > 65 || scale > prec)
		return 0;
	return bp_decimal_bin_size(prec, scale);
}

/* len = decimal_len(meta) bytes at p; false when a digit group is out of range */
static inline bool decimal_set(bp_value *out, const uint8_t *p, size_t len, uint16_t meta)
{
	if (!bp_decimal_valid(p, len, meta >> 8, meta & 0xff))
		return false;
	out->kind = BP_V_DECIMAL;
	out->u = meta;
	set_bytes(out, p, len);
	return true;
}

static int decode_time2(bp_cursor *c, unsigned dec, bp_value *out)
{
	if (dec > 6)
		return fail(c);
	if (!bp_cur_need(c, time2_len(dec)))
		return -1;
	if (!time2_set(out, c->p, dec))
		return fail(c);
	c->p += time2_len(dec);
	return 0;
}

static int decode_datetime2(bp_cursor *c, unsigned dec, bp_value *out)
{
	if (dec > 6)
		return fail(c);
	if (!bp_cur_need(c, datetime2_len(dec)))
		return -1;
	if (!datetime2_set(out, c->p, dec))
		return fail(c);
	c->p += datetime2_len(dec);
	return 0;
}

static int decode_timestamp2(bp_cursor *c, unsigned dec, bp_value *out)
{
	if (dec > 6)
		return fail(c);
	if (!bp_cur_need(c, timestamp2_len(dec)))
		return -1;
	if (!timestamp2_set(out, c->p, dec))
		return fail(c);
	c->p += timestamp2_len(dec);
	return 0;
}

/* ENUM/SET pack length: 1..2 / 1..8 bytes, else impossible */
static inline bool enum_set_len_ok(uint8_t real_type, uint32_t len)
{
	return len >= 1 && len <= (real_type == BP_T_ENUM ? 2u : 8u);
}

static inline void enum_set_set(bp_value *out, const uint8_t *p, uint8_t real_type, uint32_t len)
{
	out->kind = real_type == BP_T_ENUM ? BP_V_ENUM : BP_V_SET;
	out->u = bp_le(p, len);
	set_bytes(out, p, len);
}

static int decode_enum_set(bp_cursor *c, uint8_t real_type, uint32_t len, bp_value *out)
{
	if (!enum_set_len_ok(real_type, len))
		return fail(c);
	const uint8_t *p = bp_cur_bytes(c, len);
	if (!p)
		return -1;
	enum_set_set(out, p, real_type, len);
	return 0;
}

/* BIT(n) bytes from meta = (bytes << 8) | (bits % 8); 0 when n is not 1..64 */
static inline size_t bit_len(uint16_t meta)
{
	unsigned bytes = meta >> 8, bits = meta & 0xff;
	unsigned nbits = bytes * 8 + bits;
	if (bits > 7 || nbits < 1 || nbits > 64)
		return 0;
	return (nbits + 7) / 8;
}

static inline void bit_set(bp_value *out, const uint8_t *p, size_t len)
{
	out->kind = BP_V_BIT;
	out->u = bp_be(p, (unsigned)len);
	set_bytes(out, p, len);
}

/* Every type but the hot ones bp_value_decode handles inline. */
static __attribute__((noinline)) int decode_other(bp_cursor *c, const bp_column *col, bp_value *out)
{
	const uint8_t *p;
	uint16_t meta = col->meta;
	uint64_t u;

	out->p = NULL;
	out->n = 0;
	if (c->err)
		return -1;

	switch (col->type) {
	case BP_T_TINY: return int_value(c, col, out, 1);
	case BP_T_SHORT: return int_value(c, col, out, 2);
	case BP_T_INT24: return int_value(c, col, out, 3);
	case BP_T_LONG: return int_value(c, col, out, 4);
	case BP_T_LONGLONG: return int_value(c, col, out, 8);

	case BP_T_FLOAT:
		if (!(p = bp_cur_bytes(c, 4)))
			return -1;
		float_set(out, p);
		return 0;
	case BP_T_DOUBLE:
		if (!(p = bp_cur_bytes(c, 8)))
			return -1;
		double_set(out, p);
		return 0;

	case BP_T_NEWDECIMAL: {
		size_t len = decimal_len(meta);
		if (!len)
			return fail(c);
		if (!bp_cur_need(c, len))
			return -1;
		if (!decimal_set(out, c->p, len, meta))
			return fail(c);
		c->p += len;
		return 0;
	}

	case BP_T_YEAR:
		if (!(p = bp_cur_bytes(c, 1)))
			return -1;
		year_set(out, p);
		return 0;

	case BP_T_DATE:
	case BP_T_NEWDATE:
		if (!(p = bp_cur_bytes(c, 3)))
			return -1;
		date_set(out, p);
		return 0;

	case BP_T_TIME: { /* pre-5.6: signed integer HHMMSS */
		if (!(p = bp_cur_bytes(c, 3)))
			return -1;
		u = bp_le(p, 3);
		int64_t v = (u & 0x800000) ? (int64_t)u - 0x1000000 : (int64_t)u;
		temporal_clear(out, BP_V_TIME, 0);
		out->t.neg = v < 0;
		if (v < 0)
			v = -v;
		out->t.hour = (int32_t)(v / 10000);
		out->t.minute = (int32_t)(v / 100 % 100);
		out->t.second = (int32_t)(v % 100);
		set_bytes(out, p, 3);
		return 0;
	}

	case BP_T_DATETIME: { /* pre-5.6: integer YYYYMMDDHHMMSS */
		if (!bp_cur_need(c, 8))
			return -1;
		u = bp_le(c->p, 8);
		if (u > 99999999999999ULL) /* year over 9999 */
			return fail(c);
		p = bp_cur_bytes(c, 8);
		uint64_t d = u / 1000000, tm = u % 1000000;
		temporal_clear(out, BP_V_DATETIME, 0);
		out->t.year = (int32_t)(d / 10000);
		out->t.month = (int32_t)(d % 10000 / 100);
		out->t.day = (int32_t)(d % 100);
		out->t.hour = (int32_t)(tm / 10000);
		out->t.minute = (int32_t)(tm % 10000 / 100);
		out->t.second = (int32_t)(tm % 100);
		set_bytes(out, p, 8);
		return 0;
	}

	case BP_T_TIMESTAMP: /* pre-5.6: seconds, little-endian */
		if (!(p = bp_cur_bytes(c, 4)))
			return -1;
		temporal_clear(out, BP_V_TIMESTAMP, 0);
		out->t.sec = (int64_t)bp_le(p, 4);
		set_bytes(out, p, 4);
		return 0;

	case BP_T_TIMESTAMP2: return decode_timestamp2(c, meta, out);
	case BP_T_DATETIME2: return decode_datetime2(c, meta, out);
	case BP_T_TIME2: return decode_time2(c, meta, out);

	case BP_T_BIT: {
		size_t len = bit_len(meta);
		if (!len)
			return fail(c);
		if (!(p = bp_cur_bytes(c, len)))
			return -1;
		bit_set(out, p, len);
		return 0;
	}

	case BP_T_VARCHAR:
	case BP_T_VAR_STRING:
		if (prefixed(c, meta < 256 ? 1 : 2, out) < 0)
			return -1;
		out->kind = text_kind(col, false);
		return 0;

	case BP_T_STRING:
	case BP_T_ENUM:
	case BP_T_SET: {
		uint8_t rt;
		uint32_t max_len;
		string_meta(col->type, meta, &rt, &max_len);
		if (rt == BP_T_ENUM || rt == BP_T_SET)
			return decode_enum_set(c, rt, max_len, out);
		if (prefixed(c, max_len < 256 ? 1 : 2, out) < 0)
			return -1;
		out->kind = text_kind(col, false);
		return 0;
	}

	case BP_T_TINY_BLOB:
	case BP_T_MEDIUM_BLOB:
	case BP_T_LONG_BLOB:
	case BP_T_BLOB:
		if (prefixed(c, meta, out) < 0)
			return -1;
		out->kind = text_kind(col, true);
		return 0;
	case BP_T_GEOMETRY:
		if (prefixed(c, meta, out) < 0)
			return -1;
		out->kind = BP_V_GEOMETRY;
		return 0;
	case BP_T_JSON:
		if (prefixed(c, meta, out) < 0)
			return -1;
		out->kind = BP_V_JSON;
		return 0;
	case BP_T_VECTOR:
		/* float32 elements: a length that is not a multiple of 4 is impossible */
		if (meta < 1 || meta > 4)
			return fail(c);
		if (!bp_cur_need(c, meta))
			return -1;
		if (bp_le(c->p, meta) % 4)
			return fail(c);
		if (prefixed(c, meta, out) < 0)
			return -1;
		out->kind = BP_V_VECTOR;
		return 0;

	case BP_T_VARCHAR_COMPRESSED: /* MariaDB: the compressed bytes, undecoded */
		if (prefixed(c, meta < 256 ? 1 : 2, out) < 0)
			return -1;
		out->kind = BP_V_UNSUPPORTED;
		return 0;
	case BP_T_BLOB_COMPRESSED:
		if (prefixed(c, meta, out) < 0)
			return -1;
		out->kind = BP_V_UNSUPPORTED;
		return 0;

	case BP_T_NULL:
		out->kind = BP_V_NULL;
		return 0;

	default: /* old DECIMAL, TYPED_ARRAY, BOOL, unknown: length unknowable */
		return fail(c);
	}
}

/*
 * The hot path: integers and VARCHAR inline, everything else in decode_other
 * (a tail call), so this function needs no stack frame.
 */
int bp_value_decode(bp_cursor *c, const bp_column *col, bp_value *out)
{
	out->json_text = false;
	switch (col->type) {
	case BP_T_TINY: return int_value(c, col, out, 1);
	case BP_T_SHORT: return int_value(c, col, out, 2);
	case BP_T_INT24: return int_value(c, col, out, 3);
	case BP_T_LONG: return int_value(c, col, out, 4);
	case BP_T_LONGLONG: return int_value(c, col, out, 8);
	case BP_T_VARCHAR:
		if (prefixed(c, col->meta < 256 ? 1 : 2, out) < 0)
			return -1;
		out->kind = text_kind(col, false);
		return 0;
	default:
		return decode_other(c, col, out);
	}
}

/*
 * Length-prefixed bytes at p (left bytes there): prefix of w (1..4) bytes.
 * Returns the bytes taken, or 0 when they are not all there (the caller then
 * takes the careful path, which reports it).
 */
static inline size_t prefixed_set(bp_value *out, const uint8_t *p, size_t left, unsigned w)
{
	if (left < w)
		return 0;
	size_t len = (size_t)load_le(p, w);
	if (len > left - w)
		return 0;
	set_bytes(out, p + w, len);
	return w + len;
}

/* The image loop's cases, dense (one jump table where the column types
 * 0..20 and 246..255 made the compiler test ranges first); 0 for every
 * type the careful path decodes. */
enum fast_op {
	OP_SLOW, OP_TINY, OP_SHORT, OP_INT24, OP_LONG, OP_LONGLONG, OP_FLOAT, OP_DOUBLE, OP_YEAR, OP_DATE,
	OP_DATETIME2, OP_TIMESTAMP2, OP_TIME2, OP_DECIMAL, OP_VARCHAR, OP_STRING, OP_BIT, OP_BLOB,
};
static const uint8_t fast_op[256] = {
	[BP_T_TINY] = OP_TINY,
	[BP_T_SHORT] = OP_SHORT,
	[BP_T_INT24] = OP_INT24,
	[BP_T_LONG] = OP_LONG,
	[BP_T_LONGLONG] = OP_LONGLONG,
	[BP_T_FLOAT] = OP_FLOAT,
	[BP_T_DOUBLE] = OP_DOUBLE,
	[BP_T_YEAR] = OP_YEAR,
	[BP_T_DATE] = OP_DATE,
	[BP_T_NEWDATE] = OP_DATE,
	[BP_T_DATETIME2] = OP_DATETIME2,
	[BP_T_TIMESTAMP2] = OP_TIMESTAMP2,
	[BP_T_TIME2] = OP_TIME2,
	[BP_T_NEWDECIMAL] = OP_DECIMAL,
	[BP_T_VARCHAR] = OP_VARCHAR,
	[BP_T_VAR_STRING] = OP_VARCHAR,
	[BP_T_STRING] = OP_STRING,
	[BP_T_ENUM] = OP_STRING,
	[BP_T_SET] = OP_STRING,
	[BP_T_BIT] = OP_BIT,
	[BP_T_TINY_BLOB] = OP_BLOB,
	[BP_T_MEDIUM_BLOB] = OP_BLOB,
	[BP_T_LONG_BLOB] = OP_BLOB,
	[BP_T_BLOB] = OP_BLOB,
};

/*
 * The hot loop of `events --count` and of every command that reads rows:
 * the values of one FULL image. The read position lives in a local (stores
 * into vals[] could alias c->p), each common type is decoded in place after
 * one bounds check, and anything short, impossible or rare goes through
 * decode_other with the cursor, which decodes it again and reports exactly
 * as bp_value_decode does.
 */
int bp_image_decode_full(bp_cursor *c, const bp_column *cols, uint32_t width, const uint8_t *nulls,
			 bp_value *vals)
{
	const uint8_t *p = c->p, *end = c->end;
	unsigned nb = 0; /* the null bits of byte i/8 not used yet */
	if (c->err)
		return -1;
	for (uint32_t i = 0; i < width; i++) {
		bp_value *v = &vals[i];
		if ((i & 7) == 0)
			nb = nulls[i >> 3];
		bool is_null = nb & 1;
		nb >>= 1;
		if (is_null) {
			v->kind = BP_V_NULL;
			continue;
		}
		const bp_column *col = &cols[i];
		size_t left = (size_t)(end - p), n;
		unsigned dec = col->meta;
		v->json_text = false;
		/* each case decodes and continues with the next column, or goes to slow */
		switch (fast_op[col->type]) {
		case OP_TINY:
			if (left < 1)
				goto slow;
			int_set(v, p, 1, col->is_unsigned);
			p += 1;
			continue;
		case OP_SHORT:
			if (left < 2)
				goto slow;
			int_set(v, p, 2, col->is_unsigned);
			p += 2;
			continue;
		case OP_INT24:
			if (left < 3)
				goto slow;
			int_set(v, p, 3, col->is_unsigned);
			p += 3;
			continue;
		case OP_LONG:
			if (left < 4)
				goto slow;
			int_set(v, p, 4, col->is_unsigned);
			p += 4;
			continue;
		case OP_LONGLONG:
			if (left < 8)
				goto slow;
			int_set(v, p, 8, col->is_unsigned);
			p += 8;
			continue;
		case OP_FLOAT:
			if (left < 4)
				goto slow;
			float_set(v, p);
			p += 4;
			continue;
		case OP_DOUBLE:
			if (left < 8)
				goto slow;
			double_set(v, p);
			p += 8;
			continue;
		case OP_YEAR:
			if (left < 1)
				goto slow;
			year_set(v, p);
			p += 1;
			continue;
		case OP_DATE:
			if (left < 3)
				goto slow;
			date_set(v, p);
			p += 3;
			continue;
		case OP_DATETIME2:
			n = datetime2_len(dec);
			if (dec > 6 || left < n || !datetime2_set(v, p, dec))
				goto slow;
			p += n;
			continue;
		case OP_TIMESTAMP2:
			n = timestamp2_len(dec);
			if (dec > 6 || left < n || !timestamp2_set(v, p, dec))
				goto slow;
			p += n;
			continue;
		case OP_TIME2:
			n = time2_len(dec);
			if (dec > 6 || left < n || !time2_set(v, p, dec))
				goto slow;
			p += n;
			continue;
		case OP_DECIMAL:
			if (!(n = bp_decimal_check(p, left, col->meta >> 8, col->meta & 0xff)))
				goto slow;
			v->kind = BP_V_DECIMAL;
			v->u = col->meta;
			set_bytes(v, p, n);
			p += n;
			continue;
		case OP_VARCHAR:
			if (!(n = prefixed_set(v, p, left, col->meta < 256 ? 1 : 2)))
				goto slow;
			v->kind = text_kind(col, false);
			p += n;
			continue;
		case OP_STRING: { /* CHAR, BINARY, ENUM and SET (logged as STRING too) */
			uint8_t rt;
			uint32_t max_len;
			string_meta(col->type, col->meta, &rt, &max_len);
			if (rt == BP_T_ENUM || rt == BP_T_SET) {
				if (!enum_set_len_ok(rt, max_len) || left < max_len)
					goto slow;
				enum_set_set(v, p, rt, max_len);
				p += max_len;
				continue;
			}
			if (!(n = prefixed_set(v, p, left, max_len < 256 ? 1 : 2)))
				goto slow;
			v->kind = text_kind(col, false);
			p += n;
			continue;
		}
		case OP_BIT:
			n = bit_len(col->meta);
			if (!n || left < n)
				goto slow;
			bit_set(v, p, n);
			p += n;
			continue;
		case OP_BLOB:
			if (col->meta < 1 || col->meta > 4 || !(n = prefixed_set(v, p, left, col->meta)))
				goto slow;
			v->kind = text_kind(col, true);
			p += n;
			continue;
		default:
			break;
		}
	slow:
		/* short, impossible or another type: the careful decoder */
		c->p = p;
		if (decode_other(c, col, v))
			return -1;
		p = c->p;
	}
	c->p = p;
	return 0;
}

/* ------------------------------------------------------------------------ */
/* shared formatting helpers                                                 */

/* Days since 1970-01-01 to a civil date (proleptic Gregorian, H. Hinnant's algorithm). */
static void civil_from_days(int64_t z, int32_t *y, int32_t *m, int32_t *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int32_t)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int32_t)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int32_t)(yoe + era * 400 + (*m <= 2));
}

/*
 * Write v in decimal, zero-padded to at least width digits; returns the bytes
 * written (at most 10). Hand-rolled: snprintf was the top cost of JSON output,
 * then this loop's divisions; the fixed widths of dates and times (2, 4) that
 * fit take one or two table lookups.
 */
static __attribute__((noinline)) size_t put_num_any(char *out, uint32_t v, unsigned width)
{
	char tmp[10];
	size_t n = 0;
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		tmp[n++] = '0';
	for (size_t i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	return n;
}

static inline size_t put_num(char *out, uint32_t v, unsigned width)
{
	if (width == 2 && v < 100) {
		memcpy(out, bp_digits2 + 2 * v, 2);
		return 2;
	}
	if (width == 4 && v < 10000) {
		memcpy(out, bp_digits2 + 2 * (v / 100), 2);
		memcpy(out + 2, bp_digits2 + 2 * (v % 100), 2);
		return 4;
	}
	return put_num_any(out, v, width);
}

/* ".fff" with dec digits of usec, as MySQL my_time_to_str & co.; writes up to
 * 7 bytes at out whatever dec is. */
static inline size_t fmt_frac(char *out, uint32_t usec, unsigned dec)
{
	static const uint32_t div[7] = { 1000000, 100000, 10000, 1000, 100, 10, 1 };
	if (!dec || dec > 6)
		return 0;
	out[0] = '.';
	if (usec < 1000000) { /* always, but for packed values in binary JSON: the first dec of 6 digits */
		char six[6];
		memcpy(six, bp_digits2 + 2 * (usec / 10000), 2);
		memcpy(six + 2, bp_digits2 + 2 * (usec / 100 % 100), 2);
		memcpy(six + 4, bp_digits2 + 2 * (usec % 100), 2);
		memcpy(out + 1, six, 6); /* out has room: a fixed-size copy, no call */
		return 1 + dec;
	}
	return 1 + put_num(out + 1, usec / div[dec] % 1000000, dec);
}

/* "YYYY-MM-DD" (components are never negative: they come from unsigned bit fields) */
static inline size_t fmt_date(char *out, const bp_temporal *t)
{
	size_t n = put_num(out, (uint32_t)t->year, 4);
	out[n++] = '-';
	n += put_num(out + n, (uint32_t)t->month, 2);
	out[n++] = '-';
	return n + put_num(out + n, (uint32_t)t->day, 2);
}

static inline size_t fmt_hms(char *out, const bp_temporal *t)
{
	size_t n = put_num(out, (uint32_t)t->hour, 2);
	out[n++] = ':';
	n += put_num(out + n, (uint32_t)t->minute, 2);
	out[n++] = ':';
	return n + put_num(out + n, (uint32_t)t->second, 2);
}

size_t bp_temporal_fmt(char *out, const bp_temporal *t, unsigned kind)
{
	bp_temporal u;
	size_t n = 0;
	switch (kind) {
	case BP_V_DATE:
		n = fmt_date(out, t);
		out[n] = 0;
		return n;
	case BP_V_TIME:
		if (t->neg)
			out[n++] = '-';
		n += fmt_hms(out + n, t);
		break;
	case BP_V_TIMESTAMP:
		memset(&u, 0, sizeof(u));
		if (t->sec != 0) {
			int64_t days = t->sec / 86400, rem = t->sec % 86400;
			if (rem < 0) {
				rem += 86400;
				days--;
			}
			civil_from_days(days, &u.year, &u.month, &u.day);
			u.hour = (int32_t)(rem / 3600);
			u.minute = (int32_t)(rem / 60 % 60);
			u.second = (int32_t)(rem % 60);
		}
		u.usec = t->usec;
		u.dec = t->dec;
		t = &u;
		/* fall through */
	case BP_V_DATETIME:
	default:
		n = fmt_date(out, t);
		out[n++] = ' ';
		n += fmt_hms(out + n, t);
		break;
	}
	n += fmt_frac(out + n, t->usec, t->dec);
	out[n] = 0;
	return n;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                      */

static void hex_obj(bp_buf *b, const uint8_t *p, size_t n)
{
	bp_buf_add(b, "{\"hex\": \"", 9);
	bp_buf_addhex(b, p, n);
	bp_buf_add(b, "\"}", 2);
}

static bool is_latin1(uint16_t cs)
{
	switch (cs) {
	case 5:    /* latin1_german1_ci */
	case 8:    /* latin1_swedish_ci */
	case 15:   /* latin1_danish_ci */
	case 31:   /* latin1_german2_ci */
	case 47:   /* latin1_bin */
	case 48:   /* latin1_general_ci */
	case 49:   /* latin1_general_cs */
	case 94:   /* latin1_spanish_ci */
	case 1032: /* MariaDB latin1_swedish_nopad_ci */
	case 1071: /* MariaDB latin1_nopad_bin */
		return true;
	default:
		return false;
	}
}

/*
 * UCS-2, UTF-16, UTF-16LE and UTF-32 (MySQL ids; MariaDB NO PAD ids are these
 * + 1024): not ASCII-compatible, so bytes that happen to be valid UTF-8 are
 * still not text. Always hex.
 */
static bool is_wide(uint16_t cs)
{
	unsigned id = cs >= 1024 && cs < 2048 ? cs - 1024u : cs;
	return id == 35 || id == 90 || (id >= 128 && id <= 151) || id == 159 || /* ucs2 */
	       id == 54 || id == 55 || (id >= 101 && id <= 124) ||             /* utf16 */
	       id == 56 || id == 62 ||                                         /* utf16le */
	       id == 60 || id == 61 || (id >= 160 && id <= 183);               /* utf32 */
}

/* MySQL's latin1 is cp1252, with the five holes mapped to C1 controls. */
static const uint16_t cp1252_80[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
};

/* latin1 bytes as a JSON string: ASCII escaped as bp_buf_add_json_str does,
 * the rest converted to UTF-8. */
static void latin1_json(bp_buf *b, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	bp_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		uint8_t ch = p[i];
		if (ch < 0x80) {
			if (ch >= 0x20 && ch != '"' && ch != '\\' && ch != 0x7f) {
				bp_buf_addc(b, (char)ch);
			} else if (ch == '"' || ch == '\\') {
				bp_buf_addc(b, '\\');
				bp_buf_addc(b, (char)ch);
			} else if (ch == '\n') {
				bp_buf_add(b, "\\n", 2);
			} else if (ch == '\r') {
				bp_buf_add(b, "\\r", 2);
			} else if (ch == '\t') {
				bp_buf_add(b, "\\t", 2);
			} else {
				char e[6] = { '\\', 'u', '0', '0', hx[ch >> 4], hx[ch & 15] };
				bp_buf_add(b, e, 6);
			}
			continue;
		}
		unsigned cp = ch < 0xA0 ? cp1252_80[ch - 0x80] : ch;
		char u[3];
		if (cp < 0x800) {
			u[0] = (char)(0xC0 | cp >> 6);
			u[1] = (char)(0x80 | (cp & 0x3F));
			bp_buf_add(b, u, 2);
		} else {
			u[0] = (char)(0xE0 | cp >> 12);
			u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			u[2] = (char)(0x80 | (cp & 0x3F));
			bp_buf_add(b, u, 3);
		}
	}
	bp_buf_addc(b, '"');
}

/* Bytes in a column charset as a JSON string, or {"hex": ...} (rule in value.h). */
static void json_text(bp_buf *b, const uint8_t *p, size_t n, uint16_t cs)
{
	if (cs == BP_CHARSET_BINARY || is_wide(cs))
		hex_obj(b, p, n);
	else if (bp_buf_add_json_plain(b, p, n)) /* plain ASCII: the same in every other charset */
		return;
	else if (is_latin1(cs))
		latin1_json(b, p, n);
	else if (bp_utf8_valid(p, n))
		bp_buf_add_json_str(b, p, n);
	else
		hex_obj(b, p, n);
}

static void json_set_names(bp_buf *b, uint64_t mask, const bp_column *col)
{
	bp_buf tmp = BP_BUF_INIT;
	bool first = true;
	for (uint32_t i = 0; i < 64 && i < col->n_enum; i++) {
		if (!(mask >> i & 1))
			continue;
		if (!first)
			bp_buf_addc(&tmp, ',');
		first = false;
		bp_buf_add(&tmp, col->enum_names[i], col->enum_lens ? col->enum_lens[i] : strlen(col->enum_names[i]));
	}
	if (bp_buf_ok(&tmp))
		json_text(b, (const uint8_t *)tmp.data, tmp.len, col->charset);
	else
		b->oom = true;
	bp_buf_release(&tmp);
}

void bp_value_json(bp_buf *b, const bp_value *v, const bp_column *col)
{
	char s[BP_NUMFMT_MAX], *o;
	size_t k;
	uint16_t cs = col ? col->charset : 0;
	bool names = col && col->enum_names;

	switch (v->kind) {
	case BP_V_NULL:
		bp_buf_add(b, "null", 4);
		return;
	case BP_V_INT:
	case BP_V_YEAR:
		bp_buf_addi64(b, v->i);
		return;
	case BP_V_UINT:
	case BP_V_BIT:
		bp_buf_addu64(b, v->u);
		return;
	case BP_V_FLOAT:
	case BP_V_DOUBLE: /* formatted in place */
		if ((o = bp_buf_room(b, BP_NUMFMT_MAX)) != NULL)
			b->len += bp_double_fmt(o, v->d, v->kind == BP_V_FLOAT);
		return;
	case BP_V_DECIMAL:
		bp_buf_addc(b, '"');
		if (bp_decimal_to_text(b, v->p, v->n, (unsigned)(v->u >> 8) & 0xff, (unsigned)v->u & 0xff) < 0)
			bp_buf_adds(b, "?");
		bp_buf_addc(b, '"');
		return;
	case BP_V_STRING:
	case BP_V_BLOB:
		json_text(b, v->p, v->n, cs);
		return;
	case BP_V_DATE:
	case BP_V_TIME:
	case BP_V_DATETIME:
	case BP_V_TIMESTAMP:
		/* in place and quoted, with nothing to escape: digits and "-: ." only */
		if ((o = bp_buf_room(b, BP_TEMPORAL_FMT_MAX + 2)) != NULL) {
			o[0] = '"';
			k = bp_temporal_fmt(o + 1, &v->t, v->kind);
			o[k + 1] = '"';
			b->len += k + 2;
		}
		return;
	case BP_V_ENUM:
		if (names && v->u == 0)
			bp_buf_add(b, "\"\"", 2);
		else if (names && v->u <= col->n_enum)
			json_text(b, (const uint8_t *)col->enum_names[v->u - 1],
				  col->enum_lens ? col->enum_lens[v->u - 1] : strlen(col->enum_names[v->u - 1]), cs);
		else
			bp_buf_addu64(b, v->u);
		return;
	case BP_V_SET:
		if (names && (col->n_enum >= 64 || (v->u >> col->n_enum) == 0))
			json_set_names(b, v->u, col);
		else
			bp_buf_addu64(b, v->u);
		return;
	case BP_V_JSON:
		if (v->json_text) {
			json_text(b, v->p, v->n, 0);
		} else {
			size_t mark = b->len;
			if (bp_json_binary_to_text(b, v->p, v->n) < 0) {
				if (b->len > mark)
					b->len = mark;
				hex_obj(b, v->p, v->n);
			}
		}
		return;
	case BP_V_VECTOR:
		bp_buf_addc(b, '[');
		for (uint32_t i = 0; i + 4 <= v->n; i += 4) {
			uint32_t bits = (uint32_t)bp_le(v->p + i, 4);
			float f;
			memcpy(&f, &bits, sizeof(f));
			if (i)
				bp_buf_add(b, ", ", 2);
			k = bp_double_fmt(s, f, true);
			bp_buf_add(b, s, k);
		}
		bp_buf_addc(b, ']');
		return;
	case BP_V_GEOMETRY:
	case BP_V_UNSUPPORTED:
	default:
		hex_obj(b, v->p, v->n);
		return;
	}
}

/* ------------------------------------------------------------------------ */
/* mariadb-binlog -v text                                                    */

/* my_b_write_quoted(): bytes > 0x1F as they are, others as \xNN. */
static void quoted(bp_buf *b, const uint8_t *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	size_t run = 0;
	bp_buf_addc(b, '\'');
	for (size_t i = 0; i < n; i++) {
		if (p[i] > 0x1F)
			continue;
		bp_buf_add(b, p + run, i - run);
		char e[4] = { '\\', 'x', hx[p[i] >> 4], hx[p[i] & 15] };
		bp_buf_add(b, e, 4);
		run = i + 1;
	}
	bp_buf_add(b, p + run, n - run);
	bp_buf_addc(b, '\'');
}

/* my_b_write_bit(): the last nbits bits of p (big-endian), as b'0101'. */
static void bits_text(bp_buf *b, const uint8_t *p, size_t n, unsigned nbits)
{
	unsigned nbits8 = (unsigned)n * 8;
	if (nbits > nbits8)
		nbits = nbits8;
	bp_buf_add(b, "b'", 2);
	for (unsigned i = nbits8 - nbits; i < nbits8; i++)
		bp_buf_addc(b, (p[i / 8] >> (7 - i % 8)) & 1 ? '1' : '0');
	bp_buf_addc(b, '\'');
}

void bp_value_text(bp_buf *b, const bp_value *v, const bp_column *col)
{
	char s[BP_TEMPORAL_FMT_MAX + BP_NUMFMT_MAX];
	size_t k;

	switch (v->kind) {
	case BP_V_NULL:
		bp_buf_add(b, "NULL", 4);
		return;
	case BP_V_INT:
		bp_buf_addi64(b, v->i);
		return;
	case BP_V_UINT:
	case BP_V_ENUM:
		bp_buf_addu64(b, v->u);
		return;
	case BP_V_YEAR: /* "%04d" of 1900 + byte: 0000 prints as 1900 */
		bp_buf_addf(b, "%04d", (int)(v->i ? v->i : 1900));
		return;
	case BP_V_FLOAT:
		bp_buf_addf(b, "%g", v->d);
		return;
	case BP_V_DOUBLE:
		bp_buf_addf(b, "%.20g", v->d);
		return;
	case BP_V_DECIMAL:
		if (bp_decimal_to_text(b, v->p, v->n, (unsigned)(v->u >> 8) & 0xff, (unsigned)v->u & 0xff) < 0)
			quoted(b, v->p, v->n);
		return;
	case BP_V_BIT: {
		unsigned nbits = v->n * 8;
		if (col && col->type == BP_T_BIT)
			nbits = (col->meta >> 8) * 8 + (col->meta & 0xff);
		bits_text(b, v->p, v->n, nbits);
		return;
	}
	case BP_V_SET:
		bits_text(b, v->p, v->n, v->n * 8);
		return;
	case BP_V_DATE:
		bp_buf_addf(b, "'%04d:%02d:%02d'", v->t.year, v->t.month, v->t.day);
		return;
	case BP_V_TIME:
	case BP_V_DATETIME:
		k = bp_temporal_fmt(s, &v->t, v->kind);
		bp_buf_addc(b, '\'');
		bp_buf_add(b, s, k);
		bp_buf_addc(b, '\'');
		return;
	case BP_V_TIMESTAMP:
		bp_buf_addi64(b, v->t.sec);
		k = fmt_frac(s, v->t.usec, v->t.dec);
		bp_buf_add(b, s, k);
		return;
	case BP_V_JSON:
		if (!v->json_text) {
			bp_buf j = BP_BUF_INIT;
			if (bp_json_binary_to_text(&j, v->p, v->n) == 0 && bp_buf_ok(&j))
				quoted(b, (const uint8_t *)j.data, j.len);
			else
				quoted(b, v->p, v->n);
			bp_buf_release(&j);
			return;
		}
		quoted(b, v->p, v->n);
		return;
	case BP_V_VECTOR:
		bp_buf_add(b, "'[", 2);
		for (uint32_t i = 0; i + 4 <= v->n; i += 4) {
			uint32_t bits = (uint32_t)bp_le(v->p + i, 4);
			float f;
			memcpy(&f, &bits, sizeof(f));
			bp_buf_addf(b, i ? ",%.5e" : "%.5e", (double)f);
		}
		bp_buf_add(b, "]'", 2);
		return;
	case BP_V_STRING:
	case BP_V_BLOB:
	case BP_V_GEOMETRY:
	case BP_V_UNSUPPORTED:
	default:
		quoted(b, v->p, v->n);
		return;
	}
}
