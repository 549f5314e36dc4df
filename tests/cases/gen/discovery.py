"""Writes tests/cases/discovery.json. Documents are the examples of SMART App Launch v2
section 2.1.2 and OpenID Connect Discovery 1.0 section 4.2 (as remembered by the author), and
variations of them; expectations follow those specifications and RFC 8414 by hand. Warning
messages are the core's fixed text for each warning code (src/discovery/mod.rs)."""
import json

cases = []
def case(name, op, input, expect, source):
    cases.append({"name": name, "source": source, "op": op, "input": input, "expect": expect})

SMART = "SMART App Launch v2 section 2.1.2"
OIDC = "OpenID Connect Discovery 1.0 sections 3, 4.2, 4.3"

smart_example = {
    "issuer": "https://ehr.example.com",
    "jwks_uri": "https://ehr.example.com/.well-known/jwks.json",
    "authorization_endpoint": "https://ehr.example.com/auth/authorize",
    "grant_types_supported": ["authorization_code", "client_credentials"],
    "token_endpoint": "https://ehr.example.com/auth/token",
    "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
    "registration_endpoint": "https://ehr.example.com/auth/register",
    "scopes_supported": ["openid", "profile", "launch", "launch/patient", "patient/*.rs", "user/*.rs", "offline_access"],
    "response_types_supported": ["code"],
    "management_endpoint": "https://ehr.example.com/user/manage",
    "introspection_endpoint": "https://ehr.example.com/user/introspect",
    "revocation_endpoint": "https://ehr.example.com/user/revoke",
    "code_challenge_methods_supported": ["S256"],
    "capabilities": ["launch-ehr", "permission-patient", "permission-v2", "client-public",
                     "client-confidential-symmetric", "context-ehr-patient", "sso-openid-connect"],
}
case("the SMART v2 example, complete", "parseSmartConfiguration",
     {"json": json.dumps(smart_example), "fhirBaseUrl": "https://ehr.example.com/fhir"},
     {"ok": {"kind": "smart", "issuer": "https://ehr.example.com", "fhirBaseUrl": "https://ehr.example.com/fhir",
             "authorizationEndpoint": "https://ehr.example.com/auth/authorize",
             "tokenEndpoint": "https://ehr.example.com/auth/token",
             "jwksUri": "https://ehr.example.com/.well-known/jwks.json",
             "introspectionEndpoint": "https://ehr.example.com/user/introspect",
             "revocationEndpoint": "https://ehr.example.com/user/revoke",
             "registrationEndpoint": "https://ehr.example.com/auth/register",
             "managementEndpoint": "https://ehr.example.com/user/manage",
             "capabilities": smart_example["capabilities"],
             "scopesSupported": smart_example["scopes_supported"],
             "responseTypesSupported": ["code"],
             "codeChallengeMethodsSupported": ["S256"],
             "grantTypesSupported": ["authorization_code", "client_credentials"],
             "tokenEndpointAuthMethodsSupported": ["client_secret_basic", "private_key_jwt"],
             "requirePushedAuthorizationRequests": False,
             "warnings": [], "extra": {}}}, SMART + " (its example document)")
case("the document may be given as an object", "parseSmartConfiguration",
     {"json": smart_example}, {"ok": {"kind": "smart", "tokenEndpoint": "https://ehr.example.com/auth/token", "warnings": []}},
     SMART)
backend = {"token_endpoint": "https://ehr.example.com/auth/token",
           "capabilities": ["client-confidential-asymmetric", "permission-v2"],
           "grant_types_supported": ["client_credentials"],
           "token_endpoint_auth_methods_supported": ["private_key_jwt"],
           "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
           "code_challenge_methods_supported": ["S256"],
           "scopes_supported": ["system/*.rs"]}
case("a backend-services server: no authorization endpoint needed", "parseSmartConfiguration",
     {"json": json.dumps(backend)},
     {"ok": {"kind": "smart", "tokenEndpoint": "https://ehr.example.com/auth/token",
             "tokenEndpointAuthSigningAlgValuesSupported": ["RS384", "ES384"], "warnings": []}},
     "SMART App Launch v2 section 2.1.2 and Backend Services")
