//! Text tools shared by every stage: normalisation, folding, tokens, lexicons, language.
pub mod lang;
pub mod lexicon;
pub mod normalize;
pub mod tokens;
