/// A bounded memo: a fixed number of slots, each key kept in the one slot its hash picks
/// (Fibonacci hashing), a new key evicting that slot's previous one.
///
/// A value owned by its caller (no locks, no global state) whose size never grows, so a run
/// over millions of loans holds at most `slotCount` entries. A lookup is a multiplication, a
/// shift and a key comparison; a key that was evicted is simply computed again, so the memo
/// only ever changes speed, never results.
@usableFromInline
struct MemoTable<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    @usableFromInline
    struct Entry: Sendable {
        @usableFromInline let key: Key
        @usableFromInline let value: Value

        @inlinable init(key: Key, value: Value) {
            self.key = key
            self.value = value
        }
    }

    @usableFromInline var slots: [Entry?]
    /// `64 - log2(slotCount)`: the hash's top bits pick the slot.
    @usableFromInline let shift: UInt64

    /// - Parameter slotBits: `log2` of the number of slots, 1 to 16.
    @usableFromInline
    init(slotBits: Int) {
        precondition((1...16).contains(slotBits), "MemoTable with 2^\(slotBits) slots")
        slots = Array(repeating: nil, count: 1 << slotBits)
        shift = UInt64(64 - slotBits)
    }

    @inlinable
    var slotCount: Int { slots.count }

    /// The value for `key`, from the memo or from `make` (and then remembered). `hash` must
    /// be equal for equal keys; the table spreads it with the golden-ratio multiplier.
    @inlinable
    mutating func value(for key: Key, hash: UInt64, _ make: () -> Value) -> Value {
        let index = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        if let entry = slots[index], entry.key == key { return entry.value }
        let value = make()
        slots[index] = Entry(key: key, value: value)
        return value
    }
}
