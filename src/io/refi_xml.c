/* refi_xml.c: see praxis/refi_xml.h. */
#include <stdlib.h>
#include <string.h>
#include "praxis/refi_xml.h"
#include "praxis/util.h"

char *refi_xml_clean(const char *s)
{
	strbuf b;

	sb_init(&b);
	sb_add(&b, "");
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r'))
			sb_add(&b, "\xef\xbf\xbd");
		else
			sb_addc(&b, (char)*p);
	}
	return sb_steal(&b);
}

void refi_attr(xmlNodePtr n, const char *name, const char *value)
{
	char *c;

	if (!value)
		return;
	c = refi_xml_clean(value);
	xmlNewProp(n, BAD_CAST name, BAD_CAST c);
	free(c);
}

char *refi_prop(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, BAD_CAST name);
	char *s = v ? xstrdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

int refi_is(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}
