/* test_summary.c: the four summaries on a small corpus whose every number
 * was counted by hand (see the comments by each assertion), unfiltered and
 * under each filter; and the `praxis summary` command's columns and errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/codebook.h"
#include "praxis/entity.h"
#include "praxis/summary.h"
#include "praxis/project.h"
#include "fixture.h"

/* Participants ann=1, bob=2 (clerks), cat=3 (supervisor), dan=4 (no role).
 * v1 2026-01-10 north [ann bob]:  c1 SR/tools ann pile "a queue" said by ann (coder a)
 *                                 c2 SR/words bob slang "a joke" said by bob (b)
 *                                 c3 ME/mutual relationships/support ann,bob (a)
 *                                 c4 JE/mutual accountability ann quota upheld
 *                                    held_by bob (a)
 * v2 2026-01-20 north [ann cat]:  c5 SR/tools ann,cat pile "a queue" said by cat (a)
 *                                 c6 ME/mutual relationships/conflict cat (b)
 *                                 c7 JE/mutual accountability ann quota breached
 *                                    held_by cat (b)
 * v3 2026-02-05 south [bob cat dan]: c8 SR/tools dan pile "a burden" (a; the
 *                                    analyst's gloss: no speaker)
 *                                 c9 SR/words, nobody, no entry (a)
 *                                 c10 ME dan (b)
 *                                 c11 JE/mutual accountability bob nice contested
 *                                    held_by cat,dan (a)
 * v4 2026-03-01 south [dan]:      no codings
 * v5 2026-03-15 north [ann]:      c12 JE/negotiated enterprise, nobody (a) */
static const char corpus[] =
	"praxis: 1\n"
	"project: Summary fixture\n"
	"coders:\n"
	"  - id: a\n"
	"  - id: b\n"
	"communities:\n"
	"  - id: north\n"
	"  - id: south\n"
	"repertoire:\n"
	"  - {id: pile, name: the pile, kind: tool, reified: true}\n"
	"  - {id: slang, name: the slang, kind: word, reified: false}\n"
	"  - {id: unused, name: never seen, kind: story}\n"
	"accountability:\n"
	"  - {id: quota, name: meet the quota, reified: true}\n"
	"  - {id: nice, name: be nice, reified: false}\n"
	"participants:\n"
	"  - {id: ann, pseudonym: Ann, role: clerk}\n"
	"  - {id: bob, pseudonym: Bob, role: clerk}\n"
	"  - {id: cat, pseudonym: Cat, role: supervisor}\n"
	"  - {id: dan, pseudonym: Dan}\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: one\n"
	"    date: 2026-01-10\n"
	"    community: north\n"
	"    participants: [ann, bob]\n"
	"    text: Ann moved the pile. Bob laughed.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [ann], repertoire: pile,"
	" interpretation: a queue, speaker: ann}\n"
	"      - {code: SR/words, coder: b, participants: [bob], repertoire: slang,"
	" interpretation: a joke, speaker: bob}\n"
	"      - {code: ME/mutual relationships/support, coder: a, participants: [ann, bob]}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [ann],"
	" accountability: quota, stance: upheld, held_by: [bob]}\n"
	"  - id: v2\n"
	"    title: two\n"
	"    date: 2026-01-20\n"
	"    community: north\n"
	"    participants: [ann, cat]\n"
	"    text: Cat frowned at the pile.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [ann, cat], repertoire: pile,"
	" interpretation: a queue, speaker: cat}\n"
	"      - {code: ME/mutual relationships/conflict, coder: b, participants: [cat]}\n"
	"      - {code: JE/mutual accountability, coder: b, participants: [ann],"
	" accountability: quota, stance: breached, held_by: [cat]}\n"
	"  - id: v3\n"
	"    title: three\n"
	"    date: 2026-02-05\n"
	"    community: south\n"
	"    participants: [bob, cat, dan]\n"
	"    text: Dan carried the pile away.\n"
	"    codings:\n"
	"      - {code: SR/tools, coder: a, participants: [dan], repertoire: pile,"
	" interpretation: a burden}\n"
	"      - {code: SR/words, coder: a}\n"
	"      - {code: ME, coder: b, participants: [dan]}\n"
	"      - {code: JE/mutual accountability, coder: a, participants: [bob],"
	" accountability: nice, stance: contested, held_by: [cat, dan]}\n"
	"  - id: v4\n"
	"    title: four\n"
	"    date: 2026-03-01\n"
	"    community: south\n"
	"    participants: [dan]\n"
	"    text: Nothing happened.\n"
	"  - id: v5\n"
	"    title: five\n"
	"    date: 2026-03-15\n"
	"    community: north\n"
	"    participants: [ann]\n"
	"    text: Ann read the memo.\n"
	"    codings:\n"
	"      - {code: JE/negotiated enterprise, coder: a}\n";

