/* summary_apply.c: what one coding adds to (or takes from) the summaries,
 * and the db listener that applies each change as such a delta. Nothing
 * here scans the corpus: a delta touches the coding's own counters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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

int summary_coding_passes(const px_summary *s, const struct scoding *c)
{
	const summary_filter *f = &s->f;
	const struct svig *g = &s->vig[c->vig];
	uint32_t p = (uint32_t)f->participant;
	const struct sext *x;

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
	x = summary_ext(s, c);
	return has(s->pool + c->poff, c->np, p) || has(s->pool + x->hoff, x->nh, p) ||
	       has(s->pool + g->poff, g->np, p);
}

static void apply_repertoire(px_summary *s, const struct scoding *c, const struct sext *x,
			     int d)
{
	const uint32_t *P = s->pool + c->poff;
	struct srep *r;

	if (!x->rep)
		return;
	r = &s->rep[x->rep];
	r->part += c->mode & MODE_PARTICIPATION ? d : 0;
	r->reif += c->mode & MODE_REIFICATION ? d : 0;
	for (size_t i = 0; i < c->np; i++) {
		int32_t v = smap_add(&s->rep_part, SM_KEY(x->rep), P[i], d);
		r->participants += d > 0 ? v == d : -(v == 0);
	}
	if (x->interp) {
		int32_t v = smap_add(&s->rep_interp, SM_KEY(x->rep),
				     x->interp | (x->speaker ? 0 : SUM_GLOSS), d);
		int32_t *n = x->speaker ? &r->interps : &r->glosses;
		*n += d > 0 ? v == d : -(v == 0);
	}
	smap_add(&s->rep_date, SM_KEY(x->rep), (uint32_t)s->vig[c->vig].date, d);
}

/* Who holds whom: participants are those held to account, held_by those
 * holding them; one row per holder, held person, entry and stance. */
static void apply_network(px_summary *s, const struct scoding *c, const struct sext *x, int d)
{
	const uint32_t *P = s->pool + c->poff, *H = s->pool + x->hoff;
	uint32_t date = (uint32_t)s->vig[c->vig].date;

	if (x->acc >= SUM_NET_MAX)
		return;
	for (size_t i = 0; i < x->nh; i++)
		for (size_t j = 0; j < c->np; j++) {
			uint64_t k;
			if (H[i] >= SUM_NET_MAX || P[j] >= SUM_NET_MAX)
				continue;
			k = SUM_NET(H[i], P[j], x->acc, x->stance);
			smap_add(&s->acc_held, SM_KEY(SM_PAIR(x->acc, H[i])), P[j], d);
			smap_add(&s->net_cod, SM_KEY(k), 0, d);
			smap_add(&s->net_date, SM_KEY(k), date, d);
		}
}

/* A coding linked to a norm, or under JE/mutual accountability with none
 * named: the (unnamed) row, entry 0 (much of a regime is never spelled
 * out). */
static void apply_accountability(px_summary *s, const struct scoding *c, const struct sext *x,
				 int d)
{
	int32_t date = s->vig[c->vig].date;

	if (!x->acc && !s->code[c->code].macc)
		return;
	if (x->interp && !x->rep) {
		/* a reading of the norm (with a repertoire entry it reads that) */
		int32_t v = smap_add(&s->rep_interp, SM_KEY(SUM_ACC_OWNER + x->acc),
				     x->interp | (x->speaker ? 0 : SUM_GLOSS), d);
		if (x->speaker)
			s->acc[x->acc].interps += d > 0 ? v == d : -(v == 0);
	}
	s->acc[x->acc].part += c->mode & MODE_PARTICIPATION ? d : 0;
	s->acc[x->acc].reif += c->mode & MODE_REIFICATION ? d : 0;
	apply_network(s, c, x, d);
	smap_add(&s->acc_date, SM_KEY(x->acc), (uint32_t)date, d);
	smap_add(&s->acc_month, SM_KEY(x->acc), (uint32_t)(date / 100), d);
}

