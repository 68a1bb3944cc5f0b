/**
 * Round trips: random records of random formats are written as AWS writes them and read back to
 * the same values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from '../net/index.js';
import { ALB_FIELDS, type ElbFieldSpec } from './formats/elb.js';
import { type FlowFieldSpec, VPC_FLOW_FIELDS } from './formats/vpc-flow.js';
import { collectText } from './test-helpers.js';

// Tokens start with a capital or digit: never name-shaped, so no data line reads as a header.
const token = fc.stringMatching(/^[A-Z0-9][A-Za-z0-9:/._-]{0,20}$/);
const canonical = (ip: string) => formatIp(parseIp(ip)!);
const ip = fc.oneof(fc.ipV4(), fc.ipV6());

/** A field value as logged, and the value the record should hold. */
function flowValue(f: FlowFieldSpec): fc.Arbitrary<[string, unknown]> {
  const v: fc.Arbitrary<[string, unknown]> = (() => {
    switch (f.type) {
      case 'int':
        return fc
          .integer({ min: f.min ?? 0, max: f.max ?? 2 ** 31 - 1 })
          .map((n) => [String(n), n] as [string, unknown]);
      case 'bigint':
        return fc
          .integer({ min: 0, max: Number.MAX_SAFE_INTEGER })
          .map((n) => [String(n), n] as [string, unknown]);
      case 'ip':
        return ip.map((a) => [a, canonical(a)] as [string, unknown]);
      case 'enum':
        return (
          f.closed ? fc.constantFrom(...f.values!) : fc.oneof(fc.constantFrom(...f.values!), token)
        ).map((s) => [s, s] as [string, unknown]);
      case 'text':
        return token.map((s) => [s, s] as [string, unknown]);
    }
  })();
  return fc.oneof(
    { weight: 6, arbitrary: v },
    { weight: 1, arbitrary: fc.constant<[string, unknown]>(['-', null]) },
  );
}

describe('round trips', () => {
  it('flow logs: any subset of the v2-v8 fields, in any order, from a header line', async () => {
    const fields = VPC_FLOW_FIELDS as readonly FlowFieldSpec[];
    const format = fc.shuffledSubarray([...fields], { minLength: 1 });
    await fc.assert(
      fc.asyncProperty(
        format.chain((fs) =>
          fc.tuple(fc.constant(fs), fc.array(fc.tuple(...fs.map(flowValue)), { minLength: 1, maxLength: 5 })),
        ),
        async ([fs, rows]) => {
          const text = [
            fs.map((f) => f.name).join(' '),
            ...rows.map((r) => r.map(([t]) => t).join(' ')),
          ].join('\n');
          const { records, result } = await collectText(`${text}\n`);
          expect(result.fatal).toBeUndefined();
          const expected = rows.map((r) => Object.fromEntries(fs.map((f, i) => [f.name, r[i]![1]])));
          expect(result.acc.counts.malformed).toBe(0);
          expect(records).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ALB access logs: every field, quoted fields with spaces, IPv6 in brackets, trailing extras', async () => {
    const hostport = fc.oneof(
      fc.constant('-'),
      fc
        .tuple(ip, fc.integer({ min: 0, max: 65535 }))
        .map(([a, p]) => (a.includes(':') ? `[${a}]:${p}` : `${a}:${p}`)),
    );
    const value = (f: ElbFieldSpec): fc.Arbitrary<string> => {
      switch (f.type) {
        case 'enum':
          return f.closed
            ? fc.constantFrom(...f.values!)
            : fc.oneof(fc.constant('-'), fc.constantFrom(...f.values!));
        case 'time':
          return fc
            .date({ min: new Date('2015-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString().replace('Z', '123Z'));
        case 'hostport':
          return hostport;
        case 'float':
          return fc.oneof(
            fc.constant('-1'),
            fc.integer({ min: 0, max: 999999 }).map((n) => (n / 1000).toFixed(3)),
          );
        case 'int':
          return fc.oneof(fc.constant('-'), fc.integer({ min: 0, max: 2 ** 31 }).map(String));
        default:
          return f.quoted
            ? fc.oneof(fc.constant('-'), fc.stringMatching(/^[A-Za-z0-9:/.,=_ -]{0,30}$/))
            : fc.oneof(fc.constant('-'), token);
      }
    };
    const fields = ALB_FIELDS as readonly ElbFieldSpec[];
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(...fields.map(value)),
        fc.integer({ min: 0, max: fields.length - 29 }),
        fc.array(token, { maxLength: 2 }),
        async (values, optional, extras) => {
          const n = 29 + optional;
          const logged = values.slice(0, n).map((v, i) => (fields[i]!.quoted ? `"${v}"` : v));
          const line = [...logged, ...(n === fields.length ? extras : [])].join(' ');
          const { records, result } = await collectText(`${line}\n`, { type: 'alb' });
          expect(result.acc.samples).toEqual([]);
          const expected: Record<string, unknown> = {};
          values.slice(0, n).forEach((v, i) => {
            const f = fields[i]!;
            expected[f.name] = v === '-' ? null : f.type === 'float' || f.type === 'int' ? Number(v) : v;
          });
          if (n === fields.length && extras.length > 0) expected.extras = extras;
          expect(records).toEqual([expected]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
