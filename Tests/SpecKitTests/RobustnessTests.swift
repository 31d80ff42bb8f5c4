import Foundation
import IomapEngine
import Testing
@testable import SpecKit

// MARK: - Issue 14's reproducers: each a positioned error or a completed run, never a signal, a hang or silence

/// One reproducer: a whole chapter, and the diagnostics the whole-spec load must give, exactly.
struct Reproducer: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    var expected: [String]
    var file = "Spec/01-x.md"
    var testDescription: String { name }
}

/// `# T` and one scenario at line 3 whose rows start on line 6.
func chapter(_ rows: String, info: String = "scenario t/x") -> String {
    "# T\n\n```\(info)\n| step | actor | action | expect |\n|---|---|---|---|\n\(rows)\n```\n"
}

let F = "Spec/01-x.md"
let limit = "(Docs/scenario-format.md, Limits)"

let reproducers: [Reproducer] = [
    // Crashes: overflowing or huge numbers.
    Reproducer(name: "pwrite at 2^63-1", markdown: chapter("| 1 | - | pwrite 9223372036854775807 1 data=A | done |"),
               expected: ["\(F):6:18: expected OFF at most 2^62 \(limit), found '9223372036854775807'"]),
    Reproducer(name: "store past 2^62", markdown: chapter("| 1 | - | store 4611686018427387904 1 data=A | done |"),
               expected: ["\(F):6:37: expected OFF+LEN at most 2^62 \(limit), found 4611686018427387904+1"]),
    Reproducer(name: "truncate to 2^63-1", markdown: chapter("| 1 | - | truncate 9223372036854775807 | done |"),
               expected: ["\(F):6:20: expected SIZE at most 2^62 \(limit), found '9223372036854775807'"]),
    Reproducer(name: "fallocate wrapping", markdown: chapter("| 1 | - | fallocate 4611686018427387000 4611686018427387000 | done |"),
               expected: ["\(F):6:41: expected OFF+LEN at most 2^62 \(limit), found 4611686018427387000+4611686018427387000"]),
    Reproducer(name: "readahead of 2^62", markdown: chapter("| 1 | - | readahead 0 4611686018427387000 | done |"),
               expected: ["\(F):6:23: expected LEN at most 64m \(limit), found '4611686018427387000'"]),
    Reproducer(name: "file range near 2^62", markdown: chapter("| 1 | - | fsync | file 4611686018427387000 4096 = A*4k |"),
               expected: ["\(F):6:44: expected OFF+LEN at most 2^62 \(limit), found 4611686018427387000+4096"]),
    Reproducer(name: "cache range near 2^63", markdown: chapter("| 1 | - | fsync | cache 9223372036854771712 4096 = u |"),
               expected: ["\(F):6:25: expected OFF at most 2^62 \(limit), found '9223372036854771712'"]),
    Reproducer(name: "disk range of 2^62 bytes", markdown: chapter("| 1 | - | fsync | disk 0 4611686018427387904 = _*4k |"),
               expected: ["\(F):6:26: expected LEN at most 64m \(limit), found '4611686018427387904'"]),
    Reproducer(name: "content run past Int", markdown: chapter("| 1 | - | fsync | disk 0 4k = A*99999999999999999999 |"),
               expected: ["\(F):6:33: expected a run size at most 64m \(limit), found '99999999999999999999'"]),
    Reproducer(name: "content runs whose sum wraps", markdown: chapter("| 1 | - | fsync | file 0 4k = A*64m B*64m |"),
               expected: ["\(F):6:37: expected content runs adding up to at most 64m \(limit)"]),
    Reproducer(name: "picture repeat of 10^10 blocks", markdown: chapter("| 1 | - | fsync | cache 0 4k = u*9999999999 |"),
               expected: ["\(F):6:43: expected a picture of at most 131072 blocks \(limit)"]),
    Reproducer(name: "picture repeat past Int", markdown: chapter("| 1 | - | fsync | cache 0 4k = u*99999999999999999999 |"),
               expected: ["\(F):6:34: expected a repeat count of at most 131072 blocks \(limit), found '99999999999999999999'"]),
    Reproducer(name: "params row at 2^63-1",
               markdown: "# T\n\n```params t/p fn=write-punch-range-bytes\n| offset | length | written | bs | start | end |\n|---|---|---|---|---|---|\n| 9223372036854775807 | 1 | 0 | 4096 | 0 | 0 |\n```\n",
               expected: ["\(F):6:3: expected offset at most 2^62 \(limit), found '9223372036854775807'"]),
    Reproducer(name: "until at an offset past 2^62", markdown: chapter("| 1 | W | pwrite 0 4k data=A until=copied@9223372036854775807 | paused=copied |"),
               expected: ["\(F):6:30: expected POINT@OFF with OFF a number at most 2^62, found 'copied@9223372036854775807'"]),
    Reproducer(name: "errortag past unsigned int", markdown: chapter("| 1 | - | errortag 99999999999 1 | done |"),
               expected: ["\(F):6:20: expected TAG at most 4294967295 \(limit), found '99999999999'"]),
    // Silently accepted blocks.
    Reproducer(name: "HTML block swallowing a fence",
               markdown: "# T\n\n<div>\n```scenario t/x\n| step | actor | action | expect |\n|---|---|---|---|\n| 1 | - | fsync | ret=0 |\n```\n</div>\n",
               expected: ["\(F):4:1: a scenario fence that does not open a block: inside the HTML block that starts on line 3, which cmark keeps as raw HTML (a blank line must separate HTML from the fence; an HTML comment must be closed); it would never run"]),
    Reproducer(name: "chapter cut off inside a scenario",
               markdown: "# T\n\n```scenario t/x\n| step | actor | action | expect |\n|---|---|---|---|\n| 1 | - | fsync | ret=0",
               expected: ["\(F):3:1: the scenario block opened here is never closed: expected a closing ``` fence",
                          "\(F):6:24: expected the row to end with '|'",
                          "\(F):3:1: expected at least one step row in scenario t/x"].sorted()),
    Reproducer(name: "unclosed HTML comment above a scenario",
               markdown: "# T\n\n<!-- TODO\n\n" + chapter("| 1 | - | fsync | ret=0 |").dropFirst(5),
               expected: ["\(F):5:1: a scenario fence that does not open a block: inside the HTML block that starts on line 3, which cmark keeps as raw HTML (a blank line must separate HTML from the fence; an HTML comment must be closed); it would never run"]),
    Reproducer(name: "misspelt fence keyword", markdown: chapter("| 1 | - | fsync | ret=0 |", info: "scenaro t/x"),
               expected: ["\(F):3:4: unknown block keyword 'scenaro': expected scenario, params, excerpt or explore (as written the block is plain code and never runs)"]),
    Reproducer(name: "fence indented 4 spaces",
               markdown: "# T\n\n    ```scenario t/x\n    | step | actor | action | expect |\n    ```\n",
               expected: ["\(F):3:5: a scenario fence that does not open a block: indented 4 or more spaces, so cmark reads it as an indented code block; it would never run"]),
    Reproducer(name: "fence in a block quote", markdown: "# T\n\n> ```params t/p fn=write-punch-range-bytes\n> ```\n",
               expected: ["\(F):3:3: a params block must be a top-level fenced block (not inside a list or quote), or it would not run"]),
    Reproducer(name: "fence inside a code block left open",
               markdown: "# T\n\n```text\nexample\n\n" + chapter("| 1 | - | fsync | ret=0 |").dropFirst(5),
               expected: ["\(F):6:1: a scenario fence that does not open a block: inside the code block opened on line 3, which is still open here; it would never run"]),
    Reproducer(name: "empty chapter", markdown: "", expected: ["\(F):1:1: expected a chapter, found an empty file"]),
    Reproducer(name: "chapter without a heading", markdown: String(chapter("| 1 | - | fsync | ret=0 |").dropFirst(5)),
               expected: ["\(F):1:1: expected a '# Title' heading: the chapter has none"]),
    Reproducer(name: "spec without a scenario", markdown: "# T\n\nProse only.\n",
               expected: ["\(F):1:1: expected at least one scenario or params block in the spec, found none: nothing would run"]),
    // Report injection, at parse time.
    Reproducer(name: "chapter file name with markup", markdown: "# T\n",
               expected: ["Spec/98-x\"><img src=x onerror=alert(1)>.md:1:1: expected a chapter file name NN-slug.md (two digits, a dash, a slug of a-z, 0-9 and -), found '98-x\"><img src=x onerror=alert(1)>.md'"],
               file: "Spec/98-x\"><img src=x onerror=alert(1)>.md"),
    Reproducer(name: "chapter number with a sign", markdown: "# T\n",
               expected: ["Spec/+1-x.md:1:1: expected a chapter file name NN-slug.md (two digits, a dash, a slug of a-z, 0-9 and -), found '+1-x.md'"],
               file: "Spec/+1-x.md"),
    Reproducer(name: "remote image", markdown: chapter("| 1 | - | fsync | ret=0 |") + "\nSee ![x](https://example.invalid/x.png).\n",
               expected: ["\(F):9:5: remote image 'https://example.invalid/x.png': the report never loads from the network; expected a relative path, or a link [text](URL)"]),
    // Smaller.
    Reproducer(name: "hex with a sign", markdown: chapter("| 1 | - | pwrite 0x+1000 1 data=A | ret=0x-16 |"),
               expected: ["\(F):6:18: expected OFF as a number (decimal, 0x hex, or k/m suffix), found '0x+1000'",
                          "\(F):6:41: expected ret=N or ret=-ERRNO with ERRNO one of EPERM, ENOENT, EIO, ENXIO, EAGAIN, ENOMEM, EFAULT, EBUSY, EINVAL, EFBIG, ENOSPC, EDEADLK, EOPNOTSUPP, EFSCORRUPTED, found 'ret=0x-16'"]),
    Reproducer(name: "duplicate setting", markdown: chapter("| 1 | - | fsync | ret=0 |", info: "scenario t/x bs=1k bs=4k"),
               expected: ["\(F):3:23: duplicate setting 'bs=' (first at column 17): expected each setting once"]),
    Reproducer(name: "duplicate option", markdown: chapter("| 1 | - | pwrite 0 4k data=A data=B | ret=4096 |"),
               expected: ["\(F):6:30: duplicate option 'data=': expected each option of pwrite once"]),
    Reproducer(name: "folio smaller than the block", markdown: chapter("| 1 | - | fsync | ret=0 |", info: "scenario t/x bs=64k folio=4k"),
               expected: ["\(F):3:30: expected folio= at least bs= (a folio holds whole blocks), found folio=4k with bs=64k"]),
    Reproducer(name: "every error of a row", markdown: chapter("| 1 | 9x | pwrit 0 4k | flurb |"),
               expected: ["\(F):6:7: expected an actor: '-' (the harness) or a name like W, F, WB; found '9x'",
                          "\(F):6:12: unknown action 'pwrit': expected one of collapse-range, continue, errortag, fail-io, fail-map, fallocate, fsync, insert-range, invalidate, load, pread, punch-hole, pwrite, readahead, reclaim, remount, store, truncate, writeback, zero-range",
                          "\(F):6:25: unknown expectation 'flurb': expected one of done, paused=, blocked=, ret=, got=, file, disk, cache, extents, cow, folios, size=, seq, reserved=, iomap, violation=, calls, seek"]),
    Reproducer(name: "actor still paused at the end", markdown: chapter("| 1 | W | pwrite 0 4k data=A until=copied | paused=copied |"),
               expected: ["\(F):6:11: actor W is still paused or blocked at the end of scenario t/x (since this row): expected a later 'continue' row for W"]),
]

