/* cli.c: global options, dispatch and shared helpers; see praxis/cli.h. */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/atomic.h"
#include "praxis/cli.h"
#include "praxis/config.h"
#include "praxis/entity.h"
#include "praxis/keymap.h"
#include "praxis/text.h"
#include "praxis/tui.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "commands.h"

const struct cli_command *const cli_commands[] = {
	&cmd_init,
	&cmd_import,
	&cmd_export,
	&cmd_list,
	&cmd_log,
	&cmd_code,
	&cmd_uncode,
	&cmd_recode,
	&cmd_respan,
	&cmd_set_text,
	&cmd_memo,
	&cmd_register,
	&cmd_participant,
	&cmd_merge,
	&cmd_merge_file,
	&cmd_sync,
	&cmd_conflicts,
	&cmd_agree,
	&cmd_summary,
	&cmd_retrieve,
	&cmd_search,
	&cmd_backup,
	&cmd_config,
	&cmd_scan,
	NULL
};

static const char global_usage[] =
	"usage: praxis [--db FILE] [--coder ID] [COMMAND [ARGS...]]\n"
	"\n"
	"A terminal workbench for coding field notes with the three dimensions of\n"
	"a community of practice. Without a command, opens the interface.\n"
	"\n"
	"Global options (anywhere on the line):\n"
	"  --db FILE          the project database (else $PRAXIS_DB, else the settings\n"
	"                     file's database, else ./praxis.db)\n"
	"  --coder ID         who is coding (else $PRAXIS_CODER, else the settings\n"
	"                     file's coder, else the project's first coder)\n"
	"  --theme NAME|FILE  interface colors: default, light, high-contrast, mono\n"
	"                     (else the settings file's theme)\n"
	"  --script KEYS      run the interface headless on keys read from KEYS\n"
	"                     (keys, <Down> <C-r>..., :command lines, # comments,\n"
	"                     <Resize 60x20>, <Click COL ROW> <WheelUp COL ROW>\n"
	"                     <WheelDown COL ROW> at 0-based screen cells)\n"
	"  --dump-screen OUT  with --script: write the final screen to OUT\n"
	"  --dump-attrs       with --dump-screen: mark colors and attributes\n"
	"  --read-only        change nothing: every write is refused (automatic in\n"
	"                     the interface when the file or its directory is not\n"
	"                     writable)\n"
	"  --help, -h         this help; `praxis COMMAND --help` for one command\n"
	"  --version          print the version\n"
	"\n"
	"Commands:\n";

static const char global_footer[] =
	"\n"
	"Exit status: 0 success, 1 bad usage, 2 bad data or I/O error.\n"
	"See praxis(1) for the corpus format and every option.\n";

/* Writes a formatted message with its controls made visible: messages
 * quote names and values from files (a theme's role, a corpus field), and
 * an escape sequence in one must not reach the terminal. */
static void put_inert(FILE *out, const char *fmt, va_list ap)
{
	strbuf b;
	char *safe;

	sb_init(&b);
	sb_vprintf(&b, fmt, ap);
	safe = text_sanitize(sb_str(&b), 1);
	fputs(safe, out);
	free(safe);
	sb_free(&b);
}

int cli_error(struct cli *c, int code, const char *fmt, ...)
{
	va_list ap;

	fputs("praxis: ", c->err);
	va_start(ap, fmt);
	put_inert(c->err, fmt, ap);
	va_end(ap);
	fputc('\n', c->err);
	return px_exit_status(code);
}

int cli_report(struct cli *c, const px_err *e)
{
	return cli_error(c, e->code ? e->code : PX_EIO, "%s", e->msg[0] ? e->msg : "failed");
}

int cli_usage_error(struct cli *c, const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(c->err, "praxis %s: ", cmd->name);
	va_start(ap, fmt);
	put_inert(c->err, fmt, ap);
	va_end(ap);
	fprintf(c->err, "\ntry 'praxis %s --help'\n", cmd->name);
	return 1;
}

static const struct cli_opt *find_opt(const struct cli_opt *opts, const char *name, size_t n)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == n && strncmp(opts->name, name, n) == 0)
			return opts;
	return NULL;
}

