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

/* Read the type metadata of one column from a TABLE_MAP metadata block.
 * Returns 0, or -1 on a short read (cursor error set). */
int bp_column_meta_read(bp_cursor *c, uint8_t type, uint16_t *meta);

typedef enum bp_value_kind {
	BP_V_NULL = 0,
	BP_V_INT,       /* i: signed integer (TINY..LONGLONG) */
	BP_V_UINT,      /* u: unsigned integer */
	BP_V_FLOAT,     /* d (from a 4-byte float) */
	BP_V_DOUBLE,    /* d */
	BP_V_DECIMAL,   /* s: packed decimal bytes; prec/scale in the column meta */
	BP_V_STRING,    /* s: CHAR/VARCHAR/TEXT bytes (charset from the column) */
	BP_V_BLOB,      /* s: BINARY/VARBINARY/BLOB bytes */
	BP_V_BIT,       /* s: big-endian bit bytes; u: value when <= 64 bits */
	BP_V_YEAR,      /* i: the year (0 for 0000) */
	BP_V_DATE,      /* t */
	BP_V_TIME,      /* t (neg, hour may exceed 23) */
	BP_V_DATETIME,  /* t */
	BP_V_TIMESTAMP, /* t.sec (seconds since epoch), t.usec */
	BP_V_ENUM,      /* u: 1-based index (0 = empty) */
	BP_V_SET,       /* u: bitmask */
	BP_V_JSON,      /* s: MySQL binary JSON, or MariaDB JSON text (json_text set) */
	BP_V_GEOMETRY,  /* s: SRID + WKB */
	BP_V_VECTOR,    /* s: float32 little-endian array */
	BP_V_UNSUPPORTED, /* s: raw bytes of a type we cannot interpret (e.g. old DECIMAL is handled; TYPED_ARRAY) */
} bp_value_kind;

typedef struct bp_temporal {
	int32_t year, month, day;
	int32_t hour, minute, second;
	uint32_t usec;   /* microseconds */
	uint8_t dec;     /* fractional digits to print (0..6) */
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
 * Returns 0, or -1 when the bytes are short or impossible (c->err set then).
 */
int bp_value_decode(bp_cursor *c, const bp_column *col, bp_value *out);

/*
 * Append v as a JSON value: integers exact (never via double), DECIMAL as a
 * string, temporal values in MySQL's text form as strings, strings as text when
 * valid UTF-8 in a non-binary charset else as {"hex": "..."}, ENUM/SET as the
 * name when known else the number, JSON as its JSON text, null as null.
 */
void bp_value_json(bp_buf *b, const bp_value *v, const bp_column *col);

/* Append v as mysqlbinlog -v prints it (e.g. 42, 'abc', '2020-01-01 00:00:00', NULL). */
void bp_value_text(bp_buf *b, const bp_value *v, const bp_column *col);

/* Append a packed DECIMAL (precision, scale) in exact text form ("-12.340").
 * Returns -1 if the bytes are not a valid decimal. */
int bp_decimal_to_text(bp_buf *b, const uint8_t *p, size_t n, unsigned precision, unsigned scale);
/* Bytes a packed DECIMAL(precision, scale) takes. */
size_t bp_decimal_bin_size(unsigned precision, unsigned scale);

/* Append MySQL binary JSON (sql-common/json_binary.cc) as JSON text.
 * Returns -1 on malformed input (what was written is then incomplete). */
int bp_json_binary_to_text(bp_buf *b, const uint8_t *p, size_t n);

#endif
