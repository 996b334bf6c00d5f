//! `handbook serve`: a live preview for authors. Builds the site into memory, serves it on
//! loopback, watches the sources and rebuilds what an edit affects, then tells every open
//! page to reload (or, for a stylesheet, to restyle in place) over server-sent events.
//! A build error is shown in the browser as an overlay while the last good site stays
//! served.
//!
//! - [`http`]: the server (hyper) and what it answers;
//! - [`path`]: request paths to site files, refusing anything that could leave the site;
//! - [`watch`]: the file watcher (notify) and what each changed path means;
//! - [`reload`]: the event stream to open pages;
//! - [`overlay`]: diagnostics as the browser overlay shows them.
//!
//! Not for: producing a site to publish (`build` does that; `serve` never writes it and
//! its reload script never reaches built output).

pub mod http;
pub mod overlay;
pub mod path;
pub mod reload;
pub mod watch;

use std::io::ErrorKind;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use crate::incremental::{Engine, SiteFiles, Update};
use crate::pipeline::BuildOptions;

/// The live-reload script, served at [`reload::SCRIPT_PATH`] whatever the theme.
pub const LIVERELOAD_JS: &str = include_str!("../../themes/default/static/js/livereload.js");

/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 3030;

/// How many ports after a taken one are tried.
const PORT_ATTEMPTS: u16 = 20;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site and which pages to include.
    pub build: BuildOptions,
    /// The address to listen on; loopback unless the author asks otherwise.
    pub bind: IpAddr,
    /// The port tried first; 0 lets the system choose.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Colour in diagnostics.
    pub color: bool,
    /// Host names the server answers besides loopback names and the bound address
    /// (`--host`): a name on the local network, say. Any other `Host:` is refused.
    pub hosts: Vec<String>,
}

impl ServeOptions {
    /// Serve the site at `root` on 127.0.0.1 with defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        ServeOptions {
            build: BuildOptions::new(root),
            bind: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: DEFAULT_PORT,
            open: false,
            color: false,
            hosts: Vec::new(),
        }
    }
}

/// What the server shares between the rebuild loop and the request threads.
pub struct State {
    files: RwLock<Arc<SiteFiles>>,
    status: RwLock<reload::Status>,
    /// The open pages' event streams.
    pub hub: reload::Hub,
    /// Host names accepted besides the loopback names: the bound address, `--host` names.
    hosts: std::sync::OnceLock<Vec<String>>,
}

impl State {
    fn new(files: Arc<SiteFiles>, status: reload::Status) -> Self {
        State {
            files: RwLock::new(files),
            status: RwLock::new(status),
            hub: reload::Hub::default(),
            hosts: std::sync::OnceLock::new(),
        }
    }

    /// The host names accepted besides the loopback names.
    pub fn hosts(&self) -> &[String] {
        self.hosts.get().map_or(&[], |h| h.as_slice())
    }

    /// The site being served.
    pub fn files(&self) -> Arc<SiteFiles> {
        self.files
            .read()
            .map(|f| Arc::clone(&f))
            .unwrap_or_else(|e| Arc::clone(&e.into_inner()))
    }

    /// The build status pages are told about when they connect.
    pub fn status(&self) -> reload::Status {
        self.status
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    fn publish(&self, files: Option<Arc<SiteFiles>>, status: reload::Status) {
        if let Some(files) = files
            && let Ok(mut f) = self.files.write()
        {
            *f = files;
        }
        if let Ok(mut s) = self.status.write() {
            *s = status;
        }
    }
}

/// A problem that stops `serve` before it starts.
#[derive(Debug)]
pub struct ServeError {
    /// What went wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// True for addresses only this machine can reach.
pub fn is_loopback(addr: IpAddr) -> bool {
    addr.is_loopback()
}

/// The warning printed when serving beyond this machine, or `None` on loopback.
pub fn exposure_warning(addr: IpAddr) -> Option<String> {
    (!is_loopback(addr)).then(|| {
        format!(
            "warning: serving on {addr}, which other machines can reach: anyone on the network can read this handbook while it runs.\n  hint: leave out --bind to serve on 127.0.0.1 only"
        )
    })
}

/// Binds `addr:port`, or the next free port after it; returns the listener and whether
/// the port moved.
pub fn bind(addr: IpAddr, port: u16) -> Result<(TcpListener, bool), ServeError> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_ATTEMPTS)
    };
    let mut error = None;
    for p in port..=last {
        match TcpListener::bind(SocketAddr::new(addr, p)) {
            Ok(l) => return Ok((l, p != port)),
            Err(e) if e.kind() == ErrorKind::AddrInUse => error = Some(e),
            Err(e) => {
                return Err(ServeError {
                    message: format!("cannot listen on {addr}:{p}: {e}"),
                    hint: "check --bind names an address of this machine".into(),
                });
            }
        }
    }
    Err(ServeError {
        message: format!(
            "ports {port} to {last} on {addr} are all taken{}",
            error.map(|e| format!(" ({e})")).unwrap_or_default()
        ),
        hint: "pass a free port with --port, or --port 0 to let the system choose".into(),
    })
}

fn status_of(update: &Update, generation: u64) -> reload::Status {
    reload::Status {
        generation,
        errors: (!update.ok()).then(|| overlay::errors_json(&update.diagnostics)),
    }
}

fn report(update: &Update, color: bool, what: &str) {
    let errors = update.diagnostics.error_count();
    if errors > 0 {
        update.diagnostics.emit(color);
        eprintln!(
            "{what}: {errors} error{} in {} ms; still serving the last good site.",
            if errors == 1 { "" } else { "s" },
            update.elapsed.as_millis()
        );
    } else {
        eprintln!(
            "{what}: {} output{} rendered ({} pages in the site), {} changed, {} removed, in {} ms.",
            update.rendered,
            if update.rendered == 1 { "" } else { "s" },
            update.pages,
            update.changed.len(),
            update.removed.len(),
            update.elapsed.as_millis()
        );
    }
}