@Test(arguments: reproducers)
func reproducer(_ r: Reproducer) {
    let spec = SpecLoader.load(files: [(r.file, r.markdown)], root: packageRoot, complete: true)
    #expect(spec.diagnostics.map(\.description) == r.expected)
}

// MARK: - Reproducers that need the runner or the raw bytes

@Test func deepNestingDoesNotOverflowTheStack() {
    for text in ["# T\n\n" + String(repeating: "- ", count: 100_000), "# T\n\n" + String(repeating: "> ", count: 200_000)] {
        let spec = SpecLoader.load(files: [(F, text)], root: packageRoot, complete: true)
        #expect(spec.diagnostics.map(\.description) == ["\(F):1:1: expected at least one scenario or params block in the spec, found none: nothing would run"])
    }
}

@Test func invalidUTF8IsReportedAtItsByte() {
    let d = SpecLoader.decode(Data("# T\n\nab\u{e9}".utf8.dropLast(1)) + Data([0xff, 0x41]), file: F)
    guard case .failure(let e) = d else { Issue.record("accepted invalid UTF-8"); return }
    #expect(e.description == "\(F):3:3: expected UTF-8 text, found the byte 0xc3 that is not valid UTF-8 here")
}

@Test func untilThatNeverHappensFails() throws {
    let spec = SpecLoader.load(files: [(F, chapter("| 1 | W | pwrite 0 4k data=A until=punch | cache 0 4k = D |\n| 2 | W | continue | ret=4096 |"))],
                               root: packageRoot, complete: true)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let result = ScenarioRunner.run(try #require(spec.scenarios.first))
    let failed = result.variants[0].steps[0].checks.filter { !$0.passed }
    #expect(failed.map { "\($0.location): \($0.expected) / \($0.actual)" }
            == ["\(F):6:11: paused=punch / done, ret=4096 (the operation never reached punch)"])
}

