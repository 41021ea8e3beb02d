//! A private, throw-away SMS gateway for the tests: Debian's Kannel
//! (`bearerbox` and `smsbox`, package `kannel`) with Kannel's fake SMS centre
//! (`fakesmsc`, package `kannel-extras`) as its SMSC, on free loopback ports,
//! with a configuration generated into a temporary directory. fakesmsc writes
//! every message it receives to its log (`Got message N: <from to text …>`),
//! which the tests read. Everything is stopped and removed when dropped — also
//! when tests fail.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::server::free_port;
use crate::{Result, proc};

/// Kannel's boxes (package `kannel`).
pub const BEARERBOX: &str = "/usr/sbin/bearerbox";
pub const SMSBOX: &str = "/usr/sbin/smsbox";
/// Kannel's fake SMS centre (package `kannel-extras`).
pub const FAKESMSC: &str = "/usr/lib/kannel/test/fakesmsc";

/// The sendsms user the tests' server sends as.
const USER: &str = "lotsen";

/// A running gateway.
pub struct Gateway {
    dir: PathBuf,
    /// Started in this order and stopped in the reverse one.
    children: Vec<Child>,
    /// The sendsms URL with its credentials (`http://127.0.0.1:P/cgi-bin/sendsms?username=…&password=…`).
    pub sendsms_url: String,
    /// fakesmsc's output: one line per message (part) it receives.
    pub fakesmsc_log: PathBuf,
}

/// The ports of one gateway.
struct Ports {
    admin: u16,
    smsbox: u16,
    smsc: u16,
    sendsms: u16,
}

/// Kannel's configuration for a gateway in `dir` on `ports`, with a sendsms
/// user `lotsen` whose password is `password`. Delivery reports are kept in
/// memory; long texts go as up to three concatenated parts.
fn config(dir: &Path, ports: &Ports, password: &str) -> String {
    let log = |name: &str| dir.join(name).display().to_string();
    format!(
        "group = core\n\
         admin-port = {admin}\n\
         admin-interface = 127.0.0.1\n\
         admin-password = {password}\n\
         admin-allow-ip = 127.0.0.1\n\
         smsbox-port = {smsbox}\n\
         smsbox-interface = 127.0.0.1\n\
         box-allow-ip = 127.0.0.1\n\
         log-file = {bearerbox_log}\n\
         log-level = 0\n\
         dlr-storage = internal\n\
         \n\
         group = smsc\n\
         smsc = fake\n\
         smsc-id = fake\n\
         port = {smsc}\n\
         connect-allow-ip = 127.0.0.1\n\
         \n\
         group = smsbox\n\
         bearerbox-host = 127.0.0.1\n\
         bearerbox-port = {smsbox}\n\
         sendsms-port = {sendsms}\n\
         sendsms-interface = 127.0.0.1\n\
         log-file = {smsbox_log}\n\
         log-level = 0\n\
         \n\
         group = sendsms-user\n\
         username = {USER}\n\
         password = {password}\n\
         max-messages = 3\n\
         concatenation = true\n\
         \n\
         group = sms-service\n\
         keyword = default\n\
         text = \"No service\"\n",
        admin = ports.admin,
        smsbox = ports.smsbox,
        smsc = ports.smsc,
        sendsms = ports.sendsms,
        bearerbox_log = log("bearerbox.log"),
        smsbox_log = log("smsbox.log"),
    )
}

impl Gateway {
    /// Writes the configuration and starts bearerbox, fakesmsc and smsbox;
    /// returns once fakesmsc is connected and smsbox takes sendsms requests.
    pub fn start() -> Result<Gateway> {
        for program in [BEARERBOX, SMSBOX, FAKESMSC] {
            if !Path::new(program).is_file() {
                return Err(format!(
                    "{program} is missing (Debian's kannel and kannel-extras)"
                ));
            }
        }
        let dir = proc::temp_dir("lotsen-kannel")?;
        let ports = Ports {
            admin: free_port()?,
            smsbox: free_port()?,
            smsc: free_port()?,
            sendsms: free_port()?,
        };
        let password = format!("t{:x}", dir_nanos(&dir));
        let conf = dir.join("kannel.conf");
        std::fs::write(&conf, config(&dir, &ports, &password))
            .map_err(|e| format!("cannot write {}: {e}", conf.display()))?;
        let mut gateway = Gateway {
            sendsms_url: format!(
                "http://127.0.0.1:{}/cgi-bin/sendsms?username={USER}&password={password}",
                ports.sendsms
            ),
            fakesmsc_log: dir.join("fakesmsc.log"),
            dir,
            children: Vec::new(),
        };
        gateway.spawn(BEARERBOX, &[&conf.display().to_string()], "bearerbox.out")?;
        wait_for_port(ports.smsc, "bearerbox's fake SMSC port")?;
        // -m 0: fakesmsc sends none of its message (one must be named, or
        // it reads messages from its input); it only prints what it gets.
        let smsc_port = ports.smsc.to_string();
        gateway.spawn(
            FAKESMSC,
            &[
                "-H",
                "127.0.0.1",
                "-r",
                &smsc_port,
                "-i",
                "1",
                "-m",
                "0",
                "0 0 text unused",
            ],
            "fakesmsc.log",
        )?;
        gateway.wait_for_log("bearerbox.log", "Fakesmsc client connected")?;
        gateway.spawn(SMSBOX, &[&conf.display().to_string()], "smsbox.out")?;
        wait_for_port(ports.sendsms, "smsbox's sendsms port")?;
        gateway.wait_for_log("smsbox.log", "Connected to bearerbox")?;
        Ok(gateway)
    }

