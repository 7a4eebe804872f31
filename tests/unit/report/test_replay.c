/*
 * test_replay.c: the parts of `binprime replay` that need no server — the
 * read-only check of scripts (report/replay_script.c), the line comments'
 * positions and times, the parsers of --follow (report/replay_follow.c) and
 * the latency histogram (report/replay_stats.c).
 */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/replay_follow.h"
#include "report/replay_script.h"
#include "report/replay_stats.h"
#include "rewriter/dml.h"

static bool ok_sql(const char *s) { return bp_replay_select_ok(s, strlen(s), NULL); }

static void replay_accepts_generated_forms(void)
{
	static const char *const good[] = {
		"SELECT 1 FROM `shop`.`orders` FORCE INDEX(`PRIMARY`) WHERE `id` = 981",
		"SELECT COUNT(*) FROM `shop`.`orders` FORCE INDEX(`k_status`) WHERE `status` = 2 AND `id` = 981;",
		"SELECT COUNT(*) FROM `s`.`t` FORCE INDEX(`k`) WHERE (`c`,`id`) IN (('x',1),('y',2))",
		"SELECT COUNT(*) FROM (SELECT * FROM `s`.`t` WHERE (`a` > 5) ORDER BY `id` LIMIT 1000) AS bp_row",
		"SELECT COUNT(*) FROM (SELECT * FROM `s`.`t` WHERE `a` = 1 LIMIT 10) AS bp_row JOIN `s`.`t` AS bp_ix "
		"FORCE INDEX(`k`) ON bp_ix.`k1` = bp_row.`k1`",
		"SELECT 1 FROM `s`.`t` WHERE `d` = DATE_ADD(NOW(), INTERVAL 1 DAY) AND `u` = LOWER('X')",
		"SELECT 1 FROM `s`.`t` WHERE `b` = _latin1 X'e9' AND `c` = 'it''s' AND `e` = -1.5E-7",
		"SELECT 1 FROM `s`.`t` WHERE CAST(`a` AS CHAR) = 'x' AND `b` IN (SELECT 1)",
		"SELECT 1 FROM `s`.`t` WHERE `id` = LAST_INSERT_ID()",
		NULL,
	};
	for (int i = 0; good[i]; i++)
		CHECK(ok_sql(good[i]), "refused: %s", good[i]);
}

static void replay_refuses_writes_and_tricks(void)
{
	static const char *const bad[] = {
		"INSERT INTO t VALUES (1)",
		"UPDATE t SET a = 1",
		"DELETE FROM t",
		"DROP TABLE t",
		"SELECT 1; DROP TABLE t",
		"SELECT 1 FROM t WHERE a = 'x\\'; DELETE FROM t; -- '",
		"SELECT 1 FROM t WHERE a = \"x\"",
		"SELECT 1 /* ; DROP TABLE t; */ FROM t",
		"SELECT 1 /*!50000 , (SELECT 1) */ FROM t",
		"SELECT 1 -- hidden\n FROM t",
		"SELECT 1 FROM t /* what is sent is checked whole: no comment, even at the end */",
		"SELECT * FROM t INTO OUTFILE '/tmp/x'",
		"SELECT * FROM t FOR UPDATE",
		"SELECT * FROM t FOR SHARE",
		"SELECT * FROM t LOCK IN SHARE MODE",
		"SELECT db.f()",
		"SELECT `f`()",
		"SELECT f() FROM t",
		"SELECT SLEEP(1)",
		"SELECT sleep (1)",
		"SELECT BENCHMARK(1000000, MD5('a'))",
		"SELECT GET_LOCK('a', 1)",
		"SELECT LOAD_FILE('/etc/passwd')",
		"SELECT NEXTVAL(s)",
		"SELECT NEXT VALUE FOR s",
		"SELECT LAST_INSERT_ID(5)",
		"SELECT LAST_INSERT_ID(`a`) FROM t",
		"SELECT db.LAST_INSERT_ID()",
		"SELECT @a := 1",
		"SELECT @@global.read_only",
		"SELECT /*+ MAX_EXECUTION_TIME(1) */ 1",
		"SELECT 1 FROM t PROCEDURE ANALYSE()",
		"SELECT 'unterminated",
		"WITH x AS (SELECT 1) SELECT * FROM x",
		NULL,
	};
	for (int i = 0; bad[i]; i++)
		CHECK(!ok_sql(bad[i]), "accepted: %s", bad[i]);
}