int cli_parse(struct cli *c, const struct cli_command *cmd, const struct cli_opt *opts,
	      char ***pos, int *npos)
{
	int only_positional = 0;

	*npos = 0;
	*pos = c->argv + 1;
	for (int i = 1; i < c->argc; i++) {
		char *a = c->argv[i];
		if (only_positional || a[0] != '-' || strcmp(a, "-") == 0) {
			(*pos)[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_positional = 1;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(cmd->usage, c->out);
			return 2;
		}
		if (strncmp(a, "--", 2) != 0)
			return cli_usage_error(c, cmd, "unknown option '%s'", a);
		const char *name = a + 2, *eq = strchr(name, '=');
		const struct cli_opt *o = find_opt(opts, name, eq ? (size_t)(eq - name) : strlen(name));
		if (!o)
			return cli_usage_error(c, cmd, "unknown option '%s'", a);
		if (!o->has_value) {
			if (eq)
				return cli_usage_error(c, cmd, "--%s takes no value", o->name);
			*o->flag = 1;
			continue;
		}
		if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < c->argc) {
			*o->value = c->argv[++i];
		} else {
			return cli_usage_error(c, cmd, "--%s needs a value", o->name);
		}
	}
	return 0;
}

int cli_opt_each(const struct cli *c, const struct cli_opt *opts, const char *name,
		 int (*fn)(const char *value, void *ud), void *ud)
{
	for (int i = 1; i < c->argc; i++) {
		const char *a = c->argv[i], *eq, *v;
		const struct cli_opt *o;
		int rc;
		if (strcmp(a, "--") == 0)
			break;
		if (strncmp(a, "--", 2) != 0)
			continue;
		eq = strchr(a + 2, '=');
		o = find_opt(opts, a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
		if (!o || !o->has_value)
			continue;
		v = eq ? eq + 1 : i + 1 < c->argc ? c->argv[++i] : NULL;
		if (v && strcmp(o->name, name) == 0 && (rc = fn(v, ud)))
			return rc;
	}
	return 0;
}

int cli_open_db(struct cli *c, int flags, px_db **db, px_err *e)
{
	int rc;

	*db = NULL;
	if (c->read_only && !(flags & PROJECT_READONLY))
		return px_fail(e, PX_EDATA, "read-only: 'praxis %s' changes the database and "
			       "--read-only is given; nothing was changed",
			       c->argv && c->argv[0] ? c->argv[0] : "");
	rc = project_open(c->db_path, flags, db, e);
	/* no file this process writes may replace the project */
	if (!rc)
		atomic_protect(c->db_path);
	return rc;
}

static int first_coder(const px_entity *ent, void *ud)
{
	*(int64_t *)ud = ent->id;
	return 1;
}

static int find_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e)
{
	char *fallback = NULL;
	int rc;

	*coder_id = 0;
	if (!c->coder) {
		/* first_coder stops the walk (1) once it has one */
		rc = entity_each(db, ENT_CODER, first_coder, coder_id, e);
		if (*coder_id)
			return PX_OK;
		if (rc)
			return rc;
		fallback = entity_coder_default_id();
	}
	const char *want = c->coder ? c->coder : fallback;
	if (!entity_coder_id_valid(want))
		rc = px_fail(e, PX_EUSAGE, "coder id '%s': use only a-z, 0-9, '_' and '-'", want);
	else
		rc = entity_coder_ensure(db, want, coder_id, e);
	free(fallback);
	return rc;
}

/* The coder is also whom the audit trail records this run's changes under. */
int cli_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e)
{
	int rc = find_coder(c, db, coder_id, e);

	if (!rc)
		db_set_actor(db, *coder_id);
	return rc;
}

/* cli_coder without creating one (a read-only store): the named coder if
 * the project has it, else the first, else none (0). */
static int cli_known_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e)
{
	*coder_id = 0;
	if (c->coder && entity_find(db, ENT_CODER, c->coder, coder_id, e) == PX_OK)
		return PX_OK;
	*coder_id = 0;
	/* first_coder stops the walk (1) once it has one */
	int rc = entity_each(db, ENT_CODER, first_coder, coder_id, e);
	return *coder_id ? PX_OK : rc;
}

int cli_explicit_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e)
{
	*coder_id = 0;
	if (!c->coder && entity_count(db, ENT_CODER) == 0)
		return PX_OK;
	return cli_coder(c, db, coder_id, e);
}

