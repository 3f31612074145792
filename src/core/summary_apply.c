/* summary_apply.c: what one coding adds to (or takes from) the summaries,
 * and the db listener that applies each change as such a delta. Nothing
 * here scans the corpus: a delta touches the coding's own counters. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "summary_int.h"

int summary_code_under(const px_summary *s, uint32_t code, uint32_t anc)
{
	for (int guard = 0; code && guard < 1000; guard++) {
		if (code == anc)
			return 1;
		code = code < s->ncode ? s->code[code].parent : 0;
	}
	return 0;
}

static int has(const uint32_t *v, size_t n, uint32_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return 1;
	return 0;
}

int summary_vig_passes(const px_summary *s, uint32_t v)
{
	const summary_filter *f = &s->f;
	const struct svig *g = &s->vig[v];

	if (f->community && g->com != f->community)
		return 0;
	if ((f->from && g->date < f->from) || (f->to && g->date > f->to))
		return 0;
	return !f->participant || has(s->pool + g->poff, g->np, (uint32_t)f->participant);
}

static int coding_passes(const px_summary *s, const struct scoding *c)
{
	const summary_filter *f = &s->f;
	const struct svig *g = &s->vig[c->vig];
	uint32_t p = (uint32_t)f->participant;

	if (f->coder && c->coder != f->coder)
		return 0;
	if (f->code && !summary_code_under(s, c->code, (uint32_t)f->code))
		return 0;
	if (f->community && g->com != f->community)
		return 0;
	if ((f->from && g->date < f->from) || (f->to && g->date > f->to))
		return 0;
	if (!p)
		return 1;
	return has(s->pool + c->poff, c->np, p) || has(s->pool + c->hoff, c->nh, p) ||
	       has(s->pool + g->poff, g->np, p);
}

static void cnt(px_summary *s, int ns, uint64_t x, uint32_t y, int d)
{
	smap_add(&s->m[ns], SM_KEY(x), y, d);
}

/* Refcounted membership of y in owner x; the owner's distinct count lives
 * in ns + 1. Returns +1 / -1 when y enters / leaves, else 0. */
static int bag(px_summary *s, int ns, uint64_t x, uint32_t y, int d)
{
	int32_t v = smap_add(&s->m[ns], SM_KEY(x), y, d);

	if (d > 0 && v == d) {
		cnt(s, ns + 1, x, 0, 1);
		return 1;
	}
	if (d < 0 && v == 0) {
		cnt(s, ns + 1, x, 0, -1);
		return -1;
	}
	return 0;
}

static void apply_repertoire(px_summary *s, const struct scoding *c, uint32_t id, int d)
{
	const uint32_t *P = s->pool + c->poff;
	int dim = s->code[c->code].dim;

	if (!c->rep) {
		if (dim == CODE_SR)
			cnt(s, NS_UNLINKED, 0, id, d);
		return;
	}
	cnt(s, NS_REP_OCC, c->rep, 0, d);
	for (size_t i = 0; i < c->np; i++)
		bag(s, NS_REP_PART, c->rep, P[i], d);
	bag(s, NS_REP_VIG, c->rep, c->vig, d);
	if (c->interp)
		bag(s, NS_REP_INTERP, c->rep, c->interp, d);
	cnt(s, NS_REP_DATE, c->rep, (uint32_t)s->vig[c->vig].date, d);
}

static void apply_accountability(px_summary *s, const struct scoding *c, int d)
{
	const uint32_t *P = s->pool + c->poff, *H = s->pool + c->hoff;
	int32_t date = s->vig[c->vig].date;

	if (!c->acc)
		return;
	cnt(s, NS_ACC_OCC, c->acc, 0, d);
	cnt(s, NS_ACC_STANCE, c->acc, c->stance, d);
	for (size_t i = 0; i < c->nh; i++)
		for (size_t j = 0; j < c->np; j++)
			cnt(s, NS_ACC_HELD, SM_PAIR(c->acc, H[i]), P[j], d);
	cnt(s, NS_ACC_DATE, c->acc, (uint32_t)date, d);
	cnt(s, NS_ACC_MONTH, c->acc, (uint32_t)(date / 100), d);
}

