/*
 * event_control.c: control and transaction-boundary events.
 *
 * Layouts (after the common header; P = post-header, B = body):
 *   FORMAT_DESCRIPTION  P: binlog_version 2, server_version 50, create_ts 4,
 *                       header_len 1, post_header_len[n]; B: checksum_alg 1 + crc 4
 *                       (servers >= MySQL 5.6.1 / MariaDB 5.3; the 4 bytes exist even for NONE)
 *   START_V3            binlog_version 2, server_version 50, create_ts 4 (v1: 13-byte header)
 *   ROTATE              P: position 8 (v3+); B: next file name
 *   INTVAR              type 1, value 8          RAND   seed1 8, seed2 8
 *   USER_VAR            name_len 4, name, is_null 1, [type 1, charset 4, len 4, value, flags 1?]
 *   XID                 xid 8                    INCIDENT  P: type 2; B: len 1, message
 *   GTID/ANONYMOUS_GTID P: flags 1, sid 16, gno 8, [lt_type 1, last_committed 8, seq 8];
 *                       B (8.0): immediate_commit_ts 7 (+original 7 when bit 55),
 *                       trx_length packed, immediate_server_version 4 (+original 4 when bit 31)
 *   PREVIOUS_GTIDS      n_sids 8 (top byte: format, 1 = tagged), per sid: uuid 16, [tag],
 *                       n_intervals 8, (start 8, end 8)...
 *   XA_PREPARE          one_phase 1, format_id 4, gtrid_len 4, bqual_len 4, data
 *   TRANSACTION_PAYLOAD TLV fields (type packed, length packed, value), end mark 0, data
 *   MariaDB GTID        seq_no 8, domain_id 4, flags2 1, [commit_id 8], [xa: format_id 4,
 *                       gtrid_len 1, bqual_len 1, data], [flags_extra 1, ...]
 *   MariaDB GTID_LIST   count:28 | flags:4 (4), then (domain 4, server_id 4, seq_no 8)*
 *   BINLOG_CHECKPOINT   P: name_len 4; B: name
 *   START_ENCRYPTION    scheme 1, key_version 4, nonce 12
 *   ROWS_QUERY          len 1 (ignored), text      ANNOTATE_ROWS  text
 * Follows MySQL libs/mysql/binlog/event/control_events.cpp and MariaDB sql/log_event.cc.
 */
#include "decode.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "../common/buf.h"

static const char *arena_str(bp_decoder *d, const uint8_t *p, size_t n)
{
	/* names in events may carry trailing NULs */
	while (n && p[n - 1] == 0)
		n--;
	return bp_arena_strndup(&d->arena, (const char *)p, n);
}

static void uuid_text(bp_buf *b, const uint8_t u[16])
{
	static const char hx[] = "0123456789abcdef";
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			bp_buf_addc(b, '-');
		bp_buf_addc(b, hx[u[i] >> 4]);
		bp_buf_addc(b, hx[u[i] & 15]);
	}
}

static int nomem(bp_err *err) { return BP_ERR_SET(err, BP_E_NOMEM, "out of memory"); }

