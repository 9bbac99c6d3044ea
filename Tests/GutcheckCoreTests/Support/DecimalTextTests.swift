import Foundation
import Testing
@testable import GutcheckCore

/// The fast Decimal text paths (DecimalMath.swift) agree with Foundation's, digit for digit.
@Suite struct DecimalTextTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func plainDescriptionIsFoundationsDescription() {
        var rng = Generator(state: 7)
        var values: [Decimal] = [0, 1, -1, Decimal(string: "0.001")!, Decimal(string: "1e30")!, Decimal(string: "-12345.678")!,
                                 Decimal(1) / Decimal(3), Decimal(-2) / Decimal(3), Decimal(string: "340282366920938463463374607431768211455")!]
        for _ in 0..<5000 {
            let mantissa = Decimal(UInt64.random(in: 0...UInt64.max, using: &rng))
            let exponent = Int.random(in: -20...12, using: &rng)
            var d = Decimal(sign: Bool.random(using: &rng) ? .minus : .plus, exponent: exponent, significand: mantissa)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: d = d.cents
            case 1: d = d / Decimal(Int.random(in: 1...997, using: &rng))
            case 2: d = d * Decimal(string: "1.05")! + Decimal(string: "0.10")!
            default: break
            }
            values.append(d)
        }
        for d in values {
            #expect(d.plainDescription == d.description, "\(d.description)")
            let cents = d.cents
            #expect(d.centsDescription == (cents.isZero ? "0" : cents.description), "\(d.description)")
        }
        for text in ["0.005", "-0.005", "0.0049999", "1.995", "-2.675", "12.345678901234567890123456789"] {
            let d = Decimal(string: text)!
            #expect(d.centsDescription == (d.cents.isZero ? "0" : d.cents.description), "\(text)")
        }
        #expect(Decimal.nan.plainDescription == Decimal.nan.description)
    }

    @Test func fastParseIsFoundationsParse() {
        for text in ["0", "-0.50", "123.456000", "0.000001", "-999999999999.999999", "18446744073709551615", "007.10", "12345678901234.123456"] {
            #expect(Decimal.fastParse(text) == Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), "\(text)")
        }
        // Beyond 64 bits of mantissa, or not a plain number: Foundation's turn.
        #expect(Decimal.fastParse("18446744073709551616") == nil)
        #expect(Decimal.fastParse("1e5") == nil && Decimal.fastParse("nan") == nil)
        #expect(Decimal(exactly: 1234.5678, places: 2) == Decimal(string: "1234.57"))
        #expect(Decimal(exactly: -0.5, places: 6) == Decimal(string: "-0.5"))
    }
}

extension DecimalTextTests {
    /// The tally's billionths become Decimals exactly, below and beyond 64 bits.
    @Test func billionthsConvertExactly() {
        for n: Int128 in [0, 1, -1, 123_456_789_012, -999_999_999, Int128(UInt64.max), Int128(UInt64.max) + 1,
                          Int128(UInt64.max) * 1_000 + 7, -(Int128(UInt64.max) * 98_765)] {
            let expected = Decimal(sign: n < 0 ? .minus : .plus, exponent: -9, significand: Decimal(string: String(n.magnitude))!)
            #expect(Tally.decimal(n) == expected, "\(n)")
        }
    }
}
