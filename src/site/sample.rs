//! Bounded, deterministic evidence samples: the k smallest items of a set, exactly mergeable.
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Keeps the `k` smallest distinct items seen. `merge` is associative and commutative, and the
/// k smallest of a union equal the k smallest of the union of each part's k smallest, so any split
/// of the input gives the same sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: Serialize", deserialize = "T: Deserialize<'de> + Ord"))]
pub struct Sample<T: Ord> {
    k: usize,
    items: BTreeSet<T>,
}

impl<T: Ord> Default for Sample<T> {
    fn default() -> Self {
        Sample {
            k: DEFAULT_K,
            items: BTreeSet::new(),
        }
    }
}

/// Evidence items kept per criterion and site.
pub const DEFAULT_K: usize = 5;

impl<T: Ord> Sample<T> {
    pub fn with_k(k: usize) -> Self {
        Sample {
            k,
            items: BTreeSet::new(),
        }
    }

    pub fn insert(&mut self, item: T) {
        if self.items.len() >= self.k
            && let Some(max) = self.items.last()
            && item >= *max
        {
            return;
        }
        self.items.insert(item);
        while self.items.len() > self.k {
            self.items.pop_last();
        }
    }

    pub fn merge(&mut self, other: Sample<T>) {
        self.k = self.k.max(other.k);
        for i in other.items {
            self.insert(i);
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.items.iter()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample_of(v: &[u32], k: usize) -> Sample<u32> {
        let mut s = Sample::with_k(k);
        for &x in v {
            s.insert(x);
        }
        s
    }

    proptest! {
        #[test]
        fn merge_equals_one_pass(a in proptest::collection::vec(0u32..50, 0..40), b in proptest::collection::vec(0u32..50, 0..40), k in 1usize..10) {
            let mut all = a.clone();
            all.extend(&b);
            let one = sample_of(&all, k);
            let mut ab = sample_of(&a, k);
            ab.merge(sample_of(&b, k));
            let mut ba = sample_of(&b, k);
            ba.merge(sample_of(&a, k));
            prop_assert_eq!(&one, &ab);
            prop_assert_eq!(&one, &ba);
        }
    }
}
