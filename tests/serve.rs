//! `handbook serve` over HTTP: it serves the site safely, reloads open pages after an
//! edit, restyles without a reload after a CSS edit, shows build errors while the last
//! good site stays served, and only ever binds loopback unless told otherwise.
//!
//! Each test starts the real binary on a free port against a temporary copy of a
//! fixture. Waits have generous limits so a slow machine cannot fail them; no test
//! asserts on how long anything takes.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);

/// A running `handbook serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--color", "never", "--root"])
        .arg(root)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start handbook serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("read the serving line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    let port = url
        .trim_end_matches('/')
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    assert!(url.starts_with("http://127.0.0.1:"), "not loopback: {url}");
    Server {
        child,
        port,
        stderr: rx,
    }
}

fn serve_fixture(name: &str) -> (tempfile::TempDir, Server) {
    let dir = common::copy_fixture(name);
    let server = start(dir.path(), &["--port", "0"]);
    (dir, server)
}

struct Reply {
    status: u16,
    headers: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<String> {
        self.headers.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// Sends a raw request (the target exactly as written, so nothing normalises `..`).
fn request(port: u16, method: &str, target: &str) -> Reply {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(
        s,
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read reply");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    Reply {
        status,
        headers: head,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(port: u16, target: &str) -> Reply {
    request(port, "GET", target)
}

/// An open page's event stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(s, "GET /__handbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").unwrap();
        let mut events = Events {
            reader: BufReader::new(s),
        };
        let mut line = String::new();
        events.reader.read_line(&mut line).unwrap();
        assert!(line.contains("200"), "{line}");
        loop {
            line.clear();
            events.reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
        let (name, _) = events.next();
        assert_eq!(name, "hello");
        events
    }

    /// The next event: (name, data).
    fn next(&mut self) -> (String, serde_json::Value) {
        let (mut name, mut data) = (String::new(), String::new());
        let mut line = String::new();
        loop {
            line.clear();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("an event before the time limit");
            assert!(n > 0, "the event stream closed");
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if !name.is_empty() {
                    let value = serde_json::from_str(&data).expect("event data is JSON");
                    return (name, value);
                }
                continue;
            }
            if let Some(v) = l.strip_prefix("event: ") {
                name = v.to_string();
            } else if let Some(v) = l.strip_prefix("data: ") {
                data.push_str(v);
            }
        }
    }

    fn expect(&mut self, wanted: &str) -> serde_json::Value {
        let (name, data) = self.next();
        assert_eq!(name, wanted, "got {name}: {data}");
        data
    }
}

/// The changed outputs an event lists, but the search index's files (`search/`), which
/// change with any edit to a page's text.
fn changed(data: &serde_json::Value) -> Vec<String> {
    data["changed"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .filter(|p| !p.starts_with("search/"))
        .collect()
}

#[test]
fn serves_pages_assets_the_404_page_and_head() {
    let (_dir, s) = serve_fixture("basic");
    let home = get(s.port, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("<title>Basic fixture</title>"));
    assert!(
        home.text()
            .contains("<script src=\"/__handbook/livereload.js\""),
        "reload script not injected"
    );
    assert!(!home.text().contains("<script>"), "inline script injected");

    for (path, ty) in [
        ("/css/style.css", "text/css; charset=utf-8"),
        ("/js/handbook.js", "text/javascript; charset=utf-8"),
        (
            "/__handbook/livereload.js",
            "text/javascript; charset=utf-8",
        ),
        ("/graph.json", "application/json"),
        ("/favicon.svg", "image/svg+xml"),
        ("/forms/referral.txt", "text/plain; charset=utf-8"),
        ("/roles/worker.html", "text/html; charset=utf-8"),
        ("/roles/", "text/html; charset=utf-8"),
    ] {
        let r = get(s.port, path);
        assert_eq!(
            (r.status, r.header("Content-Type").as_deref()),
            (200, Some(ty)),
            "{path}"
        );
    }
    let folder = get(s.port, "/roles");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("Location").as_deref(), Some("/roles/"));

    let missing = get(s.port, "/roles/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found"),
        "not the site's 404 page: {}",
        missing.text()
    );
    assert!(
        missing.text().contains("href=\"../css/style.css\""),
        "404 page links not rebased"
    );

    let head = request(s.port, "HEAD", "/roles/worker.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD returned a body");
    let full = get(s.port, "/roles/worker.html");
    assert_eq!(
        head.header("Content-Length"),
        Some(full.body.len().to_string())
    );
    assert_eq!(request(s.port, "HEAD", "/nope.html").status, 404);
    assert_eq!(request(s.port, "POST", "/").status, 405);
}

#[test]
fn refuses_paths_that_leave_the_site() {
    let dir = common::copy_fixture("basic");
    let secret = tempfile::tempdir().unwrap();
    std::fs::write(secret.path().join("secret.txt"), "TOP-SECRET-VALUE").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            secret.path().join("secret.txt"),
            dir.path().join("static/secret.txt"),
        )
        .unwrap();
        std::os::unix::fs::symlink(secret.path(), dir.path().join("static/outside")).unwrap();
    }
    let s = start(dir.path(), &["--port", "0"]);
    for target in [
        "/../handbook.yml",
        "/css/../../handbook.yml",
        "/%2e%2e/handbook.yml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fhandbook.yml",
        "/%2e%2e%2fhandbook.yml",
        "/css/%2e%2e%2f%2e%2e%2fcontent/roles/worker.md",
        "/..\\handbook.yml",
        "/%5c..%5chandbook.yml",
        "/content/roles/worker.md",
        "/handbook.yml",
        "//etc/passwd",
        "/secret.txt",
        "/outside/secret.txt",
        "/%00",
    ] {
        let r = get(s.port, target);
        assert!(matches!(r.status, 400 | 404), "{target}: {}", r.status);
        let text = r.text();
        assert!(
            !text.contains("TOP-SECRET-VALUE")
                && !text.contains("title: Basic fixture")
                && !text.contains("root:"),
            "{target} leaked: {text}"
        );
    }
}

