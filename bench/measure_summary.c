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

/* The load as the interface runs it: on a thread with its own fresh
 * read-only connection (summary_bg_start, then finish waiting for it),
 * wall and CPU time; 0 if it went well. */
static int bg_load(px_db *pdb, double *wall, double *cpu)
{
	summary_job *j = NULL;
	px_summary *s = NULL;
	px_err e = { 0 };
	int64_t n;
	double t0 = bench_now_ms(), c0 = bench_cpu_ms();

	if (summary_bg_start(pdb, &j, &e) != PX_OK || !j ||
	    summary_bg_finish(j, &s, &n, &e) != PX_OK) {
		fprintf(stderr, "bench: summary load: %s\n", j ? e.msg : "no loader thread");
		return -1;
	}
	*wall = bench_now_ms() - t0;
	*cpu = bench_cpu_ms() - c0;
	summary_close(s);
	return 0;
}

/* The whole summary load against the same reads done directly (see
 * raw_summary.c), after checking that those reads give the same counts. */
int measure_summary_load(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 }, cpu = { 0 }, rcpu = { 0 };
	px_db *pdb = NULL;
	px_err e = { 0 };
	int rc = 0;

	(void)yaml;
	if (raw_summary_check(db) != 0)
		return -1;
	if (project_open(db, PROJECT_READONLY, &pdb, &e) != PX_OK) {
		fprintf(stderr, "bench: open %s: %s\n", db, e.msg);
		return -1;
	}
	/* one untimed pass of each warms the page cache alike; the two
	 * sides alternate so that a burst of load hits both */
	for (int i = -1; i < repeats + 6 && !rc; i++) {
		double w = 0, c = 0, t0, c0;
		if ((rc = bg_load(pdb, &w, &c)))
			break;
		t0 = bench_now_ms();
		c0 = bench_cpu_ms();
		if ((rc = raw_summary_reads(db, NULL)))
			break;
		if (i < 0)
			continue;
		samples_add(&ours, w);
		samples_add(&cpu, c);
		samples_add(&raw, bench_now_ms() - t0);
		samples_add(&rcpu, bench_cpu_ms() - c0);
	}
	db_close(pdb);
	m->cpu_med = samples_pct(&cpu, 50);
	m->raw_cpu_med = samples_pct(&rcpu, 50);
	samples_free(&cpu);
	samples_free(&rcpu);
	samples_finish(m, &ours, &raw);
	m->max_ratio = 1.5;
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
