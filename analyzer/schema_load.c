/*
 * schema_load.c: read a schema file of any form and hand it to its loader;
 * the helpers the XML and TSV loaders share (schema_load_int.h).
 *
 * Forms are told apart by content, never by file name (bp_schema_detect):
 *   XML  the text (after an optional UTF-8 BOM and white space) starts with
 *        "<?xml" or "<mysqldump"                          schema_xml.c
 *   TSV  the first line holds tabs and information_schema column names
 *        (TABLE_SCHEMA and TABLE_NAME, or CONSTRAINT_SCHEMA and
 *        CONSTRAINT_NAME), as `mariadb -B` / `mysql -B` print them      schema_tsv.c
 *   SQL  anything else that is text (mysqldump / mariadb-dump, mydumper
 *        schema files, a file of CREATE TABLE statements)  schema_sql.c
 * A NUL byte in the first 4 KiB means binary data (say, a binary log given by
 * mistake): that is reported, not parsed as SQL.
 *
 * Reading: regular files of 64 KiB and more are mapped (mmap, read-only, with
 * MADV_SEQUENTIAL), so a multi-gigabyte full dump costs address space, not
 * memory, and no size cap applies; the loaders take size_t lengths and the XML
 * loader feeds libxml2 in chunks. Smaller files, pipes and "-" (stdin) are read
 * into memory, up to 1 GiB. Dumps compressed with gzip or zstd (recognised by
 * their magic numbers) are decompressed into memory, also up to 1 GiB.
 */
#include "schema_load_int.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#define READ_CAP ((size_t)1 << 30) /* read-in-full and decompression limit */
#define MMAP_MIN ((size_t)64 << 10)  /* map regular files from this size on */

/* ---- form detection ------------------------------------------------------------ */

/* Does the tab-separated header line p[0..n) name information_schema columns? */
static bool is_tsv_header(const char *p, size_t n)
{
	if (!memchr(p, '\t', n))
		return false;
	bool tschema = false, tname = false, cschema = false, cname = false;
	size_t i = 0;
	while (i <= n) {
		size_t j = i;
		while (j < n && p[j] != '\t')
			j++;
		size_t len = j - i;
		if (len && p[i + len - 1] == '\r')
			len--;
#define IS(w) (len == sizeof(w) - 1 && strncasecmp(p + i, w, len) == 0)
		tschema |= IS("TABLE_SCHEMA");
		tname |= IS("TABLE_NAME");
		cschema |= IS("CONSTRAINT_SCHEMA");
		cname |= IS("CONSTRAINT_NAME");
#undef IS
		i = j + 1;
	}
	return (tschema && tname) || (cschema && cname);
}

bp_sch_form bp_schema_detect(const char *head, size_t n)
{
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
		head += 3;
		n -= 3;
	}
	if (memchr(head, 0, n < 4096 ? n : 4096))
		return BP_SCH_FORM_UNKNOWN;
	size_t i = 0;
	while (i < n && isspace((unsigned char)head[i]))
		i++;
	if ((n - i >= 5 && memcmp(head + i, "<?xml", 5) == 0) || (n - i >= 10 && memcmp(head + i, "<mysqldump", 10) == 0))
		return BP_SCH_FORM_XML;
	const char *nl = memchr(head, '\n', n);
	if (is_tsv_header(head, nl ? (size_t)(nl - head) : n))
		return BP_SCH_FORM_TSV;
	return BP_SCH_FORM_SQL;
}

/* ---- reading files -------------------------------------------------------------- */

/* A file's contents: mapped, or malloc'd (owned). */
typedef struct file_text {
	char *data;
	size_t n;
	bool mapped;
} file_text;

static void text_release(file_text *t)
{
	if (t->mapped)
		munmap(t->data, t->n);
	else
		free(t->data);
	memset(t, 0, sizeof(*t));
}

static void set_path(bp_err *err, const char *path)
{
	if (err)
		err->path = path;
}

