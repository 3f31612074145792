/* coding.c: codes on spans; see praxis/coding.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"

static const char *const mode_names[] = {
	NULL, "participation", "reification", "participation,reification"
};
static const char *const stance_names[] = {
	NULL, "upheld", "breached", "negotiated", "contested"
};

const char *coding_mode_name(int mode)
{
	return mode > MODE_NONE && mode <= MODE_BOTH ? mode_names[mode] : NULL;
}

int coding_mode_parse(const char *s)
{
	int set = 0;

	if (!s || !*s)
		return -1;
	while (*s) {
		size_t n = strcspn(s, ",");
		int m = MODE_PARTICIPATION;
		for (; m <= MODE_REIFICATION; m++)
			if (strlen(mode_names[m]) == n && strncmp(s, mode_names[m], n) == 0)
				break;
		if (m > MODE_REIFICATION)
			return -1;
		set |= m;
		s += n;
		if (*s == ',' && !*++s)
			return -1;
	}
	return set;
}

const char *coding_stance_name(int stance)
{
	return stance > STANCE_NONE && stance < STANCE_COUNT ? stance_names[stance] : NULL;
}

int coding_stance_parse(const char *s)
{
	for (int k = STANCE_UPHELD; k < STANCE_COUNT; k++)
		if (s && strcmp(s, stance_names[k]) == 0)
			return k;
	return -1;
}

void coding_free(px_coding *c)
{
	free(c->memo);
	free(c->interpretation);
	free(c->uuid);
	free(c->created);
	free(c->updated);
	idl_free(&c->participants);
	idl_free(&c->held_by);
	memset(c, 0, sizeof(*c));
}

void coding_copy(px_coding *dst, const px_coding *src)
{
	*dst = *src;
	dst->memo = xstrdup(src->memo);
	dst->interpretation = xstrdup(src->interpretation);
	dst->uuid = xstrdup(src->uuid);
	dst->created = xstrdup(src->created);
	dst->updated = xstrdup(src->updated);
	idl_copy(&dst->participants, &src->participants);
	idl_copy(&dst->held_by, &src->held_by);
}

static int row_exists(px_db *db, const char *sql, int64_t id)
{
	int64_t ignored;

	return db_lookup_id(db, sql, id, &ignored, NULL) == 1;
}

static int64_t vignette_length(px_db *db, int64_t vid)
{
	int64_t len;

	return db_lookup_id(db, "SELECT length FROM vignette WHERE id = ?", vid, &len, NULL) == 1
		? len : -1;
}

static int check_people(px_db *db, const idlist *ids, const char *what, px_err *e)
{
	for (size_t i = 0; i < ids->n; i++)
		if (!row_exists(db, "SELECT 1 FROM participant WHERE id = ?", ids->v[i]))
			return px_fail(e, PX_EDATA, "%s: no participant with row id %lld", what,
				       (long long)ids->v[i]);
	return PX_OK;
}

/* The span, mode and stance against the text length (no lookups). */
static int check_span(const px_coding *c, int64_t len, px_err *e)
{
	if (!(c->start == -1 && c->end == -1)) {
		if (c->start < 0 || c->end < c->start)
			return px_fail(e, PX_EDATA, "span %lld-%lld is reversed",
				       (long long)c->start, (long long)c->end);
		/* only an edit that deleted a span's text leaves it empty, and
		 * flagged (vignette_reanchor_codings); never a new selection */
		if (c->end == c->start && !c->needs_review)
			return px_fail(e, PX_EDATA, "span %lld-%lld is empty: a coding needs "
				       "at least one character", (long long)c->start,
				       (long long)c->end);
		if (c->end > len)
			return px_fail(e, PX_EDATA, "span %lld-%lld lies outside the text "
				       "(%lld characters)", (long long)c->start,
				       (long long)c->end, (long long)len);
	}
	if (c->mode < MODE_NONE || c->mode > MODE_BOTH)
		return px_fail(e, PX_EDATA, "bad mode %d", c->mode);
	if (c->stance < STANCE_NONE || c->stance >= STANCE_COUNT)
		return px_fail(e, PX_EDATA, "bad stance %d", c->stance);
	return PX_OK;
}