#[test]
fn build_output_never_carries_the_reload_script() {
    let dir = common::copy_fixture("basic");
    let outcome = common::build(dir.path());
    assert!(outcome.ok());
    let out = dir.path().join("public");
    assert!(
        !out.join("js/livereload.js").exists(),
        "build copied the serve-only script"
    );
    for e in walkdir::WalkDir::new(&out) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let text = String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned();
            assert!(
                !text.contains("livereload") && !text.contains("__handbook"),
                "{} mentions the reload script",
                e.path().display()
            );
        }
    }
}

#[test]
fn binds_loopback_only_by_default() {
    let (_dir, s) = serve_fixture("basic");
    assert_eq!(get(s.port, "/").status, 200);
    // Bound to 127.0.0.1 exactly: another address of this machine is not served.
    #[cfg(target_os = "linux")]
    assert!(
        TcpStream::connect(("127.0.0.2", s.port)).is_err(),
        "the server answers on 127.0.0.2, so it is not bound to 127.0.0.1 alone"
    );
}

#[test]
fn a_non_loopback_bind_warns() {
    let dir = common::copy_fixture("basic");
    let s = start_any(dir.path(), &["--port", "0", "--bind", "0.0.0.0"]);
    let deadline = Instant::now() + PATIENCE;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        match s.stderr.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                if line.contains("warning: serving on 0.0.0.0") {
                    return;
                }
                seen.push(line);
            }
            Err(_) if seen.iter().any(|l| l.contains("Watching")) => break,
            Err(_) => {}
        }
    }
    panic!("no warning for a non-loopback bind: {seen:?}");
}

