/* test_register.c: register entries are editable and documented (issue
 * 15): a description and a community in the corpus YAML (optional, round
 * trip byte for byte), `praxis register add|edit|merge|rm` with exact
 * output, errors that write nothing, the audit trail, memos that follow a
 * rename and a merge, and the documents that show both fields. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/corpus.h"
#include "praxis/db.h"
#include "praxis/entity.h"
#include "praxis/project.h"
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

/* pile: 2 codings (one with a member's reading by Cy), sheet: 1 coding;
 * quota: 1 coding, contested, held by Di. */
static const char corpus[] =
	"praxis: 1\n"
	"coders:\n  - id: a\n"
	"communities:\n  - {id: intake, name: Intake}\n  - {id: appeals}\n"
	"repertoire:\n"
	"  - {id: pile, name: the pile, kind: tool, description: claims waiting on a query,"
	" community: intake}\n"
	"  - {id: sheet, name: the pink sheet, kind: tool}\n"
	"accountability:\n"
	"  - {id: quota, name: meet the quota, reified: true, description: forty claims a day}\n"
	"participants:\n  - {id: cy, pseudonym: Cy}\n  - {id: di, pseudonym: Di}\n"
	"vignettes:\n"
	"  - id: v1\n    title: one\n    date: 2026-02-01\n    participants: [cy, di]\n"
	"    text: Cy put it on the pile. Di frowned at the quota.\n"
	"    codings:\n"
	"      - {code: SR/tools, start: 0, end: 5, repertoire: pile, participants: [cy],"
	" interpretation: a safe place, speaker: cy}\n"
	"      - {code: SR/tools, start: 6, end: 9, repertoire: pile}\n"
	"      - {code: SR/tools, start: 10, end: 13, repertoire: sheet}\n"
	"      - {code: JE/mutual accountability, start: 24, end: 40, accountability: quota,"
	" stance: contested, participants: [cy], held_by: [di]}\n";

static int run_db(const char *db, const char *args, char **out, char **err)
{
	char *cmd = xasprintf("--db '%s' --coder a %s", db, args);
	int rc = fx_run(cmd, out, err);

	free(cmd);
	return rc;
}

/* Runs a command expected to succeed and checks its exact output. */
static void run_says(const char *db, const char *args, const char *want)
{
	char *out = NULL, *err = NULL;
	int rc = run_db(db, args, &out, &err);

	if (rc != 0 || strcmp(out, want) != 0)
		fail_msg("praxis %s: status %d, out '%s', err '%s'", args, rc, out, err);
	free(out);
	free(err);
}

/* Runs a command expected to fail with exit status 2 and this message,
 * and checks nothing was written. */
static void run_refused(const char *db, const char *args, const char *want_err)
{
	char *before, *after, *out = NULL, *err = NULL;
	px_db *h;
	px_err e = { 0 };
	int rc;

	assert_int_equal(project_open(db, 0, &h, &e), 0);
	before = fx_corpus_text(h);
	db_close(h);
	rc = run_db(db, args, &out, &err);
	if (rc != 2 || strcmp(err, want_err) != 0 || *out)
		fail_msg("praxis %s: status %d, out '%s', err '%s'", args, rc, out, err);
	assert_int_equal(project_open(db, 0, &h, &e), 0);
	after = fx_corpus_text(h);
	db_close(h);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(out);
	free(err);
}

