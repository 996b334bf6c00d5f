"""Fenced code blocks for the code-heavy benchmark mix (scripts/gen_corpus.py --mix
code-heavy): the kind of snippets a handbook's technical documentation carries (build
commands, front matter, exports, queries, scripts, styles), in the languages such pages
use. Each block is assembled from per-language templates filled with the handbook's own
names (roles, criteria, modules, sessions), so it reads like real code and exercises the
highlighter's grammars as real code would: keywords, strings, numbers, comments,
nesting. The code is illustrative and synthetic, like the rest of the corpus.

Every draw comes from a `random.Random` the caller passes, so the blocks are
deterministic.
"""

# (fence info string, weight). `toml` has no grammar in syntect's default set, so it is
# shown plain, like the blocks with no or an unknown language.
LANGUAGES = [("rust", 12), ("python", 14), ("javascript", 12), ("bash", 16), ("yaml", 10),
             ("json", 8), ("sql", 6), ("html", 6), ("css", 5), ("toml", 5), ("", 4),
             ("text", 1), ("mermaid", 1)]
# How authors spell the same language in a fence, now and then.
ALIASES = {"javascript": ["js"], "bash": ["sh", "shell"], "yaml": ["yml"], "rust": ["rust,ignore"],
           "python": ["py"]}

DOC_TOPICS = ["Building the handbook", "Exporting role data", "Checking links", "Search index",
              "Theme templates", "Styling code blocks", "Training reports", "Front matter",
              "Recruiting pages", "Serving locally", "Continuous integration",
              "Person specifications", "Coverage reports", "Static files", "Review dates"]
DOC_HEADINGS = ["Before you start", "Installing", "Configuration", "Running it", "Examples",
                "Reading the output", "Troubleshooting", "Automating it", "Reference",
                "Limits", "Upgrading", "Testing a change"]
NAMES = {"rust": "Rust", "python": "Python", "javascript": "JavaScript", "bash": "Bash script",
         "yaml": "YAML", "json": "JSON", "sql": "SQL", "html": "HTML", "css": "CSS",
         "toml": "TOML"}
NOUNS = ["role", "criterion", "module", "session", "framework", "item", "programme", "page",
         "reference", "outcome", "grade", "setting", "prompt", "term"]
FIELDS = ["title", "summary", "grade", "setting", "organisation", "minutes", "need",
          "category", "weight", "owner", "review_by", "duration_minutes", "audience"]
VERBS = ["count", "collect", "check", "group", "sort", "export", "render", "load", "validate",
         "index", "list", "merge", "filter", "summarise"]
ADJECTIVES = ["essential", "desirable", "overdue", "draft", "internal", "linked", "orphan",
              "missing", "shared", "required", "developed"]
WORDS = ["the person specification", "every session plan", "the review date",
         "each role's criteria", "the coverage report", "a module's outcomes",
         "the search index", "the glossary terms", "the framework items",
         "the reflective log", "broken references", "the output folder"]
COLOURS = ["#1f2933", "#3e4c59", "#f3f2f1", "#21272b", "#0b6e4f", "#8a1c1c", "#d9d6d2",
           "#005ea5", "#ffffff", "#4c2c69"]
CSS_PROPS = [("margin", ["0", "0 auto", "1rem 0", "0.5rem 1rem"]),
             ("padding", ["0.25rem", "0.5rem 0.75rem", "1rem", "0"]),
             ("display", ["grid", "flex", "block", "none", "inline-block"]),
             ("font-size", ["0.875rem", "1rem", "1.25rem", "clamp(1rem, 2vw, 1.5rem)"]),
             ("border", ["1px solid var(--rule)", "0", "2px solid currentColor"]),
             ("max-width", ["40rem", "100%", "65ch"]),
             ("line-height", ["1.4", "1.5", "1.6"]), ("gap", ["0.5rem", "1rem"])]


def _pick(r):
    """The placeholders every template may use, drawn afresh for each statement."""
    noun = r.choice(NOUNS)
    plural = noun[:-1] + "a" if noun == "criterion" else noun + "s"
    verb = r.choice(VERBS)
    return {
        "noun": noun, "Noun": noun.capitalize(), "nouns": plural, "field": r.choice(FIELDS),
        "field2": r.choice(FIELDS), "verb": verb, "adj": r.choice(ADJECTIVES),
        "fn": f"{verb}_{plural}", "fnCamel": verb + plural.capitalize(),
        "num": r.choice([2, 3, 5, 8, 10, 12, 15, 20, 30, 45, 60, 90, 100, 500]),
        "words": r.choice(WORDS), "colour": r.choice(COLOURS),
        "path": f"content/{r.choice(['roles', 'training', 'guidance', 'frameworks'])}/{noun}-{r.randint(1, 99):02d}.md",
        "id": f"{noun}-{r.randint(1, 400)}", "cls": f"{noun}-{r.choice(['list', 'card', 'table', 'note'])}",
    }


