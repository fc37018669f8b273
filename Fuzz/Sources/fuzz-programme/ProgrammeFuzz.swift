import Foundation
import FuzzSupport
import ReliefDomain
import ReliefInterchange

/// A programme file (JSON): a programme that keeps the rules of one (a window that does not end
/// before it starts), or a problem.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let programme = try? ProgrammeFile.parse(Data(bytes: data, count: size), path: "programme.json") else { return 0 }
    require(programme.window.lowerBound <= programme.window.upperBound, "programme \(programme.name) with the window \(programme.window)")
    return 0
}
