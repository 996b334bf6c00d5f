//! How the recruiting pages divide the roles so that no page grows with roles x
//! competencies: the settings roles share, which roles refer to each framework (the
//! matrix has a page per framework, split by setting when many roles refer to it), and the
//! career ladders of each setting (the pathway has a page per setting, in parts of at most
//! [`PATHWAY_ROLES`] roles).
//!
//! Computed once per build beside the roles (`Model::recruiting`); the plan lays out the
//! pages from it and render draws them.

use std::collections::BTreeMap;

use super::roles::{Grade, RoleView, normalise_text, parse_grade};
use crate::link::{Site, Target};
use crate::markdown::slugify;
use crate::parse::kinds::Kind;

/// The most role columns one matrix table has: past it, a framework's matrix is split by
/// setting, and a setting's part into pages of this many roles.
pub(crate) const MATRIX_COLUMNS: usize = 30;

/// The most roles one pathway page shows (a step is never split unless it alone has more).
pub(crate) const PATHWAY_ROLES: usize = 40;

/// A setting roles share (`Prison Democratic Therapeutic Community`), as first written.
#[derive(Debug, Clone)]
pub struct Setting {
    /// As the first role of it (in display order) writes it; `None` for roles without one.
    pub name: Option<String>,
    /// Its URL segment (`prison-democratic-therapeutic-community`, `no-setting`).
    pub slug: String,
    /// Its roles, as indexes into `Model::roles`, in display order.
    pub roles: Vec<usize>,
}

impl Setting {
    /// The name to show.
    pub fn label(&self) -> &str {
        self.name.as_deref().unwrap_or("No setting given")
    }
}

/// The roles that refer to one framework or ethos page, for its matrix.
#[derive(Debug, Clone)]
pub struct FrameworkRoles {
    /// The framework's page, in `Site::pages`.
    pub page: usize,
    /// Per setting (index into `RecruitingModel::settings`), its roles that refer to the
    /// framework (indexes into `Model::roles`, display order); settings in their order.
    pub by_setting: Vec<(usize, Vec<usize>)>,
}

impl FrameworkRoles {
    /// How many roles refer to the framework.
    pub fn role_count(&self) -> usize {
        self.by_setting.iter().map(|(_, r)| r.len()).sum()
    }

    /// True when its matrix is split by setting.
    pub fn split(&self) -> bool {
        self.role_count() > MATRIX_COLUMNS
    }

    /// The pages of its split matrix: (setting, part, the roles on it).
    pub fn parts(&self) -> Vec<(usize, usize, &[usize])> {
        let mut out = Vec::new();
        for (s, roles) in &self.by_setting {
            for (k, chunk) in roles.chunks(MATRIX_COLUMNS).enumerate() {
                out.push((*s, k, chunk));
            }
        }
        out
    }
}

/// One rung of a ladder: the roles of one grade.
#[derive(Debug, Clone)]
pub struct Rung {
    /// The grade, parsed.
    pub grade: Grade,
    /// Its roles (indexes into `Model::roles`).
    pub roles: Vec<usize>,
}

/// Roles of one setting and grade scheme, by grade.
#[derive(Debug, Clone)]
pub struct Ladder {
    /// Its rungs, lowest grade first.
    pub rungs: Vec<Rung>,
}

/// A role no ladder can place, and why.
#[derive(Debug, Clone)]
pub struct Unplaced {
    /// The role (index into `Model::roles`).
    pub role: usize,
    /// Why.
    pub reason: String,
}

/// One setting's pathways and the roles of it that are on none.
#[derive(Debug, Clone, Default)]
pub struct SettingPathways {
    /// Its ladders (one per grade scheme with two or more roles).
    pub ladders: Vec<Ladder>,
    /// Its roles on no ladder.
    pub unplaced: Vec<Unplaced>,
}

impl SettingPathways {
    /// Roles on its ladders.
    pub fn placed(&self) -> usize {
        self.ladders
            .iter()
            .flat_map(|l| &l.rungs)
            .map(|r| r.roles.len())
            .sum()
    }

