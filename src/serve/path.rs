//! Request paths to site files. The server only ever looks paths up in the built site held
//! in memory, so nothing outside it can be read; on top of that, anything that tries to
//! climb or escape is refused outright (400) rather than normalised: `..` and `.`
//! segments raw or percent-encoded (`%2e%2e`), encoded slashes that would form one
//! (`..%2f`), backslashes, NUL and invalid UTF-8.

/// Why a request path was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The path tries to leave the site or is malformed.
    BadPath(&'static str),
}

/// What a request path names in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// The file to look up, relative to the site root (`roles/index.html`).
    pub file: String,
    /// The request named a folder without its trailing slash (`/roles`), so a redirect to
    /// `/roles/` may be due.
    pub bare_folder: bool,
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// Percent-decodes `s`; malformed escapes and non-UTF-8 results are refused.
pub fn percent_decode(s: &str) -> Result<String, Refusal> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            ) else {
                return Err(Refusal::BadPath("malformed percent-escape"));
            };
            out.push(h * 16 + l);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    // Bytes that are not UTF-8 name a file as the build published it (`static/` keeps
    // such names exactly).
    crate::load::bytes_to_name(&out).ok_or(Refusal::BadPath("not a name the site can hold"))
}

/// The site file a request target (`/roles/x.html?q=1`) names.
pub fn resolve(target: &str) -> Result<SitePath, Refusal> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(path) = path.strip_prefix('/') else {
        return Err(Refusal::BadPath("the path must start with /"));
    };
    if path.contains('\\') {
        return Err(Refusal::BadPath("backslash in path"));
    }
    let decoded = percent_decode(path)?;
    if decoded.contains(['\\', '\0']) {
        return Err(Refusal::BadPath("backslash or NUL in path"));
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(Refusal::BadPath("`.` or `..` in path")),
            s if s.contains(':') && segments.is_empty() && s.len() == 2 => {
                return Err(Refusal::BadPath("drive letter in path"));
            }
            s => segments.push(s),
        }
    }
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let mut file = segments.join("/");
    if folder {
        if !file.is_empty() {
            file.push('/');
        }
        file.push_str("index.html");
    }
    let bare_folder = !folder && !segments.last().is_some_and(|s| s.contains('.'));
    Ok(SitePath { file, bare_folder })
}

/// The media type of a site file, from its extension.
pub fn content_type(file: &str) -> &'static str {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_that_is_not_utf8_resolves_as_the_build_published_it() {
        let p = resolve("/files/caf%E9.txt").expect("a name");
        assert_eq!(
            crate::load::name_to_path(&p.file),
            crate::load::name_to_path(&crate::load::bytes_to_name(b"files/caf\xe9.txt").unwrap())
        );
        assert_eq!(
            p.file,
            crate::load::bytes_to_name(b"files/caf\xe9.txt").unwrap()
        );
    }

    fn file(t: &str) -> String {
        resolve(t).unwrap().file
    }

    #[test]
    fn maps_paths_to_files() {
        assert_eq!(file("/"), "index.html");
        assert_eq!(file("/roles/"), "roles/index.html");
        assert_eq!(file("/roles/x.html?q=1#top"), "roles/x.html");
        assert_eq!(file("/a%20b.html"), "a b.html");
        assert_eq!(file("//roles//x.html"), "roles/x.html");
        assert!(resolve("/roles").unwrap().bare_folder);
        assert!(!resolve("/roles/x.html").unwrap().bare_folder);
    }

    #[test]
    fn refuses_traversal_in_every_spelling() {
        for t in [
            "/../handbook.yml",
            "/css/../../handbook.yml",
            "/%2e%2e/handbook.yml",
            "/%2E%2E/handbook.yml",
            "/.%2e/handbook.yml",
            "/..%2fhandbook.yml",
            "/%2e%2e%2fhandbook.yml",
            "/css/%2e%2e%2f%2e%2e%2fhandbook.yml",
            "/..\\handbook.yml",
            "/%5c..%5chandbook.yml",
            "/./index.html",
            "/x%00.html",
            "/%zz",
            "relative.html",
            "/C:/Windows/win.ini",
        ] {
            assert!(resolve(t).is_err(), "{t} was not refused");
        }
        // A byte that is not UTF-8 is a name (looked up in the site, never on disk), not
        // a way out: it cannot spell `/`, `.` or `\\`.
        let odd = resolve("/%ff.html").expect("a name").file;
        assert!(!odd.contains(['/', '\\']) && odd.ends_with(".html") && odd.len() > 5);
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("js/x.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("graph.json"), "application/json");
        assert_eq!(content_type("favicon.svg"), "image/svg+xml");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
