/*
 * event.c: event type names, the common header, and the dispatcher that
 * sends each event type to its family's decoder (event_control.c,
 * event_query.c, event_tablemap.c, event_rows.c).
 *
 * Where an event is decoded: bp_event_decode below -> the switch -> one
 * bp_decode_* function per family.
 */
#include "decode.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[256] = {
	[BP_EV_UNKNOWN] = "UNKNOWN",
	[BP_EV_START_V3] = "START_V3",
	[BP_EV_QUERY] = "QUERY",
	[BP_EV_STOP] = "STOP",
	[BP_EV_ROTATE] = "ROTATE",
	[BP_EV_INTVAR] = "INTVAR",
	[BP_EV_LOAD] = "LOAD",
	[BP_EV_SLAVE] = "SLAVE",
	[BP_EV_CREATE_FILE] = "CREATE_FILE",
	[BP_EV_APPEND_BLOCK] = "APPEND_BLOCK",
	[BP_EV_EXEC_LOAD] = "EXEC_LOAD",
	[BP_EV_DELETE_FILE] = "DELETE_FILE",
	[BP_EV_NEW_LOAD] = "NEW_LOAD",
	[BP_EV_RAND] = "RAND",
	[BP_EV_USER_VAR] = "USER_VAR",
	[BP_EV_FORMAT_DESCRIPTION] = "FORMAT_DESCRIPTION",
	[BP_EV_XID] = "XID",
	[BP_EV_BEGIN_LOAD_QUERY] = "BEGIN_LOAD_QUERY",
	[BP_EV_EXECUTE_LOAD_QUERY] = "EXECUTE_LOAD_QUERY",
	[BP_EV_TABLE_MAP] = "TABLE_MAP",
	[BP_EV_PRE_GA_WRITE_ROWS] = "PRE_GA_WRITE_ROWS",
	[BP_EV_PRE_GA_UPDATE_ROWS] = "PRE_GA_UPDATE_ROWS",
	[BP_EV_PRE_GA_DELETE_ROWS] = "PRE_GA_DELETE_ROWS",
	[BP_EV_WRITE_ROWS_V1] = "WRITE_ROWS_V1",
	[BP_EV_UPDATE_ROWS_V1] = "UPDATE_ROWS_V1",
	[BP_EV_DELETE_ROWS_V1] = "DELETE_ROWS_V1",
	[BP_EV_INCIDENT] = "INCIDENT",
	[BP_EV_HEARTBEAT] = "HEARTBEAT",
	[BP_EV_IGNORABLE] = "IGNORABLE",
	[BP_EV_ROWS_QUERY] = "ROWS_QUERY",
	[BP_EV_WRITE_ROWS] = "WRITE_ROWS",
	[BP_EV_UPDATE_ROWS] = "UPDATE_ROWS",
	[BP_EV_DELETE_ROWS] = "DELETE_ROWS",
	[BP_EV_GTID] = "GTID",
	[BP_EV_ANONYMOUS_GTID] = "ANONYMOUS_GTID",
	[BP_EV_PREVIOUS_GTIDS] = "PREVIOUS_GTIDS",
	[BP_EV_TRANSACTION_CONTEXT] = "TRANSACTION_CONTEXT",
	[BP_EV_VIEW_CHANGE] = "VIEW_CHANGE",
	[BP_EV_XA_PREPARE] = "XA_PREPARE",
	[BP_EV_PARTIAL_UPDATE_ROWS] = "PARTIAL_UPDATE_ROWS",
	[BP_EV_TRANSACTION_PAYLOAD] = "TRANSACTION_PAYLOAD",
	[BP_EV_HEARTBEAT_V2] = "HEARTBEAT_V2",
	[BP_EV_GTID_TAGGED] = "GTID_TAGGED",
	[BP_EV_ANNOTATE_ROWS] = "ANNOTATE_ROWS",
	[BP_EV_BINLOG_CHECKPOINT] = "BINLOG_CHECKPOINT",
	[BP_EV_MARIADB_GTID] = "MARIADB_GTID",
	[BP_EV_MARIADB_GTID_LIST] = "MARIADB_GTID_LIST",
	[BP_EV_START_ENCRYPTION] = "START_ENCRYPTION",
	[BP_EV_QUERY_COMPRESSED] = "QUERY_COMPRESSED",
	[BP_EV_WRITE_ROWS_COMPRESSED_V1] = "WRITE_ROWS_COMPRESSED_V1",
	[BP_EV_UPDATE_ROWS_COMPRESSED_V1] = "UPDATE_ROWS_COMPRESSED_V1",
	[BP_EV_DELETE_ROWS_COMPRESSED_V1] = "DELETE_ROWS_COMPRESSED_V1",
	[BP_EV_WRITE_ROWS_COMPRESSED] = "WRITE_ROWS_COMPRESSED",
	[BP_EV_UPDATE_ROWS_COMPRESSED] = "UPDATE_ROWS_COMPRESSED",
	[BP_EV_DELETE_ROWS_COMPRESSED] = "DELETE_ROWS_COMPRESSED",
};

