/* fuzz_keyscript.c: the headless key-script parser on arbitrary bytes. */
#include "fuzz.h"
#include "praxis/keymap.h"
#include "praxis/script.h"

int fuzz_keyscript(const uint8_t *data, size_t size, px_err *e);

int fuzz_keyscript(const uint8_t *data, size_t size, px_err *e)
{
	char *text = xstrndup((const char *)data, size);
	script s;
	int rc, key;

	rc = script_parse(&s, "fuzz.keys", text, e);
	while (rc == PX_OK && script_next(&s, &key)) {
		char name[32];
		keymap_key_name(key, name, sizeof(name));
	}
	script_free(&s);
	free(text);
	return rc;
}

FUZZ_ENTRY(fuzz_keyscript)
