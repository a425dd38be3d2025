/**
 * Chromium enterprise policy for the e2e of settings pushed by policy (test/e2e/policy.test.ts).
 *
 * Chromium on Linux reads machine policy from /etc/chromium/policies/managed/*.json, and an
 * extension's settings from `3rdparty.extensions.<extension id>` there. The id of an unpacked
 * extension comes from its path unless the manifest has a `key`, so each run copies the built
 * extension and gives the copy a fresh public key: its id is new and known, and the policy file
 * (which every Chromium on the machine reads) concerns no other extension and no other run.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { accessSync, constants, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXT_OUT } from './chromium-extension';

export const POLICY_DIR = '/etc/chromium/policies/managed';

/** Whether this process can create POLICY_DIR (or write into it): root, or a prepared machine. */
export function canWritePolicyDir(): boolean {
  let d = POLICY_DIR;
  while (!existsSync(d)) d = dirname(d);
  try {
    accessSync(d, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Chrome's extension id for a public key: the first 128 bits of its SHA-256, as letters a–p. */
export function extensionIdFor(spkiDer: Buffer): string {
  return [...createHash('sha256').update(spkiDer).digest('hex').slice(0, 32)].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/**
 * Copies the built extension to `dest` with a fresh manifest key; returns the copy and its id.
 * `hostPermissions` stands for a DAFU_HOSTS build (sites granted at install).
 */
export function keyedCopy(dest: string, { hostPermissions }: { hostPermissions?: string[] } = {}): { dir: string; id: string } {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  cpSync(EXT_OUT, dest, { recursive: true });
  const manifestPath = join(dest, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.key = der.toString('base64');
  if (hostPermissions) manifest.host_permissions = hostPermissions;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir: dest, id: extensionIdFor(der) };
}

/**
 * One policy file in POLICY_DIR, removed by `remove()` (call it in afterAll) and, as a last
 * resort, when the process exits. Folders it had to create are removed again when empty.
 */
export class PolicyFile {
  readonly path = join(POLICY_DIR, `dafu-e2e-${process.pid}.json`);
  private created: string[] = [];
  private readonly onExit = () => this.remove();

  /** `extensions`: extension id → its managed settings */
  write(extensions: Record<string, unknown>): void {
    for (let d = POLICY_DIR; !existsSync(d); d = dirname(d)) this.created.unshift(d);
    mkdirSync(POLICY_DIR, { recursive: true });
    process.once('exit', this.onExit);
    writeFileSync(this.path, JSON.stringify({ '3rdparty': { extensions } }, null, 2));
  }

  remove(): void {
    process.removeListener('exit', this.onExit);
    rmSync(this.path, { force: true });
    for (const d of [...this.created].reverse()) {
      if (existsSync(d) && !readdirSync(d).length) rmdirSync(d);
    }
    this.created = [];
  }
}
