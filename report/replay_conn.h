/*
 * replay_conn.h: the client side of `binprime replay` — option files, the
 * connection options of the mysql client, and read-only sessions. The only
 * module that includes mysql.h (Connector/C); callers see an opaque bp_conn.
 */
#ifndef BP_REPORT_REPLAY_CONN_H
#define BP_REPORT_REPLAY_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/err.h"

/* Connection settings: option files first, then the command line over them. */
typedef struct bp_conn_cfg {
	char *host, *socket, *user, *password; /* owned (password wiped on release) */
	char *ssl_ca, *ssl_cert, *ssl_key, *ssl_mode;
	unsigned port, connect_timeout;
	bool has_password;     /* a password was given (possibly empty) */
	bool pwd_from_env;     /* ... and it came from MYSQL_PWD */
} bp_conn_cfg;

/*
 * Read the option files the way the mysql client does: only defaults_file when
 * given; else /etc/my.cnf, /etc/mysql/my.cnf, $MYSQL_HOME/my.cnf,
 * defaults_extra_file, ~/.my.cnf, in that order, later values winning. Groups
 * [client], [client-server], [client-mariadb], [binprime] and, with a suffix,
 * the same names with it appended. !include and !includedir are followed (10
 * levels). Keys used: host port socket user password ssl-ca ssl-cert ssl-key
 * ssl-mode connect-timeout ('_' and '-' alike); others are ignored. A missing
 * default file is fine; a missing defaults_file/extra file is an error.
 */
int bp_conn_cfg_read(bp_conn_cfg *c, const char *defaults_file, const char *extra_file, const char *suffix,
		     bp_err *err);
/* Set one key (option-file spelling) to val; copies val. Returns 0, -BP_E_USAGE for a bad value. */
int bp_conn_cfg_set(bp_conn_cfg *c, const char *key, const char *val, bp_err *err);
/* No password from anywhere: take MYSQL_PWD if set (pwd_from_env tells the caller to warn). */
void bp_conn_cfg_env_password(bp_conn_cfg *c);
void bp_conn_cfg_release(bp_conn_cfg *c);

/* Per-session settings (all sessions get SET SESSION TRANSACTION READ ONLY). */
typedef struct bp_session_opts {
	double max_statement_time; /* seconds, > 0 */
	bool set_names;            /* the script's header has SET NAMES utf8mb4 */
	bool set_time_zone;        /* ... SET SESSION time_zone = '+00:00' */
} bp_session_opts;

typedef struct bp_conn bp_conn;

/* Connect and set the session up. NULL with err filled (BP_E_IO). */
bp_conn *bp_conn_open(const bp_conn_cfg *c, const bp_session_opts *so, bp_err *err);
/* Reconnect a lost session (same settings). 0 or -BP_E_IO. */
int bp_conn_reconnect(bp_conn *c, bp_err *err);
void bp_conn_close(bp_conn *c);

/*
 * Run one statement, read its whole result. Returns 0 with *rows set, or the
 * client/server error code (> 0).
 */
unsigned bp_conn_query(bp_conn *c, const char *sql, size_t n, uint64_t *rows);
/* Is code a lost connection (CR_SERVER_GONE_ERROR, CR_SERVER_LOST)? */
bool bp_conn_code_lost(unsigned code);
/* The last error's text (valid until the next call on c). */
const char *bp_conn_error(bp_conn *c);

const char *bp_conn_server_version(bp_conn *c);
bool bp_conn_is_mariadb(const bp_conn *c);
/*
 * Run sql and copy the first row's values into vals[0..n) (malloc'd, NULL for
 * SQL NULL or a missing column): with names, the columns named names[i] (each
 * "A|B" for either spelling, case-insensitive); without, the first n columns.
 * Returns 1, 0 when there is no row, or -1 with err filled. The caller frees vals.
 */
int bp_conn_row(bp_conn *c, const char *sql, const char *const *names, unsigned n, char **vals, bp_err *err);
/* @@global.read_only: 1 on (any value but OFF/0), 0 off, -1 error (err filled). */
int bp_conn_server_read_only(bp_conn *c, bp_err *err);

/* Library setup for threads: once in main before any thread, and per thread. */
int bp_conn_library_init(void);
void bp_conn_library_end(void);
void bp_conn_thread_init(void);
void bp_conn_thread_end(void);

#endif
