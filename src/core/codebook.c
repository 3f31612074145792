/* codebook.c: the code tree; see praxis/codebook.h. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "praxis/audit.h"
#include "praxis/codebook.h"
#include "praxis/util.h"

static const char *const root_short[] = { NULL, "ME", "JE", "SR" };
static const char *const root_name[] = {
	NULL, "mutual engagement", "joint enterprise", "shared repertoire"
};

/* The default codebook of DOMAIN.md: parent path, name, description. */
static const struct default_code {
	int dimension;
	const char *parent;      /* NULL: directly under the root */
	const char *name;
	const char *description;
} default_codes[] = {
	{ 0, NULL, NULL, NULL },
	{ CODE_ME, NULL, "enabling engagement",
	  "what makes engagement possible at all: being there, being allowed to talk, a shared table" },
	{ CODE_ME, NULL, "community maintenance",
	  "the often invisible, unrewarded work that keeps the group going" },
	{ CODE_ME, NULL, "diversity and partiality",
	  "members are not alike; each has a unique place in the practice" },
	{ CODE_ME, "diversity and partiality", "complementary",
	  "different roles and competences that fit together" },
	{ CODE_ME, "diversity and partiality", "overlapping",
	  "peers with the same specialty filling each other's gaps" },
	{ CODE_ME, NULL, "mutual relationships",
	  "the ties engagement creates: power and dependence, alliance and competition, help and conflict" },
	{ CODE_ME, "mutual relationships", "conflict",
	  "disagreement, tension, competition: a form of participation too" },
	{ CODE_ME, "mutual relationships", "support",
	  "help, alliance, covering for one another" },
	{ CODE_JE, NULL, "negotiated enterprise",
	  "what members are about, as they negotiate it: instrumental, personal, interpersonal" },
	{ CODE_JE, NULL, "local response",
	  "the community's own answer to conditions set by an institution it does not control" },
	{ CODE_JE, NULL, "mutual accountability",
	  "what matters and what does not, what to justify and what to take for granted" },
	{ CODE_JE, NULL, "interpretations",
	  "how members read the rules, goals and situations they share" },
	{ CODE_JE, NULL, "rhythms",
	  "the tempo of the enterprise as it lives in the doing" },
	{ CODE_SR, NULL, "routines", "recurring ways of getting things done" },
	{ CODE_SR, NULL, "words", "jargon, nicknames, shorthand" },
	{ CODE_SR, NULL, "tools", "artifacts, forms, devices the community uses" },
	{ CODE_SR, NULL, "ways of doing things", "local methods and knacks" },
	{ CODE_SR, NULL, "stories", "tales told and retold" },
	{ CODE_SR, NULL, "gestures", "meaningful movements and looks" },
	{ CODE_SR, NULL, "symbols", "signs that stand for something shared" },
	{ CODE_SR, NULL, "genres", "recognisable forms of talk or writing" },
	{ CODE_SR, NULL, "actions", "moves that mean something to members" },
	{ CODE_SR, NULL, "concepts", "shared ideas and categories" },
	{ CODE_SR, NULL, "historical events", "past episodes members refer back to" },
	{ CODE_SR, NULL, "styles", "manners of working and presenting oneself" },
	{ CODE_SR, NULL, "discourses", "ways of talking about the work and the world" },
};

const char *codebook_root_short(int dimension)
{
	return dimension >= CODE_ME && dimension <= CODE_SR ? root_short[dimension] : "?";
}

const char *codebook_root_name(int dimension)
{
	return dimension >= CODE_ME && dimension <= CODE_SR ? root_name[dimension] : "?";
}

int codebook_color_valid(const char *color)
{
	size_t n;

	if (!color || color[0] != '#')
		return 0;
	n = strlen(color + 1);
	if (n != 3 && n != 6)
		return 0;
	for (size_t i = 1; i <= n; i++)
		if (!isxdigit((unsigned char)color[i]))
			return 0;
	return 1;
}

