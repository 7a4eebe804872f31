/*
 * test_common.c: cursor, buffer and arena.
 */
#include "../unit.h"

#include "common/arena.h"
#include "common/buf.h"
#include "common/cursor.h"

static void cursor_reads_little_endian(void)
{
	const uint8_t b[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09 };
	bp_cursor c;
	bp_cur_init(&c, b, sizeof(b));
	CU_ASSERT_EQUAL(bp_cur_u8(&c), 0x01);
	CU_ASSERT_EQUAL(bp_cur_u16(&c), 0x0302);
	CU_ASSERT_EQUAL(bp_cur_u24(&c), 0x060504);
	CU_ASSERT_EQUAL(bp_cur_u24(&c), 0x090807);
	CU_ASSERT_EQUAL(bp_cur_left(&c), 0);
	CU_ASSERT_FALSE(c.err);
}

static void cursor_short_read_is_sticky(void)
{
	const uint8_t b[] = { 0xAA, 0xBB, 0xCC };
	bp_cursor c;
	bp_cur_init(&c, b, sizeof(b));
	CU_ASSERT_EQUAL(bp_cur_u8(&c), 0xAA);
	CU_ASSERT_EQUAL(bp_cur_u32(&c), 0); /* 4 wanted, 2 left */
	CU_ASSERT_TRUE(c.err);
	CU_ASSERT_EQUAL(c.err_need, 4);
	CU_ASSERT_EQUAL(c.err_left, 2);
	CU_ASSERT_EQUAL(c.err_pos, 1);
	CU_ASSERT_EQUAL(bp_cur_u8(&c), 0); /* sticky: even a read that would fit fails */
	CU_ASSERT_PTR_NULL(bp_cur_bytes(&c, 1));
	CU_ASSERT_EQUAL(bp_cur_pos(&c), 1);
}

static void cursor_packed_integers(void)
{
	const uint8_t b[] = { 0xFA, 0xFB, 0xFC, 0x34, 0x12, 0xFD, 0x01, 0x02, 0x03,
			      0xFE, 1, 0, 0, 0, 0, 0, 0, 0x80, 0xFF };
	bp_cursor c;
	bool isnull;
	bp_cur_init(&c, b, sizeof(b));
	CU_ASSERT_EQUAL(bp_cur_packed(&c, &isnull), 250);
	CU_ASSERT_FALSE(isnull);
	CU_ASSERT_EQUAL(bp_cur_packed(&c, &isnull), 0);
	CU_ASSERT_TRUE(isnull);
	CU_ASSERT_EQUAL(bp_cur_packed(&c, NULL), 0x1234);
	CU_ASSERT_EQUAL(bp_cur_packed(&c, NULL), 0x030201);
	CU_ASSERT_EQUAL(bp_cur_packed(&c, NULL), 0x8000000000000001ULL);
	CU_ASSERT_FALSE(c.err);
	bp_cur_packed(&c, NULL); /* 0xFF is invalid */
	CU_ASSERT_TRUE(c.err);
}

static void buf_numbers_and_hex(void)
{
	bp_buf b = BP_BUF_INIT;
	bp_buf_addi64(&b, INT64_MIN);
	bp_buf_addc(&b, ' ');
	bp_buf_addu64(&b, UINT64_MAX);
	bp_buf_addc(&b, ' ');
	bp_buf_addi64(&b, 0);
	bp_buf_addc(&b, ' ');
	bp_buf_addhex(&b, "\x00\xff\x1a", 3);
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "-9223372036854775808 18446744073709551615 0 00ff1a");
	bp_buf_release(&b);
}

static void buf_json_escapes(void)
{
	bp_buf b = BP_BUF_INIT;
	bp_buf_add_json_str(&b, "a\"b\\c\n\x01\x7f\xc3\xa9", 10);
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "\"a\\\"b\\\\c\\n\\u0001\\u007f\xc3\xa9\"");
	bp_buf_release(&b);
}

/* bp_buf_add_json_plain: plain ASCII as bp_buf_add_json_str writes it, anything
 * else refused with nothing written; every byte value at every position of
 * the 8-byte blocks and of the tail */
