//! The person's own records from reflecting, in this machine's database:
//! the classifiers run here (the models are in the binary), the domain
//! builds the record, the store keeps it. Locally everything belongs to the
//! person at the keyboard (owner `None`).

use crate::backend::{Learning, LessonCheck, NewReflectionInput, ReflectionRecord, WinEntry};
use crate::context::{Ctx, random5};
use crate::error::{CliError, Result};
use rebound_domain::manual::{self, ManualEntry};
use rebound_domain::reflection::{latest_on, similar};
use rebound_domain::{
    DiagnosisFeedback, FailureType, LessonVerdict, MistakeId, NewReflection, Principle,
    PrincipleCheck, PrincipleId, PrincipleStatus, Reflection, ReflectionError, ReflectionId,
    SelfCarePlan, Suggestion, Trap, Win, WinId,
};
use rebound_learn::{Diagnoser, LessonChecker};
use rebound_store::{PrincipleFilter, StoreError};
use std::sync::OnceLock;

/// How often a freshly drawn id is drawn again when it is taken.
const DRAWS: usize = 5;

fn diagnoser() -> &'static Diagnoser {
    static D: OnceLock<Diagnoser> = OnceLock::new();
    D.get_or_init(Diagnoser::embedded)
}

fn lesson_checker() -> &'static LessonChecker {
    static L: OnceLock<LessonChecker> = OnceLock::new();
    L.get_or_init(LessonChecker::embedded)
}

/// The diagnosis as the domain keeps it (what the server stores too).
pub fn suggestion(account: &str) -> Option<Suggestion> {
    let d = diagnoser().diagnose(account);
    Some(Suggestion {
        trap: d.trap.parse::<Trap>().ok()?,
        failure_type: d.failure_type.parse::<FailureType>().ok()?,
        confidence: d.confidence,
        cues: d.cues,
        unsure: d.unsure,
    })
}

fn lesson(text: &str) -> LessonCheck {
    let c = lesson_checker().check(text);
    LessonCheck {
        verdict: c.verdict.parse().unwrap_or(LessonVerdict::Vague),
        reasons: c.reasons,
    }
}

/// The lesson check on a principle's wording (what the server adds too).
fn principle_check(text: &str) -> PrincipleCheck {
    let c = lesson(text);
    PrincipleCheck::new(c.verdict, c.reasons)
}

fn taken(e: &StoreError) -> bool {
    matches!(e, StoreError::AlreadyExists { .. })
}

