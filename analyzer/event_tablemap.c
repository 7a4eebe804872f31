/*
 * event_tablemap.c: TABLE_MAP events and the table map cache.
 *
 * TABLE_MAP layout:
 *   P  table_id 6 (4 when the post-header is 6 bytes, MySQL 5.1.0-5.1.3), flags 2
 *   B  db_len 1, db, NUL, table_len 1, table, NUL, column_count packed,
 *      column_type[column_count], metadata_len packed, metadata (per type, see
 *      bp_column_meta_read), null_bitmap ((column_count+7)/8),
 *      optional metadata (MySQL 8.0.1+, MariaDB 10.5+ with binlog_row_metadata):
 *      repeated {type 1, length packed, value}:
 *        1 SIGNEDNESS bitmap over numeric columns (MSB first)
 *        2 DEFAULT_CHARSET default packed, then (column index, collation) packed pairs
 *        3 COLUMN_CHARSET collation packed per character column
 *        4 COLUMN_NAME (length packed, name) per column
 *        5 SET_STR_VALUE / 6 ENUM_STR_VALUE per SET/ENUM column: count, (length, value)*
 *        7 GEOMETRY_TYPE packed per geometry column
 *        8 SIMPLE_PRIMARY_KEY column indexes packed
 *        9 PRIMARY_KEY_WITH_PREFIX (column index, prefix length) packed pairs
 *        10 ENUM_AND_SET_DEFAULT_CHARSET / 11 ENUM_AND_SET_COLUMN_CHARSET (as 2 / 3)
 *        12 COLUMN_VISIBILITY bitmap over all columns (MSB first)
 *      Unknown types are skipped by their length.
 * Follows MySQL libs/mysql/binlog/event/rows_event.cpp (Table_map_event,
 * Optional_metadata_fields).
 *
 * The cache: servers repeat the same TABLE_MAP before every statement, so the
 * cache keeps each table_id's raw body and skips decoding when it is unchanged.
 * Each map owns one arena. The cache is cleared at a new FDE and when it holds
 * more than TM_MAX entries, which keeps memory flat on any log.
 */
#include "decode.h"

#include <stdlib.h>
#include <string.h>

#define TM_BUCKETS 1024
#define TM_MAX 65536

typedef struct tm_entry {
	struct tm_entry *next;
	bp_table_map map;
	bp_arena arena;          /* owns map contents and raw */
	uint8_t *raw;            /* body bytes the map was decoded from */
	size_t raw_len;
} tm_entry;

struct bp_tmcache {
	tm_entry *bucket[TM_BUCKETS];
	size_t count;
};

bp_tmcache *bp_tmcache_new(void) { return calloc(1, sizeof(bp_tmcache)); }

static void entry_free(tm_entry *e)
{
	bp_arena_release(&e->arena);
	free(e);
}

void bp_tmcache_clear(bp_tmcache *tc)
{
	if (!tc)
		return;
	for (size_t i = 0; i < TM_BUCKETS; i++) {
		tm_entry *e = tc->bucket[i];
		while (e) {
			tm_entry *n = e->next;
			entry_free(e);
			e = n;
		}
		tc->bucket[i] = NULL;
	}
	tc->count = 0;
}

void bp_tmcache_free(bp_tmcache *tc)
{
	bp_tmcache_clear(tc);
	free(tc);
}

static size_t hash_id(uint64_t id) { return (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 54) & (TM_BUCKETS - 1); }

static tm_entry *find(const bp_tmcache *tc, uint64_t id)
{
	for (tm_entry *e = tc->bucket[hash_id(id)]; e; e = e->next)
		if (e->map.table_id == id)
			return e;
	return NULL;
}

const bp_table_map *bp_tmcache_get(const bp_tmcache *tc, uint64_t table_id)
{
	tm_entry *e = find(tc, table_id);
	return e ? &e->map : NULL;
}

static void remove_id(bp_tmcache *tc, uint64_t id)
{
	tm_entry **pp = &tc->bucket[hash_id(id)];
	while (*pp) {
		if ((*pp)->map.table_id == id) {
			tm_entry *e = *pp;
			*pp = e->next;
			entry_free(e);
			tc->count--;
			return;
		}
		pp = &(*pp)->next;
	}
}

