#!/usr/bin/env python3
"""Deterministic benchmark corpus for `handbook`, and the same Markdown as a Hugo site.

    python3 scripts/gen_corpus.py --pages 10000 --out target/bench/corpus-10000

writes

    OUT/handbook/handbook.yml, OUT/handbook/content/...   a handbook site of exactly N pages
    OUT/hugo/hugo.toml, OUT/hugo/layouts/..., OUT/hugo/content/...   the same content for Hugo

The pages follow docs/CONTENT-MODEL.md: roles with 30 to 45 person-specification
criteria, frameworks and ethos pages with items, guidance pages of 1,500 to 3,000 words,
training programmes and modules, one glossary with abbreviations, all cross-linked by
front-matter references and by Markdown links with heading anchors. The prose is built
from a vocabulary of therapy and handbook words with varied word forms (supervise,
supervising, supervision, supervisor), so stemming, abbreviation mark-up and search
behave as they would on a real handbook. It is synthetic: nothing here is a fact.

The same seed and N always give byte-identical files (every page draws from its own
random generator seeded by the corpus seed and the page's name).
"""

import argparse
import os
import random
import shutil
import sys

# ---------------------------------------------------------------------------------------
# Vocabulary

ORGANISATIONS = [
    "Northfield Therapeutic Community Trust", "Riverside Children's Services",
    "Hollybank Academy Trust", "Eastgate Prison Service", "Compass Family Care",
    "Harbour House Foundation", "Westmoor Health Partnership", "Oakridge Secure Services",
    "Lanterns Fostering", "Brookside Community Interest Company", "Millstone Education",
    "Greenway Forensic Services", "Seaview Residential Care", "Kingsmead Clinical Network",
    "Thornbury Youth Justice", "Ashdown Wellbeing Service", "Fernhill Psychotherapy Unit",
    "Marsh Lane Hospital School", "Highcliffe Therapeutic Fostering", "Stonebridge Probation Hub",
]
GRADES = ["Band 4", "Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b", "Band 8c", "Band 9",
          "Grade 3", "Grade 4", "Senior Practitioner", "Practitioner"]
ROLE_WORDS = ["Group", "Family", "Creative", "Art", "Music", "Drama", "Play", "Integrative",
              "Forensic", "Clinical", "Therapeutic", "Specialist", "Senior", "Trainee", "Lead",
              "Principal", "Assistant", "Residential", "Community", "Systemic"]
ROLE_NOUNS = ["Psychotherapist", "Therapist", "Practitioner", "Counsellor", "Supervisor",
              "Facilitator", "Psychologist", "Support Worker", "Mentor", "Coordinator",
              "Manager", "Keyworker"]
SETTINGS = ["Prison Democratic Therapeutic Community", "children's residential home",
            "secondary school", "fostering service", "secure hospital", "community clinic",
            "youth offending service", "approved premises", "special school", "family centre"]
CLUSTERS = ["Setting Direction", "Engaging People", "Delivering Results", "Working Safely",
            "Reflective Practice", "Relational Work", "Leadership", "Governance"]
COMPETENCY_WORDS = ["Listening", "Containing", "Reflecting", "Supervising", "Assessing",
                    "Formulating", "Recording", "Safeguarding", "Collaborating", "Leading",
                    "Challenging", "Teaching", "Evaluating", "Planning", "Negotiating",
                    "Advocating", "Mentoring", "Facilitating", "Observing", "Attuning"]
COMPETENCY_OBJECTS = ["Risk", "Groups", "Families", "Boundaries", "Change", "Trauma",
                      "Conflict", "Relationships", "Communities", "Learning", "Endings",
                      "Transitions", "Feedback", "Evidence", "Quality", "Practice"]
VALUES = ["Belonging", "Safety", "Respect", "Openness", "Containment", "Participation",
          "Responsibility", "Curiosity", "Compassion", "Honesty", "Hope", "Balance",
          "Integrity", "Courage", "Care", "Empowerment", "Structure", "Communication"]