/* Words of text from column indent, wrapped before column 78. */
static void print_wrapped(FILE *out, const char *text, int indent, int col)
{
	while (*text) {
		size_t n = strcspn(text, " ");
		if (col > indent && col + 1 + (int)n > 78) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > indent) {
			fputc(' ', out);
			col++;
		}
		fprintf(out, "%.*s", (int)n, text);
		col += (int)n;
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

/* The settings part of --help, made from the options table. */
static void print_settings_help(FILE *out)
{
	fputs("\nSettings, in $XDG_CONFIG_HOME/praxis/config.yaml (else\n"
	      "~/.config/praxis/config.yaml) as `setting: value`; `praxis config`\n"
	      "shows each one's value and where it came from:\n", out);
	for (int i = 0; i < CFG_COUNT; i++) {
		fprintf(out, "  %-10s ", config_options[i].name);
		print_wrapped(out, config_options[i].help, 13, 13);
	}
}

static void print_global_help(FILE *out)
{
	fputs(global_usage, out);
	for (int i = 0; cli_commands[i]; i++)
		fprintf(out, "  %-10s %s\n", cli_commands[i]->name, cli_commands[i]->summary);
	print_settings_help(out);
	fputs(global_footer, out);
}

static const struct cli_command *find_command(const char *name)
{
	for (int i = 0; cli_commands[i]; i++)
		if (strcmp(cli_commands[i]->name, name) == 0)
			return cli_commands[i];
	return NULL;
}

/* Takes the global options out of argv wherever they stand (before a
 * lone "--"), so `praxis import x.yaml --db p.db` works too. */
static int take_globals(struct cli *c, int *argc, char **argv, int *help, int *version)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "db", offsetof(struct cli, db_path) },
		{ "coder", offsetof(struct cli, coder) },
		{ "theme", offsetof(struct cli, theme) },
		{ "script", offsetof(struct cli, script) },
		{ "dump-screen", offsetof(struct cli, dump_screen) },
	};
	int out = 1, seen_command = 0;

	for (int i = 1; i < *argc; i++) {
		char *a = argv[i];
		int taken = 0;
		if (strcmp(a, "--") == 0) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]) && !taken; k++) {
			size_t n = strlen(opts[k].name);
			const char **slot = (const char **)((char *)c + opts[k].off);
			if (strncmp(a, "--", 2) != 0 || strncmp(a + 2, opts[k].name, n) != 0)
				continue;
			if (a[2 + n] == '=') {
				*slot = a + 3 + n;
				taken = 1;
			} else if (a[2 + n] == '\0') {
				if (i + 1 >= *argc) {
					fprintf(c->err, "praxis: --%s needs a value\n", opts[k].name);
					return 1;
				}
				*slot = argv[++i];
				taken = 1;
			}
		}
		if (!taken && strcmp(a, "--dump-attrs") == 0) {
			c->dump_attrs = 1;
			taken = 1;
		}
		if (!taken && strcmp(a, "--read-only") == 0) {
			c->read_only = 1;
			taken = 1;
		}
		if (!taken && !seen_command && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			*help = 1;
			taken = 1;
		}
		if (!taken && !seen_command && strcmp(a, "--version") == 0) {
			*version = 1;
			taken = 1;
		}
		if (!taken) {
			if (a[0] != '-')
				seen_command = 1;
			argv[out++] = a;
		}
	}
	*argc = out;
	argv[out] = NULL;
	return 0;
}

/* Without a command praxis opens the interface (headless with --script). */
static int run_without_command(struct cli *c)
{
	struct tui_options o = { 0 };
	theme th;
	px_err e = { 0 };

	if (c->dump_screen && !c->script)
		return cli_error(c, PX_EUSAGE, "--dump-screen needs --script");
	if (!c->script && (!isatty(0) || !isatty(1)))
		return cli_error(c, PX_EUSAGE, "the interface needs a terminal (or --script KEYS)");
	if (theme_load(&th, c->theme, &e)) {
		/* a theme named in the settings file: say where */
		if (c->config && c->config->source[CFG_THEME] == CFG_SRC_FILE)
			px_wrap(&e, "%s: theme", c->config->where[CFG_THEME]);
		return cli_report(c, &e);
	}
	/* read-only by choice, or because the file or its directory may not
	 * be written: browsing, searching, summaries and export still work */
	o.read_only = c->read_only || !db_path_writable(c->db_path);
	if (cli_open_db(c, o.read_only ? PROJECT_READONLY : 0, &o.db, &e))
		return cli_report(c, &e);
	if (o.read_only ? cli_known_coder(c, o.db, &o.coder_id, &e) :
	    cli_coder(c, o.db, &o.coder_id, &e)) {
		db_close(o.db);
		return cli_report(c, &e);
	}
	o.db_path = c->db_path;
	o.theme = &th;
	o.config = c->config;
	o.script = c->script;
	o.dump_screen = c->dump_screen;
	o.dump_attrs = c->dump_attrs;
	return tui_run(&o, &e) ? cli_report(c, &e) : 0;
}

