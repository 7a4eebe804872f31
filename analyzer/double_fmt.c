/*
 * double_fmt.c: FLOAT/DOUBLE values as the shortest "%g"-style text that reads
 * back as the same value (bp_double_fmt, rules in value.h).
 *
 * The definition is the printf one (bp_double_fmt_printf, kept as the
 * reference and as the fallback): the first precision P from 15 (float: 6; 1
 * for subnormals) to 17 (float: 9) for which "%.*g" reads back as the same
 * value, with the exponent shortened ("1e+300" -> "1e300"). It costs up to
 * three snprintf and two strtod per value, which was 40% of `events
 * --format=json`.
 *
 * bp_double_fmt computes the same thing with exact integer arithmetic for
 * values from 1e-5 to 2^100 (nearly every value a table holds): x = m * 2^e is
 * rounded to P significant digits as printf does (to nearest, ties to even),
 * and the rounded decimal reads back as x exactly when it lies inside x's
 * rounding interval (half the gap to each neighbour; the gap below a power of
 * two is half the gap above; a decimal on the boundary reads back as x only
 * when m is even, as strtod breaks ties). Within that range every product fits
 * in 128 bits (bounds at round_to below). Everything else (tiny, huge,
 * subnormal values, -0, NaN and infinities) goes to the printf code.
 * tests/unit/analyzer/test_double_fmt.c compares the two on millions of values.
 */
#include "value.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* the reference: printf and strtod                                          */

size_t bp_double_fmt_printf(char *out, double d, bool single)
{
	if (!isfinite(d)) {
		memcpy(out, "null", 5);
		return 4;
	}
	/* integral values below 10^6 (float) / 10^15 (double) print as their integer,
	 * as %.6g / %.15g would: the common case, without printf and strtod */
	if (fabs(d) < (single ? 1e6 : 1e15) && d == trunc(d) && !(d == 0 && signbit(d))) {
		char tmp[24];
		int64_t v = (int64_t)d;
		uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
		size_t n = 0, k = 0;
		do {
			tmp[n++] = (char)('0' + a % 10);
			a /= 10;
		} while (a);
		if (v < 0)
			out[k++] = '-';
		while (n)
			out[k++] = tmp[--n];
		out[k] = 0;
		return k;
	}
	/* The shortest form has at most 9 (float) / 17 (double) digits; when it
	 * has fewer than 6 / 15, "%.6g" / "%.15g" already prints it (trailing zeros
	 * are dropped), so only these precisions need trying. */
	int lo = single ? 6 : 15, hi = single ? 9 : 17;
	/* subnormals carry fewer digits: search from 1 for them */
	if (single ? fabs(d) < FLT_MIN : fabs(d) < DBL_MIN)
		lo = 1;
	char tmp[BP_NUMFMT_MAX];
	for (int prec = lo; prec <= hi; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*g", prec, d);
		if (prec == hi)
			break;
		if (single ? strtof(tmp, NULL) == (float)d : strtod(tmp, NULL) == d)
			break;
	}
	/* "1e+300" -> "1e300", "1.5e-07" -> "1.5e-7" */
	size_t k = 0;
	const char *s = tmp;
	while (*s && *s != 'e')
		out[k++] = *s++;
	if (*s == 'e') {
		out[k++] = *s++;
		if (*s == '-')
			out[k++] = *s;
		if (*s == '-' || *s == '+')
			s++;
		while (*s == '0' && s[1])
			s++;
		while (*s)
			out[k++] = *s++;
	}
	out[k] = '\0';
	return k;
}

/* ------------------------------------------------------------------------ */
/* the same without printf                                                   */

typedef unsigned __int128 u128;

/* A positive normal binary value m * 2^e. */
typedef struct binval {
	uint64_t m;        /* with the implicit bit: 2^52 <= m < 2^53 (float: 2^23..2^24) */
	int e;
	bool lower_closer; /* m is a power of two above the smallest exponent: the
	                    * next value down is half a gap away */
} binval;

static const uint64_t pow10_64[20] = {
	1ull, 10ull, 100ull, 1000ull, 10000ull, 100000ull, 1000000ull, 10000000ull,
	100000000ull, 1000000000ull, 10000000000ull, 100000000000ull, 1000000000000ull,
	10000000000000ull, 100000000000000ull, 1000000000000000ull, 10000000000000000ull,
	100000000000000000ull, 1000000000000000000ull, 10000000000000000000ull,
};