static void replay_whitelist_is_the_rewriters(void)
{
	CHECK(bp_func_is_builtin_safe("now", 3), "now");
	CHECK(bp_func_is_builtin_safe("DATE_ADD", 8), "DATE_ADD");
	CHECK(!bp_func_is_builtin_safe("SLEEP", 5), "SLEEP");
	CHECK(!bp_func_is_builtin_safe("LAST_INSERT_ID", 14), "LAST_INSERT_ID takes an argument that sets");
	CHECK(!bp_func_is_builtin_safe("NOWX", 4), "NOWX");
	CHECK(!bp_func_is_builtin_safe("NO", 2), "prefix of NOW");
	CHECK(!bp_func_is_builtin_safe("", 0), "empty");
}

static int parse(const char *text, bp_replay_script *s, bp_err *err)
{
	memset(s, 0, sizeof(*s));
	bp_err_clear(err);
	return bp_replay_script_parse(s, text, strlen(text), err);
}

/* The statements as the replay reads them: the second pass, in order. */
static size_t collect(bp_replay_script *s, bp_rs_stmt *out, size_t max)
{
	bp_err err;
	bp_err_clear(&err);
	size_t n = 0;
	bp_rs_stmt st;
	while (n < max && bp_replay_script_next(s, &st, &err) > 0)
		out[n++] = st;
	return n;
}

static void replay_script_split_and_classes(void)
{
	const char *text = "-- binprime prefetch script\n"
			   "SET SESSION TRANSACTION READ ONLY;\nSET NAMES utf8mb4;\nSET SESSION time_zone = '+00:00';\n"
			   "SELECT 1 FROM `a`.`t` WHERE `s` = ';' ; /* f:4 0-1-1 pk-point PRIMARY before */\n"
			   "SELECT 2; /* f:9 - secondary-point k after */\n"
			   "SELECT 3; /* f:9 - pk-point PRIMARY after */\n"
			   "SELECT\n4;\n"
			   "SELECT 1 FROM `a;b`.`t` WHERE `c` = '--;' /* ; */; -- ;\n";
	bp_replay_script s;
	bp_err err;
	CU_ASSERT_EQUAL_FATAL(parse(text, &s, &err), 0);
	CU_ASSERT(s.hdr_read_only && s.hdr_names && s.hdr_time_zone);
	CU_ASSERT_EQUAL_FATAL(s.n, 5);
	bp_rs_stmt st[8];
	CU_ASSERT_EQUAL_FATAL(collect(&s, st, 8), 5);
	CU_ASSERT_EQUAL(st[0].line, 5);
	CU_ASSERT_EQUAL(st[0].len, strlen("SELECT 1 FROM `a`.`t` WHERE `s` = ';'"));
	CU_ASSERT_EQUAL(strncmp(st[0].sql, "SELECT 1 FROM", 13), 0);
	CU_ASSERT_STRING_EQUAL(s.classes[st[0].cls], "pk-point");
	CU_ASSERT_STRING_EQUAL(s.classes[st[1].cls], "secondary-point");
	CU_ASSERT_EQUAL(st[2].cls, st[0].cls);
	CU_ASSERT_STRING_EQUAL(s.classes[st[3].cls], "-");
	CU_ASSERT_EQUAL(st[3].line, 8);
	CU_ASSERT_EQUAL(s.n_classes, 3);
	CU_ASSERT_EQUAL(st[4].len, strlen("SELECT 1 FROM `a;b`.`t` WHERE `c` = '--;'"));
	bp_replay_script_release(&s);
}

