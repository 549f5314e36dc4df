"""Writes tests/cases/oauth-endpoints.json: PAR (RFC 9126), revocation (RFC 7009), introspection
(RFC 7662) and DPoP-bound token requests (RFC 9449 section 5). Request examples follow the RFCs'
(their parameters, in healthauth's documented order); bodies are form-encoded with Python urllib,
Basic credentials with Python base64, DPoP proofs signed with Python cryptography (gen/josepy.py,
deterministic ECDSA) - none taken from healthauth."""
import base64, json, urllib.parse
from josepy import *

def enc(pairs):
    return "&".join(f"{k}={urllib.parse.quote(v, safe='-._~')}" for k, v in pairs)

def basic(i, s):
    return "Basic " + base64.b64encode(f"{urllib.parse.quote(i, safe='-._~')}:{urllib.parse.quote(s, safe='-._~')}".encode()).decode()

FORM = {"content-type": "application/x-www-form-urlencoded", "accept": "application/json"}
cases = []
def case(op, name, input, expect, source):
    cases.append({"name": name, "source": source, "op": op, "input": input, "expect": expect})

CH = "K2-ltc83acc4h0c9w6ESC_rEMTJ3bww-uCHaoeK1t8U"
assert len(CH) == 43
PAR_URL = "https://as.example.com/as/par"
par_in = {"endpoint": PAR_URL, "clientId": "s6BhdRkqt3", "clientSecret": "7Fjfp0ZBr1KtDRbnfVdmIw",
          "redirectUri": "https://client.example.org/cb", "scope": "account-information", "state": "af0ifjsldkj",
          "codeChallenge": CH}
par_params = [("response_type", "code"), ("client_id", "s6BhdRkqt3"), ("redirect_uri", "https://client.example.org/cb"),
              ("scope", "account-information"), ("state", "af0ifjsldkj"), ("code_challenge", CH), ("code_challenge_method", "S256")]
P = "pushedAuthorizationRequest"
case(P, "RFC 9126 2.1: a confidential client with client_secret_basic", par_in,
     {"ok": {"method": "POST", "url": PAR_URL, "headers": dict(FORM, authorization=basic("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw")),
             "body": enc(par_params)}}, "RFC 9126 section 2.1 (its example request)")
pub = {k: v for k, v in par_in.items() if k != "clientSecret"}
smart_params = par_params + [("aud", "https://ehr.example.com/fhir"), ("launch", "xyz123")]
case(P, "a public SMART client: client_id once, then aud and launch", dict(pub, aud="https://ehr.example.com/fhir", launch="xyz123"),
     {"ok": {"headers": FORM, "body": enc(smart_params)}}, "RFC 9126 section 2.1, SMART App Launch v2 section 2.1.6")
