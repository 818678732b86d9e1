//! The progress bar of long runs (`scan`, `map`): bytes read, pages, pages per second, damage.
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar on stderr (hidden when stderr is not a terminal or with `--quiet`).
pub struct Bar {
    bar: ProgressBar,
    pages: AtomicU64,
    damaged: AtomicU64,
}

impl Bar {
    /// A bar over `total` input bytes.
    pub fn new(total: u64, quiet: bool) -> Bar {
        let target = if !quiet && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {bar:30} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, eta {eta}) {msg}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Bar {
            bar,
            pages: AtomicU64::new(0),
            damaged: AtomicU64::new(0),
        }
    }

    /// Removes the bar from the terminal.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }

    fn set_message(&self, pages: u64) {
        let secs = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(format!(
            "{pages} pages, {:.0} pages/s, {} damaged",
            pages as f64 / secs,
            self.damaged.load(Ordering::Relaxed)
        ));
    }
}

impl baohoa::Progress for Bar {
    fn input_bytes(&self, n: u64) {
        self.bar.inc(n);
    }
    fn page(&self, _html_bytes: u64) {
        let p = self.pages.fetch_add(1, Ordering::Relaxed) + 1;
        if p.is_multiple_of(256) {
            self.set_message(p);
        }
    }
    fn damaged(&self) {
        self.damaged.fetch_add(1, Ordering::Relaxed);
        self.set_message(self.pages.load(Ordering::Relaxed));
    }
}
