/* form.c: the details of one coding -- participants involved,
 * participation or reification, memo, and for shared-repertoire codes a
 * repertoire entry with its interpretation, for accountability codes an
 * accountability entry with stance and who held whom to it. Saving is one
 * undoable step. The form of a new coding holds a coding not yet in the
 * store: saving adds it (coding and details one step), cancelling leaves
 * nothing behind. */
#include <stdlib.h>
#include <string.h>
#include "praxis/codebook.h"
#include "praxis/coding.h"
#include "praxis/entity.h"
#include "praxis/keymap.h"
#include "praxis/participant.h"
#include "praxis/tui.h"
#include "praxis/vignette.h"

enum field { F_PART, F_MODE, F_MEMO, F_REP, F_INTERP, F_SPEAKER, F_ACC, F_STANCE, F_HELD,
	     F_SAVE };

struct frow {
	int field;
	int64_t pid;             /* F_PART, F_HELD */
};

struct form {
	struct modal m;
	px_coding c;
	struct frow *rows;
	size_t n, cursor;
	idlist people;
	strlist names;
	int sr, acc;
};

static void add_row(struct form *f, int field, int64_t pid)
{
	f->rows = xrealloc(f->rows, (f->n + 1) * sizeof(*f->rows));
	f->rows[f->n].field = field;
	f->rows[f->n++].pid = pid;
}

static const char *person(struct form *f, int64_t pid)
{
	for (size_t i = 0; i < f->people.n; i++)
		if (f->people.v[i] == pid)
			return f->names.v[i];
	return "?";
}

/* None, then each person present, in turn. */
static void next_speaker(struct form *f)
{
	size_t i = 0;

	while (i < f->people.n && f->people.v[i] != f->c.speaker_id)
		i++;
	if (!f->c.speaker_id)
		f->c.speaker_id = f->people.n ? f->people.v[0] : 0;
	else
		f->c.speaker_id = i + 1 < f->people.n ? f->people.v[i + 1] : 0;
}

static void row_text(struct form *f, struct tui *t, const struct frow *r, strbuf *b)
{
	const char *mode = coding_mode_name(f->c.mode), *stance = coding_stance_name(f->c.stance);

	switch (r->field) {
	case F_PART:
		sb_printf(b, "[%c] %s", idl_has(&f->c.participants, r->pid) ? 'x' : ' ', person(f, r->pid));
		break;
	case F_MODE:
		sb_printf(b, "mode: %s", mode ? mode : "(none)");
		break;
	case F_MEMO:
		sb_printf(b, "memo: %s", f->c.memo ? f->c.memo : "");
		break;
	case F_REP:
		sb_printf(b, "repertoire: %s", f->c.repertoire_id ?
			  names_get(&t->names, NAMES_REPERTOIRE, f->c.repertoire_id) : "(none)");
		break;
	case F_INTERP:
		sb_printf(b, "interpretation: %s", f->c.interpretation ? f->c.interpretation : "");
		break;
	case F_SPEAKER:
		if (f->c.speaker_id)
			sb_printf(b, "speaker: %s (a member's reading)", person(f, f->c.speaker_id));
		else
			sb_add(b, "speaker: (none: the analyst's gloss)");
		break;
	case F_ACC:
		sb_printf(b, "accountability: %s", f->c.accountability_id ?
			  names_get(&t->names, NAMES_ACCOUNTABILITY, f->c.accountability_id) : "(none)");
		break;
	case F_STANCE:
		sb_printf(b, "stance: %s", stance ? stance : "(none)");
		break;
	case F_HELD:
		sb_printf(b, "[%c] held by %s", idl_has(&f->c.held_by, r->pid) ? 'x' : ' ', person(f, r->pid));
		break;
	case F_SAVE:
		sb_add(b, "[ save ]");
		break;
	}
}

static void form_draw(struct modal *m, struct tui *t)
{
	struct form *f = (struct form *)m;
	int rows = display_rows(), cols = display_cols();
	int w = cols - 4 < 60 ? cols - 4 : 60, h = (int)f->n + 3;
	int y0, x0;

	if (h > rows - 2)
		h = rows - 2;
	y0 = (rows - h) / 2;
	x0 = (cols - w) / 2;
	dsp_fill(y0, x0, w, ROLE_POPUP_TITLE);
	dsp_textf(y0, x0 + 1, w - 2, ROLE_POPUP_TITLE, "Coding: %s",
		  names_get(&t->names, NAMES_CODE, f->c.code_id));
	for (int i = 1; i < h; i++)
		dsp_fill(y0 + i, x0, w, ROLE_POPUP);
	for (size_t i = 0; i < f->n && (int)i < h - 2; i++) {
		strbuf b;
		int role = i == f->cursor ? ROLE_CURSOR : ROLE_POPUP;
		sb_init(&b);
		row_text(f, t, &f->rows[i], &b);
		dsp_fill(y0 + 1 + (int)i, x0 + 1, w - 2, role);
		dsp_text(y0 + 1 + (int)i, x0 + 2, w - 4, sb_str(&b), role);
		sb_free(&b);
	}
	if (f->rows[f->cursor].field == F_MEMO) {
		char keys[32];
		keymap_action_keys(A_F_MEMO_EDITOR, keys, sizeof(keys));
		dsp_textf(y0 + h - 1, x0 + 1, w - 2, ROLE_DIM,
			  "Enter edit inline  %s $EDITOR  <C-s> save  Esc cancel", keys);
	} else {
		dsp_text(y0 + h - 1, x0 + 1, w - 2, "Space/Enter change  <C-s> save  Esc cancel", ROLE_DIM);
	}
}

