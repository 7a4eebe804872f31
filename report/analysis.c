/*
 * analysis.c: aggregates, verdict, JSON report and text summary (see analysis.h).
 */
#include "analysis.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- log-bucketed histogram -------------------------------------------------------- */

/*
 * Values below 32 have a bucket each; above, 16 buckets per power of two
 * (about 6% wide). Quantiles report a bucket's lower bound, clamped to the
 * exact min and max.
 */
#define HB 1024

typedef struct hist {
	uint64_t n, min, max;
	double sum;
	uint64_t b[HB];
} hist;

static unsigned hbucket(uint64_t v)
{
	if (v < 32)
		return (unsigned)v;
	unsigned lg = 63u - (unsigned)__builtin_clzll(v);
	unsigned sub = (unsigned)(v >> (lg - 4)) & 15u;
	return 32u + (lg - 5u) * 16u + sub;
}

static uint64_t hlow(unsigned b)
{
	if (b < 32)
		return b;
	unsigned lg = (b - 32) / 16 + 5, sub = (b - 32) % 16;
	return (uint64_t)(16 + sub) << (lg - 4);
}

static void hist_add(hist *h, uint64_t v, uint64_t weight)
{
	if (!weight)
		return;
	if (!h->n || v < h->min)
		h->min = v;
	if (!h->n || v > h->max)
		h->max = v;
	h->n += weight;
	h->sum += (double)v * (double)weight;
	h->b[hbucket(v)] += weight;
}

static uint64_t hist_q(const hist *h, double q)
{
	if (!h->n)
		return 0;
	uint64_t want = (uint64_t)(q * (double)h->n);
	if (want >= h->n)
		want = h->n - 1;
	uint64_t cum = 0;
	for (unsigned i = 0; i < HB; i++) {
		cum += h->b[i];
		if (cum > want) {
			uint64_t v = hlow(i);
			return v < h->min ? h->min : v > h->max ? h->max : v;
		}
	}
	return h->max;
}

/* ---- state ---------------------------------------------------------------------------- */

typedef struct tally {
	uint64_t writes, rows, stmts, ins, upd, del;
	uint64_t level[BP_PF__COUNT];
	uint64_t row_level[BP_PF__COUNT]; /* the same, row changes only */
	uint64_t cls[BP_C__COUNT];
	uint64_t reasons[BP_R__COUNT];
	uint64_t needed, warmed, lookups, guarded;
} tally;

typedef struct table_agg {
	char *db, *name;
	tally t;
	/* from the schema at the end */
	bool known, has_pk;
	uint32_t n_secondary;
	uint32_t n_low_card;
	char **low_card;       /* index names */
} table_agg;

typedef struct file_agg {
	char *path;
	uint64_t events, bytes, writes, trx;
	uint32_t first_ts, last_ts;
} file_agg;

typedef struct big_trx {
	uint64_t writes;
	uint32_t file;
	uint64_t pos;
} big_trx;

#define N_BIG 10
#define N_SAMPLES 4096
#define N_POINTS 720

typedef struct point {
	uint64_t writes, level[BP_PF__COUNT];
} point;

typedef struct reason_text {
	double weight;          /* strength: |weight| orders them; sign: for (+) or against (-) */
	char text[200];
} reason_text;

struct bp_analysis {
	tally all;
	tally by_class[BP_C__COUNT];
	table_agg *tables;
	uint32_t n_tables, cap_tables;
	uint32_t *slot;           /* open addressing over tables (index + 1, 0 = empty) */
	uint32_t cap_slot;
	uint32_t last_table;      /* index + 1 of the table of the last write: consecutive rows share it */
	file_agg *files;
	uint32_t n_files;
	uint64_t events, bytes, trx;
	uint32_t last_ts;
	bool have_ts;
	/* write rate per second of log time */
	hist rate;
	uint32_t cur_sec;
	uint64_t cur_count;
	bool have_sec;
	/* parallel-apply hints: the tables of the current and the previous transaction */
	uint32_t trx_tables[8], n_trx_tables, prev_tables[8], n_prev_tables;
	bool trx_many, prev_many, have_prev;
	uint64_t single_table_trx, independent_trx, trx_with_writes;
	/* transactions */
	hist trx_size;
	uint64_t cur_trx_writes;
	big_trx big[N_BIG];
	uint32_t n_big;
	/* timeline */
	uint32_t t0, width, n_points;
	bool have_t0;
	point pts[N_POINTS];
	/* time-ahead simulation: cumulative reads at sampled writes (stride doubles when full) */
	uint64_t cum_reads;
	uint64_t stride, n_samples;
	uint64_t sample_reads[N_SAMPLES];  /* cumulative reads up to write (i + 1) * stride */
	double sim_apply_rate, sim_query_rate;
	unsigned sim_threads;
	struct sim_result {
		double apply_rate, query_rate, lead_end, lead_min;
		unsigned threads;
		uint64_t writes, late_writes;
		bool valid;
	} sim;
	/* emitter figures, verdict */
	bp_emit_stats emit;
	const char *fit;
	reason_text reasons[12];
	uint32_t n_reasons;
};

