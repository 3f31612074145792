/* timing.c: latency lines for the benchmark; see praxis/timing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "praxis/timing.h"

static FILE *timing_fp;
static double t_start, t_start0, t_key, cpu_key;
static int pending_key = -1;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* CPU time of the calling thread (the event loop's; the summaries'
 * loader runs on its own): a key's work without the waits for a core. */
static double thread_cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

void timing_start(void)
{
	const char *path = getenv("PRAXIS_TIMINGS");

	if (!path || !*path || timing_fp)
		return;
	timing_fp = fopen(path, "a");
	t_start = t_start0 = now_ms();
}

void timing_first_frame(void)
{
	if (timing_fp && t_start > 0) {
		fprintf(timing_fp, "first_frame %.4f\n", now_ms() - t_start);
		fflush(timing_fp);
		t_start = 0;
	}
}

void timing_mark(const char *what)
{
	if (!timing_fp)
		return;
	fprintf(timing_fp, "%s %.4f\n", what, now_ms() - t_start0);
	/* read while the interface runs (the benchmark waits for it) */
	fflush(timing_fp);
}

void timing_key_begin(int key)
{
	if (!timing_fp)
		return;
	pending_key = key;
	t_key = now_ms();
	cpu_key = thread_cpu_ms();
}

void timing_key_done(void)
{
	if (!timing_fp || pending_key < 0)
		return;
	fprintf(timing_fp, "key %d %.4f %.4f\n", pending_key, now_ms() - t_key,
		thread_cpu_ms() - cpu_key);
	pending_key = -1;
}

void timing_stop(void)
{
	if (timing_fp)
		fclose(timing_fp);
	timing_fp = NULL;
}
