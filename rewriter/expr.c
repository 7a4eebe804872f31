/*
 * expr.c: what can be done with a parsed expression (rewriter/dml.h): may it
 * be copied into a generated read-only SELECT (bp_expr_copyable), how it is
 * printed there (bp_expr_print), is it a constant (bp_expr_is_const).
 *
 * Printing aims at text that means the same under any sql_mode of the session
 * that replays it:
 *   - names always in backquotes (` doubled), never double quotes (ANSI_QUOTES);
 *   - strings through bp_literal_bytes (rewriter/literal.c): never a backslash
 *     inside quotes (NO_BACKSLASH_ESCAPES), bytes that are not plain text as
 *     hexadecimal with an introducer;
 *   - AND, OR, XOR, NOT spelled out; || with PIPES_AS_CONCAT as CONCAT(a, b);
 *     ! as NOT (HIGH_NOT_PRECEDENCE changes only how NOT parses, and every
 *     operator node is parenthesised, so precedence never decides);
 *   - LIKE always with its ESCAPE (the parser supplies the implicit one, which
 *     depends on NO_BACKSLASH_ESCAPES);
 *   - -> and ->> (MySQL only) as JSON_EXTRACT / JSON_UNQUOTE(JSON_EXTRACT).
 * INTERVAL is the one node printed without parentheses: "(INTERVAL 1 DAY)"
 * is not SQL, and INTERVAL only stands as an operand of + and - or as a
 * function argument, which delimit it.
 *
 * The function whitelist (copyable) holds built-ins that have no side effect
 * and read nothing but their arguments, plus the clock: NOW(), CURDATE(),
 * UNIX_TIMESTAMP() ... are copyable because the script is replayed close to
 * the log's time and a prefetch that reads a row a second off costs nothing
 * (bp_expr_is_const says no for them). Stored functions, UDFs and any name not
 * listed are not copyable: their bodies could write, wait or lock.
 */
#include "dml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "literal.h"

/* ---- the whitelist ------------------------------------------------------------------ */

#define F_DET  0x01 /* deterministic: a constant over constant arguments */
#define F_TIME 0x02 /* reads the clock */
#define F_NOARG 0x04 /* copyable only without arguments (LAST_INSERT_ID()) */

typedef struct func_def {
	const char *name;
	unsigned flags;
} func_def;

