//! The online stage against a real HTTP/1.1 server on 127.0.0.1, started inside the test.

use l10nlint::online::{self, OnlineOptions, Report, Verdict};
use regex::Regex;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// One request as the server saw it.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    headers: HashMap<String, String>,
}

/// A tiny HTTP server with fixed routes that records every request.
struct TestServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
}

struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: &'static str,
    delay: Duration,
}

impl Answer {
    fn status(status: u16) -> Self {
        Answer {
            status,
            headers: Vec::new(),
            body: "",
            delay: Duration::ZERO,
        }
    }

    fn redirect(status: u16, location: &str) -> Self {
        Answer {
            headers: vec![("Location", location.to_owned())],
            ..Answer::status(status)
        }
    }
}

const PAGE: &str = r#"<!doctype html><html><body>
<h1 id="a">A</h1>
<p><a name="b">B</a></p>
</body></html>"#;

/// The routes. `attempt` counts requests to this path so far, this one included.
fn route(method: &str, path: &str, attempt: usize) -> Answer {
    match path {
        "/ok" | "/echo" => Answer::status(200),
        "/perm/1" => Answer::redirect(301, "/perm/2"),
        "/perm/2" => Answer::redirect(308, "/ok"),
        "/temp" => Answer::redirect(302, "/ok"),
        "/mixed" => Answer::redirect(301, "/temp"),
        "/loop/a" => Answer::redirect(301, "/loop/b"),
        "/loop/b" => Answer::redirect(301, "/loop/a"),
        "/missing" => Answer::status(404),
        "/gone" => Answer::status(410),
        "/forbidden" => Answer::status(403),
        "/flaky" if attempt == 1 => Answer::status(500),
        "/flaky" => Answer::status(200),
        "/always-500" => Answer::status(500),
        "/rate-limited" if attempt == 1 => Answer {
            headers: vec![("Retry-After", "1".to_owned())],
            ..Answer::status(429)
        },
        "/rate-limited" => Answer::status(200),
        busy if busy.starts_with("/busy/") => Answer {
            headers: vec![("Retry-After", "1".to_owned())],
            ..Answer::status(503)
        },
        "/head-not-allowed" if method == "HEAD" => Answer::status(405),
        "/head-not-allowed" => Answer::status(200),
        "/slow" => Answer {
            delay: Duration::from_millis(1500),
            ..Answer::status(200)
        },
        "/delayed" => Answer {
            delay: Duration::from_millis(200),
            ..Answer::status(200)
        },
        "/page" => Answer {
            headers: vec![("Content-Type", "text/html; charset=utf-8".to_owned())],
            body: PAGE,
            ..Answer::status(200)
        },
        _ => Answer::status(404),
    }
}

impl TestServer {
    fn start() -> Self {
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

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    fn requests(&self) -> Vec<Received> {
        self.received.lock().expect("request log").clone()
    }

    fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|request| request.method == method && request.path == path)
            .count()
    }

    fn count_any(&self, path: &str) -> usize {
        self.count("HEAD", path) + self.count("GET", path)
    }
}

/// Serve one request and close the connection, which keeps the server trivial.
fn serve(stream: TcpStream, log: &Mutex<Vec<Received>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
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
    let attempt = {
        let mut log = log.lock().expect("request log");
        log.push(Received {
            method: method.clone(),
            path: path.clone(),
            headers,
        });
        log.iter().filter(|request| request.path == path).count()
    };
    let answer = route(&method, &path, attempt);
    thread::sleep(answer.delay);
    let mut response = format!(
        "HTTP/1.1 {} Test\r\nContent-Length: {}\r\nConnection: close\r\n",
        answer.status,
        answer.body.len()
    );
    for (name, value) in &answer.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    if method != "HEAD" {
        response.push_str(answer.body);
    }
    let mut stream = stream;
    // The client may have given up (timeouts); that is not the server's problem.
    let _ = stream.write_all(response.as_bytes());
}

/// Options for a local server: private addresses allowed, everything fast.
fn fast_options() -> OnlineOptions {
    OnlineOptions {
        timeout: Duration::from_secs(3),
        retry_base: Duration::from_millis(10),
        allow_private: true,
        ..OnlineOptions::default()
    }
}

