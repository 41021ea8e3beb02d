//! Short names for the functions the first-load wasm imports from its JS glue.
//!
//! wasm-bindgen names each import after the JS it wraps plus a 16-digit hash
//! (`__wbg_createElement_8c9931a732ee2fea`) and the module after the glue's
//! file (`./lotsen-<hash>_bg.js`). Those names are written twice, in the wasm's
//! import section and as the keys of the glue's import object, and the
//! hashes do not compress: renaming them `a`, `b`, … `ba`, … and the module
//! `a` in both files takes about 4.6 KB brotli off the first load (measured
//! on 191 imports: the wasm 137,754 -> 135,028 bytes, the glue 8,431 -> 6,508).
//! The chunks import only from the main module (`__wasm_split`), which keeps
//! its names.

use crate::Result;

/// `wasm` and `js` (wasm-bindgen's glue after [`crate::build::strip_js`]) with
/// every import of `module` renamed, in both.
pub fn shorten(wasm: &[u8], js: &str, module: &str) -> Result<(Vec<u8>, String)> {
    let mut names: Vec<(String, String)> = Vec::new();
    let wasm = rename_imports(wasm, |m, field| {
        if m != module {
            return None;
        }
        let short = match names.iter().find(|(long, _)| long == field) {
            Some((_, short)) => short.clone(),
            None => {
                let short = short_name(names.len());
                names.push((field.to_string(), short.clone()));
                short
            }
        };
        Some(("a".to_string(), short))
    })?;
    let mut js = js.to_string();
    for (long, short) in &names {
        // The glue's import object, one key a line: `name: function(…`.
        let key = format!("\n{long}: function(");
        if js.matches(&key).count() != 1 {
            return Err(format!(
                "the glue defines the import {long} not exactly once"
            ));
        }
        js = js.replacen(&key, &format!("\n{short}: function("), 1);
    }
    let object = format!("\n\"{module}\": import0,");
    if js.matches(&object).count() != 1 {
        return Err(format!(
            "the glue's imports name the module {module} not exactly once"
        ));
    }
    Ok((wasm, js.replacen(&object, "\na: import0,", 1)))
}

/// The `n`th short name: `a` … `z`, `A` … `Z`, then `aa`, `ab`, ….
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
        if n == 0 {
            break;
        }
        n -= 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// `wasm` with its import section rewritten: `rename(module, field)` gives
/// an import its new module and field name, or `None` to keep them.
fn rename_imports(
    wasm: &[u8],
    mut rename: impl FnMut(&str, &str) -> Option<(String, String)>,
) -> Result<Vec<u8>> {
    rewrite_section(wasm, 2, |body| import_section(body, &mut rename))
}

/// `wasm` with the body of its section `id` (if it has one) replaced by
/// `rewrite(body)`.
pub fn rewrite_section(
    wasm: &[u8],
    id: u8,
    mut rewrite: impl FnMut(&[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    if wasm.get(..8) != Some(b"\0asm\x01\0\0\0".as_slice()) {
        return Err("not a wasm module (version 1)".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let section = wasm[at];
        let (len, start) = leb(wasm, at + 1)?;
        let body = wasm
            .get(start..start + len as usize)
            .ok_or("a wasm section runs past the end")?;
        at = start + len as usize;
        let body = if section == id {
            rewrite(body)?
        } else {
            body.to_vec()
        };
        out.push(section);
        put_leb(&mut out, body.len() as u64);
        out.extend_from_slice(&body);
    }
    Ok(out)
}

/// The import section's new body.
fn import_section(
    body: &[u8],
    rename: &mut impl FnMut(&str, &str) -> Option<(String, String)>,
) -> Result<Vec<u8>> {
    let (count, mut at) = leb(body, 0)?;
    let mut out = Vec::new();
    put_leb(&mut out, count);
    for _ in 0..count {
        let (module, next) = name(body, at)?;
        let (field, next) = name(body, next)?;
        let end = skip_import_desc(body, next)?;
        let (module, field) = rename(module, field).unwrap_or((module.into(), field.into()));
        for text in [&module, &field] {
            put_leb(&mut out, text.len() as u64);
            out.extend_from_slice(text.as_bytes());
        }
        out.extend_from_slice(&body[next..end]);
        at = end;
    }
    if at != body.len() {
        return Err("the wasm import section has bytes after its last import".into());
    }
    Ok(out)
}

/// A length-prefixed UTF-8 name at `at`, and where the next field starts.
pub fn name(bytes: &[u8], at: usize) -> Result<(&str, usize)> {
    let (len, start) = leb(bytes, at)?;
    let end = start + len as usize;
    let text = bytes
        .get(start..end)
        .ok_or("a wasm name runs past the end")?;
    let text = std::str::from_utf8(text).map_err(|e| format!("a wasm name: {e}"))?;
    Ok((text, end))
}

/// Where the import description at `at` (kind and type) ends.
fn skip_import_desc(bytes: &[u8], at: usize) -> Result<usize> {
    let kind = *bytes.get(at).ok_or("a wasm import ends early")?;
    let limits = |at: usize| -> Result<usize> {
        let flags = *bytes.get(at).ok_or("wasm limits end early")?;
        let (_, at) = leb(bytes, at + 1)?;
        if flags & 1 == 1 {
            Ok(leb(bytes, at)?.1)
        } else {
            Ok(at)
        }
    };
    match kind {
        0 => Ok(leb(bytes, at + 1)?.1), // function: its type index
        1 => limits(at + 2),            // table: element type, limits
        2 => limits(at + 1),            // memory: limits
        3 => Ok(at + 3),                // global: value type, mutability
        _ => Err(format!("unknown wasm import kind {kind}")),
    }
}

/// The unsigned LEB128 number at `at`, and where the next field starts.
pub fn leb(bytes: &[u8], mut at: usize) -> Result<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = *bytes.get(at).ok_or("a wasm number runs past the end")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok((value, at));
        }
        shift += 7;
        if shift > 63 {
            return Err("a wasm number is too long".into());
        }
    }
}

