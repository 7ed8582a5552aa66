//! A tiny deterministic pseudo-random generator, so that two runs play the
//! same mix of actions in the same order.

/// Marsaglia's xorshift64: fast, small, and good enough to pick users and
/// actions. Never cryptographic.
#[derive(Clone, Debug)]
pub struct XorShift {
    state: u64,
}

impl XorShift {
    /// A generator from `seed`; a zero seed (which would stay zero forever)
    /// is replaced by a fixed non-zero one.
    pub fn new(seed: u64) -> XorShift {
        XorShift {
            state: if seed == 0 {
                0x9E37_79B9_7F4A_7C15
            } else {
                seed
            },
        }
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.state = x;
        x
    }

    /// A number in `0..bound` (`bound` must be non-zero). The modulo bias is
    /// negligible for the small bounds used here.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::XorShift;

    #[test]
    fn is_repeatable_and_stays_in_bounds() {
        let mut a = XorShift::new(7);
        let mut b = XorShift::new(7);
        for _ in 0..1000 {
            let x = a.below(100);
            assert_eq!(x, b.below(100));
            assert!(x < 100);
        }
        assert_ne!(XorShift::new(0).next_u64(), 0);
    }
}
