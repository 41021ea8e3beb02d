//! The shared wasm chunks in one file.
//!
//! wasm-split-cli puts the code that several areas (src/chunks.rs) use into a
//! chunk for each set of areas that shares it: about fifty small files, which a
//! young person's phone fetched one by one (each with about 800 bytes of
//! headers; on HTTP/1.1 six at a time). The journey of issue 16 fetches nearly
//! all of them anyway, so the build puts them end to end in one file,
//! `chunks-<hash>.bin`, which the loader fetches once (the first time any area
//! needs a shared chunk) and instantiates each chunk from its slice. A failed
//! fetch is forgotten, so the next attempt (the page's retry) fetches again.

use crate::build::hashed_name;

/// The bundle's file name before hashing.
const BUNDLE: &str = "chunks.bin";

/// The function the rewritten loader calls instead of `fetch` for a chunk: a
/// promise of the chunk's bytes (the bundle is fetched once; a failure is
/// forgotten, so that a retry fetches it again).
const BUNDLED: &str = r#"let chunkBundle = undefined;
function bundledChunk(start, end) {
    if (chunkBundle === undefined) {
        const load = fetch(new URL("./BUNDLE_FILE", import.meta.url)).then((r) => {
            if (!r.ok) throw new Error("chunk bundle: HTTP " + r.status);
            return r.arrayBuffer();
        });
        load.catch(() => { if (chunkBundle === load) chunkBundle = undefined; });
        chunkBundle = load;
    }
    const bytes = chunkBundle.then((all) => new Uint8Array(all, start, end - start));
    bytes.catch(() => {});
    return bytes;
}
"#;

/// Puts `chunks` (file name as the loader names it, bytes) end to end and
/// rewrites the loader to take each from the bundle. Returns the loader, the
/// bundle's hashed file name and its bytes. Errors if the loader does not
/// fetch a chunk the way wasm-split-cli 0.2 writes it.
pub fn bundle(
    loader: &str,
    chunks: &[(String, Vec<u8>)],
) -> Result<(String, String, Vec<u8>), String> {
    let mut bytes = Vec::new();
    let mut loader = loader.to_string();
    for (name, chunk) in chunks {
        let start = bytes.len();
        bytes.extend_from_slice(chunk);
        let fetch = format!(
            "fetch(new URL(\"./{name}\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));"
        );
        if !loader.contains(&fetch) {
            return Err(format!(
                "the chunk loader does not fetch {name} as expected"
            ));
        }
        let from_bundle = format!(
            "bundledChunk({start}, {});\n    return async (imports) => WebAssembly.instantiate(await src, imports);",
            bytes.len()
        );
        loader = loader.replace(&fetch, &from_bundle);
    }
    let name = hashed_name(BUNDLE, &bytes);
    loader.push_str(&BUNDLED.replace("BUNDLE_FILE", &name));
    Ok((loader, name, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetcher(name: &str) -> String {
        format!(
            "const __{name} = makeLoad(() => {{\n    const src = fetch(new URL(\"./{name}.wasm\", import.meta.url));\n    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));\n}}\n, []);\n"
        )
    }

    #[test]
    fn chunks_come_from_slices_of_one_file() {
        let loader = format!(
            "{}{}{}",
            fetcher("chunk_1"),
            fetcher("chunk_2"),
            fetcher("split_a")
        );
        let chunks = vec![
            ("chunk_1.wasm".to_string(), vec![1, 2, 3]),
            ("chunk_2.wasm".to_string(), vec![4, 5]),
        ];
        let (out, name, bytes) = bundle(&loader, &chunks).unwrap();
        assert_eq!(bytes, [1, 2, 3, 4, 5]);
        assert_eq!(name, hashed_name("chunks.bin", &bytes));
        assert!(out.contains("const src = bundledChunk(0, 3);\n    return async (imports) => WebAssembly.instantiate(await src, imports);"));
        assert!(out.contains("const src = bundledChunk(3, 5);"));
        assert!(!out.contains("chunk_1.wasm") && !out.contains("chunk_2.wasm"));
        assert!(
            out.contains("fetch(new URL(\"./split_a.wasm\""),
            "areas stay files of their own"
        );
        assert!(out.contains(&format!("fetch(new URL(\"./{name}\", import.meta.url))")));
    }

    #[test]
    fn a_loader_of_another_shape_is_an_error() {
        let chunks = vec![("chunk_1.wasm".to_string(), vec![1])];
        assert!(bundle("fetch(\"chunk_1.wasm\")", &chunks).is_err());
    }
}
