/*
 * test_decode.c: the event decoders (analyzer/event.c, event_control.c,
 * event_query.c, event_tablemap.c, event_rows.c) and the format helpers
 * (analyzer/format.c, bp_event_crc), one event at a time.
 *
 * Every event comes from a real log:
 *  - tests/unit/data/: logs (or head excerpts cut at an event boundary) from
 *    Debian's mariadb-test-data 1:10.11.19-0+deb12u1, see tests/unit/data/SOURCES;
 *  - hex arrays below: single events cut from the project's own fixtures
 *    (fixtures/binlog/mariadb-10.11-*.bin, MariaDB 10.11.19), file and offset
 *    named at each.
 * Expected values were read independently with `mariadb-binlog --hexdump -vv`
 * and xxd; the comment at each test quotes what mariadb-binlog printed. A few
 * events are derived from real ones (a v1 header, a permuted FDE, a GTID list
 * with entries); those say so and why.
 *
 * Row values are checked as decoded bp_value kinds and integers/bytes, never as
 * formatted text (formatting is analyzer/value.c's and tested there).
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "analyzer/binlog_file.h"
#include "analyzer/decode.h"
#include "analyzer/format.h"

/* ------------------------------------------------------------------------ */
/* helpers                                                                   */

static const char *data_dir(void)
{
	const char *e = getenv("BP_UNIT_DATA");
	return e ? e : "unit/data";
}

static uint8_t *load(const char *name, size_t *len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", data_dir(), name);
	return bp_unit_slurp(path, len);
}

static uint32_t le32(const uint8_t *p) { return (uint32_t)bp_le(p, 4); }

static bool mem_is(const void *p, size_t n, const char *s)
{
	return p && n == strlen(s) && memcmp(p, s, n) == 0;
}

/* One log in memory and a decoder that has read its first event (FDE/START). */
typedef struct dfile {
	uint8_t *buf;
	size_t len;
	bp_decoder d;
	bp_event ev;
	bp_err err;
	int notices;
	char last_notice[256];
} dfile;

static void on_notice(void *ctx, const bp_event *ev, const char *msg)
{
	dfile *f = ctx;
	(void)ev;
	f->notices++;
	snprintf(f->last_notice, sizeof(f->last_notice), "%s", msg);
}

/* Decode the event at pos; returns bp_event_decode's result. */
static int dec_at(dfile *f, uint64_t pos)
{
	if (pos + 13 > f->len)
		return -BP_E_INTERNAL;
	uint32_t len = le32(f->buf + pos + 9);
	if (pos + len > f->len)
		return -BP_E_INTERNAL;
	bp_err_clear(&f->err);
	return bp_event_decode(&f->d, f->buf + pos, len, pos, &f->ev, &f->err);
}

static bool dopen(dfile *f, const char *name)
{
	memset(f, 0, sizeof(*f));
	f->buf = load(name, &f->len);
	if (!f->buf || f->len < 4 + 19 || bp_decoder_init(&f->d))
		return false;
	f->d.notice = on_notice;
	f->d.notice_ctx = f;
	return dec_at(f, 4) == 0;
}

/* A decoder whose format comes from an FDE held in memory (hex array). */
static bool dopen_mem(dfile *f, const uint8_t *fde, uint32_t len)
{
	memset(f, 0, sizeof(*f));
	if (bp_decoder_init(&f->d))
		return false;
	f->d.notice = on_notice;
	f->d.notice_ctx = f;
	return bp_event_decode(&f->d, fde, len, 4, &f->ev, &f->err) == 0;
}

static int dec_mem(dfile *f, const uint8_t *raw, uint32_t len, uint64_t pos)
{
	bp_err_clear(&f->err);
	return bp_event_decode(&f->d, raw, len, pos, &f->ev, &f->err);
}

static void dclose(dfile *f)
{
	bp_decoder_release(&f->d);
	free(f->buf);
	f->buf = NULL;
}

#define OPEN(f, name) CU_ASSERT_FATAL(dopen(&(f), (name)))
#define DEC(f, pos) CU_ASSERT_EQUAL_FATAL(dec_at(&(f), (pos)), 0)

/* ------------------------------------------------------------------------ */
/* hex excerpts from the project's fixtures (MariaDB 10.11.19)               */

/* fixtures/binlog/mariadb-10.11-statement.bin at 4 (252 bytes): FDE, CRC32 */
static const uint8_t fde_1011[] = {
	0x5d, 0x41, 0x02, 0x6b, 0x0f, 0x01, 0x00, 0x00, 0x00, 0xfc, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
	0x00, 0x00, 0x00, 0x04, 0x00, 0x31, 0x30, 0x2e, 0x31, 0x31, 0x2e, 0x31, 0x39, 0x2d, 0x4d, 0x61,
	0x72, 0x69, 0x61, 0x44, 0x42, 0x2d, 0x30, 0x2b, 0x64, 0x65, 0x62, 0x31, 0x32, 0x75, 0x31, 0x2d,
	0x6c, 0x6f, 0x67, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x5d, 0x41, 0x02, 0x6b, 0x13, 0x38, 0x0d, 0x00, 0x08,
	0x00, 0x12, 0x00, 0x04, 0x04, 0x04, 0x04, 0x12, 0x00, 0x00, 0xe4, 0x00, 0x04, 0x1a, 0x08, 0x00,
	0x00, 0x00, 0x08, 0x08, 0x08, 0x02, 0x00, 0x00, 0x00, 0x0a, 0x0a, 0x0a, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x0a, 0x0a, 0x0a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x13, 0x04, 0x00,
	0x0d, 0x08, 0x08, 0x08, 0x0a, 0x0a, 0x0a, 0x01, 0x58, 0x7e, 0x07, 0xfe,
};

/* fixtures/binlog/mariadb-10.11-statement.bin at 8283 (142 bytes): QUERY with
 * Q_TIME_ZONE "+00:00" and Q_HRNOW (0 microseconds: the fixture SETs an integer
 * TIMESTAMP). mariadb-binlog: thread_id=6, use `bp_dml`, time_zone='+00:00',
 * character_set_client=utf8mb4, collation_connection=45, collation_server=45. */
static const uint8_t q_tz_hrnow[] = {
	0x3c, 0xf1, 0x53, 0x65, 0x02, 0x01, 0x00, 0x00, 0x00, 0x8e, 0x00, 0x00, 0x00, 0xe9, 0x20, 0x00,
	0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x22, 0x50, 0xae, 0x05, 0x06, 0x00, 0x00, 0x26, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x20, 0x54, 0x00, 0x00, 0x00, 0x00, 0x06, 0x03,
	0x73, 0x74, 0x64, 0x04, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00, 0x05, 0x06, 0x2b, 0x30, 0x30, 0x3a,
	0x30, 0x30, 0x80, 0x00, 0x00, 0x00, 0x62, 0x70, 0x5f, 0x64, 0x6d, 0x6c, 0x00, 0x55, 0x50, 0x44,
	0x41, 0x54, 0x45, 0x20, 0x70, 0x72, 0x69, 0x63, 0x65, 0x5f, 0x68, 0x69, 0x73, 0x74, 0x6f, 0x72,
	0x79, 0x20, 0x53, 0x45, 0x54, 0x20, 0x70, 0x72, 0x69, 0x63, 0x65, 0x20, 0x3d, 0x20, 0x31, 0x30,
	0x2e, 0x39, 0x39, 0x20, 0x57, 0x48, 0x45, 0x52, 0x45, 0x20, 0x73, 0x6b, 0x75, 0x20, 0x3d, 0x20,
	0x27, 0x53, 0x4b, 0x55, 0x30, 0x30, 0x30, 0x30, 0x31, 0x27, 0xf8, 0x9c, 0x4f, 0xb3,
};

/* fixtures/binlog/mariadb-10.11-statement.bin at 2742 (252 bytes): CREATE TRIGGER
 * with Q_INVOKER root@127.0.0.1, then Q_HRNOW (80 00 00 00), then Q_XID 17
 * (81 11 00 .. 00; mariadb-binlog: "xid=17"). */
static const uint8_t q_invoker_hrnow_xid[] = {
	0x00, 0xf1, 0x53, 0x65, 0x02, 0x01, 0x00, 0x00, 0x00, 0xfc, 0x00, 0x00, 0x00, 0xb2, 0x0b, 0x00,
	0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0xa2, 0x52, 0xae, 0x05, 0x06, 0x00, 0x00, 0x37, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x20, 0x54, 0x00, 0x00, 0x00, 0x00, 0x06, 0x03,
	0x73, 0x74, 0x64, 0x04, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00, 0x0b, 0x04, 0x72, 0x6f, 0x6f, 0x74,
	0x09, 0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31, 0x80, 0x00, 0x00, 0x00, 0x81, 0x11,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x62, 0x70, 0x5f, 0x64, 0x6d, 0x6c, 0x00, 0x43, 0x52,
	0x45, 0x41, 0x54, 0x45, 0x20, 0x44, 0x45, 0x46, 0x49, 0x4e, 0x45, 0x52, 0x3d, 0x60, 0x72, 0x6f,
	0x6f, 0x74, 0x60, 0x40, 0x60, 0x31, 0x32, 0x37, 0x2e, 0x30, 0x2e, 0x30, 0x2e, 0x31, 0x60, 0x20,
	0x54, 0x52, 0x49, 0x47, 0x47, 0x45, 0x52, 0x20, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x5f, 0x6c, 0x69,
	0x6e, 0x65, 0x5f, 0x61, 0x69, 0x20, 0x41, 0x46, 0x54, 0x45, 0x52, 0x20, 0x49, 0x4e, 0x53, 0x45,
	0x52, 0x54, 0x20, 0x4f, 0x4e, 0x20, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x5f, 0x6c, 0x69, 0x6e, 0x65,
	0x20, 0x46, 0x4f, 0x52, 0x20, 0x45, 0x41, 0x43, 0x48, 0x20, 0x52, 0x4f, 0x57, 0x0a, 0x20, 0x20,
	0x55, 0x50, 0x44, 0x41, 0x54, 0x45, 0x20, 0x73, 0x74, 0x6f, 0x63, 0x6b, 0x20, 0x53, 0x45, 0x54,
	0x20, 0x71, 0x74, 0x79, 0x20, 0x3d, 0x20, 0x71, 0x74, 0x79, 0x20, 0x2d, 0x20, 0x4e, 0x45, 0x57,
	0x2e, 0x71, 0x74, 0x79, 0x20, 0x57, 0x48, 0x45, 0x52, 0x45, 0x20, 0x73, 0x6b, 0x75, 0x20, 0x3d,
	0x20, 0x4e, 0x45, 0x57, 0x2e, 0x73, 0x6b, 0x75, 0xfa, 0x65, 0xe0, 0xa7,
};

/* fixtures/binlog/mariadb-10.11-xa.bin at 1225 (50 bytes): GTID of XA PREPARE
 * (mariadb-binlog: "GTID 0-1-5 trans", "XA START X'786665722d31',X'',1"):
 * flags2 0x4c (FL_PREPARED_XA 0x40 | FL_TRANSACTIONAL 0x08 | FL_ALLOW_PARALLEL 0x04),
 * then formatID 1, gtrid_len 6, bqual_len 0, "xfer-1", flags_extra 01, extra_engines ff. */
static const uint8_t gtid_xa1[] = {
	0x00, 0xf1, 0x53, 0x65, 0xa2, 0x01, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00, 0xfb, 0x04, 0x00,
	0x00, 0x08, 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4c,
	0x01, 0x00, 0x00, 0x00, 0x06, 0x00, 0x78, 0x66, 0x65, 0x72, 0x2d, 0x31, 0x01, 0xff, 0xab, 0x79,
	0xbc, 0xb4,
};

/* fixtures/binlog/mariadb-10.11-xa.bin at 2107 (58 bytes): seq 7, formatID 42,
 * gtrid "xfer-2", bqual "branch-a". */
static const uint8_t gtid_xa2[] = {
	0x00, 0xf1, 0x53, 0x65, 0xa2, 0x01, 0x00, 0x00, 0x00, 0x3a, 0x00, 0x00, 0x00, 0x75, 0x08, 0x00,
	0x00, 0x08, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x4c,
	0x2a, 0x00, 0x00, 0x00, 0x06, 0x08, 0x78, 0x66, 0x65, 0x72, 0x2d, 0x32, 0x62, 0x72, 0x61, 0x6e,
	0x63, 0x68, 0x2d, 0x61, 0x01, 0xff, 0x67, 0xff, 0x41, 0x0e,
};

/* fixtures/binlog/mariadb-10.11-xa.bin at 2648 (50 bytes): XA_PREPARE
 * ("XA PREPARE X'786665722d32',X'6272616e63682d61',42"): one_phase 0,
 * formatID 42, gtrid_len 6, bqual_len 8, "xfer-2" "branch-a" */
