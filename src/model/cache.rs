//! A binary cache of loaded, validated timelines, so that a file which has not changed since
//! it was last loaded opens without being parsed again.
//!
//! An entry is keyed by the file's content (an XXH3-128 hash of the bytes read, so the timeline
//! always belongs to exactly the bytes that were hashed, even if the file changes while it is
//! read), the program (its version, [`FORMAT_VERSION`] and the size and modification time of
//! its executable: a rebuilt program never reads an older build's layout) and nothing else: the
//! name the file is opened by is put back on after reading. The entry holds a checksum of its
//! payload, so a truncated or damaged entry is detected and the file is parsed instead, and the
//! entry written again. Entries are written to a temporary file and renamed into place, so a
//! reader never sees half an entry and two writers at once leave one whole entry. The total
//! size is bounded: after each write the least recently used entries are removed first.
//!
//! Beside an entry, a *head* (`model::head`, [`Kind::Head`]): the first screen's part of the
//! timeline, under the same key with its own magic and checksum, so the explorer's first frame
//! shows events while the whole entry is read.
//!
//! The cache is off unless the program turns it on ([`set_enabled`]); `check`, tests and
//! `--no-cache` leave it off.
//!
//! It knows nothing of what a timeline is: it stores any [`Entry`], and the loader says what a
//! timeline's entry must hold (`loader::load_cached`). So the model's types do not depend on it,
//! and the imports between the files stay a tree (scripts/import-graph.py).

use super::loader;
use serde::{de::DeserializeOwned, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// Changed whenever what is written changes in a way the program fingerprint would not show.
pub const FORMAT_VERSION: u32 = 1;
/// What the cache may hold in all; the oldest entries go first when a write passes it.
pub const DEFAULT_LIMIT_BYTES: u64 = 512 * 1024 * 1024;
const MAGIC: &[u8; 8] = b"TLXCACHE";
/// A head entry's magic (`model::head`): never read as a whole timeline, nor one as a head.
const HEAD_MAGIC: &[u8; 8] = b"TLXHEAD1";
/// Magic, format version, key, payload length, payload checksum.
const HEADER_BYTES: usize = 8 + 4 + 32 + 8 + 16;
/// A temporary file older than this was left by a writer that died; eviction removes it.
const STALE_TEMPORARY: Duration = Duration::from_secs(600);

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Turns the user's cache on or off for this process (off by default).
pub fn set_enabled(on: bool) {
    ENABLED.store(on, Ordering::Relaxed);
}

/// The user's cache, when it is turned on and there is a place for it.
pub fn active() -> Option<Cache> {
    ENABLED.load(Ordering::Relaxed).then(Cache::user).flatten()
}

/// A cache directory and its size bound.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    limit: u64,
}

/// What the cache stores: a value that checks what it points at, and takes the name its file is
/// opened by now (an entry is keyed by content, not by name).
pub trait Entry: Serialize + DeserializeOwned {
    /// Whether every index inside points at something: the rest of the program indexes without
    /// checking, so an entry written by anybody else must not make it panic.
    fn references_hold(&self) -> bool;
    /// Named as `name` now.
    fn rename(&mut self, name: &str);
}

/// What names one entry: the content's hash and the program's fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key([u8; 32]);

impl Cache {
    pub fn new(dir: PathBuf, limit: u64) -> Cache {
        Cache { dir, limit }
    }

