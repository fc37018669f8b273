#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReliefCLI

exit(ReliefMain.run(arguments: Array(CommandLine.arguments.dropFirst())))
