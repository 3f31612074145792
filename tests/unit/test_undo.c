/* test_undo.c: the undo history (core/undo.c) without a screen: each kind
 * of change is made as the interface makes it, then undone and redone;
 * "as it was" means the whole project exported as corpus text. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/participant.h"
#include "praxis/undo.h"
#include "praxis/vignette.h"
#include "fixture.h"

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Undo puts a re-created or moved-back code last among its siblings (the
 * sibling order is not part of the history), so the codebook's entries
 * are compared as a set: sorted here. */
static void sort_codebook(char *text)
{
	char *start = strstr(text, "\ncodebook:\n"), *end, *p, **ent = NULL, *copy;
	size_t n = 0, len;

	if (!start)
		return;
	start += strlen("\ncodebook:\n");
	for (end = start; *end && (*end == '-' || *end == ' '); end = strchr(end, '\n') + 1)
		;
	len = (size_t)(end - start);
	copy = xstrndup(start, len);
	for (p = copy; *p; ) {
		ent = xrealloc(ent, (n + 1) * sizeof(*ent));
		ent[n++] = p;
		do
			p = strchr(p, '\n') + 1;
		while (*p == ' ');
		p[-1] = '\0';
	}
	qsort(ent, n, sizeof(*ent), cmp_entry);
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(ent[i]);
		memcpy(start, ent[i], l);
		start[l] = '\n';
		start += l + 1;
	}
	free(ent);
	free(copy);
}

static char *export_text(px_db *db)
{
	char *text = fx_corpus_text(db), *log = strstr(text, "\nlog:\n");

	/* the audit trail only grows: an undo is one more change in it */
	if (log)
		log[1] = '\0';

	sort_codebook(text);
	return text;
}

static int keep_max_id(const px_coding *c, void *ud)
{
	int64_t *max = ud;

	if (c->id > *max)
		*max = c->id;
	return 0;
}

/* The newest coding's row id. */
static int64_t last_coding(px_db *db)
{
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };
	int64_t max = 0;

	assert_int_equal(coding_each(db, &q, keep_max_id, &max, &e), PX_OK);
	assert_true(max > 0);
	return max;
}

struct world {
	px_db *db;
	struct undo u;
	char *before;            /* the project before the change */
	char *after;             /* and after it */
};

static struct world *world_new(void)
{
	struct world *w = calloc(1, sizeof(*w));
	char msg[1024];

	assert_non_null(w);
	w->db = fx_db();
	if (fx_import(w->db, fx_small_corpus, msg, sizeof(msg)))
		fail_msg("import: %s", msg);
	undo_init(&w->u, w->db);
	w->before = export_text(w->db);
	return w;
}

static void world_free(struct world *w)
{
	undo_free(&w->u);
	db_close(w->db);
	free(w->before);
	free(w->after);
	free(w);
}

/* The next change starts from the project as the last one left it. */
static void next_change(struct world *w)
{
	free(w->before);
	w->before = w->after;
	w->after = NULL;
}

/* Names the first line where two exports differ. */
static void assert_same_text(const char *got, const char *want, const char *what)
{
	size_t i = 0, line = 1;

	while (got[i] && got[i] == want[i])
		line += got[i++] == '\n';
	if (got[i] || want[i])
		fail_msg("%s: line %zu differs: got \"%.60s\", want \"%.60s\"", what, line,
			 got + i, want + i);
}

/* After the change: undo gives back `before` under the step's label,
 * redo gives back `after`, and a second round does the same. */
static void assert_round_trip(struct world *w, const char *label)
{
	const char *got = NULL;
	px_err e = { 0 };
	char *now;

	w->after = export_text(w->db);
	assert_string_not_equal(w->before, w->after);
	for (int round = 0; round < 2; round++) {
		if (undo_undo(&w->u, &got, &e))
			fail_msg("undo %s: %s", label, e.msg);
		assert_string_equal(got, label);
		now = export_text(w->db);
		assert_same_text(now, w->before, "after undo");
		free(now);
		if (undo_redo(&w->u, &got, &e))
			fail_msg("redo %s: %s", label, e.msg);
		assert_string_equal(got, label);
		now = export_text(w->db);
		assert_same_text(now, w->after, "after redo");
		free(now);
	}
}

