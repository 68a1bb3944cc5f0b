/**
 * `vpcsim doctor`: AWS's troubleshooting checklists built from traces (docs/doctor.md). Exit 0 when
 * no checkable item failed, 1 when one did, 2 on bad input. The doctor modules load only when it runs.
 */
import type { Command } from '@commander-js/extra-typings';
import { EXIT, UsageError } from './exit.js';

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      "AWS's troubleshooting checklist for an instance: --from <client-ip> (can't connect to it) or --to internet|s3|dynamodb (it can't reach them); exit 0 passed, 1 a check failed, 2 bad input",
    )
    .argument('<instance>', 'instance id or Name tag')
    .option('--snapshot <path>', 'folder or file of describe-* JSON')
    .option(
      '--terraform <plan.json>',
      '`terraform show -json` of a plan, instead of --snapshot (docs/terraform.md)',
    )
    .option('--before', 'with --terraform: the network as it is before the plan (prior_state)')
    .option('--from <client-ip>', "the public IPv4 or IPv6 address of the client that can't connect")
    .option('--to <target>', 'internet, s3 or dynamodb: what the instance cannot reach')
    .option('--port <n>', 'tcp port (default: 22, or 3389 for Windows, with --from; 443 with --to)')
    .option('--ipv6', 'with --to: check IPv6 instead of IPv4')
    .option('--json', 'print the checklist and the trace as JSON (docs/doctor.md)')
    .action(async (instance, o) => {
      const [{ runDoctor, DoctorInputError }, { renderDoctor }] = await Promise.all([
        import('../doctor/doctor.js'),
        import('../doctor/render.js'),
      ]);
      const { loadInput } = await import('./trace-command.js');
      const net = await loadInput(o);
      let report: ReturnType<typeof runDoctor>;
      try {
        report = runDoctor(net, { instance, from: o.from, to: o.to, port: o.port, ipv6: o.ipv6 === true });
      } catch (e) {
        if (e instanceof DoctorInputError) throw new UsageError(e.message);
        throw e;
      }
      const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
      process.stdout.write(
        o.json ? `${JSON.stringify(report, null, 2)}\n` : `${renderDoctor(report, { color })}\n`,
      );
      process.exitCode = report.result === 'failed' ? EXIT.blocked : EXIT.ok;
    });
}
