/*
 * replay_conn.c: option files, Connector/C connections and read-only sessions
 * for `binprime replay`.
 *
 * Option files are read here rather than by Connector/C
 * (MYSQL_READ_DEFAULT_FILE/GROUP): the library reads them inside
 * mysql_real_connect, after our mysql_options calls, so a file's ssl-ca or
 * connect-timeout would override the command line's; it also takes one file
 * and one extra group only, which cannot express --defaults-extra-file or
 * --defaults-group-suffix. Reading them first and applying the command line
 * on top gives the mysql client's precedence: command line, option files,
 * MYSQL_PWD.
 *
 * Sessions: CLIENT_MULTI_STATEMENTS is never set (a second statement in one
 * call is a syntax error on the server), LOAD DATA LOCAL is off, and each
 * session runs SET SESSION TRANSACTION READ ONLY and a statement time limit
 * before anything else: MariaDB max_statement_time (seconds), MySQL
 * max_execution_time (milliseconds, SELECTs only, which is all we send).
 */
#include "replay_conn.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <errmsg.h>
#include <mysql.h>

/* ---- option files --------------------------------------------------------------------- */

#define MAX_INCLUDE_DEPTH 10

typedef struct cfg_reader {
	bp_conn_cfg *c;
	const char *suffix;
	bp_err *err;
} cfg_reader;

static void wipe_free(char *s)
{
	if (!s)
		return;
	volatile char *v = s;
	while (*v)
		*v++ = 0;
	free(s);
}

static int set_str(char **dst, const char *val, bp_err *err)
{
	char *d = strdup(val ? val : "");
	if (!d)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	wipe_free(*dst);
	*dst = d;
	return 0;
}

static int set_uint(unsigned *dst, const char *key, const char *val, unsigned max, bp_err *err)
{
	char *end;
	errno = 0;
	unsigned long v = val ? strtoul(val, &end, 10) : 0;
	if (!val || errno || end == val || *end || v > max)
		return BP_ERR_SET(err, BP_E_USAGE, "%s wants a number up to %u, got '%s'", key, max, val ? val : "");
	*dst = (unsigned)v;
	return 0;
}

int bp_conn_cfg_set(bp_conn_cfg *c, const char *key, const char *val, bp_err *err)
{
	if (!strcmp(key, "host"))
		return set_str(&c->host, val, err);
	if (!strcmp(key, "socket"))
		return set_str(&c->socket, val, err);
	if (!strcmp(key, "user"))
		return set_str(&c->user, val, err);
	if (!strcmp(key, "password")) {
		c->has_password = true;
		c->pwd_from_env = false;
		return set_str(&c->password, val, err);
	}
	if (!strcmp(key, "port"))
		return set_uint(&c->port, key, val, 65535, err);
	if (!strcmp(key, "connect-timeout"))
		return set_uint(&c->connect_timeout, key, val, 31536000, err);
	if (!strcmp(key, "ssl-ca"))
		return set_str(&c->ssl_ca, val, err);
	if (!strcmp(key, "ssl-cert"))
		return set_str(&c->ssl_cert, val, err);
	if (!strcmp(key, "ssl-key"))
		return set_str(&c->ssl_key, val, err);
	if (!strcmp(key, "ssl-mode")) {
		static const char *const modes[] = { "DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY" };
		for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
			if (val && !strcasecmp(val, modes[i]))
				return set_str(&c->ssl_mode, modes[i], err);
		return BP_ERR_SET(err, BP_E_USAGE,
				  "ssl-mode wants DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY, got '%s'",
				  val ? val : "");
	}
	return 0; /* other client options are not ours */
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	char *e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = 0;
	return s;
}

static bool group_wanted(const cfg_reader *r, const char *g)
{
	static const char *const groups[] = { "client", "client-server", "client-mariadb", "binprime" };
	size_t sl = r->suffix ? strlen(r->suffix) : 0;
	for (size_t i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		size_t gl = strlen(groups[i]);
		if (!strcmp(g, groups[i]))
			return true;
		if (sl && !strncmp(g, groups[i], gl) && !strcmp(g + gl, r->suffix))
			return true;
	}
	return false;
}

/* A value: surrounding quotes removed, the escapes the client knows decoded. */
static void unquote(char *v)
{
	size_t n = strlen(v);
	if (n >= 2 && (v[0] == '\'' || v[0] == '"') && v[n - 1] == v[0]) {
		memmove(v, v + 1, n - 2);
		v[n - 2] = 0;
	}
	char *o = v;
	for (char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			*o++ = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p == 's' ? ' ' : *p == 'r' ? '\r' : *p;
		} else {
			*o++ = *p;
		}
	}
	*o = 0;
}

