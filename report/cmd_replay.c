/*
 * cmd_replay.c: `binprime replay SCRIPT.sql` — fire a prefetch script's
 * SELECTs at a server and time them, strictly read-only.
 *
 *   script ──► replay_script.c, first pass: the whole file read through a
 *              sliding window, every statement proven a read
 *          ──► replay_conn.c: N read-only sessions (all connected first)
 *          ──► N threads take statements from the second pass (one reader
 *              under a mutex, each statement checked again and copied out),
 *              in script order (earlier statements go first), paced by --rate and
 *              --pace original (the log's own timestamps), and with --follow
 *              held between --min-ahead and --max-ahead transactions ahead of
 *              the replica's apply (replay_follow.c)
 *          ──► replay_stats.c per thread and class ──► replay_report.c
 *
 * Nothing is sent before the whole script passed the check. Ctrl-C (SIGINT)
 * or SIGTERM stops handing out statements; the ones running finish (each is
 * bounded by --max-statement-time) and the report of what ran is written.
 * A second Ctrl-C kills the process.
 */
#include "commands.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "../common/opts.h"
#include "replay_conn.h"
#include "replay_follow.h"
#include "replay_report.h"
#include "replay_script.h"
#include "replay_stats.h"

static const char *const SYNOPSIS = "[options] SCRIPT.sql";
static const char *const SUMMARY =
	"Run a prefetch script (binprime analyze --sql) against a server with N read-only\n"
	"sessions and report per-class latency, rows and errors. Every statement is\n"
	"checked to be a single plain SELECT before anything is sent (docs/replay.md).";

/* Set by the signal handler, read by every worker: lock-free, so signal-safe. */
static atomic_int g_stop;

typedef struct replay_run {
	bp_replay_script *s;
	size_t planned;
	pthread_mutex_t mu;       /* the script's second pass: one reader, statements in order */
	size_t handed;            /* statements handed out (under mu) */
	bool read_end;            /* the reader is done (under mu) */
	bp_err read_err;          /* ... and failed with this (stop_reason 4) */
	double rate;              /* statements per second, 0: no pacing */
	double speed;             /* --pace original: log seconds per second, 0: asap */
	uint32_t ts0;             /* --pace original: the log time that starts at t0 */
	bp_follow *follow;        /* --follow, or NULL */
	int64_t min_ahead, max_ahead;
	uint64_t t0;              /* CLOCK_MONOTONIC ns at the start */
	uint64_t deadline;        /* ns, 0: none */
	unsigned max_reconnects;  /* per connection */
	atomic_int stop_reason;   /* 0 running/end, 1 duration, 2 connection, 3 the apply position was lost,
				     4 the script could not be read again */
	atomic_uint_fast64_t done; /* statements answered, for progress and the timeline */
	atomic_uint_fast64_t dropped; /* --follow: late, not sent */
	atomic_uint finished;     /* workers that have ended */
} replay_run;

/* Statements answered in each second of the run (the last one partial). */
typedef struct timeline {
	uint64_t *per_sec;
	size_t n, cap;
} timeline;

#define TIMELINE_MAX 1000000 /* 11 days of seconds; later seconds are not kept */

