import ConsentModel
import Foundation
import TerminalKit

/// The help screen: every binding of the keymap by context, and what each status means.
extension Renderer {
    static func drawHelp(_ buffer: inout ScreenBuffer, _ state: AppState, scroll: Int) {
        drawTitle(&buffer, state, tr("help.title"))
        var lines: [(String, StyleRole)] = [(tr("help.intro"), .normal), ("", .normal)]
        for (context, bindings) in Keymap.helpSections() where !bindings.isEmpty {
            lines.append((tr("help.context.\(context.rawValue)"), .header))
            for binding in bindings {
                lines.append(("  " + binding.keyLabel.padded(toWidth: 14) + " " + binding.label, .normal))
            }
            lines.append(("", .normal))
        }
        lines.append((tr("help.statuses"), .header))
        for status in ConsentStatus.allCases {
            lines.append(("  " + status.label(for: state.profile.role).padded(toWidth: 16) + " " + tr("help.status.\(status.rawValue)"),
                          rowRole(status, selected: false)))
        }
        lines = wrapped(lines, width: buffer.width - 2, indent: 17)
        let height = buffer.height - 3
        let top = min(scroll, max(0, lines.count - height))
        for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
            buffer.put(line.0, x: 1, y: 1 + offset, role: line.1, maxWidth: buffer.width - 2)
        }
    }
}
