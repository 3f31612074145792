/* yaml_out.h: libyaml's output, with characters beyond U+FFFF kept as
 * they are.
 *
 * libyaml's emitter counts every character past U+FFFF (emoji, rarer CJK)
 * as unprintable: it writes them as \U0001F319 escapes and forces a text
 * holding one out of its literal block into one long quoted line. A
 * researcher diffing a corpus wants to see the text. So such a scalar is
 * held back here: the emitter gets a unique token instead (a plain
 * scalar), and the output filter puts the scalar in its place, written by
 * us as a literal block or a double-quoted string that reads back to
 * exactly the same bytes. Scalars we cannot write that way (control
 * characters, CR, BOM) are left to libyaml. */
#ifndef PRAXIS_YAML_OUT_H
#define PRAXIS_YAML_OUT_H

#include <stdio.h>
#include "praxis/util.h"

typedef struct yaml_out {
	FILE *fp;
	char nonce[40];          /* makes tokens unique to this export */
	strlist held;            /* held scalars, by token number */
	unsigned char *literal;  /* per held scalar: write as a literal block */
	strbuf line;             /* output not yet written: a partial line */
	int failed;
} yaml_out;

void yout_init(yaml_out *y, FILE *fp);
/* libyaml's write handler (data is the yaml_out). */
int yout_write(void *data, unsigned char *buffer, size_t size);
/* The token to emit as a plain scalar in place of s, or NULL when s needs
 * no help (no character past U+FFFF) or cannot be helped. */
const char *yout_hold(yaml_out *y, const char *s, int literal);
/* Writes what is left; 0 or -1 on a write error. */
int yout_finish(yaml_out *y);
void yout_free(yaml_out *y);

#endif
