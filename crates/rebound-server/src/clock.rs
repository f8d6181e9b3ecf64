//! "Now" for a request, in the person's own time zone, at the store's
//! millisecond precision.

use jiff::tz::TimeZone;
use jiff::{Timestamp, Zoned};
use rebound_domain::User;

pub fn now_for(user: &User) -> Zoned {
    let tz = TimeZone::get(&user.time_zone).unwrap_or(TimeZone::UTC);
    let ts = Timestamp::now();
    Timestamp::from_millisecond(ts.as_millisecond())
        .unwrap_or(ts)
        .to_zoned(tz)
}

/// Times arriving in requests are kept at millisecond precision too.
pub fn ms(ts: Timestamp) -> Timestamp {
    Timestamp::from_millisecond(ts.as_millisecond()).unwrap_or(ts)
}

/// A time given with a request for something that already happened: `None`
/// means now; a time ahead of now is refused, naming `what`.
pub fn past_or_now(
    at: Option<Timestamp>,
    now: &Zoned,
    what: &str,
) -> crate::error::ApiResult<Timestamp> {
    let at = at.map(ms).unwrap_or(now.timestamp());
    if at > now.timestamp() {
        return Err(crate::error::ApiError::unprocessable(format!(
            "{what} cannot be in the future"
        )));
    }
    Ok(at)
}
