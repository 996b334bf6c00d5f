//! The HTTP side of `serve`, on hyper (HTTP/1.1) with a single-threaded tokio runtime on
//! its own thread: the standard, well-kept Rust HTTP stack. Connections are cheap async
//! tasks, so a browser's idle keep-alive connections and open event streams never hold up
//! a new request (a thread-per-connection server with a small pool can stall there).
//!
//! It answers GET and HEAD from the built site in memory: the right media type, the
//! site's own 404 page with status 404, `Cache-Control: no-store` so a reload always shows
//! the latest build. HTML responses get the live-reload script as a `<script src>` (the
//! pages' CSP forbids inline script), which is the only place it is ever added.

use std::convert::Infallible;
use std::net::TcpListener;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::Full;
use http_body_util::combinators::BoxBody;
use hyper::body::{Body, Frame, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;

use super::path::{self, SitePath};
use super::reload::{self, EVENTS_PATH, KEEPALIVE, SCRIPT_PATH};
use super::{LIVERELOAD_JS, State};

type Reply = Response<BoxBody<Bytes, Infallible>>;

/// How long a connection may take to send a request's headers, or stay idle between
/// requests, before it is closed.
pub const HEADER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The longest request target answered with a page; longer ones get a small 414.
pub const MAX_TARGET: usize = 8 * 1024;

/// True when the request's `Host` names this server: a loopback name, the bound address or
/// a name given with `--host`. A DNS-rebinding page sends its own name and is refused.
fn host_allowed<B>(request: &Request<B>, state: &State) -> bool {
    let Some(host) = request.headers().get(header::HOST) else {
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let host = host.trim().to_ascii_lowercase();
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host.as_str(), |(n, port)| {
            if port.chars().all(|c| c.is_ascii_digit()) {
                n
            } else {
                host.as_str()
            }
        }),
    };
    let name = name.trim_end_matches('.');
    matches!(name, "localhost" | "127.0.0.1" | "::1")
        || name.ends_with(".localhost")
        || state.hosts().iter().any(|h| h.eq_ignore_ascii_case(name))
}

/// Serves `listener` on a thread of its own until the process ends.
pub fn spawn(listener: TcpListener, state: Arc<State>) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    let instance: Arc<str> = format!(
        "{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis())
    )
    .into();
    std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    // Out of file descriptors or similar: wait and go on serving.
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                };
                let state = Arc::clone(&state);
                let instance = Arc::clone(&instance);
                tokio::spawn(async move {
                    let service = service_fn(move |request: Request<Incoming>| {
                        let reply = handle(&request, &state, &instance);
                        async move { Ok::<_, Infallible>(reply) }
                    });
                    // A connection that ends badly is the browser's business.
                    // A client that sends its headers too slowly, or holds an idle
                    // connection open, is dropped: half-sent requests cannot use up
                    // the server's file descriptors.
                    let _ = hyper::server::conn::http1::Builder::new()
                        .timer(hyper_util::rt::TokioTimer::new())
                        .header_read_timeout(HEADER_TIMEOUT)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    Ok(())
}

fn reply(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let mut response = Response::new(Full::new(Bytes::from(body)).boxed());
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn plain(status: u16, text: &str) -> Reply {
    reply(
        status,
        "text/plain; charset=utf-8",
        text.as_bytes().to_vec(),
    )
}

/// An open page's event stream: the greeting, then every broadcast, with a comment when
/// idle so a closed connection is noticed. Dropped (and unsubscribed) when the page goes.
struct EventStream {
    greeting: Option<Bytes>,
    events: tokio::sync::mpsc::UnboundedReceiver<Arc<str>>,
    keepalive: tokio::time::Interval,
    // Dropped after `events`: forgets the closed stream at once.
    _pruner: reload::Pruner,
}

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        if let Some(first) = self.greeting.take() {
            return Poll::Ready(Some(Ok(Frame::data(first))));
        }
        match self.events.poll_recv(cx) {
            Poll::Ready(Some(event)) => {
                return Poll::Ready(Some(Ok(Frame::data(Bytes::from(event.to_string())))));
            }
            Poll::Ready(None) => return Poll::Ready(None),
            Poll::Pending => {}
        }
        if self.keepalive.poll_tick(cx).is_ready() {
            return Poll::Ready(Some(Ok(Frame::data(Bytes::from_static(
                b": keep-alive\n\n",
            )))));
        }
        Poll::Pending
    }
}

fn event_stream(state: &State, instance: &str) -> Reply {
    let mut keepalive = tokio::time::interval(KEEPALIVE);
    keepalive.reset();
    let (events, pruner) = state.hub.subscribe_pruned();
    let body = EventStream {
        greeting: Some(Bytes::from(reload::greeting(instance, &state.status()))),
        events,
        keepalive,
        _pruner: pruner,
    };
    let mut response = Response::new(body.boxed());
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Answers one request.
pub fn handle<B>(request: &Request<B>, state: &State, instance: &str) -> Reply {
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        let mut response = plain(405, "only GET and HEAD are served\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    if !host_allowed(request, state) {
        return plain(
            421,
            "this preview answers only its own host names (see `handbook serve --host`)\n",
        );
    }
    let target = request
        .uri()
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    if target.len() > MAX_TARGET {
        return plain(414, "the address is too long\n");
    }
    let route = request.uri().path();
    if route == SCRIPT_PATH {
        return reply(
            200,
            "text/javascript; charset=utf-8",
            LIVERELOAD_JS.as_bytes().to_vec(),
        );
    }
    if route == EVENTS_PATH {
        if method == Method::HEAD {
            return reply(200, "text/event-stream; charset=utf-8", Vec::new());
        }
        return event_stream(state, instance);
    }
    let site_path = match path::resolve(&target) {
        Ok(p) => p,
        Err(path::Refusal::BadPath(why)) => return plain(400, &format!("refused: {why}\n")),
    };
    let files = state.files();
    let generation = state.status().generation;
    if files.is_empty() {
        return reply(
            503,
            "text/html; charset=utf-8",
            inject(NOT_BUILT.as_bytes(), generation),
        );
    }
    let SitePath { file, bare_folder } = site_path;
    if let Some(bytes) = files.get(&file) {
        let content_type = path::content_type(&file);
        let body = if content_type.starts_with("text/html") {
            inject(bytes, generation)
        } else {
            bytes.to_vec()
        };
        return reply(200, content_type, body);
    }
    if bare_folder && files.contains_key(&format!("{file}/index.html")) {
        // One leading slash: `//roles` must not become `//roles/`, which a browser reads
        // as another host.
        let location = format!("/{}/", route.trim_start_matches(['/', '\\']));
        let mut response = plain(301, &format!("moved to {location}\n"));
        if let Ok(v) = HeaderValue::from_str(&location) {
            response.headers_mut().insert(header::LOCATION, v);
        }
        return response;
    }
    let depth = file.matches('/').count();
    let body = match files.get("404.html") {
        Some(page) => inject(&rebase(page, depth), generation),
        None => inject(
            b"<!doctype html><title>Not found</title><h1>Not found</h1>",
            generation,
        ),
    };
    reply(404, "text/html; charset=utf-8", body)
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