static void replay_script_refusals_name_the_line(void)
{
	static const struct {
		const char *text;
		const char *msg; /* start of the message */
	} cases[] = {
		{ "SELECT 1;\nSELECT 2;\nDELETE FROM t;\n", "3: refused: not a single" },
		{ "SELECT 1;\nSELECT 2; DROP TABLE t;\n", "2: refused" },
		{ "SELECT 1;\nSELECT 'a\n;b';\nSELECT 'x", "4: refused: unterminated" },
		{ "SELECT 1;\nSELECT 2\n", "2: refused: last statement has no ';'" },
		{ "SELECT 1;\nSET NAMES utf8mb4;\n", "2: header statement after the first SELECT" },
		{ "SET NAMES latin1;\nSELECT 1;\n", "1: refused" },
		{ "SET SESSION TRANSACTION READ WRITE;\n", "1: refused" },
		{ "SELECT 1 /* c */ FROM t;\n", "1: refused: comment inside a statement" },
		{ "SELECT 1;\n\n  /*!50000 DELETE FROM t */;\n", "3: refused" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bp_replay_script s;
		bp_err err;
		int rc = parse(cases[i].text, &s, &err);
		CHECK(rc == -BP_E_UNSUPPORTED, "case %zu: rc %d", i, rc);
		CHECK(strncmp(err.msg, cases[i].msg, strlen(cases[i].msg)) == 0, "case %zu: '%s'", i, err.msg);
		bp_replay_script_release(&s);
	}
}

static void replay_script_class_overflow(void)
{
	char text[8192];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "SELECT %d; /* f:1 - class%d PRIMARY before */\n", i, i);
	bp_replay_script s;
	bp_err err;
	CU_ASSERT_EQUAL_FATAL(parse(text, &s, &err), 0);
	CU_ASSERT_EQUAL(s.n, 40);
	CU_ASSERT_EQUAL(s.n_classes, BP_RS_MAX_CLASSES);
	CU_ASSERT_STRING_EQUAL(s.classes[BP_RS_MAX_CLASSES - 1], "other");
	bp_rs_stmt st[40];
	CU_ASSERT_EQUAL_FATAL(collect(&s, st, 40), 40);
	CU_ASSERT_STRING_EQUAL(s.classes[st[39].cls], "other");
	CU_ASSERT_STRING_EQUAL(s.classes[st[29].cls], "class29");
	bp_replay_script_release(&s);
}

/*
 * A script read from a file through a window far smaller than it (statements,
 * strings and line comments cut by the window's end, a statement longer than
 * the window) gives the same statements as read whole, and a refusal past the
 * first windows names its line.
 */
