/* refi_xml.h: the small libxml2 helpers the REFI-QDA reader, writer and
 * praxis's extension share. */
#ifndef PRAXIS_REFI_XML_H
#define PRAXIS_REFI_XML_H

#include <libxml/tree.h>

/* s with the characters XML 1.0 cannot hold as U+FFFD, one code point for
 * one so nothing shifts (caller frees). */
char *refi_xml_clean(const char *s);
/* Sets attribute name to value made clean; nothing when value is NULL. */
void refi_attr(xmlNodePtr n, const char *name, const char *value);
/* An attribute as a malloc'd string, or NULL. */
char *refi_prop(xmlNodePtr n, const char *name);
/* 1 if n is an element named name. */
int refi_is(xmlNodePtr n, const char *name);

#endif