static int code_insert(px_db *db, int64_t id, int64_t parent, int dimension,
		       const char *name, const char *desc, int64_t *out, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, "INSERT INTO code(id, parent_id, dimension, name,"
				   " description, uuid, ord) VALUES (?, ?, ?, ?, ?, ?,"
				   " (SELECT coalesce(max(ord), 0) + 1 FROM code"
				   "  WHERE coalesce(parent_id, 0) = coalesce(?2, 0)))", e);
	char uuid[37];

	if (!st)
		return px_status_of(e);
	util_uuid(uuid);
	db_bind_id(st, 1, id);
	db_bind_id(st, 2, parent);
	sqlite3_bind_int(st, 3, dimension);
	db_bind_text(st, 4, name);
	db_bind_text(st, 5, desc);
	db_bind_text(st, 6, uuid);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			return px_fail(e, PX_EDATA, "a code named '%s' already exists there", name);
		return db_fail(db, e, "adding a code");
	}
	sqlite3_reset(st);
	db_touch(db);
	if (out)
		*out = sqlite3_last_insert_rowid(db_sqlite(db));
	return PX_OK;
}

static int child_find(px_db *db, int64_t parent, const char *name, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(db, "SELECT id FROM code WHERE parent_id = ? AND name = ?", NULL);
	int found;

	*id = 0;
	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, parent);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	if (found)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return found;
}

int codebook_seed(px_db *db, px_err *e)
{
	int rc;

	for (int d = CODE_ME; d <= CODE_SR; d++)
		if ((rc = code_insert(db, d, 0, d, root_name[d], NULL, NULL, e)))
			return rc;
	for (size_t i = 1; i < sizeof(default_codes) / sizeof(default_codes[0]); i++) {
		const struct default_code *dc = &default_codes[i];
		int64_t parent = dc->dimension;
		if (dc->parent && !child_find(db, dc->dimension, dc->parent, &parent))
			return px_fail(e, PX_EIO, "default codebook: no parent '%s'", dc->parent);
		if ((rc = code_insert(db, 0, parent, dc->dimension, dc->name, dc->description,
				      NULL, e)))
			return rc;
	}
	return PX_OK;
}

static int root_lookup(const char *seg)
{
	for (int d = CODE_ME; d <= CODE_SR; d++)
		if (strcasecmp(seg, root_short[d]) == 0 || strcasecmp(seg, root_name[d]) == 0)
			return d;
	return 0;
}

/* Splits a path at unescaped '/', unescaping "\/" and "\\", trimming blanks
 * around each segment. */
static void path_split(const char *path, strlist *out)
{
	strbuf seg;

	sb_init(&seg);
	for (const char *p = path;; p++) {
		if (*p == '\\' && (p[1] == '/' || p[1] == '\\')) {
			sb_addc(&seg, *++p);
			continue;
		}
		if (*p == '/' || *p == '\0') {
			const char *s = sb_str(&seg);
			size_t n = seg.len;
			while (n && isspace((unsigned char)s[n - 1]))
				n--;
			while (n && isspace((unsigned char)*s)) {
				s++;
				n--;
			}
			char *trimmed = xstrndup(s, n);
			sl_push(out, trimmed);
			free(trimmed);
			sb_reset(&seg);
			if (*p == '\0')
				break;
			continue;
		}
		sb_addc(&seg, *p);
	}
	sb_free(&seg);
}

int codebook_resolve(px_db *db, const char *path, int create, int64_t *id, int *created,
		     px_err *e)
{
	strlist segs = { 0 };
	int64_t cur;
	int rc = PX_OK, dim;

	*id = 0;
	if (created)
		*created = 0;
	if (!path || !*path)
		return px_fail(e, PX_EDATA, "empty code path");
	path_split(path, &segs);
	for (size_t i = 0; i < segs.n; i++) {
		if (!*segs.v[i]) {
			rc = px_fail(e, PX_EDATA, "code path '%s': segment %zu is empty", path, i + 1);
			goto out;
		}
	}
	if (!(dim = root_lookup(segs.v[0]))) {
		rc = px_fail(e, PX_EDATA, "code path '%s': '%s' is not a dimension (use ME, JE, "
			     "SR or mutual engagement, joint enterprise, shared repertoire)",
			     path, segs.v[0]);
		goto out;
	}
	cur = dim;
	for (size_t i = 1; i < segs.n; i++) {
		int64_t next;
		if (child_find(db, cur, segs.v[i], &next)) {
			cur = next;
			continue;
		}
		if (!create) {
			rc = px_fail(e, PX_ENOTFOUND, "code path '%s': no code '%s'", path, segs.v[i]);
			goto out;
		}
		if ((rc = code_insert(db, 0, cur, dim, segs.v[i], NULL, &next, e)))
			goto out;
		if (created)
			(*created)++;
		cur = next;
	}
	*id = cur;
out:
	sl_free(&segs);
	return rc;
}

