//! The thread that reads the terminal, and a way to stop it reading for a while.
//!
//! The reader owns the terminal's input: it waits in `poll(2)` on the terminal and on a pipe
//! of its own, reads the bytes that are there, and parses them into events itself (with
//! `terminput`, crossterm's parser as a library). It never asks crossterm to read: crossterm
//! waits on edge-triggered wake-ups, and when a resize and a key arrived together it took the
//! resize and left the key unread with no wake-up to come, so the key waited for the next one
//! while this loop spun on a terminal that stayed readable (issue 25). Here `poll(2)` is
//! level-triggered and every readable byte is read, so neither can happen.
//!
//! While an editor runs on the terminal (`E`), nothing else may read it. `pause` writes to the
//! pipe and waits until the reader says it has stopped; `resume` lets it go on. Idle, it sleeps
//! in `poll` with no timeout: no wake-ups, no CPU. SIGWINCH also wakes it through the pipe; the
//! terminal's size is then read and a resize sent if it changed (a burst of signals is one
//! resize). A lone ESC is the Esc key unless more bytes came with it (then it starts a
//! sequence), as crossterm decides.

use super::message::Message;
use ratatui::crossterm::event::Event;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

#[derive(Default)]
struct Gate {
    /// Asked to stop reading.
    paused: bool,
    /// The reader has stopped (it waits on the condvar).
    stopped: bool,
}

/// The handle the runner keeps to pause and resume the reader.
pub struct Reader {
    gate: Arc<(Mutex<Gate>, Condvar)>,
    wake: OwnedFd,
}

fn pipe() -> io::Result<(OwnedFd, OwnedFd)> {
    use std::os::fd::FromRawFd;
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe(2) writes.
    if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: pipe(2) succeeded, so both are open descriptors that nothing else owns.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

fn poke(fd: RawFd) {
    // SAFETY: writes one byte from a valid buffer to a descriptor this module owns.
    let _ = unsafe { libc::write(fd, [1u8].as_ptr().cast(), 1) };
}

/// Empties the wake pipe (it is non-blocking).
fn drain(fd: RawFd) {
    let mut buf = [0u8; 64];
    // SAFETY: reads into a valid buffer of the length given.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// The terminal crossterm reads: stdin when it is one, else /dev/tty (kept open here).
fn terminal_fd() -> io::Result<(RawFd, Option<std::fs::File>)> {
    if std::io::IsTerminal::is_terminal(&io::stdin()) {
        Ok((io::stdin().as_raw_fd(), None))
    } else {
        let tty = std::fs::File::open("/dev/tty")?;
        Ok((tty.as_raw_fd(), Some(tty)))
    }
}

/// The running reader, for `pause` and `resume` from wherever the terminal is handed over.
static RUNNING: std::sync::OnceLock<Reader> = std::sync::OnceLock::new();

/// Starts the reader for this process (once).
pub fn start(tx: Sender<Message>) -> io::Result<()> {
    if RUNNING.get().is_none() {
        let _ = RUNNING.set(Reader::spawn(tx)?);
    }
    Ok(())
}

/// Stops the running reader, if there is one, until `resume`.
pub fn pause() {
    if let Some(reader) = RUNNING.get() {
        reader.pause();
    }
}

pub fn resume() {
    if let Some(reader) = RUNNING.get() {
        reader.resume();
    }
}

impl Reader {
    /// Starts the reader; every event goes to `tx` as `Message::Input`.
    pub fn spawn(tx: Sender<Message>) -> io::Result<Reader> {
        let (wake_read, wake) = pipe()?;
        // SAFETY: fcntl on a descriptor this function owns.
        unsafe { libc::fcntl(wake_read.as_raw_fd(), libc::F_SETFL, libc::O_NONBLOCK) };
        signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, wake.try_clone()?)?;
        let (tty, keep_open) = terminal_fd()?;
        let gate = Arc::new((Mutex::new(Gate::default()), Condvar::new()));
        let shared = Arc::clone(&gate);
        std::thread::spawn(move || {
            let _keep_open = keep_open;
            let _ = read_loop(&tx, tty, &wake_read, &shared);
            let _ = tx.send(Message::InputClosed);
        });
        Ok(Reader { gate, wake })
    }

    /// Stops the reader and waits until it has: the terminal's input is left alone.
    pub fn pause(&self) {
        let (lock, cvar) = &*self.gate;
        let Ok(mut gate) = lock.lock() else { return };
        gate.paused = true;
        poke(self.wake.as_raw_fd());
        while !gate.stopped {
            // The reader may be inside a read that has input; it stops right after.
            match cvar.wait_timeout(gate, Duration::from_secs(2)) {
                Ok((g, timeout)) if !timeout.timed_out() => gate = g,
                _ => return,
            }
        }
    }

    pub fn resume(&self) {
        let (lock, cvar) = &*self.gate;
        if let Ok(mut gate) = lock.lock() {
            gate.paused = false;
            cvar.notify_all();
        }
    }
}

fn read_loop(
    tx: &Sender<Message>,
    tty: RawFd,
    wake: &OwnedFd,
    gate: &(Mutex<Gate>, Condvar),
) -> io::Result<()> {
    let mut parser = InputParser::default();
    let mut size = ratatui::crossterm::terminal::size().ok();
    let mut chunk = [0u8; 4096];
    loop {
        {
            let (lock, cvar) = gate;
            let mut g = lock.lock().map_err(|_| io::Error::other("poisoned"))?;
            if g.paused {
                g.stopped = true;
                cvar.notify_all();
                while g.paused {
                    g = cvar.wait(g).map_err(|_| io::Error::other("poisoned"))?;
                }
                g.stopped = false;
                // What was half read before the editor ran is not the start of anything now.
                parser = InputParser::default();
            }
        }
        let mut fds = [
            libc::pollfd { fd: tty, events: libc::POLLIN, revents: 0 },
            libc::pollfd { fd: wake.as_raw_fd(), events: libc::POLLIN, revents: 0 },
        ];
        // SAFETY: `fds` is a valid array of two pollfd for the length given.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if fds[1].revents != 0 {
            drain(wake.as_raw_fd());
            // A resize (or a pause request, which the gate above handles): say the new size
            // once, however many signals came.
            let now = ratatui::crossterm::terminal::size().ok();
            if let Some((w, h)) = now.filter(|_| now != size) {
                size = now;
                if tx.send(Message::Input(Event::Resize(w, h))).is_err() {
                    return Ok(());
                }
            }
        }
        if fds[0].revents & libc::POLLIN != 0 {
            // SAFETY: reads into a valid buffer of the length given; the descriptor is open.
            let got = unsafe { libc::read(tty, chunk.as_mut_ptr().cast(), chunk.len()) };
            if got < 0 {
                let e = io::Error::last_os_error();
                if matches!(e.kind(), io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock) {
                    continue;
                }
                return Err(e);
            }
            if got == 0 {
                return Err(io::Error::other("the terminal went away"));
            }
            for event in parser.feed(&chunk[..got as usize]) {
                if tx.send(Message::Input(event)).is_err() {
                    return Ok(());
                }
            }
        } else if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Err(io::Error::other("the terminal went away"));
        }
    }
}

