/*
 * arena.h: bump allocator with a chunk list.
 *
 * Lifetimes in binprime: per file (format description, table maps), per event
 * (decoded row values: bp_arena_reset after each event), per statement (rewriter).
 * Memory returned is owned by the arena and lives until the next reset or free.
 * Allocation failure is reported by NULL; callers turn it into BP_E_NOMEM.
 */
#ifndef BP_COMMON_ARENA_H
#define BP_COMMON_ARENA_H

#include <stddef.h>

typedef struct bp_arena_chunk bp_arena_chunk;

typedef struct bp_arena {
	bp_arena_chunk *head;   /* current chunk (list of all chunks) */
	size_t chunk_size;      /* default size of a new chunk */
	size_t used_total;      /* bytes handed out since the last reset */
} bp_arena;

void bp_arena_init(bp_arena *a, size_t chunk_size);
/* Returns 8-byte aligned memory, or NULL when out of memory. */
void *bp_arena_alloc(bp_arena *a, size_t n);
void *bp_arena_memdup(bp_arena *a, const void *p, size_t n);
/* Copy of s[0..n) with a NUL added. */
char *bp_arena_strndup(bp_arena *a, const char *s, size_t n);
/* Forget everything allocated; keeps the first chunk for reuse, frees the rest. */
void bp_arena_reset(bp_arena *a);
/* Number of chunks held (for tests and memory accounting). */
size_t bp_arena_chunk_count(const bp_arena *a);
/* Free all chunks. */
void bp_arena_release(bp_arena *a);

#endif
