/* export_codeuse.c: what a code is used for in an export -- its codings,
 * the vignettes, participants and coders they touch, its shortest quotes
 * -- for the codebook documents (Markdown and HTML); see
 * praxis/export_ctx.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/export_ctx.h"
#include "praxis/text.h"

static void idl_add_unique(idlist *l, int64_t id)
{
	if (!idl_has(l, id))
		idl_push(l, id);
}

static void use_example(struct code_use *u, const struct export_coding *ec, const char *vid)
{
	size_t len = text_cp_len(ec->quote), at;

	if (!*ec->quote)
		return;
	for (at = u->nex; at > 0 && u->ex[at - 1].len > len; at--)
		;
	if (at >= CODEBOOK_EXAMPLES)
		return;
	if (u->nex == CODEBOOK_EXAMPLES)
		u->nex--;
	memmove(&u->ex[at + 1], &u->ex[at], (u->nex - at) * sizeof(u->ex[0]));
	u->ex[at] = (struct code_example){ ec, vid, len };
	u->nex++;
}

void code_use_of(const export_ctx *x, int64_t code_id, struct code_use *u)
{
	memset(u, 0, sizeof(*u));
	for (size_t i = 0; i < x->nvs; i++) {
		const struct export_vignette *ev = &x->vs[i];
		for (size_t k = 0; k < ev->ncodings; k++) {
			const struct export_coding *ec = &ev->codings[k];
			if (ec->c.code_id != code_id)
				continue;
			u->codings++;
			idl_add_unique(&u->vignettes, ev->v.id);
			idl_add_unique(&u->coders, ec->c.coder_id);
			for (size_t p = 0; p < ec->c.participants.n; p++)
				idl_add_unique(&u->participants, ec->c.participants.v[p]);
			use_example(u, ec, ev->v.ext_id);
		}
	}
}

void code_use_free(struct code_use *u)
{
	idl_free(&u->vignettes);
	idl_free(&u->participants);
	idl_free(&u->coders);
}

