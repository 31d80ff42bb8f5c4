import Testing
@testable import IomapEngine

// MARK: - errseq_t as lib/errseq.c defines it

@Test func errseqReportsOncePerSampler() {
    var wb = errseq_t()
    var fileA = wb.errseq_sample(), fileB = wb.errseq_sample()
    #expect(wb.errseq_check(fileA) == 0)
    wb.errseq_set(-5)
    #expect(wb.errseq_check(fileA) == -5)
    #expect(wb.errseq_check_and_advance(&fileA) == -5)
    #expect(wb.errseq_check_and_advance(&fileA) == 0)        // once per file description
    #expect(wb.errseq_check_and_advance(&fileB) == -5)       // the other file still sees it
    // A file opened after the error was seen starts from the seen value: nothing to report.
    var fileC = wb.errseq_sample()
    #expect(wb.errseq_check_and_advance(&fileC) == 0)
}

@Test func errseqCountsErrorsSetAfterASample() {
    var wb = errseq_t()
    var file = wb.errseq_sample()
    wb.errseq_set(-5)
    // Unseen: setting the same error again changes nothing (no counter bump).
    let before = wb
    wb.errseq_set(-5)
    #expect(wb == before)
    #expect(wb.errseq_check_and_advance(&file) == -5)
    // Seen: the next error bumps the counter, so even the same errno is new to every sampler.
    wb.errseq_set(-5)
    #expect(wb != before && wb.errseq_check(file) == -5)
    #expect(wb.errseq_check_and_advance(&file) == -5)
    // An unopened file samples 0 while the error is unseen, so it reports it.
    wb.errseq_set(-28)
    var late = wb.errseq_sample()
    #expect(late == errseq_t() && wb.errseq_check_and_advance(&late) == -28)
    wb.errseq_set(0)                                          // 0 is not an error
    #expect(wb.errseq_check(late) == 0)
}
