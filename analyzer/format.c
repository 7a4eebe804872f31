/*
 * format.c: log format state from FORMAT_DESCRIPTION / START_V3 events.
 *
 * Default post-header lengths for logs whose FDE does not list a type follow
 * MySQL libs/mysql/binlog/event/control_events.cpp (Format_description_event
 * constructor) and MariaDB sql/log_event.cc.
 */
#include "format.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* v4 post-header lengths (MySQL 8.0 / MariaDB 10.x values) */
static const struct {
	uint8_t type, len;
} default_post_header[] = {
	{ BP_EV_START_V3, 56 },      { BP_EV_QUERY, 13 },        { BP_EV_STOP, 0 },
	{ BP_EV_ROTATE, 8 },         { BP_EV_INTVAR, 0 },        { BP_EV_LOAD, 18 },
	{ BP_EV_SLAVE, 0 },          { BP_EV_CREATE_FILE, 4 },   { BP_EV_APPEND_BLOCK, 4 },
	{ BP_EV_EXEC_LOAD, 4 },      { BP_EV_DELETE_FILE, 4 },   { BP_EV_NEW_LOAD, 18 },
	{ BP_EV_RAND, 0 },           { BP_EV_USER_VAR, 0 },      { BP_EV_FORMAT_DESCRIPTION, 84 },
	{ BP_EV_XID, 0 },            { BP_EV_BEGIN_LOAD_QUERY, 4 }, { BP_EV_EXECUTE_LOAD_QUERY, 26 },
	{ BP_EV_TABLE_MAP, 8 },      { BP_EV_PRE_GA_WRITE_ROWS, 8 }, { BP_EV_PRE_GA_UPDATE_ROWS, 8 },
	{ BP_EV_PRE_GA_DELETE_ROWS, 8 }, { BP_EV_WRITE_ROWS_V1, 8 }, { BP_EV_UPDATE_ROWS_V1, 8 },
	{ BP_EV_DELETE_ROWS_V1, 8 }, { BP_EV_INCIDENT, 2 },      { BP_EV_HEARTBEAT, 0 },
	{ BP_EV_IGNORABLE, 0 },      { BP_EV_ROWS_QUERY, 0 },    { BP_EV_WRITE_ROWS, 10 },
	{ BP_EV_UPDATE_ROWS, 10 },   { BP_EV_DELETE_ROWS, 10 },  { BP_EV_GTID, 42 },
	{ BP_EV_ANONYMOUS_GTID, 42 }, { BP_EV_PREVIOUS_GTIDS, 0 }, { BP_EV_TRANSACTION_CONTEXT, 18 },
	{ BP_EV_VIEW_CHANGE, 52 },   { BP_EV_XA_PREPARE, 0 },    { BP_EV_PARTIAL_UPDATE_ROWS, 10 },
	{ BP_EV_TRANSACTION_PAYLOAD, 0 }, { BP_EV_HEARTBEAT_V2, 0 }, { BP_EV_GTID_TAGGED, 42 },
	{ BP_EV_ANNOTATE_ROWS, 0 },  { BP_EV_BINLOG_CHECKPOINT, 4 }, { BP_EV_MARIADB_GTID, 19 },
	{ BP_EV_MARIADB_GTID_LIST, 4 }, { BP_EV_START_ENCRYPTION, 0 }, { BP_EV_QUERY_COMPRESSED, 13 },
	{ BP_EV_WRITE_ROWS_COMPRESSED_V1, 8 }, { BP_EV_UPDATE_ROWS_COMPRESSED_V1, 8 },
	{ BP_EV_DELETE_ROWS_COMPRESSED_V1, 8 }, { BP_EV_WRITE_ROWS_COMPRESSED, 10 },
	{ BP_EV_UPDATE_ROWS_COMPRESSED, 10 }, { BP_EV_DELETE_ROWS_COMPRESSED, 10 },
};

static void identity_map(bp_format *f)
{
	for (unsigned i = 0; i < 256; i++)
		f->type_map[i] = (uint8_t)i;
	f->permuted = false;
}

