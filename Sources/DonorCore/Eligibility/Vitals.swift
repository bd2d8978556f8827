/// The pre-donation check (体检) and the quick labs taken at the house. Every field is optional:
/// a missing measure makes the decision "incomplete" rather than guessing.
public struct Vitals: Codable, Sendable, Hashable {
    public var weightKg: Double?
    public var systolic: Int?
    public var diastolic: Int?
    public var pulse: Int?
    /// False when the nurse finds the pulse irregular.
    public var pulseRegular: Bool?
    public var temperatureCelsius: Double?
    /// Haemoglobin in g/L.
    public var haemoglobin: Double?
    /// Haematocrit as a fraction (0.36), for apheresis.
    public var haematocrit: Double?
    /// Platelet count in ×10⁹/L, for apheresis.
    public var platelets: Double?
    /// An endurance athlete: the policy's lower pulse line applies.
    public var athlete: Bool?

    public init(
        weightKg: Double? = nil, systolic: Int? = nil, diastolic: Int? = nil, pulse: Int? = nil,
        pulseRegular: Bool? = nil, temperatureCelsius: Double? = nil, haemoglobin: Double? = nil,
        haematocrit: Double? = nil, platelets: Double? = nil, athlete: Bool? = nil
    ) {
        self.weightKg = weightKg
        self.systolic = systolic
        self.diastolic = diastolic
        self.pulse = pulse
        self.pulseRegular = pulseRegular
        self.temperatureCelsius = temperatureCelsius
        self.haemoglobin = haemoglobin
        self.haematocrit = haematocrit
        self.platelets = platelets
        self.athlete = athlete
    }

    enum CodingKeys: String, CodingKey {
        case weightKg = "weight_kg", systolic, diastolic, pulse
        case pulseRegular = "pulse_regular", temperatureCelsius = "temperature_c"
        case haemoglobin, haematocrit, platelets, athlete
    }
}
