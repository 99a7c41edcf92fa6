//! Everything a person can ask the explorer to do. Keys, typed text and the mouse all become
//! these, and `App::update` is the only way input changes state, so a test or a replay is a list
//! of actions.

use crate::model::query::Facet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    /// Open a popup (in the help, `?` closes it again).
    Open(PopupKind),
    /// Close a popup; in the one-pane layout, return from the detail to the list.
    Back,
    FocusNext,
    FocusPrevious,
    MoveDown,
    MoveUp,
    First,
    Last,
    PageDown,
    PageUp,
    PreviousYear,
    NextYear,
    /// Open the detail of the selected event (one-pane layout) or focus it.
    OpenDetail,
    ScrollDown,
    ScrollUp,
    ScrollTop,
    ScrollBottom,
    ScrollPageDown,
    ScrollPageUp,
    NextLink,
    PreviousLink,
    FollowLink,
    HistoryBack,
    ZoomIn,
    ZoomOut,
    ZoomFit,
    PanLeft,
    PanRight,
    PromptSubmit,
    PromptCancel,
    PromptDelete,
    NextMatch,
    PreviousMatch,
    ClearFilters,
    PickerToggle,
    OpenSource,
    /// Show only the search's matches, or all events again (the matches stay marked).
    ToggleOnlyMatches,
    CycleZone,
    /// Switch between the list layout and the timeline layout.
    ToggleView,
    /// Group the timeline into lanes by the next facet (none, country, agency, …).
    CycleLanes,
    /// Mark the selected event to measure the time from it.
    ToggleMark,
    /// Bookmark the selected event, or remove its bookmark (kept in the notes sidecar).
    ToggleBookmark,
    /// Save the annotation being edited.
    SaveAnnotation,
    ZoomToShown,
    ZoomToSelected,
    NextLane,
    PreviousLane,
    /// Open the selected event (or the reload error) in `$VISUAL`/`$EDITOR` at its line.
    EditSource,
    /// Suspend to the shell (Ctrl-Z); `fg` resumes.
    Suspend,
    /// A click in the timeline view at (`column`, `row`) of a view `width` × `height`.
    ClickTimeline {
        column: u16,
        row: u16,
        width: u16,
        height: u16,
    },
    /// The wheel over time: pans, or with Ctrl zooms.
    WheelTime {
        down: bool,
        zoom: bool,
    },
    /// A character typed into the open prompt or picker.
    Type(char),
    /// Line editing in a prompt.
    Edit(Edit),
    /// A click on the `row`th row inside the list pane.
    ClickList {
        row: u16,
    },
    /// A click on the `row`th visible row inside the detail pane.
    ClickDetail {
        row: u16,
    },
    /// A click on the time axis, `column` cells from the left of an axis `width` cells wide.
    ClickAxis {
        column: u16,
        width: u16,
    },
    /// The mouse wheel over the list (or anywhere but the detail).
    WheelList {
        down: bool,
    },
    /// The mouse wheel over the detail.
    WheelDetail {
        down: bool,
    },
    /// A click in story mode: on the right half of the screen or the left.
    ClickStory {
        right: bool,
    },
}

/// Readline's keys in a prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Edit {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    DeleteNext,
    /// The word before the cursor.
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
    /// The previous entry in the prompt's history.
    Older,
    Newer,
    /// Complete the word at the cursor (the filter prompt).
    Complete,
}

/// The popups, each in its own file under `popups/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PopupKind {
    Help,
    Jump,
    Query,
    Picker(PickerKind),
    Search,
    Export,
    /// The bookmarks (and notes whose event is gone).
    Bookmarks,
    /// The editor of the selected event's annotation.
    Annotate,
    /// What `y` can copy: the id, the title, a citation, the URL, a link to the event.
    Copy,
    /// The config file's saved views.
    Views,
    /// This run's messages.
    Log,
    /// Story mode: the file's stories, or every event in view.
    Stories,
}

/// The facet a picker chooses values of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PickerKind {
    Countries,
    Agencies,
    People,
    Tags,
}

