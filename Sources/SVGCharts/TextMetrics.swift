/// Estimates how wide a label renders in a proportional sans-serif font, erring wide, so
/// layout can keep labels apart without a font engine. Widths are in ems (Helvetica/Arial-like).
public enum TextMetrics {
    /// Estimated advance width of `text` at `fontSize` user units.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars { ems += em(scalar) }
        return ems * fontSize
    }

    /// `text` shortened with "…" until it fits `maxWidth`; "" when not even "…" fits.
    public static func truncate(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            let candidate = String(characters).trimmingTrailingSpaces + "…"
            if width(candidate, fontSize: fontSize) <= maxWidth { return candidate }
        }
        return width("…", fontSize: fontSize) <= maxWidth ? "…" : ""
    }

    // Widths follow DejaVu Sans, the widest common fallback for `sans-serif` (Linux), so
    // narrower fonts (Helvetica, Segoe UI, Roboto) only add room.
    private static func em(_ scalar: Unicode.Scalar) -> Double {
        switch scalar {
        case "i", "j", "l", ".", ",", ":", ";", "'", "|", "!", "I", "/", "\\": return 0.34
        case " ", "f", "t", "r", "-", "(", ")", "[", "]", "{", "}", "J": return 0.42
        case "m", "w", "M", "W", "@", "%", "…": return 1.0
        case "<", ">", "=", "+", "~", "≤", "≥", "#", "&": return 0.84
        case "0"..."9", "a"..."z", "$", "?", "_", "\"", "*", "^", "–": return 0.64
        case "A"..."Z": return 0.76
        default:
            // Wide scripts (CJK, emoji) take a full em; other non-ASCII letters about 0.76.
            return scalar.value >= 0x2E80 ? 1.0 : 0.76
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
