/* keymap.h: every key binding in one table.
 *
 * Keys are ints: a Unicode code point for a character (control keys are
 * 1..31), or TK_FN|KEY_xxx for curses function keys. Actions belong to a
 * context (the pane kind); a pane looks up its own context, then the list
 * context for list panes, then the global one. The `?` help is generated
 * from this table, and $XDG_CONFIG_HOME/praxis/config.yaml may rebind any
 * action (`keys: {undo: "U <C-z>"}`). */
#ifndef PRAXIS_KEYMAP_H
#define PRAXIS_KEYMAP_H

#include <stddef.h>
#include "praxis/err.h"

struct px_config;

#define TK_FN 0x40000000
#define TK_RESIZE 0x20000000   /* headless: TK_RESIZE | cols << 12 | rows */
/* A mouse event: TK_MOUSE | kind << 24 | col << 12 | row (0-based cells),
 * from the terminal or a script's <Click COL ROW>; see tk_mouse. */
#define TK_MOUSE 0x10000000
enum tk_mouse_kind { TK_CLICK = 1, TK_WHEEL_UP = 2, TK_WHEEL_DOWN = 3 };
#define TK_MOUSE_KEY(kind, col, row) (TK_MOUSE | (kind) << 24 | ((col) & 0xfff) << 12 | ((row) & 0xfff))
#define TK_IS_MOUSE(k) (((k) & (TK_FN | TK_RESIZE | TK_MOUSE)) == TK_MOUSE)
#define TK_MOUSE_KIND(k) (((k) >> 24) & 0xf)
#define TK_MOUSE_COL(k) (((k) >> 12) & 0xfff)
#define TK_MOUSE_ROW(k) ((k) & 0xfff)
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
#define TK_ENTER 13

enum key_ctx {
	KC_GLOBAL, KC_LIST, KC_VIGNETTES, KC_PARTICIPANTS, KC_READER, KC_CODEBOOK,
	KC_RETRIEVAL, KC_SUMMARIES, KC_NEGOTIATE, KC_MEMOS, KC_FORM, KC_PROMPT, KC_OBJECT, KC_COUNT
};