static void buf_json_plain(void)
{
	char s[19];
	for (unsigned pos = 0; pos < sizeof(s); pos++) {
		for (unsigned ch = 0; ch < 256; ch++) {
			memset(s, 'x', sizeof(s));
			s[pos] = (char)ch;
			bp_buf plain = BP_BUF_INIT, gen = BP_BUF_INIT;
			bp_buf_adds(&plain, "[");
			bool ok = bp_buf_add_json_plain(&plain, s, sizeof(s));
			bool want = ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\';
			CHECK(ok == want, "byte %02x at %u: plain says %d", ch, pos, ok);
			bp_buf_adds(&gen, "[");
			if (ok)
				bp_buf_add_json_str(&gen, s, sizeof(s));
			CU_ASSERT_EQUAL(plain.len, gen.len);
			CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&plain), bp_buf_cstr(&gen));
			bp_buf_release(&plain);
			bp_buf_release(&gen);
		}
	}
	bp_buf b = BP_BUF_INIT;
	CU_ASSERT_TRUE(bp_buf_add_json_plain(&b, NULL, 0));
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), "\"\"");
	bp_buf_release(&b);
}

static void buf_utf8_validation(void)
{
	CU_ASSERT_TRUE(bp_utf8_valid("plain", 5));
	CU_ASSERT_TRUE(bp_utf8_valid("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9));
	CU_ASSERT_FALSE(bp_utf8_valid("\xc0\xaf", 2));       /* overlong '/' */
	CU_ASSERT_FALSE(bp_utf8_valid("\xed\xa0\x80", 3));   /* surrogate */
	CU_ASSERT_FALSE(bp_utf8_valid("\xe2\x82", 2));       /* cut sequence */
	CU_ASSERT_FALSE(bp_utf8_valid("\xff", 1));
}

static void buf_cap_sets_oom(void)
{
	bp_buf b = BP_BUF_INIT;
	b.max = 8;
	bp_buf_adds(&b, "12345");
	CU_ASSERT_TRUE(bp_buf_ok(&b));
	bp_buf_adds(&b, "6789");
	CU_ASSERT_FALSE(bp_buf_ok(&b));
	CU_ASSERT_EQUAL(b.len, 5);
	bp_buf_release(&b);
}

static void arena_alloc_reset(void)
{
	bp_arena a;
	bp_arena_init(&a, 128);
	char *p = bp_arena_alloc(&a, 10);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL((uintptr_t)p % 8, 0);
	char *big = bp_arena_alloc(&a, 1000); /* oversized chunk */
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, 'x', 1000);
	char *q = bp_arena_strndup(&a, "hello", 3);
	CU_ASSERT_STRING_EQUAL(q, "hel");
	CU_ASSERT_EQUAL(a.used_total, 16 + 1000 + 8);
	CU_ASSERT_EQUAL(bp_arena_chunk_count(&a), 2);
	bp_arena_reset(&a);
	CU_ASSERT_EQUAL(a.used_total, 0);
	CU_ASSERT_EQUAL(bp_arena_chunk_count(&a), 1); /* the oversized chunk is gone */
	bp_arena_release(&a);
	CU_ASSERT_PTR_NULL(a.head);
}

static const CU_TestInfo cursor_tests[] = {
	{ "reads little-endian integers", cursor_reads_little_endian },
	{ "short read is sticky and records position", cursor_short_read_is_sticky },
	{ "packed integers", cursor_packed_integers },
	CU_TEST_INFO_NULL,
};
static const CU_TestInfo buf_tests[] = {
	{ "numbers and hex", buf_numbers_and_hex },
	{ "JSON escapes", buf_json_escapes },
	{ "JSON plain ASCII fast path", buf_json_plain },
	{ "UTF-8 validation", buf_utf8_validation },
	{ "hard cap sets oom", buf_cap_sets_oom },
	CU_TEST_INFO_NULL,
};
static const CU_TestInfo arena_tests[] = {
	{ "alloc, oversized chunk, reset", arena_alloc_reset },
	CU_TEST_INFO_NULL,
};

int bp_suite_common_cursor(void) { return bp_unit_add("common/cursor", cursor_tests); }
int bp_suite_common_buf(void) { return bp_unit_add("common/buf", buf_tests); }
int bp_suite_common_arena(void) { return bp_unit_add("common/arena", arena_tests); }
