/* test_agree.c: the agreement statistics on hand-computed tables and
 * worked examples from the literature, the span counting, and the store
 * queries behind `praxis agree`. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/agree.h"
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "fixture.h"

#define EPS 1e-4

static void assert_near(double got, double want)
{
	if (fabs(got - want) > EPS)
		fail_msg("got %.6f, want %.6f", got, want);
}

/* Cohen's kappa, the textbook table (Wikipedia "Cohen's kappa", simple
 * example): 50 proposals, both yes 20, A yes B no 5, A no B yes 10, both
 * no 15. po = 35/50 = 0.70; A says yes 25/50, B 30/50, so
 * pe = 0.5*0.6 + 0.5*0.4 = 0.50; kappa = (0.7-0.5)/(1-0.5) = 0.40.
 * Alpha by hand from the coincidence matrix: each unit gives two ordered
 * pairs, so o11 = 40, o00 = 30, o01 = o10 = 15; n1 = 55, n0 = 45, N = 100:
 * alpha = 1 - (N-1) o01 / (n0 n1) = 1 - 99*15/2475 = 1 - 0.6 = 0.40. */
static void test_textbook_kappa(void **state)
{
	agree_table t = { 20, 5, 10, 15 };

	(void)state;
	assert_int_equal(agree_total(&t), 50);
	assert_near(agree_observed(&t), 0.70);
	assert_near(agree_expected(&t), 0.50);
	assert_near(agree_kappa(&t), 0.40);
	assert_near(agree_alpha(&t), 0.40);
}

/* Same observed agreement, different kappa (Wikipedia, "Same percentages
 * but different numbers"): 45/15/25/15 -> po 0.60, pe 0.54, kappa 0.1304;
 * 25/35/5/35 -> po 0.60, pe 0.46, kappa 0.2593. */
static void test_kappa_depends_on_marginals(void **state)
{
	agree_table t1 = { 45, 15, 25, 15 }, t2 = { 25, 35, 5, 35 };

	(void)state;
	assert_near(agree_observed(&t1), 0.60);
	assert_near(agree_expected(&t1), 0.54);
	assert_near(agree_kappa(&t1), 0.06 / 0.46);
	assert_near(agree_observed(&t2), 0.60);
	assert_near(agree_expected(&t2), 0.46);
	assert_near(agree_kappa(&t2), 0.14 / 0.54);
}

/* Krippendorff (2011), "Computing Krippendorff's alpha-reliability", the
 * binary example with two observers and ten units:
 *   A: 0 1 0 0 0 0 0 0 1 0
 *   B: 1 1 1 0 0 1 0 0 0 0
 * both 1 (unit 2), A only 1 (unit 9), B only 3 (units 1, 3, 6), neither 5.
 * Coincidences o00 = 10, o01 = o10 = 4, o11 = 2; n0 = 14, n1 = 6, N = 20:
 * alpha = 1 - 19 * 4 / (14 * 6) = 1 - 76/84 = 0.095 (the paper's value).
 * kappa on the same data: po 0.6, pe (2*4 + 8*6)/100 = 0.56, kappa 0.0909. */
static void test_krippendorff_binary_example(void **state)
{
	agree_table t = { 1, 1, 3, 5 };

	(void)state;
	assert_near(agree_alpha(&t), 1.0 - 76.0 / 84.0);
	assert_near(agree_alpha(&t), 0.0952);
	assert_near(agree_kappa(&t), 0.04 / 0.44);
}

