/** Example (b), examples/dual-stack-eigw: IPv4 + IPv6 VPC with an internet gateway and an egress-only gateway. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/model/index.js';
import { aclRules, blockerSummary, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

const BASTION = { i: 'i-0f9f9a51788d510a1', eni: 'eni-08d69521b6dfd430f' };
const BUILD = { i: 'i-0f9404e97b589a7a9', eni: 'eni-03b639870a7a247cb' };
const WORKER = {
  i: 'i-0da87b163d2541867',
  eni: 'eni-092fca219032897eb',
  v6: '2600:1f18:4a3:6e01:3e8d:71a4:b6c2:5f10',
};
const IGW = 'igw-022005baae51d06e7';
const EIGW = 'eigw-0275d377e882adca9';
const RT = { public: 'rtb-045c5bc85e81544ca', private: 'rtb-0643522afb95f0f72' };
const ACL = 'acl-0f204c2275aa4e746';
const SG = { bastion: 'sg-0ac0ff0dea325d960', build: 'sg-06858c8689ad30053', worker: 'sg-034c5f555708eccad' };

let net: Network;
beforeAll(async () => {
  net = await loadExample('dual-stack-eigw');
});

describe('examples/dual-stack-eigw', () => {
  it('B1 worker-1 -> IPv6 internet tcp 443 leaves through the egress-only gateway and the reply comes back', () => {
    const t = run(net, tcp('worker-1', '2001:4860:4860::8888', 443));
    expectVerdict(t, 'reachable');
    expect(t.flow.source.address).toBe(WORKER.v6);
    expect(ids(t.forward)).toEqual([WORKER.i, WORKER.eni, SG.worker, ACL, RT.private, EIGW, 'internet']);
    expect(ids(t.return)).toEqual([EIGW, ACL, SG.worker, WORKER.eni, WORKER.i]);
    // IPv6 traffic matches only the IPv6 rules (101), never the IPv4 ones (100).
    expect(aclRules(t.forward)).toEqual([`${ACL}:out:101`]);
    expect(aclRules(t.return)).toEqual([`${ACL}:in:101`]);
  });

  it('B2 internet IPv6 -> worker-1 tcp 22 is unreachable: the egress-only gateway stops internet-initiated connections', () => {
    const t = run(net, tcp('2001:db8:1234::10', 'worker-1', 22));
    expectVerdict(t, 'unreachable');
    expect(ids(t.forward)).toEqual(['internet', IGW, ACL, SG.worker, WORKER.eni, WORKER.i]);
    expect(ids(t.return)).toEqual([SG.worker, ACL, RT.private, EIGW, 'internet']);
    expect(blockerSummary(t)).toEqual([
      { code: 'EIGW_INBOUND_INITIATED', component: EIGW, direction: 'inbound', path: 'return', rule: null },
    ]);
  });

  it('B3 worker-1 -> 8.8.8.8 has no IPv4 route (0.0.0.0/0 is not ::/0)', () => {
    const t = run(net, tcp('worker-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(t.disposition).toBe('no-route');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'NO_ROUTE_TO_DESTINATION',
        component: RT.private,
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
    // No public IPv4 and no NAT gateway: the fix is a NAT gateway, not the internet gateway.
    expect(t.blockers[0]!.fix?.change).toMatchObject({
      action: 'add-route',
      destination: '0.0.0.0/0',
      target: { type: 'nat-gateway', id: null },
    });
  });

  it('B4 internet IPv6 -> bastion-1 tcp 22 is reachable through the IGW without translation', () => {
    const t = run(net, tcp('2001:db8:1234::10', 'bastion-1', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual(['internet', IGW, ACL, SG.bastion, BASTION.eni, BASTION.i]);
    expect(t.forward[1]!.steps[0]!.note).toBe('IPV6_NOT_TRANSLATED');
    expect(aclRules(t.forward)).toEqual([`${ACL}:in:101`]);
  });

  it('B5 192.0.2.10 -> 203.0.113.30 (bastion-1 public IPv4) tcp 22 is reachable with 1:1 NAT', () => {
    const t = run(net, tcp('192.0.2.10', '203.0.113.30', 22));
    expectVerdict(t, 'reachable');
    expect(t.forward[1]!.steps[0]!.translation).toEqual({
      field: 'destination',
      from: '203.0.113.30',
      to: '10.1.0.10',
    });
    expect(aclRules(t.forward)).toEqual([`${ACL}:in:100`]);
  });

  it('B6 build-1 (no public IPv4) -> 8.8.8.8 is blocked at the internet gateway', () => {
    const t = run(net, tcp('build-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(ids(t.forward)).toEqual([BUILD.i, BUILD.eni, SG.build, ACL, RT.public, IGW, 'internet']);
    expect(blockerSummary(t)).toEqual([
      {
        code: 'IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS',
        component: IGW,
        direction: 'outbound',
        path: 'forward',
        rule: null,
      },
    ]);
    expect(t.blockers[0]!.fix?.change).toEqual({
      action: 'associate-public-ip',
      networkInterfaceId: BUILD.eni,
      privateIp: '10.1.0.20',
    });
  });

  it('B7 build-1 -> IPv6 internet is reachable through the IGW (IPv6 needs no public address)', () => {
    const t = run(net, tcp('build-1', '2001:4860:4860::8888', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([BUILD.i, BUILD.eni, SG.build, ACL, RT.public, IGW, 'internet']);
  });

  it('B8/B9 bastion-1 -> worker-1 tcp 22 over IPv6 and IPv4 are both reachable', () => {
    const v6 = run(net, tcp('bastion-1', WORKER.v6, 22));
    expectVerdict(v6, 'reachable');
    expect(aclRules(v6.forward)).toEqual([`${ACL}:out:101`, `${ACL}:in:101`]);
    const v4 = run(net, tcp('bastion-1', 'worker-1', 22));
    expectVerdict(v4, 'reachable');
    expect(aclRules(v4.forward)).toEqual([`${ACL}:out:100`, `${ACL}:in:100`]);
    expect(v4.forward[6]!.steps[0]!.matched[0]).toMatchObject({ groupId: SG.worker, peer: SG.bastion });
    const named = run(net, tcp('bastion-1', 'worker-1', 22, { ipv6: true }));
    expect(named.flow.destination.address).toBe(WORKER.v6);
  });

  it('the IPv6 metadata address answers only with HttpProtocolIpv6 enabled (disabled here, as AWS defaults it)', () => {
    const t = run(net, tcp('bastion-1', 'fd00:ec2::254', 80));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'INSTANCE_METADATA_DISABLED',
        component: BASTION.i,
        direction: null,
        path: 'forward',
        rule: null,
      },
    ]);
    expect(t.blockers[0]!.fix?.text).toContain('--http-protocol-ipv6 enabled');
    expectVerdict(run(net, tcp('bastion-1', '169.254.169.254', 80)), 'reachable');
  });
});