static int read_file(cfg_reader *r, const char *path, int depth, bool must_exist);

static int include_dir(cfg_reader *r, const char *dir, int depth)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);
	if (n < 0)
		return 0; /* the client ignores a missing directory */
	int rc = 0;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(ents[i]->d_name);
		if (!rc && l > 4 && !strcmp(ents[i]->d_name + l - 4, ".cnf")) {
			char p[4096];
			snprintf(p, sizeof(p), "%s/%s", dir, ents[i]->d_name);
			rc = read_file(r, p, depth + 1, false);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

static int directive(cfg_reader *r, char *line, int depth, const char *path, unsigned ln)
{
	if (depth >= MAX_INCLUDE_DEPTH)
		return BP_ERR_SET(r->err, BP_E_USAGE, "%s:%u: !include nested too deep", path, ln);
	if (!strncmp(line, "!includedir", 11) && (line[11] == ' ' || line[11] == '\t'))
		return include_dir(r, trim(line + 11), depth);
	if (!strncmp(line, "!include", 8) && (line[8] == ' ' || line[8] == '\t'))
		return read_file(r, trim(line + 8), depth + 1, true);
	return 0;
}

static int key_value(cfg_reader *r, char *line)
{
	char *eq = strchr(line, '=');
	char *val = NULL;
	if (eq) {
		*eq = 0;
		val = trim(eq + 1);
		unquote(val);
	}
	char *key = trim(line);
	for (char *p = key; *p; p++)
		if (*p == '_')
			*p = '-';
	if (!strncmp(key, "loose-", 6))
		key += 6;
	if (!val && strcmp(key, "password") != 0)
		return 0; /* a flag; none of ours */
	return bp_conn_cfg_set(r->c, key, val ? val : "", r->err);
}

static int read_file(cfg_reader *r, const char *path, int depth, bool must_exist)
{
	FILE *fp = fopen(path, "r");
	if (!fp) {
		if (!must_exist)
			return 0;
		return BP_ERR_SET(r->err, BP_E_IO, "%s: cannot read option file: %s", path, strerror(errno));
	}
	char buf[4096];
	unsigned ln = 0;
	bool active = false;
	int rc = 0;
	while (!rc && fgets(buf, sizeof(buf), fp)) {
		ln++;
		char *s = trim(buf);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '!') {
			rc = directive(r, s, depth, path, ln);
		} else if (*s == '[') {
			char *e = strchr(s, ']');
			if (e)
				*e = 0;
			active = group_wanted(r, trim(s + 1));
		} else if (active) {
			rc = key_value(r, s);
			if (rc && r->err && r->err->code == BP_E_USAGE) {
				char m[sizeof(r->err->msg) + 4200];
				snprintf(m, sizeof(m), "%s:%u: %s", path, ln, r->err->msg);
				size_t l = strnlen(m, sizeof(r->err->msg) - 1);
				memcpy(r->err->msg, m, l);
				r->err->msg[l] = 0;
			}
		}
	}
	memset(buf, 0, sizeof(buf)); /* may have held a password */
	fclose(fp);
	return rc;
}

int bp_conn_cfg_read(bp_conn_cfg *c, const char *defaults_file, const char *extra_file, const char *suffix,
		     bp_err *err)
{
	cfg_reader r = { c, suffix, err };
	if (defaults_file)
		return read_file(&r, defaults_file, 0, true);
	int rc = read_file(&r, "/etc/my.cnf", 0, false);
	if (!rc)
		rc = read_file(&r, "/etc/mysql/my.cnf", 0, false);
	const char *mh = getenv("MYSQL_HOME");
	char p[4096];
	if (!rc && mh && *mh) {
		snprintf(p, sizeof(p), "%s/my.cnf", mh);
		rc = read_file(&r, p, 0, false);
	}
	if (!rc && extra_file)
		rc = read_file(&r, extra_file, 0, true);
	const char *home = getenv("HOME");
	if (!rc && home && *home) {
		snprintf(p, sizeof(p), "%s/.my.cnf", home);
		rc = read_file(&r, p, 0, false);
	}
	return rc;
}

void bp_conn_cfg_env_password(bp_conn_cfg *c)
{
	const char *e = getenv("MYSQL_PWD");
	if (c->has_password || !e)
		return;
	if (set_str(&c->password, e, NULL) == 0) {
		c->has_password = true;
		c->pwd_from_env = true;
	}
}

void bp_conn_cfg_release(bp_conn_cfg *c)
{
	char **f[] = { &c->host, &c->socket, &c->user, &c->password, &c->ssl_ca, &c->ssl_cert, &c->ssl_key, &c->ssl_mode };
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		wipe_free(*f[i]);
		*f[i] = NULL;
	}
}

