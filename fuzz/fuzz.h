/* fuzz.h: what every libFuzzer harness in fuzz/ shares.
 *
 * A harness is one file fuzz/fuzz_NAME.c that defines
 *
 *     int fuzz_NAME(const uint8_t *data, size_t size, px_err *e);
 *
 * returning a px status (any status is fine: the input is hostile; only a
 * crash, a sanitizer report, a leak or a hang is a bug), and ends with
 *
 *     FUZZ_ENTRY(fuzz_NAME)
 *
 * which becomes LLVMFuzzerTestOneInput in the fuzzer build and nothing in
 * the regression test (tests/unit/test_fuzz_regressions.c), which includes
 * the same file with FUZZ_NO_ENTRY defined and replays every input saved
 * under tests/fuzz-regressions/NAME/. `make fuzz` finds harnesses by their
 * file name; seeds for fuzz/corpus/NAME/ come from FUZZ_SEEDS_NAME in the
 * Makefile. See fuzz/README.md for adding one. */
#ifndef PRAXIS_FUZZ_H
#define PRAXIS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "praxis/db.h"
#include "praxis/entity.h"
#include "praxis/err.h"
#include "praxis/util.h"
#include "praxis/project.h"

#ifdef FUZZ_NO_ENTRY
#define FUZZ_ENTRY(fn)
#else
#define FUZZ_ENTRY(fn)                                                        \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);         \
	int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)          \
	{                                                                     \
		px_err e = { 0 };                                             \
		(void)fn(data, size, &e);                                     \
		return 0;                                                     \
	}
#endif

/* One scratch database per process, shared by every input: harnesses run
 * their work inside fuzz_begin/fuzz_end, an outer transaction that is
 * always rolled back, so each input starts from the same empty project
 * (the default codebook and one coder, "fuzz") without paying for a new
 * file each time. */
struct fuzz_state {
	px_db *db;
	char *dir, *path;
	int64_t coder;
};

static struct fuzz_state fuzz_st;

static void fuzz_cleanup(void)
{
	db_close(fuzz_st.db);
	if (fuzz_st.path) {
		char *wal = xasprintf("%s-wal", fuzz_st.path), *shm = xasprintf("%s-shm", fuzz_st.path);
		unlink(wal);
		unlink(shm);
		unlink(fuzz_st.path);
		free(wal);
		free(shm);
	}
	if (fuzz_st.dir)
		rmdir(fuzz_st.dir);
	free(fuzz_st.path);
	free(fuzz_st.dir);
	memset(&fuzz_st, 0, sizeof(fuzz_st));
}

static void fuzz_die(const char *what, const px_err *e)
{
	fprintf(stderr, "fuzz setup: %s: %s\n", what, e->msg);
	abort();
}

/* The shared database, opened on first use. */
static inline px_db *fuzz_db(int64_t *coder)
{
	px_err e = { 0 };

	if (!fuzz_st.db) {
		const char *tmp = getenv("TMPDIR");
		fuzz_st.dir = xasprintf("%s/praxis-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(fuzz_st.dir))
			abort();
		fuzz_st.path = xasprintf("%s/fuzz.db", fuzz_st.dir);
		if (project_open(fuzz_st.path, PROJECT_CREATE, &fuzz_st.db, &e))
			fuzz_die("opening the scratch database", &e);
		/* losing this file to a crash costs nothing; make inputs fast */
		db_exec(fuzz_st.db, "PRAGMA synchronous = OFF", &e);
		px_entity ent = { 0 };
		ent.ext_id = xstrdup("fuzz");
		ent.reified = -1;
		if (entity_add(fuzz_st.db, ENT_CODER, &ent, &e))
			fuzz_die("adding the coder", &e);
		fuzz_st.coder = ent.id;
		entity_free(&ent);
		atexit(fuzz_cleanup);
	}
	if (coder)
		*coder = fuzz_st.coder;
	return fuzz_st.db;
}

/* Opens the outer transaction every input's work runs in. */
static inline px_db *fuzz_begin(int64_t *coder)
{
	px_db *db = fuzz_db(coder);
	px_err e = { 0 };

	if (db_begin(db, &e))
		fuzz_die("beginning", &e);
	return db;
}

/* Undoes whatever the input did, successful or not. */
static inline void fuzz_end(px_db *db)
{
	db_rollback(db);
	if (db_in_transaction(db)) {
		fprintf(stderr, "fuzz: a harness left a transaction open\n");
		abort();
	}
}

#endif
