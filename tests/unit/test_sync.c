/* test_sync.c: issue 20's done test. A bare repository and two clones;
 * coders a and b code different vignettes and the same one (both edit one
 * coding; one deletes a coding the other edits), and sync in both orders.
 * Afterwards both databases hold the same rows (codings, memos, decisions,
 * conflicts), nothing is lost, and the conflicts wait for a decision; a
 * decision made on one side reaches the other. Also: a work tree with
 * changes praxis did not make is refused, and a remote that cannot be
 * reached leaves a local commit; a change another connection makes during
 * a sync is never dropped by the sync's reading the merged tree. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/coding.h"
#include "praxis/memo.h"
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "dbcompare.h"
#include "fixture.h"

static const char corpus[] =
	"praxis: 1\n"
	"coders: [{id: a, name: Ann}, {id: b, name: Bo}]\n"
	"vignettes:\n"
	"  - id: v1\n"
	"    title: The board\n"
	"    date: 2026-03-02\n"
	"    text: Rosa wipes the whiteboard and writes the beds.\n"
	"    codings:\n"
	"      - {code: SR/tools, quote: whiteboard, coder: a, uuid: c1}\n"
	"      - {code: ME, quote: Rosa wipes, coder: a, uuid: c2}\n"
	"  - id: v2\n"
	"    title: The pager\n"
	"    date: 2026-03-03\n"
	"    text: The pager goes off twice.\n";

static void must(int rc, const px_err *e, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, e->msg);
}

static void sh(const char *cmd)
{
	if (system(cmd) != 0)
		fail_msg("failed: %s", cmd);
}

/* The built binary, by an absolute path: git runs the driver in the
 * work tree. */
static char *praxis_bin(void)
{
	char *rel = xasprintf("%s/praxis", fx_top()), *abs = realpath(rel, NULL);

	assert_non_null(abs);
	free(rel);
	return abs;
}

static sync_result sync_as(px_db *db, const char *dir, const char *coder)
{
	char *self = praxis_bin();
	sync_opts o = { 0 };
	sync_result r = { 0 };
	px_err e = { 0 };

	o.dir = dir;
	o.self = self;
	o.coder_id = fx_coder(db, coder);
	must(sync_run(db, &o, &r, &e), &e, dir);
	free(self);
	return r;
}

static void sync_ok(px_db *db, const char *dir, const char *coder)
{
	sync_result r = sync_as(db, dir, coder);

	assert_false(r.offline);
	sync_result_free(&r);
}

static void add_coding(px_db *db, const char *vignette, const char *code, int64_t start,
		       int64_t end, const char *coder)
{
	px_coding c = { 0 };
	px_err e = { 0 };

	c.vignette_id = fx_vignette(db, vignette);
	c.code_id = fx_code(db, code);
	c.coder_id = fx_coder(db, coder);
	c.start = start;
	c.end = end;
	must(coding_add(db, &c, &e), &e, "code");
	coding_free(&c);
}

static void edit_memo(px_db *db, const char *uuid, const char *memo, const char *when)
{
	char *sql = xasprintf("UPDATE coding SET memo = '%s', updated = '%s' WHERE uuid = '%s'",
			      memo, when, uuid);
	px_err e = { 0 };

	must(db_exec(db, sql, &e), &e, sql);
	free(sql);
}

static int64_t count(px_db *db, const char *sql)
{
	return db_scalar(db, sql);
}

struct team {
	char *top, *a_dir, *b_dir;
	px_db *a, *b;
};

static void team_up(struct team *t)
{
	char *cmd;

	t->top = fx_path(".team");
	t->a_dir = xasprintf("%s/a", t->top);
	t->b_dir = xasprintf("%s/b", t->top);
	cmd = xasprintf("mkdir -p '%s' && cd '%s' && git init -q --bare remote.git && "
			"git clone -q remote.git a 2>/dev/null && git clone -q remote.git b "
			"2>/dev/null", t->top, t->top);
	sh(cmd);
	free(cmd);
	t->a = fx_db_with(corpus);
	t->b = fx_db_with("praxis: 1\ncoders: [{id: b}]\n");
	sync_ok(t->a, t->a_dir, "a");
	/* b's first sync reads the tree a pushed into b's empty project */
	sync_result r = sync_as(t->b, t->b_dir, "b");
	assert_true(r.imported_first);
	sync_result_free(&r);
	assert_int_equal(count(t->b, "SELECT count(*) FROM coding"), 2);
}

static void team_down(struct team *t)
{
	char *cmd = xasprintf("rm -rf '%s'", t->top);

	sh(cmd);
	free(cmd);
	db_close(t->a);
	db_close(t->b);
	free(t->top);
	free(t->a_dir);
	free(t->b_dir);
}

