//! Stories: events told one slide at a time. A story is written in the file (`stories:`) or made
//! of the events in view; this module says what each slide holds, unstyled, and how far apart
//! two slides are in words. The explorer plays them, `tui::story` draws them, the plain front
//! end says them and the TimelineJS export writes them.

use super::interval::{Amount, End, Interval};
use super::{AgencyIx, CountryIx, DateSpec, EventIx, Precision, Status, StorySlide, Timeline, Zone};
use crate::text::escape;
use chrono::Datelike;

/// A story ready to tell: its title and slides, each slide's day for the strip of the whole
/// story, and (worked out the first time the title slide asks) what is said of all of them.
/// Making one costs a pass over the slides' days and nothing per event beyond that, so story
/// mode starts within a frame at 100,000 events.
#[derive(Debug, Clone, PartialEq)]
pub struct Telling {
    pub title: String,
    pub description: Option<String>,
    /// The written story it tells (an index into `Timeline::stories`); `None` for the events
    /// in view.
    pub story: Option<usize>,
    pub slides: Vec<StorySlide>,
    /// Each slide's first day (days from the common era), in the slides' order.
    pub slide_days: Vec<i32>,
    /// The same days sorted, when the slides are not in date order: the strip finds the slides
    /// under a column with a binary search.
    sorted_days: Option<Vec<i32>>,
    summary: std::cell::OnceCell<Summary>,
}

/// What the title slide says of all the slides.
#[derive(Debug, Clone, PartialEq)]
struct Summary {
    /// The first and last day any slide covers.
    span: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Countries and agencies any slide involves, in the file's order.
    countries: Vec<CountryIx>,
    agencies: Vec<AgencyIx>,
}

impl Telling {
    /// The written story `story` of `timeline`.
    pub fn written(timeline: &Timeline, story: usize) -> Telling {
        let s = &timeline.stories[story];
        let days =
            s.slides.iter().map(|sl| timeline.events[sl.event].date.first_day().num_days_from_ce()).collect();
        Telling::new(s.title.clone(), s.description.clone(), Some(story), s.slides.clone(), days)
    }

    /// The events `events` (the ones in view), one slide each, under the timeline's title.
    pub fn of_events(timeline: &Timeline, events: &[EventIx]) -> Telling {
        let days = events.iter().map(|&e| timeline.events[e].date.first_day().num_days_from_ce()).collect();
        Telling::of_events_on(timeline, events, days)
    }

    /// `of_events` with each event's day already known (the explorer's axis has them, in the
    /// zone shown).
    pub fn of_events_on(timeline: &Timeline, events: &[EventIx], days: Vec<i32>) -> Telling {
        let slides = events.iter().map(|&event| StorySlide { event, text: None }).collect();
        Telling::new(timeline.title.clone(), timeline.description.clone(), None, slides, days)
    }

    fn new(
        title: String,
        description: Option<String>,
        story: Option<usize>,
        slides: Vec<StorySlide>,
        slide_days: Vec<i32>,
    ) -> Telling {
        let sorted_days = (!slide_days.is_sorted()).then(|| {
            let mut sorted = slide_days.clone();
            sorted.sort_unstable();
            sorted
        });
        Telling { title, description, story, slides, slide_days, sorted_days, summary: Default::default() }
    }

    /// Every slide's day, sorted.
    pub fn days(&self) -> &[i32] {
        self.sorted_days.as_deref().unwrap_or(&self.slide_days)
    }