W_CAPS = {"code": "capabilities_missing", "member": "capabilities", "message": "a SMART configuration must list its capabilities: none are known"}
W_PKCE = {"code": "code_challenge_methods_missing", "member": "code_challenge_methods_supported", "message": "the server does not say it supports PKCE (SMART App Launch v2 requires S256 to be listed): PKCE S256 is still sent"}
W_GRANTS = {"code": "grant_types_missing", "member": "grant_types_supported", "message": "a SMART v2 configuration must list its grant types"}
case("minimal: a token endpoint alone, with warnings", "parseSmartConfiguration",
     {"json": '{"token_endpoint":"https://ehr.example.com/token"}'},
     {"ok": {"kind": "smart", "tokenEndpoint": "https://ehr.example.com/token", "capabilities": [],
             "warnings": [W_CAPS, W_PKCE, W_GRANTS]}}, SMART + " (capabilities, code_challenge_methods_supported and grant_types_supported are required)")
case("PKCE plain beside S256 is a warning", "parseSmartConfiguration",
     {"json": json.dumps(dict(backend, code_challenge_methods_supported=["plain", "S256"]))},
     {"ok": {"warnings": [{"code": "pkce_plain_offered", "member": "code_challenge_methods_supported",
                           "message": "the server offers PKCE plain beside S256; only S256 is used"}]}},
     SMART + " (servers must not offer plain), RFC 9700 section 2.1.1")
case("capabilities as a space-separated string", "parseSmartConfiguration",
     {"json": json.dumps(dict(backend, capabilities="client-confidential-asymmetric permission-v2"))},
     {"ok": {"capabilities": ["client-confidential-asymmetric", "permission-v2"],
             "warnings": [{"code": "list_as_string", "member": "capabilities",
                           "message": "a list member is a space-separated string instead of an array: it was split"}]}},
     SMART + " (capabilities is an array; the string form is a real-world deviation)")
case("sso-openid-connect without issuer and jwks_uri", "parseSmartConfiguration",
     {"json": json.dumps(dict(backend, capabilities=["sso-openid-connect"]))},
     {"ok": {"warnings": [{"code": "openid_members_missing",
                           "message": "the server offers sso-openid-connect without issuer or jwks_uri: ID tokens cannot be verified from this document"}]}},
     SMART + " (issuer and jwks_uri are required with sso-openid-connect)")
for name, doc, code, source in [
    ("broken: not JSON", "<html>login</html>", "ERR_DISCOVERY_INVALID", SMART),
    ("broken: a JSON array", "[]", "ERR_DISCOVERY_INVALID", SMART),
    ("broken: no token endpoint", json.dumps({k: v for k, v in smart_example.items() if k != "token_endpoint"}), "ERR_DISCOVERY_INVALID", SMART + " (token_endpoint is required)"),
    ("broken: launch-ehr without authorization endpoint", json.dumps({k: v for k, v in smart_example.items() if k != "authorization_endpoint"}), "ERR_DISCOVERY_INVALID", SMART + " (authorization_endpoint is required with launch-ehr or launch-standalone)"),
    ("broken: token endpoint over plain http", json.dumps(dict(smart_example, token_endpoint="http://ehr.example.com/auth/token")), "ERR_URL_INVALID", "RFC 6749 section 3.2 (TLS), RFC 8252 section 7.3 (loopback)"),
    ("broken: revocation endpoint over plain http", json.dumps(dict(smart_example, revocation_endpoint="http://ehr.example.com/revoke")), "ERR_URL_INVALID", "RFC 7009 section 2 (TLS)"),
    ("broken: PKCE offered only as plain", json.dumps(dict(smart_example, code_challenge_methods_supported=["plain"])), "ERR_DISCOVERY_PKCE_PLAIN_ONLY", SMART + ", RFC 9700 section 2.1.1"),
    ("broken: an endpoint that is a number", json.dumps(dict(smart_example, token_endpoint=443)), "ERR_DISCOVERY_INVALID", SMART),
]:
    case(name, "parseSmartConfiguration", {"json": doc}, {"error": code}, source)
