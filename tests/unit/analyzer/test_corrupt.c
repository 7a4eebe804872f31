/*
 * test_corrupt.c: damaged logs (analyzer/binlog_file.c and the decoders'
 * error paths). Each test takes a good log from tests/unit/data (Debian
 * mariadb-test-data, see SOURCES), damages a copy in memory (cut, flipped byte,
 * bad length, wrong magic...), writes it to a mkstemp file under /tmp and reads
 * it with bp_reader: the exact code, message and offset are checked, and where
 * the reader can go on, what bp_reader_skip lands on next.
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "analyzer/binlog_file.h"

static uint8_t *load(const char *name, size_t *len)
{
	const char *dir = getenv("BP_UNIT_DATA");
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "unit/data", name);
	return bp_unit_slurp(path, len);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p) { return (uint32_t)bp_le(p, 4); }

/* Recompute the CRC32 footer of the event at p (length from its header) */
static void fix_crc(uint8_t *p)
{
	uint32_t len = get32(p + 9);
	put32(p + len - 4, (uint32_t)crc32(0L, p, len - 4));
}

/* A damaged copy on disk and a reader over it */
typedef struct rd {
	char path[32];
	bp_reader *r;
	bp_err err;
	const bp_event *ev;
	int open_rc;
} rd;

static bool ropen(rd *x, const uint8_t *p, size_t n, const bp_reader_opts *o)
{
	memset(x, 0, sizeof(*x));
	snprintf(x->path, sizeof(x->path), "/tmp/bp-unit-XXXXXX");
	int fd = mkstemp(x->path);
	if (fd < 0)
		return false;
	bool ok = n == 0 || write(fd, p, n) == (ssize_t)n;
	close(fd);
	if (!ok)
		return false;
	bp_err_clear(&x->err);
	x->open_rc = bp_reader_open(&x->r, x->path, o, &x->err);
	return true;
}

static int rnext(rd *x)
{
	bp_err_clear(&x->err);
	return bp_reader_next(x->r, &x->ev, &x->err);
}

/* Read n good events; false if one fails */
static bool rskip_good(rd *x, int n)
{
	for (int i = 0; i < n; i++)
		if (rnext(x) != 1)
			return false;
	return true;
}

static void rclose(rd *x)
{
	bp_reader_free(x->r);
	x->r = NULL;
	unlink(x->path);
}

#define ROPEN(x, p, n, o)                                  \
	do {                                               \
		CU_ASSERT_FATAL(ropen(&(x), (p), (n), (o))); \
		CU_ASSERT_EQUAL_FATAL((x).open_rc, 0);     \
	} while (0)

/* err names the damaged copy and the event's offset */
#define ASSERT_ERR(x, code_, off_, msg_)                                  \
	do {                                                              \
		CU_ASSERT_EQUAL((x).err.code, (code_));                   \
		CU_ASSERT_EQUAL((x).err.offset, (off_));                  \
		CU_ASSERT_PTR_NOT_NULL((x).err.path);                     \
		if ((x).err.path)                                         \
			CU_ASSERT_STRING_EQUAL((x).err.path, (x).path);   \
		CU_ASSERT_STRING_EQUAL((x).err.msg, (msg_));              \
		if (strcmp((x).err.msg, (msg_)))                          \
			fprintf(stderr, "\n  got: %s\n", (x).err.msg);    \
	} while (0)

/* ------------------------------------------------------------------------ */
/* truncation                                                                */

/* mariadb-5.5-binlog.000001 cut at 300, inside the QUERY at 245 (119 bytes) */
static void truncated_mid_event(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	ROPEN(x, b, 300, NULL);
	CU_ASSERT_EQUAL(bp_reader_size(x.r), 300);
	CU_ASSERT_EQUAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 245, "truncated QUERY event: header says 119 bytes, 55 left in the file");
	CU_ASSERT_EQUAL(bp_reader_offset(x.r), 245);
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0); /* nothing readable after it */
	rclose(&x);
	free(b);

	/* CRC32 log cut inside the STOP at 897 (23 bytes, 21 left) */
	b = load("mdev29078-mysql-bin.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	ROPEN(x, b, 918, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 11));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 897, "truncated STOP event: header says 23 bytes, 21 left in the file");
	rclose(&x);
	free(b);
}

