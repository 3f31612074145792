/* script.c: key scripts for the headless interface; see praxis/script.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/keymap.h"
#include "praxis/script.h"
#include "praxis/util.h"

static void push(script *s, int key)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->keys = xrealloc(s->keys, s->cap * sizeof(*s->keys));
	}
	s->keys[s->n++] = key;
}

/* A decimal lo..hi at *p, advancing *p; -1 if none (strtol, not
 * sscanf's %d: a huge number must be an error, not undefined). */
static long read_number(const char **p, long lo, long hi)
{
	char *end;
	long v;

	if (**p < '0' || **p > '9')
		return -1;
	v = strtol(*p, &end, 10);
	*p = end;
	return v >= lo && v <= hi ? v : -1;
}

static long resize_dim(const char **p)
{
	return read_number(p, 1, 1000);
}

static int parse_resize(const char *p, int *key)
{
	long cols, rows;

	p += strlen("<Resize ");
	if ((cols = resize_dim(&p)) < 0 || *p++ != 'x' || (rows = resize_dim(&p)) < 0 || *p != '>')
		return 0;
	*key = TK_RESIZE | (int)cols << 12 | (int)rows;
	return 1;
}

/* <Click COL ROW>, <WheelUp COL ROW>, <WheelDown COL ROW>: 0-based cells. */
static const struct {
	const char *name;
	int kind;
} mouse_names[] = {
	{ "<Click ", TK_CLICK }, { "<WheelUp ", TK_WHEEL_UP }, { "<WheelDown ", TK_WHEEL_DOWN },
};

static int mouse_token(const char *p)
{
	for (size_t i = 0; i < sizeof(mouse_names) / sizeof(mouse_names[0]); i++)
		if (strncmp(p, mouse_names[i].name, strlen(mouse_names[i].name)) == 0)
			return (int)i;
	return -1;
}

static int parse_mouse(const char *p, int which, int *key)
{
	long col, row;

	p += strlen(mouse_names[which].name);
	if ((col = read_number(&p, 0, 999)) < 0 || *p++ != ' ' ||
	    (row = read_number(&p, 0, 999)) < 0 || *p != '>')
		return 0;
	*key = TK_MOUSE_KEY(mouse_names[which].kind, (int)col, (int)row);
	return 1;
}

static int parse_line(script *s, const char *name, int lineno, const char *line, px_err *e)
{
	const char *p = line;

	if (*p == '#' || *p == '\0')
		return PX_OK;
	if (*p == ':') {
		while (*p) {
			const char *at = p;
			int k = keymap_parse_key(&p);
			if (k < 0 || p == at)
				return px_fail(e, PX_EUSAGE, "%s:%d: bad text", name, lineno);
			push(s, k);
		}
		push(s, TK_ENTER);
		return PX_OK;
	}
	while (*p) {
		int k;
		if (strncmp(p, "<Resize ", 8) == 0) {
			if (!parse_resize(p, &k))
				return px_fail(e, PX_EUSAGE, "%s:%d: bad resize '%.20s' (use <Resize 60x20>)",
					       name, lineno, p);
			push(s, k);
			p = strchr(p, '>') + 1;
			continue;
		}
		int m = mouse_token(p);
		if (m >= 0) {
			if (!parse_mouse(p, m, &k))
				return px_fail(e, PX_EUSAGE, "%s:%d: bad mouse event '%.24s' (use %sCOL ROW>)",
					       name, lineno, p, mouse_names[m].name);
			push(s, k);
			p = strchr(p, '>') + 1;
			continue;
		}
		const char *at = p;
		if ((k = keymap_parse_key(&p)) < 0)
			return px_fail(e, PX_EUSAGE, "%s:%d: unknown key '%.20s'", name, lineno, at);
		push(s, k);
	}
	return PX_OK;
}

int script_parse(script *s, const char *name, const char *text, px_err *e)
{
	int lineno = 0, rc = PX_OK;
	const char *p = text;

	memset(s, 0, sizeof(*s));
	while (*p && !rc) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len);
		if (len && line[len - 1] == '\r')
			line[len - 1] = '\0';
		rc = parse_line(s, name, ++lineno, line, e);
		free(line);
		p += len + (nl ? 1 : 0);
	}
	return rc;
}

int script_load(script *s, const char *path, px_err *e)
{
	char *text = util_read_file(path, NULL);
	int rc;

	memset(s, 0, sizeof(*s));
	if (!text)
		return px_fail(e, PX_EIO, "%s: cannot read the key script", path);
	rc = script_parse(s, path, text, e);
	free(text);
	return rc;
}

int script_next(script *s, int *key)
{
	if (s->pos >= s->n)
		return 0;
	*key = s->keys[s->pos++];
	return 1;
}

void script_free(script *s)
{
	free(s->keys);
	memset(s, 0, sizeof(*s));
}
