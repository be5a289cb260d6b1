import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// The data files are written by `JSONWriter`; `JSONEncoder`, with the same settings, is the
/// reference their bytes must equal.
@Suite struct DataFileTests {
    /// Every data file of a site, written both ways.
    func expectWriterMatchesEncoder(_ site: SiteContext) throws {
        let files: [(String, [UInt8], [UInt8])] = [
            ("weeks.json", SiteJSON.data(WeeksJSON(site: site)), try SiteJSON.encoded(WeeksJSON(site: site))),
            ("series.json", SiteJSON.data(SeriesJSON(site: site)), try SiteJSON.encoded(SeriesJSON(site: site))),
            ("people.json", SiteJSON.data(PeopleJSON(site: site)), try SiteJSON.encoded(PeopleJSON(site: site))),
            ("trends.json", SiteJSON.data(TrendsJSON(site.trends)), try SiteJSON.encoded(TrendsJSON(site.trends))),
            (
                "search.json", SearchIndex(site: site).data(),
                try SiteJSON.encoded(SearchIndex(site: site), pretty: false)
            ),
        ]
        for (name, written, encoded) in files {
            #expect(written.count > 10, "\(name)")
            #expect(written == encoded, "\(name) differs at byte \(firstDifference(written, encoded))")
        }
        // Written into a folder as they are rendered, as a build writes them, the same bytes.
        for (name, file) in [
            ("weeks.json", WeeksJSON(site: site) as any KeyedDataFile), ("series.json", SeriesJSON(site: site)),
            ("people.json", PeopleJSON(site: site)),
        ] {
            let streamed = try streamed(file, as: "data/" + name)
            #expect(streamed == files.first { $0.0 == name }!.1, "\(name) streamed")
        }
    }

