//! Checks on training modules: a session plan whose minutes don't add up to the module's
//! `duration_minutes` (a warning, at `duration_minutes`), a prerequisite cycle (an error
//! naming the cycle, `a -> b -> a`, at the prerequisite entry that closes it). A page in
//! the way of the coverage page is the plan's check (`plan::check`).
//!
//! A prerequisite that does not exist is already an `E-broken-ref` from the link stage;
//! the cycle check only follows prerequisites that resolved to modules.

use crate::diagnostics::{Diagnostics, Severity};
use crate::link::{Site, Target};
use crate::parse::Page;
use crate::parse::kinds::Kind;
use crate::yaml::Seg;

/// Runs the training checks over every module of the site.
pub(crate) fn check(site: &Site, diagnostics: &mut Diagnostics) {
    for page in &site.pages {
        session_plan(page, diagnostics);
    }
    prerequisite_cycles(site, diagnostics);
}

/// Warns when the session plan's minutes differ from `duration_minutes`.
fn session_plan(page: &Page, diagnostics: &mut Diagnostics) {
    let Some(m) = page.module() else { return };
    let Some(duration) = m.duration_minutes else {
        return;
    };
    if m.sessions.is_empty() {
        return;
    }
    let total: u64 = m.sessions.iter().map(|s| u64::from(s.minutes)).sum();
    if total == u64::from(duration) {
        return;
    }
    let doc = page.yaml();
    let sessions_at = doc.span_of(&[Seg::Key("sessions".into())], true);
    let (sessions_line, _) = page.source.text.line_col(sessions_at.start);
    let d = doc
        .error_at(
            "W-session-plan",
            &[Seg::Key("duration_minutes".into())],
            false,
            format!(
                "the session plan (`sessions`, line {sessions_line}) adds up to {total} minutes, but `duration_minutes` is {duration}"
            ),
        )
        .with_severity(Severity::Warning)
        .with_hint(format!(
            "make the sessions add up to {duration} minutes, or set `duration_minutes: {total}`"
        ));
    diagnostics.push(d, Some(&page.source.text));
}

/// One prerequisite edge: the module it leads to and its index in `prerequisites`.
type Edge = (usize, usize);

/// Reports each prerequisite cycle once, at the entry that closes it.
fn prerequisite_cycles(site: &Site, diagnostics: &mut Diagnostics) {
    let n = site.pages.len();
    let mut edges: Vec<Vec<Edge>> = vec![Vec::new(); n];
    for (i, page) in site.pages.iter().enumerate() {
        let Some(m) = page.module() else { continue };
        for (entry, written) in m.prerequisites.iter().enumerate() {
            if let Ok(Target::Page(to)) = site.resolve_ref(written)
                && site.pages[to].kind == Kind::Module
                && !edges[i].iter().any(|&(t, _)| t == to)
            {
                edges[i].push((to, entry));
            }
        }
    }
    // Iterative depth-first search: a prerequisite that leads back to a module still on
    // the path closes a cycle. Pages are in source-path order, so reports are stable.
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; n];
    for start in 0..n {
        if state[start] != NEW || edges[start].is_empty() {
            continue;
        }
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = ON_PATH;
        while let Some(top) = path.last_mut() {
            let (node, next) = *top;
            let Some(&(to, entry)) = edges[node].get(next) else {
                state[node] = DONE;
                path.pop();
                continue;
            };
            top.1 += 1;
            match state[to] {
                NEW => {
                    state[to] = ON_PATH;
                    path.push((to, 0));
                }
                ON_PATH => {
                    let from = path.iter().position(|&(p, _)| p == to).unwrap_or(0);
                    let cycle: Vec<usize> = path[from..].iter().map(|&(p, _)| p).collect();
                    report_cycle(site, &cycle, node, entry, diagnostics);
                }
                _ => {}
            }
        }
    }
}

fn report_cycle(
    site: &Site,
    cycle: &[usize],
    at: usize,
    entry: usize,
    diagnostics: &mut Diagnostics,
) {
    let page = &site.pages[at];
    let mut names: Vec<&str> = cycle.iter().map(|&p| site.pages[p].key.as_str()).collect();
    names.push(&site.pages[cycle[0]].key);
    let (message, hint) = if cycle.len() == 1 {
        (
            format!("module `{}` lists itself as a prerequisite", page.key),
            "remove this entry; a module cannot be taken before itself".to_string(),
        )
    } else {
        (
            format!("prerequisite cycle: {}", names.join(" -> ")),
            "remove one of these prerequisites so the modules can be taken in some order"
                .to_string(),
        )
    };
    let path = [Seg::Key("prerequisites".into()), Seg::Index(entry)];
    let d = page
        .yaml()
        .error_at("E-prerequisite-cycle", &path, false, message)
        .with_hint(hint);
    diagnostics.push(d, Some(&page.source.text));
}
