/* test_reliab.c: the failures an independent attack on praxis found, one
 * regression test each (docs/RELIABILITY.md maps them): no acknowledged
 * work lost to a racing or failed import, no output that can replace the
 * project, no write to a file before it is known to be a praxis project,
 * private exports 0600, the system sqlite3 agreeing the file is healthy. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <termios.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <zip.h>
#include "praxis/atomic.h"
#include "praxis/codebook.h"
#include "praxis/corpus.h"
#include "praxis/refi.h"
#include "praxis/tempfile.h"
#include "praxis/project.h"
#include "praxis/util.h"
#include "fixture.h"
#include "spawn.h"
#include "../../src/core/schema.h"

/* Writes text to path; a copy of path (caller frees). */
static char *write_text_at(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
	return xstrdup(path);
}

/* A corpus with one vignette, id pN. */
static char *corpus_n(int n)
{
	char *yaml = xasprintf("praxis: 1\n"
			       "vignettes:\n"
			       "  - id: p%d\n"
			       "    title: Corpus %d\n"
			       "    date: 2026-01-0%d\n"
			       "    text: Text of corpus %d.\n"
			       "    codings:\n"
			       "      - code: ME\n", n, n, n % 9 + 1, n);
	char *path = fx_file_with(".yaml", yaml);

	free(yaml);
	return path;
}

static void assert_healthy(const char *db)
{
	char msg[1024];

	if (sp_integrity(db, msg, sizeof(msg)) != 0)
		fail_msg("%s", msg);
}

/* praxis --db db import file must succeed. */
static void import_ok(const char *db, const char *file)
{
	char *cmd = xasprintf("--db '%s' import '%s'", db, file), *err = NULL;

	if (fx_run(cmd, NULL, &err) != 0)
		fail_msg("import %s: %s", file, err);
	free(err);
	free(cmd);
}

/* Five imports of different corpora, and one that fails, started at once
 * into a path that does not exist yet: the five succeed (each waits its
 * turn), all their vignettes are there, and the failed one removed
 * nothing. */
static void test_parallel_imports_into_new_path(void **state)
{
	enum { N = 5 };
	char *db = fx_path(".db"), *files[N];
	char *bad = xasprintf("%s/tests/bad/bad-mode.yaml", fx_top());
	pid_t pids[N + 1];
	int status;

	(void)state;
	for (int i = 0; i < N; i++)
		files[i] = corpus_n(i);
	const char *bad_args[] = { "--db", db, "import", bad, NULL };
	pids[N] = sp_start(bad_args, NULL, NULL, NULL);
	for (int i = 0; i < N; i++) {
		const char *args[] = { "--db", db, "import", files[i], NULL };
		pids[i] = sp_start(args, NULL, NULL, NULL);
	}
	for (int i = 0; i <= N; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_int_equal(sp_status(status), i == N ? 2 : 0);
	}
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM vignette"), N);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), N);
	assert_healthy(db);
	for (int i = 0; i < N; i++)
		free(files[i]);
	free(bad);
	free(db);
}

/* The bytes of path, or NULL. */
static char *slurp(const char *path, size_t *len)
{
	return fx_read_file(path, len);
}

static void assert_same_bytes(const char *path, const char *before, size_t len)
{
	size_t now_len;
	char *now = slurp(path, &now_len);

	assert_non_null(now);
	assert_int_equal(now_len, len);
	assert_memory_equal(now, before, len);
	free(now);
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *h = NULL;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	sqlite3_close(h);
}

/* A write refused on another program's SQLite file or on a newer praxis
 * schema leaves the file byte for byte as it was: not switched to WAL. */
