// The search quality set: queries as staff type them about the bundled handbook, each
// with the page that answers it (search-quality.test.mjs runs them).
// [query, expected page (its URL without the #part), or the pages that each answer it]
export const QUERIES = [
  // typos
  ["safegaurding", "guidance/safeguarding.html"],
  ["psychodrma", "guidance/core-creative-therapies.html"],
  ["communty meetings", "guidance/dtc-model.html"],
  ["clincal supervison", "guidance/clinical-supervision.html"],
  ["refective practice groups", "guidance/reflective-process-groups.html"],
  ["transferance", "training/reflective-practice/transference-projection-group-dynamics.html"],
  ["acreditation", "guidance/accreditation-and-audit.html"],
  ["atachment trauma", "training/reflective-practice/trauma-and-attachment.html"],
  ["psychotheraptist", "roles/compass-psychotherapist.html"],
  ["enabeling environments", "ethos/enabling-environments.html"],
  ["registation", "guidance/professional-registration.html"],
  ["dramatherapy", "training/dtc-practice/core-creative-therapies.html"],
  // questions
  ["how do I report a concern", "guidance/safeguarding.html"],
  ["what is a community meeting", "guidance/dtc-model.html"],
  ["what is clinical supervision", "guidance/clinical-supervision.html"],
  ["how do I write a clinical report", "training/dtc-practice/writing-clinical-reports.html"],
  ["what are the rapoport principles", "ethos/rapoport-principles.html"],
  ["who do I register with", "guidance/professional-registration.html"],
  ["how are communities accredited", "guidance/accreditation-and-audit.html"],
  ["what is an enabling environment", "ethos/enabling-environments.html"],
  // abbreviations and synonyms
  ["ACCT", "guidance/risk-processes.html"],
  ["mappa", "guidance/risk-processes.html"],
  ["DTC", ["guidance/dtc-model.html", "glossary.html"]],
  ["hcpc", "guidance/professional-registration.html"],
  ["suicide risk prisoner", "guidance/risk-processes.html"],
  ["self harm", "guidance/risk-processes.html"],
  // The safeguarding guidance gained a section on raising a concern about the service
  // (the Public Interest Disclosure Act): it answers this as well as the module does.
  ["whistleblowing", ["training/dtc-practice/safeguarding-and-risk.html", "guidance/safeguarding.html"]],
  ["REACH", "ethos/reach.html"],
  ["GRACE", "ethos/grace.html"],
  ["CSCF", "frameworks/cscf-2012.html"],
  // grades and organisations
  ["band 8", "roles/dtc-lead-core-creative-psychotherapist.html"],
  ["band 9", "roles/dtc-head-of-psychotherapy.html"],
  ["band 7 psychotherapist", "roles/dtc-group-psychotherapist.html"],
  ["co-op academy", "roles/therapeutic-support-practitioner.html"],
  ["compass community psychotherapist", "roles/compass-psychotherapist.html"],
  // phrases and topics
  ["head of psychotherapy", "roles/dtc-head-of-psychotherapy.html"],
  ["support practitioner", "roles/therapeutic-support-practitioner.html"],
  ["success profiles", "frameworks/success-profiles.html"],
  ["core creative therapies", "guidance/core-creative-therapies.html"],
  ["co-facilitating groups", "training/dtc-practice/co-facilitating-dtc-groups.html"],
  ["reflective practice models", "training/reflective-practice/reflective-practice-models.html"],
  ["community of communities standards", "ethos/community-of-communities.html"],
  ["children's therapy format", "guidance/childrens-therapy-format.html"],
  ["co-op values", "ethos/co-op-values.html"],
  ["risk processes", "guidance/risk-processes.html"],
];