impl Ctx {
    /// The mistake's title, if it is still there.
    async fn mistake_title(&self, id: &MistakeId) -> Result<Option<String>> {
        match self.store.get(id).await {
            Ok(m) => Ok(Some(m.title)),
            Err(StoreError::NotFound(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Where a principle came from: its mistake's title, or the title of
    /// the memory its reflection was about.
    async fn entry(&self, principle: Principle) -> Result<ManualEntry> {
        let came_from = match (&principle.mistake, &principle.reflection) {
            (Some(m), _) => self.mistake_title(m).await?,
            (None, Some(r)) => match self.store.reflection(None, r).await {
                Ok(r) => r.memory_title,
                Err(StoreError::RecordNotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
            (None, None) => None,
        };
        Ok(ManualEntry {
            check: Some(principle_check(&principle.text)),
            principle,
            came_from,
        })
    }

    /// The reflection as `--json` prints it: the server's `ReflectionView`.
    async fn reflection_record(&self, r: Reflection, continued: bool) -> Result<ReflectionRecord> {
        let title = match &r.mistake {
            Some(m) => self.mistake_title(m).await?,
            None => None,
        };
        let subject = r.subject(title.as_deref()).to_string();
        let mut json = serde_json::to_value(&r).map_err(|e| CliError::Io(e.to_string()))?;
        if let Some(o) = json.as_object_mut() {
            o.insert("subject".into(), subject.clone().into());
            o.insert("correction".into(), r.correction().into());
            o.insert(
                "lesson_prompt".into(),
                r.lesson_verdict.map(LessonVerdict::prompt).into(),
            );
            o.insert("complete".into(), r.is_complete().into());
            o.insert("continued".into(), continued.into());
        }
        Ok(ReflectionRecord {
            reflection: r,
            json,
            subject,
            continued,
        })
    }
}

/// The later steps given, taken in order; the label to keep, if chosen.
fn steps(
    r: &mut Reflection,
    input: &NewReflectionInput,
    now: jiff::Timestamp,
) -> Result<Option<DiagnosisFeedback>> {
    let feedback = match (input.trap, input.failure_type) {
        (Some(t), Some(f)) => r.choose(t, f, now),
        (None, None) => None,
        _ => return Err(CliError::invalid("choose both a trap and a failure type")),
    };
    if let Some(e) = &input.specific_error {
        r.set_specific_error(e, now)?;
    }
    if let Some(l) = &input.lesson {
        let text = Reflection::lesson_text(l)?;
        let check = lesson(&text);
        r.set_lesson(&text, check.verdict, check.reasons, now)?;
    }
    Ok(feedback)
}

impl Learning for Ctx {
    async fn diagnose(&self, account: &str) -> Result<Suggestion> {
        suggestion(account)
            .ok_or_else(|| CliError::Io("the built-in diagnosis gave an unknown label".into()))
    }

    async fn check_lesson(&self, text: &str) -> Result<LessonCheck> {
        Ok(lesson(&Reflection::lesson_text(text)?))
    }

    async fn create_reflection(&self, input: NewReflectionInput) -> Result<ReflectionRecord> {
        let now = self.now.timestamp();
        if let Some(m) = &input.mistake {
            let all = self.store.reflections(None).await?;
            if let Some(found) = latest_on(&all, m) {
                // One reflection per mistake: reflecting again continues it.
                if input.memory_title.is_some() {
                    return Err(ReflectionError::MistakeAndTitle.into());
                }
                let mut r = found.clone();
                r.set_account(&input.account, suggestion(&input.account), now)?;
                let feedback = steps(&mut r, &input, now)?;
                self.store.update_reflection(&r, feedback.as_ref()).await?;
                return self.reflection_record(r, true).await;
            }
        }
        let suggested = suggestion(&input.account);
        let mut r = Reflection::new(
            ReflectionId::from_random(random5()?),
            NewReflection {
                owner: None,
                mistake: input.mistake.clone(),
                memory_title: input.memory_title.clone(),
                account: input.account.clone(),
            },
            suggested,
            now,
        )?;
        let mut feedback = steps(&mut r, &input, now)?;
        let mut draws = 0;
        loop {
            match self.store.create_reflection(&r, feedback.as_ref()).await {
                Err(e) if taken(&e) && draws < DRAWS => {
                    draws += 1;
                    r.id = ReflectionId::from_random(random5()?);
                    if let Some(f) = feedback.as_mut() {
                        f.reflection = r.id.clone();
                    }
                }
                other => break other?,
            }
        }
        self.reflection_record(r, false).await
    }

    async fn reflections(&self) -> Result<Vec<ReflectionRecord>> {
        let mut out = Vec::new();
        for r in self.store.reflections(None).await? {
            out.push(self.reflection_record(r, false).await?);
        }
        Ok(out)
    }

    async fn add_principle(
        &self,
        text: &str,
        from: Option<&ReflectionId>,
        anyway: bool,
    ) -> Result<ManualEntry> {
        let from = match from {
            Some(id) => Some(self.store.reflection(None, id).await?),
            None => None,
        };
        let mut p = Principle::new(
            PrincipleId::from_random(random5()?),
            None,
            text,
            from.as_ref(),
            self.now.timestamp(),
        )?;
        let active = PrincipleFilter {
            query: None,
            status: Some(PrincipleStatus::Active),
        };
        let mine = self.store.principles(None, &active).await?;
        if let Some(refused) = similar(&p.text, &mine).and_then(|s| s.refusal(anyway)) {
            return Err(refused.into());
        }
        let mut draws = 0;
        loop {
            match self.store.create_principle(&p).await {
                Err(e) if taken(&e) && draws < DRAWS => {
                    draws += 1;
                    p.id = PrincipleId::from_random(random5()?);
                }
                other => break other?,
            }
        }
        self.entry(p).await
    }

    async fn principles(&self, filter: &PrincipleFilter) -> Result<Vec<ManualEntry>> {
        let mut out = Vec::new();
        for p in self.store.principles(None, filter).await? {
            out.push(self.entry(p).await?);
        }
        Ok(out)
    }

    async fn principle(&self, id: &PrincipleId) -> Result<ManualEntry> {
        let p = self.store.principle(None, id).await?;
        self.entry(p).await
    }

    async fn revise_principle(
        &self,
        id: &PrincipleId,
        text: &str,
        note: Option<&str>,
    ) -> Result<ManualEntry> {
        let mut p = self.store.principle(None, id).await?;
        p.revise(text, note, self.now.timestamp())?;
        self.store.save_principle(&p).await?;
        self.entry(p).await
    }

    async fn retire_principle(&self, id: &PrincipleId, reason: &str) -> Result<ManualEntry> {
        let mut p = self.store.principle(None, id).await?;
        p.retire(reason, self.now.timestamp())?;
        self.store.save_principle(&p).await?;
        self.entry(p).await
    }

    /// Headed with the login name of the person at the keyboard.
    async fn manual_markdown(&self, entries: &[ManualEntry]) -> Result<String> {
        let name = std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .ok()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "me".to_string());
        Ok(manual::markdown(&name, entries, self.now.time_zone()))
    }

    async fn add_win(&self, mistake: Option<&MistakeId>, text: &str) -> Result<WinEntry> {
        let mistake_title = match mistake {
            // The win must follow a mistake that is there.
            Some(m) => Some(self.store.get(m).await?.title),
            None => None,
        };
        let mut w = Win::new(
            WinId::from_random(random5()?),
            None,
            mistake.cloned(),
            text,
            self.now.timestamp(),
        )?;
        let mut draws = 0;
        loop {
            match self.store.add_win(&w).await {
                Err(e) if taken(&e) && draws < DRAWS => {
                    draws += 1;
                    w.id = WinId::from_random(random5()?);
                }
                other => break other?,
            }
        }
        Ok(WinEntry {
            win: w,
            mistake_title,
        })
    }

    async fn wins(&self) -> Result<Vec<WinEntry>> {
        let mut out = Vec::new();
        for w in self.store.wins(None).await? {
            let mistake_title = match &w.mistake {
                Some(m) => self.mistake_title(m).await?,
                None => None,
            };
            out.push(WinEntry {
                win: w,
                mistake_title,
            });
        }
        Ok(out)
    }

    async fn self_care(&self) -> Result<Option<SelfCarePlan>> {
        Ok(self.store.self_care_plan(None).await?)
    }

    async fn set_self_care(
        &self,
        items: &[String],
        mistake: Option<&MistakeId>,
    ) -> Result<SelfCarePlan> {
        if let Some(m) = mistake {
            self.store.get(m).await?;
        }
        let plan = SelfCarePlan::new(None, mistake.cloned(), items, self.now.timestamp())?;
        self.store.set_self_care_plan(&plan).await?;
        Ok(plan)
    }
}
