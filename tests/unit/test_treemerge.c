/* test_treemerge.c: praxis merge-file's three-way merge of a tree file
 * (treemerge.h), file by file: a field both sides changed records where it
 * is and theirs, and deciding theirs sets it (in the file, from the CLI);
 * a vignette's text edited on both sides in different places is merged
 * and every coding re-anchored onto the merged text; edits of the same
 * place keep ours and record theirs as a text conflict. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/text.h"
#include "praxis/treemerge.h"
#include "praxis/util.h"
#include "praxis/ytree.h"
#include "fixture.h"
#include "screen.h"

struct three {
	char *base, *ours, *theirs;
};

/* Merges the three texts; the merged file's tree (ours is overwritten). */
static ynode *merge(const char *base, const char *ours, const char *theirs, int *conflicts)
{
	struct three f = { fx_file_with(".base.yaml", base), fx_file_with(".ours.yaml", ours),
			   fx_file_with(".theirs.yaml", theirs) };
	ynode *root = NULL;
	yreader r;
	px_err e = { 0 };

	if (treemerge_files(f.base, f.ours, f.theirs, conflicts, &e))
		fail_msg("merge: %s", e.msg);
	assert_int_equal(yreader_open_file(&r, f.ours, &e), PX_OK);
	assert_int_equal(yreader_document(&r, &root, &e), PX_OK);
	yreader_close(&r);
	remove(f.base);
	remove(f.ours);
	remove(f.theirs);
	free(f.base);
	free(f.ours);
	free(f.theirs);
	return root;
}

static const char *str_at(const ynode *map, const char *key)
{
	const ynode *v = ynode_get(map, key);

	assert_non_null(v);
	assert_int_equal(v->type, YN_SCALAR);
	return v->value;
}

static const ynode *first(const ynode *root, const char *list)
{
	const ynode *l = ynode_get(root, list);

	assert_non_null(l);
	assert_int_equal(l->type, YN_SEQ);
	assert_true(l->n > 0);
	return l->kids[0];
}

#define PARTICIPANT(role) \
	"praxis: 1\n" \
	"participants:\n" \
	"- id: p01\n" \
	"  pseudonym: Rosa\n" \
	"  role: " role "\n" \
	"  uuid: 83b4a8b0-92a6-4caf-86bd-1ad53fd12044\n"

static void test_field_conflict_names_its_place(void **state)
{
	int n = 0;
	ynode *root = merge(PARTICIPANT("nurse"), PARTICIPANT("charge nurse"),
			    PARTICIPANT("ward nurse"), &n);
	const ynode *c;
	char *file, *text;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(str_at(first(root, "participants"), "role"), "charge nurse");
	c = first(root, "conflicts");
	assert_string_equal(str_at(c, "kind"), "field");
	assert_string_equal(str_at(c, "ours"), "participants\n=p01\nrole");
	assert_string_equal(str_at(c, "theirs_text"), "role: ward nurse");
	assert_non_null(strstr(str_at(c, "description"), "of participants p01"));
	/* theirs set where the path says, and only there */
	file = fx_file_with(".set.yaml", PARTICIPANT("charge nurse"));
	if (treemerge_set_field(file, "participants\n=p01\nrole", "role: ward nurse", &e))
		fail_msg("set: %s", e.msg);
	text = fx_read_file(file, NULL);
	assert_non_null(strstr(text, "role: ward nurse\n"));
	assert_non_null(strstr(text, "pseudonym: Rosa\n"));
	free(text);
	/* a row gone since: said, nothing written */
	assert_int_equal(treemerge_set_field(file, "participants\n=p02\nrole", "role: x", &e),
			 PX_ENOTFOUND);
	assert_non_null(strstr(e.msg, "no longer there"));
	remove(file);
	free(file);
	ynode_free(root);
}

#define VIGNETTE(text, codings) \
	"praxis: 1\n" \
	"vignettes:\n" \
	"- id: v1\n" \
	"  title: The board\n" \
	"  date: 2026-03-02\n" \
	"  text: \"" text "\"\n" \
	"  codings:\n" codings

#define C1 "  - {code: SR/tools, quote: whiteboard, coder: a, uuid: c1}\n"
#define C2 "  - {code: ME, quote: Rosa, coder: a, uuid: c2}\n"
#define C3 "  - {code: JE, quote: beds again, coder: b, uuid: c3}\n"

