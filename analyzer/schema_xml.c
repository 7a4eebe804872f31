/*
 * schema_xml.c: load `mysqldump --xml` / `mariadb-dump --xml` output.
 *
 * The dump is SHOW FIELDS, SHOW KEYS and SHOW TABLE STATUS rows as attributes:
 *
 *   <mysqldump>
 *     <database name="shop">
 *       <table_structure name="orders">
 *         <field Field="id" Type="bigint(20) unsigned" Null="NO" Key="PRI"
 *                [Default="..."] Extra="auto_increment" Comment="" />
 *         <key Table="orders" Non_unique="0" Key_name="PRIMARY" Seq_in_index="1"
 *              Column_name="id" Collation="A" Cardinality="145" [Sub_part="8"]
 *              Null="" Index_type="BTREE" Comment="" Index_comment="" Ignored="NO" />
 *         <options Name="orders" Engine="InnoDB" Rows="145" Avg_row_length="112"
 *                  Data_length="16384" Index_length="32768" Create_options="" ... />
 *       </table_structure>
 *       <table_data name="orders"> <row> <field name="id">1</field> ... </table_data>
 *       <triggers>, <routines>, <events> ... (skipped)
 *     </database>
 *   </mysqldump>
 *
 * An attribute that is SQL NULL is left out (Default, Sub_part, Cardinality,
 * Column_name of a MySQL 8 functional key part, which has Expression instead).
 * Default="NULL" is DEFAULT NULL; string defaults are quoted ('new') by MariaDB
 * 10.2.7+, bare (new) by MySQL. Views have <field>s and <options Comment="VIEW">
 * without an Engine. Sequences (MariaDB) appear only as a CREATE SEQUENCE text
 * node and are not loaded. MySQL 8 marks invisible indexes Visible="NO", MariaDB
 * ignored ones Ignored="YES": both become bp_sch_index.invisible.
 *
 * What the XML form does not carry: foreign keys (SHOW KEYS has none, and the
 * dump has no SHOW CREATE TABLE), generation expressions of generated columns
 * (Extra only says VIRTUAL/STORED GENERATED), column character sets and
 * collations, CHECK constraints, partitioning clauses (only
 * Create_options="partitioned"), system versioning. When an XML table replaces a
 * table already in the model (say, from information_schema TSVs loaded first),
 * what the XML cannot say is kept from it: foreign keys, generation
 * expressions, column character sets and collations.
 *
 * Parsing: the <table_data> elements of a full dump never reach the XML
 * parser. mysqldump writes row values as they are, escaping only < > & and ",
 * so a binary column (NUL and other control bytes, invalid UTF-8) makes the
 * document ill-formed, and libxml2 stops for good at the first such byte.
 * Since '<' is always escaped inside them, a <table_data> element ends at the
 * first "</table_data>": the loader finds both ends with memchr/memmem
 * (skipping CDATA sections and comments, where mysqldump puts trigger and
 * routine bodies), feeds libxml2 only the newlines in between, so line numbers
 * stay true, and goes on. Memory stays flat and the rows cost little more than
 * a memmem. Everything else goes to libxml2's SAX2 push parser, 1 MiB at a
 * time; only the current table's rows are held. Options: XML_PARSE_NONET, no
 * entity substitution, no DTD loading, no XML_PARSE_HUGE; a document with a
 * <!DOCTYPE> is refused (reported, not loaded), so no entity it could declare
 * is ever expanded and no external file is named. XML_PARSE_RECOVER keeps the
 * parser going after well-formedness errors: each is reported with its line
 * and column and everything still well formed around it loads. (xmlReader
 * stops at the first error and drops the nodes of the chunk it was in.)
 * XML itself changes one thing in transit: attribute-value normalization turns
 * a tab or newline that mysqldump wrote raw (in a name, a comment, a default)
 * into a space; information_schema TSVs keep them.
 * A table whose </table_structure> never comes (truncated file) is reported
 * and not loaded: its column list may be cut short.
 */
