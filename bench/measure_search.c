/* measure_search.c: `praxis search WORD --order rank|date` (how many
 * vignettes match, then the first page with snippets) against `sqlite3`
 * doing the same job in SQL: the same count, the same page in the same
 * order with the same snippets. Before any timing, both outputs are
 * compared value for value (the CSV page and the count); a difference
 * fails the measure. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bench.h"

#define PAGE "50"

/* The hits as praxis finds them (praxis/browse.h): every word of the
 * query in the title or text, or in a vignette memo. */
#define HITS(w) \
	"SELECT rowid AS id, bm25(vignette_fts, 10.0, 1.0) AS s FROM vignette_fts" \
	" WHERE vignette_fts MATCH '\"" w "\"' UNION ALL SELECT t.target_id, 1e300" \
	" FROM memo_target t WHERE t.kind = 1 AND t.memo_id IN (SELECT rowid FROM memo_fts" \
	" WHERE memo_fts MATCH '\"" w "\"')"

/* The snippet of vignette v.id with its matched words in [ ]. */
#define SNIPPET(w) \
	"(SELECT replace(replace(snippet(vignette_fts, -1, char(1), char(2), '…', 10)," \
	" char(1), '['), char(2), ']') FROM vignette_fts WHERE vignette_fts MATCH '\"" w \
	"\"' AND rowid = v.id) AS snippet"

#define COUNT(w) "SELECT count(DISTINCT id) FROM (" HITS(w) ");"

#define PAGE_RANK(w) \
	"SELECT row_number() OVER (ORDER BY h.s, h.id) AS rank, v.ext_id AS vignette," \
	" v.date AS date, v.title AS title, " SNIPPET(w) " FROM (SELECT id, min(s) AS s" \
	" FROM (" HITS(w) ") GROUP BY id ORDER BY s, id LIMIT " PAGE ") h" \
	" JOIN vignette v ON v.id = h.id ORDER BY h.s, h.id;"

#define PAGE_DATE(w) \
	"SELECT row_number() OVER (ORDER BY v.date, v.id) AS rank, v.ext_id AS vignette," \
	" v.date AS date, v.title AS title, " SNIPPET(w) " FROM vignette v" \
	" WHERE v.id IN (SELECT id FROM (" HITS(w) ")) ORDER BY v.date, v.id LIMIT " PAGE ";"

struct search_word {
	const char *word, *count, *rank, *date;
};

#define WORD(w) { w, COUNT(w), PAGE_RANK(w), PAGE_DATE(w) }

static const struct search_word words[] = {
	WORD("procedure"), WORD("handover"), WORD("appeal"), WORD("binder"),
};
#define NWORDS (sizeof(words) / sizeof(words[0]))

/* The next RFC 4180 cell of *p (quotes undone) into cell; 1 if the row
 * goes on after it, 0 at its end (CR LF or LF, or the end of the text). */
static int csv_cell(const char **p, char *cell, size_t cap)
{
	const char *s = *p;
	size_t n = 0;
	int quoted = *s == '"';

	if (quoted)
		s++;
	for (; *s; s++) {
		if (quoted && *s == '"' && s[1] == '"')
			s++;
		else if (quoted && *s == '"') {
			quoted = 0;
			continue;
		} else if (!quoted && (*s == ',' || *s == '\r' || *s == '\n'))
			break;
		if (n + 1 < cap)
			cell[n++] = *s;
	}
	cell[n] = '\0';
	if (*s == ',') {
		*p = s + 1;
		return 1;
	}
	s += *s == '\r';
	s += *s == '\n';
	*p = s;
	return 0;
}

/* The CSV text of `praxis search` against the rows of page run in h,
 * value for value, the header aside; 0 if they agree. */
