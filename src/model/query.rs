//! The query language, GitHub-search style:
//!
//! ```text
//! country:CN by:US agency:fbi -tag:background from:2015-09 to:2016 status:planned person:"Guo Shengkun" hotline
//! ```
//!
//! `facet:value` terms, `-` negates a term, quotes keep spaces, bare words search the text. Several
//! values of one facet are alternatives (OR); different facets must all hold (AND). Consecutive
//! bare words form one text term whose words must all appear.

use super::date::DateSpec;
use super::suggest::did_you_mean;
use crate::text::escape;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    Country,
    Agency,
    Person,
    /// Who acted (`by:` in the file): a country, an agency or a person.
    By,
    Tag,
    Status,
    From,
    To,
    /// The reader's own annotation (from the notes sidecar): words it contains, `*` any.
    Annotation,
    Text,
    /// The file an event comes from, by its stem (when several files are loaded).
    File,
    /// What changed since an older version (`--changes REV`): `added`, `moved`, …
    Change,
}

impl Facet {
    pub const ALL: [Facet; 12] = [
        Facet::Country,
        Facet::Agency,
        Facet::Person,
        Facet::By,
        Facet::Tag,
        Facet::Status,
        Facet::From,
        Facet::To,
        Facet::Annotation,
        Facet::Text,
        Facet::File,
        Facet::Change,
    ];

    /// The name written before the colon.
    /// `from:` and `to:`, whose values are dates.
    pub fn is_date(self) -> bool {
        matches!(self, Facet::From | Facet::To)
    }

    pub fn name(self) -> &'static str {
        match self {
            Facet::Country => "country",
            Facet::Agency => "agency",
            Facet::Person => "person",
            Facet::By => "by",
            Facet::Tag => "tag",
            Facet::Status => "status",
            Facet::From => "from",
            Facet::To => "to",
            Facet::Annotation => "annotation",
            Facet::Text => "text",
            Facet::File => "file",
            Facet::Change => "change",
        }
    }

    pub fn parse(name: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub negated: bool,
    pub facet: Facet,
    pub value: String,
    /// A text term written in quotes (`"apollo test"`, `text:"apollo test"`): its words must
    /// stand together and in order. Unquoted words only have to appear, anywhere.
    pub phrase: bool,
}

impl Term {
    pub fn new(facet: Facet, value: impl Into<String>) -> Term {
        Term { negated: false, facet, value: value.into(), phrase: false }
    }

    /// A quoted text term: the words together, in order.
    pub fn phrase(value: impl Into<String>) -> Term {
        Term { phrase: true, ..Term::new(Facet::Text, value) }
    }

    pub fn negate(mut self) -> Term {
        self.negated = !self.negated;
        self
    }
}

impl Term {
    /// Checks what can be checked without a timeline: dates must be dates.
    pub fn check(&self) -> Result<(), QueryError> {
        if matches!(self.facet, Facet::From | Facet::To) {
            DateSpec::parse_shown(&self.value).map_err(|e| {
                QueryError::new(format!(
                    "invalid date `{}` in `{}:`: {e}",
                    escape(&self.value),
                    self.facet.name()
                ))
            })?;
        }
        Ok(())
    }
}

fn quoted(value: &str) -> String {
    // Backslashes first, so the quote escapes added next stay escapes.
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A word that reads back as a bare word of text (not a facet, an operator or a negation).
fn plain_word(word: &str) -> bool {
    !word.is_empty()
        && !word.contains([':', '"'])
        && !word.starts_with('-')
        && !matches!(word, "OR" | "AND" | "NOT")
}

impl fmt::Display for Term {
    /// The canonical written form, which parses back to the same term (text words written bare
    /// may merge with other bare words; that reads the same: all must appear).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let minus = if self.negated { "-" } else { "" };
        if self.facet == Facet::Text && self.phrase {
            return write!(f, "{minus}{}", quoted(&self.value));
        }
        if self.facet == Facet::Text {
            let words: Vec<&str> = self.value.split_whitespace().collect();
            if !self.negated && !words.is_empty() && words.iter().all(|w| plain_word(w)) {
                return f.write_str(&words.join(" "));
            }
            if self.negated && words.len() == 1 && plain_word(words[0]) {
                return write!(f, "-{}", words[0]);
            }
            // Each word as its own `text:` term; quoting would make it a phrase.
            let written: Vec<String> = words
                .iter()
                .map(|w| {
                    if w.contains('"') || w.is_empty() {
                        format!("{minus}text:{}", quoted(w))
                    } else {
                        format!("{minus}text:{w}")
                    }
                })
                .collect();
            return f.write_str(&written.join(" "));
        }
        let needs_quotes = self.value.is_empty() || self.value.chars().any(|c| c.is_whitespace() || c == '"');
        let value = if needs_quotes { quoted(&self.value) } else { self.value.clone() };
        write!(f, "{minus}{}:{value}", self.facet.name())
    }
}