/* Sorted by name (strcmp) for bsearch. */
static const func_def funcs[] = {
	{ "ABS", F_DET }, { "ACOS", F_DET }, { "ADDDATE", F_DET }, { "ADDTIME", F_DET },
	{ "ASCII", F_DET }, { "ASIN", F_DET }, { "ATAN", F_DET }, { "ATAN2", F_DET },
	{ "BIN", F_DET }, { "BIN_TO_UUID", F_DET }, { "BIT_COUNT", F_DET }, { "BIT_LENGTH", F_DET },
	{ "CEIL", F_DET }, { "CEILING", F_DET }, { "CHAR", F_DET }, { "CHARACTER_LENGTH", F_DET },
	{ "CHAR_LENGTH", F_DET }, { "COALESCE", F_DET }, { "CONCAT", F_DET }, { "CONCAT_WS", F_DET },
	{ "CONV", F_DET }, { "CONVERT_TZ", F_DET }, { "COS", F_DET }, { "COT", F_DET },
	{ "CRC32", F_DET }, { "CURDATE", F_TIME }, { "CURRENT_DATE", F_TIME }, { "CURRENT_TIME", F_TIME },
	{ "CURRENT_TIMESTAMP", F_TIME }, { "CURTIME", F_TIME }, { "DATE", F_DET }, { "DATEDIFF", F_DET },
	{ "DATE_ADD", F_DET }, { "DATE_FORMAT", F_DET }, { "DATE_SUB", F_DET }, { "DAY", F_DET },
	{ "DAYNAME", F_DET }, { "DAYOFMONTH", F_DET }, { "DAYOFWEEK", F_DET }, { "DAYOFYEAR", F_DET },
	{ "DEGREES", F_DET }, { "ELT", F_DET }, { "EXP", F_DET }, { "EXPORT_SET", F_DET },
	{ "EXTRACT", F_DET }, { "FIELD", F_DET }, { "FIND_IN_SET", F_DET }, { "FLOOR", F_DET },
	{ "FORMAT", F_DET }, { "FROM_BASE64", F_DET }, { "FROM_DAYS", F_DET }, { "FROM_UNIXTIME", F_DET },
	{ "GET_FORMAT", F_DET }, { "GREATEST", F_DET }, { "HEX", F_DET }, { "HOUR", F_DET },
	{ "IF", F_DET }, { "IFNULL", F_DET }, { "INET6_ATON", F_DET }, { "INET6_NTOA", F_DET },
	{ "INET_ATON", F_DET }, { "INET_NTOA", F_DET }, { "INSERT", F_DET }, { "INSTR", F_DET },
	{ "INTERVAL", F_DET }, { "ISNULL", F_DET }, { "IS_IPV4", F_DET }, { "IS_IPV6", F_DET },
	{ "JSON_ARRAY", F_DET }, { "JSON_CONTAINS", F_DET }, { "JSON_CONTAINS_PATH", F_DET },
	{ "JSON_EXTRACT", F_DET }, { "JSON_KEYS", F_DET }, { "JSON_LENGTH", F_DET }, { "JSON_OBJECT", F_DET },
	{ "JSON_QUOTE", F_DET }, { "JSON_TYPE", F_DET }, { "JSON_UNQUOTE", F_DET }, { "JSON_VALID", F_DET },
	{ "LAST_DAY", F_DET }, { "LAST_INSERT_ID", F_NOARG }, { "LCASE", F_DET }, { "LEAST", F_DET },
	{ "LEFT", F_DET }, { "LENGTH", F_DET }, { "LN", F_DET }, { "LOCALTIME", F_TIME },
	{ "LOCALTIMESTAMP", F_TIME }, { "LOCATE", F_DET }, { "LOG", F_DET }, { "LOG10", F_DET },
	{ "LOG2", F_DET }, { "LOWER", F_DET }, { "LPAD", F_DET }, { "LTRIM", F_DET },
	{ "MAKEDATE", F_DET }, { "MAKETIME", F_DET }, { "MAKE_SET", F_DET }, { "MD5", F_DET },
	{ "MICROSECOND", F_DET }, { "MID", F_DET }, { "MINUTE", F_DET }, { "MOD", F_DET },
	{ "MONTH", F_DET }, { "MONTHNAME", F_DET }, { "NOW", F_TIME }, { "NULLIF", F_DET },
	{ "OCT", F_DET }, { "OCTET_LENGTH", F_DET }, { "ORD", F_DET }, { "PERIOD_ADD", F_DET },
	{ "PERIOD_DIFF", F_DET }, { "PI", F_DET }, { "POW", F_DET }, { "POWER", F_DET },
	{ "QUARTER", F_DET }, { "QUOTE", F_DET }, { "RADIANS", F_DET }, { "REPEAT", F_DET },
	{ "REPLACE", F_DET }, { "REVERSE", F_DET }, { "RIGHT", F_DET }, { "ROUND", F_DET },
	{ "RPAD", F_DET }, { "RTRIM", F_DET }, { "SECOND", F_DET }, { "SEC_TO_TIME", F_DET },
	{ "SHA", F_DET }, { "SHA1", F_DET }, { "SHA2", F_DET }, { "SIGN", F_DET },
	{ "SIN", F_DET }, { "SOUNDEX", F_DET }, { "SPACE", F_DET }, { "SQRT", F_DET },
	{ "STRCMP", F_DET }, { "STR_TO_DATE", F_DET }, { "SUBDATE", F_DET }, { "SUBSTR", F_DET },
	{ "SUBSTRING", F_DET }, { "SUBSTRING_INDEX", F_DET }, { "SUBTIME", F_DET }, { "SYSDATE", F_TIME },
	{ "TAN", F_DET }, { "TIME", F_DET }, { "TIMEDIFF", F_DET }, { "TIMESTAMP", F_DET },
	{ "TIMESTAMPADD", F_DET }, { "TIMESTAMPDIFF", F_DET }, { "TIME_FORMAT", F_DET }, { "TIME_TO_SEC", F_DET },
	{ "TO_BASE64", F_DET }, { "TO_DAYS", F_DET }, { "TO_SECONDS", F_DET }, { "TRIM", F_DET },
	{ "TRUNCATE", F_DET }, { "UCASE", F_DET }, { "UNHEX", F_DET }, { "UNIX_TIMESTAMP", F_TIME },
	{ "UPPER", F_DET }, { "UTC_DATE", F_TIME }, { "UTC_TIME", F_TIME }, { "UTC_TIMESTAMP", F_TIME },
	{ "UUID_TO_BIN", F_DET }, { "WEEK", F_DET }, { "WEEKDAY", F_DET }, { "WEEKOFYEAR", F_DET },
	{ "YEAR", F_DET }, { "YEARWEEK", F_DET },
};

