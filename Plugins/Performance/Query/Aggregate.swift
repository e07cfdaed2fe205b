import PluginAPI

/// Values of one series combined over a longer period: enough to give any ``KPIAggregation``.
struct Aggregate: Sendable {
    var total: Double
    var samples: Int
    var minimum: Double
    var maximum: Double

    init(_ value: Double) {
        total = value
        samples = 1
        minimum = value
        maximum = value
    }

    init(total: Double, samples: Int, minimum: Double, maximum: Double) {
        self.total = total
        self.samples = samples
        self.minimum = minimum
        self.maximum = maximum
    }

    mutating func add(_ value: Double) {
        total += value
        samples += 1
        minimum = min(minimum, value)
        maximum = max(maximum, value)
    }
}

extension Aggregate {
    /// The combined value as the KPI's definition says.
    func value(_ aggregation: KPIAggregation) -> Double {
        switch aggregation {
        case .sum: return total
        case .average: return samples == 0 ? 0 : total / Double(samples)
        case .minimum: return minimum
        case .maximum: return maximum
        }
    }
}