/* A help request still works when the settings file is broken: the
 * global --help, `praxis help`, or --help anywhere in a command's own
 * arguments (before a lone "--"). */
static int asks_for_help(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "help") == 0)
		return 1;
	for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

/* Each setting from the file, then its environment variable, then its
 * option, each overriding the last (config.h's order). */
static void resolve_settings(struct cli *c, px_config *cfg)
{
	const char **slot[CFG_COUNT] = { 0 };

	slot[CFG_CODER] = &c->coder;
	slot[CFG_DATABASE] = &c->db_path;
	slot[CFG_THEME] = &c->theme;
	for (int i = 0; i < CFG_COUNT; i++) {
		const struct config_option *o = &config_options[i];
		if (o->env) {
			char *where = xasprintf("$%s", o->env);
			config_override(cfg, i, getenv(o->env), CFG_SRC_ENV, where);
			free(where);
		}
		if (slot[i])
			config_override(cfg, i, *slot[i], CFG_SRC_OPTION, o->option);
	}
	c->coder = config_value(cfg, CFG_CODER);
	c->db_path = config_value(cfg, CFG_DATABASE);
	c->theme = config_value(cfg, CFG_THEME);
	c->config = cfg;
}

/* Loads the settings file and checks the key bindings in it, so a broken
 * file stops every command, not only the interface. */
static int load_settings(struct cli *c, px_config *cfg, int argc, char **argv)
{
	px_err e = { 0 };

	keymap_init();
	if (!config_load(cfg, NULL, &e) && !keymap_apply_config(cfg, &e))
		return 0;
	if (asks_for_help(argc, argv)) {
		config_free(cfg);
		return 0;
	}
	return cli_error(c, PX_EUSAGE, "%s", e.msg);
}

static int dispatch(struct cli *c, int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 2)
		return run_without_command(c);
	if (strcmp(argv[1], "help") == 0) {
		if (argc > 2 && (cmd = find_command(argv[2]))) {
			fputs(cmd->usage, c->out);
			return 0;
		}
		print_global_help(c->out);
		return argc > 2 ? cli_error(c, PX_EUSAGE, "no command '%s'", argv[2]) : 0;
	}
	if (argv[1][0] == '-') {
		fprintf(c->err, "praxis: unknown option '%s'\ntry 'praxis --help'\n", argv[1]);
		return 1;
	}
	if (!(cmd = find_command(argv[1]))) {
		fprintf(c->err, "praxis: no command '%s'\ntry 'praxis --help'\n", argv[1]);
		return 1;
	}
	c->argc = argc - 1;
	c->argv = argv + 1;
	return cmd->run(c);
}

int cli_main(int argc, char **argv)
{
	struct cli c = { 0 };
	px_config cfg;
	int help = 0, version = 0, rc;

	c.out = stdout;
	c.err = stderr;
	config_init(&cfg);
	if (take_globals(&c, &argc, argv, &help, &version))
		return 1;
	c.coder_given = c.coder != NULL;
	if (version) {
		fprintf(c.out, "praxis %s (SQLite %s)\n", PRAXIS_VERSION, sqlite3_libversion());
		return 0;
	}
	if (help) {
		print_global_help(c.out);
		return 0;
	}
	if ((rc = load_settings(&c, &cfg, argc, argv))) {
		config_free(&cfg);
		return rc;
	}
	resolve_settings(&c, &cfg);
	rc = dispatch(&c, argc, argv);
	config_free(&cfg);
	return rc;
}