static const uint8_t xa_prepare[] = {
	0x00, 0xf1, 0x53, 0x65, 0x26, 0x01, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00, 0x8a, 0x0a, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00,
	0x78, 0x66, 0x65, 0x72, 0x2d, 0x32, 0x62, 0x72, 0x61, 0x6e, 0x63, 0x68, 0x2d, 0x61, 0x9c, 0x36,
	0x99, 0x81,
};

/* fixtures/binlog/mariadb-10.11-row-compressed.bin (log_bin_compress=ON) at 531
 * (254 bytes): QUERY_COMPRESSED "CREATE TABLE t_int (...)" in `bp_types`, xid=11 */
static const uint8_t q_compressed[] = {
	0x00, 0xf1, 0x53, 0x65, 0xa5, 0x01, 0x00, 0x00, 0x00, 0xfe, 0x00, 0x00, 0x00, 0x11, 0x03, 0x00,
	0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x9b, 0x52, 0xae, 0x05, 0x08, 0x00, 0x00, 0x23, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x20, 0x54, 0x00, 0x00, 0x00, 0x00, 0x06, 0x03,
	0x73, 0x74, 0x64, 0x04, 0x2d, 0x00, 0x2d, 0x00, 0x2d, 0x00, 0x81, 0x0b, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x62, 0x70, 0x5f, 0x74, 0x79, 0x70, 0x65, 0x73, 0x00, 0x82, 0x01, 0x5f, 0x78,
	0x9c, 0x65, 0xce, 0xb1, 0x0e, 0x82, 0x30, 0x10, 0x06, 0xe0, 0x9d, 0xa7, 0xf8, 0x47, 0x48, 0x78,
	0x00, 0xd7, 0x22, 0x95, 0x34, 0x5e, 0x5b, 0x53, 0x60, 0xc0, 0xc5, 0x84, 0x18, 0x93, 0x0e, 0xe8,
	0x40, 0x5d, 0x7c, 0x7a, 0x7b, 0x12, 0x89, 0xc5, 0x4b, 0xba, 0xf4, 0xff, 0xbf, 0xcb, 0xed, 0x9d,
	0x14, 0x9d, 0x44, 0x27, 0x2a, 0x92, 0x08, 0x17, 0x7f, 0x0f, 0xc8, 0x33, 0xc0, 0x5f, 0x01, 0x28,
	0xd3, 0xc1, 0xd8, 0xf8, 0x7a, 0x22, 0x9c, 0x9c, 0xd2, 0xc2, 0x0d, 0x38, 0xca, 0xa1, 0x8c, 0x85,
	0xe0, 0x63, 0xa1, 0x53, 0x66, 0x88, 0xa5, 0x12, 0x3f, 0x13, 0xfc, 0x73, 0x0d, 0xd0, 0x9b, 0x56,
	0x35, 0x46, 0xd6, 0x2c, 0x66, 0x16, 0xad, 0x16, 0x44, 0x1b, 0x32, 0xb3, 0xf8, 0x06, 0x09, 0x99,
	0x98, 0x68, 0x59, 0xab, 0x5e, 0xa7, 0x66, 0x62, 0xb2, 0x06, 0x89, 0x61, 0x82, 0xed, 0x51, 0x3c,
	0x4c, 0xb0, 0x6d, 0x8f, 0x5c, 0xaf, 0x54, 0xf3, 0x07, 0x46, 0xae, 0x2f, 0x41, 0x02, 0x5e, 0xb7,
	0x65, 0x4b, 0xbe, 0x2b, 0xd6, 0x7f, 0x9c, 0xa5, 0xb3, 0x07, 0x45, 0xf4, 0xd9, 0xf8, 0xe0, 0x8d,
	0xd6, 0x92, 0x14, 0x26, 0x2b, 0xde, 0xa7, 0xd4, 0x52, 0x3e, 0x2f, 0x90, 0xc2, 0xd8,
};

/* same file at 1690 (65 bytes): "Table_map: `bp_types`.`t_int` mapped to number 18",
 * 13 columns 03 01 01 02 02 09 09 03 03 08 08 03 01 */
static const uint8_t tm_t_int[] = {
	0x00, 0xf1, 0x53, 0x65, 0x13, 0x01, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00, 0xdb, 0x06, 0x00,
	0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x62, 0x70, 0x5f, 0x74,
	0x79, 0x70, 0x65, 0x73, 0x00, 0x05, 0x74, 0x5f, 0x69, 0x6e, 0x74, 0x00, 0x0d, 0x03, 0x01, 0x01,
	0x02, 0x02, 0x09, 0x09, 0x03, 0x03, 0x08, 0x08, 0x03, 0x01, 0x00, 0xfe, 0x1f, 0xc0, 0x6b, 0xdd,
	0xcf,
};

/* same file at 1755 (76 bytes): UPDATE_ROWS_COMPRESSED_V1, one row. mariadb-binlog -vv:
 *   WHERE @1=4 @2=0 @3=1 @4=0 @5=1 @6=0 @7=1 @8=0 @9=1 @10=0 @11=1 @12=42 @13=0
 *   SET   @1=4 @2=1 @3=-2 (254) ... @10=-9223372036854775807 (9223372036854775809)
 *         @11=-2 (18446744073709551614) @12=42 @13=0 */
static const uint8_t up_compressed[] = {
	0x00, 0xf1, 0x53, 0x65, 0xa7, 0x01, 0x00, 0x00, 0x00, 0x4c, 0x00, 0x00, 0x00, 0x27, 0x07, 0x00,
	0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x0d, 0xff, 0x1f, 0xff, 0x1f,
	0x81, 0x5e, 0x78, 0x9c, 0x63, 0x78, 0xc0, 0xc2, 0x00, 0x04, 0x8c, 0x60, 0x04, 0x25, 0xe0, 0x14,
	0x0a, 0x5b, 0x0b, 0x4c, 0x82, 0x95, 0x33, 0xfe, 0xc3, 0x54, 0x0e, 0x65, 0x36, 0xfc, 0xfb, 0x0f,
	0x01, 0x60, 0xe5, 0x00, 0x01, 0xfc, 0x0b, 0x9c, 0x23, 0x84, 0xbb, 0xbf,
};

/* ------------------------------------------------------------------------ */
/* format helpers (analyzer/format.c), CRC                                   */

static void version_product_edges(void)
{
	CU_ASSERT_EQUAL(bp_version_product("5.5.36-MariaDB-debug-log"), 50536);
	CU_ASSERT_EQUAL(bp_version_product("10.3.35-MariaDB-debug-log"), 100335);
	CU_ASSERT_EQUAL(bp_version_product("8.0.40-debug"), 80040);
	CU_ASSERT_EQUAL(bp_version_product("5.6.4-m7-debug-log"), 50604);
	CU_ASSERT_EQUAL(bp_version_product("5.2.2-a_drop6p13-debug-log"), 50202);
	CU_ASSERT_EQUAL(bp_version_product("4.0.0-debug-log"), 40000);
	CU_ASSERT_EQUAL(bp_version_product("11.4.2"), 110402);
	CU_ASSERT_EQUAL(bp_version_product("5.7"), 50700);       /* missing patch: 0 */
	CU_ASSERT_EQUAL(bp_version_product("8"), 80000);
	CU_ASSERT_EQUAL(bp_version_product(""), 0);
	CU_ASSERT_EQUAL(bp_version_product("MariaDB"), 0);
	CU_ASSERT_EQUAL(bp_version_product("5..3"), 50000);     /* stops at the empty part */
	CU_ASSERT_EQUAL(bp_version_product("5.1.150-x"), 50199); /* parts over 99 clamp */
	CU_ASSERT_EQUAL(bp_version_product("5.250.1"), 59901);
	/* a sign or a huge major must not wrap around (fixed in format.c) */
	CU_ASSERT_EQUAL(bp_version_product("-5.6.1"), 0);
	CU_ASSERT_EQUAL(bp_version_product("99999999999.1.1"), 9990101);
}

static void version_has_checksum_edges(void)
{
	/* MySQL: checksum byte in the FDE from 5.6.1 (WL#2540) */
	CU_ASSERT_FALSE(bp_format_version_has_checksum("5.6.0-m4"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("5.6.1"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("5.6.4-m7-debug-log"));
	CU_ASSERT_FALSE(bp_format_version_has_checksum("5.5.17-debug-log"));
	CU_ASSERT_FALSE(bp_format_version_has_checksum("5.1.63-google-debug-log"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("8.0.40-debug"));
	CU_ASSERT_FALSE(bp_format_version_has_checksum("4.1.26-debug-log"));
	/* MariaDB: from 5.3 */
	CU_ASSERT_FALSE(bp_format_version_has_checksum("5.2.14-MariaDB"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("5.3.0-MariaDB"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("5.5.36-MariaDB-debug-log"));
	CU_ASSERT_TRUE(bp_format_version_has_checksum("10.0.11-MariaDB-debug-log"));
	CU_ASSERT_FALSE(bp_format_version_has_checksum(""));
	CU_ASSERT_FALSE(bp_format_version_has_checksum("garbage"));
}

static void format_defaults_and_post_header_bounds(void)
{
	bp_format f;
	bp_format_init(&f);
	CU_ASSERT_EQUAL(f.binlog_version, 4);
	CU_ASSERT_EQUAL(f.header_len, 19);
	CU_ASSERT_EQUAL(f.checksum_alg, BP_CHECKSUM_UNDEF);
	CU_ASSERT_FALSE(f.known);
	CU_ASSERT_FALSE(f.permuted);
	CU_ASSERT_EQUAL(f.type_map[BP_EV_TABLE_MAP], BP_EV_TABLE_MAP);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_QUERY), 13);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_WRITE_ROWS), 10);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_MARIADB_GTID), 19);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, 0), 0);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, 256), 0);
	bp_format_set_v1v3(&f, 1, "3.23.58-log");
	CU_ASSERT_EQUAL(f.header_len, 13);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_QUERY), 11);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_ROTATE), 0);
	CU_ASSERT_EQUAL(f.version_product, 32358);
	CU_ASSERT_TRUE(f.known);
	bp_format_set_v1v3(&f, 3, "4.1.26-debug-log");
	CU_ASSERT_EQUAL(f.header_len, 19);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_ROTATE), 8);
	CU_ASSERT_FALSE(f.mariadb);
}

/*
 * MySQL 5.1.1-5.1.5 "-a_drop5" and 5.1.4/5.2.0-5.2.2 "-a_drop6" builds numbered
 * types 16..22 differently (MySQL Format_description_event, its `perm` table):
 * written 16 is TABLE_MAP, 17..19 PRE_GA_WRITE/UPDATE/DELETE_ROWS, 20 XID,
 * 21 BEGIN_LOAD_QUERY, 22 EXECUTE_LOAD_QUERY; the post-header table moves along.
 */
static void permutation_a_drop(void)
{
	bp_format f;
	bp_format_init(&f);
	snprintf(f.server_version, sizeof(f.server_version), "%s", "5.2.2-a_drop6p13-debug-log");
	/* raw post-header lengths at written types 16..22, as ver_5_1-wl2325_r.001's FDE lists them */
	static const uint8_t raw[7] = { 6, 6, 6, 6, 0, 4, 26 };
	for (unsigned i = 0; i < 7; i++)
		f.post_header[16 + i - 1] = raw[i];
	bp_format_apply_permutation(&f);
	CU_ASSERT_TRUE(f.permuted);
	CU_ASSERT_EQUAL(f.type_map[16], BP_EV_TABLE_MAP);
	CU_ASSERT_EQUAL(f.type_map[17], BP_EV_PRE_GA_WRITE_ROWS);
	CU_ASSERT_EQUAL(f.type_map[18], BP_EV_PRE_GA_UPDATE_ROWS);
	CU_ASSERT_EQUAL(f.type_map[19], BP_EV_PRE_GA_DELETE_ROWS);
	CU_ASSERT_EQUAL(f.type_map[20], BP_EV_XID);
	CU_ASSERT_EQUAL(f.type_map[21], BP_EV_BEGIN_LOAD_QUERY);
	CU_ASSERT_EQUAL(f.type_map[22], BP_EV_EXECUTE_LOAD_QUERY);
	CU_ASSERT_EQUAL(f.type_map[15], BP_EV_FORMAT_DESCRIPTION);
	CU_ASSERT_EQUAL(f.type_map[2], BP_EV_QUERY);
	CU_ASSERT_EQUAL(f.type_map[23], 23);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_TABLE_MAP), 6);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_PRE_GA_DELETE_ROWS), 6);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_XID), 0);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_BEGIN_LOAD_QUERY), 4);
	CU_ASSERT_EQUAL(bp_format_post_header(&f, BP_EV_EXECUTE_LOAD_QUERY), 26);

	/* which versions are permuted: the exact MySQL condition */
	static const struct {
		const char *v;
		bool permuted;
	} cases[] = {
		{ "5.1.1-a_drop5p2", true },  { "5.1.5-a_drop5", true },   { "5.1.4-a_drop6p1", true },
		{ "5.2.0-a_drop6", true },    { "5.1.6-a_drop5p1", false }, { "5.1.3-a_drop6p1", false },
		{ "5.2.3-a_drop6", false },   { "5.2.2-a_drop5", false },   { "5.1.15-a_drop5", false },
		{ "5.2.2-beta", false },      { "5.2.2-a_drop", false },    { "6.0.2-a_drop6", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bp_format_init(&f);
		snprintf(f.server_version, sizeof(f.server_version), "%s", cases[i].v);
		bp_format_apply_permutation(&f);
		if (f.permuted != cases[i].permuted)
			fprintf(stderr, "\npermutation of %s: got %d\n", cases[i].v, f.permuted);
		CU_ASSERT_EQUAL(f.permuted, cases[i].permuted);
		CU_ASSERT_EQUAL(f.type_map[16], cases[i].permuted ? BP_EV_TABLE_MAP : 16);
	}
}

