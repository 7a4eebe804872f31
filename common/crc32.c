/*
 * crc32.c: CRC-32 for binlog checksums.
 *
 * Two paths, chosen once at run time:
 *   - PCLMULQDQ folding (x86-64 with pclmul and sse4.1): four 128-bit lanes fold
 *     64 bytes per step, then fold to 128 bits, to 64, and a Barrett reduction
 *     to 32 (Gopal et al., "Fast CRC Computation for Generic Polynomials Using
 *     PCLMULQDQ", Intel 2009; the constants are those of the reflected
 *     polynomial 0x1DB710641). Used for the largest multiple of 16 bytes >= 64.
 *   - slice-by-16 tables for the rest, and on other CPUs.
 * tests/unit/common/test_crc32.c checks both against zlib on many lengths and
 * alignments.
 */
#include "crc32.h"

#include <stdbool.h>
#include <string.h>

static uint32_t table[16][256];
static bool have_simd;

static void init_tables(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = (c & 1) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
		table[0][i] = c;
	}
	for (uint32_t i = 0; i < 256; i++)
		for (int t = 1; t < 16; t++)
			table[t][i] = (table[t - 1][i] >> 8) ^ table[0][table[t - 1][i] & 0xff];
}

static inline uint32_t le32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	v = __builtin_bswap32(v);
#endif
	return v;
}

