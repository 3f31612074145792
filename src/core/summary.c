/* summary.c: the summary state -- load from the store, filter, compare;
 * see praxis/summary.h. The deltas are in summary_apply.c, the four
 * summaries' query functions in summary_<kind>.c. */
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/vignette.h"
#include "summary_int.h"

int summary_parse_date(const char *s, int *out, px_err *e)
{
	if (!vignette_date_valid(s))
		return px_fail(e, PX_EUSAGE, "bad date '%s' (want YYYY-MM-DD)", s ? s : "");
	/* valid: YYYY-MM-DD... with digits where they belong */
	*out = 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7)
			*out = *out * 10 + (s[i] - '0');
	return PX_OK;
}

void summary_format_date(int date, char buf[16])
{
	if (date <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%04d-%02d-%02d", date / 10000 % 10000, date / 100 % 100,
			 date % 100);
}

void summary_format_month(int month, char buf[16])
{
	if (month <= 0)
		buf[0] = '\0';
	else
		snprintf(buf, 16, "%04d-%02d", month / 100 % 10000, month % 100);
}

static int idx_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct summary_idx *)a)->id, y = ((const struct summary_idx *)b)->id;

	return (x > y) - (x < y);
}

void summary_idx_sort(struct summary_idx *ix, size_t n)
{
	if (n)
		qsort(ix, n, sizeof(*ix), idx_cmp);
}

size_t summary_idx_find(const struct summary_idx *ix, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (ix[mid].id == id)
			return ix[mid].row;
		if (ix[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

void *summary_grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * size);
}

void summary_fill_dates(const smap *m, void *rows, size_t n, size_t size, size_t id_off,
			size_t first_off, size_t last_off)
{
	struct summary_idx *ix = xcalloc(n ? n : 1, sizeof(*ix));
	char *base = rows;

	for (size_t i = 0; i < n; i++)
		ix[i] = (struct summary_idx){ *(int64_t *)(base + i * size + id_off), i };
	summary_idx_sort(ix, n);
	for (size_t i = 0; i < m->cap; i++) {
		size_t row = m->s[i].x ? summary_idx_find(ix, n, SM_OWNER(m->s[i].x)) : (size_t)-1;
		int d = (int)m->s[i].y, *first, *last;
		if (row == (size_t)-1)
			continue;
		first = (int *)(base + row * size + first_off);
		last = (int *)(base + row * size + last_off);
		if (!*first || d < *first)
			*first = d;
		if (d > *last)
			*last = d;
	}
	free(ix);
}

static int interp_cmp(const void *a, const void *b)
{
	const summary_text_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->text, y->text);
}

void summary_fill_interps(const px_summary *s, uint64_t base, const struct summary_idx *ix,
			  void *rows, size_t n, size_t size, const size_t off[4])
{
	const smap *m = &s->rep_interp;
	char *b = rows;

	for (size_t i = 0; i < m->cap; i++) {
		const struct smap_slot *sl = &m->s[i];
		uint64_t owner = sl->x ? (uint64_t)SM_OWNER(sl->x) : 0;
		uint32_t y = sl->y & ~SUM_GLOSS;
		int g = (sl->y & SUM_GLOSS) != 0;
		size_t row = sl->x && owner >= base && owner - base < SUM_ACC_OWNER ?
			     summary_idx_find(ix, n, (int64_t)(owner - base)) : (size_t)-1;
		summary_text_count **v;
		size_t *nv;
		if (row == (size_t)-1 || y == 0 || y > s->interps.n)
			continue;
		v = (summary_text_count **)(b + row * size + off[g ? 2 : 0]);
		nv = (size_t *)(b + row * size + off[g ? 3 : 1]);
		*v = xrealloc(*v, (*nv + 1) * sizeof(**v));
		(*v)[*nv].text = xstrdup(s->interps.v[y - 1]);
		(*v)[(*nv)++].count = sl->v;
	}
	for (size_t r = 0; r < n; r++)
		for (int k = 0; k < 4; k += 2) {
			summary_text_count *v = *(summary_text_count **)(b + r * size + off[k]);
			size_t nv = *(size_t *)(b + r * size + off[k + 1]);
			if (nv > 1)
				qsort(v, nv, sizeof(*v), interp_cmp);
		}
}

