/* commands.h (private to cli/): every subcommand's descriptor. */
#ifndef PRAXIS_CLI_COMMANDS_H
#define PRAXIS_CLI_COMMANDS_H

#include "praxis/cli.h"

extern const struct cli_command cmd_init;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_list;
extern const struct cli_command cmd_log;
extern const struct cli_command cmd_search;
extern const struct cli_command cmd_code;
extern const struct cli_command cmd_uncode;
extern const struct cli_command cmd_set_text;
extern const struct cli_command cmd_recode;
extern const struct cli_command cmd_respan;
extern const struct cli_command cmd_merge;
extern const struct cli_command cmd_merge_file;
extern const struct cli_command cmd_sync;
extern const struct cli_command cmd_conflicts;
extern const struct cli_command cmd_agree;
extern const struct cli_command cmd_summary;
extern const struct cli_command cmd_retrieve;
extern const struct cli_command cmd_backup;
extern const struct cli_command cmd_config;
extern const struct cli_command cmd_memo;
extern const struct cli_command cmd_scan;
extern const struct cli_command cmd_register;
extern const struct cli_command cmd_participant;

/* Shared by code, recode and respan (span.c). A span as they take it: --quote TEXT
 * [--occurrence N], --start N --end N, or --whole. */
struct cli_span {
	const char *quote, *occurrence, *start, *end;
	int whole;
};
/* The span in vignette vid's text; PX_EUSAGE unless exactly one way is
 * given, PX_EDATA for a quote that is not there (or not only once). */
int cli_span_resolve(px_db *db, int64_t vid, const struct cli_span *s, int64_t *start,
		     int64_t *end, px_err *e);
/* A whole number >= 0 from s; 0, or -1 if s is not one. */
int cli_parse_count(const char *s, int64_t *out);
/* The code resolver's "no code" message with the way out after it
 * (--create); returns PX_EDATA. */
int cli_missing_code(px_err *e);

#endif
