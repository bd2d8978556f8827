import Foundation
import GRDB
import SyncWire

/// Reading rows back into records.
extension SQLiteStore {
    static func house(_ row: Row) -> House {
        House(id: row["id"], name: row["name"], city: row["city"], createdAt: row["created_at"], lastSyncAt: row["last_sync_at"])
    }

    static func device(_ row: Row) -> Device {
        Device(id: row["id"], house: row["house"], name: row["name"], secretHash: row["secret_hash"],
               signingKey: row["signing_key"], createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }

    static func event(_ row: Row) throws -> StoredEvent {
        let payload: String = row["payload"]
        return StoredEvent(
            seq: row["seq"],
            event: WireEvent(id: row["id"], kind: row["kind"], house: row["house"], device: row["device"], author: row["author"],
                             hlc: row["hlc"], donorKey: row["donor_key"], payload: try StoreCoding.payload(payload)),
            city: row["city"], receivedAt: row["received_at"])
    }

    static func quarantined(_ row: Row) -> QuarantinedEvent {
        QuarantinedEvent(eventID: row["event_id"], house: row["house"], device: row["device"], kind: row["kind"], code: row["code"],
                         message: row["message"], body: row["body"], receivedAt: row["received_at"])
    }

    static func donor(_ row: Row) -> DonorRecord {
        DonorRecord(key: row["key"], idHash: row["id_hash"], house: row["house"], registeredHLC: row["registered_hlc"],
                    registrationEventID: row["registration_event"], mergedInto: row["merged_into"])
    }

    static func flag(_ row: Row) throws -> ReviewFlag {
        let ids: String = row["event_ids"]
        return ReviewFlag(id: row["id"], kind: row["kind"], donorKey: row["donor_key"], eventIDs: try StoreCoding.value([String].self, ids),
                          message: row["message"], createdAt: row["created_at"])
    }

    static func certificate(_ row: Row) -> CertificateRecord {
        CertificateRecord(activationID: row["activation_id"], donorKey: row["donor_key"], pseudonym: row["pseudonym"], card: row["card"],
                          tier: row["tier"], validThrough: row["valid_through"], issuedAt: row["issued_at"], keyID: row["key_id"],
                          hlc: row["hlc"], revoked: row["revoked"])
    }
}

/// JSON text columns (payloads, id lists), encoded the same way by both stores.
enum StoreCoding {
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self)
    }

    /// A payload as stored: the same text as through `JSONEncoder`, without it.
    static func json(_ value: JSONValue) -> String {
        String(decoding: value.jsonText(), as: UTF8.self)
    }

    /// A stored payload, read straight into a `JSONValue` (not through `JSONDecoder`).
    static func payload(_ text: String) throws -> JSONValue {
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw StoreError(.corrupt, "a stored JSON value could not be read back")
        }
    }

    static func value<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try WireCoding.decoder().decode(T.self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corrupt, "a stored JSON value could not be read back")
        }
    }
}
