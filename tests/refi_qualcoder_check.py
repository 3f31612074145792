#!/usr/bin/env python3
"""refi_qualcoder_check.py FILE.qdpx: reads a REFI-QDA project the way
QualCoder's importer (src/qualcoder/refi.py, RefiImport.import_project)
reads it, with the Python standard library only, and reports everything
QualCoder would choke on or drop without a word.

What QualCoder does, and so what is checked:
- takes the xmlns version from the root's children and then only sees
  elements of exactly that namespace;
- reads <Project origin> as a string ("ATLAS" in origin.upper()): it must
  be there;
- users: each User's name becomes the owner of what that user made;
- codes: a colour is #RRGGBB matched to its palette (a code without one
  gets a random colour); every Code's name goes into a table where names are unique: a
  second code of the same name is merged into the first and its codings
  lose their code; the first child of a Coding must be its CodeRef;
  a code's memo is its <Description> (it reads no NoteRef on a code);
- variables: names are unique (a repeated one is refused); a variable is
  either a case or a file attribute, so one used on cases and on sources
  shows on one kind only;
- sources: a TextSource's text is the file its plainTextPath names in
  Sources/ or sources/; selections count code points of that text; a
  <Coding> directly under the source is ignored; a source's memo is its
  <Description>; NoteRefs on a source become annotations only when the
  note holds a PlainTextSelection, otherwise they are dropped;
- selections: the memo of a coding is the selection's <Description>; one
  coding per code, coder and span (another is refused);
- notes: each needs creationDateTime or modifiedDateTime (without both the
  import stops there, before cases and sets); a note no one refers to is
  kept only as a journal read from a plainTextPath file;
- cases: the memo is the case's <Description>;
- sets: each becomes a file variable named after the set.

Exit status 0 and a summary line when QualCoder would load everything,
1 with one line per problem otherwise, 2 when the file cannot be read.
"""
import re
import sys
import xml.etree.ElementTree as ET
import zipfile


