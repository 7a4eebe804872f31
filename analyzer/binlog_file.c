/*
 * binlog_file.c: framing, checksums and payload expansion for one log file.
 *
 * File layout: magic "\xfe" "bin" (4 bytes), then events back to back. MySQL
 * 8.0 encrypted logs start "\xfd" "bin" (a 512-byte key header follows); MariaDB
 * encrypted logs have a START_ENCRYPTION event after the FDE. Neither is
 * supported: both are refused with BP_E_ENCRYPTED.
 *
 * Checksums: when the current FDE says CRC32, each event ends with the CRC-32
 * of everything before it; the FDE's own CRC is computed with the in-use flag
 * (LOG_EVENT_BINLOG_IN_USE_F) cleared, since the server sets and clears that
 * flag in place without rewriting the CRC.
 *
 * Follows MySQL sql/binlog_istream.cc and MariaDB client/mysqlbinlog.cc.
 */
#include "binlog_file.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "../common/crc32.h"

#define READ_CHUNK (1u << 20)
#define RESYNC_WINDOW (16u << 20) /* give up resynchronising after 16 MiB of garbage */

struct bp_reader {
	char *path;
	int fd;
	bool own_fd;
	bp_reader_opts opts;
	uint64_t size;          /* 0 if unknown */
	/* read buffer: bytes [beg, end) of buf are file bytes starting at file offset buf_off */
	uint8_t *buf;
	size_t cap, beg, end;
	uint64_t buf_off;
	bool eof;
	/* decoding */
	bp_decoder dec;
	bp_event ev;
	uint64_t n_events;      /* top-level events returned */
	bool seen_fde;
	bool seeked;
	/* last failure, for bp_reader_skip */
	uint64_t fail_pos;
	uint32_t fail_len;      /* framed length of the failing event, 0 if framing broke */
	bool fail_checksum;     /* it failed its CRC: its length may be the damaged part */
	bool fail_in_payload;
	bool encrypted;         /* START_ENCRYPTION seen: nothing after it is readable */
	/* TRANSACTION_PAYLOAD expansion */
	uint8_t *pbuf;
	size_t pcap, plen, ppos;
	uint64_t payload_pos;
	bool in_payload;
	ZSTD_DCtx *zctx;
};

uint32_t bp_event_crc(const uint8_t *raw, uint32_t len, bool mask_in_use)
{
	if (mask_in_use && len >= 19 && (raw[17] & BP_LOG_EVENT_BINLOG_IN_USE_F)) {
		uint8_t hdr[19];
		memcpy(hdr, raw, 19);
		hdr[17] &= (uint8_t)~BP_LOG_EVENT_BINLOG_IN_USE_F;
		return bp_crc32(bp_crc32(0, hdr, 19), raw + 19, len - 19);
	}
	return bp_crc32(0, raw, len);
}

static int set_loc(bp_reader *r, bp_err *err, int rc, uint64_t pos)
{
	if (err) {
		err->path = r->path;
		err->offset = (int64_t)pos;
	}
	return rc;
}

/* Make at least n bytes available from buf[beg]. Returns the bytes available (< n only at EOF). */
static long fill(bp_reader *r, size_t n, bp_err *err)
{
	while (r->end - r->beg < n && !r->eof) {
		if (r->cap - r->beg < n) {
			/* move the unread tail to the front, grow if the event is bigger than the buffer */
			if (r->beg) {
				memmove(r->buf, r->buf + r->beg, r->end - r->beg);
				r->buf_off += r->beg;
				r->end -= r->beg;
				r->beg = 0;
			}
			if (r->cap < n) {
				size_t nc = r->cap;
				while (nc < n)
					nc *= 2;
				uint8_t *nb = realloc(r->buf, nc);
				if (!nb) {
					BP_ERR_SET(err, BP_E_NOMEM, "out of memory for a %zu-byte event", n);
					return -BP_E_NOMEM;
				}
				r->buf = nb;
				r->cap = nc;
			}
		}
		size_t room = r->cap - r->end;
		if (room > 4 * READ_CHUNK)
			room = 4 * READ_CHUNK;
		ssize_t got = read(r->fd, r->buf + r->end, room);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			BP_ERR_SET(err, BP_E_IO, "read failed: %s", strerror(errno));
			return -BP_E_IO;
		}
		if (got == 0)
			r->eof = true;
		r->end += (size_t)got;
	}
	return (long)(r->end - r->beg);
}

