/*
 * value.h: column types, column descriptions, and row values decoded from
 * row images (WRITE/UPDATE/DELETE_ROWS).
 *
 * Decoding is split from formatting: bp_value_decode turns the bytes of one
 * column into a bp_value without building text (fast path for `events --count`
 * and for the rewriter); bp_value_json / bp_value_text format it on demand.
 * A bp_value borrows its bytes from the event buffer: it is valid until the
 * reader moves to the next event.
 *
 * Formats followed: MySQL sql/log_event.cc log_event_print_value(),
 * libs/mysql/binlog/event (rows_event, table_map), MariaDB client/mysqlbinlog
 * and sql/log_event_client.cc.
 */
#ifndef BP_ANALYZER_VALUE_H
#define BP_ANALYZER_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/buf.h"
#include "../common/cursor.h"

/* Column types as written in TABLE_MAP events (enum_field_types). */
enum bp_coltype {
	BP_T_DECIMAL = 0,     /* old DECIMAL, pre-5.0 (stored as string) */
	BP_T_TINY = 1,
	BP_T_SHORT = 2,
	BP_T_LONG = 3,
	BP_T_FLOAT = 4,
	BP_T_DOUBLE = 5,
	BP_T_NULL = 6,
	BP_T_TIMESTAMP = 7,
	BP_T_LONGLONG = 8,
	BP_T_INT24 = 9,
	BP_T_DATE = 10,
	BP_T_TIME = 11,
	BP_T_DATETIME = 12,
	BP_T_YEAR = 13,
	BP_T_NEWDATE = 14,
	BP_T_VARCHAR = 15,
	BP_T_BIT = 16,
	BP_T_TIMESTAMP2 = 17,
	BP_T_DATETIME2 = 18,
	BP_T_TIME2 = 19,
	BP_T_TYPED_ARRAY = 20, /* MySQL 8.0 replication of multi-valued indexes */
	BP_T_BLOB_COMPRESSED = 140,    /* MariaDB 10.3+ column compression */
	BP_T_VARCHAR_COMPRESSED = 141, /* MariaDB 10.3+ column compression */
	BP_T_VECTOR = 242,     /* MySQL 9.0 */
	BP_T_INVALID = 243,
	BP_T_BOOL = 244,
	BP_T_JSON = 245,
	BP_T_NEWDECIMAL = 246,
	BP_T_ENUM = 247,
	BP_T_SET = 248,
	BP_T_TINY_BLOB = 249,
	BP_T_MEDIUM_BLOB = 250,
	BP_T_LONG_BLOB = 251,
	BP_T_BLOB = 252,
	BP_T_VAR_STRING = 253,
	BP_T_STRING = 254,
	BP_T_GEOMETRY = 255,
};

/* Server type name for a column type ("LONG", "VARCHAR", "NEWDECIMAL"...), never NULL. */
const char *bp_coltype_name(unsigned type);

#define BP_CHARSET_BINARY 63

/*
 * One column as the TABLE_MAP (and, later, the schema model) describes it.
 * Strings are borrowed from the table map's arena (per-file lifetime).
 */
typedef struct bp_column {
	uint8_t type;         /* bp_coltype as written in the table map */
	uint8_t real_type;    /* type after unpacking STRING metadata (ENUM/SET/STRING), see bp_column_resolve */
	uint16_t meta;        /* type metadata from the table map */
	bool nullable;
	bool is_unsigned;     /* from optional metadata SIGNEDNESS (or schema) */
	bool has_signedness;  /* signedness was known */
	bool visible;         /* optional metadata COLUMN_VISIBILITY (default true) */
	uint16_t charset;     /* collation id, 0 unknown, 63 binary */
	uint8_t geometry_type;/* optional metadata GEOMETRY_TYPE */
	const char *name;     /* optional metadata COLUMN_NAME, or NULL */
	uint32_t n_enum;      /* ENUM/SET value names from optional metadata (or NULL) */
	const char **enum_names;
	const uint32_t *enum_lens;
} bp_column;

/* Fill col->real_type from type/meta (STRING metadata carries ENUM/SET and the
 * real length; see MySQL Field_string::do_save_field_metadata). */
void bp_column_resolve(bp_column *col);

