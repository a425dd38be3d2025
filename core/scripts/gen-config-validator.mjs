// Generates a standalone validator for the config schema (core/dist/config/validate-config.js),
// the one validateConfig uses in the CLI and the extension alike: browser extension pages forbid
// the code generation ajv does at run time (MV3 CSP). Runs before tsc, which type-checks its import.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = JSON.parse(readFileSync(join(core, 'src/config/schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
let code = standaloneCode(ajv, ajv.compile(schema));
// ajv 8 still emits require() for its runtime helpers even in ESM mode: turn them into imports
const mods = [];
code = code.replace(/require\("([^"]+)"\)/g, (_, m) => {
  let i = mods.indexOf(m);
  if (i < 0) i = mods.push(m) - 1;
  return `(__rt${i}.default?.__esModule ? __rt${i}.default : __rt${i})`;
});
code = mods.map((m, i) => `import * as __rt${i} from "${m}.js";\n`).join('') + code.replace(/^"use strict";/, '');
if (/new Function|eval\(/.test(code)) throw new Error('generated validator contains code generation');
const out = join(core, 'dist/config');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'validate-config.js'), code);
writeFileSync(join(out, 'validate-config.d.ts'), "import type { ErrorObject } from 'ajv';\ndeclare const validate: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };\nexport default validate;\n");
