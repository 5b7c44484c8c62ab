import ClerkTestSupport
import Foundation
import Testing

/// The review pages of the samples in a real browser: `clerk review` and `clerk convert` over
/// `Samples/`, then `scripts/checks/review-browser-check.py` drives headless Chromium (Debian's
/// `chromium` and `chromium-driver`, through Python `selenium`) over each page and checks the
/// live DOM against the JSON: footnote links and back links resolve, as many page markers as
/// page breaks, as many edit rows as edits, the stage filter shows exactly one stage's edits
/// and the live count says so, nothing is loaded, no sideways scrolling at 360 px. Screenshots
/// at desktop and phone width go to `.build/review-screenshots/`. A missing browser, driver or
/// Selenium fails the test (run scripts/setup), never skips it.
@Suite struct ReviewBrowserTests {
    private let root = ClerkProcess.packageRoot

    @Test func samplePagesWorkInHeadlessChromium() throws {
        let environment = ProcessInfo.processInfo.environment
        let chromium = environment["CHROMIUM"] ?? "/usr/bin/chromium"
        let driver = environment["CHROMEDRIVER"] ?? "/usr/bin/chromedriver"
        var missing: [String] = []
        if !FileManager.default.isExecutableFile(atPath: chromium) { missing.append("chromium (\(chromium))") }
        if !FileManager.default.isExecutableFile(atPath: driver) { missing.append("chromium-driver (\(driver))") }
        let selenium = try ClerkProcess.tool("python3", ["-c", "import selenium"])
        if selenium.status != 0 { missing.append("Python selenium") }
        guard missing.isEmpty else {
            Issue.record("missing for the browser test: \(missing.joined(separator: ", ")); run scripts/setup")
            return
        }

        let scratch = try Scratch()
        let samples = root.appendingPathComponent("Samples").path
        let review = try ClerkProcess.run(["review", samples, "--out", scratch.path("pages")])
        #expect(review.status == 0, "\(review.stderr)")
        let convert = try ClerkProcess.run(["convert", samples, "--out", scratch.path("json"), "--format", "json"])
        #expect(convert.status == 0, "\(convert.stderr)")
        let pages = scratch.files(under: "pages")
        #expect(pages.count == 3 && pages.allSatisfy { $0.hasSuffix(".html") }, "\(pages)")

        let screenshots = root.appendingPathComponent(".build/review-screenshots").path
        let check = try ClerkProcess.tool("python3", [
            root.appendingPathComponent("scripts/checks/review-browser-check.py").path,
            scratch.path("pages"), scratch.path("json"), "--screenshots", screenshots,
        ])
        print(check.output)
        #expect(check.status == 0, "\(check.output)")
        for page in pages {
            let stem = (page as NSString).deletingPathExtension
            for width in ["wide", "phone"] {
                let shot = "\(screenshots)/\(stem)-\(width).png"
                #expect(FileManager.default.fileExists(atPath: shot), "no screenshot \(shot)")
                #expect(check.output.contains("screenshot: \(shot)"))
            }
        }
    }
}
