/*
 * test_schema.c: the schema model core: the container, builders, clone,
 * type-text parsing, and the JSON rendering.
 */
#include "../unit.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer/schema.h"
#include "analyzer/value.h"

static bp_sch_table *mk(const char *db, const char *name, int ncols)
{
	bp_sch_table *t = bp_sch_table_new(db, name);
	char cn[16];
	for (int i = 0; i < ncols; i++) {
		snprintf(cn, sizeof(cn), "c%d", i);
		bp_sch_column *c = bp_sch_add_column(t, cn);
		bp_sch_column_set_type(c, "int(11)");
	}
	return t;
}

static void container_put_lookup_drop(void)
{
	bp_schema *s = bp_schema_new();
	char name[32];
	for (int i = 0; i < 200; i++) { /* past several grows */
		snprintf(name, sizeof(name), "t%03d", i);
		CU_ASSERT_EQUAL(bp_schema_put(s, mk(i % 2 ? "b" : "a", name, 1)), 0);
	}
	CU_ASSERT_PTR_NOT_NULL(bp_schema_lookup(s, "a", "t000"));
	CU_ASSERT_PTR_NOT_NULL(bp_schema_lookup(s, "b", "t199"));
	CU_ASSERT_PTR_NULL(bp_schema_lookup(s, "a", "t199")); /* odd numbers are in b */
	CU_ASSERT_PTR_NULL(bp_schema_lookup(s, "A", "t000")); /* names are case-sensitive */
	size_t n;
	bp_sch_table *const *v = bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 200);
	CU_ASSERT_STRING_EQUAL(v[0]->db, "a");
	CU_ASSERT_STRING_EQUAL(v[0]->name, "t000");
	CU_ASSERT_STRING_EQUAL(v[99]->name, "t198");
	CU_ASSERT_STRING_EQUAL(v[100]->db, "b");
	CU_ASSERT_STRING_EQUAL(v[100]->name, "t001");
	/* replace: same key, new table */
	CU_ASSERT_EQUAL(bp_schema_put(s, mk("a", "t000", 3)), 0);
	CU_ASSERT_EQUAL(bp_schema_lookup(s, "a", "t000")->n_columns, 3);
	bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 200);
	CU_ASSERT_EQUAL(bp_schema_drop(s, "a", "t000"), 0);
	CU_ASSERT_EQUAL(bp_schema_drop(s, "a", "t000"), -1);
	CU_ASSERT_PTR_NULL(bp_schema_lookup(s, "a", "t000"));
	CU_ASSERT_EQUAL(bp_schema_rename(s, "a", "t002", "c", "moved"), 0);
	CU_ASSERT_PTR_NULL(bp_schema_lookup(s, "a", "t002"));
	CU_ASSERT_PTR_NOT_NULL(bp_schema_lookup(s, "c", "moved"));
	bp_schema_drop_db(s, "b");
	bp_schema_tables(s, &n);
	CU_ASSERT_EQUAL(n, 99 - 1 + 1); /* a: 100 - t000 - t002, c: moved */
	bp_schema_free(s);
}