void summary_free_interps(void *row, const size_t off[4])
{
	char *b = row;

	for (int k = 0; k < 4; k += 2) {
		summary_text_count *v = *(summary_text_count **)(b + off[k]);
		size_t nv = *(size_t *)(b + off[k + 1]);
		for (size_t i = 0; i < nv; i++)
			free(v[i].text);
		free(v);
	}
}

static void clear_aggregates(px_summary *s)
{
	free(s->cagg);
	free(s->vdim);
	free(s->rep);
	free(s->acc);
	free(s->per);
	free(s->roledim);
	free(s->seen_code);
	free(s->seen_rep);
	free(s->pbuf);
	free(s->mbuf);
	s->mbuf = NULL;
	s->nmbuf = s->capmbuf = 0;
	s->cagg = NULL;
	s->vdim = NULL;
	s->rep = NULL;
	s->acc = NULL;
	s->per = NULL;
	s->roledim = NULL;
	s->seen_code = s->seen_rep = NULL;
	s->pbuf = NULL;
	s->nrep = s->nacc = s->npbuf = s->cappbuf = 0;
	s->stamp = 0;
	s->comp = s->over = s->conflict = s->support = 0;
	pc_free(&s->code_part);
	pc_free(&s->pairs);
	smap_free(&s->tie_cod);
	smap_free(&s->tie_vig);
	smap_free(&s->tie_date);
	s->eng = 0;
	smap_free(&s->rep_part);
	smap_free(&s->rep_interp);
	smap_free(&s->rep_date);
	smap_free(&s->acc_date);
	smap_free(&s->acc_month);
	smap_free(&s->acc_held);
	smap_free(&s->net_cod);
	smap_free(&s->net_date);
}

static void clear_base(px_summary *s)
{
	free(s->cod);
	free(s->ext);
	free(s->vig);
	free(s->code);
	free(s->prole);
	free(s->rhist);
	free(s->rh_off);
	free(s->rh_n);
	s->rhist = NULL;
	s->rh_off = s->rh_n = NULL;
	s->nrhist = 0;
	free(s->plive);
	free(s->pool);
	sm_free(&s->interp_ids);
	sm_free(&s->role_ids);
	sl_free(&s->interps);
	sl_free(&s->roles);
	s->cod = NULL;
	s->ext = NULL;
	s->vig = NULL;
	s->code = NULL;
	s->prole = NULL;
	s->plive = NULL;
	s->pool = NULL;
	s->ncod = s->n_ext = s->cap_ext = s->nvig = s->ncode = s->npart = 0;
	s->npool = s->cappool = 0;
	memset(&s->interp_ids, 0, sizeof(s->interp_ids));
	memset(&s->role_ids, 0, sizeof(s->role_ids));
	clear_aggregates(s);
}

/* Every query of a full load, in the order it runs (the benchmark's
 * baseline runs the same list: see summary_load_queries). */
enum {
	Q_CODE_MAX, Q_CODES, Q_PART_MAX, Q_PARTS, Q_VIG_MAX, Q_VIG_DATES, Q_VIG_COMS,
	Q_VIG_PEOPLE, Q_CODING_MAX, Q_REP_MAX, Q_ACC_MAX, Q_CODINGS, Q_PEOPLE, Q_HELD,
	Q_COUNT
};
/* every coding's summary columns, from the covering index
 * coding_summary_scan */
static const char codings_sql[] = "SELECT id, vignette_id, code_id, coder_id, repertoire_id,"
	" accountability_id, stance, coalesce(interpretation, reading), modes, speaker_id,"
	" coalesce(start, -1), coalesce(end, -1) FROM coding";
