/// libFuzzer's entry point: it calls this with each input it makes up. Build with
/// `-sanitize=fuzzer` and `-DCLERK_FUZZING`, so that libFuzzer's own `main` drives it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    PipelineProbe.run(bytes)
    return 0
}
