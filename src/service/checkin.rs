//! Rules of the evening questionnaire.
