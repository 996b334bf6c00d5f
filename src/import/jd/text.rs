//! A job description's text as clean lines: odd spaces and HTML fragments (from cells
//! that hold them) tidied, one table cell or list item a line, page furniture (a running
//! footer) left out; and the sentence-level rules the reader uses (bullets, numbered
//! items, sentences, conditions, two requirements run together). Kept apart from `read`
//! so that each stays small.

/// Normalises one line: no-break and odd spaces become spaces, runs collapse, HTML tags
/// (from cells that hold HTML fragments) are dropped, and list items become bullets.
pub(super) fn clean(line: &str) -> Vec<String> {
    // A tab separates table cells (label and value): each cell is a line of its own. So
    // does a `|` in a pipe table's row (Markdown, or a table pasted as text).
    let line = pipe_row(line).unwrap_or_else(|| line.to_string());
    let mut s = line
        .replace(['\u{a0}', '\u{2007}', '\u{202f}'], " ")
        .replace('\t', "\n");
    if s.contains('<') {
        let lower = s.to_ascii_lowercase();
        if lower.contains("<li") || lower.contains("<br") || lower.contains("<p") {
            s = html_lines(&s);
        }
    }
    s = super::extract::unescape(&s);
    // Bullets run together on one line (` • a • b`) are one item each.
    for b in ['•', '●', '·', '▪'] {
        s = s.replace(&format!(" {b} "), &format!("\n{b} "));
    }
    s.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .map(|l| {
            // A Markdown or text table's rule (`--  ---`) holds nothing.
            if !l.is_empty()
                && l.chars()
                    .all(|c| c == '-' || c == ' ' || c == '|' || c == '=')
            {
                String::new()
            } else {
                l
            }
        })
        .collect()
}

/// A pipe table's row (`| a | E | | Interview |`, or without the outer pipes but with at
/// least two) with its cells separated by tabs, as a word processor's text export
/// separates them; `\|` stays a character of its cell. `None` for any other line.
fn pipe_row(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let mut cells = vec![String::new()];
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                cells.last_mut()?.push('|');
            }
            '|' => cells.push(String::new()),
            c => cells.last_mut()?.push(c),
        }
    }
    let pipes = cells.len() - 1;
    let framed = trimmed.starts_with('|');
    if pipes < 2 && !(framed && pipes >= 1) {
        return None;
    }
    if framed {
        cells.remove(0);
    }
    if trimmed.ends_with('|') && !trimmed.ends_with("\\|") {
        cells.pop();
    }
    Some(
        cells
            .iter()
            .map(|c| c.trim())
            .collect::<Vec<_>>()
            .join("\t"),
    )
}

/// An HTML fragment as lines: `<li>` a bullet, `<br>`, `<p>` and `</li>` line breaks,
/// other tags dropped.
pub(super) fn html_lines(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find('>') else {
            out.push_str(&rest[i..]);
            return out;
        };
        let tag = rest[i + 1..i + j].trim().to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match (tag.starts_with('/'), name.as_str()) {
            (false, "li") => out.push_str("\n• "),
            (_, "br") | (_, "p") | (true, "li") | (_, "ul") | (_, "ol") | (_, "div") => {
                out.push('\n')
            }
            _ => {}
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out
}

const BULLETS: &[char] = &[
    '•', '·', '●', '○', '▪', '■', '◦', '?', '-', '*', '–', '\u{f0b7}',
];

/// The line without its bullet, if it is a list item.
pub(super) fn bullet(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) {
        let rest = chars.as_str();
        if rest.starts_with(' ') || first != '-' && first != '*' {
            let r = rest.trim_start();
            if !r.is_empty() {
                return Some(r);
            }
        }
    }
    if let Some(r) = line.strip_prefix("o ")
        && r.starts_with(|c: char| c.is_uppercase())
    {
        return Some(r);
    }
    None
}

/// The text of a numbered row or list item (`1. Degree ...`, `2) ...`), without its number.
pub(super) fn numbered(line: &str) -> Option<&str> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    let rest = rest.strip_prefix(' ')?.trim_start();
    rest.starts_with(|c: char| c.is_uppercase()).then_some(rest)
}

/// The document's lines cleaned (one table cell or list item a line), each with its
/// 1-based source line, and page furniture (a line of some length that appears on
/// several pages, such as a running footer) left out.
pub(super) fn cleaned(raw: &[String]) -> Vec<(String, usize)> {
    let mut lines: Vec<(String, usize)> = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        for part in clean(l) {
            lines.push((part, i + 1));
        }
    }
    // Page furniture: a line of some length that appears on several pages.
    let mut counts = std::collections::HashMap::<&str, usize>::new();
    for (l, _) in &lines {
        if l.len() >= 12 {
            *counts.entry(l.as_str()).or_default() += 1;
        }
    }
    let furniture: std::collections::HashSet<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2)
        .map(|(l, _)| l.to_string())
        .collect();
    lines
        .into_iter()
        .filter(|(l, _)| !furniture.contains(l))
        .collect()
}

/// Sentences of a paragraph: split after `.`, `!` or `?` before a capital letter.
pub(super) fn sentences(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let words: Vec<&str> = p.split_whitespace().collect();
    for (k, w) in words.iter().enumerate() {
        cur.push(w);
        let next_capital = words
            .get(k + 1)
            .is_some_and(|n| n.starts_with(|c: char| c.is_uppercase()));
        if w.ends_with(['.', '!', '?']) && next_capital {
            out.push(cur.join(" "));
            cur.clear();
        }
    }
    if !cur.is_empty() {
        out.push(cur.join(" "));
    }
    out
}

/// The phrase that makes a sentence a condition of the post, if it is one.
pub(super) fn condition(sentence: &str) -> Option<&'static str> {
    let low = format!(" {} ", sentence.to_lowercase());
    [
        "subject to",
        "expected to",
        "required to",
        " must ",
        "will need to",
    ]
    .into_iter()
    .find(|p| low.contains(p))
    .map(str::trim)
}

/// A criterion that runs into the next because a line break was lost: `... Nursing Have
/// undertaken ...` splits before a capitalised auxiliary verb that cannot be mid-sentence.
pub(super) fn run_on(text: &str) -> Vec<String> {
    const STARTS: &[&str] = &[
        "Have", "Has", "Is", "Are", "Be", "Must", "Will", "Should", "Can",
    ];
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..words.len() {
        let split = STARTS.contains(&words[k])
            && words
                .get(k + 1)
                .is_some_and(|n| n.starts_with(|c: char| c.is_lowercase()))
            && !words[k - 1].ends_with(|c: char| c.is_ascii_punctuation())
            && k - start >= 3
            && words.len() - k >= 3;
        if split {
            out.push(words[start..k].join(" "));
            start = k;
        }
    }
    out.push(words[start..].join(" "));
    out
}
