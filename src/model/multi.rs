//! Several timeline files read as one: which files a command line names, reading them in
//! parallel, and merging them into one [`Timeline`] whose events keep their file.
//!
//! Each file is checked on its own (its references resolve within it). Merging then makes
//! countries, agencies and people with the same id one entity; when two files disagree about
//! one (its name, parent or country), the first file's version is used and the disagreement
//! is a [`Conflict`], which `check` reports as an error located in both files. Events keep
//! their ids; an id used in several files is addressed as `stem#id` (`Timeline::qualified_id`).

use super::diagnostic::{Diagnostic, Diagnostics};
use super::loader::{self, LoadError};
use super::locate::{self, Path as LocatePath, Seg, Target};
pub use super::remerge::Part;
use super::{Event, FileIx, Link, Named, SourceFile, Timeline};
use crate::text::escape;
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The extensions of timeline files in a directory.
pub const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Whether a file is a notes sidecar (`trade.notes.yaml`), not a timeline.
pub fn is_sidecar(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    [".notes.yaml", ".notes.yml", ".notes.json"].iter().any(|s| name.ends_with(s))
}

/// The files a command line names, in order: files as given, directories as their timeline
/// files sorted by name. A file given twice is read once; `notes` says so.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    pub files: Vec<PathBuf>,
    /// Things to tell the reader ("`a.yaml` is given twice; it is read once").
    pub notes: Vec<String>,
}

/// Expands directories and drops repeats. A directory without timelines is an error.
pub fn expand(given: &[PathBuf]) -> Result<Inputs, LoadError> {
    let mut inputs = Inputs::default();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    for path in given {
        let found = if path.is_dir() { timelines_in(path, &mut inputs.notes)? } else { vec![path.clone()] };
        for file in found {
            let key =
                file.canonicalize().or_else(|_| std::path::absolute(&file)).unwrap_or_else(|_| file.clone());
            if seen.insert(key) {
                inputs.files.push(file);
            } else {
                inputs.notes.push(format!(
                    "`{}` is given twice; it is read once",
                    escape(&file.display().to_string())
                ));
            }
        }
    }
    Ok(inputs)
}

/// The timeline files of a directory, sorted by name, sidecars left out. Only regular files (or
/// links to them) are taken: a FIFO or a device named `*.yaml` is skipped with a note, since
/// nobody named it and reading it could wait for ever.
fn timelines_in(dir: &Path, notes: &mut Vec<String>) -> Result<Vec<PathBuf>, LoadError> {
    let name = dir.display().to_string();
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Unreadable {
        file: name.clone(),
        reason: format!("cannot list the directory: {e}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| EXTENSIONS.iter().any(|e| x.eq_ignore_ascii_case(e)))
                && !is_sidecar(p)
                && !p.is_dir()
        })
        .filter(|p| {
            let regular = std::fs::metadata(p).is_ok_and(|m| m.is_file());
            if !regular {
                notes.push(format!(
                    "`{}` is not a regular file (a FIFO, a device or a broken link); skipped",
                    escape(&p.display().to_string())
                ));
            }
            let other = regular.then(|| super::foreign::other_format(p)).flatten();
            if let Some(what) = other {
                notes.push(format!("`{}` is {what}; skipped", escape(&p.display().to_string())));
            }
            regular && other.is_none()
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(LoadError::Unreadable {
            file: name.clone(),
            reason: format!("no timelines in {} (no *.yaml, *.yml or *.json files)", escape(&name)),
        });
    }
    Ok(files)
}

/// What loading a set of files gives.
#[derive(Debug)]
pub struct Loaded {
    pub timeline: Timeline,
    /// Entities the files disagree about (the first file's version is used).
    pub conflicts: Vec<Conflict>,
    /// Links to events of other files that are not there.
    pub broken_links: Vec<BrokenLink>,
    /// What each file has besides its events, for merging again when one file changes
    /// (`split`), when asked for. Empty when there is one file (it is the timeline itself).
    pub parts: Vec<Part>,
}

/// Reads and checks every file, in parallel (each file on a core), then merges them. Every
/// file that does not load is reported, not only the first. `keep_parts` keeps what each file
/// has besides its events (a [`Part`]), for following the files; the events are held once, in
/// the merged timeline.
pub fn load_all(files: &[PathBuf], keep_parts: bool) -> Result<Loaded, LoadError> {
    let results = parse_all(files);
    let mut parts = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(t) => parts.push(t),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(if errors.len() == 1 { errors.remove(0) } else { LoadError::Several(errors) });
    }
    if parts.len() == 1 {
        let timeline = parts.remove(0);
        return Ok(Loaded { timeline, conflicts: Vec::new(), broken_links: Vec::new(), parts: Vec::new() });
    }
    let kept = if keep_parts { parts.iter().map(Part::new).collect() } else { Vec::new() };
    let merged = merge(parts);
    Ok(Loaded {
        timeline: merged.timeline,
        conflicts: merged.conflicts,
        broken_links: merged.broken_links,
        parts: kept,
    })
}

