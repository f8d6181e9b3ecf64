//! The documented table from drivers, pressure points and signs to moves,
//! with reasons in both voices: the drivers and pressure points here, the
//! signs in `table_signs.rs`.

use super::{Move, Words};
use crate::recovery::signs::{Driver, PressurePoint, Sign};

/// What a row of the table is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    Driver(Driver),
    Pressure(PressurePoint),
    Sign(Sign),
}

/// One row: `trigger` points to `to` with `weight`, for `reason`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub trigger: Trigger,
    pub to: Move,
    pub weight: u32,
    pub reason: Words,
}

pub(super) const fn row(
    trigger: Trigger,
    to: Move,
    weight: u32,
    manager: &'static str,
    report: &'static str,
) -> Row {
    Row {
        trigger,
        to,
        weight,
        reason: Words { manager, report },
    }
}

/// The documented table (see the module docs), in three parts.
pub const TABLE: [&[Row]; 3] = [DRIVERS, PRESSURE_POINTS, super::table_signs::SIGNS];

/// Every row of [`TABLE`].
pub fn rows() -> impl Iterator<Item = &'static Row> {
    TABLE.into_iter().flatten()
}

use Driver as D;
use Move::*;
use PressurePoint as P;
use Trigger::{Driver as Dr, Pressure as Pp};

const DRIVERS: &[Row] = &[
    row(
        Dr(D::Cognitive),
        SeparatePersonFromEvent,
        3,
        "They read the failure as who they are: naming it as one event with causes loosens that reading.",
        "It can feel as if this says something about who you are: looking at it as one event with causes loosens that feeling.",
    ),
    row(
        Dr(D::Cognitive),
        CalmDebrief,
        2,
        "A debrief that sticks to facts shows the causes were specific, not a flaw in them.",
        "Going over the facts calmly shows the causes were specific, not a flaw in you.",
    ),
    row(
        Dr(D::Cognitive),
        SmallVisibleWin,
        2,
        "A small win soon is fresh evidence against \"I always get this wrong\".",
        "A small win soon is fresh evidence against \"I always get this wrong\".",
    ),
    row(
        Dr(D::Cognitive),
        ShareOwnFailures,
        1,
        "Hearing that you have slipped too makes the failure ordinary rather than defining.",
        "Knowing that others, your manager included, have slipped too makes this ordinary rather than defining.",
    ),
    row(
        Dr(D::Social),
        SmallVisibleWin,
        3,
        "They worry how they are seen: a win others can see rebuilds standing faster than reassurance.",
        "How others see you matters here: a win they can see rebuilds standing faster than reassurance.",
    ),
    row(
        Dr(D::Social),
        ProtectFromBlame,
        2,
        "They fear judgement: keeping corrections private means there is no audience for the next slip.",
        "Worrying about judgement is natural after this: keeping corrections private means there is no audience for the next slip.",
    ),
    row(
        Dr(D::Social),
        PairedWork,
        1,
        "Co-owning the next task means not facing the room alone.",
        "Sharing the next task means not facing the room alone.",
    ),
    row(
        Dr(D::Environmental),
        CalmDebrief,
        3,
        "There was no debrief ritual: holding one now turns a public failure into an ordinary, shared review.",
        "There was no debrief at the time: holding one now turns a public failure into an ordinary, shared review.",
    ),
    row(
        Dr(D::Environmental),
        ProtectFromBlame,
        1,
        "The failure happened in public: keeping further comment out of public stops it being replayed.",
        "It happened in public: keeping further comment out of public stops it being replayed.",
    ),
    row(
        Dr(D::Environmental),
        RecalibratedGoals,
        1,
        "Lower stakes for a while give room to rebuild.",
        "Lower stakes for a while give room to rebuild.",
    ),
    row(
        Dr(D::Process),
        SpecificFeedback,
        3,
        "Feedback so far has been unclear: naming one thing that worked and one concrete change gives them something to act on.",
        "The feedback so far has been unclear: one thing that worked and one concrete change give you something to act on.",
    ),
    row(
        Dr(D::Process),
        CalmDebrief,
        2,
        "The cause is unclear: a debrief that settles what is known and one fix ends the guessing.",
        "The cause has been unclear: a debrief that settles what is known and one fix ends the guessing.",
    ),
    row(
        Dr(D::Process),
        DevelopmentPlan,
        1,
        "Specific practice with dates replaces vague feedback.",
        "Specific practice with dates replaces vague feedback.",
    ),
    row(
        Dr(D::Workload),
        RecalibratedGoals,
        3,
        "There is pressure to perform at once: smaller scope and milestones make room to recover.",
        "There is pressure to perform at once: smaller scope and milestones make room to recover.",
    ),
    row(
        Dr(D::Workload),
        PairedWork,
        1,
        "Sharing the next task spreads the load.",
        "Sharing the next task spreads the load.",
    ),
    row(
        Dr(D::Workload),
        TrackInOneOnOnes,
        1,
        "Under load, regular one-on-ones show early when the plan asks too much.",
        "With a lot on, regular one-on-ones are the place to say early that the plan asks too much.",
    ),
    row(
        Dr(D::Cultural),
        MicroExperiments,
        3,
        "Trying things feels punished: small tries with little at stake show it is safe to try again.",
        "Trying things can feel risky here: small tries with little at stake show it is safe to try again.",
    ),
    row(
        Dr(D::Cultural),
        ShareOwnFailures,
        2,
        "When a leader tells of their own slips, trying and failing becomes something people here can talk about.",
        "Hearing a leader talk about their own slips makes trying and failing something people here can talk about.",
    ),
    row(
        Dr(D::Cultural),
        PublicRecognition,
        2,
        "Recognising a sensible attempt in public shows the team that trying is welcome.",
        "Recognising a sensible attempt in public shows the team that trying is welcome.",
    ),
    row(
        Dr(D::SkillGap),
        DevelopmentPlan,
        3,
        "The failure showed a real gap: a short plan with practice tasks and dates closes it.",
        "This showed something to learn: a short plan with practice tasks and dates builds it.",
    ),
    row(
        Dr(D::SkillGap),
        PairedWork,
        2,
        "Working beside someone experienced on the next related task builds the skill safely.",
        "Working beside someone experienced on the next related task builds the skill safely.",
    ),
    row(
        Dr(D::SkillGap),
        SpecificFeedback,
        1,
        "Precise feedback on practice work shows exactly what to change next.",
        "Precise feedback on practice work shows exactly what to change next.",
    ),
];

