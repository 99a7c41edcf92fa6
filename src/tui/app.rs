//! The explorer's state and every change to it. `update` does no I/O and draws nothing; the
//! runner feeds it actions and the sizes that paging needs, and `ui` draws what it holds.

use super::action::Action;
use super::detail::DetailView;
use super::filtering::{Picker, Search, SearchRequest};
use super::keymap::Mode;
use crate::model::index::Index;
use crate::model::query::Query;
use crate::model::{DateSpec, EventIx, Timeline};
use chrono::{Datelike, NaiveDate};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Detail,
    Axis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Jump {
        input: String,
        error: Option<String>,
    },
    /// The filter query being edited; `error` is checked as you type.
    Query {
        input: String,
        error: Option<String>,
    },
    Picker(Picker),
    /// The search prompt is open (its text lives in `App::search`).
    Search,
    /// Choosing an export format.
    Export {
        cursor: usize,
    },
}

/// What the last layout made room for; paging and keeping the selection visible need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewport {
    pub list_rows: usize,
    pub detail_rows: usize,
    pub detail_width: usize,
    /// Narrow terminals show one pane at a time.
    pub one_pane: bool,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport { list_rows: 20, detail_rows: 20, detail_width: 60, one_pane: false }
    }
}

/// The part of time the axis shows. `None` span fits everything; `None` centre follows the
/// selected event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AxisView {
    pub span_days: Option<i64>,
    pub center_day: Option<i64>,
}

/// The narrowest span the axis zooms to.
pub const MIN_SPAN_DAYS: i64 = 14;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    Loading,
    Ready,
    Failed(String),
}

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

pub struct App {
    pub source_name: String,
    pub timeline: Option<Arc<Timeline>>,
    pub load_state: LoadState,
    /// The events shown, as indices into `timeline.events`, in chronological order.
    pub visible: Vec<EventIx>,
    /// Index into `visible`.
    pub selected: usize,
    /// Index into `visible` of the first event row drawn.
    pub list_offset: usize,
    pub focus: Focus,
    /// One-pane layout: the detail replaces the list.
    pub detail_open: bool,
    pub detail_scroll: usize,
    /// Which of the detail's links is highlighted.
    pub detail_link: Option<usize>,
    /// Where you were before each jump (links, g/G, years, dates, search), for going back.
    pub history: Vec<Visit>,
    pub axis: AxisView,
    pub popup: Option<Popup>,
    pub message: Option<String>,
    pub should_quit: bool,
    pub viewport: Viewport,
    /// Widest date label, for the list's date column.
    pub date_width: usize,
    /// First and last day of the whole timeline, computed once at load.
    time_range: Option<(NaiveDate, NaiveDate)>,
    /// The active filter.
    pub query: Query,
    /// Facet lists and search text, built with the timeline.
    pub index: Option<Arc<Index>>,
    /// The current search: typed text, matches, where it started.
    pub search: Option<Search>,
    /// A search for the runner to carry out (here or on its worker thread).
    pub search_request: Option<SearchRequest>,
    pub(super) search_generation: u64,
    /// When loading started and how big the file is, for the progress line.
    pub loading_since: std::time::Instant,
    pub loading_bytes: Option<u64>,
    /// A problem with the followed file that stays on screen until a good save.
    pub banner: Option<String>,
    /// Events a reload changed (sorted), marked until `changed_until`.
    pub changed: Vec<EventIx>,
    pub changed_until: Option<std::time::Instant>,
    /// Things for the runner to do outside (write a file, open a link).
    pub effects: Vec<super::effects::Effect>,
    /// Why the shown query is not in effect (a reload removed a name it used).
    pub filter_problem: Option<String>,
}

