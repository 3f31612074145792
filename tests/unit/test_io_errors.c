/* test_io_errors.c: a read-only database file or directory, a missing
 * directory and a full disk (RLIMIT_FSIZE in the child, SIGXFSZ ignored,
 * so writes fail with EFBIG as they would with ENOSPC): each gives a clear
 * error and exit 2, the database stays intact, and no partial export or
 * temp file is left. When the tests run as root, the read-only cases run
 * praxis as nobody so that permissions apply. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "praxis/util.h"
#include "praxis/project.h"
#include "fixture.h"
#include "spawn.h"

/* A project in a directory of its own under /tmp (nobody must be able to
 * reach it; the scratch directory is private). */
struct ro_project {
	char dir[64];
	char *db;
};

static void ro_make(struct ro_project *p)
{
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[1024];

	snprintf(p->dir, sizeof(p->dir), "/tmp/praxis-ro-XXXXXX");
	assert_non_null(mkdtemp(p->dir));
	p->db = xasprintf("%s/p.db", p->dir);
	assert_int_equal(project_open(p->db, PROJECT_CREATE, &db, &e), PX_OK);
	assert_int_equal(fx_import(db, fx_small_corpus, msg, sizeof(msg)), PX_OK);
	db_close(db);
}

static void ro_remove(struct ro_project *p)
{
	const char *sfx[] = { "", "-wal", "-shm", "-journal" };

	chmod(p->dir, 0700);
	for (size_t i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		char *f = xasprintf("%s%s", p->db, sfx[i]);
		unlink(f);
		free(f);
	}
	rmdir(p->dir);
	free(p->db);
}

static void assert_intact(const char *db)
{
	char msg[1024];

	if (sp_integrity(db, msg, sizeof(msg)) != 0)
		fail_msg("%s", msg);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM vignette"), 2);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
}

static void test_readonly_file(void **state)
{
	struct ro_project p;
	sp_opts as_nobody = { .as_nobody = 1 };
	char *err = NULL, *out = NULL;

	(void)state;
	ro_make(&p);
	const char *code[] = { "--db", p.db, "code", "--vignette", "v1", "--code", "ME",
			       "--whole", NULL };
	const char *list[] = { "--db", p.db, "list", "vignettes", NULL };
	assert_int_equal(chmod(p.dir, 0777), 0);
	assert_int_equal(chmod(p.db, 0444), 0);
	assert_int_equal(sp_run(code, &as_nobody, &out, &err), 2);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, p.db));
	assert_non_null(strstr(err, "read-only"));
	assert_non_null(strstr(err, "nothing was written"));
	free(out);
	free(err);
	/* reading still works */
	assert_int_equal(sp_run(list, &as_nobody, &out, NULL), 0);
	assert_non_null(strstr(out, "The pile"));
	free(out);
	assert_intact(p.db);
	ro_remove(&p);
}

static void test_readonly_directory(void **state)
{
	struct ro_project p;
	sp_opts as_nobody = { .as_nobody = 1 };
	char *err = NULL, *out = NULL;

	(void)state;
	ro_make(&p);
	const char *list[] = { "--db", p.db, "list", "vignettes", NULL };
	const char *code[] = { "--db", p.db, "code", "--vignette", "v1", "--code", "ME",
			       "--whole", NULL };
	assert_int_equal(chmod(p.db, 0444), 0);
	assert_int_equal(chmod(p.dir, 0555), 0);
	/* reading works (the WAL file opened as immutable: no -shm needed) */
	assert_int_equal(sp_run(list, &as_nobody, &out, NULL), 0);
	assert_non_null(strstr(out, "The pile"));
	free(out);
	assert_int_equal(sp_run(code, &as_nobody, NULL, &err), 2);
	assert_non_null(strstr(err, "read-only"));
	free(err);
	assert_int_equal(chmod(p.dir, 0700), 0);
	assert_intact(p.db);
	ro_remove(&p);
}

