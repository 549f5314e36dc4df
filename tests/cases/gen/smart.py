"""Writes tests/cases/smart.json. The expectations are written by hand from the SMART App
Launch v2 specification (section 3, "Scopes and Launch Context", and its scope examples), as
remembered by the author: they are not taken from healthauth's output. URLs are percent-encoded
with Python's urllib (unreserved characters kept), independently of healthauth."""
import json, urllib.parse

SPEC = "SMART App Launch v2 section 3 (scopes), written from the specification by hand"
cases = []

def case(name, op, input, expect, source=SPEC):
    cases.append({"name": name, "source": source, "op": op, "input": input, "expect": expect})

def res(raw, context, resource, perms, version, query=None):
    out = {"raw": raw, "context": context, "resource": resource, "permissions": perms}
    if query is not None:
        out["query"] = query
    out["version"] = version
    return out

LAB = "category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory"
VITALS = "category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"
ENC_DX = "category=http://terminology.hl7.org/CodeSystem/condition-category|encounter-diagnosis"
HEALTH = "category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|health-concern"

# --- parseScopes: the v2 examples ---
for raw, ctx, rt, perms, q, what in [
    ("patient/Observation.rs", "patient", "Observation", "rs", None, "read and search the patient's observations"),
    ("user/Observation.rs", "user", "Observation", "rs", None, "read and search every observation the user may see"),
    ("patient/Patient.r", "patient", "Patient", "r", None, "read the patient's demographics"),
    ("patient/*.rs", "patient", "*", "rs", None, "read and search every resource of the patient"),
    ("system/*.rs", "system", "*", "rs", None, "a backend service reading everything"),
    ("user/Appointment.cu", "user", "Appointment", "cu", None, "create and update appointments"),
    ("patient/Observation.cruds", "patient", "Observation", "cruds", None, "every permission"),
    ("patient/Observation.rs?" + LAB, "patient", "Observation", "rs", LAB, "laboratory observations only"),
    ("patient/Observation.rs?" + VITALS, "patient", "Observation", "rs", VITALS, "vital signs only"),
    ("patient/Condition.rs?" + ENC_DX, "patient", "Condition", "rs", ENC_DX, "encounter diagnoses only"),
    ("patient/Condition.rs?" + HEALTH, "patient", "Condition", "rs", HEALTH, "health concerns only (US Core)"),
]:
    case(f"v2 {raw.split('?')[0]}{' with a query' if q else ''}: {what}", "parseScopes", {"scope": raw},
         {"ok": [res(raw, ctx, rt, perms, 2, q)]})

# --- v1 forms, mapped to v2 permissions ---
for raw, ctx, rt, perms in [
    ("patient/Observation.read", "patient", "Observation", "rs"),
    ("patient/Observation.write", "patient", "Observation", "cud"),
    ("patient/Observation.*", "patient", "Observation", "cruds"),
    ("user/*.read", "user", "*", "rs"),
    ("system/*.*", "system", "*", "cruds"),
]:
    case(f"v1 {raw} is v2 .{perms}", "parseScopes", {"scope": raw},
         {"ok": [res(raw, ctx, rt, perms, 1)]},
         source="SMART App Launch v2 section 3.1 (v1 read = rs, write = cud, * = cruds), by hand")

# --- specials and other scopes in one request ---
request = "launch openid fhirUser launch/patient launch/encounter offline_access online_access profile"
case("a launch request's special scopes, and an OpenID scope SMART gives no meaning", "parseScopes",
     {"scope": request},
     {"ok": [{"raw": s, "special": s} for s in request.split()[:-1]] + [{"raw": "profile"}]})
case("scope given as an array", "parseScopes", {"scope": ["openid", "patient/Observation.rs"]},
     {"ok": [{"raw": "openid", "special": "openid"}, res("patient/Observation.rs", "patient", "Observation", "rs", 2)]})
case("an empty scope is no scopes", "parseScopes", {"scope": ""}, {"ok": []})