/// Each file loaded on its own, in the order given, on as many threads as there are cores.
pub fn parse_all(files: &[PathBuf]) -> Vec<Result<Timeline, LoadError>> {
    if files.len() <= 1 {
        return files.iter().map(|f| loader::load_file(f)).collect();
    }
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(files.len());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<Result<Timeline, LoadError>>> = (0..files.len()).map(|_| None).collect();
    let done = std::sync::Mutex::new(&mut slots);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(file) = files.get(i) else { return };
                let result = loader::load_file(file);
                done.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
            });
        }
    });
    slots.into_iter().map(|s| s.expect("every file is read by one thread")).collect()
}

/// Two files give one id different entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// "country", "agency" or "person".
    pub kind: &'static str,
    pub id: String,
    /// The field they disagree on: "name", "parent" or "country".
    pub field: &'static str,
    /// The file whose version is used, and the entity's position in its list.
    pub first: (FileIx, usize),
    pub first_value: String,
    /// The file that disagrees, and the position there.
    pub other: (FileIx, usize),
    pub other_value: String,
}

impl Conflict {
    /// One line for the explorer's header.
    pub fn summary(&self, files: &[SourceFile]) -> String {
        format!(
            "{} `{}` differs in {} and {} ({}); using {}'s",
            self.kind,
            escape(&self.id),
            escape(&files[self.first.0].name),
            escape(&files[self.other.0].name),
            self.field,
            escape(&files[self.first.0].name),
        )
    }

    /// The list key the entity is under in the file.
    fn list(&self) -> &'static str {
        match self.kind {
            "country" => "countries",
            "agency" => "agencies",
            _ => "people",
        }
    }
}

/// A `related` link to another file's event (`stem#id`) that names no loaded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The file with the link, the event's position in its `events` and the link's in `related`.
    pub file: FileIx,
    pub event: usize,
    pub at: usize,
    pub message: String,
    pub help: Option<String>,
}

impl BrokenLink {
    /// One line for the explorer's header.
    pub fn summary(&self, files: &[SourceFile]) -> String {
        format!("{}: {}", escape(&files[self.file].name), self.message)
    }
}

/// What the files read together get wrong — entities they disagree on, links to events of
/// other files that are not there — as errors, one per file, each located in it (a conflict
/// also names the place in the first file). The files are read again, only when there are
/// errors.
pub fn merge_errors(merged: &Merged) -> Vec<LoadError> {
    let files = &merged.timeline.files;
    let source =
        |f: FileIx| files[f].path.as_ref().and_then(|p| std::fs::read_to_string(p).ok()).unwrap_or_default();
    let key = |k: &'static str| Seg::Key(Cow::Borrowed(k));
    let conflict_path = |c: &Conflict, at: usize, has_value: bool| {
        vec![key(c.list()), Seg::Index(at), key(if has_value { c.field } else { "id" })]
    };
    let spot = |text: &str, path: LocatePath| locate::locate(text, &[(path, Target::Value)]).pop().flatten();
    let mut by_file: Vec<(FileIx, String, Vec<Diagnostic>)> = Vec::new();
    let mut add = |f: FileIx, path: LocatePath, message: String, help: Option<String>| {
        let position = match by_file.iter().position(|(g, _, _)| *g == f) {
            Some(p) => p,
            None => {
                by_file.push((f, source(f), Vec::new()));
                by_file.len() - 1
            }
        };
        let (_, text, items) = &mut by_file[position];
        let (line, column, span) = spot(text, path).map_or((1, 1, 1), |s| (s.line, s.column, s.span));
        items.push(Diagnostic::new(message).at(line, column, span).with_help(help));
    };
    for c in &merged.conflicts {
        let first_text = source(c.first.0);
        let first = spot(&first_text, conflict_path(c, c.first.1, !c.first_value.is_empty()));
        let first_at = match first {
            Some(s) => format!("{}:{}:{}", escape(&files[c.first.0].name), s.line, s.column),
            None => escape(&files[c.first.0].name),
        };
        let shown = |v: &str| if v.is_empty() { "none".to_string() } else { format!("`{}`", escape(v)) };
        let message = format!(
            "{} `{}` has {} {} here but {} in {first_at}",
            c.kind,
            escape(&c.id),
            c.field,
            shown(&c.other_value),
            shown(&c.first_value),
        );
        let help = format!(
            "the same id in several files is one {}: make them agree, or give one another id",
            c.kind
        );
        add(c.other.0, conflict_path(c, c.other.1, !c.other_value.is_empty()), message, Some(help));
    }
    for b in &merged.broken_links {
        let path = vec![key("events"), Seg::Index(b.event), key("related"), Seg::Index(b.at)];
        add(b.file, path, b.message.clone(), b.help.clone());
    }
    by_file
        .into_iter()
        .map(|(f, source, mut items)| {
            items.sort_by_key(|d| (d.line, d.column));
            LoadError::Invalid(Diagnostics { file: files[f].name.clone(), source, items })
        })
        .collect()
}

