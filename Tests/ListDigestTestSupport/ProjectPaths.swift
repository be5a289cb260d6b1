import Foundation

/// Folders of this repository and its neighbours, for tests.
public enum ProjectPaths {
    /// The package root (the folder holding Package.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    public static let templates = root.appendingPathComponent("Templates").path
    public static let exampleSite = root.appendingPathComponent("Site").path
}

/// The 40 real weeks in ../shared/corpus/kvm-ai-robot, when that folder is there.
public enum Corpus {
    public static let folder = ProjectPaths.root.deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/kvm-ai-robot").path

    public static var isPresent: Bool { FileManager.default.fileExists(atPath: folder) }
}