static void replay_script_window_equals_whole(void)
{
	size_t cap = 1 << 20, n = 0;
	char *text = malloc(cap);
	CU_ASSERT_FATAL(text != NULL);
	n += (size_t)snprintf(text + n, cap - n, "SET SESSION TRANSACTION READ ONLY;\nSET NAMES utf8mb4;\n");
	for (int i = 0; i < 600; i++) {
		if (i % 97 == 5) { /* longer than the window */
			n += (size_t)snprintf(text + n, cap - n, "SELECT COUNT(*) FROM `d`.`t` WHERE `id` IN (");
			for (int j = 0; j < 300; j++)
				n += (size_t)snprintf(text + n, cap - n, "%s%d", j ? "," : "", j);
			n += (size_t)snprintf(text + n, cap - n, "); /* bin.%06d:%d 0-1-%d mixed PRIMARY before %d */\n",
					      1 + i / 200, 4 + i, 10 + i, 1700000000 + i);
		} else if (i % 7 == 3) {
			n += (size_t)snprintf(text + n, cap - n, "SELECT 1 FROM `d`.`t` WHERE `s` = 'a;\n;b' AND `i` = %d;\n", i);
		} else {
			n += (size_t)snprintf(text + n, cap - n,
					      "SELECT 1 FROM `d`.`t` FORCE INDEX(`PRIMARY`) WHERE `id` = %d; "
					      "/* bin.%06d:%d %s pk-point PRIMARY before %d */\n",
					      i, 1 + i / 200, 4 + 10 * i, i % 2 ? "-" : "0-1-5", 1700000000 + i);
		}
	}
	bp_replay_script whole, win;
	memset(&whole, 0, sizeof(whole));
	memset(&win, 0, sizeof(win));
	bp_err err;
	bp_err_clear(&err);
	CU_ASSERT_FATAL(bp_replay_script_parse(&whole, text, n, &err) == 0);
	char path[] = "/tmp/bp-test-window-XXXXXX";
	int fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, text, n) == (ssize_t)n);
	close(fd);
	win.window = 64;
	CHECK(bp_replay_script_load(&win, path, &err) == 0, "load: %s", err.msg);
	CU_ASSERT_EQUAL(win.n, whole.n);
	CU_ASSERT_EQUAL(win.n_pos_keys, whole.n_pos_keys);
	CU_ASSERT_EQUAL(win.ts0, whole.ts0);
	CU_ASSERT(win.hdr_read_only && win.hdr_names && !win.hdr_time_zone);
	size_t same = 0, k = 0;
	bp_rs_stmt a, b;
	while (bp_replay_script_next(&whole, &a, &err) > 0 && bp_replay_script_next(&win, &b, &err) > 0) {
		k++;
		same += a.len == b.len && memcmp(a.sql, b.sql, a.len) == 0 && a.line == b.line && a.ts == b.ts &&
			a.stream == b.stream && a.seq_first == b.seq_first && a.seq_last == b.seq_last &&
			strcmp(whole.classes[a.cls], win.classes[b.cls]) == 0;
	}
	CHECK(k == whole.n && same == k, "%zu of %zu read, %zu the same", k, whole.n, same);
	CU_ASSERT_EQUAL(bp_replay_script_next(&win, &b, &err), 0);
	bp_replay_script_release(&win);
	bp_replay_script_release(&whole);
	/* a write far into the file: refused with its line */
	n += (size_t)snprintf(text + n, cap - n, "SELECT 1;\nDELETE FROM t;\n");
	FILE *fp = fopen(path, "w");
	CU_ASSERT_FATAL(fp != NULL);
	fwrite(text, 1, n, fp);
	fclose(fp);
	uint32_t lines = 0;
	for (size_t i = 0; i < n; i++)
		lines += text[i] == '\n';
	memset(&win, 0, sizeof(win));
	win.window = 64;
	bp_err_clear(&err);
	CU_ASSERT_EQUAL(bp_replay_script_load(&win, path, &err), -BP_E_UNSUPPORTED);
	char want[64];
	snprintf(want, sizeof(want), "%s:%u: refused", path, lines);
	CHECK(strncmp(err.msg, want, strlen(want)) == 0, "'%s' should start with '%s'", err.msg, want);
	bp_replay_script_release(&win);
	unlink(path);
	free(text);
}

/* ---- histogram --------------------------------------------------------------------- */

static void hist_buckets_are_monotonic_and_tight(void)
{
	int bad = 0;
	uint64_t v = 0;
	unsigned prev = 0;
	for (int i = 0; i < 200000; i++) {
		unsigned b = bp_hist_bucket(v);
		uint64_t lo = bp_hist_bucket_low(b);
		uint64_t hi = b + 1 < BP_HIST_BUCKETS ? bp_hist_bucket_low(b + 1) : UINT64_MAX;
		if (b < prev || lo > v || (b + 1 < BP_HIST_BUCKETS && v >= hi))
			bad++;
		if (b + 1 < BP_HIST_BUCKETS && lo >= BP_HIST_LINEAR && (double)(hi - lo) / (double)lo > 1.0 / 128 + 1e-12)
			bad++;
		prev = b;
		v += 1 + v / 97; /* dense at first, then ~1% steps up to large values */
	}
	CHECK(bad == 0, "%d bucket errors", bad);
	CU_ASSERT_EQUAL(bp_hist_bucket(UINT64_MAX), BP_HIST_BUCKETS - 1);
	CU_ASSERT_EQUAL(bp_hist_bucket(255), 255);
	CU_ASSERT_EQUAL(bp_hist_bucket(256), 256);
}

