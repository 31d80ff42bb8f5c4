import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// MARK: - Small in-process validators for the subsets of JSON Schema and XSD that Docs/schemas/ uses

/// Validates JSON values against a JSON Schema (2020-12) using only: `type`, `enum`, `properties`, `required`,
/// `additionalProperties: false`, `items`, `$ref` to `#/$defs/...`, `minimum`, `minItems`. Any other keyword
/// (apart from annotations) is reported as an error, so the subset cannot silently grow.
struct JSONSchemaValidator {
    let root: [String: Any]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// Errors of `json` (text) against the schema at `pointer` (`#` or `#/$defs/NAME`); empty when valid.
    func errors(_ json: String, at pointer: String = "#") -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed]) else {
            return ["not JSON"]
        }
        var out: [String] = []
        validate(value, resolve(pointer), path: "$", into: &out)
        return out
    }

    private static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
    private static let keywords: Set<String> = ["type", "enum", "properties", "required", "additionalProperties", "items",
                                                "$ref", "minimum", "minItems"]

    private func resolve(_ pointer: String) -> [String: Any] {
        if pointer == "#" { return root }
        let name = String(pointer.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? ["unresolved": pointer]
    }

    private func validate(_ v: Any, _ schema: [String: Any], path: String, into out: inout [String]) {
        for key in schema.keys where !Self.annotations.contains(key) && !Self.keywords.contains(key) {
            out.append("\(path): schema keyword '\(key)' outside the validator's subset")
        }
        if let ref = schema["$ref"] as? String { validate(v, resolve(ref), path: path, into: &out) }
        if let type = schema["type"] as? String, !Self.has(v, type: type) { out.append("\(path): expected \(type)"); return }
        if let options = schema["enum"] as? [Any], !options.contains(where: { ($0 as? String) == (v as? String) && v is String }) {
            out.append("\(path): \(v) not in \(options)")
        }
        if let min = schema["minimum"] as? Int, let n = v as? Int, n < min { out.append("\(path): \(n) < \(min)") }
        if let object = v as? [String: Any] {
            let props = schema["properties"] as? [String: Any] ?? [:]
            for r in schema["required"] as? [String] ?? [] where object[r] == nil { out.append("\(path): missing '\(r)'") }
            for (k, child) in object {
                if let s = props[k] as? [String: Any] { validate(child, s, path: "\(path).\(k)", into: &out) }
                else if (schema["additionalProperties"] as? Bool) == false { out.append("\(path): unexpected '\(k)'") }
            }
        }
        if let array = v as? [Any] {
            if let min = schema["minItems"] as? Int, array.count < min { out.append("\(path): fewer than \(min) items") }
            if let items = schema["items"] as? [String: Any] {
                for (i, child) in array.enumerated() { validate(child, items, path: "\(path)[\(i)]", into: &out) }
            }
        }
    }

    private static func has(_ v: Any, type: String) -> Bool {
        // JSONSerialization gives NSNumber for numbers and booleans alike; a boolean's objCType is "c".
        let isBool = (v as? NSNumber).map { $0.objCType.pointee == CChar(UInt8(ascii: "c")) } ?? false
        switch type {
        case "object": return v is [String: Any]
        case "array": return v is [Any]
        case "string": return v is String
        case "boolean": return isBool
        case "integer": return !isBool && (v as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return !isBool && v is NSNumber
        default: return false
        }
    }
}

/// Validates an XML document against an XSD using only: nested `xs:element name=` with `xs:complexType`,
/// `xs:sequence` (with `minOccurs`/`maxOccurs`), `xs:attribute` (`name`, `type`, `use="required"`),
/// `xs:simpleContent`/`xs:extension`, and named `xs:simpleType` restrictions with `xs:pattern` and
/// `xs:minInclusive`; built-in types `xs:string`, `xs:decimal`, `xs:positiveInteger`, `xs:nonNegativeInteger`.
/// Any other construct is reported as an error.
struct XSDValidator {
    let schema: XMLElement
    var simpleTypes: [String: XMLElement] = [:]

    init(path: String) throws {
        let doc = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        schema = doc.rootElement()!
        for t in schema.children(named: "simpleType") { simpleTypes[t.attr("name") ?? ""] = t }
    }

    /// Errors of `xml` against the schema's one top-level element; empty when valid.
    func errors(_ xml: String) -> [String] {
        guard let doc = try? XMLDocument(xmlString: xml, options: []), let root = doc.rootElement() else { return ["not XML"] }
        guard let decl = schema.children(named: "element").first else { return ["schema has no element"] }
        var out: [String] = []
        validate(root, decl, path: "/" + (root.name ?? ""), into: &out)
        return out
    }

    private func validate(_ e: XMLElement, _ decl: XMLElement, path: String, into out: inout [String]) {
        if e.name != decl.attr("name") { out.append("\(path): expected element \(decl.attr("name") ?? "?")"); return }
        guard let type = decl.children(named: "complexType").first else { out.append("\(path): element without complexType"); return }
        var attributes = type.children(named: "attribute")
        var sequence: [XMLElement] = []
        for child in type.children(named: nil) {
            switch child.localName {
            case "attribute": continue
            case "sequence": sequence = child.children(named: nil)
            case "simpleContent":
                guard let ext = child.children(named: "extension").first, ext.attr("base") == "xs:string" else {
                    out.append("\(path): unsupported simpleContent"); continue
                }
                attributes += ext.children(named: "attribute")
            default: out.append("\(path): unsupported schema construct \(child.localName ?? "?")")
            }
        }
        let children = (e.children ?? []).compactMap { $0 as? XMLElement }
        if sequence.isEmpty && !children.isEmpty { out.append("\(path): unexpected child elements") }
        var k = 0
        for item in sequence {
            guard item.localName == "element" else { out.append("\(path): unsupported sequence item"); continue }
            let min = Int(item.attr("minOccurs") ?? "1") ?? 1
            let max = item.attr("maxOccurs") == "unbounded" ? Int.max : Int(item.attr("maxOccurs") ?? "1") ?? 1
            var n = 0
            while k < children.count, children[k].name == item.attr("name"), n < max {
                validate(children[k], item, path: "\(path)/\(children[k].name ?? "")[\(n)]", into: &out)
                k += 1; n += 1
            }
            if n < min { out.append("\(path): fewer than \(min) \(item.attr("name") ?? "")") }
        }
        if k < children.count { out.append("\(path): unexpected element \(children[k].name ?? "")") }
        let declared = Set(attributes.compactMap { $0.attr("name") })
        for a in e.attributes ?? [] where !declared.contains(a.name ?? "") { out.append("\(path): undeclared attribute \(a.name ?? "")") }
        for a in attributes {
            let name = a.attr("name") ?? ""
            guard let value = e.attribute(forName: name)?.stringValue else {
                if a.attr("use") == "required" { out.append("\(path): missing attribute \(name)") }
                continue
            }
            if let problem = check(value, type: a.attr("type") ?? "xs:string") { out.append("\(path)@\(name): \(problem)") }
        }
    }

    /// Nil when `value` is of `type`, else what is wrong.
    private func check(_ value: String, type: String) -> String? {
        switch type {
        case "xs:string": return nil
        case "xs:decimal": return Double(value) != nil && value.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) ? nil : "'\(value)' is not a decimal"
        case "xs:positiveInteger": return (Int(value) ?? 0) >= 1 ? nil : "'\(value)' is not a positive integer"
        case "xs:nonNegativeInteger": return (Int(value) ?? -1) >= 0 ? nil : "'\(value)' is not a non-negative integer"
        default:
            guard let t = simpleTypes[type], let r = t.children(named: "restriction").first else { return "unknown type \(type)" }
            if let problem = check(value, type: r.attr("base") ?? "") { return problem }
            for facet in r.children(named: nil) {
                let v = facet.attr("value") ?? ""
                switch facet.localName {
                case "pattern":
                    let whole = "^(?:" + v + ")$"
                    if value.range(of: whole, options: .regularExpression) == nil { return "'\(value)' does not match \(v)" }
                case "minInclusive":
                    if (Double(value) ?? -.infinity) < (Double(v) ?? 0) { return "'\(value)' below \(v)" }
                default: return "unsupported facet \(facet.localName ?? "?")"
                }
            }
            return nil
        }
    }
}

private extension XMLElement {
    /// Child elements with local name `name` (all child elements when nil).
    func children(named name: String?) -> [XMLElement] {
        (children ?? []).compactMap { $0 as? XMLElement }.filter { name == nil || $0.localName == name }
    }
    func attr(_ name: String) -> String? { attribute(forName: name)?.stringValue }
}
