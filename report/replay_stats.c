/*
 * replay_stats.c: the latency histogram and per-class figures of replay
 * (layout and precision in replay_stats.h).
 */
#include "replay_stats.h"

#include <stddef.h>
#include <string.h>

void bp_hist_init(bp_hist *h)
{
	memset(h, 0, sizeof(*h));
	h->min = UINT64_MAX;
}

/*
 * Below 256: the value itself. Above: with m = the highest set bit (>= 8),
 * shift = m - 7 keeps the top 8 bits, whose lower 7 are the sub-bucket.
 */
unsigned bp_hist_bucket(uint64_t ns)
{
	if (ns < BP_HIST_LINEAR)
		return (unsigned)ns;
	unsigned m = 63u - (unsigned)__builtin_clzll(ns);
	unsigned shift = m - BP_HIST_SUB_BITS;
	if (shift > BP_HIST_MAX_SHIFT)
		return BP_HIST_BUCKETS - 1;
	unsigned sub = (unsigned)(ns >> shift) - BP_HIST_SUB;
	return BP_HIST_LINEAR + (shift - 1) * BP_HIST_SUB + sub;
}

uint64_t bp_hist_bucket_low(unsigned i)
{
	if (i < BP_HIST_LINEAR)
		return i;
	unsigned shift = (i - BP_HIST_LINEAR) / BP_HIST_SUB + 1;
	uint64_t sub = (i - BP_HIST_LINEAR) % BP_HIST_SUB;
	return (BP_HIST_SUB + sub) << shift;
}

static uint64_t bucket_mid(unsigned i)
{
	uint64_t lo = bp_hist_bucket_low(i);
	uint64_t hi = i + 1 < BP_HIST_BUCKETS ? bp_hist_bucket_low(i + 1) : lo + 1;
	return lo + (hi - lo - 1) / 2;
}

void bp_hist_record(bp_hist *h, uint64_t ns)
{
	h->b[bp_hist_bucket(ns)]++;
	h->count++;
	h->sum += ns;
	if (ns < h->min)
		h->min = ns;
	if (ns > h->max)
		h->max = ns;
}

void bp_hist_merge(bp_hist *dst, const bp_hist *src)
{
	if (!src->count)
		return;
	for (unsigned i = 0; i < BP_HIST_BUCKETS; i++)
		dst->b[i] += src->b[i];
	dst->count += src->count;
	dst->sum += src->sum;
	if (src->min < dst->min)
		dst->min = src->min;
	if (src->max > dst->max)
		dst->max = src->max;
}

uint64_t bp_hist_quantile(const bp_hist *h, double q)
{
	if (!h->count)
		return 0;
	if (q <= 0)
		return h->min;
	if (q >= 1)
		return h->max;
	/* the rank-th smallest value, rank = ceil(q * count), at least 1 */
	uint64_t rank = (uint64_t)(q * (double)h->count);
	if ((double)rank < q * (double)h->count)
		rank++;
	if (!rank)
		rank = 1;
	uint64_t seen = 0;
	for (unsigned i = 0; i < BP_HIST_BUCKETS; i++) {
		seen += h->b[i];
		if (seen >= rank) {
			uint64_t v = bucket_mid(i);
			return v < h->min ? h->min : v > h->max ? h->max : v;
		}
	}
	return h->max;
}

void bp_rstat_init(bp_rstat *s)
{
	memset(s, 0, offsetof(bp_rstat, lat));
	bp_hist_init(&s->lat);
}

void bp_rstat_ok(bp_rstat *s, uint64_t ns, uint64_t rows)
{
	s->count++;
	s->rows += rows;
	bp_hist_record(&s->lat, ns);
}

static void add_code(bp_rstat *s, unsigned code, uint64_t n)
{
	for (unsigned i = 0; i < s->n_codes; i++)
		if (s->code[i] == code) {
			s->code_n[i] += n;
			return;
		}
	if (s->n_codes < BP_RSTAT_CODES) {
		s->code[s->n_codes] = code;
		s->code_n[s->n_codes++] = n;
	} else {
		s->err_other += n;
	}
}

void bp_rstat_error(bp_rstat *s, unsigned code)
{
	s->count++;
	s->errors++;
	add_code(s, code, 1);
}

void bp_rstat_merge(bp_rstat *dst, const bp_rstat *src)
{
	dst->count += src->count;
	dst->errors += src->errors;
	dst->rows += src->rows;
	for (unsigned i = 0; i < src->n_codes; i++)
		add_code(dst, src->code[i], src->code_n[i]);
	dst->err_other += src->err_other;
	bp_hist_merge(&dst->lat, &src->lat);
}

void bp_follow_figures_init(bp_follow_figures *f)
{
	f->late = f->waited = f->overtaken = 0;
	bp_hist_init(&f->lead);
}

void bp_follow_figures_merge(bp_follow_figures *dst, const bp_follow_figures *src)
{
	dst->late += src->late;
	dst->waited += src->waited;
	dst->overtaken += src->overtaken;
	bp_hist_merge(&dst->lead, &src->lead);
}