/// Bytes from the terminal into events, one byte at a time as crossterm does: a sequence split
/// across reads waits for its end; bytes that start nothing known are dropped.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

/// Longer than any sequence a terminal sends for a key or a click; a bracketed paste can be
/// long, so the bound is generous.
const MAX_PENDING: usize = 1 << 20;

impl InputParser {
    /// The events `bytes` complete. An ESC that is the last byte of a read and starts nothing
    /// yet is the Esc key; with more bytes after it, it starts a sequence.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for (i, &byte) in bytes.iter().enumerate() {
            self.pending.push(byte);
            let more = i + 1 < bytes.len();
            if self.pending == [0x1b] && more {
                continue;
            }
            match terminput::Event::parse_from(&self.pending) {
                Ok(Some(event)) => {
                    self.pending.clear();
                    if let Ok(event) = terminput_crossterm::to_crossterm(event) {
                        out.push(event);
                    }
                }
                Ok(None) if self.pending.len() < MAX_PENDING => {}
                _ => self.pending.clear(),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

    fn keys(events: &[Event]) -> Vec<KeyCode> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(KeyEvent { code, .. }) => Some(*code),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn keys_arrows_and_clicks_parse_as_crossterm_reads_them() {
        let mut p = InputParser::default();
        let events = p.feed(b"jq\x1b[A\x1b[6~\x1bOP\r\x7f\t");
        assert_eq!(
            keys(&events),
            [
                KeyCode::Char('j'),
                KeyCode::Char('q'),
                KeyCode::Up,
                KeyCode::PageDown,
                KeyCode::F(1),
                KeyCode::Enter,
                KeyCode::Backspace,
                KeyCode::Tab
            ]
        );
        let click = p.feed(b"\x1b[<0;10;5M");
        match click.as_slice() {
            [Event::Mouse(m)] => {
                assert_eq!((m.kind, m.column, m.row), (MouseEventKind::Down(MouseButton::Left), 9, 4))
            }
            other => panic!("{other:?}"),
        }
        let ctrl_c = p.feed(b"\x03");
        assert!(
            matches!(ctrl_c.as_slice(), [Event::Key(k)] if k.modifiers == KeyModifiers::CONTROL && k.code == KeyCode::Char('c'))
        );
    }

    #[test]
    fn a_sequence_split_across_reads_waits_for_its_end() {
        let mut p = InputParser::default();
        assert!(p.feed(b"\x1b[").is_empty());
        assert!(p.feed(b"1;5").is_empty());
        assert_eq!(keys(&p.feed(b"C")), [KeyCode::Right]);
        // A character of several bytes, split.
        assert!(p.feed(&"é".as_bytes()[..1]).is_empty());
        assert_eq!(keys(&p.feed(&"é".as_bytes()[1..])), [KeyCode::Char('é')]);
    }

    #[test]
    fn a_lone_esc_is_the_key_and_esc_then_a_letter_is_alt() {
        let mut p = InputParser::default();
        assert_eq!(keys(&p.feed(b"\x1b")), [KeyCode::Esc]);
        let alt_b = p.feed(b"\x1bb");
        assert!(
            matches!(alt_b.as_slice(), [Event::Key(k)] if k.modifiers == KeyModifiers::ALT && k.code == KeyCode::Char('b'))
        );
    }

    #[test]
    fn garbage_is_dropped_and_what_follows_still_arrives() {
        let mut p = InputParser::default();
        let events = p.feed(b"\x1b[999999999999999999999999999999~j\xff\xfek");
        assert_eq!(keys(&events).last(), Some(&KeyCode::Char('k')));
        assert!(keys(&events).contains(&KeyCode::Char('j')));
    }
}
