import StreamTapTestSupport
import Testing

@testable import StreamTapCore

@Suite struct EventLogTests {
    func event(_ number: Int, payloadSize: Int = 0) -> StreamEvent {
        StreamEvent(
            timestamp: Timestamp(nanosecondsSinceEpoch: Int64(number)),
            kind: .message(
                Message(direction: .incoming, opcode: .binary, payload: [UInt8](repeating: 0, count: payloadSize))
            )
        )
    }

    func number(_ event: StreamEvent?) -> Int? {
        event.map { Int($0.timestamp.nanosecondsSinceEpoch) }
    }

    @Test func keepsEverythingUnderTheLimits() {
        var log = EventLog(limits: EventLog.Limits(maxCount: 100, maxBytes: 1 << 20))
        for index in 0..<50 {
            let assigned = log.append(event(index))
            #expect(assigned == index)
        }
        #expect(log.count == 50)
        #expect(log.droppedCount == 0)
        #expect((0..<50).map { number(log[$0]) } == (0..<50).map { $0 })
    }

    @Test func capByCountDropsTheOldestAndCountsThem() {
        var log = EventLog(limits: EventLog.Limits(maxCount: 10, maxBytes: 1 << 30))
        for index in 0..<25 { log.append(event(index)) }
        #expect(log.count == 10)
        #expect(log.droppedCount == 15)
        #expect(log.startIndex == 15)
        #expect(log.endIndex == 25)
        #expect(log[14] == nil)
        #expect(number(log[15]) == 15)
        #expect(number(log[24]) == 24)
        #expect(log[25] == nil)
    }

    @Test func capByBytesDropsTheOldest() {
        let size = event(0, payloadSize: 1000).approximateSize
        var log = EventLog(limits: EventLog.Limits(maxCount: 1000, maxBytes: size * 4))
        for index in 0..<10 { log.append(event(index, payloadSize: 1000)) }
        #expect(log.count == 4)
        #expect(log.byteCount == size * 4)
        #expect(log.droppedCount == 6)
        #expect(number(log[log.startIndex]) == 6)
    }

    @Test func oversizedEventIsStillKeptAlone() {
        var log = EventLog(limits: EventLog.Limits(maxCount: 10, maxBytes: 100))
        log.append(event(1))
        log.append(event(2, payloadSize: 10_000))
        #expect(log.count == 1)
        #expect(number(log[log.startIndex]) == 2)
    }

    @Test func absoluteIndicesStayOnTheSameEventWhileTheLogMoves() {
        var log = EventLog(limits: EventLog.Limits(maxCount: 8, maxBytes: 1 << 30))
        for index in 0..<8 { log.append(event(index)) }
        let selected = 6
        let before = log[selected]
        for index in 8..<13 { log.append(event(index)) }
        #expect(log[selected] == before)
        #expect(number(log[selected]) == 6)
    }

    @Test func largeVolumeWrapsTheRingManyTimes() {
        var log = EventLog(limits: EventLog.Limits(maxCount: 1000, maxBytes: 1 << 30))
        for index in 0..<100_000 { log.append(event(index)) }
        #expect(log.count == 1000)
        #expect(log.droppedCount == 99_000)
        #expect(number(log[99_000]) == 99_000)
        #expect(number(log[99_999]) == 99_999)
        #expect(log.byteCount == 1000 * event(0).approximateSize)
    }
}

@Suite struct RingBufferTests {
    @Test func fifoOrderAcrossGrowthAndWrapping() {
        var ring = RingBuffer<Int>()
        var expected: [Int] = []
        for index in 0..<100 {
            ring.append(index)
            expected.append(index)
            if index % 3 == 0 {
                let removed = ring.removeFirst()
                #expect(removed == expected.removeFirst())
            }
        }
        #expect(ring.count == expected.count)
        #expect((0..<ring.count).map { ring[$0] } == expected)
    }

    @Test func removeFirstOnEmptyReturnsNil() {
        var ring = RingBuffer<Int>()
        let removed = ring.removeFirst()
        #expect(removed == nil)
    }
}

