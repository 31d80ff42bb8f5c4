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

    /// Every node below the root in document order, visited without recursion.
    ///
    /// cmark's own iterator: a chapter of 100,000 nested list items is as deep as it is long, and a recursive
    /// walk would overflow the stack.
    func forEachNode(_ body: (OpaquePointer) -> Void) {
        guard let iter = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            if ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter), n != root { body(n) }
        }
    }

    /// Sets the URL of every link node to `transform(url)` where that is not nil (before any rendering).
    public func rewriteLinkURLs(_ transform: (String) -> String?) {
        forEachNode { n in
            if cmark_node_get_type(n) == CMARK_NODE_LINK, let url = cmark_node_get_url(n).map({ String(cString: $0) }),
               let new = transform(url) {
                cmark_node_set_url(n, new)
            }
        }
    }

    /// Every image node with its URL and position (the enclosing block's where cmark keeps none for the inline).
    public var images: [(url: String, line: Int, column: Int)] {
        var out: [(url: String, line: Int, column: Int)] = []
        forEachNode { n in
            guard cmark_node_get_type(n) == CMARK_NODE_IMAGE else { return }
            var at: OpaquePointer? = n
            while let a = at, cmark_node_get_start_line(a) == 0 { at = cmark_node_parent(a) }
            let line = at.map { Int(cmark_node_get_start_line($0)) } ?? 1
            let column = at.map { Int(cmark_node_get_start_column($0)) } ?? 1
            out.append((cmark_node_get_url(n).map { String(cString: $0) } ?? "", max(line, 1), max(column, 1)))
        }
        return out
    }
}

/// One node of a `MarkdownDocument`: a top-level block (heading, paragraph, fenced code, list, ...) or below.
public struct MarkdownBlock {
    let node: OpaquePointer

    public enum Kind: Equatable { case heading(level: Int), codeBlock, other }

    /// What kind of container a block is, as messages name it.
    public enum Container: String, Equatable {
        case htmlBlock = "an HTML block"
        case list = "a list"
        case blockQuote = "a block quote"
        case codeBlock = "a code block"
        case paragraph = "a paragraph"
        case other = "another block"
    }

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

    /// What container the block is.
    public var container: Container {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        default: return .other
        }
    }

    /// 1-based line of the block's first line (the opening fence for fenced code).
    public var line: Int { Int(cmark_node_get_start_line(node)) }
    /// 1-based line of the block's last line (the closing fence for closed fenced code).
    public var endLine: Int { Int(cmark_node_get_end_line(node)) }
    /// 1-based column of the block's first character.
    public var column: Int { Int(cmark_node_get_start_column(node)) }

    /// The info string of a fenced code block ("" otherwise).
    public var fenceInfo: String { cmark_node_get_fence_info(node).map { String(cString: $0) } ?? "" }
    /// The literal body of a code block.
    public var literal: String { cmark_node_get_literal(node).map { String(cString: $0) } ?? "" }

    /// The plain text of a heading or paragraph: the concatenated literals of its inline descendants.
    public var plainText: String {
        var out = ""
        guard let iter = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE: out += cmark_node_get_literal(n).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out += " "
            default: break
            }
        }
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
