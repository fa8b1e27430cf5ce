/// Fuzz target: the incremental UTF-8 validator against Swift's own
/// decoding.
///
/// Properties: the verdict on the whole input equals whether Swift's
/// `String(validating:as:)` accepts it; the verdict is the same when the
/// input is fed in two pieces split at any point; and once a prefix is
/// reported invalid, the whole input is invalid.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUTF8Validator(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    let verdict = UTF8Validator.isValid(input)
    let swiftVerdict = String(validating: input, as: UTF8.self) != nil
    fuzzCheck(verdict == swiftVerdict, "validator says \(verdict), Swift says \(swiftVerdict)")
    for split in input.indices.dropFirst() {
        var validator = UTF8Validator()
        let prefixValid = validator.feed(input[..<split])
        let restValid = validator.feed(input[split...])
        fuzzCheck(
            (prefixValid && restValid && validator.isComplete) == verdict,
            "split at \(split) changed the verdict"
        )
        if !prefixValid {
            fuzzCheck(!verdict, "a prefix failed but the whole passed")
        }
    }
    return 0
}
