#!/usr/bin/env python3
"""Splits a generated timeline (examples/generate) into N files with the same events, for
measuring several files against one (docs/PERFORMANCE.md, issue #27 point 3).

    python3 scripts/split-timeline.py /tmp/100k.yaml 10 /tmp/split/   # part-0.yaml … part-9.yaml

Each part has the whole header (countries, agencies, people: the same in every file, so they
merge into one) and a contiguous tenth of the events; a `related` link to an event that lands
in another part becomes a link to that file's event (`part-3#event-17`)."""
import re
import sys

source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
text = open(source, encoding="utf-8").read()
head, body = text.split("\nevents:\n", 1)
events = re.split(r"(?m)^(?=  - id: )", body)
events = [e for e in events if e.strip()]
size = -(-len(events) // count)
part_of = {}
for i, e in enumerate(events):
    part_of[re.match(r"  - id: (\S+)", e).group(1)] = i // size
for p in range(count):
    chunk = events[p * size:(p + 1) * size]

    def relink(m):
        target = m.group(1)
        return m.group(0) if part_of[target] == p else m.group(0).replace(target, f"part-{part_of[target]}#{target}")

    chunk = [re.sub(r"\{id: (event-\d+), kind", relink, e) for e in chunk]
    with open(f"{out}/part-{p}.yaml", "w", encoding="utf-8") as f:
        f.write(head + "\nevents:\n" + "".join(chunk))
