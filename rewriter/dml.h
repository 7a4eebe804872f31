/*
 * dml.h: a recursive-descent parser for the MySQL/MariaDB statements a binlog
 * QUERY event carries, producing what the prefetch rules need: the target
 * tables, the rows of an INSERT, the assignments of an UPDATE, a WHERE as an
 * expression tree — and, for everything else, a kind and a reason.
 *
 * Grammar followed: MySQL 8.0 / MariaDB 10.11 sql_yacc.yy for
 *   INSERT/REPLACE [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] t
 *       [PARTITION (p,..)] [(cols)] {VALUES|VALUE} (..),(..) | SET c=e,.. | [(]SELECT ..[)]
 *       [AS alias[(cols)]] [ON DUPLICATE KEY UPDATE c=e,..]
 *   UPDATE [LOW_PRIORITY] [IGNORE] table_refs SET c=e,.. [WHERE e] [ORDER BY ..] [LIMIT n]
 *   DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM t [PARTITION (..)] [AS a] [WHERE e]
 *       [ORDER BY ..] [LIMIT n]  |  DELETE t1[.*],.. FROM table_refs [WHERE e]
 *       |  DELETE FROM t1[.*],.. USING table_refs [WHERE e]
 *   LOAD DATA / LOAD XML (kind only), BEGIN / START TRANSACTION / COMMIT /
 *   ROLLBACK / XA / SAVEPOINT, SET (@var, session variables, NAMES,
 *   INSERT_ID, LAST_INSERT_ID, TIMESTAMP, sql_mode), and the DDL words.
 * Leading comments, executable comments (by server_version) and optimizer
 * hints are handled by the lexer (rewriter/lexer.h).
 *
 * Memory: everything hangs off the caller's arena (one per statement); names
 * and literal bytes are decoded copies (NUL-terminated), so the statement text
 * may go away after parsing. Nothing is ever written back: the tree is only
 * read by the rules (rewriter/prefetch.c) and printed by bp_expr_print.
 */
#ifndef BP_REWRITER_DML_H
#define BP_REWRITER_DML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../common/arena.h"
#include "../common/buf.h"
#include "lexer.h" /* bp_op and BP_KW_* codes used in bp_expr.op */

typedef enum bp_dml_kind {
	BP_DML_UNPARSED = 0, /* looked like DML (or anything) but did not parse: see reason */
	BP_DML_INSERT,
	BP_DML_REPLACE,
	BP_DML_UPDATE,
	BP_DML_DELETE,
	BP_DML_LOAD,        /* LOAD DATA / LOAD XML: classified, not prefetchable */
	BP_DML_BEGIN,       /* BEGIN, START TRANSACTION, XA START */
	BP_DML_COMMIT,      /* COMMIT, XA COMMIT, XA END/PREPARE */
	BP_DML_ROLLBACK,    /* ROLLBACK [TO SAVEPOINT], XA ROLLBACK */
	BP_DML_SAVEPOINT,
	BP_DML_SET,         /* SET ...: see assigns */
	BP_DML_DDL,         /* CREATE/ALTER/DROP/RENAME/TRUNCATE/... */
	BP_DML_OTHER,       /* anything else that parsed far enough to know (CALL, DO, GRANT, FLUSH, ANALYZE...) */
} bp_dml_kind;

/* ---- expressions ------------------------------------------------------------ */

