/*
 * report_html.c: the HTML page of an analyze report (see report_html.h), and
 * `binprime report-html REPORT.json OUT.html`.
 *
 * The page is built in one bp_buf from the report's JSON (read with cJSON), so
 * it renders any binprime-report/1 file, including one from another machine.
 * Charts are SVG drawn here: a fixed viewBox scaled by CSS, "nice" axis steps
 * (1, 2 or 5 times a power of ten), and one mark per figure with a <title> for
 * hover text, because the page runs no script. Missing or odd fields count as
 * zero rather than failing: the page is for reading, `diff` is the strict one.
 */
#include "report_html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cJSON.h>

#include "../common/buf.h"
#include "../common/opts.h"
#include "commands.h"
#include "junit.h"

/* Chart geometry (SVG user units); the plot area sits inside the margins. */
enum { CW = 900, CH = 240, ML = 60, MR = 20, MT = 14, MB = 40 };
enum { TOP_TABLES_CHART = 20, TOP_TABLES_LIST = 50, LABEL_BYTES = 34 };

/* ---- text --------------------------------------------------------------- */

/*
 * HTML text or attribute value: markup characters become entities, control
 * characters U+FFFD, and when s is not valid UTF-8 (a binlog name in latin1)
 * its non-ASCII bytes become '?' so the page stays valid UTF-8.
 */
static void esc_n(bp_buf *b, const char *s, size_t n)
{
	bool utf8 = bp_utf8_valid(s, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': bp_buf_adds(b, "&amp;"); break;
		case '<': bp_buf_adds(b, "&lt;"); break;
		case '>': bp_buf_adds(b, "&gt;"); break;
		case '"': bp_buf_adds(b, "&quot;"); break;
		case '\'': bp_buf_adds(b, "&#39;"); break;
		default:
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				bp_buf_adds(b, "\xef\xbf\xbd");
			else
				bp_buf_addc(b, c >= 0x80 && !utf8 ? '?' : (char)c);
		}
	}
}

static void esc(bp_buf *b, const char *s)
{
	if (s)
		esc_n(b, s, strlen(s));
}

/* At most max bytes of s, cut on a UTF-8 character boundary, with "…" when cut. */
static void esc_short(bp_buf *b, const char *s, size_t max)
{
	size_t n = strlen(s);
	if (n <= max) {
		esc_n(b, s, n);
		return;
	}
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	esc_n(b, s, max);
	bp_buf_adds(b, "\xe2\x80\xa6");
}

/* 1234567 -> "1,234,567" (counts are integers in the report). */
static void add_count(bp_buf *b, double v)
{
	char digits[32];
	int n = snprintf(digits, sizeof(digits), "%.0f", v < 0 ? 0 : v);
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			bp_buf_addc(b, ',');
		bp_buf_addc(b, digits[i]);
	}
}

/* Time formats of the page (literals, so the compiler checks them). */
typedef enum { T_FULL, T_MINUTE, T_MINUTE_UTC, T_HM, T_HMS, T_MDHM } time_fmt;

static void add_time(bp_buf *b, double epoch, time_fmt f)
{
	time_t t = (time_t)epoch;
	struct tm tm;
	char s[64];
	size_t n = 0;
	if (!gmtime_r(&t, &tm))
		return;
	switch (f) {
	case T_FULL: n = strftime(s, sizeof(s), "%Y-%m-%d %H:%M:%S", &tm); break;
	case T_MINUTE: n = strftime(s, sizeof(s), "%Y-%m-%d %H:%M", &tm); break;
	case T_MINUTE_UTC: n = strftime(s, sizeof(s), "%Y-%m-%d %H:%M UTC", &tm); break;
	case T_HM: n = strftime(s, sizeof(s), "%H:%M", &tm); break;
	case T_HMS: n = strftime(s, sizeof(s), "%H:%M:%S", &tm); break;
	case T_MDHM: n = strftime(s, sizeof(s), "%m-%d %H:%M", &tm); break;
	}
	bp_buf_add(b, s, n);
}

/* ---- report access ------------------------------------------------------ */

static double num(const cJSON *o, const char *path)
{
	double v = 0;
	bp_report_num(o, path, &v);
	return isfinite(v) ? v : 0;
}

static const cJSON *arr(const cJSON *o, const char *name)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, name);
	return cJSON_IsArray(a) ? a : NULL;
}

static const char *str_or(const cJSON *o, const char *path, const char *dflt)
{
	const char *s = bp_report_str(o, path);
	return s ? s : dflt;
}

/* "db.table" into b, escaped, shortened to max bytes (0: whole). */
static void table_label(bp_buf *b, const cJSON *t, size_t max)
{
	bp_buf name = BP_BUF_INIT;
	bp_buf_addf(&name, "%s.%s", str_or(t, "db", ""), str_or(t, "table", "?"));
	if (max)
		esc_short(b, bp_buf_cstr(&name), max);
	else
		esc(b, bp_buf_cstr(&name));
	bp_buf_release(&name);
}

/* An item of a report array with its sort key. */
typedef struct {
	const cJSON *item;
	double writes;
	size_t index;
} ranked;

static int by_writes_desc(const void *pa, const void *pb)
{
	const ranked *a = pa, *b = pb;
	if (a->writes != b->writes)
		return a->writes < b->writes ? 1 : -1;
	return a->index < b->index ? -1 : a->index > b->index; /* ties keep the report's order */
}

/*
 * The array's items by descending "writes" (the caller frees; NULL with *n = 0
 * when empty or out of memory). Walked once: cJSON_GetArrayItem is linear.
 */
