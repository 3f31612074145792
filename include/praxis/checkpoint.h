/* checkpoint.h: the WAL checkpoints of a long-lived connection (the
 * interface's) on a thread of their own.
 *
 * SQLite checkpoints in the commit that grows the WAL past 1000 pages:
 * that commit copies the pages into the database file and syncs both
 * files, tens of milliseconds on a loaded disk, on one keystroke in a
 * hundred or so while coding. Started on a connection, the checkpointer
 * turns that off for it and, when a commit leaves the WAL at `pages` or
 * more, runs a passive checkpoint (one that waits for no reader or
 * writer) on its own connection and thread. The commit only signals it.
 * Nothing here changes what any connection reads. */
#ifndef PRAXIS_CHECKPOINT_H
#define PRAXIS_CHECKPOINT_H

#include <stdint.h>
#include "praxis/db.h"

typedef struct db_checkpointer db_checkpointer;

/* The threshold SQLite's own automatic checkpoint uses. */
#define CHECKPOINT_PAGES 1000

/* Starts checkpointing db (a file in WAL mode, open for writing) on a
 * thread once its WAL holds pages pages; NULL where it cannot (read-only,
 * in memory, no thread): db then keeps SQLite's automatic checkpoint. */
db_checkpointer *checkpoint_bg_start(px_db *db, int pages);
/* Runs a checkpoint still asked for, stops the thread and gives db its
 * automatic checkpoint back; the checkpoints the thread ran, and in
 * *pages (if not NULL) the WAL pages they copied. NULL is a no-op (0). */
int64_t checkpoint_bg_stop(db_checkpointer *c, int64_t *pages);

#endif
