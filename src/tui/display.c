/* display.c: curses setup and teardown, drawing by display width, the
 * screen dump; see praxis/display.h. */
#include <curses.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
#include "praxis/display.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/util.h"

static SCREEN *screen;
static FILE *null_out, *null_in;
static int headless;
static int active;
/* The terminal's modes before praxis: flow control (IXON) goes off while
 * praxis runs, so <C-s> reaches the form (save) instead of freezing the
 * screen, and comes back on every way out. */
static struct termios saved_tio;
static int have_saved_tio;
/* Roles past ROLE_COUNT are codes' own colors (dsp_code_role). */
#define CODE_ROLES 64
static attr_t role_attr[ROLE_COUNT + CODE_ROLES];
static short role_pair[ROLE_COUNT + CODE_ROLES];
static short role_fg[ROLE_COUNT], role_bg[ROLE_COUNT];
static int role_has_bg[ROLE_COUNT];   /* the theme colors it (mono: no) */
static int color_on, ncode_roles;
static struct {
	int color, base;
	char name[16];
} code_roles[CODE_ROLES];

int display_headless(void)
{
	return headless;
}

static void restore_terminal(void)
{
	if (!active)
		return;
	active = 0;
	endwin();   // NOLINT(bugprone-signal-handler,cert-sig30-c): see on_fatal
	if (have_saved_tio)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
}

/* Flow control off (after curses set its own modes). */
static void flow_control_off(void)
{
	struct termios tio;

	if (tcgetattr(STDIN_FILENO, &tio))
		return;
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
	tcsetattr(STDIN_FILENO, TCSANOW, &tio);
}

/* Fatal signals: put the terminal back, then die the way we would have. */
static void on_fatal(int sig)
{
	/* endwin is not async-signal-safe; the process is dying either way,
	 * and a terminal left in raw mode is the worse outcome for the user */
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void install_handlers(void)
{
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM, SIGHUP,
				    SIGINT, SIGQUIT };
	static int installed;

	if (installed)
		return;
	installed = 1;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		signal(sigs[i], on_fatal);
	atexit(restore_terminal);
}

static int env_int(const char *name, int def)
{
	const char *v = getenv(name);
	char *end = NULL;
	long n = v && *v ? strtol(v, &end, 10) : 0;

	if (end && *end)
		return def;

	return n > 0 && n < 10000 ? (int)n : def;
}

