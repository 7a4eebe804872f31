/*
 * fuzz_decoder.c: libFuzzer harness for the binlog reader, the event decoders
 * and the event formatters.
 *
 * Each input is written to a memfd and opened through /proc/self/fd/N, so it
 * goes through the same bp_reader_open/next/skip path as a file on disk
 * (read(2) on an fd, the fixed read buffer, seeks when resynchronising).
 * Every event returned is formatted as JSON and as text into a buffer, so
 * every decoded row value reaches report/events_out.c too.
 *
 * Two input modes, told apart by the first bytes:
 *
 *   "\xfe" "bin" ...   a whole binlog file, read as it is.
 *   anything else      SEL EVENTS...: the harness writes the magic and a
 *                      format description event it builds itself (flavour and
 *                      checksum chosen by the selector byte SEL), then EVENTS.
 *                      With a CRC32 FDE the harness recomputes each framed
 *                      event's CRC, so mutations reach the decoders instead of
 *                      dying at the checksum check.
 *
 *   SEL bits 0-1: 0 MariaDB 10.11, 1 MySQL 8.0, 2 MySQL 5.7, 3 MySQL 5.1 (no checksum byte)
 *   SEL bit 2:    CRC32 (else NONE); ignored for flavour 3
 *   SEL bit 3:    leave the CRCs as they are (exercise checksum errors)
 *
 * Each input is read twice: --on-error=stop with checksums verified, then
 * --on-error=skip (bp_reader_skip after each error, bounded) with checksums
 * not verified, as `binprime events --no-verify-checksum --on-error=skip`;
 * the second pass formats only the events after the first pass's last one.
 * A skip that makes no progress (same error at the same offset twice in a
 * row) aborts: that would be an endless loop in binprime.
 *
 * The first pass also runs what `binprime analyze` runs on each event
 * (report/analyze_run.c: the schema tracker, the prefetch rules, the emitter
 * and its read-only check, the analysis and its JSON report), over the
 * fixture schemas (the .sql files of fixtures/schema, when run from the
 * project root), so the rules meet every value the decoders can produce. A
 * generated line that fails the read-only check aborts: the rules must never
 * build one.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "analyzer/binlog_file.h"
#include "common/buf.h"
#include "common/err.h"
#include "report/analyze_run.h"
#include "report/events_out.h"
#include <glob.h>

#define MAX_ERRORS 4096        /* skips per input in --on-error=skip mode */
#define MAX_EVENTS 200000      /* events per pass (inner payload events included) */

static int memfd = -1;
static char memfd_path[64];
static FILE *devnull;
static bp_buf out = BP_BUF_INIT;
static uint8_t *scratch;
static size_t scratch_cap;

/* Post-header lengths written in the built FDEs (MySQL 8.0 / MariaDB 10.x). */
static const uint8_t post_header_v4[171] = {
	[1 - 1] = 56,  [2 - 1] = 13,  [4 - 1] = 8,   [6 - 1] = 18,  [8 - 1] = 4,   [9 - 1] = 4,
	[10 - 1] = 4,  [11 - 1] = 4,  [12 - 1] = 18, [15 - 1] = 84, [17 - 1] = 4,  [18 - 1] = 26,
	[19 - 1] = 8,  [20 - 1] = 8,  [21 - 1] = 8,  [22 - 1] = 8,  [23 - 1] = 8,  [24 - 1] = 8,
	[25 - 1] = 8,  [26 - 1] = 2,  [30 - 1] = 10, [31 - 1] = 10, [32 - 1] = 10, [33 - 1] = 42,
	[34 - 1] = 42, [36 - 1] = 18, [37 - 1] = 52, [39 - 1] = 10, [42 - 1] = 42,
	[161 - 1] = 4, [162 - 1] = 19, [163 - 1] = 4, [165 - 1] = 13, [166 - 1] = 8, [167 - 1] = 8,
	[168 - 1] = 8, [169 - 1] = 10, [170 - 1] = 10, [171 - 1] = 10,
};

static const struct {
	const char *version;
	unsigned n_post_header;
	int has_alg;
} flavours[4] = {
	{ "10.11.6-MariaDB-log", 171, 1 },
	{ "8.0.36", 42, 1 },
	{ "5.7.44-log", 38, 1 },
	{ "5.1.73-log", 27, 0 },
};

