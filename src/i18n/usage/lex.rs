//! A small Rust lexer for the key usage test: enough to tell string literals from comments,
//! char literals and lifetimes, and to leave out `#[cfg(test)]` items.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Str(String),
    Ident(String),
    Punct(char),
}

/// A token and the line it starts on.
#[derive(Debug, Clone)]
pub(super) struct Token(pub Tok, pub usize);

/// Splits Rust source into identifiers, punctuation and string literals (their text as
/// written, escapes untouched), dropping comments, char literals and numbers' meaning.
pub(super) fn lex(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Reads a string's body from `i` to its closing quote and `hashes` hashes.
    let string = |mut i: usize, hashes: usize, line: &mut usize| -> (String, usize) {
        let mut text = String::new();
        while i < c.len() {
            let closes = c[i] == '"' && (1..=hashes).all(|h| at(i + h) == '#');
            if closes {
                return (text, i + 1 + hashes);
            }
            if c[i] == '\\' && hashes == 0 {
                text.push(c[i]);
                i += 1;
            }
            if at(i) == '\n' {
                *line += 1;
            }
            text.push(at(i));
            i += 1;
        }
        (text, i)
    };
    while i < c.len() {
        let ch = c[i];
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                match (c[i], at(i + 1)) {
                    ('/', '*') => (depth, i) = (depth + 1, i + 2),
                    ('*', '/') => (depth, i) = (depth - 1, i + 2),
                    ('\n', _) => (line, i) = (line + 1, i + 1),
                    _ => i += 1,
                }
                if depth == 0 {
                    break;
                }
            }
        } else if ch == '"' {
            let start = line;
            let (text, next) = string(i + 1, 0, &mut line);
            out.push(Token(Tok::Str(text), start));
            i = next;
        } else if ch == '\'' {
            // A char literal ('a', '\n', '\u{1F4A9}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 3;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                out.push(Token(Tok::Punct('\''), line));
                i += 1;
            }
        } else if ch.is_alphanumeric() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            let hashes = (i..).take_while(|&j| at(j) == '#').count();
            if matches!(word.as_str(), "r" | "br") && at(i + hashes) == '"' {
                let start = line;
                let (text, next) = string(i + hashes + 1, hashes, &mut line);
                out.push(Token(Tok::Str(text), start));
                i = next;
            } else if word == "b" && at(i) == '"' {
                let start = line;
                let (text, next) = string(i + 1, 0, &mut line);
                out.push(Token(Tok::Str(text), start));
                i = next;
            } else {
                out.push(Token(Tok::Ident(word), line));
            }
        } else {
            out.push(Token(Tok::Punct(ch), line));
            i += 1;
        }
    }
    out
}

/// Drops each item under `#[cfg(test)]`: up to its `;`, or through its braced body.
pub(super) fn without_tests(tokens: Vec<Token>) -> Vec<Token> {
    let cfg_test = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let here = tokens[i..].iter().map(|t| &t.0);
        if !here.take(cfg_test.len()).eq(cfg_test.iter()) {
            out.push(tokens[i].clone());
            i += 1;
            continue;
        }
        i += cfg_test.len();
        let mut depth = 0;
        while i < tokens.len() {
            let tok = &tokens[i].0;
            i += 1;
            match tok {
                Tok::Punct('{') => depth += 1,
                Tok::Punct('}') if depth == 1 => break,
                Tok::Punct('}') => depth -= 1,
                Tok::Punct(';') if depth == 0 => break,
                _ => {}
            }
        }
    }
    out
}
