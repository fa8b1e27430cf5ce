/// RFC 9110's `token`: what header names and methods are made of.
public enum HTTPToken {
    /// Whether `character` may appear in a token (`tchar`).
    public static func isTokenCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "!#$%&'*+-.^_`|~".contains(character))
    }

    /// Whether `text` is a non-empty token.
    public static func isToken(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy(isTokenCharacter)
    }
}
