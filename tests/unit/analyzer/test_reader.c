/*
 * test_reader.c: the reader over whole files (analyzer/binlog_file.c):
 * framing, event counts, offsets, --start-position, TRANSACTION_PAYLOAD
 * expansion, encrypted MariaDB logs, v1/v2/v3 logs.
 *
 * Logs come from tests/unit/data (Debian mariadb-test-data, see SOURCES). Two
 * more tests read larger logs at run time when they are installed, and skip
 * otherwise: mariadb-test-data itself (BP_STD_DATA, default
 * /usr/share/mysql/mysql-test; a `make deps` dependency) and the MySQL testsuite
 * logs of the shared corpus (BP_REAL_FIXTURES, default ../../shared/fixtures/real).
 *
 * Expected event counts are what `mariadb-binlog FILE | grep -c '^# at '` prints.
 * mariadb-binlog writes one "# at" line per event, the FDE included; an
 * ANNOTATE_ROWS event and the TABLE_MAP after it get one line each even though
 * it prints them together ("# at 500" / "# at 547"). It prints no line for the
 * event it fails on, and stops there; the files where it stops early are noted.
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer/binlog_file.h"

static const char *data_dir(void)
{
	const char *e = getenv("BP_UNIT_DATA");
	return e ? e : "unit/data";
}

static void data_path(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", data_dir(), name);
}

static uint8_t *load(const char *name, size_t *len)
{
	char path[512];
	data_path(path, sizeof(path), name);
	return bp_unit_slurp(path, len);
}

/* Write bytes to a new temporary file; path must hold 32 bytes. */
static bool write_tmp(char *path, const uint8_t *p, size_t n)
{
	snprintf(path, 32, "/tmp/bp-unit-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return false;
	bool ok = write(fd, p, n) == (ssize_t)n;
	close(fd);
	return ok;
}

typedef struct scan {
	int n_top, n_inner, n_err;
	bp_errcode first_err;
	int64_t first_err_off;
	uint64_t last_pos;
	int last_type;
	uint64_t end_offset;
} scan;

/* Read a whole log; stops at the first error. Returns false if it cannot open. */
static bool scan_file(const char *path, const bp_reader_opts *opts, scan *s)
{
	bp_reader *r;
	bp_err err;
	memset(s, 0, sizeof(*s));
	s->first_err_off = -1;
	bp_err_clear(&err);
	if (bp_reader_open(&r, path, opts, &err))
		return false;
	const bp_event *ev;
	int rc;
	while ((rc = bp_reader_next(r, &ev, &err)) == 1) {
		if (ev->in_payload) {
			s->n_inner++;
			continue;
		}
		s->n_top++;
		s->last_pos = ev->pos;
		s->last_type = ev->h.type;
	}
	if (rc < 0) {
		s->n_err++;
		s->first_err = err.code;
		s->first_err_off = err.offset;
	}
	s->end_offset = bp_reader_offset(r);
	bp_reader_free(r);
	return true;
}

/* ------------------------------------------------------------------------ */

static const struct {
	const char *file;
	int events;         /* top-level events binprime returns */
	int inner;          /* events inside TRANSACTION_PAYLOADs */
	int mariadb_binlog; /* "# at" lines of mariadb-binlog 10.11.19 */
	uint64_t last_pos;
	int last_type;
	uint64_t size;
} counts[] = {
	{ "mariadb-5.5-binlog.000001", 13, 0, 13, 1018, BP_EV_STOP, 1037 },
	{ "mdev29078-mysql-bin.000001", 12, 0, 12, 897, BP_EV_STOP, 920 },
	{ "master-bin-seq_10.3.36.000001", 17, 0, 17, 1134, BP_EV_QUERY, 1245 },
	{ "mysql-5.7.11-stm-temporal-round-binlog.000001", 8, 0, 8, 491, BP_EV_STOP, 514 },
	{ "bug47142_master-bin.000001", 6, 0, 6, 342, BP_EV_ROTATE, 386 },
	{ "trunc_binlog.000001", 3, 0, 3, 119, BP_EV_QUERY, 174 },
	{ "master-bin.000001", 2, 0, 2, 79, BP_EV_STOP, 98 },
	{ "mdev-4645-binlog_none.binlog", 4, 0, 4, 297, BP_EV_QUERY, 374 },
	{ "mdev-4645-binlog_checksum.binlog", 4, 0, 4, 305, BP_EV_QUERY, 386 },
	{ "mdev-4645-binlog_group_id.binlog", 4, 0, 4, 313, BP_EV_QUERY, 398 },
	{ "mdev-4645-binlog_group_id_checksum.binlog", 4, 0, 4, 321, BP_EV_QUERY, 410 },
	{ "ver_trunk_row_v2.001.head2651", 35, 0, 35, 2576, BP_EV_QUERY, 2651 },
	{ "binlog_old_version_4_1.000001.head580", 9, 0, 9, 487, BP_EV_QUERY, 580 },
	{ "ver_5_1_17.001.head1463", 20, 0, 20, 1342, BP_EV_QUERY, 1463 },
	/* mariadb-binlog stops at the TRANSACTION_PAYLOAD at 1468 ("Found incompatible
	 * MySQL 8.0 TRANSACTION_PAYLOAD_EVENT"): 22 lines; binprime reads the 40
	 * top-level events and the 202 inside the payload */
	{ "mdev35643_mysql_80_binlog.000001", 40, 202, 22, 4390, BP_EV_ROTATE, 4438 },
	/* mariadb-binlog refuses the INCIDENT at 106 (its number, 66, is invalid on
	 * purpose: MySQL bug #40482) and stops after the FDE: 1 line */
	{ "bug40482-bin.000001", 3, 0, 1, 128, BP_EV_ROTATE, 172 },
};

static void counts_match_mariadb_binlog(void)
{
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char path[512];
		scan s;
		data_path(path, sizeof(path), counts[i].file);
		CU_ASSERT_FATAL(scan_file(path, NULL, &s));
		if (s.n_top != counts[i].events || s.n_err)
			fprintf(stderr, "\n%s: %d events, %d errors\n", counts[i].file, s.n_top, s.n_err);
		CU_ASSERT_EQUAL(s.n_top, counts[i].events);
		CU_ASSERT_EQUAL(s.n_inner, counts[i].inner);
		CU_ASSERT_EQUAL(s.n_err, 0);
		CU_ASSERT_EQUAL(s.last_pos, counts[i].last_pos);
		CU_ASSERT_EQUAL(s.last_type, counts[i].last_type);
		CU_ASSERT_EQUAL(s.end_offset, counts[i].size);
		/* equal to mariadb-binlog's count, or more where it stops early */
		CU_ASSERT_TRUE(s.n_top >= counts[i].mariadb_binlog);
	}
}

