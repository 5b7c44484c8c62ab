import ClerkTestSupport
import ClerkJSON
import Foundation
import Testing

/// Compares our verdicts with Python jsonschema's Draft202012Validator on hundreds of
/// instances: the seeds of each `DifferentialSchema` plus seeded random mutations of them.
/// Needs python3 with jsonschema 4.x (`pip install jsonschema`); fails, not skips, without it.
@Suite("JSONSchema agrees with Python jsonschema")
struct JSONSchemaDifferentialTests {
    /// The reference script (excluded from the test target in Package.swift).
    static let scriptURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("jsonschema_verdicts.py")

    static let mutationsPerSeed = 40

    @Test("same verdicts as Python", arguments: DifferentialSchema.all)
    func sameVerdicts(_ testSchema: DifferentialSchema) throws {
        let schemaValue = try JSONReader.parse(testSchema.schema)
        let schema = try JSONSchema(schemaValue)
        let instances = try makeInstances(testSchema)

        guard let pythonVerdicts = try pythonVerdicts(schema: schemaValue, instances: instances) else { return }
        try #require(pythonVerdicts.count == instances.count, "Python gave \(pythonVerdicts.count) verdicts for \(instances.count) instances")

        var mismatches = 0
        for (instance, expected) in zip(instances, pythonVerdicts) {
            let swiftValid = schema.isValid(instance)
            let violations = schema.validate(instance)
            #expect(violations.isEmpty == swiftValid, "isValid and validate disagree on \(JSONWriter.string(instance, pretty: false))")
            if let streamed = streamedVerdict(schema, instance) {
                #expect(streamed == swiftValid, "JSONSchemaStream and isValid disagree on \(JSONWriter.string(instance, pretty: false))")
            }
            guard swiftValid != expected else { continue }
            mismatches += 1
            Issue.record("""
                verdicts differ for schema "\(testSchema.name)"
                schema: \(JSONWriter.string(schemaValue, pretty: false))
                instance: \(JSONWriter.string(instance, pretty: false))
                Swift: \(swiftValid ? "valid" : "invalid \(violations.map(\.description))"), Python: \(expected ? "valid" : "invalid")
                """)
        }
        // The mutations must actually exercise both outcomes.
        let validCount = pythonVerdicts.filter { $0 }.count
        #expect(validCount >= testSchema.seeds.count, "too few valid instances: \(validCount)")
        #expect(pythonVerdicts.count - validCount >= instances.count / 4, "too few invalid instances")
        #expect(mismatches == 0)
    }

    /// The schemas Clerk ships, with the documents Clerk writes as seeds: the checked-in outputs
    /// of Samples/ for the opinion schema, the repository's pipeline.json for the pipeline schema.
    @Test("shipped schemas: same verdicts as Python", arguments: ["opinion", "pipeline"])
    func shippedSchemasAgree(_ name: String) throws {
        let root = Self.scriptURL.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schemaValue = try JSONReader.parse(try String(contentsOf: root.appendingPathComponent("Schemas/\(name).schema.json"), encoding: .utf8))
        let schema = try JSONSchema(schemaValue)
        let seedURLs: [URL]
        if name == "pipeline" {
            seedURLs = [root.appendingPathComponent("pipeline.json")]
        } else {
            let expected = root.appendingPathComponent("Samples/expected")
            seedURLs = try FileManager.default.contentsOfDirectory(atPath: expected.path)
                .filter { $0.hasSuffix(".json") }.sorted().map { expected.appendingPathComponent($0) }
        }
        try #require(!seedURLs.isEmpty)
        var mutator = InstanceMutator(rng: SplitMix64(seed: 2_020_12))
        var instances: [JSONValue] = []
        for url in seedURLs {
            let seed = try JSONReader.parse(try String(contentsOf: url, encoding: .utf8))
            #expect(schema.isValid(seed), "\(url.lastPathComponent) is not valid: \(schema.validate(seed).prefix(3))")
            instances.append(seed)
            for round in 0..<Self.mutationsPerSeed * 3 {
                instances.append(mutator.mutate(seed, times: 1 + round % 3))
            }
        }
        guard let pythonVerdicts = try pythonVerdicts(schema: schemaValue, instances: instances) else { return }
        try #require(pythonVerdicts.count == instances.count)
        var mismatches = 0
        for instance in instances {
            guard let streamed = streamedVerdict(schema, instance) else {
                Issue.record("the \(name) schema is not checked as it is written")
                return
            }
            #expect(streamed == schema.isValid(instance), "JSONSchemaStream and isValid disagree on \(JSONWriter.string(instance, pretty: false))")
        }
        for (instance, expected) in zip(instances, pythonVerdicts) where schema.isValid(instance) != expected {
            mismatches += 1
            if mismatches <= 3 {
                Issue.record("verdicts differ on a mutated \(name) document: Swift \(!expected ? "valid" : "invalid \(schema.validate(instance).prefix(3))"), Python \(expected ? "valid" : "invalid")")
            }
        }
        #expect(mismatches == 0)
        #expect(pythonVerdicts.filter { !$0 }.count >= instances.count / 10, "the mutations rarely broke the documents")
    }

    @Test func coversEnoughInstances() throws {
        let total = try DifferentialSchema.all.reduce(0) { $0 + (try makeInstances($1).count) }
        #expect(total >= 600)
    }

    private func makeInstances(_ testSchema: DifferentialSchema) throws -> [JSONValue] {
        // Seeded per schema so adding a schema does not change the others' instances.
        var mutator = InstanceMutator(rng: SplitMix64(seed: UInt64(testSchema.name.utf8.reduce(17) { $0 &* 31 &+ Int($1) }.magnitude)))
        var instances: [JSONValue] = []
        for seedText in testSchema.seeds {
            let seed = try JSONReader.parse(seedText)
            instances.append(seed)
            for round in 0..<Self.mutationsPerSeed {
                instances.append(mutator.mutate(seed, times: 1 + round % 3))
            }
        }
        return instances
    }

    /// Python's verdict per instance (true = valid), or nil after recording why Python could not run.
    private func pythonVerdicts(schema: JSONValue, instances: [JSONValue]) throws -> [Bool]? {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("clerk-json-differential-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let schemaURL = directory.appendingPathComponent("schema.json")
        let instancesURL = directory.appendingPathComponent("instances.jsonl")
        try Data(JSONWriter.write(schema)).write(to: schemaURL)
        var lines: [UInt8] = []
        for instance in instances {
            lines += JSONWriter.write(instance, pretty: false)
            lines.append(0x0A)
        }
        try Data(lines).write(to: instancesURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.scriptURL.path, schemaURL.path, instancesURL.path]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            Issue.record("could not start python3 (\(error)); install Python 3 and then: pip install jsonschema")
            return nil
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let errors = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("""
                python3 \(Self.scriptURL.lastPathComponent) failed with status \(process.terminationStatus). \
                This test needs python3 with the jsonschema module: pip install jsonschema
                \(String(decoding: errors, as: UTF8.self))
                """)
            return nil
        }
        let verdicts = String(decoding: output, as: UTF8.self).split(separator: "\n")
        var result: [Bool] = []
        for verdict in verdicts {
            switch verdict {
            case "valid": result.append(true)
            case "invalid": result.append(false)
            default:
                Issue.record("unexpected line from Python: \(verdict)")
                return nil
            }
        }
        return result
    }
}
