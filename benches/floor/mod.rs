//! The floor for any serde_yaml-based loader: a bare `serde_yaml::from_str` of the timeline
//! format into plain derived structs, with no validation, no positions and no indexes.
//! Shared by the benches and `examples/load_floor.rs`.

#![allow(dead_code)]

use serde::Deserialize;

#[derive(Deserialize)]
pub struct Timeline {
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub countries: Vec<Country>,
    #[serde(default)]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub people: Vec<Person>,
    pub events: Vec<Event>,
}

#[derive(Deserialize)]
pub struct Country {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
pub struct Agency {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub country: Option<String>,
    pub parent: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
pub struct Person {
    pub id: String,
    pub name: String,
    pub native: Option<String>,
    pub country: Option<String>,
    #[serde(default)]
    pub roles: Vec<Role>,
}

#[derive(Deserialize)]
pub struct Role {
    pub title: String,
    pub agency: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum IdOr<T> {
    Id(String),
    Record(T),
}

#[derive(Deserialize)]
pub struct Participant {
    pub id: String,
    pub role: Option<String>,
}

#[derive(Deserialize)]
pub struct Link {
    pub id: String,
    pub kind: Option<String>,
}

#[derive(Deserialize)]
pub struct Location {
    pub place: Option<String>,
    pub country: Option<String>,
}

#[derive(Deserialize)]
pub struct Quote {
    pub by: String,
    pub text: String,
    pub source: Option<String>,
}

#[derive(Deserialize)]
pub struct Source {
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
}

#[derive(Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub date: serde_yaml::Value,
    pub status: Option<String>,
    pub location: Option<Location>,
    #[serde(default)]
    pub countries: Vec<String>,
    #[serde(default)]
    pub agencies: Vec<String>,
    #[serde(default)]
    pub people: Vec<IdOr<Participant>>,
    #[serde(default)]
    pub tags: Vec<String>,
    pub summary: Option<String>,
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub related: Vec<IdOr<Link>>,
    pub notes: Option<String>,
}

pub fn parse(text: &str) -> Timeline {
    serde_yaml::from_str(text).expect("the floor parses valid timelines")
}
