/*
 * replay_follow.c: read a replica's apply position and tell the replay workers
 * how far ahead of it each statement is (see replay_follow.h).
 */
#include "replay_follow.h"

#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct bp_follow {
	const bp_replay_script *s;
	bp_conn *conn;
	bp_follow_cfg cfg;
	bool by_gtid, by_pos, mariadb;
	int gtid_found;           /* script streams the last GTID read named */
	_Atomic int64_t applied[BP_RS_MAX_STREAMS];
	int64_t start[BP_RS_MAX_STREAMS];  /* at the first read */
	atomic_bool stop;
	atomic_bool failed;       /* the poller gave up: no position any more */
	bool running;
	pthread_t th;
	/* written by the poller only; read after it stopped */
	uint64_t polls, poll_errors, reconnects;
	char last_error[sizeof(((bp_err *)0)->msg)];
	bool has_error;
};

/* ---- parsers ------------------------------------------------------------------------ */

static int gtid_stream(const bp_replay_script *s, const char *name, size_t n)
{
	for (unsigned k = BP_RS_POS + 1; k < s->n_streams; k++)
		if (strlen(s->streams[k]) == n && strncasecmp(s->streams[k], name, n) == 0)
			return (int)k;
	return -1;
}

static const char *skip_space(const char *p)
{
	while (*p && isspace((unsigned char)*p))
		p++;
	return p;
}

/* Digits at *p into *v (at most 19); false when there are none. */
static bool number(const char **p, uint64_t *v)
{
	const char *q = *p;
	uint64_t x = 0;
	int n = 0;
	while (*q >= '0' && *q <= '9' && n < 19)
		x = x * 10 + (uint64_t)(*q++ - '0'), n++;
	if (!n || (*q >= '0' && *q <= '9'))
		return false;
	*p = q;
	*v = x;
	return true;
}

int bp_follow_parse_mariadb(const bp_replay_script *s, const char *pos, int64_t *applied)
{
	int found = 0;
	for (const char *p = skip_space(pos); *p; p = skip_space(p)) {
		uint64_t d, srv, seq;
		const char *dom = p;
		if (!number(&p, &d) || *p++ != '-' || !number(&p, &srv) || *p++ != '-' || !number(&p, &seq))
			return -1;
		int k = gtid_stream(s, dom, (size_t)(strchr(dom, '-') - dom));
		if (k > 0 && seq <= INT64_MAX) {
			applied[k] = (int64_t)seq;
			found++;
		}
		p = skip_space(p);
		if (*p && *p++ != ',')
			return -1;
	}
	return found;
}

/*
 * MySQL's GTID set text: "uuid:1-5:11,uuid2[:tag:1-3]..." (8.3 tags name the
 * intervals after them). Per uuid[:tag], the end of its first interval.
 */
int bp_follow_parse_gtid_set(const bp_replay_script *s, const char *set, int64_t *applied)
{
	int found = 0;
	for (const char *p = skip_space(set); *p; p = skip_space(p)) {
		const char *uuid = p;
		while (*p && *p != ':' && *p != ',' && !isspace((unsigned char)*p))
			p++;
		size_t ul = (size_t)(p - uuid);
		if (!ul || *p != ':')
			return -1;
		char name[128];
		size_t nl = ul < 64 ? ul : 64;
		memcpy(name, uuid, nl);
		bool first = true; /* the next interval is the first of the current name */
		while (*p == ':') {
			p++;
			uint64_t a, b;
			if (*p >= '0' && *p <= '9') {
				if (!number(&p, &a))
					return -1;
				b = a;
				if (*p == '-' && (p++, !number(&p, &b)))
					return -1;
				int k = first ? gtid_stream(s, name, nl) : -1;
				if (k > 0 && b <= INT64_MAX) {
					applied[k] = (int64_t)b;
					found++;
				}
				first = false;
				continue;
			}
			const char *tag = p; /* a tag: the name becomes uuid:tag */
			while (*p && *p != ':' && *p != ',' && !isspace((unsigned char)*p))
				p++;
			size_t tl = (size_t)(p - tag);
			if (!tl || tl > 60)
				return -1;
			name[ul < 64 ? ul : 64] = ':';
			memcpy(name + (ul < 64 ? ul : 64) + 1, tag, tl);
			nl = (ul < 64 ? ul : 64) + 1 + tl;
			first = true;
		}
		p = skip_space(p);
		if (*p && *p++ != ',')
			return -1;
	}
	return found;
}

