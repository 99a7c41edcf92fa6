//! The one list cursor of the popups that list things (the copy, views and stories menus, the
//! export menu, the picker, the bookmarks): how the list keys move it, and which rows show it.

use crate::keys::action::Action;

/// How far PageDown and PageUp move.
const PAGE: isize = 10;

/// Where the cursor goes on a list of `len` items for a list key (`j`/`k`, PageDown/PageUp),
/// always on an item (0 on an empty list); `None` for any other action.
pub fn moved(cursor: usize, action: Action, len: usize) -> Option<usize> {
    let delta = match action {
        Action::MoveDown => 1,
        Action::MoveUp => -1,
        Action::PageDown => PAGE,
        Action::PageUp => -PAGE,
        _ => return None,
    };
    Some(if len == 0 { 0 } else { (cursor as isize + delta).clamp(0, len as isize - 1) as usize })
}

/// In a list that takes no typing (the export menu), a letter the list binds to a movement
/// (`j`, `k`) moves the cursor as it would in the list, instead of being dropped as text.
pub fn movement_of_letter(action: Action) -> Action {
    use crate::keys::keymap::{action_for, Mode};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let Action::Type(c) = action else { return action };
    match action_for(Mode::List, &KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)) {
        Some(moving @ (Action::MoveDown | Action::MoveUp | Action::PageDown | Action::PageUp)) => moving,
        _ => action,
    }
}

/// The first item to show in `rows` rows so that the cursor's is on screen.
pub fn first_shown(cursor: usize, rows: usize) -> usize {
    cursor.saturating_sub(rows.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_cursor_stays_on_an_item_and_on_screen(
            cursor in 0usize..50,
            len in 0usize..50,
            key in 0usize..4,
            rows in 1usize..20,
        ) {
            let action = [Action::MoveDown, Action::MoveUp, Action::PageDown, Action::PageUp][key];
            let at = moved(cursor.min(len.saturating_sub(1)), action, len).unwrap();
            prop_assert!(at < len.max(1));
            let first = first_shown(at, rows);
            prop_assert!(first <= at && at < first + rows);
        }
    }

    #[test]
    fn keys_move_by_one_and_by_a_page_and_stop_at_the_ends() {
        assert_eq!(moved(0, Action::MoveDown, 3), Some(1));
        assert_eq!(moved(2, Action::MoveDown, 3), Some(2));
        assert_eq!(moved(0, Action::MoveUp, 3), Some(0));
        assert_eq!(moved(0, Action::PageDown, 30), Some(10));
        assert_eq!(moved(25, Action::PageDown, 30), Some(29));
        assert_eq!(moved(5, Action::PageUp, 30), Some(0));
        assert_eq!(moved(0, Action::MoveDown, 0), Some(0));
        assert_eq!(moved(1, Action::PromptSubmit, 3), None);
    }
}
