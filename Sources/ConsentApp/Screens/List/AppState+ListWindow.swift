import ConsentStore

extension AppState {
    /// Opens the list window at the list's height: its first read (page and counts).
    public mutating func openListWindow() -> [Effect] {
        window = ListWindow(height: listHeight)
        return readingList(window.reload())
    }

    /// The effect for a window read, if the window asked for one.
    func readingList(_ read: ListRead?) -> [Effect] {
        read.map { [.readList($0)] } ?? []
    }
}