typedef struct worker {
	pthread_t th;
	replay_run *run;
	bp_conn *conn;
	bp_rstat *cls;            /* one per script class */
	unsigned reconnects;
	bool failed;
	bp_err err;
	bp_follow_figures fl;     /* --follow */
	char *sql;                /* the statement being sent (copied out of the script's window) */
	size_t sql_cap;
} worker;

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void on_signal(int sig)
{
	(void)sig;
	if (atomic_exchange(&g_stop, 1)) {
		signal(SIGINT, SIG_DFL); /* a second one: give up at once */
		raise(SIGINT);
	}
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART; /* queries in flight complete; the loop checks g_stop */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Sleep until the absolute monotonic time t, in short slices so a stop is seen. */
static bool sleep_until(const replay_run *r, uint64_t t)
{
	for (;;) {
		if (atomic_load(&g_stop))
			return false;
		uint64_t n = now_ns();
		if (r->deadline && n >= r->deadline)
			return false;
		if (n >= t)
			return true;
		uint64_t d = t - n;
		if (d > 50000000u)
			d = 50000000u;
		struct timespec ts = { (time_t)(d / 1000000000u), (long)(d % 1000000000u) };
		nanosleep(&ts, NULL);
	}
}

/*
 * Global pacing, whichever thread runs statement i: with --rate it is due at
 * t0 + i / rate; with --pace original at t0 + (its log time - ts0) / speed;
 * with both, at the later of the two.
 */
static bool pace(replay_run *r, size_t i, uint32_t ts)
{
	uint64_t due = r->t0;
	if (r->rate > 0)
		due = r->t0 + (uint64_t)((double)i * 1e9 / r->rate);
	if (r->speed > 0 && ts > r->ts0) {
		uint64_t o = r->t0 + (uint64_t)((double)(ts - r->ts0) * 1e9 / r->speed);
		due = o > due ? o : due;
	}
	return due <= r->t0 || sleep_until(r, due);
}

/*
 * --follow: wait while statement st is more than max_ahead transactions ahead
 * of the apply (its first write); drop it when less than min_ahead (its last
 * write): the apply has read those pages already. Returns 1 send, 0 dropped,
 * -1 stop (signal, deadline, or the apply position lost).
 */
static int follow_gate(replay_run *r, worker *w, const bp_rs_stmt *st)
{
	bool waited = false;
	for (;;) {
		if (bp_follow_ahead(r->follow, st->stream, st->seq_last) < r->min_ahead) {
			w->fl.late++;
			return 0;
		}
		int64_t lead = bp_follow_ahead(r->follow, st->stream, st->seq_first);
		if (lead <= r->max_ahead) {
			w->fl.waited += waited;
			bp_hist_record(&w->fl.lead, lead > 0 ? (uint64_t)lead : 0);
			return 1;
		}
		if (atomic_load(&g_stop) || (r->deadline && now_ns() >= r->deadline))
			return -1;
		if (bp_follow_failed(r->follow)) {
			atomic_store(&r->stop_reason, 3);
			return -1;
		}
		waited = true;
		struct timespec ts = { 0, 100000 }; /* 0.1 ms: the position moves every few ms */
		nanosleep(&ts, NULL);
	}
}

/* A lost session: reconnect, a bounded number of times per connection. */
static bool recover(worker *w)
{
	while (w->reconnects < w->run->max_reconnects && !atomic_load(&g_stop)) {
		w->reconnects++;
		if (bp_conn_reconnect(w->conn, &w->err) == 0)
			return true;
		struct timespec ts = { 0, 200000000 }; /* let a restarting server come up */
		nanosleep(&ts, NULL);
	}
	w->failed = true;
	return false;
}

/*
 * Take the next statement of the script, in order, and copy its text into the
 * worker's buffer (the script's window moves on). false at the end, at
 * --limit, or when the script cannot be read (stop_reason 4).
 */
static bool take(replay_run *r, worker *w, bp_rs_stmt *st, size_t *i)
{
	bool got = false;
	pthread_mutex_lock(&r->mu);
	if (r->handed < r->planned && !r->read_end) {
		int rc = bp_replay_script_next(r->s, st, &r->read_err);
		if (rc > 0 && st->len + 1 > w->sql_cap) {
			char *nb = realloc(w->sql, st->len + 1);
			if (!nb)
				rc = BP_ERR_SET(&r->read_err, BP_E_NOMEM, "out of memory");
			else
				w->sql = nb, w->sql_cap = st->len + 1;
		}
		if (rc > 0) {
			memcpy(w->sql, st->sql, st->len);
			st->sql = w->sql;
			*i = r->handed++;
			got = true;
		} else {
			r->read_end = true;
			if (rc < 0)
				atomic_store(&r->stop_reason, 4);
		}
	}
	pthread_mutex_unlock(&r->mu);
	return got;
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	replay_run *r = w->run;
	bp_conn_thread_init();
	bp_rs_stmt st;
	size_t i;
	while (!atomic_load(&g_stop) && take(r, w, &st, &i)) {
		if (!pace(r, i, st.ts) || (r->deadline && now_ns() >= r->deadline)) {
			if (!atomic_load(&g_stop))
				atomic_store(&r->stop_reason, 1); /* pacing ends early only at the deadline */
			break;
		}
		if (r->follow) {
			int g = follow_gate(r, w, &st);
			if (g < 0) {
				if (!atomic_load(&g_stop) && !atomic_load(&r->stop_reason))
					atomic_store(&r->stop_reason, 1);
				break;
			}
			if (g == 0) {
				atomic_fetch_add_explicit(&r->dropped, 1, memory_order_relaxed);
				continue;
			}
		}
		uint64_t rows, t = now_ns();
		unsigned code = bp_conn_query(w->conn, st.sql, st.len, &rows);
		t = now_ns() - t;
		atomic_fetch_add_explicit(&r->done, 1, memory_order_relaxed);
		if (r->follow && bp_follow_ahead(r->follow, st.stream, st.seq_last) < 1)
			w->fl.overtaken++; /* answered after the apply had passed its last write */
		if (!code) {
			bp_rstat_ok(&w->cls[st.cls], t, rows);
			continue;
		}
		bp_rstat_error(&w->cls[st.cls], code);
		if (bp_conn_code_lost(code) && !recover(w)) {
			atomic_store(&r->stop_reason, 2);
			break;
		}
	}
	bp_conn_thread_end();
	atomic_fetch_add(&r->finished, 1);
	return NULL;
}

/* ---- progress and the timeline (the main thread, while the workers run) ----------------- */

static void timeline_add(timeline *tl, uint64_t count)
{
	if (tl->n == tl->cap) {
		size_t nc = tl->cap ? tl->cap * 2 : 256;
		uint64_t *nv = nc <= TIMELINE_MAX ? realloc(tl->per_sec, nc * sizeof(*nv)) : NULL;
		if (!nv)
			return; /* the timeline is a nicety: a failure only shortens it */
		tl->per_sec = nv;
		tl->cap = nc;
	}
	tl->per_sec[tl->n++] = count;
}

static void progress_line(const replay_run *r, uint64_t done, uint64_t now)
{
	double el = (double)(now - r->t0) / 1e9;
	uint64_t late = atomic_load(&r->dropped);
	fprintf(stderr, "\rreplay: %" PRIu64 "/%zu statements (%.1f%%), %.0f/s", done, r->planned,
		r->planned ? 100.0 * (double)(done + late) / (double)r->planned : 100.0, el > 0 ? (double)done / el : 0.0);
	if (r->follow)
		fprintf(stderr, ", %" PRIu64 " late", late);
	fputs("  ", stderr);
	fflush(stderr);
}

/*
 * Wait for the n workers, sampling the answered count every 20 ms: each
 * whole second's count goes to the timeline, and on a terminal a progress
 * line is redrawn four times a second.
 */
static void monitor(replay_run *r, unsigned n, bool progress, timeline *tl)
{
	uint64_t next_sec = r->t0 + 1000000000u, next_draw = r->t0, last = 0;
	while (atomic_load(&r->finished) < n) {
		struct timespec ts = { 0, 20000000 };
		nanosleep(&ts, NULL);
		uint64_t now = now_ns(), done = atomic_load(&r->done);
		for (; now >= next_sec; next_sec += 1000000000u) {
			timeline_add(tl, done - last);
			last = done;
		}
		if (progress && now >= next_draw) {
			progress_line(r, done, now);
			next_draw = now + 250000000u;
		}
	}
	timeline_add(tl, atomic_load(&r->done) - last);
	if (progress)
		fputs("\r\033[K", stderr);
}

/* ---- the password: never left in argv, never echoed ------------------------------------- */

static char *prompt_password(void)
{
	FILE *tty = fopen("/dev/tty", "r+");
	if (!tty)
		return NULL;
	struct termios old, quiet;
	bool restore = tcgetattr(fileno(tty), &old) == 0;
	if (restore) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	fputs("Enter password: ", tty);
	fflush(tty);
	char buf[512];
	char *got = fgets(buf, sizeof(buf), tty);
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	if (!got)
		return NULL;
	buf[strcspn(buf, "\r\n")] = 0;
	char *p = strdup(buf);
	memset(buf, 0, sizeof(buf));
	return p;
}

/*
 * Take --password[=X] / -p[X] out of argv before the option parser sees it:
 * as in the mysql client the value is optional (no value: prompt), and a given
 * value is overwritten in place with 'x' so /proc/PID/cmdline no longer shows
 * it. The remaining arguments are compacted; returns the new argc.
 */
static int take_password(int argc, char **argv, char **pw, bool *ask)
{
	int o = 1;
	bool opts_done = false;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const char *v = NULL;
		bool is_pw = false;
		if (!opts_done && strcmp(a, "--") == 0)
			opts_done = true;
		else if (!opts_done && (strcmp(a, "--password") == 0 || strcmp(a, "-p") == 0))
			is_pw = true;
		else if (!opts_done && strncmp(a, "--password=", 11) == 0)
			is_pw = true, v = a + 11;
		else if (!opts_done && strncmp(a, "-p", 2) == 0)
			is_pw = true, v = a + 2;
		if (!is_pw) {
			argv[o++] = a;
			continue;
		}
		free(*pw);
		*pw = v ? strdup(v) : NULL;
		*ask = !v;
		for (char *p = (char *)v; p && *p; p++)
			*p = 'x';
	}
	for (int i = o; i < argc; i++)
		argv[i] = NULL;
	return o;
}