# --- malformed ---
for raw, why in [
    ("patient/Observation.sr", "v2 letters out of cruds order"),
    ("patient/Observation.rr", "a letter twice"),
    ("patient/Observation.x", "a letter outside cruds"),
    ("patient/Observation.READ", "v1 names are lowercase"),
    ("patient/Observation", "no permissions"),
    ("patient/observation.rs", "a resource type starts with an uppercase letter"),
    ("user/Observation.read?category=laboratory", "a query on a v1 scope"),
    ("patient/Observation.rs?", "an empty query"),
]:
    case(f"malformed: {why}", "parseScopes", {"scope": raw}, {"error": "ERR_SCOPE_INVALID"})
case("malformed: a quote is outside RFC 6749 scope characters", "parseScopes", {"scope": 'openid "x"'},
     {"error": "ERR_SCOPE_INVALID"}, source="RFC 6749 section 3.3")

# --- scopesSatisfy / missingScopes: v2 semantics ---
for granted, required, ok, why in [
    ("patient/*.rs", "patient/Observation.r", True, "a wildcard resource with rs covers one type's read"),
    ("patient/*.rs", "patient/Observation.rs", True, "a wildcard resource covers the same permissions"),
    ("patient/Observation.read", "patient/Observation.rs", True, "v1 read is v2 rs"),
    ("patient/Observation.rs", "patient/Observation.read", True, "v2 rs is v1 read"),
    ("patient/Observation.write", "patient/Observation.cud", True, "v1 write is v2 cud"),
    ("patient/Observation.write", "patient/Observation.r", False, "v1 write does not read"),
    ("patient/Observation.r patient/Observation.s", "patient/Observation.rs", True, "permissions add up across granted scopes"),
    ("patient/Observation.rs", "patient/Observation.rs?" + LAB, True, "a granted scope without a query covers a narrower one"),
    ("patient/Observation.rs?" + LAB, "patient/Observation.rs", False, "a query narrows: it does not cover the whole type"),
    ("patient/Observation.rs?" + LAB, "patient/Observation.rs?" + VITALS, False, "another category"),
    ("patient/Observation.rs?" + LAB, "patient/Observation.r?" + LAB, True, "the same query, fewer permissions"),
    ("patient/*.rs", "user/Observation.r", False, "patient/ does not stand for user/"),
    ("user/*.rs", "patient/Observation.r", False, "user/ does not stand for patient/"),
    ("patient/Observation.rs", "patient/*.rs", False, "one type does not cover every type"),
    ("launch/patient openid fhirUser patient/*.rs offline_access", "openid fhirUser offline_access", True, "specials by name"),
    ("launch", "launch/patient", False, "launch is not launch/patient"),
]:
    case(f"scopesSatisfy: {why}", "scopesSatisfy", {"granted": granted, "required": required}, {"ok": ok})

case("missingScopes lists what is not covered, in order, once", "missingScopes",
     {"granted": "launch/patient openid patient/*.rs patient/Condition.c",
      "required": "patient/Observation.r patient/Condition.cr patient/Observation.u openid fhirUser fhirUser"},
     {"ok": ["patient/Observation.u", "fhirUser"]})
case("missingScopes takes arrays", "missingScopes",
     {"granted": ["patient/Observation.rs?" + LAB], "required": ["patient/Observation.rs"]},
     {"ok": ["patient/Observation.rs"]})
case("missingScopes: nothing missing", "missingScopes",
     {"granted": "system/*.read", "required": "system/Patient.rs system/Observation.s"}, {"ok": []})
case("scopesSatisfy refuses a malformed granted scope", "scopesSatisfy",
     {"granted": "patient/Observation.rx", "required": "openid"}, {"error": "ERR_SCOPE_INVALID"})

# --- authorizationUrl with aud and launch ---
def url(endpoint, pairs):
    return endpoint + "?" + "&".join(f"{k}={urllib.parse.quote(v, safe='-._~')}" for k, v in pairs)

CH = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
base = {"authorizationEndpoint": "https://ehr.example.com/authorize", "clientId": "growth-chart",
        "redirectUri": "https://app.example.com/after-auth", "state": "98wrghuwuogerg97",
        "codeChallenge": CH}
common = [("response_type", "code"), ("client_id", "growth-chart"),
          ("redirect_uri", "https://app.example.com/after-auth")]
