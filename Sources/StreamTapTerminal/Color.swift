/// A terminal colour: the terminal's own default, one of the 16 ANSI colours,
/// or an index into the 256-colour palette.
///
/// `.indexed(1)` and `.red` name the same palette entry but are different
/// values; backends treat them alike.
public enum Color: Sendable, Hashable {
    /// The terminal's default foreground or background.
    case `default`
    case black
    case red
    case green
    case yellow
    case blue
    case magenta
    case cyan
    case white
    case brightBlack
    case brightRed
    case brightGreen
    case brightYellow
    case brightBlue
    case brightMagenta
    case brightCyan
    case brightWhite
    /// An entry of the xterm 256-colour palette: 0–15 are the ANSI colours,
    /// 16–231 a 6×6×6 colour cube, 232–255 a grey ramp.
    case indexed(UInt8)

    /// The 16 ANSI colours in palette order.
    public static let ansi: [Color] = [
        .black, .red, .green, .yellow, .blue, .magenta, .cyan, .white, .brightBlack, .brightRed, .brightGreen,
        .brightYellow, .brightBlue, .brightMagenta, .brightCyan, .brightWhite,
    ]

    /// The palette index (0–255), or `nil` for `.default`.
    public var paletteIndex: Int? {
        switch self {
        case .default: nil
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .brightBlack: 8
        case .brightRed: 9
        case .brightGreen: 10
        case .brightYellow: 11
        case .brightBlue: 12
        case .brightMagenta: 13
        case .brightCyan: 14
        case .brightWhite: 15
        case .indexed(let index): Int(index)
        }
    }

    /// The palette index to use on a terminal with `paletteSize` colours:
    /// the colour itself on a 256-colour terminal (and for the ANSI colours it
    /// has), otherwise the nearest of the 16 (or 8) ANSI colours — an 88- or
    /// 16-colour palette has other colours at the higher indices. `nil` for
    /// `.default` or when the terminal has fewer than 8 colours.
    public func paletteIndex(forPaletteSize paletteSize: Int) -> Int? {
        guard let index = paletteIndex, paletteSize >= 8 else {
            return nil
        }
        if paletteSize >= 256 || index < min(paletteSize, 16) {
            return index
        }
        let nearest = index < 16 ? index : Self.nearestANSI(toPaletteIndex: index)
        return paletteSize >= 16 ? nearest : nearest % 8
    }

    /// The nearest of the 16 ANSI colours to a 256-palette entry (16–255),
    /// by squared distance in RGB using xterm's default values.
    private static func nearestANSI(toPaletteIndex index: Int) -> Int {
        let target = xtermRGB(index)
        var best = 0
        var bestDistance = Int.max
        for candidate in 0..<16 {
            let rgb = xtermRGB(candidate)
            let distance =
                (rgb.0 - target.0) * (rgb.0 - target.0) + (rgb.1 - target.1) * (rgb.1 - target.1)
                + (rgb.2 - target.2) * (rgb.2 - target.2)
            if distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    /// xterm's default RGB value of a palette entry.
    private static func xtermRGB(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            let base: [(Int, Int, Int)] = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return base[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        default:
            let grey = 8 + (index - 232) * 10
            return (grey, grey, grey)
        }
    }
}

extension Color: CustomStringConvertible {
    /// The case name (`red`, `brightBlue`, `default`) or the palette index.
    public var description: String {
        switch self {
        case .default: "default"
        case .black: "black"
        case .red: "red"
        case .green: "green"
        case .yellow: "yellow"
        case .blue: "blue"
        case .magenta: "magenta"
        case .cyan: "cyan"
        case .white: "white"
        case .brightBlack: "brightBlack"
        case .brightRed: "brightRed"
        case .brightGreen: "brightGreen"
        case .brightYellow: "brightYellow"
        case .brightBlue: "brightBlue"
        case .brightMagenta: "brightMagenta"
        case .brightCyan: "brightCyan"
        case .brightWhite: "brightWhite"
        case .indexed(let index): "\(index)"
        }
    }
}
