import IomapEngine

// MARK: - Pictures of the page cache and the extent maps, with an offset ruler

/// What a picture shows: the page cache (one cell per block) or an extent map (data or cow fork).
enum PictureKind { case cache, extents }

/// Where the cells of one step's pictures sit: block size, folio starts and EOF, for rulers and boundaries.
struct PictureFrame {
    var blockSize: Int
    /// Block indices where a folio starts.
    var folioStartBlocks: Set<Int> = []
    /// i_size in bytes.
    var size: Int = 0
    /// Block indices whose cell differs from the `expect` column's at the first differing step.
    var differing: Set<Int> = []

    /// The block index of the first cell at or past EOF.
    var eofBlock: Int { (size + blockSize - 1) / blockSize }
}

/// One picture as a row of coloured block cells, each with its legend as the title.
func pictureHTML(_ picture: String, kind: PictureKind, frame: PictureFrame? = nil) -> HTML {
    let cells = picture.enumerated().map { k, c -> HTML in
        let cell = pictureCell(c, kind: kind)
        var cls = cell.class
        var title = cell.title
        if let f = frame {
            if kind == .cache && f.folioStartBlocks.contains(k) && k > 0 { cls += " fs" }
            if k == f.eofBlock && f.size > 0 { cls += " eof"; title += "; EOF before this block" }
            if f.differing.contains(k) { cls += " diff"; title += "; differs from expect" }
            title = "block \(k) @\(formatSizeText(k * f.blockSize)): " + title
        }
        return .element(.i, [.class: cls, .title: title], .text(String(c)))
    }
    return .element(.span, [.class: "pic"], .join(cells))
}

/// The ruler above a step's pictures: the byte offset every `every` cells, and EOF.
func rulerHTML(cells n: Int, frame f: PictureFrame) -> HTML {
    let every = n <= 16 ? 4 : n <= 64 ? 8 : 16
    let marks = (0..<n).map { k -> HTML in
        var cls = k % every == 0 ? "tick" : "r"
        if k == f.eofBlock && f.size > 0 { cls += " eof" }
        return .element(.i, [.class: cls], k % every == 0 ? .text(formatSizeText(k * f.blockSize)) : HTML())
    }
    let eof = f.eofBlock >= n && f.size > 0 ? HTML.element(.i, [.class: "r eof-end", .title: "EOF at \(formatSizeText(f.size))"]) : HTML()
    return .element(.span, [.class: "pic ruler", .title: "block offsets; EOF (i_size=\(formatSizeText(f.size))) is the red line"],
                    .join(marks), eof)
}

/// The CSS class and legend of one picture character.
func pictureCell(_ c: Character, kind: PictureKind) -> (class: String, title: String) {
    switch (kind, c) {
    case (.cache, "-"): return ("c-none", "no folio")
    case (.cache, "."): return ("c-nu", "folio, block not uptodate")
    case (.cache, "u"): return ("c-up", "uptodate, clean")
    case (.cache, "D"): return ("c-dirty", "uptodate, dirty")
    case (.cache, "d"): return ("c-dnu", "dirty, not uptodate")
    case (.cache, "W"): return ("c-wb", "under writeback")
    case (.cache, "L"): return ("c-lk", "folio locked")
    case (_, "h"): return ("e-hole", "hole")
    case (_, "d"): return ("e-dela", "delalloc")
    case (_, "u"): return ("e-unw", "unwritten")
    case (_, "w"): return ("e-wr", "written")
    default: return ("x", "?")
    }
}

/// The picture characters in legend order, with what each means.
let cacheLegend: [(Character, String)] = [("-", "no folio"), (".", "folio, not uptodate"), ("u", "uptodate, clean"),
                                          ("D", "uptodate, dirty"), ("d", "dirty, NOT uptodate (striped)"),
                                          ("W", "writeback"), ("L", "locked")]
let extentLegend: [(Character, String)] = [("h", "hole"), ("d", "delalloc"), ("u", "unwritten"), ("w", "written")]

/// A legend of the given characters (all when nil), each as its cell followed by its meaning.
func legendItems(cache: Set<Character>?, extents: Set<Character>?) -> HTML {
    func items(_ list: [(Character, String)], _ used: Set<Character>?, _ kind: PictureKind) -> [HTML] {
        list.filter { used?.contains($0.0) ?? true }.map { c, text in
            HTML.element(.span, [.class: "lg"], pictureHTML(String(c), kind: kind), .text(" " + text))
        }
    }
    let cache = items(cacheLegend, cache, .cache), ext = items(extentLegend, extents, .extents)
    var b = HTML()
    if !cache.isEmpty { b += "cache: " + .join(cache, separator: "  ") }
    if !ext.isEmpty { b += (cache.isEmpty ? "" : " · ") + "extents: " + .join(ext, separator: "  ") }
    return b
}

/// The legend at the foot of every page: every picture cell with what it means, and how to read the ruler.
func legendHTML() -> HTML {
    .element(.p, [.class: "legend"], "Pictures, one cell per block. ", legendItems(cache: nil, extents: nil),
             ". Ruler: byte offset of the block below each tick; a thick left edge starts a folio; the red line is EOF.") + .newline
}

/// `formatSize` for offsets in pictures (`0`, `4k`, `1m`).
func formatSizeText(_ n: Int) -> String { formatSize(n) }
