import ConsentModel
import TerminalKit

extension Renderer {
    static func drawModal(_ buffer: inout ScreenBuffer, _ state: AppState, _ modal: Modal) {
        switch modal {
        case .form(let form): drawForm(&buffer, form)
        case .discard: drawQuestion(&buffer, tr("modal.discard.title"), tr("modal.discard"))
        case .quit(let form): drawQuestion(&buffer, tr("modal.quit.title"), form == nil ? tr("modal.quit") : tr("modal.quitUnsaved"))
        case .dangerous(let change): drawQuestion(&buffer, tr("action.\(change.action.rawValue)"), change.consequence)
        case .confirmImpact(_, let impact, _, _):
            drawQuestion(&buffer, tr("modal.impact.title"), impact.description + "\n" + tr("modal.impact.question"))
        case .loadDemo: drawQuestion(&buffer, tr("action.loadDemo"), tr("modal.loadDemo"))
        }
    }

    /// A yes/no question in a box; the question wraps (a line break starts a new line).
    static func drawQuestion(_ buffer: inout ScreenBuffer, _ title: String, _ question: String) {
        let paragraphs = question.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let widest = paragraphs.map(\.displayWidth).max() ?? 0
        var width = min(buffer.width - 2, max(40, min(widest + 6, 76)))
        var lines = paragraphs.flatMap { wrap($0, width: max(10, width - 4)) }
        // Never cut: a question taller than the screen takes the whole width first.
        if lines.count + 4 > buffer.height - 2, width < buffer.width - 2 {
            width = buffer.width - 2
            lines = paragraphs.flatMap { wrap($0, width: max(10, width - 4)) }
        }
        let height = min(max(3, buffer.height - 2), lines.count + 4)
        let x = (buffer.width - width) / 2, y = max(0, (buffer.height - height) / 2)
        let inner = drawBox(&buffer, x: x, y: y, width: width, height: height, title: title)
        for (index, line) in lines.prefix(max(1, height - 4)).enumerated() {
            buffer.put(line, x: inner.x, y: inner.y + index, maxWidth: inner.width)
        }
        let answers = inner.y + min(lines.count, max(1, height - 4)) + 1
        buffer.put("y", x: inner.x, y: answers, role: .key)
        buffer.put(" " + tr("modal.yes") + "   ", x: inner.x + 1, y: answers)
        let n = inner.x + 2 + tr("modal.yes").displayWidth + 3
        buffer.put("n", x: n, y: answers, role: .key)
        buffer.put(" " + tr("modal.no"), x: n + 1, y: answers)
    }

    /// A form: a label and an editable value per line; a field's message below it.
    static func drawForm(_ buffer: inout ScreenBuffer, _ form: FormState) {
        let width = min(buffer.width - 2, 84)
        let labelWidth = min(28, (form.fields.map { $0.field.label.displayWidth + ($0.required ? 2 : 0) }.max() ?? 10) + 1)
        let valueWidth = max(8, width - 4 - labelWidth - 1)
        // Lines: (field index or nil, text, role)
        var lines: [(field: Int?, text: String, role: StyleRole)] = []
        for (index, field) in form.fields.enumerated() {
            lines.append((index, "", .normal))
            if let error = form.errors[field.field] {
                lines.append((nil, "↳ " + error, .error))
            }
        }
        // What the focused field wants, where it needs saying (the partner user id).
        let helpKey = "fieldHelp.\(form.fields[form.focus].field.rawValue)"
        var footer: [(String, StyleRole)] = tr(helpKey) == helpKey ? [] : [(tr(helpKey), .dim)]
        footer += form.warnings.map { ("⚠ " + $0, .warning) }
        if let message = form.message { footer.append((message, .error)) }
        // Height: fields, a gap, footer lines (wrapped), the border.
        let innerWidth = width - 4
        var wrappedFooter = footer.flatMap { line in wrap(line.0, width: innerWidth).map { ($0, line.1) } }
        // On a short screen the messages keep at least one field row: the field's help goes
        // first, then (only if still too tall) the end of the longest message.
        let footerRoom = max(1, buffer.height - 2 - 2 - 2)
        if wrappedFooter.count > footerRoom, footer.first?.1 == .dim {
            wrappedFooter.removeFirst(wrap(footer[0].0, width: innerWidth).count)
        }
        if wrappedFooter.count > footerRoom { wrappedFooter = Array(wrappedFooter.prefix(footerRoom)) }
        let wrappedLines = lines.flatMap { line -> [(field: Int?, text: String, role: StyleRole)] in
            line.field != nil ? [line] : wrap(line.text, width: innerWidth - labelWidth - 1).map { (nil, $0, line.role) }
        }
        let wanted = wrappedLines.count + 1 + wrappedFooter.count + 2
        let height = min(buffer.height - 2, wanted)
        let x = (buffer.width - width) / 2, y = max(1, (buffer.height - height) / 2)
        let inner = drawBox(&buffer, x: x, y: y, width: width, height: height, title: form.title)
        let fieldRows = max(1, inner.height - wrappedFooter.count - 1)
        // Keep the focused field on screen.
        let focusLine = wrappedLines.firstIndex { $0.field == form.focus } ?? 0
        let first = max(0, min(focusLine - fieldRows / 2, wrappedLines.count - fieldRows))
        for (offset, line) in wrappedLines.dropFirst(first).prefix(fieldRows).enumerated() {
            let row = inner.y + offset
            guard let index = line.field else {
                buffer.put(line.text, x: inner.x + labelWidth + 1, y: row, role: line.role, maxWidth: inner.width - labelWidth - 1)
                continue
            }
            let field = form.fields[index]
            let focused = index == form.focus
            let label = field.field.label + (field.required ? " *" : "")
            buffer.put(label.truncated(toWidth: labelWidth), x: inner.x, y: row, role: focused ? .accent : .normal)
            let valueX = inner.x + labelWidth + 1
            let role: StyleRole = field.readOnly ? .dim : focused ? .fieldFocused : .field
            if !field.readOnly { buffer.fill(x: valueX, y: row, width: valueWidth, height: 1, role: role) }
            if field.choices != nil {
                buffer.put("‹ " + field.display + " ›", x: valueX, y: row, role: role, maxWidth: valueWidth)
            } else {
                let shown = field.input.visible(width: valueWidth)
                // A selected pre-filled value is drawn as selected: typing replaces it.
                let textRole: StyleRole = focused && field.input.selected ? .selected : role
                buffer.put(safe(shown.text), x: valueX, y: row, role: textRole, maxWidth: valueWidth)
                if focused && !field.readOnly { buffer.cursor = (valueX + shown.cursorColumn, row) }
            }
        }
        var footerY = inner.y + inner.height - wrappedFooter.count
        for line in wrappedFooter {
            buffer.put(line.0, x: inner.x, y: footerY, role: line.1, maxWidth: inner.width)
            footerY += 1
        }
    }

    /// Splits text into lines of at most `width` columns (at spaces where it can).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 4, text.displayWidth > width else { return [text] }
        // Keep the first line's indentation.
        let indent = String(text.prefix { $0 == " " })
        if !indent.isEmpty {
            var lines = wrap(String(text.dropFirst(indent.count)), width: width - indent.count)
            lines[0] = indent + lines[0]
            return lines
        }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.displayWidth <= width {
                current = candidate
                continue
            }
            if !current.isEmpty { lines.append(current) }
            var rest = word
            while rest.displayWidth > width {
                let head = rest.truncated(toWidth: width, ellipsis: false)
                lines.append(head)
                rest = String(rest.dropFirst(head.count))
            }
            current = rest
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
