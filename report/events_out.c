/*
 * events_out.c: JSON Lines and text renderings of decoded events.
 *
 * JSON: every object has file, pos, end, type, timestamp, server_id (and
 * payload for events inside a TRANSACTION_PAYLOAD), then its type's fields.
 * Row events carry db, table, and rows: [{"before": [...], "after": [...]}]
 * with values typed by bp_value_json.
 */
#include "events_out.h"

#include <inttypes.h>
#include <string.h>
#include <time.h>

static void key(bp_buf *b, const char *k)
{
	bp_buf_addc(b, ',');
	bp_buf_add_json_cstr(b, k);
	bp_buf_addc(b, ':');
}

static void kv_u64(bp_buf *b, const char *k, uint64_t v) { key(b, k); bp_buf_addu64(b, v); }
static void kv_i64(bp_buf *b, const char *k, int64_t v) { key(b, k); bp_buf_addi64(b, v); }
static void kv_bool(bp_buf *b, const char *k, bool v) { key(b, k); bp_buf_adds(b, v ? "true" : "false"); }

static void kv_str(bp_buf *b, const char *k, const char *s, size_t n)
{
	key(b, k);
	if (!s) {
		bp_buf_adds(b, "null");
	} else if (bp_utf8_valid(s, n)) {
		bp_buf_add_json_str(b, s, n);
	} else {
		bp_buf_adds(b, "{\"hex\":\"");
		bp_buf_addhex(b, s, n);
		bp_buf_adds(b, "\"}");
	}
}
static void kv_cstr(bp_buf *b, const char *k, const char *s) { kv_str(b, k, s, s ? strlen(s) : 0); }

static void kv_hex(bp_buf *b, const char *k, const void *p, size_t n)
{
	key(b, k);
	bp_buf_addc(b, '"');
	bp_buf_addhex(b, p, n);
	bp_buf_addc(b, '"');
}

static void uuid(bp_buf *b, const char *k, const uint8_t u[16])
{
	static const char hx[] = "0123456789abcdef";
	key(b, k);
	bp_buf_addc(b, '"');
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			bp_buf_addc(b, '-');
		bp_buf_addc(b, hx[u[i] >> 4]);
		bp_buf_addc(b, hx[u[i] & 15]);
	}
	bp_buf_addc(b, '"');
}

static void type_name(bp_buf *b, unsigned t)
{
	const char *n = bp_event_type_name(t);
	if (n)
		bp_buf_adds(b, n);
	else
		bp_buf_addf(b, "UNKNOWN_%u", t);
}

/*
 * A MySQL partial JSON update (Json_diff_vector binary form): diffs of
 * {operation 1 (0 REPLACE, 1 INSERT, 2 REMOVE), path length packed, path,
 *  [value length packed, binary JSON value]}. Written as
 * {"json_diff": [{"op": "REPLACE", "path": "$.a", "value": 1}, ...]}; bytes
 * that do not parse are written as {"json_diff_hex": "..."}.
 */
static void json_diff(bp_buf *b, const uint8_t *p, size_t n)
{
	static const char *const ops[] = { "REPLACE", "INSERT", "REMOVE" };
	size_t mark = b->len;
	bp_cursor c;
	bp_cur_init(&c, p, n);
	bp_buf_adds(b, "{\"json_diff\":[");
	for (int k = 0; bp_cur_left(&c); k++) {
		uint8_t op = bp_cur_u8(&c);
		uint64_t pl = bp_cur_packed(&c, NULL);
		const uint8_t *path = bp_cur_bytes(&c, pl);
		if (c.err || op > 2)
			goto bad;
		bp_buf_adds(b, k ? ",{\"op\":\"" : "{\"op\":\"");
		bp_buf_adds(b, ops[op]);
		bp_buf_adds(b, "\",\"path\":");
		bp_buf_add_json_str(b, path, pl);
		if (op != 2) {
			uint64_t vl = bp_cur_packed(&c, NULL);
			const uint8_t *v = bp_cur_bytes(&c, vl);
			if (c.err)
				goto bad;
			bp_buf_adds(b, ",\"value\":");
			if (bp_json_binary_to_text(b, v, vl) < 0)
				goto bad;
		}
		bp_buf_addc(b, '}');
	}
	bp_buf_adds(b, "]}");
	return;
bad:
	b->len = mark;
	bp_buf_adds(b, "{\"json_diff_hex\":\"");
	bp_buf_addhex(b, p, n);
	bp_buf_adds(b, "\"}");
}

