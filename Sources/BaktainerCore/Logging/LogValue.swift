import Logging

/// One metadata value of a JSON log line, typed: an integer, floating-point or boolean value logged as
/// `.stringConvertible` is written as a JSON number or boolean, so `jq 'select(.bytes > 1e9)'` works; everything
/// else is a string, an array or an object.
enum LogValue: Encodable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case array([LogValue])
    case object([String: LogValue])

    /// The typed form of a swift-log metadata value.
    init(_ value: Logger.MetadataValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .stringConvertible(let convertible):
            switch convertible {
            case let flag as Bool: self = .boolean(flag)
            case let integer as any BinaryInteger: self = Int64(exactly: integer).map(LogValue.integer) ?? .string("\(integer)")
            case let number as any BinaryFloatingPoint:
                let double = Double(number)
                self = double.isFinite ? .number(double) : .string("\(number)")
            default: self = .string(convertible.description)
            }
        case .array(let values): self = .array(values.map(LogValue.init))
        case .dictionary(let values): self = .object(values.mapValues(LogValue.init))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let integer): try container.encode(integer)
        case .number(let number): try container.encode(number)
        case .boolean(let flag): try container.encode(flag)
        case .array(let values): try container.encode(values)
        case .object(let values): try container.encode(values)
        }
    }
}
