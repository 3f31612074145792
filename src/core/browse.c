/* browse.c: filtered, keyset-paged listings for the interface; see
 * praxis/browse.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/browse.h"
#include "praxis/codebook.h"
#include "praxis/util.h"
#include "praxis/vignette.h"

/* Parameters are numbered so one binder serves every query built here. */
#define P_PART 1
#define P_COMM 2
#define P_CODE 3
#define P_CODER 4
#define P_FROM 5
#define P_TO 6
#define P_SEARCH 7
#define P_KDATE 8
#define P_KID 9
#define P_LIMIT 10
#define P_DRILL 11
/* In rank order, the place of the key's vignette among the hits; 0 (before
 * the first) for a vignette that is not one: a list opened at it starts
 * from the best hit. */
#define HIT_POS "coalesce((SELECT pos FROM temp.browse_hits WHERE id = ?9), 0)"

int browse_order_parse(const char *name)
{
	if (strcmp(name, "rank") == 0)
		return BROWSE_ORDER_RANK;
	if (strcmp(name, "date") == 0)
		return BROWSE_ORDER_DATE;
	return -1;
}

const char *browse_order_name(int order)
{
	return order == BROWSE_ORDER_DATE ? "date" : "rank";
}

int browse_filter_active(const browse_filter *f)
{
	return f->participant_id || f->community_id || f->code_id || f->coder_id ||
	       f->date_from || f->date_to || f->search || f->drill;
}

void browse_filter_free(browse_filter *f)
{
	free(f->date_from);
	free(f->date_to);
	free(f->search);
	idl_free(&f->drill_ids);
	free(f->drill_label);
	memset(f, 0, sizeof(*f));
}

void browse_filter_clear(browse_filter *f)
{
	int order = f->order;

	browse_filter_free(f);
	f->order = order;
}

void browse_filter_copy(browse_filter *dst, const browse_filter *src)
{
	*dst = *src;
	dst->date_from = xstrdup(src->date_from);
	dst->date_to = xstrdup(src->date_to);
	dst->search = xstrdup(src->search);
	memset(&dst->drill_ids, 0, sizeof(dst->drill_ids));
	idl_copy(&dst->drill_ids, &src->drill_ids);
	dst->drill_label = xstrdup(src->drill_label);
}

char *browse_fts_query(const char *words)
{
	strbuf b;
	const char *p = words;

	sb_init(&b);
	while (p && *p) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (b.len)
			sb_addc(&b, ' ');
		sb_addc(&b, '"');
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '"')
				sb_addc(&b, '"');
			sb_addc(&b, *p);
		}
		sb_addc(&b, '"');
	}
	if (!b.len) {
		sb_free(&b);
		return NULL;
	}
	return sb_steal(&b);
}

/* The cached statement sql over temp tables, made by ddl the first time
 * (a failed prepare is not cached: the tables are then created). */
static sqlite3_stmt *temp_stmt(px_db *db, const char *ddl, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql, NULL);

	if (st || sqlite3_exec(db_sqlite(db), ddl, NULL, NULL, NULL) != SQLITE_OK)
		return st;
	return db_stmt(db, sql, NULL);
}

/* A search's hits in rank order (praxis/browse.h): the bm25 of the text
 * index (lower is better), memo-only hits after every text hit. */
#define BROWSE_RANKED_HITS \
	"INSERT INTO temp.browse_hits(id, pos) SELECT id, row_number() OVER" \
	" (ORDER BY min(s), id) FROM (SELECT rowid AS id, bm25(vignette_fts, " \
	BROWSE_TITLE_WEIGHT ", 1.0) AS s FROM vignette_fts WHERE vignette_fts MATCH ?1" \
	" UNION ALL SELECT t.target_id, 1e300 FROM memo_target t WHERE t.kind = 1" \
	" AND t.memo_id IN (SELECT rowid FROM memo_fts WHERE memo_fts MATCH ?1))" \
	" GROUP BY id"

/* The search's hits, vignette ids from the vignette and the memo
 * indexes, kept in temp.browse_hits for the query text, this
 * connection's changes and the other connections' (data_version) they
 * were made at: the listing, its count and the cursor's rank then probe
 * a small table instead of running the full-text query three or four
 * times per search. In rank order each hit also has its place (pos, from
 * 1) by bm25, titles weighted BROWSE_TITLE_WEIGHT, memo-only hits last;
 * date order leaves pos NULL and scores nothing. 1 if the table holds
 * f's hits; 0: use the query inline (an error, such as a bad search,
 * then shows from it). */
