import Testing
@testable import FsxReplay

// MARK: - parsing *.fsxops

@Test("skip lines are ignored but counted; fields and keep_size parsed")
func parseBasics() throws {
    let text = """
    skip punch_hole 0x0 0x0 0x0
    write 0xbe2a 0xecd 0x0
    skip clone_range 0x6000 0x0 0x8000 0xccf7
    zero_range 0x94f7 0xa6 0xccf7 keep_size
    truncate 0x0 0xfd0 0xccf7

    mapread 0x10 0x20 0xfd0
    """
    let log = try FsxLog.parse(text, path: "t.fsxops")
    #expect(log.operations == [
        FsxOperation(line: 2, kind: .write, offset: 0xbe2a, length: 0xecd, recordedSize: 0),
        FsxOperation(line: 4, kind: .zeroRange, offset: 0x94f7, length: 0xa6, recordedSize: 0xccf7, keepSize: true),
        FsxOperation(line: 5, kind: .truncate, offset: 0, length: 0xfd0, recordedSize: 0xccf7),
        FsxOperation(line: 7, kind: .mapread, offset: 0x10, length: 0x20, recordedSize: 0xfd0),
    ])
}

@Test("an executed operation the replayer does not support stops with FILE:line:column: unsupported operation NAME")
func parseUnsupported() {
    #expect(throws: FsxParseError(path: "x.fsxops", line: 2, column: 1, message: "unsupported operation clone_range")) {
        try FsxLog.parse("write 0x0 0x1 0x0\nclone_range 0x1000 0x0 0x1000 0x4000\n", path: "x.fsxops")
    }
    let e = FsxParseError(path: "x.fsxops", line: 2, column: nil, message: "unsupported operation clone_range")
    #expect(e.description == "x.fsxops:2: unsupported operation clone_range")
}

@Test("malformed lines give FILE:line:column: expected ...")
func parseMalformed() {
    func message(_ text: String) -> String? {
        do { _ = try FsxLog.parse(text, path: "m.fsxops"); return nil } catch { return error.description }
    }
    #expect(message("write 0x10 12 0x0") == "m.fsxops:1:12: expected hexadecimal number (0x...)")
    #expect(message("read 0x10 0x12") == "m.fsxops:1:15: expected hexadecimal number (0x...)")
    #expect(message("write 0x0 0x1 0x0 keep_size") == "m.fsxops:1:19: expected end of line")
    #expect(message("fallocate 0x0 0x1 0x0 keepsize") == "m.fsxops:1:23: expected keep_size or end of line")
    #expect(message("fallocate 0x0 0x1 0x0 keep_size x") == "m.fsxops:1:33: expected end of line")
    #expect(message("skip write 0x0\n  0x12 0x1 0x0") == "m.fsxops:2:3: expected operation name")
    #expect(message("truncate 0x4 0x1 0x0") == "m.fsxops:1:10: expected 0x0 (truncate offset)")
    #expect(message("write 0xg 0x1 0x0") == "m.fsxops:1:7: expected hexadecimal number (0x...)")
}

// MARK: - data pattern

@Test("pattern ((n*37 + o*13 + (o>>8)) % 251) + 1, never zero")
func patternBytes() {
    // line 5, offset 0xbe2a = 48682: 185 + 632866 + 190 = 633241; 633241 % 251 = 219; + 1 = 220
    #expect(fsxPatternByte(line: 5, offset: 0xbe2a) == 220)
    // line 1, offset 0: 37 % 251 + 1
    #expect(fsxPatternByte(line: 1, offset: 0) == 38)
    // line 1, offset 256: 37 + 3328 + 1 = 3366; 3366 % 251 = 103; + 1
    #expect(fsxPatternByte(line: 1, offset: 256) == 104)
    let run = fsxPattern(line: 7, offset: 1000, length: 5000)
    #expect(run.count == 5000 && !run.contains(0))
    #expect(run[1234] == fsxPatternByte(line: 7, offset: 2234))
}

@Test("every shared log parses", arguments: SharedLogs.names)
func sharedLogsParse(name: String) throws {
    let log = try SharedLogs.log(name)
    #expect(log.operations.count > 100)
}

@Test("the shared logs are present beside the repository")
func sharedLogsPresent() {
    #expect(SharedLogs.missingReason == nil, "\(SharedLogs.missingReason ?? "")")
}

@Test("block sizes: decimal, hex or k suffix, power of two 512...64k")
func blockSizes() {
    #expect(parseBlockSize("1024") == 1024)
    #expect(parseBlockSize("4k") == 4096)
    #expect(parseBlockSize("0x200") == 512)
    #expect(parseBlockSize("64K") == 65536)
    #expect(parseBlockSize("3000") == nil)
    #expect(parseBlockSize("256") == nil)
    #expect(parseBlockSize("128k") == nil)
    #expect(parseBlockSize("x") == nil)
}

@Test("the stepped pattern equals the formula byte for byte, across 256-byte steps and large offsets")
func patternMatchesFormulaEverywhere() {
    for (line, offset) in [(1, 0), (13, 255), (250, 65_535), (999, 1 << 30), (4, (1 << 40) - 3000)] {
        let run = fsxPattern(line: line, offset: offset, length: 9000)
        #expect(run.indices.allSatisfy { run[$0] == fsxPatternByte(line: line, offset: offset + $0) })
    }
    #expect(fsxPattern(line: 3, offset: 7, length: 0).isEmpty)
}
