//! The detail pane's rows with the theme's styles: the layout itself is plain data
//! (`explorer::detail`), styled here only for the rows a frame draws.

use super::theme::Theme;
use crate::explorer::detail::{DetailLayout, Part};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Rows `from..from + count`, styled: the highlighted link stands out, and every
/// case-insensitive occurrence of `needle` (lower-case) is marked as a search match.
pub fn styled(
    layout: &DetailLayout,
    from: usize,
    count: usize,
    selected_link: Option<usize>,
    needle: Option<&str>,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let style_of = |part: Part| match part {
        Part::Title => theme.title,
        Part::Label => theme.label,
        Part::Heading => theme.heading,
        Part::Plain => Style::default(),
        Part::Item => theme.text,
        Part::Link(i) if selected_link == Some(i) => theme.link_selected,
        Part::Link(_) => theme.link,
    };
    let needle = needle.filter(|n| !n.is_empty());
    layout
        .rows
        .iter()
        .skip(from)
        .take(count)
        .map(|row| {
            let mut spans = Vec::with_capacity(row.len());
            for (content, part) in row {
                let style = style_of(*part);
                match needle {
                    Some(needle) => highlight(&mut spans, content, style, needle, theme.matched),
                    None => spans.push(Span::styled(content.clone(), style)),
                }
            }
            Line::from(spans)
        })
        .collect()
}

/// Pushes `content` as spans, every case-insensitive occurrence of `needle` restyled.
fn highlight(spans: &mut Vec<Span<'static>>, content: &str, style: Style, needle: &str, matched: Style) {
    let found = crate::model::search::occurrences(content, needle);
    if found.is_empty() {
        spans.push(Span::styled(content.to_string(), style));
        return;
    }
    let chars: Vec<char> = content.chars().collect();
    let mut at = 0;
    for (start, end) in found {
        if start > at {
            spans.push(Span::styled(chars[at..start].iter().collect::<String>(), style));
        }
        spans.push(Span::styled(chars[start..end].iter().collect::<String>(), style.patch(matched)));
        at = end;
    }
    if at < chars.len() {
        spans.push(Span::styled(chars[at..].iter().collect::<String>(), style));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    #[test]
    fn styling_marks_the_selected_link_and_the_matches() {
        let t = model::load_builtin().unwrap();
        let event = t.event_index("dialogue-round-3").unwrap();
        let layout = DetailLayout::new(&t, event, 60);
        let theme = Theme::default();
        let link = layout.links[0].first_row;
        let lines = styled(&layout, link, 1, Some(0), None, &theme);
        assert!(lines[0].spans.iter().any(|s| s.style == theme.link_selected));
        let lines = styled(&layout, link, 1, None, None, &theme);
        assert!(lines[0].spans.iter().all(|s| s.style != theme.link_selected));
        let lines = styled(&layout, 0, 1, None, Some("round"), &theme);
        let marked: String = lines[0]
            .spans
            .iter()
            .filter(|s| s.style == theme.title.patch(theme.matched))
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(marked.to_lowercase(), "round");
    }
}
