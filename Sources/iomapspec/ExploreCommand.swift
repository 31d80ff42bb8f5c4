import ArgumentParser
import Foundation
import IomapEngine
import SpecKit

/// `iomapspec explore ID`: searches every schedule of an explore block's race (spec: validity-cookies/explore-xfs-559).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Explore every schedule of an explore block: exit 0 when the series holds and every 'without' switch is caught.")

    enum Format: String, ExpressibleByArgument { case text, json }

    @Argument(help: "The explore block's id.") var id: String
    @Option(help: "Only this switch's run (and the series); need not be a 'without' line of the block.") var without: String?
    @Option(help: "Preemption bound (default: the block's preemptions=).") var preemptions: Int?
    @Flag(help: "Randomized PCT schedules instead of the exhaustive search (depth: the block's depth=).") var pct = false
    @Option(help: "PCT: number of schedules.") var runs = 1000
    @Option(help: "PCT: seed.") var seed: UInt64 = 1
    @Option(help: "Run only shard I of N (I from 1), e.g. 2/4.") var shard: String?
    @Option(help: "Write the counterexample scenario blocks to this file.") var emit: String?
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: ArgumentHelp("Break the engine on purpose (the mutation check): only the series runs, on the broken engine.", valueName: "NAME"))
    var mutation: [EngineMutation] = []
    @Option(help: "Package root (default: found from the current directory).") var root: String?

    func run() throws {
        let spec = try loadSpec(root)
        guard let e = spec.chapters.flatMap(\.explorations).first(where: { $0.isNamed(id) }) else {
            let all = spec.chapters.flatMap(\.explorations).map(\.id)
            throw ValidationError("no explore block with id '\(id)': expected one of \(all.joined(separator: ", "))")
        }
        var o = ExploreRunner.Overrides()
        o.preemptions = preemptions
        o.mutations = Set(mutation)
        if pct { o.pct = (runs, seed) }
        if let w = without {
            guard let p = Patch(rawValue: w) else {
                throw ValidationError("unknown switch '\(w)': expected one of \(Patch.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            o.only = p
        }
        if let s = shard { o.shard = try parseShard(s) }
        let start = Date()
        o.progress = { name, s in
            guard Date().timeIntervalSince(start) >= 1 else { return }
            let rate = s.seconds > 0 ? Int(Double(s.schedules) / s.seconds) : 0
            FileHandle.standardError.write(Data("explore \(name): \(s.schedules) schedules, \(s.states) states, \(rate)/s, \(String(format: "%.1f", s.seconds)) s\n".utf8))
        }
        let r = ExploreRunner.run(e, overrides: o)
        switch format {
        case .text: print(text(r), terminator: "")
        case .json: print(try json(r))
        }
        if let path = emit {
            let blocks = r.variants.compactMap { $0.counterexample?.markdown }.joined(separator: "\n")
            try Data(blocks.utf8).write(to: URL(fileURLWithPath: path))
        }
        if !r.passed { throw ExitCode(1) }
    }

    /// `I/N` with 1 <= I <= N, as 0-based (index, count).
    func parseShard(_ s: String) throws -> (index: Int, count: Int) {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw ValidationError("expected --shard I/N with 1 <= I <= N, found '\(s)'")
        }
        return (i - 1, n)
    }

    /// One line of figures per run, what failed, and each counterexample block.
    func text(_ r: ExplorationResult) -> String {
        var out = ""
        for v in r.variants {
            let s = v.stats
            out += "explore \(r.id) [\(v.name)]: \(v.passed ? "ok" : "FAILED"): \(s.schedules) schedules, \(s.states) states, \(s.pruned) pruned, bound \(s.bound), \(s.exhausted ? "exhausted" : "not exhausted")\n"
            for f in v.failures { out += "  violation: \(f)\n" }
            if let cx = v.counterexample {
                let label = v.patch == nil ? "finding (the series violates; the schedule as a table)" : "counterexample"
                out += "  \(label): \(cx.preemptions) preemptions, \(cx.steps) steps, \(cx.verified ? "verified: " + cx.verifiedClaim : "NOT verified (the table does not reproduce the violation: the schedule may need a stop no table row can name)")"
                out += cx.removedLines.isEmpty ? "\n" : "; removed \(cx.removedLines.joined(separator: ", "))\n"
                out += cx.markdown
                if !cx.verified, let res = cx.result {
                    out += res.failureLines.map { "  counterexample check: \($0)\n" }.joined()
                    out += res.revertedRed.filter { !$0.isRed }.map { "  counterexample check: \($0.patch.rawValue) reverted, the expect column still passes\n" }.joined()
                }
            }
        }
        out += r.failureLines.map { $0 + "\n" }.joined()
        return out
    }

    /// The figures as JSON, keys sorted (no timings: the same block and flags give the same bytes).
    func json(_ r: ExplorationResult) throws -> String {
        struct Run: Encodable {
            var name: String, passed: Bool, schedules: Int, states: Int, pruned: Int, bound: Int, exhausted: Bool
            var failures: [String], counterexample: String?, verified: Bool?
        }
        struct Out: Encodable { var id: String; var passed: Bool; var runs: [Run] }
        let out = Out(id: r.id, passed: r.passed, runs: r.variants.map { v in
            Run(name: v.name, passed: v.passed, schedules: v.stats.schedules, states: v.stats.states, pruned: v.stats.pruned,
                bound: v.stats.bound, exhausted: v.stats.exhausted, failures: v.failures,
                counterexample: v.counterexample?.markdown, verified: v.counterexample?.verified)
        })
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try enc.encode(out), as: UTF8.self)
    }
}

