//! The explorer's state once a timeline is loaded: the shown events, the selection, the list's
//! scroll, the detail's scroll and link, the history, the filter, the search and the time axis.
//! It exists only after loading, so nothing here asks whether a timeline is there.
//!
//! The selection changes in one place, `move_to`, which keeps the invariants: the selection is
//! a position in `visible` (or 0 when nothing is shown), it is on screen, the detail starts at
//! the top for another event, the axis follows it, and a jump is remembered for `Backspace`.
//!
//! Methods that can fail or have something to say return it as a message for the header.

pub mod axis;
pub mod detail;
mod lanes;
mod notes;
mod open;
mod reload;
mod search;
mod shown;
pub mod slide;
mod story;

pub use lanes::{LaneData, Lanes, LONG_EVENT_DAYS};
pub use notes::NoteEntry;
pub use reload::CHANGE_MARK;
pub use search::{Search, SearchRequest, SearchStep};
pub use story::StoryPlay;

use crate::model::filter::Filter;
use crate::model::index::Index;
use crate::model::query::Query;
use crate::model::{DateSpec, EventIx, Timeline, Zone};
use chrono::{Datelike, NaiveDate};
use detail::{DetailCache, DetailLayout};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;

pub use open::{jump_date, OpenedAt};

/// What the last layout made room for; paging and keeping the selection visible need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub list_rows: usize,
    pub detail_rows: usize,
    pub detail_width: usize,
    /// Inside the timeline view (zero in the list layout), for scrolling its lanes.
    pub timeline_width: u16,
    pub timeline_height: u16,
    /// Narrow terminals show one pane at a time.
    pub one_pane: bool,
    /// The whole screen, which story mode's slides fill.
    pub screen_width: u16,
    pub screen_height: u16,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport {
            list_rows: 20,
            detail_rows: 20,
            detail_width: 60,
            timeline_width: 0,
            timeline_height: 0,
            one_pane: false,
            screen_width: 80,
            screen_height: 24,
        }
    }
}

/// The part of time the axis shows. `None` span fits everything; `None` centre follows the
/// selected event.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AxisView {
    /// Days in view (fractions of one when zoomed in to hours).
    pub span_days: Option<f64>,
    /// The position at the centre (a day number from chrono's CE count, with the fraction of
    /// the day).
    pub center_day: Option<f64>,
}

/// The narrowest span the axis zooms to, for a timeline of whole days.
pub const MIN_SPAN_DAYS: f64 = 14.0;

/// The narrowest span for a timeline with times of day: an hour.
pub const MIN_SPAN_TIMED: f64 = 1.0 / 24.0;

/// A place in the explorer to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub event: EventIx,
    pub detail_scroll: usize,
    pub detail_link: Option<usize>,
}

/// One row of the event list as drawn: a year heading or an event (index into `visible`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    Year(i32),
    Event(usize),
}

/// How a selection move is remembered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    /// A step (`j`, `k`, a page): not remembered.
    Step,
    /// A jump (links, `g`/`G`, years, dates, search): `Backspace` comes back.
    Jump,
}

