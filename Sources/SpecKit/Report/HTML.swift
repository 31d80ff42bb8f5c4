// MARK: - An HTML builder that escapes by construction

/// A fragment of HTML markup.
///
/// Text and attribute values enter only through escaping (`text(_:)`, a string literal, `element`'s attribute
/// values); tags and attribute names are enums; cmark's rendered prose enters only through `markdown(_:)`.
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
    case html, head, title, body, nav, section, figure, figcaption
    case h1, h2, h3, h4, h5, h6, p, div, span, a, i, code, pre
    case table, tr, th, td

    /// `h1`...`h6` for a heading level (deeper levels are `h6`).
    static func heading(_ level: Int) -> HTMLTag {
        [.h1, .h2, .h3, .h4, .h5, .h6][max(1, min(level, 6)) - 1]
    }
}

/// The void elements the report uses.
enum HTMLVoidTag: String, Sendable { case br, meta }

/// The attributes the report uses.
enum HTMLAttribute: String, Sendable { case id, `class`, href, title, lang, charset, name, content }

/// The named character references the report uses.
enum HTMLEntity: String, Sendable { case nbsp }
