import Foundation
import ListDigestCore

/// Output for people: diagnostics and errors on stderr, a progress line only on a terminal.
package enum Terminal {
    package static let isInteractive = isatty(STDERR_FILENO) == 1

    package static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    package static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { error(diagnostic.description) }
    }

    /// Rewrites one status line in place; nothing when stderr is not a terminal.
    package static func status(_ text: String) {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
    }

    package static func clearStatus() {
        guard isInteractive else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
