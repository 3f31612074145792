/* test_negotiate.c: the disagreements of two coders and the decisions
 * recorded under the consensus coder (the core API of the TUI's
 * negotiation view), without a terminal. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/agree.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/negotiate.h"
#include "fixture.h"

/* fx_two_coder_corpus: a and b disagree on SR/tools and JE/rhythms in v1. */
struct pair {
	px_db *db;
	int64_t a, b, v1, tools, rhythms;
};

static struct pair setup_pair(void)
{
	struct pair p;
	char msg[1024];

	p.db = fx_db();
	if (fx_import(p.db, fx_two_coder_corpus, msg, sizeof(msg)))
		fail_msg("import: %s", msg);
	p.a = fx_coder(p.db, "a");
	p.b = fx_coder(p.db, "b");
	p.v1 = fx_vignette(p.db, "v1");
	p.tools = fx_code(p.db, "SR/tools");
	p.rhythms = fx_code(p.db, "JE/rhythms");
	return p;
}

static void test_runs(void **state)
{
	agree_span a[] = { { 2, 6 } }, b[] = { { 4, 8 } };
	negotiate_seg *s;
	size_t n;

	(void)state;
	negotiate_runs(10, a, 1, b, 1, &s, &n);
	assert_int_equal(n, 3);
	assert_int_equal(s[0].start, 2);
	assert_int_equal(s[0].end, 4);
	assert_int_equal(s[0].side, NEG_A_ONLY);
	assert_int_equal(s[1].start, 4);
	assert_int_equal(s[1].end, 6);
	assert_int_equal(s[1].side, NEG_BOTH);
	assert_int_equal(s[2].start, 6);
	assert_int_equal(s[2].end, 8);
	assert_int_equal(s[2].side, NEG_B_ONLY);
	free(s);
	assert_int_equal(negotiate_decision_parse("keep both"), NEG_KEEP_BOTH);
	assert_int_equal(negotiate_decision_parse("b"), NEG_KEEP_B);
	assert_int_equal(negotiate_decision_parse("maybe"), -1);
	assert_string_equal(negotiate_decision_name(NEG_DROP), "drop");
}

static void test_list_disagreements(void **state)
{
	struct pair p = setup_pair();
	negotiate_list l;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(negotiate_load(p.db, p.a, p.b, &l, &e), PX_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.resolved, 0);
	assert_int_equal(l.v[0].vignette_id, p.v1);
	assert_int_equal(l.v[0].ncodes, 2);
	/* by code id: JE/rhythms (a JE sub-code) was seeded before SR/tools */
	negotiate_code *r = &l.v[0].codes[0], *t = &l.v[0].codes[1];
	assert_int_equal(r->code_id, p.rhythms);
	assert_int_equal(r->b_only, 5);
	assert_int_equal(r->nsegs, 1);
	assert_int_equal(r->segs[0].side, NEG_B_ONLY);
	assert_int_equal(t->code_id, p.tools);
	assert_int_equal(t->a_only, 4);
	assert_int_equal(t->both, 6);
	assert_int_equal(t->nsegs, 2);
	assert_int_equal(t->segs[0].start, 23);
	assert_int_equal(t->segs[0].end, 27);
	assert_int_equal(t->segs[0].side, NEG_A_ONLY);
	assert_int_equal(t->segs[1].side, NEG_BOTH);
	assert_int_equal(t->decision, NEG_UNRESOLVED);
	negotiate_list_free(&l);
	/* nothing was written: no consensus coder yet */
	int64_t cons = -1;
	assert_int_equal(negotiate_consensus_coder(p.db, 0, &cons, &e), PX_OK);
	assert_int_equal(cons, 0);
	db_close(p.db);
}

struct collect {
	int n;
	int64_t start[8], end[8];
	char *memo[8];
};

static int collect_coding(const px_coding *c, void *ud)
{
	struct collect *k = ud;

	if (k->n < 8) {
		k->start[k->n] = c->start;
		k->end[k->n] = c->end;
		k->memo[k->n] = xstrdup(c->memo);
	}
	k->n++;
	return 0;
}

static struct collect consensus_codings(struct pair *p, int64_t code)
{
	struct collect k;
	coding_query q = CODING_QUERY_ALL;
	px_err e = { 0 };

