//! `baohoa tone`: one text (or JSON object with title/lead/body) per line in, one JSON object out.
use std::io::{BufRead, Write};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::{Tone, ToneModel, score_item};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Item {
    id: Option<serde_json::Value>,
    title: String,
    lead: String,
    body: String,
    /// The item's URL (the words of its last path segment are features).
    url: String,
    /// Accepted as the title when there is no title.
    text: String,
}

#[derive(Serialize)]
struct Out<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a serde_json::Value>,
    #[serde(flatten)]
    tone: &'a Tone,
}

/// Reads lines from `input` and writes one JSON object per line to `out`. A line starting with `{`
/// is a JSON object (`title`, `lead`, `body`, `url`, optional `id` echoed back); any other line is a title.
pub fn cli(input: &mut dyn BufRead, out: &mut dyn Write, model: &ToneModel) -> anyhow::Result<()> {
    let mut line = String::new();
    let mut n = 0usize;
    loop {
        line.clear();
        let read = input.read_line(&mut line).context("cannot read standard input")?;
        if read == 0 {
            break;
        }
        n += 1;
        let t = line.trim();
        let item = if t.starts_with('{') {
            let mut it: Item = serde_json::from_str(t).with_context(|| {
                format!("input line {n}: not a JSON object with title/lead/body; fix the JSON or send plain text")
            })?;
            if it.title.is_empty() {
                it.title = std::mem::take(&mut it.text);
            }
            it
        } else {
            Item {
                title: t.to_string(),
                ..Item::default()
            }
        };
        let tone = score_item(model, &item.title, &item.lead, &item.body, &item.url);
        serde_json::to_writer(
            &mut *out,
            &Out {
                id: item.id.as_ref(),
                tone: &tone,
            },
        )?;
        out.write_all(b"\n").context("cannot write standard output")?;
    }
    Ok(())
}