static void image_json(bp_buf *b, const bp_table_map *m, uint32_t width, const bp_value *v, const bool *present,
		       const bool *diff)
{
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < width; i++) {
		if (i)
			bp_buf_addc(b, ',');
		if (!present[i]) {
			bp_buf_adds(b, "{\"absent\":true}");
		} else if (diff && diff[i]) {
			json_diff(b, v[i].p, v[i].n);
		} else {
			bp_value_json(b, &v[i], &m->columns[i]);
		}
	}
	bp_buf_addc(b, ']');
}

static void table_map_json(bp_buf *b, const bp_table_map *m)
{
	kv_u64(b, "table_id", m->table_id);
	kv_cstr(b, "db", m->db);
	kv_cstr(b, "table", m->table);
	key(b, "columns");
	bp_buf_addc(b, '[');
	for (uint32_t i = 0; i < m->n_columns; i++) {
		const bp_column *c = &m->columns[i];
		if (i)
			bp_buf_addc(b, ',');
		bp_buf_adds(b, "{\"type\":");
		bp_buf_add_json_cstr(b, bp_coltype_name(c->real_type ? c->real_type : c->type));
		kv_u64(b, "meta", c->meta);
		kv_bool(b, "nullable", c->nullable);
		if (c->has_signedness)
			kv_bool(b, "unsigned", c->is_unsigned);
		if (c->charset)
			kv_u64(b, "charset", c->charset);
		if (c->name)
			kv_cstr(b, "name", c->name);
		if (!c->visible)
			kv_bool(b, "visible", false);
		if (c->type == BP_T_GEOMETRY && m->has_geometry_types)
			kv_u64(b, "geometry_type", c->geometry_type);
		if (c->enum_names) {
			key(b, c->real_type == BP_T_SET ? "set_values" : "enum_values");
			bp_buf_addc(b, '[');
			for (uint32_t k = 0; k < c->n_enum; k++) {
				if (k)
					bp_buf_addc(b, ',');
				bp_buf_add_json_str(b, c->enum_names[k], c->enum_lens[k]);
			}
			bp_buf_addc(b, ']');
		}
		bp_buf_addc(b, '}');
	}
	bp_buf_addc(b, ']');
	if (m->has_primary_key) {
		key(b, "primary_key");
		bp_buf_addc(b, '[');
		for (uint32_t i = 0; i < m->n_pk; i++) {
			if (i)
				bp_buf_addc(b, ',');
			bp_buf_addf(b, "{\"column\":%u,\"prefix\":%u}", m->pk_columns[i], m->pk_prefix[i]);
		}
		bp_buf_addc(b, ']');
	}
}