case("loopback http endpoints are accepted", "parseSmartConfiguration",
     {"json": json.dumps(dict(backend, token_endpoint="http://127.0.0.1:4000/token"))},
     {"ok": {"tokenEndpoint": "http://127.0.0.1:4000/token"}}, "RFC 8252 section 7.3")
case("a FHIR base over plain http is refused", "parseSmartConfiguration",
     {"json": json.dumps(backend), "fhirBaseUrl": "http://ehr.example.com/fhir"}, {"error": "ERR_URL_INVALID"}, SMART)

openid = {
    "issuer": "https://server.example.com",
    "authorization_endpoint": "https://server.example.com/connect/authorize",
    "token_endpoint": "https://server.example.com/connect/token",
    "userinfo_endpoint": "https://server.example.com/connect/userinfo",
    "jwks_uri": "https://server.example.com/jwks.json",
    "registration_endpoint": "https://server.example.com/connect/register",
    "scopes_supported": ["openid", "profile", "email", "address", "phone", "offline_access"],
    "response_types_supported": ["code", "code id_token", "id_token", "token id_token"],
    "subject_types_supported": ["public", "pairwise"],
    "id_token_signing_alg_values_supported": ["RS256", "ES256", "HS256"],
    "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
    "token_endpoint_auth_signing_alg_values_supported": ["RS256", "ES256"],
    "code_challenge_methods_supported": ["S256"],
}
case("the OpenID Connect Discovery example", "parseOpenIdConfiguration",
     {"json": json.dumps(openid), "issuer": "https://server.example.com"},
     {"ok": {"kind": "openid", "issuer": "https://server.example.com",
             "authorizationEndpoint": "https://server.example.com/connect/authorize",
             "tokenEndpoint": "https://server.example.com/connect/token",
             "userinfoEndpoint": "https://server.example.com/connect/userinfo",
             "jwksUri": "https://server.example.com/jwks.json",
             "idTokenSigningAlgValuesSupported": ["RS256", "ES256", "HS256"],
             "capabilities": [], "warnings": [],
             "extra": {"subject_types_supported": ["public", "pairwise"]}}}, OIDC + " (example of section 4.2, with PKCE added)")
for expected, why in [("https://server.example.com/", "a trailing slash"), ("https://other.example.com", "another host"),
                      ("https://server.example.com/tenant", "another path")]:
    case(f"issuer mismatch: {why}", "parseOpenIdConfiguration", {"json": json.dumps(openid), "issuer": expected},
         {"error": "ERR_DISCOVERY_ISSUER_MISMATCH"}, OIDC + " (the issuer must be identical)")
case("no issuer", "parseOpenIdConfiguration",
     {"json": json.dumps({k: v for k, v in openid.items() if k != "issuer"}), "issuer": "https://server.example.com"},
     {"error": "ERR_DISCOVERY_INVALID"}, OIDC)
case("no jwks_uri", "parseOpenIdConfiguration",
     {"json": json.dumps({k: v for k, v in openid.items() if k != "jwks_uri"}), "issuer": "https://server.example.com"},
     {"error": "ERR_DISCOVERY_INVALID"}, OIDC + " (jwks_uri is required)")
case("jwks_uri over plain http", "parseOpenIdConfiguration",
     {"json": json.dumps(dict(openid, jwks_uri="http://server.example.com/jwks.json")), "issuer": "https://server.example.com"},
     {"error": "ERR_URL_INVALID"}, OIDC)
case("PKCE plain only", "parseOpenIdConfiguration",
     {"json": json.dumps(dict(openid, code_challenge_methods_supported=["plain"])), "issuer": "https://server.example.com"},
     {"error": "ERR_DISCOVERY_PKCE_PLAIN_ONLY"}, "RFC 9700 section 2.1.1")
sparse = {"issuer": "https://id.example", "authorization_endpoint": "https://id.example/a", "jwks_uri": "https://id.example/j",
          "token_endpoint": "https://id.example/t", "code_challenge_methods_supported": ["S256"]}
