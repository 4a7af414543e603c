//! What the core's unit tests build their cases from: one clock, the built-in questionnaire,
//! and a response that scores the same everywhere.

use crate::questionnaire::Questionnaire;
use crate::response::{Answer, Response};
use crate::time::Timestamp;

pub fn now() -> Timestamp {
    Timestamp::parse("2026-01-01T00:00:00Z").unwrap()
}

pub fn q() -> Questionnaire {
    Questionnaire::builtin().unwrap()
}

/// A response whose every item scores `value` (reverse-worded items answered reversed).
pub fn response(q: &Questionnaire, id: &str, value: u8) -> Response {
    let mut r = Response::new(id.into(), q, now());
    for (_, item) in q.items() {
        let answer = if item.reverse { 6 - value } else { value };
        r.set_answer(&item.id, Some(Answer::Scale(answer)), now());
    }
    r
}
