import Foundation
import Testing

@testable import ListDigestSite

@Suite struct PercentEncodingTests {
    /// What the lore search link was built with before: Foundation's character sets.
    private func foundationLoreSearch(list: String, title: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&+=?#\"'")
        let query = "s:\"\(title.replacingOccurrences(of: "\"", with: " "))\""
        let listPath = list.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? list
        return "https://lore.kernel.org/\(listPath)/?q="
            + (query.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    @Test func loreSearchEncodesAsFoundationDoes() {
        let titles = [
            "KVM: arm64: Rework timer offsets",
            "KVM/arm64 fixes for 6.19, take #10",
            "x86/kvm: a=b & c+d? \"quoted\" it's 100% [done]",
            "arm64: 支持 LS64 指令 🚀 (ß, é, ﬁ)",
            "tabs\tand\nnewlines; semi:colons @ ~tilde_ (parens) *star* $dollar !bang",
            "<script>alert(1)</script> `back` {braces} |pipe| \\slash ^caret",
        ]
        for title in titles {
            for list in ["kvmarm", "linux arm-kernel", "kvm+x86/ü"] {
                #expect(
                    SeriesPageView.loreSearch(list: list, title: title)
                        == foundationLoreSearch(list: list, title: title), "\(list) \(title)")
            }
        }
    }

    @Test func everyByteOutsideTheSetIsEncodedInUpperCaseHex() {
        let bytes = (0...255).map(UInt8.init)
        let encoded = PercentEncoding.encode(bytes, allowing: PercentEncoding.queryValue)
        #expect(encoded.hasPrefix("%00%01%02"))
        #expect(encoded.contains("%22%23$%25%26%27()*%2B,-./0123456789:;%3C%3D%3E%3F@ABC"))
        #expect(encoded.contains("xyz%7B%7C%7D~%7F%80%81"))
        #expect(encoded.hasSuffix("%FE%FF"))
    }
}