#include "schema_load_int.h"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#include "../common/arena.h"

#define CHUNK (1 << 20)       /* bytes per xmlParseChunk call */
#define MAX_XML_ERRORS 50     /* libxml2 messages reported per file */

/* libxml2 2.12 made the structured error const */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_error_ptr;
#else
typedef xmlErrorPtr xml_error_ptr;
#endif

typedef struct xload {
	bp_schema *s;
	const char *path;
	bp_sch_diag *diag;
	xmlParserCtxtPtr px;
	int rc;                /* 0, or -BP_E_NOMEM (then everything is ignored) */
	unsigned depth;        /* depth of the current element (root = 1) */
	unsigned skip;         /* depth of a subtree being skipped, 0 = none */
	unsigned xml_errors;   /* libxml2 messages so far */
	char *db;              /* current <database name>, owned */
	bp_sch_table *t;       /* <table_structure> being read, owned until put */
	unsigned t_depth, t_line;
	bp_arena arena;        /* attribute strings of the current table (key rows keep theirs to its end) */
	bp_sch__keyrow *keys;  /* the current table's <key> rows */
	size_t n_keys, cap_keys;
} xload;

static unsigned line_of(xload *x) { return (unsigned)xmlSAX2GetLineNumber(x->px); }
static unsigned col_of(xload *x) { return (unsigned)xmlSAX2GetColumnNumber(x->px); }

/*
 * Attribute `name` (no namespace) of a SAX2 start tag, copied into the arena,
 * or NULL when absent. attrs holds 5 pointers per attribute: localname, prefix,
 * URI, value start, value end. Without entity substitution libxml2 hands back
 * '&' as "&#38;" (other predefined and character references are decoded).
 */
static const char *attr(xload *x, const xmlChar **attrs, int n, const char *name)
{
	for (int i = 0; i < n; i++) {
		const xmlChar **a = attrs + 5 * i;
		if (a[1] || strcmp((const char *)a[0], name) != 0)
			continue;
		const char *v = (const char *)a[3], *end = (const char *)a[4];
		char *d = bp_arena_alloc(&x->arena, (size_t)(end - v) + 1);
		if (!d) {
			x->rc = -BP_E_NOMEM;
			return NULL;
		}
		size_t k = 0;
		while (v < end) {
			if (end - v >= 5 && memcmp(v, "&#38;", 5) == 0) {
				d[k++] = '&';
				v += 5;
			} else {
				d[k++] = *v++;
			}
		}
		d[k] = 0;
		return d;
	}
	return NULL;
}

/* an optional number attribute; false (and a diagnostic) when present but bad */
static bool num_attr(xload *x, const xmlChar **attrs, int n, const char *name, int64_t *out, int64_t dflt)
{
	const char *v = attr(x, attrs, n, name);
	*out = dflt;
	if (!v)
		return true;
	if (bp_sch__parse_i64(v, out) && *out >= 0)
		return true;
	*out = dflt;
	bp_sch_diag_report(x->diag, x->path, line_of(x), col_of(x), "%s=\"%s\" is not a number", name, v);
	return false;
}

static void table_start(xload *x, const xmlChar **attrs, int n)
{
	const char *name = attr(x, attrs, n, "name");
	if (!name || !*name) {
		bp_sch_diag_report(x->diag, x->path, line_of(x), col_of(x), "<table_structure> without a name");
		x->skip = x->depth;
		return;
	}
	x->t = bp_sch_table_new(x->db, name);
	if (!x->t) {
		x->rc = -BP_E_NOMEM;
		return;
	}
	x->t->sources = BP_SRC_XML;
	x->t_depth = x->depth;
	x->t_line = line_of(x);
}

static void table_discard(xload *x)
{
	bp_sch_table_free(x->t);
	x->t = NULL;
	x->n_keys = 0;
	bp_arena_reset(&x->arena);
}