static void apply_coverage(px_summary *s, const struct scoding *c, int d)
{
	const uint32_t *P = s->pool + c->poff;
	const struct svig *g = &s->vig[c->vig];
	const struct scode *k = &s->code[c->code];
	int dim = k->dim;

	for (uint32_t code = c->code; code; code = s->code[code].parent) {
		cnt(s, NS_CODE, code, 0, d);
		bag(s, NS_CODE_VIG, code, c->vig, d);
		for (size_t i = 0; i < c->np; i++)
			bag(s, NS_CODE_PART, code, P[i], d);
	}
	cnt(s, NS_COMDIM, g->com, (uint32_t)dim, d);
	cnt(s, NS_MONTHDIM, (uint64_t)(g->date / 100), (uint32_t)dim, d);
	cnt(s, NS_VDIM, c->vig, (uint32_t)dim, d);
	for (size_t i = 0; i < c->np; i++) {
		cnt(s, NS_PDIM, P[i], (uint32_t)dim, d);
		if (k->conflict)
			cnt(s, NS_CONFLICT, P[i], 0, d);
		if (k->support)
			cnt(s, NS_SUPPORT, P[i], 0, d);
		/* a role counts once per coding however many of it are named */
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = s->prole[P[j]] == s->prole[P[i]];
		if (!seen)
			cnt(s, NS_ROLEDIM, s->prole[P[i]], (uint32_t)dim, d);
	}
	if (k->conflict)
		cnt(s, NS_CONFLICT, 0, 0, d);
	if (k->support)
		cnt(s, NS_SUPPORT, 0, 0, d);
}

static void pair_roles(px_summary *s, uint32_t a, uint32_t b, int t)
{
	uint32_t ra = s->prole[a], rb = s->prole[b];
	int ns;

	if (!ra || !rb)
		return;
	ns = ra == rb ? NS_OVER : NS_COMP;
	cnt(s, ns, a, 0, t);
	cnt(s, ns, b, 0, t);
	cnt(s, ns, 0, 0, t);
}

/* Everyone named by the coding or present at its vignette, pairwise. */
static void apply_engagement(px_summary *s, const struct scoding *c, int d)
{
	const struct svig *g = &s->vig[c->vig];
	size_t n = 0, cap = (size_t)c->np + g->np;
	uint32_t local[32], *who = cap <= 32 ? local : xmalloc(cap * sizeof(*who));

	if (s->code[c->code].dim != CODE_ME)
		goto out;
	for (size_t i = 0; i < c->np; i++)
		if (!has(who, n, s->pool[c->poff + i]))
			who[n++] = s->pool[c->poff + i];
	for (size_t i = 0; i < g->np; i++)
		if (!has(who, n, s->pool[g->poff + i]))
			who[n++] = s->pool[g->poff + i];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			uint32_t a = who[i], b = who[j];
			if (a >= b)
				continue;
			int t = bag(s, NS_PAIR, SM_PAIR(a, b), c->vig, d);
			if (t)
				pair_roles(s, a, b, t);
		}
	}
out:
	if (who != local)
		free(who);
}

void summary_contrib(px_summary *s, uint32_t id, int d)
{
	const struct scoding *c = &s->cod[id];

	if (!coding_passes(s, c))
		return;
	apply_repertoire(s, c, id, d);
	apply_accountability(s, c, d);
	apply_coverage(s, c, d);
	apply_engagement(s, c, d);
}

