//! The behaviour every [`DigestStore`] backend must show: the page reads
//! return exactly the rows of the people named, with the facts the policy
//! needs, on a store that also keeps accounts, mistakes, sharing and plans.

use crate::ReflectionStore;
use crate::conformance::fresh5;
use crate::conformance_accounts::{fresh_team_id, person};
use crate::conformance_recovery::{RecoveryBackend, full_plan};
use crate::conformance_sharing::{stored_mistake, stored_person};
use crate::digest::{DigestStore, Stake};
use jiff::Timestamp;
use rebound_domain::{NotificationId, Team, TeamName, User, UserId};

/// Everything the checks need from one backend.
pub trait DigestBackend: RecoveryBackend + DigestStore + ReflectionStore {}
impl<T: RecoveryBackend + DigestStore + ReflectionStore> DigestBackend for T {}

/// Runs every check below, in order.
pub async fn run_all(store: &dyn DigestBackend) {
    stakes_are_the_named_peoples_with_their_owners_facts(store).await;
    reports_and_plans_are_those_of_the_people_named(store).await;
    lessons_are_those_of_the_people_named(store).await;
}

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_795_000_000_000 + ms).expect("in range")
}

async fn name(store: &dyn DigestBackend, m: &rebound_domain::MistakeId, who: &User, ms: i64) {
    let note = NotificationId::from_random(fresh5());
    assert!(
        store
            .add_stakeholder(m, &who.id, at(ms), &note)
            .await
            .unwrap()
    );
}

fn of<'a>(stakes: &'a [Stake], who: &User) -> Vec<&'a Stake> {
    stakes.iter().filter(|s| s.user == who.id).collect()
}

pub async fn stakes_are_the_named_peoples_with_their_owners_facts(store: &dyn DigestBackend) {
    let boss = stored_person(store, "Bea Boss").await;
    let mut owner = person("Olga Owner");
    owner.manager = Some(boss.id.clone());
    store.create_user(&owner, "x").await.unwrap();
    let (sam, tia, other) = (
        stored_person(store, "Sam Stake").await,
        stored_person(store, "Tia Team").await,
        stored_person(store, "Otto Other").await,
    );
    let team = Team {
        id: fresh_team_id(),
        name: TeamName::parse(&format!("Digest {}", fresh_team_id())).unwrap(),
    };
    store.create_team(&team).await.unwrap();
    store.add_member(&team.id, &owner.id).await.unwrap();
    store.add_member(&team.id, &tia.id).await.unwrap();
    let first = stored_mistake(store, &owner, "First").await;
    let second = stored_mistake(store, &owner, "Second").await;
    name(store, &first.id, &sam, 1).await;
    name(store, &second.id, &sam, 2).await;
    name(store, &first.id, &tia, 3).await;
    name(store, &first.id, &boss, 4).await;
    name(store, &first.id, &other, 5).await;
    store.acknowledge(&second.id, &sam.id, at(9)).await.unwrap();

    assert!(store.stakes_of(&[]).await.unwrap().is_empty());
    let ids: Vec<UserId> = [&sam, &tia, &boss].iter().map(|u| u.id.clone()).collect();
    let stakes = store.stakes_of(&ids).await.unwrap();
    assert_eq!(
        stakes.len(),
        4,
        "only the named people's stakes: {stakes:?}"
    );
    assert!(of(&stakes, &other).is_empty());

    let sams = of(&stakes, &sam);
    assert_eq!(sams.len(), 2);
    let s1 = sams.iter().find(|s| s.mistake == first.id).unwrap();
    let s2 = sams.iter().find(|s| s.mistake == second.id).unwrap();
    assert_eq!((s1.added_at, s1.acknowledged_at), (at(1), None));
    assert_eq!((s2.added_at, s2.acknowledged_at), (at(2), Some(at(9))));
    let o = s1.owner.as_ref().expect("the owner's account is there");
    assert_eq!(o.id, owner.id);
    assert_eq!(o.display_name.to_string(), "Olga Owner");
    assert_eq!(o.manager.as_ref(), Some(&boss.id));
    assert!(!o.shares_a_team, "Sam is in no team with Olga");

    let tias = of(&stakes, &tia);
    assert!(
        tias[0].owner.as_ref().unwrap().shares_a_team,
        "Tia is Olga's teammate"
    );
    let boss_stake = of(&stakes, &boss);
    assert_eq!(
        boss_stake[0].owner.as_ref().unwrap().manager.as_ref(),
        Some(&boss.id),
        "Bea manages the owner"
    );
    assert!(!boss_stake[0].owner.as_ref().unwrap().shares_a_team);
}

