// Tests use the generators of ClerkCorpus (SplitMix64, OpinionDumpGenerator, SampleVariant)
// through this module.
@_exported import ClerkCorpus
