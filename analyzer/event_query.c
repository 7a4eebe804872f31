/*
 * event_query.c: statement events (QUERY, MariaDB QUERY_COMPRESSED,
 * EXECUTE_LOAD_QUERY) and the old LOAD DATA family.
 *
 * QUERY layout:
 *   P  thread_id 4, exec_time 4, db_len 1, error_code 2, status_vars_len 2 (v4; absent
 *      when the post-header is 11 bytes, 3.23/4.x), [EXECUTE_LOAD_QUERY: file_id 4,
 *      fn_pos_start 4, fn_pos_end 4, dup_handling 1]
 *   B  status variables (status_vars_len bytes: code 1, value), db (db_len) + NUL, query text
 * QUERY_COMPRESSED: the query text is MariaDB-compressed (see bp_mariadb_uncompress).
 * Status variable codes follow MySQL libs/mysql/binlog/event/statement_events.h
 * (0..20) and MariaDB sql/log_event.h (128 Q_HRNOW .. 131, 255 Q_DUMMY).
 * An unknown code ends the walk (its length is unknown), as the servers do; the db
 * and query are then found from status_vars_len, so nothing after is misread.
 *
 * Old LOAD family (MySQL 3.23-5.0):
 *   LOAD/NEW_LOAD  P: thread_id 4, exec_time 4, skip_lines 4, table_len 1, db_len 1,
 *                  n_fields 4; B: sql_ex, field lengths, field names, table, db, file name
 *   CREATE_FILE    LOAD layout + P: file_id 4; B: ... + data block
 *   APPEND_BLOCK / BEGIN_LOAD_QUERY  P: file_id 4; B: data
 *   EXEC_LOAD / DELETE_FILE          P: file_id 4
 */
#include "decode.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

static int nomem(bp_err *err) { return BP_ERR_SET(err, BP_E_NOMEM, "out of memory"); }

static const char *len1_str(bp_decoder *d, bp_cursor *c)
{
	uint8_t n = bp_cur_u8(c);
	const uint8_t *p = bp_cur_bytes(c, n);
	return p ? bp_arena_strndup(&d->arena, (const char *)p, n) : NULL;
}

/* Walk the status variables in [p, p+n). */
static void status_vars(bp_decoder *d, bp_ev_query *q, const uint8_t *p, size_t n)
{
	bp_cursor c;
	bp_cur_init(&c, p, n);
	while (bp_cur_left(&c) > 0 && !c.err) {
		uint8_t code = bp_cur_u8(&c);
		switch (code) {
		case 0: q->has_flags2 = true; q->flags2 = bp_cur_u32(&c); break;
		case 1: q->has_sql_mode = true; q->sql_mode = bp_cur_u64(&c); break;
		case 2: { /* Q_CATALOG_CODE (5.0.0-5.0.3): len, string, NUL */
			q->catalog = len1_str(d, &c);
			bp_cur_skip(&c, 1);
			break;
		}
		case 3:
			q->has_auto_increment = true;
			q->auto_increment_increment = bp_cur_u16(&c);
			q->auto_increment_offset = bp_cur_u16(&c);
			break;
		case 4:
			q->has_charset = true;
			q->charset_client = bp_cur_u16(&c);
			q->collation_connection = bp_cur_u16(&c);
			q->collation_server = bp_cur_u16(&c);
			break;
		case 5: q->time_zone = len1_str(d, &c); break;
		case 6: q->catalog = len1_str(d, &c); break;
		case 7: q->has_lc_time_names = true; q->lc_time_names = bp_cur_u16(&c); break;
		case 8: q->has_charset_database = true; q->collation_database = bp_cur_u16(&c); break;
		case 9: q->has_table_map_for_update = true; q->table_map_for_update = bp_cur_u64(&c); break;
		case 10: q->has_master_data_written = true; q->master_data_written = bp_cur_u32(&c); break;
		case 11:
			q->invoker_user = len1_str(d, &c);
			q->invoker_host = len1_str(d, &c);
			break;
		case 12: { /* Q_UPDATED_DB_NAMES */
			uint8_t cnt = bp_cur_u8(&c);
			if (cnt == 254) /* OVER_MAX_DBS_IN_EVENT_MTS */
				break;
			for (uint8_t i = 0; i < cnt && !c.err; i++) {
				const uint8_t *s = c.p;
				const uint8_t *z = memchr(s, 0, bp_cur_left(&c));
				if (!z) {
					bp_cur_fail(&c);
					break;
				}
				if (q->n_updated_dbs < 16)
					q->updated_dbs[q->n_updated_dbs++] =
						bp_arena_strndup(&d->arena, (const char *)s, (size_t)(z - s));
				bp_cur_skip(&c, (size_t)(z - s) + 1);
			}
			break;
		}
		case 13: q->has_microseconds = true; q->microseconds = bp_cur_u24(&c); break;
		case 14: q->has_commit_ts = true; bp_cur_skip(&c, 8); break; /* Q_COMMIT_TS (5.7 labs) */
		case 15: q->has_commit_ts = true; bp_cur_skip(&c, 8); break; /* Q_COMMIT_TS2 */
		case 16: q->has_explicit_defaults_ts = true; q->explicit_defaults_ts = bp_cur_u8(&c); break;
		case 17: q->has_ddl_xid = true; q->ddl_xid = bp_cur_u64(&c); break;
		case 18: q->has_default_collation = true; q->default_collation_for_utf8mb4 = bp_cur_u16(&c); break;
		case 19: q->has_sql_require_pk = true; q->sql_require_primary_key = bp_cur_u8(&c); break;
		case 20: q->has_default_table_encryption = true; q->default_table_encryption = bp_cur_u8(&c); break;
		case 128: q->has_hrnow = true; q->hrnow_usec = bp_cur_u24(&c); break;       /* Q_HRNOW */
		case 129: q->has_xid = true; q->xid = bp_cur_u64(&c); break;                /* Q_XID */
		case 130: {                                                                /* Q_GTID_FLAGS3 */
			q->has_gtid_flags3 = true;
			q->gtid_flags3 = bp_cur_u8(&c);
			if (q->gtid_flags3 & (4 | 8)) { /* FL_COMMIT_ALTER_E1, FL_ROLLBACK_ALTER_E1 */
				q->has_sequence_no = true;
				q->sequence_no = bp_cur_u64(&c);
			}
			break;
		}
		case 131: { /* Q_CHARACTER_SET_COLLATIONS (MariaDB 11.2+): count 1, count * 4 */
			q->has_character_set_collations = true;
			uint8_t cnt = bp_cur_u8(&c);
			bp_cur_skip(&c, (size_t)cnt * 4);
			break;
		}
		case 255: /* Q_DUMMY: test padding, runs to the end */
			return;
		default:
			return; /* unknown code: its length is unknown, stop here */
		}
	}
}

