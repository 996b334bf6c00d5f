//! Plain-text tables for the terminal and CSV rows, shared by the reports.
//!
//! Cells wrap at word boundaries so long titles stay readable in a terminal; a `\n` in a
//! cell starts a new line (one entry of a list per line); columns marked `keep` (such as
//! references people copy) never wrap. No colour, so the output can be piped and diffed.

/// Widest a column grows before its cells wrap.
const MAX_WIDTH: usize = 38;

/// A table of text cells with a header row.
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    keep: Vec<bool>,
}

impl Table {
    /// A table with these column headings.
    pub fn new(headers: &[&str]) -> Self {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            keep: vec![false; headers.len()],
        }
    }

    /// Never wraps column `col` (for identifiers people copy and paste).
    pub fn keep(mut self, col: usize) -> Self {
        if let Some(k) = self.keep.get_mut(col) {
            *k = true;
        }
        self
    }

    /// Adds a row (missing cells are blank, extra cells dropped).
    pub fn row(&mut self, cells: Vec<String>) {
        // A title or owner must not move the cursor or retitle the terminal.
        let mut cells: Vec<String> = cells
            .iter()
            .map(|c| crate::diagnostics::terminal_safe(c).into_owned())
            .collect();
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    /// The table, or `empty` (indented) when it has no rows.
    pub fn render_or(&self, empty: &str) -> String {
        if self.rows.is_empty() {
            return format!("  {empty}\n");
        }
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for ((w, cell), &keep) in widths.iter_mut().zip(row).zip(&self.keep) {
                let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                *w = (*w).max(if keep {
                    longest
                } else {
                    longest.min(MAX_WIDTH)
                });
            }
        }
        let mut out = String::new();
        let wrapped: Vec<Vec<Vec<String>>> = self
            .rows
            .iter()
            .map(|r| r.iter().zip(&widths).map(|(c, &w)| wrap(c, w)).collect())
            .collect();
        let spaced = wrapped.iter().any(|r| r.iter().any(|c| c.len() > 1));
        line(&mut out, &self.headers, &widths);
        let rule: Vec<String> = widths.iter().map(|&w| "-".repeat(w)).collect();
        line(&mut out, &rule, &widths);
        for (i, row) in wrapped.iter().enumerate() {
            if spaced && i > 0 {
                out.push('\n');
            }
            let height = row.iter().map(Vec::len).max().unwrap_or(1);
            for l in 0..height {
                let cells: Vec<String> = (0..n)
                    .map(|c| row[c].get(l).cloned().unwrap_or_default())
                    .collect();
                line(&mut out, &cells, &widths);
            }
        }
        out
    }
}

fn line(out: &mut String, cells: &[String], widths: &[usize]) {
    let mut text = String::from("  ");
    for (cell, &w) in cells.iter().zip(widths) {
        text.push_str(cell);
        text.push_str(&" ".repeat(w.saturating_sub(cell.chars().count()) + 2));
    }
    out.push_str(text.trim_end());
    out.push('\n');
}

/// Splits `text` into lines of at most `width` characters: at each `\n`, then at spaces
/// where it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split('\n')
        .flat_map(|line| wrap_line(line, width))
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn wrap_line(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > width {
            if !current.is_empty() {
                lines.push(std::mem::take(&mut current));
            }
            lines.push(word.drain(..width).collect());
        }
        let word: String = word.into_iter().collect();
        let len = current.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(&word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// One CSV record (RFC 4180 quoting). A cell that a spreadsheet would run as a formula
/// (starting `=`, `+`, `-`, `@`) gets a leading `'`, so opening the file runs nothing.
pub fn csv_row(cells: &[&str]) -> String {
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let guarded;
        let cell = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            guarded = format!("'{cell}");
            guarded.as_str()
        } else {
            cell
        };
        if cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_wrap_at_spaces_and_long_words_split() {
        assert_eq!(wrap("one two three", 7), vec!["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
        assert_eq!(wrap("a b\nc", 10), vec!["a b", "c"]);
    }

    #[test]
    fn csv_quotes_and_guards_formulas() {
        assert_eq!(
            csv_row(&["a", "b,c", "say \"hi\""]),
            "a,\"b,c\",\"say \"\"hi\"\"\"\n"
        );
        assert_eq!(csv_row(&["=1+1"]), "'=1+1\n");
    }

    #[test]
    fn tables_align_columns() {
        let mut t = Table::new(&["A", "Long header"]);
        t.row(vec!["x".into(), "y".into()]);
        assert_eq!(
            t.render_or("-"),
            "  A  Long header\n  -  -----------\n  x  y\n"
        );
        assert_eq!(Table::new(&["A"]).render_or("(none)"), "  (none)\n");
    }
}