/* Each event starts where the previous ended; log_pos (next_pos) agrees in these logs */
static void offsets_progress(void)
{
	static const char *files[] = { "mariadb-5.5-binlog.000001", "mdev29078-mysql-bin.000001",
				       "master-bin-seq_10.3.36.000001" };
	for (size_t i = 0; i < 3; i++) {
		char path[512];
		size_t size;
		uint8_t *raw = load(files[i], &size);
		CU_ASSERT_PTR_NOT_NULL_FATAL(raw);
		data_path(path, sizeof(path), files[i]);
		bp_reader *r;
		bp_err err;
		bp_err_clear(&err);
		CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
		CU_ASSERT_EQUAL(bp_reader_offset(r), 4);
		CU_ASSERT_EQUAL(bp_reader_size(r), size);
		CU_ASSERT_STRING_EQUAL(bp_reader_path(r), path);
		CU_ASSERT_FALSE(bp_reader_format(r)->known);
		const bp_event *ev;
		uint64_t at = 4;
		int n = 0, bad = 0;
		while (bp_reader_next(r, &ev, &err) == 1) {
			n++;
			bad += ev->pos != at;
			bad += bp_reader_offset(r) != ev->pos + ev->h.length;
			bad += ev->h.next_pos != ev->pos + ev->h.length;
			bad += ev->raw_len != ev->h.length;
			bad += memcmp(ev->raw, raw + ev->pos, ev->raw_len) != 0;
			at = bp_reader_offset(r);
		}
		CU_ASSERT_TRUE(n > 10);
		CU_ASSERT_EQUAL(bad, 0);
		CU_ASSERT_EQUAL(at, size);
		CU_ASSERT_TRUE(bp_reader_format(r)->known);
		CU_ASSERT_EQUAL(bp_reader_format(r)->checksum_alg, i == 0 ? BP_CHECKSUM_NONE : BP_CHECKSUM_CRC32);
		/* at the end the reader keeps saying so */
		CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), 0);
		bp_reader_free(r);
		free(raw);
	}
}

