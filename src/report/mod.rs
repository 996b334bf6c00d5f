//! `handbook report`: read-only reports on a site for the people who maintain it.
//!
//! - `coverage`: what the training develops against what the roles require (the model's
//!   coverage of the site exactly as it would be published: the same stages as `build`);
//! - `review`: every page's review date, with its owner and whether it is overdue.
//!
//! Each renders as a terminal table, CSV or JSON. Nothing is written to the site.

pub mod coverage;
pub mod review;
pub mod table;

use std::str::FromStr;

use crate::config;
use crate::diagnostics::Diagnostics;
use crate::parse::kinds::Date;
use crate::pipeline::{BuildOptions, prepared_site};

/// How a report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Aligned text for a terminal (the default).
    #[default]
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// Pretty-printed JSON.
    Json,
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "table" => Ok(Format::Table),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            other => Err(format!("unknown format `{other}`; use table, csv or json")),
        }
    }
}

/// A report's text, or the content errors that stopped it.
#[derive(Debug)]
pub struct ReportOutcome {
    /// The report, when the site could be read without errors.
    pub text: Option<String>,
    /// Errors (and warnings) found while reading the site.
    pub diagnostics: Diagnostics,
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The coverage report of the site at `options.root`, as `build` would publish it.
pub fn coverage_report(options: &BuildOptions, format: Format) -> ReportOutcome {
    let (prepared, diagnostics) = prepared_site(options);
    let text = match prepared {
        Some(p) if diagnostics.error_count() == 0 => {
            let c = &p.model.coverage;
            Some(match format {
                Format::Table => coverage::to_table(c),
                Format::Csv => coverage::to_csv(c),
                Format::Json => json(c),
            })
        }
        _ => None,
    };
    ReportOutcome { text, diagnostics }
}

/// The review-date report of every page under `root/content`, drafts and internal pages
/// included; `today` decides what is overdue.
pub fn review_report(root: &std::path::Path, today: Date, format: Format) -> ReportOutcome {
    let mut diagnostics = Diagnostics::new();
    if let Err(d) = config::load(root) {
        return ReportOutcome {
            text: None,
            diagnostics: d,
        };
    }
    // Every page, drafts and internal ones too: editors review what is unpublished.
    let everything = crate::pipeline::Publish {
        drafts: true,
        include_internal: true,
        today,
    };
    let (read, d) = crate::pipeline::read_pages(root, everything);
    let pages = read.pages;
    diagnostics.extend(d);
    if diagnostics.error_count() > 0 {
        return ReportOutcome {
            text: None,
            diagnostics,
        };
    }
    let r = review::review(&pages, today);
    let text = match format {
        Format::Table => r.to_table(),
        Format::Csv => r.to_csv(),
        Format::Json => json(&r),
    };
    ReportOutcome {
        text: Some(text),
        diagnostics,
    }
}
