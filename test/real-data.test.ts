/**
 * Traces on the real public snapshots in ../shared/data/aws-snapshots (see each folder's README for
 * origin and the answers recorded there). Skipped, with a note, when that folder is absent.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../src/ingest/index.js';
import type { Network } from '../src/model/index.js';
import { blockerSummary, expectVerdict, ids, run, tcp } from './helpers.js';

const root = fileURLToPath(new URL('../../shared/data/aws-snapshots/', import.meta.url));
const present = existsSync(root);
if (!present) console.warn(`[vpcsim] ${root} is absent: real-data trace tests are skipped`);

describe.skipIf(!present)('pybatfish hybrid-cloud (internet-facing answers of its README)', () => {
  let net: Network;
  const EAST_PUBLIC = 'i-01602d9efaed4409a';
  const EAST_PRIVATE = 'i-04cd3db5124a05ee6';
  const WEST_PUBLIC = 'i-02cae6eaa9edeed70';
  const WEST_PRIVATE = 'i-0a5d64b8b58c6dd09';
  beforeAll(async () => {
    net = await loadSnapshot(`${root}pybatfish-hybrid-cloud/aws_configs`);
  });

  it('row 2: east2_public -> west2_public private IP goes out the IGW and dies (no inter-region path)', () => {
    const t = run(net, tcp(EAST_PUBLIC, '10.40.2.80', 22));
    expectVerdict(t, 'unreachable');
    expect(ids(t.forward)).toEqual([
      EAST_PUBLIC,
      'eni-01997085076a9b98a',
      'sg-0e37fc2ef01c89369',
      'acl-09c0bb4e71ae5f9e4',
      'rtb-0aa3f1bdeb6d18dd3',
      'igw-02fd68f94367a67c7',
      'internet',
    ]);
    expect(t.forward[5]!.steps.find((s) => s.translation)?.translation).toEqual({
      field: 'source',
      from: '10.20.1.207',
      to: '13.59.144.125',
    });
    expect(blockerSummary(t)).toEqual([
      {
        code: 'INTERNET_UNROUTABLE_DESTINATION',
        component: 'igw-02fd68f94367a67c7',
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
  });

  it('row 3: east2_public -> west2_public public IP is reachable through both IGWs (SNAT then DNAT)', () => {
    const t = run(net, tcp(EAST_PUBLIC, '54.191.42.182', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      EAST_PUBLIC,
      'eni-01997085076a9b98a',
      'sg-0e37fc2ef01c89369',
      'acl-09c0bb4e71ae5f9e4',
      'rtb-0aa3f1bdeb6d18dd3',
      'igw-02fd68f94367a67c7',
      'igw-0a8309f3192e7cea3',
      'acl-087574e8620270842',
      'sg-0fb3aaffe313c6e1e',
      'eni-087e18628dadd9b48',
      WEST_PUBLIC,
    ]);
    expect(t.forward[6]!.steps[0]!.translation).toEqual({
      field: 'destination',
      from: '54.191.42.182',
      to: '10.40.2.80',
    });
  });

  it('row 6 and testFilters: internet -> east2_public tcp 3306 is reachable by the "Connectivity test" rule', () => {
    const t = run(net, tcp('internet', '13.59.144.125', 3306));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      'internet',
      'igw-02fd68f94367a67c7',
      'acl-09c0bb4e71ae5f9e4',
      'sg-0e37fc2ef01c89369',
      'eni-01997085076a9b98a',
      EAST_PUBLIC,
    ]);
    const sg = t.forward[3]!.steps[0]!.matched[0]!;
    expect(sg).toMatchObject({
      type: 'security-group-rule',
      groupId: 'sg-0e37fc2ef01c89369',
      fromPort: 3306,
      peer: '0.0.0.0/0',
      description: 'Connectivity test',
    });
  });

  it('set answers: the internet reaches exactly the two public instances; tcp other than 22 only east2_public', () => {
    const verdict = (to: string, port: number) => run(net, tcp('internet', to, port)).verdict;
    expect([EAST_PUBLIC, WEST_PUBLIC, EAST_PRIVATE, WEST_PRIVATE].map((i) => verdict(i, 22))).toEqual([
      'reachable',
      'reachable',
      'unreachable',
      'unreachable',
    ]);
    expect([EAST_PUBLIC, WEST_PUBLIC].map((i) => verdict(i, 3306))).toEqual(['reachable', 'unreachable']);
    // Derived in the README: no UDP is open from outside on any instance.
    expect(
      run(net, { from: 'internet', to: EAST_PUBLIC, protocol: 17, port: { from: 53, to: 53 } }).verdict,
    ).toBe('unreachable');
  });

  it('the private instances have no public address and no internet gateway: every reason is listed', () => {
    const t = run(net, tcp('internet', EAST_PRIVATE, 22));
    expect(blockerSummary(t).map((b) => b.code)).toEqual([
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS',
      'BAD_STATE_ATTACHMENT',
      'NO_ROUTE_TO_DESTINATION',
    ]);
  });

  it('a transit gateway attachment interface is not a host: connections to it are unknown', () => {
    const t = run(net, tcp(EAST_PUBLIC, '10.20.1.155', 5432));
    expectVerdict(t, 'unknown');
    expect(t.unknowns[0]).toMatchObject({
      code: 'UNSUPPORTED_COMPONENT',
      missing: 'connections to a transit_gateway interface',
    });
  });
});

describe.skipIf(!present)('cloudmapper demo (no route tables, NACLs or gateways in the data)', () => {
  let net: Network;
  beforeAll(async () => {
    net = await loadSnapshot(`${root}cloudmapper-demo`);
  });

  it('a trace that the data cannot decide answers unknown, naming RouteTables and NetworkAcls', () => {
    const t = run(net, tcp('1.1.1.1', 'Bastion', 22));
    expectVerdict(t, 'unknown');
    const missing = t.unknowns.filter((u) => u.code === 'MISSING_RESOURCE_TYPE').map((u) => u.missing);
    expect(missing).toEqual(expect.arrayContaining(['RouteTables', 'NetworkAcls', 'InternetGateways']));
  });

  it('a security group that certainly blocks still gives a definite answer despite missing types', () => {
    const t = run(net, tcp('8.8.8.8', 'Bastion', 22));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'ENI_SG_RULES_MISMATCH',
        component: 'sg-00000002',
        direction: 'inbound',
        path: 'forward',
        rule: null,
      },
    ]);
  });
});

describe.skipIf(!present)('batfish hybrid-cloud-aws', () => {
  let net: Network;
  beforeAll(async () => {
    net = await loadSnapshot(`${root}batfish-hybrid-cloud-aws/aws_configs`);
  });

  it('an instance with two interfaces sends from the one in the destination subnet, and says so', () => {
    // core_01 has eth0 in 192.168.1.0/24 and eth1 (eni-297b5c07) in 192.168.2.16/28, where border_01's eth1 is.
    const t = run(net, tcp('i-0b26ec095feb42260', '192.168.2.22', 179));
    expect(ids(t.forward).slice(0, 2)).toEqual(['i-0b26ec095feb42260', 'eni-297b5c07']);
    expect(t.warnings).toEqual([
      expect.objectContaining({ code: 'MULTIPLE_INTERFACES', resourceId: 'i-0b26ec095feb42260' }),
    ]);
  });

  it('a stopped instance cannot send, and it has no public IPv4 for the internet gateway', () => {
    const t = run(net, tcp('i-075dc46a9bc347264', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t).map((b) => `${b.code}@${b.component}`)).toEqual([
      'BAD_STATE@i-075dc46a9bc347264',
      'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS@igw-9b93ddfc',
    ]);
  });
});
