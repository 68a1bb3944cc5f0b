#!/usr/bin/env node
/**
 * The `vpcsim` command: parses arguments, loads the snapshot, runs one command, prints, exits with
 * the documented code (docs/cli.md). Every user error is one sentence on stderr and exit 2.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { InputError } from '../ingest/errors.js';
import { registerCheckCommand } from './check-command.js';
import { registerCollectCommand } from './collect-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { EXIT, UsageError } from './exit.js';
import { registerLintCommand } from './lint-command.js';
import { registerLogsCommand } from './logs-command.js';
import { withOnPrem } from './onprem.js';

const color = process.stdout.isTTY === true && !process.env.NO_COLOR;

/** The built-in examples ship beside `src/` and `dist/`: look upwards from this module for them. */
export function examplePath(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'examples', name);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new UsageError(`the built-in example ${name} is missing from this installation.`);
}

function flowOptions(cmd: Command<[], Record<string, unknown>>) {
  return cmd
    .requiredOption('--from <endpoint>', 'instance id, ENI id, IP address, Name tag, or "internet"')
    .requiredOption(
      '--to <endpoint>',
      'instance id, ENI id, IP address, Name tag, "internet", "s3" or "dynamodb"',
    )
    .option('--protocol <protocol>', 'tcp, udp, icmp, icmpv6, all, or an IP protocol number 0-255', 'tcp')
    .option('--port <port>', 'destination port or range (tcp/udp)')
    .option('--source-port <port>', "client's source port or range (default: its ephemeral range)")
    .option(
      '--client-os <type>',
      'client type for the ephemeral range: linux, windows, windows-2003, elb, nat-gateway, lambda, any',
    )
    .option('--icmp-type <n>', 'ICMP type (default 8, echo request; 128 for icmpv6)')
    .option('--icmp-code <n>', 'ICMP code (default 0)')
    .option('--ipv6', 'use IPv6 addresses when the endpoints are named, not addressed');
}

export function buildProgram(): Command {
  const program = new Command('vpcsim')
    .description(
      'Offline simulator for AWS VPC networking: can A reach B, by which path, what blocks it, and the smallest fix.',
    )
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  flowOptions(
    program
      .command('trace')
      .description(
        'trace one flow hop by hop, forward and back; exit 0 reachable, 1 unreachable or partial, 3 unknown, 2 bad input',
      )
      .option(
        '--snapshot <path>',
        'folder (searched recursively) or file of `aws ec2 describe-* --output json` output',
      )
      .option(
        '--terraform <plan.json>',
        '`terraform show -json <planfile>` output, instead of --snapshot (docs/terraform.md)',
      )
      .option(
        '--before',
        'with --terraform: the network as it is before the plan (prior_state)',
      ) as unknown as Command<[], Record<string, unknown>>,
  )
    .option('--json', 'print the trace as JSON (docs/trace-output.md)')
    .option(
      '--onprem <file>',
      'YAML or JSON file naming on-premises networks behind VPN / Direct Connect (docs/onprem.md)',
    )
    .action(async (o) => {
      // Command modules load when their command runs: `logs` needs none of the snapshot readers.
      const { exitCodeOf, loadInput, printTrace, runTrace } = await import('./trace-command.js');
      const opts = o as Record<string, string | boolean | undefined>;
      const net = await withOnPrem(await loadInput(opts), opts.onprem);
      const t = runTrace(net, opts as never);
      printTrace(t, opts.json === true, color);
      process.exitCode = exitCodeOf(t);
    });

  program
    .command('inspect')
    .description('show what a snapshot holds: resource counts, regions, accounts, and every load warning')
    .option('--snapshot <path>', 'folder or file of describe-* JSON')
    .option('--terraform <plan.json>', '`terraform show -json <planfile>` output (docs/terraform.md)')
    .option('--before', 'with --terraform: the network as it is before the plan (prior_state)')
    .option('--json', 'print as JSON')
    .option('--onprem <file>', 'YAML or JSON file naming on-premises networks (docs/onprem.md)')
    .action(async (o) => {
      const { loadInput } = await import('./trace-command.js');
      const { inspect, renderInspect } = await import('./inspect-command.js');
      const net = await withOnPrem(await loadInput(o), o.onprem);
      const r = inspect(net);
      process.stdout.write(o.json ? `${JSON.stringify(r, null, 2)}\n` : `${renderInspect(r)}\n`);
    });

  program
    .command('demo')
    .description('two traces on the built-in NAT-instance example: one reachable, one blocked')
    .addOption(new Option('--json', 'print the traces as JSON'))
    .action(async (o) => {
      const { printTrace, runTrace } = await import('./trace-command.js');
      const { loadSnapshot } = await import('../ingest/snapshot.js');
      const dir = examplePath('nat-instance');
      const net = await loadSnapshot(dir);
      const c = pc.createColors(color);
      const runs = [
        {
          from: 'internet',
          to: 'web-1',
          protocol: 'tcp',
          port: '443',
          title: 'Can the internet reach web-1 on HTTPS?',
        },
        {
          from: 'app-1',
          to: '8.8.8.8',
          protocol: 'tcp',
          port: '22',
          title: 'Can app-1 (private subnet) SSH out to 8.8.8.8 through nat-1?',
        },
      ];
      process.stdout.write(c.dim(`Snapshot: ${dir}\n\n`));
      for (const r of runs) {
        process.stdout.write(
          `${c.bold(`$ vpcsim trace --snapshot examples/nat-instance --from ${r.from} --to ${r.to} --protocol ${r.protocol} --port ${r.port}`)}\n`,
        );
        process.stdout.write(c.dim(`# ${r.title}\n`));
        printTrace(runTrace(net, r), o.json === true, color);
        process.stdout.write('\n');
      }
    });
  registerLogsCommand(program);
  registerCheckCommand(program);
  registerLintCommand(program);
  registerDoctorCommand(program);
  registerCollectCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return EXIT.ok;
      return EXIT.input;
    }
    if (e instanceof UsageError || e instanceof InputError) {
      process.stderr.write(`vpcsim: ${e.message}\n`);
      return EXIT.input;
    }
    // A bug, not an answer: never let it look like "unreachable" (exit 1).
    process.stderr.write(
      `vpcsim: internal error, please report it: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    return EXIT.internal;
  }
}

if (
  process.argv[1] &&
  fileURLToPath(import.meta.url) === (await import('node:fs')).realpathSync(process.argv[1])
) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
