//! The TypeScript written next to each binding names exactly the options the binding accepts:
//! every options type is compared with the list its call hands `Options::new`, so that neither
//! can gain, lose or misspell a member without the other (the JS tests check the exports and
//! that each declared option is accepted at run time).
#![allow(clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeSet;

use super::{discovery, jose, oauth, pkce, webhook};

/// A module's TypeScript: the raw strings of its `typescript_custom_section` constants.
fn sections(source: &str) -> String {
    let mut out = String::new();
    let mut rest = source;
    while let Some(at) = rest.find("#[wasm_bindgen(typescript_custom_section)]") {
        rest = &rest[at..];
        let start = rest.find("r#\"").expect("a raw string") + 3;
        let end = start + rest[start..].find("\"#").expect("its end");
        out.push_str(&rest[start..end]);
        out.push('\n');
        rest = &rest[end..];
    }
    out
}

/// The text without its `/* */` and `//` comments.
fn without_comments(ts: &str) -> String {
    let mut out = String::new();
    let mut rest = ts;
    loop {
        let block = rest.find("/*");
        let line = rest.find("//");
        match (block, line) {
            (Some(b), l) if l.is_none_or(|l| b < l) => {
                out.push_str(&rest[..b]);
                let end = rest[b..].find("*/").expect("a closed comment") + b + 2;
                rest = &rest[end..];
            }
            (_, Some(l)) => {
                out.push_str(&rest[..l]);
                rest = &rest[l..];
                rest = &rest[rest.find('\n').unwrap_or(rest.len())..];
            }
            _ => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

/// The names of the members (properties and methods) at the top level of the object types in
/// `body`.
fn top_level_names(body: &str) -> BTreeSet<String> {
    let (mut braces, mut parens, mut brackets) = (0i32, 0i32, 0i32);
    let mut names = BTreeSet::new();
    let chars: Vec<char> = body.chars().collect();
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '$';
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '{' => braces += 1,
            '}' => braces -= 1,
            '(' => parens += 1,
            ')' => parens -= 1,
            '[' => brackets += 1,
            ']' => brackets -= 1,
            c if braces == 1
                && parens == 0
                && brackets == 0
                && ident(c)
                && (i == 0 || !ident(chars[i - 1])) =>
            {
                let start = i;
                while i < chars.len() && ident(chars[i]) {
                    i += 1;
                }
                let name: String = chars[start..i].iter().collect();
                let next = if chars.get(i) == Some(&'?') { i + 1 } else { i };
                if matches!(chars.get(next), Some(':' | '(')) {
                    names.insert(name);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    names
}

/// Where the declaration that starts at `body` ends: after its first object type's closing
/// brace (an interface), or at the first `;` outside braces (a type alias).
fn declaration_end(body: &str, interface: bool) -> usize {
    let mut depth = 0;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 && interface {
                    return i + 1;
                }
            }
            ';' if depth == 0 => return i,
            _ => {}
        }
    }
    body.len()
}

/// The members of the interface `name` (with those of the interfaces it extends) or of the
/// object types of the type alias `name`.
fn members(ts: &str, name: &str) -> BTreeSet<String> {
    let ts = without_comments(ts);
    for (keyword, open) in [("interface", '{'), ("type", '=')] {
        let Some(at) = [" ", "<", "{", "="]
            .iter()
            .find_map(|after| ts.find(&format!("export {keyword} {name}{after}")))
        else {
            continue;
        };
        let header_end = at + ts[at..].find(open).expect("a body");
        let mut out = BTreeSet::new();
        if let Some(bases) = ts[at..header_end].split(" extends ").nth(1) {
            for base in bases.split(',').map(str::trim) {
                out.extend(members(&ts, base));
            }
        }
        let body = &ts[header_end..];
        out.extend(top_level_names(
            &body[..declaration_end(body, keyword == "interface")],
        ));
        return out;
    }
    panic!("no declaration of {name}");
}

/// The options type `name` declares exactly `accepted`.
fn check(ts: &str, name: &str, accepted: &[&str]) {
    let declared = members(ts, name);
    let accepted: BTreeSet<String> = accepted.iter().map(|s| (*s).to_owned()).collect();
    let refused: Vec<&String> = declared.difference(&accepted).collect();
    let undeclared: Vec<&String> = accepted.difference(&declared).collect();
    assert!(
        refused.is_empty(),
        "{name} declares options its call refuses: {refused:?}"
    );
    assert!(
        undeclared.is_empty(),
        "{name} lacks options its call accepts: {undeclared:?}"
    );
}

#[test]
fn the_parser_reads_interfaces_bases_and_unions() {
    let ts = r#"
        /** Docs with { braces } and a name: here. */
        export interface Base { a?: string; readonly b: { c: number }; get(d: string): void; [e: string]: unknown }
        export interface Derived extends Base {
          // f: a comment
          g: "x" | "y";
        }
        export type Union = | { h: 1 } | { i?: 2; j: { k: 3 } };
        export interface After { l: 1 }
    "#;
    let names = |list: &[&str]| {
        list.iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(members(ts, "Base"), names(&["a", "b", "get"]));
    assert_eq!(members(ts, "Derived"), names(&["a", "b", "get", "g"]));
    assert_eq!(members(ts, "Union"), names(&["h", "i", "j"]));
}

#[test]
fn every_options_type_names_the_options_its_call_accepts() {
    let pkce_ts = sections(include_str!("pkce.rs"));
    let jose_ts = sections(include_str!("jose.rs"));
    let webhook_ts = sections(include_str!("webhook.rs"));
    let oauth_ts = sections(include_str!("oauth.rs"));
    let discovery_ts = sections(include_str!("discovery.rs"));
    let smart_ts = sections(include_str!("smart.rs"));
    let with_endpoint = |extra: &[&'static str]| [oauth::ENDPOINT_CLIENT_KEYS, extra].concat();
    let with_client = |extra: &[&'static str]| [oauth::CLIENT_KEYS, extra].concat();
    let checked: Vec<(&str, &str, Vec<&str>)> = vec![
        (
            &pkce_ts,
            "CreatePkceOptions",
            pkce::CREATE_PKCE_OPTIONS.to_vec(),
        ),
        (&jose_ts, "KeyImportOptions", jose::IMPORT_OPTIONS.to_vec()),
        (
            &jose_ts,
            "SecretImportOptions",
            jose::IMPORT_OPTIONS.to_vec(),
        ),
        (
            &jose_ts,
            "GenerateKeyOptions",
            jose::GENERATE_OPTIONS.to_vec(),
        ),
        (&jose_ts, "VerifyJwtOptions", jose::VERIFY_OPTIONS.to_vec()),
        (
            &jose_ts,
            "DecodeJwtOptions",
            jose::DECODE_JWT_OPTIONS.to_vec(),
        ),
        (
            &jose_ts,
            "ClientAssertionOptions",
            jose::CLIENT_ASSERTION_OPTIONS.to_vec(),
        ),
        (
            &webhook_ts,
            "VerifyWebhookOptions",
            webhook::VERIFY_OPTIONS.to_vec(),
        ),
        (
            &webhook_ts,
            "SignWebhookOptions",
            webhook::SIGN_OPTIONS.to_vec(),
        ),
        (
            &webhook_ts,
            "RedoxVerificationOptions",
            webhook::REDOX_OPTIONS.to_vec(),
        ),
        (
            &webhook_ts,
            "WebhookVerifierOptions",
            webhook::VERIFIER_OPTIONS.to_vec(),
        ),
        (
            &webhook_ts,
            "WebhookVerifierVerifyOptions",
            webhook::VERIFIER_VERIFY_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "AuthorizationUrlOptions",
            oauth::AUTHORIZATION_URL_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "ParseCallbackOptions",
            oauth::PARSE_CALLBACK_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "TokenEndpointAuth",
            oauth::CLIENT_AUTH_KEYS.to_vec(),
        ),
        (
            &oauth_ts,
            "TokenRequestClientOptions",
            oauth::CLIENT_KEYS.to_vec(),
        ),
        (
            &oauth_ts,
            "CodeExchangeRequestOptions",
            with_client(oauth::CODE_EXCHANGE_KEYS),
        ),
        (
            &oauth_ts,
            "RefreshRequestOptions",
            with_client(oauth::REFRESH_KEYS),
        ),
        (
            &oauth_ts,
            "ClientCredentialsRequestOptions",
            with_client(oauth::CLIENT_CREDENTIALS_KEYS),
        ),
        (
            &oauth_ts,
            "ParseTokenResponseOptions",
            oauth::PARSE_TOKEN_RESPONSE_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "ParseResponseOptions",
            oauth::PARSE_RESPONSE_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "UpdoxAuthOptions",
            oauth::UPDOX_AUTH_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "ParseApiKeyOptions",
            oauth::PARSE_API_KEY_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "RedoxPresetOptions",
            oauth::REDOX_PRESET_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "DigitailPresetOptions",
            oauth::DIGITAIL_PRESET_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "SmartPresetOptions",
            oauth::SMART_PRESET_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "PushedAuthorizationUrlOptions",
            oauth::PUSHED_AUTHORIZATION_URL_OPTIONS.to_vec(),
        ),
        (
            &oauth_ts,
            "DpopRequestOptions",
            oauth::DPOP_REQUEST_KEYS.to_vec(),
        ),
        (
            &oauth_ts,
            "EndpointClientOptions",
            oauth::ENDPOINT_CLIENT_KEYS.to_vec(),
        ),
        (
            &oauth_ts,
            "PushedAuthorizationRequestOptions",
            with_endpoint(oauth::PUSHED_AUTHORIZATION_KEYS),
        ),
        (
            &oauth_ts,
            "TokenEndpointRequestOptions",
            with_endpoint(oauth::TOKEN_ENDPOINT_REQUEST_KEYS),
        ),
        (
            &jose_ts,
            "VerifyIdTokenOptions",
            jose::ID_TOKEN_OPTIONS.to_vec(),
        ),
        (
            &jose_ts,
            "DpopProofOptions",
            jose::DPOP_PROOF_OPTIONS.to_vec(),
        ),
        (
            &jose_ts,
            "VerifyDpopProofOptions",
            jose::VERIFY_DPOP_PROOF_OPTIONS.to_vec(),
        ),
        (
            &discovery_ts,
            "ParseSmartConfigurationOptions",
            discovery::SMART_CONFIGURATION_OPTIONS.to_vec(),
        ),
        (
            &discovery_ts,
            "ParseOpenIdConfigurationOptions",
            discovery::OPENID_CONFIGURATION_OPTIONS.to_vec(),
        ),
    ];
    for (ts, name, accepted) in &checked {
        check(ts, name, accepted);
    }
    // `TokenClient` is JavaScript, so its options are declared in pkg/index.d.ts; the core
    // checks them (`checkTokenClientOptions`).
    let index =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../pkg/index.d.ts"))
            .expect("pkg/index.d.ts");
    check(&index, "TokenClientOptions", oauth::TOKEN_CLIENT_OPTIONS);
    // `memoryReplayStore` is JavaScript too; its options are checked by the core as well.
    check(
        &index,
        "MemoryReplayStoreOptions",
        webhook::MEMORY_REPLAY_STORE_OPTIONS,
    );
    // So are `RemoteJwks`, `discover` and `smartBackend`, whose options the core checks too.
    check(&index, "RemoteJwksOptions", jose::REMOTE_JWKS_OPTIONS);
    check(&index, "DiscoverOptions", discovery::DISCOVER_OPTIONS);
    check(
        &index,
        "SmartBackendOptions",
        discovery::SMART_BACKEND_OPTIONS,
    );

    // Every options type of the bindings is checked above (the shared base of the webhook
    // options through the types extending it).
    let all = [
        &pkce_ts,
        &jose_ts,
        &webhook_ts,
        &oauth_ts,
        &discovery_ts,
        &smart_ts,
    ]
    .map(|ts| without_comments(ts))
    .join("\n");
    let unchecked: Vec<&str> = all
        .split("export interface ")
        .skip(1)
        .filter_map(|rest| rest.split([' ', '<', '{']).next())
        .filter(|name| name.ends_with("Options") && *name != "WebhookSchemeOptions")
        .filter(|name| !checked.iter().any(|(_, checked, _)| checked == name))
        .collect();
    assert_eq!(
        unchecked,
        Vec::<&str>::new(),
        "options types no test here compares"
    );
}
