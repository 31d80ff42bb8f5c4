import IomapEngine
import Testing
@testable import SpecKit

// MARK: - The mutation check: the explorer finds a break that no hand-written schedule shows

/// With the write fault's `invalidate_lock` removed from the engine (`fault-without-invalidate-lock`), every
/// scenario of chapter 4 still passes, but the series side of chapter 4's explore block loses data: a store
/// dirties a folio whose delalloc block the short write's cleanup punched (`dirty-without-backing`). Without the
/// mutation the same block explores clean, so the violation is the mutation's, found with no schedule given.
@Test func explorerFindsAMutationTheScenariosMiss() throws {
    let mutations: Set<EngineMutation> = [.faultWithoutInvalidateLock]
    let chapter = try #require(loadedSpec.chapters.first { $0.slug == "seek-data-scanning" })
    #expect(!chapter.scenarios.isEmpty)
    for s in chapter.scenarios {
        let r = ScenarioRunner.run(s, mutations: mutations)
        #expect(r.passed, "\(s.id) notices the mutation: \(r.failureLines)")
    }
    let e = try #require(chapter.explorations.first { $0.id == "seek-data-scanning/explore-store-into-reservation" })
    var o = ExploreRunner.Overrides()
    o.mutations = mutations
    let broken = ExploreRunner.run(e, overrides: o)
    #expect(broken.variants.map(\.name) == ["series"], "a mutation run explores the series only")
    #expect(!broken.passed)
    #expect(broken.variants[0].failures.contains { $0.contains("dirty-without-backing") }, "\(broken.variants[0].failures)")
    #expect(ExploreRunner.runSeries(e, overrides: .init()).passed)
}

/// The mutation is the engine's, not the spec's: the chapter that is about this lock notices it in its scenarios.
@Test func mutationIsNoticedByTheInvalidateLockScenarios() throws {
    let chapter = try #require(loadedSpec.chapters.first { $0.slug == "invalidate-locking" })
    let red = chapter.scenarios.filter { !ScenarioRunner.run($0, mutations: [.faultWithoutInvalidateLock]).passed }
    #expect(!red.isEmpty, "no invalidate-locking scenario notices the write fault without invalidate_lock")
}
