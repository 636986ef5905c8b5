//! Audience labels the user taught: a label Bezwaar could not read, with the answer the user gave for it ("this post
//! is public" / "not public"). Each one is a local rule for that exact label text (normalised) in that page
//! language, kept in `storage.local` under `taught` as `{"format": 1, "labels": [...]}`.
//!
//! The built-in rules (`rules/audience.json`) always win: a taught label that they read is ignored, so a slip of the
//! user's finger cannot turn a friends-only label public. A stored value this build cannot read is never dropped:
//! it is reported with its raw content, and only set aside (by the background) when the user teaches anew.
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::text::normalize_text;
use crate::core::visibility::{verified_audience_of_label, Visibility};

pub const TAUGHT_FORMAT: u64 = 1;
/// Far more labels than a person meets (one per audience per UI language), few enough that every tab can keep them.
pub const MAX_TAUGHT_LABELS: usize = 500;
/// An audience label is a few words; a longer text is not one.
pub const MAX_LABEL_CHARS: usize = 200;
/// A BCP 47 language tag is at most this long in practice (RFC 5646 section 4.4.1 sizes buffers at 35).
pub const MAX_LANG_CHARS: usize = 35;
/// The `source` of every block an export holds: the rules file requires one, and nobody has checked these.
pub const EXPORT_SOURCE: &str = "taught in Bezwaar by a user, unverified";
/// The export's key for labels read on a page that named no language.
const UNDETERMINED_LANGUAGE: &str = "und";

/// What the user said a label means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaughtMeaning {
    Public,
    Limited,
}

impl TaughtMeaning {
    pub fn visibility(self) -> Visibility {
        match self {
            TaughtMeaning::Public => Visibility::Public,
            TaughtMeaning::Limited => Visibility::Limited,
        }
    }
}

/// One taught label as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TaughtLabel {
    /// The label exactly as the page showed it.
    pub text: String,
    /// `text` through [`normalize_text`], as this build normalised it (lookups normalise afresh).
    pub normalized: String,
    /// The page language where it was shown (the nearest `lang` attribute, lowercased); "" when none.
    pub lang: String,
    pub meaning: TaughtMeaning,
    /// When it was taught, as the background's clock gave it (RFC 3339).
    pub taught_at: String,
}

/// A label a post showed that no rule reads: what the badge offers to teach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreadLabel {
    pub text: String,
    pub lang: String,
}

/// The page language as a taught label keeps it.
pub fn label_lang(lang: &str) -> String {
    lang.trim().to_lowercase()
}

/// True when `text` in `lang` can be taught: a label of a sensible size that no built-in rule reads from Meta's own
/// wording (one only our guessed wording reads may be confirmed or corrected).
pub fn is_teachable(text: &str, lang: &str) -> bool {
    let normalized = normalize_text(text);
    !normalized.is_empty()
        && text.chars().count() <= MAX_LABEL_CHARS
        && lang.chars().count() <= MAX_LANG_CHARS
        && !lang.chars().any(char::is_control)
        && verified_audience_of_label(text).is_none()
}

/// A taught label as the options page lists it: what built-in rules make of its text, when anything.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaughtEntry {
    #[serde(flatten)]
    pub label: TaughtLabel,
    /// Set when a built-in rule reads the label: that rule is used, the taught meaning ignored.
    pub built_in: Option<Visibility>,
}

/// What storage holds under `taught`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum TaughtLoad {
    Missing,
    Current {
        labels: Vec<TaughtEntry>,
    },
    /// Unreadable; `raw` is exactly what storage held, so it can be shown or downloaded.
    Corrupt {
        reason: String,
        raw: Value,
    },
}

/// Reads what storage holds under `taught` (`Value::Null` when nothing).
pub fn load_taught(stored: &Value) -> TaughtLoad {
    match read_labels(stored) {
        Ok(None) => TaughtLoad::Missing,
        Ok(Some(labels)) => TaughtLoad::Current {
            labels: labels
                .into_iter()
                .map(|label| TaughtEntry {
                    built_in: verified_audience_of_label(&label.text),
                    label,
                })
                .collect(),
        },
        Err(reason) => TaughtLoad::Corrupt {
            reason,
            raw: stored.clone(),
        },
    }
}

