import { firstReleaseWhere, VENICE_PLUGIN_INSTALL, VENICE_PLUGIN_PACKAGE, type Target } from '../core/openclaw-releases.js';
import type { PluginStatus, ValidateIssue, ValidateVerdict } from '../openclaw/commands.js';
import type { Openclaw } from '../openclaw/target.js';
import { fail, pass, skip, warn, type CheckOutcome } from './types.js';

/** `openclaw.release` and `openclaw.validate` (SPEC §1.2, §8): OpenClaw's own word, when it is on PATH. */

const NO_OPENCLAW_HINT = 'Put openclaw on PATH (npm install -g openclaw) so that verify can ask OpenClaw itself.';

export function checkOpenclawRelease(target: Target, openclaw: Openclaw | undefined, plugin: PluginStatus | undefined): CheckOutcome {
  if (openclaw === undefined) return skip(`skipped: openclaw is not on PATH (checked for ${target.version}).`, NO_OPENCLAW_HINT);
  const release = openclaw.version === undefined ? `OpenClaw at ${openclaw.bin} (version not reported; checked for ${target.version})` : `OpenClaw ${openclaw.version} at ${openclaw.bin}`;
  switch (target.shape.venice) {
    case 'core':
      return pass(`${release}; Venice is built in.`);
    case 'bundled-plugin':
      return pass(`${release}; Venice is its bundled plugin.`);
    case 'external-unavailable':
      return pass(`${release}; no version of ${VENICE_PLUGIN_PACKAGE} supports it, and the config's Venice block is the provider.`);
    case 'external-plugin':
      if (plugin === undefined) return warn(`${release}; it could not say whether ${VENICE_PLUGIN_PACKAGE} is installed.`, 'Run openclaw plugins list to see.');
      if (!plugin.installed) return warn(`${release}; the Venice plugin ${VENICE_PLUGIN_PACKAGE} is not installed.`, `Install it: ${VENICE_PLUGIN_INSTALL} (or run venice-onboard onboard, which offers to).`);
      if (plugin.enabled === false) return warn(`${release}; the Venice plugin is installed but disabled.`, 'Set plugins.entries.venice.enabled to true (venice-onboard onboard does).');
      return pass(`${release}; Venice plugin ${VENICE_PLUGIN_PACKAGE}${plugin.version ? ` ${plugin.version}` : ''} installed.`);
  }
}

const STRICT_SINCE = firstReleaseWhere((s) => s.strictEnv);
/** Keys OpenClaw's `doctor --fix` migrates (found by running it on 2026.9.6). */
const DOCTOR_MIGRATES = [/^meta$/, /^<root>$/, /^env$/];

function lines(issues: readonly ValidateIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.message}`).join('\n');
}

function hintFor(issues: readonly ValidateIssue[]): string {
  if (issues.some((i) => i.path === 'env' && i.message.includes('"VENICE_API_KEY"'))) {
    return `Run venice-onboard onboard: it moves env.VENICE_API_KEY to env.vars (refused since ${STRICT_SINCE}) and keeps your comments.`;
  }
  if (issues.every((i) => DOCTOR_MIGRATES.some((p) => p.test(i.path)) && /Unrecognized key/.test(i.message))) {
    return 'openclaw doctor --fix migrates these keys (it saves the config without its comments, the old file as .bak).';
  }
  return 'Fix these by hand; openclaw config validate lists them too.';
}

export function checkOpenclawValidate(openclaw: Openclaw | undefined, verdict: ValidateVerdict | undefined): CheckOutcome {
  if (openclaw === undefined) return skip('skipped: openclaw is not on PATH.', NO_OPENCLAW_HINT);
  if (verdict === undefined) return skip('skipped: no config file');
  const who = openclaw.version === undefined ? 'OpenClaw' : `OpenClaw ${openclaw.version}`;
  switch (verdict.kind) {
    case 'unsupported':
      return skip(`skipped: ${who} has no config validate command.`);
    case 'failed':
      return warn(`openclaw config validate did not answer: ${verdict.reason}`, 'Run openclaw config validate yourself to see why.');
    case 'verdict':
      if (!verdict.valid) return fail(`${who} refuses the config:\n${lines(verdict.issues)}`, hintFor(verdict.issues));
      if (verdict.warnings.length > 0) return warn(`${who} accepts the config, with warnings:\n${lines(verdict.warnings)}`, 'Each warning names what OpenClaw will do without; fix the ones you need.');
      return pass(`${who} accepts the config.`);
  }
}
