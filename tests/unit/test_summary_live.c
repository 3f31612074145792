/* test_summary_live.c: the summaries follow coding writes incrementally.
 * 2,000 random adds, edits and removals (fixed seed) on the night-shift
 * sample, each compared with a fresh full load; then rollbacks and resets. */
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
#include "praxis/entity.h"
#include "praxis/participant.h"
#include "praxis/summary.h"
#include "praxis/vignette.h"
#include "fixture.h"

static uint64_t rng = 0x5eed2026u;

static unsigned pick(unsigned n)
{
	rng = rng * 6364136223846793005ull + 1442695040888963407ull;
	return n ? (unsigned)((rng >> 33) % n) : 0;
}

struct pool {
	idlist vignettes, codes, coders, people, reps, accs, codings;
};

static int add_code(const px_code *c, void *ud)
{
	idl_push(&((struct pool *)ud)->codes, c->id);
	return 0;
}

static int add_vignette(const px_vignette *v, void *ud)
{
	idl_push(&((struct pool *)ud)->vignettes, v->id);
	return 0;
}

static int add_person(const px_participant *p, void *ud)
{
	idl_push(&((struct pool *)ud)->people, p->id);
	return 0;
}

static int add_coding(const px_coding *c, void *ud)
{
	idl_push(&((struct pool *)ud)->codings, c->id);
	return 0;
}

static int add_entity(const px_entity *ent, void *ud)
{
	idl_push(ud, ent->id);
	return 0;
}

static px_db *open_sample(struct pool *p)
{
	char *path = xasprintf("%s/samples/nightshift.yaml", fx_top());
	char *yaml = fx_read_file(path, NULL);
	char msg[1024];
	px_db *db = fx_db();
	coding_query q = CODING_QUERY_ALL;

	assert_non_null(yaml);
	if (fx_import(db, yaml, msg, sizeof(msg)) != PX_OK)
		fail_msg("import: %s", msg);
	free(yaml);
	free(path);
	memset(p, 0, sizeof(*p));
	assert_int_equal(codebook_each(db, add_code, p, NULL), PX_OK);
	assert_int_equal(vignette_each(db, 0, add_vignette, p, NULL), PX_OK);
	assert_int_equal(participant_each(db, add_person, p, NULL), PX_OK);
	assert_int_equal(entity_each(db, ENT_CODER, add_entity, &p->coders, NULL), PX_OK);
	assert_int_equal(entity_each(db, ENT_REPERTOIRE, add_entity, &p->reps, NULL), PX_OK);
	assert_int_equal(entity_each(db, ENT_ACCOUNTABILITY, add_entity, &p->accs, NULL), PX_OK);
	assert_int_equal(coding_each(db, &q, add_coding, p, NULL), PX_OK);
	assert_true(p->codings.n > 100);
	return db;
}

static void pool_free(struct pool *p)
{
	idl_free(&p->vignettes);
	idl_free(&p->codes);
	idl_free(&p->coders);
	idl_free(&p->people);
	idl_free(&p->reps);
	idl_free(&p->accs);
	idl_free(&p->codings);
}

static int64_t any(const idlist *l)
{
	return l->v[pick((unsigned)l->n)];
}

static void some_people(const struct pool *p, idlist *out)
{
	unsigned n = pick(4);

	out->n = 0;
	for (unsigned i = 0; i < n; i++)
		idl_push(out, any(&p->people));   /* repeats on purpose */
}

static const char *const interps[] = { NULL, "a queue", "a burden", "" };

/* New values for a random subset of the coding's fields. */
static void mutate(const struct pool *p, px_coding *c, int all)
{
	if (all || pick(3) == 0) {
		c->vignette_id = any(&p->vignettes);
		c->start = c->end = -1;
		c->speaker_id = 0;
	}
	if (all || pick(3) == 0) {
		/* a short span near the start (every sample text is longer), so
		 * links to one entry overlap or not: moments */
		c->start = pick(3) ? (int64_t)pick(8) : -1;
		c->end = c->start < 0 ? -1 : c->start + 1 + (int64_t)pick(6);
	}
	if (all || pick(3) == 0)
		c->mode = (int)pick(4);
	if (all || pick(3) == 0)
		c->code_id = any(&p->codes);
	if (all || pick(4) == 0)
		c->coder_id = any(&p->coders);
	if (all || pick(3) == 0)
		some_people(p, &c->participants);
	if (all || pick(3) == 0) {
		free(c->interpretation);
		c->interpretation = NULL;
		c->repertoire_id = pick(2) ? any(&p->reps) : 0;
		if (c->repertoire_id)
			c->interpretation = xstrdup(interps[pick(4)]);
	}
	if (all || pick(3) == 0) {
		c->accountability_id = pick(2) ? any(&p->accs) : 0;
		c->stance = c->accountability_id ? (int)pick(STANCE_COUNT) : STANCE_NONE;
		c->held_by.n = 0;
		if (c->accountability_id)
			some_people(p, &c->held_by);
		if (c->accountability_id && !c->repertoire_id && !c->interpretation && pick(2))
			c->interpretation = xstrdup(interps[pick(4)]);
	}
	if (!c->repertoire_id && !c->accountability_id) {
		free(c->interpretation);
		c->interpretation = NULL;
	}
	if (!c->interpretation || !*c->interpretation)
		c->speaker_id = 0;
}