static void test_degenerate_tables(void **state)
{
	agree_table unused = { 0, 0, 0, 10 }, always = { 10, 0, 0, 0 };
	agree_table perfect = { 3, 0, 0, 7 }, silent_a = { 0, 0, 4, 6 }, empty = { 0, 0, 0, 0 };

	(void)state;
	/* a code neither coder used: full agreement, nothing to compare */
	assert_near(agree_observed(&unused), 1.0);
	assert_true(isnan(agree_kappa(&unused)));
	assert_true(isnan(agree_alpha(&unused)));
	/* both apply it to every unit: undefined the same way */
	assert_near(agree_observed(&always), 1.0);
	assert_true(isnan(agree_kappa(&always)));
	assert_true(isnan(agree_alpha(&always)));
	/* perfect agreement with both categories in use */
	assert_near(agree_kappa(&perfect), 1.0);
	assert_near(agree_alpha(&perfect), 1.0);
	/* A never codes: po = pe = 0.6, kappa 0; alpha: N 20, n1 4, n0 16,
	 * o01 4 -> 1 - 19*4/64 = -0.1875 */
	assert_near(agree_observed(&silent_a), 0.6);
	assert_near(agree_kappa(&silent_a), 0.0);
	assert_near(agree_alpha(&silent_a), -0.1875);
	/* no units at all */
	assert_true(isnan(agree_observed(&empty)));
	assert_true(isnan(agree_kappa(&empty)));
	assert_true(isnan(agree_alpha(&empty)));
}

static void test_count_spans(void **state)
{
	agree_span a[] = { { 2, 6 } }, b[] = { { 4, 8 } };
	agree_span whole[] = { { -1, -1 } }, head[] = { { 0, 3 } };
	agree_span overlapping[] = { { 0, 4 }, { 2, 5 } };
	agree_table t;

	(void)state;
	t = agree_count_spans(10, a, 1, b, 1);
	assert_int_equal(t.both, 2);
	assert_int_equal(t.a_only, 2);
	assert_int_equal(t.b_only, 2);
	assert_int_equal(t.neither, 4);
	t = agree_count_spans(10, whole, 1, head, 1);
	assert_int_equal(t.both, 3);
	assert_int_equal(t.a_only, 7);
	assert_int_equal(t.b_only, 0);
	assert_int_equal(t.neither, 0);
	/* overlapping spans of one coder count each code point once */
	t = agree_count_spans(6, overlapping, 2, NULL, 0);
	assert_int_equal(t.a_only, 5);
	assert_int_equal(t.neither, 1);
	assert_int_equal(agree_unit_parse("segment"), AGREE_SEGMENT);
	assert_int_equal(agree_unit_parse("vignette"), AGREE_VIGNETTE);
	assert_int_equal(agree_unit_parse("word"), -1);
}

/* fx_two_coder_corpus: two coders on two vignettes (v1 is 48 code points,
 * v2 28), v3 coded by A alone (so it is not a unit):
 *   ME          whole v1 by a and b             -> vignette: both 1, neither 1
 *   JE/rhythms  0-5 on v1 by b                  -> b_only 1, neither 1
 *   SR/words    0-3 on v2 by a and b            -> both 1, neither 1
 *   SR/tools    23-33 by a, 27-33 by b on v1    -> both 1, neither 1 */
static px_db *two_coder_db(void)
{
	px_db *db = fx_db();
	char msg[1024];

	if (fx_import(db, fx_two_coder_corpus, msg, sizeof(msg)))
		fail_msg("import: %s", msg);
	return db;
}

static void assert_table(const agree_table *t, int64_t both, int64_t a, int64_t b, int64_t n)
{
	assert_int_equal(t->both, both);
	assert_int_equal(t->a_only, a);
	assert_int_equal(t->b_only, b);
	assert_int_equal(t->neither, n);
}

static void test_store_vignette_unit(void **state)
{
	px_db *db = two_coder_db();
	agree_result r;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(agree_compute(db, fx_coder(db, "a"), fx_coder(db, "b"), 0,
				       AGREE_VIGNETTE, &r, &e), PX_OK);
	assert_int_equal(r.vignettes, 2);
	assert_int_equal(r.nrows, 4);
	/* codebook order: ME, JE/rhythms, SR/words, SR/tools */
	assert_int_equal(r.rows[0].code_id, CODE_ME);
	assert_table(&r.rows[0].t, 1, 0, 0, 1);
	assert_int_equal(r.rows[1].code_id, fx_code(db, "JE/rhythms"));
	assert_table(&r.rows[1].t, 0, 0, 1, 1);
	assert_int_equal(r.rows[2].code_id, fx_code(db, "SR/words"));
	assert_table(&r.rows[2].t, 1, 0, 0, 1);
	assert_int_equal(r.rows[3].code_id, fx_code(db, "SR/tools"));
	assert_table(&r.rows[3].t, 1, 0, 0, 1);
	assert_table(&r.overall, 3, 0, 1, 4);
	/* pooled: po 7/8; A yes 3, B yes 4 -> pe (12 + 20)/64 = 0.5 -> kappa 0.75 */
	assert_near(agree_kappa(&r.overall), 0.75);
	agree_result_free(&r);
	db_close(db);
}

