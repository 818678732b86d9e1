//! Prints what the readers find in each real sample (diagnostic; run with --nocapture).
use baohoa::ingest::{self, Event, ReadOptions};
#[test]
fn dump() {
    let Ok(root) = std::env::var("BAOHOA_REALDATA") else { return };
    for sub in ["warcio", "pywb"] {
        let dir = std::path::Path::new(&root).join("warc-samples").join(sub);
        let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            match ingest::open(&f, &ReadOptions::default()) {
                Err(e) => println!("{}: INPUT ERROR {e}", f.display()),
                Ok((k, ev)) => {
                    let mut html = 0;
                    let mut skips = std::collections::BTreeMap::new();
                    let mut dam = vec![];
                    let mut offs = vec![];
                    for e in ev {
                        match e {
                            Event::Record(r) => { html += 1; offs.push(r.offset); }
                            Event::Skipped { reason, .. } => *skips.entry(reason.as_str()).or_insert(0) += 1,
                            Event::Damaged(d) => dam.push(format!("@{} {}", d.offset, d.reason)),
                        }
                    }
                    println!("{} {k:?}: html={html} {offs:?} skips={skips:?} damaged={dam:#?}", f.file_name().unwrap().to_string_lossy());
                }
            }
        }
    }
}
