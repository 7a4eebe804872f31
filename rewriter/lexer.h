/*
 * lexer.h: a MySQL/MariaDB SQL tokenizer shared by the schema loader and the
 * DML rewriter.
 *
 * Tokens are views into the caller's text (start, length, line, column): the
 * lexer copies nothing and allocates nothing, so the text must outlive the
 * tokens. It follows the server's lexer (sql/sql_lex.cc, MY_LEX_* states) and,
 * for statement splitting, the mysql/mariadb client (client/mysql.cc):
 *
 *   - comments (-- , #, slash-star) are skipped; executable comments
 *     slash-star-bang[NNNNN[N]] and slash-star-M-bang[NNNNN[N]] are lexed as
 *     SQL when their version is included (bp_lexer.server_version), otherwise
 *     skipped; optimizer hints slash-star-plus come back whole as BP_TK_HINT;
 *   - the statement delimiter (";" unless changed, see bp_lex_set_delimiter) is
 *     recognised at any token boundary and inside a name ("END$$"), including
 *     inside executable comments, as the client does, and comes back as
 *     BP_TK_DELIM;
 *   - bare words come back as BP_TK_IDENT with code = the keyword (BP_KW_*) or 0:
 *     the parser decides whether a keyword may act as a name (as SQLite's
 *     %fallback ID does);
 *   - an unterminated string, quoted name or comment gives one BP_TK_ERROR
 *     token (bp_lexer.error says what) and then BP_TK_EOF.
 */
#ifndef BP_REWRITER_LEXER_H
#define BP_REWRITER_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* bp_lexer.flags: the sql_mode parts that change lexing */
#define BP_LEX_ANSI_QUOTES 0x01          /* "x" is a name, not a string */
#define BP_LEX_NO_BACKSLASH_ESCAPES 0x02 /* '\' is an ordinary character in strings */

typedef enum bp_tok_type {
	BP_TK_EOF = 0,
	BP_TK_ERROR,      /* unterminated string/name/comment: text runs to the end of input */
	BP_TK_DELIM,      /* the statement delimiter */
	BP_TK_IDENT,      /* bare word; code = BP_KW_* or 0 */
	BP_TK_QIDENT,     /* `name` (`` inside), or "name" with BP_LEX_ANSI_QUOTES */
	BP_TK_STRING,     /* 'text' or "text" (quotes included in the token) */
	BP_TK_NSTRING,    /* N'text' */
	BP_TK_INTRODUCER, /* _utf8mb4, _binary ... before a string or hex literal */
	BP_TK_HEXSTR,     /* X'0A' */
	BP_TK_HEXNUM,     /* 0x0A */
	BP_TK_BITSTR,     /* B'0101' */
	BP_TK_BITNUM,     /* 0b0101 */
	BP_TK_INTEGER,    /* 42 */
	BP_TK_DECIMAL,    /* 4.2, .5, 4. */
	BP_TK_FLOAT,      /* 4.2e1, 1E-3 */
	BP_TK_OP,         /* operator or punctuation; code = BP_OP_* */
	BP_TK_VAR,        /* @name, @'name', @`name` */
	BP_TK_SYSVAR,     /* @@name, @@session.name */
	BP_TK_PARAM,      /* ? */
	BP_TK_HINT,       /* an optimizer hint comment, whole */
} bp_tok_type;

typedef enum bp_op {
	BP_OP_OTHER = 0, /* any other single byte ([, ], \ ...): the parser rejects it */
	BP_OP_LPAREN, BP_OP_RPAREN, BP_OP_COMMA, BP_OP_DOT, BP_OP_SEMI,
	BP_OP_EQ,        /* = */
	BP_OP_NSEQ,      /* <=> */
	BP_OP_LT, BP_OP_LE, BP_OP_GT, BP_OP_GE,
	BP_OP_NE,        /* <> or != */
	BP_OP_ASSIGN,    /* := */
	BP_OP_PLUS, BP_OP_MINUS, BP_OP_STAR, BP_OP_SLASH, BP_OP_PERCENT,
	BP_OP_BANG, BP_OP_TILDE, BP_OP_CARET, BP_OP_AMP, BP_OP_PIPE,
	BP_OP_AND2,      /* && */
	BP_OP_OR2,       /* || */
	BP_OP_SHL, BP_OP_SHR,
	BP_OP_ARROW,     /* -> */
	BP_OP_ARROW2,    /* ->> */
	BP_OP_COLON, BP_OP_LBRACE, BP_OP_RBRACE,
} bp_op;

