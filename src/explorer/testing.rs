//! What the explorer's unit tests share (the front ends' tests too: `tui::testing` has apps).

use super::{Explorer, Viewport};
use crate::model::index::Index;
use crate::model::Timeline;
use std::sync::Arc;

/// An explorer on `timeline`, indexed, with the default viewport.
pub fn explorer(timeline: Timeline) -> Explorer {
    let index = Arc::new(Index::new(&timeline));
    Explorer::new(Arc::new(timeline), Some(index), Viewport::default())
}
