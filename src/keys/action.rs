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
    /// Read the selected event on the whole screen (`reading.rs`).
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
    /// Fold the current nested lane's country into its heading, or unfold it.
    ToggleFold,
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
    /// What `y` can copy: the id, the title, a link to the event, a citation of a source.
    Copy,
    /// The config file's saved views.
    Views,
    /// This run's messages.
    Log,
    /// Story mode: the file's stories, or every event in view.
    Stories,
    /// The zone prompt: the zones on offer, or any zone typed.
    Zone,
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

/// `L`'s description, written from the one list of lane kinds (`Grouping::names`) so the help,
/// the footer and the README's key table, all generated from the keymap, list every kind there
/// is. Built once: descriptions are `&'static str` everywhere else.
fn cycle_lanes_description() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| format!("group the timeline into lanes: {}", crate::model::lanes::Grouping::names()))
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
            Open(PopupKind::Copy) => "copy the event's id, title or link, or a citation of one of its sources (OSC 52)",
            Open(PopupKind::Views) => "open a saved view (the config file's [views])",
            Open(PopupKind::Log) => "the log of this run's messages, every reload error in full",
            Open(PopupKind::Zone) => {
                "show times in another zone: Enter alone takes the next offered (the timeline's, its events', UTC, local); or type any zone, Tab completes"
            }
            Open(PopupKind::Stories) => {
                "story mode: one slide per event, full screen (a story of the file's, or all in view)"
            }
            EditSource => "edit the event in $VISUAL/$EDITOR, at its line or the reload error's",
            Suspend => "suspend to the shell (fg resumes)",
            Back => "close the popup; from the reader or the detail, back to the list or the timeline; else drop a kept search",
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
            OpenDetail => "read the event on the whole screen (Esc: back)",
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
            CycleLanes => cycle_lanes_description(),
            ToggleMark => "mark the event to measure the time from it (again: clear)",
            ZoomToShown => "zoom the time axis to fit the shown events",
            ZoomToSelected => "zoom the time axis to the selected event's span",
            NextLane => "next lane (the nearest event in it)",
            PreviousLane => "previous lane",
            ToggleFold => "fold a country's nested lanes into its heading (again: unfold)",
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
            Edit(self::Edit::Complete) => "complete a facet or value (filter prompt), with event counts; a zone name (zone prompt), again for the next",
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
            Open(PopupKind::Zone) => "zone",
            Open(PopupKind::Stories) => "story",
            EditSource => "edit",
            Suspend => "suspend",
            Back => "back",
            FocusNext => "pane",
            MoveDown | MoveUp => "move",
            First | Last => "first/last",
            PageDown | PageUp => "page",
            PreviousYear | NextYear => "year",
            OpenDetail => "read",
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
            CycleLanes => "lanes",
            ToggleMark => "mark",
            ZoomToShown | ZoomToSelected => "zoom to fit",
            NextLane | PreviousLane => "lane",
            ToggleFold => "fold",
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

/// Config names that have changed, old → new, so a config that uses an old one is told the new
/// one: `T` opens a zone prompt where it once stepped through the zones (#25).
pub const RENAMED: &[(&str, &str)] = &[("cycle-zone", "open-zone")];

