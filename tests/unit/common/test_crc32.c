/*
 * test_crc32.c: both CRC-32 paths agree with zlib on every length 0..2100 at
 * eight alignments, when chained, and on a known vector.
 */
#include "../unit.h"

#include <stdlib.h>
#include <zlib.h>

#include "common/crc32.h"

static void crc32_known_vector(void)
{
	CU_ASSERT_EQUAL(bp_crc32(0, "123456789", 9), 0xCBF43926u);
	CU_ASSERT_EQUAL(bp_crc32_portable(0, "123456789", 9), 0xCBF43926u);
	CU_ASSERT_EQUAL(bp_crc32(0, "", 0), 0);
}

static void crc32_matches_zlib(void)
{
	enum { N = 2200 };
	unsigned char *b = malloc(N + 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	uint32_t x = 2463534242u;
	for (int i = 0; i < N + 8; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		b[i] = (unsigned char)x;
	}
	int bad = 0;
	for (size_t len = 0; len < 2100; len++)
		for (int off = 0; off < 8; off++) {
			uint32_t z = (uint32_t)crc32(0, b + off, (uInt)len);
			if (bp_crc32(0, b + off, len) != z || bp_crc32_portable(0, b + off, len) != z)
				bad++;
		}
	CU_ASSERT_EQUAL(bad, 0);
	/* chained pieces: 100 bytes then 2000 */
	uint32_t z = (uint32_t)crc32(crc32(0, b, 100), b + 100, 2000);
	CU_ASSERT_EQUAL(bp_crc32(bp_crc32(0, b, 100), b + 100, 2000), z);
	free(b);
}

static const CU_TestInfo tests[] = {
	{ "known vector 123456789", crc32_known_vector },
	{ "matches zlib on all lengths and alignments", crc32_matches_zlib },
	CU_TEST_INFO_NULL,
};

int bp_suite_common_crc32(void) { return bp_unit_add("common/crc32", tests); }