int coding_under_accountability(px_db *db, int64_t code_id)
{
	static const char base[] = "JE/mutual accountability";
	char *path = NULL;
	int under;

	if (codebook_path(db, code_id, &path, NULL))
		return 0;
	under = strncmp(path, base, sizeof(base) - 1) == 0 &&
		(path[sizeof(base) - 1] == '\0' || path[sizeof(base) - 1] == '/');
	free(path);
	return under;
}

/* What goes only with a register link; held_by also on a moment of
 * mutual accountability that names no norm (the lookup only then). */
static int check_links(px_db *db, const px_coding *c, px_err *e)
{
	if (c->interpretation && !c->repertoire_id && !c->accountability_id)
		return px_fail(e, PX_EDATA, "an interpretation needs a repertoire or "
			       "accountability entry");
	if (c->speaker_id && !(c->interpretation && *c->interpretation))
		return px_fail(e, PX_EDATA, "a speaker needs an interpretation");
	if (c->stance && !c->accountability_id)
		return px_fail(e, PX_EDATA, "a stance needs an accountability entry");
	if (c->held_by.n && !c->accountability_id && !coding_under_accountability(db, c->code_id))
		return px_fail(e, PX_EDATA, "held_by needs an accountability entry or a code "
			       "under JE/mutual accountability");
	return PX_OK;
}

