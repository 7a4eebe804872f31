/*
 * literal.h: values from logs as SQL literals that compare equal, on the
 * server, to the value stored in the column — and that read the same whatever
 * the session's sql_mode (no backslash is ever written inside quotes, names are
 * never double-quoted).
 *
 * The generated script starts with SET NAMES utf8mb4 and SET time_zone =
 * '+00:00' (rewriter/emit.c): TIMESTAMP values are written in UTC and text is
 * written for a utf8mb4 connection.
 *
 * Rules (bp_literal_value):
 *   NULL                 NULL (the rules write IS NULL themselves)
 *   integers             exact decimal digits, signed or unsigned as decoded
 *   DECIMAL              exact text ("-12.30")
 *   DOUBLE               shortest round-trip digits in E notation ("1.5E0"), so
 *                        the server reads a DOUBLE, never a DECIMAL
 *   FLOAT                the float widened to double, shortest digits of that
 *                        double ("1.00000001490116E-1"): the server compares a
 *                        FLOAT column as a double
 *   NaN, infinities      none (-1)
 *   BIT                  the unsigned value (b'..' compares the same)
 *   YEAR                 the year as a number (0 for 0000)
 *   DATE, TIME, DATETIME quoted text: '2020-01-02', '-838:59:59.000000',
 *                        '2020-01-02 03:04:05.500' (the column's fsp)
 *   TIMESTAMP            quoted UTC text; the zero timestamp '0000-00-00 00:00:00'
 *   ENUM, SET            the index / bitmask as a number (exact, no charset)
 *   strings (CHAR, VARCHAR, TEXT) by the column's charset (bp_literal_bytes)
 *   binary (BINARY, VARBINARY, BLOB) X'..'; BINARY(n) values are padded with
 *                        0x00 to n bytes (row images drop trailing zero bytes)
 *   JSON, GEOMETRY, VECTOR, undecodable values: none (-1): no index holds them
 */
#ifndef BP_REWRITER_LITERAL_H
#define BP_REWRITER_LITERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../analyzer/value.h"
#include "../common/buf.h"

/*
 * Append bytes p[0..n) in charset cs (a charset name such as "utf8mb4",
 * "latin1", "binary"; NULL means unknown and is treated as binary):
 *   binary / unknown                       X'..'  (X'' when empty)
 *   ASCII-compatible charset, every byte printable ASCII (0x20..0x7e) but no
 *   backslash                              '...' with ' doubled
 *   utf8mb3 / utf8mb4 / utf8, valid UTF-8 with no control characters and no
 *   backslash                              '...' with ' doubled
 *   anything else                          _cs X'..' (introducer: exact bytes,
 *                                          the column's own charset; "utf8" is
 *                                          written _utf8mb3)
 * "Control characters" are bytes below 0x20 and 0x7f. Charsets that are not
 * ASCII-compatible (bp_charset_ascii_compatible: ucs2, utf16, utf16le, utf32,
 * swe7) always take the introducer form. A name that is not a plain word
 * ([A-Za-z0-9_], at most 32 bytes) is treated as unknown: it never reaches the SQL.
 */
void bp_literal_bytes(bp_buf *b, const uint8_t *p, size_t n, const char *cs);

/*
 * Append v, a value of column col (from the TABLE_MAP), as a literal. cs is the
 * column's charset name when the schema knows it (preferred), else NULL and
 * col->charset (a collation id) decides via bp_collation_charset. byte_len is
 * the column's length in bytes for BINARY(n) padding (0: take it from the
 * TABLE_MAP metadata). Returns 0, or -1 when the value has no exact literal
 * (nothing appended then).
 */
int bp_literal_value(bp_buf *b, const bp_value *v, const bp_column *col, const char *cs, uint32_t byte_len);

/* Append name as a quoted SQL identifier: `name`, with ` doubled (any sql_mode reads it so). */
void bp_sql_add_name(bp_buf *b, const char *name);

/* Charset name of a collation id (MySQL 8.0/9.x and MariaDB 10.x/11.x ids), or NULL
 * for 0 and ids no server defines (rewriter/charsets.c lists its sources). */
const char *bp_collation_charset(unsigned collation_id);

/* Does charset cs (name) encode ASCII as single bytes (latin1, utf8mb4...), so that
 * printable ASCII text means the same bytes in it? false for ucs2, utf16, utf16le,
 * utf32, swe7 (its 0x5b..0x5e etc. are letters) and NULL. */
bool bp_charset_ascii_compatible(const char *cs);

#endif