/* a cut inside the common header: fewer than 13 bytes, or enough for the length */
static void truncated_header(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	ROPEN(x, b, 245 + 10, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 1));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 245, "truncated event header: 10 of 13 bytes before end of file");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0);
	rclose(&x);

	ROPEN(x, b, 245 + 15, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 1));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 245, "truncated QUERY event: header says 119 bytes, 15 left in the file");
	rclose(&x);

	/* cut right after an event: a clean end, not an error */
	ROPEN(x, b, 245, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 1));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	free(b);
}

/* ------------------------------------------------------------------------ */
/* checksums                                                                 */

/* mdev29078 (CRC32): the QUERY at 371 ("CRC32 0x524cd56b") with the 'c' of
 * "create table" (at 434) flipped to 'C' */
static void checksum_flip(void)
{
	size_t n;
	uint8_t *b = load("mdev29078-mysql-bin.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(b[434], 'c');
	b[434] = 'C';
	uint32_t computed = (uint32_t)crc32(0L, b + 371, 111 - 4);
	char msg[128];
	snprintf(msg, sizeof(msg), "checksum mismatch in QUERY event: stored crc32 524cd56b, computed %08x", computed);
	rd x;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CHECKSUM);
	ASSERT_ERR(x, BP_E_CHECKSUM, 371, msg);
	/* the event was framed: skip goes on with the next one */
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 482);
	CU_ASSERT_EQUAL(x.ev->h.type, BP_EV_MARIADB_GTID);
	CU_ASSERT_EQUAL(x.ev->mgtid.seq_no, 2);
	CU_ASSERT_TRUE(rskip_good(&x, 6)); /* 524 .. 897 */
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);

	/* with verification off the damaged text comes through */
	bp_reader_opts o = BP_READER_OPTS_INIT;
	o.verify_checksum = false;
	ROPEN(x, b, n, &o);
	CU_ASSERT_TRUE(rskip_good(&x, 5));
	CU_ASSERT_EQUAL(x.ev->pos, 371);
	CU_ASSERT_TRUE(x.ev->query.query_len == 44 && memcmp(x.ev->query.query, "Create table", 12) == 0);
	rclose(&x);
	free(b);
}

/*
 * The FDE's CRC is computed with LOG_EVENT_BINLOG_IN_USE_F clear (the server
 * sets and clears the flag in place). master-bin-seq_10.3.36.000001 has the flag
 * set and CRC32 0x97c06743.
 */
static void fde_checksum_in_use_flag(void)
{
	size_t n;
	uint8_t *b = load("master-bin-seq_10.3.36.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	/* the flag cleared: the same CRC still matches, all 17 events read */
	b[4 + 17] = 0;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 17));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	b[4 + 17] = 1;

	/* a flipped byte in the server version: the FDE fails, nothing can follow */
	b[4 + 19 + 2 + 3] ^= 0x01; /* "10.3.36" -> "10.2.36" */
	uint8_t tmp[248];
	memcpy(tmp, b + 4, sizeof(tmp));
	tmp[17] = 0;
	char msg[128];
	snprintf(msg, sizeof(msg),
		 "checksum mismatch in FORMAT_DESCRIPTION event: stored crc32 97c06743, computed %08x",
		 (uint32_t)crc32(0L, tmp, sizeof(tmp)));
	ROPEN(x, b, n, NULL);
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CHECKSUM);
	ASSERT_ERR(x, BP_E_CHECKSUM, 4, msg);
	CU_ASSERT_FALSE(bp_reader_format(x.r)->known); /* the bad FDE's format is not kept */
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0);
	rclose(&x);
	free(b);

	/* the flag set on a log that had it clear (mdev29078): still valid */
	b = load("mdev29078-mysql-bin.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	b[4 + 17] |= BP_LOG_EVENT_BINLOG_IN_USE_F;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->h.flags, BP_LOG_EVENT_BINLOG_IN_USE_F);
	CU_ASSERT_TRUE(rskip_good(&x, 11));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	free(b);
}

/* ------------------------------------------------------------------------ */
/* bodies that do not fit                                                    */

/* mariadb-5.5 (no checksum): the QUERY at 245 with status_vars_len (at 275)
 * 0x1a -> 0xfa: 250 bytes wanted at +32 (19 + 13), 87 left of 119 */
static void query_status_vars_len(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(b[275], 0x1a);
	b[275] = 0xfa;
	rd x;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 1));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 245,
		   "corrupt QUERY event (status variables): need 250 bytes at event offset +32, 87 left");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 364);
	CU_ASSERT_TRUE(x.ev->query.query_len == 5 && memcmp(x.ev->query.query, "BEGIN", 5) == 0);
	rclose(&x);
	free(b);
}

