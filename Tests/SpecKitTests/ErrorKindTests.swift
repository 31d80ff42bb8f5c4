import Testing
@testable import SpecKit

// MARK: - Every error kind gives Spec/file.md:line:column and names what was expected

/// One malformed input, where its error must point, and a fragment of the message.
struct ErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    var at: String          // "line:column" in Spec/99-test.md
    var fragment: String
    var testDescription: String { name }
}

let H = "| step | actor | action | expect |\n|---|---|---|---|\n"
/// `| 1 | - | ACTION | EXPECT |`: the action starts at column 11.
func row(_ action: String, _ expect: String) -> String { "| 1 | - | \(action) | \(expect) |" }
/// Column where the expect cell of `row(action, _)` starts.
func expectColumn(_ action: String) -> Int { 11 + action.count + 3 }

let errorCases: [ErrorCase] = [
    ErrorCase(name: "duplicate scenario id", markdown: scenarioBlock(H + row("fsync", "ret=0")) + "\n" + scenarioBlock(H + row("fsync", "ret=0")),
              at: "7:1", fragment: "duplicate id 't/one' (first defined at Spec/99-test.md:1:1)"),
    ErrorCase(name: "duplicate section slug", markdown: "# T\n\n## Same\n\n## Same\n", at: "5:1", fragment: "duplicate id 'test/same'"),
    ErrorCase(name: "section id equals scenario id", markdown: "# T {#t/one}\n\n" + scenarioBlock(H + row("fsync", "ret=0")),
              at: "3:1", fragment: "duplicate id 't/one'"),
    ErrorCase(name: "missing scenario id", markdown: scenarioBlock("scenario", H + row("fsync", "ret=0")), at: "1:4", fragment: "the scenario id is missing"),
    ErrorCase(name: "unknown setting", markdown: scenarioBlock("scenario t/one colour=red", H + row("fsync", "ret=0")),
              at: "1:19", fragment: "unknown setting 'colour': expected one of bs, folio, patches, device, tags, aka"),
    ErrorCase(name: "bad block size", markdown: scenarioBlock("scenario t/one bs=3k", H + row("fsync", "ret=0")),
              at: "1:22", fragment: "expected bs= a power of two from 512 to 64k, found '3k'"),
    ErrorCase(name: "unknown patch", markdown: scenarioBlock("scenario t/one patches=-cookie", H + row("fsync", "ret=0")),
              at: "1:27", fragment: "expected patches=series or a comma list of -SWITCH and +SWITCH"),
    ErrorCase(name: "series patch turned on", markdown: scenarioBlock("scenario t/one patches=+validity-cookie", H + row("fsync", "ret=0")),
              at: "1:27", fragment: "expected '-validity-cookie': validity-cookie is a series patch, on in the series, found '+validity-cookie'"),
    ErrorCase(name: "later fix turned off", markdown: scenarioBlock("scenario t/one patches=-discard-folio-fix", H + row("fsync", "ret=0")),
              at: "1:27", fragment: "expected '+discard-folio-fix': discard-folio-fix is a later fix, off in the series"),
    ErrorCase(name: "switch flipped twice", markdown: scenarioBlock("scenario t/one patches=-validity-cookie,-validity-cookie", H + row("fsync", "ret=0")),
              at: "1:44", fragment: "duplicate '-validity-cookie' in patches="),
    ErrorCase(name: "with a fix already on", markdown: scenarioBlock("scenario t/one patches=+discard-folio-fix", "| step | actor | action | expect | with discard-folio-fix |\n|---|---|---|---|---|\n| 1 | - | fsync | ret=0 | = |"),
              at: "2:41", fragment: "switch 'discard-folio-fix' is already flipped by patches=+discard-folio-fix"),
    ErrorCase(name: "bad alias", markdown: scenarioBlock("scenario t/one aka=x,b@d", H + row("fsync", "ret=0")),
              at: "1:25", fragment: "expected aka=ID[,ID...] with ids of letters, digits and _-./, found 'b@d'"),
    ErrorCase(name: "bad device", markdown: scenarioBlock("scenario t/one device=nvme", H + row("fsync", "ret=0")),
              at: "1:26", fragment: "expected device=memory or device=file"),
    ErrorCase(name: "bad header", markdown: scenarioBlock("| step | who | action | expect |\n|---|---|---|---|\n" + row("fsync", "ret=0")),
              at: "2:10", fragment: "expected header column 2 to be 'actor'"),
    ErrorCase(name: "missing header rule", markdown: scenarioBlock("| step | actor | action | expect |\n" + row("fsync", "ret=0")),
              at: "3:1", fragment: "expected the header rule '|---|'"),
    ErrorCase(name: "without unknown switch", markdown: scenarioBlock("| step | actor | action | expect | without bogus |\n|---|---|---|---|---|\n| 1 | - | fsync | ret=0 | = |"),
              at: "2:44", fragment: "unknown switch 'bogus' in 'without' column: expected one of mkwrite-ops-split"),
    ErrorCase(name: "without a switch already off", markdown: scenarioBlock("scenario t/one patches=-validity-cookie", "| step | actor | action | expect | without validity-cookie |\n|---|---|---|---|---|\n| 1 | - | fsync | ret=0 | = |"),
              at: "2:44", fragment: "switch 'validity-cookie' is already flipped by patches=-validity-cookie; a 'without validity-cookie' column would repeat the expect run"),
    ErrorCase(name: "ragged row", markdown: scenarioBlock(H + "| 1 | - | fsync |"), at: "4:1", fragment: "expected 4 cells in this row (as the header), found 3"),
    ErrorCase(name: "unknown actor", markdown: scenarioBlock(H + "| 1 | 9x | fsync | ret=0 |"), at: "4:7", fragment: "expected an actor: '-' (the harness) or a name like W, F, WB; found '9x'"),
    ErrorCase(name: "unknown action", markdown: scenarioBlock(H + row("pwrit 0 4k data=A", "ret=0")), at: "4:11", fragment: "unknown action 'pwrit': expected one of"),
    ErrorCase(name: "bad number", markdown: scenarioBlock(H + row("pwrite 0 4q data=A", "ret=0")), at: "4:20", fragment: "expected LEN as a number (decimal, 0x hex, or k/m suffix), found '4q'"),
    ErrorCase(name: "missing argument", markdown: scenarioBlock(H + row("pwrite 0 data=A", "ret=0")), at: "4:11", fragment: "pwrite needs OFF LEN"),
    ErrorCase(name: "bad data letter", markdown: scenarioBlock(H + row("pwrite 0 4k data=AB", "ret=0")), at: "4:23", fragment: "expected data=X with X one letter, found 'data=AB'"),
    ErrorCase(name: "unknown option", markdown: scenarioBlock(H + row("pread 0 4k data=A", "ret=0")), at: "4:22", fragment: "unknown option 'data=' for pread"),
    ErrorCase(name: "unknown pause point", markdown: scenarioBlock(H + "| 1 | W | pwrite 0 4k data=A until=nowhere | paused=nowhere |"),
              at: "4:30", fragment: "unknown pause point 'nowhere': expected one of iomap_begin"),
    ErrorCase(name: "unknown expectation kind", markdown: scenarioBlock(H + row("fsync", "flurb=1")), at: "4:\(expectColumn("fsync"))",
              fragment: "unknown expectation 'flurb=1': expected one of done, paused="),
    ErrorCase(name: "unknown invariant", markdown: scenarioBlock(H + row("fsync", "ret=0; violation=oops")), at: "4:\(expectColumn("fsync") + 7 + 10)",
              fragment: "unknown invariant 'oops': expected one of dirty-without-backing"),
    ErrorCase(name: "unknown lock", markdown: scenarioBlock(H + "| 1 | W | fsync | blocked=mutex |"), at: "4:27", fragment: "unknown lock 'mutex'"),
    ErrorCase(name: "bad ret", markdown: scenarioBlock(H + row("fsync", "ret=-EWHAT")), at: "4:\(expectColumn("fsync") + 4)", fragment: "expected ret=N or ret=-ERRNO with ERRNO one of EPERM, ENOENT, EIO, ENXIO, EAGAIN, ENOMEM, EFAULT, EBUSY, EINVAL, EFBIG, ENOSPC, EDEADLK, EOPNOTSUPP, EFSCORRUPTED, found 'ret=-EWHAT'"),
    ErrorCase(name: "content length mismatch", markdown: scenarioBlock(H + row("fsync", "file 0 8k = A*4k")), at: "4:\(expectColumn("fsync") + 12)",
              fragment: "expected 8k bytes of content for 'file 0 8k', the runs add up to 4k"),
    ErrorCase(name: "no-block content outside disk", markdown: scenarioBlock(H + row("fsync", "file 0 4k = _*4k")), at: "4:\(expectColumn("fsync") + 12)",
              fragment: "'_' (no block) is only meaningful in a disk expectation"),
    ErrorCase(name: "unaligned picture range", markdown: scenarioBlock(H + row("fsync", "cache 0 6k = uu")), at: "4:\(expectColumn("fsync") + 6)",
              fragment: "expected a block-aligned range for a cache picture (bs=4k), found 0 6k"),
    ErrorCase(name: "picture length mismatch", markdown: scenarioBlock(H + row("fsync", "extents 0 8k = d")), at: "4:\(expectColumn("fsync") + 15)",
              fragment: "expected 2 picture characters (one per 4k block) for extents 0 8k, found 1"),
    ErrorCase(name: "bad picture character", markdown: scenarioBlock(H + row("fsync", "cache 0 4k = x")), at: "4:\(expectColumn("fsync") + 13)",
              fragment: "unexpected picture character 'x'"),
    ErrorCase(name: "ret on a pausing row", markdown: scenarioBlock(H + "| 1 | W | pwrite 0 4k data=A until=copied | ret=4096 |"),
              at: "4:45", fragment: "'ret=4096' can never be checked: this row's action pauses (until=copied)"),
    ErrorCase(name: "got on a non-read", markdown: scenarioBlock(H + row("pwrite 0 4k data=A", "got=A*4k")), at: "4:\(expectColumn("pwrite 0 4k data=A"))",
              fragment: "'got=A*4k' can never be checked: got= needs a read"),
    ErrorCase(name: "paused without until", markdown: scenarioBlock(H + "| 1 | W | pwrite 0 4k data=A | paused=copied |"),
              at: "4:32", fragment: "'paused=copied' can never be checked: paused= needs until=POINT"),
    ErrorCase(name: "paused at another point than until", markdown: scenarioBlock(H + "| 1 | W | pwrite 0 4k data=A until=copied | paused=punch |"),
              at: "4:45", fragment: "it can only pause at copied"),
    ErrorCase(name: "harness with until", markdown: scenarioBlock(H + row("pwrite 0 4k data=A until=copied", "done")),
              at: "4:11", fragment: "the harness ('-') runs synchronously and cannot pause"),
    ErrorCase(name: "continue without an operation in flight", markdown: scenarioBlock(H + "| 1 | W | continue | done |"),
              at: "4:11", fragment: "continue for actor W, which has no paused or blocked operation"),
    ErrorCase(name: "iomap on the harness", markdown: scenarioBlock(H + row("fsync", "iomap = none")), at: "4:\(expectColumn("fsync"))",
              fragment: "the harness '-' keeps no iomap"),
    ErrorCase(name: "malformed parameter info string", markdown: "```params p/one fn=write-punch-range-bytes extra\n| a |\n|---|\n| 1 |\n```\n",
              at: "1:4", fragment: "expected 'params ID fn=FUNCTION [aka=ID,...]'"),
    ErrorCase(name: "unknown parameter function", markdown: "```params p/one fn=no-such-fn\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n",
              at: "1:20", fragment: "unknown parameter function 'no-such-fn'"),
    ErrorCase(name: "unknown parameter column", markdown: "```params p/one fn=write-punch-range-bytes\n| offset | length | written | bs | start | stop |\n|---|---|---|---|---|---|\n| 0 | 4096 | 0 | 4096 | 0 | 4096 |\n```\n",
              at: "2:44", fragment: "unknown column 'stop' for write-punch-range-bytes: expected inputs offset,length,written,bs and outputs start,end"),
    ErrorCase(name: "missing parameter input column", markdown: "```params p/one fn=write-punch-range-bytes\n| offset | length | bs | start |\n|---|---|---|---|\n| 0 | 4096 | 4096 | 0 |\n```\n",
              at: "2:3", fragment: "missing input column 'written' for write-punch-range-bytes"),
    ErrorCase(name: "bad parameter value", markdown: "```params p/one fn=write-punch-range-bytes\n| offset | length | written | bs | start |\n|---|---|---|---|---|\n| 0 | 4x | 0 | 4096 | 0 |\n```\n",
              at: "4:7", fragment: "expected length as a number"),
    ErrorCase(name: "ragged parameter row", markdown: "```params p/one fn=write-punch-range-bytes\n| offset | length | written | bs | start |\n|---|---|---|---|---|\n| 0 | 4096 | 0 | 4096 |\n```\n",
              at: "4:1", fragment: "expected 5 cells in this row (as the header), found 4"),
    ErrorCase(name: "missing excerpt file", markdown: "```excerpt NoSuch/File.swift region\n```\n", at: "1:12",
              fragment: "excerpt file 'Sources/NoSuch/File.swift' not found"),
    ErrorCase(name: "missing excerpt region", markdown: "```excerpt SpecKit/Run/SpecRun.swift no-such-region\n```\n", at: "1:38",
              fragment: "excerpt region 'no-such-region' not found in Sources/SpecKit/Run/SpecRun.swift"),
    ErrorCase(name: "scenario block nested in a list", markdown: "- item\n\n  ```scenario t/nested\n  | step | actor | action | expect |\n  ```\n",
              at: "3:3", fragment: "a scenario block must be a top-level fenced block"),
    ErrorCase(name: "empty scenario", markdown: scenarioBlock(H.dropLast().description), at: "1:1", fragment: "expected at least one step row"),
]