/*
 * Keywords, sorted by name (C locale: '_' after letters and digits) for the
 * binary search in lexer.c. The second field is 1 for words reserved in MySQL
 * 8.0 or MariaDB 10.11 (they need quoting to be used as names).
 */
#define BP_KEYWORDS(X) \
	X(ACCESSIBLE, 1) \
	X(ACTION, 0) \
	X(ADD, 1) \
	X(AFTER, 0) \
	X(AGAINST, 0) \
	X(AGGREGATE, 0) \
	X(ALGORITHM, 0) \
	X(ALL, 1) \
	X(ALTER, 1) \
	X(ALWAYS, 0) \
	X(ANALYZE, 1) \
	X(AND, 1) \
	X(ANY, 0) \
	X(AS, 1) \
	X(ASC, 1) \
	X(ASCII, 0) \
	X(ASENSITIVE, 1) \
	X(AT, 0) \
	X(AUTOEXTEND_SIZE, 0) \
	X(AUTO_INCREMENT, 0) \
	X(AVG_ROW_LENGTH, 0) \
	X(BEFORE, 1) \
	X(BEGIN, 0) \
	X(BETWEEN, 1) \
	X(BIGINT, 1) \
	X(BINARY, 1) \
	X(BINLOG, 0) \
	X(BIT, 0) \
	X(BLOB, 1) \
	X(BODY, 0) \
	X(BOOL, 0) \
	X(BOOLEAN, 0) \
	X(BOTH, 1) \
	X(BTREE, 0) \
	X(BY, 1) \
	X(BYTE, 0) \
	X(CACHE, 0) \
	X(CALL, 1) \
	X(CASCADE, 1) \
	X(CASCADED, 0) \
	X(CASE, 1) \
	X(CHANGE, 1) \
	X(CHAR, 1) \
	X(CHARACTER, 1) \
	X(CHARSET, 0) \
	X(CHECK, 1) \
	X(CHECKSUM, 0) \
	X(CLUSTERING, 0) \
	X(COALESCE, 0) \
	X(COLLATE, 1) \
	X(COLUMN, 1) \
	X(COLUMNS, 0) \
	X(COLUMN_FORMAT, 0) \
	X(COMMENT, 0) \
	X(COMMIT, 0) \
	X(COMMITTED, 0) \
	X(COMPACT, 0) \
	X(COMPRESSED, 0) \
	X(COMPRESSION, 0) \
	X(CONDITION, 1) \
	X(CONNECTION, 0) \
	X(CONSISTENT, 0) \
	X(CONSTRAINT, 1) \
	X(CONTAINS, 0) \
	X(CONTINUE, 1) \
	X(CONVERT, 1) \
	X(COPY, 0) \
	X(CREATE, 1) \
	X(CROSS, 1) \
	X(CUBE, 1) \
	X(CURRENT, 0) \
	X(CURRENT_DATE, 1) \
	X(CURRENT_ROLE, 1) \
	X(CURRENT_TIME, 1) \
	X(CURRENT_TIMESTAMP, 1) \
	X(CURRENT_USER, 1) \
	X(CURSOR, 1) \
	X(CYCLE, 0) \
	X(DATA, 0) \
	X(DATABASE, 1) \
	X(DATABASES, 1) \
	X(DATE, 0) \
	X(DATETIME, 0) \
	X(DAY, 0) \
	X(DAY_HOUR, 1) \
	X(DAY_MICROSECOND, 1) \
	X(DAY_MINUTE, 1) \
	X(DAY_SECOND, 1) \
	X(DEALLOCATE, 0) \
	X(DEC, 1) \
	X(DECIMAL, 1) \
	X(DECLARE, 1) \
	X(DEFAULT, 1) \
	X(DEFINER, 0) \
	X(DELAYED, 1) \
	X(DELAY_KEY_WRITE, 0) \
	X(DELETE, 1) \
	X(DELIMITER, 0) \
	X(DESC, 1) \
	X(DESCRIBE, 1) \
	X(DETERMINISTIC, 1) \
	X(DIRECTORY, 0) \
	X(DISABLE, 0) \
	X(DISCARD, 0) \
	X(DISK, 0) \
	X(DISTINCT, 1) \
	X(DISTINCTROW, 1) \
	X(DIV, 1) \
	X(DO, 0) \
	X(DOUBLE, 1) \
	X(DROP, 1) \
	X(DUAL, 1) \
	X(DUPLICATE, 0) \
	X(DYNAMIC, 0) \
	X(EACH, 1) \
	X(ELSE, 1) \
	X(ELSEIF, 1) \
	X(EMPTY, 1) \
	X(ENABLE, 0) \
	X(ENCLOSED, 1) \
	X(ENCRYPTED, 0) \
	X(ENCRYPTION, 0) \
	X(ENCRYPTION_KEY_ID, 0) \
	X(END, 0) \
	X(ENFORCED, 0) \
	X(ENGINE, 0) \
	X(ENGINES, 0) \
	X(ENGINE_ATTRIBUTE, 0) \
	X(ENUM, 0) \
	X(ESCAPE, 0) \
	X(ESCAPED, 1) \
	X(EVENT, 0) \
	X(EXCEPT, 1) \
	X(EXCHANGE, 0) \
	X(EXCLUSIVE, 0) \
	X(EXECUTE, 0) \
	X(EXISTS, 1) \
	X(EXIT, 1) \
	X(EXPLAIN, 1) \
	X(EXTENDED, 0) \
	X(FALSE, 1) \
	X(FETCH, 1) \
	X(FIELDS, 0) \
	X(FIRST, 0) \
	X(FIXED, 0) \
	X(FLOAT, 1) \
	X(FLOAT4, 1) \
	X(FLOAT8, 1) \
	X(FLUSH, 0) \
	X(FOR, 1) \
	X(FORCE, 1) \
	X(FOREIGN, 1) \
	X(FORMAT, 0) \
	X(FROM, 1) \
	X(FULL, 0) \
	X(FULLTEXT, 1) \
	X(FUNCTION, 0) \
	X(GENERATED, 1) \
	X(GEOMCOLLECTION, 0) \
	X(GEOMETRY, 0) \
	X(GEOMETRYCOLLECTION, 0) \
	X(GET, 1) \
	X(GLOBAL, 0) \
	X(GRANT, 1) \
	X(GROUP, 1) \
	X(GROUPS, 1) \
	X(HASH, 0) \
	X(HAVING, 1) \
	X(HIGH_PRIORITY, 1) \
	X(HOUR, 0) \
	X(HOUR_MICROSECOND, 1) \
	X(HOUR_MINUTE, 1) \
	X(HOUR_SECOND, 1) \
	X(IF, 1) \
	X(IGNORE, 1) \
	X(IGNORED, 0) \
	X(IMPORT, 0) \
	X(IN, 1) \
	X(INDEX, 1) \
	X(INDEXES, 0) \
	X(INET4, 0) \
	X(INET6, 0) \
	X(INFILE, 1) \
	X(INNER, 1) \
	X(INOUT, 1) \
	X(INPLACE, 0) \
	X(INSERT, 1) \
	X(INSERT_METHOD, 0) \
	X(INSTANT, 0) \
	X(INT, 1) \
	X(INT1, 1) \
	X(INT2, 1) \
	X(INT3, 1) \
	X(INT4, 1) \
	X(INT8, 1) \
	X(INTEGER, 1) \
	X(INTERSECT, 1) \
	X(INTERVAL, 1) \
	X(INTO, 1) \
	X(INVISIBLE, 0) \
	X(IS, 1) \
	X(ISOLATION, 0) \
	X(ITERATE, 1) \
	X(JOIN, 1) \
	X(JSON, 0) \
	X(JSON_TABLE, 1) \
	X(KEY, 1) \
	X(KEYS, 1) \
	X(KEY_BLOCK_SIZE, 0) \
	X(KILL, 1) \
	X(LAST, 0) \
	X(LATERAL, 1) \
	X(LEADING, 1) \
	X(LEAVE, 1) \
	X(LEFT, 1) \
	X(LESS, 0) \
	X(LEVEL, 0) \
	X(LIKE, 1) \
	X(LIMIT, 1) \
	X(LINEAR, 1) \
	X(LINES, 1) \
	X(LINESTRING, 0) \
	X(LIST, 0) \
	X(LOAD, 1) \
	X(LOCAL, 0) \
	X(LOCALTIME, 1) \
	X(LOCALTIMESTAMP, 1) \
	X(LOCK, 1) \
	X(LOCKED, 0) \
	X(LOGS, 0) \
	X(LONG, 1) \
	X(LONGBLOB, 1) \
	X(LONGTEXT, 1) \
	X(LOOP, 1) \
	X(LOW_PRIORITY, 1) \
	X(MATCH, 1) \
	X(MAXVALUE, 1) \
	X(MAX_ROWS, 0) \
	X(MEDIUMBLOB, 1) \
	X(MEDIUMINT, 1) \
	X(MEDIUMTEXT, 1) \
	X(MEMORY, 0) \
	X(MERGE, 0) \
	X(MIDDLEINT, 1) \
	X(MINUTE, 0) \
	X(MINUTE_MICROSECOND, 1) \
	X(MINUTE_SECOND, 1) \
	X(MINVALUE, 0) \
	X(MIN_ROWS, 0) \
	X(MOD, 1) \
	X(MODE, 0) \
	X(MODIFIES, 1) \
	X(MODIFY, 0) \
	X(MONTH, 0) \
	X(MULTILINESTRING, 0) \
	X(MULTIPOINT, 0) \
	X(MULTIPOLYGON, 0) \
	X(NAME, 0) \
	X(NAMES, 0) \
	X(NATIONAL, 0) \
	X(NATURAL, 1) \
	X(NCHAR, 0) \
	X(NEXT, 0) \
	X(NO, 0) \
	X(NOCACHE, 0) \
	X(NOCYCLE, 0) \
	X(NONE, 0) \
	X(NOT, 1) \
	X(NOWAIT, 0) \
	X(NO_WRITE_TO_BINLOG, 1) \
	X(NULL, 1) \
	X(NUMERIC, 1) \
	X(NVARCHAR, 0) \
	X(OF, 1) \
	X(OFFLINE, 0) \
	X(OFFSET, 0) \
	X(ON, 1) \
	X(ONLINE, 0) \
	X(ONLY, 0) \
	X(OPEN, 0) \
	X(OPTIMIZE, 1) \
	X(OPTION, 1) \
	X(OPTIONALLY, 1) \
	X(OR, 1) \
	X(ORDER, 1) \
	X(OUT, 1) \
	X(OUTER, 1) \
	X(OUTFILE, 1) \
	X(OVER, 1) \
	X(OWNER, 0) \
	X(PACK_KEYS, 0) \
	X(PAGE, 0) \
	X(PARSER, 0) \
	X(PARTIAL, 0) \
	X(PARTITION, 1) \
	X(PARTITIONING, 0) \
	X(PARTITIONS, 0) \
	X(PASSWORD, 0) \
	X(PERIOD, 0) \
	X(PERSISTENT, 0) \
	X(POINT, 0) \
	X(POLYGON, 0) \
	X(PRECISION, 1) \
	X(PREPARE, 0) \
	X(PRIMARY, 1) \
	X(PROCEDURE, 1) \
	X(PURGE, 1) \
	X(QUICK, 0) \
	X(RANGE, 1) \
	X(READ, 1) \
	X(READS, 1) \
	X(REAL, 1) \
	X(REBUILD, 0) \
	X(RECURSIVE, 1) \
	X(REDUNDANT, 0) \
	X(REFERENCES, 1) \
	X(REGEXP, 1) \
	X(RELEASE, 1) \
	X(REMOVE, 0) \
	X(RENAME, 1) \
	X(REORGANIZE, 0) \
	X(REPAIR, 0) \
	X(REPEAT, 1) \
	X(REPEATABLE, 0) \
	X(REPLACE, 1) \
	X(REQUIRE, 1) \
	X(RESIGNAL, 1) \
	X(RESTRICT, 1) \
	X(RETURN, 1) \
	X(RETURNING, 1) \
	X(RETURNS, 0) \
	X(REVOKE, 1) \
	X(RIGHT, 1) \
	X(RLIKE, 1) \
	X(ROLE, 0) \
	X(ROLLBACK, 0) \
	X(ROLLUP, 0) \
	X(ROW, 1) \
	X(ROWS, 1) \
	X(ROW_FORMAT, 0) \
	X(RTREE, 0) \
	X(SAVEPOINT, 0) \
	X(SCHEMA, 1) \
	X(SCHEMAS, 1) \
	X(SECOND, 0) \
	X(SECOND_MICROSECOND, 1) \
	X(SECURITY, 0) \
	X(SELECT, 1) \
	X(SENSITIVE, 1) \
	X(SEPARATOR, 1) \
	X(SEQUENCE, 0) \
	X(SERIAL, 0) \
	X(SERIALIZABLE, 0) \
	X(SESSION, 0) \
	X(SET, 1) \
	X(SHARE, 0) \
	X(SHOW, 1) \
	X(SIGNAL, 1) \
	X(SIGNED, 0) \
	X(SIMPLE, 0) \
	X(SKIP, 0) \
	X(SMALLINT, 1) \
	X(SPATIAL, 1) \
	X(SPECIFIC, 1) \
	X(SQL, 1) \
	X(SQLEXCEPTION, 1) \
	X(SQLSTATE, 1) \
	X(SQLWARNING, 1) \
	X(SQL_BIG_RESULT, 1) \
	X(SQL_CALC_FOUND_ROWS, 1) \
	X(SQL_NO_CACHE, 0) \
	X(SQL_SMALL_RESULT, 1) \
	X(SRID, 0) \
	X(SSL, 1) \
	X(START, 0) \
	X(STARTING, 1) \
	X(STATS_AUTO_RECALC, 0) \
	X(STATS_PERSISTENT, 0) \
	X(STATS_SAMPLE_PAGES, 0) \
	X(STATUS, 0) \
	X(STORAGE, 0) \
	X(STORED, 1) \
	X(STRAIGHT_JOIN, 1) \
	X(SYSTEM, 1) \
	X(SYSTEM_TIME, 0) \
	X(TABLE, 1) \
	X(TABLES, 0) \
	X(TABLESPACE, 0) \
	X(TEMPORARY, 0) \
	X(TEMPTABLE, 0) \
	X(TERMINATED, 1) \
	X(TEXT, 0) \
	X(THAN, 0) \
	X(THEN, 1) \
	X(TIME, 0) \
	X(TIMESTAMP, 0) \
	X(TINYBLOB, 1) \
	X(TINYINT, 1) \
	X(TINYTEXT, 1) \
	X(TO, 1) \
	X(TRAILING, 1) \
	X(TRANSACTION, 0) \
	X(TRIGGER, 1) \
	X(TRUE, 1) \
	X(TRUNCATE, 0) \
	X(TYPE, 0) \
	X(UNCOMMITTED, 0) \
	X(UNDEFINED, 0) \
	X(UNDO, 1) \
	X(UNICODE, 0) \
	X(UNION, 1) \
	X(UNIQUE, 1) \
	X(UNKNOWN, 0) \
	X(UNLOCK, 1) \
	X(UNSIGNED, 1) \
	X(UNTIL, 0) \
	X(UPDATE, 1) \
	X(USAGE, 1) \
	X(USE, 1) \
	X(USER, 0) \
	X(USING, 1) \
	X(UTC_DATE, 1) \
	X(UTC_TIME, 1) \
	X(UTC_TIMESTAMP, 1) \
	X(UUID, 0) \
	X(VALIDATION, 0) \
	X(VALUE, 0) \
	X(VALUES, 1) \
	X(VARBINARY, 1) \
	X(VARCHAR, 1) \
	X(VARCHARACTER, 1) \
	X(VARIABLES, 0) \
	X(VARYING, 1) \
	X(VECTOR, 0) \
	X(VERSIONING, 0) \
	X(VIEW, 0) \
	X(VIRTUAL, 1) \
	X(VISIBLE, 0) \
	X(WAIT, 0) \
	X(WHEN, 1) \
	X(WHERE, 1) \
	X(WHILE, 1) \
	X(WINDOW, 1) \
	X(WITH, 1) \
	X(WITHOUT, 0) \
	X(WORK, 0) \
	X(WRITE, 1) \
	X(XA, 0) \
	X(XOR, 1) \
	X(YEAR, 0) \
	X(YEAR_MONTH, 1) \
	X(ZEROFILL, 1)