char *codebook_escape_segment(const char *name)
{
	strbuf b;

	sb_init(&b);
	for (const char *p = name; *p; p++) {
		if (*p == '/' || *p == '\\')
			sb_addc(&b, '\\');
		sb_addc(&b, *p);
	}
	return sb_steal(&b);
}

int codebook_path(px_db *db, int64_t id, char **out, px_err *e)
{
	strlist segs = { 0 };
	strbuf b;
	int64_t cur = id;
	int dim = 0, guard = 0;

	*out = NULL;
	while (cur) {
		sqlite3_stmt *st = db_stmt(db, "SELECT parent_id, name, dimension FROM code"
					   " WHERE id = ?", e);
		if (!st)
			goto fail;
		sqlite3_bind_int64(st, 1, cur);
		if (sqlite3_step(st) != SQLITE_ROW || ++guard > 1000) {
			sqlite3_reset(st);
			px_fail(e, PX_ENOTFOUND, "no code with row id %lld", (long long)id);
			goto fail;
		}
		int64_t parent = db_col_id(st, 0);
		dim = sqlite3_column_int(st, 2);
		if (parent)
			sl_push(&segs, (const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		cur = parent;
	}
	sb_init(&b);
	sb_add(&b, codebook_root_short(dim));
	for (size_t i = segs.n; i-- > 0;) {
		char *esc = codebook_escape_segment(segs.v[i]);
		sb_addc(&b, '/');
		sb_add(&b, esc);
		free(esc);
	}
	sl_free(&segs);
	*out = sb_steal(&b);
	return PX_OK;
fail:
	sl_free(&segs);
	return px_status_of(e);
}

static void code_read_row(sqlite3_stmt *st, void *row)
{
	px_code *c = row;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->parent_id = db_col_id(st, 1);
	c->dimension = sqlite3_column_int(st, 2);
	c->name = db_col_strdup(st, 3);
	c->description = db_col_strdup(st, 4);
	c->color = db_col_strdup(st, 5);
	c->uuid = db_col_strdup(st, 6);
}

#define CODE_COLUMNS "id, parent_id, dimension, name, description, color, uuid"

int codebook_get(px_db *db, int64_t id, px_code *out, px_err *e)
{
	int found;

	memset(out, 0, sizeof(*out));
	found = db_read_one(db, "SELECT " CODE_COLUMNS " FROM code WHERE id = ?", id, code_read_row,
			    out, e);
	if (found < 0)
		return px_status_of(e);
	return found ? PX_OK : px_fail(e, PX_ENOTFOUND, "no code with row id %lld", (long long)id);
}

void codebook_free(px_code *c)
{
	free(c->name);
	free(c->description);
	free(c->color);
	free(c->uuid);
	memset(c, 0, sizeof(*c));
}

static int name_check(const char *name, px_err *e)
{
	if (!name || !*name)
		return px_fail(e, PX_EDATA, "a code name cannot be empty");
	return PX_OK;
}

/* A code's path for the audit trail ("?" if it cannot be read). */
static char *logged_path(px_db *db, int64_t id)
{
	char *path = NULL;

	if (codebook_path(db, id, &path, NULL) != PX_OK || !path) {
		free(path);
		return xstrdup("?");
	}
	return path;
}

/* Ends the transaction a logged change opened: commits it with its entry,
 * or rolls both back. */
static int logged_end(px_db *db, int rc, px_err *e)
{
	if (rc) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db, e);
}

int codebook_add(px_db *db, int64_t parent, const char *name, int64_t *id, px_err *e)
{
	px_code p;
	int64_t made = 0;
	char *path;
	int rc;

	if ((rc = name_check(name, e)) || (rc = codebook_get(db, parent, &p, e)))
		return rc;
	if ((rc = db_begin(db, e))) {
		codebook_free(&p);
		return rc;
	}
	rc = code_insert(db, 0, parent, p.dimension, name, NULL, &made, e);
	codebook_free(&p);
	if (!rc) {
		path = logged_path(db, made);
		rc = audit_record(db, "code-add", e, "added %s", path);
		free(path);
	}
	if ((rc = logged_end(db, rc, e)))
		return rc;
	if (id)
		*id = made;
	return PX_OK;
}

static int code_set(px_db *db, const char *sql, int64_t id, const char *value,
		    const char *what, px_err *e)
{
	sqlite3_stmt *st = db_stmt(db, sql, e);

	if (!st)
		return px_status_of(e);
	db_bind_text(st, 1, value);
	sqlite3_bind_int64(st, 2, id);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		if (ext == SQLITE_CONSTRAINT_UNIQUE)
			return px_fail(e, PX_EDATA, "a sibling code is already named '%s'", value);
		return db_fail(db, e, what);
	}
	sqlite3_reset(st);
	db_touch(db);
	return PX_OK;
}

