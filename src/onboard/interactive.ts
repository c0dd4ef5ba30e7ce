import { describeLocation, type ConfigLocation } from '../config/config-path.js';
import { PLACE_LABEL, type FoundKey } from '../config/key-stores.js';
import type { Context } from '../context.js';
import { checkKeyFormat, isPlaceholderKey } from '../core/key-format.js';
import { maskKey, showPlaceholder } from '../core/mask.js';
import { VENICE_PLUGIN_INSTALL } from '../core/openclaw-releases.js';
import type { KeyStorage } from '../core/plan-venice.js';
import { DEFAULT_MODEL_ID } from '../catalog/static-catalog.js';
import type { Catalog } from '../core/types.js';
import { resolveModel } from '../catalog/resolve-model.js';
import { chooseDefaultModel } from '../catalog/recommendations.js';
import { callableByOpenclaw } from '../core/tier.js';
import { startSpinner } from '../ui/spinner.js';
import { CliError, ExitCode } from '../errors.js';
import { palette } from '../ui/style.js';
import { invalidKeyError } from '../net/key-check.js';
import { nonInteractive, type Interaction, type KeyChecker } from './interaction.js';
import { buildModelGroups } from './model-choices.js';
import { isPlaceholder, whereStored } from './resolve-choice.js';
import type { OnboardOptions } from '../options.js';

const MAX_KEY_TRIES = 3;

/** The interactive answers (SPEC §1.1): each question is skipped when its flag is given. */
export async function interactive(o: OnboardOptions, ctx: Context): Promise<Interaction> {
  const p = await ctx.prompts();
  const c = palette(ctx.color);
  const say = (line: string) => ctx.stderr.write(`${line}\n`);
  const flags = nonInteractive(o, ctx);

  async function typedKey(check: KeyChecker): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const raw = await p.password('Venice API key (venice.ai → Settings → API Keys):', (value) => {
        const result = checkKeyFormat(value);
        return result.status === 'error' ? `${result.message} ${result.hint}` : true;
      });
      const result = checkKeyFormat(raw);
      if (result.status === 'error') continue; // the validator already refused it
      ctx.secrets.add(raw.trim());
      ctx.secrets.add(result.key);
      if (result.status === 'warn') say(`${c.yellow('!')} ${result.message}`);
      const verdict = await check(result.key);
      if (verdict === 'ok') return result.key;
      say(`${c.red('✗')} ${verdict.message}`);
      if (attempt >= MAX_KEY_TRIES) throw invalidKeyError(`${verdict.message} (${MAX_KEY_TRIES} tries)`);
    }
  }

  async function offer(key: string, question: string, check: KeyChecker): Promise<string | undefined> {
    const result = checkKeyFormat(key);
    if (result.status === 'error') {
      say(`${c.yellow('!')} ${question.replace(/\?$/, '')}: ${result.message}`);
      return undefined;
    }
    ctx.secrets.add(key);
    ctx.secrets.add(result.key);
    if (!(await p.confirm(question, true))) return undefined;
    const verdict = await check(result.key);
    if (verdict === 'ok') return result.key;
    say(`${c.red('✗')} ${verdict.message}`);
    return undefined;
  }

  return {
    header: (loc: ConfigLocation) => {
      say(c.bold('Set up Venice AI for OpenClaw'));
      say('This checks your Venice API key, lets you pick a default model, and adds Venice to your OpenClaw config.');
      say(`${c.dim('Config:')} ${describeLocation(loc)}\n`);
    },
    keyChecked: () => flags.keyChecked(),
    key: async (storedKeys: Promise<readonly FoundKey[]>, check: KeyChecker) => {
      if (o.apiKeyStdin || o.apiKeyFlag !== undefined) return flags.key(storedKeys, check);
      const found = await storedKeys;
      const envKey = ctx.env.VENICE_API_KEY?.trim();
      if (envKey && isPlaceholderKey(envKey)) {
        say(`${c.yellow('!')} VENICE_API_KEY in your environment holds a placeholder (${showPlaceholder(envKey)}), not a key.`);
      } else if (envKey) {
        ctx.secrets.add(envKey);
        const key = await offer(envKey, `Use VENICE_API_KEY from your environment (${maskKey(envKey)})?`, check);
        if (key !== undefined) return key;
      }
      // A stored placeholder is not offered: it is what the key typed below replaces.
      for (const f of found.filter(isPlaceholder)) say(`${c.yellow('!')} ${whereStored(f)} holds a placeholder (${showPlaceholder(f.key)}), not a key.`);
      const stored = found.find((f) => !isPlaceholder(f));
      if (stored && stored.key !== envKey) {
        ctx.secrets.add(stored.key);
        const key = await offer(stored.key, `Keep the key in the ${PLACE_LABEL[stored.place]} (${maskKey(stored.key)})?`, check);
        if (key !== undefined) return key;
      }
      return typedKey(check);
    },
    missingKey: flags.missingKey,
    waitForCatalog: async (pending: Promise<Catalog>) => {
      const ready = await Promise.race([pending.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), 50))]);
      if (ready) return pending;
      const spinner = startSpinner(ctx.stderr, 'Fetching the Venice model list…');
      try {
        return await pending;
      } finally {
        spinner.stop();
      }
    },
    model: async (catalog: Catalog, currentId: string | undefined) => {
      const groups = buildModelGroups(catalog);
      const ids = new Set(catalog.models.map((m) => m.id));
      // The current default under its current name (a renamed id is followed), else the house default.
      const current = currentId === undefined ? undefined : resolveModel(currentId, catalog.models, catalog.renames);
      const preselect = current?.ok && callableByOpenclaw(current.model) ? current.model.id : chooseDefaultModel(catalog.models, catalog.traits, DEFAULT_MODEL_ID)?.model.id;
      return p.search('Default model (type to search):', groups, preselect !== undefined && ids.has(preselect) ? preselect : undefined);
    },
    storage: async (existing: KeyStorage | undefined) => {
      if (existing === undefined || o.keyStorage !== undefined) return undefined;
      return p.select<KeyStorage>(
        'Where should the key be stored?',
        [
          { value: 'config', name: 'config — env block of the OpenClaw config (file mode 0600)' },
          { value: 'dotenv', name: 'dotenv — the .env file next to the config' },
          { value: 'auth-profile', name: "auth-profile — OpenClaw's own credential store" },
          { value: 'none', name: 'none — I provide VENICE_API_KEY to OpenClaw myself' },
        ],
        existing,
      );
    },
    confirmReplace: async (description: string, moveOnly: boolean, target: string) => {
      const question = moveOnly ? `Move the key (${description}) to the ${target}?` : `Replace the existing key (${description})?`;
      if (await p.confirm(question, true)) return;
      throw new CliError('cancelled', 'Kept the existing key. Nothing was written.', { exitCode: ExitCode.cancelled });
    },
    installPlugin: async () => p.confirm(`Install the Venice plugin for OpenClaw now (${VENICE_PLUGIN_INSTALL}, keeping your config's comments)?`, true),
    confirmWrite: async (diff: () => string) => {
      say(`\n${c.bold('Changes:')}\n${diff()}`);
      return p.confirm('Write these changes?', true);
    },
  };
}
