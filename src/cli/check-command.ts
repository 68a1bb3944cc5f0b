/** `vpcsim check <intent-file>`: network intent as a test; exit 0 all hold, 1 one fails, 3 one undecided, 2 bad input. */
import type { Command } from '@commander-js/extra-typings';
import { EXIT, UsageError } from './exit.js';

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(
      'check network intent: every flow of a YAML or JSON file must be reachable or unreachable as it says (docs/check.md); exit 0 all hold, 1 one fails, 3 one cannot be decided, 2 bad input',
    )
    .argument(
      '<file>',
      'the intent file: a list of {from, to, protocol?, port?, expect: reachable|unreachable}',
    )
    .option('--snapshot <path>', 'folder or file of describe-* JSON')
    .option(
      '--terraform <plan.json>',
      '`terraform show -json` of a plan, instead of --snapshot (docs/terraform.md)',
    )
    .option('--before', 'with --terraform: the network as it is before the plan (prior_state)')
    .option(
      '--compare',
      'with --terraform: check the network before the plan too, and mark what the plan changes',
    )
    .option('--onprem <file>', 'YAML or JSON file naming on-premises networks (docs/onprem.md)')
    .option(
      '--format <format>',
      'text (default), json, junit (JUnit XML for CI test reports) or sarif (code scanning on the intent file)',
    )
    .option('--json', 'the same as --format json (docs/check.md)')
    .action(async (file, o) => {
      const format = o.json ? 'json' : (o.format ?? 'text');
      if (!['text', 'json', 'junit', 'sarif'].includes(format))
        throw new UsageError(
          `--format ${JSON.stringify(format)} is not a format; use text, json, junit or sarif.`,
        );
      // Loaded when the command runs (start-up of other commands stays small).
      const { loadIntents, CheckFileError } = await import('../check/intent-file.js');
      const { runChecks, compareWithBefore, outcomesBefore, CheckResolveError } = await import(
        '../check/run.js'
      );
      if (o.compare && (typeof o.terraform !== 'string' || o.before))
        throw new UsageError(
          '--compare needs --terraform <plan.json> (and not --before): it checks the plan against the network before it.',
        );
      const { renderChecks } = await import('../check/render.js');
      const { renderJunit } = await import('../check/junit.js');
      const { renderSarif } = await import('../check/sarif.js');
      const { loadInput, resolveErrorText } = await import('./trace-command.js');
      const { toQuery } = await import('./options.js');
      const { withOnPrem } = await import('./onprem.js');
      let intents: ReturnType<typeof loadIntents>;
      try {
        intents = loadIntents(file);
      } catch (e) {
        if (e instanceof CheckFileError) throw new UsageError(e.message);
        throw e;
      }
      // Every check is parsed before any is traced: a bad one stops the run with its place.
      const items = intents.map((intent) => {
        try {
          return { intent, query: toQuery(intent) };
        } catch (e) {
          if (e instanceof UsageError) throw new UsageError(`${intent.where}: ${e.message}`);
          throw e;
        }
      });
      const check = (n: Awaited<ReturnType<typeof loadInput>>) => {
        try {
          return runChecks(n, items);
        } catch (e) {
          if (e instanceof CheckResolveError)
            throw new UsageError(`${e.where}: ${resolveErrorText(e.cause)}`);
          throw e;
        }
      };
      let report = check(await withOnPrem(await loadInput(o), o.onprem));
      if (o.compare)
        report = compareWithBefore(
          report,
          outcomesBefore(await withOnPrem(await loadInput({ ...o, before: true }), o.onprem), items),
        );
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        format === 'json'
          ? `${JSON.stringify(report, null, 2)}\n`
          : format === 'junit'
            ? renderJunit(report, file)
            : format === 'sarif'
              ? renderSarif(report)
              : renderChecks(report, color),
      );
      const n = report.counts;
      process.exitCode = n.failed > 0 ? EXIT.blocked : n.unknown > 0 ? EXIT.unknown : EXIT.ok;
    });
}