static int cmp_func(const void *k, const void *e) { return strcmp(k, ((const func_def *)e)->name); }

static const func_def *func_lookup(const bp_expr *e)
{
	if (e->db || !e->name)
		return NULL;
	return bsearch(e->name, funcs, sizeof(funcs) / sizeof(funcs[0]), sizeof(funcs[0]), cmp_func);
}

/*
 * The same table answers `binprime replay` (report/replay_script.c), which
 * refuses a script that calls anything else: one list, so what the rewriter
 * may write and what replay may send cannot drift apart. F_NOARG entries are
 * not "safe" by name alone (LAST_INSERT_ID(x) sets a value): they answer false.
 */
bool bp_func_is_builtin_safe(const char *name, size_t n)
{
	char up[32];
	if (n == 0 || n >= sizeof(up))
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		up[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
	}
	up[n] = 0;
	const func_def *f = bsearch(up, funcs, sizeof(funcs) / sizeof(funcs[0]), sizeof(funcs[0]), cmp_func);
	return f && !(f->flags & F_NOARG);
}

/* UNIX_TIMESTAMP(x) reads no clock; UNIX_TIMESTAMP() does. */
static bool func_reads_clock(const func_def *f, const bp_expr *e)
{
	if (!(f->flags & F_TIME))
		return false;
	return !(strcmp(f->name, "UNIX_TIMESTAMP") == 0 && e->n_args > 0);
}

/* DATE 'x' takes a plain quoted string only: printable ASCII, no backslash (no
 * introducer or hex form exists for it). A body that is not is no valid date. */
static bool temporal_printable(const bp_expr *e)
{
	if (!e->name || !e->bytes)
		return false;
	for (uint32_t i = 0; i < e->len; i++)
		if (e->bytes[i] < 0x20 || e->bytes[i] > 0x7e || e->bytes[i] == '\\')
			return false;
	return strcmp(e->name, "DATE") == 0 || strcmp(e->name, "TIME") == 0 || strcmp(e->name, "TIMESTAMP") == 0;
}

/* ---- copyable ------------------------------------------------------------------------- */

static bool no(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return false;
}

static bool args_copyable(const bp_expr *e, const char **why)
{
	for (uint32_t i = 0; i < e->n_args; i++)
		if (e->args[i] && !bp_expr_copyable(e->args[i], why))
			return false;
	return true;
}

static bool func_copyable(const bp_expr *e, const char **why)
{
	const func_def *f = func_lookup(e);
	if (!f)
		return no(why, e->db ? "stored function" : "function not known to be free of side effects");
	if ((f->flags & F_NOARG) && e->n_args)
		return no(why, "LAST_INSERT_ID(x) sets the value");
	return args_copyable(e, why);
}

bool bp_expr_copyable(const bp_expr *e, const char **why)
{
	if (!e)
		return no(why, "no expression");
	switch ((bp_expr_kind)e->kind) {
	case BP_X_LITERAL:
		if (e->lit == BP_L_TEMPORAL && !temporal_printable(e))
			return no(why, "temporal literal that is not plain text");
		return true;
	case BP_X_COLUMN:
	case BP_X_USERVAR:
		return true;
	case BP_X_SYSVAR:
		return no(why, "system variable");
	case BP_X_PARAM:
		return no(why, "parameter marker");
	case BP_X_DEFAULT:
		return no(why, "DEFAULT");
	case BP_X_STAR:
		return no(why, "*");
	case BP_X_SUBQUERY:
		return no(why, "subquery");
	case BP_X_OTHER:
		return no(why, e->op == BP_OP_ASSIGN ? "assignment" : "construct not modelled");
	case BP_X_FUNC:
		return func_copyable(e, why);
	case BP_X_UNARY:
	case BP_X_NOT:
	case BP_X_BINARY:
	case BP_X_IS:
	case BP_X_IN:
	case BP_X_BETWEEN:
	case BP_X_LIKE:
	case BP_X_ROW:
	case BP_X_CASE:
	case BP_X_CAST:
	case BP_X_INTERVAL:
	case BP_X_COLLATE:
		return args_copyable(e, why);
	}
	return no(why, "unknown expression");
}

