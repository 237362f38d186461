/**
 * The pseudonym secret: read from the environment variable site.yaml names (`secretEnv`).
 * Only a fictional site may fall back to the published demo secret; a real one must set it.
 */
import type { KeyObject } from 'node:crypto';
import { keyFromSecret } from './hmac.ts';

/** Published demo secret for the fictional sample city; never protects real data. */
export const DEMO_SECRET = 'glassbox-sample-demo-secret-not-for-real-data';
/** Shortest secret accepted for real data. */
export const MIN_SECRET_LENGTH = 32;

/** The secret to use; throws with instructions when a real site has none (or a short one). */
export function resolveSecret(
  site: { secretEnv: string; fictional?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
  log: (msg: string) => void = () => {},
): string {
  const value = env[site.secretEnv];
  if (value !== undefined && value !== '') {
    if (value.length < MIN_SECRET_LENGTH && !site.fictional) {
      throw new Error(`${site.secretEnv} is ${value.length} characters; use at least ${MIN_SECRET_LENGTH} random characters, e.g. \`export ${site.secretEnv}=$(openssl rand -hex 32)\``);
    }
    return value;
  }
  if (site.fictional) {
    log(`anonymize: ${site.secretEnv} is not set; using the published demo secret (allowed only because site.yaml says fictional: true)`);
    return DEMO_SECRET;
  }
  throw new Error(
    `anonymize: the pseudonym secret is missing. Set the environment variable ${site.secretEnv} (named by "secretEnv" in data/site.yaml) ` +
      `to a long random value kept out of the repository, e.g. \`export ${site.secretEnv}=$(openssl rand -hex 32)\`. ` +
      'Keep it: changing it changes every requester key.',
  );
}

/** The secret as a key object for requesterKey(). */
export function loadSecretKey(
  site: { secretEnv: string; fictional?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
  log: (msg: string) => void = () => {},
): KeyObject {
  return keyFromSecret(resolveSecret(site, env, log));
}