def main(argv):
    if len(argv) != 2:
        print("usage: refi_qualcoder_check.py FILE.qdpx", file=sys.stderr)
        return 2
    path = argv[1]
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as err:
        print(f"{path}: not a readable .qdpx: {err}", file=sys.stderr)
        return 2
    names = zf.namelist()
    qdes = [n for n in names if n.endswith(".qde") and "/" not in n]
    if len(qdes) != 1:
        print(f"{path}: {len(qdes)} .qde files at the top of the archive", file=sys.stderr)
        return 2
    try:
        root = ET.fromstring(zf.read(qdes[0]))
    except ET.ParseError as err:
        print(f"{path}: {qdes[0]}: {err}", file=sys.stderr)
        return 2
    problems = []
    counts = Checker(zf, names, root, problems).run()
    for p in problems:
        print(f"{path}: {p}")
    if problems:
        return 1
    print("qualcoder would load: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


class Checker:
    def __init__(self, zf, names, root, problems):
        self.zf = zf
        self.names = set(names)
        self.root = root
        self.bad = problems.append
        self.version = None
        self.counts = {"users": 0, "codes": 0, "sources": 0, "codings": 0, "cases": 0,
                       "memos": 0, "journals": 0}
        self.users = {}
        self.codes = {}
        self.notes = {}
        self.referenced = set()
        self.described = []     # the text of every Description QualCoder reads

    def t(self, name):
        return "{urn:QDA-XML:project:%s}%s" % (self.version, name)

    def kids(self, el, name):
        return [c for c in el if c.tag == self.t(name)]

    def desc(self, el):
        for d in self.kids(el, "Description"):
            text = d.text or ""
            if text:
                self.described.append(text)
                self.counts["memos"] += 1
            return text
        return ""

    def run(self):
        root = self.root
        versions = set()
        for child in root:
            if "{urn:QDA-XML:project:" in child.tag:
                versions.add(child.tag.split("{urn:QDA-XML:project:")[1].split("}")[0])
        if len(versions) != 1:
            self.bad(f"elements in {len(versions)} project namespace versions: {sorted(versions)}")
            return self.counts
        self.version = versions.pop()
        if root.tag != self.t("Project"):
            self.bad("the root is not <Project> in the project namespace")
        for el in root.iter():
            if el.tag.startswith("{") and not el.tag.startswith("{urn:QDA-XML:project:%s}" % self.version):
                self.bad(f"<{el.tag}> is outside the namespace QualCoder reads")
        if root.get("origin") is None:
            self.bad("<Project> has no origin (QualCoder stops on a missing origin)")
        self.notes_pass()
        for users in self.kids(root, "Users"):
            for u in self.kids(users, "User"):
                if not u.get("name"):
                    self.bad(f"user {u.get('guid')} has no name (it would own nothing)")
                self.users[u.get("guid")] = u.get("name")
                self.counts["users"] += 1
        for cb in self.kids(root, "CodeBook"):
            first = list(cb)[:1]
            if not first or first[0].tag != self.t("Codes"):
                self.bad("<CodeBook>'s first child is not <Codes>")
                continue
            names = {}
            for code in self.kids(first[0], "Code"):
                self.code(code, names)
        variables = {}
        for vs in self.kids(root, "Variables"):
            for v in self.kids(vs, "Variable"):
                name = v.get("name")
                if name in variables.values():
                    self.bad(f"variable name '{name}' repeats (QualCoder refuses the second)")
                variables[v.get("guid")] = name
        case_vars, file_vars = set(), set()
        source_guids = set()
        for ss in self.kids(root, "Sources"):
            for s in self.kids(ss, "TextSource"):
                source_guids.add(s.get("guid"))
                self.source(s, file_vars)
            for s in self.kids(ss, "Coding"):
                self.bad("a <Coding> directly under <Sources>")
        for cs in self.kids(root, "Cases"):
            for c in self.kids(cs, "Case"):
                self.counts["cases"] += 1
                self.desc(c)
                for vv in self.kids(c, "VariableValue"):
                    for r in self.kids(vv, "VariableRef"):
                        case_vars.add(r.get("targetGUID"))
                for r in self.kids(c, "SourceRef"):
                    if r.get("targetGUID") not in source_guids:
                        self.bad(f"case '{c.get('name')}' refers to an unknown source")
        for g in sorted(case_vars & file_vars):
            self.bad(f"variable '{variables.get(g)}' is used on cases and on sources"
                     " (QualCoder keeps it for one kind)")
        for g in sorted((case_vars | file_vars) - set(variables)):
            self.bad(f"a VariableValue refers to an unknown variable {g}")
        set_names = set()
        for sets in self.kids(root, "Sets"):
            for st in self.kids(sets, "Set"):
                name = st.get("name")
                if not name or name in set_names or name in variables.values():
                    self.bad(f"set name '{name}' is missing or repeats a set or variable name"
                             " (QualCoder refuses it)")
                set_names.add(name)
        desc = self.desc(root)
        for r in self.kids(root, "NoteRef"):
            self.note_ref(r, "the project", desc)
        self.loose_notes()
        return self.counts

    def code(self, code, names):
        name, guid = code.get("name"), code.get("guid")
        if not name or not guid:
            self.bad(f"a code without name or guid ({name!r}, {guid!r})")
        elif name in names:
            self.bad(f"code name '{name}' repeats (QualCoder merges it into the first and"
                     " its codings lose their code)")
        names[name] = guid
        color = code.get("color")
        if color is not None and not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
            self.bad(f"code '{name}' has color {color!r}, not #RRGGBB (QualCoder matches"
                     " six hex digits to its palette)")
        self.codes[guid] = name
        self.counts["codes"] += 1
        desc = self.desc(code)
        for r in self.kids(code, "NoteRef"):
            self.note_ref(r, f"code '{name}'", desc)
        for sub in self.kids(code, "Code"):
            self.code(sub, names)

    def notes_pass(self):
        for ns in self.kids(self.root, "Notes"):
            for n in self.kids(ns, "Note"):
                g = n.get("guid")
                if not (n.get("creationDateTime") or n.get("modifiedDateTime")):
                    self.bad(f"note {g} has no creationDateTime (QualCoder's import stops"
                             " there, before cases and sets)")
                text = ""
                for c in self.kids(n, "PlainTextContent"):
                    text = c.text or ""
                path = n.get("plainTextPath")
                if path and not text:
                    text = self.read_internal(path, f"note {g}") or ""
                self.notes[g] = (n, text)

    def note_ref(self, ref, where, desc_of=None):
        """A NoteRef QualCoder does not read: its note must be in the
        Description it does read (desc_of, the text of that Description)."""
        g = ref.get("targetGUID")
        self.referenced.add(g)
        if g not in self.notes:
            self.bad(f"{where}: NoteRef to an unknown note {g}")
            return
        n, text = self.notes[g]
        if any(c.tag == self.t("PlainTextSelection") for c in n):
            return                      # an annotation QualCoder reads
        if text and not any(text in d for d in ([desc_of] if desc_of is not None
                                                else self.described)):
            self.bad(f"{where}: the memo in note {g} is in no Description QualCoder reads"
                     " (dropped)")

    def loose_notes(self):
        for g, (n, text) in self.notes.items():
            if g in self.referenced or not text:
                continue
            if n.get("plainTextPath") and n.get("name"):
                self.counts["journals"] += 1
            elif not any(text in d for d in self.described):
                self.bad(f"note {g} is referred to by nothing and has no plainTextPath"
                         " (QualCoder keeps no such note)")

    def read_internal(self, path, what):
        if not path.startswith("internal://"):
            self.bad(f"{what}: plainTextPath '{path}' is not internal://")
            return None
        base = path[len("internal://"):]
        folder = "sources/" if any(x.startswith("sources/") for x in self.names) else "Sources/"
        entry = folder + base
        if entry not in self.names:
            self.bad(f"{what}: {entry} is not in the archive")
            return None
        try:
            return self.zf.read(entry).decode("utf-8")
        except UnicodeDecodeError:
            self.bad(f"{what}: {entry} is not UTF-8")
            return None

    def source(self, s, file_vars):
        name = s.get("name")
        what = f"source '{name}'"
        self.counts["sources"] += 1
        if s.get("path") is not None or s.get("plainTextPath") is None:
            self.bad(f"{what}: no plainTextPath (QualCoder reads the text from it)")
            return
        text = self.read_internal(s.get("plainTextPath"), what)
        if text is None:
            return
        if "\r" in text:
            self.bad(f"{what}: CR in the text (QualCoder shifts positions after CR LF)")
        desc = self.desc(s)
        for c in self.kids(s, "Coding"):
            self.bad(f"{what}: a <Coding> directly under the source (QualCoder ignores it)")
        seen = set()
        for sel in self.kids(s, "PlainTextSelection"):
            self.selection(sel, text, what, seen)
        for r in self.kids(s, "NoteRef"):
            self.note_ref(r, what, desc)
        for vv in self.kids(s, "VariableValue"):
            for r in self.kids(vv, "VariableRef"):
                file_vars.add(r.get("targetGUID"))

    def selection(self, sel, text, what, seen):
        g = sel.get("guid")
        try:
            a, b = int(sel.get("startPosition")), int(sel.get("endPosition"))
        except (TypeError, ValueError):
            self.bad(f"{what}: selection {g} has no integer positions")
            return
        if not 0 <= a <= b <= len(text):
            self.bad(f"{what}: selection {g} {a}-{b} lies outside the text ({len(text)})")
            return
        name = sel.get("name")
        if name is not None and name != text[a:b]:
            self.bad(f"{what}: selection {g} is named {name!r} but {a}-{b} is {text[a:b]!r}"
                     " (positions are not code points)")
        owner = sel.get("creatingUser") or sel.get("modifyingUser")
        if owner not in self.users:
            self.bad(f"{what}: selection {g} has no known creatingUser (owner lost)")
        desc = self.desc(sel)
        codings = self.kids(sel, "Coding")
        for c in codings:
            first = list(c)[:1]
            if not first or first[0].tag != self.t("CodeRef"):
                self.bad(f"{what}: coding {c.get('guid')}'s first child is not its CodeRef")
                continue
            code = first[0].get("targetGUID")
            if code not in self.codes:
                self.bad(f"{what}: coding {c.get('guid')} refers to an unknown code")
                continue
            key = (code, a, b, owner)
            if key in seen:
                self.bad(f"{what}: a second coding of '{self.codes[code]}' at {a}-{b} by the"
                         " same coder (QualCoder refuses it)")
            seen.add(key)
            self.counts["codings"] += 1
            for r in self.kids(c, "NoteRef"):
                self.note_ref(r, f"{what}: coding {c.get('guid')}", desc)
        for r in self.kids(sel, "NoteRef"):
            self.note_ref(r, f"{what}: selection {g}", desc)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
