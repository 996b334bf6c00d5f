//! `handbook` turns a folder of Markdown about therapy services (role profiles, ethos,
//! practice guidance, competency frameworks, training) into a cross-linked, searchable
//! static handbook.
//!
//! The build is a straight line, one module per stage, each taking the previous stage's
//! value and reporting problems as diagnostics rather than stopping at the first:
//!
//! ```text
//! load -> parse -> link -> model -> validate -> plan -> render -> index -> write
//! ```
//!
//! `pipeline` wires the stages once for every command; the plan (`plan`) lists every file
//! the build writes before anything renders.
//!
//! [`build`] runs it; the CLI in `main.rs` only parses arguments and prints.

#![warn(missing_docs, unreachable_pub)]
// Diagnostics are returned by value on the cold error path; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub(crate) mod abbreviations;
pub mod config;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod highlight;
pub(crate) mod html;
pub mod import;
pub mod incremental;
pub mod index;
pub(crate) mod link;
pub mod load;
pub mod markdown;
pub(crate) mod model;
pub mod parse;
pub mod pipeline;
pub mod plan;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod serve;
pub(crate) mod theme;
pub(crate) mod urls;
pub(crate) mod validate;
pub(crate) mod write;
pub mod yaml;

pub use pipeline::{BuildOptions, BuildOutcome, build, prepared_site, recover_output};
pub use write::clean_up_after_signal;
