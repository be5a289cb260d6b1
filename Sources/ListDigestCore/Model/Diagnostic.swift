/// A problem found in an input file, reported as `file:line: severity: message`.
///
/// The library never prints: it returns diagnostics as values and the
/// command-line layer decides how to show them.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public let severity: Severity
    public let file: String
    /// 1-based; 0 when the problem concerns the whole file.
    public let line: Int
    public let message: String

    public init(_ severity: Severity, file: String, line: Int, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public static func error(_ file: String, _ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(.error, file: file, line: line, message)
    }

    public static func warning(_ file: String, _ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(.warning, file: file, line: line, message)
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line)" : file
        return "\(location): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
}
