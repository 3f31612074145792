/* sync.c: `praxis sync`; see praxis/sync.h. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/corpus_tree.h"
#include "praxis/entity.h"
#include "praxis/gitcmd.h"
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

#define GITATTR_LINE "*.yaml merge=praxis"
/* Times a sync writes the project out again when another connection
 * changed it during the sync, before it gives up. */
#define SYNC_ATTEMPTS 3

struct run {
	const sync_opts *o;
	sync_result *r;
	px_err *e;
	strbuf out, err;
	const char *user_name, *user_email;
	const char *branch;
};

static void step(struct run *s, const char *what)
{
	if (s->o->progress)
		s->o->progress(s->o->progress_ud, what);
}

/* git ARGS in the work tree; *status its exit status. */
static int git(struct run *s, int *status, const char *const *args)
{
	int rc;

	sb_reset(&s->out);
	sb_reset(&s->err);
	if ((rc = git_run(s->o->dir, args, &s->out, &s->err, status, s->e)))
		return rc;
	if (*status == GIT_NOT_FOUND)
		return px_fail(s->e, PX_EIO, "git is not installed (praxis sync runs the git "
			       "command; install git and sync again)");
	return PX_OK;
}

/* git ARGS that must succeed: its error, prefixed by what, otherwise. */
static int git_ok(struct run *s, const char *what, const char *const *args)
{
	int status, rc;

	if ((rc = git(s, &status, args)))
		return rc;
	if (status) {
		char *msg = xstrdup(sb_str(&s->err));
		msg[strcspn(msg, "\n")] = 0;
		rc = px_fail(s->e, PX_EUSAGE, "%s: %s: %s", s->o->dir, what, *msg ? msg
			     : "git failed");
		free(msg);
	}
	return rc;
}

static char *trimmed(const strbuf *b)
{
	char *s = xstrdup(sb_str((strbuf *)b));
	size_t n = strlen(s);

	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = 0;
	return s;
}

/* Only praxis's own files may differ from the last commit, and none of
 * them either: praxis commits whatever it writes. */
static int check_clean(struct run *s)
{
	int rc;

	if ((rc = git_ok(s, "not a git work tree (git clone the team's repository into it "
			 "first)", (const char *const[]){ "rev-parse", "--show-toplevel", NULL })))
		return rc;
	if ((rc = git_ok(s, "git status", (const char *const[]){ "status", "--porcelain",
							       "--untracked-files=all", NULL })))
		return rc;
	if (s->out.len) {
		char *list = trimmed(&s->out);
		rc = px_fail(s->e, PX_EUSAGE, "%s has changes praxis did not make; commit or "
			     "discard them, then sync again:\n%s", s->o->dir, list);
		free(list);
	}
	return rc;
}

/* .gitattributes names the driver for the tree's files; the repository's
 * config says how to run it (its own: git never runs what a clone says). */
static int register_driver(struct run *s)
{
	char *attr = xasprintf("%s/.gitattributes", s->o->dir);
	char *have = NULL, *driver;
	FILE *fp;
	int rc = PX_OK;

	have = NULL;
	fp = fopen(attr, "r");
	if (fp) {
		char line[512];
		while (!have && fgets(line, sizeof(line), fp))
			if (strncmp(line, GITATTR_LINE, strlen(GITATTR_LINE)) == 0)
				have = attr;
		fclose(fp);
	}
	if (!have) {
		if (!(fp = fopen(attr, "a")) || fprintf(fp, "%s\n", GITATTR_LINE) < 0)
			rc = px_fail(s->e, PX_EIO, "%s: cannot write", attr);
		if (fp && fclose(fp) && !rc)
			rc = px_fail(s->e, PX_EIO, "%s: cannot write", attr);
	}
	free(attr);
	if (rc)
		return rc;
	driver = xasprintf("'%s' merge-file %%O %%A %%B", s->o->self ? s->o->self : "praxis");
	rc = git_ok(s, "git config", (const char *const[]){ "config", "merge.praxis.driver",
							    driver, NULL });
	if (!rc)
		rc = git_ok(s, "git config", (const char *const[]){ "config", "merge.praxis.name",
								    "praxis: merge codings by uuid",
								    NULL });
	free(driver);
	return rc;
}

