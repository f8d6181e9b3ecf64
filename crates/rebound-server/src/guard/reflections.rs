//! The door to a person's own records from reflecting: reflections, their
//! labels for the diagnosis, principles (the Operating Manual), wins and
//! the self-care plan. These are their owner's alone, whatever the mistake
//! they came from allows (`access::allows_personal`): every method here
//! names the signed-in person as the owner, the store answers someone
//! else's id like a missing one, and anything handed out is checked against
//! the rule once more. A "no" is a 404. Every record read or written is an
//! audit event (kind and id, never content).

use super::Guard;
use crate::error::{ApiError, ApiResult};
use rebound_domain::access::{self, Action, Part};
use rebound_domain::{
    Actor, DiagnosisFeedback, Mistake, MistakeId, PersonalRecord, Principle, PrincipleId,
    Reflection, ReflectionId, SelfCarePlan, User, Win,
};
use rebound_store::{PrincipleFilter, StoreError};

/// An id from a path: one that cannot even be parsed names nothing, so 404.
fn parse<T>(id: &str, f: impl Fn(&str) -> Result<T, rebound_domain::InvalidId>) -> ApiResult<T> {
    f(id).map_err(|_| ApiError::not_found())
}

impl Guard {
    fn mine(&self, user: &User, owner: Option<&rebound_domain::UserId>) -> ApiResult<()> {
        if access::allows_personal(owner, &user.id) {
            Ok(())
        } else {
            Err(ApiError::not_found())
        }
    }

    fn audit_personal(&self, user: &User, kind: PersonalRecord, id: &str, action: Action) {
        self.audit.personal(&user.id, kind, id, action);
    }

    /// Runs the store write `write` carrying its event (`action` on the
    /// record): stored with the change, or neither is. Someone else's id
    /// (or a missing one) is a 404, as every not-found is.
    async fn personal_write(
        &self,
        user: &User,
        (kind, id, action): (PersonalRecord, &str, Action),
        write: impl std::future::Future<Output = Result<(), StoreError>>,
    ) -> ApiResult<()> {
        let event = self.audit.personal_event(&user.id, kind, id, action);
        Ok(self.audit.carrying(vec![event], write).await?)
    }

    /// One of `user`'s own mistakes (what a reflection, a win or a plan
    /// may point at); anyone else's, or none, is a 404.
    pub async fn own_mistake(&self, user: &User, id: &str) -> ApiResult<Mistake> {
        let id = parse(id, MistakeId::parse)?;
        let m = match self.backend.get(&id).await {
            Ok(m) => m,
            Err(StoreError::NotFound(_)) => return Err(ApiError::not_found()),
            Err(e) => return Err(e.into()),
        };
        if m.owner.as_ref() != Some(&user.id) {
            return Err(ApiError::not_found());
        }
        self.audit.mistake(
            &Actor::Account(user.id.clone()),
            &m,
            Part::Record,
            Action::Read,
        );
        Ok(m)
    }

