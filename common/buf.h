/*
 * buf.h: growable byte buffer for building output text (JSON, SQL, reports).
 *
 * Appends never fail silently: on allocation failure (or passing the cap) the
 * buffer sets b->oom and further appends are ignored; callers check bp_buf_ok.
 * A buffer may be bound to a FILE with bp_buf_flush_to; bp_buf_maybe_flush
 * writes it out once it holds more than 64 KiB, so output memory stays flat.
 */
#ifndef BP_COMMON_BUF_H
#define BP_COMMON_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

typedef struct bp_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;   /* hard cap (0 = 1 GiB) */
	bool oom;
} bp_buf;

#define BP_BUF_INIT { NULL, 0, 0, 0, false }

void bp_buf_release(bp_buf *b);
static inline void bp_buf_clear(bp_buf *b) { b->len = 0; }
static inline bool bp_buf_ok(const bp_buf *b) { return !b->oom; }

/* Make room for n more bytes; false on failure (b->oom set). */
bool bp_buf_grow(bp_buf *b, size_t n);

static inline void bp_buf_add(bp_buf *b, const void *p, size_t n)
{
	if (b->cap - b->len < n && !bp_buf_grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
}
static inline void bp_buf_addc(bp_buf *b, char ch)
{
	if (b->cap - b->len < 1 && !bp_buf_grow(b, 1))
		return;
	b->data[b->len++] = ch;
}
static inline void bp_buf_adds(bp_buf *b, const char *s) { bp_buf_add(b, s, strlen(s)); }
/* Room for n more bytes: where to write them (then add the count written to
 * b->len), or NULL when out of memory. Formatters write in place with it. */
static inline char *bp_buf_room(bp_buf *b, size_t n)
{
	if (b->cap - b->len < n && !bp_buf_grow(b, n))
		return NULL;
	return b->data + b->len;
}

/* "00" "01" ... "99": decimal output two digits per lookup (bp_digits2 + 2 * v) */
extern const char bp_digits2[201];

void bp_buf_addf(bp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bp_buf_addu64(bp_buf *b, uint64_t v);
void bp_buf_addi64(bp_buf *b, int64_t v);
/* Lowercase hex of n bytes. */
void bp_buf_addhex(bp_buf *b, const void *p, size_t n);
/* JSON string literal (with quotes) of n bytes. Control characters, '"' and '\\'
 * are escaped; bytes >= 0x80 are copied as they are, so callers check
 * bp_utf8_valid first and write hex for anything that is not text. */
void bp_buf_add_json_str(bp_buf *b, const void *p, size_t n);
/* The common case of both in one pass: when p[0..n) is printable ASCII with
 * nothing to escape, append it quoted and return true; else append nothing
 * and return false (the caller takes the general path). */
bool bp_buf_add_json_plain(bp_buf *b, const void *p, size_t n);
static inline void bp_buf_add_json_cstr(bp_buf *b, const char *s) { bp_buf_add_json_str(b, s, strlen(s)); }
/* NUL-terminated view (adds a NUL after len, not counted). */
const char *bp_buf_cstr(bp_buf *b);

/* True when p[0..n) is valid UTF-8 (no overlongs, no surrogates). */
bool bp_utf8_valid(const void *p, size_t n);

/* Write the contents to fp and clear; returns false on write error. */
bool bp_buf_flush_to(bp_buf *b, FILE *fp);
static inline bool bp_buf_maybe_flush(bp_buf *b, FILE *fp)
{
	return b->len < 65536 || bp_buf_flush_to(b, fp);
}

#endif
