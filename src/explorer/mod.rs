//! The explorer's state once a timeline is loaded. It exists only after loading, so nothing
//! here asks whether a timeline is there.
//!
//! `Explorer` is made of parts, each in its own file with its own invariant and tests:
//! - `selection.rs`: the cursor among the shown events, the list's scroll, the detail's place
//!   (the cursor is on a shown event, or there is none, and on screen);
//! - `filter.rs`: the query in effect and the events it shows (in order; the query's own);
//! - `search.rs`: the search, its matches and its request (matches are shown events, in order;
//!   the best is one of them);
//! - `time_view.rs`: the zone shown, where events fall on the axis, zoom and pan (the window is
//!   never empty nor reversed).
//!
//! `Explorer` composes them and keeps what spans them: when the shown events change, the
//! selection stays on the same event (else the nearest in time), the search drops matches no
//! longer shown and asks again, and the lanes regroup; when the selection moves, the axis
//! follows it and a jump is remembered for `Backspace` (`move_to`). The lanes, the history, the
//! marks of a reload, the notes and story mode are the explorer's own (`lanes.rs`, `reload.rs`,
//! `notes.rs`, `story.rs`).
//!
//! Methods that can fail or have something to say return it as a message for the header.

pub mod axis;
mod changes;
pub mod detail;
mod filter;
mod lanes;
mod notes;
mod open;
mod reload;
mod reload_summary;
mod search;
mod selection;
mod shown;
mod sides;
pub mod slide;
mod story;
mod time_view;

pub use lanes::{LaneData, Lanes, LONG_EVENT_DAYS};
pub use notes::NoteEntry;
pub use reload::CHANGE_MARK;
pub use search::{Search, SearchRequest, SearchStep};
pub use selection::ListRow;
pub use story::StoryPlay;
pub use time_view::{AxisView, MIN_SPAN_DAYS, MIN_SPAN_TIMED};

use crate::model::index::Index;
use crate::model::query::Query;
use crate::model::{DateSpec, EventIx, Timeline, Zone};
use chrono::{Datelike, NaiveDate};
use detail::{DetailCache, DetailLayout};
use filter::FilterState;
use search::SearchState;
use selection::{DetailPlace, Selection, ShownList};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;
use time_view::TimeView;

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

/// A place in the explorer to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub event: EventIx,
    pub detail_scroll: usize,
    pub detail_link: Option<usize>,
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
    /// The cursor, the list's scroll, the detail's place (`selection.rs`).
    selection: Selection,
    /// The query and the events it shows (`filter.rs`).
    filter: FilterState,
    /// The search, its matches and its request for the runner (`search.rs`).
    search: SearchState,
    /// The zone shown, where events fall on the axis, zoom and pan (`time_view.rs`).
    time: TimeView,
    /// Where you were before each jump, for going back.
    pub history: Vec<Visit>,
    /// Events a reload changed (sorted), marked until `changed_until`.
    pub changed: Vec<EventIx>,
    pub changed_until: Option<Instant>,
    /// Widest date label in the zone shown, for the list's date column.
    pub date_width: usize,
    /// The list's date column: its one form and its width (`date_width`).
    pub list_dates: crate::model::list_dates::ListDates,
    /// How the list's country badges read, decided once for the whole timeline (a pass over
    /// every event, so not per frame).
    pub badge_form: crate::model::sides::BadgeForm,
    /// `--changes REV`: what the filter shows of the changes, counted when the shown events
    /// change (`changes.rs`).
    pub changes_shown: Option<changes::ChangesShown>,
    viewport: Viewport,
    detail: DetailCache,
    /// The timeline view's lanes.
    lanes: Lanes,
    /// The event `m` marked, to measure from.
    pub mark: Option<EventIx>,
    /// The list's order in the zone shown (`shown.rs`).
    shown_order: crate::model::shown_order::ShownOrder,
    /// Each file's own zone where several files are read together (`model::file_zones`).
    file_zones: Vec<Option<Zone>>,
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

/// How the list writes the dates in `zone`: one form for the column, and its width.
fn list_dates(timeline: &Timeline, zone: &Zone) -> crate::model::list_dates::ListDates {
    crate::model::list_dates::ListDates::of(timeline.events.iter().map(|e| &e.date), zone)
}

