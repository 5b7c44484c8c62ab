/// `text` as a JSON string literal, for error and violation messages.
func quoted(_ text: String) -> String {
    JSONWriter.string(.string(text), pretty: false)
}
