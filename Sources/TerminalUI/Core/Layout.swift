/// How much of a row or column layout one part takes.
public enum Constraint: Sendable, Hashable {
    /// Exactly this many cells (less only if space runs out).
    case fixed(Int)
    /// This percentage of the whole length.
    case percentage(Int)
    /// At least this many cells; shares any space left over with the other `min` parts.
    case min(Int)
}

/// Splits a rectangle into rows (stacked top to bottom) or columns (left to right).
///
/// Fixed and percentage parts get their size first, in order, until space runs out; the
/// remaining space is shared equally among `min` parts (each first receiving its minimum), so
/// a layout always fills the rectangle when it has a `min` part.
public enum Layout {
    /// Splits `area` into rows of the given heights.
    public static func rows(_ area: Rect, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = split(length: area.height, constraints, spacing: spacing)
        var y = area.y
        return sizes.map { size in
            defer { y += size + spacing }
            return Rect(x: area.x, y: y, width: area.width, height: size)
        }
    }

    /// Splits `area` into columns of the given widths.
    public static func columns(_ area: Rect, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        let sizes = split(length: area.width, constraints, spacing: spacing)
        var x = area.x
        return sizes.map { size in
            defer { x += size + spacing }
            return Rect(x: x, y: area.y, width: size, height: area.height)
        }
    }

    /// The lengths the constraints get out of `length` cells.
    public static func split(length: Int, _ constraints: [Constraint], spacing: Int = 0) -> [Int] {
        let gaps = max(0, constraints.count - 1) * spacing
        var remaining = max(0, length - gaps)
        var sizes = [Int](repeating: 0, count: constraints.count)
        var flexible: [Int] = []
        // Minimums are reserved first so a fixed part cannot starve a `min` part.
        for (index, constraint) in constraints.enumerated() {
            if case .min(let minimum) = constraint {
                sizes[index] = Swift.min(max(0, minimum), remaining)
                remaining -= sizes[index]
                flexible.append(index)
            }
        }
        for (index, constraint) in constraints.enumerated() {
            let wanted: Int
            switch constraint {
            case .fixed(let size): wanted = max(0, size)
            case .percentage(let percent): wanted = max(0, length * percent / 100)
            case .min: continue
            }
            sizes[index] = Swift.min(wanted, remaining)
            remaining -= sizes[index]
        }
        if !flexible.isEmpty && remaining > 0 {
            let share = remaining / flexible.count
            var extra = remaining % flexible.count
            for index in flexible {
                sizes[index] += share + (extra > 0 ? 1 : 0)
                extra -= 1
            }
        }
        return sizes
    }
}