static int commit(struct run *s, const char *message, int *made)
{
	char *name = xasprintf("user.name=%s", s->user_name);
	char *email = xasprintf("user.email=%s", s->user_email);
	int status, rc;

	*made = 0;
	if ((rc = git_ok(s, "git add", (const char *const[]){ "add", "-A", "--",
							      TREE_PROJECT_FILE,
							      TREE_VIGNETTE_DIR, ".gitattributes",
							      NULL })) ||
	    (rc = git(s, &status, (const char *const[]){ "diff", "--cached", "--quiet", NULL })))
		goto out;
	if (status == 0)
		goto out;
	*made = 1;
	rc = git_ok(s, "git commit", (const char *const[]){ "-c", name, "-c", email, "commit",
							    "-q", "--no-verify", "-m", message,
							    NULL });
out:
	free(name);
	free(email);
	return rc;
}

/* "mk: 12 codings, 2 memos on v03, v07" */
static char *commit_message(px_db *db, const char *coder, const tree_changes *ch)
{
	int64_t codings = 0, memos = 0, gone = 0, decided = 0;
	strbuf b;

	/* what the team has not seen yet: rows changed since the last sync */
	db_scalar_get(db, "SELECT count(*) FROM coding WHERE updated > coalesce((SELECT value"
		      " FROM meta WHERE key = 'sync_time'), '')", &codings, NULL);
	db_scalar_get(db, "SELECT count(*) FROM memo WHERE updated > coalesce((SELECT value"
		      " FROM meta WHERE key = 'sync_time'), '')", &memos, NULL);
	sync_deleted(db, &gone, &decided, NULL);
	sb_init(&b);
	sb_printf(&b, "%s: ", coder);
	if (codings || memos || gone || decided) {
		if (codings)
			sb_printf(&b, "%lld coding%s", (long long)codings, PX_S(codings));
		if (memos)
			sb_printf(&b, "%s%lld memo%s", codings ? ", " : "", (long long)memos,
				  PX_S(memos));
		if (gone)
			sb_printf(&b, "%s%lld deleted", codings || memos ? ", " : "",
				  (long long)gone);
		if (decided)
			sb_printf(&b, "%s%lld conflict%s decided", codings || memos || gone ? ", "
				  : "", (long long)decided, PX_S(decided));
	} else {
		sb_add(&b, "changes");
	}
	if (ch->vignettes.n) {
		sb_add(&b, " on ");
		for (size_t i = 0; i < ch->vignettes.n && i < 6; i++)
			sb_printf(&b, "%s%s", i ? ", " : "", ch->vignettes.v[i]);
		if (ch->vignettes.n > 6)
			sb_printf(&b, " and %zu more", ch->vignettes.n - 6);
	} else {
		sb_add(&b, " in the project file");
	}
	return sb_steal(&b);
}

static int head(struct run *s, char **out)
{
	int status, rc = git(s, &status, (const char *const[]){ "rev-parse", "-q", "--verify",
								"HEAD", NULL });

	*out = !rc && !status ? trimmed(&s->out) : NULL;
	return rc;
}

/* Notes that the project and the tree agree at HEAD, now. */
static int mark_synced(px_db *db, struct run *s)
{
	char now[32], *h = NULL;
	int rc;

	util_now_iso(now);
	if ((rc = head(s, &h)))
		return rc;
	/* where the interface's :sync goes without a DIR */
	char *abs = realpath(s->o->dir, NULL);
	rc = db_meta_set(db, "sync_dir", abs ? abs : s->o->dir, s->e);
	free(abs);
	if (rc) {
		free(h);
		return rc;
	}
	if (!(rc = db_meta_set(db, "sync_time", now, s->e)) && h)
		rc = db_meta_set(db, "sync_head", h, s->e);
	if (!rc)
		rc = sync_mark_rows(db, s->e);
	free(h);
	return rc;
}