static void test_cli_add_and_edit(void **state)
{
	char *db = fx_project_with(corpus);

	(void)state;
	run_says(db, "register add repertoire board --name 'the board' --kind tool --reified"
		 " --description 'where the shift lives' --community appeals",
		 "repertoire entry board added\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'board'"
				   " AND name = 'the board' AND kind = 'tool' AND reified = 1"
				   " AND description = 'where the shift lives' AND community_id ="
				   " (SELECT id FROM community WHERE ext_id = 'appeals')"), 1);
	run_says(db, "register add accountability tidy", "accountability entry tidy added\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM accountability WHERE ext_id = 'tidy'"
				   " AND name IS NULL AND reified IS NULL AND description IS NULL"
				   " AND community_id IS NULL"), 1);
	/* edit changes only what it is given; empty clears */
	run_says(db, "register edit repertoire board --id whiteboard --description ''"
		 " --community intake", "repertoire entry whiteboard changed\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id ="
				   " 'whiteboard' AND name = 'the board' AND reified = 1"
				   " AND description IS NULL AND community_id ="
				   " (SELECT id FROM community WHERE ext_id = 'intake')"), 1);
	run_says(db, "register edit accountability quota --not-reified --community ''",
		 "accountability entry quota changed\n");
	assert_int_equal(fx_scalar(db, "SELECT reified FROM accountability WHERE ext_id = 'quota'"),
			 0);
	/* one audit entry per change, under the coder */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE coder_id ="
				   " (SELECT id FROM coder WHERE ext_id = 'a')"), 6);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-add' AND description = 'added repertoire entry board"
				   " (the board)'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-rename' AND description = 'renamed repertoire entry"
				   " board to whiteboard'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-describe' AND description = 'cleared the description"
				   " of repertoire entry whiteboard'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-community' AND description = 'set the community of"
				   " repertoire entry whiteboard to intake'"), 1);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'accountability-edit' AND description = 'edited accountability"
				   " entry quota: name ''meet the quota'', reified no'"), 1);
	free(db);
}

static void test_cli_errors_write_nothing(void **state)
{
	char *db = fx_project_with(corpus);

	(void)state;
	run_refused(db, "register add repertoire board --community nowhere",
		    "praxis: no community 'nowhere'\n");
	run_refused(db, "register add repertoire pile",
		    "praxis: repertoire entry 'pile' already exists\n");
	run_refused(db, "register add repertoire board --kind spoon",
		    "praxis: repertoire entry 'board': unknown kind 'spoon'\n");
	run_refused(db, "register add accountability tidy --kind tool",
		    "praxis: --kind is for repertoire entries only\n");
	run_refused(db, "register add accountability tidy --reified --not-reified",
		    "praxis: --reified and --not-reified contradict each other\n");
	run_refused(db, "register edit repertoire nothing --name x",
		    "praxis: no repertoire entry 'nothing'\n");
	run_refused(db, "register edit repertoire pile --id sheet",
		    "praxis: repertoire entry 'sheet' already exists\n");
	run_refused(db, "register edit repertoire pile --id ''",
		    "praxis: --id: an entry's id cannot be empty\n");
	run_refused(db, "register merge repertoire pile pile",
		    "praxis: an entry cannot be merged into itself\n");
	run_refused(db, "register merge accountability quota nothing",
		    "praxis: no accountability entry 'nothing'\n");
	run_refused(db, "register rm repertoire pile",
		    "praxis: repertoire entry 'pile' is linked to 2 codings (merge it into"
		    " another entry, or --force to unlink them)\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log"), 0);
	free(db);
}

static void test_merge_moves_links_and_memos(void **state)
{
	char *db = fx_project_with(corpus);

	(void)state;
	run_says(db, "memo add --on repertoire:pile 'the pile is a mood'", "memo 1 added\n");
	run_says(db, "memo add --on repertoire:pile --on repertoire:sheet 'paper things'",
		 "memo 2 added\n");
	run_says(db, "register merge repertoire pile sheet",
		 "repertoire entry pile merged into sheet (2 codings)\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM repertoire WHERE ext_id = 'pile'"),
			 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE repertoire_id ="
				   " (SELECT id FROM repertoire WHERE ext_id = 'sheet')"), 3);
	/* the member's reading and its speaker stay with the coding */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE interpretation ="
				   " 'a safe place' AND speaker_id IS NOT NULL"), 1);
	/* both memos now on sheet, the second once */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo_target WHERE kind = 6 AND"
				   " target_id = (SELECT id FROM repertoire WHERE ext_id = 'sheet')"),
			 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo_target"), 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-merge' AND description = 'merged repertoire entry"
				   " pile into sheet (2 codings)'"), 1);
	free(db);
}

