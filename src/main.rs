//! The `handbook` command line: parses arguments, runs the library, prints diagnostics and
//! sets the exit code (0 success, 1 content errors, 2 usage errors).

use handbook::diagnostics::terminal_safe;
use std::io::IsTerminal;

/// mimalloc instead of the system allocator: a build allocates millions of small strings
/// and JSON values across rayon's threads, where glibc's malloc spent a third of the CPU
/// time (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use handbook::report::{self as reports, Format};
use handbook::{BuildOptions, build, scaffold};

/// Where the author's guide is, for every `--help` and usage error: the "Authoring this
/// handbook" section of the bundled handbook, as source and as built pages.
macro_rules! guide {
    () => {
        "Guide: \"Authoring this handbook\" in the bundled handbook: content/authoring/ (source),\n\
         public/authoring/index.html (after `handbook build`), and README.md."
    };
}

const GUIDE: &str = guide!();

/// Turns a folder of Markdown into a cross-linked, searchable static handbook.
#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Builds a cross-linked, searchable static handbook from Markdown role profiles, guidance, frameworks and training.",
    after_help = concat!("Examples:\n  handbook init my-handbook      create a new site\n  handbook build --root my-handbook\n  handbook check --deny-warnings\n\nExit status: 0 success, 1 content errors, 2 usage errors.\n\n", guide!())
)]
struct Cli {
    /// Colour in diagnostics: auto, always or never.
    #[arg(long, global = true, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build keeps the old output).
    #[command(
        after_help = concat!("Example:\n  handbook build --root my-handbook --output /srv/www/handbook\n\n", guide!())
    )]
    Build {
        /// The site folder (holds handbook.yml). Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: the config's `output`, usually `public`).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include pages marked `classification: internal`.
        #[arg(long)]
        include_internal: bool,
        /// Write the site even if there are errors (broken links are marked), to preview a
        /// migration; the exit status is still 1.
        #[arg(long)]
        keep_going: bool,
    },
    /// Run every validation of a build and write nothing.
    #[command(
        after_help = concat!("Example:\n  handbook check --root my-handbook --deny-warnings\n\n", guide!())
    )]
    Check {
        /// The site folder (holds handbook.yml). Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings (overdue reviews, ...) as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Build the site into memory, serve it with live reload, and rebuild on every save.
    #[command(
        after_help = concat!("Examples:\n  handbook serve --root my-handbook\n  handbook serve --port 8080 --open\n\nServes on 127.0.0.1 only unless --bind says otherwise (a warning is printed). If the port is taken, the next free one is used and printed. The site is kept in memory: nothing is written to the output folder.\n\n", guide!())
    )]
    Serve {
        /// The site folder (holds handbook.yml). Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to try first (0: any free port).
        #[arg(long, default_value_t = handbook::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. Anything but a loopback address exposes the handbook to the network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Include pages marked `classification: internal`.
        #[arg(long)]
        include_internal: bool,
        /// Serve the site even if there are errors (broken links are marked; the errors
        /// stay on screen), instead of the last site without errors.
        #[arg(long)]
        keep_going: bool,
        /// Another host name the preview answers to, besides localhost and the bound
        /// address (repeatable): e.g. the machine's name on the local network with --bind.
        #[arg(long, value_name = "NAME")]
        host: Vec<String>,
    },
    /// Create a new, buildable site skeleton in DIR.
    #[command(
        after_help = concat!("Example:\n  handbook init my-handbook && handbook build --root my-handbook\n\n", guide!())
    )]
    Init {
        /// The folder to create (must not exist or be empty).
        dir: PathBuf,
    },
    /// Write a new page with valid front matter and guiding examples in every field.
    #[command(
        after_help = concat!("Examples:\n  handbook new module training/reflective-practice/gibbs-cycle --title \"Gibbs' reflective cycle\"\n  handbook new role roles/night-care-worker\n  handbook new programme training/induction\n\nKinds: role, framework, ethos, guidance, programme, module, glossary, page.\nPATH is under content/, without .md. `new` never overwrites a file.\n\n", guide!())
    )]
    New {
        /// The kind of page: role, framework, ethos, guidance, programme, module, glossary, page.
        kind: String,
        /// Its path under content/, without .md (a programme's folder).
        path: String,
        /// The page's title (default: from the file name).
        #[arg(long)]
        title: Option<String>,
        /// The site folder. Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Convert a site written for mdBook, Hugo, Jekyll, Eleventy or Zola into a new handbook.
    #[command(
        after_help = concat!("Examples:\n  handbook import mdbook ./staff-book ./staff-handbook\n  handbook import jekyll ./old-site ./handbook && handbook build --root ./handbook\n\nTOOL is mdbook, hugo, jekyll, eleventy or zola. SRC is only read; DEST must not exist or be empty.\nPages keep their file names (and addresses: old ones become aliases); front matter is mapped\nto the handbook's fields, the rest kept under `extra`; includes, shortcodes and template links\nare resolved where they can be. It prints what it changed and what needs a person (file:line).\n\n", guide!())
    )]
    Import {
        /// The tool the site was written for: mdbook, hugo, jekyll, eleventy or zola.
        /// `jd` imports one job description (.docx, .pdf, .txt) as a role page instead.
        #[arg(value_parser = ["mdbook", "hugo", "jekyll", "eleventy", "zola", "jd"])]
        tool: String,
        /// The site to import (the folder holding book.toml, hugo.toml, _config.yml or
        /// config.toml); with `jd`, the job description file.
        src: PathBuf,
        /// The new handbook's folder (must not exist or be empty); not used with `jd`.
        dest: Option<PathBuf>,
        /// With `jd`: the page to write (default content/roles/TITLE.md), under --root.
        #[arg(long)]
        out: Option<PathBuf>,
        /// With `jd`: the handbook the page is written into.
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print a report on the site: training coverage or review dates. Writes nothing.
    #[command(
        after_help = concat!("Examples:\n  handbook report coverage --root my-handbook\n  handbook report review --format csv > reviews.csv\n\n", guide!())
    )]
    Report {
        #[command(subcommand)]
        report: Report,
    },
}

