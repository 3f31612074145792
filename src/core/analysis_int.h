/* analysis_int.h (private to core/analysis*.c): what the analyses share
 * over the summary state of summary_int.h. */
#ifndef PRAXIS_ANALYSIS_INT_H
#define PRAXIS_ANALYSIS_INT_H

#include "praxis/analysis.h"
#include "summary_int.h"

/* The distinct people a coding names -- participants, held_by and the
 * speaker of its reading -- into out (room for c->np + nh + 1); their
 * number. */
size_t an_people(const px_summary *s, const struct scoding *c, uint32_t *out);
/* 1 if p is among the n ids at v. */
int an_has(const uint32_t *v, size_t n, uint32_t p);
/* The two codings' spans overlap (whole vignette: every span). */
int an_overlap(const struct scoding *a, const struct scoding *b);
/* Syncs s (reloads if stale); PX_OK or the error. */
int an_begin(px_summary *s, px_err *e);
/* qsort comparators of uint64_t and int64_t. */
int an_cmp_u64(const void *a, const void *b);
int an_cmp_i64(const void *a, const void *b);

/* Walks every live coding passing the filter, vignette by vignette (the
 * coding: (s)->cod[id]). */
#define AN_EACH_CODING(s, v, id) \
	for (uint32_t v = 1; v < (s)->nvig; v++) \
		for (uint32_t id = (s)->vig[v].live ? (s)->vig[v].head : 0; id; \
		     id = (s)->cod[id].next) \
			if (summary_coding_passes((s), &(s)->cod[id]))

#endif
