/*
 * lexer.c: the MySQL/MariaDB SQL tokenizer (see lexer.h).
 *
 * One pass over the bytes, no allocation: a token is a pointer and a length
 * into the caller's text. The rules follow the server's lexer (sql/sql_lex.cc,
 * lex_one_token) where it matters for DDL and DML text found in dumps and
 * binlogs:
 *   - names are runs of [A-Za-z0-9_$] and bytes >= 0x80; a run that starts
 *     with a digit is a number when it reads as one (42, 4.2, 1e5, 0x1F, 0b01)
 *     and a name otherwise (1col, 0x1g); after "name." a digit run is a name
 *     (t.1col), as MY_LEX_IDENT_SEP does;
 *   - "_charset" is an introducer when charset is a character set name, as
 *     the server checks with get_charset_by_csname;
 *   - 0x and 0b are lower-case only (0X1 is a name); X'..' and B'..' take
 *     either case;
 *   - "--" starts a comment only when a space or control character follows;
 *   - slash-star-bang comments carry a 5- or 6-digit version (MariaDB reads a
 *     sixth digit when there is one); the M-bang form is MariaDB's.
 * The delimiter is matched before anything else at a token boundary, and
 * ends a name or number in the middle ("END$$" with the delimiter "$$"), as
 * the client does (client/mysql.cc add_line looks for it at every byte outside
 * strings and comments), so "DELIMITER ;;" bodies with inner ';' come through
 * whole.
 */
#include "lexer.h"

#include <string.h>
#include <strings.h>

/* ---- keywords ---------------------------------------------------------------- */

static const char *const kw_names[BP_KW__COUNT] = {
	"",
#define X(word, reserved) #word,
	BP_KEYWORDS(X)
#undef X
};

static const unsigned char kw_reserved[BP_KW__COUNT] = {
	0,
#define X(word, reserved) reserved,
	BP_KEYWORDS(X)
#undef X
};

#define KW_MAX_LEN 32

/*
 * Keyword lookup: an open-addressing table over the upper-cased names, filled
 * once at program start (the generator's read-only check lexes every script
 * line, so this is on the hot path: a binary search with memcmp was a third of
 * `analyze`'s time). Slots hold keyword codes, 0 = empty.
 */
#define KW_SLOTS 2048 /* a power of two, more than twice BP_KW__COUNT */

static uint16_t kw_slot[KW_SLOTS];
static uint8_t kw_len[BP_KW__COUNT];

static uint32_t kw_hash(const char *up, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)up[i]) * 16777619u;
	return h ^ (h >> 15);
}

__attribute__((constructor)) static void kw_table_init(void)
{
	_Static_assert(BP_KW__COUNT * 2 < KW_SLOTS, "keyword table too small");
	for (int k = 1; k < BP_KW__COUNT; k++) {
		size_t n = strlen(kw_names[k]);
		kw_len[k] = (uint8_t)n;
		uint32_t i = kw_hash(kw_names[k], n) & (KW_SLOTS - 1);
		while (kw_slot[i])
			i = (i + 1) & (KW_SLOTS - 1);
		kw_slot[i] = (uint16_t)k;
	}
}

bp_keyword bp_kw_lookup(const char *word, size_t n)
{
	char up[KW_MAX_LEN];
	if (n == 0 || n > KW_MAX_LEN)
		return BP_KW__NONE;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)word[i];
		if (c >= 0x80)
			return BP_KW__NONE;
		up[i] = (char)(c >= 'a' && c <= 'z' ? c - 32 : c);
	}
	for (uint32_t i = kw_hash(up, n) & (KW_SLOTS - 1);; i = (i + 1) & (KW_SLOTS - 1)) {
		uint16_t k = kw_slot[i];
		if (!k)
			return BP_KW__NONE;
		if (kw_len[k] == n && memcmp(kw_names[k], up, n) == 0)
			return (bp_keyword)k;
	}
}

