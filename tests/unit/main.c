/*
 * main.c: CUnit runner for every unit suite listed in suites.def.
 * Prints CUnit's run summary; exits non-zero when any test fails.
 * Usage: test-unit [SUITE]   (run one suite by name)
 */
#include "unit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bp_unit_add(const char *suite, const CU_TestInfo *tests)
{
	CU_SuiteInfo s[2] = { { (char *)suite, NULL, NULL, NULL, NULL, (CU_TestInfo *)tests }, CU_SUITE_INFO_NULL };
	return CU_register_suites(s) == CUE_SUCCESS ? 0 : -1;
}

void bp_unit_check(bool ok, const char *file, int line, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, (unsigned)line, msg, file, "", CU_FALSE);
}

uint8_t *bp_unit_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	uint8_t *p = malloc(cap);
	size_t r;
	while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *q = realloc(p, cap *= 2);
			if (!q) {
				free(p);
				p = NULL;
			}
			p = q;
		}
	}
	fclose(f);
	*len = n;
	return p;
}

const char *bp_unit_fixtures(void)
{
	const char *e = getenv("BP_FIXTURES");
	return e ? e : "../fixtures";
}

int main(int argc, char **argv)
{
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
#define X(name) \
	if (bp_suite_##name()) { \
		fprintf(stderr, "cannot register suite %s\n", #name); \
		return 2; \
	}
#include "suites.def"
#undef X
	CU_basic_set_mode(CU_BRM_NORMAL);
	if (argc > 1) {
		CU_pSuite s = CU_get_suite(argv[1]);
		if (!s) {
			fprintf(stderr, "no suite %s\n", argv[1]);
			return 2;
		}
		CU_basic_run_suite(s);
	} else {
		CU_basic_run_tests();
	}
	unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	unsigned ran = CU_get_number_of_tests_run();
	CU_cleanup_registry();
	return (failed || ran == 0) ? 1 : 0;
}
