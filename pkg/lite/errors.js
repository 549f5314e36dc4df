// healthauth/lite throws the one HealthAuthError class of the full entry: `instanceof` holds
// across both entries. (The lite glue, lite/dist/healthauth.js, imports this file.)
export { HealthAuthError } from "../errors.js";
