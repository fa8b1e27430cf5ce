/// Where a pane's event list is: following the newest event, or paused on
/// a selected one with a count of what arrived since.
///
/// Positions are absolute event indices (see `EventLog`), so they stay on
/// the same events while the log grows and drops its oldest.
public struct ListState: Sendable, Equatable {
    /// Whether the list shows and selects the newest event.
    public var follow = true
    /// The selected event when not following.
    public var selected: Int?
    /// The event on the top row when not following.
    public var top: Int?
    /// Events shown since following paused.
    public var unseen = 0

    public init() {}

    /// The rows a list of `count` items and `height` rows shows: the
    /// position of the top row and of the selected row (`nil` when empty).
    public func window(in index: VisibleIndex, height: Int) -> (top: Int, selected: Int?) {
        let count = index.count
        let height = max(1, height)
        guard count > 0 else { return (0, nil) }
        if follow {
            return (max(0, count - height), count - 1)
        }
        let selected = selected.flatMap { index.position(nearest: $0) } ?? count - 1
        var top = top.map { min(index.position(atOrAfter: $0), count - 1) } ?? max(0, selected - height + 1)
        if selected < top {
            top = selected
        } else if selected >= top + height {
            top = selected - height + 1
        }
        return (max(0, min(top, max(0, count - height))), selected)
    }

    /// Moves the selection by `delta` rows in a list of `height` rows;
    /// reaching the newest event going down resumes following.
    public mutating func move(by delta: Int, in index: VisibleIndex, height: Int) {
        let (top, selectedPosition) = window(in: index, height: height)
        guard let selectedPosition else { return }
        let count = index.count
        let target = min(max(0, selectedPosition.addingReportingOverflow(delta).partialValue), count - 1)
        if delta > 0 && target == count - 1 {
            resumeFollowing()
            return
        }
        if follow && delta < 0 {
            unseen = 0
        }
        follow = false
        selected = index.index(at: target)
        var newTop = top
        if target < newTop {
            newTop = target
        } else if target >= newTop + max(1, height) {
            newTop = target - max(1, height) + 1
        }
        self.top = index.index(at: newTop)
    }

    /// Selects the item at `position`, pausing unless it is the newest.
    public mutating func select(position: Int, in index: VisibleIndex, height: Int) {
        let (_, current) = window(in: index, height: height)
        guard let current else { return }
        move(by: position - current, in: index, height: height)
    }

    /// Goes back to following the newest event.
    public mutating func resumeFollowing() {
        follow = true
        selected = nil
        top = nil
        unseen = 0
    }
}