static const char *const load_sql[Q_COUNT + 1] = {
	[Q_CODE_MAX] = "SELECT coalesce(max(id), 0) FROM code",
	[Q_CODES] = "SELECT id, parent_id, dimension FROM code",
	[Q_PART_MAX] = "SELECT coalesce(max(id), 0) FROM participant",
	[Q_PARTS] = "SELECT id, role FROM participant",
	[Q_VIG_MAX] = "SELECT coalesce(max(id), 0) FROM vignette",
	/* two narrow queries, each answered from a covering index, rather
	 * than one scan over the rows with their texts */
	[Q_VIG_DATES] = "SELECT id, date FROM vignette",
	[Q_VIG_COMS] = "SELECT id, community_id FROM vignette",
	/* ordered by vignette (the primary key's order, no sort), so each
	 * list is contiguous in the pool */
	[Q_VIG_PEOPLE] =
		"SELECT vignette_id, participant_id FROM vignette_participant ORDER BY vignette_id",
	[Q_CODING_MAX] = "SELECT coalesce(max(id), 0) FROM coding",
	[Q_REP_MAX] = "SELECT coalesce(max(id), 0) FROM repertoire",
	[Q_ACC_MAX] = "SELECT coalesce(max(id), 0) FROM accountability",
	[Q_CODINGS] = codings_sql,
	/* people lists of codings; ORDER BY the primary key keeps each
	 * coding's list contiguous (without it SQLite may scan the
	 * by-participant index) */
	[Q_PEOPLE] = "SELECT coding_id, participant_id FROM coding_participant ORDER BY coding_id",
	[Q_HELD] = "SELECT coding_id, participant_id FROM coding_held_by ORDER BY coding_id",
	[Q_COUNT] = NULL,
};

const char *const *summary_load_queries(void)
{
	return load_sql;
}

/* The array size for ids up to the table's max(id). */
static int id_span(px_db *db, const char *sql, size_t *out, px_err *e)
{
	int64_t max;
	int rc = db_scalar_get(db, sql, &max, e);

	*out = (size_t)max + 1;
	return rc;
}

static int load_codes(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, load_sql[Q_CODES], e);
	static const char *const paths[4] = {
		"ME/mutual relationships/conflict", "ME/mutual relationships/support",
		"ME/diversity and partiality/complementary",
		"ME/diversity and partiality/overlapping",
	};
	int64_t anc[4] = { 0 }, macc = 0;
	int rc;

	if (!st)
		return px_status_of(e);
	if ((rc = id_span(s->db, load_sql[Q_CODE_MAX], &s->ncode, e))) {
		sqlite3_finalize(st);
		return rc;
	}
	s->code = xcalloc(s->ncode, sizeof(*s->code));
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id <= 0 || (size_t)id >= s->ncode)
			continue;
		s->code[id].parent = (uint32_t)db_col_id(st, 1);
		s->code[id].dim = (uint8_t)sqlite3_column_int(st, 2);
		s->code[id].live = 1;
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	/* a renamed or deleted default just means no counts in its column
	 * (the ties count every ME code, whatever its name) */
	for (int k = 0; k < 4; k++)
		codebook_resolve(s->db, paths[k], 0, &anc[k], NULL, NULL);
	codebook_resolve(s->db, "JE/mutual accountability", 0, &macc, NULL, NULL);
	for (size_t id = 1; id < s->ncode; id++) {
		struct scode *c = &s->code[id];
		uint8_t *flag[4] = { &c->conflict, &c->support, &c->comp, &c->over };
		if (!c->live)
			continue;
		for (int k = 0; k < 4; k++)
			*flag[k] = anc[k] && summary_code_under(s, (uint32_t)id, (uint32_t)anc[k]);
		c->macc = macc && summary_code_under(s, (uint32_t)id, (uint32_t)macc);
	}
	return PX_OK;
}

/* The dated roles, each participant's contiguous and by date. */
static int load_role_history(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, "SELECT participant_id, from_date, role"
					   " FROM participant_role ORDER BY participant_id, from_date",
					   e);
	size_t cap = 0;
	int rc;

	if (!st)
		return px_status_of(e);
	s->rh_off = xcalloc(s->npart, sizeof(*s->rh_off));
	s->rh_n = xcalloc(s->npart, sizeof(*s->rh_n));
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		int from;
		if (id <= 0 || (size_t)id >= s->npart ||
		    summary_parse_date((const char *)sqlite3_column_text(st, 1), &from, NULL))
			continue;
		s->rhist = summary_grow(s->rhist, s->nrhist, &cap, sizeof(*s->rhist));
		if (!s->rh_n[id])
			s->rh_off[id] = (uint32_t)s->nrhist;
		s->rh_n[id]++;
		s->rhist[s->nrhist].from = from;
		s->rhist[s->nrhist++].role = summary_intern(&s->role_ids, &s->roles,
							    (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
	return rc;
}

static int load_participants(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, load_sql[Q_PARTS], e);
	int rc;

	if (!st)
		return px_status_of(e);
	if ((rc = id_span(s->db, load_sql[Q_PART_MAX], &s->npart, e))) {
		sqlite3_finalize(st);
		return rc;
	}
	s->prole = xcalloc(s->npart, sizeof(*s->prole));
	s->plive = xcalloc(s->npart, sizeof(*s->plive));
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *role = (const char *)sqlite3_column_text(st, 1);
		if (id <= 0 || (size_t)id >= s->npart)
			continue;
		s->plive[id] = 1;
		s->prole[id] = role && *role ? summary_intern(&s->role_ids, &s->roles, role) : 0;
	}
	sqlite3_finalize(st);
	return rc ? rc : load_role_history(s, e);
}

