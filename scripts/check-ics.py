"""Reads an iCalendar export with ics-py (`pip install ics`) and compares what it reads with the
events as `timeline-explorer list --format json` gives them.

    python3 check-ics.py EXPORT.ics EVENTS.json

Prints one line per problem and exits 1 if there is any; prints a summary and exits 0 if not.
"""
import datetime
import json
import re
import sys

from ics import Calendar

ics_path, events_path = sys.argv[1:3]
problems = []
try:
    calendar = Calendar(open(ics_path, encoding="utf-8").read())
except Exception as e:  # ics-py refuses the whole file on any error it finds
    print(f"  {ics_path}: ics-py refuses the file: {e}")
    sys.exit(1)

UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def cleaned(s):
    return UNSAFE.sub(lambda m: "\\u{%x}" % ord(m.group(0)), s)


expected = [e for e in json.load(open(events_path, encoding="utf-8"))
            if not e["start"].startswith("-") and len(e["end"].split("-")[0]) == 4]
events = {e.uid.split(".")[0]: e for e in calendar.events}
if len(calendar.events) != len(expected):
    problems.append(f"{len(calendar.events)} events read, {len(expected)} exported")
for want in expected:
    got = events.get(want["id"])
    if got is None:
        problems.append(f"{want['id']}: no VEVENT with its UID")
        continue
    title = cleaned(want["title"])
    if want["approximate"]:
        title += " (circa)"
    if want["uncertain"]:
        title += " (date uncertain)"
    if got.name != title:
        problems.append(f"{want['id']}: SUMMARY {got.name!r}, expected {title!r}")
    if sorted(got.categories) != sorted(cleaned(t) for t in want["tags"]):
        problems.append(f"{want['id']}: CATEGORIES {sorted(got.categories)}, expected {sorted(want['tags'])}")
    if not got.all_day:
        problems.append(f"{want['id']}: not an all-day event")
    if got.begin.date().isoformat() != want["start"].zfill(10):
        problems.append(f"{want['id']}: begins {got.begin.date()}, expected {want['start']}")
    end = datetime.date.fromisoformat(want["end"]) + datetime.timedelta(days=1)
    if got.end.date() != end:
        problems.append(f"{want['id']}: ends {got.end.date()} (exclusive), expected {end}")
    if got.url is not None and not re.match(r"https?://[^\s<>\"]+$", got.url):
        problems.append(f"{want['id']}: URL {got.url!r} is not an http(s) URI")
for p in problems:
    print(f"  {ics_path}: {p}")
if problems:
    sys.exit(1)
print(f"  ok: {ics_path}: {len(calendar.events)} events, titles, dates, categories and URLs as exported")
