//! `handbook.yml`: the site's title and build switches, typed and checked like front matter.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, SourceText};
use crate::yaml::{Seg, YamlDoc};

/// The site configuration.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The handbook's name, shown in every page's header.
    pub title: String,
    /// One sentence for the home page and search engines.
    pub description: Option<String>,
    /// The pages' language (`lang` attribute).
    #[serde(default = "default_language")]
    pub language: String,
    /// A folder under `themes/`; `default` is built in.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The output folder, relative to the site root.
    #[serde(default = "default_output")]
    pub output: PathBuf,
    /// Build pages marked `classification: internal`.
    #[serde(default)]
    pub include_internal: bool,
    /// Hidden files or folders of `static/` (paths relative to it, e.g. `.well-known`)
    /// that are published: every other name starting with `.` (`.git/`, `.DS_Store`) is not.
    #[serde(default)]
    pub publish_hidden: Vec<String>,
    /// Keep raw HTML in Markdown as written instead of sanitising it.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Whether a front-matter field the handbook does not know is an error (the default:
    /// it is usually a typo) or a warning (for content migrated from another tool, whose
    /// own fields are then ignored).
    #[serde(default)]
    pub unknown_fields: UnknownFields,
    /// How heading ids (the `#part` of a link) are made from heading text.
    #[serde(default)]
    pub heading_ids: HeadingIds,
    /// How a page's URL is made from its file's path.
    #[serde(default)]
    pub page_urls: PageUrls,
    /// Where readers report a problem with a page: an email address or a web address
    /// (`https://...`). When set, every page ends with "Is something wrong on this page?"
    /// linking there; unset (the default), no such link is shown.
    pub feedback: Option<String>,
    /// Search settings: synonyms (see `docs/SEARCH.md`).
    #[serde(default)]
    pub search: SearchSettings,
    /// The site's own local contacts (safeguarding lead, duty manager, emergency line),
    /// shown in a "Local contacts" box on the pages that ask for it (front matter
    /// `extra: { contacts: true }`). The handbook's sources hold no local names or numbers,
    /// so they are the site's data, never content; unset, the box says where to add them.
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// `search:` in `handbook.yml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Words or phrases a search treats as meaning the same: each entry and its list are
    /// one group (`self harm: [ACCT, suicide]`), so a query for any of them also finds
    /// pages that use another, ranked below pages using the words typed.
    #[serde(default)]
    pub synonyms: std::collections::BTreeMap<String, Vec<String>>,
}

/// One local contact from `handbook.yml`'s `contacts:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who or what to contact: a person, a post or a service ("Designated Safeguarding Lead").
    pub name: String,
    /// What to contact them about ("concerns about a child").
    pub role: Option<String>,
    /// A telephone number, shown as written and linked with `tel:`.
    pub phone: Option<String>,
    /// A mail address, linked with `mailto:`.
    pub email: Option<String>,
    /// Anything else a reader needs (hours, where the office is).
    pub note: Option<String>,
}

/// What an unknown front-matter field is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnknownFields {
    /// An error with a "did you mean": the right default for a handbook written here.
    #[default]
    Error,
    /// A located warning, and the field is ignored: for migrated content.
    Warn,
}

/// How heading ids are made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HeadingIds {
    /// Lower-case words joined by one `-` (`## Key duties -- night` -> `key-duties-night`).
    #[default]
    Handbook,
    /// As GitHub and mdBook make them: lower case, spaces to `-`, punctuation and emoji
    /// removed, repeated `-` kept (`## Key duties -- night` -> `key-duties----night`), so
    /// links written for GitHub keep their anchors.
    Github,
}

/// How a page's URL is made from its file's path.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageUrls {
    /// Each folder and file name kept as written where it is already safe in an address
    /// on every disk and server ([`crate::parse::is_address_safe`]: ASCII letters, digits,
    /// `-`, `_`, and `.` inside a name: `from_into.md` -> `from_into.html`), and made a
    /// slug otherwise (`Key Duties.md` -> `key-duties.html`). The default: a folder of
    /// Markdown from another tool keeps its addresses where they were safe, and a name
    /// with spaces, accents or punctuation still gets an address that needs no escaping
    /// (roles' names go into comparison links and storage keys). The other form of each
    /// name reaches the page through a redirect (`plan`), and links may use either.
    #[default]
    Auto,
    /// Each folder and file name as a slug: lower case, words joined by `-`
    /// (`Key_Duties.md` -> `key-duties.html`), as every handbook before 2026-12-02.
    Slug,
    /// Each folder and file name exactly as written (`from_into.md` -> `from_into.html`),
    /// as mdBook, Hugo and Jekyll keep them: links from elsewhere to the old site keep
    /// working. `handbook import` writes this.
    FileName,
}

