//! The typed front matter of each kind of page, as fixed by CONTENT-MODEL.md.
//!
//! These structs are the source format: a field added here is accepted by the parser,
//! listed in "unknown field" hints and checked against the format reference by a test.
//! Renaming a field breaks every handbook written in the format, so don't.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The kinds of page, each with its own fields and template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A job profile with its person specification.
    Role,
    /// A competency framework whose `items` are its competencies.
    Framework,
    /// Values or principles, as `items`.
    Ethos,
    /// Practice guidance.
    Guidance,
    /// A training programme: a folder of modules.
    Programme,
    /// One training module.
    Module,
    /// Terms and abbreviations.
    Glossary,
    /// Anything else.
    Page,
}

impl Kind {
    /// Every kind, in the order menus list them.
    pub const ALL: [Kind; 8] = [
        Kind::Role,
        Kind::Framework,
        Kind::Ethos,
        Kind::Guidance,
        Kind::Programme,
        Kind::Module,
        Kind::Glossary,
        Kind::Page,
    ];

    /// The name written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::Framework => "framework",
            Kind::Ethos => "ethos",
            Kind::Guidance => "guidance",
            Kind::Programme => "programme",
            Kind::Module => "module",
            Kind::Glossary => "glossary",
            Kind::Page => "page",
        }
    }

    /// Plural label for headings and filters.
    pub fn plural(self) -> &'static str {
        match self {
            Kind::Role => "Roles",
            Kind::Framework => "Frameworks",
            Kind::Ethos => "Ethos",
            Kind::Guidance => "Guidance",
            Kind::Programme => "Programmes",
            Kind::Module => "Modules",
            Kind::Glossary => "Glossary",
            Kind::Page => "Pages",
        }
    }

    /// Parses a front-matter `kind:` value.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The field names this kind accepts beyond the common ones.
    pub fn own_fields(self) -> &'static [&'static str] {
        use crate::yaml::field_names;
        match self {
            Kind::Role => field_names::<RoleFields>(),
            Kind::Module => field_names::<ModuleFields>(),
            Kind::Programme => field_names::<ProgrammeFields>(),
            Kind::Glossary => field_names::<GlossaryFields>(),
            Kind::Framework | Kind::Ethos | Kind::Guidance | Kind::Page => &[],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A calendar date written `YYYY-MM-DD`; invalid dates (2026-02-30) are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year.
    pub year: u16,
    /// Month, 1-12.
    pub month: u8,
    /// Day, 1-31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: u16 = s[0..4].parse().ok()?;
        let month: u8 = s[5..7].parse().ok()?;
        let day: u8 = s[8..10].parse().ok()?;
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Today's date in UTC, for review-date checks.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)
            .map_err(|_| serde::de::Error::custom("expected a date written YYYY-MM-DD"))?;
        Date::parse(s.trim()).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{s}` is not a valid date: expected a date written YYYY-MM-DD"
            ))
        })
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Text that authors may write unquoted as a number (`version: 2`, `grade: 7`).
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Int(i64),
        Float(f64),
    }
    Ok(
        match Option::<Scalar>::deserialize(d).map_err(|_| {
            serde::de::Error::custom("invalid type: expected a piece of text or a number")
        })? {
            None => None,
            Some(Scalar::Text(s)) => Some(s),
            Some(Scalar::Int(i)) => Some(i.to_string()),
            Some(Scalar::Float(f)) => Some(f.to_string()),
        },
    )
}

/// A list of text, or one string of words separated by spaces (Jekyll's way of writing
/// a list of tags).
fn list_or_words<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum ListOrWords {
        List(Vec<String>),
        Words(String),
    }
    Ok(
        match Option::<ListOrWords>::deserialize(d)
            .map_err(|_| serde::de::Error::custom("invalid type: expected a list"))?
        {
            None => Vec::new(),
            Some(ListOrWords::List(l)) => l,
            Some(ListOrWords::Words(w)) => w.split_whitespace().map(str::to_string).collect(),
        },
    )
}

/// Who may see a page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    /// Published.
    #[default]
    Public,
    /// Left out unless the build includes internal pages.
    Internal,
}

/// Fields every kind accepts.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Common {
    /// The page's title (required).
    pub title: String,
    /// Overrides the kind the folder implies.
    pub kind: Option<String>,
    /// One or two sentences for lists, search results and previews.
    pub summary: Option<String>,
    /// Free tags, each with an index page. Also accepted as one string of words separated
    /// by spaces, as Jekyll writes them (`tags: visits families`).
    #[serde(default, deserialize_with = "list_or_words")]
    pub tags: Vec<String>,
    /// Who keeps the page current.
    pub owner: Option<String>,
    /// After this date the page is flagged as due for review.
    pub review_by: Option<Date>,
    /// Left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// `public` (default) or `internal`.
    #[serde(default)]
    pub classification: Classification,
    /// Order within its section (lower first).
    pub weight: Option<i64>,
    /// References shown as "See also".
    #[serde(default)]
    pub related: Vec<String>,
    /// Named, referenceable parts of the page (competencies, principles).
    #[serde(default)]
    pub items: Vec<Item>,
    /// Old URLs or paths of this page (after a move or a migration from another tool):
    /// each gets a page that sends readers on to this one, so old links and bookmarks
    /// keep working. See [`super::alias_path`] for how each is written.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `own` on a section's `_index.md` (or a page): its pages are searched separately,
    /// under their own filter on the results page, and left out of staff results by
    /// default (the authors' guide). `all` (the default) searches them with the rest.
    #[serde(default)]
    pub search: SearchScope,
    /// Free-form values the handbook does not interpret (kept from another tool's front
    /// matter, or for a custom theme): any mapping, never checked.
    #[serde(default)]
    pub extra: std::collections::BTreeMap<String, serde_yaml::Value>,
}

/// Where a page is searched: with every page, or under its section's own filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchScope {
    /// In every search (the default).
    #[default]
    All,
    /// Only under its own filter (for the page, or on `_index.md` for its whole section).
    Own,
}

/// A referenceable part of a page: a competency, a value, a standard.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique within the page; the `#id` in references.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its number in the source framework, where it has one.
    pub number: Option<u32>,
    /// The group it belongs to.
    pub cluster: Option<String>,
    /// A sentence or two.
    pub summary: Option<String>,
    /// Level descriptors.
    #[serde(default)]
    pub levels: Vec<String>,
}

/// Where a role's text comes from.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceDocument {
    /// The document's reference.
    pub document: Option<String>,
    /// Its version.
    #[serde(default, deserialize_with = "text_or_number")]
    pub version: Option<String>,
    /// Its date of issue.
    pub issued: Option<Date>,
}

