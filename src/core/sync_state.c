/* sync_state.c: what this file knows of its syncs (meta sync_time,
 * sync_head); see praxis/sync.h. */
#include <stdlib.h>
#include "praxis/sync.h"

/* A figure of the team's shared work: how many rows this copy changed
 * that the others have not seen (by their updated time). */
int sync_unsynced(px_db *db, int64_t *n, px_err *e)
{
	return db_scalar_get(db, "WITH t(at) AS (SELECT coalesce((SELECT value FROM meta"
			     " WHERE key = 'sync_time'), ''))"
			     " SELECT (SELECT count(*) FROM coding, t WHERE updated > t.at)"
			     " + (SELECT count(*) FROM memo, t WHERE updated > t.at)"
			     " + (SELECT count(*) FROM vignette, t WHERE updated > t.at)", n, e);
}