/* --start-position: the FDE first, then a jump (as mariadb-binlog --start-position) */
static void start_position(void)
{
	char path[512];
	bp_reader_opts o = BP_READER_OPTS_INIT;
	bp_reader *r;
	bp_err err;
	const bp_event *ev;

	/* `mariadb-binlog --start-position=522`: "# at 4", then 522 (Xid = 5) .. 1018: 10 lines */
	data_path(path, sizeof(path), "mariadb-5.5-binlog.000001");
	o.start_position = 522;
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, &o, &err), 0);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_FORMAT_DESCRIPTION);
	CU_ASSERT_EQUAL(bp_reader_offset(r), 522);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->pos, 522);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_XID);
	CU_ASSERT_EQUAL(ev->xid.xid, 5);
	int n = 2;
	while (bp_reader_next(r, &ev, &err) == 1)
		n++;
	CU_ASSERT_EQUAL(n, 10);
	bp_reader_free(r);

	/* CRC32 log: `--start-position=482` gives "# at 4", "# at 482" (GTID 0-1-2) */
	scan s;
	data_path(path, sizeof(path), "mdev29078-mysql-bin.000001");
	o.start_position = 482;
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, &o, &err), 0);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->pos, 482);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_MARIADB_GTID);
	CU_ASSERT_EQUAL(ev->mgtid.seq_no, 2);
	bp_reader_free(r);
	CU_ASSERT_FATAL(scan_file(path, &o, &s));
	CU_ASSERT_EQUAL(s.n_top, 1 + 7); /* FDE + 482, 524, 620, 693, 735, 824, 897 */
	CU_ASSERT_EQUAL(s.n_err, 0);

	/* a start at or before the end of the FDE reads everything */
	o.start_position = 4;
	CU_ASSERT_FATAL(scan_file(path, &o, &s));
	CU_ASSERT_EQUAL(s.n_top, 12);
	o.start_position = 256;
	CU_ASSERT_FATAL(scan_file(path, &o, &s));
	CU_ASSERT_EQUAL(s.n_top, 12);
	/* the start is the end of the file: only the FDE */
	o.start_position = 920;
	CU_ASSERT_FATAL(scan_file(path, &o, &s));
	CU_ASSERT_EQUAL(s.n_top, 1);
	CU_ASSERT_EQUAL(s.n_err, 0);
}

/*
 * MySQL 8.0.40 TRANSACTION_PAYLOAD at 1468 (zstd, 792 -> 20188 bytes): after the
 * payload event come the 202 events inside it (QUERY, 100 x TABLE_MAP +
 * WRITE_ROWS, XID), with in_payload set, positions inside the payload and no
 * checksums; then the next top-level event (ANONYMOUS_GTID at 2297).
 */
