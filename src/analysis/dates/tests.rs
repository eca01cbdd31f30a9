//! Behaviour of the whole extractor, one form at a time.

use super::*;
use crate::analysis::segment;

fn run(body: &str, published: &str) -> Vec<(String, Option<String>)> {
    let sentences = segment::split(body);
    extract(body, &sentences, PartialDate::parse(published))
        .into_iter()
        .map(|d| (d.text, d.value.map(|v| v.contract())))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
    v.iter()
        .map(|(t, x)| (t.to_string(), (!x.is_empty()).then(|| x.to_string())))
        .collect()
}

#[test]
fn smoke() {
    assert_eq!(
        run("On September 2, Abe met Putin in 1945.", "2016-09"),
        pairs(&[("September 2", "2016-09-02"), ("1945", "1945")])
    );
}