static void toggle(idlist *l, int64_t id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] == id) {
			memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof(*l->v));
			l->n--;
			return;
		}
	idl_push(l, id);
}

static void save(struct form *f, struct tui *t)
{
	px_err e = { 0 };
	int rc;

	/* what needs a link the coding does not have goes; held_by stays on
	 * a moment of mutual accountability that names no norm */
	if (!f->c.repertoire_id && !f->c.accountability_id) {
		free(f->c.interpretation);
		f->c.interpretation = NULL;
	}
	if (!f->c.interpretation || !*f->c.interpretation)
		f->c.speaker_id = 0;
	if (!f->c.accountability_id) {
		f->c.stance = STANCE_NONE;
		if (!f->acc)
			f->c.held_by.n = 0;
	}
	if (!f->c.id) {
		tui_add_coding(t, &f->c);
		return;
	}
	undo_begin(&t->undo, "edit coding");
	rc = coding_update(t->db, &f->c, &e);
	undo_end(&t->undo);
	if (rc)
		tui_error(t, "%s", e.msg);
	else
		tui_message(t, "coding saved");
	tui_codings_changed(t);
}

/* The form stays open while a prompt or picker edits one field; these
 * callbacks find it again through ud. */
static void memo_done(struct tui *t, const char *text, void *ud)
{
	struct form *f = ud;

	(void)t;
	if (!text)
		return;
	free(f->c.memo);
	f->c.memo = *text ? xstrdup(text) : NULL;
}

/* The memo in $VISUAL/$EDITOR; trailing newlines the editor adds go. */
static void memo_editor(struct form *f, struct tui *t)
{
	char *text = tui_edit_text(t, f->c.memo, ".txt");
	size_t n;

	if (!text)
		return;
	n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r'))
		text[--n] = '\0';
	free(f->c.memo);
	f->c.memo = n ? text : NULL;
	if (!n)
		free(text);
}

static void interp_done(struct tui *t, const char *text, void *ud)
{
	struct form *f = ud;

	(void)t;
	if (!text)
		return;
	free(f->c.interpretation);
	f->c.interpretation = *text ? xstrdup(text) : NULL;
}

struct entity_pick {
	struct form *f;
	int kind;
	idlist ids;
};

