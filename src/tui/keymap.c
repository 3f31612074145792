/* keymap.c: the key table, key names and the config file; see
 * praxis/keymap.h. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/util.h"
#include "praxis/ytree.h"

#define KEYMAP_MAX_KEYS 4

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
	"summaries", "negotiation"
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

static char *config_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return xasprintf("%s/praxis/config.yaml", xdg);
	return xasprintf("%s/.config/praxis/config.yaml", home && *home ? home : ".");
}

/* A name for messages: the scalar, or a placeholder for a key that is
 * not one (a sequence or mapping used as a key). */
static const char *node_name(const ynode *n)
{
	return n->type == YN_SCALAR && n->value ? n->value : "(not a name)";
}

static int config_keys(yreader *r, const ynode *map, px_err *e)
{
	if (map->type != YN_MAP)
		return yerr(e, r, map, "keys: expected a mapping of action: keys");
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const ynode *k = map->kids[i], *v = map->kids[i + 1];
		px_err sub = { 0 };
		if (k->type != YN_SCALAR || !k->value)
			return yerr(e, r, k, "keys: expected an action name");
		if (v->type != YN_SCALAR || !v->value)
			return yerr(e, r, v, "keys: %s: expected key names", k->value);
		if (keymap_bind(k->value, v->value, &sub))
			return yerr(e, r, k, "keys: %s", sub.msg);
	}
	return PX_OK;
}

/* Reads the settings from r (opened by the caller, closed here). */
static int config_read(yreader *r, char **theme, px_err *e)
{
	ynode *key = NULL, *val = NULL;
	int rc, got;

	if ((rc = yreader_begin_map(r, e)))
		goto done;
	while ((got = yreader_next_key(r, &key, e)) == 1) {
		const char *name = node_name(key);
		if ((rc = yreader_node(r, &val, e)))
			goto done;
		if (strcmp(name, "theme") == 0 && val->type == YN_SCALAR && val->value) {
			free(*theme);
			*theme = xstrdup(val->value);
		} else if (strcmp(name, "keys") == 0) {
			if ((rc = config_keys(r, val, e)))
				goto done;
		} else {
			rc = yerr(e, r, key, "unknown setting '%s' (known: theme, keys)", name);
			goto done;
		}
		ynode_free(key);
		ynode_free(val);
		key = val = NULL;
	}
	rc = got < 0 ? -got : yreader_end(r, e);
done:
	ynode_free(key);
	ynode_free(val);
	yreader_close(r);
	if (rc) {
		free(*theme);
		*theme = NULL;
	}
	return rc;
}

int keymap_load_config(char **theme, px_err *e)
{
	char *path = config_path();
	yreader r;
	int rc;

	*theme = NULL;
	if (access(path, R_OK) != 0) {
		free(path);
		return PX_OK;
	}
	/* the reader keeps the name for its messages: free path at the end */
	if ((rc = yreader_open_file(&r, path, e)) == PX_OK)
		rc = config_read(&r, theme, e);
	free(path);
	return rc;
}

int keymap_load_config_buffer(const char *name, const char *data, size_t len, char **theme,
			      px_err *e)
{
	yreader r;
	int rc;

	*theme = NULL;
	if ((rc = yreader_open_buffer(&r, name, data, len)))
		return px_fail(e, rc, "%s: cannot read the settings", name);
	return config_read(&r, theme, e);
}