static ranked *by_writes(const cJSON *a, size_t *n)
{
	*n = (size_t)cJSON_GetArraySize(a);
	ranked *r = *n ? malloc(*n * sizeof(*r)) : NULL;
	if (!r) {
		*n = 0;
		return NULL;
	}
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, a) {
		r[i] = (ranked){ it, num(it, "writes"), i };
		i++;
	}
	qsort(r, *n, sizeof(*r), by_writes_desc);
	return r;
}

/* ---- chart scaffolding -------------------------------------------------- */

/* A round step (1, 2, 5 x 10^k) giving about `ticks` steps up to max. */
static double nice_step(double max, int ticks)
{
	if (max <= 0)
		return 1;
	double raw = max / ticks, mag = pow(10, floor(log10(raw))), norm = raw / mag;
	return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
}

static void chart_open(bp_buf *b, const char *id, const char *title, const char *note, int w, int h)
{
	bp_buf_addf(b, "<figure id=\"%s\"><figcaption>%s", id, title);
	if (note)
		bp_buf_addf(b, " <span class=\"note\">%s</span>", note);
	bp_buf_addf(b, "</figcaption>\n<svg class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
		       "aria-label=\"%s\" xmlns=\"http://www.w3.org/2000/svg\">\n",
		    w, h, w, h, title);
}

static void chart_close(bp_buf *b, const char *legend)
{
	bp_buf_adds(b, "</svg>");
	if (legend)
		bp_buf_adds(b, legend);
	bp_buf_adds(b, "</figure>\n");
}

static void chart_empty(bp_buf *b, int w, int h, const char *what)
{
	bp_buf_addf(b, "<text class=\"empty\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">no %s in this report</text>\n", w / 2,
		    h / 2, what);
}

/* Horizontal grid lines and labels for 0..ymax on the left axis; fmt prints a tick value. */
static void y_axis(bp_buf *b, double ymax, double step, const char *unit)
{
	for (double v = 0; v <= ymax + step / 2; v += step) {
		double y = MT + (CH - MT - MB) * (1 - v / ymax);
		bp_buf_addf(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", ML, CW - MR, y, y);
		bp_buf_addf(b, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%g%s</text>\n", ML - 6, y + 4, v,
			    unit);
	}
}

static const char LEGEND_FPN[] =
	"<p class=\"legend\"><span class=\"sw full\"></span>fully prefetchable <span class=\"sw partial\"></span>partially "
	"<span class=\"sw none\"></span>not prefetchable</p>";

/* ---- timeline charts ---------------------------------------------------- */

/* Field k of a timeline point [start, writes, full, partial, none], 0 when malformed. */
static double pt(const cJSON *p, int k)
{
	const cJSON *v = cJSON_GetArrayItem(p, k);
	return cJSON_IsNumber(v) && isfinite(v->valuedouble) ? v->valuedouble : 0;
}

typedef struct {
	const cJSON *points;
	size_t n;
	double bucket; /* seconds */
	double first, last;
} timeline;

static timeline get_timeline(const cJSON *root)
{
	const cJSON *tl = cJSON_GetObjectItemCaseSensitive(root, "timeline");
	timeline t = { arr(tl, "points"), 0, num(tl, "bucket_seconds"), 0, 0 };
	if (t.bucket < 1)
		t.bucket = 1;
	t.n = (size_t)cJSON_GetArraySize(t.points);
	if (t.n) {
		t.first = pt(cJSON_GetArrayItem(t.points, 0), 0);
		t.last = pt(cJSON_GetArrayItem(t.points, (int)t.n - 1), 0);
	}
	return t;
}

/* Time labels under the plot, about six of them. */
static void time_axis(bp_buf *b, const timeline *t)
{
	double span = t->last + t->bucket - t->first, step = fmax(1, ceil((double)t->n / 6));
	time_fmt fmt = span > 2 * 86400 ? T_MDHM : span > 600 ? T_HM : T_HMS;
	double bw = (double)(CW - ML - MR) / (double)t->n;
	for (size_t i = 0; i < t->n; i += (size_t)step) {
		bp_buf_addf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">", ML + bw * ((double)i + 0.5),
			    CH - MB + 16);
		add_time(b, pt(cJSON_GetArrayItem(t->points, (int)i), 0), fmt);
		bp_buf_adds(b, "</text>");
	}
	bp_buf_addf(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">log time (UTC), %g s buckets</text>\n",
		    (ML + CW - MR) / 2, CH - 6, t->bucket);
}

static void rate_rect(bp_buf *b, const char *cls, double x, double w, double y0, double h, double start, double count,
		      double bucket)
{
	if (count <= 0)
		return;
	bp_buf_addf(b, "<rect class=\"datum %s\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>", cls, x,
		    y0 - h, w, h);
	add_time(b, start, T_FULL);
	bp_buf_addf(b, " UTC: %s ", cls);
	add_count(b, count);
	bp_buf_addf(b, " writes (%.3g/s)</title></rect>\n", count / bucket);
}

/* Stacked bars per bucket: writes per second, split into full / partial / none. */
static void chart_rate(bp_buf *b, const timeline *t)
{
	chart_open(b, "chart-rate", "Write rate over log time", "writes per second, by prefetchability", CW, CH);
	double max = 0;
	for (size_t i = 0; i < t->n; i++)
		max = fmax(max, pt(cJSON_GetArrayItem(t->points, (int)i), 1) / t->bucket);
	if (!t->n || max <= 0) {
		chart_empty(b, CW, CH, "writes");
		chart_close(b, NULL);
		return;
	}
	double step = nice_step(max, 4), ymax = ceil(max / step) * step, ph = CH - MT - MB;
	y_axis(b, ymax, step, "");
	double bw = (double)(CW - ML - MR) / (double)t->n, gap = bw > 4 ? 1 : 0;
	for (size_t i = 0; i < t->n; i++) {
		const cJSON *p = cJSON_GetArrayItem(t->points, (int)i);
		double x = ML + bw * (double)i, y = CH - MB;
		static const char *const cls[] = { "full", "partial", "none" };
		for (int k = 0; k < 3; k++) {
			double h = pt(p, 2 + k) / t->bucket / ymax * ph;
			rate_rect(b, cls[k], x, bw - gap, y, h, pt(p, 0), pt(p, 2 + k), t->bucket);
			y -= h;
		}
	}
	time_axis(b, t);
	chart_close(b, LEGEND_FPN);
}

