/* pane_participants.c: pseudonym, role and usage of every participant;
 * Enter narrows the vignettes to the participant's. */
#include <stdlib.h>
#include <string.h>
#include "praxis/coding.h"
#include "praxis/keymap.h"
#include "praxis/participant.h"
#include "praxis/memo.h"
#include "praxis/tui.h"

struct prow {
	int64_t id;
	char *pseudonym, *role, *text;
	int64_t nv, nc;
};

struct pstate {
	struct prow *rows;
	size_t n;
	px_db *db;
	/* usage by participant row id, from the summary state (NULL: query) */
	int64_t *nv, *nc;
	size_t nusage;
	int counting;            /* the summaries are loading: no counts yet */
};

static void p_clear(struct pstate *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->rows[i].pseudonym);
		free(s->rows[i].role);
		free(s->rows[i].text);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
}

static void p_init(struct pane *p, struct tui *t)
{
	(void)t;
	p->st = xcalloc(1, sizeof(struct pstate));
}

static void p_free(struct pane *p)
{
	p_clear(p->st);
	free(p->st);
}

static int collect(const px_participant *pp, void *ud)
{
	struct pstate *s = ud;
	struct prow *r;

	s->rows = xrealloc(s->rows, (s->n + 1) * sizeof(*s->rows));
	r = &s->rows[s->n++];
	r->id = pp->id;
	r->pseudonym = xstrdup(pp->pseudonym);
	/* the role from the start, and the latest if it changed */
	r->role = pp->nroles ? xasprintf("%s>%s", pp->role ? pp->role : "-",
					 pp->roles[pp->nroles - 1].role) : xstrdup(pp->role);
	r->text = xasprintf("%s %s", pp->pseudonym, r->role ? r->role : "");
	if (s->nv)
		r->nv = r->nc = 0;
	if (s->nv && pp->id > 0 && (size_t)pp->id < s->nusage) {
		r->nv = s->nv[pp->id];
		r->nc = s->nc[pp->id];
	} else if (!s->nv && !s->counting) {
		participant_usage(s->db, pp->id, &r->nv, &r->nc);
	}
	return 0;
}

static void p_refresh(struct pane *p, struct tui *t)
{
	struct pstate *s = p->st;
	px_err e = { 0 };

	px_summary *sum = tui_summary(t);

	p_clear(s);
	s->db = t->db;
	/* counted when the summary state arrives (a placeholder till then) */
	s->counting = tui_summary_loading(t);
	/* two whole-corpus counts the summaries already hold, rather than
	 * two queries per participant */
	if (sum && summary_participant_usage(sum, &s->nv, &s->nc, &s->nusage, &e)) {
		free(s->nv);
		free(s->nc);
		s->nv = s->nc = NULL;
	}
	if (participant_each(t->db, collect, s, &e))
		tui_error(t, "%s", e.msg);
	free(s->nv);
	free(s->nc);
	s->nv = s->nc = NULL;
	pane_list_reset(p);
}

/* A coding moved: the coding counts of the people it names follow. */
static void p_count(struct pstate *s, const idlist *people, int d)
{
	for (size_t k = 0; k < people->n; k++)
		for (size_t i = 0; i < s->n; i++)
			if (s->rows[i].id == people->v[k])
				s->rows[i].nc += d;
}

static void p_coding(struct pane *p, struct tui *t, const px_coding *before,
		     const px_coding *after)
{
	(void)t;
	if (before)
		p_count(p->st, &before->participants, -1);
	if (after)
		p_count(p->st, &after->participants, 1);
}

static size_t p_rows(struct pane *p)
{
	return ((struct pstate *)p->st)->n;
}

static const char *p_row_text(struct pane *p, size_t i)
{
	return ((struct pstate *)p->st)->rows[i].text;
}

