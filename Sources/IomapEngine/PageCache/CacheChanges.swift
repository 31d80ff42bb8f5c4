// MARK: - CacheChanges

/// Model only: the folios whose invariant-relevant state changed since the invariants last looked.
///
/// `Folio` notes itself here when its dirty flag, uptodate bitmap or ghost `dataDirty` changes; the incremental
/// invariant check (Runtime/InvariantsIncremental.swift) takes the list after each micro-step, so its cost follows
/// what the step touched rather than the size of the cache. Not recording (checks off or full): nothing is kept.
/// Spec: (spec: overview/fidelity)
struct CacheChanges {
    /// Whether changes are kept (the incremental check is on).
    var isRecording = true
    /// Each noted once (its `touched` flag) until taken.
    private(set) var folios: [Folio] = []

    /// Notes that `folio`'s dirty, uptodate or ghost state changed.
    mutating func note(_ folio: Folio) { folios.append(folio) }

    /// The folios noted since the last call; their `touched` flags are cleared.
    mutating func take() -> [Folio] {
        let taken = folios
        folios = []
        for f in taken { f.touched = false }
        return taken
    }
}

// MARK: - State capture (explorer)

extension CacheChanges {
    /// Model only: `other`'s record with each folio replaced by its copy (`copies`, by the original's identity).
    init(copying other: CacheChanges, copies: [ObjectIdentifier: Folio]) {
        isRecording = other.isRecording
        folios = other.folios.map { copies[ObjectIdentifier($0)]! }
    }
}
