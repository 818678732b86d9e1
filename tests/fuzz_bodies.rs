//! The bodies of the cargo-fuzz targets (`fuzz/bodies/*.rs`, included here as they are) run on the
//! stable toolchain over their seed inputs: the real samples of `BAOHOA_REALDATA` cut as
//! `fuzz/seed.sh` cuts them, the hostile shapes `seed.sh` writes, and every input a fuzzing run
//! found (`fuzz/regressions/TARGET/*`, kept as regression inputs). So the target code cannot rot
//! while nightly is missing, and a fixed finding stays fixed.
use std::io::Read;
use std::path::{Path, PathBuf};

mod warc_reader {
    include!("../fuzz/bodies/warc_reader.rs");
}
mod gzip_members {
    include!("../fuzz/bodies/gzip_members.rs");
}
mod http_response {
    include!("../fuzz/bodies/http_response.rs");
}
mod html_tree {
    include!("../fuzz/bodies/html_tree.rs");
}

/// A target's body.
type Body = fn(&[u8]);

const TARGETS: &[(&str, Body)] = &[
    ("warc_reader", warc_reader::run),
    ("gzip_members", gzip_members::run),
    ("http_response", http_response::run),
    ("html_tree", html_tree::run),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The inputs `fuzz/seed.sh` writes itself (hostile shapes), per target.
fn written(target: &str) -> Vec<Vec<u8>> {
    match target {
        "html_tree" => vec![
            [
                "<div>".repeat(2000),
                "<table><tr><td>".repeat(100),
                "<b><i><u>".repeat(300),
            ]
            .concat()
            .into_bytes(),
            format!("<a {}>", " x=1".repeat(3000)).into_bytes(),
        ],
        "http_response" => vec![
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<html\r\n0\r\n\r\n"
                .to_vec(),
        ],
        "warc_reader" => vec![
            "{\"url\":\"https://a.vn/\",\"html\":\"<html><p>x</p></html>\"}\n"
                .repeat(3)
                .into_bytes(),
        ],
        _ => Vec::new(),
    }
}

/// Inputs found by fuzzing (crashes, timeouts, slow units), kept in `fuzz/regressions/TARGET/`.
fn regressions(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = root().join("fuzz/regressions").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, b)
        })
        .collect()
}

#[test]
fn every_target_runs_on_its_written_inputs_and_regressions() {
    let mut n = 0;
    for (target, run) in TARGETS {
        for input in written(target) {
            run(&input);
            n += 1;
        }
        for (path, input) in regressions(target) {
            eprintln!("{target}: {}", path.display());
            run(&input);
            n += 1;
        }
    }
    assert!(n >= 4, "{n} inputs");
}

/// The real samples as `fuzz/seed.sh` cuts them: (target, name, bytes).
fn real_seeds(real: &Path) -> Vec<(&'static str, String, Vec<u8>)> {
    let mut out = Vec::new();
    let cut = |mut b: Vec<u8>, n: usize| {
        b.truncate(n);
        b
    };
    for sub in ["warcio", "pywb"] {
        let dir = real.join("warc-samples").join(sub);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for p in files {
            let name = p.display().to_string();
            let b = cut(std::fs::read(&p).unwrap_or_else(|e| panic!("{name}: {e}")), 64 << 10);
            let plain = if b.starts_with(&[0x1f, 0x8b]) {
                out.push(("gzip_members", name.clone(), b.clone()));
                let mut plain = Vec::new();
                // A cut or damaged sample decompresses as far as it goes.
                let _ = flate2::read::MultiGzDecoder::new(&b[..]).read_to_end(&mut plain);
                plain
            } else {
                b.clone()
            };
            out.push(("warc_reader", name.clone(), b));
            // HTTP blocks: what follows each record header's blank line, up to 16 KiB.
            let text = plain.as_slice();
            let starts: Vec<usize> = memchr::memmem::find_iter(text, b"WARC/1.0\r\n").collect();
            for (k, &s) in starts.iter().enumerate() {
                let rec = &text[s..starts.get(k + 1).copied().unwrap_or(text.len())];
                if let Some(i) = memchr::memmem::find(rec, b"\r\n\r\n")
                    && rec[i + 4..].starts_with(b"HTTP/")
                {
                    let block = &rec[i + 4..];
                    out.push((
                        "http_response",
                        name.clone(),
                        block[..block.len().min(16 << 10)].to_vec(),
                    ));
                }
            }
        }
    }
    for d in ["vn-news-html-2012-myfeed", "vn-news-html-2026-tracking-news-mcp"] {
        let dir = real.join(d);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        files.sort();
        for p in files {
            let name = p.display().to_string();
            let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
            out.push(("html_tree", name, cut(b, 64 << 10)));
        }
    }
    out
}

#[cfg_attr(
    not(baohoa_realdata),
    ignore = "needs BAOHOA_REALDATA (the real-data folder) when the tests are built"
)]
#[test]
fn every_target_runs_on_the_real_seeds() {
    let Some(real) = std::env::var_os("BAOHOA_REALDATA") else {
        eprintln!("skipped: BAOHOA_REALDATA is not set");
        return;
    };
    let seeds = real_seeds(Path::new(&real));
    for (target, run) in TARGETS {
        let mine: Vec<_> = seeds.iter().filter(|(t, _, _)| t == target).collect();
        // The current real-data folder gives 20 warc, 13 gzip, 37 HTTP blocks (seed.sh keeps 25
        // distinct ones) and 18 html seeds: a folder that lost its samples fails here.
        assert!(mine.len() >= 10, "{target}: only {} real seeds", mine.len());
        for (_, name, input) in mine {
            eprintln!("{target}: {name} ({} bytes)", input.len());
            run(input);
        }
    }
}
