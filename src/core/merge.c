/* merge.c: another copy of the project into this one; see praxis/merge.h.
 *
 * The two databases are two connections: the other is only read (its
 * iterators run while this one is written), so every step can write from
 * inside the other's callback. Row ids differ between copies; the idmaps
 * translate the other's row ids into ours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/audit.h"
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/memo.h"
#include "praxis/merge.h"
#include "praxis/participant.h"
#include "praxis/vignette.h"
#include "praxis/project.h"

/* A vignette in conflict maps to this: its codings are held back. */
#define MERGE_HELD (-1)

static const char *const kind_names[MERGE_KIND_COUNT] = {
	"coders", "communities", "repertoire", "accountability", "codes",
	"participants", "vignettes", "memos", "codings"
};

const char *merge_kind_name(int kind)
{
	return kind >= 0 && kind < MERGE_KIND_COUNT ? kind_names[kind] : "?";
}

/* other row id -> our row id, keyed by the decimal id */
typedef struct idmap {
	strmap m;
} idmap;

static void idmap_put(idmap *im, int64_t from, int64_t to)
{
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)from);
	sm_put(&im->m, key, to);
}

static int64_t idmap_get(const idmap *im, int64_t from)
{
	char key[24];
	int64_t to = 0;

	if (!from)
		return 0;
	snprintf(key, sizeof(key), "%lld", (long long)from);
	sm_get(&im->m, key, &to);
	return to;
}

struct merge {
	px_db *dst, *src;
	merge_report *r;
	px_err *e;
	idmap ent[ENT_KIND_COUNT];
	idmap codes, participants, vignettes;
	strmap uuids;            /* coding uuids we hold */
	px_names src_names;      /* the other copy's names, to name memo targets */
	enum entity_kind kind;   /* the entity kind being merged */
};

static int merge_entity(const px_entity *ent, void *ud)
{
	struct merge *m = ud;
	int kind = m->kind == ENT_CODER ? MERGE_CODERS : m->kind == ENT_COMMUNITY
		? MERGE_COMMUNITIES : m->kind == ENT_REPERTOIRE ? MERGE_REPERTOIRE
		: MERGE_ACCOUNTABILITY;
	px_entity copy = { 0 };
	int64_t id;
	int rc;

	if (entity_find(m->dst, m->kind, ent->ext_id, &id, NULL) == PX_OK) {
		idmap_put(&m->ent[m->kind], ent->id, id);
		m->r->skipped[kind]++;
		return 0;
	}
	copy.ext_id = xstrdup(ent->ext_id);
	copy.name = xstrdup(ent->name);
	copy.kind = xstrdup(ent->kind);
	copy.reified = ent->reified;
	copy.description = xstrdup(ent->description);
	/* communities merge first: the entry's is known by now */
	copy.community_id = ent->community_id ? idmap_get(&m->ent[ENT_COMMUNITY],
							  ent->community_id) : 0;
	copy.uuid = xstrdup(ent->uuid);
	rc = entity_add(m->dst, m->kind, &copy, m->e);
	if (!rc) {
		idmap_put(&m->ent[m->kind], ent->id, copy.id);
		m->r->added[kind]++;
	}
	entity_free(&copy);
	return rc;
}

static int merge_entities(struct merge *m)
{
	for (int k = 0; k < ENT_KIND_COUNT; k++) {
		m->kind = (enum entity_kind)k;
		int rc = entity_each(m->src, m->kind, merge_entity, m, m->e);
		if (rc)
			return px_wrap(m->e, "merging %s", entity_label(m->kind));
	}
	return PX_OK;
}

/* Fills a description or color we lack from theirs. */
static int merge_code_details(struct merge *m, int64_t id, const px_code *theirs)
{
	px_code ours;
	int rc;

	if ((rc = codebook_get(m->dst, id, &ours, m->e)))
		return rc;
	if ((!ours.description || !*ours.description) && theirs->description &&
	    *theirs->description)
		rc = codebook_set_description(m->dst, id, theirs->description, m->e);
	if (!rc && !ours.color && theirs->color)
		rc = codebook_set_color(m->dst, id, theirs->color, m->e);
	codebook_free(&ours);
	return rc;
}

static int merge_code(const px_code *c, void *ud)
{
	struct merge *m = ud;
	char *path = NULL;
	int64_t id = 0;
	int created = 0, rc;

	if ((rc = codebook_path(m->src, c->id, &path, m->e)))
		return rc;
	/* pre-order: the parent is merged already, so at most one segment is new */
	if ((rc = codebook_resolve(m->dst, path, 1, &id, &created, m->e)))
		goto done;
	idmap_put(&m->codes, c->id, id);
	if (created)
		m->r->added[MERGE_CODES]++;
	else
		m->r->skipped[MERGE_CODES]++;
	rc = merge_code_details(m, id, c);
done:
	if (rc)
		px_wrap(m->e, "code %s", path);
	free(path);
	return rc;
}

