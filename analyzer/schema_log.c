/*
 * schema_log.c: the schema tracker — DDL from QUERY events applied to the
 * model, TABLE_MAP events checked against it, column names handed out.
 */
#include "schema_log.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SLOTS 256

typedef struct names_slot {
	bool used;
	uint64_t table_id;
	bp_names_status status;
	uint32_t n;
	char **names;              /* owned */
} names_slot;

typedef struct mismatch {
	char *db, *table;
} mismatch;

struct bp_schema_tracker {
	bp_schema *s;
	void (*notice)(void *ctx, const char *path, uint64_t pos, const char *msg);
	void *notice_ctx;
	names_slot slot[SLOTS];
	mismatch *mm;              /* tables reported as mismatched (reported once) */
	size_t n_mm;
	bp_schema_track_stats stats;
};

static void default_notice(void *ctx, const char *path, uint64_t pos, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "binprime: notice: %s:%" PRIu64 ": %s\n", path, pos, msg);
}

bp_schema_tracker *bp_schema_tracker_new(bp_schema *s)
{
	bp_schema_tracker *tr = calloc(1, sizeof(*tr));
	if (!tr)
		return NULL;
	tr->s = s;
	tr->notice = default_notice;
	return tr;
}

static void slot_clear(names_slot *sl)
{
	for (uint32_t i = 0; i < sl->n; i++)
		free(sl->names[i]);
	free(sl->names);
	memset(sl, 0, sizeof(*sl));
}

static void clear_mismatches(bp_schema_tracker *tr)
{
	for (size_t i = 0; i < tr->n_mm; i++) {
		free(tr->mm[i].db);
		free(tr->mm[i].table);
	}
	free(tr->mm);
	tr->mm = NULL;
	tr->n_mm = 0;
}

void bp_schema_tracker_free(bp_schema_tracker *tr)
{
	if (!tr)
		return;
	for (size_t i = 0; i < SLOTS; i++)
		slot_clear(&tr->slot[i]);
	clear_mismatches(tr);
	free(tr);
}

void bp_schema_tracker_on_notice(bp_schema_tracker *tr,
				 void (*fn)(void *ctx, const char *path, uint64_t pos, const char *msg), void *ctx)
{
	tr->notice = fn ? fn : default_notice;
	tr->notice_ctx = ctx;
}

bp_schema_track_stats bp_schema_tracker_stats(const bp_schema_tracker *tr) { return tr->stats; }

static names_slot *slot_for(bp_schema_tracker *tr, uint64_t id, bool create)
{
	size_t h = (size_t)((id * 0x9E3779B97F4A7C15ULL) >> 56) % SLOTS;
	for (size_t k = 0; k < SLOTS; k++) {
		names_slot *sl = &tr->slot[(h + k) % SLOTS];
		if (sl->used && sl->table_id == id)
			return sl;
		if (!sl->used)
			return create ? sl : NULL;
	}
	if (!create)
		return NULL;
	/* full: forget all (maps are re-sent before every statement) */
	for (size_t i = 0; i < SLOTS; i++)
		slot_clear(&tr->slot[i]);
	return &tr->slot[h];
}

/* ---- types ------------------------------------------------------------------------ */

