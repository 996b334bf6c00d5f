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

#[test]
fn the_tutorial_runs_as_written() {
    let tutorial = guide::guide("tutorial.md");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut block: Option<(String, String)> = None;
    let mut commands = 0;
    let mut files = 0;
    for event in Parser::new_ext(&tutorial, Options::all()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                block = Some((info.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = block.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, text)) = block.take() else {
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
                    for (command, expected) in steps {
                        let actual = run(dir.path(), &command);
                        assert_eq!(
                            normalise(&actual),
                            normalise(&expected),
                            "\ntutorial.md is out of date: `$ {command}` now prints:\n{actual}\n\
                             Paste that output under the command in content/authoring/tutorial.md."
                        );
                        commands += 1;
                    }
                }
            }
            _ => {}
        }
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