static int same_rows(sqlite3 *h, const char *csv, const char *page)
{
	sqlite3_stmt *st = NULL;
	const char *p = strchr(csv, '\n');
	char cell[4096];
	int rc = 0, row = 0;

	if (!p || sqlite3_prepare_v2(h, page, -1, &st, NULL) != SQLITE_OK)
		return -1;
	p++;
	while (!rc && sqlite3_step(st) == SQLITE_ROW) {
		row++;
		for (int c = 0; c < sqlite3_column_count(st) && !rc; c++) {
			const char *want = (const char *)sqlite3_column_text(st, c);
			int more = csv_cell(&p, cell, sizeof(cell));
			if (strcmp(cell, want ? want : "") != 0 ||
			    more != (c + 1 < sqlite3_column_count(st))) {
				fprintf(stderr, "bench: row %d column %d: praxis '%s', SQL '%s'\n",
					row, c + 1, cell, want ? want : "");
				rc = -1;
			}
		}
	}
	if (!rc && *p) {
		fprintf(stderr, "bench: praxis lists more than the %d rows of the SQL\n", row);
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The output of a shell command (at most cap - 1 bytes). */
static char *command_output(const char *cmd)
{
	FILE *fp = popen(cmd, "r");
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);

	if (!fp || !buf) {
		if (fp)
			pclose(fp);
		free(buf);
		return NULL;
	}
	n = fread(buf, 1, cap - 1, fp);
	buf[n] = '\0';
	if (pclose(fp) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* praxis and the SQL give the same page, value for value, and the same
 * count for word w in order. */
static int same_output(sqlite3 *h, const char *db, const struct search_word *w,
		       const char *order, const char *page)
{
	char cmd[1024], *csv, *table;
	long long praxis_count = -1, sql_count = -2;
	sqlite3_stmt *st = NULL;
	int rc = -1;

	snprintf(cmd, sizeof(cmd), "'%s' --db '%s' search '%s' --order %s --limit " PAGE
		 " --format csv", benv.praxis, db, w->word, order);
	csv = command_output(cmd);
	snprintf(cmd, sizeof(cmd), "'%s' --db '%s' search '%s' --order %s --limit 1",
		 benv.praxis, db, w->word, order);
	table = command_output(cmd);
	if (table)
		sscanf(table, "%lld", &praxis_count);
	if (sqlite3_prepare_v2(h, w->count, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		sql_count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (csv && praxis_count == sql_count && same_rows(h, csv, page) == 0)
		rc = 0;
	else
		fprintf(stderr, "bench: praxis search '%s' --order %s differs from the SQL "
			"(count %lld against %lld)\n", w->word, order, praxis_count, sql_count);
	free(csv);
	free(table);
	return rc;
}

static int measure_order(struct measure *m, const char *db, int repeats, const char *order)
{
	struct samples ours = { 0 }, raw = { 0 };
	int rank = strcmp(order, "rank") == 0, rc = 0;
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		rc = -1;
	for (size_t i = 0; i < NWORDS && !rc; i++)
		rc = same_output(h, db, &words[i], order, rank ? words[i].rank : words[i].date);
	sqlite3_close(h);
	for (int i = 0; i < repeats + 4 && !rc; i++) {
		const struct search_word *w = &words[(size_t)i % NWORDS];
		double t = bench_time_sh("'%s' --db '%s' search '%s' --order %s --limit " PAGE
					 " > /dev/null", benv.praxis, db, w->word, order);
		double r = bench_time_sh("sqlite3 -csv '%s' \"%s%s\" > /dev/null", db, w->count,
					 rank ? w->rank : w->date);
		if (t < 0 || r < 0)
			rc = -1;
		samples_add(&ours, t);
		samples_add(&raw, r);
	}
	m->max_ratio = 1.5;
	samples_finish(m, &ours, &raw);
	return rc;
}

int measure_search_rank(struct measure *m, const char *yaml, const char *db, int repeats)
{
	(void)yaml;
	return measure_order(m, db, repeats, "rank");
}

int measure_search_date(struct measure *m, const char *yaml, const char *db, int repeats)
{
	(void)yaml;
	return measure_order(m, db, repeats, "date");
}