/// A parsed query: terms in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Query {
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub help: Option<String>,
    /// Byte offset in the query text where the problem starts, when it comes from parsing.
    pub offset: Option<usize>,
}

impl QueryError {
    pub fn new(message: impl Into<String>) -> QueryError {
        QueryError { message: message.into(), help: None, offset: None }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for QueryError {}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Parses query text. Syntax errors (an unknown facet, an unclosed quote, a bad date) are
    /// found here; names are resolved against a timeline by `Filter::new`.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let mut terms: Vec<Term> = Vec::new();
        // Bare words anywhere in the query form one text term (all must appear), placed where
        // the first word stood: `hotline country:CN launch` is `hotline launch` in China.
        let mut words: Vec<String> = Vec::new();
        let mut words_at: Option<usize> = None;
        for token in tokenize(text)? {
            let (negated, body) = match token.text.strip_prefix('-') {
                Some(rest) if !token.quoted_whole && !rest.is_empty() => (true, rest.to_string()),
                _ => (false, token.text.clone()),
            };
            let facet_split =
                if token.quoted_whole { None } else { split_facet(&body, token.quote_after_colon) };
            match facet_split {
                Some((name, value)) => {
                    let Some(facet) = Facet::parse(&name) else {
                        let help = did_you_mean(&name, Facet::ALL.iter().map(|f| f.name()))
                            .map(|s| format!("did you mean `{s}:`?"))
                            .or_else(|| Some(format!("facets are {}", facet_list())));
                        return Err(QueryError {
                            message: format!("unknown filter `{}:`", escape(&name)),
                            help,
                            offset: Some(token.offset),
                        });
                    };
                    if value.is_empty() {
                        return Err(QueryError {
                            message: format!("`{}:` needs a value", facet.name()),
                            help: Some(format!("e.g. {}", example(facet))),
                            offset: Some(token.offset),
                        });
                    }
                    // A quoted text value is a phrase: `text:"apollo test"`.
                    let phrase = facet == Facet::Text && token.quote_after_colon;
                    let term = Term { negated, facet, value, phrase };
                    term.check().map_err(|e| QueryError { offset: Some(token.offset), ..e })?;
                    terms.push(term);
                }
                None if !token.quoted_whole && matches!(body.as_str(), "OR" | "AND" | "NOT") => {
                    let help = match body.as_str() {
                        "OR" => "values of one facet are already alternatives (country:CN country:US); different facets must all hold",
                        "AND" => "every term must already hold; write the terms side by side",
                        _ => "put `-` before a term to exclude it: -tag:background",
                    };
                    return Err(QueryError {
                        message: format!("`{body}` is not an operator here"),
                        help: Some(format!("{help}; to search for the word, quote it: \"{body}\"")),
                        offset: Some(token.offset),
                    });
                }
                None if negated => terms.push(Term {
                    negated: true,
                    phrase: token.quoted_after_minus,
                    ..Term::new(Facet::Text, body)
                }),
                None if token.quoted_whole => terms.push(Term::phrase(body)),
                None => {
                    words_at.get_or_insert(terms.len());
                    words.push(body);
                }
            }
        }
        if let Some(at) = words_at {
            terms.insert(at, Term::new(Facet::Text, words.join(" ")));
        }
        Ok(Query { terms })
    }

