/* analysis_matrix.c: codes against the values of a case variable (role,
 * community, coder or a participant attribute), each code with its
 * sub-codes rolled up as coverage does (praxis/analysis.h). */
#include <stdlib.h>
#include <string.h>
#include "praxis/names.h"
#include "analysis_int.h"

enum by_kind { BY_ROLE, BY_COMMUNITY, BY_CODER, BY_ATTRIBUTE };

struct mctx {
	px_summary *s;
	enum by_kind by;
	px_names nm;
	strmap ids;              /* value text -> local id (from 1) */
	strlist vals;
	uint32_t *attr;          /* participant -> value id (BY_ATTRIBUTE) */
	uint32_t *pre;           /* code row id -> pre-order index + 1 */
};

struct mrec {
	uint32_t ci, val, vig;
};

static int mrec_cmp(const void *a, const void *b)
{
	const struct mrec *x = a, *y = b;

	if (x->ci != y->ci)
		return x->ci < y->ci ? -1 : 1;
	if (x->val != y->val)
		return x->val < y->val ? -1 : 1;
	return (x->vig > y->vig) - (x->vig < y->vig);
}

static int parse_by(const char *by, enum by_kind *k, const char **attr, px_err *e)
{
	*attr = NULL;
	if (by && strcmp(by, "role") == 0)
		*k = BY_ROLE;
	else if (by && strcmp(by, "community") == 0)
		*k = BY_COMMUNITY;
	else if (by && strcmp(by, "coder") == 0)
		*k = BY_CODER;
	else if (by && strncmp(by, "attribute:", 10) == 0 && by[10]) {
		*k = BY_ATTRIBUTE;
		*attr = by + 10;
	} else
		return px_fail(e, PX_EUSAGE, "--by '%s': use role, community, coder or "
			       "attribute:NAME", by ? by : "");
	return PX_OK;
}

