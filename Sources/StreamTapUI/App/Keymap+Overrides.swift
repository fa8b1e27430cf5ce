import StreamTapTerminal

/// A binding changed by the user: a command's name and the keys that
/// should run it instead of the standard ones.
public struct KeyOverride: Sendable, Equatable {
    public var command: String
    public var keys: [String]

    public init(command: String, keys: [String]) {
        self.command = command
        self.keys = keys
    }
}

/// Why a key override cannot be applied, in a sentence.
public struct KeyOverrideError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which override (its position in the list given).
    public var index: Int
    public var description: String
}

extension Keymap {
    /// The keymap with each override's keys in place of its command's
    /// standard keys, in every context the command is bound in. A key
    /// that another command already uses in the same context is refused,
    /// so no binding is silently lost.
    public func applying(_ overrides: [KeyOverride]) throws(KeyOverrideError) -> Keymap {
        var result = self
        var changed: [(index: Int, command: String)] = []
        let names = Set(bindings.compactMap(\.command.configurationName))
        for (index, override) in overrides.enumerated() {
            guard names.contains(override.command) else {
                let known = names.sorted().joined(separator: ", ")
                throw KeyOverrideError(
                    index: index,
                    description: "unknown command '\(override.command)' (commands: \(known))"
                )
            }
            var keys: [Key] = []
            for name in override.keys {
                guard let key = KeyName.key(name) else {
                    throw KeyOverrideError(
                        index: index,
                        description: "'\(name)' is not a key: write it as help shows keys (q, Space, Enter, Esc, Tab, "
                            + "Up, PgDn, F5, Ctrl+S, Alt+x)"
                    )
                }
                keys.append(key)
            }
            for position in result.bindings.indices
            where result.bindings[position].command.configurationName == override.command {
                result.bindings[position].keys = keys
            }
            changed.append((index, override.command))
        }
        for (index, command) in changed {
            for binding in result.bindings where binding.command.configurationName == command {
                let clash = result.bindings.first { other in
                    other.context == binding.context && other.command != binding.command
                        && other.keys.contains { binding.keys.contains($0) }
                }
                if let clash {
                    let key = clash.keys.first { binding.keys.contains($0) }.map(Keymap.label(for:)) ?? ""
                    throw KeyOverrideError(
                        index: index,
                        description: "\(key) already runs '\(clash.description)' there; "
                            + "rebind \(clash.command.configurationName ?? "that command") too or pick another key"
                    )
                }
            }
        }
        return result
    }
}
