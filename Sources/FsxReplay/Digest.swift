import CCrypto

// MARK: - SHA-256 (OpenSSL libcrypto)

/// SHA-256 of a byte stream through OpenSSL's libcrypto (`EVP_DigestInit_ex(EVP_sha256())`, `EVP_DigestUpdate`,
/// `EVP_DigestFinal_ex`).
///
/// libcrypto rather than swift-crypto: it is a system library like libcmark (Debian `libssl-dev`, installed by
/// `make deps`), costs nothing to build, and hashes at the speed of the C replayer the kernel column stands for.
public struct SHA256 {
    /// Owns the `EVP_MD_CTX` (freed with the hasher).
    private final class Context {
        let ctx: OpaquePointer
        init() {
            guard let c = EVP_MD_CTX_new(), EVP_DigestInit_ex(c, EVP_sha256(), nil) == 1 else {
                fatalError("libcrypto: cannot set up a SHA-256 context")
            }
            ctx = c
        }
        deinit { EVP_MD_CTX_free(ctx) }
    }
    private let context = Context()

    public init() {}

    /// Absorbs more message bytes (contiguous storage is hashed in place, anything else is copied once).
    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ p in absorb(UnsafeRawBufferPointer(p)) }) == nil {
            Array(bytes).withUnsafeBytes { absorb($0) }
        }
    }

    /// Absorbs `count` zero bytes.
    public mutating func updateZeros(_ count: Int) {
        var left = count
        while left > 0 {
            let n = min(left, zeroPage.count)
            zeroPage.withUnsafeBytes { absorb(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            left -= n
        }
    }

    /// Absorbs raw bytes.
    public mutating func update(_ raw: UnsafeRawBufferPointer) { absorb(raw) }

    private func absorb(_ raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress, raw.count > 0 else { return }
        EVP_DigestUpdate(context.ctx, base, raw.count)
    }

    /// The 32-byte digest; the hasher is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var n: UInt32 = 0
        out.withUnsafeMutableBufferPointer { _ = EVP_DigestFinal_ex(context.ctx, $0.baseAddress, &n) }
        precondition(n == 32, "libcrypto: SHA-256 digest of \(n) bytes")
        return out
    }

    /// Digest of `bytes` in one call.
    public static func hash<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var s = SHA256()
        s.update(bytes)
        return s.finalize()
    }

    /// Lower-case hex digest of `bytes`, as sha256sum prints it.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        hexString(hash(bytes))
    }
}

/// 64 KiB of zeroes, the source of `SHA256.updateZeros`.
private let zeroPage = [UInt8](repeating: 0, count: 64 << 10)

/// Lower-case hexadecimal rendering of bytes.
public func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
    return String(decoding: out, as: UTF8.self)
}
