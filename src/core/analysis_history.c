/* analysis_history.c: the life of each repertoire entry -- its linked
 * codings in date order, with who used it, whose reading it was and in
 * which community (praxis/analysis.h). */
#include <stdlib.h>
#include "analysis_int.h"

static int hist_cmp(const void *a, const void *b)
{
	const an_hist_row *x = a, *y = b;

	if (x->repertoire != y->repertoire)
		return x->repertoire < y->repertoire ? -1 : 1;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return (x->coding > y->coding) - (x->coding < y->coding);
}

int analysis_history(px_summary *s, int64_t repertoire, an_hist_row **rows, size_t *n,
		     px_err *e)
{
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if ((rc = an_begin(s, e)))
		return rc;
	AN_EACH_CODING(s, v, id) {
		const struct scoding *c = &s->cod[id];
		const struct sext *x = summary_ext(s, c);
		an_hist_row *r;
		/* the history of an element: each use of it, dated */
		if (!x->rep || (repertoire && x->rep != repertoire))
			continue;
		*rows = summary_grow(*rows, *n, &cap, sizeof(**rows));
		r = &(*rows)[(*n)++];
		r->repertoire = x->rep;
		r->coding = id;
		r->vignette = v;
		r->community = s->vig[v].com;
		r->coder = c->coder;
		r->speaker = x->speaker;
		r->date = s->vig[v].date;
		r->interpretation = x->interp && x->interp <= s->interps.n ?
				    s->interps.v[x->interp - 1] : NULL;
		r->mode = c->mode;
		r->start = c->start;
	}
	if (*n > 1)
		qsort(*rows, *n, sizeof(**rows), hist_cmp);
	return PX_OK;
}