const char *bp_kw_name(bp_keyword kw) { return (unsigned)kw < BP_KW__COUNT ? kw_names[kw] : ""; }

bool bp_kw_reserved(bp_keyword kw) { return (unsigned)kw < BP_KW__COUNT && kw_reserved[kw]; }

const char *bp_tok_type_name(bp_tok_type type)
{
	static const char *const names[] = {
		"EOF", "ERROR", "DELIM", "IDENT", "QIDENT", "STRING", "NSTRING", "INTRODUCER", "HEXSTR",
		"HEXNUM", "BITSTR", "BITNUM", "INTEGER", "DECIMAL", "FLOAT", "OP", "VAR", "SYSVAR", "PARAM", "HINT",
	};
	return (unsigned)type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

/* ---- character classes ------------------------------------------------------- */

#define R16 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
/* 1: part of a name ([A-Za-z0-9_$] and every byte of a multi-byte character) */
static const unsigned char ident_tab[256] = {
	['$'] = 1, ['_'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1,
	['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
	['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1,
	['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
	['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	/* 0x80..0xff */
	[0x80] = R16, R16, R16, R16, R16, R16, R16, R16,
};

static inline bool is_ident(const bp_lexer *lx, const char *p) { return p < lx->end && ident_tab[(unsigned char)*p]; }
static inline bool is_digit_at(const bp_lexer *lx, const char *p) { return p < lx->end && *p >= '0' && *p <= '9'; }
static inline bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* Character sets that make "_name" an introducer (the server's compiled-in list). */
static bool is_charset_name(const char *s, size_t n)
{
	static const char *const cs[] = {
		"armscii8", "ascii", "big5", "binary", "cp1250", "cp1251", "cp1256", "cp1257", "cp850", "cp852",
		"cp866", "cp932", "dec8", "eucjpms", "euckr", "filename", "gb18030", "gb2312", "gbk", "geostd8",
		"greek", "hebrew", "hp8", "keybcs2", "koi8r", "koi8u", "latin1", "latin2", "latin5", "latin7",
		"macce", "macroman", "sjis", "swe7", "tis620", "ucs2", "ujis", "utf16", "utf16le", "utf32", "utf8",
		"utf8mb3", "utf8mb4",
	};
	if (n == 0 || n > 16)
		return false;
	for (size_t i = 0; i < sizeof(cs) / sizeof(cs[0]); i++)
		if (strlen(cs[i]) == n && strncasecmp(cs[i], s, n) == 0)
			return true;
	return false;
}

/* ---- set-up ------------------------------------------------------------------- */

void bp_lex_init(bp_lexer *lx, const char *text, size_t n, unsigned flags)
{
	memset(lx, 0, sizeof(*lx));
	lx->text = lx->p = lx->line_start = text;
	lx->end = text + n;
	lx->line = 1;
	lx->flags = flags;
	lx->delim[0] = ';';
	lx->delim_len = 1;
}

bool bp_lex_set_delimiter(bp_lexer *lx, const char *d, size_t n)
{
	if (n >= sizeof(lx->delim))
		return false;
	memcpy(lx->delim, d, n);
	lx->delim[n] = 0;
	lx->delim_len = (uint8_t)n;
	return true;
}

/* ---- scanning helpers ----------------------------------------------------------- */

static inline void newline(bp_lexer *lx, const char *at)
{
	lx->line++;
	lx->line_start = at + 1;
}

static inline bool at_delim(const bp_lexer *lx, const char *p)
{
	return lx->delim_len && (size_t)(lx->end - p) >= lx->delim_len && p[0] == lx->delim[0] &&
	       memcmp(p, lx->delim, lx->delim_len) == 0;
}

/* A byte of a name: the delimiter ends a name even inside a run of name
 * bytes, as the client splits "END$$" when the delimiter is "$$". */
static inline bool name_byte(const bp_lexer *lx, const char *p) { return is_ident(lx, p) && !at_delim(lx, p); }

/* Past the closing quote q of a quoted run whose opening quote is at p, or
 * NULL when unterminated. Lines are counted. */
static const char *scan_quoted(bp_lexer *lx, const char *p, char q, bool backslash)
{
	const char *s = p + 1, *e = lx->end;
	while (s < e) {
		char c = *s;
		if (c == q) {
			if (s + 1 < e && s[1] == q) {
				s += 2;
				continue;
			}
			return s + 1;
		}
		if (c == '\\' && backslash) {
			if (s + 1 < e && s[1] == '\n')
				newline(lx, s + 1);
			s += 2;
			continue;
		}
		if (c == '\n')
			newline(lx, s);
		s++;
	}
	return NULL;
}

/* Past the "*" "/" that closes a comment whose body starts at p, or NULL. */
static const char *scan_comment_end(bp_lexer *lx, const char *p)
{
	const char *e = lx->end;
	for (const char *s = p; s + 1 < e; s++) {
		if (*s == '\n')
			newline(lx, s);
		else if (*s == '*' && s[1] == '/')
			return s + 2;
	}
	return NULL;
}

static const char *line_end(const bp_lexer *lx, const char *p)
{
	const char *nl = memchr(p, '\n', (size_t)(lx->end - p));
	return nl ? nl : lx->end;
}

/*
 * p at "/" "*" "!" or "/" "*" "M" "!": skip the opener and version. Sets
 * *include; returns where the body starts.
 */
static const char *vcomment_open(const bp_lexer *lx, const char *p, bool *include)
{
	const char *s = p + (p[2] == 'M' ? 4 : 3);
	int nd = 0;
	while (nd < 6 && is_digit_at(lx, s + nd))
		nd++;
	if (nd < 5) { /* no version: always executed */
		*include = true;
		return s;
	}
	uint32_t v = 0;
	for (int i = 0; i < nd; i++)
		v = v * 10 + (uint32_t)(s[i] - '0');
	*include = lx->server_version ? v <= lx->server_version : v < 999999;
	return s + nd;
}

static bool is_vcomment(const bp_lexer *lx, const char *p)
{
	return p + 2 < lx->end && (p[2] == '!' || (p[2] == 'M' && p + 3 < lx->end && p[3] == '!'));
}

static bp_tok_type finish(bp_lexer *lx, bp_token *t, bp_tok_type type, const char *start, const char *end,
			  unsigned code)
{
	t->start = start;
	t->len = (uint32_t)(end - start);
	t->type = (uint16_t)type;
	t->code = (uint16_t)code;
	lx->p = end;
	lx->after_dot = false;
	if (type == BP_TK_IDENT || type == BP_TK_QIDENT)
		lx->ident_end = end;
	else
		lx->ident_end = NULL;
	return type;
}

static bp_tok_type fail(bp_lexer *lx, bp_token *t, const char *start, const char *msg)
{
	lx->error = msg;
	lx->in_vcomment = false;
	finish(lx, t, BP_TK_ERROR, start, lx->end, 0);
	return BP_TK_ERROR;
}

/* ---- the lexer ------------------------------------------------------------------ */

/* A number, or a name that starts with digits. p at the first digit (or '.'). */
static bp_tok_type lex_number(bp_lexer *lx, bp_token *t, const char *p)
{
	const char *s = p;
	if (*p == '0' && p + 1 < lx->end && (p[1] == 'x' || p[1] == 'b')) {
		bool hex = p[1] == 'x';
		s = p + 2;
		while (s < lx->end && (hex ? is_hex(*s) : (*s == '0' || *s == '1')))
			s++;
		if (s > p + 2 && !name_byte(lx, s))
			return finish(lx, t, hex ? BP_TK_HEXNUM : BP_TK_BITNUM, p, s, 0);
		s = p; /* 0xg, 0b2: a name */
	}
	bp_tok_type type = BP_TK_INTEGER;
	while (is_digit_at(lx, s))
		s++;
	if (s < lx->end && *s == '.') {
		type = BP_TK_DECIMAL;
		s++;
		while (is_digit_at(lx, s))
			s++;
	}
	if (s < lx->end && (*s == 'e' || *s == 'E') &&
	    (is_digit_at(lx, s + 1) || (s + 2 < lx->end && (s[1] == '+' || s[1] == '-') && is_digit_at(lx, s + 2)))) {
		s += 2;
		while (is_digit_at(lx, s))
			s++;
		return finish(lx, t, BP_TK_FLOAT, p, s, 0);
	}
	if (type == BP_TK_INTEGER && name_byte(lx, s)) { /* 1col */
		while (name_byte(lx, s))
			s++;
		return finish(lx, t, BP_TK_IDENT, p, s, bp_kw_lookup(p, (size_t)(s - p)));
	}
	return finish(lx, t, type, p, s, 0);
}

/* X'hex' or B'bits': p at the letter. */
static bp_tok_type lex_xb_string(bp_lexer *lx, bp_token *t, const char *p, bool hex)
{
	const char *s = p + 2;
	while (s < lx->end && *s != '\'') {
		if (hex ? !is_hex(*s) : (*s != '0' && *s != '1'))
			return fail(lx, t, p, hex ? "invalid hexadecimal literal" : "invalid bit literal");
		s++;
	}
	if (s >= lx->end)
		return fail(lx, t, p, "unterminated string");
	return finish(lx, t, hex ? BP_TK_HEXSTR : BP_TK_BITSTR, p, s + 1, 0);
}

static bp_tok_type lex_word(bp_lexer *lx, bp_token *t, const char *p)
{
	const char *s = p;
	while (name_byte(lx, s))
		s++;
	size_t n = (size_t)(s - p);
	if (!lx->after_dot) {
		if (*p == '_' && is_charset_name(p + 1, n - 1))
			return finish(lx, t, BP_TK_INTRODUCER, p, s, 0);
		return finish(lx, t, BP_TK_IDENT, p, s, bp_kw_lookup(p, n));
	}
	return finish(lx, t, BP_TK_IDENT, p, s, 0); /* db.select: a name after the dot */
}

static bp_tok_type lex_op(bp_lexer *lx, bp_token *t, const char *p)
{
	char c = *p, d = p + 1 < lx->end ? p[1] : 0, e = p + 2 < lx->end ? p[2] : 0;
	unsigned op = BP_OP_OTHER;
	int n = 1;
	switch (c) {
	case '(': op = BP_OP_LPAREN; break;
	case ')': op = BP_OP_RPAREN; break;
	case ',': op = BP_OP_COMMA; break;
	case ';': op = BP_OP_SEMI; break;
	case '=': op = BP_OP_EQ; break;
	case '+': op = BP_OP_PLUS; break;
	case '*': op = BP_OP_STAR; break;
	case '/': op = BP_OP_SLASH; break;
	case '%': op = BP_OP_PERCENT; break;
	case '~': op = BP_OP_TILDE; break;
	case '^': op = BP_OP_CARET; break;
	case '{': op = BP_OP_LBRACE; break;
	case '}': op = BP_OP_RBRACE; break;
	case '<':
		if (d == '=' && e == '>')
			op = BP_OP_NSEQ, n = 3;
		else if (d == '=')
			op = BP_OP_LE, n = 2;
		else if (d == '>')
			op = BP_OP_NE, n = 2;
		else if (d == '<')
			op = BP_OP_SHL, n = 2;
		else
			op = BP_OP_LT;
		break;
	case '>':
		if (d == '=')
			op = BP_OP_GE, n = 2;
		else if (d == '>')
			op = BP_OP_SHR, n = 2;
		else
			op = BP_OP_GT;
		break;
	case '!':
		if (d == '=')
			op = BP_OP_NE, n = 2;
		else
			op = BP_OP_BANG;
		break;
	case ':':
		if (d == '=')
			op = BP_OP_ASSIGN, n = 2;
		else
			op = BP_OP_COLON;
		break;
	case '|':
		if (d == '|')
			op = BP_OP_OR2, n = 2;
		else
			op = BP_OP_PIPE;
		break;
	case '&':
		if (d == '&')
			op = BP_OP_AND2, n = 2;
		else
			op = BP_OP_AMP;
		break;
	case '-':
		if (d == '>' && e == '>')
			op = BP_OP_ARROW2, n = 3;
		else if (d == '>')
			op = BP_OP_ARROW, n = 2;
		else
			op = BP_OP_MINUS;
		break;
	default: break;
	}
	return finish(lx, t, BP_TK_OP, p, p + n, op);
}

bp_tok_type bp_lex_next(bp_lexer *lx, bp_token *t)
{
	const char *p = lx->p, *e = lx->end;
	bool after_dot = lx->after_dot;
	for (;;) {
		/* whitespace and comments */
		while (p < e && is_space(*p)) {
			if (*p == '\n')
				newline(lx, p);
			p++;
		}
		t->line = lx->line;
		t->col = (uint32_t)(p - lx->line_start) + 1;
		if (p >= e) {
			if (lx->in_vcomment)
				return fail(lx, t, p, "unterminated comment");
			return finish(lx, t, BP_TK_EOF, e, e, 0);
		}
		if (at_delim(lx, p))
			return finish(lx, t, BP_TK_DELIM, p, p + lx->delim_len, 0);
		char c = *p;
		if (c == '#' || (c == '-' && p + 1 < e && p[1] == '-' && (p + 2 >= e || (unsigned char)p[2] <= ' '))) {
			p = line_end(lx, p);
			continue;
		}
		if (c == '/' && p + 1 < e && p[1] == '*') {
			const char *start = p;
			if (is_vcomment(lx, p) && !lx->in_vcomment) {
				bool include;
				const char *body = vcomment_open(lx, p, &include);
				if (include) {
					lx->in_vcomment = true;
					p = body;
					continue;
				}
			} else if (p + 2 < e && p[2] == '+') {
				const char *end = scan_comment_end(lx, p + 3);
				if (!end)
					return fail(lx, t, start, "unterminated comment");
				return finish(lx, t, BP_TK_HINT, start, end, 0);
			}
			p = scan_comment_end(lx, p + 2);
			if (!p)
				return fail(lx, t, start, "unterminated comment");
			continue;
		}
		if (c == '*' && lx->in_vcomment && p + 1 < e && p[1] == '/') {
			lx->in_vcomment = false;
			p += 2;
			continue;
		}
		break;
	}
	char c = *p, d = p + 1 < e ? p[1] : 0;
	const char *end;
	switch (c) {
	case '\'':
		end = scan_quoted(lx, p, '\'', !(lx->flags & BP_LEX_NO_BACKSLASH_ESCAPES));
		return end ? finish(lx, t, BP_TK_STRING, p, end, 0) : fail(lx, t, p, "unterminated string");
	case '"':
		if (lx->flags & BP_LEX_ANSI_QUOTES) {
			end = scan_quoted(lx, p, '"', false);
			return end ? finish(lx, t, BP_TK_QIDENT, p, end, 0) : fail(lx, t, p, "unterminated quoted name");
		}
		end = scan_quoted(lx, p, '"', !(lx->flags & BP_LEX_NO_BACKSLASH_ESCAPES));
		return end ? finish(lx, t, BP_TK_STRING, p, end, 0) : fail(lx, t, p, "unterminated string");
	case '`':
		end = scan_quoted(lx, p, '`', false);
		return end ? finish(lx, t, BP_TK_QIDENT, p, end, 0) : fail(lx, t, p, "unterminated quoted name");
	case '@':
		if (d == '@') { /* @@name, @@global.name */
			end = p + 2;
			while (end < e && (ident_tab[(unsigned char)*end] || *end == '.'))
				end++;
			return finish(lx, t, BP_TK_SYSVAR, p, end, 0);
		}
		if (d == '\'' || d == '"' || d == '`') {
			end = scan_quoted(lx, p + 1, d, d != '`' && !(lx->flags & BP_LEX_NO_BACKSLASH_ESCAPES));
			return end ? finish(lx, t, BP_TK_VAR, p, end, 0) : fail(lx, t, p, "unterminated string");
		}
		end = p + 1;
		while (end < e && (ident_tab[(unsigned char)*end] || *end == '.'))
			end++;
		return finish(lx, t, BP_TK_VAR, p, end, 0);
	case '?':
		return finish(lx, t, BP_TK_PARAM, p, p + 1, 0);
	case '.':
		if (lx->ident_end == p) { /* name.name: the next word is a name even if it starts with digits */
			finish(lx, t, BP_TK_OP, p, p + 1, BP_OP_DOT);
			lx->after_dot = true;
			return BP_TK_OP;
		}
		if (is_digit_at(lx, p + 1))
			return lex_number(lx, t, p);
		return finish(lx, t, BP_TK_OP, p, p + 1, BP_OP_DOT);
	case 'N': case 'n':
		if (d == '\'' && !after_dot) {
			end = scan_quoted(lx, p + 1, '\'', !(lx->flags & BP_LEX_NO_BACKSLASH_ESCAPES));
			return end ? finish(lx, t, BP_TK_NSTRING, p, end, 0) : fail(lx, t, p, "unterminated string");
		}
		break;
	case 'X': case 'x':
		if (d == '\'' && !after_dot)
			return lex_xb_string(lx, t, p, true);
		break;
	case 'B': case 'b':
		if (d == '\'' && !after_dot)
			return lex_xb_string(lx, t, p, false);
		break;
	default:
		break;
	}
	if (c >= '0' && c <= '9') {
		if (after_dot)
			return lex_word(lx, t, p);
		return lex_number(lx, t, p);
	}
	if (ident_tab[(unsigned char)c])
		return lex_word(lx, t, p);
	return lex_op(lx, t, p);
}

/* ---- fast statement skipping ------------------------------------------------------ */

/* bytes that need a look in bp_lex_skip_statement (plus the delimiter's first byte) */
static const unsigned char skip_tab[256] = {
	['\n'] = 1, ['\''] = 1, ['"'] = 1, ['`'] = 1, ['-'] = 1, ['#'] = 1, ['/'] = 1, ['*'] = 1,
};

bp_tok_type bp_lex_skip_statement(bp_lexer *lx, bp_token *t)
{
	const char *p = lx->p, *e = lx->end;
	unsigned char d0 = lx->delim_len ? (unsigned char)lx->delim[0] : 0;
	bool bs = !(lx->flags & BP_LEX_NO_BACKSLASH_ESCAPES);
	for (;;) {
		while (p < e && !skip_tab[(unsigned char)*p] && (unsigned char)*p != d0)
			p++;
		if (p >= e) {
			t->line = lx->line;
			t->col = (uint32_t)(p - lx->line_start) + 1;
			lx->in_vcomment = false;
			return finish(lx, t, BP_TK_EOF, e, e, 0);
		}
		if (at_delim(lx, p)) {
			t->line = lx->line;
			t->col = (uint32_t)(p - lx->line_start) + 1;
			return finish(lx, t, BP_TK_DELIM, p, p + lx->delim_len, 0);
		}
		char c = *p;
		const char *start = p;
		switch (c) {
		case '\n':
			newline(lx, p);
			p++;
			break;
		case '\'':
		case '"':
		case '`': {
			uint32_t line = lx->line, col = (uint32_t)(p - lx->line_start) + 1;
			bool esc = c != '`' && bs && !(c == '"' && (lx->flags & BP_LEX_ANSI_QUOTES));
			p = scan_quoted(lx, p, c, esc);
			if (!p) {
				t->line = line;
				t->col = col;
				return fail(lx, t, start, c == '`' ? "unterminated quoted name" : "unterminated string");
			}
			break;
		}
		case '#':
			p = line_end(lx, p);
			break;
		case '-':
			if (p + 1 < e && p[1] == '-' && (p + 2 >= e || (unsigned char)p[2] <= ' '))
				p = line_end(lx, p);
			else
				p++;
			break;
		case '/':
			if (p + 1 < e && p[1] == '*') {
				uint32_t line = lx->line, col = (uint32_t)(p - lx->line_start) + 1;
				if (is_vcomment(lx, p) && !lx->in_vcomment) {
					bool include;
					const char *body = vcomment_open(lx, p, &include);
					if (include) {
						lx->in_vcomment = true;
						p = body;
						break;
					}
				}
				p = scan_comment_end(lx, p + 2);
				if (!p) {
					t->line = line;
					t->col = col;
					return fail(lx, t, start, "unterminated comment");
				}
			} else {
				p++;
			}
			break;
		case '*':
			if (lx->in_vcomment && p + 1 < e && p[1] == '/') {
				lx->in_vcomment = false;
				p += 2;
			} else {
				p++;
			}
			break;
		default: /* the delimiter's first byte, not followed by the rest */
			p++;
			break;
		}
	}
}

void bp_lex_rest_of_line(bp_lexer *lx, const char **s, size_t *n)
{
	const char *p = lx->p, *nl = line_end(lx, p);
	*s = p;
	*n = (size_t)(nl - p);
	if (nl < lx->end) {
		newline(lx, nl);
		nl++;
	}
	lx->p = nl;
	lx->ident_end = NULL;
	lx->after_dot = false;
}

/* ---- token values --------------------------------------------------------------- */

size_t bp_tok_value(const bp_token *t, unsigned flags, char *out, size_t cap)
{
	const char *s = t->start, *e = t->start + t->len;
	size_t n = 0;
#define PUT(ch) \
	do { \
		if (n + 1 < cap) \
			out[n] = (ch); \
		n++; \
	} while (0)
	bool quoted = false, bs = false;
	char q = 0;
	switch (t->type) {
	case BP_TK_NSTRING:
		s++;
		/* fall through */
	case BP_TK_STRING:
	case BP_TK_QIDENT:
		quoted = true;
		break;
	case BP_TK_VAR:
		if (t->len >= 2 && (s[1] == '\'' || s[1] == '"' || s[1] == '`')) {
			s++;
			quoted = true;
		}
		break;
	default:
		break;
	}
	if (quoted && e - s >= 2) {
		q = *s;
		bs = q != '`' && t->type != BP_TK_QIDENT && !(flags & BP_LEX_NO_BACKSLASH_ESCAPES);
		s++;
		e--;
	}
	if (!q) {
		for (; s < e; s++)
			PUT(*s);
	} else {
		while (s < e) {
			char c = *s++;
			if (c == q && s < e && *s == q) {
				s++;
			} else if (c == '\\' && bs && s < e) {
				char x = *s++;
				switch (x) {
				case '0': c = 0; break;
				case 'b': c = '\b'; break;
				case 'n': c = '\n'; break;
				case 'r': c = '\r'; break;
				case 't': c = '\t'; break;
				case 'Z': c = 0x1a; break;
				case '%':
				case '_': PUT('\\'); c = x; break; /* kept for LIKE patterns */
				default: c = x; break;
				}
			}
			PUT(c);
		}
	}
	if (cap)
		out[n < cap ? n : cap - 1] = 0;
	return n;
#undef PUT
}
