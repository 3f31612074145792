/* fuzz_keys.c: the settings file (config.yaml: coder, database, theme,
 * keys) on arbitrary bytes, keys applied to a fresh key table. */
#include "fuzz.h"
#include "praxis/config.h"
#include "praxis/keymap.h"

int fuzz_keys(const uint8_t *data, size_t size, px_err *e);

int fuzz_keys(const uint8_t *data, size_t size, px_err *e)
{
	px_config cfg;
	int rc;

	config_init(&cfg);
	keymap_init();
	rc = config_load_buffer(&cfg, "config.yaml", (const char *)data, size, e);
	if (rc == PX_OK && (rc = keymap_apply_config(&cfg, e)) == PX_OK) {
		char buf[128];
		for (int a = 1; a < A_COUNT; a++)
			keymap_action_keys(a, buf, sizeof(buf));
	}
	config_free(&cfg);
	keymap_init();
	return rc;
}

FUZZ_ENTRY(fuzz_keys)