/* The merged text's stretch a coding covers, checked against want. */
static void covers(const ynode *v, const char *uuid, const char *want)
{
	const ynode *list = ynode_get(v, "codings");
	const char *text = str_at(v, "text");

	for (size_t i = 0; list && i < list->n; i++) {
		if (strcmp(str_at(list->kids[i], "uuid"), uuid) != 0)
			continue;
		size_t s = (size_t)strtoll(str_at(list->kids[i], "start"), NULL, 10);
		size_t t = (size_t)strtoll(str_at(list->kids[i], "end"), NULL, 10);
		size_t bs = text_cp_to_byte(text, s), bt = text_cp_to_byte(text, t);
		char *got = xasprintf("%.*s", (int)(bt - bs), text + bs);
		assert_string_equal(got, want);
		assert_null(ynode_get(list->kids[i], "needs_review"));
		free(got);
		return;
	}
	fail_msg("no coding %s", uuid);
}

static void test_text_edits_apart_merge_and_reanchor(void **state)
{
	int n = -1;
	/* ours puts words before; theirs adds a word at the end and a coding
	 * on it; each side's codings were on its own text */
	ynode *root = merge(VIGNETTE("Rosa wipes the whiteboard and writes the beds.", C1 C2),
			    VIGNETTE("Nurse Rosa wipes the whiteboard and writes the beds.", C1 C2),
			    VIGNETTE("Rosa wipes the whiteboard and writes the beds again.",
				     C1 C2 C3), &n);
	const ynode *v = first(root, "vignettes");

	(void)state;
	assert_int_equal(n, 0);
	assert_null(ynode_get(root, "conflicts"));
	assert_string_equal(str_at(v, "text"),
			    "Nurse Rosa wipes the whiteboard and writes the beds again.");
	covers(v, "c1", "whiteboard");
	covers(v, "c2", "Rosa");
	covers(v, "c3", "beds again");
	ynode_free(root);
}

static void test_text_edits_overlap_keep_ours(void **state)
{
	int n = 0;
	ynode *root = merge(VIGNETTE("Rosa wipes the whiteboard.", C2),
			    VIGNETTE("Rosa wipes the big whiteboard.", C2),
			    VIGNETTE("Rosa wipes the old whiteboard.", C2), &n);
	const ynode *c;

	(void)state;
	assert_int_equal(n, 1);
	assert_string_equal(str_at(first(root, "vignettes"), "text"),
			    "Rosa wipes the big whiteboard.");
	c = first(root, "conflicts");
	assert_string_equal(str_at(c, "kind"), "text");
	assert_string_equal(str_at(c, "vignette"), "v1");
	assert_string_equal(str_at(c, "theirs_text"), "Rosa wipes the old whiteboard.");
	ynode_free(root);
}

static int64_t q(const char *db, const char *sql)
{
	return fx_scalar(db, sql);
}

static void test_cli_decides_a_field_for_theirs(void **state)
{
	char *db = fx_project_with(fx_field_conflict_corpus), *args, *out = NULL, *err = NULL;

	(void)state;
	/* both is refused: one value is kept */
	args = xasprintf("--db '%s' conflicts decide 1 both", db);
	assert_int_equal(fx_run(args, &out, &err), 1);
	assert_non_null(strstr(err, "choose ours or theirs"));
	free(args);
	free(out);
	free(err);
	args = xasprintf("--db '%s' conflicts decide 1 theirs", db);
	assert_int_equal(fx_run(args, &out, &err), 0);
	assert_non_null(strstr(out, "conflict 1 decided: theirs"));
	free(args);
	free(out);
	free(err);
	assert_int_equal(q(db, "SELECT count(*) FROM participant WHERE role = 'ward nurse'"), 1);
	assert_int_equal(q(db, "SELECT count(*) FROM sync_conflict"), 1);
	/* a vignette's field, through its own file; conflict 2 kept its number
	 * through the tree read back; the vignette keeps its id
	 * and text */
	args = xasprintf("--db '%s' conflicts decide 2 theirs", db);
	assert_int_equal(fx_run(args, &out, &err), 0);
	free(args);
	free(out);
	free(err);
	assert_int_equal(q(db, "SELECT count(*) FROM vignette WHERE title = 'The whiteboard'"
			   " AND ext_id = 'v1' AND text = 'Rosa wipes.'"), 1);
	assert_int_equal(q(db, "SELECT count(*) FROM sync_conflict"), 0);
	remove(db);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_conflict_names_its_place),
		cmocka_unit_test(test_text_edits_apart_merge_and_reanchor),
		cmocka_unit_test(test_text_edits_overlap_keep_ours),
		cmocka_unit_test(test_cli_decides_a_field_for_theirs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
