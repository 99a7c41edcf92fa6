//! Entering and leaving the full-screen terminal. Every way out — quit, Ctrl-C, a signal, a
//! panic, the terminal going away — ends in `restore`, which undoes everything `enter` did.

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::Terminal;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

static ENTERED: AtomicBool = AtomicBool::new(false);
static PANIC_HOOK: Once = Once::new();
/// The thread that entered the terminal, the only one whose panic restores it.
static OWNER: std::sync::Mutex<Option<std::thread::ThreadId>> = std::sync::Mutex::new(None);

pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, the alternate screen, mouse capture, hidden cursor; and a panic hook that undoes
/// them before the panic message prints, so the message is readable and the shell usable.
pub fn enter() -> io::Result<Tty> {
    PANIC_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Only the thread that entered the terminal owns the screen. A worker's panic is caught and reported to
            // the main loop (`tui::guarded`), which ends the explorer and restores it there;
            // restoring here would leave the loop drawing on a normal screen.
            if OWNER.lock().is_ok_and(|owner| *owner == Some(std::thread::current().id())) {
                restore();
            }
            previous(info);
        }));
    });
    if let Ok(mut owner) = OWNER.lock() {
        *owner = Some(std::thread::current().id());
    }
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    let mut stdout = io::stdout();
    if let Err(e) = execute!(stdout, EnterAlternateScreen, EnableMouseCapture, Hide) {
        restore();
        return Err(e);
    }
    Terminal::new(CrosstermBackend::new(stdout)).inspect_err(|_| restore())
}

/// Leaves the terminal as it was. Safe to call more than once and when the terminal is gone.
pub fn restore() {
    if ENTERED.swap(false, Ordering::SeqCst) {
        let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
    }
}

/// Hands the terminal to `work` (an editor, the shell after Ctrl-Z): leaves the alternate
/// screen and raw mode, stops reading input, runs `work`, then takes the terminal back. The
/// caller redraws everything after (`redraw_all`). Without an entered terminal (tests on
/// a `TestBackend`) it only runs `work`.
pub fn handed_over<T>(work: impl FnOnce() -> T) -> io::Result<T> {
    if !ENTERED.load(Ordering::SeqCst) {
        return Ok(work());
    }
    super::reader::pause();
    restore();
    let out = work();
    enable_raw_mode()?;
    ENTERED.store(true, Ordering::SeqCst);
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, Hide)?;
    super::reader::resume();
    Ok(out)
}

/// Stops the process the way Ctrl-Z does in a shell; returns when it is continued (`fg`).
/// In a process group without a shell to come back to (orphaned), the system ignores the stop
/// and this returns at once.
pub fn stop_to_shell() {
    // SAFETY: raise(3) with a valid signal number; SIGTSTP has its default action here.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
}

/// Clears the screen and makes the next draw paint every cell, at the terminal's size now (it
/// may have changed while the terminal was handed over). Not `Terminal::clear`: since ratatui
/// 0.30 it asks the terminal where the cursor is and waits for the answer on stdin, which the
/// reader thread owns, so the answer never comes and the explorer ended with "the cursor
/// position could not be read".
pub fn redraw_all<B: ratatui::backend::Backend>(terminal: &mut Terminal<B>) -> Result<(), B::Error> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// Whether the detail's URLs are written as terminal hyperlinks (OSC 8): the config's
/// `hyperlinks` setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hyperlinks {
    /// Unless `TERM` names a terminal known to show the sequence as text.
    Auto,
    Always,
    Never,
}

impl Hyperlinks {
    pub const ALL: [Hyperlinks; 3] = [Hyperlinks::Auto, Hyperlinks::Always, Hyperlinks::Never];
    pub const NAMES: [&'static str; 3] = ["auto", "always", "never"];

    /// Whether to write them on a terminal whose `TERM` is `term`. Terminals that know OSC 8
    /// make links; most others ignore it; these few print it or worse: the Linux console, the
    /// DEC family, `dumb`, Emacs's term.
    pub fn wanted(self, term: Option<&str>) -> bool {
        match self {
            Hyperlinks::Always => true,
            Hyperlinks::Never => false,
            Hyperlinks::Auto => {
                let term = term.unwrap_or_default();
                !(term.is_empty()
                    || ["dumb", "linux", "cons25"].contains(&term)
                    || term.starts_with("vt")
                    || term.starts_with("eterm"))
            }
        }
    }
}

static HYPERLINKS: AtomicBool = AtomicBool::new(true);

/// Sets whether hyperlinks are written, once at start-up (the config and `TERM` decide).
pub fn set_hyperlinks(setting: Hyperlinks) {
    let term = std::env::var("TERM").ok();
    HYPERLINKS.store(setting.wanted(term.as_deref()), Ordering::SeqCst);
}

/// Whether the detail's URLs are written as hyperlinks on this terminal.
pub fn hyperlinks() -> bool {
    HYPERLINKS.load(Ordering::SeqCst)
}

/// Whether the explorer holds the terminal now (not in tests on a `TestBackend`).
pub fn entered() -> bool {
    ENTERED.load(Ordering::SeqCst)
}

/// A backend's error as an `io::Error`: crossterm's (already one) unchanged, any other (the
/// `TestBackend`'s, which cannot happen) wrapped.
pub fn backend_error<E: std::error::Error + Send + Sync + 'static>(error: E) -> io::Error {
    let error: Box<dyn std::error::Error + Send + Sync> = Box::new(error);
    match error.downcast::<io::Error>() {
        Ok(error) => *error,
        Err(other) => io::Error::other(other),
    }
}

/// Writes the cells of each `(x, y, width, url)` again, wrapped in an OSC 8 hyperlink to
/// `url` (already made safe by `detail::hyperlink_target`). The cells are the ones just drawn,
/// so the screen looks the same; the terminal now knows they link. Pieces of one URL share an
/// `id`, so terminals highlight a wrapped URL as one link.
pub fn write_hyperlinks<B: ratatui::backend::Backend>(
    backend: &mut B,
    buffer: &ratatui::buffer::Buffer,
    links: &[(u16, u16, u16, String)],
) -> Result<(), B::Error> {
    let mut cells = Vec::new();
    for (x, y, width, url) in links {
        let id = url.bytes().fold(5381u32, |h, b| h.wrapping_mul(33) ^ u32::from(b));
        for i in 0..*width {
            let Some(cell) = buffer.cell((x + i, *y)) else { continue };
            let mut cell = cell.clone();
            let mut symbol = cell.symbol().to_string();
            if i == 0 {
                symbol = format!("\x1b]8;id={id:x};{url}\x1b\\{symbol}");
            }
            if i + 1 == *width {
                symbol.push_str("\x1b]8;;\x1b\\");
            }
            cell.set_symbol(&symbol);
            cells.push((x + i, *y, cell));
        }
    }
    if cells.is_empty() {
        return Ok(());
    }
    backend.draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))?;
    backend.flush()
}