pub fn put_leb(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with a type section and `imports` (module, field, function).
    fn module(imports: &[(&str, &str)]) -> Vec<u8> {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        // One type: () -> ().
        wasm.extend_from_slice(&[1, 4, 1, 0x60, 0, 0]);
        let mut body = Vec::new();
        put_leb(&mut body, imports.len() as u64);
        for (m, f) in imports {
            for text in [m, f] {
                put_leb(&mut body, text.len() as u64);
                body.extend_from_slice(text.as_bytes());
            }
            body.extend_from_slice(&[0, 0]);
        }
        // A memory import too, with limits min 1 max 2.
        body[0] += 1;
        body.extend_from_slice(&[3, b'e', b'n', b'v', 6]);
        body.extend_from_slice(b"memory");
        body.extend_from_slice(&[2, 1, 1, 2]);
        wasm.push(2);
        put_leb(&mut wasm, body.len() as u64);
        wasm.extend_from_slice(&body);
        wasm
    }

    #[test]
    fn renames_the_glues_imports_in_both_files() {
        let long = "__wbg_createElement_8c9931a732ee2fea";
        let wasm = module(&[
            ("./app_bg.js", long),
            ("./__wasm_split.js", "load"),
            ("./app_bg.js", "__wbindgen_throw"),
        ]);
        let js = format!(
            "function __wbg_get_imports() {{\nconst import0 = {{\n__proto__: null,\n{long}: function(arg0) {{\nreturn 1;\n}},\n__wbindgen_throw: function(arg0, arg1) {{\nthrow 1;\n}},\n}};\nreturn {{\n__proto__: null,\n\"./app_bg.js\": import0,\n\"./__wasm_split.js\": import1,\n}};\n}}\n"
        );
        let (short_wasm, short_js) = shorten(&wasm, &js, "./app_bg.js").unwrap();
        let expected = module(&[("a", "a"), ("./__wasm_split.js", "load"), ("a", "b")]);
        assert_eq!(short_wasm, expected);
        assert!(short_js.contains("\na: function(arg0) {\nreturn 1;"));
        assert!(short_js.contains("\nb: function(arg0, arg1) {\nthrow 1;"));
        assert!(short_js.contains("\na: import0,\n\"./__wasm_split.js\": import1,"));
        assert!(!short_js.contains(long));
    }

    #[test]
    fn refuses_a_glue_that_lacks_an_import() {
        let wasm = module(&[("./app_bg.js", "__wbg_x_0123")]);
        let js = "const import0 = {\n};\nreturn {\n\"./app_bg.js\": import0,\n};\n";
        assert!(shorten(&wasm, js, "./app_bg.js").is_err());
    }

    #[test]
    fn short_names_count_on_after_z() {
        assert_eq!(short_name(0), "a");
        assert_eq!(short_name(51), "Z");
        assert_eq!(short_name(52), "aa");
        assert_eq!(short_name(53), "ab");
        assert_eq!(short_name(52 + 52 * 52), "aaa");
    }
}
