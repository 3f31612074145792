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
	/* a large table is faulted in by huge pages */
	m->s = summary_big_calloc(m->cap, sizeof(*m->s));
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

/* Dense up to this many cells (64 MB of counters would be too much; a
 * hash map costs ~21 bytes per non-zero cell instead). */
#define PC_DENSE_CELLS (4u << 20)

static size_t pc_cells(size_t rows, size_t cols, int tri)
{
	return tri ? cols * (cols - 1) / 2 : rows * cols;
}

void pc_init(pcount *p, size_t rows, size_t cols, int tri)
{
	size_t cells;

	memset(p, 0, sizeof(*p));
	p->rows = rows;
	p->cols = cols;
	p->tri = tri;
	cells = cols < 2 ? 0 : pc_cells(rows, cols, tri);
	if (cells && cells <= PC_DENSE_CELLS && (tri || cells / cols == rows))
		p->cell = xcalloc(cells, sizeof(*p->cell));
}

/* The dense index of (a, b), or (size_t)-1 outside the matrix. */
static size_t pc_index(const pcount *p, uint32_t a, uint32_t b)
{
	if (p->tri)
		return a < b && b < p->cols ? (size_t)b * (b - 1) / 2 + a : (size_t)-1;
	return a < p->rows && b < p->cols ? (size_t)a * p->cols + b : (size_t)-1;
}

int32_t pc_add(pcount *p, uint32_t a, uint32_t b, int32_t d)
{
	size_t i;
	int32_t was;

	if (!p->cell) {
		int32_t v = smap_add(&p->m, SM_KEY(a), b, d);
		p->n = p->m.n;
		return v;
	}
	if ((i = pc_index(p, a, b)) == (size_t)-1)
		return 0;
	was = p->cell[i];
	p->cell[i] += d;
	p->n += (was == 0) - (p->cell[i] == 0);
	return p->cell[i];
}

int32_t pc_get(const pcount *p, uint32_t a, uint32_t b)
{
	size_t i;

	if (!p->cell)
		return smap_get(&p->m, SM_KEY(a), b);
	i = pc_index(p, a, b);
	return i == (size_t)-1 ? 0 : p->cell[i];
}

void pc_free(pcount *p)
{
	free(p->cell);
	smap_free(&p->m);
	memset(p, 0, sizeof(*p));
}

void pc_each(const pcount *p, void (*fn)(void *ud, uint32_t a, uint32_t b, int32_t v),
	     void *ud)
{
	if (!p->cell) {
		for (size_t i = 0; i < p->m.cap; i++)
			if (p->m.s[i].x)
				fn(ud, (uint32_t)SM_OWNER(p->m.s[i].x), p->m.s[i].y, p->m.s[i].v);
		return;
	}
	if (!p->tri) {
		for (size_t i = 0; i < p->rows * p->cols; i++)
			if (p->cell[i])
				fn(ud, (uint32_t)(i / p->cols), (uint32_t)(i % p->cols), p->cell[i]);
		return;
	}
	/* a, then b: the order callers list pairs in, so they need not sort */
	for (size_t a = 0; a + 1 < p->cols; a++)
		for (size_t b = a + 1; b < p->cols; b++) {
			int32_t v = p->cell[b * (b - 1) / 2 + a];
			if (v)
				fn(ud, (uint32_t)a, (uint32_t)b, v);
		}
}

struct pc_cmp {
	const pcount *other;
	int same;
};

static void pc_check(void *ud, uint32_t a, uint32_t b, int32_t v)
{
	struct pc_cmp *c = ud;

	if (pc_get(c->other, a, b) != v)
		c->same = 0;
}

int pc_equal(const pcount *x, const pcount *y)
{
	struct pc_cmp c = { y, 1 };

	if (x->n != y->n)
		return 0;
	pc_each(x, pc_check, &c);
	return c.same;
}