static void payload_expansion(void)
{
	char path[512];
	bp_reader *r;
	bp_err err;
	const bp_event *ev;
	data_path(path, sizeof(path), "mdev35643_mysql_80_binlog.000001");
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
	int rc;
	while ((rc = bp_reader_next(r, &ev, &err)) == 1 && ev->h.type != BP_EV_TRANSACTION_PAYLOAD)
		;
	CU_ASSERT_EQUAL_FATAL(rc, 1);
	CU_ASSERT_EQUAL(ev->pos, 1468);
	CU_ASSERT_FALSE(ev->in_payload);
	CU_ASSERT_EQUAL(ev->payload.uncompressed_size, 20188);
	uint64_t expect = 0;
	int n = 0, tm = 0, wr = 0, bad = 0, rows = 0;
	for (;;) {
		CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
		if (!ev->in_payload)
			break;
		if (n == 0) {
			CU_ASSERT_EQUAL(ev->h.type, BP_EV_QUERY);
			CU_ASSERT_EQUAL(ev->h.length, 71);
			CU_ASSERT_TRUE(ev->query.query_len == 5 && memcmp(ev->query.query, "BEGIN", 5) == 0);
		}
		n++;
		bad += ev->pos != expect;
		bad += ev->payload_pos != 1468;
		bad += ev->data_len != ev->raw_len; /* no checksum inside a payload */
		bad += bp_reader_offset(r) != 2297;
		tm += ev->h.type == BP_EV_TABLE_MAP;
		if (ev->h.type == BP_EV_WRITE_ROWS) {
			wr++;
			rows += ev->rows.map != NULL && ev->rows.n_rows == 1;
		}
		expect = ev->pos + ev->h.length;
		if (ev->h.type == BP_EV_XID)
			CU_ASSERT_EQUAL(expect, 20188);
	}
	CU_ASSERT_EQUAL(n, 202);
	CU_ASSERT_EQUAL(tm, 100);
	CU_ASSERT_EQUAL(wr, 100);
	CU_ASSERT_EQUAL(rows, 100);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(ev->pos, 2297);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_ANONYMOUS_GTID);
	bp_reader_free(r);
}

/* MariaDB 10.2.28 encrypted log (binlog_before_20574.bin, in-use flag set): the
 * FDE reads (its CRC verified with the flag masked), then the START_ENCRYPTION
 * at 256 stops the log */
static void mariadb_encrypted(void)
{
	char path[512];
	bp_reader *r;
	bp_err err;
	const bp_event *ev;
	data_path(path, sizeof(path), "binlog_before_20574.bin");
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_FORMAT_DESCRIPTION);
	CU_ASSERT_EQUAL(ev->h.flags, BP_LOG_EVENT_BINLOG_IN_USE_F);
	CU_ASSERT_EQUAL(ev->fde.checksum_alg, BP_CHECKSUM_CRC32);
	bp_err_clear(&err);
	CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), -BP_E_ENCRYPTED);
	CU_ASSERT_EQUAL(err.code, BP_E_ENCRYPTED);
	CU_ASSERT_EQUAL(err.offset, 256);
	CU_ASSERT_PTR_NOT_NULL(err.path);
	if (err.path)
		CU_ASSERT_STRING_EQUAL(err.path, path);
	CU_ASSERT_STRING_EQUAL(err.msg, "encrypted log (MariaDB encrypt_binlog): events after this "
					"START_ENCRYPTION cannot be read, not supported");
	CU_ASSERT_EQUAL(bp_reader_offset(r), 296);
	CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), 0);
	CU_ASSERT_EQUAL(bp_reader_skip(r), 0);
	bp_reader_free(r);
}

/* Old formats: v3 (4.1.26) and a v1 log derived from trunc_binlog.000001 (see
 * header_v1_synthetic in test_decode.c: bytes 13..18 of each header dropped) */
