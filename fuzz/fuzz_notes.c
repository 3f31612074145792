/* fuzz_notes.c: the field-notes importer (front matter + text) on
 * arbitrary bytes, into the shared scratch project. */
#include "fuzz.h"
#include "praxis/notes.h"

int fuzz_notes(const uint8_t *data, size_t size, px_err *e);

int fuzz_notes(const uint8_t *data, size_t size, px_err *e)
{
	int64_t coder;
	px_db *db = fuzz_begin(&coder);
	int rc = notes_import_buffer(db, "notes/fuzz.md", (const char *)data, size, coder, e);

	fuzz_end(db);
	return rc;
}

FUZZ_ENTRY(fuzz_notes)
