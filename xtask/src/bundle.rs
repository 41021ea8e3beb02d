//! The shared wasm chunks in a few files.
//!
//! wasm-split-cli puts the code that several areas (src/chunks.rs) use into a
//! chunk for each set of areas that shares it: about two hundred small files,
//! which a young person's phone fetched one by one (each with about 800 bytes
//! of headers; on HTTP/1.1 six at a time). The build puts them end to end in a
//! few files, `chunks-<hash>.bin`, one per group of areas ([`GROUPS`]): a
//! shared chunk goes into the bundle of the first group with an area that
//! needs it, so the areas of a young person's journey fetch one bundle and
//! never the code only the staff's areas share. An area's loader fetches the
//! bundles its chunks are in (each once, in parallel with the area's own
//! file) and instantiates each chunk from its slice. A failed fetch is
//! forgotten, so the next attempt (the page's retry) fetches again.
//!
//! The chunk loader itself goes into the JS glue ([`inline_loader`]): one
//! request fewer on the first load.

use std::collections::{BTreeMap, BTreeSet};

use crate::build::hashed_name;

/// A file to write into `dist/`: its name and bytes.
pub type File = (String, Vec<u8>);

/// The bundles' file name before hashing.
const BUNDLE: &str = "chunks.bin";

/// The groups of areas (src/chunks.rs, without `split_`) whose shared code
/// goes into a bundle of its own, in order: first the young person's journey
/// (sign-in, home, Today, booking), then the areas a young person may open
/// next; the code that only the remaining areas (the staff's) share goes into
/// a last bundle. Measured: of 145 KB brotli shared code, the journey needs
/// 120 KB; the next group 20 KB more, the staff's own 13 KB.
pub const GROUPS: &[&[&str]] = &[
    &["sign_in", "account", "home", "schedule", "booking"],
    &["application", "feedback", "my_plan"],
];

/// What the start-up script runs after the first paint, as it fetches the
/// main wasm: the preload of the files of the page's area (`preloadRoute`).
pub const PRELOAD: &str = "preloadRoute(location.pathname);";

/// The paths whose pages are in an area's chunk (src/lib.rs, src/chunks.rs):
/// a path that is one of these or under it (`/staff/youth/1`) is in that
/// area; the start-up script preloads its files (`preloadRoute`). A test
/// checks it against the routes.
pub const ROUTES: &[(&str, &str)] = &[
    ("/sign-in", "sign_in"),
    ("/invitation", "account"),
    ("/me", "account"),
    ("/password-reset", "account"),
    ("/home", "home"),
    ("/schedule/activities", "schedule_staff"),
    ("/schedule/youth", "schedule_staff"),
    ("/schedule", "schedule"),
    ("/booking/staff", "booking_staff"),
    ("/booking", "booking"),
    ("/applications", "application"),
    ("/feedback/rate", "feedback"),
    ("/feedback", "feedback_staff"),
    ("/plan", "my_plan"),
    ("/staff", "staff"),
    ("/register", "register"),
];

