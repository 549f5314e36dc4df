// Compiled by tsc (types.test.js): the published declarations describe the real surface.
import init, {
  createPkce,
  pkceChallenge,
  verifyPkce,
  randomState,
  HealthAuthError,
  type HealthAuthErrorCode,
  type PkcePair,
} from "healthauth";

await init();
const pair: PkcePair = createPkce({ length: 64 });
const method: "S256" = pair.method;
const challenge: string = pkceChallenge(pair.verifier);
const matches: boolean = verifyPkce(pair.verifier, challenge);
const state: string = randomState(32);

try {
  pkceChallenge("short");
} catch (e) {
  if (e instanceof HealthAuthError) {
    const code: HealthAuthErrorCode = e.code;
    void code;
  }
}

// @ts-expect-error: length is a number
createPkce({ length: "64" });
// @ts-expect-error: unknown options are refused
createPkce({ lenght: 64 });
// @ts-expect-error: the verifier is a string
pkceChallenge(42);
// @ts-expect-error: codes are a closed union
const wrong: HealthAuthErrorCode = "ERR_NOPE";

void [method, matches, state, wrong];
