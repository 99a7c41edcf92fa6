"""Finds runs of words that the built-in timeline shares with its source texts.

    python3 scripts/copy-check.py [TIMELINE] [SOURCE_DIR_OR_FILE ...]
    python3 scripts/copy-check.py --self-test

Defaults: `timeline.yaml` at the top of the worktree and `/work/shared/source/`. Every summary
in the timeline is meant to be in its own words, so any run of RUN (9) or more words that its
prose shares with a source text is reported, with the event (or top-level key) it is in, the
line it starts on and the source file. Exits 1 if there is any such run, 0 if there is none.

What counts as the timeline's own prose: every text value except
  - quotations: a `quotes:` entry's `text`, and anything between quotation marks ("…", “…”)
    inside a text, since quotes are meant to be word for word;
  - the `sources:` entries (a work's title is its name, copied by necessity) and ids, dates
    and addresses;
  - the official names in NAMES below, which the timeline cannot say in other words.
Words are compared lower-cased, with punctuation dropped ("U.S." is "u s" on both sides), so a
run is not hidden by a changed comma. Runs never cross a removed quotation or name, or the
boundary between two values.

Python 3 standard library only: the timeline's YAML is read line by line (block scalars `|`
and `>-`, plain and double-quoted values, `- ` list items), which is all timeline.yaml uses.
"""
import os
import re
import sys

RUN = 9
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TIMELINE = os.path.join(HERE, "..", "timeline.yaml")
DEFAULT_SOURCES = ["/work/shared/source"]

# Official names: the timeline has to use them as they are, wherever they appear.
# Only names the check would otherwise flag are listed; add one here only if it is a name.
NAMES = [
    "High-Level Joint Dialogue on Cybercrime and Related Issues",
    "Law Enforcement and Cybersecurity Dialogue",
]

# Keys whose values are not prose (ids, dates, addresses) and subtrees that hold others' words.
NOT_PROSE_KEYS = {"id", "date", "url", "timezone", "status", "country", "agency", "parent", "kind"}
SKIPPED_SUBTREES = {"sources"}

KEY_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*):(?: +(?P<value>.*))?$")
ITEM_LINE = re.compile(r"^(?P<indent> *)- +(?P<value>.*)$")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”")
BREAK = " \x00 "  # never a word: runs stop here


def unquote_scalar(value):
    """A plain or double-quoted YAML scalar on one line, as text (comments dropped)."""
    value = value.strip()
    if value.startswith('"') and value.endswith('"') and len(value) >= 2:
        return value[1:-1].replace('\\"', '"')
    if value.startswith("'") and value.endswith("'") and len(value) >= 2:
        return value[1:-1].replace("''", "'")
    return re.sub(r"\s+#.*$", "", value)


def prose_values(lines):
    """Yields (line number, place, text) for each prose value of the timeline."""
    stack = []  # (indent of key, key)
    place = "(top level)"
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        m = KEY_LINE.match(line)
        if m:
            # A key's column; a block scalar under it is indented deeper than that.
            indent = len(m.group("indent")) + (len(m.group("dash")) if m.group("dash") else 0)
            block_column = indent
            key, value = m.group("key"), (m.group("value") or "")
        else:
            item = ITEM_LINE.match(line)
            if not item:
                i += 1
                continue
            # A scalar list item: its block (`- >-`) is indented deeper than the dash.
            indent = len(item.group("indent")) + 2
            block_column = len(item.group("indent"))
            key, value = None, item.group("value")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        ancestors = [k for _, k in stack]
        if key == "id" and ancestors == ["events"]:
            place = "event " + unquote_scalar(value)
        elif not ancestors and key is not None:
            place = key if key != "events" else place
        start = i + 1
        if value.strip() in ("|", "|-", ">", ">-"):
            block = []
            i += 1
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > block_column):
                block.append(lines[i].strip())
                i += 1
            text = " ".join(block)
        else:
            text = unquote_scalar(value) if value.strip() else ""
            i += 1
        if key is not None:
            stack.append((indent, key))
        owner = key if key is not None else (ancestors[-1] if ancestors else None)
        skipped = (
            any(a in SKIPPED_SUBTREES for a in ancestors + [owner])
            or owner in NOT_PROSE_KEYS
            or (owner == "text" and "quotes" in ancestors)
        )
        if text and not skipped and not text.startswith("["):
            yield start, place, text