static bool is_numeric(unsigned t)
{
	switch (t) {
	case BP_T_DECIMAL: case BP_T_TINY: case BP_T_SHORT: case BP_T_LONG: case BP_T_FLOAT:
	case BP_T_DOUBLE: case BP_T_LONGLONG: case BP_T_INT24: case BP_T_NEWDECIMAL:
		return true;
	default:
		return false;
	}
}

static bool is_enum_set(const bp_column *col) { return col->real_type == BP_T_ENUM || col->real_type == BP_T_SET; }

/* Columns that take a place in the charset lists. GEOMETRY (both servers) and
 * VECTOR (MySQL 9) count although they are binary: their collation (63) is
 * listed like any other (seen in real logs: an exception index after a
 * GEOMETRY or VECTOR column is off by one otherwise). */
static bool is_character(const bp_column *col)
{
	switch (col->real_type) {
	case BP_T_STRING: case BP_T_VAR_STRING: case BP_T_VARCHAR: case BP_T_BLOB:
	case BP_T_TINY_BLOB: case BP_T_MEDIUM_BLOB: case BP_T_LONG_BLOB:
	case BP_T_GEOMETRY: case BP_T_VECTOR:
		return true;
	default:
		return false;
	}
}

static bool bit_msb(const uint8_t *bm, uint32_t i) { return (bm[i / 8] >> (7 - i % 8)) & 1; }

/* Charset lists: DEFAULT_* (default, then exceptions) or COLUMN_* (one per column). */
static void read_charsets(bp_cursor *f, bp_table_map *m, bool is_default, bool enum_set)
{
	uint32_t k = 0;
	if (is_default) {
		uint32_t def = (uint32_t)bp_cur_packed(f, NULL);
		if (!enum_set)
			m->default_charset = def;
		for (uint32_t i = 0; i < m->n_columns; i++) {
			bp_column *col = &m->columns[i];
			if ((enum_set ? is_enum_set(col) : is_character(col)))
				col->charset = (uint16_t)def;
		}
		while (bp_cur_left(f) && !f->err) {
			uint64_t idx = bp_cur_packed(f, NULL);  /* index among character columns */
			uint32_t cs = (uint32_t)bp_cur_packed(f, NULL);
			k = 0;
			for (uint32_t i = 0; i < m->n_columns; i++) {
				bp_column *col = &m->columns[i];
				if (!(enum_set ? is_enum_set(col) : is_character(col)))
					continue;
				if (k++ == idx) {
					col->charset = (uint16_t)cs;
					break;
				}
			}
		}
		return;
	}
	for (uint32_t i = 0; i < m->n_columns && bp_cur_left(f); i++) {
		bp_column *col = &m->columns[i];
		if (!(enum_set ? is_enum_set(col) : is_character(col)))
			continue;
		col->charset = (uint16_t)bp_cur_packed(f, NULL);
	}
}

static int read_str_values(bp_cursor *f, bp_table_map *m, bp_arena *a, bool is_set)
{
	for (uint32_t i = 0; i < m->n_columns && bp_cur_left(f) && !f->err; i++) {
		bp_column *col = &m->columns[i];
		if (col->real_type != (is_set ? BP_T_SET : BP_T_ENUM))
			continue;
		uint64_t n = bp_cur_packed(f, NULL);
		if (n > bp_cur_left(f) || n > 65535) {
			bp_cur_fail(f);
			return -1;
		}
		const char **names = bp_arena_alloc(a, (n ? n : 1) * sizeof(char *));
		uint32_t *lens = bp_arena_alloc(a, (n ? n : 1) * sizeof(uint32_t));
		if (!names || !lens)
			return -2;
		for (uint64_t k = 0; k < n; k++) {
			uint64_t l = bp_cur_packed(f, NULL);
			const uint8_t *s = bp_cur_bytes(f, l);
			if (!s)
				return -1;
			names[k] = bp_arena_strndup(a, (const char *)s, l);
			lens[k] = (uint32_t)l;
			if (!names[k])
				return -2;
		}
		col->n_enum = (uint32_t)n;
		col->enum_names = names;
		col->enum_lens = lens;
	}
	return 0;
}

