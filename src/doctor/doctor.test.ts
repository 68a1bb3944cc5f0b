/**
 * Doctor scenarios on the examples: each checklist item read from the trace, failures with their
 * fixes, offline items never passed, bad input, and every report validated against
 * docs/doctor.schema.json (which embeds docs/trace.schema.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadExample } from '../../test/helpers.js';
import { loadSnapshot } from '../ingest/index.js';
import { Network } from '../model/index.js';
import { DoctorInputError, type DoctorRequest, runDoctor } from './doctor.js';
import { renderDoctor } from './render.js';
import { type DoctorReport, ITEM_IDS, type ItemId, type ItemState } from './types.js';

const docs = (f: string) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../docs/${f}`, import.meta.url)), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(docs('trace.schema.json'));
const validate = ajv.compile(docs('doctor.schema.json'));

function doctor(net: Network, req: DoctorRequest): DoctorReport {
  const r = runDoctor(net, req);
  const json = JSON.parse(JSON.stringify(r));
  if (!validate(json))
    throw new Error(`report does not match docs/doctor.schema.json: ${ajv.errorsText(validate.errors)}`);
  // Offline items are never passed; every failure carries a fix; the result follows the items.
  for (const i of r.items) {
    if (['os-firewall', 'os-routing', 'client-firewall', 'login-credentials', 'instance-load'].includes(i.id))
      expect(i.state).toBe('not-checkable-offline');
    if (i.state === 'failed') expect(i.fixes.length, i.id).toBeGreaterThan(0);
  }
  expect(r.result).toBe(r.items.some((i) => i.state === 'failed') ? 'failed' : 'passed');
  // Every blocker of the trace is accounted for by exactly one item.
  const claimed = r.items.flatMap((i) => i.blockers);
  expect(claimed.sort()).toEqual((r.trace?.blockers ?? []).map((b) => b.code).sort());
  return r;
}

function states(r: DoctorReport): Partial<Record<ItemId, ItemState>> {
  return Object.fromEntries(r.items.map((i) => [i.id, i.state]));
}

function item(r: DoctorReport, id: ItemId) {
  const i = r.items.find((x) => x.id === id);
  if (!i) throw new Error(`no item ${id} in ${r.items.map((x) => x.id).join(', ')}`);
  return i;
}

function failed(r: DoctorReport): ItemId[] {
  return r.items.filter((i) => i.state === 'failed').map((i) => i.id);
}

describe('doctor --from: "I can\'t connect to my instance"', () => {
  it('nat-instance web-1 from 192.0.2.10 on 22: security group and NACL inbound fail, with their fixes', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'web-1', from: '192.0.2.10' });
    expect(r.symptom).toBe('connect');
    expect(r.port).toBe(22);
    expect(r.connectTo).toBe('203.0.113.10');
    expect(failed(r)).toEqual(['security-group-inbound', 'network-acl-inbound']);
    expect(states(r)).toMatchObject({
      'public-address': 'passed',
      'instance-state': 'passed',
      'status-checks': 'not-in-snapshot',
      'network-acl-outbound': 'passed',
      'internet-gateway': 'passed',
      'route-to-internet-gateway': 'passed',
      'os-firewall': 'not-checkable-offline',
      'client-firewall': 'not-checkable-offline',
      'login-credentials': 'not-checkable-offline',
    });
    expect(item(r, 'security-group-inbound').fixes[0]?.change).toMatchObject({
      action: 'add-security-group-rule',
      groupId: 'sg-08e300187b090fe12',
      cidr: '192.0.2.10/32',
      fromPort: 22,
    });
    expect(item(r, 'network-acl-inbound').fixes[0]?.change).toMatchObject({
      action: 'add-network-acl-entry',
      networkAclId: 'acl-038d2a390498ad300',
      egress: false,
    });
    expect(item(r, 'route-to-internet-gateway').details.join()).toContain(
      '0.0.0.0/0 -> igw-02960340f5283e16f',
    );
    expect(r.trace?.verdict).toBe('unreachable');
  });

  it('nat-instance web-1 from 198.51.100.7 (the home network): every checkable item passes', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'web-1', from: '198.51.100.7' });
    expect(failed(r)).toEqual([]);
    expect(r.result).toBe('passed');
    expect(item(r, 'security-group-inbound').details.join()).toContain('198.51.100.0/24');
    expect(item(r, 'network-acl-inbound').details.join()).toContain('rule 120');
  });

  it('nat-1 from 198.51.100.7: connect to its Elastic IP', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'nat-1', from: '198.51.100.7' });
    expect(r.connectTo).toBe('203.0.113.20');
    expect(item(r, 'public-address').details.join()).toContain('eipalloc-0e8cc92e0f0032660');
    expect(r.result).toBe('passed');
  });

  it('a Windows instance defaults to 3389; a private one has no public address to connect to', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'win-1', from: '198.51.100.7' });
    expect(r.port).toBe(3389);
    expect(r.instance.platform).toBe('windows');
    expect(r.connectTo).toBeNull();
    expect(item(r, 'public-address').state).toBe('failed');
    expect(item(r, 'public-address').fixes[0]?.change?.action).toBe('associate-public-ip');
  });

  it('--port overrides the platform default', async () => {
    const r = doctor(await loadExample('nat-instance'), {
      instance: 'web-1',
      from: '192.0.2.10',
      port: '443',
    });
    expect(r.port).toBe(443);
    expect(r.result).toBe('passed');
  });

  it('dual-stack-eigw build-1 has no public IPv4; over IPv6 it has an address but its SG admits nothing', async () => {
    const net = await loadExample('dual-stack-eigw');
    const v4 = doctor(net, { instance: 'build-1', from: '192.0.2.10' });
    expect(item(v4, 'public-address').state).toBe('failed');
    expect(item(v4, 'public-address').blockers).toContain('IGW_PUBLIC_IP_ASSOCIATION_FOR_INGRESS');
    expect(v4.connectTo).toBeNull();
    const v6 = doctor(net, { instance: 'build-1', from: '2001:db8::1' });
    expect(v6.client).toEqual({ address: '2001:db8::1', family: 6 });
    expect(item(v6, 'public-address').state).toBe('passed');
    expect(v6.connectTo).toBe('2600:1f18:4a3:6e00:8b3c:51de:6fa:2c20');
    expect(failed(v6)).toEqual(['security-group-inbound']);
  });

  it('dual-stack-eigw worker-1 over IPv6: the route goes to the egress-only gateway', async () => {
    const r = doctor(await loadExample('dual-stack-eigw'), { instance: 'worker-1', from: '2001:db8::1' });
    expect(failed(r)).toEqual(['route-to-internet-gateway']);
    expect(item(r, 'route-to-internet-gateway').blockers).toEqual(['EIGW_INBOUND_INITIATED']);
    expect(item(r, 'route-to-internet-gateway').fixes[0]?.text).toContain('igw-022005baae51d06e7');
  });

  it('a private instance behind a NAT gateway: no public address, and replies would go out through the NAT', async () => {
    const r = doctor(await loadExample('endpoints'), { instance: 'svc-1', from: '192.0.2.10' });
    expect(failed(r)).toEqual(['public-address', 'security-group-inbound', 'route-to-internet-gateway']);
    expect(item(r, 'route-to-internet-gateway').blockers).toEqual(['ASYMMETRIC_ROUTING']);
    expect(item(r, 'route-to-internet-gateway').fixes[0]?.text).toContain('igw-07c613452e1650129');
  });

  it('an IPv6 client and an instance without IPv6: the first item fails, no trace', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'web-1', from: '2001:db8::1' });
    expect(r.trace).toBeNull();
    expect(item(r, 'public-address').state).toBe('failed');
    expect(item(r, 'security-group-inbound').state).not.toBe('passed');
  });

  it('partial-ephemeral web-2 on 443: only the NACL outbound (ephemeral ports) item fails', async () => {
    const r = doctor(await loadExample('partial-ephemeral'), {
      instance: 'web-2',
      from: '192.0.2.10',
      port: '443',
    });
    expect(failed(r)).toEqual(['network-acl-outbound']);
    expect(item(r, 'network-acl-outbound').fixes[0]?.change).toMatchObject({ egress: true });
  });
});

describe('doctor: items failing alone (the example changed in memory)', () => {
  it('a stopped instance fails the state item with "start"; impaired status checks fail the status item', async () => {
    const net = await loadExample('nat-instance');
    const data = net.data;
    const stopped = new Network({
      ...data,
      instances: data.instances.map((i) => (i.tags.Name === 'web-1' ? { ...i, state: 'stopped' } : i)),
    });
    const r = doctor(stopped, { instance: 'web-1', from: '198.51.100.7' });
    expect(failed(r)).toEqual(['instance-state']);
    expect(item(r, 'instance-state').fixes[0]?.change).toEqual({
      action: 'start-instance',
      instanceId: 'i-0eb35bb3ae1832500',
    });

    const impaired = new Network({
      ...data,
      present: new Set([...data.present, 'InstanceStatuses']),
      instances: data.instances.map((i) =>
        i.tags.Name === 'web-1' ? { ...i, status: { system: 'ok', instance: 'impaired' } } : i,
      ),
    });
    const s = doctor(impaired, { instance: 'web-1', from: '198.51.100.7' });
    expect(failed(s)).toEqual(['status-checks']);
    const ok = new Network({
      ...data,
      instances: data.instances.map((i) =>
        i.tags.Name === 'web-1' ? { ...i, status: { system: 'ok', instance: 'ok' } } : i,
      ),
    });
    expect(states(doctor(ok, { instance: 'web-1', from: '198.51.100.7' }))['status-checks']).toBe('passed');
  });

  it('no internet gateway attached fails the gateway item', async () => {
    const net = await loadExample('nat-instance');
    const r = doctor(new Network({ ...net.data, internetGateways: [] }), {
      instance: 'web-1',
      from: '198.51.100.7',
    });
    expect(failed(r)).toEqual(['internet-gateway']);
    expect(item(r, 'internet-gateway').fixes.length).toBeGreaterThan(0);
  });

  it('no default route fails the route item', async () => {
    const net = await loadExample('nat-instance');
    const routeTables = net.data.routeTables.map((t) =>
      t.routeTableId === 'rtb-073ec0934db136d13'
        ? { ...t, routes: t.routes.filter((r) => r.target.type !== 'internet-gateway') }
        : t,
    );
    const r = doctor(new Network({ ...net.data, routeTables }), { instance: 'web-1', from: '198.51.100.7' });
    expect(failed(r)).toEqual(['route-to-internet-gateway']);
    expect(item(r, 'route-to-internet-gateway').fixes[0]?.change?.action).toBe('add-route');
  });
});

describe('doctor: more items failing alone', () => {
  const WEB_ENI = 'eni-09b44f81a505da970';
  const PUBLIC_NACL = 'acl-038d2a390498ad300';

  it('public-address: web-1 without its public IPv4', async () => {
    const net = await loadExample('nat-instance');
    const networkInterfaces = net.data.networkInterfaces.map((e) =>
      e.networkInterfaceId === WEB_ENI
        ? { ...e, privateAddresses: e.privateAddresses.map((a) => ({ ip: a.ip, primary: a.primary })) }
        : e,
    );
    const r = doctor(new Network({ ...net.data, networkInterfaces }), {
      instance: 'web-1',
      from: '198.51.100.7',
    });
    expect(failed(r)).toEqual(['public-address']);
    expect(r.connectTo).toBeNull();
  });

  it('network-acl-inbound: public-nacl without rule 120 (tcp 22 from the home network)', async () => {
    const net = await loadExample('nat-instance');
    const networkAcls = net.data.networkAcls.map((a) =>
      a.networkAclId === PUBLIC_NACL
        ? { ...a, entries: a.entries.filter((x) => !(x.ruleNumber === 120 && !x.egress)) }
        : a,
    );
    const r = doctor(new Network({ ...net.data, networkAcls }), { instance: 'web-1', from: '198.51.100.7' });
    expect(failed(r)).toEqual(['network-acl-inbound']);
  });

  it('security-group-outbound: app-sg without egress rules', async () => {
    const net = await loadExample('nat-instance');
    const securityGroups = net.data.securityGroups.map((g) =>
      g.groupId === 'sg-04b41127830c0410e' ? { ...g, egress: [] } : g,
    );
    const r = doctor(new Network({ ...net.data, securityGroups }), { instance: 'app-1', to: 'internet' });
    expect(failed(r)).toEqual(['security-group-outbound']);
  });

  it('nat: the NAT instance with source/destination check on', async () => {
    const net = await loadExample('nat-instance');
    const networkInterfaces = net.data.networkInterfaces.map((e) =>
      e.networkInterfaceId === 'eni-0f1b9117d265c9430' ? { ...e, sourceDestCheck: true } : e,
    );
    const instances = net.data.instances.map((i) =>
      i.tags.Name === 'nat-1' ? { ...i, sourceDestCheck: true } : i,
    );
    const r = doctor(new Network({ ...net.data, networkInterfaces, instances }), {
      instance: 'app-1',
      to: 'internet',
    });
    expect(failed(r)).toEqual(['nat']);
    expect(item(r, 'nat').blockers).toContain('ENI_SOURCE_DEST_CHECK_RESTRICTION');
  });

  it("nat-subnet: the NAT's subnet without its route to the internet gateway", async () => {
    const net = await loadExample('nat-instance');
    const routeTables = net.data.routeTables.map((t) =>
      t.routeTableId === 'rtb-073ec0934db136d13'
        ? { ...t, routes: t.routes.filter((r) => r.target.type !== 'internet-gateway') }
        : t,
    );
    const r = doctor(new Network({ ...net.data, routeTables }), { instance: 'app-1', to: 'internet' });
    expect(failed(r)).toEqual(['nat-subnet']);
  });

  it('network-acl-inbound (replies): private-nacl without inbound rule 110', async () => {
    const net = await loadExample('nat-instance');
    const networkAcls = net.data.networkAcls.map((a) =>
      a.networkAclId === 'acl-023bdf45da0646348'
        ? { ...a, entries: a.entries.filter((x) => !(x.ruleNumber === 110 && !x.egress)) }
        : a,
    );
    const r = doctor(new Network({ ...net.data, networkAcls }), { instance: 'app-1', to: 'internet' });
    expect(failed(r)).toEqual(['network-acl-inbound']);
  });
});

describe('doctor --to internet', () => {
  it('nat-instance db-1: the route item fails (main table, local route only)', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'db-1', to: 'internet' });
    expect(r.symptom).toBe('internet');
    expect(r.port).toBe(443);
    expect(failed(r)).toEqual(['route-table']);
    expect(item(r, 'route-table').blockers).toEqual(['NO_ROUTE_TO_DESTINATION']);
    expect(item(r, 'route-table').fixes[0]?.change).toMatchObject({
      action: 'add-route',
      routeTableId: 'rtb-092727edb5592c0f2',
    });
  });

  it('nat-instance app-1 on 443 passes through the NAT instance; on 22 the NAT items fail', async () => {
    const net = await loadExample('nat-instance');
    const ok = doctor(net, { instance: 'app-1', to: 'internet' });
    expect(failed(ok)).toEqual([]);
    expect(states(ok)).toMatchObject({
      nat: 'passed',
      'nat-subnet': 'passed',
      'internet-gateway': 'passed',
      'nat-instance-os': 'not-checkable-offline',
    });
    expect(item(ok, 'nat').details.join()).toContain('i-0af95c21197ac17c2');
    const ssh = doctor(net, { instance: 'app-1', to: 'internet', port: '22' });
    expect(failed(ssh)).toEqual(['network-acl-outbound', 'nat', 'nat-subnet']);
  });

  it('web-1 (public subnet) needs its public address; build-1 has none', async () => {
    const web = doctor(await loadExample('nat-instance'), { instance: 'web-1', to: 'internet' });
    expect(states(web)).toMatchObject({ 'public-address': 'passed', 'route-table': 'passed' });
    const build = doctor(await loadExample('dual-stack-eigw'), { instance: 'build-1', to: 'internet' });
    expect(failed(build)).toEqual(['public-address']);
    expect(item(build, 'public-address').blockers).toContain('IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS');
  });

  it('dual-stack-eigw worker-1 over IPv6 goes out through the egress-only gateway', async () => {
    const r = doctor(await loadExample('dual-stack-eigw'), {
      instance: 'worker-1',
      to: 'internet',
      ipv6: true,
    });
    expect(failed(r)).toEqual([]);
    expect(states(r)).toMatchObject({ 'egress-only-internet-gateway': 'passed', 'route-table': 'passed' });
    const none = doctor(await loadExample('nat-instance'), { instance: 'app-1', to: 'internet', ipv6: true });
    expect(none.trace).toBeNull();
    expect(failed(none)).toEqual(['public-address']);
    const v4 = doctor(await loadExample('dual-stack-eigw'), { instance: 'worker-1', to: 'internet' });
    expect(failed(v4)).toEqual(['route-table']);
  });
});

describe('doctor --to s3|dynamodb', () => {
  it('endpoints svc-1 reaches S3 through the gateway endpoint', async () => {
    const r = doctor(await loadExample('endpoints'), { instance: 'svc-1', to: 's3' });
    expect(r.result).toBe('passed');
    expect(item(r, 'service-route').details.join()).toContain('vpce-0b5ac152e99bdba52');
    expect(item(r, 'service-policies').state).toBe('not-checkable-offline');
    expect(r.items.some((i) => i.id === 'nat')).toBe(false);
  });

  it('endpoints batch-1 cannot reach S3: the endpoint is not on its route table', async () => {
    const r = doctor(await loadExample('endpoints'), { instance: 'batch-1', to: 's3' });
    expect(failed(r)).toEqual(['service-route']);
    const i = item(r, 'service-route');
    expect(i.details.join()).toContain('not associated with rtb-0614f189c6936ea1e');
    expect(i.fixes[0]?.change).toMatchObject({ action: 'add-route', destination: 'pl-63a5400a' });
  });

  it('endpoints svc-1 to DynamoDB falls back to the NAT gateway path', async () => {
    const r = doctor(await loadExample('endpoints'), { instance: 'svc-1', to: 'dynamodb' });
    expect(r.result).toBe('passed');
    expect(states(r)).toMatchObject({
      'service-route': 'passed',
      nat: 'passed',
      'internet-gateway': 'passed',
    });
    expect(item(r, 'nat').details.join()).toContain('nat-0617b31c25744cc8b');
  });
});

describe('doctor: snapshot gaps', () => {
  it('no S3 prefix list in the snapshot: the route item is not-in-snapshot, nothing passes by guess', async () => {
    const net = await loadExample('endpoints');
    const r = doctor(new Network({ ...net.data, prefixLists: [] }), { instance: 'svc-1', to: 's3' });
    expect(r.trace).toBeNull();
    expect(item(r, 'service-route').state).toBe('not-in-snapshot');
    expect(item(r, 'security-group-outbound').state).not.toBe('passed');
    expect(r.result).toBe('passed');
  });
});

describe('doctor on real data', () => {
  const dir = fileURLToPath(
    new URL('../../../shared/data/aws-snapshots/batfish-hybrid-cloud-aws/aws_configs', import.meta.url),
  );
  it.skipIf(!existsSync(dir))(
    'a stopped instance (batfish hybrid-cloud-aws, InstanceStatuses present)',
    async () => {
      const net = await loadSnapshot(dir);
      const r = doctor(net, { instance: 'i-0837c877110427f2b', from: '192.0.2.10' });
      expect(r.instance.state).toBe('stopped');
      expect(item(r, 'instance-state').state).toBe('failed');
      expect(item(r, 'instance-state').fixes[0]?.change?.action).toBe('start-instance');
      // describe-instance-status lists running instances only: the stopped one has no entry.
      expect(item(r, 'status-checks').state).toBe('not-in-snapshot');
      expect(item(r, 'public-address').state).toBe('failed');
    },
  );
});

describe('doctor: bad input and text', () => {
  it('rejects unknown instances, non-instances, bad addresses, private clients, bad targets and ports', async () => {
    const net = await loadExample('nat-instance');
    const bad: DoctorRequest[] = [
      { instance: 'nope', from: '192.0.2.10' },
      { instance: 'i-0123456789abcdef0', from: '192.0.2.10' },
      { instance: '10.0.0.10', from: '192.0.2.10' },
      { instance: 'web-1', from: '192.0.2' },
      { instance: 'web-1', from: '10.0.1.10' },
      { instance: 'web-1', to: 'sqs' },
      { instance: 'web-1', to: 'internet', port: '70000' },
      { instance: 'web-1', to: 'internet', from: '192.0.2.10' },
      { instance: 'web-1' },
    ];
    for (const req of bad) expect(() => runDoctor(net, req), JSON.stringify(req)).toThrow(DoctorInputError);
  });

  it('text: marks, fixes, then the trace; no colour codes when asked for none', async () => {
    const r = doctor(await loadExample('nat-instance'), { instance: 'web-1', from: '192.0.2.10' });
    const text = renderDoctor(r, { color: false });
    expect(text).toContain('✓');
    expect(text).toContain('✗');
    expect(text).toContain('?');
    expect(text).toContain('fix: add to sg-08e300187b090fe12 inbound: tcp 22 from 192.0.2.10/32');
    expect(text).toContain('UNREACHABLE');
    expect(text).not.toContain('\u001b[');
    expect(text.indexOf('fix:')).toBeLessThan(text.indexOf('Forward path'));
  });
});

describe('doctor: documentation', () => {
  it('the schema and docs/doctor.md name every item id', () => {
    const schema = docs('doctor.schema.json');
    expect([...schema.$defs.item.properties.id.enum].sort()).toEqual([...ITEM_IDS].sort());
    const md = readFileSync(fileURLToPath(new URL('../../docs/doctor.md', import.meta.url)), 'utf8');
    for (const id of ITEM_IDS) expect(md, id).toContain(`\`${id}\``);
  });

  it("docs/doctor.md's example is the real output", async () => {
    const md = readFileSync(fileURLToPath(new URL('../../docs/doctor.md', import.meta.url)), 'utf8');
    const r = doctor(await loadExample('nat-instance'), { instance: 'web-1', from: '192.0.2.10' });
    const text = renderDoctor(r, { color: false });
    expect(md).toContain(text.slice(0, text.indexOf('\nTrace\n') + 7));
  });
});
