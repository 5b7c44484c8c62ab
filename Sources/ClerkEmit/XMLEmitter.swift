import ClerkCore
import ClerkLibXML

/// The output model as XML (see Schemas/opinion.xsd; `XMLModelWriter` writes it).
public enum XMLEmitter {
    /// The document's XML, not validated.
    public static func bytes(_ document: Document) throws(XMLFailure) -> [UInt8] {
        let writer = XMLWriter(capacity: estimatedSize(document))
        write(document, to: writer)
        return try writer.finish()
    }

    /// About how many bytes the document's XML takes (a little more, rather than less), so that
    /// the writer's buffer is sized once.
    public static func estimatedSize(_ document: Document) -> Int {
        func size(_ block: Block) -> Int {
            block.text.utf8.count + 48 + 40 * (block.pageBreaks.count + block.footnoteRefs.count)
                + 120 * block.citations.count
        }
        var bytes = 4096
        for opinion in document.opinions {
            for block in opinion.blocks { bytes += size(block) }
            for footnote in opinion.footnotes {
                bytes += 48
                for block in footnote.blocks { bytes += size(block) }
            }
        }
        for edit in document.log.edits {
            bytes += 120 + edit.stage.utf8.count + edit.reason.utf8.count + edit.before.utf8.count + edit.after.utf8.count
                + (edit.alternative?.utf8.count ?? 0)
        }
        for warning in document.log.warnings { bytes += 64 + warning.stage.utf8.count + warning.message.utf8.count }
        return bytes + bytes / 8
    }

    /// Writes the document into `writer`, which may validate it as it goes.
    public static func write(_ document: Document, to writer: XMLWriter) {
        var visitor = XMLModelWriter(writer: writer)
        ModelWalk.walk(document, into: &visitor)
    }
}
