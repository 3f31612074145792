/* test_roles.c: roles change over time (issue 16). A participant's dated
 * roles come in by YAML (`roles:`, and the plain `role:` still works), go
 * out again, are changed by `praxis participant role` and the interface,
 * travel with a project merge, and every analysis and export uses the role
 * in effect at a vignette's date. The corpus: analysis_corpus.c. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/db.h"
#include "praxis/export.h"
#include "praxis/merge.h"
#include "praxis/participant.h"
#include "praxis/project.h"
#include "praxis/summary.h"
#include "praxis/util.h"
#include "analysis_corpus.h"
#include "fixture.h"

static void test_yaml_roles(void **state)
{
	px_db *db = fx_db_with(fx_analysis_corpus);
	px_participant p;
	px_err e = { 0 };
	char *r;

	(void)state;
	assert_int_equal(participant_get(db, fx_participant(db, "cy"), &p, &e), PX_OK);
	assert_string_equal(p.role, "newcomer");
	assert_int_equal(p.nroles, 1);
	assert_string_equal(p.roles[0].role, "old-timer");
	assert_string_equal(p.roles[0].from, "2026-04-01");
	assert_string_equal(participant_role_at(&p, "2026-03-31"), "newcomer");
	assert_string_equal(participant_role_at(&p, "2026-04-01"), "old-timer");
	assert_string_equal(participant_role_at(&p, "2026-04-10T09:00"), "old-timer");
	participant_free(&p);
	/* the plain role: one role from the start */
	assert_int_equal(participant_get(db, fx_participant(db, "di"), &p, &e), PX_OK);
	assert_string_equal(p.role, "supervisor");
	assert_int_equal(p.nroles, 0);
	participant_free(&p);
	r = participant_role_on(db, fx_participant(db, "cy"), "2026-03-05");
	assert_string_equal(r, "newcomer");
	free(r);
	r = participant_role_on(db, fx_participant(db, "cy"), "2026-04-10");
	assert_string_equal(r, "old-timer");
	free(r);
	db_close(db);
}

/* Export writes the history; importing the export gives the same project. */
static void test_roundtrip(void **state)
{
	px_db *db = fx_db_with(fx_analysis_corpus), *again;
	char *text = fx_corpus_text(db), *text2;

	(void)state;
	assert_non_null(strstr(text, "  role: newcomer\n  roles: [{role: old-timer, from: "
			       "2026-04-01}]\n"));
	again = fx_db_with(text);
	text2 = fx_corpus_text(again);
	assert_string_equal(text, text2);
	free(text);
	free(text2);
	db_close(db);
	db_close(again);
}

static void test_set_and_remove(void **state)
{
	px_participant p = { .ext_id = "x" };
	px_err e = { 0 };

	(void)state;
	assert_int_equal(participant_role_set(&p, "b", "2026-05-01", &e), PX_OK);
	assert_int_equal(participant_role_set(&p, "a", "2026-02-01", &e), PX_OK);
	assert_int_equal(participant_role_set(&p, "c", "2026-05-01", &e), PX_OK);
	assert_int_equal(p.nroles, 2);
	assert_string_equal(p.roles[0].role, "a");
	assert_string_equal(p.roles[1].role, "c");
	assert_int_equal(participant_role_set(&p, "d", "2026-02-30", &e), PX_EDATA);
	assert_int_equal(participant_role_set(&p, "", "2026-02-03", &e), PX_EDATA);
	assert_int_equal(participant_role_remove(&p, "2026-03-01", &e), PX_ENOTFOUND);
	assert_int_equal(participant_role_remove(&p, "2026-02-01", &e), PX_OK);
	assert_int_equal(p.nroles, 1);
	assert_null(participant_role_at(&p, "2026-04-30"));
	assert_string_equal(participant_role_at(&p, "2026-05-01"), "c");
	p.ext_id = NULL;
	participant_roles_free(&p);
}