/* move a string from *from to *to when *to has none; true when moved */
static bool take_str(char **to, char **from)
{
	if (*to || !*from)
		return false;
	*to = *from;
	*from = NULL;
	return true;
}

/*
 * t replaces old (an earlier file described the same table): keep what old
 * knew that the XML form cannot say — its foreign keys, and the generation
 * expressions, character sets and collations of columns t still has. What is
 * kept adds old's sources to t's.
 */
static void keep_unknowable(bp_sch_table *t, bp_sch_table *old)
{
	bool kept = false;
	if (old->n_fks && !t->n_fks) {
		t->fks = old->fks;
		t->n_fks = old->n_fks;
		t->cap_fks = old->cap_fks;
		old->fks = NULL;
		old->n_fks = old->cap_fks = 0;
		kept = true;
	}
	for (uint32_t i = 0; i < t->n_columns; i++) {
		bp_sch_column *c = &t->columns[i], *o = bp_sch_find_column(old, c->name, NULL);
		if (!o)
			continue;
		if (c->generated && o->generated)
			kept |= take_str(&c->generated_expr, &o->generated_expr);
		kept |= take_str(&c->charset, &o->charset);
		kept |= take_str(&c->collation, &o->collation);
	}
	if (kept)
		t->sources |= old->sources;
}

static void table_end(xload *x)
{
	bp_sch_table *t = x->t;
	if (bp_sch__add_indexes(t, x->keys, x->n_keys, x->path, x->diag)) {
		x->rc = -BP_E_NOMEM;
		table_discard(x);
		return;
	}
	bp_sch_table *old = bp_schema_lookup(x->s, t->db, t->name);
	if (old)
		keep_unknowable(t, old);
	if (bp_schema_put(x->s, t)) {
		x->rc = -BP_E_NOMEM;
		table_discard(x);
		return;
	}
	x->t = NULL;
	x->n_keys = 0;
	bp_arena_reset(&x->arena);
}

/* <field Field= Type= Null= Default= Extra= Comment= /> */
static void field(xload *x, const xmlChar **attrs, int n)
{
	bp_sch__colrow r = {
		.name = attr(x, attrs, n, "Field"),
		.type = attr(x, attrs, n, "Type"),
		.nullable = attr(x, attrs, n, "Null"),
		.default_value = attr(x, attrs, n, "Default"),
		.extra = attr(x, attrs, n, "Extra"),
		.comment = attr(x, attrs, n, "Comment"),
		.line = line_of(x),
		.col = col_of(x),
	};
	if (x->rc)
		return;
	if (!r.name || !*r.name) {
		bp_sch_diag_report(x->diag, x->path, r.line, r.col, "<field> of `%s` without a Field name", x->t->name);
		return;
	}
	if (bp_sch_find_column(x->t, r.name, NULL)) {
		bp_sch_diag_report(x->diag, x->path, r.line, r.col, "column `%s` of `%s` appears twice", r.name,
				   x->t->name);
		return;
	}
	bp_sch_column *c = bp_sch_add_column(x->t, r.name);
	int rc = c ? bp_sch__column_from_row(c, &r) : -2;
	if (rc == -2)
		x->rc = -BP_E_NOMEM;
	else if (rc == -1 && !r.type)
		bp_sch_diag_report(x->diag, x->path, r.line, r.col, "column `%s` of `%s` has no Type", r.name,
				   x->t->name);
	else if (rc == -1)
		bp_sch_diag_report(x->diag, x->path, r.line, r.col, "column `%s` of `%s`: unknown type `%s`", r.name,
				   x->t->name, r.type);
}

