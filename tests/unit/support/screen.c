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
#include "praxis/util.h"
#include "fixture.h"
#include "screen.h"

char *sc_make_db(const char *yaml)
{
	char *db = fx_path(".db"), *path = fx_path(".yaml"), *args, *err = NULL;
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(yaml ? yaml : fx_small_corpus, fp);
	fclose(fp);
	args = xasprintf("--db '%s' --coder tester import '%s'", db, path);
	if (fx_run(args, NULL, &err) != 0)
		fail_msg("import: %s", err);
	free(err);
	free(args);
	free(path);
	return db;
}

char *sc_run(const char *db, const char *keys, int cols, int rows, const char *opts)
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

char *sc_line(const char *screen, int n)
{
	const char *p = screen;

	while (n-- > 0 && (p = strchr(p, '\n')))
		p++;
	assert_non_null(p);
	const char *nl = strchr(p, '\n');
	return xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

void sc_assert_has(const char *screen, const char *want)
{
	if (!strstr(screen, want))
		fail_msg("screen lacks '%s':\n%s", want, screen);
}

void sc_assert_lacks(const char *screen, const char *want)
{
	if (strstr(screen, want))
		fail_msg("screen has '%s':\n%s", want, screen);
}

int64_t sc_scalar(const char *path, const char *sql)
{
	px_db *db = NULL;
	px_err e = { 0 };
	int64_t v;

	if (db_open(path, 0, &db, &e))
		fail_msg("%s", e.msg);
	v = db_scalar(db, sql);
	db_close(db);
	return v;
}

char *sc_script_file(const char *text)
{
	char *path = fx_path(".sh");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	chmod(path, 0755);
	return path;
}
