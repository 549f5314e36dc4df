//! SMART scopes, v1 and v2 (SMART App Launch v2 section 3 "Scopes and Launch Context"):
//! parsing, and whether granted scopes cover required ones.

use core::fmt;

use serde_json::{Map, Value};

use crate::encoding::form::decode_component_lossy;
use crate::error::{echo_safe, Error, Result};

/// Whose data a resource scope reaches: `patient/` (the patient in context), `user/` (what the
/// signed-in user may see), `system/` (a backend service's own access).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeContext {
    /// `patient/`.
    Patient,
    /// `user/`.
    User,
    /// `system/`.
    System,
}

impl ScopeContext {
    /// The context's name: `patient`, `user` or `system`.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeContext::Patient => "patient",
            ScopeContext::User => "user",
            ScopeContext::System => "system",
        }
    }

    fn parse(name: &str) -> Option<ScopeContext> {
        match name {
            "patient" => Some(ScopeContext::Patient),
            "user" => Some(ScopeContext::User),
            "system" => Some(ScopeContext::System),
            _ => None,
        }
    }
}

/// The SMART scope syntax a resource scope was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeVersion {
    /// SMART v1: `.read`, `.write` or `.*`.
    V1,
    /// SMART v2: `.cruds` (a subset, in that order), optionally with a query.
    V2,
}

impl ScopeVersion {
    /// `1` or `2`.
    pub fn number(self) -> u8 {
        match self {
            ScopeVersion::V1 => 1,
            ScopeVersion::V2 => 2,
        }
    }
}

/// A set of SMART v2 permissions: **c**reate, **r**ead, **u**pdate, **d**elete, **s**earch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Permissions(u8);

/// The permission letters in their required order, with their bits.
const LETTERS: [(char, u8); 5] = [('c', 1), ('r', 2), ('u', 4), ('d', 8), ('s', 16)];

impl Permissions {
    /// No permission.
    pub const NONE: Permissions = Permissions(0);
    /// `c`: create.
    pub const CREATE: Permissions = Permissions(1);
    /// `r`: read.
    pub const READ: Permissions = Permissions(2);
    /// `u`: update.
    pub const UPDATE: Permissions = Permissions(4);
    /// `d`: delete.
    pub const DELETE: Permissions = Permissions(8);
    /// `s`: search.
    pub const SEARCH: Permissions = Permissions(16);
    /// `cruds`: everything (v1 `*`).
    pub const ALL: Permissions = Permissions(31);
    /// `rs`: what v1 `read` means in v2.
    pub const V1_READ: Permissions = Permissions(2 | 16);
    /// `cud`: what v1 `write` means in v2.
    pub const V1_WRITE: Permissions = Permissions(1 | 4 | 8);

    /// Whether every permission of `other` is in this set.
    pub fn contains(self, other: Permissions) -> bool {
        self.0 & other.0 == other.0
    }

    /// Both sets together.
    pub fn union(self, other: Permissions) -> Permissions {
        Permissions(self.0 | other.0)
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The letters, in `cruds` order (`"rs"` for read and search).
    pub fn as_string(self) -> String {
        LETTERS
            .iter()
            .filter(|(_, bit)| self.0 & bit != 0)
            .map(|(letter, _)| *letter)
            .collect()
    }

    /// Parses v2 letters: a non-empty subset of `cruds`, each at most once, in that order.
    fn parse_v2(text: &str) -> Option<Permissions> {
        let mut bits = 0u8;
        let mut next = 0usize;
        for c in text.chars() {
            let position = LETTERS.iter().position(|(letter, _)| *letter == c)?;
            if position < next {
                return None;
            }
            bits |= LETTERS.get(position)?.1;
            next = position + 1;
        }
        (bits != 0).then_some(Permissions(bits))
    }

    /// Each single permission in the set.
    fn each(self) -> impl Iterator<Item = Permissions> {
        LETTERS
            .into_iter()
            .filter(move |(_, bit)| self.0 & bit != 0)
            .map(|(_, bit)| Permissions(bit))
    }
}

impl fmt::Display for Permissions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

/// A scope that is not about FHIR resources, with a meaning SMART (or OpenID Connect) gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpecialScope {
    /// `openid`: an ID token (OpenID Connect).
    OpenId,
    /// `fhirUser`: the ID token names the signed-in user's FHIR resource.
    FhirUser,
    /// `launch`: an EHR launch (the `launch` parameter's context).
    Launch,
    /// `launch/patient`: a standalone launch asking for a patient in context.
    LaunchPatient,
    /// `launch/encounter`: a standalone launch asking for an encounter in context.
    LaunchEncounter,
    /// `offline_access`: a refresh token usable after the user leaves.
    OfflineAccess,
    /// `online_access`: a refresh token usable while the user is online.
    OnlineAccess,
}

