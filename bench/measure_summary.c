/* measure_summary.c: the live summaries, in-process through libpraxis.
 *
 * "full load": summary_open on the imported database (every summary the
 * TUI shows at start), against the whole-corpus per-code count query.
 * "apply one coding": coding_add and coding_delete, each through commit
 * with a summary listening (so each includes its incremental delta), on
 * a copy of the database, against one raw INSERT / DELETE in its own
 * transaction on the same copy. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"
#include "praxis/coding.h"
#include "praxis/db.h"
#include "praxis/summary.h"
#include "praxis/project.h"

#define APPLY_OPS 200

static const char count_query[] = "SELECT code_id, count(*) FROM coding GROUP BY code_id";

static double raw_count(sqlite3 *h)
{
	sqlite3_stmt *st;
	double t0 = bench_now_ms();
	int64_t sum = 0;

	if (sqlite3_prepare_v2(h, count_query, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		sum += sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return sum >= 0 ? bench_now_ms() - t0 : -1;
}

int measure_summary_load(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 };
	px_db *pdb = NULL;
	sqlite3 *h = NULL;
	px_err e = { 0 };
	int rc = 0;

	(void)yaml;
	if (project_open(db, PROJECT_READONLY, &pdb, &e) != PX_OK ||
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench: open %s: %s\n", db, e.msg);
		rc = -1;
		goto out;
	}
	/* one untimed pass of each warms the page cache alike */
	for (int i = -1; i < repeats + 4 && !rc; i++) {
		px_summary *s = NULL;
		double t0 = bench_now_ms(), t;
		if (summary_open(pdb, &s, &e) != PX_OK) {
			fprintf(stderr, "bench: summary_open: %s\n", e.msg);
			rc = -1;
			break;
		}
		t = bench_now_ms() - t0;
		summary_close(s);
		double r = raw_count(h);
		if (r < 0)
			rc = -1;
		if (i < 0)
			continue;
		samples_add(&ours, t);
		samples_add(&raw, r);
	}
out:
	db_close(pdb);
	sqlite3_close(h);
	samples_finish(m, &ours, &raw);
	m->max_ratio = 2.0;
	return rc;
}

/* A whole-vignette coding on vignette v with one participant. */
static int add_delete(px_db *db, int64_t v, int64_t code, int64_t coder, int64_t person,
		      struct samples *ours)
{
	px_coding c;
	px_err e = { 0 };
	double t0;

	memset(&c, 0, sizeof(c));
	c.vignette_id = v;
	c.code_id = code;
	c.coder_id = coder;
	c.start = c.end = -1;
	if (person)
		idl_push(&c.participants, person);
	t0 = bench_now_ms();
	if (coding_add(db, &c, &e) != PX_OK) {
		fprintf(stderr, "bench: coding_add: %s\n", e.msg);
		coding_free(&c);
		return -1;
	}
	samples_add(ours, bench_now_ms() - t0);
	t0 = bench_now_ms();
	if (coding_delete(db, c.id, &e) != PX_OK) {
		fprintf(stderr, "bench: coding_delete: %s\n", e.msg);
		coding_free(&c);
		return -1;
	}
	samples_add(ours, bench_now_ms() - t0);
	coding_free(&c);
	return 0;
}

static int raw_insert_delete(sqlite3 *h, int64_t v, int64_t code, int64_t coder,
			     struct samples *raw)
{
	char sql[512];
	double t0 = bench_now_ms();

	snprintf(sql, sizeof(sql), "BEGIN; INSERT INTO coding(vignette_id, code_id, coder_id,"
		 " uuid, created, updated) VALUES (%lld, %lld, %lld, 'u', 'now', 'now'); COMMIT",
		 (long long)v, (long long)code, (long long)coder);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	samples_add(raw, bench_now_ms() - t0);
	snprintf(sql, sizeof(sql), "BEGIN; DELETE FROM coding WHERE id = %lld; COMMIT",
		 (long long)sqlite3_last_insert_rowid(h));
	t0 = bench_now_ms();
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return -1;
	samples_add(raw, bench_now_ms() - t0);
	return 0;
}

static int64_t scalar(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int64_t v = 0;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int measure_summary_apply(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 };
	char tmp[1024];
	px_db *pdb = NULL;
	px_summary *s = NULL;
	sqlite3 *h = NULL;
	px_err e = { 0 };
	int64_t nvig, code, coder, person;
	int rc = 0;

	(void)yaml;
	(void)repeats;
	snprintf(tmp, sizeof(tmp), "%s/apply-%ld.db", benv.data, (long)getpid());
	if (bench_sh("rm -f '%s'* && cp '%s' '%s'", tmp, db, tmp))
		return -1;
	if (project_open(tmp, 0, &pdb, &e) != PX_OK || summary_open(pdb, &s, &e) != PX_OK ||
	    sqlite3_open(tmp, &h) != SQLITE_OK) {
		fprintf(stderr, "bench: open %s: %s\n", tmp, e.msg);
		rc = -1;
		goto out;
	}
	sqlite3_exec(h, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	nvig = scalar(h, "SELECT max(id) FROM vignette");
	/* a mutual-engagement code, so the engagement counters move too */
	code = scalar(h, "SELECT min(id) FROM code WHERE dimension = 1 AND parent_id IS NOT NULL");
	coder = scalar(h, "SELECT min(id) FROM coder");
	person = scalar(h, "SELECT min(id) FROM participant");
	for (int i = 0; i < APPLY_OPS && !rc; i++) {
		int64_t v = 1 + (int64_t)((uint64_t)i * 2654435761u % (uint64_t)nvig);
		rc = add_delete(pdb, v, code, coder, person, &ours) ||
		     raw_insert_delete(h, v, code, coder, &raw);
	}
	if (summary_stale(s)) {
		fprintf(stderr, "bench: the summary went stale (a full reload per write)\n");
		rc = -1;
	}
out:
	summary_close(s);
	db_close(pdb);
	sqlite3_close(h);
	bench_sh("rm -f '%s'*", tmp);
	samples_finish(m, &ours, &raw);
	m->max_ms = 5.0;
	m->target_on_p99 = 1;
	return rc;
}