/* One share line (fraction of writes per bucket) as a path broken at idle buckets, with dots when few. */
static void share_line(bp_buf *b, const timeline *t, const char *cls, int upto, const char *label)
{
	double bw = (double)(CW - ML - MR) / (double)t->n, ph = CH - MT - MB;
	bp_buf_addf(b, "<path class=\"datum line %s\" d=\"", cls);
	bool pen = false;
	for (size_t i = 0; i < t->n; i++) {
		const cJSON *p = cJSON_GetArrayItem(t->points, (int)i);
		double w = pt(p, 1), part = 0;
		for (int k = 2; k <= upto; k++)
			part += pt(p, k);
		if (w <= 0) {
			pen = false;
			continue;
		}
		bp_buf_addf(b, "%c%.2f %.2f ", pen ? 'L' : 'M', ML + bw * ((double)i + 0.5), MT + ph * (1 - fmin(1, part / w)));
		pen = true;
	}
	bp_buf_addf(b, "\"><title>%s</title></path>\n", label);
	if (t->n > 60)
		return;
	for (size_t i = 0; i < t->n; i++) {
		const cJSON *p = cJSON_GetArrayItem(t->points, (int)i);
		double w = pt(p, 1), part = 0;
		for (int k = 2; k <= upto; k++)
			part += pt(p, k);
		if (w <= 0)
			continue;
		bp_buf_addf(b, "<circle class=\"datum dot %s\" cx=\"%.2f\" cy=\"%.2f\" r=\"3\"><title>", cls,
			    ML + bw * ((double)i + 0.5), MT + ph * (1 - fmin(1, part / w)));
		add_time(b, pt(p, 0), T_FULL);
		bp_buf_addf(b, " UTC: %s %.1f%% of ", label, part / w * 100);
		add_count(b, w);
		bp_buf_adds(b, " writes</title></circle>\n");
	}
}

static void chart_share(bp_buf *b, const timeline *t)
{
	chart_open(b, "chart-share", "Prefetchable share over log time", "share of each bucket's writes", CW, CH);
	double writes = 0;
	for (size_t i = 0; i < t->n; i++)
		writes += pt(cJSON_GetArrayItem(t->points, (int)i), 1);
	if (writes <= 0) {
		chart_empty(b, CW, CH, "writes");
		chart_close(b, NULL);
		return;
	}
	y_axis(b, 100, 25, "%");
	share_line(b, t, "partial", 3, "fully or partially prefetchable");
	share_line(b, t, "full", 2, "fully prefetchable");
	time_axis(b, t);
	chart_close(b, "<p class=\"legend\"><span class=\"sw full\"></span>fully prefetchable "
		       "<span class=\"sw partial\"></span>fully or partially prefetchable</p>");
}

/* ---- bar charts --------------------------------------------------------- */

enum { ROW = 24, LABEL_W = 230 };

static void bar_label(bp_buf *b, double y, const char *text_html)
{
	bp_buf_addf(b, "<text class=\"label\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LABEL_W - 8, y + 15,
		    text_html);
}

/* Index-entry coverage of the top tables by writes, one bar each on a 0..100% track. */
static void chart_tables(bp_buf *b, const cJSON *root)
{
	const cJSON *tables = arr(root, "tables");
	size_t n = 0;
	ranked *order = by_writes(tables, &n);
	size_t shown = n < TOP_TABLES_CHART ? n : TOP_TABLES_CHART;
	int h = MT + (int)(shown ? shown : 4) * ROW + 30;
	chart_open(b, "chart-tables", "Index-entry coverage per table",
		   n > TOP_TABLES_CHART ? "top 20 tables by writes" : "tables by writes", CW, h);
	if (!shown)
		chart_empty(b, CW, h, "tables");
	double tw = CW - LABEL_W - 170;
	for (size_t i = 0; i < shown; i++) {
		const cJSON *t = order[i].item;
		double y = MT + (double)i * ROW, cov = fmin(1, fmax(0, num(t, "index_entries.coverage")));
		double touched = num(t, "index_entries.touched");
		bp_buf name = BP_BUF_INIT;
		table_label(&name, t, LABEL_BYTES);
		bar_label(b, y, bp_buf_cstr(&name));
		bp_buf_release(&name);
		bp_buf_addf(b, "<rect class=\"track\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"18\"/>", LABEL_W, y + 2, tw);
		bp_buf_addf(b, "<rect class=\"datum cov%s\" x=\"%d\" y=\"%.1f\" width=\"%.2f\" height=\"18\"><title>", touched > 0 ? "" : " na",
			    LABEL_W, y + 2, tw * cov);
		table_label(b, t, 0);
		bp_buf_addf(b, ": %.1f%% of ", cov * 100);
		add_count(b, touched);
		bp_buf_adds(b, " index entries warmed; ");
		add_count(b, num(t, "writes"));
		bp_buf_adds(b, " writes</title></rect>");
		bp_buf_addf(b, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">", LABEL_W + tw + 8, y + 15);
		if (touched > 0)
			bp_buf_addf(b, "%.1f%% of ", cov * 100);
		else
			bp_buf_adds(b, "no index entries, ");
		add_count(b, num(t, "writes"));
		bp_buf_adds(b, " writes</text>\n");
	}
	free(order);
	chart_close(b, NULL);
}

