import { describe, expect, it } from 'vitest';
import { type EntrySpec, network, networkAcl } from '../../../engine/evaluate/test-network.js';
import type { NetworkAcl } from '../../../model/index.js';
import { check, example, patch, summary } from '../../test-helpers.js';

const acl = (...entries: EntrySpec[]) =>
  network({
    networkAcls: [
      networkAcl([
        ...entries,
        { n: 32767, action: 'deny', proto: -1, cidr: '0.0.0.0/0' },
        { n: 32767, egress: true, action: 'deny', proto: -1, cidr: '0.0.0.0/0' },
      ]),
    ],
  });

describe('NACL001 rules that can never match', () => {
  it.each<[string, EntrySpec[], string[]]>([
    [
      'disjoint ports',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [80, 80] },
        { n: 110, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [443, 443] },
      ],
      [],
    ],
    [
      'narrower CIDR after a wider allow',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
        { n: 130, action: 'allow', proto: 6, cidr: '10.0.1.0/24', ports: [8080, 8080] },
      ],
      ['warning acl-1'],
    ],
    [
      'allow after an all-traffic deny of a wider CIDR',
      [
        { n: 100, action: 'deny', proto: -1, cidr: '10.0.0.0/8' },
        { n: 110, action: 'allow', proto: 6, cidr: '10.1.0.0/16', ports: [22, 22] },
      ],
      ['warning acl-1'],
    ],
    [
      'partly covered only',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 2000] },
        { n: 110, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1500, 3000] },
      ],
      [],
    ],
    [
      'other protocol',
      [
        { n: 100, action: 'allow', proto: 17, cidr: '0.0.0.0/0' },
        { n: 110, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
    [
      'wider CIDR later',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '10.0.0.0/16', ports: [22, 22] },
        { n: 110, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
    [
      'other direction',
      [
        { n: 100, action: 'allow', proto: -1, cidr: '0.0.0.0/0' },
        { n: 110, egress: true, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
    [
      'deny under allow is NACL002, not NACL001',
      [
        { n: 100, action: 'allow', proto: -1, cidr: '0.0.0.0/0' },
        { n: 110, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
  ])('%s', (_name, entries, want) => expect(summary('NACL001', acl(...entries))).toEqual(want));

  it('reports the covering rule (examples/nat-instance public-nacl 130 under 120)', () => {
    const [f] = check('NACL001', example('nat-instance'));
    expect(f?.resources[0]?.id).toBe('acl-038d2a390498ad300');
    expect(f?.data).toMatchObject({
      rule: '130 allow tcp 8080 10.0.1.0/24',
      coveredBy: '120 allow tcp 1024-65535 0.0.0.0/0',
    });
  });
});

describe('NACL002 deny after the allow it carves from', () => {
  it.each<[string, EntrySpec[], string[]]>([
    [
      'deny before the allow',
      [
        { n: 90, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [3306, 3306] },
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
      ],
      [],
    ],
    [
      'deny inside the allowed ephemeral range, after it',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
        { n: 110, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [3306, 3306] },
      ],
      ['warning acl-1'],
    ],
    [
      'deny of one address after an allow of all',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
        { n: 110, action: 'deny', proto: -1, cidr: '192.0.2.7/32' },
      ],
      ['warning acl-1'],
    ],
    [
      'deny of ports the allow does not open',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
        { n: 110, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
    [
      'allow 443, then deny the other well-known ports: the usual pattern',
      [
        { n: 110, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [443, 443] },
        { n: 120, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [1, 1023] },
      ],
      [],
    ],
    [
      'deny of one address for all protocols after an allow of the high ports from everywhere',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '0.0.0.0/0', ports: [1024, 65535] },
        { n: 110, action: 'deny', proto: -1, cidr: '192.0.2.7/32' },
      ],
      ['warning acl-1'],
    ],
    [
      'deny of a wider CIDR than the allow (still denies the rest)',
      [
        { n: 100, action: 'allow', proto: 6, cidr: '10.0.0.0/16', ports: [22, 22] },
        { n: 110, action: 'deny', proto: 6, cidr: '0.0.0.0/0', ports: [22, 22] },
      ],
      [],
    ],
  ])('%s', (_name, entries, want) => expect(summary('NACL002', acl(...entries))).toEqual(want));
});

const PUBLIC_NACL = 'acl-02dcbd06c92c81798';

describe('NACL003 replies to clients of an inbound service', () => {
  it('examples/partial-ephemeral: outbound 32768-61000 misses Windows clients', () => {
    const [f, ...rest] = check('NACL003', example('partial-ephemeral'));
    expect(rest).toEqual([]);
    expect(f?.level).toBe('warning');
    expect(f?.resources[0]?.id).toBe(PUBLIC_NACL);
    expect(f?.data.gaps).toEqual(['windows 61001-65535', 'windows-2003 1025-5000']);
  });

  const outbound = (from: number, to: number) =>
    example('partial-ephemeral', (d) => ({
      networkAcls: patch(
        d.networkAcls,
        (a) => a.networkAclId,
        PUBLIC_NACL,
        (a): NetworkAcl => ({
          ...a,
          entries: a.entries.map((e) =>
            e.egress && e.ruleNumber === 100 ? { ...e, portRange: { from, to } } : e,
          ),
        }),
      ),
    }));

  it.each([
    ['outbound 1024-65535 covers every client', outbound(1024, 65535), []],
    [
      'outbound 32768-65535 misses only Windows 2003: a note',
      outbound(32768, 65535),
      [`note ${PUBLIC_NACL}`],
    ],
    ['outbound 49152-65535 misses Linux', outbound(49152, 65535), [`warning ${PUBLIC_NACL}`]],
    [
      'clients inside the VPC are the interfaces there (nat-instance: Linux only)',
      example('nat-instance'),
      [],
    ],
  ])('%s', (_name, net, want) => expect(summary('NACL003', net)).toEqual(want));
});

describe('NACL004 replies to connections the subnet opens', () => {
  const PRIVATE_NACL = 'acl-023bdf45da0646348';
  const inbound = (from: number, to: number) =>
    example('nat-instance', (d) => ({
      networkAcls: patch(
        d.networkAcls,
        (a) => a.networkAclId,
        PRIVATE_NACL,
        (a): NetworkAcl => ({
          ...a,
          entries: a.entries.map((e) =>
            !e.egress && e.ruleNumber === 110 ? { ...e, portRange: { from, to } } : e,
          ),
        }),
      ),
    }));
  it.each([
    ['inbound 1024-65535 lets replies in', example('nat-instance'), []],
    [
      'inbound 32768-61000: Windows instance win-1 gets no replies (tcp 80, 443, 5432 out)',
      inbound(32768, 61000),
      Array(3).fill(`warning ${PRIVATE_NACL}`),
    ],
    [
      'inbound 49152-65535: Linux instances get no replies',
      inbound(49152, 65535),
      Array(3).fill(`warning ${PRIVATE_NACL}`),
    ],
  ])('%s', (_name, net, want) => expect(summary('NACL004', net)).toEqual(want));

  it('names the client types that miss their replies', () => {
    const gaps = check('NACL004', inbound(32768, 61000)).map((f) => f.data.gaps);
    expect(gaps[0]).toEqual(['windows 61001-65535']);
  });
});
