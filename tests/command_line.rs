//! content/authoring/command-line.md checked against the program: every command,
//! argument and flag that `--help` lists is documented there, and nothing else; every
//! `--help` carries an example and points to the guide.

mod guide;

use std::collections::BTreeSet;
use std::process::Command;

use guide::{Section, guide, sections};
use pulldown_cmark::HeadingLevel;

fn help(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(args)
        .arg("--help")
        .env("COLUMNS", "200")
        .output()
        .expect("run handbook");
    assert!(out.status.success(), "handbook {args:?} --help failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The entries of a `--help` block such as "Commands:" or "Options:": the text before the
/// description of each entry that starts with one of `starts` (continuation lines skipped).
fn help_block(help: &str, title: &str, starts: &[char]) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != title)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim_start)
        .filter(|l| l.starts_with(starts))
        .map(|l| l.split("  ").next().unwrap_or("").to_string())
        .collect()
}

/// Every command path (`["build"]`, `["report", "coverage"]` ...) with its help text.
fn commands(path: Vec<String>, out: &mut Vec<(Vec<String>, String)>) {
    let args: Vec<&str> = path.iter().map(String::as_str).collect();
    let text = help(&args);
    let letters: Vec<char> = ('a'..='z').collect();
    let subcommands: Vec<String> = help_block(&text, "Commands:", &letters)
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect();
    out.push((path.clone(), text));
    for sub in subcommands {
        let mut p = path.clone();
        p.push(sub);
        commands(p, out);
    }
}

/// `--flag`s and `<ARGS>` of one help text.
fn flags_and_args(help: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let flags = help_block(help, "Options:", &['-'])
        .iter()
        .flat_map(|l| l.split([' ', ',']).map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.starts_with('-'))
        .collect();
    let args = help_block(help, "Arguments:", &['<', '['])
        .iter()
        .map(|a| a.trim_matches(['<', '>', '[', ']', '.']).to_string())
        .collect();
    (flags, args)
}

#[test]
fn the_command_line_page_documents_every_command_and_flag() {
    let mut all = Vec::new();
    commands(Vec::new(), &mut all);
    assert!(
        all.len() >= 5,
        "found commands: {:?}",
        all.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    let sections = sections(&guide("command-line.md"), HeadingLevel::H2);
    // A command's contract is its synopsis (the first code block of its section) and the
    // code in its options table; examples further down may show other commands.
    let code_of = |s: &Section| -> String {
        let cells = s
            .tables
            .iter()
            .flatten()
            .flatten()
            .flat_map(|c| c.code.iter());
        let mut text = s.code_blocks.first().cloned().unwrap_or_default();
        for c in cells {
            text.push('\n');
            text.push_str(c);
        }
        text
    };
    let (global, _) = flags_and_args(&all[0].1);
    let mut problems = Vec::new();
    let global_text = sections.get("global").map(code_of).unwrap_or_default();
    for f in &global {
        if !global_text
            .split(|c: char| c.is_whitespace() || c == ',')
            .any(|w| w == f)
        {
            problems.push(format!(
                "the option `{f}` of every command is not documented under `{{#global}}`"
            ));
        }
    }
    for (path, text) in all.iter().skip(1) {
        let id = format!("handbook-{}", path.join("-"));
        let Some(section) = sections.get(&id) else {
            problems.push(format!(
                "`handbook {}` has no section (heading `## handbook {}`)",
                path.join(" "),
                path.join(" ")
            ));
            continue;
        };
        let documented = code_of(section);
        let words: BTreeSet<&str> = documented
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '=' | '(' | ')'))
            .collect();
        let (flags, args) = flags_and_args(text);
        for f in flags.difference(&global) {
            if !words.contains(f.as_str()) {
                problems.push(format!("#{id}: the flag `{f}` is not documented"));
            }
        }
        for a in &args {
            if !words.contains(a.as_str()) {
                problems.push(format!("#{id}: the argument `{a}` is not documented"));
            }
        }
        for w in words.iter().filter(|w| w.starts_with("--")) {
            if !flags.contains(*w) {
                problems.push(format!(
                    "#{id}: documents `{w}`, which `handbook {} --help` does not list",
                    path.join(" ")
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "content/authoring/command-line.md has drifted from the code:\n- {}",
        problems.join("\n- ")
    );
}

#[test]
fn every_help_has_an_example_and_points_to_the_guide() {
    let mut all = Vec::new();
    commands(Vec::new(), &mut all);
    for (path, text) in &all {
        let name = format!("handbook {} --help", path.join(" "));
        assert!(text.contains("Example"), "{name} has no example:\n{text}");
        assert!(
            text.contains("content/authoring/"),
            "{name} does not name the guide's source:\n{text}"
        );
        assert!(
            text.contains("public/authoring/index.html"),
            "{name} does not name the built guide:\n{text}"
        );
    }
}
