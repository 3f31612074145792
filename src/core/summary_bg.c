/* summary_bg.c: the summary state loaded on a thread with its own
 * read-only connection, so that an interface paints before the
 * whole-corpus load ends. See praxis/summary.h (summary_bg_*).
 *
 * Consistency: the thread opens a read transaction and reads once (its
 * snapshot) while the starting thread waits; only then does the job
 * listen to the caller's connection. Every write made there afterwards
 * is therefore missing from the snapshot and queued (copies of the
 * listener's codings), then replayed onto the loaded state when it is
 * handed over. Writes by other processes move the caller's data_version;
 * the caller reloads on that as it always did. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "praxis/coding.h"
#include "summary_int.h"

struct queued {
	int event;
	px_coding before, after;
	int has_before, has_after;
};

struct summary_job {
	px_db *db;               /* the caller's connection */
	px_db *ro;               /* the thread's own */
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int snap, done, cancel;  /* under mu */
	int release;             /* under mu: finish is waiting (ends the
				    test hook's hold) */
	int joined;
	int rc;
	px_err err;
	px_summary *s;
	int64_t count;           /* codings in the snapshot */
	struct queued *q;
	size_t nq, capq;
};

static void job_set(summary_job *j, int *flag)
{
	pthread_mutex_lock(&j->mu);
	*flag = 1;
	pthread_cond_broadcast(&j->cv);
	pthread_mutex_unlock(&j->mu);
}

static int job_get(summary_job *j, const int *flag)
{
	int v;

	pthread_mutex_lock(&j->mu);
	v = *flag;
	pthread_mutex_unlock(&j->mu);
	return v;
}

/* PRAXIS_TEST_SUMMARY_DELAY_MS: a test hook that holds the load back
 * (after the snapshot) so that scripted keys run while it is loading;
 * the hold ends when finish or cancel is called, so that a test does not
 * depend on timing. */
static void test_delay(summary_job *j)
{
	const char *env = getenv("PRAXIS_TEST_SUMMARY_DELAY_MS");
	long ms = env ? strtol(env, NULL, 10) : 0;
	struct timespec tick = { 0, 10 * 1000000L };

	for (long waited = 0; waited < ms && !job_get(j, &j->cancel) && !job_get(j, &j->release);
	     waited += 10)
		nanosleep(&tick, NULL);
}

static void *job_thread(void *ud)
{
	summary_job *j = ud;
	px_err e = { 0 };
	int64_t ignored;
	int began = 0;
	int rc = db_read_begin(j->ro, &began, &e);

	/* the first read fixes the snapshot */
	if (!rc)
		rc = db_scalar_get(j->ro, "SELECT count(*) FROM sqlite_master", &ignored, &e);
	job_set(j, &j->snap);
	test_delay(j);
	/* an interrupt lands only on a running statement: a cancel that came
	 * before the first one is seen here */
	if (!rc && job_get(j, &j->cancel))
		rc = px_fail(&e, PX_EIO, "the summaries' load was cancelled");
	/* the count of codings comes from the load's own scan of them
	 * (a count(*) of its own would read the table a second time) */
	if (!rc && !(rc = summary_open(j->ro, &j->s, &e)))
		j->count = j->s->coding_rows;
	db_read_end(j->ro, began);
	j->rc = rc;
	j->err = e;
	job_set(j, &j->done);
	return NULL;
}

static void queue_event(void *ud, int event, const px_coding *before, const px_coding *after)
{
	summary_job *j = ud;
	struct queued *q;

	if (j->nq == j->capq) {
		j->capq = j->capq ? j->capq * 2 : 16;
		j->q = xrealloc(j->q, j->capq * sizeof(*j->q));
	}
	q = &j->q[j->nq++];
	memset(q, 0, sizeof(*q));
	q->event = event;
	if ((q->has_before = before != NULL))
		coding_copy(&q->before, before);
	if ((q->has_after = after != NULL))
		coding_copy(&q->after, after);
}

int summary_bg_start(px_db *db, summary_job **out, px_err *e)
{
	sqlite3 *h = db_sqlite(db);
	const char *file = sqlite3_db_filename(h, "main");
	summary_job *j;
	int rc;

	*out = NULL;
	/* a memory database has no second connection; an open transaction
	 * holds writes a second connection would not see */
	if (!file || !*file || !sqlite3_get_autocommit(h))
		return PX_OK;
	j = xcalloc(1, sizeof(*j));
	j->db = db;
	if ((rc = db_connect(file, 1, &j->ro, e))) {
		free(j);
		return rc;
	}
	pthread_mutex_init(&j->mu, NULL);
	pthread_cond_init(&j->cv, NULL);
	if (pthread_create(&j->th, NULL, job_thread, j) != 0) {
		db_close(j->ro);
		pthread_mutex_destroy(&j->mu);
		pthread_cond_destroy(&j->cv);
		free(j);
		return px_fail(e, PX_EIO, "cannot start the summaries' loader thread");
	}
	pthread_mutex_lock(&j->mu);
	while (!j->snap)
		pthread_cond_wait(&j->cv, &j->mu);
	pthread_mutex_unlock(&j->mu);
	db_listen(db, queue_event, j);
	*out = j;
	return PX_OK;
}

int summary_bg_ready(summary_job *j)
{
	return j && job_get(j, &j->done);
}

static void job_free(summary_job *j)
{
	if (!j->joined)
		pthread_join(j->th, NULL);
	db_unlisten(j->db, queue_event, j);
	for (size_t i = 0; i < j->nq; i++) {
		coding_free(&j->q[i].before);
		coding_free(&j->q[i].after);
	}
	free(j->q);
	summary_close(j->s);
	db_close(j->ro);
	pthread_mutex_destroy(&j->mu);
	pthread_cond_destroy(&j->cv);
	free(j);
}

void summary_bg_cancel(summary_job *j)
{
	if (!j)
		return;
	job_set(j, &j->cancel);
	/* a load in its queries stops at the next row */
	sqlite3_interrupt(db_sqlite(j->ro));
	job_free(j);
}

int summary_bg_finish(summary_job *j, px_summary **out, int64_t *codings, px_err *e)
{
	px_summary *s;
	int rc;

	job_set(j, &j->release);
	pthread_join(j->th, NULL);
	j->joined = 1;
	*out = NULL;
	if ((rc = j->rc)) {
		*e = j->err;
		job_free(j);
		return rc;
	}
	s = j->s;
	j->s = NULL;
	/* from here the state follows the caller's connection, with the
	 * writes made there since the snapshot */
	db_unlisten(j->ro, summary_on_event, s);
	s->db = j->db;
	db_listen(j->db, summary_on_event, s);
	for (size_t i = 0; i < j->nq; i++)
		summary_on_event(s, j->q[i].event, j->q[i].has_before ? &j->q[i].before : NULL,
				 j->q[i].has_after ? &j->q[i].after : NULL);
	*codings = j->count;
	*out = s;
	job_free(j);
	return PX_OK;
}