impl App {
    pub fn new(source_name: impl Into<String>) -> App {
        App {
            source_name: source_name.into(),
            timeline: None,
            load_state: LoadState::Loading,
            visible: Vec::new(),
            selected: 0,
            list_offset: 0,
            focus: Focus::List,
            detail_open: false,
            detail_scroll: 0,
            detail_link: None,
            history: Vec::new(),
            axis: AxisView::default(),
            popup: None,
            message: None,
            should_quit: false,
            viewport: Viewport::default(),
            date_width: 10,
            time_range: None,
            query: Query::default(),
            index: None,
            search: None,
            search_request: None,
            search_generation: 0,
            loading_since: std::time::Instant::now(),
            loading_bytes: None,
            banner: None,
            changed: Vec::new(),
            changed_until: None,
            effects: Vec::new(),
            filter_problem: None,
        }
    }

    /// An app with a timeline already loaded (tests, and the runner once loading is done).
    pub fn with_timeline(source_name: impl Into<String>, timeline: Timeline) -> App {
        let mut app = App::new(source_name);
        let index = Arc::new(Index::new(&timeline));
        app.loaded(Arc::new(timeline), Some(index));
        app
    }

    /// The query to apply once the timeline has loaded (from the command line).
    pub fn set_initial_query(&mut self, query: Query) {
        self.query = query;
    }

    /// A timeline to show. Without its index yet, filters test events one by one and a search
    /// waits for `indexed`.
    pub fn loaded(&mut self, timeline: Arc<Timeline>, index: Option<Arc<Index>>) {
        self.index = index;
        self.visible = (0..timeline.events.len()).collect();
        self.date_width =
            timeline.events.iter().map(|e| crate::text::width(&e.date.human())).max().unwrap_or(4);
        self.time_range = timeline.events.first().map(|first| {
            let last =
                timeline.events.iter().map(|e| e.date.last_day()).max().unwrap_or(first.date.last_day());
            (first.date.first_day(), last)
        });
        self.timeline = Some(timeline);
        self.load_state = LoadState::Ready;
        self.selected = 0;
        self.list_offset = 0;
        if !self.query.is_empty() {
            let query = std::mem::take(&mut self.query);
            if let Err(e) = self.apply_query(query) {
                self.message = Some(format!("filter not applied: {e}"));
            }
        }
    }

    /// The index for the shown timeline arrived (one for an older version is ignored).
    pub fn indexed(&mut self, timeline: &Arc<Timeline>, index: Arc<Index>) {
        if self.timeline.as_ref().is_some_and(|t| Arc::ptr_eq(t, timeline)) {
            self.index = Some(index);
        }
    }

    /// Loading failed: the explorer ends and the diagnostics go to stderr, where a compiler's
    /// would, with the terminal back to normal.
    pub fn load_failed(&mut self, message: String) {
        self.load_state = LoadState::Failed(message);
        self.should_quit = true;
    }

    pub fn selected_event(&self) -> Option<EventIx> {
        self.visible.get(self.selected).copied()
    }

