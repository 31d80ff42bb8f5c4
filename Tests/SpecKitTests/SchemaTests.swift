import Foundation
import Testing
@testable import SpecKit

// MARK: - `run --format json`, `trace --format json`, `list --format json` and JUnit against Docs/schemas/

let runSchema = Result { try JSONSchemaValidator(path: packageRoot + "/Docs/schemas/run.schema.json") }
let junitSchema = Result { try XSDValidator(path: packageRoot + "/Docs/schemas/junit.xsd") }

/// Chapter 5 run once: real scenarios with bug columns, many steps and states.
let chapter5Run = SpecRun.run(loadedSpec, selection: Selection(chapter: "validity-cookies"))

/// A run with a bug column that is not red, for the failure paths.
func notRedRun() -> SpecRun {
    let md = "# N {#n}\n\n" + scenarioBlock("scenario n/not-red",
        "| step | actor | action | expect | without validity-cookie |\n|---|---|---|---|---|\n| 1 | - | fsync | ret=0 | ret=0; size=0 |")
    return SpecRun.run(SpecLoader.load(files: [("Spec/03-n.md", md)], root: packageRoot))
}

@Test func runJSONMatchesItsSchema() throws {
    let schema = try runSchema.get()
    for run in [sampleRun(), awkwardRun(), notRedRun(), chapter5Run] {
        let errors = schema.errors(run.json)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
    }
    let json = try JSONSerialization.jsonObject(with: Data(chapter5Run.json.utf8)) as! [String: Any]
    let scenario = (json["scenarios"] as! [[String: Any]]).first { $0["id"] as? String == "validity-cookies/xfs-559-race" }!
    let step = ((scenario["variants"] as! [[String: Any]])[0]["steps"] as! [[String: Any]])[0]
    #expect(step["action"] as? String == "fallocate 0 40k")
    let check = (step["checks"] as! [[String: Any]])[0]
    #expect((check["position"] as! [String: Any])["line"] as? Int == 208)
}

@Test func traceAndListJSONMatchTheirSchemas() throws {
    let schema = try runSchema.get()
    let s = try #require(loadedSpec.scenario(named: "validity-cookies/xfs-559-race"))
    let trace = ScenarioRunner.run(s).traceJSON()
    #expect(schema.errors(trace, at: "#/$defs/scenario").isEmpty, "\(schema.errors(trace, at: "#/$defs/scenario").prefix(5))")
    #expect(trace.contains("\"events\":["))
    let one = ScenarioRunner.run(s).traceJSON(variant: "without validity-cookie")
    #expect(one.contains("\"name\":\"without validity-cookie\"") && !one.contains("\"name\":\"expect\""))
    let list = SpecIndexList(loadedSpec).json
    #expect(schema.errors(list, at: "#/$defs/list").isEmpty, "\(schema.errors(list, at: "#/$defs/list").prefix(5))")
}

/// The validator is not a rubber stamp: missing, extra and mistyped fields are caught.
@Test func jsonSchemaValidatorRejectsBadDocuments() throws {
    let schema = try runSchema.get()
    let good = sampleRun().json
    #expect(schema.errors(good).isEmpty)
    #expect(!schema.errors(good.replacingOccurrences(of: "\"failed\":1,", with: "")).isEmpty)
    #expect(!schema.errors(good.replacingOccurrences(of: "\"failed\":1,", with: "\"failed\":\"1\",")).isEmpty)
    #expect(!schema.errors(good.replacingOccurrences(of: "\"failed\":1,", with: "\"failed\":1,\"extra\":true,")).isEmpty)
    #expect(!schema.errors(good.replacingOccurrences(of: "\"kind\":\"check\"", with: "\"kind\":\"oops\"")).isEmpty)
    #expect(!schema.errors(good.replacingOccurrences(of: "\"passed\":false", with: "\"passed\":0")).isEmpty)
}

@Test func junitMatchesItsSchema() throws {
    let xsd = try junitSchema.get()
    for run in [sampleRun(), awkwardRun(), notRedRun(), chapter5Run] {
        let errors = xsd.errors(run.junit)
        #expect(errors.isEmpty, "\(errors.prefix(5))")
    }
    let junit = chapter5Run.junit
    #expect(junit.contains("classname=\"iomapspec.validity-cookies\" name=\"validity-cookies/xfs-559-race\" file=\"Spec/05-validity-cookies.md\" line=\"205\""))
    #expect(junit.contains("name=\"validity-cookies/xfs-559-race red without validity-cookie\""))
    let cases = junit.components(separatedBy: "<testcase ").count - 1
    #expect(cases == chapter5Run.scenarios.count + chapter5Run.parameters.count + chapter5Run.revertedRed.count)
}

@Test func xsdValidatorRejectsBadDocuments() throws {
    let xsd = try junitSchema.get()
    let good = sampleRun().junit
    #expect(xsd.errors(good).isEmpty)
    #expect(!xsd.errors(good.replacingOccurrences(of: "classname=\"iomapspec.sample\"", with: "classname=\"spec.Spec/07-sample.md\"")).isEmpty)
    #expect(!xsd.errors(good.replacingOccurrences(of: " line=\"7\"", with: "")).isEmpty)
    #expect(!xsd.errors(good.replacingOccurrences(of: "<testsuite ", with: "<testsuite bogus=\"1\" ")).isEmpty)
    #expect(!xsd.errors(good.replacingOccurrences(of: "</testcase>", with: "<skipped></skipped></testcase>")).isEmpty)
}