static void test_refused_files_are_not_touched(void **state)
{
	char *foreign = fx_path(".db"), *newer = fx_path(".db");
	char *corpus = corpus_n(1), *wal;
	const char *paths[] = { foreign, newer };
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	exec_sql(foreign, "CREATE TABLE notes(x); INSERT INTO notes VALUES (1);");
	assert_int_equal(project_open(newer, PROJECT_CREATE, &db, &e), PX_OK);
	db_close(db);
	exec_sql(newer, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;");
	for (size_t i = 0; i < 2; i++) {
		size_t len;
		char *before = slurp(paths[i], &len), *cmd, *err = NULL;
		assert_non_null(before);
		cmd = xasprintf("--db '%s' import '%s'", paths[i], corpus);
		assert_int_equal(fx_run(cmd, NULL, &err), 2);
		assert_non_null(strstr(err, i == 0 ? "not a praxis database" : "newer"));
		assert_same_bytes(paths[i], before, len);
		wal = xasprintf("%s-wal", paths[i]);
		assert_int_equal(access(wal, F_OK), -1);
		free(wal);
		free(err);
		free(cmd);
		free(before);
	}
	free(corpus);
	free(foreign);
	free(newer);
}

/* A 0-byte file (a kill in the first moments of a first import leaves
 * one): read commands say it is empty; init and import set it up. */
static void test_zero_byte_file(void **state)
{
	char *db = fx_file_with(".db", ""), *db2 = fx_file_with(".db", "");
	char *corpus = corpus_n(2), *cmd, *err = NULL;

	(void)state;
	cmd = xasprintf("--db '%s' list vignettes", db);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "the file is empty"));
	assert_non_null(strstr(err, db));
	assert_null(strstr(err, "read-only"));
	free(err);
	free(cmd);
	cmd = xasprintf("--db '%s' init", db);
	assert_int_equal(fx_run(cmd, NULL, NULL), 0);
	free(cmd);
	import_ok(db2, corpus);
	assert_int_equal(sp_scalar(db2, "SELECT count(*) FROM vignette"), 1);
	assert_healthy(db);
	assert_healthy(db2);
	free(corpus);
	free(db);
	free(db2);
}

/* A project in a fresh file; caller frees the path. */
static char *project(void)
{
	return sp_project();
}

/* export -o and backup refuse the database, a hard link to it, and its
 * -wal, -shm and -journal names; the project keeps every coding. */
static void test_outputs_cannot_be_the_project(void **state)
{
	char *db = project(), *hard = fx_path(".db");
	static const char *const sfx[] = { "", "-wal", "-shm", "-journal" };

	(void)state;
	assert_int_equal(link(db, hard), 0);
	for (size_t i = 0; i <= sizeof(sfx) / sizeof(sfx[0]); i++) {
		char *target = i < 4 ? xasprintf("%s%s", db, sfx[i]) : xstrdup(hard);
		const char *forms[] = { "export -o", "export --format md -o", "backup" };
		for (size_t f = 0; f < 3; f++) {
			char *cmd = xasprintf("--db '%s' %s '%s'", db, forms[f], target), *err = NULL;
			assert_int_not_equal(fx_run(cmd, NULL, &err), 0);
			assert_non_null(strstr(err, target));
			assert_non_null(strstr(err, "name another file"));
			free(err);
			free(cmd);
		}
		free(target);
	}
	assert_healthy(db);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 3);
	free(hard);
	free(db);
}

static mode_t mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 07777;
}

/* YAML, qdpx and --keep-names exports hold private names: new files are
 * 0600. A pseudonymized Markdown export gets the umask's mode; a file
 * replaced keeps its own mode. */
static void test_private_exports_are_0600(void **state)
{
	char *db = project();
	struct { const char *args, *suffix; mode_t want; } cases[] = {
		{ "export", ".yaml", 0600 },
		{ "export --format qdpx", ".qdpx", 0600 },
		{ "export --format md --keep-names", ".md", 0600 },
		{ "export --format md", ".md", 0644 },
	};
	mode_t old = umask(022);

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = fx_path(cases[i].suffix);
		char *cmd = xasprintf("--db '%s' %s -o '%s'", db, cases[i].args, out);
		assert_int_equal(fx_run(cmd, NULL, NULL), 0);
		assert_int_equal(mode_of(out), cases[i].want);
		/* again over a file the user gave another mode */
		assert_int_equal(chmod(out, 0640), 0);
		assert_int_equal(fx_run(cmd, NULL, NULL), 0);
		assert_int_equal(mode_of(out), 0640);
		unlink(out);
		free(cmd);
		free(out);
	}
	umask(old);
	free(db);
}

