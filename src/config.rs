//! The config file: `$XDG_CONFIG_HOME/timeline-explorer/config.toml` (or `--config PATH`).
//!
//! It sets the theme, the layout and lanes the explorer opens in, named saved views (filters),
//! and rebinds any action of the keymap. Every problem is a located error in the same form as a
//! timeline's (`FILE:LINE:COL: error: …` with the line, carets and a did-you-mean); a setting
//! with a problem keeps its default, and any problem in `[keys]` keeps the whole default keymap,
//! so a half-applied rebinding can never leave two actions on one key. The explorer starts
//! either way and says so.
//!
//! The file is read with the `toml` crate's spanned document (`toml::de::DeTable`) rather than
//! `serde` structs: every key and value keeps where it was written, which the messages need.

use crate::keys::action::Action;
use crate::keys::keymap::{self, Binding, Key, Mode, KEYMAP};
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::lanes::Grouping;
use crate::model::loader::{read_bounded, LoadError, Reading};
use crate::model::query::Query;
use crate::model::suggest::did_you_mean;
use crate::text::escape;
use crate::tui::app::View;
use crate::tui::theme::ThemeKind;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

/// What a config file asks for. `None` and empty mean "the default".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub theme: Option<ThemeKind>,
    /// `[colors]`: a role's colour, in file order (each checked for contrast on `theme`).
    pub colors: Vec<(String, ratatui::style::Color)>,
    pub view: Option<View>,
    pub lanes: Option<Grouping>,
    /// Saved views, in file order: a name and its query text (checked to parse).
    pub views: Vec<(String, String)>,
    /// The keymap with the file's rebindings; `None` when it rebinds nothing (or has a problem).
    pub keymap: Option<Vec<Binding>>,
    /// `cache = false`: parse every file instead of reopening it from the cache.
    pub cache: Option<bool>,
    /// `hyperlinks`: whether the detail's URLs are terminal hyperlinks (OSC 8).
    pub hyperlinks: Option<crate::tui::terminal::Hyperlinks>,
}

/// Config files larger than this are refused: a config is a page of settings, not megabytes.
pub const MAX_BYTES: u64 = 1024 * 1024;

/// The config file's place: `$XDG_CONFIG_HOME/timeline-explorer/config.toml`, else the
/// platform's config directory (`~/.config` on Linux, `~/Library/Application Support` on macOS).
pub fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|d| !d.is_empty() && Path::new(d).is_absolute())
        .map(PathBuf::from)
        .or_else(dirs::config_dir)?;
    Some(base.join("timeline-explorer").join("config.toml"))
}

/// Reads the config: `explicit` (which must exist), else the default place (which may not).
/// `Ok(None)`: there is no config file. `Err`: the file cannot be read at all.
pub fn load(explicit: Option<&Path>) -> Result<Option<(PathBuf, Config, Option<Diagnostics>)>, String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_path() {
            Some(p) if p.exists() => p,
            _ => return Ok(None),
        },
    };
    // Found at the default place, only a regular file is read (a FIFO there must not hang
    // the explorer); named with --config, anything is, but never more than the limit.
    let reading = if explicit.is_some() { Reading::Named } else { Reading::Found };
    let name = path.display().to_string();
    let bytes = match read_bounded(&path, MAX_BYTES, reading) {
        Ok(bytes) => bytes,
        // Found, not named: a FIFO or a device there is skipped with a note, the defaults apply.
        Err(LoadError::Unreadable { reason, .. }) if reading == Reading::Found && path.exists() => {
            let d = Diagnostic::new(format!("{reason}; the defaults apply"));
            return Ok(Some((
                path,
                Config::default(),
                Some(Diagnostics { file: name, source: String::new(), items: vec![d] }),
            )));
        }
        Err(e) => return Err(e.headline()),
    };
    let (config, problems) = match String::from_utf8(bytes) {
        Ok(text) => parse(&name, &text),
        Err(_) => {
            let d = Diagnostic::new("the config file is not UTF-8 text");
            (Config::default(), Some(Diagnostics { file: name, source: String::new(), items: vec![d] }))
        }
    };
    Ok(Some((path, config, problems)))
}