static int load_attr(struct mctx *m, const char *name, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(m->s->db, "SELECT participant_id, value FROM"
					   " participant_attr WHERE key = ?", e);
	int rc;

	if (!st)
		return px_status_of(e);
	db_bind_text(st, 1, name);
	m->attr = xcalloc(m->s->npart ? m->s->npart : 1, sizeof(*m->attr));
	while (db_row(m->s->db, st, &rc, e)) {
		int64_t p = sqlite3_column_int64(st, 0);
		if (p > 0 && (size_t)p < m->s->npart)
			m->attr[p] = summary_intern(&m->ids, &m->vals,
						    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return rc;
}

/* The values coding c (in vignette v) stands for, distinct, into out. */
static size_t values_of(struct mctx *m, const struct scoding *c, uint32_t v, uint32_t *out)
{
	const px_summary *s = m->s;
	size_t n = 0;

	switch (m->by) {
	case BY_COMMUNITY:
		if (s->vig[v].com)
			out[n++] = summary_intern(&m->ids, &m->vals,
						  names_get(&m->nm, NAMES_COMMUNITY, s->vig[v].com));
		return n;
	case BY_CODER:
		out[n++] = summary_intern(&m->ids, &m->vals, names_get(&m->nm, NAMES_CODER,
									c->coder));
		return n;
	default:
		break;
	}
	for (size_t i = 0; i < c->np; i++) {
		uint32_t p = s->pool[c->poff + i], val = 0;
		if (m->by == BY_ROLE) {
			/* the role in effect at the vignette's date */
			uint32_t r = summary_role_at(s, p, s->vig[v].date);
			val = r ? summary_intern(&m->ids, &m->vals, s->roles.v[r - 1]) : 0;
		} else {
			val = m->attr[p];
		}
		if (val && !an_has(out, n, val))
			out[n++] = val;
	}
	return n;
}

static int val_cmp(const void *a, const void *b, void *ud)
{
	const strlist *vals = ud;

	return strcmp(vals->v[*(const uint32_t *)a - 1], vals->v[*(const uint32_t *)b - 1]);
}

/* Value ids in text order: rank[id] = position. */
static uint32_t *rank_values(const strlist *vals)
{
	uint32_t *order = xcalloc(vals->n + 1, sizeof(*order));
	uint32_t *rank = xcalloc(vals->n + 1, sizeof(*rank));

	for (size_t i = 0; i < vals->n; i++)
		order[i] = (uint32_t)i + 1;
	/* insertion sort: a case variable has few values */
	for (size_t i = 1; i < vals->n; i++)
		for (size_t j = i; j > 0 && val_cmp(&order[j - 1], &order[j], (void *)vals) > 0; j--) {
			uint32_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t i = 0; i < vals->n; i++)
		rank[order[i]] = (uint32_t)i;
	free(order);
	return rank;
}

static void mctx_free(struct mctx *m)
{
	names_free(&m->nm);
	sm_free(&m->ids);
	sl_free(&m->vals);
	free(m->attr);
	free(m->pre);
}

int analysis_matrix(px_summary *s, const char *by, an_matrix_row **rows, size_t *n,
		    px_err *e)
{
	struct mctx m = { .s = s };
	summary_coverage cov = { 0 };
	struct mrec *rec = NULL;
	size_t nrec = 0, cap = 0, capr = 0;
	uint32_t *vals = NULL, *rank = NULL;
	size_t capv = 0;
	const char *attr;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = parse_by(by, &m.by, &attr, e)) || (rc = an_begin(s, e)) ||
	    (rc = names_load_kinds(s->db, &m.nm, NAMES_BIT(NAMES_COMMUNITY) |
				   NAMES_BIT(NAMES_CODER), e)) ||
	    (m.by == BY_ATTRIBUTE && (rc = load_attr(&m, attr, e))) ||
	    (rc = summary_coverage_get(s, &cov, e)))
		goto out;
	m.pre = xcalloc(s->ncode ? s->ncode : 1, sizeof(*m.pre));
	for (size_t i = 0; i < cov.ncodes; i++)
		if (cov.codes[i].code_id > 0 && (size_t)cov.codes[i].code_id < s->ncode)
			m.pre[cov.codes[i].code_id] = (uint32_t)i + 1;
	AN_EACH_CODING(s, v, id) {
		const struct scoding *c = &s->cod[id];
		size_t nv;
		vals = summary_grow(vals, (size_t)c->np + 1, &capv, sizeof(*vals));
		nv = values_of(&m, c, v, vals);
		/* dimension coverage by case variable: the coding counts under its
		 * code and every ancestor, once per value */
		for (uint32_t code = c->code; code; code = s->code[code].parent)
			for (size_t k = 0; k < nv && m.pre[code]; k++) {
				rec = summary_grow(rec, nrec, &cap, sizeof(*rec));
				rec[nrec++] = (struct mrec){ m.pre[code] - 1, vals[k], v };
			}
	}
	rank = rank_values(&m.vals);
	for (size_t i = 0; i < nrec; i++)
		rec[i].val = rank[rec[i].val];
	if (nrec > 1)
		qsort(rec, nrec, sizeof(*rec), mrec_cmp);
	for (size_t i = 0; i < nrec; i++) {
		an_matrix_row *r;
		if (!*n || i == 0 || rec[i].ci != rec[i - 1].ci || rec[i].val != rec[i - 1].val) {
			const summary_code_row *cr = &cov.codes[rec[i].ci];
			*rows = summary_grow(*rows, *n, &capr, sizeof(**rows));
			r = &(*rows)[(*n)++];
			memset(r, 0, sizeof(*r));
			r->code = cr->code_id;
			r->depth = cr->depth;
			for (size_t k = 1; k <= m.vals.n; k++)
				if (rank[k] == rec[i].val)
					r->value = xstrdup(m.vals.v[k - 1]);
		}
		r = &(*rows)[*n - 1];
		r->codings++;
		r->vignettes += i == 0 || rec[i].ci != rec[i - 1].ci ||
				rec[i].val != rec[i - 1].val || rec[i].vig != rec[i - 1].vig;
	}
out:
	free(vals);
	free(rank);
	free(rec);
	summary_coverage_free(&cov);
	mctx_free(&m);
	return rc;
}

void analysis_matrix_free(an_matrix_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rows[i].value);
	free(rows);
}
