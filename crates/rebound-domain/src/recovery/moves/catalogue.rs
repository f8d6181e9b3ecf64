//! Each move's card: its stable name, its label and task template in both
//! voices, its default due date and how its task completes.

use super::{Completion, Move, Words};

/// Check-ins after adoption that complete "track in one-on-ones": one is a
/// meeting, two are the start of a rhythm.
pub const CHECK_INS_TO_TRACK: usize = 2;

pub(super) struct Card {
    pub key: &'static str,
    pub label: Words,
    pub how: Words,
    pub due_days: i64,
    pub completion: Completion,
}

const fn card(
    key: &'static str,
    label: (&'static str, &'static str),
    how: (&'static str, &'static str),
    due_days: i64,
    completion: Completion,
) -> Card {
    Card {
        key,
        label: Words {
            manager: label.0,
            report: label.1,
        },
        how: Words {
            manager: how.0,
            report: how.1,
        },
        due_days,
        completion,
    }
}

use Completion::*;

const CARDS: [Card; 12] = [
    card(
        "calm_debrief",
        (
            "Hold a calm, fact-focused debrief",
            "A calm, fact-focused debrief together",
        ),
        (
            "Keep it short and private. Cover what happened, what is known, one technical fix and one communication change. Talk about the event, not the person.",
            "A short, private conversation about what happened and what is known, ending with one technical fix and one communication change. It is about the event, not about you.",
        ),
        2,
        DebriefWritten,
    ),
    card(
        "separate_person_from_event",
        (
            "Separate the person from the event",
            "Keeping what happened apart from who you are",
        ),
        (
            "In private, say plainly that this was one event with causes you can name, and that your view of their work stands. From then on, talk about the event and its causes, not about them.",
            "What happened is treated as one event with causes that can be named, not as a verdict on you or your work.",
        ),
        3,
        MarkedDone,
    ),
    card(
        "small_visible_win",
        (
            "Set up one small visible win within days",
            "One small visible win within days",
        ),
        (
            "Give them a low-risk task they can own and finish within days, where the result is seen by others.",
            "A low-risk task that is yours to own and finish within days, with a result others will see.",
        ),
        5,
        MarkedDone,
    ),
    card(
        "development_plan",
        (
            "Agree a short development plan with practice tasks",
            "A short development plan with practice tasks",
        ),
        (
            "A few practice tasks with dates that close the gap the failure showed, reviewed at check-ins.",
            "A few practice tasks with dates, aimed at what this showed you could build on, looked at together at your check-ins.",
        ),
        7,
        DevelopmentPlanWritten,
    ),
    card(
        "paired_work",
        (
            "Pair them on the next related task",
            "Pairing up on the next related task",
        ),
        (
            "Co-own the next related task with a peer, for example co-presenting the next demo.",
            "Sharing the next related task with a peer, for example presenting the next demo together.",
        ),
        14,
        MarkedDone,
    ),
    card(
        "share_own_failures",
        (
            "Share a small failure of your own",
            "Hearing how others have slipped too",
        ),
        (
            "In a one-on-one or a team meeting, tell a short, true story of a small mistake you made, what you learned and what you changed. Keep it brief and do not set it beside theirs.",
            "Your manager may tell you about a small mistake of their own and what they changed after it: slips happen to everyone, and learning from a slip is ordinary work.",
        ),
        7,
        MarkedDone,
    ),
    card(
        "protect_from_blame",
        (
            "Protect them from public blame; correct in private",
            "No public blame; anything to correct is talked over in private",
        ),
        (
            "When blame comes up in a meeting or a channel, turn the talk to the fix and the process. Raise anything they need to change with them alone, and ask others to do the same.",
            "If blame comes up in front of others, the talk is turned to the fix. Anything you need to change is raised with you alone.",
        ),
        2,
        MarkedDone,
    ),
    card(
        "recalibrated_goals",
        (
            "Recalibrate goals for a while",
            "Recalibrated goals for a while",
        ),
        (
            "Smaller scope and incremental milestones for a while, agreed together and written down.",
            "Smaller scope and step-by-step milestones for a while, agreed between you and written down.",
        ),
        7,
        MarkedDone,
    ),
    card(
        "specific_feedback",
        (
            "Give specific, actionable feedback",
            "Specific feedback you can act on",
        ),
        (
            "On their next piece of work, name one thing that worked and one concrete change, each with an example. Leave out general reassurance such as \"don't worry about it\".",
            "On your next piece of work: one thing that worked and one concrete change, each with an example, in place of general reassurance.",
        ),
        5,
        MarkedDone,
    ),
    card(
        "micro_experiments",
        (
            "Agree a few low-risk micro-experiments",
            "A few low-risk micro-experiments",
        ),
        (
            "Agree two or three small tries with little at stake, such as voicing one idea in a meeting or shipping a small change without extra sign-off. Talk each one over afterwards, whatever the result.",
            "Two or three small tries with little at stake, such as voicing one idea in a meeting. Whatever happens, you talk each one over afterwards.",
        ),
        10,
        MarkedDone,
    ),
    card(
        "public_recognition",
        (
            "Recognise progress publicly",
            "Recognition of your progress, when you are comfortable with it",
        ),
        (
            "When it is genuine and they are comfortable with it, name their progress where the team hears it.",
            "When the progress is real and you are comfortable with it, it is named where the team hears it. You can always say you would rather it was not.",
        ),
        21,
        MarkedDone,
    ),
    card(
        "track_in_one_on_ones",
        (
            "Track the recovery in regular one-on-ones",
            "Regular one-on-ones to see how it is going",
        ),
        (
            "Keep the one-on-ones on the calendar and score the signs at each. Look at the trend together and change the moves when it stalls.",
            "Regular one-on-ones to look at how things are going, together, and to change the plan when something is not helping.",
        ),
        14,
        CheckInsRecorded,
    ),
];

impl Move {
    /// `CARDS` is in the order the variants are declared (a test checks
    /// each card's key against the variant's serde name).
    pub(super) fn card(self) -> &'static Card {
        &CARDS[self as usize]
    }
}
