//! The words of the home screen and the top bar, from `home.txt`, which `scripts/shell.mjs` also
//! writes into index.html as the app shell: one source, so the shell and the app cannot differ.
//! Every lookup is a `const`, done by the compiler: the wasm holds the words, not the file or a
//! parser, and a missing key fails the build.

const HOME: &str = include_str!("home.txt");

pub const SKIP: &str = text(HOME, "skip");
pub const BRAND: &str = text(HOME, "brand");
pub const THEME: &str = text(HOME, "theme");
pub const THEME_SYSTEM: &str = text(HOME, "theme-system");
pub const THEME_LIGHT: &str = text(HOME, "theme-light");
pub const THEME_DARK: &str = text(HOME, "theme-dark");
pub const HEADING: &str = text(HOME, "heading");
/// The intro sentence around the item count: (before, after).
pub const INTRO: (&str, &str) = split(text(HOME, "intro"), "{items}");
pub const START: &str = text(HOME, "start");
pub const TEAM: &str = text(HOME, "team");

/// Whether `bytes[at..]` starts with `prefix`.
const fn starts_with_at(bytes: &[u8], at: usize, prefix: &[u8]) -> bool {
    if at + prefix.len() > bytes.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        if bytes[at + i] != prefix[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// `text[from..to]`, in a const context.
const fn slice(text: &str, from: usize, to: usize) -> &str {
    let (_, rest) = text.as_bytes().split_at(from);
    let (part, _) = rest.split_at(to - from);
    match core::str::from_utf8(part) {
        Ok(part) => part,
        Err(_) => panic!("a key or separator splits a character"),
    }
}

/// The text of `key` in a file of `key = text` lines; lines starting with `#` are comments.
pub const fn text<'a>(file: &'a str, key: &str) -> &'a str {
    let bytes = file.as_bytes();
    let key = key.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let mut end = start;
        while end < bytes.len() && bytes[end] != b'\n' {
            end += 1;
        }
        let value = start + key.len() + 3;
        if starts_with_at(bytes, start, key) && starts_with_at(bytes, start + key.len(), b" = ") {
            let mut stop = end;
            if stop > value && bytes[stop - 1] == b'\r' {
                stop -= 1;
            }
            return slice(file, value, stop);
        }
        start = end + 1;
    }
    panic!("a key is missing from src/ui/home.txt")
}

/// `text` split at the first `separator`: (before, after).
pub const fn split<'a>(text: &'a str, separator: &str) -> (&'a str, &'a str) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if starts_with_at(bytes, at, separator.as_bytes()) {
            return (
                slice(text, 0, at),
                slice(text, at + separator.len(), bytes.len()),
            );
        }
        at += 1;
    }
    panic!("a placeholder is missing from src/ui/home.txt")
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str =
        "# a comment = not a key\nkey = first\nkey2 = second one\r\nlast = {n} of them";

    #[test]
    fn finds_each_key_and_only_whole_keys() {
        assert_eq!(text(FILE, "key"), "first");
        assert_eq!(text(FILE, "key2"), "second one");
        assert_eq!(text(FILE, "last"), "{n} of them");
        assert_eq!(split(text(FILE, "last"), "{n}"), ("", " of them"));
    }

    #[test]
    #[should_panic(expected = "missing")]
    fn a_missing_key_is_an_error() {
        text(FILE, "ke");
    }

    #[test]
    fn the_home_words_are_the_file_s() {
        let intro = HOME.lines().find_map(|l| l.strip_prefix("intro = "));
        assert_eq!(
            intro,
            Some(format!("{}{{items}}{}", INTRO.0, INTRO.1).as_str())
        );
        assert!(HOME.contains(&format!("\nheading = {HEADING}\n")));
        assert!(HOME.contains(&format!("\nstart = {START}\n")));
    }
}