/// Like `start`, without insisting on a loopback URL.
fn start_any(root: &Path, args: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_handbook"))
        .args(["serve", "--color", "never", "--root"])
        .arg(root)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start handbook serve");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Server {
        child,
        port: 0,
        stderr: rx,
    }
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let dir = common::copy_fixture("basic");
    let s = start(dir.path(), &["--port", &port.to_string()]);
    assert_ne!(s.port, port);
    assert!(s.port > port, "moved down from {port} to {}", s.port);
    assert_eq!(get(s.port, "/").status, 200);
    let said = s.stderr.recv_timeout(PATIENCE).unwrap_or_default();
    assert!(
        said.contains(&format!("Port {port} is taken; using {}", s.port)),
        "{said}"
    );
}

#[test]
fn an_edit_reloads_pages_and_renders_only_what_it_affects() {
    let (dir, s) = serve_fixture("basic");
    let mut events = Events::open(s.port);
    let page = "content/guidance/forms.md";
    let text = common::read(dir.path(), page);
    common::write(
        dir.path(),
        page,
        text.replacen("---\n\n", "---\n\nFreshly edited paragraph.\n\n", 1),
    );
    let data = events.expect("reload");
    assert_eq!(
        changed(&data),
        vec!["guidance/forms.html"],
        "a body edit renders only its page"
    );
    assert!(
        get(s.port, "/guidance/forms.html")
            .text()
            .contains("Freshly edited paragraph.")
    );

    // A title change re-renders the pages that show the title, not the whole site.
    let page = "content/guidance/meetings.md";
    let text = common::read(dir.path(), page);
    common::write(
        dir.path(),
        page,
        text.replace("title: Meetings", "title: Community meetings"),
    );
    let data = events.expect("reload");
    let list = changed(&data);
    for expected in [
        "guidance/meetings.html",
        "guidance/index.html",
        "roles/worker.html",
    ] {
        assert!(
            list.iter().any(|c| c == expected),
            "{expected} missing from {list:?}"
        );
    }
    assert!(
        !list.iter().any(|c| c == "ethos/values.html"),
        "unrelated page re-rendered: {list:?}"
    );
    assert!(
        get(s.port, "/roles/worker.html")
            .text()
            .contains("Community meetings")
    );
}

#[test]
fn saves_renames_deletes_and_new_files_are_picked_up_and_temporaries_ignored() {
    let (dir, s) = serve_fixture("basic");
    let root = dir.path();
    let mut events = Events::open(s.port);

    // Editor temporaries and the output folder: no rebuild. The next event must be the
    // real edit's, listing only its page.
    for junk in [
        "content/guidance/forms.md.swp",
        "content/guidance/.forms.md.swx",
        "content/guidance/forms.md~",
        "content/guidance/.#forms.md",
        "content/guidance/4913",
        "content/guidance/forms.md.tmp",
        "public/index.html",
        "static/forms/.~lock.referral.txt#",
        "static/forms/referral.txt.swp",
    ] {
        common::write(root, junk, "---\ntitle: [broken\n");
    }
    // Atomic save: write a temporary file, rename it over the page.
    let text = common::read(root, "content/guidance/forms.md").replacen(
        "---\n\n",
        "---\n\nSaved atomically.\n\n",
        1,
    );
    common::write(root, "content/guidance/forms.md.tmp.1234", &text);
    std::fs::rename(
        root.join("content/guidance/forms.md.tmp.1234"),
        root.join("content/guidance/forms.md"),
    )
    .unwrap();
    let data = events.expect("reload");
    assert_eq!(changed(&data), vec!["guidance/forms.html"]);
    assert!(
        get(s.port, "/guidance/forms.html")
            .text()
            .contains("Saved atomically.")
    );

    // A new file.
    common::write(
        root,
        "content/guidance/new-page.md",
        "---\ntitle: A new page\n---\n\nHello.\n",
    );
    events.expect("reload");
    assert_eq!(get(s.port, "/guidance/new-page.html").status, 200);

    // A rename.
    std::fs::rename(
        root.join("content/guidance/new-page.md"),
        root.join("content/guidance/renamed.md"),
    )
    .unwrap();
    events.expect("reload");
    assert_eq!(get(s.port, "/guidance/new-page.html").status, 404);
    assert!(
        get(s.port, "/guidance/renamed.html")
            .text()
            .contains("A new page")
    );

    // A delete.
    std::fs::remove_file(root.join("content/guidance/renamed.md")).unwrap();
    events.expect("reload");
    assert_eq!(get(s.port, "/guidance/renamed.html").status, 404);

    // A template override: everything is rendered again.
    common::write(
        root,
        "templates/404.html",
        "<!doctype html><html lang=\"en\"><head><title>Lost</title></head><body><p>Nothing here.</p></body></html>",
    );
    let data = events.expect("reload");
    assert!(data["count"].as_u64().unwrap_or(0) > 10, "{data}");
    assert!(
        get(s.port, "/missing.html")
            .text()
            .contains("Nothing here.")
    );
}