fn run(urls: &[String], options: &OnlineOptions) -> Report {
    online::check(urls.iter().cloned(), options).expect("the check runs")
}

fn verdict<'r>(report: &'r Report, url: &str) -> &'r Verdict {
    report
        .results
        .get(url)
        .unwrap_or_else(|| panic!("no verdict for {url}"))
}

fn broken(status: Option<u16>, reason: &str) -> Verdict {
    Verdict::Broken {
        status,
        reason: reason.to_owned(),
    }
}

#[test]
fn verdicts_for_each_kind_of_answer() {
    let server = TestServer::start();
    let closed_port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("address").port()
    };
    let refused = format!("http://127.0.0.1:{closed_port}/");
    let paths = [
        "/ok",
        "/perm/1",
        "/temp",
        "/mixed",
        "/loop/a",
        "/missing",
        "/gone",
        "/forbidden",
        "/flaky",
        "/always-500",
        "/head-not-allowed",
    ];
    let mut urls: Vec<String> = paths.iter().map(|path| server.url(path)).collect();
    urls.push(refused.clone());
    urls.push("mailto:someone@example.com".to_owned());
    let report = run(&urls, &fast_options());
    let at = |path| verdict(&report, &server.url(path)).clone();

    assert_eq!(at("/ok"), Verdict::Ok);
    let final_url = server.url("/ok");
    assert_eq!(
        at("/perm/1"),
        Verdict::Redirected {
            final_url: final_url.clone(),
            permanent: true
        }
    );
    assert_eq!(
        at("/temp"),
        Verdict::Redirected {
            final_url: final_url.clone(),
            permanent: false
        }
    );
    assert_eq!(
        at("/mixed"),
        Verdict::Redirected {
            final_url,
            permanent: false
        }
    );
    assert_eq!(at("/loop/a"), broken(None, "redirect loop"));
    assert_eq!(at("/missing"), broken(Some(404), "not found"));
    assert_eq!(at("/gone"), broken(Some(410), "gone"));
    assert!(matches!(
        at("/forbidden"),
        Verdict::Unverifiable {
            status: Some(403),
            ..
        }
    ));
    assert_eq!(at("/flaky"), Verdict::Ok);
    assert!(matches!(
        at("/always-500"),
        Verdict::Unverifiable {
            status: Some(500),
            ..
        }
    ));
    assert_eq!(at("/head-not-allowed"), Verdict::Ok);
    assert_eq!(
        verdict(&report, &refused),
        &broken(None, "connection refused")
    );
    assert_eq!(
        verdict(&report, "mailto:someone@example.com"),
        &Verdict::Excluded
    );

    assert_eq!(
        server.count_any("/ok"),
        4,
        "/ok itself and three redirect chains"
    );
    assert_eq!(server.count("HEAD", "/flaky"), 2, "one retry after the 500");
    assert_eq!(
        server.count("HEAD", "/always-500"),
        3,
        "two retries, then give up"
    );
    assert_eq!(server.count("HEAD", "/forbidden"), 1);
    assert_eq!(
        server.count("GET", "/forbidden"),
        1,
        "403 on HEAD is retried as GET"
    );
    assert_eq!(server.count("HEAD", "/head-not-allowed"), 1);
    assert_eq!(server.count("GET", "/head-not-allowed"), 1);
    assert_eq!(server.count_any("/missing"), 1, "404 is final");

    let stats = &report.stats;
    assert_eq!(stats.urls, 13);
    assert_eq!(stats.unique, 12);
    assert_eq!(
        (stats.ok, stats.broken, stats.unverifiable, stats.excluded),
        (6, 4, 2, 1)
    );
    let refused_attempts = 3;
    assert_eq!(
        stats.requests_sent,
        server.requests().len() + refused_attempts
    );
}

#[test]
fn too_many_redirects() {
    let server = TestServer::start();
    let options = OnlineOptions {
        max_redirects: 1,
        ..fast_options()
    };
    let url = server.url("/perm/1");
    let report = run(std::slice::from_ref(&url), &options);
    assert_eq!(verdict(&report, &url), &broken(None, "too many redirects"));
    assert_eq!(server.count_any("/ok"), 0);
}

