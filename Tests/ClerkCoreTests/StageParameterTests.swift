import ClerkCore
import ClerkJSON
import Testing

/// A stage parameter is declared once, with a Swift type that matches its JSON type, and read
/// through that declaration: the parameter list is what a configuration reads, and a value not
/// given is the parameter's own default.
@Suite struct StageParameterTests {
    /// A stage made for this test: two parameters and a `families` choice.
    private struct ProbeStage: Stage {
        struct Configuration: StageConfiguration {
            static let limit = Parameter.integer("limit", 1...9, default: 7, "An integer.")
            static let ratio = Parameter.number("ratio", 0...1, default: 0.25, "A number.")
            static let families = FamilySelection.parameter(default: "scan, html")
            var limit: Int
            var ratio: Double
            var families: FamilySelection

            init(_ values: StageParameterValues) {
                limit = values[Self.limit]
                ratio = values[Self.ratio]
                families = FamilySelection(values[Self.families])
            }
        }

        static let id = "probe"
        static let summary = "A stage for the tests of stage parameters."
        static let phase = StagePhase.text
        let configuration: Configuration

        init(configuration: Configuration) { self.configuration = configuration }
        func run(_ document: inout Document) throws(StageFailure) {}
    }

    @Test func theParameterListIsWhatTheConfigurationReadsInOrder() {
        #expect(ProbeStage.Configuration.parameters.map(\.name) == ["limit", "ratio", "families"])
        #expect(ProbeStage.Configuration.parameters[0].defaultValue == .int(7))
        #expect(ProbeStage.Configuration.parameters[0].type == .integer(1...9))
        #expect(NoParameters.parameters.isEmpty)
    }

    @Test func aValueNotGivenIsTheParametersOwnDefault() {
        // Values built for no declared parameter at all: each read still gets its default.
        let empty = StageParameterValues(parameters: [])
        #expect(empty[ProbeStage.Configuration.limit] == 7)
        #expect(empty[ProbeStage.Configuration.ratio] == 0.25)
        let given = StageParameterValues(parameters: ProbeStage.Configuration.parameters, given: ["limit": 3])
        #expect(given[ProbeStage.Configuration.limit] == 3)
        #expect(given.values["ratio"] == .double(0.25), "defaults are filled in for the fingerprint")
    }

    @Test func theFamiliesAStageRunsOnComeFromItsConfiguration() {
        let descriptor = StageDescriptor(ProbeStage.self)
        let defaults = StageParameterValues(parameters: descriptor.parameters)
        #expect(descriptor.families(defaults).includes(.scan))
        #expect(!descriptor.families(defaults).includes(.flat))
        #expect(descriptor.families(defaults).list == "scan, html")
        let all = StageParameterValues(parameters: descriptor.parameters, given: ["families": "all"])
        #expect(descriptor.families(all).includes(.flat))
        // A stage without the parameter runs on every family, unless its configuration says
        // otherwise: block quotes need a layout to read.
        #expect(StageDescriptor(CitationStage.self).families(StageParameterValues(parameters: [])).includes(.layout))
        let quotes = StageDescriptor(BlockQuoteStage.self).families(StageParameterValues(parameters: []))
        #expect(quotes.includes(.layout) && quotes.includes(.scan) && quotes.includes(.unknown))
        #expect(!quotes.includes(.flat) && !quotes.includes(.html))
    }

    /// Every registered stage: names unique, each default of its declared type and in range.
    @Test(arguments: StageRegistry.standard.descriptors.map(\.id))
    func everyStagesParametersAreWellDeclared(stage: String) throws {
        let descriptor = try #require(StageRegistry.standard.descriptor(for: stage))
        let names = descriptor.parameters.map(\.name)
        #expect(Set(names).count == names.count, "\(names)")
        for parameter in descriptor.parameters {
            switch parameter.type {
            case .boolean:
                #expect(parameter.defaultValue.boolValue != nil, "\(parameter.name)")
            case .integer(let range):
                #expect(parameter.defaultValue.intValue.map(range.contains) == true, "\(parameter.name)")
            case .number(let range):
                #expect(parameter.defaultValue.doubleValue.map(range.contains) == true, "\(parameter.name)")
            case .string(let allowed):
                let value = try #require(parameter.defaultValue.stringValue, "\(parameter.name)")
                #expect(allowed.isEmpty || allowed.contains(value), "\(parameter.name)")
            }
        }
    }
}
