import Foundation

/// Normalisation of how people appear in `From:` lines, before they are grouped.
enum SenderIdentity {
    /// `Per Larsen via B4 Relay` → `Per Larsen`; `"Upton, Oliver"` → `Oliver Upton`.
    static func cleanName(_ name: String) -> String {
        if let cleaned = asciiCleanName(name) { return cleaned }
        var name = name.trimmingWhitespace
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        if let via = lastVia(in: name) { name = String(name[..<via]) }
        let commaParts = name.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            let last = commaParts[0].trimmingWhitespace
            let first = commaParts[1].trimmingWhitespace
            if !last.isEmpty, !first.isEmpty, !last.contains(" ") { name = "\(first) \(last)" }
        }
        return name.joinedWords()
    }

    /// `cleanName` of an ASCII name without carriage returns, whose every byte is a character
    /// of its own, worked out on its bytes: counted, trimmed and split as characters, a name took
    /// thousands of instructions. Nil for any other name.
    private static func asciiCleanName(_ name: String) -> String? {
        let unquoted = name.withUTF8Bytes { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            var range = asciiTrimmed(bytes, 0..<bytes.count)
            if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\""),
                bytes[range.upperBound - 1] == UInt8(ascii: "\"")
            {
                range = (range.lowerBound + 1)..<(range.upperBound - 1)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        guard var name = unquoted else { return nil }
        if let via = lastVia(in: name) { name = String(name[..<via]) }
        let swapped = name.withUTF8Bytes { bytes -> String? in
            // `Upton, Oliver`: one comma, a last name of one word before it.
            guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")), bytes.lastIndex(of: UInt8(ascii: ",")) == comma
            else { return nil }
            let last = asciiTrimmed(bytes, 0..<comma)
            let first = asciiTrimmed(bytes, (comma + 1)..<bytes.count)
            guard !last.isEmpty, !first.isEmpty, !bytes[last].contains(0x20) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self) + " "
                + String(decoding: UnsafeBufferPointer(rebasing: bytes[last]), as: UTF8.self)
        }
        return (swapped ?? name).joinedWords()
    }

    /// `range` without the ASCII spaces at its ends.
    private static func asciiTrimmed(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, isASCIISpace(bytes[start]) { start += 1 }
        while end > start, isASCIISpace(bytes[end - 1]) { end -= 1 }
        return start..<end
    }

    /// Where the last ` via ` (any case) starts, as Foundation's case-insensitive backwards search
    /// finds it: read from the bytes, which took tens of microseconds a name through NSString.
    /// When the bytes found may not start and end characters (see `isCharacterBoundary`),
    /// Foundation decides.
    static func lastVia(in name: String) -> String.Index? {
        let utf8 = name.utf8
        // " via " backwards, lower-cased; `| 0x20` lower-cases an ASCII letter.
        let pattern: [UInt8] = [0x20, 0x61, 0x69, 0x76, 0x20]
        var end = utf8.endIndex
        var matched = 0
        var matchEnd = end
        while end > utf8.startIndex {
            let index = utf8.index(before: end)
            let byte = utf8[index]
            let expected = pattern[matched]
            if (expected == 0x20 ? byte : byte | 0x20) == expected {
                if matched == 0 { matchEnd = end }
                matched += 1
                if matched == pattern.count {
                    guard name[...].isCharacterBoundary(index), name[...].isCharacterBoundary(matchEnd) else {
                        return name.range(of: " via ", options: [.caseInsensitive, .backwards])?.lowerBound
                    }
                    return index
                }
            } else {
                // Only a space can start the pattern again: no other byte of it is one.
                matched = byte == 0x20 ? 1 : 0
                matchEnd = end
            }
            end = index
        }
        return nil
    }

    /// The key two senders must share to be one person by name: case, accents and spacing folded.
    static func nameKey(_ cleanedName: String) -> String {
        // ASCII has no accents, and folding its case is lower-casing: Foundation's folding is
        // kept for the names that need it.
        guard cleanedName.isASCII else {
            return cleanedName.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .joinedWords(alsoAt: ".")
        }
        return cleanedName.joinedWords(lowercased: true, alsoAt: ".")
    }

    /// A name distinctive enough to merge addresses by: at least two words, or non-Latin script.
    static func isDistinctive(_ key: String) -> Bool {
        // In ASCII a space character is a space byte: two words are a space with other bytes
        // somewhere before and after it.
        guard key.isASCII else {
            return key.split(separator: " ").count >= 2 || key.unicodeScalars.contains { $0.value > 0x2E80 }
        }
        let bytes = key.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 }), let last = bytes.lastIndex(where: { $0 != 0x20 })
        else { return false }
        return bytes[first..<last].contains(0x20)
    }

    /// `devnull+perlarsen.google.com@kernel.org` → `perlarsen@google.com`. B4's relay writes
    /// `local.domain` ambiguously when the local part has dots: a known address decides; else
    /// the domain is taken as the last two labels (three for `co.uk`-style domains).
    static func decodeRelay(_ address: String, knownAddresses: Set<String>) -> String? {
        let lowered = address.lowercased()
        guard lowered.hasPrefix("devnull+"), lowered.hasSuffix("@kernel.org") else { return nil }
        let encoded = lowered.dropFirst("devnull+".count).dropLast("@kernel.org".count)
        let labels = encoded.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard labels.count >= 3, !labels.contains(where: \.isEmpty) else { return nil }
        let candidates = (1..<(labels.count - 1)).map { split in
            labels[..<split].joined(separator: ".") + "@" + labels[split...].joined(separator: ".")
        }
        if let known = candidates.first(where: knownAddresses.contains) { return known }
        let secondLevel = labels[labels.count - 2]
        let domainLabels =
            ["co", "com", "ac", "org", "net", "edu", "gov"].contains(secondLevel) && labels.count >= 4 ? 3 : 2
        return labels.dropLast(domainLabels).joined(separator: ".") + "@"
            + labels.suffix(domainLabels).joined(separator: ".")
    }

    private static let botAddressPatterns = [
        "lkp@intel.com", "patchwork-bot", "syzbot", "noreply", "no-reply", "ci_notify", "kernelci", "bot@", "-bot+",
    ]
    private static let botNamePatterns = ["test robot", "patchwork-bot", "syzbot", "kernelci", " bot", "bot "]

    static func looksLikeBot(name: String, address: String) -> Bool {
        if let answer = asciiLooksLikeBot(name: name, address: address) { return answer }
        let address = address.lowercased()
        let name = " " + name.lowercased() + " "
        // Searched as bytes: Foundation's `contains` went through NSString, fifteen times a sender.
        return botAddressPatterns.contains { address[...].firstRange(ofASCII: $0) != nil }
            || botNamePatterns.contains { name[...].firstRange(ofASCII: $0) != nil }
            || name.trimmingWhitespace == "bot"
    }

    private static let botAddressBytes = botAddressPatterns.map { Array($0.utf8) }
    private static let botNameBytes = botNamePatterns.map { Array($0.utf8) }
    private static let botBytes = Array("bot".utf8)

    /// `looksLikeBot` of an ASCII name and address (every byte a character, lower-cased by
    /// itself), read in place with the case folded as it is compared: lower-casing both and
    /// searching them as strings took tens of thousands of instructions a sender. Nil when
    /// either is not ASCII.
    private static func asciiLooksLikeBot(name: String, address: String) -> Bool? {
        address.withUTF8Bytes { address -> Bool? in
            name.withUTF8Bytes { name -> Bool? in
                guard address.allSatisfy({ $0 < 0x80 }), name.allSatisfy({ $0 < 0x80 }) else { return nil }
                if botAddressBytes.contains(where: { containsFolded(address, $0) }) { return true }
                // The name between spaces, as " bot" and "bot " are looked for at its ends too.
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count + 2) { padded in
                    padded[0] = 0x20
                    padded[name.count + 1] = 0x20
                    for index in name.indices { padded[index + 1] = name[index] }
                    let spaced = UnsafeBufferPointer(padded)
                    if botNameBytes.contains(where: { containsFolded(spaced, $0) }) { return true }
                    let trimmed = asciiTrimmed(name, 0..<name.count)
                    return trimmed.count == botBytes.count
                        && containsFolded(UnsafeBufferPointer(rebasing: name[trimmed]), botBytes)
                }
            }
        }
    }

    /// Whether `text` holds `pattern` (lower-case ASCII) with its ASCII letters' case folded.
    private static func containsFolded(_ text: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, pattern.count <= text.count else { return pattern.isEmpty }
        for start in 0...(text.count - pattern.count) where asciiLowercased(text[start]) == first {
            var matched = 1
            while matched < pattern.count, asciiLowercased(text[start + matched]) == pattern[matched] { matched += 1 }
            if matched == pattern.count { return true }
        }
        return false
    }
}
