// MARK: - Binary search

extension RandomAccessCollection {
    /// Binary search: the index of the first element in the second partition.
    ///
    /// The index of the first element for which `belongsInSecondPartition` is true, in a collection partitioned
    /// so that every such element follows every other (binary search; `endIndex` when there is none).
    func partitionPoint(where belongsInSecondPartition: (Element) -> Bool) -> Index {
        var lo = startIndex
        var n = count
        while n > 0 {
            let half = n / 2
            let mid = index(lo, offsetBy: half)
            if belongsInSecondPartition(self[mid]) {
                n = half
            } else {
                lo = index(after: mid)
                n -= half + 1
            }
        }
        return lo
    }
}