/* ---- main ---------------------------------------------------------------------------------- */

typedef struct replay_opts {
	const char *host, *socket, *user, *port, *ssl_ca, *ssl_cert, *ssl_key, *ssl_mode, *connect_timeout;
	const char *defaults_file, *extra_file, *suffix;
	const char *report, *rate, *duration, *max_stmt_time, *pace;
	uint64_t concurrency, limit, max_reconnects, min_ahead, max_ahead, follow_interval_ms;
	bool require_ro, quiet, follow;
} replay_opts;

/* --pace asap | original | originalxF (F times faster than the log): *speed 0 for asap. */
static int parse_pace(const char *s, double *speed)
{
	*speed = 0;
	if (strcmp(s, "asap") == 0)
		return 0;
	if (strcmp(s, "original") == 0) {
		*speed = 1;
		return 0;
	}
	if (strncmp(s, "originalx", 9) == 0) {
		char *end;
		errno = 0;
		double f = strtod(s + 9, &end);
		if (!errno && end != s + 9 && !*end && f > 0 && f <= 1e6) {
			*speed = f;
			return 0;
		}
	}
	fprintf(stderr, "binprime: error: --pace wants asap, original or originalxF (e.g. originalx10), not '%s'\n", s);
	return -1;
}

static int parse_seconds(const char *opt, const char *s, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (errno || end == s || *end || !(d > 0) || d > 1e9) {
		fprintf(stderr, "binprime: error: --%s wants a positive number, not '%s'\n", opt, s);
		return -1;
	}
	*out = d;
	return 0;
}