ASSERTION = "eyJhbGciOiJFUzM4NCJ9.eyJzdWIiOiJzNkJoZFJrcXQzIn0.c2lnbmF0dXJl"
case(P, "private_key_jwt: the assertion (audience: the PAR endpoint) in the body",
     dict(pub, clientAuth={"method": "private_key_jwt", "assertion": ASSERTION}),
     {"ok": {"body": enc(par_params + [("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
                                       ("client_assertion", ASSERTION)])}}, "RFC 9126 section 2 (client authentication as at the token endpoint), RFC 7523")
NOW = 1700000000
dpop_claims = {"htm": "POST", "htu": PAR_URL, "iat": NOW, "jti": "par-1"}
case(P, "with a DPoP proof for the PAR endpoint", dict(pub, dpop={"key": {"jwk": P256_PRIVATE}, "now": NOW, "jti": "par-1"}),
     {"ok": {"headers": dict(FORM, dpop=sign("ES256", {"alg": "ES256", "jwk": P256_PUBLIC, "typ": "dpop+jwt"}, dpop_claims))}},
     "RFC 9449 section 10.1 (dpop_jkt or a DPoP proof with PAR); proof signed with Python cryptography")
case(P, "a SMART launch without PKCE is refused", {k: v for k, v in dict(pub, aud="https://ehr.example.com/fhir").items() if k != "codeChallenge"},
     {"error": "ERR_INVALID_ARGUMENT"}, "SMART App Launch v2 section 2.1.5")
case(P, "a PAR endpoint over plain http is refused", dict(pub, endpoint="http://as.example.com/as/par"), {"error": "ERR_URL_INVALID"}, "RFC 9126 section 2")

R = "parsePushedAuthorizationResponse"
case(R, "RFC 9126 2.2: 201 with request_uri and expires_in", {"status": 201, "body": json.dumps({"request_uri": "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c", "expires_in": 60})},
     {"ok": {"requestUri": "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c", "expiresIn": 60}}, "RFC 9126 section 2.2")
case(R, "expires_in as a string", {"status": 201, "body": '{"request_uri":"urn:x","expires_in":"90"}'}, {"ok": {"requestUri": "urn:x", "expiresIn": 90}}, "RFC 9126 section 2.2 (a real-world deviation)")
case(R, "RFC 9126 2.3: an error", {"status": 400, "body": json.dumps({"error": "invalid_request", "error_description": "The redirect_uri is not valid for the given client"})},
     {"error": "ERR_OAUTH_ENDPOINT_ERROR"}, "RFC 9126 section 2.3")
case(R, "no request_uri", {"status": 201, "body": '{"expires_in":60}'}, {"error": "ERR_OAUTH_RESPONSE_INVALID"}, "RFC 9126 section 2.2")
case(R, "no expires_in", {"status": 201, "body": '{"request_uri":"urn:x"}'}, {"error": "ERR_OAUTH_RESPONSE_INVALID"}, "RFC 9126 section 2.2")
case(R, "a 502 page", {"status": 502, "body": "<html>Bad Gateway</html>"}, {"error": "ERR_OAUTH_RESPONSE_INVALID"}, "RFC 9126 section 2.3")

A = "authorizationUrl"
case(A, "RFC 9126 4: the authorization URL with the request_uri", {"authorizationEndpoint": "https://as.example.com/authorize", "clientId": "s6BhdRkqt3",
     "requestUri": "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c"},
     {"ok": "https://as.example.com/authorize?" + enc([("client_id", "s6BhdRkqt3"), ("request_uri", "urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc014ltc14eY22c")])},
     "RFC 9126 section 4 (its example URL)")
case(A, "a request_uri with other parameters is refused", {"authorizationEndpoint": "https://as.example.com/authorize", "clientId": "s6BhdRkqt3",
     "requestUri": "urn:x", "state": "af0ifjsldkj"}, {"error": "ERR_INVALID_ARGUMENT"}, "RFC 9126 section 4")

V = "revocationRequest"
case(V, "RFC 7009 2.1: revoke a refresh token with client_secret_basic",
     {"endpoint": "https://server.example.com/revoke", "clientId": "s6BhdRkqt3", "clientSecret": "gX1fBat3bV",
      "token": "45ghiukldjahdnhzdauz", "tokenTypeHint": "refresh_token"},
     {"ok": {"method": "POST", "url": "https://server.example.com/revoke", "headers": dict(FORM, authorization="Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"),
             "body": "token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token"}}, "RFC 7009 section 2.1 (its example request)")
case(V, "a public client sends its client_id", {"endpoint": "https://server.example.com/revoke", "clientId": "app", "token": "at-1"},
     {"ok": {"headers": FORM, "body": "token=at-1&client_id=app"}}, "RFC 7009 section 2.1, RFC 6749 section 2.3")
case(V, "an empty token is refused", {"endpoint": "https://server.example.com/revoke", "clientId": "app", "token": ""}, {"error": "ERR_INVALID_ARGUMENT"}, "RFC 7009 section 2.1")
I = "introspectionRequest"
case(I, "RFC 7662 2.1: introspect an access token", {"endpoint": "https://server.example.com/introspect", "clientId": "s6BhdRkqt3", "clientSecret": "gX1fBat3bV",
     "token": "mF_9.B5f-4.1JqM", "tokenTypeHint": "access_token"},
     {"ok": {"url": "https://server.example.com/introspect", "headers": dict(FORM, authorization="Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"),
             "body": "token=mF_9.B5f-4.1JqM&token_type_hint=access_token"}}, "RFC 7662 section 2.1 (its example request)")
case(I, "client_secret_post", {"endpoint": "https://server.example.com/introspect", "clientId": "rs-1",
     "clientAuth": {"method": "client_secret_post", "secret": "p@ss word"}, "token": "mF_9.B5f-4.1JqM"},
     {"ok": {"body": enc([("token", "mF_9.B5f-4.1JqM"), ("client_id", "rs-1"), ("client_secret", "p@ss word")])}}, "RFC 7662 section 2.1, RFC 6749 section 2.3.1")
case(I, "a token type hint with a space is refused", {"endpoint": "https://server.example.com/introspect", "clientId": "rs-1", "clientSecret": "s",
     "token": "t", "tokenTypeHint": "access token"}, {"error": "ERR_INVALID_ARGUMENT"}, "RFC 7662 section 2.1")
case(I, "an introspection endpoint over plain http is refused", {"endpoint": "http://server.example.com/introspect", "clientId": "rs-1", "clientSecret": "s", "token": "t"},
     {"error": "ERR_URL_INVALID"}, "RFC 7662 section 4 (TLS)")

RR = "parseRevocationResponse"
case(RR, "200 with an empty body", {"status": 200, "body": ""}, {"ok": None}, "RFC 7009 section 2.2")
case(RR, "unsupported_token_type", {"status": 400, "body": '{"error":"unsupported_token_type"}'}, {"error": "ERR_OAUTH_ENDPOINT_ERROR"}, "RFC 7009 section 2.2.1")
case(RR, "503: try again later", {"status": 503, "body": ""}, {"error": "ERR_OAUTH_RESPONSE_INVALID"}, "RFC 7009 section 2.2.1")

IR = "parseIntrospectionResponse"
rfc = {"active": True, "client_id": "l238j323ds-23ij4", "username": "jdoe", "scope": "read write dolphin", "sub": "Z5O3upPC88QrAjx00dis",
       "aud": "https://protected.example.net/resource", "iss": "https://server.example.com/", "exp": 1419356238, "iat": 1419350238,
       "extension_field": "twenty-seven"}
case(IR, "RFC 7662 2.2: an active token", {"status": 200, "body": json.dumps(rfc)},
     {"ok": {"active": True, "clientId": "l238j323ds-23ij4", "username": "jdoe", "scope": "read write dolphin", "sub": "Z5O3upPC88QrAjx00dis",
             "aud": ["https://protected.example.net/resource"], "iss": "https://server.example.com/", "exp": 1419356238, "iat": 1419350238,
             "extra": {"extension_field": "twenty-seven"}}}, "RFC 7662 section 2.2 (its example response)")
case(IR, "RFC 7662 2.2: an inactive token says nothing more", {"status": 200, "body": '{"active":false,"sub":"ignored"}'},
     {"ok": {"active": False}}, "RFC 7662 section 2.2")
dpop_bound = {"active": True, "sub": "someone@example.com", "iss": "https://server.example.com", "nbf": 1562262611, "exp": 1562266216,
              "token_type": "DPoP", "cnf": {"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}
case(IR, "RFC 9449 6.2: a DPoP-bound token's cnf.jkt", {"status": 200, "body": json.dumps(dpop_bound)},
     {"ok": {"active": True, "tokenType": "DPoP", "nbf": 1562262611, "cnf": {"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}}},
     "RFC 9449 section 6.2 (its example introspection response, with token_type)")
smart = {"active": True, "scope": "launch patient/*.rs", "client_id": "growth-chart", "exp": 1700003600, "patient": "123",
         "encounter": "456", "fhirContext": [{"reference": "DiagnosticReport/7"}], "need_patient_banner": True}
case(IR, "SMART launch context in an introspection response", {"status": 200, "body": json.dumps(smart)},
     {"ok": {"active": True, "launchContext": {"patient": "123", "encounter": "456", "fhirContext": [{"reference": "DiagnosticReport/7"}],
             "needPatientBanner": True}}}, "SMART App Launch v2 section 2.8 (token introspection with launch context)")
case(IR, "no active member", {"status": 200, "body": '{"sub":"x"}'}, {"error": "ERR_OAUTH_RESPONSE_INVALID"}, "RFC 7662 section 2.2 (active is required)")
case(IR, "an error body", {"status": 401, "body": '{"error":"invalid_client"}'}, {"error": "ERR_OAUTH_ENDPOINT_ERROR"}, "RFC 7662 section 2.3")

# Each endpoint response is capped (1 MiB by default) before it is parsed; `maxBytes` lowers or
# raises the cap per call: the body at exactly the cap is read, one byte under its size refused.
CAP = "healthauth's response cap (SECURITY.md, size caps)"
for op, status, body, ok in [
        (R, 201, json.dumps({"request_uri": "urn:x", "expires_in": 60}), {"requestUri": "urn:x", "expiresIn": 60}),
        (RR, 200, '{"revoked":true}', None),
        (IR, 200, json.dumps(rfc), {"active": True, "username": "jdoe"})]:
    case(op, f"{op}: maxBytes, the body at exactly the cap", {"status": status, "body": body, "maxBytes": len(body)}, {"ok": ok}, CAP)
    case(op, f"{op}: maxBytes, the body one byte over the cap", {"status": status, "body": body, "maxBytes": len(body) - 1},
         {"error": "ERR_INPUT_TOO_LARGE"}, CAP)

# DPoP on token requests.
C = "clientCredentialsRequest"
TOKEN = "https://ehr.example.com/auth/token"
proof = sign("ES256", {"alg": "ES256", "jwk": P256_PUBLIC, "typ": "dpop+jwt"},
             {"htm": "POST", "htu": TOKEN, "iat": NOW, "jti": "cc-1", "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v"})
case(C, "SMART backend services with a DPoP proof carrying the server's nonce",
     {"tokenEndpoint": TOKEN, "clientAuth": {"method": "private_key_jwt", "assertion": ASSERTION}, "scope": "system/*.rs",
      "dpop": {"key": {"jwk": P256_PRIVATE}, "nonce": "eyJ7S_zG.eyJH0-Z.HX4w-7v", "now": NOW, "jti": "cc-1"}},
     {"ok": {"url": TOKEN, "headers": dict(FORM, dpop=proof),
             "body": enc([("grant_type", "client_credentials"), ("scope", "system/*.rs"),
                          ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", ASSERTION)])}},
     "RFC 9449 sections 5 and 8; proof signed with Python cryptography")
RF = "refreshRequest"
proof2 = sign("EdDSA", {"alg": "EdDSA", "jwk": ED_PUBLIC, "typ": "dpop+jwt"}, {"htm": "POST", "htu": TOKEN, "iat": NOW, "jti": "rf-1"})
case(RF, "refresh with an EdDSA DPoP proof (query left out of htu)",
     {"tokenEndpoint": TOKEN + "?tenant=a", "clientId": "app", "refreshToken": "rt-1",
      "dpop": {"key": {"jwk": ED_PRIVATE}, "now": NOW, "jti": "rf-1"}},
     {"ok": {"url": TOKEN + "?tenant=a", "headers": dict(FORM, dpop=proof2), "body": "grant_type=refresh_token&refresh_token=rt-1&client_id=app"}},
     "RFC 9449 sections 4.2 (htu without query) and 5; proof signed with Python cryptography (Ed25519)")
case(RF, "a DPoP key must be asymmetric", {"tokenEndpoint": TOKEN, "clientId": "app", "refreshToken": "rt-1",
     "dpop": {"key": {"secret": "a-32-byte-secret-for-hs256-tests", "alg": "HS256"}, "now": NOW, "jti": "rf-2"}},
     {"error": "ERR_KEY_SYMMETRIC"}, "RFC 9449 section 4.2")

with open(__file__.replace("gen/oauth.py", "oauth-endpoints.json"), "w") as f:
    json.dump({"topic": "oauth-endpoints", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases))