#[test]
fn retry_after_is_honoured() {
    let server = TestServer::start();
    let url = server.url("/rate-limited");
    let started = Instant::now();
    let report = run(std::slice::from_ref(&url), &fast_options());
    assert_eq!(verdict(&report, &url), &Verdict::Ok);
    assert_eq!(server.count("HEAD", "/rate-limited"), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "waited {:?}, not the second the server asked for",
        started.elapsed()
    );
}

#[test]
fn the_retry_wait_on_one_host_is_capped() {
    let server = TestServer::start();
    let urls: Vec<String> = (1..=5).map(|n| server.url(&format!("/busy/{n}"))).collect();
    let options = OnlineOptions {
        max_retries: 2,
        max_retry_wait_per_host: Duration::from_secs(1),
        ..fast_options()
    };
    let report = run(&urls, &options);
    for url in &urls {
        assert!(
            matches!(
                verdict(&report, url),
                Verdict::Unverifiable {
                    status: Some(503),
                    ..
                }
            ),
            "{url}"
        );
    }
    // Without the cap, 5 × 3 requests and 10 s of waiting; with it, one retry of 1 s.
    assert_eq!(report.stats.requests_sent, 6);
}

#[test]
fn slow_answers_time_out() {
    let server = TestServer::start();
    let options = OnlineOptions {
        timeout: Duration::from_millis(200),
        max_retries: 1,
        ..fast_options()
    };
    let url = server.url("/slow");
    let report = run(std::slice::from_ref(&url), &options);
    assert_eq!(
        verdict(&report, &url),
        &Verdict::Unverifiable {
            status: None,
            reason: "timeout".to_owned()
        }
    );
    assert_eq!(server.count("HEAD", "/slow"), 2, "a timeout is retried");
}

#[test]
fn deadline_stops_waiting() {
    let server = TestServer::start();
    let options = OnlineOptions {
        deadline: Duration::from_millis(300),
        ..fast_options()
    };
    let url = server.url("/slow");
    let started = Instant::now();
    let report = run(std::slice::from_ref(&url), &options);
    assert_eq!(
        verdict(&report, &url),
        &Verdict::Unverifiable {
            status: None,
            reason: "deadline reached".to_owned()
        }
    );
    assert!(started.elapsed() < Duration::from_millis(1200));
}

#[test]
fn the_same_page_is_requested_once() {
    let server = TestServer::start();
    let plain = server.url("/delayed");
    let port = server.address.port();
    let mut urls = vec![plain.clone(); 20];
    urls.extend([
        format!("{plain}#one"),
        format!("{plain}#two"),
        format!("HTTP://127.0.0.1:{port}/delayed#three"),
    ]);
    let report = run(&urls, &fast_options());
    assert_eq!(
        report.results.len(),
        4,
        "one verdict per distinct URL as written"
    );
    assert!(report.results.values().all(|v| *v == Verdict::Ok));
    assert_eq!(server.count_any("/delayed"), 1);
    assert_eq!(report.stats.unique, 1);
    assert_eq!(report.stats.requests_sent, 1);
}

#[test]
fn concurrent_duplicates_wait_for_one_request() {
    let server = TestServer::start();
    let port = server.address.port();
    // Spellings of one page, all in flight together with a generous concurrency limit.
    let urls: Vec<String> = (0..16)
        .map(|index| match index % 4 {
            0 => format!("http://127.0.0.1:{port}/delayed"),
            1 => format!("http://127.0.0.1:{port}/delayed#part-{index}"),
            2 => format!("HTTP://127.0.0.1:{port}/delayed"),
            _ => format!("http://127.0.0.1:{port}/delayed#"),
        })
        .collect();
    let options = OnlineOptions {
        max_concurrency: 64,
        max_per_host: 64,
        ..fast_options()
    };
    let report = run(&urls, &options);
    assert!(report.results.values().all(|v| *v == Verdict::Ok));
    assert_eq!(server.count_any("/delayed"), 1);
}

