//! Everything a person can ask the explorer to do. Keys and mouse become these; `App::update`
//! carries them out.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
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
    OpenJump,
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
    OpenSearch,
    NextMatch,
    PreviousMatch,
    OpenQuery,
    ClearFilters,
    OpenPicker(PickerKind),
    PickerToggle,
    OpenExport,
    OpenSource,
}

/// The facet a picker chooses values of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PickerKind {
    Countries,
    Agencies,
    People,
    Tags,
}

impl Action {
    /// What the action does, for the help overlay, the status bar and the README.
    pub fn description(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            ToggleHelp => "show or hide this help",
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
            OpenJump => "jump to a date (e.g. 2016-06)",
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
            OpenSearch => "search titles, names, tags and text (as you type)",
            NextMatch => "next search match",
            PreviousMatch => "previous search match",
            OpenQuery => "edit the filter query (e.g. country:CN -tag:background hotline)",
            ClearFilters => "clear every filter and the search",
            OpenPicker(PickerKind::Countries) => "pick countries to filter by",
            OpenPicker(PickerKind::Agencies) => "pick agencies to filter by",
            OpenPicker(PickerKind::People) => "pick people to filter by",
            OpenPicker(PickerKind::Tags) => "pick tags to filter by",
            PickerToggle => "choose or un-choose the value",
            OpenExport => "export the shown events to a file here (choose a format)",
            OpenSource => "open the event's first source link in the browser",
        }
    }

    /// A few words for the status bar.
    pub fn hint(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit",
            ToggleHelp => "help",
            Back => "back",
            FocusNext => "pane",
            MoveDown | MoveUp => "move",
            First | Last => "first/last",
            PageDown | PageUp => "page",
            PreviousYear | NextYear => "year",
            OpenJump => "jump to date",
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
            OpenSearch => "search",
            NextMatch | PreviousMatch => "match",
            OpenQuery => "filter",
            ClearFilters => "clear",
            OpenPicker(_) => "pick",
            PickerToggle => "choose",
            OpenExport => "export",
            OpenSource => "open link",
            _ => self.description(),
        }
    }
}
