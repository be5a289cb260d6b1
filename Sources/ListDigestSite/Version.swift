public enum ListDigestVersion {
    public static let current = "0.1.0"
}
