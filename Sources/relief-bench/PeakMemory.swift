#if canImport(Glibc)
import Glibc
#endif

/// Peak resident memory of this process in MiB (VmHWM from /proc/self/status), or nil
/// where /proc is missing.
func peakMemoryMiB() -> Int? {
    guard let file = fopen("/proc/self/status", "r") else { return nil }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, Int32(line.count), file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmHWM:") {
            let digits = text.filter(\.isNumber)
            return Int(digits).map { $0 / 1024 }
        }
    }
    return nil
}

/// Monotonic seconds, for throughput only (never on a money path).
func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Starts a new peak: Linux resets VmHWM to the current resident size when "5" is written to
/// /proc/self/clear_refs, so that one workload's peak is not another's. False where it cannot.
@discardableResult
func resetPeakMemory() -> Bool {
    guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
    defer { fclose(file) }
    return fputs("5", file) >= 0
}