impl Action {
    /// The action's name in the config file (`[keys.list] move-down = "J"`), written here once
    /// rather than derived from the variant, so renaming a variant cannot break anyone's config.
    /// Renaming a name does: `the_config_names_are_pinned` lists them all, and the README notes
    /// any rename. The actions that carry a value (clicks, the wheel, typed text) are never
    /// bound; their names are for messages only.
    pub fn name(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            Open(PopupKind::Help) => "open-help",
            Open(PopupKind::Jump) => "open-jump",
            Open(PopupKind::Query) => "open-query",
            Open(PopupKind::Picker(PickerKind::Countries)) => "open-picker-countries",
            Open(PopupKind::Picker(PickerKind::Agencies)) => "open-picker-agencies",
            Open(PopupKind::Picker(PickerKind::People)) => "open-picker-people",
            Open(PopupKind::Picker(PickerKind::Tags)) => "open-picker-tags",
            Open(PopupKind::Search) => "open-search",
            Open(PopupKind::Export) => "open-export",
            Open(PopupKind::Bookmarks) => "open-bookmarks",
            Open(PopupKind::Annotate) => "open-annotate",
            Open(PopupKind::Copy) => "open-copy",
            Open(PopupKind::Views) => "open-views",
            Open(PopupKind::Log) => "open-log",
            Open(PopupKind::Zone) => "open-zone",
            Open(PopupKind::Stories) => "open-stories",
            Back => "back",
            FocusNext => "focus-next",
            FocusPrevious => "focus-previous",
            MoveDown => "move-down",
            MoveUp => "move-up",
            First => "first",
            Last => "last",
            PageDown => "page-down",
            PageUp => "page-up",
            PreviousYear => "previous-year",
            NextYear => "next-year",
            OpenDetail => "open-detail",
            ScrollDown => "scroll-down",
            ScrollUp => "scroll-up",
            ScrollTop => "scroll-top",
            ScrollBottom => "scroll-bottom",
            ScrollPageDown => "scroll-page-down",
            ScrollPageUp => "scroll-page-up",
            NextLink => "next-link",
            PreviousLink => "previous-link",
            FollowLink => "follow-link",
            HistoryBack => "history-back",
            ZoomIn => "zoom-in",
            ZoomOut => "zoom-out",
            ZoomFit => "zoom-fit",
            PanLeft => "pan-left",
            PanRight => "pan-right",
            PromptSubmit => "prompt-submit",
            PromptCancel => "prompt-cancel",
            PromptDelete => "prompt-delete",
            NextMatch => "next-match",
            PreviousMatch => "previous-match",
            ClearFilters => "clear-filters",
            PickerToggle => "picker-toggle",
            OpenSource => "open-source",
            ToggleOnlyMatches => "toggle-only-matches",
            ToggleView => "toggle-view",
            CycleLanes => "cycle-lanes",
            ToggleMark => "toggle-mark",
            ToggleBookmark => "toggle-bookmark",
            SaveAnnotation => "save-annotation",
            ZoomToShown => "zoom-to-shown",
            ZoomToSelected => "zoom-to-selected",
            NextLane => "next-lane",
            PreviousLane => "previous-lane",
            ToggleFold => "toggle-fold",
            EditSource => "edit-source",
            Suspend => "suspend",
            Edit(self::Edit::Left) => "edit-left",
            Edit(self::Edit::Right) => "edit-right",
            Edit(self::Edit::WordLeft) => "edit-word-left",
            Edit(self::Edit::WordRight) => "edit-word-right",
            Edit(self::Edit::Home) => "edit-home",
            Edit(self::Edit::End) => "edit-end",
            Edit(self::Edit::DeleteNext) => "edit-delete-next",
            Edit(self::Edit::DeleteWord) => "edit-delete-word",
            Edit(self::Edit::DeleteToStart) => "edit-delete-to-start",
            Edit(self::Edit::DeleteToEnd) => "edit-delete-to-end",
            Edit(self::Edit::Older) => "edit-older",
            Edit(self::Edit::Newer) => "edit-newer",
            Edit(self::Edit::Complete) => "edit-complete",
            ClickTimeline { .. } => "click-timeline",
            WheelTime { .. } => "wheel-time",
            Type(_) => "type",
            ClickList { .. } => "click-list",
            ClickDetail { .. } => "click-detail",
            ClickAxis { .. } => "click-axis",
            WheelList { .. } => "wheel-list",
            WheelDetail { .. } => "wheel-detail",
            ClickStory { .. } => "click-story",
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::keys::keymap::KEYMAP;

    /// Every name a config file may bind. Users' files hold these: a change here breaks them,
    /// so it must be meant, and noted in the README's config section.
    const CONFIG_NAMES: &[&str] = &[
        "back",
        "clear-filters",
        "cycle-lanes",
        "edit-complete",
        "edit-delete-next",
        "edit-delete-to-end",
        "edit-delete-to-start",
        "edit-delete-word",
        "edit-end",
        "edit-home",
        "edit-left",
        "edit-newer",
        "edit-older",
        "edit-right",
        "edit-source",
        "edit-word-left",
        "edit-word-right",
        "first",
        "focus-next",
        "focus-previous",
        "follow-link",
        "history-back",
        "last",
        "move-down",
        "move-up",
        "next-lane",
        "next-link",
        "next-match",
        "next-year",
        "open-annotate",
        "open-bookmarks",
        "open-copy",
        "open-detail",
        "open-export",
        "open-help",
        "open-jump",
        "open-log",
        "open-picker-agencies",
        "open-picker-countries",
        "open-picker-people",
        "open-picker-tags",
        "open-query",
        "open-search",
        "open-source",
        "open-stories",
        "open-views",
        "open-zone",
        "page-down",
        "page-up",
        "pan-left",
        "pan-right",
        "picker-toggle",
        "previous-lane",
        "previous-link",
        "previous-match",
        "previous-year",
        "prompt-cancel",
        "prompt-delete",
        "prompt-submit",
        "quit",
        "save-annotation",
        "scroll-bottom",
        "scroll-down",
        "scroll-page-down",
        "scroll-page-up",
        "scroll-top",
        "scroll-up",
        "suspend",
        "toggle-bookmark",
        "toggle-fold",
        "toggle-mark",
        "toggle-only-matches",
        "toggle-view",
        "zoom-fit",
        "zoom-in",
        "zoom-out",
        "zoom-to-selected",
        "zoom-to-shown",
    ];

    #[test]
    fn the_config_names_are_pinned() {
        let mut names: Vec<&str> = KEYMAP.iter().map(|b| b.action.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names, CONFIG_NAMES);
    }

    #[test]
    fn no_two_bound_actions_share_a_name() {
        let mut actions: Vec<_> = KEYMAP.iter().map(|b| b.action).collect();
        actions.dedup();
        for a in &actions {
            for b in &actions {
                assert!(a == b || a.name() != b.name(), "{a:?} and {b:?} are both `{}`", a.name());
            }
        }
    }
}
