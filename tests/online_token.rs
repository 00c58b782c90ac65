//! `GITHUB_TOKEN` goes only over HTTPS, only to GitHub's hosts, and is never forwarded by a
//! redirect. A real TLS server on 127.0.0.1 with a certificate made here (for `github.com`,
//! `raw.githubusercontent.com` and `elsewhere.example`) and a plain HTTP server beside it; the
//! client is told to trust the certificate and to find those names on 127.0.0.1, the way a
//! test may and a config file cannot.

use l10nlint::online::{self, OnlineOptions, Verdict};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

const TOKEN: &str = "secret-token-1234";
const NAMES: [&str; 3] = [
    "github.com",
    "raw.githubusercontent.com",
    "elsewhere.example",
];

/// What a server saw of one request.
#[derive(Debug, Clone)]
struct Seen {
    https: bool,
    host: String,
    path: String,
    authorization: Option<String>,
}

/// An HTTPS and an HTTP server sharing one log.
struct Servers {
    https_port: u16,
    http_port: u16,
    certificate_pem: String,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Servers {
    fn start() -> Self {
        let certified = rcgen::generate_simple_self_signed(NAMES.map(str::to_owned).to_vec())
            .expect("a self-signed certificate");
        let key =
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(certified.key_pair.serialize_der()));
        let chain: Vec<CertificateDer<'static>> = vec![certified.cert.der().clone()];
        let config = rustls::ServerConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .expect("TLS versions")
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .expect("a server config");
        let config = Arc::new(config);
        let https = TcpListener::bind("127.0.0.1:0").expect("bind");
        let http = TcpListener::bind("127.0.0.1:0").expect("bind");
        let ports = Arc::new(OnceLock::new());
        let servers = Servers {
            https_port: https.local_addr().expect("address").port(),
            http_port: http.local_addr().expect("address").port(),
            certificate_pem: certified.cert.pem(),
            log: Arc::new(Mutex::new(Vec::new())),
        };
        ports
            .set((servers.https_port, servers.http_port))
            .expect("set once");
        let (log, known) = (Arc::clone(&servers.log), Arc::clone(&ports));
        thread::spawn(move || {
            for stream in https.incoming().flatten() {
                let (config, log, ports) =
                    (Arc::clone(&config), Arc::clone(&log), Arc::clone(&known));
                thread::spawn(move || {
                    let Ok(connection) = rustls::ServerConnection::new(config) else {
                        return;
                    };
                    let tls = rustls::StreamOwned::new(connection, stream);
                    serve(tls, true, &log, ports.get().copied().unwrap_or_default());
                });
            }
        });
        let (log, known) = (Arc::clone(&servers.log), Arc::clone(&ports));
        thread::spawn(move || {
            for stream in http.incoming().flatten() {
                let (log, ports) = (Arc::clone(&log), Arc::clone(&known));
                thread::spawn(move || {
                    serve(
                        stream,
                        false,
                        &log,
                        ports.get().copied().unwrap_or_default(),
                    );
                });
            }
        });
        servers
    }

    fn https(&self, host: &str, path: &str) -> String {
        format!("https://{host}:{}{path}", self.https_port)
    }

    fn http(&self, host: &str, path: &str) -> String {
        format!("http://{host}:{}{path}", self.http_port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.log.lock().expect("log").clone()
    }

    /// Options that reach these servers: the names on 127.0.0.1, the certificate trusted.
    fn options(&self) -> OnlineOptions {
        let loopback = vec![IpAddr::V4(Ipv4Addr::LOCALHOST)];
        OnlineOptions {
            github_token: Some(TOKEN.to_owned()),
            allow_private: true,
            timeout: Duration::from_secs(5),
            retry_base: Duration::from_millis(10),
            extra_root_certificates: vec![self.certificate_pem.clone().into_bytes()],
            resolve_overrides: NAMES
                .iter()
                .map(|name| ((*name).to_owned(), loopback.clone()))
                .collect::<HashMap<_, _>>(),
            ..OnlineOptions::default()
        }
    }
}

/// Answers one request: `/echo` is 200, `/to-other` redirects to another host over HTTPS,
/// `/to-http` redirects to GitHub over plain HTTP.
fn serve(stream: impl Read + Write, https: bool, log: &Mutex<Vec<Seen>>, ports: (u16, u16)) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':') {
                    headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
                }
            }
        }
    }
    log.lock().expect("log").push(Seen {
        https,
        host: headers.get("host").cloned().unwrap_or_default(),
        path: path.clone(),
        authorization: headers.get("authorization").cloned(),
    });
    let (https_port, http_port) = ports;
    let (status, location) = match path.as_str() {
        "/to-other" => (
            302,
            Some(format!("https://elsewhere.example:{https_port}/echo")),
        ),
        "/to-http" => (302, Some(format!("http://github.com:{http_port}/echo"))),
        _ => (200, None),
    };
    let mut response =
        format!("HTTP/1.1 {status} Test\r\nContent-Length: 0\r\nConnection: close\r\n");
    if let Some(location) = location {
        response.push_str(&format!("Location: {location}\r\n"));
    }
    response.push_str("\r\n");
    let stream = reader.get_mut();
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn check(servers: &Servers, url: &str) -> Verdict {
    let report = online::check([url.to_owned()], &servers.options()).expect("the check runs");
    report.results[url].clone()
}

#[test]
fn the_token_reaches_github_over_https() {
    let servers = Servers::start();
    for host in ["github.com", "raw.githubusercontent.com"] {
        let url = servers.https(host, "/echo");
        assert_eq!(check(&servers, &url), Verdict::Ok, "{url}");
    }
    let seen = servers.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    for request in &seen {
        assert!(request.https, "{request:?}");
        assert_eq!(
            request.authorization.as_deref(),
            Some(format!("Bearer {TOKEN}").as_str()),
            "{request:?}"
        );
    }
}

#[test]
fn the_token_is_never_sent_over_plain_http() {
    let servers = Servers::start();
    for host in ["github.com", "raw.githubusercontent.com"] {
        let url = servers.http(host, "/echo");
        assert_eq!(check(&servers, &url), Verdict::Ok, "{url}");
    }
    let seen = servers.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(
        seen.iter()
            .all(|request| !request.https && request.authorization.is_none()),
        "{seen:?}"
    );
}

#[test]
fn the_token_is_not_sent_to_other_hosts_over_https() {
    let servers = Servers::start();
    let url = servers.https("elsewhere.example", "/echo");
    assert_eq!(check(&servers, &url), Verdict::Ok);
    let seen = servers.seen();
    assert_eq!(seen.len(), 1, "{seen:?}");
    assert!(seen[0].https && seen[0].authorization.is_none(), "{seen:?}");
}

#[test]
fn a_redirect_never_forwards_the_token() {
    let servers = Servers::start();
    for (path, next_host) in [
        ("/to-other", "elsewhere.example"),
        ("/to-http", "github.com"),
    ] {
        let url = servers.https("github.com", path);
        assert!(
            matches!(check(&servers, &url), Verdict::Redirected { .. }),
            "{url}"
        );
        let seen = servers.seen();
        let first = seen
            .iter()
            .find(|request| request.path == path)
            .expect("the first hop");
        assert!(
            first.authorization.is_some(),
            "GitHub over HTTPS gets it: {seen:?}"
        );
        let next = seen
            .iter()
            .find(|request| request.path == "/echo" && request.host.starts_with(next_host))
            .expect("the redirect was followed");
        assert_eq!(next.authorization, None, "{seen:?}");
        servers.log.lock().expect("log").clear();
    }
}