/* MySQL 5.6.4 WRITE_ROWS v2 at 569 (t1: INT, CHAR(50); rows (0,'one'), (1,'two')):
 * the length byte of 'one' (row data +5, file offset 605) 03 -> 7f */
static void rows_value_past_end(void)
{
	size_t n;
	uint8_t *b = load("ver_trunk_row_v2.001.head2651", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(b[605], 3);
	CU_ASSERT_EQUAL_FATAL(memcmp(b + 606, "one", 3), 0);
	b[605] = 0x7f;
	rd x;
	ROPEN(x, b, n, NULL);
	int rc;
	while ((rc = rnext(&x)) == 1)
		;
	CU_ASSERT_EQUAL(rc, -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 569,
		   "corrupt WRITE_ROWS event for test.t1: row 1 (at row-data offset 0) does not decode: "
		   "need 127 bytes at +6, 12 left");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 618);
	rclose(&x);
	free(b);
}

/* FDE fields a reader cannot go on with (mariadb-5.5: alg NONE, so no CRC to fix) */
static void bad_fde_fields(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	static const struct {
		size_t at;
		uint8_t val;
		bp_errcode code;
		const char *msg;
	} cases[] = {
		{ 4 + 19, 3, BP_E_UNSUPPORTED, "format description with binlog version 3" },
		{ 4 + 19 + 56, 18, BP_E_CORRUPT, "format description with header length 18 (< 19)" },
		{ 4 + 241 - 5, 7, BP_E_UNSUPPORTED, "format description with unknown checksum algorithm 7" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint8_t keep = b[cases[i].at];
		b[cases[i].at] = cases[i].val;
		rd x;
		ROPEN(x, b, n, NULL);
		CU_ASSERT_EQUAL(rnext(&x), -(int)cases[i].code);
		ASSERT_ERR(x, cases[i].code, 4, cases[i].msg);
		CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0);
		rclose(&x);
		b[cases[i].at] = keep;
	}
	free(b);
}

/* MySQL 5.6.4 TABLE_MAP at 525 whose column count (packed integer at 562) is
 * ff, not a valid prefix: the map fails, so the WRITE_ROWS after it (at 569)
 * reads without a map and its rows stay undecoded */
static void table_map_bad_packed_int(void)
{
	size_t n;
	uint8_t *b = load("ver_trunk_row_v2.001.head2651", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(b[562], 2);
	b[562] = 0xff;
	rd x;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 5));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 525, "corrupt TABLE_MAP event (table map names) at event offset +38");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 569);
	CU_ASSERT_EQUAL(x.ev->h.type, BP_EV_WRITE_ROWS);
	CU_ASSERT_PTR_NULL(x.ev->rows.map);
	CU_ASSERT_EQUAL(x.ev->rows.n_rows, 0);
	CU_ASSERT_PTR_NOT_NULL(x.ev->rows.undecoded);
	CU_ASSERT_EQUAL(bp_reader_decoder(x.r)->notices, 1);
	rclose(&x);
	free(b);
}

/* ------------------------------------------------------------------------ */
/* broken lengths: resynchronisation                                         */

static void bad_length_resync(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	/* length 18 (< 19): no checksum here, so the next header is found by its
	 * log_pos (next_pos == offset + length): the QUERY "BEGIN" at 364 */
	put32(b + 245 + 9, 18);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 1));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 245, "corrupt event header: type 2, length 18 (must be 19..1073741824)");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 364);
	CU_ASSERT_EQUAL(x.ev->h.type, BP_EV_QUERY);
	CU_ASSERT_TRUE(rskip_good(&x, 10)); /* 432 .. 1018 */
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	free(b);

	/* CRC32 log: the QUERY at 371 says 1 GiB + 1; resync by CRC finds the GTID at 482 */
	b = load("mdev29078-mysql-bin.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	put32(b + 371 + 9, (1u << 30) + 1);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 371,
		   "corrupt event header: type 2, length 1073741825 (must be 19..1073741824)");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 482);
	CU_ASSERT_EQUAL(x.ev->h.type, BP_EV_MARIADB_GTID);
	rclose(&x);

	/* exactly 1 GiB is a legal length, but not in a 920-byte file */
	put32(b + 371 + 9, 1u << 30);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 371,
		   "truncated QUERY event: header says 1073741824 bytes, 549 left in the file");
	rclose(&x);

	/* a length past the end of the file, then resync */
	put32(b + 371 + 9, 5000);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_TRUNCATED);
	ASSERT_ERR(x, BP_E_TRUNCATED, 371, "truncated QUERY event: header says 5000 bytes, 549 left in the file");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 482);
	CU_ASSERT_TRUE(rskip_good(&x, 6));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);

	/* a length that frames the wrong bytes: 111 -> 112 ends one byte into the
	 * GTID, so the CRC (read from the wrong place) fails; no valid event starts
	 * at 483, so skip rescans from 372 and finds the GTID at 482 */
	put32(b + 371 + 9, 112);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CHECKSUM);
	CU_ASSERT_EQUAL(x.err.offset, 371);
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 482); /* was 483 (garbage) before the fix in binlog_file.c */
	CU_ASSERT_EQUAL(x.ev->h.type, BP_EV_MARIADB_GTID);
	CU_ASSERT_TRUE(rskip_good(&x, 6));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	free(b);
}

