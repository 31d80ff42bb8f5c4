// MARK: - Pictures of the page cache and the extent maps

/// What a picture shows: the page cache (one cell per block) or an extent map (data or cow fork).
enum PictureKind { case cache, extents }

/// One picture as a row of coloured block cells, each with its legend as the title.
func pictureHTML(_ picture: String, kind: PictureKind) -> HTML {
    let cells = picture.map { c -> HTML in
        let cell = pictureCell(c, kind: kind)
        return .element(.i, [.class: cell.class, .title: cell.title], .text(String(c)))
    }
    return .element(.span, [.class: "pic"], .join(cells))
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

/// The legend under every page: each picture cell with what it means.
func legendHTML() -> HTML {
    .element(.p, [.class: "legend"], "Pictures, one cell per block. Page cache: ", pictureHTML("-.uDdWL", kind: .cache),
             " no folio, folio not uptodate, uptodate clean, uptodate dirty, dirty not uptodate, writeback, locked. Extents: ",
             pictureHTML("hduw", kind: .extents), " hole, delalloc, unwritten, written.") + .newline
}
