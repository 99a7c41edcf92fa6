#!/usr/bin/env python3
"""The graph of imports between the crate's source files, and its circles.

Reads every file under src/ (but main.rs, a crate of its own), finds what each names of the
crate — `use crate::…`, `use super::…`, `use self::…`, a child module's `use name::…`, and the
same paths written inline (`crate::model::Timeline` in a signature) — and resolves each path to
the file that holds it (the longest prefix of the path that is a module of its own file).

Prints every set of files that reach each other through imports (biggest first, with the
imports inside it) and, in each, a circle through more than two files if there is one. A set
made only of pairs that import each other (a module and its child files that name it back, like
`explorer/mod.rs` and the files with more of `Explorer`'s methods) has no such circle: every
circle in it goes through two files. With --check, exits with status 1 if any circle goes through
more than two files; with --edges, prints every import first (`a.rs -> b.rs`).
`tests/architecture.rs` runs it, so `cargo test` (and CI) fails on a new circle.

Usage: scripts/import-graph.py [--check] [--edges] [SRC_DIR]
"""

import os
import re
import sys

LARGEST_ALLOWED = 2


def module_files(src):
    """Maps each module path (a tuple of names) to the file that holds it."""
    files = {}
    for directory, _, names in os.walk(src):
        for name in names:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, src)
            if relative == "main.rs":
                continue
            parts = relative[: -len(".rs")].split(os.sep)
            if parts[-1] in ("mod", "lib"):
                parts = parts[:-1]
            files[tuple(parts)] = relative
    return files


def code_only(text):
    """The text with comments, strings and character literals blanked (same length, same
    lines), so neither a path in a doc comment nor a brace in a string counts."""
    out = list(text)
    i, n = 0, len(text)

    def blank(start, end):
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            blank(i, j)
            i = j
        elif c == "r" and re.match(r'r#*"', text[i:]) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            hashes = re.match(r'r(#*)"', text[i:]).group(1)
            end = text.find('"' + hashes, i + 2 + len(hashes))
            end = n if end < 0 else end + 1 + len(hashes)
            blank(i, end)
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            blank(i, j + 1)
            i = j + 1
        elif c == "'":
            # A character literal ('x', '\n', '\u{1b}') or a lifetime ('a, 'static).
            literal = re.match(r"'(\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'", text[i:])
            if literal:
                blank(i, i + literal.end())
                i += literal.end()
            else:
                i += 1
        else:
            i += 1
    return "".join(out)


def expand(tree):
    """`a::{b, c::{d, e}}` → ['a::b', 'a::c::d', 'a::c::e'] (an `as` rename dropped)."""
    tree = re.sub(r"\s+", " ", tree).strip()
    tree = re.sub(r" as \w+", "", tree)
    brace = tree.find("{")
    if brace < 0:
        return [tree.strip()]
    prefix, inner = tree[:brace], tree[brace + 1 : tree.rfind("}")]
    parts, depth, start = [], 0, 0
    for k, c in enumerate(inner):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(inner[start:k])
            start = k + 1
    parts.append(inner[start:])
    return [path for part in parts if part.strip() for path in expand(prefix + part.strip())]


def inline_modules(code):
    """The spans of inline `mod name { … }` blocks, each with its name."""
    spans = []
    for found in re.finditer(r"\bmod\s+(\w+)\s*\{", code):
        depth, j = 1, found.end()
        while j < len(code) and depth:
            depth += {"{": 1, "}": -1}.get(code[j], 0)
            j += 1
        spans.append((found.start(), j, found.group(1)))
    return spans