static void put_le(uint8_t *p, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint8_t *scratch_get(size_t n)
{
	if (n > scratch_cap) {
		uint8_t *p = realloc(scratch, n);
		if (!p)
			abort();
		scratch = p;
		scratch_cap = n;
	}
	return scratch;
}

/* Build magic + FDE for selector sel, then the events with CRCs fixed up. Returns the length. */
static size_t build_file(uint8_t sel, const uint8_t *ev, size_t n)
{
	unsigned fl = sel & 3;
	int has_alg = flavours[fl].has_alg;
	int crc = has_alg && (sel & 4);
	unsigned nph = flavours[fl].n_post_header;
	size_t fde_len = 19 + 2 + 50 + 4 + 1 + nph + (has_alg ? 5 : 0);
	uint8_t *f = scratch_get(4 + fde_len + n);
	memcpy(f, "\xfe" "bin", 4);
	uint8_t *h = f + 4;
	memset(h, 0, fde_len);
	put_le(h, 1700000000, 4);
	h[4] = BP_EV_FORMAT_DESCRIPTION;
	put_le(h + 5, 1, 4);
	put_le(h + 9, fde_len, 4);
	put_le(h + 13, 4 + fde_len, 4);
	put_le(h + 19, 4, 2);
	memcpy(h + 21, flavours[fl].version, strlen(flavours[fl].version));
	h[19 + 2 + 50 + 4] = 19;
	memcpy(h + 19 + 2 + 50 + 4 + 1, post_header_v4, nph);
	if (has_alg) {
		h[fde_len - 5] = crc ? BP_CHECKSUM_CRC32 : BP_CHECKSUM_NONE;
		put_le(h + fde_len - 4, bp_event_crc(h, (uint32_t)(fde_len - 4), true), 4);
	}
	memcpy(h + fde_len, ev, n);
	if (crc && !(sel & 8)) {
		/* frame the events by their length fields and fix each CRC */
		uint8_t *p = h + fde_len;
		size_t left = n;
		while (left >= 19 + 4) {
			uint32_t len = (uint32_t)bp_le(p + 9, 4);
			if (len < 19 + 4 || len > left)
				break;
			put_le(p + len - 4, bp_event_crc(p, len - 4, p[4] == BP_EV_FORMAT_DESCRIPTION), 4);
			p += len;
			left -= len;
		}
	}
	return 4 + fde_len + n;
}

static void load(const uint8_t *data, size_t size)
{
	if (ftruncate(memfd, 0) != 0)
		abort();
	size_t done = 0;
	while (done < size) {
		ssize_t w = pwrite(memfd, data + done, size - done, (off_t)done);
		if (w <= 0)
			abort();
		done += (size_t)w;
	}
}

/*
 * One pass over the loaded file, like `binprime events` with the given options.
 * Events from the fmt_from-th on are formatted (the second pass leaves out the
 * ones the first already formatted: up to the first error both see the same
 * events). Returns the number of events before the first error.
 */
/* The fixture schemas, concatenated once (NULL: none found). */
static char *schema_sql;
static size_t schema_len;

static void load_schemas(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	glob_t g;
	if (glob("fixtures/schema/*.sql", 0, NULL, &g) != 0)
		return;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		FILE *fp = fopen(g.gl_pathv[i], "rb");
		if (!fp)
			continue;
		char chunk[65536];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
			char *ns = realloc(schema_sql, schema_len + n + 1);
			if (!ns)
				break;
			schema_sql = ns;
			memcpy(schema_sql + schema_len, chunk, n);
			schema_len += n;
			schema_sql[schema_len] = 0;
		}
		fclose(fp);
	}
	globfree(&g);
}

static void quiet_notice(void *ctx, const char *path, uint64_t pos, const char *msg)
{
	(void)ctx, (void)path, (void)pos, (void)msg;
}

/* analyze's per-event work, for one pass */
typedef struct rules {
	bp_schema *schema;
	bp_schema_tracker *tracker;
	bp_emit *emit;
	bp_analysis *an;
	bp_analyze_run run;
} rules;

