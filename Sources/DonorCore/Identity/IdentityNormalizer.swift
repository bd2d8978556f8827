/// Cleans up what a person or an input method typed before the number is checked.
///
/// People copy numbers with spaces or hyphens in groups, Chinese input methods in full-width
/// mode produce `１２３` and `Ｘ`, and many type the check character as a lower-case `x`.
/// None of these is a mistake in the number itself, so they are folded away instead of
/// rejected; anything else is left as typed so the parser can name it.
public enum IdentityNormalizer {
    /// Normalises a resident ID or residence permit number: removes spaces (ASCII, full-width
    /// U+3000, tabs, and the CR/LF a keyboard-wedge scanner sends) and hyphens, maps full-width
    /// digits to ASCII digits and `x`, `ｘ`, `Ｘ` to `X`.
    public static func normalize(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if isSeparator(scalar) { continue }
            scalars.append(fold(scalar))
        }
        return String(scalars)
    }

    /// Normalises a passport or other document number: the same clean-up as `normalize(_:)`,
    /// plus full-width Latin letters to ASCII and every letter to upper case, because passport
    /// numbers are printed in capitals and case carries no meaning in them.
    public static func normalizeDocumentNumber(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in normalize(raw).unicodeScalars {
            var folded = scalar
            // Full-width Ａ–Ｚ and ａ–ｚ sit at a fixed offset from ASCII.
            if (0xFF21...0xFF3A).contains(scalar.value) || (0xFF41...0xFF5A).contains(scalar.value),
               let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                folded = ascii
            }
            if (0x61...0x7A).contains(folded.value), let upper = Unicode.Scalar(folded.value - 0x20) {
                folded = upper
            }
            scalars.append(folded)
        }
        return String(scalars)
    }

    /// Characters that only group digits for reading and never belong to a number.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\u{3000}", "\t", "\r", "\n",
             "-", "\u{2010}", "\u{2011}", "\u{FF0D}":
            return true
        default:
            return false
        }
    }

    /// Full-width digits and every form of the check character `X` to their ASCII form.
    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF10...0xFF19:
            return Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
        case 0x78, 0xFF38, 0xFF58: // x, Ｘ, ｘ
            return "X"
        default:
            return scalar
        }
    }
}