REQUIRED = "a member the specification requires is missing"
case("required lists missing are warnings", "parseOpenIdConfiguration",
     {"json": json.dumps(sparse), "issuer": "https://id.example"},
     {"ok": {"warnings": [
         {"code": "response_types_missing", "member": "response_types_supported", "message": REQUIRED},
         {"code": "subject_types_missing", "member": "subject_types_supported", "message": REQUIRED},
         {"code": "id_token_signing_algs_missing", "member": "id_token_signing_alg_values_supported", "message": REQUIRED}]}},
     OIDC + " (response_types_supported, subject_types_supported, id_token_signing_alg_values_supported are required)")

# --- the size cap: 1 MiB by default, `maxBytes` per call; exactly the document is read, one byte
# over the cap is refused before parsing.
CAP = "healthauth's response cap (SECURITY.md, size caps)"
for op, doc, extra, kind in [("parseSmartConfiguration", json.dumps(smart_example), {"fhirBaseUrl": "https://ehr.example.com/fhir"}, "smart"),
                             ("parseOpenIdConfiguration", json.dumps(openid), {"issuer": "https://server.example.com"}, "openid")]:
    case(f"{op}: maxBytes at exactly the document", op, dict({"json": doc, "maxBytes": len(doc)}, **extra), {"ok": {"kind": kind}}, CAP)
    case(f"{op}: maxBytes one byte under the document", op, dict({"json": doc, "maxBytes": len(doc) - 1}, **extra),
         {"error": "ERR_INPUT_TOO_LARGE"}, CAP)

# --- discoveryUrls ---
case("a FHIR base: smart, openid, then oauth (RFC 8414 form and appended form)", "discoveryUrls",
     {"url": "https://ehr.example.com/fhir"},
     {"ok": [
         {"kind": "smart", "url": "https://ehr.example.com/fhir/.well-known/smart-configuration", "fhirBaseUrl": "https://ehr.example.com/fhir"},
         {"kind": "openid", "url": "https://ehr.example.com/fhir/.well-known/openid-configuration", "issuer": "https://ehr.example.com/fhir"},
         {"kind": "oauth", "url": "https://ehr.example.com/.well-known/oauth-authorization-server/fhir", "issuer": "https://ehr.example.com/fhir"},
         {"kind": "oauth", "url": "https://ehr.example.com/fhir/.well-known/oauth-authorization-server", "issuer": "https://ehr.example.com/fhir"}]},
     SMART + ", OpenID Connect Discovery section 4.1, RFC 8414 section 3.1")
case("an issuer without a path, with a trailing slash kept as the issuer", "discoveryUrls",
     {"url": "https://login.example.com/"},
     {"ok": [
         {"kind": "smart", "url": "https://login.example.com/.well-known/smart-configuration", "fhirBaseUrl": "https://login.example.com/"},
         {"kind": "openid", "url": "https://login.example.com/.well-known/openid-configuration", "issuer": "https://login.example.com/"},
         {"kind": "oauth", "url": "https://login.example.com/.well-known/oauth-authorization-server", "issuer": "https://login.example.com/"}]},
     "OpenID Connect Discovery section 4.1 (a terminating / is removed before appending)")
case("a well-known URL alone", "discoveryUrls",
     {"url": "https://login.example.com/t1/.well-known/openid-configuration"},
     {"ok": [{"kind": "openid", "url": "https://login.example.com/t1/.well-known/openid-configuration", "issuer": "https://login.example.com/t1"}]},
     "OpenID Connect Discovery section 4.1")
case("an RFC 8414 well-known URL with the issuer's path after it", "discoveryUrls",
     {"url": "https://as.example.com/.well-known/oauth-authorization-server/t1"},
     {"ok": [{"kind": "oauth", "url": "https://as.example.com/.well-known/oauth-authorization-server/t1", "issuer": "https://as.example.com/t1"}]},
     "RFC 8414 section 3.1")
for url, why in [("http://ehr.example.com/fhir", "plain http off loopback"), ("https://ehr.example.com/fhir?x=1", "a query"),
                 ("https://ehr.example.com/.well-known/jwks.json", "another well-known document")]:
    case(f"discoveryUrls refuses {why}", "discoveryUrls", {"url": url}, {"error": "ERR_URL_INVALID"}, "RFC 8414 section 3.1")

with open(__file__.replace("gen/discovery.py", "discovery.json"), "w") as f:
    json.dump({"topic": "discovery", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases))