void bp_table_map_type_text(const bp_column *c, char *out, size_t size)
{
	const char *uns = c->has_signedness && c->is_unsigned ? " unsigned" : "";
	unsigned t = c->real_type ? c->real_type : c->type;
	switch (t) {
	case BP_T_TINY: snprintf(out, size, "tinyint%s", uns); break;
	case BP_T_SHORT: snprintf(out, size, "smallint%s", uns); break;
	case BP_T_INT24: snprintf(out, size, "mediumint%s", uns); break;
	case BP_T_LONG: snprintf(out, size, "int%s", uns); break;
	case BP_T_LONGLONG: snprintf(out, size, "bigint%s", uns); break;
	case BP_T_FLOAT: snprintf(out, size, "float%s", uns); break;
	case BP_T_DOUBLE: snprintf(out, size, "double%s", uns); break;
	case BP_T_NEWDECIMAL: snprintf(out, size, "decimal(%u,%u)%s", c->meta >> 8, c->meta & 0xff, uns); break;
	case BP_T_DATETIME2: snprintf(out, size, c->meta ? "datetime(%u)" : "datetime", c->meta); break;
	case BP_T_TIMESTAMP2: snprintf(out, size, c->meta ? "timestamp(%u)" : "timestamp", c->meta); break;
	case BP_T_TIME2: snprintf(out, size, c->meta ? "time(%u)" : "time", c->meta); break;
	case BP_T_BIT: snprintf(out, size, "bit(%u)", (c->meta >> 8) * 8 + (c->meta & 0xff)); break;
	default: {
		const char *n = bp_coltype_name(t);
		size_t i = 0;
		for (; n[i] && i + 1 < size; i++)
			out[i] = (char)tolower((unsigned char)n[i]);
		out[i] = 0;
	}
	}
}

/* the binlog type class a type belongs to: equal classes agree */
static unsigned type_class(unsigned t)
{
	switch (t) {
	case BP_T_TIMESTAMP: case BP_T_TIMESTAMP2: return BP_T_TIMESTAMP2;
	case BP_T_DATETIME: case BP_T_DATETIME2: return BP_T_DATETIME2;
	case BP_T_TIME: case BP_T_TIME2: return BP_T_TIME2;
	case BP_T_DATE: case BP_T_NEWDATE: return BP_T_DATE;
	case BP_T_VARCHAR: case BP_T_VAR_STRING: return BP_T_VARCHAR;
	case BP_T_FLOAT: case BP_T_DOUBLE: return BP_T_DOUBLE; /* float(p) may be either */
	case BP_T_DECIMAL: case BP_T_NEWDECIMAL: return BP_T_NEWDECIMAL;
	case BP_T_ENUM: case BP_T_SET: case BP_T_STRING: return BP_T_STRING;
	case BP_T_TINY_BLOB: case BP_T_MEDIUM_BLOB: case BP_T_LONG_BLOB: case BP_T_BLOB:
	case BP_T_JSON: /* MariaDB JSON is LONGTEXT */
		return BP_T_BLOB;
	default: return t;
	}
}

bool bp_schema_types_agree(const bp_column *mc, const bp_sch_column *sc)
{
	if (!sc->binlog_type)
		return true; /* a type the model does not know: cannot tell */
	if (type_class(mc->type) == type_class(sc->binlog_type))
		return true;
	/* a JSON column: MySQL writes JSON, MariaDB a BLOB */
	return sc->binlog_type == BP_T_JSON && mc->type == BP_T_BLOB;
}

/* ---- DDL ------------------------------------------------------------------------- */

/* Does the statement start (after spaces and comments) with a DDL verb? */
static bool looks_like_ddl(const char *q, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (isspace((unsigned char)q[i])) {
			i++;
		} else if (i + 1 < n && q[i] == '/' && q[i + 1] == '*') {
			if (i + 2 < n && (q[i + 2] == '!' || q[i + 2] == 'M')) {
				/* executable comment: its content is the statement */
				i += 2;
				while (i < n && (q[i] == '!' || q[i] == 'M' || isdigit((unsigned char)q[i])))
					i++;
				continue;
			}
			const char *e = NULL;
			for (size_t k = i + 2; k + 1 < n; k++)
				if (q[k] == '*' && q[k + 1] == '/') {
					e = q + k;
					break;
				}
			if (!e)
				return false;
			i = (size_t)(e - q) + 2;
		} else if (q[i] == '#' || (i + 2 < n && q[i] == '-' && q[i + 1] == '-' && isspace((unsigned char)q[i + 2]))) {
			while (i < n && q[i] != '\n')
				i++;
		} else {
			break;
		}
	}
	static const char *const verbs[] = { "create", "alter", "drop", "rename", "truncate" };
	for (size_t v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++) {
		size_t l = strlen(verbs[v]);
		if (n - i > l && strncasecmp(q + i, verbs[v], l) == 0 && !isalnum((unsigned char)q[i + l]) &&
		    q[i + l] != '_')
			return true;
	}
	return false;
}