static int optional_metadata(bp_cursor *c, bp_table_map *m, bp_arena *a)
{
	while (bp_cur_left(c) && !c->err) {
		uint8_t type = bp_cur_u8(c);
		uint64_t len = bp_cur_packed(c, NULL);
		const uint8_t *v = bp_cur_bytes(c, len);
		if (!v)
			return -1;
		bp_cursor f;
		bp_cur_init(&f, v, len);
		switch (type) {
		case 1: { /* SIGNEDNESS */
			uint32_t k = 0;
			m->has_signedness = true;
			for (uint32_t i = 0; i < m->n_columns; i++) {
				bp_column *col = &m->columns[i];
				if (!is_numeric(col->type))
					continue;
				if (k / 8 >= len)
					return -1;
				col->is_unsigned = bit_msb(v, k++);
				col->has_signedness = true;
			}
			break;
		}
		case 2: m->has_charsets = true; read_charsets(&f, m, true, false); break;
		case 3: m->has_charsets = true; read_charsets(&f, m, false, false); break;
		case 10: read_charsets(&f, m, true, true); break;
		case 11: read_charsets(&f, m, false, true); break;
		case 4: /* COLUMN_NAME */
			m->has_column_names = true;
			for (uint32_t i = 0; i < m->n_columns && bp_cur_left(&f); i++) {
				uint64_t l = bp_cur_packed(&f, NULL);
				const uint8_t *s = bp_cur_bytes(&f, l);
				if (!s)
					return -1;
				m->columns[i].name = bp_arena_strndup(a, (const char *)s, l);
				if (!m->columns[i].name)
					return -2;
			}
			break;
		case 5:
		case 6: {
			int r = read_str_values(&f, m, a, type == 5);
			if (r)
				return r;
			if (type == 5)
				m->has_set_values = true;
			else
				m->has_enum_values = true;
			break;
		}
		case 7:
			m->has_geometry_types = true;
			for (uint32_t i = 0; i < m->n_columns && bp_cur_left(&f); i++)
				if (m->columns[i].type == BP_T_GEOMETRY)
					m->columns[i].geometry_type = (uint8_t)bp_cur_packed(&f, NULL);
			break;
		case 8:
		case 9: {
			uint32_t cap = m->n_columns ? m->n_columns : 1;
			m->pk_columns = bp_arena_alloc(a, cap * sizeof(uint32_t));
			m->pk_prefix = bp_arena_alloc(a, cap * sizeof(uint32_t));
			if (!m->pk_columns || !m->pk_prefix)
				return -2;
			m->has_primary_key = true;
			m->n_pk = 0;
			while (bp_cur_left(&f) && !f.err && m->n_pk < cap) {
				uint64_t idx = bp_cur_packed(&f, NULL);
				uint64_t pre = type == 9 ? bp_cur_packed(&f, NULL) : 0;
				if (idx >= m->n_columns)
					return -1;
				m->pk_columns[m->n_pk] = (uint32_t)idx;
				m->pk_prefix[m->n_pk++] = (uint32_t)pre;
			}
			break;
		}
		case 12: /* COLUMN_VISIBILITY */
			m->has_visibility = true;
			for (uint32_t i = 0; i < m->n_columns; i++) {
				if (i / 8 >= len)
					return -1;
				m->columns[i].visible = bit_msb(v, i);
			}
			break;
		default:
			break; /* skipped by its length */
		}
		if (f.err)
			return -1;
	}
	return c->err ? -1 : 0;
}

