/* undo.c: the undo history; see praxis/undo.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/memo.h"
#include "praxis/regentry.h"
#include "praxis/undo.h"
#include "praxis/util.h"

void undo_vsnap_free(struct undo_vsnap *s)
{
	if (!s)
		return;
	vignette_free(&s->v);
	for (size_t i = 0; i < s->n; i++)
		coding_free(&s->codings[i]);
	free(s->codings);
	free(s);
}

void undo_csnap_free(struct undo_csnap *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncodes; i++)
		codebook_free(&s->codes[i]);
	for (size_t i = 0; i < s->n; i++)
		coding_free(&s->codings[i]);
	free(s->codes);
	free(s->codings);
	free(s);
}

struct csnap_walk {
	struct undo_csnap *s;
	idlist in;               /* ids in the subtree so far */
};

/* Pre-order: a code is in the subtree if it is the root or its parent is. */
static int snap_code(const px_code *c, void *ud)
{
	struct csnap_walk *w = ud;
	struct undo_csnap *s = w->s;
	px_code *dst;

	if (c->id != w->in.v[0] && !idl_has(&w->in, c->parent_id))
		return 0;
	if (c->id != w->in.v[0])
		idl_push(&w->in, c->id);
	s->codes = xrealloc(s->codes, (s->ncodes + 1) * sizeof(*s->codes));
	dst = &s->codes[s->ncodes++];
	*dst = *c;
	dst->name = xstrdup(c->name);
	dst->description = c->description ? xstrdup(c->description) : NULL;
	dst->color = c->color ? xstrdup(c->color) : NULL;
	dst->uuid = c->uuid ? xstrdup(c->uuid) : NULL;
	return 0;
}

static int snap_code_coding(const px_coding *c, void *ud)
{
	struct undo_csnap *s = ud;

	s->codings = xrealloc(s->codings, (s->n + 1) * sizeof(*s->codings));
	coding_copy(&s->codings[s->n++], c);
	return 0;
}

struct undo_csnap *undo_csnap_load(px_db *db, int64_t code_id, px_err *e)
{
	struct undo_csnap *s = xcalloc(1, sizeof(*s));
	struct csnap_walk w = { s, { 0 } };
	coding_query q = CODING_QUERY_ALL;
	int rc;

	idl_push(&w.in, code_id);
	rc = codebook_each(db, snap_code, &w, e);
	idl_free(&w.in);
	q.code_id = code_id;
	q.deep = 1;
	if (rc || !s->ncodes || coding_each(db, &q, snap_code_coding, s, e)) {
		if (!rc && !s->ncodes)
			px_fail(e, PX_ENOTFOUND, "code %lld not found", (long long)code_id);
		undo_csnap_free(s);
		return NULL;
	}
	return s;
}

static void psnap_free(px_participant *p)
{
	if (p)
		participant_free(p);
	free(p);
}

static int snap_coding(const px_coding *c, void *ud)
{
	struct undo_vsnap *s = ud;

	s->codings = xrealloc(s->codings, (s->n + 1) * sizeof(*s->codings));
	coding_copy(&s->codings[s->n++], c);
	return 0;
}

struct undo_vsnap *undo_vsnap_load(px_db *db, int64_t vignette_id, px_err *e)
{
	struct undo_vsnap *s = xcalloc(1, sizeof(*s));
	coding_query q = CODING_QUERY_ALL;

	q.vignette_id = vignette_id;
	if (vignette_get(db, vignette_id, &s->v, e) || coding_each(db, &q, snap_coding, s, e)) {
		undo_vsnap_free(s);
		return NULL;
	}
	return s;
}

px_participant *undo_psnap_load(px_db *db, int64_t participant_id, px_err *e)
{
	px_participant *p = xcalloc(1, sizeof(*p));

	if (participant_get(db, participant_id, p, e)) {
		psnap_free(p);
		return NULL;
	}
	return p;
}

static void msnap_free(px_memo *m)
{
	if (m)
		memo_free(m);
	free(m);
}

