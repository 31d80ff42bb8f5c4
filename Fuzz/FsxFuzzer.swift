import FsxReplay

// libFuzzer entry for the fsx log parser: `make fuzz`. Parsing must never trap; an error names a line of the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fsxFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do { _ = try FsxLog.parse(bytes: bytes, path: "fuzz.fsxops") } catch {
        if error.line < 1 || error.column == nil || error.line > bytes.filter({ $0 == 0x0A }).count + 1 {
            fatalError("parse error outside the input: \(error)")
        }
    }
    return 0
}