/// "UTC", "America/New_York (the timeline's)", "local (UTC+01:00)".
pub fn zone_words(zone: &Zone, home: &Zone) -> String {
    match zone {
        z if z == home => format!("{} (the timeline's)", z.name()),
        Zone::Local => format!("local ({})", zone.label_at(chrono::Utc::now().timestamp())),
        z => z.name(),
    }
}

/// The shown events as the list lays them out, `height` rows at a time. A function of the two
/// fields, not a method, so the selection can be changed while it is read.
fn shown_list<'a>(
    timeline: &'a Timeline,
    filter: &'a FilterState,
    changes: &'a Option<changes::ChangesShown>,
    time: &'a TimeView,
    height: usize,
) -> ShownList<'a> {
    let ghosts = changes.as_ref().map_or(&[][..], |c| &c.ghost_rows);
    ShownList { events: &timeline.events, shown: filter.shown(), ghosts, zone: time.zone(), height }
}

impl Explorer {
    /// Every event shown, the first selected.
    pub fn new(timeline: Arc<Timeline>, index: Option<Arc<Index>>, viewport: Viewport) -> Explorer {
        let time = TimeView::new(&timeline);
        let list_dates = list_dates(&timeline, time.zone());
        let badge_form = crate::model::sides::BadgeForm::of(&timeline);
        let shown_order = crate::model::shown_order::ShownOrder::new(&timeline, &timeline.zone);
        let file_zones = match timeline.is_several_files() {
            true => crate::model::file_zones::of_files(&timeline),
            false => Vec::new(),
        };
        let mut explorer = Explorer {
            filter: FilterState::everything(timeline.events.len()),
            timeline,
            index,
            selection: Selection::default(),
            search: SearchState::default(),
            time,
            history: Vec::new(),
            changed: Vec::new(),
            changed_until: None,
            date_width: list_dates.width,
            list_dates,
            badge_form,
            changes_shown: None,
            viewport,
            detail: DetailCache::default(),
            lanes: Lanes::default(),
            mark: None,
            shown_order,
            file_zones,
            sidecar: Default::default(),
            annotated: None,
            story: None,
        };
        explorer.order_visible();
        explorer.refresh_lanes();
        explorer.count_changes();
        explorer
    }

    /// The index for the shown timeline arrived (one for an older version is ignored).
    pub fn indexed(&mut self, timeline: &Arc<Timeline>, index: Arc<Index>) {
        if Arc::ptr_eq(&self.timeline, timeline) {
            self.index = Some(index);
        }
    }

    // --- The view of time (`time_view.rs`) -----------------------------------------------------

    /// The zone times are shown in (`T` and `--tz` change it): the timeline's by default.
    pub fn zone(&self) -> &Zone {
        self.time.zone()
    }

    /// Whether any event has a time of day (the header then says which zone times are in).
    pub fn has_times(&self) -> bool {
        self.time.has_times()
    }

    /// Zoom and pan.
    pub fn axis(&self) -> AxisView {
        self.time.axis()
    }

    /// Sets zoom and pan (`ZoomFit`, tests); a span that would leave nothing in view fits all.
    pub fn set_axis(&mut self, axis: AxisView) {
        self.time.set_axis(axis);
    }

    /// Each event's start on the axis in the zone shown, never less than the one before: binary
    /// searches count events per column with it.
    pub fn starts(&self) -> &[f64] {
        self.time.starts()
    }

    /// Where each event ends on the axis (exclusive), never before its start in `starts`.
    pub fn ends(&self) -> &[f64] {
        self.time.ends()
    }

    /// Where the whole timeline starts and ends on the axis (positions), none without events.
    pub fn time_extent(&self) -> Option<(f64, f64)> {
        self.time.extent()
    }

    /// How instants and days map to positions on the axis in the zone shown.
    pub fn time_axis(&self) -> &axis::TimeAxis {
        self.time.time_axis()
    }

