/**
 * `vpcsim collect`: saves a snapshot from a live AWS account with read-only EC2, Direct Connect and
 * Elastic Load Balancing calls (docs/collect.md). Exit 0 when done (warnings, e.g. a refused
 * permission or a skipped opt-in region, do not change it), 2 when it cannot run (no EC2 SDK, no
 * region, no credentials). The SDK and the collect modules load only here.
 */
import { type Command, Option } from '@commander-js/extra-typings';
import { EXIT, UsageError } from './exit.js';

export function registerCollectCommand(program: Command): void {
  program
    .command('collect')
    .description(
      'save a snapshot of live AWS networking with read-only EC2, Direct Connect and ELB calls (AWS SDK, standard credential chain); one folder per region',
    )
    .requiredOption('--out <dir>', 'folder to write <region>/<Key>.json files (and global/) into')
    .option(
      '--region <region>',
      'region to collect (repeatable; default: the profile or AWS_REGION region)',
      (v: string, prev: string[] | undefined) => [...(prev ?? []), v],
    )
    .option('--profile <name>', 'AWS shared-config profile for credentials and region')
    .addOption(new Option('--endpoint-url <url>', 'custom endpoint for every service').hideHelp())
    .action(async (o) => {
      const { collect, CollectError } = await import('../collect/collect.js');
      const { collectWarningMessage, progressMessage } = await import('../collect/messages.js');
      const tty = process.stderr.isTTY === true;
      try {
        const r = await collect({
          out: o.out,
          ...(o.region ? { regions: o.region } : {}),
          ...(o.profile ? { profile: o.profile } : {}),
          ...(o.endpointUrl ? { endpoint: o.endpointUrl } : {}),
          ...(tty ? { onProgress: (p) => process.stderr.write(`${progressMessage(p)}\n`) } : {}),
          onWarning: (w) => process.stderr.write(`vpcsim: warning: ${collectWarningMessage(w)}\n`),
        });
        // One closing line even when piped (CI logs): what landed where.
        process.stderr.write(
          `Wrote ${r.files.length} files for ${r.regions.join(', ')} into ${o.out}${r.warnings.length ? ` (${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'})` : ''}.\n`,
        );
        process.exitCode = EXIT.ok;
      } catch (e) {
        if (e instanceof CollectError) throw new UsageError(e.message);
        throw e;
      }
    });
}