/// The stored labels, None when nothing is stored, `Err` (why) when the value cannot be read.
fn read_labels(stored: &Value) -> Result<Option<Vec<TaughtLabel>>, String> {
    let object = match stored {
        Value::Null => return Ok(None),
        Value::Object(object) => object,
        _ => return Err("the taught labels are not an object with a format and a list".into()),
    };
    let format = match object.get("format").map(Value::as_u64) {
        None => return Err("the taught labels have no format".into()),
        Some(None) => return Err("the taught labels' format is not a whole number".into()),
        Some(Some(format)) => format,
    };
    if format > TAUGHT_FORMAT {
        return Err(format!(
            "the taught labels were saved by a newer version of Bezwaar (format {format}; this version reads up to \
             {TAUGHT_FORMAT}); update the extension to read them"
        ));
    }
    if format != TAUGHT_FORMAT {
        return Err(format!("taught labels format {format} does not exist"));
    }
    if let Some(extra) = object
        .keys()
        .find(|key| *key != "format" && *key != "labels")
    {
        return Err(format!(
            "the taught labels have an unexpected entry \"{extra}\""
        ));
    }
    let Some(labels) = object.get("labels") else {
        return Err("the taught labels have a format but no \"labels\" list".into());
    };
    let labels = Vec::<TaughtLabel>::deserialize(labels)
        .map_err(|error| format!("the taught labels cannot be read: {error}"))?;
    if labels.len() > MAX_TAUGHT_LABELS {
        return Err(format!(
            "there are {} taught labels, more than the {MAX_TAUGHT_LABELS} Bezwaar keeps",
            labels.len()
        ));
    }
    if let Some(odd) = labels
        .iter()
        .find(|l| normalize_text(&l.text).is_empty() || l.text.chars().count() > MAX_LABEL_CHARS)
    {
        return Err(format!(
            "the taught label \"{}\" is empty or too long",
            odd.text.chars().take(40).collect::<String>()
        ));
    }
    Ok(Some(labels))
}

pub fn store_taught(labels: &[TaughtLabel]) -> Value {
    serde_json::json!({ "format": TAUGHT_FORMAT, "labels": labels })
}

/// The labels storage holds, for a change: `Err` when it is unreadable (the caller sets it aside first).
fn readable(stored: &Value) -> Result<Vec<TaughtLabel>, String> {
    read_labels(stored).map(Option::unwrap_or_default)
}

fn same_label(label: &TaughtLabel, normalized: &str, lang: &str) -> bool {
    normalize_text(&label.text) == normalized && label.lang == lang
}

/// The stored labels with `text` in `lang` taught as `meaning` (replacing an earlier answer for the same label).
/// `Err` when storage is unreadable, the label is not teachable, or the list is full.
pub fn teach_label(
    stored: &Value,
    text: &str,
    lang: &str,
    meaning: TaughtMeaning,
    taught_at: &str,
) -> Result<Value, String> {
    let mut labels = readable(stored)?;
    let lang = label_lang(lang);
    if !is_teachable(text, &lang) {
        return Err(
            "this label cannot be taught: Bezwaar reads it already, or it is no label".into(),
        );
    }
    let normalized = normalize_text(text);
    let label = TaughtLabel {
        text: text.to_string(),
        normalized: normalized.clone(),
        lang: lang.clone(),
        meaning,
        taught_at: taught_at.to_string(),
    };
    let full = labels.len() >= MAX_TAUGHT_LABELS;
    match labels
        .iter_mut()
        .find(|l| same_label(l, &normalized, &lang))
    {
        Some(earlier) => *earlier = label,
        None if full => {
            return Err(format!(
                "Bezwaar keeps at most {MAX_TAUGHT_LABELS} taught labels: remove some in the settings first"
            ))
        }
        None => labels.push(label),
    }
    Ok(store_taught(&labels))
}

