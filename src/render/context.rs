//! The template context of each page: the documented, stable data a theme gets.
//!
//! Every URL in the context is relative to the site root; templates prefix it with
//! `base` (the `../` path from the page to the root), so the same site works from disk,
//! under a sub-path and at a web root.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::link::{Relation, Site, Target, item_url};
use crate::parse::Page;
use crate::parse::kinds::{Category, Date, Kind, KindData, Need};
use crate::render::reflective;

/// A reference as templates see it.
pub fn link_json(site: &Site, reference: &str) -> Value {
    match site.resolve_ref(reference) {
        Ok(t) => target_json(site, &t),
        Err(_) => {
            json!({ "title": reference, "url": Value::Null, "summary": Value::Null, "kind": Value::Null })
        }
    }
}

/// A resolved target as templates see it.
pub fn target_json(site: &Site, t: &Target) -> Value {
    let page = &site.pages[t.page()];
    let (summary, number) = match t {
        Target::Item(p, i) => {
            let item = &site.pages[*p].common.items[*i];
            (item.summary.clone(), item.number)
        }
        Target::Term(p, i) => (
            site.pages[*p]
                .glossary()
                .and_then(|g| g.terms[*i].definition.clone()),
            None,
        ),
        _ => (page.common.summary.clone(), None),
    };
    json!({
        "title": site.target_title(t),
        "url": site.target_url(t),
        "summary": summary,
        "number": number,
        "kind": page.kind.name(),
        "page_title": page.common.title,
    })
}

fn page_link(site: &Site, i: usize) -> Value {
    let p = &site.pages[i];
    json!({
        "title": p.common.title,
        "url": p.url,
        "summary": p.common.summary,
        "kind": p.kind.name(),
        "is_section": p.is_section,
    })
}

fn links(site: &Site, refs: &[String]) -> Vec<Value> {
    refs.iter().map(|r| link_json(site, r)).collect()
}

/// How a page that links here relates to this one, in a reader's words; nothing for a
/// plain link or a "See also" entry (the list's heading says that much).
fn relation_label(r: Relation) -> Option<&'static str> {
    match r {
        Relation::LinksTo | Relation::Related => None,
        Relation::Requires => Some("requires it"),
        Relation::Develops => Some("develops it"),
        Relation::ReportsTo => Some("reports to this role"),
        Relation::Audience => Some("is meant for this role"),
        Relation::Prerequisite => Some("comes after this one"),
    }
}

/// Backlinks grouped by the referring page's kind.
pub fn backlinks_json(site: &Site, backlinks: &[crate::link::Backlink]) -> Vec<Value> {
    let mut groups: BTreeMap<Kind, Vec<(usize, Vec<Relation>)>> = BTreeMap::new();
    for b in backlinks {
        let kind = site.pages[b.from].kind;
        let list = groups.entry(kind).or_default();
        match list.iter_mut().find(|(p, _)| *p == b.from) {
            Some((_, rels)) => {
                if !rels.contains(&b.relation) {
                    rels.push(b.relation)
                }
            }
            None => list.push((b.from, vec![b.relation])),
        }
    }
    groups
        .into_iter()
        .map(|(kind, mut list)| {
            list.sort_by(|a, b| {
                site.pages[a.0]
                    .common
                    .title
                    .cmp(&site.pages[b.0].common.title)
            });
            let pages: Vec<Value> = list
                .into_iter()
                .map(|(p, rels)| {
                    let mut v = page_link(site, p);
                    v["relations"] = json!(
                        rels.iter()
                            .filter_map(|r| relation_label(*r))
                            .collect::<Vec<_>>()
                    );
                    v
                })
                .collect();
            json!({ "kind": kind.name(), "label": kind.plural(), "pages": pages })
        })
        .collect()
}