static void ddl(bp_schema_tracker *tr, const char *path, const bp_event *ev)
{
	const bp_ev_query *q = &ev->query;
	if (!looks_like_ddl(q->query, q->query_len))
		return;
	char msg[256] = "";
	int rc = bp_schema_apply_sql(tr->s, q->db_len ? q->db : NULL, q->query, q->query_len, msg, sizeof(msg));
	if (rc > 0) {
		tr->stats.ddl_applied++;
		if (msg[0]) { /* applied, but with something the model could not know (e.g. CREATE ... SELECT) */
			char text[512];
			snprintf(text, sizeof(text), "DDL applied with a warning: %s", msg);
			tr->notice(tr->notice_ctx, path, ev->in_payload ? ev->payload_pos : ev->pos, text);
		}
		/* names handed out before may be stale; mismatches are re-checked at the next TABLE_MAP */
		for (size_t i = 0; i < SLOTS; i++)
			slot_clear(&tr->slot[i]);
		clear_mismatches(tr);
	} else if (rc < 0) {
		tr->stats.ddl_failed++;
		char text[512];
		snprintf(text, sizeof(text), "DDL not understood, the schema model may be stale: %s", msg);
		tr->notice(tr->notice_ctx, path, ev->in_payload ? ev->payload_pos : ev->pos, text);
	}
}

/* ---- TABLE_MAP ------------------------------------------------------------------------- */

static bool reported(const bp_schema_tracker *tr, const char *db, const char *table)
{
	for (size_t i = 0; i < tr->n_mm; i++)
		if (strcmp(tr->mm[i].db, db) == 0 && strcmp(tr->mm[i].table, table) == 0)
			return true;
	return false;
}

static void mark_reported(bp_schema_tracker *tr, const char *db, const char *table)
{
	mismatch *m = realloc(tr->mm, (tr->n_mm + 1) * sizeof(*m));
	if (!m)
		return;
	tr->mm = m;
	m[tr->n_mm].db = bp_strdup0(db);
	m[tr->n_mm].table = bp_strdup0(table);
	if (m[tr->n_mm].db && m[tr->n_mm].table)
		tr->n_mm++;
}

/* A table the model does not hold: add it from the TABLE_MAP. */
static bp_sch_table *table_from_map(bp_schema_tracker *tr, const bp_table_map *m)
{
	bp_sch_table *t = bp_sch_table_new(m->db, m->table);
	if (!t)
		return NULL;
	t->sources = BP_SRC_TABLE_MAP;
	char name[32], type[64];
	for (uint32_t i = 0; i < m->n_columns; i++) {
		const bp_column *mc = &m->columns[i];
		snprintf(name, sizeof(name), "@%u", i + 1);
		bp_sch_column *c = bp_sch_add_column(t, mc->name ? mc->name : name);
		if (!c)
			goto fail;
		bp_table_map_type_text(mc, type, sizeof(type));
		bp_sch_column_set_type(c, type);
		c->binlog_type = mc->type; /* what the log says, exactly */
		c->nullable = mc->nullable;
		c->invisible = !mc->visible;
	}
	if (m->has_primary_key) {
		bp_sch_index *pk = bp_sch_add_index(t, NULL, BP_IDX_PRIMARY);
		for (uint32_t k = 0; pk && k < m->n_pk; k++) {
			bp_sch_keypart *kp = bp_sch_add_keypart(pk, t->columns[m->pk_columns[k]].name);
			if (kp)
				kp->prefix = m->pk_prefix[k];
		}
	}
	if (bp_schema_put(tr->s, t))
		goto fail;
	tr->stats.tables_from_map++;
	return t;
fail:
	bp_sch_table_free(t);
	return NULL;
}

