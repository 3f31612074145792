/* cmd_sync.c: `praxis sync DIR [--remote NAME] [--branch B] [--no-push]`
 * (sync.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/project.h"
#include "praxis/sync.h"
#include "commands.h"

/* The exit status of a sync that could not reach the remote: the work is
 * committed locally and goes out with the next sync. */
#define SYNC_EXIT_OFFLINE 3

static void progress(void *ud, const char *what)
{
	struct cli *c = ud;

	fprintf(c->err, "\rpraxis: sync: %-28s", what);
	fflush(c->err);
}

static int run_sync(struct cli *c)
{
	const char *remote = NULL, *branch = NULL;
	int no_push = 0;
	const struct cli_opt opts[] = {
		{ "remote", 1, &remote, NULL },
		{ "branch", 1, &branch, NULL },
		{ "no-push", 0, NULL, &no_push },
		{ NULL, 0, NULL, NULL },
	};
	char self[PATH_MAX], **pos;
	sync_opts o = { 0 };
	sync_result r = { 0 };
	ssize_t n;
	int npos, rc;
	px_db *db;
	px_err e = { 0 };

	if ((rc = cli_parse(c, &cmd_sync, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos != 1)
		return cli_usage_error(c, &cmd_sync, "name the git work tree to sync with");
	o.dir = pos[0];
	o.remote = remote;
	o.branch = branch;
	o.no_push = no_push;
	if ((n = readlink("/proc/self/exe", self, sizeof(self) - 1)) > 0) {
		self[n] = 0;
		o.self = self;
	}
	if (isatty(fileno(c->err))) {
		o.progress = progress;
		o.progress_ud = c;
	}
	if ((rc = cli_open_db(c, PROJECT_CREATE, &db, &e)))
		return cli_report(c, &e);
	if (!(rc = cli_coder(c, db, &o.coder_id, &e)))
		rc = sync_run(db, &o, &r, &e);
	db_close(db);
	if (o.progress)
		fprintf(c->err, "\r%50s\r", "");
	if (rc)
		return cli_report(c, &e);
	if (r.imported_first)
		fprintf(c->out, "read the project from %s\n", o.dir);
	fprintf(c->out, "%s\n", r.message ? r.message : "nothing new to commit");
	if (r.merged)
		fprintf(c->out, "merged %s/%s\n", remote ? remote : "origin", r.branch);
	if (r.conflicts)
		fprintf(c->out, "%lld conflict%s wait for a decision: praxis conflicts\n",
			(long long)r.conflicts, PX_S(r.conflicts));
	if (r.pushed)
		fprintf(c->out, "pushed\n");
	rc = 0;
	if (r.no_remote) {
		fprintf(c->err, "praxis: no remote '%s' in %s: committed locally only (git "
			"remote add %s URL, then sync again)\n", remote ? remote : "origin", o.dir,
			remote ? remote : "origin");
		rc = SYNC_EXIT_OFFLINE;
	} else if (r.offline) {
		fprintf(c->err, "praxis: the remote could not be reached (%s): committed "
			"locally; the next sync sends it\n", r.detail ? r.detail : "offline");
		rc = SYNC_EXIT_OFFLINE;
	}
	sync_result_free(&r);
	return rc;
}

const struct cli_command cmd_sync = {
	"sync", run_sync, "share the project through a git repository",
	"usage: praxis [--db FILE] sync DIR [--remote NAME] [--branch B] [--no-push]\n"
	"\n"
	"DIR is a git work tree (a clone of the team's repository) holding the\n"
	"project as a tree (see export --format tree). One sync:\n"
	"  1. refuses a work tree with changes praxis did not make (commit or\n"
	"     discard them first) and registers the merge driver: '*.yaml\n"
	"     merge=praxis' in .gitattributes, merge.praxis.driver in the\n"
	"     repository's config (praxis merge-file);\n"
	"  2. on this file's first sync, reads a tree DIR already holds into an\n"
	"     empty project (a project and a tree that were never synced are refused);\n"
	"  3. writes the project into DIR and commits it under the coder's name with\n"
	"     what changed, e.g. \"mk: 12 codings, 2 memos on v03, v07\";\n"
	"  4. fetches the branch from the remote (default origin, the current branch)\n"
	"     and merges it: codings by uuid, never conflict markers, never a lost\n"
	"     coding; what needs a person becomes a conflict (praxis conflicts);\n"
	"  5. reads the merged tree into the project in one transaction (its own\n"
	"     settings stay) and pushes. If the project changed since step 3 (the\n"
	"     interface coding meanwhile), the merge is undone and the sync goes\n"
	"     back to step 3; after three tries it stops (exit status 1), nothing\n"
	"     lost, the work committed locally.\n"
	"Progress is shown on standard error when it is a terminal. Git runs as a\n"
	"command (no shell) with prompts off.\n"
	"\n"
	"  --remote NAME   the remote to fetch from and push to (default origin)\n"
	"  --branch B      the remote branch (default: DIR's current branch)\n"
	"  --no-push       fetch and merge, but do not push\n"
	"\n"
	"Exit status 0 when synced; 3 when the remote could not be reached or DIR\n"
	"has no such remote (the work is committed locally and goes out with the\n"
	"next sync); 1 for bad usage, a DIR that is not a git work tree or holds\n"
	"changes praxis did not make, a merge git could not finish (undone) or a\n"
	"project that kept changing during the sync;\n"
	"2 when git is missing or the project cannot be read or written.\n",
};
