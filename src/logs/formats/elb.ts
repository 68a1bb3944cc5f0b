/**
 * Elastic Load Balancing log formats, each declared once as a table of fields: Classic access logs,
 * Application (ALB) access logs, Network (NLB, TLS listeners) access logs and ALB connection logs.
 * The parser (read/elb-parser.ts), the record objects and the docs tables derive from these tables.
 * Sources: the ELB user guides' "Access log entries" pages (archived awsdocs repositories and the live
 * pages) as summarised in ../shared/design/logs-reference.md §2.
 *
 * Fields are separated by spaces; fields marked `quoted` are logged inside double quotes and may hold
 * spaces. AWS appends new fields at the end: fields past the table are kept as extras, never an error.
 */

export type ElbLogType = 'alb' | 'nlb' | 'clb' | 'alb-conn';

/**
 * text: as logged. int: decimal integer (may be negative where noted). float: decimal number.
 * time: ISO 8601 timestamp. hostport: `address:port` (IPv6 in brackets). ip: an address.
 * enum: one of `values`. list: a comma- or space-separated list kept as text.
 */
export type ElbFieldType = 'text' | 'int' | 'float' | 'time' | 'hostport' | 'ip' | 'enum' | 'list';

export interface ElbFieldSpec {
  readonly name: string;
  readonly type: ElbFieldType;
  /** Logged inside double quotes. */
  readonly quoted?: boolean;
  readonly description: string;
  readonly values?: readonly string[];
  /** enum: any other value makes the line malformed. */
  readonly closed?: boolean;
  /** Newer field that older log lines lack (the line is still complete without it). */
  readonly optional?: boolean;
  /** Unit of a number. */
  readonly unit?: 's' | 'ms' | 'bytes';
}

/** What the summary reads from a format, by field name. */
export interface ElbRoles {
  readonly time: string;
  readonly client: string;
  /** Where the request went: a target (ALB), a back end (Classic), the listener destination (NLB). */
  readonly target?: string;
  /** Per-target latency, in seconds or milliseconds. */
  readonly latency: string;
  readonly status?: string;
  readonly targetStatus?: string;
  /** A field whose non-null values are errors, counted by value. */
  readonly error?: string;
  readonly received?: string;
  readonly sent?: string;
  /** The request or connection type (ALB: http, https, ...). */
  readonly kind?: string;
}

export interface ElbFormatSpec {
  readonly type: ElbLogType;
  readonly title: string;
  readonly fields: readonly ElbFieldSpec[];
  readonly roles: ElbRoles;
}

export const ALB_REQUEST_TYPES = ['http', 'https', 'h2', 'grpcs', 'ws', 'wss'] as const;

