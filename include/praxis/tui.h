/* tui.h: the panelled interface: application state shared by the panes,
 * the event loop and the `:` commands. Everything that includes curses
 * lives in src/tui/. */
#ifndef PRAXIS_TUI_H
#define PRAXIS_TUI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "praxis/browse.h"
#include "praxis/checkpoint.h"
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
	P_RETRIEVAL, P_HELP, P_NEGOTIATE, P_LOG, P_MEMOS, P_COUNT
};

/* Below this size the "terminal too small" screen shows. */
#define TUI_MIN_COLS 40
#define TUI_MIN_ROWS 10
/* At or above this size every pane shows at once; below, panes are tabs. */
#define TUI_FULL_COLS 80
#define TUI_FULL_ROWS 24

/* ---- navigation: a stack of frames, changed only by requests ----
 *
 * A pane never sets navigation state: its key handler posts a request
 * (tui_post) and tui.c carries it out once the key is handled. A frame
 * is one mode of the screen: what fills it, the centre pane, a coder
 * override and the focus to give back; popping it restores all four.
 * See docs/ARCHITECTURE.md, "View stack". */
enum tui_request {
	REQ_NONE,
	REQ_REDRAW,        /* draw again (nothing else changed) */
	REQ_OPEN_VIGNETTE, /* id at code point at; focus: to the reader */
	REQ_PUSH,          /* frame (with coder, pair, id/at as it needs) */
	REQ_POP,           /* frame: the topmost frame of that kind (0: top) */
	REQ_FOCUS,         /* pane */
	REQ_SHOW,          /* pane, what, id: focus the pane, its cursor on
			      that target (pane_ops.show) */
	REQ_RELOAD,        /* the store changed: every pane reloads */
	REQ_RELAYOUT,      /* the layout changed */
	REQ_QUIT
};

enum tui_frame_kind {
	FRAME_MAIN,        /* the panes; the reader in the centre (bottom) */
	FRAME_HELP,        /* the help fills the screen */
	FRAME_ZOOM,        /* the focused pane fills the screen */
	FRAME_RETRIEVAL,   /* retrieval in the centre; back to the codebook */
	FRAME_READ,        /* the reader opened from retrieval; back to it */
	FRAME_NEGOTIATE,   /* the negotiation view fills the screen */
	FRAME_LOG,         /* the audit trail fills the screen */
	FRAME_MEMOS,       /* the memos view fills the screen */
	FRAME_CONSENSUS,   /* the reader coding as the consensus coder, for
			      the negotiation below it */
	FRAME_KIND_COUNT
};

struct tui_req {
	enum tui_request kind;
	int frame;               /* REQ_PUSH, REQ_POP: enum tui_frame_kind */
	int pane;                /* REQ_FOCUS, REQ_SHOW: enum pane_id */
	int what;                /* REQ_SHOW: the kind of id (enum memo_target) */
	int focus;               /* REQ_OPEN_VIGNETTE: focus the reader */
	int64_t id, at;          /* REQ_OPEN_VIGNETTE, FRAME_CONSENSUS: vignette, code point;
				    REQ_SHOW: the row id */
	int64_t coder;           /* REQ_PUSH: the frame's coder override (0: none) */
	int64_t pair[2];         /* REQ_PUSH FRAME_NEGOTIATE: the coders (0 0: the last pair) */
};

/* The pane filling the screen is the focused one (a zoom). */
#define TUI_FILL_FOCUS (-2)

struct tui_frame {
	int kind;                /* enum tui_frame_kind */
	int fill;                /* the pane filling the screen, TUI_FILL_FOCUS,
				    or -1: the panes laid out */
	int center;              /* the pane in the middle slot */
	int ret_focus;           /* the focus popping this frame gives back */
	int64_t coder;           /* the coder override in force (0: none) */
};

#define TUI_MAX_FRAMES 16
#define TUI_MAX_REQS 8

