//! Builds the SPA (Trunk, release, wasm-opt), makes it CSP-clean, precompresses
//! it with brotli, and builds the server.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256, Sha384};

use crate::proc::{self, cmd};
use crate::{Result, root, step};

/// Where cargo builds the wasm app, apart from native builds so that the two
/// never wait for each other's lock.
pub fn app_target_dir() -> PathBuf {
    root().join("target/app")
}

/// Builds `dist/`: trunk in release mode, then the post-processing below.
pub fn spa() -> Result {
    step("Building the app (trunk build --release, with wasm-opt -Oz)");
    let dist = root().join("dist");
    proc::run(
        cmd("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .env("CARGO_TARGET_DIR", app_target_dir())
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .env("NO_COLOR", "true"),
    )?;
    externalize_index_scripts(&dist)?;
    step("Precompressing the app with brotli");
    precompress(&dist)
}

/// Moves Trunk's inline start-up script into a hashed file, so that the
/// Content-Security-Policy can forbid inline script, and drops nonces (a
/// static nonce protects nothing).
fn externalize_index_scripts(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let (html, scripts) = externalize(&html);
    for (name, body) in &scripts {
        std::fs::write(dist.join(name), body).map_err(|e| format!("cannot write {name}: {e}"))?;
        println!("    moved an inline script to {name}");
    }
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// Returns the HTML with every inline `<script>` replaced by a reference to a
/// content-hashed file (with subresource integrity), and those files.
pub fn externalize(html: &str) -> (String, Vec<(String, String)>) {
    let mut out = String::with_capacity(html.len());
    let mut files = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        let tag_end = match rest[start..].find('>') {
            Some(i) => start + i + 1,
            None => break,
        };
        let open_tag = &rest[start..tag_end];
        let Some(close_rel) = rest[tag_end..].find("</script>") else { break };
        let body = &rest[tag_end..tag_end + close_rel];
        let after = tag_end + close_rel + "</script>".len();
        let open_tag = strip_attr(open_tag, "nonce");
        if open_tag.contains(" src=") || body.trim().is_empty() {
            out.push_str(&open_tag);
            out.push_str(body);
            out.push_str("</script>");
        } else {
            let body = body.trim().to_string();
            let name = format!("boot-{}.js", &sha256_hex(body.as_bytes())[..16]);
            let integrity = sri_sha384(body.as_bytes());
            let module = if is_module(&open_tag) { " type=\"module\"" } else { "" };
            out.push_str(&format!("<script{module} src=\"/{name}\" integrity=\"{integrity}\"></script>"));
            files.push((name, body));
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    let out = strip_attr(&out, "nonce");
    (out, files)
}

/// Whether a `<script …>` tag is a module, however its attribute is quoted
/// (minified HTML drops the quotes).
fn is_module(open_tag: &str) -> bool {
    ["type=module", "type=\"module\"", "type='module'"].iter().any(|t| open_tag.contains(t))
}

/// Removes every ` name="…"` attribute from the text.
fn strip_attr(text: &str, name: &str) -> String {
    let needle = format!(" {name}=\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(&needle) {
        out.push_str(&rest[..i]);
        let value_start = i + needle.len();
        match rest[value_start..].find('"') {
            Some(j) => rest = &rest[value_start + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn sri_sha384(bytes: &[u8]) -> String {
    use base64::Engine;
    format!("sha384-{}", base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes)))
}

/// File types worth compressing.
pub fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "wasm" | "svg" | "json" | "webmanifest" | "txt" | "xml" | "ico")
    )
}

/// Writes `FILE.br` beside every compressible file (quality 11), removing stale ones.
fn precompress(dist: &Path) -> Result {
    for path in walk(dist) {
        if path.extension().is_some_and(|e| e == "br") {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for path in walk(dist) {
        if compressible(&path) {
            let mut c = cmd("brotli");
            c.args(["-f", "-q", "11"]).arg(&path);
            let status = c.status().map_err(|e| format!("could not run brotli: {e}"))?;
            if !status.success() {
                return Err(format!("brotli failed on {}", proc::rel(&path)));
            }
        }
    }
    println!("    wrote .br files beside the assets in dist/");
    Ok(())
}

/// Every file below `dir`.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() { stack.push(p) } else { files.push(p) }
        }
    }
    files.sort();
    files
}

/// How the server is compiled.
#[derive(Clone, Copy)]
pub enum Profile {
    /// Quick to build: tests.
    Dev,
    /// Optimised: `run` and `bench`.
    Release,
}

/// Builds the server binary and returns its path.
pub fn server(profile: Profile) -> Result<PathBuf> {
    let (args, dir): (&[&str], &str) = match profile {
        Profile::Dev => (&[], "debug"),
        Profile::Release => (&["--profile", "server-release"], "server-release"),
    };
    step(&format!("Building the server ({dir})"));
    proc::run(cmd("cargo").args(["build", "-p", "lotsen-server", "--bin", "lotsen-server"]).args(args))?;
    Ok(root().join("target").join(dir).join("lotsen-server"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_OUTPUT: &str = r#"<!DOCTYPE html><html lang="sv"><head><link rel="stylesheet" href="/main-0123456789abcdef.css" integrity="sha384-x" nonce="abc"/>
<script type="module" nonce="abc">
import init, * as bindings from '/lotsen-0123456789abcdef.js';
const wasm = await init({ module_or_path: '/lotsen-0123456789abcdef_bg.wasm' });
window.wasmBindings = bindings;
</script><link rel="modulepreload" href="/lotsen-0123456789abcdef.js" nonce="abc"></head><body><div id="app"></div></body></html>"#;

    #[test]
    fn inline_scripts_move_to_hashed_files_and_nonces_go() {
        let (html, files) = externalize(TRUNK_OUTPUT);
        assert_eq!(files.len(), 1);
        let (name, body) = &files[0];
        assert!(name.starts_with("boot-") && name.ends_with(".js") && name.len() == "boot-.js".len() + 16);
        assert!(body.starts_with("import init") && body.contains("_bg.wasm"));
        assert!(html.contains(&format!("<script type=\"module\" src=\"/{name}\" integrity=\"sha384-")));
        assert!(!html.contains("nonce"), "{html}");
        assert!(!html.contains("import init"), "no inline script is left: {html}");
        assert!(html.contains(r#"<link rel="modulepreload" href="/lotsen-0123456789abcdef.js">"#));
    }

    #[test]
    fn minified_module_scripts_stay_modules() {
        let html = "<head><script type=module>import init from '/x.js';await init();</script></head>";
        let (out, files) = externalize(html);
        assert_eq!(files.len(), 1);
        assert!(out.contains("<script type=\"module\" src=\"/boot-"), "{out}");
    }

    #[test]
    fn external_scripts_stay_and_the_result_is_stable() {
        let html = r#"<head><script src="/a.js" defer></script></head>"#;
        assert_eq!(externalize(html), (html.to_string(), vec![]));
        let (once, _) = externalize(TRUNK_OUTPUT);
        assert_eq!(externalize(&once).0, once, "running twice changes nothing");
    }

    #[test]
    fn compresses_text_and_wasm_only() {
        assert!(compressible(Path::new("dist/x_bg.wasm")));
        assert!(compressible(Path::new("dist/index.html")));
        assert!(!compressible(Path::new("dist/icon.png")));
        assert!(!compressible(Path::new("dist/x.wasm.br")));
    }
}
