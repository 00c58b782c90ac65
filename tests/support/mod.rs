//! A tiny HTTP/1.1 server on 127.0.0.1 with fixed routes, for tests of the online stage. It
//! records every request, so tests can count what reached it.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

/// A page with two anchors, for fragment checks.
const PAGE: &str = r#"<!doctype html><html><body>
<h2 id="install">Install</h2>
<p><a name="usage">Usage</a></p>
</body></html>"#;

pub(crate) struct TestServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<(String, String)>>>,
}

impl TestServer {
    /// Starts the server on an ephemeral port; it runs until the test process ends.
    pub(crate) fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral port");
        let address = listener.local_addr().expect("listener address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                thread::spawn(move || serve(stream, &log));
            }
        });
        TestServer { address, received }
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub(crate) fn base_url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Every request so far as `(method, path)`.
    pub(crate) fn requests(&self) -> Vec<(String, String)> {
        self.received.lock().expect("request log").clone()
    }

    /// Requests so far to `path`, whatever the method.
    pub(crate) fn count(&self, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|(_, requested)| requested == path)
            .count()
    }
}

/// `(status, extra headers, body)` of a route.
fn route(path: &str) -> (u16, Vec<(&'static str, &'static str)>, &'static str) {
    match path {
        "/ok" => (200, Vec::new(), ""),
        "/moved" => (301, vec![("Location", "/ok")], ""),
        "/gone" => (404, Vec::new(), ""),
        "/forbidden" => (403, Vec::new(), ""),
        "/page" => (
            200,
            vec![("Content-Type", "text/html; charset=utf-8")],
            PAGE,
        ),
        _ => (404, Vec::new(), ""),
    }
}

/// Serves one request and closes the connection, which keeps the server trivial.
fn serve(stream: TcpStream, log: &Mutex<Vec<(String, String)>>) {
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => return,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {}
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let (status, headers, body) = route(&path);
    log.lock()
        .expect("request log")
        .push((method.clone(), path));
    let mut response = format!(
        "HTTP/1.1 {status} Test\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    if method != "HEAD" {
        response.push_str(body);
    }
    let mut stream = stream;
    // The client may have gone already; that is not the server's problem.
    let _ = stream.write_all(response.as_bytes());
}
