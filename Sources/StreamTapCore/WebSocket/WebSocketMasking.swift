/// The XOR masking of RFC 6455 §5.3 (its own inverse).
public enum WebSocketMasking {
    /// Masks (or unmasks) `payload` in place with the 4-byte `key`,
    /// starting at key position `phase` (for payloads split in parts).
    public static func apply(key: [UInt8], to payload: inout [UInt8], phase: Int = 0) {
        guard key.count == 4 else { return }
        let k0 = key[0]
        let k1 = key[1]
        let k2 = key[2]
        let k3 = key[3]
        payload.withUnsafeMutableBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            if phase % 4 == 0 {
                let word = UInt32(k0) | UInt32(k1) << 8 | UInt32(k2) << 16 | UInt32(k3) << 24
                let raw = UnsafeMutableRawBufferPointer(bytes)
                while index + 4 <= count {
                    let value = raw.loadUnaligned(fromByteOffset: index, as: UInt32.self)
                    raw.storeBytes(of: value ^ word.littleEndian, toByteOffset: index, as: UInt32.self)
                    index += 4
                }
            }
            while index < count {
                let keyByte: UInt8
                switch (index + phase) & 3 {
                case 0: keyByte = k0
                case 1: keyByte = k1
                case 2: keyByte = k2
                default: keyByte = k3
                }
                bytes[index] ^= keyByte
                index += 1
            }
        }
    }
}