/* Appends l without repeats (the store keeps a person once per list). */
static uint32_t pool_push(px_summary *s, const idlist *l, uint16_t *n)
{
	uint32_t off = (uint32_t)s->npool;

	if (s->npool + l->n > s->cappool) {
		while (s->npool + l->n > s->cappool)
			s->cappool = s->cappool ? s->cappool * 2 : 1024;
		s->pool = xrealloc(s->pool, s->cappool * sizeof(*s->pool));
	}
	for (size_t i = 0; i < l->n; i++)
		if (!has(s->pool + off, s->npool - off, (uint32_t)l->v[i]))
			s->pool[s->npool++] = (uint32_t)l->v[i];
	*n = (uint16_t)(s->npool - off);
	return off;
}

static int people_known(const px_summary *s, const idlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] <= 0 || (size_t)l->v[i] >= s->npart || !s->plive[l->v[i]])
			return 0;
	return 1;
}

uint32_t summary_intern(strmap *ids, strlist *names, const char *text)
{
	int64_t id;

	if (!text)
		return 0;
	if (sm_get(ids, text, &id))
		return (uint32_t)id;
	sl_push(names, text);
	sm_put(ids, text, (int64_t)names->n);
	return (uint32_t)names->n;
}

void summary_grow_codings(px_summary *s, size_t id)
{
	size_t n = s->ncod ? s->ncod : 1024;

	if (id < s->ncod)
		return;
	while (n <= id)
		n *= 2;
	s->cod = xrealloc(s->cod, n * sizeof(*s->cod));
	memset(s->cod + s->ncod, 0, (n - s->ncod) * sizeof(*s->cod));
	s->ncod = n;
}

/* Stores the coding; 0 if it names something the state does not know
 * (a code, vignette or participant created since the load). */
static int insert_coding(px_summary *s, const px_coding *c)
{
	struct scoding *k;

	if (c->id <= 0 || c->id > UINT32_MAX || c->vignette_id <= 0 ||
	    (size_t)c->vignette_id >= s->nvig || !s->vig[c->vignette_id].live ||
	    c->code_id <= 0 || (size_t)c->code_id >= s->ncode || !s->code[c->code_id].live ||
	    !people_known(s, &c->participants) || !people_known(s, &c->held_by))
		return 0;
	summary_grow_codings(s, (size_t)c->id);
	k = &s->cod[c->id];
	if (k->live)
		return 0;
	memset(k, 0, sizeof(*k));
	k->vig = (uint32_t)c->vignette_id;
	k->code = (uint32_t)c->code_id;
	k->coder = (uint32_t)c->coder_id;
	k->rep = (uint32_t)c->repertoire_id;
	k->acc = (uint32_t)c->accountability_id;
	k->stance = (uint8_t)c->stance;
	/* the store keeps an empty interpretation as none */
	if (c->repertoire_id && c->interpretation && *c->interpretation)
		k->interp = summary_intern(&s->interp_ids, &s->interps, c->interpretation);
	k->poff = pool_push(s, &c->participants, &k->np);
	k->hoff = pool_push(s, &c->held_by, &k->nh);
	k->live = 1;
	summary_contrib(s, (uint32_t)c->id, 1);
	return 1;
}

static int remove_coding(px_summary *s, int64_t id)
{
	if (id <= 0 || (size_t)id >= s->ncod || !s->cod[id].live)
		return 0;
	summary_contrib(s, (uint32_t)id, -1);
	s->cod[id].live = 0;
	return 1;
}

void summary_on_event(void *ud, int event, const px_coding *before, const px_coding *after)
{
	px_summary *s = ud;
	int ok = 1;

	s->gen++;
	if (s->stale)
		return;
	switch (event) {
	case DB_EV_CODING_ADD:
		ok = after && insert_coding(s, after);
		break;
	case DB_EV_CODING_UPDATE:
		ok = before && after && remove_coding(s, before->id) && insert_coding(s, after);
		break;
	case DB_EV_CODING_DELETE:
		ok = before && remove_coding(s, before->id);
		break;
	default:                 /* rollback, reset: rebuild on the next sync */
		ok = 0;
	}
	if (!ok)
		s->stale = 1;
}