int64_t bp_follow_position(const bp_replay_script *s, const char *file, uint64_t pos, bool *known)
{
	const char *base = strrchr(file, '/');
	base = base ? base + 1 : file;
	*known = false;
	for (size_t i = 0; i < s->n_files; i++)
		if (strcmp(s->files[i], base) == 0) {
			*known = true;
			/* an event at pos itself is not applied yet: Exec_*_Pos is where the next one starts */
			return (int64_t)bp_replay_pos_index(s, BP_RS_POS_KEY(i, pos)) - 1;
		}
	/* a file the script does not name: before or after it, by the names' order (numbered logs) */
	if (s->n_files && strcmp(base, s->files[s->n_files - 1]) > 0)
		return (int64_t)s->n_pos_keys - 1;
	return -1;
}

/* ---- reading the server -------------------------------------------------------------- */

static int read_gtid(bp_follow *f, int64_t *applied, bp_err *err)
{
	char *v;
	const char *q = f->mariadb ? "SELECT @@gtid_slave_pos" : "SELECT @@global.gtid_executed";
	int rc = bp_conn_row(f->conn, q, NULL, 1, &v, err);
	if (rc < 0)
		return -1;
	rc = f->mariadb ? bp_follow_parse_mariadb(f->s, v ? v : "", applied)
			: bp_follow_parse_gtid_set(f->s, v ? v : "", applied);
	if (rc < 0)
		BP_ERR_SET(err, BP_E_IO, "%s: cannot parse '%.100s'", q, v ? v : "");
	free(v);
	f->gtid_found = rc;
	return rc < 0 ? -1 : 0;
}

static int read_position(bp_follow *f, int64_t *applied, bp_err *err)
{
	static const char *const names[4] = {
		"Relay_Master_Log_File|Relay_Source_Log_File", "Exec_Master_Log_Pos|Exec_Source_Log_Pos",
		"Relay_Log_File", "Relay_Log_Pos",
	};
	char *v[4];
	int rc = bp_conn_row(f->conn, f->mariadb ? "SHOW SLAVE STATUS" : "SHOW REPLICA STATUS", names, 4, v, err);
	if (rc < 0 && !f->mariadb)
		rc = bp_conn_row(f->conn, "SHOW SLAVE STATUS", names, 4, v, err); /* before 8.0.22 */
	if (rc < 0)
		return -1;
	if (rc == 0 || !v[0] || !v[1]) {
		for (int i = 0; i < 4; i++)
			free(v[i]);
		return BP_ERR_SET(err, BP_E_IO, "SHOW SLAVE STATUS: the server is not a replica"), -1;
	}
	bool known;
	int64_t a = bp_follow_position(f->s, v[0], strtoull(v[1], NULL, 10), &known);
	if (!known && v[2] && v[3]) { /* the script may come from this replica's relay logs */
		bool rk;
		int64_t r = bp_follow_position(f->s, v[2], strtoull(v[3], NULL, 10), &rk);
		if (rk)
			a = r;
	}
	applied[BP_RS_POS] = a;
	for (int i = 0; i < 4; i++)
		free(v[i]);
	return 0;
}

int bp_follow_poll(bp_follow *f, bp_err *err)
{
	int64_t applied[BP_RS_MAX_STREAMS];
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		applied[k] = atomic_load_explicit(&f->applied[k], memory_order_relaxed);
	if ((f->by_gtid && read_gtid(f, applied, err)) || (f->by_pos && read_position(f, applied, err)))
		return -1;
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		atomic_store_explicit(&f->applied[k], applied[k], memory_order_release);
	return 0;
}

int64_t bp_follow_ahead(const bp_follow *f, uint16_t stream, uint64_t seq)
{
	return (int64_t)seq - atomic_load_explicit(&f->applied[stream], memory_order_acquire);
}

/* ---- the poller ---------------------------------------------------------------------- */

