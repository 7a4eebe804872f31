/*
 * replay_stats.h: what `binprime replay` measures, without storing a query.
 *
 * bp_hist is a log-bucketed latency histogram in the manner of HdrHistogram:
 * values below 256 ns have a bucket each; above, every power of two is split
 * into 128 linear sub-buckets, so a bucket is at most 1/128 (0.8%) of its
 * values wide. 4 608 buckets cover 0 .. 2^41 ns (36 min); longer values land
 * in the last one. Fixed memory (37 KiB), O(1) record, merge by addition.
 *
 * bp_rstat is one class's figures: statements, errors by server/client error
 * code, rows returned, and the histogram of the successful statements.
 * Each worker thread fills its own (no locks); they are merged at the end.
 */
#ifndef BP_REPORT_REPLAY_STATS_H
#define BP_REPORT_REPLAY_STATS_H

#include <stdint.h>

#define BP_HIST_SUB_BITS 7
#define BP_HIST_SUB (1u << BP_HIST_SUB_BITS)               /* 128 */
#define BP_HIST_LINEAR (2 * BP_HIST_SUB)                   /* 256 exact buckets */
#define BP_HIST_MAX_SHIFT 34                               /* up to 2^(34+8) */
#define BP_HIST_BUCKETS (BP_HIST_LINEAR + BP_HIST_MAX_SHIFT * BP_HIST_SUB)

typedef struct bp_hist {
	uint64_t count, min, max, sum; /* ns */
	uint64_t b[BP_HIST_BUCKETS];
} bp_hist;

void bp_hist_init(bp_hist *h);
void bp_hist_record(bp_hist *h, uint64_t ns);
void bp_hist_merge(bp_hist *dst, const bp_hist *src);
/* The value at quantile q (0..1): the middle of its bucket, clamped to [min, max]. 0 when empty. */
uint64_t bp_hist_quantile(const bp_hist *h, double q);
/* Bucket of a value, and the smallest value of a bucket (for the tests). */
unsigned bp_hist_bucket(uint64_t ns);
uint64_t bp_hist_bucket_low(unsigned i);

#define BP_RSTAT_CODES 16 /* distinct error codes kept per class; more go to err_other */

typedef struct bp_rstat {
	uint64_t count;  /* statements that ran (ok + errors) */
	uint64_t errors;
	uint64_t rows;   /* rows returned by the successful ones */
	unsigned n_codes;
	unsigned code[BP_RSTAT_CODES];
	uint64_t code_n[BP_RSTAT_CODES];
	uint64_t err_other;
	bp_hist lat;     /* successful statements only */
} bp_rstat;

void bp_rstat_init(bp_rstat *s);
void bp_rstat_ok(bp_rstat *s, uint64_t ns, uint64_t rows);
void bp_rstat_error(bp_rstat *s, unsigned code);
void bp_rstat_merge(bp_rstat *dst, const bp_rstat *src);

/* --follow, per worker: what the gate did with the statements it was given. */
typedef struct bp_follow_figures {
	uint64_t late;       /* dropped: the apply had passed (or was within --min-ahead of) them */
	uint64_t waited;     /* sent after waiting for the apply to come within --max-ahead */
	uint64_t overtaken;  /* answered only after the apply had passed them */
	bp_hist lead;        /* transactions ahead of the apply when sent */
} bp_follow_figures;

void bp_follow_figures_init(bp_follow_figures *f);
void bp_follow_figures_merge(bp_follow_figures *dst, const bp_follow_figures *src);

#endif
