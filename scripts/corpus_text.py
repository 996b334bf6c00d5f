"""The words of the benchmark corpus (scripts/gen_corpus.py) and the helpers that make
sentences, paragraphs, slugs and YAML scalars from them. Every draw comes from a
`random.Random` the caller passes, so the corpus stays deterministic."""

import random

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
# The roles-heavy mix: plain bands (which the career pathway can put in order) and some
# grades as job descriptions also write them, which it cannot.
PLAIN_GRADES = ["Band 5", "Band 6", "Band 7", "Band 8a", "Band 8b", "Band 8c"]
PLAIN_GRADE_WEIGHTS = [3, 4, 4, 2, 1, 1]
UNORDERED_GRADES = ["Band 7 or 8a", "Band 6/7", "SO1, SCP 23-25", "Spot salary",
                    "Unqualified teacher pay range"]
# A few large employers and many small ones (weights for ORGANISATIONS).
ORGANISATION_WEIGHTS = [12, 9, 7, 6, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
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
