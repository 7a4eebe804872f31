/*
 * arena.c: bump allocator. Big requests get a chunk of their own so a single
 * large event does not make every later chunk large; reset frees all but the
 * first (default-sized) chunk, which keeps memory flat across events.
 */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct bp_arena_chunk {
	bp_arena_chunk *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
};

void bp_arena_init(bp_arena *a, size_t chunk_size)
{
	a->head = NULL;
	a->chunk_size = chunk_size ? chunk_size : 64 * 1024;
	a->used_total = 0;
}

static bp_arena_chunk *chunk_new(size_t size)
{
	bp_arena_chunk *c = malloc(sizeof(*c) + size);
	if (!c)
		return NULL;
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

void *bp_arena_alloc(bp_arena *a, size_t n)
{
	bp_arena_chunk *c = a->head;
	size_t need = (n + 7) & ~(size_t)7;
	if (need < n)
		return NULL;
	if (!c || c->size - c->used < need) {
		size_t sz = need > a->chunk_size ? need : a->chunk_size;
		bp_arena_chunk *nc = chunk_new(sz);
		if (!nc)
			return NULL;
		if (c && sz > a->chunk_size) {
			/* oversized: slot it behind the current chunk so the current one keeps filling */
			nc->next = c->next;
			c->next = nc;
			nc->used = need;
			a->used_total += need;
			return nc->data;
		}
		nc->next = c;
		a->head = c = nc;
	}
	void *p = c->data + c->used;
	c->used += need;
	a->used_total += need;
	return p;
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

void bp_arena_reset(bp_arena *a)
{
	bp_arena_chunk *c = a->head, *keep = NULL;
	while (c) {
		bp_arena_chunk *next = c->next;
		if (!keep && c->size == a->chunk_size) {
			keep = c;
		} else {
			free(c);
		}
		c = next;
	}
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
	a->used_total = 0;
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

size_t bp_arena_chunk_count(const bp_arena *a)
{
	size_t n = 0;
	for (const bp_arena_chunk *c = a->head; c; c = c->next)
		n++;
	return n;
}