/* Reads the tree over the project (one transaction); the coder is found
 * again by corpus id, as rows are renumbered. With since (the data
 * version when the project was written out), a project another
 * connection changed since is left alone and *changed set: the tree does
 * not hold that change and reading it over the project would drop it. The
 * check is made holding the write lock, so nothing can slip in after. */
static int read_tree(px_db *db, struct run *s, const char *coder_ext, const int64_t *since,
		     int *changed)
{
	int rc;

	*changed = 0;
	step(s, "reading the merged tree");
	if ((rc = db_begin(db, s->e)))
		return rc;
	if (since && db_data_version(db) != *since) {
		db_rollback(db);
		*changed = 1;
		return PX_OK;
	}
	if ((rc = tree_import(db, s->o->dir, 0, 1, NULL, s->e))) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_commit(db, s->e)))
		return rc;
	if (entity_find(db, ENT_CODER, coder_ext, &s->r->coder_id, NULL) != PX_OK)
		s->r->coder_id = 0;
	return PX_OK;
}

/* The remote branch: 0 it is there, 2 not yet (an empty repository), 1 the
 * remote cannot be reached (r->offline, with git's words). */
static int remote_state(struct run *s, const char *remote, const char *branch)
{
	char *ref = xasprintf("refs/heads/%s", branch);
	int status, rc;

	rc = git(s, &status, (const char *const[]){ "ls-remote", "--exit-code", remote, ref,
						    NULL });
	free(ref);
	if (rc)
		return -rc;
	if (status == 0)
		return 0;
	if (status == 2)
		return 2;
	s->r->offline = 1;
	s->r->detail = trimmed(&s->err);
	return 1;
}

static int fetch_merge(px_db *db, struct run *s, const char *remote, const char *branch)
{
	char *name = xasprintf("user.name=%s", s->user_name);
	char *email = xasprintf("user.email=%s", s->user_email);
	char *msg = xasprintf("praxis sync: merge %s/%s", remote, branch);
	char *before = NULL, *after = NULL;
	int status, rc;

	(void)db;
	step(s, "fetching");
	if ((rc = git(s, &status, (const char *const[]){ "fetch", "-q", remote, branch, NULL })))
		goto out;
	if (status) {
		s->r->offline = 1;
		s->r->detail = trimmed(&s->err);
		goto out;
	}
	step(s, "merging");
	if ((rc = head(s, &before)))
		goto out;
	if ((rc = git(s, &status, (const char *const[]){ "-c", name, "-c", email, "merge", "-q",
							 "--no-edit", "--no-verify",
							 "--allow-unrelated-histories", "-m", msg,
							 "FETCH_HEAD", NULL })))
		goto out;
	if (status) {
		char *why = trimmed(&s->out);
		int st2;
		git(s, &st2, (const char *const[]){ "merge", "--abort", NULL });
		rc = px_fail(s->e, PX_EUSAGE, "%s: git could not merge %s/%s (%s); the merge was "
			     "undone and your work is committed locally: settle it in git, then "
			     "sync again", s->o->dir, remote, branch, *why ? why : "merge failed");
		free(why);
		goto out;
	}
	if ((rc = head(s, &after)))
		goto out;
	s->r->merged = !before || !after || strcmp(before, after) != 0;
out:
	free(before);
	free(after);
	free(name);
	free(email);
	free(msg);
	return rc;
}

