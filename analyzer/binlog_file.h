/*
 * binlog_file.h: stream the events of one binary or relay log file.
 *
 * The reader frames events (header, length, checksum) from a file or stdin
 * through a fixed read buffer (memory stays flat: the buffer grows only to the
 * largest single event), hands each to the decoder, and expands
 * TRANSACTION_PAYLOAD events: after the payload event itself, the next calls
 * return the events inside it, with ev->in_payload set and ev->pos their offset
 * inside the uncompressed payload.
 *
 * Errors carry the path and the byte offset of the event at fault. After an
 * error the caller may stop, or call bp_reader_skip to go on with the next event
 * (or resynchronise on the next plausible header when the framing is broken).
 */
#ifndef BP_ANALYZER_BINLOG_FILE_H
#define BP_ANALYZER_BINLOG_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "../common/err.h"
#include "decode.h"
#include "event.h"

typedef struct bp_reader bp_reader;

typedef struct bp_reader_opts {
	bool verify_checksum;       /* default true */
	uint64_t start_position;    /* seek here after the first FDE (0 = from the start) */
} bp_reader_opts;

#define BP_READER_OPTS_INIT { true, 0 }

/* Open path ("-" reads stdin). Fails with BP_E_IO, BP_E_NOT_BINLOG, BP_E_ENCRYPTED. */
int bp_reader_open(bp_reader **out, const char *path, const bp_reader_opts *opts, bp_err *err);

/*
 * Next event: returns 1 and points *ev at it (valid until the next call), 0 at
 * the end of the file, or a negative bp_errcode with err filled.
 */
int bp_reader_next(bp_reader *r, const bp_event **ev, bp_err *err);

/* After an error from bp_reader_next: go on past the damage. Returns 1 when
 * reading can go on, 0 when nothing readable is left. */
int bp_reader_skip(bp_reader *r);

const bp_format *bp_reader_format(const bp_reader *r);
const char *bp_reader_path(const bp_reader *r);
/* Bytes consumed so far, and the file size (0 when unknown, e.g. a pipe). */
uint64_t bp_reader_offset(const bp_reader *r);
uint64_t bp_reader_size(const bp_reader *r);
/* The decoder (for its notice hook and counters). */
bp_decoder *bp_reader_decoder(bp_reader *r);

void bp_reader_free(bp_reader *r);

/* CRC-32 (ISO-HDLC, as zlib) of a binlog event, with the FDE in-use flag masked. */
uint32_t bp_event_crc(const uint8_t *raw, uint32_t len_without_crc, bool mask_in_use);

#endif
