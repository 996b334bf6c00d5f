//! The reflective models modules can name, with their stages, so a module page can show
//! the model's shape. The stages come from the project's sourced domain facts; a model
//! not in this list is shown as the author wrote it.

use schemars::JsonSchema;
use serde::Serialize;

/// A known reflective model.
pub struct Model {
    /// Canonical display name.
    pub name: &'static str,
    /// Author and year, as the sources give them.
    pub origin: &'static str,
    /// How the stages relate (a cycle, two modes, cue questions).
    pub shape: &'static str,
    /// What one entry of `stages` is called (stage, mode, way of knowing).
    pub stage_noun: &'static str,
    /// The stages, modes or cue areas in order.
    pub stages: &'static [&'static str],
}

/// The models the format knows.
pub const MODELS: &[Model] = &[
    Model {
        name: "Gibbs' reflective cycle",
        origin: "Gibbs (1988)",
        shape: "A cycle of six stages",
        stage_noun: "Stage",
        stages: &[
            "Description",
            "Feelings",
            "Evaluation",
            "Analysis",
            "Conclusion",
            "Action plan",
        ],
    },
    Model {
        name: "Kolb's experiential learning cycle",
        origin: "Kolb (1984)",
        shape: "A cycle of four stages that can be entered at any point",
        stage_noun: "Stage",
        stages: &[
            "Concrete Experience",
            "Reflective Observation",
            "Abstract Conceptualisation",
            "Active Experimentation",
        ],
    },
    Model {
        name: "Schön's reflective practitioner",
        origin: "Schön (1983), The Reflective Practitioner",
        shape: "Two modes of reflection",
        stage_noun: "Mode",
        stages: &[
            "Reflection-in-action (during the work)",
            "Reflection-on-action (afterwards)",
        ],
    },
    Model {
        name: "Johns' model for structured reflection",
        origin: "Johns (1995 onwards)",
        shape: "Cue questions built on Carper's (1978) ways of knowing, plus Johns' fifth",
        stage_noun: "Way of knowing",
        stages: &[
            "Empirics",
            "Aesthetics",
            "Personal",
            "Ethics",
            "Reflexivity",
        ],
    },
];

/// Finds a model by the name an author wrote (`Gibbs`, `kolb`, `Schon`, `Schön`,
/// `Schoen`, `Johns' model`): the author's surname as a whole word, so `Johnson` is not
/// taken for Johns.
pub fn find(written: &str) -> Option<&'static Model> {
    let words = fold(written);
    MODELS.iter().find(|m| {
        let surname = fold(m.name);
        let surname = surname.first().map_or("", String::as_str);
        words.iter().any(|w| w == surname)
    })
}

/// Lower-case words with accents folded (`Schön's` -> `schon`, `s`); a possessive
/// apostrophe ends a word.
fn fold(s: &str) -> Vec<String> {
    let s = s
        .to_lowercase()
        .replace('ö', "o")
        .replace("o\u{308}", "o")
        .replace("oe", "o");
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A module's reflective model as templates see it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct ReflectiveModel {
    /// The name as the module's author wrote it.
    pub written: String,
    /// True for a model this tool knows the stages of.
    pub known: bool,
    /// The canonical name (the written one for an unknown model).
    pub name: String,
    /// Author and year.
    pub origin: Option<&'static str>,
    /// How the stages relate.
    pub shape: Option<&'static str>,
    /// What one stage is called (stage, mode, way of knowing).
    pub stage_noun: Option<&'static str>,
    /// The stages in order (none for an unknown model).
    pub stages: Vec<&'static str>,
}

/// The template data for a module's `reflective_model`.
pub fn model(written: &str) -> ReflectiveModel {
    match find(written) {
        Some(m) => ReflectiveModel {
            written: written.to_string(),
            known: true,
            name: m.name.to_string(),
            origin: Some(m.origin),
            shape: Some(m.shape),
            stage_noun: Some(m.stage_noun),
            stages: m.stages.to_vec(),
        },
        None => ReflectiveModel {
            written: written.to_string(),
            known: false,
            name: written.to_string(),
            origin: None,
            shape: None,
            stage_noun: None,
            stages: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_models_by_loose_names() {
        assert_eq!(super::find("Gibbs").map(|m| m.stages.len()), Some(6));
        assert_eq!(super::find("kolb").map(|m| m.stages.len()), Some(4));
        assert_eq!(super::find("Schon").map(|m| m.stages.len()), Some(2));
        assert_eq!(super::find("Schön").map(|m| m.stages.len()), Some(2));
        assert!(super::find("Johns").is_some());
        assert_eq!(super::find("Schoen").map(|m| m.stages.len()), Some(2));
        assert_eq!(super::find("Johns' model").map(|m| m.stages.len()), Some(5));
        assert_eq!(
            super::find("Gibbs' reflective cycle").map(|m| m.stages.len()),
            Some(6)
        );
        assert!(super::find("Borton").is_none());
        assert!(super::find("Johnson").is_none());
        assert!(super::find("").is_none());
    }
}
