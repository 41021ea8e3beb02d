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
    step("Building the app (trunk build --release)");
    let dist = root().join("dist");
    proc::run(
        cmd("trunk")
            .args(["build", "--release", "--dist"])
            .arg(&dist)
            .env("CARGO_TARGET_DIR", app_target_dir())
            .env("TRUNK_SKIP_VERSION_CHECK", "true")
            .env("NO_COLOR", "true"),
    )?;
    split(&dist)?;
    inline_icon(&dist)?;
    externalize_index_scripts(&dist)?;
    service_worker(&dist)?;
    step("Precompressing the app with brotli");
    precompress(&dist)
}

/// The flags for Debian's wasm-opt (binaryen 108): the features rustc's wasm
/// uses, and -Os: its output is a little larger than -Oz's but compresses
/// better, and brotli is what goes over the wire (measured: the first load's
/// wasm 136,810 -> 136,233 bytes brotli, the booking chunk 129,446 -> 128,679).
const WASM_OPT: &[&str] = &[
    "-Os",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Cuts the app's wasm into the first load and the chunks that src/chunks.rs
/// marks, and puts them in `dist/` in place of Trunk's single module.
///
/// Trunk has built the wasm (with the `split` feature, `index.html`) and run
/// wasm-bindgen on it; splitting has to come between the two, so: the linked
/// wasm goes through `wasm-split-cli`, the main part through wasm-bindgen
/// again under Trunk's file name, and every part through `wasm-opt -Os`. The
/// area chunks get content hashes in their names (they are cached for a
/// year), the shared chunks go into a few hashed files and the loader script
/// into the glue (`bundle.rs`), and `index.html` gets the new integrity hashes.
fn split(dist: &Path) -> Result {
    step(
        "Splitting the wasm: the first load and chunks (wasm-split-cli, wasm-bindgen, wasm-opt -Os)",
    );
    let raw = app_target_dir().join("wasm32-unknown-unknown/release/lotsen.wasm");
    let js_name = walk(dist)
        .into_iter()
        .filter_map(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string))
        .find(|n| n.starts_with("lotsen-") && n.ends_with(".js"))
        .ok_or("trunk left no lotsen-*.js in dist/")?;
    let stem = js_name.trim_end_matches(".js").to_string();
    let js_path = dist.join(&js_name);
    let wasm_path = dist.join(format!("{stem}_bg.wasm"));
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let write = |p: &Path, bytes: &[u8]| {
        std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))
    };
    let old_js_sri = sri_sha384(&read(&js_path)?);
    let old_wasm_sri = sri_sha384(&read(&wasm_path)?);

    let work = proc::temp_dir("lotsen-split")?;
    let bound = work.join("bound");
    proc::run(
        cmd("wasm-split-cli")
            .arg(&raw)
            .arg(&work)
            .args(["--out-name", &stem]),
    )?;
    proc::run(
        cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--keep-lld-exports",
                "--out-name",
                &stem,
                "--out-dir",
            ])
            .arg(&bound)
            .arg(work.join(format!("{stem}.wasm"))),
    )?;
    let bound_wasm = bound.join(format!("{stem}_bg.wasm"));
    write(
        &bound_wasm,
        &crate::exports::drop_from_wasm(&read(&bound_wasm)?, crate::exports::UNUSED)?,
    )?;
    // The first load's module until nothing more shrinks (measured: 180
    // bytes brotli off it; on the chunks it gains nothing and costs time).
    proc::run(
        cmd("wasm-opt")
            .args(WASM_OPT)
            .arg("--converge")
            .arg(bound.join(format!("{stem}_bg.wasm")))
            .arg("-o")
            .arg(&wasm_path),
    )?;

    let mut loader =
        std::fs::read_to_string(work.join(LOADER)).map_err(|e| format!("{LOADER}: {e}"))?;
    let mut shared = Vec::new();
    for chunk in walk(&work) {
        let name = chunk
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if chunk.parent() != Some(work.as_path())
            || !name.ends_with(".wasm")
            || name == format!("{stem}.wasm")
        {
            continue;
        }
        let optimised = work.join(format!("{name}.opt"));
        proc::run(
            cmd("wasm-opt")
                .args(WASM_OPT)
                .arg(&chunk)
                .arg("-o")
                .arg(&optimised),
        )?;
        let bytes = read(&optimised)?;
        if name.starts_with("chunk_") {
            shared.push((name, bytes));
            continue;
        }
        let hashed = hashed_name(&name, &bytes);
        write(&dist.join(&hashed), &bytes)?;
        loader = loader.replace(&format!("\"./{name}\""), &format!("\"./{hashed}\""));
        println!("    chunk {hashed}: {} bytes", bytes.len());
    }
    use crate::bundle::{GROUPS, ROUTES};
    let (loader, bundles) = crate::bundle::bundle(&loader, &shared, GROUPS, ROUTES)?;
    for (name, bytes) in &bundles {
        write(&dist.join(name), bytes)?;
        println!("    shared chunks {name}: {} bytes", bytes.len());
    }
    let loader = quiet_parallel_fetches(&loader);

    let js =
        std::fs::read_to_string(bound.join(&js_name)).map_err(|e| format!("{js_name}: {e}"))?;
    let js = strip_js(&crate::bundle::inline_loader(&js, &loader, LOADER)?);
    let js = crate::exports::drop_from_js(&js, crate::exports::UNUSED)?;
    let (wasm, js) = crate::imports::shorten(&read(&wasm_path)?, &js, &format!("./{stem}_bg.js"))?;
    write(&wasm_path, &wasm)?;
    write(&js_path, js.as_bytes())?;
    if bound.join("snippets").is_dir() {
        return Err("wasm-bindgen wrote snippets/, which the split build does not copy yet".into());
    }

    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = html
        .replace(&old_js_sri, &sri_sha384(js.as_bytes()))
        .replace(&old_wasm_sri, &sri_sha384(&read(&wasm_path)?));
    write(&index, html.as_bytes())?;
    let _ = std::fs::remove_dir_all(&work);
    println!(
        "    first load {stem}_bg.wasm: {} bytes",
        read(&wasm_path)?.len()
    );
    Ok(())
}