def graph(src):
    """{file: {imported file: [the paths that import it]}}."""
    modules = module_files(src)
    edges = {}
    for module, file in modules.items():
        with open(os.path.join(src, file), encoding="utf-8") as handle:
            code = code_only(handle.read())
        inline = inline_modules(code)
        children = {m[-1] for m in modules if len(m) == len(module) + 1 and m[: len(module)] == module}
        children |= {name for _, _, name in inline}
        paths = []
        for found in re.finditer(r"\buse\s+([^;]+);", code):
            paths += [(found.start(), p) for p in expand(found.group(1))]
        for found in re.finditer(r"(?<![\w:])((?:crate|super|self)(?:::\w+)+)", code):
            paths.append((found.start(), found.group(1)))
        targets = edges.setdefault(file, {})
        for at, path in paths:
            # Where the path is written: the file's module, plus the inline modules around it.
            here = list(module) + [name for start, end, name in inline if start <= at < end]
            names = [s for s in path.split("::") if s and s != "*"]
            if names[0] == "crate":
                full = names[1:]
            elif names[0] in ("self", "super"):
                base = list(here)
                while names and names[0] in ("self", "super"):
                    if names.pop(0) == "super":
                        base.pop()
                full = base + names
            elif names[0] in children:
                full = here + names
            else:
                continue  # another crate, or std
            for length in range(len(full), -1, -1):
                target = modules.get(tuple(full[:length]))
                if target is not None:
                    break
            if target is not None and target != file:
                targets.setdefault(target, []).append(path)
    return edges


def groups(edges):
    """The strongly connected sets of more than one file: each reaches every other (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, {})):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found, key=lambda c: (-len(c), c))


def shortest_path(edges, members, start, goal, skip=None):
    """The shortest import path from start to goal inside members, not taking the edge skip."""
    before, queue = {start: None}, [start]
    for node in queue:
        if node == goal:
            path = [node]
            while before[path[-1]] is not None:
                path.append(before[path[-1]])
            return path[::-1]
        for target in sorted(edges.get(node, {})):
            if target in members and target not in before and (node, target) != skip:
                before[target] = node
                queue.append(target)
    return None


def long_circle(edges, group):
    """A circle of more than two files in the group, or None when the group is only pairs of
    files that import each other, joined like a tree (a module whose child files name it back:
    every circle in it goes through two files only)."""
    members = set(group)
    pairs = set()
    for source in group:
        for target in sorted(edges[source]):
            if target not in members:
                continue
            if source not in edges.get(target, {}):
                # A one-way import inside the group: the way back goes through another file.
                return shortest_path(edges, members, target, source) + [target]
            pairs.add(frozenset((source, target)))
    if len(pairs) == len(group) - 1:
        return None
    # Two-way pairs that close a ring: find it by taking one pair out at a time.
    for pair in sorted(pairs, key=sorted):
        a, b = sorted(pair)
        others = {n: {t: v for t, v in edges[n].items() if frozenset((n, t)) != pair} for n in group}
        path = shortest_path(others, members, b, a)
        if path and len(path) > 2:
            return path + [b]
    return None


def main(arguments):
    check = "--check" in arguments
    show_edges = "--edges" in arguments
    rest = [a for a in arguments if not a.startswith("--")]
    src = rest[0] if rest else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
    if not os.path.isdir(src):
        print(f"import-graph: {src} is not a directory", file=sys.stderr)
        return 2
    edges = graph(src)
    if show_edges:
        for file in sorted(edges):
            for target in sorted(edges[file]):
                print(f"{file} -> {target}")
    too_long = 0
    for group in groups(edges):
        members = set(group)
        print(f"{len(group)} files that reach each other:")
        for file in group:
            for target in sorted(edges[file]):
                if target in members:
                    print(f"  {file} -> {target}  ({', '.join(sorted(set(edges[file][target])))})")
        circle = long_circle(edges, group)
        if circle:
            too_long += 1
            print(f"  CIRCLE of {len(circle) - 1} files: {' -> '.join(circle)}")
        else:
            print(f"  only pairs that import each other")
    print(f"{len(edges)} files; {too_long} circles of more than {LARGEST_ALLOWED} files")
    return 1 if check and too_long else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
