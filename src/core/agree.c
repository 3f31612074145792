/* agree.c: inter-coder agreement; see praxis/agree.h for the definitions
 * of units, pooling and the degenerate cases. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/agree.h"
#include "praxis/codebook.h"

static const char *const unit_names[] = { "vignette", "segment" };

const char *agree_unit_name(int unit)
{
	return unit == AGREE_SEGMENT ? unit_names[1] : unit_names[0];
}

int agree_unit_parse(const char *s)
{
	for (int u = AGREE_VIGNETTE; u <= AGREE_SEGMENT; u++)
		if (s && strcmp(s, unit_names[u]) == 0)
			return u;
	return -1;
}

int64_t agree_total(const agree_table *t)
{
	return t->both + t->a_only + t->b_only + t->neither;
}

void agree_add(agree_table *sum, const agree_table *t)
{
	sum->both += t->both;
	sum->a_only += t->a_only;
	sum->b_only += t->b_only;
	sum->neither += t->neither;
}

double agree_observed(const agree_table *t)
{
	int64_t n = agree_total(t);

	return n ? (double)(t->both + t->neither) / (double)n : NAN;
}

double agree_expected(const agree_table *t)
{
	double n = (double)agree_total(t);
	double a_yes = (double)(t->both + t->a_only), b_yes = (double)(t->both + t->b_only);

	if (n == 0)
		return NAN;
	return (a_yes * b_yes + (n - a_yes) * (n - b_yes)) / (n * n);
}

double agree_kappa(const agree_table *t)
{
	double po = agree_observed(t), pe = agree_expected(t);

	/* pe is a ratio of integers; compare exactly for the all-one-category case */
	if (isnan(pe) || pe >= 1.0)
		return NAN;
	return (po - pe) / (1.0 - pe);
}

double agree_alpha(const agree_table *t)
{
	double n_pairs = 2.0 * (double)agree_total(t);
	double n1 = 2.0 * (double)t->both + (double)(t->a_only + t->b_only);
	double n0 = n_pairs - n1;
	double o01 = (double)(t->a_only + t->b_only);

	if (n0 * n1 == 0)
		return NAN;
	return 1.0 - (n_pairs - 1.0) * o01 / (n0 * n1);
}

void agree_mark(unsigned char *mark, int64_t length, const agree_span *spans, size_t n,
		unsigned char bit)
{
	for (size_t i = 0; i < n; i++) {
		int64_t s = spans[i].start, end = spans[i].end;
		if (s < 0) {
			s = 0;
			end = length;
		}
		if (end > length)
			end = length;
		for (int64_t p = s; p < end; p++)
			mark[p] |= bit;
	}
}

agree_table agree_count_spans(int64_t length, const agree_span *a, size_t na,
			      const agree_span *b, size_t nb)
{
	agree_table t = { 0, 0, 0, 0 };
	unsigned char *mark;

	if (length <= 0)
		return t;
	mark = xcalloc((size_t)length, 1);
	agree_mark(mark, length, a, na, 1);
	agree_mark(mark, length, b, nb, 2);
	for (int64_t p = 0; p < length; p++) {
		switch (mark[p]) {
		case 3: t.both++; break;
		case 1: t.a_only++; break;
		case 2: t.b_only++; break;
		default: t.neither++; break;
		}
	}
	free(mark);
	return t;
}

int agree_common_vignettes(px_db *db, int64_t coder_a, int64_t coder_b, idlist *out,
			   px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM vignette WHERE"
				   " EXISTS (SELECT 1 FROM coding WHERE vignette_id = vignette.id"
				   "  AND coder_id = ?1) AND"
				   " EXISTS (SELECT 1 FROM coding WHERE vignette_id = vignette.id"
				   "  AND coder_id = ?2) ORDER BY id", e);
	int rc;

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, coder_a);
	sqlite3_bind_int64(st, 2, coder_b);
	while (db_row(db, st, &rc, e))
		idl_push(out, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	if (rc)
		px_wrap(e, "finding the vignettes both coders coded");
	return rc;
}

static void span_push(agree_span **v, size_t *n, size_t *cap, agree_span s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = s;
}

static agree_vcode *vcode_slot(agree_vcode **v, size_t *n, int64_t code_id)
{
	if (*n && (*v)[*n - 1].code_id == code_id)
		return &(*v)[*n - 1];
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].code_id = code_id;
	return &(*v)[(*n)++];
}

int agree_vignette_codes(px_db *db, int64_t vignette_id, int64_t coder_a, int64_t coder_b,
			 int64_t code_id, agree_vcode **out, size_t *n, int64_t *length,
			 px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT length FROM vignette WHERE id = ?", e);
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, vignette_id);
	rc = sqlite3_step(st);
	*length = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return px_fail(e, PX_ENOTFOUND, "no vignette with row id %lld",
			       (long long)vignette_id);
	if (!(st = db_stmt(db, "SELECT code_id, coder_id, coalesce(start, -1), coalesce(end, -1)"
			   " FROM coding WHERE vignette_id = ?1 AND coder_id IN (?2, ?3)"
			   " AND (?4 = 0 OR code_id = ?4) ORDER BY code_id, start, id", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, vignette_id);
	sqlite3_bind_int64(st, 2, coder_a);
	sqlite3_bind_int64(st, 3, coder_b);
	sqlite3_bind_int64(st, 4, code_id);
	while (db_row(db, st, &rc, e)) {
		agree_vcode *vc = vcode_slot(out, n, sqlite3_column_int64(st, 0));
		agree_span s = { sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3) };
		if (sqlite3_column_int64(st, 1) == coder_a)
			span_push(&vc->a, &vc->na, &vc->acap, s);
		else
			span_push(&vc->b, &vc->nb, &vc->bcap, s);
	}
	sqlite3_reset(st);
	if (rc) {
		agree_vcodes_free(*out, *n);
		*out = NULL;
		*n = 0;
		px_wrap(e, "reading the codings of a vignette");
		return rc;
	}
	return PX_OK;
}