/// The stored labels without `text` in `lang`; `Err` when storage is unreadable.
pub fn forget_label(stored: &Value, text: &str, lang: &str) -> Result<Value, String> {
    let mut labels = readable(stored)?;
    let normalized = normalize_text(text);
    let lang = label_lang(lang);
    labels.retain(|l| !same_label(l, &normalized, &lang));
    Ok(store_taught(&labels))
}

/// The taught labels a tab reads posts with.
#[derive(Debug, Default)]
pub struct TaughtRules {
    meanings: HashMap<(String, String), TaughtMeaning>,
}

impl TaughtRules {
    /// The rules in what storage holds; none when it is missing or unreadable (unreadable is reported in options).
    pub fn from_stored(stored: &Value) -> Self {
        let labels = read_labels(stored).ok().flatten().unwrap_or_default();
        TaughtRules {
            meanings: labels
                .into_iter()
                .map(|l| ((normalize_text(&l.text), l.lang), l.meaning))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.meanings.is_empty()
    }

    /// What the user taught `label` means on a page in `lang`: only for the exact label (normalised) in the exact
    /// language, and never for a label the built-in rules read from Meta's own wording (a guess of ours yields).
    pub fn meaning(&self, label: &str, lang: &str) -> Option<Visibility> {
        if self.meanings.is_empty() || verified_audience_of_label(label).is_some() {
            return None;
        }
        self.meanings
            .get(&(normalize_text(label), label_lang(lang)))
            .map(|meaning| meaning.visibility())
    }
}

/// One block of the export, in the shape of a `rules/audience.json` language block.
#[derive(Serialize)]
struct ExportBlock<'a> {
    source: &'static str,
    verified: bool,
    public: Vec<&'a str>,
    limited: Vec<&'a str>,
}

