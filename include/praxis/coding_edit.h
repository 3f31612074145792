/* coding_edit.h: changing an existing coding in place: its code (recode)
 * or its span (respan), keeping its id, memo, participants and links.
 * Both go through coding_update, so listeners (summaries, undo) see an
 * ordinary coding change. */
#ifndef PRAXIS_CODING_EDIT_H
#define PRAXIS_CODING_EDIT_H

#include <stdint.h>
#include "praxis/db.h"

/* Gives coding id the code code_id; everything else stays. */
int coding_recode(px_db *db, int64_t id, int64_t code_id, px_err *e);
/* Moves coding id to [start, end) (code points, end exclusive; -1, -1 for
 * the whole vignette) and clears its needs_review flag: someone has looked
 * at it. The span must be non-empty and inside the text. */
int coding_respan(px_db *db, int64_t id, int64_t start, int64_t end, px_err *e);
/* The span of quote in vignette vid's text: its nth occurrence (from 1),
 * or with nth 0 the only one (an error names how many there are).
 * Overlapping matches count (text_find_nth). */
int coding_quote_span(px_db *db, int64_t vid, const char *quote, int64_t nth,
		      int64_t *start, int64_t *end, px_err *e);

#endif
