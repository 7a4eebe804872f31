/*
 * schema_sql_pending.c: TEMPORARY weak placeholders so the tree links while
 * analyzer/schema_sql.c (the SQL dump / DDL parser) is being written; its
 * strong definitions replace these. Deleted when schema_sql.c lands.
 */
#include <stdio.h>

#include "schema.h"

__attribute__((weak)) int bp_schema_load_sql(bp_schema *s, const char *text, size_t n, const char *path,
					     const char *default_db, bp_sch_diag *diag)
{
	(void)s, (void)text, (void)n, (void)default_db;
	bp_sch_diag_report(diag, path, 1, 1, "SQL schema files are not supported yet");
	return 0;
}

__attribute__((weak)) int bp_schema_apply_sql(bp_schema *s, const char *db, const char *sql, size_t n, char *msg,
					      size_t msg_size)
{
	(void)s, (void)db, (void)sql, (void)n;
	snprintf(msg, msg_size, "DDL parsing is not built yet");
	return 0;
}
