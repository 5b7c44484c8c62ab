import ArgumentParser
import ClerkBulk
import Foundation

/// How `convert` reads bulk tables: the CSV quoting, and CourtListener's tables joined to its
/// opinion records.
struct BulkOptions: ParsableArguments {
    @Option(name: .customLong("csv-quote"), help: ArgumentHelp(
        "The character that quotes a CSV field (PostgreSQL's COPY … QUOTE).", valueName: "CHAR"))
    var csvQuote: String = "\""

    @Option(name: .customLong("csv-escape"), help: ArgumentHelp(
        "The character that escapes a quote inside a quoted CSV field (PostgreSQL's COPY … ESCAPE; CourtListener's exports from 2025 on use \\). Default: the quote, doubled.",
        valueName: "CHAR"))
    var csvEscape: String?

    @Option(name: .long, help: ArgumentHelp(
        "CourtListener's clusters table (CSV, compressed or not): each opinion record gets its case's name and date.", valueName: "FILE"))
    var clusters: String?

    @Option(name: .long, help: ArgumentHelp(
        "CourtListener's dockets table, with --clusters: each record gets its docket number.", valueName: "FILE"))
    var dockets: String?

    @Option(name: .long, help: ArgumentHelp(
        "CourtListener's courts table, with --dockets: each record gets its court's full name.", valueName: "FILE"))
    var courts: String?

    func validate() throws {
        for (name, value) in [("--csv-quote", csvQuote), ("--csv-escape", csvEscape ?? csvQuote)] {
            guard let byte = Self.byte(value), ![UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(byte) else {
                throw ValidationError("\(name) must be one ASCII character other than a comma or a line end, not \(value.debugDescription)")
            }
        }
        if dockets != nil, clusters == nil { throw ValidationError("--dockets needs --clusters: a record reaches its docket through its cluster") }
        if courts != nil, dockets == nil { throw ValidationError("--courts needs --dockets: a record reaches its court through its docket") }
    }

    /// The tables given to join.
    var tablePaths: [String] { [clusters, dockets, courts].compactMap { $0 } }

    var dialect: CSVDialect {
        let quote = Self.byte(csvQuote) ?? UInt8(ascii: "\"")
        return CSVDialect(quote: quote, escape: csvEscape.flatMap(Self.byte))
    }

    /// The tables of --clusters, --dockets and --courts read (nil when none is given), with a
    /// line on how many rows were kept; a table that cannot be read stops the run before any
    /// conversion (status 2).
    func loadJoin() throws -> CourtListenerJoin? {
        guard let clusters else { return nil }
        let started = ContinuousClock.now
        do {
            let join = try CourtListenerJoin(clusters: clusters, dockets: dockets, courts: courts, dialect: dialect)
            let kept = [("cluster", join.clusters), ("docket", join.dockets), ("court", join.courts)].compactMap { name, table in
                table.map { "\($0.count) \(name)(s) of \($0.path)" }
            }
            Diagnostics.info(String(
                format: "joining %@ (read in %.1f s)", kept.joined(separator: ", "), (ContinuousClock.now - started).seconds))
            return join
        } catch {
            Diagnostics.error("cannot join the tables: \(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    private static func byte(_ text: String) -> UInt8? {
        let bytes = Array(text.utf8)
        return bytes.count == 1 && bytes[0] < 0x80 ? bytes[0] : nil
    }
}