int bp_decode_fde(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_fde *f = &ev->fde;

	if (ev->h.type == BP_EV_START_V3) {
		/* v1 (3.23) START has a 13-byte header: 13 + 56 = 69 bytes */
		if (ev->raw_len < 75) {
			c->p = c->base + 13;
			ev->body_off = 13;
			/* no log_pos/flags in a v1 header: bytes 13..18 were the body */
			ev->h.next_pos = 0;
			ev->h.flags = 0;
		}
		f->binlog_version = bp_cur_u16(c);
		const uint8_t *sv = bp_cur_bytes(c, 50);
		f->create_timestamp = bp_cur_u32(c);
		if (c->err)
			return bp_decode_short(err, ev, c, "start_v3");
		memcpy(f->server_version, sv, 50);
		f->server_version[50] = 0;
		if (f->binlog_version != 1 && f->binlog_version != 2 && f->binlog_version != 3)
			return BP_ERR_SET(err, BP_E_UNSUPPORTED, "START_V3 event with binlog version %u",
					  f->binlog_version);
		bp_format_set_v1v3(&d->fmt, f->binlog_version == 1 ? 1 : 3, f->server_version);
		f->header_len = d->fmt.header_len;
		f->checksum_alg = BP_CHECKSUM_UNDEF;
		return 0;
	}

	f->binlog_version = bp_cur_u16(c);
	const uint8_t *sv = bp_cur_bytes(c, 50);
	f->create_timestamp = bp_cur_u32(c);
	f->header_len = bp_cur_u8(c);
	if (c->err)
		return bp_decode_short(err, ev, c, "format description");
	memcpy(f->server_version, sv, 50);
	f->server_version[50] = 0;
	if (f->binlog_version != 4)
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "format description with binlog version %u",
				  f->binlog_version);
	if (f->header_len < 19)
		return BP_ERR_SET(err, BP_E_CORRUPT, "format description with header length %u (< 19)",
				  f->header_len);
	size_t left = bp_cur_left(c);
	bool has_alg = bp_format_version_has_checksum(f->server_version);
	if (has_alg) {
		if (left < 5)
			return BP_ERR_SET(err, BP_E_CORRUPT, "format description too short for its checksum");
		f->checksum_alg = c->end[-5];
		left -= 5;
		ev->data_len = ev->raw_len - 4;
	} else {
		f->checksum_alg = BP_CHECKSUM_UNDEF;
	}
	if (f->checksum_alg != BP_CHECKSUM_NONE && f->checksum_alg != BP_CHECKSUM_CRC32 &&
	    f->checksum_alg != BP_CHECKSUM_UNDEF)
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "format description with unknown checksum algorithm %u",
				  f->checksum_alg);
	if (left > 255)
		left = 255;
	f->n_post_header = (uint16_t)left;
	f->post_header = bp_cur_bytes(c, left);
	if (left < 13) /* fewer than MySQL 5.0.0 listed: not a format we can read */
		return BP_ERR_SET(err, BP_E_CORRUPT, "format description lists only %zu post-header lengths", left);

	/* the new format applies to the events after this one */
	bp_format_init(&d->fmt);
	d->fmt.binlog_version = 4;
	d->fmt.header_len = f->header_len;
	d->fmt.checksum_alg = f->checksum_alg;
	memcpy(d->fmt.server_version, f->server_version, sizeof(f->server_version));
	d->fmt.mariadb = strstr(f->server_version, "MariaDB") != NULL;
	d->fmt.version_product = bp_version_product(f->server_version);
	for (size_t i = 0; i < left; i++)
		d->fmt.post_header[i] = f->post_header[i];
	d->fmt.n_post_header = f->n_post_header;
	d->fmt.known = true;
	bp_format_apply_permutation(&d->fmt);
	/* a new FDE starts a new log (or a new source in a relay log): table ids restart */
	bp_tmcache_clear(d->tables);
	return 0;
}

static int decode_gtid(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_gtid *g = &ev->gtid;
	uint8_t ph = bp_format_post_header(&d->fmt, ev->h.type);
	const uint8_t *start = c->p;

	g->flags = bp_cur_u8(c);
	const uint8_t *sid = bp_cur_bytes(c, 16);
	g->gno = (int64_t)bp_cur_u64(c);
	if (c->err)
		return bp_decode_short(err, ev, c, "gtid");
	memcpy(g->sid, sid, 16);
	if (bp_cur_left(c) >= 17 && (ph == 0 || ph >= 42)) {
		uint8_t lt = bp_cur_u8(c);
		if (lt == 2) {
			g->has_logical_clock = true;
			g->last_committed = (int64_t)bp_cur_u64(c);
			g->sequence_number = (int64_t)bp_cur_u64(c);
		}
	}
	/* skip any post-header bytes we do not know */
	if (ph && (size_t)(c->p - start) < ph)
		bp_cur_skip(c, ph - (size_t)(c->p - start));
	if (bp_cur_left(c) >= 7) {
		uint64_t ts = bp_cur_uint(c, 7);
		g->has_commit_ts = true;
		if (ts & (1ULL << 55)) {
			g->immediate_commit_ts = ts & ~(1ULL << 55);
			g->original_commit_ts = bp_cur_uint(c, 7);
		} else {
			g->immediate_commit_ts = g->original_commit_ts = ts;
		}
		if (bp_cur_left(c) >= 1) {
			g->trx_length = bp_cur_packed(c, NULL);
			g->has_trx_length = !c->err;
		}
		if (bp_cur_left(c) >= 4) {
			uint32_t v = bp_cur_u32(c);
			if (v & (1u << 31)) {
				g->immediate_server_version = v & ~(1u << 31);
				g->original_server_version = bp_cur_u32(c);
			} else {
				g->immediate_server_version = g->original_server_version = v;
			}
		}
	}
	/* later fields (commit_group_ticket, ...) are ignored */
	if (c->err)
		return bp_decode_short(err, ev, c, "gtid body");
	return 0;
}

