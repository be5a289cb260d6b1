/// A git `.mailmap`: maps the names and addresses people sent from to the
/// identity they want to be known by. It wins over every heuristic.
///
/// Forms (see gitmailmap(5)), `#` starting a comment:
/// - `Proper Name <commit@email>`
/// - `<proper@email> <commit@email>`
/// - `Proper Name <proper@email> <commit@email>`
/// - `Proper Name <proper@email> Commit Name <commit@email>`
public struct Mailmap: Sendable {
    public struct Entry: Sendable, Hashable {
        public let properName: String?
        public let properAddress: String?
        /// Lower-cased.
        public let commitAddress: String
        /// When set, only mail sent under this name (case-insensitive) matches.
        public let commitName: String?
        public let line: Int
    }

    public let entries: [Entry]
    public let diagnostics: [Diagnostic]
    /// The entries by the address they cover, each list in the file's order.
    private let entriesByAddress: [String: [Entry]]

    public static let empty = Mailmap(entries: [], diagnostics: [])

    init(entries: [Entry], diagnostics: [Diagnostic]) {
        self.entries = entries
        self.diagnostics = diagnostics
        entriesByAddress = Dictionary(grouping: entries, by: \.commitAddress)
    }

    public init(parsing text: String, file: String) {
        var entries: [Entry] = []
        var diagnostics: [Diagnostic] = []
        for (index, rawLine) in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }
        ).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard !line.trimmingWhitespace.isEmpty else { continue }
            guard let parts = Self.split(line), !parts.isEmpty, parts.count <= 2 else {
                diagnostics.append(
                    .warning(
                        file, index + 1,
                        "mailmap line should read 'Proper Name <proper@email> Commit Name <commit@email>'; ignored"))
                continue
            }
            let proper = parts[0]
            let commit = parts.count == 2 ? parts[1] : parts[0]
            entries.append(
                Entry(
                    properName: proper.name.isEmpty ? nil : proper.name,
                    properAddress: parts.count == 2 ? proper.address : nil,
                    commitAddress: commit.address.lowercased(),
                    commitName: parts.count == 2 && !commit.name.isEmpty ? commit.name.lowercased() : nil,
                    line: index + 1))
        }
        self.init(entries: entries, diagnostics: diagnostics)
    }

    /// `Name <a> Other <b>` → [(Name, a), (Other, b)].
    private static func split(_ line: Substring) -> [(name: String, address: String)]? {
        var result: [(String, String)] = []
        var rest = line
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return nil }
            let address = rest[rest.index(after: open)..<close].trimmingWhitespace
            guard Sender.looksLikeAddress(address) else { return nil }
            result.append((rest[..<open].trimmingWhitespace, address))
            rest = rest[rest.index(after: close)...]
        }
        return rest.trimmingWhitespace.isEmpty ? result : nil
    }

    /// The identity a sender maps to, if an entry covers it; name-specific entries win. Only the
    /// entries for the address are looked at (none, and nothing lowered, without a mailmap): every
    /// sender is looked up twice a build.
    public func lookup(name: String, address: String) -> (name: String?, address: String?)? {
        guard !entriesByAddress.isEmpty, let matching = entriesByAddress[address.lowercased()] else { return nil }
        let name = name.lowercased()
        guard
            let entry = matching.first(where: { $0.commitName == name })
                ?? matching.first(where: { $0.commitName == nil })
        else { return nil }
        return (entry.properName, entry.properAddress)
    }
}