export const ALB_FIELDS = [
  {
    name: 'type',
    type: 'enum',
    values: ALB_REQUEST_TYPES,
    closed: true,
    description: 'Request or connection type: http, https (HTTP over TLS), h2, grpcs, ws, wss.',
  },
  {
    name: 'time',
    type: 'time',
    description: 'When the load balancer generated the response (WebSockets: when the connection closed).',
  },
  { name: 'elb', type: 'text', description: 'Load balancer resource ID, `app/name/id` (contains slashes).' },
  {
    name: 'client:port',
    type: 'hostport',
    description: 'Client address and port (a proxy in front of the load balancer shows here).',
  },
  {
    name: 'target:port',
    type: 'hostport',
    description:
      'Target address and port; `-` if not dispatched, for Lambda targets, or when WAF blocked it.',
  },
  {
    name: 'request_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds from receiving the request to sending it to a target; -1 if not dispatched.',
  },
  {
    name: 'target_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds from sending the request to the target to the start of its response; -1 if none.',
  },
  {
    name: 'response_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds from receiving the response headers to sending the response; -1 if none.',
  },
  {
    name: 'elb_status_code',
    type: 'int',
    description: 'Status code of the response from the load balancer.',
  },
  {
    name: 'target_status_code',
    type: 'int',
    description: 'Status code of the response from the target; `-` if none.',
  },
  {
    name: 'received_bytes',
    type: 'int',
    unit: 'bytes',
    description: 'Request size from the client, headers included.',
  },
  {
    name: 'sent_bytes',
    type: 'int',
    unit: 'bytes',
    description: 'Response size to the client, headers included.',
  },
  {
    name: 'request',
    type: 'text',
    quoted: true,
    description: 'Request line from the client: method, `protocol://host:port/uri`, HTTP version.',
  },
  {
    name: 'user_agent',
    type: 'text',
    quoted: true,
    description: 'User-Agent of the client (truncated at 8 KB).',
  },
  { name: 'ssl_cipher', type: 'text', description: 'TLS cipher; `-` if not HTTPS.' },
  { name: 'ssl_protocol', type: 'text', description: 'TLS protocol; `-` if not HTTPS.' },
  { name: 'target_group_arn', type: 'text', description: 'Target group.' },
  { name: 'trace_id', type: 'text', quoted: true, description: 'Contents of the X-Amzn-Trace-Id header.' },
  {
    name: 'domain_name',
    type: 'text',
    quoted: true,
    description: 'SNI domain of the TLS handshake; `-` if none.',
  },
  {
    name: 'chosen_cert_arn',
    type: 'text',
    quoted: true,
    description: 'Certificate presented to the client; `session-reused` on resumption; `-` if not HTTPS.',
  },
  {
    name: 'matched_rule_priority',
    type: 'int',
    description:
      'Priority of the rule that matched (1-50000), 0 for the default action, -1 on a rules error.',
  },
  {
    name: 'request_creation_time',
    type: 'time',
    description: 'When the load balancer received the request.',
  },
  {
    name: 'actions_executed',
    type: 'list',
    quoted: true,
    description: 'Comma-separated actions: authenticate, fixed-response, forward, redirect, waf, waf-failed.',
  },
  {
    name: 'redirect_url',
    type: 'text',
    quoted: true,
    description: 'Location of a redirect response; `-` if none.',
  },
  {
    name: 'error_reason',
    type: 'text',
    quoted: true,
    description: 'Error reason code (Auth*, Lambda*, WAF*, ...); `-` if none.',
  },
  {
    name: 'target:port_list',
    type: 'list',
    quoted: true,
    description: 'Space-separated targets that processed the request.',
  },
  {
    name: 'target_status_code_list',
    type: 'list',
    quoted: true,
    description: 'Space-separated status codes from those targets.',
  },
  {
    name: 'classification',
    type: 'enum',
    quoted: true,
    values: ['Acceptable', 'Ambiguous', 'Severe'],
    description: 'Desync mitigation classification of the request; `-` if not applicable.',
  },
  {
    name: 'classification_reason',
    type: 'text',
    quoted: true,
    description: 'Reason code when the request is not RFC 7230 compliant (AmbiguousUri, BadHeader, ...).',
  },
  {
    name: 'conn_trace_id',
    type: 'text',
    optional: true,
    description: 'Connection traceability ID (`TID_...`), shared with the connection log (added 2024).',
  },
  {
    name: 'transformed_host',
    type: 'text',
    quoted: true,
    optional: true,
    description: 'Host header after a host-header rewrite transform (added 2025).',
  },
  {
    name: 'transformed_uri',
    type: 'text',
    quoted: true,
    optional: true,
    description: 'URI after a URL rewrite transform (added 2025).',
  },
  {
    name: 'request_transform_status',
    type: 'text',
    quoted: true,
    optional: true,
    description: 'Status of the rewrite transforms (added 2025).',
  },
] as const satisfies readonly ElbFieldSpec[];

