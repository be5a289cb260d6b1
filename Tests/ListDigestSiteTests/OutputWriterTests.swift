import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

@Suite struct OutputWriterTests {
    @Test func replacesAPreviousBuildWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "old.html", text: "old")], staticDirectory: nil)
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "a/new.html", text: "new")], staticDirectory: nil)
        #expect(!FileManager.default.fileExists(atPath: output + "/old.html"))
        #expect(try String(contentsOfFile: output + "/a/new.html", encoding: .utf8) == "new")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".") && $0 != ".public.lock"
        }
        #expect(leftovers.isEmpty)
    }

    @Test func refusesAFolderItDidNotBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("precious/notes.txt", "keep me")
        #expect(throws: SiteBuildError.self) {
            try OutputWriter.replace(
                output: folder.path + "/precious", files: [OutputFile(path: "x.html", text: "x")], staticDirectory: nil)
        }
        #expect(try String(contentsOfFile: folder.path + "/precious/notes.txt", encoding: .utf8) == "keep me")
    }

    @Test func aFailedWriteLeavesThePreviousSiteUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "index.html", text: "v1")], staticDirectory: nil)
        for bad in ["../escape.html", "/etc/x", "a//b", "a/./b"] {
            #expect(throws: SiteBuildError.self) {
                try OutputWriter.replace(
                    output: output,
                    files: [OutputFile(path: "index.html", text: "v2"), OutputFile(path: bad, text: "x")],
                    staticDirectory: nil)
            }
        }
        #expect(throws: SiteBuildError.self) {
            try OutputWriter.replace(
                output: output, files: [OutputFile(path: "A.html", text: "1"), OutputFile(path: "a.html", text: "2")],
                staticDirectory: nil)
        }
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "v1")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/escape.html"))
    }

    @Test func templateErrorsNameTheTemplateAndLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in TemplateSet.requiredTemplates { try folder.write("\(name).mustache", "<p>{{title}}</p>\n") }
        try folder.write("week.mustache", "<p>\n{{#open}}\n<p>{{/close}}\n")
        do {
            _ = try await TemplateSet(directory: folder.path)
            Issue.record("a broken template must not load")
        } catch {
            #expect(error.description.hasPrefix("\(folder.path)/week.mustache:3: error: template error"))
        }
    }
}
