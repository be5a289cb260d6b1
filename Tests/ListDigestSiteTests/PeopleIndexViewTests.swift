import Foundation
import Testing

@testable import ListDigestSite

@Suite struct PeopleIndexViewTests {
    /// What the people index files a name under: its first character folded by Foundation
    /// (case and accents), A–Z or `#`. The ASCII shortcut must file every name the same.
    private static func foldedLetter(of name: String) -> String {
        guard let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).first,
            first.isASCII, first.isLetter
        else { return "#" }
        return first.uppercased()
    }

    @Test(arguments: [
        "alice", "Bob Builder", "zoë", "Émile Zola", "e\u{301}clair", "Łukasz", "Ørjan", "ßtrasse", "ﬁnn",
        "123 robot", "'quoted'", "_underscore", "-dash", "Ωmega", "李雷", "", " leading space", "\u{1F600} smile",
        "a\u{308}bc", "Z\u{327}",
    ])
    func namesAreFiledUnderTheLetterFoldingGives(name: String) {
        #expect(PeopleIndexView.letter(of: name) == Self.foldedLetter(of: name))
    }
}
