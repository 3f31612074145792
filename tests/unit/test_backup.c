/* test_backup.c: `praxis backup` and the copy kept before a migration. */
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
#include "praxis/backup.h"
#include "praxis/util.h"
#include "praxis/vignette.h"
#include "fixture.h"
#include "spawn.h"
#include "../../src/core/schema.h"

static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
}

static const char *base_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Temp files a failed or finished write must not leave behind. */
static int temps_beside(const char *path)
{
	char *dir = dir_of(path), *prefix = xasprintf("%s.tmp-", base_of(path));
	int n = sp_dir_count(dir, prefix, NULL);

	free(dir);
	free(prefix);
	return n;
}

static void test_backup_copies_project_0600(void **state)
{
	char *db = sp_project(), *out = fx_path(".copy"), *err = NULL;
	const char *args[] = { "--db", db, "backup", out, NULL };
	struct stat sb;
	char msg[1024];

	(void)state;
	assert_int_equal(sp_run(args, NULL, NULL, &err), 0);
	assert_string_equal(err, "");
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sp_integrity(out, msg, sizeof(msg)), 0);
	assert_int_equal(sp_scalar(out, "SELECT count(*) FROM vignette"), 2);
	assert_int_equal(sp_scalar(out, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(sp_scalar(out, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(temps_beside(out), 0);
	free(err);
	free(db);
	free(out);
}

/* A writer in the middle of a transaction: the copy is the last committed
 * state, and the backup does not wait for the writer. */
static void test_backup_is_consistent_during_a_write(void **state)
{
	char *db = sp_project(), *out = fx_path(".copy");
	const char *args[] = { "--db", db, "backup", "--quiet", out, NULL };
	sqlite3 *h;

	(void)state;
	assert_int_equal(sqlite3_open(db, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE; DELETE FROM coding;", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(sp_run(args, NULL, NULL, NULL), 0);
	assert_int_equal(sp_scalar(out, "SELECT count(*) FROM coding"), 3);
	assert_int_equal(sqlite3_exec(h, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sp_run(args, NULL, NULL, NULL), 0);
	assert_int_equal(sp_scalar(out, "SELECT count(*) FROM coding"), 0);
	sqlite3_close(h);
	free(db);
	free(out);
}

static void test_backup_refuses_bad_targets(void **state)
{
	char *db = sp_project(), *err = NULL;
	const char *self[] = { "--db", db, "backup", db, NULL };
	const char *missing[] = { "--db", db, "backup", "/nonexistent-dir/x.db", NULL };
	const char *none[] = { "--db", db, "backup", NULL };

	(void)state;
	assert_int_equal(sp_run(self, NULL, NULL, &err), 1);
	assert_non_null(strstr(err, "is the database itself"));
	free(err);
	assert_int_equal(sp_run(missing, NULL, NULL, &err), 2);
	assert_non_null(strstr(err, "/nonexistent-dir/x.db: cannot write"));
	free(err);
	assert_int_equal(sp_run(none, NULL, NULL, &err), 1);
	free(err);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	free(db);
}

/* A full disk half-way through the copy: the old OUT stays, no temp. */
static void test_backup_full_disk_keeps_old_target(void **state)
{
	char *db = sp_project(), *out = fx_path(".copy"), *err = NULL, *old;
	const char *args[] = { "--db", db, "backup", out, NULL };
	/* above the 32 KiB WAL index the reader maps, below the copy's size */
	sp_opts o = { .fsize = 40000 };
	FILE *fp = fopen(out, "w");

	(void)state;
	assert_true(sp_scalar(db, "PRAGMA page_count") * sp_scalar(db, "PRAGMA page_size") >
		    2 * o.fsize);
	assert_non_null(fp);
	fputs("the previous backup\n", fp);
	fclose(fp);
	assert_int_equal(sp_run(args, &o, NULL, &err), 2);
	assert_non_null(strstr(err, out));
	old = fx_read_file(out, NULL);
	assert_string_equal(old, "the previous backup\n");
	assert_int_equal(temps_beside(out), 0);
	free(old);
	free(err);
	free(db);
	free(out);
}

/* The file's one backup copy, named PATH.bak-vFROM-...; NULL if none. */
static char *migration_copy(const char *path, int from)
{
	char *dir = dir_of(path), *prefix = xasprintf("%s.bak-v%d-", base_of(path), from);
	char *first = NULL;
	int n = sp_dir_count(dir, prefix, &first);

	assert_true(n <= 1);
	free(dir);
	free(prefix);
	return first;
}

/* A real migration from the current schema to one more step (a test list
 * that appends a table): the copy is the file as it was. */
static void test_migration_keeps_copy(void **state)
{
	const char *list[64];
	char *path = sp_project(), *copy;
	px_db *db = NULL;
	px_err e = { 0 };
	char msg[1024];
	struct stat sb;

	(void)state;
	assert_true(schema_version_count + 2 <= 64);
	for (int i = 0; i <= schema_version_count; i++)
		list[i] = schema_migrations[i];
	list[schema_version_count + 1] = "CREATE TABLE added_later(x);";
	assert_null(migration_copy(path, schema_version_count));
	schema_active = list;
	schema_active_count = schema_version_count + 1;
	assert_int_equal(db_open(path, 0, &db, &e), PX_OK);
	schema_active = schema_migrations;
	schema_active_count = schema_version_count;
	assert_int_equal(db_scalar(db, "PRAGMA user_version"), schema_version_count + 1);
	assert_int_equal(db_scalar(db, "SELECT count(*) FROM sqlite_master WHERE name = "
				   "'added_later'"), 1);
	db_close(db);
	copy = migration_copy(path, schema_version_count);
	assert_non_null(copy);
	assert_int_equal(stat(copy, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sp_integrity(copy, msg, sizeof(msg)), 0);
	assert_int_equal(sp_scalar(copy, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(sp_scalar(copy, "SELECT count(*) FROM sqlite_master WHERE name = "
				   "'added_later'"), 0);
	assert_int_equal(sp_scalar(copy, "SELECT count(*) FROM coding"), 3);
	free(copy);
	free(path);
}

/* A file that claims version 0 but has tables: migration 1 fails. The
 * copy exists and the file is as it was (the migration rolled back). */
static void test_failed_migration_leaves_file_and_copy(void **state)
{
	char *path = sp_project(), *copy;
	sqlite3 *h;
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA user_version = 0", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_int_not_equal(db_open(path, 0, &db, &e), PX_OK);
	assert_null(db);
	assert_non_null(strstr(e.msg, "migrating schema 0 to "));
	assert_non_null(strstr(e.msg, path));
	assert_int_equal(sp_scalar(path, "PRAGMA user_version"), 0);
	assert_int_equal(sp_scalar(path, "SELECT count(*) FROM coding"), 3);
	copy = migration_copy(path, 0);
	assert_non_null(copy);
	assert_int_equal(sp_scalar(copy, "SELECT count(*) FROM coding"), 3);
	free(copy);
	free(path);
}

/* Opening a current file makes no copy. */
static void test_no_copy_without_migration(void **state)
{
	char *path = sp_project();
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	assert_int_equal(db_open(path, 0, &db, &e), PX_OK);
	db_close(db);
	assert_null(migration_copy(path, 0));
	assert_null(migration_copy(path, 1));
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup_copies_project_0600),
		cmocka_unit_test(test_backup_is_consistent_during_a_write),
		cmocka_unit_test(test_backup_refuses_bad_targets),
		cmocka_unit_test(test_backup_full_disk_keeps_old_target),
		cmocka_unit_test(test_migration_keeps_copy),
		cmocka_unit_test(test_failed_migration_leaves_file_and_copy),
		cmocka_unit_test(test_no_copy_without_migration),
	};
	return cmocka_run_group_tests_name("backup", tests, NULL, NULL);
}
