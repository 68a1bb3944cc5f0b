/** For tests: a ReadContext over a fake file that collects its warnings. */
import type { LoadWarning } from '../../model/index.js';
import { createContext, OriginRegistry, type ReadContext } from './context.js';

export function testContext(file = 'test.json'): { ctx: ReadContext; warnings: LoadWarning[] } {
  const warnings: LoadWarning[] = [];
  return { ctx: createContext(file, new OriginRegistry(), (w) => warnings.push(w)), warnings };
}
