import StreamTapCore
import StreamTapTerminal

/// A model's streamed answer put together (`a`): a strip of figures — time
/// to first token, total time, tokens and their rate, the gaps between
/// tokens with their shape, why it stopped — a warning when the tokens came
/// in bursts, then the reasoning, the answer, and each tool call with its
/// arguments laid out as JSON (or where they stop being JSON).
public enum AssembledDocument {
    public static func lines(for pane: Pane, width: Int, _ state: AppState) -> [StyledLine] {
        let theme = state.theme
        guard let stream = pane.modelStream else {
            return [StyledLine("Answer", theme.title)]
                + WordWrap.lines(
                    "No model's stream on this pane yet. The answer is put together from OpenAI, OpenAI Responses, "
                        + "Anthropic and Ollama streams, recognised from their first events (--lens names one).",
                    width: width
                ).map { StyledLine($0, theme.muted) }
        }
        let lens = stream.lens
        var lines = [
            StyledLine(
                "Answer · " + LensSection.displayName(stream.protocolName) + " · " + progress(of: lens),
                theme.title
            )
        ]
        lines += figures(lens, width: width, theme)
        if let warning = lens.timeline.figures.bufferingWarning {
            lines += WordWrap.lines("\u{26A0} " + warning, width: width).map { StyledLine($0, theme.warning) }
        }
        if let error = lens.assembly.error {
            lines += WordWrap.lines("\u{2716} the server reported an error: " + InertText.sanitize(error), width: width)
                .map { StyledLine($0, theme.error) }
        }
        if !lens.assembly.thinking.isEmpty {
            lines.append(StyledLine())
            lines.append(StyledLine("Thinking", theme.key))
            lines += prose(lens.assembly.thinking, width: width, style: theme.muted)
        }
        lines.append(StyledLine())
        lines.append(StyledLine("Text", theme.key))
        lines +=
            lens.assembly.text.isEmpty
            ? [StyledLine("(none yet)", theme.muted)] : prose(lens.assembly.text, width: width, style: theme.plain)
        for (number, call) in lens.assembly.toolCalls.enumerated() {
            lines.append(StyledLine())
            lines += toolCall(call, number: number + 1, width: width, theme)
        }
        return lines
    }

    /// `streaming`, `complete`, `stopped: end_turn`, `error`.
    private static func progress(of lens: LLMStreamLens) -> String {
        if lens.assembly.error != nil { return "error" }
        guard lens.assembly.end != nil else { return "streaming" }
        return lens.assembly.stopReason.map { "complete, stop: " + InertText.sanitize($0) } ?? "complete"
    }

    /// The stats strip.
    private static func figures(_ lens: LLMStreamLens, width: Int, _ theme: Theme) -> [StyledLine] {
        let figures = lens.timeline.figures
        let tokens = lens.assembly.outputTokens ?? figures.deltas
        var first: [String] = []
        first.append("first token " + (figures.firstTokenMilliseconds.map(duration) ?? "—"))
        if let total = lens.lastEventMilliseconds { first.append("total " + duration(total)) }
        first.append("\(tokens) tokens (\(lens.assembly.outputTokens == nil ? "deltas" : "usage"))")
        if let rate = figures.tokensPerSecond(tokens: tokens) { first.append(TimeFormat.format1(rate) + " tokens/s") }
        var lines = WordWrap.lines(first.joined(separator: " \u{00B7} "), width: width).map { StyledLine($0) }
        guard let p50 = figures.gapP50Milliseconds, let p99 = figures.gapP99Milliseconds,
            let highest = figures.gapMaxMilliseconds
        else { return lines }
        var gaps = StyledLine(
            "gaps p50 \(duration(p50)) \u{00B7} p99 \(duration(p99)) \u{00B7} max \(duration(highest))  ",
            theme.muted
        )
        let room = width - DisplayWidth.of(gaps.text)
        if room >= 8 {
            gaps.append(Sparkline.line(lens.timeline.gaps, width: room), theme.incoming)
        }
        lines.append(gaps)
        return lines
    }

    private static func duration(_ milliseconds: Double) -> String {
        TimeFormat.duration(milliseconds: milliseconds)
    }

    /// Text as it was written: its own lines, each wrapped at spaces, inert.
    private static func prose(_ text: String, width: Int, style: Style) -> [StyledLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            WordWrap.lines(InertText.sanitize(String(line)), width: width).map { StyledLine($0, style) }
        }
    }

    /// A tool call: its name and id, then its arguments pretty-printed, or
    /// the text with a caret where it stops being JSON.
    private static func toolCall(_ call: LLMToolCall, number: Int, width: Int, _ theme: Theme) -> [StyledLine] {
        var title = StyledLine("Tool call \(number): ", theme.key)
        title.append(InertText.sanitize(call.name), theme.title)
        if let id = call.id { title.append("  " + InertText.sanitize(id), theme.muted) }
        var lines = [title]
        guard !call.arguments.isEmpty else {
            lines.append(StyledLine("(no arguments yet)", theme.muted))
            return lines
        }
        switch JSONPrettyPrinter.format(Array(call.arguments.utf8), theme: theme) {
        case .success(let pretty):
            lines += pretty
        case .failure(let error):
            lines.append(StyledLine("the arguments are not JSON (yet): \(error.description)", theme.warning))
            let text = InertText.sanitize(call.arguments)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                lines.append(StyledLine(String(line)))
                if number + 1 == error.line {
                    lines.append(StyledLine(String(repeating: " ", count: max(0, error.column - 1)) + "^", theme.error))
                }
            }
        }
        return lines
    }
}