/* A SIGTERM (or SIGINT, SIGHUP) while an export's temp file is open
 * removes the temp file; the process still ends by the signal. */
static void test_signal_removes_export_temp(void **state)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };

	(void)state;
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		char *out = fx_path(".yaml"), *dir = xstrdup(out), *slash = strrchr(dir, '/');
		char *prefix = xasprintf("%s.tmp-", slash + 1);
		int status;
		pid_t pid;

		*slash = '\0';
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			atomic_file af;
			if (atomic_open(&af, out, NULL) != PX_OK)
				_exit(3);
			fputs("half an export", af.fp);
			fflush(af.fp);
			raise(sigs[i]);
			_exit(4);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), sigs[i]);
		assert_int_equal(sp_dir_count(dir, prefix, NULL), 0);
		assert_int_equal(access(out, F_OK), -1);
		free(prefix);
		free(dir);
		free(out);
	}
}

/* The backup's temp copy and its -journal go the same way (the backup
 * tracks both with tempfile_track). */
static void test_signal_removes_backup_temp(void **state)
{
	char *tmp = fx_file_with(".tmp", "half a copy"), *journal = xasprintf("%s-journal", tmp);
	int status;
	pid_t pid;

	(void)state;
	free(write_text_at(journal, "journal"));
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		tempfile_track(tmp, journal);
		raise(SIGTERM);
		_exit(4);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(access(tmp, F_OK), -1);
	assert_int_equal(access(journal, F_OK), -1);
	free(journal);
	free(tmp);
}

/* The output of `sqlite3 FILE 'PRAGMA integrity_check'`. */
static char *system_sqlite3_check(const char *db)
{
	char *cmd = xasprintf("sqlite3 '%s' 'PRAGMA integrity_check' 2>&1", db);
	FILE *p = popen(cmd, "r");
	char buf[4096];
	size_t n;

	assert_non_null(p);
	n = fread(buf, 1, sizeof(buf) - 1, p);
	buf[n] = '\0';
	pclose(p);
	free(cmd);
	return xstrdup(buf);
}

/* Debian's sqlite3 3.40.1 reported "NULL value in participant_alias.ord"
 * on every healthy project with an alias; migration 2 reorders the table.
 * A new project and one migrated from schema 1 both check "ok", and the
 * migration keeps the aliases. */
static void test_system_sqlite3_agrees(void **state)
{
	char *fresh = project(), *old = fx_path(".db"), *out;
	px_db *db = NULL;
	int rc;
	px_err e = { 0 };
	char msg[1024];

	(void)state;
	out = system_sqlite3_check(fresh);
	assert_string_equal(out, "ok\n");
	free(out);
	/* a schema-1 file with an alias (today's writer knows later columns,
	 * so the row is put there as praxis 1 wrote it) */
	schema_active_count = 1;
	assert_int_equal(project_open(old, PROJECT_CREATE, &db, &e), PX_OK);
	(void)msg;
	rc = db_exec(db, "INSERT INTO participant(ext_id, pseudonym, uuid)"
		     " VALUES ('ann', 'Ann', 'u-ann');"
		     "INSERT INTO participant_alias(participant_id, ord, alias)"
		     " VALUES (last_insert_rowid(), 0, 'Annie');", &e);
	db_close(db);
	schema_active_count = schema_version_count;
	if (rc)
		fail_msg("schema-1 rows: %s", e.msg);
	assert_int_equal(sp_scalar(old, "PRAGMA user_version"), 1);
	assert_int_equal(project_open(old, 0, &db, &e), PX_OK);
	db_close(db);
	assert_int_equal(sp_scalar(old, "PRAGMA user_version"), schema_version_count);
	assert_int_equal(sp_scalar(old, "SELECT count(*) FROM participant_alias WHERE "
				   "alias = 'Annie' AND ord = 0"), 1);
	out = system_sqlite3_check(old);
	assert_string_equal(out, "ok\n");
	free(out);
	free(old);
	free(fresh);
}