@Test(arguments: errorCases)
func errorKind(_ c: ErrorCase) {
    let ds = diagnostics(c.markdown)
    let hit = ds.first { $0.message.contains(c.fragment) }
    #expect(hit != nil, "no diagnostic containing \"\(c.fragment)\"; got: \(ds.map(\.description))")
    if let hit {
        #expect(hit.location.file == "Spec/99-test.md")
        #expect("\(hit.location.line):\(hit.location.column)" == c.at, "\(hit)")
    }
}

/// A bad file name is reported at line 1 column 1.
@Test func badChapterFileName() {
    let ds = diagnostics("# x\n", file: "Spec/intro.md")
    #expect(ds.map(\.description) == ["Spec/intro.md:1:1: expected a chapter file name NN-slug.md (two digits, a dash, a slug of a-z, 0-9 and -), found 'intro.md'"])
}

/// Ids are unique across chapters, not only inside one.
@Test func duplicateIdAcrossChapters() {
    let a = scenarioBlock(H + row("fsync", "ret=0"))
    let spec = SpecLoader.load(files: [("Spec/01-a.md", a), ("Spec/02-b.md", "# B\n\n" + a)], root: packageRoot)
    #expect(spec.diagnostics.map(\.description) == ["Spec/02-b.md:3:1: duplicate id 't/one' (first defined at Spec/01-a.md:1:1): expected ids unique across all chapters; add an explicit {#id} or rename"])
}

