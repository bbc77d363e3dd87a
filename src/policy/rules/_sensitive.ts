/**
 * Names Polaris treats as secrets (`sensitiveContainerEnvVar`, `sensitiveConfigmapContent`).
 *
 * Case-insensitive, like Polaris' `(?i)` patterns.
 */
export const SENSITIVE_NAME_PATTERNS: readonly RegExp[] = [
  /^AWS_SECRET_ACCESS_KEY$/i,
  /^GOOGLE_APPLICATION_CREDENTIALS$/i,
  /^AZURE_.+KEY$/i,
  /^OCI_CLI_KEY_CONTENT$/i,
  /password/i,
  /token/i,
  /bearer/i,
  /secret/i,
];

const GOOGLE_APPLICATION_CREDENTIALS = /^GOOGLE_APPLICATION_CREDENTIALS$/i;
const FILE_PATH = /^\/[^\s{}"']*$/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const SERVICE_ACCOUNT_JSON = /"type"\s*:\s*"service_account"/;

/**
 * Whether a name is sensitive for this value.
 *
 * `GOOGLE_APPLICATION_CREDENTIALS` holds a *path* to a key file, not the key, so it is allowed
 * when the value is an absolute file path (e.g. `/var/secrets/gcp/key.json`). Any other value
 * (inline JSON, a relative path) is flagged. Polaris flags the name whatever the value; this
 * library prefers Workload Identity, where the variable is not set at all.
 */
export function sensitiveName(name: string, value: unknown): boolean {
  if (GOOGLE_APPLICATION_CREDENTIALS.test(name)) return !(typeof value === 'string' && FILE_PATH.test(value));
  return SENSITIVE_NAME_PATTERNS.some(p => p.test(name));
}

/** What secret material a value contains (never the material itself), or undefined. */
export function secretContent(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (PRIVATE_KEY.test(value)) return 'a PEM private key block (-----BEGIN ... PRIVATE KEY-----)';
  if (SERVICE_ACCOUNT_JSON.test(value)) return 'a GCP service-account key ("type": "service_account")';
  return undefined;
}
