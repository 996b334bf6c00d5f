//! Header facts a job description states without a label: the title (its first line),
//! the employer (in a letterhead
//! line, a sentence about itself, the phrases that name it, or the workplace given as the
//! location) and the post's line management (in a duty or a sentence of the summary).
//! Each value is the document's own words, and each is listed as inferred, so a person
//! checks it before the `review:` note is cleared.

use super::read::{Fact, Reading, add_fact, heading, label};

/// Words that make a name an organisation's.
const ORG_WORDS: &[&str] = &[
    "service",
    "services",
    "trust",
    "council",
    "academy",
    "school",
    "college",
    "university",
    "hospital",
    "foundation",
    "limited",
    "ltd",
    "agency",
    "department",
    "ministry",
    "prison",
    "prisons",
    "probation",
    "authority",
    "charity",
    "nhs",
    "plc",
    "partnership",
    "community",
];

/// Words that may sit lower-case inside a name (`Ministry of Justice`).
const MINOR: &[&str] = &["of", "and", "for", "the", "&", "in", "on"];

/// Adds the title, organisation and line management when the document labels none.
pub(super) fn fill(r: &mut Reading, lines: &[(String, usize)]) {
    let text = Joined::new(lines);
    if r.fact(Fact::Title).is_none()
        && let Some((l, n)) = lines.iter().find(|(l, _)| !l.is_empty())
    {
        // The first line, when it is a short name in title case (not a label, not the
        // employer's letterhead): how many job descriptions open.
        let words: Vec<&str> = l.split_whitespace().collect();
        if (1..=6).contains(&words.len())
            && words.iter().all(|w| capitalised(w) || MINOR.contains(w))
            && !words.iter().any(|w| org_word(w))
            && !l.to_ascii_lowercase().contains("job description")
            && label(l).is_none()
            && heading(l).is_none()
        {
            r.inferred.push((
                *n,
                format!("title \"{l}\" is taken from the document's first line; the document labels no job title"),
            ));
            add_fact(r, Fact::Title, l, *n);
        }
    }
    if r.fact(Fact::Organisation).is_none()
        && let Some((name, at, how)) = organisation(r, lines, &text)
    {
        let name = expand(&name, &text.text);
        r.inferred.push((
            at,
            format!(
                "organisation \"{name}\" is inferred from {how}; the document labels no organisation"
            ),
        ));
        add_fact(r, Fact::Organisation, &name, at);
    }
    if r.fact(Fact::ResponsibleFor).is_none()
        && let Some((value, at, sentence)) = line_management(&text)
    {
        r.inferred.push((
            at,
            format!(
                "line_management \"{value}\" is taken from \"{sentence}\"; the document labels no line management"
            ),
        ));
        add_fact(r, Fact::ResponsibleFor, &value, at);
    }
}

/// The document's lines as one text, with where each line starts.
struct Joined {
    text: String,
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn new(lines: &[(String, usize)]) -> Joined {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (l, n) in lines.iter().filter(|(l, _)| !l.is_empty()) {
            starts.push((text.len(), *n));
            text.push_str(l);
            text.push(' ');
        }
        Joined { text, starts }
    }

    /// The 1-based source line of a byte offset.
    fn line(&self, at: usize) -> usize {
        self.starts
            .iter()
            .take_while(|(s, _)| *s <= at)
            .last()
            .map_or(1, |(_, n)| *n)
    }
}

fn capitalised(w: &str) -> bool {
    w.starts_with(|c: char| c.is_uppercase())
}

fn org_word(w: &str) -> bool {
    let w = w
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    ORG_WORDS.contains(&w.as_str())
}

/// An acronym such as `NOMS` or `HMPPS` (3 to 6 capitals), without trailing punctuation.
fn acronym(w: &str) -> Option<&str> {
    let t = w.trim_end_matches(['.', ',', ';', ':', ')']);
    (t.len() >= 3 && t.len() <= 6 && t.chars().all(|c| c.is_ascii_uppercase())).then_some(t)
}