/* The participant is present at the vignette. */
static int speaker_present(px_db *db, int64_t vignette_id, int64_t participant_id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT 1 FROM vignette_participant"
				   " WHERE vignette_id = ? AND participant_id = ?", NULL);
	int found;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, vignette_id);
	sqlite3_bind_int64(st, 2, participant_id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

int coding_validate(px_db *db, const px_coding *c, px_err *e)
{
	int64_t len = vignette_length(db, c->vignette_id);
	int rc;

	if (len < 0)
		return px_fail(e, PX_EDATA, "no vignette with row id %lld", (long long)c->vignette_id);
	if (!row_exists(db, "SELECT 1 FROM code WHERE id = ?", c->code_id))
		return px_fail(e, PX_EDATA, "no code with row id %lld", (long long)c->code_id);
	if (!row_exists(db, "SELECT 1 FROM coder WHERE id = ?", c->coder_id))
		return px_fail(e, PX_EDATA, "no coder with row id %lld", (long long)c->coder_id);
	if ((rc = check_span(c, len, e)))
		return rc;
	if (c->repertoire_id &&
	    !row_exists(db, "SELECT 1 FROM repertoire WHERE id = ?", c->repertoire_id))
		return px_fail(e, PX_EDATA, "no repertoire entry with row id %lld",
			       (long long)c->repertoire_id);
	if (c->accountability_id &&
	    !row_exists(db, "SELECT 1 FROM accountability WHERE id = ?", c->accountability_id))
		return px_fail(e, PX_EDATA, "no accountability entry with row id %lld",
			       (long long)c->accountability_id);
	if ((rc = check_links(db, c, e)))
		return rc;
	if ((rc = check_people(db, &c->participants, "participants", e)))
		return rc;
	if (c->speaker_id && !speaker_present(db, c->vignette_id, c->speaker_id))
		return px_fail(e, PX_EDATA, "the speaker (participant row id %lld) is not present "
			       "at the vignette", (long long)c->speaker_id);
	return check_people(db, &c->held_by, "held_by", e);
}

static int write_people(px_db *db, int64_t coding_id, const idlist *ids, const char *del,
			const char *ins, px_err *e)
{
	int rc;

	if (del && (rc = db_run_id(db, del, coding_id, "coding participants", e)))
		return rc;
	return db_insert_id_list(db, ins, coding_id, ids, "coding participants", e);
}

/* A new coding has no rows to clear (fresh) */
static int write_lists(px_db *db, const px_coding *c, int fresh, px_err *e)
{
	int rc = write_people(db, c->id, &c->participants, fresh ? NULL :
			      "DELETE FROM coding_participant WHERE coding_id = ?",
			      "INSERT OR IGNORE INTO coding_participant(coding_id, participant_id, ord)"
			      " VALUES (?, ?, ?)", e);
	if (rc)
		return rc;
	return write_people(db, c->id, &c->held_by, fresh ? NULL :
			    "DELETE FROM coding_held_by WHERE coding_id = ?",
			    "INSERT OR IGNORE INTO coding_held_by(coding_id, participant_id, ord)"
			    " VALUES (?, ?, ?)", e);
}

/* Binds the fields shared by insert and update, parameters 1..13 and
 * 15..18 (14 is the id of an update, the created time of an insert). An
 * interpretation goes in interpretation with a repertoire entry, else in
 * reading (schema.c, migration 2). */
static void bind_fields(sqlite3_stmt *st, const px_coding *c, const char *now)
{
	sqlite3_bind_int64(st, 1, c->vignette_id);
	sqlite3_bind_int64(st, 2, c->code_id);
	sqlite3_bind_int64(st, 3, c->coder_id);
	if (c->start < 0) {
		sqlite3_bind_null(st, 4);
		sqlite3_bind_null(st, 5);
	} else {
		sqlite3_bind_int64(st, 4, c->start);
		sqlite3_bind_int64(st, 5, c->end);
	}
	db_bind_text(st, 6, c->mode == MODE_BOTH ? NULL : coding_mode_name(c->mode));
	db_bind_text(st, 7, c->memo && *c->memo ? c->memo : NULL);
	db_bind_id(st, 8, c->repertoire_id);
	db_bind_text(st, 9, c->repertoire_id && c->interpretation && *c->interpretation ?
			    c->interpretation : NULL);
	db_bind_id(st, 10, c->accountability_id);
	db_bind_text(st, 11, coding_stance_name(c->stance));
	sqlite3_bind_int(st, 12, c->needs_review ? 1 : 0);
	db_bind_text(st, 13, now);
	sqlite3_bind_int(st, 15, c->mode);
	db_bind_id(st, 16, c->speaker_id);
	db_bind_text(st, 17, !c->repertoire_id && c->interpretation && *c->interpretation ?
			     c->interpretation : NULL);
}

/* Inserts a checked coding: row, people lists, then the listeners. With
 * keep_id, c->id is its id (the caller checked it is free), else a new one. */
static int coding_insert(px_db *db, px_coding *c, int keep_id, px_err *e)
{
	sqlite3_stmt *st;
	char uuid[37], now[32];
	int rc;

	if ((rc = db_begin(db, e)))
		return rc;
	if (!(st = db_stmt(db, "INSERT INTO coding(vignette_id, code_id, coder_id, start, end,"
			   " mode, memo, repertoire_id, interpretation, accountability_id, stance,"
			   " needs_review, updated, created, modes, speaker_id, reading, uuid, id)"
			   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?18, ?19)",
			   e))) {
		rc = px_status_of(e);
		goto fail;
	}
	if (!c->uuid) {
		util_uuid(uuid);
		c->uuid = xstrdup(uuid);
	}
	util_now_iso(now);
	bind_fields(st, c, c->updated ? c->updated : now);
	db_bind_text(st, 14, c->created ? c->created : now);
	db_bind_text(st, 18, c->uuid);
	db_bind_id(st, 19, keep_id ? c->id : 0);
	if ((rc = db_step_done(db, st, e, "adding a coding")))
		goto fail;
	c->id = sqlite3_last_insert_rowid(db_sqlite(db));
	if (!c->created)
		c->created = xstrdup(now);
	if (!c->updated)
		c->updated = xstrdup(now);
	if ((rc = write_lists(db, c, 1, e)))
		goto fail;
	db_notify(db, DB_EV_CODING_ADD, NULL, c);
	return db_commit(db, e);
fail:
	db_rollback(db);
	return rc;
}

int coding_add(px_db *db, px_coding *c, px_err *e)
{
	int rc = coding_validate(db, c, e);

	return rc ? rc : coding_insert(db, c, 0, e);
}

int coding_restore(px_db *db, px_coding *c, px_err *e)
{
	int64_t found = 0;
	int rc = coding_validate(db, c, e), taken;

	if (rc)
		return rc;
	taken = c->id > 0 ? db_lookup_id(db, "SELECT id FROM coding WHERE id = ?1", c->id, &found, e) : 1;
	if (taken < 0)
		return px_status_of(e);
	return coding_insert(db, c, !taken, e);
}