static void query_json(bp_buf *b, const bp_ev_query *q)
{
	kv_u64(b, "thread_id", q->thread_id);
	kv_u64(b, "exec_time", q->exec_time);
	kv_u64(b, "error_code", q->error_code);
	kv_str(b, "db", q->db, q->db_len);
	kv_str(b, "query", q->query, q->query_len);
	if (q->has_flags2)
		kv_u64(b, "flags2", q->flags2);
	if (q->has_sql_mode)
		kv_u64(b, "sql_mode", q->sql_mode);
	if (q->catalog)
		kv_cstr(b, "catalog", q->catalog);
	if (q->has_auto_increment) {
		kv_u64(b, "auto_increment_increment", q->auto_increment_increment);
		kv_u64(b, "auto_increment_offset", q->auto_increment_offset);
	}
	if (q->has_charset) {
		kv_u64(b, "character_set_client", q->charset_client);
		kv_u64(b, "collation_connection", q->collation_connection);
		kv_u64(b, "collation_server", q->collation_server);
	}
	if (q->time_zone)
		kv_cstr(b, "time_zone", q->time_zone);
	if (q->has_lc_time_names)
		kv_u64(b, "lc_time_names", q->lc_time_names);
	if (q->has_charset_database)
		kv_u64(b, "collation_database", q->collation_database);
	if (q->has_table_map_for_update)
		kv_u64(b, "table_map_for_update", q->table_map_for_update);
	if (q->invoker_user) {
		kv_cstr(b, "invoker_user", q->invoker_user);
		kv_cstr(b, "invoker_host", q->invoker_host);
	}
	if (q->n_updated_dbs) {
		key(b, "updated_dbs");
		bp_buf_addc(b, '[');
		for (unsigned i = 0; i < q->n_updated_dbs; i++) {
			if (i)
				bp_buf_addc(b, ',');
			bp_buf_add_json_cstr(b, q->updated_dbs[i] ? q->updated_dbs[i] : "");
		}
		bp_buf_addc(b, ']');
	}
	if (q->has_microseconds)
		kv_u64(b, "microseconds", q->microseconds);
	if (q->has_explicit_defaults_ts)
		kv_u64(b, "explicit_defaults_for_timestamp", q->explicit_defaults_ts);
	if (q->has_ddl_xid)
		kv_u64(b, "ddl_xid", q->ddl_xid);
	if (q->has_default_collation)
		kv_u64(b, "default_collation_for_utf8mb4", q->default_collation_for_utf8mb4);
	if (q->has_sql_require_pk)
		kv_u64(b, "sql_require_primary_key", q->sql_require_primary_key);
	if (q->has_default_table_encryption)
		kv_u64(b, "default_table_encryption", q->default_table_encryption);
	if (q->has_hrnow)
		kv_u64(b, "hrnow_usec", q->hrnow_usec);
	if (q->has_xid)
		kv_u64(b, "xid", q->xid);
	if (q->has_gtid_flags3)
		kv_u64(b, "gtid_flags3", q->gtid_flags3);
	if (q->has_sequence_no)
		kv_u64(b, "sequence_no", q->sequence_no);
}

void bp_event_json(bp_buf *b, const char *file, const bp_event *ev) { bp_event_json_ex(b, file, ev, NULL, NULL); }

