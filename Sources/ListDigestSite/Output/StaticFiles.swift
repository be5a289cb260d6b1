import Foundation

/// The files of a site's static folder (`static` in the config), copied into the site as they are.
enum StaticFiles {
    /// Every regular file below `folder`, by its path relative to it; none when there is no folder.
    static func read(from folder: String) throws(SiteBuildError) -> [OutputFile] {
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let source = URL(fileURLWithPath: folder)
        guard
            let enumerator = FileManager.default.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        let basePath = source.standardizedFileURL.path
        var files: [OutputFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(basePath.count + 1))
            do {
                files.append(OutputFile(path: relative, contents: try Data(contentsOf: url)))
            } catch {
                throw SiteBuildError(
                    file: url.path, line: 0, message: "cannot read static file: \(OutputWriter.describe(error))")
            }
        }
        return files
    }
}
