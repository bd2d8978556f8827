/// `GET /v1/seed`: the centre's current seed file, the database a new kiosk's bootstrap would
/// make, built ahead of time (`kiosk-central seed build`). A new kiosk downloads the file from
/// `GET /v1/seed/{generation}` instead of pulling the city page by page.
public struct SeedManifest: Codable, Sendable, Hashable {
    /// Names this build of the seed; the file's URL ends with it.
    public var generation: String
    /// The policy region the seed holds.
    public var city: String
    /// The file's size in bytes and its SHA-256 (lowercase hex).
    public var bytes: Int64
    public var sha256: String
    /// The centre's last event in the file: the seeded kiosk's first pull asks for what came after.
    public var cursor: String
    public var donors: Int
    public var events: Int
    /// Seconds since 1970.
    public var builtAt: Int64
    /// The file's gzip form (`GENERATION.gz`), what a kiosk downloads when it is there: its
    /// size and SHA-256. A third of the file's size, for a house's link.
    public var gzipBytes: Int64?
    public var gzipSHA256: String?
    /// The master key the seed's personal fields are sealed with (base64url, 32 bytes): the
    /// kiosk that adopts the seed keeps it as its own key file. Only enrolled devices get it.
    public var key: String

    public init(generation: String, city: String, bytes: Int64, sha256: String, cursor: String, donors: Int, events: Int,
                builtAt: Int64, key: String, gzipBytes: Int64? = nil, gzipSHA256: String? = nil) {
        self.generation = generation
        self.city = city
        self.bytes = bytes
        self.sha256 = sha256
        self.cursor = cursor
        self.donors = donors
        self.events = events
        self.builtAt = builtAt
        self.key = key
        self.gzipBytes = gzipBytes
        self.gzipSHA256 = gzipSHA256
    }

    enum CodingKeys: String, CodingKey {
        case generation, city, bytes, sha256, cursor, donors, events, key
        case builtAt = "built_at"
        case gzipBytes = "gzip_bytes", gzipSHA256 = "gzip_sha256"
    }

    /// What a kiosk downloads: the gzip form when the centre made one, else the file itself.
    public var download: (name: String, bytes: Int64, sha256: String) {
        if let gzipBytes, let gzipSHA256 { return (generation + ".gz", gzipBytes, gzipSHA256) }
        return (generation, bytes, sha256)
    }

    /// A generation name is letters, digits and dashes only: it becomes a file name at the centre.
    public static func isGenerationName(_ text: Substring) -> Bool {
        !text.isEmpty && text.count <= 64 && text.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}
