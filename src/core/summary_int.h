/* summary_int.h (private to core/summary*.c): the in-memory state behind
 * praxis/summary.h.
 *
 * Every aggregate is a counter in one of a few hash maps (smap), keyed by
 * (x, y): x a 56-bit owner (entry, code, participant, pair a<<28|b), y a
 * 32-bit value (participant, vignette, date, month, interpretation). A
 * "bag" is a map of refcounts whose distinct keys per owner are counted in
 * a second map, so distinct counts survive removals without rescans. */
#ifndef PRAXIS_SUMMARY_INT_H
#define PRAXIS_SUMMARY_INT_H

#include <stdint.h>
#include "praxis/summary.h"

struct smap_slot {
	uint64_t x;              /* 0: empty slot (owners are never 0 once
				    tagged, see SM_KEY) */
	uint32_t y;
	int32_t v;
};

typedef struct smap {
	struct smap_slot *s;
	size_t n, cap;           /* cap a power of two, or 0 */
} smap;

/* Owners are tagged so that owner 0 (a total) is a valid key. */
#define SM_KEY(x) (((uint64_t)(x) << 1) | 1u)
#define SM_OWNER(k) ((int64_t)((k) >> 1))
#define SM_PAIR(a, b) (((uint64_t)(a) << 28) | (uint64_t)(b))

/* Adds d to (x, y); removes the key when it reaches 0. Returns the new value. */
int32_t smap_add(smap *m, uint64_t x, uint32_t y, int32_t d);
int32_t smap_get(const smap *m, uint64_t x, uint32_t y);
void smap_free(smap *m);
int smap_equal(const smap *a, const smap *b);

enum summary_ns {
	/* counters */
	NS_REP_OCC,              /* r */
	NS_ACC_OCC,              /* a */
	NS_ACC_STANCE,           /* a, stance */
	NS_ACC_HELD,             /* a<<28|held_by, participant */
	NS_CODE,                 /* code (deep) */
	NS_PDIM,                 /* participant, dim */
	NS_ROLEDIM,              /* role, dim */
	NS_COMDIM,               /* community, dim */
	NS_MONTHDIM,             /* month, dim */
	NS_VDIM,                 /* vignette, dim */
	NS_COMP,                 /* participant (0: total) */
	NS_OVER,
	NS_CONFLICT,             /* participant (0: total) */
	NS_SUPPORT,
	NS_UNLINKED,             /* 0, coding id */
	/* bags and their distinct counts (bag + 1) */
	NS_REP_PART, NS_REP_PART_N,
	NS_REP_VIG, NS_REP_VIG_N,
	NS_REP_INTERP, NS_REP_INTERP_N,
	NS_REP_DATE,             /* r, date (min/max at query time) */
	NS_ACC_DATE,
	NS_ACC_MONTH,            /* a, month: the timeline */
	NS_PAIR, NS_PAIR_N,      /* a<<28|b, vignette */
	NS_CODE_VIG, NS_CODE_VIG_N,
	NS_CODE_PART, NS_CODE_PART_N,
	NS_COUNT
};

/* One coding, compactly; people live in the shared pool. */
struct scoding {
	uint32_t vig, code, coder, rep, acc, interp;
	uint32_t poff, hoff;     /* participants and held_by in the pool */
	uint16_t np, nh;
	uint8_t stance, live;
};

struct svig {
	int32_t date;            /* yyyymmdd */
	uint32_t com;
	uint32_t poff;           /* present participants in pool */
	uint16_t np;
	uint8_t live;
};

struct scode {
	uint32_t parent;
	uint8_t dim, live;
	uint8_t conflict, support; /* under ME/mutual relationships/... */
};

struct px_summary {
	px_db *db;
	summary_filter f;
	int stale;
	uint64_t gen;
	/* base state, indexed by row id */
	struct scoding *cod;
	size_t ncod;             /* max coding id + 1 */
	struct svig *vig;
	size_t nvig;
	struct scode *code;
	size_t ncode;
	uint32_t *prole;         /* participant -> role id (0: none) */
	uint8_t *plive;
	size_t npart;
	uint32_t *pool;
	size_t npool, cappool;
	strmap interp_ids, role_ids;   /* interned strings, ids from 1 */
	strlist interps, roles;        /* id - 1 -> string */
	/* aggregates under the filter */
	smap m[NS_COUNT];
};

/* summary_apply.c */
void summary_contrib(px_summary *s, uint32_t coding_id, int d);
void summary_on_event(void *ud, int event, const px_coding *before, const px_coding *after);
uint32_t summary_intern(strmap *ids, strlist *names, const char *text);
void summary_grow_codings(px_summary *s, size_t id);

/* Helpers shared by the query files. */
static inline int64_t summary_get(const px_summary *s, int ns, uint64_t x, uint32_t y)
{
	return smap_get(&s->m[ns], SM_KEY(x), y);
}

struct summary_idx {
	int64_t id;
	size_t row;
};
/* Sorts ix by id; summary_idx_find gives the row of id, or (size_t)-1. */
void summary_idx_sort(struct summary_idx *ix, size_t n);
size_t summary_idx_find(const struct summary_idx *ix, size_t n, int64_t id);
/* Sets the int fields at first_off/last_off of each of n rows (of size
 * bytes, the row id an int64_t at id_off) to the earliest and latest date
 * in the (owner, date) map m. */
void summary_fill_dates(const smap *m, void *rows, size_t n, size_t size, size_t id_off,
			size_t first_off, size_t last_off);
/* v with room for element n (capacity doubling in *cap). */
void *summary_grow(void *v, size_t n, size_t *cap, size_t size);
int summary_code_under(const px_summary *s, uint32_t code, uint32_t anc);
/* The vignette passes the vignette-level parts of the filter. */
int summary_vig_passes(const px_summary *s, uint32_t v);

#endif
