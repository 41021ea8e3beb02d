//! Starting the built server, waiting until it answers, and stopping it.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::Result;
use crate::proc::cmd;

/// A running `lotsen-server`; stopped when dropped.
pub struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    /// `http://localhost:PORT`: its public URL, where a browser opens it
    /// (passkeys need a host name; a relying party cannot be an IP address).
    pub url: String,
}

/// Where a server on `port` listens (`127.0.0.1:PORT`) and its public URL
/// (`http://localhost:PORT`).
fn addresses(port: u16) -> (String, String) {
    (
        format!("127.0.0.1:{port}"),
        format!("http://localhost:{port}"),
    )
}

/// A free loopback port.
pub fn free_port() -> Result<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}

impl Server {
    /// Starts the server and waits (up to a minute) for `/api/health` to answer 200.
    /// With `log` set, its output goes to that file instead of the terminal.
    pub fn start(
        binary: &Path,
        port: u16,
        database_url: &str,
        dist: &Path,
        demo_data: bool,
        log: Option<&Path>,
    ) -> Result<Server> {
        Self::spawn(
            Self::command(binary, port, database_url, dist, demo_data),
            port,
            log,
        )
    }

    /// The command [`Server::start`] runs, for a caller that adds arguments
    /// (such as [`sms_args`]) before [`Server::spawn`].
    pub fn command(
        binary: &Path,
        port: u16,
        database_url: &str,
        dist: &Path,
        demo_data: bool,
    ) -> Command {
        let (addr, url) = addresses(port);
        let mut c: Command = cmd(binary);
        c.arg("--addr")
            .arg(&addr)
            .arg("--public-url")
            .arg(&url)
            .arg("--database-url")
            .arg(database_url)
            .arg("--dist")
            .arg(dist);
        if demo_data {
            // Demo data is for development and tests: so is the outbox in the app.
            c.arg("--demo-data").arg("--dev-outbox");
        }
        c
    }

    /// Runs `c` (a [`Server::command`] for `port`) and waits (up to a minute)
    /// for `/api/health` to answer 200; with `log` set, its output goes there.
    pub fn spawn(mut c: Command, port: u16, log: Option<&Path>) -> Result<Server> {
        let (addr, url) = addresses(port);
        if let Some(log) = log {
            let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
            let err = file.try_clone().map_err(|e| e.to_string())?;
            c.stdout(Stdio::from(file))
                .stderr(Stdio::from(err))
                .env("NO_COLOR", "1");
        }
        let child = c.spawn().map_err(|e| {
            format!(
                "could not start {}: {e}",
                Path::new(c.get_program()).display()
            )
        })?;
        let mut server = Server { child, addr, url };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = server.child.try_wait().map_err(|e| e.to_string())? {
                return Err(format!(
                    "the server exited during start-up ({status}); see its output above"
                ));
            }
            if http_get(&server.addr, "/api/health").is_ok_and(|(code, _)| code == 200) {
                return Ok(server);
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "the server did not answer on {} within 60 s",
                    server.addr
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits for the server to end (Ctrl-C reaches it directly).
    pub fn wait(&mut self) -> Result {
        let status = self.child.wait().map_err(|e| e.to_string())?;
        if status.success() || status.code().is_none() {
            Ok(())
        } else {
            Err(format!("the server stopped: {status}"))
        }
    }

    /// Asks the server to shut down gracefully, then makes sure it is gone.
    pub fn stop(&mut self) {
        if matches!(self.child.try_wait(), Ok(Some(_))) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The arguments that make a server send SMS through the gateway at
/// `sendsms_url` (Kannel's, with its credentials) as `Lotsen`; the gateway
/// reports delivery to the server's `--public-url`.
pub fn sms_args(sendsms_url: &str) -> [String; 4] {
    [
        "--sms-url".into(),
        sendsms_url.into(),
        "--sms-from".into(),
        "Lotsen".into(),
    ]
}

/// A minimal HTTP/1.1 POST of JSON from the app (CSRF header set):
/// (status, the `Set-Cookie` value's `name=value` part, if any).
pub fn http_post_json(
    addr: &str,
    path: &str,
    json: &str,
) -> std::io::Result<(u16, Option<String>)> {
    let (status, response) = exchange(
        addr,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n\
             X-Requested-With: lotsen\r\nContent-Length: {}\r\n\r\n{json}",
            json.len()
        ),
    )?;
    let cookie = response
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
                .map(|(_, v)| v)
        })
        .and_then(|v| v.trim().split(';').next())
        .map(str::to_string);
    Ok((status, cookie))
}

/// A minimal HTTP/1.1 GET: (status, body).
pub fn http_get(addr: &str, path: &str) -> std::io::Result<(u16, String)> {
    let (status, response) = exchange(
        addr,
        &format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Ok((status, body))
}

/// Sends one request and reads the whole response: (status, response text).
fn exchange(addr: &str, request: &str) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.write_all(request.as_bytes())?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other("no HTTP status line"))?;
    Ok((status, response))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_with_sms_args_names_the_gateway_and_keeps_the_development_outbox() {
        let sendsms = "http://127.0.0.1:1/cgi-bin/sendsms?username=u&password=p";
        let mut c = Server::command(
            Path::new("lotsen-server"),
            8123,
            "sqlite:///tmp/x.db",
            Path::new("dist"),
            true,
        );
        c.args(sms_args(sendsms));
        let args: Vec<String> = c
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let value = |flag: &str| {
            args.windows(2)
                .find(|w| w[0] == flag)
                .map(|w| w[1].as_str())
        };
        // The gateway reports delivery to the public URL, where the browser opens it.
        assert_eq!(value("--public-url"), Some("http://localhost:8123"));
        assert_eq!(value("--sms-url"), Some(sendsms));
        assert_eq!(value("--sms-from"), Some("Lotsen"));
        assert!(args.iter().any(|a| a == "--dev-outbox"), "{args:?}");
    }
}
