/* fuzz_theme.c: the theme parser (YAML role: style) on arbitrary bytes. */
#include "fuzz.h"
#include "praxis/theme.h"

int fuzz_theme(const uint8_t *data, size_t size, px_err *e);

int fuzz_theme(const uint8_t *data, size_t size, px_err *e)
{
	theme th;
	int rc;

	theme_default(&th);
	rc = theme_load_buffer(&th, "fuzz.theme", (const char *)data, size, e);
	for (int i = 0; rc == PX_OK && i < ROLE_COUNT; i++) {
		theme_step_color(th.style[i].fg, 8);
		theme_step_color(th.style[i].bg, 256);
	}
	return rc;
}

FUZZ_ENTRY(fuzz_theme)
