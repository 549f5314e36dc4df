// The demo loads the package's browser entry, as a browser bundle of healthauth would.
import init, {
  createPkce,
  pkceChallenge,
  randomState,
  HealthAuthError,
  SigningKey,
  clientAssertion,
  verifyJwt,
  jwks,
  signWebhook,
  verifyWebhook,
} from "/pkg/browser.js";

const $ = (id) => document.getElementById(id);
// Digitail's documented authorize endpoint shape; any OAuth server takes the same parameters.
const EXAMPLE_AUTHORIZE = "https://auth.example-clinic.test/oauth/authorize";

function showPair() {
  try {
    const { verifier, challenge, method } = createPkce({ length: Number($("length").value) });
    const state = randomState();
    $("verifier").classList.remove("error");
    $("verifier").textContent = verifier;
    $("challenge").textContent = challenge;
    $("state").textContent = state;
    const url = new URL(EXAMPLE_AUTHORIZE);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: "demo-client",
      redirect_uri: "https://app.example.test/callback",
      scope: "read:patient_data",
      state,
      code_challenge: challenge,
      code_challenge_method: method,
    }).toString();
    $("authorize-url").textContent = url.href;
    $("length").removeAttribute("aria-invalid");
  } catch (error) {
    showError($("verifier"), error);
    $("length").setAttribute("aria-invalid", "true");
  }
}

function showError(output, error) {
  output.textContent = error instanceof HealthAuthError ? `${error.code}: ${error.message}` : String(error);
  output.classList.add("error");
}

function checkVerifier() {
  const output = $("check-output");
  output.classList.remove("error");
  try {
    output.textContent = pkceChallenge($("check-input").value);
  } catch (error) {
    showError(output, error);
  }
}

// Redox's token endpoint: the assertion's audience. Nothing is sent anywhere.
const TOKEN_URL = "https://api.redoxengine.com/v2/auth/token";
let key;

function newKey() {
  key?.free(); // zeroizes the previous key inside WebAssembly
  key = SigningKey.generate($("alg").value);
  $("jwks").textContent = JSON.stringify(jwks([key]), null, 2);
  newAssertion();
}

function newAssertion() {
  const output = $("assertion-decoded");
  output.classList.remove("error");
  try {
    const assertion = clientAssertion(key, { clientId: $("client-id").value, audience: TOKEN_URL });
    $("assertion").textContent = assertion;
    const { header, claims } = verifyJwt(assertion, key.publicJwk(), { audience: TOKEN_URL });
    output.textContent = JSON.stringify({ header, claims }, null, 2);
  } catch (error) {
    $("assertion").textContent = "";
    showError(output, error);
  }
}

function signBody() {
  const output = $("webhook-signature");
  output.classList.remove("error");
  try {
    // A demo secret: real webhook secrets stay on servers, so browsers must opt in explicitly.
    const headers = signWebhook({
      scheme: "telesoft",
      payload: $("webhook-body").value,
      secret: $("webhook-secret").value,
      dangerouslyAllowBrowser: true,
    });
    output.textContent = headers["telesoft-signature"];
    verifyBody();
  } catch (error) {
    showError(output, error);
  }
}

function verifyBody() {
  const output = $("webhook-result");
  output.classList.remove("error", "ok");
  try {
    verifyWebhook({
      scheme: "telesoft",
      payload: $("webhook-body").value,
      headers: { "telesoft-signature": $("webhook-signature").textContent },
      secret: $("webhook-secret").value,
      dangerouslyAllowBrowser: true,
    });
    output.textContent = "valid: the signature matches these exact bytes";
    output.classList.add("ok");
  } catch (error) {
    showError(output, error);
  }
}

try {
  await init();
  $("alg").addEventListener("change", newKey);
  $("new-key").addEventListener("click", newKey);
  $("new-assertion").addEventListener("click", newAssertion);
  $("client-id").addEventListener("input", newAssertion);
  $("webhook-sign").addEventListener("click", signBody);
  $("webhook-verify").addEventListener("click", verifyBody);
  $("webhook-body").addEventListener("input", verifyBody);
  newKey();
  signBody();
  $("generate").addEventListener("click", showPair);
  $("length").addEventListener("change", showPair);
  $("check-input").addEventListener("input", checkVerifier);
  showPair();
  checkVerifier();
  $("status").textContent = "Ready: everything above was computed in WebAssembly, in this page.";
  document.body.dataset.ready = "true";
} catch (error) {
  $("status").textContent = `Could not load healthauth: ${error}`;
  $("status").classList.add("error");
}