static int search_hits(px_db *db, const browse_filter *f)
{
	static const char ddl[] =
		"CREATE TEMP TABLE IF NOT EXISTS browse_hits(id INTEGER PRIMARY KEY, pos INTEGER);"
		"CREATE INDEX IF NOT EXISTS temp.browse_hits_by_pos ON browse_hits(pos);"
		"CREATE TEMP TABLE IF NOT EXISTS browse_search(q TEXT, changes INTEGER, dv INTEGER,"
		" ranked INTEGER)";
	int ranked = f->order == BROWSE_ORDER_RANK;
	sqlite3 *h = db_sqlite(db);
	char *q = browse_fts_query(f->search);
	const char *query = q ? q : "\"\"";
	int64_t dv = db_data_version(db);
	sqlite3_stmt *st;
	int ok = 0;

	if (!(st = temp_stmt(db, ddl, "SELECT q = ?1 AND changes = ?2 AND dv = ?3 AND ranked = ?4"
			     " FROM temp.browse_search")))
		goto done;
	db_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, sqlite3_total_changes64(h));
	sqlite3_bind_int64(st, 3, dv);
	sqlite3_bind_int(st, 4, ranked);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_reset(st);
	if (ok)
		goto done;
	if (sqlite3_exec(h, "DELETE FROM temp.browse_hits; DELETE FROM temp.browse_search", NULL,
			 NULL, NULL) != SQLITE_OK ||
	    !(st = db_stmt(db, ranked ? BROWSE_RANKED_HITS :
			   "INSERT INTO temp.browse_hits(id) SELECT rowid FROM vignette_fts"
			   " WHERE vignette_fts MATCH ?1 UNION SELECT t.target_id FROM memo_target t"
			   " WHERE t.kind = 1 AND t.memo_id IN (SELECT rowid FROM memo_fts"
			   " WHERE memo_fts MATCH ?1)", NULL)))
		goto done;
	db_bind_text(st, 1, query);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
	if (!ok || !(st = db_stmt(db, "INSERT INTO temp.browse_search VALUES (?1, ?2, ?3, ?4)",
				  NULL))) {
		ok = 0;
		goto done;
	}
	/* the row written here is one change more */
	db_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, sqlite3_total_changes64(h) + 1);
	sqlite3_bind_int64(st, 3, dv);
	sqlite3_bind_int(st, 4, ranked);
	ok = sqlite3_step(st) == SQLITE_DONE;
	sqlite3_reset(st);
done:
	free(q);
	return ok;
}

/* A drill-down set above this size goes to temp.browse_drill once
 * instead of a JSON array parsed by every page, count and rank query. */
#define DRILL_TABLE_MIN 256

/* The drill-down ids in temp.browse_drill, keyed by a hash of the list:
 * 1 if the table holds f's set (0: bind it as JSON). */
static int drill_table(px_db *db, const browse_filter *f)
{
	static const char ddl[] =
		"CREATE TEMP TABLE IF NOT EXISTS browse_drill(id INTEGER PRIMARY KEY);"
		"CREATE TEMP TABLE IF NOT EXISTS browse_drill_key(k INTEGER)";
	sqlite3 *h = db_sqlite(db);
	uint64_t k = 1469598103934665603ull ^ f->drill_ids.n;
	sqlite3_stmt *st;
	int ok;

	if (f->drill_ids.n < DRILL_TABLE_MIN)
		return 0;
	for (size_t i = 0; i < f->drill_ids.n; i++)
		k = (k ^ (uint64_t)f->drill_ids.v[i]) * 1099511628211ull;
	if (!(st = temp_stmt(db, ddl, "SELECT k = ?1 FROM temp.browse_drill_key")))
		return 0;
	sqlite3_bind_int64(st, 1, (int64_t)k);
	ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
	sqlite3_reset(st);
	if (ok)
		return 1;
	if (sqlite3_exec(h, "SAVEPOINT browse_drill; DELETE FROM temp.browse_drill;"
			 " DELETE FROM temp.browse_drill_key", NULL, NULL, NULL) != SQLITE_OK)
		return 0;
	ok = (st = db_stmt(db, "INSERT OR IGNORE INTO temp.browse_drill VALUES (?1)", NULL)) != NULL;
	for (size_t i = 0; ok && i < f->drill_ids.n; i++) {
		sqlite3_bind_int64(st, 1, f->drill_ids.v[i]);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	}
	if (ok && (st = db_stmt(db, "INSERT INTO temp.browse_drill_key VALUES (?1)", NULL))) {
		sqlite3_bind_int64(st, 1, (int64_t)k);
		ok = sqlite3_step(st) == SQLITE_DONE;
		sqlite3_reset(st);
	} else {
		ok = 0;
	}
	sqlite3_exec(h, ok ? "RELEASE browse_drill" :
		     "ROLLBACK TO browse_drill; RELEASE browse_drill", NULL, NULL, NULL);
	return ok;
}

