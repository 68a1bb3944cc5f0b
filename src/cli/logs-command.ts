/**
 * `vpcsim logs summary|query`: reads VPC flow logs and ELB logs (docs/logs.md). Exit codes: 0 ok
 * (malformed lines are reported, not fatal), 1 with --strict on the first malformed line, 2 bad
 * usage or input. A progress line goes to stderr on a terminal only.
 */
import type { Command } from '@commander-js/extra-typings';
import { DEFAULT_MAX_KEYS, DEFAULT_QUERY_TOP, DEFAULT_TOP } from '../logs/defaults.js';
import { LOG_TYPES, type LogType } from '../logs/log-type.js';
import type { MalformedSample } from '../logs/read/accounting.js';
import type { ElbLine } from '../logs/read/elb-parser.js';
import type { FlowLine } from '../logs/read/flow-parser.js';
import type { Progress } from '../logs/read/read.js';
import type { ReadFlags } from '../logs/run.js';
import { registerSqlCommands } from '../logs/sql/command.js';
import { EXIT, UsageError } from './exit.js';

/** The readers and reports, loaded only when a logs command runs (other commands start faster). */
async function load() {
  const [run, render, messages, parse, accounting] = await Promise.all([
    import('../logs/run.js'),
    import('../logs/render.js'),
    import('../logs/messages.js'),
    import('../logs/query/parse.js'),
    import('../logs/read/accounting.js'),
  ]);
  return {
    ...run,
    ...render,
    ...messages,
    QueryError: parse.QueryError,
    LogInputError: accounting.LogInputError,
  };
}
type Logs = Awaited<ReturnType<typeof load>>;

interface CommonOpts {
  json?: boolean;
  fields?: string;
  type?: string;
  top?: string;
  maxKeys?: string;
  strict?: boolean;
}

/** Most threads `logs summary --threads` takes. */
const MAX_THREADS = 16;

function whole(flag: string, text: string | undefined, min: number, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min)
    throw new UsageError(`${flag} ${JSON.stringify(text)} is not a whole number of at least ${min}.`);
  return n;
}

function logType(text: string | undefined): LogType | undefined {
  if (text === undefined) return undefined;
  if (!(LOG_TYPES as readonly string[]).includes(text))
    throw new UsageError(
      `--type ${JSON.stringify(text)} is not a log type; use one of ${LOG_TYPES.join(', ')}.`,
    );
  return text as LogType;
}

/** A progress line on a terminal, at most four times a second; silent when stderr is not one. */
function progress(L: Logs): { onProgress?: (p: Progress) => void; done: () => void } {
  if (!process.stderr.isTTY) return { done: () => {} };
  const t0 = Date.now();
  let last = 0;
  let shown = false;
  return {
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 250) return;
      last = now;
      shown = true;
      const rate = p.lines / Math.max(0.001, (now - t0) / 1000);
      const of = p.bytesTotal > 0 ? ` of ${L.bytes(p.bytesTotal)}` : '';
      process.stderr.write(
        `\r\x1b[K  ${L.bytes(p.bytesDone)}${of} read · ${L.int(p.lines)} lines · ${L.int(rate)} lines/s`,
      );
    },
    done: () => {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

function flags(o: CommonOpts, topDefault: number): ReadFlags {
  const type = logType(o.type);
  return {
    ...(type ? { type } : {}),
    ...(o.fields !== undefined ? { fields: o.fields } : {}),
    ...(o.strict ? { strict: true } : {}),
    top: whole('--top', o.top, 1, topDefault),
    maxKeys: whole('--max-keys', o.maxKeys, 16, DEFAULT_MAX_KEYS),
  };
}

function strictExit(L: Logs, s: MalformedSample): void {
  process.stderr.write(
    `vpcsim: ${L.locationText(s)} is malformed (${L.malformedText(s)}); stopped there because of --strict.\n`,
  );
  process.exitCode = EXIT.blocked;
}

async function guard<T>(L: Logs, where: string | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof L.LogInputError) throw new UsageError(e.message);
    if (e instanceof L.QueryError) throw new UsageError(L.renderQueryError(where ?? '', e));
    throw e;
  }
}