/// Where a feedback link goes, checked: a mail address or a web page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// A mail address (`editors@example.org`), written with or without `mailto:`.
    Mail(String),
    /// An `http://` or `https://` address.
    Web(String),
}

impl Feedback {
    /// Reads a `feedback` value; `None` when it is neither a mail address nor a web address
    /// (a `javascript:` URL, a bare word, an address with spaces).
    pub fn parse(value: &str) -> Option<Feedback> {
        let v = value.trim();
        if v.chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
        {
            return None;
        }
        let lower = v.to_ascii_lowercase();
        if let Some(rest) = ["https://", "http://"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
        {
            return (!rest.is_empty()).then(|| Feedback::Web(v.to_string()));
        }
        let address = if lower.starts_with("mailto:") {
            &v[7..]
        } else {
            v
        };
        let (user, host) = address.split_once('@')?;
        let plain = |s: &str| !s.is_empty() && !s.contains(['@', ':', '/', '?', '#', '&']);
        (plain(user) && plain(host) && host.contains('.') && !host.ends_with('.'))
            .then(|| Feedback::Mail(address.to_string()))
    }
}

/// A contact needs a name and a way to reach it; its mail address must be one and its
/// telephone number must look like one (digits, spaces and `+()-.`), since both become links.
fn check_contact(
    doc: &YamlDoc<'_>,
    source: &SourceText,
    i: usize,
    contact: &Contact,
    diagnostics: &mut Diagnostics,
) {
    let at = |key: Option<&str>| {
        let mut path = vec![Seg::Key("contacts".into()), Seg::Index(i)];
        if let Some(k) = key {
            path.push(Seg::Key(k.into()));
        }
        path
    };
    let mut bad = |key: Option<&str>, message: String, hint: &str| {
        let d = doc
            .error_at("E-bad-value", &at(key), false, message)
            .with_hint(hint);
        diagnostics.push(d, Some(source));
    };
    if contact.name.trim().is_empty() {
        bad(
            Some("name"),
            "a contact's `name` is empty".into(),
            "name the person, post or service (`name: Designated Safeguarding Lead`)",
        );
    }
    if contact.phone.is_none() && contact.email.is_none() && contact.note.is_none() {
        bad(
            None,
            format!("the contact `{}` has no way to reach it", contact.name),
            "give a `phone`, an `email` or a `note` saying how to reach them",
        );
    }
    if let Some(phone) = &contact.phone {
        let ok = phone.chars().any(|c| c.is_ascii_digit())
            && phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +()-.".contains(c));
        if !ok {
            bad(
                Some("phone"),
                format!("`phone: {phone}` is not a telephone number"),
                "write digits, spaces and + ( ) - . only (`phone: 01234 567890`); put anything else in `note`",
            );
        }
    }
    if let Some(email) = &contact.email
        && !matches!(Feedback::parse(email), Some(Feedback::Mail(_)))
    {
        bad(
            Some("email"),
            format!("`email: {email}` is not a mail address"),
            "write the address alone (`email: safeguarding@example.org`)",
        );
    }
}

/// The part of a telephone number a `tel:` link keeps: digits and a leading `+`.
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            out.push(c);
        }
    }
    out
}

fn default_language() -> String {
    "en-GB".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_output() -> PathBuf {
    PathBuf::from("public")
}

/// The config file's name.
pub const FILE: &str = "handbook.yml";

/// Reads and checks `handbook.yml` under `root`.
pub fn load(root: &Path) -> Result<Config, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let path = root.join(FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            let hint = if e.kind() == std::io::ErrorKind::NotFound {
                "run the command in a handbook folder, pass `--root DIR`, or create one with `handbook init DIR`"
            } else {
                "check the file's permissions"
            };
            diagnostics.push(
                Diagnostic::file_error(
                    "E-config",
                    FILE,
                    format!("cannot read {}: {e}", path.display()),
                )
                .with_hint(hint),
                None,
            );
            return Err(diagnostics);
        }
    };
    let text = match crate::load::decode(FILE, bytes) {
        Ok(t) => t,
        Err((d, src)) => {
            diagnostics.push(d, src.as_ref());
            return Err(diagnostics);
        }
    };
    parse(&text)
}

