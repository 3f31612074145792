/* test_crash.c: praxis killed with SIGKILL at random moments while it
 * writes codings. After every kill the file must pass integrity_check and
 * hold every coding whose id the program had printed (reported done).
 *
 * Each round starts `praxis code` in a child and kills it after a random
 * delay drawn from a fixed seed, spread over the time one run takes
 * (measured first, only to aim the kills; nothing asserts on time). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "spawn.h"

#define CRASH_SEED 20260302u
#define CRASH_KILLS 60          /* at least 50 asked for; some land after exit */
#define CRASH_MAX_ROUNDS 600
#define TEXT_LEN 49             /* code points of fx_small_corpus's v1 */

struct done {
	long long id;
	int start;
};

static uint32_t rng_state = CRASH_SEED;

static uint32_t rng(void)
{
	rng_state = rng_state * 1664525u + 1013904223u;
	return rng_state >> 8;
}

static pid_t start_coding(const char *db, int start, int *out_fd)
{
	char s[16], e[16], memo[32];
	const char *args[] = { "--db", db, "--coder", "tester", "code", "--vignette", "v1",
			       "--code", "ME/crash test", "--create", "--start", s, "--end", e,
			       "--memo", memo, NULL };

	snprintf(s, sizeof(s), "%d", start);
	snprintf(e, sizeof(e), "%d", start + 1);
	snprintf(memo, sizeof(memo), "round at %d", start);
	return sp_start(args, NULL, out_fd, NULL);
}

static int reap(pid_t pid)
{
	int wstatus;

	while (waitpid(pid, &wstatus, 0) < 0)
		if (errno != EINTR)
			fail_msg("waitpid: %s", strerror(errno));
	return wstatus;
}

/* The id printed by a run that got as far as reporting it, else 0. */
static long long printed_id(const char *out)
{
	char *end;
	long long id;

	if (!*out || out[strlen(out) - 1] != '\n')
		return 0;
	id = strtoll(out, &end, 10);
	return *end == '\n' && id > 0 ? id : 0;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* How long one undisturbed run takes here (ASan, valgrind, a slow disk
 * all differ), so the kills can be spread across a run. */
static long long one_run_us(const char *db, struct done *done)
{
	long long best = -1;

	for (int i = 0; i < 3; i++) {
		int fd;
		long long t0 = now_us();
		pid_t pid = start_coding(db, 0, &fd);
		char *out = sp_read_all(fd);
		assert_int_equal(sp_status(reap(pid)), 0);
		done[i].id = printed_id(out);
		done[i].start = 0;
		assert_true(done[i].id > 0);
		free(out);
		long long t = now_us() - t0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

static void check_survivors(const char *db, const struct done *done, size_t n, int round)
{
	char msg[1024], sql[128];

	if (sp_integrity(db, msg, sizeof(msg)) != 0)
		fail_msg("round %d: %s", round, msg);
	for (size_t i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql), "SELECT start FROM coding WHERE id = %lld "
			 "UNION ALL SELECT -1 LIMIT 1", done[i].id);
		if (sp_scalar(db, sql) != done[i].start)
			fail_msg("round %d: coding %lld (reported done) is missing", round,
				 done[i].id);
	}
}

static void test_sigkill_never_loses_reported_codings(void **state)
{
	char *db = sp_project();
	long long run_us;
	size_t ndone = 3, cap = 64;
	struct done *done = xcalloc(cap, sizeof(*done));
	int kills = 0, rounds = 0, completed = 0;

	(void)state;
	/* the three calibration runs are reported codings too */
	run_us = one_run_us(db, done);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3 + 3);
	for (; kills < CRASH_KILLS && rounds < CRASH_MAX_ROUNDS; rounds++) {
		int fd, start = (int)(rng() % (TEXT_LEN - 1));
		/* up to 1.5 runs: before, during and after the commit */
		long long delay = (long long)(rng() % (uint32_t)(run_us * 3 / 2 + 1));
		pid_t pid = start_coding(db, start, &fd);
		if (delay > 0)
			usleep((useconds_t)delay);
		kill(pid, SIGKILL);
		char *out = sp_read_all(fd);
		int wstatus = reap(pid);
		if (WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
			kills++;
		else if (sp_status(wstatus) == 0)
			completed++;
		else
			fail_msg("round %d: praxis exited with %d", rounds, sp_status(wstatus));
		long long id = printed_id(out);
		free(out);
		if (id) {
			if (ndone == cap) {
				cap *= 2;
				done = xrealloc(done, cap * sizeof(*done));
			}
			done[ndone].id = id;
			done[ndone++].start = start;
		}
		check_survivors(db, done, ndone, rounds);
	}
	print_message("%d rounds: %d killed, %d completed, %zu reported done (one run: %lld us)\n",
		      rounds, kills, completed, ndone, run_us);
	assert_true(kills >= 50);
	/* the file still takes writes after all that */
	int fd;
	pid_t pid = start_coding(db, 5, &fd);
	char *out = sp_read_all(fd);
	assert_int_equal(sp_status(reap(pid)), 0);
	assert_true(printed_id(out) > 0);
	free(out);
	free(done);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigkill_never_loses_reported_codings),
	};
	return cmocka_run_group_tests_name("crash", tests, NULL, NULL);
}
