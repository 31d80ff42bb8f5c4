import Foundation
import IomapEngine
import Testing
@testable import SpecKit

// MARK: - Every explore block of the spec: series clean, each `without` switch caught

/// One explore block and one of its runs (nil: the series).
struct ExploreCase: Sendable, CustomTestStringConvertible {
    var id: String
    var patch: Patch?
    var testDescription: String { id + (patch.map { " without \($0.rawValue)" } ?? " series") }
}

let exploreCases: [ExploreCase] = loadedSpec.chapters.flatMap(\.explorations).flatMap { e in
    [ExploreCase(id: e.id, patch: nil)] + e.without.map { ExploreCase(id: e.id, patch: $0.patch) }
}

/// The series explores clean and exhausts its bound; a `without` run finds a violation whose minimized
/// counterexample, parsed from its printed Markdown as a chapter, passes and goes red with the switch off.
@Test(arguments: exploreCases)
func exploreBlock(_ c: ExploreCase) throws {
    let e = try #require(loadedSpec.chapters.flatMap(\.explorations).first { $0.id == c.id })
    guard let patch = c.patch else {
        let v = ExploreRunner.runSeries(e, overrides: .init())
        #expect(v.passed, "\(v.failures)")
        #expect(v.stats.exhausted)
        #expect(v.stats.schedules > 1)
        return
    }
    let v = ExploreRunner.runWithout(e, patch: patch, overrides: .init())
    #expect(!v.failures.isEmpty, "no violation found with \(patch.rawValue) off")
    let cx = try #require(v.counterexample)
    #expect(cx.verified, "\(cx.markdown)\n\(cx.result?.failureLines ?? [])")
    let spec = SpecLoader.load(files: [("Spec/99-counterexample.md", "# Counterexample\n\n" + cx.markdown)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let s = try #require(spec.scenarios.first)
    let r = ScenarioRunner.run(s)
    #expect(r.passed, "\(r.failureLines)")
    #expect(!r.revertedRed.isEmpty && r.revertedRed.allSatisfy(\.isRed))
}

/// Chapters 1–6 each have an explore block; 1, 2, 4, 5 and 6 catch their own switch reverted, and 3 catches 6.2's
/// own regression (the later fix `discard-folio-fix` turned off: chapter 3's patches change no outcome).
@Test func chaptersHaveExploreBlocks() {
    for n in 1...6 {
        let c = loadedSpec.chapters.first { $0.number == n }
        #expect(c?.explorations.isEmpty == false, "chapter \(n) has no explore block")
    }
    let own: [Int: Patch] = [1: .mkwriteOpsSplit, 2: .invalidateLock, 3: .discardFolioFix, 4: .seekDataScan,
                             5: .validityCookie, 6: .errortagRemoval]
    for (n, p) in own {
        let c = loadedSpec.chapters.first { $0.number == n }
        #expect(c?.explorations.contains { $0.without.contains { $0.patch == p } } == true, "chapter \(n) lacks without \(p.rawValue)")
    }
}

/// Same block, same flags: the same figures and the same counterexample bytes.
@Test func exploreIsDeterministic() throws {
    let e = try #require(loadedSpec.chapters.flatMap(\.explorations).first { $0.id == "errortag-removal/explore-drop-writes" })
    let a = ExploreRunner.run(e), b = ExploreRunner.run(e)
    for (x, y) in zip(a.variants, b.variants) {
        var sx = x.stats, sy = y.stats
        sx.seconds = 0; sy.seconds = 0
        #expect(sx == sy)
        #expect(x.counterexample?.markdown == y.counterexample?.markdown)
    }
}

/// The format reference's explore example explores clean.
@Test func formatExploreExample() throws {
    let c = try #require(formatDoc.chapter)
    let e = try #require(c.explorations.first { $0.id == "format/explore-example" })
    let r = ExploreRunner.run(e)
    #expect(r.passed, "\(r.failureLines)")
    #expect(r.variants[0].stats.exhausted)
}

// MARK: - Malformed explore blocks

/// An explore block at line 1 with these body lines (line i of `body` is on line 2 + i).
func exploreBlock(_ info: String, _ body: String) -> String { "```\(info)\n\(body)\n```\n" }

let twoActors = "actor A pwrite 0 4k data=a\nactor B pread 0 4k"

struct ExploreErrorCase: Sendable, CustomTestStringConvertible {
    var name: String
    var markdown: String
    var at: String
    var fragment: String
    var testDescription: String { name }
}

let exploreErrorCases: [ExploreErrorCase] = [
    .init(name: "missing id", markdown: exploreBlock("explore", twoActors), at: "1:4", fragment: "the explore id is missing"),
    .init(name: "bad bound", markdown: exploreBlock("explore t/x preemptions=x", twoActors), at: "1:28", fragment: "expected preemptions=N"),
    .init(name: "unknown setting", markdown: exploreBlock("explore t/x speed=1", twoActors), at: "1:16",
          fragment: "unknown setting 'speed': expected one of bs, folio, patches, device, tags, aka, preemptions, depth"),
    .init(name: "bad depth", markdown: exploreBlock("explore t/x depth=0", twoActors), at: "1:22", fragment: "expected depth=N with N from 1 to 8, found '0'"),
    .init(name: "duplicate bound", markdown: exploreBlock("explore t/x preemptions=1 preemptions=2", twoActors), at: "1:30",
          fragment: "duplicate setting 'preemptions=' (first at column 16): expected each setting once"),
    .init(name: "huge bound", markdown: exploreBlock("explore t/x preemptions=99999999999999999999999", twoActors), at: "1:28",
          fragment: "expected preemptions=N with N from 0 to 8"),
    .init(name: "unknown line", markdown: exploreBlock("explore t/x", twoActors + "\nbefore fsync"), at: "4:1", fragment: "unknown explore line 'before'"),
    .init(name: "until", markdown: exploreBlock("explore t/x", "actor A pwrite 0 4k data=a until=copied\nactor B pread 0 4k"), at: "2:9", fragment: "without until="),
    .init(name: "continue", markdown: exploreBlock("explore t/x", twoActors + "\nactor A continue"), at: "4:9", fragment: "not continue"),
    .init(name: "step expectation", markdown: exploreBlock("explore t/x", twoActors + "\nexpect ret=0"), at: "4:8", fragment: "describes a step"),
    .init(name: "unknown switch", markdown: exploreBlock("explore t/x", twoActors + "\nwithout cookies"), at: "4:9", fragment: "expected 'without SWITCH'"),
    .init(name: "without a fix that is off", markdown: exploreBlock("explore t/x", twoActors + "\nwithout discard-folio-fix"), at: "4:9",
          fragment: "switch 'discard-folio-fix' is off in this block (a later fix, off unless patches=+discard-folio-fix turns it on)"),
    .init(name: "without a switch turned off", markdown: exploreBlock("explore t/x patches=-validity-cookie", twoActors + "\nwithout validity-cookie"), at: "4:9",
          fragment: "switch 'validity-cookie' is off in this block (turned off by patches=-validity-cookie)"),
    .init(name: "one actor", markdown: exploreBlock("explore t/x", "actor A fsync"), at: "1:1", fragment: "at least two 'actor NAME ACTION' lines"),
    .init(name: "bad action", markdown: exploreBlock("explore t/x", twoActors + "\nsetup pwrit 0 4k"), at: "4:7", fragment: "unknown action 'pwrit'"),
    .init(name: "nested", markdown: "- item\n\n  ```explore t/x\n  actor A fsync\n  ```\n", at: "3:3", fragment: "a explore block must be a top-level fenced block"),
]

@Test(arguments: exploreErrorCases)
func exploreErrorKind(_ c: ExploreErrorCase) {
    let ds = diagnostics(c.markdown)
    let hit = ds.first { $0.message.contains(c.fragment) }
    #expect(hit != nil, "no diagnostic containing \"\(c.fragment)\"; got: \(ds.map(\.description))")
    if let hit { #expect("\(hit.location.line):\(hit.location.column)" == c.at, "\(hit)") }
}

// MARK: - The report

/// The chapter page shows the explore block's actors, properties, figures and the counterexample table with pictures.
@Test func reportRendersExploreBlock() throws {
    let chapter = try #require(loadedSpec.chapters.first { $0.number == 6 })
    let e = try #require(chapter.explorations.first)
    let result = ExploreRunner.run(e)
    let run = SpecRun(spec: loadedSpec, scenarios: [], parameters: [], explorations: [result])
    let page = try #require(HTMLReport(run: run).pages().first { $0.name == chapter.page }).html
    #expect(page.contains("actor T"))
    #expect(page.contains("linearizable"))
    #expect(page.contains("\(result.variants[0].stats.schedules) schedules, \(result.variants[0].stats.states) states"))
    #expect(page.contains("exhausted"))
    #expect(page.contains("id=\"errortag-removal/explore-drop-writes/counterexample-errortag-removal\""))
    #expect(page.contains("cache "), "per-step pictures of the counterexample table")
    let index = try #require(HTMLReport(run: run).pages().first { $0.name == "index.html" }).html
    #expect(index.contains("<p id=\"explore\" class=\"pass\">✓ explore: 1 explorations; series clean in 1 of 1; reverted patch caught in 1 of 1</p>"))
}

// MARK: - A violation of the series: a finding, printed as a table of what the series does

/// Chapter 3's folio-aligned discard race explored on 6.2 as shipped (no `patches=+discard-folio-fix`): the series
/// violates, and the violating schedule comes back as a one-column scenario recording the violation, which parses
/// and passes as a scenario.
@Test func seriesViolationIsPrintedAsAFinding() throws {
    let md = "# T\n\n" + exploreBlock("explore t/finding bs=4k folio=4k", """
        setup truncate 16k
        setup pwrite 0 4k data=a
        setup fail-map 0 4k
        actor W pwrite 8k 4k data=c
        actor WB writeback 0 4k
        expect linearizable
        """)
    let spec = SpecLoader.load(files: [("Spec/99-test.md", md)], root: packageRoot)
    #expect(spec.diagnostics.isEmpty, "\(spec.diagnostics)")
    let e = try #require(spec.chapters.first?.explorations.first)
    let r = ExploreRunner.run(e)
    #expect(!r.passed)
    let series = try #require(r.variants.first)
    #expect(series.failures.contains { $0.contains("dirty-without-backing") }, "\(series.failures)")
    let finding = try #require(series.counterexample)
    #expect(finding.verified, "\(finding.markdown)\n\(finding.result?.failureLines ?? [])")
    #expect(finding.markdown.hasPrefix("```scenario t/finding/finding bs=4k folio=4k\n| step | actor | action | expect |\n"))
    #expect(finding.markdown.contains("violation=dirty-without-backing"))
    let pasted = SpecLoader.load(files: [("Spec/99-finding.md", "# F\n\n" + finding.markdown)], root: packageRoot)
    let s = try #require(pasted.scenarios.first)
    #expect(ScenarioRunner.run(s).passed)
}
