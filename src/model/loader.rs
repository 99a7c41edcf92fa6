//! Reading a timeline file: bytes → text → YAML → checked [`Timeline`].
//!
//! This is the only module that names serde_yaml. It parses into plain records that accept every
//! key (unknown ones are remembered, not fatal), then [`super::validate`]-style checks in
//! [`Builder`] turn them into the model, collecting every problem. Positions for those problems
//! are looked up only when there are problems (see `locate`), so a good file costs one parse.

use super::cache::{Cache, Entry};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::locate::{self, Path, Seg, Target};
use super::suggest::did_you_mean;
use super::*;
use crate::text::escape;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;

mod actors;
mod split;
use actors::Listed;

/// The built-in timeline, compiled into the binary so it runs from anywhere.
pub const BUILTIN_SOURCE: &str = include_str!("../../timeline.yaml");
pub const BUILTIN_NAME: &str = "timeline.yaml (built in)";

/// Files larger than this are refused before reading: parsing them would take minutes and
/// gigabytes, and no real timeline comes near it (100,000 events are about 60 MiB).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be read at all (missing, a directory, no permission, too big).
    Unreadable { file: String, reason: String },
    /// The file was read; these are the problems in it.
    Invalid(Diagnostics),
    /// Several files were given and more than one does not load: each one's problems.
    Several(Vec<LoadError>),
}

impl LoadError {
    /// One line for a banner: `file:line:col: message`.
    pub fn headline(&self) -> String {
        match self {
            LoadError::Unreadable { file, reason } => format!("{}: {reason}", escape(file)),
            LoadError::Invalid(d) => d.headline(),
            LoadError::Several(all) => {
                let first = all.first().map(LoadError::headline).unwrap_or_default();
                format!("{first} (and {} more files that do not load)", all.len().saturating_sub(1))
            }
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Unreadable { file, reason } => write!(f, "{}: error: {reason}", escape(file)),
            LoadError::Invalid(d) => d.fmt(f),
            LoadError::Several(all) => {
                for (i, e) in all.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    e.fmt(f)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// Loads the given file, or the built-in timeline when there is none.
pub fn load(file: Option<&std::path::Path>) -> Result<Timeline, LoadError> {
    match file {
        Some(path) => load_file(path),
        None => load_builtin(),
    }
}

pub fn load_builtin() -> Result<Timeline, LoadError> {
    load_str(BUILTIN_NAME, BUILTIN_SOURCE)
}

pub fn load_file(path: &std::path::Path) -> Result<Timeline, LoadError> {
    let name = path.display().to_string();
    let bytes = read_file(path)?;
    let mut timeline = load_cached(super::cache::active().as_ref(), &name, bytes)?;
    if let Some(file) = timeline.files.first_mut() {
        file.path = Some(path.to_path_buf());
    }
    Ok(timeline)
}

/// Loads `bytes` read from the file `name`: from the cache when it holds them, else by
/// parsing them (and storing the result). Without a cache, a parse.
pub fn load_cached(cache: Option<&Cache>, name: &str, bytes: Vec<u8>) -> Result<Timeline, LoadError> {
    let key = cache.map(|_| super::cache::key(&bytes));
    load_keyed(cache.zip(key.as_ref()), name, bytes)
}

/// As `load_cached`, with the key of `bytes` already computed (`cache::key`).
pub fn load_keyed(
    cache: Option<(&Cache, &super::cache::Key)>,
    name: &str,
    bytes: Vec<u8>,
) -> Result<Timeline, LoadError> {
    let Some((cache, &key)) = cache else { return load_bytes(name, bytes) };
    if let Some(timeline) = cache.get(&key, name) {
        return Ok(timeline);
    }
    let timeline = load_bytes(name, bytes)?;
    cache.put(&key, &timeline);
    Ok(timeline)
}

impl Entry for Timeline {
    fn references_hold(&self) -> bool {
        references_hold(self)
    }

    fn rename(&mut self, name: &str) {
        self.files = single_file(name);
    }
}

/// Whether every index in the timeline points at something: the rest of the program indexes
/// without checking, as the loader made them so. An entry with a good checksum was written by
/// this program, but one written by anybody else must not make it panic.
fn references_hold(t: &Timeline) -> bool {
    let (countries, agencies, people, events) =
        (t.countries.len(), t.agencies.len(), t.people.len(), t.events.len());
    let country = |c: &Option<usize>| c.is_none_or(|c| c < countries);
    let agency = |a: &Option<usize>| a.is_none_or(|a| a < agencies);
    t.agencies.iter().all(|a| country(&a.country) && agency(&a.parent))
        && t.people.iter().all(|p| country(&p.country) && p.roles.iter().all(|r| agency(&r.agency)))
        && t.referred_by.len() == events
        && t.referred_by.iter().flatten().all(|&e| e < events)
        && t.stories
            .iter()
            .all(|s| s.file < t.files.len() && s.slides.iter().all(|slide| slide.event < events))
        && t.events.iter().all(|e| {
            e.file < t.files.len()
                && e.countries.iter().all(|&c| c < countries)
                && e.agencies.iter().all(|&a| a < agencies)
                && e.people.iter().all(|p| p.person < people)
                && e.location.as_ref().is_none_or(|l| country(&l.country))
                && e.quotes.iter().all(|q| !matches!(q.by, Speaker::Person(p) if p >= people))
                && e.related.iter().all(|l| l.event < events)
                && e.by.iter().all(|a| match *a {
                    Actor::Country(c) => c < countries,
                    Actor::Agency(a) => a < agencies,
                    Actor::Person(p) => p < people,
                })
        })
}

/// The files of a timeline read from one file, named `name` (its path is put on by the caller).
pub fn single_file(name: &str) -> Vec<SourceFile> {
    vec![SourceFile { path: None, name: name.into(), stem: stem_of(name) }]
}

/// What `file:` calls a file: its name without directories and extension (`trade` for
/// `data/trade.yaml`, `timeline` for the built-in timeline).
pub fn stem_of(name: &str) -> String {
    let name = name.strip_suffix(" (built in)").unwrap_or(name);
    let path = std::path::Path::new(name);
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string())
}

/// Reads a file with the size limit and errors a person can act on.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, LoadError> {
    read_bounded(path, MAX_FILE_BYTES, Reading::Named)
}

/// How a file came to be read, which decides what kinds of file may be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The user named it (`-f`, `--config`): any kind of file is read, a FIFO or a device too,
    /// never past the limit.
    Named,
    /// Found by the program (the default config, a notes sidecar, a file of a directory): only
    /// a regular file is read. Anything else is refused before it is opened, and the file is
    /// opened without blocking, so a FIFO put there cannot hang the program.
    Found,
}

/// Reads at most `limit` bytes of `path` (a longer file is an error, not cut short).
pub fn read_bounded(path: &std::path::Path, limit: u64, reading: Reading) -> Result<Vec<u8>, LoadError> {
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let name = path.display().to_string();
    let unreadable = |reason: String| LoadError::Unreadable { file: name.clone(), reason };
    let not_regular = |t: std::fs::FileType| {
        let what = if t.is_fifo() {
            "a FIFO"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        unreadable(format!("is {what}; only regular files are read from here"))
    };
    let mb = |n: u64| n / (1024 * 1024);
    let too_big =
        |size: u64| unreadable(format!("the file is {} MiB; the limit is {} MiB", mb(size), mb(limit)));
    let meta = std::fs::metadata(path).map_err(|e| unreadable(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(unreadable("is a directory, not a file".into()));
    }
    if reading == Reading::Found && !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    if meta.len() > limit {
        return Err(too_big(meta.len()));
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    if reading == Reading::Found {
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| unreadable(io_reason(&e)))?;
    if reading == Reading::Found {
        // The name may have been swapped for something else since the check above.
        let opened = file.metadata().map_err(|e| unreadable(io_reason(&e)))?;
        if !opened.is_file() {
            return Err(not_regular(opened.file_type()));
        }
    }
    // Read at most one byte past the limit: a pipe or a device reports no size up front. A
    // file's size is known: its buffer is allocated once, not grown by doubling (copies and
    // page faults that cost a reopen from the cache 20-40 ms at 100,000 events).
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize + 1 } else { 0 });
    std::io::Read::read_to_end(&mut std::io::Read::take(file, limit + 1), &mut bytes)
        .map_err(|e| unreadable(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(unreadable(format!("more than {} MiB; that is the limit", mb(limit))));
    }
    Ok(bytes)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (cannot read the file)".into(),
        _ => format!("cannot read: {e}"),
    }
}

/// Decodes bytes as UTF-8 (a BOM is allowed) and loads them.
pub fn load_bytes(name: &str, bytes: Vec<u8>) -> Result<Timeline, LoadError> {
    let text = decode(name, bytes)?;
    load_str(name, &text)
}

fn decode(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    let invalid = |d: Diagnostic| {
        LoadError::Invalid(Diagnostics { file: name.into(), source: String::new(), items: vec![d] })
    };
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || looks_like_utf16(&bytes) {
        return Err(invalid(
            Diagnostic::new("the file is UTF-16 (or UTF-32); timelines must be UTF-8")
                .at(1, 1, 1)
                .with_help(Some("save the file as UTF-8".into())),
        ));
    }
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = String::from_utf8_lossy(&bytes[..good]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let bad: String = bytes[good..].iter().take(4).map(|b| format!("\\x{b:02x}")).collect();
        let source = String::from_utf8_lossy(bytes).into_owned();
        LoadError::Invalid(Diagnostics {
            file: name.into(),
            source,
            items: vec![Diagnostic::new(format!("the file is not valid UTF-8: bytes `{bad}`"))
                .at(line, column, 1)
                .with_help(Some("save the file as UTF-8".into()))],
        })
    })
}

/// UTF-16 without a BOM shows as NUL bytes in every other position of ASCII text.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    head.len() >= 4 && head.iter().skip(1).step_by(2).all(|&b| b == 0)
        || head.len() >= 4 && head.iter().step_by(2).all(|&b| b == 0)
}

