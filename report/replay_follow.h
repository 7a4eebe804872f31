/*
 * replay_follow.h: `binprime replay --follow` — keep the prefetch reads a few
 * transactions ahead of a replica that is applying the same log.
 *
 * A poller thread reads the replica's apply position every --follow-interval
 * on its own session and publishes it per stream (replay_script.h: a MariaDB
 * GTID domain, a MySQL source uuid, or the log position):
 *   MariaDB   SELECT @@gtid_slave_pos          "0-1-100,1-2-7": domain 0 at 100
 *   MySQL     SELECT @@global.gtid_executed    "uuid:1-100:102": uuid at 100 (the
 *             contiguous run from the first interval: a parallel applier's holes
 *             are not applied yet)
 *   no GTID   SHOW REPLICA STATUS (SHOW SLAVE STATUS): Exec_Master_Log_Pos in
 *             Relay_Master_Log_File when the script's comments name the
 *             primary's binlogs, Relay_Log_Pos in Relay_Log_File when they name
 *             relay logs; the position counts the script's distinct event
 *             positions before it.
 * A stream the server does not report yet counts as "nothing applied": the
 * apply is before the script's first write of it.
 *
 * A worker asks how far ahead a statement is (its seq minus the stream's
 * applied seq: 1 = the next transaction to apply) before sending it: below
 * --min-ahead (for its last write) it is dropped as late; above --max-ahead
 * (for its first) the worker waits.
 */
#ifndef BP_REPORT_REPLAY_FOLLOW_H
#define BP_REPORT_REPLAY_FOLLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/err.h"
#include "replay_conn.h"
#include "replay_script.h"

typedef struct bp_follow_cfg {
	int64_t min_ahead, max_ahead; /* transactions (positions for a log without GTIDs) */
	unsigned interval_us;         /* between two reads of the apply position */
	unsigned max_reconnects;      /* of the polling session */
} bp_follow_cfg;

typedef struct bp_follow bp_follow;

/*
 * Check the script can be followed (every statement has a position), read the
 * apply position once on conn (which the follower then owns and closes) and
 * return the follower; NULL with err filled. *warning gets a note (or NULL)
 * when none of the script's GTID streams is known to the server yet.
 */
bp_follow *bp_follow_new(const bp_replay_script *s, bp_conn *conn, const bp_follow_cfg *cfg, const char **warning,
			 bp_err *err);
/* Start / stop the poller thread. */
int bp_follow_start(bp_follow *f);
void bp_follow_stop(bp_follow *f);
void bp_follow_free(bp_follow *f);

/* Has the poller given up (its session lost more often than max_reconnects allows)? */
bool bp_follow_failed(const bp_follow *f);

/* One read of the apply position (what the poller does each interval). 0 or -1 with err. */
int bp_follow_poll(bp_follow *f, bp_err *err);

/* How many transactions ahead of the apply the write at (stream, seq) is (1: the next one). */
int64_t bp_follow_ahead(const bp_follow *f, uint16_t stream, uint64_t seq);

typedef struct bp_follow_stats {
	const char *by;               /* "gtid", "position" or "gtid+position" */
	uint64_t polls, poll_errors, reconnects;
	uint64_t applied;             /* transactions (positions) the apply went through while we ran */
	const char *last_error;       /* of the poller, or NULL */
} bp_follow_stats;

void bp_follow_get_stats(const bp_follow *f, bp_follow_stats *st);

/*
 * The parsers, exposed for the unit tests. Each sets applied[k] for the
 * script's streams k found in the text and returns how many it found, or -1
 * when the text is malformed.
 */
int bp_follow_parse_mariadb(const bp_replay_script *s, const char *pos, int64_t *applied);
int bp_follow_parse_gtid_set(const bp_replay_script *s, const char *set, int64_t *applied);
/* The ordinal of the last script position before (file, pos), -1 when none; *known: file is the script's. */
int64_t bp_follow_position(const bp_replay_script *s, const char *file, uint64_t pos, bool *known);

#endif
