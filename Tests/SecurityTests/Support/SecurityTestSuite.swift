import Testing

/// Every suite of these tests, one test at a time: each starts OMC hosts that hash passwords and
/// migrate databases, and run side by side they load the machine enough to upset the timing
/// assertions of other targets' two-process tests, which run in the same test process.
@Suite(.serialized) enum SecurityTestSuite {}