/// The icon `index.html` links (`public/favicon.svg`, 207 bytes) written into
/// the link as a `data:` URL: no request at all (with its plain name Chromium
/// revalidated it on every in-app navigation; under a hashed name it still
/// cost a request of ~950 bytes on the wire, mostly headers, on the first
/// visit). The plain file stays for whoever asks for it by name.
fn inline_icon(dist: &Path) -> Result {
    const ICON: &str = "favicon.svg";
    let svg = std::fs::read_to_string(dist.join(ICON)).map_err(|e| format!("dist/{ICON}: {e}"))?;
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let html = link_icon(&html, ICON, &svg_data_url(&svg))?;
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// `html` with the link to `/{icon}` pointing at `href` instead (quoted).
pub fn link_icon(html: &str, icon: &str, href: &str) -> Result<String> {
    let links = [format!("href=/{icon} "), format!("href=\"/{icon}\"")];
    let found = links
        .iter()
        .find(|l| html.contains(l.as_str()))
        .ok_or_else(|| format!("index.html links no /{icon}"))?;
    let space = if found.ends_with(' ') { " " } else { "" };
    Ok(html.replacen(found.as_str(), &format!("href=\"{href}\"{space}"), 1))
}

/// An SVG as a `data:` URL that fits in a double-quoted attribute: its double
/// quotes become single ones, line breaks spaces, and `%`, `#`, `<`, `>` are
/// escaped.
pub fn svg_data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml,");
    for c in svg.trim().chars() {
        match c {
            '"' => url.push('\''),
            '\n' | '\r' => url.push(' '),
            '%' => url.push_str("%25"),
            '#' => url.push_str("%23"),
            '<' => url.push_str("%3C"),
            '>' => url.push_str("%3E"),
            c => url.push(c),
        }
    }
    url
}

/// Shrinks generated JavaScript (wasm-bindgen's glue, the chunk loader) line
/// by line, since Trunk's minifier fails on it: drops comment lines (`//`
/// lines and `/* … */` blocks that start a line), the indentation and empty
/// lines. Nothing inside a line is touched, so strings and regular
/// expressions stay as they are; the glue has no string spanning lines
/// (the end-to-end tests run the result). About 0.8 KB brotli of the first load.
pub fn strip_js(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut in_block = false;
    for line in js.lines() {
        let text = line.trim_start();
        let text = if in_block || text.starts_with("/*") {
            // The comment ends on this line (maybe with code after it) or later.
            let from = if in_block { 0 } else { 2 };
            match text[from..].find("*/") {
                Some(end) => {
                    in_block = false;
                    text[from + end + 2..].trim_start()
                }
                None => {
                    in_block = true;
                    continue;
                }
            }
        } else {
            text
        };
        if text.is_empty() || text.starts_with("//") {
            continue;
        }
        out.push_str(text);
        out.push('\n');
    }
    out
}