/// The functions the rewritten loader calls instead of `fetch` for a chunk:
/// `bundledChunk`, a promise of the chunk's bytes from bundle `b` (each bundle
/// is fetched once; a failure is forgotten, so that a retry fetches it
/// again), and `sliceLoad`, a chunk's whole load from the `length` bytes after
/// the chunk defined before it in the same bundle (a length is fewer digits
/// than a start and an end: 0.4 KB brotli of the first load). And
/// `preloadRoute`, which the start-up script calls with the page's path as it
/// fetches the main wasm: it preloads the files of the path's area
/// ([`ROUTES`]: its own and the bundles it needs), which the area's loader
/// then takes from the preload instead of fetching them only once the main
/// module runs (measured: Today's LCP in Lighthouse about 0.15 s sooner).
const BUNDLED: &str = r#"const chunkBundles = [];
const chunkBundleEnds = [];
function bundledChunk(b, start, end) {
    if (chunkBundles[b] === undefined) {
        const load = fetch(new URL(chunkBundleFiles[b], import.meta.url)).then((r) => {
            if (!r.ok) throw new Error("chunk bundle: HTTP " + r.status);
            return r.arrayBuffer();
        });
        load.catch(() => { if (chunkBundles[b] === load) chunkBundles[b] = undefined; });
        chunkBundles[b] = load;
    }
    const bytes = chunkBundles[b].then((all) => new Uint8Array(all, start, end - start));
    bytes.catch(() => {});
    return bytes;
}
function preloadRoute(path) {
    const route = chunkRoutes.find(([p]) => path === p || path.startsWith(p + "/"));
    if (route === undefined) return;
    const [, file, ...bundles] = route;
    for (const f of [file, ...bundles.map((b) => chunkBundleFiles[b])]) {
        const link = document.createElement("link");
        link.rel = "preload";
        link.as = "fetch";
        link.crossOrigin = "anonymous";
        link.href = new URL(f, import.meta.url);
        document.head.append(link);
    }
}
function sliceLoad(b, length) {
    const start = chunkBundleEnds[b] ?? 0;
    chunkBundleEnds[b] = start + length;
    return makeLoad(() => {
        const src = bundledChunk(b, start, start + length);
        return async (imports) => WebAssembly.instantiate(await src, imports);
    }, []);
}
"#;

/// A load in the loader: the file it fetches and the loads it needs.
#[derive(Default)]
struct Load {
    file: Option<String>,
    deps: Vec<String>,
}

/// The loads of the loader: each `const NAME = …makeLoad(…`, the file its
/// `const src = fetch(new URL("./FILE", …` fetches and the loads named in its
/// dependency list (`, [__chunk_1, __chunk_2]`, the line that closes its
/// `makeLoad`).
fn loads(loader: &str) -> BTreeMap<String, Load> {
    let mut loads = BTreeMap::new();
    let mut current = None;
    for line in loader.lines() {
        let line = line.trim_start();
        let line = line.strip_prefix("export ").unwrap_or(line);
        if let Some(rest) = line
            .strip_prefix("const ")
            .filter(|r| r.contains("makeLoad("))
        {
            current = rest.split([' ', '=']).next().map(str::to_string);
            continue;
        }
        let Some(load) = current
            .as_ref()
            .map(|name| loads.entry(name.clone()).or_insert_with(Load::default))
        else {
            continue;
        };
        if let Some(rest) = line.strip_prefix("const src = fetch(new URL(\"./") {
            load.file = rest.split('"').next().map(str::to_string);
        } else if let Some(list) = line.strip_prefix(", [") {
            let list = list.split(']').next().unwrap_or_default();
            let names = list
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string);
            load.deps = names.collect();
        }
    }
    loads
}

/// The areas (`__wasm_split_load_<area>`) that need each load, directly or
/// through another load.
fn users(loads: &BTreeMap<String, Load>) -> BTreeMap<String, BTreeSet<String>> {
    let mut users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in loads.keys() {
        let Some(area) = name.strip_prefix("__wasm_split_load_") else {
            continue;
        };
        let mut todo = vec![name.as_str()];
        let mut seen = BTreeSet::new();
        while let Some(load) = todo.pop() {
            for dep in loads.get(load).into_iter().flat_map(|l| &l.deps) {
                if seen.insert(dep.as_str()) {
                    users
                        .entry(dep.clone())
                        .or_default()
                        .insert(area.to_string());
                    todo.push(dep);
                }
            }
        }
    }
    users
}

/// Which of `groups` (or the last bundle, after them) a chunk used by
/// `areas` goes into: the first with an area that needs it.
fn group_of(areas: Option<&BTreeSet<String>>, groups: &[&[&str]]) -> usize {
    groups
        .iter()
        .position(|g| areas.is_some_and(|a| g.iter().any(|area| a.contains(*area))))
        .unwrap_or(groups.len())
}