    fn spawn(&mut self, program: &str, args: &[&str], output: &str) -> Result {
        let path = self.dir.join(output);
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let err = file.try_clone().map_err(|e| e.to_string())?;
        let child = Command::new(program)
            .args(args)
            .current_dir(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::from(file))
            .stderr(Stdio::from(err))
            .spawn()
            .map_err(|e| format!("could not start {program}: {e}"))?;
        self.children.push(child);
        Ok(())
    }

    fn wait_for_log(&mut self, file: &str, line: &str) -> Result {
        let path = self.dir.join(file);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if std::fs::read_to_string(&path).is_ok_and(|t| t.contains(line)) {
                return Ok(());
            }
            if let Some(exited) = self.exited() {
                return Err(format!("{exited}; logs in {}", self.dir.display()));
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "Kannel: no `{line}` in {} within 30 s",
                    path.display()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Which of the gateway's processes has exited, if one has.
    fn exited(&mut self) -> Option<String> {
        self.children.iter_mut().find_map(|c| {
            c.try_wait()
                .ok()
                .flatten()
                .map(|status| format!("a Kannel process exited during start-up ({status})"))
        })
    }

    /// Gives `c` the gateway: `LOTSEN_TEST_SMS_URL` and `LOTSEN_TEST_FAKESMSC_LOG`.
    pub fn env<'c>(&self, c: &'c mut Command) -> &'c mut Command {
        c.env("LOTSEN_TEST_SMS_URL", &self.sendsms_url)
            .env("LOTSEN_TEST_FAKESMSC_LOG", &self.fakesmsc_log)
    }

    /// Where the gateway's logs are, for when something goes wrong.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Some entropy for the sendsms password: the temp dir's name ends in nanoseconds.
fn dir_nanos(dir: &Path) -> u128 {
    dir.file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.rsplit('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn wait_for_port(port: u16, what: &str) -> Result {
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if Instant::now() > deadline {
            return Err(format!("Kannel: {what} ({port}) did not open within 30 s"));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

impl Drop for Gateway {
    fn drop(&mut self) {
        // smsbox, fakesmsc, then bearerbox: each asked to end, then made to.
        while let Some(mut child) = self.children.pop() {
            let _ = Command::new("kill")
                .args(["-TERM", &child.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline && !matches!(child.try_wait(), Ok(Some(_))) {
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_binds_every_port_to_loopback_and_names_the_user() {
        let ports = Ports {
            admin: 1,
            smsbox: 2,
            smsc: 3,
            sendsms: 4,
        };
        let conf = config(Path::new("/tmp/k"), &ports, "pw");
        for line in [
            "admin-port = 1",
            "admin-interface = 127.0.0.1",
            "smsbox-port = 2",
            "smsbox-interface = 127.0.0.1",
            "smsc = fake",
            "port = 3",
            "bearerbox-port = 2",
            "sendsms-port = 4",
            "sendsms-interface = 127.0.0.1",
            "username = lotsen",
            "password = pw",
            "log-file = /tmp/k/smsbox.log",
        ] {
            assert!(conf.lines().any(|l| l == line), "{line} missing in\n{conf}");
        }
    }

    #[test]
    fn a_gateway_carries_a_message_to_fakesmsc_and_stops_when_dropped() {
        if !Path::new(FAKESMSC).is_file() {
            println!("skipped: Kannel is not installed (cargo xtask install --tests)");
            return;
        }
        let gateway = Gateway::start().unwrap();
        let url = gateway.sendsms_url.clone();
        let (host, query) = url
            .strip_prefix("http://")
            .and_then(|u| u.split_once('/'))
            .unwrap();
        let (status, body) = crate::server::http_get(
            host,
            &format!("/{query}&from=Lotsen&to=46700000001&text=Hej+hej"),
        )
        .unwrap();
        assert_eq!(status, 202, "{body}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let log = gateway.fakesmsc_log.clone();
        while !std::fs::read_to_string(&log)
            .unwrap()
            .contains("<Lotsen 46700000001 text Hej hej>")
        {
            assert!(
                Instant::now() < deadline,
                "fakesmsc got nothing: {}",
                std::fs::read_to_string(&log).unwrap()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let dir = gateway.dir().to_path_buf();
        drop(gateway);
        assert!(TcpStream::connect(host).is_err(), "smsbox still listens");
        assert!(!dir.exists());
    }
}
