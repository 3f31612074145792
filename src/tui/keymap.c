/* keymap.c: the key table, key names and the config file; see
 * praxis/keymap.h. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "praxis/config.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/ytree.h"

#define KEYMAP_MAX_KEYS 10 /* the summaries tabs: 1 to 9 and 0 */

static const struct {
	const char *name;
	int ctx;
	const char *keys;
	const char *help;
} actions[A_COUNT] = {
	{ "none", KC_GLOBAL, "", "" },
#define KEYMAP_ROW(id, name, ctx, keys, help) { name, ctx, keys, help },
	KEYMAP_ACTIONS(KEYMAP_ROW)
#undef KEYMAP_ROW
};

static int bound[A_COUNT][KEYMAP_MAX_KEYS];
static int nbound[A_COUNT];

static const char *const ctx_names[KC_COUNT] = {
	"everywhere", "lists", "vignettes", "participants", "reader", "codebook", "retrieval",
	"summaries", "negotiation", "memos view", "forms", "prompts and pickers",
	"text objects (after i or a in the reader)"
};

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Enter", TK_ENTER }, { "Esc", TK_ESC }, { "Tab", '\t' }, { "Space", ' ' },
	{ "BS", TK_FN | KEY_BACKSPACE }, { "Backspace", TK_FN | KEY_BACKSPACE },
	{ "Down", TK_FN | KEY_DOWN }, { "Up", TK_FN | KEY_UP }, { "Left", TK_FN | KEY_LEFT },
	{ "Right", TK_FN | KEY_RIGHT }, { "Home", TK_FN | KEY_HOME }, { "End", TK_FN | KEY_END },
	{ "PgDn", TK_FN | KEY_NPAGE }, { "PgUp", TK_FN | KEY_PPAGE }, { "Del", TK_FN | KEY_DC },
	{ "Ins", TK_FN | KEY_IC }, { "BTab", TK_FN | KEY_BTAB }, { "lt", '<' }, { "gt", '>' },
};

int keymap_parse_key(const char **sp)
{
	const char *s = *sp;
	uint32_t cp;
	size_t n;

	if (!*s)
		return -1;
	if (*s == '<' && s[1] && s[1] != '>') {
		const char *end = strchr(s, '>');
		size_t len;
		if (!end)
			return -1;
		len = (size_t)(end - s - 1);
		*sp = end + 1;
		s++;
		if (len == 3 && (s[0] == 'C' || s[0] == 'c') && s[1] == '-') {
			char c = s[2];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c >= 'a' && c <= 'z')
				return c - 'a' + 1;
			return -1;
		}
		if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3 && s[1] >= '0' && s[1] <= '9') {
			int f = s[1] - '0';
			if (len == 3) {
				if (s[2] < '0' || s[2] > '9')
					return -1;   /* "<F1x>" is not F1 */
				f = f * 10 + (s[2] - '0');
			}
			return f >= 1 && f <= 12 ? (TK_FN | KEY_F(f)) : -1;
		}
		for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
			if (strlen(named_keys[i].name) == len && strncmp(named_keys[i].name, s, len) == 0)
				return named_keys[i].key;
		return -1;
	}
	n = text_decode(s, strlen(s), &cp);
	*sp = s + n;
	return (int)cp;
}

void keymap_key_name(int key, char *buf, size_t n)
{
	char enc[5] = { 0 };

	for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
		if (named_keys[i].key == key && strcmp(named_keys[i].name, "Backspace") != 0 &&
		    key != '<' && key != '>') {
			snprintf(buf, n, "<%s>", named_keys[i].name);
			return;
		}
	if (key >= (TK_FN | KEY_F(1)) && key <= (TK_FN | KEY_F(12))) {
		snprintf(buf, n, "<F%d>", key - (TK_FN | KEY_F(0)));
		return;
	}
	if (key >= 1 && key <= 26) {
		snprintf(buf, n, "<C-%c>", 'a' + key - 1);
		return;
	}
	if (key & TK_FN) {
		snprintf(buf, n, "<key %d>", key & ~TK_FN);
		return;
	}
	text_encode((uint32_t)key, enc);
	snprintf(buf, n, "%s", enc);
}

static int bind_keys(int a, const char *keys, px_err *e)
{
	const char *s = keys;
	int tmp[KEYMAP_MAX_KEYS] = { 0 }, n = 0;

	while (*s) {
		int k;
		if (*s == ' ') {
			s++;
			continue;
		}
		if ((k = keymap_parse_key(&s)) < 0)
			return px_fail(e, PX_EDATA, "bad key name in '%s' (use a character, <C-x>,"
				       " <Enter>, <Esc>, <Tab>, <Space>, <Up>, <F1>...)", keys);
		if (n == KEYMAP_MAX_KEYS)
			return px_fail(e, PX_EDATA, "at most %d keys per action: '%s'",
				       KEYMAP_MAX_KEYS, keys);
		tmp[n++] = k;
	}
	memcpy(bound[a], tmp, sizeof(tmp));
	nbound[a] = n;
	return PX_OK;
}

void keymap_init(void)
{
	for (int a = 1; a < A_COUNT; a++)
		bind_keys(a, actions[a].keys, NULL);
}

int keymap_lookup(int ctx, int key)
{
	for (int a = 1; a < A_COUNT; a++) {
		if (actions[a].ctx != ctx)
			continue;
		for (int i = 0; i < nbound[a]; i++)
			if (bound[a][i] == key)
				return a;
	}
	return A_NONE;
}

int keymap_bind(const char *action, const char *keys, px_err *e)
{
	for (int a = 1; a < A_COUNT; a++)
		if (strcmp(actions[a].name, action) == 0)
			return bind_keys(a, keys, e);
	return px_fail(e, PX_EDATA, "unknown action '%s' (see the help, `?`)", action);
}

const char *keymap_action_name(int a)
{
	return a > 0 && a < A_COUNT ? actions[a].name : "";
}

const char *keymap_action_help(int a)
{
	return a > 0 && a < A_COUNT ? actions[a].help : "";
}

int keymap_action_ctx(int a)
{
	return a > 0 && a < A_COUNT ? actions[a].ctx : KC_GLOBAL;
}

const char *keymap_ctx_name(int ctx)
{
	return ctx >= 0 && ctx < KC_COUNT ? ctx_names[ctx] : "";
}

void keymap_action_keys(int a, char *buf, size_t n)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < nbound[a] && len + 1 < n; i++) {
		char name[32];
		keymap_key_name(bound[a][i], name, sizeof(name));
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? " " : "", name);
	}
}

/* The key names are checked here, not in config.c, because naming keys
 * takes curses' key codes; the marks come from the file. */
int keymap_apply_config(const px_config *cfg, px_err *e)
{
	for (size_t i = 0; cfg && i < cfg->nkeys; i++) {
		const struct config_binding *b = &cfg->keys[i];
		px_err sub = { 0 };
		int known = 0;

		for (int a = 1; a < A_COUNT && !known; a++)
			known = strcmp(actions[a].name, b->action) == 0;
		if (keymap_bind(b->action, b->keys, &sub))
			return yerr_at(e, cfg->path, known ? b->keys_line : b->line,
				       known ? b->keys_col : b->col, "keys: %s", sub.msg);
	}
	return PX_OK;
}
