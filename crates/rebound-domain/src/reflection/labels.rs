//! The labels a reflection uses: traps, failure types, lesson verdicts and
//! principle statuses, with their words.

use super::ReflectionError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! labels {
    ($(#[$doc:meta])* $name:ident, $what:literal, $choices:literal, [$($variant:ident = $s:literal),+]) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $s),+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ReflectionError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| ReflectionError::Unknown {
                        what: $what,
                        input: s.trim().to_string(),
                        choices: $choices,
                    })
            }
        }
    };
}

labels!(
    /// Why a capable person got it wrong.
    Trap,
    "trap",
    "judgment, expertise, ego or confidence",
    [Judgment = "judgment", Expertise = "expertise", Ego = "ego", Confidence = "confidence"]
);

labels!(
    /// What kind of error it was; each has its own correction.
    FailureType,
    "failure type",
    "information, courage, skill or attention",
    [Information = "information", Courage = "courage", Skill = "skill", Attention = "attention"]
);

labels!(
    /// What the lesson check said about a lesson.
    LessonVerdict,
    "lesson verdict",
    "careful, cautious or vague",
    [Careful = "careful", Cautious = "cautious", Vague = "vague"]
);

labels!(
    /// Whether a principle is still one the person lives by.
    PrincipleStatus,
    "principle status",
    "active or retired",
    [Active = "active", Retired = "retired"]
);

impl Trap {
    /// A short name for headings.
    pub fn title(self) -> &'static str {
        match self {
            Trap::Judgment => "Judgment",
            Trap::Expertise => "Expertise",
            Trap::Ego => "Ego",
            Trap::Confidence => "Confidence",
        }
    }

    /// What the trap is, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Trap::Judgment => {
                "You read the situation wrongly: context was missing, or a familiar pattern or a strong feeling made the call."
            }
            Trap::Expertise => {
                "You acted with confidence outside your depth, without the people who know that area in the room."
            }
            Trap::Ego => {
                "Your own standing came before the outcome: feedback brushed aside, another team's work taken over, or being right assumed because you were right before."
            }
            Trap::Confidence => {
                "You held back: you stayed quiet, kept a useful idea to yourself, or doubted an instinct that was sound."
            }
        }
    }

    /// What it can look like, in one sentence.
    pub fn example(self) -> &'static str {
        match self {
            Trap::Judgment => {
                "Sharing your frustration about a reorganisation with someone who reports to you, as if they were a peer."
            }
            Trap::Expertise => {
                "Promising a customer a ship date before engineering had looked at the work."
            }
            Trap::Ego => {
                "Overruling a reviewer's concern because your last three launches went fine."
            }
            Trap::Confidence => {
                "Seeing that the numbers in the review looked wrong and not saying so."
            }
        }
    }
}

impl FailureType {
    pub fn title(self) -> &'static str {
        match self {
            FailureType::Information => "Information",
            FailureType::Courage => "Courage",
            FailureType::Skill => "Skill",
            FailureType::Attention => "Attention",
        }
    }

    /// What happened, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            FailureType::Information => {
                "You did not know something you needed to know before you acted."
            }
            FailureType::Courage => {
                "You knew the right thing to do or say, and did not do or say it."
            }
            FailureType::Skill => {
                "You set out to do the right thing, and the doing of it fell short."
            }
            FailureType::Attention => "The signals were there, and they were missed.",
        }
    }

    pub fn example(self) -> &'static str {
        match self {
            FailureType::Information => {
                "Changing a shared setting without knowing that another service read it."
            }
            FailureType::Courage => {
                "Thinking the rollout was too risky, and not asking for it to wait."
            }
            FailureType::Skill => {
                "Running the data migration yourself, and getting the order of the steps wrong."
            }
            FailureType::Attention => {
                "An alert had been firing for a day before anyone looked at it."
            }
        }
    }

    /// The correction that fits this kind of error.
    pub fn correction(self) -> &'static str {
        match self {
            FailureType::Information => {
                "Build a way of gathering context before you decide: a short checklist, a question to the people who own the area, a look at who depends on it."
            }
            FailureType::Courage => {
                "Make a habit of acting on what you know while it is still uncomfortable: say it early and plainly, in small ways, before it gets costly."
            }
            FailureType::Skill => {
                "Practise and develop the skill: rehearse it, pair with someone experienced, and get feedback before the next time it matters."
            }
            FailureType::Attention => {
                "Set a regular rhythm of check-ins so signals reach you: a daily look at what matters, a weekly review of what is open."
            }
        }
    }
}

impl LessonVerdict {
    /// Whether the person should be asked to rewrite the lesson.
    pub fn needs_rewrite(self) -> bool {
        self != LessonVerdict::Careful
    }

    /// What to say beside the verdict.
    pub fn prompt(self) -> &'static str {
        match self {
            LessonVerdict::Careful => {
                "A careful lesson: a specific error and how you will prevent it, while still taking the risk."
            }
            LessonVerdict::Cautious => {
                "This reads as a cautious lesson: it avoids the risk instead of handling it better. Keep taking the risk, and name the one step that would have prevented this error."
            }
            LessonVerdict::Vague => {
                "This reads as a general judgement rather than a lesson. Name the specific error, and what you will do differently next time."
            }
        }
    }

    /// What to say beside a principle's verdict.
    pub fn principle_prompt(self) -> &'static str {
        match self {
            LessonVerdict::Careful => {
                "A careful principle: it rules out one specific behaviour, and you keep doing the work."
            }
            LessonVerdict::Cautious => {
                "This principle rules out the work itself rather than the way it went wrong. Rewrite it so you keep doing the work and rule out only the behaviour behind the mistake, for example \"I will not promote on technical skill alone\"."
            }
            LessonVerdict::Vague => {
                "This principle does not name a behaviour you could notice next time. Rewrite it to say exactly what you will not do, and when."
            }
        }
    }
}
