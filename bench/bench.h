/* bench.h: shared by bench.c (the driver) and the measure files. */
#ifndef PRAXIS_BENCH_H
#define PRAXIS_BENCH_H

#include <stddef.h>

#if defined(__GNUC__)
#define PX_BENCH_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PX_BENCH_PRINTF(a, b)
#endif

struct bench_env {
	const char *praxis;      /* the binary under test */
	const char *gen;
	const char *data;        /* cache directory */
};
extern struct bench_env benv;

struct samples {
	double *v;
	size_t n, cap;
};

struct measure {
	const char *name;
	double med, p90, p99;    /* praxis, ms */
	double cpu_med;          /* praxis's CPU time (user+sys), ms; 0: not measured */
	double raw_cpu_med;      /* the raw side's CPU time, ms; 0: not measured. When
				    both are there the ratio is of the CPU medians */
	double raw_med, raw_p99; /* raw SQLite doing the same work, ms */
	double max_ratio;        /* target: med / raw_med at most this (0: none) */
	double max_ms;           /* target: an absolute bound (0: none) */
	int target_on_p99;       /* max_ms bounds p99 rather than the median */
	int unit_mb;             /* the values are megabytes, not milliseconds */
};

/* One measure: fills m from runs on the corpus yaml / imported db. */
struct bench_measure {
	const char *name;
	int (*run)(struct measure *m, const char *yaml, const char *db, int repeats);
};
extern const struct bench_measure bench_measures[];

/* The measures, one file each (measure_*.c). */
int measure_import(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_export_csv(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_summary_load(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_summary_apply(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_startup(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_startup_summaries(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_keystroke(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_add_coding(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_search(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_search_rank(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_search_date(struct measure *m, const char *yaml, const char *db, int repeats);
int measure_rss(struct measure *m, const char *yaml, const char *db, int repeats);

/* raw_summary.c: the summary load's reads done directly (check NULL:
 * the timed baseline), and their check against the summary state at
 * db (0 if every value agrees). */
struct raw_counts;
int raw_summary_reads(const char *db, struct raw_counts *check);
int raw_summary_check(const char *db);
/* CPU time (user+sys) of this process so far, ms. */
double bench_cpu_ms(void);

double bench_now_ms(void);
void samples_add(struct samples *s, double v);
double samples_pct(struct samples *s, double pct);
void samples_free(struct samples *s);
/* Medians and p99s of both sides into m; frees the samples. */
void samples_finish(struct measure *m, struct samples *ours, struct samples *raw);
int bench_sh(const char *fmt, ...) PX_BENCH_PRINTF(1, 2);
double bench_time_sh(const char *fmt, ...) PX_BENCH_PRINTF(1, 2);

#endif
