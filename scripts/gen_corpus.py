#!/usr/bin/env python3
"""Deterministic benchmark corpus for `handbook`, and the same Markdown as a Hugo site.

    python3 scripts/gen_corpus.py --pages 10000 --out target/bench/corpus-10000
    python3 scripts/gen_corpus.py --mix roles-heavy --pages 2000 --out DIR

writes

    OUT/handbook/handbook.yml, OUT/handbook/content/...   a handbook site of exactly N pages
    OUT/hugo/hugo.toml, OUT/hugo/layouts/..., OUT/hugo/content/...   the same content for Hugo

The pages follow docs/CONTENT-MODEL.md: roles with person-specification criteria,
frameworks and ethos pages with items, guidance pages of 1,500 to 3,000 words, training
programmes and modules, one glossary with abbreviations, all cross-linked by
front-matter references and by Markdown links with heading anchors. The prose is built
from a vocabulary of therapy and handbook words with varied word forms (supervise,
supervising, supervision, supervisor), so stemming, abbreviation mark-up and search
behave as they would on a real handbook. It is synthetic: nothing here is a fact.

Three mixes (`--mix`), as shares of the pages after the fixed ones (home, glossary and
one page per section):

    guidance-heavy  (default) guidance 50%, modules and programmes 48%, roles 1% (30-45
                    criteria each), frameworks and ethos pages 0.25% each. The corpus of
                    the figures before 2026-11-24: same N and seed, same bytes.
    roles-heavy     roles 40% (26-34 criteria each, competencies and ethos values from a
                    few frameworks, grades Band 5 to Band 8c and some that cannot be put in
                    order, settings and organisations shared by many roles), frameworks
                    20% (with ethos pages), guidance 20%, programmes and modules 20%.
    code-heavy      technical documentation pages 50% (3 to 9 fenced code blocks each,
                    in rust, python, javascript, bash, yaml, json, sql, html, css, toml and
                    with no or an unknown language; a fifth of the blocks are snippets
                    that recur across pages), guidance 20%, modules and programmes 28%,
                    roles 1%, frameworks and ethos pages 0.25% each.

The same seed, mix and N always give byte-identical files (every page draws from its
own random generator seeded by the corpus seed and the page's name).
"""

import argparse
import os
import shutil
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts

import corpus_code  # noqa: E402
from corpus_hugo import HUGO_CONFIG, HUGO_LAYOUTS  # noqa: E402
from corpus_text import *  # noqa: E402,F401,F403  (the vocabulary and sentence helpers)

MIXES = ("guidance-heavy", "roles-heavy", "code-heavy")


