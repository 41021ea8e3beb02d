//! JS classes that wasm-bindgen exports from the first-load wasm although
//! nothing uses them, taken out of the wasm and the glue.
//!
//! Leptos turns on `server_fn`'s `browser` feature, which links `wasm-streams`;
//! its `#[wasm_bindgen]` classes (`IntoUnderlyingSource`, …, adapters from
//! Rust streams to the browser's `ReadableStream`) are exports, so wasm-bindgen
//! keeps their code and writes a class for each into the glue. Lotsen has no
//! server functions and never hands a Rust stream to JS: dropping the exports
//! before `wasm-opt` lets it remove the code behind them (measured: the first
//! load 1.1 KB brotli smaller, wasm and glue together).

use crate::Result;
use crate::imports::{leb, name, put_leb, rewrite_section};

/// The classes nothing in Lotsen uses (all from `wasm-streams`).
pub const UNUSED: &[&str] = &[
    "IntoUnderlyingByteSource",
    "IntoUnderlyingSink",
    "IntoUnderlyingSource",
];

/// `wasm` (wasm-bindgen's output) without the exports behind `classes`: each
/// class's `__wbg_<class>_free` and its methods `<class>_…` (lower case).
/// Fails when a class has no export, so that a change upstream is noticed.
pub fn drop_from_wasm(wasm: &[u8], classes: &[&str]) -> Result<Vec<u8>> {
    let prefixes: Vec<(String, String)> = classes
        .iter()
        .map(|c| {
            let lower = c.to_lowercase();
            (format!("__wbg_{lower}_free"), format!("{lower}_"))
        })
        .collect();
    let mut dropped = vec![false; classes.len()];
    let wasm = rewrite_section(wasm, 7, |body| {
        let (count, mut at) = leb(body, 0)?;
        let mut kept = 0u64;
        let mut entries = Vec::new();
        for _ in 0..count {
            let (field, next) = name(body, at)?;
            // Kind (one byte) and index.
            let (_, end) = leb(body, next + 1)?;
            let class = prefixes
                .iter()
                .position(|(free, method)| field == free || field.starts_with(method.as_str()));
            match class {
                Some(i) => dropped[i] = true,
                None => {
                    kept += 1;
                    entries.extend_from_slice(&body[at..end]);
                }
            }
            at = end;
        }
        let mut out = Vec::new();
        put_leb(&mut out, kept);
        out.extend_from_slice(&entries);
        Ok(out)
    })?;
    match dropped.iter().position(|d| !d) {
        Some(i) => Err(format!(
            "the wasm exports nothing of the class {}",
            classes[i]
        )),
        None => Ok(wasm),
    }
}

/// The glue (after [`crate::build::strip_js`]) without `classes`: each class
/// (`export class X {` up to its `if (Symbol.dispose) X.…` line) and its
/// finalization registry (the three lines from `const XFinalization =`), and
/// any `__wbindgen_enum_…` constant that nothing uses any more.
pub fn drop_from_js(js: &str, classes: &[&str]) -> Result<String> {
    let mut lines: Vec<&str> = js.lines().collect();
    for class in classes {
        let start = format!("export class {class} {{");
        let end = format!("if (Symbol.dispose) {class}.prototype");
        let registry = format!("const {class}Finalization = ");
        let from = position(&lines, |l| l == start, &start)?;
        let to = from + position(&lines[from..], |l| l.starts_with(&end), &end)?;
        lines.drain(from..=to);
        let from = position(&lines, |l| l.starts_with(&registry), &registry)?;
        lines.drain(from..(from + 3).min(lines.len()));
        if lines.iter().any(|l| l.contains(class)) {
            return Err(format!("the glue still uses {class} after dropping it"));
        }
    }
    let unused_enum = |lines: &[&str], l: &str| {
        let Some(rest) = l.strip_prefix("const __wbindgen_enum_") else {
            return false;
        };
        let name = format!("__wbindgen_enum_{}", rest.split(' ').next().unwrap_or(""));
        lines.iter().filter(|l| l.contains(&name)).count() == 1
    };
    let all = lines.clone();
    lines.retain(|l| !unused_enum(&all, l));
    let mut out = lines.join("\n");
    if js.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

/// The index of the first line that `matches`, or an error naming `what`.
fn position(lines: &[&str], matches: impl Fn(&str) -> bool, what: &str) -> Result<usize> {
    lines
        .iter()
        .position(|l| matches(l))
        .ok_or_else(|| format!("the glue has no line `{what}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module exporting functions named `names` (all function 0).
    fn module(names: &[&str]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut body = Vec::new();
        put_leb(&mut body, names.len() as u64);
        for n in names {
            put_leb(&mut body, n.len() as u64);
            body.extend_from_slice(n.as_bytes());
            body.extend_from_slice(&[0, 0]);
        }
        wasm.push(7);
        put_leb(&mut wasm, body.len() as u64);
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn drops_a_classes_exports_and_keeps_the_rest() {
        let wasm = module(&["main", "__wbg_intosink_free", "intosink_write", "memory"]);
        let dropped = drop_from_wasm(&wasm, &["IntoSink"]).unwrap();
        assert_eq!(dropped, module(&["main", "memory"]));
        assert!(drop_from_wasm(&wasm, &["Other"]).is_err());
    }

    #[test]
    fn drops_a_class_its_registry_and_its_enum_from_the_glue() {
        let js = "export class IntoSink {\nfree() {\nwasm.__wbg_intosink_free(1, 0);\n}\nget type() {\nreturn __wbindgen_enum_T[0];\n}\n}\nif (Symbol.dispose) IntoSink.prototype[Symbol.dispose] = IntoSink.prototype.free;\nfunction kept() {\nreturn __wbindgen_enum_U[0];\n}\nconst __wbindgen_enum_T = [\"bytes\"];\nconst __wbindgen_enum_U = [\"a\"];\nconst IntoSinkFinalization = (typeof FinalizationRegistry === 'undefined')\n? { register: () => {}, unregister: () => {} }\n: new FinalizationRegistry(ptr => wasm.__wbg_intosink_free(ptr, 1));\nfunction addHeapObject(obj) {\n}\n";
        let out = drop_from_js(js, &["IntoSink"]).unwrap();
        assert_eq!(
            out,
            "function kept() {\nreturn __wbindgen_enum_U[0];\n}\nconst __wbindgen_enum_U = [\"a\"];\nfunction addHeapObject(obj) {\n}\n"
        );
        assert!(drop_from_js(js, &["Other"]).is_err());
    }
}
