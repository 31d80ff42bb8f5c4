// MARK: - An HTML builder that escapes by construction

/// A fragment of HTML markup.
///
/// Text and attribute values enter only through escaping (`text(_:)`, a string literal, `element`'s attribute
/// values); tags and attribute names are enums; cmark's rendered prose enters only through `markdown(_:)`.
import Foundation

/// Part of cmark's HTML between a `<li>`'s start and end tags, cut out by `CmarkFragment.listItem`.
struct CmarkFragment: Sendable, Equatable {
    let html: String

    /// The content of the list item of `rendered` that starts with `prefix` (HTML as cmark writes it), after it.
    static func listItem(in rendered: RenderedMarkdown, startingWith prefix: String) -> CmarkFragment? {
        let source = rendered.html
        for marker in ["<li>" + prefix, "<li>\n<p>" + prefix] {
            guard let start = source.range(of: marker) else { continue }
            let tail = source[start.upperBound...]
            guard let end = tail.range(of: "</li>") else { return nil }
            var inner = String(tail[..<end.lowerBound])
            while inner.last?.isWhitespace == true { inner.removeLast() }
            if marker.hasSuffix("<p>" + prefix), inner.hasSuffix("</p>") { inner.removeLast(4) }
            guard !inner.contains("<li") else { return nil }
            return CmarkFragment(html: inner)
        }
        return nil
    }
}

struct HTML: Sendable, Equatable, ExpressibleByStringLiteral {
    /// The markup so far.
    private(set) var markup: String

    /// Empty markup.
    init() { markup = "" }

    /// A string literal is text, escaped like `text(_:)`.
    init(stringLiteral value: String) { markup = HTML.escape(value) }

    private init(markup: String) { self.markup = markup }

    // MARK: Building

    /// Text content: `&<>"'` escaped.
    static func text(_ s: String) -> HTML { HTML(markup: escape(s)) }

    /// `<tag a="v"...>content</tag>`; attribute values escaped, in the order given.
    static func element(_ tag: HTMLTag, _ attributes: KeyValuePairs<HTMLAttribute, String> = [:], _ content: HTML...) -> HTML {
        HTML(markup: "<\(tag.rawValue)\(attributeMarkup(attributes))>" + content.map(\.markup).joined() + "</\(tag.rawValue)>")
    }

    /// A void element, `<tag a="v"...>`, which has no content and no end tag.
    static func void(_ tag: HTMLVoidTag, _ attributes: KeyValuePairs<HTMLAttribute, String> = [:]) -> HTML {
        HTML(markup: "<\(tag.rawValue)\(attributeMarkup(attributes))>")
    }

    /// A named character reference.
    static func entity(_ e: HTMLEntity) -> HTML { HTML(markup: "&\(e.rawValue);") }

    /// The one entry for markup not built here: cmark's HTML for the spec's prose.
    static func markdown(_ rendered: RenderedMarkdown) -> HTML { HTML(markup: rendered.html) }

    /// cmark's HTML with each `<code>ID</code>` that `target(ID)` resolves (and is not inside a link) made a link.
    ///
    /// The code span's text is what cmark escaped; `target` gets it unescaped and returns the `href`.
    static func markdown(_ rendered: RenderedMarkdown, linking target: (String) -> String?) -> HTML {
        let source = rendered.html
        var out = ""
        var rest = source[...]
        var openLinks = 0
        while let open = rest.range(of: "<code>") {
            let before = rest[..<open.lowerBound]
            openLinks += before.components(separatedBy: "<a ").count - 1 - (before.components(separatedBy: "</a>").count - 1)
            out += before
            guard let close = rest[open.upperBound...].range(of: "</code>") else { rest = rest[open.lowerBound...]; break }
            let inner = String(rest[open.upperBound..<close.lowerBound])
            let span = String(rest[open.lowerBound..<close.upperBound])
            if openLinks <= 0, let href = target(unescape(inner)) {
                out += "<a class=\"idref\" href=\"\(escape(href))\">" + span + "</a>"
            } else {
                out += span
            }
            rest = rest[close.upperBound...]
        }
        return HTML(markup: out + rest)
    }

    /// The text of cmark's HTML: tags dropped, the entities cmark writes (`&amp;&lt;&gt;&quot;`) decoded.
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return unescape(out)
    }

    /// Decodes the entities cmark and `escape` write.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A balanced fragment of cmark's HTML (a list item's content), still cmark's safe rendering.
    static func markdownFragment(_ fragment: CmarkFragment) -> HTML { HTML(markup: fragment.html) }

    /// `<script>` with a script compiled into the program (the search page's one progressive enhancement).
    static func script(_ js: StaticString) -> HTML {
        let text = js.description
        precondition(!text.contains("</"), "a script must not contain '</'")
        return HTML(markup: "<script>\n\(text)\n</script>")
    }

    /// `<style>` with a stylesheet compiled into the program (a raw-text element: its content is not escaped).
    static func style(_ css: StaticString) -> HTML {
        let text = css.description
        precondition(!text.contains("</"), "a stylesheet must not contain '</'")
        return HTML(markup: "<style>\n\(text)\n</style>")
    }

    /// `<!DOCTYPE html>`.
    static let doctype = HTML(markup: "<!DOCTYPE html>")

    /// `<br>`.
    static let br = void(.br)

    /// A line break in the markup itself (between elements, for readable source).
    static let newline: HTML = "\n"

    /// `a` followed by `b`.
    static func + (a: HTML, b: HTML) -> HTML { HTML(markup: a.markup + b.markup) }

    /// Appends `b`.
    static func += (a: inout HTML, b: HTML) { a.markup += b.markup }

    /// The fragments one after another, with `separator` (text, escaped) between them.
    static func join(_ parts: [HTML], separator: String = "") -> HTML {
        HTML(markup: parts.map(\.markup).joined(separator: escape(separator)))
    }

    // MARK: Escaping

    /// Escapes `&<>"'` for element content and quoted attribute values.
    static func escape(_ s: String) -> String {
        escaping(s) { $0 == "'" ? "&#39;" : markupEntity($0) }
    }

    private static func attributeMarkup(_ attributes: KeyValuePairs<HTMLAttribute, String>) -> String {
        attributes.map { " \($0.key.rawValue)=\"\(escape($0.value))\"" }.joined()
    }
}

// MARK: - Names

/// The elements the report uses that have content.
enum HTMLTag: String, Sendable {
    case html, head, title, body, nav, section, figure, figcaption, main, header, label
    case h1, h2, h3, h4, h5, h6, p, div, span, a, i, b, code, pre, strong, small
    case table, tr, th, td, ul, ol, li, details, summary

    /// `h1`...`h6` for a heading level (deeper levels are `h6`).
    static func heading(_ level: Int) -> HTMLTag {
        [.h1, .h2, .h3, .h4, .h5, .h6][max(1, min(level, 6)) - 1]
    }
}

/// The void elements the report uses.
enum HTMLVoidTag: String, Sendable { case br, meta, input }

/// The attributes the report uses.
enum HTMLAttribute: String, Sendable {
    case id, `class`, href, title, lang, charset, name, content, type, placeholder, `for`, hidden, open
    case dataKeys = "data-keys"
    case ariaLabel = "aria-label"
}

/// The named character references the report uses.
enum HTMLEntity: String, Sendable { case nbsp }
