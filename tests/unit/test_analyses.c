/* test_analyses.c: the six analyses of issue 16 (trajectory, history,
 * boundary, brokers, cooccurrence, matrix) on the corpus of
 * analysis_corpus.c, every number counted by hand there; each with a
 * filter; and the live state, changed coding by coding, gives what a
 * fresh load gives. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/analysis_table.h"
#include "praxis/coding.h"
#include "praxis/db.h"
#include "praxis/summary.h"
#include "praxis/util.h"
#include "analysis_corpus.h"
#include "fixture.h"

static char *path;

static int setup(void **state)
{
	(void)state;
	path = fx_project_with(fx_analysis_corpus);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(path);
	free(path);
	return 0;
}

/* `praxis summary ARGS --format csv` on the corpus; exits 0. */
static char *summary(const char *args)
{
	char *cmd = xasprintf("summary --format csv %s", args), *out = fx_cli_out(path, cmd);

	free(cmd);
	return out;
}

static void expect(const char *args, const char *want)
{
	char *out = summary(args);

	assert_string_equal(out, want);
	free(out);
}

/* Cy: a newcomer in March (v1: support, held by Di, first the pile), an
 * old-timer in April (v2: support, holding Ed, first the stamp). */
static void test_trajectory(void **state)
{
	(void)state;
	expect("--kind trajectory",
	       "participant,period,role,me,je,sr,holder,held,first_uses\r\n"
	       "cy,2026-03,newcomer,1,1,1,0,1,pile\r\n"
	       "cy,2026-04,old-timer,1,1,1,1,0,stamp\r\n"
	       "di,2026-03,supervisor,1,1,0,1,0,\r\n"
	       "di,2026-04,supervisor,1,0,1,0,0,pile\r\n"
	       "ed,2026-04,clerk,2,1,1,0,1,pile\r\n");
	/* the desk only: v1 and v3 */
	expect("--kind trajectory --community desk",
	       "participant,period,role,me,je,sr,holder,held,first_uses\r\n"
	       "cy,2026-03,newcomer,1,1,1,0,1,pile\r\n"
	       "di,2026-03,supervisor,1,1,0,1,0,\r\n"
	       "di,2026-04,supervisor,1,0,1,0,0,pile\r\n"
	       "ed,2026-04,clerk,1,0,0,0,0,\r\n");
}

static void test_history(void **state)
{
	(void)state;
	expect("--kind history",
	       "repertoire,date,vignette,community,coder,speaker,interpretation,mode\r\n"
	       "pile,2026-03-05,v1,desk,a,cy,where doubt goes,participation\r\n"
	       "pile,2026-04-10,v2,ward,a,ed,a shortcut,\r\n"
	       "pile,2026-04-20,v3,desk,a,di,where doubt goes,\r\n"
	       "stamp,2026-04-10,v2,ward,b,,,reification\r\n");
	expect("--kind history --repertoire stamp",
	       "repertoire,date,vignette,community,coder,speaker,interpretation,mode\r\n"
	       "stamp,2026-04-10,v2,ward,b,,,reification\r\n");
	expect("--kind history --to 2026-04-15 --repertoire pile",
	       "repertoire,date,vignette,community,coder,speaker,interpretation,mode\r\n"
	       "pile,2026-03-05,v1,desk,a,cy,where doubt goes,participation\r\n"
	       "pile,2026-04-10,v2,ward,a,ed,a shortcut,\r\n");
}

/* The pile is a boundary object: the desk reads it one way twice (Cy,
 * Di), the ward another (Ed); the stamp stays in the ward. */
static void test_boundary(void **state)
{
	(void)state;
	expect("--kind boundary",
	       "repertoire,community,occurrences,participants,interpretations\r\n"
	       "pile,desk,2,2,1\r\n"
	       "pile,ward,1,1,1\r\n");
	/* coder b linked only the stamp: no boundary */
	expect("--coder b --kind boundary",
	       "repertoire,community,occurrences,participants,interpretations\r\n");
}

/* Cy (desk v1, ward v2) and Ed (ward v2, desk v3) broker; Di stays at
 * the desk. */
