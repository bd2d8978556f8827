import SyncWire

/// Request-level checks on a pushed batch, done before anything is written: a batch that fails
/// one is answered 4xx as a whole and changes nothing.
enum EnvelopeCheck {
    /// The most events one push may carry.
    static let maxBatch = 500

    /// Throws the first problem with the batch as a whole.
    static func check(_ request: PushRequest, device: Device) throws(CentralError) {
        guard !request.events.isEmpty else { throw .badRequest("empty_batch", "The batch has no events.") }
        guard request.events.count <= maxBatch else {
            throw .badRequest("batch_too_large", "A push may carry at most \(maxBatch) events; split the batch.")
        }
        for (index, event) in request.events.enumerated() {
            let at = "Event \(index + 1)"
            guard isIdentifier(event.id) else {
                throw .badRequest("invalid_id", "\(at): an event id is 1 to 64 letters, digits, '-', '_' or '.'.")
            }
            guard event.house == device.house else {
                throw .forbidden("\(at) is for another house; a device may push only for its own house.")
            }
            guard event.device == device.id else {
                throw .forbidden("\(at) names another device; a device may push only its own events.")
            }
            for (field, value) in [("kind", event.kind), ("author", event.author), ("hlc", event.hlc)] {
                guard !value.isEmpty, value.count <= 128, isPlainText(value) else {
                    throw .badRequest("invalid_\(field)", "\(at): '\(field)' must be 1 to 128 characters without control characters.")
                }
            }
            if let key = event.donorKey, !isIdentifier(key) {
                throw .badRequest("invalid_donor_key", "\(at): a donor key is 1 to 64 letters, digits, '-', '_' or '.'.")
            }
            guard event.payload.objectValue != nil else {
                throw .badRequest("invalid_payload", "\(at): the payload must be a JSON object.")
            }
        }
    }

    /// 1–64 ASCII letters, digits, '-', '_' or '.': ids made on devices (UUIDs) and keys.
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64
            && text.unicodeScalars.allSatisfy { $0.isASCII && (("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// No C0/C1 control characters, no DEL, no Unicode line or paragraph separators.
    static func isPlainText(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { s in
            !(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029)
        }
    }
}
