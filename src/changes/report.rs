//! A diff as a reader sees it: text (coloured on a terminal), Markdown for a release note, and
//! JSON in the stable shape docs/FORMAT.md documents. Every data string goes through
//! `text::one_line` (or the JSON and Markdown escapes) on its way out.

use crate::model::diff::{Change, DateShift, Diff, EntityChange, EventChange, Field, Kind, WordEdit};
use crate::model::interval::{End, Interval};
use crate::model::{DateSpec, Precision};
use crate::text::one_line;
use serde_json::{json, Value};

/// What the JSON report calls its shape; a change that breaks readers raises the version.
pub const JSON_FORMAT: &str = "timeline-explorer/diff";
pub const JSON_VERSION: u32 = 1;

/// Colours for the text report: ANSI codes around text already made safe, or nothing.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub on: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn added(self, text: &str) -> String {
        self.wrap("32", text)
    }
    fn removed(self, text: &str) -> String {
        self.wrap("31", text)
    }
    fn changed(self, text: &str) -> String {
        self.wrap("33", text)
    }
    fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }
}

/// The mark a change gets in lists: `+` added, `~` changed, `−` removed.
pub fn mark(kind: Kind) -> char {
    match kind {
        Kind::Added => '+',
        Kind::Changed => '~',
        Kind::Removed => '−',
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "1 added, 2 changed": the events' counts, or "no changes".
pub fn counts_line(diff: &Diff) -> String {
    let c = diff.counts();
    let mut parts = Vec::new();
    for (n, word) in
        [(c.added, "added"), (c.removed, "removed"), (c.renamed, "renamed"), (c.changed, "changed")]
    {
        if n > 0 {
            parts.push(format!("{n} {word}"));
        }
    }
    let events = if parts.is_empty() {
        "no event changed".to_string()
    } else {
        format!("events: {}", parts.join(", "))
    };
    let entities = diff.entities.len();
    let mut out = events;
    if entities > 0 {
        out.push_str(&format!(
            "; {} changed",
            plural(entities, "country, agency or person", "countries, agencies or people")
        ));
    }
    if !diff.timeline.is_empty() {
        out.push_str("; the timeline's own fields changed");
    }
    out
}

/// How a date changed, in words: "moved 2 days later; now approximate".
pub fn date_words(from: &DateSpec, to: &DateSpec) -> String {
    let shift = DateShift::of(from, to);
    let mut parts = Vec::new();
    let overlaps = from.first_day() <= to.last_day() && to.first_day() <= from.last_day();
    if shift.precision.is_none() || !overlaps {
        let later = |n: i64| if n > 0 { "later" } else { "earlier" };
        // The shift from the old start to the new, in `interval`'s words (in the new zone).
        let zone = to.home;
        let moved = Interval::between(End::start_of(from, &zone), End::start_of(to, &zone));
        match shift.seconds {
            Some(s) if s != 0 => parts.push(format!("moved {} {}", moved.words(), later(s))),
            _ if shift.days != 0 => parts.push(format!("moved {} {}", moved.words(), later(shift.days))),
            _ => {}
        }
    }
    if from.to_string() == to.to_string() && from.home != to.home {
        parts.push(format!("same time of day read in {} instead of {}", to.home.name(), from.home.name()));
    }
    if let Some((a, b)) = shift.precision {
        let which = if b > a { "more precise" } else { "less precise" };
        parts.push(format!("{which}: {} → {}", a.as_str(), b.as_str()));
    }
    if let Some((_, now)) = shift.approximate {
        parts.push(if now { "now approximate" } else { "no longer approximate" }.into());
    }
    if let Some((_, now)) = shift.uncertain {
        parts.push(if now { "now uncertain" } else { "no longer uncertain" }.into());
    }
    if let (Some((_, days)), None) = (shift.length, shift.precision) {
        parts.push(format!("now lasts {}", plural(days as usize, "day", "days")));
    }
    parts.join("; ")
}

/// The word diff of two texts with long unchanged runs cut to a few words around each change,
/// whitespace (line breaks of the file included) shown as single spaces.
pub fn word_pieces(from: &str, to: &str) -> Vec<WordEdit> {
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let edits = crate::model::diff::word_diff(&squeeze(from), &squeeze(to));
    let last = edits.len().saturating_sub(1);
    edits
        .into_iter()
        .enumerate()
        .map(|(i, e)| match e {
            WordEdit::Same(text) => WordEdit::Same(context(&text, i == 0, i == last)),
            other => other,
        })
        .collect()
}

/// Keeps four words on each side of an unchanged run that touches a change.
fn context(text: &str, first: bool, last: bool) -> String {
    const KEEP: usize = 4;
    let words: Vec<&str> = text.split(' ').collect();
    if words.len() <= 2 * KEEP + 1 {
        return text.to_string();
    }
    let head = words[..KEEP].join(" ");
    let tail = words[words.len() - KEEP..].join(" ");
    match (first, last) {
        (true, true) => text.to_string(),
        (true, false) => format!("… {tail}"),
        (false, true) => format!("{head} …"),
        (false, false) => format!("{head} … {tail}"),
    }
}

fn field_label(field: Field) -> &'static str {
    field.name()
}

/// A value as the text report shows it (absent: `(none)`).
fn value_text(value: &Option<String>) -> String {
    match value {
        Some(v) => one_line(&crate::text::reflow(v)).into_owned(),
        None => "(none)".into(),
    }
}

/// One change as lines of the text report (after its field's name).
fn change_lines(change: &Change, paint: Paint) -> Vec<String> {
    match change {
        Change::Value { field, from: Some(a), to: Some(b) } if field.is_prose() => {
            let mut line = String::new();
            for piece in word_pieces(a, b) {
                match piece {
                    WordEdit::Same(t) => line.push_str(&one_line(&t)),
                    WordEdit::Removed(t) => line.push_str(&paint.removed(&format!("[-{}-]", one_line(&t)))),
                    WordEdit::Added(t) => line.push_str(&paint.added(&format!("{{+{}+}}", one_line(&t)))),
                }
            }
            vec![line]
        }
        Change::Value { from, to, .. } => vec![format!("{} → {}", value_text(from), value_text(to))],
        Change::Status { from, to } => vec![format!("{} → {}", from.words(), to.words())],
        Change::Date { from, to } => {
            let words = date_words(from, to);
            let words = if words.is_empty() { String::new() } else { format!(" ({words})") };
            vec![format!("{} → {}{words}", one_line(&from.human()), one_line(&to.human()))]
        }
        Change::List { removed, added, .. } => {
            let mut lines: Vec<String> =
                removed.iter().map(|r| paint.removed(&format!("− {}", one_line(r)))).collect();
            lines.extend(added.iter().map(|a| paint.added(&format!("+ {}", one_line(a)))));
            lines
        }
    }
}

/// What the detail of an event says of its change since `--changes REV`: the kind, then each
/// field's change as the text report words it (`status: planned → cancelled`), uncoloured.
pub fn detail_lines(e: &EventChange, label: &str) -> Vec<crate::report::DetailLine> {
    use crate::report::DetailLine::{Bullet, Field};
    let head = match e.kind {
        Kind::Added => "Added",
        Kind::Changed => "Changed",
        Kind::Removed => "Removed",
    };
    let mut out = vec![Field(head, format!("since {label}"))];
    for change in &e.changes {
        for (i, line) in change_lines(change, Paint { on: false }).into_iter().enumerate() {
            let field = if i == 0 { field_label(change.field()) } else { "" };
            out.push(Bullet(format!("{field}{}{line}", if field.is_empty() { "  " } else { ": " })));
        }
    }
    out
}

/// A change's field name and lines, indented under its event or entity.
fn push_changes(out: &mut String, changes: &[Change], paint: Paint) {
    for change in changes {
        let label = format!("{:<11}", field_label(change.field()));
        for (i, line) in change_lines(change, paint).into_iter().enumerate() {
            let head = if i == 0 { label.as_str() } else { "           " };
            out.push_str(&format!("    {head} {line}\n"));
        }
    }
}

fn event_head(e: &EventChange, paint: Paint) -> String {
    let side = e.current();
    let mark = mark(e.kind).to_string();
    let mark = match e.kind {
        Kind::Added => paint.added(&mark),
        Kind::Removed => paint.removed(&mark),
        Kind::Changed => paint.changed(&mark),
    };
    let renamed = match (&e.old, e.renamed()) {
        (Some(old), true) => format!(" (renamed from {})", one_line(&old.id)),
        _ => String::new(),
    };
    format!(
        "{mark} {}{renamed}  {}  {}\n",
        paint.bold(&one_line(&side.id)),
        one_line(&side.date.human()),
        one_line(&side.title)
    )
}

fn entity_head(e: &EntityChange, paint: Paint) -> String {
    let mark = mark(e.kind).to_string();
    let mark = match e.kind {
        Kind::Added => paint.added(&mark),
        Kind::Removed => paint.removed(&mark),
        Kind::Changed => paint.changed(&mark),
    };
    format!("{mark} {} {}  {}\n", e.entity.name(), paint.bold(&one_line(&e.id)), one_line(&e.name))
}

/// The text report: a headline, then each changed event, the entities and the timeline.
pub fn text(diff: &Diff, old: &str, new: &str, paint: Paint) -> String {
    let mut out = format!("{} → {}: {}\n", one_line(old), one_line(new), counts_line(diff));
    for e in &diff.events {
        out.push('\n');
        out.push_str(&event_head(e, paint));
        push_changes(&mut out, &e.changes, paint);
    }
    if !diff.entities.is_empty() {
        out.push_str("\nCountries, agencies and people\n");
        for e in &diff.entities {
            out.push_str(&entity_head(e, paint));
            push_changes(&mut out, &e.changes, paint);
        }
    }
    if !diff.timeline.is_empty() {
        out.push_str("\nThe timeline\n");
        push_changes(&mut out, &diff.timeline, paint);
    }
    out
}

/// "3 sources added", "1 tag removed": a list change counted, for one-line summaries.
fn list_words(field: Field, n: usize, verb: &str) -> String {
    let (one, many) = match field {
        Field::Countries => ("country", "countries"),
        Field::Agencies => ("agency", "agencies"),
        Field::People => ("person", "people"),
        Field::By => ("actor", "actors"),
        Field::Tags => ("tag", "tags"),
        Field::Outcomes => ("outcome", "outcomes"),
        Field::Quotes => ("quote", "quotes"),
        Field::Sources => ("source", "sources"),
        Field::Links => ("link", "links"),
        Field::Aliases => ("alias", "aliases"),
        Field::Roles => ("role", "roles"),
        _ => ("extension", "extensions"),
    };
    format!("{} {verb}", plural(n, one, many))
}

/// One change in a few words: "status planned → cancelled", "moved 2 days later", "2 sources added".
pub fn change_summary(change: &Change) -> String {
    match change {
        Change::Value { field: Field::Id, from, .. } => format!("renamed from {}", value_text(from)),
        Change::Value { field, .. } => format!("{} changed", field.name()),
        Change::Status { from, to } => format!("status {} → {}", from.words(), to.words()),
        Change::Date { from, to } => {
            let words = date_words(from, to);
            if words.is_empty() {
                format!("date {} → {}", one_line(&from.human()), one_line(&to.human()))
            } else {
                words
            }
        }
        Change::List { field, removed, added } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(list_words(*field, added.len(), "added"));
            }
            if !removed.is_empty() {
                parts.push(list_words(*field, removed.len(), "removed"));
            }
            parts.join(", ")
        }
    }
}

