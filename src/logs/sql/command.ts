/**
 * `vpcsim logs sql` and `vpcsim logs athena`, registered on the `logs` command (docs/logs.md).
 * Exit codes: 0 ok, 2 bad usage or input, SQL errors, or @duckdb/node-api missing.
 */
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../../cli/exit.js';

const PATHS = 'flow-log text files (plain or gzip), Parquet files, or folders (searched recursively)';

export function registerSqlCommands(
  logs: Command<[], Record<string, unknown>, Record<string, unknown>>,
): void {
  logs
    .command('sql')
    .description('run SQL (DuckDB) on a view named flows of the flow-log records; needs @duckdb/node-api')
    .argument('<sql>', 'the statement, e.g. "select action, count(*) n from flows group by 1"')
    .argument('<paths...>', PATHS)
    .option('--json', 'print {columns, rows} as JSON')
    .option('--fields <format>', 'flow-log format of files without a header (default: the v2 default format)')
    .option('--skip-malformed', 'skip lines that do not fit the format instead of stopping')
    .action(async (sql, paths, o) => {
      const [run, render] = await Promise.all([import('./run.js'), import('./render.js')]);
      let got: Awaited<ReturnType<typeof run.runSql>>;
      try {
        got = await run.runSql(paths, sql, {
          ...(o.fields !== undefined ? { fields: o.fields } : {}),
          ...(o.skipMalformed ? { skipMalformed: true } : {}),
        });
      } catch (e) {
        if (e instanceof run.SqlError)
          throw new UsageError(
            /CSV Error/.test(e.message)
              ? `SQL error: ${e.message.replace(/\.$/, '')}; give --fields if the files have no header, or --skip-malformed to skip such lines.`
              : `SQL error: ${e.message}`,
          );
        if (e instanceof run.SqlInputError || e instanceof run.DuckDbMissingError)
          throw new UsageError(e.message);
        throw e;
      }
      process.stdout.write(o.json ? render.renderSqlJson(got) : render.renderSqlTable(got));
      if (!o.json) process.stderr.write(`${got.rows.length} row${got.rows.length === 1 ? '' : 's'}\n`);
    });

  logs
    .command('athena')
    .description('print the Athena CREATE TABLE for a flow-log format, and the summary reports as queries')
    .requiredOption(
      '--fields <format>',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: AWS's LogFormat syntax, not a template
      "the flow log's format: '${version} ${account-id} ...' or plain names",
    )
    .requiredOption(
      '--location <s3>',
      'the S3 folder AWS delivers to, ending in AWSLogs/: s3://bucket/prefix/AWSLogs/',
    )
    .option('--table <name>', 'table name (default vpc_flow_logs)')
    .option('--database <name>', 'database to create the table in (default: the current one)')
    .option(
      '--accounts <ids>',
      'comma-separated account IDs to project (default: injected, named in each query)',
    )
    .option(
      '--regions <names>',
      'comma-separated regions to project (default: injected, named in each query)',
    )
    .option('--since <day>', 'first day of the projected range, yyyy/MM/dd (default 2018/01/01)')
    .option('--top <n>', 'rows of the top-N report queries (default 10)')
    .option(
      '--file-format <format>',
      "the flow log's file format: text (plain-text) or parquet (default text)",
    )
    .option('--hive', 'the flow log uses Hive-compatible S3 prefixes (aws-account-id=.../year=.../...)')
    .option('--per-hour', 'the flow log partitions its files per hour (one more folder level)')
    .action(async (o) => {
      const [{ parseFieldList }, ddl] = await Promise.all([
        import('../formats/flow-format.js'),
        import('../athena/ddl.js'),
      ]);
      const fields = parseFieldList(o.fields);
      if (!fields.ok)
        throw new UsageError(
          `--fields ${JSON.stringify(o.fields)}: ${fields.message} (column ${fields.column}).`,
        );
      const list = (s: string | undefined) =>
        s
          ?.split(',')
          .map((x) => x.trim())
          .filter((x) => x !== '');
      const top = o.top === undefined ? undefined : Number(o.top);
      if (top !== undefined && !(Number.isInteger(top) && top >= 1))
        throw new UsageError(`--top ${JSON.stringify(o.top)} is not a whole number of at least 1.`);
      const accounts = list(o.accounts);
      const regions = list(o.regions);
      try {
        const fileFormat = o.fileFormat === undefined ? undefined : ddl.parseFileFormat(o.fileFormat);
        const t = ddl.athenaTable({
          fields: fields.names,
          location: o.location,
          ...(o.table !== undefined ? { table: o.table } : {}),
          ...(o.database !== undefined ? { database: o.database } : {}),
          ...(accounts ? { accounts } : {}),
          ...(regions ? { regions } : {}),
          ...(o.since !== undefined ? { since: o.since } : {}),
          ...(top !== undefined ? { top } : {}),
          ...(fileFormat !== undefined ? { fileFormat } : {}),
          ...(o.hive ? { hive: true } : {}),
          ...(o.perHour ? { perHour: true } : {}),
        });
        process.stdout.write(ddl.renderAthena(t));
      } catch (e) {
        if (e instanceof ddl.AthenaOptionError) throw new UsageError(e.message);
        throw e;
      }
    });
}