/*
 * GTID_TAGGED (MySQL 8.3+) is written with the mysql::serialization framework:
 * a message of (field id, value) pairs with variable-length integers. We read
 * the fields binprime reports: uuid, gno, tag, logical clock, commit timestamps.
 * Varlen integer: the number of trailing one-bits in the first byte, plus one,
 * gives the byte count (9 when the first byte is 0xff); signed values are zigzag.
 */
static uint64_t read_varlen(bp_cursor *c)
{
	uint8_t first = bp_cur_u8(c);
	if (c->err)
		return 0;
	unsigned n = 1;
	while (n < 9 && (first & (1u << (n - 1))))
		n++;
	if (n == 1)
		return first >> 1;
	if (n == 9) {
		return bp_cur_u64(c);
	}
	uint64_t rest = bp_cur_uint(c, n - 1);
	return ((rest << 8) | first) >> n;
}

static int64_t zigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

static int decode_gtid_tagged(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_gtid *g = &ev->gtid;
	/* message: total size, last non-ignorable field id, then fields */
	uint64_t msg_size = read_varlen(c);
	(void)msg_size;
	(void)read_varlen(c); /* last_non_ignorable_field_id */
	int64_t last_id = -1;
	while (!c->err && bp_cur_left(c) > 0) {
		uint64_t id = read_varlen(c);
		if (c->err || (int64_t)id <= last_id)
			break;
		last_id = (int64_t)id;
		switch (id) {
		case 0: g->flags = (uint8_t)read_varlen(c); break;
		case 1: {
			const uint8_t *u = bp_cur_bytes(c, 16);
			if (u)
				memcpy(g->sid, u, 16);
			break;
		}
		case 2: g->gno = zigzag(read_varlen(c)); break;
		case 3: {
			uint64_t n = read_varlen(c);
			if (n > 32) {
				bp_cur_fail(c);
				break;
			}
			const uint8_t *t = bp_cur_bytes(c, n);
			if (t)
				g->tag = arena_str(d, t, n);
			break;
		}
		case 4: g->last_committed = zigzag(read_varlen(c)); g->has_logical_clock = true; break;
		case 5: g->sequence_number = zigzag(read_varlen(c)); break;
		case 6: g->immediate_commit_ts = read_varlen(c); g->has_commit_ts = true; break;
		case 7: g->original_commit_ts = read_varlen(c); break;
		case 8: g->trx_length = read_varlen(c); g->has_trx_length = true; break;
		case 9: g->immediate_server_version = (uint32_t)read_varlen(c); break;
		case 10: g->original_server_version = (uint32_t)read_varlen(c); break;
		default:
			(void)read_varlen(c); /* later integer fields (commit_group_ticket) */
			break;
		}
	}
	if (c->err)
		return bp_decode_short(err, ev, c, "gtid_tagged");
	if (!g->original_commit_ts)
		g->original_commit_ts = g->immediate_commit_ts;
	if (!g->original_server_version)
		g->original_server_version = g->immediate_server_version;
	return 0;
}

