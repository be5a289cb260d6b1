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
        // One character fewer at a time, trailing spaces dropped, "…" added: measured from the
        // ems of each prefix, summed once in the order `width` sums them, so every candidate's
        // width is the one `width` gives it (measuring each candidate anew was quadratic, and a
        // long series title took a hundred thousand instructions).
        let characters = Array(text)
        var emsBefore = [0.0]
        emsBefore.reserveCapacity(characters.count + 1)
        var ems = 0.0
        for character in characters {
            for scalar in character.unicodeScalars { ems += em(scalar) }
            emsBefore.append(ems)
        }
        var kept = characters.count
        while kept > 0 {
            kept -= 1
            var end = kept
            while end > 0 && characters[end - 1] == " " { end -= 1 }
            if (emsBefore[end] + em("…")) * fontSize <= maxWidth { return String(characters[..<end]) + "…" }
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