int coding_add_resolved(px_db *db, px_coding *c, int64_t text_length, px_err *e)
{
	int rc;

	if ((rc = check_span(c, text_length, e)) || (rc = check_links(db, c, e)))
		return rc;
	return coding_insert(db, c, 0, e);
}

int coding_update(px_db *db, const px_coding *c, px_err *e)
{
	sqlite3_stmt *st;
	px_coding before;
	char now[32];
	int rc;

	if ((rc = coding_validate(db, c, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = coding_get(db, c->id, &before, e)))
		goto fail;
	if (!(st = db_stmt(db, "UPDATE coding SET vignette_id = ?, code_id = ?, coder_id = ?,"
			   " start = ?, end = ?, mode = ?, memo = ?, repertoire_id = ?,"
			   " interpretation = ?, accountability_id = ?, stance = ?,"
			   " needs_review = ?, updated = ?, modes = ?15, speaker_id = ?16,"
			   " reading = ?17 WHERE id = ?14", e))) {
		rc = px_status_of(e);
		goto fail_before;
	}
	util_now_iso(now);
	bind_fields(st, c, now);
	sqlite3_bind_int64(st, 14, c->id);
	if ((rc = db_step_done(db, st, e, "changing a coding")) || (rc = write_lists(db, c, 0, e)))
		goto fail_before;
	db_notify(db, DB_EV_CODING_UPDATE, &before, c);
	coding_free(&before);
	return db_commit(db, e);
fail_before:
	coding_free(&before);
fail:
	db_rollback(db);
	return rc;
}

int coding_delete(px_db *db, int64_t id, px_err *e)
{
	sqlite3_stmt *st;
	px_coding before;
	int rc;

	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = coding_get(db, id, &before, e)))
		goto fail;
	if (!(st = db_stmt(db, "DELETE FROM coding WHERE id = ?", e))) {
		rc = px_status_of(e);
		goto fail_before;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = db_step_done(db, st, e, "removing a coding")))
		goto fail_before;
	db_notify(db, DB_EV_CODING_DELETE, &before, NULL);
	coding_free(&before);
	return db_commit(db, e);
fail_before:
	coding_free(&before);
fail:
	db_rollback(db);
	return rc;
}

#define CODING_COLUMNS "id, vignette_id, code_id, coder_id, start, end, mode, memo," \
	" repertoire_id, interpretation, accountability_id, stance, needs_review, uuid," \
	" created, updated, modes, speaker_id, reading"

static void coding_read_row(sqlite3_stmt *st, void *row)
{
	px_coding *c = row;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->vignette_id = sqlite3_column_int64(st, 1);
	c->code_id = sqlite3_column_int64(st, 2);
	c->coder_id = sqlite3_column_int64(st, 3);
	if (sqlite3_column_type(st, 4) == SQLITE_NULL) {
		c->start = c->end = -1;
	} else {
		c->start = sqlite3_column_int64(st, 4);
		c->end = sqlite3_column_int64(st, 5);
	}
	c->mode = sqlite3_column_int(st, 16) & MODE_BOTH;
	c->memo = db_col_strdup(st, 7);
	c->repertoire_id = db_col_id(st, 8);
	c->interpretation = db_col_strdup(st, 9);
	c->accountability_id = db_col_id(st, 10);
	c->stance = coding_stance_parse((const char *)sqlite3_column_text(st, 11));
	if (c->stance < 0)
		c->stance = STANCE_NONE;
	c->needs_review = sqlite3_column_int(st, 12);
	c->uuid = db_col_strdup(st, 13);
	c->created = db_col_strdup(st, 14);
	c->updated = db_col_strdup(st, 15);
	c->speaker_id = db_col_id(st, 17);
	if (!c->interpretation)
		c->interpretation = db_col_strdup(st, 18);
}

static int read_people(px_db *db, px_coding *c, px_err *e)
{
	if (db_collect_ids(db, "SELECT participant_id FROM coding_participant"
			   " WHERE coding_id = ? ORDER BY ord", c->id, &c->participants, e) ||
	    db_collect_ids(db, "SELECT participant_id FROM coding_held_by"
			   " WHERE coding_id = ? ORDER BY ord", c->id, &c->held_by, e))
		return px_status_of(e);
	return PX_OK;
}

