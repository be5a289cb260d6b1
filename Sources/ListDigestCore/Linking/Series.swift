/// A thread of one weekly report: `reports[report].threads[thread]`.
public struct ThreadRef: Hashable, Sendable, Comparable {
    public let report: Int
    public let thread: Int

    public init(report: Int, thread: Int) {
        self.report = report
        self.thread = thread
    }

    public static func < (lhs: ThreadRef, rhs: ThreadRef) -> Bool {
        (lhs.report, lhs.thread) < (rhs.report, rhs.thread)
    }
}

/// A message of a report, where it is listed: `reports[thread.report].threads[thread.thread]
/// .messages[index]` (read through `ArchiveIndex.message(_:)`).
public struct MessageRef: Hashable, Sendable {
    public let thread: ThreadRef
    public let index: Int

    public init(thread: ThreadRef, index: Int) {
        self.thread = thread
        self.index = index
    }
}

/// How a version came to be linked to the one before it.
public enum VersionLink: String, Sendable, Hashable {
    /// The first version ListDigest saw.
    case first
    /// Same title, a higher version (or RFC → PATCH) from the same author.
    case sameTitle
    /// A different title, linked on strong evidence: same author, weeks apart, similar title.
    case retitled
}

/// One version of a series: every thread that posted it, in every week that reported it.
public struct SeriesVersion: Sendable, Hashable {
    public let version: Int
    public let minorVersion: Int?
    public let isRFC: Bool
    /// Distinct thread subject lines, in the order first seen.
    public let subjects: [String]
    /// Every report thread of this version, oldest week first.
    public let threads: [ThreadRef]
    /// Weeks whose reports list it, oldest first.
    public let weeks: [ISOWeek]
    /// The earliest message of the version.
    public let firstDate: LocalDateTime
    public let lastDate: LocalDateTime
    /// Index in `PeopleIndex.people` of who posted it.
    public let author: Int?
    public let superseded: Bool
    public let link: VersionLink

    /// `v5`, `RFC v2`, `v5.1`.
    public var label: String { Self.label(version: version, minorVersion: minorVersion, isRFC: isRFC) }

    /// The label of the version at `position` of `versions`, from its fields: reading `label` on
    /// an element copies the whole version (retaining its lists) to call the getter on it.
    public static func label(of versions: [SeriesVersion], at position: Int) -> String {
        label(
            version: versions[position].version, minorVersion: versions[position].minorVersion,
            isRFC: versions[position].isRFC)
    }

    private static func label(version: Int, minorVersion: Int?, isRFC: Bool) -> String {
        let number = minorVersion.map { "v\(version).\($0)" } ?? "v\(version)"
        return isRFC ? "RFC \(number)" : number
    }
}

/// How many of a series' messages one person sent in one ISO week-year (the year of the week
/// each message's date falls in, as the weekly pages and charts count).
public struct YearShare: Sendable, Hashable {
    public let person: Int
    public let year: Int
    public let messages: Int
}

/// One piece of work followed across weeks and versions.
public struct Series: Sendable, Hashable {
    /// Stable URL slug (given once every series is known, see `SeriesLinker.assignIDs`).
    public internal(set) var id: String
    /// The latest version's title.
    public let title: String
    public let key: SeriesKey
    public let isPull: Bool
    /// Oldest version first.
    public let versions: [SeriesVersion]
    /// Every week any version was reported in, oldest first.
    public let weeks: [ISOWeek]
    /// Each message once, oldest first (a message listed in several weekly reports is one
    /// message), by where it is listed: a place, not a copy (copying every series' messages
    /// retained three texts each, a hundred thousand times).
    public let messages: [MessageRef]
    /// By message: who sent it, as linked (index in `PeopleIndex.people`; nil for a sender who is nobody).
    public let senders: [Int?]
    /// Person indices, most messages first.
    public let participants: [Int]
    /// How many of `messages` each of `participants` sent, in the same order.
    public let participantMessages: [Int]
    /// How many of `messages` each participant sent in each ISO week-year, by person then year.
    public let participantYears: [YearShare]

    public var latestVersion: SeriesVersion { versions[versions.count - 1] }
    public var author: Int? { versions.first?.author }
}
