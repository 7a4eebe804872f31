/*
 * walk.c: the reading loop shared by the commands (see walk.h).
 */
#include "walk.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../common/err.h"
#include "binlog_file.h"

/* "YYYY-MM-DD HH:MM:SS" (or a date alone) in the local time zone, as mysqlbinlog reads it */
static int parse_datetime(const char *s, int64_t *out)
{
	struct tm tmv;
	memset(&tmv, 0, sizeof(tmv));
	int n = sscanf(s, "%d-%d-%d %d:%d:%d", &tmv.tm_year, &tmv.tm_mon, &tmv.tm_mday, &tmv.tm_hour, &tmv.tm_min,
		       &tmv.tm_sec);
	if (n != 3 && n != 6)
		return -1;
	tmv.tm_year -= 1900;
	tmv.tm_mon -= 1;
	tmv.tm_isdst = -1;
	time_t t = mktime(&tmv);
	if (t == (time_t)-1)
		return -1;
	*out = (int64_t)t;
	return 0;
}

int bp_walk_check(const bp_walk_opts *o)
{
	int64_t ts;
	if ((o->start_dt && parse_datetime(o->start_dt, &ts)) || (o->stop_dt && parse_datetime(o->stop_dt, &ts))) {
		fprintf(stderr, "binprime: error: bad datetime, want 'YYYY-MM-DD HH:MM:SS'\n");
		return -1;
	}
	return 0;
}

typedef struct walk {
	const bp_walk_opts *o;
	const bp_walk_calls *calls;
	int64_t start_ts, stop_ts;
	const char *cur_file;
	int worst;
	bool output_failed;
	/* progress: bytes of the files before this one, the total, when it started, when last drawn */
	bool show;
	uint64_t done_before, total;
	double t_start, t_drawn;
} walk;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void human(char *out, size_t n, double bytes)
{
	const char *u[] = { "B", "KB", "MB", "GB", "TB" };
	int i = 0;
	while (bytes >= 1000 && i < 4)
		bytes /= 1000, i++;
	snprintf(out, n, i ? "%.1f %s" : "%.0f %s", bytes, u[i]);
}

/* "  1.2 GB / 3.4 GB  35%  341 MB/s  ETA 0:07", at most 4 times a second */
static void progress(walk *w, uint64_t pos, bool final)
{
	double t = now_s();
	if (!final && t - w->t_drawn < 0.25)
		return;
	w->t_drawn = t;
	uint64_t done = w->done_before + pos;
	double rate = t > w->t_start ? (double)done / (t - w->t_start) : 0;
	char d[32], tot[32], r[32];
	human(d, sizeof(d), (double)done);
	human(tot, sizeof(tot), (double)w->total);
	human(r, sizeof(r), rate);
	unsigned pct = w->total ? (unsigned)(100.0 * (double)done / (double)w->total) : 0;
	double eta = rate > 0 && w->total > done ? (double)(w->total - done) / rate : 0;
	fprintf(stderr, "\r  %s / %s  %3u%%  %s/s  ETA %u:%02u ", d, tot, pct > 100 ? 100 : pct, r,
		(unsigned)eta / 60, (unsigned)eta % 60);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}

static void notice(void *vctx, const bp_event *ev, const char *msg)
{
	walk *w = vctx;
	if (!w->o->quiet)
		fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": %s\n", w->cur_file, ev->pos, msg);
}

/* Does the event pass --database / --table? Control events always pass. */
static bool wanted(const bp_walk_opts *o, const bp_event *ev)
{
	if (!o->database && !o->table)
		return true;
	const char *db = NULL, *tb = NULL;
	if (ev->h.type == BP_EV_TABLE_MAP) {
		db = ev->table_map->db;
		tb = ev->table_map->table;
	} else if (bp_event_is_rows(ev->h.type)) {
		if (!ev->rows.map)
			return false; /* no table map: cannot tell its table */
		db = ev->rows.map->db;
		tb = ev->rows.map->table;
	} else if (ev->h.type == BP_EV_QUERY || ev->h.type == BP_EV_QUERY_COMPRESSED ||
		   ev->h.type == BP_EV_EXECUTE_LOAD_QUERY) {
		db = ev->query.db;
		if (o->table)
			return false; /* statements name tables in their text: not filtered by table here */
	} else {
		return true;
	}
	if (o->database && (!db || strcmp(db, o->database) != 0))
		return false;
	if (o->table && (!tb || strcmp(tb, o->table) != 0))
		return false;
	return true;
}

static void worse(walk *w, int status)
{
	if (status > w->worst)
		w->worst = status;
}

