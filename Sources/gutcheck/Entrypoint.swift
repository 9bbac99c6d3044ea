import Foundation
import GutcheckCommands

@main
enum Entrypoint {
    static func main() {
        exit(GutcheckCommand.run(Array(CommandLine.arguments.dropFirst())))
    }
}