pub struct Explorer {
    pub timeline: Arc<Timeline>,
    /// Facet lists and search text, built after the timeline; until then filters test events
    /// one by one and a search waits.
    pub index: Option<Arc<Index>>,
    /// The events shown, as indices into `timeline.events`, in the order of the zone shown
    /// (`shown_order`; by index where that is the timeline's order).
    pub visible: Vec<EventIx>,
    /// Index into `visible`.
    selected: usize,
    /// Index into `visible` of the first event row drawn.
    list_offset: usize,
    detail_scroll: usize,
    /// Which of the detail's links is highlighted.
    detail_link: Option<usize>,
    /// Where you were before each jump, for going back.
    pub history: Vec<Visit>,
    pub axis: AxisView,
    /// The active filter.
    pub query: Query,
    /// Why the shown query is not in effect (a reload removed a name it used).
    pub filter_problem: Option<String>,
    /// The current search: typed text, matches, where it started.
    pub search: Option<Search>,
    /// A search for the runner to carry out (here or on its worker thread).
    pub search_request: Option<SearchRequest>,
    search_generation: u64,
    /// Events a reload changed (sorted), marked until `changed_until`.
    pub changed: Vec<EventIx>,
    pub changed_until: Option<Instant>,
    /// Widest date label, for the list's date column.
    pub date_width: usize,
    /// First and last day of the whole timeline in the zone shown (none without events).
    time_range: Option<(NaiveDate, NaiveDate)>,
    /// Where the timeline starts and ends on the axis in the zone shown (positions: day
    /// numbers with fractions).
    time_extent: Option<(f64, f64)>,
    /// Each event's start on the axis in the zone shown, never less than the one before (a
    /// day written without a time sorts at the timeline's midnight, which in another zone can
    /// fall a little before the times sorted ahead of it): binary searches count events per
    /// column with it.
    pub starts: Vec<f64>,
    /// Where each event ends on the axis (exclusive), never before its start in `starts`: with
    /// `starts`, the extent the timeline view draws and counts.
    pub ends: Vec<f64>,
    /// The events in the order of their ends (`lanes::end_key`), for the lanes to read theirs
    /// from without sorting.
    end_order: Vec<u32>,
    viewport: Viewport,
    detail: DetailCache,
    /// The timeline view's lanes.
    lanes: Lanes,
    /// The event `m` marked, to measure from.
    pub mark: Option<EventIx>,
    /// `&`: only the search's matches are shown.
    pub only_matches: bool,
    /// The zone times are shown in (`T` and `--tz` change it): the timeline's by default.
    pub zone: Zone,
    /// The list's order in `zone` (`shown.rs`).
    shown_order: crate::model::shown_order::ShownOrder,
    /// Each file's own zone where several files are read together (`model::file_zones`).
    file_zones: Vec<Option<Zone>>,
    /// Whether any event has a time of day (the header then says which zone times are in).
    pub has_times: bool,
    /// The reader's bookmarks and annotations (`notes.rs`).
    pub sidecar: crate::model::notes::Sidecar,
    /// The search over annotated events, built when a search first needs it after a change.
    annotated: Option<Arc<crate::model::search::AnnotatedSearch>>,
    /// Story mode: the story being told (`story.rs`).
    story: Option<StoryPlay>,
}

/// The next of `n` links after `current` (the first, or going back the last, when none is),
/// round and round.
fn cycle(current: Option<usize>, n: usize, forward: bool) -> usize {
    match (current, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    }
}

/// The widest date the list shows in `zone`.
fn date_width(timeline: &Timeline, zone: &Zone) -> usize {
    timeline.events.iter().map(|e| crate::text::width(&e.date.listed_in(zone))).max().unwrap_or(4)
}

/// "UTC", "America/New_York (the timeline's)", "local (UTC+01:00)".
pub fn zone_words(zone: &Zone, home: &Zone) -> String {
    match zone {
        z if z == home => format!("{} (the timeline's)", z.name()),
        Zone::Local => format!("local ({})", zone.label_at(chrono::Utc::now().timestamp())),
        z => z.name(),
    }
}

impl Explorer {
    /// Every event shown, the first selected.
    pub fn new(timeline: Arc<Timeline>, index: Option<Arc<Index>>, viewport: Viewport) -> Explorer {
        let timeline_zone = timeline.zone;
        let has_times = timeline.events.iter().any(|e| e.date.has_time());
        let date_width = date_width(&timeline, &timeline.zone);
        let time_range = shown::shown_time_range(&timeline, &timeline.zone);
        let shown_order = crate::model::shown_order::ShownOrder::new(&timeline, &timeline.zone);
        let file_zones = match timeline.is_several_files() {
            true => crate::model::file_zones::of_files(&timeline),
            false => Vec::new(),
        };
        let mut explorer = Explorer {
            visible: (0..timeline.events.len()).collect(),
            timeline,
            index,
            selected: 0,
            list_offset: 0,
            detail_scroll: 0,
            detail_link: None,
            history: Vec::new(),
            axis: AxisView::default(),
            query: Query::default(),
            filter_problem: None,
            search: None,
            search_request: None,
            search_generation: 0,
            changed: Vec::new(),
            changed_until: None,
            date_width,
            time_range,
            time_extent: None,
            starts: Vec::new(),
            ends: Vec::new(),
            end_order: Vec::new(),
            viewport,
            detail: DetailCache::default(),
            lanes: Lanes::default(),
            mark: None,
            only_matches: false,
            zone: timeline_zone,
            shown_order,
            file_zones,
            has_times,
            sidecar: Default::default(),
            annotated: None,
            story: None,
        };
        explorer.order_visible();
        explorer.place_on_axis();
        explorer.refresh_lanes();
        explorer
    }