bool bp_expr_is_const(const bp_expr *e)
{
	if (!e)
		return false;
	switch ((bp_expr_kind)e->kind) {
	case BP_X_LITERAL:
		return true;
	case BP_X_FUNC: {
		const func_def *f = func_lookup(e);
		if (!f || !(f->flags & (F_DET | F_TIME)) || func_reads_clock(f, e))
			return false;
		break;
	}
	case BP_X_UNARY:
	case BP_X_NOT:
	case BP_X_BINARY:
	case BP_X_IS:
	case BP_X_IN:
	case BP_X_BETWEEN:
	case BP_X_LIKE:
	case BP_X_ROW:
	case BP_X_CASE:
	case BP_X_CAST:
	case BP_X_INTERVAL:
	case BP_X_COLLATE:
		break;
	default:
		return false;
	}
	for (uint32_t i = 0; i < e->n_args; i++)
		if (e->args[i] && !bp_expr_is_const(e->args[i]))
			return false;
	return true;
}

/* ---- printing ------------------------------------------------------------------------- */

static int print(bp_buf *b, const bp_expr *e, const bp_expr_printer *p);

static void add_name(bp_buf *b, const char *s)
{
	bp_buf_addc(b, '`');
	for (; *s; s++) {
		if (*s == '`')
			bp_buf_addc(b, '`');
		bp_buf_addc(b, *s);
	}
	bp_buf_addc(b, '`');
}

/* Is s a bare word safe to print as it stands ([A-Za-z0-9_$], not empty)? */
static bool plain(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '$'))
			return false;
	return true;
}

/* CAST type text: words, numbers, spaces, parentheses and commas only (the parser's form). */
static bool plain_type(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == ' ' || *s == '(' || *s == ')' || *s == ','))
			return false;
	return true;
}

static const char *session_cs(const bp_expr_printer *p)
{
	return p && p->session_charset ? p->session_charset : "utf8mb4";
}

/* Is s a number as the lexer reads one ([-]digits[.digits][e[+-]digits])? */
static bool number_text(const char *s)
{
	if (!s)
		return false;
	if (*s == '-')
		s++;
	bool digits = false;
	while (*s >= '0' && *s <= '9')
		s++, digits = true;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits = true;
	}
	if (!digits)
		return false;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == 0;
}

static int print_literal(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	switch ((bp_lit_kind)e->lit) {
	case BP_L_NULL:
		bp_buf_adds(b, "NULL");
		return 0;
	case BP_L_INT:
	case BP_L_DECIMAL:
	case BP_L_FLOAT:
		if (!number_text(e->text))
			return -1;
		bp_buf_adds(b, e->text);
		return 0;
	case BP_L_BOOL:
		bp_buf_adds(b, e->text && e->text[0] == '1' ? "TRUE" : "FALSE");
		return 0;
	case BP_L_STRING:
		bp_literal_bytes(b, e->bytes, e->len, e->charset ? e->charset : session_cs(p));
		return 0;
	case BP_L_HEX:
	case BP_L_BIT:
		/* without an introducer: binary, as bp_literal_bytes writes it (X'..'), so
		 * that _binary X'..' and X'..' print alike */
		bp_literal_bytes(b, e->bytes, e->len, e->charset ? e->charset : "binary");
		return 0;
	case BP_L_TEMPORAL:
		if (!temporal_printable(e))
			return -1;
		bp_buf_adds(b, e->name);
		bp_buf_add(b, " '", 2);
		for (uint32_t i = 0; i < e->len; i++) {
			if (e->bytes[i] == '\'')
				bp_buf_addc(b, '\'');
			bp_buf_addc(b, (char)e->bytes[i]);
		}
		bp_buf_addc(b, '\'');
		return 0;
	}
	return -1;
}

static int print_column(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (p && p->col)
		return p->col(p->ctx, e, b);
	if (!e->name)
		return -1;
	if (e->db) {
		add_name(b, e->db);
		bp_buf_addc(b, '.');
	}
	if (e->table) {
		add_name(b, e->table);
		bp_buf_addc(b, '.');
	}
	add_name(b, e->name);
	return 0;
}

/* a, b, c (NULL arguments are skipped: CASE without operand) */
static int print_list(bp_buf *b, bp_expr *const *v, uint32_t n, const bp_expr_printer *p)
{
	bool first = true;
	for (uint32_t i = 0; i < n; i++) {
		if (!v[i])
			continue;
		if (!first)
			bp_buf_add(b, ", ", 2);
		first = false;
		if (print(b, v[i], p))
			return -1;
	}
	return 0;
}