#[test]
fn fragments_are_checked_against_one_fetched_page() {
    let server = TestServer::start();
    let page = server.url("/page");
    let urls = vec![
        format!("{page}#a"),
        format!("{page}#b"),
        format!("{page}#c"),
        page.clone(),
    ];
    let options = OnlineOptions {
        check_fragments: true,
        ..fast_options()
    };
    let report = run(&urls, &options);
    assert_eq!(verdict(&report, &urls[0]), &Verdict::Ok);
    assert_eq!(verdict(&report, &urls[1]), &Verdict::Ok);
    assert_eq!(
        verdict(&report, &urls[2]),
        &Verdict::FragmentMissing {
            fragment: "c".to_owned()
        }
    );
    assert_eq!(verdict(&report, &page), &Verdict::Ok);
    assert_eq!(server.count("GET", "/page"), 1);
    assert_eq!(
        server.count("HEAD", "/page"),
        0,
        "the body is needed, so GET directly"
    );
    assert_eq!(report.stats.broken, 1);
}

#[test]
fn fragments_are_ignored_unless_asked_for() {
    let server = TestServer::start();
    let url = format!("{}#c", server.url("/page"));
    let report = run(std::slice::from_ref(&url), &fast_options());
    assert_eq!(verdict(&report, &url), &Verdict::Ok);
    assert_eq!(server.count("GET", "/page"), 0);
}

#[test]
fn a_second_run_within_the_ttl_is_answered_from_the_cache() {
    let server = TestServer::start();
    let directory = tempfile::tempdir().expect("temporary directory");
    let options = OnlineOptions {
        cache: Some(directory.path().join("cache/online.json")),
        max_retries: 0,
        ..fast_options()
    };
    let urls: Vec<String> = ["/ok", "/perm/1", "/missing", "/always-500"]
        .iter()
        .map(|path| server.url(path))
        .collect();
    let first = run(&urls, &options);
    assert!(first.warnings.is_empty(), "{:?}", first.warnings);
    let sent_first = server.requests().len();

    let second = run(&urls, &options);
    assert_eq!(second.results, first.results);
    assert_eq!(second.stats.from_cache, 3);
    assert_eq!(
        server.requests().len() - sent_first,
        1,
        "only the 500, which may be transient, is asked again"
    );
    assert_eq!(server.count("HEAD", "/always-500"), 2);
    assert_eq!(second.stats.requests_sent, 1);
}

#[test]
fn an_expired_cache_is_not_used() {
    let server = TestServer::start();
    let directory = tempfile::tempdir().expect("temporary directory");
    let options = OnlineOptions {
        cache: Some(directory.path().join("online.json")),
        cache_ttl: Duration::ZERO,
        ..fast_options()
    };
    let urls = vec![server.url("/ok")];
    run(&urls, &options);
    // A zero TTL keeps entries only within the second they were written.
    thread::sleep(Duration::from_millis(1100));
    let second = run(&urls, &options);
    assert_eq!(second.stats.from_cache, 0);
    assert_eq!(server.count_any("/ok"), 2);
}

#[test]
fn a_corrupt_cache_is_a_warning_not_an_error() {
    let server = TestServer::start();
    let directory = tempfile::tempdir().expect("temporary directory");
    let cache = directory.path().join("online.json");
    // A cache of ours cut short; a file that is not a cache is never overwritten (see
    // `tests/trust.rs`).
    std::fs::write(
        &cache,
        "{\"format\":\"l10nlint online cache\",\"version\":1,\"entries\":[garbage",
    )
    .expect("write cache");
    let options = OnlineOptions {
        cache: Some(cache.clone()),
        ..fast_options()
    };
    let urls = vec![server.url("/ok")];
    let report = run(&urls, &options);
    assert_eq!(verdict(&report, &urls[0]), &Verdict::Ok);
    assert_eq!(report.warnings.len(), 1);
    assert!(
        report.warnings[0].contains("online.json"),
        "{:?}",
        report.warnings
    );

    let repaired = run(&urls, &options);
    assert!(
        repaired.warnings.is_empty(),
        "the cache was rewritten whole"
    );
    assert_eq!(repaired.stats.from_cache, 1);
}