    /// Its pages: for each, the (ladder, first rung, end rung) ranges it shows. Rungs
    /// are taken whole until a page holds [`PATHWAY_ROLES`] roles; the page that holds the
    /// roles on no ladder is the last.
    pub fn pages(&self) -> Vec<Vec<(usize, usize, usize)>> {
        let mut pages: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new()];
        let mut count = 0;
        for (l, ladder) in self.ladders.iter().enumerate() {
            let mut start = 0;
            for (k, rung) in ladder.rungs.iter().enumerate() {
                if count > 0 && count + rung.roles.len() > PATHWAY_ROLES {
                    if k > start
                        && let Some(p) = pages.last_mut()
                    {
                        p.push((l, start, k));
                    }
                    pages.push(Vec::new());
                    count = 0;
                    start = k;
                }
                count += rung.roles.len();
            }
            if let Some(p) = pages.last_mut() {
                p.push((l, start, ladder.rungs.len()));
            }
        }
        pages
    }
}

/// An alignment group of criteria (see `roles::align`): the category and text of its
/// first criterion in display order, which name its row wherever roles are compared.
#[derive(Debug, Clone, Hash)]
pub struct Group {
    /// The category of its first criterion.
    pub category: Option<crate::parse::kinds::Category>,
    /// The text of its first criterion.
    pub label: String,
}

/// The recruiting pages' division of the roles.
#[derive(Debug, Clone, Default)]
pub struct RecruitingModel {
    /// Every alignment group, by its number.
    pub groups: Vec<Group>,
    /// Every setting, in the order of their first role; roles without one last.
    pub settings: Vec<Setting>,
    /// Every framework or ethos page a role refers to, frameworks first, by title.
    pub frameworks: Vec<FrameworkRoles>,
    /// Per setting (same index as `settings`), its pathways.
    pub pathways: Vec<SettingPathways>,
    /// Per role, its setting (an index into `settings`).
    pub setting_of: Vec<usize>,
}

/// The most roles the comparison page shows in one table (it lists the others to pick).
pub(crate) const COMPARE_STATIC_ROLES: usize = 12;

/// The most roles a checklist offers to compare with its own.
pub(crate) const PEERS: usize = 3;

impl RecruitingModel {
    /// The roles role `r`'s checklist offers to compare it with: the first others of its
    /// setting, none when it has no setting.
    pub fn peers(&self, r: usize) -> Vec<usize> {
        let Some(setting) = self.setting_of.get(r).and_then(|&s| self.settings.get(s)) else {
            return Vec::new();
        };
        if setting.name.is_none() {
            return Vec::new();
        }
        setting
            .roles
            .iter()
            .copied()
            .filter(|&o| o != r)
            .take(PEERS)
            .collect()
    }
}

/// The setting key of a role: its normalised setting text, empty when none.
fn setting_key(site: &Site, role: &RoleView) -> String {
    role.fields(site)
        .setting
        .as_deref()
        .map(normalise_text)
        .unwrap_or_default()
}

