//! The help overlay: every binding of the keymap, grouped by where it applies, then the mouse
//! and the query language. Generated from the keymap, so it cannot drift from the real keys.

use super::{framed, unused, Outcome, Popup};
use crate::explorer::Explorer;
use crate::keys::action::{Action, PopupKind};
use crate::keys::keymap::{self, Mode};
use crate::tui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Help {
    /// First line shown; drawing clamps it to the last screenful.
    pub scroll: usize,
}

impl Popup for Help {
    fn mode(&self) -> Mode {
        Mode::Help
    }

    fn update(&mut self, action: Action, _: Option<&Explorer>) -> Outcome {
        match action {
            Action::Open(PopupKind::Help) | Action::Back => return Outcome::Close,
            Action::ScrollDown => self.scroll += 1,
            Action::ScrollUp => self.scroll = self.scroll.saturating_sub(1),
            Action::ScrollPageDown => self.scroll += 10,
            Action::ScrollPageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::ScrollTop => self.scroll = 0,
            Action::ScrollBottom => self.scroll = usize::MAX / 2,
            other => return unused(other),
        }
        Outcome::Consumed
    }

    fn draw(&self, frame: &mut Frame, area: Rect, _: Option<&Explorer>, theme: &Theme) {
        let (width, height) = (area.width.saturating_sub(4).clamp(20, 100), area.height.saturating_sub(2));
        let inner = framed(frame, area, width, height, " Keys — ? or Esc closes ", theme);
        let lines = wrapped(help_lines(theme), usize::from(inner.width));
        let scroll = self.scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
        frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    }
}

/// `lines` fitted to `width` columns: a long line goes on under its text (after the keys
/// column, or its own leading spaces) rather than being cut at the box's edge.
pub fn wrapped(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if line.width() <= width || width < 8 {
            out.push(line);
            continue;
        }
        let (lead, rest): (Vec<Span>, Vec<Span>) = match line.spans.len() {
            1 => {
                let text = line.spans[0].content.as_ref();
                let body = text.trim_start();
                let indent = " ".repeat(text.len() - body.len());
                (vec![Span::raw(indent)], vec![Span::styled(body.to_string(), line.spans[0].style)])
            }
            _ => {
                let mut spans = line.spans.clone();
                let rest = spans.split_off(1);
                (spans, rest)
            }
        };
        let mut lead = Some(lead);
        let mut indent: usize = lead.iter().flatten().map(Span::width).sum();
        if indent > width / 2 {
            // The keys column leaves too little room: the keys on a line of their own.
            out.push(Line::from(lead.take().unwrap_or_default()).style(line.style));
            indent = 4;
        }
        let style = rest.first().map(|s| s.style).unwrap_or_default();
        let body: String = rest.iter().map(|s| s.content.as_ref()).collect();
        for piece in crate::text::wrap(body.trim_start(), width - indent) {
            let mut spans = lead.take().unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
            spans.push(Span::styled(piece, style));
            out.push(Line::from(spans).style(line.style));
        }
    }
    out
}

