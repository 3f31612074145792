/* checkpoint.c: WAL checkpoints off the committing thread; see
 * praxis/checkpoint.h. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/checkpoint.h"
#include "praxis/util.h"

struct db_checkpointer {
	px_db *db;
	sqlite3 *h;              /* the thread's own connection */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int pages;               /* the WAL size that asks for a checkpoint */
	int pending;             /* a commit asked; the thread has not begun */
	int stop;
	int64_t runs, copied;    /* under mu (read after the join) */
};

/* The connection's WAL hook: called after each of its commits with the
 * WAL's size in pages. Only signals. */
static int on_commit(void *ud, sqlite3 *h, const char *schema, int frames)
{
	db_checkpointer *c = ud;

	(void)h;
	(void)schema;
	if (frames < c->pages)
		return SQLITE_OK;
	pthread_mutex_lock(&c->mu);
	if (!c->pending) {
		c->pending = 1;
		pthread_cond_signal(&c->cv);
	}
	pthread_mutex_unlock(&c->mu);
	return SQLITE_OK;
}

/* A passive checkpoint: copies what no reader still needs and waits for
 * nobody; a busy database is no error (the next commit asks again). */
static void run_one(db_checkpointer *c)
{
	int log = 0, done = 0;

	if (sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &done) !=
	    SQLITE_OK)
		done = 0;
	pthread_mutex_lock(&c->mu);
	c->runs++;
	c->copied += done > 0 ? done : 0;
	pthread_mutex_unlock(&c->mu);
}

static void *checkpoint_thread(void *arg)
{
	db_checkpointer *c = arg;

	pthread_mutex_lock(&c->mu);
	for (;;) {
		while (!c->pending && !c->stop)
			pthread_cond_wait(&c->cv, &c->mu);
		if (!c->pending)
			break;
		c->pending = 0;
		pthread_mutex_unlock(&c->mu);
		run_one(c);
		pthread_mutex_lock(&c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

db_checkpointer *checkpoint_bg_start(px_db *db, int pages)
{
	sqlite3 *h = db_sqlite(db);
	const char *file = sqlite3_db_filename(h, "main");
	const char *mode = NULL;
	db_checkpointer *c;
	sqlite3_stmt *st = NULL;
	int wal = 0;

	if (db_is_readonly(db) || !file || !*file)
		return NULL;
	if (sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && (mode = (const char *)sqlite3_column_text(st, 0)))
		wal = strcmp(mode, "wal") == 0;
	sqlite3_finalize(st);
	if (!wal)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	c->db = db;
	c->pages = pages > 0 ? pages : CHECKPOINT_PAGES;
	if (sqlite3_open_v2(file, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	/* the file's syncs as the interface's own connection makes them */
	sqlite3_exec(c->h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
	if (pthread_create(&c->th, NULL, checkpoint_thread, c) != 0) {
		pthread_cond_destroy(&c->cv);
		pthread_mutex_destroy(&c->mu);
		sqlite3_close(c->h);
		free(c);
		return NULL;
	}
	/* replaces SQLite's automatic checkpoint (itself a WAL hook) */
	sqlite3_wal_hook(h, on_commit, c);
	return c;
}

int64_t checkpoint_bg_stop(db_checkpointer *c, int64_t *pages)
{
	int64_t runs;

	if (pages)
		*pages = 0;
	if (!c)
		return 0;
	sqlite3_wal_autocheckpoint(db_sqlite(c->db), CHECKPOINT_PAGES);
	pthread_mutex_lock(&c->mu);
	c->stop = 1;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->th, NULL);
	runs = c->runs;
	if (pages)
		*pages = c->copied;
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	sqlite3_close(c->h);
	free(c);
	return runs;
}