	memset(&k, 0, sizeof(k));
	q.vignette_id = p->v1;
	q.code_id = code;
	q.coder_id = fx_coder(p->db, NEGOTIATE_CONSENSUS);
	assert_int_equal(coding_each(p->db, &q, collect_coding, &k, &e), PX_OK);
	return k;
}

static void collect_free(struct collect *k)
{
	for (int i = 0; i < k->n && i < 8; i++)
		free(k->memo[i]);
}

static void assert_progress(struct pair *p, int64_t resolved, int64_t total)
{
	int64_t r, t;
	px_err e = { 0 };

	assert_int_equal(negotiate_progress(p->db, p->a, p->b, &r, &t, &e), PX_OK);
	assert_int_equal(r, resolved);
	assert_int_equal(t, total);
}

static void test_keep_a_then_b_then_both(void **state)
{
	struct pair p = setup_pair();
	int64_t before = coding_count(p.db);
	struct collect k;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, NEG_KEEP_A,
					   "the pile is the tool", &e), PX_OK);
	k = consensus_codings(&p, p.tools);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.start[0], 23);
	assert_int_equal(k.end[0], 33);
	/* the coder's memo stays, the decision follows */
	assert_string_equal(k.memo[0], "the pile itself\n[negotiated SR/tools (a vs b): keep A"
			    " -- the pile is the tool]");
	collect_free(&k);
	assert_int_equal(coding_count(p.db), before + 1);
	assert_progress(&p, 1, 2);

	/* deciding again replaces the earlier decision */
	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, NEG_KEEP_B, NULL, &e),
			 PX_OK);
	k = consensus_codings(&p, p.tools);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.start[0], 27);
	assert_string_equal(k.memo[0], "negotiated SR/tools (a vs b): keep B");
	collect_free(&k);

	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, NEG_KEEP_BOTH, NULL,
					   &e), PX_OK);
	k = consensus_codings(&p, p.tools);
	assert_int_equal(k.n, 2);
	collect_free(&k);
	assert_int_equal(coding_count(p.db), before + 2);
	assert_progress(&p, 1, 2);

	/* the list reports the decision for the view */
	negotiate_vignette v;
	assert_int_equal(negotiate_load_vignette(p.db, p.a, p.b, p.v1, &v, &e), PX_OK);
	assert_int_equal(v.ncodes, 2);
	assert_int_equal(v.resolved, 1);
	assert_int_equal(v.codes[1].decision, NEG_KEEP_BOTH);
	assert_true(v.codes[1].memo_id > 0);
	assert_int_equal(v.codes[0].decision, NEG_UNRESOLVED);
	negotiate_vignette_free(&v);
	db_close(p.db);
}

static int count_memo(const px_memo *m, void *ud)
{
	(void)m;
	(*(int *)ud)++;
	return 0;
}

static void test_drop_and_unresolve(void **state)
{
	struct pair p = setup_pair();
	int64_t before = coding_count(p.db);
	struct collect k;
	int memos = 0;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.rhythms, NEG_DROP,
					   "not a rhythm", &e), PX_OK);
	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, NEG_KEEP_A, NULL, &e),
			 PX_OK);
	assert_progress(&p, 2, 2);
	k = consensus_codings(&p, p.rhythms);
	assert_int_equal(k.n, 0);
	collect_free(&k);
	/* a drop leaves no coding, only the decision memo */
	assert_int_equal(memo_each(p.db, MEMO_VIGNETTE, p.v1, count_memo, &memos, &e), PX_OK);
	assert_int_equal(memos, 2);

	assert_int_equal(negotiate_unresolve(p.db, p.a, p.b, p.v1, p.tools, &e), PX_OK);
	assert_progress(&p, 1, 2);
	k = consensus_codings(&p, p.tools);
	assert_int_equal(k.n, 0);
	collect_free(&k);
	/* A's and B's own codings were never touched */
	assert_int_equal(coding_count(p.db), before);
	memos = 0;
	assert_int_equal(memo_each(p.db, MEMO_VIGNETTE, p.v1, count_memo, &memos, &e), PX_OK);
	assert_int_equal(memos, 1);
	db_close(p.db);
}

