/*
 * event.h: binlog event types and the typed structs they decode into.
 *
 * Every event is  [common header][post-header][body][checksum?]  (MySQL
 * libs/mysql/binlog/event/binlog_event.h). The common header:
 *
 *   offset  size  field
 *   0       4     timestamp (seconds since the epoch)
 *   4       1     type code
 *   5       4     server_id
 *   9       4     event length (header + body + checksum)
 *   13      4     next position (log_pos; v3+ only)
 *   17      2     flags (v3+ only)
 *   19..    FDE-defined extra header bytes (header length 19..255, ignored)
 *
 * v1 logs (MySQL 3.23) have a 13-byte header. Post-header lengths come from
 * the FORMAT_DESCRIPTION event; decoders never assume them.
 *
 * Everything a bp_event points to is borrowed: from the reader's event buffer
 * or from the per-event arena, valid until the next bp_reader_next call.
 */
#ifndef BP_ANALYZER_EVENT_H
#define BP_ANALYZER_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "value.h"

enum bp_event_type {
	BP_EV_UNKNOWN = 0,
	BP_EV_START_V3 = 1,
	BP_EV_QUERY = 2,
	BP_EV_STOP = 3,
	BP_EV_ROTATE = 4,
	BP_EV_INTVAR = 5,
	BP_EV_LOAD = 6,
	BP_EV_SLAVE = 7,
	BP_EV_CREATE_FILE = 8,
	BP_EV_APPEND_BLOCK = 9,
	BP_EV_EXEC_LOAD = 10,
	BP_EV_DELETE_FILE = 11,
	BP_EV_NEW_LOAD = 12,
	BP_EV_RAND = 13,
	BP_EV_USER_VAR = 14,
	BP_EV_FORMAT_DESCRIPTION = 15,
	BP_EV_XID = 16,
	BP_EV_BEGIN_LOAD_QUERY = 17,
	BP_EV_EXECUTE_LOAD_QUERY = 18,
	BP_EV_TABLE_MAP = 19,
	BP_EV_PRE_GA_WRITE_ROWS = 20,
	BP_EV_PRE_GA_UPDATE_ROWS = 21,
	BP_EV_PRE_GA_DELETE_ROWS = 22,
	BP_EV_WRITE_ROWS_V1 = 23,
	BP_EV_UPDATE_ROWS_V1 = 24,
	BP_EV_DELETE_ROWS_V1 = 25,
	BP_EV_INCIDENT = 26,
	BP_EV_HEARTBEAT = 27,
	BP_EV_IGNORABLE = 28,
	BP_EV_ROWS_QUERY = 29,
	BP_EV_WRITE_ROWS = 30,
	BP_EV_UPDATE_ROWS = 31,
	BP_EV_DELETE_ROWS = 32,
	BP_EV_GTID = 33,
	BP_EV_ANONYMOUS_GTID = 34,
	BP_EV_PREVIOUS_GTIDS = 35,
	BP_EV_TRANSACTION_CONTEXT = 36,
	BP_EV_VIEW_CHANGE = 37,
	BP_EV_XA_PREPARE = 38,
	BP_EV_PARTIAL_UPDATE_ROWS = 39,
	BP_EV_TRANSACTION_PAYLOAD = 40,
	BP_EV_HEARTBEAT_V2 = 41,
	BP_EV_GTID_TAGGED = 42,
	/* MariaDB */
	BP_EV_ANNOTATE_ROWS = 160,
	BP_EV_BINLOG_CHECKPOINT = 161,
	BP_EV_MARIADB_GTID = 162,
	BP_EV_MARIADB_GTID_LIST = 163,
	BP_EV_START_ENCRYPTION = 164,
	BP_EV_QUERY_COMPRESSED = 165,
	BP_EV_WRITE_ROWS_COMPRESSED_V1 = 166,
	BP_EV_UPDATE_ROWS_COMPRESSED_V1 = 167,
	BP_EV_DELETE_ROWS_COMPRESSED_V1 = 168,
	BP_EV_WRITE_ROWS_COMPRESSED = 169,
	BP_EV_UPDATE_ROWS_COMPRESSED = 170,
	BP_EV_DELETE_ROWS_COMPRESSED = 171,
};

