// MARK: - Workingset shadow entries (mm/workingset.c, mm/filemap.c, mm/truncate.c)

extension AddressSpace {
    /// `workingset_eviction` + `page_cache_delete(folio, shadow)`: value entries over the pages of `range`.
    /// Spec: (spec: overview/reclaim-shadows)
    func addShadows(_ range: ByteRange) {
        var page = range.start / geometry.pageSize
        let last = (range.end - 1) / geometry.pageSize
        while page <= last {
            let i = shadowPages.partitionPoint { $0 >= page }
            if i == shadowPages.count || shadowPages[i] != page { shadowPages.insert(page, at: i) }
            page += 1
        }
    }

    /// Removes the shadow entries of every page overlapping `range` (a folio stored over them replaces them).
    func clearShadows(_ range: ByteRange) {
        guard !shadowPages.isEmpty, range.end > range.start else { return }
        let first = range.start / geometry.pageSize, last = (range.end - 1) / geometry.pageSize
        let lo = shadowPages.partitionPoint { $0 >= first }
        let hi = shadowPages.partitionPoint { $0 > last }
        if lo < hi { shadowPages.removeSubrange(lo..<hi) }
    }

    /// Removes the shadow entries of the pages lying wholly inside `range` (truncation keeps partial pages').
    func clearShadows(wholePagesOf range: ByteRange) {
        let page = geometry.pageSize
        let start = roundUp(range.start, page)
        let end = range.end == Int.max ? Int.max : roundDown(range.end, page)
        if end > start { clearShadows(ByteRange(start: start, end: end)) }
    }

    /// Byte offset of the first shadow page ending after `pos`, or nil.
    func nextShadow(from pos: Int) -> Int? {
        let i = shadowPages.partitionPoint { ($0 + 1) * geometry.pageSize > pos }
        return i < shadowPages.count ? shadowPages[i] * geometry.pageSize : nil
    }
}
