//! "Did you mean …?": the closest of a few known names to a misspelt one.

/// The candidate spelt most like `name` (case differences count as one edit), when it is
/// close enough to be a likely typo: at most two edits, and fewer edits than half its length.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = name.to_lowercase();
    candidates
        .into_iter()
        .filter(|candidate| *candidate != name)
        .map(|candidate| {
            let case_only = candidate.to_lowercase() == lowered;
            let distance = if case_only {
                1
            } else {
                strsim::damerau_levenshtein(&lowered, &candidate.to_lowercase())
            };
            (distance, candidate)
        })
        .filter(|(distance, candidate)| {
            *distance <= 2 && *distance * 2 < candidate.chars().count().max(name.chars().count())
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case_changes_only() {
        let known = ["featuredBreach", "count", "name"];
        assert_eq!(closest("featuredbreach", known), Some("featuredBreach"));
        assert_eq!(closest("cuont", known), Some("count"));
        assert_eq!(closest("nmae", known), Some("name"));
        assert_eq!(closest("total", known), None);
        // Two edits of a three-letter name is another word, not a typo.
        assert_eq!(closest("nom", ["num", "new"]), Some("num"));
        assert_eq!(closest("ab", ["xy"]), None);
    }
}
