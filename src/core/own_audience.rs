//! Which of the audience labels a post shows are its own. A post that re-shares another carries the other post's
//! header (and label) too, and a unit that only wraps one story ("<Name> likes this") has no label of its own. The
//! first label in the post's own header, with no story of its own between it and the post's author line, is the
//! post's: an unread one makes the post unknown, whatever follows it (a friends-only share of a public post shows
//! the share's label first). Known labels after it count only when no story lies between them and it, and must
//! agree. The DOM layer answers where each label sits; this decides what follows from that.
use crate::core::taught::UnreadLabel;
use crate::core::visibility::{combined_visibility, Visibility};

/// What an audience indicator in a post says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// Its words or its drawing name an audience (Unknown when the two disagree).
    Known(Visibility),
    /// Its words name an audience only in wording we guessed (no public source shows Meta's); the label is kept so
    /// that the badge can quote it and the user can confirm or correct it.
    Guessed(Visibility, UnreadLabel),
    /// An audience icon whose label no rule knows, built in or taught.
    Unread(UnreadLabel),
}

/// Where the labels a post shows (in document order) sit in it, asked only as far as the decision needs.
pub trait PostLabels {
    fn count(&self) -> usize;
    fn said(&self, label: usize) -> &Said;
    /// The label is in the post's header (after its author line, not in or after its own message), and no story
    /// of its own (another author line) lies between it and the post's author line.
    fn in_own_header(&self, label: usize) -> bool;
    /// The post has no text of its own beside the story that holds its first label, and that story has a single
    /// author line: the post only wraps that story.
    fn wraps_one_story(&self) -> bool;
    /// No story of its own (an author line, story text, another link) lies between label `other` and label `own`.
    fn same_story(&self, own: usize, other: usize) -> bool;
    /// The unit shows what every post shows: an author line that links to its author, or a link to an address of
    /// its own (its time). A card of suggestions shows neither (a plain heading, "Suggested groups", and links to
    /// groups), and a "Public group" on it is a group's, not a post's audience.
    fn shows_whose_post(&self) -> bool;
}