struct fx {
	px_db *db;
	px_summary *s;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char msg[1024];
	px_err e = { 0 };

	f->db = fx_db();
	if (fx_import(f->db, corpus, msg, sizeof(msg)) != PX_OK)
		fail_msg("import: %s", msg);
	if (summary_open(f->db, &f->s, &e))
		fail_msg("summary_open: %s", e.msg);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	summary_close(f->s);
	db_close(f->db);
	free(f);
	return 0;
}

static void set_filter(struct fx *f, summary_filter flt)
{
	px_err e = { 0 };

	if (summary_set_filter(f->s, &flt, &e))
		fail_msg("filter: %s", e.msg);
}

static int date_of(const char *s)
{
	int d = 0;

	assert_int_equal(summary_parse_date(s, &d, NULL), PX_OK);
	return d;
}

/* ---- repertoire ---- */

struct rep {
	summary_rep_row *rows;
	size_t n;
};

static struct rep rep_get(struct fx *f)
{
	struct rep r;
	px_err e = { 0 };

	assert_int_equal(summary_repertoire(f->s, &r.rows, &r.n, &e), PX_OK);
	assert_int_equal(r.n, 3);
	return r;
}

static const summary_rep_row *rep_row(const struct rep *r, const char *id)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->rows[i].ext_id, id) == 0)
			return &r->rows[i];
	fail_msg("no repertoire row %s", id);
	return NULL;
}

static void assert_rep(const summary_rep_row *r, int64_t occ, int64_t parts, int64_t vigs,
		       const char *first, const char *last, size_t ninterp)
{
	assert_int_equal(r->occurrences, occ);
	assert_int_equal(r->participants, parts);
	assert_int_equal(r->vignettes, vigs);
	assert_int_equal(r->first_seen, first ? date_of(first) : 0);
	assert_int_equal(r->last_seen, last ? date_of(last) : 0);
	assert_int_equal(r->ninterp, ninterp);
}

static void test_repertoire(void **state)
{
	struct fx *f = *state;
	struct rep r = rep_get(f);
	const summary_rep_row *pile = rep_row(&r, "pile");
	idlist un;
	px_err e = { 0 };

	/* pile: c1 c5 c8; people ann, ann+cat, dan; v1 v2 v3; members'
	 * readings: "a queue" (ann, cat); the analyst's gloss "a burden" */
	assert_rep(pile, 3, 3, 3, "2026-01-10", "2026-02-05", 1);
	assert_string_equal(pile->kind, "tool");
	assert_int_equal(pile->reified, 1);
	assert_string_equal(pile->interp[0].text, "a queue");
	assert_int_equal(pile->interp[0].count, 2);
	assert_int_equal(pile->nglosses, 1);
	assert_string_equal(pile->gloss[0].text, "a burden");
	assert_int_equal(pile->gloss[0].count, 1);
	assert_rep(rep_row(&r, "slang"), 1, 1, 1, "2026-01-10", "2026-01-10", 1);
	assert_int_equal(rep_row(&r, "slang")->reified, 0);
	assert_rep(rep_row(&r, "unused"), 0, 0, 0, NULL, NULL, 0);
	assert_int_equal(rep_row(&r, "unused")->reified, -1);
	summary_repertoire_free(r.rows, r.n);
	/* c9 is the only SR coding without an entry */
	assert_int_equal(summary_unlinked(f->s, &un, &e), PX_OK);
	assert_int_equal(un.n, 1);
	assert_int_equal(un.v[0], 9);
	idl_free(&un);
}