static void test_bad_decisions(void **state)
{
	struct pair p = setup_pair();
	int64_t before = coding_count(p.db);
	px_err e = { 0 };

	(void)state;
	assert_int_not_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, 9, NULL, &e), PX_OK);
	assert_int_not_equal(negotiate_resolve(p.db, p.a, p.a, p.v1, p.tools, NEG_KEEP_A, NULL,
					       &e), PX_OK);
	/* the consensus coder cannot negotiate with itself */
	int64_t cons;
	assert_int_equal(negotiate_consensus_coder(p.db, 1, &cons, &e), PX_OK);
	assert_int_not_equal(negotiate_resolve(p.db, cons, p.b, p.v1, p.tools, NEG_KEEP_A, NULL,
					       &e), PX_OK);
	assert_non_null(strstr(e.msg, "consensus"));
	assert_int_equal(coding_count(p.db), before);
	db_close(p.db);
}

static void test_edit_and_settled(void **state)
{
	struct pair p = setup_pair();
	agree_result r;
	agree_table st;
	negotiate_list l;
	px_coding c = { 0 };
	px_err e = { 0 };
	int64_t cons;
	char *note;

	(void)state;
	assert_int_equal(agree_compute(p.db, p.a, p.b, 0, AGREE_SEGMENT, &r, &e), PX_OK);
	/* keep A on SR/tools: its 4 A-only points become both */
	assert_int_equal(negotiate_resolve(p.db, p.a, p.b, p.v1, p.tools, NEG_KEEP_A, "x", &e),
			 PX_OK);
	assert_int_equal(negotiate_load(p.db, p.a, p.b, &l, &e), PX_OK);
	assert_int_equal(negotiate_settled(p.db, &l, &r.overall, &st, &e), PX_OK);
	assert_int_equal(st.both, r.overall.both + 4);
	assert_int_equal(st.a_only, r.overall.a_only - 4);
	assert_int_equal(st.b_only, r.overall.b_only);
	assert_int_equal(st.neither, r.overall.neither);
	note = negotiate_memo_note(p.db, p.v1, l.v[0].codes[1].memo_id);
	assert_string_equal(note, "x");
	free(note);
	negotiate_list_free(&l);

	/* by hand: the consensus codes 0-2 with JE/rhythms, recorded as edited */
	assert_int_equal(negotiate_consensus_coder(p.db, 0, &cons, &e), PX_OK);
	c.vignette_id = p.v1;
	c.code_id = p.rhythms;
	c.coder_id = cons;
	c.start = 0;
	c.end = 2;
	assert_int_equal(coding_add(p.db, &c, &e), PX_OK);
	coding_free(&c);
	assert_int_equal(negotiate_record_edit(p.db, p.a, p.b, p.v1, p.rhythms, NULL, &e), PX_OK);
	assert_int_equal(negotiate_load(p.db, p.a, p.b, &l, &e), PX_OK);
	assert_int_equal(l.resolved, 2);
	assert_int_equal(l.v[0].codes[0].decision, NEG_UNRESOLVED);
	assert_true(l.v[0].codes[0].memo_id > 0);
	assert_null(negotiate_memo_note(p.db, p.v1, l.v[0].codes[0].memo_id));
	/* B's 5 points: 2 now both, 3 neither */
	assert_int_equal(negotiate_settled(p.db, &l, &r.overall, &st, &e), PX_OK);
	assert_int_equal(st.both, r.overall.both + 4 + 2);
	assert_int_equal(st.b_only, r.overall.b_only - 5);
	assert_int_equal(st.neither, r.overall.neither + 3);
	assert_int_equal(agree_total(&st), agree_total(&r.overall));
	negotiate_list_free(&l);
	agree_result_free(&r);
	db_close(p.db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_runs),
		cmocka_unit_test(test_list_disagreements),
		cmocka_unit_test(test_keep_a_then_b_then_both),
		cmocka_unit_test(test_drop_and_unresolve),
		cmocka_unit_test(test_bad_decisions),
		cmocka_unit_test(test_edit_and_settled),
	};
	return cmocka_run_group_tests_name("negotiate", tests, NULL, NULL);
}
