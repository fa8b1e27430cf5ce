import NIOCore

extension ChannelHandlerContext {
    /// Stops or resumes reading the socket: while reading is paused, what
    /// the server writes backs up in the socket buffers (and pings wait
    /// unanswered).
    func setReading(paused: Bool) {
        guard let options = channel.syncOptions else { return }
        try? options.setOption(ChannelOptions.autoRead, value: !paused)
        if !paused { read() }
    }
}