/* Decode the body into a fresh entry. */
static int decode_map(bp_decoder *d, bp_event *ev, bp_cursor *c, uint64_t id, uint16_t flags,
		      tm_entry *e, bp_err *err)
{
	bp_table_map *m = &e->map;
	bp_arena *a = &e->arena;
	m->table_id = id;
	m->flags = flags;
	uint8_t dl = bp_cur_u8(c);
	const uint8_t *db = bp_cur_bytes(c, (size_t)dl + 1);
	uint8_t tl = bp_cur_u8(c);
	const uint8_t *tb = bp_cur_bytes(c, (size_t)tl + 1);
	uint64_t n = bp_cur_packed(c, NULL);
	if (c->err)
		return bp_decode_short(err, ev, c, "table map names");
	if (n > bp_cur_left(c) || n > 65535)
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt TABLE_MAP event: %llu columns in %zu bytes",
				  (unsigned long long)n, bp_cur_left(c));
	m->db = bp_arena_strndup(a, (const char *)db, dl);
	m->table = bp_arena_strndup(a, (const char *)tb, tl);
	m->n_columns = (uint32_t)n;
	m->columns = bp_arena_alloc(a, (n ? n : 1) * sizeof(bp_column));
	if (!m->db || !m->table || !m->columns)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	memset(m->columns, 0, (n ? n : 1) * sizeof(bp_column));
	const uint8_t *types = bp_cur_bytes(c, n);
	if (c->err)
		return bp_decode_short(err, ev, c, "table map column types");
	/* MySQL < 5.1.18 wrote no metadata block and no NULL bitmap */
	bool old_format = bp_cur_left(c) == 0;
	uint64_t mlen = old_format ? 0 : bp_cur_packed(c, NULL);
	const uint8_t *meta = bp_cur_bytes(c, mlen);
	if (c->err)
		return bp_decode_short(err, ev, c, "table map metadata");
	bp_cursor mc;
	bp_cur_init(&mc, meta, mlen);
	m->no_metadata = old_format;
	for (uint32_t i = 0; i < n; i++) {
		bp_column *col = &m->columns[i];
		col->type = types[i];
		col->visible = true;
		if (old_format) {
			col->real_type = col->type;
			continue;
		}
		if (bp_column_meta_read(&mc, col->type, &col->meta))
			return BP_ERR_SET(err, BP_E_CORRUPT,
					  "corrupt TABLE_MAP event for %s.%s: metadata of column %u (%s) past its %llu bytes",
					  m->db, m->table, i + 1, bp_coltype_name(col->type), (unsigned long long)mlen);
		bp_column_resolve(col);
	}
	if (old_format) {
		for (uint32_t i = 0; i < n; i++)
			m->columns[i].nullable = true;
		return 0;
	}
	const uint8_t *nulls = bp_cur_bytes(c, (n + 7) / 8);
	if (c->err)
		return bp_decode_short(err, ev, c, "table map null bitmap");
	for (uint32_t i = 0; i < n; i++)
		m->columns[i].nullable = (nulls[i / 8] >> (i % 8)) & 1;
	int r = optional_metadata(c, m, a);
	if (r == -2)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	if (r)
		return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt TABLE_MAP event for %s.%s: bad optional metadata",
				  m->db, m->table);
	return 0;
}

int bp_decode_table_map(bp_decoder *d, bp_event *ev, bp_cursor *c, bp_err *err)
{
	unsigned ph = bp_format_post_header(&d->fmt, BP_EV_TABLE_MAP);
	uint64_t id = ph == 6 ? bp_cur_u32(c) : bp_cur_u48(c);
	uint16_t flags = bp_cur_u16(c);
	if (c->err)
		return bp_decode_short(err, ev, c, "table map post-header");
	if (ph > 8)
		bp_cur_skip(c, ph - 8);
	const uint8_t *body = c->p;
	size_t body_len = bp_cur_left(c);

	tm_entry *old = find(d->tables, id);
	if (old && old->raw_len == body_len && old->map.flags == flags && memcmp(old->raw, body, body_len) == 0) {
		ev->table_map = &old->map;
		return 0;
	}
	tm_entry *e = calloc(1, sizeof(*e));
	if (!e)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	bp_arena_init(&e->arena, 1024 + body_len * 2);
	e->raw = bp_arena_memdup(&e->arena, body, body_len);
	e->raw_len = body_len;
	int r = e->raw ? decode_map(d, ev, c, id, flags, e, err) : BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	if (r) {
		entry_free(e);
		return r;
	}
	if (old)
		remove_id(d->tables, id);
	if (d->tables->count >= TM_MAX)
		bp_tmcache_clear(d->tables);
	size_t h = hash_id(id);
	e->next = d->tables->bucket[h];
	d->tables->bucket[h] = e;
	d->tables->count++;
	ev->table_map = &e->map;
	return 0;
}