impl SpecialScope {
    /// Every special scope.
    pub const ALL: [SpecialScope; 7] = [
        SpecialScope::OpenId,
        SpecialScope::FhirUser,
        SpecialScope::Launch,
        SpecialScope::LaunchPatient,
        SpecialScope::LaunchEncounter,
        SpecialScope::OfflineAccess,
        SpecialScope::OnlineAccess,
    ];

    /// The scope as written, such as `launch/patient`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpecialScope::OpenId => "openid",
            SpecialScope::FhirUser => "fhirUser",
            SpecialScope::Launch => "launch",
            SpecialScope::LaunchPatient => "launch/patient",
            SpecialScope::LaunchEncounter => "launch/encounter",
            SpecialScope::OfflineAccess => "offline_access",
            SpecialScope::OnlineAccess => "online_access",
        }
    }
}

/// A resource scope: `context/Resource.permissions?query`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceScope {
    /// The scope as written.
    pub raw: String,
    /// `patient`, `user` or `system`.
    pub context: ScopeContext,
    /// The FHIR resource type, or `*` for every type.
    pub resource: String,
    /// The permissions, v1 forms mapped to v2 (`read` is `rs`, `write` is `cud`, `*` is
    /// `cruds`).
    pub permissions: Permissions,
    /// The v2 query that narrows the scope (without `?`), such as
    /// `category=laboratory`.
    pub query: Option<String>,
    /// The syntax it was written in.
    pub version: ScopeVersion,
}

impl ResourceScope {
    /// The query's parameters, percent-decoded (leniently) and sorted: a query narrows a scope
    /// to resources matching every parameter, so their order carries no meaning.
    fn query_params(&self) -> Vec<(String, String)> {
        let mut params: Vec<(String, String)> = self
            .query
            .as_deref()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (name, value) = p.split_once('=').unwrap_or((p, ""));
                (decode_component_lossy(name), decode_component_lossy(value))
            })
            .collect();
        params.sort();
        params.dedup();
        params
    }

    /// Whether this (granted) scope gives `permission` on what `required` asks for: the same
    /// context, the same resource type or `*`, the permission, and a query that is absent or
    /// no wider than the required one (each of its parameters is in the required query).
    fn grants(&self, required: &ResourceScope, permission: Permissions) -> bool {
        self.context == required.context
            && (self.resource == "*" || self.resource == required.resource)
            && self.permissions.contains(permission)
            && {
                let wanted = required.query_params();
                self.query_params().iter().all(|p| wanted.contains(p))
            }
    }
}

/// One scope token, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A resource scope (`patient/Observation.rs`).
    Resource(ResourceScope),
    /// A scope SMART or OpenID Connect gives a meaning (`openid`, `launch/patient`, ...).
    Special {
        /// The scope as written.
        raw: String,
        /// Which one.
        special: SpecialScope,
    },
    /// Any other scope (`profile`, `email`, a provider's own), kept as written.
    Other {
        /// The scope as written.
        raw: String,
    },
}

impl Scope {
    /// The scope as written.
    pub fn raw(&self) -> &str {
        match self {
            Scope::Resource(scope) => &scope.raw,
            Scope::Special { raw, .. } | Scope::Other { raw } => raw,
        }
    }

