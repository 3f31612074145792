/* refifx.c: see refifx.h. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <zip.h>
#include "praxis/refi.h"
#include "praxis/util.h"
#include "fixture.h"
#include "refifx.h"

char *fx_zip_entry(const char *path, const char *name, size_t *len)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_RDONLY, &err);
	zip_stat_t st;
	zip_file_t *f;
	char *buf;

	if (!z)
		fail_msg("cannot open %s", path);
	if (zip_stat(z, name, 0, &st) != 0) {
		zip_discard(z);
		return NULL;
	}
	f = zip_fopen(z, name, 0);
	buf = xmalloc(st.size + 1);
	assert_int_equal(zip_fread(f, buf, st.size), (zip_int64_t)st.size);
	buf[st.size] = '\0';
	zip_fclose(f);
	zip_discard(z);
	if (len)
		*len = st.size;
	return buf;
}

void fx_make_zip(const char *path, const struct fx_zent *ents)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	assert_non_null(z);
	for (int i = 0; ents[i].name; i++) {
		size_t n = ents[i].len ? ents[i].len : strlen(ents[i].data);
		zip_source_t *s = zip_source_buffer(z, ents[i].data, n, 0);
		zip_int64_t idx = zip_file_add(z, ents[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	assert_int_equal(zip_close(z), 0);
}

char fx_schema_msg[1024];

static void schema_error(void *ctx, const char *fmt, ...)
{
	va_list ap;

	(void)ctx;
	if (fx_schema_msg[0])
		return;
	va_start(ap, fmt);
	vsnprintf(fx_schema_msg, sizeof(fx_schema_msg), fmt, ap);
	va_end(ap);
}

int fx_refi_validate(const char *xml, size_t len, int codebook)
{
	char *xsd_path = xasprintf("%s/tests/data/refi-qda.xsd", fx_top());
	char *xsd = fx_read_file(xsd_path, NULL);
	strbuf b;
	xmlSchemaParserCtxtPtr pc;
	xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vc;
	xmlDocPtr doc;
	int rc;

	assert_non_null(xsd);
	sb_init(&b);
	for (const char *p = xsd; *p;) {
		const char *hit = codebook ? strstr(p, REFI_NS_PROJECT) : NULL;
		if (!hit) {
			sb_add(&b, p);
			break;
		}
		sb_addn(&b, p, (size_t)(hit - p));
		sb_add(&b, REFI_NS_CODEBOOK);
		p = hit + strlen(REFI_NS_PROJECT);
	}
	pc = xmlSchemaNewMemParserCtxt(b.s, (int)b.len);
	schema = xmlSchemaParse(pc);
	assert_non_null(schema);
	vc = xmlSchemaNewValidCtxt(schema);
	fx_schema_msg[0] = '\0';
	xmlSchemaSetValidErrors(vc, schema_error, schema_error, NULL);
	doc = xmlReadMemory(xml, (int)len, "doc.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	if (!doc) {
		snprintf(fx_schema_msg, sizeof(fx_schema_msg), "not well-formed");
		rc = -1;
	} else {
		rc = xmlSchemaValidateDoc(vc, doc) == 0 ? 0 : -1;
		xmlFreeDoc(doc);
	}
	xmlSchemaFreeValidCtxt(vc);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pc);
	sb_free(&b);
	free(xsd);
	free(xsd_path);
	return rc;
}

void fx_drop_praxis_ext(const char *path)
{
	int err = 0;
	zip_t *z = zip_open(path, 0, &err);
	zip_int64_t a, b;

	assert_non_null(z);
	a = zip_name_locate(z, REFI_PRAXIS_ENTRY, 0);
	b = zip_name_locate(z, REFI_PRAXIS_CORPUS, 0);
	assert_true(a >= 0 && b >= 0);
	assert_int_equal(zip_delete(z, (zip_uint64_t)a), 0);
	assert_int_equal(zip_delete(z, (zip_uint64_t)b), 0);
	assert_int_equal(zip_close(z), 0);
}
