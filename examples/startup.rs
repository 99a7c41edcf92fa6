//! Measures the explorer as a person meets it, in a real pseudo-terminal: time to the first
//! frame (and whether it shows events), to the events being shown, to the whole timeline (a
//! reopen from the cache shows the first events from its head before: issue #27), to answer
//! `G`, and to quit (also in the middle of loading).
//!
//! ```sh
//! cargo build --release --examples
//! cargo run --release --example generate -- 100000 > /tmp/100k.yaml
//! target/release/examples/startup target/release/timeline-explorer            # built-in
//! target/release/examples/startup target/release/timeline-explorer /tmp/100k.yaml
//! ```
//!
//! Reopening from the cache: run it twice with `XDG_CACHE_HOME` set to a directory of its own
//! (the first run fills the cache).

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    bytes: Arc<Mutex<usize>>,
}

impl Screen {
    fn wait(&self, start: Instant, done: impl Fn(&str, usize) -> bool) -> Duration {
        self.wait_text(start, done).0
    }

    /// As `wait`, with the screen it waited for.
    fn wait_text(&self, start: Instant, done: impl Fn(&str, usize) -> bool) -> (Duration, String) {
        loop {
            let text = self.parser.lock().unwrap().screen().contents();
            if done(&text, *self.bytes.lock().unwrap()) {
                return (start.elapsed(), text);
            }
            assert!(start.elapsed() < Duration::from_secs(120), "timed out; screen:\n{text}");
            std::thread::sleep(Duration::from_micros(500));
        }
    }
}

fn session(
    binary: &str,
    file: Option<&str>,
) -> (Box<dyn portable_pty::Child + Send + Sync>, Box<dyn Write + Send>, Screen, Instant) {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let binary = std::fs::canonicalize(binary).expect("the binary exists");
    let mut cmd = CommandBuilder::new(binary);
    cmd.env("TERM", "xterm-256color");
    if let Some(f) = file {
        cmd.arg(f);
    }
    let start = Instant::now();
    let child = pair.slave.spawn_command(cmd).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let bytes = Arc::new(Mutex::new(0usize));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (p, b) = (Arc::clone(&parser), Arc::clone(&bytes));
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
            *b.lock().unwrap() += n;
        }
    });
    let writer = pair.master.take_writer().unwrap();
    std::mem::forget(pair.master);
    (child, writer, Screen { parser, bytes }, start)
}

fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>, start: Instant) -> Duration {
    loop {
        if child.try_wait().unwrap().is_some() {
            return start.elapsed();
        }
        assert!(start.elapsed() < Duration::from_secs(30), "did not exit");
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let binary = args.next().expect("usage: startup BINARY [FILE]");
    let file = args.next();

    let (mut child, mut writer, screen, start) = session(&binary, file.as_deref());
    let (first_frame, text) = screen.wait_text(start, |text, _| text.contains('┌'));
    let events = |text: &str| text.contains(" events") && !text.contains("Loading");
    let events_shown = screen.wait(start, |text, _| events(text));
    let whole = screen.wait(start, |text, _| events(text) && !text.contains("loading the rest"));
    let with_events = if events(&text) { "with events" } else { "loading screen" };
    println!("first frame:      {} ({with_events})", ms(first_frame));
    println!("events shown:     {}", ms(events_shown));
    println!("whole timeline:   {}", ms(whole));
    let before = *screen.bytes.lock().unwrap();
    let pressed = Instant::now();
    writer.write_all(b"G").unwrap();
    // The status bar shows "N/N" once the last event is selected.
    let at_last = |text: &str| {
        text.split_whitespace().any(|w| match w.split_once('/') {
            Some((a, b)) => a == b && a.parse::<u64>().is_ok_and(|n| n > 1),
            None => false,
        })
    };
    let answered = screen.wait(pressed, |text, bytes| bytes > before && at_last(text));
    println!("G answered:       {}", ms(answered));
    std::thread::sleep(Duration::from_millis(300));
    let quit = Instant::now();
    writer.write_all(b"q").unwrap();
    println!("q to exit:        {}", ms(wait_exit(&mut child, quit)));

    if file.is_some() {
        let (mut child, mut writer, screen, start) = session(&binary, file.as_deref());
        screen.wait(start, |text, _| text.contains("Loading"));
        let quit = Instant::now();
        writer.write_all(b"q").unwrap();
        println!("q while loading:  {}", ms(wait_exit(&mut child, quit)));
    }
}