/* <key Key_name= Seq_in_index= Column_name= Sub_part= Collation= Cardinality= ... /> */
static void key(xload *x, const xmlChar **attrs, int n)
{
	bp_sch__keyrow r = { .line = line_of(x), .col = col_of(x), .order = x->n_keys };
	r.index = attr(x, attrs, n, "Key_name");
	r.column = attr(x, attrs, n, "Column_name");
	r.expr = attr(x, attrs, n, "Expression");
	r.index_type = attr(x, attrs, n, "Index_type");
	r.collation = attr(x, attrs, n, "Collation");
	const char *nu = attr(x, attrs, n, "Non_unique"), *ign = attr(x, attrs, n, "Ignored"),
		   *vis = attr(x, attrs, n, "Visible");
	int64_t seq, sub;
	bool ok = num_attr(x, attrs, n, "Seq_in_index", &seq, 0) && num_attr(x, attrs, n, "Sub_part", &sub, 0) &&
		  num_attr(x, attrs, n, "Cardinality", &r.cardinality, -1);
	if (x->rc || !ok)
		return;
	if (!r.index || !*r.index || seq < 1 || seq > UINT32_MAX || (!r.column && !r.expr)) {
		bp_sch_diag_report(x->diag, x->path, r.line, r.col,
				   "<key> of `%s` needs Key_name, Seq_in_index and Column_name (or Expression)",
				   x->t->name);
		return;
	}
	if (r.column && !bp_sch_find_column(x->t, r.column, NULL))
		bp_sch_diag_report(x->diag, x->path, r.line, r.col, "index `%s` of `%s` names unknown column `%s`",
				   r.index, x->t->name, r.column);
	r.seq = (uint32_t)seq;
	r.sub_part = sub > UINT32_MAX ? UINT32_MAX : (uint32_t)sub;
	r.non_unique = nu && strcmp(nu, "0") != 0;
	r.invisible = (ign && strcasecmp(ign, "YES") == 0) || (vis && strcasecmp(vis, "NO") == 0);
	if (x->n_keys == x->cap_keys) {
		size_t nc = x->cap_keys ? x->cap_keys * 2 : 16;
		bp_sch__keyrow *k = realloc(x->keys, nc * sizeof(*k));
		if (!k) {
			x->rc = -BP_E_NOMEM;
			return;
		}
		x->keys = k;
		x->cap_keys = nc;
	}
	x->keys[x->n_keys++] = r;
}

/* <options Name= Engine= Rows= Avg_row_length= Data_length= Index_length= Create_options= Comment= /> */
static void options(xload *x, const xmlChar **attrs, int n)
{
	bp_sch_table *t = x->t;
	const char *engine = attr(x, attrs, n, "Engine"), *comment = attr(x, attrs, n, "Comment"),
		   *create = attr(x, attrs, n, "Create_options");
	int64_t rows;
	bp_sch_stats st = { 0 };
	bool ok = num_attr(x, attrs, n, "Rows", &rows, -1) &&
		  num_attr(x, attrs, n, "Avg_row_length", &st.avg_row_length, 0) &&
		  num_attr(x, attrs, n, "Data_length", &st.data_length, 0) &&
		  num_attr(x, attrs, n, "Index_length", &st.index_length, 0);
	if (x->rc)
		return;
	if (ok && rows >= 0) {
		st.has_rows = true;
		st.rows = rows;
		t->stats = st;
	}
	if (engine && *engine) {
		free(t->engine);
		if (!(t->engine = bp_strdup0(engine)))
			x->rc = -BP_E_NOMEM;
	} else if (comment && strcmp(comment, "VIEW") == 0) {
		t->is_view = true;
	}
	t->partitioned = bp_sch__has_word(create, "partitioned");
}