struct tui {
	px_db *db;
	db_checkpointer *ckpt;   /* the WAL's checkpoints, off the keys' path */
	const char *db_path;
	int read_only;           /* the store refuses writes; the status line says so */
	int64_t coder_id;        /* the coder in force: own_coder unless a
				    frame overrides it (read only for panes) */
	int64_t own_coder;       /* the user's own coder */
	px_names names;          /* reloaded after every change */
	browse_filter filter;
	theme theme;
	struct pane panes[P_COUNT];
	int focus;               /* enum pane_id */
	int center;              /* the top frame's centre pane (derived) */
	struct tui_frame frames[TUI_MAX_FRAMES];
	int nframes;             /* frames[0] is FRAME_MAIN */
	struct tui_req reqs[TUI_MAX_REQS];
	int nreqs;               /* posted, not yet carried out */
	int tabs;                /* narrow layout: one pane at a time */
	int too_small;
	int running;
	int headless;
	struct modal *modal;
	char msg[512];
	int msg_role;
	int64_t data_version;    /* the store's PRAGMA data_version last seen */
	struct undo undo;
	int64_t last_code[4];    /* last sub-code used per dimension */
	int64_t vignette_id;     /* the vignette in the reader */
	int64_t total_vignettes; /* passing the filter; -1: not counted yet
				    (the count follows the first frame) */
	int64_t total_codings;   /* while the summaries load: the change
				    since their snapshot */
	int64_t unsynced;        /* rows changed since the last sync (sync.h) */
	int64_t conflicts;       /* sync conflicts waiting for a decision */
	int reload_all;          /* a reset or rollback came: the next
				    tui_codings_changed reloads everything */
	px_summary *sum;         /* the summary state, opened and closed by
				    tui.c (NULL if it failed: sum_err says
				    why); panes read it through tui_summary */
	char *sum_err;
	summary_job *sum_job;    /* the summary state loading on its own
				    thread (NULL: loaded or failed) */
	int sum_deferred;        /* the load starts once the first frame is
				    painted (nothing competes with it);
				    until then it counts as loading */
	unsigned sum_epoch;      /* bumped when it is reloaded after another
				    process wrote, and when a load arrives */
};

/* Asks the interface for r; carried out after the current key. */
void tui_post(struct tui *t, struct tui_req r);
/* The kind of the frame that owns the centre pane (the topmost one that
 * does not fill the screen). */
int tui_center_frame(const struct tui *t);
/* 1 if a frame of kind is on the stack. */
int tui_in_frame(const struct tui *t, int kind);
/* Leaves the consensus coding and the negotiation under it, if open:
 * a new filter or search does (the user's own coder comes back). */
void tui_leave_override(struct tui *t);
/* The kind of the frame on top. */
int tui_top_frame(const struct tui *t);
/* The pane the top frame fills the screen with, -1 if none. */
int tui_fill(const struct tui *t);
/* Carries out the posted requests (the event loop, after each key). */
void tui_dispatch(struct tui *t);
/* The main frame alone, the user's own coder in force. */
void tui_views_init(struct tui *t);

struct px_config;

/* What the interface starts with, already resolved by its caller (the
 * CLI): the interface never reaches back into the command line. */
struct tui_options {
	px_db *db;               /* open; tui_run closes it */
	const char *db_path;     /* for the status line */
	int read_only;           /* db was opened PROJECT_READONLY */
	int64_t coder_id;        /* the user's own coder */
	const theme *theme;      /* loaded */
	const struct px_config *config; /* the key settings */
	const char *script;      /* headless: keys from this file */
	const char *dump_screen; /* headless: the final screen to this file */
	int dump_attrs;          /* mark colours in the dump */
};

/* Runs the interface (headless with o->script); on failure fills e. */
int tui_run(const struct tui_options *o, px_err *e);

/* The memo key: a one-line prompt for a memo on what is under the cursor
 * of the focused pane (its memo_target op), else on the project; Enter
 * on an empty line writes it in $VISUAL/$EDITOR instead; undoable
 * (tui_memo.c). */
void tui_memo_prompt(struct tui *t);
/* One memo changed from the interface, each one undoable step: its text
 * in $EDITOR, its title in a prompt, deleted. */
void tui_memo_edit(struct tui *t, int64_t id);
void tui_memo_retitle(struct tui *t, int64_t id);
void tui_memo_delete(struct tui *t, int64_t id);
/* Shows a memo's target where it lives (posts the requests): a vignette
 * or coding in the reader, a code in the codebook, a participant in the
 * participants, a register entry in the summaries, a community as the
 * filter. */
struct px_memo_on;
void tui_memo_open_target(struct tui *t, const struct px_memo_on *on);
void tui_message(struct tui *t, const char *fmt, ...) PX_PRINTF(2, 3);
void tui_error(struct tui *t, const char *fmt, ...) PX_PRINTF(2, 3);
/* Something changed in the store: every pane reloads before drawing. */
void tui_changed(struct tui *t);
/* Re-reads the status line's unsynced and conflict counts. */
void tui_sync_counts(struct tui *t);
/* Only codings changed (add, update, delete, and their undo): the panes
 * already moved their counts from the store's listener events, so no
 * whole-corpus query runs; falls back to tui_changed after a reset or a
 * rollback. */
void tui_codings_changed(struct tui *t);
/* The whole-corpus summary state, current with the store (reloaded if
 * another process wrote since), or NULL if there is none or the reload
 * failed: the panes then query the store themselves. */