/* Server name of an event type ("UPDATE_ROWS", "MARIADB_GTID"), "UNKNOWN_<n>" style
 * for unknown codes is written by callers; this returns NULL for them. */
const char *bp_event_type_name(unsigned type);

/* Header flags */
#define BP_LOG_EVENT_BINLOG_IN_USE_F 0x1
#define BP_LOG_EVENT_IGNORABLE_F 0x80

/* Rows event flags */
#define BP_ROWS_STMT_END_F 0x1

typedef struct bp_event_header {
	uint32_t timestamp;
	uint8_t type;
	uint32_t server_id;
	uint32_t length;     /* whole event, checksum included */
	uint32_t next_pos;   /* log_pos field (0 in v1) */
	uint16_t flags;
} bp_event_header;

/* ---- control events -------------------------------------------------------- */

typedef struct bp_ev_fde {
	uint16_t binlog_version;
	char server_version[51];
	uint32_t create_timestamp;
	uint8_t header_len;
	uint8_t checksum_alg;        /* 0 none, 1 CRC32, 255 undefined/pre-5.6 */
	uint16_t n_post_header;
	const uint8_t *post_header;  /* n_post_header bytes, index type-1 */
} bp_ev_fde;

typedef struct bp_ev_rotate {
	uint64_t position;
	const char *next_file;       /* arena, NUL-terminated */
} bp_ev_rotate;

typedef struct bp_ev_intvar {
	uint8_t type;                /* 1 LAST_INSERT_ID, 2 INSERT_ID */
	uint64_t value;
} bp_ev_intvar;

typedef struct bp_ev_rand {
	uint64_t seed1, seed2;
} bp_ev_rand;

typedef struct bp_ev_user_var {
	const char *name;            /* arena */
	uint32_t name_len;
	bool is_null;
	uint8_t value_type;          /* 0 STRING, 1 REAL, 2 INT, 3 ROW, 4 DECIMAL */
	uint32_t charset;
	const uint8_t *value;        /* borrowed */
	uint32_t value_len;
	uint8_t flags;               /* bit 0: unsigned */
	bool has_flags;
} bp_ev_user_var;

typedef struct bp_ev_xid {
	uint64_t xid;
} bp_ev_xid;

typedef struct bp_ev_incident {
	uint16_t incident;
	const uint8_t *message;
	uint32_t message_len;
} bp_ev_incident;

typedef struct bp_ev_heartbeat {
	const char *log_ident;       /* arena */
	uint64_t position;           /* V2 only */
} bp_ev_heartbeat;

typedef struct bp_ev_gtid {      /* MySQL GTID / ANONYMOUS_GTID / GTID_TAGGED */
	uint8_t flags;               /* bit 0: may have been committed... (commit flag) */
	uint8_t sid[16];
	int64_t gno;
	const char *tag;             /* GTID_TAGGED, arena, or NULL */
	bool has_logical_clock;
	int64_t last_committed;
	int64_t sequence_number;
	bool has_commit_ts;
	uint64_t immediate_commit_ts;
	uint64_t original_commit_ts;
	bool has_trx_length;
	uint64_t trx_length;
	uint32_t immediate_server_version;
	uint32_t original_server_version;
} bp_ev_gtid;

typedef struct bp_ev_previous_gtids {
	uint64_t n_sids;
	const char *text;            /* arena: "uuid:1-5:7,uuid2:1-3" */
} bp_ev_previous_gtids;

typedef struct bp_ev_xa_prepare {
	bool one_phase;
	int32_t format_id;
	const uint8_t *gtrid;
	uint32_t gtrid_len;
	const uint8_t *bqual;
	uint32_t bqual_len;
} bp_ev_xa_prepare;

typedef struct bp_ev_mariadb_gtid {
	uint64_t seq_no;
	uint32_t domain_id;
	uint8_t flags2;
	bool has_commit_id;
	uint64_t commit_id;
	bool is_xa;                  /* FL_PREPARED_XA / FL_COMPLETED_XA */
	int32_t xa_format_id;
	const uint8_t *xa_gtrid;
	uint32_t xa_gtrid_len;
	const uint8_t *xa_bqual;
	uint32_t xa_bqual_len;
} bp_ev_mariadb_gtid;

