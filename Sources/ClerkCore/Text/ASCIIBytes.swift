// ASCII byte classes for the stages that scan UTF-8 bytes (non-ASCII bytes are never in them;
// see UTF8Scalars for letters beyond ASCII).

func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
func isUppercaseASCII(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
func isLowercaseASCII(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
func isLetterASCII(_ byte: UInt8) -> Bool { isUppercaseASCII(byte) || isLowercaseASCII(byte) }
func isLetterOrDigitASCII(_ byte: UInt8) -> Bool { isLetterASCII(byte) || isDigit(byte) }
/// The byte with an ASCII capital lowercased; every other byte as it is.
@inline(__always)
func lowercasedASCII(_ byte: UInt8) -> UInt8 { isUppercaseASCII(byte) ? byte | 0x20 : byte }
/// A space, a tab or a line end.
func isBlankByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
