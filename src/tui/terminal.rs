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