static void test_repertoire_filters(void **state)
{
	struct fx *f = *state;
	struct rep r;
	idlist un;

	/* cat present at v2, v3: pile c5 (ann,cat) c8 (dan) */
	set_filter(f, (summary_filter){ .participant = fx_participant(f->db, "cat") });
	r = rep_get(f);
	assert_rep(rep_row(&r, "pile"), 2, 3, 2, "2026-01-20", "2026-02-05", 1);
	assert_rep(rep_row(&r, "slang"), 0, 0, 0, NULL, NULL, 0);
	summary_repertoire_free(r.rows, r.n);
	/* south is v3 only */
	set_filter(f, (summary_filter){ .community = 2 });
	r = rep_get(f);
	assert_rep(rep_row(&r, "pile"), 1, 1, 1, "2026-02-05", "2026-02-05", 0);
	assert_int_equal(rep_row(&r, "pile")->nglosses, 1);
	summary_repertoire_free(r.rows, r.n);
	/* coder b made c2 only among the repertoire codings */
	set_filter(f, (summary_filter){ .coder = fx_coder(f->db, "b") });
	r = rep_get(f);
	assert_rep(rep_row(&r, "pile"), 0, 0, 0, NULL, NULL, 0);
	assert_rep(rep_row(&r, "slang"), 1, 1, 1, "2026-01-10", "2026-01-10", 1);
	summary_repertoire_free(r.rows, r.n);
	assert_int_equal(summary_unlinked(f->s, &un, NULL), PX_OK);
	assert_int_equal(un.n, 0);
	idl_free(&un);
	/* SR/tools: c1 c5 c8, all of pile; c9 (SR/words) is outside */
	set_filter(f, (summary_filter){ .code = fx_code(f->db, "SR/tools") });
	r = rep_get(f);
	assert_rep(rep_row(&r, "pile"), 3, 3, 3, "2026-01-10", "2026-02-05", 1);
	assert_rep(rep_row(&r, "slang"), 0, 0, 0, NULL, NULL, 0);
	summary_repertoire_free(r.rows, r.n);
	/* 2026-01-15..2026-01-31 is v2: c5 */
	set_filter(f, (summary_filter){ .from = 20260115, .to = 20260131 });
	r = rep_get(f);
	assert_rep(rep_row(&r, "pile"), 1, 2, 1, "2026-01-20", "2026-01-20", 1);
	summary_repertoire_free(r.rows, r.n);
}

/* ---- accountability ---- */

static const summary_acc_row *acc_row(summary_acc_row *rows, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].ext_id, id) == 0)
			return &rows[i];
	fail_msg("no accountability row %s", id);
	return NULL;
}