bp_analysis *bp_analysis_new(void)
{
	bp_analysis *a = calloc(1, sizeof(*a));
	if (a) {
		a->width = 60;
		a->stride = 1;
		a->sim_threads = 1;
		a->sim_query_rate = 8000;
	}
	return a;
}

void bp_analysis_simulate(bp_analysis *a, double apply_rate, unsigned threads, double query_rate)
{
	a->sim_apply_rate = apply_rate;
	a->sim_threads = threads ? threads : 1;
	a->sim_query_rate = query_rate > 0 ? query_rate : 8000;
}

/* Remember the cumulative reads after every stride-th write; halve the samples when full. */
static void sim_sample(bp_analysis *a)
{
	uint64_t w = a->all.writes;
	if (w % a->stride)
		return;
	if (a->n_samples == N_SAMPLES) {
		for (uint64_t i = 0; i < N_SAMPLES / 2; i++)
			a->sample_reads[i] = a->sample_reads[2 * i + 1];
		a->n_samples = N_SAMPLES / 2;
		a->stride *= 2;
		if (w % a->stride)
			return;
	}
	a->sample_reads[a->n_samples++] = a->cum_reads;
}

/*
 * The replica is behind and catching up: every write is in its relay log. The
 * apply thread applies write i at i / R seconds; the prefetcher, N threads of
 * q queries/s, has sent the reads of the writes up to i at reads(i) / (N q).
 * A write whose reads are sent after its apply began gets them too late; the
 * lead is apply time minus prefetch time (seconds; negative: behind).
 */
static void simulate(bp_analysis *a)
{
	struct sim_result *r = &a->sim;
	memset(r, 0, sizeof(*r));
	uint64_t active = 0;
	for (unsigned i = 1; i < HB; i++)
		active += a->rate.b[i]; /* seconds with at least one write */
	double R = a->sim_apply_rate > 0 ? a->sim_apply_rate : active ? (double)a->all.writes / (double)active : 0;
	if (R <= 0 || !a->n_samples)
		return;
	double Q = a->sim_query_rate * (double)a->sim_threads;
	r->apply_rate = R;
	r->query_rate = a->sim_query_rate;
	r->threads = a->sim_threads;
	r->writes = a->n_samples * a->stride;
	r->lead_min = 1e300;
	for (uint64_t k = 0; k < a->n_samples; k++) {
		double wi = (double)((k + 1) * a->stride);
		double lead = wi / R - (double)a->sample_reads[k] / Q;
		if (lead < 0)
			r->late_writes += a->stride;
		if (lead < r->lead_min)
			r->lead_min = lead;
		r->lead_end = lead;
	}
	r->valid = true;
}

void bp_analysis_free(bp_analysis *a)
{
	if (!a)
		return;
	for (uint32_t i = 0; i < a->n_tables; i++) {
		free(a->tables[i].db);
		free(a->tables[i].name);
		for (uint32_t j = 0; j < a->tables[i].n_low_card; j++)
			free(a->tables[i].low_card[j]);
		free(a->tables[i].low_card);
	}
	free(a->tables);
	free(a->slot);
	for (uint32_t i = 0; i < a->n_files; i++)
		free(a->files[i].path);
	free(a->files);
	free(a);
}

void bp_analysis_file(bp_analysis *a, const char *path)
{
	file_agg *nf = realloc(a->files, sizeof(*nf) * (a->n_files + 1));
	if (!nf)
		return;
	a->files = nf;
	memset(&nf[a->n_files], 0, sizeof(*nf));
	nf[a->n_files].path = strdup(path);
	a->n_files++;
}

static file_agg *cur_file(bp_analysis *a)
{
	return a->n_files ? &a->files[a->n_files - 1] : NULL;
}

void bp_analysis_event(bp_analysis *a, const bp_event *ev)
{
	file_agg *f = cur_file(a);
	a->events++;
	if (f)
		f->events++;
	if (!ev->in_payload) {
		a->bytes += ev->h.length;
		if (f)
			f->bytes += ev->h.length;
	}
	/* the FDE of a log written by a server that was started later may carry 0; skip zeros */
	if (ev->h.timestamp) {
		a->last_ts = ev->h.timestamp;
		a->have_ts = true;
		if (f) {
			if (!f->first_ts)
				f->first_ts = ev->h.timestamp;
			f->last_ts = ev->h.timestamp;
		}
	}
}

/* ---- writes ------------------------------------------------------------------------------ */

static uint64_t hash_name(const char *db, const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const char *s = db; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
	h = (h ^ 0xff) * 0x100000001b3ULL;
	for (const char *s = name; *s; s++)
		h = (h ^ (uint8_t)*s) * 0x100000001b3ULL;
	return h;
}