/// Parses and checks a timeline held in memory. `name` is how messages refer to it.
pub fn load_str(name: &str, source: &str) -> Result<Timeline, LoadError> {
    let source = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let one = |d: Diagnostic| {
        LoadError::Invalid(Diagnostics { file: name.into(), source: source.into(), items: vec![d] })
    };
    if source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Err(one(Diagnostic::new(
            "the file is empty; a timeline needs at least `title` and `events`",
        )
        .at(1, 1, 1)));
    }
    precheck(name, source)?;
    let raw: RawTimeline = match parse(source) {
        Ok(raw) => raw,
        Err(e) => {
            // A value of the wrong kind stops serde_yaml at the first one; find them all.
            if e.to_string().contains("invalid type") {
                let items = super::shape::check(source);
                if !items.is_empty() {
                    return Err(LoadError::Invalid(Diagnostics {
                        file: name.into(),
                        source: source.into(),
                        items,
                    }));
                }
            }
            return Err(LoadError::Invalid(syntax_error(name, source, &e)));
        }
    };
    let mut builder = Builder::default();
    let timeline = builder.timeline(raw);
    if builder.problems.is_empty() {
        if let Some(mut timeline) = timeline {
            timeline.files = single_file(name);
            return Ok(timeline);
        }
    }
    Err(LoadError::Invalid(builder.located(name, source)))
}

/// A big file's `events` list is parsed in parts of about this many bytes, on every core.
const PART_BYTES: usize = 1 << 20;

/// Parses the whole document: in parts on every core when it is big and cut cleanly
/// (`split`), else in one piece. Both give the same records; every error comes from the
/// parse in one piece, so its messages and positions are those of the whole file.
fn parse(source: &str) -> Result<RawTimeline, serde_yaml::Error> {
    if source.len() > PART_BYTES {
        if let Some(raw) = parse_in_parts(source, PART_BYTES) {
            return Ok(raw);
        }
    }
    serde_yaml::from_str(source)
}

/// The records of `source` parsed from the parts `split` cuts it into, or None when it does
/// not cut, a part does not parse, or the head's `events` is not its marker alone (then the
/// cut was not where the file's own `events` list is, and the whole text must be parsed).
fn parse_in_parts(source: &str, part_bytes: usize) -> Option<RawTimeline> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    let cut = split::split(source, part_bytes)?;
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let parsed: std::sync::Mutex<Vec<Option<Vec<RawEvent>>>> =
        std::sync::Mutex::new((0..cut.parts.len()).map(|_| None).collect());
    // Each part after a line `events:`, so its items sit as deep as in the file (serde_yaml
    // limits the depth).
    let parse_part = |part: &str| {
        serde_yaml::from_str::<RawTimeline>(&format!("events:\n{part}")).ok().and_then(|raw| raw.events)
    };
    let work = || {
        while !failed.load(Relaxed) {
            let i = next.fetch_add(1, Relaxed);
            let Some(part) = cut.parts.get(i) else { return };
            match parse_part(part) {
                Some(events) => parsed.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(events),
                None => failed.store(true, Relaxed),
            }
        }
    };
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).min(cut.parts.len());
    let head = std::thread::scope(|scope| {
        for _ in 1..cores {
            scope.spawn(work);
        }
        let head = serde_yaml::from_str::<RawTimeline>(&cut.head);
        work();
        head
    });
    let mut head = head.ok()?;
    let marked =
        matches!(head.events.as_deref(), Some([only]) if only.id.as_deref() == Some(cut.marker.as_str()));
    if !marked || failed.into_inner() {
        return None;
    }
    let parsed = parsed.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut events = Vec::with_capacity(parsed.iter().flatten().map(Vec::len).sum());
    for part in parsed {
        events.extend(part?);
    }
    head.events = Some(events);
    Some(head)
}

/// Checks raw records built in memory instead of read from text (an import builds them next
/// to the YAML it writes): the timeline `load_str` gives for that text, or None when any check
/// has something to say, and the caller then loads the text for the located message. A property
/// test in `import` holds the two equal on generated drafts.
pub(crate) fn load_records(name: &str, raw: RawTimeline) -> Option<Timeline> {
    let mut builder = Builder::default();
    let timeline = builder.timeline(raw)?;
    builder.problems.is_empty().then(|| Timeline { files: single_file(name), ..timeline })
}

/// The checks before libyaml sees the text: raw control characters (all of them, placed) and
/// flow collections nested too deep (which would cost libyaml quadratic time).
fn precheck(name: &str, source: &str) -> Result<(), LoadError> {
    let one = |d: Diagnostic| {
        LoadError::Invalid(Diagnostics { file: name.into(), source: source.into(), items: vec![d] })
    };
    let scan = prescan(source.as_bytes(), MAX_NESTING);
    if !scan.controls.is_empty() {
        let items = scan
            .controls
            .iter()
            .map(|&offset| {
                let (line, column) = line_column(source, offset);
                let c = source[offset..].chars().next().unwrap_or('\0');
                Diagnostic::new(format!(
                    "a raw control character `{}` is not allowed in YAML",
                    escape(&c.to_string())
                ))
                .at(line, column, 1)
                .with_help(Some(
                    "remove it, or write it as an escape inside double quotes, e.g. \"\\e\"".into(),
                ))
            })
            .collect();
        return Err(LoadError::Invalid(Diagnostics { file: name.into(), source: source.into(), items }));
    }
    if let Some(offset) = scan.too_deep {
        let (line, column) = line_column(source, offset);
        return Err(one(Diagnostic::new(format!("nesting is deeper than {MAX_NESTING} levels"))
            .at(line, column, 1)
            .with_help(Some(
                "a timeline needs only a few levels; is this file generated by mistake?".into(),
            ))));
    }
    if scan.maybe_tag {
        let tags = locate::tags(source);
        if !tags.is_empty() {
            let items = tags
                .into_iter()
                .map(|(spot, written)| {
                    let (message, help) = if locate::is_binary_tag(&written) {
                        (
                            format!("binary data (`{}`) is not supported", escape(&written)),
                            "a timeline holds text, not bytes: put a link to the file in `sources` instead".to_string(),
                        )
                    } else {
                        (
                            format!("YAML tags are not supported: `{}`", escape(&written)),
                            "remove the tag; a timeline holds only text, numbers, lists and mappings (text that starts with `!` goes in quotes: \"!…\"); YAML's own !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are read".to_string(),
                        )
                    };
                    Diagnostic::new(message).at(spot.line, spot.column, spot.span).with_help(Some(help))
                })
                .collect();
            return Err(LoadError::Invalid(Diagnostics { file: name.into(), source: source.into(), items }));
        }
    }
    Ok(())
}

/// A small YAML document that is not a timeline (the notes sidecar, `model::notes`) as a tree
/// of JSON values, with a timeline's checks and located syntax errors. An empty document (or
/// one of comments) is `Null`. Mapping keys must be text.
pub fn yaml_tree(name: &str, bytes: Vec<u8>) -> Result<(String, serde_json::Value), LoadError> {
    let text = decode(name, bytes)?;
    let source = text.strip_prefix('\u{FEFF}').unwrap_or(&text).to_string();
    if source.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')) {
        return Ok((source, serde_json::Value::Null));
    }
    precheck(name, &source)?;
    match serde_yaml::from_str::<serde_json::Value>(&source) {
        Ok(tree) => Ok((source, tree)),
        Err(e) => Err(LoadError::Invalid(syntax_error(name, &source, &e))),
    }
}