int coding_get(px_db *db, int64_t id, px_coding *out, px_err *e)
{
	int found;

	memset(out, 0, sizeof(*out));
	found = db_read_one(db, "SELECT " CODING_COLUMNS " FROM coding WHERE id = ?", id,
			    coding_read_row, out, e);
	if (found < 0)
		return px_status_of(e);
	if (!found)
		return px_fail(e, PX_ENOTFOUND, "no coding %lld", (long long)id);
	return read_people(db, out, e);
}

/* The SQL names only the filters in use, so SQLite can pick the index
 * (a per-vignette query must not scan every coding). */
static char *coding_query_sql(const coding_query *q)
{
	strbuf b;

	sb_init(&b);
	if (q->code_id && q->deep)
		sb_add(&b, "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL SELECT code.id"
		       " FROM code JOIN sub ON code.parent_id = sub.id) ");
	sb_add(&b, "SELECT " CODING_COLUMNS " FROM coding WHERE 1");
	if (q->vignette_id)
		sb_add(&b, " AND vignette_id = ?1");
	if (q->code_id)
		sb_add(&b, q->deep ? " AND code_id IN (SELECT id FROM sub)" : " AND code_id = ?2");
	if (q->coder_id)
		sb_add(&b, " AND coder_id = ?3");
	if (q->vignette_id && q->at >= 0)
		sb_add(&b, " AND (start IS NULL OR (start <= ?4 AND end > ?4))");
	sb_add(&b, " ORDER BY vignette_id, start, id");
	return sb_steal(&b);
}

static sqlite3_stmt *coding_query_prepare(px_db *db, const coding_query *q, px_err *e)
{
	char *sql = coding_query_sql(q);
	sqlite3_stmt *st = db_prepare_iter(db, sql, e);

	free(sql);
	if (!st)
		return NULL;
	if (q->vignette_id)
		sqlite3_bind_int64(st, 1, q->vignette_id);
	if (q->code_id)
		sqlite3_bind_int64(st, 2, q->code_id);
	if (q->coder_id)
		sqlite3_bind_int64(st, 3, q->coder_id);
	if (q->vignette_id && q->at >= 0)
		sqlite3_bind_int64(st, 4, q->at);
	return st;
}

int coding_each(px_db *db, const coding_query *q, coding_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = coding_query_prepare(db, q, e);
	int rc = PX_OK;

	if (!st)
		return px_status_of(e);
	while (db_row(db, st, &rc, e)) {
		px_coding c;
		coding_read_row(st, &c);
		rc = read_people(db, &c, e);
		if (!rc)
			rc = fn(&c, ud);
		coding_free(&c);
		if (rc)
			break;
	}
	sqlite3_finalize(st);
	return rc;
}

struct coding_cursor {
	px_db *db;
	sqlite3_stmt *st;
};

int coding_cursor_open(px_db *db, const coding_query *q, coding_cursor **out, px_err *e)
{
	sqlite3_stmt *st = coding_query_prepare(db, q, e);

	*out = NULL;
	if (!st)
		return px_status_of(e);
	*out = xmalloc(sizeof(**out));
	(*out)->db = db;
	(*out)->st = st;
	return PX_OK;
}

int coding_cursor_next(coding_cursor *cur, px_coding *c, int *have, px_err *e)
{
	int rc;

	*have = 0;
	if (!db_row(cur->db, cur->st, &rc, e)) {
		if (rc)
			px_wrap(e, "reading codings");
		return rc;
	}
	coding_read_row(cur->st, c);
	if ((rc = read_people(cur->db, c, e))) {
		coding_free(c);
		return rc;
	}
	*have = 1;
	return PX_OK;
}

void coding_cursor_close(coding_cursor *cur)
{
	if (!cur)
		return;
	sqlite3_finalize(cur->st);
	free(cur);
}

int64_t coding_count(px_db *db)
{
	return db_scalar(db, "SELECT count(*) FROM coding");
}

int64_t coding_count_in(px_db *db, int64_t vignette_id)
{
	int64_t n;

	db_lookup_id(db, "SELECT count(*) FROM coding WHERE vignette_id = ?", vignette_id, &n, NULL);
	return n;
}