void bp_event_json_ex(bp_buf *b, const char *file, const bp_event *ev, const char *const *names,
		      const char *schema_note)
{
	bp_buf_adds(b, "{\"file\":");
	bp_buf_add_json_cstr(b, file);
	kv_u64(b, "pos", ev->pos);
	kv_u64(b, "end", ev->pos + ev->h.length);
	if (ev->in_payload)
		kv_u64(b, "payload", ev->payload_pos);
	key(b, "type");
	bp_buf_addc(b, '"');
	type_name(b, ev->h.type);
	bp_buf_addc(b, '"');
	kv_u64(b, "timestamp", ev->h.timestamp);
	kv_u64(b, "server_id", ev->h.server_id);
	kv_u64(b, "next_pos", ev->h.next_pos);
	kv_u64(b, "flags", ev->h.flags);

	switch (ev->h.type) {
	case BP_EV_FORMAT_DESCRIPTION:
	case BP_EV_START_V3:
		kv_u64(b, "binlog_version", ev->fde.binlog_version);
		kv_cstr(b, "server_version", ev->fde.server_version);
		kv_u64(b, "create_timestamp", ev->fde.create_timestamp);
		kv_u64(b, "header_length", ev->fde.header_len);
		key(b, "checksum");
		bp_buf_adds(b, ev->fde.checksum_alg == 1 ? "\"CRC32\"" : ev->fde.checksum_alg == 0 ? "\"NONE\"" : "null");
		break;
	case BP_EV_ROTATE:
		kv_u64(b, "position", ev->rotate.position);
		kv_cstr(b, "next_file", ev->rotate.next_file);
		break;
	case BP_EV_INTVAR:
		key(b, "var");
		bp_buf_adds(b, ev->intvar.type == 1 ? "\"LAST_INSERT_ID\"" : ev->intvar.type == 2 ? "\"INSERT_ID\"" : "\"INVALID\"");
		kv_u64(b, "value", ev->intvar.value);
		break;
	case BP_EV_RAND:
		kv_u64(b, "seed1", ev->rand.seed1);
		kv_u64(b, "seed2", ev->rand.seed2);
		break;
	case BP_EV_XID:
		kv_u64(b, "xid", ev->xid.xid);
		break;
	case BP_EV_USER_VAR: {
		const bp_ev_user_var *u = &ev->user_var;
		kv_str(b, "name", u->name, u->name_len);
		kv_bool(b, "is_null", u->is_null);
		if (!u->is_null) {
			static const char *const vt[] = { "STRING", "REAL", "INT", "ROW", "DECIMAL" };
			key(b, "value_type");
			bp_buf_add_json_cstr(b, u->value_type < 5 ? vt[u->value_type] : "UNKNOWN");
			kv_u64(b, "charset", u->charset);
			if (u->value_type == 2 && u->value_len == 8) {
				uint64_t v = bp_le(u->value, 8);
				if (u->has_flags && (u->flags & 1))
					kv_u64(b, "value", v);
				else
					kv_i64(b, "value", (int64_t)v);
			} else if (u->value_type == 1 && u->value_len == 8) {
				double dv;
				memcpy(&dv, u->value, 8);
				key(b, "value");
				bp_buf_addf(b, "%.17g", dv);
			} else if (u->value_type == 0 && u->charset != 63) {
				kv_str(b, "value", (const char *)u->value, u->value_len);
			} else {
				kv_hex(b, "value_hex", u->value, u->value_len);
			}
			if (u->has_flags)
				kv_u64(b, "value_flags", u->flags);
		}
		break;
	}
	case BP_EV_INCIDENT:
		kv_u64(b, "incident", ev->incident.incident);
		kv_str(b, "message", (const char *)ev->incident.message, ev->incident.message_len);
		break;
	case BP_EV_HEARTBEAT:
	case BP_EV_HEARTBEAT_V2:
		kv_cstr(b, "log_ident", ev->heartbeat.log_ident);
		kv_u64(b, "position", ev->heartbeat.position);
		break;
	case BP_EV_GTID:
	case BP_EV_ANONYMOUS_GTID:
	case BP_EV_GTID_TAGGED: {
		const bp_ev_gtid *g = &ev->gtid;
		kv_u64(b, "gtid_flags", g->flags);
		uuid(b, "sid", g->sid);
		kv_i64(b, "gno", g->gno);
		if (g->tag)
			kv_cstr(b, "tag", g->tag);
		if (g->has_logical_clock) {
			kv_i64(b, "last_committed", g->last_committed);
			kv_i64(b, "sequence_number", g->sequence_number);
		}
		if (g->has_commit_ts) {
			kv_u64(b, "immediate_commit_timestamp", g->immediate_commit_ts);
			kv_u64(b, "original_commit_timestamp", g->original_commit_ts);
		}
		if (g->has_trx_length)
			kv_u64(b, "transaction_length", g->trx_length);
		if (g->immediate_server_version) {
			kv_u64(b, "immediate_server_version", g->immediate_server_version);
			kv_u64(b, "original_server_version", g->original_server_version);
		}
		break;
	}
	case BP_EV_PREVIOUS_GTIDS:
		kv_cstr(b, "gtid_set", ev->prev_gtids.text);
		break;
	case BP_EV_XA_PREPARE:
		kv_bool(b, "one_phase", ev->xa_prepare.one_phase);
		kv_i64(b, "format_id", ev->xa_prepare.format_id);
		kv_str(b, "gtrid", (const char *)ev->xa_prepare.gtrid, ev->xa_prepare.gtrid_len);
		kv_str(b, "bqual", (const char *)ev->xa_prepare.bqual, ev->xa_prepare.bqual_len);
		break;
	case BP_EV_TRANSACTION_PAYLOAD:
		key(b, "compression");
		bp_buf_adds(b, ev->payload.compression_type == 0 ? "\"ZSTD\"" : ev->payload.compression_type == 255 ? "\"NONE\"" : "\"UNKNOWN\"");
		kv_u64(b, "payload_size", ev->payload.data_len);
		kv_u64(b, "uncompressed_size", ev->payload.uncompressed_size);
		break;
	case BP_EV_MARIADB_GTID: {
		const bp_ev_mariadb_gtid *g = &ev->mgtid;
		key(b, "gtid");
		bp_buf_addf(b, "\"%u-%u-%" PRIu64 "\"", g->domain_id, ev->h.server_id, g->seq_no);
		kv_u64(b, "domain_id", g->domain_id);
		kv_u64(b, "seq_no", g->seq_no);
		kv_u64(b, "flags2", g->flags2);
		kv_bool(b, "standalone", g->flags2 & 1);
		if (g->has_commit_id)
			kv_u64(b, "commit_id", g->commit_id);
		if (g->is_xa) {
			kv_i64(b, "xa_format_id", g->xa_format_id);
			kv_str(b, "xa_gtrid", (const char *)g->xa_gtrid, g->xa_gtrid_len);
			kv_str(b, "xa_bqual", (const char *)g->xa_bqual, g->xa_bqual_len);
		}
		break;
	}
	case BP_EV_MARIADB_GTID_LIST:
		kv_u64(b, "count", ev->mgtid_list.count);
		kv_cstr(b, "gtid_list", ev->mgtid_list.text);
		break;
	case BP_EV_BINLOG_CHECKPOINT:
		kv_cstr(b, "log_file", ev->checkpoint.log_file);
		break;
	case BP_EV_START_ENCRYPTION:
		kv_u64(b, "scheme", ev->start_enc.scheme);
		kv_u64(b, "key_version", ev->start_enc.key_version);
		break;
	case BP_EV_QUERY:
	case BP_EV_QUERY_COMPRESSED:
	case BP_EV_EXECUTE_LOAD_QUERY:
		query_json(b, &ev->query);
		if (ev->h.type == BP_EV_EXECUTE_LOAD_QUERY) {
			kv_u64(b, "file_id", ev->query.file_id);
			kv_u64(b, "fn_pos_start", ev->query.fn_pos_start);
			kv_u64(b, "fn_pos_end", ev->query.fn_pos_end);
			kv_u64(b, "dup_handling", ev->query.dup_handling);
		}
		break;
	case BP_EV_APPEND_BLOCK:
	case BP_EV_BEGIN_LOAD_QUERY:
	case BP_EV_EXEC_LOAD:
	case BP_EV_DELETE_FILE:
		kv_u64(b, "file_id", ev->block.file_id);
		kv_u64(b, "data_length", ev->block.data_len);
		break;
	case BP_EV_LOAD:
	case BP_EV_NEW_LOAD:
	case BP_EV_CREATE_FILE:
		kv_u64(b, "thread_id", ev->load.thread_id);
		kv_cstr(b, "db", ev->load.db);
		kv_cstr(b, "table", ev->load.table);
		kv_cstr(b, "file_name", ev->load.file_name);
		if (ev->h.type == BP_EV_CREATE_FILE)
			kv_u64(b, "file_id", ev->load.file_id);
		break;
	case BP_EV_ROWS_QUERY:
	case BP_EV_ANNOTATE_ROWS:
		kv_str(b, "query", ev->text.text, ev->text.len);
		break;
	case BP_EV_TABLE_MAP:
		table_map_json(b, ev->table_map);
		break;
	default:
		if (bp_event_is_rows(ev->h.type)) {
			const bp_ev_rows *r = &ev->rows;
			kv_u64(b, "table_id", r->table_id);
			kv_u64(b, "rows_flags", r->flags);
			kv_u64(b, "width", r->n_columns);
			kv_cstr(b, "db", r->map ? r->map->db : NULL);
			kv_cstr(b, "table", r->map ? r->map->table : NULL);
			if (schema_note)
				kv_cstr(b, "schema", schema_note);
			if (names && r->map) {
				key(b, "columns");
				bp_buf_addc(b, '[');
				for (uint32_t i = 0; i < r->n_columns; i++) {
					if (i)
						bp_buf_addc(b, ',');
					bp_buf_add_json_cstr(b, names[i]);
				}
				bp_buf_addc(b, ']');
			}
			if (r->undecoded) {
				key(b, "rows");
				bp_buf_adds(b, "null");
				kv_cstr(b, "undecoded", r->undecoded);
				break;
			}
			key(b, "rows");
			bp_buf_addc(b, '[');
			for (uint32_t i = 0; i < r->n_rows; i++) {
				const bp_row *row = &r->row[i];
				if (i)
					bp_buf_addc(b, ',');
				bp_buf_addc(b, '{');
				if (row->before) {
					bp_buf_adds(b, "\"before\":");
					image_json(b, r->map, r->n_columns, row->before, row->before_present, NULL);
				}
				if (row->after) {
					if (row->before)
						bp_buf_addc(b, ',');
					bp_buf_adds(b, "\"after\":");
					image_json(b, r->map, r->n_columns, row->after, row->after_present, row->json_diff);
				}
				bp_buf_addc(b, '}');
			}
			bp_buf_addc(b, ']');
		} else if (ev->ignorable_unknown) {
			kv_bool(b, "ignored", true);
		}
		break;
	}
	bp_buf_adds(b, "}\n");
}

