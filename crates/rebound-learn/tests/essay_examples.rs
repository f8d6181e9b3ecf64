//! The essays' own examples of each trap, in several phrasings each (short
//! and long, first and third person), read as the essays read them. A
//! phrasing is not a key: the model must hold across them.

use rebound_learn::Diagnoser;
use rebound_learn::diagnose::shown;

fn traps_of(texts: &[&str]) -> Vec<(&'static str, String)> {
    let d = Diagnoser::embedded();
    texts
        .iter()
        .map(|t| (d.diagnose(t).trap, t.to_string()))
        .collect()
}

fn all_read_as(trap: &str, texts: &[&str]) {
    let wrong: Vec<_> = traps_of(texts)
        .into_iter()
        .filter(|(t, _)| *t != trap)
        .collect();
    assert!(wrong.is_empty(), "expected {trap}, got {wrong:#?}");
}

#[test]
fn committing_to_a_feature_without_engineering_is_expertise() {
    all_read_as(
        "expertise",
        &[
            "I committed us to the feature without talking to engineering.",
            "She told the customer the integration would be in the next release. No engineer had looked at it, and it needed a rebuild of the data layer.",
            "Our head of sales signed up to a custom reporting module in the contract before anyone in engineering knew it existed.",
        ],
    );
}

#[test]
fn promising_a_date_without_project_management_is_expertise() {
    all_read_as(
        "expertise",
        &[
            "I promised the board a launch date without checking with the project managers.",
            "He gave the client a delivery date on the call. The programme office hadn't planned the work and the date was impossible.",
            "We announced the go-live for April before the PMO had built a schedule; the dependencies alone took us to July.",
        ],
    );
}

#[test]
fn approving_a_complex_deal_without_review_is_expertise() {
    all_read_as(
        "expertise",
        &[
            "I approved the partnership deal myself without a legal or finance review.",
            "The regional director signed off a complicated joint-venture agreement on her own, with no review by counsel or the finance team, and it left us carrying their debts.",
            "approved a big multi-year deal with tricky revenue terms, no review. should have gone to finance and legal first.",
        ],
    );
}

#[test]
fn venting_to_a_direct_report_is_judgment() {
    all_read_as(
        "judgment",
        &[
            "I vented to one of my direct reports about my boss as if she were a friend.",
            "After a bad week I offloaded everything to my report over coffee, the politics and my doubts about the director, like I would to a friend. It put him in an impossible position and he started avoiding our one-to-ones.",
        ],
    );
}

#[test]
fn leading_with_ones_own_frustrations_in_public_is_ego() {
    all_read_as(
        "ego",
        &[
            "At the all-hands I led with my own frustrations instead of the team's news.",
            "Our new director spent the first half of the staff meeting on how hard the year had been for her and how little credit she got, with the whole department listening.",
            "In the public channel he started with how annoyed he was about everything that had gone wrong for him.",
        ],
    );
}

/// Once known misses (issue 16): the scene's words outweighed the motive.
/// Corpus town halls were mostly judgment, worry words pulled towards
/// confidence whoever had them, and talk about "the other managers"
/// towards ego. The meaning combinations (grievances before an audience,
/// confiding in someone who reports to you) and accounts written around
/// them read them right now.
#[test]
fn once_known_misses_grievances_in_public_and_a_report_as_confidant() {
    all_read_as(
        "ego",
        &[
            "She opened the town hall by airing her personal grievances about the board, in front of two hundred people, before saying a word about the plan.",
            "She aired her personal grievances about the board in front of the whole department before she got to the plan.",
        ],
    );
    all_read_as(
        "judgment",
        &[
            "He treated a member of his team as his confidant and unloaded his worries about the reorganisation on her; she was anxious for weeks.",
            "He treated a member of his own team as his confidant, venting to her about the other managers after every meeting.",
        ],
    );
}

#[test]
fn dismissing_feedback_is_ego() {
    all_read_as(
        "ego",
        &[
            "I dismissed the team's feedback on my plan because I was sure I knew best.",
            "Her reports told her the new process was slowing them down; she waved it off as resistance to change and kept it.",
            "When the designers criticised my layout I brushed their comments aside; I'd designed the last three and they'd all done well.",
        ],
    );
}

#[test]
fn not_speaking_up_with_a_helpful_idea_is_confidence() {
    all_read_as(
        "confidence",
        &[
            "I had an idea that would have fixed it but I didn't speak up.",
            "He saw a simpler way to run the migration but kept quiet in the meeting, assuming the senior engineers had already thought of it.",
            "i sat on my suggestion for the rota because i didn't think it was my place. it would have solved the weekend gaps.",
        ],
    );
}

#[test]
fn the_reasons_shown_are_content_words() {
    let d = Diagnoser::embedded();
    for text in [
        "We committed to the feature by Friday but we never asked about the engineering estimate.",
        "I promised a date to the client about the launch without the project managers.",
        "She was venting to her report about the director, and by the end of it he was upset.",
        "",
        "the of and but by we",
    ] {
        for cue in d.diagnose(text).cues {
            let words: Vec<String> = cue.split(' ').map(str::to_string).collect();
            assert!(shown(&words), "{cue:?} from {text:?}");
            for f in ["we", "by", "but", "about", "the", "about the", "i", "a"] {
                assert_ne!(cue, f, "{text:?}");
            }
        }
    }
}

#[test]
fn a_phrase_of_function_words_or_with_one_at_either_end_is_not_shown() {
    let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    assert!(shown(&w("engineering")));
    assert!(shown(&w("committed to a feature")));
    for p in [
        "we",
        "by",
        "but",
        "about the",
        "the engineering",
        "engineering by",
        "didn't ask",
    ] {
        assert!(!shown(&w(p)), "{p}");
    }
    assert!(!shown(&[]));
}