/// Puts `chunks` (file name as the loader names it, bytes) end to end in a
/// bundle per group of areas ([`GROUPS`] for the build) and rewrites the
/// loader to take each from its bundle. Returns the loader and the bundles
/// (hashed file name, bytes). Errors if the loader does not fetch a chunk the
/// way wasm-split-cli 0.2 writes it.
pub fn bundle(
    loader: &str,
    chunks: &[(String, Vec<u8>)],
    groups: &[&[&str]],
    routes: &[(&str, &str)],
) -> Result<(String, Vec<File>), String> {
    let loads = loads(loader);
    let users = users(&loads);
    // Where each chunk's fetch is in the loader, and whether its whole
    // loader is that fetch (a shared chunk needs no other chunk: then its
    // loader becomes one short call, `sliceLoad(bundle, length)`).
    let mut places = Vec::new();
    for (name, chunk) in chunks {
        let fetch = format!(
            "fetch(new URL(\"./{name}\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));"
        );
        let at = loader
            .find(&fetch)
            .ok_or_else(|| format!("the chunk loader does not fetch {name} as expected"))?;
        let whole = format!("makeLoad(() => {{\n    const src = {fetch}\n}}\n, [])");
        let load = format!("__{}", name.trim_end_matches(".wasm"));
        let group = group_of(users.get(&load), groups);
        places.push((!loader.contains(&whole), at, group, fetch, whole, chunk));
    }
    // `sliceLoad` takes each chunk's slice where the one before it in its
    // bundle ended, as the loader defines them: so the bytes go in that
    // order, and those of chunks that keep their loader (with the slice's
    // start and end) after them.
    places.sort_by_key(|p| (p.0, p.1));
    let mut bundles = vec![Vec::new(); groups.len() + 1];
    let mut slices = Vec::new();
    for (_, _, group, _, _, chunk) in &places {
        let bytes: &mut Vec<u8> = &mut bundles[*group];
        let start = bytes.len();
        bytes.extend_from_slice(chunk);
        slices.push((start, bytes.len()));
    }
    // Empty groups get no file: the loader numbers the bundles that exist.
    let mut index = Vec::new();
    let mut files = Vec::new();
    for bytes in bundles {
        index.push(files.len());
        if !bytes.is_empty() {
            files.push((hashed_name(BUNDLE, &bytes), bytes));
        }
    }
    let mut loader = loader.to_string();
    for ((keeps, _, group, fetch, whole, _), (start, end)) in places.iter().zip(slices) {
        let b = index[*group];
        loader = if *keeps {
            let from_bundle = format!(
                "bundledChunk({b}, {start}, {end});\n    return async (imports) => WebAssembly.instantiate(await src, imports);"
            );
            loader.replace(fetch, &from_bundle)
        } else {
            loader.replace(whole, &format!("sliceLoad({b}, {})", end - start))
        };
    }
    // Before the first chunk's loader: `sliceLoad` runs as each is defined.
    let names: Vec<String> = files.iter().map(|(n, _)| format!("\"./{n}\"")).collect();
    let mut needs: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (_, _, group, fetch, _, _) in &places {
        let name = fetch
            .split('"')
            .nth(1)
            .unwrap_or_default()
            .trim_start_matches("./");
        let load = format!("__{}", name.trim_end_matches(".wasm"));
        for area in users.get(&load).into_iter().flatten() {
            needs.entry(area).or_default().insert(index[*group]);
        }
    }
    let mut table = Vec::new();
    for (path, area) in routes {
        let file = loads
            .get(&format!("__wasm_split_load_{area}"))
            .and_then(|l| l.file.as_ref())
            .ok_or_else(|| format!("the chunk loader has no area {area} (the route {path})"))?;
        let bundles = needs
            .get(area)
            .into_iter()
            .flatten()
            .map(|b| format!(", {b}"));
        table.push(format!(
            "[\"{path}\", \"./{file}\"{}]",
            bundles.collect::<String>()
        ));
    }
    let helpers = format!(
        "const chunkBundleFiles = [{}];\nconst chunkRoutes = [{}];\n{BUNDLED}",
        names.join(", "),
        table.join(", ")
    );
    let first = ["sliceLoad(", "bundledChunk("]
        .iter()
        .filter_map(|call| loader.find(call))
        .min()
        .map_or(loader.len(), |at| {
            loader[..at].rfind('\n').map_or(0, |line| line + 1)
        });
    loader.insert_str(first, &helpers);
    Ok((loader, files))
}