/// A merged timeline and what its files disagree about.
#[derive(Debug)]
pub struct Merged {
    pub timeline: Timeline,
    pub conflicts: Vec<Conflict>,
    /// Links to events of other files that are not there (left out of the timeline).
    pub broken_links: Vec<BrokenLink>,
}

/// Stems made unique: a second `trade` becomes `trade-2`.
fn unique_stems(files: &mut [SourceFile]) {
    let mut used: HashSet<String> = HashSet::new();
    for file in files {
        let mut stem = file.stem.clone();
        let mut n = 2;
        while !used.insert(stem.clone()) {
            stem = format!("{}-{n}", file.stem);
            n += 1;
        }
        file.stem = stem;
    }
}

/// Entities of one kind merged by id: for each part, where each of its entities went.
struct Merger<T> {
    merged: Vec<T>,
    by_id: HashMap<String, usize>,
    /// For each merged entity, the file and position it was first seen at.
    origin: Vec<(FileIx, usize)>,
}

impl<T: Named + Clone> Merger<T> {
    fn new() -> Self {
        Merger { merged: Vec::new(), by_id: HashMap::new(), origin: Vec::new() }
    }

    /// Adds a part's entities; returns where each went, and the pairs (merged, new) that
    /// share an id, for the caller to compare.
    fn add(&mut self, file: FileIx, items: &[T]) -> (Vec<usize>, Vec<(usize, usize)>) {
        let mut map = Vec::with_capacity(items.len());
        let mut shared = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match self.by_id.get(item.id()) {
                Some(&m) => {
                    map.push(m);
                    shared.push((m, i));
                }
                None => {
                    self.by_id.insert(item.id().to_string(), self.merged.len());
                    map.push(self.merged.len());
                    self.merged.push(item.clone());
                    self.origin.push((file, i));
                }
            }
        }
        (map, shared)
    }
}

