import ClerkBulk
import ClerkJSON

/// CourtListener's other tables joined to its opinion records: an opinion names its cluster
/// (`cluster_id`), a cluster its docket (`docket_id`) and carries the case's name and date, a
/// docket its number and court (`court_id`), a court its full name. The columns the
/// CourtListener reader reads (`case_name`, `case_name_full`, `date_filed`, `docket_number`,
/// `court_full_name`) are added to each record that lacks them; what the record holds itself
/// is never replaced.
///
/// The tables are held in memory (`KeyedTable`): the clusters whole (a few columns a row), the
/// dockets and courts only where a cluster kept names them, so that a dockets table of tens of
/// millions of rows keeps only the opinions' own.
final class CourtListenerJoin {
    let clusters: KeyedTable
    let dockets: KeyedTable?
    let courts: KeyedTable?
    /// Records whose cluster is not in the clusters table.
    private(set) var missingClusters = 0
    private(set) var joined = 0

    /// The cluster's columns a record gets, then the docket it leads to.
    static let clusterColumns = ["case_name", "case_name_full", "date_filed", "docket_id"]
    private static let docketIdIndex = clusterColumns.firstIndex(of: "docket_id")!

    /// Loads the tables; `dockets` needs `clusters`, `courts` needs `dockets` (that is how a
    /// record reaches them).
    init(clusters: String, dockets: String?, courts: String?, dialect: CSVDialect) throws(BulkReadError) {
        self.clusters = try KeyedTable(path: clusters, key: "id", columns: Self.clusterColumns, dialect: dialect)
        guard let dockets else {
            self.dockets = nil
            self.courts = nil
            return
        }
        let docketIds = self.clusters.keys(in: "docket_id")
        let docketTable = try KeyedTable(path: dockets, key: "id", columns: ["docket_number", "court_id"], dialect: dialect) {
            docketIds.contains($0)
        }
        self.dockets = docketTable
        guard let courts else {
            self.courts = nil
            return
        }
        let courtIds = docketTable.keys(in: "court_id")
        self.courts = try KeyedTable(path: courts, key: "id", columns: ["full_name"], dialect: dialect) { courtIds.contains($0) }
    }

    /// Adds the case's columns from the tables to `record` where it has none of its own.
    func complete(_ record: inout JSONObject) {
        guard let clusterId = Self.text(record["cluster_id"]) else { return }
        guard let cluster = clusters.row(clusterId) else {
            missingClusters += 1
            return
        }
        joined += 1
        var found: [(String, String?)] = Array(zip(Self.clusterColumns, cluster))
        found.remove(at: Self.docketIdIndex)
        if let dockets, let docketId = cluster[Self.docketIdIndex], let docket = dockets.row(docketId) {
            found.append(("docket_number", docket[0]))
            if let courts, let courtId = docket[1], let court = courts.row(courtId) {
                found.append(("court_full_name", court[0]))
            }
        }
        for case (let name, let value?) in found where Self.text(record[name]) == nil {
            record[name] = .string(value)
        }
    }

    /// What the tables say about themselves and the records joined, for the run's end: rows
    /// that could not be read, keys given twice, records whose cluster is missing.
    var notes: [String] {
        var notes: [String] = []
        for table in [clusters, dockets, courts].compactMap({ $0 }) {
            if let first = table.firstUnreadableRow {
                notes.append("\(table.path): \(table.unreadableRows) row(s) could not be read and were left out; the first: \(first)")
            }
            if table.duplicateKeys > 0 {
                notes.append("\(table.path): \(table.duplicateKeys) row(s) repeat an id already read; the first row of each id was kept")
            }
        }
        if missingClusters > 0 {
            notes.append("\(missingClusters) of \(missingClusters + joined) record(s) name a cluster that is not in \(clusters.path)")
        }
        return notes
    }

    /// A column's value as text: a string or a number; nil for null, empty or absent.
    private static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)? where !text.isEmpty: text
        case .int(let number)?: String(number)
        default: nil
        }
    }
}
