//! The "Bring your own Markdown" guide (content/authoring/own-markdown.md) checked
//! against the program, as tutorial.rs and reference.rs check theirs:
//!
//! - its `handbook import` example, run on the mdBook fixture, prints what it shows (the
//!   lines shown, in order; `...` stands for lines left out), and so does the one on the
//!   command-line page;
//! - its `handbook.yml` is accepted and sets the three settings it explains;
//! - every row of its front-matter mapping table is what the import does.

mod common;
mod guide;

use std::process::Command;

use guide::{guide, sections};
use pulldown_cmark::HeadingLevel;

/// The first `console` block of `page`: the command after `$ ` and the lines under it.
fn console(page: &str) -> (String, Vec<String>) {
    let text = guide(page);
    let start = text
        .find("```console\n$ handbook import")
        .expect("an import example");
    let block = &text[start + "```console\n$ ".len()..];
    let block = &block[..block.find("\n```").expect("closed block")];
    let mut lines = block.lines();
    let command = lines.next().unwrap_or("").to_string();
    (command, lines.map(|l| l.trim_end().to_string()).collect())
}

/// Checks that every shown line (but `...`) is in `actual`, in order.
fn shown_in_order(page: &str, shown: &[String], actual: &str) {
    let actual: Vec<&str> = actual.lines().map(str::trim_end).collect();
    let mut at = 0;
    for line in shown.iter().filter(|l| l.trim() != "...") {
        match actual[at..].iter().position(|a| a == line) {
            Some(i) => at += i + 1,
            None => panic!(
                "{page}: the example shows\n  {line}\nbut `handbook import` printed (from line {}):\n{}",
                at + 1,
                actual[at..].join("\n")
            ),
        }
    }
}

#[test]
fn the_import_examples_print_what_they_show() {
    for page in ["own-markdown.md", "command-line.md"] {
        let (command, shown) = console(page);
        let words: Vec<&str> = command.split_whitespace().collect();
        let ["handbook", "import", "mdbook", src, dest] = words.as_slice() else {
            panic!(
                "{page}: the example must be `handbook import mdbook SRC DEST`, not `{command}`"
            );
        };
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(&common::fixture("byo-mdbook"), &dir.path().join(src));
        let out = Command::new(env!("CARGO_BIN_EXE_handbook"))
            .args(["import", "mdbook", src, dest])
            .current_dir(dir.path())
            .output()
            .expect("run handbook import");
        assert!(out.status.success(), "{page}: {command} failed");
        shown_in_order(page, &shown, &String::from_utf8_lossy(&out.stderr));
        let built = handbook::build(&handbook::BuildOptions::new(dir.path().join(dest)));
        assert!(built.ok(), "{page}: the imported example does not build");
    }
}

#[test]
fn the_settings_shown_are_accepted_and_are_the_ones_explained() {
    let sections = sections(&guide("own-markdown.md"), HeadingLevel::H2);
    let yaml = sections["as-it-is"]
        .code_blocks
        .iter()
        .find(|b| b.starts_with("title:"))
        .expect("a handbook.yml example");
    let config =
        handbook::config::parse(yaml).unwrap_or_else(|d| panic!("{}", d.to_plain_string()));
    assert_eq!(config.unknown_fields, handbook::config::UnknownFields::Warn);
    assert_eq!(config.heading_ids, handbook::config::HeadingIds::Github);
    assert_eq!(config.page_urls, handbook::config::PageUrls::FileName);
    let explained = &sections["settings"].code_spans;
    for s in [
        "unknown_fields: warn",
        "heading_ids: github",
        "page_urls: file-name",
    ] {
        assert!(
            explained.iter().any(|c| c == s),
            "#settings does not explain `{s}`"
        );
    }
}

/// Front matter that has each source field the mapping table names, as the tool that
/// writes it writes it.
fn example_of(field: &str) -> Option<(&'static str, &'static str)> {
    // (tool, front matter)
    Some(match field {
        "title" => ("jekyll", "title: Visits"),
        "description" => ("jekyll", "description: How visits work."),
        "summary" => ("jekyll", "summary: How visits work."),
        "excerpt" => ("jekyll", "excerpt: How visits work."),
        "tags" => ("jekyll", "tags: visits families"),
        "keywords" => ("jekyll", "keywords: visits, families"),
        "[taxonomies] tags" => ("zola", "[taxonomies]\ntags = [\"visits\"]"),
        "weight" => ("jekyll", "weight: 3"),
        "nav_order" => ("jekyll", "nav_order: 3"),
        "eleventyNavigation.order" => {
            ("eleventy", "eleventyNavigation:\n  key: Visits\n  order: 3")
        }
        "draft" => ("jekyll", "draft: true"),
        "published: false" => ("jekyll", "published: false"),
        "aliases" => ("jekyll", "aliases: [/visiting/]"),
        "redirect_from" => ("jekyll", "redirect_from: /visiting/"),
        "permalink" => ("jekyll", "permalink: /visiting/"),
        "[extra]" => ("zola", "[extra]\nlayout = \"page\""),
        _ => return None,
    })
}

fn imported_front_matter(tool: &str, front: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("site");
    let text = if tool == "zola" {
        common::write(&src, "config.toml", "title = \"Site\"\n");
        format!("+++\ntitle = \"Visits\"\n{front}\n+++\nText.\n")
    } else {
        let title = if front.starts_with("title:") {
            ""
        } else {
            "title: Visits\n"
        };
        format!("---\n{title}{front}\n---\nText.\n")
    };
    let rel = if tool == "zola" {
        "content/visits.md"
    } else {
        "visits.md"
    };
    common::write(&src, rel, text);
    let dest = dir.path().join("handbook");
    let tool = handbook::import::Tool::from_name(tool).expect("tool");
    handbook::import::import(tool, &src, &dest).unwrap_or_else(|e| panic!("{}", e.message));
    common::read(&dest, "content/visits.md")
}

#[test]
fn the_mapping_table_is_what_the_import_does() {
    let sections = sections(&guide("own-markdown.md"), HeadingLevel::H2);
    let table = sections["mapping"]
        .tables
        .first()
        .expect("the mapping table");
    let mut problems = Vec::new();
    for row in table.iter().skip(1) {
        let [from, to] = row.as_slice() else {
            problems.push(format!("a row has {} cells instead of 2", row.len()));
            continue;
        };
        let [target] = to.code.as_slice() else {
            problems.push(format!(
                "`{}`: the handbook cell must name one field",
                to.text
            ));
            continue;
        };
        let mut sources = from.code.clone();
        if from.text.contains("anything else") {
            sources.push("layout".into());
        }
        for field in &sources {
            let (tool, front) = match (field.as_str(), example_of(field)) {
                ("layout", _) => ("jekyll", "layout: page"),
                (_, Some(e)) => e,
                (_, None) => {
                    problems.push(format!("`{field}`: teach this test an example of it"));
                    continue;
                }
            };
            let written = imported_front_matter(tool, front);
            let fm = written.split("\n---\n").next().unwrap_or("");
            let lands = fm
                .lines()
                .any(|l| l == format!("{target}:") || l.starts_with(&format!("{target}: ")));
            if !lands {
                problems.push(format!(
                    "`{field}` ({tool}) does not become `{target}`:\n{fm}"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "own-markdown.md#mapping:\n- {}",
        problems.join("\n- ")
    );
}
