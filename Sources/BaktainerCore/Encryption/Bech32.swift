/// Bech32 encoding and decoding (BIP-173 checksum) as age uses it for keys, without BIP-173's 90-character limit.
package enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]

    /// Encodes `data` (8-bit bytes) under the human-readable part `hrp`; the result is lower-case unless
    /// `hrp` is upper-case, in which case it is all upper-case. Returns nil for an invalid `hrp`.
    package static func encode(hrp: String, data: [UInt8]) -> String? {
        let hrpBytes = Array(hrp.utf8)
        guard !hrpBytes.isEmpty, hrpBytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        let lowerHRP = hrpBytes.map(lower)
        let upper = hrpBytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
        if upper && hrpBytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A }) { return nil }
        guard let values = convertBits(data, from: 8, to: 5, pad: true) else { return nil }
        let checksum = createChecksum(hrp: lowerHRP, values: values)
        var out = lowerHRP
        out.append(UInt8(ascii: "1"))
        out.append(contentsOf: (values + checksum).map { charset[Int($0)] })
        let text = String(decoding: out, as: UTF8.self)
        return upper ? text.uppercased() : text
    }

    /// Decodes a Bech32 string into its human-readable part (lower-cased) and 8-bit data.
    /// Returns nil for mixed case, bad characters, a bad checksum or bad padding.
    package static func decode(_ text: String) -> (hrp: String, data: [UInt8])? {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { return nil }
        let hasLower = bytes.contains(where: { $0 >= 0x61 && $0 <= 0x7A })
        let hasUpper = bytes.contains(where: { $0 >= 0x41 && $0 <= 0x5A })
        guard !(hasLower && hasUpper) else { return nil }
        let lowered = bytes.map(lower)
        guard let separator = lowered.lastIndex(of: UInt8(ascii: "1")),
            separator >= 1, separator + 7 <= lowered.count
        else { return nil }
        let hrp = Array(lowered[..<separator])
        var values: [UInt8] = []
        values.reserveCapacity(lowered.count - separator - 1)
        for byte in lowered[(separator + 1)...] {
            guard let index = charset.firstIndex(of: byte) else { return nil }
            values.append(UInt8(index))
        }
        guard polymod(expand(hrp) + values) == 1 else { return nil }
        guard let data = convertBits(Array(values.dropLast(6)), from: 5, to: 8, pad: false) else { return nil }
        return (String(decoding: hrp, as: UTF8.self), data)
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte + 32 : byte
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var chk: UInt32 = 1
        for value in values {
            let top = chk >> 25
            chk = (chk & 0x1ff_ffff) << 5 ^ UInt32(value)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 {
                chk ^= generator[i]
            }
        }
        return chk
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func createChecksum(hrp: [UInt8], values: [UInt8]) -> [UInt8] {
        let mod = polymod(expand(hrp) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        return (0..<6).map { UInt8((mod >> UInt32(5 * (5 - $0))) & 31) }
    }

    private static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0
        var bits = 0
        var out: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in data {
            guard Int(value) >> from == 0 else { return nil }
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((accumulator >> bits) & maxValue))
            }
            accumulator &= (1 << bits) - 1
        }
        if pad {
            if bits > 0 { out.append(UInt8((accumulator << (to - bits)) & maxValue)) }
        } else if bits >= from || ((accumulator << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return out
    }
}
