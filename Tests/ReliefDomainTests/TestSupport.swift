import ReliefDomain
import Testing

/// Shorthands for test literals; a malformed literal fails the test that uses it.
func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
func money(_ text: String) throws -> Money { try Money(parsing: text) }
func rate(_ text: String) throws -> Rate { try Rate(parsing: text) }

/// A small deterministic generator (SplitMix64) so that property tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
