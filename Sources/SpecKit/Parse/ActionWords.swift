import IomapEngine

// MARK: - The action vocabulary: one declaration per action word (design.md "Actions")

/// A positional argument of an action word, named as the grammar writes it.
enum ActionArgument: String, Sendable {
    case OFF, LEN, SIZE, TAG, VALUE

    /// The largest value the argument may take (Docs/scenario-format.md "Limits").
    var limit: Int {
        switch self {
        case .OFF, .LEN, .SIZE: return SpecLimits.maxOffset
        case .TAG, .VALUE: return SpecLimits.maxErrortag
        }
    }
}

/// A `name=value` or bare option of an action word.
struct ActionOption: Sendable {
    enum Kind: Sendable {
        /// `name=X`, X one letter: every byte of the data is its ASCII code.
        case letter
        /// `name=N`, a byte count.
        case count
        /// The bare word `name`.
        case flag
    }
    let name: String
    let kind: Kind
    let required: Bool

    static func letter(_ name: String) -> ActionOption { ActionOption(name: name, kind: .letter, required: true) }
    static func count(_ name: String) -> ActionOption { ActionOption(name: name, kind: .count, required: false) }
    static func flag(_ name: String) -> ActionOption { ActionOption(name: name, kind: .flag, required: false) }

    /// `data=X`, `[efault=N]`, `[keep-size]`.
    var usage: String {
        let text: String
        switch kind {
        case .letter: text = "\(name)=X"
        case .count: text = "\(name)=N"
        case .flag: text = name
        }
        return required ? text : "[\(text)]"
    }

    /// How option lists in messages write it: `data=`, `keep-size`.
    var listed: String { kind == .flag ? name : name + "=" }
}

/// The parsed arguments and options of one action, handed to `ActionWord.make`.
struct ActionArguments {
    var numbers: [ActionArgument: Int]
    var letters: [String: UInt8]
    var counts: [String: Int]
    var flags: Set<String>

    subscript(_ a: ActionArgument) -> Int { numbers[a] ?? 0 }
    /// `length` bytes of option `name`'s letter.
    func bytes(_ name: String, _ length: Int) -> [UInt8] { [UInt8](repeating: letters[name] ?? 0, count: length) }
}

/// One action word: its arguments, its options, what it means and the `Action.Kind` it builds.
struct ActionWord: Sendable {
    let name: String
    let arguments: [ActionArgument]
    let options: [ActionOption]
    /// The operation returns bytes, so `got=` is checkable.
    let reads: Bool
    /// The operation moves LEN bytes through memory, so LEN is at most `SpecLimits.maxTransfer`.
    let transfers: Bool
    /// What the action does (the `operation` column of Docs/scenario-format.md).
    let summary: String
    let make: @Sendable (ActionArguments) -> Action.Kind

    init(_ name: String, _ arguments: [ActionArgument], _ summary: String, options: [ActionOption] = [],
         reads: Bool = false, transfers: Bool = false, make: @escaping @Sendable (ActionArguments) -> Action.Kind) {
        self.name = name; self.arguments = arguments; self.options = options; self.reads = reads
        self.transfers = transfers || reads; self.summary = summary; self.make = make
    }

    /// `pwrite OFF LEN data=X [efault=N]`.
    var usage: String { ([name] + arguments.map(\.rawValue) + options.map(\.usage)).joined(separator: " ") }

    /// `OFF LEN`, or `no arguments`.
    var argumentList: String { arguments.isEmpty ? "no arguments" : arguments.map(\.rawValue).joined(separator: " ") }

    func option(_ name: String) -> ActionOption? { options.first { $0.name == name } }

    /// Highest byte the arguments name: OFF+LEN, or SIZE.
    func reach(_ a: ActionArguments) -> Int {
        if arguments.contains(.OFF), arguments.contains(.LEN) { return a[.OFF] + a[.LEN] }
        return arguments.contains(.SIZE) ? a[.SIZE] : 0
    }

    // MARK: The declarations