/// The config in `source` and its problems, if any (`file` names it in messages).
pub fn parse(file: &str, source: &str) -> (Config, Option<Diagnostics>) {
    let mut reader = Reader { source, items: Vec::new() };
    let config = match DeTable::parse(source) {
        Ok(table) => reader.config(table.get_ref()),
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            reader.error(range, e.message().trim_end().to_string(), None);
            Config::default()
        }
    };
    // The table's keys come back in name order; problems read best in the file's order.
    reader.items.sort_by_key(|d| (d.line, d.column));
    let problems = (!reader.items.is_empty()).then(|| Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        items: reader.items,
    });
    (config, problems)
}

struct Reader<'s> {
    source: &'s str,
    items: Vec<Diagnostic>,
}

type Entry<'a, 'i> = (&'a Spanned<std::borrow::Cow<'i, str>>, &'a Spanned<DeValue<'i>>);

const TOP_KEYS: [&str; 7] = ["theme", "colors", "layout", "views", "keys", "cache", "hyperlinks"];
/// The roles `[colors]` can set (see `Theme::recolor`).
pub const COLOR_ROLES: [&str; 8] =
    ["accent", "dim", "link", "planned", "year", "error", "changed", "selection"];
const LAYOUT_KEYS: [&str; 2] = ["view", "lanes"];
const VIEWS: [&str; 2] = ["list", "timeline"];