static table_agg *table_for(bp_analysis *a, const char *db, const char *name)
{
	if (!db)
		db = "";
	if (!name)
		return NULL;
	if (a->last_table) {
		table_agg *t = &a->tables[a->last_table - 1];
		if (strcmp(t->name, name) == 0 && strcmp(t->db, db) == 0)
			return t;
	}
	if ((a->n_tables + 1) * 2 > a->cap_slot) {
		uint32_t cap = a->cap_slot ? a->cap_slot * 2 : 64;
		uint32_t *ns = calloc(cap, sizeof(*ns));
		if (!ns)
			return NULL;
		for (uint32_t i = 0; i < a->n_tables; i++) {
			uint32_t j = (uint32_t)hash_name(a->tables[i].db, a->tables[i].name) & (cap - 1);
			while (ns[j])
				j = (j + 1) & (cap - 1);
			ns[j] = i + 1;
		}
		free(a->slot);
		a->slot = ns;
		a->cap_slot = cap;
	}
	uint32_t j = (uint32_t)hash_name(db, name) & (a->cap_slot - 1);
	for (; a->slot[j]; j = (j + 1) & (a->cap_slot - 1)) {
		table_agg *t = &a->tables[a->slot[j] - 1];
		if (strcmp(t->db, db) == 0 && strcmp(t->name, name) == 0) {
			a->last_table = a->slot[j];
			return t;
		}
	}
	if (a->n_tables == a->cap_tables) {
		uint32_t cap = a->cap_tables ? a->cap_tables * 2 : 16;
		table_agg *nt = realloc(a->tables, sizeof(*nt) * cap);
		if (!nt)
			return NULL;
		a->tables = nt;
		a->cap_tables = cap;
	}
	table_agg *t = &a->tables[a->n_tables];
	memset(t, 0, sizeof(*t));
	t->db = strdup(db);
	t->name = strdup(name);
	if (!t->db || !t->name) {
		free(t->db);
		free(t->name);
		return NULL;
	}
	a->slot[j] = ++a->n_tables;
	a->last_table = a->n_tables;
	return t;
}

static void tally_add(tally *t, const bp_pf_verdict *v, char kind, bool row_change)
{
	unsigned cls = v->cls < BP_C__COUNT ? v->cls : BP_C_OTHER;
	t->writes++;
	if (row_change)
		t->rows++;
	else
		t->stmts++;
	t->ins += kind == 'I';
	t->upd += kind == 'U';
	t->del += kind == 'D';
	t->level[v->level < BP_PF__COUNT ? v->level : BP_PF_NONE]++;
	if (row_change)
		t->row_level[v->level < BP_PF__COUNT ? v->level : BP_PF_NONE]++;
	t->cls[cls]++;
	for (uint32_t r = v->reasons; r; r &= r - 1)
		t->reasons[__builtin_ctz(r)]++;
	t->needed += v->needed;
	t->warmed += v->warmed;
	t->lookups += v->lookups;
	t->guarded += v->guarded;
}

/* The per-second write rate: seconds without writes between two writes count as 0. */
static void rate_tick(bp_analysis *a, uint32_t ts)
{
	if (!a->have_sec) {
		a->cur_sec = ts;
		a->have_sec = true;
	}
	if (ts != a->cur_sec) {
		hist_add(&a->rate, a->cur_count, 1);
		if (ts > a->cur_sec + 1)
			hist_add(&a->rate, 0, ts - a->cur_sec - 1);
		a->cur_sec = ts;
		a->cur_count = 0;
	}
	a->cur_count++;
}

/* The timeline: fixed points; when full, two neighbours merge and the width doubles. */
static void timeline_add(bp_analysis *a, uint32_t ts, unsigned level)
{
	if (!a->have_t0) {
		a->t0 = ts - ts % 60;
		a->have_t0 = true;
	}
	if (ts < a->t0)
		ts = a->t0; /* clocks of several servers in one relay log: keep it in the first point */
	uint64_t i = (ts - a->t0) / a->width;
	while (i >= N_POINTS) {
		for (uint32_t k = 0; k < N_POINTS / 2; k++) {
			point m = a->pts[2 * k];
			m.writes += a->pts[2 * k + 1].writes;
			for (unsigned l = 0; l < BP_PF__COUNT; l++)
				m.level[l] += a->pts[2 * k + 1].level[l];
			a->pts[k] = m;
		}
		memset(&a->pts[N_POINTS / 2], 0, sizeof(point) * (N_POINTS / 2));
		a->width *= 2;
		a->n_points = (a->n_points + 1) / 2;
		i = (ts - a->t0) / a->width;
	}
	a->pts[i].writes++;
	a->pts[i].level[level < BP_PF__COUNT ? level : BP_PF_NONE]++;
	if (i + 1 > a->n_points)
		a->n_points = (uint32_t)i + 1;
}

