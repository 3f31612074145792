/* measure_import.c: importing the YAML corpus, against the same rows copied
 * into a fresh database (same schema and triggers) by a minimal
 * prepared-statement loop in one transaction. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bench.h"

static const char *const copy_order[] = {
	"coder", "community", "repertoire", "accountability", "participant",
	"participant_attr", "participant_alias", "code", "vignette",
	"vignette_participant", "coding", "coding_participant", "coding_held_by", "memo",
	NULL
};

static int copy_table(sqlite3 *h, const char *table)
{
	char sql[512];
	sqlite3_stmt *sel, *ins;
	int ncol, rc = 0;

	snprintf(sql, sizeof(sql), "SELECT * FROM src.%s", table);
	if (sqlite3_prepare_v2(h, sql, -1, &sel, NULL) != SQLITE_OK)
		return -1;
	ncol = sqlite3_column_count(sel);
	/* the default codes exist in both: keep the target's */
	int n = snprintf(sql, sizeof(sql), "INSERT OR IGNORE INTO main.%s VALUES (", table);
	for (int i = 0; i < ncol; i++)
		n += snprintf(sql + n, sizeof(sql) - (size_t)n, i ? ", ?" : "?");
	snprintf(sql + n, sizeof(sql) - (size_t)n, ")");
	if (sqlite3_prepare_v2(h, sql, -1, &ins, NULL) != SQLITE_OK) {
		sqlite3_finalize(sel);
		return -1;
	}
	while (sqlite3_step(sel) == SQLITE_ROW) {
		for (int i = 0; i < ncol; i++)
			sqlite3_bind_value(ins, i + 1, sqlite3_column_value(sel, i));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			rc = -1;
			break;
		}
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	return rc;
}

static double raw_copy(const char *src, const char *dst)
{
	sqlite3 *h;
	char attach[1200];
	double t0, t;
	int rc = 0;

	if (bench_sh("rm -f '%s'* && '%s' --db '%s' init >/dev/null", dst, benv.praxis, dst))
		return -1;
	if (sqlite3_open(dst, &h) != SQLITE_OK)
		return -1;
	snprintf(attach, sizeof(attach), "ATTACH '%s' AS src", src);
	sqlite3_exec(h, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
		     "PRAGMA cache_size = -32768; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (sqlite3_exec(h, attach, NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	t0 = bench_now_ms();
	sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	for (int i = 0; copy_order[i] && !rc; i++)
		rc = copy_table(h, copy_order[i]);
	if (!rc && sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = -1;
	t = bench_now_ms() - t0;
	sqlite3_close(h);
	return rc ? -1 : t;
}

int measure_import(struct measure *m, const char *yaml, const char *db, int repeats)
{
	struct samples ours = { 0 }, raw = { 0 };
	char tmp[1024];
	int rc = 0;

	snprintf(tmp, sizeof(tmp), "%s/import-%ld.db", benv.data, (long)getpid());
	for (int i = 0; i < repeats && !rc; i++) {
		double t;
		bench_sh("rm -f '%s'*", tmp);
		t = bench_time_sh("'%s' --db '%s' import --quiet '%s'", benv.praxis, tmp, yaml);
		if (t < 0) {
			rc = -1;
			break;
		}
		samples_add(&ours, t);
		if ((t = raw_copy(db, tmp)) < 0) {
			rc = -1;
			break;
		}
		samples_add(&raw, t);
	}
	bench_sh("rm -f '%s'*", tmp);
	m->med = samples_pct(&ours, 50);
	m->p99 = samples_pct(&ours, 99);
	m->raw_med = samples_pct(&raw, 50);
	m->raw_p99 = samples_pct(&raw, 99);
	m->max_ratio = 3.0;
	samples_free(&ours);
	samples_free(&raw);
	return rc;
}