static uint64_t cur_off(const bp_reader *r) { return r->buf_off + r->beg; }

int bp_reader_open(bp_reader **out, const char *path, const bp_reader_opts *opts, bp_err *err)
{
	bp_reader *r = calloc(1, sizeof(*r));
	*out = NULL;
	if (!r)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	r->path = strdup(path);
	r->opts = opts ? *opts : (bp_reader_opts)BP_READER_OPTS_INIT;
	r->cap = 4 * READ_CHUNK;
	if (!r->path || bp_decoder_init(&r->dec)) {
		bp_reader_free(r);
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
	}
	if (strcmp(path, "-") == 0) {
		r->fd = 0;
	} else {
		r->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (r->fd < 0) {
			int e = errno;
			BP_ERR_SET(err, BP_E_IO, "cannot open: %s", strerror(e));
			if (err)
				err->path = path; /* the caller's string: r->path dies with r */
			bp_reader_free(r);
			return -BP_E_IO;
		}
		r->own_fd = true;
		struct stat st;
		if (fstat(r->fd, &st) == 0 && S_ISREG(st.st_mode)) {
			r->size = (uint64_t)st.st_size;
#ifdef POSIX_FADV_SEQUENTIAL
			posix_fadvise(r->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
		}
	}
	/* a small file gets a buffer of its size (a power of two, at least 64 KiB), not
	 * the full 4 MiB: fill() still grows it for anything bigger */
	if (r->size && r->size < r->cap) {
		size_t c = 64 * 1024;
		while (c < r->size)
			c *= 2;
		if (c < r->cap)
			r->cap = c;
	}
#ifdef BP_READER_TEST_BUF
	/* tests/fuzz/run.sh: a tiny first buffer, so that fill() moves and grows it */
	r->cap = BP_READER_TEST_BUF;
#endif
	r->buf = malloc(r->cap);
	if (!r->buf) {
		BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		if (err)
			err->path = path;
		bp_reader_free(r);
		return -BP_E_NOMEM;
	}
	long n = fill(r, 4, err);
	if (n < 0) {
		if (err)
			err->path = path;
		bp_reader_free(r);
		return (int)n;
	}
	const uint8_t *m = r->buf;
	int rc = 0;
	if (n >= 4 && m[0] == 0xfe && memcmp(m + 1, "bin", 3) == 0) {
		r->beg = 4;
		*out = r;
		return 0;
	}
	if (n >= 4 && m[0] == 0xfd && memcmp(m + 1, "bin", 3) == 0)
		rc = BP_ERR_SET(err, BP_E_ENCRYPTED,
				"encrypted log (MySQL binlog_encryption), not supported: decrypt it with "
				"the server first (e.g. mysqlbinlog --read-from-remote-server)");
	else if (n < 4)
		rc = BP_ERR_SET(err, BP_E_NOT_BINLOG, "not a binary log: %ld bytes, shorter than the 4-byte magic", n);
	else
		rc = BP_ERR_SET(err, BP_E_NOT_BINLOG,
				"not a binary log: magic is %02x %02x %02x %02x, expected fe 62 69 6e", m[0], m[1],
				m[2], m[3]);
	if (err) {
		err->path = path;
		err->offset = 0;
	}
	/* path in err must outlive r: callers pass a path they own */
	bp_reader_free(r);
	return rc;
}

void bp_reader_free(bp_reader *r)
{
	if (!r)
		return;
	if (r->own_fd)
		close(r->fd);
	bp_decoder_release(&r->dec);
	ZSTD_freeDCtx(r->zctx);
	free(r->pbuf);
	free(r->buf);
	free(r->path);
	free(r);
}

const bp_format *bp_reader_format(const bp_reader *r) { return &r->dec.fmt; }
const char *bp_reader_path(const bp_reader *r) { return r->path; }
uint64_t bp_reader_offset(const bp_reader *r) { return cur_off(r); }
uint64_t bp_reader_size(const bp_reader *r) { return r->size; }
bp_decoder *bp_reader_decoder(bp_reader *r) { return &r->dec; }

static int decompress_payload(bp_reader *r, const bp_event *ev, bp_err *err)
{
	const bp_ev_payload *p = &ev->payload;
	if (p->compression_type != 0 && p->compression_type != 255)
		return BP_ERR_SET(err, BP_E_UNSUPPORTED, "TRANSACTION_PAYLOAD with unknown compression type %u",
				  p->compression_type);
	uint64_t want = p->uncompressed_size;
	if (p->compression_type == 255)
		want = p->data_len;
	if (p->compression_type == 0) {
		unsigned long long fs = ZSTD_getFrameContentSize(p->data, p->data_len);
		if (fs == ZSTD_CONTENTSIZE_ERROR)
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt TRANSACTION_PAYLOAD: not a zstd frame");
		if (fs != ZSTD_CONTENTSIZE_UNKNOWN && (!want || fs > want))
			want = fs;
	}
	if (want > BP_MAX_EVENT_SIZE)
		return BP_ERR_SET(err, BP_E_CORRUPT, "TRANSACTION_PAYLOAD of %" PRIu64 " bytes exceeds the 1 GiB cap",
				  want);
	if (r->pcap < want + 1) {
		uint8_t *nb = realloc(r->pbuf, want + 1);
		if (!nb)
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory for a %" PRIu64 "-byte payload", want);
		r->pbuf = nb;
		r->pcap = want + 1;
	}
	if (p->compression_type == 255) {
		memcpy(r->pbuf, p->data, p->data_len);
		r->plen = p->data_len;
	} else {
		if (!r->zctx && !(r->zctx = ZSTD_createDCtx()))
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory");
		size_t got = ZSTD_decompressDCtx(r->zctx, r->pbuf, r->pcap - 1, p->data, p->data_len);
		if (ZSTD_isError(got))
			return BP_ERR_SET(err, BP_E_CORRUPT, "corrupt TRANSACTION_PAYLOAD: zstd: %s",
					  ZSTD_getErrorName(got));
		r->plen = got;
	}
	r->ppos = 0;
	r->payload_pos = ev->pos;
	r->in_payload = r->plen > 0;
	return 0;
}

static int next_in_payload(bp_reader *r, const bp_event **out, bp_err *err)
{
	size_t left = r->plen - r->ppos;
	uint64_t pos = r->ppos;
	const uint8_t *p = r->pbuf + r->ppos;
	unsigned hl = r->dec.fmt.header_len;
	if (left < hl) {
		r->in_payload = false;
		r->fail_in_payload = true;
		r->fail_len = 0;
		BP_ERR_SET(err, BP_E_CORRUPT,
			   "corrupt TRANSACTION_PAYLOAD at %" PRIu64 ": inner event at +%" PRIu64
			   " has %zu bytes, less than a header", r->payload_pos, pos, left);
		return set_loc(r, err, -BP_E_CORRUPT, r->payload_pos);
	}
	uint32_t len = (uint32_t)bp_le(p + 9, 4);
	if (len < hl || len > left) {
		r->in_payload = false;
		r->fail_in_payload = true;
		r->fail_len = 0;
		BP_ERR_SET(err, BP_E_CORRUPT,
			   "corrupt TRANSACTION_PAYLOAD at %" PRIu64 ": inner event at +%" PRIu64
			   " says %u bytes, %zu left in the payload", r->payload_pos, pos, len, left);
		return set_loc(r, err, -BP_E_CORRUPT, r->payload_pos);
	}
	r->ppos += len;
	if (r->ppos >= r->plen)
		r->in_payload = false;
	r->dec.in_payload = true;
	int rc = bp_event_decode(&r->dec, p, len, pos, &r->ev, err);
	r->dec.in_payload = false;
	r->ev.in_payload = true;
	r->ev.payload_pos = r->payload_pos;
	if (rc) {
		r->fail_in_payload = true;
		r->fail_len = len;
		char tmp[sizeof(err->msg)];
		snprintf(tmp, sizeof(tmp), "%.400s (inside TRANSACTION_PAYLOAD at %" PRIu64 ", inner event at +%" PRIu64 ")",
			 err->msg, r->payload_pos, pos);
		memcpy(err->msg, tmp, sizeof(tmp));
		return set_loc(r, err, rc, r->payload_pos);
	}
	*out = &r->ev;
	return 1;
}

int bp_reader_next(bp_reader *r, const bp_event **out, bp_err *err)
{
	if (r->in_payload)
		return next_in_payload(r, out, err);
	if (r->encrypted)
		return 0;

	uint64_t pos = cur_off(r);
	r->fail_pos = pos;
	r->fail_len = 0;
	r->fail_checksum = false;
	r->fail_in_payload = false;
	long n = fill(r, 13, err);
	if (n < 0)
		return set_loc(r, err, (int)n, pos);
	if (n == 0) {
		if (!r->seen_fde)
			return set_loc(r, err, BP_ERR_SET(err, BP_E_NO_FDE, "log ends before any format description event"),
				       pos);
		return 0;
	}
	if (n < 13)
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_TRUNCATED,
					  "truncated event header: %ld of 13 bytes before end of file", n),
			       pos);
	const uint8_t *h = r->buf + r->beg;
	uint8_t type = r->dec.fmt.type_map[h[4]];
	uint32_t len = (uint32_t)bp_le(h + 9, 4);
	unsigned min_len = r->dec.fmt.binlog_version == 1 ? 13 : 19;
	if (!r->seen_fde && type != BP_EV_FORMAT_DESCRIPTION && type != BP_EV_START_V3)
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_NO_FDE,
					  "no format description event: first event has type %u (%s), length %u",
					  type, bp_event_type_name(type) ? bp_event_type_name(type) : "unknown", len),
			       pos);
	if (len < min_len || len > BP_MAX_EVENT_SIZE)
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_CORRUPT, "corrupt event header: type %u, length %u (must be %u..%u)",
					  type, len, min_len, BP_MAX_EVENT_SIZE),
			       pos);
	if (r->size && pos + len > r->size)
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_TRUNCATED,
					  "truncated %s event: header says %u bytes, %" PRIu64 " left in the file",
					  bp_event_type_name(type) ? bp_event_type_name(type) : "unknown", len,
					  r->size - pos),
			       pos);
	n = fill(r, len, err);
	if (n < 0)
		return set_loc(r, err, (int)n, pos);
	if ((uint32_t)n < len)
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_TRUNCATED,
					  "truncated %s event: header says %u bytes, %ld left in the input",
					  bp_event_type_name(type) ? bp_event_type_name(type) : "unknown", len, n),
			       pos);
	h = r->buf + r->beg;
	r->fail_len = len;
	r->beg += len;

	/* verify the checksum before decoding anything from the bytes (the FDE says for itself) */
	bp_format prev = r->dec.fmt;
	bool is_fde = type == BP_EV_FORMAT_DESCRIPTION;
	if (!is_fde && r->opts.verify_checksum && r->dec.fmt.checksum_alg == BP_CHECKSUM_CRC32) {
		uint32_t want = (uint32_t)bp_le(h + len - 4, 4);
		uint32_t got = bp_event_crc(h, len - 4, false);
		r->fail_checksum = want != got;
		if (want != got)
			return set_loc(r, err,
				       BP_ERR_SET(err, BP_E_CHECKSUM,
						  "checksum mismatch in %s event: stored crc32 %08x, computed %08x",
						  bp_event_type_name(type) ? bp_event_type_name(type) : "unknown", want, got),
				       pos);
	}
	int rc = bp_event_decode(&r->dec, h, len, pos, &r->ev, err);
	if (rc)
		return set_loc(r, err, rc, pos);
	if (is_fde && r->opts.verify_checksum && r->ev.fde.checksum_alg == BP_CHECKSUM_CRC32) {
		uint32_t want = (uint32_t)bp_le(h + len - 4, 4);
		uint32_t got = bp_event_crc(h, len - 4, true);
		if (want != got) {
			r->fail_checksum = true;
			r->dec.fmt = prev;
			return set_loc(r, err,
				       BP_ERR_SET(err, BP_E_CHECKSUM,
						  "checksum mismatch in FORMAT_DESCRIPTION event: stored crc32 %08x, computed %08x",
						  want, got),
				       pos);
		}
	}
	if (type == BP_EV_FORMAT_DESCRIPTION || type == BP_EV_START_V3)
		r->seen_fde = true;
	if (type == BP_EV_START_ENCRYPTION) {
		r->encrypted = true;
		return set_loc(r, err,
			       BP_ERR_SET(err, BP_E_ENCRYPTED,
					  "encrypted log (MariaDB encrypt_binlog): events after this START_ENCRYPTION "
					  "cannot be read, not supported"),
			       pos);
	}
	if (type == BP_EV_TRANSACTION_PAYLOAD) {
		rc = decompress_payload(r, &r->ev, err);
		if (rc)
			return set_loc(r, err, rc, pos);
	}
	r->n_events++;
	/* --start-position: jump once the format is known (as mysqlbinlog does) */
	if (!r->seeked && r->seen_fde && r->opts.start_position > cur_off(r) && !r->in_payload) {
		r->seeked = true;
		uint64_t target = r->opts.start_position;
		if (r->own_fd && r->size && lseek(r->fd, (off_t)target, SEEK_SET) == (off_t)target) {
			r->beg = r->end = 0;
			r->buf_off = target;
			r->eof = false;
		}
		/* pipes: the caller filters by position instead */
	}
	*out = &r->ev;
	return 1;
}