/// The loader starts a chunk's fetch before awaiting the chunks it depends on;
/// when one of those fails first, the fetch's own failure went unobserved and
/// surfaced as an uncaught error. Marking each fetch as observed keeps the
/// failure where it belongs: in the load's result, which the page shows.
pub fn quiet_parallel_fetches(loader: &str) -> String {
    let mut out = String::with_capacity(loader.len());
    for line in loader.split_inclusive('\n') {
        out.push_str(line);
        if line.trim_start().starts_with("const src = fetch(") && line.trim_end().ends_with(");") {
            out.push_str("    src.catch(() => {});\n");
        }
    }
    out
}

/// The loader script wasm-split-cli writes (it fetches the chunks).
const LOADER: &str = "__wasm_split.js";

/// `name.ext` → `name-<16 hex digits of SHA-256>.ext`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = &sha256_hex(bytes)[..16];
    match name.rsplit_once('.') {
        Some((base, ext)) => format!("{base}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

/// Makes Trunk's inline start-up script the end of the JS glue
/// ([`crate::bundle::start_in_glue`]) and would move any other inline script
/// into a hashed file, so that the Content-Security-Policy can forbid inline
/// script; drops nonces (a static nonce protects nothing).
fn externalize_index_scripts(dist: &Path) -> Result {
    let index = dist.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let read = |name: &str| {
        std::fs::read_to_string(dist.join(name)).map_err(|e| format!("dist/{name}: {e}"))
    };
    let (html, glue_name, glue) = crate::bundle::start_in_glue(
        &paint_first(&html)?,
        read,
        &format!("{PAINTED}\n{}", crate::bundle::PRELOAD),
    )?;
    std::fs::write(dist.join(&glue_name), glue).map_err(|e| format!("dist/{glue_name}: {e}"))?;
    println!("    the start-up script is now the end of {glue_name}");
    let (html, scripts) = externalize(&html);
    for (name, body) in &scripts {
        std::fs::write(dist.join(name), body).map_err(|e| format!("cannot write {name}: {e}"))?;
        println!("    moved an inline script to {name}");
    }
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// The statement of Trunk's start-up script that fetches and starts the wasm.
const START_WASM: &str = "const wasm = await init(";

/// Waits until the first paint has been presented (the paint timing entry),
/// at once when the page is hidden (it paints nothing), or at most a second.
const PAINTED: &str = "await new Promise((painted) => { if (document.hidden) return painted(); \
    new PerformanceObserver(painted).observe({ type: 'paint', buffered: true }); setTimeout(painted, 1000); });";

/// Lets the browser paint the static copy of the page in `index.html` before
/// the wasm is fetched: no preload of it, and the start-up script waits for
/// that paint ([`PAINTED`]). On a slow phone
/// the stylesheet then has the line to itself, and the first and largest
/// paint never wait for the wasm (Lighthouse counts everything fetched before
/// that paint as needed for it).
pub fn paint_first(html: &str) -> Result<String> {
    let out = drop_links(html, |tag| {
        tag.contains("preload") && tag.contains("_bg.wasm")
    })?;
    if !out.contains(START_WASM) {
        return Err(format!(
            "index.html: Trunk's start-up script has no `{START_WASM}` to wait for the first paint"
        ));
    }
    Ok(out.replacen(START_WASM, &format!("{PAINTED}\n{START_WASM}"), 1))
}

/// `html` without the `<link …>` tags that `drop` picks.
pub fn drop_links(html: &str, drop: impl Fn(&str) -> bool) -> Result<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<link") {
        let end = start
            + rest[start..]
                .find('>')
                .ok_or("index.html: an unclosed <link")?
            + 1;
        let tag = &rest[start..end];
        out.push_str(&rest[..start]);
        if !drop(tag) {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    Ok(out)
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
        let Some(close_rel) = rest[tag_end..].find("</script>") else {
            break;
        };
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
            let module = if is_module(&open_tag) {
                " type=\"module\""
            } else {
                ""
            };
            out.push_str(&format!(
                "<script{module} src=\"/{name}\" integrity=\"{integrity}\"></script>"
            ));
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
    ["type=module", "type=\"module\"", "type='module'"]
        .iter()
        .any(|t| open_tag.contains(t))
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
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub fn sri_sha384(bytes: &[u8]) -> String {
    use base64::Engine;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// The service worker (`public/sw.js`, copied by Trunk) with the list of files
/// it precaches: every file of `dist/` by its hashed name (index.html, the
/// glue with the loader, the main wasm, the chunks, the CSS, the icons), and a
/// version that changes whenever any of them does, so that a new build
/// replaces the old cache.
fn service_worker(dist: &Path) -> Result {
    let sw = dist.join(SERVICE_WORKER);
    let script = std::fs::read_to_string(&sw).map_err(|e| format!("{}: {e}", sw.display()))?;
    let mut files = Vec::new();
    let mut hasher = Sha256::new();
    for path in walk(dist) {
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        // robots.txt is for crawlers: the app never needs it offline.
        if name == SERVICE_WORKER || name == "robots.txt" || name.ends_with(".br") {
            continue;
        }
        hasher.update(name.as_bytes());
        hasher.update(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        files.push(format!("/{name}"));
    }
    let version: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let script = fill_service_worker(&script, &version, &files)?;
    std::fs::write(&sw, script).map_err(|e| format!("{}: {e}", sw.display()))?;
    println!(
        "    service worker {SERVICE_WORKER}: {} files to precache, version {version}",
        files.len()
    );
    Ok(())
}

/// The service worker's file name (not hashed: its address must stay the same).
const SERVICE_WORKER: &str = "sw.js";

/// Writes `version` and `files` into the service worker's placeholders.
pub fn fill_service_worker(script: &str, version: &str, files: &[String]) -> Result<String> {
    const VERSION: &str = "const VERSION = 'dev';";
    const PRECACHE: &str = "const PRECACHE = [];";
    if !script.contains(VERSION) || !script.contains(PRECACHE) {
        return Err(format!(
            "{SERVICE_WORKER} has no `{VERSION}` or `{PRECACHE}` to fill in"
        ));
    }
    let list = files
        .iter()
        .map(|f| format!("{f:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(script
        .replace(VERSION, &format!("const VERSION = '{version}';"))
        .replace(PRECACHE, &format!("const PRECACHE = [{list}];")))
}

/// File types worth compressing.
pub fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some(
            "html"
                | "js"
                | "mjs"
                | "css"
                | "wasm"
                | "svg"
                | "json"
                | "webmanifest"
                | "txt"
                | "xml"
                | "ico"
                | "bin"
        )
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
            let status = c
                .status()
                .map_err(|e| format!("could not run brotli: {e}"))?;
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
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p)
            } else {
                files.push(p)
            }
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
    proc::run(
        cmd("cargo")
            .args(["build", "-p", "lotsen-server", "--bin", "lotsen-server"])
            .args(args),
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"));
    Ok(target.join(dir).join("lotsen-server"))
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
    fn generated_js_loses_comments_and_indentation_only() {
        let js = "/**\n * Docs.\n */\nexport function f(a) {\n    // a comment\n    const s = \"  /* not a comment */ \";\n\n    return `${a}` + s; // kept\n}\n/* one line */\n/* x */ g();\n";
        assert_eq!(
            strip_js(js),
            "export function f(a) {\nconst s = \"  /* not a comment */ \";\nreturn `${a}` + s; // kept\n}\ng();\n"
        );
    }

    #[test]
    fn chunk_fetches_are_marked_as_observed() {
        let loader = "const a = makeLoad(() => {\n    const src = fetch(new URL(\"./a.wasm\", import.meta.url));\n    return x;\n}\n";
        let quiet = quiet_parallel_fetches(loader);
        assert!(quiet.contains("import.meta.url));\n    src.catch(() => {});\n    return x;"));
        assert_eq!(quiet_parallel_fetches("no fetches\n"), "no fetches\n");
    }

    #[test]
    fn hashed_names_carry_the_content_hash_before_the_extension() {
        let a = hashed_name("split_staff.wasm", b"one");
        assert!(
            a.starts_with("split_staff-")
                && a.ends_with(".wasm")
                && a.len() == "split_staff-.wasm".len() + 16
        );
        assert_ne!(a, hashed_name("split_staff.wasm", b"two"));
        assert_eq!(a, hashed_name("split_staff.wasm", b"one"));
    }

    #[test]
    fn inline_scripts_move_to_hashed_files_and_nonces_go() {
        let (html, files) = externalize(TRUNK_OUTPUT);
        assert_eq!(files.len(), 1);
        let (name, body) = &files[0];
        assert!(
            name.starts_with("boot-")
                && name.ends_with(".js")
                && name.len() == "boot-.js".len() + 16
        );
        assert!(body.starts_with("import init") && body.contains("_bg.wasm"));
        assert!(html.contains(&format!(
            "<script type=\"module\" src=\"/{name}\" integrity=\"sha384-"
        )));
        assert!(!html.contains("nonce"), "{html}");
        assert!(
            !html.contains("import init"),
            "no inline script is left: {html}"
        );
        assert!(html.contains(r#"<link rel="modulepreload" href="/lotsen-0123456789abcdef.js">"#));
    }

    #[test]
    fn the_wasm_is_fetched_after_the_first_paint() {
        let html = TRUNK_OUTPUT.replace(
            "</head>",
            "<link as=fetch crossorigin href=/lotsen-0123456789abcdef_bg.wasm integrity=sha384-y rel=preload type=application/wasm></head>",
        );
        let out = paint_first(&html).unwrap();
        assert!(!out.contains("rel=preload"), "{out}");
        assert!(out.contains(
            r#"<link rel="modulepreload" href="/lotsen-0123456789abcdef.js" nonce="abc">"#
        ));
        let wait = out.find(PAINTED).unwrap();
        assert!(wait < out.find(START_WASM).unwrap(), "{out}");
        assert!(paint_first("<html></html>").is_err(), "no start-up script");
    }

    #[test]
    fn the_static_copy_in_index_html_says_what_the_app_says() {
        let html = std::fs::read_to_string(root().join("index.html")).unwrap();
        let sv: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join("locales/sv.json")).unwrap())
                .unwrap();
        let texts = [
            ("app", &["name", "footer"][..]),
            ("common", &["loading"]),
            (
                "home",
                &[
                    "heading",
                    "intro",
                    "list_heading",
                    "sign",
                    "schedule",
                    "book",
                    "rate",
                ],
            ),
            (
                "sign_in",
                &[
                    "heading",
                    "intro",
                    "login",
                    "password",
                    "submit",
                    "forgot",
                    "no_password",
                ],
            ),
        ];
        for (section, keys) in texts {
            for key in keys {
                let text = sv[section][key].as_str().unwrap();
                assert!(
                    html.contains(text),
                    "index.html's static copy lacks {section}.{key}: {text}"
                );
            }
        }
    }

    #[test]
    fn minified_module_scripts_stay_modules() {
        let html =
            "<head><script type=module>import init from '/x.js';await init();</script></head>";
        let (out, files) = externalize(html);
        assert_eq!(files.len(), 1);
        assert!(
            out.contains("<script type=\"module\" src=\"/boot-"),
            "{out}"
        );
    }

    #[test]
    fn external_scripts_stay_and_the_result_is_stable() {
        let html = r#"<head><script src="/a.js" defer></script></head>"#;
        assert_eq!(externalize(html), (html.to_string(), vec![]));
        let (once, _) = externalize(TRUNK_OUTPUT);
        assert_eq!(externalize(&once).0, once, "running twice changes nothing");
    }

    #[test]
    fn the_service_worker_gets_the_files_and_the_version() {
        let script = "const VERSION = 'dev';\nconst PRECACHE = [];\nself.x = 1;\n";
        let files = vec![
            "/index.html".to_string(),
            "/split_staff-0123456789abcdef.wasm".to_string(),
        ];
        let filled = fill_service_worker(script, "abcd", &files).unwrap();
        assert_eq!(
            filled,
            "const VERSION = 'abcd';\nconst PRECACHE = [\"/index.html\", \"/split_staff-0123456789abcdef.wasm\"];\nself.x = 1;\n"
        );
        assert!(
            fill_service_worker("self.x = 1;", "abcd", &files).is_err(),
            "no placeholders: an error"
        );
    }

    #[test]
    fn the_icon_is_written_into_its_link() {
        let url = svg_data_url("<svg a=\"#0b4f71\">\n<rect/></svg>\n");
        assert_eq!(
            url,
            "data:image/svg+xml,%3Csvg a='%230b4f71'%3E %3Crect/%3E%3C/svg%3E"
        );
        let minified = "<link href=/favicon.svg rel=icon type=image/svg+xml>";
        assert_eq!(
            link_icon(minified, "favicon.svg", &url).unwrap(),
            format!("<link href=\"{url}\" rel=icon type=image/svg+xml>")
        );
        let quoted = r#"<link rel="icon" href="/favicon.svg">"#;
        assert_eq!(
            link_icon(quoted, "favicon.svg", "data:x").unwrap(),
            r#"<link rel="icon" href="data:x">"#
        );
        assert!(link_icon("<head></head>", "favicon.svg", "x").is_err());
    }

    #[test]
    fn compresses_text_and_wasm_only() {
        assert!(compressible(Path::new("dist/x_bg.wasm")));
        assert!(compressible(Path::new("dist/index.html")));
        assert!(!compressible(Path::new("dist/icon.png")));
        assert!(!compressible(Path::new("dist/x.wasm.br")));
    }
}
