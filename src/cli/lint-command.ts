/**
 * `vpcsim lint`: configuration checks (docs/rules.md). Exit 0 when no unsuppressed finding is at or
 * above --fail-on (default error), 1 otherwise, 2 on bad input (flags, snapshot, .vpcsim.yaml).
 */
import type { Command } from '@commander-js/extra-typings';
import { EXIT, UsageError } from './exit.js';

const FORMATS = ['text', 'json', 'sarif'] as const;
const LEVELS = ['error', 'warning', 'note'] as const;

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description(
      'check a snapshot against configuration rules (docs/rules.md); exit 0 clean, 1 findings at or above --fail-on, 2 bad input',
    )
    .option('--snapshot <path>', 'folder or file of describe-* JSON')
    .option(
      '--terraform <plan.json>',
      '`terraform show -json` of a plan, instead of --snapshot (docs/terraform.md)',
    )
    .option('--before', 'with --terraform: the network as it is before the plan (prior_state)')
    .option('--onprem <file>', 'YAML or JSON file naming on-premises networks (docs/onprem.md)')
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'text')
    .option('--fail-on <level>', `exit 1 when a finding is at or above: ${LEVELS.join(', ')}`, 'error')
    .option(
      '--config <file>',
      'suppressions file (default: .vpcsim.yaml in the current directory, if present)',
    )
    .action(async (o) => {
      const format = o.format as (typeof FORMATS)[number];
      if (!FORMATS.includes(format))
        throw new UsageError(
          `--format ${JSON.stringify(o.format)} is not known; use one of ${FORMATS.join(', ')}.`,
        );
      const failOn = o.failOn as (typeof LEVELS)[number];
      if (!LEVELS.includes(failOn))
        throw new UsageError(
          `--fail-on ${JSON.stringify(o.failOn)} is not a level; use one of ${LEVELS.join(', ')}.`,
        );
      // The rules, the trace engine and the YAML parser load only when lint runs.
      const [{ runLint, failsAt }, render, { loadLintConfig, ConfigError }] = await Promise.all([
        import('../lint/run.js'),
        import('../lint/render.js'),
        import('../lint/config.js'),
      ]);
      let config: ReturnType<typeof loadLintConfig>;
      try {
        config = loadLintConfig(o.config);
      } catch (e) {
        if (e instanceof ConfigError) throw new UsageError(`invalid lint config ${e.message}.`);
        throw e;
      }
      // Loaded when the command runs, so that other commands start without the snapshot readers.
      const { loadInput } = await import('./trace-command.js');
      const { withOnPrem } = await import('./onprem.js');
      const net = await withOnPrem(await loadInput(o), o.onprem);
      const result = runLint(net, config);
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      const out =
        format === 'json'
          ? render.renderJson(result)
          : format === 'sarif'
            ? render.renderSarif(result)
            : render.renderText(result, color);
      process.stdout.write(`${out}\n`);
      process.exitCode = failsAt(result, failOn) ? EXIT.blocked : EXIT.ok;
    });
}