/// The reports `handbook report` prints.
#[derive(Subcommand)]
enum Report {
    /// For each competency a role requires, the modules that develop it; gaps, orphans and per-role gaps.
    #[command(
        after_help = concat!("Examples:\n  handbook report coverage --root my-handbook\n  handbook report coverage --format json > coverage.json\n\nA competency is required when a role lists it (competencies, or a criterion's refs)\nand developed when a module lists it (develops). Gap: required, developed by no module.\nOrphan: developed, required by no role. The site's training/coverage.html shows the same.\n\nExit status: 0 report printed, 1 content errors (fix them first; see `handbook check`), 2 usage errors.\n\n", guide!())
    )]
    Coverage {
        /// The site folder (holds handbook.yml). Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// table (default), csv or json.
        #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
        format: String,
    },
    /// Every page with a review_by date, earliest first, with its owner and whether it is overdue.
    #[command(
        after_help = concat!("Examples:\n  handbook report review --root my-handbook\n  handbook report review --format csv > reviews.csv\n\nDrafts and internal pages are listed too, marked as such.\n\nExit status: 0 report printed, 1 content errors (fix them first; see `handbook check`), 2 usage errors.\n\n", guide!())
    )]
    Review {
        /// The site folder (holds handbook.yml). Defaults to the current folder.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// table (default), csv or json.
        #[arg(long, default_value = "table", value_parser = ["table", "csv", "json"])]
        format: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ctrl-C and SIGTERM delete the half-written site before exiting, so an interrupted
    // build leaves nothing beside the output (a swap in progress finishes first).
    let _ = ctrlc::set_handler(|| {
        handbook::clean_up_after_signal();
        std::process::exit(130);
    });
    let color = match cli.color.as_str() {
        "always" => true,
        "never" => false,
        _ => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    match cli.command {
        Command::Build {
            root,
            output,
            drafts,
            include_internal,
            keep_going,
        } => {
            let mut options = BuildOptions::new(root);
            options.output = output;
            options.drafts = drafts;
            options.include_internal = include_internal;
            options.keep_going = keep_going;
            report(&options, color, false, "Built")
        }
        Command::Check {
            root,
            deny_warnings,
        } => {
            let mut options = BuildOptions::new(root);
            options.write = false;
            report(&options, color, deny_warnings, "Checked")
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            drafts,
            include_internal,
            keep_going,
            host,
        } => {
            let mut options = handbook::serve::ServeOptions::new(root);
            options.build.drafts = drafts;
            options.build.include_internal = include_internal;
            options.build.keep_going = keep_going;
            options.port = port;
            options.bind = bind;
            options.open = open;
            options.color = color;
            options.hosts = host;
            match handbook::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => usage_error(&e.message, &e.hint),
            }
        }
        Command::Init { dir } => match scaffold::init(&dir) {
            Ok(files) => {
                eprintln!(
                    "Created a new handbook in {} ({} files).",
                    terminal_safe(&dir.display().to_string()),
                    files.len()
                );
                eprintln!(
                    "Next: handbook build --root {}   (then open {}/public/index.html)",
                    terminal_safe(&dir.display().to_string()),
                    terminal_safe(&dir.display().to_string())
                );
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e.message, &e.hint),
        },
        Command::New {
            kind,
            path,
            title,
            root,
        } => match scaffold::new_page(&root, &kind, &path, title.as_deref()) {
            Ok(file) => {
                eprintln!("Wrote {}", terminal_safe(&file.display().to_string()));
                eprintln!("Every field holds an example; edit them, then run `handbook check`.");
                ExitCode::SUCCESS
            }
            Err(e) => usage_error(&e.message, &e.hint),
        },
        Command::Import {
            tool,
            src,
            dest,
            out,
            root,
        } => {
            if tool == "jd" {
                if dest.is_some() {
                    return usage_error(
                        "`import jd` takes one file",
                        "write `handbook import jd FILE [--out content/roles/NAME.md] [--root DIR]`",
                    );
                }
                return match handbook::import::jd::import_jd(&src, out.as_deref(), &root) {
                    Ok(done) => print_jd(&src, &done),
                    Err(e) => {
                        eprintln!("error: {}", e.message);
                        eprintln!("  = hint: {}", e.hint);
                        ExitCode::from(1)
                    }
                };
            }
            let Some(dest) = dest else {
                return usage_error(
                    "`import TOOL SRC DEST` needs DEST, the new handbook's folder",
                    "write e.g. `handbook import hugo ./old-site ./handbook`",
                );
            };
            let Some(tool) = handbook::import::Tool::from_name(&tool) else {
                return usage_error(
                    &format!("unknown tool `{tool}`"),
                    "tools: mdbook, hugo, jekyll, eleventy, zola",
                );
            };
            match handbook::import::import(tool, &src, &dest) {
                Ok(report) => print_import(tool, &src, &dest, &report),
                Err(e) => usage_error(&e.message, &e.hint),
            }
        }
        Command::Report { report } => {
            let outcome = match report {
                Report::Coverage { root, format } => {
                    reports::coverage_report(&BuildOptions::new(root), parse_format(&format))
                }
                Report::Review { root, format } => reports::review_report(
                    &root,
                    handbook::parse::kinds::Date::today(),
                    parse_format(&format),
                ),
            };
            print_report(outcome, color)
        }
    }
}