static const char *binary_op(unsigned op)
{
	switch (op) {
	case BP_OP_EQ: return "=";
	case BP_OP_NSEQ: return "<=>";
	case BP_OP_LT: return "<";
	case BP_OP_LE: return "<=";
	case BP_OP_GT: return ">";
	case BP_OP_GE: return ">=";
	case BP_OP_NE: return "<>";
	case BP_OP_PLUS: return "+";
	case BP_OP_MINUS: return "-";
	case BP_OP_STAR: return "*";
	case BP_OP_SLASH: return "/";
	case BP_OP_PERCENT: return "%";
	case BP_OP_AMP: return "&";
	case BP_OP_PIPE: return "|";
	case BP_OP_CARET: return "^";
	case BP_OP_SHL: return "<<";
	case BP_OP_SHR: return ">>";
	case BP_XOP_AND: return "AND";
	case BP_XOP_OR: return "OR";
	case BP_XOP_XOR: return "XOR";
	case BP_XOP_DIV: return "DIV";
	case BP_XOP_MOD: return "MOD";
	default: return NULL;
	}
}

static int print_binary(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args != 2)
		return -1;
	const char *fn = e->op == BP_XOP_CONCAT ? "CONCAT(" : e->op == BP_OP_ARROW ? "JSON_EXTRACT(" :
			 e->op == BP_OP_ARROW2 ? "JSON_UNQUOTE(JSON_EXTRACT(" : NULL;
	if (fn) {
		bp_buf_adds(b, fn);
		if (print_list(b, e->args, 2, p))
			return -1;
		bp_buf_adds(b, e->op == BP_OP_ARROW2 ? "))" : ")");
		return 0;
	}
	const char *op = binary_op(e->op);
	if (!op)
		return -1;
	bp_buf_addc(b, '(');
	if (print(b, e->args[0], p))
		return -1;
	bp_buf_addc(b, ' ');
	bp_buf_adds(b, op);
	bp_buf_addc(b, ' ');
	if (print(b, e->args[1], p))
		return -1;
	bp_buf_addc(b, ')');
	return 0;
}

static int print_unary(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args != 1)
		return -1;
	const char *op;
	switch (e->kind == BP_X_NOT ? BP_OP_BANG : e->op) {
	case BP_OP_MINUS: op = "(- "; break; /* the space: "- -5", never "--" (a comment) */
	case BP_OP_PLUS: op = "(+ "; break;
	case BP_OP_TILDE: op = "(~ "; break;
	case BP_OP_BANG: op = "(NOT "; break;
	default: return -1;
	}
	bp_buf_adds(b, op);
	if (print(b, e->args[0], p))
		return -1;
	bp_buf_addc(b, ')');
	return 0;
}

static int print_is(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	const char *what = e->op == BP_KW_NULL ? "NULL" : e->op == BP_KW_TRUE ? "TRUE" : e->op == BP_KW_FALSE ? "FALSE" :
			   e->op == BP_KW_UNKNOWN ? "UNKNOWN" : NULL;
	if (!what || e->n_args != 1)
		return -1;
	bp_buf_addc(b, '(');
	if (print(b, e->args[0], p))
		return -1;
	bp_buf_adds(b, e->negated ? " IS NOT " : " IS ");
	bp_buf_adds(b, what);
	bp_buf_addc(b, ')');
	return 0;
}

static int print_in(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args < 2)
		return -1;
	bp_buf_addc(b, '(');
	if (print(b, e->args[0], p))
		return -1;
	bp_buf_adds(b, e->negated ? " NOT IN (" : " IN (");
	if (print_list(b, e->args + 1, e->n_args - 1, p))
		return -1;
	bp_buf_add(b, "))", 2);
	return 0;
}

static int print_between(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args != 3)
		return -1;
	bp_buf_addc(b, '(');
	if (print(b, e->args[0], p))
		return -1;
	bp_buf_adds(b, e->negated ? " NOT BETWEEN " : " BETWEEN ");
	if (print(b, e->args[1], p))
		return -1;
	bp_buf_adds(b, " AND ");
	if (print(b, e->args[2], p))
		return -1;
	bp_buf_addc(b, ')');
	return 0;
}

