extension SSEPeer {
    /// What the raw server's `/bursts` sends: known bytes in known writes,
    /// 100 ms apart, to check reads, counters and timings against.
    public enum Bursts {
        /// The body, one element per write.
        public static let writes = [
            "data: a\n\ndata: bb\n\ndata: ccc\n\n", "data: dddd\n\n", ": wait\ndata: e", "\n\n",
        ]
        /// The offsets in the body just after each event's blank line.
        public static let eventEnds = [9, 19, 30, 42, 58]

        /// How many events each read of `/bursts` completes, given the
        /// reads' lengths, or `nil` when the reads do not end where writes
        /// ended or do not add up to the body. A busy machine may join
        /// writes in one read.
        public static func expectedEvents(forReads lengths: [Int]) -> [Int]? {
            var writeEnds = Set<Int>()
            var total = 0
            for write in writes {
                total += write.utf8.count
                writeEnds.insert(total)
            }
            var events: [Int] = []
            var start = 0
            for length in lengths {
                let end = start + length
                guard writeEnds.contains(end) else { return nil }
                events.append(eventEnds.filter { $0 > start && $0 <= end }.count)
                start = end
            }
            return start == total ? events : nil
        }
    }
}
