//! The door for "Download my data": everything of one person (the
//! subject), gathered for the person themselves or, on a formal request,
//! for an administrator (the caller checks the role). Each part is asked
//! of the policy as it is for the subject — their own mistakes as owner,
//! their personal records under `allows_personal`, a comment elsewhere
//! titled only while the subject may still read its mistake, plans as the
//! report sees them — and every record read is an audit event in the
//! asker's name, by kind and id, never content. The managers' private
//! notes come only with a formal request.

use super::Guard;
use crate::error::ApiResult;
use rebound_domain::access::{self, Action, Part, RecoveryPart, Relation, Viewer};
use rebound_domain::audit::{AuditActor, AuditEvent};
use rebound_domain::export::archive::{
    Archive, ArchivedComment, ArchivedLink, ArchivedNotification, ArchivedPreference,
    ArchivedStakeholder, CommentElsewhere, FormalRequest, OwnedMistake, Person, VoteCast,
    plan_as_report_sees_it,
};
use rebound_domain::{Actor, Mistake, MistakeId, PersonalRecord, User};
use rebound_store::{Candidates, ListFilter, PrincipleFilter, StoreError};
use std::collections::HashMap;

/// The audit event's part for an archive made on a formal request: the
/// reason is required, so the event says it was given; its words stay out.
pub const FORMAL_EXPORT: &str = "data_export_formal";
/// The audit event's part for a person's own archive.
pub const OWN_EXPORT: &str = "data_export";

impl Guard {
    /// `subject`'s archive as `asker` may make it: the same for both, plus
    /// the private notes when `formal` (an administrator's request).
    pub async fn archive(
        &self,
        asker: &User,
        subject: &User,
        formal: Option<FormalRequest>,
    ) -> ApiResult<Archive> {
        let now = self.clock.now_for(subject);
        let mut a = Archive::new(&now, "server", Some(Person::from(subject)));
        let by = Actor::Account(asker.id.clone());
        let mut titles: HashMap<MistakeId, Option<String>> = HashMap::new();

        let candidates = Candidates {
            owners: vec![subject.id.clone()],
            mistakes: Vec::new(),
        };
        let owner = Viewer::Account(Relation {
            owner: true,
            ..Relation::default()
        });
        for m in self
            .backend
            .list_whole(ListFilter::All, Some(&candidates))
            .await?
        {
            if m.owner.as_ref() != Some(&subject.id) {
                continue;
            }
            titles.insert(m.id.clone(), Some(m.title.clone()));
            a.mistakes.push(self.owned(&by, owner, m, &now).await?);
        }

        for c in self.backend.comments_by(&subject.id).await? {
            if a.mistakes.iter().any(|m| m.record.mistake.id == c.mistake) {
                continue; // already among that mistake's own comments
            }
            let mistake_title = self
                .title_for(subject, &by, &c.mistake, &mut titles)
                .await?;
            a.comments_elsewhere.push(CommentElsewhere {
                comment: ArchivedComment::from(&c),
                mistake_title,
            });
        }
        for v in self.backend.votes_by(&subject.id).await? {
            let mistake_title = self
                .title_for(subject, &by, &v.mistake, &mut titles)
                .await?;
            a.votes.push(VoteCast {
                mistake: v.mistake,
                comment: v.comment,
                at: v.at,
                mistake_title,
            });
        }

        self.personal_records(asker, subject, &mut a).await?;

        for p in self.backend.plans_about(&subject.id).await? {
            self.audit_plan(&asker.id, &p.id, RecoveryPart::Plan, Action::Read);
            a.recovery_plans.push(plan_as_report_sees_it(&p));
        }
        for (n, m) in self.notifications(subject).await? {
            a.notifications.push(ArchivedNotification {
                kind: n.kind,
                mistake: n.mistake,
                mistake_title: m.title,
                created_at: n.created_at,
                read_at: n.read_at,
            });
        }
        for p in self.backend.preferences(&subject.id).await? {
            a.preferences.push(ArchivedPreference {
                kind: p.kind,
                channel: p.channel,
                enabled: p.enabled,
            });
        }
        if formal.is_some() {
            let notes = self.backend.private_notes_about(&subject.id).await?;
            let mut plans: Vec<_> = notes.iter().map(|n| n.plan.clone()).collect();
            plans.sort_by(|a, b| a.as_str().cmp(b.as_str()));
            plans.dedup();
            for plan in &plans {
                self.audit_plan(&asker.id, plan, RecoveryPart::PrivateNotes, Action::Read);
            }
            a.private_notes = Some(notes);
        }
        a.formal_request = formal;
        Ok(a)
    }

