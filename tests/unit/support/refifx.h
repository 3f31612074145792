/* refifx.h: what the REFI-QDA tests share: reading and writing zip
 * entries and checking XML against tests/data/refi-qda.xsd. Include after
 * cmocka.h. */
#ifndef PRAXIS_TEST_REFIFX_H
#define PRAXIS_TEST_REFIFX_H

#include <stddef.h>

/* One entry of a zip the test writes. */
struct fx_zent {
	const char *name;
	const char *data;
	size_t len;          /* 0: strlen(data) */
};

/* The entry name of the zip at path (NUL-terminated, caller frees), or
 * NULL if the archive has none; *len its size when len is not NULL. */
char *fx_zip_entry(const char *path, const char *name, size_t *len);
/* Writes ents (ended by a NULL name) as a zip at path, stored. */
void fx_make_zip(const char *path, const struct fx_zent *ents);
/* Deletes praxis's extension (praxis.xml and the corpus) from the .qdpx
 * at path, as a tool that rewrites the archive does: an import then reads
 * project.qde alone. */
void fx_drop_praxis_ext(const char *path);
/* The first message of the last failed fx_refi_validate. */
extern char fx_schema_msg[1024];
/* Validates xml against the XSD (in the codebook namespace if codebook).
 * Returns 0 if valid, else -1 with fx_schema_msg set. */
int fx_refi_validate(const char *xml, size_t len, int codebook);

#endif