/// Merges timelines read from several files into one. Events are in chronological order
/// across files (ties: the order of the files, then each file's own order).
pub fn merge(mut parts: Vec<Timeline>) -> Merged {
    let mut files: Vec<SourceFile> = parts
        .iter()
        .map(|p| {
            p.files.first().cloned().unwrap_or_else(|| SourceFile {
                path: None,
                name: String::new(),
                stem: String::new(),
            })
        })
        .collect();
    unique_stems(&mut files);
    let mut conflicts = Vec::new();
    let mut countries = Merger::new();
    let mut agencies = Merger::new();
    let mut people = Merger::new();
    let mut country_maps = Vec::with_capacity(parts.len());
    let mut agency_maps = Vec::with_capacity(parts.len());
    let mut person_maps = Vec::with_capacity(parts.len());
    let country_id =
        |t: &Timeline, c: Option<usize>| c.map(|c| t.countries[c].id.clone()).unwrap_or_default();
    for (f, part) in parts.iter().enumerate() {
        let (cmap, shared) = countries.add(f, &part.countries);
        for (m, i) in shared {
            let (old, new) = (&countries.merged[m], &part.countries[i]);
            if old.name != new.name {
                conflicts.push(conflict(
                    "country",
                    &new.id,
                    "name",
                    countries.origin[m],
                    &old.name,
                    (f, i),
                    &new.name,
                ));
            }
        }
        let (amap, shared) = agencies.add(f, &part.agencies);
        // New agencies' references point into this part until remapped.
        for (i, a) in part.agencies.iter().enumerate() {
            if agencies.origin[amap[i]] == (f, i) {
                let merged = &mut agencies.merged[amap[i]];
                merged.country = a.country.map(|c| cmap[c]);
                merged.parent = a.parent.map(|p| amap[p]);
            }
        }
        for (m, i) in shared {
            let (of, oi) = agencies.origin[m];
            let (old, new) = (&parts[of].agencies[oi], &part.agencies[i]);
            let checks: [(&'static str, String, String); 3] = [
                ("name", old.name.clone(), new.name.clone()),
                (
                    "parent",
                    old.parent.map(|p| parts[of].agencies[p].id.clone()).unwrap_or_default(),
                    new.parent.map(|p| part.agencies[p].id.clone()).unwrap_or_default(),
                ),
                ("country", country_id(&parts[of], old.country), country_id(part, new.country)),
            ];
            for (field, a, b) in checks {
                if a != b {
                    conflicts.push(conflict("agency", &new.id, field, (of, oi), &a, (f, i), &b));
                    break;
                }
            }
        }
        let (pmap, shared) = people.add(f, &part.people);
        for (i, p) in part.people.iter().enumerate() {
            if people.origin[pmap[i]] == (f, i) {
                let merged = &mut people.merged[pmap[i]];
                merged.country = p.country.map(|c| cmap[c]);
                for role in &mut merged.roles {
                    role.agency = role.agency.map(|a| amap[a]);
                }
            }
        }
        for (m, i) in shared {
            let (of, oi) = people.origin[m];
            let (old, new) = (&parts[of].people[oi], &part.people[i]);
            let checks: [(&'static str, String, String); 2] = [
                ("name", old.name.clone(), new.name.clone()),
                ("country", country_id(&parts[of], old.country), country_id(part, new.country)),
            ];
            for (field, a, b) in checks {
                if a != b {
                    conflicts.push(conflict("person", &new.id, field, (of, oi), &a, (f, i), &b));
                    break;
                }
            }
        }
        country_maps.push(cmap);
        agency_maps.push(amap);
        person_maps.push(pmap);
    }

    // Events: one chronological order over all files. Each part is sorted already, so a
    // stable sort of the concatenation keeps file order, then each file's order, for ties.
    let mut order: Vec<(FileIx, usize)> =
        parts.iter().enumerate().flat_map(|(f, p)| (0..p.events.len()).map(move |i| (f, i))).collect();
    order.sort_by(|&(fa, a), &(fb, b)| parts[fa].events[a].date.chronological(&parts[fb].events[b].date));
    let mut position: Vec<Vec<usize>> = parts.iter().map(|p| vec![0; p.events.len()]).collect();
    for (new, &(f, i)) in order.iter().enumerate() {
        position[f][i] = new;
    }
    let home = parts.first().map(|p| p.zone).unwrap_or_default();
    let mut shared_ids: HashSet<String> = HashSet::new();
    {
        let mut file_of_id: HashMap<&str, FileIx> = HashMap::with_capacity(order.len());
        for (f, part) in parts.iter().enumerate() {
            for e in &part.events {
                if *file_of_id.entry(e.id.as_str()).or_insert(f) != f {
                    shared_ids.insert(e.id.clone());
                }
            }
        }
    }
    // The events move from the parts into the merged timeline, in the merged order.
    let zones: Vec<super::Zone> = parts.iter().map(|p| p.zone).collect();
    let mut taken: Vec<Vec<Option<Event>>> =
        parts.iter_mut().map(|p| std::mem::take(&mut p.events).into_iter().map(Some).collect()).collect();
    let mut referrers: Vec<Vec<Vec<usize>>> =
        parts.iter_mut().map(|p| std::mem::take(&mut p.referred_by)).collect();
    let mut events: Vec<Event> = Vec::with_capacity(order.len());
    let mut referred_by = Vec::with_capacity(order.len());
    for &(f, i) in &order {
        let mut event = taken[f][i].take().expect("each event once");
        let (cmap, amap, pmap) = (&country_maps[f], &agency_maps[f], &person_maps[f]);
        event.file = f;
        if event.zone.is_none() && zones[f] != home {
            event.zone = Some(zones[f]);
        }
        super::remerge::renumber_entities(&mut event, cmap, amap, pmap);
        for link in &mut event.related {
            *link = Link { event: position[f][link.event], kind: link.kind.take() };
        }
        let mut referrers = std::mem::take(&mut referrers[f][i]);
        referrers.iter_mut().for_each(|r| *r = position[f][*r]);
        referred_by.push(referrers);
        events.push(event);
    }
    // Each file's stories, their slides moved to the merged order.
    let mut stories = Vec::new();
    for (f, part) in parts.iter_mut().enumerate() {
        for mut story in std::mem::take(&mut part.stories) {
            story.file = f;
            story.slides.iter_mut().for_each(|slide| slide.event = position[f][slide.event]);
            stories.push(story);
        }
    }
    let broken_links = link_across_files(&mut events, &mut referred_by, &files);
    for list in &mut referred_by {
        list.sort_unstable();
        list.dedup();
    }
    let first = parts.first();
    let titles: Vec<&str> = parts.iter().map(|p| p.title.as_str()).collect();
    let timeline = Timeline {
        title: titles.join(" + "),
        description: None,
        countries: countries.merged,
        agencies: agencies.merged,
        people: people.merged,
        events,
        referred_by,
        zone: home,
        extensions: first.map(|p| p.extensions.clone()).unwrap_or_default(),
        files,
        shared_ids,
        stories,
        since: None,
    };
    Merged { timeline, conflicts, broken_links }
}

/// Turns each event's links to other files' events (`stem#id`) into `related` links; the ones
/// that name no loaded event are returned, each with the nearest name.
fn link_across_files(
    events: &mut [Event],
    referred_by: &mut [Vec<usize>],
    files: &[SourceFile],
) -> Vec<BrokenLink> {
    if events.iter().all(|e| e.elsewhere.is_empty()) {
        return Vec::new();
    }
    let by_name: HashMap<(FileIx, &str), usize> =
        events.iter().enumerate().map(|(i, e)| ((e.file, e.id.as_str()), i)).collect();
    let mut found: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut broken = Vec::new();
    for (i, e) in events.iter().enumerate() {
        for link in &e.elsewhere {
            let reference = format!("{}#{}", link.file, link.id);
            let file = files.iter().position(|f| f.stem == link.file);
            match file.and_then(|f| by_name.get(&(f, link.id.as_str()))) {
                Some(&target) => found.push((i, target, link.kind.clone())),
                None => {
                    let help = match file {
                        Some(f) => {
                            let ids = events.iter().filter(|o| o.file == f).map(|o| o.id.as_str());
                            super::suggest::did_you_mean(&link.id, ids)
                                .map(|s| format!("did you mean `{}#{}`?", escape(&link.file), escape(s)))
                        }
                        None => {
                            super::suggest::did_you_mean(&link.file, files.iter().map(|f| f.stem.as_str()))
                                .map(|s| format!("did you mean `{}#{}`?", escape(s), escape(&link.id)))
                                .or_else(|| Some("the file is not among those read".into()))
                        }
                    };
                    broken.push(BrokenLink {
                        file: e.file,
                        event: e.file_order,
                        at: link.at,
                        message: format!("unknown event `{}`", escape(&reference)),
                        help,
                    });
                }
            }
        }
    }
    for (from, to, kind) in found {
        events[from].related.push(Link { event: to, kind });
        referred_by[to].push(from);
    }
    broken
}

#[allow(clippy::too_many_arguments)]
fn conflict(
    kind: &'static str,
    id: &str,
    field: &'static str,
    first: (FileIx, usize),
    first_value: &str,
    other: (FileIx, usize),
    other_value: &str,
) -> Conflict {
    Conflict {
        kind,
        id: id.to_string(),
        field,
        first,
        first_value: first_value.to_string(),
        other,
        other_value: other_value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_str;

    const A: &str = "title: A
countries:
  - {id: cn, name: China}
  - {id: us, name: United States}
agencies:
  - {id: fbi, name: FBI, country: us}
people:
  - {id: guo, name: Guo Shengkun, country: cn}
events:
  - {id: one, title: A one, date: 2016-03-01, countries: [cn], related: [two]}
  - {id: two, title: A two, date: 2015-01-01, agencies: [fbi]}
";
    const B: &str = "title: B
countries:
  - {id: uk, name: United Kingdom}
  - {id: cn, name: China}
agencies:
  - {id: nca, name: National Crime Agency, country: uk}
  - {id: fbi, name: FBI, country: us}
  - {id: cia, name: CIA, country: us, parent: fbi}
people:
  - {id: guo, name: Guo Shengkun, country: cn}
events:
  - {id: two, title: B two, date: 2015-06-01, agencies: [nca, fbi], related: [three]}
  - {id: three, title: B three, date: 2015-01-01, countries: [cn], people: [guo]}
";

    fn merged(sources: &[(&str, &str)]) -> Merged {
        merge(sources.iter().map(|(name, text)| load_str(name, text).unwrap()).collect())
    }

    #[test]
    fn entities_that_agree_are_one_and_references_follow() {
        // B needs `us` for its agencies; it has no `us` of its own, so give it one.
        let b = B.replace("  - {id: uk,", "  - {id: us, name: United States}\n  - {id: uk,");
        let m = merged(&[("a.yaml", A), ("b.yaml", &b)]);
        assert_eq!(m.conflicts, []);
        let t = &m.timeline;
        let ids = |v: Vec<&str>| v.join(" ");
        assert_eq!(ids(t.countries.iter().map(|c| c.id.as_str()).collect()), "cn us uk");
        assert_eq!(ids(t.agencies.iter().map(|a| a.id.as_str()).collect()), "fbi nca cia");
        assert_eq!(t.people.len(), 1);
        // In time order across files; a tie keeps the order of the files.
        let order: Vec<String> = (0..t.events.len()).map(|e| t.qualified_id(e).into_owned()).collect();
        assert_eq!(order, ["a#two", "three", "b#two", "one"]);
        assert_eq!(t.events.iter().map(|e| e.file).collect::<Vec<_>>(), [0, 1, 1, 0]);
        // Links stay within their file, now by merged position.
        let one = t.find_event("one").unwrap();
        assert_eq!(t.events[t.events[one].related[0].event].title, "A two");
        let b_two = t.find_event("b#two").unwrap();
        assert_eq!(t.events[t.events[b_two].related[0].event].title, "B three");
        assert_eq!(t.referred_by[t.find_event("three").unwrap()], [b_two]);
        // References to entities point at the merged ones.
        let names: Vec<&str> = t.events[b_two].agencies.iter().map(|&a| t.agencies[a].id.as_str()).collect();
        assert_eq!(names, ["nca", "fbi"]);
        let cia = t.agencies.iter().find(|a| a.id == "cia").unwrap();
        assert_eq!(t.agencies[cia.parent.unwrap()].id, "fbi");
        assert_eq!(t.countries[cia.country.unwrap()].id, "us");
        let three = &t.events[t.find_event("three").unwrap()];
        assert_eq!(t.people[three.people[0].person].id, "guo");
        assert_eq!(t.countries[three.countries[0]].id, "cn");
        assert_eq!(t.files.iter().map(|f| f.stem.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    }

    #[test]
    fn disagreements_are_conflicts_and_the_first_file_wins() {
        let b = B
            .replace("{id: cn, name: China}", "{id: cn, name: People's Republic of China}")
            .replace("  - {id: uk,", "  - {id: us, name: United States}\n  - {id: uk,")
            .replace("{id: fbi, name: FBI, country: us}", "{id: fbi, name: FBI, country: us, parent: nca}");
        let m = merged(&[("a.yaml", A), ("b.yaml", &b)]);
        let found: Vec<(&str, &str, &str, &str)> = m
            .conflicts
            .iter()
            .map(|c| (c.kind, c.field, c.first_value.as_str(), c.other_value.as_str()))
            .collect();
        assert_eq!(
            found,
            [("country", "name", "China", "People's Republic of China"), ("agency", "parent", "", "nca")]
        );
        assert_eq!(m.timeline.countries[0].name, "China");
        assert!(m.timeline.agencies[0].parent.is_none());
        assert!(m.conflicts[0].summary(&m.timeline.files).contains("using a.yaml's"));
    }

    #[test]
    fn the_file_facet_and_lanes_follow_the_files() {
        use crate::model::{complete, filter::Filter, index::Index, lanes, query::Query};
        let b = B.replace("  - {id: uk,", "  - {id: us, name: United States}\n  - {id: uk,");
        let t = merged(&[("x/a.yaml", A), ("b.yaml", &b)]).timeline;
        let index = Index::new(&t);
        for (query, expected) in [("file:b", vec![1, 2]), ("file:A", vec![0, 3]), ("-file:b", vec![0, 3])] {
            let filter = Filter::new(&t, &Query::parse(query).unwrap(), &t.zone).unwrap();
            assert_eq!(filter.apply(&t, None), expected, "{query}");
            assert_eq!(filter.apply(&t, Some(&index)), expected, "{query} indexed");
        }
        let e = Filter::new(&t, &Query::parse("file:bb").unwrap(), &t.zone).unwrap_err();
        assert_eq!((e.message.as_str(), e.help.as_deref()), ("unknown file `bb`", Some("did you mean `b`?")));
        let offered: Vec<String> = complete::complete(&t, None, &t.zone, "file:", 5)
            .candidates
            .into_iter()
            .map(|c| c.insert)
            .collect();
        assert_eq!(offered, ["file:a", "file:b"]);
        let by_file = lanes::lanes(&t, None, lanes::Grouping::File, &[0, 1, 2, 3]);
        let shown: Vec<(&str, &[usize])> =
            by_file.iter().map(|l| (l.label.as_str(), l.events.as_slice())).collect();
        assert_eq!(shown, [("a", &[0, 3][..]), ("b", &[1, 2][..])]);
        // `L` offers lanes by file only when there are several files.
        assert_eq!(lanes::Grouping::Status.next_for(&t), lanes::Grouping::File);
        let one = load_str("a.yaml", A).unwrap();
        assert_eq!(lanes::Grouping::Status.next_for(&one), lanes::Grouping::None);
        assert!(crate::model::facets::values(&one, crate::model::query::Facet::File, &[0]).is_empty());
    }

    #[test]
    fn links_to_other_files_events_are_followed_and_broken_ones_located() {
        let a = "title: A\nevents:\n  - {id: x, title: X, date: 2016}\n";
        let b = "title: B\nevents:\n  - id: y\n    title: Y\n    date: 2017\n    related: [a#x, {id: a#xy, kind: follows}, c#x]\n";
        let m = merged(&[("a.yaml", a), ("b.yaml", b)]);
        let t = &m.timeline;
        assert_eq!(t.events[1].related, [Link { event: 0, kind: None }]);
        assert_eq!(t.referred_by[0], [1]);
        let found: Vec<(usize, usize, &str, Option<&str>)> =
            m.broken_links.iter().map(|l| (l.event, l.at, l.message.as_str(), l.help.as_deref())).collect();
        assert_eq!(
            found,
            [
                (0, 1, "unknown event `a#xy`", Some("did you mean `a#x`?")),
                (0, 2, "unknown event `c#x`", Some("the file is not among those read"))
            ]
        );
        // Alone, the file loads and the link is left out.
        let alone = load_str("b.yaml", b).unwrap();
        assert!(alone.events[0].related.is_empty());
        // A `#` without a file or with no valid id after it is an error in the file itself.
        let bad = "title: B\nevents:\n  - {id: y, title: Y, date: 2017, related: [\"#x\", \"a#Not\"]}\n";
        let e = load_str("b.yaml", bad).unwrap_err().to_string();
        assert!(e.contains("`#x` is not a link to another file's event"), "{e}");
        assert!(e.contains("`a#Not` is not a link"), "{e}");
    }

    #[test]
    fn same_stems_are_told_apart() {
        let a = "title: A\nevents:\n  - {id: x, title: X, date: 2016}\n";
        let m = merged(&[("one/t.yaml", a), ("two/t.yaml", a)]);
        let stems: Vec<&str> = m.timeline.files.iter().map(|f| f.stem.as_str()).collect();
        assert_eq!(stems, ["t", "t-2"]);
        assert_eq!(m.timeline.find_event("t-2#x"), Ok(1));
    }

    #[test]
    fn sidecars_are_not_timelines() {
        assert!(is_sidecar(Path::new("dir/trade.notes.yaml")));
        assert!(!is_sidecar(Path::new("dir/trade.yaml")));
        assert!(!is_sidecar(Path::new("notes.yaml")));
    }

    #[test]
    fn directories_expand_and_repeats_are_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let t = "title: T\nevents: []\n";
        for name in ["b.yaml", "a.yml", "c.json", "a.notes.yaml", "readme.md"] {
            std::fs::write(dir.path().join(name), t).unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.yaml")).unwrap();
        let a = dir.path().join("a.yml");
        let inputs = expand(&[dir.path().to_path_buf(), a.clone()]).unwrap();
        let names: Vec<String> =
            inputs.files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["a.yml", "b.yaml", "c.json"]);
        assert_eq!(inputs.notes.len(), 1);
        assert!(inputs.notes[0].contains("given twice"), "{:?}", inputs.notes);
        let empty = tempfile::tempdir().unwrap();
        std::fs::write(empty.path().join("x.notes.yaml"), t).unwrap();
        let e = expand(&[empty.path().to_path_buf()]).unwrap_err();
        assert!(e.to_string().contains("no timelines in"), "{e}");
    }

    #[test]
    fn parallel_reading_keeps_the_order_and_reports_every_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..5 {
            let path = dir.path().join(format!("t{i}.yaml"));
            let text = if i % 2 == 1 {
                format!("title: T{i}\nevents:\n  - {{id: e, title: broken, date: 2016-13}}\n")
            } else {
                format!("title: T{i}\nevents:\n  - {{id: e{i}, title: E{i}, date: 2016}}\n")
            };
            std::fs::write(&path, text).unwrap();
            files.push(path);
        }
        let results = parse_all(&files);
        let titles: Vec<String> =
            results.iter().map(|r| r.as_ref().map_or("err".into(), |t| t.title.clone())).collect();
        assert_eq!(titles, ["T0", "err", "T2", "err", "T4"]);
        let e = load_all(&files, false).unwrap_err();
        let shown = e.to_string();
        assert!(shown.contains("t1.yaml:3:") && shown.contains("t3.yaml:3:"), "{shown}");
        let good: Vec<PathBuf> = files.iter().step_by(2).cloned().collect();
        let loaded = load_all(&good, true).unwrap();
        assert_eq!(loaded.timeline.events.len(), 3);
        assert_eq!(loaded.parts.len(), 3);
        assert_eq!(load_all(&good, false).unwrap().parts.len(), 0);
    }

    mod properties {
        use super::*;
        use crate::model::link::DeepLink;
        use proptest::prelude::*;

        /// Up to three files of events (file, id, year, month): ids unique within a file, each
        /// event related to the one before it in its file.
        fn files(events: &[(usize, u8, i32, u32)]) -> Vec<Timeline> {
            (0..3)
                .filter_map(|f| {
                    let mut seen = HashSet::new();
                    let mut text = format!("title: F{f}\ncountries:\n  - {{id: cn, name: China}}\nevents:\n");
                    let mut previous: Option<String> = None;
                    for &(file, id, year, month) in events {
                        if file != f || !seen.insert(id) {
                            continue;
                        }
                        let id = format!("e{id}");
                        let related = previous.as_ref().map(|p| format!(", related: [{p}]")).unwrap_or_default();
                        text.push_str(&format!(
                            "  - {{id: {id}, title: {id} of {f}, date: {year}-{month:02}, countries: [cn]{related}}}\n"
                        ));
                        previous = Some(id);
                    }
                    previous.map(|_| load_str(&format!("dir{f}/f{f}.yaml"), &text).expect("generated files load"))
                })
                .collect()
        }

        proptest! {
            #[test]
            fn merging_keeps_every_event_in_time_order_and_every_name_finds_its_event(
                events in proptest::collection::vec((0usize..3, 0u8..6, 1990i32..1993, 1u32..13), 1..40)
            ) {
                let parts = files(&events);
                let total: usize = parts.iter().map(|p| p.events.len()).sum();
                let titles: Vec<Vec<String>> = parts.iter().map(|p| p.events.iter().map(|e| e.title.clone()).collect()).collect();
                let m = merge(parts);
                let t = &m.timeline;
                prop_assert!(m.conflicts.is_empty());
                prop_assert_eq!(t.countries.len(), 1, "one China, however many files");
                prop_assert_eq!(t.events.len(), total);
                for pair in t.events.windows(2) {
                    prop_assert_ne!(pair[0].date.chronological(&pair[1].date), std::cmp::Ordering::Greater);
                }
                for (i, e) in t.events.iter().enumerate() {
                    // Each event is its file's, and a name for it finds it again.
                    prop_assert!(titles[e.file].contains(&e.title));
                    prop_assert_eq!(t.find_event(&t.qualified_id(i)), Ok(i));
                    let shared = t.events.iter().any(|o| o.id == e.id && o.file != e.file);
                    prop_assert_eq!(t.shared_ids.contains(&e.id), shared);
                    let link = DeepLink { file: Some(format!("dir{}/f{}.yaml", e.file, e.file).into()), id: e.id.clone() };
                    let read = DeepLink::parse(&link.to_string(), |_| false);
                    prop_assert_eq!(read.as_ref(), Some(&link));
                    // Links stay within the file, and both directions agree.
                    for l in &e.related {
                        prop_assert_eq!(t.events[l.event].file, e.file);
                        prop_assert!(t.referred_by[l.event].contains(&i));
                    }
                }
            }

            #[test]
            fn any_word_is_a_link_or_not_and_any_reference_finds_or_explains(word in "\\PC{0,30}") {
                let t = merge(files(&[(0, 1, 1990, 1), (1, 1, 1991, 2)])).timeline;
                if let Some(link) = DeepLink::parse(&word, |_| false) {
                    prop_assert!(crate::model::loader::is_valid_event_id(&link.id));
                }
                if let Err(e) = t.find_event(&word) {
                    prop_assert!(!e.message.chars().any(char::is_control), "{:?}", e.message);
                }
            }
        }
    }
}
