/**
 * The fix check: the fixes a trace suggests, applied to a copy of the network, and the flow traced
 * again. On the examples every blocker's fix that can be applied makes the flow reachable; fixes
 * that leave a choice (a route to a target vpcsim cannot pick) are reported, not guessed.
 */
import { describe, expect, it } from 'vitest';
import { loadExample, tcp } from '../../test/helpers.js';
import { checkFixes } from './fix-check.js';
import { trace } from './trace.js';

describe('fix check', () => {
  it.each([
    // example, from, to, port, verdict before, the fix check
    [
      'nat-instance',
      '192.0.2.10',
      'web-1',
      22,
      'unreachable',
      { verdict: 'reachable', applied: 2, notApplied: [], remaining: [], further: [] },
    ],
    [
      'nat-instance',
      'app-1',
      '8.8.8.8',
      22,
      'unreachable',
      { verdict: 'reachable', applied: 5, notApplied: [], remaining: [], further: [] },
    ],
    [
      'nat-instance',
      'web-1',
      'db-1',
      5432,
      'unreachable',
      { verdict: 'reachable', applied: 1, notApplied: [], remaining: [], further: [] },
    ],
    [
      'partial-ephemeral',
      '192.0.2.10',
      'web-2',
      443,
      'partial',
      { verdict: 'reachable', applied: 1, notApplied: [], remaining: [], further: [] },
    ],
    [
      'nat-instance',
      'db-1',
      '8.8.8.8',
      443,
      'unreachable',
      {
        // A route to the NAT instance other subnets use; behind it, its group admits 443 only from
        // the app subnet: the further fix (README A8's note).
        verdict: 'reachable',
        applied: 1,
        notApplied: [],
        remaining: [],
        further: [
          {
            change: {
              action: 'add-security-group-rule',
              groupId: 'sg-0e32e84a35064bd28',
              direction: 'inbound',
              ipProtocol: 6,
              fromPort: 443,
              toPort: 443,
              cidr: '10.0.2.10/32',
            },
            text: 'add to sg-0e32e84a35064bd28 inbound: tcp 443 from 10.0.2.10/32',
          },
        ],
      },
    ],
    [
      'nat-instance',
      'internet',
      'db-1',
      5432,
      'unreachable',
      // A public address, the group rule, and for the reply a route back out of the internet gateway.
      { verdict: 'reachable', applied: 3, notApplied: [], remaining: [], further: [] },
    ],
  ] as const)('%s: %s -> %s tcp %i (%s)', async (example, from, to, port, before, check) => {
    const net = await loadExample(example);
    const q = tcp(from, to, port);
    const t = trace(net, q);
    expect(t.verdict).toBe(before);
    expect(checkFixes(net, q, t)).toEqual(check);
    // The network itself is not changed.
    expect(trace(net, q).verdict).toBe(before);
  });

  it('nothing to check when no blocker has a fix (a reachable flow)', async () => {
    const net = await loadExample('nat-instance');
    const q = tcp('internet', 'web-1', 443);
    expect(checkFixes(net, q, trace(net, q))).toBeUndefined();
  });
});