/* One horizontal bar split into full / partial / none, scaled to max writes over width w. */
static void split_bar(bp_buf *b, const cJSON *o, const char *name, double y, double max, double w)
{
	static const char *const cls[] = { "full", "partial", "none" };
	double x = LABEL_W;
	for (int k = 0; k < 3; k++) {
		char path[32];
		snprintf(path, sizeof(path), "prefetchable.%s", cls[k]);
		double v = num(o, path), bw = max > 0 ? v / max * w : 0;
		if (v <= 0)
			continue;
		bp_buf_addf(b, "<rect class=\"datum %s\" x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"18\"><title>", cls[k], x,
			    y + 2, bw);
		esc(b, name);
		bp_buf_addf(b, ": %s ", cls[k]);
		add_count(b, v);
		bp_buf_adds(b, " writes</title></rect>");
		x += bw;
	}
}

/* Writes per class, each bar split by prefetchability. */
static void chart_classes(bp_buf *b, const cJSON *root)
{
	const cJSON *classes = arr(root, "classes");
	size_t n = 0;
	ranked *order = by_writes(classes, &n);
	int h = MT + (int)(n ? n : 4) * ROW + 30;
	double total = num(root, "totals.writes"), max = 0, w = CW - LABEL_W - 170;
	chart_open(b, "chart-classes", "Class mix", "writes per class, by prefetchability", CW, h);
	if (!n)
		chart_empty(b, CW, h, "writes");
	for (size_t i = 0; i < n; i++)
		max = fmax(max, num(order[i].item, "writes"));
	for (size_t i = 0; i < n; i++) {
		const cJSON *c = order[i].item;
		const char *name = str_or(c, "class", "?");
		double y = MT + (double)i * ROW, writes = num(c, "writes");
		bp_buf label = BP_BUF_INIT;
		esc(&label, name);
		bar_label(b, y, bp_buf_cstr(&label));
		bp_buf_release(&label);
		split_bar(b, c, name, y, max, w);
		bp_buf_addf(b, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\">", LABEL_W + w + 8, y + 15);
		add_count(b, writes);
		bp_buf_addf(b, " (%.1f%%)</text>\n", total > 0 ? writes / total * 100 : 0);
	}
	free(order);
	chart_close(b, LEGEND_FPN);
}

/* Transactions per size bucket (writes per transaction, power-of-two buckets). */
static void chart_trx(bp_buf *b, const cJSON *root)
{
	const cJSON *hist = arr(cJSON_GetObjectItemCaseSensitive(root, "transactions"), "histogram");
	size_t n = (size_t)cJSON_GetArraySize(hist);
	chart_open(b, "chart-trx", "Transaction sizes", "transactions by writes per transaction", CW, CH);
	double max = 0;
	const cJSON *e;
	cJSON_ArrayForEach(e, hist)
		max = fmax(max, num(e, "count"));
	if (!n || max <= 0) {
		chart_empty(b, CW, CH, "transactions");
		chart_close(b, NULL);
		return;
	}
	double step = nice_step(max, 4), ymax = ceil(max / step) * step, ph = CH - MT - MB;
	y_axis(b, ymax, step, "");
	double bw = fmin(90, (double)(CW - ML - MR) / (double)n);
	size_t i = 0;
	cJSON_ArrayForEach(e, hist) {
		double lo = num(e, "min"), hi = num(e, "max"), count = num(e, "count");
		double x = ML + bw * (double)i++, bh = fmax(count > 0 ? 2 : 0, count / ymax * ph);
		char range[64];
		snprintf(range, sizeof(range), lo == hi ? "%.0f" : "%.0f\xe2\x80\x93%.0f", lo, hi);
		bp_buf_addf(b, "<rect class=\"datum trx\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>%s writes: ",
			    x + 2, CH - MB - bh, bw - 4, bh, range);
		add_count(b, count);
		bp_buf_adds(b, " transactions</title></rect>");
		bp_buf_addf(b, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x + bw / 2, CH - MB - bh - 4);
		add_count(b, count);
		bp_buf_addf(b, "</text><text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x + bw / 2,
			    CH - MB + 16, range);
	}
	bp_buf_addf(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">writes per transaction</text>\n",
		    (ML + CW - MR) / 2, CH - 6);
	chart_close(b, NULL);
}

/* ---- page sections ------------------------------------------------------ */