static void test_accountability(void **state)
{
	struct fx *f = *state;
	summary_acc_row *rows;
	const summary_acc_row *q, *nice;
	size_t n;
	int64_t ann = fx_participant(f->db, "ann"), bob = fx_participant(f->db, "bob");
	int64_t cat = fx_participant(f->db, "cat"), dan = fx_participant(f->db, "dan");

	assert_int_equal(summary_accountability(f->s, &rows, &n, NULL), PX_OK);
	assert_int_equal(n, 2);
	/* quota: c4 upheld (v1, bob held ann), c7 breached (v2, cat held ann) */
	q = acc_row(rows, n, "quota");
	assert_int_equal(q->occurrences, 2);
	assert_int_equal(q->stance[STANCE_UPHELD], 1);
	assert_int_equal(q->stance[STANCE_BREACHED], 1);
	assert_int_equal(q->stance[STANCE_NEGOTIATED], 0);
	assert_int_equal(q->stance[STANCE_CONTESTED], 0);
	assert_int_equal(q->first_seen, 20260110);
	assert_int_equal(q->last_seen, 20260120);
	assert_int_equal(q->nheld, 2);
	assert_int_equal(q->held[0].a, bob);
	assert_int_equal(q->held[0].b, ann);
	assert_int_equal(q->held[0].count, 1);
	assert_int_equal(q->held[1].a, cat);
	assert_int_equal(q->held[1].b, ann);
	assert_int_equal(q->ntimeline, 1);
	assert_int_equal(q->timeline[0].month, 202601);
	assert_int_equal(q->timeline[0].count, 2);
	/* nice: c11 contested (v3), cat and dan held bob */
	nice = acc_row(rows, n, "nice");
	assert_int_equal(nice->occurrences, 1);
	assert_int_equal(nice->stance[STANCE_CONTESTED], 1);
	assert_int_equal(nice->reified, 0);
	assert_int_equal(nice->nheld, 2);
	assert_int_equal(nice->held[0].a, cat);
	assert_int_equal(nice->held[0].b, bob);
	assert_int_equal(nice->held[1].a, dan);
	assert_int_equal(nice->ntimeline, 1);
	assert_int_equal(nice->timeline[0].month, 202602);
	summary_accountability_free(rows, n);

	/* coder b: c7 only */
	set_filter(f, (summary_filter){ .coder = fx_coder(f->db, "b") });
	assert_int_equal(summary_accountability(f->s, &rows, &n, NULL), PX_OK);
	q = acc_row(rows, n, "quota");
	assert_int_equal(q->occurrences, 1);
	assert_int_equal(q->stance[STANCE_UPHELD], 0);
	assert_int_equal(q->stance[STANCE_BREACHED], 1);
	assert_int_equal(q->first_seen, 20260120);
	assert_int_equal(acc_row(rows, n, "nice")->occurrences, 0);
	assert_int_equal(acc_row(rows, n, "nice")->first_seen, 0);
	summary_accountability_free(rows, n);

	/* dan: present at v3, v4; names in c8, c10, c11 (held_by) -- all v3 */
	set_filter(f, (summary_filter){ .participant = dan });
	assert_int_equal(summary_accountability(f->s, &rows, &n, NULL), PX_OK);
	assert_int_equal(acc_row(rows, n, "quota")->occurrences, 0);
	assert_int_equal(acc_row(rows, n, "nice")->occurrences, 1);
	summary_accountability_free(rows, n);

	/* code JE/mutual accountability with from 2026-01-15: c7 and c11 */
	set_filter(f, (summary_filter){ .code = fx_code(f->db, "JE/mutual accountability"),
					.from = 20260115 });
	assert_int_equal(summary_accountability(f->s, &rows, &n, NULL), PX_OK);
	assert_int_equal(acc_row(rows, n, "quota")->occurrences, 1);
	assert_int_equal(acc_row(rows, n, "nice")->occurrences, 1);
	summary_accountability_free(rows, n);
}

/* ---- engagement ---- */

static int64_t pair(const summary_engagement *g, int64_t a, int64_t b)
{
	for (size_t i = 0; i < g->npairs; i++)
		if (g->pairs[i].a == a && g->pairs[i].b == b)
			return g->pairs[i].count;
	return 0;
}

static const summary_person *person(const summary_engagement *g, int64_t id)
{
	for (size_t i = 0; i < g->npeople; i++)
		if (g->people[i].id == id)
			return &g->people[i];
	fail_msg("no person %lld", (long long)id);
	return NULL;
}

