// CSV writing and reading for the checklist's exports and imports (RFC 4180).
//
// Writing: fields with a comma, quote, line break or edge space are quoted and quotes are
// doubled; records end with CRLF; the text starts with a UTF-8 byte-order mark so
// spreadsheet programs read accents correctly. A field a spreadsheet would run as a
// formula (starting = + - @ tab or CR) gets a leading apostrophe (the usual defence
// against CSV injection), and a field that already starts with an apostrophe followed by
// one of those (or another apostrophe) gets one more, so reading undoes it exactly.
//
// Reading: the inverse. Quoted fields may hold commas, quotes and line breaks (CRLF, LF or
// CR); a byte-order mark is dropped; blank lines are skipped; an unterminated quote is an
// error. The two are tested as a pair: parse(stringify(rows)) equals rows.
//
// A classic script (module scripts do not load from file://) that defines
// window.HandbookCSV; it has no other effect.
(function (global) {
  "use strict";

  var FORMULA = /^[=+\-@\t\r]/;

  function encodeCell(value) {
    var v = value === null || value === undefined ? "" : String(value);
    if (FORMULA.test(v) || (v.charAt(0) === "'" && /^['=+\-@\t\r]/.test(v.slice(1)))) {
      return "'" + v;
    }
    return v;
  }

  function decodeCell(value) {
    if (value.charAt(0) === "'" && /^['=+\-@\t\r]/.test(value.slice(1))) return value.slice(1);
    return value;
  }

  function quote(value) {
    var v = encodeCell(value);
    if (/[",\r\n]/.test(v) || /^ | $/.test(v)) return '"' + v.replace(/"/g, '""') + '"';
    return v;
  }

  /** Rows (arrays of values) to CSV text with a byte-order mark. */
  function stringify(rows) {
    return "\ufeff" + rows.map(function (row) { return row.map(quote).join(","); }).join("\r\n") + "\r\n";
  }

  /** CSV text to rows of strings; throws an Error with a line number on a broken quote. */
  function parse(text) {
    var s = String(text);
    if (s.charAt(0) === "\ufeff") s = s.slice(1);
    var rows = [];
    var row = [];
    var field = "";
    var quoted = false; // inside a quoted field
    var wasQuoted = false; // the current field was quoted (so a lone "" still counts as a row)
    var line = 1;
    var quoteLine = 1;
    var i = 0;
    function endField() {
      row.push(decodeCell(field));
      field = "";
      wasQuoted = false;
    }
    function endRow() {
      endField();
      if (!(row.length === 1 && row[0] === "")) rows.push(row);
      row = [];
    }
    while (i < s.length) {
      var c = s.charAt(i);
      if (quoted) {
        if (c === '"') {
          if (s.charAt(i + 1) === '"') { field += '"'; i += 2; continue; }
          quoted = false; i += 1; continue;
        }
        if (c === "\n" || (c === "\r" && s.charAt(i + 1) !== "\n")) line += 1;
        field += c; i += 1; continue;
      }
      if (c === '"' && field === "" && !wasQuoted) { quoted = true; wasQuoted = true; quoteLine = line; i += 1; continue; }
      if (c === ",") { endField(); i += 1; continue; }
      if (c === "\r" || c === "\n") {
        endRow();
        line += 1;
        i += (c === "\r" && s.charAt(i + 1) === "\n") ? 2 : 1;
        continue;
      }
      field += c; i += 1;
    }
    if (quoted) throw new Error("line " + quoteLine + ": a quoted field is never closed");
    if (field !== "" || wasQuoted || row.length) endRow();
    return rows;
  }

  global.HandbookCSV = { stringify: stringify, parse: parse, encodeCell: encodeCell, decodeCell: decodeCell };
})(typeof window !== "undefined" ? window : this);