static void hist_quantiles_within_one_percent(void)
{
	bp_hist *h = malloc(sizeof(*h)), *h2 = malloc(sizeof(*h2));
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h2);
	bp_hist_init(h);
	bp_hist_init(h2);
	CU_ASSERT_EQUAL(bp_hist_quantile(h, 0.5), 0);
	/* 1..100000 µs in ns, split over two histograms and merged */
	for (uint64_t i = 1; i <= 100000; i++)
		bp_hist_record(i % 2 ? h : h2, i * 1000);
	bp_hist_merge(h, h2);
	CU_ASSERT_EQUAL(h->count, 100000);
	CU_ASSERT_EQUAL(h->min, 1000);
	CU_ASSERT_EQUAL(h->max, 100000000);
	const double qs[] = { 0.5, 0.9, 0.99, 0.999 };
	for (size_t i = 0; i < 4; i++) {
		double want = qs[i] * 100000 * 1000, got = (double)bp_hist_quantile(h, qs[i]);
		CHECK(got > want * 0.99 && got < want * 1.01, "q %.3f: %.0f vs %.0f", qs[i], got, want);
	}
	CU_ASSERT_EQUAL(bp_hist_quantile(h, 1.0), 100000000);
	CU_ASSERT_EQUAL(bp_hist_quantile(h, 0.0), 1000);
	free(h);
	free(h2);
}

static void rstat_codes_and_merge(void)
{
	bp_rstat *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	bp_rstat_init(a);
	bp_rstat_init(b);
	bp_rstat_ok(a, 5000, 1);
	bp_rstat_error(a, 1969);
	bp_rstat_error(b, 1969);
	for (unsigned c = 0; c < BP_RSTAT_CODES + 3; c++)
		bp_rstat_error(b, 3000 + c);
	bp_rstat_merge(a, b);
	CU_ASSERT_EQUAL(a->count, 1 + 1 + 1 + BP_RSTAT_CODES + 3);
	CU_ASSERT_EQUAL(a->errors, a->count - 1);
	CU_ASSERT_EQUAL(a->rows, 1);
	CU_ASSERT_EQUAL(a->code[0], 1969);
	CU_ASSERT_EQUAL(a->code_n[0], 2);
	uint64_t sum = a->err_other;
	for (unsigned i = 0; i < a->n_codes; i++)
		sum += a->code_n[i];
	CU_ASSERT_EQUAL(sum, a->errors);
	CU_ASSERT_EQUAL(a->lat.count, 1);
	free(a);
	free(b);
}


static const char *stream_of(const bp_replay_script *s, const bp_rs_stmt *st)
{
	return st->stream < s->n_streams ? s->streams[st->stream] : "?";
}

/* A script whose comments carry MariaDB, MySQL (tagged too) and no GTIDs. */
static const char COMMENTED[] =
	"SELECT 1; /* bin.000007:400 0-1-77 pk-point PRIMARY before 1700000000 */\n"
	"SELECT 2; /* bin.000007:900..bin.000008:120 0-1-78..0-1-90 mixed PRIMARY before 1700000005 */\n"
	"SELECT 3; /* bin.000008:300 3e11fa47-71ca-11e1-9e33-c80aa9429562:12 range k_a where 1700000009 */\n"
	"SELECT 4; /* bin.000008:350 3e11fa47-71ca-11e1-9e33-c80aa9429562:fast:3 range k_a where 1700000010 */\n"
	"SELECT 5; /* bin.000008:500 anonymous pk-point PRIMARY before 1700000011 */\n"
	"SELECT 6; /* bin.000009:4 - pk-point PRIMARY before */\n"
	"SELECT 7; /* bin.000008:500 anonymous pk-point PRIMARY after 1700000011 */\n"
	"SELECT 8;\n"
	"SELECT 9; /* bin.000008:200 1-2-5 pk-point PRIMARY before 4294967296 */\n";