typedef enum bp_keyword {
	BP_KW__NONE = 0, /* not a keyword */
#define X(word, reserved) BP_KW_##word,
	BP_KEYWORDS(X)
#undef X
	BP_KW__COUNT
} bp_keyword;

typedef struct bp_token {
	const char *start; /* borrowed from the lexer's text */
	uint32_t len;
	uint32_t line, col; /* 1-based; the column counts bytes */
	uint16_t type;     /* bp_tok_type */
	uint16_t code;     /* BP_KW_* for BP_TK_IDENT, BP_OP_* for BP_TK_OP, else 0 */
} bp_token;

typedef struct bp_lexer {
	const char *text, *p, *end;
	const char *line_start;
	uint32_t line;
	unsigned flags;           /* BP_LEX_* */
	/* Executable comments with a version above this are comments. 0 includes
	 * every version below 999999, the number MariaDB's dump uses for lines
	 * meant for its client only (its sandbox-mode line). */
	uint32_t server_version;
	char delim[16];           /* statement delimiter; empty: ';' is BP_OP_SEMI */
	uint8_t delim_len;
	bool in_vcomment;         /* inside an executable comment being lexed */
	const char *ident_end;    /* where the last name ended (for "t.1col") */
	bool after_dot;           /* last token was a '.' right after a name */
	const char *error;        /* message of the last BP_TK_ERROR (static text) */
} bp_lexer;

