/* summary.c: the summary state -- load from the store, filter, compare;
 * see praxis/summary.h. The deltas are in summary_apply.c, the four
 * summaries' query functions in summary_<kind>.c. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/vignette.h"
#include "summary_int.h"

static const char *const ns_names[NS_COUNT] = {
	"repertoire occurrences", "accountability occurrences", "stances", "held-by pairs",
	"code codings", "participant x dimension", "role x dimension",
	"community x dimension", "month x dimension", "vignette x dimension",
	"complementary", "overlapping", "conflict", "support", "unlinked SR codings",
	"repertoire participants", "repertoire participant counts",
	"repertoire vignettes", "repertoire vignette counts",
	"interpretations", "interpretation counts", "repertoire dates",
	"accountability dates", "accountability timeline",
	"engagement pairs", "engagement matrix", "code vignettes", "code vignette counts",
	"code participants", "code participant counts",
};

int summary_parse_date(const char *s, int *out, px_err *e)
{
	if (!vignette_date_valid(s))
		return px_fail(e, PX_EUSAGE, "bad date '%s' (want YYYY-MM-DD)", s ? s : "");
	/* valid: YYYY-MM-DD... with digits where they belong */
	*out = 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7)
			*out = *out * 10 + (s[i] - '0');
	return PX_OK;
}

void summary_format_date(int date, char buf[16])
{
	if (date <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%04d-%02d-%02d", date / 10000 % 10000, date / 100 % 100,
			 date % 100);
}

void summary_format_month(int month, char buf[16])
{
	if (month <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%04d-%02d", month / 100 % 10000, month % 100);
}

static int idx_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct summary_idx *)a)->id, y = ((const struct summary_idx *)b)->id;

	return (x > y) - (x < y);
}

void summary_idx_sort(struct summary_idx *ix, size_t n)
{
	if (n)
		qsort(ix, n, sizeof(*ix), idx_cmp);
}

size_t summary_idx_find(const struct summary_idx *ix, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].id == id)
			return ix[mid].row;
		if (ix[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

void *summary_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * size);
}

void summary_fill_dates(const smap *m, void *rows, size_t n, size_t size, size_t id_off,
			size_t first_off, size_t last_off)
{
	struct summary_idx *ix = xcalloc(n ? n : 1, sizeof(*ix));
	char *base = rows;

	for (size_t i = 0; i < n; i++)
		ix[i] = (struct summary_idx){ *(int64_t *)(base + i * size + id_off), i };
	summary_idx_sort(ix, n);
	for (size_t i = 0; i < m->cap; i++) {
		size_t row = m->s[i].x ? summary_idx_find(ix, n, SM_OWNER(m->s[i].x)) : (size_t)-1;
		int d = (int)m->s[i].y, *first, *last;
		if (row == (size_t)-1)
			continue;
		first = (int *)(base + row * size + first_off);
		last = (int *)(base + row * size + last_off);
		if (!*first || d < *first)
			*first = d;
		if (d > *last)
			*last = d;
	}
	free(ix);
}

static void clear_aggregates(px_summary *s)
{
	for (int i = 0; i < NS_COUNT; i++)
		smap_free(&s->m[i]);
}

static void clear_base(px_summary *s)
{
	free(s->cod);
	free(s->vig);
	free(s->code);
	free(s->prole);
	free(s->plive);
	free(s->pool);
	sm_free(&s->interp_ids);
	sm_free(&s->role_ids);
	sl_free(&s->interps);
	sl_free(&s->roles);
	s->cod = NULL;
	s->vig = NULL;
	s->code = NULL;
	s->prole = NULL;
	s->plive = NULL;
	s->pool = NULL;
	s->ncod = s->nvig = s->ncode = s->npart = s->npool = s->cappool = 0;
	memset(&s->interp_ids, 0, sizeof(s->interp_ids));
	memset(&s->role_ids, 0, sizeof(s->role_ids));
	clear_aggregates(s);
}

/* The array size for ids up to the table's max(id). */
static size_t id_span(px_db *db, const char *sql)
{
	return (size_t)db_scalar(db, sql) + 1;
}

static int load_codes(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, "SELECT id, parent_id, dimension FROM code", e);
	int64_t conflict = 0, support = 0;

	if (!st)
		return px_status_of(e);
	s->ncode = id_span(s->db, "SELECT coalesce(max(id), 0) FROM code");
	s->code = xcalloc(s->ncode, sizeof(*s->code));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id <= 0 || (size_t)id >= s->ncode)
			continue;
		s->code[id].parent = (uint32_t)db_col_id(st, 1);
		s->code[id].dim = (uint8_t)sqlite3_column_int(st, 2);
		s->code[id].live = 1;
	}
	sqlite3_finalize(st);
	/* a renamed or deleted default just means no conflict/support counts */
	codebook_resolve(s->db, "ME/mutual relationships/conflict", 0, &conflict, NULL, NULL);
	codebook_resolve(s->db, "ME/mutual relationships/support", 0, &support, NULL, NULL);
	for (size_t id = 1; id < s->ncode; id++) {
		if (!s->code[id].live)
			continue;
		s->code[id].conflict = conflict && summary_code_under(s, (uint32_t)id,
								     (uint32_t)conflict);
		s->code[id].support = support && summary_code_under(s, (uint32_t)id,
								   (uint32_t)support);
	}
	return PX_OK;
}