static void test_engagement(void **state)
{
	struct fx *f = *state;
	summary_engagement g;
	const summary_person *p;

	assert_int_equal(summary_engagement_get(f->s, &g, NULL), PX_OK);
	/* ME codings: c3 names ann and bob; c6 names cat alone, c10 dan alone
	 * (being present at v2 or v3 is not engagement) */
	assert_int_equal(g.npairs, 1);
	assert_int_equal(pair(&g, 1, 2), 1);
	assert_int_equal(pair(&g, 1, 3), 0);
	assert_int_equal(pair(&g, 2, 3), 0);
	/* ties: ann-bob all, ME/mutual relationships, .../support */
	assert_int_equal(g.nties, 3);
	assert_int_equal(g.ties[0].quality, 0);
	assert_int_equal(g.ties[1].quality, fx_code(f->db, "ME/mutual relationships"));
	assert_int_equal(g.ties[2].quality, fx_code(f->db, "ME/mutual relationships/support"));
	assert_int_equal(g.ties[2].codings, 1);
	assert_int_equal(g.ties[2].first_seen, 20260110);
	/* nothing is coded under ME/diversity and partiality: the roles
	 * (clerk, clerk) do not make anyone overlapping */
	assert_int_equal(g.overlapping, 0);
	assert_int_equal(g.complementary, 0);
	assert_int_equal(g.conflict, 1);         /* c6 */
	assert_int_equal(g.support, 1);          /* c3 */
	assert_int_equal(g.npeople, 4);
	p = person(&g, 1);                       /* ann: c1 c3 c4 c5 c7 */
	assert_int_equal(p->dims[0], 5);
	assert_int_equal(p->dims[CODE_ME], 1);
	assert_int_equal(p->dims[CODE_JE], 2);
	assert_int_equal(p->dims[CODE_SR], 2);
	assert_int_equal(p->complementary, 0);
	assert_int_equal(p->overlapping, 0);
	assert_int_equal(p->support, 1);
	assert_int_equal(p->conflict, 0);
	p = person(&g, 3);                       /* cat: c5 c6 */
	assert_int_equal(p->dims[0], 2);
	assert_int_equal(p->complementary, 0);
	assert_int_equal(p->overlapping, 0);
	assert_int_equal(p->conflict, 1);
	p = person(&g, 4);                       /* dan: c8 c10 */
	assert_int_equal(p->dims[CODE_ME], 1);
	assert_int_equal(p->dims[CODE_SR], 1);
	assert_int_equal(p->complementary + p->overlapping, 0);
	/* roles sorted by name: "" (dan), clerk, supervisor */
	assert_int_equal(g.nroles, 3);
	assert_string_equal(g.roles[0].role, "");
	assert_int_equal(g.roles[0].dims[0], 2);
	assert_string_equal(g.roles[1].role, "clerk");
	assert_int_equal(g.roles[1].dims[CODE_ME], 1);   /* c3 once for two clerks */
	assert_int_equal(g.roles[1].dims[CODE_JE], 3);   /* c4 c7 c11 */
	assert_int_equal(g.roles[1].dims[CODE_SR], 3);   /* c1 c2 c5 */
	assert_string_equal(g.roles[2].role, "supervisor");
	assert_int_equal(g.roles[2].dims[0], 2);
	summary_engagement_free(&g);

	/* ME/mutual relationships and sub-codes: c3, c6 */
	set_filter(f, (summary_filter){ .code = fx_code(f->db, "ME/mutual relationships") });
	assert_int_equal(summary_engagement_get(f->s, &g, NULL), PX_OK);
	assert_int_equal(g.npairs, 1);
	assert_int_equal(pair(&g, 1, 2), 1);
	assert_int_equal(pair(&g, 1, 3), 0);
	summary_engagement_free(&g);

	/* cat: v2 and v3 codings: c6 and c10 (each names one person) */
	set_filter(f, (summary_filter){ .participant = 3 });
	assert_int_equal(summary_engagement_get(f->s, &g, NULL), PX_OK);
	assert_int_equal(g.npairs, 0);
	assert_int_equal(pair(&g, 1, 2), 0);
	assert_int_equal(g.support, 0);
	assert_int_equal(g.conflict, 1);
	summary_engagement_free(&g);

	/* north to the end of January: c3, c6 */
	set_filter(f, (summary_filter){ .community = 1, .to = 20260131 });
	assert_int_equal(summary_engagement_get(f->s, &g, NULL), PX_OK);
	assert_int_equal(g.npairs, 1);
	assert_int_equal(g.complementary, 0);
	assert_int_equal(g.overlapping, 0);
	summary_engagement_free(&g);
}

