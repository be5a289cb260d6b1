import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite struct FileBytesTests {
    @Test func aFileComesBackByteForByteAndWhatCannotBeReadIsNil() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Past a few pages, with every byte value, and empty.
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
        try folder.write("big", Data(bytes))
        try folder.write("empty", Data())
        #expect(FileBytes.contents(of: folder.path + "/big") == bytes)
        #expect(FileBytes.contents(of: folder.path + "/empty") == [])
        #expect(FileBytes.contents(of: folder.path + "/missing") == nil)
        #expect(FileBytes.contents(of: folder.path) == nil, "a folder")
    }
}
