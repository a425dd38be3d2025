/**
 * Machine policy files for the e2e tests of settings pushed by policy (test/e2e/policy.test.ts,
 * test/e2e/firefox-policy.test.ts). Both files are read by every browser of that kind on the
 * machine, so each run names an extension id of its own (a fresh Chromium key, a fresh Firefox
 * add-on id) and removes exactly what it added: in afterAll and, as a last resort, on exit.
 *
 * - Chromium on Linux: /etc/chromium/policies/managed/*.json, `3rdparty.extensions.<id>`. The id
 *   of an unpacked extension comes from its path unless the manifest has a `key`, so the run copies
 *   the build and gives the copy a fresh public key: its id is new and known.
 * - Firefox: policies.json in the distribution folder next to the binary, `3rdparty.Extensions.<id>`.
 *   It is one file: an existing one keeps its other contents.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import {
  accessSync, constants, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, rmdirSync, writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { EXT_OUT } from './chromium-extension';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

/** Firefox's distribution folder (policies.json goes there): next to the real binary. */
export const firefoxDistributionDir = (binary: string): string => join(dirname(realpathSync(binary)), 'distribution');

/** Whether this process can create `dir` (or write into it): root, or a prepared machine. */
export function canWrite(dir: string): boolean {
  let d = dir;
  while (!existsSync(d)) d = dirname(d);
  try {
    accessSync(d, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Loud notice for a policy test that skips because it cannot write the policy file. */
export function warnPolicySkip(file: string, dir: string): void {
  console.warn([
    '', '#'.repeat(80), `#  SKIPPED: managed-policy e2e (${file}): cannot write ${dir}`,
    '#  Run the tests as root (CI does). Set DAFU_BROWSER_TESTS=1 to make this a test FAILURE.', '#'.repeat(80), '',
  ].join('\n'));
}

/** Chrome's extension id for a public key: the first 128 bits of its SHA-256, as letters a–p. */
export function extensionIdFor(spkiDer: Buffer): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

function patchManifest(dir: string, patch: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  patch(manifest);
  writeFileSync(path, JSON.stringify(manifest));
}

/**
 * Copies the Chromium build to `dest` with a fresh manifest key; returns the copy and its id.
 * `hostPermissions` stands for a DAFU_HOSTS build (sites granted at install).
 */
export function keyedCopy(dest: string, { hostPermissions }: { hostPermissions?: string[] } = {}): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  cpSync(EXT_OUT, dest, { recursive: true });
  patchManifest(dest, (m) => {
    m.key = der.toString('base64');
    if (hostPermissions) m.host_permissions = hostPermissions;
  });
  return { dir: dest, id: extensionIdFor(der) };
}

/** Copies a Firefox build to `dest` under a fresh add-on id; returns the copy and its id. */
export function renamedFirefoxCopy(build: string, dest: string): { dir: string; id: string } {
  const id = `dafu-e2e-${process.pid}-${Date.now()}@dafu.local`;
  cpSync(build, dest, { recursive: true });
  patchManifest(dest, (m) => { (m.browser_specific_settings as { gecko: { id: string } }).gecko.id = id; });
  return { dir: dest, id };
}

/** Creates `dir` and returns the folders that had to be created, outermost first. */
function makeDir(dir: string): string[] {
  const created: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) created.unshift(d);
  mkdirSync(dir, { recursive: true });
  return created;
}

function removeEmptyDirs(created: string[]): void {
  for (const d of [...created].reverse()) if (existsSync(d) && !readdirSync(d).length) rmdirSync(d);
}

/** One Chromium policy file of this run in CHROMIUM_POLICY_DIR. */
export class ChromiumPolicyFile {
  readonly path = join(CHROMIUM_POLICY_DIR, `dafu-e2e-${process.pid}.json`);
  private created: string[] = [];
  private readonly onExit = () => this.remove();

  /** `extensions`: extension id → its managed settings */
  write(extensions: Record<string, unknown>): void {
    process.once('exit', this.onExit);
    this.created = makeDir(CHROMIUM_POLICY_DIR);
    writeFileSync(this.path, JSON.stringify({ '3rdparty': { extensions } }, null, 2));
  }

  remove(): void {
    process.removeListener('exit', this.onExit);
    rmSync(this.path, { force: true });
    removeEmptyDirs(this.created);
    this.created = [];
  }
}

type PoliciesJson = { policies?: { '3rdparty'?: { Extensions?: Record<string, unknown> } } & Record<string, unknown> };

/** This run's entries in Firefox's policies.json: added to what is there, and taken out again. */
export class FirefoxPolicyFile {
  readonly path: string;
  private ids: string[] = [];
  private created: string[] = [];
  private readonly onExit = () => this.remove();

  constructor(readonly dir: string) { this.path = join(dir, 'policies.json'); }

  private read(): PoliciesJson {
    return existsSync(this.path) ? JSON.parse(readFileSync(this.path, 'utf8')) as PoliciesJson : {};
  }

  /** `extensions`: add-on id → its managed settings */
  write(extensions: Record<string, unknown>): void {
    process.once('exit', this.onExit);
    this.created = makeDir(this.dir);
    const json = this.read();
    const policies = (json.policies ??= {});
    const third = (policies['3rdparty'] ??= {});
    third.Extensions = { ...third.Extensions, ...extensions };
    this.ids = Object.keys(extensions);
    writeFileSync(this.path, JSON.stringify(json, null, 2));
  }

  remove(): void {
    process.removeListener('exit', this.onExit);
    if (this.ids.length && existsSync(this.path)) {
      const json = this.read();
      const third = json.policies?.['3rdparty'];
      for (const id of this.ids) delete third?.Extensions?.[id];
      if (third?.Extensions && !Object.keys(third.Extensions).length) delete third.Extensions;
      if (third && !Object.keys(third).length) delete json.policies!['3rdparty'];
      // nothing else in it: the file was ours alone
      if (!json.policies || !Object.keys(json.policies).length) rmSync(this.path, { force: true });
      else writeFileSync(this.path, JSON.stringify(json, null, 2));
    }
    this.ids = [];
    removeEmptyDirs(this.created);
    this.created = [];
  }
}