/// An event's change in one line: `round-4: status planned → cancelled; 2 sources added`.
pub fn event_summary(e: &EventChange) -> String {
    let id = one_line(&e.current().id).into_owned();
    match e.kind {
        Kind::Added => format!("{id} added"),
        Kind::Removed => format!("{id} removed"),
        Kind::Changed => {
            let parts: Vec<String> = e.changes.iter().map(change_summary).collect();
            format!("{id}: {}", parts.join("; "))
        }
    }
}

/// A whole diff in one line, for `log`: each event's summary, then entities and the timeline.
pub fn one_line_summary(diff: &Diff) -> String {
    let mut parts: Vec<String> = diff.events.iter().map(event_summary).collect();
    for e in &diff.entities {
        parts.push(format!("{} {} {}", e.entity.name(), one_line(&e.id), e.kind.name()));
    }
    if !diff.timeline.is_empty() {
        let fields: Vec<&str> = diff.timeline.iter().map(|c| c.field().name()).collect();
        parts.push(format!("timeline {} changed", fields.join(", ")));
    }
    if parts.is_empty() {
        "no change to the events".into()
    } else {
        parts.join("; ")
    }
}

fn precision_json(p: Option<(Precision, Precision)>) -> Value {
    p.map_or(Value::Null, |(a, b)| json!({"from": a.as_str(), "to": b.as_str()}))
}

