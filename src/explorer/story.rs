//! Story mode's state (issue #29): which story is told, which slide is up, the link
//! highlighted on it, where followed links came from, and a slide number being typed. What a
//! slide says is `model::story`'s; how it looks is `tui::story`'s.

use super::Explorer;
use crate::keys::action::Action;
use crate::model::story::Telling;
use crate::model::EventIx;

/// A story being told.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryPlay {
    pub telling: Telling,
    /// 0 is the title slide; `n` is the story's slide `n - 1`.
    at: usize,
    /// A related event followed from a slide, shown although the story does not tell it.
    detour: Option<EventIx>,
    /// Where each followed link left from (`at`, `detour`), for going back.
    back: Vec<(usize, Option<EventIx>)>,
    /// The highlighted related event of the slide shown.
    link: Option<usize>,
    /// Rows of the slide scrolled past.
    scroll: usize,
    /// Digits typed for "a number, then Enter".
    pub typed: String,
}

impl StoryPlay {
    /// The slide shown (counted from 0), `None` on the title slide or a detour.
    pub fn slide(&self) -> Option<usize> {
        if self.detour.is_some() {
            return None;
        }
        self.at.checked_sub(1)
    }

    /// Where the story is: 0 for the title slide, `n` for its `n`th slide.
    pub fn position(&self) -> usize {
        self.at
    }

    /// The number of slides, the title slide not counted.
    pub fn len(&self) -> usize {
        self.telling.slides.len()
    }

    pub fn is_empty(&self) -> bool {
        self.telling.slides.is_empty()
    }

    /// The event shown: the slide's, or the followed one's; `None` on the title slide.
    pub fn event(&self) -> Option<EventIx> {
        self.detour.or_else(|| self.at.checked_sub(1).map(|n| self.telling.slides[n].event))
    }

    /// A related event shown outside the story (after following a link).
    pub fn detour(&self) -> Option<EventIx> {
        self.detour
    }

    /// The slide text that replaces the event's summary, if the story gives one.
    pub fn slide_text(&self) -> Option<&str> {
        self.slide().and_then(|n| self.telling.slides[n].text.as_deref())
    }

    pub fn link(&self) -> Option<usize> {
        self.link
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Whether Backspace has somewhere to go back to.
    pub fn can_go_back(&self) -> bool {
        !self.back.is_empty()
    }

    fn show(&mut self, at: usize, detour: Option<EventIx>) {
        self.at = at;
        self.detour = detour;
        self.link = None;
        self.scroll = 0;
    }
}

impl Explorer {
    /// The story being told, if story mode is on.
    pub fn story(&self) -> Option<&StoryPlay> {
        self.story.as_ref()
    }

    /// Starts story mode: the written story `story` at its title slide, or (`None`) one slide
    /// per event in view, at the selected event. Work is one pass over the slides.
    pub fn enter_story(&mut self, story: Option<usize>) -> Result<Option<String>, String> {
        let (telling, at) = match story {
            Some(s) if s < self.timeline.stories.len() => (Telling::written(&self.timeline, s), 0),
            Some(_) => return Err("no such story".into()),
            None if self.visible.is_empty() => return Err("no events in view to tell".into()),
            None => {
                // The days each is shown on in the zone shown, in list order.
                let days = self
                    .visible
                    .iter()
                    .map(|&e| chrono::Datelike::num_days_from_ce(&self.shown_first_day(e)))
                    .collect();
                (Telling::of_events_on(&self.timeline, &self.visible, days), self.selected + 1)
            }
        };
        self.story = Some(StoryPlay {
            telling,
            at,
            detour: None,
            back: Vec::new(),
            link: None,
            scroll: 0,
            typed: String::new(),
        });
        Ok(None)
    }

    /// Leaves story mode with the slide's event selected (and remembered for Backspace); from
    /// the title slide the selection stays where it was.
    pub fn leave_story(&mut self) -> Option<String> {
        let play = self.story.take()?;
        let event = play.event()?;
        self.go_to(event)
    }

