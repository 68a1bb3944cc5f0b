/** Parsed documents → NetworkData: read each file's keys, link across files, check, complete origins. */
import type { Instance, NetworkData, RouteTargetType } from '../../model/index.js';
import { Accumulator } from './assemble.js';
import { checkAssociations, checkReferences, checkRouteTargets, type Known } from './checks.js';
import { readDocument } from './document.js';
import { linkInstanceStatuses, linkInterfaces, linkPrefixListEntries } from './link.js';

export interface SnapshotDocument {
  /** Path shown in warnings and origins. */
  readonly file: string;
  /** The parsed JSON (`undefined` for an empty file). */
  readonly json: unknown;
}

export function buildNetworkData(documents: Iterable<SnapshotDocument>): NetworkData {
  const acc = new Accumulator();
  for (const doc of documents) {
    if (doc.json === undefined) acc.warn({ code: 'EMPTY_FILE', file: doc.file });
    else readDocument(doc.file, doc.json, acc);
  }
  acc.origins.complete();

  const subnets = acc.subnets.values();
  const subnetById = acc.subnets.byId;
  const instances = new Map<string, Instance>(acc.instances.byId);
  const interfaces = linkInterfaces(acc, instances, (id) => subnetById.get(id)?.availabilityZone);
  linkInstanceStatuses(acc, instances);

  const hybrid = [...acc.hybrid.values()].map((h) => h.res);
  const hybridIds = (kind: string) => new Set(hybrid.filter((h) => h.kind === kind).map((h) => h.id));
  const targets: Known['targets'] = {
    'internet-gateway': acc.internetGateways.byId,
    'egress-only-internet-gateway': acc.egressOnlyInternetGateways.byId,
    'nat-gateway': acc.natGateways.byId,
    instance: instances,
    'network-interface': interfaces.byId,
    'vpc-peering-connection': acc.vpcPeeringConnections.byId,
    'vpc-endpoint': acc.vpcEndpoints.byId,
    'transit-gateway': hybridIds('transit-gateway'),
    'vpn-gateway': hybridIds('vpn-gateway'),
  } satisfies Partial<Record<RouteTargetType, unknown>>;
  const known: Known = {
    vpcs: acc.vpcs.byId,
    subnets: subnetById,
    securityGroups: acc.securityGroups.byId,
    interfaces: interfaces.byId,
    targets,
  };
  checkReferences(acc, known);
  const routeTables = checkRouteTargets(acc, acc.routeTables.values(), known);
  const networkAcls = acc.networkAcls.values();
  checkAssociations(acc, routeTables, networkAcls, subnets);

  return {
    vpcs: acc.vpcs
      .values()
      .map((v) => (v.origin.region && !v.region ? { ...v, region: v.origin.region } : v)),
    subnets,
    routeTables,
    securityGroups: acc.securityGroups.values(),
    networkAcls,
    instances: [...instances.values()],
    networkInterfaces: [...interfaces.byId.values()],
    internetGateways: acc.internetGateways.values(),
    egressOnlyInternetGateways: acc.egressOnlyInternetGateways.values(),
    natGateways: acc.natGateways.values(),
    vpcEndpoints: acc.vpcEndpoints.values(),
    vpcPeeringConnections: acc.vpcPeeringConnections.values(),
    prefixLists: linkPrefixListEntries(acc),
    elasticIps: acc.elasticIps.values(),
    hybrid,
    transitGateways: [...acc.hybridParts.transitGateways.values()],
    transitGatewayAttachments: acc.hybridParts.attachmentList(),
    transitGatewayRouteTables: [...acc.hybridParts.routeTables.values()],
    vpnConnections: [...acc.hybridParts.vpnConnections.values()],
    vpnGateways: [...acc.hybridParts.vpnGateways.values()],
    customerGateways: [...acc.hybridParts.customerGateways.values()],
    dxConnections: acc.dxConnections.values(),
    dxLags: acc.dxLags.values(),
    virtualInterfaces: acc.virtualInterfaces.values(),
    directConnectGateways: acc.directConnectGateways.values(),
    directConnectGatewayAssociations: acc.directConnectGatewayAssociations,
    flowLogs: acc.flowLogs.values(),
    present: acc.present,
    presentIn: acc.kindFiles,
    warnings: acc.warnings,
    files: [...acc.files.values()],
  };
}
