/* config.c: the settings table and the settings file; see praxis/config.h. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/config.h"
#include "praxis/entity.h"
#include "praxis/util.h"
#include "praxis/ytree.h"

const struct config_option config_options[CFG_COUNT] = {
#define CONFIG_ROW(id, name, type, def, env, opt, help) { name, type, def, env, opt, help },
	CONFIG_OPTIONS(CONFIG_ROW)
#undef CONFIG_ROW
};

void config_init(px_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

void config_free(px_config *cfg)
{
	free(cfg->path);
	for (int i = 0; i < CFG_COUNT; i++) {
		free(cfg->value[i]);
		free(cfg->where[i]);
	}
	for (size_t i = 0; i < cfg->nkeys; i++) {
		free(cfg->keys[i].action);
		free(cfg->keys[i].keys);
	}
	free(cfg->keys);
	config_init(cfg);
}

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return xasprintf("%s/praxis/config.yaml", xdg);
	return xasprintf("%s/.config/praxis/config.yaml", home && *home ? home : ".");
}

int config_find(const char *name)
{
	for (int i = 0; i < CFG_COUNT; i++)
		if (name && strcmp(config_options[i].name, name) == 0)
			return i;
	return -1;
}

const char *config_names(void)
{
	static char buf[256];

	if (!buf[0])
		for (int i = 0; i < CFG_COUNT; i++) {
			size_t len = strlen(buf);
			snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "",
				 config_options[i].name);
		}
	return buf;
}

const char *config_source_name(int source)
{
	static const char *const names[] = { "default", "config file", "environment", "option" };

	return source >= 0 && source <= CFG_SRC_OPTION ? names[source] : "";
}

const char *config_type_name(int type)
{
	return type == CFG_KEYMAP ? "mapping" : "text";
}

static void set_value(px_config *cfg, int id, char *value, int source, char *where)
{
	free(cfg->value[id]);
	free(cfg->where[id]);
	cfg->value[id] = value;
	cfg->source[id] = source;
	cfg->where[id] = where;
}

void config_override(px_config *cfg, int id, const char *value, int source, const char *where)
{
	if (id < 0 || id >= CFG_COUNT || !value || !*value)
		return;
	set_value(cfg, id, xstrdup(value), source, xstrdup(where));
}

const char *config_value(const px_config *cfg, int id)
{
	if (id < 0 || id >= CFG_COUNT)
		return NULL;
	if (cfg && cfg->value[id])
		return cfg->value[id];
	return *config_options[id].def ? config_options[id].def : NULL;
}

static const char *node_kind(const ynode *n)
{
	return n->type == YN_SEQ ? "a list" : n->type == YN_MAP ? "a mapping" : "text";
}

static char *mark(const px_config *cfg, const ynode *n)
{
	return xasprintf("%s:%d:%d", cfg->path, n->line, n->col);
}

/* A text setting: checked here when the check needs no terminal. */
static int read_text(px_config *cfg, yreader *r, int id, const ynode *v, px_err *e)
{
	const char *name = config_options[id].name, *home = getenv("HOME");
	char *value;

	if (v->type != YN_SCALAR)
		return yerr(e, r, v, "%s: expected text, not %s", name, node_kind(v));
	if (!*v->value)
		return yerr(e, r, v, "%s: empty; leave the setting out for its default", name);
	if (id == CFG_CODER && !entity_coder_id_valid(v->value))
		return yerr(e, r, v, "coder: '%s': use only a-z, 0-9, '_' and '-'", v->value);
	if (id == CFG_DATABASE && strncmp(v->value, "~/", 2) == 0 && home && *home)
		value = xasprintf("%s/%s", home, v->value + 2);
	else
		value = xstrdup(v->value);
	set_value(cfg, id, value, CFG_SRC_FILE, mark(cfg, v));
	return PX_OK;
}

static int read_keymap(px_config *cfg, yreader *r, int id, const ynode *v, px_err *e)
{
	const char *name = config_options[id].name;

	if (v->type != YN_MAP)
		return yerr(e, r, v, "%s: expected a mapping of action: key names, not %s", name,
			    node_kind(v));
	cfg->keys = xcalloc(v->n / 2 + 1, sizeof(*cfg->keys));
	for (size_t i = 0; i + 1 < v->n; i += 2) {
		const ynode *action = v->kids[i], *keys = v->kids[i + 1];
		struct config_binding *b = &cfg->keys[cfg->nkeys];
		if (keys->type != YN_SCALAR)
			return yerr(e, r, keys, "%s: %s: expected key names like \"U <C-z>\", not %s",
				    name, action->value, node_kind(keys));
		b->action = xstrdup(action->value);
		b->keys = xstrdup(keys->value);
		b->line = action->line;
		b->col = action->col;
		b->keys_line = keys->line;
		b->keys_col = keys->col;
		cfg->nkeys++;
	}
	set_value(cfg, id, NULL, CFG_SRC_FILE, mark(cfg, v));
	return PX_OK;
}

static int read_setting(px_config *cfg, yreader *r, const ynode *k, const ynode *v, px_err *e)
{
	int id = config_find(k->value);

	if (id < 0)
		return yerr(e, r, k, "unknown setting '%s' (known: %s)", k->value, config_names());
	if (ynode_is_null(v))
		return PX_OK;
	if (config_options[id].type == CFG_KEYMAP)
		return read_keymap(cfg, r, id, v, e);
	return read_text(cfg, r, id, v, e);
}

/* Reads the settings from an opened reader into cfg; closes it. */
static int read_settings(px_config *cfg, yreader *rd, px_err *e)
{
	yreader r = *rd;
	ynode *root = NULL;
	int rc;

	if ((rc = yreader_document(&r, &root, e)) || !root || ynode_is_null(root))
		goto done;
	if (root->type != YN_MAP) {
		rc = yerr(e, &r, root, "settings are a mapping of setting: value (known: %s)",
			  config_names());
		goto done;
	}
	for (size_t i = 0; i + 1 < root->n && !rc; i += 2)
		rc = read_setting(cfg, &r, root->kids[i], root->kids[i + 1], e);
done:
	ynode_free(root);
	yreader_close(&r);
	return rc;
}

static int read_file(px_config *cfg, px_err *e)
{
	yreader r;
	int rc;

	if ((rc = yreader_open_file(&r, cfg->path, e)))
		return rc;
	return read_settings(cfg, &r, e);
}

int config_load_buffer(px_config *cfg, const char *name, const char *data, size_t len,
		       px_err *e)
{
	px_config tmp;
	yreader r;
	int rc;

	config_init(&tmp);
	tmp.path = xstrdup(name);
	tmp.file_found = 1;
	yreader_open_buffer(&r, tmp.path, data, len);
	if ((rc = read_settings(&tmp, &r, e))) {
		config_free(&tmp);
		return rc;
	}
	config_free(cfg);
	*cfg = tmp;
	return PX_OK;
}

int config_load(px_config *cfg, const char *path, px_err *e)
{
	px_config tmp;
	int rc;

	config_init(&tmp);
	tmp.path = path ? xstrdup(path) : config_default_path();
	/* missing, or behind a directory this user may not search (another
	 * user's HOME): no settings. A file that is there but unreadable is
	 * an error below. */
	if (access(tmp.path, F_OK) != 0) {
		config_free(cfg);
		*cfg = tmp;
		return PX_OK;
	}
	tmp.file_found = 1;
	if ((rc = read_file(&tmp, e))) {
		config_free(&tmp);
		return rc;
	}
	config_free(cfg);
	*cfg = tmp;
	return PX_OK;
}