    /// One step through the story; says so at either end.
    pub fn story_step(&mut self, forward: bool) -> Option<String> {
        let play = self.story.as_mut()?;
        let last = play.len();
        let next = if forward { play.at + 1 } else { play.at.saturating_sub(1) };
        if play.detour.is_none() && forward && play.at == last {
            return Some("the last slide; Esc leaves story mode".into());
        }
        if play.detour.is_none() && !forward && play.at == 0 {
            return Some("the title slide".into());
        }
        // From a detour, the step is taken from the slide it left.
        play.show(next.min(last), None);
        None
    }

    /// Goes to slide `n` (0: the title slide).
    pub fn story_go(&mut self, n: usize) -> Option<String> {
        let play = self.story.as_mut()?;
        if n > play.len() {
            let len = play.len();
            return Some(format!("no slide {n}: the story has {len} (0 is the title slide)"));
        }
        play.show(n, None);
        None
    }

    pub fn story_link_step(&mut self, forward: bool) -> Option<String> {
        let rows = self.story_rows();
        let play = self.story.as_mut()?;
        let links = rows.links;
        if links.is_empty() {
            return Some("this slide has no related events".into());
        }
        let n = links.len();
        let next = super::cycle(play.link, n, forward);
        play.link = Some(next);
        // Scroll so the highlighted link is in sight.
        let (row, height) = (links[next].1, rows.height.max(1));
        if row >= play.scroll + height {
            play.scroll = row + 1 - height;
        }
        if row < play.scroll {
            play.scroll = row;
        }
        None
    }

    /// Enter: the typed slide number, else the highlighted link — to its slide if the story
    /// tells it, else to the event on its own, off the story (Backspace comes back).
    pub fn story_enter(&mut self) -> Option<String> {
        let rows = self.story_rows();
        let play = self.story.as_mut()?;
        if !play.typed.is_empty() {
            let typed = std::mem::take(&mut play.typed);
            return match typed.parse::<usize>() {
                Ok(n) => self.story_go(n),
                Err(_) => Some(format!("no slide {typed}")),
            };
        }
        let Some(&(event, _)) = play.link.and_then(|i| rows.links.get(i)) else {
            return Some("type a slide number, or press n to highlight a related event, then Enter".into());
        };
        play.back.push((play.at, play.detour));
        match play.telling.slide_of(event) {
            Some(n) => play.show(n + 1, None),
            None => {
                let at = play.at;
                play.show(at, Some(event));
            }
        }
        None
    }

    /// Backspace: a typed digit, else back to where the last link was followed from.
    pub fn story_back(&mut self) -> Option<String> {
        let play = self.story.as_mut()?;
        if play.typed.pop().is_some() {
            return None;
        }
        match play.back.pop() {
            Some((at, detour)) => {
                play.show(at, detour);
                None
            }
            None => Some("no followed link to go back from".into()),
        }
    }

    pub fn story_scroll(&mut self, delta: isize) {
        let rows = self.story_rows();
        let Some(play) = self.story.as_mut() else { return };
        let max = rows.total.saturating_sub(rows.height);
        play.scroll = play.scroll.saturating_add_signed(delta).min(max);
    }

    /// One action in story mode (`App::update` sends them all here while a story is told).
    pub fn story_action(&mut self, action: Action) -> Option<String> {
        use Action::*;
        let typing = self.story.as_ref().is_some_and(|p| !p.typed.is_empty());
        match action {
            MoveDown => self.story_step(true),
            MoveUp => self.story_step(false),
            First => self.story_go(0),
            Last => self.story_go(self.story.as_ref()?.len()),
            ScrollDown => {
                self.story_scroll(1);
                None
            }
            ScrollUp => {
                self.story_scroll(-1);
                None
            }
            WheelDetail { down } | WheelList { down } => {
                self.story_scroll(if down { 3 } else { -3 });
                None
            }
            ClickStory { right } => self.story_step(right),
            NextLink => self.story_link_step(true),
            PreviousLink => self.story_link_step(false),
            FollowLink => self.story_enter(),
            HistoryBack => self.story_back(),
            Type(c) if c.is_ascii_digit() => {
                let play = self.story.as_mut()?;
                if play.typed.len() < 9 {
                    play.typed.push(c);
                }
                None
            }
            Back if typing => {
                self.story.as_mut()?.typed.clear();
                None
            }
            Back => self.leave_story(),
            _ => None,
        }
    }
}
