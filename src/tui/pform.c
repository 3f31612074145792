/* pform.c: the participant form -- pseudonym, role, attributes
 * (key=value; ...) and private aliases (a, b) -- and participant add,
 * edit and delete as undoable steps. */
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/participant.h"
#include "praxis/tui.h"

enum pfield { PF_PSEUDONYM, PF_ROLE, PF_ATTRS, PF_ALIASES, PF_SAVE, PF_COUNT };

static const char *const pf_label[PF_COUNT] = {
	"pseudonym", "role", "attributes", "aliases", "[ save ]"
};

struct pform {
	struct modal m;
	int64_t id;
	char *val[PF_SAVE];
	size_t cursor;
};

static char *attrs_text(const px_participant *p)
{
	strbuf b;

	sb_init(&b);
	for (size_t i = 0; i < p->nattrs; i++)
		sb_printf(&b, "%s%s=%s", i ? "; " : "", p->attrs[i].key, p->attrs[i].value);
	return sb_steal(&b);
}

static char *aliases_text(const px_participant *p)
{
	strbuf b;

	sb_init(&b);
	for (size_t i = 0; i < p->aliases.n; i++) {
		sb_printf(&b, "%s%s", i ? ", " : "", p->aliases.v[i]);
		if (i < p->alias_as.n && *p->alias_as.v[i])   /* its own form */
			sb_printf(&b, " as %s", p->alias_as.v[i]);
	}
	return sb_steal(&b);
}