px_summary *tui_summary(struct tui *t);
/* 1 while the summary state is still loading: panes that count from it
 * show a placeholder rather than query the whole corpus themselves. */
int tui_summary_loading(const struct tui *t);
/* Reloads t->names (after a code, entry or participant was added). */
void tui_names_reload(struct tui *t);
/* A register action (A_S_ADD ... A_S_DELETE) on the entry id (0: none)
 * of kind ENT_REPERTOIRE / ENT_ACCOUNTABILITY (tui_register.c); 1 if it
 * was one. */
int tui_register_key(struct tui *t, int action, int kind, int64_t id);
void tui_focus(struct tui *t, int pane);
/* Opens vignette id in the reader with the cursor at code point at. */
void tui_open_vignette(struct tui *t, int64_t id, int64_t at, int focus);
/* The prompt for the full-text search filter (`/`, and `f` in the
 * vignettes list, which is paged and so filters through the store). */
void tui_search_prompt(struct tui *t, const char *label);
/* The filter changed. */
void tui_filter_changed(struct tui *t);
/* Lists the search's hits in order (enum browse_order), saying so. */
void tui_search_order(struct tui *t, int order);
void tui_layout(struct tui *t);
/* Runs one `:` command line. */
void tui_command(struct tui *t, const char *line);
/* Opens the `:` prompt with initial text. */
void tui_command_prompt(struct tui *t, const char *initial);
char *tui_command_complete(struct tui *t, const char *text, void *ud);
/* Runs $EDITOR (or vi) on path; 0 if it exited 0. */
int tui_edit_file(struct tui *t, const char *path);
/* Edits text in $VISUAL/$EDITOR through a temporary file named with
 * suffix; the new text (caller frees), or NULL (message shown) if the
 * editor failed. */
char *tui_edit_text(struct tui *t, const char *text, const char *suffix);

/* Applies code_id to [start, end) of the reader's vignette (-1/-1 whole),
 * as one undoable step; with form, opens the details form instead and
 * its save adds the coding with its details (one step; Esc: nothing). */
int tui_apply_code(struct tui *t, int64_t code_id, int64_t start, int64_t end, int form);
/* Adds c (its id set) as the undoable step "code", with the message. */
int tui_add_coding(struct tui *t, px_coding *c);
/* An existing coding (coding_actions.c), each one undoable step:
 * delete (asking first when it is another coder's, naming the coder),
 * recode (a code picker; id, memo, participants and links stay) and
 * respan to [start, end) (0, or an error already shown). */
void tui_coding_delete(struct tui *t, int64_t id);
void tui_coding_recode(struct tui *t, int64_t id);
int tui_coding_respan(struct tui *t, int64_t id, int64_t start, int64_t end);
/* Opens the code picker; the chosen (or created) code goes to done. */
typedef void (*code_pick_fn)(struct tui *t, int64_t code_id, void *ud);
void tui_pick_code(struct tui *t, const char *title, int allow_new, code_pick_fn done, void *ud);
/* Codes every hit of the current search in the filtered vignettes with
 * the code at path, after a confirmation giving the count; one undo step. */
void tui_autocode(struct tui *t, const char *path);
/* Retrieval of code_id in the middle slot. */
void tui_retrieve(struct tui *t, int64_t code_id);
/* The negotiation view for coders a and b (row ids), full screen; 0 0:
 * the pair negotiated last, else the sync conflicts alone when some wait,
 * else the prompt to choose a pair. */
void tui_negotiate(struct tui *t, int64_t coder_a, int64_t coder_b);
/* :sync [DIR]: a sync (sync.h) with the tree DIR, or the last one synced. */
void tui_sync(struct tui *t, const char *args);
/* The detail of a sync conflict in the negotiation view: what happened and
 * what each side holds, in the area y, x, h, w (negotiate_conflict.c). */
struct sync_conflict;
void negotiate_conflict_draw(struct tui *t, const struct sync_conflict *c, int y, int x, int h,
			     int w);
/* Decides sync conflict id (enum sync_side) and reloads; 1 on an error
 * (shown on the message line). */
int tui_decide_conflict(struct tui *t, int64_t id, int side);
/* The help text lines generated from the key table (caller frees). */
void tui_help_lines(strlist *out);
/* One line per `:` command (its arguments and what it does), for the help. */
void tui_command_help(strlist *out);

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
/* Prompts for a dated role change of participant id (tui_role.c). */
void tui_participant_role(struct tui *t, int64_t id);

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
/* Back from editing in the reader (the consensus frame popped by Esc):
 * asks whether to record the edit. */
void pane_negotiate_edited(struct pane *p, struct tui *t);
/* Puts the cursor on vignette_id's first disagreement, if listed. */
void pane_negotiate_show(struct pane *p, int64_t vignette_id);

#endif
