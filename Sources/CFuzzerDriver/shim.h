// libFuzzer's driver, which ships with the Swift toolchain (libclang_rt.fuzzer). Only declared
// here: it is linked when clerk-fuzz is built with -sanitize=fuzzer, and only called then.
#ifndef CLERK_FUZZER_DRIVER_H
#define CLERK_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with its command line (`-max_len=…`, corpus folders) over `callback`.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
