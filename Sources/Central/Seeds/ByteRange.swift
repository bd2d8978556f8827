import Foundation

/// The one byte range a `Range: bytes=…` header asks for (RFC 9110 §14.2), as a seed download
/// resumes with it. Several ranges or a malformed header are ignored, as the RFC allows: the
/// whole file is sent.
enum ByteRange: Equatable {
    case whole
    case part(ClosedRange<Int>)
    /// Starts at or past the end of the file: 416, with the file's size.
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.hasPrefix("bytes="), size > 0 else {
            self = header?.hasPrefix("bytes=") == true && size == 0 ? .unsatisfiable : .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        let bounds = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard !spec.contains(","), bounds.count == 2 else { self = .whole; return }
        let first = bounds[0].isEmpty ? nil : Int(bounds[0]), last = bounds[1].isEmpty ? nil : Int(bounds[1])
        switch (bounds[0].isEmpty, bounds[1].isEmpty) {
        case (false, _):
            guard let first, first >= 0, bounds[1].isEmpty || (last != nil && last! >= first) else { self = .whole; return }
            guard first < size else { self = .unsatisfiable; return }
            self = .part(first...min(last ?? size - 1, size - 1))
        case (true, false):
            // "bytes=-N": the last N bytes.
            guard let last, last >= 0 else { self = .whole; return }
            guard last > 0 else { self = .unsatisfiable; return }
            self = .part(max(0, size - last)...(size - 1))
        case (true, true):
            self = .whole
        }
    }
}
