import CMark
import Foundation

// MARK: - libcmark wrapper

/// A Markdown document parsed by libcmark with `CMARK_OPT_SOURCEPOS`; owns the node tree.
///
/// The chapter parser is its only user: each chapter's Markdown is parsed once, and the report is rendered
/// from what the parser keeps (see `ChapterBlock`).
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
    public var blocks: [MarkdownBlock] { MarkdownBlock.children(of: root) }

    /// Fenced code blocks that are not top-level blocks (inside lists or quotes), with their positions.
    public var nestedCodeBlocks: [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        func walk(_ n: OpaquePointer, depth: Int) {
            if depth > 1, cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK { out.append(MarkdownBlock(node: n)) }
            for c in MarkdownBlock.children(of: n) { walk(c.node, depth: depth + 1) }
        }
        walk(root, depth: 0)
        return out
    }

    /// Sets the URL of every link node to `transform(url)` where that is not nil (before any rendering).
    public func rewriteLinkURLs(_ transform: (String) -> String?) {
        func walk(_ n: OpaquePointer) {
            if cmark_node_get_type(n) == CMARK_NODE_LINK, let url = cmark_node_get_url(n).map({ String(cString: $0) }),
               let new = transform(url) {
                cmark_node_set_url(n, new)
            }
            for c in MarkdownBlock.children(of: n) { walk(c.node) }
        }
        walk(root)
    }
}

/// One node of a `MarkdownDocument`: a top-level block (heading, paragraph, fenced code, list, ...) or below.
public struct MarkdownBlock {
    let node: OpaquePointer

    public enum Kind: Equatable { case heading(level: Int), codeBlock, other }

    /// The children of `node`, in order.
    static func children(of node: OpaquePointer) -> [MarkdownBlock] {
        var out: [MarkdownBlock] = []
        var child = cmark_node_first_child(node)
        while let c = child {
            out.append(MarkdownBlock(node: c))
            child = cmark_node_next(c)
        }
        return out
    }

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
            for c in MarkdownBlock.children(of: n) { walk(c.node) }
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
}