def words(text):
    """The text's words, with quotations and official names replaced by a break."""
    text = text.replace("’", "'").replace("‘", "'")
    text = QUOTED.sub(BREAK, text)
    for name in NAMES:
        text = re.sub(re.escape(name).replace(r"\ ", r"\s+"), BREAK, text, flags=re.I)
    out = []
    for chunk in text.lower().split("\x00"):
        out.append(WORD.findall(chunk.replace("-", " ")))
    return out


def runs_of(word_lists):
    for ws in word_lists:
        for k in range(len(ws) - RUN + 1):
            yield tuple(ws[k : k + RUN])


def source_files(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, _, names in os.walk(path):
                for name in sorted(names):
                    yield os.path.join(root, name)
        elif os.path.exists(path):
            yield path


def check(timeline_text, sources):
    """Returns [(line, place, shared words, source name)] for every shared run, merged per value."""
    index = {}
    for name, text in sources:
        for run in runs_of(words(text)):
            index.setdefault(run, name)
    hits = []
    for line, place, text in prose_values(timeline_text.splitlines()):
        for ws in words(text):
            k = 0
            while k <= len(ws) - RUN:
                run = tuple(ws[k : k + RUN])
                if run in index:
                    end = k + RUN
                    while end < len(ws) and tuple(ws[end - RUN + 1 : end + 1]) in index:
                        end += 1
                    hits.append((line, place, " ".join(ws[k:end]), index[run]))
                    k = end
                else:
                    k += 1
    return hits


def self_test():
    source = "The two sides agreed to convene the next cyber security ministerial dialogue in China."
    copied = 'summary: |\n  Both agreed to convene the next cyber security ministerial dialogue in China soon.\n'
    quoted = 'summary: |\n  They said they "agreed to convene the next cyber security ministerial dialogue in China".\n'
    in_quote_entry = "quotes:\n  - by: x\n    text: agreed to convene the next cyber security ministerial dialogue in China\n"
    in_sources = "sources:\n  - title: agreed to convene the next cyber security ministerial dialogue in China\n"
    eight = 'summary: |\n  They agreed to convene the next cyber security ministerial talks.\n'
    named = "notes: |\n  The High-Level Joint Dialogue on Cybercrime and Related Issues met.\n"
    src = [("s", source), ("n", "the China-U.S. High-Level Joint Dialogue on Cybercrime and Related Issues met")]
    failures = []
    if len(check(copied, src)) != 1:
        failures.append("a copied run of 10 words was not reported")
    for label, text in [("quotation marks", quoted), ("a quotes entry", in_quote_entry),
                        ("a source title", in_sources), ("an 8-word run", eight),
                        ("an official name", named)]:
        if check(text, src):
            failures.append(f"{label} was reported: {check(text, src)}")
    for f in failures:
        print("self-test failed:", f)
    print("self-test:", "ok" if not failures else f"{len(failures)} failure(s)")
    return 1 if failures else 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    timeline = argv[1] if len(argv) > 1 else DEFAULT_TIMELINE
    paths = argv[2:] or DEFAULT_SOURCES
    sources = []
    for path in source_files(paths):
        try:
            sources.append((path, open(path, encoding="utf-8").read()))
        except UnicodeDecodeError:
            print(f"{path}: skipped, not UTF-8 text")
    if not sources:
        print(f"no source texts found in {', '.join(paths)}")
        return 1
    hits = check(open(timeline, encoding="utf-8").read(), sources)
    for line, place, run, source in hits:
        print(f"{timeline}:{line}: {place}: {len(run.split())} words shared with {source}: {run}")
    names = ", ".join(os.path.basename(p) for p, _ in sources)
    print(f"{len(hits)} shared run(s) of {RUN} or more words (sources: {names})")
    return 1 if hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