/// Divides `roles` (in display order) for the recruiting pages.
pub(crate) fn recruiting(site: &Site, roles: &[RoleView]) -> RecruitingModel {
    // Settings, by normalised text, in the order their first role comes.
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut settings: Vec<Setting> = Vec::new();
    let mut setting_of = Vec::with_capacity(roles.len());
    for (r, role) in roles.iter().enumerate() {
        let key = setting_key(site, role);
        let s = *by_key.entry(key.clone()).or_insert_with(|| {
            let name = (!key.is_empty())
                .then(|| role.fields(site).setting.clone())
                .flatten();
            settings.push(Setting {
                slug: String::new(),
                name,
                roles: Vec::new(),
            });
            settings.len() - 1
        });
        settings[s].roles.push(r);
        setting_of.push(s);
    }
    // Roles without a setting go last.
    if let Some(none) = by_key.get("").copied() {
        let moved = settings.remove(none);
        settings.push(moved);
        for s in &mut setting_of {
            match (*s).cmp(&none) {
                std::cmp::Ordering::Equal => *s = settings.len() - 1,
                std::cmp::Ordering::Greater => *s -= 1,
                std::cmp::Ordering::Less => {}
            }
        }
    }
    // Slugs unique among settings.
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    for s in &mut settings {
        let base = match &s.name {
            Some(n) => Some(slugify(n))
                .filter(|x| !x.is_empty())
                .unwrap_or_else(|| "setting".into()),
            None => "no-setting".into(),
        };
        let n = used.entry(base.clone()).or_insert(0);
        *n += 1;
        s.slug = if *n == 1 { base } else { format!("{base}-{n}") };
    }

    // Frameworks and ethos pages the roles refer to, with their roles by setting.
    let mut per_page: BTreeMap<usize, BTreeMap<usize, Vec<usize>>> = BTreeMap::new();
    for (r, role) in roles.iter().enumerate() {
        let f = role.fields(site);
        let from_fields = f
            .competencies
            .iter()
            .chain(&f.ethos)
            .filter_map(|x| site.resolve_ref(x).ok());
        let from_criteria = role
            .criteria
            .iter()
            .flat_map(|c| c.refs.iter().filter_map(|(_, t)| t.clone()));
        for t in from_fields.chain(from_criteria) {
            if let Target::Item(p, _) = t
                && matches!(site.pages[p].kind, Kind::Framework | Kind::Ethos)
            {
                let list = per_page
                    .entry(p)
                    .or_default()
                    .entry(setting_of[r])
                    .or_default();
                if list.last() != Some(&r) {
                    list.push(r);
                }
            }
        }
    }
    let mut frameworks: Vec<FrameworkRoles> = per_page
        .into_iter()
        .map(|(page, by)| FrameworkRoles {
            page,
            by_setting: by
                .into_iter()
                .map(|(s, mut rs)| {
                    rs.sort_unstable();
                    rs.dedup();
                    (s, rs)
                })
                .collect(),
        })
        .collect();
    frameworks.sort_by_key(|f| {
        let p = &site.pages[f.page];
        (
            p.kind != Kind::Framework,
            p.common.title.to_lowercase(),
            f.page,
        )
    });

    let pathways = settings.iter().map(|s| ladders(site, roles, s)).collect();
    let mut groups: Vec<Option<Group>> = Vec::new();
    for role in roles {
        for c in &role.criteria {
            if groups.len() <= c.group {
                groups.resize(c.group + 1, None);
            }
            groups[c.group].get_or_insert_with(|| Group {
                category: c.category,
                label: c.text.clone(),
            });
        }
    }
    RecruitingModel {
        groups: groups
            .into_iter()
            .map(|g| {
                g.unwrap_or(Group {
                    category: None,
                    label: String::new(),
                })
            })
            .collect(),
        settings,
        frameworks,
        pathways,
        setting_of,
    }
}

/// A setting's roles put on ladders by grade: roles of the same grade scheme with plain
/// grades; every other role is unplaced, with the reason.
fn ladders(site: &Site, roles: &[RoleView], setting: &Setting) -> SettingPathways {
    let mut by_scheme: BTreeMap<String, Vec<(Grade, usize)>> = BTreeMap::new();
    let mut unplaced = Vec::new();
    for &r in &setting.roles {
        let grade = roles[r].fields(site).grade.as_deref();
        match (setting.name.is_some(), grade.and_then(parse_grade)) {
            (false, _) => unplaced.push(Unplaced {
                role: r,
                reason: "no setting is given, so it has no pathway".into(),
            }),
            (true, None) if grade.is_none() => unplaced.push(Unplaced {
                role: r,
                reason: "no grade or band is given".into(),
            }),
            (true, None) => unplaced.push(Unplaced {
                role: r,
                reason: format!(
                    "its grade \u{201c}{}\u{201d} is not a plain grade or band that can be put in order",
                    grade.unwrap_or_default()
                ),
            }),
            (true, Some(g)) => by_scheme.entry(g.scheme.clone()).or_default().push((g, r)),
        }
    }
    let mut ladders = Vec::new();
    for (_, mut members) in by_scheme {
        if members.len() < 2 {
            for (_, r) in members {
                unplaced.push(Unplaced {
                    role: r,
                    reason:
                        "it is the only role in its setting with a grade that can be put in order"
                            .into(),
                });
            }
            continue;
        }
        members.sort();
        let mut rungs: Vec<Rung> = Vec::new();
        for (g, r) in members {
            match rungs.last_mut() {
                Some(last) if last.grade == g => last.roles.push(r),
                _ => rungs.push(Rung {
                    grade: g,
                    roles: vec![r],
                }),
            }
        }
        ladders.push(Ladder { rungs });
    }
    unplaced.sort_by_key(|u| u.role);
    SettingPathways { ladders, unplaced }
}