/* ------------------------------------------------------------------------ */
/* not a (readable) binlog                                                   */

static void not_a_binlog(void)
{
	rd x;
	static const uint8_t gif[] = "GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff";
	CU_ASSERT_FATAL(ropen(&x, gif, sizeof(gif) - 1, NULL));
	CU_ASSERT_EQUAL(x.open_rc, -BP_E_NOT_BINLOG);
	CU_ASSERT_PTR_NULL(x.r);
	ASSERT_ERR(x, BP_E_NOT_BINLOG, 0, "not a binary log: magic is 47 49 46 38, expected fe 62 69 6e");
	/* a NULL err is allowed (fixed in binlog_file.c: it was dereferenced) */
	bp_reader *r = (bp_reader *)1;
	CU_ASSERT_EQUAL(bp_reader_open(&r, x.path, NULL, NULL), -BP_E_NOT_BINLOG);
	CU_ASSERT_PTR_NULL(r);
	rclose(&x);

	static const uint8_t shortm[] = { 0xfe, 0x62, 0x69 };
	CU_ASSERT_FATAL(ropen(&x, shortm, sizeof(shortm), NULL));
	CU_ASSERT_EQUAL(x.open_rc, -BP_E_NOT_BINLOG);
	ASSERT_ERR(x, BP_E_NOT_BINLOG, 0, "not a binary log: 3 bytes, shorter than the 4-byte magic");
	rclose(&x);

	CU_ASSERT_FATAL(ropen(&x, NULL, 0, NULL));
	CU_ASSERT_EQUAL(x.open_rc, -BP_E_NOT_BINLOG);
	ASSERT_ERR(x, BP_E_NOT_BINLOG, 0, "not a binary log: 0 bytes, shorter than the 4-byte magic");
	rclose(&x);

	/* missing file */
	bp_err err;
	bp_err_clear(&err);
	CU_ASSERT_EQUAL(bp_reader_open(&r, "/nonexistent/bp-unit.000001", NULL, &err), -BP_E_IO);
	CU_ASSERT_EQUAL(err.code, BP_E_IO);
	CU_ASSERT_STRING_EQUAL(err.msg, "cannot open: No such file or directory");
	CU_ASSERT_PTR_NULL(r);
}

/* MySQL 8.0 binlog_encryption: magic fd 62 69 6e, then a 512-byte key header */
static void mysql_encrypted_magic(void)
{
	size_t n;
	uint8_t *b = load("mdev35643_mysql_80_binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	b[0] = 0xfd;
	rd x;
	CU_ASSERT_FATAL(ropen(&x, b, n, NULL));
	CU_ASSERT_EQUAL(x.open_rc, -BP_E_ENCRYPTED);
	ASSERT_ERR(x, BP_E_ENCRYPTED, 0,
		   "encrypted log (MySQL binlog_encryption), not supported: decrypt it with the server first "
		   "(e.g. mysqlbinlog --read-from-remote-server)");
	rclose(&x);
	free(b);
}

static void no_format_description(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	/* only the magic */
	ROPEN(x, b, 4, NULL);
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_NO_FDE);
	ASSERT_ERR(x, BP_E_NO_FDE, 4, "log ends before any format description event");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0);
	rclose(&x);

	/* the FDE cut out: the magic, then the QUERY from 245 */
	memmove(b + 4, b + 245, n - 245);
	ROPEN(x, b, n - 241, NULL);
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_NO_FDE);
	ASSERT_ERR(x, BP_E_NO_FDE, 4, "no format description event: first event has type 2 (QUERY), length 119");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 0);
	rclose(&x);
	free(b);
}