typedef struct bp_ev_mariadb_gtid_list {
	uint32_t count;
	uint8_t flags;
	const char *text;            /* arena: "0-1-100,1-1-5" */
} bp_ev_mariadb_gtid_list;

typedef struct bp_ev_checkpoint {
	const char *log_file;        /* arena */
} bp_ev_checkpoint;

typedef struct bp_ev_start_encryption {
	uint8_t scheme;
	uint32_t key_version;
} bp_ev_start_encryption;

typedef struct bp_ev_payload {   /* TRANSACTION_PAYLOAD */
	uint64_t payload_size;
	uint64_t uncompressed_size;
	uint8_t compression_type;    /* 0 zstd, 255 none */
	const uint8_t *data;         /* borrowed compressed bytes */
	uint64_t data_len;
} bp_ev_payload;

/* ---- statements -------------------------------------------------------------- */

typedef struct bp_ev_query {
	uint32_t thread_id;
	uint32_t exec_time;
	uint16_t error_code;
	const char *db;              /* arena, NUL-terminated */
	uint32_t db_len;
	const char *query;           /* borrowed or arena (decompressed); NOT NUL-terminated */
	uint32_t query_len;
	/* status variables (has_* tell which were present) */
	bool has_flags2; uint32_t flags2;
	bool has_sql_mode; uint64_t sql_mode;
	const char *catalog;         /* arena or NULL */
	bool has_auto_increment; uint16_t auto_increment_increment, auto_increment_offset;
	bool has_charset; uint16_t charset_client, collation_connection, collation_server;
	const char *time_zone;       /* arena or NULL */
	bool has_lc_time_names; uint16_t lc_time_names;
	bool has_charset_database; uint16_t collation_database;
	bool has_table_map_for_update; uint64_t table_map_for_update;
	bool has_master_data_written; uint32_t master_data_written;
	const char *invoker_user, *invoker_host; /* arena or NULL */
	uint8_t n_updated_dbs; const char *updated_dbs[16];
	bool has_microseconds; uint32_t microseconds;
	bool has_commit_ts;          /* MySQL 5.7 internal */
	bool has_explicit_defaults_ts; uint8_t explicit_defaults_ts;
	bool has_ddl_xid; uint64_t ddl_xid;
	bool has_default_collation; uint16_t default_collation_for_utf8mb4;
	bool has_sql_require_pk; uint8_t sql_require_primary_key;
	bool has_default_table_encryption; uint8_t default_table_encryption;
	bool has_hrnow; uint32_t hrnow_usec;  /* MariaDB Q_HRNOW */
	bool has_xid; uint64_t xid;           /* MariaDB Q_XID */
	bool has_gtid_flags3; uint8_t gtid_flags3; /* MariaDB */
	bool has_character_set_collations;   /* MariaDB 11 */
	bool has_sequence_no; uint64_t sequence_no;
	/* LOAD (EXECUTE_LOAD_QUERY, BEGIN_LOAD_QUERY) */
	uint32_t file_id;
	uint32_t fn_pos_start, fn_pos_end;
	uint8_t dup_handling;
} bp_ev_query;

typedef struct bp_ev_load_block {  /* BEGIN_LOAD_QUERY, APPEND_BLOCK, CREATE_FILE data, DELETE_FILE, EXEC_LOAD */
	uint32_t file_id;
	uint32_t data_len;
	const uint8_t *data;
} bp_ev_load_block;

typedef struct bp_ev_load {      /* old LOAD / NEW_LOAD / CREATE_FILE */
	uint32_t thread_id, exec_time, skip_lines;
	uint32_t n_fields;
	const char *table, *db, *file_name;  /* arena */
	uint32_t file_id;            /* CREATE_FILE */
} bp_ev_load;

typedef struct bp_ev_text {      /* ROWS_QUERY, ANNOTATE_ROWS */
	const char *text;            /* borrowed, not NUL-terminated */
	uint32_t len;
} bp_ev_text;

/* ---- row-based replication --------------------------------------------------- */

