//! Compact look-up of the learned model's feature names: one probe of a flat array per name.
//!
//! Scoring builds a few hundred candidate names per item (every syllable 1- and 2-gram of title
//! and lead in four name spaces) and most are not in the model. A `HashMap<String, usize>` costs a
//! SipHash and, in the page pipeline where parsing has evicted the model from cache, two or three
//! cache misses per name (control bytes, slot, the key's heap bytes). This table keeps 40 bits of
//! the name's hash and the feature's position in one `u64` slot (1 MB for 86,000 names): a look-up
//! is one probe of one cache line, hit or miss, and never reads the names. With the 17 bits that
//! choose the slot, 57 bits of hash must agree: a name the model lacks is taken for one it has
//! with a probability under 10⁻¹¹ per look-up (the model's own names are checked to differ at
//! build time; if two did not, the table is not used).

/// Open-addressed table of feature names → positions in `Learned::names`, plus what scoring needs
/// per feature: its rank in name order (so sums run in the order of the name-sorted full vector)
/// and whether duplicates count once.
#[derive(Debug, Clone, Default)]
pub struct FeatureTable {
    /// `tag << 24 | (position + 1)`, the tag being the hash's top 40 bits; 0 is an empty slot.
    slots: Vec<u64>,
    mask: usize,
    /// Per feature: rank among all names sorted bytewise.
    pub rank: Vec<u32>,
    /// Per feature: duplicates count once (n-grams, terms, rules) instead of summing (capped at 3).
    pub binary: Vec<bool>,
}

/// The low 24 bits of a slot: position + 1.
const ID: u64 = (1 << 24) - 1;

/// 64-bit hash of a name: 8-byte words mixed by multiply and rotate, then avalanched.
#[inline]
pub fn hash(name: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (name.len() as u64).wrapping_mul(K);
    let mut chunks = name.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        if let Some(d) = w.get_mut(..rest.len()) {
            d.copy_from_slice(rest);
        }
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(K).rotate_left(29);
    }
    // splitmix64's finaliser.
    h ^= h >> 30;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

impl FeatureTable {
    /// Builds the table of `names` (fewer than 2²⁴ of them; more, or two names whose hashes agree
    /// in the bits compared, give `None` and scoring takes the map). Load factor under 3/4.
    pub fn build(names: &[String], binary: impl Fn(&str) -> bool) -> Option<Self> {
        if names.len() >= (1 << 24) - 1 {
            return None;
        }
        let cap = (names.len() + names.len() / 3 + 1).max(16).next_power_of_two();
        let mask = cap - 1;
        let mut slots = vec![0u64; cap];
        for (i, n) in names.iter().enumerate() {
            let h = hash(n.as_bytes());
            let mut at = (h as usize) & mask;
            loop {
                let s = slots.get_mut(at)?;
                if *s == 0 {
                    *s = Self::tag(h) | (i as u64 + 1);
                    break;
                }
                if *s & !ID == Self::tag(h) {
                    // A name with the same tag on this one's probe path: look-ups could not tell
                    // the two apart.
                    return None;
                }
                at = (at + 1) & mask;
            }
        }
        let mut order: Vec<u32> = (0..names.len() as u32).collect();
        order.sort_by(|&a, &b| names.get(a as usize).cmp(&names.get(b as usize)));
        let mut rank = vec![0u32; names.len()];
        for (r, &i) in order.iter().enumerate() {
            if let Some(x) = rank.get_mut(i as usize) {
                *x = r as u32;
            }
        }
        Some(FeatureTable {
            slots,
            mask,
            rank,
            binary: names.iter().map(|n| binary(n)).collect(),
        })
    }

    /// The hash's top 40 bits, in place above the position.
    #[inline]
    fn tag(h: u64) -> u64 {
        h & !ID
    }

    /// Position of `name` among the names the table was built from, if it is there.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = hash(name.as_bytes());
        let tag = Self::tag(h);
        let mut at = (h as usize) & self.mask;
        loop {
            let s = *self.slots.get(at)?;
            if s == 0 {
                return None;
            }
            if s & !ID == tag {
                return Some(((s & ID) - 1) as u32);
            }
            at = (at + 1) & self.mask;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_name_and_nothing_else() {
        let names: Vec<String> = (0..5000).map(|i| format!("w:name {i}")).collect();
        let t = match FeatureTable::build(&names, |n| n.starts_with("w:")) {
            Some(t) => t,
            None => panic!("a table of 5,000 names builds"),
        };
        for (i, n) in names.iter().enumerate() {
            assert_eq!(t.get(n), Some(i as u32));
        }
        for i in 5000..20000 {
            assert_eq!(t.get(&format!("w:name {i}")), None);
        }
        assert_eq!(t.get(""), None);
        // Rank is the bytewise order of the names.
        let mut sorted = names.clone();
        sorted.sort();
        for (i, n) in names.iter().enumerate() {
            assert_eq!(sorted[t.rank[i] as usize], *n);
        }
        assert!(t.binary.iter().all(|&b| b));
        let empty = FeatureTable::build(&[], |_| false);
        assert_eq!(empty.and_then(|e| e.get("x")), None);
        assert_eq!(FeatureTable::default().get("x"), None);
    }

    #[test]
    fn names_whose_tags_agree_give_no_table() {
        // The same name twice agrees in every bit.
        let names = vec!["w:a".to_string(), "w:a".to_string()];
        assert!(FeatureTable::build(&names, |_| true).is_none());
    }

    #[test]
    fn hash_reads_every_byte() {
        assert_ne!(hash(b"t:w:bao"), hash(b"t:w:bap"));
        assert_ne!(hash(b"12345678a"), hash(b"12345678b"));
        assert_ne!(hash(b""), hash(b"\0"));
    }
}
