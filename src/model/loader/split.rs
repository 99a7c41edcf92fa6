//! Cutting a big timeline's `events` list into parts that can be parsed on separate cores.
//!
//! serde_yaml reads a whole document into memory as YAML events before it builds anything, on
//! one core: at 100,000 events that is most of a load's time and memory. Here the text is only
//! cut, never interpreted: the top-level `events:` list becomes consecutive pieces of text (each
//! a block sequence on its own) and the rest of the document, the *head*, keeps the `events` key
//! with one marker event in place of the list. The caller parses them all and trusts the result
//! only when every piece parses and the head's `events` is exactly the marker (see
//! [`Split::marker`]); anything else, it parses the whole text as before. So a cut in the wrong
//! place costs time, never a different timeline.

/// A document cut for parsing in parts.
pub(crate) struct Split<'a> {
    /// The document with the `events` list replaced by one marker event, written as a block
    /// list at column 0 (`events:` then `- id: MARKER`), which only parses in block context.
    pub head: String,
    /// The marker event's id: a hash of the head's own text (without the marker line), so no
    /// text in the head can spell it. When the head's parsed `events` is that one event, the
    /// marker lines were read as the top-level `events` key and its block list, in the state the
    /// text before them leaves the parser in, so the line they replaced was that key too.
    pub marker: String,
    /// The `events` list in consecutive pieces, each starting at an item (`- `) of the list
    /// (the first also with any comments before it): each parsed after a line `events:` (so at
    /// the depth it has in the file) and put end to end, they are the list.
    pub parts: Vec<&'a str>,
}

/// Cuts `source` into a head and parts of about `part_bytes` each, or None when its `events`
/// list is not written in the one simple way this recognises or would make only one part:
///
/// - a line `events:` at column 0, with nothing after it but spaces or a comment;
/// - then items `- ` at one indentation, every line of the list indented with spaces only;
/// - ending at the end of the text or at a line that starts at column 0 with something other
///   than a space, `#` or (for a list at column 0) `- `;
/// - and no `*` that could be an alias anywhere (serde_yaml bounds how often aliases are
///   followed by the size of the whole document, which parts do not have).
pub(crate) fn split(source: &str, part_bytes: usize) -> Option<Split<'_>> {
    let bytes = source.as_bytes();
    if memchr::memchr_iter(b'*', bytes).any(|i| i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let key_line = events_key_line(bytes)?;
    let list_start = key_line + memchr::memchr(b'\n', &bytes[key_line..])? + 1;
    let mut items = Vec::new();
    let mut indent = None;
    let mut list_end = bytes.len();
    let mut at = list_start;
    while at < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i + 1);
        let line = &bytes[at..line_end];
        let spaces = line.iter().take_while(|&&b| b == b' ').count();
        let rest = &line[spaces..];
        match rest.first() {
            None | Some(b'\n') => {}
            Some(b'\r') if rest.get(1).is_none_or(|&b| b == b'\n') => {}
            Some(b'\t') => return None,
            Some(b'#') => {}
            Some(_) => {
                let is_item =
                    rest[0] == b'-' && rest.get(1).is_none_or(|b| matches!(b, b' ' | b'\n' | b'\r'));
                let n = *indent.get_or_insert(spaces);
                if is_item && spaces == n {
                    items.push(at);
                } else if spaces < n || (spaces == n && n == 0) {
                    // The list is over: that must be at column 0, where the head goes on.
                    if spaces > 0 {
                        return None;
                    }
                    list_end = at;
                    break;
                } else if spaces == n || items.is_empty() {
                    // Not an item where one must be: whatever it is, the whole parse says so.
                    return None;
                }
            }
        }
        at = line_end;
    }
    let &first_item = items.first()?;
    let mut parts = Vec::new();
    let mut part_start = list_start;
    for &item in &items {
        if item > first_item && item - part_start >= part_bytes {
            parts.push(&source[part_start..item]);
            part_start = item;
        }
    }
    parts.push(&source[part_start..list_end]);
    if parts.len() < 2 {
        return None;
    }
    let before = &source[..key_line];
    let after = &source[list_end..];
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(before.as_bytes());
    hasher.update(after.as_bytes());
    let marker = format!("m{:032x}", hasher.digest128());
    let head = format!("{before}events:\n- id: {marker}\n{after}");
    Some(Split { head, marker, parts })
}

/// The offset of the first line that is `events:` at column 0 with only spaces or a comment
/// after it.
fn events_key_line(bytes: &[u8]) -> Option<usize> {
    const KEY: &[u8] = b"events:";
    let mut from = 0;
    loop {
        let found = from + memchr::memmem::find(&bytes[from..], KEY)?;
        if found == 0 || bytes[found - 1] == b'\n' {
            let rest = &bytes[found + KEY.len()..];
            let rest = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
            let content = rest.iter().position(|&b| !matches!(b, b' ' | b'\t' | b'\r'));
            if content.is_none_or(|i| rest[i] == b'#' && i > 0) {
                return Some(found);
            }
        }
        from = found + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_indented_list_is_cut_at_its_items() {
        let text =
            "title: t\nevents:\n  # first\n  - id: a\n    title: A\n  - id: b\n  - id: c\nstories: []\n";
        let split = split(text, 1).expect("cut");
        assert_eq!(split.parts, ["  # first\n  - id: a\n    title: A\n", "  - id: b\n", "  - id: c\n"]);
        assert_eq!(split.head, format!("title: t\nevents:\n- id: {}\nstories: []\n", split.marker));
    }

    #[test]
    fn a_list_at_column_0_ends_at_the_next_key() {
        let text = "events: # the list\n- id: a\n# between\n- id: b\n  title: B\ntitle: t\n";
        let split = split(text, 1).expect("cut");
        assert_eq!(split.parts, ["- id: a\n# between\n", "- id: b\n  title: B\n"]);
        assert!(split.head.ends_with(&format!("\n- id: {}\ntitle: t\n", split.marker)), "{}", split.head);
    }

    #[test]
    fn the_marker_depends_on_the_head() {
        let a = split("title: a\nevents:\n- id: x\n- id: y\n", 1).expect("cut");
        let b = split("title: b\nevents:\n- id: x\n- id: y\n", 1).expect("cut");
        assert_ne!(a.marker, b.marker);
    }

    #[test]
    fn parts_hold_about_the_bytes_asked_for() {
        let items: String = (0..100).map(|i| format!("  - id: e{i:03}\n")).collect();
        let text = format!("title: t\nevents:\n{items}");
        let split = split(&text, 60).expect("cut");
        // Each item is 12 bytes: five of them make the first part at or over 60.
        assert_eq!(split.parts.len(), 20);
        assert_eq!(split.parts.concat(), items);
    }

    #[test]
    fn what_is_not_written_the_simple_way_is_not_cut() {
        for text in [
            "title: t\nevents: [{id: a}, {id: b}]\n",
            "title: t\nevents: &all\n- id: a\n- id: b\n",
            "title: t\n\"events\":\n- id: a\n- id: b\n",
            "title: t\nevents:\n  - id: a\n\t- id: b\n",
            "title: t\nevents:\n  - id: a\n  - id: b\n people: []\n",
            "title: t\nevents:\n  - id: a\n  id: b\n  - id: c\n",
            "title: t\nevents:\n  id: a\n",
            // A possible alias.
            "title: t\nevents:\n  - id: a\n  - *b\n",
            // One item: nothing to share out.
            "title: t\nevents:\n  - id: a\n    title: A\n",
        ] {
            assert!(split(text, 1).is_none(), "{text:?}");
        }
    }
}
