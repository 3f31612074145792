/* err.h: how core/ and io/ report failure without printing.
 *
 * Every fallible function returns a status and fills a px_err with a
 * message a person can act on (a file:line:column, or the field and value at
 * fault). Callers print it; core never does. */
#ifndef PRAXIS_ERR_H
#define PRAXIS_ERR_H

#include <stddef.h>

enum px_status {
	PX_OK = 0,
	PX_EUSAGE = 1,   /* the caller asked for something malformed */
	PX_EDATA = 2,    /* the data is wrong: bad corpus, missing id, ... */
	PX_EIO = 3,      /* file system or database failure */
	PX_ENOTFOUND = 4,/* a looked-up row does not exist */
	PX_EBUSY = 5     /* the database stayed locked past the busy timeout */
};

typedef struct px_err {
	int code;
	char msg[1024];
} px_err;

#if defined(__GNUC__)
#define PX_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PX_PRINTF(a, b)
#endif

/* Sets e (may be NULL) and returns code, so `return px_fail(e, ...)` reads. */
int px_fail(px_err *e, int code, const char *fmt, ...) PX_PRINTF(3, 4);
#ifdef __clang_analyzer__
/* clang-tidy's analyzer sees one file at a time and cannot know that
 * px_fail returns its code; without this it follows every error path as
 * if it had returned 0 and reports "uninitialized" and "null" there. Only
 * the analyzer sees this (err.c defines the function as (px_fail)). */
#define px_fail(e, code, ...) (px_fail((e), (code), __VA_ARGS__), (code))
#endif
/* Prefixes an existing message: "context: old message". */
int px_wrap(px_err *e, const char *fmt, ...) PX_PRINTF(2, 3);
void px_clear(px_err *e);
/* The status recorded in e, for returning after a callee filled it. */
static inline int px_status_of(const px_err *e)
{
	return e && e->code ? e->code : PX_EIO;
}
/* Process exit status for a status: 0 ok, 1 usage, 2 data or I/O. */
int px_exit_status(int code);

#endif
