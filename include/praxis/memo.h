/* memo.h: the researcher's analytic notes on the project, a vignette, a
 * code or a participant. (A coding's own memo is a field of the coding.) */
#ifndef PRAXIS_MEMO_H
#define PRAXIS_MEMO_H

#include <stdint.h>
#include "praxis/db.h"

enum memo_target { MEMO_PROJECT = 0, MEMO_VIGNETTE, MEMO_CODE, MEMO_PARTICIPANT };

typedef struct px_memo {
	int64_t id;
	int target;          /* enum memo_target */
	int64_t target_id;   /* 0 for the project */
	int64_t coder_id;    /* 0 if unknown */
	char *text;
	char *uuid;
	char *created;
	char *updated;
} px_memo;

int memo_add(px_db *db, px_memo *m, px_err *e);
int memo_update(px_db *db, int64_t id, const char *text, px_err *e);
int memo_delete(px_db *db, int64_t id, px_err *e);
typedef int (*memo_fn)(const px_memo *m, void *ud);
/* Memos on one target in insertion order; target -1 visits every memo. */
int memo_each(px_db *db, int target, int64_t target_id, memo_fn fn, void *ud, px_err *e);
void memo_free(px_memo *m);

#endif