    /// The keymap mode keys are looked up in.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Help { .. }) => Mode::Help,
            Some(Popup::Jump { .. } | Popup::Query { .. } | Popup::Search) => Mode::Prompt,
            Some(Popup::Picker(_) | Popup::Export { .. }) => Mode::Picker,
            None => match self.focus {
                Focus::List => Mode::List,
                Focus::Detail => Mode::Detail,
                Focus::Axis => Mode::Axis,
            },
        }
    }

    /// Typed text goes to the prompt.
    pub fn type_char(&mut self, c: char) {
        if c.is_control() {
            return;
        }
        match &mut self.popup {
            Some(Popup::Jump { input, error }) if input.chars().count() < 40 => {
                input.push(c);
                *error = None;
            }
            Some(Popup::Query { input, .. }) if input.chars().count() < 500 => {
                input.push(c);
                self.check_query_input();
            }
            Some(Popup::Search) => self.search_type(c),
            Some(Popup::Picker(picker)) => picker.narrow(c),
            _ => {}
        }
    }

    pub fn update(&mut self, action: Action) {
        use Action::*;
        self.message = None;
        if self.popup_takes(action) {
            return;
        }
        match action {
            Quit => self.should_quit = true,
            ToggleHelp => {
                self.popup = match self.popup {
                    Some(Popup::Help { .. }) => None,
                    _ => Some(Popup::Help { scroll: 0 }),
                }
            }
            Back => {
                if self.popup.is_some() {
                    self.popup = None;
                } else if self.viewport.one_pane && self.detail_open {
                    self.detail_open = false;
                    self.focus = Focus::List;
                }
            }
            FocusNext | FocusPrevious => self.cycle_focus(action == FocusNext),
            MoveDown => self.select(self.selected.saturating_add(1)),
            MoveUp => self.select(self.selected.saturating_sub(1)),
            First => self.jump(0),
            Last => self.jump(self.visible.len().saturating_sub(1)),
            PageDown => self.select(self.selected.saturating_add(self.page())),
            PageUp => self.select(self.selected.saturating_sub(self.page())),
            PreviousYear => self.jump_year(false),
            NextYear => self.jump_year(true),
            OpenJump => self.popup = Some(Popup::Jump { input: String::new(), error: None }),
            OpenDetail => {
                self.focus = Focus::Detail;
                self.detail_open = true;
            }
            ScrollDown => self.scroll_by(1),
            ScrollUp => self.scroll_by(-1),
            ScrollPageDown => self.scroll_by(self.viewport.detail_rows.max(2) as isize - 1),
            ScrollPageUp => self.scroll_by(-(self.viewport.detail_rows.max(2) as isize - 1)),
            ScrollTop => self.detail_scroll = 0,
            ScrollBottom => self.scroll_by(isize::MAX / 2),
            NextLink => self.step_link(true),
            PreviousLink => self.step_link(false),
            FollowLink => self.follow_link(),
            HistoryBack => self.history_back(),
            ZoomIn => self.zoom(true),
            ZoomOut => self.zoom(false),
            ZoomFit => self.axis = AxisView::default(),
            PanLeft => self.pan(-1),
            PanRight => self.pan(1),
            PromptSubmit => self.submit_jump(),
            PromptCancel => self.popup = None,
            PromptDelete => {
                if let Some(Popup::Jump { input, error }) = &mut self.popup {
                    input.pop();
                    *error = None;
                }
            }
            OpenSearch => self.open_search(),
            NextMatch => self.step_match(true),
            PreviousMatch => self.step_match(false),
            OpenQuery => {
                self.popup = Some(Popup::Query { input: self.query.to_string(), error: None });
                self.check_query_input();
            }
            ClearFilters => self.clear_filters(),
            OpenPicker(kind) => self.open_picker(kind),
            PickerToggle => {}
            OpenExport => self.open_export(),
            OpenSource => self.open_source(),
        }
    }

    pub(super) fn page(&self) -> usize {
        self.viewport.list_rows.saturating_sub(2).max(1)
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::List, Focus::Detail, Focus::Axis];
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { (at + 1) % 3 } else { (at + 2) % 3 };
        self.focus = order[next];
        if self.viewport.one_pane {
            self.detail_open = self.focus == Focus::Detail;
        }
    }

    /// Selects `visible[index]` (clamped) and resets what belongs to the previous selection.
    pub fn select(&mut self, index: usize) {
        if self.visible.is_empty() {
            return;
        }
        let index = index.min(self.visible.len() - 1);
        if index != self.selected {
            self.detail_scroll = 0;
            self.detail_link = None;
        }
        self.selected = index;
        self.axis.center_day = None;
        self.keep_selection_visible();
    }

    /// Selects an event by its index in the timeline, if it is visible.
    pub fn select_event(&mut self, event: EventIx) -> bool {
        match self.visible.binary_search(&event) {
            Ok(pos) => {
                self.select(pos);
                true
            }
            Err(_) => false,
        }
    }

    fn year_of(&self, position: usize) -> i32 {
        let timeline = self.timeline.as_ref().expect("rows exist only once loaded");
        timeline.events[self.visible[position]].date.first_day().year()
    }

    pub(super) fn start_of(&self, position: usize) -> NaiveDate {
        let timeline = self.timeline.as_ref().expect("rows exist only once loaded");
        timeline.events[self.visible[position]].date.first_day()
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
        let rows = self.list_rows(height);
        if rows.contains(&ListRow::Event(self.selected)) {
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

    /// Call after the viewport changes, so the selection stays on screen.
    pub fn set_viewport(&mut self, viewport: Viewport) {
        let changed = viewport != self.viewport;
        if viewport.one_pane && !self.viewport.one_pane {
            self.detail_open = self.focus == Focus::Detail;
        }
        self.viewport = viewport;
        if changed && self.timeline.is_some() {
            self.fill_screen();
            self.keep_selection_visible();
        }
    }

    fn jump_year(&mut self, forward: bool) {
        if self.visible.is_empty() {
            return;
        }
        let year = self.year_of(self.selected);
        let target = if forward {
            // First event of a later year.
            let start = NaiveDate::from_ymd_opt(year + 1, 1, 1);
            match start {
                Some(day) => self.first_on_or_after(day),
                None => self.visible.len(),
            }
        } else {
            // First event of the year before the selected one's (or of this year when the
            // selection is not its first event, as `[` in a pager goes to the section start).
            let this_year_first =
                NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, |d| self.first_on_or_after(d));
            if this_year_first < self.selected {
                this_year_first
            } else if this_year_first == 0 {
                0
            } else {
                let previous_year = self.year_of(this_year_first - 1);
                NaiveDate::from_ymd_opt(previous_year, 1, 1).map_or(0, |d| self.first_on_or_after(d))
            }
        };
        if target >= self.visible.len() {
            self.message = Some("no later year".into());
            return;
        }
        if !forward && target == self.selected {
            self.message = Some("no earlier year".into());
            return;
        }
        self.jump(target);
    }

    /// Position of the first visible event starting on or after `day`.
    fn first_on_or_after(&self, day: NaiveDate) -> usize {
        let timeline = self.timeline.as_ref().expect("loaded");
        self.visible.partition_point(|&e| timeline.events[e].date.first_day() < day)
    }

    /// The visible event starting nearest to `day`.
    pub fn nearest_to(&self, day: NaiveDate) -> Option<usize> {
        if self.visible.is_empty() {
            return None;
        }
        let after = self.first_on_or_after(day);
        let candidates = [after.checked_sub(1), (after < self.visible.len()).then_some(after)];
        candidates.into_iter().flatten().min_by_key(|&p| (self.start_of(p) - day).num_days().abs())
    }

    fn submit_jump(&mut self) {
        let Some(Popup::Jump { input, error }) = &mut self.popup else { return };
        if self.timeline.is_none() {
            *error = Some("still loading; press Enter again once the events are shown".into());
            return;
        }
        match DateSpec::parse(input) {
            Ok(date) => {
                self.popup = None;
                // `2016` means the first event of 2016 when there is one, else the nearest.
                let first = self.first_on_or_after(date.first_day());
                let within = first < self.visible.len() && self.start_of(first) <= date.last_day();
                let target = if within { Some(first) } else { self.nearest_to(date.first_day()) };
                if let Some(position) = target {
                    self.jump(position);
                }
            }
            Err(e) => *error = Some(e.to_string()),
        }
    }

    fn detail_view(&self) -> Option<DetailView> {
        let timeline = self.timeline.as_ref()?;
        let event = self.selected_event()?;
        Some(DetailView::new(timeline, event, self.viewport.detail_width, self.detail_link, None, None))
    }

    fn scroll_by(&mut self, delta: isize) {
        let Some(view) = self.detail_view() else { return };
        let max = view.lines.len().saturating_sub(self.viewport.detail_rows.max(1));
        let next = (self.detail_scroll as isize).saturating_add(delta).max(0) as usize;
        self.detail_scroll = next.min(max);
    }

    fn step_link(&mut self, forward: bool) {
        let Some(view) = self.detail_view() else { return };
        let n = view.links.len();
        if n == 0 {
            self.message = Some("this event has no related events".into());
            return;
        }
        let next = match (self.detail_link, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        self.detail_link = Some(next);
        // Scroll so the highlighted link is on screen.
        let (first, last) = (view.links[next].first_row, view.links[next].last_row);
        let rows = self.viewport.detail_rows.max(1);
        if last >= self.detail_scroll + rows {
            self.detail_scroll = last + 1 - rows;
        }
        if first < self.detail_scroll {
            self.detail_scroll = first;
        }
    }

    fn follow_link(&mut self) {
        let Some(view) = self.detail_view() else { return };
        let Some(link) = self.detail_link.and_then(|i| view.links.get(i)) else {
            self.message = Some("press n to highlight a related event first".into());
            return;
        };
        self.go_to(link.event);
    }

    /// Selects another event, remembering the current one for `Backspace`.
    pub fn go_to(&mut self, event: EventIx) {
        match self.visible.binary_search(&event) {
            Ok(position) => self.jump(position),
            Err(_) => self.message = Some("that event is hidden by the current filter; x clears it".into()),
        }
    }

    /// A big move (not a step): remembered so `Backspace` can return.
    pub(super) fn jump(&mut self, position: usize) {
        if let Some(current) = self.selected_event() {
            let here =
                Visit { event: current, detail_scroll: self.detail_scroll, detail_link: self.detail_link };
            if self.visible.get(position) != Some(&current) && self.history.last() != Some(&here) {
                self.history.push(here);
                if self.history.len() > 1000 {
                    self.history.remove(0);
                }
            }
        }
        self.select(position);
    }

    fn history_back(&mut self) {
        while let Some(visit) = self.history.pop() {
            if self.select_event(visit.event) {
                self.detail_scroll = visit.detail_scroll;
                self.detail_link = visit.detail_link;
                return;
            }
            // Hidden by a filter since: skip it.
        }
        self.message = Some("nothing to go back to".into());
    }

    /// First and last day of the whole timeline.
    pub fn time_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.time_range
    }

    fn zoom(&mut self, zoom_in: bool) {
        let Some((first, last)) = self.time_range() else { return };
        let full = (last - first).num_days().max(1) + 1;
        let span = self.axis.span_days.unwrap_or(full);
        if zoom_in {
            let next = (span / 2).max(MIN_SPAN_DAYS);
            if next >= span {
                self.message = Some("zoomed in as far as it goes".into());
                return;
            }
            self.axis.span_days = Some(next);
        } else {
            let next = span.saturating_mul(2);
            self.axis.span_days = if next >= full { None } else { Some(next) };
            if next >= full {
                self.axis.center_day = None;
            }
        }
    }

    fn pan(&mut self, direction: i64) {
        let Some(span) = self.axis.span_days else {
            self.message = Some("the whole timeline is shown; zoom in with + to pan".into());
            return;
        };
        let center = self.axis_center();
        self.axis.center_day = Some(center + direction * (span / 4).max(1));
    }

    /// The day at the centre of the axis (days since 0001-01-01, chrono's CE count).
    pub fn axis_center(&self) -> i64 {
        if let Some(day) = self.axis.center_day {
            return day;
        }
        let timeline = self.timeline.as_ref();
        match (timeline, self.selected_event()) {
            (Some(t), Some(e)) => {
                let d = &t.events[e].date;
                (i64::from(d.first_day().num_days_from_ce()) + i64::from(d.last_day().num_days_from_ce())) / 2
            }
            _ => 0,
        }
    }

    // --- Mouse ------------------------------------------------------------------------------

    /// A click on the `row`th row of the list.
    pub fn click_list(&mut self, row: usize) {
        let rows = self.list_rows(self.viewport.list_rows.max(1));
        if let Some(ListRow::Event(position)) = rows.get(row) {
            self.focus = Focus::List;
            self.select(*position);
        }
    }

    /// A click on the `row`th visible row of the detail.
    pub fn click_detail(&mut self, row: usize) {
        self.focus = Focus::Detail;
        let Some(view) = self.detail_view() else { return };
        let target = row + self.detail_scroll;
        if let Some((i, link)) =
            view.links.iter().enumerate().find(|(_, l)| (l.first_row..=l.last_row).contains(&target))
        {
            self.detail_link = Some(i);
            self.go_to(link.event);
        }
    }

    /// A click on the axis at a day.
    pub fn click_axis(&mut self, day: NaiveDate) {
        self.focus = Focus::Axis;
        if let Some(position) = self.nearest_to(day) {
            let keep = self.axis;
            self.select(position);
            self.axis = keep; // clicking picks an event; it does not move the view
        }
    }

    pub fn wheel_list(&mut self, down: bool) {
        let step = 3;
        let target =
            if down { self.selected.saturating_add(step) } else { self.selected.saturating_sub(step) };
        self.select(target);
    }

    pub fn wheel_detail(&mut self, down: bool) {
        self.scroll_by(if down { 3 } else { -3 });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn builtin() -> App {
        let mut app = App::with_timeline("test", model::load_builtin().unwrap());
        app.set_viewport(Viewport { list_rows: 10, detail_rows: 10, detail_width: 60, one_pane: false });
        app
    }

    fn id(app: &App) -> &str {
        let t = app.timeline.as_ref().unwrap();
        &t.events[app.selected_event().unwrap()].id
    }

    fn key(app: &mut App, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        match super::super::keymap::action_for(app.mode(), &event) {
            Some(action) => app.update(action),
            None => {
                if let KeyCode::Char(c) = code {
                    app.type_char(c)
                }
            }
        }
    }

    #[test]
    fn moves_through_events() {
        let mut app = builtin();
        assert_eq!(app.selected, 0);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.selected, 1);
        key(&mut app, KeyCode::Down);
        assert_eq!(app.selected, 2);
        key(&mut app, KeyCode::Char('k'));
        assert_eq!(app.selected, 1);
        key(&mut app, KeyCode::Char('G'));
        assert_eq!(app.selected, app.visible.len() - 1);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.selected, app.visible.len() - 1, "stops at the end");
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.selected, 0);
        key(&mut app, KeyCode::Up);
        assert_eq!(app.selected, 0, "stops at the start");
        key(&mut app, KeyCode::End);
        assert_eq!(app.selected, app.visible.len() - 1);
        key(&mut app, KeyCode::Home);
        assert_eq!(app.selected, 0);
        key(&mut app, KeyCode::PageDown);
        assert_eq!(app.selected, 8);
        key(&mut app, KeyCode::PageUp);
        assert_eq!(app.selected, 0);
        app.update(Action::PageDown);
        assert_eq!(app.selected, 8);
    }

    #[test]
    fn selection_stays_visible() {
        let mut app = builtin();
        for _ in 0..app.visible.len() {
            key(&mut app, KeyCode::Char('j'));
            let rows = app.list_rows(app.viewport.list_rows);
            assert!(rows.contains(&ListRow::Event(app.selected)), "row {} not drawn", app.selected);
            assert!(matches!(rows[0], ListRow::Year(_)), "the year is always on top");
        }
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.list_offset, 0);
    }

    #[test]
    fn year_jumps() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char(']'));
        let t = app.timeline.clone().unwrap();
        let year = |app: &App| t.events[app.selected_event().unwrap()].date.first_day().year();
        assert_eq!(year(&app), 2015);
        key(&mut app, KeyCode::Char(']'));
        assert_eq!(year(&app), 2016);
        let first_2016 = app.selected;
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('['));
        assert_eq!(app.selected, first_2016, "[ goes to the start of this year first");
        key(&mut app, KeyCode::Char('['));
        assert_eq!(year(&app), 2015);
        key(&mut app, KeyCode::Char('G'));
        key(&mut app, KeyCode::Char(']'));
        assert_eq!(app.message.as_deref(), Some("no later year"));
    }

    #[test]
    fn jump_to_date_selects_nearest() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char('t'));
        assert_eq!(app.mode(), Mode::Prompt);
        for c in "2016-06".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(app.popup, None);
        assert_eq!(id(&app), "dialogue-round-2");
        key(&mut app, KeyCode::Char('t'));
        for c in "2016-13".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        assert!(matches!(&app.popup, Some(Popup::Jump { error: Some(e), .. }) if e.contains("month 13")));
        key(&mut app, KeyCode::Backspace);
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.popup, None);
        assert_eq!(id(&app), "dialogue-round-2", "cancel keeps the selection");
    }

    #[test]
    fn help_toggles_and_scrolls() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char('?'));
        assert_eq!(app.mode(), Mode::Help);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.popup, Some(Popup::Help { scroll: 1 }));
        key(&mut app, KeyCode::PageDown);
        assert_eq!(app.popup, Some(Popup::Help { scroll: 11 }));
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
        key(&mut app, KeyCode::Char('G'));
        assert!(matches!(app.popup, Some(Popup::Help { scroll }) if scroll > 1000));
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.selected, 0, "keys go to the help, not the list");
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.popup, None);
        key(&mut app, KeyCode::F(1));
        assert!(app.popup.is_some());
        key(&mut app, KeyCode::Char('q'));
        assert!(app.popup.is_none() && !app.should_quit, "q closes the help first");
        key(&mut app, KeyCode::Char('q'));
        assert!(app.should_quit);
    }

    #[test]
    fn focus_cycles() {
        let mut app = builtin();
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, Focus::Detail);
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, Focus::Axis);
        key(&mut app, KeyCode::Tab);
        assert_eq!(app.focus, Focus::List);
        key(&mut app, KeyCode::BackTab);
        assert_eq!(app.focus, Focus::Axis);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.selected, 1, "j moves the selection from the axis too");
    }

    #[test]
    fn detail_scrolls_and_follows_links_with_history() {
        let mut app = builtin();
        assert!(app.select_event(app.timeline.as_ref().unwrap().event_index("dialogue-round-3").unwrap()));
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.detail_scroll, 1);
        key(&mut app, KeyCode::Char('G'));
        let bottom = app.detail_scroll;
        assert!(bottom > 1);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.detail_scroll, bottom, "does not scroll past the end");
        key(&mut app, KeyCode::Char('g'));
        assert_eq!(app.detail_scroll, 0);
        key(&mut app, KeyCode::PageDown);
        assert_eq!(app.detail_scroll, 9, "a page is the pane's height less one line");
        app.update(Action::ScrollPageUp);
        assert_eq!(app.detail_scroll, 0);
        key(&mut app, KeyCode::Char('k'));
        assert_eq!(app.detail_scroll, 0, "does not scroll above the top");
        key(&mut app, KeyCode::Enter);
        assert!(app.message.as_deref().unwrap_or("").contains("press n"));
        key(&mut app, KeyCode::Char('n'));
        assert_eq!(app.detail_link, Some(0));
        assert!(app.detail_scroll > 0, "scrolled to the link");
        let before = id(&app).to_string();
        key(&mut app, KeyCode::Enter);
        assert_ne!(id(&app), before);
        assert_eq!(app.history.len(), 1);
        key(&mut app, KeyCode::Backspace);
        assert_eq!(id(&app), before);
        key(&mut app, KeyCode::Backspace);
        assert_eq!(app.message.as_deref(), Some("nothing to go back to"));
    }

    #[test]
    fn axis_zoom_pan_fit() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char('h'));
        assert!(app.message.is_some(), "pan needs a zoom");
        key(&mut app, KeyCode::Char('+'));
        let span = app.axis.span_days.unwrap();
        key(&mut app, KeyCode::Char('+'));
        assert_eq!(app.axis.span_days, Some(span / 2));
        let center = app.axis_center();
        key(&mut app, KeyCode::Char('l'));
        assert!(app.axis_center() > center);
        key(&mut app, KeyCode::Left);
        key(&mut app, KeyCode::Left);
        assert!(app.axis_center() < center);
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.axis.center_day, None, "moving the selection re-centres on it");
        for _ in 0..30 {
            key(&mut app, KeyCode::Char('+'));
        }
        assert_eq!(app.axis.span_days, Some(MIN_SPAN_DAYS));
        key(&mut app, KeyCode::Char('-'));
        assert_eq!(app.axis.span_days, Some(MIN_SPAN_DAYS * 2));
        key(&mut app, KeyCode::Char('0'));
        assert_eq!(app.axis, AxisView::default());
        for _ in 0..3 {
            key(&mut app, KeyCode::Char('+'));
        }
        for _ in 0..10 {
            key(&mut app, KeyCode::Char('-'));
        }
        assert_eq!(app.axis.span_days, None, "zooming out ends at fit-all");
    }

    #[test]
    fn one_pane_layout_opens_and_closes_detail() {
        let mut app = builtin();
        app.set_viewport(Viewport { list_rows: 10, detail_rows: 10, detail_width: 50, one_pane: true });
        key(&mut app, KeyCode::Enter);
        assert!(app.detail_open);
        assert_eq!(app.focus, Focus::Detail);
        key(&mut app, KeyCode::Esc);
        assert!(!app.detail_open);
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn quit_keys() {
        let mut app = builtin();
        app.update(Action::Quit);
        assert!(app.should_quit);
        let mut app = builtin();
        key(&mut app, KeyCode::Char('t'));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let action = super::super::keymap::action_for(app.mode(), &ctrl_c).unwrap();
        app.update(action);
        assert!(app.should_quit, "Ctrl-C quits even from a prompt");
    }

    #[test]
    fn mouse_selects() {
        let mut app = builtin();
        let rows = app.list_rows(10);
        let (row, position) = rows
            .iter()
            .enumerate()
            .find_map(|(i, r)| matches!(r, ListRow::Event(p) if *p == 3).then_some((i, 3)))
            .unwrap();
        app.click_list(row);
        assert_eq!(app.selected, position);
        app.click_list(0); // a year heading: nothing happens
        assert_eq!(app.selected, position);
        app.click_axis(NaiveDate::from_ymd_opt(2016, 11, 20).unwrap());
        assert_eq!(id(&app), "lima-apec-meeting-2016");
        let before = app.selected;
        app.wheel_list(true);
        assert_eq!(app.selected, before + 3);
        app.wheel_list(true);
        assert_eq!(app.selected, app.visible.len() - 1, "the wheel stops at the end");
    }

    #[test]
    fn zoom_never_widens_a_short_timeline() {
        let text = "title: t\nevents:\n  - {id: a, title: A, date: \"2016-01-01\"}\n  - {id: b, title: B, date: \"2016-01-02\"}\n";
        let mut app = App::with_timeline("t", model::load_str("t", text).unwrap());
        key(&mut app, KeyCode::Char('+'));
        assert_eq!(app.axis.span_days, None);
        assert_eq!(app.message.as_deref(), Some("zoomed in as far as it goes"));
    }

    #[test]
    fn help_scroll_leaves_the_detail_alone() {
        let mut app = builtin();
        key(&mut app, KeyCode::Tab);
        key(&mut app, KeyCode::Char('?'));
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.detail_scroll, 0);
    }

    #[test]
    fn a_year_jumps_to_its_first_event() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char('t'));
        for c in "2016".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        key(&mut app, KeyCode::Enter);
        assert_eq!(id(&app), "tabletop-exercise-2016", "not the nearest to Jan 1 (Dec 2015)");
    }

    #[test]
    fn every_jump_can_be_undone() {
        let mut app = builtin();
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('G'));
        key(&mut app, KeyCode::Char('['));
        key(&mut app, KeyCode::Backspace);
        assert_eq!(app.selected, app.visible.len() - 1);
        key(&mut app, KeyCode::Backspace);
        assert_eq!(app.selected, 1);
        key(&mut app, KeyCode::Backspace);
        assert_eq!(app.message.as_deref(), Some("nothing to go back to"));
    }

    #[test]
    fn tiny_lists_show_events_and_growing_fills_the_screen() {
        let mut app = builtin();
        app.set_viewport(Viewport { list_rows: 1, detail_rows: 1, detail_width: 20, one_pane: true });
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.list_rows(1), vec![ListRow::Event(2)]);
        key(&mut app, KeyCode::Char('G'));
        app.set_viewport(Viewport { list_rows: 40, detail_rows: 40, detail_width: 60, one_pane: false });
        assert_eq!(app.list_offset, 0, "all 13 events fit in 40 rows");
    }
}
