// MARK: - A chapter page: contents, failures first, then the chapter's blocks with results in place

extension HTMLReport {
    /// The page of `spec.chapters[i]`.
    func chapterPage(_ c: Chapter, index i: Int) -> String {
        var extra = HTML()
        if i > 0 { let p = spec.chapters[i - 1]; extra += .link(p.page, .text("← §\(p.number) \(p.title)")) }
        if i + 1 < spec.chapters.count { let n = spec.chapters[i + 1]; extra += .link(n.page, .text("§\(n.number) \(n.title) →")) }
        extra += sourceLink(c.file, text: "source")
        let diags = spec.diagnostics.filter { $0.location.file == c.file }
        var b = HTML()
        for (k, block) in c.blocks.enumerated() {
            b += blockHTML(block, of: c)
            if k == 0 { b += tableOfContentsHTML(c) + failureListHTML(chapter: c) }
            let nextLine = k + 1 < c.blocks.count ? c.blocks[k + 1].line : Int.max
            let here = diags.filter { $0.location.line >= block.line && $0.location.line < nextLine }
            if !here.isEmpty { b += diagnosticsHTML(here) }
        }
        if c.blocks.isEmpty { b += tableOfContentsHTML(c) + failureListHTML(chapter: c) }
        b += legendHTML()
        return page(title: "§\(c.number) \(c.title) — iomapspec", nav: topNav(current: c.page, extra), body: b)
    }

    /// The contents: every section with its number, and under it the scenarios and tables it holds.
    func tableOfContentsHTML(_ c: Chapter) -> HTML {
        let items = c.sections.dropFirst(c.sections.first?.level == 1 ? 1 : 0).map { s -> HTML in
            let blocks = c.catalog.filter { $0.sectionId == s.id }.map { e in
                HTML.element(.li, [.class: "toc-block"], .link("#" + e.id, .element(.code, [:], .text(e.id))),
                             .text(e.kind == .params ? " (params)" : ""))
            }
            return .element(.li, [.class: "lvl-\(s.level)"], .link("#" + s.id, .text("§\(s.number) \(s.title)")),
                            blocks.isEmpty ? HTML() : .element(.ul, [:], .join(blocks)))
        }
        return .element(.nav, [.class: "toc", .id: "contents", .ariaLabel: "contents"],
                        .element(.details, [.class: "toc-box", .open: ""], .element(.summary, [:], .text("Contents (\(c.sections.count) sections, \(c.scenarios.count + c.parameterTables.count) scenarios and tables)")),
                                 .element(.ul, [:], .join(items)))) + .newline
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
        case .prose(let html): return .markdown(html, linking: { id in self.proseLink(id, from: c) })
        }
    }

    /// Where a code span naming a scenario or table id points: its anchor, on this page or its chapter's.
    func proseLink(_ id: String, from c: Chapter) -> String? {
        guard let t = spec.resolve(id) else { return nil }
        if case .section = t { return nil }
        return (t.chapter.file == c.file ? "" : t.chapter.page) + "#" + t.id
    }

    /// An excerpt: where it comes from, and the live source text.
    func excerptHTML(_ e: Excerpt) -> HTML {
        let caption = HTML.element(.figcaption, [:], .element(.code, [:], .text("Sources/\(e.path):\(e.sourceLine)")), " region ",
                                   .element(.code, [:], .text(e.region)), " · ", sourceLink(e.location))
        let code = HTML.element(.pre, [:], .element(.code, [.class: "language-swift"], .text(e.text ?? "")))
        return .element(.figure, [.class: "excerpt"], caption, code) + .newline
    }
}
