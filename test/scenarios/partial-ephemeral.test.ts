/**
 * Example (d), examples/partial-ephemeral: a NACL whose return rule covers only the Linux ephemeral
 * range, so the verdict depends on the client's operating system; plus a NAT gateway path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/model/index.js';
import { aclRules, blockerSummary, expectVerdict, ids, loadExample, run, tcp } from '../helpers.js';

const WEB2 = { i: 'i-0b9005d5b8ceaa2e0', eni: 'eni-064a32656d74e315f' };
const API = { i: 'i-0c4c6e64efaab8066', eni: 'eni-037bbb07ac274169d' };
const NAT = { id: 'nat-0623d6df6f9721ea9', eni: 'eni-0ca30f4f172da62cb' };
const IGW = 'igw-081d26eaf1779ea9a';
const RT = { public: 'rtb-04de3c8bbbf4cedf4', private: 'rtb-03b241def77a99e30' };
const ACL = { public: 'acl-02dcbd06c92c81798', default: 'acl-01ba7c0de2a76407a' };
const SG = { web2: 'sg-066da822f68fee5eb', api: 'sg-08b20ae48d194074f' };

let net: Network;
beforeAll(async () => {
  net = await loadExample('partial-ephemeral');
});

describe('examples/partial-ephemeral', () => {
  it('D1 an internet client of unknown type -> web-2 tcp 443 is partial: replies reach only 32768-61000', () => {
    const t = run(net, tcp('192.0.2.10', 'web-2', 443));
    expectVerdict(t, 'partial');
    expect(t.flow.clientType).toBe('any');
    expect(t.ports).toEqual({ of: 'source', working: '32768-61000', failing: '1024-32767, 61001-65535' });
    expect(ids(t.forward)).toEqual(['internet', IGW, ACL.public, SG.web2, WEB2.eni, WEB2.i]);
    expect(ids(t.return)).toEqual([SG.web2, ACL.public, RT.public, IGW, 'internet']);
    expect(blockerSummary(t)).toEqual([
      {
        code: 'SUBNET_ACL_RESTRICTION',
        component: ACL.public,
        direction: 'outbound',
        path: 'return',
        rule: 'rule *',
      },
    ]);
    const b = t.blockers[0]!;
    expect(b.ports).toBe('1024-32767, 61001-65535');
    expect(b.affectedClients).toEqual(['windows', 'windows-2003', 'elb', 'nat-gateway', 'lambda', 'any']);
    expect(b.fix?.change).toMatchObject({
      action: 'add-network-acl-entry',
      networkAclId: ACL.public,
      egress: true,
      ruleNumber: 130,
      portRange: '1024-65535',
      cidr: '0.0.0.0/0',
    });
    expect(aclRules(t.return)).toEqual([`${ACL.public}:out:100`, `${ACL.public}:out:*`]);
  });

  it('D2 a Linux client is reachable', () => {
    const t = run(net, tcp('192.0.2.10', 'web-2', 443, { clientType: 'linux' }));
    expectVerdict(t, 'reachable');
    expect(aclRules(t.return)).toEqual([`${ACL.public}:out:100`]);
  });

  it('D3 a Windows Server 2008+ client is partial: 61001-65535 fail', () => {
    const t = run(net, tcp('192.0.2.10', 'web-2', 443, { clientType: 'windows' }));
    expectVerdict(t, 'partial');
    expect(t.ports).toEqual({ of: 'source', working: '49152-61000', failing: '61001-65535' });
    expect(t.blockers[0]!.ports).toBe('61001-65535');
  });

  it('D4 a Windows 2003 client (1025-5000) is unreachable: no reply port passes', () => {
    const t = run(net, tcp('192.0.2.10', 'web-2', 443, { clientType: 'windows-2003' }));
    expectVerdict(t, 'unreachable');
    expect(t.disposition).toBe('reply-dropped');
    expect(t.blockers[0]!.ports).toBe('1025-5000');
  });

  it('--source-port pins one client port: 40000 works, 5000 does not', () => {
    expectVerdict(
      run(net, tcp('192.0.2.10', 'web-2', 443, { sourcePort: { from: 40000, to: 40000 } })),
      'reachable',
    );
    expectVerdict(
      run(net, tcp('192.0.2.10', 'web-2', 443, { sourcePort: { from: 5000, to: 5000 } })),
      'unreachable',
    );
  });

  it('D5 api-1 -> 8.8.8.8 tcp 443 through the NAT gateway is reachable (NAT ports 1024-65535 pass rule 110)', () => {
    const t = run(net, tcp('api-1', '8.8.8.8', 443));
    expectVerdict(t, 'reachable');
    expect(ids(t.forward)).toEqual([
      API.i,
      API.eni,
      SG.api,
      ACL.default,
      RT.private,
      ACL.public,
      NAT.eni,
      NAT.id,
      ACL.public,
      RT.public,
      IGW,
      'internet',
    ]);
    expect(aclRules(t.forward)).toEqual([
      `${ACL.default}:out:100`,
      `${ACL.public}:in:100`,
      `${ACL.public}:out:110`,
    ]);
    expect(aclRules(t.return)).toEqual([
      `${ACL.public}:in:110`,
      `${ACL.public}:out:100`,
      `${ACL.default}:in:100`,
    ]);
  });

  it('D6 legacy-1 (Windows) -> 8.8.8.8 is reachable: its reply ports split across rules 100 and 120', () => {
    const t = run(net, tcp('legacy-1', '8.8.8.8', 443));
    expectVerdict(t, 'reachable');
    expect(aclRules(t.return)).toEqual([
      `${ACL.public}:in:110`,
      `${ACL.public}:out:100`,
      `${ACL.public}:out:120`,
      `${ACL.default}:in:100`,
    ]);
  });
});
