// 简体中文目录：与英文目录键完全相同（由测试检查）。
extension Strings {
    static let simplifiedChineseCatalog: [String: String] = [
        "agreement.cloud": "Microsoft 云协议",
        // @append-chinese
    ]
}
