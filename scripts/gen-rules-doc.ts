// `npx tsx scripts/gen-rules-doc.ts`: rewrites docs/rules.md from the lint rules' metadata.
import { readFileSync, writeFileSync } from 'node:fs';
import { rulesDoc } from '../src/lint/doc.js';

const path = new URL('../docs/rules.md', import.meta.url);
let before = '';
try {
  before = readFileSync(path, 'utf8');
} catch {
  // first run
}
const after = rulesDoc();
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'docs/rules.md is current\n' : 'docs/rules.md updated\n');
