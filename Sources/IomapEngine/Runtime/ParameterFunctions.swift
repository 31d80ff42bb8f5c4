// MARK: - ParameterFunction

/// A pure computation from the kernel code with named integer inputs and outputs; SpecKit checks parameter tables
/// (`params ID fn=NAME`) row by row against it.
public struct ParameterFunction {
    public let name: String
    /// What the function computes, one line.
    public let summary: String
    public let inputs: [String]
    public let outputs: [String]
    let body: ([String: Int]) -> [String: Int]

    /// Evaluates the function; nil when an input is missing or an input is out of its domain (e.g. a block size
    /// that is not a power of two).
    public func evaluate(_ args: [String: Int]) -> [String: Int]? {
        for i in inputs where args[i] == nil { return nil }
        if let bs = args["bs"], !isPowerOfTwo(bs) { return nil }
        if let fs = args["folio_size"], !isPowerOfTwo(fs) { return nil }
        return body(args)
    }
}

// MARK: - The functions

public enum ParameterFunctions {
    /// Every function by name.
    public static let all: [String: ParameterFunction] = Dictionary(
        uniqueKeysWithValues: list.map { ($0.name, $0) })

    static let list: [ParameterFunction] = [
        ParameterFunction(
            name: "write-punch-range-fsb",
            summary: "pre-b71f889c18ad xfs_buffered_write_iomap_end: punch range computed in filesystem blocks",
            inputs: ["offset", "length", "written", "bs"], outputs: ["start", "end"],
            body: { a in
                let g = Geometry(blockSize: a["bs"]!, deviceBlocks: 1)
                let (offset, length, written) = (a["offset"]!, a["length"]!, a["written"]!)
                let start_fsb = written == 0 ? g.XFS_B_TO_FSBT(offset) : g.XFS_B_TO_FSB(offset + written)
                let end_fsb = g.XFS_B_TO_FSB(offset + length)
                return ["start": g.XFS_FSB_TO_B(start_fsb), "end": g.XFS_FSB_TO_B(end_fsb)]
            }),
        ParameterFunction(
            name: "write-punch-range-bytes",
            summary: "iomap_file_buffered_write_punch_delalloc: punch range in bytes, rounded to blocks",
            inputs: ["offset", "length", "written", "bs"], outputs: ["start", "end"],
            body: { a in
                let (offset, length, written, bs) = (a["offset"]!, a["length"]!, a["written"]!, a["bs"]!)
                let start = written == 0 ? roundDown(offset, bs) : roundUp(offset + written, bs)
                return ["start": start, "end": roundUp(offset + length, bs)]
            }),
        ParameterFunction(
            name: "discard-folio-range-fsb",
            summary: "pre-7348b322332d xfs_discard_folio: start_fsb = XFS_B_TO_FSBT(pos), i_blocks_per_folio - pageoff_fsb blocks",
            inputs: ["folio_pos", "folio_size", "pos", "bs"], outputs: ["start", "end"],
            body: { a in
                let g = Geometry(blockSize: a["bs"]!, deviceBlocks: 1)
                let (folioPos, folioSize, pos) = (a["folio_pos"]!, a["folio_size"]!, a["pos"]!)
                let offset = pos - folioPos
                let start_fsb = g.XFS_B_TO_FSBT(pos)
                let pageoff_fsb = g.XFS_B_TO_FSBT(offset)
                let count = folioSize / a["bs"]! - pageoff_fsb
                return ["start": g.XFS_FSB_TO_B(start_fsb), "end": g.XFS_FSB_TO_B(start_fsb + count)]
            }),
        ParameterFunction(
            name: "discard-folio-range-bytes",
            summary: "6.2 xfs_discard_folio: punch [pos, round_up(pos, folio_size)) — empty for a folio-aligned pos",
            inputs: ["folio_pos", "folio_size", "pos", "bs"], outputs: ["start", "end"],
            body: { a in
                let (pos, folioSize) = (a["pos"]!, a["folio_size"]!)
                return ["start": pos, "end": roundUp(pos, folioSize)]
            }),
        ParameterFunction(
            name: "xfs-iomap-inode-sequence",
            summary: "xfs_iomap_inode_sequence: data if_seq, | cow if_seq << 32 when shared, attr if_seq for xattr",
            inputs: ["data_seq", "cow_seq", "attr_seq", "shared", "xattr"], outputs: ["cookie"],
            body: { a in
                if a["xattr"]! != 0 { return ["cookie": a["attr_seq"]!] }
                let cow = a["shared"]! != 0 ? a["cow_seq"]! << 32 : 0
                return ["cookie": cow | a["data_seq"]!]
            }),
    ]
}