void bp_analysis_write(bp_analysis *a, const bp_pf_verdict *v, const char *db, const char *table, char kind,
		       bool row_change)
{
	tally_add(&a->all, v, kind, row_change);
	tally_add(&a->by_class[v->cls < BP_C__COUNT ? v->cls : BP_C_OTHER], v, kind, row_change);
	table_agg *t = table_for(a, db, table);
	if (t) {
		tally_add(&t->t, v, kind, row_change);
		uint32_t id = (uint32_t)(t - a->tables);
		bool seen = false;
		for (uint32_t i = 0; i < a->n_trx_tables && !seen; i++)
			seen = a->trx_tables[i] == id;
		if (!seen && a->n_trx_tables < 8)
			a->trx_tables[a->n_trx_tables++] = id;
		else if (!seen)
			a->trx_many = true;
	}
	file_agg *f = cur_file(a);
	if (f)
		f->writes++;
	a->cur_trx_writes++;
	a->cum_reads += v->warmed;
	sim_sample(a);
	if (a->have_ts) {
		rate_tick(a, a->last_ts);
		timeline_add(a, a->last_ts, v->level);
	}
}

void bp_analysis_trx_end(bp_analysis *a, uint64_t start_pos)
{
	a->trx++;
	file_agg *f = cur_file(a);
	if (f)
		f->trx++;
	uint64_t w = a->cur_trx_writes;
	a->cur_trx_writes = 0;
	hist_add(&a->trx_size, w, 1);
	if (a->n_trx_tables) {
		/* could a parallel applier run it beside the previous one? (no table in common) */
		a->trx_with_writes++;
		a->single_table_trx += a->n_trx_tables == 1 && !a->trx_many;
		bool disjoint = a->have_prev && !a->trx_many && !a->prev_many;
		for (uint32_t i = 0; i < a->n_trx_tables && disjoint; i++)
			for (uint32_t j = 0; j < a->n_prev_tables && disjoint; j++)
				disjoint = a->trx_tables[i] != a->prev_tables[j];
		a->independent_trx += disjoint;
		memcpy(a->prev_tables, a->trx_tables, sizeof(a->trx_tables));
		a->n_prev_tables = a->n_trx_tables;
		a->prev_many = a->trx_many;
		a->have_prev = true;
		a->n_trx_tables = 0;
		a->trx_many = false;
	}
	if (!w)
		return;
	/* the ten largest, kept sorted (largest first) */
	uint32_t i = a->n_big < N_BIG ? a->n_big++ : N_BIG - 1;
	if (i == N_BIG - 1 && a->n_big == N_BIG && a->big[i].writes >= w)
		return;
	while (i > 0 && a->big[i - 1].writes < w) {
		a->big[i] = a->big[i - 1];
		i--;
	}
	a->big[i] = (big_trx){ w, a->n_files ? a->n_files - 1 : 0, start_pos };
}

/* ---- verdict ----------------------------------------------------------------------------- */

