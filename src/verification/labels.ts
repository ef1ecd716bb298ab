/** The words the verification marks use, in the page's language: Starlight's translations (translations.ts). */

/** What the labels need of the engine a block ran on. */
export interface EngineIdentity {
	version: string;
	store: 'containerd' | 'classic';
}

export interface VerificationLabels {
	/** The chapter's line at its top: where and when its examples ran. */
	chapter: (engine: EngineIdentity, date: string) => string;
	/** The link to the chapter as one shell script. */
	script: string;
	/** Under a block that ran (the engine and date are in the chapter's line). */
	passed: string;
	skipped: (reason: string) => string;
	stale: string;
	output: string;
	shortened: (lines: number) => string;
	/** A part of a recorded output that differs from run to run. */
	varying: string;
	/** The line of a fold that holds lines a `...` absorbed. */
	fold: (lines: number) => string;
	/** A folded setup group: its name, what it does, and where it was first explained. */
	setup: string;
	setupSummary: (files: readonly string[], commands: number) => string;
	setupFrom: string;
}

/**
 * Starlight's `t` (from `useTranslations`, or `Astro.locals.t` in a component), as far as the
 * labels need it. Values are text, never HTML, so i18next must not escape them.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

function filled(t: Translate, key: string, values: Record<string, unknown> = {}): string {
	return t(key, { ...values, interpolation: { escapeValue: false } });
}

/** The labels in the page's language, from the strings injected into Starlight (translations.ts). */
export function verificationLabels(t: Translate): VerificationLabels {
	return {
		chapter: (engine, date) => filled(t, 'layerbook.block.chapter', { engine: engineName(engine, t), date }),
		script: filled(t, 'layerbook.block.script'),
		passed: filled(t, 'layerbook.block.passed'),
		skipped: (reason) => filled(t, 'layerbook.block.skipped', { reason }),
		stale: filled(t, 'layerbook.block.stale'),
		output: filled(t, 'layerbook.block.output'),
		shortened: (lines) => filled(t, 'layerbook.block.shortened', { lines }),
		varying: filled(t, 'layerbook.block.varying'),
		fold: (lines) => filled(t, 'layerbook.block.fold', { lines }),
		setup: filled(t, 'layerbook.setup.name'),
		setupSummary: (files, commands) => {
			const written = filled(t, 'layerbook.setup.files', { count: files.length, names: files.join(', ') });
			const ran = filled(t, 'layerbook.setup.commands', { count: commands });
			if (commands === 0) return filled(t, 'layerbook.setup.onlyFiles', { files: written });
			if (files.length === 0) return filled(t, 'layerbook.setup.onlyCommands', { commands: ran });
			return filled(t, 'layerbook.setup.both', { files: written, commands: ran });
		},
		setupFrom: filled(t, 'layerbook.setup.from'),
	};
}

/** The engine as a reader names it: "Docker Engine 28.5.2 (containerd image store)". */
export function engineName(engine: EngineIdentity, t: Translate): string {
	// Distribution packaging suffixes (28.5.2+dfsg4) are not part of Docker's version.
	const version = /^\d+(?:\.\d+)*/.exec(engine.version)?.[0] ?? engine.version;
	return `Docker Engine ${version} (${filled(t, `layerbook.store.${engine.store}`)})`;
}

/** The record's ISO date as the reader's calendar day, the same on every machine. */
export function recordDay(isoDate: string): string {
	return isoDate.slice(0, 10);
}