static void nap_us(unsigned us)
{
	struct timespec ts = { (time_t)(us / 1000000u), (long)(us % 1000000u) * 1000 };
	nanosleep(&ts, NULL);
}

static void *poller(void *arg)
{
	bp_follow *f = arg;
	bp_conn_thread_init();
	unsigned failed = 0;
	while (!atomic_load(&f->stop)) {
		bp_err err;
		bp_err_clear(&err);
		f->polls++;
		if (bp_follow_poll(f, &err) == 0) {
			failed = 0;
			nap_us(f->cfg.interval_us);
			continue;
		}
		f->poll_errors++;
		snprintf(f->last_error, sizeof(f->last_error), "%s", err.msg);
		f->has_error = true;
		/* a lost or broken session: reconnect, a bounded number of times in a row */
		if (++failed > f->cfg.max_reconnects) {
			atomic_store(&f->failed, true);
			break;
		}
		f->reconnects++;
		nap_us(200000);
		bp_conn_reconnect(f->conn, &err);
	}
	bp_conn_thread_end();
	return NULL;
}

bp_follow *bp_follow_new(const bp_replay_script *s, bp_conn *conn, const bp_follow_cfg *cfg, const char **warning,
			 bp_err *err)
{
	*warning = NULL;
	if (s->line_no_stream) {
		bp_conn_close(conn);
		BP_ERR_SET(err, BP_E_USAGE,
			   "%u: --follow needs every statement's line comment as analyze writes it "
			   "(FILE:POS GTID ...): this one has none", s->line_no_stream);
		return NULL;
	}
	bp_follow *f = calloc(1, sizeof(*f));
	if (!f) {
		bp_conn_close(conn);
		BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		return NULL;
	}
	f->s = s;
	f->conn = conn;
	f->cfg = *cfg;
	f->mariadb = bp_conn_is_mariadb(conn);
	f->by_pos = s->has_pos;
	f->by_gtid = s->has_gtid;
	/* nothing known applied: just before the script's first write of each stream */
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		atomic_init(&f->applied[k], s->stream_min[k] == UINT64_MAX ? -1 : (int64_t)s->stream_min[k] - 1);
	if (bp_follow_poll(f, err)) {
		char m[sizeof(err->msg)];
		snprintf(m, sizeof(m), "--follow: cannot read the apply position: %.440s", err->msg);
		memcpy(err->msg, m, sizeof(m));
		bp_follow_free(f);
		return NULL;
	}
	for (unsigned k = 0; k < BP_RS_MAX_STREAMS; k++)
		f->start[k] = atomic_load(&f->applied[k]);
	if (f->by_gtid && !f->gtid_found)
		*warning = "the server's GTID position names none of the script's GTID streams yet: "
			   "waiting for its apply to reach the script";
	return f;
}

bool bp_follow_failed(const bp_follow *f)
{
	return atomic_load(&f->failed);
}

int bp_follow_start(bp_follow *f)
{
	atomic_store(&f->stop, false);
	if (pthread_create(&f->th, NULL, poller, f))
		return -1;
	f->running = true;
	return 0;
}

void bp_follow_stop(bp_follow *f)
{
	if (!f || !f->running)
		return;
	atomic_store(&f->stop, true);
	pthread_join(f->th, NULL);
	f->running = false;
}

void bp_follow_free(bp_follow *f)
{
	if (!f)
		return;
	bp_follow_stop(f);
	bp_conn_close(f->conn);
	free(f);
}

void bp_follow_get_stats(const bp_follow *f, bp_follow_stats *st)
{
	memset(st, 0, sizeof(*st));
	st->by = f->by_gtid && f->by_pos ? "gtid+position" : f->by_gtid ? "gtid" : "position";
	st->polls = f->polls;
	st->poll_errors = f->poll_errors;
	st->reconnects = f->reconnects;
	for (unsigned k = BP_RS_POS; k < f->s->n_streams; k++) {
		int64_t d = atomic_load(&f->applied[k]) - f->start[k];
		st->applied += d > 0 ? (uint64_t)d : 0;
	}
	st->last_error = f->has_error ? f->last_error : NULL;
}
