/* fuzz_keys.c: the settings file (config.yaml: theme, keys) on arbitrary
 * bytes; the key table is reset before each input. */
#include "fuzz.h"
#include "praxis/keymap.h"

int fuzz_keys(const uint8_t *data, size_t size, px_err *e);

int fuzz_keys(const uint8_t *data, size_t size, px_err *e)
{
	char *theme_name = NULL;
	int rc;

	keymap_init();
	rc = keymap_load_config_buffer("config.yaml", (const char *)data, size, &theme_name, e);
	if (rc == PX_OK) {
		char buf[128];
		for (int a = 1; a < A_COUNT; a++)
			keymap_action_keys(a, buf, sizeof(buf));
	}
	free(theme_name);
	keymap_init();
	return rc;
}

FUZZ_ENTRY(fuzz_keys)