static void test_missing_directory(void **state)
{
	char *db = sp_project(), *err = NULL;
	const char *import[] = { "--db", "/nonexistent-praxis/sub/p.db", "import",
				 "/nonexistent-praxis/c.yaml", NULL };
	const char *list[] = { "--db", "/nonexistent-praxis/p.db", "list", "codes", NULL };
	const char *export[] = { "--db", db, "export", "-o", "/nonexistent-praxis/out.yaml",
				 NULL };

	(void)state;
	assert_int_equal(sp_run(import, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, "/nonexistent-praxis/sub/p.db: cannot create the database: "
				    "No such file or directory"));
	free(err);
	assert_int_equal(sp_run(list, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, "/nonexistent-praxis/p.db: no such database"));
	free(err);
	assert_int_equal(sp_run(export, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, "/nonexistent-praxis/out.yaml: cannot write: No such file"));
	free(err);
	assert_intact(db);
	free(db);
}

/* A corpus of n vignettes with long texts, ids starting at "big". */
static char *big_corpus(int n)
{
	char *path = fx_path(".yaml");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs("praxis: 1\nvignettes:\n", fp);
	for (int i = 0; i < n; i++) {
		fprintf(fp, "  - id: big%d\n    title: Long %d\n    date: 2026-05-01\n"
			"    text: \"", i, i);
		for (int k = 0; k < 40; k++)
			fputs("The night shift covered the ward while the board was rewritten. ",
			      fp);
		fputs("\"\n    codings:\n      - code: ME\n", fp);
	}
	fclose(fp);
	return path;
}

static void test_full_disk_import_rolls_back(void **state)
{
	char *db = sp_project(), *yaml = big_corpus(300), *err = NULL;
	const char *import[] = { "--db", db, "import", yaml, NULL };
	sp_opts full = { .fsize = 256 * 1024 };

	(void)state;
	assert_int_equal(sp_run(import, &full, NULL, &err), 2);
	assert_non_null(strstr(err, db));
	assert_non_null(strstr(err, "disk"));
	free(err);
	assert_intact(db);
	/* with room, the same import works */
	assert_int_equal(sp_run(import, NULL, NULL, NULL), 0);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM vignette"), 302);
	free(yaml);
	free(db);
}

static void test_full_disk_export_leaves_nothing(void **state)
{
	char *db = sp_project(), *yaml = big_corpus(100), *out = fx_path(".yaml"), *err = NULL;
	char *dir = fx_path("-exportdir"), *old;
	const char *import[] = { "--db", db, "import", yaml, NULL };
	sp_opts full = { .fsize = 64 * 1024 };
	FILE *fp;

	(void)state;
	assert_int_equal(sp_run(import, NULL, NULL, NULL), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(out);
	out = xasprintf("%s/out.yaml", dir);
	const char *export[] = { "--db", db, "export", "-o", out, NULL };
	/* no earlier file: nothing at all is left */
	assert_int_equal(sp_run(export, &full, NULL, &err), 2);
	assert_non_null(strstr(err, out));
	free(err);
	assert_int_equal(sp_dir_count(dir, "", NULL), 2); /* . and .. */
	/* an earlier file stays as it was */
	fp = fopen(out, "w");
	assert_non_null(fp);
	fputs("earlier export\n", fp);
	fclose(fp);
	assert_int_equal(sp_run(export, &full, NULL, &err), 2);
	free(err);
	old = fx_read_file(out, NULL);
	assert_string_equal(old, "earlier export\n");
	assert_int_equal(sp_dir_count(dir, "out.yaml.tmp-", NULL), 0);
	free(old);
	/* with room it works and the result imports */
	assert_int_equal(sp_run(export, NULL, NULL, NULL), 0);
	old = fx_read_file(out, NULL);
	assert_true(strlen(old) > 64 * 1024);
	free(old);
	unlink(out);
	rmdir(dir);
	free(dir);
	free(out);
	free(yaml);
	free(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readonly_file),
		cmocka_unit_test(test_readonly_directory),
		cmocka_unit_test(test_missing_directory),
		cmocka_unit_test(test_full_disk_import_rolls_back),
		cmocka_unit_test(test_full_disk_export_leaves_nothing),
	};
	return cmocka_run_group_tests_name("io_errors", tests, NULL, NULL);
}
