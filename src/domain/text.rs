//! Free text as people type it (comments, causes, notes): trimmed, not blank, limited in
//! characters (not bytes: Cyrillic and emoji count as one each). One rule for every flow.

/// Free text of at most `max` characters, trimmed; the error is its length.
pub fn check_text(input: &str, max: usize) -> Result<String, usize> {
    let text = input.trim();
    let length = text.chars().count();
    if length > max || length == 0 {
        return Err(length);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_trimmed_and_limited_in_characters() {
        assert_eq!(check_text("  fine  ", 10), Ok("fine".into()));
        assert_eq!(check_text(&"я".repeat(10), 10), Ok("я".repeat(10)));
        assert_eq!(check_text(&"я".repeat(11), 10), Err(11));
        assert_eq!(check_text("   ", 10), Err(0));
    }
}
