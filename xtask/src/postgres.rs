//! A private, throw-away PostgreSQL cluster for the tests: Debian's server
//! binaries, a temporary directory, a free loopback port, no fsync. It is
//! stopped and removed when dropped — also when tests fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc::{self, output};
use crate::{Result, tools};

/// The unprivileged user that runs the cluster when we are root (initdb refuses root).
const PG_USER: &str = "lotsen-pg";

/// A running cluster.
pub struct Cluster {
    bin: PathBuf,
    dir: PathBuf,
    as_user: Option<&'static str>,
    /// `postgres://postgres@127.0.0.1:PORT/postgres`, a superuser without password.
    pub url: String,
}

impl Cluster {
    /// Creates and starts a cluster.
    pub fn start() -> Result<Cluster> {
        let bin = tools::postgres_bin_dir().ok_or("PostgreSQL's server binaries are missing")?;
        let dir = proc::temp_dir("lotsen-pg")?;
        let as_user = if proc::is_root() {
            if output(Command::new("id").args(["-u", PG_USER])).is_none() {
                proc::run(Command::new(sbin("useradd")).args([
                    "--system",
                    "--no-create-home",
                    "--shell",
                    "/usr/sbin/nologin",
                    PG_USER,
                ]))?;
            }
            proc::run(Command::new("chown").args([PG_USER]).arg(&dir))?;
            Some(PG_USER)
        } else {
            None
        };
        let port = crate::server::free_port()?;
        let cluster = Cluster {
            bin,
            dir,
            as_user,
            url: format!("postgres://postgres@127.0.0.1:{port}/postgres"),
        };
        let data = cluster.dir.join("data");
        cluster.pg(
            "initdb",
            &[
                "-D",
                &s(&data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        )?;
        let opts = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            s(&cluster.dir)
        );
        cluster.pg(
            "pg_ctl",
            &[
                "-D",
                &s(&data),
                "-o",
                &opts,
                "-l",
                &s(&cluster.dir.join("server.log")),
                "-w",
                "-t",
                "60",
                "start",
            ],
        )?;
        Ok(cluster)
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Result {
        let program = self.bin.join(tool);
        let mut c = match self.as_user {
            Some(user) => {
                let mut c = Command::new(sbin("runuser"));
                c.args(["-u", user, "--"]).arg(&program);
                c
            }
            None => Command::new(&program),
        };
        c.args(args)
            .current_dir(&self.dir)
            .stdout(std::process::Stdio::null());
        proc::run(&mut c)
    }

    /// The cluster's own log, for when something goes wrong.
    pub fn log(&self) -> PathBuf {
        self.dir.join("server.log")
    }
}

/// A system tool that may live in /usr/sbin, which is not always on PATH.
fn sbin(name: &str) -> PathBuf {
    proc::which(name).unwrap_or_else(|| Path::new("/usr/sbin").join(name))
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.dir.join("data");
        let _ = self.pg(
            "pg_ctl",
            &["-D", &s(&data), "-m", "immediate", "-w", "stop"],
        );
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