/// The taught labels as a JSON snippet in the audience rules' shape, one block per language, to contribute:
/// `{"<lang>": [{"source", "verified": false, "public": [...], "limited": [...]}]}`. Labels the built-in rules read
/// from Meta's own wording are left out; those only our guesses read stay, as what a user saw confirms or corrects.
pub fn export_taught_json(labels: &[TaughtLabel]) -> String {
    let mut by_lang: BTreeMap<&str, ExportBlock> = BTreeMap::new();
    for label in labels
        .iter()
        .filter(|l| verified_audience_of_label(&l.text).is_none())
    {
        let lang = if label.lang.is_empty() {
            UNDETERMINED_LANGUAGE
        } else {
            label.lang.as_str()
        };
        let block = by_lang.entry(lang).or_insert_with(|| ExportBlock {
            source: EXPORT_SOURCE,
            verified: false,
            public: Vec::new(),
            limited: Vec::new(),
        });
        match label.meaning {
            TaughtMeaning::Public => block.public.push(&label.text),
            TaughtMeaning::Limited => block.limited.push(&label.text),
        }
    }
    let snippet: BTreeMap<&str, [ExportBlock; 1]> = by_lang
        .into_iter()
        .map(|(lang, block)| (lang, [block]))
        .collect();
    serde_json::to_string_pretty(&snippet).expect("strings and booleans always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const WELSH: &str = "Rhannwyd gyda: Pawb";
    const WHEN: &str = "2026-03-01T10:00:00.000Z";

    fn taught(text: &str, lang: &str, meaning: TaughtMeaning) -> Value {
        teach_label(&Value::Null, text, lang, meaning, WHEN).expect("teachable")
    }

    #[test]
    fn a_taught_label_is_stored_in_format_1_and_read_back() {
        let stored = taught(WELSH, "CY", TaughtMeaning::Public);
        assert_eq!(
            stored,
            json!({"format": 1, "labels": [{"text": WELSH, "normalized": "rhannwyd gyda pawb", "lang": "cy",
                "meaning": "public", "taughtAt": WHEN}]})
        );
        let TaughtLoad::Current { labels } = load_taught(&stored) else {
            panic!("readable")
        };
        assert_eq!(labels.len(), 1);
        assert_eq!(labels[0].label.meaning, TaughtMeaning::Public);
        assert_eq!(labels[0].built_in, None);
        assert_eq!(load_taught(&Value::Null), TaughtLoad::Missing);
    }

    #[test]
    fn teaching_the_same_label_again_replaces_the_answer() {
        let stored = taught(WELSH, "cy", TaughtMeaning::Public);
        let stored = teach_label(
            &stored,
            "rhannwyd  gyda pawb.",
            "cy",
            TaughtMeaning::Limited,
            WHEN,
        )
        .unwrap();
        let rules = TaughtRules::from_stored(&stored);
        assert_eq!(rules.meaning(WELSH, "cy"), Some(Visibility::Limited));
        assert_eq!(stored["labels"].as_array().map(Vec::len), Some(1));
        let stored = teach_label(&stored, WELSH, "br", TaughtMeaning::Public, WHEN).unwrap();
        assert_eq!(
            stored["labels"].as_array().map(Vec::len),
            Some(2),
            "another language is another label"
        );
        let stored = forget_label(&stored, WELSH, "cy").unwrap();
        let rules = TaughtRules::from_stored(&stored);
        assert_eq!(rules.meaning(WELSH, "cy"), None);
        assert_eq!(rules.meaning(WELSH, "br"), Some(Visibility::Public));
    }

    #[test]
    fn lookup_needs_the_same_normalised_text_and_the_same_language() {
        let rules = TaughtRules::from_stored(&taught(WELSH, "cy", TaughtMeaning::Public));
        assert_eq!(rules.meaning(WELSH, "cy"), Some(Visibility::Public));
        assert_eq!(
            rules.meaning("\u{200F}RHANNWYD GYDA\u{00A0}PAWB.", " cy "),
            Some(Visibility::Public),
            "spacing, case, marks and the language tag's case do not matter"
        );
        assert_eq!(rules.meaning(WELSH, ""), None);
        assert_eq!(rules.meaning(WELSH, "cy-gb"), None);
        assert_eq!(rules.meaning("Rhannwyd gyda: Pawb arall", "cy"), None);
        let no_lang = TaughtRules::from_stored(&taught("Ùrlar", "", TaughtMeaning::Limited));
        assert_eq!(no_lang.meaning("Ùrlar", ""), Some(Visibility::Limited));
    }

    #[test]
    fn the_built_in_rules_win_over_a_taught_label() {
        assert!(teach_label(
            &Value::Null,
            "Shared with Friends",
            "en",
            TaughtMeaning::Public,
            WHEN
        )
        .is_err());
        // Written by hand, or taught before the rules learned the label.
        let stored = json!({"format": 1, "labels": [{"text": "Shared with Friends", "normalized": "shared with friends",
            "lang": "en", "meaning": "public", "taughtAt": WHEN}]});
        assert_eq!(
            TaughtRules::from_stored(&stored).meaning("Shared with Friends", "en"),
            None
        );
        let TaughtLoad::Current { labels } = load_taught(&stored) else {
            panic!("readable")
        };
        assert_eq!(labels[0].built_in, Some(Visibility::Limited));
        assert_eq!(export_taught_json(&[labels[0].label.clone()]), "{}");
    }

    #[test]
    fn a_label_only_our_guessed_wording_reads_can_be_taught_and_the_answer_wins() {
        // Greek: the pack's words are our translation; a user who sees the label knows better.
        let greek = "Κοινοποιήθηκε με: Δημόσιο";
        assert!(is_teachable(greek, "el"));
        let stored = teach_label(&Value::Null, greek, "el", TaughtMeaning::Limited, WHEN)
            .expect("a guessed label is teachable");
        assert_eq!(
            TaughtRules::from_stored(&stored).meaning(greek, "el"),
            Some(Visibility::Limited)
        );
        let TaughtLoad::Current { labels } = load_taught(&stored) else {
            panic!("readable")
        };
        assert_eq!(labels[0].built_in, None);
        assert!(export_taught_json(&[labels[0].label.clone()]).contains("Κοινοποιήθηκε"));
    }

    #[test]
    fn corrupt_values_are_reported_with_their_raw_content_and_never_changed() {
        for stored in [
            json!("labels"),
            json!([]),
            json!({"labels": []}),
            json!({"format": "1", "labels": []}),
            json!({"format": 2, "labels": []}),
            json!({"format": 0, "labels": []}),
            json!({"format": 1}),
            json!({"format": 1, "labels": [], "extra": true}),
            json!({"format": 1, "labels": [{"text": "x"}]}),
            json!({"format": 1, "labels": [{"text": "x", "normalized": "x", "lang": "cy", "meaning": "maybe",
                "taughtAt": WHEN}]}),
            json!({"format": 1, "labels": [{"text": " ", "normalized": "", "lang": "cy", "meaning": "public",
                "taughtAt": WHEN}]}),
        ] {
            let TaughtLoad::Corrupt { reason, raw } = load_taught(&stored) else {
                panic!("{stored} must be corrupt")
            };
            assert!(!reason.is_empty());
            assert_eq!(raw, stored);
            assert!(TaughtRules::from_stored(&stored).is_empty());
            assert!(teach_label(&stored, WELSH, "cy", TaughtMeaning::Public, WHEN).is_err());
            assert!(forget_label(&stored, WELSH, "cy").is_err());
        }
        let TaughtLoad::Corrupt { reason, .. } = load_taught(&json!({"format": 2, "labels": []}))
        else {
            unreachable!()
        };
        assert!(reason.contains("newer version"));
    }

    #[test]
    fn the_list_and_each_label_have_a_size_limit() {
        let long = "ab ".repeat(MAX_LABEL_CHARS);
        assert!(teach_label(&Value::Null, &long, "cy", TaughtMeaning::Public, WHEN).is_err());
        assert!(teach_label(&Value::Null, " ", "cy", TaughtMeaning::Public, WHEN).is_err());
        assert!(teach_label(
            &Value::Null,
            WELSH,
            &"x".repeat(36),
            TaughtMeaning::Public,
            WHEN
        )
        .is_err());
        let full: Vec<TaughtLabel> = (0..MAX_TAUGHT_LABELS)
            .map(|i| TaughtLabel {
                text: format!("label {i}"),
                normalized: format!("label {i}"),
                lang: "cy".into(),
                meaning: TaughtMeaning::Limited,
                taught_at: WHEN.into(),
            })
            .collect();
        let stored = store_taught(&full);
        assert!(matches!(load_taught(&stored), TaughtLoad::Current { .. }));
        assert!(teach_label(&stored, WELSH, "cy", TaughtMeaning::Public, WHEN).is_err());
        assert!(
            teach_label(&stored, "label 3", "cy", TaughtMeaning::Public, WHEN).is_ok(),
            "a new answer fits"
        );
        let mut over = full.clone();
        over.push(full[0].clone());
        assert!(matches!(
            load_taught(&store_taught(&over)),
            TaughtLoad::Corrupt { .. }
        ));
    }

    #[test]
    fn the_export_is_in_the_audience_rules_shape_grouped_by_language() {
        let stored = taught(WELSH, "cy", TaughtMeaning::Public);
        let stored = teach_label(
            &stored,
            "Rhannwyd gyda: Ffrindiau",
            "cy",
            TaughtMeaning::Limited,
            WHEN,
        )
        .unwrap();
        let stored = teach_label(&stored, "Ùrlar", "", TaughtMeaning::Public, WHEN).unwrap();
        let labels: Vec<TaughtLabel> = serde_json::from_value(stored["labels"].clone()).unwrap();
        let export: Value = serde_json::from_str(&export_taught_json(&labels)).unwrap();
        assert_eq!(
            export,
            json!({
                "cy": [{"source": EXPORT_SOURCE, "verified": false, "public": [WELSH],
                    "limited": ["Rhannwyd gyda: Ffrindiau"]}],
                "und": [{"source": EXPORT_SOURCE, "verified": false, "public": ["Ùrlar"], "limited": []}],
            })
        );
        assert_eq!(export_taught_json(&[]), "{}");
    }
}