int bp_mariadb_uncompress(bp_decoder *d, const uint8_t *p, size_t n, const uint8_t **out, size_t *outlen)
{
	if (n < 1 || (p[0] & 0xe0) != 0x80)
		return -1;
	unsigned lenlen = p[0] & 0x07;
	unsigned alg = (p[0] & 0x70) >> 4;
	if (alg != 0 || lenlen < 1 || lenlen > 4 || n < 1 + lenlen)
		return -1;
	uint32_t len = (uint32_t)bp_be(p + 1, lenlen);
	if (len > BP_MAX_EVENT_SIZE)
		return -1;
	if (d->zcap < (size_t)len + 1) {
		size_t nc = (size_t)len + 1 < 4096 ? 4096 : (size_t)len + 1;
		uint8_t *z = realloc(d->zbuf, nc);
		if (!z)
			return -1;
		d->zbuf = z;
		d->zcap = nc;
	}
	uLongf dl = len;
	if (uncompress(d->zbuf, &dl, p + 1 + lenlen, (uLong)(n - 1 - lenlen)) != Z_OK || dl != len)
		return -1;
	*out = d->zbuf;
	*outlen = len;
	return 0;
}

int bp_decode_query(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_query *q = &ev->query;
	unsigned ph = bp_format_post_header(&d->fmt, ev->h.type);
	const uint8_t *start = c->p;
	uint16_t svlen = 0;

	if (ev->h.type == BP_EV_QUERY_COMPRESSED && ph == 0)
		ph = bp_format_post_header(&d->fmt, BP_EV_QUERY);
	q->thread_id = bp_cur_u32(c);
	q->exec_time = bp_cur_u32(c);
	uint8_t db_len = bp_cur_u8(c);
	q->error_code = bp_cur_u16(c);
	if (ph >= 13)
		svlen = bp_cur_u16(c);
	if (ev->h.type == BP_EV_EXECUTE_LOAD_QUERY) {
		q->file_id = bp_cur_u32(c);
		q->fn_pos_start = bp_cur_u32(c);
		q->fn_pos_end = bp_cur_u32(c);
		q->dup_handling = bp_cur_u8(c);
	}
	if (c->err)
		return bp_decode_short(err, ev, c, "query post-header");
	if ((size_t)(c->p - start) < ph)
		bp_cur_skip(c, ph - (size_t)(c->p - start));
	const uint8_t *sv = bp_cur_bytes(c, svlen);
	if (c->err)
		return bp_decode_short(err, ev, c, "status variables");
	status_vars(d, q, sv, svlen);
	const uint8_t *db = bp_cur_bytes(c, (size_t)db_len + 1);
	if (c->err)
		return bp_decode_short(err, ev, c, "database name");
	q->db = bp_arena_strndup(&d->arena, (const char *)db, db_len);
	q->db_len = db_len;
	if (!q->db)
		return nomem(err);
	if (ev->h.type == BP_EV_QUERY_COMPRESSED) {
		const uint8_t *out;
		size_t outlen;
		if (bp_mariadb_uncompress(d, c->p, bp_cur_left(c), &out, &outlen))
			return BP_ERR_SET(err, BP_E_CORRUPT,
					  "corrupt QUERY_COMPRESSED event: query text does not decompress");
		q->query = (const char *)out;
		q->query_len = (uint32_t)outlen;
	} else {
		q->query = (const char *)c->p;
		q->query_len = (uint32_t)bp_cur_left(c);
	}
	if (ev->h.type == BP_EV_EXECUTE_LOAD_QUERY &&
	    (q->fn_pos_start > q->fn_pos_end || q->fn_pos_end > q->query_len))
		return BP_ERR_SET(err, BP_E_CORRUPT,
				  "corrupt EXECUTE_LOAD_QUERY event: file name at %u..%u outside the %u-byte query",
				  q->fn_pos_start, q->fn_pos_end, q->query_len);
	return 0;
}

