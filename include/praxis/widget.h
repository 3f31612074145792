/* widget.h: modal widgets on top of the panes: the line prompt (with
 * completion), the fuzzy picker, yes/no confirmation and menus. They are
 * state machines fed by the one event loop; each ends by calling its
 * callback, which may open the next widget. */
#ifndef PRAXIS_WIDGET_H
#define PRAXIS_WIDGET_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/util.h"

struct tui;

struct modal {
	void (*draw)(struct modal *m, struct tui *t);
	/* Returns 1 when the modal is finished (it is then freed). */
	int (*key)(struct modal *m, struct tui *t, int key);
	void (*free)(struct modal *m);
	struct modal *below;
	int cursor_y, cursor_x;  /* where the hardware cursor goes, -1: none */
};

void modal_push(struct tui *t, struct modal *m);
/* Feeds a key to the top modal; 1 if a modal took it. */
int modal_key(struct tui *t, int key);
void modal_draw_all(struct tui *t);
void modal_close_all(struct tui *t);

/* A line editor: text is UTF-8; cursor in code points. */
struct line_edit {
	strbuf text;
	size_t cursor;
};
void line_edit_set(struct line_edit *l, const char *s);
/* Applies an editing key; 1 if it was one. */
int line_edit_key(struct line_edit *l, int key);

/* complete(ud, text) returns a malloc'd completion of text or NULL. */
typedef char *(*prompt_complete_fn)(struct tui *t, const char *text, void *ud);
/* done(t, text, ud): text NULL if cancelled. */
typedef void (*prompt_done_fn)(struct tui *t, const char *text, void *ud);
void prompt_open(struct tui *t, const char *label, const char *initial,
		 prompt_complete_fn complete, prompt_done_fn done, void *ud);

/* Fuzzy picker over items (copied): typing filters by text_fuzzy_match,
 * Enter picks (index into items, or -1 with the typed text when nothing
 * matches and allow_new), Esc cancels (index -2). */
typedef void (*picker_done_fn)(struct tui *t, int index, const char *typed, void *ud);
void picker_open(struct tui *t, const char *title, const strlist *items, const strlist *details,
		 int allow_new, picker_done_fn done, void *ud);

/* y / n question; done(t, yes, ud). */
typedef void (*confirm_done_fn)(struct tui *t, int yes, void *ud);
void confirm_open(struct tui *t, const char *question, confirm_done_fn done, void *ud);

/* A menu of lines; keys are passed to done with the index under the
 * cursor (Enter as TK_ENTER); done returns 1 to close the menu. */
typedef int (*menu_key_fn)(struct tui *t, int index, int key, void *ud);
void menu_open(struct tui *t, const char *title, const strlist *lines, const char *hint,
	       menu_key_fn fn, void *ud);

/* The coding details form for coding id (see form.c). */
void form_open(struct tui *t, int64_t coding_id);
/* The form for a coding not yet stored (c's id is ignored): saving adds
 * it with its details as one undoable step, cancelling adds nothing. */
struct px_coding;
void form_open_new(struct tui *t, const struct px_coding *c);

#endif
