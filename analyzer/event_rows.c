/*
 * event_rows.c: row events (WRITE/UPDATE/DELETE_ROWS v0 (pre-GA), v1, v2,
 * PARTIAL_UPDATE_ROWS, MariaDB *_ROWS_COMPRESSED[_V1]).
 *
 * Layout:
 *   P  table_id 6 (4 when the post-header is 6 bytes), flags 2,
 *      [v2: extra_len 2 (counting itself), extra row info extra_len-2]
 *   B  width packed, columns-present bitmap (width+7)/8,
 *      [UPDATE/PARTIAL_UPDATE v1/v2: after-image bitmap (width+7)/8],
 *      rows: for each row, the before image (UPDATE/DELETE) and/or after image
 *      (INSERT/UPDATE); an image is a NULL bitmap over the present columns
 *      followed by the values of the present non-NULL columns.
 *   PARTIAL_UPDATE_ROWS: after the before image, value_options packed (bit 0:
 *      partial JSON), then a bitmap over the after image's JSON columns marking
 *      those that carry a diff (4-byte length + diff bytes) instead of a value.
 *   MariaDB compressed: everything after the bitmaps is one compressed block.
 *   Extra row info TLV (v2): tag 0 NDB info (len 1 counting the 2-byte header,
 *      format 1, data), tag 1 partition info (partition id 2 [+ source 2 for UPDATE]).
 * Follows MySQL libs/mysql/binlog/event/rows_event.cpp and sql/log_event.cc
 * (unpack_row), MariaDB sql/log_event.cc (row_log_event_uncompress).
 */
#include "decode.h"

#include <stdio.h>
#include <string.h>

/* Decoded rows of one event may take at most this much memory (values are
 * bp_value per column of the table, so a sparse image of a wide table expands). */
#define ROWS_DECODE_CAP (1u << 30)

static unsigned rows_version(unsigned t)
{
	switch (t) {
	case BP_EV_PRE_GA_WRITE_ROWS: case BP_EV_PRE_GA_UPDATE_ROWS: case BP_EV_PRE_GA_DELETE_ROWS:
		return 0;
	case BP_EV_WRITE_ROWS_V1: case BP_EV_UPDATE_ROWS_V1: case BP_EV_DELETE_ROWS_V1:
	case BP_EV_WRITE_ROWS_COMPRESSED_V1: case BP_EV_UPDATE_ROWS_COMPRESSED_V1:
	case BP_EV_DELETE_ROWS_COMPRESSED_V1:
		return 1;
	default:
		return 2;
	}
}

static char rows_kind(unsigned t)
{
	switch (t) {
	case BP_EV_PRE_GA_WRITE_ROWS: case BP_EV_WRITE_ROWS_V1: case BP_EV_WRITE_ROWS:
	case BP_EV_WRITE_ROWS_COMPRESSED_V1: case BP_EV_WRITE_ROWS_COMPRESSED:
		return 'W';
	case BP_EV_PRE_GA_DELETE_ROWS: case BP_EV_DELETE_ROWS_V1: case BP_EV_DELETE_ROWS:
	case BP_EV_DELETE_ROWS_COMPRESSED_V1: case BP_EV_DELETE_ROWS_COMPRESSED:
		return 'D';
	case BP_EV_PARTIAL_UPDATE_ROWS:
		return 'P';
	default:
		return 'U';
	}
}

static bool is_compressed(unsigned t) { return t >= BP_EV_WRITE_ROWS_COMPRESSED_V1 && t <= BP_EV_DELETE_ROWS_COMPRESSED; }

/* Bits set among the first n bits of bm (byte-wise: called once per image bitmap). */
static unsigned popcount_bits(const uint8_t *bm, uint32_t n)
{
	unsigned k = 0;
	uint32_t full = n / 8;
	for (uint32_t i = 0; i < full; i++)
		k += (unsigned)__builtin_popcount(bm[i]);
	if (n % 8)
		k += (unsigned)__builtin_popcount(bm[full] & ((1u << (n % 8)) - 1));
	return k;
}

