//! A local HTTP/1.1 server for the online benchmark (`bench/online/run.sh`): answers 200 to
//! any path after a fixed delay, with keep-alive, and counts the requests it answered.
//!
//! `cargo run --release --example latency_server -- [ADDRESS] [DELAY_MS]` (default
//! `127.0.0.1:0` and 50 ms) prints `http://<address>` on its first line. `GET /__count`
//! answers the number of requests so far, at once, and is not counted itself.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

const COUNT_PATH: &str = "/__count";

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let address = args.next().unwrap_or_else(|| "127.0.0.1:0".to_owned());
    let delay = args
        .next()
        .map(|millis| millis.parse().map(Duration::from_millis))
        .transpose()
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidInput, error))?
        .unwrap_or(Duration::from_millis(50));
    let listener = TcpListener::bind(&address)?;
    println!("http://{}", listener.local_addr()?);
    std::io::stdout().flush()?;
    let count = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming().flatten() {
        let count = Arc::clone(&count);
        thread::spawn(move || serve(stream, delay, &count));
    }
    Ok(())
}

/// Answers the requests of one connection until the client closes it.
fn serve(stream: TcpStream, delay: Duration, count: &AtomicUsize) {
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut writer = stream;
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut closing = false;
        loop {
            let mut header = String::new();
            match reader.read_line(&mut header) {
                Ok(0) | Err(_) => return,
                Ok(_) if header.trim().is_empty() => break,
                Ok(_) => {
                    closing |= header.to_ascii_lowercase().starts_with("connection: close");
                }
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or_default();
        let path = parts.next().unwrap_or_default();
        let body = if path == COUNT_PATH {
            count.load(Ordering::SeqCst).to_string()
        } else {
            thread::sleep(delay);
            count.fetch_add(1, Ordering::SeqCst);
            String::new()
        };
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if method != "HEAD" {
            response.push_str(&body);
        }
        if writer.write_all(response.as_bytes()).is_err() || closing {
            return;
        }
    }
}
