/**
 * Test only: a local HTTP server answering the protocols collect's SDK clients speak — EC2 query
 * (XML), ELB and ELBv2 query (XML) and Direct Connect JSON 1.1 (`X-Amz-Target`) — so that the real SDK,
 * pointed at it through its endpoint setting, signs, retries, parses and paginates for real.
 * Answers come from handler tables keyed by action; tests add throttling and errors per action.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Service = 'ec2' | 'elb' | 'elbv2' | 'directconnect';

// ---- XML writers --------------------------------------------------------------------------
export type Xml = string | number | boolean | undefined | XmlObj | XmlObj[] | string[];
export interface XmlObj {
  [k: string]: Xml;
}
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** EC2 query XML: camelCase members, list items in `<item>`. ELB query XML: lists in `<member>`. */
function xml(o: XmlObj, itemTag: 'item' | 'member'): string {
  return Object.entries(o)
    .map(([k, v]) => {
      if (v === undefined) return '';
      if (Array.isArray(v))
        return `<${k}>${v.map((i: XmlObj | string) => `<${itemTag}>${typeof i === 'string' ? esc(i) : xml(i, itemTag)}</${itemTag}>`).join('')}</${k}>`;
      if (typeof v === 'object') return `<${k}>${xml(v, itemTag)}</${k}>`;
      return `<${k}>${esc(String(v))}</${k}>`;
    })
    .join('');
}

const EC2_NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const ELB_VERSIONS: Record<string, Service> = { '2012-06-01': 'elb', '2015-12-01': 'elbv2' };

function ec2Ok(action: string, body: XmlObj): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_NS}"><requestId>req-${action}</requestId>${xml(body, 'item')}</${action}Response>`;
}
function ec2Err(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>req-err</RequestID></Response>`;
}
function elbOk(version: string, action: string, body: XmlObj): string {
  const ns = `http://elasticloadbalancing.amazonaws.com/doc/${version}/`;
  return `<${action}Response xmlns="${ns}"><${action}Result>${xml(body, 'member')}</${action}Result><ResponseMetadata><RequestId>req-${action}</RequestId></ResponseMetadata></${action}Response>`;
}
function elbErr(version: string, code: string, message: string): string {
  const ns = `http://elasticloadbalancing.amazonaws.com/doc/${version}/`;
  return `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>req-err</RequestId></ErrorResponse>`;
}

// ---- the server ---------------------------------------------------------------------------
export interface Seen {
  readonly service: Service;
  readonly action: string;
  /** The region of the signature's credential scope. */
  readonly region: string;
  /** Query parameters, or the JSON body's top-level strings (Direct Connect). */
  readonly params: URLSearchParams;
  readonly authorization: string;
}

/** `DescribeVpcs` for EC2, `elbv2:DescribeLoadBalancers`, `directconnect:DescribeLags`, ... */
export function keyOf(service: Service, action: string): string {
  return service === 'ec2' ? action : `${service}:${action}`;
}

export interface Handlers {
  readonly ec2: Record<string, (p: URLSearchParams) => XmlObj>;
  readonly elb: Record<string, (p: URLSearchParams) => XmlObj>;
  readonly elbv2: Record<string, (p: URLSearchParams) => XmlObj>;
  readonly directconnect: Record<string, (p: URLSearchParams) => Record<string, unknown>>;
}

export interface FakeAws {
  readonly endpoint: string;
  readonly seen: Seen[];
  /** How many times an action (keyOf) still answers with throttling before it answers. */
  readonly throttleLeft: Map<string, number>;
  /** Actions (keyOf, or `<region>/<keyOf>`) answered with an error (HTTP status, code, message) every time. */
  readonly failing: Map<string, [number, string, string?]>;
  /** Requests being answered right now, and the most seen at once. */
  readonly stats: { inFlight: number; maxInFlight: number; delayMs: number };
  reset(): void;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const THROTTLE: Record<Service, string> = {
  ec2: 'RequestLimitExceeded',
  elb: 'Throttling',
  elbv2: 'Throttling',
  directconnect: 'ThrottlingException',
};

export async function startFakeAws(handlers: Handlers): Promise<FakeAws> {
  const seen: Seen[] = [];
  const throttleLeft = new Map<string, number>();
  const failing = new Map<string, [number, string, string?]>();
  const stats = { inFlight: 0, maxInFlight: 0, delayMs: 0 };

  const server: Server = createServer(async (req, res) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    const text = await body(req);
    const authorization = String(req.headers.authorization ?? '');
    const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)?.[1] ?? '';
    const target = req.headers['x-amz-target'];
    let service: Service;
    let action: string;
    let params: URLSearchParams;
    let version = '';
    if (typeof target === 'string') {
      service = 'directconnect';
      action = target.split('.').pop() ?? '';
      const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      params = new URLSearchParams(
        Object.entries(json).flatMap(([k, v]): [string, string][] => (typeof v === 'string' ? [[k, v]] : [])),
      );
    } else {
      params = new URLSearchParams(text);
      action = params.get('Action') ?? '';
      version = params.get('Version') ?? '';
      service = ELB_VERSIONS[version] ?? 'ec2';
    }
    seen.push({ service, action, region, params, authorization });
    const key = keyOf(service, action);
    const finish = (status: number, payload: string, type: string) => {
      const end = () => {
        stats.inFlight--;
        res.writeHead(status, { 'content-type': type });
        res.end(payload);
      };
      if (stats.delayMs > 0) setTimeout(end, stats.delayMs);
      else end();
    };
    const fail = (status: number, code: string, message: string) => {
      if (service === 'directconnect')
        finish(status, JSON.stringify({ __type: code, message }), 'application/x-amz-json-1.1');
      else if (service === 'ec2') finish(status, ec2Err(code, message), 'text/xml;charset=UTF-8');
      else finish(status, elbErr(version, code, message), 'text/xml');
    };
    const left = throttleLeft.get(key) ?? 0;
    if (left > 0) {
      throttleLeft.set(key, left - 1);
      return fail(service === 'ec2' ? 503 : 400, THROTTLE[service], 'Rate exceeded.');
    }
    const failure = failing.get(`${region}/${key}`) ?? failing.get(key);
    if (failure) return fail(failure[0], failure[1], failure[2] ?? `${failure[1]} for ${action}.`);
    if (service === 'directconnect') {
      const answer = handlers.directconnect[action];
      return finish(200, JSON.stringify(answer ? answer(params) : {}), 'application/x-amz-json-1.1');
    }
    if (service === 'ec2') {
      const answer = handlers.ec2[action];
      return finish(200, ec2Ok(action, answer ? answer(params) : {}), 'text/xml;charset=UTF-8');
    }
    const answer = handlers[service][action];
    return finish(200, elbOk(version, action, answer ? answer(params) : {}), 'text/xml');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    seen,
    throttleLeft,
    failing,
    stats,
    reset() {
      seen.length = 0;
      throttleLeft.clear();
      failing.clear();
      stats.inFlight = 0;
      stats.maxInFlight = 0;
      stats.delayMs = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