    /// `$XDG_CACHE_HOME/timeline-explorer/`, else the platform's cache directory.
    pub fn user() -> Option<Cache> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|d| !d.is_empty() && Path::new(d).is_absolute())
            .map(PathBuf::from)
            .or_else(dirs::cache_dir)?;
        Some(Cache::new(base.join("timeline-explorer"), DEFAULT_LIMIT_BYTES))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry(&self, key: &Key, kind: Kind) -> PathBuf {
        let hex: String = key.0.iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{hex}.{}", kind.extension()))
    }

    /// The timeline stored for `key`, if there is a whole, undamaged entry for it. `name` is
    /// how messages name the file now.
    pub fn get<T: Entry>(&self, key: &Key, name: &str) -> Option<T> {
        self.get_kind(key, name, Kind::Whole)
    }

    /// The head stored beside the entry for `key` (`model::head`), on the same terms as `get`.
    pub fn get_head<T: Entry>(&self, key: &Key, name: &str) -> Option<T> {
        self.get_kind(key, name, Kind::Head)
    }

    fn get_kind<T: Entry>(&self, key: &Key, name: &str, kind: Kind) -> Option<T> {
        let path = self.entry(key, kind);
        let bytes = loader::read_bounded(&path, self.limit, loader::Reading::Found).ok()?;
        let mut timeline: T = decode_kind(key, &bytes, kind)?;
        timeline.rename(name);
        // Used now: the last to be evicted. A cache that cannot be touched still reads.
        let _ =
            std::fs::File::options().write(true).open(&path).and_then(|f| f.set_modified(SystemTime::now()));
        Some(timeline)
    }

    /// Stores a timeline for `key`. Failures are ignored: the cache only ever saves time.
    pub fn put<T: Entry>(&self, key: &Key, timeline: &T) {
        let _ = self.try_put(key, timeline, Kind::Whole);
    }

    /// Stores a head beside the entry for `key`; failures are ignored as for `put`.
    pub fn put_head<T: Entry>(&self, key: &Key, head: &T) {
        let _ = self.try_put(key, head, Kind::Head);
    }

    fn try_put<T: Entry>(&self, key: &Key, timeline: &T, kind: Kind) -> std::io::Result<()> {
        let bytes = encode_kind(key, timeline, kind).map_err(std::io::Error::other)?;
        if bytes.len() as u64 > self.limit {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let path = self.entry(key, kind);
        // Unique to this write: other processes and other threads of this one write too.
        static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let write = WRITES.fetch_add(1, Ordering::Relaxed);
        let temporary = self.dir.join(format!(".{}.{write}.tmp", std::process::id()));
        let written = std::fs::write(&temporary, &bytes).and_then(|()| {
            // Something that is not a file in the entry's place (an empty directory) is moved
            // out of the way; anything else makes the rename fail, and the entry is not kept.
            if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                let _ = std::fs::remove_dir(&path);
            }
            std::fs::rename(&temporary, &path)
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written?;
        self.evict(&path);
        Ok(())
    }

    /// Removes the least recently used entries until the total is within the limit, and
    /// temporary files left by writers that died. `keep` (the entry just written) stays.
    fn evict(&self, keep: &Path) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let now = SystemTime::now();
        let mut found: Vec<(SystemTime, u64, PathBuf)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") {
                if now.duration_since(modified).unwrap_or_default() > STALE_TEMPORARY {
                    let _ = std::fs::remove_file(&path);
                }
            } else if (name.ends_with(".bin") || name.ends_with(".head")) && meta.is_file() {
                found.push((modified, meta.len(), path));
            }
        }
        let mut total: u64 = found.iter().map(|(_, size, _)| size).sum();
        found.sort();
        for (_, size, path) in found {
            if total <= self.limit {
                break;
            }
            if path != keep && std::fs::remove_file(&path).is_ok() {
                total -= size;
            }
        }
    }
}

/// The key of a file's content for this program.
pub fn key(content: &[u8]) -> Key {
    keyed(xxhash_rust::xxh3::xxh3_128(content))
}

/// The key of content with this hash.
fn keyed(content: u128) -> Key {
    let content = content.to_le_bytes();
    let mut key = [0; 32];
    key[..16].copy_from_slice(&content);
    key[16..].copy_from_slice(&program_fingerprint().to_le_bytes());
    Key(key)
}

/// The key of a regular file's content, hashed as it is read a piece at a time (`key` of the
/// whole, without holding it: a reopen need not read a big file into memory to find its
/// entry). Nothing for anything but a regular file within `limit` bytes, or when it cannot be
/// read.
pub fn key_of_file(path: &Path, limit: u64) -> Option<Key> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    // Opened without blocking, and only once it is known to be a file: a FIFO would wait for a
    // writer, and reading it here would take what the parse needs.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > limit {
        return None;
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut piece = vec![0; 1 << 20];
    let mut file = file.take(limit + 1);
    let mut read = 0u64;
    loop {
        match file.read(&mut piece) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&piece[..n]);
                read += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    (read <= limit).then(|| keyed(hasher.digest128()))
}