/// The help lines, generated from the keymap.
pub fn help_lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for mode in Mode::ALL {
        let bindings: Vec<_> = keymap::keymap().iter().filter(|b| b.mode == mode).collect();
        if bindings.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(mode.title().to_string(), theme.heading));
        for b in bindings {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<22}", keymap::keys_label(b)), theme.key),
                Span::raw(keymap::binding_description(b)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Without Ctrl or F-keys (terminals and screen readers may take them)".to_string(),
        theme.heading,
    ));
    for (chord, description, plain) in keymap::chord_lines() {
        lines.push(Line::from(vec![
            Span::styled(format!("  {chord:<22}"), theme.key),
            Span::raw(format!("or {plain}: {description}")),
        ]));
    }
    lines.push(Line::raw("  --plain reads commands a line at a time"));
    lines.push(Line::raw(""));
    lines.push(Line::styled("Mouse".to_string(), theme.heading));
    lines.push(Line::raw(
        "  click an event, a related link, a lane or the time axis to select; wheel scrolls",
    ));
    lines.push(Line::raw("  over the time axis or the timeline the wheel pans, Ctrl+wheel zooms"));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Timeline marks (v switches to the timeline, L groups it into lanes)".to_string(),
        theme.heading,
    ));
    // The marks in one column as wide as the widest (`joint A+B`) and a space.
    let legend = crate::tui::timeline::view::LEGEND;
    let column = legend.iter().map(|(mark, _)| crate::text::width(mark)).max().unwrap_or(0) + 1;
    for (mark, meaning) in legend {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", crate::text::pad(mark, column)), theme.key),
            Span::raw(*meaning),
        ]));
    }
    for text in [
        "  events a lane's rows cannot hold are counted in the +N at the end of its last row",
        "  (the selected event is always drawn); where more would be hidden than drawn, the",
        "  lane becomes a histogram: a column counts every event touching it, so a range or a",
        "  month- or year-only date counts in each column it covers; the title gives the scale",
    ] {
        lines.push(Line::raw(text));
    }
    lines.push(Line::raw("  m marks an event: the title then gives the time from the mark to the selection"));
    lines.push(Line::raw(""));
    lines.push(Line::styled("List badges (the countries right of each title)".to_string(), theme.heading));
    let badges = crate::model::sides::BADGE_LEGEND;
    let column = badges.iter().map(|(example, _)| crate::text::width(example)).max().unwrap_or(0) + 1;
    for (example, meaning) in badges {
        lines.push(Line::from(vec![
            Span::styled(format!("  {}", crate::text::pad(example, column)), theme.key),
            Span::raw(*meaning),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Filter queries (f)".to_string(), theme.heading));
    for text in [
        "  country:CN agency:fbi person:\"Guo Shengkun\" tag:hotline status:planned",
        "  by:US by:mps              who acted (a country covers its agencies and people)",
        "  from:2015-09 to:2016      events overlapping the dates",
        "  -tag:background           - negates any term",
        "  hotline launch            bare words: text that must all appear",
        "  one facet twice = either value (OR); different facets = all (AND)",
        "  names, short names and aliases work, in any case: country:china, agency:FBI",
    ] {
        lines.push(Line::raw(text));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The help's lines as plain text.
    fn help_text() -> Vec<String> {
        help_lines(&Theme::default())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    /// Every mark of the timeline's legend stands apart from its meaning, in one column
    /// (`joint A+B` once ran into its words).
    #[test]
    fn the_legend_marks_stand_apart_from_their_meanings() {
        let text = help_text();
        let mut columns = Vec::new();
        for (mark, meaning) in crate::tui::timeline::view::LEGEND {
            let line =
                text.iter().find(|l| l.trim_start().starts_with(mark)).expect("the mark is in the help");
            let at = line.find(meaning).expect("with its meaning");
            assert!(line[..at].ends_with(' '), "{line:?}");
            columns.push(crate::text::width(&line[..at]));
        }
        columns.dedup();
        assert_eq!(columns.len(), 1, "one column for the meanings");
    }

    /// Every badge example is explained with its meaning, so `(CN US)`-like rows are never a
    /// riddle.
    #[test]
    fn the_help_explains_every_list_badge() {
        let text = help_text();
        let heading = text.iter().position(|l| l.starts_with("List badges")).expect("a badges section");
        for (example, meaning) in crate::model::sides::BADGE_LEGEND {
            assert!(
                text[heading..].iter().any(|l| l.trim_start().starts_with(example) && l.ends_with(meaning)),
                "{example}: {meaning}"
            );
        }
    }

    #[test]
    fn the_help_says_which_chords_have_plain_keys() {
        let text = help_text();
        let chords = keymap::chord_alternatives();
        assert!(!chords.is_empty());
        for chord in chords {
            let label = chord.chord.label();
            let plain = chord.steps_label();
            assert!(
                text.iter()
                    .any(|l| l.trim_start().starts_with(&label) && l.contains(&format!("or {plain}: "))),
                "{label} → {plain} is not in the help"
            );
        }
    }

    #[test]
    fn long_lines_wrap_under_their_text_and_lose_no_word() {
        let text = |lines: &[Line]| -> Vec<String> {
            lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
        };
        let whole = help_lines(&Theme::default());
        let words =
            |lines: &[String]| lines.join(" ").split_whitespace().map(String::from).collect::<Vec<_>>();
        for width in [40, 60, 76, 96] {
            let fitted = text(&wrapped(whole.clone(), width));
            assert!(fitted.iter().all(|l| crate::text::width(l) <= width), "a line wider than {width}");
            assert_eq!(words(&fitted), words(&text(&whole)), "every word kept at width {width}");
        }
        // The `L` entry keeps its last word, under the description.
        let fitted = text(&wrapped(whole, 60));
        let at = fitted.iter().position(|l| l.contains("group the timeline into lanes")).unwrap();
        assert!(fitted[at..at + 3].join(" ").contains("file"), "{:?}", &fitted[at..at + 3]);
        assert!(fitted[at + 1].starts_with(&" ".repeat(24)), "{:?}", fitted[at + 1]);
    }

    #[test]
    fn scrolls_and_closes() {
        let mut help = Help::default();
        assert_eq!(help.update(Action::ScrollDown, None), Outcome::Consumed);
        help.update(Action::ScrollPageDown, None);
        assert_eq!(help.scroll, 11);
        help.update(Action::ScrollTop, None);
        assert_eq!(help.scroll, 0);
        help.update(Action::ScrollUp, None);
        assert_eq!(help.scroll, 0, "not above the top");
        help.update(Action::ScrollBottom, None);
        assert!(help.scroll > 1000, "drawing clamps it");
        assert_eq!(help.update(Action::First, None), Outcome::Consumed, "list keys do nothing here");
        assert_eq!(help.update(Action::Quit, None), Outcome::Ignored, "Ctrl-C still quits");
        assert_eq!(help.update(Action::Open(PopupKind::Help), None), Outcome::Close);
    }
}
