/* screen.c: see screen.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "praxis/db.h"
#include "praxis/util.h"
#include "praxis/project.h"
#include "fixture.h"
#include "screen.h"

char *fx_screen_db(const char *yaml)
{
	char *db = fx_path(".db"), *yp = fx_path(".yaml"), *args, *err = NULL;
	FILE *fp = fopen(yp, "w");

	assert_non_null(fp);
	fputs(yaml ? yaml : fx_small_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' --coder tester import '%s'", db, yp);
	if (fx_run(args, NULL, &err) != 0)
		fail_msg("import: %s", err);
	free(err);
	free(args);
	free(yp);
	return db;
}

char *fx_screen_run(const char *db, const char *keys, int cols, int rows, const char *opts)
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
	args = xasprintf("--db '%s' %s --script '%s' --dump-screen '%s' %s", db,
			 opts && strstr(opts, "--coder") ? "" : "--coder tester", kp, out,
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
	const char *p = screen, *nl;

	while (n-- > 0 && p && (p = strchr(p, '\n')))
		p++;
	if (!p)
		return xstrdup("");
	nl = strchr(p, '\n');
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

	if (project_open(dbpath, 0, &db, &e))
		fail_msg("%s", e.msg);
	v = db_scalar(db, sql);
	db_close(db);
	return v;
}

char *fx_script_file(const char *text)
{
	char *path = fx_path(".sh");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	chmod(path, 0755);
	return path;
}