static int decode_previous_gtids(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_buf b = BP_BUF_INIT;
	/* untagged: n_sids 8 bytes; tagged (MySQL 8.3+): format 1, n_sids 6, format 1 */
	uint64_t n = bp_cur_u64(c);
	unsigned format = (unsigned)(n >> 56);
	if (format == 1)
		n = (n >> 8) & 0xffffffffffffULL;
	ev->prev_gtids.n_sids = n;
	if (n > bp_cur_left(c) / 24 + 1)
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt PREVIOUS_GTIDS event: %" PRIu64 " sids in %zu bytes",
				  n, bp_cur_left(c));
	for (uint64_t i = 0; i < n && !c->err; i++) {
		const uint8_t *u = bp_cur_bytes(c, 16);
		if (!u)
			break;
		if (i)
			bp_buf_addc(&b, ',');
		uuid_text(&b, u);
		if (format == 1) {
			uint64_t tl = read_varlen(c);
			if (tl > 32) {
				bp_cur_fail(c);
				break;
			}
			const uint8_t *t = bp_cur_bytes(c, tl);
			if (t && tl) {
				bp_buf_addc(&b, ':');
				bp_buf_add(&b, t, tl);
			}
		}
		uint64_t ni = bp_cur_u64(c);
		if (ni > bp_cur_left(c) / 16) {
			bp_cur_fail(c);
			break;
		}
		for (uint64_t k = 0; k < ni; k++) {
			uint64_t s = bp_cur_u64(c), e = bp_cur_u64(c);
			if (e == s + 1)
				bp_buf_addf(&b, ":%" PRIu64, s);
			else
				bp_buf_addf(&b, ":%" PRIu64 "-%" PRIu64, s, e - 1);
		}
	}
	if (c->err) {
		bp_buf_release(&b);
		return bp_decode_short(err, ev, c, "previous_gtids");
	}
	ev->prev_gtids.text = bp_arena_strndup(&d->arena, b.data ? b.data : "", b.len);
	bool oom = b.oom || !ev->prev_gtids.text;
	bp_buf_release(&b);
	return oom ? nomem(err) : 0;
}

static int decode_mariadb_gtid(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_mariadb_gtid *g = &ev->mgtid;
	g->seq_no = bp_cur_u64(c);
	g->domain_id = bp_cur_u32(c);
	g->flags2 = bp_cur_u8(c);
	if (c->err)
		return bp_decode_short(err, ev, c, "mariadb gtid");
	/* MariaDB Gtid_log_event::write: the optional parts follow flags2 directly;
	 * zero padding fills the event up to the 19-byte post-header when they are short */
	if (g->flags2 & 2) { /* FL_GROUP_COMMIT_ID */
		g->has_commit_id = true;
		g->commit_id = bp_cur_u64(c);
	}
	if (g->flags2 & (64 | 128)) { /* FL_PREPARED_XA, FL_COMPLETED_XA */
		g->is_xa = true;
		g->xa_format_id = (int32_t)bp_cur_u32(c);
		g->xa_gtrid_len = bp_cur_u8(c);
		g->xa_bqual_len = bp_cur_u8(c);
		if (g->xa_gtrid_len > 64 || g->xa_bqual_len > 64)
			bp_cur_fail(c);
		g->xa_gtrid = bp_cur_bytes(c, g->xa_gtrid_len);
		g->xa_bqual = bp_cur_bytes(c, g->xa_bqual_len);
	}
	/* flags_extra and what follows (10.5+ alter/multi-engine info, or the padding) are not needed */
	if (c->err)
		return bp_decode_short(err, ev, c, "mariadb gtid");
	return 0;
}

static int decode_mariadb_gtid_list(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	uint32_t v = bp_cur_u32(c);
	uint32_t n = v & 0x0fffffff;
	ev->mgtid_list.count = n;
	ev->mgtid_list.flags = (uint8_t)(v >> 28);
	if (c->err || (uint64_t)n * 16 > bp_cur_left(c))
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt MARIADB_GTID_LIST event: %u entries in %zu bytes",
				  n, bp_cur_left(c));
	bp_buf b = BP_BUF_INIT;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t dom = bp_cur_u32(c), sid = bp_cur_u32(c);
		uint64_t seq = bp_cur_u64(c);
		bp_buf_addf(&b, "%s%u-%u-%" PRIu64, i ? "," : "", dom, sid, seq);
	}
	ev->mgtid_list.text = bp_arena_strndup(&d->arena, b.data ? b.data : "", b.len);
	bool oom = b.oom || !ev->mgtid_list.text;
	bp_buf_release(&b);
	return oom ? nomem(err) : 0;
}

