/* tui_sync.c: `:sync [DIR]` (sync.h) and `:conflict ID ours|theirs|both`
 * (sync_conflict.h) from the interface. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "praxis/tui.h"
#include "praxis/undo.h"
#include "praxis/util.h"

void tui_sync(struct tui *t, const char *args)
{
	char self[PATH_MAX], *dir = NULL;
	sync_opts o = { 0 };
	sync_result r = { 0 };
	ssize_t n;
	px_err e = { 0 };
	int own = t->coder_id == t->own_coder;

	if (*args)
		dir = xstrdup(args);
	else if (db_meta_get(t->db, "sync_dir", &dir, &e) || !dir) {
		tui_error(t, "sync: give the git work tree once, e.g. :sync ~/team-project "
			  "(set up as in README, Working as a team)");
		return;
	}
	if (t->read_only) {
		tui_error(t, "sync: the project is open read-only");
		free(dir);
		return;
	}
	o.dir = dir;
	o.coder_id = t->own_coder;
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = 0;
		o.self = self;
	}
	tui_message(t, "sync: running git in %s ...", dir);
	if (sync_run(t->db, &o, &r, &e)) {
		tui_error(t, "sync: %s", e.msg);
		free(dir);
		return;
	}
	/* the merged tree renumbered the rows: the old undo steps name rows
	 * that are gone */
	undo_free(&t->undo);
	undo_init(&t->undo, t->db);
	t->own_coder = r.coder_id;
	if (own)
		t->coder_id = r.coder_id;
	tui_post(t, (struct tui_req){ .kind = REQ_RELOAD });
	if (r.offline || r.no_remote)
		tui_error(t, "sync: %s; committed locally, the next sync sends it",
			  r.no_remote ? "no remote" : "the remote could not be reached");
	else
		tui_message(t, "sync: %s%s%s | %lld conflict%s", r.message ? r.message
			    : "nothing new", r.merged ? " | merged" : "", r.pushed ? " | pushed" : "",
			    (long long)r.conflicts, PX_S(r.conflicts));
	sync_result_free(&r);
	free(dir);
}

int tui_decide_conflict(struct tui *t, int64_t id, int side)
{
	px_err e = { 0 };

	if (sync_conflict_decide(t->db, id, side, &e)) {
		tui_error(t, "conflict %lld: %s", (long long)id, e.msg);
		return 1;
	}
	undo_free(&t->undo);
	undo_init(&t->undo, t->db);
	tui_post(t, (struct tui_req){ .kind = REQ_RELOAD });
	tui_message(t, "conflict %lld decided: %s", (long long)id,
		    side == SYNC_OURS ? "ours" : side == SYNC_THEIRS ? "theirs" : "both");
	return 0;
}
