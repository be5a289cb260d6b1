/// XXH64 (seed 0), fed in pieces: a hash that is the same in every run and on every machine
/// (unlike `Hasher`), for cache keys, file digests and page fingerprints. It reads eight bytes
/// at a time; the byte-at-a-time FNV-1a it replaced made hashing the reports, the parse cache
/// and every page's fields a noticeable part of each build. Slug suffixes keep FNV-1a
/// (`stableHash`), because URLs must not change.
public struct StableHasher: Sendable {
    @usableFromInline static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    @usableFromInline var lanes: (UInt64, UInt64, UInt64, UInt64) = (
        prime1 &+ prime2, prime2, 0, 0 &- prime1
    )
    /// Input not yet folded into the lanes: fewer than 32 bytes.
    @usableFromInline var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    @usableFromInline var pendingCount = 0
    @usableFromInline var length: UInt64 = 0

    public init() {}

    /// Inlinable, so callers in other modules get a loop specialised for their bytes.
    @inlinable
    public mutating func combine(bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            combine(raw: UnsafeRawBufferPointer(buffer))
        }
        guard done == nil else { return }
        for byte in bytes {
            withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = byte }
            pendingCount += 1
            length &+= 1
            if pendingCount == 32 {
                foldPending()
            }
        }
    }

    public mutating func combine(raw bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        length &+= UInt64(bytes.count)
        var offset = 0
        if pendingCount > 0 {
            let take = min(32 - pendingCount, bytes.count)
            withUnsafeMutableBytes(of: &pending) { pending in
                pending.baseAddress!.advanced(by: pendingCount).copyMemory(from: bytes.baseAddress!, byteCount: take)
            }
            pendingCount += take
            offset = take
            guard pendingCount == 32 else { return }
            foldPending()
        }
        while bytes.count - offset >= 32 {
            fold(
                bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian,
                bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self).littleEndian,
                bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self).littleEndian)
            offset += 32
        }
        let rest = bytes.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &pending) { pending in
                pending.baseAddress!.copyMemory(from: bytes.baseAddress!.advanced(by: offset), byteCount: rest)
            }
            pendingCount = rest
        }
    }

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(raw: UnsafeRawBufferPointer($0)) }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        combine(byte: 0xFF)
    }

    @inlinable
    public mutating func combine(_ number: Int) {
        combine(UInt64(bitPattern: Int64(number)))
    }

    /// Another hash's value. Inlinable, and stored straight into the pending input when it fits
    /// there (it straddles a fold only one time in four): keys and digests combine hundreds of
    /// thousands of numbers a build, and each went through `combine(raw:)`'s copying.
    @inlinable
    public mutating func combine(_ value: UInt64) {
        guard pendingCount <= 24 else {
            return withUnsafeBytes(of: value.littleEndian) { combine(raw: $0) }
        }
        withUnsafeMutableBytes(of: &pending) {
            $0.storeBytes(of: value.littleEndian, toByteOffset: pendingCount, as: UInt64.self)
        }
        stored(8)
    }

    @inlinable
    public mutating func combine(byte: UInt8) {
        withUnsafeMutableBytes(of: &pending) { $0[pendingCount] = byte }
        stored(1)
    }

    /// Counts `count` bytes just stored into the pending input, folding it once it is full.
    @inlinable
    mutating func stored(_ count: Int) {
        pendingCount += count
        length &+= UInt64(count)
        if pendingCount == 32 { foldPending() }
    }

    public var value: UInt64 {
        var hash: UInt64
        if length >= 32 {
            let (a, b, c, d) = lanes
            hash = Self.rotate(a, 1) &+ Self.rotate(b, 7) &+ Self.rotate(c, 12) &+ Self.rotate(d, 18)
            hash = Self.merge(hash, a)
            hash = Self.merge(hash, b)
            hash = Self.merge(hash, c)
            hash = Self.merge(hash, d)
        } else {
            hash = Self.prime5
        }
        hash &+= length
        withUnsafeBytes(of: pending) { rest in
            var offset = 0
            while pendingCount - offset >= 8 {
                let word = rest.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
                hash = Self.rotate(hash ^ Self.round(0, word), 27) &* Self.prime1 &+ Self.prime4
                offset += 8
            }
            if pendingCount - offset >= 4 {
                let word = UInt64(rest.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian)
                hash = Self.rotate(hash ^ (word &* Self.prime1), 23) &* Self.prime2 &+ Self.prime3
                offset += 4
            }
            while offset < pendingCount {
                hash = Self.rotate(hash ^ (UInt64(rest[offset]) &* Self.prime5), 11) &* Self.prime1
                offset += 1
            }
        }
        hash ^= hash >> 33
        hash &*= Self.prime2
        hash ^= hash >> 29
        hash &*= Self.prime3
        hash ^= hash >> 32
        return hash
    }

    /// 16 hex digits.
    public var hex: String { hexDigits(value) }

    /// The hash's top 60 bits as 15 hex digits: what page keys and files' fingerprints are
    /// written as. A text of up to 15 ASCII bytes is held in the string itself, so making,
    /// reading back and comparing the keys and fingerprints of a site's 12,700 files allocate
    /// nothing.
    public var shortHex: String { hexDigits(value >> 4, count: 15) }

    @usableFromInline mutating func foldPending() {
        let (a, b, c, d) = pending
        fold(a.littleEndian, b.littleEndian, c.littleEndian, d.littleEndian)
        pendingCount = 0
    }

    @usableFromInline mutating func fold(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        lanes = (Self.round(lanes.0, a), Self.round(lanes.1, b), Self.round(lanes.2, c), Self.round(lanes.3, d))
    }

    @usableFromInline static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        Self.rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    static func merge(_ hash: UInt64, _ lane: UInt64) -> UInt64 {
        (hash ^ round(0, lane)) &* prime1 &+ prime4
    }

    @usableFromInline static func rotate(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// A short stable suffix (8 hex digits) for slugs: FNV-1a 64 of the text's UTF-8 and a 0xFF
/// separator, as ListDigest has always made them, so URLs stay the same across versions.
func stableHash(_ text: String) -> String {
    var state: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 + [0xFF] {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01b3
    }
    return String(hexDigits(state).suffix(8))
}

/// `value` as `count` lower-case hex digits (its lowest), leading zeros included. Written digit
/// by digit: the standard library's `String(_:radix:)` is not specialized for it, and page keys
/// and fingerprints make one for each of 12,000 pages.
func hexDigits(_ value: UInt64, count: Int = 16) -> String {
    String(unsafeUninitializedCapacity: count) { buffer in
        var rest = value
        for position in (0..<count).reversed() {
            let digit = UInt8(truncatingIfNeeded: rest & 15)
            buffer[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            rest >>= 4
        }
        return count
    }
}