    /// The titles of `user`'s own mistakes among `ids` (others are left out).
    pub async fn own_mistake_titles(
        &self,
        user: &User,
        ids: Vec<MistakeId>,
    ) -> ApiResult<std::collections::HashMap<MistakeId, String>> {
        let mut out = std::collections::HashMap::new();
        for id in ids {
            if out.contains_key(&id) {
                continue;
            }
            match self.own_mistake(user, id.as_str()).await {
                Ok(m) => {
                    out.insert(m.id, m.title);
                }
                Err(e) if e.status == axum::http::StatusCode::NOT_FOUND => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    pub async fn create_reflection(
        &self,
        user: &User,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> ApiResult<()> {
        self.mine(user, r.owner.as_ref())?;
        let record = (PersonalRecord::Reflection, r.id.as_str(), Action::Create);
        self.personal_write(user, record, self.backend.create_reflection(r, feedback))
            .await
    }

    pub async fn reflection(&self, user: &User, id: &str) -> ApiResult<Reflection> {
        let id = parse(id, ReflectionId::parse)?;
        let r = self.backend.reflection(Some(&user.id), &id).await?;
        self.mine(user, r.owner.as_ref())?;
        self.audit_personal(user, PersonalRecord::Reflection, id.as_str(), Action::Read);
        Ok(r)
    }

    /// `user`'s reflection on their mistake `mistake`, if one was started
    /// (only the one found is read, so only it is an audit event).
    pub async fn reflection_on(
        &self,
        user: &User,
        mistake: &MistakeId,
    ) -> ApiResult<Option<Reflection>> {
        let all = self.backend.reflections(Some(&user.id)).await?;
        let Some(r) = rebound_domain::reflection::latest_on(&all, mistake) else {
            return Ok(None);
        };
        self.mine(user, r.owner.as_ref())?;
        self.audit_personal(
            user,
            PersonalRecord::Reflection,
            r.id.as_str(),
            Action::Read,
        );
        Ok(Some(r.clone()))
    }

    pub async fn reflections(&self, user: &User) -> ApiResult<Vec<Reflection>> {
        let all = self.backend.reflections(Some(&user.id)).await?;
        for r in &all {
            self.mine(user, r.owner.as_ref())?;
            self.audit_personal(
                user,
                PersonalRecord::Reflection,
                r.id.as_str(),
                Action::Read,
            );
        }
        Ok(all)
    }

    pub async fn update_reflection(
        &self,
        user: &User,
        r: &Reflection,
        feedback: Option<&DiagnosisFeedback>,
    ) -> ApiResult<()> {
        self.mine(user, r.owner.as_ref())?;
        let record = (PersonalRecord::Reflection, r.id.as_str(), Action::Change);
        self.personal_write(user, record, self.backend.update_reflection(r, feedback))
            .await
    }

    pub async fn delete_reflection(&self, user: &User, id: &str) -> ApiResult<()> {
        let id = parse(id, ReflectionId::parse)?;
        let record = (PersonalRecord::Reflection, id.as_str(), Action::Change);
        self.personal_write(
            user,
            record,
            self.backend.delete_reflection(Some(&user.id), &id),
        )
        .await
    }

    /// `user`'s labels for the diagnosis, to export for retraining.
    pub async fn diagnosis_feedback(&self, user: &User) -> ApiResult<Vec<DiagnosisFeedback>> {
        let all = self.backend.diagnosis_feedback(Some(&user.id)).await?;
        for f in &all {
            self.audit_personal(
                user,
                PersonalRecord::DiagnosisFeedback,
                f.reflection.as_str(),
                Action::Read,
            );
        }
        Ok(all)
    }

    pub async fn create_principle(&self, user: &User, p: &Principle) -> ApiResult<()> {
        self.mine(user, p.owner.as_ref())?;
        let record = (PersonalRecord::Principle, p.id.as_str(), Action::Create);
        self.personal_write(user, record, self.backend.create_principle(p))
            .await
    }

    pub async fn principle(&self, user: &User, id: &str) -> ApiResult<Principle> {
        let id = parse(id, PrincipleId::parse)?;
        let p = self.backend.principle(Some(&user.id), &id).await?;
        self.mine(user, p.owner.as_ref())?;
        self.audit_personal(user, PersonalRecord::Principle, id.as_str(), Action::Read);
        Ok(p)
    }

    pub async fn principles(
        &self,
        user: &User,
        filter: &PrincipleFilter,
    ) -> ApiResult<Vec<Principle>> {
        let all = self.backend.principles(Some(&user.id), filter).await?;
        for p in &all {
            self.mine(user, p.owner.as_ref())?;
            self.audit_personal(user, PersonalRecord::Principle, p.id.as_str(), Action::Read);
        }
        Ok(all)
    }

    pub async fn save_principle(&self, user: &User, p: &Principle) -> ApiResult<()> {
        self.mine(user, p.owner.as_ref())?;
        let record = (PersonalRecord::Principle, p.id.as_str(), Action::Change);
        self.personal_write(user, record, self.backend.save_principle(p))
            .await
    }

    pub async fn add_win(&self, user: &User, w: &Win) -> ApiResult<()> {
        self.mine(user, w.owner.as_ref())?;
        let record = (PersonalRecord::Win, w.id.as_str(), Action::Create);
        self.personal_write(user, record, self.backend.add_win(w))
            .await
    }

    pub async fn wins(&self, user: &User) -> ApiResult<Vec<Win>> {
        let all = self.backend.wins(Some(&user.id)).await?;
        for w in &all {
            self.mine(user, w.owner.as_ref())?;
            self.audit_personal(user, PersonalRecord::Win, w.id.as_str(), Action::Read);
        }
        Ok(all)
    }

    pub async fn self_care_plan(&self, user: &User) -> ApiResult<Option<SelfCarePlan>> {
        let plan = self.backend.self_care_plan(Some(&user.id)).await?;
        if let Some(p) = &plan {
            self.mine(user, p.owner.as_ref())?;
            self.audit_personal(
                user,
                PersonalRecord::SelfCare,
                user.id.as_str(),
                Action::Read,
            );
        }
        Ok(plan)
    }

    pub async fn set_self_care_plan(&self, user: &User, plan: &SelfCarePlan) -> ApiResult<()> {
        self.mine(user, plan.owner.as_ref())?;
        let record = (PersonalRecord::SelfCare, user.id.as_str(), Action::Change);
        self.personal_write(user, record, self.backend.set_self_care_plan(plan))
            .await
    }
}