/*
 * Read the type metadata of one column from a TABLE_MAP metadata block.
 * Returns 0, or -1 on a short read (cursor error set).
 *
 * Widths and the meta value stored (as MySQL rpl_utility.cc table_def and
 * MariaDB sql/rpl_utility.cc read them):
 *   FLOAT, DOUBLE               1 byte: pack length (4 / 8)
 *   BLOB family, GEOMETRY,      1 byte: bytes of the length prefix (1..4)
 *   JSON, VECTOR, BLOB_COMPRESSED
 *   VARCHAR, VAR_STRING,        2 bytes little-endian: max length in bytes
 *   VARCHAR_COMPRESSED          (VAR_STRING, the pre-5.0 VARCHAR, is never seen in
 *                               row-based logs; the servers' own readers give it
 *                               0 bytes, other parsers 2: we read 2)
 *   BIT                         2 bytes: bits % 8, then bytes; meta = (bytes << 8) | (bits % 8)
 *   NEWDECIMAL                  2 bytes: precision, scale; meta = (precision << 8) | scale
 *   STRING, ENUM, SET           2 bytes: m0, m1; meta = (m0 << 8) | m1 (see bp_string_meta)
 *   TIME2, DATETIME2, TIMESTAMP2 1 byte: fractional digits (0..6)
 *   everything else (integers, YEAR, DATE, old TIME/DATETIME/TIMESTAMP, NULL,
 *   and types the servers do not know, TYPED_ARRAY included)   0 bytes, meta 0
 */
int bp_column_meta_read(bp_cursor *c, uint8_t type, uint16_t *meta);

/*
 * Unpack STRING-type metadata (m0 = meta >> 8, m1 = meta & 0xff), as MySQL
 * Field_string::do_save_field_metadata writes it and log_event_print_value reads it:
 *   meta < 256:                 real type STRING, max_len = meta
 *   (m0 & 0x30) != 0x30:        real type m0 | 0x30, max_len = m1 | (((m0 & 0x30) ^ 0x30) << 4)
 *                               (CHAR columns over 255 bytes, e.g. CHAR(255) utf8mb4 = 1020)
 *   else:                       real type m0, max_len = m1
 * For a column whose table-map type is ENUM or SET itself, real type is that
 * type and max_len = meta & 0xff. max_len is the pack length (bytes) for
 * ENUM/SET, else the maximum length in bytes. Other types return type, 0.
 */
void bp_string_meta(uint8_t type, uint16_t meta, uint8_t *real_type, uint32_t *max_len);

/*
 * Value kinds. For every kind with bytes in the row image, p/n point at the
 * value's bytes in the event (for length-prefixed types: after the prefix), so
 * callers can always hex-dump a value. Which other field holds the value:
 */
typedef enum bp_value_kind {
	BP_V_NULL = 0,
	BP_V_INT,       /* i: signed integer (TINY..LONGLONG) */
	BP_V_UINT,      /* u: unsigned integer */
	BP_V_FLOAT,     /* d (from a 4-byte float) */
	BP_V_DOUBLE,    /* d */
	BP_V_DECIMAL,   /* s: packed decimal bytes; u: (precision << 8) | scale (= column meta) */
	BP_V_STRING,    /* s: CHAR/VARCHAR/TEXT bytes (charset from the column) */
	BP_V_BLOB,      /* s: BINARY/VARBINARY/BLOB bytes: charset 63, or a BLOB-family
	                 * column whose charset is unknown (0) */
	BP_V_BIT,       /* s: big-endian bit bytes; u: value (BIT is at most 64 bits) */
	BP_V_YEAR,      /* i: the year (0 for 0000) */
	BP_V_DATE,      /* t */
	BP_V_TIME,      /* t (neg, hour may exceed 23) */
	BP_V_DATETIME,  /* t */
	BP_V_TIMESTAMP, /* t.sec (seconds since epoch), t.usec */
	BP_V_ENUM,      /* u: 1-based index (0 = empty) */
	BP_V_SET,       /* u: bitmask */
	BP_V_JSON,      /* s: MySQL binary JSON, or MariaDB JSON text (json_text set) */
	BP_V_GEOMETRY,  /* s: SRID + WKB */
	BP_V_VECTOR,    /* s: float32 little-endian array (n is a multiple of 4) */
	BP_V_UNSUPPORTED, /* s: raw bytes of a type we cannot interpret (MariaDB
	                   * compressed VARCHAR/BLOB: the compressed bytes). Old
	                   * DECIMAL and TYPED_ARRAY have no knowable length: decode fails */
} bp_value_kind;

/*
 * Temporal values, fields as MySQL's MYSQL_TIME after unpacking (no range
 * checks: the server's own printing shows out-of-range fields as they are).
 * DATE/DATETIME: year..second; TIME: neg, hour (0..1023), minute, second;
 * TIMESTAMP: sec (+ usec) only, 0 meaning the zero timestamp.
 */
typedef struct bp_temporal {
	int32_t year, month, day;
	int32_t hour, minute, second;
	uint32_t usec;   /* microseconds */
	uint8_t dec;     /* fractional digits to print (0..6): the column's fsp */
	bool neg;        /* TIME only */
	int64_t sec;     /* TIMESTAMP: seconds since the epoch */
} bp_temporal;

