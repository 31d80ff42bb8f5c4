// MARK: - A chapter's Markdown source with numbered, anchored lines

/// The source page of a chapter file: `Spec/05-validity-cookies.md` → `05-validity-cookies.source.html`.
func sourcePageName(_ file: String) -> String {
    let name = file.split(separator: "/").last.map(String.init) ?? file
    return (name.hasSuffix(".md") ? String(name.dropLast(3)) : name) + ".source.html"
}

extension HTMLReport {
    /// The chapter's source text, one anchored line (`#L205`) per line, so every `file:line:column` can link here.
    func sourcePage(_ c: Chapter) -> String {
        let lines = c.source.split(separator: "\n", omittingEmptySubsequences: false)
        let rows = lines.enumerated().map { k, line in
            HTML.element(.span, [.class: "src-line", .id: "L\(k + 1)"],
                         .element(.a, [.class: "ln", .href: "#L\(k + 1)"], .text("\(k + 1)")), .text(String(line) + "\n"))
        }
        var b = HTML.element(.h1, [:], .element(.code, [:], .text(c.file))) + .newline
        b += .element(.p, [:], "The chapter's Markdown as parsed; every source location in the report links to a line here. Rendered: ",
                      .link(c.page, .text("§\(c.number) \(c.title)")), ".") + .newline
        b += .element(.pre, [.class: "source"], .join(rows)) + .newline
        return page(title: "\(c.file) — iomapspec", nav: topNav(current: nil), body: b)
    }
}