uint32_t summary_role_at(const px_summary *s, uint32_t p, int32_t date)
{
	uint32_t role = s->prole[p];

	for (uint32_t i = 0; s->rh_n && i < s->rh_n[p]; i++) {
		const struct srolech *r = &s->rhist[s->rh_off[p] + i];
		if (r->from > date)
			break;
		role = r->role;
	}
	return role;
}

static uint32_t pool_add(px_summary *s, uint32_t v)
{
	if (s->npool == s->cappool) {
		s->cappool = s->cappool ? s->cappool * 2 : 1024;
		s->pool = xrealloc(s->pool, s->cappool * sizeof(*s->pool));
	}
	s->pool[s->npool] = v;
	return (uint32_t)s->npool++;
}

static int load_vignettes(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, load_sql[Q_VIG_DATES], e);
	int rc;

	if (!st)
		return px_status_of(e);
	if ((rc = id_span(s->db, load_sql[Q_VIG_MAX], &s->nvig, e))) {
		sqlite3_finalize(st);
		return rc;
	}
	s->vig = summary_big_calloc(s->nvig, sizeof(*s->vig));
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *date = (const char *)sqlite3_column_text(st, 1);
		if (id <= 0 || (size_t)id >= s->nvig)
			continue;
		if (summary_parse_date(date, &s->vig[id].date, NULL))
			s->vig[id].date = 0;
		s->vig[id].live = 1;
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if (!(st = db_prepare_iter(s->db, load_sql[Q_VIG_COMS], e)))
		return px_status_of(e);
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		if (id > 0 && (size_t)id < s->nvig)
			s->vig[id].com = (uint32_t)db_col_id(st, 1);
	}
	sqlite3_finalize(st);
	if (rc)
		return rc;
	if (!(st = db_prepare_iter(s->db, load_sql[Q_VIG_PEOPLE], e)))
		return px_status_of(e);
	while (db_row(s->db, st, &rc, e)) {
		int64_t v = sqlite3_column_int64(st, 0), p = sqlite3_column_int64(st, 1);
		uint32_t off;
		if (v <= 0 || (size_t)v >= s->nvig || p <= 0 || (size_t)p >= s->npart)
			continue;
		off = pool_add(s, (uint32_t)p);
		if (!s->vig[v].np)
			s->vig[v].poff = off;
		s->vig[v].np++;
	}
	sqlite3_finalize(st);
	return rc;
}

static int stance_of(const unsigned char *t)
{
	int k = t ? coding_stance_parse((const char *)t) : STANCE_NONE;

	return k < 0 ? STANCE_NONE : k;
}

/* (coding id, participant id) rows as read, before the codings are there. */
struct id_pairs {
	int64_t (*v)[2];
	size_t n, cap;
};

/* Reads st's two integer columns to the end and finalizes it; PX_OK if
 * all came. db: st's connection, NULL for the second one (e NULL too). */