impl Reader<'_> {
    fn error(&mut self, range: Range<usize>, message: String, help: Option<String>) {
        let (line, column, span) = spot(self.source, range);
        self.items.push(Diagnostic::new(message).at(line, column, span).with_help(help));
    }

    fn unknown_key(&mut self, key: &Spanned<std::borrow::Cow<'_, str>>, place: &str, known: &[&str]) {
        let help = did_you_mean(key.get_ref(), known.iter().copied())
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some(format!("known here: {}", known.join(", "))));
        self.error(key.span(), format!("unknown key `{}` {place}", escape(key.get_ref())), help);
    }

    /// A string value, or an error saying what was wanted.
    fn string<'a>(&mut self, value: &'a Spanned<DeValue<'_>>, what: &str) -> Option<&'a str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.as_ref()),
            other => {
                self.error(value.span(), format!("{what} must be a string, not {}", other.type_str()), None);
                None
            }
        }
    }

    fn table<'a, 'i>(&mut self, value: &'a Spanned<DeValue<'i>>, what: &str) -> Option<&'a DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(value.span(), format!("{what} must be a table, not {}", other.type_str()), None);
                None
            }
        }
    }

    /// One of `names`, or an error with the nearest.
    fn choice(&mut self, value: &Spanned<DeValue<'_>>, what: &str, names: &[&str]) -> Option<usize> {
        let text = self.string(value, what)?;
        if let Some(at) = names.iter().position(|n| n.eq_ignore_ascii_case(text.trim())) {
            return Some(at);
        }
        let help = did_you_mean(text, names.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        self.error(
            value.span(),
            format!("`{}` is not a {what} (one of {})", escape(text), names.join(", ")),
            help,
        );
        None
    }

    fn config(&mut self, table: &DeTable<'_>) -> Config {
        let mut config = Config::default();
        let mut pending_colors = Vec::new();
        for (key, value) in table.iter() {
            match key.get_ref().as_ref() {
                "theme" => {
                    config.theme = self
                        .choice(value, "theme", &ThemeKind::ALL.map(ThemeKind::name))
                        .map(|i| ThemeKind::ALL[i]);
                }
                "colors" => {
                    let Some(colors) = self.table(value, "[colors]") else { continue };
                    // Checked once the theme is known, whatever order the file gives them in.
                    pending_colors = colors.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                }
                "layout" => {
                    let Some(layout) = self.table(value, "[layout]") else { continue };
                    for (key, value) in layout.iter() {
                        match key.get_ref().as_ref() {
                            "view" => {
                                config.view = self.choice(value, "layout", &VIEWS).map(|i| {
                                    if i == 0 {
                                        View::List
                                    } else {
                                        View::Timeline
                                    }
                                });
                            }
                            "lanes" => {
                                let names: Vec<&str> = Grouping::ALL.iter().map(|g| g.name()).collect();
                                config.lanes =
                                    self.choice(value, "grouping", &names).map(|i| Grouping::ALL[i]);
                            }
                            _ => self.unknown_key(key, "in [layout]", &LAYOUT_KEYS),
                        }
                    }
                }
                "views" => {
                    let Some(views) = self.table(value, "[views]") else { continue };
                    // In the file's order (the table gives them in name order).
                    let mut entries: Vec<_> = views.iter().collect();
                    entries.sort_by_key(|(name, _)| name.span().start);
                    for (name, value) in entries {
                        if let Some(text) = self.view(name, value) {
                            config.views.push((name.get_ref().to_string(), text));
                        }
                    }
                }
                "cache" => match value.get_ref() {
                    DeValue::Boolean(on) => config.cache = Some(*on),
                    other => self.error(
                        value.span(),
                        format!("cache must be true or false, not {}", other.type_str()),
                        None,
                    ),
                },
                "hyperlinks" => {
                    use crate::tui::terminal::Hyperlinks;
                    config.hyperlinks = self
                        .choice(value, "hyperlinks setting", &Hyperlinks::NAMES)
                        .map(|i| Hyperlinks::ALL[i]);
                }
                "keys" => {
                    let Some(keys) = self.table(value, "[keys]") else { continue };
                    config.keymap = self.keys(keys);
                }
                _ => self.unknown_key(key, "at the top of the file", &TOP_KEYS),
            }
        }
        let kind = config.theme.unwrap_or(ThemeKind::Dark);
        let mut theme = crate::tui::theme::Theme::new(kind, false);
        for (role, value) in &pending_colors {
            if let Some(color) = self.color(&mut theme, kind, role, value) {
                config.colors.push((role.get_ref().to_string(), color));
            }
        }
        config
    }

    /// One `role = "colour"` of `[colors]`, applied to `theme` if it reads and keeps contrast.
    fn color(
        &mut self,
        theme: &mut crate::tui::theme::Theme,
        kind: ThemeKind,
        role: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<ratatui::style::Color> {
        if !COLOR_ROLES.contains(&role.get_ref().as_ref()) {
            self.unknown_key(role, "in [colors]", &COLOR_ROLES);
            return None;
        }
        let text = self.string(value, "a colour")?;
        let Ok(color) = text.trim().parse::<ratatui::style::Color>() else {
            self.error(
                value.span(),
                format!("`{}` is not a colour", escape(text)),
                Some("write a name (cyan, light-red), an xterm number (0-255) or #rrggbb".into()),
            );
            return None;
        };
        match theme.recolor(role.get_ref(), color, kind) {
            Ok(()) => Some(color),
            Err(why) => {
                self.error(
                    value.span(),
                    format!("`{}`: {why}", escape(text)),
                    Some("choose a colour with more contrast".into()),
                );
                None
            }
        }
    }

    fn view(
        &mut self,
        name: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<String> {
        if name.get_ref().trim().is_empty() {
            self.error(name.span(), "a view needs a name".into(), None);
            return None;
        }
        // A name is shown in the `V` menu and in messages: a control character in it (an
        // escape sequence, a bidi override) would drive the terminal or hide what it says.
        if name.get_ref().chars().any(crate::text::is_unsafe) {
            let message = format!("view `{}`: a name cannot hold control characters", escape(name.get_ref()));
            self.error(name.span(), message, Some("name the view with printable characters".into()));
            return None;
        }
        let text = self.string(value, "a view")?;
        if text.chars().any(crate::text::is_unsafe) {
            let message = format!(
                "view `{}`: the query `{}` holds control characters",
                escape(name.get_ref()),
                escape(text)
            );
            self.error(value.span(), message, None);
            return None;
        }
        match Query::parse(text) {
            Ok(_) => Some(text.to_string()),
            Err(e) => {
                // Point into the string when the query says where; +1 for the opening quote.
                let span = value.span();
                let at = e.offset.map_or(span.clone(), |o| {
                    let start = (span.start + 1 + o).min(span.end);
                    start..span.end.saturating_sub(1).max(start)
                });
                self.error(at, format!("view `{}`: {}", escape(name.get_ref()), e.message), e.help.clone());
                None
            }
        }
    }

    /// `[keys.MODE] action = "key"` or `["key", …]`: the keymap with these keys in place of
    /// the defaults, if every entry is good and no key ends up meaning two things.
    fn keys(&mut self, keys: &DeTable<'_>) -> Option<Vec<Binding>> {
        let before = self.items.len();
        let mut map: Vec<Binding> = KEYMAP.to_vec();
        // Which binding each entry changed, and where, to point at conflicts.
        let mut changed: Vec<(usize, Range<usize>)> = Vec::new();
        let mode_names: Vec<&str> = Mode::ALL.iter().map(|m| mode_name(*m)).collect();
        for (section, table) in keys.iter() {
            let Some(mode) = Mode::ALL.into_iter().find(|m| mode_name(*m) == section.get_ref().as_ref())
            else {
                self.unknown_key(section, "in [keys] (a place where keys apply)", &mode_names);
                continue;
            };
            let Some(table) = self.table(table, "a [keys] section") else { continue };
            for entry in table.iter() {
                if let Some((at, keys)) = self.binding(mode, entry) {
                    map[at].keys = Box::leak(keys.into_boxed_slice());
                    changed.retain(|(i, _)| *i != at);
                    changed.push((at, entry.1.span()));
                }
            }
        }
        self.conflicts(&map, &changed);
        (self.items.len() == before && !changed.is_empty()).then_some(map)
    }

    /// One `action = keys` entry of `[keys.MODE]`: the binding it changes and its new keys.
    fn binding(&mut self, mode: Mode, (name, value): Entry<'_, '_>) -> Option<(usize, Vec<Key>)> {
        let found = KEYMAP.iter().position(|b| b.mode == mode && b.action.name() == name.get_ref().as_ref());
        let Some(at) = found else {
            let here: Vec<&str> = KEYMAP.iter().filter(|b| b.mode == mode).map(|b| b.action.name()).collect();
            let elsewhere: Vec<&str> = KEYMAP
                .iter()
                .filter(|b| b.action.name() == name.get_ref().as_ref())
                .map(|b| mode_name(b.mode))
                .collect();
            let renamed =
                crate::keys::action::RENAMED.iter().find(|(old, _)| *old == name.get_ref().as_ref());
            let help = if let Some((old, new)) = renamed {
                Some(format!("`{old}` is now `{new}`"))
            } else if !elsewhere.is_empty() {
                Some(format!(
                    "it is bound in {}",
                    elsewhere.iter().map(|m| format!("[keys.{m}]")).collect::<Vec<_>>().join(", ")
                ))
            } else {
                did_you_mean(name.get_ref(), here.iter().copied()).map(|s| format!("did you mean `{s}`?"))
            };
            self.error(
                name.span(),
                format!("`{}` is not an action of [keys.{}]", escape(name.get_ref()), mode_name(mode)),
                help.or_else(|| Some("`timeline-explorer config --default` lists every action".into())),
            );
            return None;
        };
        let texts: Vec<&Spanned<DeValue<'_>>> = match value.get_ref() {
            DeValue::Array(items) => items.iter().collect(),
            _ => vec![value],
        };
        if texts.is_empty() {
            self.error(value.span(), format!("`{}` needs at least one key", escape(name.get_ref())), None);
            return None;
        }
        let mut keys = Vec::new();
        for text in texts {
            let word = self.string(text, "a key")?;
            match parse_key(word) {
                Some(key) => keys.push(key),
                None => {
                    self.error(
                        text.span(),
                        format!("`{}` is not a key", escape(word)),
                        Some("keys are written like j, G, ?, Space, Enter, Esc, Tab, Up, PgDn, F2, Ctrl-D, Alt-B, Shift-Down".into()),
                    );
                    return None;
                }
            }
        }
        Some((at, keys))
    }

    /// A key that means two things where it is pressed: an error at the entry that made it so.
    fn conflicts(&mut self, map: &[Binding], changed: &[(usize, Range<usize>)]) {
        let mut reported = std::collections::HashSet::new();
        for mode in Mode::ALL {
            let own: Vec<usize> = (0..map.len())
                .filter(|&i| map[i].mode == mode || (mode.inherits_global() && map[i].mode == Mode::Global))
                .collect();
            for (n, &a) in own.iter().enumerate() {
                for &b in &own[n + 1..] {
                    let Some(key) = map[a].keys.iter().find(|k| map[b].keys.contains(k)) else { continue };
                    let blame = changed.iter().rev().find(|(i, _)| *i == a || *i == b);
                    let Some((_, range)) = blame else { continue };
                    if !reported.insert((a.min(b), a.max(b))) {
                        continue;
                    }
                    let (first, second) = (map[a].action.name(), map[b].action.name());
                    self.error(
                        range.clone(),
                        format!(
                            "`{}` would mean both `{first}` and `{second}` in {}",
                            key.label(),
                            place(mode)
                        ),
                        Some("give one of them another key".into()),
                    );
                }
            }
        }
    }
}

/// A place in words, for messages.
fn place(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "every pane",
        Mode::List => "the event list",
        Mode::Detail => "the detail",
        Mode::Axis => "the timeline",
        Mode::Help => "the help",
        Mode::Prompt => "prompts",
        Mode::Picker => "pickers and menus",
        Mode::Editor => "the annotation editor",
        Mode::Story => "story mode",
    }
}