/*
 * The same through the decoder. ver_5_1-wl2325_r.001 (a 5.2.2-a_drop6p13 log)
 * is a MySQL testsuite file that mariadb-test-data lacks, so this derives its
 * format from ver_5_1_17.001: the 5.1.17 FDE with the version string changed
 * and the lengths at written types 16..22 set to that log's 06 06 06 06 00 04 1a;
 * then the 5.1.17 TABLE_MAP at 421 rewritten as the a_drop6 build wrote it (type
 * byte 16, 4-byte table id) and the XID at 1000 ("Xid = 19") with type byte 20.
 */
static void permutation_through_fde(void)
{
	dfile f;
	OPEN(f, "ver_5_1_17.001.head1463");
	uint8_t fde[98], tm[38], xid[27];
	CU_ASSERT_EQUAL_FATAL(le32(f.buf + 4 + 9), sizeof(fde));
	memcpy(fde, f.buf + 4, sizeof(fde));
	memset(fde + 19 + 2, 0, 50);
	memcpy(fde + 19 + 2, "5.2.2-a_drop6p13-debug-log", 26);
	static const uint8_t ph[7] = { 6, 6, 6, 6, 0, 4, 26 };
	memcpy(fde + 19 + 57 + 15, ph, sizeof(ph));
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, fde, sizeof(fde), 4), 0);
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "5.2.2-a_drop6p13-debug-log");
	CU_ASSERT_TRUE(f.d.fmt.permuted);
	CU_ASSERT_EQUAL(f.d.fmt.type_map[16], BP_EV_TABLE_MAP);
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_TABLE_MAP), 6);
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_XID), 0);
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_EXECUTE_LOAD_QUERY), 26);

	CU_ASSERT_EQUAL_FATAL(le32(f.buf + 421 + 9), 40);
	memcpy(tm, f.buf + 421, 19 + 4);           /* header, table id low 4 bytes */
	memcpy(tm + 23, f.buf + 421 + 25, 40 - 25); /* flags and body */
	tm[4] = 16;
	tm[9] = sizeof(tm);
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, tm, sizeof(tm), 421), 0);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_TABLE_MAP);
	CU_ASSERT_EQUAL(f.ev.table_map->table_id, 16);
	CU_ASSERT_STRING_EQUAL(f.ev.table_map->db, "test");
	CU_ASSERT_STRING_EQUAL(f.ev.table_map->table, "t1");
	CU_ASSERT_EQUAL(f.ev.table_map->n_columns, 2);

	memcpy(xid, f.buf + 1000, sizeof(xid));
	CU_ASSERT_EQUAL(xid[4], BP_EV_XID);
	xid[4] = 20;
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, xid, sizeof(xid), 1000), 0);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_XID);
	CU_ASSERT_EQUAL(f.ev.xid.xid, 19);
	/* written 16 in an unpermuted log is XID itself */
	CU_ASSERT_EQUAL_FATAL(dec_at(&f, 4), 0);
	CU_ASSERT_FALSE(f.d.fmt.permuted);
	CU_ASSERT_EQUAL_FATAL(dec_at(&f, 1000), 0);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_XID);
	dclose(&f);
}

static void crc_masks_in_use_flag(void)
{
	size_t n;
	uint8_t *b = load("master-bin-seq_10.3.36.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	/* the FDE at 4 (252 bytes) has LOG_EVENT_BINLOG_IN_USE_F set; mariadb-binlog:
	 * "CRC32 0x97c06743", "Warning: this binlog is either in use or was not closed properly" */
	const uint8_t *fde = b + 4;
	CU_ASSERT_EQUAL(fde[17] & BP_LOG_EVENT_BINLOG_IN_USE_F, 1);
	CU_ASSERT_EQUAL(le32(fde + 252 - 4), 0x97c06743);
	CU_ASSERT_EQUAL(bp_event_crc(fde, 248, true), 0x97c06743);
	CU_ASSERT_EQUAL(bp_event_crc(fde, 248, false), (uint32_t)crc32(0L, fde, 248));
	CU_ASSERT_NOT_EQUAL(bp_event_crc(fde, 248, false), 0x97c06743);
	/* a later event: the mask changes nothing when the flag is clear */
	const uint8_t *q = b + 371; /* CREATE SEQUENCE, CRC32 0x878f0b96 */
	CU_ASSERT_EQUAL(bp_event_crc(q, 85 - 4, false), 0x878f0b96);
	CU_ASSERT_EQUAL(bp_event_crc(q, 85 - 4, true), 0x878f0b96);
	free(b);
}

static void type_names(void)
{
	CU_ASSERT_STRING_EQUAL(bp_event_type_name(BP_EV_QUERY), "QUERY");
	CU_ASSERT_STRING_EQUAL(bp_event_type_name(34), "ANONYMOUS_GTID");
	CU_ASSERT_STRING_EQUAL(bp_event_type_name(162), "MARIADB_GTID");
	CU_ASSERT_STRING_EQUAL(bp_event_type_name(171), "DELETE_ROWS_COMPRESSED");
	CU_ASSERT_PTR_NULL(bp_event_type_name(43));
	CU_ASSERT_PTR_NULL(bp_event_type_name(126));
	CU_ASSERT_PTR_NULL(bp_event_type_name(172));
	CU_ASSERT_PTR_NULL(bp_event_type_name(1000));
}

/* ------------------------------------------------------------------------ */
/* common header                                                             */

static void header_v4(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	bp_format fmt;
	bp_format_init(&fmt);
	bp_event_header h;
	/* "# at 4  #140303 11:59:21 server id 1  end_log_pos 245" (FDE, 0xf1 bytes) */
	bp_event_header_parse(&fmt, b + 4, &h);
	CU_ASSERT_EQUAL(h.timestamp, 1393847961);
	CU_ASSERT_EQUAL(h.type, BP_EV_FORMAT_DESCRIPTION);
	CU_ASSERT_EQUAL(h.server_id, 1);
	CU_ASSERT_EQUAL(h.length, 241);
	CU_ASSERT_EQUAL(h.next_pos, 245);
	CU_ASSERT_EQUAL(h.flags, 0);
	/* "# at 364  #140303 12:00:00 ... end_log_pos 432", flags 08 00 (BEGIN) */
	bp_event_header_parse(&fmt, b + 364, &h);
	CU_ASSERT_EQUAL(h.timestamp, 1393848000);
	CU_ASSERT_EQUAL(h.type, BP_EV_QUERY);
	CU_ASSERT_EQUAL(h.length, 68);
	CU_ASSERT_EQUAL(h.next_pos, 432);
	CU_ASSERT_EQUAL(h.flags, 8);
	free(b);

	/* in-use flag, MariaDB 10.3.36: "|e6 c5 3e 64 |0f |01 00 00 00 |fc 00 00 00 |00 01 00 00 |01 00" */
	b = load("master-bin-seq_10.3.36.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	bp_event_header_parse(&fmt, b + 4, &h);
	CU_ASSERT_EQUAL(h.timestamp, 1681835494);
	CU_ASSERT_EQUAL(h.length, 252);
	CU_ASSERT_EQUAL(h.next_pos, 256);
	CU_ASSERT_EQUAL(h.flags, BP_LOG_EVENT_BINLOG_IN_USE_F);
	free(b);
}

/*
 * v1 (MySQL 3.23) logs have a 13-byte header without log_pos and flags. No
 * mariadb-test-data log is v1 (the oldest, master-bin.000001, is 4.0.0 with
 * binlog v2), so this builds one from trunc_binlog.000001 (4.0.23, v3): the
 * START_V3 at 4 and the QUERY "BEGIN" at 79 with bytes 13..18 of their headers
 * dropped, the lengths reduced by 6, binlog_version 1 and a 3.23 version string.
 */
static size_t make_v1_log(uint8_t *out, size_t cap)
{
	size_t n;
	uint8_t *b = load("trunc_binlog.000001", &n);
	size_t o = 0;
	if (!b || n < 119 || cap < 4 + 69 + 34)
		goto out;
	memcpy(out, b, 4);
	o = 4;
	/* START: 13-byte header + 56-byte body */
	memcpy(out + o, b + 4, 13);
	out[o + 9] = 69, out[o + 10] = 0, out[o + 11] = 0, out[o + 12] = 0;
	memcpy(out + o + 13, b + 4 + 19, 56);
	out[o + 13] = 1, out[o + 14] = 0; /* binlog_version 1 */
	memset(out + o + 15, 0, 50);
	memcpy(out + o + 15, "3.23.58-log", 11);
	o += 69;
	/* QUERY: 13-byte header + 11-byte post-header + "test\0BEGIN" */
	memcpy(out + o, b + 79, 13);
	out[o + 9] = 34, out[o + 10] = 0, out[o + 11] = 0, out[o + 12] = 0;
	memcpy(out + o + 13, b + 79 + 19, 21);
	o += 34;
out:
	free(b);
	return o;
}

static void header_v1_synthetic(void)
{
	uint8_t log[128];
	size_t n = make_v1_log(log, sizeof(log));
	CU_ASSERT_EQUAL_FATAL(n, 107);
	bp_format fmt;
	bp_format_init(&fmt);
	bp_format_set_v1v3(&fmt, 1, "3.23.58-log");
	bp_event_header h;
	bp_event_header_parse(&fmt, log + 73, &h);
	CU_ASSERT_EQUAL(h.timestamp, 0x4217a00c);
	CU_ASSERT_EQUAL(h.type, BP_EV_QUERY);
	CU_ASSERT_EQUAL(h.server_id, 1);
	CU_ASSERT_EQUAL(h.length, 34);
	CU_ASSERT_EQUAL(h.next_pos, 0); /* bytes 13..16 are the thread id: not read as log_pos */
	CU_ASSERT_EQUAL(h.flags, 0);

	/* through the decoder: the START tells the format */
	dfile f;
	memset(&f, 0, sizeof(f));
	CU_ASSERT_FATAL(bp_decoder_init(&f.d) == 0);
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, log + 4, 69, 4), 0);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_START_V3);
	CU_ASSERT_EQUAL(f.ev.h.length, 69);
	CU_ASSERT_EQUAL(f.ev.h.next_pos, 0); /* fixed in event_control.c: was body bytes */
	CU_ASSERT_EQUAL(f.ev.h.flags, 0);
	CU_ASSERT_EQUAL(f.ev.body_off, 13);
	CU_ASSERT_EQUAL(f.ev.fde.binlog_version, 1);
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "3.23.58-log");
	CU_ASSERT_EQUAL(f.ev.fde.header_len, 13);
	CU_ASSERT_EQUAL(f.ev.fde.create_timestamp, 0x4217a002);
	CU_ASSERT_EQUAL(f.d.fmt.binlog_version, 1);
	CU_ASSERT_EQUAL(f.d.fmt.header_len, 13);
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, log + 73, 34, 73), 0);
	CU_ASSERT_EQUAL(f.ev.body_off, 13);
	CU_ASSERT_EQUAL(f.ev.query.thread_id, 1);
	CU_ASSERT_STRING_EQUAL(f.ev.query.db, "test");
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len, "BEGIN"));
	CU_ASSERT_FALSE(f.ev.query.has_sql_mode);
	dclose(&f);
}

/* ------------------------------------------------------------------------ */
/* FORMAT_DESCRIPTION / START_V3                                             */

/* mariadb-5.5-binlog.000001: "Start: binlog v 4, server v 5.5.36-MariaDB-debug-log
 * created 140303 11:59:21"; 160 post-header lengths; checksum byte 00 (NONE) and
 * the 4 bytes after it (ad ba 62 89) that a NONE FDE still carries. */