#[test]
fn a_css_edit_restyles_without_a_reload() {
    let (dir, s) = serve_fixture("basic");
    let mut events = Events::open(s.port);
    common::write(
        dir.path(),
        "static/css/site.css",
        "body { color: black; }\n",
    );
    events.expect("reload"); // a new file: pages may link to it, so they reload
    common::write(
        dir.path(),
        "static/css/site.css",
        "body { color: rebeccapurple; }\n",
    );
    let data = events.expect("css");
    assert_eq!(data["files"], serde_json::json!(["css/site.css"]));
    assert!(
        get(s.port, "/css/site.css")
            .text()
            .contains("rebeccapurple")
    );
}

#[test]
fn a_build_error_shows_in_the_overlay_while_the_last_good_site_is_served() {
    let (dir, s) = serve_fixture("basic");
    let mut events = Events::open(s.port);
    let good = get(s.port, "/roles/worker.html").text();
    let page = "content/roles/worker.md";
    let text = common::read(dir.path(), page);
    common::write(
        dir.path(),
        page,
        text.replace(
            "frameworks/skills#listening",
            "frameworks/skills#<b>hearing</b>",
        ),
    );
    let data = events.expect("errors");
    let shown = data["errors"]["shown"].as_array().expect("errors listed");
    assert!(data["errors"]["total"].as_u64().unwrap_or(0) >= 2, "{data}");
    let first = &shown[0];
    let location = first["location"].as_str().unwrap();
    assert!(
        location.starts_with("content/roles/worker.md:"),
        "{location}"
    );
    assert_eq!(location.split(':').count(), 3, "file:line:col: {location}");
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("<b>hearing</b>"),
        "the message is sent as text: {first}"
    );
    assert!(first["hint"].is_string());

    // The last good site stays served, and a page opened now learns of the errors.
    assert_eq!(
        without_generation(&get(s.port, "/roles/worker.html").text()),
        without_generation(&good)
    );
    let mut late = Events::open(s.port);
    late.expect("errors");

    common::write(dir.path(), page, &text);
    events.expect("reload");
    late.expect("reload");
}

/// A page without the build generation the server stamps on its reload script.
fn without_generation(html: &str) -> String {
    let start = html.find(" data-generation=\"").expect("a generation");
    let end = html[start + 18..].find('"').expect("closing quote") + start + 19;
    format!("{}{}", &html[..start], &html[end..])
}

#[test]
fn a_site_that_does_not_build_at_first_still_serves_the_errors() {
    let dir = common::copy_fixture("basic");
    common::write(
        dir.path(),
        "content/guidance/bad.md",
        "---\ntitle: [unclosed\n---\n",
    );
    let s = start(dir.path(), &["--port", "0"]);
    let r = get(s.port, "/");
    assert_eq!(r.status, 503);
    assert!(r.text().contains("/__handbook/livereload.js"));
    let mut events = Events::open_with_errors(s.port);
    std::fs::remove_file(dir.path().join("content/guidance/bad.md")).unwrap();
    events.expect("reload");
    assert_eq!(get(s.port, "/").status, 200);
}