const PATHS =
  'log files, folders (searched recursively), or - for standard input; plain, gzip, or Parquet flow logs (.parquet)';

export function registerLogsCommand(program: Command): void {
  const logs = program
    .command('logs')
    .description(
      'read VPC flow logs and ELB access logs: summary, query, sql, athena, explain REJECTs, correlate, synthesise (docs/logs.md)',
    );
  registerSqlCommands(logs);

  logs
    .command('summary')
    .description(
      'counts, time range, accepted vs rejected, top talkers, rejected flows, admin ports, protocols',
    )
    .argument('<paths...>', PATHS)
    .option('--json', 'print the report as JSON (docs/logs.md)')
    .option(
      '--fields <format>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
      "flow-log format of files without a header: '${version} ${srcaddr} ...' or plain names",
    )
    .option('--type <type>', `force the log type: ${LOG_TYPES.join(', ')} (default: detected)`)
    .option('--top <n>', `entries per list (default ${DEFAULT_TOP})`)
    .option('--max-keys <n>', `distinct keys per list kept exactly (default ${DEFAULT_MAX_KEYS})`)
    .option('--strict', 'stop with exit 1 at the first malformed line')
    .option(
      '--threads <n>',
      'threads reading large plain-text flow logs (default: one per core, up to 4; 1: no worker threads)',
    )
    .action(async (paths, o) => {
      const threads = o.threads === undefined ? undefined : whole('--threads', o.threads, 1, 1);
      // Each thread keeps its own bounded tables: past this, memory grows for no gain.
      if (threads !== undefined && threads > MAX_THREADS)
        throw new UsageError(
          `--threads ${threads} is more than ${MAX_THREADS}; each thread keeps its own tables.`,
        );
      const f = { ...flags(o, DEFAULT_TOP), ...(threads ? { parallel: { workers: threads } } : {}) };
      const L = await load();
      const p = progress(L);
      const got = await guard(L, undefined, () =>
        L.summarize(paths, { ...f, ...(p.onProgress ? { onProgress: p.onProgress } : {}) }),
      ).finally(p.done);
      if (got.strictFailure) return strictExit(L, got.strictFailure);
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        o.json ? `${JSON.stringify(got.json, null, 2)}\n` : L.renderSummary(got.json, color),
      );
    });

  logs
    .command('query')
    .description('print the records matching --where, or count them by --group-by fields')
    .argument('<paths...>', PATHS)
    .option(
      '--where <expr>',
      "filter: and, or, not, ( ), = != < <= > >=, in CIDR; e.g. 'action=REJECT and dstport=22'",
    )
    .option('--group-by <fields>', 'comma-separated fields to count matching records by')
    .option('--top <n>', `groups to print (default ${DEFAULT_QUERY_TOP})`)
    .option('--limit <n>', 'records to print at most (without --group-by)')
    .option('--json', 'print JSON (docs/logs.md)')
    .option('--fields <format>', 'flow-log format of files without a header')
    .option('--type <type>', `force the log type: ${LOG_TYPES.join(', ')}`)
    .option('--max-keys <n>', `distinct groups kept exactly (default ${DEFAULT_MAX_KEYS})`)
    .option('--strict', 'stop with exit 1 at the first malformed line')
    .action(async (paths, o) => {
      const groupBy = o.groupBy
        ?.split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (o.groupBy !== undefined && (groupBy ?? []).length === 0)
        throw new UsageError('--group-by needs field names separated by commas, like srcaddr,dstport.');
      const limit = o.limit === undefined ? undefined : whole('--limit', o.limit, 0, 0);
      const f = flags(o, DEFAULT_QUERY_TOP);
      const L = await load();
      const p = progress(L);
      const json = o.json === true;
      // Records are printed as they match, in chunks; JSON records open the object on the first one.
      let buffered: string[] = [];
      let size = 0;
      let emitted = 0;
      const flush = () => {
        if (buffered.length > 0) process.stdout.write(buffered.join(''));
        buffered = [];
        size = 0;
      };
      const emit = (r: FlowLine | ElbLine) => {
        const text = json
          ? `${emitted === 0 ? '{\n  "records": [\n' : ',\n'}    ${JSON.stringify(r.toRecord())}`
          : `${r.raw()}\n`;
        emitted++;
        buffered.push(text);
        size += text.length;
        if (size > 1 << 16) flush();
      };
      // A JSON array of records already begun is closed when reading stops early.
      const closeRecords = () => {
        flush();
        if (json && emitted > 0) process.stdout.write('\n  ]\n}\n');
      };
      let got: Awaited<ReturnType<Logs['query']>>;
      try {
        got = await guard(L, o.where, () =>
          L.query(
            paths,
            {
              ...f,
              ...(p.onProgress ? { onProgress: p.onProgress } : {}),
              ...(o.where !== undefined ? { where: o.where } : {}),
              ...(groupBy ? { groupBy } : {}),
              ...(limit !== undefined ? { limit } : {}),
            },
            emit,
          ),
        );
      } catch (e) {
        closeRecords();
        throw e;
      } finally {
        p.done();
      }
      if (got.strictFailure) {
        closeRecords();
        return strictExit(L, got.strictFailure);
      }
      flush();
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      if (groupBy) {
        process.stdout.write(
          json ? `${JSON.stringify(got.json, null, 2)}\n` : L.renderGroups(got.json, color),
        );
      } else if (json) {
        const rest = JSON.stringify(got.json, null, 2).slice(1).replace(/^\n/, '');
        process.stdout.write(emitted === 0 ? `{\n  "records": [],\n${rest}\n` : `\n  ],\n${rest}\n`);
      } else {
        process.stderr.write(L.renderQueryFooter(got.json, emitted));
      }
    });

  logs
    .command('explain')
    .description(
      'name the security group or network ACL rule behind each REJECT record, by tracing it against a snapshot',
    )
    .argument('<paths...>', PATHS)
    .requiredOption('--snapshot <path>', 'the snapshot to explain the records against')
    .option('--onprem <file>', 'on-premises networks (docs/onprem.md)')
    .option('--accepts', 'also check ACCEPT records: those the model would block are their own group')
    .option('--top <n>', `causes to print (default ${DEFAULT_TOP}; --json prints all)`)
    .option('--json', 'print JSON (docs/logs.md)')
    .option('--fields <format>', 'flow-log format of files without a header')
    .option('--strict', 'stop with exit 1 at the first malformed line')
    .action(async (paths, o) => {
      const net = await loadNetwork(o.snapshot, o.onprem);
      // Files without a header line are read in the format the snapshot's flow logs declare.
      const { snapshotFlowLogFormat } = await import('../logs/snapshot-format.js');
      const fields = o.fields ?? snapshotFlowLogFormat(net);
      const f = flags({ ...o, ...(fields !== undefined ? { fields } : {}) }, DEFAULT_TOP);
      const L = await load();
      const { explainLogs } = await import('../logs/explain/explain.js');
      const { renderExplain } = await import('../logs/explain/render.js');
      const p = progress(L);
      const got = await guard(L, undefined, () =>
        explainLogs(net, paths, {
          ...f,
          ...(o.accepts ? { accepts: true } : {}),
          ...(p.onProgress ? { onProgress: p.onProgress } : {}),
        }),
      ).finally(p.done);
      if (got.strictFailure) return strictExit(L, got.strictFailure);
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        o.json ? `${JSON.stringify(got.json, null, 2)}\n` : renderExplain(got.json, color, f.top),
      );
    });

  logs
    .command('correlate')
    .description(
      'put ELB access logs beside VPC flow logs: per target, 5xx and error reasons against ACCEPT/REJECT flows',
    )
    .option('--elb <paths...>', 'ELB access logs (ALB or Classic): files, folders, plain or gzip')
    .option(
      '--flow <paths...>',
      "VPC flow logs of the targets' interfaces: files, folders, plain, gzip or Parquet",
    )
    .option('--snapshot <path>', "name each target's interface and instance from this snapshot")
    .option('--onprem <file>', 'on-premises networks (docs/onprem.md)')
    .option(
      '--window <seconds>',
      "seconds around each flow record's start and end a request may fall in (default 60)",
    )
    .option('--fields <format>', 'flow-log format of files without a header')
    .option('--json', 'print JSON (docs/logs.md)')
    .action(async (o) => {
      const { correlate, DEFAULT_WINDOW } = await import('../logs/correlate/correlate.js');
      const { renderCorrelate, correlateErrors } = await import('../logs/correlate/render.js');
      if (!o.elb?.length || !o.flow?.length) throw new UsageError(correlateErrors.missingInput);
      const window = whole('--window', o.window, 0, DEFAULT_WINDOW);
      const net = o.snapshot !== undefined ? await loadNetwork(o.snapshot, o.onprem) : undefined;
      const L = await load();
      const json = await guard(L, undefined, () =>
        correlate(o.elb ?? [], o.flow ?? [], {
          window,
          ...(o.fields !== undefined ? { fields: o.fields } : {}),
          ...(net ? { net } : {}),
        }),
      );
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(o.json ? `${JSON.stringify(json, null, 2)}\n` : renderCorrelate(json, color));
    });

  logs
    .command('synth')
    .description('write the flow-log records AWS would produce for a list of connections')
    .requiredOption('--snapshot <path>', 'the snapshot the connections run through')
    .requiredOption(
      '--traffic <file>',
      'YAML list of connections: {from, to, protocol, port, packets?, bytes?, start?, duration?}',
    )
    .option('--onprem <file>', 'on-premises networks (docs/onprem.md)')
    .option(
      '--format <fields>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
      "flow-log format: '${version} ${interface-id} ...' or plain names (default: the v2 default format)",
    )
    .option('--no-header', 'leave out the header line S3 text files start with')
    .option('--out <file>', 'write the records to this file (default: standard output)')
    .action(async (o) => {
      const net = await loadNetwork(o.snapshot, o.onprem);
      const L = await load();
      const [{ loadTraffic }, { synthesize, formatRecords }, ff] = await Promise.all([
        import('../logs/synth/traffic.js'),
        import('../logs/synth/synth.js'),
        import('../logs/formats/flow-format.js'),
      ]);
      let format = ff.DEFAULT_FORMAT;
      // Without --format, records come out the way the snapshot's flow logs declare them.
      const { snapshotFlowLogFormat } = await import('../logs/snapshot-format.js');
      const wanted = o.format ?? snapshotFlowLogFormat(net);
      if (wanted !== undefined) {
        const got = ff.parseFieldList(wanted);
        if (!got.ok)
          throw new UsageError(
            `--format ${JSON.stringify(o.format)}: ${got.message} (column ${got.column}).`,
          );
        format = new ff.FlowFormat(got.names, 'fields');
      }
      const text = await guard(L, undefined, async () => {
        const flows = synthesize(net, loadTraffic(o.traffic));
        return formatRecords(
          net,
          flows.flatMap((f) => f.records),
          format,
          o.header !== false,
        );
      });
      if (o.out !== undefined) {
        const { writeFileSync } = await import('node:fs');
        writeFileSync(o.out, text);
      } else process.stdout.write(text);
    });
}

/** The snapshot, with the networks of an --onprem file (replacing inferred ones). */
async function loadNetwork(snapshot: string, onprem: string | undefined) {
  const { loadSnapshot } = await import('../ingest/snapshot.js');
  const { withOnPrem } = await import('./onprem.js');
  return withOnPrem(await loadSnapshot(snapshot), onprem);
}