/* Read fd to its end into t (malloc'd), at most READ_CAP bytes. */
static int read_all(int fd, file_text *t, const char *path, bp_err *err)
{
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap);
	if (!p)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory reading schema file");
	for (;;) {
		if (n == cap) {
			if (cap >= READ_CAP) {
				free(p);
				BP_ERR_SET(err, BP_E_IO, "schema file larger than %zu bytes (not a regular file: cannot map it)",
					   READ_CAP);
				set_path(err, path);
				return -BP_E_IO;
			}
			char *q = realloc(p, cap * 2);
			if (!q) {
				free(p);
				return BP_ERR_SET(err, BP_E_NOMEM, "out of memory reading schema file");
			}
			p = q;
			cap *= 2;
		}
		ssize_t r = read(fd, p + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(p);
			BP_ERR_SET(err, BP_E_IO, "read failed: %s", strerror(e));
			set_path(err, path);
			return -BP_E_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	t->data = p;
	t->n = n;
	t->mapped = false;
	return 0;
}

static int read_file(const char *path, file_text *t, bp_err *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;
		BP_ERR_SET(err, BP_E_IO, "cannot open schema file: %s", strerror(e));
		set_path(err, path);
		return -BP_E_IO;
	}
	struct stat st;
	int rc = -1;
	bool have_st = fstat(fd, &st) == 0;
	if (have_st && S_ISDIR(st.st_mode)) {
		BP_ERR_SET(err, BP_E_IO, "schema file is a directory");
		set_path(err, path);
		rc = -BP_E_IO;
	} else if (have_st && S_ISREG(st.st_mode) && (size_t)st.st_size >= MMAP_MIN) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
			t->data = m;
			t->n = (size_t)st.st_size;
			t->mapped = true;
			rc = 0;
		}
	}
	if (rc == -1)
		rc = read_all(fd, t, path, err);
	if (!is_stdin)
		close(fd);
	return rc;
}

/* Decompress gzip (zlib) or zstd input into a new malloc'd text, at most
 * READ_CAP bytes. Errors in the compressed data are I/O errors of the file. */
static int decompress(const file_text *in, file_text *out, bool zstd, const char *path, bp_err *err)
{
	size_t cap = in->n * 4 + (1 << 16), n = 0;
	if (cap > READ_CAP)
		cap = READ_CAP;
	char *p = malloc(cap);
	if (!p)
		return BP_ERR_SET(err, BP_E_NOMEM, "out of memory decompressing schema file");
	const char *why = NULL;
	z_stream z;
	ZSTD_DStream *zs = NULL;
	ZSTD_inBuffer zin = { in->data, in->n, 0 };
	memset(&z, 0, sizeof(z));
	if (zstd) {
		zs = ZSTD_createDStream();
		if (!zs || ZSTD_isError(ZSTD_initDStream(zs)))
			why = "cannot start zstd";
	} else {
		/* 15 + 32: zlib or gzip header, detected */
		if (inflateInit2(&z, 15 + 32) != Z_OK)
			why = "cannot start zlib";
		z.next_in = (Bytef *)in->data;
	}
	size_t in_left = in->n;
	bool done = false;
	while (!why && !done) {
		if (n == cap) {
			if (cap >= READ_CAP) {
				why = "decompressed schema file larger than 1 GiB";
				break;
			}
			size_t nc = cap * 2 > READ_CAP ? READ_CAP : cap * 2;
			char *q = realloc(p, nc);
			if (!q) {
				why = "out of memory";
				break;
			}
			p = q;
			cap = nc;
		}
		if (zstd) {
			ZSTD_outBuffer zout = { p + n, cap - n, 0 };
			size_t r = ZSTD_decompressStream(zs, &zout, &zin);
			n += zout.pos;
			if (ZSTD_isError(r))
				why = ZSTD_getErrorName(r);
			else if (r == 0 && zin.pos == zin.size)
				done = true;
			else if (zin.pos == zin.size && zout.pos < zout.size)
				why = "truncated zstd data";
		} else {
			/* avail_in is a uInt: feed at most 1 GiB at a time */
			if (!z.avail_in && in_left) {
				z.avail_in = in_left > READ_CAP ? (uInt)READ_CAP : (uInt)in_left;
				in_left -= z.avail_in;
			}
			size_t room = cap - n > READ_CAP ? READ_CAP : cap - n;
			z.next_out = (Bytef *)p + n;
			z.avail_out = (uInt)room;
			int r = inflate(&z, Z_NO_FLUSH);
			n += room - z.avail_out;
			if (r == Z_STREAM_END && (z.avail_in || in_left))
				inflateReset(&z); /* concatenated gzip members (cat a.gz b.gz) */
			else if (r == Z_STREAM_END)
				done = true;
			else if (r == Z_BUF_ERROR && !z.avail_in && !in_left)
				why = "truncated gzip data";
			else if (r != Z_OK && r != Z_BUF_ERROR)
				why = z.msg ? z.msg : "corrupt gzip data";
		}
	}
	if (zstd)
		ZSTD_freeDStream(zs);
	else
		inflateEnd(&z);
	if (why) {
		free(p);
		if (strcmp(why, "out of memory") == 0)
			return BP_ERR_SET(err, BP_E_NOMEM, "out of memory decompressing schema file");
		BP_ERR_SET(err, BP_E_IO, "cannot decompress schema file: %s", why);
		set_path(err, path);
		return -BP_E_IO;
	}
	out->data = p;
	out->n = n;
	out->mapped = false;
	return 0;
}

