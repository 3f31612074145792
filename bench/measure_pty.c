/* measure_pty.c: start-up as the user sees it. praxis runs on a
 * pseudo-terminal (120x40) from exec; the clock stops when the status
 * line (" vignettes | ") appears in what it writes to the terminal. The
 * CPU time (user+sys, every thread) is read at that moment. The raw
 * side reads what the first frame needs: the names, the first page of
 * vignettes and the first vignette's text and codings. */
#include <dirent.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "bench.h"

#define PTY_RUNS 12
#define STATUS_MARK " vignettes | "

/* CPU time of every thread of pid so far, ms (schedstat: ns on CPU). */
static double task_cpu_ms(pid_t pid)
{
	char path[64];
	DIR *d;
	struct dirent *de;
	double ms = 0;

	snprintf(path, sizeof(path), "/proc/%ld/task", (long)pid);
	if (!(d = opendir(path)))
		return 0;
	while ((de = readdir(d))) {
		char f[600];
		unsigned long long ns = 0;
		FILE *fp;
		if (de->d_name[0] == '.')
			continue;
		snprintf(f, sizeof(f), "%s/%s/schedstat", path, de->d_name);
		if ((fp = fopen(f, "r"))) {
			if (fscanf(fp, "%llu", &ns) == 1)
				ms += ns / 1e6;
			fclose(fp);
		}
	}
	closedir(d);
	return ms;
}

static int has_mark(const char *buf, size_t len, const char *mark, size_t mlen)
{
	for (size_t i = 0; i + mlen <= len; i++)
		if (memcmp(buf + i, mark, mlen) == 0)
			return 1;
	return 0;
}

/* Reads fd until mark shows in the output (0) or 20 s pass (-1). */
static int read_until(int fd, const char *mark)
{
	char buf[8192 + 64];
	size_t keep = 0, mlen = strlen(mark);
	double t0 = bench_now_ms();

	while (bench_now_ms() - t0 < 20000) {
		struct pollfd p = { fd, POLLIN, 0 };
		ssize_t n;
		if (poll(&p, 1, 100) <= 0)
			continue;
		if ((n = read(fd, buf + keep, sizeof(buf) - keep - 1)) <= 0)
			return -1;
		keep += (size_t)n;
		buf[keep] = '\0';
		if (has_mark(buf, keep, mark, mlen))
			return 0;
		/* the mark may straddle two reads */
		if (keep > mlen) {
			memmove(buf, buf + keep - mlen, mlen);
			keep = mlen;
		}
	}
	return -1;
}

/* The "summaries MS" line of the timings file, waiting for it (two
 * minutes: the scale row's load takes tens of seconds). */
static double wait_summaries(const char *tfile)
{
	double t0 = bench_now_ms();

	while (bench_now_ms() - t0 < 120000) {
		char line[128];
		FILE *fp = fopen(tfile, "r");
		double ms = -1;
		while (fp && fgets(line, sizeof(line), fp))
			if (sscanf(line, "summaries %lf", &ms) == 1)
				break;
		if (fp)
			fclose(fp);
		if (ms >= 0)
			return ms;
		usleep(2000);
	}
	return -1;
}

/* One session on a pty: first frame wall and CPU ms, and (summaries not
 * NULL) the moment the summary state arrived, ms from the interface's
 * start. 0 if it went well. */
static int pty_session(const char *db, double *wall, double *cpu, double *summaries)
{
	char tfile[1024];
	struct winsize ws = { 40, 120, 0, 0 };
	int fd, status, rc = 0;
	double t0;
	pid_t pid;

	snprintf(tfile, sizeof(tfile), "%s/pty-timings-%ld.txt", benv.data, (long)getpid());
	unlink(tfile);
	t0 = bench_now_ms();
	if ((pid = forkpty(&fd, NULL, NULL, &ws)) < 0)
		return -1;
	if (pid == 0) {
		setenv("TERM", "xterm-256color", 1);
		setenv("PRAXIS_TIMINGS", tfile, 1);
		unsetenv("LINES");
		unsetenv("COLUMNS");
		execl(benv.praxis, "praxis", "--db", db, "--coder", "c0", (char *)NULL);
		_exit(127);
	}
	if (read_until(fd, STATUS_MARK) == 0) {
		*wall = bench_now_ms() - t0;
		*cpu = task_cpu_ms(pid);
	} else {
		rc = -1;
	}
	if (!rc && summaries && (*summaries = wait_summaries(tfile)) < 0)
		rc = -1;
	if (write(fd, "q", 1) != 1 || rc)
		kill(pid, SIGTERM);
	/* drain until it closes the terminal */
	while (read_until(fd, "\x01\x02never") == 0)
		;
	waitpid(pid, &status, 0);
	close(fd);
	unlink(tfile);
	return rc || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ? -1 : 0;
}

static sqlite3 *open_ro(const char *db)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return NULL;
	}
	return h;
}

static int drain_sql(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* What the first frame reads, done directly (a fresh connection each
 * time, as the process opens one). */
static const char *const first_frame_sql[] = {
	"SELECT id, parent_id, name, dimension, ord FROM code",
	"SELECT id, ext_id FROM coder",
	"SELECT id, pseudonym, role FROM participant",
	"SELECT id, ext_id, name FROM community",
	"SELECT count(*) FROM vignette",
	"SELECT id, ext_id, title, date, community_id FROM vignette ORDER BY date, id LIMIT 50",
	"SELECT text FROM vignette WHERE id = (SELECT id FROM vignette ORDER BY date, id LIMIT 1)",
	"SELECT id, code_id, start, end FROM coding WHERE vignette_id ="
	" (SELECT id FROM vignette ORDER BY date, id LIMIT 1) ORDER BY start, id",
	NULL,
};

static int raw_first_frame(const char *db, double *ms)
{
	double t0 = bench_now_ms();
	sqlite3 *h = open_ro(db);
	int rc = h ? 0 : -1;

	for (int i = 0; !rc && first_frame_sql[i]; i++)
		rc = drain_sql(h, first_frame_sql[i]);
	sqlite3_close(h);
	*ms = bench_now_ms() - t0;
	return rc;
}

int measure_startup(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 }, cpu = { 0 };
	int rc = 0;

	(void)yaml;
	(void)repeats;
	for (int i = 0; i < PTY_RUNS && !rc; i++) {
		double wall = 0, c = 0, r = 0;
		if ((rc = pty_session(db, &wall, &c, NULL)) || (rc = raw_first_frame(db, &r)))
			break;
		samples_add(&ours, wall);
		samples_add(&cpu, c);
		samples_add(&raw, r);
	}
	m->cpu_med = samples_pct(&cpu, 50);
	samples_free(&cpu);
	m->max_ms = 100;
	samples_finish(m, &ours, &raw);
	return rc;
}

/* From the interface's start to the summary state arriving (on its
 * thread, after the first frame), against the same reads done directly. */
int measure_startup_summaries(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 };
	int rc = 0;

	(void)yaml;
	(void)repeats;
	for (int i = 0; i < PTY_RUNS && !rc; i++) {
		double wall = 0, c = 0, s = 0, t0;
		if ((rc = pty_session(db, &wall, &c, &s)))
			break;
		samples_add(&ours, s);
		t0 = bench_now_ms();
		if ((rc = raw_summary_reads(db, NULL)))
			break;
		samples_add(&raw, bench_now_ms() - t0);
	}
	m->max_ratio = 1.5;
	samples_finish(m, &ours, &raw);
	return rc;
}