static bool rules_begin(rules *ru)
{
	memset(ru, 0, sizeof(*ru));
	load_schemas();
	bp_emit_opts eo = BP_EMIT_OPTS_INIT;
	eo.batch_trx = 4; /* batches too */
	eo.dedup_window = 64;
	ru->schema = bp_schema_new();
	ru->tracker = ru->schema ? bp_schema_tracker_new(ru->schema) : NULL;
	ru->emit = bp_emit_new(&eo, devnull);
	ru->an = bp_analysis_new();
	if (!ru->tracker || !ru->emit || !ru->an)
		return false;
	bp_schema_tracker_on_notice(ru->tracker, quiet_notice, NULL);
	if (schema_sql) {
		bp_sch_diag diag = { 0 };
		bp_schema_load_sql(ru->schema, schema_sql, schema_len, "fixtures", NULL, &diag);
	}
	bp_analyze_run_init(&ru->run, ru->schema, ru->tracker, ru->emit, ru->an, 1000);
	return true;
}

static void rules_end(rules *ru, bool ok)
{
	if (ok) {
		bp_emit_finish(ru->emit);
		if (bp_emit_get_stats(ru->emit)->rejected) {
			fprintf(stderr, "fuzz: a generated statement failed the read-only check\n");
			abort();
		}
		bp_analysis_finish(ru->an, ru->schema, bp_emit_get_stats(ru->emit));
		bp_analysis_json(&out, ru->an);
		bp_buf_clear(&out);
	}
	bp_analyze_run_release(&ru->run);
	bp_analysis_free(ru->an);
	bp_emit_free(ru->emit);
	bp_schema_tracker_free(ru->tracker);
	bp_schema_free(ru->schema);
}

static unsigned pass(bool skip, bool verify, unsigned fmt_from)
{
	bp_reader_opts ro = BP_READER_OPTS_INIT;
	ro.verify_checksum = verify;
	bp_err err;
	bp_err_clear(&err);
	bp_reader *r;
	if (bp_reader_open(&r, memfd_path, &ro, &err)) {
		bp_err_print(devnull, "error", &err);
		return 0;
	}
	rules ru;
	bool with_rules = !skip && rules_begin(&ru);
	unsigned errors = 0, events = 0, clean = 0;
	int64_t last_err_off = -2;
	uint64_t last_err_roff = 0;
	bool last_was_err = false;
	for (;;) {
		const bp_event *ev;
		bp_err_clear(&err);
		int rc = bp_reader_next(r, &ev, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			if (!errors)
				clean = events;
			bp_err_print(devnull, "error", &err);
			if (!skip || err.code == BP_E_NOMEM || err.code == BP_E_IO || ++errors > MAX_ERRORS)
				break;
			uint64_t roff = bp_reader_offset(r);
			if (last_was_err && err.offset == last_err_off && roff == last_err_roff) {
				fprintf(stderr, "fuzz: bp_reader_skip made no progress at offset %lld\n",
					(long long)err.offset);
				abort();
			}
			last_was_err = true;
			last_err_off = err.offset;
			last_err_roff = roff;
			if (!bp_reader_skip(r))
				break;
			continue;
		}
		last_was_err = false;
		if (with_rules) {
			bp_schema_tracker_event(ru.tracker, "fuzz.bin", ev);
			bp_analyze_run_event(&ru.run, "fuzz.bin", ev);
		}
		if (events >= fmt_from) {
			bp_event_json(&out, "fuzz.bin", ev);
			bp_event_text(&out, "fuzz.bin", ev);
			bp_buf_clear(&out);
		}
		if (++events > MAX_EVENTS)
			break;
	}
	if (!errors)
		clean = events;
	(void)bp_reader_format(r);
	bp_reader_free(r);
	if (!skip)
		rules_end(&ru, with_rules);
	return clean;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	memfd = memfd_create("binprime-fuzz", 0);
	if (memfd < 0) {
		perror("memfd_create");
		abort();
	}
	snprintf(memfd_path, sizeof(memfd_path), "/proc/self/fd/%d", memfd);
	devnull = fopen("/dev/null", "w");
	if (!devnull)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > (8u << 20))
		return -1; /* keep inputs small: the reader's limits are covered by the tests */
	if (size >= 4 && memcmp(data, "\xfe" "bin", 4) == 0) {
		load(data, size);
	} else if (size >= 1) {
		size_t n = build_file(data[0], data + 1, size - 1);
		load(scratch, n);
	} else {
		load(data, 0);
	}
	unsigned n = pass(false, true, 0);
	pass(true, false, n);
	return 0;
}