static const char CSS[] =
	"body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d232a;background:#f6f7f9;margin:0}"
	"main{max-width:960px;margin:0 auto;padding:24px}"
	"h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}"
	".meta{color:#5a6470;margin:0 0 16px}"
	".verdict{border-radius:8px;padding:14px 18px;color:#fff;margin:12px 0}"
	".verdict h2{margin:0 0 6px;font-size:20px;color:#fff}.verdict ul{margin:0;padding-left:20px}"
	".good-fit{background:#2e7d32}.partial-fit{background:#b26a00}.poor-fit{background:#b3261e}.unknown{background:#5a6470}"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px}"
	".card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 12px}"
	".card b{display:block;font-size:20px}.card span{color:#5a6470;font-size:12px}"
	"figure{background:#fff;border:1px solid #dde1e6;border-radius:8px;margin:14px 0;padding:12px}"
	"figcaption{font-weight:600;margin-bottom:6px}.note{font-weight:400;color:#5a6470}"
	"svg.chart{display:block;width:100%;height:auto;font-size:12px}"
	".grid{stroke:#e6e9ed}.tick,.axis,.value{fill:#5a6470}.label{fill:#1d232a}.empty{fill:#8a939d;font-size:15px}"
	".full{fill:#2e7d32}.partial{fill:#f0a202}.none{fill:#c62828}.cov{fill:#1f6feb}.na{fill:#8a939d}.trx{fill:#6f42c1}"
	".track{fill:#eef1f4}.line{fill:none;stroke-width:2}.line.full{stroke:#2e7d32}.line.partial{stroke:#f0a202;stroke-width:5;stroke-opacity:.55}"
	"rect.datum:hover,circle.datum:hover{opacity:.75}"
	".legend{margin:6px 0 0;color:#5a6470;font-size:12px}"
	".sw{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px;border-radius:2px}"
	".sw.full{background:#2e7d32}.sw.partial{background:#f0a202}.sw.none{background:#c62828}"
	"table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}"
	"th,td{border-bottom:1px solid #e6e9ed;padding:5px 8px;text-align:right}"
	"th{background:#eef1f4;font-weight:600}th:first-child,td:first-child,td.t{text-align:left}"
	"td.t{color:#5a6470;max-width:280px}"
	"footer{color:#8a939d;font-size:12px;margin-top:28px}";

static void page_head(bp_buf *b, const cJSON *root)
{
	bp_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<title>binprime report: ");
	esc(b, str_or(root, "verdict.fit", "no verdict"));
	bp_buf_addf(b, "</title>\n<style>%s</style>\n</head>\n<body><main>\n<h1>binprime suitability report</h1>\n", CSS);
}

/* The inputs line: which logs, how much, which log time. */
static void page_meta(bp_buf *b, const cJSON *root, const timeline *t)
{
	const cJSON *inputs = arr(root, "inputs"), *in;
	bp_buf_adds(b, "<p class=\"meta\">");
	size_t n = 0;
	cJSON_ArrayForEach(in, inputs) {
		if (n++ < 5) {
			bp_buf_adds(b, n > 1 ? ", " : "");
			esc(b, str_or(in, "path", "?"));
		}
	}
	if (n > 5)
		bp_buf_addf(b, " and %zu more", n - 5);
	bp_buf_adds(b, n ? " &middot; " : "");
	add_count(b, num(root, "totals.events"));
	bp_buf_adds(b, " events, ");
	add_count(b, num(root, "totals.bytes"));
	bp_buf_adds(b, " bytes");
	if (t->n) {
		bp_buf_adds(b, " &middot; log time ");
		add_time(b, t->first, T_MINUTE);
		bp_buf_adds(b, " to ");
		add_time(b, t->last + t->bucket, T_MINUTE_UTC);
	}
	bp_buf_adds(b, "</p>\n");
}

static void page_verdict(bp_buf *b, const cJSON *root)
{
	const char *fit = str_or(root, "verdict.fit", "no verdict");
	bool known = !strcmp(fit, "good-fit") || !strcmp(fit, "partial-fit") || !strcmp(fit, "poor-fit");
	bp_buf_addf(b, "<section class=\"verdict %s\" id=\"verdict\"><h2>Verdict: ", known ? fit : "unknown");
	esc(b, fit);
	bp_buf_adds(b, "</h2><ul>\n");
	const cJSON *r;
	cJSON_ArrayForEach(r, arr(cJSON_GetObjectItemCaseSensitive(root, "verdict"), "reasons")) {
		bp_buf_adds(b, "<li>");
		esc(b, cJSON_IsString(r) ? r->valuestring : "");
		bp_buf_adds(b, "</li>\n");
	}
	bp_buf_adds(b, "</ul></section>\n");
}

/* A key figure: a count (decimals < 0), else v with that many decimals and the suffix. */
static void card(bp_buf *b, const char *label, int decimals, const char *suffix, double v)
{
	bp_buf_adds(b, "<div class=\"card\"><b>");
	if (decimals < 0)
		add_count(b, v);
	else
		bp_buf_addf(b, "%.*f%s", decimals, v, suffix);
	bp_buf_addf(b, "</b><span>%s</span></div>\n", label);
}

static void page_cards(bp_buf *b, const cJSON *root)
{
	bp_buf_adds(b, "<div class=\"cards\">\n");
	card(b, "writes (row changes and statements)", -1, "", num(root, "totals.writes"));
	card(b, "transactions", -1, "", num(root, "totals.transactions"));
	card(b, "index-entry coverage", 1, "%", num(root, "totals.index_entries.coverage") * 100);
	card(b, "writes fully prefetchable", 1, "%", num(root, "totals.prefetchable.full_share") * 100);
	card(b, "writes partially prefetchable", 1, "%", num(root, "totals.prefetchable.partial_share") * 100);
	card(b, "writes not prefetchable", 1, "%", num(root, "totals.prefetchable.none_share") * 100);
	card(b, "write rate p99 (writes/s)", -1, "", num(root, "write_rate.p99"));
	card(b, "prefetch statements per write", 2, "", num(root, "cost.statements_per_write"));
	bp_buf_adds(b, "</div>\n");
}

/* Up to two reasons with the highest counts, "reason (n), reason (n)". */
static void top_reasons(bp_buf *b, const cJSON *reasons)
{
	const cJSON *best[2] = { NULL, NULL }, *r;
	cJSON_ArrayForEach(r, reasons) {
		if (!cJSON_IsNumber(r) || r->valuedouble <= 0)
			continue;
		if (!best[0] || r->valuedouble > best[0]->valuedouble) {
			best[1] = best[0];
			best[0] = r;
		} else if (!best[1] || r->valuedouble > best[1]->valuedouble) {
			best[1] = r;
		}
	}
	for (int i = 0; i < 2 && best[i]; i++) {
		bp_buf_adds(b, i ? ", " : "");
		esc(b, best[i]->string);
		bp_buf_adds(b, " (");
		add_count(b, best[i]->valuedouble);
		bp_buf_adds(b, ")");
	}
}

