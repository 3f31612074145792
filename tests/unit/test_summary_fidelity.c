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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/project.h"
#include "praxis/db.h"
#include "praxis/participant.h"
#include "praxis/summary.h"
#include "praxis/util.h"
#include "fixture.h"

/* Participants cy=1 (clerk), di=2 (supervisor), ed=3 (clerk), fa=4 (clerk).
 * v1 2026-02-01 [cy di ed fa]: c1 ME/mutual relationships/conflict cy,ed (a)
 *     ("Cy and Di ... never spoke": Di and Fa are present, named by no ME coding)
 *                              c2 ME/diversity and partiality/overlapping cy,di (a)
 *     (different roles, coded overlapping)
 * v2 2026-02-10 [cy ed]:       c3 ME/mutual relationships/teasing cy,ed (a)
 *                              c4 the same, coder b (the moment double-coded)
 *     c5 SR/tools 0-2 cy pile, both modes, "a joke" said by Cy (a)
 *     c6 SR/tools 0-6 cy pile, reification, "a prop" with no speaker: the
 *        analyst's gloss (b; overlaps c5: the same moment)
 *     c7 SR/tools 10-13 ed pile, participation (a; a second moment)
 *     c8 JE/mutual accountability 0-6 ed held by cy, quota contested,
 *        participation, "the quota is a joke" said by Ed (a)
 *     c9 JE/mutual accountability 10-13 cy held by cy (named on both sides:
 *        holding himself), quota upheld (a)
 *     c10 JE/mutual accountability, whole, ed, no norm named: (unnamed) */
static const char corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: a\n  - id: b\n"
	"codebook:\n  - code: ME/mutual relationships/teasing\n"
	"repertoire:\n  - {id: pile, name: the pile, kind: tool}\n"
	"accountability:\n  - {id: quota, name: meet the quota}\n"
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
	" start: 0, end: 13}\n"
	"      - {code: SR/tools, coder: a, participants: [cy], repertoire: pile, start: 0,"
	" end: 2, mode: [participation, reification], interpretation: a joke, speaker: cy}\n"
	"      - {code: SR/tools, coder: b, participants: [cy], repertoire: pile, start: 0,"
	" end: 6, mode: reification, interpretation: a prop}\n"
	"      - {code: SR/tools, coder: a, participants: [ed], repertoire: pile, start: 10,"
	" end: 13, mode: participation}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [ed], held_by: [cy],"
	" accountability: quota, stance: contested, interpretation: the quota is a joke,"
	" speaker: ed, mode: participation, start: 0, end: 6}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [cy], held_by: [cy],"
	" accountability: quota, stance: upheld, start: 10, end: 13}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [ed]}\n";

static char *cli_db;

