// MARK: - ParameterFunction

/// A pure computation from the kernel code with named integer inputs and outputs.
///
/// SpecKit checks parameter tables (`params ID fn=NAME`) row by row against it.
public struct ParameterFunction {
    public let name: String
    /// What the function computes, one line.
    public let summary: String
    public let inputs: [String]
    public let outputs: [String]
    let body: ([String: Int]) -> [String: Int]

    /// Evaluates the function; nil when an input is missing or outside its domain.
    ///
    /// Out of its domain: e.g. a block size that is not a power of two, or inputs whose magnitudes add up to
    /// more than `Machine.maxFileOffset` (2^62), so that no sum or rounding inside a body can overflow.
    public func evaluate(_ args: [String: Int]) -> [String: Int]? {
        for i in inputs where args[i] == nil { return nil }
        var total: UInt = 0
        for i in inputs {
            let (t, o) = total.addingReportingOverflow(args[i]!.magnitude)
            if o || t > UInt(Machine.maxFileOffset) { return nil }
            total = t
        }
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

    /// Each body calls the function the engine itself runs, so a table checks the live arithmetic, not a copy.
    static let list: [ParameterFunction] = [
        ParameterFunction(
            name: "write-punch-range-fsb",
            summary: "pre-b71f889c18ad xfs_buffered_write_iomap_end: punch range computed in filesystem blocks",
            inputs: ["offset", "length", "written", "bs"], outputs: ["start", "end"],
            body: { a in
                let g = Geometry(blockSize: a["bs"]!, deviceBlocks: 1)
                let r = XfsInode.write_punch_range_fsb(a["offset"]!, a["length"]!, a["written"]!, g)
                return ["start": g.XFS_FSB_TO_B(r.start_fsb), "end": g.XFS_FSB_TO_B(r.end_fsb)]
            }),
        ParameterFunction(
            name: "write-punch-range-bytes",
            summary: "iomap_file_buffered_write_punch_delalloc: punch range in bytes, rounded to blocks",
            inputs: ["offset", "length", "written", "bs"], outputs: ["start", "end"],
            body: { a in
                let r = write_punch_range_bytes(a["offset"]!, a["length"]!, a["written"]!, a["bs"]!)
                return ["start": r.start_byte, "end": r.end_byte]
            }),
        ParameterFunction(
            name: "discard-folio-range-fsb",
            summary: "pre-7348b322332d xfs_discard_folio: start_fsb = XFS_B_TO_FSBT(pos), i_blocks_per_folio - pageoff_fsb blocks",
            inputs: ["folio_pos", "folio_size", "pos", "bs"], outputs: ["start", "end"],
            body: { a in
                let bs = a["bs"]!
                let r = XfsInode.discardFolioRangeFsb(folioPos: a["folio_pos"]!, folioSize: a["folio_size"]!,
                                                     pos: a["pos"]!, blockSize: bs)
                return ["start": r.start_fsb * bs, "end": (r.start_fsb + r.length) * bs]
            }),
        ParameterFunction(
            name: "discard-folio-range-bytes",
            summary: "6.2 xfs_discard_folio: punch [pos, round_up(pos, folio_size)) — empty for a folio-aligned pos",
            inputs: ["folio_pos", "folio_size", "pos", "bs"], outputs: ["start", "end"],
            body: { a in
                let r = XfsInode.discardFolioRangeBytes(folioPos: a["folio_pos"]!, folioSize: a["folio_size"]!,
                                                       pos: a["pos"]!)
                return ["start": r.start, "end": r.end]
            }),
        ParameterFunction(
            name: "xfs-iomap-inode-sequence",
            summary: "xfs_iomap_inode_sequence: data if_seq, | cow if_seq << 32 when shared, attr if_seq for xattr",
            inputs: ["data_seq", "cow_seq", "attr_seq", "shared", "xattr"], outputs: ["cookie"],
            body: { a in
                var flags: IomapFlags = []
                if a["shared"]! != 0 { flags.insert(.IOMAP_F_SHARED) }
                if a["xattr"]! != 0 { flags.insert(.IOMAP_F_XATTR) }
                let cookie = XfsInode.xfs_iomap_inode_sequence(flags, i_df: UInt32(truncatingIfNeeded: a["data_seq"]!),
                                                              i_cowfp: UInt32(truncatingIfNeeded: a["cow_seq"]!),
                                                              i_af: UInt32(truncatingIfNeeded: a["attr_seq"]!))
                return ["cookie": Int(truncatingIfNeeded: cookie)]
            }),
    ]
}