static void td_count(bp_buf *b, double v)
{
	bp_buf_adds(b, "<td>");
	add_count(b, v);
	bp_buf_adds(b, "</td>");
}

static void td_pct(bp_buf *b, double fraction)
{
	bp_buf_addf(b, "<td>%.1f%%</td>", fraction * 100);
}

static void table_row(bp_buf *b, const cJSON *t)
{
	bp_buf_adds(b, "<tr><td>");
	table_label(b, t, 0);
	bp_buf_adds(b, "</td>");
	td_count(b, num(t, "writes"));
	bp_buf_adds(b, "<td>");
	add_count(b, num(t, "inserts"));
	bp_buf_adds(b, " / ");
	add_count(b, num(t, "updates"));
	bp_buf_adds(b, " / ");
	add_count(b, num(t, "deletes"));
	bp_buf_adds(b, "</td>");
	td_pct(b, num(t, "prefetchable.full_share"));
	td_pct(b, num(t, "prefetchable.none_share"));
	if (num(t, "index_entries.touched") > 0)
		td_pct(b, num(t, "index_entries.coverage"));
	else
		bp_buf_adds(b, "<td>&ndash;</td>");
	const cJSON *pk = cJSON_GetObjectItemCaseSensitive(t, "has_primary_key");
	bp_buf_addf(b, "<td>%s</td>", cJSON_IsTrue(pk) ? "yes" : "<b>no</b>");
	td_count(b, num(t, "secondary_indexes"));
	bp_buf_adds(b, "<td class=\"t\">");
	top_reasons(b, cJSON_GetObjectItemCaseSensitive(t, "reasons"));
	bp_buf_adds(b, "</td></tr>\n");
}

static void page_tables(bp_buf *b, const cJSON *root)
{
	const cJSON *tables = arr(root, "tables");
	size_t n = 0;
	ranked *order = by_writes(tables, &n);
	bp_buf_adds(b, "<h2 id=\"top-tables\">Top tables</h2>\n<table><thead><tr><th>table</th><th>writes</th>"
		       "<th>ins / upd / del</th><th>full</th><th>none</th><th>coverage</th><th>PK</th><th>secondary</th>"
		       "<th>main reasons</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < n && i < TOP_TABLES_LIST; i++)
		table_row(b, order[i].item);
	bp_buf_adds(b, "</tbody></table>\n");
	if (n > TOP_TABLES_LIST)
		bp_buf_addf(b, "<p class=\"legend\">%zu more tables in the JSON report.</p>\n", n - TOP_TABLES_LIST);
	free(order);
}

static void page_classes(bp_buf *b, const cJSON *root)
{
	const cJSON *classes = arr(root, "classes");
	size_t n = 0;
	ranked *order = by_writes(classes, &n);
	double total = num(root, "totals.writes");
	bp_buf_adds(b, "<h2 id=\"classes\">Classes</h2>\n<table><thead><tr><th>class</th><th>writes</th><th>share</th>"
		       "<th>full</th><th>partial</th><th>none</th><th>coverage</th><th>lookups</th><th>main reasons</th>"
		       "</tr></thead><tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const cJSON *c = order[i].item;
		bp_buf_adds(b, "<tr><td>");
		esc(b, str_or(c, "class", "?"));
		bp_buf_adds(b, "</td>");
		td_count(b, num(c, "writes"));
		td_pct(b, total > 0 ? num(c, "writes") / total : 0);
		td_pct(b, num(c, "prefetchable.full_share"));
		td_pct(b, num(c, "prefetchable.partial_share"));
		td_pct(b, num(c, "prefetchable.none_share"));
		td_pct(b, num(c, "index_entries.coverage"));
		td_count(b, num(c, "lookups"));
		bp_buf_adds(b, "<td class=\"t\">");
		top_reasons(b, cJSON_GetObjectItemCaseSensitive(c, "reasons"));
		bp_buf_adds(b, "</td></tr>\n");
	}
	bp_buf_adds(b, "</tbody></table>\n");
	free(order);
}

/* Reasons writes are not (fully) prefetchable, and the largest transactions. */
static void page_details(bp_buf *b, const cJSON *root)
{
	bp_buf_adds(b, "<h2 id=\"reasons\">Reasons</h2>\n<table><thead><tr><th>reason</th><th>writes</th></tr></thead><tbody>\n");
	const cJSON *r;
	cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "totals"), "reasons")) {
		bp_buf_adds(b, "<tr><td>");
		esc(b, r->string);
		bp_buf_adds(b, "</td>");
		td_count(b, cJSON_IsNumber(r) ? r->valuedouble : 0);
		bp_buf_adds(b, "</tr>\n");
	}
	bp_buf_adds(b, "</tbody></table>\n<h2 id=\"largest\">Largest transactions</h2>\n<table><thead><tr><th>file</th>"
		       "<th>position</th><th>writes</th></tr></thead><tbody>\n");
	const cJSON *t;
	cJSON_ArrayForEach(t, arr(cJSON_GetObjectItemCaseSensitive(root, "transactions"), "largest")) {
		bp_buf_adds(b, "<tr><td>");
		esc(b, str_or(t, "file", "?"));
		bp_buf_adds(b, "</td>");
		td_count(b, num(t, "pos"));
		td_count(b, num(t, "writes"));
		bp_buf_adds(b, "</tr>\n");
	}
	bp_buf_adds(b, "</tbody></table>\n");
}