BODIES = [("UKCP", "United Kingdom Council for Psychotherapy"),
          ("BACP", "British Association for Counselling and Psychotherapy"),
          ("HCPC", "Health and Care Professions Council"),
          ("BPS", "British Psychological Society"),
          ("BAAT", "British Association of Art Therapists"),
          ("BAMT", "British Association for Music Therapy"),
          ("BADth", "British Association of Dramatherapists"),
          ("IGA", "Institute of Group Analysis"),
          ("BABCP", "British Association for Behavioural and Cognitive Psychotherapies"),
          ("PSA", "Professional Standards Authority")]
ABBR_TERMS = [("DTC", "Democratic Therapeutic Community"), ("TC", "Therapeutic Community"),
              ("MAPPA", "Multi-Agency Public Protection Arrangements"),
              ("ACCT", "Assessment, Care in Custody and Teamwork"),
              ("OMU", "Offender Management Unit"), ("TAC", "Team Around the Child"),
              ("DBS", "Disclosure and Barring Service"), ("SMT", "Senior Management Team"),
              ("CPD", "Continuing Professional Development"),
              ("CCQI", "College Centre for Quality Improvement"),
              ("SEN", "Special Educational Needs"), ("LAC", "Looked After Children"),
              ("CAMHS", "Child and Adolescent Mental Health Services"),
              ("EHCP", "Education, Health and Care Plan"), ("PHP", "Positive Handling Plan"),
              ("RPG", "Reflective Process Group"), ("CofC", "Community of Communities")]
TERM_WORDS = ["Reflective", "Clinical", "Therapeutic", "Community", "Group", "Family",
              "Risk", "Safeguarding", "Trauma", "Attachment", "Practice", "Process",
              "Review", "Support", "Care", "Network", "Planning", "Assessment", "Liaison",
              "Outcome", "Quality", "Standards", "Referral", "Welfare", "Panel", "Forum",
              "Development", "Education", "Health", "Youth", "Partnership", "Meeting"]

SUBJECTS = ["the practitioner", "the therapist", "each supervisor", "the group facilitator",
            "a keyworker", "the clinical lead", "the community", "staff on shift",
            "the multidisciplinary team", "a trainee therapist", "the residents",
            "the young person", "the foster carer", "the therapeutic team", "the manager",
            "every member of staff", "the supervisee", "the referrer", "the school",
            "the psychotherapist", "facilitators", "the panel", "new staff", "the family"]
VERBS = ["supervises", "reflects on", "records", "reviews", "contains", "explores",
         "notices", "discusses", "challenges", "supports", "assesses", "formulates",
         "plans", "shares", "evaluates", "attends to", "clarifies", "negotiates",
         "summarises", "revisits", "documents", "holds", "tolerates", "models",
         "acknowledges", "escalates", "interprets", "welcomes", "prepares", "agrees"]
OBJECTS = ["the boundaries of the group", "feelings of anger and loss", "the risk assessment",
           "transference and countertransference", "the session notes", "a safeguarding concern",
           "the community meeting", "the treatment plan", "supervision arrangements",
           "the referral", "difficult endings", "the reflective log", "group dynamics",
           "attachment patterns", "the care plan", "a disclosure", "the agenda",
           "an incident report", "a new member's induction", "the process group",
           "learning from complaints", "the therapeutic alliance", "a rupture and repair",
           "the handover", "the ward round", "creative activities", "play and drama",
           "the art therapy studio", "music sessions", "consent and confidentiality",
           "the young person's wishes", "family contact", "the placement plan",
           "projections within the team", "staff wellbeing", "the audit cycle"]
CONTEXTS = ["during supervision", "in the weekly community meeting", "after a critical incident",
            "before the end of the shift", "within agreed timescales", "with the whole team",
            "in line with local policy", "when risk increases", "at the review meeting",
            "in reflective practice", "with curiosity rather than blame",
            "in the small group", "in the large group", "with the young person present",
            "through the agreed reporting route", "over several sessions",
            "when the community votes", "as part of induction", "in the supervision record",
            "at the multi-agency meeting", "in consultation with the clinical lead"]
CONNECTIVES = ["In practice,", "For example,", "Where possible,", "As a rule,", "Often,",
               "In supervision,", "Over time,", "When things go wrong,", "Equally,",
               "At the same time,", "Because of this,", "In a prison setting,",
               "In children's services,", "In schools,", "Importantly,", "Sometimes"]