static int load_participants(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, "SELECT id, role FROM participant", e);

	if (!st)
		return px_status_of(e);
	s->npart = id_span(s->db, "SELECT coalesce(max(id), 0) FROM participant");
	s->prole = xcalloc(s->npart, sizeof(*s->prole));
	s->plive = xcalloc(s->npart, sizeof(*s->plive));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *role = (const char *)sqlite3_column_text(st, 1);
		if (id <= 0 || (size_t)id >= s->npart)
			continue;
		s->plive[id] = 1;
		s->prole[id] = role && *role ? summary_intern(&s->role_ids, &s->roles, role) : 0;
	}
	sqlite3_finalize(st);
	return PX_OK;
}

static uint32_t pool_add(px_summary *s, uint32_t v)
{
	if (s->npool == s->cappool) {
		s->cappool = s->cappool ? s->cappool * 2 : 1024;
		s->pool = xrealloc(s->pool, s->cappool * sizeof(*s->pool));
	}
	s->pool[s->npool] = v;
	return (uint32_t)s->npool++;
}

static int load_vignettes(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, "SELECT id, date, community_id FROM vignette", e);

	if (!st)
		return px_status_of(e);
	s->nvig = id_span(s->db, "SELECT coalesce(max(id), 0) FROM vignette");
	s->vig = xcalloc(s->nvig, sizeof(*s->vig));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *date = (const char *)sqlite3_column_text(st, 1);
		if (id <= 0 || (size_t)id >= s->nvig)
			continue;
		if (summary_parse_date(date, &s->vig[id].date, NULL))
			s->vig[id].date = 0;
		s->vig[id].com = (uint32_t)db_col_id(st, 2);
		s->vig[id].live = 1;
	}
	sqlite3_finalize(st);
	/* ordered by vignette (the primary key's order, no sort), so each list
	 * is contiguous in the pool */
	if (!(st = db_prepare_iter(s->db, "SELECT vignette_id, participant_id"
				   " FROM vignette_participant ORDER BY vignette_id", e)))
		return px_status_of(e);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t v = sqlite3_column_int64(st, 0);
		uint32_t off;
		if (v <= 0 || (size_t)v >= s->nvig)
			continue;
		off = pool_add(s, (uint32_t)sqlite3_column_int64(st, 1));
		if (!s->vig[v].np)
			s->vig[v].poff = off;
		s->vig[v].np++;
	}
	sqlite3_finalize(st);
	return PX_OK;
}

static int stance_of(const unsigned char *t)
{
	int k = t ? coding_stance_parse((const char *)t) : STANCE_NONE;

	return k < 0 ? STANCE_NONE : k;
}

/* People lists of codings; ORDER BY the primary key keeps each coding's
 * list contiguous (without it SQLite may scan the by-participant index). */
static int load_people(px_summary *s, const char *sql, int held, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, sql, e);

	if (!st)
		return px_status_of(e);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct scoding *c;
		uint32_t off;
		if (id <= 0 || (size_t)id >= s->ncod || !s->cod[id].live)
			continue;
		c = &s->cod[id];
		off = pool_add(s, (uint32_t)sqlite3_column_int64(st, 1));
		if (held) {
			if (!c->nh++)
				c->hoff = off;
		} else if (!c->np++) {
			c->poff = off;
		}
	}
	sqlite3_finalize(st);
	return PX_OK;
}