static void test_brokers(void **state)
{
	(void)state;
	expect("--kind brokers",
	       "participant,communities,vignettes\r\n"
	       "cy,desk;ward,2\r\n"
	       "ed,desk;ward,2\r\n");
	expect("--kind brokers --from 2026-04-01",
	       "participant,communities,vignettes\r\n"
	       "ed,desk;ward,2\r\n");
	/* coder b coded only v2: nobody crosses */
	expect("--coder b --kind brokers", "participant,communities,vignettes\r\n");
}

static void test_cooccurrence(void **state)
{
	(void)state;
	expect("--kind cooccurrence",
	       "code_a,code_b,vignettes,overlaps\r\n"
	       "JE/mutual accountability,ME/mutual relationships/support,2,1\r\n"
	       "JE/mutual accountability,SR/tools,2,2\r\n"
	       "ME/mutual relationships/conflict,SR/tools,1,1\r\n"
	       "ME/mutual relationships/support,SR/tools,2,2\r\n");
	/* coder b: support 0-20 and the stamp 3-10 in v2 */
	expect("--coder b --kind cooccurrence",
	       "code_a,code_b,vignettes,overlaps\r\n"
	       "ME/mutual relationships/support,SR/tools,1,1\r\n");
}

static void test_matrix(void **state)
{
	char *out;

	(void)state;
	/* Cy's March codings under newcomer, his April ones under old-timer */
	out = summary("--kind matrix --by role");
	assert_ptr_equal(strstr(out, "code,value,codings,vignettes\r\n"
				"ME,clerk,2,2\r\nME,newcomer,1,1\r\nME,old-timer,1,1\r\n"
				"ME,supervisor,2,2\r\n"), out);
	assert_non_null(strstr(out, "\r\nJE,clerk,1,1\r\nJE,newcomer,1,1\r\n"
			       "JE/mutual accountability,clerk,1,1\r\n"
			       "JE/mutual accountability,newcomer,1,1\r\n"
			       "SR,clerk,1,1\r\nSR,newcomer,1,1\r\nSR,old-timer,1,1\r\n"
			       "SR,supervisor,1,1\r\n"));
	free(out);
	expect("--kind matrix --by community --code SR",
	       "code,value,codings,vignettes\r\n"
	       "SR,desk,2,2\r\nSR,ward,2,1\r\n"
	       "SR/tools,desk,2,2\r\nSR/tools,ward,2,1\r\n");
	expect("--kind matrix --by coder --code JE",
	       "code,value,codings,vignettes\r\n"
	       "JE,a,2,2\r\nJE/mutual accountability,a,2,2\r\n");
	expect("--kind matrix --by attribute:shift --code 'ME/mutual relationships/support'",
	       "code,value,codings,vignettes\r\n"
	       "ME,day,2,2\r\nME,night,1,1\r\n"
	       "ME/mutual relationships,day,2,2\r\nME/mutual relationships,night,1,1\r\n"
	       "ME/mutual relationships/support,day,2,2\r\n"
	       "ME/mutual relationships/support,night,1,1\r\n");
}

static void test_json_and_errors(void **state)
{
	char *cmd, *out, *err;

	(void)state;
	cmd = xasprintf("--db %s summary --kind brokers --format json --participant di", path);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	/* present with Di: v1 (Cy, desk) and v3 (Ed, desk): nobody crosses */
	assert_string_equal(out, "[]\n");
	free(cmd), free(out), free(err);
	cmd = xasprintf("--db %s summary --kind boundary --format json", path);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "\"repertoire\": \"pile\", \"community\": \"ward\", "
			       "\"occurrences\": 1, \"participants\": 1, \"interpretations\": 1"));
	free(cmd), free(out), free(err);
	cmd = xasprintf("--db %s summary --kind matrix", path);
	assert_int_equal(fx_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "--kind matrix needs --by"));
	free(cmd), free(out), free(err);
	cmd = xasprintf("--db %s summary --kind matrix --by shoe", path);
	assert_int_equal(fx_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "--by 'shoe'"));
	free(cmd), free(out), free(err);
	cmd = xasprintf("--db %s summary --kind history --repertoire nope", path);
	assert_int_equal(fx_run(cmd, &out, &err), 2);
	free(cmd), free(out), free(err);
	cmd = xasprintf("--db %s summary --kind trajectory --repertoire pile", path);
	assert_int_equal(fx_run(cmd, &out, &err), 1);
	free(cmd), free(out), free(err);
}