/* Reading a 0400 project leaves 0400 -wal and -shm files (SQLite gives
 * them the database's mode); once the database is writable again, a
 * write still works (praxis gives its own sidecars their write bit
 * back). Runs praxis as nobody when the suite runs as root. */
static void test_readonly_read_leaves_no_trap(void **state)
{
	sp_opts as_nobody = { .as_nobody = 1 };
	char dir[64], *db, *err = NULL;
	px_db *h = NULL;
	px_err e = { 0 };
	char msg[1024];

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/praxis-ro-XXXXXX");
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0777), 0);
	db = xasprintf("%s/p.db", dir);
	assert_int_equal(project_open(db, PROJECT_CREATE, &h, &e), PX_OK);
	assert_int_equal(fx_import(h, fx_small_corpus, msg, sizeof(msg)), PX_OK);
	db_close(h);
	if (geteuid() == 0)
		assert_int_equal(chown(db, 65534, 65534), 0);
	assert_int_equal(chmod(db, 0400), 0);
	const char *list[] = { "--db", db, "list", "vignettes", NULL };
	const char *code[] = { "--db", db, "code", "--vignette", "v1", "--code", "ME",
			       "--whole", NULL };
	assert_int_equal(sp_run(list, &as_nobody, NULL, NULL), 0);
	assert_int_equal(chmod(db, 0600), 0);
	if (sp_run(code, &as_nobody, NULL, &err) != 0)
		fail_msg("%s", err);
	free(err);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM coding"), 4);
	{
		const char *sfx[] = { "", "-wal", "-shm" };
		for (size_t i = 0; i < 3; i++) {
			char *f = xasprintf("%s%s", db, sfx[i]);
			unlink(f);
			free(f);
		}
	}
	rmdir(dir);
	free(db);
}

/* A project with one vignette of scale MB of "word " and 1,000 x scale
 * codings of "word" spread over it (offsets, so the import is quick). */
static px_db *repeated_word_project(int scale)
{
	size_t words = (size_t)scale * 1024 * 1024 / 5, ncodings = (size_t)scale * 1000;
	strbuf y;
	px_db *db;

	sb_init(&y);
	sb_add(&y, "praxis: 1\nvignettes:\n  - id: big\n    title: Big\n"
		"    date: 2026-01-01\n    text: \"");
	for (size_t i = 0; i < words; i++)
		sb_add(&y, "word ");
	sb_add(&y, "\"\n    codings:\n");
	for (size_t k = 0; k < ncodings; k++) {
		size_t w = k * (words / ncodings);
		sb_printf(&y, "      - code: ME\n        start: %zu\n        end: %zu\n",
			  w * 5, w * 5 + 4);
	}
	db = fx_db_with(y.s);
	sb_free(&y);
	return db;
}

/* User processor time of this process: the work done, not the disk's,
 * the kernel's page faults or the other jobs' on a shared machine. */
static double seconds_now(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
}

/* The YAML export (the documented backup) of a 1 MB text with 1,000
 * codings of a repeated word, and of 4 MB with 4,000: the second takes
 * about 4 times as long, not 16 or 64 (each coding's occurrence was found
 * by searching from the start once per earlier repeat). */
static double export_seconds(px_db *db)
{
	FILE *out = fopen("/dev/null", "w");
	px_err e = { 0 };
	double t0, best = 1e9;

	assert_non_null(out);
	for (int run = 0; run < 3; run++) {
		t0 = seconds_now();
		assert_int_equal(corpus_export(db, out, &e), PX_OK);
		if (seconds_now() - t0 < best)
			best = seconds_now() - t0;
	}
	fclose(out);
	return best;
}