static int check_extra(bp_event *ev, const uint8_t *p, size_t n, bp_err *err)
{
	bp_cursor c;
	bp_cur_init(&c, p, n);
	while (bp_cur_left(&c)) {
		size_t at = bp_cur_pos(&c);
		uint8_t tag = bp_cur_u8(&c);
		if (tag == 0) { /* NDB extra row info: length counts the 2-byte header */
			if (!bp_cur_left(&c))
				return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: extra row info tag %u at +%zu has no data",
						  bp_event_type_name(ev->h.type), tag, at);
			uint8_t len = bp_cur_u8(&c);
			if (len < 2 || (size_t)len - 1 > bp_cur_left(&c))
				return BP_ERR_SET(err, BP_E_CORRUPT,
						  "corrupt %s event: extra row info length %u at +%zu past its end",
						  bp_event_type_name(ev->h.type), len, at);
			bp_cur_skip(&c, (size_t)len - 1);
		} else if (tag == 1) { /* partition info */
			size_t want = rows_kind(ev->h.type) == 'U' || rows_kind(ev->h.type) == 'P' ? 4 : 2;
			if (bp_cur_left(&c) < want)
				return BP_ERR_SET(err, BP_E_CORRUPT,
						  "corrupt %s event: partition info at +%zu needs %zu bytes, %zu left",
						  bp_event_type_name(ev->h.type), at, want, bp_cur_left(&c));
			bp_cur_skip(&c, want);
		} else {
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: unknown extra row info tag %u at +%zu",
					  bp_event_type_name(ev->h.type), tag, at);
		}
	}
	return 0;
}

/*
 * Decode one image (NULL bitmap + values) of the columns in cols; n_present is
 * the number of bits set in cols (the same for every row: the caller counts once).
 * A FULL image (every column present, no JSON diffs: the usual case) is
 * bp_image_decode_full's; here the others, whose NULL bits are shifted out of
 * one byte at a time.
 */
static int decode_image(bp_cursor *c, const bp_table_map *m, uint32_t width, const uint8_t *cols,
			unsigned n_present, bp_value *vals, bool *present, const uint8_t *diff_bits,
			bool *json_diff)
{
	const uint8_t *nulls = bp_cur_bytes(c, (n_present + 7) / 8);
	if (!nulls)
		return -1;
	const bp_column *columns = m->columns;
	bool all = n_present == width; /* the usual FULL image: no column bit to test */
	if (all && !diff_bits) {
		memset(present, true, width);
		return bp_image_decode_full(c, columns, width, nulls, vals);
	}
	unsigned k = 0, kj = 0, nb = 0; /* nb: the null bits of byte k/8 not used yet */
	for (uint32_t i = 0; i < width; i++) {
		bp_value *v = &vals[i];
		v->kind = BP_V_NULL;
		if (!all && !((cols[i >> 3] >> (i & 7)) & 1)) {
			present[i] = false;
			continue;
		}
		present[i] = true;
		if ((k & 7) == 0)
			nb = nulls[k >> 3];
		bool is_null = nb & 1;
		nb >>= 1;
		k++;
		const bp_column *col = &columns[i];
		bool diff = false;
		if (diff_bits && col->type == BP_T_JSON) {
			diff = (diff_bits[kj / 8] >> (kj % 8)) & 1;
			kj++;
		}
		if (is_null)
			continue;
		if (diff) {
			uint32_t len = bp_cur_u32(c);
			const uint8_t *p = bp_cur_bytes(c, len);
			if (!p)
				return -1;
			v->kind = BP_V_UNSUPPORTED;
			v->p = p;
			v->n = len;
			json_diff[i] = true;
			continue;
		}
		if (bp_value_decode(c, col, v))
			return -1;
	}
	return 0;
}

/*
 * One image's values (vsz bytes) and present flags (bsz bytes) in one arena
 * block: one allocation per image instead of two, and the same arena total
 * (the values are a multiple of 8 bytes, the flags rounded up as before).
 */
static int image_alloc(bp_arena *a, size_t vsz, size_t bsz, bp_value **vals, bool **present)
{
	size_t vround = vsz ? (vsz + 7) & ~(size_t)7 : 8;
	uint8_t *blk = bp_arena_alloc(a, vround + bsz);
	if (!blk)
		return -1;
	*vals = (bp_value *)(void *)blk;
	*present = (bool *)(blk + vround);
	return 0;
}