static int print_like(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	bool regexp = e->op == BP_KW_REGEXP;
	if (e->n_args < 2 || e->n_args > (regexp ? 2u : 3u))
		return -1;
	bp_buf_addc(b, '(');
	if (print(b, e->args[0], p))
		return -1;
	if (e->negated)
		bp_buf_adds(b, " NOT");
	bp_buf_adds(b, regexp ? " REGEXP " : " LIKE ");
	if (print(b, e->args[1], p))
		return -1;
	if (e->n_args == 3 && e->args[2]) {
		bp_buf_adds(b, " ESCAPE ");
		if (print(b, e->args[2], p))
			return -1;
	}
	bp_buf_addc(b, ')');
	return 0;
}

static int print_case(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args < 3)
		return -1;
	bp_buf_adds(b, "(CASE");
	if (e->args[0]) {
		bp_buf_addc(b, ' ');
		if (print(b, e->args[0], p))
			return -1;
	}
	uint32_t i = 1;
	for (; i + 1 < e->n_args; i += 2) {
		bp_buf_adds(b, " WHEN ");
		if (print(b, e->args[i], p))
			return -1;
		bp_buf_adds(b, " THEN ");
		if (print(b, e->args[i + 1], p))
			return -1;
	}
	if (i < e->n_args) {
		bp_buf_adds(b, " ELSE ");
		if (print(b, e->args[i], p))
			return -1;
	}
	bp_buf_adds(b, " END)");
	return 0;
}

/* TRIM, EXTRACT, TIMESTAMPADD/DIFF, GET_FORMAT, CHAR(.. USING): the forms with words inside */
static int print_special_call(bp_buf *b, const bp_expr *e, const bp_expr_printer *p, bool *done)
{
	*done = true;
	const char *n = e->name;
	if (strcmp(n, "TRIM") == 0 && (e->op || e->n_args == 2)) {
		const char *side = e->op == BP_KW_LEADING ? "LEADING" : e->op == BP_KW_TRAILING ? "TRAILING" : "BOTH";
		if (e->n_args < 1 || e->n_args > 2)
			return -1;
		bp_buf_adds(b, "TRIM(");
		bp_buf_adds(b, side);
		bp_buf_addc(b, ' ');
		if (e->n_args == 2) {
			if (print(b, e->args[1], p))
				return -1;
			bp_buf_addc(b, ' ');
		}
		bp_buf_adds(b, "FROM ");
		if (print(b, e->args[0], p))
			return -1;
		bp_buf_addc(b, ')');
		return 0;
	}
	if (e->text && (strcmp(n, "EXTRACT") == 0 || strcmp(n, "TIMESTAMPADD") == 0 || strcmp(n, "TIMESTAMPDIFF") == 0 ||
			strcmp(n, "GET_FORMAT") == 0)) {
		if (!plain(e->text))
			return -1;
		bp_buf_adds(b, n);
		bp_buf_addc(b, '(');
		bp_buf_adds(b, e->text);
		bp_buf_adds(b, n[0] == 'E' ? " FROM " : ", ");
		if (print_list(b, e->args, e->n_args, p))
			return -1;
		bp_buf_addc(b, ')');
		return 0;
	}
	if (e->text && strcmp(n, "CHAR") == 0) {
		if (!plain(e->text))
			return -1;
		bp_buf_adds(b, "CHAR(");
		if (print_list(b, e->args, e->n_args, p))
			return -1;
		bp_buf_adds(b, " USING ");
		bp_buf_adds(b, e->text);
		bp_buf_addc(b, ')');
		return 0;
	}
	*done = false;
	return 0;
}

/* Can name stand bare before '(': not a reserved word, or one of those the parser reads as a call. */
static bool callable_word(const char *name)
{
	static const char *const reserved_calls[] = {
		"CHAR", "CONVERT", "CURRENT_DATE", "CURRENT_ROLE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
		"DATABASE", "DEFAULT", "IF", "INSERT", "INTERVAL", "LEFT", "LOCALTIME", "LOCALTIMESTAMP", "MOD",
		"REPEAT", "REPLACE", "RIGHT", "SCHEMA", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VALUES",
	};
	bp_keyword k = bp_kw_lookup(name, strlen(name));
	if (!bp_kw_reserved(k))
		return true;
	for (size_t i = 0; i < sizeof(reserved_calls) / sizeof(reserved_calls[0]); i++)
		if (strcasecmp(name, reserved_calls[i]) == 0)
			return true;
	return false;
}

