// MARK: - A small XML 1.0 writer that escapes by construction

/// A fragment of XML 1.0 for the JUnit output.
///
/// Element and attribute names are enums; text and attribute values enter only through escaping, and
/// characters XML 1.0 cannot carry (controls other than tab, LF, CR; U+FFFE, U+FFFF) become `\u{..}` text.
struct XML: Equatable {
    /// The markup so far.
    private(set) var markup: String

    /// Empty markup.
    init() { markup = "" }

    private init(markup: String) { self.markup = markup }

    /// Element content: `&<>"` escaped, CR kept as a character reference.
    static func text(_ s: String) -> XML { XML(markup: escape(s, inAttribute: false)) }

    /// `<name a="v"...>content</name>` (an empty element keeps its end tag).
    static func element(_ name: JUnitElement, _ attributes: KeyValuePairs<JUnitAttribute, String> = [:], _ content: XML...) -> XML {
        let attrs = attributes.map { " \($0.key.rawValue)=\"\(escape($0.value, inAttribute: true))\"" }.joined()
        return XML(markup: "<\(name.rawValue)\(attrs)>" + content.map(\.markup).joined() + "</\(name.rawValue)>")
    }

    /// Whether the fragment holds a `<failure>` element.
    var hasFailure: Bool { markup.contains("<failure ") }

    /// The fragments one after another.
    static func join(_ parts: [XML]) -> XML { XML(markup: parts.map(\.markup).joined()) }

    /// `a` followed by `b`.
    static func + (a: XML, b: XML) -> XML { XML(markup: a.markup + b.markup) }

    /// A document: the UTF-8 declaration, `root`, a final newline.
    static func document(_ root: XML) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.markup + "\n"
    }

    // MARK: Escaping

    /// Escapes for element content or a quoted attribute value.
    ///
    /// In attribute values tab, LF and CR are character references, so that parsers do not normalise them to
    /// spaces; CR is one in content too.
    static func escape(_ s: String, inAttribute: Bool) -> String {
        escaping(s) { u in
            switch u {
            case "\r": return "&#13;"
            case "\n": return inAttribute ? "&#10;" : nil
            case "\t": return inAttribute ? "&#9;" : nil
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF: return "\\u{" + String(u.value, radix: 16) + "}"
            default: return markupEntity(u)
            }
        }
    }
}

/// The JUnit elements.
enum JUnitElement: String { case testsuite, testcase, failure }

/// The JUnit attributes.
enum JUnitAttribute: String { case name, tests, failures, errors, classname, message, file, line, time }