px_memo *undo_msnap_load(px_db *db, int64_t memo_id, px_err *e)
{
	px_memo *m = xmalloc(sizeof(*m));

	if (memo_get(db, memo_id, m, e)) {
		free(m);
		return NULL;
	}
	return m;
}

/* Takes the memo from its state `from` to `to` (either absent), finding it
 * by uuid. */
static int apply_memo(struct undo *u, const px_memo *from, const px_memo *to, px_err *e)
{
	const px_memo *any = from ? from : to;
	px_memo copy;
	int64_t id = 0;
	int found, rc;

	if (!any)
		return PX_OK;
	found = memo_find_uuid(u->db, any->uuid, &id, e);
	if (found < 0)
		return px_status_of(e);
	if (!to)
		return found ? memo_delete(u->db, id, e) : PX_OK;
	if (found)
		return (rc = memo_update(u->db, id, to->text, e)) ? rc
			: memo_set_title(u->db, id, to->title, e);
	copy = *to;
	return memo_restore(u->db, &copy, e);
}

void undo_rsnap_free(struct undo_rsnap *s)
{
	if (!s)
		return;
	entity_free(&s->ent);
	for (size_t i = 0; i < s->nmemos; i++)
		memo_free(&s->memos[i]);
	free(s->memos);
	free(s);
}

struct undo_rsnap *undo_rsnap_load(px_db *db, int kind, int64_t id, px_err *e)
{
	struct undo_rsnap *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	if (entity_get(db, (enum entity_kind)kind, id, &s->ent, e) ||
	    regentry_memos(db, (enum entity_kind)kind, id, &s->memos, &s->nmemos, e)) {
		undo_rsnap_free(s);
		return NULL;
	}
	return s;
}

/* Takes the entry from its state `from` to `to` (either absent). */
static int apply_register(struct undo *u, const struct undo_rsnap *from,
			  const struct undo_rsnap *to, px_err *e)
{
	px_entity ent;
	int rc;

	if (from && !to)
		return regentry_drop(u->db, (enum entity_kind)from->kind, from->ent.id, from->into, e);
	if (!to)
		return PX_OK;
	if (from)
		return entity_update(u->db, (enum entity_kind)to->kind, &to->ent, e);
	ent = to->ent;
	if ((rc = entity_restore(u->db, (enum entity_kind)to->kind, &ent, e)))
		return rc;
	return regentry_memos_restore(u->db, to->memos, to->nmemos, e);
}

static void op_free(struct undo_op *op)
{
	undo_vsnap_free(op->v_before);
	undo_vsnap_free(op->v_after);
	psnap_free(op->p_before);
	psnap_free(op->p_after);
	undo_csnap_free(op->c_before);
	msnap_free(op->m_before);
	msnap_free(op->m_after);
	undo_rsnap_free(op->r_before);
	undo_rsnap_free(op->r_after);
	if (op->has_before)
		coding_free(&op->before);
	if (op->has_after)
		coding_free(&op->after);
	free(op->s_before);
	free(op->s_after);
}

static void step_free(struct undo_step *s)
{
	for (size_t i = 0; i < s->n; i++)
		op_free(&s->ops[i]);
	free(s->ops);
	free(s->label);
	memset(s, 0, sizeof(*s));
}

static struct undo_op *step_add(struct undo_step *s)
{
	s->ops = xrealloc(s->ops, (s->n + 1) * sizeof(*s->ops));
	memset(&s->ops[s->n], 0, sizeof(s->ops[0]));
	return &s->ops[s->n++];
}

static void drop_redo(struct undo *u)
{
	while (u->n > u->pos)
		step_free(&u->steps[--u->n]);
}

static void forget_all(struct undo *u)
{
	while (u->n)
		step_free(&u->steps[--u->n]);
	u->pos = 0;
}

static void on_event(void *ud, int event, const px_coding *before, const px_coding *after)
{
	struct undo *u = ud;
	struct undo_op *op;

	if (u->applying || u->quiet)
		return;
	if (event == DB_EV_RESET || event == DB_EV_ROLLBACK) {
		/* ids the history refers to may be gone: it ends here */
		if (u->recording)
			u->broken = 1;
		else
			forget_all(u);
		return;
	}
	if (!u->recording)
		return;
	op = step_add(&u->cur);
	op->kind = UNDO_CODING;
	if (before) {
		op->has_before = 1;
		coding_copy(&op->before, before);
	}
	if (after) {
		op->has_after = 1;
		coding_copy(&op->after, after);
	}
}

