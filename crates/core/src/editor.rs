//! The questionnaire editor's rules, in the core.
