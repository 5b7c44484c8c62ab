import ClerkCore
import Testing

@Suite struct StepTimesTests {
    @Test func sumsEachStepAndKeepsTheOrderFirstSeen() {
        var times = StepTimes()
        times.add("decode", .milliseconds(5))
        times.add("citations", .milliseconds(2))
        times.add("decode", .milliseconds(7))
        #expect(times.steps == ["decode", "citations"])
        #expect(times.total("decode") == .milliseconds(12))
        #expect(times.count("decode") == 2)
        #expect(times.total("missing") == .zero)
        #expect(times.sum == .milliseconds(14))
    }

    @Test func mergesAnotherThreadsTotals() {
        var first = StepTimes()
        first.add("read", .milliseconds(1))
        var second = StepTimes()
        second.add("write", .milliseconds(3))
        second.add("read", .milliseconds(2))
        first.merge(second)
        #expect(first.steps == ["read", "write"])
        #expect(first.total("read") == .milliseconds(3))
        #expect(first.count("read") == 2)
        #expect(first.count("write") == 1)
        #expect(Duration.milliseconds(1500).seconds == 1.5)
    }
}