/* Option files, then the command line over them, then MYSQL_PWD. */
static int build_cfg(bp_conn_cfg *c, const replay_opts *o, char *pw, bool ask, bool quiet)
{
	bp_err err;
	bp_err_clear(&err);
	if (bp_conn_cfg_read(c, o->defaults_file, o->extra_file, o->suffix, &err))
		goto fail;
	const char *keys[] = { "host", "socket", "user", "port", "ssl-ca", "ssl-cert", "ssl-key", "ssl-mode", "connect-timeout" };
	const char *vals[] = { o->host, o->socket, o->user, o->port, o->ssl_ca, o->ssl_cert, o->ssl_key, o->ssl_mode, o->connect_timeout };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (vals[i] && bp_conn_cfg_set(c, keys[i], vals[i], &err))
			goto fail;
	if (ask) {
		pw = prompt_password();
		if (!pw) {
			fprintf(stderr, "binprime: error: --password without a value needs a terminal to ask on\n");
			return 1;
		}
	}
	if (pw && !ask && !quiet)
		fprintf(stderr, "binprime: warning: a password on the command line can be insecure\n");
	if (pw) {
		int rc = bp_conn_cfg_set(c, "password", pw, &err);
		memset(pw, 0, strlen(pw));
		if (ask)
			free(pw);
		if (rc)
			goto fail;
	}
	bp_conn_cfg_env_password(c);
	if (c->pwd_from_env && !quiet)
		fprintf(stderr, "binprime: warning: using the password in MYSQL_PWD is insecure\n");
	return 0;
fail:
	bp_err_print(stderr, "error", &err);
	return bp_exit_status(err.code);
}

