/// Which record of a case-law corpus a document is: the collection's own identifiers, so that an
/// output can be traced back to its record and joined with the rest of the collection.
public struct RecordIdentity: Sendable, Equatable {
    /// The collection the record comes from (`cap`, `courtlistener`, `columbia`).
    public var collection: String
    /// The record's id in its collection (a CAP case id, a CourtListener opinion id).
    public var id: String?
    /// The CourtListener cluster the opinion belongs to.
    public var clusterId: String?
    /// The case's citations as the record gives them (`1 B.T.A. 15`).
    public var citations: [String]
    /// The record's field the text came from, where it offers several (`xml_harvard`, `plain_text`).
    public var textField: String?

    public init(collection: String, id: String? = nil, clusterId: String? = nil, citations: [String] = [], textField: String? = nil) {
        self.collection = collection
        self.id = id
        self.clusterId = clusterId
        self.citations = citations
        self.textField = textField
    }
}