/// The name of a place in `[keys.NAME]`.
pub fn mode_name(mode: Mode) -> &'static str {
    match mode {
        Mode::Global => "global",
        Mode::List => "list",
        Mode::Detail => "detail",
        Mode::Axis => "timeline",
        Mode::Help => "help",
        Mode::Prompt => "prompt",
        Mode::Picker => "picker",
        Mode::Editor => "editor",
        Mode::Story => "story",
    }
}

/// Line, column (characters, 1-based) and length in characters of a byte range of `source`.
fn spot(source: &str, range: Range<usize>) -> (usize, usize, usize) {
    let start = floor_char(source, range.start.min(source.len()));
    let end = floor_char(source, range.end.clamp(start, source.len()));
    let before = &source[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..start].chars().count() + 1;
    let marked = &source[start..end];
    let span = marked.split('\n').next().unwrap_or("").chars().count();
    (line, column, span.max(1))
}

fn floor_char(s: &str, mut at: usize) -> usize {
    while at > 0 && !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A key as the help writes it (`j`, `Ctrl-D`, `Shift-Tab`, `PgDn`, `↑`), or as people often
/// do (`ctrl-d`, `C-d`, `PageDown`, `Up`, `escape`).
pub fn parse_key(text: &str) -> Option<Key> {
    let mut rest = text;
    let mut modifiers = KeyModifiers::NONE;
    loop {
        let lower = rest.to_ascii_lowercase();
        let cut = ["ctrl-", "control-", "c-"].iter().find(|p| lower.starts_with(**p) && rest.len() > p.len());
        if let Some(p) = cut {
            modifiers |= KeyModifiers::CONTROL;
            rest = &rest[p.len()..];
            continue;
        }
        let cut = ["alt-", "meta-", "m-"].iter().find(|p| lower.starts_with(**p) && rest.len() > p.len());
        if let Some(p) = cut {
            modifiers |= KeyModifiers::ALT;
            rest = &rest[p.len()..];
            continue;
        }
        if lower.starts_with("shift-") && rest.len() > 6 {
            modifiers |= KeyModifiers::SHIFT;
            rest = &rest[6..];
            continue;
        }
        break;
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => match c {
            '↑' => KeyCode::Up,
            '↓' => KeyCode::Down,
            '←' => KeyCode::Left,
            '→' => KeyCode::Right,
            c => KeyCode::Char(c),
        },
        _ => match rest.to_ascii_lowercase().as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" | "ins" => KeyCode::Insert,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=24) => KeyCode::F(n),
                _ => return None,
            },
            _ => return None,
        },
    };
    Some(match code {
        // Shift-Tab is the terminal's BackTab.
        KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => {
            Key { code: KeyCode::BackTab, modifiers: modifiers - KeyModifiers::SHIFT }
        }
        // A shifted letter is the capital; Ctrl and Alt chords are written with the small one.
        KeyCode::Char(c) if modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Key { code: KeyCode::Char(c.to_ascii_lowercase()), modifiers: modifiers - KeyModifiers::SHIFT }
        }
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::SHIFT) => {
            Key { code: KeyCode::Char(c.to_ascii_uppercase()), modifiers: KeyModifiers::NONE }
        }
        code => Key { code, modifiers },
    })
}

