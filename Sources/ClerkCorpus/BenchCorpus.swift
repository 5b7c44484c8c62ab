import Foundation

/// A benchmark corpus written into a folder: whole sample dumps, pieces of them (cut at random
/// places) and generated opinion dumps of each family, each in one of the `SampleVariant`s,
/// until the folder holds `bytes` bytes. The same seed and samples give the same corpus.
public struct BenchCorpus {
    public var samples: [[UInt8]]
    public var seed: UInt64 = 0x5EED_C1E2_0000_0007

    public init(samples: [[UInt8]]) {
        precondition(!samples.isEmpty, "a corpus needs at least one sample")
        self.samples = samples
    }

    /// Writes files into `folder` (created if missing) until they hold at least `bytes` bytes;
    /// returns their paths in the order written.
    public func write(bytes: Int, into folder: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var random = SplitMix64(seed: seed)
        var generator = OpinionDumpGenerator(seed: seed)
        var paths: [String] = []
        var total = 0
        var index = 0
        while total < bytes {
            let (content, variant) = item(index, random: &random, generator: &generator)
            let path = (folder as NSString).appendingPathComponent(String(format: "bench-%06d.", index) + variant.fileExtension)
            try Data(content).write(to: URL(fileURLWithPath: path))
            paths.append(path)
            total += content.count
            index += 1
        }
        return paths
    }

    /// Item `index`, by `index % 4`: a whole sample as it is; a whole sample in a variant; a piece
    /// of a sample in a variant; a generated dump. The variants other than plain take turns.
    private func item(
        _ index: Int, random: inout SplitMix64, generator: inout OpinionDumpGenerator
    ) -> (bytes: [UInt8], variant: SampleVariant) {
        let sample = samples[(index / 4) % samples.count]
        let others = SampleVariant.allCases.filter { $0 != .plain }
        let turn = (index / 4) * 2 + (index % 4 == 2 ? 1 : 0)
        let variant = index % 4 == 0 ? SampleVariant.plain : others[turn % others.count]
        switch index % 4 {
        case 0, 1:
            return (variant.apply(to: sample, random: &random), variant)
        case 2:
            let length = min(sample.count, 2_000 + Int(random.next() % UInt64(max(sample.count, 1))))
            let start = Int(random.next() % UInt64(sample.count - length + 1))
            return (variant.apply(to: Array(sample[start..<start + length]), random: &random), variant)
        default:
            let family = OpinionDumpGenerator.Family.allCases[(index / 4) % OpinionDumpGenerator.Family.allCases.count]
            return (Array(generator.dump(family).utf8), .plain)
        }
    }
}