static void table_map(bp_schema_tracker *tr, const char *path, const bp_event *ev)
{
	const bp_table_map *m = ev->table_map;
	names_slot *sl = slot_for(tr, m->table_id, true);
	slot_clear(sl);
	sl->used = true;
	sl->table_id = m->table_id;
	sl->status = BP_NAMES_UNKNOWN;
	bp_sch_table *t = bp_schema_lookup(tr->s, m->db, m->table);
	bool map_names = m->has_column_names;
	/* unknown, known only from an earlier map, or created without known columns
	 * (CREATE TABLE ... SELECT the parser could not follow): take the map's */
	if (!t || t->n_columns == 0 || (t->sources == BP_SRC_TABLE_MAP && (map_names || t->n_columns != m->n_columns))) {
		t = table_from_map(tr, m);
		if (!t)
			return;
	}
	char why[200] = "";
	if (t->n_columns != m->n_columns) {
		snprintf(why, sizeof(why), "TABLE_MAP has %u columns, the schema model %u", m->n_columns, t->n_columns);
	} else {
		for (uint32_t i = 0; i < m->n_columns && !why[0]; i++) {
			char mt[64];
			if (!bp_schema_types_agree(&m->columns[i], &t->columns[i])) {
				bp_table_map_type_text(&m->columns[i], mt, sizeof(mt));
				snprintf(why, sizeof(why), "column %u is %s in the TABLE_MAP, %s `%s` in the schema model",
					 i + 1, mt, t->columns[i].type ? t->columns[i].type : "?", t->columns[i].name);
			} else if (map_names && m->columns[i].name && strcasecmp(m->columns[i].name, t->columns[i].name)) {
				snprintf(why, sizeof(why), "column %u is `%s` in the TABLE_MAP, `%s` in the schema model",
					 i + 1, m->columns[i].name, t->columns[i].name);
			}
		}
	}
	if (why[0]) {
		sl->status = BP_NAMES_MISMATCH;
		if (!reported(tr, m->db, m->table)) {
			char text[400];
			snprintf(text, sizeof(text), "schema mismatch for %s.%s: %s; its events get no column names",
				 m->db, m->table, why);
			tr->notice(tr->notice_ctx, path, ev->in_payload ? ev->payload_pos : ev->pos, text);
			tr->stats.mismatches++;
			mark_reported(tr, m->db, m->table);
		}
		return;
	}
	bool names_known = t->sources != BP_SRC_TABLE_MAP || map_names;
	if (!names_known)
		return;
	sl->names = calloc(m->n_columns ? m->n_columns : 1, sizeof(char *));
	if (!sl->names)
		return;
	for (uint32_t i = 0; i < m->n_columns; i++) {
		if (!(sl->names[i] = bp_strdup0(t->columns[i].name))) {
			slot_clear(sl);
			return;
		}
		sl->n++;
	}
	sl->used = true;
	sl->table_id = m->table_id;
	sl->status = BP_NAMES_OK;
}

void bp_schema_tracker_event(bp_schema_tracker *tr, const char *path, const bp_event *ev)
{
	switch (ev->h.type) {
	case BP_EV_QUERY:
	case BP_EV_QUERY_COMPRESSED:
		ddl(tr, path, ev);
		break;
	case BP_EV_TABLE_MAP:
		table_map(tr, path, ev);
		break;
	default:
		break;
	}
}

const char *const *bp_schema_tracker_names(bp_schema_tracker *tr, const bp_table_map *m, bp_names_status *status)
{
	names_slot *sl = m ? slot_for(tr, m->table_id, false) : NULL;
	if (!sl || sl->n != m->n_columns || sl->status != BP_NAMES_OK) {
		*status = sl ? (sl->status == BP_NAMES_OK ? BP_NAMES_UNKNOWN : sl->status) : BP_NAMES_UNKNOWN;
		return NULL;
	}
	*status = BP_NAMES_OK;
	return (const char *const *)sl->names;
}