    /// Parses one scope token.
    ///
    /// A token outside RFC 6749 section 3.3 (`%x21 / %x23-5B / %x5D-7E`), or one that starts
    /// with `patient/`, `user/` or `system/` and breaks the SMART grammar, is
    /// [`Error::ScopeInvalid`]. Other tokens are [`Scope::Special`] or [`Scope::Other`].
    pub fn parse(token: &str) -> Result<Scope> {
        let invalid = |reason| Error::ScopeInvalid {
            scope: echo_safe(token),
            reason,
        };
        if token.is_empty() {
            return Err(invalid("it is empty"));
        }
        if !token
            .bytes()
            .all(|b| matches!(b, 0x21 | 0x23..=0x5b | 0x5d..=0x7e))
        {
            return Err(invalid(
                "a scope token is printable ASCII without spaces, \" or \\ (RFC 6749 section 3.3)",
            ));
        }
        if let Some(special) = SpecialScope::ALL.into_iter().find(|s| s.as_str() == token) {
            return Ok(Scope::Special {
                raw: token.to_owned(),
                special,
            });
        }
        let Some((context, rest)) = token
            .split_once('/')
            .and_then(|(c, rest)| ScopeContext::parse(c).map(|c| (c, rest)))
        else {
            return Ok(Scope::Other {
                raw: token.to_owned(),
            });
        };
        let (body, query) = match rest.split_once('?') {
            Some((body, query)) => (body, Some(query)),
            None => (rest, None),
        };
        let (resource, permissions) = body.split_once('.').ok_or_else(|| {
            invalid("a resource scope is context/Resource.permissions (a `.` is missing)")
        })?;
        let resource_ok = resource == "*"
            || (resource
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_uppercase())
                && resource.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !resource_ok {
            return Err(invalid(
                "the resource is a FHIR resource type (such as Observation) or *",
            ));
        }
        let (permissions, version) = match permissions {
            "read" => (Permissions::V1_READ, ScopeVersion::V1),
            "write" => (Permissions::V1_WRITE, ScopeVersion::V1),
            "*" => (Permissions::ALL, ScopeVersion::V1),
            letters => (
                Permissions::parse_v2(letters).ok_or_else(|| {
                    invalid("permissions are read, write or * (v1), or letters of cruds in that order, each once (v2)")
                })?,
                ScopeVersion::V2,
            ),
        };
        let query = match query {
            None => None,
            Some(_) if version == ScopeVersion::V1 => {
                return Err(invalid(
                    "a query narrows only v2 scopes (cruds), not read, write or *",
                ))
            }
            Some(q) if q.is_empty() || q.split('&').any(|p| p.is_empty() || p.starts_with('=')) => {
                return Err(invalid("the query is name=value parameters separated by &"))
            }
            Some(q) => Some(q.to_owned()),
        };
        Ok(Scope::Resource(ResourceScope {
            raw: token.to_owned(),
            context,
            resource: resource.to_owned(),
            permissions,
            query,
            version,
        }))
    }
}

impl Scope {
    /// The scope as a JSON object, what a binding hands its host: `{ raw, context, resource,
    /// permissions, query?, version }` for a resource scope (`permissions` as `cruds`
    /// letters, `version` 1 or 2), `{ raw, special }` for a special one, `{ raw }` otherwise.
    pub fn to_json(&self) -> Map<String, Value> {
        let mut out = Map::new();
        out.insert("raw".into(), self.raw().into());
        match self {
            Scope::Resource(r) => {
                out.insert("context".into(), r.context.as_str().into());
                out.insert("resource".into(), r.resource.as_str().into());
                out.insert("permissions".into(), r.permissions.as_string().into());
                if let Some(query) = &r.query {
                    out.insert("query".into(), query.as_str().into());
                }
                out.insert("version".into(), r.version.number().into());
            }
            Scope::Special { special, .. } => {
                out.insert("special".into(), special.as_str().into());
            }
            Scope::Other { .. } => {}
        }
        out
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.raw())
    }
}

/// Parses a space-separated scope string (the `scope` of a request or a token response) into
/// its tokens, in order. Runs of spaces are tolerated (providers send them); a string over
/// [`crate::limits::SCOPE_BYTES`] is [`Error::InputTooLarge`]; a malformed token is
/// [`Error::ScopeInvalid`].
///
/// ```
/// use healthauth::smart::{parse_scopes, Scope};
///
/// let scopes = parse_scopes("launch/patient openid patient/Observation.rs?category=laboratory")?;
/// let Scope::Resource(observations) = &scopes[2] else { unreachable!() };
/// assert_eq!(observations.permissions.as_string(), "rs");
/// assert_eq!(observations.query.as_deref(), Some("category=laboratory"));
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn parse_scopes(scope: &str) -> Result<Vec<Scope>> {
    crate::limits::check("scope", scope.len(), crate::limits::SCOPE_BYTES)?;
    scope
        .split([' ', '\t', '\n', '\r'])
        .filter(|t| !t.is_empty())
        .map(Scope::parse)
        .collect()
}