REASONS = ["so that learning is shared", "because safety depends on it",
           "which keeps the work reflective", "so the community can hold the anxiety",
           "to protect the therapeutic frame", "so that nobody carries risk alone",
           "because boundaries make the work possible", "to keep the focus on the client",
           "which builds trust over time", "so that decisions are recorded",
           "to support reflective supervision", "because relationships are the treatment",
           "so that supervisees feel contained", "which reduces the risk of burnout"]
HEADINGS = ["Purpose", "Background", "Principles", "Working with risk", "Supervision",
            "Reflective practice", "Group work", "Boundaries", "Recording and reporting",
            "Safeguarding", "Endings", "Working with families", "Creative approaches",
            "Community meetings", "Assessment", "Formulation", "Team dynamics",
            "Induction", "Training and development", "Quality and audit", "Consent",
            "Confidentiality", "Transitions", "Staff wellbeing", "Escalation",
            "Partnership working", "Evidence and evaluation", "Common questions",
            "Further reading", "Responsibilities", "Checklist", "Examples from practice"]
ROLE_HEADINGS = ["Purpose of the role", "Responsibilities", "Working conditions",
                 "Supervision and support"]
MODULE_HEADINGS = ["Overview", "Preparation", "During the session", "Afterwards",
                   "Facilitator notes"]
ACTIVITIES = ["Introductions and check-in", "Case discussion in small groups",
              "Role play of a difficult conversation", "Reflective writing",
              "Input on the model", "Group reflection on the session",
              "Practice scenario and debrief", "Check-out and next steps",
              "Video extract and discussion", "Paired listening exercise"]
MODELS = ["Gibbs", "Kolb", "Schon", "Johns"]
CATEGORIES = ["qualifications", "experience", "knowledge-and-skills", "personal-qualities",
              "behaviours", "eligibility"]
NEEDS = ["essential", "essential", "desirable", "unspecified"]
ASSESSED = ["application", "interview", "test", "presentation", "references", "documents"]
CRITERION_STARTS = ["Experience of", "Knowledge of", "Ability to demonstrate", "Evidence of",
                    "Understanding of", "Commitment to", "Skill in", "Training in",
                    "Willingness to undertake", "Qualification in"]

# ---------------------------------------------------------------------------------------
# Helpers


def slug(text):
    """The same slug `handbook` and Hugo give a plain ASCII heading."""
    out, dash = [], False
    for c in text:
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c.isspace() or c in "-_":
            dash = True
    return "".join(out)


