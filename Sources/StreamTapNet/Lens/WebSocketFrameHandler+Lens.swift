import NIOCore
import StreamTapCore

/// The session's side of its protocol lens: what the lens asks is done
/// here, on the session's event loop.
extension WebSocketFrameHandler {
    /// The session opened: the lens's handshake goes out.
    func startLens() {
        guard let lensRunner else { return }
        carryOut(lensRunner.opened())
        flushOutgoing()
    }

    /// One line the user wrote, said in the lens's protocol (as text
    /// without a lens). A line the lens cannot say is reported, not sent.
    func sendLine(_ line: String) {
        guard let lensRunner else {
            sendMessage(opcode: .text, payload: Array(line.utf8))
            return
        }
        do {
            for outgoing in try lensRunner.encode(line) {
                sendMessage(opcode: outgoing.opcode, payload: outgoing.payload, automatic: outgoing.automatic)
            }
            armLensTimer()
        } catch {
            emitter.emit(.error(ErrorInfo(message: "not sent: " + error.message)))
        }
    }

    /// Reads from now on with another lens (a fresh one: what the previous
    /// lens knew is gone).
    func switchLens(to name: LensName) {
        lensRunner?.cancel()
        var settings = lensContext.settings
        settings.requested = name
        lensRunner = settings.makeLens(subprotocol: lensContext.subprotocol, path: lensContext.path)
            .map(LensRunner.init)
        startLens()
    }

    /// Does what the lens asked, then arms its timer again.
    func carryOut(_ actions: [LensAction]) {
        for action in actions {
            switch action {
            case .send(let outgoing):
                sendMessage(opcode: outgoing.opcode, payload: outgoing.payload, automatic: outgoing.automatic)
            case .report(let text):
                emitter.emit(.error(ErrorInfo(message: text)))
            case .close(let failed):
                lensEndFailed = lensEndFailed || failed
                perform(.close(code: CloseCode.normal, reason: ""))
            case .fail(let text):
                guard lensFailure == nil else { continue }
                lensFailure = text
                emitter.emit(.error(ErrorInfo(message: text)))
                context?.close(promise: nil)
            }
        }
        armLensTimer()
    }

    private func armLensTimer() {
        guard let lensRunner, let context, lensFailure == nil else { return }
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        lensRunner.arm(on: context.eventLoop) {
            bound.value.lensDeadlinePassed()
        }
    }

    private func lensDeadlinePassed() {
        guard let lensRunner else { return }
        carryOut(lensRunner.deadlinePassed())
        flushOutgoing()
        emitter.flush()
    }
}
