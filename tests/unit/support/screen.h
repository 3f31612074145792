/* screen.h: what the headless screen tests share: running the interface
 * on keys and reading lines of the dumped screen. Include after cmocka.h. */
#ifndef PRAXIS_TEST_SCREEN_H
#define PRAXIS_TEST_SCREEN_H

#include <stdint.h>

/* Runs the interface on db with keys (a --script file) at cols x rows,
 * with extra options opts (may be NULL, e.g. "--coder tester"); returns
 * the dumped screen (caller frees). Fails the test if praxis fails. */
char *fx_screen(const char *db, const char *keys, int cols, int rows, const char *opts);
/* The n-th line (0-based) of a screen, copied. */
char *fx_screen_line(const char *screen, int n);
void fx_assert_line(const char *screen, int n, const char *want);
void fx_assert_has(const char *screen, const char *want);
void fx_assert_lacks(const char *screen, const char *want);
/* One number from SQL on the database file. */
int64_t fx_scalar(const char *dbpath, const char *sql);

#endif