static int setup(void **state)
{
	(void)state;
	cli_db = fx_project_with(corpus);
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

	assert_int_equal(project_open(cli_db, PROJECT_READONLY, db, &e), PX_OK);
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

static void test_registers(void **state)
{
	(void)state;
	/* pile: moments c5+c6 (overlapping) and c7: 2 occurrences; cy, ed;
	 * members' readings 1 ("a joke"), glosses 1 ("a prop"); participation
	 * c5 c7, reification c5 c6 */
	expect("summary --kind repertoire --format csv",
	       "id,name,kind,reified,occurrences,participants,vignettes,first_seen,last_seen,"
	       "interpretations,glosses,participation,reification\r\n"
	       "pile,the pile,tool,,2,2,1,2026-02-10,2026-02-10,1,1,2,2\r\n");
	/* one coder: c5 and c7, each its own moment; no gloss */
	expect("--coder a summary --kind repertoire --format csv",
	       "id,name,kind,reified,occurrences,participants,vignettes,first_seen,last_seen,"
	       "interpretations,glosses,participation,reification\r\n"
	       "pile,the pile,tool,,2,2,1,2026-02-10,2026-02-10,1,0,2,1\r\n");
	/* quota: two moments (c8, c9), an interpretation of the norm by a
	 * member; c10 names no norm: the (unnamed) row */
	expect("summary --kind accountability --format csv",
	       "id,name,reified,occurrences,upheld,breached,negotiated,contested,first_seen,"
	       "last_seen,interpretations,participation,reification\r\n"
	       "quota,meet the quota,,2,1,0,0,1,2026-02-10,2026-02-10,1,1,0\r\n"
	       "(unnamed),(unnamed),,1,0,0,0,0,2026-02-10,2026-02-10,0,0,0\r\n");
	/* who holds whom: participants are held, held_by hold; cy holds
	 * himself only because c9 names him on both sides */
	expect("summary --kind network --format csv",
	       "holder,held,accountability,stance,codings,first_seen,last_seen\r\n"
	       "cy,cy,quota,upheld,1,2026-02-10,2026-02-10\r\n"
	       "cy,ed,quota,contested,1,2026-02-10,2026-02-10\r\n");
}

/* The Markdown and HTML exports hold the engagement ties and the network,
 * the rows of `praxis summary --kind engagement|network` (above), with
 * people by pseudonym, under the export's filters. */
static void test_exports_ties_network(void **state)
{
	char *md, *html;

	(void)state;
	md = fx_cli_out(cli_db, "export --format md");
	assert_non_null(strstr(md, "# Engagement ties\n\n"
			       "| participant\\_a | participant\\_b | quality | codings | vignettes |"
			       " first\\_seen | last\\_seen |\n|---|---|---|--:|--:|---|---|\n"
			       "| Cy | Di | all | 1 | 1 | 2026-02-01 | 2026-02-01 |\n"));
	assert_non_null(strstr(md, "| Cy | Ed | ME/mutual relationships/teasing | 2 | 1 |"
			       " 2026-02-10 | 2026-02-10 |\n\n# Accountability network\n\n"
			       "| holder | held | accountability | stance | codings | first\\_seen |"
			       " last\\_seen |\n|---|---|---|---|--:|---|---|\n"
			       "| Cy | Cy | quota | upheld | 1 | 2026-02-10 | 2026-02-10 |\n"
			       "| Cy | Ed | quota | contested | 1 | 2026-02-10 | 2026-02-10 |\n"));
	/* never present-only pairs (Di and Fa never spoke), never corpus ids */
	assert_null(strstr(md, "| Di | Fa |"));
	assert_null(strstr(md, "| cy |"));
	html = fx_pandoc_of(md);
	assert_non_null(strstr(html, "<td>Cy</td>\n<td>Ed</td>\n<td>ME/mutual relationships/teasing"
			       "</td>\n<td style=\"text-align: right;\">2</td>"));
	free(html);
	free(md);
	html = fx_cli_out(cli_db, "export --format html");
	assert_non_null(strstr(html, "<h1>Engagement ties</h1>\n<table><tr><th>participant_a</th>"
			       "<th>participant_b</th><th>quality</th><th>codings</th>"
			       "<th>vignettes</th><th>first_seen</th><th>last_seen</th></tr>\n"));
	assert_non_null(strstr(html, "<tr><td>Cy</td><td>Ed</td><td>all</td><td class=\"num\">3"
			       "</td><td class=\"num\">2</td><td>2026-02-01</td>"
			       "<td>2026-02-10</td></tr>\n"));
	/* the network's diagram (test_export_analyses.c) comes between, Cy
	 * holding himself as a loop */
	assert_non_null(strstr(html, "<h1>Accountability network</h1>\n<p class=\"meta\">"));
	assert_non_null(strstr(html, "<title>Cy holds Cy to account: 1 coding (quota upheld 1)"
			       "</title></path>"));
	assert_non_null(strstr(html, "</svg>\n</div>\n<table><tr><th>holder</th>"
			       "<th>held</th><th>accountability</th><th>stance</th><th>codings</th>"
			       "<th>first_seen</th><th>last_seen</th></tr>\n"
			       "<tr><td>Cy</td><td>Cy</td><td>quota</td><td>upheld</td>"
			       "<td class=\"num\">1</td><td>2026-02-10</td><td>2026-02-10</td></tr>\n"
			       "<tr><td>Cy</td><td>Ed</td><td>quota</td><td>contested</td>"
			       "<td class=\"num\">1</td><td>2026-02-10</td><td>2026-02-10</td></tr>\n"
			       "</table>\n"));
	free(html);
	/* coder b coded only c4 (teasing Cy and Ed) and nothing held */
	md = fx_cli_out(cli_db, "--coder b export --format md --coder b");
	assert_non_null(strstr(md, "|---|---|---|--:|--:|---|---|\n"
			       "| Cy | Ed | all | 1 | 1 | 2026-02-10 | 2026-02-10 |\n"
			       "| Cy | Ed | ME/mutual relationships | 1 | 1 |"));
	assert_null(strstr(md, "| Cy | Di |"));
	assert_null(strstr(md, "# Accountability network"));
	free(md);
}

/* Names that are Markdown syntax stay text in the tables. */
static void test_exports_ties_escaped(void **state)
{
	char *db = fx_project_with(
		"praxis: 1\ncoders:\n  - id: a\n"
		"codebook:\n  - code: ME/mutual relationships/a|b_c*\n"
		"participants:\n  - {id: p, pseudonym: \"C|y *x*\"}\n"
		"  - {id: q, pseudonym: \"- [E](d)\"}\n"
		"vignettes:\n  - id: v1\n    title: one\n    date: 2026-03-01\n"
		"    participants: [p, q]\n    text: talk\n    codings:\n"
		"      - {code: ME/mutual relationships/a|b_c*, coder: a, participants: [p, q]}\n"
		"      - {code: JE/mutual accountability, coder: a, participants: [p],"
		" held_by: [q]}\n");
	char *md, *html;

	(void)state;
	md = fx_cli_out(db, "export --format md");
	html = fx_pandoc_of(md);
	assert_non_null(strstr(html, "<td>C|y *x*</td>\n<td>- [E](d)</td>\n"
			       "<td>ME/mutual relationships/a|b_c*</td>"));
	assert_non_null(strstr(html, "<td>- [E](d)</td>\n<td>C|y *x*</td>\n<td>(unnamed)</td>"));
	assert_null(strstr(html, "<em>x</em>"));
	assert_null(strstr(html, "<a "));
	free(html);
	free(md);
	unlink(db);
	free(db);
}

/* A mode is a set: --mode repeated or comma-separated adds up, lists and
 * the corpus format show both; a speaker is shown and round-trips. */
static void test_mode_set_and_speaker(void **state)
{
	char *cmd, *out, *err;

	(void)state;
	expect("--coder a code --vignette v1 --code SR --whole --mode participation "
	       "--mode reification", "11\n");
	expect("--coder a code --vignette v1 --code SR --whole --mode reification,participation",
	       "12\n");
	cmd = xasprintf("--db '%s' list codings --format csv", cli_db);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "\r\n11,v1,SR,,,a,,\"participation,reification\","));
	assert_non_null(strstr(out, "\r\n12,v1,SR,,,a,,\"participation,reification\","));
	/* c5: both modes, Cy's reading */
	assert_non_null(strstr(out, "\r\n5,v2,SR/tools,0,2,a,cy,\"participation,reification\","
			       ",pile,a joke,,,,0,cy,"));
	free(out);
	free(err);
	free(cmd);
	cmd = xasprintf("--db '%s' export --format yaml", cli_db);
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "mode: [participation, reification]"));
	assert_non_null(strstr(out, "speaker: cy"));
	free(out);
	free(err);
	free(cmd);
	cmd = xasprintf("--db '%s' --coder a code --vignette v1 --code SR --whole --mode musing",
			cli_db);
	assert_int_equal(fx_run(cmd, &out, &err), 1);
	assert_non_null(strstr(err, "--mode 'musing'"));
	free(out);
	free(err);
	free(cmd);
	/* the speaker must be present at the vignette (fa is not at v2) */
	cmd = xasprintf("--db '%s' --coder a code --vignette v2 --code SR/tools --whole "
			"--repertoire pile --interpretation x --speaker fa", cli_db);
	assert_int_equal(fx_run(cmd, &out, &err), 2);
	assert_non_null(strstr(err, "not present at the vignette"));
	free(out);
	free(err);
	free(cmd);
}

/* Deleting a speaker (forced) keeps their reading as the analyst's gloss. */
static void test_speaker_deleted(void **state)
{
	px_db *db = NULL;
	px_err e = { 0 };
	px_summary *s;
	summary_rep_row *rows;
	size_t n;

	(void)state;
	assert_int_equal(project_open(cli_db, 0, &db, &e), PX_OK);
	assert_int_equal(participant_delete(db, fx_participant(db, "cy"), 1, &e), PX_OK);
	assert_int_equal(summary_open(db, &s, &e), PX_OK);
	assert_int_equal(summary_repertoire(s, &rows, &n, &e), PX_OK);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].ninterp, 0);
	assert_int_equal(rows[0].nglosses, 2);
	summary_repertoire_free(rows, n);
	summary_close(s);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engagement_ties),
		cmocka_unit_test(test_engagement_competence),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_exports_ties_network),
		cmocka_unit_test(test_exports_ties_escaped),
		cmocka_unit_test(test_mode_set_and_speaker),
		cmocka_unit_test(test_speaker_deleted),     /* last: deletes cy */
	};
	return cmocka_run_group_tests_name("summary_fidelity", tests, setup, teardown);
}