static void test_nothing_to_undo(void **state)
{
	struct world *w = world_new();
	const char *label = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(undo_undo(&w->u, &label, &e), PX_ENOTFOUND);
	assert_int_equal(undo_redo(&w->u, &label, &e), PX_ENOTFOUND);
	world_free(w);
}

static void test_coding_add_edit_delete(void **state)
{
	struct world *w = world_new();
	px_coding c = { 0 }, got = { 0 };
	px_err e = { 0 };

	(void)state;
	c.vignette_id = fx_vignette(w->db, "v2");
	c.code_id = fx_code(w->db, "SR/tools");
	c.coder_id = fx_coder(w->db, "tester");
	c.start = 0;
	c.end = 3;
	undo_begin(&w->u, "code");
	assert_int_equal(coding_add(w->db, &c, &e), PX_OK);
	undo_end(&w->u);
	coding_free(&c);
	assert_round_trip(w, "code");

	next_change(w);
	assert_int_equal(coding_get(w->db, last_coding(w->db), &got, &e), PX_OK);
	free(got.memo);
	got.memo = xstrdup("a memo");
	undo_begin(&w->u, "edit coding");
	assert_int_equal(coding_update(w->db, &got, &e), PX_OK);
	undo_end(&w->u);
	assert_round_trip(w, "edit coding");

	next_change(w);
	undo_begin(&w->u, "delete coding");
	assert_int_equal(coding_delete(w->db, last_coding(w->db), &e), PX_OK);
	undo_end(&w->u);
	assert_round_trip(w, "delete coding");
	coding_free(&got);
	world_free(w);
}

static void test_code_add_and_rename(void **state)
{
	struct world *w = world_new();
	int64_t parent, id = 0;
	px_err e = { 0 };

	(void)state;
	parent = fx_code(w->db, "SR");
	undo_begin(&w->u, "add code");
	assert_int_equal(codebook_add(w->db, parent, "legends", &id, &e), PX_OK);
	undo_record(&w->u, UNDO_CODE_ADD, id, parent, parent, NULL, "legends");
	undo_end(&w->u);
	assert_round_trip(w, "add code");

	next_change(w);
	id = fx_code(w->db, "SR/legends");
	undo_begin(&w->u, "rename code");
	assert_int_equal(codebook_rename(w->db, id, "sagas", &e), PX_OK);
	undo_record(&w->u, UNDO_CODE_RENAME, id, 0, 0, "legends", "sagas");
	undo_end(&w->u);
	assert_round_trip(w, "rename code");
	world_free(w);
}

/* Delete and merge as pane_codebook.c makes them: snapshot, quiet store
 * call, record. */
static void tree_change(struct world *w, int kind, int64_t id, int64_t into)
{
	struct undo_csnap *snap;
	px_err e = { 0 };
	int64_t n = 0;

	snap = undo_csnap_load(w->db, id, &e);
	assert_non_null(snap);
	undo_begin(&w->u, kind == UNDO_CODE_MERGE ? "merge codes" : "delete code");
	w->u.quiet = 1;
	if (kind == UNDO_CODE_MERGE)
		assert_int_equal(codebook_merge(w->db, id, into, &e), PX_OK);
	else
		assert_int_equal(codebook_delete(w->db, id, &n, &e), PX_OK);
	w->u.quiet = 0;
	undo_record_code_tree(&w->u, kind, id, into, snap);
	undo_end(&w->u);
}

static void test_code_delete(void **state)
{
	struct world *w = world_new();

	(void)state;
	tree_change(w, UNDO_CODE_DELETE, fx_code(w->db, "SR/tools"), 0);
	assert_round_trip(w, "delete code");
	world_free(w);
}

static void test_code_merge(void **state)
{
	struct world *w = world_new();

	(void)state;
	tree_change(w, UNDO_CODE_MERGE, fx_code(w->db, "SR/tools"), fx_code(w->db, "ME"));
	assert_round_trip(w, "merge codes");
	world_free(w);
}

enum { P_ADD, P_UPDATE, P_DELETE };

/* A participant change as pform.c makes it: snapshots around a quiet
 * store call. */
