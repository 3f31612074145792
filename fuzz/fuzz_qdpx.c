/* fuzz_qdpx.c: the REFI-QDA project importer on arbitrary bytes, into the
 * shared scratch project. An input that starts with "PK" is the .qdpx zip
 * itself (the archive layer: entry names, sizes, compression); any other
 * input is the project.qde XML, packed here into a zip with one text
 * source, sources/a.txt (the XML layer: a mutated entry inside a real zip
 * would mostly fail its CRC check before the XML parser saw it).
 * refi_import reads a file, so the zip is written to the scratch
 * directory first. */
#include <zip.h>
#include "fuzz.h"
#include "praxis/codebook.h"
#include "praxis/refi.h"

int fuzz_qdpx(const uint8_t *data, size_t size, px_err *e);

static const char fuzz_qdpx_source[] = "Ann put the claim on the Q pile today.\n";

static void fuzz_qdpx_add(zip_t *z, const char *name, const void *data, size_t size)
{
	zip_source_t *src = zip_source_buffer(z, data, size, 0);

	if (!src || zip_file_add(z, name, src, ZIP_FL_OVERWRITE) < 0)
		abort();
}

static void fuzz_qdpx_write(const char *path, const uint8_t *data, size_t size)
{
	if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
		FILE *fp = fopen(path, "wb");
		if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
			abort();
		return;
	}
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	if (!z)
		abort();
	fuzz_qdpx_add(z, "project.qde", data, size);
	fuzz_qdpx_add(z, "sources/a.txt", fuzz_qdpx_source, sizeof(fuzz_qdpx_source) - 1);
	if (zip_close(z) < 0)
		abort();
}

int fuzz_qdpx(const uint8_t *data, size_t size, px_err *e)
{
	int64_t coder;
	px_db *db = fuzz_begin(&coder);
	char *path = xasprintf("%s/input.qdpx", fuzz_st.dir);
	struct refi_import_stats st = { 0 };
	int rc;

	unlink(path);
	fuzz_qdpx_write(path, data, size);
	rc = refi_import(db, path, coder, CODE_ME, &st, e);
	unlink(path);
	free(path);
	fuzz_end(db);
	return rc;
}

FUZZ_ENTRY(fuzz_qdpx)
