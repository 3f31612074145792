/* analysis_trajectory.c: per participant and month, their role then,
 * their codings per dimension, holding and being held, and the
 * repertoire they first take up (praxis/analysis.h). */
#include <stdlib.h>
#include <string.h>
#include "analysis_int.h"

/* One fact about a participant in a month: key p << 40 | month << 8 |
 * kind, with kind 1..3 a dimension, 4 holding, 5 held. */
enum { TK_HOLDER = 4, TK_HELD = 5 };
#define TKEY(p, m, k) ((uint64_t)(p) << 40 | (uint64_t)(uint32_t)(m) << 8 | (uint64_t)(k))

static void push(uint64_t **v, size_t *n, size_t *cap, uint64_t x)
{
	*v = summary_grow(*v, *n, cap, sizeof(**v));
	(*v)[(*n)++] = x;
}

/* A repertoire use: participant (< 2^20), entry (< 2^24), month yyyymm
 * (< 2^20). */
#define UKEY(p, r, m) ((uint64_t)(p) << 44 | (uint64_t)(r) << 20 | ((uint64_t)(uint32_t)(m) & 0xfffffu))

static size_t find_row(const an_traj_row *rows, size_t n, int64_t p, int month)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rows[mid].participant == p && rows[mid].month == month)
			return mid;
		if (rows[mid].participant < p || (rows[mid].participant == p &&
						  rows[mid].month < month))
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

int analysis_trajectory(px_summary *s, an_traj_row **rows, size_t *n, px_err *e)
{
	uint64_t *facts = NULL, *uses = NULL;
	size_t nf = 0, capf = 0, nu = 0, capu = 0, cap = 0;
	uint32_t *who = NULL;
	size_t capwho = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = an_begin(s, e)))
		return rc;
	AN_EACH_CODING(s, v, id) {
		const struct scoding *c = &s->cod[id];
		const struct sext *x = summary_ext(s, c);
		int month = s->vig[v].date / 100, dim = s->code[c->code].dim;
		size_t np;
		who = summary_grow(who, (size_t)c->np + x->nh + 1, &capwho, sizeof(*who));
		np = an_people(s, c, who);
		for (size_t i = 0; i < np; i++) {
			uint32_t p = who[i];
			/* participation in the community's practice: a coding naming
			 * them, in its dimension */
			if (dim >= 1 && dim <= 3)
				push(&facts, &nf, &capf, TKEY(p, month, dim));
			/* mutual accountability: holding others (held_by) or being
			 * held (participants) to account */
			if (s->code[c->code].macc && an_has(s->pool + x->hoff, x->nh, p))
				push(&facts, &nf, &capf, TKEY(p, month, TK_HOLDER));
			if (s->code[c->code].macc && an_has(s->pool + c->poff, c->np, p))
				push(&facts, &nf, &capf, TKEY(p, month, TK_HELD));
			/* taking up the shared repertoire: an entry linked to them */
			if (x->rep && p < (1u << 20) && x->rep < (1u << 24))
				push(&uses, &nu, &capu, UKEY(p, x->rep, month));
		}
	}
	free(who);
	if (nf)
		qsort(facts, nf, sizeof(*facts), an_cmp_u64);
	for (size_t i = 0; i < nf; i++) {
		int64_t p = (int64_t)(facts[i] >> 40);
		int month = (int)((facts[i] >> 8) & 0xffffffffu);
		an_traj_row *r;
		if (!*n || (*rows)[*n - 1].participant != p || (*rows)[*n - 1].month != month) {
			uint32_t role = summary_role_at(s, (uint32_t)p, month * 100 + 1);
			*rows = summary_grow(*rows, *n, &cap, sizeof(**rows));
			r = &(*rows)[(*n)++];
			memset(r, 0, sizeof(*r));
			r->participant = p;
			r->month = month;
			r->role = role ? xstrdup(s->roles.v[role - 1]) : NULL;
		}
		r = &(*rows)[*n - 1];
		switch (facts[i] & 0xff) {
		case TK_HOLDER: r->holder++; break;
		case TK_HELD: r->held++; break;
		default: r->dims[facts[i] & 0xff]++; break;
		}
	}
	free(facts);
	/* the first month of each (participant, entry): sorted, the first
	 * key of each pair */
	if (nu)
		qsort(uses, nu, sizeof(*uses), an_cmp_u64);
	for (size_t i = 0; i < nu; i++) {
		uint64_t pr = uses[i] >> 20;
		int month = (int)(uses[i] & 0xfffffu);
		size_t row;
		if (i && uses[i - 1] >> 20 == pr)
			continue;
		row = find_row(*rows, *n, (int64_t)(pr >> 24), month);
		if (row != (size_t)-1)
			idl_push(&(*rows)[row].first_uses, (int64_t)(pr & 0xffffffu));
	}
	free(uses);
	for (size_t i = 0; i < *n; i++)
		if ((*rows)[i].first_uses.n > 1)
			qsort((*rows)[i].first_uses.v, (*rows)[i].first_uses.n,
			      sizeof(int64_t), an_cmp_i64);
	return PX_OK;
}

void analysis_trajectory_free(an_traj_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].role);
		idl_free(&rows[i].first_uses);
	}
	free(rows);
}