static void fde_mariadb55_none(void)
{
	dfile f;
	OPEN(f, "mariadb-5.5-binlog.000001");
	const bp_ev_fde *e = &f.ev.fde;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_FORMAT_DESCRIPTION);
	CU_ASSERT_EQUAL(e->binlog_version, 4);
	CU_ASSERT_STRING_EQUAL(e->server_version, "5.5.36-MariaDB-debug-log");
	CU_ASSERT_EQUAL(e->create_timestamp, 1393847961);
	CU_ASSERT_EQUAL(e->header_len, 19);
	CU_ASSERT_EQUAL(e->checksum_alg, BP_CHECKSUM_NONE);
	CU_ASSERT_EQUAL(e->n_post_header, 160);
	CU_ASSERT_PTR_EQUAL(e->post_header, f.buf + 4 + 19 + 57);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_START_V3 - 1], 56);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_QUERY - 1], 13);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_FORMAT_DESCRIPTION - 1], 0xd9);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_TABLE_MAP - 1], 8);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_INCIDENT - 1], 2);
	CU_ASSERT_EQUAL(f.ev.data_len, 241 - 4);
	CU_ASSERT_EQUAL(f.ev.body_off, 19);
	/* the decoder's format for what follows */
	CU_ASSERT_TRUE(f.d.fmt.known);
	CU_ASSERT_TRUE(f.d.fmt.mariadb);
	CU_ASSERT_FALSE(f.d.fmt.permuted);
	CU_ASSERT_EQUAL(f.d.fmt.version_product, 50536);
	CU_ASSERT_EQUAL(f.d.fmt.checksum_alg, BP_CHECKSUM_NONE);
	CU_ASSERT_EQUAL(f.d.fmt.n_post_header, 160);
	/* a type the FDE lists as 0 stays 0 (not the built-in default) */
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_WRITE_ROWS), 0);
	dclose(&f);
}

/* mdev29078-mysql-bin.000001: MariaDB 10.3.35, CRC32 ("CRC32 0xb7adf0d2"),
 * 171 post-header lengths ending 00 04 13 04 00 0d 08 08 08 0a 0a 0a. */
static void fde_mariadb103_crc32(void)
{
	dfile f;
	OPEN(f, "mdev29078-mysql-bin.000001");
	const bp_ev_fde *e = &f.ev.fde;
	CU_ASSERT_STRING_EQUAL(e->server_version, "10.3.35-MariaDB-debug-log");
	CU_ASSERT_EQUAL(e->create_timestamp, 1658586263);
	CU_ASSERT_EQUAL(e->checksum_alg, BP_CHECKSUM_CRC32);
	CU_ASSERT_EQUAL(e->n_post_header, 171);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_ANNOTATE_ROWS - 1], 0);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_BINLOG_CHECKPOINT - 1], 4);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_MARIADB_GTID - 1], 19);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_MARIADB_GTID_LIST - 1], 4);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_QUERY_COMPRESSED - 1], 13);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_DELETE_ROWS_COMPRESSED_V1 - 1], 8);
	CU_ASSERT_EQUAL(e->post_header[BP_EV_DELETE_ROWS_COMPRESSED - 1], 10);
	CU_ASSERT_EQUAL(f.ev.data_len, 252 - 4);
	CU_ASSERT_EQUAL(f.d.fmt.checksum_alg, BP_CHECKSUM_CRC32);
	CU_ASSERT_EQUAL(f.d.fmt.version_product, 100335);
	dclose(&f);

	/* the 10.11.19 FDE of the project's fixtures: same table, another version */
	CU_ASSERT_FATAL(dopen_mem(&f, fde_1011, sizeof(fde_1011)));
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "10.11.19-MariaDB-0+deb12u1-log");
	CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 171);
	CU_ASSERT_EQUAL(f.d.fmt.version_product, 101119);
	CU_ASSERT_EQUAL(f.d.fmt.checksum_alg, BP_CHECKSUM_CRC32);
	dclose(&f);
}

/* MySQL 5.7.11 (38 lengths: ...0a 0a 0a 2a 2a 00 12 34 00, CRC32) and 8.0.40
 * (41 lengths: START_V3 00, ... 0a 28 00) */
static void fde_mysql57_80(void)
{
	dfile f;
	OPEN(f, "mysql-5.7.11-stm-temporal-round-binlog.000001");
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "5.7.11-debug-log");
	CU_ASSERT_EQUAL(f.ev.fde.checksum_alg, BP_CHECKSUM_CRC32);
	CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 38);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_WRITE_ROWS - 1], 10);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_GTID - 1], 42);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_ANONYMOUS_GTID - 1], 42);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_PREVIOUS_GTIDS - 1], 0);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_TRANSACTION_CONTEXT - 1], 18);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_VIEW_CHANGE - 1], 52);
	CU_ASSERT_FALSE(f.d.fmt.mariadb);
	CU_ASSERT_EQUAL(f.d.fmt.version_product, 50711);
	dclose(&f);

	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "8.0.40-debug");
	CU_ASSERT_EQUAL(f.ev.h.length, 122);
	CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 41);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_START_V3 - 1], 0);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_FORMAT_DESCRIPTION - 1], 0x62);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_PARTIAL_UPDATE_ROWS - 1], 10);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_TRANSACTION_PAYLOAD - 1], 40);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_HEARTBEAT_V2 - 1], 0);
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_START_V3), 0);
	/* types after the 41st keep the built-in defaults */
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_GTID_TAGGED), 42);
	dclose(&f);
}

/* Pre-5.6 FDEs have no checksum byte (alg undefined), checksum-aware ones do even
 * with NONE: MySQL 5.1.17 (22 lengths, FDE 98 bytes) vs 5.6.4-m7 (32 lengths,
 * "0a 0a 0a" then alg 00 and 85 13 02 b6). */
static void fde_pre56_and_checksum_aware_none(void)
{
	dfile f;
	OPEN(f, "ver_5_1_17.001.head1463");
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "5.1.17-beta-debug-log");
	CU_ASSERT_EQUAL(f.ev.fde.checksum_alg, BP_CHECKSUM_UNDEF);
	CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 22);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_TABLE_MAP - 1], 8);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_PRE_GA_WRITE_ROWS - 1], 8);
	CU_ASSERT_EQUAL(f.ev.data_len, 98); /* no checksum region */
	CU_ASSERT_EQUAL(f.d.fmt.checksum_alg, BP_CHECKSUM_UNDEF);
	dclose(&f);

	OPEN(f, "ver_trunk_row_v2.001.head2651");
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "5.6.4-m7-debug-log");
	CU_ASSERT_EQUAL(f.ev.fde.checksum_alg, BP_CHECKSUM_NONE);
	CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 32);
	CU_ASSERT_EQUAL(f.ev.fde.post_header[BP_EV_DELETE_ROWS - 1], 10);
	CU_ASSERT_EQUAL(f.ev.data_len, 113 - 4);
	dclose(&f);
}

/*
 * MDEV-4645: Google-patched 5.1.63 logs whose FDE says common_header_len 23
 * (checksum in the header), 27 (group id) and 31 (both); mdev-4645-binlog_none
 * is the 19-byte baseline. The extra header bytes are skipped: the first QUERY
 * (at 106 in all four) reads the same everywhere. mariadb-binlog:
 * "Query thread_id=1 exec_time=0 error_code=0" (exec_time=1 in _group_id),
 * "create table test.t1 (id int not null)".
 */
static void fde_header_len_mdev4645(void)
{
	static const struct {
		const char *file;
		uint8_t header_len;
		uint32_t exec_time;
		uint64_t second;
	} cases[] = {
		{ "mdev-4645-binlog_none.binlog", 19, 0, 203 },
		{ "mdev-4645-binlog_checksum.binlog", 23, 0, 207 },
		{ "mdev-4645-binlog_group_id.binlog", 27, 1, 211 },
		{ "mdev-4645-binlog_group_id_checksum.binlog", 31, 0, 215 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dfile f;
		OPEN(f, cases[i].file);
		CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "5.1.63-google-debug-log");
		CU_ASSERT_EQUAL(f.ev.fde.header_len, cases[i].header_len);
		CU_ASSERT_EQUAL(f.ev.fde.checksum_alg, BP_CHECKSUM_UNDEF);
		CU_ASSERT_EQUAL(f.ev.fde.n_post_header, 26);
		CU_ASSERT_EQUAL(f.d.fmt.header_len, cases[i].header_len);
		DEC(f, 106);
		const bp_ev_query *q = &f.ev.query;
		CU_ASSERT_EQUAL(f.ev.body_off, cases[i].header_len);
		CU_ASSERT_EQUAL(q->thread_id, 1);
		CU_ASSERT_EQUAL(q->exec_time, cases[i].exec_time);
		CU_ASSERT_EQUAL(q->db_len, 0);
		CU_ASSERT_STRING_EQUAL(q->db, "");
		CU_ASSERT_TRUE(q->has_flags2);
		CU_ASSERT_EQUAL(q->flags2, 0x4000); /* 00 40 00 00: OPTION_AUTO_IS_NULL */
		CU_ASSERT_PTR_NOT_NULL_FATAL(q->catalog);
		CU_ASSERT_STRING_EQUAL(q->catalog, "std");
		CU_ASSERT_EQUAL(q->collation_server, 8);
		CU_ASSERT_TRUE(mem_is(q->query, q->query_len, "create table test.t1 (id int not null)"));
		DEC(f, cases[i].second);
		CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len, "insert into test.t1 (id) values (1)"));
		dclose(&f);
	}
}

/* bug47142_master-bin.000001: "Start: binlog v 3, server v 4.1.26-debug-log";
 * master-bin.000001: 4.0.0 with binlog version 2 (read as v3: 19-byte headers). */
static void start_v3_and_v2(void)
{
	dfile f;
	OPEN(f, "bug47142_master-bin.000001");
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_START_V3);
	CU_ASSERT_EQUAL(f.ev.h.length, 75);
	CU_ASSERT_EQUAL(f.ev.fde.binlog_version, 3);
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "4.1.26-debug-log");
	CU_ASSERT_EQUAL(f.ev.fde.header_len, 19);
	CU_ASSERT_EQUAL(f.ev.fde.checksum_alg, BP_CHECKSUM_UNDEF);
	CU_ASSERT_EQUAL(f.d.fmt.binlog_version, 3);
	CU_ASSERT_EQUAL(f.d.fmt.version_product, 40126);
	CU_ASSERT_EQUAL(bp_format_post_header(&f.d.fmt, BP_EV_QUERY), 11);
	/* "# at 79 ... Query thread_id=1 exec_time=0 error_code=0": no status vars in v3;
	 * v3 log_pos is the event's own start (79), shown by mariadb-binlog as end 170 */
	DEC(f, 79);
	CU_ASSERT_EQUAL(f.ev.h.next_pos, 79);
	CU_ASSERT_EQUAL(f.ev.query.thread_id, 1);
	CU_ASSERT_STRING_EQUAL(f.ev.query.db, "test");
	CU_ASSERT_FALSE(f.ev.query.has_flags2);
	CU_ASSERT_FALSE(f.ev.query.has_charset);
	CU_ASSERT_PTR_NULL(f.ev.query.catalog);
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len,
			      "create table t1 (a int primary key, b int) engine=innodb"));
	/* "# at 233 ... thread_id=6 exec_time=1", "update t1 set a=a+b, b=b+a" */
	DEC(f, 233);
	CU_ASSERT_EQUAL(f.ev.query.thread_id, 6);
	CU_ASSERT_EQUAL(f.ev.query.exec_time, 1);
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len, "update t1 set a=a+b, b=b+a"));
	/* "# at 342 ... Rotate to master-bin.000002  pos: 4" */
	DEC(f, 342);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_ROTATE);
	CU_ASSERT_EQUAL(f.ev.rotate.position, 4);
	CU_ASSERT_STRING_EQUAL(f.ev.rotate.next_file, "master-bin.000002");
	dclose(&f);

	OPEN(f, "master-bin.000001");
	CU_ASSERT_EQUAL(f.ev.fde.binlog_version, 2);
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "4.0.0-debug-log");
	CU_ASSERT_EQUAL(f.d.fmt.binlog_version, 3);
	CU_ASSERT_EQUAL(f.d.fmt.header_len, 19);
	DEC(f, 79);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_STOP);
	CU_ASSERT_EQUAL(f.ev.h.length, 19);
	dclose(&f);
}

/* ------------------------------------------------------------------------ */
/* QUERY                                                                     */

/* mariadb-5.5-binlog.000001 at 245: "Query thread_id=1 exec_time=0 error_code=0",
 * use `test`, sql_mode=0, character_set_client=utf8mb3 (33), collation_connection=33,
 * collation_server=8; status vars 00 (flags2 0), 01 (sql_mode 0), 06 03 "std", 04. */
