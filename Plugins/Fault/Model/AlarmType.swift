import Foundation

/// The X.733 event type of an alarm (`alarmType`).
enum AlarmType: String, Sendable, Hashable, CaseIterable {
    case communications, qualityOfService, processingError, equipment, environmental

    /// The document's names (`EquipmentAlarm`, `CommunicationsAlarm`, …) and TS 28.532's
    /// (`COMMUNICATIONS_ALARM`, …), in any case, with or without `Alarm`.
    init?(documentName: String) {
        let key = documentName.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: " ", with: "")
        let bare = key.hasSuffix("alarm") ? String(key.dropLast(5)) : key
        switch bare {
        case "communications", "communication": self = .communications
        case "qualityofservice", "qos": self = .qualityOfService
        case "processingerror", "processing": self = .processingError
        case "equipment": self = .equipment
        case "environmental", "environment": self = .environmental
        default: return nil
        }
    }

    /// The names the document uses, for messages.
    static let documentNames = "CommunicationsAlarm, QualityOfServiceAlarm, ProcessingErrorAlarm, EquipmentAlarm, EnvironmentalAlarm"
}