/* ------------------------------------------------------------------------ */
/* unknown event types                                                       */

static void unknown_event_type(void)
{
	size_t n;
	uint8_t *b = load("mariadb-5.5-binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	rd x;
	/* the XID at 522 retyped 126, not ignorable: an error, and the next event follows */
	b[522 + 4] = 126;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_UNSUPPORTED);
	ASSERT_ERR(x, BP_E_UNSUPPORTED, 522, "unknown event type 126 (not marked ignorable)");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 549);
	rclose(&x);

	/* with LOG_EVENT_IGNORABLE_F: returned as an ignorable unknown event */
	b[522 + 17] |= BP_LOG_EVENT_IGNORABLE_F;
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 4));
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 522);
	CU_ASSERT_EQUAL(x.ev->h.type, 126);
	CU_ASSERT_TRUE(x.ev->ignorable_unknown);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 549);
	CU_ASSERT_FALSE(x.ev->ignorable_unknown);
	rclose(&x);
	free(b);

	/* CRC32 log: the GTID at 482 retyped 200 + ignorable, CRC recomputed */
	b = load("mdev29078-mysql-bin.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	b[482 + 4] = 200;
	b[482 + 17] |= BP_LOG_EVENT_IGNORABLE_F;
	ROPEN(x, b, n, NULL); /* the CRC not fixed: a checksum error comes first */
	CU_ASSERT_TRUE(rskip_good(&x, 5));
	CU_ASSERT_EQUAL(rnext(&x), -BP_E_CHECKSUM);
	CU_ASSERT_EQUAL(x.err.offset, 482);
	rclose(&x);
	fix_crc(b + 482);
	ROPEN(x, b, n, NULL);
	CU_ASSERT_TRUE(rskip_good(&x, 5));
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 482);
	CU_ASSERT_EQUAL(x.ev->h.type, 200);
	CU_ASSERT_TRUE(x.ev->ignorable_unknown);
	CU_ASSERT_TRUE(rskip_good(&x, 6));
	CU_ASSERT_EQUAL(rnext(&x), 0);
	rclose(&x);
	free(b);
}

/* MySQL 8.0 TRANSACTION_PAYLOAD at 1468 whose zstd frame magic (at 1501) is
 * damaged, read without CRC checks so the decoder sees it */
static void payload_not_zstd(void)
{
	size_t n;
	uint8_t *b = load("mdev35643_mysql_80_binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL_FATAL(get32(b + 1501), 0xfd2fb528);
	b[1501] = 0;
	bp_reader_opts o = BP_READER_OPTS_INIT;
	o.verify_checksum = false;
	rd x;
	ROPEN(x, b, n, &o);
	int rc;
	while ((rc = rnext(&x)) == 1)
		;
	CU_ASSERT_EQUAL(rc, -BP_E_CORRUPT);
	ASSERT_ERR(x, BP_E_CORRUPT, 1468, "corrupt TRANSACTION_PAYLOAD: not a zstd frame");
	CU_ASSERT_EQUAL(bp_reader_skip(x.r), 1);
	CU_ASSERT_EQUAL_FATAL(rnext(&x), 1);
	CU_ASSERT_EQUAL(x.ev->pos, 2297);
	CU_ASSERT_FALSE(x.ev->in_payload);
	rclose(&x);
	free(b);
}

static const CU_TestInfo corrupt_tests[] = {
	{ "truncated in the middle of an event", truncated_mid_event },
	{ "truncated in the common header", truncated_header },
	{ "flipped byte in a CRC32 log, then skip", checksum_flip },
	{ "FDE checksum and the in-use flag", fde_checksum_in_use_flag },
	{ "QUERY status_vars_len past the event (no checksum)", query_status_vars_len },
	{ "row value past the end of the event", rows_value_past_end },
	{ "FDE with a bad version, header length or checksum algorithm", bad_fde_fields },
	{ "TABLE_MAP with an invalid packed integer", table_map_bad_packed_int },
	{ "event length < 19, > 1 GiB, past the file; resync", bad_length_resync },
	{ "not a binlog, short, empty, missing", not_a_binlog },
	{ "MySQL encrypted magic", mysql_encrypted_magic },
	{ "no format description event", no_format_description },
	{ "unknown event type with and without the ignorable flag", unknown_event_type },
	{ "TRANSACTION_PAYLOAD that is not zstd", payload_not_zstd },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_corrupt(void) { return bp_unit_add("analyzer/corrupt", corrupt_tests); }