static void same_dbs(px_db *a, px_db *b)
{
	static const char *const skip[] = { "meta", NULL };  /* each file's own sync state */
	char msg[4096];

	if (dbc_compare(a, b, skip, msg, sizeof(msg)))
		fail_msg("%s", msg);
}

static void test_two_coders_sync_both_orders(void **state)
{
	struct team t;
	px_err e = { 0 };
	int64_t id;

	(void)state;
	team_up(&t);
	/* a: a coding on v1 and one on v2, edits c1 and c2, a memo on v1 */
	add_coding(t.a, "v1", "ME", 0, 4, "a");
	add_coding(t.a, "v2", "SR/tools", 4, 9, "a");
	edit_memo(t.a, "c1", "the board is the shift", "2026-04-01T10:00:00Z");
	edit_memo(t.a, "c2", "a ritual", "2026-04-01T10:00:00Z");
	px_memo m = { 0 };
	memo_on_push(&m, MEMO_VIGNETTE, fx_vignette(t.a, "v1"));
	m.text = xstrdup("why the board first?");
	m.coder_id = fx_coder(t.a, "a");
	must(memo_add(t.a, &m, &e), &e, "memo");
	memo_free(&m);
	/* b: a coding on v2, another edit of c1, c2 deleted */
	add_coding(t.b, "v2", "JE", 0, 3, "b");
	edit_memo(t.b, "c1", "a to-do list", "2026-04-01T11:00:00Z");
	assert_int_equal(db_lookup_text(t.b, "SELECT id FROM coding WHERE uuid = ?1", "c2", &id,
					&e), 1);
	must(coding_delete(t.b, id, &e), &e, "delete");

	sync_ok(t.a, t.a_dir, "a");      /* a first */
	sync_ok(t.b, t.b_dir, "b");      /* b merges */
	sync_ok(t.a, t.a_dir, "a");      /* a takes the merge */
	same_dbs(t.a, t.b);
	/* nothing lost: c1 twice, c2 kept, 2 new codings of a, 1 of b */
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding"), 6);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding WHERE memo ="
			       " 'the board is the shift'"), 1);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding WHERE memo = 'a to-do list'"),
			 1);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding WHERE uuid = 'c2'"), 1);
	assert_int_equal(count(t.a, "SELECT count(*) FROM memo WHERE text ="
			       " 'why the board first?'"), 1);
	/* the conflicts wait, in both copies */
	assert_int_equal(count(t.a, "SELECT count(*) FROM sync_conflict WHERE kind = 'coding'"),
			 1);
	assert_int_equal(count(t.a, "SELECT count(*) FROM sync_conflict WHERE kind = 'deleted'"),
			 1);
	int64_t unsynced = -1;
	must(sync_unsynced(t.a, &unsynced, &e), &e, "unsynced");
	assert_int_equal(unsynced, 0);

	/* b decides the edit conflict (theirs: a's version) and a the deletion
	 * (ours: the side of b's merge, which recorded it, the deleting one) */
	must(db_lookup_text(t.b, "SELECT id FROM sync_conflict WHERE kind = ?1", "coding", &id,
			    &e) != 1, &e, "find");
	must(sync_conflict_decide(t.b, id, SYNC_THEIRS, &e), &e, "decide");
	must(db_lookup_text(t.a, "SELECT id FROM sync_conflict WHERE kind = ?1", "deleted", &id,
			    &e) != 1, &e, "find");
	must(sync_conflict_decide(t.a, id, SYNC_OURS, &e), &e, "decide");
	sync_ok(t.b, t.b_dir, "b");      /* now b first */
	sync_ok(t.a, t.a_dir, "a");
	sync_ok(t.b, t.b_dir, "b");
	same_dbs(t.a, t.b);
	assert_int_equal(count(t.b, "SELECT count(*) FROM sync_conflict"), 0);
	assert_int_equal(count(t.b, "SELECT count(*) FROM coding WHERE memo = 'a to-do list'"),
			 0);
	assert_int_equal(count(t.b, "SELECT count(*) FROM coding WHERE uuid = 'c2'"), 0);
	assert_int_equal(count(t.b, "SELECT count(*) FROM coding"), 4);
	assert_int_equal(count(t.b, "SELECT count(*) FROM coding WHERE memo ="
			       " 'the board is the shift'"), 1);
	team_down(&t);
}