/// Items grouped by cluster, in source order.
fn items_json(site: &Site, index: usize) -> Vec<Value> {
    let page = &site.pages[index];
    let mut clusters: Vec<(Option<String>, Vec<Value>)> = Vec::new();
    for item in &page.common.items {
        let v = json!({
            "id": item.id,
            "name": item.name,
            "number": item.number,
            "cluster": item.cluster,
            "summary": item.summary,
            "levels": item.levels,
            "url": item_url(page, &item.id),
        });
        match clusters.iter_mut().find(|(c, _)| *c == item.cluster) {
            Some((_, list)) => list.push(v),
            None => clusters.push((item.cluster.clone(), vec![v])),
        }
    }
    clusters
        .into_iter()
        .map(|(name, items)| json!({ "name": name, "items": items }))
        .collect()
}

/// A number as people write it: `37` not `37.0`, `37.5` as is.
pub fn number_label(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Minutes as `1 h 30 min`.
pub fn duration_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

fn role_json(site: &Site, page: &Page) -> Value {
    let Some(r) = page.role() else {
        return Value::Null;
    };
    let mut groups = Vec::new();
    for cat in Category::ALL.iter().map(Some).chain([None]) {
        let criteria: Vec<Value> = r
            .person_spec
            .iter()
            .enumerate()
            .filter(|(_, c)| c.category.as_ref() == cat)
            .map(|(i, c)| {
                json!({
                    "index": i + 1,
                    "text": c.text,
                    "need": match c.need { Need::Essential => "essential", Need::Desirable => "desirable", Need::Unspecified => "unspecified" },
                    "need_label": c.need.label(),
                    "assessed_by": c.assessed_by.iter().map(|a| a.label()).collect::<Vec<_>>(),
                    "refs": links(site, &c.refs),
                })
            })
            .collect();
        if !criteria.is_empty() {
            groups.push(json!({
                "category": cat.map_or("other", |c| c.name()),
                "label": cat.map_or("Other requirements", |c| c.label()),
                "criteria": criteria,
            }));
        }
    }
    let all_unspecified =
        !r.person_spec.is_empty() && r.person_spec.iter().all(|c| c.need == Need::Unspecified);
    json!({
        "organisation": r.organisation,
        "organisation_url": r.organisation.as_deref().map(|o| super::taxonomy::term_url("organisations", o)),
        "grade_url": r.grade.as_deref().map(|g| super::taxonomy::term_url("grades", g)),
        "professional_bodies_index": "professional-bodies/index.html",
        "setting": r.setting,
        "grade": r.grade,
        "group_profile": r.group_profile,
        "reports_to": r.reports_to,
        "reports_to_role": r.reports_to_role.as_ref().map(|x| link_json(site, x)),
        "location": r.location,
        "salary": r.salary,
        "line_management": r.line_management,
        "hours_per_week": r.hours_per_week.map(number_label),
        "travel": r.travel,
        "source": r.source,
        "competencies": links(site, &r.competencies),
        "ethos": links(site, &r.ethos),
        "professional_bodies": links(site, &r.professional_bodies),
        "person_spec": groups,
        "criteria_count": r.person_spec.len(),
        "essential_count": r.person_spec.iter().filter(|c| c.need == Need::Essential).count(),
        "desirable_count": r.person_spec.iter().filter(|c| c.need == Need::Desirable).count(),
        "all_unspecified": all_unspecified,
        "recruiting": super::recruiting::role_links(page),
    })
}

fn module_json(site: &Site, page: &Page) -> Value {
    let Some(m) = page.module() else {
        return Value::Null;
    };
    let mut start = 0u32;
    let sessions: Vec<Value> = m
        .sessions
        .iter()
        .map(|s| {
            let v = json!({
                "start": format!("{}:{:02}", start / 60, start % 60),
                "minutes": s.minutes,
                "activity": s.activity,
            });
            start = start.saturating_add(s.minutes);
            v
        })
        .collect();
    let model = m.reflective_model.as_deref().map(reflective::model_json);
    json!({
        "duration_minutes": m.duration_minutes,
        "duration_label": super::training::module_minutes(m).map(duration_label),
        "audience": links(site, &m.audience),
        "develops": links(site, &m.develops),
        "ethos": links(site, &m.ethos),
        "outcomes": m.outcomes,
        "reflective_model": model,
        "sessions": sessions,
        "sessions_total": start,
        "prompts": m.prompts,
        "prerequisites": links(site, &m.prerequisites),
    })
}

fn programme_json(site: &Site, index: usize) -> Value {
    let page = &site.pages[index];
    let Some(p) = page.programme() else {
        return Value::Null;
    };
    let modules: Vec<usize> = site
        .children
        .get(&page.key)
        .map(|c| {
            c.iter()
                .copied()
                .filter(|&i| site.pages[i].kind == Kind::Module)
                .collect()
        })
        .unwrap_or_default();
    let mut total = 0;
    let mut covered: Vec<String> = Vec::new();
    let list: Vec<Value> = modules
        .iter()
        .map(|&i| {
            let m = site.pages[i].module();
            let minutes = m.and_then(super::training::module_minutes).unwrap_or(0);
            total = u32::saturating_add(total, minutes);
            for d in m.map(|m| m.develops.as_slice()).unwrap_or_default() {
                if !covered.contains(d) {
                    covered.push(d.clone());
                }
            }
            let mut v = page_link(site, i);
            v["duration_minutes"] = json!(minutes);
            v["duration_label"] = json!(duration_label(minutes));
            v
        })
        .collect();
    json!({
        "audience": links(site, &p.audience),
        "modules": list,
        "total_minutes": total,
        "total_label": duration_label(total),
        "competencies": links(site, &covered),
    })
}

fn glossary_json(site: &Site, page: &Page) -> Value {
    let Some(g) = page.glossary() else {
        return Value::Null;
    };
    let mut terms: Vec<Value> = g
        .terms
        .iter()
        .map(|t| {
            json!({
                "id": t.id,
                "term": t.term,
                "abbreviation": t.abbreviation,
                "definition": t.definition,
                "see_also": links(site, &t.see_also),
                "sort": t.abbreviation.clone().filter(|a| !a.is_empty()).unwrap_or_else(|| t.term.clone()).to_lowercase(),
            })
        })
        .collect();
    terms.sort_by(|a, b| a["sort"].as_str().cmp(&b["sort"].as_str()));
    json!({ "terms": terms })
}

/// The whole context of page `index`, except its rendered body.
pub fn page_context(site: &Site, index: usize, today: Date) -> Value {
    let page = &site.pages[index];
    let c = &page.common;
    let breadcrumbs: Vec<Value> = site
        .ancestors(index)
        .into_iter()
        .map(|i| page_link(site, i))
        .collect();
    let (prev, next) = site.neighbours(index);
    let children: Vec<Value> = if page.is_section {
        site.children
            .get(&page.key)
            .map(|c| c.iter().map(|&i| page_link(site, i)).collect())
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    let backlinks = backlinks_json(site, &site.backlinks[index]);
    let tags: Vec<Value> = c
        .tags
        .iter()
        .map(|t| json!({ "name": t, "url": super::taxonomy::term_url("tags", t) }))
        .collect();
    json!({
        "key": page.key,
        "title": c.title,
        "kind": page.kind.name(),
        "kind_label": page.kind.plural(),
        "is_section": page.is_section,
        "url": page.url,
        "source_path": page.source.text.name,
        "summary": c.summary,
        "tags": tags,
        "owner": c.owner,
        "review_by": c.review_by,
        "review_overdue": c.review_by.is_some_and(|d| d < today),
        "draft": c.draft,
        "internal": c.classification == crate::parse::kinds::Classification::Internal,
        "breadcrumbs": breadcrumbs,
        "prev": prev.map(|i| page_link(site, i)),
        "next": next.map(|i| page_link(site, i)),
        "children": children,
        "related": links(site, &c.related),
        "backlinks": backlinks,
        "items": items_json(site, index),
        "toc": page.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect::<Vec<_>>(),
        "role": role_json(site, page),
        "module": module_json(site, page),
        "programme": programme_json(site, index),
        "glossary": glossary_json(site, page),
        "has_fields": !matches!(page.data, KindData::None),
    })
}

/// Site-wide navigation: the home page's sections, in order.
pub fn nav_json(site: &Site) -> Vec<Value> {
    site.children
        .get("")
        .map(|c| c.iter().map(|&i| page_link(site, i)).collect())
        .unwrap_or_default()
}