/// Whether `granted` covers one `required` scope.
fn covers(granted: &[Scope], required: &Scope) -> bool {
    match required {
        Scope::Resource(wanted) => wanted.permissions.each().all(|permission| {
            granted.iter().any(|g| match g {
                Scope::Resource(g) => g.grants(wanted, permission),
                _ => false,
            })
        }),
        other => granted.iter().any(|g| g.raw() == other.raw()),
    }
}

/// The scopes of `required` that `granted` does not cover, as written (each once, in order),
/// with SMART v2 semantics:
///
/// - a resource scope is covered when each of its permissions is granted, by one or several
///   granted scopes of the same context (`patient/`, `user/`, `system/`: one never stands for
///   another) on the same resource type or `*`, whose query is absent or no wider than the
///   required one (every granted query parameter is in the required query: a query narrows);
///   v1 forms count as their v2 permissions (`read` is `rs`, `write` is `cud`, `*` is
///   `cruds`);
/// - any other scope is covered by the same scope.
///
/// Both strings are parsed with [`parse_scopes`]; a malformed token in either is an error.
///
/// ```
/// use healthauth::smart::missing_scopes;
///
/// let granted = "launch/patient patient/*.rs patient/Condition.c";
/// assert!(missing_scopes(granted, "patient/Observation.r patient/Condition.cr")?.is_empty());
/// assert_eq!(missing_scopes(granted, "patient/Observation.u openid")?, ["patient/Observation.u", "openid"]);
/// # Ok::<(), healthauth::Error>(())
/// ```
pub fn missing_scopes(granted: &str, required: &str) -> Result<Vec<String>> {
    let granted = parse_scopes(granted)?;
    let required = parse_scopes(required)?;
    let mut missing: Vec<String> = Vec::new();
    for scope in &required {
        if !covers(&granted, scope) && !missing.iter().any(|m| m == scope.raw()) {
            missing.push(scope.raw().to_owned());
        }
    }
    Ok(missing)
}

