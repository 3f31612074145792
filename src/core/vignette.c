/* vignette.c: observed episodes; see praxis/vignette.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/audit.h"
#include "praxis/vignette.h"
#include "praxis/coding.h"
#include "praxis/text.h"
#include "praxis/textdiff.h"

#define VIGNETTE_COLUMNS "id, ext_id, title, date, community_id, observer_id, " \
	"length, uuid, created, updated"

static int is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int read_digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int vignette_date_valid(const char *date)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, hh, mm, ss;
	size_t len;

	if (!date)
		return 0;
	len = strlen(date);
	if (len < 10 || !read_digits(date, 4, &y) || date[4] != '-' ||
	    !read_digits(date + 5, 2, &m) || date[7] != '-' || !read_digits(date + 8, 2, &d))
		return 0;
	if (y < 1 || m < 1 || m > 12 || d < 1)
		return 0;
	if (d > mdays[m - 1] + (m == 2 && is_leap(y)))
		return 0;
	if (len == 10)
		return 1;
	if ((len != 16 && len != 19) || date[10] != 'T' || !read_digits(date + 11, 2, &hh) ||
	    date[13] != ':' || !read_digits(date + 14, 2, &mm) || hh > 23 || mm > 59)
		return 0;
	if (len == 19 && (date[16] != ':' || !read_digits(date + 17, 2, &ss) || ss > 59))
		return 0;
	return 1;
}

void vignette_free(px_vignette *v)
{
	free(v->ext_id);
	free(v->title);
	free(v->date);
	free(v->text);
	free(v->uuid);
	free(v->created);
	free(v->updated);
	idl_free(&v->participants);
	memset(v, 0, sizeof(*v));
}

static int vignette_check(const px_vignette *v, px_err *e)
{
	size_t bad;

	if (!v->ext_id || !*v->ext_id)
		return px_fail(e, PX_EDATA, "vignette: empty id");
	if (!v->title || !*v->title)
		return px_fail(e, PX_EDATA, "vignette '%s': empty title", v->ext_id);
	if (!vignette_date_valid(v->date))
		return px_fail(e, PX_EDATA, "vignette '%s': bad date '%s' (use YYYY-MM-DD or "
			       "YYYY-MM-DDTHH:MM)", v->ext_id, v->date ? v->date : "");
	if (!v->text)
		return px_fail(e, PX_EDATA, "vignette '%s': no text", v->ext_id);
	if (!text_utf8_valid(v->text, strlen(v->text), &bad))
		return px_fail(e, PX_EDATA, "vignette '%s': text is not valid UTF-8 at byte %zu",
			       v->ext_id, bad);
	return PX_OK;
}

static int vignette_write_participants(px_db *db, const px_vignette *v, px_err *e)
{
	int rc;

	if ((rc = db_run_id(db, "DELETE FROM vignette_participant WHERE vignette_id = ?", v->id,
			    "vignette participants", e)))
		return rc;
	if ((rc = db_insert_id_list(db, "INSERT OR IGNORE INTO vignette_participant"
				    "(vignette_id, participant_id, ord) VALUES (?, ?, ?)", v->id,
				    &v->participants, "vignette participant", e)))
		return px_wrap(e, "vignette '%s'", v->ext_id);
	return PX_OK;
}

int vignette_add(px_db *db, px_vignette *v, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];
	int rc;

	if ((rc = vignette_check(v, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	if (!(st = db_stmt(db, "INSERT INTO vignette(ext_id, title, date, community_id,"
			   " observer_id, text, length, uuid, created, updated)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", e))) {
		rc = px_status_of(e);
		goto fail;
	}
	if (!v->uuid) {
		util_uuid(uuid);
		v->uuid = xstrdup(uuid);
	}
	util_now_iso(now);
	v->length = (int64_t)text_cp_len(v->text);
	db_bind_text(st, 1, v->ext_id);
	db_bind_text(st, 2, v->title);
	db_bind_text(st, 3, v->date);
	db_bind_id(st, 4, v->community_id);
	db_bind_id(st, 5, v->observer_id);
	db_bind_text(st, 6, v->text);
	sqlite3_bind_int64(st, 7, v->length);
	db_bind_text(st, 8, v->uuid);
	db_bind_text(st, 9, v->created ? v->created : now);
	db_bind_text(st, 10, v->updated ? v->updated : now);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		rc = ext == SQLITE_CONSTRAINT_UNIQUE
			? px_fail(e, PX_EDATA, "vignette '%s' already exists", v->ext_id)
			: db_fail(db, e, "vignette");
		goto fail;
	}
	sqlite3_reset(st);
	v->id = sqlite3_last_insert_rowid(db_sqlite(db));
	if ((rc = vignette_write_participants(db, v, e)))
		goto fail;
	/* summaries list the vignettes nobody has coded yet */
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return db_commit(db, e);
fail:
	db_rollback(db);
	return rc;
}