/* Every analysis of state s as CSV text (matrix by each variable). */
static char *all_csv(px_summary *s, px_db *db)
{
	static const char *const bys[] = { "role", "community", "coder", "attribute:shift" };
	px_names nm = { 0 };
	strbuf b;
	px_err e = { 0 };

	sb_init(&b);
	assert_int_equal(names_load(db, &nm, &e), PX_OK);
	for (int k = 0; k < AN_COUNT; k++)
		for (int v = 0; v < (k == AN_MATRIX ? 4 : 1); v++) {
			struct analysis_args a = { .by = bys[v] };
			tabular t;
			char *buf = NULL;
			size_t len = 0;
			FILE *fp = open_memstream(&buf, &len);
			tab_init(&t);
			if (analysis_table(s, &nm, k, &a, &t, &e))
				fail_msg("%s: %s", analysis_kind_name(k), e.msg);
			tab_write(&t, fp, TAB_CSV);
			fclose(fp);
			sb_printf(&b, "# %s %s\n%s", analysis_kind_name(k), bys[v], buf);
			free(buf);
			tab_free(&t);
		}
	names_free(&nm);
	return sb_steal(&b);
}

static void same_as_fresh(px_summary *live, px_db *db, const summary_filter *f)
{
	px_summary *fresh;
	px_err e = { 0 };
	char *a, *b;

	assert_int_equal(summary_open(db, &fresh, &e), PX_OK);
	assert_int_equal(summary_set_filter(fresh, f, &e), PX_OK);
	a = all_csv(live, db);
	b = all_csv(fresh, db);
	assert_string_equal(a, b);
	free(a);
	free(b);
	summary_close(fresh);
}

/* The live state follows adds, changes and removals; asked again, every
 * analysis equals a fresh computation (unfiltered and filtered). */
static void test_incremental_matches_fresh(void **state)
{
	px_db *db = fx_db_with(fx_analysis_corpus);
	px_summary *s;
	summary_filter none = { 0 }, desk = { 0 };
	px_coding c = { 0 }, got;
	px_err e = { 0 };
	char *before, *after;

	(void)state;
	desk.community = 1;
	assert_int_equal(summary_open(db, &s, &e), PX_OK);
	before = all_csv(s, db);
	/* Di reads the stamp at the desk (v3, spans over "moved"): the stamp
	 * becomes a boundary object, Di a first user in April */
	c.vignette_id = fx_vignette(db, "v3");
	c.code_id = fx_code(db, "SR/tools");
	c.coder_id = fx_coder(db, "a");
	c.start = 3;
	c.end = 8;
	c.repertoire_id = 2;
	c.interpretation = xstrdup("a weight");
	c.speaker_id = fx_participant(db, "di");
	idl_push(&c.participants, fx_participant(db, "di"));
	assert_int_equal(coding_add(db, &c, &e), PX_OK);
	after = all_csv(s, db);
	assert_string_not_equal(before, after);
	assert_non_null(strstr(after, "stamp,desk,1,1,1\r\nstamp,ward,1,1,0\r\n"));
	same_as_fresh(s, db, &none);
	/* changed: now held to account too, under the quota */
	assert_int_equal(coding_get(db, c.id, &got, &e), PX_OK);
	got.start = 0;
	got.end = 18;
	assert_int_equal(coding_update(db, &got, &e), PX_OK);
	coding_free(&got);
	same_as_fresh(s, db, &none);
	assert_int_equal(summary_set_filter(s, &desk, &e), PX_OK);
	same_as_fresh(s, db, &desk);
	/* removed: back to the numbers before */
	assert_int_equal(coding_delete(db, c.id, &e), PX_OK);
	same_as_fresh(s, db, &desk);
	assert_int_equal(summary_set_filter(s, &none, &e), PX_OK);
	free(after);
	after = all_csv(s, db);
	assert_string_equal(before, after);
	/* a removal of a corpus coding (v1's support) */
	assert_int_equal(coding_delete(db, 2, &e), PX_OK);
	same_as_fresh(s, db, &none);
	free(before);
	free(after);
	coding_free(&c);
	summary_close(s);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trajectory),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_brokers),
		cmocka_unit_test(test_cooccurrence),
		cmocka_unit_test(test_matrix),
		cmocka_unit_test(test_json_and_errors),
		cmocka_unit_test(test_incremental_matches_fresh),
	};
	return cmocka_run_group_tests_name("analyses", tests, setup, teardown);
}
