import ConsentModel

extension Keymap {
    /// The README's key table, generated from the bindings (a test keeps README.md equal to
    /// it; `KEYS_RECORD=1 swift test --filter KeyTableTests` rewrites it).
    public static func markdownTable() -> String {
        var lines = ["| Where | Keys | Action | What it does |", "|---|---|---|---|"]
        for (context, bindings) in helpSections() {
            for binding in bindings {
                let keys = binding.keys.map { "`" + ($0.label == "|" ? "\\|" : $0.label) + "`" }.joined(separator: " ")
                let danger = binding.dangerous ? " " + tr("help.asksFirst") : ""
                lines.append("| \(tr("help.context.\(context.rawValue)")) | \(keys) | \(binding.label) | \(binding.longHelp)\(danger) |")
            }
        }
        return lines.joined(separator: "\n")
    }
}