pub async fn reports_and_plans_are_those_of_the_people_named(store: &dyn DigestBackend) {
    let (m1, m2, m3) = (
        stored_person(store, "Mia Manager").await,
        stored_person(store, "Max Manager").await,
        stored_person(store, "Mo Manager").await,
    );
    let mut reports = Vec::new();
    for (who, manager) in [
        ("Ria Report", &m1),
        ("Rob Report", &m1),
        ("Ray Report", &m2),
        ("Ron Report", &m3),
    ] {
        let mut u = person(who);
        u.manager = Some(manager.id.clone());
        store.create_user(&u, "x").await.unwrap();
        reports.push(u);
    }
    assert!(store.reports_of_any(&[]).await.unwrap().is_empty());
    let got = store
        .reports_of_any(&[m1.id.clone(), m2.id.clone()])
        .await
        .unwrap();
    let mut want: Vec<&User> = reports[..3].iter().collect();
    want.sort_by(|a, b| a.email.as_str().cmp(b.email.as_str()));
    assert_eq!(
        got.iter().collect::<Vec<_>>(),
        want,
        "Mia's and Max's reports, by email"
    );

    let mut older = full_plan(&m1, &reports[0], None);
    // Ended, so a newer one may open for the same report.
    older.end(None, m1.id.clone(), older.opened_at).unwrap();
    let mut newer = full_plan(&m1, &reports[0], None);
    newer.opened_at = older.opened_at + jiff::SignedDuration::from_hours(1);
    let mut ray = full_plan(&m2, &reports[2], None);
    ray.opened_at = older.opened_at - jiff::SignedDuration::from_hours(1);
    let ron = full_plan(&m3, &reports[3], None);
    for p in [&older, &newer, &ray, &ron] {
        store.create_plan(p).await.unwrap();
    }
    assert!(store.plans_about_any(&[]).await.unwrap().is_empty());
    let ids = [
        reports[0].id.clone(),
        reports[1].id.clone(),
        reports[2].id.clone(),
    ];
    let plans = store.plans_about_any(&ids).await.unwrap();
    let got: Vec<_> = plans.iter().map(|p| p.id.clone()).collect();
    assert_eq!(
        got,
        [newer.id.clone(), older.id.clone(), ray.id.clone()],
        "newest first, Ron's left out"
    );
    assert_eq!(
        plans[0],
        store.plan(&newer.id).await.unwrap().unwrap(),
        "read whole"
    );
}

pub async fn lessons_are_those_of_the_people_named(store: &dyn DigestBackend) {
    use rebound_domain::{NewReflection, Principle, PrincipleId, Reflection, ReflectionId};
    let (ana, ben, cy) = (
        stored_person(store, "Ana Lesson").await,
        stored_person(store, "Ben Lesson").await,
        stored_person(store, "Cy Lesson").await,
    );
    let mut made = Vec::new();
    for who in [&ana, &ben, &cy] {
        let r = Reflection::new(
            ReflectionId::from_random(fresh5()),
            NewReflection {
                owner: Some(who.id.clone()),
                mistake: None,
                memory_title: Some("An older memory".into()),
                account: "I sent the figures before checking them.".into(),
            },
            None,
            at(0),
        )
        .unwrap();
        store.create_reflection(&r, None).await.unwrap();
        let p = Principle::new(
            PrincipleId::from_random(fresh5()),
            Some(who.id.clone()),
            "I will not send figures nobody has checked",
            Some(&r),
            at(1),
        )
        .unwrap();
        store.create_principle(&p).await.unwrap();
        made.push((r, p));
    }
    let (rs, ps) = store
        .lessons_of_any(&[ana.id.clone(), ben.id.clone()])
        .await
        .unwrap();
    let mut want_r: Vec<_> = made[..2].iter().map(|(r, _)| r.clone()).collect();
    let mut want_p: Vec<_> = made[..2].iter().map(|(_, p)| p.clone()).collect();
    let key_r = |r: &Reflection| r.id.to_string();
    let key_p = |p: &Principle| p.id.to_string();
    let (mut rs, mut ps) = (rs, ps);
    rs.sort_by_key(key_r);
    want_r.sort_by_key(key_r);
    ps.sort_by_key(key_p);
    want_p.sort_by_key(key_p);
    assert_eq!(rs, want_r, "exactly the named people's reflections, whole");
    assert_eq!(ps, want_p, "exactly the named people's principles, whole");
    let (rs, ps) = store.lessons_of_any(&[]).await.unwrap();
    assert!(rs.is_empty() && ps.is_empty());
}