void undo_init(struct undo *u, px_db *db)
{
	memset(u, 0, sizeof(*u));
	u->db = db;
	db_listen(db, on_event, u);
}

void undo_free(struct undo *u)
{
	db_unlisten(u->db, on_event, u);
	forget_all(u);
	step_free(&u->cur);
	free(u->steps);
}

void undo_begin(struct undo *u, const char *label)
{
	step_free(&u->cur);
	u->cur.label = xstrdup(label);
	u->recording = 1;
	u->broken = 0;
}

void undo_end(struct undo *u)
{
	u->recording = 0;
	if (u->broken) {
		forget_all(u);
		step_free(&u->cur);
		return;
	}
	if (!u->cur.n) {
		step_free(&u->cur);
		return;
	}
	drop_redo(u);
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 32;
		u->steps = xrealloc(u->steps, u->cap * sizeof(*u->steps));
	}
	u->steps[u->n++] = u->cur;
	u->pos = u->n;
	memset(&u->cur, 0, sizeof(u->cur));
}

void undo_record(struct undo *u, int kind, int64_t id, int64_t i_before, int64_t i_after,
		 const char *s_before, const char *s_after)
{
	struct undo_op *op;

	if (!u->recording)
		return;
	op = step_add(&u->cur);
	op->kind = kind;
	op->id = id;
	op->i_before = i_before;
	op->i_after = i_after;
	op->s_before = xstrdup(s_before);
	op->s_after = xstrdup(s_after);
}

void undo_record_vignette(struct undo *u, struct undo_vsnap *before, struct undo_vsnap *after)
{
	struct undo_op *op;

	if (!u->recording) {
		undo_vsnap_free(before);
		undo_vsnap_free(after);
		return;
	}
	op = step_add(&u->cur);
	op->kind = UNDO_VIGNETTE;
	op->v_before = before;
	op->v_after = after;
}

void undo_record_participant(struct undo *u, px_participant *before, px_participant *after)
{
	struct undo_op *op;

	if (!u->recording) {
		psnap_free(before);
		psnap_free(after);
		return;
	}
	op = step_add(&u->cur);
	op->kind = UNDO_PARTICIPANT;
	op->p_before = before;
	op->p_after = after;
}

void undo_record_register(struct undo *u, struct undo_rsnap *before, struct undo_rsnap *after)
{
	struct undo_op *op;

	if (!u->recording) {
		undo_rsnap_free(before);
		undo_rsnap_free(after);
		return;
	}
	op = step_add(&u->cur);
	op->kind = UNDO_REGISTER;
	op->r_before = before;
	op->r_after = after;
}

void undo_record_memo(struct undo *u, px_memo *before, px_memo *after)
{
	struct undo_op *op;

	if (!u->recording) {
		msnap_free(before);
		msnap_free(after);
		return;
	}
	op = step_add(&u->cur);
	op->kind = UNDO_MEMO;
	op->m_before = before;
	op->m_after = after;
}

void undo_record_code_tree(struct undo *u, int kind, int64_t code_id, int64_t into,
			   struct undo_csnap *before)
{
	struct undo_op *op;

	if (!u->recording) {
		undo_csnap_free(before);
		return;
	}
	op = step_add(&u->cur);
	op->kind = kind;
	op->id = code_id;
	op->i_after = into;
	op->c_before = before;
}

/* Every coding the history holds: in coding ops and vignette snapshots. */
typedef void (*coding_visit_fn)(px_coding *c, int64_t from, int64_t to);

