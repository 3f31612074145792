/* screen.h: driving the interface headless from unit tests: a scratch
 * database from corpus text, keys run through --script, the dumped screen
 * read back, and line assertions that print the whole screen on failure.
 * Include after cmocka.h. */
#ifndef PRAXIS_TEST_SCREEN_H
#define PRAXIS_TEST_SCREEN_H

#include <stdint.h>

/* A scratch database with yaml (fx_small_corpus if NULL) imported as
 * coder tester (caller frees). */
char *fx_screen_db(const char *yaml);
/* Runs keys on db at cols x rows with extra global options in opts (may
 * be NULL; "--coder tester" unless opts names a --coder); returns the
 * dumped screen (caller frees). */
char *fx_screen_run(const char *db, const char *keys, int cols, int rows, const char *opts);
/* Line n (0-based) of a screen, copied. */
char *fx_screen_line(const char *screen, int n);
void fx_assert_line(const char *screen, int n, const char *want);
void fx_assert_has(const char *screen, const char *want);
void fx_assert_lacks(const char *screen, const char *want);
/* One integer from a query on the database at path. */
int64_t fx_scalar(const char *dbpath, const char *sql);
/* Writes text to a fresh scratch file made executable; caller frees. */
char *fx_script_file(const char *text);

#endif