@Suite struct RingBufferQueueTests {
    /// Appends and removals in a seeded random order, across many chunks,
    /// agree with a plain array at every step.
    @Test func behavesAsAQueueAcrossChunks() {
        var buffer = RingBuffer<Int>()
        var model: [Int] = []
        var generator = SplitMix64(seed: 7)
        var next = 0
        for _ in 0..<60_000 {
            if generator.next() % 3 == 0, !model.isEmpty {
                #expect(buffer.removeFirst() == model.removeFirst())
            } else {
                buffer.append(next)
                model.append(next)
                next += 1
            }
            if model.count > 0 && generator.next() % 97 == 0 {
                let offset = Int(generator.next() % UInt64(model.count))
                guard buffer[offset] == model[offset] else {
                    Issue.record("element \(offset) differs")
                    return
                }
            }
        }
        #expect(buffer.count == model.count)
        #expect((0..<model.count).allSatisfy { buffer[$0] == model[$0] })
        while buffer.removeFirst() != nil {}
        #expect(buffer.isEmpty)
        buffer.append(1)
        #expect(buffer[0] == 1)
    }
}

@Suite struct RingBufferStorageTests {
    /// A copy is a value: changing it, or the original, leaves the other as
    /// it was, in a shared chunk and across chunks.
    @Test func copiesAreIndependent() {
        var original = RingBuffer<Int>()
        for value in 0..<5_000 { original.append(value) }
        var copy = original
        copy.append(5_000)
        copy[10] = -1
        copy.removeFirst()
        original[4_999] = -2
        #expect(original.count == 5_000)
        #expect(original[0] == 0 && original[10] == 10 && original[4_999] == -2)
        #expect(copy.count == 5_000)
        #expect(copy[0] == 1 && copy[9] == -1 && copy[4_998] == 4_999 && copy[4_999] == 5_000)
    }

    /// Removed elements are released at once (a log's memory must shrink
    /// as old events go), and the rest when the buffer goes.
    @Test func releasesElementsWhenRemovedAndWhenDropped() {
        let counter = ReleaseCounter()
        var buffer: RingBuffer<Tracked>? = RingBuffer()
        for _ in 0..<10_000 { buffer?.append(Tracked(counter: counter)) }
        for _ in 0..<6_000 { buffer?.removeFirst() }
        #expect(counter.released == 6_000)
        var copy = buffer
        copy?.removeFirst()
        #expect(counter.released == 6_000, "the original still holds the element its copy removed")
        copy = nil
        #expect(counter.released == 6_000)
        buffer = nil
        #expect(counter.released == 10_000)
    }
}

@Suite struct RingBufferBulkRemovalTests {
    /// Taking the oldest elements in bulk crosses chunk boundaries from any
    /// starting offset, leaves a copy that shares the chunks untouched, and
    /// keeps a buffer that emptied usable.
    @Test(arguments: [0, 1, 4_095])
    func removesRunsAcrossChunksWithoutTouchingACopy(offset: Int) {
        var buffer = RingBuffer<Int>()
        for value in 0..<10_000 { buffer.append(value) }
        for _ in 0..<offset { buffer.removeFirst() }
        let copy = buffer
        var taken: [Int] = []
        buffer.removeFirst(5_000, into: &taken)
        #expect(taken == Array(offset..<offset + 5_000))
        #expect(buffer.count == 5_000 - offset && buffer[0] == offset + 5_000)
        #expect(copy.count == 10_000 - offset && copy[0] == offset && copy[copy.count - 1] == 9_999)
        taken.removeAll()
        buffer.removeFirst(1_000_000, into: &taken)
        #expect(taken == Array(offset + 5_000..<10_000))
        #expect(buffer.isEmpty)
        buffer.append(-1)
        #expect(buffer.count == 1 && buffer[0] == -1)
        #expect((0..<copy.count).allSatisfy { copy[$0] == offset + $0 })
    }

    /// A queue that keeps emptying reuses its chunk, and a buffer refilled
    /// after emptying still returns elements in order across chunks.
    @Test func aBufferThatEmptiesIsRefilledInOrder() {
        var buffer = RingBuffer<Int>()
        var next = 0
        for round in 0..<50 {
            for _ in 0..<(round * 97 % 6_000 + 1) {
                buffer.append(next)
                next += 1
            }
            var expected = next - buffer.count
            while let value = buffer.removeFirst() {
                guard value == expected else {
                    Issue.record("round \(round): \(value) instead of \(expected)")
                    return
                }
                expected += 1
            }
        }
        #expect(buffer.isEmpty)
    }
}

/// Counts how many ``Tracked`` values were deinitialised.
private final class ReleaseCounter: @unchecked Sendable {
    var released = 0
}

/// A value whose release is counted.
private final class Tracked {
    let counter: ReleaseCounter
    init(counter: ReleaseCounter) { self.counter = counter }
    deinit { counter.released += 1 }
}
