import Testing

@testable import ListDigestCore

@Suite struct PullCategoryTests {
    /// A category names pull requests when it holds `PULL` in any case: read in place for ASCII
    /// names, as upper-casing them finds it, and through upper-casing for any other name.
    @Test(arguments: [
        "Pull Requests", "PULL", "pull", "pUlL request", "Git Pulls", "Bug Reports", "PUL", "", "Other",
        "Pull ü", "Ｐｕｌｌ", "pul\u{0301}l", "PULL\u{0301}",
    ])
    func pullIsFoundAsUpperCasingFindsIt(category: String) {
        #expect(SeriesLinker.namesPull(category) == (category.uppercased()[...].firstRange(ofASCII: "PULL") != nil))
    }

    @Test func namesThatHoldPullInAnyCase() {
        #expect(SeriesLinker.namesPull("Pull Requests") && SeriesLinker.namesPull("git pull"))
        #expect(!SeriesLinker.namesPull("Bug Reports") && !SeriesLinker.namesPull("PUL"))
    }
}
