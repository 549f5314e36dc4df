// The demo loads the package's browser entry, as a browser bundle of healthauth would.
import init, { createPkce, pkceChallenge, randomState, HealthAuthError } from "/pkg/browser.js";

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

try {
  await init();
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
