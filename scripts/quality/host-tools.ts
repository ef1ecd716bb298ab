/**
 * The quality checks' host tools (Debian's Chromium and a Korean font, Debian's shellcheck). They
 * are installed by `npm run setup` before any test runs; here they are only looked up, and a
 * missing one fails at once with the command that installs it.
 */
import { requireHostPackage } from '../host/packages.ts';

export function chromiumPath(): string {
	requireHostPackage('fonts-nanum');
	return requireHostPackage('chromium');
}

export function shellcheckPath(): string {
	return requireHostPackage('shellcheck');
}
