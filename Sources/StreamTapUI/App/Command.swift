/// Everything a user can ask the UI to do, whatever key or palette entry
/// asked for it. Keys map to commands through the `Keymap`.
public enum Command: Sendable, Hashable {
    case quit
    case help
    case palette
    case nextPane
    case previousPane
    case toggleSplit
    case zoom
    case reconnect
    case closeConnection
    case clearEvents
    case toggleAutoReconnect
    case toggleAutoPong
    case connectPrompt
    case moveDown
    case moveUp
    case pageDown
    case pageUp
    case halfPageDown
    case halfPageUp
    case top
    case bottom
    case open
    case back
    case filter
    case clearFilter
    case nextMatch
    case previousMatch
    case cycleDirection
    case toggleCategory(EventCategory)
    case handshake
    case timeline
    /// A model's streamed answer put together, with its token figures.
    case assembled
    case compose
    case toggleHex
    /// The inspector reads a binary payload as MessagePack, CBOR, protobuf, or not.
    case cycleDecoder
    case nextEvent
    case previousEvent
    case send
    case cycleComposerMode
    case applyInput
    case toggleRegex
    case toggleFilterMode
    case faultMenu
    case fault(Fault)
    case compare
    case explain
    case toggleRecording
    /// Show the focused connection as websocat, wscat and curl command lines.
    case commandLines
}