/// A TOML string holding `text`.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The commented default config that `timeline-explorer config --default` prints: every
/// setting at its default, commented out, every action of the keymap with its keys.
pub fn default_text() -> String {
    let mut out = String::from(
        "# timeline-explorer's config file. Its place: $XDG_CONFIG_HOME/timeline-explorer/config.toml\n\
         # (usually ~/.config/timeline-explorer/config.toml), or --config PATH.\n\
         # Every setting below is at its default and commented out: uncomment one to change it.\n\
         \n\
         # Colours: THEME_NAMES (--theme overrides it).\n\
         # theme = \"dark\"\n\
         \n\
         # Reopen a file that has not changed from a binary cache in $XDG_CACHE_HOME/timeline-explorer\n\
         # instead of parsing it again (--no-cache turns it off once; `check` always parses).\n\
         # cache = true\n\
         \n\
         # URLs in the detail as terminal hyperlinks (OSC 8): auto (unless TERM names a terminal\n\
         # known to show them as text: linux, vt100…, dumb, eterm), always, or never.\n\
         # hyperlinks = \"auto\"\n\
         \n\
         [colors]\n\
         # Colours for roles of the theme: a name (cyan, light-red), an xterm number (0-255) or\n\
         # #rrggbb. Each is measured on the theme: text keeps 4.5:1 (7:1 in high contrast).\n\
         # Roles: accent, dim, link, planned, year, error, changed, selection (its background).\n\
         # accent = \"cyan\"\n\
         \n\
         [layout]\n\
         # The layout the explorer opens in: list or timeline (v switches).\n\
         # view = \"list\"\n",
    )
    .replace("THEME_NAMES", &ThemeKind::names());
    out.push_str(&format!("# The timeline view's lanes, in either layout: {}.\n", Grouping::names()));
    out.push_str(
        "# lanes = \"none\"\n\
         \n\
         [views]\n\
         # Saved filters, in the query language: --view NAME opens one, V picks one.\n\
         # cn-law = \"country:CN agency:mps\"\n\
         \n\
         # Keys: any action can be given other keys where it applies. A key written here\n\
         # replaces all of the action's default keys there; a key may mean one thing per place.\n\
         # Keys are written like j, G, ?, Space, Enter, Esc, Tab, Shift-Tab, Up, PgDn, F2, Ctrl-D.\n",
    );
    for mode in Mode::ALL {
        out.push_str(&format!("\n[keys.{}]  # {}\n", mode_name(mode), mode.title()));
        for b in KEYMAP.iter().filter(|b| b.mode == mode) {
            let keys: Vec<String> = b.keys.iter().map(|k| quoted(&k.label())).collect();
            let value = if keys.len() == 1 { keys[0].clone() } else { format!("[{}]", keys.join(", ")) };
            out.push_str(&format!("# {} = {value}  # {}\n", b.action.name(), keymap::binding_description(b)));
        }
    }
    out
}