static void old_formats(void)
{
	char path[512];
	bp_reader *r;
	bp_err err;
	const bp_event *ev;
	static const uint8_t v3_types[] = { BP_EV_START_V3, BP_EV_QUERY, BP_EV_QUERY,
					    BP_EV_QUERY,    BP_EV_QUERY, BP_EV_ROTATE };
	static const uint64_t v3_pos[] = { 4, 79, 170, 233, 294, 342 };
	data_path(path, sizeof(path), "bug47142_master-bin.000001");
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
	for (int i = 0; i < 6; i++) {
		CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
		CU_ASSERT_EQUAL(ev->h.type, v3_types[i]);
		CU_ASSERT_EQUAL(ev->pos, v3_pos[i]);
	}
	CU_ASSERT_EQUAL(bp_reader_format(r)->binlog_version, 3);
	CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), 0);
	bp_reader_free(r);

	size_t n;
	uint8_t *b = load("trunc_binlog.000001", &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	uint8_t v1[4 + 69 + 34];
	memcpy(v1, b, 4);
	memcpy(v1 + 4, b + 4, 13);
	v1[4 + 9] = 69;
	memcpy(v1 + 4 + 13, b + 4 + 19, 56);
	v1[4 + 13] = 1;
	memset(v1 + 4 + 15, 0, 50);
	memcpy(v1 + 4 + 15, "3.23.58-log", 11);
	memcpy(v1 + 73, b + 79, 13);
	v1[73 + 9] = 34;
	memcpy(v1 + 73 + 13, b + 79 + 19, 21);
	free(b);
	char tmp[32];
	CU_ASSERT_FATAL(write_tmp(tmp, v1, sizeof(v1)));
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, tmp, NULL, &err), 0);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_START_V3);
	CU_ASSERT_EQUAL(ev->fde.binlog_version, 1);
	CU_ASSERT_EQUAL(bp_reader_format(r)->header_len, 13);
	CU_ASSERT_EQUAL(bp_reader_offset(r), 73);
	CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
	CU_ASSERT_EQUAL(ev->pos, 73);
	CU_ASSERT_EQUAL(ev->h.type, BP_EV_QUERY);
	CU_ASSERT_EQUAL(ev->h.length, 34);
	CU_ASSERT_TRUE(ev->query.query_len == 5 && memcmp(ev->query.query, "BEGIN", 5) == 0);
	CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), 0);
	CU_ASSERT_EQUAL(bp_reader_offset(r), sizeof(v1));
	bp_reader_free(r);
	unlink(tmp);
}

/* ------------------------------------------------------------------------ */
/* logs read at run time when installed                                      */

/* Debian mariadb-test-data (declared in share/deps.sh): larger logs, same rule */
static void installed_std_data(void)
{
	const char *dir = getenv("BP_STD_DATA");
	if (!dir)
		dir = "/usr/share/mysql/mysql-test";
	static const struct {
		const char *file;
		int events;
		bp_errcode err; /* BP_OK: reads to the end */
		int64_t err_off;
	} logs[] = {
		{ "std_data/mdev6020-mysql-bin.000001", 7754, BP_OK, -1 },
		{ "suite/binlog/std_data/binlog_old_version_4_1.000001", 12, BP_OK, -1 },
		{ "suite/binlog/std_data/ver_5_1-telco.001", 24, BP_OK, -1 },
		{ "suite/binlog/std_data/ver_5_1_23.001", 24, BP_OK, -1 },
		{ "suite/binlog/std_data/ver_trunk_row_v2.001", 40, BP_OK, -1 },
		{ "suite/binlog/std_data/bug32407.001", 7, BP_OK, -1 },
		{ "suite/binlog/std_data/write-partial-row.binlog", 10, BP_OK, -1 },
		{ "suite/binlog/std_data/update-full-row.binlog", 10, BP_OK, -1 },
		{ "std_data/bug33029-slave-relay-bin.000001", 43, BP_OK, -1 },
		{ "std_data/binlog_transaction.000001", 20, BP_OK, -1 },
		{ "std_data/rpl/mysql-8.0.13-stm-temporal-round-binlog.000001", 13, BP_OK, -1 },
		/* truncated on purpose inside a 65567-byte WRITE_ROWS_V1 at 316
		 * (mariadb-binlog: 4 "# at" lines, then "ERROR: ... 'Event truncated'") */
		{ "std_data/bug11747416_32228_binlog.000001", 4, BP_E_TRUNCATED, 316 },
		/* MDEV-39404: the GTID at 256 says 401 bytes and its CRC is 0 */
		{ "std_data/mdev-39404-binlog.000001", 1, BP_E_CHECKSUM, 256 },
	};
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", dir, logs[0].file);
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "\n  (skipped: no mariadb-test-data at %s)\n", dir);
		return;
	}
	for (size_t i = 0; i < sizeof(logs) / sizeof(logs[0]); i++) {
		scan s;
		snprintf(path, sizeof(path), "%s/%s", dir, logs[i].file);
		CU_ASSERT_FATAL(scan_file(path, NULL, &s));
		if (s.n_top != logs[i].events)
			fprintf(stderr, "\n%s: %d events\n", logs[i].file, s.n_top);
		CU_ASSERT_EQUAL(s.n_top, logs[i].events);
		CU_ASSERT_EQUAL(s.n_err ? s.first_err : BP_OK, logs[i].err);
		CU_ASSERT_EQUAL(s.first_err_off, logs[i].err_off);
	}
}

