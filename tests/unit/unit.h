/*
 * unit.h: shared helpers for the CUnit suites.
 * Each tests/unit/<dir>/test_<file>.c defines int bp_suite_<name>(void) that adds
 * its suite (listed in suites.def). Tests run from tests/ (fixtures at ../fixtures).
 */
#ifndef BP_TESTS_UNIT_H
#define BP_TESTS_UNIT_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define X(name) int bp_suite_##name(void);
#include "suites.def"
#undef X

/* Add a suite with the given tests (NULL-terminated {name, fn} array). */
int bp_unit_add(const char *suite, const CU_TestInfo *tests);

/* Assert with a formatted message (CUnit copies the text): CHECK(cond, "fmt", ...). */
void bp_unit_check(bool ok, const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
#define CHECK(cond, ...) bp_unit_check((cond), __FILE__, __LINE__, __VA_ARGS__)

/* Read a whole file (fixture) into malloc'd memory; NULL if missing. */
uint8_t *bp_unit_slurp(const char *path, size_t *len);

/* Path of the fixtures directory (BP_FIXTURES env, default ../fixtures). */
const char *bp_unit_fixtures(void);

#endif