/* ---- text ----------------------------------------------------------------- */

static void quoted_ident(bp_buf *b, const char *s)
{
	bp_buf_addc(b, '`');
	for (; *s; s++) {
		if (*s == '`')
			bp_buf_addc(b, '`');
		bp_buf_addc(b, *s);
	}
	bp_buf_addc(b, '`');
}

/* A partial JSON update as mysqlbinlog -v prints it: JSON_REPLACE(@2, '$.a', 1),
 * nested for several diffs; undecodable diff bytes as X'..'. */
static void json_diff_text(bp_buf *b, unsigned col, const uint8_t *p, size_t n)
{
	static const char *const fn[] = { "JSON_REPLACE(", "JSON_INSERT(", "JSON_REMOVE(" };
	uint8_t ops[256];
	size_t k = 0, mark = b->len;
	bp_cursor c;
	/* first pass: the operations, to open the nested calls (the last diff is outermost) */
	bp_cur_init(&c, p, n);
	while (bp_cur_left(&c) && !c.err && k < sizeof(ops)) {
		uint8_t op = bp_cur_u8(&c);
		bp_cur_skip(&c, bp_cur_packed(&c, NULL));
		if (op != 2)
			bp_cur_skip(&c, bp_cur_packed(&c, NULL));
		if (op > 2)
			bp_cur_fail(&c);
		ops[k++] = op;
	}
	if (c.err || bp_cur_left(&c))
		goto bad;
	while (k)
		bp_buf_adds(b, fn[ops[--k]]);
	bp_buf_addf(b, "@%u", col);
	bp_cur_init(&c, p, n);
	while (bp_cur_left(&c)) {
		uint8_t op = bp_cur_u8(&c);
		uint64_t pl = bp_cur_packed(&c, NULL);
		const uint8_t *path = bp_cur_bytes(&c, pl);
		bp_buf_adds(b, ", '");
		bp_buf_add(b, path, pl);
		bp_buf_addc(b, '\'');
		if (op != 2) {
			uint64_t vl = bp_cur_packed(&c, NULL);
			const uint8_t *v = bp_cur_bytes(&c, vl);
			bp_buf_adds(b, ", ");
			if (bp_json_binary_to_text(b, v, vl) < 0)
				goto bad;
		}
		bp_buf_addc(b, ')');
	}
	return;
bad:
	b->len = mark;
	bp_buf_adds(b, "X'");
	bp_buf_addhex(b, p, n);
	bp_buf_addc(b, '\'');
}

