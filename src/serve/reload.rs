//! The event stream that keeps open pages current: server-sent events on
//! [`EVENTS_PATH`], read by the live-reload script. One-way, plain HTTP, reconnects by
//! itself: all a preview needs, without a WebSocket handshake.
//!
//! Events: `hello` on connect (the server instance and build generation, so a page that
//! missed a rebuild, or outlived a restart, reloads), `reload`, `css` (restyle in place),
//! and `errors` (the overlay's diagnostics).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use serde_json::{Value, json};

/// Where pages connect for events.
pub const EVENTS_PATH: &str = "/__handbook/events";

/// Where the live-reload script is served.
pub const SCRIPT_PATH: &str = "/__handbook/livereload.js";

/// How often an idle stream gets a comment, so dead connections are noticed.
pub const KEEPALIVE: Duration = Duration::from_secs(15);

/// The build as a newly connected page should learn it.
#[derive(Debug, Clone, Default)]
pub struct Status {
    /// Increases with every rebuild that changed something.
    pub generation: u64,
    /// The overlay's diagnostics while the last rebuild failed.
    pub errors: Option<Value>,
}

/// A message to every open page.
#[derive(Debug, Clone)]
pub enum Event {
    /// Reload: these output paths changed.
    Reload(Vec<String>),
    /// Swap these stylesheets without reloading.
    Css(Vec<String>),
    /// Show these diagnostics over the page.
    Errors(Value),
}

/// At most this many changed paths are listed in an event.
const LISTED: usize = 200;

impl Event {
    /// The event in the `text/event-stream` format.
    pub fn encode(&self, generation: u64) -> String {
        let (name, data) = match self {
            Event::Reload(paths) => (
                "reload",
                json!({ "generation": generation, "changed": paths.iter().take(LISTED).collect::<Vec<_>>(), "count": paths.len() }),
            ),
            Event::Css(paths) => ("css", json!({ "generation": generation, "files": paths })),
            Event::Errors(errors) => (
                "errors",
                json!({ "generation": generation, "errors": errors }),
            ),
        };
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// The open event streams.
#[derive(Default)]
pub struct Hub {
    clients: Arc<Mutex<Vec<UnboundedSender<Arc<str>>>>>,
}

/// Held by an event stream: dropping it (after the stream's receiver) forgets every
/// closed stream at once, so a closed tab does not stay registered until the next rebuild.
pub struct Pruner(Arc<Mutex<Vec<UnboundedSender<Arc<str>>>>>);

impl Drop for Pruner {
    fn drop(&mut self) {
        if let Ok(mut clients) = self.0.lock() {
            clients.retain(|c| !c.is_closed());
        }
    }
}

impl Hub {
    /// Sends `message` to every open page, forgetting the ones that went away.
    pub fn broadcast(&self, message: &str) {
        let message: Arc<str> = message.into();
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|c| c.send(Arc::clone(&message)).is_ok());
        }
    }

    /// Registers a new stream.
    pub fn subscribe(&self) -> UnboundedReceiver<Arc<str>> {
        let (tx, rx) = unbounded_channel();
        if let Ok(mut clients) = self.clients.lock() {
            clients.push(tx);
        }
        rx
    }

    /// Registers a new stream, with the [`Pruner`] that forgets it once it is closed.
    pub fn subscribe_pruned(&self) -> (UnboundedReceiver<Arc<str>>, Pruner) {
        (self.subscribe(), Pruner(Arc::clone(&self.clients)))
    }

    /// How many pages are connected.
    pub fn clients(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

/// The first events a page gets: who is serving, which build, and any errors.
pub fn greeting(server: &str, status: &Status) -> String {
    let mut out = format!(
        "retry: 500\nevent: hello\ndata: {}\n\n",
        json!({ "server": server, "generation": status.generation })
    );
    if let Some(errors) = &status.errors {
        out.push_str(&Event::Errors(errors.clone()).encode(status.generation));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_one_line_of_json() {
        let e = Event::Errors(json!([{ "message": "a\nb" }])).encode(3);
        assert!(e.starts_with("event: errors\ndata: {"));
        assert_eq!(e.matches('\n').count(), 3, "{e}");
        let r = Event::Reload(vec!["x.html".into()]).encode(4);
        assert!(r.contains("\"generation\":4") && r.contains("x.html"));
    }

    #[test]
    fn broadcast_drops_closed_streams() {
        let hub = Hub::default();
        let a = hub.subscribe();
        drop(hub.subscribe());
        hub.broadcast("x");
        assert_eq!(hub.clients(), 1);
        let mut a = a;
        assert_eq!(a.try_recv().as_deref(), Ok("x"));
    }

    #[test]
    fn a_closed_stream_is_forgotten_at_once() {
        let hub = Hub::default();
        let (rx, pruner) = hub.subscribe_pruned();
        let _open = hub.subscribe_pruned();
        assert_eq!(hub.clients(), 2);
        drop(rx);
        drop(pruner);
        assert_eq!(hub.clients(), 1);
    }
}
