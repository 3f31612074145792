/* summary_int.h (private to core/summary*.c): the in-memory state behind
 * praxis/summary.h.
 *
 * Sized for a million codings: the codings live in one compact array
 * threaded into per-vignette lists; aggregates keyed by small ids (code,
 * entry, participant, role, vignette) are dense arrays. What has to be
 * counted as distinct (vignettes per code or entry, engaged pairs) is
 * recomputed for one vignette at a time from its short coding list, so it
 * needs no refcounts: a change subtracts the vignette's part, edits the
 * coding, and adds the part back. Distinct participants per code or entry
 * keep refcounts (a pcount: a dense matrix when code x participant is
 * small, else a hash map). Sparse keyed counters (dates, months,
 * interpretations, who held whom) stay in hash maps (smap).
 *
 * The engagement pairs, the heaviest table, are built on first use and
 * then maintained like the rest. */
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

/* Counters keyed by two small ids (a, b): a dense matrix while rows x
 * cols stays small, else an smap. tri: a < b pairs only, stored as a
 * triangle. n counts the non-zero cells. */
typedef struct pcount {
	int32_t *cell;           /* dense, or NULL: sparse in m */
	smap m;
	size_t rows, cols, n;
	int tri;
} pcount;

void pc_init(pcount *p, size_t rows, size_t cols, int tri);
int32_t pc_add(pcount *p, uint32_t a, uint32_t b, int32_t d);
int32_t pc_get(const pcount *p, uint32_t a, uint32_t b);
void pc_free(pcount *p);
/* Calls fn for each non-zero cell; dense: by a, then b (sparse: any order). */
void pc_each(const pcount *p, void (*fn)(void *ud, uint32_t a, uint32_t b, int32_t v),
	     void *ud);
int pc_equal(const pcount *x, const pcount *y);

/* One coding, compactly; people live in the shared pool. */
struct scoding {
	uint32_t vig, code, coder;
	int32_t start, end;      /* span; -1, -1: the whole vignette */
	uint32_t poff;           /* participants in the pool */
	uint32_t next;           /* next live coding of the vignette; 0: end */
	uint32_t ext;            /* register links in s->ext; 0: none */
	uint16_t np;
	uint8_t live;
	uint8_t mode;            /* enum coding_mode bits */
};

/* The rarer part of a coding: repertoire / accountability links. */
struct sext {
	uint32_t rep, acc, interp;
	uint32_t speaker;        /* whose reading interp is; 0: analyst's gloss */
	uint32_t hoff;           /* held_by in the pool */
	uint16_t nh;
	uint8_t stance;
};

struct svig {
	int32_t date;            /* yyyymmdd */
	uint32_t com;
	uint32_t poff;           /* present participants in pool */
	uint32_t head;           /* first live coding; 0: none */
	uint16_t np;
	uint8_t live;
};

struct scode {
	uint32_t parent;
	uint8_t dim, live;
	/* under ME/mutual relationships/conflict, .../support, ME/diversity
	 * and partiality/complementary, .../overlapping (resolved by path; a
	 * renamed code just counts none) */
	uint8_t conflict, support, comp, over;
	uint8_t macc;            /* under JE/mutual accountability */
};

/* Aggregates by id (all under the filter). */
struct scode_agg {
	int32_t codings, vignettes, participants;
};

struct srep {
	int32_t occ, participants, vignettes, interps;
	int32_t glosses;         /* distinct analyst glosses (interps: members') */
	int32_t part, reif;      /* codings showing participation, reification */
};

struct sacc {
	int32_t occ, stance[STANCE_COUNT];
	int32_t interps;         /* distinct members' readings */
	int32_t part, reif;
};

struct sperson {
	int32_t dims[4];         /* [1..3] codings naming them by dimension */
	int32_t comp, over, conflict, support;
};

/* A coding's register link in a vignette, for counting moments: codings
 * linked to the same entry on overlapping spans are one occurrence. */
struct smoment {
	uint32_t entry;          /* repertoire id, or SUM_MOMENT_ACC + acc id */
	int32_t start, end;      /* whole vignette: 0, INT32_MAX */
	uint8_t stance;
};
#define SUM_MOMENT_ACC 0x80000000u