/* Start lexing text[0..n). The delimiter is ";" (bp_lex_set_delimiter to change). */
void bp_lex_init(bp_lexer *lx, const char *text, size_t n, unsigned flags);
/* Set the delimiter (DELIMITER command); n == 0 means none. Longer than 15 bytes: false. */
bool bp_lex_set_delimiter(bp_lexer *lx, const char *d, size_t n);
/* Next token into *t; returns its type. After EOF or ERROR it returns EOF again. */
bp_tok_type bp_lex_next(bp_lexer *lx, bp_token *t);
/*
 * Skip the rest of a statement without making tokens (INSERT data in full
 * dumps): strings, names and comments are stepped over, so a ';' inside them
 * does not end it. *t receives the DELIM, EOF or ERROR token that ended it.
 */
bp_tok_type bp_lex_skip_statement(bp_lexer *lx, bp_token *t);
/* The rest of the current line (for client commands such as DELIMITER); the
 * lexer continues on the next line. */
void bp_lex_rest_of_line(bp_lexer *lx, const char **s, size_t *n);

/* Keyword code of word[0..n) (any case), or BP_KW__NONE. */
bp_keyword bp_kw_lookup(const char *word, size_t n);
/* Upper-case name of a keyword ("" for BP_KW__NONE). */
const char *bp_kw_name(bp_keyword kw);
bool bp_kw_reserved(bp_keyword kw);

/*
 * The value of a STRING, NSTRING, QIDENT or quoted VAR token: quotes removed,
 * doubled quotes and (unless BP_LEX_NO_BACKSLASH_ESCAPES) backslash escapes
 * decoded as the server does. Other tokens give their text. Writes at most
 * cap-1 bytes and a NUL to out (cap > 0); returns the full decoded length.
 */
size_t bp_tok_value(const bp_token *t, unsigned flags, char *out, size_t cap);

/* Token type name for messages and tests ("IDENT", "STRING", ...). */
const char *bp_tok_type_name(bp_tok_type type);

#endif
