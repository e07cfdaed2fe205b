@testable import OMCHost
import Testing

/// The gateway's per-NE queue: each NE has its own slots, a released slot goes to a waiter, and a
/// waiter whose task is cancelled (its deadline passed) leaves without taking a slot.
@Suite struct NEConnectionSlotsTests {
    @Test func eachNEHasItsOwnSlotsAndAReleasedSlotGoesToTheWaiter() async throws {
        let slots = NEConnectionSlots(capacity: 1)
        #expect(await slots.acquire("10.0.0.1:80"))
        // Another NE is not held by the first one's busy slot.
        #expect(await slots.acquire("10.0.0.2:80"))
        let waiter = Task { await slots.acquire("10.0.0.1:80") }
        slots.release("10.0.0.1:80")
        #expect(await waiter.value)
        slots.release("10.0.0.1:80")
        slots.release("10.0.0.2:80")
    }

    @Test func aCancelledWaiterTakesNoSlot() async throws {
        let slots = NEConnectionSlots(capacity: 1)
        #expect(await slots.acquire("ne"))
        let waiter = Task { await slots.acquire("ne") }
        try await Task.sleep(for: .milliseconds(50))
        waiter.cancel()
        #expect(await waiter.value == false)
        slots.release("ne")
        // The slot is free again: the cancelled waiter did not keep it.
        #expect(await slots.acquire("ne"))
        slots.release("ne")
        let cancelledAtOnce = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await slots.acquire("ne")
        }
        // A task cancelled before it asks may get a free slot or not, but never keeps one it did not report.
        if await cancelledAtOnce.value { slots.release("ne") }
        #expect(await slots.acquire("ne"))
        slots.release("ne")
    }
}