static void on_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri, int nb_ns,
		     const xmlChar **ns, int nb_attrs, int nb_defaulted, const xmlChar **attrs)
{
	xload *x = ctx;
	const char *name = (const char *)localname;
	(void)prefix, (void)uri, (void)nb_ns, (void)ns, (void)nb_defaulted;
	x->depth++;
	if (x->skip || x->rc)
		return;
	if (x->depth == 1) {
		/* `mysql --xml` query output (<resultset>) and other XML are not dumps */
		if (strcmp(name, "mysqldump") != 0) {
			bp_sch_diag_report(x->diag, x->path, line_of(x), col_of(x),
					   "root element <%s>, not <mysqldump> (mysqldump --xml): file not loaded", name);
			xmlStopParser(x->px);
		}
		return;
	}
	if (x->t && (strcmp(name, "table_structure") == 0 || strcmp(name, "database") == 0)) {
		/* only after an XML error (the parser's recovery left the table open):
		 * that table may be incomplete */
		bp_sch_diag_report(x->diag, x->path, x->t_line, 1,
				   "table `%s`: <table_structure> not closed before the next <%s>, not loaded", x->t->name,
				   name);
		table_discard(x);
	}
	if (strcmp(name, "database") == 0) {
		const char *db = attr(x, attrs, nb_attrs, "name");
		free(x->db);
		x->db = bp_strdup0(db);
		if (db && !x->db)
			x->rc = -BP_E_NOMEM;
		if (!db)
			bp_sch_diag_report(x->diag, x->path, line_of(x), col_of(x), "<database> without a name");
		bp_arena_reset(&x->arena);
	} else if (strcmp(name, "table_structure") == 0) {
		table_start(x, attrs, nb_attrs);
	} else if (x->t && x->depth == x->t_depth + 1 && strcmp(name, "field") == 0) {
		field(x, attrs, nb_attrs);
	} else if (x->t && x->depth == x->t_depth + 1 && strcmp(name, "key") == 0) {
		key(x, attrs, nb_attrs);
	} else if (x->t && x->depth == x->t_depth + 1 && strcmp(name, "options") == 0) {
		options(x, attrs, nb_attrs);
	} else {
		/* table_data, triggers, routines, events, anything unknown */
		x->skip = x->depth;
	}
}

static void on_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xload *x = ctx;
	(void)prefix, (void)uri;
	if (x->skip) {
		if (x->depth == x->skip)
			x->skip = 0;
	} else if (x->t && x->depth == x->t_depth && !x->rc) {
		if (strcmp((const char *)localname, "table_structure") == 0)
			table_end(x);
	}
	x->depth--;
}

/* <!DOCTYPE ...>: mysqldump never writes one; refuse the document rather than
 * let a DTD declare entities (expansion bombs) or name external files */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id, const xmlChar *system_id)
{
	xload *x = ctx;
	(void)name, (void)external_id, (void)system_id;
	bp_sch_diag_report(x->diag, x->path, line_of(x), col_of(x),
			   "<!DOCTYPE> is not accepted in a schema dump (mysqldump writes none); file not loaded");
	xmlStopParser(x->px);
}

static void on_error(void *ctx, xml_error_ptr e)
{
	xload *x = ctx;
	if (!e || e->level < XML_ERR_ERROR)
		return;
	if (++x->xml_errors > MAX_XML_ERRORS) {
		if (x->xml_errors == MAX_XML_ERRORS + 1)
			bp_sch_diag_report(x->diag, x->path, (unsigned)e->line, (unsigned)e->int2,
					   "too many XML errors, no more are shown");
		return;
	}
	const char *m = e->message ? e->message : "XML error";
	size_t len = strlen(m);
	while (len && (m[len - 1] == '\n' || m[len - 1] == ' '))
		len--;
	bp_sch_diag_report(x->diag, x->path, (unsigned)(e->line > 0 ? e->line : 0), (unsigned)(e->int2 > 0 ? e->int2 : 0),
			   "XML: %.*s", (int)len, m);
}

/* Feed p[0..n) to the parser, CHUNK bytes at a time. */
static void feed(xload *x, const char *p, size_t n)
{
	for (size_t off = 0; off < n && !x->rc; off += CHUNK)
		xmlParseChunk(x->px, p + off, (int)(n - off < CHUNK ? n - off : CHUNK), 0);
}

