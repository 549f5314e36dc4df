// Compiled by the type matrix (matrix/types-matrix.js) as a CommonJS file: `require()` of the
// ES-module package (Node >= 20.19 or >= 22.12), typed under `module: node20`, which models
// require of an ES module (TypeScript >= 5.9).
import healthauth = require("healthauth");

const pair: healthauth.PkcePair = healthauth.createPkce();
const challenge: string = healthauth.pkceChallenge(pair.verifier);
{
  using key = healthauth.SigningKey.generate("ES384");
  const jwt: string = healthauth.signJwt(key, { sub: "cjs" });
  void jwt;
}
try {
  healthauth.pkceChallenge("short");
} catch (e) {
  if (e instanceof healthauth.HealthAuthError) {
    const code: healthauth.HealthAuthErrorCode = e.code;
    void code;
  }
}
void challenge;