/// The employer's name, the line it is on and how it was found.
fn organisation(
    r: &Reading,
    lines: &[(String, usize)],
    text: &Joined,
) -> Option<(String, usize, String)> {
    // A letterhead: a short line near the top, in title case, naming an organisation.
    for (l, n) in lines.iter().filter(|(l, _)| !l.is_empty()).take(8) {
        let words: Vec<&str> = l.split_whitespace().collect();
        let title_case = words.iter().all(|w| capitalised(w) || MINOR.contains(w));
        if (2..=8).contains(&words.len())
            && title_case
            && words.iter().any(|w| org_word(w))
            && !l.contains(':')
            && label(l).is_none()
        {
            return Some((
                l.clone(),
                *n,
                format!("the line \"{l}\" at the top of the document"),
            ));
        }
    }
    // A sentence about the employer: `Compass Community exists to ...`.
    const VERBS: &[&str] = &[
        "exists to",
        "is a",
        "is an",
        "is one of",
        "is the",
        "provides",
        "was founded",
        "are a",
    ];
    const NOT_NAMES: &[&str] = &[
        "The", "This", "That", "These", "Our", "We", "You", "It", "Job", "Post", "Role", "Each",
        "All", "Any", "Your", "They", "He", "She",
    ];
    for (l, n) in lines {
        for sentence in l.split(". ") {
            let words: Vec<&str> = sentence.split_whitespace().collect();
            for k in 2..=5.min(words.len().saturating_sub(1)) {
                let name = &words[..k];
                if NOT_NAMES.contains(&name[0])
                    || !name.iter().all(|w| capitalised(w) || MINOR.contains(w))
                    || !capitalised(name[k - 1])
                {
                    continue;
                }
                let rest = words[k..].join(" ");
                if VERBS.iter().any(|v| rest.starts_with(&format!("{v} "))) {
                    let name = name.join(" ");
                    let shown: String = words[..words.len().min(k + 4)].join(" ");
                    return Some((name, *n, format!("the sentence \"{shown} ...\"")));
                }
            }
        }
    }
    // The phrases that name the employer: `within HMPPS`, `HMPPS consider`.
    let words: Vec<(usize, &str)> = text
        .text
        .split(' ')
        .scan(0usize, |at, w| {
            let here = *at;
            *at += w.len() + 1;
            Some((here, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let mut tally: Vec<(String, usize, usize, String)> = Vec::new();
    for k in 0..words.len() {
        let (at, w) = words[k];
        let before = ["within", "employed by", "join", "for"].iter().find(|p| {
            let n = p.split(' ').count();
            k >= n
                && words[k - n..k]
                    .iter()
                    .map(|(_, w)| w.to_lowercase())
                    .collect::<Vec<_>>()
                    .join(" ")
                    == **p
                && (**p != "for" || k >= 2 && words[k - 2].1.eq_ignore_ascii_case("work"))
        });
        let after = words.get(k + 1).is_some_and(|(_, n)| {
            ["consider", "considers", "employees"].contains(&n.trim_end_matches(['.', ',']))
        });
        let Some(a) = acronym(w) else { continue };
        let phrase = match (before, after) {
            (Some(p), _) => format!("{p} {a}"),
            (None, true) => format!("{a} {}", words[k + 1].1.trim_end_matches(['.', ','])),
            _ => continue,
        };
        match tally.iter_mut().find(|(n, ..)| n == a) {
            Some(t) => t.1 += 1,
            None => tally.push((a.to_string(), 1, at, phrase)),
        }
    }
    // Named twice at least (a phrase, or where the document spells the acronym out), so
    // that a team mentioned once (`within CAMHS`) is not taken for the employer.
    for t in tally.iter_mut() {
        t.1 += text.text.matches(&format!("({})", t.0)).count();
    }
    if let Some((name, _, at, phrase)) = tally
        .iter()
        .filter(|t| t.1 >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .cloned()
    {
        return Some((name, text.line(at), format!("the phrase \"{phrase}\"")));
    }
    // The workplace, when the location names one (`Co-op Academy Oakwood`).
    if let Some(loc) = r.fact(Fact::Location) {
        let words: Vec<&str> = loc.split_whitespace().collect();
        if words.iter().any(|w| org_word(w))
            && words.iter().all(|w| capitalised(w) || MINOR.contains(w))
        {
            let at = r
                .facts
                .iter()
                .find(|(f, ..)| *f == Fact::Location)
                .map_or(1, |(_, _, n)| *n);
            return Some((
                loc.to_string(),
                at,
                "the location, which names the workplace".into(),
            ));
        }
    }
    None
}

/// A name with its acronym, when the document defines one: `NOMS` and `National Offender
/// Management Service` both become `National Offender Management Service (NOMS)`.
fn expand(name: &str, text: &str) -> String {
    if let Some(a) = acronym(name).filter(|a| *a == name) {
        let pattern = format!("({a})");
        let mut from = 0;
        while let Some(i) = text[from..].find(&pattern) {
            let at = from + i;
            let before: Vec<&str> = text[..at].split_whitespace().collect();
            let mut initials = String::new();
            let mut taken = 0;
            for w in before.iter().rev() {
                if initials.len() >= a.len() {
                    break;
                }
                taken += 1;
                if MINOR.contains(w) {
                    continue;
                }
                match w.chars().next() {
                    Some(c) if c.is_uppercase() => initials.insert(0, c),
                    _ => break,
                }
            }
            if initials == a {
                let long = before[before.len() - taken..].join(" ");
                return format!("{long} ({a})");
            }
            from = at + pattern.len();
        }
        return name.to_string();
    }
    let pattern = format!("{name} (");
    if let Some(i) = text.find(&pattern) {
        let rest = &text[i + pattern.len()..];
        if let Some(end) = rest.find(')')
            && acronym(&rest[..end]).is_some_and(|a| a == &rest[..end])
        {
            return format!("{name} ({})", &rest[..end]);
        }
    }
    name.to_string()
}

/// The post's line management from a sentence: `Line management responsibility for up to 8
/// staff`, `with no line management responsibilities`. Returns the value, its line and
/// the sentence.
fn line_management(text: &Joined) -> Option<(String, usize, String)> {
    let low = text.text.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = low[from..].find("line manag") {
        let at = from + i;
        from = at + 10;
        let word_end = low[at + 5..]
            .find(|c: char| !c.is_alphabetic())
            .map_or(low.len(), |e| at + 5 + e);
        let word = &low[at + 5..word_end];
        if word == "manager" || word == "managers" {
            continue;
        }
        let start = low[..at]
            .rfind(['.', ';', '•', '·', '●'])
            .map_or(0, |s| s + low[s..].chars().next().map_or(1, char::len_utf8));
        let end = low[at..]
            .find(['.', ';', '•'])
            .map_or(low.len(), |e| at + e);
        // A sentence without its full stop ends where a line starting with a capital does.
        let end = text
            .starts
            .iter()
            .map(|(s, _)| *s)
            .find(|s| *s > word_end && *s < end && text.text[*s..].starts_with(char::is_uppercase))
            .map_or(end, |s| s.saturating_sub(1));
        // The quoted sentence starts no earlier than its own line (a heading above it
        // may have no full stop), without the line's bullet.
        let line_start = text
            .starts
            .iter()
            .map(|(s, _)| *s)
            .take_while(|s| *s <= at)
            .last()
            .unwrap_or(0);
        let sentence = shorten(
            text.text[start.max(line_start)..end]
                .trim()
                .trim_start_matches(['-', '*', '•', '·', '●', '?', ' ']),
        );
        let before: Vec<&str> = low[start..at].split_whitespace().collect();
        if before.last().is_some_and(|w| *w == "no") {
            let after: Vec<&str> = text.text[word_end..end].split_whitespace().collect();
            let tail = after.first().map(|w| format!(" {w}")).unwrap_or_default();
            let phrase = format!("no {}{tail}", &text.text[at..word_end]);
            return Some((
                format!("None ({})", phrase.to_lowercase()),
                text.line(at),
                sentence,
            ));
        }
        let after: Vec<&str> = text.text[word_end..end].split_whitespace().collect();
        // `line manage a team of 4`: the value follows the verb; `line management
        // responsibility for up to 8 staff`: it follows `for`.
        let value: Vec<&str> = if ["manage", "manages", "managing"].contains(&word) {
            after.clone()
        } else {
            let Some(f) = after.iter().take(3).position(|w| *w == "for") else {
                continue;
            };
            after[f + 1..].to_vec()
        };
        const NUMBERS: &[&str] = &[
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "team", "teams",
        ];
        let counted = value.iter().any(|w| {
            w.chars().any(|c| c.is_ascii_digit())
                || NUMBERS.contains(&w.to_ascii_lowercase().as_str())
        });
        if value.is_empty() || value.len() > 10 || !counted {
            continue;
        }
        let v = value.join(" ");
        let mut chars = v.chars();
        let v = match chars.next() {
            Some(c) => format!("{}{}", c.to_uppercase(), chars.as_str()),
            None => continue,
        };
        return Some((v, text.line(at), sentence));
    }
    None
}

/// A sentence quoted in a note: its first 16 words.
fn shorten(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= 16 {
        words.join(" ")
    } else {
        format!("{} ...", words[..16].join(" "))
    }
}