static void page_foot(bp_buf *b, const cJSON *root)
{
	bp_buf_adds(b, "<footer>");
	esc(b, str_or(root, "generator", "binprime"));
	bp_buf_adds(b, " &middot; report format ");
	esc(b, str_or(root, "format", ""));
	bp_buf_adds(b, " &middot; coverage is the share of the index entries the writes touch that the generated reads "
		       "warm</footer>\n</main></body></html>\n");
}

/* ---- the replay section (a binprime replay --report beside the analysis) ----------- */

static void replay_rate(bp_buf *b, const cJSON *rp)
{
	const cJSON *per = arr(rp, "throughput_per_second"), *e;
	size_t n = (size_t)cJSON_GetArraySize(per);
	chart_open(b, "chart-replay-rate", "Replay throughput", "statements answered in each second of the replay", CW,
		   CH);
	double max = 0;
	cJSON_ArrayForEach(e, per)
		max = fmax(max, cJSON_IsNumber(e) ? e->valuedouble : 0);
	if (!n || max <= 0) {
		chart_empty(b, CW, CH, "replayed statements");
		chart_close(b, NULL);
		return;
	}
	double step = nice_step(max, 4), ymax = ceil(max / step) * step, ph = CH - MT - MB;
	y_axis(b, ymax, step, "");
	double bw = (double)(CW - ML - MR) / (double)n;
	size_t i = 0, every = n > 12 ? (n + 11) / 12 : 1;
	cJSON_ArrayForEach(e, per) {
		double v = cJSON_IsNumber(e) ? e->valuedouble : 0, x = ML + bw * (double)i;
		double bh = fmax(v > 0 ? 1 : 0, v / ymax * ph);
		bp_buf_addf(b, "<rect class=\"datum cov\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\"><title>second %zu: ",
			    x + (bw > 3 ? 0.5 : 0), CH - MB - bh, fmax(bw - (bw > 3 ? 1 : 0), 0.5), bh, i + 1);
		add_count(b, v);
		bp_buf_adds(b, " statements</title></rect>");
		if (i % every == 0)
			bp_buf_addf(b, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%zus</text>", x + bw / 2,
				    CH - MB + 16, i);
		bp_buf_addc(b, '\n');
		i++;
	}
	bp_buf_addf(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds since the replay began</text>\n",
		    (ML + CW - MR) / 2, CH - 6);
	chart_close(b, NULL);
}

static void td_ms(bp_buf *b, const cJSON *lat, const char *q)
{
	double v;
	if (bp_report_num(lat, q, &v))
		bp_buf_addf(b, "<td>%.3f</td>", v);
	else
		bp_buf_adds(b, "<td>-</td>");
}

static void replay_row(bp_buf *b, const cJSON *c, const char *name)
{
	const cJSON *lat = cJSON_GetObjectItemCaseSensitive(c, "latency_ms");
	bp_buf_adds(b, "<tr><td>");
	esc(b, name ? name : str_or(c, "class", "?"));
	bp_buf_adds(b, "</td>");
	td_count(b, num(c, "count"));
	td_count(b, num(c, "errors"));
	td_count(b, num(c, "rows"));
	td_ms(b, lat, "p50");
	td_ms(b, lat, "p90");
	td_ms(b, lat, "p99");
	td_ms(b, lat, "max");
	bp_buf_adds(b, "</tr>\n");
}

static void page_replay(bp_buf *b, const cJSON *rp)
{
	double elapsed = num(rp, "elapsed_seconds");
	bp_buf_adds(b, "<h2 id=\"replay\">Replay</h2>\n<p class=\"meta\">");
	esc(b, str_or(rp, "script", "?"));
	bp_buf_adds(b, " against ");
	esc(b, str_or(rp, "server.flavor", "?"));
	bp_buf_adds(b, " ");
	esc(b, str_or(rp, "server.version", "?"));
	bp_buf_adds(b, " &middot; ");
	add_count(b, num(rp, "options.concurrency"));
	bp_buf_addf(b, " sessions &middot; %.1f s &middot; stopped by ", elapsed);
	esc(b, str_or(rp, "stopped_by", "?"));
	if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(rp, "follow")))
		bp_buf_adds(b, " &middot; following a replica's apply");
	bp_buf_adds(b, "</p>\n<div class=\"cards\">\n");
	card(b, "statements sent", -1, "", num(rp, "total.count"));
	card(b, "statement errors", -1, "", num(rp, "total.errors"));
	card(b, "statements per second", -1, "", num(rp, "throughput_qps"));
	card(b, "latency p50", 3, " ms", num(rp, "total.latency_ms.p50"));
	card(b, "latency p99", 3, " ms", num(rp, "total.latency_ms.p99"));
	card(b, "rows returned", -1, "", num(rp, "total.rows"));
	const cJSON *f = cJSON_GetObjectItemCaseSensitive(rp, "follow");
	if (cJSON_IsObject(f)) {
		double sent = num(f, "sent"), late = num(f, "late");
		card(b, "dropped as late (the apply had passed)", 1, "%", sent + late > 0 ? late / (sent + late) * 100 : 0);
		card(b, "lead when sent, p50 (transactions)", -1, "", num(f, "lead.p50"));
	}
	bp_buf_adds(b, "</div>\n");
	replay_rate(b, rp);
	bp_buf_adds(b, "<table id=\"replay-classes\"><thead><tr><th>class</th><th>statements</th><th>errors</th><th>rows</th>"
		       "<th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th></tr></thead><tbody>\n");
	const cJSON *c;
	cJSON_ArrayForEach(c, arr(rp, "classes"))
		replay_row(b, c, NULL);
	replay_row(b, cJSON_GetObjectItemCaseSensitive(rp, "total"), "all");
	bp_buf_adds(b, "</tbody></table>\n");
	if (cJSON_IsObject(f)) {
		bp_buf_adds(b, "<p class=\"meta\">Follow (");
		esc(b, str_or(f, "by", "?"));
		bp_buf_addf(b, ", %.0f to %.0f transactions ahead): ", num(f, "min_ahead"), num(f, "max_ahead"));
		add_count(b, num(f, "sent"));
		bp_buf_adds(b, " sent, ");
		add_count(b, num(f, "late"));
		bp_buf_adds(b, " dropped as late, ");
		add_count(b, num(f, "overtaken"));
		bp_buf_adds(b, " overtaken by the apply, ");
		add_count(b, num(f, "waited"));
		bp_buf_adds(b, " waited for it; the apply went through ");
		add_count(b, num(f, "applied_during_run"));
		bp_buf_adds(b, " transactions meanwhile.</p>\n");
	}
}

