/*
 * decode.h: turn one framed event (its raw bytes) into a typed bp_event.
 *
 * The decoder holds the state that later events depend on: the current format
 * (from the last FDE), the table maps seen (by table_id), and the per-event
 * arena that decoded values live in. bp_event_decode resets that arena, so
 * everything in the previous bp_event dies at the next call.
 *
 * Failures return a negative bp_errcode with the offset of the failing field
 * inside the event in the message (the caller adds path and event offset).
 */
#ifndef BP_ANALYZER_DECODE_H
#define BP_ANALYZER_DECODE_H

#include "../common/arena.h"
#include "../common/cursor.h"
#include "../common/err.h"
#include "event.h"
#include "format.h"

typedef struct bp_tmcache bp_tmcache;

typedef struct bp_decoder {
	bp_format fmt;
	bp_tmcache *tables;       /* table_id -> bp_table_map */
	bp_arena arena;           /* per event */
	uint8_t *zbuf;            /* decompression scratch (MariaDB compressed events) */
	size_t zcap;
	bool in_payload;          /* decoding events inside a TRANSACTION_PAYLOAD (no footer) */
	uint64_t notices;         /* count of non-fatal notices (missing table map...) */
	void (*notice)(void *ctx, const bp_event *ev, const char *msg);
	void *notice_ctx;
} bp_decoder;

int bp_decoder_init(bp_decoder *d);
void bp_decoder_release(bp_decoder *d);

/*
 * Decode raw[0..len) (a whole event, checksum included when the format has one).
 * pos is the event's offset, stored in ev->pos. On success returns 0 and fills ev;
 * an FDE/START_V3 also replaces d->fmt.
 */
int bp_event_decode(bp_decoder *d, const uint8_t *raw, uint32_t len, uint64_t pos, bp_event *ev,
		    bp_err *err);

/* Parse the common header of raw (at least fmt->header_len bytes, or 13 for v1). */
void bp_event_header_parse(const bp_format *fmt, const uint8_t *raw, bp_event_header *h);

/* ---- per-family decoders (analyzer/event_*.c), called by bp_event_decode ---- */
int bp_decode_control(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);
int bp_decode_fde(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);
int bp_decode_query(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);
int bp_decode_load(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);
int bp_decode_table_map(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);
int bp_decode_rows(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err);

/* MariaDB compressed payload ("1 byte header: 0x80|alg<<4|lenlen, then big-endian
 * length, then zlib"): decompress into d->zbuf. Returns 0 and sets out and outlen. */
int bp_mariadb_uncompress(bp_decoder *d, const uint8_t *p, size_t n, const uint8_t **out, size_t *outlen);

/* Table map cache (event_tablemap.c). */
bp_tmcache *bp_tmcache_new(void);
void bp_tmcache_free(bp_tmcache *tc);
const bp_table_map *bp_tmcache_get(const bp_tmcache *tc, uint64_t table_id);
void bp_tmcache_clear(bp_tmcache *tc);

/* Error helper: a short/impossible read in an event body. */
int bp_decode_short(bp_err *err, const bp_event *ev, const bp_cursor *c, const char *what);

#endif
