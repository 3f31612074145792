/* display.h: the one owner of the terminal.
 *
 * Starts curses on the real terminal or headless (newterm on /dev/null
 * with a fixed size), restores the terminal on every exit path (atexit and
 * fatal signals), and draws text by display width into rectangles of the
 * standard screen -- every pane draws there, so the screen dump reads one
 * window. Resizing has one path: KEY_RESIZE (or a scripted resize) ->
 * display_resize -> the caller's relayout. */
#ifndef PRAXIS_DISPLAY_H
#define PRAXIS_DISPLAY_H

#include "praxis/err.h"
#include "praxis/theme.h"
#include "praxis/util.h"

struct rect {
	int y, x, h, w;
};

/* headless: rows/cols from $LINES/$COLUMNS (default 24x80). */
int display_init(int headless, px_err *e);
void display_end(void);
int display_headless(void);
void display_apply_theme(const theme *t);
void display_resize(int rows, int cols);
/* The role for text coded with a code of its own color (#rgb/#rrggbb):
 * base's foreground on that color stepped down to the terminal's
 * palette; base itself without colors (NO_COLOR, or a theme like mono
 * that gives base no background) or without a valid color. The dump
 * names such runs "code#rrggbb". */
int dsp_code_role(const char *color, int base);
int display_rows(void);
int display_cols(void);
/* A key from the terminal (see keymap.h for the encoding), or -1 after
 * timeout_ms without one. */
int display_getkey(int timeout_ms);
void display_clear(void);
/* Flushes the frame; the hardware cursor goes to (cy, cx) or hides. */
void display_flush(int cy, int cx);
/* Leaves curses for a child program ($EDITOR) and comes back. */
void display_suspend(void);
void display_resume(void);

/* Drawing, clipped to w columns; return the columns used. Text is
 * sanitized (controls shown escaped) unless it comes from dsp_raw. */
int dsp_text(int y, int x, int w, const char *s, int role);
int dsp_raw(int y, int x, int w, const char *s, int role);
int dsp_textf(int y, int x, int w, int role, const char *fmt, ...) PX_PRINTF(5, 6);
void dsp_fill(int y, int x, int w, int role);
void dsp_vline(int y, int x, int h, int role);
/* One code point, escaped if it is a control; returns columns used (0 if
 * it does not fit in w). */
int dsp_cp(int y, int x, int w, unsigned cp, int role);
/* Columns dsp_cp would use for cp. */
int dsp_cp_width(unsigned cp);
/* s cut into lines of at most w columns, at spaces where possible and at
 * every newline, pushed onto out. */
void dsp_wrap(const char *s, int w, strlist *out);

/* Writes the screen as UTF-8 text, one line per row, trailing blanks
 * trimmed; with attrs, each row with colors or attributes is followed by
 * runs "  @COL-COL role[+bold...]". */
int display_dump(const char *path, int attrs, px_err *e);

#endif