/* The rows of ev cannot be typed: say why (notice) and keep no values. */
static int undecoded(bp_decoder *d, bp_event *ev, const char *why)
{
	char msg[256];
	ev->rows.undecoded = why;
	ev->rows.n_rows = 0;
	ev->rows.row = NULL;
	d->notices++;
	if (d->notice) {
		snprintf(msg, sizeof(msg), "rows not decoded: %s", why);
		d->notice(d->notice_ctx, ev, msg);
	}
	return 0;
}

/* MariaDB 5.3+ with mysql56_temporal_format=OFF (the default before 10.1) writes
 * microsecond temporal columns with the old type codes and no metadata. */
static bool ambiguous_temporal(const bp_decoder *d, const bp_table_map *m)
{
	if (!d->fmt.mariadb || d->fmt.version_product < 50300)
		return false;
	for (uint32_t i = 0; i < m->n_columns; i++) {
		unsigned t = m->columns[i].type;
		if (t == BP_T_TIMESTAMP || t == BP_T_DATETIME || t == BP_T_TIME)
			return true;
	}
	return false;
}

int bp_decode_rows(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	bp_ev_rows *r = &ev->rows;
	unsigned type = ev->h.type;
	unsigned ph = bp_format_post_header(&d->fmt, type);
	r->version = (uint8_t)rows_version(type);
	r->kind = (uint8_t)rows_kind(type);
	r->compressed = is_compressed(type);
	r->table_id = ph == 6 ? bp_cur_u32(c) : bp_cur_u48(c);
	r->flags = bp_cur_u16(c);
	/* a post-header longer than the fields we know (a future server): skip the rest */
	size_t known = (ph == 6 ? 6 : 8);
	if (r->version < 2 && ph > known)
		bp_cur_skip(c, ph - known);
	if (r->version == 2) {
		uint16_t xl = bp_cur_u16(c);
		if (!c->err && xl < 2)
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: extra data length %u (< 2)",
					  bp_event_type_name(type), xl);
		r->extra_len = xl >= 2 ? (uint16_t)(xl - 2) : 0;
		r->extra = bp_cur_bytes(c, r->extra_len);
		if (c->err)
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: extra data length %u past the event end",
					  bp_event_type_name(type), xl);
		int e = check_extra(ev, r->extra, r->extra_len, err);
		if (e)
			return e;
	}
	if (c->err)
		return bp_decode_short(err, ev, c, "rows post-header");
	uint64_t width = bp_cur_packed(c, NULL);
	if (c->err)
		return bp_decode_short(err, ev, c, "rows width");
	if (width > 65535 || (width + 7) / 8 > bp_cur_left(c))
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: %llu columns in %zu bytes",
				  bp_event_type_name(type), (unsigned long long)width, bp_cur_left(c));
	r->n_columns = (uint32_t)width;
	r->cols_before = bp_cur_bytes(c, (width + 7) / 8);
	r->cols_after = r->cols_before;
	if ((r->kind == 'U' || r->kind == 'P') && r->version > 0)
		r->cols_after = bp_cur_bytes(c, (width + 7) / 8);
	if (c->err)
		return bp_decode_short(err, ev, c, "rows column bitmaps");
	r->rows = c->p;
	r->rows_len = bp_cur_left(c);
	if (r->compressed) {
		const uint8_t *out;
		size_t outlen;
		if (bp_mariadb_uncompress(d, r->rows, r->rows_len, &out, &outlen))
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: row data does not decompress",
					  bp_event_type_name(type));
		r->rows = out;
		r->rows_len = outlen;
	}

	r->map = bp_tmcache_get(d->tables, r->table_id);
	if (!r->map) /* e.g. a log read from --start-position inside a statement */
		return undecoded(d, ev, "no TABLE_MAP for this table id");
	if (r->map->no_metadata)
		return undecoded(d, ev, "the TABLE_MAP has no column metadata (MySQL < 5.1.18)");
	if (r->map->n_columns < width)
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt %s event: %u columns but TABLE_MAP %s.%s has %u",
				  bp_event_type_name(type), r->n_columns, r->map->db, r->map->table, r->map->n_columns);

	/* decode every row into the per-event arena */
	bp_cursor rc;
	bp_cur_init(&rc, r->rows, r->rows_len);
	uint32_t cap = 0;
	bp_row *rows = NULL;
	unsigned n_before = popcount_bits(r->cols_before, r->n_columns);
	unsigned n_after = popcount_bits(r->cols_after, r->n_columns);
	while (bp_cur_left(&rc)) {
		if (r->n_rows == cap) {
			uint32_t nc = cap ? cap * 2 : 8;
			bp_row *nr = bp_arena_alloc(&d->arena, nc * sizeof(bp_row));
			if (!nr)
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			if (cap)
				memcpy(nr, rows, cap * sizeof(bp_row));
			rows = nr;
			cap = nc;
		}
		bp_row *row = &rows[r->n_rows];
		memset(row, 0, sizeof(*row));
		size_t row_at = bp_cur_pos(&rc);
		bool want_before = r->kind != 'W', want_after = r->kind != 'D';
		size_t vsz = width * sizeof(bp_value), bsz = width ? width : 1;
		if (want_before) {
			if (image_alloc(&d->arena, vsz, bsz, &row->before, &row->before_present))
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			if (decode_image(&rc, r->map, r->n_columns, r->cols_before, n_before, row->before,
					 row->before_present, NULL, NULL))
				goto bad_row;
		}
		if (want_after) {
			const uint8_t *diff_bits = NULL;
			if (r->kind == 'P') {
				uint64_t opts = bp_cur_packed(&rc, NULL);
				if (opts & 1) {
					unsigned nj = 0;
					for (uint32_t i = 0; i < width; i++)
						if (((r->cols_after[i / 8] >> (i % 8)) & 1) &&
						    r->map->columns[i].type == BP_T_JSON)
							nj++;
					diff_bits = bp_cur_bytes(&rc, (nj + 7) / 8);
					row->json_diff = bp_arena_alloc(&d->arena, bsz);
					if (!row->json_diff)
						return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
					memset(row->json_diff, 0, bsz);
				}
				if (rc.err)
					goto bad_row;
			}
			if (image_alloc(&d->arena, vsz, bsz, &row->after, &row->after_present))
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
			if (decode_image(&rc, r->map, r->n_columns, r->cols_after, n_after, row->after,
					 row->after_present, diff_bits, row->json_diff))
				goto bad_row;
		}
		if (bp_cur_pos(&rc) == row_at)
			/* no column present in either image: the row is empty and the rest is garbage
			 * (without this check the loop would never end) */
			return BP_ERR_SET(err, BP_E_CORRUPT,
					  "corrupt %s event for %s.%s: row %u at row-data offset %zu is empty "
					  "(no column present), %zu bytes of row data left",
					  bp_event_type_name(type), r->map->db, r->map->table, r->n_rows + 1, row_at,
					  bp_cur_left(&rc));
		if (d->arena.used_total > ROWS_DECODE_CAP)
			/* e.g. thousands of 1-byte rows of a table map with 65535 columns */
			return BP_ERR_SET(err, BP_E_UNSUPPORTED,
					  "%s event for %s.%s too large to decode: %u rows of %u columns need over "
					  "%u MiB",
					  bp_event_type_name(type), r->map->db, r->map->table, r->n_rows + 1,
					  r->n_columns, ROWS_DECODE_CAP >> 20);
		r->n_rows++;
		continue;
	bad_row:
		if (ambiguous_temporal(d, r->map)) {
			/* MariaDB (5.3-10.0, or mysql56_temporal_format=OFF) logs microsecond TIME/DATETIME/TIMESTAMP under the old type
			 * codes with no precision in the table map: the row width is unknowable
			 * without the schema. Say so and show no (possibly wrong) values. */
			return undecoded(d, ev,
					 "old-format temporal columns whose precision a MariaDB table map does not "
					 "give (MariaDB 5.3-10.0 or mysql56_temporal_format=OFF): the schema is needed");
		}
		if (rc.err_need == 0)
			return BP_ERR_SET(err, BP_E_CORRUPT,
					  "corrupt %s event for %s.%s: row %u (at row-data offset %zu) does not decode: "
					  "invalid value at +%zu",
					  bp_event_type_name(type), r->map->db, r->map->table, r->n_rows + 1, row_at,
					  rc.err_pos);
		return BP_ERR_SET(err, BP_E_CORRUPT,
				  "corrupt %s event for %s.%s: row %u (at row-data offset %zu) does not decode: "
				  "need %zu bytes at +%zu, %zu left",
				  bp_event_type_name(type), r->map->db, r->map->table, r->n_rows + 1, row_at,
				  rc.err_need, rc.err_pos, rc.err_left);
	}
	r->row = rows;
	return 0;
}
