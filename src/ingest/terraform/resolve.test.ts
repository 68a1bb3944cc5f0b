import { describe, expect, it } from 'vitest';
import type { NetworkData } from '../../model/index.js';
import { terraformPlanData } from './index.js';
import { instance, openGroup, plan, type Res, ref, subnet, vpc } from './test-plan.js';

/** As `terraform show -json` prints `count` resources: one configuration entry per resource, not per instance. */
function planData(...resources: Res[]): NetworkData {
  const p = plan(...resources) as { configuration: { root_module: { resources: { address: string }[] } } };
  const byAddress = new Map<string, { address: string }>();
  for (const c of p.configuration.root_module.resources) {
    const address = c.address.replace(/\[[^\]]*\]$/, '');
    if (!byAddress.has(address)) byAddress.set(address, { ...c, address });
  }
  p.configuration.root_module.resources = [...byAddress.values()];
  return terraformPlanData(p, 'plan.json');
}

// Two instances of one subnet resource (count = 2): `aws_subnet.private[0]` and `[1]`.
const twoSubnets: Res[] = [
  { ...subnet('private', '10.0.1.0/24'), name: 'private[0]' },
  { ...subnet('private', '10.0.2.0/24'), name: 'private[1]' },
];

describe('references to a resource of several instances', () => {
  it('a list that names none of them (a splat) holds them all', () => {
    const d = planData(vpc(), ...twoSubnets, openGroup(), {
      type: 'aws_network_acl',
      name: 'private',
      values: { ingress: [], egress: [] },
      expressions: { vpc_id: ref('aws_vpc.main.id'), subnet_ids: ref('aws_subnet.private') },
    });
    const acl = d.networkAcls.find((a) => a.networkAclId === 'tf:aws_network_acl.private');
    expect(acl?.associations.map((a) => a.subnetId).sort()).toEqual([
      'tf:aws_subnet.private[0]',
      'tf:aws_subnet.private[1]',
    ]);
    expect(d.warnings).toEqual([]);
  });

  it('a single id that does not say which one is not guessed: the first instance is not taken', () => {
    const web = { ...instance('web', 'private', { private_ip: '10.0.2.10' }) };
    const d = planData(vpc(), ...twoSubnets, openGroup(), {
      ...web,
      expressions: { ...web.expressions, subnet_id: ref('aws_subnet.private', 'local.which') },
    });
    expect(d.instances.find((i) => i.instanceId === 'tf:aws_instance.web')?.subnetId).toBeUndefined();
    expect(d.warnings.map((w) => w.code)).toContain('UNRESOLVED_REFERENCE');
  });

  it('count.index names the instance with the same index', () => {
    const d = planData(vpc(), ...twoSubnets, openGroup(), {
      ...instance('web', 'private', { private_ip: '10.0.2.10' }),
      name: 'web[1]',
      expressions: {
        subnet_id: ref('aws_subnet.private', 'count.index'),
        vpc_security_group_ids: ref('aws_security_group.open.id'),
      },
    });
    expect(d.instances.find((i) => i.instanceId === 'tf:aws_instance.web[1]')?.subnetId).toBe(
      'tf:aws_subnet.private[1]',
    );
  });
});