static void query_mariadb55(void)
{
	dfile f;
	OPEN(f, "mariadb-5.5-binlog.000001");
	DEC(f, 245);
	const bp_ev_query *q = &f.ev.query;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_QUERY);
	CU_ASSERT_EQUAL(f.ev.data_len, 119); /* NONE: no checksum to exclude */
	CU_ASSERT_EQUAL(q->thread_id, 1);
	CU_ASSERT_EQUAL(q->exec_time, 0);
	CU_ASSERT_EQUAL(q->error_code, 0);
	CU_ASSERT_EQUAL(q->db_len, 4);
	CU_ASSERT_STRING_EQUAL(q->db, "test");
	CU_ASSERT_TRUE(mem_is(q->query, q->query_len, "create table t1 (a int primary key, b int) engine=InnoDB"));
	CU_ASSERT_PTR_EQUAL(q->query, (const char *)f.buf + 245 + 19 + 13 + 26 + 5);
	CU_ASSERT_TRUE(q->has_flags2);
	CU_ASSERT_EQUAL(q->flags2, 0);
	CU_ASSERT_TRUE(q->has_sql_mode);
	CU_ASSERT_EQUAL(q->sql_mode, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q->catalog);
	CU_ASSERT_STRING_EQUAL(q->catalog, "std");
	CU_ASSERT_TRUE(q->has_charset);
	CU_ASSERT_EQUAL(q->charset_client, 33);
	CU_ASSERT_EQUAL(q->collation_connection, 33);
	CU_ASSERT_EQUAL(q->collation_server, 8);
	CU_ASSERT_FALSE(q->has_auto_increment); /* mariadb-binlog prints the 1/1 default */
	CU_ASSERT_FALSE(q->has_lc_time_names);
	CU_ASSERT_PTR_NULL(q->time_zone);
	CU_ASSERT_FALSE(q->has_xid);
	CU_ASSERT_FALSE(q->has_hrnow);
	/* "# at 364", flags 08 00, "BEGIN" */
	DEC(f, 364);
	CU_ASSERT_EQUAL(f.ev.h.flags, 8);
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len, "BEGIN"));
	dclose(&f);
}

/* MySQL 5.7.11 at 219: sql_mode=1436549152, Q_UPDATED_DB_NAMES (0c 01 "test\0"),
 * "BEGIN"; CRC32 0x615eb801 excluded from the query text. */
static void query_mysql57_updated_dbs(void)
{
	dfile f;
	OPEN(f, "mysql-5.7.11-stm-temporal-round-binlog.000001");
	DEC(f, 219);
	const bp_ev_query *q = &f.ev.query;
	CU_ASSERT_EQUAL(f.ev.data_len, 79 - 4);
	CU_ASSERT_EQUAL(q->thread_id, 2);
	CU_ASSERT_EQUAL(q->sql_mode, 1436549152);
	CU_ASSERT_EQUAL_FATAL(q->n_updated_dbs, 1);
	CU_ASSERT_STRING_EQUAL(q->updated_dbs[0], "test");
	CU_ASSERT_EQUAL(q->charset_client, 33);
	CU_ASSERT_TRUE(mem_is(q->query, q->query_len, "BEGIN"));
	/* "# at 330": INSERT INTO t1 (a) VALUES ('2001-01-01 00:00:00.999999') */
	DEC(f, 330);
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len,
			      "INSERT INTO t1 (a) VALUES ('2001-01-01 00:00:00.999999')"));
	dclose(&f);
}

/* MySQL 8.0.40 at 236 (47 bytes of status vars): sql_mode=1168113696,
 * character_set_client=latin1 (8/8/8), updated db "test", Q_DDL_LOGGED_WITH_XID
 * 0xb8, Q_DEFAULT_COLLATION_FOR_UTF8MB4 255, Q_SQL_REQUIRE_PRIMARY_KEY 0. */
static void query_mysql80_status_vars(void)
{
	dfile f;
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 236);
	const bp_ev_query *q = &f.ev.query;
	CU_ASSERT_EQUAL(q->thread_id, 12);
	CU_ASSERT_EQUAL(q->sql_mode, 1168113696);
	CU_ASSERT_EQUAL(q->charset_client, 8);
	CU_ASSERT_EQUAL(q->collation_connection, 8);
	CU_ASSERT_EQUAL(q->collation_server, 8);
	CU_ASSERT_EQUAL(q->n_updated_dbs, 1);
	CU_ASSERT_TRUE(q->has_ddl_xid);
	CU_ASSERT_EQUAL(q->ddl_xid, 184);
	CU_ASSERT_TRUE(q->has_default_collation);
	CU_ASSERT_EQUAL(q->default_collation_for_utf8mb4, 255);
	CU_ASSERT_TRUE(q->has_sql_require_pk);
	CU_ASSERT_EQUAL(q->sql_require_primary_key, 0);
	CU_ASSERT_FALSE(q->has_default_table_encryption);
	CU_ASSERT_STRING_EQUAL(q->db, "test");
	CU_ASSERT_TRUE(mem_is(q->query, q->query_len,
			      "CREATE TABLE t1 (a INT PRIMARY KEY, b INT, c VARCHAR(1024)) ENGINE=InnoDB CHARACTER SET latin1"));
	dclose(&f);
}

/* MariaDB 10.3.35 at 371 (CRC32 0x524cd56b): the text stops before the CRC */
static void query_mariadb103_crc(void)
{
	dfile f;
	OPEN(f, "mdev29078-mysql-bin.000001");
	DEC(f, 371);
	CU_ASSERT_EQUAL(f.ev.raw_len, 111);
	CU_ASSERT_EQUAL(f.ev.data_len, 107);
	CU_ASSERT_EQUAL(f.ev.query.thread_id, 4);
	CU_ASSERT_EQUAL(f.ev.query.sql_mode, 1411383296);
	CU_ASSERT_TRUE(mem_is(f.ev.query.query, f.ev.query.query_len, "create table t1 (f1 timestamp, f2 timestamp)"));
	dclose(&f);
}

/* MariaDB 10.11 status variables: Q_TIME_ZONE, Q_HRNOW (128), Q_INVOKER, Q_XID (129).
 * Q_HRNOW carries 0 microseconds in every fixture (they SET an integer TIMESTAMP);
 * its length (3) is checked by the Q_XID read after it. */
static void query_mariadb1011_status_vars(void)
{
	dfile f;
	CU_ASSERT_FATAL(dopen_mem(&f, fde_1011, sizeof(fde_1011)));
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, q_tz_hrnow, sizeof(q_tz_hrnow), 8283), 0);
	const bp_ev_query *q = &f.ev.query;
	CU_ASSERT_EQUAL(q->thread_id, 6);
	CU_ASSERT_EQUAL(q->flags2, 0x01000000);
	CU_ASSERT_EQUAL(q->sql_mode, 1411383296);
	CU_ASSERT_EQUAL(q->charset_client, 45);
	CU_ASSERT_EQUAL(q->collation_server, 45);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q->time_zone);
	CU_ASSERT_STRING_EQUAL(q->time_zone, "+00:00");
	CU_ASSERT_TRUE(q->has_hrnow);
	CU_ASSERT_EQUAL(q->hrnow_usec, 0);
	CU_ASSERT_FALSE(q->has_xid);
	CU_ASSERT_STRING_EQUAL(q->db, "bp_dml");
	CU_ASSERT_TRUE(mem_is(q->query, q->query_len, "UPDATE price_history SET price = 10.99 WHERE sku = 'SKU00001'"));

	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, q_invoker_hrnow_xid, sizeof(q_invoker_hrnow_xid), 2742), 0);
	CU_ASSERT_EQUAL(q->flags2, 0x01000000);
	CU_ASSERT_EQUAL(q->collation_connection, 45);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q->invoker_user);
	CU_ASSERT_STRING_EQUAL(q->invoker_user, "root");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q->invoker_host);
	CU_ASSERT_STRING_EQUAL(q->invoker_host, "127.0.0.1");
	CU_ASSERT_TRUE(q->has_hrnow);
	CU_ASSERT_EQUAL(q->hrnow_usec, 0);
	CU_ASSERT_TRUE(q->has_xid); /* read only if Q_HRNOW had the right length */
	CU_ASSERT_EQUAL(q->xid, 17);
	CU_ASSERT_PTR_NULL(q->time_zone);
	CU_ASSERT_STRING_EQUAL(q->db, "bp_dml");
	CU_ASSERT_TRUE(mem_is(q->query, q->query_len,
			      "CREATE DEFINER=`root`@`127.0.0.1` TRIGGER order_line_ai AFTER INSERT ON order_line "
			      "FOR EACH ROW\n  UPDATE stock SET qty = qty - NEW.qty WHERE sku = NEW.sku"));
	dclose(&f);
}

/* ------------------------------------------------------------------------ */
/* control events                                                            */

static void xid_stop_rotate(void)
{
	dfile f;
	OPEN(f, "mariadb-5.5-binlog.000001");
	DEC(f, 522); /* "Xid = 5" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_XID);
	CU_ASSERT_EQUAL(f.ev.xid.xid, 5);
	DEC(f, 991); /* "# at 991 ... Xid = 10" */
	CU_ASSERT_EQUAL(f.ev.xid.xid, 10);
	DEC(f, 1018); /* "Stop" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_STOP);
	CU_ASSERT_EQUAL(f.ev.data_len, 19);
	dclose(&f);

	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 673); /* "Xid = 185", CRC32 0x2d896d8f */
	CU_ASSERT_EQUAL(f.ev.xid.xid, 185);
	DEC(f, 4390); /* ROTATE, CRC32: position 4, "master-bin.000002" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_ROTATE);
	CU_ASSERT_EQUAL(f.ev.rotate.position, 4);
	CU_ASSERT_STRING_EQUAL(f.ev.rotate.next_file, "master-bin.000002");
	dclose(&f);

	OPEN(f, "bug40482-bin.000001"); /* 5.1.30, no checksum: "master-bin.000003" */
	DEC(f, 128);
	CU_ASSERT_EQUAL(f.ev.rotate.position, 4);
	CU_ASSERT_STRING_EQUAL(f.ev.rotate.next_file, "master-bin.000003");
	dclose(&f);
}

/* INTVAR, RAND, USER_VAR: statement-based logs */
static void intvar_rand_user_var(void)
{
	dfile f;
	/* MySQL 5.6.4-m7 (ver_trunk_row_v2.001) */
	OPEN(f, "ver_trunk_row_v2.001.head2651");
	DEC(f, 2344); /* "SET LAST_INSERT_ID=0" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_INTVAR);
	CU_ASSERT_EQUAL(f.ev.intvar.type, 1);
	CU_ASSERT_EQUAL(f.ev.intvar.value, 0);
	DEC(f, 2038); /* "SET @@RAND_SEED1=93575718, @@RAND_SEED2=859635654" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_RAND);
	CU_ASSERT_EQUAL(f.ev.rand.seed1, 93575718);
	CU_ASSERT_EQUAL(f.ev.rand.seed2, 859635654);
	DEC(f, 1740); /* "SET @`x`:=4": 01000000 'x' 00 02 21000000 08000000 04.. 00 */
	const bp_ev_user_var *u = &f.ev.user_var;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_USER_VAR);
	CU_ASSERT_EQUAL(u->name_len, 1);
	CU_ASSERT_STRING_EQUAL(u->name, "x");
	CU_ASSERT_FALSE(u->is_null);
	CU_ASSERT_EQUAL(u->value_type, 2); /* INT_RESULT */
	CU_ASSERT_EQUAL(u->charset, 33);
	CU_ASSERT_EQUAL(u->value_len, 8);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u->value);
	CU_ASSERT_EQUAL(bp_le(u->value, 8), 4);
	CU_ASSERT_TRUE(u->has_flags);
	CU_ASSERT_EQUAL(u->flags, 0);
	dclose(&f);

	/* MySQL 5.7.11: "SET INSERT_ID=1" */
	OPEN(f, "mysql-5.7.11-stm-temporal-round-binlog.000001");
	DEC(f, 298);
	CU_ASSERT_EQUAL(f.ev.intvar.type, 2);
	CU_ASSERT_EQUAL(f.ev.intvar.value, 1);
	dclose(&f);

	/* MySQL 4.1.24, binlog v3: USER_VAR without the flags byte, charset 63 */
	OPEN(f, "binlog_old_version_4_1.000001.head580");
	DEC(f, 228);
	CU_ASSERT_STRING_EQUAL(f.ev.user_var.name, "x");
	CU_ASSERT_EQUAL(f.ev.user_var.charset, 63);
	CU_ASSERT_EQUAL(bp_le(f.ev.user_var.value, 8), 4);
	CU_ASSERT_FALSE(f.ev.user_var.has_flags);
	DEC(f, 339); /* "SET @@RAND_SEED1=410306692, @@RAND_SEED2=47093669" */
	CU_ASSERT_EQUAL(f.ev.rand.seed1, 410306692);
	CU_ASSERT_EQUAL(f.ev.rand.seed2, 47093669);
	DEC(f, 459); /* "SET LAST_INSERT_ID=0" */
	CU_ASSERT_EQUAL(f.ev.intvar.type, 1);
	CU_ASSERT_EQUAL(f.ev.intvar.value, 0);
	dclose(&f);
}