static int connect_all(worker *w, unsigned n, const bp_conn_cfg *cfg, const bp_session_opts *so,
		       const bp_replay_script *s, bool require_ro)
{
	bp_err err;
	bp_err_clear(&err);
	for (unsigned i = 0; i < n; i++) {
		w[i].conn = bp_conn_open(cfg, so, &err);
		if (!w[i].conn) {
			bp_err_print(stderr, "error", &err);
			return bp_exit_status(err.code);
		}
		w[i].cls = malloc(sizeof(bp_rstat) * s->n_classes);
		if (!w[i].cls) {
			fprintf(stderr, "binprime: error: out of memory\n");
			return 3;
		}
		for (unsigned c = 0; c < s->n_classes; c++)
			bp_rstat_init(&w[i].cls[c]);
		bp_follow_figures_init(&w[i].fl);
	}
	if (require_ro) {
		int on = bp_conn_server_read_only(w[0].conn, &err);
		if (on < 0) {
			bp_err_print(stderr, "error", &err);
			return 3;
		}
		if (!on) {
			fprintf(stderr, "binprime: error: the server's read_only is OFF and --require-read-only-server "
					"was given: no statement of the script was sent\n");
			return 2;
		}
	}
	return 0;
}

static const char *stop_name(const replay_run *r, size_t planned)
{
	if (atomic_load(&r->stop_reason) == 2)
		return "connection";
	if (atomic_load(&r->stop_reason) == 3)
		return "follow";
	if (atomic_load(&r->stop_reason) == 4)
		return "script";
	if (atomic_load(&g_stop))
		return "signal";
	if (atomic_load(&r->stop_reason) == 1)
		return "duration";
	return planned < r->s->n ? "limit" : "end";
}

/* Merge the workers' figures, print and write the report; returns the exit status. */
static int finish(worker *w, unsigned n, replay_run *run, const replay_opts *o, const char *path, double elapsed,
		  time_t started, const bp_session_opts *so, const timeline *tl)
{
	const bp_replay_script *s = run->s;
	bp_rstat *cls = malloc(sizeof(bp_rstat) * (s->n_classes + 1));
	if (!cls) {
		fprintf(stderr, "binprime: error: out of memory\n");
		return 3;
	}
	bp_rstat *total = &cls[s->n_classes];
	bp_rstat_init(total);
	uint64_t reconnects = 0;
	int status = 0;
	bp_follow_figures fl;
	bp_follow_figures_init(&fl);
	for (unsigned i = 0; i < n; i++)
		bp_follow_figures_merge(&fl, &w[i].fl);
	bp_follow_stats fs;
	if (run->follow) {
		bp_follow_stop(run->follow);
		bp_follow_get_stats(run->follow, &fs);
		if (atomic_load(&run->stop_reason) == 3) {
			fprintf(stderr, "binprime: error: --follow: lost the apply position: %s\n",
				fs.last_error ? fs.last_error : "?");
			status = 3;
		}
	}
	for (unsigned c = 0; c < s->n_classes; c++) {
		bp_rstat_init(&cls[c]);
		for (unsigned i = 0; i < n; i++)
			bp_rstat_merge(&cls[c], &w[i].cls[c]);
		bp_rstat_merge(total, &cls[c]);
	}
	if (atomic_load(&run->stop_reason) == 4) { /* the second pass: the file changed or cannot be read */
		fprintf(stderr, "binprime: error: %s:%s\n", path, run->read_err.msg);
		status = bp_exit_status(run->read_err.code);
	}
	for (unsigned i = 0; i < n; i++) {
		reconnects += w[i].reconnects;
		if (w[i].failed) {
			bp_err_print(stderr, "error", &w[i].err);
			status = 3;
		}
	}
	bp_replay_result r = {
		.script = path, .in_script = s->n, .planned = run->planned, .concurrency = n, .rate = run->rate,
		.duration = run->deadline ? (double)(run->deadline - run->t0) / 1e9 : 0, .limit = o->limit,
		.max_statement_time = so->max_statement_time, .require_read_only_server = o->require_ro,
		.server_version = bp_conn_server_version(w[0].conn), .mariadb = bp_conn_is_mariadb(w[0].conn),
		.started = started, .elapsed = elapsed, .stopped_by = stop_name(run, run->planned),
		.reconnects = reconnects, .n_classes = s->n_classes, .class_names = s->classes, .cls = cls,
		.total = total, .per_second = tl->per_sec, .n_seconds = tl->n, .speed = run->speed,
		.follow = run->follow ? &fs : NULL, .follow_fig = &fl, .min_ahead = run->min_ahead,
		.max_ahead = run->max_ahead, .follow_interval_ms = o->follow_interval_ms,
	};
	if (!o->quiet)
		bp_replay_print_text(o->report && strcmp(o->report, "-") == 0 ? stderr : stdout, &r);
	bp_err err;
	bp_err_clear(&err);
	if (o->report && bp_replay_write_json(o->report, &r, &err)) {
		bp_err_print(stderr, "error", &err);
		status = 3;
	}
	if (!status && atomic_load(&g_stop))
		status = 130; /* interrupted, as a shell reports SIGINT */
	free(cls);
	return status;
}

