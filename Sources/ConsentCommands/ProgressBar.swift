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

    /// Clears the bar (once; calling it again costs nothing).
    public func finish() {
        guard visible, drawn else { return }
        drawn = false
        writeStandardError("\r\u{1B}[K")
    }

    private func draw(force: Bool) {
        let now = Date()
        guard force || now.timeIntervalSince(lastDrawn) >= 0.1 else { return }
        lastDrawn = now
        drawn = true
        let progress = WorkProgress(label: label, done: done, total: total, elapsed: now.timeIntervalSince(started))
        let line = progress.fraction == nil ? progress.line : progress.bar(width: 24) + " " + progress.line
        writeStandardError("\r\u{1B}[K" + line)
    }
}