static int decode_payload(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_payload *p = &ev->payload;
	p->compression_type = 255;
	for (;;) {
		uint64_t type = bp_cur_packed(c, NULL);
		if (c->err)
			return bp_decode_short(err, ev, c, "payload header");
		if (type == 0) /* end mark */
			break;
		uint64_t len = bp_cur_packed(c, NULL);
		if (c->err || len > bp_cur_left(c))
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt TRANSACTION_PAYLOAD header field %" PRIu64, type);
		bp_cursor f;
		bp_cur_init(&f, c->p, len);
		uint64_t val = bp_cur_packed(&f, NULL);
		bp_cur_skip(c, len);
		switch (type) {
		case 1: p->payload_size = val; break;
		case 2: p->compression_type = (uint8_t)val; break;
		case 3: p->uncompressed_size = val; break;
		default: break; /* unknown fields are skipped */
		}
	}
	p->data = c->p;
	p->data_len = bp_cur_left(c);
	if (p->payload_size && p->payload_size != p->data_len)
		return BP_ERR_SET(err, BP_E_CORRUPT,
				  "corrupt TRANSACTION_PAYLOAD: payload size %" PRIu64 " but %" PRIu64 " bytes follow",
				  p->payload_size, p->data_len);
	return 0;
}

int bp_decode_control(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	switch (ev->h.type) {
	case BP_EV_STOP:
	case BP_EV_SLAVE:
		return 0;
	case BP_EV_ROTATE: {
		unsigned ph = bp_format_post_header(&d->fmt, BP_EV_ROTATE);
		if (d->fmt.binlog_version > 1) {
			ev->rotate.position = bp_cur_u64(c);
			if (ph > 8)
				bp_cur_skip(c, ph - 8);
		} else {
			ev->rotate.position = 4;
		}
		if (c->err)
			return bp_decode_short(err, ev, c, "rotate");
		ev->rotate.next_file = arena_str(d, c->p, bp_cur_left(c));
		return ev->rotate.next_file ? 0 : nomem(err);
	}
	case BP_EV_INTVAR:
		ev->intvar.type = bp_cur_u8(c);
		ev->intvar.value = bp_cur_u64(c);
		return c->err ? bp_decode_short(err, ev, c, "intvar") : 0;
	case BP_EV_RAND:
		ev->rand.seed1 = bp_cur_u64(c);
		ev->rand.seed2 = bp_cur_u64(c);
		return c->err ? bp_decode_short(err, ev, c, "rand") : 0;
	case BP_EV_XID:
		ev->xid.xid = bp_cur_u64(c);
		return c->err ? bp_decode_short(err, ev, c, "xid") : 0;
	case BP_EV_USER_VAR: {
		bp_ev_user_var *u = &ev->user_var;
		u->name_len = bp_cur_u32(c);
		const uint8_t *name = bp_cur_bytes(c, u->name_len);
		u->is_null = bp_cur_u8(c) != 0;
		if (!c->err && !u->is_null) {
			u->value_type = bp_cur_u8(c);
			u->charset = bp_cur_u32(c);
			u->value_len = bp_cur_u32(c);
			u->value = bp_cur_bytes(c, u->value_len);
			if (!c->err && bp_cur_left(c) >= 1) {
				u->has_flags = true;
				u->flags = bp_cur_u8(c);
			}
		}
		if (c->err)
			return bp_decode_short(err, ev, c, "user_var");
		u->name = bp_arena_strndup(&d->arena, (const char *)name, u->name_len);
		return u->name ? 0 : nomem(err);
	}
	case BP_EV_INCIDENT: {
		ev->incident.incident = bp_cur_u16(c);
		if (bp_cur_left(c)) {
			ev->incident.message_len = bp_cur_u8(c);
			ev->incident.message = bp_cur_bytes(c, ev->incident.message_len);
		}
		return c->err ? bp_decode_short(err, ev, c, "incident") : 0;
	}
	case BP_EV_HEARTBEAT:
		ev->heartbeat.log_ident = arena_str(d, c->p, bp_cur_left(c));
		return ev->heartbeat.log_ident ? 0 : nomem(err);
	case BP_EV_HEARTBEAT_V2:
		for (;;) {
			uint64_t type = bp_cur_packed(c, NULL);
			if (c->err || type == 0)
				break;
			uint64_t len = bp_cur_packed(c, NULL);
			if (c->err || len > bp_cur_left(c)) {
				bp_cur_fail(c);
				break;
			}
			if (type == 1) {
				ev->heartbeat.log_ident = arena_str(d, c->p, len);
			} else if (type == 2) {
				bp_cursor f;
				bp_cur_init(&f, c->p, len);
				ev->heartbeat.position = bp_cur_packed(&f, NULL);
			}
			bp_cur_skip(c, len);
		}
		return c->err ? bp_decode_short(err, ev, c, "heartbeat_v2") : 0;
	case BP_EV_GTID:
	case BP_EV_ANONYMOUS_GTID:
		return decode_gtid(d, ev, c, err);
	case BP_EV_GTID_TAGGED:
		return decode_gtid_tagged(d, ev, c, err);
	case BP_EV_PREVIOUS_GTIDS:
		return decode_previous_gtids(d, ev, c, err);
	case BP_EV_XA_PREPARE: {
		bp_ev_xa_prepare *x = &ev->xa_prepare;
		x->one_phase = bp_cur_u8(c) != 0;
		x->format_id = (int32_t)bp_cur_u32(c);
		x->gtrid_len = bp_cur_u32(c);
		x->bqual_len = bp_cur_u32(c);
		if (!c->err && (x->gtrid_len > 64 || x->bqual_len > 64))
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt XA_PREPARE event: gtrid %u / bqual %u bytes",
					  x->gtrid_len, x->bqual_len);
		x->gtrid = bp_cur_bytes(c, x->gtrid_len);
		x->bqual = bp_cur_bytes(c, x->bqual_len);
		return c->err ? bp_decode_short(err, ev, c, "xa_prepare") : 0;
	}
	case BP_EV_TRANSACTION_PAYLOAD:
		return decode_payload(d, ev, c, err);
	case BP_EV_MARIADB_GTID:
		return decode_mariadb_gtid(d, ev, c, err);
	case BP_EV_MARIADB_GTID_LIST:
		return decode_mariadb_gtid_list(d, ev, c, err);
	case BP_EV_BINLOG_CHECKPOINT: {
		uint32_t n = bp_cur_u32(c);
		const uint8_t *p = bp_cur_bytes(c, n);
		if (c->err)
			return bp_decode_short(err, ev, c, "binlog_checkpoint");
		ev->checkpoint.log_file = arena_str(d, p, n);
		return ev->checkpoint.log_file ? 0 : nomem(err);
	}
	case BP_EV_START_ENCRYPTION:
		ev->start_enc.scheme = bp_cur_u8(c);
		ev->start_enc.key_version = bp_cur_u32(c);
		bp_cur_skip(c, 12);
		return c->err ? bp_decode_short(err, ev, c, "start_encryption") : 0;
	case BP_EV_ROWS_QUERY:
		bp_cur_skip(c, 1);
		ev->text.text = (const char *)c->p;
		ev->text.len = (uint32_t)bp_cur_left(c);
		return c->err ? bp_decode_short(err, ev, c, "rows_query") : 0;
	case BP_EV_ANNOTATE_ROWS:
		ev->text.text = (const char *)c->p;
		ev->text.len = (uint32_t)bp_cur_left(c);
		return 0;
	case BP_EV_IGNORABLE:
	case BP_EV_TRANSACTION_CONTEXT:
	case BP_EV_VIEW_CHANGE:
		/* group replication bookkeeping: nothing a prefetcher needs; body kept raw */
		return 0;
	default:
		if (ev->h.flags & BP_LOG_EVENT_IGNORABLE_F) {
			ev->ignorable_unknown = true;
			return 0;
		}
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "unknown event type %u (not marked ignorable)",
				  ev->h.type);
	}
}