/// A role's own fields.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoleFields {
    /// Employer.
    pub organisation: Option<String>,
    /// Service setting (prison DTC, residential care, school ...).
    pub setting: Option<String>,
    /// Grade or band, as the source writes it.
    #[serde(default, deserialize_with = "text_or_number")]
    pub grade: Option<String>,
    /// Staff group profile.
    pub group_profile: Option<String>,
    /// The post this one reports to, as text.
    pub reports_to: Option<String>,
    /// Where the work is.
    pub location: Option<String>,
    /// Pay, as the source states it.
    pub salary: Option<String>,
    /// Who this post manages.
    pub line_management: Option<String>,
    /// The role page this one reports to.
    pub reports_to_role: Option<String>,
    /// Contracted hours.
    pub hours_per_week: Option<f64>,
    /// Travel expectations.
    pub travel: Option<String>,
    /// The job description this page is built from.
    pub source: Option<SourceDocument>,
    /// References to framework items.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// References to ethos items.
    #[serde(default)]
    pub ethos: Vec<String>,
    /// References to glossary terms.
    #[serde(default)]
    pub professional_bodies: Vec<String>,
    /// The person specification.
    #[serde(default)]
    pub person_spec: Vec<Criterion>,
    /// What a person must still check: values `handbook import jd` inferred rather than
    /// read. Each item is a warning until someone checks it and removes it.
    #[serde(default)]
    pub review: Vec<String>,
}

/// One requirement of a person specification.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The requirement as the source states it.
    pub text: String,
    /// Its group.
    pub category: Option<Category>,
    /// Essential, desirable, or unspecified where the source does not say.
    #[serde(default)]
    pub need: Need,
    /// How it is assessed.
    #[serde(default)]
    pub assessed_by: Vec<Assessment>,
    /// References the criterion relates to.
    #[serde(default)]
    pub refs: Vec<String>,
}

/// Person-specification categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Degrees, registrations.
    Qualifications,
    /// What the candidate has done.
    Experience,
    /// What the candidate knows and can do.
    KnowledgeAndSkills,
    /// Character and approach.
    PersonalQualities,
    /// Competencies and behaviours.
    Behaviours,
    /// Conditions of appointment.
    Eligibility,
}

