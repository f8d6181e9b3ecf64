//! `/api/v1/mistakes`: the contain flow, one file per concern. Each thing a
//! person does is a plain fn over `(&AppState, &User, …)` that the JSON
//! handler and the web pages both call; every one goes through `Guard`,
//! which applies the access policy, and writes only through the grant it
//! gives (`change` → `Granted::save`).

pub(crate) mod audit;
pub(crate) mod commits;
pub(crate) mod create;
pub(crate) mod facts;
pub(crate) mod heads_up;
pub(crate) mod lifecycle;
pub(crate) mod note;
pub(crate) mod older;
pub(crate) mod read;
pub(crate) mod timeline;
pub(crate) mod updates;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(create::create, read::list))
        .routes(routes!(read::get, facts::patch, crate::erasure::delete))
        .routes(routes!(read::export))
        .routes(routes!(audit::audit))
        .routes(routes!(heads_up::edit))
        .routes(routes!(heads_up::sent))
        .routes(routes!(heads_up::send))
        .routes(routes!(heads_up::messages))
        .routes(routes!(timeline::add))
        .routes(routes!(timeline::patch, timeline::remove))
        .routes(routes!(note::put))
        .routes(routes!(commits::link))
        .routes(routes!(lifecycle::tick, lifecycle::untick))
        .routes(routes!(lifecycle::transition))
        .routes(routes!(updates::post, older::page))
        .routes(routes!(updates::schedule))
}

use crate::error::{ApiError, ApiResult};
use crate::precondition::{Expect, Kind, retrying};
use jiff::Zoned;
use rebound_domain::User;
use rebound_domain::access::{Action, Part};
use rebound_domain::export::{MistakeView, into_view};
use rebound_domain::{Change, Mistake};
use rebound_store::NewMessage;

/// Open with a write permission, change in memory, save through that grant
/// (`Granted::save`): the shape of every write. `f` returns the appended
/// rows; refusing leaves everything as it was. The save applies only to a
/// version `expect` accepts (else 412); an addition that lost a race to
/// another save is read and applied again (`retrying`), so `f` may run
/// more than once.
async fn change<F>(
    state: &AppState,
    user: &User,
    id: &str,
    how: (Part, Action),
    versions: (Kind, &Expect),
    f: F,
) -> ApiResult<MistakeView>
where
    F: Fn(&mut Mistake, &Zoned) -> Result<Vec<Change>, ApiError>,
{
    change_sending(state, user, id, how, versions, |m, now| {
        Ok((f(m, now)?, Vec::new()))
    })
    .await
}

/// [`change`] whose `f` also returns messages to queue with the save.
async fn change_sending<F>(
    state: &AppState,
    user: &User,
    id: &str,
    (part, action): (Part, Action),
    (kind, expect): (Kind, &Expect),
    f: F,
) -> ApiResult<MistakeView>
where
    F: Fn(&mut Mistake, &Zoned) -> Result<(Vec<Change>, Vec<NewMessage>), ApiError>,
{
    retrying(kind, expect, || async {
        let granted = state.guard.open(user, id, part, action).await?;
        let now = state.clock.now_for(user);
        let saved = granted
            .save_sending(|m| {
                // Bad input is said first, whatever the version (then 412).
                let done = f(m, &now)?;
                expect.check(m.version, "mistake")?;
                m.updated_at = now.timestamp();
                Ok(done)
            })
            .await?;
        Ok(into_view(saved, &now))
    })
    .await
}
