/* theme.c: roles, color parsing and theme files; see praxis/theme.h.
 * No curses here (io/, so the exports read the same role table):
 * tui/display.c turns styles into color pairs. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "praxis/theme.h"
#include "praxis/util.h"
#include "praxis/ytree.h"

#ifndef PRAXIS_DATADIR
#define PRAXIS_DATADIR "/usr/local/share/praxis"
#endif

static const struct {
	const char *name, *fg, *bg, *attrs;
} role_defaults[ROLE_COUNT] = {
#define THEME_ROW(id, name, fg, bg, attrs) { name, fg, bg, attrs },
	THEME_ROLES(THEME_ROW)
#undef THEME_ROW
};

const char *const theme_builtin_names[] = { "default", "light", "high-contrast", "mono", NULL };

static const char *const color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

int theme_role_find(const char *name)
{
	for (int i = 0; i < ROLE_COUNT; i++)
		if (strcmp(role_defaults[i].name, name) == 0)
			return i;
	return -1;
}

const char *theme_role_name(int role)
{
	return role >= 0 && role < ROLE_COUNT ? role_defaults[role].name : "?";
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int theme_parse_color(const char *s)
{
	if (strcasecmp(s, "default") == 0)
		return -1;
	for (int i = 0; i < 8; i++) {
		if (strcasecmp(s, color_names[i]) == 0)
			return i;
		if (strncasecmp(s, "bright", 6) == 0) {
			const char *rest = s + 6 + (s[6] == '-');
			if (strcasecmp(rest, color_names[i]) == 0)
				return i + 8;
		}
	}
	if (strncasecmp(s, "color", 5) == 0 || strncasecmp(s, "colour", 6) == 0) {
		const char *d = s + (s[5] == 'u' ? 6 : 5);
		char *end;
		long n;
		if (!*d)
			return -2;
		n = strtol(d, &end, 10);
		return *end || n < 0 || n > 255 ? -2 : (int)n;
	}
	if (s[0] == '#' && strlen(s) == 7) {
		int v = 0;
		for (int i = 1; i < 7; i++) {
			int h = hexval(s[i]);
			if (h < 0)
				return -2;
			v = v * 16 + h;
		}
		return THEME_RGB | v;
	}
	return -2;
}

/* The xterm 256-color cube index nearest to r, g, b (tmux's approach:
 * nearest cube step or grey ramp, whichever is closer). */
static int rgb_to_256(int r, int g, int b)
{
	static const int steps[6] = { 0, 0x5f, 0x87, 0xaf, 0xd7, 0xff };
	int ci[3], c[3] = { r, g, b };
	long cube_d, grey_d;
	int grey_i, grey;

	for (int k = 0; k < 3; k++) {
		int best = 0;
		for (int i = 1; i < 6; i++)
			if (abs(steps[i] - c[k]) < abs(steps[best] - c[k]))
				best = i;
		ci[k] = best;
	}
	int avg = (r + g + b) / 3;
	grey_i = avg > 238 ? 23 : (avg < 8 ? 0 : (avg - 3) / 10);
	grey = 8 + 10 * grey_i;
	cube_d = (long)(steps[ci[0]] - r) * (steps[ci[0]] - r) + (long)(steps[ci[1]] - g) * (steps[ci[1]] - g) +
		 (long)(steps[ci[2]] - b) * (steps[ci[2]] - b);
	grey_d = (long)(grey - r) * (grey - r) + (long)(grey - g) * (grey - g) + (long)(grey - b) * (grey - b);
	if (grey_d < cube_d)
		return 232 + grey_i;
	return 16 + 36 * ci[0] + 6 * ci[1] + ci[2];
}

