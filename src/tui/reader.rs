//! The thread that reads the terminal, and a way to stop it reading for a while.
//!
//! While an editor runs on the terminal (`E`), nothing else may read it: crossterm would take
//! the editor's keys. So the reader does not sit in crossterm's blocking read; it waits in
//! `poll(2)` on the terminal and on a pipe of its own, and reads with crossterm only what is
//! there. `pause` writes to the pipe and waits until the reader says it has stopped; `resume`
//! lets it go on. Idle, it sleeps in `poll` with no timeout: no wake-ups, no CPU. SIGWINCH also
//! wakes it (crossterm turns the signal into a resize event, which is then read).

use super::Message;
use ratatui::crossterm::event;
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
            }
        }
        // Whatever crossterm has already read or can read now, without waiting.
        while event::poll(Duration::ZERO)? {
            if tx.send(Message::Input(event::read()?)).is_err() {
                return Ok(());
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
        }
        if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
            && fds[0].revents & libc::POLLIN == 0
        {
            return Err(io::Error::other("the terminal went away"));
        }
    }
}