# Per language: opening lines, statements (one is drawn, filled and appended until the
# block is long enough) and closing lines. Templates use str.format, so literal braces
# are doubled.
TEMPLATES = {
    "rust": (
        ["use std::collections::BTreeMap;", "", "/// Returns {words}, {adj} ones first.",
         "pub fn {fn}({nouns}: &[{Noun}]) -> Result<usize, Error> {{",
         "    let mut total = 0;"],
        ["    let {adj}: Vec<&{Noun}> = {nouns}.iter().filter(|x| x.{field}.is_some()).collect();",
         "    if {adj}.len() > {num} {{\n        return Err(Error::TooMany({{ found: {adj}.len(), limit: {num} }}));\n    }}",
         "    for {noun} in {nouns} {{\n        total += {noun}.{field}.len();\n    }}",
         "    // {verb} {words} before the {field} is read.",
         "    match {noun}.need {{\n        Need::Essential => total += {num},\n        Need::Desirable => total += 1,\n        _ => {{}}\n    }}",
         "    let by_{field}: BTreeMap<&str, usize> = BTreeMap::new();",
         "    println!(\"{{}}: {{}} of {num}\", {noun}.title, total);",
         "    let label = format!(\"{Noun} {{}} ({adj})\", {noun}.{field});"],
        ["    Ok(total)", "}}"]),
    "python": (
        ["import json", "from pathlib import Path", "", "", "def {fn}(root: Path) -> dict:",
         '    """{verb} {words} under ROOT."""', "    found = {{}}"],
        ["    for path in sorted(root.glob(\"content/**/*.md\")):\n        text = path.read_text(encoding=\"utf-8\")\n        found[path.stem] = text.count(\"{field}:\")",
         "    {adj} = [p for p in found if found[p] > {num}]",
         "    # {verb} {words}, keeping the {field} order.",
         "    if len(found) >= {num}:\n        print(f\"{{len(found)}} {nouns} checked, {{len({adj})}} {adj}\")",
         "    totals = {{key: value * {num} for key, value in found.items()}}",
         "    with open(\"{id}.json\", \"w\", encoding=\"utf-8\") as f:\n        json.dump(found, f, indent=2)",
         "    {noun} = found.get(\"{id}\", 0) + {num}"],
        ["    return found"]),
    "javascript": (
        ["'use strict';", "", "// {verb} {words} on the page.",
         "function {fnCamel}(root) {{",
         "  const rows = Array.from(root.querySelectorAll('.{cls} tr'));"],
        ["  const {adj} = rows.filter((row) => row.dataset.{field} === '{adj}');",
         "  rows.forEach((row, i) => {{\n    row.hidden = i >= {num};\n  }});",
         "  // Keyboard users reach the same control: {words}.",
         "  root.addEventListener('change', (event) => {{\n    const value = event.target.value.trim();\n    update(rows, value, {num});\n  }});",
         "  if (rows.length > {num}) {{\n    root.classList.add('{cls}--long');\n  }}",
         "  const label = `${{rows.length}} {nouns} shown`;",
         "  let count = 0;\n  for (const row of rows) {{\n    count += Number(row.dataset.{field} || 0);\n  }}"],
        ["  return rows.length;", "}}", "", "document.addEventListener('DOMContentLoaded', () => {fnCamel}(document));"]),
    "bash": (
        ["#!/usr/bin/env bash", "set -euo pipefail", "# {verb} {words}."],
        ["handbook build --root site --output public",
         "handbook check --deny-warnings --root site",
         "for f in content/{nouns}/*.md; do\n  grep -c '^{field}:' \"$f\" || true\ndone",
         "find public -name '*.html' -size +{num}k | sort",
         "handbook report coverage --format csv > coverage-{num}.csv",
         "if [ \"$(ls content/{nouns} | wc -l)\" -gt {num} ]; then\n  echo \"more than {num} {nouns}\"\nfi",
         "# {adj} {nouns} are listed first",
         "du -sh public/{nouns} 2>/dev/null | tee -a sizes.log",
         "export HANDBOOK_TIMINGS=1"],
        ["echo done"]),
    "yaml": (
        ["---", "title: \"{Noun} {num}\"", "summary: \"How {words} are kept.\""],
        ["{field}: \"{adj}\"", "owner: Training team", "review_by: 2099-01-01",
         "related:\n  - guidance/{id}\n  - roles/{noun}-{num}",
         "person_spec:\n  - text: \"Experience of {words}\"\n    category: experience\n    need: {adj}\n    assessed_by: [application, interview]",
         "sessions:\n  - minutes: {num}\n    activity: \"{verb} {words}\"",
         "# {verb} the {field} before publishing", "weight: {num}"],
        ["---"]),
    "json": (
        ["{{", "  \"{nouns}\": ["],
        ["    {{ \"id\": \"{id}\", \"{field}\": \"{adj}\", \"weight\": {num} }},",
         "    {{\n      \"id\": \"{id}\",\n      \"title\": \"{Noun} {num}\",\n      \"{field}\": [\"{adj}\", \"{verb}\"],\n      \"draft\": false\n    }},",
         "    {{ \"id\": \"{id}\", \"minutes\": {num}, \"{field2}\": null }},"],
        ["    {{ \"id\": \"last\" }}", "  ],", "  \"count\": {num}", "}}"]),
    "sql": (
        ["-- {verb} {words}."],
        ["CREATE TABLE {noun} (\n  id TEXT PRIMARY KEY,\n  {field} TEXT NOT NULL,\n  weight INTEGER DEFAULT {num}\n);",
         "SELECT r.title, COUNT(c.id) AS {adj}\nFROM role r\nJOIN criterion c ON c.role_id = r.id\nWHERE c.need = '{adj}'\nGROUP BY r.title\nORDER BY {adj} DESC\nLIMIT {num};",
         "INSERT INTO {noun} (id, {field}) VALUES ('{id}', '{adj}');",
         "UPDATE {noun} SET {field} = '{adj}' WHERE weight > {num};",
         "-- {adj} {nouns} have no {field}"],
        [""]),
    "html": (
        ["<section class=\"{cls}\" aria-labelledby=\"{id}\">", "  <h2 id=\"{id}\">{Noun}s</h2>"],
        ["  <p>{verb} {words} before the review.</p>",
         "  <table>\n    <thead><tr><th scope=\"col\">{Noun}</th><th scope=\"col\">{field}</th></tr></thead>\n    <tbody>\n      <tr><td>{id}</td><td>{adj}</td></tr>\n    </tbody>\n  </table>",
         "  <ul>\n    <li><a href=\"{noun}-{num}.html\">{Noun} {num}</a></li>\n  </ul>",
         "  <!-- {adj} {nouns} are marked -->",
         "  <button type=\"button\" class=\"{cls}__toggle\" aria-expanded=\"false\">Show {num} more</button>"],
        ["</section>"]),
    "css": (
        ["/* {verb} {words}. */"],
        [".{cls} {{\n  {p1}: {v1};\n  {p2}: {v2};\n}}",
         ".{cls} > li + li {{\n  {p1}: {v1};\n}}",
         "@media (max-width: 20rem) {{\n  .{cls} {{\n    {p1}: {v1};\n  }}\n}}",
         ".{cls}:focus-visible {{\n  outline: 3px solid {colour};\n  outline-offset: 2px;\n}}",
         ":root {{\n  --{noun}-ink: {colour};\n}}"],
        [""]),
    "toml": (
        ["# {verb} {words}.", "[package]", "name = \"{noun}-tools\"", "version = \"0.{num}.0\""],
        ["\n[dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}",
         "{field} = \"{adj}\"", "\n[{noun}]\nlimit = {num}\nenabled = true",
         "# {adj} {nouns} are skipped", "paths = [\"content/{nouns}\", \"static\"]"],
        []),
    "": (
        ["$ handbook build"],
        ["{verb} {nouns}: {num} done", "warning: {num} {adj} {nouns} in {path}",
         "  {path}: {field} is {adj}", "built {num} pages in 0.{num} s"],
        []),
    "text": ([], ["{Noun} {num}  {field}={adj}", "  - {verb} {words}", "{path}"], []),
    "mermaid": (
        ["graph TD"],
        ["  {noun}{num}[{Noun} {num}] --> {noun}{num}b[{adj}]", "  %% {verb} {words}"],
        []),
}