def q(s):
    """A YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rng_for(seed, name):
    return random.Random(f"{seed}:{name}")


def sentence(r, abbrs):
    parts = []
    if r.random() < 0.3:
        parts.append(r.choice(CONNECTIVES))
    subj = r.choice(SUBJECTS)
    parts.append(subj[0].upper() + subj[1:] if not parts else subj)
    parts.append(r.choice(VERBS))
    obj = r.choice(OBJECTS)
    if abbrs and r.random() < 0.15:
        a = r.choice(abbrs)
        obj = f"{obj} under the {a} arrangements" if r.random() < 0.5 else f"the {a} {obj.split(' ', 1)[-1]}"
    parts.append(obj)
    if r.random() < 0.6:
        parts.append(r.choice(CONTEXTS))
    if r.random() < 0.35:
        parts[-1] += ","
        parts.append(r.choice(REASONS))
    return " ".join(parts) + "."


def paragraph(r, abbrs, links, min_sentences=3, max_sentences=7):
    sents = [sentence(r, abbrs) for _ in range(r.randint(min_sentences, max_sentences))]
    if links and r.random() < 0.5:
        text, dest = links.pop()
        i = r.randrange(len(sents))
        sents[i] = sents[i][:-1] + f" (see [{text}]({dest}))."
    return " ".join(sents)


def words(text):
    return len(text.split())


class Corpus:
    """Decides every page's name, title and headings up front, so that any page can link
    to any other page's headings before either is written."""

    def __init__(self, n, seed):
        if n < 50:
            sys.exit("gen_corpus: --pages must be at least 50")
        self.n, self.seed = n, seed
        # 7 fixed pages: home, glossary and five section pages.
        # Guidance and training make up most of a large handbook; roles are 1% (each with
        # 30-45 criteria), frameworks and ethos pages a quarter of a percent each.
        rest = n - 7
        self.n_frameworks = max(3, rest // 400)
        self.n_ethos = max(3, rest // 400)
        self.n_roles = max(5, rest // 100)
        self.n_programmes = max(2, rest // 50)
        self.n_guidance = rest // 2
        self.n_modules = rest - (self.n_frameworks + self.n_ethos + self.n_roles
                                 + self.n_programmes + self.n_guidance)
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
        for sec, title in [("roles", "Roles"), ("frameworks", "Competency frameworks"),
                           ("ethos", "Ethos and values"), ("guidance", "Practice guidance"),
                           ("training", "Training")]:
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


# ---------------------------------------------------------------------------------------
# The Hugo site: same content, minimal templates, the usual JSON search index.

HUGO_CONFIG = """\
baseURL = "/"
title = "Generated Practice Handbook"
locale = "en-gb"
uglyURLs = true
relativeURLs = true
disableKinds = ["rss", "sitemap", "robotstxt"]

[taxonomies]
tag = "tags"
organisation = "organisation"
grade = "grade"

[outputs]
home = ["html", "json"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]

# Resolve links to .md files (and their #anchors) to the pages' URLs, like handbook does.
[markup.goldmark.renderHooks.link]
useEmbedded = "fallback"
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<nav><ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
{{ with .Parent }}<nav aria-label="Breadcrumb"><a href="{{ .RelPermalink }}">{{ .Title }}</a></nav>{{ end }}
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
{{ with .Params.tags }}<ul>{{ range . }}<li><a href="{{ (urlize .) | printf "/tags/%s.html" | relURL }}">{{ . }}</a></li>{{ end }}</ul>{{ end }}
{{ .TableOfContents }}
{{ .Content }}
{{ with .Params.person_spec }}<table><tr><th>Criterion</th><th>Need</th><th>Assessed by</th></tr>
{{ range . }}<tr><td>{{ .text }}</td><td>{{ .need }}</td><td>{{ delimit (.assessed_by | default slice) ", " }}</td></tr>{{ end }}</table>{{ end }}
{{ with .Params.items }}<ul>{{ range . }}<li id="{{ .id }}">{{ .name }}{{ with .summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.terms }}<dl>{{ range . }}<dt id="{{ .id }}">{{ .term }}</dt><dd>{{ .definition }}</dd>{{ end }}</dl>{{ end }}
{{ with .Params.outcomes }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.sessions }}<ol>{{ range . }}<li>{{ .minutes }} min: {{ .activity }}</li>{{ end }}</ol>{{ end }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.summary }}: {{ . }}{{ end }}</li>{{ end }}</ul>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
    # One JSON object per page, written in a single pass (appending to a slice in a loop
    # would copy it on every page and make Hugo's time quadratic).
    "home.json": """\
[{{- range $i, $p := site.RegularPages -}}
{{- if $i }},{{ end -}}
{{- dict "title" .Title "url" .RelPermalink "section" .Section "summary" .Params.summary "tags" .Params.tags "organisation" .Params.organisation "grade" .Params.grade "content" .Plain | jsonify -}}
{{- end -}}]
""",
}


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="number of Markdown pages (at least 50)")
    ap.add_argument("--out", required=True, help="folder to (re)create")
    ap.add_argument("--seed", default="handbook-bench-1", help="corpus seed (default: %(default)s)")
    args = ap.parse_args()

    corpus = Corpus(args.pages, args.seed)
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
    print(f"gen_corpus: {count} pages, {nbytes / 1e6:.1f} MB of Markdown, "
          f"{corpus.n_roles} roles, {corpus.n_guidance} guidance pages "
          f"({min(gwords)}-{max(gwords)} words), {corpus.n_modules} modules in "
          f"{corpus.n_programmes} programmes, {corpus.n_frameworks} frameworks, "
          f"{corpus.n_ethos} ethos pages, {len(corpus.glossary)} glossary terms -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