static void each_coding(struct undo *u, coding_visit_fn fn, int64_t from, int64_t to)
{
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			struct undo_vsnap *vs[2] = { op->v_before, op->v_after };
			if (op->has_before)
				fn(&op->before, from, to);
			if (op->has_after)
				fn(&op->after, from, to);
			for (int j = 0; j < 2; j++)
				for (size_t c = 0; vs[j] && c < vs[j]->n; c++)
					fn(&vs[j]->codings[c], from, to);
			for (size_t c = 0; op->c_before && c < op->c_before->n; c++)
				fn(&op->c_before->codings[c], from, to);
		}
}

static void swap_id(int64_t *slot, int64_t from, int64_t to)
{
	if (*slot == from)
		*slot = to;
}

static void swap_in_list(idlist *l, int64_t from, int64_t to)
{
	for (size_t i = 0; i < l->n; i++)
		swap_id(&l->v[i], from, to);
}

static void coding_vignette(px_coding *c, int64_t from, int64_t to)
{
	swap_id(&c->vignette_id, from, to);
}

static void coding_person(px_coding *c, int64_t from, int64_t to)
{
	swap_in_list(&c->participants, from, to);
	swap_in_list(&c->held_by, from, to);
}

static void remap_vignette(struct undo *u, int64_t from, int64_t to)
{
	each_coding(u, coding_vignette, from, to);
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			if (op->v_before)
				swap_id(&op->v_before->v.id, from, to);
			if (op->v_after)
				swap_id(&op->v_after->v.id, from, to);
		}
}

static void remap_participant(struct undo *u, int64_t from, int64_t to)
{
	each_coding(u, coding_person, from, to);
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			if (op->v_before)
				swap_in_list(&op->v_before->v.participants, from, to);
			if (op->v_after)
				swap_in_list(&op->v_after->v.participants, from, to);
			if (op->p_before)
				swap_id(&op->p_before->id, from, to);
			if (op->p_after)
				swap_id(&op->p_after->id, from, to);
		}
}

/* A coding re-created by undo or redo has a new id: rewrite it. */
static void remap_coding(struct undo *u, int64_t from, int64_t to)
{
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			for (size_t c = 0; op->c_before && c < op->c_before->n; c++)
				swap_id(&op->c_before->codings[c].id, from, to);
			if (op->kind != UNDO_CODING)
				continue;
			if (op->has_before && op->before.id == from)
				op->before.id = to;
			if (op->has_after && op->after.id == from)
				op->after.id = to;
		}
}

static void remap_code_snap(struct undo_csnap *s, int64_t from, int64_t to)
{
	for (size_t c = 0; s && c < s->ncodes; c++) {
		swap_id(&s->codes[c].id, from, to);
		swap_id(&s->codes[c].parent_id, from, to);
	}
	for (size_t c = 0; s && c < s->n; c++)
		swap_id(&s->codings[c].code_id, from, to);
}

static void remap_code(struct undo *u, int64_t from, int64_t to)
{
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			if (op->kind == UNDO_CODING) {
				if (op->has_before && op->before.code_id == from)
					op->before.code_id = to;
				if (op->has_after && op->after.code_id == from)
					op->after.code_id = to;
			} else {
				if (op->id == from)
					op->id = to;
				remap_code_snap(op->c_before, from, to);
				if (op->kind == UNDO_CODE_MOVE || op->kind == UNDO_CODE_ADD ||
				    op->kind == UNDO_CODE_MERGE) {
					if (op->i_before == from)
						op->i_before = to;
					if (op->i_after == from)
						op->i_after = to;
				}
			}
		}
}

/* Makes the coding state `to` (empty if !has_to) out of `from`. */
static int apply_coding(struct undo *u, const px_coding *from, int has_from, const px_coding *to,
			int has_to, px_err *e)
{
	px_coding c;
	int rc;

	if (has_from && !has_to)
		return coding_delete(u->db, from->id, e);
	if (has_to && !has_from) {
		int64_t old = to->id;
		coding_copy(&c, to);
		rc = coding_restore(u->db, &c, e);
		if (!rc && c.id != old)
			remap_coding(u, old, c.id);
		coding_free(&c);
		return rc;
	}
	return coding_update(u->db, to, e);
}

static void remap_coding(struct undo *u, int64_t from, int64_t to);