struct px_summary {
	px_db *db;
	summary_filter f;
	int stale;
	uint64_t gen;
	/* base state, indexed by row id */
	struct scoding *cod;
	size_t ncod;             /* max coding id + 1 (capacity) */
	int64_t coding_rows;     /* rows the load read from the coding table:
				    its count(*) in the load's snapshot */
	struct sext *ext;
	size_t n_ext, cap_ext;   /* entry 0 unused */
	struct svig *vig;
	size_t nvig;
	struct scode *code;
	size_t ncode;
	uint32_t *prole;         /* participant -> role from the start (0: none) */
	/* later roles (participant_role): participant p's changes are
	 * rhist[rh_off[p] .. + rh_n[p]], by date */
	struct srolech { int32_t from; uint32_t role; } *rhist;
	size_t nrhist;
	uint32_t *rh_off, *rh_n;
	uint8_t *plive;
	size_t npart;
	uint32_t *pool;
	size_t npool, cappool;
	strmap interp_ids, role_ids;   /* interned strings, ids from 1 */
	strlist interps, roles;        /* id - 1 -> string */
	/* aggregates under the filter */
	struct scode_agg *cagg;        /* [ncode] */
	int32_t (*vdim)[4];            /* [nvig]: codings by dimension */
	struct srep *rep;
	size_t nrep;
	struct sacc *acc;
	size_t nacc;
	struct sperson *per;           /* [npart] */
	int32_t (*roledim)[4];         /* [roles.n + 1] */
	int64_t comp, over, conflict, support;   /* totals: codings */
	pcount code_part;              /* code x participant refcounts */
	smap rep_part;                 /* (entry, participant) refcounts */
	smap rep_interp;               /* (SUM_INTERP_OWNER, SUM_INTERP_Y) refcounts:
					  readings of both registers */
	smap rep_date, acc_date, acc_month, acc_held;
	/* who holds whom: SUM_NET(holder, held, entry, stance) -> codings,
	 * (..., date) -> codings */
	smap net_cod, net_date;
	/* engagement, built on demand */
	int eng;
	pcount pairs;                  /* a < b -> distinct vignettes */
	/* ties by SUM_TIE(a, b, quality): codings, distinct vignettes,
	 * (tie, date) vignettes */
	smap tie_cod, tie_vig, tie_date;
	/* scratch for the per-vignette passes */
	uint32_t *seen_code, *seen_rep, stamp;
	uint64_t *pbuf;
	size_t npbuf, cappbuf;
	struct smoment *mbuf;          /* one vignette's register links */
	size_t nmbuf, capmbuf;
};

/* A tie: participants a < b (row ids below 2^20) engaged under ME code
 * quality (row id below 2^22; 0: any ME coding). */
#define SUM_TIE(a, b, q) (((uint64_t)(a) << 42) | ((uint64_t)(b) << 22) | (uint64_t)(q))
#define SUM_TIE_A(k) ((int64_t)((k) >> 42))
#define SUM_TIE_B(k) ((int64_t)(((k) >> 22) & 0xfffffu))
#define SUM_TIE_Q(k) ((int64_t)((k) & 0x3fffffu))
#define SUM_TIE_MAXP (1u << 20)
#define SUM_TIE_MAXQ (1u << 22)

/* Interpretations of both registers in one map: the owner is the
 * repertoire entry, or SUM_ACC_OWNER + the accountability entry; y is the
 * interned text, with SUM_GLOSS set for an analyst's gloss. */
#define SUM_ACC_OWNER ((uint64_t)1 << 40)
#define SUM_GLOSS 0x80000000u

/* A network key: holder and held (row ids below 2^20), the
 * accountability entry (below 2^20; 0: none named) and the stance. */
#define SUM_NET(h, p, a, k) (((uint64_t)(h) << 43) | ((uint64_t)(p) << 23) | \
			     ((uint64_t)(a) << 3) | (uint64_t)(k))
#define SUM_NET_MAX (1u << 20)

/* The role id participant p holds on date (yyyymmdd); 0: none. */
uint32_t summary_role_at(const px_summary *s, uint32_t p, int32_t date);

/* summary_apply.c */
void summary_coding_contrib(px_summary *s, uint32_t coding_id, int d);
void summary_vig_contrib(px_summary *s, uint32_t v, int d);
int summary_coding_passes(const px_summary *s, const struct scoding *c);
void summary_on_event(void *ud, int event, const px_coding *before, const px_coding *after);
uint32_t summary_intern(strmap *ids, strlist *names, const char *text);
void summary_grow_codings(px_summary *s, size_t id);
/* Zeroed memory for a large array (calloc: fresh pages are not
 * written), advised for huge pages when at least SUM_HUGE_MIN bytes. */
void *summary_big_calloc(size_t n, size_t size);
#define SUM_HUGE_MIN ((size_t)2 << 20)
void summary_grow_entries(px_summary *s, uint32_t rep, uint32_t acc);
/* The ext slot of a new coding with these links (0 if none). */
uint32_t summary_ext_new(px_summary *s);
/* Builds the engagement pairs if they are not there yet. */
void summary_engagement_build(px_summary *s);

static inline const struct sext *summary_ext(const px_summary *s, const struct scoding *c)
{
	static const struct sext none;

	return c->ext ? &s->ext[c->ext] : &none;
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
/* The readings of register rows (ix: row ids to rows, sorted) from
 * s->rep_interp: the owners base + row id (0 or SUM_ACC_OWNER). Each row
 * is a summary_rep_row or summary_acc_row of size bytes, whose interp,
 * ninterp, gloss and nglosses fields sit at the offsets in off[4]; each
 * list comes sorted by count descending, then text. */
void summary_fill_interps(const px_summary *s, uint64_t base, const struct summary_idx *ix,
			  void *rows, size_t n, size_t size, const size_t off[4]);
/* Frees the four fields summary_fill_interps fills in one row. */
void summary_free_interps(void *row, const size_t off[4]);

/* v with room for element n (capacity doubling in *cap). */
void *summary_grow(void *v, size_t n, size_t *cap, size_t size);
/* A register entry's community: its id, allocated; NULL for none. */
char *summary_community_ext(const px_summary *s, int64_t community_id);
int summary_code_under(const px_summary *s, uint32_t code, uint32_t anc);
/* The vignette passes the vignette-level parts of the filter. */
int summary_vig_passes(const px_summary *s, uint32_t v);

#endif
