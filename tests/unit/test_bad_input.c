/* test_bad_input.c: every malformed corpus in tests/bad/ is refused by
 * `praxis import` with exit status 2 and exactly the message below (FILE
 * stands for the path given; {F} inside a message too), and the database,
 * which already holds the small fixture corpus, is left as it was. */
#include <dirent.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/coding.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"

static const struct bad_case {
	const char *file;
	const char *expect;      /* after "praxis: FILE:" */
} bad_cases[] = {
	{ "alias.yaml",
	  "6:16: aliases (*name) are not supported in a corpus" },
	{ "anchor.yaml",
	  "3:5: anchors (&p) are not supported in a corpus" },
	{ "bad-time.yaml",
	  "6:14: 'created' must be a UTC time like 2026-05-01T09:30:00Z, not '1 May 2026'" },
	{ "empty-uuid.yaml", "4:11: 'uuid' cannot be empty" },
	{ "bad-color.yaml",
	  "4:12: color '#12345': use \"#rrggbb\" or \"#rgb\" (quoted: # starts a comment)" },
	{ "bad-mode.yaml",
	  "9:15: unknown mode 'reflection' (participation, reification or "
	  "[participation, reification])" },
	{ "bad-repertoire-kind.yaml",
	  "5:11: unknown repertoire kind 'gadget' (one of routine, word, tool, way of doing, story, gesture, symbol, genre, action, concept, event, style, discourse)" },
	{ "bad-stance.yaml",
	  "10:17: unknown stance 'ignored' (upheld, breached, negotiated or contested)" },
	{ "coding-participant-not-present.yaml",
	  "10:24: participant 'bo' is not among the vignette's participants" },
	{ "date-feb-30.yaml",
	  "5:11: bad date '2026-02-30' (use YYYY-MM-DD or \"YYYY-MM-DDTHH:MM\")" },
	{ "date-month-13.yaml",
	  "5:11: bad date '2026-13-01' (use YYYY-MM-DD or \"YYYY-MM-DDTHH:MM\")" },
	{ "date-not-a-date.yaml",
	  "5:11: bad date 'last tuesday' (use YYYY-MM-DD or \"YYYY-MM-DDTHH:MM\")" },
	{ "dup-coder.yaml",
	  "5:9: duplicate coder id 'kw' (first listed at {F}:3:9)" },
	{ "dup-participant.yaml",
	  "7:9: duplicate participant id 'cy' (first listed at {F}:3:9)" },
	{ "dup-vignette.yaml",
	  "7:9: duplicate vignette id 'w1' (first listed at {F}:3:9)" },
	{ "empty-segment.yaml",
	  "8:15: code path 'ME//x': segment 2 is empty" },
	{ "empty.yaml",
	  "1:1: the file is empty (expected a praxis corpus starting with 'praxis: 1')" },
	{ "interpretation-without-repertoire.yaml",
	  "9:25: 'interpretation' needs 'repertoire' or 'accountability' (the entry it "
	  "interprets)" },
	{ "invalid-utf8.yaml",
	  "2:13: invalid UTF-8 (invalid trailing UTF-8 octet at byte 23); the file must be UTF-8" },
	{ "missing-accountability.yaml",
	  "9:25: no accountability entry 'stamp-rule' (list it under accountability: above this point)" },
	{ "missing-community.yaml",
	  "6:16: no community 'ward9' (list it under communities: above this point)" },
	{ "missing-observer.yaml",
	  "6:15: no coder 'zz' (list it under coders: above this point)" },
	{ "missing-participant.yaml",
	  "6:25: no participant 'nobody' (list it under participants: above this point)" },
	{ "missing-repertoire.yaml",
	  "10:21: no repertoire entry 'stamp' (list it under repertoire: above this point)" },
	{ "missing-version.yaml",
	  "1:1: a corpus starts with 'praxis: 1' (the format version), not 'project'" },
	{ "not-a-list.yaml",
	  "6:19: 'participants' must be a list, e.g. [a, b]" },
	{ "occurrence-too-large.yaml",
	  "10:21: occurrence 4, but the quote occurs 3 times in vignette 'w1'" },
	{ "participants-not-a-list.yaml",
	  "3:3: 'participants' must be a list of entries" },
	{ "quote-ambiguous.yaml",
	  "9:16: quote occurs 3 times in vignette 'w1'; add 'occurrence:' (1 to 3) to say which" },
	{ "quote-and-start.yaml",
	  "9:16: give either 'quote' or 'start'/'end', not both" },
	{ "quote-not-found.yaml",
	  "9:16: quote not found in vignette 'w1': \"the pen\"" },
	{ "role-bad-date.yaml",
	  "5:73: bad role date '2026-13-01' (want YYYY-MM-DD)" },
	{ "roles-two-starts.yaml",
	  "7:9: participant 'cy' has two roles from the start ('newcomer' and 'trainee'): give "
	  "the later one a 'from' date" },
	{ "second-document.yaml",
	  "3:1: a second YAML document; a corpus file holds one" },
	{ "speaker-not-present.yaml",
	  "13:18: speaker 'bo' is not among the vignette's participants" },
	{ "span-empty.yaml",
	  "9:16: span 3-3 is empty (end is exclusive and must be greater than start; an empty "
	  "span needs 'needs_review: true')" },
	{ "span-out-of-range.yaml",
	  "10:14: span 2-6 lies outside the text of vignette 'w1' (5 characters)" },
	{ "span-reversed.yaml",
	  "9:16: span 4-1 is reversed (end is exclusive and must not be less than start)" },
	{ "stance-without-accountability.yaml",
	  "9:17: 'stance' needs 'accountability' (the norm the stance is taken to)" },
	{ "start-without-end.yaml",
	  "9:16: 'start' and 'end' go together" },
	{ "syntax.yaml",
	  "5:9: syntax error: did not find expected ',' or ']' while parsing a flow sequence (line 4)" },
	{ "tab-indent.yaml",
	  "3:1: syntax error: a tab character; indent with spaces (YAML does not allow tabs for indentation)" },
	{ "unknown-nested-key.yaml",
	  "5:5: unknown key 'nickname' in a participant (expected id, pseudonym, role, roles, attributes, aliases, uuid)" },
	{ "unknown-root.yaml",
	  "3:11: code path 'XX/foo': 'XX' is not a dimension (use ME, JE, SR or mutual engagement, joint enterprise, shared repertoire)" },
	{ "unknown-top-key.yaml",
	  "3:1: unknown key 'people' (a corpus has praxis, project, uuid, created, coders, communities, codebook, repertoire, accountability, participants, vignettes, log, memos, conflicts)" },
	{ "version-2.yaml",
	  "1:9: format version 2 is newer than this praxis reads (1); upgrade praxis" },
	{ "version-not-first.yaml",
	  "1:1: a corpus starts with 'praxis: 1' (the format version), not 'project'" },
	{ "participant-differs.yaml",
	  "3:5: participant 'ann' already exists in the database with other fields" },
	{ "vignette-exists.yaml",
	  "3:9: vignette 'v1' already exists in the database" },
};

