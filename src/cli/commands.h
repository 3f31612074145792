/* commands.h (private to cli/): every subcommand's descriptor. */
#ifndef PRAXIS_CLI_COMMANDS_H
#define PRAXIS_CLI_COMMANDS_H

#include "praxis/cli.h"

extern const struct cli_command cmd_init;
extern const struct cli_command cmd_import;
extern const struct cli_command cmd_export;
extern const struct cli_command cmd_list;
extern const struct cli_command cmd_code;
extern const struct cli_command cmd_uncode;
extern const struct cli_command cmd_merge;
extern const struct cli_command cmd_agree;
extern const struct cli_command cmd_summary;
extern const struct cli_command cmd_backup;
extern const struct cli_command cmd_config;


#endif