/// Top-level keys and their values, in this order, as a YAML document.
pub fn yaml_text(pairs: &[(String, serde_json::Value)]) -> String {
    let mut map = serde_yaml::Mapping::new();
    for (key, value) in pairs {
        let value = serde_yaml::to_value(value).unwrap_or(serde_yaml::Value::Null);
        map.insert(serde_yaml::Value::String(key.clone()), value);
    }
    let text = serde_yaml::to_string(&map).unwrap_or_default();
    if !text.chars().any(|c| c != '\n' && crate::text::is_unsafe(c)) {
        return text;
    }
    // libyaml writes C1 controls and bidi overrides raw (YAML counts them printable), and a
    // file is read in terminals and editors that would obey them. JSON is YAML, and its
    // `\uXXXX` escapes keep every such character out of the file, in the same order of keys.
    let escaped = |v: &serde_json::Value| -> String {
        let json = serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into());
        json.chars()
            .map(|c| {
                if crate::text::is_unsafe(c) && c != '\n' {
                    format!("\\u{:04x}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let body: Vec<String> = pairs
        .iter()
        .map(|(k, v)| {
            format!(
                "  {}: {}",
                escaped(&serde_json::Value::from(k.as_str())),
                escaped(v).replace('\n', "\n  ")
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", body.join(",\n"))
}

/// serde_yaml refuses documents nested deeper than this anyway; the pre-check below refuses
/// them before libyaml spends quadratic time on deeply nested flow collections (`[[[[…`).
pub const MAX_NESTING: usize = 128;

/// What one fast pass over the bytes finds before parsing: raw control characters (YAML
/// forbids them; libyaml names only the first, badly placed) and flow collections (`[`, `{`)
/// nested deeper than `limit` (libyaml spends quadratic time on those before refusing them).
/// Quoted scalars and comments are skipped for nesting; brackets count only where a flow
/// collection can start, so brackets inside plain text do not count.
struct Prescan {
    /// Byte offsets of raw control characters (at most `CONTROL_LIMIT`).
    controls: Vec<usize>,
    too_deep: Option<usize>,
    /// A `!` where a YAML tag could start: `locate::tags` then says whether there is one.
    maybe_tag: bool,
}

const CONTROL_LIMIT: usize = 50;

/// Byte classes for the pre-scan: most bytes are 0 and cost one table lookup.
const fn byte_classes() -> [u8; 256] {
    let mut classes = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        classes[b] = CONTROL;
        b += 1;
    }
    classes[b'\t' as usize] = 0;
    classes[b'\r' as usize] = 0;
    classes[b'\n' as usize] = NEWLINE;
    classes[0x7f] = CONTROL;
    classes[0xc2] = C1_LEAD;
    let structural = [b'[', b'{', b']', b'}', b'"', b'\'', b'#', b'!'];
    let mut i = 0;
    while i < structural.len() {
        classes[structural[i] as usize] = STRUCTURAL;
        i += 1;
    }
    classes
}

const CONTROL: u8 = 1;
const C1_LEAD: u8 = 2;
const STRUCTURAL: u8 = 3;
const NEWLINE: u8 = 4;
static CLASSES: [u8; 256] = byte_classes();

fn prescan(source: &[u8], limit: usize) -> Prescan {
    #[derive(PartialEq)]
    enum State {
        Normal,
        Double,
        Single,
        Comment,
    }
    let mut found = Prescan { controls: Vec::new(), too_deep: None, maybe_tag: false };
    let mut state = State::Normal;
    let mut depth = 0usize;
    let prev = |i: usize| if i == 0 { b'\n' } else { source[i - 1] };
    let mut i = 0;
    while i < source.len() {
        let c = source[i];
        let class = CLASSES[c as usize];
        if class == 0 {
            i += 1;
            continue;
        }
        match class {
            CONTROL => {
                if found.controls.len() < CONTROL_LIMIT {
                    found.controls.push(i);
                }
            }
            C1_LEAD => {
                if matches!(source.get(i + 1), Some(0x80..=0x9f)) && found.controls.len() < CONTROL_LIMIT {
                    found.controls.push(i);
                }
            }
            NEWLINE => {
                if state == State::Comment {
                    state = State::Normal;
                }
            }
            _ if found.too_deep.is_some() => {}
            _ => match state {
                State::Comment => {}
                State::Double => {
                    if c == b'"' {
                        let backslashes = source[..i].iter().rev().take_while(|&&b| b == b'\\').count();
                        if backslashes % 2 == 0 {
                            state = State::Normal;
                        }
                    }
                }
                State::Single => {
                    if c == b'\'' {
                        if source.get(i + 1) == Some(&b'\'') {
                            i += 1;
                        } else {
                            state = State::Normal;
                        }
                    }
                }
                State::Normal => {
                    let p = prev(i);
                    let at_token_start =
                        p.is_ascii_whitespace() || (depth > 0 && matches!(p, b'[' | b'{' | b','));
                    match c {
                        b'#' if p.is_ascii_whitespace() => state = State::Comment,
                        b'"' if at_token_start || p == b':' => state = State::Double,
                        b'\'' if at_token_start || p == b':' => state = State::Single,
                        b'[' | b'{' if depth > 0 || at_token_start => {
                            depth += 1;
                            if depth > limit {
                                found.too_deep = Some(i);
                            }
                        }
                        b']' | b'}' if depth > 0 => depth -= 1,
                        b'!' if at_token_start || p == b':' => found.maybe_tag = true,
                        _ => {}
                    }
                }
            },
        }
        i += 1;
    }
    found
}

/// 1-based line and character column of a byte offset.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

fn syntax_error(name: &str, source: &str, e: &serde_yaml::Error) -> Diagnostics {
    let mut message = strip_marks(&e.to_string());
    let (mut line, mut column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut help = None;
    let mut note = None;
    if message.contains("more than one document") {
        message = "the file holds more than one YAML document; a timeline is one document".into();
        help = Some("remove the `---` line that starts the second document, or split the file".into());
        if let Some(spot) = locate::second_document(source) {
            (line, column) = (spot.line, spot.column);
        }
    } else if message.starts_with("invalid type: unit value") {
        message = "the file holds only `null`; a timeline is a mapping with `title` and `events`".into();
    } else if message.contains("repetition limit exceeded") {
        help = Some("aliases (`*name`) here expand to too many nodes; is this an alias bomb?".into());
    } else if let Some((l, c)) = started_at(&message, "while scanning a quoted scalar at line ") {
        // The end of the file is where libyaml noticed; the opening quote is what to fix.
        message = "this quoted text is never closed".into();
        help = Some("add the closing quote (a `\"` inside double quotes is written `\\\"`)".into());
        (line, column) = (l, c);
    } else if source.lines().nth(line.saturating_sub(1)).and_then(|l| l.chars().nth(column.saturating_sub(1)))
        == Some('\t')
    {
        message = "a tab character here; YAML does not allow tabs for indentation".into();
        help = Some("indent with spaces".into());
    } else if let Some((plain, plain_help)) = plain_words(&message, source, line, &mut column) {
        // The parser's own words stay, as a note: they name the construct it was reading.
        note = Some(format!("the YAML parser says: {message}"));
        (message, help) = (plain, plain_help);
    }
    if line == 0 {
        (line, column) = (1, 1);
    }
    Diagnostics {
        file: name.into(),
        source: source.into(),
        items: vec![Diagnostic::new(escape(&message))
            .at(line, column, 1)
            .with_help(help)
            .with_note(note.map(|n| escape(&n)))],
    }
}

/// libyaml's messages for a line that does not fit the block around it ("did not find expected
/// key, while parsing a block mapping"), said in plain words: almost always the line is indented
/// differently from its neighbours, else a value goes on past where YAML ends it.
fn plain_words(
    message: &str,
    source: &str,
    line: usize,
    column: &mut usize,
) -> Option<(String, Option<String>)> {
    let about_blocks = [
        "did not find expected key",
        "did not find expected '-' indicator",
        "mapping values are not allowed",
    ];
    if !about_blocks.iter().any(|m| message.starts_with(m)) {
        return None;
    }
    let lines: Vec<&str> = source.lines().collect();
    let this = *lines.get(line.checked_sub(1)?)?;
    // Where a line's content starts, past its indentation and any `- ` of list items.
    let indent = |l: &str| {
        let mut rest = l.trim_start_matches(' ');
        while let Some(item) = rest.strip_prefix("- ") {
            rest = item.trim_start_matches(' ');
        }
        l.len() - rest.len()
    };
    let previous = (0..line - 1).rev().find(|&i| {
        let t = lines[i].trim();
        !t.is_empty() && !t.starts_with('#')
    });
    if let Some(p) = previous {
        if indent(lines[p]) != indent(this) {
            *column = this.len() - this.trim_start_matches(' ').len() + 1;
            return Some((
                "this line is indented differently from the lines around it".into(),
                Some(format!(
                    "line {} starts in column {}; the keys of one mapping start in the same column, and so do the `-` of one list",
                    p + 1,
                    indent(lines[p]) + 1
                )),
            ));
        }
    }
    let before: String = this.chars().take(column.saturating_sub(1)).collect();
    if message.starts_with("mapping values") {
        return Some((
            "a `: ` inside a value; YAML reads it as the start of a mapping".into(),
            Some("put the whole value in quotes: `key: \"…: …\"`".into()),
        ));
    }
    if before.trim_end().ends_with(['"', '\'']) {
        return Some((
            "text after the closing quote of a value".into(),
            Some("put all of the value inside the quotes".into()),
        ));
    }
    None
}

/// The `line L column C` that follows `prefix` in a libyaml message.
fn started_at(message: &str, prefix: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find(prefix)? + prefix.len()..];
    let mut words = rest.split([' ', ',']);
    let line = words.next()?.parse().ok()?;
    (words.next()? == "column").then_some(())?;
    let column = words.next()?.parse().ok()?;
    Some((line, column))
}

/// serde_yaml appends "at line L column C" to its messages; the diagnostic shows the first (the
/// problem's own) itself. A second mark says where the enclosing construct began, and stays.
fn strip_marks(message: &str) -> String {
    let Some(at) = message.find(" at line ").or_else(|| message.find(" at position ")) else {
        return message.to_string();
    };
    let after = &message[at + 4..];
    // Skip "line L column C" or "position P": the words and their numbers.
    let mut words = 0;
    let mut end = after.len();
    for (i, c) in after.char_indices() {
        if c == ' ' || c == ',' {
            words += 1;
            let limit = if after.starts_with("position") { 2 } else { 4 };
            if words == limit || c == ',' {
                end = i;
                break;
            }
        }
    }
    format!("{}{}", &message[..at], &after[end..])
}

// ---------------------------------------------------------------------------------------------
// Raw records: the file's shape, every value as written, unknown keys remembered.

/// Declares a raw record: a struct whose fields are all optional, with a map visitor that takes
/// known keys, keeps `x-` keys as extensions and remembers unknown and repeated keys for the
/// checks, so one typo does not hide every other problem in the file.
macro_rules! raw_record {
    ($name:ident, $expecting:literal { $($field:ident : $ty:ty = $key:literal),* $(,)? }) => {
        #[derive(Debug, Default)]
        pub(crate) struct $name {
            $(pub $field: Option<<$ty as RawField>::Out>,)*
            pub extensions: Extensions,
            pub keys: RecordKeys,
        }

        impl $name {
            pub const KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct RecordVisitor;
                impl<'de> Visitor<'de> for RecordVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<$name, A::Error> {
                        let mut out = $name::default();
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            match key.as_str() {
                                $($key => {
                                    let value = map.next_value::<Option<$ty>>()?.map(RawField::out);
                                    if out.$field.is_some() {
                                        out.keys.repeated.push(key.as_str().to_string());
                                    }
                                    if value.is_some() {
                                        out.$field = value;
                                    } else {
                                        out.keys.empty.push(key.as_str().to_string());
                                    }
                                })*
                                k if k.starts_with("x-") => {
                                    let value: serde_json::Value = map.next_value()?;
                                    out.extensions.push((k.to_string(), value));
                                }
                                k => {
                                    map.next_value::<IgnoredAny>()?;
                                    out.keys.unknown.push(k.to_string());
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(RecordVisitor)
            }
        }
    };
}

/// A mapping key, borrowed from the input when possible.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl Key<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(v.into()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(v.to_string().into()))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// Text as the format wants it: a YAML string. A plain scalar that YAML reads as something
/// else (`title: 2016`, `tags: [true]`) is refused here, so serde stops with "invalid type" and
/// `shape::check` reports every such value with a hint to quote it. (serde_yaml hands any
/// scalar to a plain `String` as its text; the schema says `"type": "string"`, and so must we.)
pub(crate) struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                Ok(Text(v))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// What YAML makes of a plain (unquoted) scalar that is not text: "the number", "the
/// boolean", or None for text and null. The loader's own parser decides, so `shape` agrees
/// with what [`Text`] refused.
pub(crate) fn plain_scalar_kind(text: &str) -> Option<&'static str> {
    // Numbers start with a digit, a sign or a `.` (`.5`, `.inf`); booleans and null with one of
    // tTfFnN~. Everything else is text without asking the parser (a big file's shape check
    // asks for every scalar).
    if !text.starts_with(|c: char| c.is_ascii_digit() || "+-.tTfFnN~".contains(c)) {
        return None;
    }
    match serde_yaml::from_str::<serde_yaml::Value>(text).ok()? {
        serde_yaml::Value::Bool(_) => Some("the boolean"),
        serde_yaml::Value::Number(_) => Some("the number"),
        _ => None,
    }
}

/// What a raw record keeps of a value it read: text as a `String`, everything else as read.
pub(crate) trait RawField {
    type Out;
    fn out(self) -> Self::Out;
}

impl RawField for Text {
    type Out = String;
    fn out(self) -> String {
        self.0
    }
}

impl RawField for Vec<Text> {
    type Out = Vec<String>;
    fn out(self) -> Vec<String> {
        self.into_iter().map(|t| t.0).collect()
    }
}

macro_rules! kept_as_read {
    ($($ty:ty),*) => {
        $(impl RawField for $ty {
            type Out = $ty;
            fn out(self) -> $ty {
                self
            }
        })*
    };
}

kept_as_read!(
    RawDate,
    RawLocation,
    Vec<RawCountry>,
    Vec<RawAgency>,
    Vec<RawPerson>,
    Vec<RawRole>,
    Vec<RawEvent>,
    Vec<RawQuote>,
    Vec<RawSource>,
    Vec<IdOr<RawParticipant>>,
    Vec<IdOr<RawLink>>,
    Vec<RawStory>,
    Vec<IdOr<RawStorySlide>>
);

raw_record!(RawTimeline, "a timeline: a mapping with `title` and `events`" {
    title: Text = "title",
    description: Text = "description",
    countries: Vec<RawCountry> = "countries",
    agencies: Vec<RawAgency> = "agencies",
    people: Vec<RawPerson> = "people",
    events: Vec<RawEvent> = "events",
    timezone: Text = "timezone",
    stories: Vec<RawStory> = "stories",
});

raw_record!(RawStory, "a story: {id, title, description, events}" {
    id: Text = "id",
    title: Text = "title",
    description: Text = "description",
    events: Vec<IdOr<RawStorySlide>> = "events",
});

raw_record!(RawStorySlide, "a slide: an event id, or {id, text}" {
    id: Text = "id",
    text: Text = "text",
});

raw_record!(RawCountry, "a country: {id, name, aliases}" {
    id: Text = "id",
    name: Text = "name",
    aliases: Vec<Text> = "aliases",
});

raw_record!(RawAgency, "an agency: {id, name, short, country, parent, aliases}" {
    id: Text = "id",
    name: Text = "name",
    short: Text = "short",
    country: Text = "country",
    parent: Text = "parent",
    aliases: Vec<Text> = "aliases",
});

raw_record!(RawPerson, "a person: {id, name, native, country, roles}" {
    id: Text = "id",
    name: Text = "name",
    native: Text = "native",
    country: Text = "country",
    roles: Vec<RawRole> = "roles",
});

raw_record!(RawRole, "a role: {title, agency, from, to}" {
    title: Text = "title",
    agency: Text = "agency",
    from: RawDate = "from",
    to: RawDate = "to",
});

raw_record!(RawEvent, "an event: a mapping with at least `id`, `title` and `date`" {
    id: Text = "id",
    title: Text = "title",
    date: RawDate = "date",
    status: Text = "status",
    location: RawLocation = "location",
    countries: Vec<Text> = "countries",
    agencies: Vec<Text> = "agencies",
    people: Vec<IdOr<RawParticipant>> = "people",
    by: Vec<Text> = "by",
    tags: Vec<Text> = "tags",
    summary: Text = "summary",
    outcomes: Vec<Text> = "outcomes",
    quotes: Vec<RawQuote> = "quotes",
    sources: Vec<RawSource> = "sources",
    related: Vec<IdOr<RawLink>> = "related",
    notes: Text = "notes",
    timezone: Text = "timezone",
});

raw_record!(RawLocation, "a location: {place, country}" {
    place: Text = "place",
    country: Text = "country",
});

raw_record!(RawParticipant, "a person reference: an id, or {id, role}" {
    id: Text = "id",
    role: Text = "role",
});

raw_record!(RawQuote, "a quote: {by, text, source}" {
    by: Text = "by",
    text: Text = "text",
    source: Text = "source",
});

raw_record!(RawSource, "a source: {title, publisher, url, date}" {
    title: Text = "title",
    publisher: Text = "publisher",
    url: Text = "url",
    date: RawDate = "date",
});

raw_record!(RawLink, "a related event: an id, or {id, kind}" {
    id: Text = "id",
    kind: Text = "kind",
});

/// The keys of every record kind, for the JSON Schema and documentation.
pub fn record_keys() -> Vec<(&'static str, &'static [&'static str])> {
    vec![
        ("timeline", RawTimeline::KEYS),
        ("country", RawCountry::KEYS),
        ("agency", RawAgency::KEYS),
        ("person", RawPerson::KEYS),
        ("role", RawRole::KEYS),
        ("event", RawEvent::KEYS),
        ("location", RawLocation::KEYS),
        ("participant", RawParticipant::KEYS),
        ("quote", RawQuote::KEYS),
        ("source", RawSource::KEYS),
        ("related", RawLink::KEYS),
        ("story", RawStory::KEYS),
        ("slide", RawStorySlide::KEYS),
    ]
}

/// A reference written either as a bare id or as a record with an `id` and more.
#[derive(Debug)]
pub(crate) enum IdOr<R> {
    Id(String),
    Record(R),
}

impl<'de, R: Deserialize<'de>> Deserialize<'de> for IdOr<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdOrVisitor<R>(std::marker::PhantomData<R>);
        impl<'de, R: Deserialize<'de>> Visitor<'de> for IdOrVisitor<R> {
            type Value = IdOr<R>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id, or a mapping with an `id`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IdOr<R>, E> {
                Ok(IdOr::Id(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<IdOr<R>, A::Error> {
                R::deserialize(de::value::MapAccessDeserializer::new(map)).map(IdOr::Record)
            }
        }
        deserializer.deserialize_any(IdOrVisitor(std::marker::PhantomData))
    }
}

/// A date as YAML delivers it: text, or a number when it is a bare year (`date: 2016`).
#[derive(Debug)]
pub(crate) enum RawDate {
    Text(String),
    Year(i64),
    /// Something that is no date at all (a fraction, a boolean); its text, for the message.
    Other(String),
}

impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = RawDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2016, 2016-12 or 2016-12-07")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawDate, E> {
                Ok(RawDate::Year(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawDate, E> {
                Ok(i64::try_from(v).map_or(RawDate::Other(v.to_string()), RawDate::Year))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawDate, E> {
                Ok(RawDate::Other(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawDate, E> {
                Ok(RawDate::Other(v.to_string()))
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Checks: raw records → model, every problem collected with the path of the value it is about.

struct Problem {
    path: Path,
    target: Target,
    message: String,
    help: Option<String>,
    /// For a free-text-or-id value: the problem stands only if the value was written unquoted.
    unless_quoted: bool,
    /// Another place the problem involves, and what to say there ("first defined here").
    also: Option<(Path, &'static str)>,
    /// An unknown key: if it is a bare word YAML split off a value in `{…}`, say so.
    unknown_key: bool,
}

#[derive(Default)]
struct Builder {
    problems: Vec<Problem>,
    /// Keys an unknown key was probably meant to be (`titel` → `title`), so their absence is
    /// not reported twice.
    suggested: std::collections::HashSet<(Path, String)>,
    /// Keys written with no value.
    empty: std::collections::HashSet<(Path, String)>,
    /// The timeline's `timezone:` (UTC if none): times without an offset are read in it, and
    /// days are counted in it.
    home: Zone,
}

fn key(k: &'static str) -> Seg {
    Seg::Key(k.into())
}

fn at(path: &Path, segs: &[Seg]) -> Path {
    let mut p = path.clone();
    p.extend_from_slice(segs);
    p
}

/// The key bookkeeping of one raw record: what did not fit, for the checks to report.
#[derive(Debug, Default)]
pub(crate) struct RecordKeys {
    unknown: Vec<String>,
    repeated: Vec<String>,
    empty: Vec<String>,
}

/// Event ids are used in URLs, file names and commands: `[a-z0-9][a-z0-9_-]*`.
pub fn is_valid_event_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'))
}

/// FNV-1a: ids are short and trusted to be ours, so a fast hash beats the default SipHash,
/// which is built to resist adversarial keys (a timeline's ids cannot attack its own loader
/// beyond making it slower, and FNV on short strings is several times quicker).
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(if self.0 == 0 { FNV_OFFSET } else { self.0 }, bytes);
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `bytes`, continuing from `hash` (start with `FNV_OFFSET`, or call `fnv1a_of`).
/// Stable across runs and versions, unlike the standard library's hasher.
fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// FNV-1a of `bytes` from the start.
pub(crate) fn fnv1a_of(bytes: &[u8]) -> u64 {
    fnv1a(FNV_OFFSET, bytes)
}

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// Lookup of one kind of entity by id, for resolving references.
struct Index {
    kind: &'static str,
    ids: FastMap<String, usize>,
    /// Every other name an entity has (name, short, native, aliases) with its id, so a
    /// reference written by name gets the id it meant.
    names: Vec<(String, String, String)>,
}

impl Index {
    fn new(kind: &'static str, capacity: usize) -> Index {
        // Sized up front: growing a table of 100,000 ids means several large allocations.
        Index {
            kind,
            ids: FastMap::with_capacity_and_hasher(capacity, Default::default()),
            names: Vec::new(),
        }
    }

    /// Names of the entity `id`, the first its full name (said in suggestions).
    fn add_names<'a>(&mut self, id: Option<&String>, names: impl IntoIterator<Item = &'a String>) {
        let Some(id) = id else { return };
        let names: Vec<&String> = names.into_iter().collect();
        let Some(full) = names.first().map(|n| n.to_string()) else { return };
        self.names.extend(names.into_iter().map(|n| (n.clone(), id.clone(), full.clone())));
    }

    /// The help for an unknown reference: the entity it names (by a name, or a word of one),
    /// else the nearest id or name.
    fn suggestion(&self, wrong: &str) -> Option<String> {
        let named = |name: &str, id: &str| format!("did you mean `{}` ({})?", escape(id), escape(name));
        let wanted = super::fold::fold(wrong);
        if let Some((_, id, full)) = self.names.iter().find(|(n, ..)| super::fold::fold(n) == wanted) {
            return Some(named(full, id));
        }
        let by_word: Vec<&(String, String, String)> =
            self.names.iter().filter(|(n, ..)| super::fold::words(n).any(|w| w == wanted)).collect();
        if let [(_, id, full)] = by_word.as_slice() {
            return Some(named(full, id));
        }
        let ids = self.sorted_ids();
        let candidates = ids.iter().copied().chain(self.names.iter().map(|(n, ..)| n.as_str()));
        let near = did_you_mean(wrong, candidates)?;
        Some(match self.names.iter().find(|(n, ..)| n == near) {
            Some((_, id, full)) if !self.ids.contains_key(near) => named(full, id),
            _ => format!("did you mean `{}`?", escape(near)),
        })
    }

    /// Ids in a fixed order, so suggestions do not depend on hashing.
    fn sorted_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self.ids.keys().map(String::as_str).collect();
        ids.sort_unstable();
        ids
    }
}

impl Builder {
    fn problem(&mut self, path: Path, target: Target, message: String, help: Option<String>) {
        self.problems.push(Problem {
            path,
            target,
            message,
            help,
            unless_quoted: false,
            also: None,
            unknown_key: false,
        });
    }

    /// A required text: present, and more than white space (`title: ""` is as empty as
    /// `title:`; the schema's `required_text` says the same).
    fn required(&mut self, value: Option<&str>, path: &Path, what: &str, key: &str) {
        match value {
            None => self.missing(path, what, key),
            Some(text) if text.trim().is_empty() => {
                let message = format!("`{key}` is empty; {what} needs a value for it");
                self.problem(at(path, &[Seg::Key(key.to_string().into())]), Target::Value, message, None);
            }
            Some(_) => {}
        }
    }

    fn missing(&mut self, path: &Path, what: &str, key: &str) {
        let here = (path.clone(), key.to_string());
        if self.suggested.contains(&here) {
            return;
        }
        if self.empty.contains(&here) {
            let message = format!("`{key}` is empty; {what} needs a value for it");
            self.problem(at(path, &[Seg::Key(key.to_string().into())]), Target::Key, message, None);
            return;
        }
        self.problem(
            path.clone(),
            Target::Value,
            format!("{what} is missing the required key `{key}`"),
            None,
        );
    }

    /// Records what did not fit in one record. The path is built only if there is something
    /// to report: most records are fine, and paths cost allocations.
    fn keys(&mut self, path: impl FnOnce() -> Path, known: &[&str], record: RecordKeys) {
        if record.unknown.is_empty() && record.repeated.is_empty() && record.empty.is_empty() {
            return;
        }
        let path = path();
        for k in record.empty {
            self.empty.insert((path.clone(), k));
        }
        for k in record.unknown {
            let near = did_you_mean(&k, known.iter().copied());
            if let Some(near) = near {
                self.suggested.insert((path.clone(), near.to_string()));
            }
            let help = near.map(|s| format!("did you mean `{s}`?")).or_else(|| {
                Some(format!("known keys here: {}; extension keys start with `x-`", known.join(", ")))
            });
            let message = format!("unknown key `{}`", escape(&k));
            self.problems.push(Problem {
                path: at(&path, &[Seg::Key(k.into())]),
                target: Target::Key,
                message,
                help,
                unless_quoted: false,
                also: None,
                unknown_key: true,
            });
        }
        for k in record.repeated {
            let message = format!("the key `{}` appears twice", escape(&k));
            self.problem(at(&path, &[Seg::Key(k.into())]), Target::Key, message, None);
        }
    }

    /// Registers an entity id; reports a missing or repeated one.
    fn register(&mut self, index: &mut Index, id: Option<&String>, path: &Path, position: usize) {
        match id {
            None => self.missing(path, &format!("this {}", index.kind), "id"),
            // Event ids have their own, stricter check.
            Some(id)
                if !matches!(index.kind, "event" | "story")
                    && (id.trim().is_empty() || id.chars().any(char::is_whitespace)) =>
            {
                self.problem(
                    at(path, &[key("id")]),
                    Target::Value,
                    format!("the {} id `{}` is empty or contains spaces", index.kind, escape(id)),
                    None,
                )
            }
            Some(id) => {
                if let Some(first) = index.ids.insert(id.clone(), position) {
                    // Keep the first: later references and the "first defined here" mean it.
                    index.ids.insert(id.clone(), first);
                    let mut first_path = path.clone();
                    if let Some(Seg::Index(i)) = first_path.last_mut() {
                        *i = first;
                    }
                    first_path.push(key("id"));
                    self.problems.push(Problem {
                        path: at(path, &[key("id")]),
                        target: Target::Value,
                        message: format!("duplicate {} id `{}`", index.kind, escape(id)),
                        help: Some("ids must be unique within their kind".into()),
                        unless_quoted: false,
                        also: Some((first_path, "first defined here")),
                        unknown_key: false,
                    });
                }
            }
        }
    }

    fn resolve(&mut self, index: &Index, id: &str, path: impl FnOnce() -> Path) -> Option<usize> {
        if let Some(&i) = index.ids.get(id) {
            return Some(i);
        }
        let help = index.suggestion(id);
        self.problem(path(), Target::Value, format!("unknown {} `{}`", index.kind, escape(id)), help);
        None
    }

    fn date(&mut self, raw: RawDate, path: impl FnOnce() -> Path) -> Option<DateSpec> {
        let home = self.home;
        self.date_in(raw, &home, path)
    }

    /// A date whose times without an offset are read in `zone` (an event's own `timezone:`).
    fn date_in(&mut self, raw: RawDate, zone: &Zone, path: impl FnOnce() -> Path) -> Option<DateSpec> {
        let home = self.home;
        let (parsed, shown) = match raw {
            RawDate::Text(text) => (DateSpec::parse_in(&text, zone, &home), text),
            RawDate::Year(year) => (DateSpec::from_year_in(year, &home), year.to_string()),
            RawDate::Other(text) => (Err(date::DateError::Syntax), text),
        };
        match parsed {
            Ok(date) => Some(date),
            Err(e) => {
                self.problem(path(), Target::Value, format!("invalid date `{}`: {e}", escape(&shown)), None);
                None
            }
        }
    }

    /// A `timezone:` value: an IANA name or an offset, with a did-you-mean for a near name.
    fn zone(&mut self, text: &str, path: impl FnOnce() -> Path) -> Option<Zone> {
        match Zone::parse(text) {
            Ok(zone) => Some(zone),
            Err(e) => {
                let message = format!("invalid time zone `{}`: {e}", escape(text));
                let help = e.help();
                self.problem(path(), Target::Value, message, help);
                None
            }
        }
    }

    fn timeline(&mut self, raw: RawTimeline) -> Option<Timeline> {
        let root: Path = Vec::new();
        self.keys(|| root.clone(), RawTimeline::KEYS, raw.keys);
        if let Some(text) = &raw.timezone {
            self.home = self.zone(text, || vec![key("timezone")]).unwrap_or(Zone::Utc);
        }
        self.required(raw.title.as_deref(), &root, "the timeline", "title");
        if raw.events.is_none() {
            self.missing(&root, "the timeline", "events");
        }
        let raw_countries = raw.countries.unwrap_or_default();
        let raw_agencies = raw.agencies.unwrap_or_default();
        let raw_people = raw.people.unwrap_or_default();
        let raw_events = raw.events.unwrap_or_default();

        // First every id, so references may point forwards.
        let mut countries_ix = Index::new("country", raw_countries.len());
        let mut agencies_ix = Index::new("agency", raw_agencies.len());
        let mut people_ix = Index::new("person", raw_people.len());
        let mut events_ix = Index::new("event", raw_events.len());
        for (i, c) in raw_countries.iter().enumerate() {
            self.register(&mut countries_ix, c.id.as_ref(), &vec![key("countries"), Seg::Index(i)], i);
            countries_ix.add_names(c.id.as_ref(), c.name.iter().chain(c.aliases.iter().flatten()));
        }
        for (i, a) in raw_agencies.iter().enumerate() {
            self.register(&mut agencies_ix, a.id.as_ref(), &vec![key("agencies"), Seg::Index(i)], i);
            agencies_ix
                .add_names(a.id.as_ref(), a.name.iter().chain(&a.short).chain(a.aliases.iter().flatten()));
        }
        for (i, p) in raw_people.iter().enumerate() {
            self.register(&mut people_ix, p.id.as_ref(), &vec![key("people"), Seg::Index(i)], i);
            people_ix.add_names(p.id.as_ref(), p.name.iter().chain(&p.native));
        }
        for (i, e) in raw_events.iter().enumerate() {
            let path = vec![key("events"), Seg::Index(i)];
            if let Some(id) = &e.id {
                if !is_valid_event_id(id) {
                    self.problem(
                        at(&path, &[key("id")]),
                        Target::Value,
                        format!("invalid event id `{}`", escape(id)),
                        Some(format!(
                            "event ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit: `{}`",
                            suggest_event_id(id)
                        )),
                    );
                }
            }
            self.register(&mut events_ix, e.id.as_ref(), &path, i);
        }

        let countries = self.countries(raw_countries);
        let agencies = self.agencies(raw_agencies, &countries_ix, &agencies_ix);
        let people = self.people(raw_people, &countries_ix, &agencies_ix);
        let ctx = Context {
            countries: &countries_ix,
            agencies: &agencies_ix,
            people: &people_ix,
            events: &events_ix,
        };
        let mut events: Vec<Event> = Vec::with_capacity(raw_events.len());
        let mut pending_links: Vec<PendingLinks> = Vec::with_capacity(raw_events.len());
        for (i, raw_event) in raw_events.into_iter().enumerate() {
            if let Some((event, links)) = self.event(raw_event, i, &ctx) {
                events.push(event);
                pending_links.push(links);
            }
        }
        let stories = self.stories(raw.stories.unwrap_or_default(), &events_ix);
        if !self.problems.is_empty() {
            return None;
        }
        let agencies = agencies?;

        // Chronological order; the sort is stable, so file order breaks ties.
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&a, &b| events[a].date.chronological(&events[b].date));
        let mut sorted_position = vec![0; events.len()];
        for (new, &old) in order.iter().enumerate() {
            sorted_position[old] = new;
        }
        let mut slots: Vec<Option<Event>> = events.into_iter().map(Some).collect();
        let mut sorted: Vec<Event> =
            order.iter().map(|&old| slots[old].take().expect("each index once")).collect();
        let mut referred_by = vec![Vec::new(); sorted.len()];
        for (old, links) in pending_links.into_iter().enumerate() {
            let new = sorted_position[old];
            for (target_file_index, kind) in links {
                let target = sorted_position[target_file_index];
                sorted[new].related.push(Link { event: target, kind });
                referred_by[target].push(new);
            }
        }
        for list in &mut referred_by {
            list.sort_unstable();
            list.dedup();
        }
        let mut stories = stories;
        for slide in stories.iter_mut().flat_map(|s| s.slides.iter_mut()) {
            slide.event = sorted_position[slide.event];
        }

        Some(Timeline {
            title: raw.title.unwrap_or_default(),
            description: raw.description,
            countries,
            agencies,
            people,
            events: sorted,
            referred_by,
            zone: self.home,
            extensions: raw.extensions,
            files: Vec::new(),
            shared_ids: Default::default(),
            stories,
            since: None,
        })
    }

    /// The `stories:`, each slide's event as its position in the file (sorted positions come
    /// later). Ids are checked as event ids are, since the command line names stories too.
    fn stories(&mut self, raw: Vec<RawStory>, events: &Index) -> Vec<Story> {
        let mut ids = Index::new("story", raw.len());
        let mut out = Vec::with_capacity(raw.len());
        for (i, story) in raw.into_iter().enumerate() {
            let path = vec![key("stories"), Seg::Index(i)];
            let p = |segs: &[Seg]| at(&path, segs);
            self.keys(|| path.clone(), RawStory::KEYS, story.keys);
            if let Some(id) = story.id.as_ref().filter(|id| !is_valid_event_id(id)) {
                let help = format!(
                    "story ids are lowercase letters, digits, `-` and `_`, starting with a letter or digit: `{}`",
                    suggest_event_id(id)
                );
                self.problem(
                    p(&[key("id")]),
                    Target::Value,
                    format!("invalid story id `{}`", escape(id)),
                    Some(help),
                );
            }
            self.register(&mut ids, story.id.as_ref(), &path, i);
            self.required(story.title.as_deref(), &path, "this story", "title");
            let raw_slides = match story.events {
                Some(slides) if !slides.is_empty() => slides,
                Some(_) => {
                    let message = "this story has no events; a story tells at least one".to_string();
                    self.problem(p(&[key("events")]), Target::Value, message, None);
                    Vec::new()
                }
                None => {
                    self.missing(&path, "this story", "events");
                    Vec::new()
                }
            };
            let mut slides: Vec<StorySlide> = Vec::with_capacity(raw_slides.len());
            // Where each event was first told, for a repeat's "first told here".
            let mut told: HashMap<usize, usize> = HashMap::new();
            for (n, slide) in raw_slides.into_iter().enumerate() {
                let sp = || p(&[key("events"), Seg::Index(n)]);
                let (id, text, in_record) = match slide {
                    IdOr::Id(id) => (Some(id), None, false),
                    IdOr::Record(r) => {
                        self.keys(sp, RawStorySlide::KEYS, r.keys);
                        (r.id, r.text, true)
                    }
                };
                let id_path = || if in_record { at(&sp(), &[key("id")]) } else { sp() };
                let Some(id) = id else {
                    self.missing(&sp(), "this slide", "id");
                    continue;
                };
                let Some(event) = self.resolve(events, &id, id_path) else { continue };
                if let Some(&first) = told.get(&event) {
                    let first_path = p(&[key("events"), Seg::Index(first)]);
                    self.problems.push(Problem {
                        path: id_path(),
                        target: Target::Value,
                        message: format!("event `{}` is told twice in this story", escape(&id)),
                        help: Some("each event is one slide of a story".into()),
                        unless_quoted: false,
                        also: Some((first_path, "first told here")),
                        unknown_key: false,
                    });
                    continue;
                }
                told.insert(event, n);
                slides.push(StorySlide { event, text });
            }
            if let (Some(id), Some(title)) = (story.id, story.title) {
                out.push(Story { id, title, description: story.description, slides, file: 0 });
            }
        }
        out
    }

    fn countries(&mut self, raw: Vec<RawCountry>) -> Vec<Country> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, c) in raw.into_iter().enumerate() {
            let path = vec![key("countries"), Seg::Index(i)];
            self.keys(|| path.clone(), RawCountry::KEYS, c.keys);
            self.required(c.name.as_deref(), &path, "this country", "name");
            out.push(Country {
                id: c.id.unwrap_or_default(),
                name: c.name.unwrap_or_default(),
                aliases: c.aliases.unwrap_or_default(),
                extensions: c.extensions,
            });
        }
        out
    }

    fn agencies(&mut self, raw: Vec<RawAgency>, countries: &Index, agencies: &Index) -> Option<Vec<Agency>> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, a) in raw.into_iter().enumerate() {
            let path = vec![key("agencies"), Seg::Index(i)];
            self.keys(|| path.clone(), RawAgency::KEYS, a.keys);
            self.required(a.name.as_deref(), &path, "this agency", "name");
            let country = a
                .country
                .as_deref()
                .and_then(|c| self.resolve(countries, c, || at(&path, &[key("country")])));
            let parent =
                a.parent.as_deref().and_then(|p| self.resolve(agencies, p, || at(&path, &[key("parent")])));
            out.push(Agency {
                id: a.id.unwrap_or_default(),
                name: a.name.unwrap_or_default(),
                short: a.short,
                country,
                parent,
                aliases: a.aliases.unwrap_or_default(),
                extensions: a.extensions,
            });
        }
        // A parent chain longer than the number of agencies has gone round a cycle.
        let mut reported = vec![false; out.len()];
        for start in 0..out.len() {
            let mut chain = vec![start];
            let mut current = out[start].parent;
            while let Some(next) = current {
                if next == start {
                    if !chain.iter().any(|&c| reported[c]) {
                        let names: Vec<String> = chain
                            .iter()
                            .chain([&start])
                            .map(|&c| format!("`{}`", escape(&out[c].id)))
                            .collect();
                        self.problem(
                            vec![key("agencies"), Seg::Index(start), key("parent")],
                            Target::Value,
                            format!("agency parents form a cycle: {}", names.join(" → ")),
                            Some("an agency cannot be its own ancestor; remove one `parent`".into()),
                        );
                    }
                    for &c in &chain {
                        reported[c] = true;
                    }
                    break;
                }
                if chain.len() > out.len() {
                    break; // a cycle that does not include `start`; reported from its own members
                }
                chain.push(next);
                current = out[next].parent;
            }
        }
        Some(out)
    }

    fn people(&mut self, raw: Vec<RawPerson>, countries: &Index, agencies: &Index) -> Vec<Person> {
        let mut out = Vec::with_capacity(raw.len());
        for (i, p) in raw.into_iter().enumerate() {
            let path = vec![key("people"), Seg::Index(i)];
            self.keys(|| path.clone(), RawPerson::KEYS, p.keys);
            self.required(p.name.as_deref(), &path, "this person", "name");
            let country = p
                .country
                .as_deref()
                .and_then(|c| self.resolve(countries, c, || at(&path, &[key("country")])));
            let mut roles = Vec::new();
            for (r, role) in p.roles.unwrap_or_default().into_iter().enumerate() {
                let role_path = at(&path, &[key("roles"), Seg::Index(r)]);
                self.keys(|| role_path.clone(), RawRole::KEYS, role.keys);
                self.required(role.title.as_deref(), &role_path, "this role", "title");
                let agency = role
                    .agency
                    .as_deref()
                    .and_then(|a| self.resolve(agencies, a, || at(&role_path, &[key("agency")])));
                let from = role.from.and_then(|d| self.date(d, || at(&role_path, &[key("from")])));
                let to = role.to.and_then(|d| self.date(d, || at(&role_path, &[key("to")])));
                if let (Some(f), Some(t)) = (from, to) {
                    if t.last_day() < f.first_day() {
                        self.problem(
                            at(&role_path, &[key("to")]),
                            Target::Value,
                            format!("the role ends ({t}) before it starts ({f})"),
                            None,
                        );
                    }
                }
                roles.push(Role { title: role.title.unwrap_or_default(), agency, from, to });
            }
            out.push(Person {
                id: p.id.unwrap_or_default(),
                name: p.name.unwrap_or_default(),
                native: p.native,
                country,
                roles,
                extensions: p.extensions,
            });
        }
        out
    }

    fn event(&mut self, e: RawEvent, i: usize, ctx: &Context) -> Option<(Event, PendingLinks)> {
        let path = vec![key("events"), Seg::Index(i)];
        let p = |segs: &[Seg]| at(&path, segs);
        self.keys(|| path.clone(), RawEvent::KEYS, e.keys);
        self.required(e.title.as_deref(), &path, "this event", "title");
        let zone = match &e.timezone {
            Some(text) => self.zone(text, || p(&[key("timezone")])),
            None => None,
        };
        let date = match e.date {
            Some(d) => {
                let read = zone.unwrap_or(self.home);
                self.date_in(d, &read, || p(&[key("date")]))
            }
            None => {
                self.missing(&path, "this event", "date");
                None
            }
        };
        let status = match e.status.as_deref() {
            None => Status::Happened,
            Some(s) => Status::parse(s).unwrap_or_else(|| {
                let help = did_you_mean(s, Status::ALL.iter().map(|s| s.as_str()))
                    .map(|s| format!("did you mean `{s}`?"))
                    .or(Some("status is one of: happened, planned, cancelled, did-not-take-place".into()));
                self.problem(
                    p(&[key("status")]),
                    Target::Value,
                    format!("unknown status `{}`", escape(s)),
                    help,
                );
                Status::Happened
            }),
        };
        let location = e.location.map(|l| {
            let lp = || p(&[key("location")]);
            self.keys(lp, RawLocation::KEYS, l.keys);
            let country = l
                .country
                .as_deref()
                .and_then(|c| self.resolve(ctx.countries, c, || p(&[key("location"), key("country")])));
            Location { place: l.place, country }
        });
        let mut countries = Vec::new();
        for (n, c) in e.countries.unwrap_or_default().iter().enumerate() {
            countries.extend(self.resolve(ctx.countries, c, || p(&[key("countries"), Seg::Index(n)])));
        }
        let mut agencies = Vec::new();
        for (n, a) in e.agencies.unwrap_or_default().iter().enumerate() {
            agencies.extend(self.resolve(ctx.agencies, a, || p(&[key("agencies"), Seg::Index(n)])));
        }
        let mut people = Vec::new();
        for (n, person) in e.people.unwrap_or_default().into_iter().enumerate() {
            let pp = || p(&[key("people"), Seg::Index(n)]);
            let (id, role, in_record) = match person {
                IdOr::Id(id) => (Some(id), None, false),
                IdOr::Record(r) => {
                    self.keys(pp, RawParticipant::KEYS, r.keys);
                    (r.id, r.role, true)
                }
            };
            let id_path = || if in_record { at(&pp(), &[key("id")]) } else { pp() };
            match id {
                Some(id) => {
                    if let Some(person) = self.resolve(ctx.people, &id, id_path) {
                        people.push(Participant { person, role });
                    }
                }
                None => self.missing(&p(&[key("people"), Seg::Index(n)]), "this person reference", "id"),
            }
        }
        let by = match e.by {
            Some(written) => {
                let listed = Listed { countries: &countries, agencies: &agencies, people: &people };
                self.actors(&written, &listed, ctx, || p(&[key("by")]))
            }
            None => Vec::new(),
        };
        let mut quotes = Vec::new();
        for (n, q) in e.quotes.unwrap_or_default().into_iter().enumerate() {
            let qp = || p(&[key("quotes"), Seg::Index(n)]);
            self.keys(qp, RawQuote::KEYS, q.keys);
            self.required(q.text.as_deref(), &qp(), "this quote", "text");
            self.required(q.by.as_deref(), &qp(), "this quote", "by");
            let by = match q.by {
                None => Speaker::Text(String::new()),
                Some(by) => match ctx.people.ids.get(by.as_str()) {
                    Some(&person) => Speaker::Person(person),
                    None => {
                        // An id-shaped word that names nobody is most likely a typo, unless the
                        // author quoted it to say "this is free text".
                        if is_valid_event_id(&by) {
                            let help = did_you_mean(&by, ctx.people.sorted_ids())
                                .map(|s| format!("did you mean `{s}`? (write free text in quotes)"))
                                .or(Some("a person id, or free text in quotes".into()));
                            self.problems.push(Problem {
                                path: at(&qp(), &[key("by")]),
                                target: Target::Value,
                                message: format!("unknown person `{}`", escape(&by)),
                                help,
                                unless_quoted: true,
                                also: None,
                                unknown_key: false,
                            });
                        }
                        Speaker::Text(by)
                    }
                },
            };
            quotes.push(Quote { by, text: q.text.unwrap_or_default(), source: q.source });
        }
        let mut sources = Vec::new();
        for (n, s) in e.sources.unwrap_or_default().into_iter().enumerate() {
            let sp = || p(&[key("sources"), Seg::Index(n)]);
            self.keys(sp, RawSource::KEYS, s.keys);
            self.required(s.title.as_deref(), &sp(), "this source", "title");
            let date = s.date.and_then(|d| self.date(d, || at(&sp(), &[key("date")])));
            sources.push(Source {
                title: s.title.unwrap_or_default(),
                publisher: s.publisher,
                url: s.url,
                date,
            });
        }
        let mut links = Vec::new();
        let mut elsewhere = Vec::new();
        for (n, link) in e.related.unwrap_or_default().into_iter().enumerate() {
            let lp = || p(&[key("related"), Seg::Index(n)]);
            let (id, kind, in_record) = match link {
                IdOr::Id(id) => (Some(id), None, false),
                IdOr::Record(r) => {
                    self.keys(lp, RawLink::KEYS, r.keys);
                    (r.id, r.kind, true)
                }
            };
            let id_path = || if in_record { at(&lp(), &[key("id")]) } else { lp() };
            let Some(id) = id else {
                self.missing(&p(&[key("related"), Seg::Index(n)]), "this related event", "id");
                continue;
            };
            if e.id.as_deref() == Some(id.as_str()) {
                let message = format!("event `{}` is related to itself", escape(&id));
                self.problem(id_path(), Target::Value, message, None);
                continue;
            }
            // `stem#id`: an event of another file, found when the files are read together.
            if let Some((file, target)) = id.rsplit_once('#') {
                if file.is_empty() || !is_valid_event_id(target) {
                    let message = format!("`{}` is not a link to another file's event", escape(&id));
                    let help = Some(
                        "write `stem#id`: the other file's name without its extension, then the event id"
                            .into(),
                    );
                    self.problem(id_path(), Target::Value, message, help);
                } else {
                    elsewhere.push(ExternalLink { file: file.into(), id: target.into(), kind, at: n });
                }
                continue;
            }
            if let Some(target) = self.resolve(ctx.events, &id, id_path) {
                links.push((target, kind));
            }
        }
        let event = Event {
            id: e.id?,
            title: e.title?,
            date: date?,
            status,
            location,
            countries,
            agencies,
            people,
            by,
            tags: e.tags.unwrap_or_default(),
            summary: e.summary,
            outcomes: e.outcomes.unwrap_or_default(),
            quotes,
            sources,
            related: Vec::new(),
            notes: e.notes,
            zone,
            extensions: e.extensions,
            annotation: None,
            file_order: i,
            file: 0,
            elsewhere,
        };
        Some((event, links))
    }

    /// Turns the collected problems into located diagnostics, in file order.
    fn located(self, name: &str, source: &str) -> Diagnostics {
        let mut wanted: Vec<(Path, Target)> =
            self.problems.iter().map(|p| (p.path.clone(), p.target)).collect();
        let also: Vec<(Path, Target)> = self
            .problems
            .iter()
            .filter_map(|p| p.also.as_ref())
            .map(|(path, _)| (path.clone(), Target::Value))
            .collect();
        wanted.extend(also);
        let mut spots = locate::locate(source, &wanted);
        let mut also_spots = spots.split_off(self.problems.len()).into_iter();
        let mut items: Vec<Diagnostic> = Vec::new();
        for (problem, spot) in self.problems.into_iter().zip(spots) {
            let also_spot = problem.also.as_ref().and_then(|_| also_spots.next()).flatten();
            if problem.unless_quoted && spot.is_some_and(|s| s.quoted) {
                continue;
            }
            let (line, column, span) = spot.map_or((1, 1, 1), |s| (s.line, s.column, s.span));
            let help = match spot {
                Some(s) if problem.unknown_key => split_value_hint(source, s.line, s.column).or(problem.help),
                _ => problem.help,
            };
            let mut item = Diagnostic::new(problem.message).at(line, column, span).with_help(help);
            if let (Some((_, label)), Some(s)) = (&problem.also, also_spot) {
                item = item.with_related(label, s.line, s.column, s.span);
            }
            items.push(item);
        }
        items.sort_by_key(|d| (d.line, d.column));
        Diagnostics { file: name.into(), source: source.into(), items }
    }
}

/// The help for a bare word in a flow mapping that YAML split off the value before it:
/// `{place: Baikonur Cosmodrome, Tyuratam, country: SU}` has a key `Tyuratam` with no value.
/// Looks only at the one line; None when the word is not such a piece.
fn split_value_hint(source: &str, line: usize, column: usize) -> Option<String> {
    let text = source.lines().nth(line.checked_sub(1)?)?;
    let chars: Vec<char> = text.chars().collect();
    // Positions come from another parser, which may count lines differently (a lone `\r`).
    let at = column.checked_sub(1).filter(|&a| a < chars.len())?;
    // The `{` that opens the mapping the word is in, and the entries up to its `}`.
    let open = (0..at).rev().find(|&i| chars[i] == '{')?;
    let mut entries: Vec<(usize, String)> = Vec::new();
    let (mut start, mut quote, mut depth) = (open + 1, None, 0usize);
    for (i, &c) in chars.iter().enumerate().skip(open + 1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') if depth > 0 => depth -= 1,
            (None, ',' | '}') if depth == 0 => {
                entries.push((start, chars[start..i].iter().collect::<String>().trim().to_string()));
                start = i + 1;
                if c == '}' {
                    break;
                }
            }
            _ => {}
        }
    }
    let here = entries.iter().rposition(|&(s, _)| s <= at)?;
    let bare = |e: &str| !e.is_empty() && !e.contains(':') && !e.starts_with(['"', '\'']);
    if !bare(&entries[here].1) {
        return None;
    }
    let first = (0..here).rev().find(|&i| !bare(&entries[i].1))?;
    let (key, value) = entries[first].1.split_once(':')?;
    let value = value.trim();
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{']) {
        return None;
    }
    let last = (here..entries.len()).take_while(|&i| bare(&entries[i].1)).last()?;
    let mut joined = value.to_string();
    for (_, word) in &entries[first + 1..=last] {
        joined.push_str(", ");
        joined.push_str(word);
    }
    Some(format!(
        "inside `{{…}}` a comma ends a value; if `{}` is part of `{}`, quote the value: `{}: {}`",
        escape(&entries[here].1),
        key.trim(),
        key.trim(),
        escape(&format!("{joined:?}"))
    ))
}

/// An event's `related` links by file position, resolved to sorted positions after sorting.
type PendingLinks = Vec<(usize, Option<String>)>;

struct Context<'a> {
    countries: &'a Index,
    agencies: &'a Index,
    people: &'a Index,
    events: &'a Index,
}

/// A valid id close to an invalid one, for the help line.
fn suggest_event_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_matches(|c| c == '-' || c == '_').to_string();
    if out.is_empty() {
        "event-1".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_split_value_is_quoted_back_together() {
        let line = "x: {place: Baikonur Cosmodrome, Tyuratam, more, country: SU}";
        let at = line.find("Tyuratam").unwrap() + 1;
        let help = split_value_hint(line, 1, at).expect("a hint");
        assert!(help.ends_with("`place: \"Baikonur Cosmodrome, Tyuratam, more\"`"), "{help}");
        // Not a bare word, or the value before it was quoted: no hint.
        assert_eq!(split_value_hint("x: {place: \"A, B\", C}", 1, 19), None);
        assert_eq!(split_value_hint("x: {a: 1, b: 2}", 1, 11), None);
    }

    #[test]
    fn plain_scalars_are_read_as_yaml_reads_them() {
        for number in ["2016", "-3", "+7", "1.5", ".5", "1e3", "0x1F", "0o17", "0b1", ".inf", "-.Inf", ".nan"]
        {
            assert_eq!(plain_scalar_kind(number), Some("the number"), "{number}");
        }
        for boolean in ["true", "True", "FALSE"] {
            assert_eq!(plain_scalar_kind(boolean), Some("the boolean"), "{boolean}");
        }
        for text in
            ["inf", "nan", "yes", "no", "on", "0123", "1-2", "2016-12-07", "~2016", "null", "t", "x1", "-"]
        {
            assert_eq!(plain_scalar_kind(text), None, "{text}");
        }
    }

    #[test]
    fn hints_survive_positions_that_do_not_fit_the_text() {
        for (source, line, column) in [("{a: b, c}", 1, 500), ("", 3, 1), ("{", 1, 1), ("a\rb", 2, 9)] {
            let _ = split_value_hint(source, line, column);
            let mut c = column;
            let _ = plain_words("did not find expected key", source, line, &mut c);
        }
    }

    /// Lines to build documents from that try to fool the cut: keys and list items at column 0
    /// and indented, quotes and flow collections left open across lines, block scalars, a
    /// second `events`, document markers, anchors and aliases, tabs, comments.
    const PIECES: &[&str] = &[
        "title: t",
        "events:",
        "events: # the list",
        "events: []",
        "- id: a",
        "- id: b",
        "  - id: c",
        "  - id: d",
        "    title: T",
        "  title: U",
        "- {id: e}",
        "description: \"open",
        "description: 'open",
        "  still open\"",
        "  still open'",
        "\"",
        "'",
        "countries: [",
        "]",
        "people: {",
        "}",
        "  summary: |",
        "description: >",
        "    folded text",
        "# a comment",
        "  # an indented comment",
        "---",
        "...",
        "stories: []",
        "- &x {id: f}",
        "- *x",
        "\t- id: g",
        "",
        "  ",
        "x-extra: 1",
        "- id: \"h",
        "  i\"",
    ];

    /// Lines of a list, mostly well formed, some leaving a quote or a collection open.
    const LIST_PIECES: &[&str] = &[
        "- id: a",
        "- id: b",
        "- {id: c}",
        "  title: U",
        "  summary: |",
        "    text",
        "",
        "# a comment",
        "- id: \"open",
        "  closed\"",
        "- id: 'open",
        "  closed'",
        "  tags: [a,",
        "  b]",
        "- &x {id: f}",
        "- *x",
        "  tags: [\"]\"]",
    ];

    /// A key `events:` in the middle and list lines (one in ten from anywhere), so that many
    /// texts are cut and many of those parse.
    fn fuzz_text(before: &[usize], list: &[(usize, usize, u8)], after: &[usize], indent: bool) -> String {
        let lines = |pieces: &[usize]| pieces.iter().map(|&i| format!("{}\n", PIECES[i])).collect::<String>();
        let list: String = list
            .iter()
            .map(|&(i, j, anywhere)| match (anywhere, indent) {
                (0, _) => format!("{}\n", PIECES[j]),
                (_, true) => format!("  {}\n", LIST_PIECES[i]),
                (_, false) => format!("{}\n", LIST_PIECES[i]),
            })
            .collect();
        format!("{}events:\n{list}{}", lines(before), lines(after))
    }

    fn records(text: &str) -> Option<String> {
        serde_yaml::from_str::<RawTimeline>(text).ok().map(|raw| format!("{raw:?}"))
    }

    proptest::proptest! {
        // About one text in a hundred is cut and parses in parts (measured on 20,000): many
        // cases, each a few lines.
        #![proptest_config(proptest::test_runner::Config::with_cases(4000))]

        /// Whatever the text, records parsed in parts are those of the whole text: never a
        /// different timeline, and never one from a text the whole parse refuses.
        #[test]
        fn parts_parse_as_the_whole_or_not_at_all(
            before in proptest::collection::vec(0..PIECES.len(), 0..3),
            list in proptest::collection::vec((0..LIST_PIECES.len(), 0..PIECES.len(), 0u8..10), 0..16),
            after in proptest::collection::vec(0..PIECES.len(), 0..3),
            indent in proptest::bool::ANY,
            part_bytes in 1usize..40,
        ) {
            let text = fuzz_text(&before, &list, &after, indent);
            if let Some(parts) = parse_in_parts(&text, part_bytes) {
                proptest::prop_assert_eq!(Some(format!("{parts:?}")), records(&text), "{}", text);
            }
        }

    }

    proptest::proptest! {
        /// The built-in timeline (block text, quotes, flow lists, stories after the events) is
        /// cut, wherever the parts end, and its records are those of the whole text.
        #[test]
        fn the_builtin_timeline_parses_in_parts_as_in_one(part_bytes in 1usize..40_000) {
            let parts = parse_in_parts(BUILTIN_SOURCE, part_bytes).map(|raw| format!("{raw:?}"));
            proptest::prop_assert!(parts.is_some());
            proptest::prop_assert_eq!(parts, records(BUILTIN_SOURCE));
        }
    }

    #[test]
    fn the_fuzz_pieces_do_cut_and_parse_sometimes() {
        // So the property above is not empty: a text of its pieces that is cut and parses.
        let text = "title: t\nevents:\n- id: a\n  title: U\n- &x {id: f}\n- id: b\nstories: []\n";
        let parts = parse_in_parts(text, 1).expect("parses in parts");
        assert_eq!(parts.events.as_ref().map(Vec::len), Some(3));
        assert_eq!(Some(format!("{parts:?}")), records(text));
    }
}