static void index_to_rgb(int i, int *r, int *g, int *b)
{
	static const int base[16][3] = {
		{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 }, { 0, 0, 238 },
		{ 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 }, { 127, 127, 127 },
		{ 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 }, { 92, 92, 255 }, { 255, 0, 255 },
		{ 0, 255, 255 }, { 255, 255, 255 }
	};
	static const int steps[6] = { 0, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

	if (i < 16) {
		*r = base[i][0], *g = base[i][1], *b = base[i][2];
	} else if (i < 232) {
		i -= 16;
		*r = steps[i / 36], *g = steps[(i / 6) % 6], *b = steps[i % 6];
	} else {
		*r = *g = *b = 8 + 10 * (i - 232);
	}
}

/* Nearest of the 8 basic colors: each channel on or off; a grey is black
 * or white by its lightness (not white because every channel is "on"). */
static int rgb_to_8(int r, int g, int b)
{
	int max = r > g ? (r > b ? r : b) : (g > b ? g : b);
	int min = r < g ? (r < b ? r : b) : (g < b ? g : b);
	int cut = max / 2 > 0x30 ? max / 2 : 0x30;

	if (max < 0x40)
		return 0;
	if (max - min < 0x20)
		return max >= 0x80 ? 7 : 0;
	if (r > 0xc0 && g > 0xc0 && b > 0xc0)
		return 7;
	return (r > cut ? 1 : 0) | (g > cut ? 2 : 0) | (b > cut ? 4 : 0);
}

int theme_step_color(int color, int ncolors)
{
	int r, g, b;

	if (color < 0)
		return color;
	if (color & THEME_RGB) {
		r = (color >> 16) & 0xff, g = (color >> 8) & 0xff, b = color & 0xff;
		if (ncolors >= 256)
			return rgb_to_256(r, g, b);
	} else {
		if (color < ncolors)
			return color;
		if (color < 16 && ncolors >= 8)
			return color - 8;
		index_to_rgb(color, &r, &g, &b);
	}
	return rgb_to_8(r, g, b);
}

int theme_parse_style(const char *spec, theme_style *out, px_err *e)
{
	char *copy = xstrdup(spec), *save = NULL, *tok;
	int want_bg = 0, seen_fg = 0, rc = PX_OK;
	theme_style st = { -1, -1, 0 };

	for (tok = strtok_r(copy, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		int c;
		if (strcmp(tok, "on") == 0 && seen_fg && !want_bg) {
			want_bg = 1;
			continue;
		}
		if (strcmp(tok, "bold") == 0) { st.attrs |= TA_BOLD; continue; }
		if (strcmp(tok, "underline") == 0) { st.attrs |= TA_UNDERLINE; continue; }
		if (strcmp(tok, "reverse") == 0) { st.attrs |= TA_REVERSE; continue; }
		if (strcmp(tok, "dim") == 0) { st.attrs |= TA_DIM; continue; }
		if ((c = theme_parse_color(tok)) == -2 || (seen_fg && !want_bg) || want_bg == 2) {
			rc = px_fail(e, PX_EDATA, "bad color or attribute '%s' (use a name, colorN,"
				     " #rrggbb, bold, underline, reverse or dim)", tok);
			break;
		}
		if (want_bg) {
			st.bg = c;
			want_bg = 2;
		} else {
			st.fg = c;
			seen_fg = 1;
		}
	}
	if (!rc && want_bg == 1)
		rc = px_fail(e, PX_EDATA, "'on' needs a background color");
	free(copy);
	if (!rc)
		*out = st;
	return rc;
}

int theme_dimension_role(int dimension)
{
	static const int roles[] = { ROLE_NORMAL, ROLE_CODE_ME, ROLE_CODE_JE, ROLE_CODE_SR };

	return dimension >= 0 && dimension < 4 ? roles[dimension] : ROLE_NORMAL;
}

int theme_role_default_rgb(int role, int *rgb)
{
	int c;

	if (role < 0 || role >= ROLE_COUNT)
		return -1;
	c = theme_parse_color(role_defaults[role].bg);
	if (c < 0 || !(c & THEME_RGB))
		return -1;
	*rgb = c & 0xffffff;
	return 0;
}

/* The built-in looks on a terminal of fewer than 256 colors (see
 * theme_for_colors): distinct basic colors where the pastels and greys
 * would step to the same one. */
static const struct {
	int role;
	const char *spec;
} basic_styles[] = {
	{ ROLE_TITLE, "black on white" },
	{ ROLE_CURSOR_DIM, "black on white" },
	{ ROLE_CODE_ME, "white on red" },
	{ ROLE_CODE_JE, "white on blue" },
	{ ROLE_CODE_SR, "black on green" },
	{ ROLE_NEG_A, "black on yellow" },
	{ ROLE_NEG_B, "white on blue" },
	{ ROLE_NEG_BOTH, "black on green bold" },
};

void theme_for_colors(const theme *in, int ncolors, theme *out)
{
	*out = *in;
	if (ncolors >= 256)
		return;
	for (size_t i = 0; i < sizeof(basic_styles) / sizeof(basic_styles[0]); i++)
		if (!in->custom[basic_styles[i].role])
			theme_parse_style(basic_styles[i].spec, &out->style[basic_styles[i].role],
					  NULL);
}

void theme_default(theme *t)
{
	for (int i = 0; i < ROLE_COUNT; i++) {
		char *spec = xasprintf("%s on %s %s", role_defaults[i].fg, role_defaults[i].bg,
				       role_defaults[i].attrs);
		theme_parse_style(spec, &t->style[i], NULL);
		t->custom[i] = 0;
		free(spec);
	}
}

/* Reads role: style pairs from r (opened by the caller, closed here) over
 * a copy of *t; *t changes only if the whole file is good. */
static int theme_read(theme *t, yreader *r, px_err *e)
{
	ynode *key = NULL, *val = NULL;
	theme tmp = *t;
	int rc, got;

	if ((rc = yreader_begin_map(r, e)))
		goto done;
	while ((got = yreader_next_key(r, &key, e)) == 1) {
		int role = key->type == YN_SCALAR && key->value ? theme_role_find(key->value) : -1;
		px_err sub = { 0 };
		if (role < 0) {
			rc = yerr(e, r, key, "unknown role '%s'", key->type == YN_SCALAR && key->value ?
				  key->value : "(not a name)");
			goto done;
		}
		if ((rc = yreader_node(r, &val, e)))
			goto done;
		if (val->type != YN_SCALAR || !val->value) {
			rc = yerr(e, r, val, "%s: expected 'FG [on BG] [bold...]'", key->value);
			goto done;
		}
		if (theme_parse_style(val->value, &tmp.style[role], &sub)) {
			rc = yerr(e, r, val, "%s: %s", key->value, sub.msg);
			goto done;
		}
		tmp.custom[role] = 1;
		ynode_free(key);
		ynode_free(val);
		key = val = NULL;
	}
	if (got < 0) {
		rc = -got;
		goto done;
	}
	if ((rc = yreader_end(r, e)))
		goto done;
	*t = tmp;
done:
	ynode_free(key);
	ynode_free(val);
	yreader_close(r);
	return rc;
}

int theme_load_file(theme *t, const char *path, px_err *e)
{
	yreader r;
	int rc;

	if ((rc = yreader_open_file(&r, path, e)))
		return rc;
	return theme_read(t, &r, e);
}

int theme_load_buffer(theme *t, const char *name, const char *data, size_t len, px_err *e)
{
	yreader r;
	int rc;

	if ((rc = yreader_open_buffer(&r, name, data, len)))
		return px_fail(e, rc, "%s: cannot read the theme", name);
	return theme_read(t, &r, e);
}

static int readable(const char *path)
{
	return access(path, R_OK) == 0;
}

int theme_load(theme *t, const char *name, px_err *e)
{
	const char *dirs[3] = { getenv("PRAXIS_THEMES"), "themes", PRAXIS_DATADIR "/themes" };
	int rc;

	theme_default(t);
	if (!name || !*name || strcmp(name, "default") == 0)
		return PX_OK;
	if (strchr(name, '/') || (strlen(name) > 5 && strcmp(name + strlen(name) - 5, ".yaml") == 0))
		return theme_load_file(t, name, e);
	for (int i = 0; i < 3; i++) {
		char *path;
		if (!dirs[i] || !*dirs[i])
			continue;
		path = xasprintf("%s/%s.yaml", dirs[i], name);
		if (readable(path)) {
			rc = theme_load_file(t, path, e);
			free(path);
			return rc;
		}
		free(path);
	}
	return px_fail(e, PX_EUSAGE, "no theme '%s' (try default, light, high-contrast, mono,"
		       " or a file path)", name);
}
