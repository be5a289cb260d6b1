import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// What names "the same program" to the caches: a copy of the same executable, installed again
/// with a new date (as a CI job that installs it on every run does), must still find them.
@Suite struct ProgramIdentityTests {
    /// The build ID the linker wrote into the running executable, as binutils reads it.
    static func buildIDFromReadelf() throws -> String? {
        // Resolved here: in readelf's own process, /proc/self/exe would be readelf.
        let text = try Readelf.output(["-n", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path])
        return text.split(separator: "\n").first { $0.contains("Build ID:") }?.split(separator: " ").last.map(
            String.init)
    }

    @Test(.enabled(if: Readelf.isPresent))
    func theProgramIsNamedByItsBuildIDNotItsFileDate() throws {
        let expected = try #require(try Self.buildIDFromReadelf(), "the test executable has a build ID")
        #expect(expected.count >= 16)
        #expect(BuildInputs.program.hasSuffix(" build " + expected), "\(BuildInputs.program)")
    }
}
