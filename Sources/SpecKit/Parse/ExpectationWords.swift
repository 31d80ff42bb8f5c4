import IomapEngine

// MARK: - The expectation vocabulary: one declaration per expectation kind (design.md "Expectations")

/// One expectation kind: how it is written, what it checks and how its text becomes an `ExpectationKind`.
struct ExpectationWord: Sendable {
    /// How an item names the kind.
    enum Form: Sendable {
        /// The item is exactly the keyword (`done`).
        case bare
        /// `keyword=VALUE` (`size=4k`).
        case assignment
        /// The first word is the keyword (`file 0 4k = A*4k`).
        case words
    }
    let keyword: String
    let form: Form
    /// The forms the grammar reference lists (`ret=N`, `ret=-ERRNO`).
    let syntax: [String]
    /// What the expectation checks (the `checks` column of Docs/scenario-format.md).
    let summary: String
    let parse: @Sendable (inout ItemParser) -> ExpectationKind?

    init(_ keyword: String, _ form: Form, _ syntax: [String], _ summary: String,
         parse: @escaping @Sendable (inout ItemParser) -> ExpectationKind?) {
        self.keyword = keyword; self.form = form; self.syntax = syntax; self.summary = summary; self.parse = parse
    }

    /// A `KIND OFF LEN = VALUE` kind: the shared header is parsed first.
    static func range(_ keyword: String, value: String, _ summary: String,
                      parse: @escaping @Sendable (inout ItemParser, RangeHeader) -> ExpectationKind?) -> ExpectationWord {
        ExpectationWord(keyword, .words, ["\(keyword) OFF LEN = \(value)"], summary) { p in
            guard let h = p.rangeHeader(value: value) else { return nil }
            return parse(&p, h)
        }
    }

    /// How "expected one of ..." lists it: `done`, `paused=`, `file`.
    var listed: String { form == .assignment ? keyword + "=" : keyword }

    // MARK: The declarations

    /// Every expectation kind, in the order the grammar reference and the error messages list them.
    static let all: [ExpectationWord] = [
        ExpectationWord("done", .bare, ["done"], "the actor's operation finished") { _ in .done },
        ExpectationWord("paused", .assignment, ["paused=POINT[@OFF]"],
                        "the actor stopped at that pause point (needs `until=` on the row)") { $0.paused() },
        ExpectationWord("blocked", .assignment, ["blocked=LOCK"], "the actor sleeps on that lock, or on a folio's writeback (`writeback@POS`)") { $0.blocked() },
        ExpectationWord("ret", .assignment, ["ret=N", "ret=-ERRNO"], "the return value: a count or an error") { $0.ret() },
        ExpectationWord("got", .assignment, ["got=CONTENT"], "the bytes a `pread`/`load` returned") { $0.got() },
        .range("file", value: "CONTENT", "what a read of the range would return now (without touching the cache)") { p, h in
            p.content(h, allowNoBlock: false).map { .file(offset: h.offset, length: h.length, $0) }
        },
        .range("disk", value: "CONTENT", "device bytes behind the data fork; `_` where no block is mapped") { p, h in
            p.content(h, allowNoBlock: true).map { .disk(offset: h.offset, length: h.length, $0) }
        },
        .range("cache", value: "PICTURE", "page-cache state per block") { p, h in
            p.picture(h, allowed: Vocabulary.cacheChars).map { .cache(offset: h.offset, length: h.length, picture: $0) }
        },
        .range("extents", value: "PICTURE", "data-fork extent state per block") { p, h in
            p.picture(h, allowed: Vocabulary.extentChars).map { .extents(.data, offset: h.offset, length: h.length, picture: $0) }
        },
        .range("cow", value: "PICTURE", "COW-fork extent state per block") { p, h in
            p.picture(h, allowed: Vocabulary.extentChars).map { .extents(.cow, offset: h.offset, length: h.length, picture: $0) }
        },
        .range("folios", value: "POS+SIZE ...", "the folios overlapping the range (`none` for no folio)") { $0.folios($1) },
        ExpectationWord("size", .assignment, ["size=N"], "i_size") {
            $0.number($0.value, "the file size", $0.valueOffset).map { .size($0) }
        },
        ExpectationWord("seq", .words, ["seq " + ItemParser.forkSequences],
                        "fork sequence counters (`if_seq`), the validity cookie's source") { $0.seq() },
        ExpectationWord("reserved", .assignment, ["reserved=N"], "blocks reserved for delalloc") {
            $0.number($0.value, "the reserved block count", $0.valueOffset).map { .reserved($0) }
        },
        ExpectationWord("iomap", .words, ["iomap = TYPE OFF+LEN [FLAG...]", "iomap = none"],
                        "the actor's cached iomap (case and the `IOMAP_`/`IOMAP_F_` prefix are optional)") { $0.iomap() },
        ExpectationWord("violation", .assignment, ["violation=NAME[,NAME]"],
                        "these invariants were violated during the step") { $0.violation() },
        ExpectationWord("calls", .words, ["calls FUNC=N"],
                        "the kernel function FUNC was entered N times during the step") { $0.calls() },
        ExpectationWord("seek", .words, ["seek OFF = DATA HOLE"],
                        "`lseek(SEEK_DATA)` and `lseek(SEEK_HOLE)` from OFF; DATA and HOLE may be `ENXIO`") { $0.seek() },
    ]

    /// `done, paused=, blocked=, ...` for "expected one of" messages.
    static var listedNames: String { all.map(\.listed).joined(separator: ", ") }

    /// The kind an item names: exactly a bare keyword, `KEY=` with no space before `=`, or its first word.
    static func matching(_ item: String, firstWord: Substring) -> ExpectationWord? {
        if let w = all.first(where: { $0.form == .bare && $0.keyword == item }) { return w }
        if let eq = item.firstIndex(of: "="), !item[..<eq].contains(" "),
           let w = all.first(where: { $0.form == .assignment && $0.keyword == item[..<eq] }) { return w }
        return all.first { $0.form == .words && $0.keyword == firstWord }
    }
}