static void test_cli(void **state)
{
	char *path = fx_project_with(fx_analysis_corpus), *args, *out, *err;
	px_db *db;
	px_participant p;
	px_err e = { 0 };

	(void)state;
	args = xasprintf("--db %s participant role cy", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_string_equal(out, "cy (Cy)\n  from the start  newcomer\n"
			    "  from 2026-04-01  old-timer\n");
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role cy trainee --from 2026-03-15", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "  from 2026-03-15  trainee\n  from 2026-04-01  old-timer\n"));
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role di head", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role cy --remove 2026-04-01", path);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args), free(out), free(err);
	/* bad data exits 2 and changes nothing; bad usage exits 1 */
	args = xasprintf("--db %s participant role cy --remove 2026-04-01", path);
	assert_int_equal(fx_run(args, &out, &err), 2);
	assert_non_null(strstr(err, "no role change on 2026-04-01"));
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role cy x --from 2026-13-01", path);
	assert_int_equal(fx_run(args, &out, &err), 2);
	assert_non_null(strstr(err, "bad role date '2026-13-01'"));
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role zz x", path);
	assert_int_equal(fx_run(args, &out, &err), 2);
	free(args), free(out), free(err);
	args = xasprintf("--db %s participant role cy --from 2026-01-01", path);
	assert_int_equal(fx_run(args, &out, &err), 1);
	free(args), free(out), free(err);

	assert_int_equal(project_open(path, 0, &db, &e), PX_OK);
	assert_int_equal(participant_get(db, fx_participant(db, "cy"), &p, &e), PX_OK);
	assert_string_equal(p.role, "newcomer");
	assert_int_equal(p.nroles, 1);
	assert_string_equal(p.roles[0].role, "trainee");
	participant_free(&p);
	assert_int_equal(participant_get(db, fx_participant(db, "di"), &p, &e), PX_OK);
	assert_string_equal(p.role, "head");
	participant_free(&p);
	db_close(db);
	unlink(path);
	free(path);
}

/* A merge brings a new participant with their history. */
static void test_merge_carries_roles(void **state)
{
	char *path = fx_project_with(fx_analysis_corpus);
	px_db *db = fx_db();
	merge_report r;
	px_participant p;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(merge_from(db, path, &r, &e), PX_OK);
	merge_report_free(&r);
	assert_int_equal(participant_get(db, fx_participant(db, "cy"), &p, &e), PX_OK);
	assert_int_equal(p.nroles, 1);
	assert_string_equal(p.roles[0].role, "old-timer");
	assert_string_equal(p.roles[0].from, "2026-04-01");
	participant_free(&p);
	db_close(db);
	unlink(path);
	free(path);
}

/* The engagement summary's roles are those in effect at each vignette:
 * Cy's codings of March count for newcomer, those of April for old-timer;
 * a role change reaches the live state. */
static void test_summary_role_at_date(void **state)
{
	px_db *db = fx_db_with(fx_analysis_corpus);
	px_summary *s;
	summary_engagement g;
	px_participant p;
	px_err e = { 0 };
	int64_t newcomer = -1, old = -1;

	(void)state;
	assert_int_equal(summary_open(db, &s, &e), PX_OK);
	assert_int_equal(summary_engagement_get(s, &g, &e), PX_OK);
	for (size_t i = 0; i < g.nroles; i++) {
		if (strcmp(g.roles[i].role, "newcomer") == 0)
			newcomer = g.roles[i].dims[0];
		if (strcmp(g.roles[i].role, "old-timer") == 0)
			old = g.roles[i].dims[0];
	}
	assert_int_equal(newcomer, 3);   /* c1 c2 c3 */
	assert_int_equal(old, 2);        /* c5 c7 */
	summary_engagement_free(&g);
	/* old-timer from March on: all five */
	assert_int_equal(participant_get(db, fx_participant(db, "cy"), &p, &e), PX_OK);
	assert_int_equal(participant_role_set(&p, "old-timer", "2026-03-01", &e), PX_OK);
	assert_int_equal(participant_update(db, &p, &e), PX_OK);
	participant_free(&p);
	assert_int_equal(summary_engagement_get(s, &g, &e), PX_OK);
	newcomer = 0;
	for (size_t i = 0; i < g.nroles; i++) {
		if (strcmp(g.roles[i].role, "newcomer") == 0)
			newcomer = g.roles[i].dims[0];
		if (strcmp(g.roles[i].role, "old-timer") == 0)
			old = g.roles[i].dims[0];
	}
	assert_int_equal(newcomer, 0);
	assert_int_equal(old, 5);
	summary_engagement_free(&g);
	summary_close(s);
	db_close(db);
}

/* The codings CSV names the roles the participants held then. */
static void test_csv_roles(void **state)
{
	px_db *db = fx_db_with(fx_analysis_corpus);
	struct export_options o = { .format = EXP_CSV };
	char *path = fx_path(".csv"), *csv;
	px_err e = { 0 };

	(void)state;
	o.output = path;
	assert_int_equal(export_run(db, &o, &e), PX_OK);
	csv = fx_read_file(path, NULL);
	assert_non_null(strstr(csv, ",needs_review,roles\r\n"));
	assert_non_null(strstr(csv, "v1,2026-03-05,desk,cy;di,ME/mutual relationships/support,"));
	assert_non_null(strstr(csv, ",0,newcomer;supervisor\r\n"));
	assert_non_null(strstr(csv, ",0,old-timer;clerk\r\n"));
	assert_null(strstr(csv, "old-timer;supervisor"));
	free(csv);
	unlink(path);
	free(path);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_yaml_roles),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_set_and_remove),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_merge_carries_roles),
		cmocka_unit_test(test_summary_role_at_date),
		cmocka_unit_test(test_csv_roles),
	};
	return cmocka_run_group_tests_name("roles", tests, NULL, NULL);
}
