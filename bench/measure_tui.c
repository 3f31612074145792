/* measure_tui.c: the interface, run headless on the imported database with
 * PRAXIS_TIMINGS, against the raw queries that fetch the same data. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define KEY_ENTER 13

/* Runs praxis headless on the script text; appends its timing lines to
 * *timings (caller frees) and returns its peak RSS in KiB, or -1. */
static long run_headless(const char *db, const char *script, char **timings)
{
	char keys[1024], tfile[1024], cmd[4096];
	struct rusage ru;
	FILE *fp;
	pid_t pid;
	int status;

	snprintf(keys, sizeof(keys), "%s/keys-%ld.txt", benv.data, (long)getpid());
	snprintf(tfile, sizeof(tfile), "%s/timings-%ld.txt", benv.data, (long)getpid());
	if (!(fp = fopen(keys, "w")))
		return -1;
	fputs(script, fp);
	fclose(fp);
	unlink(tfile);
	snprintf(cmd, sizeof(cmd), "PRAXIS_TIMINGS='%s' LINES=40 COLUMNS=120 exec '%s' --db '%s' "
		 "--coder c0 --script '%s' --dump-screen /dev/null", tfile, benv.praxis, db, keys);
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		fprintf(stderr, "bench: failed: %s\n", cmd);
		return -1;
	}
	*timings = NULL;
	if ((fp = fopen(tfile, "r"))) {
		size_t cap = 1 << 20, len = 0;
		char *buf = malloc(cap);
		size_t n;
		while (buf && (n = fread(buf + len, 1, cap - len - 1, fp)) > 0) {
			len += n;
			if (len + 1 >= cap && !(buf = realloc(buf, cap *= 2)))
				break;
		}
		if (buf)
			buf[len] = '\0';
		*timings = buf;
		fclose(fp);
	}
	unlink(keys);
	unlink(tfile);
	return ru.ru_maxrss;
}

/* Adds each "key CODE MS CPU" line (for the given key, or any with -1;
 * its CPU time to cpu when not NULL) and the first_frame value (when
 * first is not NULL). */
static void collect(const char *timings, int key, struct samples *keys, struct samples *cpu,
		    struct samples *first)
{
	const char *p = timings;

	while (p && *p) {
		int code, got;
		double ms, cms;
		if (first && sscanf(p, "first_frame %lf", &ms) == 1) {
			samples_add(first, ms);
		} else if (keys && (got = sscanf(p, "key %d %lf %lf", &code, &ms, &cms)) >= 2 &&
			   (key < 0 || code == key)) {
			samples_add(keys, ms);
			if (cpu && got == 3)
				samples_add(cpu, cms);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
}

static sqlite3 *open_raw(const char *db)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	sqlite3_exec(h, "PRAGMA cache_size = -32768", NULL, NULL, NULL);
	return h;
}

/* Steps a query to the end; returns rows seen or -1. */
static long drain(sqlite3_stmt *st)
{
	long rows = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rows++;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? rows : -1;
}

static const char page_after_sql[] =
	"SELECT id, ext_id, title, date, community_id FROM vignette"
	" WHERE (date, id) > (?1, ?2) ORDER BY date, id LIMIT 50";
static const char codings_of_sql[] =
	"SELECT id, code_id, start, end, coder_id FROM coding WHERE vignette_id = ?"
	" ORDER BY start, id";

#define KEY_SAMPLES 1000

/* The keys' CPU time (the event loop thread's): median in the table,
 * median and p99 on stderr, since on a shared machine the wall p99 is
 * often a wait for a core. */
static void key_cpu(struct measure *m, struct samples *cpu, const char *what)
{
	if (cpu->n) {
		m->cpu_med = samples_pct(cpu, 50);
		fprintf(stderr, "bench: CPU time of the %s: median %.3f ms, p90 %.3f ms,"
			" p99 %.3f ms (%zu keys)\n", what, m->cpu_med, samples_pct(cpu, 90),
			samples_pct(cpu, 99), cpu->n);
	}
	samples_free(cpu);
}

/* Moving down the vignette list 1,000 rows, opening every tenth. */
int measure_keystroke(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 }, cpu = { 0 };
	char script[16384];
	size_t n = 0;
	sqlite3 *h = open_raw(db);
	sqlite3_stmt *page = NULL, *codings = NULL, *walk = NULL;
	int rc = 0;

	(void)yaml;
	(void)repeats;
	/* 1,000 samples: p99 is then not the single slowest one */
	for (int i = 0; i < KEY_SAMPLES; i++)
		n += (size_t)snprintf(script + n, sizeof(script) - n, i % 10 == 9 ? "j<Enter><Esc>" : "j");
	snprintf(script + n, sizeof(script) - n, "\n");
	char *timings = NULL;
	if (run_headless(db, script, &timings) < 0)
		return -1;
	collect(timings, -1, &ours, &cpu, NULL);
	free(timings);
	/* raw: the next page after each row, and the codings of each */
	if (!h || sqlite3_prepare_v2(h, page_after_sql, -1, &page, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, codings_of_sql, -1, &codings, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT date, id FROM vignette ORDER BY date, id LIMIT 1000", -1,
			       &walk, NULL) != SQLITE_OK)
		rc = -1;
	while (!rc && sqlite3_step(walk) == SQLITE_ROW) {
		double t0 = bench_now_ms();
		sqlite3_bind_text(page, 1, (const char *)sqlite3_column_text(walk, 0), -1,
				  SQLITE_TRANSIENT);
		sqlite3_bind_int64(page, 2, sqlite3_column_int64(walk, 1));
		sqlite3_bind_int64(codings, 1, sqlite3_column_int64(walk, 1));
		if (drain(page) < 0 || drain(codings) < 0)
			rc = -1;
		samples_add(&raw, bench_now_ms() - t0);
	}
	sqlite3_finalize(walk);
	sqlite3_finalize(page);
	sqlite3_finalize(codings);
	sqlite3_close(h);
	m->max_ms = 2;
	m->target_on_p99 = 1;
	key_cpu(m, &cpu, "list moves");
	samples_finish(m, &ours, &raw);
	return rc;
}

