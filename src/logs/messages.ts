/**
 * Every sentence the logs commands print: input errors (exit 2), malformed-line reasons, warnings,
 * and the names of log types. Readers and reports carry codes and values; the words are here.
 */
import type { LogType } from './log-type.js';
import type { LogWarning, MalformedSample } from './read/accounting.js';

export const LOG_TYPE_NAMES: Readonly<Record<LogType, string>> = {
  vpc: 'VPC flow logs',
  alb: 'ALB access logs',
  nlb: 'NLB access logs',
  clb: 'Classic Load Balancer access logs',
  'alb-conn': 'ALB connection logs',
};

// biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
const FIELDS_EXAMPLE = "--fields '${version} ${interface-id} ${srcaddr} ${dstaddr} ...'";

export function locationText(l: { file: string; line: number; event?: true }): string {
  return l.event ? `${l.file} event ${l.line}` : `${l.file}:${l.line}`;
}

export const inputErrors = {
  noSuchPath: (p: string) =>
    `no such file or folder: ${p}; give log files, folders, or - for standard input.`,
  parquet: (p: string) =>
    `${p} is a Parquet file, which this version does not read; convert it to text or pass the text logs.`,
  unreadable: (p: string, why: string) => `cannot read ${p} (${why}); check the path and its permissions.`,
  badJson: (file: string, problem: string) =>
    `${file} starts like CloudWatch Logs JSON but cannot be read as such (${problem}); pass the output of \`aws logs filter-log-events\` or a subscription payload, or the plain log lines.`,
  unknownFormat: (loc: string, sample: string) =>
    `${loc} is not a log line vpcsim recognises (${JSON.stringify(sample)}): it is neither a flow-log header, a flow-log record, nor an ELB log entry; for flow logs without a header line pass the format with ${FIELDS_EXAMPLE}, for ELB logs pass --type alb, nlb, clb or alb-conn.`,
  formatMismatch: (loc: string, source: 'default' | 'fields', detail: string) =>
    source === 'default'
      ? `${loc} does not match the default flow-log format (${detail}) and the file has no header line; pass its format with ${FIELDS_EXAMPLE} (CloudWatch Logs and Firehose deliveries have no header).`
      : `${loc} does not match the format given with --fields (${detail}); pass the format the flow log was created with (its LogFormat in \`aws ec2 describe-flow-logs\`).`,
  mixedTypes: (a: string, ta: LogType, b: string, tb: LogType) =>
    `${b} holds ${LOG_TYPE_NAMES[tb]} but ${a} holds ${LOG_TYPE_NAMES[ta]}; read one log type at a time (pass only those files, or --type to force one).`,
  fieldsWithElb: (t: LogType) =>
    `--fields describes flow-log formats, but --type is ${t}; drop --fields for ELB logs (their format is fixed).`,
};

/** Why one line is malformed, for the end-of-report list. */
export function malformedText(s: MalformedSample): string {
  const field = s.field ? ` ${s.field}` : '';
  const token = s.token !== undefined ? ` ${JSON.stringify(s.token)}` : '';
  switch (s.reason) {
    case 'too-few-fields':
      return `too few fields: ${s.got}, the format has ${s.expected}`;
    case 'too-many-fields':
      return `too many fields: ${s.got}, the format has ${s.expected}`;
    case 'bad-integer':
      return `bad integer in${field}:${token}`;
    case 'bad-number':
      return `bad number in${field}:${token}`;
    case 'bad-address':
      return `bad address in${field}:${token}`;
    case 'bad-time':
      return `bad timestamp in${field}:${token}`;
    case 'unknown-action':
      return `unknown action${token} (ACCEPT or REJECT)`;
    case 'unknown-log-status':
      return `unknown log-status${token} (OK, NODATA or SKIPDATA)`;
    case 'unknown-request-type':
      return `unknown request type${token} (http, https, h2, grpcs, ws, wss)`;
    case 'bad-value':
      return `value not allowed in${field}:${token}`;
    case 'unterminated-quote':
      return `a quoted field is not closed${field ? ` (${s.field})` : ''}`;
    case 'line-too-long':
      return 'line longer than 1 MiB (not kept)';
    case 'corrupt-gzip':
      return `compressed data is corrupt from here on${token ? ` (${s.token})` : ''}`;
  }
}

export function warningText(w: LogWarning): string {
  switch (w.code) {
    case 'unknown-field':
      return `${w.file ?? 'the format'} names the field ${w.field}, which vpcsim does not know; it is kept as text.`;
    case 'header-overrides-fields':
      return `${w.file}: its header line differs from --fields; the header is used for that file.`;
    case 'skipped-files':
      return `skipped ${w.count} file${w.count === 1 ? '' : 's'} in the folders that cannot hold these logs (${(w.names ?? []).slice(0, 3).join(', ')}${(w.count ?? 0) > 3 ? ', ...' : ''}).`;
    case 'query-field-absent':
      return `${w.file}: its format has no ${w.field}; the query reads it as - (null) there.`;
    case 'empty-input':
      return 'the input holds no log lines.';
    case 'nodata-bad-value':
      return `${locationText({ file: w.file ?? '', line: w.line ?? 0, ...(w.event ? { event: true as const } : {}) })}: a NODATA or SKIPDATA record has ${w.field} ${JSON.stringify(w.token)}, which the field cannot hold; read as - (such records carry no traffic), and the record is counted as logged.`;
  }
}
