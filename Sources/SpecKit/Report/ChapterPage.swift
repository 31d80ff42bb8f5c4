// MARK: - A chapter page: the chapter's blocks in order, with results in place of the executable ones

extension HTMLReport {
    /// The page of `spec.chapters[i]`.
    func chapterPage(_ c: Chapter, index i: Int) -> String {
        var nav = HTML.link("index.html", "index")
        if i > 0 { let p = spec.chapters[i - 1]; nav += .link(p.page, .text("← §\(p.number) \(p.title)")) }
        if i + 1 < spec.chapters.count { let n = spec.chapters[i + 1]; nav += .link(n.page, .text("§\(n.number) \(n.title) →")) }
        let diags = spec.diagnostics.filter { $0.location.file == c.file }
        var b = HTML()
        for (k, block) in c.blocks.enumerated() {
            b += blockHTML(block, of: c)
            let nextLine = k + 1 < c.blocks.count ? c.blocks[k + 1].line : Int.max
            let here = diags.filter { $0.location.line >= block.line && $0.location.line < nextLine }
            if !here.isEmpty { b += diagnosticsHTML(here) }
        }
        b += legendHTML()
        return page(title: "§\(c.number) \(c.title) — iomapspec", nav: nav, body: b)
    }

    /// One block: an anchored heading, a scenario or parameter table with its results, an excerpt, or prose.
    func blockHTML(_ block: ChapterBlock, of c: Chapter) -> HTML {
        switch block.content {
        case .heading(let k, let title):
            let s = c.sections[k]
            return .element(.heading(s.level), [.id: s.id],
                            .element(.a, [.class: "anchor", .href: "#" + s.id], .text("§\(s.number)")), .markdown(title),
                            alsoKnownAsHTML(s.aliases)) + .newline
        case .scenario(let k): return scenarioHTML(c.scenarios[k])
        case .parameters(let k): return parameterHTML(c.parameterTables[k])
        case .excerpt(let k): return excerptHTML(c.excerpts[k])
        case .exploration(let k): return exploreHTML(c.explorations[k])
        case .prose(let html): return .markdown(html)
        }
    }

    /// An excerpt: where it comes from, and the live source text.
    func excerptHTML(_ e: Excerpt) -> HTML {
        let caption = HTML.element(.figcaption, [:], .element(.code, [:], .text("Sources/\(e.path):\(e.sourceLine)")), " region ",
                                   .element(.code, [:], .text(e.region)))
        let code = HTML.element(.pre, [:], .element(.code, [.class: "language-swift"], .text(e.text ?? "")))
        return .element(.figure, [.class: "excerpt"], caption, code) + .newline
    }
}