    fn summary(&self, timeline: &Timeline) -> &Summary {
        self.summary.get_or_init(|| {
            // Flags rather than sets: one pass over the slides without allocating per event.
            let mut countries = vec![false; timeline.countries.len()];
            let mut agencies = vec![false; timeline.agencies.len()];
            let mut span: Option<(chrono::NaiveDate, chrono::NaiveDate)> = None;
            for slide in &self.slides {
                let event = &timeline.events[slide.event];
                let (first, last) = (event.date.first_day(), event.date.last_day());
                span = Some(span.map_or((first, last), |(a, b)| (a.min(first), b.max(last))));
                for &c in &event.countries {
                    countries[c] = true;
                }
                for &a in &event.agencies {
                    agencies[a] = true;
                    if let Some(c) = timeline.agencies[a].country {
                        countries[c] = true;
                    }
                }
                for p in &event.people {
                    if let Some(c) = timeline.people[p.person].country {
                        countries[c] = true;
                    }
                }
                if let Some(c) = event.location.as_ref().and_then(|l| l.country) {
                    countries[c] = true;
                }
            }
            let set =
                |flags: Vec<bool>| flags.iter().enumerate().filter(|(_, &on)| on).map(|(i, _)| i).collect();
            Summary { span, countries: set(countries), agencies: set(agencies) }
        })
    }

    /// The slide (counted from 0) that tells `event`, if any.
    pub fn slide_of(&self, event: EventIx) -> Option<usize> {
        match self.story {
            // The events in view are in chronological order, as `visible` is.
            None => self.slides.binary_search_by_key(&event, |s| s.event).ok(),
            Some(_) => self.slides.iter().position(|s| s.event == event),
        }
    }

    /// What the title slide says.
    pub fn title_slide(&self, timeline: &Timeline) -> TitleSlide {
        let summary = self.summary(timeline);
        let span = summary.span.map(|(first, last)| {
            let day = |d: chrono::NaiveDate| DateSpec::parse(&d.format("%Y-%m-%d").to_string()).ok();
            match (day(first), day(last)) {
                (Some(a), Some(_)) if first == last => a.long(),
                (Some(a), Some(b)) => format!("{} to {}", a.long(), b.long()),
                _ => String::new(),
            }
        });
        let n = self.slides.len();
        TitleSlide {
            title: self.title.clone(),
            description: self.description.as_deref().map(crate::text::reflow),
            span,
            slides: if n == 1 { "1 slide".into() } else { format!("{n} slides") },
            countries: summary.countries.iter().map(|&c| timeline.countries[c].name.clone()).collect(),
            agencies: summary.agencies.iter().map(|&a| timeline.agencies[a].label().to_string()).collect(),
        }
    }

    /// What slide `n` (from 0) says; `None` past the last.
    pub fn slide(&self, timeline: &Timeline, n: usize, zone: &Zone) -> Option<Slide> {
        let slide = self.slides.get(n)?;
        Some(Slide::of(timeline, slide.event, slide.text.as_deref(), zone))
    }

    /// How far slide `n` is from the one before it, in words: "5 months later"; `None` for the
    /// first.
    pub fn gap_before(&self, timeline: &Timeline, n: usize) -> Option<String> {
        let previous = self.slides.get(n.checked_sub(1)?)?;
        let this = self.slides.get(n)?;
        Some(gap_words(&timeline.events[previous.event].date, &timeline.events[this.event].date))
    }
}

/// The title slide: the story's title, its span of dates, how many slides, who is involved.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleSlide {
    pub title: String,
    pub description: Option<String>,
    pub span: Option<String>,
    /// "6 slides".
    pub slides: String,
    pub countries: Vec<String>,
    pub agencies: Vec<String>,
}

/// One event's slide, unstyled: every piece of text it shows, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Slide {
    pub event: EventIx,
    /// "Wednesday, December 7, 2016", with the zone when the event has a time.
    pub date: String,
    /// The time where it happened, when the event has a zone of its own and it is not the
    /// one shown.
    pub local: Option<String>,
    pub title: String,
    /// "planned", "cancelled"; nothing for what happened.
    pub status: Option<&'static str>,
    /// `--changes REV`: "changed since v1.0: date, status", "added since v1.0".
    pub change: Option<String>,
    /// "Countries: …", "Agencies: …", then a line per person with their roles then.
    pub who: Vec<String>,
    pub place: Option<String>,
    /// The slide's own text (else the summary), then the notes; each reflowed to one line.
    pub paragraphs: Vec<String>,
    /// (what was said, who said it).
    pub quotes: Vec<(String, String)>,
    pub sources: Vec<String>,
    /// The related events, to follow: (event, "Follows Title (date)").
    pub links: Vec<(EventIx, String)>,
}