static int load_codings(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, "SELECT id, vignette_id, code_id, coder_id,"
					   " repertoire_id, accountability_id, stance,"
					   " interpretation FROM coding", e);
	int rc;

	if (!st)
		return px_status_of(e);
	summary_grow_codings(s, id_span(s->db, "SELECT coalesce(max(id), 0) FROM coding"));
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct scoding *c;
		if (id <= 0 || (size_t)id >= s->ncod)
			continue;
		c = &s->cod[id];
		c->vig = (uint32_t)sqlite3_column_int64(st, 1);
		c->code = (uint32_t)sqlite3_column_int64(st, 2);
		c->coder = (uint32_t)sqlite3_column_int64(st, 3);
		c->rep = (uint32_t)db_col_id(st, 4);
		c->acc = (uint32_t)db_col_id(st, 5);
		c->stance = (uint8_t)stance_of(sqlite3_column_text(st, 6));
		c->interp = c->rep ? summary_intern(&s->interp_ids, &s->interps,
						    (const char *)sqlite3_column_text(st, 7)) : 0;
		c->live = c->vig < s->nvig && s->vig[c->vig].live && c->code < s->ncode &&
			  s->code[c->code].live;
	}
	sqlite3_finalize(st);
	if ((rc = load_people(s, "SELECT coding_id, participant_id FROM coding_participant"
			      " ORDER BY coding_id",
			      0, e)))
		return rc;
	return load_people(s, "SELECT coding_id, participant_id FROM coding_held_by"
			      " ORDER BY coding_id", 1, e);
}

static void recompute(px_summary *s)
{
	clear_aggregates(s);
	for (size_t id = 1; id < s->ncod; id++)
		if (s->cod[id].live)
			summary_contrib(s, (uint32_t)id, 1);
	s->gen++;
}

int summary_reload(px_summary *s, px_err *e)
{
	int rc;

	clear_base(s);
	s->stale = 1;
	if ((rc = load_codes(s, e)) || (rc = load_participants(s, e)) ||
	    (rc = load_vignettes(s, e)) || (rc = load_codings(s, e)))
		return rc;
	s->stale = 0;
	recompute(s);
	return PX_OK;
}

int summary_sync(px_summary *s, px_err *e)
{
	return s->stale ? summary_reload(s, e) : PX_OK;
}

int summary_open(px_db *db, px_summary **out, px_err *e)
{
	px_summary *s = xcalloc(1, sizeof(*s));
	int rc;

	s->db = db;
	*out = NULL;
	if ((rc = summary_reload(s, e))) {
		summary_close(s);
		return rc;
	}
	db_listen(db, summary_on_event, s);
	*out = s;
	return PX_OK;
}

void summary_close(px_summary *s)
{
	if (!s)
		return;
	db_unlisten(s->db, summary_on_event, s);
	clear_base(s);
	free(s);
}

int summary_set_filter(px_summary *s, const summary_filter *f, px_err *e)
{
	int rc;

	if (f->from && f->to && f->from > f->to) {
		char a[16], b[16];
		summary_format_date(f->from, a);
		summary_format_date(f->to, b);
		return px_fail(e, PX_EUSAGE, "the date range is empty: from %s is after to %s",
			       a, b);
	}
	if ((rc = summary_sync(s, e)))
		return rc;
	if (f->code && ((size_t)f->code >= s->ncode || !s->code[f->code].live))
		return px_fail(e, PX_EUSAGE, "no code with row id %lld", (long long)f->code);
	s->f = *f;
	recompute(s);
	return PX_OK;
}

const summary_filter *summary_get_filter(const px_summary *s)
{
	return &s->f;
}

uint64_t summary_generation(const px_summary *s)
{
	return s->gen;
}

int summary_stale(const px_summary *s)
{
	return s->stale;
}

/* Interned ids (interpretations, roles) depend on the order strings were
 * met, so maps keyed by them are compared through the strings. */
static int equal_interned(const smap *ma, const smap *mb, int in_owner, const strlist *names,
			  const strmap *ids_b)
{
	if (ma->n != mb->n)
		return 0;
	for (size_t i = 0; i < ma->cap; i++) {
		const struct smap_slot *sl = &ma->s[i];
		int64_t a_id = in_owner ? SM_OWNER(sl->x) : sl->y, b_id = 0;
		if (!sl->x)
			continue;
		if (a_id && (a_id > (int64_t)names->n || !sm_get(ids_b, names->v[a_id - 1], &b_id)))
			return 0;
		if (in_owner ? smap_get(mb, SM_KEY(b_id), sl->y) != sl->v
			     : smap_get(mb, sl->x, (uint32_t)b_id) != sl->v)
			return 0;
	}
	return 1;
}

int summary_equal(const px_summary *a, const px_summary *b, char *why, size_t whylen)
{
	if (a->stale || b->stale) {
		snprintf(why, whylen, "a state is stale");
		return 0;
	}
	for (int i = 0; i < NS_COUNT; i++) {
		int same = i == NS_REP_INTERP
			? equal_interned(&a->m[i], &b->m[i], 0, &a->interps, &b->interp_ids)
			: i == NS_ROLEDIM
			? equal_interned(&a->m[i], &b->m[i], 1, &a->roles, &b->role_ids)
			: smap_equal(&a->m[i], &b->m[i]);
		if (!same) {
			snprintf(why, whylen, "%s differ (%zu vs %zu keys)", ns_names[i],
				 a->m[i].n, b->m[i].n);
			return 0;
		}
	}
	return 1;
}