/* Resynchronisation reads at most this much of a candidate event to check it */
#define RESYNC_MAX_CHECK (64u << 20)

static bool sane_header(const bp_reader *r, const uint8_t *h, uint64_t off)
{
	uint8_t type = r->dec.fmt.type_map[h[4]];
	uint32_t len = (uint32_t)bp_le(h + 9, 4);
	return bp_event_type_name(type) && type != BP_EV_UNKNOWN && len >= 19 && len <= BP_MAX_EVENT_SIZE &&
	       (!r->size || off + len <= r->size);
}

/*
 * Is there a plausible event at buf[i] (file offset off)? With CRC32 its
 * checksum must verify. Without, either its log_pos points just past it, or it
 * ends the file, or another sane header follows it (log_pos is relative in
 * relay logs and v3 logs, so it alone cannot decide).
 */
static bool plausible(const bp_reader *r, size_t i, uint64_t off)
{
	const uint8_t *h = r->buf + i;
	size_t avail = r->end - i;
	if (avail < 19 || !sane_header(r, h, off))
		return false;
	uint8_t type = r->dec.fmt.type_map[h[4]];
	uint32_t len = (uint32_t)bp_le(h + 9, 4);
	uint32_t next = (uint32_t)bp_le(h + 13, 4);
	if (r->dec.fmt.checksum_alg == BP_CHECKSUM_CRC32 && len <= RESYNC_MAX_CHECK) {
		if (avail < len)
			return false;
		return bp_le(h + len - 4, 4) == bp_event_crc(h, len - 4, type == BP_EV_FORMAT_DESCRIPTION);
	}
	if (next == (uint32_t)(off + len))
		return true;
	if (r->size && off + len == r->size)
		return true;
	return avail >= (size_t)len + 19 && sane_header(r, h + len, off + len);
}