/* A member's reading half the time: someone present at the vignette. */
static void pick_speaker(px_db *db, px_coding *c)
{
	idlist present = { 0 };

	if (!c->interpretation || !*c->interpretation || pick(2))
		return;
	if (db_collect_ids(db, "SELECT participant_id FROM vignette_participant"
			   " WHERE vignette_id = ?", c->vignette_id, &present, NULL) == PX_OK &&
	    present.n)
		c->speaker_id = present.v[pick((unsigned)present.n)];
	idl_free(&present);
}

static void random_op(px_db *db, struct pool *p)
{
	unsigned op = pick(10);
	px_err e = { 0 };
	px_coding c;
	size_t k;

	if (op < 4 || p->codings.n < 10) {
		memset(&c, 0, sizeof(c));
		mutate(p, &c, 1);
		pick_speaker(db, &c);
		if (coding_add(db, &c, &e))
			fail_msg("add: %s", e.msg);
		idl_push(&p->codings, c.id);
		coding_free(&c);
		return;
	}
	k = pick((unsigned)p->codings.n);
	if (op < 7) {
		assert_int_equal(coding_get(db, p->codings.v[k], &c, &e), PX_OK);
		mutate(p, &c, 0);
		pick_speaker(db, &c);
		if (coding_update(db, &c, &e))
			fail_msg("update: %s", e.msg);
		coding_free(&c);
		return;
	}
	if (coding_delete(db, p->codings.v[k], &e))
		fail_msg("delete: %s", e.msg);
	p->codings.v[k] = p->codings.v[--p->codings.n];
}

static void assert_matches_fresh(px_db *db, px_summary *live, int step)
{
	px_summary *fresh = NULL;
	px_err e = { 0 };
	char why[256] = "";

	if (summary_open(db, &fresh, &e) || summary_set_filter(fresh, summary_get_filter(live), &e))
		fail_msg("step %d: fresh load: %s", step, e.msg);
	if (!summary_equal(live, fresh, why, sizeof(why)))
		fail_msg("step %d: incremental state differs from a full load: %s", step, why);
	summary_close(fresh);
}

static void test_random_operations(void **state)
{
	struct pool p;
	px_db *db = open_sample(&p);
	px_summary *live = NULL;
	px_err e = { 0 };
	uint64_t gen;

	(void)state;
	assert_int_equal(summary_open(db, &live, &e), PX_OK);
	for (int step = 0; step < 2000; step++) {
		if (step == 1000) {
			/* a participant over a date range */
			summary_filter f = { .participant = any(&p.people), .from = 20260305,
					     .to = 20260420 };
			assert_int_equal(summary_set_filter(live, &f, &e), PX_OK);
		} else if (step == 1500) {
			summary_filter f = { .code = CODE_ME, .coder = any(&p.coders),
					     .community = 1 };
			assert_int_equal(summary_set_filter(live, &f, &e), PX_OK);
		}
		gen = summary_generation(live);
		random_op(db, &p);
		/* applied as a delta, not by reloading */
		assert_false(summary_stale(live));
		assert_true(summary_generation(live) > gen);
		assert_matches_fresh(db, live, step);
	}
	summary_close(live);
	pool_free(&p);
	db_close(db);
}

/* The state loaded on its own thread, held back (test hook) while 300
 * writes go through the caller's connection: the handed-over state has
 * them all, as deltas (not stale), and follows the connection after. */
