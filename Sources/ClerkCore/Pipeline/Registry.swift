/// What a registry holds: descriptions of the types of one kind (stages, readers), by id.
public protocol RegistryEntry: Sendable {
    var id: String { get }
}

/// The known types of one kind, in their default order: `StageRegistry`, `ReaderRegistry`.
public struct Registry<Descriptor: RegistryEntry>: Sendable {
    public let descriptors: [Descriptor]

    public init(descriptors: [Descriptor]) {
        self.descriptors = descriptors
    }

    public func descriptor(for id: String) -> Descriptor? {
        descriptors.first { $0.id == id }
    }

    public var ids: [String] { descriptors.map(\.id) }
}
