//! The tutorial (content/authoring/tutorial.md) is run as written, so every command it
//! shows works and prints what it shows.
//!
//! In a fresh folder, its code blocks are replayed in order: a block whose info string
//! has `file=PATH` is saved to PATH (what the reader is told to save), and in a `console`
//! block each `$ ` line is run with this build's `handbook` first on the PATH and its
//! output compared with the lines under it. Numbers (timings, counts, dates) are compared
//! as "some number", so the tutorial need not change when a build gets faster.

mod guide;

use std::path::Path;
use std::process::Command;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Lines with every run of digits replaced by `#`, trailing spaces and blank ends dropped.
fn normalise(text: &str) -> String {
    let mut out = String::new();
    let mut in_number = false;
    for c in text.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Runs one shell command line in `dir` with `handbook` on the PATH; stdout and stderr
/// interleaved as a terminal shows them.
fn run(dir: &Path, command: &str) -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_handbook"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("binary folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("{command} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The output as the tutorial shows it: trailing spaces and blank lines at the end dropped.
fn as_shown(output: &str) -> String {
    let lines: Vec<&str> = output.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end_matches('\n').to_string()
}

#[test]
fn the_tutorial_runs_as_written() {
    let tutorial = guide::guide("tutorial.md");
    // With UPDATE_TUTORIAL=1 the outputs shown are replaced by the real ones (review the diff).
    let update = std::env::var_os("UPDATE_TUTORIAL").is_some();
    let mut updated = tutorial.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut block: Option<(String, String, std::ops::Range<usize>)> = None;
    let mut commands = 0;
    let mut files = 0;
    let mut rewrites: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    for (event, range) in Parser::new_ext(&tutorial, Options::all()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                block = Some((info.to_string(), String::new(), range));
            }
            Event::Text(t) => {
                if let Some((_, text, _)) = block.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, text, range)) = block.take() else {
                    continue;
                };
                if let Some(path) = info
                    .split_whitespace()
                    .find_map(|w| w.strip_prefix("file="))
                {
                    let path = dir.path().join(path);
                    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
                    std::fs::write(&path, &text).expect("write the tutorial's file");
                    files += 1;
                } else if info.starts_with("console") {
                    let mut steps: Vec<(String, String)> = Vec::new();
                    for line in text.lines() {
                        match line.strip_prefix("$ ") {
                            Some(command) => steps.push((command.to_string(), String::new())),
                            None => {
                                if let Some((_, expected)) = steps.last_mut() {
                                    expected.push_str(line);
                                    expected.push('\n');
                                }
                            }
                        }
                    }
                    let mut shown = format!("```{info}\n");
                    for (command, expected) in steps {
                        let actual = run(dir.path(), &command);
                        shown.push_str(&format!("$ {command}\n"));
                        let output = as_shown(&actual);
                        if !output.is_empty() {
                            shown.push_str(&output);
                            shown.push('\n');
                        }
                        if !update {
                            assert_eq!(
                                normalise(&actual),
                                normalise(&expected),
                                "\ntutorial.md is out of date: `$ {command}` now prints:\n{actual}\n\
                                 Paste that output under the command in content/authoring/tutorial.md, \
                                 or run `UPDATE_TUTORIAL=1 cargo test --test tutorial` and review the diff."
                            );
                        }
                        commands += 1;
                    }
                    shown.push_str("```");
                    rewrites.push((range, shown));
                }
            }
            _ => {}
        }
    }
    if update {
        for (range, shown) in rewrites.into_iter().rev() {
            let end = tutorial[..range.end].trim_end().len();
            updated.replace_range(range.start..end, &shown);
        }
        let path = guide::repo().join("content/authoring/tutorial.md");
        std::fs::write(path, updated).expect("update tutorial.md");
    }
    assert!(
        commands >= 6 && files >= 3,
        "the tutorial ran {commands} commands and saved {files} files"
    );
    // The end result: a built site with the new module, linked from its programme.
    let module = dir
        .path()
        .join("my-handbook/public/training/induction/kolb-cycle.html");
    let html = std::fs::read_to_string(&module).expect("the tutorial's module was built");
    assert!(html.contains("Name the four stages of Kolb"), "{html}");
    let programme = std::fs::read_to_string(
        dir.path()
            .join("my-handbook/public/training/induction/index.html"),
    )
    .expect("programme page");
    assert!(
        programme.contains("training/induction/kolb-cycle.html\""),
        "{programme}"
    );
}