const char *bp_event_type_name(unsigned type)
{
	return type < 256 ? type_names[type] : NULL;
}

void bp_event_header_parse(const bp_format *fmt, const uint8_t *raw, bp_event_header *h)
{
	h->timestamp = (uint32_t)bp_le(raw, 4);
	h->type = fmt->type_map[raw[4]];
	h->server_id = (uint32_t)bp_le(raw + 5, 4);
	h->length = (uint32_t)bp_le(raw + 9, 4);
	if (fmt->binlog_version == 1) {
		h->next_pos = 0;
		h->flags = 0;
	} else {
		h->next_pos = (uint32_t)bp_le(raw + 13, 4);
		h->flags = (uint16_t)bp_le(raw + 17, 2);
	}
}

int bp_decode_short(bp_err *err, const bp_event *ev, const bp_cursor *c, const char *what)
{
	const char *tn = bp_event_type_name(ev->h.type);
	if (c->err_need)
		return BP_ERR_SET(err, BP_E_CORRUPT,
				  "corrupt %s event (%s): need %zu bytes at event offset +%zu, %zu left",
				  tn ? tn : "unknown", what, c->err_need, c->err_pos, c->err_left);
	return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event (%s) at event offset +%zu",
			  tn ? tn : "unknown", what, c->err_pos);
}

int bp_decoder_init(bp_decoder *d)
{
	memset(d, 0, sizeof(*d));
	bp_format_init(&d->fmt);
	bp_arena_init(&d->arena, 64 * 1024);
	d->tables = bp_tmcache_new();
	return d->tables ? 0 : -BP_E_NOMEM;
}

void bp_decoder_release(bp_decoder *d)
{
	bp_tmcache_free(d->tables);
	d->tables = NULL;
	bp_arena_release(&d->arena);
	free(d->zbuf);
	d->zbuf = NULL;
	d->zcap = 0;
}

static bool has_footer_checksum(const bp_decoder *d, unsigned type)
{
	/* the FDE decides for itself (its own algorithm byte); see bp_decode_fde */
	return type != BP_EV_FORMAT_DESCRIPTION && d->fmt.checksum_alg == BP_CHECKSUM_CRC32;
}

int bp_event_decode(bp_decoder *d, const uint8_t *raw, uint32_t len, uint64_t pos, bp_event *ev,
		    bp_err *err)
{
	bp_cursor c;
	unsigned hl;

	bp_arena_reset(&d->arena);
	memset(ev, 0, sizeof(*ev));
	ev->pos = pos;
	ev->raw = raw;
	ev->raw_len = len;
	hl = d->fmt.binlog_version == 1 ? 13 : d->fmt.header_len;
	if (len < 13)
		return BP_ERR_SET(err, BP_E_CORRUPT, "event shorter than a header (%u bytes)", len);
	bp_event_header_parse(&d->fmt, raw, &ev->h);
	/* an FDE always has the v4 19-byte header; a START_V3 tells its own size */
	if (ev->h.type == BP_EV_FORMAT_DESCRIPTION)
		hl = 19;
	if (len < hl)
		return BP_ERR_SET(err, BP_E_CORRUPT, "event shorter than its %u-byte header (%u bytes)", hl, len);
	ev->body_off = hl;
	ev->data_len = len;
	ev->in_payload = d->in_payload;
	if (has_footer_checksum(d, ev->h.type) && !d->in_payload) {
		if (len < hl + 4)
			return BP_ERR_SET(err, BP_E_CORRUPT, "event too short for its checksum (%u bytes)", len);
		ev->data_len = len - 4;
	}
	bp_cur_init(&c, raw, ev->data_len);
	c.p += hl;

	switch (ev->h.type) {
	case BP_EV_FORMAT_DESCRIPTION:
	case BP_EV_START_V3:
		return bp_decode_fde(d, ev, &c, err);
	case BP_EV_QUERY:
	case BP_EV_QUERY_COMPRESSED:
	case BP_EV_EXECUTE_LOAD_QUERY:
		return bp_decode_query(d, ev, &c, err);
	case BP_EV_LOAD:
	case BP_EV_NEW_LOAD:
	case BP_EV_CREATE_FILE:
	case BP_EV_APPEND_BLOCK:
	case BP_EV_BEGIN_LOAD_QUERY:
	case BP_EV_EXEC_LOAD:
	case BP_EV_DELETE_FILE:
		return bp_decode_load(d, ev, &c, err);
	case BP_EV_TABLE_MAP:
		return bp_decode_table_map(d, ev, &c, err);
	default:
		if (bp_event_is_rows(ev->h.type))
			return bp_decode_rows(d, ev, &c, err);
		return bp_decode_control(d, ev, &c, err);
	}
}