static int read_pairs(px_db *db, sqlite3_stmt *st, struct id_pairs *out, px_err *e)
{
	int rc;

	while (db_row(db, st, &rc, e)) {
		if (out->n == out->cap) {
			out->cap = out->cap ? out->cap * 2 : 4096;
			out->v = xrealloc(out->v, out->cap * sizeof(*out->v));
		}
		out->v[out->n][0] = sqlite3_column_int64(st, 0);
		out->v[out->n][1] = sqlite3_column_int64(st, 1);
		out->n++;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The two people lists, read on a second connection in a second thread
 * while this one reads the codings (the two biggest tables, ~40% of the
 * load at a million codings). */
struct people_job {
	sqlite3 *h;
	pthread_t th;
	int started, failed;
	int64_t dv;              /* data_version of the main connection */
	struct id_pairs part, held;
};

static int read_pairs_sql(sqlite3 *h, const char *sql, struct id_pairs *out)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return 1;
	return read_pairs(NULL, st, out, NULL);
}

static void *people_thread(void *ud)
{
	struct people_job *j = ud;

	j->failed = read_pairs_sql(j->h, load_sql[Q_PEOPLE], &j->part) ||
		    read_pairs_sql(j->h, load_sql[Q_HELD], &j->held);
	return NULL;
}

static void pairs_free(struct id_pairs *p)
{
	free(p->v);
	memset(p, 0, sizeof(*p));
}

/* Starts the job if the store is a file with no transaction open here (a
 * second connection would not see its writes); else the reads happen
 * here, after the codings. */
static void people_start(px_summary *s, struct people_job *j)
{
	sqlite3 *h = db_sqlite(s->db);
	const char *file = sqlite3_db_filename(h, "main");

	memset(j, 0, sizeof(*j));
	if (!sqlite3_get_autocommit(h) || !file || !*file)
		return;
	j->dv = db_data_version(s->db);
	if (sqlite3_open_v2(file, &j->h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		sqlite3_close(j->h);
		j->h = NULL;
		return;
	}
	sqlite3_busy_timeout(j->h, 2000);
	j->started = pthread_create(&j->th, NULL, people_thread, j) == 0;
	if (!j->started) {
		sqlite3_close(j->h);
		j->h = NULL;
	}
}

/* Joins the job (if it ran). Its rows count only if no other connection
 * committed since it started (data_version unchanged here): then both
 * connections read the same state. 1 if they count. */
static int people_join(px_summary *s, struct people_job *j)
{
	if (!j->started)
		return 0;
	pthread_join(j->th, NULL);
	sqlite3_close(j->h);
	j->h = NULL;
	j->started = 0;
	if (!j->failed && db_data_version(s->db) == j->dv)
		return 1;
	pairs_free(&j->part);
	pairs_free(&j->held);
	return 0;
}

/* One (coding, participant) row of a people list into the pool; rows
 * come ordered by coding, so each coding's list is contiguous. */
static void people_row(px_summary *s, int64_t id, int64_t p, int held)
{
	struct scoding *c;
	uint32_t off;

	if (id <= 0 || (size_t)id >= s->ncod || !s->cod[id].live || p <= 0 ||
	    (size_t)p >= s->npart || (held && !s->cod[id].ext))
		return;
	c = &s->cod[id];
	off = pool_add(s, (uint32_t)p);
	if (held) {
		struct sext *x = &s->ext[c->ext];
		if (!x->nh++)
			x->hoff = off;
	} else if (!c->np++) {
		c->poff = off;
	}
}

static void load_people(px_summary *s, const struct id_pairs *rows, int held)
{
	for (size_t i = 0; i < rows->n; i++)
		people_row(s, rows->v[i][0], rows->v[i][1], held);
}

/* One people list read here (the job did not give it), each row going
 * straight into the pool: no copy of the list in between. */
static int people_scan(px_summary *s, const char *sql, int held, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, sql, e);
	int rc;

	if (!st)
		return px_status_of(e);
	while (db_row(s->db, st, &rc, e))
		people_row(s, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), held);
	sqlite3_finalize(st);
	if (rc)
		px_wrap(e, held ? "coding held-by lists" : "coding participants");
	return rc;
}

/* The register links of coding row st (columns 4..7), if any. */
static void load_links(px_summary *s, struct scoding *c, sqlite3_stmt *st)
{
	int64_t rep = db_col_id(st, 4), acc = db_col_id(st, 5);
	struct sext *x;

	/* a moment of mutual accountability naming no norm may still say
	 * who held whom: its held_by lists hang on an ext */
	if ((!rep && !acc && !s->code[c->code].macc) || rep < 0 || acc < 0 || rep > UINT32_MAX / 2 || acc > UINT32_MAX / 2)
		return;
	summary_grow_entries(s, (uint32_t)rep, (uint32_t)acc);
	c->ext = summary_ext_new(s);
	x = &s->ext[c->ext];
	x->rep = (uint32_t)rep;
	x->acc = (uint32_t)acc;
	x->stance = (uint8_t)stance_of(sqlite3_column_text(st, 6));
	x->interp = summary_intern(&s->interp_ids, &s->interps,
				   (const char *)sqlite3_column_text(st, 7));
	x->speaker = x->interp ? (uint32_t)db_col_id(st, 9) : 0;
}