export const CLB_FIELDS = [
  { name: 'time', type: 'time', description: 'When the load balancer received the request from the client.' },
  { name: 'elb', type: 'text', description: 'Name of the load balancer.' },
  { name: 'client:port', type: 'hostport', description: 'Client address and port.' },
  {
    name: 'backend:port',
    type: 'hostport',
    description: 'Registered instance that processed the request; `-` if none could be reached.',
  },
  {
    name: 'request_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds to dispatch the request (HTTP) or the connection (TCP); -1 if not dispatched.',
  },
  {
    name: 'backend_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds from sending the request to the instance to the start of its response; -1 if none.',
  },
  {
    name: 'response_processing_time',
    type: 'float',
    unit: 's',
    description: 'Seconds from receiving the response headers to sending the response; -1 if none.',
  },
  {
    name: 'elb_status_code',
    type: 'int',
    description: 'Status code of the response from the load balancer (HTTP listeners; `-` for TCP).',
  },
  {
    name: 'backend_status_code',
    type: 'int',
    description: 'Status code from the instance (HTTP listeners).',
  },
  { name: 'received_bytes', type: 'int', unit: 'bytes', description: 'Bytes received from the client.' },
  { name: 'sent_bytes', type: 'int', unit: 'bytes', description: 'Bytes sent to the client.' },
  {
    name: 'request',
    type: 'text',
    quoted: true,
    description: 'Request line (HTTP); `- - - ` for TCP listeners.',
  },
  {
    name: 'user_agent',
    type: 'text',
    quoted: true,
    description: 'User-Agent of the client (HTTP listeners).',
  },
  { name: 'ssl_cipher', type: 'text', description: 'TLS cipher; `-` if not HTTPS or SSL.' },
  { name: 'ssl_protocol', type: 'text', description: 'TLS protocol; `-` if not HTTPS or SSL.' },
] as const satisfies readonly ElbFieldSpec[];

export const NLB_FIELDS = [
  {
    name: 'type',
    type: 'enum',
    values: ['tls'],
    closed: true,
    description: 'Listener type; NLB access logs cover TLS listeners only.',
  },
  { name: 'version', type: 'text', description: 'Log entry version (2.0).' },
  { name: 'time', type: 'time', description: 'When the TLS connection ended.' },
  { name: 'elb', type: 'text', description: 'Load balancer resource ID, `net/name/id`.' },
  { name: 'listener', type: 'text', description: 'Resource ID of the TLS listener.' },
  { name: 'client:port', type: 'hostport', description: 'Client address and port.' },
  {
    name: 'destination:port',
    type: 'hostport',
    description: 'Destination address and port (the listener, or a VPC endpoint service).',
  },
  {
    name: 'connection_time',
    type: 'float',
    unit: 'ms',
    description: 'Milliseconds from the start to the close of the connection.',
  },
  {
    name: 'tls_handshake_time',
    type: 'float',
    unit: 'ms',
    description: 'Milliseconds to complete the TLS handshake; `-` if not established.',
  },
  {
    name: 'received_bytes',
    type: 'int',
    unit: 'bytes',
    description: 'Bytes received by the load balancer after decryption.',
  },
  {
    name: 'sent_bytes',
    type: 'int',
    unit: 'bytes',
    description: 'Bytes sent by the load balancer before encryption.',
  },
  {
    name: 'incoming_tls_alert',
    type: 'text',
    description: 'TLS alert received from the client, if any; `-` otherwise.',
  },
  { name: 'chosen_cert_arn', type: 'text', description: 'Certificate served to the client.' },
  { name: 'chosen_cert_serial', type: 'text', description: 'Reserved; always `-`.' },
  { name: 'tls_cipher', type: 'text', description: 'TLS cipher negotiated with the client.' },
  {
    name: 'tls_protocol_version',
    type: 'text',
    description: 'TLS protocol negotiated with the client (tlsv12, ...).',
  },
  { name: 'tls_named_group', type: 'text', description: 'Reserved; always `-`.' },
  { name: 'domain_name', type: 'text', description: 'SNI domain (URL-encoded); `-` if none.' },
  {
    name: 'alpn_fe_protocol',
    type: 'text',
    description: 'ALPN protocol negotiated with the client; `-` if none.',
  },
  {
    name: 'alpn_be_protocol',
    type: 'text',
    description: 'ALPN protocol negotiated with the target; `-` if none.',
  },
  {
    name: 'alpn_client_preference_list',
    type: 'list',
    description: 'The client\'s ALPN list as logged, each protocol quoted: `"h2","http/1.1"`; `-` if none.',
  },
  {
    name: 'tls_connection_creation_time',
    type: 'time',
    optional: true,
    description: 'When the TLS connection was created (newer logs; name as Athena and Elastic use it).',
  },
] as const satisfies readonly ElbFieldSpec[];