static double share(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

static void reason(bp_analysis *a, double weight, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void reason(bp_analysis *a, double weight, const char *fmt, ...)
{
	if (a->n_reasons >= sizeof(a->reasons) / sizeof(a->reasons[0]))
		return;
	reason_text *r = &a->reasons[a->n_reasons++];
	r->weight = weight;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->text, sizeof(r->text), fmt, ap);
	va_end(ap);
}

static int by_strength(const void *x, const void *y)
{
	double a = ((const reason_text *)x)->weight, b = ((const reason_text *)y)->weight;
	a = a < 0 ? -a : a;
	b = b < 0 ? -b : b;
	return a < b ? 1 : a > b ? -1 : 0;
}

/* Low-cardinality indexes: a value matches more than 1% of the table and over 100 rows. */
static void table_signals(table_agg *ta, bp_schema *s)
{
	const bp_sch_table *t = bp_schema_lookup(s, ta->db, ta->name);
	if (!t)
		return;
	ta->known = true;
	ta->has_pk = bp_pf_clustered(t) != NULL;
	for (uint32_t i = 0; i < t->n_indexes; i++) {
		const bp_sch_index *ix = &t->indexes[i];
		if (ix->kind == BP_IDX_PRIMARY)
			continue;
		ta->n_secondary++;
		if (ix->kind != BP_IDX_KEY || !ix->n_parts || !t->stats.has_rows || t->stats.rows <= 0)
			continue;
		int64_t card = ix->parts[0].cardinality;
		double per_value = card > 0 ? (double)t->stats.rows / (double)card : 0;
		if (card > 0 && per_value > 100 && per_value > 0.01 * (double)t->stats.rows) {
			char **nl = realloc(ta->low_card, sizeof(*nl) * (ta->n_low_card + 1));
			if (!nl)
				return;
			ta->low_card = nl;
			nl[ta->n_low_card] = strdup(ix->name);
			if (nl[ta->n_low_card])
				ta->n_low_card++;
		}
	}
}

void bp_analysis_finish(bp_analysis *a, bp_schema *s, const bp_emit_stats *st)
{
	if (a->have_sec) {
		hist_add(&a->rate, a->cur_count, 1);
		a->have_sec = false;
	}
	if (a->cur_trx_writes)
		bp_analysis_trx_end(a, 0);
	if (st)
		a->emit = *st;
	simulate(a);
	for (uint32_t i = 0; i < a->n_tables && s; i++)
		table_signals(&a->tables[i], s);

	const tally *t = &a->all;
	uint64_t w = t->writes - t->cls[BP_C_DDL];
	/* writes whose pages reads can warm ahead: point writes by key, inserts with secondary entries... */
	double pf = share(t->level[BP_PF_FULL] + t->level[BP_PF_PARTIAL], w);
	/* ...and those with nothing to warm: tail inserts into tables with no other index */
	double seq = share(a->by_class[BP_C_INSERT_APPEND].level[BP_PF_NONE], w);
	double scan = share(t->cls[BP_C_SCAN] + t->cls[BP_C_RANGE], w);
	double other = share(t->cls[BP_C_OTHER] + t->cls[BP_C_LOAD], w);
	double cov = share(t->warmed, t->needed);
	a->n_reasons = 0;
	if (!w) {
		a->fit = "poor-fit";
		reason(a, -1, "no writes to prefetch in these logs");
		return;
	}
	if (pf >= 0.2)
		reason(a, pf, "%.0f%% of writes read pages a prefetcher can warm ahead (rows found by key, index "
			      "entries to insert or remove, foreign-key checks)", 100 * pf);
	if (seq >= 0.2)
		reason(a, -seq, "%.0f%% of writes are inserts at the auto-increment tail with no other index to "
				"maintain: their pages are in memory already, prefetching adds nothing", 100 * seq);
	if (scan >= 0.05)
		reason(a, -scan * 2, "%.0f%% of writes are scans or ranges with no key lookup: a prefetcher cannot run "
				 "far ahead of them", 100 * scan);
	if (other >= 0.05)
		reason(a, -other, "%.0f%% of writes could not be turned into reads (unparsed, multi-table, LOAD DATA)",
		       100 * other);
	if (t->needed)
		reason(a, cov >= 0.8 ? cov : -(1 - cov), "the generated reads warm %.0f%% of the index entries the "
							"writes will touch", 100 * cov);
	if (t->cls[BP_C_DDL])
		reason(a, -0.3, "%" PRIu64 " DDL statements stall the replica, and any prefetcher, while they run",
		       t->cls[BP_C_DDL]);
	double nopk = share(t->reasons[BP_RB_NO_PK], w);
	if (nopk >= 0.05)
		reason(a, -nopk, "%.0f%% of writes go to tables without a primary key (the replica searches them)",
		       100 * nopk);
	if (a->n_big && a->big[0].writes >= 10000)
		reason(a, -0.4, "the largest transaction has %" PRIu64 " writes: it stalls any prefetcher that stays a "
				"few transactions ahead", a->big[0].writes);
	qsort(a->reasons, a->n_reasons, sizeof(a->reasons[0]), by_strength);
	if (cov < 0.4 || seq >= 0.7 || scan >= 0.3 || pf < 0.2)
		a->fit = "poor-fit";
	else if (cov >= 0.8 && pf >= 0.5 && scan < 0.1)
		a->fit = "good-fit";
	else
		a->fit = "partial-fit";
}

const char *bp_analysis_verdict(const bp_analysis *a)
{
	return a->fit ? a->fit : "poor-fit";
}

/* ---- JSON ---------------------------------------------------------------------------------- */

static void jkey(bp_buf *b, const char *k)
{
	bp_buf_add_json_cstr(b, k);
	bp_buf_addc(b, ':');
}

static void ju(bp_buf *b, const char *k, uint64_t v, bool comma)
{
	jkey(b, k);
	bp_buf_addu64(b, v);
	if (comma)
		bp_buf_addc(b, ',');
}

static void jd(bp_buf *b, const char *k, double v, bool comma)
{
	jkey(b, k);
	bp_buf_addf(b, "%.4f", v);
	if (comma)
		bp_buf_addc(b, ',');
}

static void js(bp_buf *b, const char *k, const char *v, bool comma)
{
	jkey(b, k);
	bp_buf_add_json_cstr(b, v ? v : "");
	if (comma)
		bp_buf_addc(b, ',');
}

/* The common figures of a tally (no braces). */
static void json_tally(bp_buf *b, const tally *t)
{
	ju(b, "writes", t->writes, true);
	ju(b, "row_changes", t->rows, true);
	ju(b, "statements", t->stmts, true);
	ju(b, "inserts", t->ins, true);
	ju(b, "updates", t->upd, true);
	ju(b, "deletes", t->del, true);
	jkey(b, "prefetchable");
	bp_buf_addc(b, '{');
	ju(b, "full", t->level[BP_PF_FULL], true);
	ju(b, "partial", t->level[BP_PF_PARTIAL], true);
	ju(b, "none", t->level[BP_PF_NONE], true);
	jd(b, "full_share", share(t->level[BP_PF_FULL], t->writes), true);
	jd(b, "partial_share", share(t->level[BP_PF_PARTIAL], t->writes), true);
	jd(b, "none_share", share(t->level[BP_PF_NONE], t->writes), false);
	bp_buf_adds(b, "},");
	jkey(b, "row_changes_prefetchable");
	bp_buf_addc(b, '{');
	ju(b, "full", t->row_level[BP_PF_FULL], true);
	ju(b, "partial", t->row_level[BP_PF_PARTIAL], true);
	ju(b, "none", t->row_level[BP_PF_NONE], true);
	jd(b, "full_share", share(t->row_level[BP_PF_FULL], t->rows), true);
	jd(b, "partial_share", share(t->row_level[BP_PF_PARTIAL], t->rows), true);
	jd(b, "none_share", share(t->row_level[BP_PF_NONE], t->rows), false);
	bp_buf_adds(b, "},");
	jkey(b, "index_entries");
	bp_buf_addc(b, '{');
	ju(b, "touched", t->needed, true);
	ju(b, "warmed", t->warmed, true);
	jd(b, "coverage", share(t->warmed, t->needed), false);
	bp_buf_adds(b, "},");
	ju(b, "lookups", t->lookups, true);
	ju(b, "guarded", t->guarded, true);
	jkey(b, "reasons");
	bp_buf_addc(b, '{');
	bool first = true;
	for (unsigned r = 0; r < BP_R__COUNT; r++) {
		if (!t->reasons[r])
			continue;
		if (!first)
			bp_buf_addc(b, ',');
		first = false;
		ju(b, bp_pf_reason_name(r), t->reasons[r], false);
	}
	bp_buf_addc(b, '}');
}

static void json_hist(bp_buf *b, const hist *h)
{
	ju(b, "count", h->n, true);
	ju(b, "min", h->n ? h->min : 0, true);
	ju(b, "median", hist_q(h, 0.5), true);
	ju(b, "p99", hist_q(h, 0.99), true);
	ju(b, "max", h->max, true);
	jd(b, "mean", h->n ? h->sum / (double)h->n : 0, false);
}

void bp_analysis_json(bp_buf *b, const bp_analysis *a)
{
	bp_buf_addc(b, '{');
	js(b, "format", "binprime-report/1", true);
	js(b, "generator", "binprime " BP_VERSION, true);
	jkey(b, "inputs");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < a->n_files; i++) {
		const file_agg *f = &a->files[i];
		bp_buf_adds(b, i ? ",{" : "{");
		js(b, "path", f->path, true);
		ju(b, "events", f->events, true);
		ju(b, "bytes", f->bytes, true);
		ju(b, "writes", f->writes, true);
		ju(b, "transactions", f->trx, true);
		ju(b, "first_timestamp", f->first_ts, true);
		ju(b, "last_timestamp", f->last_ts, false);
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "],");
	jkey(b, "totals");
	bp_buf_addc(b, '{');
	ju(b, "events", a->events, true);
	ju(b, "bytes", a->bytes, true);
	ju(b, "transactions", a->trx, true);
	json_tally(b, &a->all);
	bp_buf_adds(b, "},");
	jkey(b, "cost");
	bp_buf_addc(b, '{');
	ju(b, "statements", a->emit.statements, true);
	ju(b, "where_derived", a->emit.raw, true);
	ju(b, "lookups", a->emit.keys, true);
	ju(b, "deduplicated", a->emit.deduped, true);
	ju(b, "guarded", a->emit.guarded, true);
	ju(b, "script_bytes", a->emit.bytes, true);
	jd(b, "statements_per_write", share(a->emit.statements, a->all.writes), true);
	jd(b, "expected_rows_per_lookup",
	   a->emit.keys_written ? a->emit.expected_rows / (double)a->emit.keys_written : 0, false);
	bp_buf_adds(b, "},");
	jkey(b, "write_rate");
	bp_buf_addc(b, '{');
	json_hist(b, &a->rate);
	bp_buf_adds(b, "},");
	jkey(b, "transactions");
	bp_buf_addc(b, '{');
	jkey(b, "size");
	bp_buf_addc(b, '{');
	json_hist(b, &a->trx_size);
	bp_buf_adds(b, "},");
	jkey(b, "histogram");
	bp_buf_addc(b, '[');
	/* writes per transaction in powers of two: 0, 1, 2-3, 4-7, ... */
	uint64_t pow2[66] = { 0 };
	for (unsigned i = 0; i < HB; i++) {
		if (!a->trx_size.b[i])
			continue;
		uint64_t v = hlow(i);
		unsigned k = v ? 64u - (unsigned)__builtin_clzll(v) : 0;
		pow2[k] += a->trx_size.b[i];
	}
	bool first = true;
	for (unsigned k = 0; k < 66; k++) {
		if (!pow2[k])
			continue;
		bp_buf_adds(b, first ? "{" : ",{");
		first = false;
		ju(b, "min", k ? 1ULL << (k - 1) : 0, true);
		ju(b, "max", k ? (k >= 64 ? UINT64_MAX : (1ULL << k) - 1) : 0, true);
		ju(b, "count", pow2[k], false);
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "],");
	jkey(b, "largest");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < a->n_big; i++) {
		bp_buf_adds(b, i ? ",{" : "{");
		ju(b, "writes", a->big[i].writes, true);
		js(b, "file", a->big[i].file < a->n_files ? a->files[a->big[i].file].path : "", true);
		ju(b, "pos", a->big[i].pos, false);
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "]},");
	jkey(b, "classes");
	bp_buf_addc(b, '[');
	first = true;
	for (unsigned c = 0; c < BP_C__COUNT; c++) {
		if (!a->by_class[c].writes)
			continue;
		bp_buf_adds(b, first ? "{" : ",{");
		first = false;
		js(b, "class", bp_pf_class_name(c), true);
		json_tally(b, &a->by_class[c]);
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "],");
	jkey(b, "tables");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < a->n_tables; i++) {
		const table_agg *t = &a->tables[i];
		bp_buf_adds(b, i ? ",{" : "{");
		js(b, "db", t->db, true);
		js(b, "table", t->name, true);
		json_tally(b, &t->t);
		bp_buf_addc(b, ',');
		jkey(b, "classes");
		bp_buf_addc(b, '{');
		bool f2 = true;
		for (unsigned c = 0; c < BP_C__COUNT; c++) {
			if (!t->t.cls[c])
				continue;
			if (!f2)
				bp_buf_addc(b, ',');
			f2 = false;
			ju(b, bp_pf_class_name(c), t->t.cls[c], false);
		}
		bp_buf_adds(b, "},");
		jkey(b, "in_schema");
		bp_buf_adds(b, t->known ? "true," : "false,");
		jkey(b, "has_primary_key");
		bp_buf_adds(b, t->has_pk ? "true," : "false,");
		ju(b, "secondary_indexes", t->n_secondary, true);
		jkey(b, "low_cardinality_indexes");
		bp_buf_addc(b, '[');
		for (uint32_t j = 0; j < t->n_low_card; j++) {
			if (j)
				bp_buf_addc(b, ',');
			bp_buf_add_json_cstr(b, t->low_card[j]);
		}
		bp_buf_adds(b, "]}");
	}
	bp_buf_adds(b, "],");
	jkey(b, "timeline");
	bp_buf_addc(b, '{');
	ju(b, "start", a->t0, true);
	ju(b, "bucket_seconds", a->width, true);
	jkey(b, "points");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < a->n_points; i++) {
		const point *p = &a->pts[i];
		bp_buf_adds(b, i ? ",[" : "[");
		bp_buf_addu64(b, (uint64_t)a->t0 + (uint64_t)i * a->width);
		for (unsigned k = 0; k < 4; k++) {
			bp_buf_addc(b, ',');
			bp_buf_addu64(b, k == 0 ? p->writes : p->level[k - 1]);
		}
		bp_buf_addc(b, ']');
	}
	bp_buf_adds(b, "]},");
	jkey(b, "parallel_apply");
	bp_buf_addc(b, '{');
	ju(b, "transactions", a->trx_with_writes, true);
	ju(b, "single_table", a->single_table_trx, true);
	ju(b, "independent_of_previous", a->independent_trx, true);
	jd(b, "independent_share", share(a->independent_trx, a->trx_with_writes), false);
	bp_buf_adds(b, "},");
	jkey(b, "time_ahead");
	bp_buf_addc(b, '{');
	jkey(b, "simulated");
	bp_buf_adds(b, a->sim.valid ? "true," : "false,");
	jd(b, "apply_rate", a->sim.apply_rate, true);
	ju(b, "prefetch_threads", a->sim.threads, true);
	jd(b, "query_rate", a->sim.query_rate, true);
	ju(b, "writes", a->sim.writes, true);
	ju(b, "late_writes", a->sim.late_writes, true);
	jd(b, "late_share", share(a->sim.late_writes, a->sim.writes), true);
	jd(b, "min_lead_seconds", a->sim.valid ? a->sim.lead_min : 0, true);
	jd(b, "final_lead_seconds", a->sim.lead_end, false);
	bp_buf_adds(b, "},");
	jkey(b, "verdict");
	bp_buf_addc(b, '{');
	js(b, "fit", bp_analysis_verdict(a), true);
	jkey(b, "reasons");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < a->n_reasons && i < 3; i++) {
		if (i)
			bp_buf_addc(b, ',');
		bp_buf_add_json_cstr(b, a->reasons[i].text);
	}
	bp_buf_adds(b, "]}}\n");
}