/* ---- connections ------------------------------------------------------------------------- */

struct bp_conn {
	MYSQL *my;
	const bp_conn_cfg *cfg;   /* borrowed: outlives the connection */
	bp_session_opts so;
	bool mariadb;
	char version[96];
};

int bp_conn_library_init(void) { return mysql_library_init(0, NULL, NULL) ? -1 : 0; }
void bp_conn_library_end(void) { mysql_library_end(); }
void bp_conn_thread_init(void) { mysql_thread_init(); }
void bp_conn_thread_end(void) { mysql_thread_end(); }

static void set_tls(MYSQL *my, const bp_conn_cfg *c)
{
	const char *mode = c->ssl_mode ? c->ssl_mode : "PREFERRED";
	if (!strcmp(mode, "DISABLED"))
		return;
	if (c->ssl_ca)
		mysql_options(my, MYSQL_OPT_SSL_CA, c->ssl_ca);
	if (c->ssl_cert)
		mysql_options(my, MYSQL_OPT_SSL_CERT, c->ssl_cert);
	if (c->ssl_key)
		mysql_options(my, MYSQL_OPT_SSL_KEY, c->ssl_key);
	/* Connector/C 3.3 asks for TLS only when told to; without certificate
	 * verification it still falls back to plain text when the server has no
	 * TLS, which is PREFERRED (REQUIRED is checked after connecting: tls_check) */
	my_bool yes = 1;
	mysql_options(my, MYSQL_OPT_SSL_ENFORCE, &yes);
	if (!strcmp(mode, "VERIFY_CA") || !strcmp(mode, "VERIFY_IDENTITY"))
		mysql_options(my, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &yes);
}

/*
 * Connector/C 3.x falls back to plain text when the server offers no TLS
 * unless the certificate is verified, even with MYSQL_OPT_SSL_ENFORCE: so
 * REQUIRED (and the VERIFY modes) are checked here, before anything is sent.
 */
static int tls_check(bp_conn *c, bp_err *err)
{
	const char *mode = c->cfg->ssl_mode ? c->cfg->ssl_mode : "PREFERRED";
	if (!strcmp(mode, "DISABLED") || !strcmp(mode, "PREFERRED") || mysql_get_ssl_cipher(c->my))
		return 0;
	return BP_ERR_SET(err, BP_E_IO, "--ssl-mode=%s but the connection to the server is not encrypted", mode);
}

static int run(bp_conn *c, const char *sql, bp_err *err)
{
	if (mysql_query(c->my, sql) == 0) {
		MYSQL_RES *res = mysql_store_result(c->my);
		if (res)
			mysql_free_result(res);
		return 0;
	}
	return BP_ERR_SET(err, BP_E_IO, "session setup '%.80s' failed: %.300s (%u)", sql, mysql_error(c->my), mysql_errno(c->my));
}

/* The statements that make the session safe, then the script's header. */
static int session_setup(bp_conn *c, bp_err *err)
{
	const char *info = mysql_get_server_info(c->my);
	snprintf(c->version, sizeof(c->version), "%s", info ? info : "?");
	c->mariadb = info && strstr(info, "MariaDB") != NULL;
	char q[96];
	if (c->mariadb)
		snprintf(q, sizeof(q), "SET SESSION max_statement_time = %.6f", c->so.max_statement_time);
	else /* whole milliseconds, at least 1: 0 would mean no limit */
		snprintf(q, sizeof(q), "SET SESSION max_execution_time = %lu",
			 (unsigned long)(c->so.max_statement_time * 1000.0 + 0.5) ? (unsigned long)(c->so.max_statement_time * 1000.0 + 0.5) : 1ul);
	int rc = run(c, "SET SESSION TRANSACTION READ ONLY", err);
	if (!rc)
		rc = run(c, q, err);
	if (!rc && c->so.set_names)
		rc = run(c, "SET NAMES utf8mb4", err);
	if (!rc && c->so.set_time_zone)
		rc = run(c, "SET SESSION time_zone = '+00:00'", err);
	return rc;
}