static int merge_participant(const px_participant *p, void *ud)
{
	struct merge *m = ud;
	px_participant copy;
	int64_t id;
	int rc;

	if (participant_find(m->dst, p->ext_id, &id, NULL) == PX_OK) {
		idmap_put(&m->participants, p->id, id);
		m->r->skipped[MERGE_PARTICIPANTS]++;
		return 0;
	}
	/* a full copy (attributes, aliases) through the other's own reader */
	if ((rc = participant_get(m->src, p->id, &copy, m->e)))
		return rc;
	copy.id = 0;
	if (!(rc = participant_add(m->dst, &copy, m->e))) {
		idmap_put(&m->participants, p->id, copy.id);
		m->r->added[MERGE_PARTICIPANTS]++;
	}
	participant_free(&copy);
	return rc;
}

/* Maps every participant id of l from theirs to ours. */
static void map_people(const struct merge *m, idlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		l->v[i] = idmap_get(&m->participants, l->v[i]);
}

static int add_vignette(struct merge *m, px_vignette *v)
{
	int64_t theirs = v->id;
	int rc;

	v->id = 0;
	v->community_id = idmap_get(&m->ent[ENT_COMMUNITY], v->community_id);
	v->observer_id = idmap_get(&m->ent[ENT_CODER], v->observer_id);
	map_people(m, &v->participants);
	if ((rc = vignette_add(m->dst, v, m->e)))
		return rc;
	idmap_put(&m->vignettes, theirs, v->id);
	m->r->added[MERGE_VIGNETTES]++;
	return PX_OK;
}

static int merge_vignette(const px_vignette *brief, void *ud)
{
	struct merge *m = ud;
	px_vignette theirs, ours;
	int64_t id;
	int rc;

	if ((rc = vignette_get(m->src, brief->id, &theirs, m->e)))
		return rc;
	if (vignette_find(m->dst, theirs.ext_id, &id, NULL) != PX_OK) {
		rc = add_vignette(m, &theirs);
		if (rc)
			px_wrap(m->e, "vignette '%s'", brief->ext_id);
		vignette_free(&theirs);
		return rc;
	}
	if ((rc = vignette_get(m->dst, id, &ours, m->e))) {
		vignette_free(&theirs);
		return rc;
	}
	if (strcmp(ours.text, theirs.text) == 0) {
		idmap_put(&m->vignettes, theirs.id, id);
		m->r->skipped[MERGE_VIGNETTES]++;
	} else {
		idmap_put(&m->vignettes, theirs.id, MERGE_HELD);
		m->r->conflicts[MERGE_VIGNETTES]++;
		sl_push(&m->r->conflict_ids, theirs.ext_id);
	}
	vignette_free(&ours);
	vignette_free(&theirs);
	return 0;
}

static int load_uuids(struct merge *m)
{
	sqlite3_stmt *st = db_prepare_iter(m->dst, "SELECT uuid FROM coding", m->e);
	int rc;

	if (!st)
		return px_status_of(m->e);
	while (db_row(m->dst, st, &rc, m->e))
		sm_put(&m->uuids, (const char *)sqlite3_column_text(st, 0), 1);
	sqlite3_finalize(st);
	return rc;
}