/* MariaDB GTID, GTID_LIST, BINLOG_CHECKPOINT, ANNOTATE_ROWS */
static void mariadb_gtid_events(void)
{
	dfile f;
	OPEN(f, "mdev29078-mysql-bin.000001");
	DEC(f, 256); /* "Gtid list []" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_MARIADB_GTID_LIST);
	CU_ASSERT_EQUAL(f.ev.mgtid_list.count, 0);
	CU_ASSERT_EQUAL(f.ev.mgtid_list.flags, 0);
	CU_ASSERT_STRING_EQUAL(f.ev.mgtid_list.text, "");
	DEC(f, 285); /* "Binlog checkpoint mysqld-bin.000001" */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_BINLOG_CHECKPOINT);
	CU_ASSERT_STRING_EQUAL(f.ev.checkpoint.log_file, "mysqld-bin.000001");
	DEC(f, 329); /* "GTID 0-1-1 ddl": flags2 0x29 */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_MARIADB_GTID);
	CU_ASSERT_EQUAL(f.ev.mgtid.seq_no, 1);
	CU_ASSERT_EQUAL(f.ev.mgtid.domain_id, 0);
	CU_ASSERT_EQUAL(f.ev.mgtid.flags2, 0x29);
	CU_ASSERT_FALSE(f.ev.mgtid.has_commit_id);
	CU_ASSERT_FALSE(f.ev.mgtid.is_xa);
	DEC(f, 482); /* "GTID 0-1-2", flags2 0x08 */
	CU_ASSERT_EQUAL(f.ev.mgtid.seq_no, 2);
	CU_ASSERT_EQUAL(f.ev.mgtid.flags2, 8);
	dclose(&f);

	OPEN(f, "master-bin-seq_10.3.36.000001");
	DEC(f, 456); /* "GTID 0-1-100 cid=7": flags2 0x0a (FL_GROUP_COMMIT_ID) */
	CU_ASSERT_EQUAL(f.ev.mgtid.seq_no, 100);
	CU_ASSERT_EQUAL(f.ev.mgtid.flags2, 0x0a);
	CU_ASSERT_TRUE(f.ev.mgtid.has_commit_id);
	CU_ASSERT_EQUAL(f.ev.mgtid.commit_id, 7);
	/* (derived) commit ids are 8 bytes: the same event with commit id 2^32 + 7 */
	uint8_t gc[44];
	memcpy(gc, f.buf + 456, sizeof(gc));
	gc[19 + 13 + 4] = 1;
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, gc, sizeof(gc), 456), 0);
	CU_ASSERT_EQUAL(f.ev.mgtid.commit_id, (1ULL << 32) + 7);
	DEC(f, 500); /* "Annotate_rows: #Q> SELECT NEXT VALUE FOR s1", CRC32 0x492d97a4 */
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_ANNOTATE_ROWS);
	CU_ASSERT_TRUE(mem_is(f.ev.text.text, f.ev.text.len, "SELECT NEXT VALUE FOR s1"));
	DEC(f, 807);
	CU_ASSERT_TRUE(mem_is(f.ev.text.text, f.ev.text.len, "INSERT INTO s1 VALUES(2, 1, 10, 1, 2, 1, 1, 0)"));
	DEC(f, 285);
	CU_ASSERT_STRING_EQUAL(f.ev.checkpoint.log_file, "master-bin.000001");

	/*
	 * A GTID list with entries: no mariadb-test-data log has one, so this is the
	 * list event at 256 of this log with two entries appended (layout of MariaDB
	 * Gtid_list_log_event: count:28|flags:4, then domain 4, server_id 4, seq_no 8).
	 */
	uint8_t gl[19 + 4 + 32 + 4];
	memcpy(gl, f.buf + 256, 19);
	gl[9] = sizeof(gl);
	static const uint8_t body[] = {
		0x02, 0x00, 0x00, 0x10,                                     /* 2 entries, flags 1 */
		0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 100, 0, 0, 0, 0, 0, 0, 0, /* 0-1-100 */
		0x07, 0x00, 0x00, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x05, 0x01, 0, 0, 0, 0, 0, 0, /* 7-12-261 */
	};
	memcpy(gl + 19, body, sizeof(body));
	uint32_t crc = (uint32_t)crc32(0L, gl, sizeof(gl) - 4);
	for (int i = 0; i < 4; i++)
		gl[sizeof(gl) - 4 + i] = (uint8_t)(crc >> (8 * i));
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, gl, sizeof(gl), 256), 0);
	CU_ASSERT_EQUAL(f.ev.mgtid_list.count, 2);
	CU_ASSERT_EQUAL(f.ev.mgtid_list.flags, 1);
	CU_ASSERT_STRING_EQUAL(f.ev.mgtid_list.text, "0-1-100,7-12-261");
	/* a count the body cannot hold */
	gl[19] = 3;
	CU_ASSERT_EQUAL(dec_mem(&f, gl, sizeof(gl), 256), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt MARIADB_GTID_LIST event: 3 entries in 32 bytes");
	dclose(&f);
}

/* MariaDB 10.5+ XA GTIDs: the xid follows flags2 directly (no reserved bytes) */
static void mariadb_gtid_xa(void)
{
	dfile f;
	CU_ASSERT_FATAL(dopen_mem(&f, fde_1011, sizeof(fde_1011)));
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, gtid_xa1, sizeof(gtid_xa1), 1225), 0);
	const bp_ev_mariadb_gtid *g = &f.ev.mgtid;
	CU_ASSERT_EQUAL(g->seq_no, 5);
	CU_ASSERT_EQUAL(g->domain_id, 0);
	CU_ASSERT_EQUAL(g->flags2, 0x4c);
	CU_ASSERT_FALSE(g->has_commit_id);
	CU_ASSERT_TRUE(g->is_xa);
	CU_ASSERT_EQUAL(g->xa_format_id, 1);
	CU_ASSERT_TRUE(mem_is(g->xa_gtrid, g->xa_gtrid_len, "xfer-1"));
	CU_ASSERT_EQUAL(g->xa_bqual_len, 0);
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, gtid_xa2, sizeof(gtid_xa2), 2107), 0);
	CU_ASSERT_EQUAL(g->seq_no, 7);
	CU_ASSERT_EQUAL(g->xa_format_id, 42);
	CU_ASSERT_TRUE(mem_is(g->xa_gtrid, g->xa_gtrid_len, "xfer-2"));
	CU_ASSERT_TRUE(mem_is(g->xa_bqual, g->xa_bqual_len, "branch-a"));
	/* and the XA_PREPARE of that transaction */
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, xa_prepare, sizeof(xa_prepare), 2648), 0);
	const bp_ev_xa_prepare *x = &f.ev.xa_prepare;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_XA_PREPARE);
	CU_ASSERT_FALSE(x->one_phase);
	CU_ASSERT_EQUAL(x->format_id, 42);
	CU_ASSERT_TRUE(mem_is(x->gtrid, x->gtrid_len, "xfer-2"));
	CU_ASSERT_TRUE(mem_is(x->bqual, x->bqual_len, "branch-a"));
	dclose(&f);
}

/* binlog_before_20574.bin at 256: START_ENCRYPTION scheme 1, key version 1, nonce */
static void start_encryption(void)
{
	dfile f;
	OPEN(f, "binlog_before_20574.bin");
	CU_ASSERT_STRING_EQUAL(f.ev.fde.server_version, "10.2.28-MariaDB-debug-log");
	CU_ASSERT_EQUAL(f.ev.h.flags & BP_LOG_EVENT_BINLOG_IN_USE_F, 1);
	DEC(f, 256);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_START_ENCRYPTION);
	CU_ASSERT_EQUAL(f.ev.h.length, 40);
	CU_ASSERT_EQUAL(f.ev.start_enc.scheme, 1);
	CU_ASSERT_EQUAL(f.ev.start_enc.key_version, 1);
	dclose(&f);
}

/* MySQL ANONYMOUS_GTID (5.7 without, 8.0 with commit timestamps) and empty
 * PREVIOUS_GTIDS (written with LOG_EVENT_IGNORABLE_F, flags 80 00) */
static void mysql_gtid_events(void)
{
	dfile f;
	OPEN(f, "mysql-5.7.11-stm-temporal-round-binlog.000001");
	DEC(f, 123);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_PREVIOUS_GTIDS);
	CU_ASSERT_EQUAL(f.ev.h.flags, BP_LOG_EVENT_IGNORABLE_F);
	CU_ASSERT_EQUAL(f.ev.prev_gtids.n_sids, 0);
	CU_ASSERT_STRING_EQUAL(f.ev.prev_gtids.text, "");
	DEC(f, 154); /* 65 bytes: flags 01, sid 0, gno 0, lt 02, last_committed 0, seq 1 */
	const bp_ev_gtid *g = &f.ev.gtid;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_ANONYMOUS_GTID);
	CU_ASSERT_EQUAL(g->flags, 1);
	CU_ASSERT_EQUAL(g->gno, 0);
	CU_ASSERT_TRUE(g->has_logical_clock);
	CU_ASSERT_EQUAL(g->last_committed, 0);
	CU_ASSERT_EQUAL(g->sequence_number, 1);
	CU_ASSERT_FALSE(g->has_commit_ts);
	CU_ASSERT_FALSE(g->has_trx_length);

	/*
	 * A PREVIOUS_GTIDS with a set: none in mariadb-test-data, so the event at 123
	 * with this body (MySQL Previous_gtids_log_event layout): 1 sid, uuid
	 * 11111111-2222-3333-4444-555555555555, 2 intervals [1,6) and [7,8).
	 */
	uint8_t pg[19 + 8 + 16 + 8 + 32 + 4];
	memcpy(pg, f.buf + 123, 19);
	pg[9] = sizeof(pg);
	memset(pg + 19, 0, sizeof(pg) - 19);
	pg[19] = 1;
	static const uint8_t uuid[16] = { 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x33, 0x33,
					  0x44, 0x44, 0x55, 0x55, 0x55, 0x55, 0x55, 0x55 };
	memcpy(pg + 27, uuid, 16);
	pg[43] = 2;
	pg[51] = 1, pg[59] = 6, pg[67] = 7, pg[75] = 8;
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, pg, sizeof(pg), 123), 0);
	CU_ASSERT_EQUAL(f.ev.prev_gtids.n_sids, 1);
	CU_ASSERT_STRING_EQUAL(f.ev.prev_gtids.text, "11111111-2222-3333-4444-555555555555:1-5:7");
	dclose(&f);

	/* 8.0.40 at 157 (79 bytes): + immediate_commit_ts 7 bytes (bit 55 clear: original
	 * equals immediate), trx_length fc 05 01 = 261, server version 80040 */
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 126);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_PREVIOUS_GTIDS);
	CU_ASSERT_STRING_EQUAL(f.ev.prev_gtids.text, "");
	DEC(f, 157);
	CU_ASSERT_EQUAL(g->flags, 1);
	CU_ASSERT_EQUAL(g->last_committed, 0);
	CU_ASSERT_EQUAL(g->sequence_number, 1);
	CU_ASSERT_TRUE(g->has_commit_ts);
	CU_ASSERT_EQUAL(g->immediate_commit_ts, 1734117024253005ULL);
	CU_ASSERT_EQUAL(g->original_commit_ts, 1734117024253005ULL);
	CU_ASSERT_TRUE(g->has_trx_length);
	CU_ASSERT_EQUAL(g->trx_length, 261);
	CU_ASSERT_EQUAL(g->immediate_server_version, 80040);
	CU_ASSERT_EQUAL(g->original_server_version, 80040);
	DEC(f, 418); /* flags 00, last_committed 1, seq 2, trx_length fc 1e 01 = 286 */
	CU_ASSERT_EQUAL(g->flags, 0);
	CU_ASSERT_EQUAL(g->last_committed, 1);
	CU_ASSERT_EQUAL(g->sequence_number, 2);
	CU_ASSERT_EQUAL(g->immediate_commit_ts, 1734117024261866ULL);
	CU_ASSERT_EQUAL(g->trx_length, 286);
	dclose(&f);
}

/* INCIDENT (5.1.30, bug40482): incident number 42 00 = 66, an invalid number
 * on purpose (mariadb-binlog refuses the event: "Found invalid event in binary
 * log"; binprime reports it as it is), empty message; and the
 * TRANSACTION_PAYLOAD header fields of MySQL 8.0.40 at 1468:
 * 02 01 00 (zstd), 03 03 fc dc 4e (20188 bytes uncompressed), 01 03 fc 18 03 (792) */
static void incident_and_payload(void)
{
	dfile f;
	OPEN(f, "bug40482-bin.000001");
	DEC(f, 106);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_INCIDENT);
	CU_ASSERT_EQUAL(f.ev.incident.incident, 66);
	CU_ASSERT_EQUAL(f.ev.incident.message_len, 0);
	dclose(&f);

	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 1468);
	const bp_ev_payload *p = &f.ev.payload;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_TRANSACTION_PAYLOAD);
	CU_ASSERT_EQUAL(p->compression_type, 0);
	CU_ASSERT_EQUAL(p->uncompressed_size, 20188);
	CU_ASSERT_EQUAL(p->payload_size, 792);
	CU_ASSERT_EQUAL(p->data_len, 792);
	CU_ASSERT_PTR_EQUAL(p->data, f.buf + 1468 + 19 + 14);
	CU_ASSERT_EQUAL(le32(p->data), 0xfd2fb528); /* zstd frame magic */
	dclose(&f);
}

