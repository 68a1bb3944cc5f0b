/**
 * Example (a), examples/nat-instance: public + private subnets, a NAT instance with the NATSG of
 * AWS's guide, NACLs with ephemeral ports, and a subnet on the main route table. Answers as recorded
 * in examples/nat-instance/README.md.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/model/index.js';
import { aclRules, blockerSummary, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

const WEB = { i: 'i-0eb35bb3ae1832500', eni: 'eni-09b44f81a505da970' };
const NAT = { i: 'i-0af95c21197ac17c2', eni: 'eni-0f1b9117d265c9430' };
const APP = { i: 'i-07fdc78be786be1f7', eni: 'eni-040667063d65a25c4' };
const WIN = { i: 'i-0e7253ae4234ea6be', eni: 'eni-0d4b4f9173a725783' };
const DB = { i: 'i-0cfcbc3f2c563400c', eni: 'eni-01a980b2855bd5d17' };
const IGW = 'igw-02960340f5283e16f';
const RT = {
  main: 'rtb-092727edb5592c0f2',
  public: 'rtb-073ec0934db136d13',
  private: 'rtb-0d175da86190be4a9',
};
const ACL = {
  default: 'acl-04d5ad37781662a2a',
  public: 'acl-038d2a390498ad300',
  private: 'acl-023bdf45da0646348',
};
const SG = {
  web: 'sg-08e300187b090fe12',
  nat: 'sg-0e32e84a35064bd28',
  app: 'sg-04b41127830c0410e',
  db: 'sg-05c61c852bedaf27b',
};

let net: Network;
beforeAll(async () => {
  net = await loadExample('nat-instance');
});

describe('examples/nat-instance', () => {
  it('A1 internet -> web-1 tcp 443 is reachable through the IGW 1:1 NAT', () => {
    const t = run(net, tcp('internet', 'web-1', 443));
    expectVerdict(t, 'reachable');
    expect(t.disposition).toBe('delivered');
    expect(t.flow.destination.address).toBe('203.0.113.10');
    expect(ids(t.forward)).toEqual(['internet', IGW, ACL.public, SG.web, WEB.eni, WEB.i]);
    expect(ids(t.return)).toEqual([SG.web, ACL.public, RT.public, IGW, 'internet']);
    expect(aclRules(t.forward)).toEqual([`${ACL.public}:in:110`]);
    expect(aclRules(t.return)).toEqual([`${ACL.public}:out:120`]);
    const igwHop = t.forward[1]!;
    expect(igwHop.steps[0]!.translation).toEqual({
      field: 'destination',
      from: '203.0.113.10',
      to: '10.0.0.10',
    });
    const sgStep = t.forward[3]!.steps[0]!;
    expect(sgStep.matched[0]).toMatchObject({
      type: 'security-group-rule',
      groupId: SG.web,
      peer: '0.0.0.0/0',
      fromPort: 443,
    });
    expect(t.blockers).toEqual([]);
  });

  it('A2 192.0.2.10 -> web-1 tcp 22 is blocked by the NACL default rule and by web-sg, both reported', () => {
    const t = run(net, tcp('192.0.2.10', 'web-1', 22));
    expectVerdict(t, 'unreachable');
    expect(t.disposition).toBe('dropped');
    expect(blockerSummary(t)).toEqual([
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.public,
        direction: 'inbound',
        path: 'forward',
        rule: 'rule *',
      },
      { code: 'ENI_SG_RULES_MISMATCH', component: SG.web, direction: 'inbound', path: 'forward', rule: null },
    ]);
    expect(t.blockers[0]!.fix?.change).toMatchObject({
      action: 'add-network-acl-entry',
      networkAclId: ACL.public,
      egress: false,
      ruleNumber: 140,
      beforeRuleNumber: 32767,
      protocol: 6,
      portRange: '22',
    });
    expect(t.blockers[1]!.fix?.change).toEqual({
      action: 'add-security-group-rule',
      groupId: SG.web,
      direction: 'inbound',
      ipProtocol: 6,
      fromPort: 22,
      toPort: 22,
      cidr: '192.0.2.10/32',
    });
    expect(t.blockers[1]!.fix?.text).toBe(`add to ${SG.web} inbound: tcp 22 from 192.0.2.10/32`);
  });

  it('A3 198.51.100.7 (home network) -> nat-1 tcp 22 is reachable on its Elastic IP', () => {
    const t = run(net, tcp('198.51.100.7', 'nat-1', 22));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual(['internet', IGW, ACL.public, SG.nat, NAT.eni, NAT.i]);
    expect(aclRules(t.forward)).toEqual([`${ACL.public}:in:120`]);
    expect(t.flow.destination.address).toBe('203.0.113.20');
  });

  it('A4 app-1 -> 8.8.8.8 tcp 443 goes through nat-1 (SNAT to its private IP, then its EIP)', () => {
    const t = run(net, tcp('app-1', '8.8.8.8', 443));
    expectVerdict(t, 'reachable');
    expect(t.disposition).toBe('exits-to-internet');
    expect(ids(t.forward)).toEqual([
      APP.i,
      APP.eni,
      SG.app,
      ACL.private,
      RT.private,
      ACL.public,
      SG.nat,
      NAT.eni,
      NAT.i,
      SG.nat,
      ACL.public,
      RT.public,
      IGW,
      'internet',
    ]);
    expect(ids(t.return)).toEqual([
      IGW,
      ACL.public,
      SG.nat,
      NAT.eni,
      NAT.i,
      SG.nat,
      ACL.public,
      RT.public,
      ACL.private,
      SG.app,
      APP.eni,
      APP.i,
    ]);
    expect(aclRules(t.forward)).toEqual([
      `${ACL.private}:out:110`,
      `${ACL.public}:in:110`,
      `${ACL.public}:out:110`,
    ]);
    expect(aclRules(t.return)).toEqual([
      `${ACL.public}:in:130`,
      `${ACL.public}:out:120`,
      `${ACL.private}:in:110`,
    ]);
    const translations = t.forward.flatMap((h) =>
      h.steps.flatMap((s) => (s.translation ? [s.translation] : [])),
    );
    expect(translations).toEqual([
      { field: 'source', from: '10.0.1.10', to: '10.0.0.20' },
      { field: 'source', from: '10.0.0.20', to: '203.0.113.20' },
    ]);
    const route = t.forward[4]!.steps[0]!.matched[0]!;
    expect(route).toMatchObject({
      type: 'route',
      routeTableId: RT.private,
      destination: '0.0.0.0/0',
      target: { type: 'instance', id: NAT.i },
    });
  });

  it('A5 app-1 -> 8.8.8.8 tcp 22 reports every blocker in path order, not only the first', () => {
    const t = run(net, tcp('app-1', '8.8.8.8', 22));
    expectVerdict(t, 'unreachable');
    expect(ids(t.forward)).toEqual([
      APP.i,
      APP.eni,
      SG.app,
      ACL.private,
      RT.private,
      ACL.public,
      SG.nat,
      NAT.eni,
      NAT.i,
      SG.nat,
      ACL.public,
      RT.public,
      IGW,
      'internet',
    ]);
    expect(blockerSummary(t)).toEqual([
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.private,
        direction: 'outbound',
        path: 'forward',
        rule: 'rule *',
      },
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.public,
        direction: 'inbound',
        path: 'forward',
        rule: 'rule *',
      },
      { code: 'ENI_SG_RULES_MISMATCH', component: SG.nat, direction: 'inbound', path: 'forward', rule: null },
      {
        code: 'ENI_SG_RULES_MISMATCH',
        component: SG.nat,
        direction: 'outbound',
        path: 'forward',
        rule: null,
      },
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.public,
        direction: 'outbound',
        path: 'forward',
        rule: 'rule *',
      },
    ]);
    // The NACL fix for a peer inside the VPC names the peer's subnet, not the whole internet.
    expect(t.blockers[1]!.fix?.change).toMatchObject({ cidr: '10.0.1.0/24', portRange: '22' });
    expect(t.forward.filter((h) => h.steps.some((s) => s.blocking)).map((h) => h.component.id)).toEqual([
      ACL.private,
      ACL.public,
      SG.nat,
      SG.nat,
      ACL.public,
    ]);
  });

  it('A6 web-1 -> app-1 tcp 8080 is reachable: app-sg admits web-sg by reference; the reply fits rule 120', () => {
    const t = run(net, tcp('web-1', 'app-1', 8080));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      WEB.i,
      WEB.eni,
      SG.web,
      ACL.public,
      RT.public,
      ACL.private,
      SG.app,
      APP.eni,
      APP.i,
    ]);
    expect(ids(t.return)).toEqual([SG.app, ACL.private, RT.private, ACL.public, SG.web, WEB.eni, WEB.i]);
    expect(aclRules(t.forward)).toEqual([`${ACL.public}:out:120`, `${ACL.private}:in:100`]);
    expect(aclRules(t.return)).toEqual([`${ACL.private}:out:120`, `${ACL.public}:in:130`]);
    expect(t.forward[6]!.steps[0]!.matched[0]).toMatchObject({
      groupId: SG.app,
      peer: SG.web,
      fromPort: 8080,
    });
    expect(t.flow.clientType).toBe('linux');
    expect(t.flow.sourcePorts).toBe('32768-61000');
  });

  it('A6 with an unknown client type is partial: private-nacl returns only 32768-65535', () => {
    const t = run(net, tcp('web-1', 'app-1', 8080, { clientType: 'any' }));
    expectVerdict(t, 'partial');
    expect(t.ports).toEqual({ of: 'source', working: '32768-65535', failing: '1024-32767' });
    expect(blockerSummary(t)).toEqual([
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.private,
        direction: 'outbound',
        path: 'return',
        rule: 'rule *',
      },
    ]);
    expect(t.blockers[0]!.ports).toBe('1024-32767');
    expect(t.blockers[0]!.affectedClients).toEqual(['windows-2003', 'elb', 'nat-gateway', 'lambda', 'any']);
  });

  it('A7 win-1 (Windows, 49152-65535) -> 8.8.8.8 tcp 443 is reachable', () => {
    const t = run(net, tcp('win-1', '8.8.8.8', 443));
    expectVerdict(t, 'reachable');
    expect(t.flow.clientType).toBe('windows');
    expect(t.flow.sourcePorts).toBe('49152-65535');
    expect(ids(t.forward).slice(0, 2)).toEqual([WIN.i, WIN.eni]);
    expect(aclRules(t.return)).toEqual([
      `${ACL.public}:in:130`,
      `${ACL.public}:out:120`,
      `${ACL.private}:in:110`,
    ]);
  });

  it('A8 db-1 -> 8.8.8.8 has no route: the db subnet uses the main route table, which has only local', () => {
    const t = run(net, tcp('db-1', '8.8.8.8', 443));
    expectVerdict(t, 'unreachable');
    expect(t.disposition).toBe('no-route');
    expect(ids(t.forward)).toEqual([DB.i, DB.eni, SG.db, ACL.default, RT.main]);
    expect(t.return).toEqual([]);
    expect(blockerSummary(t)).toEqual([
      { code: 'NO_ROUTE_TO_DESTINATION', component: RT.main, direction: null, path: 'forward', rule: null },
    ]);
    expect(t.forward[4]!.steps[0]!.note).toBe('NO_MATCHING_ROUTE');
    expect(t.blockers[0]!.fix?.change).toMatchObject({
      action: 'add-route',
      routeTableId: RT.main,
      destination: '0.0.0.0/0',
    });
  });

  it('A9 app-1 -> db-1 tcp 5432 is reachable through the default NACL', () => {
    const t = run(net, tcp('app-1', 'db-1', 5432));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      APP.i,
      APP.eni,
      SG.app,
      ACL.private,
      RT.private,
      ACL.default,
      SG.db,
      DB.eni,
      DB.i,
    ]);
    expect(aclRules(t.forward)).toEqual([`${ACL.private}:out:130`, `${ACL.default}:in:100`]);
    expect(aclRules(t.return)).toEqual([`${ACL.default}:out:100`, `${ACL.private}:in:110`]);
  });

  it('A10 web-1 -> db-1 tcp 5432 is blocked by db-sg only', () => {
    const t = run(net, tcp('web-1', 'db-1', 5432));
    expectVerdict(t, 'unreachable');
    expect(blockerSummary(t)).toEqual([
      { code: 'ENI_SG_RULES_MISMATCH', component: SG.db, direction: 'inbound', path: 'forward', rule: null },
    ]);
  });

  it('DNS to the VPC resolver (base + 2) is never filtered', () => {
    const t = run(net, { from: 'db-1', to: '10.0.0.2', protocol: 17, port: { from: 53, to: 53 } });
    expectVerdict(t, 'reachable');
    expect(t.disposition).toBe('not-filtered-aws-service');
    expect(ids(t.forward)).toEqual([DB.i, DB.eni, 'amazon-dns']);
  });

  it('instance metadata is reached without any SG or NACL step', () => {
    const t = run(net, tcp('app-1', '169.254.169.254', 80));
    expectVerdict(t, 'reachable');
    expect(t.forward.flatMap((h) => h.steps.map((s) => s.kind))).not.toContain('security-group');
  });

  it('AWS services answer only their own ports: other ports there are unknown, not reachable', () => {
    expectVerdict(run(net, tcp('app-1', '169.254.169.254', 3306)), 'unknown');
    expectVerdict(run(net, tcp('app-1', '10.0.0.2', 22)), 'unknown');
    expectVerdict(run(net, tcp('app-1', '10.0.1.1', 22)), 'unknown');
    expectVerdict(
      run(net, { from: 'app-1', to: '169.254.169.123', protocol: 17, port: { from: 123, to: 123 } }),
      'reachable',
    );
  });

  it('IPv4 and IPv6 endpoints cannot be mixed in one flow', () => {
    expect(() => run(net, tcp('10.0.1.10', '2001:db8::1', 443))).toThrow(/MIXED_FAMILIES/);
  });

  it('a destination port range of which only part is allowed is partial on the destination ports', () => {
    const t = run(net, { from: 'web-1', to: 'app-1', protocol: 6, port: { from: 8079, to: 8081 } });
    expectVerdict(t, 'partial');
    expect(t.ports).toEqual({ of: 'destination', working: '8080', failing: '8079, 8081' });
  });
});
