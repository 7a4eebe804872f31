/*
 * buf.c: growable output buffer, number and JSON string formatting.
 * Number formatting is hand-rolled: printf is the hot spot of JSON output.
 */
#include "buf.h"

#include <stdlib.h>

#define BUF_DEFAULT_MAX ((size_t)1 << 30)

void bp_buf_release(bp_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = false;
}

bool bp_buf_grow(bp_buf *b, size_t n)
{
	size_t max = b->max ? b->max : BUF_DEFAULT_MAX;
	if (b->oom)
		return false;
	/* the allocation itself never passes max, so the inline fast path enforces the cap too */
	if (n >= max || b->len > max - n - 1) {
		b->oom = true;
		return false;
	}
	size_t want = b->len + n + 1;
	if (want <= b->cap)
		return true;
	size_t nc = b->cap ? b->cap : 256;
	while (nc < want)
		nc *= 2;
	if (nc > max)
		nc = max;
	char *p = realloc(b->data, nc);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = nc;
	return true;
}

void bp_buf_addf(bp_buf *b, const char *fmt, ...)
{
	va_list ap;
	char tmp[256];
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		bp_buf_add(b, tmp, (size_t)n);
		return;
	}
	if (!bp_buf_grow(b, (size_t)n + 1))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char bp_digits2[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* Decimal digits of v (1..20). */
static unsigned n_digits(uint64_t v)
{
	unsigned n = 1;
	for (; v >= 10000; v /= 10000)
		n += 4;
	return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

void bp_buf_addu64(bp_buf *b, uint64_t v)
{
	/* written in place, from the last digit back, two digits per division */
	unsigned n = n_digits(v);
	char *p = bp_buf_room(b, n);
	if (!p)
		return;
	b->len += n;
	p += n;
	while (v >= 100) {
		p -= 2;
		memcpy(p, bp_digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10)
		memcpy(p - 2, bp_digits2 + 2 * v, 2);
	else
		p[-1] = (char)('0' + v);
}

void bp_buf_addi64(bp_buf *b, int64_t v)
{
	if (v < 0) {
		bp_buf_addc(b, '-');
		bp_buf_addu64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		bp_buf_addu64(b, (uint64_t)v);
	}
}

void bp_buf_addhex(bp_buf *b, const void *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	const uint8_t *s = p;
	if (n > SIZE_MAX / 2 || !bp_buf_grow(b, 2 * n))
		return;
	char *d = b->data + b->len;
	for (size_t i = 0; i < n; i++) {
		*d++ = hx[s[i] >> 4];
		*d++ = hx[s[i] & 15];
	}
	b->len += 2 * n;
}

/* 8 bytes as a little- or big-endian word: only used for per-byte tests, so byte order does not matter. */
static inline uint64_t load64(const uint8_t *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* Does any byte of w need a JSON escape: < 0x20, '"', '\\' or 0x7f? (exact: the
 * "has a byte less than n" and "has a zero byte" tests of Bit Twiddling Hacks) */
static inline bool needs_escape8(uint64_t w)
{
	uint64_t ctl = (w - ONES * 0x20) & ~w;
	uint64_t q = w ^ (ONES * '"'), bs = w ^ (ONES * '\\'), del = w ^ (ONES * 0x7f);
	q = (q - ONES) & ~q;
	bs = (bs - ONES) & ~bs;
	del = (del - ONES) & ~del;
	return ((ctl | q | bs | del) & HIGHS) != 0;
}

bool bp_utf8_valid(const void *p, size_t n)
{
	if (!n)
		return true; /* p may be NULL for an empty value: no arithmetic on it */
	const uint8_t *s = p, *e = s + n;
	while (s < e) {
		/* ASCII fast path: 8 bytes at a time while no high bit is set */
		while (e - s >= 8 && !(load64(s) & 0x8080808080808080ULL))
			s += 8;
		if (s >= e)
			break;
		uint8_t c = *s;
		if (c < 0x80) {
			s++;
			continue;
		}
		size_t k;
		uint32_t cp;
		if ((c & 0xE0) == 0xC0) {
			k = 1;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			k = 2;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			k = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if ((size_t)(e - s) <= k)
			return false;
		for (size_t i = 1; i <= k; i++) {
			if ((s[i] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i] & 0x3F);
		}
		if ((k == 1 && cp < 0x80) || (k == 2 && cp < 0x800) || (k == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		s += k + 1;
	}
	return true;
}

bool bp_buf_add_json_plain(bp_buf *b, const void *p, size_t n)
{
	const uint8_t *s = p;
	size_t i = 0;
	for (; n - i >= 8; i += 8) {
		uint64_t w = load64(s + i);
		if ((w & HIGHS) || needs_escape8(w))
			return false;
	}
	for (; i < n; i++)
		if (s[i] < 0x20 || s[i] >= 0x7f || s[i] == '"' || s[i] == '\\')
			return false;
	char *o = bp_buf_room(b, n + 2);
	if (o) {
		o[0] = '"';
		if (n)
			memcpy(o + 1, s, n);
		o[n + 1] = '"';
		b->len += n + 2;
	}
	return true;
}

void bp_buf_add_json_str(bp_buf *b, const void *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	const uint8_t *s = p;
	if (!n) { /* p may be NULL */
		bp_buf_add(b, "\"\"", 2);
		return;
	}
	/* room for the quotes and the NUL bp_buf_grow keeps: no call in the usual case */
	if (n > (SIZE_MAX - 2) / 6 || (b->cap - b->len < n + 3 && !bp_buf_grow(b, n + 2)))
		return;
	bp_buf_addc(b, '"');
	size_t run = 0; /* start of a run of bytes that need no escape */
	for (size_t i = 0; i < n; i++) {
		/* fast path: skip 8 bytes at a time while none needs an escape */
		while (n - i >= 8 && !needs_escape8(load64(s + i)))
			i += 8;
		if (i >= n)
			break;
		uint8_t c = s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		bp_buf_add(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': bp_buf_add(b, "\\\"", 2); break;
		case '\\': bp_buf_add(b, "\\\\", 2); break;
		case '\n': bp_buf_add(b, "\\n", 2); break;
		case '\r': bp_buf_add(b, "\\r", 2); break;
		case '\t': bp_buf_add(b, "\\t", 2); break;
		default: {
			char esc[6] = { '\\', 'u', '0', '0', hx[c >> 4], hx[c & 15] };
			bp_buf_add(b, esc, 6);
		}
		}
	}
	bp_buf_add(b, s + run, n - run);
	bp_buf_addc(b, '"');
}

const char *bp_buf_cstr(bp_buf *b)
{
	if (!bp_buf_grow(b, 1))
		return "";
	b->data[b->len] = '\0';
	return b->data;
}

bool bp_buf_flush_to(bp_buf *b, FILE *fp)
{
	bool ok = true;
	if (b->len && fwrite(b->data, 1, b->len, fp) != b->len)
		ok = false;
	b->len = 0;
	return ok;
}
