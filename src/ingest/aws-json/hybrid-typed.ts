/**
 * Typed transit-gateway and VPN records for the engine. Several describe calls print parts of one
 * resource (an attachment in describe-transit-gateway-attachments and -vpc-attachments; a TGW route
 * table in -route-tables, search-transit-gateway-routes and -propagations), so each reader returns
 * partial records keyed by id and `HybridParts` merges them. Knows the JSON shapes; nothing about routing.
 */
import type {
  CustomerGateway,
  TransitGateway,
  TransitGatewayAttachment,
  TransitGatewayRoute,
  TransitGatewayRouteTable,
  VpnConnection,
  VpnGateway,
} from '../../model/index.js';
import type { Cidr } from '../../net/index.js';
import { cidrValue, eachResource, type ReadContext } from './context.js';
import { bool, type JsonObject, num, obj, objs, str, strs, tagsOf } from './json.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class HybridParts {
  readonly transitGateways = new Map<string, TransitGateway>();
  readonly attachments = new Map<string, Mutable<TransitGatewayAttachment>>();
  readonly routeTables = new Map<string, Mutable<TransitGatewayRouteTable>>();
  readonly vpnConnections = new Map<string, VpnConnection>();
  readonly vpnGateways = new Map<string, VpnGateway>();
  readonly customerGateways = new Map<string, CustomerGateway>();
  /** Attachment → route table from raw get-transit-gateway-route-table-associations outputs (applied at the end). */
  readonly associations = new Map<string, string>();

  attachmentList(): TransitGatewayAttachment[] {
    return [...this.attachments.values()].map((a) =>
      a.associatedRouteTableId || !this.associations.has(a.transitGatewayAttachmentId)
        ? a
        : { ...a, associatedRouteTableId: this.associations.get(a.transitGatewayAttachmentId) },
    );
  }

  read(key: string, items: readonly unknown[], ctx: ReadContext): void {
    const reader = READERS[key];
    if (reader) reader(this, items, ctx);
  }

  private attachment(id: string, ctx: ReadContext, o: JsonObject): Mutable<TransitGatewayAttachment> {
    // A peering attachment has one id but two sides, each listed by its own transit gateway.
    const key = str(o, 'ResourceType') === 'peering' ? `${id}|${str(o, 'TransitGatewayId') ?? ''}` : id;
    let a = this.attachments.get(key);
    if (!a) {
      a = {
        transitGatewayAttachmentId: id,
        transitGatewayId: str(o, 'TransitGatewayId') ?? '',
        resourceType: str(o, 'ResourceType') ?? 'vpc',
        resourceId: str(o, 'ResourceId') ?? str(o, 'VpcId') ?? '',
        state: str(o, 'State') ?? 'available',
        subnetIds: [],
        tags: tagsOf(o),
        origin: ctx.originFor(str(o, 'TransitGatewayOwnerId') ?? str(o, 'VpcOwnerId')),
      };
      this.attachments.set(key, a);
    }
    return a;
  }

  private routeTable(id: string, ctx: ReadContext, o: JsonObject): Mutable<TransitGatewayRouteTable> {
    let t = this.routeTables.get(id);
    if (!t) {
      t = {
        transitGatewayRouteTableId: id,
        transitGatewayId: str(o, 'TransitGatewayId') ?? '',
        state: str(o, 'State') ?? 'available',
        routes: [],
        routesComplete: false,
        propagatingAttachmentIds: [],
        tags: tagsOf(o),
        origin: ctx.originFor(undefined),
      };
      this.routeTables.set(id, t);
    }
    return t;
  }

  static readonly readers: Record<
    string,
    (p: HybridParts, items: readonly unknown[], ctx: ReadContext) => void
  > = {
    TransitGateways: (p, items, ctx) => {
      for (const t of eachResource(items, ctx, 'TransitGateways', 'TransitGatewayId', (o, id) => {
        const opt = obj(o, 'Options');
        return {
          transitGatewayId: id,
          state: str(o, 'State') ?? 'available',
          ownerId: str(o, 'OwnerId'),
          amazonSideAsn: num(opt, 'AmazonSideAsn'),
          associationDefaultRouteTableId: str(opt, 'AssociationDefaultRouteTableId'),
          propagationDefaultRouteTableId: str(opt, 'PropagationDefaultRouteTableId'),
          tags: tagsOf(o),
          origin: ctx.originFor(str(o, 'OwnerId')),
        } satisfies TransitGateway;
      }))
        if (!p.transitGateways.has(t.transitGatewayId)) p.transitGateways.set(t.transitGatewayId, t);
    },
    TransitGatewayAttachments: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayAttachments', 'TransitGatewayAttachmentId', (o, id) => {
        const a = p.attachment(id, ctx, o);
        a.resourceType = str(o, 'ResourceType') ?? a.resourceType;
        a.resourceId = str(o, 'ResourceId') ?? a.resourceId;
        a.state = str(o, 'State') ?? a.state;
        const assoc = obj(o, 'Association');
        if (assoc && (str(assoc, 'State') ?? 'associated') === 'associated')
          a.associatedRouteTableId = str(assoc, 'TransitGatewayRouteTableId');
        return a;
      });
    },
    TransitGatewayVpcAttachments: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayVpcAttachments', 'TransitGatewayAttachmentId', (o, id) => {
        const a = p.attachment(id, ctx, { ...o, ResourceType: 'vpc', ResourceId: str(o, 'VpcId') });
        a.subnetIds = strs(o, 'SubnetIds');
        const v6 = str(obj(o, 'Options'), 'Ipv6Support');
        if (v6 !== undefined) a.ipv6Support = v6 === 'enable';
        const appliance = str(obj(o, 'Options'), 'ApplianceModeSupport');
        if (appliance !== undefined) a.applianceModeSupport = appliance === 'enable';
        return a;
      });
    },
    // describe-transit-gateway-peering-attachments: one record per side.
    TransitGatewayPeeringAttachments: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayPeeringAttachments', 'TransitGatewayAttachmentId', (o, id) => {
        const req = obj(o, 'RequesterTgwInfo');
        const acc = obj(o, 'AccepterTgwInfo');
        const state = str(o, 'State') ?? 'available';
        for (const [mine, theirs] of [
          [req, acc],
          [acc, req],
        ] as const) {
          const tgw = str(mine, 'TransitGatewayId');
          if (!tgw) continue;
          const a = p.attachment(id, ctx, {
            ResourceType: 'peering',
            TransitGatewayId: tgw,
            ResourceId: str(theirs, 'TransitGatewayId'),
            State: state,
          });
          a.resourceType = 'peering';
          a.resourceId = str(theirs, 'TransitGatewayId') ?? a.resourceId;
        }
        return id;
      });
    },
    TransitGatewayRouteTables: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayRouteTables', 'TransitGatewayRouteTableId', (o, id) => {
        const t = p.routeTable(id, ctx, o);
        t.transitGatewayId = str(o, 'TransitGatewayId') ?? t.transitGatewayId;
        t.state = str(o, 'State') ?? t.state;
        t.tags = tagsOf(o);
        return t;
      });
    },
    // Batfish's capture of search-transit-gateway-routes (type static), one item per route table.
    TransitGatewayStaticRoutes: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayStaticRoutes', 'TransitGatewayRouteTableId', (o, id) => {
        const t = p.routeTable(id, ctx, o);
        t.routes = [...t.routes, ...readTgwRoutes(objs(o, 'Routes'), ctx, id)];
        return t;
      });
    },
    TransitGatewayPropagations: (p, items, ctx) => {
      eachResource(items, ctx, 'TransitGatewayPropagations', 'TransitGatewayRouteTableId', (o, id) => {
        const t = p.routeTable(id, ctx, o);
        const enabled = objs(o, 'TransitGatewayRouteTablePropagations').filter(
          (x) => (str(x, 'State') ?? 'enabled') === 'enabled',
        );
        t.propagatingAttachmentIds = [
          ...new Set([
            ...t.propagatingAttachmentIds,
            ...enabled.map((x) => str(x, 'TransitGatewayAttachmentId') ?? ''),
          ]),
        ].filter((x) => x !== '');
        return t;
      });
    },
    VpnConnections: (p, items, ctx) => {
      for (const v of eachResource(items, ctx, 'VpnConnections', 'VpnConnectionId', (o, id) => {
        const routes: { destination: Cidr; state: string }[] = [];
        objs(o, 'Routes').forEach((r, i) => {
          const c = cidrValue(
            ctx,
            r.DestinationCidrBlock,
            { resourceId: id, field: `Routes[${i}].DestinationCidrBlock` },
            `static route Routes[${i}]`,
          );
          if (c) routes.push({ destination: c, state: str(r, 'State') ?? 'available' });
        });
        return {
          vpnConnectionId: id,
          state: str(o, 'State') ?? 'available',
          customerGatewayId: str(o, 'CustomerGatewayId'),
          vpnGatewayId: str(o, 'VpnGatewayId'),
          transitGatewayId: str(o, 'TransitGatewayId'),
          staticRoutesOnly: bool(obj(o, 'Options'), 'StaticRoutesOnly') ?? false,
          routes,
          tunnels: objs(o, 'VgwTelemetry').map((t) => ({
            outsideIpAddress: str(t, 'OutsideIpAddress'),
            status: str(t, 'Status') ?? 'UNKNOWN',
            acceptedRouteCount: num(t, 'AcceptedRouteCount'),
          })),
          tags: tagsOf(o),
          origin: ctx.originFor(undefined),
        } satisfies VpnConnection;
      }))
        if (!p.vpnConnections.has(v.vpnConnectionId)) p.vpnConnections.set(v.vpnConnectionId, v);
    },
    VpnGateways: (p, items, ctx) => {
      for (const g of eachResource(items, ctx, 'VpnGateways', 'VpnGatewayId', (o, id) => ({
        vpnGatewayId: id,
        state: str(o, 'State') ?? 'available',
        amazonSideAsn: num(o, 'AmazonSideAsn'),
        vpcAttachments: objs(o, 'VpcAttachments').map((a) => ({
          vpcId: str(a, 'VpcId') ?? '',
          state: str(a, 'State') ?? 'attached',
        })),
        tags: tagsOf(o),
        origin: ctx.originFor(undefined),
      })))
        if (!p.vpnGateways.has(g.vpnGatewayId)) p.vpnGateways.set(g.vpnGatewayId, g);
    },
    CustomerGateways: (p, items, ctx) => {
      for (const g of eachResource(items, ctx, 'CustomerGateways', 'CustomerGatewayId', (o, id) => ({
        customerGatewayId: id,
        state: str(o, 'State') ?? 'available',
        bgpAsn: num(o, 'BgpAsn') ?? num(o, 'BgpAsnExtended'),
        ipAddress: str(o, 'IpAddress'),
        tags: tagsOf(o),
        origin: ctx.originFor(undefined),
      })))
        if (!p.customerGateways.has(g.customerGatewayId)) p.customerGateways.set(g.customerGatewayId, g);
    },
  };
}

