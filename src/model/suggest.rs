//! "Did you mean …?": the nearest candidate to a misspelt key, id or name.

/// The candidate closest to `wrong`, when it is close enough to be a plausible typo.
/// Comparison ignores case; among equally close candidates the first wins.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wrong_lower = super::fold::fold(wrong);
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        let lower = super::fold::fold(candidate);
        if lower == wrong_lower {
            return Some(candidate);
        }
        let score = similarity(&wrong_lower, &lower);
        if score >= 0.7 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// 0.0 (nothing alike) ..= 1.0 (equal). Short words need to be very close: one edit in `fbii`
/// is a typo, but one edit in a two-letter id is a different id.
fn similarity(a: &str, b: &str) -> f64 {
    let distance = strsim::damerau_levenshtein(a, b);
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    let allowed = (longest / 3).max(1);
    if distance > allowed {
        // A prefix is still a good guess ("guo" for "guo-shengkun").
        if longest >= 4 && (b.starts_with(a) || a.starts_with(b)) && a.len().min(b.len()) >= 3 {
            return 0.7;
        }
        return 0.0;
    }
    1.0 - distance as f64 / longest as f64 * 0.5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        let keys = ["title", "date", "summary", "status"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("Sumary", keys), Some("summary"));
        assert_eq!(did_you_mean("stauts", keys), Some("status"));
        assert_eq!(did_you_mean("fbii", ["doj", "fbi", "dhs"]), Some("fbi"));
        assert_eq!(did_you_mean("Chna", ["CN", "China", "US"]), Some("China"));
    }

    #[test]
    fn does_not_guess_wildly() {
        assert_eq!(did_you_mean("zzzz", ["title", "date"]), None);
        assert_eq!(did_you_mean("xy", ["CN", "US"]), None);
        assert_eq!(did_you_mean("anything", std::iter::empty()), None);
    }

    #[test]
    fn case_insensitive_exact_match_wins() {
        assert_eq!(did_you_mean("FBI", ["fbi", "fbx"]), Some("fbi"));
    }
}