/// Builds the site, serves it and rebuilds on every change until the process is stopped.
pub fn run(options: ServeOptions) -> Result<(), ServeError> {
    let mut build = options.build.clone();
    build.root = std::fs::canonicalize(&build.root).map_err(|e| ServeError {
        message: format!("cannot open the site folder {}: {e}", build.root.display()),
        hint: "pass the folder that holds handbook.yml with --root".into(),
    })?;
    for note in crate::pipeline::recover_output(&build) {
        eprintln!("{}", crate::diagnostics::terminal_safe(&note));
    }
    if let Some(w) = exposure_warning(options.bind) {
        eprintln!("{w}");
    }
    let (listener, moved) = bind(options.bind, options.port)?;
    let local = listener.local_addr().map_err(|e| ServeError {
        message: format!("cannot read the server's address: {e}"),
        hint: "try again with another --port".into(),
    })?;
    if moved {
        eprintln!(
            "Port {} is taken; using {} instead.",
            options.port,
            local.port()
        );
    }

    let (mut engine, update) = Engine::new(build);
    report(&update, options.color, "Built");
    let mut generation = 1;
    let state = Arc::new(State::new(engine.files(), status_of(&update, generation)));
    let mut hosts: Vec<String> = options
        .hosts
        .iter()
        .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
        .collect();
    hosts.push(options.bind.to_string());
    let _ = state.hosts.set(hosts);
    http::spawn(listener, Arc::clone(&state)).map_err(|e| ServeError {
        message: format!("cannot start the server: {e}"),
        hint: "try again with another --port".into(),
    })?;

    let (tx, rx) = mpsc::channel();
    let mut watcher = watch::Watcher::start(&engine, tx).map_err(|e| ServeError {
        message: format!("cannot watch the site's files: {e}"),
        hint: "on Linux, raise fs.inotify.max_user_watches; or check the folder's permissions"
            .into(),
    })?;
    let host = match local.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", local.port());
    // Tests and scripts read this line to find the port.
    println!(
        "Serving {} at {url}",
        crate::diagnostics::terminal_safe(&engine.root().display().to_string())
    );
    eprintln!("Watching for changes; press Ctrl-C to stop.");
    if options.open {
        open_browser(&url);
    }

    // The search index is rebuilt on its own thread, so an edited page is served (and
    // open pages reload) without waiting for it; the new index is served when ready.
    // Half the cores, so a save during an index build still has a core for its pages.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let index_pool = rayon::ThreadPoolBuilder::new()
        .num_threads((cores / 2).max(1))
        .thread_name(|i| format!("search-index-{i}"))
        .build()
        .ok()
        .map(Arc::new);
    let (index_tx, index_rx) = mpsc::channel();
    let mut indexing = false;
    loop {
        if !indexing && let Some(job) = engine.index_job() {
            indexing = true;
            let tx = index_tx.clone();
            let pool = index_pool.clone();
            std::thread::spawn(move || {
                let result = match pool {
                    Some(pool) => pool.install(|| job.run()),
                    None => job.run(),
                };
                let _ = tx.send(result);
            });
        }
        // Exports after the pages' reload, beside the index: nobody has them open (see
        // Engine::render_exports).
        if engine.exports_due() {
            let exports = engine.render_exports();
            if !exports.changed.is_empty() {
                state.publish(Some(engine.files()), state.status());
            }
            crate::pipeline::timing(
                "serve: exports",
                std::time::Instant::now() - exports.elapsed,
            );
            continue;
        }
        if let Ok(result) = index_rx.try_recv() {
            indexing = false;
            let update = engine.accept_index(result);
            if !update.changed.is_empty() || !update.removed.is_empty() {
                state.publish(Some(engine.files()), state.status());
            }
            crate::pipeline::timing(
                "serve: search index",
                std::time::Instant::now() - update.elapsed,
            );
            continue;
        }
        let first = if indexing {
            match rx.recv_timeout(Duration::from_millis(20)) {
                Ok(first) => first,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match rx.recv() {
                Ok(first) => first,
                Err(_) => break,
            }
        };
        // Coalesce what arrived while the last rebuild ran.
        let mut batch = vec![first];
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(2)) {
            batch.push(more);
        }
        let changes = watcher.classify(&engine, batch.into_iter().flatten());
        if changes.is_empty() {
            continue;
        }
        let update = engine.apply_pages(&changes);
        if update.changed.is_empty()
            && update.removed.is_empty()
            && update.ok()
            && state.status().errors.is_none()
        {
            continue;
        }
        generation += 1;
        report(&update, options.color, "Rebuilt");
        let status = status_of(&update, generation);
        // With --keep-going the site is served with its errors: pages reload, and the
        // overlay (sent with the status on reconnect) lists the errors.
        if update.ok() || options.build.keep_going {
            state.publish(Some(engine.files()), status.clone());
            let event = if update.css_only {
                reload::Event::Css(update.changed.clone())
            } else {
                reload::Event::Reload(update.changed.clone())
            };
            state.hub.broadcast(&event.encode(generation));
        } else {
            state.publish(None, status.clone());
            state.hub.broadcast(
                &reload::Event::Errors(status.errors.unwrap_or_default()).encode(generation),
            );
        }
        watcher.refresh_roots(&engine);
    }
    Ok(())
}

fn open_browser(url: &str) {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if let Err(e) = std::process::Command::new(program).args(args).spawn() {
        eprintln!("warning: could not open a browser ({program}: {e}); open {url} yourself");
    }
}