static char *trim(char *s)
{
	size_t n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

/* Fills p's attributes and aliases from the form's text; an error names
 * the field and the piece. */
static int parse_lists(struct tui *t, const struct pform *f, px_participant *p)
{
	char *copy = xstrdup(f->val[PF_ATTRS] ? f->val[PF_ATTRS] : ""), *save = NULL;

	for (char *tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(tok, '=');
		if (!*trim(tok))
			continue;
		if (!eq || eq == tok) {
			tui_error(t, "attributes: '%s' is not key=value", trim(tok));
			free(copy);
			return -1;
		}
		*eq = '\0';
		participant_attr_add(p, trim(tok), trim(eq + 1));
	}
	free(copy);
	copy = xstrdup(f->val[PF_ALIASES] ? f->val[PF_ALIASES] : "");
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (*trim(tok)) {
			char *as = strstr(trim(tok), " as ");   /* "Feri as Fen" */
			if (as)
				*as = '\0';
			sl_push(&p->aliases, trim(tok));
			sl_push(&p->alias_as, as ? trim(as + 4) : "");
		}
	free(copy);
	return 0;
}

static int pform_save(struct pform *f, struct tui *t)
{
	px_participant *before, p = { 0 };
	px_err e = { 0 };
	int rc;

	if (!f->val[PF_PSEUDONYM] || !*f->val[PF_PSEUDONYM]) {
		tui_error(t, "pseudonym: empty");
		return 0;
	}
	if (!(before = undo_psnap_load(t->db, f->id, &e))) {
		tui_error(t, "%s", e.msg);
		return 1;
	}
	p.id = f->id;
	p.ext_id = xstrdup(before->ext_id);
	p.uuid = xstrdup(before->uuid);
	p.pseudonym = xstrdup(f->val[PF_PSEUDONYM]);
	p.role = f->val[PF_ROLE] && *f->val[PF_ROLE] ? xstrdup(f->val[PF_ROLE]) : NULL;
	if (parse_lists(t, f, &p)) {
		participant_free(&p);
		participant_free(before);
		free(before);
		return 0;
	}
	undo_begin(&t->undo, "edit participant");
	t->undo.quiet = 1;   /* the snapshots are the record */
	rc = participant_update(t->db, &p, &e);
	t->undo.quiet = 0;
	if (rc) {
		participant_free(before);
		free(before);
		tui_error(t, "%s", e.msg);
	} else {
		undo_record_participant(&t->undo, before, undo_psnap_load(t->db, f->id, NULL));
		tui_message(t, "participant %s updated (u undoes)", p.pseudonym);
	}
	undo_end(&t->undo);
	participant_free(&p);
	tui_changed(t);
	return !rc;
}

static void pform_draw(struct modal *m, struct tui *t)
{
	struct pform *f = (struct pform *)m;
	int rows = display_rows(), cols = display_cols();
	int w = cols - 4 < 60 ? cols - 4 : 60, h = PF_COUNT + 3;
	int y0 = (rows - h) / 2, x0 = (cols - w) / 2;

	dsp_fill(y0, x0, w, ROLE_POPUP_TITLE);
	dsp_textf(y0, x0 + 1, w - 2, ROLE_POPUP_TITLE, "Participant: %s",
		  names_get(&t->names, NAMES_PARTICIPANT, f->id));
	for (int i = 1; i < h; i++)
		dsp_fill(y0 + i, x0, w, ROLE_POPUP);
	for (int i = 0; i < PF_COUNT; i++) {
		int role = (size_t)i == f->cursor ? ROLE_CURSOR : ROLE_POPUP;
		dsp_fill(y0 + 1 + i, x0 + 1, w - 2, role);
		if (i == PF_SAVE)
			dsp_text(y0 + 1 + i, x0 + 2, w - 4, pf_label[i], role);
		else
			dsp_textf(y0 + 1 + i, x0 + 2, w - 4, role, "%s: %s", pf_label[i],
				  f->val[i] ? f->val[i] : "");
	}
	dsp_text(y0 + h - 1, x0 + 1, w - 2, "Enter change  <C-s> save  Esc cancel", ROLE_DIM);
}

struct pf_edit {
	struct pform *f;
	int field;
};

static void field_done(struct tui *t, const char *text, void *ud)
{
	struct pf_edit *pe = ud;

	(void)t;
	if (text) {
		free(pe->f->val[pe->field]);
		pe->f->val[pe->field] = xstrdup(text);
	}
	free(pe);
}

static int pform_key(struct modal *m, struct tui *t, int key)
{
	struct pform *f = (struct pform *)m;
	int action = keymap_lookup(KC_FORM, key);

	if (action == A_F_CANCEL)
		return 1;
	if (action == A_F_SAVE || (action == A_F_ACTIVATE && f->cursor == PF_SAVE))
		return pform_save(f, t);
	if (action == A_F_NEXT) {
		if (f->cursor + 1 < PF_COUNT)
			f->cursor++;
	} else if (action == A_F_PREV) {
		if (f->cursor)
			f->cursor--;
	} else if (action == A_F_ACTIVATE) {
		struct pf_edit *pe = xcalloc(1, sizeof(*pe));
		char label[32];
		pe->f = f;
		pe->field = (int)f->cursor;
		snprintf(label, sizeof(label), "%s: ", pf_label[f->cursor]);
		prompt_open(t, label, f->val[f->cursor], NULL, field_done, pe);
	}
	return 0;
}

static void pform_free(struct modal *m)
{
	struct pform *f = (struct pform *)m;

	for (int i = 0; i < PF_SAVE; i++)
		free(f->val[i]);
	free(f);
}

void tui_participant_edit(struct tui *t, int64_t id)
{
	struct pform *f;
	px_participant p = { 0 };
	px_err e = { 0 };

	if (participant_get(t->db, id, &p, &e)) {
		tui_error(t, "%s", e.msg);
		return;
	}
	f = xcalloc(1, sizeof(*f));
	f->m.draw = pform_draw;
	f->m.key = pform_key;
	f->m.free = pform_free;
	f->id = id;
	f->val[PF_PSEUDONYM] = xstrdup(p.pseudonym);
	f->val[PF_ROLE] = xstrdup(p.role ? p.role : "");
	f->val[PF_ATTRS] = attrs_text(&p);
	f->val[PF_ALIASES] = aliases_text(&p);
	participant_free(&p);
	modal_push(t, &f->m);
}

int tui_participant_add(struct tui *t, px_participant *p, px_err *e)
{
	int rc;

	undo_begin(&t->undo, "add participant");
	t->undo.quiet = 1;
	rc = participant_add(t->db, p, e);
	t->undo.quiet = 0;
	if (!rc)
		undo_record_participant(&t->undo, NULL, undo_psnap_load(t->db, p->id, NULL));
	undo_end(&t->undo);
	return rc;
}

static void delete_done(struct tui *t, int yes, void *ud)
{
	int64_t id = (int64_t)(intptr_t)ud;
	px_participant *before;
	px_err e = { 0 };
	int rc;

	if (!yes)
		return;
	if (!(before = undo_psnap_load(t->db, id, &e))) {
		tui_error(t, "%s", e.msg);
		return;
	}
	undo_begin(&t->undo, "delete participant");
	t->undo.quiet = 1;
	rc = participant_delete(t->db, id, 0, &e);
	t->undo.quiet = 0;
	if (rc) {
		tui_error(t, "%s", e.msg);
		participant_free(before);
		free(before);
	} else {
		tui_message(t, "participant %s deleted (u undoes)", before->pseudonym);
		undo_record_participant(&t->undo, before, NULL);
	}
	undo_end(&t->undo);
	if (!rc && t->filter.participant_id == id)
		t->filter.participant_id = 0;
	tui_changed(t);
}

void tui_participant_delete(struct tui *t, int64_t id)
{
	int64_t nv = 0, nc = 0;
	char *q;

	participant_usage(t->db, id, &nv, &nc);
	if (nv || nc) {
		tui_error(t, "%s is in %lld vignette%s and %lld coding%s: remove them there first",
			  names_get(&t->names, NAMES_PSEUDONYM, id), (long long)nv, nv == 1 ? "" : "s",
			  (long long)nc, nc == 1 ? "" : "s");
		return;
	}
	q = xasprintf("delete participant %s?", names_get(&t->names, NAMES_PSEUDONYM, id));
	confirm_open(t, q, delete_done, (void *)(intptr_t)id);
	free(q);
}