// MARK: - iomapspec bench --explore

/// Schedules per second of the explorer on chapter 5's xfs/559 explore block, against a baseline in the same run.
///
/// The baseline is the hand-written schedule of `validity-cookies/xfs-559-race` run as a scenario (every variant,
/// with its per-step pictures): what one schedule cost before the explorer. Ratios, never a timed test.
enum ExploreBench {
    static func run(root: String?, repeats: Int) throws {
        let spec = try loadSpec(root)
        guard let e = spec.chapters.flatMap(\.explorations).first(where: { $0.id == "validity-cookies/explore-xfs-559-race" }),
              let s = spec.scenario(named: "validity-cookies/xfs-559-race") else {
            throw ValidationError("bench --explore needs validity-cookies/explore-xfs-559-race and validity-cookies/xfs-559-race")
        }
        func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
        // Baseline: the scenario, each variant and reverted run one schedule.
        let perRun = s.variantNames.count + s.bugColumns.count
        _ = ScenarioRunner.run(s)
        var base: [Double] = []
        for _ in 0..<repeats {
            let t = Date()
            for _ in 0..<20 { _ = ScenarioRunner.run(s) }
            base.append(Double(20 * perRun) / Date().timeIntervalSince(t))
        }
        var rows: [(String, Int, Double)] = [("scenario xfs-559-race (baseline)", 20 * perRun, median(base))]
        let p = ExploreRunner.program(e, off: [])
        var stepsPerSchedule = 0.0
        let modes = [("explore series, set-up captured", true, true), ("explore series, set-up replayed", true, false),
                     ("explore series, no pruning", false, true)]
        for (name, prune, capture) in modes {
            var rates: [Double] = []
            var n = 0
            for _ in 0..<repeats {
                var o = ExploreOptions(mode: .exhaustive(preemptions: e.preemptions))
                o.prune = prune
                o.captureSetup = capture
                let t = Date()
                let r = Explorer(program: p, options: o) { _, _ in [] }.run()
                n = r.stats.schedules
                rates.append(Double(r.stats.schedules) / Date().timeIntervalSince(t))
                if prune && capture { stepsPerSchedule = Double(r.stats.steps) / Double(max(1, r.stats.schedules)) }
            }
            rows.append((name, n, median(rates)))
        }
        // What a schedule pays before its first step (machine, set-up state, actors prepared), both ways.
        let template = p.setUpState()
        for (name, body) in [("set-up rows run (per schedule)", { p.buildAndDiscard() }),
                             ("set-up state copied (per schedule)", { p.copyAndDiscard(template) })] {
            var rates: [Double] = []
            for _ in 0..<repeats {
                let t = Date()
                for _ in 0..<1000 { body() }
                rates.append(1000 / Date().timeIntervalSince(t))
            }
            rows.append((name, 1000, median(rates)))
        }
        print("what".padding(toLength: 34, withPad: " ", startingAt: 0) + "  schedules  schedules/s  ratio")
        for (name, n, rate) in rows {
            let ratio = String(format: "%.2f", rate / rows[0].2)
            print(name.padding(toLength: 34, withPad: " ", startingAt: 0) + String(format: "  %9d  %11.0f  %5@", n, rate, ratio))
        }
        print(String(format: "steps run per schedule (prefix replayed): %.1f; before the first step, a replayed schedule spends %.0f%% of its time, a captured one %.0f%%",
                     stepsPerSchedule, 100 * rows[2].2 / rows[4].2, 100 * rows[1].2 / rows[5].2))
    }
}