fn flag_json(p: Option<(bool, bool)>) -> Value {
    p.map_or(Value::Null, |(a, b)| json!({"from": a, "to": b}))
}

fn change_json(change: &Change) -> Value {
    let field = change.field().name();
    match change {
        Change::Value { from, to, .. } => json!({"field": field, "from": from, "to": to}),
        Change::Status { from, to } => json!({"field": field, "from": from.as_str(), "to": to.as_str()}),
        Change::Date { from, to } => {
            let shift = DateShift::of(from, to);
            json!({
                "field": field,
                "from": from.to_string(),
                "to": to.to_string(),
                "days": shift.days,
                "seconds": shift.seconds,
                "precision": precision_json(shift.precision),
                "approximate": flag_json(shift.approximate),
                "uncertain": flag_json(shift.uncertain),
                "words": date_words(from, to),
            })
        }
        Change::List { removed, added, .. } => json!({"field": field, "removed": removed, "added": added}),
    }
}

fn side_json(side: Option<&crate::model::diff::Side>) -> Value {
    side.map_or(Value::Null, |s| json!({"id": s.id, "title": s.title, "date": s.date.to_string()}))
}

/// The JSON report (docs/FORMAT.md, "The diff report").
pub fn json(diff: &Diff, old: &str, new: &str) -> String {
    let c = diff.counts();
    let value = json!({
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "old": old,
        "new": new,
        "changed": !diff.is_empty(),
        "counts": {"added": c.added, "removed": c.removed, "renamed": c.renamed, "changed": c.changed, "entities": diff.entities.len()},
        "events": diff.events.iter().map(|e| json!({
            "change": e.kind.name(),
            "renamed": e.renamed(),
            "id": e.current().id,
            "old": side_json(e.old.as_ref()),
            "new": side_json(e.new.as_ref()),
            "changes": e.changes.iter().map(change_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "entities": diff.entities.iter().map(|e| json!({
            "kind": e.entity.name(),
            "id": e.id,
            "name": e.name,
            "change": e.kind.name(),
            "changes": e.changes.iter().map(change_json).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "timeline": diff.timeline.iter().map(change_json).collect::<Vec<_>>(),
    });
    crate::report::json_text(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diff::diff;
    use crate::model::load_str;

    fn pair(old_event: &str, new_event: &str) -> Diff {
        let old = load_str("a", &format!("title: T\nevents:\n  - {old_event}\n")).unwrap();
        let new = load_str("b", &format!("title: T\nevents:\n  - {new_event}\n")).unwrap();
        diff(&old, &new)
    }

    /// Removes the escapes the report itself writes; what is left must hold no control.
    fn without_own_colours(text: &str) -> String {
        ["\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[1m", "\x1b[0m"]
            .iter()
            .fold(text.to_string(), |t, c| t.replace(c, ""))
    }

    #[test]
    fn data_never_reaches_the_terminal_raw() {
        let d = pair(
            r#"{id: a, title: "Talks", date: 2016-01-01, tags: [x]}"#,
            r#"{id: a, title: "Talks \u001b]0;pwned\u0007 \u202e", date: 2016-01-01, tags: ["\u001b[2J"]}"#,
        );
        for on in [false, true] {
            let text = text(&d, "old\u{1b}", "new", Paint { on });
            assert!(
                !without_own_colours(&text).chars().any(|c| crate::text::is_unsafe(c) && c != '\n'),
                "{text:?}"
            );
            assert_eq!(text.contains('\u{1b}'), on, "colour only when asked: {text:?}");
        }
        let js = json(&d, "old", "new");
        assert!(!js.chars().any(|c| crate::text::is_unsafe(c) && c != '\n'), "{js:?}");
        let v: serde_json::Value = serde_json::from_str(&js).unwrap();
        assert_eq!(v["events"][0]["changes"][1]["added"][0], "\u{1b}[2J", "JSON keeps the data exactly");
    }

    #[test]
    fn a_date_change_in_words() {
        let words = |a: &str, b: &str| {
            let (a, b) = (DateSpec::parse(a).unwrap(), DateSpec::parse(b).unwrap());
            date_words(&a, &b)
        };
        assert_eq!(words("2016-12-07", "2016-12-05"), "moved 2 days earlier");
        assert_eq!(words("2016-12-07T09:00", "2016-12-07T11:30"), "moved 2 hours and 30 minutes later");
        assert_eq!(words("2016-12-07", "2016-12"), "less precise: day → month");
        assert_eq!(
            words("2016-12", "2017-03-02"),
            "moved about 3 months and 1 day later; more precise: month → day"
        );
        assert_eq!(words("2016-12-07", "2016-12-07..2016-12-09?"), "now uncertain; now lasts 3 days");
    }

    #[test]
    fn a_prose_change_shows_the_words_that_changed_with_some_context() {
        let d = pair(
            "{id: a, title: T, date: 2016, summary: a b c d e f g h i j k l seven m n o p q r s t u}",
            "{id: a, title: T, date: 2016, summary: a b c d e f g h i j k l SEVEN m n o p q r s t u}",
        );
        let text = text(&d, "a", "b", Paint { on: false });
        assert!(text.contains("    summary     … j k l [-seven-]{+SEVEN+} m n o …\n"), "{text}");
    }

    /// A changed `timezone:` moves every time of day read in it, though no date's text changed:
    /// `diff` says so (found by a new user's trial), and leaves whole days, which stay the days
    /// written, alone.
    #[test]
    fn a_changed_zone_moves_the_times_read_in_it() {
        let events = "events:\n  - {id: launch, title: Launch, date: \"1969-07-16T09:32\"}\n  - {id: day, title: Day, date: 1969-07-20}\n";
        let old = load_str("a", &format!("title: T\ntimezone: America/New_York\n{events}")).unwrap();
        let new = load_str("b", &format!("title: T\ntimezone: America/Chicago\n{events}")).unwrap();
        let d = diff(&old, &new);
        let moved: Vec<&str> = d.events.iter().map(|e| e.current().id.as_str()).collect();
        assert_eq!(moved, ["launch"], "the whole day is not moved");
        let text = text(&d, "a", "b", Paint { on: false });
        assert!(text.contains("moved 1 hour later"), "{text}");
        assert!(text.contains("read in America/Chicago instead of America/New_York"), "{text}");
    }
}
