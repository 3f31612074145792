/* sync.h: `praxis sync`, the project kept in a git repository as a tree
 * (corpus_tree.h) and merged by praxis merge-file (issue 20).
 *
 * One sync: refuse a work tree with changes praxis did not make; on the
 * first sync of a project into a tree that already holds one, read it
 * (an empty project only); write the project into the tree; commit it
 * under the coder's name with what changed; fetch the remote branch and
 * merge it (the merge driver registered in .gitattributes and the
 * repository's config); read the merged tree over the project in one
 * transaction (import --replace); push. A remote that cannot be reached
 * leaves the local commit (result offline): the next sync sends it. */
#ifndef PRAXIS_SYNC_H
#define PRAXIS_SYNC_H

#include <stdint.h>
#include "praxis/db.h"

typedef struct sync_opts {
	const char *dir;       /* the git work tree */
	const char *remote;    /* NULL: origin */
	const char *branch;    /* NULL: the work tree's current branch */
	int no_push;
	int64_t coder_id;      /* whose commit it is */
	const char *self;      /* the praxis binary git runs as merge driver */
	void (*progress)(void *ud, const char *step);
	void *progress_ud;
} sync_opts;

typedef struct sync_result {
	char *message;         /* the commit message (NULL: nothing to commit) */
	int imported_first;    /* the tree was read into an empty project */
	int merged;            /* the remote had commits this side lacked */
	int pushed;
	int offline;           /* the remote could not be reached: local only */
	int no_remote;         /* the repository has no such remote */
	int64_t conflicts;     /* waiting for a decision after the sync */
	char *detail;          /* for offline: git's words */
	char *branch;          /* the branch synced (the work tree's when not given) */
	int64_t coder_id;      /* the coder's row id after the sync (the import
				  of the merged tree renumbers rows) */
} sync_result;

/* PX_EUSAGE for a dir that is not a git work tree or holds changes praxis
 * did not make, a merge git could not finish (aborted, nothing changed
 * here) or a project and a tree of different origins; PX_EIO when git is
 * missing. */
int sync_run(px_db *db, const sync_opts *o, sync_result *r, px_err *e);
void sync_result_free(sync_result *r);

/* Decides sync conflict id for side (sync_conflict_decide), and a field
 * conflict for theirs too: the field's row takes their value (the project
 * is written as a tree in a temporary directory, the field set there and
 * the tree read back, in one transaction; rows are renumbered as after a
 * sync, so a caller finds its coder again by corpus id). */
int sync_decide(px_db *db, int64_t id, int side, px_err *e);

/* Codings, memos and vignettes added, edited or deleted, and conflicts
 * decided, since the last sync (all rows before the first): the status
 * line's "N unsynced". A deletion or a decision is found against
 * sync_rows, which sync_mark_rows records. */
int sync_unsynced(px_db *db, int64_t *n, px_err *e);
/* Of the codings, memos and vignettes the last sync shared, how many are
 * deleted (*n), and of its conflicts how many are decided (0 before the
 * first sync). */
int sync_deleted(px_db *db, int64_t *n, int64_t *decided, px_err *e);
/* Notes the rows the project holds now (meta sync_rows: each table's count
 * and highest id) as the ones the team has seen. */
int sync_mark_rows(px_db *db, px_err *e);

#endif
