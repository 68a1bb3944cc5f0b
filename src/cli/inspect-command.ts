/** `vpcsim inspect`: what was loaded (counts per resource type, regions, accounts) and every warning. */
import { warningMessage } from '../engine/explain/warnings.js';
import { CORE_KINDS, type Network } from '../model/index.js';
import { formatCidr } from '../net/index.js';

export interface InspectReport {
  readonly version: 1;
  readonly files: number;
  readonly regions: readonly string[];
  readonly accounts: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
  readonly missing: readonly string[];
  readonly onPremNetworks: ReadonlyArray<{ name: string; prefixes: string[]; via: string[]; source: string }>;
  readonly warnings: ReadonlyArray<{
    code: string;
    file: string | null;
    resourceId: string | null;
    field: string | null;
    value: string | null;
    message: string;
  }>;
}

export function inspect(net: Network): InspectReport {
  const d = net.data;
  const counts: Record<string, number> = {
    Vpcs: d.vpcs.length,
    Subnets: d.subnets.length,
    RouteTables: d.routeTables.length,
    SecurityGroups: d.securityGroups.length,
    NetworkAcls: d.networkAcls.length,
    Instances: d.instances.length,
    NetworkInterfaces: d.networkInterfaces.length,
    InternetGateways: d.internetGateways.length,
    EgressOnlyInternetGateways: d.egressOnlyInternetGateways.length,
    NatGateways: d.natGateways.length,
    VpcEndpoints: d.vpcEndpoints.length,
    VpcPeeringConnections: d.vpcPeeringConnections.length,
    PrefixLists: d.prefixLists.length,
    Addresses: d.elasticIps.length,
  };
  for (const h of d.hybrid) counts[h.kind] = (counts[h.kind] ?? 0) + 1;
  counts.VirtualInterfaces = net.virtualInterfaces.size;
  counts.DirectConnectGateways = net.directConnectGateways.size;
  const regions = new Set<string>();
  const accounts = new Set<string>();
  for (const f of d.files) {
    if (f.region) regions.add(f.region);
    if (f.accountId) accounts.add(f.accountId);
  }
  for (const v of d.vpcs) {
    if (v.origin.region) regions.add(v.origin.region);
    if (v.ownerId) accounts.add(v.ownerId);
  }
  return {
    version: 1,
    files: d.files.length,
    regions: [...regions].sort(),
    accounts: [...accounts].sort(),
    counts,
    missing: CORE_KINDS.filter((k) => !net.has(k)),
    onPremNetworks: net.onPremNetworks.map((n) => ({
      name: n.name,
      prefixes: n.prefixes.map(formatCidr),
      via: [...n.vpnConnectionIds, ...n.virtualInterfaceIds],
      source: n.source.kind === 'file' ? n.source.file : `inferred from ${n.source.from}`,
    })),
    warnings: d.warnings.map((w) => ({
      code: w.code,
      file: w.file ?? null,
      resourceId: w.resourceId ?? null,
      field: w.field ?? null,
      value: w.value ?? null,
      message: warningMessage(w),
    })),
  };
}

export function renderInspect(r: InspectReport): string {
  const out: string[] = [];
  out.push(
    `Loaded ${r.files} file(s); regions: ${r.regions.join(', ') || 'unknown'}; accounts: ${r.accounts.join(', ') || 'unknown'}`,
  );
  const width = Math.max(...Object.keys(r.counts).map((k) => k.length));
  for (const [k, n] of Object.entries(r.counts)) out.push(`  ${k.padEnd(width)}  ${n}`);
  if (r.missing.length)
    out.push(`Not in the snapshot (answers that need them will be "unknown"): ${r.missing.join(', ')}`);
  for (const n of r.onPremNetworks)
    out.push(
      `On-premises ${n.name}: ${n.prefixes.join(', ')} via ${n.via.join(', ') || 'nothing'} (${n.source})`,
    );
  out.push(`Warnings: ${r.warnings.length}`);
  for (const w of r.warnings)
    out.push(`  ${w.code}  ${w.file ?? ''}${w.resourceId ? `  ${w.resourceId}` : ''}  ${w.message}`);
  return out.join('\n');
}