    /// `file` as a build writes it: straight into a folder, then read back. Its fingerprint is the
    /// digest of its bytes, and nothing else is left in the folder.
    func streamed(_ file: any KeyedDataFile, as path: String) throws -> [UInt8] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = try SiteJSON.write(
            file, as: path, streamingInto: folder.path, keys: .none, previous: .none, sizeHint: nil
        ).file
        let temporary = try #require(output.temporaryPath)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: temporary)))
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        #expect(output.fingerprint == hasher.shortHex && output.path == path)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == [
                (temporary as NSString).lastPathComponent
            ])
        return bytes
    }

    func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).enumerated().first { $1.0 != $1.1 }?.offset ?? min(a.count, b.count)
    }

    func site(_ reports: [WeeklyReport]) -> SiteContext {
        SiteContext(
            config: SiteConfig(title: "T", baseURL: "https://example.org/sub/", list: "kvmarm"),
            index: ArchiveIndex(reports: reports), summaries: reports.map { $0.threads.map { _ in "" } })
    }

    @Test(.enabled(if: Corpus.isPresent)) func corpusDataFilesMatchJSONEncoder() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        try expectWriterMatchesEncoder(site(archive.reports))
        // Large enough to be written in several pieces.
        #expect(try streamed(WeeksJSON(site: site(archive.reports)), as: "data/weeks.json").count > 2 << 17)
    }

    /// Quotes, backslashes, slashes, tabs, Chinese and emoji in titles and names (the reader
    /// removes other control characters);
    /// a week without declared counts (absent keys); people with no series (empty lists).
    @Test func awkwardTextMatchesJSONEncoder() throws {
        let title = "[PATCH v3 1/2] KVM: \"q\" back\\slash a/b \u{01}\u{1F}\u{7F} tab\there 中文 😀 \u{2028}"
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                title: title,
                messages: """
                    1. **[08-04 10:00]** \(title)
                       - 发件人: "Ev\\"il / \u{08}\u{0C}名字" <evil@example.org>
                    2. **[08-05 11:00]** Re: \(title)
                       - 发件人: Marc Zyngier <maz@kernel.org>
                    """)
        ])
        let parsed = ReportFixtures.parse(text)
        let report = try #require(parsed.report)
        #expect(report.declaredEmails == nil)
        try #require(report.threads.count == 1)
        #expect(report.threads[0].subjectLine.contains("\t") && report.threads[0].subjectLine.contains("\\"))
        try expectWriterMatchesEncoder(site([report]))
    }

    /// Numbers of every length and sign, and containers nested deeper than the writer's line of
    /// spaces, written as JSONEncoder writes them.
    @Test func numbersAndDeepNestingMatchJSONEncoder() throws {
        struct Deep: JSONDataFile {
            let depth: Int
            let numbers: [Int]

            func encode(to encoder: any Encoder) throws {
                var container = encoder.unkeyedContainer()
                if depth == 0 {
                    try container.encode(contentsOf: numbers)
                } else {
                    try container.encode(Deep(depth: depth - 1, numbers: numbers))
                }
            }

            func write(to json: inout JSONWriter) {
                json.array { json in
                    if depth == 0 {
                        for number in numbers { json.int(number) }
                    } else {
                        Deep(depth: depth - 1, numbers: numbers).write(to: &json)
                    }
                }
            }
        }
        var numbers = [0, 7, 9, 10, 99, 100, -1, -10, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        while power <= Int.max / 10 {
            power *= 10
            numbers += [power - 1, power, power + 1, -power]
        }
        for depth in [0, 3, 31, 32, 33, 45] {
            let deep = Deep(depth: depth, numbers: numbers)
            #expect(SiteJSON.data(deep) == (try SiteJSON.encoded(deep)))
        }
    }

    @Test func emptyAndNestedContainersMatchJSONEncoder() throws {
        struct Sample: JSONDataFile {
            let empty: [Int]
            let escapes: String
            let nested: [[String]]
            let flag: Bool
            let number: Int

            func write(to json: inout JSONWriter) {
                json.object { json in
                    json.field("empty", empty)
                    json.field("escapes", escapes)
                    json.field("flag", flag)
                    json.key("nested")
                    json.array(nested) { $0.array($1) }
                    json.field("number", number)
                }
            }
        }
        let escapes = "\"\\/\u{00}\u{01}\u{08}\u{0C}\n\r\t\u{1F}\u{7F}é\u{2028}😀 end"
        let sample = Sample(empty: [], escapes: escapes, nested: [[], ["a"], []], flag: false, number: -42)
        #expect(SiteJSON.data(sample) == (try SiteJSON.encoded(sample)))
        var compact = JSONWriter(pretty: false)
        sample.write(to: &compact)
        #expect(compact.finished() == (try SiteJSON.encoded(sample, pretty: false)))
        #expect(
            String(decoding: SiteJSON.data(sample), as: UTF8.self)
                == "{\n  \"empty\" : [\n\n  ],\n  \"escapes\" : \"\\\"\\\\/\\u0000\\u0001\\b\\f\\n\\r\\t\\u001f\u{7F}é\u{2028}😀 end\",\n  \"flag\" : false,\n  \"nested\" : [\n    [\n\n    ],\n    [\n      \"a\"\n    ],\n    [\n\n    ]\n  ],\n  \"number\" : -42\n}\n"
        )
    }

    /// The record of the data files' entries reads back as written, and only as written: by the
    /// same program, whole.
    @Test func theRecordOfDataEntriesIsReadOnlyWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files = [
            DataEntries.File(
                path: "data/weeks.json", fingerprint: "0123abcd",
                entries: [.init(key: 7, range: 2..<90), .init(key: UInt64.max, range: 92..<100)]),
            DataEntries.File(path: "data/people.json", fingerprint: "ff", entries: [.init(key: 1, range: 4..<5)]),
        ]
        let record = DataEntries.file(files, program: "listdigest test")
        var bytes: [UInt8] = []
        record.withBytes { bytes = Array($0) }
        try folder.write(DataEntries.fileName, Data(bytes))
        let read = DataEntries(in: folder.path, program: "listdigest test")
        #expect(read.files.count == 2)
        for file in files {
            #expect(
                read.files[file.path]?.entries == file.entries && read.files[file.path]?.fingerprint == file.fingerprint
            )
        }
        #expect(DataEntries(in: folder.path, program: "another program").files.isEmpty)
        for damaged in [Array(bytes.dropLast()), bytes.enumerated().map { $0 == bytes.count / 2 ? $1 ^ 1 : $1 }] {
            try folder.write(DataEntries.fileName, Data(damaged))
            #expect(DataEntries(in: folder.path, program: "listdigest test").files.isEmpty)
        }
    }

    /// An entry's line is its hex key, start and length, and nothing else.
    @Test func anEntryLineIsThreeNumbers() {
        func entry(_ line: String) -> DataEntries.Entry? { DataEntries.entry(Array(line.utf8)[...]) }
        #expect(entry("ffffffffffffffff\t0\t12") == DataEntries.Entry(key: .max, range: 0..<12))
        #expect(entry("7\t123456\t1") == DataEntries.Entry(key: 7, range: 123_456..<123_457))
        for malformed in [
            "", "7", "7\t1", "7\t1\t", "\t1\t2", "7\t\t2", "7\t1\t2\t3", "G\t1\t2", "A\t1\t2", "7\ta\t2", "7\t-1\t2",
            "7\t+1\t2", "7 \t1\t2", "1ffffffffffffffff\t1\t2", "7\t1\t1234567890123456789",
        ] {
            #expect(entry(malformed) == nil, "\(malformed)")
        }
    }
}