static int push(struct run *s, const char *remote, const char *branch)
{
	char *spec = xasprintf("HEAD:refs/heads/%s", branch);
	int status, rc;

	step(s, "pushing");
	rc = git(s, &status, (const char *const[]){ "push", "-q", remote, spec, NULL });
	free(spec);
	if (rc)
		return rc;
	if (status) {
		s->r->offline = 1;
		s->r->detail = trimmed(&s->err);
		return PX_OK;
	}
	s->r->pushed = 1;
	return PX_OK;
}

/* The remote's branch fast-forwarded into the work tree, when there is
 * one and it can be reached (else the sync goes on without it). */
static int join(struct run *s)
{
	const char *remote = s->o->remote ? s->o->remote : "origin";
	int status, rc;

	if ((rc = git(s, &status, (const char *const[]){ "remote", "get-url", remote, NULL })) ||
	    status)
		return rc;
	if (remote_state(s, remote, s->branch) != 0) {
		s->r->offline = 0;   /* the sync proper says it */
		free(s->r->detail);
		s->r->detail = NULL;
		return PX_OK;
	}
	step(s, "fetching the team's tree");
	if ((rc = git(s, &status, (const char *const[]){ "fetch", "-q", remote, s->branch,
							 NULL })) || status)
		return rc;
	return git_ok(s, "git merge --ff-only", (const char *const[]){ "merge", "-q", "--ff-only",
								       "FETCH_HEAD", NULL });
}

/* The first sync of this project: a tree already in the work tree is read
 * into an empty project; a project and a tree both full are refused. */
static int first_sync(px_db *db, struct run *s, const char *coder_ext, int *done)
{
	char *sh = NULL;
	int rc, changed;

	*done = 0;
	if ((rc = db_meta_get(db, "sync_head", &sh, s->e)))
		return rc;
	/* joining a team: an empty project takes the remote's tree first */
	if (!sh && vignette_count(db) == 0 && (rc = join(s)))
		return rc;
	if (sh || !tree_is_dir(s->o->dir)) {
		free(sh);
		return PX_OK;
	}
	if (vignette_count(db) > 0)
		return px_fail(s->e, PX_EUSAGE, "%s already holds a project and so does this "
			       "file, and they were never synced: sync from a new file (praxis "
			       "--db NEW.db sync %s) or read the tree with praxis import "
			       "--replace %s", s->o->dir, s->o->dir, s->o->dir);
	*done = 1;
	s->r->imported_first = 1;
	/* an empty project: nothing a change while reading could hold */
	if ((rc = read_tree(db, s, coder_ext, NULL, &changed)))
		return rc;
	return mark_synced(db, s);
}

/* Writes the project out, commits it, merges the remote's branch and
 * reads the merged tree back. When another connection changed the project
 * after it was written out, the merge is undone (the work tree back at
 * this side's commit, which git made and nothing else depends on) and
 * *changed set: the caller writes it out again. */
static int exchange(px_db *db, struct run *s, const char *coder_ext, const char *remote,
		    tree_changes *ch, int *changed)
{
	const sync_opts *o = s->o;
	sync_result *r = s->r;
	char *mine = NULL;
	int rc, made, state, status;
	int64_t since;

	*changed = 0;
	r->merged = 0;
	free(r->message);
	r->message = NULL;
	tree_changes_free(ch);
	/* what the written tree holds: the project as of this version */
	since = db_data_version(db);
	step(s, "writing the tree");
	if ((rc = tree_export(db, o->dir, ch, s->e)))
		return rc;
	r->message = commit_message(db, coder_ext, ch);
	step(s, "committing");
	if ((rc = commit(s, r->message, &made)))
		return rc;
	if (!made) {
		free(r->message);
		r->message = NULL;
	}
	if ((rc = git(s, &status, (const char *const[]){ "remote", "get-url", remote, NULL })))
		return rc;
	if (status) {
		r->no_remote = 1;   /* committed here; nothing to share it with */
		return PX_OK;
	}
	step(s, "asking the remote");
	if ((state = remote_state(s, remote, s->branch)) < 0)
		return -state;
	if ((rc = head(s, &mine)))
		return rc;
	if (state == 0 && (rc = fetch_merge(db, s, remote, s->branch)))
		goto out;
	if (r->offline || !r->merged)
		goto out;
	if ((rc = read_tree(db, s, coder_ext, &since, changed)))
		goto out;
	if (*changed) {
		if (!mine) {
			rc = px_fail(s->e, PX_EUSAGE, "%s: the project changed during the sync and "
				     "the merge cannot be undone (no commit of this side)", o->dir);
			goto out;
		}
		rc = git_ok(s, "git reset", (const char *const[]){ "reset", "-q", "--hard", mine,
								   NULL });
		goto out;
	}
	/* the merged files as praxis writes them (a merge may order rows
	 * otherwise): committed, so the next sync starts from them */
	tree_changes_free(ch);
	if (!(rc = tree_export(db, o->dir, ch, s->e)))
		rc = commit(s, "praxis sync: the merged tree as praxis writes it", &made);
out:
	free(mine);
	return rc;
}