/* A thousand codings made with the 1 key in the reader, each through
 * commit, summaries and redraw, on a copy of the database. */
int measure_add_coding(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 }, cpu = { 0 };
	char copy[1024], script[16384];
	size_t n;
	sqlite3 *h = NULL;
	sqlite3_stmt *ins = NULL;
	int rc = 0;

	(void)yaml;
	(void)repeats;
	snprintf(copy, sizeof(copy), "%s/add-%ld.db", benv.data, (long)getpid());
	if (bench_sh("rm -f '%s'* && sqlite3 '%s' \".backup '%s'\"", copy, db, copy))
		return -1;
	/* 1,000 codings: fifty short spans in each of twenty vignettes */
	n = 0;
	for (int v = 1; v <= KEY_SAMPLES / 50; v++) {
		n += (size_t)snprintf(script + n, sizeof(script) - n, ":open v%d\n", v);
		for (int i = 0; i < 50; i++)
			n += (size_t)snprintf(script + n, sizeof(script) - n, "vll1ll");
		n += (size_t)snprintf(script + n, sizeof(script) - n, "\n");
	}
	char *timings = NULL;
	if (run_headless(copy, script, &timings) < 0)
		rc = -1;
	collect(timings, '1', &ours, &cpu, NULL);
	free(timings);
	if (!rc && !(h = open_raw(copy)))
		rc = -1;
	if (!rc && sqlite3_prepare_v2(h, "INSERT INTO coding(vignette_id, code_id, coder_id,"
				      " start, end, uuid, created, updated) VALUES (1, 1, 1, ?, ?,"
				      " lower(hex(randomblob(16))), '2026-01-01', '2026-01-01')",
				      -1, &ins, NULL) != SQLITE_OK)
		rc = -1;
	sqlite3_exec(h, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
	for (int i = 0; i < KEY_SAMPLES && !rc; i++) {
		double t0 = bench_now_ms();
		sqlite3_exec(h, "BEGIN", NULL, NULL, NULL);
		sqlite3_bind_int(ins, 1, i);
		sqlite3_bind_int(ins, 2, i + 2);
		if (drain(ins) < 0)
			rc = -1;
		sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
		samples_add(&raw, bench_now_ms() - t0);
	}
	sqlite3_finalize(ins);
	sqlite3_close(h);
	bench_sh("rm -f '%s'*", copy);
	m->max_ms = 5;
	m->target_on_p99 = 1;
	key_cpu(m, &cpu, "codings");
	samples_finish(m, &ours, &raw);
	return rc;
}

/* Ranked full-text search, first page: the Enter that runs it. */
int measure_search(struct measure *m, const char *yaml, const char *db, int repeats)
{
	static const char *const words[] = { "procedure", "handover", "appeal", "binder" };
	struct samples ours = { 0 }, raw = { 0 };
	sqlite3 *h = open_raw(db);
	sqlite3_stmt *fts = NULL;
	int rc = 0;

	(void)yaml;
	if (!h || sqlite3_prepare_v2(h, "SELECT rowid FROM vignette_fts WHERE vignette_fts"
				     " MATCH ? ORDER BY rank LIMIT 50", -1, &fts, NULL) != SQLITE_OK)
		rc = -1;
	for (int i = 0; i < repeats + 4 && !rc; i++) {
		char script[256], *timings = NULL;
		const char *w = words[i % 4];
		snprintf(script, sizeof(script), "/%s<Enter>\n", w);
		if (run_headless(db, script, &timings) < 0) {
			rc = -1;
			break;
		}
		struct samples enter = { 0 };
		collect(timings, KEY_ENTER, &enter, NULL, NULL);
		if (enter.n)
			samples_add(&ours, enter.v[enter.n - 1]);
		samples_free(&enter);
		free(timings);
		double t0 = bench_now_ms();
		sqlite3_bind_text(fts, 1, w, -1, SQLITE_STATIC);
		if (drain(fts) < 0)
			rc = -1;
		samples_add(&raw, bench_now_ms() - t0);
	}
	sqlite3_finalize(fts);
	sqlite3_close(h);
	m->max_ratio = 1.5;
	samples_finish(m, &ours, &raw);
	return rc;
}

/* Peak resident memory of a session that browses, opens and searches. */
int measure_rss(struct measure *m, const char *yaml, const char *db, int repeats)
{
	char *timings = NULL;
	long kb;

	(void)yaml;
	(void)repeats;
	kb = run_headless(db, "jjjjjjjjjj<Enter><Esc>/handover<Enter>\n", &timings);
	free(timings);
	if (kb < 0)
		return -1;
	/* reported in the ms columns as MB, with the bound alongside */
	m->med = m->p99 = kb / 1024.0;
	m->raw_med = m->raw_p99 = 0;
	m->max_ms = 150;
	m->unit_mb = 1;
	return 0;
}
