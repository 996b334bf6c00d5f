//! The HTTP side of `serve`, on tiny_http: a small, synchronous, well-kept server that is
//! all a single-author preview needs (no async runtime to compile or reason about).
//!
//! It answers GET and HEAD from the built site in memory: the right media type, the
//! site's own 404 page with status 404, `Cache-Control: no-store` so a reload always shows
//! the latest build. HTML responses get the live-reload script as a `<script src>` (the
//! pages' CSP forbids inline script), which is the only place it is ever added.

use std::io::Cursor;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::path::{self, SitePath};
use super::reload::{self, EVENTS_PATH, SCRIPT_PATH};
use super::{LIVERELOAD_JS, State};

/// Request threads; an open page's event stream gets a thread of its own.
const WORKERS: usize = 4;

/// Starts the threads that answer requests.
pub fn spawn_workers(server: &Arc<Server>, state: &Arc<State>) {
    let instance = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    );
    let instance: Arc<str> = instance.into();
    for _ in 0..WORKERS {
        let server = Arc::clone(server);
        let state = Arc::clone(state);
        let instance = Arc::clone(&instance);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &state, &instance);
            }
        });
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|_| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header")
    })
}

fn respond(request: Request, status: u16, content_type: &str, body: Vec<u8>) {
    let len = body.len();
    let response = Response::new(
        StatusCode(status),
        vec![
            header("Content-Type", content_type),
            header("Cache-Control", "no-store"),
            header("X-Content-Type-Options", "nosniff"),
        ],
        Cursor::new(body),
        Some(len),
        None,
    );
    // The page may have gone away; nothing to do about it.
    let _ = request.respond(response);
}

fn plain(request: Request, status: u16, text: &str) {
    respond(
        request,
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    );
}

/// Answers one request.
pub fn handle(request: Request, state: &State, instance: &str) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let mut response = Response::from_string("only GET and HEAD are served\n")
            .with_status_code(StatusCode(405));
        response.add_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    let target = request.url().to_string();
    let route = target.split(['?', '#']).next().unwrap_or("");
    if route == SCRIPT_PATH {
        return respond(
            request,
            200,
            "text/javascript; charset=utf-8",
            LIVERELOAD_JS.as_bytes().to_vec(),
        );
    }
    if route == EVENTS_PATH {
        if method == Method::Head {
            return respond(request, 200, "text/event-stream; charset=utf-8", Vec::new());
        }
        let greeting = reload::greeting(instance, &state.status());
        let events = state.hub.subscribe();
        let out = request.into_writer();
        std::thread::spawn(move || reload::stream(out, &greeting, events));
        return;
    }
    let site_path = match path::resolve(&target) {
        Ok(p) => p,
        Err(path::Refusal::BadPath(why)) => {
            return plain(request, 400, &format!("refused: {why}\n"));
        }
    };
    let files = state.files();
    let generation = state.status().generation;
    if files.is_empty() {
        let body = inject(NOT_BUILT.as_bytes(), generation);
        return respond(request, 503, "text/html; charset=utf-8", body);
    }
    let SitePath { file, bare_folder } = site_path;
    if let Some(bytes) = files.get(&file) {
        let content_type = path::content_type(&file);
        let body = if content_type.starts_with("text/html") {
            inject(bytes, generation)
        } else {
            bytes.to_vec()
        };
        return respond(request, 200, content_type, body);
    }
    if bare_folder && files.contains_key(&format!("{file}/index.html")) {
        let location = format!("{}/", route);
        let mut response = Response::from_string(format!("moved to {location}\n"))
            .with_status_code(StatusCode(301));
        response.add_header(header("Location", &location));
        let _ = request.respond(response);
        return;
    }
    let depth = file.matches('/').count();
    let body = match files.get("404.html") {
        Some(page) => inject(&rebase(page, depth), generation),
        None => inject(
            b"<!doctype html><title>Not found</title><h1>Not found</h1>",
            generation,
        ),
    };
    respond(request, 404, "text/html; charset=utf-8", body)
}

/// Shown before the first build succeeds: the overlay lists the errors over it.
const NOT_BUILT: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built yet</title></head><body><main><h1>The handbook has not built yet</h1><p>Fix the errors listed (also printed where <code>handbook serve</code> runs); this page reloads when the site builds.</p></main></body></html>";

/// Adds the live-reload script to an HTML page, before `</head>` (or at the end).
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag =
        format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\" defer></script>");
    let at = find_ci(html, b"</head>")
        .or_else(|| find_ci(html, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// The 404 page's links are relative to the site root; served at a deeper path they get
/// the `../` prefix that leads back there (the pages' CSP forbids `<base>`).
pub fn rebase(html: &[u8], depth: usize) -> Vec<u8> {
    if depth == 0 {
        return html.to_vec();
    }
    let Ok(text) = std::str::from_utf8(html) else {
        return html.to_vec();
    };
    let prefix = "../".repeat(depth);
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text;
    loop {
        let next = [" href=\"", " src=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|i| (i, attr.len())))
            .min();
        let Some((i, len)) = next else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..i + len]);
        rest = &rest[i + len..];
        let relative = !(rest.starts_with('/')
            || rest.starts_with('#')
            || rest.starts_with('"')
            || rest.split('"').next().is_some_and(|v| {
                v.split_once(':')
                    .is_some_and(|(scheme, _)| !scheme.contains('/'))
            }));
        if relative {
            out.push_str(&prefix);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_a_script_src_before_head_end() {
        let out = String::from_utf8(inject(
            b"<html><HEAD><title>x</title></HEAD><body></body></html>",
            7,
        ))
        .unwrap();
        assert!(out.contains("<script src=\"/__handbook/livereload.js\" data-generation=\"7\" defer></script></HEAD>"), "{out}");
        let bare = String::from_utf8(inject(b"<p>x</p>", 1)).unwrap();
        assert!(bare.ends_with("defer></script>"));
    }

    #[test]
    fn rebase_prefixes_only_relative_urls() {
        let html = br##"<a href="index.html">h</a><a href="#main">s</a><a href="https://x.org/">e</a><link href="/abs.css"><script src="js/a.js"></script><a href="mailto:a@b">m</a>"##;
        let out = String::from_utf8(rebase(html, 2)).unwrap();
        assert!(out.contains(r#"href="../../index.html""#));
        assert!(out.contains(r##"href="#main""##));
        assert!(out.contains(r#"href="https://x.org/""#));
        assert!(out.contains(r#"href="/abs.css""#));
        assert!(out.contains(r#"src="../../js/a.js""#));
        assert!(out.contains(r#"href="mailto:a@b""#));
    }
}
