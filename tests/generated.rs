//! The declarations generated from the error table in `src/error.rs`: the TypeScript code union
//! and details (`pkg/error-codes.d.ts`), the WIT `types` interface (in `wit/healthauth.wit`) and
//! the component's code mapping (`bindings/component/src/error_code.rs`).
//! This test fails when either is stale; `HEALTHAUTH_BLESS=1 cargo test --test generated`
//! rewrites them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::PathBuf;

use healthauth::error::{DetailKind, ErrorSpec};
use healthauth::Error;

const HEADER: &str =
    "Generated from the error table in src/error.rs by tests/generated.rs: do not edit.\n\
Regenerate with `HEALTHAUTH_BLESS=1 cargo test --test generated`.";
const WIT_BEGIN: &str = "// ---- generated from src/error.rs: begin ----\n";
const WIT_END: &str = "// ---- generated from src/error.rs: end ----\n";

fn path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn kebab(code: &str) -> String {
    code.trim_start_matches("ERR_")
        .to_lowercase()
        .replace('_', "-")
}

/// Documentation lines (from `///` docs: each line starts with a space) with a prefix.
fn doc_lines(doc: &str, prefix: &str) -> String {
    doc.lines()
        .map(|line| format!("{prefix}{}\n", line.trim_end()))
        .collect()
}

fn typescript(table: &[ErrorSpec]) -> String {
    let mut out = String::new();
    for line in HEADER.lines() {
        writeln!(out, "// {line}").unwrap();
    }
    out.push_str("\n/** Every stable error code a `HealthAuthError` can carry. */\nexport type HealthAuthErrorCode =\n");
    for spec in table {
        writeln!(out, "  | \"{}\"", spec.code).unwrap();
    }
    out.pop();
    out.push_str(";\n\n/** The structured details of each code (`error.details`). */\nexport interface HealthAuthErrorDetails {\n");
    for spec in table {
        out.push_str("  /**\n");
        out.push_str(&doc_lines(spec.doc, "   *"));
        out.push_str("   */\n");
        if spec.fields.is_empty() {
            writeln!(out, "  {}: Record<string, never>;", spec.code).unwrap();
            continue;
        }
        writeln!(out, "  {}: {{", spec.code).unwrap();
        for field in spec.fields {
            let doc: Vec<&str> = field.doc.lines().map(str::trim).collect();
            writeln!(out, "    /** {} */", doc.join(" ")).unwrap();
            let ty = match field.kind {
                DetailKind::Text => "string",
                DetailKind::Integer => "number",
            };
            let optional = if field.optional { "?" } else { "" };
            writeln!(out, "    {}{optional}: {ty};", camel(field.name)).unwrap();
        }
        out.push_str("  };\n");
    }
    out.push_str("}\n");
    out
}

fn wit(table: &[ErrorSpec]) -> String {
    let mut out = String::from(WIT_BEGIN);
    for line in HEADER.lines() {
        writeln!(out, "// {line}").unwrap();
    }
    for line in [
        "/// What every interface shares: the error a call fails with.",
        "interface types {",
        "    /// Every stable error code: the npm package's and the Rust crate's `ERR_...` codes, without",
        "    /// `ERR_` and in kebab case (`ERR_PKCE_VERIFIER_LENGTH` is `pkce-verifier-length`).",
        "    enum error-code {",
    ] {
        writeln!(out, "{line}").unwrap();
    }
    for spec in table {
        out.push_str(&doc_lines(spec.doc, "        ///"));
        writeln!(out, "        {},", kebab(spec.code)).unwrap();
    }
    for line in [
        "    }",
        "",
        "    /// A failure: its code, a message that never contains a secret, and its details (each",
        "    /// field of the error by its snake_case name, with its value as text).",
        "    record error {",
        "        code: error-code,",
        "        message: string,",
        "        details: list<tuple<string, string>>,",
        "    }",
        "}",
    ] {
        writeln!(out, "{line}").unwrap();
    }
    out.push_str(WIT_END);
    out
}

/// `pkce-verifier-length` as wit-bindgen names the Rust enum case: `PkceVerifierLength`.
fn wit_case(code: &str) -> String {
    kebab(code)
        .split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

fn component_mapping(table: &[ErrorSpec]) -> String {
    let mut out = String::new();
    for line in HEADER.lines() {
        writeln!(out, "// {line}").unwrap();
    }
    out.push_str(
        "\nuse crate::generated::exports::healthauth::auth::types::ErrorCode;\n\n\
/// The WIT `error-code` of a core error code.\n\
pub(crate) fn error_code(code: &str) -> ErrorCode {\n    match code {\n",
    );
    for spec in table {
        writeln!(
            out,
            "        \"{}\" => ErrorCode::{},",
            spec.code,
            wit_case(spec.code)
        )
        .unwrap();
    }
    out.push_str(
        "        // Unreachable: both sides are generated from one table, and this file is checked.\n        _ => ErrorCode::InvalidArgument,\n    }\n}\n",
    );
    out
}

fn check(relative: &str, current: &str, expected: &str) {
    if current == expected {
        return;
    }
    if std::env::var_os("HEALTHAUTH_BLESS").is_some() {
        std::fs::write(path(relative), expected).unwrap();
        return;
    }
    panic!(
        "{relative} is stale: regenerate it with `HEALTHAUTH_BLESS=1 cargo test --test generated`"
    );
}

#[test]
fn typescript_declarations_match_the_error_table() {
    let relative = "pkg/error-codes.d.ts";
    let current = std::fs::read_to_string(path(relative)).unwrap_or_default();
    check(relative, &current, &typescript(Error::TABLE));
}

#[test]
fn wit_types_match_the_error_table() {
    let relative = "wit/healthauth.wit";
    let current = std::fs::read_to_string(path(relative)).unwrap();
    let generated = wit(Error::TABLE);
    let expected = match (current.find(WIT_BEGIN), current.find(WIT_END)) {
        (Some(begin), Some(end)) if begin < end => {
            format!(
                "{}{generated}{}",
                &current[..begin],
                &current[end + WIT_END.len()..]
            )
        }
        _ => panic!("{relative} has no generated block ({WIT_BEGIN:?} ... {WIT_END:?})"),
    };
    check(relative, &current, &expected);
}

#[test]
fn the_component_mapping_matches_the_error_table() {
    let relative = "bindings/component/src/error_code.rs";
    let current = std::fs::read_to_string(path(relative)).unwrap_or_default();
    check(relative, &current, &component_mapping(Error::TABLE));
}

#[test]
fn the_readme_documents_every_code() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let missing: Vec<&str> = Error::CODES
        .iter()
        .copied()
        .filter(|code| !readme.contains(code))
        .collect();
    assert!(missing.is_empty(), "README.md does not mention {missing:?}");
}
