import StreamTapCore
import Testing

@testable import StreamTapUI

/// Runs a mutating call outside `#expect` and returns its result.
private func step<Value>(_ value: inout Value, _ body: (inout Value) -> Bool) -> Bool {
    body(&value)
}

@Suite struct ComposerTests {
    @Test func editorInsertsDeletesAndMoves() {
        var editor = TextEditor(multiline: true)
        editor.insert("ab")
        editor.insertNewline()
        editor.insert("cd")
        #expect(editor.text == "ab\ncd")
        editor.moveToLineStart()
        editor.backspace()
        #expect(editor.text == "abcd")
        #expect(editor.line == 0 && editor.column == 2)
        editor.moveRight()
        editor.deleteForward()
        #expect(editor.text == "abc")
        editor.moveLeft()
        editor.insert("é")
        #expect(editor.text == "abéc")
        editor.moveToLineEnd()
        #expect(editor.column == 4)
        var single = TextEditor("x")
        single.insertNewline()
        #expect(single.text == "x ")
    }

    @Test func upAndDownMoveBetweenLinesThenReportTheEdges() {
        var editor = TextEditor("one\ntwo", multiline: true)
        #expect(step(&editor) { $0.moveUp() })
        #expect(!step(&editor) { $0.moveUp() })
        #expect(step(&editor) { $0.moveDown() })
        #expect(!step(&editor) { $0.moveDown() })
    }

    @Test func modesValidateWhatTheySend() {
        func command(_ text: String, _ mode: Composer.Mode) -> Result<ConnectionCommand, ComposerProblem> {
            Composer.command(for: text, mode: mode)
        }
        #expect(command("hi", .text) == .success(.sendLine("hi")))
        #expect(command("[1, 2]", .json) == .success(.sendLine("[1, 2]")))
        #expect(
            command("[1, 2", .json)
                == .failure(ComposerProblem("invalid JSON at line 1, column 6: expected ',' or ']'"))
        )
        #expect(command("de ad BE ef", .hex) == .success(.sendBinary([0xDE, 0xAD, 0xBE, 0xEF])))
        #expect((try? command("dea", .hex).get()) == nil)
        #expect(command("3q2+7w==", .base64) == .success(.sendBinary([0xDE, 0xAD, 0xBE, 0xEF])))
        #expect((try? command("***", .base64).get()) == nil)
        #expect(command("are you there", .ping) == .success(.webSocket(.ping(Array("are you there".utf8)))))
        #expect((try? command(String(repeating: "x", count: 126), .ping).get()) == nil)
        #expect(command("", .close) == .success(.close(code: 1000, reason: "")))
        #expect(command("4000 bye now", .close) == .success(.close(code: 4000, reason: "bye now")))
        #expect((try? command("1005", .close).get()) == nil)
        #expect((try? command("999", .close).get()) == nil)
        #expect((try? command("5000", .close).get()) == nil)
        #expect((try? command("bye", .close).get()) == nil)
        #expect((try? command("1000 " + String(repeating: "r", count: 124), .close).get()) == nil)
    }

    @Test func textModeSpeaksTheLensAndChecksTheLineBeforeSending() {
        var composer = Composer()
        composer.lens = .mqtt
        #expect(composer.name(of: .text) == "mqtt")
        #expect(composer.placeholder.hasPrefix("sub TOPIC [QOS]"))
        composer.editor = TextEditor("pub a/# x", multiline: true)
        #expect(
            composer.command() == .failure(ComposerProblem("a topic to publish to cannot hold the wildcards + or #"))
        )
        composer.editor = TextEditor("pub a/b x", multiline: true)
        #expect(composer.command() == .success(.sendLine("pub a/b x")))
        // Hex stays hex: the raw bytes, whatever the lens.
        composer.mode = .hex
        composer.editor = TextEditor("c0 00", multiline: true)
        #expect(composer.command() == .success(.sendBinary([0xC0, 0x00])))
    }

    @Test func historyWalksBackAndForth() {
        var composer = Composer()
        composer.editor.insert("first")
        composer.didSend()
        composer.mode = .json
        composer.editor.insert("{}")
        composer.didSend()
        #expect(composer.history.count == 2)
        #expect(step(&composer) { $0.showPreviousHistory() })
        #expect(composer.editor.text == "{}" && composer.mode == .json)
        #expect(step(&composer) { $0.showPreviousHistory() })
        #expect(composer.editor.text == "first" && composer.mode == .text)
        #expect(!step(&composer) { $0.showPreviousHistory() })
        #expect(step(&composer) { $0.showNextHistory() })
        #expect(step(&composer) { $0.showNextHistory() })
        #expect(composer.editor.isEmpty)
    }
}