const PRESSURE_POINTS: &[Row] = &[
    row(
        Pp(P::PublicMistake),
        ProtectFromBlame,
        2,
        "The mistake was public: keeping any correction private stops it turning into a reputation.",
        "The mistake was public: keeping any correction private stops it turning into a reputation.",
    ),
    row(
        Pp(P::PublicMistake),
        SmallVisibleWin,
        1,
        "After a public slip, a public success helps the team's picture catch up.",
        "After a public slip, a public success helps the team's picture catch up.",
    ),
    row(
        Pp(P::PublicMistake),
        CalmDebrief,
        1,
        "A public mistake deserves a private, factual look at what happened.",
        "A public mistake deserves a private, factual look at what happened.",
    ),
    row(
        Pp(P::OutcomeOnlyFeedback),
        SpecificFeedback,
        3,
        "They heard only that the outcome was bad: specific next steps are what was missing.",
        "What you heard was only that the outcome was bad: specific next steps are what was missing.",
    ),
    row(
        Pp(P::OutcomeOnlyFeedback),
        CalmDebrief,
        1,
        "A debrief adds the causes and fixes that outcome-only feedback left out.",
        "A debrief adds the causes and fixes that outcome-only feedback left out.",
    ),
    row(
        Pp(P::CancelledProject),
        SeparatePersonFromEvent,
        2,
        "Their project was cancelled after heavy investment: make clear the decision was not a judgement of them.",
        "A project you invested in was cancelled: that decision is not a judgement of you.",
    ),
    row(
        Pp(P::CancelledProject),
        SmallVisibleWin,
        1,
        "A small, finished piece of work gives back the sense of completing something.",
        "A small, finished piece of work gives back the sense of completing something.",
    ),
    row(
        Pp(P::PeerComparison),
        SeparatePersonFromEvent,
        2,
        "They are being compared with peers who succeeded: judge the event on its own causes, not against others.",
        "Being compared with peers who succeeded is hard: the event is looked at on its own causes, not against others.",
    ),
    row(
        Pp(P::PeerComparison),
        SpecificFeedback,
        1,
        "Feedback on their own work, with examples, replaces the comparison.",
        "Feedback on your own work, with examples, replaces the comparison.",
    ),
    row(
        Pp(P::TightTimelines),
        RecalibratedGoals,
        3,
        "Timelines left no room to learn: milestones with some slack make that room.",
        "Timelines left no room to learn: milestones with some slack make that room.",
    ),
    row(
        Pp(P::PublicReprimand),
        ProtectFromBlame,
        3,
        "They were reprimanded in front of colleagues: make sure it does not happen again, and keep any correction private.",
        "Being reprimanded in front of colleagues should not happen again: anything to correct is raised with you in private.",
    ),
    row(
        Pp(P::PublicReprimand),
        SeparatePersonFromEvent,
        1,
        "After a public reprimand, say in private that it was about one event, not about them.",
        "A reprimand in public can sound like a verdict on you; it was about one event.",
    ),
    row(
        Pp(P::AmbiguousCause),
        CalmDebrief,
        3,
        "The cause is ambiguous: a debrief that settles what is known turns doubt into one fix.",
        "The cause has been ambiguous: a debrief that settles what is known turns doubt into one fix.",
    ),
    row(
        Pp(P::RoleChange),
        RecalibratedGoals,
        2,
        "Their role or scope changed suddenly: goals sized for the new role give a fair start.",
        "Your role or scope changed suddenly: goals sized for the new role give a fair start.",
    ),
    row(
        Pp(P::RoleChange),
        DevelopmentPlan,
        1,
        "Practice tasks for the new scope build footing quickly.",
        "Practice tasks for the new scope build footing quickly.",
    ),
    row(
        Pp(P::RoleChange),
        TrackInOneOnOnes,
        1,
        "A new role needs regular one-on-ones to adjust the plan as it settles.",
        "A new role needs regular one-on-ones to adjust the plan as it settles.",
    ),
];