/// Checks the text of `handbook.yml`.
pub fn parse(text: &str) -> Result<Config, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let source = SourceText::new(FILE, text);
    let doc = YamlDoc::new(&source, 0..source.text.len());
    let map = match doc.parse_mapping() {
        Ok(m) => m,
        Err(d) => {
            diagnostics.push(d, Some(&source));
            return Err(diagnostics);
        }
    };
    let (config, diags) = doc.deserialize::<Config>(map, &[]);
    for d in diags {
        diagnostics.push(d, Some(&source));
    }
    if let Some(value) = config.as_ref().and_then(|c| c.feedback.as_deref())
        && Feedback::parse(value).is_none()
    {
        let d = doc
            .error_at(
                "E-bad-value",
                &[Seg::Key("feedback".into())],
                false,
                format!("`feedback: {value}` is neither a mail address nor a web address"),
            )
            .with_hint("give the address readers should write to (`feedback: editors@example.org`) or a web page starting with https://");
        diagnostics.push(d, Some(&source));
    }
    if let Some(c) = config.as_ref() {
        for (i, contact) in c.contacts.iter().enumerate() {
            check_contact(&doc, &source, i, contact, &mut diagnostics);
        }
    }
    match config {
        Some(c) if diagnostics.is_empty() => Ok(c),
        _ => Err(diagnostics),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_read_and_checked_at_their_place() {
        let c = parse(
            "title: T\ncontacts:\n  - name: Duty manager\n    phone: \"+44 (0)1234 567890\"\n",
        )
        .expect("valid contacts");
        assert_eq!(c.contacts.len(), 1);
        assert_eq!(
            tel_href(c.contacts[0].phone.as_deref().unwrap_or("")),
            "tel:+4401234567890"
        );
        assert!(parse("title: T\n").expect("valid").contacts.is_empty());
        let Err(d) =
            parse("title: T\ncontacts:\n  - name: DSL\n    phone: call reception\n    mobile: 1\n")
        else {
            panic!("a contact with an unknown key was accepted");
        };
        let text = d.to_plain_string();
        assert!(text.contains("mobile"), "{text}");
        let Err(d) = parse("title: T\ncontacts:\n  - name: DSL\n    phone: call reception\n")
        else {
            panic!("a phone that is no number was accepted");
        };
        let text = d.to_plain_string();
        assert!(text.contains("handbook.yml:4:"), "{text}");
        let Err(d) = parse("title: T\ncontacts:\n  - name: DSL\n    email: nobody\n") else {
            panic!("an email that is no address was accepted");
        };
        assert!(d.to_plain_string().contains("not a mail address"));
        assert!(parse("title: T\ncontacts:\n  - name: DSL\n").is_err());
    }

    #[test]
    fn feedback_is_off_by_default() {
        let c = parse("title: T\n").expect("minimal config");
        assert_eq!(c.feedback, None);
    }

    #[test]
    fn feedback_takes_a_mail_address_or_a_web_address() {
        for (value, want) in [
            (
                "editors@example.org",
                Some(Feedback::Mail("editors@example.org".into())),
            ),
            (
                "mailto:editors@example.org",
                Some(Feedback::Mail("editors@example.org".into())),
            ),
            (
                "https://example.org/report",
                Some(Feedback::Web("https://example.org/report".into())),
            ),
            (
                "HTTP://example.org",
                Some(Feedback::Web("HTTP://example.org".into())),
            ),
            ("javascript:alert(1)", None),
            ("editors", None),
            ("a b@example.org", None),
            ("editors@localhost", None),
            ("https://", None),
            ("x@y.org?cc=z@w.org", None),
        ] {
            assert_eq!(Feedback::parse(value), want, "{value}");
        }
        let c = parse("title: T\nfeedback: editors@example.org\n").expect("valid feedback");
        assert_eq!(c.feedback.as_deref(), Some("editors@example.org"));
    }

    #[test]
    fn a_feedback_value_that_is_no_address_is_an_error_at_it() {
        let Err(d) = parse("title: T\nfeedback: javascript:alert(1)\n") else {
            panic!("a javascript: feedback address was accepted");
        };
        let text = d.to_plain_string();
        assert!(
            text.contains("E-bad-value") && text.contains("handbook.yml:2:"),
            "{text}"
        );
    }

    #[test]
    fn synonyms_are_read_and_a_mistyped_search_setting_is_located() {
        let c = parse("title: T\nsearch:\n  synonyms:\n    self harm: [ACCT, suicide]\n")
            .expect("synonyms");
        assert_eq!(
            c.search.synonyms.get("self harm"),
            Some(&vec!["ACCT".to_string(), "suicide".to_string()])
        );
        let Err(d) = parse("title: T\nsearch:\n  synonym:\n    a: [b]\n") else {
            panic!("a mistyped search setting was accepted");
        };
        let text = d.to_plain_string();
        assert!(text.contains("handbook.yml:3:"), "{text}");
    }
}