/* The WHERE clause (after "WHERE 1") for f over vignette v; hits: the
 * search is in temp.browse_hits (the + keeps the planner on the date
 * order and covering indexes, probing the small table); drill: the
 * drill-down set is in temp.browse_drill. */
static void filter_sql(strbuf *b, const browse_filter *f, int hits, int drill)
{
	if (f->participant_id)
		sb_add(b, " AND EXISTS (SELECT 1 FROM vignette_participant vp"
		       " WHERE vp.vignette_id = v.id AND vp.participant_id = ?1)");
	if (f->community_id)
		sb_add(b, " AND v.community_id = ?2");
	if (f->code_id)
		sb_add(b, " AND EXISTS (SELECT 1 FROM coding c WHERE c.vignette_id = v.id"
		       " AND c.code_id IN (WITH RECURSIVE sub(id) AS (SELECT ?3 UNION ALL"
		       " SELECT code.id FROM code JOIN sub ON code.parent_id = sub.id)"
		       " SELECT id FROM sub))");
	if (f->coder_id)
		sb_add(b, " AND EXISTS (SELECT 1 FROM coding c2 WHERE c2.vignette_id = v.id"
		       " AND c2.coder_id = ?4)");
	if (f->date_from)
		sb_add(b, " AND v.date >= ?5");
	if (f->date_to)
		sb_add(b, " AND v.date <= ?6 || 'T99'");
	if (f->search && hits)
		sb_add(b, " AND +v.id IN (SELECT id FROM temp.browse_hits)");
	else if (f->search)
		sb_add(b, " AND (v.id IN (SELECT rowid FROM vignette_fts WHERE vignette_fts MATCH ?7)"
		       " OR v.id IN (SELECT t.target_id FROM memo_target t WHERE t.kind = 1"
		       " AND t.memo_id IN"
		       " (SELECT rowid FROM memo_fts WHERE memo_fts MATCH ?7)))");
	if (f->drill && drill)
		sb_add(b, " AND +v.id IN temp.browse_drill");
	else if (f->drill)
		sb_add(b, " AND v.id IN (SELECT value FROM json_each(?11))");
}

/* The drill-down set as a JSON array for json_each. */
static char *drill_json(const idlist *ids)
{
	strbuf b;

	sb_init(&b);
	sb_addc(&b, '[');
	for (size_t i = 0; i < ids->n; i++)
		sb_printf(&b, "%s%lld", i ? "," : "", (long long)ids->v[i]);
	sb_addc(&b, ']');
	return sb_steal(&b);
}

static void filter_bind(sqlite3_stmt *st, const browse_filter *f, int hits, int drill)
{
	char *q;

	if (f->participant_id)
		sqlite3_bind_int64(st, P_PART, f->participant_id);
	if (f->community_id)
		sqlite3_bind_int64(st, P_COMM, f->community_id);
	if (f->code_id)
		sqlite3_bind_int64(st, P_CODE, f->code_id);
	if (f->coder_id)
		sqlite3_bind_int64(st, P_CODER, f->coder_id);
	if (f->date_from)
		db_bind_text(st, P_FROM, f->date_from);
	if (f->date_to)
		db_bind_text(st, P_TO, f->date_to);
	if (f->search && hits) {
		/* nothing to bind: the hits are in their table */
	} else if (f->search && (q = browse_fts_query(f->search))) {
		db_bind_text(st, P_SEARCH, q);
		free(q);
	} else if (f->search) {
		db_bind_text(st, P_SEARCH, "\"\"");
	}
	if (f->drill && !drill) {
		q = drill_json(&f->drill_ids);
		db_bind_text(st, P_DRILL, q);
		free(q);
	}
}

