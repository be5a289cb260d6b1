/// What a build works out from one report for its pages, kept with the report's parse
/// (`ParsedFile.rendered`) so that a rebuild works it out only for the reports it parses anew:
/// each thread's summary as HTML and the first sentence of it, each thread's anchor on the
/// week page, and the week's figures. Working these out for every week again (the figures
/// count every message's sender, a series' sentence reads its cover's whole summary) was a
/// noticeable part of an added week.
public struct RenderedReport: Sendable {
    /// By thread. The first sentences, as the summaries, stay bytes of the cache until read:
    /// a rebuild reads those of the few series it renders again.
    public let summaries: [StoredText]
    public let firstSentences: [StoredText]
    public let anchors: [String]
    public let figures: WeekFigures

    public init(summaries: [StoredText], firstSentences: [StoredText], anchors: [String], figures: WeekFigures) {
        self.summaries = summaries
        self.firstSentences = firstSentences
        self.anchors = anchors
        self.figures = figures
    }

    /// Whether it was worked out for a report with `threads` threads.
    public func fits(threads: Int) -> Bool {
        summaries.count == threads && firstSentences.count == threads && anchors.count == threads
    }

    func encode(into writer: inout ByteWriter) {
        writer.write(summaries.count)
        for html in summaries { writer.write(html.text) }
        writer.write(firstSentences.count)
        for sentence in firstSentences { writer.write(sentence.text) }
        writer.write(anchors.count)
        for anchor in anchors { writer.write(anchor) }
        for number in [
            figures.threads, figures.listedMessages, figures.messagesSentInWeek, figures.participants,
            figures.largeThreads, figures.categories.count,
        ] {
            writer.write(number)
        }
        for category in figures.categories {
            writer.write(category.name)
            writer.write(category.threads)
            writer.write(category.messages)
        }
    }

    /// The summaries and their first sentences are left as bytes of the cache: a rebuild reads
    /// few of them (see `StoredText`).
    static func decode(from reader: inout ByteReader) throws(ByteReader.Malformed) -> RenderedReport {
        let summaries = try reader.list { reader throws(ByteReader.Malformed) in try reader.storedText() }
        let firstSentences = try reader.list { reader throws(ByteReader.Malformed) in try reader.storedText() }
        let anchors = try reader.strings()
        let (threads, listed, sentInWeek, participants, large) = (
            try reader.int(), try reader.int(), try reader.int(), try reader.int(), try reader.int()
        )
        var categories: [CategoryFigure] = []
        for _ in 0..<(try reader.count()) {
            categories.append(
                CategoryFigure(name: try reader.string(), threads: try reader.int(), messages: try reader.int()))
        }
        return RenderedReport(
            summaries: summaries, firstSentences: firstSentences, anchors: anchors,
            figures: WeekFigures(
                threads: threads, listedMessages: listed, messagesSentInWeek: sentInWeek, participants: participants,
                largeThreads: large, categories: categories))
    }
}
