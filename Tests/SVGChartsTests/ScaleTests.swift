import Foundation
import Testing

@testable import SVGCharts

@Suite struct NiceScaleTests {
    @Test func maxSevenGivesStepsOfTwo() {
        #expect(NiceScale(maximum: 7, integerSteps: true).ticks == [0, 2, 4, 6, 8])
    }

    @Test func max310GivesHundreds() {
        #expect(NiceScale(maximum: 310, integerSteps: true).ticks == [0, 100, 200, 300, 400])
    }

    @Test(arguments: [0.003, 0.7, 1, 3, 9, 10, 99, 100, 101, 999, 12_345, 7e9])
    func ticksAreRoundAndCoverTheMaximum(maximum: Double) {
        let scale = NiceScale(maximum: maximum)
        #expect((3...6).contains(scale.ticks.count))
        #expect(scale.top >= maximum)
        #expect(scale.ticks.first == 0)
        var mantissa = scale.step
        while mantissa >= 10 { mantissa /= 10 }
        while mantissa < 1 { mantissa *= 10 }
        #expect([1.0, 2, 5].contains { abs($0 - mantissa) < 1e-9 })
    }

    @Test(arguments: [0.0, -5, .nan, .infinity])
    func emptyDataStillGivesAnAxis(maximum: Double) {
        for integral in [false, true] {
            let scale = NiceScale(maximum: maximum, integerSteps: integral)
            #expect(scale.top > 0 && scale.top.isFinite)
            #expect((3...6).contains(scale.ticks.count))
        }
    }

    @Test func integerStepsNeverFractional() {
        #expect(NiceScale(maximum: 1, integerSteps: true).ticks == [0, 1, 2])
        #expect(NiceScale(maximum: 3, integerSteps: true).ticks.allSatisfy { $0 == $0.rounded() })
    }
}

@Suite struct NumberFormatTests {
    @Test func fixedFormatting() {
        #expect(NumberFormat.plain(310) == "310")
        #expect(NumberFormat.plain(2.5) == "2.5")
        #expect(NumberFormat.plain(1.005) == "1.01" || NumberFormat.plain(1.005) == "1")
        #expect(NumberFormat.plain(0.1 + 0.2) == "0.3")
        #expect(NumberFormat.plain(-0.001) == "0")
        #expect(NumberFormat.plain(-0.0) == "0")
        #expect(NumberFormat.plain(-3.25) == "-3.25")
        #expect(NumberFormat.plain(0.05) == "0.05")
        #expect(NumberFormat.plain(.nan) == "0")
        #expect(NumberFormat.plain(1_234_567) == "1234567")
        #expect(NumberFormat.plain(-1e20) == "-9000000000000000")
        #expect(NumberFormat.plain(100.05) == "100.05")
        // Either side of the longest number written into a string's own storage.
        #expect(NumberFormat.plain(-99_999_999_999.99) == "-99999999999.99")
        #expect(NumberFormat.plain(99_999_999_999.995) == "100000000000")
        #expect(NumberFormat.plain(-100_000_000_000.25) == "-100000000000.25")
        #expect(NumberFormat.plain(123_456_789_012_345.5) == "123456789012345.5")
        #expect(NumberFormat.plain(-0.5) == "-0.5")
    }

    /// The same bytes as joining the pieces, the rule written out, for numbers of every size.
    @Test func digitsAreThoseOfTheRule() {
        func reference(_ value: Double) -> String {
            guard value.isFinite else { return "0" }
            let clamped = min(max(value, -9e15), 9e15)
            let cents = Int64((abs(clamped) * 100).rounded())
            if cents == 0 { return "0" }
            let sign = clamped < 0 ? "-" : ""
            let (whole, fraction) = (cents / 100, cents % 100)
            if fraction == 0 { return sign + String(whole) }
            if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
            return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
        }
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = Double(state >> 40) / Double(1 << 24) * pow(10, Double(state % 19) - 3)
            let value = state & 1 == 0 ? magnitude : -magnitude
            #expect(NumberFormat.plain(value) == reference(value), "\(value)")
            var appended = Array("x=".utf8)
            NumberFormat.appendPlain(value, to: &appended)
            #expect(appended == Array(("x=" + reference(value)).utf8), "\(value)")
        }
        for value in [0, -0.0, .nan, .infinity, -.infinity, -1e20, 1e20, 0.004, -0.005] {
            var appended: [UInt8] = []
            NumberFormat.appendPlain(value, to: &appended)
            #expect(appended == Array(reference(value).utf8), "\(value)")
        }
    }

    @Test func compactTickLabels() {
        #expect(NumberFormat.compact(8000) == "8000")
        #expect(NumberFormat.compact(20000) == "20k")
        #expect(NumberFormat.compact(2_500_000) == "2.5M")
    }
}
