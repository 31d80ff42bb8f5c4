import IomapEngine
import Testing
@testable import SpecKit

// MARK: - Numbers, slugs, section numbers, positions, cells

@Test func numbers() {
    #expect(parseNumber("4096") == 4096)
    #expect(parseNumber("0x1000") == 4096)
    #expect(parseNumber("4k") == 4096)
    #expect(parseNumber("1m") == 1 << 20)
    #expect(parseNumber("-5", allowNegative: true) == -5)
    #expect(parseNumber("-5") == nil)
    #expect(parseNumber("4q") == nil)
    #expect(parseNumber("0x") == nil)
    #expect(parseNumber("k") == nil)
}

@Test func slugs() {
    #expect(ChapterParser.slug("The fix, again") == "the-fix-again")
    #expect(ChapterParser.slug("iomap_write_begin() and IOMAP_F_STALE") == "iomap_write_begin-and-iomap_f_stale")
}

@Test func sectionNumbersAndIds() {
    let spec = SpecLoader.load(files: [("Spec/03-validity-cookies.md", "# Cookies\n\n## A\n\n### A1\n\n### A2 {#x/a2}\n\n## B\n\n### B1\n")], root: packageRoot)
    #expect(spec.diagnostics.isEmpty)
    let s = spec.sections
    #expect(s.map(\.number) == ["3", "3.1", "3.1.1", "3.1.2", "3.2", "3.2.1"])
    #expect(s.map(\.id) == ["validity-cookies/cookies", "validity-cookies/a", "validity-cookies/a1", "x/a2", "validity-cookies/b", "validity-cookies/b1"])
    #expect(s[3].title == "A2")
    #expect(s[2].location.description == "Spec/03-validity-cookies.md:5:1")
}

@Test func parsesScenarioModel() throws {
    let md = """
    # T

    ```scenario t/model bs=1k folio=16k patches=-validity-cookie device=file tags=a,b
    | step | actor | action | expect | without seek-data-scan |
    |---|---|---|---|---|
    | 1 | W | pwrite 0x400 4k data=Q efault=100 until=folio_locked@1k | paused=folio_locked@1k; cache 0 4k = -L.. | = |
    | 2 | W | continue | done; ret=100; seq data=3 cow=0; violation=deadlock | ret=-EFAULT |
    | 3 | - | pread 0 2k | got=0*1k Q*1k; disk 0 2k = _ _*1023 0*1k; folios 0 16k = 0+16k | folios 0 4k = none |
    ```
    """
    let spec = SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let s = try #require(spec.scenarios.first)
    #expect(s.settings.blockSize == 1024 && s.settings.folioSize == 16384)
    #expect(s.settings.flipped == [.validityCookie] && s.settings.device == .file && s.settings.tags == ["a", "b"])
    #expect(s.switchColumns == [.seekDataScan])
    #expect(s.variantNames == ["expect", "without seek-data-scan"])
    let pwrite = Operation.pwrite(offset: 1024, data: [UInt8](repeating: 81, count: 4096), efaultAfter: 100)
    #expect(s.steps[0].action == Action(kind: .operation(pwrite), until: PauseTarget(point: .folioLocked, pos: 1024),
                                        isRead: false, reach: 5120, location: s.steps[0].action.location))
    #expect(s.steps[1].action.kind == .continue && s.steps[2].action.isRead)
    #expect(s.steps[0].location.line == 6)
    #expect(s.steps[0].cells[1].text == "=")
    #expect(s.steps[0].cells[1].expectations == s.steps[0].cells[0].expectations)
    #expect(s.steps[0].cells[0].expectations[1].kind == .cache(offset: 0, length: 4096, picture: "-L.."))
    #expect(s.steps[1].cells[0].expectations[2].kind == .seq([.data: 3, .cow: 0]))
    #expect(s.steps[1].cells[1].expectations[0].kind == .ret(-14))
    #expect(s.steps[2].cells[0].expectations[1].kind == .disk(offset: 0, length: 2048, Content(bytes: [nil] + Array(repeating: nil, count: 1023) + Array(repeating: 0, count: 1024))))
    #expect(s.steps[2].cells[1].expectations[0].kind == .folios(offset: 0, length: 4096, []))
    // Column of the third expectation in row 2's expect cell.
    #expect(s.steps[1].cells[0].expectations[2].location.description == "Spec/01-t.md:7:37")
}

@Test func iomapExpectationNormalises() throws {
    let md = scenarioBlock(H + "| 1 | W | pwrite 0 4k data=A until=folio_locked | iomap = delalloc 0+4k IOMAP_F_NEW stale |\n| 2 | W | continue | done |")
    let spec = SpecLoader.load(files: [("Spec/01-t.md", md)], root: packageRoot)
    let e = try #require(spec.scenarios.first?.steps.first?.cells.first?.expectations.first)
    #expect(e.kind == .iomap(IomapExpectation(type: .IOMAP_DELALLOC, offset: 0, length: 4096, flags: [.IOMAP_F_NEW, .IOMAP_F_STALE])))
    #expect(e.text == "iomap = delalloc 0+4k IOMAP_F_NEW stale")
}