int codebook_rename(px_db *db, int64_t id, const char *name, px_err *e)
{
	char *before, *after;
	int rc;

	if (id <= CODE_SR)
		return px_fail(e, PX_EDATA, "the three dimensions cannot be renamed");
	if ((rc = name_check(name, e)) || (rc = db_begin(db, e)))
		return rc;
	before = logged_path(db, id);
	rc = code_set(db, "UPDATE code SET name = ? WHERE id = ?", id, name, "renaming a code", e);
	if (!rc) {
		after = logged_path(db, id);
		rc = audit_record(db, "code-rename", e, "renamed %s to %s", before, after);
		free(after);
	}
	free(before);
	return logged_end(db, rc, e);
}

int codebook_set_description(px_db *db, int64_t id, const char *desc, px_err *e)
{
	char *path;
	int rc;

	if ((rc = db_begin(db, e)))
		return rc;
	rc = code_set(db, "UPDATE code SET description = ? WHERE id = ?", id,
		      desc && *desc ? desc : NULL, "describing a code", e);
	if (!rc) {
		path = logged_path(db, id);
		rc = desc && *desc ? audit_record(db, "code-describe", e, "described %s: %s", path,
						  desc)
			: audit_record(db, "code-describe", e, "cleared the description of %s", path);
		free(path);
	}
	return logged_end(db, rc, e);
}

int codebook_set_color(px_db *db, int64_t id, const char *color, px_err *e)
{
	if (color && *color && !codebook_color_valid(color))
		return px_fail(e, PX_EDATA, "color '%s': use #rgb or #rrggbb", color);
	return code_set(db, "UPDATE code SET color = ? WHERE id = ?", id,
			color && *color ? color : NULL, "coloring a code", e);
}

int codebook_set_uuid(px_db *db, int64_t id, const char *uuid, px_err *e)
{
	if (!uuid || !*uuid)
		return px_fail(e, PX_EDATA, "a code's uuid cannot be empty");
	return code_set(db, "UPDATE code SET uuid = ? WHERE id = ?", id, uuid,
			"setting a code's uuid", e);
}

/* 1 if anc is id or one of id's ancestors. */
static int is_ancestor_or_self(px_db *db, int64_t anc, int64_t id)
{
	int guard = 0;

	while (id && guard++ < 1000) {
		if (id == anc)
			return 1;
		sqlite3_stmt *st = db_stmt(db, "SELECT parent_id FROM code WHERE id = ?", NULL);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, id);
		id = sqlite3_step(st) == SQLITE_ROW ? db_col_id(st, 0) : 0;
		sqlite3_reset(st);
	}
	return 0;
}