scope = "launch patient/Observation.rs patient/Patient.r openid fhirUser"
case("EHR launch: aud and launch after PKCE", "authorizationUrl",
     dict(base, scope=scope, aud="https://ehr.example.com/fhir", launch="xyz123"),
     {"ok": url("https://ehr.example.com/authorize", common + [("scope", scope), ("state", "98wrghuwuogerg97"),
         ("code_challenge", CH), ("code_challenge_method", "S256"), ("aud", "https://ehr.example.com/fhir"), ("launch", "xyz123")])},
     source="SMART App Launch v2 section 2.1.6 (EHR launch authorization request), URL encoded by Python urllib")
scope2 = "launch/patient openid fhirUser patient/*.rs"
case("standalone launch: aud, no launch, extra parameters after it", "authorizationUrl",
     dict(base, scope=scope2, aud="https://ehr.example.com/fhir/r4", extraParams={"nonce": "n-0S6_WzA2Mj"}),
     {"ok": url("https://ehr.example.com/authorize", common + [("scope", scope2), ("state", "98wrghuwuogerg97"),
         ("code_challenge", CH), ("code_challenge_method", "S256"), ("aud", "https://ehr.example.com/fhir/r4"), ("nonce", "n-0S6_WzA2Mj")])},
     source="SMART App Launch v2 section 2.1.6 (standalone launch), URL encoded by Python urllib")
case("a SMART launch without PKCE is refused", "authorizationUrl",
     {k: v for k, v in dict(base, aud="https://ehr.example.com/fhir").items() if k != "codeChallenge"},
     {"error": "ERR_INVALID_ARGUMENT"}, source="SMART App Launch v2 section 2.1.5 (PKCE S256 required)")
case("launch without aud is refused", "authorizationUrl", dict(base, launch="xyz123"), {"error": "ERR_INVALID_ARGUMENT"})
case("aud over plain http off loopback is refused", "authorizationUrl", dict(base, aud="http://ehr.example.com/fhir"),
     {"error": "ERR_URL_INVALID"})
case("aud twice (option and extra parameter) is refused", "authorizationUrl",
     dict(base, aud="https://ehr.example.com/fhir", extraParams={"aud": "https://other.example/fhir"}),
     {"error": "ERR_INVALID_ARGUMENT"})

# --- parseTokenResponse with launch context ---
body = json.dumps({"access_token": "i8hweunweunweofiwweoijewiwe", "token_type": "Bearer", "expires_in": 3600,
    "scope": "patient/Observation.rs patient/Patient.rs", "patient": "123", "encounter": "456",
    "need_patient_banner": True, "smart_style_url": "https://ehr.example.com/smart-style.json",
    "fhirContext": [{"reference": "DiagnosticReport/123"}, "Appointment/2"], "intent": "reconcile-medications",
    "tenant": "hospital-a"})
case("launch context from a SMART token response", "parseTokenResponse", {"status": 200, "body": body, "now": 1700000000},
     {"ok": {"accessToken": "i8hweunweunweofiwweoijewiwe", "expiresAt": 1700003600, "launchContext": {
         "patient": "123", "encounter": "456", "needPatientBanner": True,
         "smartStyleUrl": "https://ehr.example.com/smart-style.json",
         "fhirContext": [{"reference": "DiagnosticReport/123"}, {"reference": "Appointment/2"}],
         "intent": "reconcile-medications", "tenant": "hospital-a"}}},
     source="SMART App Launch v2 section 2.1.11 (token response with launch context); SMART 2.0.0 reference strings in fhirContext become { reference }")
case("need_patient_banner sent as a string", "parseTokenResponse",
     {"status": 200, "body": json.dumps({"access_token": "a", "patient": "p1", "need_patient_banner": "false"}), "now": 0},
     {"ok": {"launchContext": {"patient": "p1", "needPatientBanner": False}}})

with open(__file__.replace("gen/smart.py", "smart.json"), "w") as f:
    json.dump({"topic": "smart", "cases": cases}, f, indent=1, ensure_ascii=False)
    f.write("\n")
print(len(cases))