static int load_codings(px_summary *s, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(s->db, load_sql[Q_CODINGS], e);
	size_t span;
	int64_t rep, acc;
	int rc;

	if (!st)
		return px_status_of(e);
	if ((rc = id_span(s->db, load_sql[Q_CODING_MAX], &span, e)) ||
	    (rc = db_scalar_get(s->db, load_sql[Q_REP_MAX], &rep, e)) ||
	    (rc = db_scalar_get(s->db, load_sql[Q_ACC_MAX], &acc, e))) {
		sqlite3_finalize(st);
		return rc;
	}
	/* room to spare: the first adds after the load must not copy a
	 * million-entry array (a spike in add-a-coding latency) */
	summary_grow_codings(s, span + span / 8 + 1024);
	summary_grow_entries(s, (uint32_t)rep, (uint32_t)acc);
	s->coding_rows = 0;
	while (db_row(s->db, st, &rc, e)) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct scoding *c;
		s->coding_rows++;
		if (id <= 0 || (size_t)id >= s->ncod)
			continue;
		c = &s->cod[id];
		c->vig = (uint32_t)sqlite3_column_int64(st, 1);
		c->code = (uint32_t)sqlite3_column_int64(st, 2);
		c->coder = (uint32_t)sqlite3_column_int64(st, 3);
		c->mode = (uint8_t)(sqlite3_column_int(st, 8) & MODE_BOTH);
		c->start = (int32_t)sqlite3_column_int64(st, 10);
		c->end = (int32_t)sqlite3_column_int64(st, 11);
		c->live = c->vig < s->nvig && s->vig[c->vig].live && c->code < s->ncode &&
			  s->code[c->code].live;
		if (c->live)
			load_links(s, c, st);
	}
	sqlite3_finalize(st);
	return rc;
}

/* Threads every live coding into its vignette's list, in id order. */
static void link_codings(px_summary *s)
{
	for (size_t v = 0; v < s->nvig; v++)
		s->vig[v].head = 0;
	for (size_t id = s->ncod; id-- > 1;) {
		struct scoding *c = &s->cod[id];
		if (!c->live)
			continue;
		c->next = s->vig[c->vig].head;
		s->vig[c->vig].head = (uint32_t)id;
	}
}

static void alloc_aggregates(px_summary *s)
{
	size_t nrep = s->nrep, nacc = s->nacc;

	clear_aggregates(s);
	s->cagg = xcalloc(s->ncode, sizeof(*s->cagg));
	s->vdim = xcalloc(s->nvig, sizeof(*s->vdim));
	s->per = xcalloc(s->npart, sizeof(*s->per));
	s->roledim = xcalloc(s->roles.n + 1, sizeof(*s->roledim));
	s->seen_code = xcalloc(s->ncode, sizeof(*s->seen_code));
	summary_grow_entries(s, (uint32_t)(nrep ? nrep - 1 : 0), (uint32_t)(nacc ? nacc - 1 : 0));
	pc_init(&s->code_part, s->ncode, s->npart, 0);
}

/* Vignette by vignette: each coding's own counters, then the vignette's
 * distinct part. Engagement waits until it is asked for. */
static void recompute(px_summary *s)
{
	alloc_aggregates(s);
	for (size_t v = 1; v < s->nvig; v++) {
		int any = 0;
		if (!s->vig[v].live)
			continue;
		for (uint32_t id = s->vig[v].head; id; id = s->cod[id].next) {
			if (!summary_coding_passes(s, &s->cod[id]))
				continue;
			summary_coding_contrib(s, id, 1);
			any = 1;
		}
		if (any)
			summary_vig_contrib(s, (uint32_t)v, 1);
	}
	s->gen++;
}

int summary_reload(px_summary *s, px_err *e)
{
	int rc;

	struct people_job job;

	clear_base(s);
	s->stale = 1;
	people_start(s, &job);
	rc = load_codes(s, e);
	if (!rc && !(rc = load_participants(s, e)) && !(rc = load_vignettes(s, e)))
		rc = load_codings(s, e);
	/* joined whatever happened above */
	if (people_join(s, &job) && !rc) {
		load_people(s, &job.part, 0);
		load_people(s, &job.held, 1);
	} else if (!rc && !(rc = people_scan(s, load_sql[Q_PEOPLE], 0, e))) {
		rc = people_scan(s, load_sql[Q_HELD], 1, e);
	}
	pairs_free(&job.part);
	pairs_free(&job.held);
	if (rc)
		return rc;
	link_codings(s);
	s->stale = 0;
	recompute(s);
	return PX_OK;
}

