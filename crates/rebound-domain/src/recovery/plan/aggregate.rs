//! The plan itself: opening it, its context, schedule and topics, and
//! recording check-ins.

use super::{
    CheckIn, DebriefNote, MAX_SIGN_NOTE, MAX_TOPICS, PlanEnd, PracticeTask, RecoveryError, Result,
    Schedule, SignScore, Task, clean_topics, no_duplicates, text_ok,
};
use crate::id::{CheckInId, MistakeId, RecoveryPlanId, UserId};
use crate::recovery::signs::{Driver, MAX_LEVEL, PressurePoint, Sign};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A recovery plan for one report, by their manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecoveryPlan {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: RecoveryPlanId,
    /// Whom the plan supports.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub report: UserId,
    /// Who opened it (access follows the report's current manager); none
    /// once that manager deleted their account.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub opened_by: Option<UserId>,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub mistake: Option<MistakeId>,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub opened_at: Timestamp,
    pub pressure_points: Vec<PressurePoint>,
    /// The drivers believed to dominate.
    pub drivers: Vec<Driver>,
    pub schedule: Schedule,
    /// Oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Topics for the next check-in, including those carried over.
    pub topics: Vec<String>,
    pub tasks: Vec<Task>,
    pub debrief: Option<DebriefNote>,
    pub development: Vec<PracticeTask>,
    /// When the plan ended, if it has (plans stored before ending existed
    /// read as still running).
    #[serde(default)]
    pub ended: Option<PlanEnd>,
    /// Optimistic concurrency: bumped by every save.
    pub version: i64,
}

/// What opening a plan takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlan {
    pub report: UserId,
    pub opened_by: UserId,
    pub mistake: Option<MistakeId>,
    pub pressure_points: Vec<PressurePoint>,
    pub drivers: Vec<Driver>,
    pub schedule: Option<Schedule>,
    pub topics: Vec<String>,
}

/// What recording a check-in takes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewCheckIn {
    pub signs: Vec<SignScore>,
    /// Open topics talked about; the others carry over.
    pub covered: Vec<String>,
    /// Topics for next time.
    pub new_topics: Vec<String>,
    pub distress: bool,
    pub safety_impact: bool,
    /// When the one-on-one was, if not now: not before the plan opened and
    /// not in the future; one dated between earlier check-ins goes between
    /// them.
    pub at: Option<Timestamp>,
}

impl RecoveryPlan {
    pub fn open(new: NewPlan, id: RecoveryPlanId, now: Timestamp) -> Result<RecoveryPlan> {
        no_duplicates(&new.pressure_points)?;
        no_duplicates(&new.drivers)?;
        let schedule = new.schedule.unwrap_or_else(|| Schedule::default_from(now));
        schedule.check()?;
        super::ahead_ok("the first check-in", schedule.first_at, now)?;
        let topics = clean_topics(&new.topics)?;
        if topics.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        Ok(RecoveryPlan {
            id,
            report: new.report,
            opened_by: Some(new.opened_by),
            mistake: new.mistake,
            opened_at: now,
            pressure_points: new.pressure_points,
            drivers: new.drivers,
            schedule,
            check_ins: Vec::new(),
            topics,
            tasks: Vec::new(),
            debrief: None,
            development: Vec::new(),
            ended: None,
            version: 0,
        })
    }

    /// Replaces the pressure points and drivers.
    pub fn set_context(
        &mut self,
        pressure_points: Vec<PressurePoint>,
        drivers: Vec<Driver>,
    ) -> Result<()> {
        self.still_open()?;
        no_duplicates(&pressure_points)?;
        no_duplicates(&drivers)?;
        self.pressure_points = pressure_points;
        self.drivers = drivers;
        Ok(())
    }

    /// Replaces the schedule; its first check-in in the same window as
    /// when the plan was opened (up to `when::MAX_AHEAD` from `now`).
    pub fn set_schedule(&mut self, schedule: Schedule, now: Timestamp) -> Result<()> {
        self.still_open()?;
        schedule.check()?;
        super::ahead_ok("the first check-in", schedule.first_at, now)?;
        self.schedule = schedule;
        Ok(())
    }

    /// Adds topics for the next check-in.
    pub fn add_topics(&mut self, topics: &[String]) -> Result<()> {
        self.still_open()?;
        let new = clean_topics(topics)?;
        let mut all = self.topics.clone();
        for t in new {
            if !all.contains(&t) {
                all.push(t);
            }
        }
        if all.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        self.topics = all;
        Ok(())
    }

    /// Records a check-in: all ten signs scored 0–3, the open topics
    /// covered (the rest carry over), new topics for next time.
    pub fn record_check_in(
        &mut self,
        new: NewCheckIn,
        id: CheckInId,
        by: UserId,
        now: Timestamp,
    ) -> Result<&CheckIn> {
        self.still_open()?;
        let mut signs = Vec::with_capacity(Sign::ALL.len());
        let mut missing = Vec::new();
        for sign in Sign::ALL {
            let given: Vec<&SignScore> = new.signs.iter().filter(|s| s.sign == *sign).collect();
            match given.as_slice() {
                [] => missing.push(format!("“{}”", sign.label())),
                [one] => {
                    if one.level > MAX_LEVEL {
                        return Err(RecoveryError::LevelOutOfRange {
                            sign: sign.label().to_string(),
                            level: one.level,
                        });
                    }
                    let note = match one.note.as_deref().map(str::trim) {
                        None | Some("") => None,
                        Some(n) => {
                            text_ok("a sign's note", n, MAX_SIGN_NOTE)?;
                            Some(n.to_string())
                        }
                    };
                    signs.push(SignScore {
                        sign: *sign,
                        level: one.level,
                        note,
                    });
                }
                _ => {
                    return Err(RecoveryError::Duplicate {
                        what: format!("the sign “{}”", sign.label()),
                    });
                }
            }
        }
        if !missing.is_empty() {
            return Err(RecoveryError::MissingSigns {
                missing: missing.join(", "),
            });
        }
        let covered = clean_topics(&new.covered)?;
        if let Some(t) = covered.iter().find(|t| !self.topics.contains(t)) {
            return Err(RecoveryError::UnknownTopic { topic: t.clone() });
        }
        let new_topics = clean_topics(&new.new_topics)?;
        let at = new.at.unwrap_or(now);
        if new.at.is_some() {
            let utc = now.to_zoned(jiff::tz::TimeZone::UTC);
            crate::when::check_past("the check-in", at, &utc)?;
            if at < self.opened_at {
                return Err(RecoveryError::BeforeOpened {
                    opened: super::end::day(self.opened_at),
                });
            }
        }
        let carried_over: Vec<String> = self
            .topics
            .iter()
            .filter(|t| !covered.contains(t))
            .cloned()
            .collect();
        let mut next = carried_over.clone();
        for t in new_topics {
            if !next.contains(&t) {
                next.push(t);
            }
        }
        if next.len() > MAX_TOPICS {
            return Err(RecoveryError::TooMany {
                what: "open topics",
                max: MAX_TOPICS,
            });
        }
        self.topics = next;
        // A one-on-one recorded late takes its place among the others by
        // date, so the trend, the chart and "the last one" follow the dates.
        let place = self.check_ins.partition_point(|c| c.at <= at);
        self.check_ins.insert(
            place,
            CheckIn {
                id,
                at,
                by,
                signs,
                covered,
                carried_over,
                distress: new.distress,
                safety_impact: new.safety_impact,
            },
        );
        // "Track in one-on-ones" completes by the check-ins themselves.
        self.complete_met(now);
        Ok(&self.check_ins[place])
    }
}
