/* cmd_config.c: `praxis config`: every setting, its value and where it
 * came from, made from the options table (praxis/config.h). */
#include "praxis/config.h"
#include "praxis/tabular.h"
#include "praxis/util.h"
#include "commands.h"

/* keys as "undo: U <C-z>; quit: Q", in the file's order. */
static void keys_text(const px_config *cfg, strbuf *b)
{
	for (size_t i = 0; i < cfg->nkeys; i++)
		sb_printf(b, "%s%s: %s", i ? "; " : "", cfg->keys[i].action, cfg->keys[i].keys);
}

static void config_row(tabular *t, const px_config *cfg, int id)
{
	const struct config_option *o = &config_options[id];
	strbuf b;

	sb_init(&b);
	tab_cell(t, o->name);
	tab_cell(t, config_type_name(o->type));
	if (o->type == CFG_KEYMAP) {
		keys_text(cfg, &b);
		tab_cell(t, cfg->nkeys ? sb_str(&b) : NULL);
	} else {
		tab_cell(t, config_value(cfg, id));
	}
	tab_cell(t, config_source_name(cfg->source[id]));
	tab_cell(t, cfg->where[id]);
	tab_cell(t, o->help);
	sb_free(&b);
}

static int run_config(struct cli *c)
{
	const char *format = "table";
	int path_only = 0, npos, fmt, rc;
	const struct cli_opt opts[] = {
		{ "format", 1, &format, NULL },
		{ "path", 0, NULL, &path_only },
		{ NULL, 0, NULL, NULL },
	};
	char **pos;
	tabular t;

	if ((rc = cli_parse(c, &cmd_config, opts, &pos, &npos)))
		return rc == 2 ? 0 : rc;
	if (npos)
		return cli_usage_error(c, &cmd_config, "takes no arguments (got '%s')", pos[0]);
	if ((fmt = tab_format_parse(format)) < 0)
		return cli_usage_error(c, &cmd_config, "--format '%s': use table, csv or json", format);
	if (path_only) {
		fprintf(c->out, "%s\n", c->config->path);
		return 0;
	}
	tab_init(&t);
	tab_col(&t, "setting", TAB_TEXT);
	tab_col(&t, "type", TAB_TEXT);
	tab_col(&t, "value", TAB_TEXT);
	tab_col(&t, "source", TAB_TEXT);
	tab_col(&t, "origin", TAB_TEXT);
	tab_col(&t, "help", TAB_TEXT);
	for (int i = 0; i < CFG_COUNT; i++)
		config_row(&t, c->config, i);
	rc = tab_write(&t, c->out, (enum tab_format)fmt);
	tab_free(&t);
	return rc ? cli_error(c, PX_EIO, "writing the settings failed") : 0;
}

const struct cli_command cmd_config = {
	"config", run_config, "show every setting, its value and where it came from",
	"usage: praxis config [--format table|csv|json] [--path]\n"
	"\n"
	"Lists every setting praxis knows, one row each: setting, type, value,\n"
	"source (default, config file, environment or option), origin (the\n"
	"FILE:LINE:COL, variable or option that set it) and help.\n"
	"\n"
	"Settings live in $XDG_CONFIG_HOME/praxis/config.yaml (else\n"
	"~/.config/praxis/config.yaml), a YAML mapping; a missing file is fine,\n"
	"an unknown setting or a value of the wrong type stops every command\n"
	"with FILE:LINE:COL. For example:\n"
	"\n"
	"  coder: maria\n"
	"  database: ~/fieldwork/clinic.db\n"
	"  theme: light\n"
	"  keys:\n"
	"    undo: \"U <C-z>\"\n"
	"\n"
	"  coder     who is coding (created if new); --coder, then $PRAXIS_CODER,\n"
	"            then this, then the project's first coder\n"
	"  database  the project file; --db, then $PRAXIS_DB, then this, then\n"
	"            ./praxis.db (a leading ~/ is your home)\n"
	"  theme     interface colors (default, light, high-contrast, mono or a\n"
	"            theme file); --theme, then this, then default\n"
	"  keys      interface keys, action: key names (`?` in the interface\n"
	"            lists the actions and their keys)\n"
	"\n"
	"  --format F  table (default, aligned), csv (RFC 4180) or json\n"
	"  --path      print only the settings file's path\n",
};
