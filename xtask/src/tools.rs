//! Installs what is missing — and only that — from the package registries:
//! crates.io (trunk, wasm-bindgen-cli), Debian (libssl-dev and pkg-config for
//! the server's OpenSSL, binaryen, brotli, chromium, chromium-driver, postgresql,
//! kannel, kannel-extras, wrk, sqlite3) and npm (Playwright, axe-core, from the
//! committed lockfile). Nothing is ever downloaded from anywhere else; Trunk is
//! told never to fetch tools of its own (Trunk.toml).

use std::cell::Cell;
use std::path::PathBuf;

use crate::proc::{self, cmd, output, which};
use crate::{Result, root, step};

/// Trunk's version: 0.22 needs a newer rustc than this project's 1.95.
pub const TRUNK_VERSION: &str = "0.21.14";

/// wasm-split-cli (crate wasm_split_cli_support), which cuts the wasm into
/// chunks along the marks of src/chunks.rs; it pairs with the
/// `wasm_split_helpers` runtime that Leptos brings in (0.2.x).
pub const WASM_SPLIT_VERSION: &str = "0.2.3";

/// Which tools a command needs.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Set {
    /// Building and serving the app.
    Build,
    /// Also everything `cargo xtask test` runs.
    Test,
    /// Also the load generator.
    Bench,
}

thread_local! {
    static APT_UPDATED: Cell<bool> = const { Cell::new(false) };
}

/// Makes sure every tool of `set` is present, installing what is not.
pub fn ensure(set: Set) -> Result {
    step("Checking tools (installing only what is missing)");
    openssl_headers()?;
    wasm_target()?;
    cargo_tool("trunk", TRUNK_VERSION, "trunk", &["--locked"])?;
    let wb = wasm_bindgen_version()?;
    // Without --locked: one of its locked dependencies is gone from the registry.
    cargo_tool("wasm-bindgen", &wb, "wasm-bindgen-cli", &[])?;
    cargo_listed_tool(
        "wasm-split-cli",
        WASM_SPLIT_VERSION,
        "wasm_split_cli_support",
        &["--locked", "--features", "build-binary"],
    )?;
    apt("wasm-opt", "binaryen")?;
    apt("brotli", "brotli")?;
    if set >= Set::Test {
        apt("chromium", "chromium")?;
        apt("chromedriver", "chromium-driver")?;
        if postgres_bin_dir().is_none() {
            apt_install("postgresql")?;
        } else {
            present(
                "postgresql",
                &postgres_bin_dir()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
            );
        }
        // The SMS gateway and its fake SMS centre for the server's tests (crate::kannel).
        apt_file(crate::kannel::BEARERBOX, "kannel")?;
        apt_file(crate::kannel::FAKESMSC, "kannel-extras")?;
        apt("npm", "npm")?;
        npm_packages()?;
    }
    if set >= Set::Bench {
        apt("wrk", "wrk")?;
        // The bench loads rows straight into its database.
        apt("sqlite3", "sqlite3")?;
    }
    Ok(())
}

/// The server links OpenSSL (webauthn-rs, for passkeys): its headers and
/// pkg-config must be there before any command compiles the server (clippy,
/// the tests, the release build), so every command checks them first.
pub fn openssl_headers() -> Result {
    apt("pkg-config", "pkg-config")?;
    let found = proc::run_capturing(cmd("pkg-config").args(["--exists", "openssl"])).0;
    if found {
        present("libssl-dev", "(pkg-config finds openssl)");
        Ok(())
    } else {
        apt_install("libssl-dev")
    }
}

fn present(what: &str, detail: &str) {
    println!("    ok  {what} {detail}");
}

fn wasm_target() -> Result {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        present("rust target", "wasm32-unknown-unknown");
        return Ok(());
    }
    println!("    installing the wasm32-unknown-unknown target");
    proc::run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// `cargo install` a crate unless `bin --version` already reports `version`.
fn cargo_tool(bin: &str, version: &str, krate: &str, extra: &[&str]) -> Result {
    let current = which(bin).and_then(|p| output(cmd(p).arg("--version")));
    if let Some(v) = &current
        && v.split_whitespace().nth(1) == Some(version)
    {
        present(bin, version);
        return Ok(());
    }
    match &current {
        Some(v) => println!("    installing {krate} {version} (found {})", v.trim()),
        None => println!(
            "    installing {krate} {version} (takes minutes on a small machine; only once)"
        ),
    }
    proc::run(
        cmd("cargo")
            .args(["install", krate, "--version", version])
            .args(extra),
    )
}

