//! What teamshape accepts, in one place: the reader refuses anything beyond these limits, and the
//! places people type enforce the same ones, so nothing the app lets you enter is refused later.
//! Ids the app makes (`uuid_v4`, `derived_id`) always pass `check_id`.

/// Longest comment or name the reader accepts, in characters (Unicode scalar values).
pub const MAX_TEXT_CHARS: usize = 10_000;
/// Where people type, text is limited to this many UTF-16 code units: what `maxlength` counts.
/// A character is one or two units, so text within it is always within `MAX_TEXT_CHARS`.
pub const MAX_TEXT_UNITS: usize = MAX_TEXT_CHARS;
/// Names (of a team check, of a respondent) as typed; well within `MAX_TEXT_CHARS`.
pub const MAX_NAME_UNITS: usize = 200;
/// Ids are 1 to this many ASCII letters, digits, `-`, `_` or `.`.
pub const MAX_ID_CHARS: usize = 100;

/// Whether `id` is one the app can put in a link and a storage key: 1 to 100 ASCII letters,
/// digits, `-`, `_` or `.`. Anything else (spaces, `/`, `#`, `%`, non-ASCII) is refused when read.
pub fn is_valid_id(id: &str) -> bool {
    (1..=MAX_ID_CHARS).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The reader's check of an id; `what` is "response" or "team check".
pub fn check_id(what: &str, id: &str) -> Result<(), String> {
    if is_valid_id(id) {
        Ok(())
    } else {
        // Debug formatting escapes control characters, so the message shows what is there.
        Err(format!(
            "the {what} id {id:?} is not 1 to {MAX_ID_CHARS} ASCII letters, digits, \"-\", \"_\" \
             or \".\""
        ))
    }
}

/// Cuts text to at most `max_units` UTF-16 code units, never inside a character.
pub fn clip(text: &str, max_units: usize) -> &str {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max_units {
            return &text[..at];
        }
    }
    text
}

/// Length in UTF-16 code units: what the browser's `maxlength` and storage quota count.
pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// A version 4 UUID from 16 random bytes, in its usual lower-case text form.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut text = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{b:02x}"));
    }
    text
}

/// The id under which a second, different respondent with id `base` is kept: `base.2`, `base.3`…
/// The base is shortened when needed so the result is still a valid id.
pub fn derived_id(base: &str, n: usize) -> String {
    let suffix = format!(".{n}");
    let keep = MAX_ID_CHARS.saturating_sub(suffix.len());
    let base: String = base.chars().take(keep).collect();
    format!("{base}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ids_are_ascii_words_up_to_100() {
        for good in ["a", "r1", "check-demo", "A_b.C-9", &"x".repeat(100)] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            " ",
            "a b",
            "a/b",
            "a#b",
            "a%20b",
            "é",
            "a\nb",
            "?",
            &"x".repeat(101),
        ] {
            assert!(!is_valid_id(bad), "{bad:?}");
            let message = check_id("response", bad).unwrap_err();
            assert!(message.contains("response id"), "{message}");
        }
    }

    #[test]
    fn clipping_counts_utf16_units_and_keeps_whole_characters() {
        assert_eq!(clip("abc", 2), "ab");
        assert_eq!(clip("a😀b", 2), "a");
        assert_eq!(clip("a😀b", 3), "a😀");
        assert_eq!(utf16_len("a😀b"), 4);
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn a_uuid_has_the_version_and_variant_bits() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    proptest! {
        #[test]
        fn every_generated_id_is_valid(bytes in any::<[u8; 16]>(), n in 2usize..100_000) {
            let id = uuid_v4(bytes);
            prop_assert!(is_valid_id(&id));
            prop_assert_eq!(id.len(), 36);
            prop_assert!(is_valid_id(&derived_id(&id, n)));
            prop_assert!(is_valid_id(&derived_id(&"y".repeat(MAX_ID_CHARS), n)));
        }

        #[test]
        fn typed_text_within_the_ui_limit_is_within_the_reader_limit(text in "\\PC{0,300}") {
            let clipped = clip(&text, 50);
            prop_assert!(utf16_len(clipped) <= 50);
            prop_assert!(clipped.chars().count() <= 50);
            prop_assert!(text.starts_with(clipped));
        }
    }

    #[test]
    fn ui_limits_are_within_the_reader_limit() {
        // A character is at least one UTF-16 unit, so a unit limit is also a character limit.
        const { assert!(MAX_TEXT_UNITS <= MAX_TEXT_CHARS && MAX_NAME_UNITS <= MAX_TEXT_CHARS) };
    }
}
