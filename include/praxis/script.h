/* script.h: keys for the headless interface, read from a file.
 *
 * One line at a time: `# comment` lines are skipped; `:command` types the
 * command and Enter; otherwise every character is a key, and `<Name>`
 * stands for a named key (<Down>, <Enter>, <C-r>, <Esc>, <Space>, <lt>,
 * <Resize 60x20>). */
#ifndef PRAXIS_SCRIPT_H
#define PRAXIS_SCRIPT_H

#include <stddef.h>
#include "praxis/err.h"

typedef struct script {
	int *keys;
	size_t n, cap, pos;
} script;

/* Errors name FILE:LINE. */
int script_load(script *s, const char *path, px_err *e);
int script_parse(script *s, const char *name, const char *text, px_err *e);
/* 1 and *key while keys remain, else 0. */
int script_next(script *s, int *key);
void script_free(script *s);

#endif
