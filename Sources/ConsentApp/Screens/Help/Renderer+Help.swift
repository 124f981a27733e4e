import ConsentModel
import Foundation
import TerminalKit

/// The help screen: every binding of the keymap by context, and what each status means.
extension Renderer {
    static func drawHelp(_ buffer: inout ScreenBuffer, _ state: AppState, scroll: Int) {
        drawTitle(&buffer, state, tr("help.title"))
        let drawn = helpLines(state, width: buffer.width - 2)
        let height = buffer.height - 3
        let top = min(scroll, max(0, drawn.count - height))
        for (offset, line) in drawn.dropFirst(top).prefix(height).enumerated() {
            buffer.put(line.text, x: 1, y: 1 + offset, role: line.role, maxWidth: buffer.width - 2)
        }
        // Where the reader is, and that more follows (help runs to several pages at 80×24).
        if drawn.count > height, state.flash == nil {
            let last = min(drawn.count, top + height)
            let position = tr(last < drawn.count ? "help.position.more" : "help.position.end", top + 1, last, drawn.count)
            buffer.put(" " + position + " ", x: max(0, buffer.width - position.displayWidth - 3), y: buffer.height - 2,
                       role: .accent, maxWidth: buffer.width)
        }
    }

    /// The help's lines, wrapped to `width`.
    static func helpLines(_ state: AppState, width: Int) -> [(text: String, role: StyleRole, source: Int)] {
        // Each line with the column its wrapped text continues at: the intro at the left, a
        // binding's words under its words, a status's meaning under its meaning.
        var lines: [(String, StyleRole, Int)] = [(tr("help.intro"), .normal, 0), ("", .normal, 0)]
        for (context, bindings) in Keymap.helpSections() where !bindings.isEmpty {
            lines.append((tr("help.context.\(context.rawValue)"), .header, 0))
            for binding in bindings {
                lines.append(("  " + binding.keyLabel.padded(toWidth: 14) + " " + binding.label, .normal, 17))
            }
            lines.append(("", .normal, 0))
        }
        lines.append((tr("help.statuses"), .header, 0))
        for status in ConsentStatus.allCases {
            lines.append(("  " + status.label(for: state.profile.role).padded(toWidth: 16) + " " + tr("help.status.\(status.rawValue)"),
                          rowRole(status, selected: false), 19))
        }
        return wrapped(lines, width: width)
    }
}