    /// First and last day of the whole timeline.
    pub fn time_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.time.range()
    }

    /// The narrowest span the axis zooms to: an hour with times of day, else two weeks.
    pub fn min_span_days(&self) -> f64 {
        self.time.min_span_days()
    }

    /// Shows times in `zone`: the list, the detail and the header follow; a filter with a time
    /// in it is read again in the new zone.
    pub fn set_zone(&mut self, zone: Zone) -> Option<String> {
        if !self.time.set_zone(zone, &self.timeline) {
            return None;
        }
        self.list_dates = list_dates(&self.timeline, &zone);
        self.date_width = self.list_dates.width;
        // The list's order follows the zone; through `after_visible_changed` the lanes regroup
        // and the changes are counted again.
        self.follow_shown_zone();
        if self.filter.query().terms.iter().any(|t| t.facet.is_date()) {
            if let Err(e) = self.apply_query(self.filter.query().clone()) {
                self.filter.set_problem(e);
            }
        }
        Some(format!("times shown in {}", zone_words(&zone, &self.timeline.zone)))
    }

    /// The zones `T` offers, the next after the one shown first: the timeline's, the other
    /// zones its files and events are written in, UTC, this machine's, round again.
    pub fn offered_zones(&self) -> Vec<Zone> {
        let mut order = self.timeline.zones();
        // This machine's zone only where it can be read safely (see `zone::local_zone_problem`).
        for z in [Some(Zone::Utc), Zone::local()].into_iter().flatten() {
            if !order.contains(&z) {
                order.push(z);
            }
        }
        let next = order.iter().position(|z| z == self.zone()).map_or(0, |i| (i + 1) % order.len());
        order.rotate_left(next);
        order
    }

    pub fn zoom(&mut self, zoom_in: bool) -> Option<String> {
        self.time.zoom(zoom_in)
    }

    pub fn pan(&mut self, direction: i64) -> Option<String> {
        let center = self.axis_center();
        self.time.pan(direction, center)
    }

    /// The position at the centre of the axis (a day number from chrono's CE count, with the
    /// fraction of the day): where the axis was panned to, else the middle of the selection.
    pub fn axis_center(&self) -> f64 {
        self.time.center(self.selected_event().map(|e| &self.timeline.events[e].date))
    }

    /// A click on the axis at a day: selects the nearest event without moving the view.
    pub fn click_axis(&mut self, day: NaiveDate) {
        if let Some(position) = self.nearest_to(day) {
            self.select_keeping_the_view(position);
        }
    }

    /// Selects `position` while the axis stays where it is (a click, a lane step): the view
    /// follows the selection only on the reader's moves through the list.
    fn select_keeping_the_view(&mut self, position: usize) {
        let keep = self.time.axis();
        self.select(position);
        self.time.set_axis(keep);
    }

    // --- The filter (`filter.rs`) ---------------------------------------------------------------

    /// The events shown, as indices into `timeline.events`, in chronological order.
    pub fn visible(&self) -> &[EventIx] {
        self.filter.shown()
    }

    /// The query in effect (or, with `filter_problem`, the one that could not be).
    pub fn query(&self) -> &Query {
        self.filter.query()
    }

    /// Why the shown query is not in effect (a reload removed a name it used).
    pub fn filter_problem(&self) -> Option<&str> {
        self.filter.problem()
    }

    /// `&`: only the search's matches are shown.
    pub fn only_matches(&self) -> bool {
        self.filter.only_matches()
    }

    /// Makes `query` the active filter. The selection stays on the same event when it is still
    /// shown, else moves to the nearest in time; the detail keeps its place only for the same
    /// event. On error nothing changes.
    pub fn apply_query(&mut self, query: Query) -> Result<Option<String>, String> {
        let previous = self.selected_event();
        self.filter.apply(&self.timeline, self.index.as_deref(), self.time.zone(), query)?;
        self.order_visible();
        self.after_visible_changed(previous);
        if self.search.current().is_some() {
            self.request_search();
        }
        Ok(self.visible().is_empty().then(|| "no events match; x clears the filters".into()))
    }

    /// After the shown events changed: the selection stays on `previous` when it is still
    /// shown, else moves to the nearest in time; the detail keeps its place only for the same
    /// event; matches no longer shown are dropped; the lanes regroup.
    fn after_visible_changed(&mut self, previous: Option<EventIx>) {
        self.count_changes();
        let detail = self.selection.detail();
        self.selection.restart();
        if let Some(previous) = previous {
            if !self.select_event(previous) {
                let day = self.shown_first_day(previous);
                if let Some(position) = self.nearest_to(day) {
                    self.select(position);
                }
            }
        }
        let same = self.selected_event() == previous;
        self.selection.set_detail(if same { detail } else { DetailPlace::default() });
        let shown = self.visible_by_index().into_owned();
        self.search.shown_changed(&shown);
        self.refresh_lanes();
    }

    /// Clears every filter and the search.
    pub fn clear_filters(&mut self) -> Option<String> {
        self.search.end();
        match self.apply_query(Query::default()) {
            Ok(_) => Some("filters cleared".into()),
            Err(e) => Some(e),
        }
    }

    // --- The selection (`selection.rs`) ---------------------------------------------------------

    /// Index into `visible` of the selected event.
    pub fn selected(&self) -> usize {
        self.selection.cursor()
    }

    pub fn selected_event(&self) -> Option<EventIx> {
        self.visible().get(self.selection.cursor()).copied()
    }

    pub fn list_offset(&self) -> usize {
        self.selection.list_offset()
    }

    pub fn detail_scroll(&self) -> usize {
        self.selection.detail().scroll
    }

    pub fn detail_link(&self) -> Option<usize> {
        self.selection.detail().link
    }

    fn set_detail_scroll(&mut self, scroll: usize) {
        self.selection.set_detail(DetailPlace { scroll, ..self.selection.detail() });
    }

    /// The one way the selection changes: the selection clamps it, starts another event's
    /// detail at the top and keeps it on screen; the axis re-centres on it; a jump remembers
    /// where it was.
    fn move_to(&mut self, position: usize, how: Move) {
        if self.visible().is_empty() {
            return;
        }
        if how == Move::Jump {
            self.remember();
        }
        let list = shown_list(
            &self.timeline,
            &self.filter,
            &self.changes_shown,
            &self.time,
            self.viewport.list_rows,
        );
        self.selection.move_to(position, &list);
        self.time.recentre();
    }

    fn remember(&mut self) {
        let Some(current) = self.selected_event() else { return };
        let DetailPlace { scroll, link } = self.selection.detail();
        let here = Visit { event: current, detail_scroll: scroll, detail_link: link };
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
        if self.visible().get(position) != self.selected_event().as_ref() {
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
                self.selection
                    .set_detail(DetailPlace { scroll: visit.detail_scroll, link: visit.detail_link });
                return None;
            }
            // Hidden by a filter since: skip it.
        }
        Some("nothing to go back to".into())
    }

    pub fn page(&self) -> usize {
        self.viewport.list_rows.saturating_sub(2).max(1)
    }

    /// Rows the list draws from `list_offset`: a heading for the top row's year (so the year is
    /// always on screen), then events with a heading wherever the year changes.
    pub fn list_rows(&self, height: usize) -> Vec<ListRow> {
        shown_list(&self.timeline, &self.filter, &self.changes_shown, &self.time, height)
            .rows(self.selection.list_offset())
    }

    /// Scrolls the list the least that shows the selection.
    fn keep_selection_visible(&mut self) {
        let list = shown_list(
            &self.timeline,
            &self.filter,
            &self.changes_shown,
            &self.time,
            self.viewport.list_rows,
        );
        self.selection.keep_visible(&list);
    }

    /// Call after the layout changes, so the selection stays on screen.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        if viewport != self.viewport {
            self.viewport = viewport;
            let list =
                shown_list(&self.timeline, &self.filter, &self.changes_shown, &self.time, viewport.list_rows);
            if !list.shown.is_empty() {
                self.selection.fill_screen(&list);
                self.selection.keep_visible(&list);
            }
        }
    }

    fn year_of(&self, position: usize) -> i32 {
        self.start_of(position).year()
    }

    /// The first day of the shown event at `position`, in the zone shown (as the list's year
    /// headings read it).
    fn start_of(&self, position: usize) -> NaiveDate {
        self.timeline.events[self.visible()[position]].date.days_in(self.zone()).0
    }

    pub fn jump_year(&mut self, forward: bool) -> Option<String> {
        if self.visible().is_empty() {
            return None;
        }
        let selected = self.selected();
        let year = self.year_of(selected);
        let target = if forward {
            // First event of a later year.
            match NaiveDate::from_ymd_opt(year + 1, 1, 1) {
                Some(day) => self.first_on_or_after(day),
                None => self.visible().len(),
            }
        } else {
            // First event of the year before the selected one's (or of this year when the
            // selection is not its first event, as `[` in a pager goes to the section start).
            let this_year_first =
                NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, |d| self.first_on_or_after(d));
            if this_year_first < selected || this_year_first == 0 {
                this_year_first
            } else {
                let previous_year = self.year_of(this_year_first - 1);
                NaiveDate::from_ymd_opt(previous_year, 1, 1).map_or(0, |d| self.first_on_or_after(d))
            }
        };
        if target >= self.visible().len() {
            return Some("no later year".into());
        }
        if !forward && target == selected {
            return Some("no earlier year".into());
        }
        self.jump(target);
        None
    }

    /// Position of the first shown event starting on or after `day` (as the zone shown has it).
    fn first_on_or_after(&self, day: NaiveDate) -> usize {
        self.visible().partition_point(|&e| self.shown_first_day(e) < day)
    }

    /// The shown event starting nearest to `day`.
    pub fn nearest_to(&self, day: NaiveDate) -> Option<usize> {
        if self.visible().is_empty() {
            return None;
        }
        let after = self.first_on_or_after(day);
        let candidates = [after.checked_sub(1), (after < self.visible().len()).then_some(after)];
        candidates.into_iter().flatten().min_by_key(|&p| (self.start_of(p) - day).num_days().abs())
    }

    /// Where `t DATE` goes: the first event within the date when there is one (`2016` means the
    /// first event of 2016), else the nearest, with a note saying so.
    pub fn position_for_date(&self, date: &DateSpec) -> Option<(usize, Option<String>)> {
        let visible = self.visible();
        if date.has_time() {
            // A moment: the first event at or after it, else the last before it.
            // In list order: a time goes after the whole days of its shown day.
            let (events, zone) = (&self.timeline.events, self.zone());
            let at = visible.partition_point(|&e| {
                crate::model::shown_order::compare(&events[e].date, date, zone).is_lt()
            });
            return match (at < visible.len(), at.checked_sub(1)) {
                (true, _) => Some((at, None)),
                (false, Some(last)) => {
                    Some((last, Some("no shown event after that time; the last before it".into())))
                }
                (false, None) => None,
            };
        }
        let first = self.first_on_or_after(date.first_day());
        let within = first < visible.len() && self.start_of(first) <= date.last_day();
        if within {
            return Some((first, None));
        }
        // Nearest to the date's whole span: before its first day or after its last.
        let (first_day, last_day) = (date.first_day(), date.last_day());
        let before = first.checked_sub(1);
        let after = (first < visible.len()).then_some(first);
        let nearest = [before, after].into_iter().flatten().min_by_key(|&p| {
            let start = self.start_of(p);
            if start < first_day {
                (first_day - start).num_days()
            } else {
                (start - last_day).num_days()
            }
        })?;
        let shown = self.timeline.events[visible[nearest]].date.human_in(self.zone());
        let asked = date.human();
        let note = if first == visible.len() {
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
        Some(self.detail.get_in(&self.timeline, event, width, self.time.zone()))
    }

    pub fn scroll_detail(&mut self, delta: isize) {
        let Some(layout) = self.detail_layout(self.viewport.detail_width) else { return };
        let max = layout.rows.len().saturating_sub(self.viewport.detail_rows.max(1));
        let next = (self.detail_scroll() as isize).saturating_add(delta).max(0) as usize;
        self.set_detail_scroll(next.min(max));
    }

    pub fn scroll_detail_to_top(&mut self) {
        self.set_detail_scroll(0);
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
        let next = cycle(self.detail_link(), n, forward);
        // Scroll so the highlighted link is on screen.
        let (first, last) = (layout.links[next].first_row, layout.links[next].last_row);
        let rows = self.viewport.detail_rows.max(1);
        let mut scroll = self.detail_scroll();
        if last >= scroll + rows {
            scroll = last + 1 - rows;
        }
        if first < scroll {
            scroll = first;
        }
        self.selection.set_detail(DetailPlace { scroll, link: Some(next) });
        None
    }

    pub fn follow_link(&mut self) -> Option<String> {
        let layout = self.detail_layout(self.viewport.detail_width)?;
        match self.detail_link().and_then(|i| layout.links.get(i)) {
            Some(link) => self.go_to(link.event),
            None => Some("press n to highlight a related event first".into()),
        }
    }

    /// A click on the `row`th visible row of the detail: follows the link there, if any.
    pub fn click_detail(&mut self, row: usize) -> Option<String> {
        let layout = self.detail_layout(self.viewport.detail_width)?;
        let target = row + self.detail_scroll();
        let (i, link) =
            layout.links.iter().enumerate().find(|(_, l)| (l.first_row..=l.last_row).contains(&target))?;
        self.selection.set_detail(DetailPlace { link: Some(i), ..self.selection.detail() });
        self.go_to(link.event)
    }

    /// A click on the `row`th row of the list.
    pub fn click_list(&mut self, row: usize) {
        let rows = self.list_rows(self.viewport.list_rows.max(1));
        if let Some(ListRow::Event(position)) = rows.get(row) {
            self.select(*position);
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
