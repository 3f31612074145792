/* tui_sync.c: `:sync [DIR]` (sync.h) and the decision of a sync conflict
 * (sync_conflict.h) from the negotiation view. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/sync.h"
#include "praxis/entity.h"
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
		tui_message(t, "sync: %s%s%s | %lld conflict%s%s", r.message ? r.message
			    : "nothing new", r.merged ? " | merged" : "", r.pushed ? " | pushed" : "",
			    (long long)r.conflicts, PX_S(r.conflicts),
			    r.conflicts ? " (:conflicts)" : "");
	sync_result_free(&r);
	free(dir);
}

/* A coder's corpus id, to find the row again after a decision that read
 * the project's tree back (rows renumbered). */
static char *coder_ext(struct tui *t, int64_t id)
{
	px_entity c = { 0 };
	char *ext = NULL;

	if (entity_get(t->db, ENT_CODER, id, &c, NULL) == PX_OK)
		ext = xstrdup(c.ext_id);
	entity_free(&c);
	return ext;
}

static void refind_coder(struct tui *t, const char *ext, int64_t *id)
{
	int64_t now;

	if (ext && entity_find(t->db, ENT_CODER, ext, &now, NULL) == PX_OK)
		*id = now;
}

int tui_decide_conflict(struct tui *t, int64_t id, int side)
{
	px_err e = { 0 };
	char *own = coder_ext(t, t->own_coder), *cur = coder_ext(t, t->coder_id);
	int rc = sync_decide(t->db, id, side, &e);

	if (!rc) {
		refind_coder(t, own, &t->own_coder);
		refind_coder(t, cur, &t->coder_id);
	}
	free(own);
	free(cur);
	if (rc) {
		tui_error(t, "conflict %lld: %s", (long long)id, e.msg);
		return 1;
	}
	/* a decision is not an interface step: the history before it may name
	 * rows the decision renumbered */
	undo_free(&t->undo);
	undo_init(&t->undo, t->db);
	tui_post(t, (struct tui_req){ .kind = REQ_RELOAD });
	tui_message(t, "conflict %lld decided: %s", (long long)id,
		    side == SYNC_OURS ? "ours" : side == SYNC_THEIRS ? "theirs" : "both");
	return 0;
}