    /// Terms of one facet.
    pub fn of(&self, facet: Facet) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(move |t| t.facet == facet)
    }

    /// Adds a term unless an equal one is there.
    pub fn add(&mut self, term: Term) {
        if !self.terms.contains(&term) {
            self.terms.push(term);
        }
    }

    /// Removes a term; returns whether it was there.
    pub fn remove(&mut self, term: &Term) -> bool {
        let before = self.terms.len();
        self.terms.retain(|t| t != term);
        before != self.terms.len()
    }

    pub fn without(&self, facet: Facet) -> Query {
        Query { terms: self.terms.iter().filter(|t| t.facet != facet).cloned().collect() }
    }
}

impl fmt::Display for Query {
    /// The canonical written form: the terms in order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let written: Vec<String> = self.terms.iter().map(Term::to_string).collect();
        f.write_str(&written.join(" "))
    }
}

fn facet_list() -> String {
    Facet::ALL.iter().map(|f| format!("{}:", f.name())).collect::<Vec<_>>().join(" ")
}

fn example(facet: Facet) -> &'static str {
    match facet {
        Facet::Country => "country:CN",
        Facet::Agency => "agency:fbi",
        Facet::Person => "person:\"Guo Shengkun\"",
        Facet::By => "by:US",
        Facet::Tag => "tag:hotline",
        Facet::Status => "status:planned",
        Facet::From => "from:2015-09",
        Facet::To => "to:2016",
        Facet::Annotation => "annotation:memo",
        Facet::Text => "text:hotline",
        Facet::File => "file:trade",
        Facet::Change => "change:added",
    }
}

struct Token {
    text: String,
    offset: usize,
    /// The whole token was one quoted string (`"a b"`): never a facet, never negated.
    quoted_whole: bool,
    /// A quote started right after the first colon (`person:"Guo Shengkun"`).
    quote_after_colon: bool,
    /// A quote started right after a leading `-` (`-"neg phrase"`).
    quoted_after_minus: bool,
}

/// Splits on whitespace outside quotes; `\"` is a literal quote inside quotes.
fn tokenize(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut value = String::new();
        let mut quoted_whole = false;
        let mut quote_after_colon = false;
        let mut quoted_after_minus = false;
        let mut in_quotes = false;
        let mut quote_start = start;
        let mut first = true;
        while let Some(&(i, c)) = chars.peek() {
            if !in_quotes && c.is_whitespace() {
                break;
            }
            chars.next();
            match c {
                '"' if !in_quotes => {
                    in_quotes = true;
                    quote_start = i;
                    if first {
                        quoted_whole = true;
                    } else if value == "-" {
                        quoted_after_minus = true;
                    } else if value.ends_with(':') && !value[..value.len() - 1].contains(':') {
                        quote_after_colon = true;
                    }
                }
                '"' => in_quotes = false,
                // Inside quotes `\"` is a quote and `\\` a backslash; any other backslash is itself.
                '\\' if in_quotes && chars.peek().is_some_and(|&(_, n)| n == '"' || n == '\\') => {
                    let (_, escaped) = chars.next().expect("peeked");
                    value.push(escaped);
                }
                c => value.push(c),
            }
            first = false;
        }
        if in_quotes {
            return Err(QueryError {
                message: "a quote is not closed".into(),
                help: Some("close it with `\"`".into()),
                offset: Some(quote_start),
            });
        }
        tokens.push(Token {
            text: value,
            offset: start,
            quoted_whole,
            quote_after_colon,
            quoted_after_minus,
        });
    }
    Ok(tokens)
}