static void clone_is_deep(void)
{
	bp_sch_table *t = mk("d", "t", 2);
	bp_sch_index *pk = bp_sch_add_index(t, NULL, BP_IDX_PRIMARY);
	bp_sch_add_keypart(pk, "c0");
	bp_sch_fk *fk = bp_sch_add_fk(t, "fk1");
	bp_sch_fk_add_pair(fk, "c1", "id");
	fk->ref_table = bp_strdup0("p");
	fk->on_delete = BP_FK_CASCADE;
	bp_sch_table *c = bp_sch_table_clone(t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	bp_sch_remove_column(t, 0);
	free(t->fks[0].ref_table);
	t->fks[0].ref_table = bp_strdup0("other");
	CU_ASSERT_EQUAL(c->n_columns, 2);
	CU_ASSERT_STRING_EQUAL(c->columns[0].name, "c0");
	CU_ASSERT_STRING_EQUAL(c->indexes[0].parts[0].column, "c0");
	CU_ASSERT_STRING_EQUAL(c->fks[0].ref_table, "p");
	CU_ASSERT_EQUAL(c->fks[0].on_delete, BP_FK_CASCADE);
	CU_ASSERT_PTR_NOT_EQUAL(c->columns[1].name, t->columns[0].name);
	bp_sch_table_free(t);
	bp_sch_table_free(c);
}

static void type_texts(void)
{
	static const struct {
		const char *text, *type, *base;
		uint8_t bt;
		bool uns;
		uint32_t len;
		int prec, scale, fsp;
	} cases[] = {
		{ "int(11)", "int(11)", "int", BP_T_LONG, false, 11, -1, -1, -1 },
		{ "INT(10) UNSIGNED ZEROFILL", "int(10) unsigned zerofill", "int", BP_T_LONG, true, 10, -1, -1, -1 },
		{ "bigint unsigned", "bigint unsigned", "bigint", BP_T_LONGLONG, true, 0, -1, -1, -1 },
		{ "varchar(64)", "varchar(64)", "varchar", BP_T_VARCHAR, false, 64, -1, -1, -1 },
		{ "char(255)", "char(255)", "char", BP_T_STRING, false, 255, -1, -1, -1 },
		{ "decimal(65,30)", "decimal(65,30)", "decimal", BP_T_NEWDECIMAL, false, 0, 65, 30, -1 },
		{ "decimal", "decimal", "decimal", BP_T_NEWDECIMAL, false, 0, 10, 0, -1 },
		{ "datetime(6)", "datetime(6)", "datetime", BP_T_DATETIME2, false, 0, -1, -1, 6 },
		{ "timestamp", "timestamp", "timestamp", BP_T_TIMESTAMP2, false, 0, -1, -1, 0 },
		{ "double precision", "double precision", "double", BP_T_DOUBLE, false, 0, -1, -1, -1 },
		{ "float(7,4)", "float(7,4)", "float", BP_T_FLOAT, false, 0, 7, 4, -1 },
		{ "longtext", "longtext", "longtext", BP_T_BLOB, false, 0, -1, -1, -1 },
		{ "bit(64)", "bit(64)", "bit", BP_T_BIT, false, 64, -1, -1, -1 },
		{ "point", "point", "point", BP_T_GEOMETRY, false, 0, -1, -1, -1 },
		{ "year(4)", "year(4)", "year", BP_T_YEAR, false, 4, -1, -1, -1 },
		{ "inet6", "inet6", "inet6", BP_T_STRING, false, 0, -1, -1, -1 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bp_sch_column c;
		memset(&c, 0, sizeof(c));
		CU_ASSERT_EQUAL(bp_sch_column_set_type(&c, cases[i].text), 0);
		CU_ASSERT_STRING_EQUAL(c.type, cases[i].type);
		CU_ASSERT_STRING_EQUAL(c.base, cases[i].base);
		CU_ASSERT_EQUAL(c.binlog_type, cases[i].bt);
		CU_ASSERT_EQUAL(c.is_unsigned, cases[i].uns);
		CU_ASSERT_EQUAL(c.length, cases[i].len);
		CU_ASSERT_EQUAL(c.precision, cases[i].prec);
		CU_ASSERT_EQUAL(c.scale, cases[i].scale);
		CU_ASSERT_EQUAL(c.fsp, cases[i].fsp);
		bp_sch_column_release(&c);
	}
	bp_sch_column c;
	memset(&c, 0, sizeof(c));
	CU_ASSERT_EQUAL(bp_sch_column_set_type(&c, "ENUM('a','It''s','Z')"), 0);
	CU_ASSERT_STRING_EQUAL(c.type, "enum('a','It''s','Z')"); /* members keep their case */
	CU_ASSERT_EQUAL_FATAL(c.n_values, 3);
	CU_ASSERT_STRING_EQUAL(c.values[1], "It's");
	CU_ASSERT_STRING_EQUAL(c.values[2], "Z");
	CU_ASSERT_EQUAL(bp_sch_column_set_type(&c, "frobnicate(3)"), -1); /* unknown word */
	CU_ASSERT_EQUAL(c.n_values, 0);
	bp_sch_column_release(&c);
}

static void json_shape(void)
{
	bp_schema *s = bp_schema_new();
	bp_sch_table *t = bp_sch_table_new("shop", "orders");
	bp_sch_column *c = bp_sch_add_column(t, "id");
	bp_sch_column_set_type(c, "int(10) unsigned");
	c->nullable = false;
	c->auto_increment = true;
	c = bp_sch_add_column(t, "customer_id");
	bp_sch_column_set_type(c, "int(10) unsigned");
	bp_sch_index *ix = bp_sch_add_index(t, "customer", BP_IDX_KEY);
	bp_sch_add_keypart(ix, "customer_id")->cardinality = 42;
	bp_sch_add_keypart(bp_sch_add_index(t, NULL, BP_IDX_PRIMARY), "id");
	bp_sch_fk *fk = bp_sch_add_fk(t, "fk_c");
	bp_sch_fk_add_pair(fk, "customer_id", "id");
	fk->ref_table = bp_strdup0("customers");
	fk->on_delete = BP_FK_CASCADE;
	t->sources = BP_SRC_SQL;
	bp_schema_put(s, t); /* normalize moves PRIMARY first */
	CU_ASSERT_EQUAL(t->indexes[0].kind, BP_IDX_PRIMARY);
	bp_buf b = BP_BUF_INIT;
	bp_schema_json(&b, s);
	const char *want =
		"{\"tables\":[\n{\"db\":\"shop\",\"name\":\"orders\",\"columns\":["
		"{\"name\":\"id\",\"type\":\"int(10) unsigned\",\"nullable\":false,\"auto_increment\":true},"
		"{\"name\":\"customer_id\",\"type\":\"int(10) unsigned\",\"nullable\":true}],"
		"\"primary_key\":[\"id\"],"
		"\"indexes\":[{\"name\":\"customer\",\"unique\":false,\"kind\":\"KEY\",\"columns\":[\"customer_id\"]}],"
		"\"foreign_keys\":[{\"name\":\"fk_c\",\"columns\":[\"customer_id\"],\"ref_db\":\"shop\",\"ref_table\":"
		"\"customers\",\"ref_columns\":[\"id\"],\"on_delete\":\"CASCADE\",\"on_update\":\"RESTRICT\"}],"
		"\"stats\":{\"cardinality\":{\"customer\":[42]}},\"sources\":[\"sql\"]}\n]}\n";
	CU_ASSERT_STRING_EQUAL(bp_buf_cstr(&b), want);
	bp_buf_release(&b);
	bp_schema_free(s);
}

static const CU_TestInfo tests[] = {
	{ "container: put, lookup, replace, drop, rename, sorted view", container_put_lookup_drop },
	{ "clone is deep", clone_is_deep },
	{ "column type texts", type_texts },
	{ "JSON shape", json_shape },
	CU_TEST_INFO_NULL,
};

int bp_suite_analyzer_schema(void) { return bp_unit_add("analyzer/schema", tests); }