/// Whether `granted` covers every scope of `required` ([`missing_scopes`] is empty).
pub fn scopes_satisfy(granted: &str, required: &str) -> Result<bool> {
    Ok(missing_scopes(granted, required)?.is_empty())
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    fn resource(token: &str) -> ResourceScope {
        match Scope::parse(token).unwrap() {
            Scope::Resource(r) => r,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn v1_maps_to_v2_permissions() {
        for (token, perms) in [
            ("patient/Observation.read", "rs"),
            ("user/Patient.write", "cud"),
            ("system/*.*", "cruds"),
            ("user/*.read", "rs"),
        ] {
            let r = resource(token);
            assert_eq!(r.permissions.as_string(), perms, "{token}");
            assert_eq!(r.version, ScopeVersion::V1);
        }
        let r = resource("patient/Observation.rs");
        assert_eq!(r.version, ScopeVersion::V2);
        assert_eq!(r.context, ScopeContext::Patient);
        assert_eq!(r.resource, "Observation");
    }

    #[test]
    fn specials_and_others() {
        for special in SpecialScope::ALL {
            assert_eq!(
                Scope::parse(special.as_str()).unwrap(),
                Scope::Special {
                    raw: special.as_str().into(),
                    special
                }
            );
        }
        for other in [
            "profile",
            "email",
            "launch/location",
            "fhir:read",
            "Patient/x.y",
        ] {
            assert_eq!(
                Scope::parse(other).unwrap(),
                Scope::Other { raw: other.into() }
            );
        }
    }

    #[test]
    fn malformed_resource_scopes_are_refused() {
        for bad in [
            "patient/Observation",
            "patient/Observation.",
            "patient/Observation.rc",
            "patient/Observation.rr",
            "patient/Observation.x",
            "patient/Observation.READ",
            "patient/observation.rs",
            "patient/.rs",
            "patient/Obs-ervation.rs",
            "patient/Observation.read?category=x",
            "patient/Observation.rs?",
            "patient/Observation.rs?&",
            "patient/Observation.rs?=x",
            "user/*.",
        ] {
            assert_eq!(
                Scope::parse(bad).unwrap_err().code(),
                "ERR_SCOPE_INVALID",
                "{bad}"
            );
        }
        assert_eq!(
            parse_scopes("openid \"quoted\"").unwrap_err().code(),
            "ERR_SCOPE_INVALID"
        );
        let big = "openid ".repeat(crate::limits::SCOPE_BYTES / 7 + 1);
        assert_eq!(
            parse_scopes(&big).unwrap_err().code(),
            "ERR_INPUT_TOO_LARGE"
        );
        assert!(parse_scopes("  openid  launch ").unwrap().len() == 2);
        assert!(parse_scopes("").unwrap().is_empty());
    }

    #[test]
    fn v2_satisfaction() {
        let yes = |g: &str, r: &str| assert!(scopes_satisfy(g, r).unwrap(), "{g} ⊇ {r}");
        let no = |g: &str, r: &str| assert!(!scopes_satisfy(g, r).unwrap(), "{g} ⊉ {r}");
        yes("patient/*.rs", "patient/Observation.r");
        yes("patient/*.rs", "patient/Observation.rs");
        yes("patient/Observation.read", "patient/Observation.rs");
        yes("patient/Observation.rs", "patient/Observation.read");
        yes(
            "patient/Observation.r patient/Observation.s",
            "patient/Observation.rs",
        );
        yes(
            "patient/*.r patient/Observation.s",
            "patient/Observation.rs",
        );
        yes("patient/Observation.*", "patient/Observation.cruds");
        yes("patient/Observation.write", "patient/Observation.cud");
        no("patient/Observation.write", "patient/Observation.r");
        no("patient/*.rs", "user/Observation.r");
        no("user/*.rs", "patient/Observation.r");
        no("patient/Observation.rs", "patient/*.rs");
        no("patient/Observation.rs", "patient/Condition.r");
        // A query narrows: a granted query covers the same or a narrower required one.
        yes(
            "patient/Observation.rs",
            "patient/Observation.rs?category=laboratory",
        );
        yes(
            "patient/Observation.rs?category=laboratory",
            "patient/Observation.rs?category=laboratory",
        );
        yes(
            "patient/Observation.rs?category=laboratory",
            "patient/Observation.rs?status=final&category=laboratory",
        );
        yes(
            "patient/Observation.rs?category=a%7Cb",
            "patient/Observation.r?category=a|b",
        );
        no(
            "patient/Observation.rs?category=laboratory",
            "patient/Observation.rs",
        );
        no(
            "patient/Observation.rs?category=laboratory",
            "patient/Observation.rs?category=vital-signs",
        );
        // Specials and others by name.
        yes("openid fhirUser launch", "launch openid");
        no("launch", "launch/patient");
        no("profile", "openid");
        yes("", "");
        assert_eq!(
            missing_scopes("openid", "launch launch openid fhirUser").unwrap(),
            ["launch", "fhirUser"]
        );
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn never_panics(granted in any::<String>(), required in any::<String>()) {
            let _ = missing_scopes(&granted, &required);
        }

        #[test]
        fn a_parsed_scope_covers_itself(
            context in prop::sample::select(vec!["patient", "user", "system"]),
            resource in "(\\*|[A-Z][A-Za-z]{0,12})",
            permissions in prop::sample::subsequence(vec!['c', 'r', 'u', 'd', 's'], 1..=5),
            query in proptest::option::of("[a-z]{1,8}=[a-z|:/]{0,12}"),
        ) {
            let letters: String = permissions.into_iter().collect();
            let mut scope = format!("{context}/{resource}.{letters}");
            if let Some(query) = query {
                scope.push('?');
                scope.push_str(&query);
            }
            let parsed = parse_scopes(&scope).unwrap();
            let Some(Scope::Resource(r)) = parsed.first() else { panic!("{scope}") };
            prop_assert_eq!(r.permissions.as_string(), letters);
            prop_assert!(scopes_satisfy(&scope, &scope).unwrap());
            // The wildcard with every permission and no query covers it too.
            let wildcard = format!("{context}/*.cruds");
            prop_assert!(scopes_satisfy(&wildcard, &scope).unwrap());
        }
    }
}