    /// Works out where every event starts on the axis, and the timeline's extent, in the zone
    /// shown.
    fn place_on_axis(&mut self) {
        let zone = self.zone;
        let mut floor = f64::MIN;
        let mut extent: Option<(f64, f64)> = None;
        let n = self.timeline.events.len();
        let (mut starts, mut ends) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for e in &self.timeline.events {
            let (start, end) = axis::extent(&e.date, &zone);
            extent = Some(extent.map_or((start, end), |(a, b)| (a.min(start), b.max(end))));
            floor = floor.max(start);
            starts.push(floor);
            ends.push(end.max(floor));
        }
        let mut order: Vec<(u64, u32)> =
            (0..n).map(|e| (lanes::ordered_bits(lanes::end_key(starts[e], ends[e])), e as u32)).collect();
        order.sort_unstable();
        self.end_order = order.into_iter().map(|(_, e)| e).collect();
        (self.starts, self.ends) = (starts, ends);
        self.time_extent = extent;
    }

    /// Where the whole timeline starts and ends on the axis (positions), none without events.
    pub fn time_extent(&self) -> Option<(f64, f64)> {
        self.time_extent
    }

    /// The narrowest span the axis zooms to: an hour with times of day, else two weeks.
    pub fn min_span_days(&self) -> f64 {
        if self.has_times {
            MIN_SPAN_TIMED
        } else {
            MIN_SPAN_DAYS
        }
    }

    /// Shows times in `zone`: the list, the detail and the header follow; a filter with a time
    /// in it is read again in the new zone.
    pub fn set_zone(&mut self, zone: Zone) -> Option<String> {
        if zone == self.zone {
            return None;
        }
        self.zone = zone;
        self.date_width = date_width(&self.timeline, &zone);
        self.follow_shown_zone();
        if self.has_times {
            self.place_on_axis();
            self.refresh_lanes();
        }
        if self.query.terms.iter().any(|t| t.facet.is_date()) {
            if let Err(e) = self.apply_query(self.query.clone()) {
                self.filter_problem = Some(e);
            }
        }
        Some(format!("times shown in {}", zone_words(&zone, &self.timeline.zone)))
    }

    /// `T`: the timeline's zone, the other zones its files and events are written in, then
    /// UTC, then this machine's, then back.
    pub fn cycle_zone(&mut self) -> Option<String> {
        let mut order = self.timeline.zones();
        // This machine's zone only where it can be read safely (see `zone::local_zone_problem`).
        for z in [Some(Zone::Utc), Zone::local()].into_iter().flatten() {
            if !order.contains(&z) {
                order.push(z);
            }
        }
        let next = order.iter().position(|z| *z == self.zone).map_or(0, |i| (i + 1) % order.len());
        self.set_zone(order[next])
    }

    /// The index for the shown timeline arrived (one for an older version is ignored).
    pub fn indexed(&mut self, timeline: &Arc<Timeline>, index: Arc<Index>) {
        if Arc::ptr_eq(&self.timeline, timeline) {
            self.index = Some(index);
        }
    }

    // --- Selection ----------------------------------------------------------------------------