static void test_rename_keeps_memos(void **state)
{
	char *db = fx_project_with(corpus), *out = NULL;

	(void)state;
	run_says(db, "memo add --on accountability:quota 'whose quota?'", "memo 1 added\n");
	run_says(db, "register edit accountability quota --id daily-quota",
		 "accountability entry daily-quota changed\n");
	assert_int_equal(run_db(db, "memo list --on accountability:daily-quota --format csv",
				&out, NULL), 0);
	assert_non_null(strstr(out, ",accountability:daily-quota,whose quota?\r\n"));
	free(out);
	free(db);
}

static void test_rm_force_unlinks(void **state)
{
	char *db = fx_project_with(corpus);

	(void)state;
	run_says(db, "memo add --on repertoire:pile 'only here'", "memo 1 added\n");
	run_says(db, "register rm repertoire pile --force",
		 "repertoire entry pile deleted (2 codings unlinked)\n");
	/* the codings stay, without the entry and the reading of it */
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding"), 4);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE repertoire_id IS NULL"
				   " AND code_id = (SELECT id FROM code WHERE name = 'tools')"), 2);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE interpretation IS NOT"
				   " NULL OR speaker_id IS NOT NULL"), 0);
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM memo"), 0);
	run_says(db, "register rm accountability quota --force",
		 "accountability entry quota deleted (1 coding unlinked)\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding WHERE stance IS NOT NULL"),
			 0);
	run_says(db, "register add repertoire spare", "repertoire entry spare added\n");
	run_says(db, "register rm repertoire spare", "repertoire entry spare deleted\n");
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM audit_log WHERE action ="
				   " 'repertoire-delete' AND description = 'deleted repertoire entry"
				   " pile (2 codings unlinked)'"), 1);
	free(db);
}

/* The fields in the YAML: written back as read, byte for byte, after
 * another import; an unknown community is refused at its line. */
static void test_yaml_round_trip(void **state)
{
	px_db *a = fx_db_with(corpus), *b;
	char *ya = fx_corpus_text(a), *yb;
	char msg[512];

	(void)state;
	assert_non_null(strstr(ya, "- id: pile\n  name: the pile\n  kind: tool\n"
			       "  description: claims waiting on a query\n  community: intake\n"));
	assert_non_null(strstr(ya, "- id: quota\n  name: meet the quota\n  reified: true\n"
			       "  description: forty claims a day\n  uuid: "));
	b = fx_db();
	assert_int_equal(fx_import(b, ya, msg, sizeof(msg)), 0);
	yb = fx_corpus_text(b);
	assert_string_equal(ya, yb);
	db_close(a);
	db_close(b);
	free(ya);
	free(yb);
	b = fx_db();
	assert_int_not_equal(fx_import(b, "praxis: 1\nrepertoire:\n"
				       "  - {id: pile, community: nowhere}\n", msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, ":3:"));
	assert_non_null(strstr(msg, "no community 'nowhere'"));
	assert_int_equal(entity_count(b, ENT_REPERTOIRE), 0);
	db_close(b);
}

static void test_documents_show_fields(void **state)
{
	char *db = fx_project_with(corpus), *out = NULL;

	(void)state;
	assert_int_equal(run_db(db, "export --format markdown", &out, NULL), 0);
	assert_non_null(strstr(out, " | community | description |\n"));
	assert_non_null(strstr(out, " | intake | claims waiting on a query |\n"));
	assert_non_null(strstr(out, " |  | forty claims a day |\n"));
	free(out);
	assert_int_equal(run_db(db, "export --format html", &out, NULL), 0);
	assert_non_null(strstr(out, "<td>intake</td><td>claims waiting on a query</td></tr>"));
	free(out);
	assert_int_equal(run_db(db, "export --format codebook", &out, NULL), 0);
	assert_non_null(strstr(out, " | intake | claims waiting on a query |\n"));
	assert_non_null(strstr(out, " |  | forty claims a day |\n"));
	free(out);
	/* `praxis summary` keeps its columns */
	assert_int_equal(run_db(db, "summary --kind repertoire --format csv", &out, NULL), 0);
	assert_null(strstr(out, "description"));
	assert_null(strstr(out, "claims waiting"));
	free(out);
	free(db);
}