    /// One of the subject's own mistakes with every part the owner may read.
    async fn owned(
        &self,
        by: &Actor,
        owner: Viewer,
        m: Mistake,
        now: &jiff::Zoned,
    ) -> ApiResult<OwnedMistake> {
        let may = |part| access::allows(owner, m.visibility, part, Action::Read);
        self.audit.mistake(by, &m, Part::Record, Action::Read);
        let id = m.id.clone();
        let mut out = OwnedMistake::bare(m.clone(), now);
        if may(Part::Comments) {
            self.audit.mistake(by, &m, Part::Comments, Action::Read);
            let comments = self.backend.comments(&id, by).await?;
            out.comments = comments.iter().map(|l| (&l.comment).into()).collect();
        }
        if may(Part::Sharing) {
            self.audit.mistake(by, &m, Part::Sharing, Action::Read);
            out.stakeholders = (self.backend.stakeholders(&id).await?.into_iter())
                .map(|s| ArchivedStakeholder {
                    display_name: s.display_name.to_string(),
                    added_at: s.added_at,
                    acknowledged_at: s.acknowledged_at,
                })
                .collect();
            out.affected = self.backend.affected(&id).await?;
        }
        if may(Part::Acknowledgements) {
            self.audit
                .mistake(by, &m, Part::Acknowledgements, Action::Read);
            out.acknowledgements = (self.backend.acknowledgements(&id).await?.into_iter())
                .map(|k| (k.display_name.to_string(), k.at))
                .collect();
        }
        if may(Part::ShareLinks) {
            self.audit.mistake(by, &m, Part::ShareLinks, Action::Read);
            out.share_links = (self.backend.share_links(&id).await?.into_iter())
                .map(|l| ArchivedLink {
                    id: l.id.to_string(),
                    label: l.label,
                    created_at: l.created_at,
                    expires_at: l.expires_at,
                    revoked_at: l.revoked_at,
                })
                .collect();
        }
        Ok(out)
    }

    /// The title of mistake `id` if `subject` may still read its record
    /// (read once per mistake, an audited read in the asker's name).
    async fn title_for(
        &self,
        subject: &User,
        by: &Actor,
        id: &MistakeId,
        seen: &mut HashMap<MistakeId, Option<String>>,
    ) -> ApiResult<Option<String>> {
        if let Some(t) = seen.get(id) {
            return Ok(t.clone());
        }
        let title = match self.backend.get(id).await {
            Ok(m) => {
                let viewer = Viewer::Account(self.relation(subject, &m).await?);
                if access::allows(viewer, m.visibility, Part::Record, Action::Read) {
                    self.audit.mistake(by, &m, Part::Record, Action::Read);
                    Some(m.title)
                } else {
                    None
                }
            }
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e.into()),
        };
        seen.insert(id.clone(), title.clone());
        Ok(title)
    }

    /// Reflections, labels, principles, wins, the self-care plan and the
    /// journal: the
    /// subject's alone (`allows_personal`), each read an event.
    async fn personal_records(
        &self,
        asker: &User,
        subject: &User,
        a: &mut Archive,
    ) -> ApiResult<()> {
        let me = Some(&subject.id);
        let theirs =
            |owner: Option<&rebound_domain::UserId>| access::allows_personal(owner, &subject.id);
        let read = |kind, id: &str| {
            let actor = AuditActor::User(asker.id.to_string());
            self.audit.event(AuditEvent::personal(
                self.clock.now(),
                actor,
                kind,
                id,
                Action::Read,
            ));
        };
        for r in self.backend.reflections(me).await? {
            if theirs(r.owner.as_ref()) {
                read(PersonalRecord::Reflection, r.id.as_str());
                a.reflections.push(r);
            }
        }
        let ours: Vec<_> = a.reflections.iter().map(|r| r.id.clone()).collect();
        for f in self.backend.diagnosis_feedback(me).await? {
            if ours.contains(&f.reflection) {
                read(PersonalRecord::DiagnosisFeedback, f.reflection.as_str());
                a.diagnosis_labels.push(f);
            }
        }
        for p in self
            .backend
            .principles(me, &PrincipleFilter::default())
            .await?
        {
            if theirs(p.owner.as_ref()) {
                read(PersonalRecord::Principle, p.id.as_str());
                a.principles.push(p);
            }
        }
        for w in self.backend.wins(me).await? {
            if theirs(w.owner.as_ref()) {
                read(PersonalRecord::Win, w.id.as_str());
                a.wins.push(w);
            }
        }
        if let Some(p) = self.backend.self_care_plan(me).await?
            && theirs(p.owner.as_ref())
        {
            read(PersonalRecord::SelfCare, subject.id.as_str());
            a.self_care = Some(p);
        }
        for e in self.backend.journal_entries(me).await? {
            if theirs(e.owner.as_ref()) {
                read(PersonalRecord::JournalEntry, e.id.as_str());
                a.journal.push(e);
            }
        }
        Ok(())
    }

    /// The archive-made event on the subject's account: who (the actor),
    /// when, and whether on a formal request (`FORMAL_EXPORT`) — never the
    /// reason's words. A formal request's event is carried with the message
    /// telling the person (`told`), stored with it or not at all.
    pub async fn archive_made(
        &self,
        asker: &User,
        subject: &User,
        told: Vec<rebound_store::NewMessage>,
    ) -> ApiResult<()> {
        let formal = asker.id != subject.id;
        let event = AuditEvent {
            at: self.clock.now(),
            actor: AuditActor::User(asker.id.to_string()),
            action: "read".into(),
            part: if formal { FORMAL_EXPORT } else { OWN_EXPORT }.into(),
            resource_kind: "account".into(),
            resource_id: subject.id.to_string(),
        };
        if !formal {
            self.audit.event(event);
            return Ok(());
        }
        let queued = !told.is_empty();
        self.audit
            .carrying(vec![event], self.backend.enqueue(&told))
            .await?;
        if queued {
            self.delivery_due.notify_one();
        }
        Ok(())
    }

    /// The archives made of `subject`'s data on formal requests, newest
    /// first (what their settings page tells them).
    pub async fn formal_exports_of(&self, subject: &User) -> ApiResult<Vec<AuditEvent>> {
        let events = self
            .backend
            .audit_of("account", subject.id.as_str(), 200)
            .await?;
        Ok(events
            .into_iter()
            .filter(|e| e.part == FORMAL_EXPORT)
            .collect())
    }
}