/// The program's version, the format's, and its executable's size and modification time.
fn program_fingerprint() -> u128 {
    static FINGERPRINT: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    *FINGERPRINT.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata).ok();
        let (size, modified) = exe.map_or((0, 0), |m| {
            let modified = m.modified().ok().and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
            (m.len(), modified.map_or(0, |d| d.as_nanos()))
        });
        let text = format!("{} {FORMAT_VERSION} {size} {modified}", env!("CARGO_PKG_VERSION"));
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    })
}

/// The two kinds of entry for one key: the whole timeline, and its head (`model::head`), each
/// in its own file with its own magic and checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Whole,
    Head,
}

impl Kind {
    fn extension(self) -> &'static str {
        match self {
            Kind::Whole => "bin",
            Kind::Head => "head",
        }
    }

    fn magic(self) -> &'static [u8; 8] {
        match self {
            Kind::Whole => MAGIC,
            Kind::Head => HEAD_MAGIC,
        }
    }
}

/// An entry: the header (with the key it answers and its payload's checksum), then the payload.
pub fn encode<T: Entry>(key: &Key, timeline: &T) -> Result<Vec<u8>, String> {
    encode_kind(key, timeline, Kind::Whole)
}

/// An entry of `kind`, as `encode`.
pub fn encode_kind<T: Entry>(key: &Key, timeline: &T, kind: Kind) -> Result<Vec<u8>, String> {
    let payload = postcard::to_stdvec(timeline).map_err(|e| e.to_string())?;
    let mut bytes = Vec::with_capacity(HEADER_BYTES + payload.len());
    bytes.extend_from_slice(kind.magic());
    bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bytes.extend_from_slice(&key.0);
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

/// The timeline of an entry, if it is whole, for `key`, and reads back completely.
pub fn decode<T: Entry>(key: &Key, bytes: &[u8]) -> Option<T> {
    decode_kind(key, bytes, Kind::Whole)
}

/// The value of an entry of `kind`, as `decode`: an entry of the other kind is not read.
pub fn decode_kind<T: Entry>(key: &Key, bytes: &[u8], kind: Kind) -> Option<T> {
    let (header, payload) = bytes.split_at_checked(HEADER_BYTES)?;
    let (magic, rest) = header.split_at(8);
    let (version, rest) = rest.split_at(4);
    let (stored_key, rest) = rest.split_at(32);
    let (length, checksum) = rest.split_at(8);
    let whole = magic == kind.magic()
        && version == FORMAT_VERSION.to_le_bytes()
        && stored_key == key.0
        && length == (payload.len() as u64).to_le_bytes()
        && checksum == xxhash_rust::xxh3::xxh3_128(payload).to_le_bytes();
    if !whole {
        return None;
    }
    match postcard::take_from_bytes::<T>(payload) {
        Ok((entry, [])) if entry.references_hold() => Some(entry),
        _ => None,
    }
}

/// Extension values as JSON text: the cache's format has no self-describing values.
pub mod extensions_as_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(
        extensions: &[(String, serde_json::Value)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let texts: Vec<(&str, String)> =
            extensions.iter().map(|(k, v)| (k.as_str(), v.to_string())).collect();
        texts.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(String, serde_json::Value)>, D::Error> {
        let texts: Vec<(String, String)> = Vec::deserialize(d)?;
        texts
            .into_iter()
            .map(|(k, v)| serde_json::from_str(&v).map(|v| (k, v)).map_err(serde::de::Error::custom))
            .collect()
    }
}

/// A day as its number counted from 1 January of year 1 (negative before it).
pub mod day {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(day.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| serde::de::Error::custom("day out of range"))
    }
}

/// An IANA zone by its name (its number would change with the zone database).
pub mod tz_name {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(tz: &chrono_tz::Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(|_| serde::de::Error::custom("unknown zone"))
    }
}

#[cfg(test)]
pub(crate) mod tests;
