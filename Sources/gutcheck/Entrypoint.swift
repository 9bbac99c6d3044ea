import Foundation
import GutcheckCommands

@main
enum Entrypoint {
    static func main() {
        // Past a file-size limit a write should fail with EFBIG, named with its file, rather
        // than the process die of SIGXFSZ with a half-written staging folder.
        signal(SIGXFSZ, SIG_IGN)
        exit(GutcheckCommand.run(Array(CommandLine.arguments.dropFirst())))
    }
}
