extension PluginsFile {
    /// Refuses to serve plain HTTP where the network can read it: on an address other than loopback,
    /// the site either gives `server.tls` or says `allowPlainHTTP: true` in so many words.
    var listeningDiagnostics: [ConfigurationDiagnostic] {
        guard server.tls == nil, !server.allowPlainHTTP, !server.listensOnLoopbackOnly else { return [] }
        return [ConfigurationDiagnostic(
            file: path, line: serverLines["host"] ?? serverLines["allowPlainHTTP"],
            problem: "server.host is \(server.host), which other machines can reach, but server.tls is not set: "
                + "passwords, tokens and subscriber keys would cross the network in clear",
            fix: "add server.tls with certificateFile and keyFile (PEM), or listen on 127.0.0.1, "
                + "or, only behind a TLS proxy on this machine's network, set server.allowPlainHTTP: true")]
    }
}