typedef struct bp_value {
	uint8_t kind;        /* bp_value_kind */
	bool json_text;      /* BP_V_JSON: bytes are text (MariaDB), not MySQL binary JSON */
	union {
		int64_t i;
		uint64_t u;
		double d;
		bp_temporal t;
	};
	const uint8_t *p;    /* borrowed bytes for s-kinds */
	uint32_t n;
} bp_value;

/*
 * Decode one non-NULL column value from a row image at c.
 * Returns 0, or -1 when the bytes are short or impossible (c->err set then;
 * *out is then unspecified and c->p may have moved inside the value).
 * Uses col->type, col->meta, col->is_unsigned and col->charset (not real_type,
 * so bp_column_resolve is optional). No allocation, no formatting; the packed
 * DECIMAL digits are checked here so formatting a decoded value cannot fail.
 * Impossible metadata fails too: BLOB prefix width not 1..4, BIT over 64 bits,
 * DECIMAL precision not 1..65 or scale > precision, fsp over 6, ENUM pack length
 * not 1..2, SET not 1..8, VECTOR length not a multiple of 4, MySQL old DECIMAL
 * (type 0) and TYPED_ARRAY (no knowable length) and unknown types.
 * Integers are signed unless col->is_unsigned (unknown signedness = signed).
 * Not decodable: MariaDB 5.3-10.0 "hires" TIME(n)/DATETIME(n)/TIMESTAMP(n)
 * columns (logged as the old types 11/12/7 without metadata, but longer and
 * big-endian): they decode as the old types, which is wrong, or fail.
 * mariadb-binlog has the same problem.
 */
int bp_value_decode(bp_cursor *c, const bp_column *col, bp_value *out);

/*
 * Decode a FULL row image after its NULL bitmap (nulls: one bit per column):
 * vals[i] for each of the width columns cols[0..width), kind BP_V_NULL for a
 * NULL. The same values and, on failure, the same cursor error as
 * bp_value_decode column by column; returns 0 or -1. Faster: the hot loop.
 */
int bp_image_decode_full(bp_cursor *c, const bp_column *cols, uint32_t width, const uint8_t *nulls,
			 bp_value *vals);

/*
 * Append v as a JSON value: integers exact (never via double), DECIMAL as a
 * string, temporal values in MySQL's text form as strings, strings as text when
 * valid UTF-8 in a non-binary charset else as {"hex": "..."}, ENUM/SET as the
 * name when known else the number, JSON as its JSON text, null as null.
 * col may be NULL (charset then unknown, names unknown).
 *
 * Exact rules:
 *   FLOAT/DOUBLE    shortest decimal that reads back as the same float/double
 *                   (bp_double_fmt); NaN and infinities as null
 *   DECIMAL         string, exact: "-12.30"
 *   YEAR            number, 0 for 0000;  BIT  number (unsigned)
 *   DATE/TIME/DATETIME  "2020-01-02", "-838:59:59.000000", "2020-01-02 03:04:05.5"
 *                   (fraction digits = the column's fsp)
 *   TIMESTAMP       the instant in UTC: "2020-01-01 00:00:00.123"; 0 seconds is
 *                   MySQL's zero timestamp "0000-00-00 00:00:00"
 *   strings (CHAR, VARCHAR, TEXT/BLOB, ENUM/SET names), by column charset:
 *     63 (binary), ucs2, utf16, utf16le, utf32 (not ASCII-compatible)
 *                                     always {"hex": "..."}
 *     latin1 (5, 8, 15, 31, 47, 48, 49, 94, MariaDB 1032, 1071)
 *                                     converted to UTF-8 (MySQL latin1 = cp1252,
 *                                     with 0x81 0x8d 0x8f 0x90 0x9d as U+0081..)
 *     anything else, 0 (unknown) too  text when valid UTF-8, else {"hex": "..."}
 *   ENUM            the name when col->enum_names has it ("" for index 0), else the index
 *   SET             "a,b" when every set bit has a name, else the bitmask
 *   JSON            MySQL binary JSON as JSON (bp_json_binary_to_text; invalid
 *                   documents as {"hex": "..."}); json_text (MariaDB) as a string
 *   GEOMETRY        {"hex": "<srid + wkb>"};  VECTOR  [1.5, 2] (float elements)
 *   UNSUPPORTED     {"hex": "..."}
 */
void bp_value_json(bp_buf *b, const bp_value *v, const bp_column *col);