# What stays the same throughout one block (its function's name and argument, the class
# it styles), so the opening and closing lines agree.
BLOCK_KEYS = ("fn", "fnCamel", "nouns", "Noun", "cls")


def _fill(r, template, block):
    values = _pick(r) | block
    (p1, v1s), (p2, v2s) = r.sample(CSS_PROPS, 2)
    values |= {"p1": p1, "v1": r.choice(v1s), "p2": p2, "v2": r.choice(v2s)}
    return template.format(**values).split("\n")


def block_lines(r):
    """How long a block is: mostly a few lines to a screenful, now and then a long one."""
    x = r.random()
    if x < 0.4:
        return r.randint(3, 8)
    if x < 0.75:
        return r.randint(9, 20)
    if x < 0.95:
        return r.randint(21, 45)
    return r.randint(46, 90)


def code(r, lang, lines):
    """A block of about `lines` lines of `lang` (its body statements repeat until then)."""
    head, body, tail = TEMPLATES[lang]
    first = _pick(r)
    block = {k: first[k] for k in BLOCK_KEYS}
    out = []
    for t in head:
        out += _fill(r, t, block)
    while len(out) + len(tail) < lines:
        out += _fill(r, r.choice(body), block)
    for t in tail:
        out += _fill(r, t, block)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def language(r, primary):
    """A block's language: the page's own mostly, others now and then."""
    if r.random() < 0.65:
        return primary
    return r.choices([lang for lang, _ in LANGUAGES], [w for _, w in LANGUAGES])[0]


def fence(r, lang, text):
    info = lang
    if lang in ALIASES and r.random() < 0.15:
        info = r.choice(ALIASES[lang])
    return f"```{info}\n{text}\n```"


def intro(r, lang):
    """The sentence that introduces a block."""
    what = {"": "The output", "text": "The text", "mermaid": "The diagram"}.get(
        lang, f"This {NAMES.get(lang, lang)}")
    return f"{what} {r.choice(['shows how to', 'is one way to', 'can'])} {r.choice(VERBS)} {r.choice(WORDS)}:"
