import Foundation
import SpecKit

// libFuzzer entry for the chapter parser: `make fuzz` (swiftc -sanitize=fuzzer). Every input is a chapter;
// parsing must never trap, and every diagnostic must carry a line and column inside the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func chapterFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let spec = SpecLoader.load(files: [("Spec/01-fuzz.md", text)], root: "/nonexistent", complete: true)
    // Lines as CommonMark counts them: \n, \r\n and a lone \r each end one.
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lines = 1 + bytes.indices.filter { bytes[$0] == 0x0A || (bytes[$0] == 0x0D && ($0 + 1 == size || bytes[$0 + 1] != 0x0A)) }.count
    for d in spec.diagnostics where d.location.line < 1 || d.location.column < 1 || d.location.line > lines + 1 {
        fatalError("diagnostic outside the input: \(d)")
    }
    return 0
}