typedef struct bp_table_map {
	uint64_t table_id;
	uint16_t flags;
	const char *db;              /* owned by the table map */
	const char *table;
	uint32_t n_columns;
	bp_column *columns;
	/* optional metadata presence */
	bool has_signedness, has_charsets, has_column_names, has_enum_values, has_set_values,
	     has_geometry_types, has_primary_key, has_visibility;
	uint32_t n_pk;
	uint32_t *pk_columns;        /* column indexes */
	uint32_t *pk_prefix;         /* prefix lengths (0 = whole column) */
	uint32_t default_charset;
	bool no_metadata;            /* MySQL < 5.1.18 map: no column metadata, rows cannot be decoded */
} bp_table_map;

typedef struct bp_ev_rows {
	uint64_t table_id;
	uint16_t flags;
	uint8_t version;             /* 0 pre-GA, 1, 2 */
	uint8_t kind;                /* 'W' insert, 'U' update, 'D' delete, 'P' partial update */
	bool compressed;             /* MariaDB *_ROWS_COMPRESSED */
	const bp_table_map *map;     /* NULL when the table map is missing */
	uint32_t n_columns;          /* width */
	const uint8_t *cols_before;  /* bitmap, (n+7)/8 bytes */
	const uint8_t *cols_after;   /* UPDATE only, else == cols_before */
	const uint8_t *extra;        /* v2 extra row info, raw */
	uint16_t extra_len;
	const uint8_t *rows;         /* row images (decompressed for MariaDB compressed events) */
	size_t rows_len;
	uint32_t n_rows;
	struct bp_row *row;          /* n_rows decoded rows (per-event arena) */
	const char *undecoded;       /* why the rows are not decoded (static text), else NULL */
} bp_ev_rows;

/*
 * One decoded row. before/after are n_columns long; a column absent from the
 * event's column bitmap (MINIMAL/NOBLOB images) has present[i] false. For
 * PARTIAL_UPDATE_ROWS, json_diff[i] marks after-image JSON columns that carry a
 * diff (raw bytes in after[i], kind BP_V_UNSUPPORTED) instead of a whole value.
 */
typedef struct bp_row {
	bp_value *before, *after;    /* NULL when the image is absent (INSERT has no before) */
	bool *before_present, *after_present;
	bool *json_diff;             /* NULL unless some column carries a JSON diff */
} bp_row;

/* ---- the decoded event ---------------------------------------------------------- */

typedef struct bp_event {
	bp_event_header h;
	uint64_t pos;                /* start offset in its file (or in its payload) */
	uint64_t payload_pos;        /* for events inside a TRANSACTION_PAYLOAD: the payload's pos; else 0 */
	bool in_payload;
	const uint8_t *raw;          /* whole event bytes */
	uint32_t raw_len;
	uint32_t body_off;           /* offset of the post-header */
	uint32_t data_len;           /* bytes before the checksum */
	bool ignorable_unknown;      /* unknown type with the ignorable flag: skipped */
	union {
		bp_ev_fde fde;
		bp_ev_rotate rotate;
		bp_ev_intvar intvar;
		bp_ev_rand rand;
		bp_ev_user_var user_var;
		bp_ev_xid xid;
		bp_ev_incident incident;
		bp_ev_heartbeat heartbeat;
		bp_ev_gtid gtid;
		bp_ev_previous_gtids prev_gtids;
		bp_ev_xa_prepare xa_prepare;
		bp_ev_mariadb_gtid mgtid;
		bp_ev_mariadb_gtid_list mgtid_list;
		bp_ev_checkpoint checkpoint;
		bp_ev_start_encryption start_enc;
		bp_ev_payload payload;
		bp_ev_query query;
		bp_ev_load_block block;
		bp_ev_load load;
		bp_ev_text text;
		bp_ev_rows rows;
		const bp_table_map *table_map;
	};
} bp_event;

static inline bool bp_event_is_rows(unsigned t)
{
	return (t >= BP_EV_PRE_GA_WRITE_ROWS && t <= BP_EV_DELETE_ROWS_V1) ||
	       (t >= BP_EV_WRITE_ROWS && t <= BP_EV_DELETE_ROWS) || t == BP_EV_PARTIAL_UPDATE_ROWS ||
	       (t >= BP_EV_WRITE_ROWS_COMPRESSED_V1 && t <= BP_EV_DELETE_ROWS_COMPRESSED);
}

#endif