/// What `import jd` read, what it wrote and what a person must check.
fn print_jd(src: &std::path::Path, done: &handbook::import::jd::JdImport) -> ExitCode {
    let r = &done.reading;
    let groups = r.sections.iter().filter(|s| !s.bullets.is_empty()).count();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    println!(
        "Read {}: {}, {}, {}.",
        terminal_safe(&src.display().to_string()),
        count(r.facts.len(), "header fact", "header facts"),
        count(r.criteria.len(), "criterion", "criteria"),
        count(groups, "group of duties", "groups of duties")
    );
    if let Some(p) = &done.written {
        println!("Wrote {}", terminal_safe(&p.display().to_string()));
    }
    if done.review.is_empty() {
        println!("Nothing was inferred; still check the page against the document.");
    } else {
        println!(
            "Check {} inferred value(s), listed under `review:` on the page (`handbook check` warns until they are removed):",
            done.review.len()
        );
        for item in &done.review {
            println!("  - {item}");
        }
    }
    ExitCode::SUCCESS
}

fn print_import(
    tool: handbook::import::Tool,
    src: &std::path::Path,
    dest: &std::path::Path,
    report: &handbook::import::Report,
) -> ExitCode {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    eprintln!(
        "Imported {} and {} from the {} site {} into {}.",
        plural(report.pages, "page"),
        plural(report.files, "file"),
        tool.label(),
        terminal_safe(&src.display().to_string()),
        terminal_safe(&dest.display().to_string())
    );
    if !report.changed.is_empty() {
        eprintln!("\nChanged ({}):", report.changed.len());
        for n in &report.changed {
            eprintln!("  {n}");
        }
    }
    if report.needs_person.is_empty() {
        eprintln!("\nNothing needs a person.");
    } else {
        eprintln!("\nNeeds a person ({}):", report.needs_person.len());
        for n in &report.needs_person {
            eprintln!("  {n}");
        }
    }
    eprintln!(
        "\nNext: handbook check --root {}   (then handbook build --root {})",
        terminal_safe(&dest.display().to_string()),
        terminal_safe(&dest.display().to_string())
    );
    ExitCode::SUCCESS
}