/// Trunk's inline start-up script (`import init … from '/<glue>.js'; …`) made
/// the end of the glue itself: `index.html` loads the glue as its module
/// script, which waits for the first paint (`wait`, see
/// [`crate::build::paint_first`]) and starts the wasm (the glue's default
/// path, `<glue>_bg.wasm` beside it). One request fewer on every first load
/// than a start-up file of its own, and no preload link for the glue.
/// Returns `index.html` with the glue's `<script>` (and its integrity) in
/// place of the inline script and without the preload, the glue's file name
/// and its new text.
pub fn start_in_glue(
    html: &str,
    read_glue: impl FnOnce(&str) -> Result<String, String>,
    wait: &str,
) -> Result<(String, String, String), String> {
    let import = html
        .find("import init, * as bindings from '/")
        .ok_or("index.html has no start-up script that imports the glue")?;
    let name_at = import + "import init, * as bindings from '/".len();
    let name = html[name_at..]
        .split('\'')
        .next()
        .filter(|n| n.ends_with(".js") && !n.contains(['/', '"', ' ']))
        .ok_or("index.html's start-up script imports no glue file")?
        .to_string();
    let start = html[..import]
        .rfind("<script")
        .ok_or("index.html's start-up script has no <script> tag")?;
    let end = import
        + html[import..]
            .find("</script>")
            .ok_or("index.html's start-up script is not closed")?
        + "</script>".len();
    let glue = read_glue(&name)?;
    if !glue.contains("__wbg_init as default") {
        return Err(format!("{name} does not define __wbg_init"));
    }
    let glue = format!("{}\n{wait}\nawait __wbg_init();\n", glue.trim_end());
    let script = format!(
        "<script type=\"module\" src=\"/{name}\" integrity=\"{}\"></script>",
        crate::build::sri_sha384(glue.as_bytes())
    );
    let html = format!("{}{script}{}", &html[..start], &html[end..]);
    let glue_file = format!("/{name}");
    let html = crate::build::drop_links(&html, |tag| {
        tag.contains("modulepreload") && tag.contains(&glue_file)
    })?;
    Ok((html, name, glue))
}

