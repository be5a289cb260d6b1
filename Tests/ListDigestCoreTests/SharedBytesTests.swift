import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite struct SharedBytesTests {
    func bytes(_ shared: SharedBytes?) -> [UInt8]? { shared.map { Array($0.buffer) } }

    @Test func aMappedFileHasItsBytesAndWhatCannotBeMappedIsNil() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Past a few pages, with every byte value, and empty.
        let contents = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 9) }
        try folder.write("big", Data(contents))
        try folder.write("empty", Data())
        #expect(bytes(SharedBytes.mapping(folder.path + "/big")) == contents)
        #expect(bytes(SharedBytes.mapping(folder.path + "/empty")) == [])
        #expect(SharedBytes.mapping(folder.path + "/missing") == nil)
        #expect(SharedBytes.mapping(folder.path) == nil, "a folder")
    }

    /// Slices keep the mapping alive after everything else let it go; a file replaced by
    /// renaming (as the cache is written) leaves the mapped bytes as they were.
    @Test func slicesOutliveTheMappingsOwnerAndARenamedReplacement() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let contents = Array("0123456789abcdef".utf8)
        try folder.write("file", Data(contents))
        var slice: ByteSlice?
        do {
            let mapped = try #require(SharedBytes.mapping(folder.path + "/file"))
            slice = ByteSlice(mapped, 4..<10)
        }
        try folder.write("new", Data(repeating: 0x21, count: 16))
        #expect(rename(folder.path + "/new", folder.path + "/file") == 0)
        #expect(try #require(slice).withUnsafeBytes { Array($0) } == Array("456789".utf8))
        var reader = ByteReader(try #require(slice))
        #expect(try reader.byte() == UInt8(ascii: "4"))
        #expect(try reader.bytes(3).elementsEqual(Array("567".utf8)))
        #expect(reader.bytes(from: 4).withUnsafeBytes { Array($0) } == Array("4567".utf8))
    }
}