static void replay_script_positions_and_times(void)
{
	bp_replay_script s;
	memset(&s, 0, sizeof(s));
	bp_err err;
	bp_err_clear(&err);
	CU_ASSERT_FATAL(bp_replay_script_parse(&s, COMMENTED, strlen(COMMENTED), &err) == 0);
	CU_ASSERT_FATAL(s.n == 9);
	bp_rs_stmt t[9];
	CU_ASSERT_FATAL(collect(&s, t, 9) == 9);
	/* MariaDB: the domain is the stream, the seq the transaction */
	CHECK(strcmp(stream_of(&s, &t[0]), "0") == 0 && t[0].seq_first == 77 && t[0].seq_last == 77,
	      "0-1-77: %s %llu", stream_of(&s, &t[0]), (unsigned long long)t[0].seq_first);
	CU_ASSERT_EQUAL(t[0].ts, 1700000000);
	/* a batch: first and last */
	CU_ASSERT_EQUAL(t[1].stream, t[0].stream);
	CU_ASSERT_EQUAL(t[1].seq_first, 78);
	CU_ASSERT_EQUAL(t[1].seq_last, 90);
	CU_ASSERT_EQUAL(t[1].ts, 1700000005);
	/* MySQL: the source uuid, with its tag as a stream of its own */
	CHECK(strcmp(stream_of(&s, &t[2]), "3e11fa47-71ca-11e1-9e33-c80aa9429562") == 0 && t[2].seq_first == 12,
	      "uuid:12 -> %s", stream_of(&s, &t[2]));
	CHECK(strcmp(stream_of(&s, &t[3]), "3e11fa47-71ca-11e1-9e33-c80aa9429562:fast") == 0 && t[3].seq_first == 3,
	      "uuid:tag:3 -> %s", stream_of(&s, &t[3]));
	CU_ASSERT_EQUAL(t[3].cls, t[2].cls);
	/* no GTID: positions, as ordinals among the script's distinct positions (file order, then pos) */
	CU_ASSERT_EQUAL(t[4].stream, BP_RS_POS);
	CU_ASSERT_EQUAL(t[5].stream, BP_RS_POS);
	CU_ASSERT_EQUAL(t[6].stream, BP_RS_POS);
	CU_ASSERT_EQUAL(s.n_pos_keys, 2); /* bin.000008:500 twice, bin.000009:4 */
	CU_ASSERT_EQUAL(t[4].seq_first, 0);
	CU_ASSERT_EQUAL(t[6].seq_first, 0);
	CU_ASSERT_EQUAL(t[5].seq_first, 1);
	CU_ASSERT_EQUAL(t[5].ts, 0); /* no TIME field */
	/* no comment: no stream, no time, class "-" */
	CU_ASSERT_EQUAL(t[7].stream, 0);
	CU_ASSERT_EQUAL(t[7].ts, 0);
	CU_ASSERT_EQUAL(t[7].cls, 0);
	/* a TIME beyond 32 bits is not a time */
	CU_ASSERT_EQUAL(t[8].ts, 0);
	CU_ASSERT_EQUAL(s.with_ts, 6);
	CU_ASSERT_EQUAL(s.with_stream, 8);
	CU_ASSERT(s.has_gtid && s.has_pos);
	CU_ASSERT_EQUAL(s.ts0, 1700000000);
	CU_ASSERT_EQUAL(s.line_no_stream, 8);
	CU_ASSERT_EQUAL(s.stream_min[t[0].stream], 77);
	CU_ASSERT_EQUAL(s.stream_min[t[8].stream], 5);
	bp_replay_script_release(&s);
}