static void apply_coverage(px_summary *s, const struct scoding *c, int d)
{
	const uint32_t *P = s->pool + c->poff;
	const struct scode *k = &s->code[c->code];
	int dim = k->dim;

	for (uint32_t code = c->code; code; code = s->code[code].parent) {
		struct scode_agg *a = &s->cagg[code];
		a->codings += d;
		for (size_t i = 0; i < c->np; i++) {
			int32_t v = pc_add(&s->code_part, code, P[i], d);
			a->participants += d > 0 ? v == d : -(v == 0);
		}
	}
	s->vdim[c->vig][dim] += d;
	for (size_t i = 0; i < c->np; i++) {
		struct sperson *p = &s->per[P[i]];
		p->dims[dim] += d;
		p->conflict += k->conflict ? d : 0;
		p->support += k->support ? d : 0;
		p->comp += k->comp ? d : 0;
		p->over += k->over ? d : 0;
		/* a role (in effect at the vignette's date) counts once per
		 * coding however many of it are named */
		int32_t date = s->vig[c->vig].date;
		uint32_t ri = summary_role_at(s, P[i], date);
		int seen = 0;
		for (size_t j = 0; j < i && !seen; j++)
			seen = summary_role_at(s, P[j], date) == ri;
		if (!seen)
			s->roledim[ri][dim] += d;
	}
	s->conflict += k->conflict ? d : 0;
	s->support += k->support ? d : 0;
	s->comp += k->comp ? d : 0;
	s->over += k->over ? d : 0;
}

void summary_coding_contrib(px_summary *s, uint32_t id, int d)
{
	const struct scoding *c = &s->cod[id];
	const struct sext *x = summary_ext(s, c);

	apply_repertoire(s, c, x, d);
	apply_accountability(s, c, x, d);
	apply_coverage(s, c, d);
}

static void pbuf_push(px_summary *s, uint64_t key)
{
	if (s->npbuf == s->cappbuf) {
		s->cappbuf = s->cappbuf ? s->cappbuf * 2 : 256;
		s->pbuf = xrealloc(s->pbuf, s->cappbuf * sizeof(*s->pbuf));
	}
	s->pbuf[s->npbuf++] = key;
}

/* The ties one ME coding makes: each two people it names, under any ME
 * coding (quality 0) and under its code and each ancestor below the root. */