static int cmp_row_id(const void *a, const void *b)
{
	int64_t x = (*(browse_row *const *)a)->id, y = (*(browse_row *const *)b)->id;

	return (x > y) - (x < y);
}

/* The coding counts of a page's rows in one query, as
 * vignette_dimension_counts gives them one by one (a query per row pays
 * a read transaction each). The list is in date order and the codings'
 * index in vignette order: where dates and ids do not go together (an
 * import in any order), each row is a seek to a page of its own, about
 * one page read per row at 100k vignettes. */
/* One row per coding, counted here: a GROUP BY would build a temporary
 * b-tree (a fresh page cache) on every page of the list. */
const char browse_page_counts_sql[] =
	"SELECT c.vignette_id, code.dimension"
	" FROM json_each(?1) j JOIN coding c ON c.vignette_id = j.value"
	" JOIN code ON code.id = c.code_id";

static int page_counts(px_db *db, browse_row *rows, size_t n, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, browse_page_counts_sql, e);
	browse_row **by_id;
	idlist ids = { 0 };
	char *json;
	int rc;

	if (!st)
		return px_status_of(e);
	/* an array of row pointers, sorted by id for bsearch */
	by_id = xcalloc(n + 1, sizeof(*by_id)); /* NOLINT(bugprone-sizeof-expression) */
	for (size_t i = 0; i < n; i++) {
		memset(rows[i].counts, 0, sizeof(rows[i].counts));
		rows[i].counted = 1;
		idl_push(&ids, rows[i].id);
		by_id[i] = &rows[i];
	}
	qsort(by_id, n, sizeof(*by_id), cmp_row_id); /* NOLINT(bugprone-sizeof-expression) */
	json = drill_json(&ids);
	db_bind_text(st, 1, json);
	while (db_row(db, st, &rc, e)) {
		browse_row key = { .id = sqlite3_column_int64(st, 0) }, *kp = &key, **hit;
		int d = sqlite3_column_int(st, 1);
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): array of pointers */
		if (!(hit = bsearch(&kp, by_id, n, sizeof(*by_id), cmp_row_id)))
			continue;
		if (d >= 1 && d <= 3)
			(*hit)->counts[d]++;
		(*hit)->counts[0]++;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(json);
	free(by_id);
	idl_free(&ids);
	return rc;
}

/* The page's snippets in one query: the best-matching piece of the title
 * or the text (FTS5 snippet), matched words marked. */