impl Slide {
    /// The slide of `event`; `text` replaces its summary (a written story's slide text).
    pub fn of(timeline: &Timeline, ix: EventIx, text: Option<&str>, zone: &Zone) -> Slide {
        let event = &timeline.events[ix];
        let mut who = Vec::new();
        let countries = timeline.involved_countries(event);
        if !countries.is_empty() {
            let names: Vec<&str> = countries.iter().map(|&c| timeline.countries[c].name.as_str()).collect();
            who.push(format!("Countries: {}", names.join(", ")));
        }
        if !event.agencies.is_empty() {
            let names: Vec<&str> = event.agencies.iter().map(|&a| timeline.agencies[a].label()).collect();
            who.push(format!("Agencies: {}", names.join(", ")));
        }
        for participant in &event.people {
            let person = &timeline.people[participant.person];
            let roles = timeline.roles_then(participant, event.date.first_day());
            who.push(if roles.is_empty() {
                person.name.clone()
            } else {
                format!("{} — {}", person.name, roles.join("; "))
            });
        }
        let place = event.location.as_ref().and_then(|l| {
            let country = l.country.map(|c| timeline.countries[c].name.as_str());
            match (l.place.as_deref(), country) {
                (Some(p), Some(c)) => Some(format!("{p}, {c}")),
                (Some(p), None) => Some(p.to_string()),
                (None, Some(c)) => Some(c.to_string()),
                (None, None) => None,
            }
        });
        let paragraphs = text
            .or(event.summary.as_deref())
            .into_iter()
            .chain(event.notes.as_deref())
            .map(|p| crate::text::reflow(p.trim()))
            .filter(|p| !p.is_empty())
            .collect();
        let quotes = event
            .quotes
            .iter()
            .map(|q| {
                let mut by = timeline.speaker_name(&q.by).to_string();
                if let Some(source) = &q.source {
                    by.push_str(&format!(", {source}"));
                }
                (crate::text::reflow(q.text.trim()), by)
            })
            .collect();
        let sources = event
            .sources
            .iter()
            .map(|s| {
                let mut line = s.title.clone();
                if let Some(p) = &s.publisher {
                    line.push_str(&format!(" — {p}"));
                }
                if let Some(d) = &s.date {
                    line.push_str(&format!(", {}", d.long_in(zone)));
                }
                if let Some(u) = &s.url {
                    line.push_str(&format!(" <{u}>"));
                }
                line
            })
            .collect();
        let mut links: Vec<(EventIx, String)> = Vec::new();
        let related =
            event.related.iter().map(|l| (l.event, l.kind.as_deref().map(|k| k.replace(['-', '_'], " "))));
        let referred = timeline.referred_by[ix].iter().map(|&r| (r, Some("referred to by".to_string())));
        for (other, kind) in related.chain(referred) {
            if links.iter().any(|(e, _)| *e == other) {
                continue;
            }
            let o = &timeline.events[other];
            let kind = kind.map(|k| format!("{k}: ")).unwrap_or_default();
            links.push((other, format!("{kind}{} ({})", o.title, o.date.long_in(zone))));
        }
        let local = event.zone.filter(|own| own != zone && event.date.has_time()).map(|own| {
            format!("{} {} there", event.date.long_in(&own), own.label_at(event.date.start_instant()))
        });
        Slide {
            event: ix,
            date: date_words(&event.date, zone),
            local,
            title: event.title.clone(),
            status: (event.status != Status::Happened).then(|| event.status.words()),
            change: timeline.since.as_ref().and_then(|s| s.words_of(ix)),
            who,
            place,
            paragraphs,
            quotes,
            sources,
            links,
        }
    }
}