/// What the post's own audience label says; None when it shows none of its own.
pub fn own_audience(labels: &impl PostLabels) -> Option<Said> {
    let count = labels.count();
    let first = match (0..count).find(|&label| labels.in_own_header(label)) {
        Some(first) => first,
        None if count > 0 && labels.wraps_one_story() => 0,
        None => return None,
    };
    let (meaning, guess) = match labels.said(first) {
        Said::Known(meaning) => (*meaning, None),
        Said::Guessed(meaning, label) => (*meaning, Some(label)),
        unread @ Said::Unread(_) => return Some(unread.clone()),
    };
    let mut meanings = vec![meaning];
    // A label of Meta's own wording in the same story settles what a guessed one said (or contradicts it).
    let mut settled = guess.is_none();
    for other in first + 1..count {
        let (other_meaning, is_settled) = match labels.said(other) {
            Said::Known(other_meaning) => (*other_meaning, true),
            Said::Guessed(other_meaning, _) => (*other_meaning, false),
            Said::Unread(_) => continue,
        };
        if labels.same_story(first, other) {
            meanings.push(other_meaning);
            settled |= is_settled;
        }
    }
    let combined = combined_visibility(meanings);
    // "Public" is said only of what shows itself to be a post; anything else stays unknown, never wrongly public.
    if combined == Visibility::Public && !labels.shows_whose_post() {
        return Some(Said::Known(Visibility::Unknown));
    }
    Some(match guess {
        Some(label) if !settled && combined != Visibility::Unknown => {
            Said::Guessed(combined, label.clone())
        }
        _ => Said::Known(combined),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A post's labels as a test describes them: what each says, whether it is in the own header, and which story
    /// (a number) each belongs to.
    struct Labels {
        said: Vec<Said>,
        own_header: Vec<bool>,
        story: Vec<u8>,
        wraps_one_story: bool,
        shows_whose_post: bool,
    }

    impl PostLabels for Labels {
        fn count(&self) -> usize {
            self.said.len()
        }
        fn said(&self, label: usize) -> &Said {
            &self.said[label]
        }
        fn in_own_header(&self, label: usize) -> bool {
            self.own_header[label]
        }
        fn wraps_one_story(&self) -> bool {
            self.wraps_one_story
        }
        fn same_story(&self, own: usize, other: usize) -> bool {
            self.story[own] == self.story[other]
        }
        fn shows_whose_post(&self) -> bool {
            self.shows_whose_post
        }
    }

    fn unread() -> Said {
        Said::Unread(UnreadLabel {
            text: "Alleen vrienden van vrienden".into(),
            lang: "nl".into(),
        })
    }

    fn labels(said: Vec<Said>, own_header: Vec<bool>, story: Vec<u8>) -> Labels {
        Labels {
            said,
            own_header,
            story,
            wraps_one_story: false,
            shows_whose_post: true,
        }
    }

    #[test]
    fn public_is_said_only_of_a_unit_that_shows_whose_post_it_is() {
        let mut card = labels(vec![Said::Known(Visibility::Public)], vec![true], vec![0]);
        assert_eq!(own_audience(&card), Some(Said::Known(Visibility::Public)));
        card.shows_whose_post = false;
        assert_eq!(own_audience(&card), Some(Said::Known(Visibility::Unknown)));
        // A guessed "public" on such a card is no better.
        card.said = vec![Said::Guessed(
            Visibility::Public,
            UnreadLabel {
                text: "Offentlig gruppe".into(),
                lang: "da".into(),
            },
        )];
        assert_eq!(own_audience(&card), Some(Said::Known(Visibility::Unknown)));
        // What is not public is said as read: it cannot mislead into an objection-worthy "public".
        card.said = vec![Said::Known(Visibility::Limited)];
        assert_eq!(own_audience(&card), Some(Said::Known(Visibility::Limited)));
    }

    #[test]
    fn a_reshared_storys_label_is_not_the_shares() {
        // A friends-only share of a public post: the share's label comes first and decides.
        let share = labels(
            vec![
                Said::Known(Visibility::Limited),
                Said::Known(Visibility::Public),
            ],
            vec![true, false],
            vec![0, 1],
        );
        assert_eq!(own_audience(&share), Some(Said::Known(Visibility::Limited)));
        // The re-shared story's label is skipped even when it comes first in the markup.
        let nested_first = labels(
            vec![
                Said::Known(Visibility::Public),
                Said::Known(Visibility::Limited),
            ],
            vec![false, true],
            vec![1, 0],
        );
        assert_eq!(
            own_audience(&nested_first),
            Some(Said::Known(Visibility::Limited))
        );
    }

    #[test]
    fn an_unread_own_label_decides_alone() {
        let post = labels(
            vec![unread(), Said::Known(Visibility::Public)],
            vec![true, true],
            vec![0, 0],
        );
        assert_eq!(own_audience(&post), Some(unread()));
    }

    #[test]
    fn known_labels_of_the_same_story_must_agree() {
        let agree = labels(
            vec![
                Said::Known(Visibility::Public),
                Said::Known(Visibility::Public),
            ],
            vec![true, true],
            vec![0, 0],
        );
        assert_eq!(own_audience(&agree), Some(Said::Known(Visibility::Public)));
        let disagree = labels(
            vec![
                Said::Known(Visibility::Public),
                Said::Known(Visibility::Limited),
            ],
            vec![true, true],
            vec![0, 0],
        );
        assert_eq!(
            own_audience(&disagree),
            Some(Said::Known(Visibility::Unknown))
        );
    }

    #[test]
    fn a_unit_that_only_wraps_one_story_takes_its_label() {
        let mut wrapper = labels(vec![Said::Known(Visibility::Public)], vec![false], vec![1]);
        assert_eq!(own_audience(&wrapper), None);
        wrapper.wraps_one_story = true;
        assert_eq!(
            own_audience(&wrapper),
            Some(Said::Known(Visibility::Public))
        );
        let no_labels = Labels {
            wraps_one_story: true,
            ..labels(vec![], vec![], vec![])
        };
        assert_eq!(own_audience(&no_labels), None);
    }

    #[test]
    fn a_guess_stays_a_guess_until_metas_own_wording_settles_it() {
        let guessed = |meaning| {
            Said::Guessed(
                meaning,
                UnreadLabel {
                    text: "Κοινοποιήθηκε με: Δημόσιο".into(),
                    lang: "el".into(),
                },
            )
        };
        let alone = labels(vec![guessed(Visibility::Public)], vec![true], vec![0]);
        assert_eq!(own_audience(&alone), Some(guessed(Visibility::Public)));
        // The drawing or a known label beside it, in the same story, settles it; one that disagrees makes it unknown.
        let settled = labels(
            vec![guessed(Visibility::Public), Said::Known(Visibility::Public)],
            vec![true, true],
            vec![0, 0],
        );
        assert_eq!(
            own_audience(&settled),
            Some(Said::Known(Visibility::Public))
        );
        let contradicted = labels(
            vec![
                guessed(Visibility::Public),
                Said::Known(Visibility::Limited),
            ],
            vec![true, true],
            vec![0, 0],
        );
        assert_eq!(
            own_audience(&contradicted),
            Some(Said::Known(Visibility::Unknown))
        );
        // A re-shared story's known label settles nothing about the share's own.
        let share = labels(
            vec![
                guessed(Visibility::Limited),
                Said::Known(Visibility::Public),
            ],
            vec![true, false],
            vec![0, 1],
        );
        assert_eq!(own_audience(&share), Some(guessed(Visibility::Limited)));
    }
}
