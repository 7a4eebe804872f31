/*
 * cursor.h: bounded little-endian reader over an event's bytes.
 *
 * Modelled on MySQL's Event_reader: every read checks the bytes left first; a
 * short read sets a sticky error (c->err) and returns zero, so decoders can read
 * a run of fields and test c->err once. Nothing ever reads past c->end.
 * Offsets (bp_cur_pos) are relative to c->base, the start of the event.
 */
#ifndef BP_COMMON_CURSOR_H
#define BP_COMMON_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct bp_cursor {
	const uint8_t *base; /* start of the event (for offsets in messages) */
	const uint8_t *p;    /* next byte */
	const uint8_t *end;  /* one past the last readable byte */
	int err;             /* sticky: set on the first short read */
	size_t err_need;     /* bytes the failing read wanted */
	size_t err_left;     /* bytes that were left then */
	size_t err_pos;      /* offset of the failing read from base */
} bp_cursor;

static inline void bp_cur_init(bp_cursor *c, const void *p, size_t n)
{
	c->base = c->p = (const uint8_t *)p;
	c->end = c->p + n;
	c->err = 0;
	c->err_need = c->err_left = c->err_pos = 0;
}

static inline size_t bp_cur_left(const bp_cursor *c) { return (size_t)(c->end - c->p); }
static inline size_t bp_cur_pos(const bp_cursor *c) { return (size_t)(c->p - c->base); }

/* Check that n bytes are left; on failure set the sticky error. */
static inline bool bp_cur_need(bp_cursor *c, size_t n)
{
	if (c->err)
		return false;
	if ((size_t)(c->end - c->p) < n) {
		c->err = 1;
		c->err_need = n;
		c->err_left = (size_t)(c->end - c->p);
		c->err_pos = (size_t)(c->p - c->base);
		return false;
	}
	return true;
}

/* Mark the cursor failed (a decoder found an impossible value). */
static inline void bp_cur_fail(bp_cursor *c)
{
	if (!c->err) {
		c->err = 1;
		c->err_need = 0;
		c->err_left = bp_cur_left(c);
		c->err_pos = bp_cur_pos(c);
	}
}

static inline uint64_t bp_le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static inline uint64_t bp_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

/* Read an n-byte (1..8) little-endian unsigned integer. */
static inline uint64_t bp_cur_uint(bp_cursor *c, unsigned n)
{
	if (!bp_cur_need(c, n))
		return 0;
	uint64_t v = bp_le(c->p, n);
	c->p += n;
	return v;
}

static inline uint8_t bp_cur_u8(bp_cursor *c) { return (uint8_t)bp_cur_uint(c, 1); }
static inline uint16_t bp_cur_u16(bp_cursor *c) { return (uint16_t)bp_cur_uint(c, 2); }
static inline uint32_t bp_cur_u24(bp_cursor *c) { return (uint32_t)bp_cur_uint(c, 3); }
static inline uint32_t bp_cur_u32(bp_cursor *c) { return (uint32_t)bp_cur_uint(c, 4); }
static inline uint64_t bp_cur_u48(bp_cursor *c) { return bp_cur_uint(c, 6); }
static inline uint64_t bp_cur_u64(bp_cursor *c) { return bp_cur_uint(c, 8); }

/* Borrow n bytes (pointer into the event); NULL on short read. */
static inline const uint8_t *bp_cur_bytes(bp_cursor *c, size_t n)
{
	if (!bp_cur_need(c, n))
		return NULL;
	const uint8_t *p = c->p;
	c->p += n;
	return p;
}

static inline void bp_cur_skip(bp_cursor *c, size_t n) { (void)bp_cur_bytes(c, n); }

/*
 * Packed (length-encoded) integer as in net_field_length_ll:
 * <251 one byte; 251 NULL (returned as 0, *is_null set); 252 +2; 253 +3; 254 +8.
 */
static inline uint64_t bp_cur_packed(bp_cursor *c, bool *is_null)
{
	if (is_null)
		*is_null = false;
	uint8_t b = bp_cur_u8(c);
	if (b < 251)
		return b;
	if (b == 251) {
		if (is_null)
			*is_null = true;
		return 0;
	}
	if (b == 252)
		return bp_cur_uint(c, 2);
	if (b == 253)
		return bp_cur_uint(c, 3);
	if (b == 254)
		return bp_cur_uint(c, 8);
	bp_cur_fail(c); /* 255 is not a valid prefix */
	return 0;
}

#endif
