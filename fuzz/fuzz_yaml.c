/* fuzz_yaml.c: the YAML corpus importer (ytree + corpus_import) on
 * arbitrary bytes, into the shared scratch project. */
#include "fuzz.h"
#include "praxis/corpus.h"

int fuzz_yaml(const uint8_t *data, size_t size, px_err *e);

int fuzz_yaml(const uint8_t *data, size_t size, px_err *e)
{
	int64_t coder;
	px_db *db = fuzz_begin(&coder);
	int rc = corpus_import_buffer(db, "fuzz.yaml", (const char *)data, size, coder, NULL, e);

	fuzz_end(db);
	return rc;
}

FUZZ_ENTRY(fuzz_yaml)