/// The glue with the chunk loader in it, in place of its imports of the
/// loader's file (`loader_file`, which wasm-bindgen imports as a namespace,
/// once per split point). The loader's exports become an object of that name;
/// its own import of `initSync` from the glue goes, the glue defines it.
pub fn inline_loader(glue: &str, loader: &str, loader_file: &str) -> Result<String, String> {
    let import_line = |line: &str| {
        line.strip_prefix("import * as ")
            .and_then(|rest| rest.strip_suffix(&format!(" from \"./{loader_file}\"")))
            .or_else(|| {
                line.strip_prefix("import * as ")
                    .and_then(|rest| rest.strip_suffix(&format!(" from \"./{loader_file}\";")))
            })
            .map(str::to_string)
    };
    let namespaces: Vec<String> = glue.lines().filter_map(import_line).collect();
    if namespaces.is_empty() {
        return Err(format!("the glue does not import {loader_file}"));
    }
    let mut exports = Vec::new();
    let mut body = String::new();
    for line in loader.lines() {
        if line.starts_with("import { initSync } from ") {
            continue;
        }
        match line.strip_prefix("export const ") {
            Some(rest) => {
                let name = rest.split([' ', '=']).next().unwrap_or_default();
                exports.push(name.to_string());
                body.push_str("const ");
                body.push_str(rest);
            }
            None if line.starts_with("export ") || line.starts_with("import ") => {
                return Err(format!("the chunk loader has an unexpected line: {line}"));
            }
            None => body.push_str(line),
        }
        body.push('\n');
    }
    for name in [
        "makeLoad",
        "wrapAsyncCb",
        "getSharedImports",
        "sharedImports",
        "chunkBundles",
        "chunkBundleFiles",
        "chunkBundleEnds",
        "chunkRoutes",
        "preloadRoute",
        "bundledChunk",
        "sliceLoad",
    ] {
        if [
            format!("function {name}("),
            format!("let {name} "),
            format!("const {name} "),
        ]
        .iter()
        .any(|d| glue.contains(d.as_str()))
        {
            return Err(format!("the glue already defines {name}"));
        }
    }
    let mut out: String = glue
        .lines()
        .filter(|line| import_line(line).is_none())
        .flat_map(|line| [line, "\n"])
        .collect();
    out.push_str(&body);
    let object = format!("{{ {} }}", exports.join(", "));
    for namespace in namespaces {
        out.push_str(&format!("const {namespace} = {object};\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_up_script_becomes_the_end_of_the_glue() {
        let html = "<head><link crossorigin href=/app-1.js integrity=sha384-old rel=modulepreload><link href=/main.css rel=stylesheet><script type=\"module\">\nimport init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\nwindow.wasmBindings = bindings;\n</script></head><body></body>";
        let glue = "export function f() {}\nexport { initSync, __wbg_init as default };\n";
        let (out, name, new_glue) =
            start_in_glue(html, |n| Ok(format!("{glue}// {n}")), "await painted;").unwrap();
        assert_eq!(name, "app-1.js");
        assert!(new_glue.ends_with("// app-1.js\nawait painted;\nawait __wbg_init();\n"));
        let sri = crate::build::sri_sha384(new_glue.as_bytes());
        assert_eq!(
            out,
            format!(
                "<head><link href=/main.css rel=stylesheet><script type=\"module\" src=\"/app-1.js\" integrity=\"{sri}\"></script></head><body></body>"
            )
        );
        let no_start = "<head><script src=/route.js></script></head>";
        assert!(start_in_glue(no_start, |_| Ok(glue.into()), "").is_err());
        assert!(start_in_glue(html, |_| Ok("export default 1;".into()), "").is_err());
    }

    fn fetcher(name: &str) -> String {
        format!(
            "const __{name} = makeLoad(() => {{\n    const src = fetch(new URL(\"./{name}.wasm\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, []);\n"
        )
    }

    /// An area's loader as wasm-split-cli writes it, needing `deps`.
    fn area(name: &str, deps: &[&str]) -> String {
        format!(
            "export const __wasm_split_load_{name} = wrapAsyncCb(makeLoad(() => {{\n    const src = fetch(new URL(\"./split_{name}.wasm\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, [{}]));\n",
            deps.join(", ")
        )
    }

    #[test]
    fn chunks_come_from_slices_of_a_bundle_per_group_of_areas() {
        let loader = [
            fetcher("chunk_1"),
            fetcher("chunk_2"),
            fetcher("chunk_3"),
            fetcher("chunk_4"),
            area("account", &["__chunk_1", "__chunk_2"]),
            area("staff", &["__chunk_2", "__chunk_3"]),
            area("register", &["__chunk_3"]),
        ]
        .concat();
        // In another order than the loader's: the bundles follow the loader.
        let chunks = vec![
            ("chunk_2.wasm".to_string(), vec![4, 5]),
            ("chunk_1.wasm".to_string(), vec![1, 2, 3]),
            ("chunk_4.wasm".to_string(), vec![7, 8]),
            ("chunk_3.wasm".to_string(), vec![6]),
        ];
        // The code account shares with staff goes with account's; the
        // middle group needs none (no file); what only the staff's areas
        // share, or no area names, goes last.
        let routes = [("/sign-in", "account"), ("/staff", "staff")];
        let (out, files) =
            bundle(&loader, &chunks, &[&["account"], &["feedback"]], &routes).unwrap();
        let first = hashed_name("chunks.bin", &[1, 2, 3, 4, 5]);
        let last = hashed_name("chunks.bin", &[6, 7, 8]);
        assert_eq!(
            files,
            [
                (first.clone(), vec![1, 2, 3, 4, 5]),
                (last.clone(), vec![6, 7, 8])
            ]
        );
        for slice in [
            "const __chunk_1 = sliceLoad(0, 3);\n",
            "const __chunk_2 = sliceLoad(0, 2);\n",
            "const __chunk_3 = sliceLoad(1, 1);\n",
            "const __chunk_4 = sliceLoad(1, 2);\n",
        ] {
            assert!(out.contains(slice), "{slice} in {out}");
        }
        // The helpers come before the first chunk's loader, which runs them.
        // Each route preloads its area's file and the bundles the area needs.
        assert!(out.starts_with(&format!(
            "const chunkBundleFiles = [\"./{first}\", \"./{last}\"];\nconst chunkRoutes = [[\"/sign-in\", \"./split_account.wasm\", 0], [\"/staff\", \"./split_staff.wasm\", 0, 1]];\nconst chunkBundles = [];\n"
        )), "{out}");
        let missing = [("/plan", "my_plan")];
        assert!(bundle(&loader, &chunks, GROUPS, &missing).is_err());
        assert!(out.contains("function sliceLoad(b, length) {\n    const start = chunkBundleEnds[b] ?? 0;\n    chunkBundleEnds[b] = start + length;\n    return makeLoad(() => {\n        const src = bundledChunk(b, start, start + length);\n        return async (imports) => WebAssembly.instantiate(await src, imports);"));
        assert!(out.contains("fetch(new URL(chunkBundleFiles[b], import.meta.url))"));
        assert!(!out.contains("chunk_1.wasm") && !out.contains("chunk_4.wasm"));
        assert!(
            out.contains("fetch(new URL(\"./split_staff.wasm\""),
            "areas stay files of their own"
        );
    }

    #[test]
    fn a_chunk_needed_through_another_goes_with_the_area_that_needs_that() {
        let loader = [
            fetcher("chunk_1").replace(", []);", ", [__chunk_2]);"),
            fetcher("chunk_2"),
            area("staff", &["__chunk_2"]),
            area("home", &["__chunk_1"]),
        ]
        .concat();
        let chunks = vec![
            ("chunk_1.wasm".to_string(), vec![1]),
            ("chunk_2.wasm".to_string(), vec![2]),
        ];
        let (out, files) = bundle(&loader, &chunks, &[&["home"]], &[]).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].1, [2, 1]);
        assert!(
            out.contains("const __chunk_2 = sliceLoad(0, 1);\n"),
            "{out}"
        );
    }

    #[test]
    fn the_loader_goes_into_the_glue() {
        let glue = "import * as import1 from \"./__wasm_split.js\"\nimport * as import2 from \"./__wasm_split.js\"\nfunction initSync(m) {}\nconst imports = { \"./__wasm_split.js\": import1, \"./__wasm_split.js\": import2 };\nexport { initSync };\n";
        let loader = "import { initSync } from \"./lotsen.js\";\nfunction makeLoad(f, d) {}\nexport const __wasm_split_load_a = makeLoad(1, []);\nexport const __wasm_split_load_b = makeLoad(2, []);\n";
        let out = inline_loader(glue, loader, "__wasm_split.js").unwrap();
        assert!(!out.contains("import "), "{out}");
        assert!(out.starts_with("function initSync(m) {}\n"), "{out}");
        assert!(out.contains("const __wasm_split_load_a = makeLoad(1, []);\n"));
        assert!(out.ends_with("const import1 = { __wasm_split_load_a, __wasm_split_load_b };\nconst import2 = { __wasm_split_load_a, __wasm_split_load_b };\n"), "{out}");
        assert!(inline_loader("no imports", loader, "__wasm_split.js").is_err());
        let clash = format!("{glue}function makeLoad() {{}}\n");
        assert!(inline_loader(&clash, loader, "__wasm_split.js").is_err());
    }

    #[test]
    fn a_chunk_that_needs_others_keeps_its_loader() {
        let loader = [
            fetcher("chunk_1").replace(", []);", ", [__chunk_0]);"),
            fetcher("chunk_0"),
        ]
        .concat();
        let chunks = vec![
            ("chunk_1.wasm".to_string(), vec![1, 2]),
            ("chunk_0.wasm".to_string(), vec![3]),
        ];
        let (out, files) = bundle(&loader, &chunks, GROUPS, &[]).unwrap();
        // Its slice comes after those that `sliceLoad` counts.
        assert_eq!(files[0].1, [3, 1, 2]);
        assert!(
            out.contains("const __chunk_0 = sliceLoad(0, 1);\n"),
            "{out}"
        );
        assert!(out.contains("const src = bundledChunk(0, 1, 3);\n    return async (imports) => WebAssembly.instantiate(await src, imports);\n}\n, [__chunk_0]);"), "{out}");
    }

    #[test]
    fn a_loader_of_another_shape_is_an_error() {
        let chunks = vec![("chunk_1.wasm".to_string(), vec![1])];
        assert!(bundle("fetch(\"chunk_1.wasm\")", &chunks, GROUPS, &[]).is_err());
    }

    /// The area of `path` in `routes`, as `preloadRoute` finds it.
    fn route_area<'a>(routes: &[(&str, &'a str)], path: &str) -> Option<&'a str> {
        routes
            .iter()
            .find(|(p, _)| path == *p || path.strip_prefix(p).is_some_and(|r| r.starts_with('/')))
            .map(|(_, area)| *area)
    }

    /// Every route of src/lib.rs whose page is in a chunk finds that
    /// chunk's area in [`ROUTES`], and the start page none.
    #[test]
    fn the_preloaded_areas_are_the_routes_chunks() {
        let root = crate::root();
        let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
        let (lib, chunks) = (read("src/lib.rs"), read("src/chunks.rs"));
        // `Page::A | Page::B => Chunk::C` in `Page::chunk`, C in snake case
        // as wasm_split names the area.
        let mut area_of = BTreeMap::new();
        let body = chunks
            .split("pub fn chunk(self) -> Chunk {")
            .nth(1)
            .unwrap();
        let body = body.split("\n    }\n").next().unwrap();
        let mut pages = Vec::new();
        for token in body.split(|c: char| c.is_whitespace() || "{},|".contains(c)) {
            if let Some(page) = token.strip_prefix("Page::") {
                pages.push(page.to_string());
            } else if let Some(chunk) = token.strip_prefix("Chunk::") {
                let mut area = String::new();
                for (i, c) in chunk.chars().enumerate() {
                    if c.is_uppercase() && i > 0 {
                        area.push('_');
                    }
                    area.push(c.to_ascii_lowercase());
                }
                for page in pages.drain(..) {
                    area_of.insert(page, area.clone());
                }
            }
        }
        let mut routes = 0;
        for line in lib.lines() {
            let Some((_, rest)) = line.split_once("<Route path=path!(\"") else {
                continue;
            };
            let path = rest.split('"').next().unwrap();
            let path = path.trim_end_matches("/*rest").replace(":id", "1");
            let page = line
                .split_once("<Lazy page=Page::")
                .map(|(_, p)| p.split(' ').next().unwrap().to_string());
            let want = page.map(|p| area_of[&p].as_str());
            assert_eq!(route_area(ROUTES, &path), want, "{path}");
            routes += 1;
        }
        assert!(
            routes > 15 && area_of.len() > 15,
            "{routes} routes, {area_of:?}"
        );
        assert_eq!(route_area(ROUTES, "/schedule/week"), Some("schedule"));
        assert_eq!(
            route_area(ROUTES, "/booking/staff/week"),
            Some("booking_staff")
        );
        assert_eq!(route_area(ROUTES, "/schedules"), None);
    }
}
