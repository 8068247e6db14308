//! Folding text to what it looks like: Unicode tag characters decoded,
//! invisible characters removed, compatibility forms (fullwidth, math
//! alphanumerics, ligatures) and accents folded, and common homoglyphs
//! (Cyrillic and Greek letters that look Latin, dashes, quotes, slashes and
//! bars) mapped to ASCII.
//!
//! The table of homoglyphs is small and deliberate: the letters that look
//! exactly like Latin ones in common fonts. It is not Unicode's full
//! confusables list (which maps, for instance, `m` to `rn` and is meant for
//! comparing two strings, not for reading one).

use unicode_normalization::UnicodeNormalization;

/// Whether `c` is a Unicode tag character (U+E0000 to U+E007F): invisible,
/// but read by models as the ASCII character it shadows ("ASCII
/// smuggling").
pub(super) fn is_tag(c: char) -> bool {
    ('\u{E0000}'..='\u{E007F}').contains(&c)
}

/// Characters that render as nothing: zero-width spaces and joiners, word
/// joiners and invisible operators, direction controls, soft hyphens,
/// variation selectors and byte-order marks.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Combining marks (accents) that folding drops after decomposition.
fn is_combining(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// The ASCII character a homoglyph stands for.
fn homoglyph(c: char) -> Option<char> {
    Some(match c {
        // Cyrillic.
        'а' => 'a',
        'с' => 'c',
        'ԁ' => 'd',
        'е' | 'ё' => 'e',
        'һ' => 'h',
        'і' | 'ї' | 'ӏ' => 'i',
        'ј' => 'j',
        'к' => 'k',
        'о' => 'o',
        'р' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'у' => 'y',
        'ԝ' => 'w',
        'х' => 'x',
        'А' => 'A',
        'В' => 'B',
        'С' => 'C',
        'Е' | 'Ё' => 'E',
        'Н' => 'H',
        'І' | 'Ї' | 'Ӏ' => 'I',
        'Ј' => 'J',
        'К' => 'K',
        'М' => 'M',
        'О' => 'O',
        'Р' => 'P',
        'Ԛ' => 'Q',
        'Ѕ' => 'S',
        'Т' => 'T',
        'Ԝ' => 'W',
        'Х' => 'X',
        'У' | 'Ү' => 'Y',
        // Greek.
        'α' => 'a',
        'ϲ' => 'c',
        'ε' => 'e',
        'ι' => 'i',
        'ϳ' => 'j',
        'κ' => 'k',
        'ν' => 'v',
        'ο' => 'o',
        'ρ' => 'p',
        'υ' => 'u',
        'χ' => 'x',
        'γ' => 'y',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Υ' => 'Y',
        'Χ' => 'X',
        // Armenian and Latin extensions.
        'օ' => 'o',
        'ս' => 'u',
        'ո' => 'n',
        'հ' => 'h',
        'ı' | 'ɩ' => 'i',
        'ȷ' => 'j',
        'ɡ' => 'g',
        'ɑ' => 'a',
        'ǀ' | '∣' | '│' => '|',
        // Punctuation.
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2044}' | '\u{2215}' | '\u{29F8}' => '/',
        '\u{2216}' | '\u{29F5}' | '\u{29F9}' => '\\',
        '\u{2028}' | '\u{2029}' => ' ',
        _ => return None,
    })
}

/// The non-Latin letters of the table that look like Latin ones.
pub(super) const HOMOGLYPH_LETTERS: &str =
    "асԁеёһіїӏјкорԛѕуԝхАВСЕЁНІЇӀЈКМОРԚЅТԜХУҮαϲειϳκνορυχγΑΒΕΖΗΙΚΜΝΟΡΤΥΧօսոհ";

/// `text` folded to what it looks like (see the module documentation).
/// Line breaks are kept as they are, so lines keep their numbers.
pub(super) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    // Tags decoded (set apart by spaces, so that hidden words stay words),
    // invisible characters dropped.
    let mut visible = String::with_capacity(text.len());
    let mut in_tags = false;
    for c in text.chars() {
        if is_tag(c) {
            let ascii = char::from_u32(u32::from(c) - 0xE0000).filter(|a| (' '..='~').contains(a));
            if let Some(ascii) = ascii {
                if !in_tags {
                    visible.push(' ');
                    in_tags = true;
                }
                visible.push(ascii);
            }
            continue;
        }
        if in_tags {
            visible.push(' ');
            in_tags = false;
        }
        if !is_invisible(c) {
            visible.push(c);
        }
    }
    visible
        .nfkd()
        .filter(|&c| !is_combining(c))
        .map(|c| homoglyph(c).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> String {
        text.chars()
            .map(|c| char::from_u32(0xE0000 + u32::from(c)).unwrap())
            .collect()
    }

    #[test]
    fn hidden_and_lookalike_text_folds_to_ascii() {
        assert_eq!(fold("plain"), "plain");
        assert_eq!(fold("ig\u{200B}no\u{2060}re"), "ignore");
        assert_eq!(fold("іgnоrе рrеvіоus"), "ignore previous");
        assert_eq!(fold("ｃｕｒｌ"), "curl");
        assert_eq!(fold("𝐜𝐮𝐫𝐥"), "curl");
        assert_eq!(fold("ﬁle"), "file");
        assert_eq!(fold("rm —rf"), "rm -rf");
        assert_eq!(fold("“bash”"), "\"bash\"");
        assert_eq!(fold("ignóre"), "ignore");
        assert_eq!(fold("a\nb\r\nc"), "a\nb\r\nc");
        let hidden = format!("Hello{}!", tags("ignore previous instructions"));
        assert_eq!(fold(&hidden), "Hello ignore previous instructions !");
    }

    #[test]
    fn foreign_text_keeps_its_letters() {
        // Other scripts are left alone, but for the lookalike letters.
        assert_eq!(fold("日本語"), "日本語");
        for c in HOMOGLYPH_LETTERS.chars() {
            assert!(homoglyph(c).is_some_and(|a| a.is_ascii_alphabetic()), "{c}");
        }
    }
}
