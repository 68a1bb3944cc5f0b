// `npm run docs:logs`: rewrites the generated field tables of docs/logs.md from the format tables.
import { readFileSync, writeFileSync } from 'node:fs';
import { updateLogsDoc } from '../src/logs/formats/doc.js';

const path = new URL('../docs/logs.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = updateLogsDoc(before);
if (after !== before) writeFileSync(path, after);
process.stdout.write(after === before ? 'docs/logs.md is current\n' : 'docs/logs.md updated\n');
