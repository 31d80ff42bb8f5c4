// MARK: - Citations: where a spec id lives

extension Spec {
    /// Three lines for review: `§N.M Title[, scenario ID]`, `Spec/file.md:line`, `Docs/report/page.html#id`.
    ///
    /// `iomapspec cite ID` prints this for `resolve(ID)`; a fourth line `also known as OLD, ...` lists former ids.
    public func citation(_ t: Target) -> String {
        let aliases = t.aliases
        return placement(t) + (aliases.isEmpty ? "" : "\nalso known as " + aliases.joined(separator: ", "))
    }

    /// The first three lines of `citation`.
    func placement(_ t: Target) -> String {
        func enclosing(_ sectionId: String, _ c: Chapter) -> Section? { c.sections.first { $0.id == sectionId } }
        switch t {
        case .section(let s, let c):
            return "§\(s.number) \(s.title)\n\(s.location.file):\(s.location.line)\nDocs/report/\(c.page)#\(s.id)"
        case .scenario(let s, let c):
            let sec = enclosing(s.sectionId, c)
            return "§\(sec?.number ?? String(c.number)) \(sec?.title ?? c.title), scenario \(s.id)\n\(s.location.file):\(s.location.line)\nDocs/report/\(c.page)#\(s.id)"
        case .parameters(let p, let c):
            let sec = enclosing(p.sectionId, c)
            return "§\(sec?.number ?? String(c.number)) \(sec?.title ?? c.title), parameter table \(p.id)\n\(p.location.file):\(p.location.line)\nDocs/report/\(c.page)#\(p.id)"
        case .exploration(let x, let c):
            let sec = enclosing(x.sectionId, c)
            return "§\(sec?.number ?? String(c.number)) \(sec?.title ?? c.title), explore block \(x.id)\n\(x.location.file):\(x.location.line)\nDocs/report/\(c.page)#\(x.id)"
        }
    }
}