int vignette_reanchor(const char *old_text, const char *new_text, int64_t *start, int64_t *end)
{
	textdiff d;
	int fate;

	textdiff_compute(old_text, new_text, &d);
	fate = textdiff_map_span(&d, (int64_t)text_cp_len(new_text), start, end);
	textdiff_free(&d);
	return fate != TEXTDIFF_KEPT;
}

static int collect_coding(const px_coding *c, void *ud)
{
	if (c->start >= 0)
		idl_push(ud, c->id);
	return 0;
}

int vignette_reanchor_codings(px_db *db, int64_t vid, const char *old_text,
			      const char *new_text, int *moved, int *flagged, px_err *e)
{
	coding_query q = CODING_QUERY_ALL;
	int64_t new_len = (int64_t)text_cp_len(new_text);
	idlist ids = { 0 };
	textdiff d;
	int rc;

	textdiff_compute(old_text, new_text, &d);
	q.vignette_id = vid;
	if ((rc = coding_each(db, &q, collect_coding, &ids, e)))
		goto out;
	for (size_t i = 0; i < ids.n; i++) {
		px_coding c;
		int64_t start, end;
		int fate;
		if ((rc = coding_get(db, ids.v[i], &c, e)))
			goto out;
		start = c.start;
		end = c.end;
		fate = textdiff_map_span(&d, new_len, &c.start, &c.end);
		if (fate != TEXTDIFF_KEPT) {
			c.needs_review = 1;
			if (flagged)
				(*flagged)++;
		}
		if (new_len == 0) {
			c.start = c.end = -1;   /* nothing left to anchor to */
			c.needs_review = 1;
		}
		if (moved && fate == TEXTDIFF_KEPT && (c.start != start || c.end != end))
			(*moved)++;
		rc = (c.start == start && c.end == end && fate == TEXTDIFF_KEPT) ? PX_OK
			: coding_update(db, &c, e);
		coding_free(&c);
		if (rc)
			goto out;
	}
out:
	textdiff_free(&d);
	idl_free(&ids);
	return rc;
}

/* What summaries group codings by: the date, the site, who was there. */
static int vignette_meta_changed(const px_vignette *a, const px_vignette *b)
{
	if (strcmp(a->date, b->date) != 0 || a->community_id != b->community_id ||
	    a->participants.n != b->participants.n)
		return 1;
	for (size_t i = 0; i < a->participants.n; i++)
		if (!idl_has(&b->participants, a->participants.v[i]))
			return 1;
	return 0;
}

int vignette_update(px_db *db, const px_vignette *v, int *flagged, px_err *e)
{
	return vignette_update_counted(db, v, NULL, flagged, e);
}

int vignette_update_counted(px_db *db, const px_vignette *v, int *moved, int *flagged,
			    px_err *e)
{
	px_vignette old;
	sqlite3_stmt *st;
	char now[32], *text = NULL;
	int rc, shifted = 0, cut = 0;

	if (flagged)
		*flagged = 0;
	if (moved)
		*moved = 0;
	if ((rc = vignette_check(v, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = vignette_get(db, v->id, &old, e)))
		goto fail;
	if (!(st = db_stmt(db, "UPDATE vignette SET ext_id = ?, title = ?, date = ?,"
			   " community_id = ?, observer_id = ?, text = ?, length = ?,"
			   " updated = ? WHERE id = ?", e))) {
		rc = px_status_of(e);
		goto fail_old;
	}
	util_now_iso(now);
	/* an editor's lost final newline or CR LF is no edit */
	text = old.text ? textdiff_normalize(old.text, v->text) : xstrdup(v->text);
	db_bind_text(st, 1, v->ext_id);
	db_bind_text(st, 2, v->title);
	db_bind_text(st, 3, v->date);
	db_bind_id(st, 4, v->community_id);
	db_bind_id(st, 5, v->observer_id);
	db_bind_text(st, 6, text);
	sqlite3_bind_int64(st, 7, (int64_t)text_cp_len(text));
	db_bind_text(st, 8, now);
	sqlite3_bind_int64(st, 9, v->id);
	if ((rc = db_step_done(db, st, e, "vignette")) ||
	    (rc = vignette_write_participants(db, v, e)))
		goto fail_old;
	if (old.text && strcmp(old.text, text) != 0 &&
	    ((rc = vignette_reanchor_codings(db, v->id, old.text, text, &shifted, &cut, e)) ||
	     (rc = audit_record(db, "text-edit", e, "edited the text of %s (%lld to %lld "
				"characters; %d coding%s moved, %d flagged for review)", v->ext_id,
				(long long)old.length, (long long)text_cp_len(text), shifted,
				shifted == 1 ? "" : "s", cut))))
		goto fail_old;
	if (moved)
		*moved = shifted;
	if (flagged)
		*flagged = cut;
	if (vignette_meta_changed(&old, v))
		db_notify(db, DB_EV_RESET, NULL, NULL);
	vignette_free(&old);
	free(text);
	return db_commit(db, e);
fail_old:
	vignette_free(&old);
	free(text);
fail:
	db_rollback(db);
	return rc;
}

int vignette_delete(px_db *db, int64_t id, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "DELETE FROM vignette WHERE id = ?", e);
	int rc;

	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_step_done(db, st, e, "deleting a vignette")))
		return rc;
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return PX_OK;
}