/* Who holds whom to a norm nobody spelled out: held_by on a coding under
 * JE/mutual accountability that names no entry is kept (YAML, store),
 * counted in the network as (unnamed); elsewhere it still needs a norm. */
static void test_held_by_without_norm(void **state)
{
	static const char more[] =
		"praxis: 1\n"
		"coders:\n  - id: a\n"
		"participants:\n  - {id: cy, pseudonym: Cy}\n  - {id: di, pseudonym: Di}\n"
		"vignettes:\n"
		"  - id: v1\n    title: one\n    date: 2026-02-01\n    participants: [cy, di]\n"
		"    text: Di looked at Cy's desk.\n"
		"    codings:\n"
		"      - {code: JE/mutual accountability, coder: a, participants: [cy],"
		" held_by: [di]}\n";
	char *db = fx_project_with(more), *out = NULL;
	px_db *h = fx_db();
	char msg[512];

	(void)state;
	assert_int_equal(fx_scalar(db, "SELECT count(*) FROM coding_held_by"), 1);
	assert_int_equal(run_db(db, "summary --kind network --format csv", &out, NULL), 0);
	assert_string_equal(out, "holder,held,accountability,stance,codings,first_seen,last_seen\r\n"
			    "di,cy,(unnamed),,1,2026-02-01,2026-02-01\r\n");
	free(out);
	assert_int_not_equal(fx_import(h, "praxis: 1\nparticipants:\n  - {id: di, pseudonym: Di}\n"
				       "vignettes:\n  - id: v1\n    title: t\n    date: 2026-02-01\n"
				       "    participants: [di]\n    text: x\n    codings:\n"
				       "      - {code: ME, held_by: [di]}\n", msg, sizeof(msg)), 0);
	assert_non_null(strstr(msg, "'held_by' needs 'accountability' or a code under JE/mutual "
			       "accountability"));
	db_close(h);
	free(db);
}

/* A project merge brings an entry it lacks with its description and its
 * community (mapped to this project's row of that community). */
static void test_project_merge_keeps_fields(void **state)
{
	char *ours = fx_project_with("praxis: 1\ncommunities:\n  - {id: appeals}\n"
				     "  - {id: intake}\n");
	char *theirs = fx_project_with(corpus), *args = xasprintf("merge '%s'", theirs);
	char *out = NULL, *err = NULL;

	(void)state;
	if (run_db(ours, args, &out, &err) != 0)
		fail_msg("merge: %s", err);
	assert_int_equal(fx_scalar(ours, "SELECT count(*) FROM repertoire WHERE ext_id = 'pile'"
				   " AND description = 'claims waiting on a query' AND community_id ="
				   " (SELECT id FROM community WHERE ext_id = 'intake')"), 1);
	assert_int_equal(fx_scalar(ours, "SELECT count(*) FROM accountability WHERE description ="
				   " 'forty claims a day' AND community_id IS NULL"), 1);
	free(out);
	free(err);
	free(args);
	free(ours);
	free(theirs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_add_and_edit),
		cmocka_unit_test(test_cli_errors_write_nothing),
		cmocka_unit_test(test_merge_moves_links_and_memos),
		cmocka_unit_test(test_rename_keeps_memos),
		cmocka_unit_test(test_rm_force_unlinks),
		cmocka_unit_test(test_yaml_round_trip),
		cmocka_unit_test(test_documents_show_fields),
		cmocka_unit_test(test_held_by_without_norm),
		cmocka_unit_test(test_project_merge_keeps_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
