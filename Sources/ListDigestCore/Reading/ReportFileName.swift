/// `<list>_<ISO year>_week<WW>.md`, e.g. `kvmarm_2025_week32.md`.
public struct ReportFileName: Sendable, Hashable {
    public let listName: String
    public let week: ISOWeek

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notAReportName
        case noSuchWeek(year: Int, week: Int)

        public var description: String {
            switch self {
            case .notAReportName: "file name is not <list>_<year>_week<WW>.md"
            case .noSuchWeek(let year, let week): "ISO year \(year) has no week \(week)"
            }
        }
    }

    public init(listName: String, week: ISOWeek) {
        self.listName = listName
        self.week = week
    }

    public static func parse(_ fileName: String) -> Result<ReportFileName, Problem> {
        guard fileName.hasSuffix(".md") else { return .failure(.notAReportName) }
        let parts = fileName.dropLast(3).split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count >= 3, let weekPart = parts.last, weekPart.hasPrefix("week"),
            let year = Int(parts[parts.count - 2]), parts[parts.count - 2].count == 4,
            let number = Int(weekPart.dropFirst(4)), weekPart.count <= 6
        else { return .failure(.notAReportName) }
        let list = parts.dropLast(2).joined(separator: "_")
        guard !list.isEmpty else { return .failure(.notAReportName) }
        guard let week = ISOWeek(year: year, week: number) else {
            return .failure(.noSuchWeek(year: year, week: number))
        }
        return .success(ReportFileName(listName: list, week: week))
    }

    /// The canonical name for a week: `kvmarm_2025_week07.md`.
    public var fileName: String { "\(listName)_\(pad(week.year, 4))_week\(pad(week.week, 2)).md" }
}
