//! `map`'s threading: reader threads stream records from the inputs to a pool of workers; each
//! analyses pages and folds them into the one shared site store (each site once per process).
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::accumulate::{Acc, fold_record};
use super::progress::Progress;
use super::store::{SiteSet, SiteStore};
use crate::ScanOptions;
use crate::ingest::{Event, Input, ReadOptions, Record, RecordError};
use crate::models::Models;
use crate::report::manifest::{InputReport, MAX_LISTED_ERRORS};

/// What each input yielded: its report and the damaged records it listed.
pub(crate) type InputReports = Vec<(InputReport, Vec<RecordError>)>;

/// Reads `inputs` with `opts.threads` workers and folds every page into one site store
/// (spilling under `spill_dir` past `opts.memory`).
pub(crate) fn run(
    inputs: &[Input],
    opts: &ScanOptions,
    models: &Models,
    spill_dir: &std::path::Path,
    progress: &dyn Progress,
) -> anyhow::Result<(Acc, SiteSet, InputReports)> {
    let threads = opts.threads.max(1);
    let read_opts = ReadOptions {
        max_page_bytes: opts.max_page_bytes,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("baohoa-worker-{i}"))
        .build()
        .map_err(|e| anyhow::anyhow!("cannot start {threads} worker threads: {e}"))?;
    let (tx, rx) = crossbeam_channel::bounded::<Record>(threads * 4);
    let next = AtomicUsize::new(0);
    let readers = threads.min(inputs.len()).max(1);
    let store = SiteStore::new(threads * 16, opts.memory, spill_dir);

    let (acc, reports) = std::thread::scope(|s| {
        let mut handles = Vec::new();
        for _ in 0..readers {
            let tx = tx.clone();
            let next = &next;
            let read_opts = &read_opts;
            handles.push(s.spawn(move || {
                let mut reports = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    reports.push(read_input(input, read_opts, &tx, progress));
                }
                reports
            }));
        }
        drop(tx);
        // One accumulator (timers, counts) per worker thread; the site state lives once, in `store`.
        let accs = std::sync::Mutex::new(Vec::with_capacity(threads));
        pool.scope(|s| {
            for _ in 0..threads {
                let rx = rx.clone();
                let accs = &accs;
                let store = &store;
                s.spawn(move |_| {
                    let mut acc = Acc::default();
                    for rec in rx {
                        if store.failed() {
                            break;
                        }
                        fold_record(&mut acc, store, &rec, models, opts.parser, progress);
                    }
                    if let Ok(mut v) = accs.lock() {
                        v.push(acc);
                    }
                });
            }
        });
        drop(rx);
        let acc = accs
            .into_inner()
            .unwrap_or_default()
            .into_iter()
            .fold(Acc::default(), Acc::merge);
        let reports: Vec<(InputReport, Vec<RecordError>)> =
            handles.into_iter().flat_map(|h| h.join().unwrap_or_default()).collect();
        (acc, reports)
    });

    Ok((acc, store.finish()?, reports))
}

/// Reads one input to its end, sending HTML records to the workers and accounting for the rest.
fn read_input(
    input: &Input,
    opts: &ReadOptions,
    tx: &crossbeam_channel::Sender<Record>,
    progress: &dyn Progress,
) -> (InputReport, Vec<RecordError>) {
    let name = input.name();
    let mut rep = InputReport {
        path: name.clone(),
        ..InputReport::default()
    };
    let mut errors = Vec::new();
    let hashed = Arc::new(crate::ingest::hashing::HashState::default());
    let mut size = None;
    let reader: Box<dyn std::io::Read + Send> = match input {
        Input::Path(p) => match crate::ingest::open_regular(p) {
            Ok(f) => {
                size = f.metadata().ok().map(|m| m.len());
                Box::new(crate::ingest::hashing::HashingReader::new(f, hashed.clone()))
            }
            Err(e) => {
                rep.error = Some(format!("{name}: {e}"));
                return (rep, errors);
            }
        },
        Input::Stdin { head } => Box::new(crate::ingest::hashing::HashingReader::new(
            Input::stdin_reader(head),
            hashed.clone(),
        )),
        Input::Embedded { bytes, .. } => {
            size = Some(bytes.len() as u64);
            Box::new(crate::ingest::hashing::HashingReader::new(*bytes, hashed.clone()))
        }
    };
    let mut reported = 0u64;
    match crate::ingest::open_reader_sized(name.as_str().into(), reader, opts, size) {
        Err(e) => rep.error = Some(e.to_string()),
        Ok((kind, events)) => {
            rep.kind = Some(kind);
            for ev in events {
                let now = hashed.bytes();
                progress.input_bytes(now.saturating_sub(reported));
                reported = now;
                match ev {
                    Event::Record(r) => {
                        rep.html_records += 1;
                        if tx.send(r).is_err() {
                            break;
                        }
                    }
                    Event::Skipped { reason, .. } => *rep.skipped.entry(reason).or_default() += 1,
                    Event::Damaged(e) => {
                        rep.damaged += 1;
                        progress.damaged();
                        if errors.len() < MAX_LISTED_ERRORS {
                            errors.push(e);
                        }
                    }
                }
            }
        }
    }
    // Finish the checksum over bytes the reader did not need (after damage, or unread tails).
    let (bytes, sha) = match input {
        Input::Path(p) => hashed.finish_from_file(p),
        Input::Stdin { head } => hashed.finish_from_stdin(head),
        Input::Embedded { bytes, .. } => hashed.finish_from_slice(bytes),
    };
    progress.input_bytes(bytes.saturating_sub(reported));
    rep.bytes = bytes;
    rep.sha256 = sha;
    (rep, errors)
}