static void test_yaml_export_is_linear(void **state)
{
	px_db *small = repeated_word_project(1), *large = repeated_word_project(4);
	double t1, t4;

	(void)state;
	t1 = export_seconds(small);
	t4 = export_seconds(large);
	print_message("yaml export: 1 MB/1,000 codings %.3f s, 4 MB/4,000 codings %.3f s\n",
		      t1, t4);
	assert_true(t4 < 10 * t1 + 0.1);
	db_close(small);
	db_close(large);
}

/* ---- qdpx import ---- */

static void zip_with(const char *path, const char *qde, const char *text, size_t text_len)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	zip_source_t *src;

	assert_non_null(z);
	src = zip_source_buffer(z, qde, strlen(qde), 0);
	assert_true(zip_file_add(z, "project.qde", src, ZIP_FL_ENC_UTF_8) >= 0);
	src = zip_source_buffer(z, text, text_len, 0);
	assert_true(zip_file_add(z, "sources/a.txt", src, ZIP_FL_ENC_UTF_8) >= 0);
	assert_int_equal(zip_close(z), 0);
}

static const char one_source_qde[] =
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\"><Sources>\n"
	" <TextSource guid=\"{50050000-0000-4000-8000-000000000001}\" name=\"A\""
	" plainTextPath=\"internal://a.txt\"/>\n"
	"</Sources></Project>\n";

/* A qdpx whose one source is mb MB of CR LF lines. */
static char *big_source_qdpx(int mb)
{
	static const char line[] = "a line of field notes\r\n";
	size_t n = (size_t)mb * 1024 * 1024 / (sizeof(line) - 1), len = n * (sizeof(line) - 1);
	char *text = xmalloc(len + 1), *path = fx_path(".qdpx");

	for (size_t i = 0; i < n; i++)
		memcpy(text + i * (sizeof(line) - 1), line, sizeof(line) - 1);
	zip_with(path, one_source_qde, text, len);
	free(text);
	return path;
}

static int import_qdpx(const char *qdpx, double *secs, char *msg, size_t msglen)
{
	px_db *db = fx_db();
	px_err e = { 0 };
	double t0 = seconds_now();
	int rc;

	assert_int_equal(db_begin(db, &e), PX_OK);
	rc = refi_import(db, qdpx, 0, CODE_ME, NULL, &e);
	if (secs)
		*secs = seconds_now() - t0;
	db_rollback(db);
	snprintf(msg, msglen, "%s", rc ? e.msg : "");
	db_close(db);
	return rc;
}

/* The qdpx text normalisation measured the rest of the text for every
 * code point (1 MB took seconds). A 1 MB and a 4 MB source: 4 times as
 * long, not 16. */
static void test_qdpx_import_is_linear(void **state)
{
	char *one = big_source_qdpx(1), *four = big_source_qdpx(4), msg[1024];
	double t1 = 1e9, t4 = 1e9, t;

	(void)state;
	for (int run = 0; run < 2; run++) {
		assert_int_equal(import_qdpx(one, &t, msg, sizeof(msg)), PX_OK);
		t1 = t < t1 ? t : t1;
		assert_int_equal(import_qdpx(four, &t, msg, sizeof(msg)), PX_OK);
		t4 = t < t4 ? t : t4;
	}
	print_message("qdpx import: 1 MB %.3f s, 4 MB %.3f s\n", t1, t4);
	assert_true(t4 < 10 * t1 + 0.1);
	free(one);
	free(four);
}

/* More text than the archive limit is refused before it is read, with
 * the limit named; two sources pointing at one entry are refused. */