typedef enum bp_expr_kind {
	BP_X_LITERAL = 0,
	BP_X_COLUMN,     /* [[db.]table.]column */
	BP_X_USERVAR,    /* @name */
	BP_X_SYSVAR,     /* @@[session.|global.]name */
	BP_X_PARAM,      /* ? (never in binlogs; parsed, not copyable) */
	BP_X_DEFAULT,    /* DEFAULT (INSERT values, SET c = DEFAULT) */
	BP_X_UNARY,      /* op: BP_OP_MINUS, BP_OP_PLUS, BP_OP_TILDE, BP_OP_BANG; NOT as BP_X_NOT */
	BP_X_NOT,
	BP_X_BINARY,     /* op: bp_op (= <=> < <= > >= <> + - * / % & | ^ << >> ->/->> ) or the BP_XOP_* below */
	BP_X_IS,         /* args[0] IS [NOT] {NULL|TRUE|FALSE|UNKNOWN}: op = BP_KW_NULL/TRUE/FALSE/UNKNOWN */
	BP_X_IN,         /* args[0] [NOT] IN (args[1..]) */
	BP_X_BETWEEN,    /* args[0] [NOT] BETWEEN args[1] AND args[2] */
	BP_X_LIKE,       /* args[0] [NOT] LIKE args[1] ESCAPE args[2] (op = BP_KW_LIKE); a LIKE written
			  * without ESCAPE gets the server's implicit one: '\', or '' under
			  * NO_BACKSLASH_ESCAPES. REGEXP/RLIKE: op = BP_KW_REGEXP, two args */
	BP_X_FUNC,       /* name(args...); COUNT(*) has one arg of kind BP_X_STAR; op = BP_KW_DISTINCT
			  * for f(DISTINCT ..). Special syntax kept in text: EXTRACT/TIMESTAMPADD/
			  * TIMESTAMPDIFF the unit, GET_FORMAT the type, CHAR(.. USING cs) the
			  * charset; TRIM: args [str, remstr?], op BP_KW_LEADING/TRAILING/BOTH or 0.
			  * SUBSTRING(s FROM p FOR n) is SUBSTRING(s, p, n), POSITION(a IN b) is
			  * LOCATE(a, b), NEXT/PREVIOUS VALUE FOR s are NEXTVAL(s)/LASTVAL(s).
			  * Reserved words that are calls without parentheses (CURRENT_TIMESTAMP,
			  * CURRENT_USER, UTC_DATE ...) have no args. db: stored function's db */
	BP_X_STAR,       /* * in COUNT(*), t.* */
	BP_X_ROW,        /* (a, b, ...) or ROW(a, b) */
	BP_X_CASE,       /* CASE [args[0]=operand or NULL] WHEN a THEN b ... [ELSE e] END: args as listed */
	BP_X_CAST,       /* CAST(args[0] AS type) / CONVERT(args[0], type): name = type text, upper
			  * case words, digits, "(", ",", ")" only ("DECIMAL(10,2)", "CHAR
			  * CHARACTER SET UTF8MB4"); CONVERT(x USING cs) and BINARY x are casts too */
	BP_X_INTERVAL,   /* INTERVAL args[0] unit: name = unit (DAY, HOUR_MINUTE...) */
	BP_X_COLLATE,    /* args[0] COLLATE name */
	BP_X_SUBQUERY,   /* (SELECT ...), EXISTS (SELECT ...) (op BP_KW_EXISTS), = ANY/ALL (SELECT ..)
			  * (op BP_KW_ANY/ALL): skipped, never copyable */
	BP_X_OTHER,      /* something parsed but not modelled (MATCH..AGAINST, window functions,
			  * SOUNDS LIKE, MEMBER OF, @v := x (op BP_OP_ASSIGN), calls whose arguments
			  * have their own syntax such as GROUP_CONCAT(.. SEPARATOR ..)): name says
			  * what, when known; never copyable or printable */
} bp_expr_kind;

/* BP_X_BINARY ops beyond bp_op (values above any bp_op) */
enum {
	BP_XOP_AND = 100, /* AND, && */
	BP_XOP_OR,        /* OR, || without PIPES_AS_CONCAT */
	BP_XOP_XOR,
	BP_XOP_DIV,       /* DIV */
	BP_XOP_MOD,       /* MOD */
	BP_XOP_CONCAT,    /* || with PIPES_AS_CONCAT */
};

typedef enum bp_lit_kind {
	BP_L_NULL = 0,
	BP_L_INT,        /* text: digits, optional leading '-' folded in by the parser for "-5" */
	BP_L_DECIMAL,    /* text: "12.50" */
	BP_L_FLOAT,      /* text: "1.5e3" */
	BP_L_STRING,     /* bytes (decoded: quotes and escapes removed); charset: introducer or NULL (the session's) */
	BP_L_HEX,        /* bytes: the value of X'..' or 0x.. (charset: introducer or NULL) */
	BP_L_BIT,        /* bytes: the value of b'..' / 0b.. (big-endian, as the server builds it) */
	BP_L_BOOL,       /* TRUE / FALSE: text "1" / "0" */
	BP_L_TEMPORAL,   /* DATE '..', TIME '..', TIMESTAMP '..': text = the quoted body, name = DATE/TIME/TIMESTAMP */
} bp_lit_kind;

typedef struct bp_expr bp_expr;
struct bp_expr {
	uint8_t kind;        /* bp_expr_kind */
	uint8_t lit;         /* bp_lit_kind for BP_X_LITERAL */
	bool negated;        /* NOT IN, NOT BETWEEN, NOT LIKE, IS NOT */
	uint16_t op;         /* see the kinds */
	const char *db, *table, *name; /* COLUMN: qualifiers (NULL if absent) and name;
					* FUNC: function name as written (upper-cased);
					* CAST/INTERVAL/COLLATE: the type/unit/collation text;
					* USERVAR/SYSVAR: the variable name (SYSVAR: scope
					* folded away, lower-cased) */
	const char *text;    /* LITERAL INT/DECIMAL/FLOAT/BOOL: the number as text (NUL-terminated);
			      * TEMPORAL: the body; FUNC: see BP_X_FUNC */
	const uint8_t *bytes;/* LITERAL STRING/HEX/BIT: decoded bytes (NUL-terminated, may contain NUL) */
	uint32_t len;        /* of bytes */
	const char *charset; /* LITERAL: introducer charset ("utf8mb4", "binary"), NSTRING: "utf8mb3"; else NULL */
	uint32_t n_args;
	bp_expr **args;
	uint32_t offset;     /* byte offset of the expression's first token in the statement */
	uint32_t height;     /* 1 + the largest height of the args (trees are at most 2000 high) */
};

