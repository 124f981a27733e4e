import ConsentModel
import TerminalKit

/// Draws the state into a screen buffer: a pure function, so screens are tested as
/// text plus a grid of style roles.
public enum Renderer {
    /// Below this the app asks for a bigger terminal.
    public static let minimumWidth = 40
    public static let minimumHeight = 10

    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard state.width >= minimumWidth, state.height >= minimumHeight else {
            drawTooSmall(&buffer, state)
            return buffer
        }
        switch state.screen {
        case .list:
            if !state.loaded { drawCentered(&buffer, [(tr("app.loading"), .dim)]) }
            else if state.storeIsEmpty { drawWelcome(&buffer, state) }
            else { drawList(&buffer, state) }
        case .detail(let detail): drawDetail(&buffer, state, detail)
        case .room(let room): room.draw(&buffer, state)
        }
        drawMessageLine(&buffer, state)
        drawStatusBar(&buffer, state)
        if let modal = state.modal { drawModal(&buffer, state, modal) }
        return buffer
    }

    /// Text from the store or a user, safe to draw.
    static func safe(_ text: String) -> String { UntrustedText.escaped(text) }

    /// "Terminal too small" and what size is needed, wrapped to the width so the message
    /// itself is never cut (as much as the height holds, the title first).
    static func drawTooSmall(_ buffer: inout ScreenBuffer, _ state: AppState) {
        func lines(_ text: String) -> [String] {
            state.width > 4 ? wrap(text, width: state.width) : [text.truncated(toWidth: state.width, ellipsis: false)]
        }
        var shown = lines(tr("app.tooSmall")).map { ($0, StyleRole.error) }
        shown += lines(tr("app.tooSmall.size", state.width, state.height, minimumWidth, minimumHeight)).map { ($0, StyleRole.normal) }
        shown = Array(shown.prefix(max(0, state.height)))
        let top = max(0, (state.height - shown.count) / 2)
        for (index, line) in shown.enumerated() {
            let text = line.0.truncated(toWidth: state.width)
            buffer.put(text, x: max(0, (state.width - text.displayWidth) / 2), y: top + index, role: line.1)
        }
    }

    /// Lines centred on the screen.
    static func drawCentered(_ buffer: inout ScreenBuffer, _ lines: [(String, StyleRole)]) {
        let top = max(1, (buffer.height - lines.count) / 2)
        let width = min(buffer.width - 2, lines.map { $0.0.displayWidth }.max() ?? 0)
        let left = max(1, (buffer.width - width) / 2)
        for (index, line) in lines.enumerated() {
            buffer.put(line.0, x: left, y: top + index, role: line.1, maxWidth: buffer.width - left - 1)
        }
    }

    /// The first line: product, partner, store.
    static func drawTitle(_ buffer: inout ScreenBuffer, _ state: AppState, _ title: String) {
        buffer.fill(x: 0, y: 0, width: buffer.width, height: 1, role: .title)
        let used = buffer.put(" " + title, x: 0, y: 0, role: .title)
        let path = safe(state.storePath)
        let room = buffer.width - used - 3
        if room > 12 {
            let shown = path.displayWidth <= room ? path : "…" + String(path.suffix(room - 1))
            buffer.put(shown, x: buffer.width - shown.displayWidth - 1, y: 0, role: .title)
        }
    }

    static func partnerTitle(_ state: AppState) -> String {
        let name = state.profile.name.isEmpty ? tr("app.noProfile") : safe(state.profile.name)
        return "ConsentDesk · \(name) · \(state.profile.role.displayName)"
    }

    /// The line above the status bar: the filter being typed, or a message.
    static func drawMessageLine(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let y = buffer.height - 2
        if state.saving?.waiting == true {
            drawMessage(&buffer, tr("app.waitingForLock"), role: .warning)
            return
        }
        if let work = state.work, !state.filtering {
            let bar = work.fraction == nil ? "" : work.bar(width: min(24, max(0, buffer.width / 5))) + " "
            drawMessage(&buffer, bar + work.line, role: .accent)
            return
        }
        let showFilter = state.filtering || (!state.filter.text.isEmpty && state.flash == nil)
        if case .list = state.screen, showFilter {
            let label = "/ "
            buffer.put(label, x: 0, y: y, role: .key)
            let count = " " + (state.shownCount.map { tr("app.matches", formatted($0)) } ?? tr("app.counting"))
            let room = max(4, buffer.width - label.count - count.displayWidth - 1)
            let shown = state.filter.visible(width: room)
            buffer.put(safe(shown.text), x: label.count, y: y, role: state.filtering ? .fieldFocused : .normal, maxWidth: room)
            if state.filtering && state.modal == nil { buffer.cursor = (label.count + shown.cursorColumn, y) }
            buffer.put(count, x: label.count + min(room, max(shown.text.displayWidth + 1, 1)), y: y, role: .dim)
            // A Microsoft error code or message typed into the filter (a caller reading it out)
            // is explained above it: cause and fix, as `consentdesk explain` gives them.
            if let error = PartnerCenterError.find(state.filter.text).first {
                let name = [error.code.map(String.init), error.name].compactMap { $0 }.joined(separator: " ")
                let text = tr("app.filterExplains", name.isEmpty ? tr("app.filterExplains.message") : name, error.cause, error.fix)
                drawLines(&buffer, text, endingAt: y - 1, role: .accent)
            }
        } else if let flash = state.flash {
            drawMessage(&buffer, flash.text, role: flash.role)
        }
    }

    /// A message above the status bar, never cut: a long one wraps onto the lines above
    /// (over the bottom of the screen) until the next key clears it.
    static func drawMessage(_ buffer: inout ScreenBuffer, _ text: String, role: StyleRole) {
        drawLines(&buffer, text, endingAt: buffer.height - 2, role: role)
    }

    /// `text` wrapped to the width, its last line on row `bottom`, the rest above it.
    static func drawLines(_ buffer: inout ScreenBuffer, _ text: String, endingAt bottom: Int, role: StyleRole) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .flatMap { wrap(String($0), width: max(10, buffer.width - 2)) }
        let shown = lines.prefix(max(1, bottom - 1))
        let top = bottom + 1 - shown.count
        for (index, line) in shown.enumerated() {
            buffer.fill(x: 0, y: top + index, width: buffer.width, height: 1, role: .normal)
            buffer.put(" " + line, x: 0, y: top + index, role: role, maxWidth: buffer.width)
        }
    }

    /// The bottom line: the keys that work right now, from the keymap; a key unavailable
    /// for the customer under the cursor is dimmed (pressing it says why).
    static func drawStatusBar(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let y = buffer.height - 1
        buffer.fill(x: 0, y: y, width: buffer.width, height: 1, role: .statusBar)
        var x = 1
        let (bindings, short) = statusBarBindings(state, width: buffer.width)
        for binding in bindings {
            let key = binding.keys[0].label
            let label = short ? binding.barLabel : binding.label
            let needed = key.displayWidth + 1 + label.displayWidth + 2
            if x + needed > buffer.width { break }
            let available = Keymap.availability(of: binding.action, in: state).isAvailable
            x += buffer.put(key, x: x, y: y, role: available ? .key : .dim)
            x += buffer.put(" " + label + "  ", x: x, y: y, role: .statusBar)
        }
    }

    /// The status bar's bindings, most useful first: outside the list (which keeps its own
    /// order), the actions available now before those that are not, then going
    /// back, help and quit, which always fit. When not all fit, the actions take their short
    /// words (`Binding.barLabel`), and one that still does not fit is left out. Returns
    /// whether the short words are used.
    static func statusBarBindings(_ state: AppState, width: Int) -> (bindings: [Binding], short: Bool) {
        let context = state.keyContext
        let all = Keymap.statusBar(for: state)
        guard context != .filter else { return (all, false) }
        let tailActions: Set<Action> = [.back, .help, .quit]
        let tail = all.filter { tailActions.contains($0.action) }
        let actions = all.filter { !tailActions.contains($0.action) }
        // The list keeps its own order (its keys are its most useful first); only when they
        // do not fit (customers marked at 80 columns) do they take their short words.
        let ordered = context == .list ? actions
            : actions.filter { Keymap.availability(of: $0.action, in: state).isAvailable }
                + actions.filter { !Keymap.availability(of: $0.action, in: state).isAvailable }
        func cost(_ binding: Binding, _ short: Bool) -> Int {
            binding.keys[0].label.displayWidth + 1 + (short ? binding.barLabel : binding.label).displayWidth + 2
        }
        let full = (ordered + tail).map { cost($0, false) }.reduce(0, +)
        if full <= width - 1 {
            // Spare width shows more of the context's keys, by the keymap's priority.
            var room = width - 1 - full
            var extras: [Binding] = []
            for binding in Keymap.statusBarExtras(for: state, beside: all) where cost(binding, false) <= room {
                extras.append(binding)
                room -= cost(binding, false)
            }
            return (ordered + extras + tail, false)
        }
        var room = width - 1 - tail.map { cost($0, true) }.reduce(0, +)
        var shown: [Binding] = []
        for binding in ordered where cost(binding, true) <= room {
            shown.append(binding)
            room -= cost(binding, true)
        }
        return (shown + tail, true)
    }

    /// 1234567 → "1,234,567".
    static func formatted(_ number: Int) -> String { WorkProgress.grouped(number) }

    /// A box with a border and a title; returns the inner rectangle.
    @discardableResult
    static func drawBox(_ buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, height: Int, title: String) -> (x: Int, y: Int, width: Int, height: Int) {
        buffer.fill(x: x, y: y, width: width, height: height, role: .normal)
        buffer.put("┌" + String(repeating: "─", count: max(0, width - 2)) + "┐", x: x, y: y, role: .border)
        for row in (y + 1)..<(y + height - 1) {
            buffer.put("│", x: x, y: row, role: .border)
            buffer.put("│", x: x + width - 1, y: row, role: .border)
        }
        buffer.put("└" + String(repeating: "─", count: max(0, width - 2)) + "┘", x: x, y: y + height - 1, role: .border)
        buffer.put(" " + title + " ", x: x + 2, y: y, role: .title, maxWidth: width - 4)
        return (x + 2, y + 1, width - 4, height - 2)
    }
}