static void test_foreign_changes_and_offline(void **state)
{
	struct team t;
	char *cmd, *self = praxis_bin();
	sync_opts o = { 0 };
	sync_result r = { 0 };
	px_err e = { 0 };

	(void)state;
	team_up(&t);
	cmd = xasprintf("echo notes > '%s/notes.txt'", t.a_dir);
	sh(cmd);
	free(cmd);
	o.dir = t.a_dir;
	o.self = self;
	o.coder_id = fx_coder(t.a, "a");
	assert_int_equal(sync_run(t.a, &o, &r, &e), PX_EUSAGE);
	assert_non_null(strstr(e.msg, "changes praxis did not make"));
	assert_non_null(strstr(e.msg, "notes.txt"));
	/* the remote gone: the work is committed here and waits */
	cmd = xasprintf("rm '%s/notes.txt' && mv '%s/remote.git' '%s/moved.git'", t.a_dir,
			t.top, t.top);
	sh(cmd);
	free(cmd);
	add_coding(t.a, "v2", "JE", 0, 3, "a");
	int64_t id;
	assert_int_equal(db_lookup_text(t.a, "SELECT id FROM coding WHERE uuid = ?1", "c1", &id,
					&e), 1);
	must(coding_delete(t.a, id, &e), &e, "delete");
	must(sync_run(t.a, &o, &r, &e), &e, "offline sync");
	assert_true(r.offline);
	assert_non_null(r.message);
	/* (the count is of rows changed after the last sync's second) */
	assert_non_null(strstr(r.message, "a: "));
	assert_non_null(strstr(r.message, "1 deleted on v1, v2"));
	sync_result_free(&r);
	free(self);
	team_down(&t);
}

/* praxis sync from the command line names what it merged. */
static void test_cli_sync_says_what_it_did(void **state)
{
	struct team t;
	char *args, *out = NULL, *err = NULL, *branch, *want, *cmd;
	FILE *p;
	char line[256] = "";

	(void)state;
	team_up(&t);
	add_coding(t.a, "v2", "JE", 0, 3, "a");
	sync_ok(t.a, t.a_dir, "a");
	cmd = xasprintf("git -C '%s' symbolic-ref --short HEAD", t.b_dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(line, sizeof(line), p));
	pclose(p);
	free(cmd);
	line[strcspn(line, "\n")] = 0;
	branch = xstrdup(line);
	args = xasprintf("--db '%s' --coder b sync '%s'", db_path(t.b), t.b_dir);
	assert_int_equal(fx_run(args, &out, &err), 0);
	want = xasprintf("merged origin/%s\n", branch);
	assert_non_null(strstr(out, want));
	assert_non_null(strstr(out, "pushed\n"));
	free(want);
	free(branch);
	free(args);
	free(out);
	free(err);
	team_down(&t);
}

static int64_t unsynced_of(px_db *db)
{
	int64_t n = -1;
	px_err e = { 0 };

	must(sync_unsynced(db, &n, &e), &e, "unsynced");
	return n;
}

/* The status line's unsynced count follows deletions and decisions as
 * well as edits;
 * a row added and deleted again since the sync is no change. (The sync's
 * own bookkeeping, without git: the time and the rows it shared.) */
static void test_unsynced_counts_deletions(void **state)
{
	px_db *db = fx_db_with(corpus);
	px_memo m = { 0 };
	px_err e = { 0 };
	int64_t id;

	(void)state;
	memo_on_push(&m, MEMO_VIGNETTE, fx_vignette(db, "v1"));
	m.text = xstrdup("a memo to delete");
	m.coder_id = fx_coder(db, "a");
	must(memo_add(db, &m, &e), &e, "memo");
	/* synced in 2000, every row older: a row made now is after it */
#define OLD "'1999-01-01T00:00:00Z'"
	must(db_exec(db, "UPDATE coding SET created = " OLD ", updated = " OLD ";"
		     " UPDATE memo SET created = " OLD ", updated = " OLD ";"
		     " UPDATE vignette SET created = " OLD ", updated = " OLD, &e), &e, "age");
#undef OLD
	sync_conflict k = { 0 };
	k.kind = xstrdup("coding");
	k.description = xstrdup("edited on both sides");
	must(sync_conflict_add(db, &k, &e), &e, "conflict");
	must(db_meta_set(db, "sync_time", "2000-01-01T00:00:00Z", &e), &e, "time");
	must(sync_mark_rows(db, &e), &e, "rows");
	assert_int_equal(unsynced_of(db), 0);
	assert_int_equal(db_lookup_text(db, "SELECT id FROM coding WHERE uuid = ?1", "c1", &id,
					&e), 1);
	must(coding_delete(db, id, &e), &e, "delete coding");
	assert_int_equal(unsynced_of(db), 1);
	must(memo_delete(db, m.id, &e), &e, "delete memo");
	assert_int_equal(unsynced_of(db), 2);
	/* a vignette goes with its coding c2: two rows more */
	must(vignette_delete(db, fx_vignette(db, "v1"), &e), &e, "delete vignette");
	assert_int_equal(unsynced_of(db), 4);
	/* a coding made since is one more, even under the id of one deleted
	 * (the table is empty: sqlite gives id 1 again); deleted again, it is
	 * no change */
	add_coding(db, "v2", "JE", 0, 3, "a");
	assert_int_equal(count(db, "SELECT max(id) FROM coding"), 1);
	assert_int_equal(unsynced_of(db), 5);
	must(db_exec(db, "DELETE FROM coding", &e), &e, "delete new");
	assert_int_equal(unsynced_of(db), 4);
	/* a decision is a change the others have not seen */
	must(sync_conflict_decide(db, k.id, SYNC_BOTH, &e), &e, "decide");
	assert_int_equal(unsynced_of(db), 5);
	sync_conflict_free(&k);
	/* synced again: nothing pending */
	must(sync_mark_rows(db, &e), &e, "rows");
	assert_int_equal(unsynced_of(db), 0);
	memo_free(&m);
	db_close(db);
}