/// All errors of all chapters are reported, not only the first.
@Test func reportsAllErrors() {
    let bad = scenarioBlock(H + row("pwrit 0 4k", "ret=0") + "\n" + row("fsync", "flurb"))
    let spec = SpecLoader.load(files: [("Spec/01-a.md", bad), ("Spec/02-b.md", scenarioBlock("scenario t/two bs=7", H + row("fsync", "ret=0")))], root: packageRoot)
    #expect(spec.diagnostics.count == 3, "\(spec.diagnostics)")
    #expect(spec.scenarios.isEmpty)
}

/// A malformed spec fails the run: errors count as failures, so `iomapspec run` exits non-zero.
@Test func malformedSpecFailsTheRun() {
    let spec = SpecLoader.load(files: [("Spec/01-a.md", scenarioBlock(H + row("pwrit 0 4k", "ret=0")))], root: packageRoot)
    let run = SpecRun.run(spec)
    #expect(!run.succeeded)
    #expect(run.text.hasSuffix("0 passed, 1 failed\n"))
    #expect(run.text.hasPrefix("Spec/01-a.md:4:11: unknown action 'pwrit'"))
}

/// Info-string columns follow the real fence: indentation, longer fences and tildes.
@Test func infoColumnsFollowTheFence() {
    let ds = diagnostics("  ~~~~  scenario t/one colour=red\n  | step | actor | action | expect |\n  |---|---|---|---|\n  | 1 | - | fsync | ret=0 |\n  ~~~~\n")
    #expect(ds.map(\.description) == ["Spec/99-test.md:1:24: unknown setting 'colour': expected one of bs, folio, patches, device, tags, aka"])
}
