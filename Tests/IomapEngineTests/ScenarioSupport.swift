@testable import IomapEngine

/// `n` bytes of the ASCII code of `c` (the scenario grammar's `data=X`).
func filled(_ c: Character, _ n: Int) -> [UInt8] { [UInt8](repeating: c.asciiValue!, count: n) }

/// A machine with 4k blocks/folios and the given patches.
func testMachine(_ patches: PatchSet = .series, bs: Int = 4096, folio: Int = 4096) -> Machine {
    Machine(config: EngineConfig(blockSize: bs, folioSize: folio, patches: patches))
}

/// `.pausedAt(point, pos)` helper.
func pausedAt(_ p: PausePoint, _ pos: Int) -> ActorStatus { .paused(p, pos: pos) }

/// The names of the violations recorded so far, sorted and unique.
func violationNames(_ m: Machine) -> [String] { Array(Set(m.violations.map(\.name))).sorted() }

/// The result of a finished actor, nil if it has not finished.
func result(_ s: ActorStatus) -> OperationResult? {
    if case let .done(r) = s { return r }
    return nil
}
