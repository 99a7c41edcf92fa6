//! An event's `by:` list: who acted. Each id must be one the event itself lists in `countries`,
//! `agencies` or `people`, so that "who acted" is always a subset of "who was involved".

use super::{at, did_you_mean, Actor, AgencyIx, Builder, Context, CountryIx, Participant, Path, Seg, Target};
use crate::text::escape;

/// The participants an event lists, as resolved.
pub(super) struct Listed<'a> {
    pub countries: &'a [CountryIx],
    pub agencies: &'a [AgencyIx],
    pub people: &'a [Participant],
}

impl Builder {
    /// The actors `written` names, with a located problem for each id that is unknown, not
    /// listed by the event, listed twice, or that names more than one of its participants; an
    /// empty list is a problem too (leaving `by` out says "not recorded").
    pub(super) fn actors(
        &mut self,
        written: &[String],
        listed: &Listed,
        ctx: &Context,
        path: impl Fn() -> Path,
    ) -> Vec<Actor> {
        if written.is_empty() {
            let help = "list who acted (ids from this event's `countries`, `agencies` or `people`), or leave `by` out";
            self.problem(path(), Target::Value, "`by` is empty".into(), Some(help.into()));
            return Vec::new();
        }
        // The ids the event lists, for suggestions: a near one of these is the likeliest meant.
        let mut listed_ids: Vec<&str> = Vec::new();
        for (id, &ix) in &ctx.countries.ids {
            if listed.countries.contains(&ix) {
                listed_ids.push(id);
            }
        }
        for (id, &ix) in &ctx.agencies.ids {
            if listed.agencies.contains(&ix) {
                listed_ids.push(id);
            }
        }
        for (id, &ix) in &ctx.people.ids {
            if listed.people.iter().any(|p| p.person == ix) {
                listed_ids.push(id);
            }
        }
        listed_ids.sort_unstable();
        let near_listed = |id: &str| {
            did_you_mean(id, listed_ids.iter().copied()).map(|s| format!("did you mean `{}`?", escape(s)))
        };

        let mut out: Vec<Actor> = Vec::new();
        for (n, id) in written.iter().enumerate() {
            let item = || at(&path(), &[Seg::Index(n)]);
            let country = ctx.countries.ids.get(id.as_str()).copied();
            let agency = ctx.agencies.ids.get(id.as_str()).copied();
            let person = ctx.people.ids.get(id.as_str()).copied();
            let here: Vec<Actor> = [
                country.filter(|c| listed.countries.contains(c)).map(Actor::Country),
                agency.filter(|a| listed.agencies.contains(a)).map(Actor::Agency),
                person.filter(|p| listed.people.iter().any(|x| x.person == *p)).map(Actor::Person),
            ]
            .into_iter()
            .flatten()
            .collect();
            match here.as_slice() {
                [one] if out.contains(one) => {
                    let message = format!("`{}` is listed twice in `by`", escape(id));
                    self.problem(item(), Target::Value, message, None);
                }
                [one] => out.push(*one),
                [] => {
                    let (message, help) = if let Some(kind) =
                        [country.map(|_| "countries"), agency.map(|_| "agencies"), person.map(|_| "people")]
                            .into_iter()
                            .flatten()
                            .next()
                    {
                        let message =
                            format!("`{}` is in `by` but not among this event's participants", escape(id));
                        let add =
                            format!("add `{}` to this event's `{kind}`, or take it out of `by`", escape(id));
                        (message, near_listed(id).map(|near| format!("{near} Or {add}")).or(Some(add)))
                    } else {
                        let message = format!("unknown country, agency or person `{}`", escape(id));
                        let help = near_listed(id)
                            .or_else(|| ctx.countries.suggestion(id))
                            .or_else(|| ctx.agencies.suggestion(id))
                            .or_else(|| ctx.people.suggestion(id));
                        (message, help)
                    };
                    self.problem(item(), Target::Value, message, help);
                }
                _ => {
                    let message = format!(
                        "`{}` names more than one of this event's participants (a country, an agency or a person)",
                        escape(id)
                    );
                    let help = "give them different ids, so `by` can say which one acted";
                    self.problem(item(), Target::Value, message, Some(help.into()));
                }
            }
        }
        out
    }
}
