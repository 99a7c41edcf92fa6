// Reads a markwhen export with the real markwhen parser (@markwhen/parser) and compares what it
// reads with the events as `timeline-explorer list --format json` gives them.
//
//   node check-markwhen.mjs EXPORT.mw EVENTS.json
//
// Prints one line per problem and exits 1 if there is any; prints a summary and exits 0 if not.
import { parse } from "@markwhen/parser";
import fs from "fs";

const [mwPath, eventsPath] = process.argv.slice(2);
const text = fs.readFileSync(mwPath, "utf8");
const expected = JSON.parse(fs.readFileSync(eventsPath, "utf8"));
const parsed = parse(text);
const timeline = Array.isArray(parsed.timelines) ? parsed.timelines[0] : parsed;
const problems = [];
const problem = (message) => problems.push(message);

// What the export does to text: controls and bidi controls become \u{…} escapes, and a WORD
// JOINER follows a `#`, `!` or `]` that comes before a word character, `[`, `(` or a joiner.
const JOINER = "\u2060";
const cleaned = (s) =>
  [...s].map((c) => (/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(c) ? `\\u{${c.codePointAt(0).toString(16)}}` : c)).join("");
const unescape = (s) => s.replace(/([#!\]])\u2060/g, "$1");

for (const m of timeline.parseMessages ?? []) problem(`parser error: ${m.message}`);
for (const m of timeline.documentMessages ?? []) problem(`parser ${m.type}: ${m.message}`);

const tagNames = timeline.header?.["timeline-explorer-tags"] ?? {};
const events = [];
(function walk(node, sections) {
  if (node.children) {
    const here = node.title !== undefined && node.title !== "" ? [...sections, node] : sections;
    for (const child of node.children) walk(child, here);
  } else {
    events.push({ event: node, sections });
  }
})(timeline.events, []);

if (events.length !== expected.length) problem(`${events.length} events read, ${expected.length} exported`);
const byId = new Map(events.map((e) => [e.event.id, e]));
const statuses = [];
let instants = 0;
for (const want of expected) {
  const got = byId.get(want.id);
  if (!got) {
    problem(`${want.id}: not read as an event (or without its id)`);
    continue;
  }
  const e = got.event;
  // markwhen 1.2 keeps the colon after a BCE date in the title (`44 BCE: x` reads as `: x`).
  let title = unescape(e.firstLine.restTrimmed);
  if (want.start.startsWith("-") || want.start.startsWith("0000")) title = title.replace(/^:\s*/, "");
  if (title !== cleaned(want.title)) problem(`${want.id}: title ${JSON.stringify(title)}, expected ${JSON.stringify(cleaned(want.title))}`);
  const tags = e.tags.map((t) => unescape(tagNames[t] ?? t)).sort();
  // A planned or cancelled event carries its status as the tag `#planned` or `#cancelled`.
  const wantTags = [...want.tags.map(cleaned), ...(want.status === "happened" ? [] : [want.status])].sort();
  if (want.status !== "happened" && e.tags.includes(want.status)) statuses.push(`${want.id}: #${want.status}`);
  if (JSON.stringify(tags) !== JSON.stringify(wantTags)) problem(`${want.id}: tags ${JSON.stringify(tags)}, expected ${JSON.stringify(wantTags)}`);
  const from = e.dateRangeIso.fromDateTimeIso;
  const year = (iso) => parseInt(iso.slice(0, iso.indexOf("-", 1)), 10);
  if (year(from) !== year(want.start)) problem(`${want.id}: starts in year ${year(from)}, expected ${want.start}`);
  const bce = year(want.start) <= 0;
  // A time of day: the same instant, as markwhen reads it in the event's `timezone` property
  // or the header's (to the minute: markwhen has no seconds; the `date` property keeps them).
  if (want.start_utc) {
    const got = new Date(from).toISOString().slice(0, 16);
    if (got !== want.start_utc.slice(0, 16)) problem(`${want.id}: starts at ${got}, expected ${want.start_utc}`);
    else instants += 1;
  }
  if (e.properties.date !== undefined) {
    if (e.properties.date !== want.date) problem(`${want.id}: date property ${e.properties.date}, expected ${want.date}`);
  } else if (bce) {
    // `44 BCE`: a whole year, from its first day to the first day of the next.
    const to = e.dateRangeIso.toDateTimeIso;
    if (year(to) !== year(want.end) + 1) problem(`${want.id}: ends ${to} (exclusive), expected ${want.end}`);
  } else if (!want.date.includes("T")) {
    if (from.slice(0, 10) !== want.start) problem(`${want.id}: starts ${from}, expected ${want.start}`);
    const end = new Date(want.end + "T00:00:00Z");
    end.setUTCDate(end.getUTCDate() + 1);
    const to = e.dateRangeIso.toDateTimeIso.slice(0, 10);
    if (to !== end.toISOString().slice(0, 10)) problem(`${want.id}: ends ${to} (exclusive), expected ${want.end}`);
  }
  // An event that involves a country is in that country's section; others are in none.
  const section = got.sections.at(-1);
  const involved = [...(want.involved_countries ?? []), want.location?.country].filter(Boolean);
  if (section) {
    const country = section.properties?.id;
    if (!involved.includes(country)) problem(`${want.id}: in section ${JSON.stringify(section.title)} (${country}), which it does not involve`);
  } else if (involved.length) {
    problem(`${want.id}: in no section, expected one of ${involved.join(", ")}`);
  }
}
for (const p of problems) console.log(`  ${mwPath}: ${p}`);
if (problems.length) process.exit(1);
console.log(`  ok: ${mwPath}: ${events.length} events, titles, dates, ids, tags and sections as exported, ${instants} times of day at their instants, no parser messages`);
if (statuses.length) console.log(`    status read: ${statuses.join(", ")}`);
