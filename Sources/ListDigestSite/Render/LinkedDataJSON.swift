import Foundation
import ListDigestCore

/// `data/series.json`: every series with its versions (schema in README.md).
struct SeriesJSON: KeyedDataFile {
    struct Item: Encodable {
        let id: String
        let url: String
        let title: String
        let pull: Bool
        let author: String?
        let versions: [Version]
        let participants: [String]
    }

    struct Version: Encodable {
        let version: Int
        let label: String
        let rfc: Bool
        let subjects: [String]
        let weeks: [String]
        let superseded: Bool
        let link: String
    }

    let site: SiteContext

    init(site: SiteContext) { self.site = site }

    var count: Int { site.index.series.series.count }

    func page(ofEntry index: Int) -> KeyedPage { .series(index) }

    func item(_ index: Int) -> Item {
        let people = site.index.people.people
        let series = site.index.series.series[index]
        return Item(
            id: series.id, url: site.absoluteURL(SitePaths.series(series.id)), title: series.title,
            pull: series.isPull,
            author: series.author.map { people[$0].id },
            versions: series.versions.map { version in
                Version(
                    version: version.version, label: version.label, rfc: version.isRFC, subjects: version.subjects,
                    weeks: version.weeks.map(\.id), superseded: version.superseded, link: version.link.rawValue)
            },
            participants: series.participants.map { people[$0].id })
    }

    static func write(_ item: Item, to json: inout JSONWriter) {
        json.object { json in
            json.field("author", item.author)
            json.field("id", item.id)
            json.field("participants", item.participants)
            json.field("pull", item.pull)
            json.field("title", item.title)
            json.field("url", item.url)
            json.key("versions")
            json.array(item.versions) { json, version in
                json.object { json in
                    json.field("label", version.label)
                    json.field("link", version.link)
                    json.field("rfc", version.rfc)
                    json.field("subjects", version.subjects)
                    json.field("superseded", version.superseded)
                    json.field("version", version.version)
                    json.field("weeks", version.weeks)
                }
            }
        }
    }
}

/// `data/people.json`: everyone, merged across addresses (schema in README.md).
struct PeopleJSON: KeyedDataFile {
    struct Item: Encodable {
        let id: String
        let url: String
        let name: String
        let addresses: [String]
        let messages: Int
        let bot: Bool
        let firstWeek: String?
        let lastWeek: String?
        let seriesStarted: [String]
        let threads: [String]
    }

    let site: SiteContext

    init(site: SiteContext) { self.site = site }

    var count: Int { site.index.people.people.count }

    func page(ofEntry index: Int) -> KeyedPage { .person(index) }

    func item(_ index: Int) -> Item {
        let series = site.index.series.series
        let person = site.index.people.people[index]
        let activity = site.index.activity[index]
        return Item(
            id: person.id, url: site.absoluteURL(SitePaths.person(person.id)), name: person.name,
            addresses: person.addresses, messages: activity?.messages ?? 0, bot: person.isBot,
            firstWeek: activity?.firstWeek.id, lastWeek: activity?.lastWeek.id,
            seriesStarted: (activity?.seriesStarted ?? []).map { series[$0].id },
            threads: (activity?.threads ?? []).map { series[$0.series].id })
    }

    static func write(_ item: Item, to json: inout JSONWriter) {
        json.object { json in
            json.field("addresses", item.addresses)
            json.field("bot", item.bot)
            json.field("firstWeek", item.firstWeek)
            json.field("id", item.id)
            json.field("lastWeek", item.lastWeek)
            json.field("messages", item.messages)
            json.field("name", item.name)
            json.field("seriesStarted", item.seriesStarted)
            json.field("threads", item.threads)
            json.field("url", item.url)
        }
    }
}

/// The one JSON style of the site: sorted keys, pretty, a final newline, so output is byte-stable.
enum SiteJSON {
    /// `sizeHint`: about how many bytes it will take, such as the size of the file it replaces.
    static func data(_ value: some JSONDataFile, sizeHint: Int? = nil) -> [UInt8] {
        var json = JSONWriter(pretty: true, capacity: capacity(for: sizeHint))
        value.write(to: &json)
        return json.finished()
    }

    /// A keyed data file, each entry copied from `previous` when it holds the entry's key (see
    /// `KeyedDataFile`): written straight into `folder` as it is rendered when given (see
    /// `StreamedFile`), else kept in memory. With the record
    /// of its entries and how many were copied.
    static func write<File: EntryCopyingDataFile>(
        _ value: File, as path: String, streamingInto folder: String?, keys: PageKeys,
        previous: PreviousEntries, sizeHint: Int?
    ) throws -> (file: OutputFile, entries: DataEntries.File, copied: Int) {
        let verify = PageKeys.verifying
        guard let folder else {
            var json = JSONWriter(pretty: File.pretty, capacity: capacity(for: sizeHint))
            let (entries, copied) = try value.write(
                to: &json, path: path, keys: keys, previous: previous, verify: verify)
            let bytes = json.finished()
            var hasher = StableHasher()
            hasher.combine(bytes: bytes)
            let digest = hasher.hex
            return (
                OutputFile(path: path, bytes: bytes, fingerprint: digest),
                DataEntries.File(path: path, fingerprint: digest, entries: entries), copied
            )
        }
        let file = try StreamedFile(in: folder, for: path)
        var json = JSONWriter(pretty: File.pretty, streamingTo: file)
        let (entries, copied) = try value.write(to: &json, path: path, keys: keys, previous: previous, verify: verify)
        let digest = try json.finishFile()
        return (
            OutputFile(path: path, temporary: file.temporaryPath, fingerprint: digest),
            DataEntries.File(path: path, fingerprint: digest, entries: entries), copied
        )
    }

    /// Room for the hinted size and an eighth more, so that a file that grew a little since is
    /// written without the buffer growing: each growth copied megabytes into fresh memory.
    static func capacity(for sizeHint: Int?) -> Int {
        sizeHint.map { $0 + $0 / 8 } ?? 1 << 16
    }

    /// What `JSONEncoder` makes of `value` with the same settings: the reference for tests.
    static func encoded(_ value: some Encodable, pretty: Bool = true) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        return [UInt8](try encoder.encode(value)) + [0x0A]
    }
}
