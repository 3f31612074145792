/* coding_edit.c: recode and respan; see praxis/coding_edit.h. */
#include <limits.h>
#include <stdlib.h>
#include "praxis/coding.h"
#include "praxis/coding_edit.h"
#include "praxis/text.h"
#include "praxis/vignette.h"

int coding_recode(px_db *db, int64_t id, int64_t code_id, px_err *e)
{
	px_coding c;
	int rc;

	if ((rc = coding_get(db, id, &c, e)))
		return rc;
	c.code_id = code_id;
	rc = coding_update(db, &c, e);
	coding_free(&c);
	return rc;
}

int coding_respan(px_db *db, int64_t id, int64_t start, int64_t end, px_err *e)
{
	px_coding c;
	int rc;

	if ((rc = coding_get(db, id, &c, e)))
		return rc;
	c.start = start;
	c.end = end;
	c.needs_review = 0;
	rc = coding_update(db, &c, e);
	coding_free(&c);
	return rc;
}

int coding_quote_span(px_db *db, int64_t vid, const char *quote, int64_t nth,
		      int64_t *start, int64_t *end, px_err *e)
{
	px_vignette v;
	int count = 0, rc = PX_OK;
	int64_t at;

	if ((rc = vignette_get(db, vid, &v, e)))
		return rc;
	/* beyond INT_MAX no quote can match; do not let the cast wrap to 1 */
	at = text_find_nth(v.text, quote, nth > INT_MAX ? -1 : nth ? (int)nth : 1, &count);
	if (count == 0)
		rc = px_fail(e, PX_EDATA, "quote \"%s\" not found in vignette '%s'", quote,
			     v.ext_id);
	else if (count > 1 && !nth)
		rc = px_fail(e, PX_EDATA, "quote \"%s\" occurs %d times in vignette '%s'; "
			     "say which with --occurrence", quote, count, v.ext_id);
	else if (at < 0)
		rc = px_fail(e, PX_EDATA, "quote \"%s\" occurs only %d times in vignette '%s'",
			     quote, count, v.ext_id);
	if (!rc) {
		*start = at;
		*end = at + (int64_t)text_cp_len(quote);
	}
	vignette_free(&v);
	return rc;
}