/*
 * Append v as mariadb-binlog -v prints it (MariaDB 10.11
 * log_event_print_value), without its padding and its type comment:
 *   integers        the column's own value (mariadb-binlog prints "-1 (255)" for
 *                   every column with the top bit set: we print -1 for signed
 *                   or unknown signedness, 255 for unsigned columns)
 *   FLOAT           printf "%g";  DOUBLE  printf "%.20g"
 *   DECIMAL         -12.30 (no quotes)
 *   strings, BLOB, GEOMETRY, JSON text   '...': bytes below 0x20 as \xNN, every
 *                   other byte as it is (quotes and backslashes are not escaped,
 *                   exactly as mariadb-binlog does)
 *   BIT             b'0101' (column width);  SET  b'...' (bytes in row order)
 *   ENUM            the index;  YEAR  1900 + byte (so 0000 prints 1900, as mariadb-binlog)
 *   DATE            '2020:01:02' (sic, with colons, as mariadb-binlog)
 *   TIME, DATETIME  '-838:59:59.5', '2020-01-02 03:04:05' (fsp digits)
 *   TIMESTAMP       seconds since the epoch, 1577836800.123 (fsp digits)
 *   MySQL JSON      the JSON text quoted as a string (as MySQL mysqlbinlog)
 *   VECTOR          '[1.00000e+00,2.00000e+00]' (MySQL VECTOR_TO_STRING form)
 *   UNSUPPORTED     quoted raw bytes like a string
 *   NULL            NULL
 */
void bp_value_text(bp_buf *b, const bp_value *v, const bp_column *col);

/* Append a packed DECIMAL (precision, scale) in exact text form ("-12.340").
 * Returns -1 if the bytes are not a valid decimal. */
int bp_decimal_to_text(bp_buf *b, const uint8_t *p, size_t n, unsigned precision, unsigned scale);
/* Bytes a packed DECIMAL(precision, scale) takes (0 when scale > precision). */
size_t bp_decimal_bin_size(unsigned precision, unsigned scale);
/* True when p[0..n) is a valid packed DECIMAL(precision, scale): precision 1..65,
 * scale <= precision, n the exact size, every digit group in range. */
bool bp_decimal_valid(const uint8_t *p, size_t n, unsigned precision, unsigned scale);
/* The bytes of a valid packed DECIMAL(precision, scale) at p, where left bytes
 * are readable; 0 when the metadata is impossible, the bytes are short or a
 * group is out of range (one call for the decoder's hot loop). */
size_t bp_decimal_check(const uint8_t *p, size_t left, unsigned precision, unsigned scale);

/* Append MySQL binary JSON (sql-common/json_binary.cc) as JSON text.
 * Returns -1 on malformed input (what was written is then incomplete). */
int bp_json_binary_to_text(bp_buf *b, const uint8_t *p, size_t n);

/* ---- helpers shared by the formatters (also usable by report/rewriter) ---- */

/* Buffer sizes for bp_double_fmt and bp_temporal_fmt. */
#define BP_NUMFMT_MAX 40
#define BP_TEMPORAL_FMT_MAX 48

/*
 * Shortest "%g"-style text that reads back as the same value (as a float when
 * single is set, else as a double), exponent without '+' or leading zeros
 * ("1e300", "1.5e-7"). NaN and infinities give "null". Writes out (at least
 * BP_NUMFMT_MAX bytes, NUL-terminated) and returns the length.
 */
size_t bp_double_fmt(char *out, double d, bool single);
/* The same with snprintf("%.*g") and strtod: the definition bp_double_fmt
 * follows (analyzer/double_fmt.c), and its fallback outside 1e-5..2^100. */
size_t bp_double_fmt_printf(char *out, double d, bool single);

/*
 * MySQL's text form of a temporal value (no quotes) into out (at least
 * BP_TEMPORAL_FMT_MAX bytes, NUL-terminated); returns the length. kind is
 * BP_V_DATE "YYYY-MM-DD", BP_V_TIME "[-]HH:MM:SS[.f]", BP_V_DATETIME
 * "YYYY-MM-DD HH:MM:SS[.f]", or BP_V_TIMESTAMP (from t->sec, t->usec in UTC,
 * 0 seconds = "0000-00-00 00:00:00"); t->dec fraction digits.
 */
size_t bp_temporal_fmt(char *out, const bp_temporal *t, unsigned kind);

/* MySQL packed temporal integers (my_time.cc TIME_from_longlong_*_packed), as in
 * binary JSON opaque values and TIME2/DATETIME2 images. dec is left at 0. */
void bp_time_from_packed(int64_t packed, bp_temporal *t);
void bp_datetime_from_packed(int64_t packed, bp_temporal *t);

#endif
