import IomapEngine

// MARK: - `KIND OFF LEN = VALUE` expectations: file, disk, cache, extents, cow, folios

/// The part every range expectation shares: the range and where its value starts.
struct RangeHeader {
    var offset: Int
    var length: Int
    /// The range as written (`0 8k`), for messages.
    var text: String
    var value: Substring
    var valueOffset: Int
}

extension ItemParser {
    /// `KIND OFF LEN = ...`; `valueName` is what the message says follows `=`.
    mutating func rangeHeader(value valueName: String) -> RangeHeader? {
        let head = tokens[0].text
        guard tokens.count >= 4, tokens[3].text == "=" else { return fail("expected '\(head) OFF LEN = \(valueName)'") }
        guard let off = number(tokens[1].text, "OFF", tokens[1].offset),
              let len = number(tokens[2].text, "LEN", tokens[2].offset, limit: SpecLimits.maxTransfer) else { return nil }
        guard off + len <= SpecLimits.maxOffset else {
            return fail("expected OFF+LEN at most 2^62 (Docs/scenario-format.md, Limits), found \(tokens[1].text)+\(tokens[2].text)", tokens[2].offset)
        }
        let valueOffset = tokens.count > 4 ? tokens[4].offset : item.count
        return RangeHeader(offset: off, length: len, text: "\(tokens[1].text) \(tokens[2].text)",
                           value: Substring(item).dropFirst(valueOffset), valueOffset: valueOffset)
    }

    /// CONTENT that adds up to the range's length.
    mutating func content(_ h: RangeHeader, allowNoBlock: Bool) -> Content? {
        guard let c = ContentParser.content(h.value, at: location.advanced(by: h.valueOffset), allowNoBlock: allowNoBlock,
                                            diagnostics: &diagnostics) else { return nil }
        guard c.count == h.length else {
            return fail("expected \(formatSize(h.length)) bytes of content for '\(tokens[0].text) \(h.text)', the runs add up to \(formatSize(c.count))", h.valueOffset)
        }
        return c
    }

    /// A PICTURE over a block-aligned range, one character per block.
    mutating func picture(_ h: RangeHeader, allowed: Set<Character>) -> String? {
        let bs = blockSize, head = tokens[0].text
        guard h.offset % bs == 0, h.length % bs == 0, h.length > 0 else {
            return fail("expected a block-aligned range for a \(head) picture (bs=\(formatSize(bs))), found \(h.text)", tokens[1].offset)
        }
        guard let pic = ContentParser.picture(h.value, allowed: allowed, at: location.advanced(by: h.valueOffset),
                                              diagnostics: &diagnostics) else { return nil }
        guard pic.count == h.length / bs else {
            return fail("expected \(h.length / bs) picture characters (one per \(formatSize(bs)) block) for \(head) \(h.text), found \(pic.count)", h.valueOffset)
        }
        return pic
    }

    /// `POS+SIZE ...` or `none`.
    mutating func folios(_ h: RangeHeader) -> ExpectationKind? {
        if h.value.trimmingCharacters() == "none" { return .folios(offset: h.offset, length: h.length, []) }
        var list: [FolioExtent] = []
        for t in tokens.dropFirst(4) {
            guard let folio = offsetPlusLength(t, "folio") else { return nil }
            guard let (p, s) = folio, s > 0 else {
                return fail("expected a folio as POS+SIZE (e.g. 0+16k), found '\(t.text)'", t.offset)
            }
            list.append(FolioExtent(pos: p, size: s))
        }
        if list.isEmpty { return fail("expected folios as POS+SIZE ... or 'none'", h.valueOffset) }
        return .folios(offset: h.offset, length: h.length, list)
    }
}