/// `cargo install` a crate unless `cargo install --list` has it at `version`
/// (for tools without `--version`).
fn cargo_listed_tool(bin: &str, version: &str, krate: &str, extra: &[&str]) -> Result {
    let list = output(cmd("cargo").args(["install", "--list"])).unwrap_or_default();
    if which(bin).is_some() && listed(&list, krate, version) {
        present(bin, version);
        return Ok(());
    }
    println!("    installing {krate} {version} ({bin}; only once)");
    proc::run(
        cmd("cargo")
            .args(["install", krate, "--version", version, "--force"])
            .args(extra),
    )
}

/// Whether `cargo install --list` output names `krate` at `version`.
pub fn listed(list: &str, krate: &str, version: &str) -> bool {
    list.lines()
        .any(|l| l.starts_with(&format!("{krate} v{version}:")))
}

/// The wasm-bindgen version in Cargo.lock: the CLI must match it exactly.
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| "Cargo.lock has no wasm-bindgen package".to_string())
}

/// The version of package `name` in a Cargo.lock text.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{name}\"") {
            let v = lines
                .next()?
                .trim()
                .strip_prefix("version = \"")?
                .strip_suffix('"')?;
            return Some(v.to_string());
        }
    }
    None
}

fn apt(bin: &str, package: &str) -> Result {
    if let Some(p) = which(bin) {
        present(bin, &format!("({})", p.display()));
        return Ok(());
    }
    apt_install(package)
}

/// Installs `package` unless `file` (one of its files, off PATH) is there.
fn apt_file(file: &str, package: &str) -> Result {
    if std::path::Path::new(file).is_file() {
        present(package, &format!("({file})"));
        return Ok(());
    }
    apt_install(package)
}

pub fn apt_install(package: &str) -> Result {
    println!("    installing Debian package {package}");
    let sudo = !proc::is_root();
    let apt_get = |args: &[&str]| {
        let mut c = if sudo { cmd("sudo") } else { cmd("apt-get") };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    if !APT_UPDATED.get() {
        proc::run(&mut apt_get(&["update", "-qq"]))?;
        APT_UPDATED.set(true);
    }
    proc::run(&mut apt_get(&[
        "install",
        "-y",
        "-qq",
        "--no-install-recommends",
        package,
    ]))
}

/// Where Debian's PostgreSQL server binaries are (`initdb`, `pg_ctl`).
pub fn postgres_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path().join("bin")))
        .filter(|d| d.join("initdb").is_file() && d.join("pg_ctl").is_file())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// The end-to-end test packages, from the committed lockfile (`npm ci`), when
/// the lockfile changed since the last install.
fn npm_packages() -> Result {
    let dir = root().join("tests/e2e");
    let lock = std::fs::read(dir.join("package-lock.json"))
        .map_err(|e| format!("tests/e2e/package-lock.json: {e}"))?;
    let want = crate::build::sha256_hex(&lock);
    let stamp = dir.join("node_modules/.lotsen-lock-sha256");
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == want) {
        present("npm packages", "(tests/e2e, as locked)");
        return Ok(());
    }
    println!(
        "    installing the end-to-end test packages (npm ci; browsers come from Debian, never downloaded)"
    );
    proc::run(
        cmd("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"),
    )?;
    std::fs::write(&stamp, want).map_err(|e| format!("cannot write {}: {e}", stamp.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\nsource = \"x\"\n";
        assert_eq!(
            locked_version(lock, "wasm-bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(locked_version(lock, "trunk"), None);
    }

    #[test]
    fn the_real_lockfile_pins_wasm_bindgen_as_trunk_toml_does() {
        let v = wasm_bindgen_version().unwrap();
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        assert!(
            trunk.contains(&format!("wasm_bindgen = \"{v}\"")),
            "Trunk.toml must pin wasm-bindgen {v}"
        );
    }

    #[test]
    fn finds_an_installed_crate_at_its_version() {
        let list =
            "trunk v0.21.14:\n    trunk\nwasm_split_cli_support v0.2.3:\n    wasm-split-cli\n";
        assert!(listed(list, "wasm_split_cli_support", "0.2.3"));
        assert!(!listed(list, "wasm_split_cli_support", "0.2.2"));
        assert!(!listed(list, "wasm-split-cli", "0.2.3"));
    }

    #[test]
    fn the_split_cli_matches_the_split_runtime_in_the_lockfile() {
        let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
        let runtime = locked_version(&lock, "wasm_split_helpers").unwrap();
        let minor = |v: &str| v.rsplit_once('.').map(|(m, _)| m.to_string());
        assert_eq!(
            minor(&runtime),
            minor(WASM_SPLIT_VERSION),
            "wasm_split_helpers {runtime} needs wasm-split-cli of the same minor version"
        );
    }
}