static void set_defaults(bp_format *f)
{
	identity_map(f);
	memset(f->post_header, 0, sizeof(f->post_header));
	for (size_t i = 0; i < sizeof(default_post_header) / sizeof(default_post_header[0]); i++)
		f->post_header[default_post_header[i].type - 1] = default_post_header[i].len;
}

void bp_format_init(bp_format *f)
{
	memset(f, 0, sizeof(*f));
	f->binlog_version = 4;
	f->header_len = 19;
	f->checksum_alg = BP_CHECKSUM_UNDEF;
	set_defaults(f);
}

void bp_format_set_v1v3(bp_format *f, uint16_t binlog_version, const char *server_version)
{
	set_defaults(f);
	f->binlog_version = binlog_version;
	f->header_len = binlog_version == 1 ? 13 : 19;
	f->checksum_alg = BP_CHECKSUM_UNDEF;
	f->n_post_header = 0;
	/* 3.23 and 4.x: QUERY has no status variables (11 bytes), LOAD is 18 */
	f->post_header[BP_EV_QUERY - 1] = 11;
	f->post_header[BP_EV_START_V3 - 1] = 56;
	f->post_header[BP_EV_ROTATE - 1] = binlog_version == 1 ? 0 : 8;
	f->post_header[BP_EV_CREATE_FILE - 1] = 4; /* v3: create file has load post-header + 4, handled by decoder */
	snprintf(f->server_version, sizeof(f->server_version), "%s", server_version);
	f->mariadb = strstr(server_version, "MariaDB") != NULL;
	f->version_product = bp_version_product(server_version);
	f->known = true;
}

uint8_t bp_format_post_header(const bp_format *f, unsigned type)
{
	if (type == 0 || type > 255)
		return 0;
	return f->post_header[type - 1];
}

uint32_t bp_version_product(const char *v)
{
	unsigned long part[3] = { 0, 0, 0 };
	const char *p = v;
	for (int i = 0; i < 3; i++) {
		char *end;
		if (*p < '0' || *p > '9') /* strtoul would take "-5" as a huge number */
			break;
		part[i] = strtoul(p, &end, 10);
		if (end == p)
			break;
		p = end;
		if (*p != '.')
			break;
		p++;
	}
	if (part[0] > 999) /* keep major*10000 inside uint32_t */
		part[0] = 999;
	if (part[1] > 99)
		part[1] = 99;
	if (part[2] > 99)
		part[2] = 99;
	return (uint32_t)(part[0] * 10000 + part[1] * 100 + part[2]);
}

bool bp_format_version_has_checksum(const char *server_version)
{
	uint32_t v = bp_version_product(server_version);
	if (strstr(server_version, "MariaDB"))
		return v >= 50300;
	return v >= 50601;
}

void bp_format_apply_permutation(bp_format *f)
{
	const char *v = f->server_version;
	bool drop = strlen(v) >= 13 && v[0] == '5' && v[1] == '.' && v[3] == '.' && strncmp(v + 5, "-a_drop", 7) == 0 &&
		    ((v[2] == '1' && v[4] >= '1' && v[4] <= '5' && v[12] == '5') ||
		     (v[2] == '1' && v[4] == '4' && v[12] == '6') ||
		     (v[2] == '2' && v[4] >= '0' && v[4] <= '2' && v[12] == '6'));
	identity_map(f);
	if (!drop)
		return;
	static const uint8_t old_to_new[7] = {
		BP_EV_TABLE_MAP, BP_EV_PRE_GA_WRITE_ROWS, BP_EV_PRE_GA_UPDATE_ROWS, BP_EV_PRE_GA_DELETE_ROWS,
		BP_EV_XID, BP_EV_BEGIN_LOAD_QUERY, BP_EV_EXECUTE_LOAD_QUERY,
	};
	uint8_t ph[7];
	for (unsigned i = 0; i < 7; i++)
		ph[i] = f->post_header[16 + i - 1];
	for (unsigned i = 0; i < 7; i++) {
		f->type_map[16 + i] = old_to_new[i];
		f->post_header[old_to_new[i] - 1] = ph[i];
	}
	f->permuted = true;
}