/* --follow: one more session, for the poller; the first read of the position is made here. */
static int follow_open(replay_run *run, const replay_opts *o, const bp_conn_cfg *cfg, const bp_session_opts *so,
		       const char *path)
{
	bp_err err;
	bp_err_clear(&err);
	bp_conn *c = bp_conn_open(cfg, so, &err);
	bp_follow_cfg fc = { (int64_t)o->min_ahead, (int64_t)o->max_ahead, (unsigned)(o->follow_interval_ms * 1000),
			     (unsigned)o->max_reconnects };
	const char *warning = NULL;
	run->follow = c ? bp_follow_new(run->s, c, &fc, &warning, &err) : NULL;
	if (!run->follow) {
		if (err.code == BP_E_USAGE) /* a statement without a position: name the script's line */
			fprintf(stderr, "binprime: error: %s:%s\n", path, err.msg);
		else
			bp_err_print(stderr, "error", &err);
		return bp_exit_status(err.code);
	}
	if (warning && !o->quiet)
		fprintf(stderr, "binprime: warning: --follow: %s\n", warning);
	run->min_ahead = fc.min_ahead;
	run->max_ahead = fc.max_ahead;
	if (bp_follow_start(run->follow)) {
		fprintf(stderr, "binprime: error: cannot start threads\n");
		return 3;
	}
	return 0;
}

static int run_replay(bp_replay_script *s, const replay_opts *o, const bp_conn_cfg *cfg,
		      const bp_session_opts *so, double rate, double speed, double duration, const char *path)
{
	unsigned n = (unsigned)o->concurrency;
	worker *w = calloc(n, sizeof(*w));
	replay_run run;
	memset(&run, 0, sizeof(run));
	run.s = s;
	run.planned = o->limit && o->limit < s->n ? (size_t)o->limit : s->n;
	run.rate = rate;
	run.speed = speed;
	run.ts0 = s->ts0; /* the log time of the first statement that has one */
	pthread_mutex_init(&run.mu, NULL);
	bp_err_clear(&run.read_err);
	run.max_reconnects = (unsigned)o->max_reconnects;
	int status = w ? connect_all(w, n, cfg, so, s, o->require_ro) : 3;
	if (!status && o->follow)
		status = follow_open(&run, o, cfg, so, path);
	if (status)
		goto out;
	time_t started = time(NULL);
	run.t0 = now_ns();
	run.deadline = duration > 0 ? run.t0 + (uint64_t)(duration * 1e9) : 0;
	unsigned started_n = 0;
	for (; started_n < n; started_n++) {
		w[started_n].run = &run;
		if (pthread_create(&w[started_n].th, NULL, worker_main, &w[started_n]))
			break;
	}
	timeline tl = { NULL, 0, 0 };
	monitor(&run, started_n, !o->quiet && isatty(STDERR_FILENO), &tl);
	for (unsigned i = 0; i < started_n; i++)
		pthread_join(w[i].th, NULL);
	if (!started_n) {
		fprintf(stderr, "binprime: error: cannot start threads\n");
		status = 3;
		goto out;
	}
	status = finish(w, started_n, &run, o, path, (double)(now_ns() - run.t0) / 1e9, started, so, &tl);
	free(tl.per_sec);
out:
	for (unsigned i = 0; w && i < n; i++) {
		bp_conn_close(w[i].conn);
		free(w[i].cls);
		free(w[i].sql);
	}
	free(w);
	bp_follow_free(run.follow);
	pthread_mutex_destroy(&run.mu);
	return status;
}

