/* tui.h: the panelled interface: application state shared by the panes,
 * the event loop and the `:` commands. Everything that includes curses
 * lives in src/tui/. */
#ifndef PRAXIS_TUI_H
#define PRAXIS_TUI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "praxis/browse.h"
#include "praxis/db.h"
#include "praxis/names.h"
#include "praxis/pane.h"
#include "praxis/participant.h"
#include "praxis/summary.h"
#include "praxis/theme.h"
#include "praxis/undo.h"
#include "praxis/widget.h"

enum pane_id {
	P_VIGNETTES, P_PARTICIPANTS, P_READER, P_CODEBOOK, P_SUMMARIES,
	P_RETRIEVAL, P_HELP, P_NEGOTIATE, P_COUNT
};

/* Below this size the "terminal too small" screen shows. */
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 10
/* At or above this size every pane shows at once; below, panes are tabs. */
#define TUI_FULL_COLS 80
#define TUI_FULL_ROWS 24

struct tui {
	px_db *db;
	const char *db_path;
	int64_t coder_id;
	px_names names;          /* reloaded after every change */
	browse_filter filter;
	theme theme;
	struct pane panes[P_COUNT];
	int focus;               /* enum pane_id */
	int center;              /* P_READER or P_RETRIEVAL in the middle slot */
	int zoom;
	int help;                /* the help overlay is open */
	int tabs;                /* narrow layout: one pane at a time */
	int too_small;
	int running;
	int headless;
	struct modal *modal;
	char msg[512];
	int msg_role;
	int64_t data_version;
	struct undo undo;
	int64_t last_code[4];    /* last sub-code used per dimension */
	int64_t vignette_id;     /* the vignette in the reader */
	int64_t total_vignettes; /* passing the filter */
	int64_t total_codings;
	int from_retrieval;      /* the reader was opened from retrieval */
	int negotiate;           /* the negotiation view fills the screen */
	int from_negotiate;      /* the reader is editing for the negotiation */
	int64_t saved_coder;     /* the coder to restore after that edit */
	int reload_all;          /* a reset or rollback came: the next
				    tui_codings_changed reloads everything */
	px_summary *sum;         /* owned by the summaries pane (NULL if it
				    failed to load); see tui_summary */
	int64_t sum_dv;          /* db_data_version it was loaded at */
};

struct px_config;

/* What the interface starts with, already resolved by its caller (the
 * CLI): the interface never reaches back into the command line. */
struct tui_options {
	px_db *db;               /* open; tui_run closes it */
	const char *db_path;     /* for the status line */
	int64_t coder_id;        /* the user's own coder */
	const theme *theme;      /* loaded */
	const struct px_config *config; /* the key settings */
	const char *script;      /* headless: keys from this file */
	const char *dump_screen; /* headless: the final screen to this file */
	int dump_attrs;          /* mark colours in the dump */
};

/* Runs the interface (headless with o->script); on failure fills e. */
int tui_run(const struct tui_options *o, px_err *e);

void tui_message(struct tui *t, const char *fmt, ...) PX_PRINTF(2, 3);
void tui_error(struct tui *t, const char *fmt, ...) PX_PRINTF(2, 3);
/* Something changed in the store: every pane reloads before drawing. */
void tui_changed(struct tui *t);
/* Only codings changed (add, update, delete, and their undo): the panes
 * already moved their counts from the store's listener events, so no
 * whole-corpus query runs; falls back to tui_changed after a reset or a
 * rollback. */
void tui_codings_changed(struct tui *t);
/* The whole-corpus summary state, current with the store (reloaded if
 * another process wrote since), or NULL if there is none or the reload
 * failed: the panes then query the store themselves. */
px_summary *tui_summary(struct tui *t);
/* Reloads t->names (after a code, entry or participant was added). */
void tui_names_reload(struct tui *t);
void tui_focus(struct tui *t, int pane);
/* Opens vignette id in the reader with the cursor at code point at. */
void tui_open_vignette(struct tui *t, int64_t id, int64_t at, int focus);
/* The filter changed. */
void tui_filter_changed(struct tui *t);
void tui_layout(struct tui *t);
/* Runs one `:` command line. */
void tui_command(struct tui *t, const char *line);
char *tui_command_complete(struct tui *t, const char *text, void *ud);
/* Runs $EDITOR (or vi) on path; 0 if it exited 0. */
int tui_edit_file(struct tui *t, const char *path);
/* Edits text in $VISUAL/$EDITOR through a temporary file named with
 * suffix; the new text (caller frees), or NULL (message shown) if the
 * editor failed. */
char *tui_edit_text(struct tui *t, const char *text, const char *suffix);

/* Applies code_id to [start, end) of the reader's vignette (-1/-1 whole),
 * as one undoable step; opens the details form if form. */
int tui_apply_code(struct tui *t, int64_t code_id, int64_t start, int64_t end, int form);
/* Opens the code picker; the chosen (or created) code goes to done. */
typedef void (*code_pick_fn)(struct tui *t, int64_t code_id, void *ud);
void tui_pick_code(struct tui *t, const char *title, int allow_new, code_pick_fn done, void *ud);
/* Retrieval of code_id in the middle slot. */
void tui_retrieve(struct tui *t, int64_t code_id);
/* The negotiation view for coders a and b (row ids), full screen. */
void tui_negotiate(struct tui *t, int64_t coder_a, int64_t coder_b);
/* The help text lines generated from the key table (caller frees). */
void tui_help_lines(strlist *out);

/* Vignettes through $EDITOR (see vignette_edit.c), delete after a
 * confirmation naming its codings; each undoable. */
void tui_vignette_add(struct tui *t);
void tui_vignette_edit(struct tui *t, int64_t id);
void tui_vignette_delete(struct tui *t, int64_t id);

/* Participants (pform.c): the form for pseudonym, role, attributes and
 * aliases; add and delete (only one no vignette or coding names); each
 * undoable. */
void tui_participant_edit(struct tui *t, int64_t id);
int tui_participant_add(struct tui *t, px_participant *p, px_err *e);
void tui_participant_delete(struct tui *t, int64_t id);

/* The role that highlights text coded with code_id: the code's own color
 * from the codebook if it has one, else its dimension's role. */
int tui_code_role(struct tui *t, int64_t code_id);

/* Pane hooks for the rest of the interface. */
int64_t pane_vignettes_current(struct pane *p);
void pane_vignettes_show(struct pane *p, struct tui *t, int64_t id);
void pane_retrieval_set(struct pane *p, int64_t code_id);
int64_t pane_reader_cursor(struct pane *p);
void pane_reader_goto(struct pane *p, int64_t at);
void pane_negotiate_set(struct pane *p, struct tui *t, int64_t coder_a, int64_t coder_b);
/* The pair last negotiated (0 if none). */
void pane_negotiate_pair(struct pane *p, int64_t *coder_a, int64_t *coder_b);
/* Back from editing in the reader: asks whether to record the edit. */
void pane_negotiate_edited(struct pane *p, struct tui *t);
/* Puts the cursor on vignette_id's first disagreement, if listed. */
void pane_negotiate_show(struct pane *p, int64_t vignette_id);

#endif