/* 10^k for 0 <= k <= 38 */
static u128 pow10_128(int k)
{
	return k < 20 ? pow10_64[k] : (u128)pow10_64[19] * pow10_64[k - 19];
}

/* |d| as m * 2^e, as the float (single) or the double holds it; false for
 * zero, subnormals, infinities and NaN. */
static bool split(double d, bool single, binval *v)
{
	if (single) {
		float f = (float)d;
		uint32_t bits;
		memcpy(&bits, &f, sizeof(bits));
		unsigned be = bits >> 23 & 0xff;
		uint32_t frac = bits & 0x7fffff;
		if (be == 0 || be == 0xff)
			return false;
		v->m = frac | (uint32_t)1 << 23;
		v->e = (int)be - 150;
		v->lower_closer = frac == 0 && be > 1;
	} else {
		uint64_t bits;
		memcpy(&bits, &d, sizeof(bits));
		unsigned be = (unsigned)(bits >> 52 & 0x7ff);
		uint64_t frac = bits & (((uint64_t)1 << 52) - 1);
		if (be == 0 || be == 0x7ff)
			return false;
		v->m = frac | (uint64_t)1 << 52;
		v->e = (int)be - 1075;
		v->lower_closer = frac == 0 && be > 1;
	}
	return true;
}

/* x >= 10^k, exactly (|k| small enough for the range bp_double_fmt takes). */
static bool ge_pow10(const binval *v, int k)
{
	if (k < 0) /* m * 2^e >= 10^k  <=>  m * 10^-k >= 2^-e (e < 0 here: x < 1) */
		return (u128)v->m * pow10_64[-k] >= (u128)1 << -v->e;
	if (v->e >= 0)
		return ((u128)v->m << v->e) >= pow10_128(k);
	return (u128)v->m >= pow10_128(k) << -v->e;
}

/*
 * x rounded to P significant digits, x in [10^X, 10^(X+1)): *digits gets the
 * P-digit integer (10^P when the rounding carries); returns whether it reads
 * back as x. With s = P - 1 - X, x * 10^s = A / B where A = m * C and
 * C = 2^max(e,0) * 10^max(s,0), B = 2^max(-e,0) * 10^max(-s,0); one gap of x
 * (2^e) is C in units of 1/B. Bounds for 1e-5 <= x < 2^100, P <= 17: a double
 * with e < 0 has -e <= 70 and s <= 21, so A < 2^53 * 10^21 < 2^123 and
 * B <= 2^70 (or, for x >= 10^P, B <= 2^3 * 10); with e >= 0, e <= 48 and
 * s <= 1, so A < 2^105 and B <= 10^16. A float is smaller on every count.
 */
static bool round_to(const binval *v, int X, int P, uint64_t *digits)
{
	int s = P - 1 - X;
	u128 C = 1, B = 1, q, r;
	if (v->e >= 0)
		C <<= v->e;
	if (s >= 0)
		C *= pow10_128(s);
	else
		B = pow10_128(-s);
	u128 A = C * v->m;
	if (v->e < 0 && s >= 0) { /* the usual case: B is a power of two */
		q = A >> -v->e;
		r = A & ((((u128)1) << -v->e) - 1);
		B <<= -v->e;
	} else {
		B <<= v->e < 0 ? -v->e : 0;
		q = A / B;
		r = A % B;
	}
	/* to nearest, ties to even (as printf in the default rounding mode) */
	bool up = 2 * r > B || (2 * r == B && (q & 1));
	*digits = (uint64_t)q + up;
	/* the distance from the decimal to x, in units of 1/B, against half a gap */
	u128 dist = up ? B - r : r;
	u128 twice = (!up && v->lower_closer) ? 4 * dist : 2 * dist;
	return twice < C || (twice == C && !(v->m & 1));
}