static void test_qdpx_read_limits(void **state)
{
	char *big = big_source_qdpx(1), *twice = fx_path(".qdpx"), msg[1024];
	const char *qde =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"P\"><Sources>\n"
		" <TextSource guid=\"{50050000-0000-4000-8000-000000000001}\" name=\"A\""
		" plainTextPath=\"internal://a.txt\"/>\n"
		" <TextSource guid=\"{50050000-0000-4000-8000-000000000002}\" name=\"B\""
		" plainTextPath=\"internal://a.txt\"/>\n"
		"</Sources></Project>\n";

	(void)state;
	refi_read_limit = 512 * 1024;
	assert_int_not_equal(import_qdpx(big, NULL, msg, sizeof(msg)), PX_OK);
	refi_read_limit = REFI_MAX_READ;
	assert_non_null(strstr(msg, "limit of 524288 bytes"));
	assert_non_null(strstr(msg, "sources/a.txt"));
	zip_with(twice, qde, "same text", 9);
	assert_int_not_equal(import_qdpx(twice, NULL, msg, sizeof(msg)), PX_OK);
	assert_non_null(strstr(msg, "already points at this archive entry"));
	free(big);
	free(twice);
}

/* ---- the interface ---- */

/* The interface freed an undo state it had not set up when the coder
 * could not be: a bad --coder or $PRAXIS_CODER, or a new coder while
 * another process holds the write lock. Each is a message and an exit
 * status (1 for a malformed id, like every command; 2 for the lock), not
 * a segfault. */
static void test_interface_coder_failure_exits_cleanly(void **state)
{
	char *db = project(), *keys = fx_file_with(".keys", "q\n"), *cmd, *err = NULL;
	sqlite3 *lock = NULL;

	(void)state;
	cmd = xasprintf("--db '%s' --coder 'Bad Id' --script '%s'", db, keys);
	assert_int_equal(fx_run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err, "coder id 'Bad Id'"));
	free(err);
	free(cmd);
	setenv("PRAXIS_CODER", "Bad Id", 1);
	cmd = xasprintf("--db '%s' --script '%s'", db, keys);
	assert_int_equal(fx_run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err, "coder id 'Bad Id'"));
	unsetenv("PRAXIS_CODER");
	free(err);
	free(cmd);
	assert_int_equal(sqlite3_open(db, &lock), SQLITE_OK);
	assert_int_equal(sqlite3_exec(lock, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	setenv("PRAXIS_BUSY_TIMEOUT_MS", "100", 1);
	cmd = xasprintf("--db '%s' --coder newbie --script '%s'", db, keys);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "locked"));
	unsetenv("PRAXIS_BUSY_TIMEOUT_MS");
	sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(lock);
	free(err);
	free(cmd);
	free(keys);
	free(db);
}

/* ---- terminals ---- */

/* praxis args with stdout on a raw pty; what the terminal received. */
static char *run_on_terminal(const char *const *args)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY), status;
	const char *bin = getenv("PRAXIS_BIN");
	const char *argv[16] = { bin && *bin ? bin : "./praxis" };
	struct termios tio;
	strbuf out;
	char buf[4096];
	pid_t pid;
	int slave;

	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	assert_int_equal(tcgetattr(slave, &tio), 0);
	tio.c_oflag &= ~(tcflag_t)OPOST;      /* bytes as written, no CR added */
	assert_int_equal(tcsetattr(slave, TCSANOW, &tio), 0);
	for (int i = 0; args[i] && i < 14; i++)
		argv[i + 1] = args[i];
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(slave, 1);
		close(master);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(slave);
	sb_init(&out);
	for (;;) {
		ssize_t r = read(master, buf, sizeof(buf));
		if (r <= 0)
			break;      /* EIO once the child closed the last slave */
		sb_addn(&out, buf, (size_t)r);
	}
	close(master);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_int_equal(sp_status(status), 0);
	return sb_steal(&out);
}

/* Markdown sent ESC c (a terminal reset), C1 controls, BEL and bidi
 * overrides to a terminal; HTML and YAML C1 and bidi overrides. Every
 * export to a terminal is now inert; to a file it keeps the exact text. */
