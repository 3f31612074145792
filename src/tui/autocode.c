/* autocode.c: `:autocode CODE` -- every hit of the current search, in
 * every vignette the filter shows, coded with one code in one step:
 * counted and confirmed first, written in one transaction, undone by one
 * u. Hits already coded with that code by this coder are left alone. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/text.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"
#include "praxis/widget.h"

/* The search hits to code: (vignette, start, end) triples. */
struct autocode {
	int64_t code_id;
	char *path;
	int64_t *v;              /* 3 per hit */
	size_t n, cap, nvig;
};

static void autocode_free(struct autocode *a)
{
	free(a->path);
	free(a->v);
	free(a);
}

static int already_coded(const px_coding *c, void *ud)
{
	int64_t *want = ud;   /* code, coder, start, end; [4] set when found */

	if (c->code_id == want[0] && c->coder_id == want[1] && c->start == want[2] &&
	    c->end == want[3]) {
		want[4] = 1;
		return 1;
	}
	return 0;
}

/* Adds the hits of vignette id not yet coded so. */
static int gather(struct tui *t, struct autocode *a, int64_t id, px_err *e)
{
	px_vignette v;
	int64_t *s, *en;
	size_t nh, before = a->n;
	int rc;

	if ((rc = vignette_get(t->db, id, &v, e)))
		return rc;
	nh = text_word_hits(v.text, t->filter.search, &s, &en);
	for (size_t k = 0; k < nh && !rc; k++) {
		coding_query q = CODING_QUERY_ALL;
		int64_t want[5] = { a->code_id, t->coder_id, s[k], en[k], 0 };
		q.vignette_id = id;
		rc = coding_each(t->db, &q, already_coded, want, e);
		if (want[4]) {
			rc = PX_OK;
			continue;
		}
		if (rc)
			break;
		if (a->n == a->cap) {
			a->cap = a->cap ? 2 * a->cap : 64;
			a->v = xrealloc(a->v, a->cap * 3 * sizeof(*a->v));
		}
		a->v[3 * a->n] = id;
		a->v[3 * a->n + 1] = s[k];
		a->v[3 * a->n + 2] = en[k];
		a->n++;
	}
	if (a->n > before)
		a->nvig++;
	free(s);
	free(en);
	vignette_free(&v);
	return rc;
}

static void confirmed(struct tui *t, int yes, void *ud)
{
	struct autocode *a = ud;
	px_err e = { 0 };
	int rc;

	if (!yes) {
		tui_message(t, "nothing coded");
		autocode_free(a);
		return;
	}
	undo_begin(&t->undo, "auto-code");
	rc = db_begin(t->db, &e);
	for (size_t i = 0; i < a->n && !rc; i++) {
		px_coding c = { 0 };
		c.vignette_id = a->v[3 * i];
		c.code_id = a->code_id;
		c.coder_id = t->coder_id;
		c.start = a->v[3 * i + 1];
		c.end = a->v[3 * i + 2];
		rc = coding_add(t->db, &c, &e);
		coding_free(&c);
	}
	if (rc)
		db_rollback(t->db);
	else
		rc = db_commit(t->db, &e);
	undo_end(&t->undo);
	if (rc)
		tui_error(t, "auto-code: %s", e.msg);
	else
		tui_message(t, "coded %zu hit%s in %zu vignette%s with %s (u undoes)", a->n,
			    PX_S(a->n), a->nvig, PX_S(a->nvig), a->path);
	tui_codings_changed(t);
	autocode_free(a);
}

/* Gathers the hits of every vignette the filter shows, a page at a time. */
static int gather_all(struct tui *t, struct autocode *a, px_err *e)
{
	char *key = NULL;
	int64_t key_id = 0;
	int rc = PX_OK;

	for (;;) {
		browse_row *rows = NULL;
		size_t n = 0;
		if ((rc = browse_vignettes(t->db, &t->filter, key, key_id, 1, 256, &rows, &n, e)))
			break;
		for (size_t i = 0; i < n && !rc; i++)
			rc = gather(t, a, rows[i].id, e);
		free(key);
		key = n ? xstrdup(rows[n - 1].date ? rows[n - 1].date : "") : NULL;
		key_id = n ? rows[n - 1].id : 0;
		browse_rows_free(rows, n);
		if (rc || n < 256)
			break;
	}
	free(key);
	return rc;
}

void tui_autocode(struct tui *t, const char *path)
{
	struct autocode *a;
	px_err e = { 0 };
	char *q;

	if (!t->filter.search) {
		tui_error(t, "autocode: search first (/ or :search WORDS), then :autocode CODE");
		return;
	}
	a = xcalloc(1, sizeof(*a));
	if (!*path || codebook_resolve(t->db, path, 0, &a->code_id, NULL, &e)) {
		tui_error(t, "autocode: %s", *path ? e.msg : "name a code, e.g. :autocode SR/tools");
		autocode_free(a);
		return;
	}
	a->path = xstrdup(names_get(&t->names, NAMES_CODE, a->code_id));
	if (gather_all(t, a, &e)) {
		tui_error(t, "autocode: %s", e.msg);
		autocode_free(a);
		return;
	}
	if (!a->n) {
		tui_message(t, "autocode: no uncoded hits of \"%s\"", t->filter.search);
		autocode_free(a);
		return;
	}
	q = xasprintf("code %zu hit%s of \"%s\" in %zu vignette%s with %s?", a->n, PX_S(a->n),
		      t->filter.search, a->nvig, PX_S(a->nvig), a->path);
	confirm_open(t, q, confirmed, a);
	free(q);
}
