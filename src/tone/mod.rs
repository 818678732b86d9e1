//! Negativity and sensationalism of one item (title, lead, body), with the matched evidence.
use serde::{Deserialize, Serialize};

use crate::models::ModelFiles;

/// Compiled tone lexicons and settings.
#[derive(Debug, Default)]
pub struct ToneModel {}

impl ToneModel {
    pub fn load(_files: &ModelFiles) -> anyhow::Result<Self> {
        Ok(ToneModel {})
    }
}

/// The tone of one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    pub negative: bool,
    pub sensational: bool,
    pub score: f32,
}

/// Scores one item.
pub fn score(_model: &ToneModel, _title: &str, _lead: &str, _body: &str) -> Tone {
    Tone::default()
}

/// `baohoa tone`: one text per input line (plain, or JSONL with title/lead/body) → one JSON object per line.
pub fn cli(_input: &mut dyn std::io::BufRead, _out: &mut dyn std::io::Write, _model: &ToneModel) -> anyhow::Result<()> {
    anyhow::bail!("tone scoring is not built yet")
}
