import Testing

/// The suites that start `omc-nesim` processes, run one test at a time: the machine has two cores and
/// other targets' end-to-end tests (with tight timeouts) run alongside.
@Suite("omc-nesim processes", .serialized)
enum SimulatorProcessSuites {}
