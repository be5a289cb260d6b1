import CListDigestSupport
import Foundation
import ListDigestCore

/// What a folder holds, listed in one pass.
enum FolderTree {
    /// Every file (or link) and every folder below `root`, relative to it, a folder before what
    /// it holds (`ld_list_tree`: the kind comes with each name, so nothing is stat'ed, and each
    /// folder is opened relative to its parent). Not `recursive`: only what `root` itself holds.
    /// Nil when a folder cannot be read.
    static func list(_ root: String, recursive: Bool = true) -> (files: [String], folders: [String])? {
        var listing: UnsafeMutablePointer<CChar>?
        let length = ld_list_tree(root, recursive ? 1 : 0, &listing)
        guard length >= 0 else { return nil }
        defer { free(listing) }
        var files: [String] = []
        var folders: [String] = []
        guard let listing else { return (files, folders) }
        let bytes = UnsafeRawBufferPointer(start: listing, count: length)
        // Each entry is its kind's letter and its path, ended by a zero byte.
        for entry in bytes.records(separatedBy: 0) where !entry.isEmpty {
            let path = String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[(entry.lowerBound + 1)..<entry.upperBound]),
                as: UTF8.self)
            if bytes[entry.lowerBound] == UInt8(ascii: "d") { folders.append(path) } else { files.append(path) }
        }
        return (files, folders)
    }
}