const READERS = HybridParts.readers;

/**
 * The TGW route table of a raw `search-transit-gateway-routes` / `get-transit-gateway-route-table-
 * propagations` / `-associations` output, which does not name it: from a `TransitGatewayRouteTableId`
 * beside the list, else from a `tgw-rtb-…` id in the file name (save them as `tgw-rtb-0abc….routes.json`).
 */
export function routeTableIdOf(doc: JsonObject, file: string): string | undefined {
  const explicit = str(doc, 'TransitGatewayRouteTableId');
  if (explicit) return explicit;
  const base = file.split(/[\\/]/).pop() ?? '';
  const at = base.indexOf('tgw-rtb-');
  if (at < 0) return undefined;
  let end = at + 8;
  while (end < base.length && /[0-9a-f]/.test(base[end]!)) end++;
  return end > at + 8 ? base.slice(at, end) : undefined;
}

/** Raw CLI outputs of one TGW route table's routes, propagations or associations. */
export function readRawTgwTableOutput(
  p: HybridParts,
  key: 'Routes' | 'TransitGatewayRouteTablePropagations' | 'Associations',
  items: readonly unknown[],
  ctx: ReadContext,
  doc: JsonObject,
): boolean {
  const id = routeTableIdOf(doc, ctx.file);
  if (!id) return false;
  const wrapped =
    key === 'Routes'
      ? { TransitGatewayRouteTableId: id, Routes: items }
      : { TransitGatewayRouteTableId: id, TransitGatewayRouteTablePropagations: items };
  if (key === 'Associations') {
    for (const a of items as JsonObject[]) {
      const att = str(a, 'TransitGatewayAttachmentId');
      if (att && (str(a, 'State') ?? 'associated') === 'associated') p.associations.set(att, id);
    }
    return true;
  }
  p.read(key === 'Routes' ? 'TransitGatewayStaticRoutes' : 'TransitGatewayPropagations', [wrapped], ctx);
  if (key === 'Routes') {
    // search-transit-gateway-routes lists propagated routes too: the table is then complete.
    const t = p.routeTables.get(id);
    if (t && (items as JsonObject[]).some((r) => str(r, 'Type') === 'propagated')) t.routesComplete = true;
  }
  return true;
}

/** search-transit-gateway-routes `Routes[]`: destination, type, state and target attachments. */
function readTgwRoutes(
  routes: readonly JsonObject[],
  ctx: ReadContext,
  tableId: string,
): TransitGatewayRoute[] {
  const out: TransitGatewayRoute[] = [];
  routes.forEach((r, i) => {
    const text = str(r, 'DestinationCidrBlock');
    const c = cidrValue(
      ctx,
      text,
      { resourceId: tableId, field: `Routes[${i}].DestinationCidrBlock` },
      `TGW route Routes[${i}]`,
    );
    if (!c || !text) return;
    out.push({
      destination: c,
      destinationText: text,
      type: str(r, 'Type') === 'propagated' ? 'propagated' : 'static',
      state: str(r, 'State') ?? 'active',
      attachmentIds: objs(r, 'TransitGatewayAttachments')
        .map((a) => str(a, 'TransitGatewayAttachmentId') ?? '')
        .filter((x) => x !== ''),
    });
  });
  return out;
}