/* An unknown type decodes only when marked ignorable (LOG_EVENT_IGNORABLE_F) */
static void unknown_type_ignorable(void)
{
	dfile f;
	OPEN(f, "mariadb-5.5-binlog.000001");
	uint8_t x[27];
	memcpy(x, f.buf + 522, sizeof(x)); /* the XID event */
	x[4] = 126;
	CU_ASSERT_EQUAL(dec_mem(&f, x, sizeof(x), 522), -BP_E_UNSUPPORTED);
	CU_ASSERT_EQUAL(f.err.code, BP_E_UNSUPPORTED);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "unknown event type 126 (not marked ignorable)");
	x[17] = BP_LOG_EVENT_IGNORABLE_F;
	CU_ASSERT_EQUAL(dec_mem(&f, x, sizeof(x), 522), 0);
	CU_ASSERT_TRUE(f.ev.ignorable_unknown);
	CU_ASSERT_EQUAL(f.ev.h.type, 126);
	CU_ASSERT_EQUAL(f.ev.pos, 522);
	dclose(&f);
}

/* ------------------------------------------------------------------------ */
/* TABLE_MAP                                                                 */

/* MySQL 8.0.40 at 572: "Table_map: `test`.`t1` mapped to number 127": columns
 * 03 03 0f, metadata 00 04 (VARCHAR(1024)), nulls 06, optional metadata
 * 01 01 00 (SIGNEDNESS: both INTs signed), 02 01 08 (DEFAULT_CHARSET latin1) */
static void table_map_optional_metadata(void)
{
	dfile f;
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 572);
	const bp_table_map *m = f.ev.table_map;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_TABLE_MAP);
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->table_id, 127);
	CU_ASSERT_EQUAL(m->flags, 1);
	CU_ASSERT_STRING_EQUAL(m->db, "test");
	CU_ASSERT_STRING_EQUAL(m->table, "t1");
	CU_ASSERT_EQUAL_FATAL(m->n_columns, 3);
	CU_ASSERT_FALSE(m->no_metadata);
	CU_ASSERT_EQUAL(m->columns[0].type, BP_T_LONG);
	CU_ASSERT_EQUAL(m->columns[1].type, BP_T_LONG);
	CU_ASSERT_EQUAL(m->columns[2].type, BP_T_VARCHAR);
	CU_ASSERT_EQUAL(m->columns[2].meta, 1024);
	CU_ASSERT_EQUAL(m->columns[0].meta, 0);
	CU_ASSERT_FALSE(m->columns[0].nullable);
	CU_ASSERT_TRUE(m->columns[1].nullable);
	CU_ASSERT_TRUE(m->columns[2].nullable);
	CU_ASSERT_TRUE(m->has_signedness);
	CU_ASSERT_TRUE(m->columns[0].has_signedness);
	CU_ASSERT_FALSE(m->columns[0].is_unsigned);
	CU_ASSERT_FALSE(m->columns[2].has_signedness);
	CU_ASSERT_TRUE(m->has_charsets);
	CU_ASSERT_EQUAL(m->default_charset, 8);
	CU_ASSERT_EQUAL(m->columns[2].charset, 8);
	CU_ASSERT_EQUAL(m->columns[0].charset, 0);
	CU_ASSERT_FALSE(m->has_column_names);
	CU_ASSERT_PTR_NULL(m->columns[0].name);
	CU_ASSERT_TRUE(m->columns[0].visible);
	CU_ASSERT_PTR_EQUAL(bp_tmcache_get(f.d.tables, 127), m);
	dclose(&f);
}

/* MySQL 5.6.4-m7 at 525: "`test`.`t1` mapped to number 66", LONG + STRING
 * (meta fe 32: CHAR(50), mariadb-binlog "STRING(50) meta=65074"), nulls 03 */
static void table_map_plain_and_cache(void)
{
	dfile f;
	OPEN(f, "ver_trunk_row_v2.001.head2651");
	DEC(f, 525);
	const bp_table_map *m = f.ev.table_map;
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->table_id, 66);
	CU_ASSERT_STRING_EQUAL(m->table, "t1");
	CU_ASSERT_EQUAL_FATAL(m->n_columns, 2);
	CU_ASSERT_EQUAL(m->columns[0].type, BP_T_LONG);
	CU_ASSERT_EQUAL(m->columns[1].type, BP_T_STRING);
	CU_ASSERT_EQUAL(m->columns[1].meta, 65074);
	CU_ASSERT_EQUAL(m->columns[1].real_type, BP_T_STRING);
	CU_ASSERT_TRUE(m->columns[0].nullable);
	CU_ASSERT_TRUE(m->columns[1].nullable);
	CU_ASSERT_FALSE(m->has_signedness);
	CU_ASSERT_FALSE(m->has_charsets);
	CU_ASSERT_FALSE(m->has_primary_key);
	/* the same map again before the UPDATE (at 755): served from the cache */
	DEC(f, 755);
	CU_ASSERT_PTR_EQUAL(f.ev.table_map, m);
	CU_ASSERT_PTR_EQUAL(bp_tmcache_get(f.d.tables, 66), m);
	CU_ASSERT_PTR_NULL(bp_tmcache_get(f.d.tables, 67));
	/* a new FDE starts a new log: table ids restart */
	DEC(f, 4);
	CU_ASSERT_PTR_NULL(bp_tmcache_get(f.d.tables, 66));
	dclose(&f);

	/* MariaDB 10.3.36 at 547: `test`.`s1` (a SEQUENCE) id 32, 8 columns
	 * 08 08 08 08 08 08 01 08, no metadata bytes, no NULLs */
	OPEN(f, "master-bin-seq_10.3.36.000001");
	DEC(f, 547);
	m = f.ev.table_map;
	CU_ASSERT_EQUAL(m->table_id, 32);
	CU_ASSERT_STRING_EQUAL(m->table, "s1");
	CU_ASSERT_EQUAL_FATAL(m->n_columns, 8);
	CU_ASSERT_EQUAL(m->columns[5].type, BP_T_LONGLONG);
	CU_ASSERT_EQUAL(m->columns[6].type, BP_T_TINY);
	CU_ASSERT_FALSE(m->columns[7].nullable);
	dclose(&f);
}

/* MySQL 5.1.17 wrote no metadata block and no NULL bitmap (before 5.1.18):
 * "10 00 00 00 00 00 | 00 00 | 04 test 00 | 02 t1 00 | 02 | 03 fe" */
static void table_map_no_metadata(void)
{
	dfile f;
	OPEN(f, "ver_5_1_17.001.head1463");
	DEC(f, 421);
	const bp_table_map *m = f.ev.table_map;
	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	CU_ASSERT_EQUAL(m->table_id, 16);
	CU_ASSERT_EQUAL(m->flags, 0);
	CU_ASSERT_STRING_EQUAL(m->db, "test");
	CU_ASSERT_STRING_EQUAL(m->table, "t1");
	CU_ASSERT_TRUE(m->no_metadata);
	CU_ASSERT_EQUAL_FATAL(m->n_columns, 2);
	CU_ASSERT_EQUAL(m->columns[0].type, BP_T_LONG);
	CU_ASSERT_EQUAL(m->columns[1].type, BP_T_STRING);
	CU_ASSERT_TRUE(m->columns[1].nullable);
	dclose(&f);
}

/* ------------------------------------------------------------------------ */
/* rows                                                                      */

static bool is_int(const bp_value *v, int64_t i) { return v->kind == BP_V_INT && v->i == i; }
static bool is_str(const bp_value *v, const char *s) { return v->kind == BP_V_STRING && mem_is(v->p, v->n, s); }

/* MySQL 8.0.40 WRITE_ROWS v2 at 627 and 913: "@1=1 @2=0 @3=''", "@1=2 @2=0 @3='hulu'" */
static void rows_write_v2_mysql80(void)
{
	dfile f;
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 572);
	DEC(f, 627);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_WRITE_ROWS);
	CU_ASSERT_EQUAL(r->version, 2);
	CU_ASSERT_EQUAL(r->kind, 'W');
	CU_ASSERT_FALSE(r->compressed);
	CU_ASSERT_EQUAL(r->table_id, 127);
	CU_ASSERT_EQUAL(r->flags, BP_ROWS_STMT_END_F);
	CU_ASSERT_EQUAL(r->extra_len, 0);
	CU_ASSERT_EQUAL(r->n_columns, 3);
	CU_ASSERT_PTR_EQUAL(r->cols_after, r->cols_before);
	CU_ASSERT_EQUAL(r->cols_before[0], 0xff);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->map);
	CU_ASSERT_STRING_EQUAL(r->map->table, "t1");
	CU_ASSERT_PTR_NULL(r->undecoded);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row);
	CU_ASSERT_PTR_NULL(r->row[0].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	CU_ASSERT_TRUE(r->row[0].after_present[2]);
	CU_ASSERT_TRUE(is_int(&r->row[0].after[0], 1));
	CU_ASSERT_TRUE(is_int(&r->row[0].after[1], 0));
	CU_ASSERT_EQUAL(r->row[0].after[2].kind, BP_V_STRING); /* latin1 from DEFAULT_CHARSET */
	CU_ASSERT_EQUAL(r->row[0].after[2].n, 0);
	CU_ASSERT_EQUAL(r->rows_len, 46 - 4 - 19 - 10 - 1 - 1);
	DEC(f, 858);
	DEC(f, 913);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	CU_ASSERT_TRUE(is_int(&r->row[0].after[0], 2));
	CU_ASSERT_TRUE(is_str(&r->row[0].after[2], "hulu"));
	dclose(&f);
}

/* MySQL 5.6.4-m7: WRITE (569), UPDATE (799) and DELETE (1048) v2 on t1 (INT, CHAR(50)):
 *   INSERT (0,'one'), (1,'two');  UPDATE (0,'one')->(1,'one'), (1,'two')->(2,'two');
 *   DELETE (2,'two')   -- as mariadb-binlog -vv prints them */
static void rows_update_delete_v2(void)
{
	dfile f;
	OPEN(f, "ver_trunk_row_v2.001.head2651");
	DEC(f, 525);
	DEC(f, 569);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(r->kind, 'W');
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
	CU_ASSERT_PTR_NULL(r->row[0].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[1].after);
	CU_ASSERT_TRUE(is_int(&r->row[0].after[0], 0));
	CU_ASSERT_TRUE(is_str(&r->row[0].after[1], "one"));
	CU_ASSERT_TRUE(is_int(&r->row[1].after[0], 1));
	CU_ASSERT_TRUE(is_str(&r->row[1].after[1], "two"));

	DEC(f, 755);
	DEC(f, 799);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_UPDATE_ROWS);
	CU_ASSERT_EQUAL(r->kind, 'U');
	CU_ASSERT_EQUAL(r->version, 2);
	CU_ASSERT_PTR_NOT_EQUAL(r->cols_after, r->cols_before);
	CU_ASSERT_EQUAL(r->cols_after[0], 0xff);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[1].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[1].after);
	CU_ASSERT_TRUE(is_int(&r->row[0].before[0], 0));
	CU_ASSERT_TRUE(is_str(&r->row[0].before[1], "one"));
	CU_ASSERT_TRUE(is_int(&r->row[0].after[0], 1));
	CU_ASSERT_TRUE(is_str(&r->row[0].after[1], "one"));
	CU_ASSERT_TRUE(is_int(&r->row[1].before[0], 1));
	CU_ASSERT_TRUE(is_str(&r->row[1].before[1], "two"));
	CU_ASSERT_TRUE(is_int(&r->row[1].after[0], 2));
	CU_ASSERT_TRUE(is_str(&r->row[1].after[1], "two"));

	DEC(f, 1004);
	DEC(f, 1048);
	CU_ASSERT_EQUAL(r->kind, 'D');
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NULL(r->row[0].after);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].before);
	CU_ASSERT_TRUE(r->row[0].before_present[0]);
	CU_ASSERT_TRUE(is_int(&r->row[0].before[0], 2));
	CU_ASSERT_TRUE(is_str(&r->row[0].before[1], "two"));
	dclose(&f);
}

/* MariaDB 10.3.36 WRITE_ROWS_V1 at 599 (SEQUENCE s1): "@1=1001 @2=1
 * @3=9223372036854775806 @4=1 @5=1 @6=1000 @7=0 @8=0" */
static void rows_write_v1_mariadb(void)
{
	dfile f;
	OPEN(f, "master-bin-seq_10.3.36.000001");
	DEC(f, 547);
	DEC(f, 599);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_WRITE_ROWS_V1);
	CU_ASSERT_EQUAL(r->version, 1);
	CU_ASSERT_EQUAL(r->table_id, 32);
	CU_ASSERT_EQUAL(r->n_columns, 8);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NULL(r->undecoded);
	CU_ASSERT_PTR_NULL(r->row[0].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	static const int64_t want[8] = { 1001, 1, 9223372036854775806LL, 1, 1, 1000, 0, 0 };
	for (int i = 0; i < 8; i++)
		CU_ASSERT_TRUE(is_int(&r->row[0].after[i], want[i]));
	/* the second INSERT at 928: VALUES(2, 1, 10, 1, 2, 1, 1, 0) */
	DEC(f, 876);
	DEC(f, 928);
	static const int64_t want2[8] = { 2, 1, 10, 1, 2, 1, 1, 0 };
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	for (int i = 0; i < 8; i++)
		CU_ASSERT_TRUE(is_int(&r->row[0].after[i], want2[i]));
	dclose(&f);
}

