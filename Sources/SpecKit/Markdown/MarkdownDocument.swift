import CMark
import Foundation

// MARK: - libcmark wrapper

/// A Markdown document parsed by libcmark with `CMARK_OPT_SOURCEPOS`; owns the node tree.
public final class MarkdownDocument {
    let root: OpaquePointer

    /// Parses `text` as CommonMark, keeping source positions for every block.
    public init(_ text: String) {
        var bytes = Array(text.utf8)
        let node: OpaquePointer? = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(buffer.count, 1)) {
                cmark_parse_document($0, buffer.count, CMARK_OPT_SOURCEPOS)
            }
        }
        root = node!
    }

    deinit { cmark_node_free(root) }

    /// The top-level blocks in document order.
    public var blocks: [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            out.append(MarkdownBlock(node: node))
            child = cmark_node_next(node)
        }
        return out
    }
}

/// One top-level block of a `MarkdownDocument` (heading, paragraph, fenced code, list, ...).
public struct MarkdownBlock {
    let node: OpaquePointer

    public enum Kind: Equatable { case heading(level: Int), codeBlock, other }

    public var kind: Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        default: return .other
        }
    }

    /// 1-based line of the block's first line (the opening fence for fenced code).
    public var line: Int { Int(cmark_node_get_start_line(node)) }
    /// 1-based column of the block's first character.
    public var column: Int { Int(cmark_node_get_start_column(node)) }

    /// The info string of a fenced code block ("" otherwise).
    public var fenceInfo: String { cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "" }
    /// The literal body of a code block.
    public var literal: String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    /// The plain text of a heading or paragraph: the concatenated literals of its inline descendants.
    public var plainText: String {
        var out = ""
        func walk(_ n: OpaquePointer) {
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
            var c = cmark_node_first_child(n)
            while let x = c { walk(x); c = cmark_node_next(x) }
        }
        walk(node)
        return out
    }

    /// Removes a trailing `{#id}` from the last text node of a heading (so it does not render).
    public func stripTrailingText(_ suffix: String) {
        guard let last = cmark_node_last_child(node), cmark_node_get_type(last) == CMARK_NODE_TEXT,
              let lit = cmark_node_get_literal(last) else { return }
        var s = String(cString: lit)
        guard s.hasSuffix(suffix) else { return }
        s.removeLast(suffix.count)
        while s.last == " " { s.removeLast() }
        cmark_node_set_literal(last, s)
    }

    /// HTML for this block alone (raw HTML suppressed, as cmark's safe default).
    public var html: String {
        guard let p = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(p) }
        return String(cString: p)
    }

    /// HTML of a heading's inline content, without the `<hN>` wrapper.
    public var innerHTML: String {
        var h = html
        if let open = h.firstIndex(of: ">") { h = String(h[h.index(after: open)...]) }
        if let close = h.range(of: "</h", options: .backwards) { h = String(h[..<close.lowerBound]) }
        return h
    }
}

extension MarkdownDocument {
    /// Fenced code blocks that are not top-level blocks (inside lists or quotes), with their positions.
    public var nestedCodeBlocks: [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        func walk(_ n: OpaquePointer, depth: Int) {
            if depth > 1, cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK { out.append(MarkdownBlock(node: n)) }
            var c = cmark_node_first_child(n)
            while let x = c { walk(x, depth: depth + 1); c = cmark_node_next(x) }
        }
        walk(root, depth: 0)
        return out
    }
}