/* Read what plausible() looks at for the candidate at buf[beg]. */
static void fill_candidate(bp_reader *r)
{
	uint32_t len = (uint32_t)bp_le(r->buf + r->beg + 9, 4);
	if (len >= 19 && len <= RESYNC_MAX_CHECK && (!r->size || cur_off(r) + len <= r->size))
		fill(r, (size_t)len + 19, NULL);
}

/* After a checksum mismatch: does a valid event (or the end of the file) follow it? */
static bool valid_event_follows(bp_reader *r)
{
	long n = fill(r, 19, NULL);
	if (n == 0)
		return true;
	if (n < 19)
		return false;
	fill_candidate(r);
	return plausible(r, r->beg, cur_off(r));
}

int bp_reader_skip(bp_reader *r)
{
	if (r->encrypted)
		return 0;
	if (r->fail_in_payload) {
		/* inner damage: the rest of the payload is skipped, the file goes on */
		r->in_payload = false;
		r->fail_in_payload = false;
		return 1;
	}
	if (!r->seen_fde)
		return 0;
	uint64_t start = r->fail_pos;
	uint64_t off = start + 1;
	if (r->fail_len && cur_off(r) == start + r->fail_len) {
		/* the event was framed: go on after it; but when its CRC failed the
		 * damage may be its length, so only if a valid event follows (else
		 * rescan from inside it: the real next event may start there) */
		if (!r->fail_checksum || valid_event_follows(r))
			return 1;
	} else if (off < cur_off(r)) {
		off = cur_off(r);
	}
	/* framing broke: scan forward for the next plausible header */
	/* position the buffer at off */
	if (off < r->buf_off || off > r->buf_off + r->end) {
		if (!r->own_fd || lseek(r->fd, (off_t)off, SEEK_SET) != (off_t)off)
			return 0;
		r->beg = r->end = 0;
		r->buf_off = off;
		r->eof = false;
	} else {
		r->beg = (size_t)(off - r->buf_off);
	}
	uint64_t scanned = 0;
	for (;;) {
		long n = fill(r, 19 + 4, NULL);
		if (n < 19)
			return 0;
		fill_candidate(r);
		if (plausible(r, r->beg, cur_off(r)))
			return 1;
		r->beg++;
		if (++scanned > RESYNC_WINDOW)
			return 0;
	}
}
