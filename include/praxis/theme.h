/* theme.h: colors named by role (curses-free: the interface and the
 * HTML export read the same table).
 *
 * One X-macro table lists every role with its built-in look; a theme file
 * (YAML, `role: FG [on BG] [bold] [underline] [reverse] [dim]`) overrides
 * roles by name. Colors are names (red, bright-blue...), colorN (0-255) or
 * #rrggbb, stepped down to the 256 or 8 colors the terminal has; NO_COLOR
 * or a monochrome terminal keeps only the attributes. */
#ifndef PRAXIS_THEME_H
#define PRAXIS_THEME_H

#include <stddef.h>
#include "praxis/err.h"

/*  id                 name                 fg         bg         attrs */
#define THEME_ROLES(X) \
	X(ROLE_NORMAL,       "normal",            "default", "default", "") \
	X(ROLE_TITLE,        "pane.title",        "white",   "color238", "") \
	X(ROLE_TITLE_FOCUS,  "pane.title.focus",  "black",   "cyan",    "bold") \
	X(ROLE_BORDER,       "border",            "color244", "default", "") \
	X(ROLE_CURSOR,       "cursor",            "black",   "cyan",    "") \
	X(ROLE_CURSOR_DIM,   "cursor.unfocused",  "default", "color238", "") \
	X(ROLE_STATUS,       "status",            "black",   "white",   "") \
	X(ROLE_MESSAGE,      "message",           "default", "default", "") \
	X(ROLE_ERROR,        "error",             "red",     "default", "bold") \
	X(ROLE_PROMPT,       "prompt",            "yellow",  "default", "bold") \
	X(ROLE_CODE_ME,      "code.ME",           "black",   "#d7875f", "") \
	X(ROLE_CODE_JE,      "code.JE",           "black",   "#87afd7", "") \
	X(ROLE_CODE_SR,      "code.SR",           "black",   "#afd787", "") \
	X(ROLE_SELECTION,    "selection",         "default", "default", "reverse") \
	X(ROLE_TEXT_CURSOR,  "reader.cursor",     "black",   "yellow",  "") \
	X(ROLE_CONTROL,      "control",           "magenta", "default", "bold") \
	X(ROLE_MEMO,         "memo",              "yellow",  "default", "bold") \
	X(ROLE_REVIEW,       "review",            "white",   "red",     "bold") \
	X(ROLE_DIM,          "dim",               "color245", "default", "") \
	X(ROLE_KEY,          "help.key",          "cyan",    "default", "bold") \
	X(ROLE_MATCH,        "match",             "yellow",  "default", "underline") \
	X(ROLE_POPUP,        "popup",             "default", "color236", "") \
	X(ROLE_POPUP_TITLE,  "popup.title",       "black",   "yellow",  "bold") \
	X(ROLE_TOO_SMALL,    "too-small",         "white",   "red",     "bold") \
	X(ROLE_NEG_A,        "negotiate.a",       "black",   "#d7af5f", "") \
	X(ROLE_NEG_B,        "negotiate.b",       "black",   "#87afff", "") \
	X(ROLE_NEG_BOTH,     "negotiate.both",    "black",   "#87d787", "bold") \
	X(ROLE_OVERRIDE,     "status.override",   "black",   "yellow",  "bold")

enum theme_role {
#define THEME_ENUM(id, name, fg, bg, attrs) id,
	THEME_ROLES(THEME_ENUM)
#undef THEME_ENUM
	ROLE_COUNT
};

enum theme_attr { TA_BOLD = 1, TA_UNDERLINE = 2, TA_REVERSE = 4, TA_DIM = 8 };

/* A color: -1 terminal default, 0..255 a palette index, or THEME_RGB|rgb. */
#define THEME_RGB 0x1000000

typedef struct theme_style {
	int fg, bg;
	int attrs;               /* enum theme_attr bits */
} theme_style;

typedef struct theme {
	theme_style style[ROLE_COUNT];
	unsigned char custom[ROLE_COUNT]; /* set by the theme file, not built in */
} theme;

void theme_default(theme *t);
/* NAME (looked up as themes/NAME.yaml under $PRAXIS_THEMES, ./themes and
 * PRAXIS_DATADIR) or a file path; applied over the built-in default. */
int theme_load(theme *t, const char *name_or_file, px_err *e);
int theme_load_file(theme *t, const char *path, px_err *e);
/* The same for a buffer named name (for tests and the fuzzer). */
int theme_load_buffer(theme *t, const char *name, const char *data, size_t len, px_err *e);
/* Parses "FG [on BG] [attr...]" for role; error text in e (no location). */
int theme_parse_style(const char *spec, theme_style *out, px_err *e);
/* A color spec to a color value; -2 if invalid. */
int theme_parse_color(const char *s);
/* The color stepped down to a palette of ncolors (256, 88, 16 or 8). */
int theme_step_color(int color, int ncolors);
/* The theme as drawn on a terminal of ncolors: under 256 the built-in
 * looks whose greys and pastels would collide there (pane titles, the
 * three dimensions, the negotiation overlays) take basic colors instead;
 * a role the theme file set stays as it is. */
void theme_for_colors(const theme *in, int ncolors, theme *out);
int theme_role_find(const char *name);   /* -1 if unknown */
/* The role a code dimension (enum code_dimension: 1 ME, 2 JE, 3 SR) is
 * drawn in; ROLE_NORMAL for none. */
int theme_dimension_role(int dimension);
/* The built-in background of role as 0xrrggbb in *rgb: 0, or -1 when it
 * is not a #rrggbb color. The HTML export colors the dimensions with it,
 * so the page and the default screen agree. */
int theme_role_default_rgb(int role, int *rgb);
const char *theme_role_name(int role);
/* Names of the themes shipped (NULL-terminated), for completion. */
extern const char *const theme_builtin_names[];

#endif