/* ---- coverage ---- */

static const summary_code_row *code_row(const summary_coverage *c, int64_t id)
{
	for (size_t i = 0; i < c->ncodes; i++)
		if (c->codes[i].code_id == id)
			return &c->codes[i];
	fail_msg("no coverage row for code %lld", (long long)id);
	return NULL;
}

static void assert_code(struct fx *f, const summary_coverage *c, const char *path,
			int64_t codings, int64_t vignettes, int64_t participants)
{
	const summary_code_row *r = code_row(c, fx_code(f->db, path));

	if (r->codings != codings || r->vignettes != vignettes ||
	    r->participants != participants)
		fail_msg("%s: %lld %lld %lld, want %lld %lld %lld", path, (long long)r->codings,
			 (long long)r->vignettes, (long long)r->participants,
			 (long long)codings, (long long)vignettes, (long long)participants);
}

static void assert_dims(const summary_dim_count *r, int64_t key, int64_t me, int64_t je,
			int64_t sr)
{
	assert_int_equal(r->key, key);
	assert_int_equal(r->dims[CODE_ME], me);
	assert_int_equal(r->dims[CODE_JE], je);
	assert_int_equal(r->dims[CODE_SR], sr);
	assert_int_equal(r->dims[0], me + je + sr);
}

static void test_coverage(void **state)
{
	struct fx *f = *state;
	summary_coverage c;

	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_int_equal(c.ncodes, 29);
	assert_int_equal(c.codes[0].code_id, CODE_ME);
	assert_code(f, &c, "ME", 3, 3, 4);
	assert_code(f, &c, "ME/mutual relationships", 2, 2, 3);
	assert_code(f, &c, "ME/mutual relationships/support", 1, 1, 2);
	assert_code(f, &c, "ME/mutual relationships/conflict", 1, 1, 1);
	assert_code(f, &c, "ME/enabling engagement", 0, 0, 0);
	assert_code(f, &c, "JE", 4, 4, 2);
	assert_code(f, &c, "JE/mutual accountability", 3, 3, 2);
	assert_code(f, &c, "JE/negotiated enterprise", 1, 1, 0);
	assert_code(f, &c, "SR", 5, 3, 4);
	assert_code(f, &c, "SR/tools", 3, 3, 3);
	assert_code(f, &c, "SR/words", 2, 2, 1);
	/* by participant: ann bob cat dan (named by codings) */
	assert_int_equal(c.nparticipant, 4);
	assert_dims(&c.by_participant[0], 1, 1, 2, 2);
	assert_dims(&c.by_participant[1], 2, 1, 1, 1);
	assert_dims(&c.by_participant[2], 3, 1, 0, 1);
	assert_dims(&c.by_participant[3], 4, 1, 0, 1);
	/* north (v1 v2 v5), south (v3) */
	assert_int_equal(c.ncommunity, 2);
	assert_dims(&c.by_community[0], 1, 2, 3, 3);
	assert_dims(&c.by_community[1], 2, 1, 1, 2);
	assert_int_equal(c.nmonth, 3);
	assert_dims(&c.by_month[0], 202601, 2, 2, 3);
	assert_dims(&c.by_month[1], 202602, 1, 1, 2);
	assert_dims(&c.by_month[2], 202603, 0, 1, 0);
	assert_int_equal(c.uncoded.n, 1);
	assert_int_equal(c.uncoded.v[0], fx_vignette(f->db, "v4"));
	assert_int_equal(c.single.n, 1);
	assert_int_equal(c.single.v[0], fx_vignette(f->db, "v5"));
	summary_coverage_free(&c);

	/* coder b: c2 (v1 SR), c6 c7 (v2 ME JE), c10 (v3 ME) */
	set_filter(f, (summary_filter){ .coder = fx_coder(f->db, "b") });
	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_code(f, &c, "ME", 2, 2, 2);
	assert_code(f, &c, "JE", 1, 1, 1);
	assert_code(f, &c, "SR", 1, 1, 1);
	assert_int_equal(c.uncoded.n, 2);        /* v4 v5 */
	assert_int_equal(c.single.n, 2);         /* v1 v3 */
	assert_int_equal(c.single.v[0], fx_vignette(f->db, "v1"));
	assert_int_equal(c.single.v[1], fx_vignette(f->db, "v3"));
	summary_coverage_free(&c);

	/* south: v3 (c8..c11) and v4 */
	set_filter(f, (summary_filter){ .community = 2 });
	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_code(f, &c, "SR", 2, 1, 1);
	assert_code(f, &c, "ME", 1, 1, 1);
	assert_int_equal(c.uncoded.n, 1);
	assert_int_equal(c.single.n, 0);
	summary_coverage_free(&c);

	/* cat present at v2 v3: the thin lists see only those */
	set_filter(f, (summary_filter){ .participant = 3 });
	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_code(f, &c, "ME", 2, 2, 2);
	assert_code(f, &c, "JE", 2, 2, 2);
	assert_code(f, &c, "SR", 3, 2, 3);
	assert_int_equal(c.uncoded.n + c.single.n, 0);
	summary_coverage_free(&c);

	/* from March: v4 (uncoded), v5 (JE only) */
	set_filter(f, (summary_filter){ .from = 20260301 });
	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_code(f, &c, "JE", 1, 1, 0);
	assert_code(f, &c, "SR", 0, 0, 0);
	assert_int_equal(c.uncoded.n, 1);
	assert_int_equal(c.single.n, 1);
	assert_int_equal(c.nmonth, 1);
	summary_coverage_free(&c);

	/* SR/words: c2 c9 */
	set_filter(f, (summary_filter){ .code = fx_code(f->db, "SR/words") });
	assert_int_equal(summary_coverage_get(f->s, &c, NULL), PX_OK);
	assert_code(f, &c, "SR", 2, 2, 1);
	assert_code(f, &c, "SR/tools", 0, 0, 0);
	assert_code(f, &c, "JE", 0, 0, 0);
	summary_coverage_free(&c);
}