impl PickerKind {
    /// The query facet whose values it lists.
    pub fn facet(self) -> Facet {
        match self {
            PickerKind::Countries => Facet::Country,
            PickerKind::Agencies => Facet::Agency,
            PickerKind::People => Facet::Person,
            PickerKind::Tags => Facet::Tag,
        }
    }
}

impl Action {
    /// What the action does, for the help overlay, the status bar and the README.
    pub fn description(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Open(PopupKind::Help) => "show or hide this help",
            Open(PopupKind::Jump) => "jump to a date (e.g. 2016-06)",
            Open(PopupKind::Search) => "search titles, names, tags and text (as you type)",
            Open(PopupKind::Query) => "edit the filter query (e.g. country:CN -tag:background hotline)",
            Open(PopupKind::Picker(PickerKind::Countries)) => "pick countries to filter by",
            Open(PopupKind::Picker(PickerKind::Agencies)) => "pick agencies to filter by",
            Open(PopupKind::Picker(PickerKind::People)) => "pick people to filter by",
            Open(PopupKind::Picker(PickerKind::Tags)) => "pick tags to filter by",
            Open(PopupKind::Export) => "export the shown events to a file here (choose a format)",
            Open(PopupKind::Bookmarks) => "list the bookmarks (Enter goes to one)",
            Open(PopupKind::Annotate) => {
                "write or edit your annotation of the event (kept beside the timeline)"
            }
            ToggleBookmark => "bookmark the event, or remove its bookmark",
            SaveAnnotation => "save the annotation",
            Open(PopupKind::Copy) => "copy the event's id, title, citation, URL or link (OSC 52)",
            Open(PopupKind::Views) => "open a saved view (the config file's [views])",
            Open(PopupKind::Log) => "the log of this run's messages, every reload error in full",
            Open(PopupKind::Stories) => {
                "story mode: one slide per event, full screen (a story of the file's, or all in view)"
            }
            EditSource => "edit the event in $VISUAL/$EDITOR, at its line or the reload error's",
            Suspend => "suspend to the shell (fg resumes)",
            Back => "close the popup; in one-pane view, back to the list",
            FocusNext => "focus the next pane (list, detail, axis)",
            FocusPrevious => "focus the previous pane",
            MoveDown => "next event",
            MoveUp => "previous event",
            First => "first event",
            Last => "last event",
            PageDown => "page down",
            PageUp => "page up",
            PreviousYear => "first event of the previous year",
            NextYear => "first event of the next year",
            OpenDetail => "open the event's detail",
            ScrollDown => "scroll down",
            ScrollUp => "scroll up",
            ScrollTop => "scroll to the top",
            ScrollBottom => "scroll to the bottom",
            ScrollPageDown => "scroll a page down",
            ScrollPageUp => "scroll a page up",
            NextLink => "highlight the next related event",
            PreviousLink => "highlight the previous related event",
            FollowLink => "go to the highlighted related event",
            HistoryBack => "go back to where you were",
            ZoomIn => "zoom the time axis in",
            ZoomOut => "zoom the time axis out",
            ZoomFit => "fit the whole timeline on the axis",
            PanLeft => "pan the time axis to earlier dates",
            PanRight => "pan the time axis to later dates",
            PromptSubmit => "confirm",
            PromptCancel => "cancel and return",
            PromptDelete => "delete a character",
            NextMatch => "next search match",
            PreviousMatch => "previous search match",
            ClearFilters => "clear every filter and the search",
            PickerToggle => "choose or un-choose the value",
            OpenSource => "open the event's first source link in the browser",
            ToggleView => "switch between the list and the timeline view",
            ToggleOnlyMatches => "show only the search's matches, or every event again",
            CycleZone => "show times in the timeline's zone, UTC, or this machine's",
            CycleLanes => "group the timeline into lanes: none, country, agency, person, tag, status, file",
            ToggleMark => "mark the event to measure the time from it (again: clear)",
            ZoomToShown => "zoom the time axis to fit the shown events",
            ZoomToSelected => "zoom the time axis to the selected event's span",
            NextLane => "next lane (the nearest event in it)",
            PreviousLane => "previous lane",
            ClickTimeline { .. } => "select the clicked event or lane",
            WheelTime { .. } => "pan the time axis (with Ctrl: zoom)",
            Type(_) => "type a character",
            Edit(self::Edit::Left) => "cursor left",
            Edit(self::Edit::Right) => "cursor right",
            Edit(self::Edit::WordLeft) => "a word left",
            Edit(self::Edit::WordRight) => "a word right",
            Edit(self::Edit::Home) => "to the start",
            Edit(self::Edit::End) => "to the end",
            Edit(self::Edit::DeleteNext) => "delete the character under the cursor",
            Edit(self::Edit::DeleteWord) => "delete the word before the cursor",
            Edit(self::Edit::DeleteToStart) => "delete to the start",
            Edit(self::Edit::DeleteToEnd) => "delete to the end",
            Edit(self::Edit::Older) => "earlier entry (history, kept across runs)",
            Edit(self::Edit::Newer) => "later entry",
            Edit(self::Edit::Complete) => "complete a facet or value (filter prompt), with event counts",
            ClickList { .. } => "select the clicked event",
            ClickDetail { .. } => "follow the clicked related event",
            ClickAxis { .. } => "select the event nearest the clicked time",
            WheelList { .. } => "move through the events",
            WheelDetail { .. } => "scroll the detail",
            ClickStory { .. } => "next slide (a click on the right half) or previous (left half)",
        }
    }

    /// A few words for the status bar.
    pub fn hint(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Open(PopupKind::Help) => "help",
            Open(PopupKind::Jump) => "jump to date",
            Open(PopupKind::Search) => "search",
            Open(PopupKind::Query) => "filter",
            Open(PopupKind::Picker(_)) => "pick",
            Open(PopupKind::Export) => "export",
            Open(PopupKind::Bookmarks) => "bookmarks",
            Open(PopupKind::Annotate) => "annotate",
            ToggleBookmark => "bookmark",
            SaveAnnotation => "save",
            Open(PopupKind::Copy) => "copy",
            Open(PopupKind::Views) => "views",
            Open(PopupKind::Log) => "log",
            Open(PopupKind::Stories) => "story",
            EditSource => "edit",
            Suspend => "suspend",
            Back => "back",
            FocusNext => "pane",
            MoveDown | MoveUp => "move",
            First | Last => "first/last",
            PageDown | PageUp => "page",
            PreviousYear | NextYear => "year",
            OpenDetail => "detail",
            ScrollDown | ScrollUp => "scroll",
            NextLink | PreviousLink => "link",
            FollowLink => "follow",
            HistoryBack => "back",
            ZoomIn | ZoomOut => "zoom",
            ZoomFit => "fit",
            PanLeft | PanRight => "pan",
            PromptSubmit => "confirm",
            PromptCancel => "cancel",
            ToggleView => "timeline",
            ToggleOnlyMatches => "only matches",
            CycleZone => "zone",
            CycleLanes => "lanes",
            ToggleMark => "mark",
            ZoomToShown | ZoomToSelected => "zoom to fit",
            NextLane | PreviousLane => "lane",
            Edit(self::Edit::Older | self::Edit::Newer) => "history",
            Edit(self::Edit::Complete) => "complete",
            NextMatch | PreviousMatch => "match",
            ClearFilters => "clear",
            PickerToggle => "choose",
            OpenSource => "open link",
            _ => self.description(),
        }
    }
}

impl Action {
    /// The action's name in the config file: its variant in kebab case (`move-down`,
    /// `open-picker-countries`, `edit-word-left`).
    pub fn name(self) -> String {
        let debug = format!("{self:?}");
        let mut out = String::new();
        for c in debug.chars() {
            match c {
                '(' | ')' | ' ' | '{' | '}' | ',' | ':' => {
                    if !out.ends_with('-') && !out.is_empty() {
                        out.push('-');
                    }
                }
                c if c.is_ascii_uppercase() => {
                    if !out.is_empty() && !out.ends_with('-') {
                        out.push('-');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                c => out.push(c),
            }
        }
        out.trim_end_matches('-').to_string()
    }
}