/* One file; returns -1 when the run must stop. */
static int walk_file(walk *w, const char *path, bool first, bool last, bp_walk_counts *c)
{
	const bp_walk_opts *o = w->o;
	bp_reader_opts ro = BP_READER_OPTS_INIT;
	bp_err err;
	bp_reader *r;
	bp_err_clear(&err);
	ro.verify_checksum = !o->no_verify;
	if (first && o->has_start_pos)
		ro.start_position = o->start_pos;
	if (bp_reader_open(&r, path, &ro, &err)) {
		bp_err_print(stderr, "error", &err);
		worse(w, bp_exit_status(err.code));
		c->errors++;
		return -1;
	}
	w->cur_file = path;
	bp_decoder *dec = bp_reader_decoder(r);
	dec->notice = notice;
	dec->notice_ctx = w;
	int result = 0;
	const bp_event *ev;
	for (;;) {
		bp_err_clear(&err);
		int rc = bp_reader_next(r, &ev, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			bp_err_print(stderr, "error", &err);
			c->errors++;
			worse(w, bp_exit_status(err.code));
			result = -1;
			if (o->on_error == BP_ON_ERROR_STOP || err.code == BP_E_NOMEM || err.code == BP_E_IO ||
			    !bp_reader_skip(r))
				break;
			result = 0;
			continue;
		}
		if (ev->in_payload)
			c->inner_events++;
		else
			c->events++;
		c->bytes += ev->in_payload ? 0 : ev->h.length;
		if (ev->ignorable_unknown && !o->quiet)
			fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": skipped unknown event type %u (ignorable)\n",
				path, ev->pos, ev->h.type);
		if (o->tracker)
			bp_schema_tracker_event(o->tracker, path, ev);
		uint64_t top_pos = ev->in_payload ? ev->payload_pos : ev->pos;
		bool is_fde = ev->h.type == BP_EV_FORMAT_DESCRIPTION || ev->h.type == BP_EV_START_V3;
		if (first && o->has_start_pos && top_pos < o->start_pos && !is_fde)
			continue;
		if (last && o->has_stop_pos && top_pos >= o->stop_pos)
			break;
		if (o->stop_dt && (int64_t)ev->h.timestamp >= w->stop_ts && !is_fde)
			break;
		if (o->start_dt && (int64_t)ev->h.timestamp < w->start_ts && !is_fde)
			continue;
		if (!wanted(o, ev))
			continue;
		if (bp_event_is_rows(ev->h.type)) {
			c->row_events++;
			c->rows += ev->rows.n_rows;
		}
		if (w->show && !ev->in_payload && (c->events & 1023) == 0)
			progress(w, ev->pos, false);
		if (w->calls->event && w->calls->event(w->calls->ctx, path, ev) < 0) {
			fprintf(stderr, "binprime: error: writing output failed\n");
			worse(w, 3);
			w->output_failed = true;
			result = -1;
			break;
		}
	}
	c->notices = dec->notices;
	bp_reader_free(r);
	if (w->show) {
		struct stat st;
		w->done_before += stat(path, &st) == 0 ? (uint64_t)st.st_size : 0;
	}
	return result;
}

int bp_walk(const bp_walk_opts *o, const bp_strlist *files, const bp_walk_calls *calls, bp_walk_counts *total)
{
	walk w = { o, calls, 0, 0, NULL, 0, false, false, 0, 0, 0, 0 };
	memset(total, 0, sizeof(*total));
	w.show = o->progress && !o->quiet && isatty(STDERR_FILENO);
	for (size_t i = 0; w.show && i < files->n; i++) {
		struct stat st;
		if (strcmp(files->v[i], "-") != 0 && stat(files->v[i], &st) == 0 && S_ISREG(st.st_mode))
			w.total += (uint64_t)st.st_size;
	}
	w.t_start = w.t_drawn = now_s();
	if ((o->start_dt && parse_datetime(o->start_dt, &w.start_ts)) ||
	    (o->stop_dt && parse_datetime(o->stop_dt, &w.stop_ts)))
		return 1;
	for (size_t i = 0; i < files->n; i++) {
		bp_walk_counts c = { 0 };
		int rc = walk_file(&w, files->v[i], i == 0, i + 1 == files->n, &c);
		if (calls->file_done)
			calls->file_done(calls->ctx, files->v[i], &c);
		total->events += c.events;
		total->inner_events += c.inner_events;
		total->rows += c.rows;
		total->row_events += c.row_events;
		total->bytes += c.bytes;
		total->errors += c.errors;
		total->notices += c.notices;
		if ((rc && o->on_error == BP_ON_ERROR_STOP) || w.output_failed)
			break;
	}
	if (w.show)
		progress(&w, 0, true);
	return w.worst;
}