static int do_connect(bp_conn *c, bp_err *err)
{
	const bp_conn_cfg *cfg = c->cfg;
	c->my = mysql_init(NULL);
	if (!c->my)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	unsigned timeout = cfg->connect_timeout ? cfg->connect_timeout : 10;
	my_bool no = 0;
	mysql_options(c->my, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	mysql_options(c->my, MYSQL_OPT_LOCAL_INFILE, &no);
	mysql_options(c->my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	set_tls(c->my, cfg);
	const char *host = cfg->host ? cfg->host : (cfg->socket ? "localhost" : NULL);
	if (!mysql_real_connect(c->my, host, cfg->user, cfg->has_password ? cfg->password : "", NULL, cfg->port,
				cfg->socket, 0)) {
		bool local = !host || !strcmp(host, "localhost"); /* only then is the socket used */
		int rc = BP_ERR_SET(err, BP_E_IO, "cannot connect to %s%s%s: %s", host ? host : "localhost",
				    local && cfg->socket ? " via " : "", local && cfg->socket ? cfg->socket : "",
				    mysql_error(c->my));
		mysql_close(c->my);
		c->my = NULL;
		return rc;
	}
	int rc = tls_check(c, err);
	if (!rc)
		rc = session_setup(c, err);
	if (rc) {
		mysql_close(c->my);
		c->my = NULL;
	}
	return rc;
}

bp_conn *bp_conn_open(const bp_conn_cfg *cfg, const bp_session_opts *so, bp_err *err)
{
	bp_conn *c = calloc(1, sizeof(*c));
	if (!c) {
		BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		return NULL;
	}
	c->cfg = cfg;
	c->so = *so;
	if (do_connect(c, err)) {
		free(c);
		return NULL;
	}
	return c;
}

int bp_conn_reconnect(bp_conn *c, bp_err *err)
{
	if (c->my)
		mysql_close(c->my);
	c->my = NULL;
	return do_connect(c, err);
}

void bp_conn_close(bp_conn *c)
{
	if (!c)
		return;
	if (c->my)
		mysql_close(c->my);
	free(c);
}

unsigned bp_conn_query(bp_conn *c, const char *sql, size_t n, uint64_t *rows)
{
	*rows = 0;
	if (!c->my)
		return CR_SERVER_GONE_ERROR;
	if (mysql_real_query(c->my, sql, (unsigned long)n))
		return mysql_errno(c->my);
	MYSQL_RES *res = mysql_store_result(c->my);
	if (!res)
		return mysql_field_count(c->my) ? mysql_errno(c->my) : 0;
	*rows = mysql_num_rows(res);
	mysql_free_result(res);
	return 0;
}

bool bp_conn_code_lost(unsigned code) { return code == CR_SERVER_GONE_ERROR || code == CR_SERVER_LOST; }

const char *bp_conn_error(bp_conn *c) { return c->my ? mysql_error(c->my) : "not connected"; }

const char *bp_conn_server_version(bp_conn *c) { return c->version; }

bool bp_conn_is_mariadb(const bp_conn *c) { return c->mariadb; }

/* Is the column name one of the '|'-separated alternatives in want? */
static bool name_is(const char *name, const char *want)
{
	size_t n = strlen(name);
	for (const char *w = want; *w;) {
		const char *bar = strchr(w, '|');
		size_t l = bar ? (size_t)(bar - w) : strlen(w);
		if (l == n && strncasecmp(w, name, n) == 0)
			return true;
		w += l + (bar != NULL);
	}
	return false;
}

int bp_conn_row(bp_conn *c, const char *sql, const char *const *names, unsigned n, char **vals, bp_err *err)
{
	for (unsigned i = 0; i < n; i++)
		vals[i] = NULL;
	if (!c->my || mysql_query(c->my, sql)) {
		BP_ERR_SET(err, BP_E_IO, "%s: %s (%u)", sql, bp_conn_error(c), c->my ? mysql_errno(c->my) : 0);
		return -1;
	}
	MYSQL_RES *res = mysql_store_result(c->my);
	MYSQL_ROW row = res ? mysql_fetch_row(res) : NULL;
	if (!row) {
		if (res)
			mysql_free_result(res);
		return 0;
	}
	unsigned nf = mysql_num_fields(res);
	MYSQL_FIELD *f = mysql_fetch_fields(res);
	int rc = 1;
	for (unsigned i = 0; i < n && rc == 1; i++) {
		unsigned col = names ? nf : i;
		for (unsigned j = 0; names && j < nf; j++)
			if (name_is(f[j].name, names[i]))
				col = j;
		if (col < nf && row[col] && !(vals[i] = strdup(row[col]))) {
			BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			rc = -1;
		}
	}
	mysql_free_result(res);
	if (rc < 0)
		for (unsigned i = 0; i < n; i++)
			free(vals[i]), vals[i] = NULL;
	return rc;
}

int bp_conn_server_read_only(bp_conn *c, bp_err *err)
{
	char *v;
	int rc = bp_conn_row(c, "SELECT @@global.read_only", NULL, 1, &v, err);
	int on = rc == 1 && v ? !(strcmp(v, "0") == 0 || strcasecmp(v, "OFF") == 0) : -1;
	free(v);
	if (on < 0 && rc >= 0)
		BP_ERR_SET(err, BP_E_IO, "cannot read @@global.read_only");
	return on;
}