/// `name:value` when `name` looks like a facet name (letters only).
fn split_facet(token: &str, quote_after_colon: bool) -> Option<(String, String)> {
    let (name, value) = token.split_once(':')?;
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // `http://…` or `12:30` are words, not facets — unless the name is a real facet.
    if Facet::parse(name).is_none() && !quote_after_colon && value.starts_with('/') {
        return None;
    }
    Some((name.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(bool, Facet, String)> {
        Query::parse(q).unwrap().terms.into_iter().map(|t| (t.negated, t.facet, t.value)).collect()
    }

    #[test]
    fn parses_the_full_example() {
        let q = r#"country:CN agency:fbi -tag:background from:2015-09 to:2016 status:planned person:"Guo Shengkun" hotline"#;
        assert_eq!(
            terms(q),
            vec![
                (false, Facet::Country, "CN".into()),
                (false, Facet::Agency, "fbi".into()),
                (true, Facet::Tag, "background".into()),
                (false, Facet::From, "2015-09".into()),
                (false, Facet::To, "2016".into()),
                (false, Facet::Status, "planned".into()),
                (false, Facet::Person, "Guo Shengkun".into()),
                (false, Facet::Text, "hotline".into()),
            ]
        );
    }

    #[test]
    fn bare_words_join_and_negated_words_stand_alone() {
        assert_eq!(
            terms("hotline launch -tabletop \"joint statement\" more"),
            vec![
                (false, Facet::Text, "hotline launch more".into()),
                (true, Facet::Text, "tabletop".into()),
                (false, Facet::Text, "joint statement".into()),
            ]
        );
        assert_eq!(
            terms("hotline country:CN launch"),
            vec![(false, Facet::Text, "hotline launch".into()), (false, Facet::Country, "CN".into())],
            "bare words join across other terms"
        );
        assert_eq!(terms("https://example.com"), vec![(false, Facet::Text, "https://example.com".into())]);
        assert!(Query::parse("   ").unwrap().is_empty());
    }

    #[test]
    fn errors_are_explained() {
        let e = Query::parse("contry:CN").unwrap_err();
        assert_eq!(e.message, "unknown filter `contry:`");
        assert_eq!(e.help.as_deref(), Some("did you mean `country:`?"));
        let e = Query::parse("x person:\"Guo").unwrap_err();
        assert_eq!(e.message, "a quote is not closed");
        assert_eq!(e.offset, Some(9));
        let e = Query::parse("from:2016-13").unwrap_err();
        assert!(e.message.contains("month 13"), "{e}");
        let e = Query::parse("tag:").unwrap_err();
        assert!(e.message.contains("needs a value"));
        let e = Query::parse("country:CN OR tag:x").unwrap_err();
        assert_eq!(e.message, "`OR` is not an operator here");
        assert!(Query::parse("\"OR\"").is_ok(), "quoted, it is a word");
    }

    #[test]
    fn quoted_text_is_a_phrase_and_bare_words_are_not() {
        let q = Query::parse(r#""apollo test" soyuz -"neg phrase" text:"a b" text:c -d"#).unwrap();
        let got: Vec<(bool, &str, bool)> =
            q.terms.iter().map(|t| (t.negated, t.value.as_str(), t.phrase)).collect();
        assert_eq!(
            got,
            [
                (false, "apollo test", true),
                (false, "soyuz", false),
                (true, "neg phrase", true),
                (false, "a b", true),
                (false, "c", false),
                (true, "d", false)
            ]
        );
        assert_eq!(q.to_string(), r#""apollo test" soyuz -"neg phrase" "a b" c -d"#);
    }

    #[test]
    fn display_round_trips() {
        for q in [
            // Found by fuzzing: a backslash at the end of a quoted value; two text terms in a row.
            "\\3\nx\\",
            "\"\"Q\n\u{4}\0n\"\u{1a}\" ",
            r#"text:"a \\ b""#,
            r#"country:CN -agency:fbi person:"Guo Shengkun" hotline launch -tabletop from:2015"#,
            r#""two words" -"neg phrase" status:planned"#,
        ] {
            let parsed = Query::parse(q).unwrap();
            assert_eq!(Query::parse(&parsed.to_string()).unwrap(), parsed, "{q} → {parsed}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn parse_never_panics(s in "\\PC{0,40}") {
                let _ = Query::parse(&s);
            }

            #[test]
            fn display_then_parse_is_identity(
                values in proptest::collection::vec(("[a-zA-Z0-9 ]{1,8}", 0usize..6, any::<bool>()), 0..6)
            ) {
                let facets = [Facet::Country, Facet::Agency, Facet::Person, Facet::Tag, Facet::Status, Facet::Text];
                let mut query = Query::default();
                for (value, f, neg) in values {
                    let value = value.trim().to_string();
                    prop_assume!(!value.is_empty());
                    query.terms.push(Term { negated: neg, facet: facets[f], value, phrase: false });
                }
                // Adjacent bare text terms merge when re-parsed; compare canonical forms.
                let once = Query::parse(&query.to_string()).unwrap();
                let twice = Query::parse(&once.to_string()).unwrap();
                prop_assert_eq!(once, twice);
            }
        }
    }
}