class Corpus:
    """Decides every page's name, title and headings up front, so that any page can link
    to any other page's headings before either is written."""

    def __init__(self, n, seed, mix="guidance-heavy"):
        if n < 50:
            sys.exit("gen_corpus: --pages must be at least 50")
        if mix not in MIXES:
            sys.exit(f"gen_corpus: --mix must be one of {', '.join(MIXES)}")
        self.n, self.seed, self.mix = n, seed, mix
        # Fixed pages: home, glossary and a page per section (five; six with docs/).
        self.n_docs = 0
        if mix == "guidance-heavy":
            # Guidance and training make up most of the handbook; roles are 1% (each with
            # 30-45 criteria), frameworks and ethos pages a quarter of a percent each.
            rest = n - 7
            self.n_frameworks = max(3, rest // 400)
            self.n_ethos = max(3, rest // 400)
            self.n_roles = max(5, rest // 100)
            self.n_programmes = max(2, rest // 50)
            self.n_guidance = rest // 2
        elif mix == "roles-heavy":
            # An organisation that recruits at scale: 40% roles, 20% frameworks (and the
            # few ethos pages), 20% guidance, 20% training.
            rest = n - 7
            self.n_roles = max(5, rest * 2 // 5)
            self.n_ethos = max(3, rest // 400)
            self.n_frameworks = max(3, rest // 5 - self.n_ethos)
            self.n_guidance = max(5, rest // 5)
            self.n_programmes = max(2, rest // 50)
        else:
            # Technical documentation with many code blocks, beside a smaller handbook.
            rest = n - 8
            self.n_frameworks = max(3, rest // 400)
            self.n_ethos = max(3, rest // 400)
            self.n_roles = max(5, rest // 100)
            self.n_programmes = max(2, rest // 100)
            self.n_guidance = rest // 5
            # Half the pages, leaving a module per programme in the smallest corpora.
            self.n_docs = min(rest // 2, rest - 2 * self.n_programmes - self.n_frameworks
                              - self.n_ethos - self.n_roles - self.n_guidance)
        self.n_modules = rest - (self.n_frameworks + self.n_ethos + self.n_roles
                                 + self.n_programmes + self.n_guidance + self.n_docs)
        if self.n_modules < self.n_programmes:
            sys.exit(f"gen_corpus: --pages {n} is too few for the {mix} mix")
        self.glossary = self._glossary()
        self.abbrs = [t["abbreviation"] for t in self.glossary if t.get("abbreviation")]
        self.frameworks = [self._framework(i) for i in range(self.n_frameworks)]
        self.ethos = [self._ethos(i) for i in range(self.n_ethos)]
        self.roles = [self._role_head(i) for i in range(self.n_roles)]
        self.guidance = [self._guidance_head(i) for i in range(self.n_guidance)]
        self.programmes = [f"training/programme-{i:04d}" for i in range(self.n_programmes)]
        self.modules = []  # (programme index, key)
        for i in range(self.n_modules):
            p = i % self.n_programmes
            self.modules.append((p, f"{self.programmes[p]}/module-{i:05d}"))
        self.docs = [self._doc_head(i) for i in range(self.n_docs)]
        # Snippets that recur across documentation pages (install and build commands,
        # a config file, a query): each is written identically wherever it appears.
        self.snippets = [self._snippet(k) for k in range(40)] if self.n_docs else []
        self.n_blocks = 0

    # -- what each page is called and which anchors it has ---------------------------

    def _glossary(self):
        r = rng_for(self.seed, "glossary")
        terms, seen = [], set()
        for abbr, term in BODIES + ABBR_TERMS:
            terms.append({"id": abbr.lower(), "term": term, "abbreviation": abbr})
            seen.add(abbr.lower())
        while len(terms) < 150:
            k = r.randint(2, 4)
            name = " ".join(r.sample(TERM_WORDS, k))
            abbr = "".join(w[0] for w in name.split()).upper()
            if r.random() < 0.25:
                tid = slug(name)
                if tid in seen:
                    continue
                seen.add(tid)
                terms.append({"id": tid, "term": name})
                continue
            if abbr.lower() in seen:
                continue
            seen.add(abbr.lower())
            terms.append({"id": abbr.lower(), "term": name, "abbreviation": abbr})
        return terms

    def _framework(self, i):
        r = rng_for(self.seed, f"framework-{i}")
        items, seen = [], set()
        while len(items) < r.randint(12, 24):
            name = f"{r.choice(COMPETENCY_WORDS)} {r.choice(['and', 'with', 'for'])} {r.choice(COMPETENCY_OBJECTS)}"
            if slug(name) in seen:
                continue
            seen.add(slug(name))
            items.append({"id": slug(name), "name": name})
        return {"i": i, "key": f"frameworks/framework-{i:03d}", "title": f"Practice Framework {i + 1}",
                "items": items}

    def _ethos(self, i):
        r = rng_for(self.seed, f"ethos-{i}")
        names = r.sample(VALUES, r.randint(5, 10))
        return {"i": i, "key": f"ethos/ethos-{i:03d}", "title": f"Community Values {i + 1}",
                "items": [{"id": slug(v), "name": v} for v in names]}

    def _role_head(self, i):
        r = rng_for(self.seed, f"role-head-{i}")
        title = f"{r.choice(ROLE_WORDS)} {r.choice(ROLE_NOUNS)} {i + 1}"
        return {"i": i, "key": f"roles/role-{i:05d}", "title": title, "headings": ROLE_HEADINGS}

    def _guidance_head(self, i):
        r = rng_for(self.seed, f"guidance-head-{i}")
        heads = r.sample(HEADINGS, r.randint(6, 10))
        topic = r.choice(HEADINGS)
        return {"i": i, "key": f"guidance/guidance-{i:05d}", "title": f"{topic}: practice note {i + 1}",
                "headings": heads}

    def _doc_head(self, i):
        r = rng_for(self.seed, f"doc-head-{i}")
        heads = r.sample(corpus_code.DOC_HEADINGS, r.randint(3, 6))
        primary = r.choices([lang for lang, _ in corpus_code.LANGUAGES],
                            [w for _, w in corpus_code.LANGUAGES])[0]
        title = f"{r.choice(corpus_code.DOC_TOPICS)}: technical note {i + 1}"
        return {"i": i, "key": f"docs/doc-{i:05d}", "title": title, "headings": heads,
                "primary": primary}

    def _snippet(self, k):
        r = rng_for(self.seed, f"snippet-{k}")
        lang = r.choices([lang for lang, _ in corpus_code.LANGUAGES],
                         [w for _, w in corpus_code.LANGUAGES])[0]
        return lang, corpus_code.code(r, lang, r.randint(2, 14))

    def next_of(self, page, pages):
        """The key of the page after `page` in `pages` (a cycle), so none is an orphan."""
        return pages[(page["i"] + 1) % len(pages)]["key"]

    # -- references -------------------------------------------------------------------

    def item_ref(self, r, pages):
        p = r.choice(pages)
        return f"{p['key']}#{r.choice(p['items'])['id']}"

    def body_links(self, r, from_key, count):
        """Markdown links from the page `from_key` to other pages' headings."""
        depth = from_key.count("/")
        up = "../" * depth
        out = []
        for _ in range(count):
            x = r.random()
            if x < 0.55:
                g = r.choice(self.guidance)
                out.append((g["title"], f"{up}{g['key']}.md#{slug(r.choice(g['headings']))}"))
            elif x < 0.8:
                ro = r.choice(self.roles)
                out.append((ro["title"], f"{up}{ro['key']}.md#{slug(r.choice(ro['headings']))}"))
            elif x < 0.9:
                f = r.choice(self.frameworks)
                out.append((f["title"], f"{up}{f['key']}.md"))
            else:
                t = r.choice(self.glossary)
                out.append((t["term"], f"{up}glossary.md#{t['id']}"))
        return out

    # -- pages ----------------------------------------------------------------------

    def files(self):
        """Yields (path under content/, text) for every page."""
        yield "_index.md", self.home()
        yield "glossary.md", self.glossary_page()
        sections = [("roles", "Roles"), ("frameworks", "Competency frameworks"),
                    ("ethos", "Ethos and values"), ("guidance", "Practice guidance"),
                    ("training", "Training")]
        if self.docs:
            sections.append(("docs", "Technical documentation"))
        for sec, title in sections:
            yield f"{sec}/_index.md", self.section(sec, title)
        for f in self.frameworks:
            yield f["key"] + ".md", self.items_page(f, "framework")
        for e in self.ethos:
            yield e["key"] + ".md", self.items_page(e, "ethos")
        for i, ro in enumerate(self.roles):
            yield ro["key"] + ".md", self.role(i, ro)
        for i, g in enumerate(self.guidance):
            yield g["key"] + ".md", self.guidance_page(i, g)
        for i, key in enumerate(self.programmes):
            yield key + "/_index.md", self.programme(i, key)
        for i, (p, key) in enumerate(self.modules):
            yield key + ".md", self.module(i, p, key)
        for d in self.docs:
            yield d["key"] + ".md", self.doc_page(d)

    def front(self, lines, body):
        return "---\n" + "\n".join(lines) + "\n---\n\n" + body

    def home(self):
        r = rng_for(self.seed, "home")
        body = "\n\n".join(paragraph(r, self.abbrs, self.body_links(r, "index", 3)) for _ in range(3))
        return self.front([f"title: {q('Generated Practice Handbook')}",
                           f"summary: {q('A synthetic handbook for benchmarking.')}"], body + "\n")

    def section(self, key, title):
        r = rng_for(self.seed, f"section-{key}")
        body = "\n\n".join(paragraph(r, self.abbrs, []) for _ in range(2))
        return self.front([f"title: {q(title)}", f"summary: {q(sentence(r, []))}"], body + "\n")

    def glossary_page(self):
        r = rng_for(self.seed, "glossary-page")
        lines = [f"title: {q('Glossary')}", f"summary: {q('Abbreviations and key terms.')}",
                 "terms:"]
        for t in self.glossary:
            lines.append(f"  - id: {t['id']}")
            lines.append(f"    term: {q(t['term'])}")
            if t.get("abbreviation"):
                lines.append(f"    abbreviation: {q(t['abbreviation'])}")
            lines.append(f"    definition: {q(sentence(r, []))}")
            if r.random() < 0.4:
                lines.append("    see_also:")
                lines.append(f"      - {q(r.choice(self.guidance)['key'])}")
        return self.front(lines, paragraph(r, [], []) + "\n")

    def items_page(self, page, kind):
        r = rng_for(self.seed, page["key"])
        lines = [f"title: {q(page['title'])}", f"summary: {q(sentence(r, []))}",
                 f"tags: [{kind}, {r.choice(['selection', 'practice', 'values'])}]",
                 "owner: Benchmark editorial team", "review_by: 2099-01-01",
                 "related:", f"  - {self.next_of(page, self.frameworks if kind == 'framework' else self.ethos)}",
                 "items:"]
        for n, it in enumerate(page["items"]):
            lines.append(f"  - id: {it['id']}")
            lines.append(f"    name: {q(it['name'])}")
            lines.append(f"    number: {n + 1}")
            lines.append(f"    cluster: {q(r.choice(CLUSTERS))}")
            lines.append(f"    summary: {q(sentence(r, self.abbrs))}")
            if kind == "framework":
                lines.append("    levels:")
                for lv in range(3):
                    lines.append(f"      - {q(f'Level {lv + 1}: ' + sentence(r, []))}")
        body = []
        links = self.body_links(r, page["key"], 4)
        for h in ["About this " + kind, "How it is used", "Levels and evidence"]:
            body.append(f"## {h}")
            for _ in range(r.randint(2, 3)):
                body.append(paragraph(r, self.abbrs, links))
        return self.front(lines, "\n\n".join(body) + "\n")

    def role(self, i, ro):
        if self.mix == "roles-heavy":
            return self.role_profile(i, ro)
        r = rng_for(self.seed, ro["key"])
        org = r.choice(ORGANISATIONS)
        lines = [
            f"title: {q(ro['title'])}",
            f"summary: {q(sentence(r, self.abbrs))}",
            f"tags: [role, {q(r.choice(SETTINGS))}]",
            "owner: Benchmark editorial team", "review_by: 2099-01-01",
            f"weight: {i + 1}",
            f"organisation: {q(org)}",
            f"setting: {q(r.choice(SETTINGS))}",
            f"grade: {q(r.choice(GRADES))}",
            f"hours_per_week: {r.choice([22.5, 30, 37, 37.5])}",
            f"location: {q(org.split()[0])}",
            f"line_management: {q(r.choice(['None', 'Two practitioners', 'The therapy team']))}",
            "source:",
            f"  document: {q(f'JD-{i:05d}')}",
            "  version: \"1.0\"",
            "  issued: 2024-04-01",
        ]
        if i > 0:
            lines.append(f"reports_to_role: {self.roles[r.randrange(i)]['key']}")
        lines.append("competencies:")
        for _ in range(r.randint(4, 8)):
            lines.append(f"  - {q(self.item_ref(r, self.frameworks))}")
        lines.append("ethos:")
        for _ in range(r.randint(2, 4)):
            lines.append(f"  - {q(self.item_ref(r, self.ethos))}")
        lines.append("professional_bodies:")
        for b in r.sample(BODIES, r.randint(1, 3)):
            lines.append(f"  - {q('glossary#' + b[0].lower())}")
        lines.append("related:")
        lines.append(f"  - {self.next_of(ro, self.roles)}")
        for _ in range(2):
            lines.append(f"  - {r.choice(self.guidance)['key']}")
        lines.append("person_spec:")
        for _ in range(r.randint(30, 45)):
            text = f"{r.choice(CRITERION_STARTS)} {r.choice(OBJECTS)} {r.choice(CONTEXTS)}"
            lines.append(f"  - text: {q(text)}")
            lines.append(f"    category: {r.choice(CATEGORIES)}")
            lines.append(f"    need: {r.choice(NEEDS)}")
            lines.append(f"    assessed_by: [{', '.join(r.sample(ASSESSED, r.randint(1, 3)))}]")
            if r.random() < 0.4:
                lines.append("    refs:")
                lines.append(f"      - {q(self.item_ref(r, self.frameworks))}")
                if r.random() < 0.3:
                    lines.append(f"      - {q('glossary#' + r.choice(BODIES)[0].lower())}")
        links = self.body_links(r, ro["key"], 5)
        body = []
        for h in ro["headings"]:
            body.append(f"## {h}")
            for _ in range(r.randint(1, 3)):
                body.append(paragraph(r, self.abbrs, links))
            if h == "Responsibilities":
                body.append("\n".join(f"- {sentence(r, self.abbrs)}" for _ in range(r.randint(5, 10))))
        return self.front(lines, "\n\n".join(body) + "\n")

    def role_profile(self, i, ro):
        """A role of the roles-heavy mix, written as an organisation that recruits at scale
        writes them: its organisation's settings and competency frameworks, a grade from
        a pay scale (now and then one that cannot be put in order), about 30 criteria."""
        r = rng_for(self.seed, ro["key"])
        k = r.choices(range(len(ORGANISATIONS)), ORGANISATION_WEIGHTS)[0]
        org = ORGANISATIONS[k]
        # What the organisation has, the same for all its roles.
        home = rng_for(self.seed, f"organisation-{k}")
        settings = home.sample(SETTINGS, home.randint(1, 3))
        own = home.sample(self.frameworks, min(len(self.frameworks), 1 + len(self.frameworks) // 20))
        frameworks = r.sample(own, min(len(own), r.randint(1, 3)))
        pool = [f"{f['key']}#{it['id']}" for f in frameworks for it in f["items"]]
        setting = r.choice(settings)
        if r.random() < 0.12:
            grade = r.choice(UNORDERED_GRADES)
        else:
            grade = r.choices(PLAIN_GRADES, PLAIN_GRADE_WEIGHTS)[0]
        lines = [
            f"title: {q(ro['title'])}",
            f"summary: {q(sentence(r, self.abbrs))}",
            f"tags: [role, {q(setting)}]",
            "owner: Recruitment team", "review_by: 2099-01-01",
            f"weight: {i + 1}",
            f"organisation: {q(org)}",
            f"setting: {q(setting)}",
            f"grade: {q(grade)}",
            f"hours_per_week: {r.choice([22.5, 30, 37, 37.5])}",
            f"location: {q(org.split()[0])}",
            f"line_management: {q(r.choice(['None', 'Two practitioners', 'The therapy team']))}",
            "source:",
            f"  document: {q(f'JD-{i:05d}')}",
            "  version: \"2.1\"",
            "  issued: 2025-09-01",
        ]
        if i > 0:
            lines.append(f"reports_to_role: {self.roles[r.randrange(i)]['key']}")
        lines.append("competencies:")
        for ref in r.sample(pool, min(len(pool), r.randint(6, 12))):
            lines.append(f"  - {q(ref)}")
        lines.append("ethos:")
        values = [f"{e['key']}#{it['id']}" for e in self.ethos for it in e["items"]]
        for ref in r.sample(values, r.randint(2, 4)):
            lines.append(f"  - {q(ref)}")
        lines.append("professional_bodies:")
        for b in r.sample(BODIES, r.randint(1, 3)):
            lines.append(f"  - {q('glossary#' + b[0].lower())}")
        lines.append("related:")
        lines.append(f"  - {self.next_of(ro, self.roles)}")
        lines.append(f"  - {r.choice(self.guidance)['key']}")
        lines.append("person_spec:")
        for _ in range(r.randint(26, 34)):
            text = f"{r.choice(CRITERION_STARTS)} {r.choice(OBJECTS)} {r.choice(CONTEXTS)}"
            lines.append(f"  - text: {q(text)}")
            lines.append(f"    category: {r.choice(CATEGORIES)}")
            lines.append(f"    need: {r.choice(NEEDS)}")
            lines.append(f"    assessed_by: [{', '.join(r.sample(ASSESSED, r.randint(1, 3)))}]")
            if r.random() < 0.4:
                lines.append("    refs:")
                lines.append(f"      - {q(r.choice(pool))}")
                if r.random() < 0.3:
                    lines.append(f"      - {q('glossary#' + r.choice(BODIES)[0].lower())}")
        links = self.body_links(r, ro["key"], 4)
        body = []
        for h in ro["headings"]:
            body.append(f"## {h}")
            body.append(paragraph(r, self.abbrs, links))
            if h == "Responsibilities":
                body.append("\n".join(f"- {sentence(r, self.abbrs)}" for _ in range(r.randint(5, 10))))
        return self.front(lines, "\n\n".join(body) + "\n")

    def doc_page(self, d):
        """A technical documentation page of the code-heavy mix: short prose around 3 to 9
        fenced code blocks, mostly in the page's own language."""
        r = rng_for(self.seed, d["key"])
        tag = d["primary"] or "text"
        lines = [f"title: {q(d['title'])}", f"summary: {q(sentence(r, self.abbrs))}",
                 f"tags: [docs, {q(tag)}]",
                 "owner: Benchmark editorial team", "review_by: 2099-01-01",
                 "related:", f"  - {self.next_of(d, self.docs)}",
                 f"  - {r.choice(self.guidance)['key']}"]
        links = self.body_links(r, d["key"], r.randint(2, 4))
        heads = d["headings"]
        blocks = [r.randrange(len(heads)) for _ in range(r.randint(3, 9))]
        self.n_blocks += len(blocks)
        body = [paragraph(r, self.abbrs, links, 2, 4)]
        for n, h in enumerate(heads):
            body.append(f"## {h}")
            body.append(paragraph(r, self.abbrs, links, 1, 3))
            for _ in range(blocks.count(n)):
                if r.random() < 0.2:
                    lang, text = r.choice(self.snippets)
                else:
                    lang = corpus_code.language(r, d["primary"])
                    text = corpus_code.code(r, lang, corpus_code.block_lines(r))
                body.append(corpus_code.intro(r, lang))
                body.append(corpus_code.fence(r, lang, text))
        while links:
            text, dest = links.pop()
            body.append(f"See also [{text}]({dest}).")
        return self.front(lines, "\n\n".join(body) + "\n")

    def guidance_page(self, i, g):
        r = rng_for(self.seed, g["key"])
        target = r.randint(1500, 2800)
        lines = [f"title: {q(g['title'])}", f"summary: {q(sentence(r, self.abbrs))}",
                 f"tags: [guidance, {q(slug(r.choice(HEADINGS)))}]",
                 "owner: Benchmark editorial team", "review_by: 2099-01-01",
                 "related:", f"  - {self.next_of(g, self.guidance)}",
                 f"  - {r.choice(self.roles)['key']}",
                 f"  - {q(self.item_ref(r, self.frameworks))}"]
        links = self.body_links(r, g["key"], r.randint(4, 10))
        heads = g["headings"]
        per_head = target // len(heads)
        body, total = [], 0
        for n, h in enumerate(heads):
            body.append(f"## {h}")
            section_words = 0
            while section_words < per_head and total < target:
                x = r.random()
                if x < 0.12:
                    block = "\n".join(f"- {sentence(r, self.abbrs)}" for _ in range(r.randint(3, 6)))
                elif x < 0.16:
                    block = f"### {r.choice(HEADINGS)} in {r.choice(SETTINGS)}"
                elif x < 0.18:
                    rows = [f"| {r.choice(SUBJECTS)} | {r.choice(VERBS)} | {r.choice(CONTEXTS)} |"
                            for _ in range(r.randint(3, 5))]
                    block = "| Who | Does what | When |\n|---|---|---|\n" + "\n".join(rows)
                elif x < 0.2:
                    block = "> " + sentence(r, self.abbrs)
                else:
                    block = paragraph(r, self.abbrs, links)
                body.append(block)
                section_words += words(block)
                total += words(block)
        while links:
            text, dest = links.pop()
            body.append(f"See also [{text}]({dest}).")
        return self.front(lines, "\n\n".join(body) + "\n")

    def programme(self, i, key):
        r = rng_for(self.seed, key)
        lines = [f"title: {q(f'Training programme {i + 1}')}",
                 f"summary: {q(sentence(r, self.abbrs))}",
                 f"tags: [training, {q(r.choice(COMPETENCY_OBJECTS).lower())}]",
                 f"weight: {i + 1}", "audience:"]
        for ro in r.sample(self.roles, min(3, len(self.roles))):
            lines.append(f"  - {ro['key']}")
        body = "\n\n".join(paragraph(r, self.abbrs, self.body_links(r, key + "/_index", 2))
                           for _ in range(3))
        modules = [k for (p, k) in self.modules if p == i]
        body += "\n\n## Modules\n\n" + "\n".join(
            f"{n + 1}. [Module {k.rsplit('-', 1)[1]}]({k.rsplit('/', 1)[1]}.md)" for n, k in enumerate(modules))
        return self.front(lines, body + "\n")

    def module(self, i, p, key):
        r = rng_for(self.seed, key)
        sessions = [r.choice([15, 20, 30, 45]) for _ in range(r.randint(3, 6))]
        lines = [f"title: {q(r.choice(COMPETENCY_WORDS) + ' ' + r.choice(COMPETENCY_OBJECTS).lower() + f' ({i + 1})')}",
                 f"summary: {q(sentence(r, self.abbrs))}",
                 f"tags: [module, {q(r.choice(COMPETENCY_OBJECTS).lower())}]",
                 "owner: Benchmark editorial team", "review_by: 2099-01-01",
                 f"weight: {i + 1}",
                 f"duration_minutes: {sum(sessions)}", "audience:"]
        for ro in r.sample(self.roles, min(2, len(self.roles))):
            lines.append(f"  - {ro['key']}")
        lines.append("develops:")
        for _ in range(r.randint(2, 4)):
            lines.append(f"  - {q(self.item_ref(r, self.frameworks))}")
        lines.append("ethos:")
        lines.append(f"  - {q(self.item_ref(r, self.ethos))}")
        lines.append("outcomes:")
        for _ in range(r.randint(3, 5)):
            lines.append(f"  - {q(sentence(r, []))}")
        lines.append(f"reflective_model: {r.choice(MODELS)}")
        lines.append("sessions:")
        for m in sessions:
            lines.append(f"  - minutes: {m}")
            lines.append(f"    activity: {q(r.choice(ACTIVITIES))}")
        lines.append("prompts:")
        for _ in range(r.randint(2, 4)):
            lines.append(f"  - {q('How did ' + r.choice(SUBJECTS) + ' notice ' + r.choice(OBJECTS) + '?')}")
        # A prerequisite: an earlier module of the same programme (never a cycle).
        earlier = [k for (pp, k) in self.modules[max(0, i - 3 * self.n_programmes):i] if pp == p]
        if earlier and r.random() < 0.6:
            lines.append("prerequisites:")
            lines.append(f"  - {earlier[-1]}")
        links = self.body_links(r, key, 3)
        body = []
        for h in MODULE_HEADINGS:
            body.append(f"## {h}")
            for _ in range(r.randint(1, 2)):
                body.append(paragraph(r, self.abbrs, links))
        return self.front(lines, "\n\n".join(body) + "\n")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="number of Markdown pages (at least 50)")
    ap.add_argument("--out", required=True, help="folder to (re)create")
    ap.add_argument("--seed", default="handbook-bench-1", help="corpus seed (default: %(default)s)")
    ap.add_argument("--mix", default="guidance-heavy", choices=MIXES,
                    help="which kinds of page the corpus is made of (default: %(default)s)")
    args = ap.parse_args()

    corpus = Corpus(args.pages, args.seed, args.mix)
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    hb, hg = os.path.join(args.out, "handbook"), os.path.join(args.out, "hugo")
    write(os.path.join(hb, "handbook.yml"),
          "title: Generated Practice Handbook\ndescription: A synthetic handbook for benchmarking.\n")
    write(os.path.join(hg, "hugo.toml"), HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        write(os.path.join(hg, "layouts", name), text)
    count, nbytes, gwords = 0, 0, []
    for rel, text in corpus.files():
        write(os.path.join(hb, "content", rel), text)
        write(os.path.join(hg, "content", rel), text)
        count += 1
        nbytes += len(text.encode())
        if rel.startswith("guidance/guidance-"):
            gwords.append(words(text.split("\n---\n", 1)[1]))
    if count != args.pages:
        sys.exit(f"gen_corpus: wrote {count} pages, expected {args.pages}")
    docs = (f", {corpus.n_docs} documentation pages with {corpus.n_blocks} code blocks"
            if corpus.n_docs else "")
    print(f"gen_corpus: {args.mix}: {count} pages, {nbytes / 1e6:.1f} MB of Markdown, "
          f"{corpus.n_roles} roles, {corpus.n_guidance} guidance pages "
          f"({min(gwords)}-{max(gwords)} words), {corpus.n_modules} modules in "
          f"{corpus.n_programmes} programmes, {corpus.n_frameworks} frameworks, "
          f"{corpus.n_ethos} ethos pages, {len(corpus.glossary)} glossary terms{docs} -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
