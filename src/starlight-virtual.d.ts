/**
 * The Search override imports Starlight's Pagefind settings from a virtual module, which Starlight
 * declares only for its own components.
 */
declare module 'virtual:starlight/pagefind-config' {
	export const pagefindUserConfig: Partial<Extract<import('@astrojs/starlight/types').StarlightConfig['pagefind'], object>>;
}
