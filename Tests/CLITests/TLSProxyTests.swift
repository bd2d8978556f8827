import Foundation
import KioskTestSupport
import Testing

/// TLS in front of the server, as docs/deployment.md sets it up: the shipped nginx site file,
/// a real nginx, a real certificate, curl as the client.
extension CentralCommandTests {
    @Test func theDocumentedNginxSiteServesTheAPIOverTLSOnly() throws {
        let folder = try TemporaryFolder()
        let apiPort = Int.random(in: 20_000...32_000), tlsPort = Int.random(in: 32_001...45_000)
        let conf = try configure(folder, port: apiPort)
        #expect(try central(["house", "add", "--id", "h1", "--name", "H"], conf).status == 0)
        let token = try central(["enroll-token", "--house", "h1"], conf).stdout.trimmingCharacters(in: .newlines)

        let openssl = try runTool("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
            "-keyout", folder.path("key.pem"), "-out", folder.path("cert.pem")])
        #expect(openssl.status == 0, "\(openssl.output)")

        // The shipped site file, with only its port, certificate and upstream replaced.
        let site = try String(contentsOf: ProductBinary.packageRoot.appendingPathComponent("docs/nginx/kiosk-central.conf"), encoding: .utf8)
        let replacements = [
            "listen 443 ssl;": "listen 127.0.0.1:\(tlsPort) ssl;",
            "/etc/kiosk/tls/fullchain.pem": folder.path("cert.pem"),
            "/etc/kiosk/tls/privkey.pem": folder.path("key.pem"),
            "http://127.0.0.1:8080": "http://127.0.0.1:\(apiPort)",
        ]
        var rendered = site
        for (from, to) in replacements {
            #expect(rendered.contains(from), "the site file no longer says \(from)")
            rendered = rendered.replacingOccurrences(of: from, with: to)
        }
        try folder.write("nginx/site.conf", rendered)
        try folder.write("nginx/nginx.conf", """
            user root;
            daemon off;
            pid \(folder.path("nginx/nginx.pid"));
            error_log \(folder.path("nginx/error.log"));
            events { worker_connections 64; }
            http { access_log off; include \(folder.path("nginx/site.conf")); }
            """)

        let server = try start(ProductBinary.path("kiosk-central"), ["serve", "--config", conf])
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let nginx = try start("/usr/sbin/nginx", ["-p", folder.path("nginx"), "-c", folder.path("nginx/nginx.conf")])
        defer { if nginx.isRunning { nginx.terminate() }; nginx.waitUntilExit() }

        let tls = "https://localhost:\(tlsPort)"
        var health = ""
        for _ in 0..<300 where !health.contains("ok") {
            Thread.sleep(forTimeInterval: 0.1)
            health = try curl(["-s", "--cacert", folder.path("cert.pem"), "\(tls)/healthz"])
        }
        #expect(health == #"{"status":"ok"}"#)

        // Enrolment over TLS gives a credential; the server's own JSON errors pass through.
        let enrolled = try curl(["-s", "--cacert", folder.path("cert.pem"), "-X", "POST", "\(tls)/v1/enroll", "-d", "{\"token\":\"\(token)\"}"])
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(enrolled.utf8)) as? [String: Any])
        #expect(credential["bearer"] is String)
        let replay = try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", folder.path("cert.pem"), "-X", "POST", "\(tls)/v1/enroll", "-d", "{\"token\":\"\(token)\"}"])
        #expect(replay == "403")

        // Plain HTTP on the TLS port is refused, and a client that does not trust the
        // certificate gets no answer at all.
        let plain = try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "http://localhost:\(tlsPort)/healthz"])
        #expect(plain == "400")
        let untrusted = try runTool("/usr/bin/curl", ["-s", "\(tls)/healthz"])
        #expect(untrusted.status == 60)

        // The kiosk itself through the proxy: trusting the centre's certificate by
        // `[server] ca_file`, it enrols and syncs; without it, it is told why it cannot.
        let trusting = try kioskHouse(folder, id: "h1", port: apiPort,
                                      server: "url = \"\(tls)\"\nca_file = \"\(folder.path("cert.pem"))\"")
        let kioskToken = try central(["enroll-token", "--house", "h1"], conf).stdout.trimmingCharacters(in: .newlines)
        let kioskEnrolled = try ProductBinary.run("kiosk", ["enroll", "--token", kioskToken, "--config", trusting])
        #expect(kioskEnrolled.status == 0, "\(kioskEnrolled.stdout)\(kioskEnrolled.stderr)")
        #expect(kioskEnrolled.stdout.hasPrefix("✓ enrolled as dev-"))
        let synced = try ProductBinary.run("kiosk", ["sync", "--once", "--config", trusting])
        #expect(synced.status == 0, "\(synced.stdout)\(synced.stderr)")

        // A house whose network lets traffic out only through an HTTP proxy: the kiosk
        // tunnels through it (CONNECT) and TLS runs end to end inside the tunnel.
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        try FileManager.default.createDirectory(atPath: folder.path("tunnelled"), withIntermediateDirectories: true)
        let tunnelled = try kioskHouse(folder, id: "tunnelled", port: apiPort, server: """
            url = "\(tls)"
            ca_file = "\(folder.path("cert.pem"))"
            proxy = "http://127.0.0.1:\(proxy.port)"
            """)
        #expect(try central(["house", "add", "--id", "tunnelled", "--name", "T"], conf).status == 0)
        let tunnelToken = try central(["enroll-token", "--house", "tunnelled"], conf).stdout.trimmingCharacters(in: .newlines)
        let tunnelEnrolled = try ProductBinary.run("kiosk", ["enroll", "--token", tunnelToken, "--config", tunnelled])
        #expect(tunnelEnrolled.status == 0, "\(tunnelEnrolled.stdout)\(tunnelEnrolled.stderr)")
        let tunnelSynced = try ProductBinary.run("kiosk", ["sync", "--once", "--config", tunnelled])
        #expect(tunnelSynced.status == 0, "\(tunnelSynced.stdout)\(tunnelSynced.stderr)")
        #expect(try proxy.targets().allSatisfy { $0 == "localhost:\(tlsPort)" } && !proxy.targets().isEmpty)

        try FileManager.default.createDirectory(atPath: folder.path("plain"), withIntermediateDirectories: true)
        let plainConf = try kioskHouse(folder, id: "plain", port: apiPort, server: "url = \"\(tls)\"")
        let plainToken = try central(["enroll-token", "--house", "h1"], conf).stdout.trimmingCharacters(in: .newlines)
        let refused = try ProductBinary.run("kiosk", ["enroll", "--token", plainToken, "--config", plainConf])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("kiosk: cannot reach localhost: the secure connection failed; the server's certificate is not trusted here"),
                "\(refused.stderr)")
    }

    private func start(_ path: String, _ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        return process
    }

    private func runTool(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