int summary_sync(px_summary *s, px_err *e)
{
	return s->stale ? summary_reload(s, e) : PX_OK;
}

int summary_open(px_db *db, px_summary **out, px_err *e)
{
	px_summary *s = xcalloc(1, sizeof(*s));
	int rc;

	s->db = db;
	*out = NULL;
	if ((rc = summary_reload(s, e))) {
		summary_close(s);
		return rc;
	}
	db_listen(db, summary_on_event, s);
	*out = s;
	return PX_OK;
}

void summary_close(px_summary *s)
{
	if (!s)
		return;
	db_unlisten(s->db, summary_on_event, s);
	clear_base(s);
	free(s);
}

int summary_participant_usage(px_summary *s, int64_t **vignettes, int64_t **codings, size_t *n,
			      px_err *e)
{
	int rc;

	*vignettes = *codings = NULL;
	*n = 0;
	if ((rc = summary_sync(s, e)))
		return rc;
	*vignettes = xcalloc(s->npart ? s->npart : 1, sizeof(**vignettes));
	*codings = xcalloc(s->npart ? s->npart : 1, sizeof(**codings));
	*n = s->npart;
	for (size_t v = 1; v < s->nvig; v++)
		for (size_t i = 0; s->vig[v].live && i < s->vig[v].np; i++)
			(*vignettes)[s->pool[s->vig[v].poff + i]]++;
	for (size_t id = 1; id < s->ncod; id++)
		for (size_t i = 0; s->cod[id].live && i < s->cod[id].np; i++)
			(*codings)[s->pool[s->cod[id].poff + i]]++;
	return PX_OK;
}

int summary_code_usage(px_summary *s, int64_t **codings, size_t *n, px_err *e)
{
	int rc;

	*codings = NULL;
	*n = 0;
	if ((rc = summary_sync(s, e)))
		return rc;
	*codings = xcalloc(s->ncode ? s->ncode : 1, sizeof(**codings));
	*n = s->ncode;
	for (size_t id = 1; id < s->ncod; id++)
		if (s->cod[id].live)
			(*codings)[s->cod[id].code]++;
	return PX_OK;
}

int summary_filter_check(const summary_filter *f, px_err *e)
{
	if (f->from && f->to && f->from > f->to) {
		char a[16], b[16];
		summary_format_date(f->from, a);
		summary_format_date(f->to, b);
		return px_fail(e, PX_EUSAGE, "the date range is empty: from %s is after to %s",
			       a, b);
	}
	return PX_OK;
}

int summary_set_filter(px_summary *s, const summary_filter *f, px_err *e)
{
	int rc;

	if ((rc = summary_filter_check(f, e)) || (rc = summary_sync(s, e)))
		return rc;
	if (f->code && ((size_t)f->code >= s->ncode || !s->code[f->code].live))
		return px_fail(e, PX_EUSAGE, "no code with row id %lld", (long long)f->code);
	s->f = *f;
	recompute(s);
	return PX_OK;
}

const summary_filter *summary_get_filter(const px_summary *s)
{
	return &s->f;
}

uint64_t summary_generation(const px_summary *s)
{
	return s->gen;
}

int summary_stale(const px_summary *s)
{
	return s->stale;
}

/* Interpretation ids depend on the order strings were met, so the
 * (entry, interpretation) counts are compared through the strings. */
static int equal_interps(const px_summary *a, const px_summary *b)
{
	const smap *ma = &a->rep_interp, *mb = &b->rep_interp;

	if (ma->n != mb->n)
		return 0;
	for (size_t i = 0; i < ma->cap; i++) {
		const struct smap_slot *sl = &ma->s[i];
		int64_t b_id = 0;
		if (!sl->x)
			continue;
		uint32_t y = sl->y & ~SUM_GLOSS;
		if (y && (y > a->interps.n || !sm_get(&b->interp_ids, a->interps.v[y - 1], &b_id)))
			return 0;
		if (smap_get(mb, sl->x, (uint32_t)b_id | (sl->y & SUM_GLOSS)) != sl->v)
			return 0;
	}
	return 1;
}