impl Events {
    /// Opens a stream on a server that has errors: `hello` is followed by `errors`.
    fn open_with_errors(port: u16) -> Events {
        let mut e = Events::open(port);
        let data = e.expect("errors");
        assert!(
            data["errors"]["shown"][0]["location"]
                .as_str()
                .unwrap_or("")
                .starts_with("content/guidance/bad.md:"),
            "{data}"
        );
        e
    }
}

/// Sends `head` (request line and headers, without the final blank line) as written.
fn raw_request(port: u16, head: &str) -> (u16, String, usize) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(s, "{head}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    (status, text, raw.len())
}

#[test]
fn holds_up_to_a_hostile_browser() {
    let (_site, s) = serve_fixture("basic");
    let port = s.port;
    // Only its own host names: a DNS-rebinding page's name is refused.
    for host in ["evil.example", "evil.example:80", "127.0.0.1.evil.example"] {
        let (status, _, _) = raw_request(port, &format!("GET / HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 421, "Host: {host}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        "LOCALHOST".to_string(),
    ] {
        let (status, _, _) = raw_request(port, &format!("GET / HTTP/1.1\r\nHost: {host}"));
        assert_eq!(status, 200, "Host: {host}");
    }
    // Never a protocol-relative redirect.
    for target in ["//roles", "///roles", "/roles"] {
        let r = get(port, target);
        assert_eq!(r.status, 301, "{target}");
        let location = r.header("location").unwrap_or_default();
        assert_eq!(location, "/roles/", "{target}");
    }
    // An oversized address gets a small answer.
    let long = format!("/{}", "a".repeat(64 * 1024));
    let (status, _, len) = raw_request(port, &format!("GET {long} HTTP/1.1\r\nHost: 127.0.0.1"));
    assert!(matches!(status, 414 | 431 | 400), "status {status}");
    assert!(len < 4096, "{len} bytes for a 64 KB address");
}

#[test]
fn extra_host_names_come_from_the_host_flag() {
    let site = common::copy_fixture("basic");
    let s = start(site.path(), &["--host", "handbook.lan"]);
    let (status, _, _) = raw_request(s.port, "GET / HTTP/1.1\r\nHost: handbook.lan:8000");
    assert_eq!(status, 200);
    let (status, _, _) = raw_request(s.port, "GET / HTTP/1.1\r\nHost: other.lan");
    assert_eq!(status, 421);
}

#[test]
fn slow_headers_and_idle_connections_are_closed() {
    let (_site, s) = serve_fixture("basic");
    let port = s.port;
    // Each of these would hold a file descriptor for ever without the header timeout
    // (10 s): half a request, nothing at all, and a keep-alive connection left idle.
    let half = |head: &'static str| {
        std::thread::spawn(move || {
            let mut c = TcpStream::connect(("127.0.0.1", port)).expect("connect");
            c.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
            c.write_all(head.as_bytes()).unwrap();
            let mut raw = Vec::new();
            // Ends when the server closes the connection (EOF or a reset); our own read
            // timeout firing instead means it never did.
            let closed = match c.read_to_end(&mut raw) {
                Ok(_) => true,
                Err(e) => !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
            };
            (closed, raw)
        })
    };
    let waiting = [
        half("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n"),
        half(""),
        half("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    ];
    for (i, w) in waiting.into_iter().enumerate() {
        let (closed, raw) = w.join().unwrap();
        assert!(closed, "connection {i} was never closed by the server");
        if i == 2 {
            // The whole request was answered before the idle connection was closed.
            assert!(String::from_utf8_lossy(&raw).starts_with("HTTP/1.1 200"));
        }
    }
    // And the server still answers.
    assert_eq!(get(port, "/").status, 200);
}
