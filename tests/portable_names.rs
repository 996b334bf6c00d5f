//! Output names a Windows shared drive cannot hold (`con`, `PRN`, `com1`...) or that
//! collapse to nothing (an empty or punctuation-only tag) are warned of where they are
//! written, with a hint.

mod common;

#[test]
fn reserved_and_empty_output_names_warn_where_they_are_written() {
    let site = common::copy_fixture("basic");
    let root = site.path();
    let worker = root.join("content/roles/worker.md");
    let text = std::fs::read_to_string(&worker).unwrap();
    let text = text.replacen("tags:", "tags: [PRN, \"!!!\"]\nold_tags:", 1);
    std::fs::write(&worker, text).unwrap();
    std::fs::write(
        root.join("content/con.md"),
        "---\ntitle: Console\n---\nA page named as a Windows device.\n",
    )
    .unwrap();
    let outcome = common::build(root);
    let warnings: Vec<String> = outcome
        .diagnostics
        .items()
        .iter()
        .filter(|d| d.code == "W-output-name")
        .map(|d| {
            format!(
                "{}: {} ({})",
                d.file,
                d.message,
                d.hint.clone().unwrap_or_default()
            )
        })
        .collect();
    let all = warnings.join("\n");
    assert!(
        all.contains("`prn.html`") || all.contains("`PRN.html`"),
        "{all}"
    );
    assert!(all.contains("no letter or digit"), "{all}");
    assert!(all.contains("content/con.md"), "{all}");
    assert!(all.contains("content/roles/worker.md"), "{all}");
    assert!(
        warnings.iter().all(|w| w.contains("Windows reserves")),
        "{all}"
    );
}
