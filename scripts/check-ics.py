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
statuses = []
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
    if want.get("start_utc"):
        # A time of day: an instant in UTC, and the end instant (a moment has none).
        start = datetime.datetime.fromisoformat(want["start_utc"].replace("Z", "+00:00"))
        if got.all_day or got.begin.datetime != start:
            problems.append(f"{want['id']}: begins {got.begin}, expected {want['start_utc']}")
        # A range ending at a time ends at that instant (DTEND).
        written_end = want["date"].split("..")[1] if ".." in want["date"] else ""
        if ":" in written_end:
            end = datetime.datetime.fromisoformat(want["end_utc"].replace("Z", "+00:00"))
            if got.end.datetime != end:
                problems.append(f"{want['id']}: ends {got.end}, expected {want['end_utc']}")
    else:
        if not got.all_day:
            problems.append(f"{want['id']}: not an all-day event")
        if got.begin.date().isoformat() != want["start"].zfill(10):
            problems.append(f"{want['id']}: begins {got.begin.date()}, expected {want['start']}")
        end = datetime.date.fromisoformat(want["end"]) + datetime.timedelta(days=1)
        if got.end.date() != end:
            problems.append(f"{want['id']}: ends {got.end.date()} (exclusive), expected {end}")
    # The status, as calendars read it (RFC 5545 3.8.1.11).
    status = {"happened": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}[want["status"]]
    if (got.status or "").upper() != status:
        problems.append(f"{want['id']}: STATUS {got.status!r}, expected {status}")
    elif want["status"] != "happened":
        statuses.append(f"{want['id']}: {status}")
    if got.url is not None and not re.match(r"https?://[^\s<>\"]+$", got.url):
        problems.append(f"{want['id']}: URL {got.url!r} is not an http(s) URI")
for p in problems:
    print(f"  {ics_path}: {p}")
if problems:
    sys.exit(1)
print(f"  ok: {ics_path}: {len(calendar.events)} events, titles, dates and times, categories, status and URLs as exported")
if statuses:
    print(f"    status read: {', '.join(statuses)}")
# The second reader, `icalendar` (pip install icalendar), where installed: instants and status.
try:
    import icalendar
except ImportError:
    print("  icalendar: SKIPPED (not installed)")
    sys.exit(0)
other = icalendar.Calendar.from_ical(open(ics_path, encoding="utf-8").read())
read = {str(c.get("UID")).split(".")[0]: c for c in other.walk("VEVENT")}
for want in expected:
    c = read.get(want["id"])
    if c is None:
        problems.append(f"{want['id']}: icalendar reads no VEVENT with its UID")
        continue
    if want.get("start_utc"):
        start = c.decoded("DTSTART")
        if start.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z") != want["start_utc"]:
            problems.append(f"{want['id']}: icalendar: DTSTART {start}, expected {want['start_utc']}")
    status = {"happened": "CONFIRMED", "planned": "TENTATIVE", "cancelled": "CANCELLED"}[want["status"]]
    if str(c.get("STATUS")) != status:
        problems.append(f"{want['id']}: icalendar: STATUS {c.get('STATUS')}, expected {status}")
for p in problems:
    print(f"  {ics_path}: {p}")
if problems:
    sys.exit(1)
print(f"  ok: {ics_path}: icalendar {icalendar.__version__} reads the same instants and status")
