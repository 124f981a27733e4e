import ConsentModel
import Foundation

/// A progress bar with a rate and the time left, on standard error when it is a terminal
/// (nothing otherwise, or with `--quiet`). Redrawn at most ten times a second; the line is
/// cleared by `finish()` so what the command prints afterwards starts clean.
public final class ProgressBar {
    /// Off with `--quiet`; set once by the command line before any work starts.
    nonisolated(unsafe) public static var enabled = true

    private let label: String
    private var total: Int?
    private var done = 0
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private let visible: Bool
    private var drawn = false

    /// A bar for `total` items (nil when not known yet: the rate is shown without time left).
    public init(label: String, total: Int?) {
        self.label = label
        self.total = total
        visible = Self.enabled && isatty(STDERR_FILENO) == 1
    }

    /// One more item (or `count`).
    public func advance(by count: Int = 1) {
        done += count
        guard visible, done % 256 == 0 || count > 1 else { return }
        draw(force: false)
    }

    /// `done` of `total` items.
    public func update(done: Int, total: Int) {
        self.done = done
        self.total = total
        guard visible else { return }
        draw(force: false)
    }

    /// Clears the bar.
    public func finish() {
        guard visible, drawn else { return }
        writeStandardError("\r\u{1B}[K")
    }

    private func draw(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        drawn = true
        let elapsed = max(0.001, now.timeIntervalSince(started))
        let rate = Double(done) / elapsed
        var line = ""
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 24)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            let left = rate > 0 ? Double(total - done) / rate : 0
            line = bar + " " + tr("progress.line", label, done, total, Int(rate), Self.duration(left))
        } else {
            line = tr("progress.line", label, done, "?", Int(rate), "?")
        }
        writeStandardError("\r\u{1B}[K" + line)
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