int vignette_find(px_db *db, const char *ext_id, int64_t *id, px_err *e)
{
	int found = db_lookup_text(db, "SELECT id FROM vignette WHERE ext_id = ?", ext_id, id, e);

	if (found < 0)
		return px_status_of(e);
	return found ? PX_OK : px_fail(e, PX_ENOTFOUND, "no vignette '%s'", ext_id);
}

static void vignette_read_row(sqlite3_stmt *st, void *row)
{
	px_vignette *v = row;

	memset(v, 0, sizeof(*v));
	v->id = sqlite3_column_int64(st, 0);
	v->ext_id = db_col_strdup(st, 1);
	v->title = db_col_strdup(st, 2);
	v->date = db_col_strdup(st, 3);
	v->community_id = db_col_id(st, 4);
	v->observer_id = db_col_id(st, 5);
	v->length = sqlite3_column_int64(st, 6);
	v->uuid = db_col_strdup(st, 7);
	v->created = db_col_strdup(st, 8);
	v->updated = db_col_strdup(st, 9);
}

static int vignette_read_extra(px_db *db, px_vignette *v, int with_text, px_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (with_text) {
		if (!(st = db_stmt(db, "SELECT text FROM vignette WHERE id = ?", e)))
			return px_status_of(e);
		sqlite3_bind_int64(st, 1, v->id);
		if (db_row(db, st, &rc, e))
			v->text = db_col_strdup(st, 0);
		sqlite3_reset(st);
		if (rc)
			return rc;
	}
	if (db_collect_ids(db, "SELECT participant_id FROM vignette_participant"
			   " WHERE vignette_id = ? ORDER BY ord", v->id, &v->participants, e))
		return px_status_of(e);
	return PX_OK;
}

int vignette_get(px_db *db, int64_t id, px_vignette *out, px_err *e)
{
	int found = db_read_one(db, "SELECT " VIGNETTE_COLUMNS " FROM vignette WHERE id = ?", id,
				vignette_read_row, out, e);

	if (found < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no vignette with row id %lld", (long long)id);
	return vignette_read_extra(db, out, 1, e);
}

int vignette_each(px_db *db, int with_text, vignette_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, "SELECT " VIGNETTE_COLUMNS " FROM vignette"
					   " ORDER BY id", e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	while (db_row(db, st, &rc, e)) {
		px_vignette v;
		vignette_read_row(st, &v);
		rc = vignette_read_extra(db, &v, with_text, e);
		if (!rc)
			rc = fn(&v, ud);
		vignette_free(&v);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

int64_t vignette_count(px_db *db)
{
	return db_scalar(db, "SELECT count(*) FROM vignette");
}

int vignette_dimension_counts(px_db *db, int64_t id, int64_t counts[4], px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT code.dimension, count(*) FROM coding"
				   " JOIN code ON code.id = coding.code_id"
				   " WHERE coding.vignette_id = ? GROUP BY code.dimension", e);
	int rc;

	memset(counts, 0, 4 * sizeof(*counts));
	if (!st)
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, id);
	while (db_row(db, st, &rc, e)) {
		int d = sqlite3_column_int(st, 0);
		int64_t n = sqlite3_column_int64(st, 1);
		if (d >= 1 && d <= 3)
			counts[d] = n;
		counts[0] += n;
	}
	sqlite3_reset(st);
	return rc;
}