void agree_vcodes_free(agree_vcode *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].a);
		free(v[i].b);
	}
	free(v);
}

/* Per-code accumulation while walking vignettes; rows are found by code
 * id (few codes, so a linear search is fine). */
static agree_table *row_for(agree_result *r, int64_t code_id)
{
	for (size_t i = 0; i < r->nrows; i++)
		if (r->rows[i].code_id == code_id)
			return &r->rows[i].t;
	r->rows = xrealloc(r->rows, (r->nrows + 1) * sizeof(*r->rows));
	memset(&r->rows[r->nrows], 0, sizeof(*r->rows));
	r->rows[r->nrows].code_id = code_id;
	return &r->rows[r->nrows++].t;
}

/* One vignette's contribution to every code seen so far and to its own. */
static void count_vignette(agree_result *r, const agree_vcode *vc, size_t n, int64_t length)
{
	for (size_t i = 0; i < n; i++) {
		agree_table *t = row_for(r, vc[i].code_id);
		if (r->unit == AGREE_SEGMENT) {
			agree_table s = agree_count_spans(length, vc[i].a, vc[i].na, vc[i].b, vc[i].nb);
			agree_add(t, &s);
		} else if (vc[i].na && vc[i].nb) {
			t->both++;
		} else if (vc[i].na) {
			t->a_only++;
		} else {
			t->b_only++;
		}
	}
}

/* A code absent from a vignette is "neither" there; adding those after
 * the walk needs the vignette lengths (segment) or count (vignette). */
struct vinfo {
	idlist vids;
	int64_t *lengths;
	agree_vcode **codes;
	size_t *ncodes;
};

static int has_code(const agree_vcode *vc, size_t n, int64_t code_id)
{
	for (size_t i = 0; i < n; i++)
		if (vc[i].code_id == code_id)
			return 1;
	return 0;
}

static void add_neither(agree_result *r, const struct vinfo *vi)
{
	for (size_t k = 0; k < r->nrows; k++) {
		for (size_t i = 0; i < vi->vids.n; i++) {
			if (has_code(vi->codes[i], vi->ncodes[i], r->rows[k].code_id))
				continue;
			r->rows[k].t.neither += r->unit == AGREE_SEGMENT ? vi->lengths[i] : 1;
		}
	}
}

struct order_ctx {
	agree_result *r;
	agree_row *sorted;
	size_t n;
};

static int order_visit(const px_code *c, void *ud)
{
	struct order_ctx *o = ud;

	for (size_t i = 0; i < o->r->nrows; i++)
		if (o->r->rows[i].code_id == c->id)
			o->sorted[o->n++] = o->r->rows[i];
	return 0;
}

static int order_rows(px_db *db, agree_result *r, px_err *e)
{
	struct order_ctx o = { r, xcalloc(r->nrows + 1, sizeof(agree_row)), 0 };
	int rc = codebook_each(db, order_visit, &o, e);

	if (rc) {
		free(o.sorted);
		return rc;
	}
	free(r->rows);
	r->rows = o.sorted;
	r->nrows = o.n;
	return PX_OK;
}

static void vinfo_free(struct vinfo *vi)
{
	for (size_t i = 0; i < vi->vids.n; i++)
		agree_vcodes_free(vi->codes[i], vi->ncodes[i]);
	free(vi->codes);
	free(vi->ncodes);
	free(vi->lengths);
	idl_free(&vi->vids);
}

int agree_compute(px_db *db, int64_t coder_a, int64_t coder_b, int64_t code_id, int unit,
		  agree_result *out, px_err *e)
{
	struct vinfo vi;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&vi, 0, sizeof(vi));
	out->unit = unit;
	if (coder_a == coder_b)
		return px_fail(e, PX_EUSAGE, "agreement needs two different coders");
	if ((rc = agree_common_vignettes(db, coder_a, coder_b, &vi.vids, e)))
		goto done;
	vi.lengths = xcalloc(vi.vids.n + 1, sizeof(*vi.lengths));
	/* an array of per-vignette arrays: pointers, as sizeof says */
	vi.codes = xcalloc(vi.vids.n + 1, sizeof(*vi.codes));   // NOLINT(bugprone-sizeof-expression)
	vi.ncodes = xcalloc(vi.vids.n + 1, sizeof(*vi.ncodes));
	if (code_id)
		row_for(out, code_id);
	for (size_t i = 0; i < vi.vids.n; i++) {
		if ((rc = agree_vignette_codes(db, vi.vids.v[i], coder_a, coder_b, code_id,
					       &vi.codes[i], &vi.ncodes[i], &vi.lengths[i], e)))
			goto done;
		count_vignette(out, vi.codes[i], vi.ncodes[i], vi.lengths[i]);
	}
	add_neither(out, &vi);
	out->vignettes = (int64_t)vi.vids.n;
	if ((rc = order_rows(db, out, e)))
		goto done;
	for (size_t k = 0; k < out->nrows; k++)
		agree_add(&out->overall, &out->rows[k].t);
done:
	vinfo_free(&vi);
	if (rc)
		agree_result_free(out);
	return rc;
}

void agree_result_free(agree_result *r)
{
	free(r->rows);
	r->rows = NULL;
	r->nrows = 0;
}