/* MySQL 5.1.17 PRE_GA_*_ROWS (types 20..22; mariadb-binlog: "Write_rows_old ...
 * Number of rows: 0"): its table maps have no metadata, so rows are not decoded */
static void rows_pre_ga(void)
{
	dfile f;
	OPEN(f, "ver_5_1_17.001.head1463");
	DEC(f, 421);
	DEC(f, 461);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_PRE_GA_WRITE_ROWS);
	CU_ASSERT_EQUAL(r->version, 0);
	CU_ASSERT_EQUAL(r->kind, 'W');
	CU_ASSERT_EQUAL(r->table_id, 16);
	CU_ASSERT_EQUAL(r->n_columns, 2);
	CU_ASSERT_EQUAL(r->rows_len, 47 - 19 - 8 - 1 - 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->map); /* kept for db/table; its rows cannot be typed */
	CU_ASSERT_STRING_EQUAL(r->map->table, "t1");
	CU_ASSERT_PTR_NOT_NULL(r->undecoded);
	CU_ASSERT_EQUAL(r->n_rows, 0);
	CU_ASSERT_PTR_NULL(r->row);
	CU_ASSERT_EQUAL(f.notices, 1);
	CU_ASSERT_EQUAL(f.d.notices, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.last_notice, "no column metadata"));
	DEC(f, 508);
	DEC(f, 548);
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_PRE_GA_UPDATE_ROWS);
	CU_ASSERT_EQUAL(r->kind, 'U');
	CU_ASSERT_PTR_EQUAL(r->cols_after, r->cols_before); /* v0 has one bitmap */
	CU_ASSERT_EQUAL(r->rows_len, 65 - 19 - 8 - 1 - 1);
	DEC(f, 653);
	CU_ASSERT_EQUAL(r->kind, 'D');
	CU_ASSERT_EQUAL(f.notices, 3);
	dclose(&f);
}

/* A rows event whose TABLE_MAP was not seen (reading from --start-position):
 * the event decodes, its rows do not, and the notice hook says why */
static void rows_without_table_map(void)
{
	dfile f;
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 627);
	CU_ASSERT_EQUAL(f.ev.rows.table_id, 127);
	CU_ASSERT_EQUAL(f.ev.rows.n_columns, 3);
	CU_ASSERT_PTR_NULL(f.ev.rows.map);
	CU_ASSERT_PTR_NULL(f.ev.rows.row);
	CU_ASSERT_EQUAL(f.ev.rows.n_rows, 0);
	CU_ASSERT_EQUAL(f.notices, 1);
	CU_ASSERT_STRING_EQUAL(f.last_notice, "rows not decoded: no TABLE_MAP for this table id");
	CU_ASSERT_STRING_EQUAL(f.ev.rows.undecoded, "no TABLE_MAP for this table id");
	dclose(&f);
}

/*
 * MySQL 8.0.40 PARTIAL_UPDATE_ROWS at 3403 (table t2 (a INT, j JSON), id 129):
 * before image a=1, j = 741 bytes of binary JSON; then value_options 01
 * (PARTIAL_JSON_UPDATES) and a partial bitmap marking j, whose after value is a
 * JSON diff.
 */
static void rows_partial_update(void)
{
	dfile f;
	OPEN(f, "mdev35643_mysql_80_binlog.000001");
	DEC(f, 3353);
	CU_ASSERT_EQUAL(f.ev.table_map->n_columns, 2);
	CU_ASSERT_EQUAL(f.ev.table_map->columns[1].type, BP_T_JSON);
	DEC(f, 3403);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_PARTIAL_UPDATE_ROWS);
	CU_ASSERT_EQUAL(r->kind, 'P');
	CU_ASSERT_EQUAL(r->version, 2);
	CU_ASSERT_EQUAL(r->table_id, 129);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	const bp_row *row = &r->row[0];
	CU_ASSERT_PTR_NOT_NULL_FATAL(row->before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(row->after);
	CU_ASSERT_TRUE(is_int(&row->before[0], 1));
	CU_ASSERT_EQUAL(row->before[1].kind, BP_V_JSON);
	CU_ASSERT_EQUAL(row->before[1].n, 741);
	CU_ASSERT_TRUE(is_int(&row->after[0], 1));
	CU_ASSERT_PTR_NOT_NULL_FATAL(row->json_diff);
	CU_ASSERT_FALSE(row->json_diff[0]);
	CU_ASSERT_TRUE(row->json_diff[1]);
	CU_ASSERT_EQUAL(row->after[1].kind, BP_V_UNSUPPORTED);
	CU_ASSERT_EQUAL(row->after[1].n, 159); /* 4-byte length 9f 00 00 00, then the diff */
	dclose(&f);
}

/* MariaDB compressed events (log_bin_compress): the query text and the row
 * images are zlib blocks behind a 1-byte header (0x80 | length-of-length) */
static void mariadb_compressed(void)
{
	dfile f;
	CU_ASSERT_FATAL(dopen_mem(&f, fde_1011, sizeof(fde_1011)));
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, q_compressed, sizeof(q_compressed), 531), 0);
	const bp_ev_query *q = &f.ev.query;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_QUERY_COMPRESSED);
	CU_ASSERT_STRING_EQUAL(q->db, "bp_types");
	CU_ASSERT_TRUE(q->has_xid);
	CU_ASSERT_EQUAL(q->xid, 11);
	CU_ASSERT_EQUAL(q->query_len, 351);
	CU_ASSERT_TRUE(q->query_len > 20 && memcmp(q->query, "CREATE TABLE t_int (\n  id   INT", 30) == 0);
	CU_ASSERT_TRUE(q->query_len > 10 && memcmp(q->query + q->query_len - 10, " BOOLEAN\n)", 10) == 0);

	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, tm_t_int, sizeof(tm_t_int), 1690), 0);
	CU_ASSERT_EQUAL(f.ev.table_map->n_columns, 13);
	CU_ASSERT_EQUAL_FATAL(dec_mem(&f, up_compressed, sizeof(up_compressed), 1755), 0);
	const bp_ev_rows *r = &f.ev.rows;
	CU_ASSERT_EQUAL(f.ev.h.type, BP_EV_UPDATE_ROWS_COMPRESSED_V1);
	CU_ASSERT_TRUE(r->compressed);
	CU_ASSERT_EQUAL(r->kind, 'U');
	CU_ASSERT_EQUAL(r->version, 1);
	CU_ASSERT_EQUAL(r->table_id, 18);
	CU_ASSERT_EQUAL(r->n_columns, 13);
	CU_ASSERT_EQUAL_FATAL(r->n_rows, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->row[0].after);
	static const int64_t before[13] = { 4, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 42, 0 };
	static const int64_t after[13] = { 4, 1, -2, 0, 1, 0, 1, 0, 1, -9223372036854775807LL, -2, 42, 0 };
	for (int i = 0; i < 13; i++) {
		CU_ASSERT_TRUE(is_int(&r->row[0].before[i], before[i]));
		CU_ASSERT_TRUE(is_int(&r->row[0].after[i], after[i]));
	}
	/* a damaged zlib block */
	uint8_t bad[sizeof(up_compressed)];
	memcpy(bad, up_compressed, sizeof(bad));
	bad[sizeof(bad) - 10] ^= 0xff;
	CU_ASSERT_EQUAL(dec_mem(&f, bad, sizeof(bad), 1755), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt UPDATE_ROWS_COMPRESSED_V1 event: row data does not decompress");
	uint8_t badq[sizeof(q_compressed)];
	memcpy(badq, q_compressed, sizeof(badq));
	badq[sizeof(badq) - 10] ^= 0xff;
	CU_ASSERT_EQUAL(dec_mem(&f, badq, sizeof(badq), 531), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt QUERY_COMPRESSED event: query text does not decompress");
	dclose(&f);
}

/* WRITE_ROWS v2 with malformed extra row info (MDEV-39485,
 * suite/binlog/std_data/invalid_row_v2_tag.001): tag 0 with no data; tag 0 with
 * length 1 (must count its 2-byte header); tag 0 with length 255 past the end */
static void rows_invalid_extra_info(void)
{
	dfile f;
	OPEN(f, "invalid_row_v2_tag.001");
	CU_ASSERT_EQUAL(dec_at(&f, 256), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt WRITE_ROWS event: extra row info tag 0 at +0 has no data");
	CU_ASSERT_EQUAL(dec_at(&f, 287), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt WRITE_ROWS event: extra row info length 1 at +0 past its end");
	CU_ASSERT_EQUAL(dec_at(&f, 320), -BP_E_CORRUPT);
	CU_ASSERT_STRING_EQUAL(f.err.msg, "corrupt WRITE_ROWS event: extra row info length 255 at +0 past its end");
	dclose(&f);
}

/* ------------------------------------------------------------------------ */

static const CU_TestInfo format_tests[] = {
	{ "bp_version_product edge cases", version_product_edges },
	{ "bp_format_version_has_checksum edge cases", version_has_checksum_edges },
	{ "defaults, v1/v3 formats, post-header bounds", format_defaults_and_post_header_bounds },
	{ "5.1/5.2 -a_drop event-type permutation", permutation_a_drop },
	{ "permutation through a patched 5.1.17 FDE", permutation_through_fde },
	{ "bp_event_crc masks the FDE in-use flag", crc_masks_in_use_flag },
	{ "event type names", type_names },
	CU_TEST_INFO_NULL,
};

static const CU_TestInfo decode_tests[] = {
	{ "common header v4 (timestamp, type, server id, length, next pos, flags)", header_v4 },
	{ "common header v1 (13 bytes), derived from a 4.0.23 log", header_v1_synthetic },
	{ "FDE MariaDB 5.5 NONE, 160 post-header lengths", fde_mariadb55_none },
	{ "FDE MariaDB 10.3/10.11 CRC32", fde_mariadb103_crc32 },
	{ "FDE MySQL 5.7 and 8.0", fde_mysql57_80 },
	{ "FDE pre-5.6 (undefined alg) and 5.6.4 NONE", fde_pre56_and_checksum_aware_none },
	{ "FDE header lengths 19/23/27/31 (MDEV-4645)", fde_header_len_mdev4645 },
	{ "START_V3 binlog v3 (4.1) and v2 (4.0.0)", start_v3_and_v2 },
	{ "QUERY MariaDB 5.5", query_mariadb55 },
	{ "QUERY MySQL 5.7 updated db names", query_mysql57_updated_dbs },
	{ "QUERY MySQL 8.0 status variables", query_mysql80_status_vars },
	{ "QUERY MariaDB 10.3 text stops before the CRC", query_mariadb103_crc },
	{ "QUERY MariaDB 10.11 time zone, HRNOW, invoker, XID", query_mariadb1011_status_vars },
	{ "XID, STOP, ROTATE", xid_stop_rotate },
	{ "INTVAR, RAND, USER_VAR", intvar_rand_user_var },
	{ "MariaDB GTID, GTID_LIST, BINLOG_CHECKPOINT, ANNOTATE_ROWS", mariadb_gtid_events },
	{ "MariaDB XA GTID and XA_PREPARE", mariadb_gtid_xa },
	{ "START_ENCRYPTION", start_encryption },
	{ "MySQL ANONYMOUS_GTID and PREVIOUS_GTIDS", mysql_gtid_events },
	{ "INCIDENT and TRANSACTION_PAYLOAD header", incident_and_payload },
	{ "unknown type with and without the ignorable flag", unknown_type_ignorable },
	{ "TABLE_MAP with optional metadata (MySQL 8.0)", table_map_optional_metadata },
	{ "TABLE_MAP plain, and the table map cache", table_map_plain_and_cache },
	{ "TABLE_MAP without metadata (MySQL 5.1.17)", table_map_no_metadata },
	{ "WRITE_ROWS v2 (MySQL 8.0)", rows_write_v2_mysql80 },
	{ "WRITE/UPDATE/DELETE_ROWS v2 (MySQL 5.6.4)", rows_update_delete_v2 },
	{ "WRITE_ROWS_V1 (MariaDB 10.3)", rows_write_v1_mariadb },
	{ "PRE_GA rows (MySQL 5.1.17)", rows_pre_ga },
	{ "rows without a TABLE_MAP", rows_without_table_map },
	{ "PARTIAL_UPDATE_ROWS (MySQL 8.0)", rows_partial_update },
	{ "MariaDB QUERY_COMPRESSED and UPDATE_ROWS_COMPRESSED_V1", mariadb_compressed },
	{ "rows v2 with malformed extra row info (MDEV-39485)", rows_invalid_extra_info },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_format(void) { return bp_unit_add("analyzer/format", format_tests); }
int bp_suite_analyzer_decode(void) { return bp_unit_add("analyzer/decode", decode_tests); }