impl Category {
    /// Every category in display order.
    pub const ALL: [Category; 6] = [
        Category::Qualifications,
        Category::Experience,
        Category::KnowledgeAndSkills,
        Category::PersonalQualities,
        Category::Behaviours,
        Category::Eligibility,
    ];

    /// Heading text.
    pub fn label(self) -> &'static str {
        match self {
            Category::Qualifications => "Qualifications",
            Category::Experience => "Experience",
            Category::KnowledgeAndSkills => "Knowledge and skills",
            Category::PersonalQualities => "Personal qualities",
            Category::Behaviours => "Behaviours and competencies",
            Category::Eligibility => "Eligibility",
        }
    }

    /// The value written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Category::Qualifications => "qualifications",
            Category::Experience => "experience",
            Category::KnowledgeAndSkills => "knowledge-and-skills",
            Category::PersonalQualities => "personal-qualities",
            Category::Behaviours => "behaviours",
            Category::Eligibility => "eligibility",
        }
    }
}

/// Whether a criterion is essential.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Need {
    /// Must be met.
    Essential,
    /// Counts in the candidate's favour.
    Desirable,
    /// The source does not say.
    #[default]
    Unspecified,
}

impl Need {
    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Need::Essential => "Essential",
            Need::Desirable => "Desirable",
            Need::Unspecified => "Not stated",
        }
    }
}

/// How a criterion is assessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Assessment {
    /// Application form.
    Application,
    /// Interview.
    Interview,
    /// A test or exercise.
    Test,
    /// A presentation.
    Presentation,
    /// References.
    References,
    /// Documents (certificates, checks).
    Documents,
}

impl Assessment {
    /// The value written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            Assessment::Application => "application",
            Assessment::Interview => "interview",
            Assessment::Test => "test",
            Assessment::Presentation => "presentation",
            Assessment::References => "references",
            Assessment::Documents => "documents",
        }
    }

    /// Display label.
    pub fn label(self) -> &'static str {
        match self {
            Assessment::Application => "Application",
            Assessment::Interview => "Interview",
            Assessment::Test => "Test",
            Assessment::Presentation => "Presentation",
            Assessment::References => "References",
            Assessment::Documents => "Documents",
        }
    }
}

/// A programme's own fields.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeFields {
    /// References to the roles it is for.
    #[serde(default)]
    pub audience: Vec<String>,
}

/// A module's own fields.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleFields {
    /// Total length.
    pub duration_minutes: Option<u32>,
    /// References to the roles it is for.
    #[serde(default)]
    pub audience: Vec<String>,
    /// References to framework items it develops.
    #[serde(default)]
    pub develops: Vec<String>,
    /// References to ethos items it draws on.
    #[serde(default)]
    pub ethos: Vec<String>,
    /// What participants can do afterwards.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Gibbs, Kolb, Schon, Johns, or another model named as written.
    pub reflective_model: Option<String>,
    /// The session plan.
    #[serde(default)]
    pub sessions: Vec<Session>,
    /// Reflective questions.
    #[serde(default)]
    pub prompts: Vec<String>,
    /// References to modules to take first.
    #[serde(default)]
    pub prerequisites: Vec<String>,
}

/// One block of a session plan.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Length of the block.
    pub minutes: u32,
    /// What happens.
    pub activity: String,
}

/// A glossary's own fields.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFields {
    /// The terms.
    #[serde(default)]
    pub terms: Vec<Term>,
}

/// One glossary entry.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The `#id` in references.
    pub id: String,
    /// The full name.
    pub term: String,
    /// The short form marked up in pages.
    pub abbreviation: Option<String>,
    /// One line.
    pub definition: Option<String>,
    /// References to related entries or pages.
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// A page's kind-specific fields.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum KindData {
    /// Role fields.
    Role(Box<RoleFields>),
    /// Module fields.
    Module(Box<ModuleFields>),
    /// Programme fields.
    Programme(ProgrammeFields),
    /// Glossary fields.
    Glossary(GlossaryFields),
    /// Kinds with no fields of their own.
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("2023-13-01").is_none());
        assert!(Date::parse("23-01-01").is_none());
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_415).to_string(), "2025-11-23");
    }

    #[test]
    fn field_lists_come_from_the_structs() {
        assert!(Kind::Role.own_fields().contains(&"person_spec"));
        assert!(crate::yaml::field_names::<Common>().contains(&"title"));
    }
}
