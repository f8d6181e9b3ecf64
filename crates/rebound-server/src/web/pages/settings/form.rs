//! The profile form: working hours as days and times of day, all or
//! nothing, read into the domain's `WorkingHours`.

use crate::web::error::sentence;
use rebound_domain::WorkingHours;
use serde::Deserialize;

pub(super) const DAYS: [(&str, &str); 7] = [
    ("mon", "Mon"),
    ("tue", "Tue"),
    ("wed", "Wed"),
    ("thu", "Thu"),
    ("fri", "Fri"),
    ("sat", "Sat"),
    ("sun", "Sun"),
];

#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    pub(super) display_name: String,
    #[serde(default)]
    pub(super) time_zone: String,
    #[serde(default)]
    pub(super) start: String,
    #[serde(default)]
    pub(super) end: String,
    pub(super) mon: Option<String>,
    pub(super) tue: Option<String>,
    pub(super) wed: Option<String>,
    pub(super) thu: Option<String>,
    pub(super) fri: Option<String>,
    pub(super) sat: Option<String>,
    pub(super) sun: Option<String>,
}

impl ProfileForm {
    pub(super) fn from_user(u: &rebound_domain::User) -> Self {
        let on = |d: bool| d.then(|| "on".to_string());
        let (start, end, days) = match u.working_hours {
            Some(w) => (hhmm(w.start_minute()), hhmm(w.end_minute()), w.days()),
            None => (String::new(), String::new(), [false; 7]),
        };
        ProfileForm {
            display_name: u.display_name.to_string(),
            time_zone: u.time_zone.clone(),
            start,
            end,
            mon: on(days[0]),
            tue: on(days[1]),
            wed: on(days[2]),
            thu: on(days[3]),
            fri: on(days[4]),
            sat: on(days[5]),
            sun: on(days[6]),
        }
    }

    pub(super) fn days(&self) -> [bool; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
        .map(Option::is_some)
    }

    /// No day and no times: no working hours. Anything else must be whole.
    pub(super) fn working_hours(&self) -> Result<Option<WorkingHours>, String> {
        let days = self.days();
        let (start, end) = (self.start.trim(), self.end.trim());
        if !days.contains(&true) && start.is_empty() && end.is_empty() {
            return Ok(None);
        }
        if !days.contains(&true) || start.is_empty() || end.is_empty() {
            return Err(
                "To set working hours, tick at least one day and give both a start and an end. To have none, clear them all."
                    .into(),
            );
        }
        let start = minute_of_day(start, false)?;
        let end = minute_of_day(end, true)?;
        WorkingHours::new(start, end, days)
            .map(Some)
            .map_err(|e| sentence(&e.to_string()))
    }
}

/// "09:30" → 570. An end of "00:00" (or "24:00") is the midnight that ends
/// the day.
pub(super) fn minute_of_day(s: &str, is_end: bool) -> Result<u16, String> {
    let bad = || format!("“{s}” is not a time of day: write it as 09:00 or 17:30.");
    let (h, m) = s.split_once(':').ok_or_else(bad)?;
    let (h, m): (u16, u16) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) || (h == 24 && !is_end) {
        return Err(bad());
    }
    let minute = h * 60 + m;
    Ok(if is_end && minute == 0 { 1440 } else { minute })
}

pub(super) fn hhmm(minute: u16) -> String {
    let minute = minute % 1440;
    format!("{:02}:{:02}", minute / 60, minute % 60)
}