@Test func seekPastEOFShowsENXIOForTheHole() throws {
    let spec = SpecLoader.load(files: [(F, chapter("| 1 | - | pwrite 0 4k data=A | ret=4096; seek 8k = ENXIO ENXIO |"))],
                               root: packageRoot, complete: true)
    let result = ScenarioRunner.run(try #require(spec.scenarios.first))
    let seek = try #require(result.variants[0].steps[0].checks.last)
    #expect(seek.passed && seek.actual == "seek 8k = ENXIO ENXIO", "\(seek)")
}

@Test func noScenarioSpecFailsTheRun() {
    let run = SpecRun.run(SpecLoader.load(files: [(F, "# T\n\nProse.\n")], root: packageRoot, complete: true))
    #expect(!run.succeeded)
}

// MARK: - The engine boundary: arguments past s_maxbytes are errnos, not traps

@Test func machineRefusesRangesPastMaxBytes() {
    let m = Machine()
    let max = Machine.maxFileOffset
    #expect(m.perform(.pwrite(offset: Int.max, data: [65])).error == .EINVAL)
    #expect(m.perform(.pwrite(offset: max, data: [65])).error == .EFBIG)
    #expect(m.perform(.truncate(size: Int.max)).error == .EFBIG)
    #expect(m.perform(.fallocate(offset: max - 1, length: 2, keepSize: false)).error == .EFBIG)
    #expect(m.perform(.punchHole(offset: Int.max, length: Int.max)).error == .EINVAL)
    #expect(m.perform(.pread(offset: Int.max - 1, length: 2)).error == .EINVAL)
    #expect(m.perform(.readahead(offset: -1, length: 1)).error == .EINVAL)
    #expect(m.perform(.writeback(offset: max, length: 1)).error == .EFBIG)
    #expect(m.perform(.pread(offset: 0, length: 4096)).error == nil)
}

@Test("CRLF and lone-CR chapters keep cmark's line numbers, so fences and cells are where cmark sees them")
func crlfAndCRChapters() {
    let lf = chapter("| 1 | - | fsync | ret=0 |", info: "scenaro t/x")
    for ending in ["\r\n", "\r"] {
        let text = lf.replacingOccurrences(of: "\n", with: ending)
        let spec = SpecLoader.load(files: [(F, text)], root: packageRoot, complete: true)
        #expect(spec.diagnostics.map(\.description)
                == ["\(F):3:4: unknown block keyword 'scenaro': expected scenario, params, excerpt or explore (as written the block is plain code and never runs)"])
        let ok = SpecLoader.load(files: [(F, chapter("| 1 | - | fsync | ret=0 |").replacingOccurrences(of: "\n", with: ending))],
                                 root: packageRoot, complete: true)
        #expect(ok.diagnostics.isEmpty && ok.scenarios.first?.steps.first?.location.line == 6, "\(ok.diagnostics)")
    }
}

@Test("inline code that starts a line with backticks is not a fence, and a blank line after HTML frees the fence")
func noFalseFences() {
    let text = "# T\n\n- ```params``` tables and ```scenario` blocks\n\n<div>\n\n" + chapter("| 1 | - | fsync | ret=0 |").dropFirst(5)
    let spec = SpecLoader.load(files: [(F, text)], root: packageRoot, complete: true)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    #expect(spec.scenarios.count == 1)
}