int bp_decode_load(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	unsigned ph = bp_format_post_header(&d->fmt, ev->h.type);
	const uint8_t *start = c->p;

	switch (ev->h.type) {
	case BP_EV_APPEND_BLOCK:
	case BP_EV_BEGIN_LOAD_QUERY:
	case BP_EV_EXEC_LOAD:
	case BP_EV_DELETE_FILE:
		ev->block.file_id = bp_cur_u32(c);
		if ((size_t)(c->p - start) < ph)
			bp_cur_skip(c, ph - (size_t)(c->p - start));
		if (c->err)
			return bp_decode_short(err, ev, c, "load block");
		ev->block.data = c->p;
		ev->block.data_len = (uint32_t)bp_cur_left(c);
		return 0;
	default:
		break;
	}
	/* LOAD, NEW_LOAD, CREATE_FILE */
	bp_ev_load *l = &ev->load;
	l->thread_id = bp_cur_u32(c);
	l->exec_time = bp_cur_u32(c);
	l->skip_lines = bp_cur_u32(c);
	uint8_t table_len = bp_cur_u8(c);
	uint8_t db_len = bp_cur_u8(c);
	l->n_fields = bp_cur_u32(c);
	if (ev->h.type == BP_EV_CREATE_FILE) {
		/* v3+: the load post-header (18) is followed by file_id in the post-header area */
		l->file_id = bp_cur_u32(c);
	}
	if (c->err)
		return bp_decode_short(err, ev, c, "load post-header");
	unsigned want = ev->h.type == BP_EV_CREATE_FILE ? 22 : 18;
	if (ph > want && (size_t)(c->p - start) < ph)
		bp_cur_skip(c, ph - (size_t)(c->p - start));
	/* sql_ex: old format (LOAD) is 7 fixed bytes; new format is 5 length-prefixed strings + opt flags */
	if (ev->h.type == BP_EV_LOAD) {
		bp_cur_skip(c, 7);
	} else {
		for (int i = 0; i < 5 && !c->err; i++) {
			uint8_t n = bp_cur_u8(c);
			bp_cur_skip(c, n);
		}
		bp_cur_skip(c, 1); /* opt_flags */
	}
	if (l->n_fields > bp_cur_left(c))
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: %u fields in %zu bytes",
				  bp_event_type_name(ev->h.type), l->n_fields, bp_cur_left(c));
	const uint8_t *flen = bp_cur_bytes(c, l->n_fields);
	size_t names = 0;
	for (uint32_t i = 0; flen && i < l->n_fields; i++)
		names += (size_t)flen[i] + 1;
	bp_cur_skip(c, names);
	const uint8_t *table = bp_cur_bytes(c, (size_t)table_len + 1);
	const uint8_t *db = bp_cur_bytes(c, (size_t)db_len + 1);
	if (c->err)
		return bp_decode_short(err, ev, c, "load body");
	l->table = bp_arena_strndup(&d->arena, (const char *)table, table_len);
	l->db = bp_arena_strndup(&d->arena, (const char *)db, db_len);
	/* the file name runs to the end (LOAD) or to a NUL before the data block (CREATE_FILE) */
	const uint8_t *fn = c->p;
	size_t fnlen = bp_cur_left(c);
	const uint8_t *z = memchr(fn, 0, fnlen);
	if (z)
		fnlen = (size_t)(z - fn);
	l->file_name = bp_arena_strndup(&d->arena, (const char *)fn, fnlen);
	if (!l->table || !l->db || !l->file_name)
		return nomem(err);
	return 0;
}