int display_init(int is_headless, px_err *e)
{
	const char *term = getenv("TERM");

	headless = is_headless;
	if (headless) {
		int rows = env_int("LINES", 24), cols = env_int("COLUMNS", 80);
		/* curses wants a terminal's two streams; /dev/null is both */
		null_out = fopen("/dev/null", "w");
		null_in = fopen("/dev/null", "r");   // cppcheck-suppress incompatibleFileOpen
		if (!null_out || !null_in)
			return px_fail(e, PX_EIO, "cannot open /dev/null for the headless screen");
		screen = newterm(term && *term ? term : "xterm-256color", null_out, null_in);
		if (!screen)
			screen = newterm("xterm-256color", null_out, null_in);
		if (!screen)
			return px_fail(e, PX_EIO, "cannot start the headless screen");
		set_term(screen);
		resizeterm(rows, cols);
	} else {
		/* $LINES/$COLUMNS size the headless screen; a real terminal is
		 * measured (use_tioctl: the window size wins over a stale export;
		 * use_env(FALSE) would fall back to terminfo's 80x24) */
		use_tioctl(TRUE);
		have_saved_tio = tcgetattr(STDIN_FILENO, &saved_tio) == 0;
		screen = newterm(NULL, stdout, stdin);
		if (!screen)
			return px_fail(e, PX_EIO, "cannot start the interface on terminal type '%s'",
				       term ? term : "(unset)");
		set_term(screen);
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	active = 1;
	install_handlers();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* Shift-Tab: terminals whose terminfo lacks kcbt (vt100, as tmux or
	 * xterm run it) still send ESC [ Z; read it as <BTab>, not as Escape,
	 * [ and Z */
	if (key_defined("\033[Z") == 0)
		define_key("\033[Z", KEY_BTAB);
	set_escdelay(25);
	curs_set(0);
	if (!headless)
		flow_control_off();
	return PX_OK;
}

void display_end(void)
{
	restore_terminal();
	if (screen) {
		delscreen(screen);
		screen = NULL;
	}
	if (null_out)
		fclose(null_out);
	if (null_in)
		fclose(null_in);
	null_out = null_in = NULL;
}

/* Without colors (NO_COLOR, a vt100) the roles that mark a place must
 * still show, added to the theme's own attributes: the focused pane's
 * title reversed, the unfocused ones bold; the three dimensions each
 * their own (as in the mono theme): ME underline, JE bold, SR both. */
static attr_t mono_fallback(int role)
{
	switch (role) {
	case ROLE_TITLE_FOCUS: case ROLE_CURSOR: case ROLE_STATUS: case ROLE_TEXT_CURSOR:
	case ROLE_TOO_SMALL: case ROLE_POPUP_TITLE: case ROLE_REVIEW:
		return A_REVERSE;
	case ROLE_CODE_ME: case ROLE_MATCH:
		return A_UNDERLINE;
	case ROLE_CODE_SR:
		return A_UNDERLINE | A_BOLD;
	case ROLE_CODE_JE: case ROLE_TITLE: case ROLE_KEY: case ROLE_ERROR: case ROLE_CURSOR_DIM:
		return A_BOLD;
	default:
		return 0;
	}
}

static attr_t style_attrs(int a)
{
	return ((a & TA_BOLD) ? A_BOLD : 0) | ((a & TA_UNDERLINE) ? A_UNDERLINE : 0) |
	       ((a & TA_REVERSE) ? A_REVERSE : 0) | ((a & TA_DIM) ? A_DIM : 0);
}

void display_apply_theme(const theme *th)
{
	const char *nc = getenv("NO_COLOR");
	int color = has_colors() && !(nc && *nc);
	theme stepped;
	const theme *t = &stepped;

	if (color) {
		start_color();
		use_default_colors();
	}
	theme_for_colors(th, color ? COLORS : 0, &stepped);
	color_on = color;
	ncode_roles = 0;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const theme_style *s = &t->style[r];
		role_fg[r] = (short)theme_step_color(s->fg, color ? COLORS : 8);
		role_has_bg[r] = s->bg >= 0;
		role_attr[r] = style_attrs(s->attrs);
		role_pair[r] = 0;
		role_bg[r] = -1;
		if (color && r + 1 < COLOR_PAIRS) {
			role_bg[r] = (short)theme_step_color(s->bg, COLORS);
			init_pair((short)(r + 1), role_fg[r], role_bg[r]);
			role_pair[r] = (short)(r + 1);
		} else {
			role_attr[r] |= mono_fallback(r);
		}
	}
}

/* "#rgb" or "#rrggbb" as a color value, else -2. */
static int code_color_value(const char *c)
{
	char six[8];

	if (c && c[0] == '#' && strlen(c) == 4) {
		snprintf(six, sizeof(six), "#%c%c%c%c%c%c", c[1], c[1], c[2], c[2], c[3], c[3]);
		c = six;
	}
	return c && c[0] == '#' ? theme_parse_color(c) : -2;
}

int dsp_code_role(const char *color, int base)
{
	int v = code_color_value(color), k;

	if (!color_on || v < 0 || base < 0 || base >= ROLE_COUNT || !role_has_bg[base])
		return base;
	for (k = 0; k < ncode_roles; k++)
		if (code_roles[k].color == v && code_roles[k].base == base)
			return ROLE_COUNT + k;
	if (ncode_roles == CODE_ROLES || ROLE_COUNT + ncode_roles + 1 >= COLOR_PAIRS)
		return base;   /* out of pairs: the dimension's color will do */
	k = ncode_roles++;
	code_roles[k].color = v;
	code_roles[k].base = base;
	snprintf(code_roles[k].name, sizeof(code_roles[k].name), "code#%06x", v & 0xffffff);
	init_pair((short)(ROLE_COUNT + k + 1), role_fg[base], (short)theme_step_color(v, COLORS));
	role_pair[ROLE_COUNT + k] = (short)(ROLE_COUNT + k + 1);
	role_attr[ROLE_COUNT + k] = role_attr[base];
	return ROLE_COUNT + k;
}

void display_resize(int rows, int cols)
{
	resizeterm(rows, cols);
}

int display_rows(void)
{
	return LINES;
}

int display_cols(void)
{
	return COLS;
}

/* The terminal's mouse event in the script's encoding (keymap.h), so a
 * click takes the same path as <Click COL ROW>; -1 for other buttons. */
static int mouse_key(void)
{
	MEVENT ev;
	int kind = 0;

	if (getmouse(&ev) != OK || ev.x < 0 || ev.y < 0)
		return -1;
	if (ev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))
		kind = TK_CLICK;
	else if (ev.bstate & BUTTON4_PRESSED)
		kind = TK_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		kind = TK_WHEEL_DOWN;
#endif
	return kind ? TK_MOUSE_KEY(kind, ev.x, ev.y) : -1;
}

int display_getkey(int timeout_ms)
{
	wint_t wc;
	int rc;

	timeout(timeout_ms);
	rc = get_wch(&wc);
	if (rc == ERR)
		return -1;
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_MOUSE)
			return mouse_key();
		if (wc == KEY_ENTER)
			return TK_ENTER;
		return TK_FN | (int)wc;
	}
	if (wc == '\n' || wc == '\r')
		return TK_ENTER;
	if (wc == 127 || wc == 8)
		return TK_FN | KEY_BACKSPACE;
	return (int)wc;
}