/// A date as a slide says it: "Wednesday, December 7, 2016"; "Wednesday, December 7, 2016 at
/// 09:00 UTC+08:00" with a time (the day and the zone those of `zone`); a range or a month as
/// the long form says it ("December 7 to 8, 2016").
pub fn date_words(date: &DateSpec, zone: &Zone) -> String {
    let long = date.long_in(zone);
    let timed = date.has_time();
    let one_day = match date.end {
        None => date.start.precision() == Precision::Day,
        Some(_) => timed && date.first_day() == date.last_day(),
    };
    let mut out = if one_day && !date.approximate {
        let day = if timed { zone.local_time(date.start_instant()).date() } else { date.first_day() };
        format!("{}, {long}", weekday_name(day.weekday()))
    } else {
        long
    };
    if timed {
        out.push_str(&format!(" {}", zone.label_at(date.start_instant())));
    }
    out
}

fn weekday_name(day: chrono::Weekday) -> &'static str {
    use chrono::Weekday::*;
    match day {
        Mon => "Monday",
        Tue => "Tuesday",
        Wed => "Wednesday",
        Thu => "Thursday",
        Fri => "Friday",
        Sat => "Saturday",
        Sun => "Sunday",
    }
}

/// How long after `previous` `next` starts, in words: "5 months later", "3 hours later", "the
/// same day", "2 weeks earlier" (a written story may go back in time).
pub fn gap_words(previous: &DateSpec, next: &DateSpec) -> String {
    // A date known only to the month or the year says the gap no finer than that: from
    // December 7, 2016 to "2017" is "the next year", not "3 weeks later".
    let (a, b) = (previous.first_day(), next.first_day());
    let coarsest = previous.start.precision().min(next.start.precision());
    let plural = |n: i64, unit: &str| if n == 1 { format!("1 {unit}") } else { format!("{n} {unit}s") };
    // Counted in whole months or years of a month- or year-only date: "about", as `interval`
    // says for imprecise ends.
    let later = |n: i64, unit: &str| match n {
        n if n > 0 => format!("about {} later", plural(n, unit)),
        n => format!("about {} earlier", plural(-n, unit)),
    };
    match coarsest {
        Precision::Year => {
            return match i64::from(b.year() - a.year()) {
                0 => "the same year".into(),
                1 => "the next year".into(),
                -1 => "the year before".into(),
                n => later(n, "year"),
            }
        }
        Precision::Month => {
            let months = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
            return match months {
                0 => "the same month".into(),
                1 => "the next month".into(),
                -1 => "the month before".into(),
                n if n.abs() < 24 => later(n, "month"),
                n => later(n / 12, "year"),
            };
        }
        Precision::Day => {}
    }
    // Start to start, counted in the timeline's zone (`interval` gives the words).
    let zone = previous.home;
    let interval = Interval::between(End::start_of(previous, &zone), End::start_of(next, &zone));
    match interval.amount {
        Amount::Exact(0) => "at the same time".into(),
        Amount::Days(0) => "the same day".into(),
        _ if next.start_instant() >= previous.start_instant() => format!("{} later", interval.words()),
        _ => format!("{} earlier", interval.words()),
    }
}

/// Why a story reference names no story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRefError {
    pub message: String,
    pub help: Option<String>,
}

impl std::fmt::Display for StoryRefError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

