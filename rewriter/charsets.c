/*
 * charsets.c: collation id (as TABLE_MAP charset metadata carries it) to the
 * charset name a literal's introducer uses.
 *
 * Sources: MariaDB 10.11.19 information_schema.COLLATION_CHARACTER_SET_APPLICABILITY
 * (its COLLATIONS view shows the UCA 14.0.0 collations with a NULL id), and
 * MySQL 8.0's INFORMATION_SCHEMA.COLLATIONS (ids 1..323).
 *
 * Below 1024 the two servers agree on every id both define. Ids only one of
 * them has: MySQL 76 (utf8mb3_tolower_ci), 248-250 (gb18030), 255-323 (the
 * utf8mb4 *_0900_* collations; MariaDB 11.4.5+ maps the same ids to utf8mb4
 * too); MariaDB 576-578, 608-610, 640-642, 672-674, 736-738 (the
 * *_croatian_mysql561_ci / *_myanmar_ci / *_thai_520_w2 family), the NO PAD
 * block and the UCA 14.0.0 block (rules below). No id names two different
 * charsets, so one table serves both servers.
 *
 * Not covered: MariaDB 11.5+ *_general1400_as_ci ids and user-defined
 * collations (MySQL 1024-2047 from Index.xml): NULL, so values of such
 * columns are written in the exact binary form.
 */
#include "literal.h"

#include <strings.h>

typedef struct cs_range {
	uint16_t lo, hi;
	const char *cs;
} cs_range;

/* Sorted, disjoint; each range is one charset. Gaps are ids no server defines. */
static const cs_range ranges[] = {
	{ 1, 1, "big5" }, { 2, 2, "latin2" }, { 3, 3, "dec8" }, { 4, 4, "cp850" },
	{ 5, 5, "latin1" }, { 6, 6, "hp8" }, { 7, 7, "koi8r" }, { 8, 8, "latin1" },
	{ 9, 9, "latin2" }, { 10, 10, "swe7" }, { 11, 11, "ascii" }, { 12, 12, "ujis" },
	{ 13, 13, "sjis" }, { 14, 14, "cp1251" }, { 15, 15, "latin1" }, { 16, 16, "hebrew" },
	{ 18, 18, "tis620" }, { 19, 19, "euckr" }, { 20, 20, "latin7" }, { 21, 21, "latin2" },
	{ 22, 22, "koi8u" }, { 23, 23, "cp1251" }, { 24, 24, "gb2312" }, { 25, 25, "greek" },
	{ 26, 26, "cp1250" }, { 27, 27, "latin2" }, { 28, 28, "gbk" }, { 29, 29, "cp1257" },
	{ 30, 30, "latin5" }, { 31, 31, "latin1" }, { 32, 32, "armscii8" }, { 33, 33, "utf8mb3" },
	{ 34, 34, "cp1250" }, { 35, 35, "ucs2" }, { 36, 36, "cp866" }, { 37, 37, "keybcs2" },
	{ 38, 38, "macce" }, { 39, 39, "macroman" }, { 40, 40, "cp852" }, { 41, 42, "latin7" },
	{ 43, 43, "macce" }, { 44, 44, "cp1250" }, { 45, 46, "utf8mb4" }, { 47, 49, "latin1" },
	{ 50, 52, "cp1251" }, { 53, 53, "macroman" }, { 54, 55, "utf16" }, { 56, 56, "utf16le" },
	{ 57, 57, "cp1256" }, { 58, 59, "cp1257" }, { 60, 61, "utf32" }, { 62, 62, "utf16le" },
	{ 63, 63, "binary" }, { 64, 64, "armscii8" }, { 65, 65, "ascii" }, { 66, 66, "cp1250" },
	{ 67, 67, "cp1256" }, { 68, 68, "cp866" }, { 69, 69, "dec8" }, { 70, 70, "greek" },
	{ 71, 71, "hebrew" }, { 72, 72, "hp8" }, { 73, 73, "keybcs2" }, { 74, 74, "koi8r" },
	{ 75, 75, "koi8u" }, { 76, 76, "utf8mb3" }, { 77, 77, "latin2" }, { 78, 78, "latin5" },
	{ 79, 79, "latin7" }, { 80, 80, "cp850" }, { 81, 81, "cp852" }, { 82, 82, "swe7" },
	{ 83, 83, "utf8mb3" }, { 84, 84, "big5" }, { 85, 85, "euckr" }, { 86, 86, "gb2312" },
	{ 87, 87, "gbk" }, { 88, 88, "sjis" }, { 89, 89, "tis620" }, { 90, 90, "ucs2" },
	{ 91, 91, "ujis" }, { 92, 93, "geostd8" }, { 94, 94, "latin1" }, { 95, 96, "cp932" },
	{ 97, 98, "eucjpms" }, { 99, 99, "cp1250" }, { 101, 124, "utf16" }, { 128, 151, "ucs2" },
	{ 159, 159, "ucs2" }, { 160, 183, "utf32" }, { 192, 215, "utf8mb3" }, { 223, 223, "utf8mb3" },
	{ 224, 247, "utf8mb4" }, { 248, 250, "gb18030" }, { 255, 271, "utf8mb4" }, { 273, 275, "utf8mb4" },
	{ 277, 294, "utf8mb4" }, { 296, 298, "utf8mb4" }, { 300, 300, "utf8mb4" }, { 303, 323, "utf8mb4" },
	{ 576, 578, "utf8mb3" }, { 608, 610, "utf8mb4" }, { 640, 642, "ucs2" }, { 672, 674, "utf16" },
	{ 736, 738, "utf32" },
};

static const char *lookup(unsigned id)
{
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (id < ranges[mid].lo)
			hi = mid;
		else if (id > ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].cs;
	}
	return NULL;
}

/* MariaDB 10.10+ UCA 14.0.0 collations (strings/ctype-uca1400.h): the id is
 * 2048 + (charset slot << 8) + (tailoring << 3) + (pad, accent, case flags). */
static const char *const uca1400_slots[] = { "utf8mb3", "utf8mb4", "ucs2", "utf16", "utf32" };

const char *bp_collation_charset(unsigned id)
{
	if (id >= 2048) {
		unsigned slot = (id - 2048) >> 8;
		return slot < sizeof(uca1400_slots) / sizeof(uca1400_slots[0]) ? uca1400_slots[slot] : NULL;
	}
	/* MariaDB's NO PAD collations are MY_NOPAD_ID(x) = 1024 + x, x the PAD SPACE
	 * collation they copy (latin1_nopad_bin 1071 = 1024 + latin1_bin 47).
	 * MySQL's ids below 1024 only: 1024 + a MySQL-only id (76, 248..) is no
	 * MariaDB collation either. */
	if (id >= 1024)
		return id < 1024 + 256 && id - 1024 != 76 && id - 1024 < 248 ? lookup(id - 1024) : NULL;
	return lookup(id);
}

bool bp_charset_ascii_compatible(const char *cs)
{
	static const char *const wide[] = {
		"ucs2", "utf16", "utf16le", "utf32",
		/* 7-bit, but 0x40 0x5b-0x5e 0x60 0x7b-0x7e are Swedish letters, so an
		 * ASCII literal would not convert to the same bytes */
		"swe7",
	};
	if (!cs)
		return false;
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strcasecmp(cs, wide[i]) == 0)
			return false;
	return true;
}