/* MySQL testsuite logs of the shared corpus (not in mariadb-test-data) */
static void shared_corpus_logs(void)
{
	const char *dir = getenv("BP_REAL_FIXTURES");
	if (!dir)
		dir = "../../shared/fixtures/real";
	char path[1024];
	bp_reader *r;
	bp_err err;
	const bp_event *ev;

	/* 5.2.2-a_drop6p13: types 16..22 permuted. mariadb-binlog does not permute
	 * and reads the TABLE_MAP at 428 as "Xid = 8359244358505296900" */
	snprintf(path, sizeof(path), "%s/mysql-testsuite-9.7/suite/binlog/std_data/ver_5_1-wl2325_r.001", dir);
	if (access(path, R_OK) != 0) {
		fprintf(stderr, "\n  (skipped: no shared corpus at %s)\n", dir);
		return;
	}
	static const uint8_t types[] = {
		BP_EV_FORMAT_DESCRIPTION, BP_EV_QUERY, BP_EV_QUERY,  BP_EV_QUERY,
		BP_EV_TABLE_MAP, BP_EV_PRE_GA_WRITE_ROWS, BP_EV_TABLE_MAP, BP_EV_PRE_GA_UPDATE_ROWS,
		BP_EV_TABLE_MAP, BP_EV_PRE_GA_DELETE_ROWS, BP_EV_STOP,
	};
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
	for (size_t i = 0; i < sizeof(types); i++) {
		CU_ASSERT_EQUAL_FATAL(bp_reader_next(r, &ev, &err), 1);
		CU_ASSERT_EQUAL(ev->h.type, types[i]);
		if (ev->h.type == BP_EV_TABLE_MAP)
			CU_ASSERT_STRING_EQUAL(ev->table_map->db, "test");
	}
	CU_ASSERT_TRUE(bp_reader_format(r)->permuted);
	CU_ASSERT_EQUAL(bp_reader_next(r, &ev, &err), 0);
	bp_reader_free(r);

	/* MySQL 5.6.41 GTID_EVENTs: sid 11111111-1111-1111-1111-111111111111, gno 1..6 */
	snprintf(path, sizeof(path), "%s/mysql-testsuite-9.7/std_data/binlog_56_gtid_reserved_word.000001", dir);
	if (access(path, R_OK) != 0)
		return;
	CU_ASSERT_EQUAL_FATAL(bp_reader_open(&r, path, NULL, &err), 0);
	int64_t gno = 0;
	int rc;
	while ((rc = bp_reader_next(r, &ev, &err)) == 1) {
		if (ev->h.type != BP_EV_GTID)
			continue;
		CU_ASSERT_EQUAL(ev->gtid.gno, gno + 1);
		CU_ASSERT_EQUAL(ev->gtid.sid[0], 0x11);
		CU_ASSERT_EQUAL(ev->gtid.sid[15], 0x11);
		CU_ASSERT_FALSE(ev->gtid.has_logical_clock);
		gno = ev->gtid.gno;
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(gno, 6);
	bp_reader_free(r);
}

static const CU_TestInfo reader_tests[] = {
	{ "event counts match mariadb-binlog", counts_match_mariadb_binlog },
	{ "offsets progress event by event", offsets_progress },
	{ "start position", start_position },
	{ "TRANSACTION_PAYLOAD expansion (MySQL 8.0)", payload_expansion },
	{ "MariaDB encrypted log stops at START_ENCRYPTION", mariadb_encrypted },
	{ "binlog v3 and v1 logs", old_formats },
	{ "installed mariadb-test-data logs (skipped when absent)", installed_std_data },
	{ "shared corpus: a_drop6 permutation, MySQL 5.6 GTIDs (skipped when absent)", shared_corpus_logs },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_reader(void) { return bp_unit_add("analyzer/reader", reader_tests); }
