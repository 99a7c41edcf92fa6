//! The selection: which shown event the cursor is on, how far the list is scrolled, and where
//! the selected event's detail is scrolled to and which of its links is highlighted.
//!
//! Invariant: the cursor is a position among the shown events (0 when none is shown), and the
//! list's rows from its scroll draw it. Every move goes through `move_to`, which clamps the
//! cursor, starts another event's detail at the top, and scrolls the list the least that shows
//! it; a change of the list's height goes through `keep_visible`. What the rows are (a year
//! heading wherever the year changes) is `ShownList`'s.

use crate::model::zone::Zone;
use crate::model::{Event, EventIx};
use chrono::{Datelike, NaiveDate};

/// One row of the event list as drawn: a year heading or an event (a position among the shown
/// events).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    Year(i32),
    Event(usize),
    /// `--changes REV`: a removed event at its old date (a position in `Since::ghosts`); never
    /// selected, it is no event of this version.
    Ghost(usize),
}

/// The shown events as the list draws them, `height` rows at a time.
#[derive(Clone, Copy)]
pub struct ShownList<'a> {
    pub events: &'a [Event],
    pub shown: &'a [EventIx],
    /// `--changes REV`: the ghost rows, each as (the position among the shown events it is
    /// drawn before — `shown.len()` after the last —, the ghost), in order.
    pub ghosts: &'a [(usize, usize)],
    /// The zone shown: an event's year is that of its first day there.
    pub zone: &'a Zone,
    pub height: usize,
}

impl ShownList<'_> {
    /// The first day of the shown event at `position`, in the zone shown.
    pub fn start_of(&self, position: usize) -> NaiveDate {
        self.events[self.shown[position]].date.days_in(self.zone).0
    }

    fn year_of(&self, position: usize) -> i32 {
        self.start_of(position).year()
    }

    /// How many ghost rows are drawn just before the shown event at `position`.
    fn ghosts_before(&self, position: usize) -> usize {
        let first = self.ghosts.partition_point(|&(before, _)| before < position);
        self.ghosts[first..].iter().take_while(|&&(before, _)| before == position).count()
    }

    /// Rows drawn from `offset`: a heading for the top row's year (so the year is always on
    /// screen), then events with a heading wherever the year changes.
    pub fn rows(&self, offset: usize) -> Vec<ListRow> {
        let height = self.height;
        let mut rows = Vec::with_capacity(height);
        let mut position = offset;
        // Two rows or fewer: the events themselves matter more than year headings.
        let headings = height > 2;
        let mut ghost = self.ghosts.partition_point(|&(before, _)| before < position);
        while rows.len() < height && position < self.shown.len() {
            let year = self.year_of(position);
            if headings && (position == offset || year != self.year_of(position - 1)) {
                rows.push(ListRow::Year(year));
            }
            while ghost < self.ghosts.len() && self.ghosts[ghost].0 == position {
                rows.push(ListRow::Ghost(self.ghosts[ghost].1));
                ghost += 1;
            }
            rows.push(ListRow::Event(position));
            position += 1;
        }
        rows.extend(self.ghosts[ghost..].iter().map(|&(_, g)| ListRow::Ghost(g)));
        rows.truncate(height);
        rows
    }

    /// The offset that draws `position` on the last row (or as low as it goes). Walks back one
    /// screenful at most, whatever the number of events.
    fn top_showing_at_bottom(&self, position: usize) -> usize {
        if self.height <= 2 {
            return position; // no year headings
        }
        let mut top = position;
        let mut used = 2 + self.ghosts_before(top); // the row, its year heading, ghosts above it
        while top > 0 {
            let cost =
                1 + usize::from(self.year_of(top - 1) != self.year_of(top)) + self.ghosts_before(top - 1);
            if used + cost > self.height {
                break;
            }
            used += cost;
            top -= 1;
        }
        top
    }
}

/// Where the selected event's detail is: rows scrolled past and the highlighted link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DetailPlace {
    pub scroll: usize,
    pub link: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Selection {
    /// A position among the shown events.
    cursor: usize,
    /// The position of the first event row drawn.
    list_offset: usize,
    detail: DetailPlace,
}

impl Selection {
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn detail(&self) -> DetailPlace {
        self.detail
    }

    /// The detail's place, for the selected event only (a move to another resets it).
    pub fn set_detail(&mut self, detail: DetailPlace) {
        self.detail = detail;
    }

    /// The one way the cursor moves: clamped to the shown events, another event's detail at
    /// the top, the list scrolled the least that shows it. Nothing moves when nothing is shown.
    pub fn move_to(&mut self, position: usize, list: &ShownList) {
        let Some(last) = list.shown.len().checked_sub(1) else { return };
        let position = position.min(last);
        if position != self.cursor {
            self.detail = DetailPlace::default();
        }
        self.cursor = position;
        self.keep_visible(list);
    }

    /// Back to the top of a list that changed, before the cursor is put on an event of it.
    pub fn restart(&mut self) {
        self.cursor = 0;
        self.list_offset = 0;
    }

