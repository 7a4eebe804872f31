/*
 * test_double_fmt.c: bp_double_fmt (exact integer arithmetic, analyzer/double_fmt.c)
 * against its definition bp_double_fmt_printf (snprintf "%.*g" + strtod), on
 * a bounded number of pseudo-random values of every shape: raw bit patterns,
 * values inside the range the exact code takes, subnormals, short decimals and
 * their neighbours, powers of two and ten and their neighbours (the asymmetric
 * rounding intervals), exact decimal ties, integers. The same generator ran
 * on 100 million values when the exact code was written; here about 300,000
 * comparisons (under a second).
 */
#include "../unit.h"

#include "analyzer/value.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

/* xorshift64: fixed seed, so a failure reproduces */
static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static unsigned n_bad;

static void same(double d, bool single)
{
	char a[BP_NUMFMT_MAX], b[BP_NUMFMT_MAX];
	size_t na = bp_double_fmt(a, d, single), nb = bp_double_fmt_printf(b, d, single);
	bool ok = na == nb && strcmp(a, b) == 0;
	if (!ok && n_bad++ < 10)
		CHECK(false, "bp_double_fmt(%a, %s) = \"%s\", printf gives \"%s\"", d, single ? "float" : "double", a,
		      b);
}

static void same_float(float f)
{
	same(f, true);
	same(f, false); /* a float printed as a double (VECTOR text, JSON) */
}

static double bits_double(uint64_t u)
{
	double d;
	memcpy(&d, &u, sizeof(d));
	return d;
}

static float bits_float(uint32_t u)
{
	float f;
	memcpy(&f, &u, sizeof(f));
	return f;
}

/* d and both its neighbours, as a double and (rounded) as a float */
static void around(double d)
{
	same(d, false);
	same(nextafter(d, 0), false);
	same(nextafter(d, INFINITY), false);
	float f = (float)d;
	same(f, true);
	same(nextafterf(f, 0), true);
	same(nextafterf(f, INFINITY), true);
}

static void random_values(void)
{
	rng_state = 88172645463325252ull;
	n_bad = 0;
	for (int i = 0; i < 8000; i++) {
		/* any bit pattern: NaN, infinities, subnormals, huge and tiny values too */
		uint64_t r = rnd();
		same(bits_double(r), false);
		same_float(bits_float((uint32_t)r));
		/* exponents around the range the exact code takes (1e-5 .. 2^100) */
		uint64_t e = 1023 - 24 + rnd() % 132;
		same(bits_double((rnd() & 0x800fffffffffffffull) | e << 52), false);
		uint32_t ef = 127 - 24 + (uint32_t)(rnd() % 132);
		same_float(bits_float(((uint32_t)rnd() & 0x807fffffu) | ef << 23));
		/* subnormals */
		same(bits_double(rnd() & 0x800fffffffffffffull), false);
		same_float(bits_float((uint32_t)rnd() & 0x807fffffu));
		/* short decimals, what tables mostly hold, and their neighbours */
		char buf[48];
		snprintf(buf, sizeof(buf), "%llue%d", (unsigned long long)(rnd() % 100000000), (int)(rnd() % 40) - 25);
		around(strtod(buf, NULL));
		same_float(strtof(buf, NULL));
		/* powers of two (the interval below is half the one above) and of ten */
		around(ldexp(1.0, (int)(rnd() % 220) - 110));
		around(pow(10, (int)(rnd() % 40) - 10));
		/* exact decimal ties: short binary fractions, and n5 * 10^k */
		same(ldexp((double)(rnd() >> (11 + rnd() % 40)), -(int)(rnd() % 40)), false);
		same_float(ldexpf((float)(rnd() >> (40 + rnd() % 24)), -(int)(rnd() % 30)));
		same((double)(rnd() % 10000000000000000ull * 10 + 5) * pow(10, (int)(rnd() % 10)), false);
		same_float((float)(rnd() % 10000000 * 10 + 5));
		/* integers of every size */
		int64_t v = (int64_t)(rnd() >> (rnd() % 64));
		same((double)v, false);
		same_float((float)v);
	}
	/* the range edges and a few named values */
	around(1e-5);
	around(0x1p100);
	around(1e15);
	around(1e6);
	around(0.1);
	around(DBL_MAX);
	around(DBL_MIN);
	around(FLT_MIN);
	around(FLT_MAX);
	same(-0.0, false);
	same(-0.0, true);
	same(0.0, false);
	CU_ASSERT_EQUAL(n_bad, 0);
}

static const CU_TestInfo double_fmt_tests[] = {
	{ "bp_double_fmt = printf %g shortest round trip", random_values },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_double_fmt(void) { return bp_unit_add("analyzer/double_fmt", double_fmt_tests); }
