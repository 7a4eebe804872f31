/*
 * format.h: what the current FORMAT_DESCRIPTION (or START_V3) says about how
 * to read the events after it: header length, post-header lengths, checksum
 * algorithm, server flavour and version.
 *
 * A relay log holds several FDEs (the replica's own, then the source's); each
 * replaces the format for the events that follow it, as in mysqlbinlog.
 */
#ifndef BP_ANALYZER_FORMAT_H
#define BP_ANALYZER_FORMAT_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/err.h"
#include "event.h"

#define BP_BINLOG_MAGIC_LEN 4
#define BP_CHECKSUM_NONE 0
#define BP_CHECKSUM_CRC32 1
#define BP_CHECKSUM_UNDEF 255
#define BP_MAX_EVENT_SIZE (1u << 30) /* 1 GiB, MySQL's max_log_event_size */

typedef struct bp_format {
	uint16_t binlog_version;    /* 1 (3.23), 3 (4.x), 4 (5.0+) */
	uint8_t header_len;         /* common header length: 13, 19, or more */
	uint8_t checksum_alg;       /* BP_CHECKSUM_* */
	bool mariadb;               /* server version string says MariaDB */
	uint32_t version_product;   /* major*10000 + minor*100 + patch */
	char server_version[51];
	uint8_t post_header[256];   /* post-header length by type-1 */
	uint16_t n_post_header;     /* entries that came from the FDE */
	bool known;                 /* an FDE/START_V3 was read */
	bool permuted;              /* 5.1/5.2 "-a_drop" builds numbered events differently */
	uint8_t type_map[256];      /* type byte as written -> bp_event_type (identity unless permuted) */
} bp_format;

/* Defaults before any FDE: assume a v4 log with a 19-byte header. */
void bp_format_init(bp_format *f);
/* Format for a v1 (3.23) or v3 (4.0/4.1) log after its START_V3 event. */
void bp_format_set_v1v3(bp_format *f, uint16_t binlog_version, const char *server_version);
/* Post-header length for an event type (defaults where the FDE did not list it). */
uint8_t bp_format_post_header(const bp_format *f, unsigned type);
/* True when an FDE from this server version carries the checksum-algorithm byte
 * (MySQL >= 5.6.1, MariaDB >= 5.3). */
bool bp_format_version_has_checksum(const char *server_version);
/* Set up the event-type permutation of MySQL 5.1.1-5.1.5 "-a_drop5" and
 * 5.1.4/5.2.0-5.2.2 "-a_drop6" builds (as MySQL's Format_description_event does):
 * their types 16..22 are TABLE_MAP, PRE_GA_WRITE/UPDATE/DELETE_ROWS, XID,
 * BEGIN_LOAD_QUERY, EXECUTE_LOAD_QUERY. Called after the post-header table is set. */
void bp_format_apply_permutation(bp_format *f);
/* Parse "X.Y.Z-..." into X*10000+Y*100+Z. */
uint32_t bp_version_product(const char *server_version);

#endif
