import CNcurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `wcwidth` of single scalars, evaluated in a UTF-8 character-type locale
/// whatever the process locale is, so widths are the same in tests, under
/// `LANG=C` and on the user's terminal.
///
/// The locale is switched for the calling thread only (`uselocale`), for the
/// duration of `withUTF8Locale`; nothing global changes.
enum ScalarWidth {
    /// `wcwidth(scalar)`: 0 for combining and other zero-width scalars, 1 or
    /// 2 for printable ones, -1 for scalars the C library deems
    /// non-printable (controls, unassigned code points, line separators).
    /// Call inside `withUTF8Locale`.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        Int(streamtap_wcwidth(wchar_t(scalar.value)))
    }

    /// Runs `body` with the thread's character-type locale set to UTF-8.
    /// When the system has no UTF-8 locale the process locale stays in force
    /// and non-ASCII scalars measure as non-printable.
    static func withUTF8Locale<Result>(_ body: () -> Result) -> Result {
        guard let locale = utf8Locale else {
            return body()
        }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }
}

/// A locale object is immutable once created and may be used from any
/// thread, so sharing this one is safe although `locale_t` is a bare pointer.
private nonisolated(unsafe) let utf8Locale: locale_t? = {
    for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "UTF-8"] {
        if let locale = newlocale(LC_CTYPE_MASK, name, nil) {
            return locale
        }
    }
    return nil
}()