    /// Every action word, in the order the grammar reference lists them.
    static let all: [ActionWord] = [
        ActionWord("pwrite", [.OFF, .LEN], "pwrite(2) of LEN bytes of the letter X; the user buffer faults after N bytes",
                   options: [.letter("data"), .count("efault")], transfers: true) {
            .operation(.pwrite(offset: $0[.OFF], data: $0.bytes("data", $0[.LEN]), efaultAfter: $0.counts["efault"]))
        },
        ActionWord("pread", [.OFF, .LEN], "pread(2)", reads: true) { .operation(.pread(offset: $0[.OFF], length: $0[.LEN])) },
        ActionWord("store", [.OFF, .LEN], "stores through a shared mapping: per page a write fault, `page_mkwrite`, the store",
                   options: [.letter("data")], transfers: true) {
            .operation(.mmapStore(offset: $0[.OFF], data: $0.bytes("data", $0[.LEN])))
        },
        ActionWord("load", [.OFF, .LEN], "loads through a mapping (read faults)", reads: true) {
            .operation(.mmapLoad(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("truncate", [.SIZE], "truncate(2)") { .operation(.truncate(size: $0[.SIZE])) },
        ActionWord("fallocate", [.OFF, .LEN], "fallocate(2) mode 0 or `FALLOC_FL_KEEP_SIZE`", options: [.flag("keep-size")]) {
            .operation(.fallocate(offset: $0[.OFF], length: $0[.LEN], keepSize: $0.flags.contains("keep-size")))
        },
        ActionWord("punch-hole", [.OFF, .LEN], "`FALLOC_FL_PUNCH_HOLE`") {
            .operation(.punchHole(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("zero-range", [.OFF, .LEN], "`FALLOC_FL_ZERO_RANGE`", options: [.flag("keep-size")]) {
            .operation(.zeroRange(offset: $0[.OFF], length: $0[.LEN], keepSize: $0.flags.contains("keep-size")))
        },
        ActionWord("collapse-range", [.OFF, .LEN],
                   "`FALLOC_FL_COLLAPSE_RANGE`: the range is removed, the rest of the file moves down (block-aligned)") {
            .operation(.collapseRange(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("insert-range", [.OFF, .LEN],
                   "`FALLOC_FL_INSERT_RANGE`: a hole of LEN is inserted at OFF, the rest moves up (block-aligned)") {
            .operation(.insertRange(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("fsync", [], "fsync(2)") { _ in .operation(.fsync) },
        ActionWord("writeback", [.OFF, .LEN],
                   "sync_file_range(2) with `WAIT_BEFORE`, `WRITE` and `WAIT_AFTER`: write back, wait; errors "
                   + "through the file's errseq (`file_fdatawait_range`), as fsync") {
            .operation(.writeback(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("remount", [],
                   "close, unmount and mount: last-close and eviction free post-EOF blocks, everything is written back, "
                   + "the page cache is emptied (no shadow entries)") { _ in .operation(.remount) },
        ActionWord("reclaim", [.OFF, .LEN],
                   "memory reclaim of clean, unlocked folios not under writeback; each leaves a shadow entry, "
                   + "which SEEK_DATA counts as data") {
            .operation(.reclaim(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("invalidate", [.OFF, .LEN],
                   "`invalidate_mapping_pages` over the whole pages of the range (fadvise `POSIX_FADV_DONTNEED`, "
                   + "drop_caches): clean folios go, no shadow entries stay") {
            .operation(.invalidate(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("readahead", [.OFF, .LEN], "readahead: folios of `folio=` size, read from disk", transfers: true) {
            .operation(.readahead(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("errortag", [.TAG, .VALUE], "set an XFS errortag") {
            .operation(.errortagSet(tag: $0[.TAG], value: $0[.VALUE]))
        },
        ActionWord("fail-io", [.OFF, .LEN], "later device writes behind this file range fail with EIO") {
            .operation(.failIO(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("fail-map", [.OFF, .LEN],
                   "later writeback conversions of delalloc blocks in this range (`xfs_bmapi_convert_delalloc` in "
                   + "`->map_blocks`) fail with EIO; `iomap_writepage_map` then calls `->discard_folio`") {
            .operation(.failMap(offset: $0[.OFF], length: $0[.LEN]))
        },
        ActionWord("continue", [], "resume this actor's paused or blocked operation") { _ in .continue },
    ]

    /// Action words by name.
    static let byName: [String: ActionWord] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// Every action word, sorted, for "expected one of ..." messages.
    static var sortedNames: String { all.map(\.name).sorted().joined(separator: ", ") }

    /// Names of bare-word options of any action (`keep-size`): such a token is an option, never an argument.
    static let flagNames: Set<String> = Set(all.flatMap { $0.options.filter { $0.kind == .flag }.map(\.name) })
}