int bp_schema_load_file(bp_schema *s, const char *path, bp_sch_diag *diag, bp_err *err)
{
	file_text t = { 0 };
	int rc = read_file(path, &t, err);
	if (rc)
		return rc;
	const unsigned char *u = (const unsigned char *)t.data;
	bool gz = t.n >= 2 && u[0] == 0x1f && u[1] == 0x8b;
	bool zst = t.n >= 4 && u[0] == 0x28 && u[1] == 0xb5 && u[2] == 0x2f && u[3] == 0xfd;
	if (gz || zst) {
		file_text plain = { 0 };
		rc = decompress(&t, &plain, zst, path, err);
		text_release(&t);
		if (rc)
			return rc;
		t = plain;
	}
	switch (bp_schema_detect(t.data, t.n)) {
	case BP_SCH_FORM_XML:
		rc = bp_schema_load_xml(s, t.data, t.n, path, diag);
		break;
	case BP_SCH_FORM_TSV:
		rc = bp_schema_load_tsv(s, t.data, t.n, path, diag);
		break;
	case BP_SCH_FORM_SQL: {
		/* a UTF-8 byte order mark is no SQL (XML and TSV loaders skip it themselves) */
		size_t bom = t.n >= 3 && memcmp(t.data, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
		rc = bp_schema_load_sql(s, t.data + bom, t.n - bom, path, NULL, diag);
		break;
	}
	default:
		bp_sch_diag_report(diag, path, 1, 1,
				   "binary data, not a schema dump (expected SQL, mysqldump --xml or information_schema TSV)");
		rc = 0;
		break;
	}
	text_release(&t);
	if (rc == -BP_E_NOMEM)
		BP_ERR_SET(err, BP_E_NOMEM, "out of memory loading schema file");
	else if (rc < 0)
		BP_ERR_SET(err, (bp_errcode)-rc, "cannot load schema file");
	if (rc < 0)
		set_path(err, path);
	return rc;
}

/* ---- helpers shared by the XML and TSV loaders ---------------------------------- */

bool bp_sch__has_word(const char *text, const char *word)
{
	size_t wn = strlen(word);
	for (const char *p = text; p && *p;) {
		while (*p && !(isalnum((unsigned char)*p) || *p == '_'))
			p++;
		const char *q = p;
		while (*q && (isalnum((unsigned char)*q) || *q == '_'))
			q++;
		if ((size_t)(q - p) == wn && strncasecmp(p, word, wn) == 0)
			return true;
		p = q;
	}
	return false;
}

bool bp_sch__parse_i64(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || !(isdigit((unsigned char)s[0]) || (s[0] == '-' && isdigit((unsigned char)s[1]))))
		return false;
	*out = v;
	return true;
}

bp_sch_table *bp_sch__table(bp_schema *s, const char *db, const char *name, bool create)
{
	bp_sch_table *t = bp_schema_lookup(s, db, name);
	if (t || !create)
		return t;
	t = bp_sch_table_new(db, name);
	if (t && bp_schema_put(s, t)) {
		bp_sch_table_free(t);
		t = NULL;
	}
	return t;
}

static int set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = NULL;
	if (src && *src && !(*dst = bp_strdup0(src)))
		return -1;
	return 0;
}

int bp_sch__column_from_row(bp_sch_column *c, const bp_sch__colrow *r)
{
	int rc = 0;
	if (!r->type || bp_sch_column_set_type(c, r->type) < 0)
		rc = -1;
	if (r->type && !c->type)
		return -2;
	if (r->nullable)
		c->nullable = strcasecmp(r->nullable, "YES") == 0;
	const char *x = r->extra;
	c->auto_increment = bp_sch__has_word(x, "auto_increment");
	c->invisible = bp_sch__has_word(x, "INVISIBLE");
	/* MariaDB: "VIRTUAL GENERATED", "STORED GENERATED" (10.2+), "PERSISTENT" before;
	 * MySQL 8: the same, and "DEFAULT_GENERATED" for expression defaults (one word,
	 * not a generated column) */
	c->generated_stored = bp_sch__has_word(x, "STORED") || bp_sch__has_word(x, "PERSISTENT");
	c->generated = c->generated_stored || bp_sch__has_word(x, "VIRTUAL") ||
		       (r->generated_expr && *r->generated_expr);
	/* a generated column has no DEFAULT clause, whatever SHOW COLUMNS says */
	const char *def = c->generated ? NULL : r->default_value;
	free(c->default_value);
	c->default_value = NULL;
	if ((def && !(c->default_value = bp_strdup0(def))) || set_str(&c->comment, r->comment) ||
	    set_str(&c->generated_expr, r->generated_expr) || set_str(&c->charset, r->charset) ||
	    set_str(&c->collation, r->collation))
		return -2;
	return rc;
}