int sync_run(px_db *db, const sync_opts *o, sync_result *r, px_err *e)
{
	struct run s = { o, r, e, { 0 }, { 0 }, NULL, NULL, NULL };
	const char *remote = o->remote ? o->remote : "origin";
	char *branch = NULL, *email_cfg = NULL;
	px_entity coder = { 0 };
	tree_changes ch = { 0 };
	int rc, status, fresh;

	memset(r, 0, sizeof(*r));
	r->coder_id = o->coder_id;
	sb_init(&s.out);
	sb_init(&s.err);
	if ((rc = entity_get(db, ENT_CODER, o->coder_id, &coder, e)))
		goto out;
	step(&s, "checking the work tree");
	if ((rc = check_clean(&s)))
		goto out;
	if (o->branch) {
		branch = xstrdup(o->branch);
	} else {
		if ((rc = git_ok(&s, "git symbolic-ref", (const char *const[]){
				"symbolic-ref", "--short", "HEAD", NULL })))
			goto out;
		branch = trimmed(&s.out);
	}
	s.branch = branch;
	r->branch = xstrdup(branch);
	if ((rc = git(&s, &status, (const char *const[]){ "config", "user.email", NULL })))
		goto out;
	email_cfg = status ? xasprintf("%s@praxis.invalid", coder.ext_id) : trimmed(&s.out);
	s.user_name = coder.name && *coder.name ? coder.name : coder.ext_id;
	s.user_email = email_cfg;
	if ((rc = first_sync(db, &s, coder.ext_id, &fresh)) || (rc = register_driver(&s)))
		goto out;
	for (int attempt = 1; ; attempt++) {
		int changed = 0;
		if ((rc = exchange(db, &s, coder.ext_id, remote, &ch, &changed)) || !changed)
			break;
		if (attempt == SYNC_ATTEMPTS) {
			rc = px_fail(e, PX_EUSAGE, "the project kept changing while it was being "
				     "synced (another praxis is writing to it): the team's work was "
				     "not read in and nothing here was lost; your work is committed "
				     "in %s; sync again when the other window is idle", o->dir);
			break;
		}
		step(&s, "changed meanwhile: again");
	}
	if (rc || r->no_remote || r->offline)
		goto out;    /* offline: the commit waits for the next sync */
	if (!o->no_push && (rc = push(&s, remote, branch)))
		goto out;
	if (!r->offline)
		rc = mark_synced(db, &s);
out:
	if (!rc)
		rc = sync_conflict_count(db, &r->conflicts, e);
	tree_changes_free(&ch);
	entity_free(&coder);
	free(branch);
	free(email_cfg);
	sb_free(&s.out);
	sb_free(&s.err);
	return rc;
}

void sync_result_free(sync_result *r)
{
	free(r->message);
	free(r->detail);
	free(r->branch);
	memset(r, 0, sizeof(*r));
}