#[test]
fn private_addresses_are_never_contacted() {
    let server = TestServer::start();
    let port = server.address.port();
    let by_ip = server.url("/ok");
    let by_name = format!("http://localhost:{port}/ok");
    let options = OnlineOptions {
        allow_private: false,
        ..fast_options()
    };
    let report = run(&[by_ip.clone(), by_name.clone()], &options);
    assert_eq!(
        verdict(&report, &by_ip),
        &Verdict::PrivateAddress {
            address: "127.0.0.1".to_owned()
        }
    );
    assert!(
        matches!(verdict(&report, &by_name), Verdict::PrivateAddress { .. }),
        "{:?}",
        verdict(&report, &by_name)
    );
    assert!(
        server.requests().is_empty(),
        "the server must not be contacted"
    );
    assert_eq!(report.stats.requests_sent, 0);
}

/// The forms of 127.0.0.1 that the guard once took for public addresses, and others that
/// reach the loopback interface: every one is refused before a connection is made.
#[test]
fn loopback_in_any_form_is_never_contacted() {
    let server = TestServer::start();
    let port = server.address.port();
    let urls: Vec<String> = [
        "[::ffff:127.0.0.1]",
        "[::127.0.0.1]",
        "[64:ff9b::7f00:1]",
        "[2002:7f00:1::1]",
        "[::1]",
        "0.0.0.0",
        "2130706433",
        "0x7f.0.0.1",
        "127.1",
        "sub.localhost",
    ]
    .iter()
    .map(|host| format!("http://{host}:{port}/ok"))
    .collect();
    let options = OnlineOptions {
        allow_private: false,
        ..fast_options()
    };
    let report = run(&urls, &options);
    for url in &urls {
        assert!(
            matches!(verdict(&report, url), Verdict::PrivateAddress { .. }),
            "{url}: {:?}",
            verdict(&report, url)
        );
    }
    assert!(server.requests().is_empty(), "{:?}", server.requests());
    // With `allow_private`, the IPv4-mapped form does reach the server: the guard is what
    // stood between them.
    let allowed = run(
        &[format!("http://[::ffff:127.0.0.1]:{port}/ok")],
        &fast_options(),
    );
    assert_eq!(allowed.stats.requests_sent, 1);
    assert_eq!(server.count_any("/ok"), 1);
}

#[test]
fn exclude_include_and_remap() {
    let server = TestServer::start();
    let pattern = |text: &str| Regex::new(text).expect("valid test regex");
    let options = OnlineOptions {
        exclude: vec![pattern(r"127\.0\.0\.1")],
        include: vec![pattern("/ok$"), pattern("/old/")],
        remap: vec![(pattern("/old/(.*)$"), "/$1".to_owned())],
        ..fast_options()
    };
    let urls = vec![
        server.url("/ok"),
        server.url("/missing"),
        server.url("/old/gone"),
    ];
    let report = run(&urls, &options);
    assert_eq!(verdict(&report, &urls[0]), &Verdict::Ok);
    assert_eq!(verdict(&report, &urls[1]), &Verdict::Excluded);
    assert_eq!(verdict(&report, &urls[2]), &broken(Some(410), "gone"));
    assert_eq!(server.count_any("/missing"), 0);
    assert_eq!(server.count_any("/old/gone"), 0);
    assert_eq!(server.count_any("/gone"), 1);
    assert_eq!(report.stats.excluded, 1);
}

#[test]
fn github_token_is_not_sent_to_other_hosts() {
    let server = TestServer::start();
    let options = OnlineOptions {
        github_token: Some("secret-token".to_owned()),
        ..fast_options()
    };
    let url = server.url("/echo");
    run(std::slice::from_ref(&url), &options);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].headers.get("authorization"), None);
    let user_agent = requests[0].headers.get("user-agent").expect("a user agent");
    assert!(user_agent.starts_with("l10nlint/"), "{user_agent}");
}

#[test]
fn summary_line() {
    let server = TestServer::start();
    let urls = vec![server.url("/ok"), server.url("/missing")];
    let report = run(&urls, &fast_options());
    let line = report.stats.summary_line();
    assert!(
        line.starts_with(
            "online: 2 URLs (0 from cache), 1 ok, 1 broken, 0 unverifiable, 2 requests in "
        ),
        "{line}"
    );
}