/* 1 if we hold a coding with the same vignette, code, coder and span. */
static int has_identical(struct merge *m, const px_coding *c)
{
	sqlite3_stmt *st = db_stmt(m->dst, "SELECT 1 FROM coding WHERE vignette_id = ?1"
				   " AND code_id = ?2 AND coder_id = ?3"
				   " AND coalesce(start, -1) = ?4 AND coalesce(end, -1) = ?5", NULL);
	int found;

	if (!st)
		return 0;
	sqlite3_bind_int64(st, 1, c->vignette_id);
	sqlite3_bind_int64(st, 2, c->code_id);
	sqlite3_bind_int64(st, 3, c->coder_id);
	sqlite3_bind_int64(st, 4, c->start);
	sqlite3_bind_int64(st, 5, c->end);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

static int merge_coding(const px_coding *theirs, void *ud)
{
	struct merge *m = ud;
	px_coding c;
	int64_t vid = idmap_get(&m->vignettes, theirs->vignette_id);
	int rc;

	if (vid == MERGE_HELD) {
		m->r->codings_held++;
		return 0;
	}
	if (theirs->uuid && sm_get(&m->uuids, theirs->uuid, NULL)) {
		m->r->skipped[MERGE_CODINGS]++;
		return 0;
	}
	coding_copy(&c, theirs);
	c.id = 0;
	c.vignette_id = vid;
	c.code_id = idmap_get(&m->codes, theirs->code_id);
	c.coder_id = idmap_get(&m->ent[ENT_CODER], theirs->coder_id);
	c.repertoire_id = idmap_get(&m->ent[ENT_REPERTOIRE], theirs->repertoire_id);
	c.accountability_id = idmap_get(&m->ent[ENT_ACCOUNTABILITY], theirs->accountability_id);
	map_people(m, &c.participants);
	map_people(m, &c.held_by);
	if (has_identical(m, &c)) {
		m->r->skipped[MERGE_CODINGS]++;
		coding_free(&c);
		return 0;
	}
	rc = coding_add(m->dst, &c, m->e);
	if (rc)
		px_wrap(m->e, "coding %s", theirs->uuid ? theirs->uuid : "?");
	else {
		sm_put(&m->uuids, c.uuid, 1);
		m->r->added[MERGE_CODINGS]++;
	}
	coding_free(&c);
	return rc;
}

/* Their log entries we do not hold (by uuid), under our coder ids. */
static int merge_log_entry(const px_audit *theirs, void *ud)
{
	struct merge *m = ud;
	px_audit a = *theirs;    /* borrows their strings: all set, none replaced */

	a.id = 0;
	a.coder_id = idmap_get(&m->ent[ENT_CODER], theirs->coder_id);
	return audit_add(m->dst, &a, NULL, m->e);
}

static int merge_log(struct merge *m)
{
	/* a copy made before the audit trail existed has no log to merge */
	if (db_scalar(m->src, "SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'") == 0)
		return PX_OK;
	return audit_each(m->src, NULL, merge_log_entry, m, m->e);
}

/* A memo we lack (by uuid), on the same targets here: each named in the
 * other copy (code path, corpus id, coding uuid) and found by that name
 * here. A target we do not hold (a coding skipped as identical) is left
 * out; a memo with none left is not merged. */
static int merge_memo(const px_memo *theirs, void *ud)
{
	struct merge *m = ud;
	px_memo copy = { 0 };
	int64_t id;
	int rc = memo_find_uuid(m->dst, theirs->uuid, &id, m->e);

	if (rc < 0)
		return px_status_of(m->e);
	if (rc) {
		m->r->skipped[MERGE_MEMOS]++;
		return 0;
	}
	for (size_t i = 0; i < theirs->n_on; i++) {
		char *label = memo_target_label(m->src, &m->src_names, &theirs->on[i]);
		px_memo_on on;
		if (memo_target_parse(m->dst, label, &on, NULL) == PX_OK)
			memo_on_push(&copy, on.kind, on.id);
		free(label);
	}
	if (!copy.n_on) {
		memo_free(&copy);
		return 0;
	}
	copy.coder_id = idmap_get(&m->ent[ENT_CODER], theirs->coder_id);
	copy.title = theirs->title ? xstrdup(theirs->title) : NULL;
	copy.text = xstrdup(theirs->text);
	copy.uuid = xstrdup(theirs->uuid);
	copy.created = xstrdup(theirs->created);
	copy.updated = xstrdup(theirs->updated);
	if (!(rc = memo_add(m->dst, &copy, m->e)))
		m->r->added[MERGE_MEMOS]++;
	memo_free(&copy);
	return rc;
}

static int merge_all(struct merge *m)
{
	coding_query q = CODING_QUERY_ALL;
	int rc;

	if ((rc = merge_entities(m)) ||
	    (rc = codebook_each(m->src, merge_code, m, m->e)) ||
	    (rc = participant_each(m->src, merge_participant, m, m->e)) ||
	    (rc = vignette_each(m->src, 0, merge_vignette, m, m->e)) ||
	    (rc = load_uuids(m)) ||
	    (rc = coding_each(m->src, &q, merge_coding, m, m->e)) ||
	    (rc = names_load(m->src, &m->src_names, m->e)) ||
	    (rc = memo_each(m->src, -1, 0, merge_memo, m, m->e)))
		return rc;
	return merge_log(m);
}

static void merge_free(struct merge *m)
{
	for (int k = 0; k < ENT_KIND_COUNT; k++)
		sm_free(&m->ent[k].m);
	sm_free(&m->codes.m);
	sm_free(&m->participants.m);
	sm_free(&m->vignettes.m);
	sm_free(&m->uuids);
	names_free(&m->src_names);
}

int merge_from(px_db *db, const char *other_path, merge_report *r, px_err *e)
{
	struct merge m;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&m, 0, sizeof(m));
	m.dst = db;
	m.r = r;
	m.e = e;
	if (access(other_path, F_OK) != 0)
		return px_fail(e, PX_EIO, "%s: no such database to merge from", other_path);
	if ((rc = project_open(other_path, PROJECT_READONLY, &m.src, e))) {
		/* every message names the file the user gave */
		if (!strstr(e->msg, other_path))
			px_wrap(e, "%s", other_path);
		return rc;
	}
	if ((rc = db_begin(db, e)))
		goto done;
	/* the other copy's changes arrive with their own log entries */
	db_audit_pause(db, 1);
	rc = merge_all(&m);
	db_audit_pause(db, 0);
	if (rc) {
		db_rollback(db);
		goto done;
	}
	if ((rc = db_commit(db, e)))
		goto done;
	db_notify(db, DB_EV_RESET, NULL, NULL);
done:
	if (rc) {
		/* counts of a rolled-back merge would mislead */
		merge_report_free(r);
		memset(r, 0, sizeof(*r));
	}
	merge_free(&m);
	db_close(m.src);
	return rc;
}

void merge_report_free(merge_report *r)
{
	sl_free(&r->conflict_ids);
}