static void test_exports_to_terminal_are_inert(void **state)
{
	char *yaml = fx_file_with(".yaml", "praxis: 1\nvignettes:\n  - id: h\n    title: \"T\\e[31m\"\n"
				"    date: 2026-01-01\n"
				"    text: \"Reset \\ec bell \\a csi \\x9b rtl \\u202e end.\"\n");
	char *db = fx_path(".db"), *cmd, *file = fx_path(".md"), *text;
	/* each format's inert form of something in the vignette */
	const struct { const char *format, *table, *want; } cases[] = {
		{ "md", NULL, "Reset ^[c bell ^G csi \\x9b rtl <U+202E> end." },
		{ "html", NULL, "rtl <U+202E> end." },
		{ "yaml", NULL, "rtl <U+202E> end." },
		{ "csv", "vignettes", "T^[[31m" },
	};

	(void)state;
	import_ok(db, yaml);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *args[] = { "--db", db, "export", "--format", cases[i].format,
				       cases[i].table ? "--table" : NULL, cases[i].table, NULL };
		char *out = run_on_terminal(args), *w = out;
		const char *live;
		/* CSV's CR LF row ends are line ends, not controls to show */
		for (const char *r = out; *r; r++)
			if (!(r[0] == '\r' && r[1] == '\n'))
				*w++ = *r;
		*w = '\0';
		live = fx_live_control(out);
		if (live)
			fail_msg("%s on a terminal: live control at byte %zu", cases[i].format,
				 (size_t)(live - out));
		if (!strstr(out, cases[i].want))
			fail_msg("%s on a terminal: no '%s' in:\n%s", cases[i].format,
				 cases[i].want, out);
		free(out);
	}
	cmd = xasprintf("--db '%s' export --format md -o '%s'", db, file);
	assert_int_equal(fx_run(cmd, NULL, NULL), 0);
	text = fx_read_file(file, NULL);
	assert_non_null(strstr(text, "\x1b" "c bell \a csi \xc2\x9b rtl \xe2\x80\xae end."));
	free(text);
	free(cmd);
	free(file);
	free(db);
	free(yaml);
}

/* list --format table showed U+2028/U+2029 raw (a line break in some
 * terminals, splitting a row); an id made from a note's file name kept
 * its bidi override (an invisible difference between two ids). */
static void test_table_separators_and_bidi_ids(void **state)
{
	char *yaml = fx_file_with(".yaml", "praxis: 1\nvignettes:\n  - id: s\n"
				"    title: \"one\\Ltwo\\Pthree\"\n    date: 2026-01-01\n"
				"    text: x\n");
	char *db = fx_path(".db"), *dir = fx_path(".d"), *note, *cmd, *out = NULL;

	(void)state;
	import_ok(db, yaml);
	cmd = xasprintf("--db '%s' list vignettes --format table", db);
	assert_int_equal(fx_run(cmd, &out, NULL), 0);
	assert_non_null(strstr(out, "one<U+2028>two<U+2029>three"));
	free(out);
	free(cmd);
	assert_int_equal(mkdir(dir, 0700), 0);
	note = xasprintf("%s/field\xe2\x80\xaeton.md", dir);
	free(write_text_at(note, "# A note\n\nText.\n"));
	import_ok(db, note);
	assert_int_equal(sp_scalar(db, "SELECT count(*) FROM vignette WHERE ext_id = "
				   "'fieldton'"), 1);
	free(note);
	free(dir);
	free(db);
	free(yaml);
}

/* A read command on a file that needs migrating said "read-only"; now
 * it says what is wrong and leaves the file at its version. */
static void test_read_command_on_old_schema(void **state)
{
	char *old = fx_path(".db"), *cmd, *err = NULL;
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	schema_active_count = 1;
	assert_int_equal(project_open(old, PROJECT_CREATE, &db, &e), PX_OK);
	db_close(db);
	schema_active_count = schema_version_count;
	cmd = xasprintf("--db '%s' list vignettes", old);
	assert_int_equal(fx_run(cmd, NULL, &err), 2);
	assert_non_null(strstr(err, "needs migrating"));
	assert_non_null(strstr(err, old));
	assert_null(strstr(err, "read-only"));
	assert_int_equal(sp_scalar(old, "PRAGMA user_version"), 1);
	free(err);
	free(cmd);
	free(old);
}

