//! A job description file's text, as lines: `.docx` (its XML: paragraphs, and each table
//! cell's paragraphs as their own lines), `.pdf` (the pages' text, pure Rust) and
//! `.txt`/`.md`. Every failure names the file and, where it can, the place.

use std::io::Read;
use std::path::Path;

use super::super::{ImportError, error};

/// The document's lines, in reading order.
pub fn lines(file: &Path) -> Result<Vec<String>, ImportError> {
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| {
        error(
            format!("{shown}: cannot read the file: {e}"),
            "give the path of a .docx, .pdf, .txt or .md job description",
        )
    })?;
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(error(
            format!("{shown}: the file is empty"),
            "export the job description again; an empty file has nothing to import",
        ));
    }
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let text = match ext.as_str() {
        "docx" => docx_text(&shown, &bytes)?,
        "pdf" => pdf_text(&shown, &bytes)?,
        "txt" | "md" | "text" | "markdown" => plain_text(&shown, &bytes)?,
        other => {
            return Err(error(
                format!("{shown}: cannot read a `.{other}` file"),
                "save the job description as .docx, .pdf or plain text (.txt) and import that",
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(error(
            format!("{shown}: no text found in the document"),
            "if it is a scan (an image-only PDF), run it through OCR or ask for the Word original",
        ));
    }
    Ok(text.lines().map(str::to_string).collect())
}

/// UTF-8 text (a byte-order mark is dropped); anything else is located by line and column.
fn plain_text(shown: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|b| **b != b'\n').count() + 1;
            Err(error(
                format!("{shown}:{line}:{col}: the text is not UTF-8"),
                "save the file as UTF-8 (in most editors: Save As, encoding UTF-8) and import it again",
            ))
        }
    }
}

/// The text of `word/document.xml`: one line per paragraph, a table cell's paragraphs each
/// on their own line and a blank line after each table row, as a reader meets them.
fn docx_text(shown: &str, bytes: &[u8]) -> Result<String, ImportError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        error(
            format!("{shown}: not a Word document (the zip archive is unreadable: {e})"),
            "open the file in Word and save it again as .docx",
        )
    })?;
    let mut xml = String::new();
    {
        let mut part = archive.by_name("word/document.xml").map_err(|_| {
            error(
                format!("{shown}: the archive has no word/document.xml, so it is not a .docx"),
                "open the file in Word and save it again as .docx",
            )
        })?;
        part.read_to_string(&mut xml).map_err(|e| {
            error(
                format!("{shown}: word/document.xml cannot be read: {e}"),
                "open the file in Word and save it again as .docx",
            )
        })?;
    }
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut out = String::new();
    let mut in_text = false;
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            error(
                format!("{shown}: word/document.xml is not well-formed at byte {at}: {e}"),
                "open the file in Word and save it again as .docx",
            )
        })?;
        use quick_xml::events::Event;
        match event {
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" => out.push('\n'),
                "tr" => out.push('\n'),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => out.push(' '),
                "br" | "cr" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let raw = t.as_ref().to_string();
                out.push_str(&unescape(&raw));
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.as_ref().to_string();
                out.push_str(&unescape(&format!("&{name};")));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// XML and HTML character references (`&amp;`, `&#163;`).
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail[..tail.len().min(12)].find(';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let name = &tail[1..end];
        let ch = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            "pound" => Some('£'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16)
                .ok()
                .and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of every page; an encrypted or unreadable PDF is an error.
fn pdf_text(shown: &str, bytes: &[u8]) -> Result<String, ImportError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(error(
            format!("{shown}: not a PDF (it does not start with %PDF)"),
            "export the job description to PDF again, or import the Word original",
        ));
    }
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| {
        let encrypted = matches!(e, lopdf::Error::Decryption(_))
            || e.to_string().to_ascii_lowercase().contains("encrypt");
        if encrypted {
            encrypted_error(shown)
        } else {
            error(
                format!("{shown}: the PDF cannot be read: {e}"),
                "export the job description to PDF again, or import the Word original",
            )
        }
    })?;
    if doc.is_encrypted() || doc.trailer.get(b"Encrypt").is_ok() {
        return Err(encrypted_error(shown));
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for n in pages {
        let text = doc.extract_text(&[n]).map_err(|e| {
            error(
                format!("{shown}: page {n}: its text cannot be extracted: {e}"),
                "export the job description to PDF again, or import the Word original",
            )
        })?;
        out.push_str(&text);
        out.push('\n');
    }
    Ok(out)
}

fn encrypted_error(shown: &str) -> ImportError {
    error(
        format!("{shown}: the PDF is encrypted (password-protected), so its text cannot be read"),
        "ask for an unprotected copy, or save it without a password, and import that",
    )
}
