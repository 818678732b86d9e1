//! The layering rule of ARCHITECTURE.md, checked on the sources: imports point down the stages only
//! (cli → tools → spine → report → judge → stories → site → page → domain → leaves → text), and
//! sibling files of one module do not import each other in a circle.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Layers, lowest first. A module may import modules of lower layers only (and itself).
const LAYERS: &[(&str, &[&str])] = &[
    ("text", &["text"]),
    ("model files, hosts, calendar", &["model_files", "host", "civil"]),
    ("leaves", &["ingest", "registry", "tone"]),
    ("domain", &["domain"]),
    ("page", &["page"]),
    ("site", &["site"]),
    ("stories", &["stories"]),
    ("judge", &["judge"]),
    ("report", &["report"]),
    ("spine", &["spine"]),
    ("tools", &["tools"]),
    ("cli", &["cli"]),
];

/// Pairs of sibling files that must not know each other at all (the two HTML parsers share the
/// walker and nothing else).
const STRANGERS: &[(&str, &str)] = &[("src/page/parse.rs", "src/page/parse_fast.rs")];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The module a source file belongs to: its first folder under `src/`, or its own name; the
/// crate root and `models.rs` (the composition of all models) are the spine.
fn module_of(rel: &str) -> String {
    let rest = rel.strip_prefix("src/").unwrap_or(rel);
    let first = rest.split('/').next().unwrap_or(rest);
    let name = first.strip_suffix(".rs").unwrap_or(first);
    match name {
        "lib" | "models" => "spine".into(),
        "main" => "cli".into(),
        n => n.into(),
    }
}

/// Code lines of a file: comments and `//`-doc lines dropped, string literals kept (paths in
/// strings are rare and harmless to over-count).
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let t = l.trim_start();
        if t.starts_with("//") {
            None
        } else {
            Some((i + 1, l.split(" //").next().unwrap_or(l)))
        }
    })
}

/// Identifiers following `prefix` (`crate::`, `baohoa::`, `super::`) on a line.
fn idents_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 {
            out.push(&rest[..end]);
        } else if rest.starts_with('{') {
            // `crate::{a, b::c}`: every first segment inside the braces.
            let close = rest.find('}').unwrap_or(rest.len());
            for part in rest[1..close].split(',') {
                let p = part.trim();
                let e = p.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(p.len());
                if e > 0 {
                    out.push(&p[..e]);
                }
            }
        }
    }
    out
}

#[derive(Debug, PartialEq)]
struct Violation {
    file: String,
    line: usize,
    message: String,
}

/// Checks the layering of `files` (path relative to the crate root → content).
fn check(files: &BTreeMap<String, String>) -> Vec<Violation> {
    let modules: BTreeSet<String> = files.keys().map(|f| module_of(f)).collect();
    // A representative file per module, to name in messages.
    let file_of = |m: &str| -> String {
        [format!("src/{m}/mod.rs"), format!("src/{m}.rs")]
            .into_iter()
            .find(|f| files.contains_key(f))
            .or_else(|| files.keys().find(|f| module_of(f) == m).cloned())
            .unwrap_or_else(|| format!("src/{m}"))
    };
    let mut out = Vec::new();
    for (file, text) in files {
        let me = module_of(file);
        let Some(my_layer) = layer_of(&me) else {
            out.push(Violation {
                file: file.clone(),
                line: 0,
                message: format!(
                    "module `{me}` is in no layer of tests/layering.rs; add it to LAYERS (and to ARCHITECTURE.md)"
                ),
            });
            continue;
        };
        let is_bin = me == "cli";
        for (line, code) in code_lines(text) {
            let mut targets: Vec<&str> = idents_after(code, "crate::");
            if is_bin {
                targets.extend(idents_after(code, "baohoa::"));
            }
            for t in targets {
                // `crate::Item` of the crate root (re-exports, the spine's types) is the spine.
                let target = if modules.contains(t) && t != "lib" && t != "main" {
                    module_of(&format!("src/{t}.rs"))
                } else if is_bin && t != "cli" {
                    "spine".to_string()
                } else if is_bin {
                    "cli".to_string()
                } else {
                    "spine".to_string()
                };
                if target == me {
                    continue;
                }
                let Some(their_layer) = layer_of(&target) else {
                    continue;
                };
                if their_layer >= my_layer {
                    let allowed: Vec<&str> = LAYERS[..my_layer]
                        .iter()
                        .flat_map(|(_, ms)| ms.iter().copied())
                        .collect();
                    out.push(Violation {
                        file: file.clone(),
                        line,
                        message: format!(
                            "{file}:{line} (module `{me}`, layer \"{}\") imports `{target}` ({}, layer \"{}\"), which is not below it; \
`{me}` may import only: {}. Move the shared piece down, or pass it in as an argument.",
                            LAYERS[my_layer].0,
                            file_of(&target),
                            LAYERS[their_layer].0,
                            if allowed.is_empty() { "nothing".to_string() } else { allowed.join(", ") }
                        ),
                    });
                }
            }
        }
    }
    for (a, b) in STRANGERS {
        for (x, y) in [(a, b), (b, a)] {
            let Some(text) = files.get(*x) else { continue };
            let stem = Path::new(y).file_stem().and_then(|s| s.to_str()).unwrap_or("");
            for (line, code) in code_lines(text) {
                let refs = idents_after(code, "super::")
                    .into_iter()
                    .chain(idents_after(code, "page::"))
                    .any(|i| i == stem);
                if refs {
                    out.push(Violation {
                        file: x.to_string(),
                        line,
                        message: format!(
                            "{x}:{line} uses {y}; these two files must not import each other (they share src/page/walker.rs)"
                        ),
                    });
                }
            }
        }
    }
    out
}

