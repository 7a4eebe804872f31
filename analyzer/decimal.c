/*
 * decimal.c: packed DECIMAL (MYSQL_TYPE_NEWDECIMAL, MySQL 5.0.3+ and MariaDB)
 * as written in row images, decoded exactly into text (never through double).
 *
 * Format followed: MySQL strings/decimal.cc decimal2bin()/bin2decimal() and
 * decimal2string() (MariaDB strings/decimal.c is the same code).
 *
 * A DECIMAL(precision, scale) has intg = precision - scale integer digits and
 * scale fraction digits. Each side is cut in groups of 9 digits stored as 4-byte
 * big-endian words; the digits that do not fill a group take fewer bytes:
 *
 *   leftover digits  0 1 2 3 4 5 6 7 8 9
 *   bytes            0 1 1 2 2 3 3 4 4 4
 *
 *   | int leftover | int words (4 B each) | frac words (4 B each) | frac leftover |
 *     intg % 9 dig   intg / 9               scale / 9               scale % 9 dig
 *
 * The integer leftover holds the most significant digits; the fraction leftover
 * holds the least significant ones (as an integer of that many digits, so
 * DECIMAL(4,2) 12.30 stores 12 then 30). Every group is big-endian.
 * Sign: the top bit of the first byte is flipped (set = positive); a negative
 * value has every byte inverted as well (so the encoding sorts as memcmp).
 * Example DECIMAL(10,2) -12.30: intg 8 -> 4 bytes, frac 2 -> 1 byte;
 * 12 = 00 00 00 0c, 30 = 1e; inverted ff ff ff f3 e1; top bit flipped -> 7f ff ff f3 e1.
 */
#include "value.h"

#include <string.h>

#define DIG_PER_WORD 9
#define DEC_MAX_PRECISION 65 /* MySQL and MariaDB DECIMAL_MAX_PRECISION */
#define DEC_MAX_BYTES 32     /* 65 digits never take more than 30 bytes */

static const uint8_t dig2bytes[DIG_PER_WORD + 1] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };
static const uint32_t pow10_u32[DIG_PER_WORD + 1] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
};

/* Bytes for k digits (k / 9 * 4 + dig2bytes[k % 9]) for k up to 65: the hot path
 * (every DECIMAL value) looks the size up instead of dividing. */
static const uint8_t digits_bytes[DEC_MAX_PRECISION + 1] = {
	0, 1, 1, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7,
	8, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 12, 13, 13, 14, 14,
	15, 15, 16, 16, 16, 17, 17, 18, 18, 19, 19, 20, 20, 20, 21, 21,
	22, 22, 23, 23, 24, 24, 24, 25, 25, 26, 26, 27, 27, 28, 28, 28,
	29, 29,
};

static size_t digits_size(unsigned k)
{
	if (k <= DEC_MAX_PRECISION)
		return digits_bytes[k];
	return (size_t)(k / DIG_PER_WORD) * 4 + dig2bytes[k % DIG_PER_WORD];
}

size_t bp_decimal_bin_size(unsigned precision, unsigned scale)
{
	if (scale > precision)
		return 0;
	return digits_size(precision - scale) + digits_size(scale);
}

/* Read one group of nb bytes (big-endian) from the sign-normalised copy. */
static inline uint32_t group(const uint8_t *q, unsigned nb)
{
	switch (nb) {
	case 1: return q[0];
	case 2: return (uint32_t)q[0] << 8 | q[1];
	case 3: return (uint32_t)q[0] << 16 | (uint32_t)q[1] << 8 | q[2];
	default: return (uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3];
	}
}

/* Write v as exactly ndig decimal digits (zero padded) at out, two per
 * division (bp_digits2): a 9-digit group took nine divisions. */
static void put_digits(char *out, uint32_t v, unsigned ndig)
{
	unsigned i = ndig;
	for (; i >= 2; i -= 2) {
		memcpy(out + i - 2, bp_digits2 + 2 * (v % 100), 2);
		v /= 100;
	}
	if (i)
		out[0] = (char)('0' + v % 10);
}

/*
 * Decode into digits[] (all intg digits then all scale digits, zero padded).
 * Returns the number of digits, or -1 when a group is out of range.
 */
static int unpack_digits(const uint8_t *p, size_t n, unsigned precision, unsigned scale, char *digits,
			 bool *neg)
{
	uint8_t q[DEC_MAX_BYTES];
	unsigned intg = precision - scale;
	unsigned intg0 = intg / DIG_PER_WORD, intg0x = intg % DIG_PER_WORD;
	unsigned frac0 = scale / DIG_PER_WORD, frac0x = scale % DIG_PER_WORD;
	uint8_t mask = (p[0] & 0x80) ? 0x00 : 0xFF;

	for (size_t i = 0; i < n; i++)
		q[i] = p[i] ^ mask;
	q[0] ^= 0x80;
	*neg = mask != 0;

	const uint8_t *s = q;
	char *d = digits;
	uint32_t v;
	if (intg0x) {
		v = group(s, dig2bytes[intg0x]);
		if (v >= pow10_u32[intg0x])
			return -1;
		put_digits(d, v, intg0x);
		s += dig2bytes[intg0x];
		d += intg0x;
	}
	for (unsigned i = 0; i < intg0 + frac0; i++) {
		v = group(s, 4);
		if (v >= pow10_u32[DIG_PER_WORD])
			return -1;
		put_digits(d, v, DIG_PER_WORD);
		s += 4;
		d += DIG_PER_WORD;
	}
	if (frac0x) {
		v = group(s, dig2bytes[frac0x]);
		if (v >= pow10_u32[frac0x])
			return -1;
		put_digits(d, v, frac0x);
		d += frac0x;
	}
	return (int)(d - digits);
}