/* Re-adds a coding of a snapshot (its vignette came back with a new id). */
static int readd_coding(struct undo *u, const px_coding *snap, px_err *e)
{
	px_coding c;
	int rc;

	coding_copy(&c, snap);
	rc = coding_restore(u->db, &c, e);
	if (!rc && c.id != snap->id)
		remap_coding(u, snap->id, c.id);
	coding_free(&c);
	return rc;
}

/* Makes the vignette state `to` out of `from`: its row, then its codings
 * exactly as they were (the store's re-anchoring is overwritten). */
static int apply_vignette(struct undo *u, struct undo_vsnap *from, struct undo_vsnap *to, px_err *e)
{
	int rc;

	if (!to)
		return vignette_delete(u->db, from->v.id, e);
	if (!from) {
		px_vignette v = to->v;
		int64_t old = to->v.id;
		v.id = 0;        /* the row comes back under its own uuid and times */
		if ((rc = vignette_add(u->db, &v, e)))
			return rc;
		if (v.id != old)
			remap_vignette(u, old, v.id);
		for (size_t i = 0; i < to->n && !rc; i++)
			rc = readd_coding(u, &to->codings[i], e);
		return rc;
	}
	if ((rc = vignette_update(u->db, &to->v, NULL, e)))
		return rc;
	for (size_t i = 0; i < to->n && !rc; i++)
		rc = coding_update(u->db, &to->codings[i], e);
	return rc;
}

static int apply_participant(struct undo *u, px_participant *from, px_participant *to, px_err *e)
{
	px_participant p;
	int rc;

	if (!to)
		return participant_delete(u->db, from->id, 0, e);
	if (from)
		return participant_update(u->db, to, e);
	p = *to;
	p.id = 0;                /* back under its own uuid */
	if ((rc = participant_add(u->db, &p, e)))
		return rc;
	if (p.id != to->id)
		remap_participant(u, to->id, p.id);
	return PX_OK;
}

/* The same code still there (a merge moved it): same id and uuid. */
static int code_alive(px_db *db, const px_code *snap, int64_t *parent)
{
	px_code c = { 0 };
	int alive;

	if (codebook_get(db, snap->id, &c, NULL))
		return 0;
	alive = c.uuid && snap->uuid && strcmp(c.uuid, snap->uuid) == 0;
	*parent = c.parent_id;
	codebook_free(&c);
	return alive;
}

/* Puts a code of the snapshot back: moved back under its parent if a
 * merge kept it, else created again with its description, color and
 * uuid (the history's ids are rewritten to the new one). */
static int restore_code(struct undo *u, const px_code *snap, px_err *e)
{
	int64_t parent = 0, id = 0, old = snap->id;
	int rc;

	if (code_alive(u->db, snap, &parent))
		return parent == snap->parent_id ? PX_OK : codebook_move(u->db, snap->id, snap->parent_id, e);
	if ((rc = codebook_add(u->db, snap->parent_id, snap->name, &id, e)) ||
	    (snap->description && (rc = codebook_set_description(u->db, id, snap->description, e))) ||
	    (snap->color && (rc = codebook_set_color(u->db, id, snap->color, e))) ||
	    (snap->uuid && (rc = codebook_set_uuid(u->db, id, snap->uuid, e))))
		return rc;
	if (id != old)
		remap_code(u, old, id);
	return PX_OK;
}

static int coding_alive(px_db *db, const px_coding *snap)
{
	px_coding c = { 0 };
	int alive;

	if (coding_get(db, snap->id, &c, NULL))
		return 0;
	alive = c.uuid && snap->uuid && strcmp(c.uuid, snap->uuid) == 0;
	coding_free(&c);
	return alive;
}

/* Undoes a delete or merge: the codes (parents first), then every coding
 * as it was -- moved back if the merge kept it, else added again. */
static int restore_tree(struct undo *u, struct undo_csnap *s, px_err *e)
{
	int rc = PX_OK;

	for (size_t i = 0; i < s->ncodes && !rc; i++)
		rc = restore_code(u, &s->codes[i], e);
	for (size_t i = 0; i < s->n && !rc; i++)
		rc = coding_alive(u->db, &s->codings[i]) ? coding_update(u->db, &s->codings[i], e)
							 : readd_coding(u, &s->codings[i], e);
	return rc;
}

