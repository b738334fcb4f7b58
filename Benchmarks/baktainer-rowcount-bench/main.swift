// Feeds a dump file through a row counter in BUFFER-byte pieces (as the exec's stdout arrives) and prints,
// per round, the counter's throughput over the time spent in it (reading the file is not counted), then the
// counts' total and the number of tables. scripts/bench-rowcount.sh makes the dumps and runs it.
//
// Usage: baktainer-rowcount-bench postgres|mysql FILE [BUFFER_BYTES [ROUNDS]]
#if canImport(Glibc)
import Glibc
#endif
import BaktainerCore

let arguments = CommandLine.arguments
guard arguments.count >= 3, ["postgres", "mysql"].contains(arguments[1]) else {
    print("usage: baktainer-rowcount-bench postgres|mysql FILE [BUFFER_BYTES [ROUNDS]]")
    exit(64)
}
let bufferSize = arguments.count > 3 ? Int(arguments[3]) ?? 65536 : 65536
let rounds = arguments.count > 4 ? Int(arguments[4]) ?? 3 : 3
var buffer = [UInt8](repeating: 0, count: bufferSize)
for round in 1...rounds {
    let descriptor = open(arguments[2], O_RDONLY)
    guard descriptor >= 0 else {
        print("cannot open \(arguments[2])")
        exit(1)
    }
    var counter: any DumpRowCounter = arguments[1] == "postgres" ? PostgresCopyRowCounter() : MySQLInsertRowCounter(database: nil)
    var bytes = 0
    var counting = Duration.zero
    let clock = ContinuousClock()
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, bufferSize) }
        guard count > 0 else { break }
        bytes += count
        counting += buffer.withUnsafeBytes { all in
            clock.measure { counter.consume(UnsafeRawBufferPointer(rebasing: all[0..<count])) }
        }
    }
    close(descriptor)
    let seconds = Double(counting.components.seconds) + Double(counting.components.attoseconds) / 1e18
    let counts = counter.counts()
    print(
        "round \(round): \(bytes) bytes in \((seconds * 1000).rounded() / 1000) s = \(Int((Double(bytes) / seconds / 1e6).rounded())) MB/s;"
            + " \(counts.values.reduce(0, +)) rows in \(counts.count) tables")
}
