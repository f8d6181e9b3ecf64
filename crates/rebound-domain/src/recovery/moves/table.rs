//! The documented table from drivers and signs to moves, with reasons.

use super::Move;
use crate::recovery::signs::{Driver, Sign};

/// What a row of the table is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Driver(Driver),
    Sign(Sign),
}

/// One row: `trigger` points to `to` with `weight`, for `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub trigger: Trigger,
    pub to: Move,
    pub weight: u32,
    pub reason: &'static str,
}

const fn d(driver: Driver, to: Move, weight: u32, reason: &'static str) -> Row {
    Row {
        trigger: Trigger::Driver(driver),
        to,
        weight,
        reason,
    }
}

const fn s(sign: Sign, to: Move, weight: u32, reason: &'static str) -> Row {
    Row {
        trigger: Trigger::Sign(sign),
        to,
        weight,
        reason,
    }
}

use Move::*;

/// The documented table (see the module docs).
pub const TABLE: &[Row] = &[
    d(
        Driver::Cognitive,
        CalmDebrief,
        3,
        "They read the failure as who they are: a calm debrief about the event, not the person, loosens that reading.",
    ),
    d(
        Driver::Cognitive,
        SmallVisibleWin,
        2,
        "A small win soon is fresh evidence against \"I always get this wrong\".",
    ),
    d(
        Driver::Cognitive,
        PublicRecognition,
        1,
        "Hearing progress named helps them see the change, not only the failure.",
    ),
    d(
        Driver::Social,
        SmallVisibleWin,
        3,
        "They worry how they are seen: a win others can see rebuilds standing faster than reassurance.",
    ),
    d(
        Driver::Social,
        PublicRecognition,
        2,
        "Recognition in front of peers answers the worry about how they are seen.",
    ),
    d(
        Driver::Social,
        PairedWork,
        1,
        "Co-owning the next task means not facing the room alone.",
    ),
    d(
        Driver::Environmental,
        CalmDebrief,
        3,
        "There was no debrief ritual: holding one now turns a public failure into an ordinary, shared review.",
    ),
    d(
        Driver::Environmental,
        RecalibratedGoals,
        1,
        "Lower stakes for a while give room to rebuild.",
    ),
    d(
        Driver::Process,
        CalmDebrief,
        3,
        "The cause is unclear: a debrief that settles what is known and one fix ends the guessing.",
    ),
    d(
        Driver::Process,
        DevelopmentPlan,
        1,
        "Specific practice with dates replaces vague feedback.",
    ),
    d(
        Driver::Workload,
        RecalibratedGoals,
        3,
        "There is pressure to perform at once: smaller scope and milestones make room to recover.",
    ),
    d(
        Driver::Workload,
        PairedWork,
        1,
        "Sharing the next task spreads the load.",
    ),
    d(
        Driver::Cultural,
        PublicRecognition,
        3,
        "Trying things feels punished: recognising a sensible attempt in public shows it is safe here.",
    ),
    d(
        Driver::Cultural,
        SmallVisibleWin,
        1,
        "A low-risk attempt that works shows trying again is welcome.",
    ),
    d(
        Driver::SkillGap,
        DevelopmentPlan,
        3,
        "The failure showed a real gap: a short plan with practice tasks and dates closes it.",
    ),
    d(
        Driver::SkillGap,
        PairedWork,
        2,
        "Working beside someone experienced on the next related task builds the skill safely.",
    ),
    s(
        Sign::FewerVolunteers,
        SmallVisibleWin,
        2,
        "They volunteer less: a small task to own invites them back in.",
    ),
    s(
        Sign::FewerVolunteers,
        PublicRecognition,
        1,
        "Noticing the times they do step up makes the next time easier.",
    ),
    s(
        Sign::ExcessiveSignOff,
        RecalibratedGoals,
        2,
        "They seek sign-off often: agreed milestones with set checkpoints make the extra asking unnecessary.",
    ),
    s(
        Sign::ExcessiveSignOff,
        DevelopmentPlan,
        1,
        "Practice on the decisions they check most builds trust in their own judgement.",
    ),
    s(
        Sign::OverCaution,
        SmallVisibleWin,
        2,
        "They wait for perfect data: a small task where good enough is explicitly fine lets them practise acting.",
    ),
    s(
        Sign::OverCaution,
        RecalibratedGoals,
        1,
        "Smaller steps make each decision feel less final.",
    ),
    s(
        Sign::SpeakingLess,
        PairedWork,
        1,
        "Co-presenting with a peer makes speaking up easier.",
    ),
    s(
        Sign::SpeakingLess,
        PublicRecognition,
        1,
        "A specific word of credit in a meeting gives them a reason to speak.",
    ),
    s(
        Sign::DefensiveTone,
        CalmDebrief,
        2,
        "They are defensive or over-apologetic after small slips: a calm debrief separates the person from the event.",
    ),
    s(
        Sign::LowRiskDrift,
        SmallVisibleWin,
        2,
        "They drift to low-visibility work: a small visible task brings them back into view gently.",
    ),
    s(
        Sign::LowRiskDrift,
        PairedWork,
        1,
        "A shared task is a safer way back to visible work.",
    ),
    s(
        Sign::MoreShadowing,
        PairedWork,
        3,
        "They ask to shadow on similar tasks: pair them on the next one, with shared ownership.",
    ),
    s(
        Sign::MoreShadowing,
        DevelopmentPlan,
        2,
        "Asking for mentoring is a wish to learn: give it shape with practice tasks and dates.",
    ),
    s(
        Sign::LessOwnership,
        PairedWork,
        2,
        "Co-owning the next related task is a step back towards owning it.",
    ),
    s(
        Sign::LessOwnership,
        SmallVisibleWin,
        1,
        "Something small that is clearly theirs rebuilds the habit of ownership.",
    ),
    s(
        Sign::LeaderMicromanaging,
        RecalibratedGoals,
        2,
        "Leaders are stepping in: agreed milestones give everyone a calmer way to follow progress.",
    ),
    s(
        Sign::LeaderMicromanaging,
        CalmDebrief,
        1,
        "A debrief that settles what happened lets leaders step back.",
    ),
    s(
        Sign::RepeatedRework,
        DevelopmentPlan,
        3,
        "Rework despite guidance: specific practice tasks help more than more general advice.",
    ),
    s(
        Sign::RepeatedRework,
        CalmDebrief,
        1,
        "Going over the one technical fix together makes the guidance concrete.",
    ),
];