fn parse_format(format: &str) -> Format {
    // clap has already restricted the value to the three formats.
    format.parse().unwrap_or_default()
}

/// `text` with control characters other than line ends and tabs escaped.
fn terminal_safe_lines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.into();
    }
    text.split('\n')
        .map(|l| terminal_safe(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
        .into()
}

fn print_report(outcome: reports::ReportOutcome, color: bool) -> ExitCode {
    match outcome.text {
        Some(text) => {
            // A closed pipe (`| head`) is not an error worth a panic.
            use std::io::{IsTerminal, Write};
            let stdout = std::io::stdout();
            // A CSV sent to a file keeps its data as it is (quoted); shown on a terminal,
            // a title's escape sequence is escaped like everything else printed there.
            // Tables are escaped always, and JSON escapes control characters itself.
            let text = if stdout.is_terminal() {
                terminal_safe_lines(&text)
            } else {
                text.into()
            };
            let _ = stdout.lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        None => {
            outcome.diagnostics.emit(color);
            eprintln!(
                "No report: {} error(s) in the site. Fix them first (`handbook check` lists them).",
                outcome.diagnostics.error_count()
            );
            ExitCode::from(1)
        }
    }
}

fn usage_error(message: &str, hint: &str) -> ExitCode {
    let guide = GUIDE.replace('\n', "\n  ");
    eprintln!("error: {message}\n  hint: {hint}\n  {guide}");
    ExitCode::from(2)
}

fn report(options: &BuildOptions, color: bool, deny_warnings: bool, verb: &str) -> ExitCode {
    let outcome = build(options);
    for note in &outcome.recovered {
        eprintln!("{}", handbook::diagnostics::terminal_safe(note));
    }
    outcome.diagnostics.emit(color);
    let errors = outcome.diagnostics.error_count();
    let warnings = outcome.diagnostics.warning_count();
    let secs = outcome.elapsed.as_secs_f64();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    if errors > 0 && outcome.kept_going {
        if let Some(out) = &outcome.output {
            eprintln!(
                "{verb} {} ({} files) in {secs:.2} s with {} and {} (--keep-going: broken links are marked) -> {}",
                plural(outcome.pages, "page"),
                outcome.files,
                plural(errors, "error"),
                plural(warnings, "warning"),
                terminal_safe(&out.display().to_string())
            );
        }
        return ExitCode::from(1);
    }
    if errors > 0 {
        eprintln!(
            "{verb} nothing: {}, {} in {secs:.2} s. The previous output was left as it was.",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        return ExitCode::from(1);
    }
    if let Some(s) = &outcome.search {
        eprintln!(
            "Search index: {} documents, {} terms, {:.1} MB in {} files, built in {:.2} s",
            s.documents,
            s.terms,
            s.total_bytes as f64 / 1e6,
            s.files,
            s.elapsed.as_secs_f64()
        );
    }
    match &outcome.output {
        Some(out) => eprintln!(
            "{verb} {} ({} files) in {secs:.2} s, {} -> {}",
            plural(outcome.pages, "page"),
            outcome.files,
            plural(warnings, "warning"),
            terminal_safe(&out.display().to_string())
        ),
        None => eprintln!(
            "{verb} {} in {secs:.2} s, {}, 0 errors",
            plural(outcome.pages, "page"),
            plural(warnings, "warning")
        ),
    }
    if deny_warnings && warnings > 0 {
        eprintln!("Failing because of --deny-warnings.");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