static void follow_parses_apply_positions(void)
{
	bp_replay_script s;
	memset(&s, 0, sizeof(s));
	bp_err err;
	bp_err_clear(&err);
	CU_ASSERT_FATAL(bp_replay_script_parse(&s, COMMENTED, strlen(COMMENTED), &err) == 0);
	bp_rs_stmt t[9];
	CU_ASSERT_FATAL(collect(&s, t, 9) == 9);
	int64_t a[BP_RS_MAX_STREAMS];
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		a[k] = -7;
	/* MariaDB @@gtid_slave_pos: domains 0 and 1 are the script's, 5 is not */
	CU_ASSERT_EQUAL(bp_follow_parse_mariadb(&s, "0-1-80,5-1-9,\n 1-2-4", a), 2);
	CU_ASSERT_EQUAL(a[t[0].stream], 80);
	CU_ASSERT_EQUAL(a[t[8].stream], 4);
	CU_ASSERT_EQUAL(bp_follow_parse_mariadb(&s, "", a), 0);
	CU_ASSERT_EQUAL(bp_follow_parse_mariadb(&s, "0-1", a), -1);
	CU_ASSERT_EQUAL(bp_follow_parse_mariadb(&s, "0-1-2;1-1-1", a), -1);
	CU_ASSERT_EQUAL(bp_follow_parse_mariadb(&s, "0-1-99999999999999999999", a), -1);
	/* MySQL gtid_executed: the first interval's end (holes of a parallel applier are not applied) */
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		a[k] = -7;
	CU_ASSERT_EQUAL(bp_follow_parse_gtid_set(&s,
						 "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-10:12-20:fast:1-2:5,\n"
						 "2174b383-5441-11e8-b90a-c80aa9429562:1-27", a), 2);
	CU_ASSERT_EQUAL(a[t[2].stream], 10);
	CU_ASSERT_EQUAL(a[t[3].stream], 2);
	CU_ASSERT_EQUAL(a[t[0].stream], -7);
	CU_ASSERT_EQUAL(bp_follow_parse_gtid_set(&s, "3e11fa47-71ca-11e1-9e33-c80aa9429562:7", a), 1);
	CU_ASSERT_EQUAL(a[t[2].stream], 7);
	CU_ASSERT_EQUAL(bp_follow_parse_gtid_set(&s, "3e11fa47-71ca-11e1-9e33-c80aa9429562", a), -1);
	CU_ASSERT_EQUAL(bp_follow_parse_gtid_set(&s, "x:1-", a), -1);
	/* positions: Exec_Master_Log_Pos is where the next event starts */
	bool known;
	CU_ASSERT_EQUAL(bp_follow_position(&s, "bin.000008", 500, &known), -1);
	CU_ASSERT(known);
	CU_ASSERT_EQUAL(bp_follow_position(&s, "bin.000008", 501, &known), 0);
	CU_ASSERT_EQUAL(bp_follow_position(&s, "./bin.000009", 4, &known), 0);
	CU_ASSERT(known);
	CU_ASSERT_EQUAL(bp_follow_position(&s, "bin.000009", 5, &known), 1);
	CU_ASSERT_EQUAL(bp_follow_position(&s, "bin.000010", 4, &known), 1); /* after every file: all applied */
	CU_ASSERT(!known);
	CU_ASSERT_EQUAL(bp_follow_position(&s, "bin.000001", 4, &known), -1); /* before them: none */
	bp_replay_script_release(&s);
}

static CU_TestInfo tests[] = {
	{ "replay_script_positions_and_times", replay_script_positions_and_times },
	{ "replay_script_window_equals_whole", replay_script_window_equals_whole },
	{ "follow_parses_apply_positions", follow_parses_apply_positions },
	{ "replay_accepts_generated_forms", replay_accepts_generated_forms },
	{ "replay_refuses_writes_and_tricks", replay_refuses_writes_and_tricks },
	{ "replay_whitelist_is_the_rewriters", replay_whitelist_is_the_rewriters },
	{ "replay_script_split_and_classes", replay_script_split_and_classes },
	{ "replay_script_refusals_name_the_line", replay_script_refusals_name_the_line },
	{ "replay_script_class_overflow", replay_script_class_overflow },
	{ "hist_buckets_are_monotonic_and_tight", hist_buckets_are_monotonic_and_tight },
	{ "hist_quantiles_within_one_percent", hist_quantiles_within_one_percent },
	{ "rstat_codes_and_merge", rstat_codes_and_merge },
	CU_TEST_INFO_NULL,
};

int bp_suite_report_replay(void) { return bp_unit_add("report/replay", tests); }