export const ALB_CONN_FIELDS = [
  { name: 'time', type: 'time', description: 'When the TLS connection was established or failed.' },
  { name: 'client_ip', type: 'ip', description: 'Client address.' },
  { name: 'client_port', type: 'int', description: 'Client port.' },
  { name: 'listener_port', type: 'int', description: 'Listener port.' },
  { name: 'tls_protocol', type: 'text', description: 'TLS protocol; `-` for plain connections.' },
  { name: 'tls_cipher', type: 'text', description: 'TLS cipher; `-` for plain connections.' },
  {
    name: 'tls_handshake_latency',
    type: 'float',
    unit: 's',
    description: 'Seconds to complete the TLS handshake; `-` if none.',
  },
  {
    name: 'leaf_client_cert_subject',
    type: 'text',
    quoted: true,
    description: 'Subject of the client certificate (mutual TLS); `-` if none.',
  },
  {
    name: 'leaf_client_cert_validity',
    type: 'text',
    description: 'Validity of the client certificate, `NotBefore=...;NotAfter=...`; `-` if none.',
  },
  {
    name: 'leaf_client_cert_serial_number',
    type: 'text',
    description: 'Serial number of the client certificate.',
  },
  {
    name: 'tls_verify_status',
    type: 'text',
    description: 'Success, or `Failed:` followed by the error code.',
  },
  {
    name: 'conn_trace_id',
    type: 'text',
    optional: true,
    description: 'Connection traceability ID (`TID_...`), shared with the access log.',
  },
] as const satisfies readonly ElbFieldSpec[];

export const ELB_FORMATS: Readonly<Record<ElbLogType, ElbFormatSpec>> = {
  alb: {
    type: 'alb',
    title: 'Application Load Balancer access log',
    fields: ALB_FIELDS,
    roles: {
      time: 'time',
      client: 'client:port',
      target: 'target:port',
      latency: 'target_processing_time',
      status: 'elb_status_code',
      targetStatus: 'target_status_code',
      error: 'error_reason',
      received: 'received_bytes',
      sent: 'sent_bytes',
      kind: 'type',
    },
  },
  clb: {
    type: 'clb',
    title: 'Classic Load Balancer access log',
    fields: CLB_FIELDS,
    roles: {
      time: 'time',
      client: 'client:port',
      target: 'backend:port',
      latency: 'backend_processing_time',
      status: 'elb_status_code',
      targetStatus: 'backend_status_code',
      received: 'received_bytes',
      sent: 'sent_bytes',
    },
  },
  nlb: {
    type: 'nlb',
    title: 'Network Load Balancer access log (TLS listeners)',
    fields: NLB_FIELDS,
    roles: {
      time: 'time',
      client: 'client:port',
      target: 'destination:port',
      latency: 'connection_time',
      error: 'incoming_tls_alert',
      received: 'received_bytes',
      sent: 'sent_bytes',
    },
  },
  'alb-conn': {
    type: 'alb-conn',
    title: 'Application Load Balancer connection log',
    fields: ALB_CONN_FIELDS,
    roles: {
      time: 'time',
      client: 'client_ip',
      target: 'listener_port',
      latency: 'tls_handshake_latency',
      error: 'tls_verify_status',
    },
  },
};

type ElbValueOf<F> = F extends { type: 'int' | 'float' }
  ? number
  : F extends { type: 'enum'; closed: true; values: readonly (infer V)[] }
    ? V
    : string;

type RecordOf<T extends readonly ElbFieldSpec[]> = {
  -readonly [F in T[number] as F['name']]?: ElbValueOf<F> | null;
} & { extras?: string[] };

/** Record objects typed from the tables; `null` for `-`; `extras` holds fields past the table. */
export type AlbRecord = RecordOf<typeof ALB_FIELDS>;
export type ClbRecord = RecordOf<typeof CLB_FIELDS>;
export type NlbRecord = RecordOf<typeof NLB_FIELDS>;
export type AlbConnRecord = RecordOf<typeof ALB_CONN_FIELDS>;
export type ElbRecord = AlbRecord | ClbRecord | NlbRecord | AlbConnRecord;

/** Number of fields every line of the format must have (those not marked optional). */
export function requiredFieldCount(spec: ElbFormatSpec): number {
  let n = 0;
  for (const f of spec.fields) if (!f.optional) n++;
  return n;
}

export const ELB_LOG_TYPES: readonly ElbLogType[] = ['alb', 'nlb', 'clb', 'alb-conn'];
