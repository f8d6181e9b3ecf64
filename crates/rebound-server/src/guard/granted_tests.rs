use super::*;

#[test]
fn only_a_write_on_a_part_of_the_mistake_saves_it() {
    for part in [Part::Record, Part::Note, Part::Updates, Part::Sharing] {
        assert!(saves_the_mistake((part, Action::Change)), "{part:?}");
        assert!(!saves_the_mistake((part, Action::Read)), "{part:?}");
        assert!(!saves_the_mistake((part, Action::Delete)), "{part:?}");
    }
    assert!(saves_the_mistake((Part::Updates, Action::Create)));
    for part in [
        Part::Comments,
        Part::Votes,
        Part::Acknowledgements,
        Part::ShareLinks,
        Part::Audit,
    ] {
        for action in [Action::Read, Action::Create, Action::Change] {
            assert!(!saves_the_mistake((part, action)), "{part:?} {action:?}");
        }
    }
}