#define NCASES (sizeof(bad_cases) / sizeof(bad_cases[0]))

struct suite {
	char *db;
	char *before;            /* `praxis export` of the fixture db */
};

static char *export_of(const char *db)
{
	char *cmd = xasprintf("--db '%s' export", db), *out = NULL, *err = NULL;
	int rc = fx_run(cmd, &out, &err);

	if (rc != 0)
		fail_msg("export failed (%d): %s", rc, err ? err : "");
	free(cmd);
	free(err);
	return out;
}

static int setup(void **state)
{
	struct suite *s = xcalloc(1, sizeof(*s));
	px_db *db = fx_db();
	char msg[1024];

	if (fx_import(db, fx_small_corpus, msg, sizeof(msg)))
		fail_msg("fixture: %s", msg);
	s->db = xstrdup(db_path(db));
	db_close(db);
	s->before = export_of(s->db);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct suite *s = *state;

	free(s->db);
	free(s->before);
	free(s);
	return 0;
}

/* expect with every "{F}" replaced by file. */
static char *expand(const char *expect, const char *file)
{
	strbuf b;
	const char *p;

	sb_init(&b);
	while ((p = strstr(expect, "{F}"))) {
		sb_addn(&b, expect, (size_t)(p - expect));
		sb_add(&b, file);
		expect = p + 3;
	}
	sb_add(&b, expect);
	return sb_steal(&b);
}

/* Runs import on args and checks status 2, stderr and an unchanged db. */
static void assert_refused(struct suite *s, const char *args, const char *want_err)
{
	char *cmd = xasprintf("--db '%s' import %s", s->db, args);
	char *out = NULL, *err = NULL, *after;
	int rc = fx_run(cmd, &out, &err);

	if (rc != 2 || strcmp(err, want_err) != 0)
		fail_msg("import %s\n  status %d (want 2)\n  got:  %s  want: %s", args, rc, err,
			 want_err);
	assert_string_equal(out, "");
	after = export_of(s->db);
	assert_string_equal(after, s->before);
	free(after);
	free(cmd);
	free(out);
	free(err);
}