/// The action names `[keys.MODE]` accepts, for tests and the default text.
pub fn action_names(mode: Mode) -> Vec<&'static str> {
    KEYMAP.iter().filter(|b| b.mode == mode).map(|b| Action::name(b.action)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_the_keymap_reads_back_from_its_label() {
        for b in KEYMAP {
            for k in b.keys {
                assert_eq!(parse_key(&k.label()), Some(*k), "{}", k.label());
            }
        }
        assert_eq!(
            parse_key("ctrl-d"),
            Some(Key { code: KeyCode::Char('d'), modifiers: KeyModifiers::CONTROL })
        );
        assert_eq!(parse_key("PageDown"), parse_key("PgDn"));
        assert_eq!(parse_key("shift-g"), parse_key("G"));
        assert_eq!(parse_key("F25"), None);
        assert_eq!(parse_key("jj"), None);
        assert_eq!(parse_key(""), None);
        assert_eq!(parse_key("-"), Some(Key { code: KeyCode::Char('-'), modifiers: KeyModifiers::NONE }));
    }

    #[test]
    fn an_old_action_name_is_told_its_new_one() {
        let (_, problems) = parse("c.toml", "[keys.global]\ncycle-zone = \"F9\"\n");
        let text = problems.expect("an old name is a problem").to_string();
        assert!(text.contains("c.toml:2:1") && text.contains("`cycle-zone` is now `open-zone`"), "{text}");
        let (_, problems) = parse("c.toml", "[keys.global]\nopen-zone = \"F9\"\n");
        assert!(problems.is_none(), "{problems:?}");
    }

    #[test]
    fn hyperlinks_are_auto_always_or_never_and_a_typo_gets_the_nearest() {
        use crate::tui::terminal::Hyperlinks;
        let (config, problems) = parse("c.toml", "hyperlinks = \"never\"\n");
        assert!(problems.is_none());
        assert_eq!(config.hyperlinks, Some(Hyperlinks::Never));
        let (config, problems) = parse("c.toml", "hyperlinks = \"allways\"\n");
        assert_eq!(config.hyperlinks, None, "a bad value keeps the default");
        let text = problems.unwrap().to_string();
        assert!(text.contains("c.toml:1:14") && text.contains("did you mean `always`?"), "{text}");
        assert!(Hyperlinks::Auto.wanted(Some("xterm-256color")));
        assert!(Hyperlinks::Auto.wanted(Some("tmux-256color")));
        for plain in [None, Some(""), Some("dumb"), Some("linux"), Some("vt100"), Some("eterm-color")] {
            assert!(!Hyperlinks::Auto.wanted(plain), "{plain:?}");
            assert!(Hyperlinks::Always.wanted(plain));
        }
        assert!(!Hyperlinks::Never.wanted(Some("xterm-256color")));
    }

    #[test]
    fn action_names_are_unique_in_each_place() {
        for mode in Mode::ALL {
            let names = action_names(mode);
            let set: std::collections::HashSet<&&str> = names.iter().collect();
            assert_eq!(set.len(), names.len(), "{mode:?}: {names:?}");
        }
        assert_eq!(Action::MoveDown.name(), "move-down");
        assert_eq!(
            Action::Open(crate::keys::action::PopupKind::Picker(crate::keys::action::PickerKind::Tags))
                .name(),
            "open-picker-tags"
        );
    }

    #[test]
    fn the_default_text_reads_without_a_problem_and_changes_nothing() {
        let (config, problems) = parse("default.toml", &default_text());
        assert!(problems.is_none(), "{}", problems.unwrap());
        assert_eq!(config, Config::default());
        // Uncommented, every line rebinds an action to its own keys: still the default keymap.
        let uncommented: String = default_text()
            .lines()
            .map(|l| if l.starts_with("# ") && l.contains(" = ") { &l[2..] } else { l })
            .map(|l| format!("{l}\n"))
            .collect();
        let (config, problems) = parse("all.toml", &uncommented);
        assert!(problems.is_none(), "{}", problems.unwrap());
        assert_eq!(config.keymap.as_deref(), Some(KEYMAP));
        assert_eq!(config.theme, Some(ThemeKind::Dark));
        assert_eq!(config.colors, vec![("accent".to_string(), ratatui::style::Color::Cyan)]);
        assert_eq!(config.views, vec![("cn-law".to_string(), "country:CN agency:mps".to_string())]);
    }

    /// `[` and `]` are two actions: rebinding one leaves the other as it was (they once shared
    /// a row, and `previous-year = "["` took `]` away without a word).
    #[test]
    fn the_previous_and_next_year_keys_are_rebound_one_at_a_time() {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let (config, problems) = parse("years.toml", "[keys.global]\nprevious-year = \"F7\"\n");
        assert!(problems.is_none(), "{}", problems.unwrap());
        let map = config.keymap.expect("a keymap");
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let f7 = KeyEvent::new(KeyCode::F(7), KeyModifiers::NONE);
        assert_eq!(keymap::action_in(&map, Mode::List, &f7), Some(Action::PreviousYear));
        assert_eq!(keymap::action_in(&map, Mode::List, &key('[')), None);
        assert_eq!(keymap::action_in(&map, Mode::List, &key(']')), Some(Action::NextYear));
    }

    /// The lane kinds are listed once (`Grouping::ALL`); the default text and `L`'s description
    /// are written from that list, and the README's key table from the keymap
    /// (`readme_key_table_matches_the_keymap`). This shows the list reaching each of them.
    #[test]
    fn every_list_of_lane_kinds_is_the_declared_one() {
        let names = Grouping::names();
        assert!(default_text().contains(&format!("layout: {names}.")), "{}", default_text());
        assert!(Action::CycleLanes.description().ends_with(&format!("lanes: {names}")));
        let readme = include_str!("../README.md");
        assert!(readme.contains(&format!("lanes: {names} |")), "the README's key table");
    }

    /// The themes are listed once (`ThemeKind::ALL`, named as `--theme` takes them): the config's
    /// check and comments are written from that list, and the README is held to it.
    #[test]
    fn every_list_of_themes_is_the_declared_one() {
        assert_eq!(ThemeKind::names(), "dark, light or high-contrast");
        assert!(default_text().contains(&format!("# Colours: {} (--theme", ThemeKind::names())));
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&format!("# {} (--theme overrides it)", ThemeKind::names())),
            "README's config"
        );
        let names: Vec<&str> = ThemeKind::ALL.map(ThemeKind::name).to_vec();
        use clap::ValueEnum;
        let clap: Vec<String> = ThemeKind::value_variants()
            .iter()
            .filter_map(|t| t.to_possible_value())
            .map(|v| v.get_name().into())
            .collect();
        assert_eq!(clap, names, "--theme takes the same names");
        let (config, problems) = parse("c.toml", "theme = \"high-contrast\"\n");
        assert_eq!((config.theme, problems.is_none()), (Some(ThemeKind::HighContrast), true));
        let (_, problems) = parse("c.toml", "theme = \"hi-contrast\"\n");
        let wrong = problems.expect("an unknown theme is a problem").to_string();
        assert!(wrong.contains(&format!("one of {}", names.join(", "))), "{wrong}");
        assert!(wrong.contains("did you mean `high-contrast`?"), "{wrong}");
    }

    #[test]
    fn spots_count_characters() {
        assert_eq!(spot("a = 1\nbé = 2", 9..10), (2, 3, 1));
        assert_eq!(spot("", 0..0), (1, 1, 1));
        assert_eq!(spot("ab", 5..9), (1, 3, 1));
    }
}
