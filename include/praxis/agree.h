/* agree.h: inter-coder agreement between two coders.
 *
 * Everything rests on a 2x2 table per code: over a set of units, how many
 * both coders coded with the code (both), only coder A (a_only), only B
 * (b_only), neither. From it: observed agreement, Cohen's kappa and
 * Krippendorff's alpha (nominal, two coders, no missing values).
 *
 * The statistics are pure functions of the table (unit-testable on
 * numbers); agree_compute fills the tables from the store.
 *
 * Units (decided here, documented in README "Team coding"):
 *   - Only vignettes that BOTH coders coded at least once (any code) count:
 *     a vignette one coder never reached is no evidence of disagreement.
 *   - AGREE_VIGNETTE: one unit per such vignette; a coder "applies" a code
 *     if one of their codings uses exactly that code (sub-codes do not
 *     count for the parent: each code is its own category).
 *   - AGREE_SEGMENT: one unit per code point of each such vignette; coded if
 *     a span of the coder with exactly that code covers it (a whole-vignette
 *     coding covers every code point).
 *   - Overall: the per-code tables summed (pooled) over the codes listed,
 *     then the statistics of that pooled table.
 */
#ifndef PRAXIS_AGREE_H
#define PRAXIS_AGREE_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/db.h"
#include "praxis/util.h"

typedef struct agree_table {
	int64_t both;     /* A yes, B yes */
	int64_t a_only;   /* A yes, B no */
	int64_t b_only;   /* A no,  B yes */
	int64_t neither;  /* A no,  B no */
} agree_table;

enum agree_unit { AGREE_VIGNETTE, AGREE_SEGMENT };

/* "vignette" / "segment"; parse returns -1 if unknown. */
const char *agree_unit_name(int unit);
int agree_unit_parse(const char *s);

/* --- pure statistics (NAN when undefined; test with isnan) --- */

int64_t agree_total(const agree_table *t);
void agree_add(agree_table *sum, const agree_table *t);
/* (both + neither) / n; NAN when n = 0. */
double agree_observed(const agree_table *t);
/* Chance agreement of Cohen's kappa: from each coder's own marginals. */
double agree_expected(const agree_table *t);
/* Cohen's kappa (po - pe) / (1 - pe); NAN when pe = 1 (both coders put
 * every unit in the same single category: nothing to agree by chance
 * against). A coder who never codes, against one who sometimes does,
 * gives pe = po, so kappa = 0. */
double agree_kappa(const agree_table *t);
/* Krippendorff's alpha, nominal, two coders, no missing data, from the
 * coincidence matrix o11 = 2 both, o00 = 2 neither, o01 = o10 = a_only +
 * b_only; N = 2n, n1 = 2 both + a_only + b_only, n0 = N - n1:
 *   alpha = 1 - (N - 1) * o01 / (n0 * n1)
 * NAN when n0 * n1 = 0 (only one value was ever used). */
double agree_alpha(const agree_table *t);

/* A span in code points, end exclusive; start = end = -1 is the whole text. */
typedef struct agree_span {
	int64_t start;
	int64_t end;
} agree_span;

/* Marks bit in mark[0..length) for every code point the spans cover. */
void agree_mark(unsigned char *mark, int64_t length, const agree_span *spans, size_t n,
		unsigned char bit);
/* Segment table of one code on one text of length code points. */
agree_table agree_count_spans(int64_t length, const agree_span *a, size_t na,
			      const agree_span *b, size_t nb);

/* --- from the store --- */

/* One code's spans by each coder on one vignette. */
typedef struct agree_vcode {
	int64_t code_id;
	agree_span *a, *b;
	size_t na, nb, acap, bcap;
} agree_vcode;

/* Vignettes both coders coded at least once, in insertion order. */
int agree_common_vignettes(px_db *db, int64_t coder_a, int64_t coder_b, idlist *out,
			   px_err *e);
/* The codes either coder used on vignette_id (restricted to code_id when
 * non-zero), ordered by code id, with their spans; *length receives the
 * vignette's length. Free with agree_vcodes_free. */
int agree_vignette_codes(px_db *db, int64_t vignette_id, int64_t coder_a, int64_t coder_b,
			 int64_t code_id, agree_vcode **out, size_t *n, int64_t *length,
			 px_err *e);
void agree_vcodes_free(agree_vcode *v, size_t n);

typedef struct agree_row {
	int64_t code_id;
	agree_table t;
} agree_row;

typedef struct agree_result {
	int unit;           /* enum agree_unit */
	int64_t vignettes;  /* common vignettes the units come from */
	agree_row *rows;    /* per code, in codebook order */
	size_t nrows;
	agree_table overall;/* rows pooled */
} agree_result;

/* Tables for coders a and b. code_id 0: every code either coder used on
 * the common vignettes; otherwise only that code (listed even if unused). */
int agree_compute(px_db *db, int64_t coder_a, int64_t coder_b, int64_t code_id, int unit,
		  agree_result *out, px_err *e);
void agree_result_free(agree_result *r);

#endif