static void coding_ties(px_summary *s, const struct scoding *c)
{
	const uint32_t *P = s->pool + c->poff;

	for (size_t i = 0; i < c->np; i++)
		for (size_t j = 0; j < i; j++) {
			uint32_t a = P[i] < P[j] ? P[i] : P[j], b = P[i] < P[j] ? P[j] : P[i];
			if (a == b || b >= SUM_TIE_MAXP)
				continue;
			pbuf_push(s, SUM_TIE(a, b, 0));
			for (uint32_t q = c->code; q && s->code[q].parent && q < SUM_TIE_MAXQ;
			     q = s->code[q].parent)
				pbuf_push(s, SUM_TIE(a, b, q));
		}
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static void sort_u64(uint64_t *v, size_t n)
{
	if (n > 24) {
		qsort(v, n, sizeof(*v), u64_cmp);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		uint64_t t = v[i];
		size_t j = i;
		for (; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

/* The ties of vignette v: two people are engaged when one passing ME
 * coding names them both (being present is not enough). Each distinct
 * (pair, quality) counts the vignette once and each coding naming both. */
static void vig_pairs(px_summary *s, uint32_t v, int d)
{
	const struct svig *g = &s->vig[v];

	s->npbuf = 0;
	for (uint32_t id = g->head; id; id = s->cod[id].next) {
		const struct scoding *c = &s->cod[id];
		if (s->code[c->code].dim == CODE_ME && c->np > 1 && summary_coding_passes(s, c))
			coding_ties(s, c);
	}
	sort_u64(s->pbuf, s->npbuf);
	for (size_t i = 0, j; i < s->npbuf; i = j) {
		uint64_t k = s->pbuf[i];
		for (j = i + 1; j < s->npbuf && s->pbuf[j] == k; j++)
			;
		smap_add(&s->tie_cod, SM_KEY(k), 0, (int32_t)(j - i) * d);
		smap_add(&s->tie_vig, SM_KEY(k), 0, d);
		smap_add(&s->tie_date, SM_KEY(k), (uint32_t)g->date, d);
		if (!SUM_TIE_Q(k))
			pc_add(&s->pairs, (uint32_t)SUM_TIE_A(k), (uint32_t)SUM_TIE_B(k), d);
	}
}

/* A fresh stamp for the seen_* arrays (cleared when it wraps). */
static uint32_t next_stamp(px_summary *s)
{
	if (++s->stamp == 0) {
		memset(s->seen_code, 0, s->ncode * sizeof(*s->seen_code));
		memset(s->seen_rep, 0, s->nrep * sizeof(*s->seen_rep));
		s->stamp = 1;
	}
	return s->stamp;
}

static void mbuf_push(px_summary *s, uint32_t entry, const struct scoding *c, uint8_t stance)
{
	s->mbuf = summary_grow(s->mbuf, s->nmbuf, &s->capmbuf, sizeof(*s->mbuf));
	s->mbuf[s->nmbuf++] = (struct smoment){
		entry, c->start < 0 ? 0 : c->start, c->start < 0 ? INT32_MAX : c->end, stance
	};
}

static int moment_cmp(const void *a, const void *b)
{
	const struct smoment *x = a, *y = b;

	if (x->entry != y->entry)
		return x->entry < y->entry ? -1 : 1;
	return (x->start > y->start) - (x->start < y->start);
}

/* One moment (overlapping links to one entry) of the vignette: an
 * occurrence, and each stance taken in it once. */
static void moment_add(px_summary *s, uint32_t entry, unsigned stances, int d)
{
	if (entry & SUM_MOMENT_ACC) {
		struct sacc *a = &s->acc[entry & ~SUM_MOMENT_ACC];
		a->occ += d;
		for (int k = 0; k < STANCE_COUNT; k++)
			a->stance[k] += stances >> k & 1u ? d : 0;
	} else {
		s->rep[entry].occ += d;
	}
}

/* Occurrences count moments, not codings: links to the same entry on
 * overlapping spans of the vignette (two coders coding the same moment)
 * count once. */
static void vig_moments(px_summary *s, int d)
{
	if (s->nmbuf > 1)
		qsort(s->mbuf, s->nmbuf, sizeof(*s->mbuf), moment_cmp);
	for (size_t i = 0; i < s->nmbuf;) {
		uint32_t entry = s->mbuf[i].entry;
		int32_t end = s->mbuf[i].end;
		unsigned stances = 1u << s->mbuf[i].stance;
		for (i++; i < s->nmbuf && s->mbuf[i].entry == entry && s->mbuf[i].start < end; i++) {
			end = s->mbuf[i].end > end ? s->mbuf[i].end : end;
			stances |= 1u << s->mbuf[i].stance;
		}
		moment_add(s, entry, stances, d);
	}
}

void summary_vig_contrib(px_summary *s, uint32_t v, int d)
{
	uint32_t stamp = next_stamp(s);

	s->nmbuf = 0;

	for (uint32_t id = s->vig[v].head; id; id = s->cod[id].next) {
		const struct scoding *c = &s->cod[id];
		uint32_t rep;
		if (!summary_coding_passes(s, c))
			continue;
		for (uint32_t code = c->code; code && s->seen_code[code] != stamp;
		     code = s->code[code].parent) {
			s->seen_code[code] = stamp;
			s->cagg[code].vignettes += d;
		}
		rep = summary_ext(s, c)->rep;
		if (rep && s->seen_rep[rep] != stamp) {
			s->seen_rep[rep] = stamp;
			s->rep[rep].vignettes += d;
		}
		if (rep)
			mbuf_push(s, rep, c, 0);
		if (summary_ext(s, c)->acc || s->code[c->code].macc)
			mbuf_push(s, SUM_MOMENT_ACC | summary_ext(s, c)->acc, c,
				  summary_ext(s, c)->stance);
	}
	vig_moments(s, d);
	if (s->eng)
		vig_pairs(s, v, d);
}

void summary_engagement_build(px_summary *s)
{
	if (s->eng || s->stale)
		return;
	pc_init(&s->pairs, s->npart, s->npart, 1);
	s->eng = 1;
	for (size_t v = 1; v < s->nvig; v++)
		if (s->vig[v].live && s->vig[v].head)
			vig_pairs(s, (uint32_t)v, 1);
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
	size_t n = s->ncod + s->ncod / 2;

	if (id < s->ncod)
		return;
	/* at load: what load_codings asks for; then by half again */
	if (n <= id)
		n = id + 1;
	if (s->ncod && n < 1024)
		n = 1024;
	if (!s->cod) {
		/* the load: zeroed pages straight from the kernel, so the
		 * spare room is never written (nor faulted in) until used */
		s->cod = summary_big_calloc(n, sizeof(*s->cod));
	} else {
		s->cod = xrealloc(s->cod, n * sizeof(*s->cod));
		memset(s->cod + s->ncod, 0, (n - s->ncod) * sizeof(*s->cod));
	}
	s->ncod = n;
}

void *summary_big_calloc(size_t n, size_t size)
{
	void *p = xcalloc(n ? n : 1, size);

#ifdef MADV_HUGEPAGE
	/* a large array is faulted in 2 MiB at a time rather than 4 KiB
	 * (transparent huge pages in "madvise" mode); only the whole pages
	 * inside the block are advised, and a refusal changes nothing */
	uintptr_t lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
	uintptr_t hi = ((uintptr_t)p + n * size) & ~(uintptr_t)4095;
	if (n * size >= SUM_HUGE_MIN && hi > lo)
		madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#endif
	return p;
}

uint32_t summary_ext_new(px_summary *s)
{
	if (!s->n_ext)
		s->n_ext = 1;
	s->ext = summary_grow(s->ext, s->n_ext, &s->cap_ext, sizeof(*s->ext));
	memset(&s->ext[s->n_ext], 0, sizeof(*s->ext));
	return (uint32_t)s->n_ext++;
}

static void grow_ids(void **v, size_t *n, size_t want, size_t size)
{
	size_t m = *n ? *n : 16;

	if (want < *n)
		return;
	while (m <= want)
		m *= 2;
	*v = xrealloc(*v, m * size);
	memset((char *)*v + *n * size, 0, (m - *n) * size);
	*n = m;
}

void summary_grow_entries(px_summary *s, uint32_t rep, uint32_t acc)
{
	size_t n = s->nrep;
	void *v;

	if (rep >= s->nrep) {
		v = s->rep;
		grow_ids(&v, &s->nrep, rep, sizeof(*s->rep));
		s->rep = v;
		s->seen_rep = xrealloc(s->seen_rep, s->nrep * sizeof(*s->seen_rep));
		memset(s->seen_rep + n, 0, (s->nrep - n) * sizeof(*s->seen_rep));
	}
	if (acc >= s->nacc) {
		v = s->acc;
		grow_ids(&v, &s->nacc, acc, sizeof(*s->acc));
		s->acc = v;
	}
}

/* Runs the coding's delta, with its vignette's distinct part taken out
 * before and put back after (link: the list change in between). */
static void apply(px_summary *s, uint32_t id, int d)
{
	struct scoding *c = &s->cod[id];
	struct svig *g = &s->vig[c->vig];
	int pass = summary_coding_passes(s, c);

	if (pass)
		summary_vig_contrib(s, c->vig, -1);
	if (d > 0) {
		c->next = g->head;
		g->head = id;
	} else {
		uint32_t *at = &g->head;
		while (*at && *at != id)
			at = &s->cod[*at].next;
		if (*at)
			*at = c->next;
		c->next = 0;
	}
	if (pass) {
		summary_coding_contrib(s, id, d);
		summary_vig_contrib(s, c->vig, 1);
	}
}

/* Stores the coding; 0 if it names something the state does not know
 * (a code, vignette or participant created since the load). */
static int insert_coding(px_summary *s, const px_coding *c)
{
	struct scoding *k;

	if (c->id <= 0 || c->id > UINT32_MAX || c->vignette_id <= 0 ||
	    (size_t)c->vignette_id >= s->nvig || !s->vig[c->vignette_id].live ||
	    c->code_id <= 0 || (size_t)c->code_id >= s->ncode || !s->code[c->code_id].live ||
	    c->repertoire_id < 0 || c->repertoire_id > UINT32_MAX / 2 ||
	    c->accountability_id < 0 || c->accountability_id > UINT32_MAX / 2 ||
	    c->stance < 0 || c->stance >= STANCE_COUNT ||
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
	k->start = c->start < 0 ? -1 : (int32_t)c->start;
	k->end = c->end < 0 ? -1 : (int32_t)c->end;
	k->mode = (uint8_t)(c->mode & MODE_BOTH);
	k->poff = pool_push(s, &c->participants, &k->np);
	/* held_by also without a norm, under JE/mutual accountability */
	if (c->repertoire_id || c->accountability_id || c->held_by.n) {
		struct sext *x;
		summary_grow_entries(s, (uint32_t)c->repertoire_id,
				     (uint32_t)c->accountability_id);
		k->ext = summary_ext_new(s);
		x = &s->ext[k->ext];
		x->rep = (uint32_t)c->repertoire_id;
		x->acc = (uint32_t)c->accountability_id;
		x->stance = (uint8_t)c->stance;
		/* the store keeps an empty interpretation as none */
		if (c->interpretation && *c->interpretation) {
			x->interp = summary_intern(&s->interp_ids, &s->interps,
						   c->interpretation);
			x->speaker = (uint32_t)c->speaker_id;
		}
		x->hoff = pool_push(s, &c->held_by, &x->nh);
	}
	k->live = 1;
	apply(s, (uint32_t)c->id, 1);
	return 1;
}

static int remove_coding(px_summary *s, int64_t id)
{
	if (id <= 0 || (size_t)id >= s->ncod || !s->cod[id].live)
		return 0;
	apply(s, (uint32_t)id, -1);
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
