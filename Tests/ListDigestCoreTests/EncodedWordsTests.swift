import Testing

@testable import ListDigestCore

/// Sender names the reports copy in MIME encoded-words (RFC 2047), as in the corpus.
@Suite struct EncodedWordsTests {
    @Test(arguments: [
        ("Daniel =?utf-8?B?UC4gQmVycmFuZ8Op?=", "Daniel P. Berrangé"),
        ("=?UTF-8?B?572X5YuH5YiaKFlvbmdnYW5nIEx1byk=?=", "罗勇刚(Yonggang Luo)"),
        ("=?UTF-8?Q?Philippe_Mathieu-Daud=C3=A9?=", "Philippe Mathieu-Daudé"),
        ("=?utf-8?Q?Miko=C5=82aj?= Lenczewski", "Mikołaj Lenczewski"),
        ("=?ISO-8859-1?Q?Andr=E9?= =?ISO-8859-1?Q?_Almeida?=", "André Almeida"),
        ("=?utf-8?q?a?=  \t=?utf-8?q?b?=", "ab"),
        ("Plain Name", "Plain Name"),
        ("=?unknown-charset?Q?x?= stays", "=?unknown-charset?Q?x?= stays"),
        ("=?utf-8?B?not base64!?=", "=?utf-8?B?not base64!?="),
        ("broken =? half", "broken =? half"),
        ("=?utf-8?Q?=+F=-0?=", "=?utf-8?Q?=+F=-0?="),
        ("=?utf-8?Q?A=00=0A=C2=85B?=", "AB"),
    ])
    func decodes(encoded: String, decoded: String) {
        #expect(EncodedWords.decode(encoded) == decoded)
    }

    @Test func aLongHostileNameIsLeftAlone() {
        let hostile = String(repeating: "=?a?b?c", count: 20_000)
        #expect(EncodedWords.decode(hostile) == hostile)
    }

    @Test func aSenderNameIsDecodedAndItsAddressKept() throws {
        let sender = try #require(Sender(parsing: "=?UTF-8?Q?Philippe_Mathieu-Daud=C3=A9?= <philmd@linaro.org>"))
        #expect(sender.name == "Philippe Mathieu-Daudé")
        #expect(sender.address == "philmd@linaro.org")
    }
}
