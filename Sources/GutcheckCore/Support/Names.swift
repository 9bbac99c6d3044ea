import Foundation

/// How names from exports are compared with plan names (SPEC §8.5): trimmed, NFC-normalised.
public enum Names {
    public static func normalized(_ text: some StringProtocol) -> String {
        String(text).trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
    }
}