static void test_store_segment_unit(void **state)
{
	px_db *db = two_coder_db();
	int64_t tools = fx_code(db, "SR/tools");
	agree_result r;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(agree_compute(db, fx_coder(db, "a"), fx_coder(db, "b"), tools,
				       AGREE_SEGMENT, &r, &e), PX_OK);
	assert_int_equal(r.nrows, 1);
	/* v1: 23-27 A only, 27-33 both, the other 38 neither; v2: 28 neither.
	 * (v3's whole-vignette coding by A alone does not count.) */
	assert_table(&r.rows[0].t, 6, 4, 0, 38 + 28);
	assert_table(&r.overall, 6, 4, 0, 66);
	agree_result_free(&r);
	assert_int_equal(agree_compute(db, fx_coder(db, "a"), fx_coder(db, "b"), CODE_ME,
				       AGREE_SEGMENT, &r, &e), PX_OK);
	/* whole-vignette codings cover all 48 code points of v1 */
	assert_table(&r.rows[0].t, 48, 0, 0, 28);
	agree_result_free(&r);
	db_close(db);
}

static void test_store_unused_code(void **state)
{
	px_db *db = two_coder_db();
	int64_t unused = fx_code(db, "ME/community maintenance");
	agree_result r;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(agree_compute(db, fx_coder(db, "a"), fx_coder(db, "b"), unused,
				       AGREE_VIGNETTE, &r, &e), PX_OK);
	assert_int_equal(r.nrows, 1);
	assert_table(&r.rows[0].t, 0, 0, 0, 2);
	assert_near(agree_observed(&r.rows[0].t), 1.0);
	assert_true(isnan(agree_kappa(&r.rows[0].t)));
	agree_result_free(&r);
	assert_int_not_equal(agree_compute(db, fx_coder(db, "a"), fx_coder(db, "a"), 0,
					   AGREE_VIGNETTE, &r, &e), PX_OK);
	db_close(db);
}

static void test_cli_agree(void **state)
{
	char *path = fx_path(".db"), *yaml = fx_path(".yaml"), *args, *out = NULL, *err = NULL;
	FILE *fp = fopen(yaml, "w");

	(void)state;
	assert_non_null(fp);
	fputs(fx_two_coder_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' import '%s'", path, yaml);
	assert_int_equal(fx_run(args, NULL, NULL), 0);
	free(args);
	args = xasprintf("--db '%s' agree --coders a,b --format csv", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "code,unit,both,a_only,b_only,neither,observed,kappa,alpha\r\n"));
	assert_non_null(strstr(out, "JE/rhythms,vignette,0,0,1,1,0.5000,0.0000,0.0000\r\n"));
	assert_non_null(strstr(out, "(overall),vignette,3,0,1,4,0.8750,0.7500,"));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' agree --coders a,b --code 'ME/community maintenance'"
			 " --format json", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "\"observed\": 1.0000, \"kappa\": null, \"alpha\": null"));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' agree --coders a,nobody", path);
	assert_int_equal(fx_run(args, &out, &err), 2);
	assert_non_null(strstr(err, "nobody"));
	free(out);
	free(err);
	free(args);
	args = xasprintf("--db '%s' agree --coders a", path);
	assert_int_equal(fx_run(args, NULL, NULL), 1);
	free(args);
	free(path);
	free(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_textbook_kappa),
		cmocka_unit_test(test_kappa_depends_on_marginals),
		cmocka_unit_test(test_krippendorff_binary_example),
		cmocka_unit_test(test_degenerate_tables),
		cmocka_unit_test(test_count_spans),
		cmocka_unit_test(test_store_vignette_unit),
		cmocka_unit_test(test_store_segment_unit),
		cmocka_unit_test(test_store_unused_code),
		cmocka_unit_test(test_cli_agree),
	};
	return cmocka_run_group_tests_name("agree", tests, NULL, NULL);
}
