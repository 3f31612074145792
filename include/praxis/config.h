/* config.h: every setting in one table, and the settings file.
 *
 * $XDG_CONFIG_HOME/praxis/config.yaml (else ~/.config/praxis/config.yaml)
 * is a YAML mapping of setting: value. The table below is the only list of
 * settings: the reader, `praxis config`, --help and the error for an
 * unknown setting are all made from it. A setting comes from its default,
 * then the file, then its environment variable, then its command-line
 * option, each overriding the one before. Curses-free: the interface
 * applies `keys` itself (keymap_apply_config), so this module only checks
 * that each binding is a key string. */
#ifndef PRAXIS_CONFIG_H
#define PRAXIS_CONFIG_H

#include <stddef.h>
#include "praxis/err.h"

enum config_type {
	CFG_TEXT,                /* one scalar */
	CFG_KEYMAP               /* a mapping of action: "key names" */
};

enum config_source { CFG_SRC_DEFAULT, CFG_SRC_FILE, CFG_SRC_ENV, CFG_SRC_OPTION };

/*  id            name        type        default      environment     option     help */
#define CONFIG_OPTIONS(X) \
	X(CFG_CODER,    "coder",    CFG_TEXT,   "",          "PRAXIS_CODER", "--coder", \
	  "who is coding: a coder id (a-z, 0-9, _ and -), created if new; unset, the project's first coder") \
	X(CFG_DATABASE, "database", CFG_TEXT,   "praxis.db", "PRAXIS_DB",    "--db", \
	  "the project database file (a leading ~/ is your home)") \
	X(CFG_THEME,    "theme",    CFG_TEXT,   "default",   NULL,           "--theme", \
	  "interface colors: default, light, high-contrast, mono, or a theme file") \
	X(CFG_KEYS,     "keys",     CFG_KEYMAP, "",          NULL,           NULL, \
	  "interface keys: a mapping of action: key names, e.g. {undo: \"U <C-z>\"}; `?` lists the actions")

enum config_id {
#define CONFIG_ENUM(id, name, type, def, env, opt, help) id,
	CONFIG_OPTIONS(CONFIG_ENUM)
#undef CONFIG_ENUM
	CFG_COUNT
};

struct config_option {
	const char *name;
	int type;                /* enum config_type */
	const char *def;         /* "" when the default is decided elsewhere */
	const char *env;         /* environment variable, or NULL */
	const char *option;      /* command-line option, or NULL */
	const char *help;
};

extern const struct config_option config_options[CFG_COUNT];

/* One `keys:` entry, with its place in the file for the interface's
 * messages (an unknown action, a bad key name). */
struct config_binding {
	char *action;
	char *keys;
	int line, col;
	int keys_line, keys_col;
};

typedef struct px_config {
	char *path;              /* the file read, or looked for */
	int file_found;          /* 1 if it existed */
	char *value[CFG_COUNT];  /* text settings; NULL until set */
	int source[CFG_COUNT];   /* enum config_source */
	char *where[CFG_COUNT];  /* "FILE:LINE:COL", "$PRAXIS_CODER", "--coder" */
	struct config_binding *keys;
	size_t nkeys;
} px_config;

void config_init(px_config *cfg);
void config_free(px_config *cfg);
/* Where the settings file is: $XDG_CONFIG_HOME/praxis/config.yaml, else
 * $HOME/.config/praxis/config.yaml. Caller frees. */
char *config_default_path(void);
/* Reads path (NULL: config_default_path) into cfg. A missing file is not
 * an error; an unknown setting, a value of the wrong type or a bad coder id
 * is PX_EDATA with "FILE:LINE:COL: ..." naming the setting. On error cfg
 * keeps only its defaults. */
int config_load(px_config *cfg, const char *path, px_err *e);
/* The same from memory; name stands for the file in messages (tests and
 * the fuzzer). */
int config_load_buffer(px_config *cfg, const char *name, const char *data, size_t len,
		       px_err *e);
/* Sets a text setting from a later source (environment, option); a NULL
 * or empty value changes nothing. where names the source for messages. */
void config_override(px_config *cfg, int id, const char *value, int source, const char *where);
/* The setting's value, else its default; NULL if neither (coder). */
const char *config_value(const px_config *cfg, int id);
/* The id of a setting by name, or -1. */
int config_find(const char *name);
const char *config_source_name(int source);
const char *config_type_name(int type);
/* "coder, database, theme, keys": for messages. Static storage. */
const char *config_names(void);

#endif