static int page_snippets(px_db *db, const browse_filter *f, browse_row *rows, size_t n,
			 px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT rowid, snippet(vignette_fts, -1, char(1),"
				   " char(2), '\xe2\x80\xa6', 10) FROM vignette_fts"
				   " WHERE vignette_fts MATCH ?1 AND rowid IN"
				   " (SELECT value FROM json_each(?2))", e);
	char *q = browse_fts_query(f->search), *json;
	idlist ids = { 0 };
	int rc = PX_OK;

	if (!st || !q) {
		free(q);
		return st ? PX_OK : px_status_of(e);
	}
	for (size_t i = 0; i < n; i++)
		idl_push(&ids, rows[i].id);
	json = drill_json(&ids);
	db_bind_text(st, 1, q);
	db_bind_text(st, 2, json);
	while (db_row(db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		for (size_t i = 0; i < n; i++)
			if (rows[i].id == id && !rows[i].snippet)
				rows[i].snippet = db_col_strdup(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	free(json);
	free(q);
	idl_free(&ids);
	return rc;
}

static void reverse_rows(browse_row *rows, size_t n)
{
	for (size_t i = 0; i < n / 2; i++) {
		browse_row t = rows[i];
		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
}

/* The page query of browse_vignettes into b (see there for hits,
 * drill, ranked, keyed and dir). */
static void page_sql(strbuf *b, const browse_filter *f, int hits, int drill, int ranked,
		     int keyed, int dir)
{
	static const char *const date_key[] = { " AND (v.date, v.id) < (?8, ?9)",
		" AND (v.date, v.id) > (?8, ?9)", " AND (v.date, v.id) >= (?8, ?9)" };
	static const char *const rank_key[] = { " AND h.pos < " HIT_POS, " AND h.pos > " HIT_POS,
		" AND h.pos >= " HIT_POS };

	sb_add(b, ranked ? "SELECT v.id, v.date, v.title, v.community_id, v.ext_id FROM vignette v"
	       " JOIN temp.browse_hits h ON h.id = v.id WHERE 1" :
	       "SELECT v.id, v.date, v.title, v.community_id, v.ext_id FROM vignette v WHERE 1");
	filter_sql(b, f, hits, drill);
	if (keyed)
		sb_add(b, (ranked ? rank_key : date_key)[dir > 1 ? 2 : dir > 0]);
	if (ranked)
		sb_add(b, dir > 0 ? " ORDER BY h.pos LIMIT ?10" : " ORDER BY h.pos DESC LIMIT ?10");
	else
		sb_add(b, dir > 0 ? " ORDER BY v.date, v.id LIMIT ?10" :
		       " ORDER BY v.date DESC, v.id DESC LIMIT ?10");
}

char *browse_page_sql(const browse_filter *f, int keyed, int dir)
{
	strbuf b;

	sb_init(&b);
	page_sql(&b, f, 0, 0, 0, keyed, dir);
	return sb_steal(&b);
}

/* browse_vignettes, with the badges counted (count) or left for
 * browse_count_rows. */
static int list_page(px_db *db, const browse_filter *f, const char *key_date, int64_t key_id,
		     int dir, int limit, int count, browse_row **rows, size_t *n, px_err *e)
{
	strbuf b;
	sqlite3_stmt *st;
	size_t cap = limit > 0 ? (size_t)limit : 1;
	int rc = PX_OK, hits = f->search && search_hits(db, f);
	int drill = f->drill && drill_table(db, f), ranked = hits && f->order == BROWSE_ORDER_RANK;

	*rows = xcalloc(cap, sizeof(**rows));
	*n = 0;
	sb_init(&b);
	page_sql(&b, f, hits, drill, ranked, key_date != NULL, dir);
	st = db_stmt_dynamic(db, sb_str(&b), e);
	sb_free(&b);
	if (!st)
		return px_status_of(e);
	filter_bind(st, f, hits, drill);
	if (key_date) {
		db_bind_text(st, P_KDATE, key_date);
		sqlite3_bind_int64(st, P_KID, key_id);
	}
	sqlite3_bind_int(st, P_LIMIT, limit);
	while (*n < cap && db_row(db, st, &rc, e)) {
		browse_row *r = &(*rows)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->date = db_col_strdup(st, 1);
		r->title = db_col_strdup(st, 2);
		r->community_id = db_col_id(st, 3);
		r->ext_id = db_col_strdup(st, 4);
	}
	sqlite3_reset(st);
	if (rc || (count && (rc = page_counts(db, *rows, *n, e))) ||
	    (f->search && (rc = page_snippets(db, f, *rows, *n, e)))) {
		browse_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		px_wrap(e, "listing vignettes");
		return rc;
	}
	if (dir < 0)
		reverse_rows(*rows, *n);
	return PX_OK;
}

int browse_vignettes(px_db *db, const browse_filter *f, const char *key_date, int64_t key_id,
		     int dir, int limit, browse_row **rows, size_t *n, px_err *e)
{
	return list_page(db, f, key_date, key_id, dir, limit, 1, rows, n, e);
}

int browse_vignettes_uncounted(px_db *db, const browse_filter *f, const char *key_date,
			       int64_t key_id, int dir, int limit, browse_row **rows, size_t *n,
			       px_err *e)
{
	return list_page(db, f, key_date, key_id, dir, limit, 0, rows, n, e);
}

int browse_count_rows(px_db *db, browse_row *rows, size_t n, px_err *e)
{
	if (!n)
		return PX_OK;
	return page_counts(db, rows, n, e);
}

static int count_query(px_db *db, const browse_filter *f, const char *date, int64_t id,
		       int64_t *out, px_err *e)
{
	strbuf b;
	sqlite3_stmt *st;
	int rc, hits = f->search && search_hits(db, f), drill = f->drill && drill_table(db, f);
	int ranked = hits && f->order == BROWSE_ORDER_RANK && date;

	*out = 0;
	sb_init(&b);
	sb_add(&b, ranked ? "SELECT count(*) FROM vignette v JOIN temp.browse_hits h"
	       " ON h.id = v.id WHERE 1" : "SELECT count(*) FROM vignette v WHERE 1");
	filter_sql(&b, f, hits, drill);
	if (date)
		sb_add(&b, ranked ? " AND h.pos < " HIT_POS : " AND (v.date, v.id) < (?8, ?9)");
	st = db_stmt_dynamic(db, sb_str(&b), e);
	sb_free(&b);
	if (!st)
		return px_status_of(e);
	filter_bind(st, f, hits, drill);
	if (date) {
		db_bind_text(st, P_KDATE, date);
		sqlite3_bind_int64(st, P_KID, id);
	}
	if (db_row(db, st, &rc, e))
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc)
		px_wrap(e, "counting vignettes");
	return rc;
}

int browse_vignette_count(px_db *db, const browse_filter *f, int64_t *count, px_err *e)
{
	return count_query(db, f, NULL, 0, count, e);
}

int browse_vignette_rank(px_db *db, const browse_filter *f, const char *date, int64_t id,
			 int64_t *rank, px_err *e)
{
	return count_query(db, f, date ? date : "", id, rank, e);
}

void browse_row_clear(browse_row *r)
{
	free(r->date);
	free(r->title);
	free(r->snippet);
	free(r->ext_id);
}

void browse_rows_free(browse_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		browse_row_clear(&rows[i]);
	free(rows);
}

int browse_code_counts(px_db *db, int64_t **ids, int64_t **counts, size_t *n, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code_id, count(*) FROM coding GROUP BY code_id", e);
	size_t cap = 16;
	int rc;

	*n = 0;
	*ids = NULL;
	*counts = NULL;
	if (!st)
		return px_status_of(e);
	*ids = xmalloc(cap * sizeof(**ids));
	*counts = xmalloc(cap * sizeof(**counts));
	while (db_row(db, st, &rc, e)) {
		if (*n == cap) {
			cap *= 2;
			*ids = xrealloc(*ids, cap * sizeof(**ids));
			*counts = xrealloc(*counts, cap * sizeof(**counts));
		}
		(*ids)[*n] = sqlite3_column_int64(st, 0);
		(*counts)[*n] = sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc) {
		free(*ids);
		free(*counts);
		*ids = NULL;
		*counts = NULL;
		*n = 0;
	}
	return rc;
}

/* The rows of a segment query (columns as in browse_segments), reset;
 * none on an error. */
static int read_segments(px_db *db, sqlite3_stmt *st, browse_segment **out, size_t *n,
			 px_err *e)
{
	size_t cap = 16;
	int rc;

	*out = xmalloc(cap * sizeof(**out));
	while (db_row(db, st, &rc, e)) {
		browse_segment *s;
		if (*n == cap) {
			cap *= 2;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		s = &(*out)[(*n)++];
		s->coding_id = sqlite3_column_int64(st, 0);
		s->vignette_id = sqlite3_column_int64(st, 1);
		s->code_id = sqlite3_column_int64(st, 2);
		s->coder_id = sqlite3_column_int64(st, 3);
		s->start = sqlite3_column_int64(st, 4);
		s->end = sqlite3_column_int64(st, 5);
		s->date = db_col_strdup(st, 6);
		s->title = db_col_strdup(st, 7);
		s->before = db_col_strdup(st, 8);
		s->quote = db_col_strdup(st, 9);
		s->after = db_col_strdup(st, 10);
	}
	sqlite3_reset(st);
	if (rc) {
		browse_segments_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int browse_segments(px_db *db, int64_t code_id, int64_t coder_id, int context, int limit,
		    browse_segment **out, size_t *n, px_err *e)
{
	static const char sql[] =
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT code.id FROM code"
		" JOIN sub ON code.parent_id = sub.id)"
		" SELECT c.id, c.vignette_id, c.code_id, c.coder_id, coalesce(c.start, -1),"
		" coalesce(c.end, -1), v.date, v.title,"
		" CASE WHEN c.start IS NULL THEN '' ELSE"
		"  substr(v.text, max(c.start - ?3, 0) + 1, c.start - max(c.start - ?3, 0)) END,"
		" CASE WHEN c.start IS NULL THEN substr(v.text, 1, 2 * ?3) ELSE"
		"  substr(v.text, c.start + 1, c.end - c.start) END,"
		" CASE WHEN c.start IS NULL THEN '' ELSE substr(v.text, c.end + 1, ?3) END"
		" FROM coding c JOIN vignette v ON v.id = c.vignette_id"
		" WHERE c.code_id IN (SELECT id FROM sub) AND (?2 = 0 OR c.coder_id = ?2)"
		" ORDER BY v.date, v.id, c.start, c.id LIMIT ?4";
	sqlite3_stmt *st = db_stmt(db, sql, e);

	*out = NULL;
	*n = 0;
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int64(st, 2, coder_id);
	sqlite3_bind_int(st, 3, context);
	sqlite3_bind_int(st, 4, limit);
	return read_segments(db, st, out, n, e);
}

/* Binds key's (date, vignette, start, coding) from parameter at on, or
 * NULL at `at` for no key. */
static void bind_segment_key(sqlite3_stmt *st, int at, const browse_segment *key)
{
	if (!key) {
		sqlite3_bind_null(st, at);
		return;
	}
	sqlite3_bind_text(st, at, key->date ? key->date : "", -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, at + 1, key->vignette_id);
	sqlite3_bind_int64(st, at + 2, key->start);
	sqlite3_bind_int64(st, at + 3, key->coding_id);
}

/* Keyset pages: the key columns are (date, vignette, start, coding). */
#define SEGMENT_PAGE(cmp, order) \
	"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT code.id FROM code" \
	" JOIN sub ON code.parent_id = sub.id)," \
	" page(cid, d, vid, st) AS (SELECT c.id, v.date, v.id, coalesce(c.start, -1)" \
	"  FROM coding c JOIN vignette v ON v.id = c.vignette_id" \
	"  WHERE c.code_id IN (SELECT id FROM sub) AND (?2 = 0 OR c.coder_id = ?2)" \
	"  AND (?5 IS NULL OR (v.date, v.id, coalesce(c.start, -1), c.id) " cmp " (?5, ?6, ?7, ?8))" \
	"  ORDER BY 2 " order ", 3 " order ", 4 " order ", 1 " order " LIMIT ?4)" \
	" SELECT c.id, c.vignette_id, c.code_id, c.coder_id, coalesce(c.start, -1)," \
	" coalesce(c.end, -1), v.date, v.title," \
	" CASE WHEN c.start IS NULL THEN '' ELSE" \
	"  substr(v.text, max(c.start - ?3, 0) + 1, c.start - max(c.start - ?3, 0)) END," \
	" CASE WHEN c.start IS NULL THEN substr(v.text, 1, 2 * ?3) ELSE" \
	"  substr(v.text, c.start + 1, c.end - c.start) END," \
	" CASE WHEN c.start IS NULL THEN '' ELSE substr(v.text, c.end + 1, ?3) END" \
	" FROM page JOIN coding c ON c.id = page.cid JOIN vignette v ON v.id = page.vid" \
	" ORDER BY page.d, page.vid, page.st, page.cid"

int browse_segments_page(px_db *db, int64_t code_id, int64_t coder_id, int context,
			 const browse_segment *key, int dir, int limit, browse_segment **out,
			 size_t *n, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, dir < 0 ? SEGMENT_PAGE("<", "DESC") : SEGMENT_PAGE(">", "ASC"), e);

	*out = NULL;
	*n = 0;
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int64(st, 2, coder_id);
	sqlite3_bind_int(st, 3, context);
	sqlite3_bind_int(st, 4, limit);
	bind_segment_key(st, 5, key);
	return read_segments(db, st, out, n, e);
}

int browse_segment_count(px_db *db, int64_t code_id, int64_t coder_id, const browse_segment *key,
			 int64_t *count, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db,
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT code.id FROM code"
		" JOIN sub ON code.parent_id = sub.id)"
		" SELECT count(*) FROM coding c JOIN vignette v ON v.id = c.vignette_id"
		" WHERE c.code_id IN (SELECT id FROM sub) AND (?2 = 0 OR c.coder_id = ?2)"
		" AND (?3 IS NULL OR (v.date, v.id, coalesce(c.start, -1), c.id) < (?3, ?4, ?5, ?6))", e);
	int rc;

	*count = 0;
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int64(st, 2, coder_id);
	bind_segment_key(st, 3, key);
	if (db_row(db, st, &rc, e))
		*count = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc;
}

void browse_segments_free(browse_segment *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(s[i].date);
		free(s[i].title);
		free(s[i].before);
		free(s[i].quote);
		free(s[i].after);
	}
	free(s);
}

/* Sorts out and drops repeated ids. */
static void sort_unique(idlist *out)
{
	size_t k = 0;

	idl_sort(out);
	for (size_t i = 0; i < out->n; i++)
		if (!k || out->v[k - 1] != out->v[i])
			out->v[k++] = out->v[i];
	out->n = k;
}

/* Appends the first column of every row of st (bound by the caller);
 * the caller sorts once at the end (sort_unique): a membership test or a
 * sort per row is quadratic on a large set. */
static int append_ids(px_db *db, sqlite3_stmt *st, idlist *out, px_err *e)
{
	int rc;

	while (db_row(db, st, &rc, e))
		idl_push(out, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	return rc;
}

/* Appends the first column of every row of st (bound by the caller),
 * keeping out sorted and without duplicates. */
static int collect_ids(px_db *db, sqlite3_stmt *st, idlist *out, px_err *e)
{
	int rc = append_ids(db, st, out, e);

	sort_unique(out);
	return rc;
}

int browse_entry_vignettes(px_db *db, int accountability, int64_t id, idlist *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, accountability ?
				   "SELECT DISTINCT vignette_id FROM coding WHERE accountability_id = ?1" :
				   "SELECT DISTINCT vignette_id FROM coding WHERE repertoire_id = ?1", e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	return collect_ids(db, st, out, e);
}

int browse_coding_vignettes(px_db *db, const idlist *codings, idlist *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT vignette_id FROM coding WHERE id = ?1", e);

	if (!st)
		return px_status_of(e);
	for (size_t i = 0; i < codings->n; i++) {
		int rc;
		sqlite3_bind_int64(st, 1, codings->v[i]);
		if ((rc = append_ids(db, st, out, e))) {
			sort_unique(out);
			return rc;
		}
	}
	sort_unique(out);
	return PX_OK;
}

int browse_code_vignettes(px_db *db, int64_t code_id, int month, idlist *out, px_err *e)
{
	static const char sql[] =
		"WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL SELECT code.id FROM code"
		" JOIN sub ON code.parent_id = sub.id)"
		" SELECT DISTINCT c.vignette_id FROM coding c JOIN vignette v ON v.id = c.vignette_id"
		" WHERE c.code_id IN (SELECT id FROM sub)"
		" AND (?2 = 0 OR CAST(substr(v.date, 1, 4) || substr(v.date, 6, 2) AS INTEGER) = ?2)";
	sqlite3_stmt *st = db_stmt(db, sql, e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, code_id);
	sqlite3_bind_int(st, 2, month);
	return collect_ids(db, st, out, e);
}

int browse_engaged_vignettes(px_db *db, int64_t a, int64_t b, idlist *out, px_err *e)
{
	/* engaged(c, p): p is named by coding c or present at its vignette */
	static const char sql[] =
		"WITH RECURSIVE sub(id) AS (SELECT ?3 UNION ALL SELECT code.id FROM code"
		" JOIN sub ON code.parent_id = sub.id),"
		" eng(coding_id, vignette_id, participant_id) AS ("
		"  SELECT c.id, c.vignette_id, cp.participant_id FROM coding c"
		"   JOIN coding_participant cp ON cp.coding_id = c.id"
		"   WHERE c.code_id IN (SELECT id FROM sub)"
		"  UNION SELECT c.id, c.vignette_id, h.participant_id FROM coding c"
		"   JOIN coding_held_by h ON h.coding_id = c.id"
		"   WHERE c.code_id IN (SELECT id FROM sub)"
		"  UNION SELECT c.id, c.vignette_id, vp.participant_id FROM coding c"
		"   JOIN vignette_participant vp ON vp.vignette_id = c.vignette_id"
		"   WHERE c.code_id IN (SELECT id FROM sub))"
		" SELECT DISTINCT x.vignette_id FROM eng x JOIN eng y ON y.coding_id = x.coding_id"
		" WHERE x.participant_id = ?1 AND y.participant_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql, e);

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	sqlite3_bind_int64(st, 3, CODE_ME);
	return collect_ids(db, st, out, e);
}
