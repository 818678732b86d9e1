//! Readers that checksum (sha256) and count the input bytes as the parsers consume them.
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha256};

/// Running sha256 and byte count of an input, shared with the reader that feeds it.
#[derive(Default)]
pub struct HashState {
    inner: Mutex<(Sha256, u64)>,
}

impl HashState {
    fn update(&self, b: &[u8]) {
        if let Ok(mut g) = self.inner.lock() {
            g.0.update(b);
            g.1 += b.len() as u64;
        }
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> u64 {
        self.inner.lock().map_or(0, |g| g.1)
    }

    fn take(&self) -> (Sha256, u64) {
        match self.inner.lock() {
            Ok(mut g) => std::mem::take(&mut *g),
            Err(_) => (Sha256::new(), 0),
        }
    }

    /// Hashes whatever the parser left unread in `path` and returns (size, sha256 hex).
    pub fn finish_from_file(&self, path: &Path) -> (u64, String) {
        let (mut h, mut n) = self.take();
        if let Ok(mut f) = super::open_regular(path)
            && f.seek(SeekFrom::Start(n)).is_ok()
        {
            let mut buf = vec![0u8; 1 << 16];
            while let Ok(k) = f.read(&mut buf) {
                if k == 0 {
                    break;
                }
                h.update(&buf[..k]);
                n += k as u64;
            }
        }
        (n, crate::model_files::hex(&h.finalize()))
    }

    /// Same as [`finish_from_file`](Self::finish_from_file) for standard input read through
    /// [`Input::stdin_reader`](super::Input::stdin_reader): the unread part of `head`, then
    /// whatever is left on standard input.
    pub fn finish_from_stdin(&self, head: &[u8]) -> (u64, String) {
        let (mut h, mut n) = self.take();
        let rest = head.get(n as usize..).unwrap_or(&[]);
        h.update(rest);
        n += rest.len() as u64;
        let mut stdin = std::io::stdin();
        let mut buf = vec![0u8; 1 << 16];
        while let Ok(k) = stdin.read(&mut buf) {
            if k == 0 {
                break;
            }
            h.update(&buf[..k]);
            n += k as u64;
        }
        (n, crate::model_files::hex(&h.finalize()))
    }

    /// Same as [`finish_from_file`](Self::finish_from_file) for an in-memory input.
    pub fn finish_from_slice(&self, bytes: &[u8]) -> (u64, String) {
        let (mut h, n) = self.take();
        let rest = bytes.get(n as usize..).unwrap_or(&[]);
        h.update(rest);
        (n + rest.len() as u64, crate::model_files::hex(&h.finalize()))
    }
}

/// Passes bytes through, feeding them to a [`HashState`].
pub struct HashingReader<R> {
    inner: R,
    state: Arc<HashState>,
}

impl<R: Read> HashingReader<R> {
    pub fn new(inner: R, state: Arc<HashState>) -> Self {
        HashingReader { inner, state }
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.state.update(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_covers_unread_tail() {
        let data = b"hello world, this is the whole input";
        let st = Arc::new(HashState::default());
        let mut r = HashingReader::new(&data[..], st.clone());
        let mut first = [0u8; 5];
        r.read_exact(&mut first).unwrap();
        let (n, sha) = st.finish_from_slice(data);
        assert_eq!(n, data.len() as u64);
        assert_eq!(sha, crate::model_files::hex(&Sha256::digest(data)));
    }
}
