/* test_summary_fidelity.c: the summaries mean what Wenger means (issue 15),
 * on a small corpus counted by hand: engagement comes from the people named
 * on ME codings, never from being present (Cy and Di never spoke) nor from
 * role labels (Cy and Di have different roles but were coded overlapping);
 * each tie is counted per ME code the codebook holds (teasing is added by
 * the corpus). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/db.h"
#include "praxis/summary.h"
#include "praxis/util.h"
#include "fixture.h"

/* Participants cy=1 (clerk), di=2 (supervisor), ed=3 (clerk), fa=4 (clerk).
 * v1 2026-02-01 [cy di ed fa]: c1 ME/mutual relationships/conflict cy,ed (a)
 *     ("Cy and Di ... never spoke": Di and Fa are present, named by no ME coding)
 *                              c2 ME/diversity and partiality/overlapping cy,di (a)
 *     (different roles, coded overlapping)
 * v2 2026-02-10 [cy ed]:       c3 ME/mutual relationships/teasing cy,ed (a)
 *                              c4 the same, coder b (the moment double-coded) */
static const char corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: a\n  - id: b\n"
	"codebook:\n  - code: ME/mutual relationships/teasing\n"
	"participants:\n"
	"  - {id: cy, pseudonym: Cy, role: clerk}\n"
	"  - {id: di, pseudonym: Di, role: supervisor}\n"
	"  - {id: ed, pseudonym: Ed, role: clerk}\n"
	"  - {id: fa, pseudonym: Fa, role: clerk}\n"
	"vignettes:\n"
	"  - id: v1\n    title: one\n    date: 2026-02-01\n"
	"    participants: [cy, di, ed, fa]\n"
	"    text: Cy and Ed argued. Cy and Di covered for each other.\n"
	"    codings:\n"
	"      - {code: ME/mutual relationships/conflict, coder: a, participants: [cy, ed]}\n"
	"      - {code: ME/diversity and partiality/overlapping, coder: a,"
	" participants: [cy, di]}\n"
	"  - id: v2\n    title: two\n    date: 2026-02-10\n"
	"    participants: [cy, ed]\n"
	"    text: Cy teased Ed.\n"
	"    codings:\n"
	"      - {code: ME/mutual relationships/teasing, coder: a, participants: [cy, ed],"
	" start: 0, end: 13}\n"
	"      - {code: ME/mutual relationships/teasing, coder: b, participants: [cy, ed],"
	" start: 0, end: 13}\n";

static char *cli_db;

static int setup(void **state)
{
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[1024];

	(void)state;
	cli_db = fx_path(".db");
	assert_int_equal(db_open(cli_db, DB_CREATE, &db, &e), PX_OK);
	if (fx_import(db, corpus, msg, sizeof(msg)) != PX_OK)
		fail_msg("import: %s", msg);
	db_close(db);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(cli_db);
	return 0;
}

static void expect(const char *args, const char *want)
{
	char *cmd = xasprintf("--db '%s' %s", cli_db, args), *out, *err;
	int st = fx_run(cmd, &out, &err);

	if (st != 0 || strcmp(out, want) != 0)
		fail_msg("%s: exit %d\n%s\nwant:\n%s\nstderr: %s", args, st, out, want, err);
	free(cmd);
	free(out);
	free(err);
}

/* A summary state on the fixture, for the in-memory figures. */
static px_summary *open_summary(px_db **db)
{
	px_summary *s = NULL;
	px_err e = { 0 };

	assert_int_equal(db_open(cli_db, DB_READONLY, db, &e), PX_OK);
	assert_int_equal(summary_open(*db, &s, &e), PX_OK);
	return s;
}

static void test_engagement_ties(void **state)
{
	(void)state;
	/* cy-di: only c2 names both; cy-ed: c1, c3, c4; Di-Ed, Di-Fa, Cy-Fa:
	 * present together, never named together, no tie */
	expect("summary --kind engagement --format csv",
	       "participant_a,participant_b,quality,codings,vignettes,first_seen,last_seen\r\n"
	       "cy,di,all,1,1,2026-02-01,2026-02-01\r\n"
	       "cy,di,ME/diversity and partiality,1,1,2026-02-01,2026-02-01\r\n"
	       "cy,di,ME/diversity and partiality/overlapping,1,1,2026-02-01,2026-02-01\r\n"
	       "cy,ed,all,3,2,2026-02-01,2026-02-10\r\n"
	       "cy,ed,ME/mutual relationships,3,2,2026-02-01,2026-02-10\r\n"
	       "cy,ed,ME/mutual relationships/conflict,1,1,2026-02-01,2026-02-01\r\n"
	       "cy,ed,ME/mutual relationships/teasing,2,1,2026-02-10,2026-02-10\r\n");
	/* the coder filter narrows the double-coded moment to one coding */
	expect("--coder b summary --kind engagement --format csv",
	       "participant_a,participant_b,quality,codings,vignettes,first_seen,last_seen\r\n"
	       "cy,ed,all,1,1,2026-02-10,2026-02-10\r\n"
	       "cy,ed,ME/mutual relationships,1,1,2026-02-10,2026-02-10\r\n"
	       "cy,ed,ME/mutual relationships/teasing,1,1,2026-02-10,2026-02-10\r\n");
}

static void test_engagement_competence(void **state)
{
	px_db *db;
	px_summary *s = open_summary(&db);
	summary_engagement g;

	(void)state;
	assert_int_equal(summary_engagement_get(s, &g, NULL), PX_OK);
	/* pairs: cy-di (v1), cy-ed (v1 v2); never cy-fa, di-ed, di-fa */
	assert_int_equal(g.npairs, 2);
	assert_int_equal(g.pairs[0].a, 1);
	assert_int_equal(g.pairs[0].b, 2);
	assert_int_equal(g.pairs[0].count, 1);
	assert_int_equal(g.pairs[1].b, 3);
	assert_int_equal(g.pairs[1].count, 2);
	/* c2 is coded overlapping although clerk and supervisor differ;
	 * two clerks (cy, ed) engaged are not thereby overlapping */
	assert_int_equal(g.overlapping, 1);
	assert_int_equal(g.complementary, 0);
	assert_int_equal(g.people[0].overlapping, 1);   /* cy */
	assert_int_equal(g.people[1].overlapping, 1);   /* di */
	assert_int_equal(g.people[2].overlapping, 0);   /* ed */
	assert_int_equal(g.people[0].complementary, 0);
	assert_int_equal(g.conflict, 1);
	summary_engagement_free(&g);
	summary_close(s);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engagement_ties),
		cmocka_unit_test(test_engagement_competence),
	};
	return cmocka_run_group_tests_name("summary_fidelity", tests, setup, teardown);
}