/* Feed k newlines (for the lines of a skipped <table_data>). */
static void feed_newlines(xload *x, size_t k)
{
	char nl[4096];
	memset(nl, '\n', sizeof(nl));
	for (; k && !x->rc; k -= k < sizeof(nl) ? k : sizeof(nl))
		xmlParseChunk(x->px, nl, (int)(k < sizeof(nl) ? k : sizeof(nl)), 0);
}

/* the first occurrence of the NUL-terminated string w in p[from..n), or n */
static size_t find(const char *p, size_t n, size_t from, const char *w)
{
	const char *f = from < n ? memmem(p + from, n - from, w, strlen(w)) : NULL;
	return f ? (size_t)(f - p) : n;
}

/*
 * The next <table_data ...>...</table_data> element in t[from..n), as [*start,
 * *end). CDATA sections and comments are stepped over; a self-closing
 * <table_data/> is left to the parser. A missing end tag ends it at n.
 */
static bool next_table_data(const char *t, size_t n, size_t from, size_t *start, size_t *end)
{
	static const char open[] = "<table_data", close[] = "</table_data>";
	for (size_t i = from; i < n;) {
		const char *lt = memchr(t + i, '<', n - i);
		if (!lt)
			return false;
		i = (size_t)(lt - t);
		if (n - i >= 9 && memcmp(lt, "<![CDATA[", 9) == 0) {
			i = find(t, n, i + 9, "]]>") + 3;
		} else if (n - i >= 4 && memcmp(lt, "<!--", 4) == 0) {
			i = find(t, n, i + 4, "-->") + 3;
		} else if (n - i > sizeof(open) - 1 && memcmp(lt, open, sizeof(open) - 1) == 0 &&
			   memchr(" \t\r\n/>", lt[sizeof(open) - 1], 6)) {
			size_t gt = find(t, n, i, ">");
			if (gt < n && t[gt - 1] == '/') {
				i = gt + 1; /* <table_data name="t" /> */
				continue;
			}
			size_t e = find(t, n, gt, close);
			*start = i;
			*end = e < n ? e + sizeof(close) - 1 : n;
			return true;
		} else {
			i++;
		}
	}
	return false;
}

int bp_schema_load_xml(bp_schema *s, const char *text, size_t n, const char *path, bp_sch_diag *diag)
{
	xload x = { .s = s, .path = path, .diag = diag };
	xmlSAXHandler sax;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	sax.serror = on_error;
	sax.internalSubset = on_doctype;
	bp_arena_init(&x.arena, 16 << 10);
	x.px = xmlCreatePushParserCtxt(&sax, &x, NULL, 0, path);
	if (!x.px) {
		bp_arena_release(&x.arena);
		return -BP_E_NOMEM;
	}
	xmlCtxtUseOptions(x.px, XML_PARSE_NONET | XML_PARSE_RECOVER);
	size_t pos = 0, start, end;
	while (!x.rc && next_table_data(text, n, pos, &start, &end)) {
		feed(&x, text + pos, start - pos);
		size_t lines = 0;
		for (const char *p = text + start, *e = text + end; (p = memchr(p, '\n', (size_t)(e - p))); p++)
			lines++;
		feed_newlines(&x, lines);
		pos = end;
	}
	feed(&x, text + pos, n - pos);
	if (!x.rc)
		xmlParseChunk(x.px, NULL, 0, 1);
	if (x.t && !x.rc)
		bp_sch_diag_report(diag, path, x.t_line, 1,
				   "table `%s`: the file ends inside its <table_structure>, not loaded", x.t->name);
	table_discard(&x);
	if (x.px->myDoc) /* libxml2 keeps declarations in a document of its own in SAX mode */
		xmlFreeDoc(x.px->myDoc);
	xmlFreeParserCtxt(x.px);
	free(x.keys);
	free(x.db);
	bp_arena_release(&x.arena);
	return x.rc;
}
