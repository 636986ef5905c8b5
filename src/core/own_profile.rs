//! The user's own profile: what Bezwaar has seen of their public footprint there. The page's post counts say how
//! many of the posts shown are public; this adds the days of the oldest and newest public post seen, where the page
//! writes a post's date in a form that needs no language (`rules/post_markup.json`, `post_dates`). It lives in the
//! tab's report only: nothing of it is stored.
use crate::core::post_markup::DateFormat;
use crate::core::record::is_calendar_date;
use serde::{Deserialize, Serialize};

/// Facebook opened in 2004; an earlier or far later date is a misread attribute, not a post's date.
const FIRST_YEAR: i64 = 2004;
const LAST_YEAR: i64 = 2100;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OwnProfile {
    /// The day (`YYYY-MM-DD`, UTC) of the oldest public post seen so far on this page, when one had a readable date.
    pub oldest_public: Option<String>,
    /// The day of the newest.
    pub newest_public: Option<String>,
}

impl OwnProfile {
    /// A public post of this day was seen; true when that widened the days.
    pub fn saw_public_post(&mut self, day: &str) -> bool {
        if !is_plausible_day(day) {
            return false;
        }
        let mut widened = false;
        // `YYYY-MM-DD` days order as strings do.
        if self
            .oldest_public
            .as_deref()
            .map_or(true, |oldest| day < oldest)
        {
            self.oldest_public = Some(day.to_string());
            widened = true;
        }
        if self
            .newest_public
            .as_deref()
            .map_or(true, |newest| day > newest)
        {
            self.newest_public = Some(day.to_string());
            widened = true;
        }
        widened
    }

    /// Both days, when any public post had a readable date.
    pub fn public_days(&self) -> Option<(&str, &str)> {
        Some((
            self.oldest_public.as_deref()?,
            self.newest_public.as_deref()?,
        ))
    }
}

/// The day (`YYYY-MM-DD`, UTC) an attribute's value names, or None when it is not a date of this format.
pub fn day_of(value: &str, format: DateFormat) -> Option<String> {
    let value = value.trim();
    let day = match format {
        DateFormat::UnixSeconds => {
            if value.is_empty() || value.len() > 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            civil_day(value.parse::<i64>().ok()?.div_euclid(86_400))
        }
        // A date, or a date and time in UTC ("Z"): a local time's day may differ from its UTC day, so a time with
        // an offset is read only for its date, which is the day the author saw.
        DateFormat::Iso8601 => {
            let day = value.get(..10)?;
            let rest = &value[10..];
            (rest.is_empty() || rest.starts_with(['T', 't', ' '])).then(|| day.to_string())?
        }
    };
    is_plausible_day(&day).then_some(day)
}

fn is_plausible_day(day: &str) -> bool {
    is_calendar_date(day)
        && day
            .get(..4)
            .and_then(|y| y.parse::<i64>().ok())
            .is_some_and(|y| (FIRST_YEAR..=LAST_YEAR).contains(&y))
}

/// The civil date (proleptic Gregorian) `days` after 1970-01-01, as `YYYY-MM-DD`.
fn civil_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_are_read_as_their_utc_day() {
        // 1463572430 is 2016-05-18 11:53:50 UTC; 1759662595 is 2025-10-05 11:09:55 UTC.
        assert_eq!(
            day_of("1463572430", DateFormat::UnixSeconds).as_deref(),
            Some("2016-05-18")
        );
        assert_eq!(
            day_of(" 1759662595 ", DateFormat::UnixSeconds).as_deref(),
            Some("2025-10-05")
        );
        // The last second of a day and the first of the next; a leap day.
        assert_eq!(
            day_of("1709251199", DateFormat::UnixSeconds).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            day_of("1709251200", DateFormat::UnixSeconds).as_deref(),
            Some("2024-03-01")
        );
    }

    #[test]
    fn iso_dates_are_read_for_their_date() {
        for (value, day) in [
            ("2023-03-05T10:00:00.000Z", "2023-03-05"),
            ("2023-03-05", "2023-03-05"),
            ("2023-03-05T23:30:00+01:00", "2023-03-05"),
            ("2020-02-29 08:00", "2020-02-29"),
        ] {
            assert_eq!(
                day_of(value, DateFormat::Iso8601).as_deref(),
                Some(day),
                "{value}"
            );
        }
    }

    #[test]
    fn anything_else_is_no_date() {
        for value in [
            "",
            "yesterday",
            "-5",
            "12e9",
            "1463572430.5",
            "99999999999999",
        ] {
            assert_eq!(day_of(value, DateFormat::UnixSeconds), None, "{value}");
        }
        for value in [
            "",
            "2023-02-30",
            "2023-3-5",
            "2023-03-05x",
            "03/05/2023",
            "2023",
        ] {
            assert_eq!(day_of(value, DateFormat::Iso8601), None, "{value}");
        }
        // Before Facebook existed (0 is 1970-01-01) or far in the future: a misread attribute.
        assert_eq!(day_of("0", DateFormat::UnixSeconds), None);
        assert_eq!(day_of("1999-12-31", DateFormat::Iso8601), None);
        assert_eq!(day_of("2200-01-01", DateFormat::Iso8601), None);
    }

    #[test]
    fn the_oldest_and_newest_public_days_widen_as_posts_are_seen() {
        let mut own = OwnProfile::default();
        assert_eq!(own.public_days(), None);
        assert!(own.saw_public_post("2024-06-01"));
        assert_eq!(own.public_days(), Some(("2024-06-01", "2024-06-01")));
        assert!(own.saw_public_post("2019-01-15"));
        assert!(own.saw_public_post("2025-10-05"));
        assert!(
            !own.saw_public_post("2021-07-07"),
            "a day between the two widens nothing"
        );
        assert_eq!(own.public_days(), Some(("2019-01-15", "2025-10-05")));
        assert!(!own.saw_public_post("not a day"));
        assert!(!own.saw_public_post("1990-01-01"));
        assert_eq!(own.public_days(), Some(("2019-01-15", "2025-10-05")));
    }
}