/* The 8 decimal digits of w < 10^8, zero-padded, two per lookup. */
static void put8(char *d, uint32_t w)
{
	uint32_t hi = w / 10000, lo = w % 10000;
	memcpy(d, bp_digits2 + 2 * (hi / 100), 2);
	memcpy(d + 2, bp_digits2 + 2 * (hi % 100), 2);
	memcpy(d + 4, bp_digits2 + 2 * (lo / 100), 2);
	memcpy(d + 6, bp_digits2 + 2 * (lo % 100), 2);
}

/* v < 10^17 as 17 zero-padded decimal digits (32-bit arithmetic past the
 * first division: 64-bit divisions were half the cost of formatting). */
static void put17(char *d, uint64_t v)
{
	uint64_t top = v / 100000000;
	d[0] = (char)('0' + top / 100000000);
	put8(d + 1, (uint32_t)(top % 100000000));
	put8(d + 9, (uint32_t)(v % 100000000));
}

/*
 * "%.{P}g" of sign, digits (P of them) and decimal exponent X, trailing zeros
 * dropped, the exponent without '+' and leading zeros. Digits are copied 17
 * bytes at a time whatever their count (a fixed-size copy is a few moves, a
 * variable one a call): all[] has '0' padding to read from, and out (at least
 * BP_NUMFMT_MAX bytes) room to write to; k never passes 19 before a copy.
 */
static size_t g_style(char *out, bool neg, uint64_t digits, int X, int P)
{
	char all[17 + 17];
	put17(all, digits);
	memset(all + 17, '0', 17);
	const char *dig = all + 17 - P;
	int nd = P;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	size_t k = 0;
	if (neg)
		out[k++] = '-';
	if (X < -4 || X >= P) {
		out[k++] = dig[0];
		if (nd > 1) {
			out[k++] = '.';
			memcpy(out + k, dig + 1, 17);
			k += (size_t)nd - 1;
		}
		out[k++] = 'e';
		unsigned ex = X < 0 ? (unsigned)-X : (unsigned)X;
		if (X < 0)
			out[k++] = '-';
		if (ex >= 100)
			out[k++] = (char)('0' + ex / 100);
		if (ex >= 10)
			out[k++] = (char)('0' + ex / 10 % 10);
		out[k++] = (char)('0' + ex % 10);
	} else if (X >= 0) {
		/* X < P: the integer part is X + 1 of the digits (zeros past nd included) */
		memcpy(out + k, dig, 17);
		k += (size_t)X + 1;
		if (nd > X + 1) {
			out[k++] = '.';
			memcpy(out + k, dig + X + 1, 17);
			k += (size_t)(nd - X - 1);
		}
	} else {
		out[k++] = '0';
		out[k++] = '.';
		for (int i = -1; i > X; i--)
			out[k++] = '0';
		memcpy(out + k, dig, 17);
		k += (size_t)nd;
	}
	out[k] = 0;
	return k;
}

/* bp_double_fmt for 1e-5 <= |d| < 2^100; 0 for every other value. */
static size_t fmt_exact(char *out, double d, bool single)
{
	double a = fabs(d);
	binval v;
	/* (single: printf prints d itself, so d must be a float for the digits to be the float's) */
	if (!(a >= 1e-5 && a < 0x1p100) || (single && (double)(float)d != d) || !split(d, single, &v))
		return 0;
	/* X = floor(log10 x): floor(e2 * log10(2)) from e2 = floor(log2 x), then
	 * one exact comparison. 78913 / 2^18 is log10(2) closely enough that the
	 * floor (and, for e2 < 0, the ceiling) is exact for |e2| <= 1650. */
	int e2 = v.e + 63 - __builtin_clzll(v.m);
	int X = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + (1 << 18) - 1) >> 18);
	if (ge_pow10(&v, X + 1))
		X++;
	int lo = single ? 6 : 15, hi = single ? 9 : 17, P;
	uint64_t digits = 0;
	for (P = lo; P <= hi; P++)
		if (round_to(&v, X, P, &digits) || P == hi)
			break;
	if (digits == pow10_64[P]) { /* 9.9999 -> 10.000: one digit more before the point */
		digits = pow10_64[P - 1];
		X++;
	}
	return g_style(out, signbit(d), digits, X, P);
}

size_t bp_double_fmt(char *out, double d, bool single)
{
	size_t n = fmt_exact(out, d, single);
	return n ? n : bp_double_fmt_printf(out, d, single);
}
