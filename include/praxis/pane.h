/* pane.h: the generic pane engine.
 *
 * A pane is a rectangle with a title bar and a body, driven by a
 * `struct pane_ops` (one file per pane). List panes share the engine's
 * list: a cursor and scroll offset over row indexes, an optional
 * quick filter (`f`, typed text matched fuzzily against each row's text),
 * and the common movement keys. The vignette pane pages by key instead
 * (see browse.h) and uses only the drawing helpers. */
#ifndef PRAXIS_PANE_H
#define PRAXIS_PANE_H

#include <stddef.h>
#include <stdint.h>
#include "praxis/display.h"

struct tui;
struct pane;
struct px_coding;

struct pane_ops {
	const char *name;        /* tab and status label */
	int ctx;                 /* enum key_ctx of its own bindings */
	int is_list;             /* uses the engine's list (and KC_LIST keys) */
	void (*init)(struct pane *p, struct tui *t);
	void (*free)(struct pane *p);
	/* Reload from the store (after a change or a new filter). */
	void (*refresh)(struct pane *p, struct tui *t);
	/* Draws the body (the title bar is drawn by the engine). */
	void (*draw)(struct pane *p, struct tui *t, struct rect body);
	/* Returns 1 if it handled the action or key. */
	int (*key)(struct pane *p, struct tui *t, int action, int key);
	/* The title bar text. */
	void (*title)(struct pane *p, struct tui *t, char *buf, size_t n);
	/* List panes: rows, text used by the quick filter, one row drawn. */
	size_t (*rows)(struct pane *p);
	const char *(*row_text)(struct pane *p, size_t i);
	void (*draw_row)(struct pane *p, struct tui *t, size_t i, int y, int x, int w, int selected);
	/* Optional: one coding changed (before NULL: added, after NULL:
	 * removed; both NULL: a reset or rollback, a full reload follows);
	 * the pane moves its counts in memory or marks itself stale.
	 * Without it a coding change leaves the pane as it is. */
	void (*coding)(struct pane *p, struct tui *t, const struct px_coding *before,
		       const struct px_coding *after);
	/* A click at (row, col) of the body; NULL: list panes select the row. */
	void (*click)(struct pane *p, struct tui *t, int row, int col);
	/* The wheel (dir -1 up, 1 down); NULL: the cursor moves by rows. */
	void (*wheel)(struct pane *p, struct tui *t, int dir);
	/* Optional: what a memo written here is on (*kind as memo.h, *id);
	 * 0 if nothing is under the cursor. NULL or 0: the project. */
	int (*memo_target)(struct pane *p, struct tui *t, int *kind, int64_t *id);
	/* Optional: puts the cursor on the row of id (kind as memo.h: a
	 * code, a participant, a register entry); 0 if it is not listed. */
	int (*show)(struct pane *p, struct tui *t, int kind, int64_t id);
};

struct pane_list {
	size_t *map;             /* visible row -> row index when filtered */
	size_t n;                /* visible rows */
	size_t cursor, top;
	char *quick;             /* the quick filter, NULL if none */
};

struct pane {
	const struct pane_ops *ops;
	struct rect r;
	int visible;
	int stale;               /* refresh before the next draw */
	struct pane_list list;
	void *st;                /* the pane's own state */
};

void pane_init(struct pane *p, const struct pane_ops *ops, struct tui *t);
void pane_free(struct pane *p);
void pane_draw(struct pane *p, struct tui *t, int focused);
struct rect pane_body(const struct pane *p);
/* The `coding` op of a pane that simply reloads on any coding change. */
void pane_coding_stale(struct pane *p, struct tui *t, const struct px_coding *before,
		       const struct px_coding *after);

/* After the rows changed: rebuilds the filtered map, clamps the cursor. */
void pane_list_reset(struct pane *p);
/* The row index under the cursor; 0 with *ok = 0 if the list is empty. */
size_t pane_list_current(const struct pane *p, int *ok);
void pane_list_select(struct pane *p, size_t row);
/* pane_list_select, dropping the quick filter if it hides the row; 0 if
 * the row is not in the list. */
int pane_list_show(struct pane *p, size_t row);
/* Movement keys and the quick filter; 1 if handled. */
int pane_list_key(struct pane *p, struct tui *t, int action);
void pane_list_draw(struct pane *p, struct tui *t, struct rect body, int focused);
void pane_list_set_quick(struct pane *p, const char *text);

/* A click on body row `row` of a list pane: selects the row shown there. */
void pane_list_click(struct pane *p, int row);

/* The right-aligned "n/N" of a list. */
void pane_list_position(const struct pane *p, char *buf, size_t n);
/* A title op for plain lists: the pane's name and "cursor/rows". */
void pane_list_title(struct pane *p, struct tui *t, char *buf, size_t n);

/* The role for a row: the cursor roles when sel (1 unfocused, 2 focused). */
int pane_row_role(int sel, int role);

extern const struct pane_ops pane_vignettes_ops;
extern const struct pane_ops pane_participants_ops;
extern const struct pane_ops pane_reader_ops;
extern const struct pane_ops pane_codebook_ops;
extern const struct pane_ops pane_summaries_ops;
extern const struct pane_ops pane_retrieval_ops;
extern const struct pane_ops pane_help_ops;
extern const struct pane_ops pane_negotiate_ops;
extern const struct pane_ops pane_log_ops;
extern const struct pane_ops pane_memos_ops;

#endif