/*  id                name               context          default keys       help */
#define KEYMAP_ACTIONS(X) \
	X(A_QUIT,         "quit",            KC_GLOBAL,       "q",               "quit praxis") \
	X(A_HELP,         "help",            KC_GLOBAL,       "? <F1>",          "show this help") \
	X(A_LOG,          "log",             KC_GLOBAL,       "H",               "the audit trail (codebook changes, decisions, text edits)") \
	X(A_COMMAND,      "command",         KC_GLOBAL,       ":",               "command prompt (Tab completes)") \
	X(A_NEXT_PANE,    "next-pane",       KC_GLOBAL,       "<Tab>",           "focus the next pane") \
	X(A_PREV_PANE,    "prev-pane",       KC_GLOBAL,       "<BTab>",          "focus the previous pane") \
	X(A_ZOOM,         "zoom",            KC_GLOBAL,       "z",               "zoom the pane to full screen and back") \
	X(A_UNDO,         "undo",            KC_GLOBAL,       "u",               "undo the last change") \
	X(A_REDO,         "redo",            KC_GLOBAL,       "<C-r>",           "redo") \
	X(A_SEARCH,       "search",          KC_GLOBAL,       "/",               "full-text search (vignettes and memos)") \
	X(A_CLEAR_FILTER, "clear-filter",    KC_GLOBAL,       "F",               "clear every filter") \
	X(A_REDRAW,       "redraw",          KC_GLOBAL,       "<C-l>",           "reload and redraw") \
	X(A_MEMO,         "memo",            KC_GLOBAL,       "W",               "write a memo on what is under the cursor (else the project); Enter alone: $EDITOR") \
	X(A_MEMOS,        "memos",           KC_GLOBAL,       "O",               "the memos view: every memo under the filters, / searches titles and texts") \
	X(A_DOWN,         "down",            KC_LIST,         "j <Down>",        "next row / line") \
	X(A_UP,           "up",              KC_LIST,         "k <Up>",          "previous row / line") \
	X(A_PAGE_DOWN,    "page-down",       KC_LIST,         "<PgDn> <C-f>",    "next page") \
	X(A_PAGE_UP,      "page-up",         KC_LIST,         "<PgUp> <C-b>",    "previous page") \
	X(A_HOME,         "first",           KC_LIST,         "g <Home>",        "first row") \
	X(A_END,          "last",            KC_LIST,         "G <End>",         "last row") \
	X(A_OPEN,         "open",            KC_LIST,         "<Enter>",         "open / drill down") \
	X(A_BACK,         "back",            KC_LIST,         "<Esc> <BS>",      "back / close") \
	X(A_QUICK_FILTER, "find",            KC_LIST,         "f",               "filter this list by typing") \
	X(A_V_ADD,        "vignette-add",    KC_VIGNETTES,    "a",               "add a vignette ($EDITOR)") \
	X(A_V_EDIT,       "vignette-edit",   KC_VIGNETTES,    "e",               "edit the vignette ($EDITOR)") \
	X(A_V_DELETE,     "vignette-delete", KC_VIGNETTES,    "D",               "delete the vignette") \
	X(A_P_ADD,        "participant-add", KC_PARTICIPANTS, "a",               "add a participant") \
	X(A_P_EDIT,       "participant-edit", KC_PARTICIPANTS, "e",              "edit pseudonym, role, attributes, aliases") \
	X(A_P_DELETE,     "participant-delete", KC_PARTICIPANTS, "D",            "delete the participant (if unused)") \
	X(A_P_ROLE,       "participant-role", KC_PARTICIPANTS, "r",              "dated role: ROLE from YYYY-MM-DD (or -YYYY-MM-DD to drop one)") \
	X(A_P_FILTER,     "participant-filter", KC_PARTICIPANTS, "<Enter>",      "show this participant's vignettes") \
	X(A_R_CHAR_NEXT,  "char-next",       KC_READER,       "l <Right>",       "next character") \
	X(A_R_CHAR_PREV,  "char-prev",       KC_READER,       "h <Left>",        "previous character") \
	X(A_R_WORD_NEXT,  "word-next",       KC_READER,       "w",               "next word") \
	X(A_R_WORD_PREV,  "word-prev",       KC_READER,       "b",               "previous word") \
	X(A_R_SENT_NEXT,  "sentence-next",   KC_READER,       ")",               "next sentence") \
	X(A_R_SENT_PREV,  "sentence-prev",   KC_READER,       "(",               "previous sentence") \
	X(A_R_PARA_NEXT,  "paragraph-next",  KC_READER,       "}",               "next paragraph") \
	X(A_R_PARA_PREV,  "paragraph-prev",  KC_READER,       "{",               "previous paragraph") \
	X(A_R_SELECT,     "select",          KC_READER,       "v",               "start / drop a selection") \
	X(A_R_CODE,       "code",            KC_READER,       "c",               "code the selection (fuzzy picker)") \
	X(A_R_CODE_ME,    "code-me",         KC_READER,       "1",               "code with ME (or last ME sub-code)") \
	X(A_R_CODE_JE,    "code-je",         KC_READER,       "2",               "code with JE (or last JE sub-code)") \
	X(A_R_CODE_SR,    "code-sr",         KC_READER,       "3",               "code with SR (or last SR sub-code)") \
	X(A_R_CODE_WHOLE, "code-vignette",   KC_READER,       "V",               "code the whole vignette (picker)") \
	X(A_R_CODINGS,    "codings",         KC_READER,       "L",               "list codings under the cursor") \
	X(A_R_WORD_END,   "word-end",        KC_READER,       "e",               "end of the word (of the next one when at its end)") \
	X(A_R_INNER,      "select-inner",    KC_READER,       "i",               "selecting: i w, i s, i p select the word, sentence, paragraph") \
	X(A_R_AROUND,     "select-around",   KC_READER,       "a",               "selecting: a w, a s, a p select it with the space after it") \
	X(A_R_OTHER_END,  "other-end",       KC_READER,       "o",               "selecting: put the cursor on the selection's other end") \
	X(A_R_EDIT,       "coding-edit",     KC_READER,       "E",               "edit the coding under the cursor") \
	X(A_R_RECODE,     "recode",          KC_READER,       "r",               "give the coding under the cursor another code") \
	X(A_R_RESPAN,     "respan",          KC_READER,       "s",               "resize the coding under the cursor (move its ends)") \
	X(A_R_RESPAN_SAVE, "respan-save",    KC_READER,       "<Enter>",         "resizing: save the coding's new span") \
	X(A_O_WORD,       "object-word",     KC_OBJECT,       "w",               "the word (a run of spaces, a punctuation mark)") \
	X(A_O_SENTENCE,   "object-sentence", KC_OBJECT,       "s",               "the sentence, to its full stop") \
	X(A_O_PARAGRAPH,  "object-paragraph", KC_OBJECT,      "p",               "the paragraph (blank lines part them)") \
	X(A_R_DELETE,     "coding-delete",   KC_READER,       "x",               "delete the coding under the cursor") \
	X(A_R_REVIEW,     "review",          KC_READER,       "!",               "codings flagged for review (an edit cut them)") \
	X(A_R_HIT_NEXT,   "hit-next",        KC_READER,       "n",               "next search hit (/ searches)") \
	X(A_R_HIT_PREV,   "hit-prev",        KC_READER,       "N",               "previous search hit") \
	X(A_C_FOLD,       "fold",            KC_CODEBOOK,     "<Space>",         "fold / unfold") \
	X(A_C_ADD,        "code-add",        KC_CODEBOOK,     "a",               "add a sub-code") \
	X(A_C_RENAME,     "code-rename",     KC_CODEBOOK,     "R",               "rename the code") \
	X(A_C_MOVE,       "code-move",       KC_CODEBOOK,     "m",               "move under another code") \
	X(A_C_MERGE,      "code-merge",      KC_CODEBOOK,     "M",               "merge into another code") \
	X(A_C_DELETE,     "code-delete",     KC_CODEBOOK,     "D",               "delete the code and its codings") \
	X(A_C_DESCRIBE,   "code-describe",   KC_CODEBOOK,     "d",               "set the description") \
	X(A_C_COLOR,      "code-color",      KC_CODEBOOK,     "C",               "set the color (#rrggbb)") \
	X(A_C_FILTER,     "code-filter",     KC_CODEBOOK,     "=",               "show vignettes with this code") \
	X(A_C_RETRIEVE,   "retrieve",        KC_CODEBOOK,     "r",               "every segment coded with this code") \
	X(A_T_CODERS,     "all-coders",      KC_RETRIEVAL,    "a",               "toggle all coders / only me") \
	X(A_T_WIDER,      "context-wider",   KC_RETRIEVAL,    "+ >",             "more context around the segments") \
	X(A_T_NARROWER,   "context-narrower", KC_RETRIEVAL,   "- <",             "less context around the segments") \
	X(A_S_TAB_NEXT,   "tab-next",        KC_SUMMARIES,    "]",               "next tab") \
	X(A_S_TAB_PREV,   "tab-prev",        KC_SUMMARIES,    "[",               "previous tab") \
	X(A_S_TAB,        "tab",             KC_SUMMARIES,    "1 2 3 4 5 6 7 8 9 0", "tabs 1-5 summaries, 6-0 analyses") \
	X(A_S_SORT,       "sort",            KC_SUMMARIES,    "s",               "sort by the next column") \
	X(A_S_REVERSE,    "sort-reverse",    KC_SUMMARIES,    "S",               "reverse the sort") \
	X(A_S_COL_NEXT,   "cell-right",      KC_SUMMARIES,    "l <Right>",       "engagement, co-occurrence: next matrix column") \
	X(A_S_COL_PREV,   "cell-left",       KC_SUMMARIES,    "h <Left>",        "engagement, co-occurrence: previous matrix column") \
	X(A_S_ADD,        "entry-add",       KC_SUMMARIES,    "a",               "registers: add an entry") \
	X(A_S_RENAME,     "entry-rename",    KC_SUMMARIES,    "R",               "registers: rename the entry (its name)") \
	X(A_S_ENTRY_ID,   "entry-id",        KC_SUMMARIES,    "i",               "registers: change the entry's id") \
	X(A_S_DESCRIBE,   "entry-describe",  KC_SUMMARIES,    "d",               "registers: describe the entry") \
	X(A_S_COMMUNITY,  "entry-community", KC_SUMMARIES,    "c",               "registers: set the entry's community") \
	X(A_S_MERGE,      "entry-merge",     KC_SUMMARIES,    "M",               "registers: merge the entry into another") \
	X(A_S_DELETE,     "entry-delete",    KC_SUMMARIES,    "D",               "registers: delete the entry (codings lose it)") \
	X(A_V_NEGOTIATE,  "negotiate",       KC_VIGNETTES,    "N",               "negotiate two coders' disagreements; the sync conflicts") \
	X(A_V_ORDER,      "search-order",    KC_VIGNETTES,    "o",               "search hits by relevance / by date (also :order)") \
	X(A_N_KEEP_A,     "keep-a",          KC_NEGOTIATE,    "a",               "keep coder A's spans (note prompt); a sync conflict: ours") \
	X(A_N_KEEP_B,     "keep-b",          KC_NEGOTIATE,    "b",               "keep coder B's spans (note prompt); a sync conflict: theirs") \
	X(A_N_KEEP_BOTH,  "keep-both",       KC_NEGOTIATE,    "+",               "keep both coders' spans (note prompt); a sync conflict: both") \
	X(A_N_DROP,       "drop",            KC_NEGOTIATE,    "d",               "drop the code here (note prompt)") \
	X(A_N_EDIT,       "edit",            KC_NEGOTIATE,    "e",               "code by hand in the reader as consensus") \
	X(A_N_REOPEN,     "reopen",          KC_NEGOTIATE,    "r",               "take back the decision under the cursor") \
	X(A_N_UNDO,       "undo-decision",   KC_NEGOTIATE,    "u",               "undo the last decision") \
	X(A_N_NEXT_OPEN,  "next-open",       KC_NEGOTIATE,    "n",               "next open disagreement") \
	X(A_M_EDIT,       "memo-edit",       KC_MEMOS,        "<Enter> e",       "edit the memo's text ($VISUAL/$EDITOR)") \
	X(A_M_TITLE,      "memo-title",      KC_MEMOS,        "T",               "set the memo's title") \
	X(A_M_OPEN,       "memo-open",       KC_MEMOS,        "o",               "open the memo's target (a picker when it has several)") \
	X(A_M_KIND,       "memo-kind",       KC_MEMOS,        "t",               "only memos on one kind of target (cycles; all again)") \
	X(A_M_DELETE,     "memo-delete",     KC_MEMOS,        "D",               "delete the memo (u undoes)") \
	X(A_F_NEXT,       "form-next",       KC_FORM,         "j <Down> <Tab>",  "next field") \
	X(A_F_PREV,       "form-prev",       KC_FORM,         "k <Up>",          "previous field") \
	X(A_F_ACTIVATE,   "form-activate",   KC_FORM,         "<Enter> <Space>", "edit the field / press the button") \
	X(A_F_SAVE,       "form-save",       KC_FORM,         "<C-s>",           "save the form") \
	X(A_F_CANCEL,     "form-cancel",     KC_FORM,         "<Esc> q",         "close the form without saving") \
	X(A_F_MEMO_EDITOR, "memo-editor",    KC_FORM,         "E",               "on the memo row: edit the memo in $VISUAL/$EDITOR") \
	X(A_PR_ACCEPT,    "prompt-accept",   KC_PROMPT,       "<Enter>",         "accept the answer / the pick") \
	X(A_PR_CANCEL,    "prompt-cancel",   KC_PROMPT,       "<Esc> <C-c> <C-g>", "cancel") \
	X(A_PR_COMPLETE,  "prompt-complete", KC_PROMPT,       "<Tab>",           "complete (commands, coder ids, themes, extensions)") \
	X(A_PR_LEFT,      "prompt-left",     KC_PROMPT,       "<Left> <C-b>",    "cursor left") \
	X(A_PR_RIGHT,     "prompt-right",    KC_PROMPT,       "<Right> <C-f>",   "cursor right") \
	X(A_PR_HOME,      "prompt-home",     KC_PROMPT,       "<Home> <C-a>",    "cursor to the start") \
	X(A_PR_END,       "prompt-end",      KC_PROMPT,       "<End> <C-e>",     "cursor to the end") \
	X(A_PR_BACKSPACE, "prompt-backspace", KC_PROMPT,      "<BS> <C-h>",      "delete the character before the cursor") \
	X(A_PR_DELETE,    "prompt-delete",   KC_PROMPT,       "<Del>",           "delete the character under the cursor") \
	X(A_PR_CLEAR,     "prompt-clear",    KC_PROMPT,       "<C-u>",           "clear the line") \
	X(A_PR_NEXT,      "prompt-next",     KC_PROMPT,       "<Down> <C-n>",    "picker: next match") \
	X(A_PR_PREV,      "prompt-prev",     KC_PROMPT,       "<Up> <C-p>",      "picker: previous match")

enum key_action {
	A_NONE,
#define KEYMAP_ENUM(id, name, ctx, keys, help) id,
	KEYMAP_ACTIONS(KEYMAP_ENUM)
#undef KEYMAP_ENUM
	A_COUNT
};

void keymap_init(void);
/* The action key is bound to in ctx (not falling back), or A_NONE. */
int keymap_lookup(int ctx, int key);
/* Parses one key name ("j", "<C-r>", "<Enter>", "<F1>", "é") at *s and
 * advances *s; -1 if malformed. */
int keymap_parse_key(const char **s);
void keymap_key_name(int key, char *buf, size_t n);
/* Rebinds action (by name) to the space-separated key names. */
int keymap_bind(const char *action, const char *keys, px_err *e);
const char *keymap_action_name(int a);
const char *keymap_action_help(int a);
int keymap_action_ctx(int a);
const char *keymap_ctx_name(int ctx);
/* The action's keys as "j <Down>". */
void keymap_action_keys(int a, char *buf, size_t n);

/* Binds the config file's `keys:` (after keymap_init); an unknown action
 * or a bad key name is an error at its FILE:LINE:COL. */
int keymap_apply_config(const struct px_config *cfg, px_err *e);

#endif
