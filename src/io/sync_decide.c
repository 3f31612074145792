/* sync_decide.c: a sync conflict decided, including a field decided for
 * theirs, which is written through the project's tree; see praxis/sync.h. */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/corpus_tree.h"
#include "praxis/sync.h"
#include "praxis/sync_conflict.h"
#include "praxis/treemerge.h"
#include "praxis/util.h"

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* The tree file a field path starts in: its vignette's, or the project's. */
static char *field_file(const char *dir, const char *path)
{
	static const char vig[] = TREE_VIGNETTE_DIR "\n=";
	char *file;

	if (strncmp(path, vig, strlen(vig)) == 0) {
		char *id = xstrdup(path + strlen(vig)), *name;
		id[strcspn(id, "\n")] = 0;
		name = tree_vignette_file(id);
		file = xasprintf("%s/%s/%s", dir, TREE_VIGNETTE_DIR, name);
		free(name);
		free(id);
		return file;
	}
	return xasprintf("%s/%s", dir, TREE_PROJECT_FILE);
}

/* Theirs for a field: the project written as a tree, the field set there,
 * the tree read back over the project, all in one transaction (the tree
 * knows every kind of row a field can belong to). */
static int take_their_field(px_db *db, const sync_conflict *c, px_err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/praxis-decide-XXXXXX", tmp && *tmp ? tmp : "/tmp"), *file;
	int rc;

	if (!c->ours || !c->theirs_text)
		return px_fail(e, PX_EUSAGE, "conflict %lld was recorded without the field's "
			       "place (an older praxis): set it by hand to theirs (%s), then "
			       "decide ours", (long long)c->id, c->theirs_text ? c->theirs_text
			       : "?");
	if (!mkdtemp(dir)) {
		rc = px_fail(e, PX_EIO, "%s: cannot make a temporary directory", dir);
		free(dir);
		return rc;
	}
	file = field_file(dir, c->ours);
	if ((rc = db_begin(db, e)))
		goto out;
	/* the conflict goes first, so that the tree does not bring it back */
	if (!(rc = db_run_id(db, "DELETE FROM sync_conflict WHERE id = ?1", c->id,
			     "removing a conflict", e)) &&
	    !(rc = db_exec(db, "CREATE TEMP TABLE conflict_number AS SELECT uuid, id"
			   " FROM sync_conflict", e)) &&
	    !(rc = tree_export(db, dir, NULL, e)) &&
	    !(rc = treemerge_set_field(file, c->ours, c->theirs_text, e)) &&
	    !(rc = tree_import(db, dir, 0, 1, NULL, e)))
		/* the other conflicts keep the numbers a person has seen */
		rc = db_exec(db, "UPDATE sync_conflict SET id = -(SELECT id FROM"
			     " temp.conflict_number n WHERE n.uuid = sync_conflict.uuid)"
			     " WHERE uuid IN (SELECT uuid FROM temp.conflict_number);"
			     " UPDATE sync_conflict SET id = -id WHERE id < 0", e);
	db_exec(db, "DROP TABLE IF EXISTS temp.conflict_number", NULL);
	if (rc)
		db_rollback(db);
	else
		rc = db_commit(db, e);
out:
	nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	free(file);
	free(dir);
	return rc;
}

int sync_decide(px_db *db, int64_t id, int side, px_err *e)
{
	sync_conflict c;
	int rc, field;

	if (side != SYNC_THEIRS)
		return sync_conflict_decide(db, id, side, e);
	if ((rc = sync_conflict_get(db, id, &c, e)))
		return rc;
	field = strcmp(c.kind, "field") == 0;
	rc = field ? take_their_field(db, &c, e) : sync_conflict_decide(db, id, side, e);
	sync_conflict_free(&c);
	return rc;
}
