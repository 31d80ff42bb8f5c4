// MARK: - A chapter's blocks, as the report shows them

/// One top-level block of a chapter, in document order, kept by the chapter parser for the report.
///
/// The chapter's Markdown is parsed once: headings, scenarios, parameter tables and excerpts point into the
/// chapter's model; every other block is cmark's HTML for it, with `#id` links to other chapters already
/// pointing at their pages.
public struct ChapterBlock: Sendable {
    /// What the block is.
    public enum Content: Sendable {
        /// A heading: `sections[section]`, with the HTML of its inline content (no `{#id}`).
        case heading(section: Int, title: RenderedMarkdown)
        /// A `scenario` block: `scenarios[index]`.
        case scenario(Int)
        /// A `params` block: `parameterTables[index]`.
        case parameters(Int)
        /// An `excerpt` block: `excerpts[index]`.
        case excerpt(Int)
        /// An `explore` block: `explorations[index]`.
        case exploration(Int)
        /// Any other block (paragraph, list, plain code, a block that did not parse), as cmark rendered it.
        case prose(RenderedMarkdown)
    }

    /// 1-based line where the block starts (the opening fence for fenced code).
    public var line: Int
    public var content: Content
}