static char *slug(const char *name)
{
	strbuf b;

	sb_init(&b);
	for (const char *p = name; *p; p++) {
		char ch = *p;
		if (ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			sb_addc(&b, ch);
		else if (b.len && b.s[b.len - 1] != '-')
			sb_addc(&b, '-');
	}
	if (!b.len)
		sb_add(&b, "entry");
	return sb_steal(&b);
}

static void entity_done(struct tui *t, int index, const char *typed, void *ud)
{
	struct entity_pick *ep = ud;
	int64_t id = 0;

	if (index >= 0) {
		id = ep->ids.v[index];
	} else if (index == -1 && typed && *typed) {
		px_entity ent = { 0 };
		px_err e = { 0 };
		ent.ext_id = slug(typed);
		ent.name = xstrdup(typed);
		ent.reified = -1;
		if (entity_add(t->db, ep->kind, &ent, &e))
			tui_error(t, "%s: %s", entity_label(ep->kind), e.msg);
		else
			id = ent.id;
		entity_free(&ent);
		tui_names_reload(t);
	}
	if (id && ep->kind == ENT_REPERTOIRE)
		ep->f->c.repertoire_id = id;
	else if (id)
		ep->f->c.accountability_id = id;
	idl_free(&ep->ids);
	free(ep);
}

static int collect_entity(const px_entity *ent, void *ud)
{
	struct entity_pick *ep = ud;

	idl_push(&ep->ids, ent->id);
	return 0;
}

static void pick_entity(struct form *f, struct tui *t, int kind)
{
	struct entity_pick *ep = xcalloc(1, sizeof(*ep));
	strlist items = { 0 };
	char title[64];
	px_err e = { 0 };

	ep->f = f;
	ep->kind = kind;
	if (entity_each(t->db, kind, collect_entity, ep, &e))
		tui_error(t, "%s", e.msg);
	for (size_t i = 0; i < ep->ids.n; i++)
		sl_push(&items, names_get(&t->names, kind == ENT_REPERTOIRE ? NAMES_REPERTOIRE :
					  NAMES_ACCOUNTABILITY, ep->ids.v[i]));
	snprintf(title, sizeof(title), "%s (type a new name to create one)", entity_label(kind));
	picker_open(t, title, &items, NULL, 1, entity_done, ep);
	sl_free(&items);
}

static int form_key(struct modal *m, struct tui *t, int key)
{
	struct form *f = (struct form *)m;
	struct frow *r = &f->rows[f->cursor];
	int action = keymap_lookup(KC_FORM, key), act = action == A_F_ACTIVATE;

	if (action == A_F_CANCEL) {
		if (!f->c.id)
			tui_message(t, "not coded: the form was cancelled");
		return 1;
	}
	if (action == A_F_SAVE || (act && r->field == F_SAVE)) {
		save(f, t);
		return 1;
	}
	if (action == A_F_NEXT) {
		if (f->cursor + 1 < f->n)
			f->cursor++;
		return 0;
	}
	if (action == A_F_PREV) {
		if (f->cursor)
			f->cursor--;
		return 0;
	}
	if (r->field == F_MEMO && action == A_F_MEMO_EDITOR) {
		memo_editor(f, t);
		return 0;
	}
	if (!act)
		return 0;
	switch (r->field) {
	case F_PART: toggle(&f->c.participants, r->pid); break;
	case F_HELD: toggle(&f->c.held_by, r->pid); break;
	case F_MODE: f->c.mode = (f->c.mode + 1) % (MODE_BOTH + 1); break;
	case F_STANCE: f->c.stance = (f->c.stance + 1) % STANCE_COUNT; break;
	case F_SPEAKER: next_speaker(f); break;
	case F_MEMO: prompt_open(t, "memo: ", f->c.memo, NULL, memo_done, f); break;
	case F_INTERP: prompt_open(t, "interpretation: ", f->c.interpretation, NULL, interp_done, f); break;
	case F_REP: pick_entity(f, t, ENT_REPERTOIRE); break;
	case F_ACC: pick_entity(f, t, ENT_ACCOUNTABILITY); break;
	}
	return 0;
}

static void form_free(struct modal *m)
{
	struct form *f = (struct form *)m;

	coding_free(&f->c);
	idl_free(&f->people);
	sl_free(&f->names);
	free(f->rows);
	free(f);
}

/* Accountability codes are those under JE/mutual accountability. */
static int is_accountability(struct tui *t, int64_t code_id)
{
	int64_t acc = 0;

	if (codebook_resolve(t->db, "JE/mutual accountability", 0, &acc, NULL, NULL))
		return 0;
	const char *path = names_get(&t->names, NAMES_CODE, code_id);
	const char *base = names_get(&t->names, NAMES_CODE, acc);
	return strncmp(path, base, strlen(base)) == 0;
}

/* Opens the form on f->c (loaded, or new with id 0). */
static void form_show(struct tui *t, struct form *f)
{
	px_vignette v = { 0 };
	px_err e = { 0 };

	f->m.draw = form_draw;
	f->m.key = form_key;
	f->m.free = form_free;
	if (vignette_get(t->db, f->c.vignette_id, &v, &e)) {
		tui_error(t, "%s", e.msg);
		form_free(&f->m);
		return;
	}
	for (size_t i = 0; i < v.participants.n; i++) {
		idl_push(&f->people, v.participants.v[i]);
		sl_push(&f->names, names_get(&t->names, NAMES_PSEUDONYM, v.participants.v[i]));
		add_row(f, F_PART, v.participants.v[i]);
	}
	vignette_free(&v);
	add_row(f, F_MODE, 0);
	add_row(f, F_MEMO, 0);
	f->sr = names_code_dimension(&t->names, f->c.code_id) == CODE_SR;
	f->acc = is_accountability(t, f->c.code_id);
	if (f->sr)
		add_row(f, F_REP, 0);
	if (f->acc) {
		add_row(f, F_ACC, 0);
		add_row(f, F_STANCE, 0);
		for (size_t i = 0; i < f->people.n; i++)
			add_row(f, F_HELD, f->people.v[i]);
	}
	/* a reading of the repertoire entry or of the norm, and whose */
	if (f->sr || f->acc) {
		add_row(f, F_INTERP, 0);
		add_row(f, F_SPEAKER, 0);
	}
	add_row(f, F_SAVE, 0);
	modal_push(t, &f->m);
}

void form_open(struct tui *t, int64_t coding_id)
{
	struct form *f = xcalloc(1, sizeof(*f));
	px_err e = { 0 };

	if (coding_get(t->db, coding_id, &f->c, &e)) {
		tui_error(t, "%s", e.msg);
		free(f);
		return;
	}
	form_show(t, f);
}

void form_open_new(struct tui *t, const px_coding *c)
{
	struct form *f = xcalloc(1, sizeof(*f));

	coding_copy(&f->c, c);
	f->c.id = 0;
	form_show(t, f);
}
