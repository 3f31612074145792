/* cli.h: the command-line front end. Each subcommand is one cmd_*.c file
 * with a `struct cli_command`; cli.c holds the table and the shared helpers
 * (opening the database, choosing the coder, parsing options). */
#ifndef PRAXIS_CLI_H
#define PRAXIS_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "praxis/db.h"

struct px_config;

struct cli {
	const char *db_path;     /* --db, $PRAXIS_DB, config database, ./praxis.db */
	const char *coder;       /* --coder, $PRAXIS_CODER, config coder (may be NULL) */
	int coder_given;         /* --coder was on the command line */
	const char *theme;       /* --theme, config theme (may be NULL) */
	const struct px_config *config; /* the settings, with where each came from */
	const char *script;      /* --script KEYS (headless TUI) */
	const char *dump_screen; /* --dump-screen OUT */
	int dump_attrs;          /* --dump-attrs: mark colors in the dump */
	int read_only;           /* --read-only: every write is refused */
	int argc;                /* the command's own arguments, argv[0] = name */
	char **argv;
	FILE *out;
	FILE *err;
};

struct cli_command {
	const char *name;
	int (*run)(struct cli *c);
	const char *summary;     /* one line for `praxis --help` */
	const char *usage;       /* full text for `praxis COMMAND --help` */
};

extern const struct cli_command *const cli_commands[];

int cli_main(int argc, char **argv);

/* Prints "praxis: msg" to c->err and returns the exit status for code. */
int cli_error(struct cli *c, int code, const char *fmt, ...) PX_PRINTF(3, 4);
int cli_report(struct cli *c, const px_err *e);
/* Prints the command's usage line and "try --help"; returns 1. */
int cli_usage_error(struct cli *c, const struct cli_command *cmd, const char *fmt, ...)
	PX_PRINTF(3, 4);

int cli_open_db(struct cli *c, int flags, px_db **db, px_err *e);
/* The coder this session works as: --coder / $PRAXIS_CODER / the config
 * file's coder (created if absent), else the first coder in the database,
 * else one named after $USER. */
int cli_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e);
/* As cli_coder, but 0 (undecided) when no coder was named and the project
 * has none yet: an import then takes the first coder its files list. */
int cli_explicit_coder(struct cli *c, px_db *db, int64_t *coder_id, px_err *e);

/* Minimal option parsing shared by subcommands: long options only,
 * "--name value" or "--name=value"; flags have no value. */
struct cli_opt {
	const char *name;
	int has_value;
	const char **value;      /* set for options with a value */
	int *flag;               /* set to 1 for flags */
};
/* Parses c->argv[1..]; positional arguments are gathered into *pos
 * (c->argv is reordered). Returns 0, or 1 after printing a usage error.
 * "--help" prints the usage and returns 2 (exit 0). */
int cli_parse(struct cli *c, const struct cli_command *cmd, const struct cli_opt *opts,
	      char ***pos, int *npos);
/* Calls fn with each value given to option name, in order (cli_parse
 * keeps only the last); call it before cli_parse, which reorders argv.
 * Stops at the first non-zero fn result and returns it. */
int cli_opt_each(const struct cli *c, const struct cli_opt *opts, const char *name,
		 int (*fn)(const char *value, void *ud), void *ud);

#endif
