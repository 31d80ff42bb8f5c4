// MARK: - Source positions and diagnostics

/// A position in a spec file: `Spec/NN-slug.md`, 1-based line and column.
public struct SourceLocation: Hashable, Comparable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
    /// The same line, `offset` columns to the right.
    public func advanced(by offset: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column + offset) }
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A spec error: `Spec/file.md:line:column: what was expected`.
public struct SpecDiagnostic: Error, Hashable, CustomStringConvertible, Sendable {
    public var location: SourceLocation
    public var message: String
    public init(_ location: SourceLocation, _ message: String) { self.location = location; self.message = message }
    public var description: String { "\(location): \(message)" }
}
