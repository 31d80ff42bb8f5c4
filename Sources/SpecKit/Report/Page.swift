// MARK: - A complete page

/// A complete page: doctype, title, embedded CSS, top navigation and the body in `<main>`.
func page(title: String, nav: HTML, body: HTML) -> String {
    let head = HTML.element(.head, [:], .newline,
        .void(.meta, [.charset: "utf-8"]), .newline,
        .void(.meta, [.name: "viewport", .content: "width=device-width, initial-scale=1"]), .newline,
        .element(.title, [:], .text(title)), .newline,
        .style(reportCSS), .newline)
    let body = HTML.element(.body, [:], .newline, .element(.nav, [.class: "top"], nav), .newline,
                            .element(.main, [:], .newline, body, .newline), .newline)
    let html = HTML.element(.html, [.lang: "en"], .newline, head, .newline, body, .newline)
    return (HTML.doctype + .newline + html + .newline).markup
}

extension HTML {
    /// `<a href="...">content</a>`.
    static func link(_ href: String, _ content: HTML) -> HTML { .element(.a, [.href: href], content) }
}

extension HTMLReport {
    /// The links every page starts with: index and search, then `extra` (a chapter's neighbours).
    func topNav(current: String?, _ extra: HTML...) -> HTML {
        .link("index.html", "index") + .link(searchPageName, "search") + .link("index.html#scenario-index", "all scenarios") + .join(extra)
    }
}