static void p_draw_row(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int sel)
{
	struct prow *r = &((struct pstate *)p->st)->rows[i];
	int role = pane_row_role(sel, ROLE_NORMAL);
	char counts[48];
	int cw, used;

	if (((struct pstate *)p->st)->counting)
		snprintf(counts, sizeof(counts), "...");
	else
		snprintf(counts, sizeof(counts), "%lldv %lldc", (long long)r->nv, (long long)r->nc);
	cw = (int)strlen(counts);
	used = dsp_text(y, x + 1, w - cw - 3, r->pseudonym, t->filter.participant_id == r->id ?
			(sel ? role : ROLE_MATCH) : role);
	if (r->role)
		dsp_text(y, x + 2 + used, w - cw - 4 - used, r->role, sel ? role : ROLE_DIM);
	if (cw < w)
		dsp_text(y, x + w - cw - 1, cw, counts, sel ? role : ROLE_DIM);
}

static void add_done(struct tui *t, const char *text, void *ud)
{
	px_participant pp = { 0 };
	px_err e = { 0 };
	char *copy, *f[3] = { 0 };
	int nf = 0;

	(void)ud;
	if (!text || !*text)
		return;
	copy = xstrdup(text);
	for (char *tok = strtok(copy, "/"); tok && nf < 3; tok = strtok(NULL, "/"))
		f[nf++] = tok;
	if (nf < 2) {
		tui_error(t, "write id/pseudonym[/role], e.g. cy/Cy/newcomer");
		free(copy);
		return;
	}
	pp.ext_id = xstrdup(f[0]);
	pp.pseudonym = xstrdup(f[1]);
	pp.role = xstrdup(f[2]);
	if (tui_participant_add(t, &pp, &e))
		tui_error(t, "participant '%s': %s", f[0], e.msg);
	else
		tui_message(t, "participant %s added", pp.pseudonym);
	participant_free(&pp);
	free(copy);
	tui_changed(t);
}

static int p_key(struct pane *p, struct tui *t, int action, int key)
{
	struct pstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)key;
	switch (action) {
	case A_P_ADD:
		prompt_open(t, "new participant (id/pseudonym/role): ", "", NULL, add_done, NULL);
		return 1;
	case A_P_EDIT:
		if (ok)
			tui_participant_edit(t, s->rows[i].id);
		return 1;
	case A_P_DELETE:
		if (ok)
			tui_participant_delete(t, s->rows[i].id);
		return 1;
	case A_P_ROLE:
		if (ok)
			tui_participant_role(t, s->rows[i].id);
		return 1;
	case A_P_FILTER:
		if (ok) {
			t->filter.participant_id = t->filter.participant_id == s->rows[i].id ?
						   0 : s->rows[i].id;
			tui_filter_changed(t);
			tui_post(t, (struct tui_req){ .kind = REQ_FOCUS, .pane = P_VIGNETTES });
		}
		return 1;
	}
	return 0;
}

static int p_memo_target(struct pane *p, struct tui *t, int *kind, int64_t *id)
{
	struct pstate *s = p->st;
	int ok;
	size_t i = pane_list_current(p, &ok);

	(void)t;
	if (!ok)
		return 0;
	*kind = MEMO_PARTICIPANT;
	*id = s->rows[i].id;
	return 1;
}

static int p_show(struct pane *p, struct tui *t, int kind, int64_t id)
{
	struct pstate *s = p->st;

	(void)t;
	for (size_t i = 0; kind == MEMO_PARTICIPANT && i < s->n; i++)
		if (s->rows[i].id == id)
			return pane_list_show(p, i);
	return 0;
}

const struct pane_ops pane_participants_ops = {
	.name = "Participants",
	.ctx = KC_PARTICIPANTS,
	.is_list = 1,
	.init = p_init,
	.free = p_free,
	.refresh = p_refresh,
	.key = p_key,
	.rows = p_rows,
	.title = pane_list_title,
	.row_text = p_row_text,
	.draw_row = p_draw_row,
	.coding = p_coding,
	.memo_target = p_memo_target,
	.show = p_show,
};