    /// Scrolls so `position` is the top row if it can be, then as little as keeps the cursor
    /// drawn (after a reload: the reader's place in the list).
    pub fn scroll_to(&mut self, position: usize, list: &ShownList) {
        self.list_offset = position.min(list.shown.len().saturating_sub(1));
        self.keep_visible(list);
    }

    /// Moves the scroll the least so the cursor's row is drawn. Costs at most a screenful of
    /// work whatever the number of events.
    pub fn keep_visible(&mut self, list: &ShownList) {
        let Some(last) = list.shown.len().checked_sub(1) else {
            self.restart();
            return;
        };
        self.cursor = self.cursor.min(last);
        let list = ShownList { height: list.height.max(1), ..*list };
        if self.cursor < self.list_offset {
            self.list_offset = self.cursor;
        } else if !list.rows(self.list_offset).contains(&ListRow::Event(self.cursor)) {
            // Put the cursor on the last row.
            self.list_offset = list.top_showing_at_bottom(self.cursor);
        }
    }

    /// After the list grew taller, scrolls back so it is full rather than blank at the bottom
    /// (the cursor kept drawn by `keep_visible` after it).
    pub fn fill_screen(&mut self, list: &ShownList) {
        let height = list.height.max(1);
        let list = ShownList { height, ..*list };
        let Some(last) = list.shown.len().checked_sub(1) else { return };
        if self.list_offset == 0 || list.rows(self.list_offset).len() >= height {
            return;
        }
        self.list_offset = self.list_offset.min(list.top_showing_at_bottom(last));
    }

    /// The invariant, for tests.
    #[cfg(test)]
    pub fn check(&self, list: &ShownList) -> Result<(), String> {
        if list.shown.is_empty() {
            return if self.cursor == 0 { Ok(()) } else { Err(format!("cursor {} on nothing", self.cursor)) };
        }
        if self.cursor >= list.shown.len() {
            return Err(format!("cursor {} past {} events", self.cursor, list.shown.len()));
        }
        let list = ShownList { height: list.height.max(1), ..*list };
        if !list.rows(self.list_offset).contains(&ListRow::Event(self.cursor)) {
            return Err(format!("cursor {} not drawn from {}", self.cursor, self.list_offset));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[derive(Debug, Clone)]
    enum Step {
        Move(usize),
        Height(usize),
        Shown(Vec<bool>),
        ScrollTo(usize),
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            (0usize..40).prop_map(Step::Move),
            (0usize..30).prop_map(Step::Height),
            prop::collection::vec(any::<bool>(), 0..30).prop_map(Step::Shown),
            (0usize..40).prop_map(Step::ScrollTo),
        ]
    }

    proptest! {
        /// Moves, resizes and other shown events in any order: the cursor stays on a shown
        /// event (or at 0 on none) and on screen.
        #[test]
        fn the_cursor_is_on_a_shown_event_and_on_screen(steps in prop::collection::vec(step(), 0..40)) {
            let timeline = crate::model::load_builtin().unwrap();
            let mut shown: Vec<EventIx> = (0..timeline.events.len()).collect();
            let mut height = 5;
            let mut selection = Selection::default();
            for step in steps {
                match step {
                    Step::Move(p) => {
                        let list = ShownList { events: &timeline.events, shown: &shown, ghosts: &[], zone: &Zone::Utc, height };
                        selection.move_to(p, &list);
                    }
                    Step::Height(h) => {
                        height = h;
                        let list = ShownList { events: &timeline.events, shown: &shown, ghosts: &[], zone: &Zone::Utc, height };
                        selection.fill_screen(&list);
                    }
                    Step::Shown(keep) => {
                        shown = (0..timeline.events.len()).filter(|&e| keep.get(e) == Some(&true)).collect();
                        selection.restart();
                    }
                    Step::ScrollTo(p) => {
                        let list = ShownList { events: &timeline.events, shown: &shown, ghosts: &[], zone: &Zone::Utc, height };
                        selection.scroll_to(p, &list);
                    }
                }
                let list = ShownList { events: &timeline.events, shown: &shown, ghosts: &[], zone: &Zone::Utc, height };
                selection.keep_visible(&list);
                prop_assert_eq!(selection.check(&list), Ok(()));
            }
        }
    }

    #[test]
    fn another_event_starts_its_detail_at_the_top() {
        let timeline = crate::model::load_builtin().unwrap();
        let shown: Vec<EventIx> = (0..timeline.events.len()).collect();
        let list =
            ShownList { events: &timeline.events, shown: &shown, ghosts: &[], zone: &Zone::Utc, height: 10 };
        let mut selection = Selection::default();
        selection.set_detail(DetailPlace { scroll: 3, link: Some(1) });
        selection.move_to(0, &list);
        assert_eq!(selection.detail().scroll, 3, "the same event keeps its place");
        selection.move_to(99, &list);
        assert_eq!(selection.cursor(), shown.len() - 1, "clamped");
        assert_eq!(selection.detail(), DetailPlace::default());
        let rows = list.rows(selection.list_offset());
        assert_eq!(rows.last(), Some(&ListRow::Event(shown.len() - 1)), "the list scrolled the least");
    }
}