static void test_bad_filters(void **state)
{
	struct fx *f = *state;
	summary_filter flt = { .from = 20260301, .to = 20260101 };
	px_err e = { 0 };
	int d;

	assert_int_equal(summary_set_filter(f->s, &flt, &e), PX_EUSAGE);
	assert_non_null(strstr(e.msg, "from 2026-03-01 is after to 2026-01-01"));
	assert_int_equal(summary_parse_date("2026-02-30", &d, &e), PX_EUSAGE);
	assert_non_null(strstr(e.msg, "2026-02-30"));
	assert_int_equal(summary_parse_date("yesterday", &d, &e), PX_EUSAGE);
	flt = (summary_filter){ .code = 9999 };
	assert_int_equal(summary_set_filter(f->s, &flt, &e), PX_EUSAGE);
}

/* ---- the command ---- */

static char *cli_db;

static int cli_setup(void **state)
{
	(void)state;
	cli_db = fx_project_with(corpus);
	return 0;
}

static int cli_teardown(void **state)
{
	(void)state;
	free(cli_db);
	return 0;
}

static int run(const char *args, char **out, char **err)
{
	char *cmd = xasprintf("--db '%s' summary %s", cli_db, args);
	int st = fx_run(cmd, out, err);

	free(cmd);
	return st;
}