    /// Index into `visible` of the selected event.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_event(&self) -> Option<EventIx> {
        self.visible.get(self.selected).copied()
    }

    pub fn list_offset(&self) -> usize {
        self.list_offset
    }

    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    pub fn detail_link(&self) -> Option<usize> {
        self.detail_link
    }

    /// The one way the selection changes: clamps it, starts another event's detail at the top,
    /// re-centres the axis on it, keeps it on screen and, for a jump, remembers where it was.
    fn move_to(&mut self, position: usize, how: Move) {
        let Some(last) = self.visible.len().checked_sub(1) else { return };
        let position = position.min(last);
        if how == Move::Jump {
            self.remember();
        }
        if position != self.selected {
            self.detail_scroll = 0;
            self.detail_link = None;
        }
        self.selected = position;
        self.axis.center_day = None;
        self.keep_selection_visible();
    }

    fn remember(&mut self) {
        let Some(current) = self.selected_event() else { return };
        let here = Visit { event: current, detail_scroll: self.detail_scroll, detail_link: self.detail_link };
        if self.history.last() != Some(&here) {
            self.history.push(here);
            if self.history.len() > 1000 {
                self.history.remove(0);
            }
        }
    }

    /// A step to `position` of the shown list (clamped).
    pub fn select(&mut self, position: usize) {
        self.move_to(position, Move::Step);
    }

    /// A jump to `position` of the shown list, remembered for `Backspace`.
    pub fn jump(&mut self, position: usize) {
        if self.visible.get(position) != self.selected_event().as_ref() {
            self.move_to(position, Move::Jump);
        } else {
            self.move_to(position, Move::Step);
        }
    }

    /// Steps to an event by its index in the timeline, if it is shown.
    pub fn select_event(&mut self, event: EventIx) -> bool {
        match self.position_of(event) {
            Some(position) => {
                self.select(position);
                true
            }
            None => false,
        }
    }

    /// Jumps to another event, remembering the current one for `Backspace`.
    pub fn go_to(&mut self, event: EventIx) -> Option<String> {
        match self.position_of(event) {
            Some(position) => {
                self.jump(position);
                None
            }
            None => Some("that event is hidden by the current filter; x clears it".into()),
        }
    }

    pub fn history_back(&mut self) -> Option<String> {
        while let Some(visit) = self.history.pop() {
            if self.select_event(visit.event) {
                self.detail_scroll = visit.detail_scroll;
                self.detail_link = visit.detail_link;
                return None;
            }
            // Hidden by a filter since: skip it.
        }
        Some("nothing to go back to".into())
    }

    pub fn page(&self) -> usize {
        self.viewport.list_rows.saturating_sub(2).max(1)
    }

    // --- The list -----------------------------------------------------------------------------

    fn year_of(&self, position: usize) -> i32 {
        self.start_of(position).year()
    }

    /// The first day the event at `position` is shown on, in the zone shown.
    fn start_of(&self, position: usize) -> NaiveDate {
        self.shown_first_day(self.visible[position])
    }

    /// Rows the list draws from `list_offset`: a heading for the top row's year (so the year is
    /// always on screen), then events with a heading wherever the year changes.
    pub fn list_rows(&self, height: usize) -> Vec<ListRow> {
        let mut rows = Vec::with_capacity(height);
        let mut position = self.list_offset;
        // Two rows or fewer: the events themselves matter more than year headings.
        let headings = height > 2;
        while rows.len() < height && position < self.visible.len() {
            let year = self.year_of(position);
            if headings && (position == self.list_offset || year != self.year_of(position - 1)) {
                rows.push(ListRow::Year(year));
                if rows.len() == height {
                    break;
                }
            }
            rows.push(ListRow::Event(position));
            position += 1;
        }
        rows
    }

    /// Moves `list_offset` the least so the selected row is drawn. Costs at most one screenful
    /// of work whatever the number of events.
    fn keep_selection_visible(&mut self) {
        let height = self.viewport.list_rows.max(1);
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
            return;
        }
        if self.list_rows(height).contains(&ListRow::Event(self.selected)) {
            return;
        }
        // Put the selection on the last row.
        self.list_offset = self.top_showing_at_bottom(self.selected, height);
    }

    /// After the list grows, scroll back so it is full rather than blank at the bottom.
    fn fill_screen(&mut self) {
        let height = self.viewport.list_rows.max(1);
        if self.list_offset == 0 || self.list_rows(height).len() >= height {
            return;
        }
        let last = self.visible.len() - 1;
        self.list_offset = self.list_offset.min(self.top_showing_at_bottom(last, height));
    }

    /// The offset that draws `position` on the last of `height` rows (or as low as it goes).
    /// Walks back one screenful at most, whatever the number of events.
    fn top_showing_at_bottom(&self, position: usize, height: usize) -> usize {
        if height <= 2 {
            return position; // no year headings
        }
        let mut top = position;
        let mut used = 2; // the row and its year heading
        while top > 0 {
            let cost = 1 + usize::from(self.year_of(top - 1) != self.year_of(top));
            if used + cost > height {
                break;
            }
            used += cost;
            top -= 1;
        }
        top
    }

    /// Call after the layout changes, so the selection stays on screen.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        if viewport != self.viewport {
            self.viewport = viewport;
            if !self.visible.is_empty() {
                self.fill_screen();
                self.keep_selection_visible();
            }
        }
    }

    pub fn jump_year(&mut self, forward: bool) -> Option<String> {
        if self.visible.is_empty() {
            return None;
        }
        let year = self.year_of(self.selected);
        let target = if forward {
            // First event of a later year.
            match NaiveDate::from_ymd_opt(year + 1, 1, 1) {
                Some(day) => self.first_on_or_after(day),
                None => self.visible.len(),
            }
        } else {
            // First event of the year before the selected one's (or of this year when the
            // selection is not its first event, as `[` in a pager goes to the section start).
            let this_year_first =
                NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, |d| self.first_on_or_after(d));
            if this_year_first < self.selected || this_year_first == 0 {
                this_year_first
            } else {
                let previous_year = self.year_of(this_year_first - 1);
                NaiveDate::from_ymd_opt(previous_year, 1, 1).map_or(0, |d| self.first_on_or_after(d))
            }
        };
        if target >= self.visible.len() {
            return Some("no later year".into());
        }
        if !forward && target == self.selected {
            return Some("no earlier year".into());
        }
        self.jump(target);
        None
    }

    /// Position of the first shown event starting on or after `day` (as the zone shown has it).
    fn first_on_or_after(&self, day: NaiveDate) -> usize {
        self.visible.partition_point(|&e| self.shown_first_day(e) < day)
    }

    /// The shown event starting nearest to `day`.
    pub fn nearest_to(&self, day: NaiveDate) -> Option<usize> {
        if self.visible.is_empty() {
            return None;
        }
        let after = self.first_on_or_after(day);
        let candidates = [after.checked_sub(1), (after < self.visible.len()).then_some(after)];
        candidates.into_iter().flatten().min_by_key(|&p| (self.start_of(p) - day).num_days().abs())
    }

    /// Where `t DATE` goes: the first event within the date when there is one (`2016` means the
    /// first event of 2016), else the nearest, with a note saying so.
    pub fn position_for_date(&self, date: &DateSpec) -> Option<(usize, Option<String>)> {
        if date.has_time() {
            // A moment: the first event at or after it, else the last before it.
            // In list order: a time goes after the whole days of its shown day.
            let (events, zone) = (&self.timeline.events, &self.zone);
            let at = self.visible.partition_point(|&e| {
                crate::model::shown_order::compare(&events[e].date, date, zone).is_lt()
            });
            return match (at < self.visible.len(), at.checked_sub(1)) {
                (true, _) => Some((at, None)),
                (false, Some(last)) => {
                    Some((last, Some("no shown event after that time; the last before it".into())))
                }
                (false, None) => None,
            };
        }
        let first = self.first_on_or_after(date.first_day());
        let within = first < self.visible.len() && self.start_of(first) <= date.last_day();
        if within {
            return Some((first, None));
        }
        // Nearest to the date's whole span: before its first day or after its last.
        let (first_day, last_day) = (date.first_day(), date.last_day());
        let before = first.checked_sub(1);
        let after = (first < self.visible.len()).then_some(first);
        let nearest = [before, after].into_iter().flatten().min_by_key(|&p| {
            let start = self.start_of(p);
            if start < first_day {
                (first_day - start).num_days()
            } else {
                (start - last_day).num_days()
            }
        })?;
        let shown = self.timeline.events[self.visible[nearest]].date.human_in(&self.zone);
        let asked = date.human();
        let note = if first == self.visible.len() {
            format!("{asked} is after the last event shown; went to it ({shown})")
        } else if first == 0 {
            format!("{asked} is before the first event shown; went to it ({shown})")
        } else {
            format!("no event shown in {asked}; went to the nearest ({shown})")
        };
        Some((nearest, Some(note)))
    }

    // --- The detail ---------------------------------------------------------------------------

    /// The selected event's detail laid out at the detail pane's width (cached).
    pub fn detail_layout(&self, width: usize) -> Option<Rc<DetailLayout>> {
        let event = self.selected_event()?;
        Some(self.detail.get_in(&self.timeline, event, width, &self.zone))
    }

    pub fn scroll_detail(&mut self, delta: isize) {
        let Some(layout) = self.detail_layout(self.viewport.detail_width) else { return };
        let max = layout.rows.len().saturating_sub(self.viewport.detail_rows.max(1));
        let next = (self.detail_scroll as isize).saturating_add(delta).max(0) as usize;
        self.detail_scroll = next.min(max);
    }

    pub fn scroll_detail_to_top(&mut self) {
        self.detail_scroll = 0;
    }

    /// A page of the detail: its height less one line, so a line of context stays.
    pub fn detail_page(&self) -> isize {
        self.viewport.detail_rows.max(2) as isize - 1
    }

    pub fn step_link(&mut self, forward: bool) -> Option<String> {
        let layout = self.detail_layout(self.viewport.detail_width)?;
        let n = layout.links.len();
        if n == 0 {
            return Some("this event has no related events".into());
        }
        let next = cycle(self.detail_link, n, forward);
        self.detail_link = Some(next);
        // Scroll so the highlighted link is on screen.
        let (first, last) = (layout.links[next].first_row, layout.links[next].last_row);
        let rows = self.viewport.detail_rows.max(1);
        if last >= self.detail_scroll + rows {
            self.detail_scroll = last + 1 - rows;
        }
        if first < self.detail_scroll {
            self.detail_scroll = first;
        }
        None
    }

    pub fn follow_link(&mut self) -> Option<String> {
        let layout = self.detail_layout(self.viewport.detail_width)?;
        match self.detail_link.and_then(|i| layout.links.get(i)) {
            Some(link) => self.go_to(link.event),
            None => Some("press n to highlight a related event first".into()),
        }
    }

    /// A click on the `row`th visible row of the detail: follows the link there, if any.
    pub fn click_detail(&mut self, row: usize) -> Option<String> {
        let layout = self.detail_layout(self.viewport.detail_width)?;
        let target = row + self.detail_scroll;
        let (i, link) =
            layout.links.iter().enumerate().find(|(_, l)| (l.first_row..=l.last_row).contains(&target))?;
        self.detail_link = Some(i);
        self.go_to(link.event)
    }

    /// A click on the `row`th row of the list.
    pub fn click_list(&mut self, row: usize) {
        let rows = self.list_rows(self.viewport.list_rows.max(1));
        if let Some(ListRow::Event(position)) = rows.get(row) {
            self.select(*position);
        }
    }

    // --- The time axis ------------------------------------------------------------------------

    /// First and last day of the whole timeline.
    pub fn time_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.time_range
    }

    pub fn zoom(&mut self, zoom_in: bool) -> Option<String> {
        let (first, end) = self.time_extent?;
        let full = (end - first).max(if self.has_times { MIN_SPAN_TIMED } else { 2.0 });
        let span = self.axis.span_days.unwrap_or(full);
        if !zoom_in && self.axis.span_days.is_none() {
            return Some("the whole timeline is shown".into());
        }
        // Zooming centres on the selection again, even after panning away from it.
        self.axis.center_day = None;
        if zoom_in {
            let next = (span / 2.0).max(self.min_span_days());
            if next >= span {
                return Some("zoomed in as far as it goes".into());
            }
            self.axis.span_days = Some(next);
        } else {
            let next = span * 2.0;
            self.axis.span_days = if next >= full { None } else { Some(next) };
            if next >= full {
                self.axis.center_day = None;
            }
        }
        None
    }

    pub fn pan(&mut self, direction: i64) -> Option<String> {
        let Some(span) = self.axis.span_days else {
            return Some("the whole timeline is shown; zoom in with + to pan".into());
        };
        self.axis.center_day = Some(self.axis_center() + direction as f64 * span / 4.0);
        None
    }

    /// The position at the centre of the axis (a day number from chrono's CE count, with the
    /// fraction of the day): where the axis was panned to, else the middle of the selection.
    pub fn axis_center(&self) -> f64 {
        if let Some(center) = self.axis.center_day {
            return center;
        }
        match self.selected_event() {
            Some(e) => {
                let date = &self.timeline.events[e].date;
                let (start, end) = axis::extent(date, &self.zone);
                if date.has_time() {
                    (start + end) / 2.0
                } else {
                    // Whole days centre on a day's start, as they always have.
                    ((start + end - 1.0) / 2.0).floor()
                }
            }
            None => 0.0,
        }
    }

    /// A click on the axis at a day: selects the nearest event without moving the view.
    pub fn click_axis(&mut self, day: NaiveDate) {
        if let Some(position) = self.nearest_to(day) {
            let keep = self.axis;
            self.select(position);
            self.axis = keep;
        }
    }

    // --- The filter ---------------------------------------------------------------------------

    /// Makes `query` the active filter. The selection stays on the same event when it is still
    /// shown, else moves to the nearest in time; the detail keeps its place only for the same
    /// event. On error nothing changes.
    pub fn apply_query(&mut self, query: Query) -> Result<Option<String>, String> {
        let filter = Filter::new(&self.timeline, &query, &self.zone).map_err(|e| e.to_string())?;
        self.filter_problem = None;
        self.only_matches = false;
        let previous = self.selected_event();
        self.visible = filter.apply(&self.timeline, self.index.as_deref());
        self.order_visible();
        self.query = query;
        self.after_visible_changed(previous);
        if self.search.is_some() {
            self.request_search();
        }
        Ok(self.visible.is_empty().then(|| "no events match; x clears the filters".into()))
    }

    /// After `visible` changed: the selection stays on `previous` when it is still shown, else
    /// moves to the nearest in time; the detail keeps its place only for the same event; the
    /// lanes regroup.
    fn after_visible_changed(&mut self, previous: Option<EventIx>) {
        let (scroll, link) = (self.detail_scroll, self.detail_link);
        self.list_offset = 0;
        self.selected = 0;
        if let Some(previous) = previous {
            if !self.select_event(previous) {
                let day = self.shown_first_day(previous);
                if let Some(position) = self.nearest_to(day) {
                    self.select(position);
                }
            }
        }
        (self.detail_scroll, self.detail_link) =
            if self.selected_event() == previous { (scroll, link) } else { (0, None) };
        self.refresh_lanes();
    }

    /// Clears every filter and the search.
    pub fn clear_filters(&mut self) -> Option<String> {
        self.search = None;
        match self.apply_query(Query::default()) {
            Ok(_) => Some("filters cleared".into()),
            Err(e) => Some(e),
        }
    }
}

/// What the explorer's unit tests share, and the front ends' tests too (`tui::testing` has apps).
#[cfg(test)]
pub mod testing {
    use super::{Explorer, Viewport};
    use crate::model::index::Index;
    use crate::model::Timeline;
    use std::sync::Arc;

    /// An explorer on `timeline`, indexed, with the default viewport.
    pub fn explorer(timeline: Timeline) -> Explorer {
        let index = Arc::new(Index::new(&timeline));
        Explorer::new(Arc::new(timeline), Some(index), Viewport::default())
    }
}