static void participant_change(struct world *w, const char *label, px_participant *p, int op)
{
	px_participant *before = NULL;
	px_err e = { 0 };
	int rc;

	if (op != P_ADD)
		assert_non_null(before = undo_psnap_load(w->db, p->id, &e));
	undo_begin(&w->u, label);
	w->u.quiet = 1;
	rc = op == P_ADD ? participant_add(w->db, p, &e) : op == P_UPDATE
		? participant_update(w->db, p, &e) : participant_delete(w->db, p->id, 0, &e);
	w->u.quiet = 0;
	if (rc)
		fail_msg("%s: %s", label, e.msg);
	undo_record_participant(&w->u, before,
				op == P_DELETE ? NULL : undo_psnap_load(w->db, p->id, NULL));
	undo_end(&w->u);
	assert_round_trip(w, label);
	next_change(w);
}

static void test_participant_add_edit_delete(void **state)
{
	struct world *w = world_new();
	px_participant p = { 0 };

	(void)state;
	p.ext_id = xstrdup("cy");
	p.pseudonym = xstrdup("Cy");
	participant_change(w, "add participant", &p, P_ADD);
	free(p.pseudonym);
	p.pseudonym = xstrdup("Cyrus");
	p.role = xstrdup("newcomer");
	participant_change(w, "edit participant", &p, P_UPDATE);
	participant_change(w, "delete participant", &p, P_DELETE);
	participant_free(&p);
	world_free(w);
}

static void test_vignette_add(void **state)
{
	struct world *w = world_new();
	px_vignette v = { 0 };
	px_err e = { 0 };

	(void)state;
	v.ext_id = xstrdup("v9");
	v.title = xstrdup("Late shift");
	v.date = xstrdup("2026-05-01");
	v.text = xstrdup("Bo stayed late.");
	v.observer_id = fx_coder(w->db, "tester");
	undo_begin(&w->u, "add vignette");
	w->u.quiet = 1;
	assert_int_equal(vignette_add(w->db, &v, &e), PX_OK);
	w->u.quiet = 0;
	undo_record_vignette(&w->u, NULL, undo_vsnap_load(w->db, v.id, NULL));
	undo_end(&w->u);
	vignette_free(&v);
	assert_round_trip(w, "add vignette");
	world_free(w);
}

/* A new change after an undo drops what could have been redone. */
static void test_new_change_drops_redo(void **state)
{
	struct world *w = world_new();
	int64_t parent, id = 0;
	const char *label = NULL;
	px_err e = { 0 };

	(void)state;
	parent = fx_code(w->db, "ME");
	for (int i = 0; i < 2; i++) {
		const char *name = i ? "second" : "first";
		undo_begin(&w->u, name);
		assert_int_equal(codebook_add(w->db, parent, name, &id, &e), PX_OK);
		undo_record(&w->u, UNDO_CODE_ADD, id, parent, parent, NULL, name);
		undo_end(&w->u);
		if (!i)
			assert_int_equal(undo_undo(&w->u, &label, &e), PX_OK);
	}
	assert_int_equal(undo_redo(&w->u, &label, &e), PX_ENOTFOUND);
	assert_int_equal(undo_undo(&w->u, &label, &e), PX_OK);
	assert_string_equal(label, "second");
	assert_int_equal(undo_undo(&w->u, &label, &e), PX_ENOTFOUND);
	world_free(w);
}

/* One fixed second: an undo or redo stamps the rows it writes with the
 * time (updated), so a test whose change and undo fell on two sides of a
 * second's turn compared unequal now and then. The exports compare what
 * an undo restores, not when it ran. */
static time_t frozen_clock(void)
{
	return 1800000000;
}

int main(void)
{
	util_set_clock(frozen_clock);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_to_undo),
		cmocka_unit_test(test_coding_add_edit_delete),
		cmocka_unit_test(test_code_add_and_rename),
		cmocka_unit_test(test_code_delete),
		cmocka_unit_test(test_code_merge),
		cmocka_unit_test(test_participant_add_edit_delete),
		cmocka_unit_test(test_vignette_add),
		cmocka_unit_test(test_new_change_drops_redo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
