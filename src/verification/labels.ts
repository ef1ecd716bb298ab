/** The words the verification marks use, in the page's language: Starlight's translations (translations.ts). */
import { type ImageStore, imageStores } from '../contract/store.ts';

/** What the labels need of the engine a block ran on. */
export interface EngineIdentity {
	version: string;
	store: ImageStore;
}

export interface VerificationLabels {
	/** The chapter's line at its top: the engine and stores its examples ran on (one engine per store), and when. */
	chapter: (engines: readonly EngineIdentity[], date: string) => string;
	/** The link to the chapter as one shell script. */
	script: string;
	/** Under a block that ran (the engine and date are in the chapter's line). */
	passed: string;
	/** Under a block that ran on both image stores. */
	passedOnBoth: string;
	/** Under one half of a store pair, which ran on its own store only. */
	passedOn: (store: ImageStore) => string;
	/** An image store's name, also the label of a store pair's tab. */
	store: (store: ImageStore) => string;
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
		chapter: (engines, date) => filled(t, 'layerbook.block.chapter', { engine: enginesPhrase(engines, t), date }),
		script: filled(t, 'layerbook.block.script'),
		passed: filled(t, 'layerbook.block.passed'),
		passedOnBoth: filled(t, 'layerbook.block.passedOnBoth'),
		passedOn: (store) => filled(t, 'layerbook.block.passedOn', { store: storeName(store, t) }),
		store: (store) => storeName(store, t),
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

/** The engine as a reader names it: "Docker Engine 28.5.2", its image store named apart (storeName). */
export function engineName(engine: Pick<EngineIdentity, 'version'>): string {
	// Distribution packaging suffixes (28.5.2+dfsg4) are not part of Docker's version.
	const version = /^\d+(?:\.\d+)*/.exec(engine.version)?.[0] ?? engine.version;
	return `Docker Engine ${version}`;
}

/** An image store as a reader names it: "containerd image store". */
export function storeName(store: ImageStore, t: Translate): string {
	return filled(t, `layerbook.store.${store}`);
}

/**
 * The engines a chapter ran on, with their stores: "Docker Engine 28.5.2 with the containerd image
 * store", both stores after one engine when the two ran the same version.
 */
export function enginesPhrase(engines: readonly EngineIdentity[], t: Translate): string {
	const sorted = [...engines].sort((a, b) => imageStores.indexOf(a.store) - imageStores.indexOf(b.store));
	const [first, second] = sorted;
	if (first === undefined) return '';
	const on = (name: string, store: string): string => filled(t, 'layerbook.block.engineWith', { engine: name, store });
	if (second === undefined) return on(engineName(first), storeName(first.store, t));
	if (engineName(first) === engineName(second)) {
		return on(engineName(first), filled(t, 'layerbook.block.bothStores', { first: storeName(first.store, t), second: storeName(second.store, t) }));
	}
	return filled(t, 'layerbook.block.bothEngines', {
		first: on(engineName(first), storeName(first.store, t)),
		second: on(engineName(second), storeName(second.store, t)),
	});
}

/** The record's ISO date as the reader's calendar day, the same on every machine. */
export function recordDay(isoDate: string): string {
	return isoDate.slice(0, 10);
}