static bool decimal_args_ok(size_t n, unsigned precision, unsigned scale)
{
	return precision >= 1 && precision <= DEC_MAX_PRECISION && scale <= precision &&
	       n == bp_decimal_bin_size(precision, scale);
}

/* Is a leftover group of x (1..8) digits, sign-normalised by mask and flip
 * (applied to its top byte), below 10^x? One case per width, so each group
 * is one load of its size (group() is byte shifts the compiler merges). */
static inline bool leftover_ok(const uint8_t *s, unsigned x, uint32_t mask, uint32_t flip)
{
	unsigned nb = dig2bytes[x];
	uint32_t v;
	switch (nb) {
	case 1: v = group(s, 1) ^ ((flip ^ mask) & 0xff); break;
	case 2: v = group(s, 2) ^ (((flip << 8) ^ mask) & 0xffff); break;
	case 3: v = group(s, 3) ^ (((flip << 16) ^ mask) & 0xffffff); break;
	default: v = group(s, 4) ^ ((flip << 24) ^ mask); break;
	}
	return v < pow10_u32[x];
}

/*
 * Range check only (no digits): every group below 10^digits. This runs for
 * every DECIMAL value the decoder reads, so it stays cheap: sizes from tables,
 * no division on the common path, one load per group.
 */
/* Every digit group of the bp_decimal_bin_size(intg + scale, scale) bytes at p in range. */
static inline bool groups_ok(const uint8_t *p, unsigned intg, unsigned scale)
{
	unsigned intg0x = intg % DIG_PER_WORD, frac0x = scale % DIG_PER_WORD;
	unsigned words = intg / DIG_PER_WORD + scale / DIG_PER_WORD;
	uint32_t mask = (p[0] & 0x80) ? 0 : UINT32_MAX;
	uint32_t flip = 0x80; /* the sign bit, in the first group only */
	const uint8_t *s = p;

	if (intg0x) {
		if (!leftover_ok(s, intg0x, mask, flip))
			return false;
		flip = 0;
		s += dig2bytes[intg0x];
	}
	for (unsigned i = 0; i < words; i++, s += 4) {
		if ((group(s, 4) ^ (flip << 24) ^ mask) >= pow10_u32[DIG_PER_WORD])
			return false;
		flip = 0;
	}
	return !frac0x || leftover_ok(s, frac0x, mask, flip);
}

bool bp_decimal_valid(const uint8_t *p, size_t n, unsigned precision, unsigned scale)
{
	/* decimal_args_ok, with the sizes looked up in place */
	if (precision < 1 || precision > DEC_MAX_PRECISION || scale > precision)
		return false;
	unsigned intg = precision - scale;
	if (n != (size_t)digits_bytes[intg] + digits_bytes[scale])
		return false;
	return groups_ok(p, intg, scale);
}

size_t bp_decimal_check(const uint8_t *p, size_t left, unsigned precision, unsigned scale)
{
	if (precision < 1 || precision > DEC_MAX_PRECISION || scale > precision)
		return 0;
	unsigned intg = precision - scale;
	size_t n = (size_t)digits_bytes[intg] + digits_bytes[scale];
	return n <= left && groups_ok(p, intg, scale) ? n : 0;
}

/*
 * Text as decimal2string(..., 0, 0, 0) prints it: leading zeros of the integer
 * part dropped (at least one digit kept), exactly `scale` fraction digits.
 * Deviation: a negative zero (only in hand-made bytes; servers never write it)
 * prints without the minus sign.
 */
int bp_decimal_to_text(bp_buf *b, const uint8_t *p, size_t n, unsigned precision, unsigned scale)
{
	char digits[DEC_MAX_PRECISION];
	bool neg;
	if (!decimal_args_ok(n, precision, scale))
		return -1;
	if (unpack_digits(p, n, precision, scale, digits, &neg) < 0)
		return -1;

	unsigned intg = precision - scale;
	unsigned first = 0; /* first significant integer digit */
	while (first < intg && digits[first] == '0')
		first++;
	bool zero = true;
	for (unsigned i = 0; i < precision; i++)
		if (digits[i] != '0') {
			zero = false;
			break;
		}

	char out[DEC_MAX_PRECISION + 3];
	size_t k = 0;
	if (neg && !zero)
		out[k++] = '-';
	if (first == intg)
		out[k++] = '0';
	else {
		memcpy(out + k, digits + first, intg - first);
		k += intg - first;
	}
	if (scale) {
		out[k++] = '.';
		memcpy(out + k, digits + intg, scale);
		k += scale;
	}
	bp_buf_add(b, out, k);
	return 0;
}
