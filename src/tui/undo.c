/* undo.c: the undo history; see praxis/undo.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/undo.h"
#include "praxis/util.h"

static void op_free(struct undo_op *op)
{
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

	if (u->applying)
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

/* A coding re-created by undo or redo has a new id: rewrite it. */
static void remap_coding(struct undo *u, int64_t from, int64_t to)
{
	for (size_t i = 0; i < u->n; i++)
		for (size_t k = 0; k < u->steps[i].n; k++) {
			struct undo_op *op = &u->steps[i].ops[k];
			if (op->kind != UNDO_CODING)
				continue;
			if (op->has_before && op->before.id == from)
				op->before.id = to;
			if (op->has_after && op->after.id == from)
				op->after.id = to;
		}
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
				if (op->kind == UNDO_CODE_MOVE || op->kind == UNDO_CODE_ADD) {
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
		c.id = 0;
		rc = coding_add(u->db, &c, e);
		if (!rc && c.id != old)
			remap_coding(u, old, c.id);
		coding_free(&c);
		return rc;
	}
	return coding_update(u->db, to, e);
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
		if (!forward)
			return codebook_delete(u->db, op->id, NULL, e);
		if ((rc = codebook_add(u->db, op->i_before, op->s_after, &id, e)))
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
