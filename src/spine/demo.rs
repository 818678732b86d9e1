//! The embedded demo corpus: its WARCs and the registry entries of its fictional outlets.
use crate::ingest::Input;
use crate::models::Models;
use crate::registry;
use sha2::Digest as _;

/// The demo corpus embedded in the binary: `scan` with no input reads both parts. The hand-written
/// part (8 fictional sites, `corpora/demo/pages/`) and a generated part (`baohoa synth --sites 15
/// --seed 3 -o corpora/demo/generated`), together showing every kind of finding.
pub const DEMO_NAME: &str = "corpora/demo/demo.warc.gz";
pub static DEMO_WARC: &[u8] = include_bytes!("../../corpora/demo/demo.warc.gz");
pub const DEMO_GENERATED_NAME: &str = "corpora/demo/generated/warc/synth-00000.warc.gz";
pub static DEMO_GENERATED_WARC: &[u8] = include_bytes!("../../corpora/demo/generated/warc/synth-00000.warc.gz");

/// The inputs of the embedded demo.
pub fn demo_inputs() -> Vec<Input> {
    vec![
        Input::Embedded {
            name: DEMO_NAME.into(),
            bytes: DEMO_WARC,
        },
        Input::Embedded {
            name: DEMO_GENERATED_NAME.into(),
            bytes: DEMO_GENERATED_WARC,
        },
    ]
}

/// Registry entries of the demo corpus's fictional outlets, added when the demo is scanned.
pub static DEMO_REGISTRY: [(&str, &str, registry::RegistryKind); 6] = [
    (
        "corpora/demo/registry/press.csv",
        include_str!("../../corpora/demo/registry/press.csv"),
        registry::RegistryKind::Press,
    ),
    (
        "corpora/demo/registry/aggregate.csv",
        include_str!("../../corpora/demo/registry/aggregate.csv"),
        registry::RegistryKind::Aggregate,
    ),
    (
        "corpora/demo/registry/social.csv",
        include_str!("../../corpora/demo/registry/social.csv"),
        registry::RegistryKind::Social,
    ),
    (
        "corpora/demo/generated/registry/press.csv",
        include_str!("../../corpora/demo/generated/registry/press.csv"),
        registry::RegistryKind::Press,
    ),
    (
        "corpora/demo/generated/registry/aggregate.csv",
        include_str!("../../corpora/demo/generated/registry/aggregate.csv"),
        registry::RegistryKind::Aggregate,
    ),
    (
        "corpora/demo/generated/registry/social.csv",
        include_str!("../../corpora/demo/generated/registry/social.csv"),
        registry::RegistryKind::Social,
    ),
];

/// Models for scanning the embedded demo: the given models with the demo registry added.
pub fn with_demo_registry(mut models: Models) -> anyhow::Result<Models> {
    models.registry = std::mem::take(&mut models.registry).extended(&DEMO_REGISTRY)?;
    models.domain.index_outlets(&models.registry);
    for (name, text, _) in &DEMO_REGISTRY {
        models.files.push(crate::models::ModelFileUse {
            file: (*name).to_string(),
            source: "embedded".into(),
            sha256: crate::models::hex(&sha2::Sha256::digest(text.as_bytes())),
        });
    }
    Ok(models)
}
