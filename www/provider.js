// The demo's local authorization server: the tests' oidc-provider (tests/js/node/oidc-server.js),
// configured as a SMART on FHIR server would be: PKCE required for every client, confidential
// clients that authenticate with private_key_jwt (their public keys registered as a JWKS),
// OpenID discovery and /.well-known/smart-configuration, launch context in the token
// response, DPoP with server nonces, introspection (the demo's FHIR endpoint uses it).
import { startOidcServer } from "../tests/js/node/oidc-server.js";

/** The SMART scopes the demo's FHIR endpoint serves (oidc-provider: resource scopes). */
export const RESOURCE_SCOPES = "patient/Patient.rs patient/Observation.rs system/Patient.rs";
/** The launch context a real EHR would put next to the token (SMART App Launch 2.x). */
export const LAUNCH_CONTEXT = { patient: "demo-patient-123", encounter: "demo-encounter-7", need_patient_banner: true };

/**
 * Starts the provider on 127.0.0.1:`port` (0: a free port). `app` is the demo app: its
 * `redirectUri`, `fhirBase` (the resource the tokens are for), and the public JWKS of its user
 * login client (`appJwks`, client id `demo-app`) and of its backend service (`backendJwks`,
 * client id `demo-backend`).
 */
export async function startProvider({ port = 0, redirectUri, fhirBase, appJwks, backendJwks }) {
  const clients = [
    {
      client_id: "demo-app",
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES384",
      jwks: appJwks,
      grant_types: ["authorization_code"],
      response_types: ["code"],
      redirect_uris: [redirectUri],
    },
    {
      client_id: "demo-backend",
      token_endpoint_auth_method: "private_key_jwt",
      token_endpoint_auth_signing_alg: "ES384",
      jwks: backendJwks,
      grant_types: ["client_credentials"],
      response_types: [],
      redirect_uris: [],
    },
  ];
  const config = {
    pkce: { required: () => true },
    scopes: ["openid", "fhirUser", "launch/patient", "offline_access"],
    claims: { openid: ["sub"], fhirUser: ["fhirUser"] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, fhirUser: `${fhirBase}/Practitioner/${sub}` }) }),
    features: {
      resourceIndicators: {
        enabled: true,
        defaultResource: () => fhirBase,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: RESOURCE_SCOPES, audience: fhirBase, accessTokenFormat: "opaque", accessTokenTTL: 3600 }),
      },
    },
  };
  const setup = (provider) => {
    provider.use(async (ctx, next) => {
      if (ctx.path === "/favicon.ico") {
        ctx.status = 204; // the login page's browser asks for one
        return;
      }
      if (ctx.path === "/.well-known/smart-configuration") {
        ctx.body = smartConfiguration(provider.issuer);
        return;
      }
      await next();
      // The development login pages import a web font: kept local (no request leaves 127.0.0.1).
      if (typeof ctx.body === "string" && ctx.body.includes("fonts.googleapis.com")) {
        ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);/g, "");
      }
      // The launch context of the EHR session, beside the token (oidc-provider has no setting).
      if (ctx.path === "/token" && ctx.status === 200 && ctx.body?.id_token) Object.assign(ctx.body, LAUNCH_CONTEXT);
    });
  };
  return startOidcServer(clients, { full: true, port, config, setup });
}

/** What SMART clients discover (SMART App Launch 2.x, section 2.4). */
function smartConfiguration(issuer) {
  return {
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_endpoint: `${issuer}/auth`,
    token_endpoint: `${issuer}/token`,
    introspection_endpoint: `${issuer}/token/introspection`,
    revocation_endpoint: `${issuer}/token/revocation`,
    grant_types_supported: ["authorization_code", "client_credentials"],
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["ES384", "RS384"],
    scopes_supported: ["openid", "fhirUser", "launch/patient", ...RESOURCE_SCOPES.split(" ")],
    response_types_supported: ["code"],
    code_challenge_methods_supported: ["S256"],
    dpop_signing_alg_values_supported: ["ES256", "ES384"],
    capabilities: [
      "launch-standalone", "client-public", "client-confidential-asymmetric", "context-standalone-patient",
      "permission-v2", "sso-openid-connect", "authorize-post",
    ],
  };
}