/* ---- a full disk when the -shm is rebuilt ---- */

/* A VFS that is the default one except that mapping the shared-memory
 * file fails as a full disk does: SQLITE_IOERR_SHMSIZE with ENOSPC. */
static sqlite3_vfs enospc_vfs;
static sqlite3_vfs *enospc_real;
static sqlite3_io_methods enospc_methods;
static const sqlite3_io_methods *enospc_real_methods;

static int enospc_shm_map(sqlite3_file *f, int page, int size, int extend,
			  void volatile **out)
{
	(void)f;
	(void)page;
	(void)size;
	(void)extend;
	*out = NULL;
	errno = ENOSPC;
	return SQLITE_IOERR_SHMSIZE;
}

static int enospc_last_error(sqlite3_vfs *vfs, int n, char *buf)
{
	(void)vfs;
	(void)n;
	(void)buf;
	return ENOSPC;
}

static int enospc_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags,
		       int *out_flags)
{
	int rc = enospc_real->xOpen(enospc_real, name, f, flags, out_flags);

	(void)vfs;
	/* the file is the real one; only its method table is ours */
	if (rc == SQLITE_OK && f->pMethods && (flags & SQLITE_OPEN_MAIN_DB)) {
		if (!enospc_real_methods) {
			enospc_real_methods = f->pMethods;
			enospc_methods = *f->pMethods;
			enospc_methods.xShmMap = enospc_shm_map;
		}
		f->pMethods = &enospc_methods;
	}
	return rc;
}

/* Opening a WAL project when its -shm cannot be built on a full disk said
 * only "disk I/O error"; now it says the disk may be full. */
static void test_full_disk_on_shm_says_so(void **state)
{
	char *path = project();
	px_db *db = NULL;
	px_err e = { 0 };

	(void)state;
	enospc_real = sqlite3_vfs_find(NULL);
	enospc_vfs = *enospc_real;
	enospc_vfs.zName = "praxis-test-enospc";
	enospc_vfs.xOpen = enospc_open;
	enospc_vfs.xGetLastError = enospc_last_error;
	assert_int_equal(sqlite3_vfs_register(&enospc_vfs, 1), SQLITE_OK);
	assert_int_not_equal(project_open(path, 0, &db, &e), PX_OK);
	sqlite3_vfs_unregister(&enospc_vfs);
	sqlite3_vfs_register(enospc_real, 1);
	assert_null(db);
	if (!strstr(e.msg, "is the disk full?"))
		fail_msg("%s", e.msg);
	assert_non_null(strstr(e.msg, path));
	assert_healthy(path);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parallel_imports_into_new_path),
		cmocka_unit_test(test_refused_files_are_not_touched),
		cmocka_unit_test(test_zero_byte_file),
		cmocka_unit_test(test_outputs_cannot_be_the_project),
		cmocka_unit_test(test_private_exports_are_0600),
		cmocka_unit_test(test_signal_removes_export_temp),
		cmocka_unit_test(test_signal_removes_backup_temp),
		cmocka_unit_test(test_system_sqlite3_agrees),
		cmocka_unit_test(test_readonly_read_leaves_no_trap),
		cmocka_unit_test(test_yaml_export_is_linear),
		cmocka_unit_test(test_qdpx_import_is_linear),
		cmocka_unit_test(test_qdpx_read_limits),
		cmocka_unit_test(test_interface_coder_failure_exits_cleanly),
		cmocka_unit_test(test_exports_to_terminal_are_inert),
		cmocka_unit_test(test_table_separators_and_bidi_ids),
		cmocka_unit_test(test_read_command_on_old_schema),
		cmocka_unit_test(test_full_disk_on_shm_says_so),
	};
	return cmocka_run_group_tests_name("reliab", tests, NULL, NULL);
}