fn sources(root: &Path) -> BTreeMap<String, String> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(rd) = std::fs::read_dir(dir) else { return };
        let mut v: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        v.sort();
        for p in v {
            if p.is_dir() {
                walk(root, &p, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(root).unwrap_or(&p).to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap_or_default());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, &root.join("src"), &mut out);
    out
}

#[test]
fn imports_point_down_the_stages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = sources(root);
    assert!(files.len() > 50, "found only {} source files under src/", files.len());
    let v = check(&files);
    let msgs: Vec<&str> = v.iter().map(|v| v.message.as_str()).collect();
    assert!(v.is_empty(), "{} layering violations:\n{}", v.len(), msgs.join("\n"));
}

/// The checker itself catches an upward import, a sideways one, a root item used from below, an
/// unknown module, and the two parsers knowing each other.
#[test]
fn the_checker_catches_what_it_should() {
    let mut files = BTreeMap::new();
    let f = |s: &str| s.to_string();
    files.insert(f("src/lib.rs"), f("pub mod site;\npub fn scan() {}\n"));
    files.insert(f("src/text/mod.rs"), f("pub fn nfc() {}\n"));
    files.insert(
        f("src/site/mod.rs"),
        f("use crate::judge::Evidence;\nuse crate::text::nfc; // fine\n// crate::report is only a comment\n"),
    );
    files.insert(f("src/judge/mod.rs"), f("use crate::{site::X, text};\n"));
    files.insert(f("src/tone/mod.rs"), f("use crate::registry::Registry;\n"));
    files.insert(f("src/registry.rs"), f("pub struct Registry;\n"));
    files.insert(f("src/ingest/mod.rs"), f("let k = crate::site_key(u);\n"));
    files.insert(f("src/gadgets/mod.rs"), f("\n"));
    files.insert(f("src/page/parse.rs"), f("use super::parse_fast::x;\n"));
    files.insert(f("src/page/parse_fast.rs"), f("use super::walker::Frame;\n"));
    files.insert(f("src/main.rs"), f("use baohoa::tools::bench;\n"));
    files.insert(f("src/tools/mod.rs"), f("pub mod bench;\n"));
    let v = check(&files);
    let has = |file: &str, needle: &str| v.iter().any(|x| x.file == file && x.message.contains(needle));
    assert!(has("src/site/mod.rs", "imports `judge`"), "{v:#?}");
    assert!(
        has("src/site/mod.rs", "src/judge/mod.rs"),
        "the message names both files: {v:#?}"
    );
    assert!(!has("src/site/mod.rs", "`report`"), "comments are not imports: {v:#?}");
    assert!(
        has("src/tone/mod.rs", "imports `registry`"),
        "sideways imports fail: {v:#?}"
    );
    assert!(
        has("src/ingest/mod.rs", "imports `spine`"),
        "root items are the spine: {v:#?}"
    );
    assert!(has("src/gadgets/mod.rs", "in no layer"), "{v:#?}");
    assert!(has("src/page/parse.rs", "must not import each other"), "{v:#?}");
    assert!(
        !v.iter().any(|x| x.file == "src/judge/mod.rs"),
        "downward imports pass: {v:#?}"
    );
    assert!(
        !v.iter().any(|x| x.file == "src/main.rs"),
        "the CLI may use everything: {v:#?}"
    );
    assert_eq!(v.len(), 5, "{v:#?}");
}