#define SUBTREE_CTE "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL" \
	" SELECT code.id FROM code JOIN sub ON code.parent_id = sub.id) "

int codebook_move(px_db *db, int64_t id, int64_t parent, px_err *e)
{
	sqlite3_stmt *st;
	px_code p;
	char *before = NULL, *after;
	int rc;

	if (id <= CODE_SR)
		return px_fail(e, PX_EDATA, "the three dimensions cannot be moved");
	if (is_ancestor_or_self(db, id, parent))
		return px_fail(e, PX_EDATA, "a code cannot move under itself or its own sub-codes");
	if ((rc = codebook_get(db, parent, &p, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		goto out;
	before = logged_path(db, id);
	if (!(st = db_stmt(db, "UPDATE code SET parent_id = ?2, ord = (SELECT coalesce(max(ord), 0)"
			   " + 1 FROM code WHERE parent_id = ?2) WHERE id = ?1", e))) {
		rc = px_status_of(e);
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, parent);
	if (sqlite3_step(st) != SQLITE_DONE) {
		int ext = sqlite3_extended_errcode(db_sqlite(db));
		sqlite3_reset(st);
		rc = ext == SQLITE_CONSTRAINT_UNIQUE
			? px_fail(e, PX_EDATA, "'%s' already has a sub-code of that name", p.name)
			: db_fail(db, e, "moving a code");
		goto fail;
	}
	sqlite3_reset(st);
	if (!(st = db_stmt(db, SUBTREE_CTE "UPDATE code SET dimension = ?2"
			   " WHERE id IN (SELECT id FROM sub)", e))) {
		rc = px_status_of(e);
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, p.dimension);
	if ((rc = db_step_done(db, st, e, "moving a code")))
		goto fail;
	after = logged_path(db, id);
	rc = audit_record(db, "code-move", e, "moved %s to %s", before, after);
	free(after);
	if (rc)
		goto fail;
	if ((rc = db_commit(db, e)))
		goto out;
	db_notify(db, DB_EV_RESET, NULL, NULL);
	goto out;
fail:
	db_rollback(db);
out:
	free(before);
	codebook_free(&p);
	return rc;
}

static int codebook_merge_into(px_db *db, int64_t from, int64_t into, px_err *e)
{
	sqlite3_stmt *st;
	idlist kids = { 0 };
	int rc = PX_OK;

	if (!(st = db_stmt(db, "UPDATE coding SET code_id = ? WHERE code_id = ?", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, into);
	sqlite3_bind_int64(st, 2, from);
	if ((rc = db_step_done(db, st, e, "merging codes")))
		return rc;
	if (!(st = db_stmt(db, "UPDATE OR IGNORE memo_target SET target_id = ? WHERE kind = 2"
			   " AND target_id = ?", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, into);
	sqlite3_bind_int64(st, 2, from);
	if ((rc = db_step_done(db, st, e, "merging codes")))
		return rc;
	if (!(st = db_stmt(db, "SELECT id FROM code WHERE parent_id = ? ORDER BY ord", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, from);
	while (db_row(db, st, &rc, e))
		idl_push(&kids, sqlite3_column_int64(st, 0));
	sqlite3_reset(st);
	for (size_t i = 0; i < kids.n && !rc; i++) {
		px_code kid;
		int64_t twin;
		if ((rc = codebook_get(db, kids.v[i], &kid, e)))
			break;
		if (child_find(db, into, kid.name, &twin))
			rc = codebook_merge_into(db, kid.id, twin, e);
		else
			rc = codebook_move(db, kid.id, into, e);
		codebook_free(&kid);
	}
	idl_free(&kids);
	if (rc)
		return rc;
	if (!(st = db_stmt(db, "DELETE FROM code WHERE id = ?", e)))
		return px_status_of(e);
	sqlite3_bind_int64(st, 1, from);
	return db_step_done(db, st, e, "merging codes");
}

int codebook_merge(px_db *db, int64_t from, int64_t into, px_err *e)
{
	char *before, *after;
	int rc;

	if (from <= CODE_SR)
		return px_fail(e, PX_EDATA, "a dimension cannot be merged into another code");
	if (is_ancestor_or_self(db, from, into))
		return px_fail(e, PX_EDATA, "a code cannot be merged into itself or its own sub-codes");
	if ((rc = db_begin(db, e)))
		return rc;
	before = logged_path(db, from);
	after = logged_path(db, into);
	/* the sub-codes it moves are part of the merge, not moves of their own */
	db_audit_pause(db, 1);
	rc = codebook_merge_into(db, from, into, e);
	db_audit_pause(db, 0);
	if (!rc)
		rc = audit_record(db, "code-merge", e, "merged %s into %s", before, after);
	free(before);
	free(after);
	if ((rc = logged_end(db, rc, e)))
		return rc;
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return PX_OK;
}

int64_t codebook_coding_count(px_db *db, int64_t id, int deep)
{
	int64_t n;

	db_lookup_id(db, deep
		? SUBTREE_CTE "SELECT count(*) FROM coding WHERE code_id IN (SELECT id FROM sub)"
		: "SELECT count(*) FROM coding WHERE code_id = ?1", id, &n, NULL);
	return n;
}

int codebook_delete(px_db *db, int64_t id, int64_t *codings, px_err *e)
{
	static const char *const steps[] = {
		SUBTREE_CTE "DELETE FROM coding WHERE code_id IN (SELECT id FROM sub)",
		SUBTREE_CTE "DELETE FROM code WHERE id IN (SELECT id FROM sub)",
	};
	int64_t n = codebook_coding_count(db, id, 1);
	char *path;
	int rc;

	if (id <= CODE_SR)
		return px_fail(e, PX_EDATA, "the three dimensions cannot be deleted");
	if (codings)
		*codings = n;
	if ((rc = db_begin(db, e)))
		return rc;
	path = logged_path(db, id);
	rc = audit_record(db, "code-delete", e, "deleted %s with its sub-codes (%lld coding%s)",
			  path, (long long)n, n == 1 ? "" : "s");
	free(path);
	for (size_t i = 0; i < 2 && !rc; i++) {
		sqlite3_stmt *st = db_stmt(db, steps[i], e);
		if (!st) {
			rc = px_status_of(e);
			break;
		}
		sqlite3_bind_int64(st, 1, id);
		if ((rc = db_step_done(db, st, e, "deleting a code")))
			break;
	}
	if (rc) {
		db_rollback(db);
		return rc;
	}
	if ((rc = db_commit(db, e)))
		return rc;
	db_notify(db, DB_EV_RESET, NULL, NULL);
	return PX_OK;
}

struct code_tree {
	px_code *codes;
	size_t n;
};

static int walk(struct code_tree *t, int64_t parent, int depth, code_fn fn, void *ud)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->codes[i].parent_id != parent)
			continue;
		t->codes[i].depth = depth;
		int rc = fn(&t->codes[i], ud);
		if (rc || (rc = walk(t, t->codes[i].id, depth + 1, fn, ud)))
			return rc;
	}
	return 0;
}

int codebook_each(px_db *db, code_fn fn, void *ud, px_err *e)
{
	sqlite3_stmt *st = db_prepare_iter(db, "SELECT " CODE_COLUMNS " FROM code"
					   " ORDER BY parent_id, ord, id", e);
	struct code_tree t = { NULL, 0 };
	size_t cap = 0;
	int rc;

	if (!st)
		return px_status_of(e);
	while (db_row(db, st, &rc, e)) {
		if (t.n == cap) {
			cap = cap ? cap * 2 : 64;
			t.codes = xrealloc(t.codes, cap * sizeof(*t.codes));
		}
		code_read_row(st, &t.codes[t.n++]);
	}
	sqlite3_finalize(st);
	if (!rc)
		rc = walk(&t, 0, 0, fn, ud);
	for (size_t i = 0; i < t.n; i++)
		codebook_free(&t.codes[i]);
	free(t.codes);
	return rc;
}

int64_t codebook_count(px_db *db)
{
	return db_scalar(db, "SELECT count(*) FROM code");
}