/* ---- statements --------------------------------------------------------------- */

typedef struct bp_dml_table {
	const char *db;      /* as written, or NULL (then the event's default database applies) */
	const char *name;
	const char *alias;   /* or NULL */
	bool target;         /* written by the statement. Multi-table DELETE: the listed targets
			      * (matched by alias, else name; one naming no table is added);
			      * multi-table UPDATE: the tables its SET columns name, and every
			      * base table when a SET column is unqualified */
	bool derived;        /* a derived table "(SELECT ..) AS x" or a WITH name: name = alias, db NULL */
	bp_expr *on;         /* ON condition of the join that brought the table in, or NULL */
} bp_dml_table;

typedef struct bp_dml_assign {
	const char *db, *table, *column; /* column (or variable name for SET), qualifiers may be NULL */
	bp_expr *value;
	uint8_t scope;       /* SET: 0 user variable (@x), 1 session/none, 2 global, 3 NAMES, 4 CHARACTER SET */
} bp_dml_assign;
/*
 * SET assigns: column is the variable's name, lower-cased for system
 * variables (@@session.sql_mode -> "sql_mode", scope 1; SET GLOBAL x, @@global.x,
 * PERSIST x -> scope 2; a modifier applies to the following items until the
 * next one, as the server does), as written for user variables (scope 0);
 * table holds the prefix of a structured variable (default.key_buffer_size).
 * A lone word value (SET autocommit = ON, sql_mode = ANSI) is a string literal.
 * NAMES: column "names", value a string literal with the charset (or DEFAULT),
 * wrapped in BP_X_COLLATE when COLLATE was given; CHARACTER SET / CHARSET:
 * column "character_set". INSERT_ID, LAST_INSERT_ID and TIMESTAMP are ordinary
 * session variables ("insert_id" ...). SET TRANSACTION / PASSWORD / ROLE are
 * BP_DML_OTHER; MariaDB's SET STATEMENT v = x FOR stmt parses as stmt.
 */

/* bp_dml.flags */
#define BP_DML_IGNORE     0x0001
#define BP_DML_LOW_PRIO   0x0002
#define BP_DML_DELAYED    0x0004
#define BP_DML_MULTI      0x0008  /* multi-table UPDATE/DELETE (or a join in UPDATE) */
/* BP_DML_RETURNING: the RETURNING list is skipped (not parsed) */
#define BP_DML_SELECT     0x0010  /* INSERT ... SELECT (select_offset/len) */
#define BP_DML_ODKU       0x0020  /* ON DUPLICATE KEY UPDATE (assigns after the rows) */
#define BP_DML_PARTITION  0x0040  /* a PARTITION (...) clause was given */
#define BP_DML_ORDER      0x0080  /* ORDER BY given (UPDATE/DELETE) */
#define BP_DML_LIMIT      0x0100  /* LIMIT given: limit */
#define BP_DML_SET_FORM   0x0200  /* INSERT ... SET c=e (one row in rows[0], columns from the SET) */
#define BP_DML_RETURNING  0x0400  /* MariaDB RETURNING */

typedef struct bp_dml {
	uint8_t kind;            /* bp_dml_kind */
	uint32_t flags;          /* BP_DML_* */
	uint32_t n_tables;       /* INSERT/REPLACE/LOAD: 1 (the target); UPDATE/DELETE: every table
				  * named in the statement, targets marked */
	bp_dml_table *tables;
	/* INSERT/REPLACE */
	uint32_t n_columns;      /* 0: no column list (all columns in table order) */
	const char **columns;
	uint32_t n_rows;         /* VALUES rows (or 1 for the SET form) */
	uint32_t *row_len;       /* values in each row */
	bp_expr ***rows;         /* rows[r][i] */
	uint32_t select_offset, select_len; /* INSERT ... SELECT: the SELECT's text in the statement */
	const char *row_alias;   /* INSERT ... VALUES (..) AS new[(a, b)] (MySQL 8.0.19+), or NULL */
	uint32_t n_row_alias_columns;
	const char **row_alias_columns;
	/* UPDATE SET, ON DUPLICATE KEY UPDATE, SET statement */
	uint32_t n_assigns;
	bp_dml_assign *assigns;
	/* UPDATE/DELETE */
	bp_expr *where;          /* or NULL */
	uint32_t n_order;
	bp_expr **order;         /* ORDER BY expressions */
	bool *order_desc;
	uint64_t limit;          /* with BP_DML_LIMIT */
	/* UNPARSED: why, and where (byte offset in the statement) */
	const char *reason;
	uint32_t reason_offset;
} bp_dml;

