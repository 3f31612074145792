/* raw_summary.c: the summaries' reads done directly with SQLite, the
 * baseline of the two summary-load rows. It runs the very queries a load
 * runs (summary_load_queries, in their order, in one read transaction
 * as the loader's thread does) on a fresh connection set up as praxis
 * sets up its own (32 MiB of page cache), and fetches every column of
 * every row once, with the accessor of its type, except what the load
 * does not read either (a coding's stance, reading and speaker when it
 * links no register entry) -- no more (no aggregation) and no less.
 *
 * The check: from the same rows, the codings per code and the
 * vignettes and codings per participant, compared value for value with
 * what the summary state reports (summary_code_usage,
 * summary_participant_usage), and the number of codings. Run untimed:
 * counting would add work the load's baseline must not do. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"
#include "praxis/db.h"
#include "praxis/project.h"
#include "praxis/summary.h"

/* What the checking pass derives from the rows. */
struct raw_counts {
	int64_t *by_code, *vig_by_part, *cod_by_part;
	size_t ncode, nvp, ncp;
	int64_t codings;
};

static void bump(int64_t **v, size_t *n, int64_t id)
{
	if (id < 0)
		return;
	if ((size_t)id >= *n) {
		size_t m = (size_t)id + 1024;
		*v = realloc(*v, m * sizeof(**v));
		if (!*v)
			abort();
		memset(*v + *n, 0, (m - *n) * sizeof(**v));
		*n = m;
	}
	(*v)[id]++;
}

/* One row of query q into the counts (the checking pass only). */
static void count_row(sqlite3_stmt *st, const char *q, struct raw_counts *c)
{
	if (strstr(q, "FROM coding_participant")) {
		bump(&c->cod_by_part, &c->ncp, sqlite3_column_int64(st, 1));
	} else if (strstr(q, "FROM vignette_participant")) {
		bump(&c->vig_by_part, &c->nvp, sqlite3_column_int64(st, 1));
	} else if (strstr(q, "code_id") && strstr(q, "FROM coding")) {
		bump(&c->by_code, &c->ncode, sqlite3_column_int64(st, 2));
		c->codings++;
	}
}

int raw_summary_reads(const char *db, struct raw_counts *check)
{
	const char *const *q = summary_load_queries();
	sqlite3 *h = NULL;
	int rc = 0;
	long long sink = 0;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	sqlite3_exec(h, "PRAGMA cache_size = -32768; BEGIN", NULL, NULL, NULL);
	for (int i = 0; !rc && q[i]; i++) {
		sqlite3_stmt *st;
		int step;
		if (sqlite3_prepare_v2(h, q[i], -1, &st, NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: %s: %s\n", q[i], sqlite3_errmsg(h));
			rc = -1;
			break;
		}
		int ncol = sqlite3_column_count(st);
		/* the codings' link columns (stance, reading, speaker: 6, 7
		 * and 9 after the repertoire and accountability ids, 4 and 5)
		 * are read, as the load reads them, only for linked codings */
		int links = strstr(q[i], "accountability_id, stance") != NULL;
		while ((step = sqlite3_step(st)) == SQLITE_ROW) {
			int linked = !links || sqlite3_column_type(st, 4) != SQLITE_NULL ||
				     sqlite3_column_type(st, 5) != SQLITE_NULL;
			for (int k = 0; k < ncol; k++) {
				if (!linked && (k == 6 || k == 7 || k == 9))
					continue;
				int t = sqlite3_column_type(st, k);
				if (t == SQLITE_TEXT)
					sink += sqlite3_column_text(st, k)[0];
				else if (t != SQLITE_NULL)
					sink += sqlite3_column_int64(st, k);
			}
			if (check)
				count_row(st, q[i], check);
		}
		if (step != SQLITE_DONE)
			rc = -1;
		sqlite3_finalize(st);
	}
	sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(h);
	/* the values are used, so no compiler may drop a fetch */
	return rc ? rc : sink == -1 ? 1 : 0;
}

/* 1 where a[i] (n of them) and b[i] (m) agree, zero beyond the shorter. */
static int same_counts(const char *what, const int64_t *a, size_t n, const int64_t *b, size_t m)
{
	size_t top = n > m ? n : m;

	for (size_t i = 0; i < top; i++) {
		int64_t x = i < n ? a[i] : 0, y = i < m ? b[i] : 0;
		if (x != y) {
			fprintf(stderr, "bench: summary baseline check: %s of id %zu: the summaries "
				"say %lld, the raw reads %lld\n", what, i, (long long)x, (long long)y);
			return 0;
		}
	}
	return 1;
}

int raw_summary_check(const char *db)
{
	struct raw_counts c = { 0 };
	px_db *pdb = NULL;
	px_summary *s = NULL;
	px_err e = { 0 };
	int64_t *by_code = NULL, *vig = NULL, *cod = NULL;
	size_t ncode = 0, npart = 0;
	int ok = 0;

	if (raw_summary_reads(db, &c) != 0 || project_open(db, PROJECT_READONLY, &pdb, &e) ||
	    summary_open(pdb, &s, &e) || summary_code_usage(s, &by_code, &ncode, &e) ||
	    summary_participant_usage(s, &vig, &cod, &npart, &e)) {
		fprintf(stderr, "bench: summary baseline check: %s\n", e.msg);
	} else {
		int64_t total = 0;
		for (size_t i = 0; i < ncode; i++)
			total += by_code[i];
		ok = same_counts("codings per code", by_code, ncode, c.by_code, c.ncode) &&
		     same_counts("vignettes per participant", vig, npart, c.vig_by_part, c.nvp) &&
		     same_counts("codings per participant", cod, npart, c.cod_by_part, c.ncp) &&
		     same_counts("codings", &total, 1, &c.codings, 1);
	}
	free(by_code);
	free(vig);
	free(cod);
	free(c.by_code);
	free(c.vig_by_part);
	free(c.cod_by_part);
	summary_close(s);
	db_close(pdb);
	return ok ? 0 : -1;
}