static void expect(const char *args, const char *want)
{
	char *out, *err;
	int st = run(args, &out, &err);

	if (st != 0 || strcmp(out, want) != 0)
		fail_msg("summary %s: exit %d\n%s\nwant:\n%s\nstderr: %s", args, st, out, want, err);
	free(out);
	free(err);
}

static void expect_error(const char *args, int status, const char *msg)
{
	char *out, *err;
	int st = run(args, &out, &err);

	if (st != status || !strstr(err, msg))
		fail_msg("summary %s: exit %d, stderr %s (want %d, '%s')", args, st, err, status,
			 msg);
	free(out);
	free(err);
}

static void test_cli_columns(void **state)
{
	(void)state;
	expect("--kind repertoire --format csv",
	       "id,name,kind,reified,occurrences,participants,vignettes,first_seen,"
	       "last_seen,interpretations,glosses,participation,reification\r\n"
	       "pile,the pile,tool,yes,3,3,3,2026-01-10,2026-02-05,1,1,0,0\r\n"
	       "slang,the slang,word,no,1,1,1,2026-01-10,2026-01-10,1,0,0,0\r\n"
	       "unused,never seen,story,,0,0,0,,,0,0,0,0\r\n");
	expect("--kind accountability --format csv --coder b",
	       "id,name,reified,occurrences,upheld,breached,negotiated,contested,"
	       "first_seen,last_seen,interpretations,participation,reification\r\n"
	       "quota,meet the quota,yes,1,0,1,0,0,2026-01-20,2026-01-20,0,0,0\r\n"
	       "nice,be nice,no,0,0,0,0,0,,,0,0,0\r\n");
	expect("--kind engagement --format csv --participant cat",
	       "participant_a,participant_b,quality,codings,vignettes,first_seen,last_seen\r\n");
	expect("--kind engagement --format csv --community north --to 2026-01-31",
	       "participant_a,participant_b,quality,codings,vignettes,first_seen,last_seen\r\n"
	       "ann,bob,all,1,1,2026-01-10,2026-01-10\r\n"
	       "ann,bob,ME/mutual relationships,1,1,2026-01-10,2026-01-10\r\n"
	       "ann,bob,ME/mutual relationships/support,1,1,2026-01-10,2026-01-10\r\n");
}

static void test_cli_coverage_and_errors(void **state)
{
	char *out, *err;

	(void)state;
	assert_int_equal(run("--kind coverage --format csv --code SR --from 2026-02-01", &out,
			     &err), 0);
	assert_non_null(strstr(out, "dimension,code,codings,vignettes,participants\r\n"
			       "ME,ME,0,0,0\r\n"));
	assert_non_null(strstr(out, "SR,SR,2,1,1\r\n"));
	assert_non_null(strstr(out, "SR,SR/words,1,1,0\r\n"));
	free(out);
	free(err);
	expect_error("--kind coverage --participant zed", 2, "--participant: no participant 'zed'");
	expect_error("--kind coverage --community east", 2, "--community");
	expect_error("--kind coverage --coder zz", 2, "--coder");
	expect_error("--kind coverage --code SR/nothing", 2, "--code");
	expect_error("--kind coverage --from 2026-13-01", 1, "--from: bad date '2026-13-01'");
	expect_error("--kind coverage --from 2026-03-01 --to 2026-01-01", 1, "is after");
	expect_error("--kind nonsense", 1, "--kind 'nonsense'");
	expect_error("", 1, "--kind");
	expect_error("--kind coverage --format xml", 1, "--format 'xml'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_repertoire, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repertoire_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_accountability, setup, teardown),
		cmocka_unit_test_setup_teardown(test_engagement, setup, teardown),
		cmocka_unit_test_setup_teardown(test_coverage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cli_columns, cli_setup, cli_teardown),
		cmocka_unit_test_setup_teardown(test_cli_coverage_and_errors, cli_setup,
						cli_teardown),
	};
	return cmocka_run_group_tests_name("summary", tests, NULL, NULL);
}
