/* screen.c: see screen.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

char *fx_screen(const char *db, const char *keys, int cols, int rows, const char *opts)
{
	char *kp = fx_path(".keys"), *out = fx_path(".screen"), *args, *err = NULL, *screen;
	char buf[16];
	FILE *fp = fopen(kp, "w");
	int rc;

	assert_non_null(fp);
	fputs(keys, fp);
	fclose(fp);
	snprintf(buf, sizeof(buf), "%d", cols);
	setenv("COLUMNS", buf, 1);
	snprintf(buf, sizeof(buf), "%d", rows);
	setenv("LINES", buf, 1);
	args = xasprintf("--db '%s' --script '%s' --dump-screen '%s' %s", db, kp, out,
			 opts ? opts : "");
	rc = fx_run(args, NULL, &err);
	if (rc != 0)
		fail_msg("praxis exited %d: %s", rc, err ? err : "");
	screen = fx_read_file(out, NULL);
	assert_non_null(screen);
	free(err);
	free(args);
	free(kp);
	free(out);
	return screen;
}

char *fx_screen_line(const char *screen, int n)
{
	const char *p = screen;

	while (n-- > 0 && (p = strchr(p, '\n')))
		p++;
	assert_non_null(p);
	const char *nl = strchr(p, '\n');
	return xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

void fx_assert_line(const char *screen, int n, const char *want)
{
	char *got = fx_screen_line(screen, n);

	if (strcmp(got, want) != 0)
		fail_msg("line %d:\n got: '%s'\nwant: '%s'\nscreen:\n%s", n, got, want, screen);
	free(got);
}

void fx_assert_has(const char *screen, const char *want)
{
	if (!strstr(screen, want))
		fail_msg("screen lacks '%s':\n%s", want, screen);
}

void fx_assert_lacks(const char *screen, const char *want)
{
	if (strstr(screen, want))
		fail_msg("screen has '%s':\n%s", want, screen);
}

int64_t fx_scalar(const char *dbpath, const char *sql)
{
	px_db *db = NULL;
	px_err e = { 0 };
	int64_t v;

	if (db_open(dbpath, 0, &db, &e))
		fail_msg("%s", e.msg);
	v = db_scalar(db, sql);
	db_close(db);
	return v;
}