/* crc is the raw (not inverted) register */
static uint32_t slice16(uint32_t crc, const uint8_t *p, size_t len)
{
	while (len >= 16) {
		uint32_t one = le32(p) ^ crc, two = le32(p + 4), three = le32(p + 8), four = le32(p + 12);
		crc = table[0][four >> 24] ^ table[1][(four >> 16) & 0xff] ^ table[2][(four >> 8) & 0xff] ^
		      table[3][four & 0xff] ^ table[4][three >> 24] ^ table[5][(three >> 16) & 0xff] ^
		      table[6][(three >> 8) & 0xff] ^ table[7][three & 0xff] ^ table[8][two >> 24] ^
		      table[9][(two >> 16) & 0xff] ^ table[10][(two >> 8) & 0xff] ^ table[11][two & 0xff] ^
		      table[12][one >> 24] ^ table[13][(one >> 16) & 0xff] ^ table[14][(one >> 8) & 0xff] ^
		      table[15][one & 0xff];
		p += 16;
		len -= 16;
	}
	while (len--)
		crc = (crc >> 8) ^ table[0][(crc ^ *p++) & 0xff];
	return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>

#define SIMD_TARGET __attribute__((target("pclmul,sse4.1")))

/* len >= 64 and a multiple of 16; crc is the raw register */
SIMD_TARGET static uint32_t fold_pclmul(uint32_t crc, const uint8_t *buf, size_t len)
{
	static const uint64_t k1k2[2] __attribute__((aligned(16))) = { 0x0154442bd4ULL, 0x01c6e41596ULL };
	static const uint64_t k3k4[2] __attribute__((aligned(16))) = { 0x01751997d0ULL, 0x00ccaa009eULL };
	static const uint64_t k5k0[2] __attribute__((aligned(16))) = { 0x0163cd6124ULL, 0 };
	static const uint64_t poly[2] __attribute__((aligned(16))) = { 0x01db710641ULL, 0x01f7011641ULL };
	__m128i x0, x1, x2, x3, x4, x5, x6, x7, x8, y5, y6, y7, y8;

	x1 = _mm_loadu_si128((const __m128i *)(buf + 0x00));
	x2 = _mm_loadu_si128((const __m128i *)(buf + 0x10));
	x3 = _mm_loadu_si128((const __m128i *)(buf + 0x20));
	x4 = _mm_loadu_si128((const __m128i *)(buf + 0x30));
	x1 = _mm_xor_si128(x1, _mm_cvtsi32_si128((int)crc));
	x0 = _mm_load_si128((const __m128i *)k1k2);
	buf += 64;
	len -= 64;
	while (len >= 64) { /* fold four lanes */
		x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
		x6 = _mm_clmulepi64_si128(x2, x0, 0x00);
		x7 = _mm_clmulepi64_si128(x3, x0, 0x00);
		x8 = _mm_clmulepi64_si128(x4, x0, 0x00);
		x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
		x2 = _mm_clmulepi64_si128(x2, x0, 0x11);
		x3 = _mm_clmulepi64_si128(x3, x0, 0x11);
		x4 = _mm_clmulepi64_si128(x4, x0, 0x11);
		y5 = _mm_loadu_si128((const __m128i *)(buf + 0x00));
		y6 = _mm_loadu_si128((const __m128i *)(buf + 0x10));
		y7 = _mm_loadu_si128((const __m128i *)(buf + 0x20));
		y8 = _mm_loadu_si128((const __m128i *)(buf + 0x30));
		x1 = _mm_xor_si128(_mm_xor_si128(x1, x5), y5);
		x2 = _mm_xor_si128(_mm_xor_si128(x2, x6), y6);
		x3 = _mm_xor_si128(_mm_xor_si128(x3, x7), y7);
		x4 = _mm_xor_si128(_mm_xor_si128(x4, x8), y8);
		buf += 64;
		len -= 64;
	}
	/* fold the four lanes into one */
	x0 = _mm_load_si128((const __m128i *)k3k4);
	x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
	x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
	x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
	x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
	x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
	x1 = _mm_xor_si128(_mm_xor_si128(x1, x3), x5);
	x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
	x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
	x1 = _mm_xor_si128(_mm_xor_si128(x1, x4), x5);
	while (len >= 16) { /* single 16-byte folds */
		x2 = _mm_loadu_si128((const __m128i *)buf);
		x5 = _mm_clmulepi64_si128(x1, x0, 0x00);
		x1 = _mm_clmulepi64_si128(x1, x0, 0x11);
		x1 = _mm_xor_si128(_mm_xor_si128(x1, x2), x5);
		buf += 16;
		len -= 16;
	}
	/* 128 -> 64 bits */
	x2 = _mm_clmulepi64_si128(x1, x0, 0x10);
	x3 = _mm_setr_epi32(~0, 0, ~0, 0);
	x1 = _mm_srli_si128(x1, 8);
	x1 = _mm_xor_si128(x1, x2);
	x0 = _mm_loadl_epi64((const __m128i *)k5k0);
	x2 = _mm_srli_si128(x1, 4);
	x1 = _mm_and_si128(x1, x3);
	x1 = _mm_clmulepi64_si128(x1, x0, 0x00);
	x1 = _mm_xor_si128(x1, x2);
	/* Barrett reduction to 32 bits */
	x0 = _mm_load_si128((const __m128i *)poly);
	x2 = _mm_and_si128(x1, x3);
	x2 = _mm_clmulepi64_si128(x2, x0, 0x10);
	x2 = _mm_and_si128(x2, x3);
	x2 = _mm_clmulepi64_si128(x2, x0, 0x00);
	x1 = _mm_xor_si128(x1, x2);
	return (uint32_t)_mm_extract_epi32(x1, 1);
}

static bool cpu_has_simd(void)
{
	__builtin_cpu_init();
	return __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
}
#else
static uint32_t fold_pclmul(uint32_t crc, const uint8_t *buf, size_t len)
{
	return slice16(crc, buf, len);
}
static bool cpu_has_simd(void) { return false; }
#endif

static void init_once(void)
{
	static bool done;
	if (!done) {
		init_tables();
		have_simd = cpu_has_simd();
		done = true; /* idempotent: a race only redoes the same work */
	}
}

uint32_t bp_crc32_portable(uint32_t crc, const void *buf, size_t len)
{
	init_once();
	return ~slice16(~crc, buf, len);
}

uint32_t bp_crc32(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	init_once();
	crc = ~crc;
	if (have_simd && len >= 64) {
		size_t chunk = len & ~(size_t)15;
		crc = fold_pclmul(crc, p, chunk);
		p += chunk;
		len -= chunk;
	}
	return ~slice16(crc, p, len);
}