static void image_text(bp_buf *b, const bp_table_map *m, uint32_t width, const bp_value *v, const bool *present,
		       const bool *diff, const char *const *names)
{
	for (uint32_t i = 0; i < width; i++) {
		if (!present[i])
			continue;
		bp_buf_addf(b, "###   @%u=", i + 1);
		if (diff && diff[i])
			json_diff_text(b, i + 1, v[i].p, v[i].n);
		else
			bp_value_text(b, &v[i], &m->columns[i]);
		if (names)
			bp_buf_addf(b, " /* %s */", names[i]);
		bp_buf_addc(b, '\n');
	}
}

void bp_event_text(bp_buf *b, const char *file, const bp_event *ev) { bp_event_text_ex(b, file, ev, NULL, NULL); }

void bp_event_text_ex(bp_buf *b, const char *file, const bp_event *ev, const char *const *names,
		      const char *schema_note)
{
	char when[32];
	time_t t = (time_t)ev->h.timestamp;
	struct tm tmv;
	gmtime_r(&t, &tmv);
	snprintf(when, sizeof(when), "%02d%02d%02d %2d:%02d:%02d", tmv.tm_year % 100, tmv.tm_mon + 1, tmv.tm_mday,
		 tmv.tm_hour, tmv.tm_min, tmv.tm_sec);
	if (ev->in_payload)
		bp_buf_addf(b, "# at %" PRIu64 " (in TRANSACTION_PAYLOAD at %" PRIu64 ")\n", ev->pos, ev->payload_pos);
	else
		bp_buf_addf(b, "# at %" PRIu64 "\n", ev->pos);
	bp_buf_addf(b, "#%s server id %u  end_log_pos %u  ", when, ev->h.server_id, ev->h.next_pos);
	type_name(b, ev->h.type);
	switch (ev->h.type) {
	case BP_EV_FORMAT_DESCRIPTION:
	case BP_EV_START_V3:
		bp_buf_addf(b, "  binlog v %u, server v %s\n", ev->fde.binlog_version, ev->fde.server_version);
		break;
	case BP_EV_QUERY:
	case BP_EV_QUERY_COMPRESSED:
	case BP_EV_EXECUTE_LOAD_QUERY:
		bp_buf_addf(b, "  thread_id=%u  exec_time=%u  error_code=%u\n", ev->query.thread_id, ev->query.exec_time,
			    ev->query.error_code);
		if (ev->query.db_len)
			bp_buf_addf(b, "use `%s`/*!*/;\n", ev->query.db);
		bp_buf_add(b, ev->query.query, ev->query.query_len);
		bp_buf_adds(b, "\n/*!*/;\n");
		break;
	case BP_EV_ROTATE:
		bp_buf_addf(b, "  to %s  pos: %" PRIu64 "\n", ev->rotate.next_file, ev->rotate.position);
		break;
	case BP_EV_XID:
		bp_buf_addf(b, " = %" PRIu64 "\nCOMMIT/*!*/;\n", ev->xid.xid);
		break;
	case BP_EV_INTVAR:
		bp_buf_addf(b, "\nSET %s=%" PRIu64 "/*!*/;\n", ev->intvar.type == 1 ? "LAST_INSERT_ID" : "INSERT_ID",
			    ev->intvar.value);
		break;
	case BP_EV_MARIADB_GTID:
		bp_buf_addf(b, " %u-%u-%" PRIu64 "%s\n", ev->mgtid.domain_id, ev->h.server_id, ev->mgtid.seq_no,
			    (ev->mgtid.flags2 & 1) ? "" : " trans");
		break;
	case BP_EV_MARIADB_GTID_LIST:
		bp_buf_addf(b, " [%s]\n", ev->mgtid_list.text);
		break;
	case BP_EV_PREVIOUS_GTIDS:
		bp_buf_addf(b, " %s\n", ev->prev_gtids.text);
		break;
	case BP_EV_TABLE_MAP:
		bp_buf_addf(b, ": `%s`.`%s` mapped to number %" PRIu64 "\n", ev->table_map->db, ev->table_map->table,
			    ev->table_map->table_id);
		break;
	case BP_EV_ROWS_QUERY:
	case BP_EV_ANNOTATE_ROWS:
		bp_buf_adds(b, "\n# ");
		bp_buf_add(b, ev->text.text, ev->text.len);
		bp_buf_addc(b, '\n');
		break;
	default:
		if (bp_event_is_rows(ev->h.type)) {
			const bp_ev_rows *r = &ev->rows;
			bp_buf_addf(b, ": table id %" PRIu64 "%s\n", r->table_id, (r->flags & BP_ROWS_STMT_END_F) ? " flags: STMT_END_F" : "");
			if (r->undecoded) {
				bp_buf_addf(b, "# rows not decoded: %s\n", r->undecoded);
				break;
			}
			if (schema_note)
				bp_buf_addf(b, "# schema: %s\n", schema_note);
			for (uint32_t i = 0; i < r->n_rows; i++) {
				const bp_row *row = &r->row[i];
				switch (r->kind) {
				case 'W':
					bp_buf_adds(b, "### INSERT INTO ");
					break;
				case 'D':
					bp_buf_adds(b, "### DELETE FROM ");
					break;
				default:
					bp_buf_adds(b, "### UPDATE ");
					break;
				}
				quoted_ident(b, r->map->db);
				bp_buf_addc(b, '.');
				quoted_ident(b, r->map->table);
				bp_buf_addc(b, '\n');
				if (row->before) {
					bp_buf_adds(b, "### WHERE\n");
					image_text(b, r->map, r->n_columns, row->before, row->before_present, NULL, names);
				}
				if (row->after) {
					bp_buf_adds(b, "### SET\n");
					image_text(b, r->map, r->n_columns, row->after, row->after_present, row->json_diff, names);
				}
			}
		} else {
			bp_buf_addc(b, '\n');
		}
		break;
	}
}
