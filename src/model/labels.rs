//! Numbers as people read them, shared by the pages, the exports and the search index so
//! a role's hours or a module's length read the same everywhere.

/// A number as people write it: `37` not `37.0`, `37.5` as is.
pub(crate) fn number_label(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Minutes as `1 h 30 min`.
pub(crate) fn duration_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}