/* Parsing context: from the QUERY event's status variables. */
typedef struct bp_dml_ctx {
	unsigned lex_flags;      /* BP_LEX_ANSI_QUOTES, BP_LEX_NO_BACKSLASH_ESCAPES (rewriter/lexer.h) */
	bool pipes_as_concat;    /* sql_mode PIPES_AS_CONCAT */
	bool high_not_precedence;/* sql_mode HIGH_NOT_PRECEDENCE */
	uint32_t server_version; /* for executable comments (0: include all) */
} bp_dml_ctx;

/* sql_mode bits as QUERY events carry them (MySQL/MariaDB MODE_*) */
#define BP_SQLMODE_PIPES_AS_CONCAT       (1ULL << 1)
#define BP_SQLMODE_ANSI_QUOTES           (1ULL << 2)
#define BP_SQLMODE_HIGH_NOT_PRECEDENCE   (1ULL << 29)
#define BP_SQLMODE_NO_BACKSLASH_ESCAPES  (1ULL << 20)

/* Context from a sql_mode value. */
bp_dml_ctx bp_dml_ctx_from_sql_mode(uint64_t sql_mode, uint32_t server_version);

/*
 * Parse one statement sql[0..n) (trailing ';' and whitespace allowed, a second
 * statement is an error). Always fills *out: kind is BP_DML_UNPARSED with
 * reason set when the text is not understood. Returns 0, or -1 only when the
 * arena is out of memory (out is then UNPARSED, "out of memory"). Never reads
 * outside sql[0..n), never recurses without bound (nesting deeper than 200 is
 * "too deeply nested"; so is an expression tree higher than 2000, e.g. a chain
 * of 2000 ORs, so that walking a tree recursively is always safe). ctx may be
 * NULL (default sql_mode). DDL and the statements of BP_DML_OTHER are
 * classified by their first words only; the rest of their text is not read.
 */
int bp_dml_parse(const char *sql, size_t n, const bp_dml_ctx *ctx, bp_arena *a, bp_dml *out);

/* Name of a kind ("insert", "update", "unparsed", ...). */
const char *bp_dml_kind_name(unsigned kind);

/*
 * Can e be copied into a generated read-only SELECT? True when it holds only
 * literals, columns, user variables (resolved by the printer), operators,
 * IS/IN/BETWEEN/LIKE, CASE, CAST, INTERVAL, COLLATE, rows, and calls of
 * functions from a whitelist of built-in, deterministic-or-time, side-effect-free
 * functions (no stored functions, no SLEEP/GET_LOCK/BENCHMARK/LOAD_FILE/
 * RAND/UUID/user-lock/sequence functions...). Subqueries, ?, system variables
 * and BP_X_OTHER are never copyable. *why gets a short reason when false.
 */
bool bp_expr_copyable(const bp_expr *e, const char **why);

/*
 * Is name[0..n) (any case) a function of the copyable whitelist above, safe to
 * call in a read-only SELECT by name alone? Used by `binprime replay` to refuse
 * scripts calling anything else (stored functions, SLEEP, GET_LOCK, NEXTVAL...).
 */
bool bp_func_is_builtin_safe(const char *name, size_t n);

/*
 * Print e as SQL for a generated statement, in a form that reads the same
 * whatever the session's sql_mode: names in backquotes (` doubled), strings as
 * bp_literal_bytes writes them (rewriter/literal.h), operators spelled out
 * (AND, OR, NOT), fully parenthesised where precedence could differ.
 *
 * Column references are passed to col() when it is not NULL: it appends the
 * text to print for the column (e.g. a qualified or substituted form) and
 * returns 0, or -1 to fail the print. User variables go to var() (which appends
 * the value as a literal, or returns -1 when unknown); with var NULL they fail.
 * LAST_INSERT_ID() with no argument goes to var() with the name
 * "LAST_INSERT_ID()". Returns 0, or -1 (b may then hold part of the text; the
 * caller rewinds b->len).
 */
typedef struct bp_expr_printer {
	int (*col)(void *ctx, const bp_expr *column, bp_buf *b);
	int (*var)(void *ctx, const char *name, bp_buf *b);
	void *ctx;
	const char *session_charset; /* charset of strings without an introducer (NULL: utf8mb4) */
} bp_expr_printer;

int bp_expr_print(bp_buf *b, const bp_expr *e, const bp_expr_printer *p);

/* Is e a constant (literals, DEFAULT excluded, operators over literals, and
 * whitelisted deterministic functions of constants; NOW() and the like are not)? */
bool bp_expr_is_const(const bp_expr *e);

#endif