static void test_each_bad_file(void **state)
{
	struct suite *s = *state;

	for (size_t i = 0; i < NCASES; i++) {
		char *path = xasprintf("%s/tests/bad/%s", fx_top(), bad_cases[i].file);
		char *msg = expand(bad_cases[i].expect, path);
		char *want = xasprintf("praxis: %s:%s\n", path, msg);
		char *args = xasprintf("'%s'", path);
		assert_refused(s, args, want);
		free(args);
		free(want);
		free(msg);
		free(path);
	}
	assert_true(NCASES >= 30);
}

/* No file in tests/bad is left out of the table (nor listed but missing). */
static void test_table_covers_directory(void **state)
{
	char *dir = xasprintf("%s/tests/bad", fx_top());
	DIR *d = opendir(dir);
	struct dirent *de;
	size_t files = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		size_t i;
		if (de->d_name[0] == '.')
			continue;
		files++;
		for (i = 0; i < NCASES && strcmp(bad_cases[i].file, de->d_name) != 0; i++)
			;
		if (i == NCASES)
			fail_msg("tests/bad/%s has no expected message", de->d_name);
	}
	closedir(d);
	assert_int_equal(files, NCASES);
	free(dir);
}

static void test_directory_refused(void **state)
{
	struct suite *s = *state;
	char *dir = fx_path(".yaml");
	char *want = xasprintf("praxis: %s: is a directory, not a corpus file\n", dir);
	char *args = xasprintf("'%s'", dir);

	assert_int_equal(mkdir(dir, 0700), 0);
	assert_refused(s, args, want);
	rmdir(dir);
	free(args);
	free(want);
	free(dir);
}

static void test_missing_file_refused(void **state)
{
	struct suite *s = *state;
	char *path = fx_path("-absent.yaml");
	char *want = xasprintf("praxis: %s: cannot read: No such file or directory\n", path);
	char *args = xasprintf("'%s'", path);

	assert_refused(s, args, want);
	free(args);
	free(want);
	free(path);
}

/* One transaction for all files: the good first file leaves no trace. */
static void test_second_file_bad_keeps_nothing_of_first(void **state)
{
	struct suite *s = *state;
	char *good = xasprintf("%s/tests/data/extra.yaml", fx_top());
	char *bad = xasprintf("%s/tests/bad/dup-coder.yaml", fx_top());
	char *args = xasprintf("'%s' '%s'", good, bad);
	char *want = xasprintf("praxis: %s:5:9: duplicate coder id 'kw' (first listed at "
			       "%s:3:9)\n", bad, bad);
	char *cmd = xasprintf("--db '%s' list vignettes --format csv", s->db), *out;

	assert_refused(s, args, want);
	assert_int_equal(fx_run(cmd, &out, NULL), 0);
	assert_null(strstr(out, "w1"));
	free(out);
	free(cmd);
	free(want);
	free(args);
	free(bad);
	free(good);
}

/* The good file alone does import (so the test above fails for the
 * right reason), and a second import of it then fails on w1. */
static void test_good_file_imports(void **state)
{
	char *good = xasprintf("%s/tests/data/extra.yaml", fx_top());
	char *db = fx_path(".db");
	char *cmd = xasprintf("--db '%s' import '%s'", db, good), *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(fx_run(cmd, &out, &err), 0);
	assert_non_null(strstr(out, "imported 1 vignette, 1 participant, 1 coding, 0 memos"));
	free(out);
	free(err);
	out = err = NULL;
	assert_int_equal(fx_run(cmd, &out, &err), 2);
	assert_non_null(strstr(err, "vignette 'w1' already exists in the database"));
	free(out);
	free(err);
	free(cmd);
	free(db);
	free(good);
}

/* A failed import into a database that did not exist leaves the new
 * project empty but whole (removing it could remove what another process
 * wrote to it meanwhile). */
static void test_failed_import_leaves_empty_project(void **state)
{
	char *db = fx_path(".db");
	char *bad = xasprintf("%s/tests/bad/bad-mode.yaml", fx_top());
	char *cmd = xasprintf("--db '%s' import '%s'", db, bad);
	char *list = xasprintf("--db '%s' list vignettes", db);
	char *out = NULL;
	struct stat sb;

	(void)state;
	assert_int_equal(fx_run(cmd, NULL, NULL), 2);
	assert_int_equal(stat(db, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(fx_run(list, &out, NULL), 0);
	assert_null(strstr(out, "w1"));
	free(out);
	free(list);
	free(cmd);
	free(bad);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_each_bad_file),
		cmocka_unit_test(test_table_covers_directory),
		cmocka_unit_test(test_directory_refused),
		cmocka_unit_test(test_missing_file_refused),
		cmocka_unit_test(test_second_file_bad_keeps_nothing_of_first),
		cmocka_unit_test(test_good_file_imports),
		cmocka_unit_test(test_failed_import_leaves_empty_project),
	};
	return cmocka_run_group_tests_name("bad_input", tests, setup, teardown);
}