/* ---- text ------------------------------------------------------------------------------------ */

static int by_writes(const void *x, const void *y)
{
	const table_agg *a = *(table_agg *const *)x, *b = *(table_agg *const *)y;
	return a->t.writes < b->t.writes ? 1 : a->t.writes > b->t.writes ? -1 : strcmp(a->name, b->name);
}

void bp_analysis_text(FILE *fp, const bp_analysis *a)
{
	const tally *t = &a->all;
	fprintf(fp, "# binprime analyze: %u log(s), %" PRIu64 " events, %" PRIu64 " bytes, %" PRIu64 " transactions\n",
		a->n_files, a->events, a->bytes, a->trx);
	fprintf(fp, "# writes: %" PRIu64 " (%" PRIu64 " row changes, %" PRIu64 " statements)\n", t->writes, t->rows,
		t->stmts);
	if (t->writes)
		fprintf(fp, "# prefetchable: full %.1f%%, partial %.1f%%, none %.1f%%; index entries warmed %" PRIu64
			    " of %" PRIu64 " (%.1f%%)\n",
			100 * share(t->level[BP_PF_FULL], t->writes), 100 * share(t->level[BP_PF_PARTIAL], t->writes),
			100 * share(t->level[BP_PF_NONE], t->writes), t->warmed, t->needed,
			100 * share(t->warmed, t->needed));
	if (a->rate.n)
		fprintf(fp, "# write rate per second of log time: min %" PRIu64 ", median %" PRIu64 ", p99 %" PRIu64
			    ", max %" PRIu64 "; writes per transaction: median %" PRIu64 ", max %" PRIu64 "\n",
			a->rate.min, hist_q(&a->rate, 0.5), hist_q(&a->rate, 0.99), a->rate.max,
			hist_q(&a->trx_size, 0.5), a->trx_size.max);
	if (a->trx_with_writes)
		fprintf(fp, "# parallel apply: %.0f%% of transactions write one table, %.0f%% share no table with the "
			    "one before (independent)\n",
			100 * share(a->single_table_trx, a->trx_with_writes),
			100 * share(a->independent_trx, a->trx_with_writes));
	if (a->sim.valid)
		fprintf(fp, "# time ahead: apply at %.0f rows/s, %u prefetch thread(s) of %.0f queries/s: %.1f%% of writes "
			    "would get their reads late; lead at the end %.2f s\n",
			a->sim.apply_rate, a->sim.threads, a->sim.query_rate, 100 * share(a->sim.late_writes, a->sim.writes),
			a->sim.lead_end);
	fprintf(fp, "#\n# verdict: %s\n", bp_analysis_verdict(a));
	for (uint32_t i = 0; i < a->n_reasons && i < 3; i++)
		fprintf(fp, "#   %c %s\n", a->reasons[i].weight >= 0 ? '+' : '-', a->reasons[i].text);
	fprintf(fp, "#\n# %-16s %10s %9s %9s %9s %9s\n", "class", "writes", "full", "partial", "none", "coverage");
	for (unsigned c = 0; c < BP_C__COUNT; c++) {
		const tally *ct = &a->by_class[c];
		if (!ct->writes)
			continue;
		fprintf(fp, "# %-16s %10" PRIu64 " %9" PRIu64 " %9" PRIu64 " %9" PRIu64 " %8.1f%%\n", bp_pf_class_name(c),
			ct->writes, ct->level[BP_PF_FULL], ct->level[BP_PF_PARTIAL], ct->level[BP_PF_NONE],
			100 * share(ct->warmed, ct->needed));
	}
	if (a->n_tables) {
		table_agg **order = malloc(sizeof(*order) * a->n_tables);
		if (order) {
			for (uint32_t i = 0; i < a->n_tables; i++)
				order[i] = &a->tables[i];
			qsort(order, a->n_tables, sizeof(*order), by_writes);
			fprintf(fp, "#\n# top tables %-26s %10s %9s %9s  %s\n", "", "writes", "full", "coverage", "notes");
			for (uint32_t i = 0; i < a->n_tables && i < 10; i++) {
				const table_agg *ta = order[i];
				char name[160];
				snprintf(name, sizeof(name), "%s.%s", ta->db, ta->name);
				fprintf(fp, "# %-38s %10" PRIu64 " %8.1f%% %8.1f%%  %s%s%s\n", name, ta->t.writes,
					100 * share(ta->t.level[BP_PF_FULL], ta->t.writes),
					100 * share(ta->t.warmed, ta->t.needed), !ta->known ? "not in the schema " : "",
					ta->known && !ta->has_pk ? "no primary key " : "",
					ta->n_low_card ? "low-cardinality index " : "");
			}
			free(order);
		}
	}
	bool any = false;
	for (unsigned r = 0; r < BP_R__COUNT; r++)
		if (t->reasons[r]) {
			fprintf(fp, "%s %s %" PRIu64, any ? "," : "#\n# reasons:", bp_pf_reason_name(r), t->reasons[r]);
			any = true;
		}
	if (any)
		fputc('\n', fp);
	fprintf(fp, "#\n# script: %" PRIu64 " statements (%" PRIu64 " WHERE-derived), %" PRIu64 " bytes; lookups %" PRIu64
		    ", repeats dropped %" PRIu64 ", over the guards %" PRIu64 "\n",
		a->emit.statements, a->emit.raw, a->emit.bytes, a->emit.keys, a->emit.deduped, a->emit.guarded);
}
