use super::*;

#[test]
fn all_parse() {
    for (slug, src) in SOURCES {
        if let Err(e) = parse(slug, src) {
            panic!("playbooks/{slug}.md: {e}");
        }
    }
    assert_eq!(all().len(), SOURCES.len());
}

#[test]
fn the_list_is_the_directory() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".md").map(str::to_string))
        .filter(|n| n != "README")
        .collect();
    files.sort();
    let listed: Vec<String> = SOURCES.iter().map(|(s, _)| s.to_string()).collect();
    assert_eq!(listed, files, "SOURCES must name every playbook file");
}

#[test]
fn a_malformed_playbook_is_an_error() {
    assert!(parse("x", "no front matter").is_err());
    assert!(parse("x", "+++\nslug = \"x\"\n+++\nbody").is_err());
    let ok = "+++\nslug = \"x\"\ntitle = \"T\"\nkind = \"core\"\nsummary = \"S\"\nabout = []\n+++\n## Body\n";
    assert!(parse("x", ok).is_ok());
    assert!(parse("y", ok).unwrap_err().contains("file name"));
    assert!(parse("x", &ok.replace("core", "other")).is_err());
    assert!(parse("x", &ok.replace("about = []", "about = []\nextra = 1")).is_err());
}

#[test]
fn neighbours_are_three_others_and_deterministic() {
    for p in all() {
        let r = related(&p.slug);
        assert_eq!(r.len(), RELATED, "{}", p.slug);
        assert!(
            r.iter().all(|q| q.slug != p.slug),
            "{} is its own neighbour",
            p.slug
        );
        let again: Vec<_> = related(&p.slug).iter().map(|q| &q.slug).collect();
        assert_eq!(again, r.iter().map(|q| &q.slug).collect::<Vec<_>>());
    }
    // Built afresh, the index gives the same answer.
    let fresh = index::Index::build(all());
    for i in 0..all().len() {
        let near: Vec<&str> = fresh
            .nearest(i, RELATED)
            .into_iter()
            .map(|j| all()[j].slug.as_str())
            .collect();
        let kept: Vec<&str> = related(&all()[i].slug)
            .iter()
            .map(|p| p.slug.as_str())
            .collect();
        assert_eq!(near, kept);
    }
}

#[test]
fn neighbours_are_plausible() {
    let near = |s: &str| -> Vec<String> { related(s).iter().map(|p| p.slug.clone()).collect() };
    // The dip after a public mistake sits beside the core playbook and the
    // first thirty minutes (nearness is not symmetric at three, so either way).
    let dip = near("credibility-dip");
    let core = near("confidence-after-failure");
    let first = near("first-thirty-minutes");
    let dip_near = |s: &str| dip.contains(&s.to_string());
    assert!(
        dip_near("confidence-after-failure")
            || dip_near("first-thirty-minutes")
            || core.contains(&"credibility-dip".into())
            || first.contains(&"credibility-dip".into()),
        "dip: {dip:?}, core: {core:?}, first thirty minutes: {first:?}"
    );
    assert!(
        core.contains(&"beyond-a-quick-fix".into()) || core.contains(&"four-steps-back".into())
    );
}

#[test]
fn search_ranks_titles_first_and_snips() {
    let hits = search("impostor");
    assert_eq!(hits[0].playbook.slug, "impostor-feelings");
    assert!(!hits[0].snippet.is_empty() && hits[0].snippet.chars().count() <= 201);
    let hits = search("Credibility DIP");
    assert_eq!(hits[0].playbook.slug, "credibility-dip");
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn search_with_no_known_word_is_empty() {
    assert!(search("xylophone zebra").is_empty());
    assert!(search("").is_empty());
    assert!(search("the and of").is_empty());
}

#[test]
fn lookup_by_key() {
    let slugs: Vec<_> = for_key("sign:speaking_less")
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert!(slugs.contains(&"credibility-dip"), "{slugs:?}");
    assert!(for_key("sign:no_such_thing").is_empty());
}

#[test]
fn close_slugs_suggest() {
    assert!(close_slugs("credibility").contains(&"credibility-dip"));
    assert!(close_slugs("zzz").is_empty());
}

#[test]
fn stemming_matches_plurals_and_forms() {
    assert_eq!(index::terms("Mistakes checking"), ["mistake", "check"]);
}

#[test]
fn every_plan_key_has_a_playbook_to_link() {
    use crate::recovery::signs::{Driver, PressurePoint, Sign};
    let keys = Driver::ALL
        .iter()
        .map(|d| format!("driver:{}", d.as_str()))
        .chain(Sign::ALL.iter().map(|s| format!("sign:{}", s.as_str())))
        .chain(
            PressurePoint::ALL
                .iter()
                .map(|p| format!("pressure:{}", p.as_str())),
        );
    for key in keys {
        assert!(slug_for(&key).is_some(), "no playbook about {key}");
    }
    assert_eq!(slug_for("escalation"), Some("beyond-a-quick-fix"));
    assert_eq!(slug_for("sign:nothing"), None);
}