static int print_func(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (!e->name)
		return -1;
	if (!e->db && e->n_args == 0 && strcmp(e->name, "LAST_INSERT_ID") == 0)
		return p && p->var ? p->var(p->ctx, "LAST_INSERT_ID()", b) : -1;
	bool done = false;
	if (!e->db && print_special_call(b, e, p, &done))
		return -1;
	if (done)
		return 0;
	if (e->db) { /* a stored function: `db`.`f`(...) */
		add_name(b, e->db);
		bp_buf_addc(b, '.');
		add_name(b, e->name);
	} else if (plain(e->name) && callable_word(e->name)) {
		bp_buf_adds(b, e->name); /* built-ins are never quoted: `NOW`() would be a stored function */
	} else {
		return -1;
	}
	bp_buf_addc(b, '(');
	if (e->op == BP_KW_DISTINCT)
		bp_buf_adds(b, "DISTINCT ");
	if (print_list(b, e->args, e->n_args, p))
		return -1;
	bp_buf_addc(b, ')');
	return 0;
}

static int print_wrapped(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (e->n_args != 1)
		return -1;
	switch ((bp_expr_kind)e->kind) {
	case BP_X_CAST:
		if (!plain_type(e->name))
			return -1;
		bp_buf_adds(b, "CAST(");
		if (print(b, e->args[0], p))
			return -1;
		bp_buf_adds(b, " AS ");
		bp_buf_adds(b, e->name);
		bp_buf_addc(b, ')');
		return 0;
	case BP_X_INTERVAL:
		if (!plain(e->name))
			return -1;
		bp_buf_adds(b, "INTERVAL ");
		if (print(b, e->args[0], p))
			return -1;
		bp_buf_addc(b, ' ');
		bp_buf_adds(b, e->name);
		return 0;
	case BP_X_COLLATE:
		if (!plain(e->name))
			return -1;
		bp_buf_addc(b, '(');
		if (print(b, e->args[0], p))
			return -1;
		bp_buf_adds(b, " COLLATE ");
		add_name(b, e->name); /* quoted: a collation could be spelled like a reserved word */
		bp_buf_addc(b, ')');
		return 0;
	default:
		return -1;
	}
}

static int print(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	if (!e)
		return -1;
	switch ((bp_expr_kind)e->kind) {
	case BP_X_LITERAL:
		return print_literal(b, e, p);
	case BP_X_COLUMN:
		return print_column(b, e, p);
	case BP_X_USERVAR:
		return p && p->var && e->name ? p->var(p->ctx, e->name, b) : -1;
	case BP_X_SYSVAR:
		if (!plain(e->name))
			return -1;
		bp_buf_add(b, "@@", 2);
		bp_buf_adds(b, e->name);
		return 0;
	case BP_X_DEFAULT:
		bp_buf_adds(b, "DEFAULT");
		return 0;
	case BP_X_STAR:
		if (e->table) {
			if (e->db) {
				add_name(b, e->db);
				bp_buf_addc(b, '.');
			}
			add_name(b, e->table);
			bp_buf_addc(b, '.');
		}
		bp_buf_addc(b, '*');
		return 0;
	case BP_X_UNARY:
	case BP_X_NOT:
		return print_unary(b, e, p);
	case BP_X_BINARY:
		return print_binary(b, e, p);
	case BP_X_IS:
		return print_is(b, e, p);
	case BP_X_IN:
		return print_in(b, e, p);
	case BP_X_BETWEEN:
		return print_between(b, e, p);
	case BP_X_LIKE:
		return print_like(b, e, p);
	case BP_X_FUNC:
		return print_func(b, e, p);
	case BP_X_ROW:
		bp_buf_adds(b, "ROW(");
		if (print_list(b, e->args, e->n_args, p))
			return -1;
		bp_buf_addc(b, ')');
		return 0;
	case BP_X_CASE:
		return print_case(b, e, p);
	case BP_X_CAST:
	case BP_X_INTERVAL:
	case BP_X_COLLATE:
		return print_wrapped(b, e, p);
	case BP_X_PARAM:
	case BP_X_SUBQUERY:
	case BP_X_OTHER:
		return -1;
	}
	return -1;
}

int bp_expr_print(bp_buf *b, const bp_expr *e, const bp_expr_printer *p)
{
	int rc = print(b, e, p);
	return rc == 0 && bp_buf_ok(b) ? 0 : -1;
}