static int apply_op(struct undo *u, struct undo_op *op, int forward, px_err *e)
{
	const char *s = forward ? op->s_after : op->s_before;
	int64_t i = forward ? op->i_after : op->i_before;
	int64_t id;
	int rc;

	switch (op->kind) {
	case UNDO_CODING:
		if (forward)
			return apply_coding(u, &op->before, op->has_before, &op->after, op->has_after, e);
		return apply_coding(u, &op->after, op->has_after, &op->before, op->has_before, e);
	case UNDO_CODE_ADD:
		/* s_before (unused by an add) keeps the code's uuid for the redo */
		if (!forward) {
			px_code c;
			if ((rc = codebook_get(u->db, op->id, &c, e)))
				return rc;
			free(op->s_before);
			op->s_before = c.uuid;
			c.uuid = NULL;
			codebook_free(&c);
			return codebook_delete(u->db, op->id, NULL, e);
		}
		if ((rc = codebook_add(u->db, op->i_before, op->s_after, &id, e)) ||
		    (op->s_before && (rc = codebook_set_uuid(u->db, id, op->s_before, e))))
			return rc;
		remap_code(u, op->id, id);
		return PX_OK;
	case UNDO_CODE_RENAME:
		return codebook_rename(u->db, op->id, s, e);
	case UNDO_CODE_MOVE:
		return codebook_move(u->db, op->id, i, e);
	case UNDO_CODE_DESCRIBE:
		return codebook_set_description(u->db, op->id, s, e);
	case UNDO_CODE_COLOR:
		return codebook_set_color(u->db, op->id, s, e);
	case UNDO_VIGNETTE:
		return forward ? apply_vignette(u, op->v_before, op->v_after, e)
			       : apply_vignette(u, op->v_after, op->v_before, e);
	case UNDO_PARTICIPANT:
		return forward ? apply_participant(u, op->p_before, op->p_after, e)
			       : apply_participant(u, op->p_after, op->p_before, e);
	case UNDO_CODE_DELETE:
		return forward ? codebook_delete(u->db, op->id, NULL, e) : restore_tree(u, op->c_before, e);
	case UNDO_CODE_MERGE:
		return forward ? codebook_merge(u->db, op->id, op->i_after, e)
			       : restore_tree(u, op->c_before, e);
	case UNDO_MEMO:
		return forward ? apply_memo(u, op->m_before, op->m_after, e)
			       : apply_memo(u, op->m_after, op->m_before, e);
	case UNDO_REGISTER:
		return forward ? apply_register(u, op->r_before, op->r_after, e)
			       : apply_register(u, op->r_after, op->r_before, e);
	}
	return px_fail(e, PX_EUSAGE, "unknown undo step");
}

static int apply_step(struct undo *u, struct undo_step *s, int forward, px_err *e)
{
	int rc;

	if ((rc = db_begin(u->db, e)))
		return rc;
	u->applying = 1;
	for (size_t k = 0; k < s->n && !rc; k++)
		rc = apply_op(u, &s->ops[forward ? k : s->n - 1 - k], forward, e);
	if (rc)
		db_rollback(u->db);
	else
		rc = db_commit(u->db, e);
	u->applying = 0;
	return rc;
}

int undo_undo(struct undo *u, const char **label, px_err *e)
{
	int rc;

	if (u->pos == 0)
		return px_fail(e, PX_ENOTFOUND, "nothing to undo");
	if ((rc = apply_step(u, &u->steps[u->pos - 1], 0, e)))
		return rc;
	u->pos--;
	*label = u->steps[u->pos].label;
	return PX_OK;
}

int undo_redo(struct undo *u, const char **label, px_err *e)
{
	int rc;

	if (u->pos == u->n)
		return px_fail(e, PX_ENOTFOUND, "nothing to redo");
	if ((rc = apply_step(u, &u->steps[u->pos], 1, e)))
		return rc;
	*label = u->steps[u->pos].label;
	u->pos++;
	return PX_OK;
}
