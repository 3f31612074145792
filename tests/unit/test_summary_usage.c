/* test_summary_usage.c: the whole-corpus usage counts the participants and
 * codebook panes take from the summary state equal the store's own
 * per-row counts, under a filter and after a coding is removed. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include "praxis/browse.h"
#include "praxis/coding.h"
#include "praxis/participant.h"
#include "praxis/summary.h"
#include "fixture.h"

struct ctx {
	px_db *db;
	int64_t *nv, *nc;
	size_t n;
	int checked, used;
};

static int check_person(const px_participant *p, void *ud)
{
	struct ctx *c = ud;
	int64_t nv, nc;

	participant_usage(c->db, p->id, &nv, &nc);
	assert_true(p->id > 0 && (size_t)p->id < c->n);
	assert_int_equal(c->nv[p->id], nv);
	assert_int_equal(c->nc[p->id], nc);
	c->checked++;
	c->used += nv > 0 && nc > 0;
	return 0;
}

static void check_people(px_summary *s, px_db *db)
{
	struct ctx c = { .db = db };
	px_err e = { 0 };

	assert_int_equal(summary_participant_usage(s, &c.nv, &c.nc, &c.n, &e), PX_OK);
	assert_int_equal(participant_each(db, check_person, &c, &e), PX_OK);
	assert_true(c.checked > 1);
	assert_true(c.used > 0);       /* not all zeros on both sides */
	free(c.nv);
	free(c.nc);
}

static void check_codes(px_summary *s, px_db *db)
{
	int64_t *ids, *counts, *ours, total = 0;
	size_t n, nours;
	px_err e = { 0 };

	assert_int_equal(browse_code_counts(db, &ids, &counts, &n, &e), PX_OK);
	assert_int_equal(summary_code_usage(s, &ours, &nours, &e), PX_OK);
	assert_true(n > 1);
	for (size_t i = 0; i < n; i++) {
		assert_true(ids[i] > 0 && (size_t)ids[i] < nours);
		assert_int_equal(ours[ids[i]], counts[i]);
		total += counts[i];
	}
	for (size_t id = 0; id < nours; id++)
		total -= ours[id];
	assert_int_equal(total, 0);    /* no code counted that the store lacks */
	free(ids);
	free(counts);
	free(ours);
}

static int first_coding(const px_coding *c, void *ud)
{
	if (!*(int64_t *)ud && c->participants.n)
		*(int64_t *)ud = c->id;
	return 0;
}

static void test_usage_matches_store(void **state)
{
	char *path = xasprintf("%s/samples/nightshift.yaml", fx_top());
	char *yaml = fx_read_file(path, NULL);
	px_db *db = fx_db_with(yaml);
	summary_filter f = { 0 };
	px_summary *s = NULL;
	int64_t victim = 0;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(summary_open(db, &s, &e), PX_OK);
	check_people(s, db);
	check_codes(s, db);
	/* a filter narrows the summaries, never these counts */
	f.coder = fx_coder(db, "jt");
	assert_true(f.coder > 0);
	assert_int_equal(summary_set_filter(s, &f, &e), PX_OK);
	check_people(s, db);
	check_codes(s, db);
	/* they follow a removal */
	coding_query q = CODING_QUERY_ALL;
	assert_int_equal(coding_each(db, &q, first_coding, &victim, &e), PX_OK);
	assert_true(victim > 0);
	assert_int_equal(coding_delete(db, victim, &e), PX_OK);
	check_people(s, db);
	check_codes(s, db);
	summary_close(s);
	db_close(db);
	free(yaml);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_usage_matches_store),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