int bp_cmd_replay(int argc, char **argv)
{
	replay_opts o;
	memset(&o, 0, sizeof(o));
	o.concurrency = 4;
	o.max_reconnects = 3;
	o.min_ahead = 1;
	o.max_ahead = 300;
	o.follow_interval_ms = 2;
	char *pw = NULL;
	bool ask = false, help = false;
	argc = take_password(argc, argv, &pw, &ask);
	const bp_opt opts[] = {
		{ "host", 0, BP_OPT_STR, &o.host, "HOST", "server host (default: option files, else localhost)", NULL, NULL },
		{ "port", 'P', BP_OPT_STR, &o.port, "PORT", "TCP port", NULL, NULL },
		{ "socket", 'S', BP_OPT_STR, &o.socket, "PATH", "Unix socket", NULL, NULL },
		{ "user", 'u', BP_OPT_STR, &o.user, "USER", "user name", NULL, NULL },
		{ "password", 'p', BP_OPT_STR, NULL, "PASS", "password (--password alone: asked on the terminal, not echoed)", NULL, NULL },
		{ "defaults-file", 0, BP_OPT_STR, &o.defaults_file, "FILE", "read only this option file", NULL, NULL },
		{ "defaults-extra-file", 0, BP_OPT_STR, &o.extra_file, "FILE", "read this option file after the global ones", NULL, NULL },
		{ "defaults-group-suffix", 0, BP_OPT_STR, &o.suffix, "SUF", "also read [clientSUF] and [binprimeSUF]", NULL, NULL },
		{ "ssl-ca", 0, BP_OPT_STR, &o.ssl_ca, "FILE", "CA certificate", NULL, NULL },
		{ "ssl-cert", 0, BP_OPT_STR, &o.ssl_cert, "FILE", "client certificate", NULL, NULL },
		{ "ssl-key", 0, BP_OPT_STR, &o.ssl_key, "FILE", "client key", NULL, NULL },
		{ "ssl-mode", 0, BP_OPT_STR, &o.ssl_mode, "MODE", "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY", NULL, NULL },
		{ "connect-timeout", 0, BP_OPT_STR, &o.connect_timeout, "S", "seconds to wait for a connection (default 10)", NULL, NULL },
		{ "concurrency", 'c', BP_OPT_U64, &o.concurrency, "N", "connections, one thread each (default 4)", NULL, NULL },
		{ "rate", 0, BP_OPT_STR, &o.rate, "QPS", "send at most QPS statements per second in all (default: no limit)", NULL, NULL },
		{ "pace", 0, BP_OPT_STR, &o.pace, "P", "asap (default), original (the log's own timing, from the TIME of each line comment) or originalxF (F times faster)", NULL, NULL },
		{ "follow", 0, BP_OPT_FLAG, &o.follow, NULL, "the server is a replica applying the script's log: keep the reads ahead of its apply position (docs/replay.md)", NULL, NULL },
		{ "min-ahead", 0, BP_OPT_U64, &o.min_ahead, "N", "--follow: drop a statement less than N transactions ahead of the apply (default 1)", NULL, NULL },
		{ "max-ahead", 0, BP_OPT_U64, &o.max_ahead, "N", "--follow: wait while a statement is more than N transactions ahead (default 300)", NULL, NULL },
		{ "follow-interval", 0, BP_OPT_U64, &o.follow_interval_ms, "MS", "--follow: read the apply position every MS milliseconds (default 2)", NULL, NULL },
		{ "limit", 0, BP_OPT_U64, &o.limit, "N", "send only the first N statements", NULL, NULL },
		{ "duration", 0, BP_OPT_STR, &o.duration, "S", "stop after S seconds", NULL, NULL },
		{ "max-statement-time", 0, BP_OPT_STR, &o.max_stmt_time, "S", "server-side time limit per statement (default 1)", NULL, NULL },
		{ "max-reconnects", 0, BP_OPT_U64, &o.max_reconnects, "N", "reconnects allowed per connection after a lost one (default 3)", NULL, NULL },
		{ "require-read-only-server", 0, BP_OPT_FLAG, &o.require_ro, NULL, "refuse to run unless the server has read_only=ON", NULL, NULL },
		{ "report", 'o', BP_OPT_STR, &o.report, "FILE", "write the JSON report here (- for stdout)", NULL, NULL },
		{ "quiet", 'q', BP_OPT_FLAG, &o.quiet, NULL, "no text summary, no warnings", NULL, NULL },
		{ NULL, 0, 0, NULL, NULL, NULL, NULL, NULL },
	};
	bp_strlist operands = { 0 };
	bp_replay_script s;
	memset(&s, 0, sizeof(s));
	bp_conn_cfg cfg;
	memset(&cfg, 0, sizeof(cfg));
	bp_err err;
	bp_err_clear(&err);
	int status = 0;
	double rate = 0, duration = 0, speed = 0;
	bp_session_opts so = { 1.0, false, false };
	if (bp_opts_parse(opts, argc, argv, 1, &operands, &help, &err)) {
		bp_err_print(stderr, "error", &err);
		fprintf(stderr, "usage: binprime replay %s (see binprime replay --help)\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	if (help) {
		bp_opts_help(stdout, "replay", SYNOPSIS, SUMMARY, opts);
		goto out;
	}
	if (operands.n != 1 || !o.concurrency || o.concurrency > 1024 ||
	    (o.rate && parse_seconds("rate", o.rate, &rate)) || (o.pace && parse_pace(o.pace, &speed)) ||
	    o.min_ahead > o.max_ahead || o.max_ahead > INT32_MAX || !o.follow_interval_ms || o.follow_interval_ms > 60000 ||
	    (o.duration && parse_seconds("duration", o.duration, &duration)) ||
	    (o.max_stmt_time && parse_seconds("max-statement-time", o.max_stmt_time, &so.max_statement_time))) {
		if (operands.n != 1)
			fprintf(stderr, "binprime: error: replay takes one script\n");
		else if (!o.concurrency || o.concurrency > 1024)
			fprintf(stderr, "binprime: error: --concurrency wants 1..1024\n");
		else if (o.min_ahead > o.max_ahead || o.max_ahead > INT32_MAX)
			fprintf(stderr, "binprime: error: --min-ahead must not exceed --max-ahead\n");
		else if (!o.follow_interval_ms || o.follow_interval_ms > 60000)
			fprintf(stderr, "binprime: error: --follow-interval wants 1..60000 ms\n");
		fprintf(stderr, "usage: binprime replay %s\n", SYNOPSIS);
		status = 1;
		goto out;
	}
	/* the whole script is proven read-only before any connection is made */
	if (bp_replay_script_load(&s, operands.v[0], &err)) {
		bp_err_print(stderr, "error", &err);
		if (err.code == BP_E_UNSUPPORTED)
			fprintf(stderr, "binprime: the script was refused as a whole; nothing was sent\n");
		status = bp_exit_status(err.code);
		goto out;
	}
	if (speed > 0 && !s.with_ts) {
		fprintf(stderr, "binprime: error: %s: --pace original needs the TIME field of the line comments "
				"(written by binprime analyze 0.2.0 or later); this script has none\n", operands.v[0]);
		status = 1;
		goto out;
	}
	so.set_names = s.hdr_names;
	so.set_time_zone = s.hdr_time_zone;
	status = build_cfg(&cfg, &o, pw, ask, o.quiet);
	if (status)
		goto out;
	if (bp_conn_library_init()) {
		fprintf(stderr, "binprime: error: cannot initialise the client library\n");
		status = 5;
		goto out;
	}
	install_signals();
	status = run_replay(&s, &o, &cfg, &so, rate, speed, duration, operands.v[0]);
	bp_conn_library_end();
out:
	if (pw && !ask) {
		memset(pw, 0, strlen(pw));
		free(pw);
	}
	bp_conn_cfg_release(&cfg);
	bp_replay_script_release(&s);
	bp_strlist_release(&operands);
	return status;
}
