import CMark
import Foundation

// MARK: - cmark's HTML rendering

/// HTML that libcmark rendered from a spec's Markdown (raw HTML in the source suppressed, cmark's safe default).
///
/// Only this file can make one, so the report's one raw-HTML entry (`HTML.markdown(_:)`) takes nothing else.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The markup as cmark wrote it.
    let html: String
    fileprivate init(_ html: String) { self.html = html }
}

extension MarkdownBlock {
    /// HTML for this node and its descendants.
    public var html: RenderedMarkdown { RenderedMarkdown(Self.render(node)) }

    /// HTML of the node's children alone: a heading's inline content without the `<hN>` wrapper.
    public var innerHTML: RenderedMarkdown {
        RenderedMarkdown(Self.children(of: node).map { Self.render($0.node) }.joined())
    }

    /// `cmark_render_html` of one node.
    private static func render(_ node: OpaquePointer) -> String {
        guard let p = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(p) }
        return String(cString: p)
    }
}