impl Timeline {
    /// The story a reference names: its id, or `stem#id` for a story of one file when several
    /// files have one of that id.
    pub fn find_story(&self, reference: &str) -> Result<usize, StoryRefError> {
        let (file, id) = match reference.rsplit_once('#') {
            Some((file, id)) => (Some(file), id),
            None => (None, reference),
        };
        let found: Vec<usize> = (0..self.stories.len())
            .filter(|&s| self.stories[s].id == id)
            .filter(|&s| {
                file.is_none_or(|f| self.files.get(self.stories[s].file).is_some_and(|sf| sf.stem == f))
            })
            .collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => {
                let help = if self.stories.is_empty() {
                    Some("this timeline has no `stories:`".to_string())
                } else {
                    super::suggest::did_you_mean(id, self.stories.iter().map(|s| s.id.as_str()))
                        .map(|near| format!("did you mean `{}`?", escape(near)))
                        .or_else(|| {
                            let ids: Vec<&str> = self.stories.iter().map(|s| s.id.as_str()).collect();
                            Some(format!("its stories: {}", ids.join(", ")))
                        })
                };
                Err(StoryRefError { message: format!("no story `{}`", escape(reference)), help })
            }
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|&s| format!("{}#{}", self.files[self.stories[s].file].stem, self.stories[s].id))
                    .collect();
                Err(StoryRefError {
                    message: format!("several files have a story `{}`", escape(id)),
                    help: Some(format!("name one: {}", names.join(", "))),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> DateSpec {
        DateSpec::parse(text).unwrap()
    }

    #[test]
    fn gaps_read_as_words() {
        assert_eq!(gap_words(&date("2016-06-14"), &date("2016-11-19")), "5 months and 5 days later");
        assert_eq!(gap_words(&date("2016-06-14"), &date("2016-06-14")), "the same day");
        assert_eq!(gap_words(&date("2016-06-14"), &date("2016-06-11")), "3 days earlier");
        assert_eq!(gap_words(&date("2016-12-07T09:00Z"), &date("2016-12-07T12:00Z")), "3 hours later");
        assert_eq!(gap_words(&date("2015"), &date("2017")), "about 2 years later");
        assert_eq!(gap_words(&date("2016-12-07"), &date("2017")), "the next year", "no finer than a year");
        assert_eq!(gap_words(&date("2016-06-14"), &date("2016-04")), "about 2 months earlier");
        assert_eq!(gap_words(&date("2015-12-01"), &date("2016-04")), "about 4 months later");
    }

    #[test]
    fn dates_are_said_with_the_weekday_and_zone() {
        assert_eq!(date_words(&date("2016-12-07"), &Zone::Utc), "Wednesday, December 7, 2016");
        assert_eq!(date_words(&date("2016-12-07..2016-12-08"), &Zone::Utc), "December 7 to 8, 2016");
        assert_eq!(date_words(&date("2017"), &Zone::Utc), "2017");
        let shanghai = Zone::parse("Asia/Shanghai").unwrap();
        // 20:00 UTC is 04:00 the next day in Shanghai: the weekday is the day there.
        assert_eq!(
            date_words(&date("2016-12-07T20:00Z"), &shanghai),
            "Thursday, December 8, 2016 at 04:00 CST"
        );
    }

    #[test]
    fn the_builtin_story_tells_existing_events_in_order() {
        let t = crate::model::load_builtin().unwrap();
        let s = t.find_story("consensus-to-2017").unwrap();
        let telling = Telling::written(&t, s);
        assert_eq!(telling.slides.len(), 6);
        let title = telling.title_slide(&t);
        assert_eq!(title.slides, "6 slides");
        assert!(title.countries.iter().any(|c| c == "China"), "{:?}", title.countries);
        let last = telling.slide(&t, 5, &t.zone).unwrap();
        assert_eq!(t.events[last.event].id, "dialogue-round-4-planned");
        assert_eq!(last.status, Some("did not take place"));
        assert!(telling.gap_before(&t, 0).is_none());
        assert!(telling.gap_before(&t, 1).unwrap().ends_with("later"));
        let wrong = t.find_story("consensus-to-2071").unwrap_err();
        assert_eq!(wrong.help.as_deref(), Some("did you mean `consensus-to-2017`?"));
    }
}