/* Role rows by name (ids follow the order roles were met). */
static int equal_roles(const px_summary *a, const px_summary *b)
{
	size_t na = 0, nb = 0;

	for (size_t r = 0; r <= b->roles.n; r++)
		nb += memcmp(b->roledim[r], (int32_t[4]){ 0 }, sizeof(b->roledim[r])) != 0;
	for (size_t r = 0; r <= a->roles.n; r++) {
		int64_t rb = 0;
		if (!memcmp(a->roledim[r], (int32_t[4]){ 0 }, sizeof(a->roledim[r])))
			continue;
		na++;
		if (r && !sm_get(&b->role_ids, a->roles.v[r - 1], &rb))
			return 0;
		if (memcmp(a->roledim[r], b->roledim[rb], sizeof(a->roledim[r])) != 0)
			return 0;
	}
	return na == nb;
}

/* Arrays of n elements of size bytes, equal where both have them and
 * zero beyond. */
static int equal_arrays(const void *a, size_t na, const void *b, size_t nb, size_t size)
{
	const char *x = a, *y = b;
	size_t n = na < nb ? na : nb;

	if (n && memcmp(x, y, n * size) != 0)
		return 0;
	for (const char *t = na > n ? x : y, *p = t + n * size; p < t + (na > nb ? na : nb) * size;
	     p++)
		if (*p)
			return 0;
	return 1;
}

static int equal_unlinked(px_summary *a, px_summary *b)
{
	idlist x, y;
	int same;

	summary_unlinked(a, &x, NULL);
	summary_unlinked(b, &y, NULL);
	same = x.n == y.n && (!x.n || !memcmp(x.v, y.v, x.n * sizeof(*x.v)));
	idl_free(&x);
	idl_free(&y);
	return same;
}

static const char *differs(px_summary *a, px_summary *b)
{
	if (!equal_arrays(a->cagg, a->ncode, b->cagg, b->ncode, sizeof(*a->cagg)))
		return "code counts";
	if (!equal_arrays(a->vdim, a->nvig, b->vdim, b->nvig, sizeof(*a->vdim)))
		return "vignette x dimension";
	if (!equal_arrays(a->rep, a->nrep, b->rep, b->nrep, sizeof(*a->rep)))
		return "repertoire counts";
	if (!equal_arrays(a->acc, a->nacc, b->acc, b->nacc, sizeof(*a->acc)))
		return "accountability counts";
	if (!equal_arrays(a->per, a->npart, b->per, b->npart, sizeof(*a->per)))
		return "participant counts";
	if (a->comp != b->comp || a->over != b->over || a->conflict != b->conflict ||
	    a->support != b->support)
		return "engagement totals";
	if (!equal_roles(a, b))
		return "role x dimension";
	if (!pc_equal(&a->code_part, &b->code_part))
		return "code participants";
	if (!pc_equal(&a->pairs, &b->pairs))
		return "engagement matrix";
	if (!smap_equal(&a->tie_cod, &b->tie_cod) || !smap_equal(&a->tie_vig, &b->tie_vig) ||
	    !smap_equal(&a->tie_date, &b->tie_date))
		return "engagement ties";
	if (!smap_equal(&a->rep_part, &b->rep_part))
		return "repertoire participants";
	if (!equal_interps(a, b))
		return "interpretations";
	if (!smap_equal(&a->rep_date, &b->rep_date))
		return "repertoire dates";
	if (!smap_equal(&a->acc_date, &b->acc_date))
		return "accountability dates";
	if (!smap_equal(&a->acc_month, &b->acc_month))
		return "accountability timeline";
	if (!smap_equal(&a->acc_held, &b->acc_held))
		return "held-by pairs";
	if (!smap_equal(&a->net_cod, &b->net_cod) || !smap_equal(&a->net_date, &b->net_date))
		return "accountability network";
	if (!equal_unlinked(a, b))
		return "unlinked SR codings";
	return NULL;
}

/* Compares everything, so the tables built on demand are built in both
 * (hence the casts: building them changes no number either reports). */
int summary_equal(const px_summary *a, const px_summary *b, char *why, size_t whylen)
{
	px_summary *x = (px_summary *)a, *y = (px_summary *)b;
	const char *what;

	if (a->stale || b->stale) {
		snprintf(why, whylen, "a state is stale");
		return 0;
	}
	summary_engagement_build(x);
	summary_engagement_build(y);
	if ((what = differs(x, y))) {
		snprintf(why, whylen, "%s differ", what);
		return 0;
	}
	return 1;
}
