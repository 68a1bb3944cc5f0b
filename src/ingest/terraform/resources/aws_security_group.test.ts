import { describe, expect, it } from 'vitest';
import { instance, openGroup, planNetwork, ref, subnet, traceTcp, vpc } from '../test-plan.js';

describe('aws_security_group with a rule vpcsim cannot read', () => {
  const plan = (cidrs: string[]) =>
    planNetwork(
      vpc(),
      subnet('a', '10.0.1.0/24'),
      openGroup(),
      {
        type: 'aws_security_group',
        name: 'db',
        values: {
          name: 'db',
          ingress: [{ protocol: 'tcp', from_port: 5432, to_port: 5432, cidr_blocks: cidrs }],
        },
        expressions: { vpc_id: ref('aws_vpc.main.id') },
      },
      instance('app', 'a', { private_ip: '10.0.1.10' }),
      instance('db', 'a', { private_ip: '10.0.1.20' }, ['db']),
    );

  it('is complete when every CIDR reads, and its block is an answer', () => {
    const n = plan(['10.0.1.128/25']);
    expect(n.securityGroups.get('tf:aws_security_group.db')?.incomplete).toBeUndefined();
    expect(traceTcp(n, 'app', 'db', 5432).verdict).toBe('unreachable');
  });

  it('a bad CIDR makes the group incomplete: its block becomes unknown, its allow stands', () => {
    const n = plan(['10.0.1.128/25', '10.0.1.0/33', '10.0.1.10/32']);
    expect(n.securityGroups.get('tf:aws_security_group.db')?.incomplete).toBe(true);
    expect(n.data.warnings).toContainEqual(
      expect.objectContaining({
        code: 'BAD_VALUE',
        resourceId: 'aws_security_group.db',
        value: '10.0.1.0/33',
      }),
    );
    expect(traceTcp(n, 'app', 'db', 5432).verdict).toBe('reachable');
    const m = plan(['10.0.1.128/25', '10.0.1.0/33']);
    const t = traceTcp(m, 'app', 'db', 5432);
    expect(t.verdict).toBe('unknown');
    expect(t.unknowns.map((u) => [u.code, u.missing])).toEqual([
      ['INCOMPLETE_COMPONENT', 'tf:aws_security_group.db'],
    ]);
  });
});
