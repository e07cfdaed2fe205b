import Foundation

/// Writes a line of the report straight to standard output. `print` is block-buffered when the
/// output is a pipe (`run.sh | tee`), which would hold progress back and mix it out of order with
/// the OMC's log lines on standard error.
func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