/* Another connection (the interface) writing to the project between the
 * sync's writing it out and its reading the merged tree back. */
struct meddler {
	const char *path;
	int times;       /* how many syncs' steps to meddle in */
	int done;
};

static void meddle(void *ud, const char *step)
{
	struct meddler *m = ud;
	px_db *h = NULL;
	px_err e = { 0 };

	if (strcmp(step, "reading the merged tree") != 0 || m->done == m->times)
		return;
	must(db_connect(m->path, 0, &h, &e), &e, "second connection");
	add_coding(h, "v2", "SR/tools", 4, 9 + m->done, "a");
	db_close(h);
	m->done++;
}

static int sync_meddled(px_db *db, const char *dir, struct meddler *m, px_err *e)
{
	char *self = praxis_bin();
	sync_opts o = { 0 };
	sync_result r = { 0 };
	int rc;

	o.dir = dir;
	o.self = self;
	o.coder_id = fx_coder(db, "a");
	o.progress = meddle;
	o.progress_ud = m;
	rc = sync_run(db, &o, &r, e);
	sync_result_free(&r);
	free(self);
	return rc;
}

#define MEDDLED "SELECT count(*) FROM coding c JOIN code k ON k.id = c.code_id" \
	" WHERE k.name = 'tools' AND c.start = 4"

static void test_change_during_sync_is_kept(void **state)
{
	struct team t;
	struct meddler m = { 0 };
	px_err e = { 0 };

	(void)state;
	team_up(&t);
	add_coding(t.b, "v2", "JE", 0, 3, "b");
	sync_ok(t.b, t.b_dir, "b");
	add_coding(t.a, "v1", "ME", 0, 4, "a");
	/* one change meanwhile: the sync writes the project out again */
	m.path = db_path(t.a);
	m.times = 1;
	must(sync_meddled(t.a, t.a_dir, &m, &e), &e, "sync with a change meanwhile");
	assert_int_equal(m.done, 1);
	assert_int_equal(count(t.a, MEDDLED), 1);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding"), 5);
	sync_ok(t.b, t.b_dir, "b");
	assert_int_equal(count(t.b, MEDDLED), 1);
	same_dbs(t.a, t.b);
	/* changes at every attempt: refused, nothing lost, nothing half-read */
	add_coding(t.b, "v1", "JE", 0, 3, "b");
	sync_ok(t.b, t.b_dir, "b");
	m.done = 0;
	m.times = 99;
	assert_int_equal(sync_meddled(t.a, t.a_dir, &m, &e), PX_EUSAGE);
	assert_non_null(strstr(e.msg, "kept changing"));
	assert_int_equal(m.done, 3);
	assert_int_equal(count(t.a, MEDDLED), 4);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding"), 8);
	/* the next quiet sync sends them all and takes b's */
	sync_ok(t.a, t.a_dir, "a");
	sync_ok(t.b, t.b_dir, "b");
	assert_int_equal(count(t.b, MEDDLED), 4);
	assert_int_equal(count(t.a, "SELECT count(*) FROM coding"), 9);
	same_dbs(t.a, t.b);
	team_down(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_coders_sync_both_orders),
		cmocka_unit_test(test_foreign_changes_and_offline),
		cmocka_unit_test(test_change_during_sync_is_kept),
		cmocka_unit_test(test_unsynced_counts_deletions),
		cmocka_unit_test(test_cli_sync_says_what_it_did),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