void display_clear(void)
{
	attrset(A_NORMAL);
	bkgdset(' ');
	erase();
}

void display_flush(int cy, int cx)
{
	if (cy >= 0 && cx >= 0 && !headless) {
		move(cy, cx);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

void display_suspend(void)
{
	if (headless)
		return;
	def_prog_mode();
	endwin();
}

void display_resume(void)
{
	if (headless)
		return;
	reset_prog_mode();
	clearok(stdscr, TRUE);
	refresh();
}

static void put_cell(int y, int x, const wchar_t *wcs, int role)
{
	cchar_t cc;

	setcchar(&cc, wcs, role_attr[role], role_pair[role], NULL);
	mvadd_wch(y, x, &cc);
}

static int is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0x200e || cp == 0x200f || cp == 0x61c;
}

int dsp_cp_width(unsigned cp)
{
	if (is_control(cp)) {
		char enc[5] = { 0 };
		char *esc;
		int w;
		text_encode(cp, enc);
		esc = text_sanitize(enc, 0);
		w = (int)text_width(esc);
		free(esc);
		return w;
	}
	int w = text_cp_width(cp);
	return w < 0 ? 1 : w;
}

/* A control code point drawn as its inert escape ("^[", "<U+202E>"). */
static int put_escape(int y, int x, int w, unsigned cp)
{
	char enc[5] = { 0 };
	char *esc;
	int used = 0;

	text_encode(cp, enc);
	esc = text_sanitize(enc, 0);
	if ((int)text_width(esc) <= w) {
		for (const char *p = esc; *p; p++) {
			wchar_t wcs[2] = { (wchar_t)(unsigned char)*p, 0 };
			put_cell(y, x + used++, wcs, ROLE_CONTROL);
		}
	}
	free(esc);
	return used;
}

int dsp_cp(int y, int x, int w, unsigned cp, int role)
{
	int cw;

	if (w <= 0 || y < 0 || y >= LINES || x < 0 || x >= COLS)
		return 0;
	if (is_control(cp))
		return put_escape(y, x, w, cp);
	cw = text_cp_width(cp);
	if (cw <= 0)
		return 0;
	if (cw > w)
		return 0;
	wchar_t wcs[2] = { (wchar_t)cp, 0 };
	put_cell(y, x, wcs, role);
	return cw;
}

int dsp_raw(int y, int x, int w, const char *s, int role)
{
	size_t len = s ? strlen(s) : 0, i = 0;
	int used = 0;

	if (y < 0 || y >= LINES)
		return 0;
	if (x + w > COLS)
		w = COLS - x;
	while (i < len && used < w) {
		uint32_t cp;
		wchar_t wcs[6];
		int nw = 0, cw;
		i += text_decode(s + i, len - i, &cp);
		if (cp == '\n' || cp == '\t')
			cp = ' ';
		if (is_control(cp)) {
			int n = put_escape(y, x + used, w - used, cp);
			if (!n)
				break;
			used += n;
			continue;
		}
		cw = text_cp_width(cp);
		if (cw <= 0)
			continue;   /* a stray combining mark with no base */
		if (used + cw > w)
			break;
		wcs[nw++] = (wchar_t)cp;
		/* combining marks ride on their base character's cell */
		while (i < len && nw < 5) {
			uint32_t next;
			size_t n = text_decode(s + i, len - i, &next);
			if (is_control(next) || text_cp_width(next) != 0)
				break;
			wcs[nw++] = (wchar_t)next;
			i += n;
		}
		wcs[nw] = 0;
		put_cell(y, x + used, wcs, role);
		used += cw;
	}
	return used;
}

void dsp_wrap(const char *s, int w, strlist *out)
{
	size_t len = strlen(s), i = 0;

	if (w < 1)
		w = 1;
	do {
		size_t start = i, brk = 0;
		int col = 0;
		while (i < len && s[i] != '\n') {
			uint32_t cp;
			size_t n = text_decode(s + i, len - i, &cp);
			int cw = dsp_cp_width(cp);
			if (col + cw > w && col > 0)
				break;
			col += cw;
			i += n;
			if (cp == ' ')
				brk = i;
		}
		if (i < len && s[i] != '\n' && brk > start)
			i = brk;
		{
			char *line = xasprintf("%.*s", (int)(i - start), s + start);
			sl_push(out, line);
			free(line);
		}
		if (i < len && s[i] == '\n')
			i++;
	} while (i < len);
}

int dsp_text(int y, int x, int w, const char *s, int role)
{
	return dsp_raw(y, x, w, s, role);
}

int dsp_textf(int y, int x, int w, int role, const char *fmt, ...)
{
	va_list ap;
	strbuf b;
	int n;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	n = dsp_raw(y, x, w, sb_str(&b), role);
	sb_free(&b);
	return n;
}

/* One call for the run of cells rather than one a cell: a frame fills
 * every row of every pane, and a cell at a time was a third of the CPU
 * time of drawing one (perf, 100k vignettes). The frame starts from an
 * erased screen (display_clear), so no wide character is cut in two. */
void dsp_fill(int y, int x, int w, int role)
{
	wchar_t sp[2] = { L' ', 0 };
	int from = x < 0 ? 0 : x, to = x + w < COLS ? x + w : COLS;
	cchar_t cc;

	if (y < 0 || y >= LINES || from >= to)
		return;
	setcchar(&cc, sp, role_attr[role], role_pair[role], NULL);
	mvhline_set(y, from, &cc, to - from);
}

void dsp_vline(int y, int x, int h, int role)
{
	wchar_t bar[2] = { 0x2502, 0 };

	for (int i = 0; i < h; i++)
		if (y + i >= 0 && y + i < LINES && x >= 0 && x < COLS)
			put_cell(y + i, x, bar, role);
}

static const char *role_of_pair(short pair)
{
	if (pair > ROLE_COUNT && pair <= ROLE_COUNT + ncode_roles)
		return code_roles[pair - ROLE_COUNT - 1].name;
	return pair > 0 && pair <= ROLE_COUNT ? theme_role_name(pair - 1) : "normal";
}

/* The theme roles the dump's runs used, for its closing colors list. */
static unsigned char dump_used[ROLE_COUNT + 1];

static void dump_attr_runs(FILE *fp, int y)
{
	int start = -1;
	short cur_pair = 0;
	attr_t cur_attr = 0;

	for (int x = 0; x <= COLS; x++) {
		short pair = 0;
		attr_t at = 0;
		if (x < COLS) {
			cchar_t cc;
			wchar_t wcs[CCHARW_MAX + 1];
			mvin_wch(y, x, &cc);
			getcchar(&cc, wcs, &at, &pair, NULL);
			at &= (A_BOLD | A_REVERSE | A_UNDERLINE | A_DIM);
		}
		if (start >= 0 && (x == COLS || pair != cur_pair || at != cur_attr)) {
			if (cur_pair > 1 || cur_attr) {
				if (cur_pair > 0 && cur_pair <= ROLE_COUNT)
					dump_used[cur_pair] = 1;
				fprintf(fp, "  @%d-%d %s", start, x - 1, role_of_pair(cur_pair));
				if (cur_attr & A_BOLD)
					fputs("+bold", fp);
				if (cur_attr & A_REVERSE)
					fputs("+reverse", fp);
				if (cur_attr & A_UNDERLINE)
					fputs("+underline", fp);
				if (cur_attr & A_DIM)
					fputs("+dim", fp);
				fputc('\n', fp);
			}
			start = -1;
		}
		if (start < 0 && x < COLS) {
			start = x;
			cur_pair = pair;
			cur_attr = at;
		}
	}
}

static void dump_row(FILE *fp, int y)
{
	strbuf b;
	size_t keep = 0;

	sb_init(&b);
	for (int x = 0; x < COLS; x++) {
		cchar_t cc;
		wchar_t wcs[CCHARW_MAX + 1] = { 0 };
		attr_t at;
		short pair;
		int cw;
		mvin_wch(y, x, &cc);
		getcchar(&cc, wcs, &at, &pair, NULL);
		if (!wcs[0]) {
			sb_addc(&b, ' ');
			continue;
		}
		for (int k = 0; wcs[k]; k++) {
			char enc[4];
			sb_addn(&b, enc, text_encode((uint32_t)wcs[k], enc));
		}
		cw = text_cp_width((uint32_t)wcs[0]);
		if (cw == 2)
			x++;   /* the wide character's second cell */
		if (wcs[0] != L' ')
			keep = b.len;
	}
	fwrite(b.s ? b.s : "", 1, keep, fp);
	fputc('\n', fp);
	sb_free(&b);
}

static const char *color_name(short c, char *buf, size_t n)
{
	static const char *const names[] = { "black", "red", "green", "yellow", "blue",
					     "magenta", "cyan", "white" };

	if (c < 0)
		return "default";
	if (c < 8)
		return names[c];
	snprintf(buf, n, "color%d", c);
	return buf;
}

/* After the runs: the colors each theme role on the screen was drawn in,
 * as the terminal got them ("colors: none" without colors), so a test
 * can see that two roles stay apart on an 8-color terminal. */
static void dump_colors(FILE *fp)
{
	if (!color_on) {
		fputs("colors: none\n", fp);
		return;
	}
	fprintf(fp, "colors: %d\n", COLORS);
	for (int r = 0; r < ROLE_COUNT; r++) {
		char fb[16], bb[16];
		if (dump_used[r + 1])
			fprintf(fp, "  %s: %s on %s\n", theme_role_name(r),
				color_name(role_fg[r], fb, sizeof(fb)),
				color_name(role_bg[r], bb, sizeof(bb)));
	}
}

int display_dump(const char *path, int attrs, px_err *e)
{
	FILE *fp = fopen(path, "w");

	if (!fp)
		return px_fail(e, PX_EIO, "%s: cannot write the screen dump", path);
	memset(dump_used, 0, sizeof(dump_used));
	for (int y = 0; y < LINES; y++) {
		dump_row(fp, y);
		if (attrs)
			dump_attr_runs(fp, y);
	}
	if (attrs)
		dump_colors(fp);
	if (fclose(fp) != 0)
		return px_fail(e, PX_EIO, "%s: cannot write the screen dump", path);
	return PX_OK;
}
