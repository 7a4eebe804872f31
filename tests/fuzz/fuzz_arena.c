/*
 * fuzz_arena.c: the bp_arena API (common/arena.h) with one malloc per
 * allocation, for the fuzz build only (tests/fuzz/run.sh links it instead of
 * common/arena.c unless FUZZ_ARENA=real).
 *
 * The real arena carves many allocations out of one chunk, so AddressSanitizer
 * cannot see a decoder that writes or reads past the end of its own arena
 * block as long as it stays inside the chunk. Here every block is its own heap
 * object with exact bounds (no rounding up to 8), so such overruns are caught,
 * and reset frees each block, so reading a value after its event is gone is a
 * heap-use-after-free.
 */
#include "common/arena.h"

#include <stdlib.h>
#include <string.h>

struct bp_arena_chunk {
	bp_arena_chunk *next;
	_Alignas(16) unsigned char data[];
};

void bp_arena_init(bp_arena *a, size_t chunk_size)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	a->used_total = 0;
}

void *bp_arena_alloc(bp_arena *a, size_t n)
{
	if (n > ((size_t)1 << 40))
		return NULL;
	bp_arena_chunk *c = malloc(sizeof(*c) + n);
	if (!c)
		return NULL;
	c->next = a->head;
	a->head = c;
	a->used_total += (n + 7) & ~(size_t)7;
	return c->data;
}

void *bp_arena_memdup(bp_arena *a, const void *p, size_t n)
{
	void *q = bp_arena_alloc(a, n ? n : 1);
	if (q && n)
		memcpy(q, p, n);
	return q;
}

char *bp_arena_strndup(bp_arena *a, const char *s, size_t n)
{
	char *q = bp_arena_alloc(a, n + 1);
	if (q) {
		if (n)
			memcpy(q, s, n);
		q[n] = '\0';
	}
	return q;
}

void bp_arena_release(bp_arena *a)
{
	bp_arena_chunk *c = a->head;
	while (c) {
		bp_arena_chunk *next = c->next;
		free(c);
		c = next;
	}
	a->head = NULL;
	a->used_total = 0;
}

void bp_arena_reset(bp_arena *a) { bp_arena_release(a); }

size_t bp_arena_chunk_count(const bp_arena *a)
{
	size_t n = 0;
	for (const bp_arena_chunk *c = a->head; c; c = c->next)
		n++;
	return n;
}