static void render(bp_buf *b, const cJSON *root, const cJSON *replay)
{
	timeline t = get_timeline(root);
	page_head(b, root);
	page_meta(b, root, &t);
	page_verdict(b, root);
	page_cards(b, root);
	bp_buf_adds(b, "<h2>Charts</h2>\n");
	chart_rate(b, &t);
	chart_share(b, &t);
	chart_tables(b, root);
	chart_classes(b, root);
	chart_trx(b, root);
	page_tables(b, root);
	page_classes(b, root);
	page_details(b, root);
	if (replay)
		page_replay(b, replay);
	page_foot(b, root);
}

static int write_file(const char *path, bp_buf *b, bp_err *err)
{
	bool is_stdout = strcmp(path, "-") == 0;
	FILE *fp = is_stdout ? stdout : fopen(path, "wb");
	if (!fp)
		return BP_ERR_SET(err, BP_E_IO, "cannot create %s", path);
	bool ok = bp_buf_flush_to(b, fp);
	ok = (is_stdout ? fflush(fp) == 0 : fclose(fp) == 0) && ok;
	return ok ? 0 : BP_ERR_SET(err, BP_E_IO, "writing %s failed", path);
}

/* A binprime replay --report: NULL with err set when it is not one. */
static cJSON *replay_parse(const char *json, size_t n, bp_err *err)
{
	cJSON *r = cJSON_ParseWithLength(json, n);
	if (!cJSON_IsObject(r)) {
		cJSON_Delete(r);
		BP_ERR_SET(err, BP_E_CORRUPT, "the replay report is not a JSON object");
		return NULL;
	}
	const char *f = bp_report_str(r, "format");
	if (!f || strcmp(f, "binprime-replay/1") != 0) {
		cJSON_Delete(r);
		BP_ERR_SET(err, BP_E_UNSUPPORTED, "the replay report's format is not binprime-replay/1");
		return NULL;
	}
	return r;
}

int bp_report_html(const char *report_json, size_t n, const char *replay_json, size_t rn, const char *path,
		   bp_err *err)
{
	cJSON *root = bp_report_parse(report_json, n, NULL, err);
	if (!root)
		return -err->code;
	cJSON *replay = replay_json ? replay_parse(replay_json, rn, err) : NULL;
	if (replay_json && !replay) {
		cJSON_Delete(root);
		return -err->code;
	}
	bp_buf b = BP_BUF_INIT;
	render(&b, root, replay);
	cJSON_Delete(root);
	cJSON_Delete(replay);
	int rc = bp_buf_ok(&b) ? write_file(path, &b, err) : BP_ERR_SET(err, BP_E_NOMEM, "out of memory rendering %s", path);
	bp_buf_release(&b);
	return rc;
}

/* ---- binprime report-html ----------------------------------------------- */

static const char *const SYNOPSIS = "[--replay REPLAY.json] REPORT.json OUT.html";
static const char *const SUMMARY =
	"Render a `binprime analyze --report` file as one self-contained HTML page (inline\n"
	"CSS and SVG charts, no scripts, nothing loaded from elsewhere), with the figures of\n"
	"a `binprime replay --report` file when --replay is given. OUT.html may be - for\n"
	"stdout, REPORT.json - for stdin.";

int bp_cmd_report_html(int argc, char **argv)
{
	bool help = false;
	bp_strlist operands = { 0 };
	const char *replay_path = NULL;
	const bp_opt opts[] = {
		{ "replay", 0, BP_OPT_STR, &replay_path, "FILE", "add the figures of this binprime replay --report", NULL, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	bp_err err;
	bp_err_clear(&err);
	int status = 0;
	char *text = NULL, *rtext = NULL;
	size_t n = 0, rn = 0;
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime report-html %s\n", SYNOPSIS);
		status = 1;
	} else if (help) {
		bp_opts_help(stdout, "report-html", SYNOPSIS, SUMMARY, opts);
	} else if (operands.n != 2) {
		fprintf(stderr, "binprime: error: give a report and an output file\nusage: binprime report-html %s\n",
			SYNOPSIS);
		status = 1;
	} else if (bp_report_read_file(operands.v[0], &text, &n, &err) ||
		   (replay_path && bp_report_read_file(replay_path, &rtext, &rn, &err)) ||
		   bp_report_html(text, n, rtext, rn, operands.v[1], &err)) {
		bp_err_print(stderr, "error", &err);
		status = bp_exit_status(err.code);
	}
	free(text);
	free(rtext);
	bp_strlist_release(&operands);
	return status;
}