/* sort key parts: by index name, then part number, then input position */
static int cmp_keyrow(const void *a, const void *b)
{
	const bp_sch__keyrow *x = a, *y = b;
	int c = strcasecmp(x->index, y->index);
	if (c)
		return c;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct keygroup {
	size_t first, n, order; /* rows[first..first+n), min input position */
} keygroup;

static int cmp_group(const void *a, const void *b)
{
	const keygroup *x = a, *y = b;
	return x->order < y->order ? -1 : x->order > y->order;
}

static bp_index_kind key_kind(const bp_sch__keyrow *r)
{
	if (strcasecmp(r->index, "PRIMARY") == 0)
		return BP_IDX_PRIMARY;
	if (r->index_type && strcasecmp(r->index_type, "FULLTEXT") == 0)
		return BP_IDX_FULLTEXT;
	if (r->index_type && strcasecmp(r->index_type, "SPATIAL") == 0)
		return BP_IDX_SPATIAL;
	return r->non_unique ? BP_IDX_KEY : BP_IDX_UNIQUE;
}

/* Build one index from its sorted rows; replace a same-named index in place. */
static int add_index(bp_sch_table *t, const bp_sch__keyrow *rows, size_t n, const char *path, bp_sch_diag *diag)
{
	uint32_t old;
	bool replace = bp_sch_find_index(t, rows[0].index, &old) != NULL;
	bp_sch_index *ix = bp_sch_add_index(t, rows[0].index, key_kind(&rows[0]));
	if (!ix)
		return -1;
	bool numbered = true;
	for (size_t k = 0; k < n; k++) {
		const bp_sch__keyrow *r = &rows[k];
		/* parts go up; a gap is allowed: STATISTICS leaves out hidden parts (the
		 * row_end of a system-versioned key) and SEQ_IN_INDEX keeps counting them */
		if (k && r->seq <= rows[k - 1].seq && numbered) {
			bp_sch_diag_report(diag, path, r->line, r->col,
					   "index `%s` of `%s`: key part %u repeats or goes back after %u",
					   r->index, t->name, r->seq, rows[k - 1].seq);
			numbered = false;
		}
		bp_sch_keypart *p = bp_sch_add_keypart(ix, r->column);
		if (!p || (r->expr && !r->column && !(p->expr = bp_strdup0(r->expr))))
			return -1;
		/* MariaDB and MySQL report Sub_part 32 for a SPATIAL key (its MBR),
		 * which SHOW CREATE TABLE does not write: no prefix */
		p->prefix = ix->kind == BP_IDX_SPATIAL ? 0 : r->sub_part;
		p->desc = r->collation && strcasecmp(r->collation, "D") == 0;
		p->cardinality = r->cardinality;
		ix->invisible |= r->invisible;
	}
	if (replace) {
		/* swap the new index into the old one's place, then drop the old one */
		uint32_t last = t->n_indexes - 1;
		bp_sch_index tmp = t->indexes[old];
		t->indexes[old] = t->indexes[last];
		t->indexes[last] = tmp;
		bp_sch_remove_index(t, last);
	}
	return 0;
}

int bp_sch__add_indexes(bp_sch_table *t, bp_sch__keyrow *rows, size_t n, const char *path, bp_sch_diag *diag)
{
	if (!n)
		return 0;
	qsort(rows, n, sizeof(*rows), cmp_keyrow);
	keygroup *g = malloc(n * sizeof(*g));
	if (!g)
		return -1;
	size_t ng = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && strcasecmp(rows[i].index, rows[i - 1].index) == 0) {
			g[ng - 1].n++;
			if (rows[i].order < g[ng - 1].order)
				g[ng - 1].order = rows[i].order;
		} else {
			g[ng++] = (keygroup){ i, 1, rows[i].order };
		}
	}
	qsort(g, ng, sizeof(*g), cmp_group);
	int rc = 0;
	for (size_t i = 0; i < ng && !rc; i++)
		rc = add_index(t, rows + g[i].first, g[i].n, path, diag);
	free(g);
	bp_sch_table_normalize(t);
	return rc;
}