static void test_background_load(void **state)
{
	struct pool p;
	px_db *db = open_sample(&p);
	summary_job *job = NULL;
	px_summary *live = NULL;
	px_err e = { 0 };
	int64_t snapshot = -1, before = db_scalar(db, "SELECT count(*) FROM coding");

	(void)state;
	setenv("PRAXIS_TEST_SUMMARY_DELAY_MS", "600000", 1);
	assert_int_equal(summary_bg_start(db, &job, &e), PX_OK);
	assert_non_null(job);
	for (int step = 0; step < 300; step++)
		random_op(db, &p);
	assert_false(summary_bg_ready(job));
	assert_int_equal(summary_bg_finish(job, &live, &snapshot, &e), PX_OK);
	unsetenv("PRAXIS_TEST_SUMMARY_DELAY_MS");
	/* the snapshot was taken before the writes */
	assert_int_equal(snapshot, before);
	assert_false(summary_stale(live));
	assert_matches_fresh(db, live, 300);
	random_op(db, &p);
	assert_false(summary_stale(live));
	assert_matches_fresh(db, live, 301);
	summary_close(live);
	/* a cancel ends a held load at once */
	setenv("PRAXIS_TEST_SUMMARY_DELAY_MS", "600000", 1);
	assert_int_equal(summary_bg_start(db, &job, &e), PX_OK);
	random_op(db, &p);
	summary_bg_cancel(job);
	unsetenv("PRAXIS_TEST_SUMMARY_DELAY_MS");
	pool_free(&p);
	db_close(db);
}

static int64_t pile_occurrences(px_summary *s, const char *id)
{
	summary_rep_row *rows;
	size_t n;
	int64_t occ = -1;

	assert_int_equal(summary_repertoire(s, &rows, &n, NULL), PX_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].ext_id, id) == 0)
			occ = rows[i].occurrences;
	summary_repertoire_free(rows, n);
	return occ;
}

static void test_rollback(void **state)
{
	struct pool p;
	px_db *db = open_sample(&p);
	px_summary *live = NULL;
	px_err e = { 0 };
	px_coding c = { 0 };
	int64_t board;
	int64_t before;

	(void)state;
	assert_int_equal(summary_open(db, &live, &e), PX_OK);
	assert_int_equal(entity_find(db, ENT_REPERTOIRE, "the-board", &board, NULL), PX_OK);
	before = pile_occurrences(live, "the-board");
	assert_true(before > 0);
	assert_int_equal(db_begin(db, &e), PX_OK);
	mutate(&p, &c, 1);
	c.repertoire_id = board;
	assert_int_equal(coding_add(db, &c, &e), PX_OK);
	/* inside the transaction the deltas show at once (one more moment,
	 * unless the new link falls on a moment already linked) */
	assert_false(summary_stale(live));
	assert_matches_fresh(db, live, 0);
	assert_true(pile_occurrences(live, "the-board") >= before);
	assert_int_equal(coding_delete(db, p.codings.v[0], &e), PX_OK);
	assert_false(summary_stale(live));
	assert_matches_fresh(db, live, 0);
	db_rollback(db);
	assert_true(summary_stale(live));
	assert_int_equal(pile_occurrences(live, "the-board"), before);   /* syncs */
	assert_false(summary_stale(live));
	assert_matches_fresh(db, live, 1);
	/* a failed write (a bad code) leaves the state exact too */
	c.code_id = 999999;
	assert_int_not_equal(coding_update(db, &c, &e), PX_OK);
	assert_int_equal(summary_sync(live, &e), PX_OK);
	assert_matches_fresh(db, live, 2);
	coding_free(&c);
	summary_close(live);
	pool_free(&p);
	db_close(db);
}

/* Moving a vignette in time or changing a role regroups the summaries:
 * those writes reset, and the next query reloads. */
static void test_resets(void **state)
{
	struct pool p;
	px_db *db = open_sample(&p);
	px_summary *live = NULL;
	px_vignette v;
	px_participant person;
	px_err e = { 0 };
	summary_rep_row *rows;
	size_t n;
	int last = 0;

	(void)state;
	assert_int_equal(summary_open(db, &live, &e), PX_OK);
	assert_int_equal(vignette_get(db, p.vignettes.v[0], &v, &e), PX_OK);
	free(v.date);
	v.date = xstrdup("2031-12-31");
	assert_int_equal(vignette_update(db, &v, NULL, &e), PX_OK);
	vignette_free(&v);
	assert_true(summary_stale(live));
	assert_int_equal(summary_repertoire(live, &rows, &n, &e), PX_OK);
	for (size_t i = 0; i < n; i++)
		if (rows[i].last_seen > last)
			last = rows[i].last_seen;
	summary_repertoire_free(rows, n);
	assert_int_equal(last, 20311231);
	assert_int_equal(participant_get(db, p.people.v[0], &person, &e), PX_OK);
	free(person.role);
	person.role = xstrdup("a brand new role");
	assert_int_equal(participant_update(db, &person, &e), PX_OK);
	participant_free(&person);
	assert_true(summary_stale(live));
	assert_int_equal(summary_sync(live, &e), PX_OK);
	assert_matches_fresh(db, live, 0);
	summary_close(live);
	pool_free(&p);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_operations),
		cmocka_unit_test(test_background_load),
		cmocka_unit_test(test_rollback),
		cmocka_unit_test(test_resets),
	};
	return cmocka_run_group_tests_name("summary_live", tests, NULL, NULL);
}
