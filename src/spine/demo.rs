//! The embedded demo corpus: its WARCs and the registry entries of its fictional outlets.
use crate::ingest::Input;
use crate::models::Models;
use crate::registry;
use sha2::Digest as _;

/// The demo corpus embedded in the binary: `scan` with no input reads both parts. The hand-written
/// part (8 fictional sites, `corpora/demo/pages/`) and a generated part (`baohoa synth --sites 18
/// --seed 3 --items 32 -o corpora/demo/generated`), together showing every kind of finding.
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
pub fn with_demo_registry(models: Models) -> anyhow::Result<Models> {
    with_extra_registry(models, &DEMO_REGISTRY, |_| "embedded".into())
}

/// Models for scanning a corpus that carries `registry/` folders beside its dumps (as
/// `corpora/demo` and the folders of `baohoa synth` do): their entries are added to the registry
/// in use, as the demo's are, so `scan corpora/demo` judges as `scan` of the embedded demo.
/// Folders are taken in the order given; each may hold any of press.csv, aggregate.csv, social.csv.
pub fn with_registry_folders(models: Models, folders: &[std::path::PathBuf]) -> anyhow::Result<Models> {
    use anyhow::Context as _;
    let kinds = [
        ("press.csv", registry::RegistryKind::Press),
        ("aggregate.csv", registry::RegistryKind::Aggregate),
        ("social.csv", registry::RegistryKind::Social),
    ];
    let mut read = Vec::new();
    for dir in folders {
        for (file, kind) in kinds {
            let p = dir.join(file);
            if p.is_file() {
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("cannot read the registry file {} (UTF-8 CSV expected)", p.display()))?;
                read.push((p.to_string_lossy().into_owned(), text, kind));
            }
        }
    }
    let entries: Vec<(&str, &str, registry::RegistryKind)> =
        read.iter().map(|(n, t, k)| (n.as_str(), t.as_str(), *k)).collect();
    with_extra_registry(models, &entries, |name| name.to_string())
}

/// The given models with registry entries added (names are file names for run.json; `source`
/// says where each came from).
fn with_extra_registry(
    mut models: Models,
    extra: &[(&str, &str, registry::RegistryKind)],
    source: impl Fn(&str) -> String,
) -> anyhow::Result<Models> {
    models.registry = std::mem::take(&mut models.registry).extended(extra)?;
    models.domain.index_outlets(&models.registry);
    for (name, text, _) in extra {
        models.files.push(crate::models::ModelFileUse {
            file: (*name).to_string(),
            source: source(name),
            sha256: crate::models::hex(&sha2::Sha256::digest(text.as_bytes())),
        });
    }
    Ok(models)
}
