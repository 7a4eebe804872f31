/*
 * seedgen.c: cut binlog files into seeds for the fuzz harness's second input
 * mode (SEL EVENTS..., see fuzz_decoder.c): the events after the format
 * description event, in slices of about CHUNK bytes (whole events only, cut
 * before a GTID or QUERY event where possible so row events keep their table
 * map), each prefixed with the selector byte that makes the harness build a
 * matching FDE (flavour, checksum).
 *
 *   seedgen OUTDIR CHUNK FILE...
 *
 * Self-contained on purpose (no library code): it must not trip over the bugs
 * the fuzzer is looking for. Files it cannot place (not v4, an unusual header
 * length, a permuted 5.1 "-a_drop" build) are skipped. Prints the seed count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t le32(const uint8_t *p) { return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24; }

static int version_has_alg(const char *v)
{
	unsigned long a = strtoul(v, NULL, 10);
	const char *d = strchr(v, '.');
	unsigned long b = d ? strtoul(d + 1, NULL, 10) : 0;
	const char *e = d ? strchr(d + 1, '.') : NULL;
	unsigned long c = e ? strtoul(e + 1, NULL, 10) : 0;
	unsigned long p = a * 10000 + b * 100 + c;
	if (strstr(v, "MariaDB"))
		return p >= 50300;
	return p >= 50601;
}

static unsigned seeds;

static void emit(const char *dir, const char *base, unsigned idx, uint8_t sel, const uint8_t *p, size_t n)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s.%u", dir, base, idx);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	fputc(sel, f);
	fwrite(p, 1, n, f);
	if (fclose(f) != 0) {
		perror(path);
		exit(1);
	}
	seeds++;
}

static void cut(const char *dir, size_t chunk, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (cap - len < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf)
				exit(1);
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		if (!got)
			break;
		len += got;
	}
	fclose(f);
	if (len < 4 + 19 + 57 || memcmp(buf, "\xfe" "bin", 4) != 0 || buf[4 + 4] != 15)
		goto out;
	uint32_t fde_len = le32(buf + 4 + 9);
	if (fde_len < 19 + 57 || 4 + (size_t)fde_len > len || buf[4 + 19] != 4 || buf[4 + 19 + 56] != 19)
		goto out;
	char ver[51];
	memcpy(ver, buf + 4 + 21, 50);
	ver[50] = 0;
	if (strstr(ver, "-a_drop"))
		goto out;
	int has_alg = version_has_alg(ver);
	int crc = has_alg && buf[4 + fde_len - 5] == 1;
	unsigned fl;
	if (strstr(ver, "MariaDB"))
		fl = 0;
	else if (!has_alg)
		fl = 3;
	else if (atoi(ver) >= 8)
		fl = 1;
	else
		fl = 2;
	uint8_t sel = (uint8_t)(fl | (crc ? 4 : 0));

	char base[256];
	const char *slash = strrchr(path, '/');
	snprintf(base, sizeof(base), "%.200s", slash ? slash + 1 : path);
	for (char *c = base; *c; c++)
		if (*c == '.' || *c == ' ')
			*c = '_';
	/* a hash of the whole path keeps equal file names from different dirs apart */
	uint32_t h = 2166136261u;
	for (const char *c = path; *c; c++)
		h = (h ^ (uint8_t)*c) * 16777619u;
	char tag[300];
	snprintf(tag, sizeof(tag), "%s-%08x", base, h);

	size_t pos = 4 + fde_len, start = pos;
	unsigned idx = 0;
	while (pos + 19 <= len) {
		uint32_t el = le32(buf + pos + 9);
		if (el < 19 || pos + el > len)
			break;
		uint8_t t = buf[pos + 4];
		int boundary = t == 2 || t == 33 || t == 34 || t == 42 || t == 162;
		if (pos > start && ((boundary && pos - start >= chunk) || pos - start + el > 4 * chunk)) {
			emit(dir, tag, idx++, sel, buf + start, pos - start);
			start = pos;
		}
		pos += el;
	}
	if (pos > start)
		emit(dir, tag, idx++, sel, buf + start, pos - start);
out:
	free(buf);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: seedgen OUTDIR CHUNK FILE...\n");
		return 2;
	}
	size_t chunk = strtoul(argv[2], NULL, 10);
	if (!chunk)
		chunk = 16384;
	for (int i = 3; i < argc; i++)
		cut(argv[1], chunk, argv[i]);
	printf("%u\n", seeds);
	return 0;
}
