/* summary_map.c: the counter maps behind the summaries (summary_int.h).
 * Open addressing with linear probing and backward-shift deletion, so a
 * counter that returns to 0 leaves no tombstone behind. */
#include <stdlib.h>
#include <string.h>
#include "praxis/util.h"
#include "summary_int.h"

static size_t slot_hash(uint64_t x, uint32_t y)
{
	uint64_t h = x * 0x9e3779b97f4a7c15ull ^ ((uint64_t)y * 0xc2b2ae3d27d4eb4full);

	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ull;
	h ^= h >> 32;
	return (size_t)h;
}

static size_t slot_find(const smap *m, uint64_t x, uint32_t y)
{
	size_t mask = m->cap - 1, i = slot_hash(x, y) & mask;

	while (m->s[i].x && !(m->s[i].x == x && m->s[i].y == y))
		i = (i + 1) & mask;
	return i;
}

static void smap_grow(smap *m)
{
	struct smap_slot *old = m->s;
	size_t oldcap = m->cap;

	m->cap = oldcap ? oldcap * 2 : 64;
	m->s = xcalloc(m->cap, sizeof(*m->s));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].x)
			m->s[slot_find(m, old[i].x, old[i].y)] = old[i];
	free(old);
}

/* Backward-shift deletion: pull later members of the probe run into the
 * hole so lookups never stop early. */
static void slot_remove(smap *m, size_t i)
{
	size_t mask = m->cap - 1, j = i;

	for (;;) {
		m->s[i].x = 0;
		for (;;) {
			j = (j + 1) & mask;
			if (!m->s[j].x)
				goto done;
			size_t home = slot_hash(m->s[j].x, m->s[j].y) & mask;
			/* j's entry may move to i if its home is not in (i, j] */
			if (i <= j ? (home <= i || home > j) : (home <= i && home > j))
				break;
		}
		m->s[i] = m->s[j];
		i = j;
	}
done:
	m->n--;
}

int32_t smap_add(smap *m, uint64_t x, uint32_t y, int32_t d)
{
	size_t i;

	if ((m->n + 1) * 4 > m->cap * 3)
		smap_grow(m);
	i = slot_find(m, x, y);
	if (!m->s[i].x) {
		if (d == 0)
			return 0;
		m->s[i].x = x;
		m->s[i].y = y;
		m->s[i].v = d;
		m->n++;
		return d;
	}
	m->s[i].v += d;
	if (m->s[i].v == 0) {
		slot_remove(m, i);
		return 0;
	}
	return m->s[i].v;
}

int32_t smap_get(const smap *m, uint64_t x, uint32_t y)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = slot_find(m, x, y);
	return m->s[i].x ? m->s[i].v : 0;
}

void smap_free(smap *m)
{
	free(m->s);
	memset(m, 0, sizeof(*m));
}

int smap_equal(const smap *a, const smap *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->cap; i++)
		if (a->s[i].x && smap_get(b, a->s[i].x, a->s[i].y) != a->s[i].v)
			return 0;
	return 1;
}
